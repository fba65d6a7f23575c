//! `tomcheck hook install|uninstall` with real `git commit`s: a bad commit is blocked with
//! the diagnostic, a clean one goes through, foreign hooks survive, and the hook lands in
//! the directory git actually uses (`core.hooksPath`, linked worktrees, subdirectories).

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

fn clean_repo() -> Repo {
    let repo = Repo::new();
    write_tom(&repo, &named_provider("hoster", "Hoster GmbH", true));
    repo.commit_all("clean TOM");
    repo
}

/// `tomcheck hook install ARGS` in `dir`, with the exit code it must have.
#[track_caller]
fn install(dir: &Path, args: &[&str], exit: i32) -> Output {
    let all: Vec<&str> = ["hook", "install"].iter().chain(args).copied().collect();
    run(dir, &all, exit)
}

/// Where git itself looks for hooks, asked from `dir`.
fn git_hooks_dir(dir: &Path) -> PathBuf {
    let hooks = git(
        dir,
        &["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
    );
    let hooks = PathBuf::from(hooks.trim());
    hooks.canonicalize().unwrap_or(hooks)
}

/// Asserts that git refused the commit because the hook found the provider `name (id)`
/// without an AVV. Any other failure (a git error, a hook that cannot run, an input error
/// of tomcheck) also fails `git commit`, so a non-zero exit alone proves nothing.
#[track_caller]
fn assert_blocked(out: &Output, name: &str, id: &str) {
    let all = stdout(out) + &stderr(out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("avv.missing"), "{all}");
    assert!(
        all.contains(&format!("Provider \"{name}\" ({id})")),
        "{all}"
    );
}

fn add_bad_provider(repo: &Repo) {
    repo.write(
        "tom/providers.toml",
        &(repo.read("tom/providers.toml")
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
}

#[test]
fn a_bad_commit_is_blocked_and_a_clean_one_goes_through() {
    let repo = clean_repo();
    let out = install(repo.path(), &[], 0);
    assert!(stdout(&out).contains("installed the tomcheck pre-commit hook"));

    add_bad_provider(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "add newsletter"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    let all = stdout(&out) + &stderr(&out);
    assert!(all.contains("tom/providers.toml (staged)"), "{all}");
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");

    // Fix it in the index: the commit goes through.
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("newsletter", "Newsletter-Dienst", true)),
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "add newsletter with AVV"]);
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "2");
}

#[test]
fn what_is_staged_counts_not_the_working_tree() {
    let repo = clean_repo();
    install(repo.path(), &[], 0);
    // `git commit -a` stages through a temporary index (GIT_INDEX_FILE): blocked.
    add_bad_provider(&repo);
    let out = repo.git_output(&["commit", "-a", "-m", "commit -a"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    // The bad change is only in the working tree; a staged clean file commits.
    repo.write("tom/notes.toml", "# Notizen\n");
    repo.git(&["add", "tom/notes.toml"]);
    let out = repo.git_output(&["commit", "-m", "notes"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn commits_that_touch_neither_tom_nor_policies_nor_config_skip_the_check() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider("it-admin", "IT-Service Weber", false),
    );
    repo.commit_all("legacy TOM with a deny finding");
    install(repo.path(), &[], 0);
    repo.write("README.md", "docs\n");
    repo.git(&["add", "README.md"]);
    let out = repo.git_output(&["commit", "-m", "docs only"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(!(stdout(&out) + &stderr(&out)).contains("avv.missing"));
    // Touching the configuration runs the check.
    repo.write("tomcheck.toml", "tom = \"tom\"\n");
    repo.git(&["add", "tomcheck.toml"]);
    let out = repo.git_output(&["commit", "-m", "config"]);
    assert_blocked(&out, "IT-Service Weber", "it-admin");
}

#[test]
fn an_existing_foreign_hook_is_never_overwritten() {
    let repo = clean_repo();
    let hooks = git_hooks_dir(repo.path());
    std::fs::create_dir_all(&hooks).unwrap();
    let foreign =
        "#!/bin/sh\necho foreign-hook-ran >> \"$(git rev-parse --git-dir)/foreign.log\"\n";
    let hook = hooks.join("pre-commit");
    std::fs::write(&hook, foreign).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    let out = install(repo.path(), &[], 2);
    assert!(stderr(&out).contains("left untouched"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--chain"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);

    // Uninstall leaves a foreign hook alone.
    let out = run(repo.path(), &["hook", "uninstall"], 0);
    assert!(stdout(&out).contains("not installed by tomcheck; left it alone"));
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);

    // --chain keeps it and runs it first; both run on every commit.
    install(repo.path(), &["--chain"], 0);
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.tomcheck-chained")).unwrap(),
        foreign
    );
    add_bad_provider(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "bad"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    assert!(repo.read(".git/foreign.log").contains("foreign-hook-ran"));

    // Installing again updates tomcheck's hook and keeps the chain.
    let out = install(repo.path(), &["--chain"], 0);
    assert!(stdout(&out).contains("updated"));

    // Uninstall puts the foreign hook back, byte for byte.
    run(repo.path(), &["hook", "uninstall"], 0);
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), foreign);
    assert!(!hooks.join("pre-commit.tomcheck-chained").exists());
}

#[test]
fn uninstall_removes_only_what_install_wrote() {
    let repo = clean_repo();
    install(repo.path(), &[], 0);
    let hook = git_hooks_dir(repo.path()).join("pre-commit");
    assert!(std::fs::read_to_string(&hook)
        .unwrap()
        .contains("tomcheck hook install"));
    let out = std::process::Command::new(tool("shellcheck"))
        .arg(&hook)
        .output()
        .unwrap();
    assert!(out.status.success(), "shellcheck: {}", stdout(&out));
    run(repo.path(), &["hook", "uninstall"], 0);
    assert!(!hook.exists());
    let out = run(repo.path(), &["hook", "uninstall"], 0);
    assert!(stdout(&out).contains("no tomcheck pre-commit hook is installed"));
}

#[test]
fn the_hook_goes_where_git_looks_core_hooks_path_from_a_subdirectory() {
    let repo = clean_repo();
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    let sub = repo.path().join("tom");
    let out = install(&sub, &[], 0);
    let expected = git_hooks_dir(&sub).join("pre-commit");
    assert!(
        expected.ends_with(".githooks/pre-commit"),
        "{}",
        expected.display()
    );
    assert!(expected.is_file(), "{}", stdout(&out));
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    // And git runs it: the bad commit is blocked.
    add_bad_provider(&repo);
    repo.git(&["add", "tom"]);
    let out = repo.git_output(&["commit", "-m", "bad"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
}

#[test]
fn a_linked_worktree_shares_the_hooks_of_the_repository() {
    let repo = clean_repo();
    let wt = repo.path().join("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "feature",
        wt.to_str().unwrap(),
    ]);
    let out = install(&wt, &[], 0);
    let expected = git_hooks_dir(&wt).join("pre-commit");
    assert!(expected.is_file(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&expected.display().to_string()),
        "{}",
        stdout(&out)
    );
    // A bad commit in the worktree is blocked.
    std::fs::write(
        wt.join("tom/providers.toml"),
        named_provider("newsletter", "Newsletter-Dienst", false),
    )
    .unwrap();
    let out = git_command()
        .current_dir(&wt)
        .args(["commit", "-a", "-m", "bad"])
        .output()
        .unwrap();
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
}

#[test]
fn install_outside_a_repository_is_an_input_error() {
    let dir = Repo::plain();
    let out = tomcheck()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["hook", "install"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not inside a git repository"));
}

// --- The pre-commit framework ----------------------------------------------------------

#[test]
fn the_hook_manifest_and_the_init_config_validate_with_pre_commit() {
    let pre_commit = tool("pre-commit");
    let root = manifest_dir();
    let out = command(&pre_commit)
        .args(["validate-manifest"])
        .arg(root.join(".pre-commit-hooks.yaml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let repo = Repo::new();
    run(repo.path(), &["init"], 0);
    let out = command(&pre_commit)
        .current_dir(repo.path())
        .args(["validate-config", ".pre-commit-config.yaml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// The real framework (PyPI `pre-commit`) builds this repository's committed HEAD with
/// cargo (`tomcheck-src`, `language: rust`) and runs the hook from `.pre-commit-hooks.yaml` on a staged
/// TOM with a deny finding: it must fail with the diagnostic.
#[test]
fn pre_commit_try_repo_runs_the_hook_and_blocks_a_bad_commit() {
    let pre_commit = tool("pre-commit");
    let root = manifest_dir();
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider("newsletter", "Newsletter-Dienst", false),
    );
    repo.write("README.md", "not checked\n");
    repo.git(&["add", "-A"]);
    let home = tempfile::tempdir().unwrap();
    let out = command(&pre_commit)
        .current_dir(repo.path())
        .args(["try-repo"])
        .arg(&root)
        .args([
            "tomcheck-src",
            "--ref",
            "HEAD",
            "--verbose",
            "--color",
            "never",
        ])
        .env("PRE_COMMIT_HOME", home.path())
        // One build directory across runs, and a quicker release profile: this test
        // checks the hook definition, not the optimiser.
        .env("CARGO_TARGET_DIR", root.join("target/pre-commit-try-repo"))
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "the hook must fail:\n{all}");
    assert!(all.contains("tomcheck (GDPR TOM)"), "{all}");
    assert!(all.contains("Failed"), "{all}");
    assert!(all.contains("avv.missing"), "{all}");
    assert!(all.contains("Newsletter-Dienst"), "{all}");
}
