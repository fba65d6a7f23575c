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
    assert!(stderr(&out).contains("untouched"), "{}", stderr(&out));
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

    // Installing again leaves tomcheck's hook as it is and keeps the chain.
    let out = install(repo.path(), &["--chain"], 0);
    assert!(stdout(&out).contains("up to date"), "{}", stdout(&out));
    assert!(stdout(&out).contains("runs first"), "{}", stdout(&out));

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

// --- Ownership: by the whole content ------------------------------------------------

/// Writes an executable hook file.
fn write_hook(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Regression: lines a user appended to tomcheck's hook were overwritten by `install`.
#[test]
fn lines_a_user_added_to_the_hook_make_it_theirs() {
    let repo = clean_repo();
    install(repo.path(), &[], 0);
    let hooks = git_hooks_dir(repo.path());
    let hook = hooks.join("pre-commit");
    let edited = read(&hook) + "echo my-own-check >> \"$(git rev-parse --git-dir)/mine.log\"\n";
    write_hook(&hook, &edited);

    // install refuses, for the same and for another mode, and says how to go on.
    for args in [&[][..], &["--new-only"]] {
        let out = install(repo.path(), args, 2);
        let err = stderr(&out);
        assert!(err.contains("edited"), "{err}");
        assert!(err.contains("--force"), "{err}");
        assert!(err.contains("--chain"), "{err}");
        assert_eq!(read(&hook), edited);
    }
    // uninstall leaves it alone too (it still calls tomcheck: exit 2, not a silent 0).
    let out = run(repo.path(), &["hook", "uninstall"], 2);
    assert!(stderr(&out).contains("untouched"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(read(&hook), edited);

    // The edited hook still runs, with the user's line.
    add_bad_provider(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "bad"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");

    // --force replaces it and keeps the user's version.
    let out = install(repo.path(), &["--force"], 0);
    let text = stdout(&out);
    assert!(text.contains("pre-commit.tomcheck-replaced"), "{text}");
    assert_eq!(read(&hooks.join("pre-commit.tomcheck-replaced")), edited);
    assert!(!read(&hook).contains("my-own-check"));
    // A second forced replacement keeps the first copy and numbers the next one.
    write_hook(&hook, &(read(&hook) + "# mine again\n"));
    install(repo.path(), &["--force"], 0);
    assert_eq!(read(&hooks.join("pre-commit.tomcheck-replaced")), edited);
    assert!(read(&hooks.join("pre-commit.tomcheck-replaced.2")).ends_with("# mine again\n"));

    // uninstall --force removes an edited tomcheck hook.
    write_hook(&hook, &(read(&hook) + "# edited\n"));
    run(repo.path(), &["hook", "uninstall", "--force"], 0);
    assert!(!hook.exists());
}

/// Regression: a user's own hook that contained tomcheck's marker line was deleted by
/// `uninstall`.
#[test]
fn a_users_hook_that_copied_the_marker_line_is_not_removed() {
    let repo = clean_repo();
    let hook = git_hooks_dir(repo.path()).join("pre-commit");
    let users = "#!/bin/sh\n# Installed by `tomcheck hook install`; `tomcheck hook uninstall` removes it.\nmake lint\ntomcheck hook run\n";
    write_hook(&hook, users);
    let out = run(repo.path(), &["hook", "uninstall"], 2);
    assert!(stderr(&out).contains("untouched"), "{}", stderr(&out));
    assert_eq!(read(&hook), users);
    let out = install(repo.path(), &[], 2);
    assert!(stderr(&out).contains("untouched"), "{}", stderr(&out));
    assert_eq!(read(&hook), users);
    // Without the marker, uninstall has nothing of tomcheck's to remove: exit 0.
    let plain = "#!/bin/sh\nmake lint\n";
    write_hook(&hook, plain);
    let out = run(repo.path(), &["hook", "uninstall", "--force"], 0);
    assert!(stdout(&out).contains("not installed by tomcheck; left it alone"));
    assert_eq!(read(&hook), plain);
}

/// A symbolic link as the hook (husky, lefthook and dotfile managers make them) is the
/// user's, even when it points at tomcheck's script.
#[cfg(unix)]
#[test]
fn a_symlinked_hook_is_the_users() {
    let repo = clean_repo();
    install(repo.path(), &[], 0);
    let hooks = git_hooks_dir(repo.path());
    let hook = hooks.join("pre-commit");
    std::fs::rename(&hook, hooks.join("shared-hook")).unwrap();
    std::os::unix::fs::symlink("shared-hook", &hook).unwrap();
    install(repo.path(), &[], 2);
    run(repo.path(), &["hook", "uninstall"], 0);
    assert!(hook.symlink_metadata().unwrap().file_type().is_symlink());
}

/// Installing again in another mode updates tomcheck's own hook; the same mode changes
/// nothing.
#[test]
fn install_updates_its_own_hook_between_modes() {
    let repo = clean_repo();
    let hook = git_hooks_dir(repo.path()).join("pre-commit");
    install(repo.path(), &[], 0);
    let out = install(repo.path(), &["--new-only"], 0);
    assert!(stdout(&out).starts_with("updated"), "{}", stdout(&out));
    assert!(read(&hook).contains("hook run --new-only"));
    let out = install(repo.path(), &["--new-only"], 0);
    assert!(stdout(&out).contains("up to date"), "{}", stdout(&out));
    install(repo.path(), &[], 0);
    assert!(!read(&hook).contains("--new-only"));
    run(repo.path(), &["hook", "uninstall"], 0);
    assert!(!hook.exists());
}

// --- Which TOM the hook checks ------------------------------------------------------

/// A TOM with its own tomcheck.toml in `dir/` (as `tomcheck init` in that directory
/// writes it), committed clean.
fn repo_with_tom_in(dir: &str) -> Repo {
    let repo = Repo::new();
    repo.write(&format!("{dir}/tomcheck.toml"), "tom = \"tom\"\n");
    repo.write(&format!("{dir}/tom/organization.toml"), ORGANIZATION);
    repo.write(&format!("{dir}/tom/measures.toml"), &measures());
    repo.write(
        &format!("{dir}/tom/providers.toml"),
        &provider("hoster", true),
    );
    repo.write("README.md", "the TOM is in a subdirectory\n");
    repo.commit_all("TOM in a subdirectory");
    repo
}

/// Adds two processors without AVV to the providers file at `path`.
fn add_two_bad_providers(repo: &Repo, path: &str) {
    repo.write(
        path,
        &(repo.read(path)
            + &named_provider("newsletter", "Newsletter-Dienst", false)
            + &named_provider("crm", "CRM-Anbieter", false)),
    );
}

/// Regression: with the TOM in `compliance/`, `hook install` at the top installed a hook
/// that checked `tom/`, and a commit adding two deny findings passed silently.
#[test]
fn install_at_the_top_finds_a_tom_in_a_subdirectory() {
    let repo = repo_with_tom_in("compliance");
    let out = install(repo.path(), &[], 0);
    assert!(
        stdout(&out).contains("it checks the TOM in compliance/tom/"),
        "{}",
        stdout(&out)
    );
    add_two_bad_providers(&repo, "compliance/tom/providers.toml");
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "two processors without AVV"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    assert_blocked(&out, "CRM-Anbieter", "crm");
    let all = stdout(&out) + &stderr(&out);
    assert!(all.contains("2 deny"), "{all}");
    assert!(
        all.contains("See all findings with `tomcheck -C compliance check --staged`"),
        "{all}"
    );
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
}

/// tomcheck.toml at the top naming another TOM directory: the hook checks that one.
#[test]
fn install_uses_the_tom_directory_tomcheck_toml_names() {
    let repo = Repo::new();
    repo.write("tomcheck.toml", "tom = \"docs/dsgvo\"\n");
    repo.write("docs/dsgvo/organization.toml", ORGANIZATION);
    repo.write("docs/dsgvo/measures.toml", &measures());
    repo.write("docs/dsgvo/providers.toml", &provider("hoster", true));
    repo.commit_all("TOM in docs/dsgvo");
    let out = install(&repo.path().join("docs"), &[], 0);
    assert!(
        stdout(&out).contains("it checks the TOM in docs/dsgvo/"),
        "{}",
        stdout(&out)
    );
    add_two_bad_providers(&repo, "docs/dsgvo/providers.toml");
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "bad"]);
    assert_blocked(&out, "CRM-Anbieter", "crm");
    let all = stdout(&out) + &stderr(&out);
    assert!(
        all.contains("See all findings with `tomcheck check --staged`"),
        "{all}"
    );
}

/// Without a TOM, `install` refuses instead of writing a hook that checks nothing.
#[test]
fn install_without_a_tom_fails_loudly() {
    type Files = &'static [(&'static str, &'static str)];
    let cases: [(&str, Files, &str); 3] = [
        (
            "nothing",
            &[("README.md", "x\n")],
            "no TOM for the pre-commit hook",
        ),
        (
            "a tomcheck.toml naming a missing directory",
            &[("tomcheck.toml", "tom = \"compliance\"\n")],
            "tomcheck.toml names the TOM directory `compliance/`, which does not exist",
        ),
        (
            "two TOMs",
            &[
                ("a/tomcheck.toml", "tom = \"tom\"\n"),
                ("b/tomcheck.toml", "tom = \"tom\"\n"),
            ],
            "several tomcheck.toml files (a/tomcheck.toml, b/tomcheck.toml)",
        ),
    ];
    for (case, files, expected) in cases {
        let repo = Repo::new();
        for (path, text) in files {
            repo.write(path, text);
        }
        repo.commit_all(case);
        let out = install(repo.path(), &[], 2);
        assert!(stderr(&out).contains(expected), "{case}: {}", stderr(&out));
        assert!(
            !git_hooks_dir(repo.path()).join("pre-commit").exists(),
            "{case}"
        );
    }
    // Two TOMs: -C names the one.
    let repo = repo_with_tom_in("a");
    repo.write("b/tomcheck.toml", "tom = \"tom\"\n");
    repo.commit_all("second");
    let out = run(repo.path(), &["-C", "a", "hook", "install"], 0);
    assert!(
        stdout(&out).contains("it checks the TOM in a/tom/"),
        "{}",
        stdout(&out)
    );
}

/// A hook whose TOM directory is not in the index fails every commit loudly (exit 2 from
/// the hook), instead of passing because nothing relevant changed.
#[test]
fn the_hook_fails_loudly_when_the_index_has_no_tom() {
    let repo = clean_repo();
    install(repo.path(), &[], 0);
    // The TOM moves, but tomcheck.toml does not follow.
    repo.git(&["mv", "tom", "compliance"]);
    let out = repo.git_output(&["commit", "-m", "move the TOM"]);
    let all = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("the pre-commit hook checks the TOM in tom/, but the commit would not contain that directory"),
        "{all}"
    );
    assert!(all.contains("git commit --no-verify"), "{all}");
    assert!(all.contains("exit code 2"), "{all}");
    // An unrelated commit is not waved through either.
    repo.write("README.md", "docs\n");
    repo.git(&["add", "README.md"]);
    let out = repo.git_output(&["commit", "-m", "docs"]);
    assert!(!out.status.success());
    // Telling tomcheck where the TOM went fixes it.
    repo.write("tomcheck.toml", "tom = \"compliance\"\n");
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "move the TOM"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

// --- Baseline mode: only new findings block ---------------------------------------------

/// HEAD with two processors without AVV (legacy debt) and a clean one.
fn repo_with_debt() -> Repo {
    let repo = Repo::new();
    write_tom(
        &repo,
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("agentur", "Agentur GmbH", false)),
    );
    repo.commit_all("TOM with legacy debt");
    repo
}

#[test]
fn with_new_only_a_commit_that_fixes_findings_is_not_blocked_by_existing_debt() {
    let repo = repo_with_debt();
    let fix = named_provider("hoster", "Hoster GmbH", true)
        + &named_provider("it-admin", "IT-Service Weber", true)
        + &named_provider("agentur", "Agentur GmbH", false);

    // The default hook blocks the fix: the other legacy finding still fails.
    install(repo.path(), &[], 0);
    repo.write("tom/providers.toml", &fix);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "sign the AVV with it-admin"]);
    assert_blocked(&out, "Agentur GmbH", "agentur");
    let all = stdout(&out) + &stderr(&out);
    assert!(
        all.contains("tomcheck: the commit is blocked by the findings above. See all findings with `tomcheck check --staged`; skip this check once with `git commit --no-verify`."),
        "{all}"
    );

    // With --new-only the fix goes through.
    install(repo.path(), &["--new-only"], 0);
    let out = repo.git_output(&["commit", "-m", "sign the AVV with it-admin"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "2");

    // A commit that adds a finding is blocked, and only the new one is marked.
    add_bad_provider(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "add newsletter"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    let all = stdout(&out) + &stderr(&out);
    assert!(
        all.contains("[new] Provider \"Newsletter-Dienst\""),
        "{all}"
    );
    assert!(!all.contains("[new] Provider \"Agentur GmbH\""), "{all}");
    assert!(
        all.contains("findings that HEAD already has do not block it"),
        "{all}"
    );
    assert!(
        all.contains("See all findings with `tomcheck check --staged`"),
        "{all}"
    );
    assert!(all.contains("git commit --no-verify"), "{all}");
    // Docs-only commits still skip the check.
    repo.git(&["reset", "-q", "--hard"]);
    repo.write("README.md", "docs\n");
    repo.git(&["add", "README.md"]);
    let out = repo.git_output(&["commit", "-m", "docs"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// A commit cannot accept its own new finding with a waiver it adds: with --new-only the
/// finding counts as new and blocks the commit. The waiver's length counts from today
/// (the commit is made now), not from HEAD's date.
#[test]
fn with_new_only_a_commit_cannot_waive_its_own_new_finding() {
    let repo = repo_with_debt();
    install(repo.path(), &["--new-only"], 0);
    add_bad_provider(&repo);
    // Dated from today: TOMCHECK_TODAY is the evaluation date, HEAD is from 2026-01-15.
    repo.write(
        "tom/waivers.toml",
        "[[waiver]]\nid = \"newsletter-avv\"\nrule = \"avv.missing\"\nsubject = \"provider:newsletter\"\nreason = \"AVV folgt\"\napproved_by = \"DSB\"\nexpires = 2027-11-22\n",
    );
    repo.git(&["add", "-A"]);
    let commit = || {
        git_command()
            .current_dir(repo.path())
            .args(["commit", "-m", "newsletter, accepted"])
            .env("TOMCHECK_TODAY", TODAY)
            .output()
            .unwrap()
    };
    let out = commit();
    let all = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("[new, waived by this change] Provider \"Newsletter-Dienst\""),
        "{all}"
    );
    assert!(
        all.contains("warning: this change adds waiver \"newsletter-avv\""),
        "{all}"
    );
    assert!(!all.contains("waiver.too-long"), "{all}");
    // Signing the AVV instead lets it through (the now unused waiver only warns).
    repo.write(
        "tom/providers.toml",
        &(repo.read("tom/providers.toml").replace(
            "id = \"newsletter\"",
            "id = \"newsletter\"\navv = { signed = 2026-11-01 }",
        )),
    );
    repo.remove("tom/waivers.toml");
    repo.git(&["add", "-A"]);
    let out = commit();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

/// The first commit has no HEAD to compare with: every finding is new.
#[test]
fn with_new_only_the_first_commit_is_checked_whole() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", true));
    install(repo.path(), &["--new-only"], 0);
    write_tom(
        &repo,
        &named_provider("newsletter", "Newsletter-Dienst", false),
    );
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "first"]);
    assert_blocked(&out, "Newsletter-Dienst", "newsletter");
    write_clean_tom(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "first"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

// --- Interrupted runs -------------------------------------------------------------------

/// A process id that is not running.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// The temporary files tomcheck left under `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() && !p.ends_with(".git") {
                stack.push(p);
            } else if e.file_name().to_string_lossy().contains(".tomcheck-")
                && e.file_name().to_string_lossy().ends_with(".tmp")
            {
                found.push(p);
            }
        }
    }
    found
}

/// Regression: a killed `init` left `.x.tomcheck-PID.tmp` files behind. Kills at
/// different moments, then one run that completes: no temporary file remains, and the
/// files are whole.
#[cfg(unix)]
#[test]
fn init_killed_at_any_moment_leaves_no_temporary_file_after_the_next_run() {
    let dir = Repo::plain();
    let mut delays = (0..12u64).map(|i| std::time::Duration::from_micros(i * 1500));
    for delay in delays.by_ref() {
        let mut child = tomcheck()
            .current_dir(dir.path())
            .args(["init", "--today", TODAY])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // Starting over: what a killed run wrote stays, the next run completes it.
        if temp_files(dir.path()).is_empty() {
            for f in ["tomcheck.toml", "tom", ".github", ".pre-commit-config.yaml"] {
                let p = dir.path().join(f);
                if p.is_dir() {
                    std::fs::remove_dir_all(&p).unwrap();
                } else if p.exists() {
                    std::fs::remove_file(&p).unwrap();
                }
            }
        }
    }
    // Whatever the kills left, one with a dead process id for certain.
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    let stale = dir
        .path()
        .join(format!("tom/.providers.toml.tomcheck-{}.tmp", dead_pid()));
    std::fs::write(&stale, "[[provider]]\nid = \"half").unwrap();
    let out = run(dir.path(), &["init", "--today", TODAY], 0);
    assert!(
        stdout(&out).contains("a temporary file that an interrupted run left behind"),
        "{}",
        stdout(&out)
    );
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
    // A whole starter TOM was written: it checks, reporting its placeholders (exit 1).
    check(dir.path(), &[], 1);
}

/// Regression: a killed `hook install --chain` left `pre-commit.tomcheck-chained` next
/// to the untouched original, and the next install refused. Killed at different moments,
/// the next `install --chain` always completes, and `uninstall` restores the original.
#[cfg(unix)]
#[test]
fn a_killed_install_chain_is_recovered_by_the_next_install() {
    let repo = clean_repo();
    let hooks = git_hooks_dir(repo.path());
    let hook = hooks.join("pre-commit");
    let chained = hooks.join("pre-commit.tomcheck-chained");
    let users = "#!/bin/sh\necho users-hook >> \"$(git rev-parse --git-dir)/users.log\"\n";
    for i in 0..10u64 {
        let _ = std::fs::remove_file(&chained);
        write_hook(&hook, users);
        let mut child = repo
            .tomcheck()
            .args(["hook", "install", "--chain"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(i * 700));
        let _ = child.kill();
        let _ = child.wait();
        install(repo.path(), &["--chain"], 0);
        assert_eq!(read(&chained), users, "kill {i}");
        assert!(read(&hook).starts_with("#!/bin/sh\n# Installed by `tomcheck hook install`"));
        assert_eq!(temp_files(&hooks), Vec::<PathBuf>::new(), "kill {i}");
    }
    // The state a kill between keeping the copy and replacing the hook leaves.
    std::fs::remove_file(&chained).unwrap();
    write_hook(&hook, users);
    std::fs::hard_link(&hook, &chained).unwrap();
    let out = install(repo.path(), &[], 2);
    assert!(
        stdout(&out).contains("an interrupted install left behind"),
        "{}",
        stdout(&out)
    );
    assert!(!chained.exists());
    assert_eq!(read(&hook), users);
    std::fs::hard_link(&hook, &chained).unwrap();
    let out = run(repo.path(), &["hook", "uninstall"], 0);
    assert!(
        stdout(&out).contains("an interrupted install left behind"),
        "{}",
        stdout(&out)
    );
    assert!(!chained.exists());
    assert_eq!(read(&hook), users);
    // A different chained hook next to a user's hook is not guessed at.
    write_hook(&chained, "#!/bin/sh\necho other\n");
    let out = install(repo.path(), &["--chain"], 2);
    assert!(stderr(&out).contains("different hook"), "{}", stderr(&out));
    assert_eq!(read(&hook), users);
}

/// A chained hook whose main hook is gone (deleted by hand, or an interrupted
/// uninstall) is the hook that was there before tomcheck's: it is put back.
#[test]
fn a_chained_hook_without_its_main_hook_is_put_back() {
    let repo = clean_repo();
    let hooks = git_hooks_dir(repo.path());
    let hook = hooks.join("pre-commit");
    let chained = hooks.join("pre-commit.tomcheck-chained");
    let users = "#!/bin/sh\nexit 0\n";
    write_hook(&chained, users);
    // uninstall puts it back.
    let out = run(repo.path(), &["hook", "uninstall"], 0);
    assert!(stdout(&out).contains("is back at"), "{}", stdout(&out));
    assert_eq!(read(&hook), users);
    assert!(!chained.exists());
    // install without --chain puts it back and then refuses to replace it.
    std::fs::rename(&hook, &chained).unwrap();
    let out = install(repo.path(), &[], 2);
    assert!(stdout(&out).contains("back in place"), "{}", stdout(&out));
    assert_eq!(read(&hook), users);
    // install --chain chains it again.
    std::fs::rename(&hook, &chained).unwrap();
    install(repo.path(), &["--chain"], 0);
    assert_eq!(read(&chained), users);
    assert!(read(&hook).contains("Installed by `tomcheck hook install`"));
    // A stale temporary file in the hooks directory is removed by the next install.
    let stale = hooks.join(format!(".pre-commit.tomcheck-{}.tmp", dead_pid()));
    std::fs::write(&stale, "#!/bin/sh\n").unwrap();
    let out = install(repo.path(), &["--chain"], 0);
    if cfg!(unix) {
        assert!(!stale.exists(), "{}", stdout(&out));
    }
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

/// A hook repository with this working copy's `.pre-commit-hooks.yaml`, committed in
/// `dir`; its commit id. Tests the manifest as it is, not as last committed.
fn hook_repository(dir: &Path) -> String {
    std::fs::copy(
        manifest_dir().join(".pre-commit-hooks.yaml"),
        dir.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "hooks"]);
    git(dir, &["rev-parse", "HEAD"]).trim().to_string()
}

/// The pre-commit framework installed in `repo` with the `tomcheck-system` hook and the
/// given extra lines (`args`, `files`), running the tomcheck cargo built.
struct Framework {
    home: tempfile::TempDir,
    _hooks: tempfile::TempDir,
    path: std::ffi::OsString,
}

impl Framework {
    fn install(repo: &Repo, extra: &str) -> Self {
        let pre_commit = tool("pre-commit");
        let hooks = tempfile::tempdir().unwrap();
        let rev = hook_repository(hooks.path());
        repo.write(
            ".pre-commit-config.yaml",
            &format!(
                "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: tomcheck-system\n{extra}",
                hooks.path().display()
            ),
        );
        let bin = bin().parent().unwrap();
        let path = std::env::join_paths(
            std::iter::once(bin.to_path_buf())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let framework = Self {
            home: tempfile::tempdir().unwrap(),
            _hooks: hooks,
            path,
        };
        let out = command(&pre_commit)
            .current_dir(repo.path())
            .args(["install"])
            .env("PRE_COMMIT_HOME", framework.home.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
        framework
    }

    /// `git commit -m MESSAGE` with everything staged, through the framework's hook.
    fn commit(&self, repo: &Repo, message: &str) -> Output {
        repo.git(&["add", "-A"]);
        git_command()
            .current_dir(repo.path())
            .args(["commit", "-m", message])
            .env("PRE_COMMIT_HOME", self.home.path())
            .env("PATH", &self.path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

/// The recipe of docs/ci.md for a TOM with its tomcheck.toml in a subdirectory, with the
/// real framework: a bad commit is blocked, a fixed one passes, an unrelated one skips
/// the hook. (The recipe once set only `files`, and every commit failed with "no TOM
/// directory `tom/` in the index".)
#[test]
fn pre_commit_recipe_for_a_tom_in_a_subdirectory() {
    let docs = std::fs::read_to_string(manifest_dir().join("docs/ci.md")).unwrap();
    let recipe = "        args: [-C, compliance]\n        files: ^compliance/(tom/|policies/|tomcheck\\.toml$)\n";
    assert!(
        docs.contains(recipe),
        "docs/ci.md must show the tested recipe:\n{recipe}"
    );
    let repo = repo_with_tom_in("compliance");
    let framework = Framework::install(&repo, recipe);

    add_two_bad_providers(&repo, "compliance/tom/providers.toml");
    let out = framework.commit(&repo, "two processors without AVV");
    let all = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("tomcheck (GDPR TOM)") && all.contains("Failed"),
        "{all}"
    );
    assert!(
        all.contains("Provider \"Newsletter-Dienst\" (newsletter)"),
        "{all}"
    );
    assert!(all.contains("Provider \"CRM-Anbieter\" (crm)"), "{all}");
    assert!(!all.contains("no TOM directory"), "{all}");

    repo.write(
        "compliance/tom/providers.toml",
        &(provider("hoster", true)
            + &named_provider("newsletter", "Newsletter-Dienst", true)
            + &named_provider("crm", "CRM-Anbieter", true)),
    );
    let out = framework.commit(&repo, "with AVVs");
    let all = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("Passed"), "{all}");

    repo.write("README.md", "docs only\n");
    let out = framework.commit(&repo, "docs");
    let all = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("Skipped"), "{all}");
}

/// The other recipe of docs/ci.md: tomcheck.toml at the top names the TOM directory.
#[test]
fn pre_commit_recipe_for_a_tom_directory_named_in_tomcheck_toml() {
    let docs = std::fs::read_to_string(manifest_dir().join("docs/ci.md")).unwrap();
    let recipe = "        files: ^(docs/dsgvo/|tomcheck\\.toml$)\n";
    assert!(
        docs.contains(recipe),
        "docs/ci.md must show the tested recipe:\n{recipe}"
    );
    let repo = Repo::new();
    repo.write("tomcheck.toml", "tom = \"docs/dsgvo\"\n");
    repo.write("docs/dsgvo/organization.toml", ORGANIZATION);
    repo.write("docs/dsgvo/measures.toml", &measures());
    repo.write("docs/dsgvo/providers.toml", &provider("hoster", true));
    repo.commit_all("TOM in docs/dsgvo");
    let framework = Framework::install(&repo, recipe);
    add_two_bad_providers(&repo, "docs/dsgvo/providers.toml");
    let out = framework.commit(&repo, "bad");
    let all = stdout(&out) + &stderr(&out);
    assert!(!out.status.success(), "{all}");
    assert!(all.contains("Provider \"CRM-Anbieter\" (crm)"), "{all}");
    // Changing tomcheck.toml runs the hook too.
    repo.git(&["checkout", "-q", "HEAD", "--", "docs/dsgvo/providers.toml"]);
    repo.write(
        "tomcheck.toml",
        "tom = \"docs/dsgvo\"\nfail_on = \"deny\"\n",
    );
    let out = framework.commit(&repo, "config");
    let all = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("Passed"), "{all}");
}

/// Installing, blocking and uninstalling speak German when the run is German.
#[test]
fn the_hook_speaks_german() {
    let repo = clean_repo();
    let out = install(repo.path(), &["--lang", "de"], 0);
    assert!(
        stdout(&out).contains("pre-commit-Hook von tomcheck in ")
            && stdout(&out).contains("installiert; er prüft die TOM in tom/"),
        "{}",
        stdout(&out)
    );
    // The hook runs without --lang: tomcheck.toml chooses German.
    repo.write("tomcheck.toml", "lang = \"de\"\n");
    add_bad_provider(&repo);
    repo.git(&["add", "-A"]);
    let out = repo.git_output(&["commit", "-m", "add newsletter"]);
    let all = stdout(&out) + &stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("avv.missing"), "{all}");
    assert!(
        all.contains("Dienstleister \"Newsletter-Dienst\" (newsletter)"),
        "{all}"
    );
    assert!(
        all.contains("tomcheck: der Commit ist durch die Befunde oben blockiert."),
        "{all}"
    );
    assert!(!all.contains("the commit is blocked"), "{all}");
    let out = run(repo.path(), &["hook", "uninstall", "--lang", "de"], 0);
    assert!(
        stdout(&out).contains("pre-commit-Hook von tomcheck in ")
            && stdout(&out).contains("entfernt"),
        "{}",
        stdout(&out)
    );
    let out = run(repo.path(), &["hook", "uninstall", "--lang", "de"], 0);
    assert!(
        stdout(&out).contains("ist kein pre-commit-Hook von tomcheck installiert"),
        "{}",
        stdout(&out)
    );
}

/// When tomcheck has gone (uninstalled, a virtualenv removed), the hook blocks the
/// commit and says so itself, in the committer's language.
#[test]
fn a_hook_whose_tomcheck_is_gone_says_so_in_the_locales_language() {
    let repo = clean_repo();
    let gone = tempfile::tempdir().unwrap();
    let copy = gone.path().join("tomcheck");
    std::fs::copy(bin(), &copy).unwrap();
    let out = std::process::Command::new(&copy)
        .current_dir(repo.path())
        .args(["hook", "install"])
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::remove_file(&copy).unwrap();
    let hook = git_hooks_dir(repo.path()).join("pre-commit");
    for (locale, says) in [
        ("de_DE.UTF-8", "tomcheck ist nicht installiert"),
        ("C", "tomcheck is not installed"),
    ] {
        let out = std::process::Command::new("sh")
            .arg(&hook)
            .current_dir(repo.path())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("LANG", locale)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{locale}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{locale}: {}", stderr(&out));
    }
}
