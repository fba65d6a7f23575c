//! One sanitiser for everything bound for a terminal or CI log: no control character
//! (but line feed and tab) and, outside `--format github`, no line that GitHub Actions
//! would run as a workflow command, whatever a TOM file, a file name, a policy, its
//! metadata, its `print` output or a commit says.

use std::path::Path;
use std::process::Output;

use super::support::{git_command, tomcheck};

/// git as the suite runs it, with an author name that tries to drive the terminal.
fn git(dir: &Path, args: &[&str]) {
    let out = git_command()
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Erika\u{1b}]0;T\u{7} Mustermann")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tomcheck_in(dir: &Path, args: &[&str]) -> Output {
    tomcheck().arg("-C").arg(dir).args(args).output().unwrap()
}

/// Both streams of `out` are safe for a terminal and a GitHub Actions log.
fn assert_safe(out: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for c in text.chars() {
            assert!(
                !c.is_control() || c == '\n' || c == '\t',
                "{what}: {stream} holds control character {c:?}:\n{text}"
            );
        }
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "{what}: {stream} has a workflow-command line {line:?}:\n{text}"
            );
        }
    }
}

const ORG: &str =
    "[organization]\nname = \"Beispiel GmbH\"\nas_of = 2026-11-01\nreviewed = 2026-11-01\n";

fn provider(name: &str) -> String {
    format!(
        "[[provider]]\nid = \"p\"\nname = {}\ncountry = \"US\"\nrole = \"processor\"\npurpose = \"x\"\npersonal_data = true\n",
        serde_json::to_string(name).unwrap()
    )
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    std::fs::write(dir.path().join("tom/organization.toml"), ORG).unwrap();
    dir
}

/// Regression: a file named `tom/esc\e]0;T\a\e[2J.toml` set the terminal title and
/// cleared the screen when its findings were shown.
#[test]
fn file_names_cannot_drive_the_terminal() {
    let dir = repo();
    let name = "tom/esc\u{1b}]0;T\u{7}\u{1b}[2J.toml";
    std::fs::write(dir.path().join(name), provider("Hoster")).unwrap();
    git(dir.path(), &["add", "-A"]);
    git(
        dir.path(),
        &["commit", "-q", "-m", "x\u{1b}[2J\n\n::error::subject"],
    );
    for args in [
        &["check", "--today", "2026-11-22"][..],
        &["check", "--narrate", "--today", "2026-11-22"],
        &["check", "--rev", "HEAD", "--today", "2026-11-22"],
        &["check", "--format", "markdown", "--today", "2026-11-22"],
        &["check", "--format", "junit", "--today", "2026-11-22"],
        &["log", "--today", "2026-11-22"],
    ] {
        let out = tomcheck_in(dir.path(), args);
        // check fails on the provider's findings; log reports them and exits 0.
        let expected = if args[0] == "log" { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_safe(&out, &format!("{args:?}"));
    }
}

/// Regression: an entity name `x\n::error::owned` became a workflow command in human
/// `diff` and `check --narrate`.
#[test]
fn entity_names_cannot_start_workflow_commands() {
    let dir = repo();
    std::fs::write(dir.path().join("tom/p.toml"), provider("Old")).unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "old"]);
    std::fs::write(
        dir.path().join("tom/p.toml"),
        provider("x\n::error::owned\r\u{9b}2J"),
    )
    .unwrap();
    for args in [
        &["diff", "--today", "2026-11-22"][..],
        &["diff", "--format", "markdown", "--today", "2026-11-22"],
        &["check", "--narrate", "--today", "2026-11-22"],
        &["check", "--today", "2026-11-22"],
    ] {
        assert_safe(&tomcheck_in(dir.path(), args), &format!("{args:?}"));
    }
}

/// Regression: a repository policy returning `"rule": "r\u001b]0;T\u0007\n::error::X"`,
/// with the same in its metadata and `print` output, reached the terminal raw.
#[test]
fn a_policy_cannot_drive_the_terminal() {
    let dir = repo();
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    std::fs::write(
        dir.path().join("policies/evil.rego"),
        r#"package tom.evil

# METADATA
# title: "T\u001b]0;title\u0007\n::error::meta"
# custom:
#   id: evil.rule
#   severity: deny
#   legal: "L\u001b[2J"
deny contains {"rule": "r\u001b]0;T\u0007\n::error::X", "subject": "provider:p\n::error::s", "message": "m\u001b[2J\n::error::msg"} if {
	print("printed \u001b]0;T\u0007\n::error::print")
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policies/evil_test.rego"),
        "package tom.evil_test\n\nimport data.tom.evil\n\ntest_fails if {\n\tprint(\"t\\u001b]0;T\\u0007\\n::error::p\")\n\tcount(evil.deny) == 0\n}\n",
    )
    .unwrap();
    for args in [
        &["check", "--today", "2026-11-22"][..],
        &["check", "--narrate", "--today", "2026-11-22"],
        &["check", "--format", "markdown", "--today", "2026-11-22"],
        &["rules"],
        &["explain", "evil.rule"],
        &["test", "policies", "--no-builtin"],
    ] {
        let out = tomcheck_in(dir.path(), args);
        assert_safe(&out, &format!("{args:?}"));
    }
    // The print output of the failing test is shown, cleaned.
    let out = tomcheck_in(dir.path(), &["test", "policies", "--no-builtin"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("print: ") && stdout.contains("t]0;T"),
        "{stdout}"
    );
}

/// Regression: a pull request's policy file named with a newline and `::error title=…::`
/// showed up raw in the gate's warning line.
#[test]
fn the_gate_warning_line_is_safe() {
    let dir = repo();
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    std::fs::write(
        dir.path()
            .join("policies/x\n::error title=owned::pwned.rego"),
        "package tom.x\n",
    )
    .unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "pr"]);
    let out = tomcheck_in(
        dir.path(),
        &["check", "--base", "HEAD~1", "--today", "2026-11-22"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("warning: this change touches"), "{stdout}");
    assert_safe(&out, "gate");
}
