//! A date on a ref means commit time: `main@{2025-06-30}` is the last commit on main's
//! first-parent history dated that day or earlier, in every clone, never git's reflog
//! (which a fresh clone in CI does not have, so it silently checked the tip).

use std::path::Path;
use std::process::Output;

use super::support::{git_command, tomcheck};

/// git as the suite runs it, with author and committer date `date`.
fn git_at(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = git_command()
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn tomcheck_in(dir: &Path, args: &[&str]) -> Output {
    tomcheck().arg("-C").arg(dir).args(args).output().unwrap()
}

fn org(name: &str) -> String {
    format!("[organization]\nname = \"{name}\"\nas_of = 2025-01-01\nreviewed = 2025-01-01\n")
}

/// Three commits on 2025-03-10, 2025-06-29 23:30 +02:00 (still the 29th where it was made)
/// and 2025-07-02, cloned fresh: the clone's reflog knows only the clone.
fn history() -> (tempfile::TempDir, Vec<String>) {
    let origin = tempfile::tempdir().unwrap();
    let o = origin.path();
    git_at(o, "2025-03-10T10:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(o.join("tom")).unwrap();
    let mut ids = Vec::new();
    for (date, name) in [
        ("2025-03-10T10:00:00Z", "March"),
        ("2025-06-29T23:30:00+02:00", "June"),
        ("2025-07-02T09:00:00Z", "July"),
    ] {
        std::fs::write(o.join("tom/organization.toml"), org(name)).unwrap();
        git_at(o, date, &["add", "-A"]);
        git_at(o, date, &["commit", "-q", "-m", name]);
        ids.push(git_at(o, date, &["rev-parse", "HEAD"]));
    }
    let clone = tempfile::tempdir().unwrap();
    git_at(
        clone.path(),
        "2026-01-01T00:00:00Z",
        &["clone", "-q", o.to_str().unwrap(), "repo"],
    );
    drop(origin);
    (clone, ids)
}

fn revision(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["revision"].as_str().unwrap().to_string()
}

#[test]
fn a_date_on_a_ref_picks_the_commit_of_that_day_in_a_fresh_clone() {
    let (dir, ids) = history();
    let repo = dir.path().join("repo");
    let check = |rev: &str| {
        tomcheck_in(
            &repo,
            &[
                "check",
                "--rev",
                rev,
                "--today",
                "2025-08-01",
                "--format",
                "json",
                "--no-builtin",
            ],
        )
    };
    assert_eq!(revision(&check("main@{2025-03-10}")), ids[0]);
    assert_eq!(revision(&check("main@{2025-06-28}")), ids[0]);
    // 23:30 at +02:00 is still the 29th where it was committed.
    assert_eq!(revision(&check("main@{2025-06-29}")), ids[1]);
    assert_eq!(revision(&check("main@{2025-07-01}")), ids[1]);
    assert_eq!(revision(&check("origin/main@{2025-07-01}")), ids[1]);
    assert_eq!(revision(&check("@{2030-01-01}")), ids[2]);
    // The human output names the chosen commit and its date.
    let out = tomcheck_in(
        &repo,
        &[
            "check",
            "--rev",
            "main@{2025-07-01}",
            "--today",
            "2025-08-01",
            "--no-builtin",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{} of 2025-06-29", &ids[1][..7])),
        "{text}"
    );
}

#[test]
fn a_date_before_the_history_or_a_reflog_form_is_refused() {
    let (dir, _) = history();
    let repo = dir.path().join("repo");
    for rev in [
        "main@{2025-03-09}",
        "main@{yesterday}",
        "main@{1}",
        "main@{2025-13-01}",
    ] {
        let out = tomcheck_in(&repo, &["check", "--rev", rev, "--no-builtin"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{rev}: {stderr}");
        assert!(stderr.contains("git-unknown-rev"), "{rev}: {stderr}");
    }
}

#[test]
fn diff_and_log_read_dates_the_same_way() {
    let (dir, ids) = history();
    let repo = dir.path().join("repo");
    let out = tomcheck_in(
        &repo,
        &[
            "diff",
            "main@{2025-03-31}",
            "main@{2025-06-30}",
            "--format",
            "json",
            "--no-builtin",
            "--today",
            "2025-08-01",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["old"]["revision"], ids[0].as_str());
    assert_eq!(json["new"]["revision"], ids[1].as_str());
    let out = tomcheck_in(
        &repo,
        &[
            "log",
            "main@{2025-03-31}..main@{2025-06-30}",
            "--format",
            "json",
            "--no-builtin",
            "--today",
            "2025-08-01",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let commits: Vec<&str> = json["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["commit"].as_str().unwrap())
        .collect();
    assert_eq!(commits, [ids[1].as_str()]);
}
