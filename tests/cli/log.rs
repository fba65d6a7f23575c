//! `tomcheck log` and point-in-time checks (`check --rev REV --as-of-commit`,
//! `--rev 'main@{DATE}'`) on git histories generated in temporary directories.

use std::collections::HashSet;
use std::path::Path;

use crate::support::*;

/// 2025-01-01T09:00:00Z; commit `i` of a generated history is `i` days later.
const EPOCH: i64 = 1_735_722_000;

/// What commit `i` of the generated history holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct State {
    /// Processors without an AVV (`avv.missing` findings).
    missing_avv: usize,
    /// `tomcheck.toml` downgrades `avv.missing` to warn (from commit 150 on).
    downgraded: bool,
}

/// Every tenth commit only edits the README; the others change the number of
/// providers without AVV (cycling through 13 values, so trees repeat).
fn state(i: usize) -> State {
    let tom_commit = if i % 10 == 9 { i - 1 } else { i };
    State {
        missing_avv: (tom_commit * 7) % 13 % 5,
        downgraded: i >= 150,
    }
}

fn touches(i: usize) -> bool {
    i == 0 || i == 150 || (i % 10 != 9 && state(i).missing_avv != state(i - 1).missing_avv)
}

/// Builds the history with git2: much faster than 200 `git commit` processes.
fn generated_history(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    let blob = |text: &str| repo.blob(text.as_bytes()).unwrap();
    let measures = blob(&measures());
    let org = blob(ORGANIZATION);
    let mut parent: Option<git2::Oid> = None;
    for i in 0..n {
        let s = state(i);
        let mut providers = provider("hoster", true);
        for p in 0..s.missing_avv {
            providers.push_str(&provider(&format!("tool-{p}"), false));
        }
        let mut tom = repo.treebuilder(None).unwrap();
        tom.insert("organization.toml", org, 0o100644).unwrap();
        tom.insert("measures.toml", measures, 0o100644).unwrap();
        tom.insert("providers.toml", blob(&providers), 0o100644)
            .unwrap();
        let tom = tom.write().unwrap();
        let mut root = repo.treebuilder(None).unwrap();
        root.insert("tom", tom, 0o040000).unwrap();
        root.insert("README.md", blob(&format!("edit {}\n", i / 10)), 0o100644)
            .unwrap();
        if s.downgraded {
            root.insert(
                "tomcheck.toml",
                blob("[rules]\n\"avv.missing\" = \"warn\"\n"),
                0o100644,
            )
            .unwrap();
        }
        let tree = repo.find_tree(root.write().unwrap()).unwrap();
        let time = git2::Time::new(EPOCH + i as i64 * 86_400, 60);
        let sig = git2::Signature::new("Erika Mustermann", "dsb@example.de", &time).unwrap();
        let parents: Vec<git2::Commit> = parent
            .iter()
            .map(|p| repo.find_commit(*p).unwrap())
            .collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        let id = repo
            .commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("commit {i}"),
                &tree,
                &parents,
            )
            .unwrap();
        parent = Some(id);
    }
    dir
}

/// `tomcheck log ARGS` in `dir`, which must succeed, as JSON.
#[track_caller]
fn log_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let all: Vec<&str> = ["log"].iter().chain(args).copied().collect();
    run_json(dir, &all, 0)
}

#[test]
fn log_over_200_commits_counts_and_evaluates_each_tree_once() {
    let dir = generated_history(200);
    let report = log_json(dir.path(), &["--format", "json", "--today", TODAY]);
    assert_eq!(report["version"], 1);
    let commits = report["commits"].as_array().unwrap();
    let expected: Vec<usize> = (0..200).rev().filter(|i| touches(*i)).collect();
    let listed: Vec<usize> = commits
        .iter()
        .map(|c| {
            c["subject"]
                .as_str()
                .unwrap()
                .trim_start_matches("commit ")
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(
        listed, expected,
        "newest first, only commits that changed the TOM or config"
    );
    for (c, i) in commits.iter().zip(&expected) {
        let s = state(*i);
        let (deny, warn) = if s.downgraded {
            (0, s.missing_avv)
        } else {
            (s.missing_avv, 0)
        };
        assert_eq!(c["summary"]["deny"], deny, "commit {i}: {c}");
        assert_eq!(c["summary"]["warn"], warn, "commit {i}: {c}");
        assert_eq!(c["author"], "Erika Mustermann");
        assert_eq!(c["today"], TODAY);
        // Rule ids appear when the first provider without AVV comes, and disappear with the last.
        let before = if *i == 0 { 0 } else { state(i - 1).missing_avv };
        let appeared: Vec<&str> = if before == 0 && s.missing_avv > 0 {
            vec!["avv.missing"]
        } else {
            vec![]
        };
        let disappeared: Vec<&str> = if before > 0 && s.missing_avv == 0 {
            vec!["avv.missing"]
        } else {
            vec![]
        };
        assert_eq!(c["appeared"], serde_json::json!(appeared), "commit {i}");
        assert_eq!(
            c["disappeared"],
            serde_json::json!(disappeared),
            "commit {i}"
        );
    }
    // The cache: every distinct (TOM tree, config) is evaluated exactly once.
    let distinct: HashSet<State> = (0..200).map(state).collect();
    assert!(
        distinct.len() < expected.len() / 4,
        "the history must repeat trees to test the cache"
    );
    assert_eq!(report["stats"]["walked"], 200);
    assert_eq!(report["stats"]["listed"], expected.len());
    assert_eq!(
        report["stats"]["evaluations"],
        distinct.len(),
        "each distinct tree evaluated once"
    );
}

#[test]
fn log_is_the_same_on_one_thread_and_many() {
    let dir = generated_history(60);
    let one = log_json(
        dir.path(),
        &["--format", "json", "--today", TODAY, "-j", "1"],
    );
    let four = log_json(
        dir.path(),
        &["--format", "json", "--today", TODAY, "-j", "4"],
    );
    assert_eq!(one, four);
}

#[test]
fn log_human_output() {
    let dir = generated_history(12);
    let out = run(dir.path(), &["log", "--today", TODAY], 0);
    insta::assert_snapshot!("log.human", stdout(&out));
}

#[test]
fn log_in_german() {
    let dir = generated_history(12);
    let out = run(dir.path(), &["log", "--today", TODAY, "--lang", "de"], 0);
    let text = stdout(&out);
    assert!(text.contains("12.01.2025"), "{text}");
    assert!(!text.contains("distinct trees"), "{text}");
    insta::assert_snapshot!("log.human.de", text);
    let out = run(
        dir.path(),
        &["log", "--today", TODAY, "--lang", "de", "--narrate"],
        0,
    );
    let text = stdout(&out);
    assert!(
        text.contains("Commit ac024bf vom 12.01.2025 von Erika Mustermann, „commit 11“"),
        "{text}"
    );
    assert!(text.contains("Hinzugekommen: avv.missing."), "{text}");
}

#[test]
fn log_takes_a_range() {
    let dir = generated_history(30);
    let report = log_json(
        dir.path(),
        &["HEAD~10..HEAD", "--format", "json", "--today", TODAY],
    );
    assert_eq!(report["range"], "HEAD~10..HEAD");
    assert_eq!(report["stats"]["walked"], 10);
    let subjects: Vec<&str> = report["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (20..30)
        .rev()
        .filter(|i| touches(*i))
        .map(|i| format!("commit {i}"))
        .collect();
    assert_eq!(subjects, expected);
    // The oldest listed commit still compares with its parent outside the range.
    let oldest = report["commits"].as_array().unwrap().last().unwrap();
    assert_eq!(oldest["subject"], "commit 20");
    let out = run(dir.path(), &["log", "nope..HEAD"], 2);
    assert!(
        stderr(&out).contains("unknown range 'nope..HEAD'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn log_reports_a_commit_that_cannot_be_checked_and_goes_on() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("clean");
    repo.write("tom/providers.toml", "[[provider]\nid = \"x\"\n");
    repo.commit_all("broken TOML");
    repo.write("tom/providers.toml", &provider("hoster", true));
    repo.commit_all("fixed");
    let report = log_json(repo.path(), &["--format", "json", "--today", TODAY]);
    let commits = report["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 3);
    assert_eq!(commits[1]["subject"], "broken TOML");
    assert_eq!(commits[1]["summary"], serde_json::Value::Null);
    assert!(
        commits[1]["error"]
            .as_str()
            .unwrap()
            .contains("providers.toml"),
        "{}",
        commits[1]
    );
    // "fixed" has the same tree as "clean": one evaluation for both.
    assert_eq!(report["stats"]["evaluations"], 2);
}

/// A repository with a provider whose AVV expired on 2025-06-30, committed on the dates given.
fn avv_expiry_repo() -> Repo {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "tom/providers.toml",
        "[[provider]]\nid = \"hoster\"\nname = \"Hoster GmbH\"\ncountry = \"DE\"\nrole = \"processor\"\npersonal_data = true\naccess = \"full\"\navv = { signed = 2023-01-10, expires = 2025-06-30 }\n",
    );
    git_at(&repo, "2025-05-01T12:00:00+02:00", &["add", "-A"]);
    git_at(
        &repo,
        "2025-05-01T12:00:00+02:00",
        &["commit", "-q", "-m", "TOM Mai"],
    );
    repo.write(
        "tom/organization.toml",
        &ORGANIZATION.replace("Muster GmbH", "Muster GmbH & Co. KG"),
    );
    git_at(&repo, "2025-08-01T12:00:00+02:00", &["add", "-A"]);
    git_at(
        &repo,
        "2025-08-01T12:00:00+02:00",
        &["commit", "-q", "-m", "TOM August"],
    );
    repo
}

/// git with the author and committer date (and so the reflog date) set to `date`.
fn git_at(repo: &Repo, date: &str, args: &[&str]) {
    let out = git_command()
        .args(args)
        .current_dir(repo.path())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn check_as_of_commit_uses_the_commit_date() {
    let repo = avv_expiry_repo();
    // In May 2025 the AVV was valid: what tomcheck said back then.
    let report = check_json(repo.path(), &["--rev", "HEAD~1", "--as-of-commit"], 0);
    assert_eq!(report["today"], "2025-05-01");
    // In August it had expired.
    let report = check_json(repo.path(), &["--rev", "HEAD", "--as-of-commit"], 1);
    assert_eq!(report["today"], "2025-08-01");
    assert!(rule_subjects(&report).contains(&("avv.expired".into(), "provider:hoster".into())));
    // --as-of-commit needs --rev and excludes --today.
    run(repo.path(), &["check", "--as-of-commit"], 2);
    run(
        repo.path(),
        &["check", "--rev", "HEAD", "--as-of-commit", "--today", TODAY],
        2,
    );
}

#[test]
fn check_rev_at_a_date_reads_the_reflog() {
    let repo = avv_expiry_repo();
    let may = repo.git(&["rev-parse", "HEAD~1"]).trim().to_string();
    let report = check_json(
        repo.path(),
        &["--rev", "main@{2025-06-30}", "--today", "2025-06-30"],
        0,
    );
    assert_eq!(report["revision"], may.as_str());
}

#[test]
fn log_as_of_commit_evaluates_each_commit_at_its_date() {
    let repo = avv_expiry_repo();
    let report = log_json(repo.path(), &["--format", "json", "--as-of-commit"]);
    let commits = report["commits"].as_array().unwrap();
    let rows: Vec<(&str, &str, u64)> = commits
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["today"].as_str().unwrap(),
                c["summary"]["deny"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("TOM August", "2025-08-01", 1),
            ("TOM Mai", "2025-05-01", 0)
        ]
    );
    assert_eq!(commits[0]["appeared"], serde_json::json!(["avv.expired"]));
    assert_eq!(commits[0]["date"], "2025-08-01");
}

#[test]
fn diff_and_log_accept_today() {
    let repo = avv_expiry_repo();
    let report = run_json(
        repo.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "json",
            "--today",
            "2025-07-01",
        ],
        0,
    );
    assert_eq!(report["today"], "2025-07-01");
    // Both versions are judged on the same day, so the expiry is in both: no delta.
    assert_eq!(report["findings"]["new"], serde_json::json!([]));
    assert_eq!(report["old"]["date"], "2025-05-01");
    assert_eq!(report["new"]["date"], "2025-08-01");
}

#[test]
fn log_outside_a_repository_is_an_input_error() {
    let dir = Repo::plain();
    let out = run(dir.path(), &["log"], 2);
    assert!(
        stderr(&out).contains("not inside a git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_merge_is_compared_with_its_first_parent_and_shares_the_branch_evaluation() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "tom/providers.toml",
        &format!("{}{}", provider("hoster", true), provider("mailer", false)),
    );
    repo.commit_all("feature: mailer without AVV");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("README.md", "TOM of Muster GmbH\n");
    repo.commit_all("readme");
    repo.git(&["merge", "-q", "--no-ff", "feature", "-m", "merge feature"]);
    let report = log_json(repo.path(), &["--format", "json", "--today", TODAY]);
    let rows: Vec<(&str, u64, &serde_json::Value)> = report["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["summary"]["deny"].as_u64().unwrap(),
                &c["appeared"],
            )
        })
        .collect();
    let avv = serde_json::json!(["avv.missing"]);
    let none = serde_json::json!([]);
    assert_eq!(
        rows,
        [
            ("merge feature", 1, &avv),
            ("feature: mailer without AVV", 1, &avv),
            ("base", 0, &none),
        ]
    );
    // The merge has the feature's TOM tree; "readme" has the base's.
    assert_eq!(report["stats"]["evaluations"], 2);
}

#[test]
fn log_in_a_shallow_clone_stops_at_its_edge() {
    let origin = generated_history(20);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "5", &url, "c"]);
    let report = log_json(
        &clone.path().join("c"),
        &["--format", "json", "--today", TODAY],
    );
    assert_eq!(report["stats"]["walked"], 5);
    // The oldest commit of the clone has no parent here: all its rules "appeared".
    let oldest = report["commits"].as_array().unwrap().last().unwrap();
    assert_eq!(oldest["subject"], "commit 15");
}
