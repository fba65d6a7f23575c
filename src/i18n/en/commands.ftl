# tomcheck's own texts, English: commands. Every id has a German twin in ../de/commands.ftl.

## hook
hook-put-back = put the hook that tomcheck had chained back in place at { $hook } (the tomcheck hook that ran it was missing)
hook-removed-copy = removed { $copy }, a copy of the pre-commit hook that an interrupted install left behind
hook-removed-temp = removed { $name }, a temporary file that an interrupted tomcheck left in { $dir }
hook-up-to-date = the tomcheck pre-commit hook at { $hook } is installed and up to date
hook-chained-runs-first = the hook kept as { $chained } runs first
hook-replaced-kept = the hook it replaced was kept as { $copy }
hook-existing-kept = the existing hook was kept as { $chained } and runs first
hook-installed = installed the tomcheck pre-commit hook at { $hook }; it checks the TOM in { $tom }/
hook-updated = updated the tomcheck pre-commit hook at { $hook }; it checks the TOM in { $tom }/
hook-new-only = only findings a commit adds block it (--new-only); findings HEAD already has do not
hook-none-chained-back = no tomcheck pre-commit hook was installed; the hook it had chained is back at { $hook }
hook-none = no tomcheck pre-commit hook is installed in { $dir }
hook-not-ours = the pre-commit hook at { $hook } was not installed by tomcheck; left it alone
hook-removed-its-copy = removed { $copy }, a copy of it that an interrupted install left behind
hook-removed-chained-back = removed the tomcheck pre-commit hook; the hook it chained is back at { $hook }
hook-removed = removed the tomcheck pre-commit hook at { $hook }
hook-blocked-new = tomcheck: the commit is blocked because it adds the findings marked [new] above; findings that HEAD already has do not block it (the hook was installed with --new-only). See all findings with `{ $see }`; skip this check once with `git commit --no-verify`.
hook-blocked = tomcheck: the commit is blocked by the findings above. See all findings with `{ $see }`; skip this check once with `git commit --no-verify`.

## init
init-removed-temp = removed { $path }, a temporary file that an interrupted run left behind
init-created = created { $path }
init-skipped = skipped { $path } (it exists; left unchanged)
init-next = next: describe your organisation in tom/, run `tomcheck check`, and commit.
    `tomcheck hook install` adds a git pre-commit hook (or use .pre-commit-config.yaml).

## test
test-pass = PASS
test-fail = FAIL
test-print = print: { $line }
test-coverage = coverage:
test-not-covered = (not covered: lines { $lines })
test-total = total
test-below-threshold = — below the threshold of { $threshold }%
test-threshold = (threshold { $threshold }%)
test-none-matched = no test matched
test-summary = { $passed } passed, { $failed } failed
test-opa-warning = warning: { $place }: `{ $expression }` may give other findings under OPA
test-opa-undefined = `{ $reference }` may be undefined; OPA then fails the whole rule body, where tomcheck counts the negation as true.
test-opa-fix = Give it a default (object.get(…, "key", default)) or test the missing key on its own: docs/writing-policies.md, "Rules that mean the same under OPA"

## test --mutants
mutants-survivor = { $place }: survived: { $operator } `{ $before }` → `{ $after }` ({ $rule })
mutants-summary = { $total } mutants: { $killed } killed, { $survived } survived, { $invalid } invalid, { $allowed } allowed
mutants-too-many = more survivors than --max-survivors allows: { $survived } > { $max }

## rules --reference
reference-checked = checked { $date }

## schema, man
schema-title = tomcheck TOM format { $version }
schema-description = Technical and organisational measures (Art. 32 GDPR) and service providers as facts. One file of a TOM directory; files are merged.
man-wrote = wrote { $path }
