//! The file walk fails closed: an entry under the TOM or a policy directory that cannot be
//! read as what it should be stops the check (exit 2, naming it) in every mode, and the
//! working tree and git modes read the same files.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Output;

use super::support::{git, tomcheck, TODAY};

fn tomcheck_in(dir: &Path, args: &[&str]) -> Output {
    tomcheck()
        .arg("-C")
        .arg(dir)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap()
}

const CLEAN: &str = r#"[organization]
name = "Beispiel GmbH"
as_of = 2026-11-01
reviewed = 2026-11-01
"#;

/// A provider in the US without any agreement: two deny findings when read.
const BAD_PROVIDER: &str = r#"[[provider]]
id = "hidden"
name = "Hidden Corp"
country = "US"
role = "processor"
purpose = "Hosting"
personal_data = true
"#;

/// A repository whose committed TOM is clean apart from what each test adds.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(root.join("tom")).unwrap();
    std::fs::write(root.join("tom/organization.toml"), CLEAN).unwrap();
    std::fs::write(
        root.join("tomcheck.toml"),
        "[rules]\n\"measure.control-missing\" = \"off\"\n\"review.overdue\" = \"off\"\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "base"]);
    dir
}

fn assert_refused(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}\nstdout: {}\nstderr: {stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr.contains("unreadable-entry") || stderr.contains("symlink"),
        "{what}: {stderr}"
    );
}

/// Regression: a committed file whose name is not UTF-8 was skipped by the git modes, so
/// the gate said "no findings" for a US processor without an agreement.
#[test]
fn a_non_utf8_name_stops_every_mode() {
    let dir = repo();
    let root = dir.path();
    let name = OsStr::from_bytes(b"tom/\xff.toml");
    std::fs::write(root.join(name), BAD_PROVIDER).unwrap();
    // git add of a non-UTF-8 path: through the index with update-index.
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "non-utf8 name"]);
    for args in [
        &["check"][..],
        &["check", "--staged"],
        &["check", "--rev", "HEAD"],
        &["check", "--base", "HEAD~1"],
        &["diff", "HEAD~1", "HEAD"],
    ] {
        assert_refused(&tomcheck_in(root, args), &format!("{args:?}"));
    }
}

/// Regression: a submodule under tom/ passed the gate (its files are invisible to git
/// modes) while the working tree read them.
#[test]
fn a_submodule_stops_every_mode() {
    let sub = repo();
    std::fs::write(sub.path().join("tom/providers.toml"), BAD_PROVIDER).unwrap();
    git(sub.path(), &["add", "-A"]);
    git(sub.path(), &["commit", "-q", "-m", "sub"]);
    let dir = repo();
    let root = dir.path();
    git(
        root,
        &[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "-q",
            sub.path().to_str().unwrap(),
            "tom/vendor",
        ],
    );
    git(root, &["commit", "-q", "-m", "submodule"]);
    for args in [
        &["check"][..],
        &["check", "--staged"],
        &["check", "--rev", "HEAD"],
        &["check", "--base", "HEAD~1"],
    ] {
        assert_refused(&tomcheck_in(root, args), &format!("{args:?}"));
    }
}

/// Symbolic links of any name are refused in git modes; a link to a directory in the
/// working tree too (its files would be read under names git does not know).
#[test]
fn links_of_any_name_and_linked_directories_are_refused() {
    let dir = repo();
    let root = dir.path();
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    std::fs::write(root.join("elsewhere/p.toml"), BAD_PROVIDER).unwrap();
    std::os::unix::fs::symlink("../elsewhere", root.join("tom/more")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "linked dir"]);
    for args in [
        &["check"][..],
        &["check", "--staged"],
        &["check", "--rev", "HEAD"],
    ] {
        assert_refused(&tomcheck_in(root, args), &format!("{args:?}"));
    }
}

/// Regression: the working tree skipped hidden files that git modes read; both read them.
#[test]
fn hidden_files_are_read_in_every_mode() {
    let dir = repo();
    let root = dir.path();
    std::fs::write(root.join("tom/.hidden.toml"), BAD_PROVIDER).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "hidden"]);
    for args in [
        &["check"][..],
        &["check", "--staged"],
        &["check", "--rev", "HEAD"],
    ] {
        let out = tomcheck_in(root, &[args, &["--format", "json"]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["subject"] == "provider:hidden" && f["rule"] == "avv.missing"),
            "{args:?}: {json}"
        );
    }
}

/// Regression: `tom -> ../elsewhere` committed and cloned showed a snippet of a file
/// outside the repository. The TOM directory itself must stay inside.
#[test]
fn a_tom_directory_leading_outside_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.toml"),
        "token = \"s3cr3t-value\"\n",
    )
    .unwrap();
    let dir = repo();
    let root = dir.path();
    std::fs::remove_dir_all(root.join("tom")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("tom")).unwrap();
    let out = tomcheck_in(root, &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("outside the checked directory"), "{stderr}");
    assert!(!stderr.contains("s3cr3t"), "{stderr}");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "tom is a link"]);
    for args in [&["check", "--staged"][..], &["check", "--rev", "HEAD"]] {
        let out = tomcheck_in(root, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("s3cr3t"), "{stderr}");
    }
}

/// A policy directory is walked the same way: a submodule under policies/ stops the check.
#[test]
fn a_policy_directory_with_a_non_utf8_name_is_refused() {
    let dir = repo();
    let root = dir.path();
    std::fs::create_dir_all(root.join("policies")).unwrap();
    std::fs::write(
        root.join(OsStr::from_bytes(b"policies/\xfe.rego")),
        "package tom.x\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "policy"]);
    for args in [
        &["check"][..],
        &["check", "--rev", "HEAD"],
        &["check", "--staged"],
    ] {
        assert_refused(&tomcheck_in(root, args), &format!("{args:?}"));
    }
}
