//! The Action's own steps, run with bash as GitHub runs them (the install step has its
//! tests in `install.rs`, the pull-request gate in `formats.rs`): a push without a base,
//! a TOM that cannot be checked (exit code 2), the `fail-on` input, and the step that
//! appends the TOM diff to the job summary.

use std::path::Path;

use crate::support::*;

/// The `run` script of the step with id `id` in action.yml.
fn step(id: &str) -> String {
    let action: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap())
            .unwrap();
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id || s["name"] == id)
        .unwrap_or_else(|| panic!("no step {id}"))["run"]
        .as_str()
        .unwrap()
        .to_string()
}

/// What one run of a step left behind.
struct Ran {
    status: i32,
    annotations: String,
    outputs: String,
    summary: String,
    /// The runner's temporary directory (`RUNNER_TEMP`), kept for the files in it.
    _temp: tempfile::TempDir,
}

impl Ran {
    fn output(&self, key: &str) -> Option<&str> {
        self.outputs
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
    }
}

/// Runs a step's script in `dir` with the given inputs, as the runner would.
fn run_step(script: &str, dir: &Path, env: &[(&str, &str)]) -> Ran {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("output");
    let summary = temp.path().join("summary.md");
    std::fs::write(&summary, "").unwrap();
    let mut cmd = command("bash");
    cmd.current_dir(dir)
        .args(["-e", "-c", script])
        .env("TOMCHECK", crate::support::bin())
        .env("INPUT_PATH", ".")
        .env("INPUT_BASE", "")
        .env("INPUT_FAIL_ON", "")
        .env("INPUT_NEW_ONLY", "false")
        .env("INPUT_SARIF", "true")
        .env("PR_BASE_SHA", "")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("RUNNER_TEMP", temp.path())
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Ran {
        status: out.status.code().unwrap_or(-1),
        annotations: stdout(&out),
        outputs: std::fs::read_to_string(&output).unwrap_or_default(),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        _temp: temp,
    }
}

/// A repository with one provider lacking its AVV (deny) and a review long ago (warn).
fn repo_with_findings() -> Repo {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.write(
        "tom/organization.toml",
        "[organization]\nname = \"Muster GmbH\"\ncountry = \"DE\"\nreviewed = 2024-01-01\n",
    );
    repo.commit_all("tom");
    repo
}

/// On a push there is no base: the step checks HEAD plainly and reports the exit code;
/// the job decides later whether it fails.
#[test]
fn on_push_the_step_checks_head_without_a_base() {
    let repo = repo_with_findings();
    let ran = run_step(&step("check"), repo.path(), &[]);
    assert_eq!(ran.status, 0, "the step itself succeeds");
    assert!(ran.outputs.contains("exit-code=1\n"), "{}", ran.outputs);
    assert!(ran.outputs.contains("deny=1\n"), "{}", ran.outputs);
    assert!(ran.outputs.contains("warn=1\n"), "{}", ran.outputs);
    // Without a base nothing is new or existing.
    assert!(!ran.annotations.contains("(new)"), "{}", ran.annotations);
    assert!(
        ran.annotations.lines().any(|l| l.starts_with("::error ")),
        "{}",
        ran.annotations
    );
    assert!(ran.summary.contains("1 deny"), "{}", ran.summary);
}

/// `fail-on: warn` makes a warning fail, and its annotation is an error.
#[test]
fn the_fail_on_input_reaches_the_check() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "tom/organization.toml",
        "[organization]\nname = \"Muster GmbH\"\ncountry = \"DE\"\nreviewed = 2024-01-01\n",
    );
    repo.commit_all("only a warning");
    let ran = run_step(&step("check"), repo.path(), &[]);
    assert!(ran.outputs.contains("exit-code=0\n"), "{}", ran.outputs);
    let ran = run_step(&step("check"), repo.path(), &[("INPUT_FAIL_ON", "warn")]);
    assert!(ran.outputs.contains("exit-code=1\n"), "{}", ran.outputs);
    assert!(
        ran.annotations
            .lines()
            .any(|l| l.starts_with("::error ") && l.contains("review.overdue")),
        "{}",
        ran.annotations
    );
}

/// A TOM that cannot be checked: exit code 2 in the outputs, and still a SARIF log
/// saying why, so code scanning shows the reason.
#[test]
fn a_tom_that_cannot_be_checked_gives_exit_code_2_and_a_sarif_log() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write("tom/broken.toml", "[[provider]\nid = \"x\"\n");
    repo.commit_all("broken");
    let ran = run_step(&step("check"), repo.path(), &[]);
    assert_eq!(ran.status, 0, "the step itself succeeds");
    assert_eq!(ran.output("exit-code"), Some("2"), "{}", ran.outputs);
    // The SARIF log the step wrote for code scanning says why nothing was checked.
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ran.output("sarif-file").unwrap()).unwrap()).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{sarif}");
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notifications
            .iter()
            .any(|n| n.to_string().contains("broken.toml")),
        "{sarif}"
    );
}

/// The diff step appends the Markdown diff between the base and HEAD to the job summary
/// on pull requests, and does nothing on a push.
#[test]
fn the_diff_step_appends_the_tom_diff_to_the_summary() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("base");
    let base = repo.head();
    repo.write(
        "tom/providers.toml",
        &(provider("hoster", true) + &named_provider("newsletter", "Newsletter-Dienst", true)),
    );
    repo.commit_all("new provider");
    let script = step("Append the TOM diff to the job summary");
    let ran = run_step(&script, repo.path(), &[("PR_BASE_SHA", &base)]);
    assert_eq!(ran.status, 0);
    assert!(
        ran.summary.contains("provider:newsletter"),
        "{}",
        ran.summary
    );
    assert!(ran.summary.contains("Newsletter-Dienst"), "{}", ran.summary);
    let ran = run_step(&script, repo.path(), &[]);
    assert_eq!(ran.summary, "", "no base on a push: no diff");
}
