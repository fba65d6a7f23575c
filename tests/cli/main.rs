//! End-to-end tests of the real `tomcheck` binary, as one test binary: the helpers
//! compile once, and cargo links one executable instead of one per file.

mod support; // Repo, tomcheck(), git_command(), run(), check_json(), small TOMs: env-clean

mod action; // the Action's steps as GitHub runs them: push, exit code 2, fail-on, diff summary
mod bad_input; // tests/bad/<case>/: exit code and pinned diagnostic per case
mod check; // `check` on the example TOM, fixtures, working tree, --staged, --rev
mod dated; // a date on a ref means commit time, never the reflog
mod diff; // `diff` between revisions, in every format
mod formats; // github, sarif, junit, markdown; init, completions, man; the Action
mod gate; // `check --base`: new, existing and resolved findings
mod help; // `--help` of every subcommand, snapshotted (after cargo-deny's `cli_snapshot`)
mod hook; // `hook install|uninstall` with real `git commit`s and pre-commit
mod install; // the PyPI wheel, the python pre-commit hook, the Action's install step
mod lang; // German and English: how the language is chosen, and that only text changes
mod log; // `log` and point-in-time checks over generated histories
mod mutants; // `test --mutants`: survivors found, allow comments, JSON, exit codes
mod opa; // the bundled policies under the real OPA engine give the same findings
mod output_bounds; // long lines, many findings on a line, XML and URI characters, -o files
mod pipe; // output into a reader that goes away keeps the exit code
mod policy_limits; // deep rule chains finish or meet the memory cap, never the stack
mod promises; // what README.md and docs/ promise: tomcheck.toml keys, waivers, context
mod reference; // reference data: layout, sources, dates, the update script
mod rule_texts; // every bundled rule in German and English; texts per language in policies
mod rules; // `rules`, `explain`, `test` and waivers
mod sandbox; // regorus is built without environment, network or clock builtins
mod sanitise; // no control character or workflow command reaches a terminal or log
mod sarif_fidelity; // SARIF as code scanning reads it: fingerprints, rules, exit 2
mod schema_agreement; // the JSON Schema and the loader judge documents alike
mod walk; // the file walk fails closed in every mode
