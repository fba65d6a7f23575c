//! `tomcheck test --mutants`, run as the real binary on the fixture policy directories
//! in `tests/fixtures/mutants/`: `weak/` has tests that cover every line but miss the
//! `< 30` boundary, `strong/` the same tests plus the boundary.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

use crate::support::{stderr, stdout};

/// The surviving mutant of `weak/`, as the human report shows it.
const WEAK_SURVIVOR: &str = "weak/retention.rego:16:2: survived: flip-comparison `b.retention_days < 30` → `b.retention_days <= 30` (acme.retention-short)";
/// The line of `retention.rego` the survivor is on.
const BOUNDARY: &str = "\tb.retention_days < 30\n";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mutants")
}

/// `tomcheck test --mutants <args>` in `dir`, without colours.
fn mutants(dir: &Path, args: &[&str]) -> Output {
    // The copy the shared helpers keep: the install tests relink target/debug/tomcheck.
    Command::new(crate::support::bin())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["test", "--mutants"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// A copy of a fixture directory in a temporary directory, as `<tmp>/<name>/`, with
/// `edit` applied to the text of `retention.rego`.
fn copy(fixture: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join(fixture);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(fixtures().join(fixture)).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap();
        let text = if name == "retention.rego" {
            edit(&text)
        } else {
            text
        };
        std::fs::write(to.join(name), text).unwrap();
    }
    tmp
}

/// `retention.rego` with `comment` at the end of the boundary line.
fn with_comment(comment: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(text.contains(BOUNDARY));
        text.replace(BOUNDARY, &format!("\tb.retention_days < 30 {comment}\n"))
    }
}

#[test]
fn a_weak_test_lets_the_boundary_mutant_survive() {
    let out = mutants(&fixtures(), &["weak"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{WEAK_SURVIVOR}\n9 mutants: 8 killed, 1 survived, 0 invalid, 0 allowed\n\
             more survivors than --max-survivors allows: 1 > 0\n"
        )
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_boundary_test_kills_every_mutant() {
    let out = mutants(&fixtures(), &["strong"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "9 mutants: 9 killed, 0 survived, 0 invalid, 0 allowed\n"
    );
}

#[test]
fn max_survivors_sets_how_many_may_survive() {
    let out = mutants(&fixtures(), &["weak", "--max-survivors", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(WEAK_SURVIVOR), "{}", stdout(&out));
    // Only with --mutants.
    let out = Command::new(crate::support::bin())
        .current_dir(fixtures())
        .args(["test", "weak", "--max-survivors", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_lists_every_mutant_with_its_outcome() {
    let out = mutants(&fixtures(), &["weak", "--format", "json", "--jobs", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["summary"],
        serde_json::json!({"killed": 8, "survived": 1, "invalid": 0, "allowed": 0})
    );
    let all = report["mutants"].as_array().unwrap();
    assert_eq!(all.len(), 9);
    let survivors: Vec<&serde_json::Value> =
        all.iter().filter(|m| m["outcome"] == "survived").collect();
    assert_eq!(
        survivors,
        vec![&serde_json::json!({
            "file": "weak/retention.rego",
            "line": 16,
            "column": 2,
            "operator": "flip-comparison",
            "before": "b.retention_days < 30",
            "after": "b.retention_days <= 30",
            "rule": "acme.retention-short",
            "head": "data.tom.acme.retention.warn",
            "outcome": "survived",
        })]
    );
    // A killed mutant names the test that killed it.
    let dropped_member = all
        .iter()
        .find(|m| m["operator"] == "drop-set-member" && m["after"] == "{\"cloud\"}")
        .unwrap();
    assert_eq!(dropped_member["outcome"], "killed");
    assert_eq!(
        dropped_member["killed_by"],
        "data.tom.acme.retention_test.test_fires_at_a_datacenter"
    );
    assert_eq!(dropped_member["rule"], serde_json::Value::Null);
    assert_eq!(dropped_member["head"], "data.tom.acme.retention._offsite");
}

#[test]
fn an_allow_comment_with_a_reason_allows_the_survivor() {
    let tmp = copy(
        "weak",
        with_comment(
            "# mutants: allow flip-comparison because retention is planned in weeks, never 30 days",
        ),
    );
    let out = mutants(tmp.path(), &["weak"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "9 mutants: 8 killed, 0 survived, 0 invalid, 1 allowed\n"
    );
    // The comment may also stand on its own line above the mutated one.
    let tmp = copy("weak", |text| {
        text.replace(
            BOUNDARY,
            &format!("\t# mutants: allow flip-comparison because of the reason\n{BOUNDARY}"),
        )
    });
    let out = mutants(tmp.path(), &["weak", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let allowed = report["mutants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["outcome"] == "allowed")
        .unwrap();
    assert_eq!(allowed["reason"], "of the reason");
    assert_eq!(allowed["line"], 17);
}

#[test]
fn an_allow_comment_without_a_reason_is_an_error() {
    let tmp = copy("weak", with_comment("# mutants: allow flip-comparison"));
    let out = mutants(tmp.path(), &["weak"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("mutants-allow"), "{err}");
    assert!(
        err.contains("the allow-list entry for flip-comparison gives no reason"),
        "{err}"
    );
    assert!(err.contains("retention.rego:16"), "{err}");
    assert_eq!(stdout(&out), "");
}

#[test]
fn an_allow_comment_that_matches_no_mutant_is_an_error() {
    let tmp = copy(
        "weak",
        with_comment("# mutants: allow remove-not because there is no not here"),
    );
    let out = mutants(tmp.path(), &["weak"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "the allow-list entry matches no mutant: there is no remove-not mutant on line 16"
        ),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn an_allow_comment_for_a_killed_mutant_is_stale() {
    let tmp = copy(
        "strong",
        with_comment("# mutants: allow flip-comparison because it used to survive"),
    );
    let out = mutants(tmp.path(), &["strong"]);
    assert_eq!(out.status.code(), Some(2));
    // The report still says what the run found.
    assert_eq!(
        stdout(&out),
        "9 mutants: 9 killed, 0 survived, 0 invalid, 0 allowed\n"
    );
    let err = stderr(&out);
    assert!(
        err.contains("the allow-list entry is not needed: the tests kill every flip-comparison mutant on line 16"),
        "{err}"
    );
}

#[test]
fn without_a_directory_the_repository_policies_are_mutated() {
    let tmp = tempfile::tempdir().unwrap();
    let policies = tmp.path().join("policies");
    std::fs::create_dir_all(&policies).unwrap();
    for name in ["retention.rego", "retention_test.rego"] {
        std::fs::copy(fixtures().join("weak").join(name), policies.join(name)).unwrap();
    }
    let out = mutants(tmp.path(), &["--no-builtin"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "policies/retention.rego:16:2: survived: flip-comparison `b.retention_days < 30`"
        ),
        "{}",
        stdout(&out)
    );
}

/// `print()` in a policy: quiet in a mutation run, where it would repeat for every
/// mutant, and no obstacle to running mutants in parallel.
#[test]
fn print_in_a_policy_stays_quiet_in_parallel_mutants() {
    let tmp = copy("strong", |text| {
        text.replace(
            BOUNDARY,
            &format!("\tprint(\"retention\", b.id)\n{BOUNDARY}"),
        )
    });
    let out = mutants(tmp.path(), &["strong", "--jobs", "2"]);
    // Dropping the print changes nothing a test could see.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("strong/retention.rego:16:2: survived: drop-expression `print(\"retention\", b.id)` → `true`"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), "");
}

/// regorus wrote the output of `print()` to standard error from the thread that
/// evaluates; while `main` held the lock of standard error, the first such write on a
/// worker thread of `tomcheck log` waited forever. Prints are now gathered (and standard
/// error stays unlocked for the other writers), so `log -j` finishes.
#[test]
fn print_in_a_policy_does_not_stall_log_on_worker_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(root)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::create_dir_all(root.join("tom")).unwrap();
    std::fs::create_dir_all(root.join("policies")).unwrap();
    std::fs::write(
        root.join("tom/organization.toml"),
        "[organization]\nname = \"Acme GmbH\"\nreviewed = 2026-10-01\n",
    )
    .unwrap();
    std::fs::write(
        root.join("policies/hello.rego"),
        "package tom.acme.hello\n\nwarn contains \"never\" if {\n\tprint(\"hello from a policy\")\n\tfalse\n}\n",
    )
    .unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-qm", "one"]);
    let out = Command::new(crate::support::bin())
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(["log", "--jobs", "2", "--today", "2026-11-22"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The print output is gathered by the engine, never written raw to standard error.
    assert!(
        !stderr(&out).contains("hello from a policy"),
        "{}",
        stderr(&out)
    );
}
