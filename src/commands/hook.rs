//! `tomcheck hook install|uninstall|run`: a git pre-commit hook that checks what is
//! staged and blocks a commit with failing findings.
//!
//! The installer writes into the hooks directory git actually uses: `core.hooksPath`
//! when set (relative to the working tree's top level, as git reads it), otherwise
//! `hooks/` in the *common* git directory, which linked worktrees share. It never
//! overwrites a hook it did not write: it refuses, or with `--chain` keeps the existing
//! hook as `pre-commit.tomcheck-chained` and runs it first. Files are written to a
//! temporary file and renamed into place (a new hook is linked, which fails instead of
//! replacing a file that appeared in the meantime), so an existing file is never
//! truncated. `uninstall` removes only a hook carrying tomcheck's marker line and puts a
//! chained hook back.
//!
//! The hook runs `tomcheck hook run`, which returns at once when the staged change
//! touches neither the TOM directory, the repository's policies nor `tomcheck.toml`
//! (reading only the index and HEAD, no policy is compiled), and otherwise runs
//! `tomcheck check --staged`.

use std::io::Write;
use std::path::{Path, PathBuf};

use git2::Repository;

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::{CheckArgs, HookAction, HookArgs};
use crate::config;
use crate::diag::{Code, Problem};
use crate::fsutil::write_atomically;
use crate::pipeline;
use crate::source::{self, Revision, Source};

/// The line that marks a hook as written by tomcheck.
pub const MARKER: &str =
    "# Installed by `tomcheck hook install`; `tomcheck hook uninstall` removes it.";
/// The hook file name.
pub const HOOK: &str = "pre-commit";
/// Where `--chain` keeps the hook that was there before.
pub const CHAINED: &str = "pre-commit.tomcheck-chained";

/// The hooks directory git uses for `repo` (`git rev-parse --git-path hooks`).
pub fn hooks_dir(repo: &Repository) -> Result<PathBuf, Vec<Problem>> {
    let config = repo
        .config()
        .map_err(|e| vec![source::git_problem("cannot read the git configuration", &e)])?;
    if let Ok(path) = config.get_path("core.hooksPath") {
        if path.is_absolute() {
            return Ok(path);
        }
        // git runs hooks from the top of the working tree and resolves the path there.
        let base = repo.workdir().unwrap_or_else(|| repo.path());
        return Ok(base.join(path));
    }
    Ok(repo.commondir().join("hooks"))
}

fn open_repo(root: &Path) -> Result<Repository, Vec<Problem>> {
    let repo = source::discover_repository(root).ok_or_else(|| {
        vec![Problem::new(Code::GitNoRepo, "not inside a git repository")
            .with_help("the pre-commit hook belongs to a git repository: run `git init` first, or pass -C DIR")]
    })?;
    if repo.is_bare() {
        return Err(vec![Problem::new(
            Code::GitBare,
            "a bare repository has no commits to hook into",
        )]);
    }
    Ok(repo)
}

/// Whether a hook file was written by tomcheck.
pub fn is_ours(path: &Path) -> bool {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).lines().any(|l| l == MARKER))
        .unwrap_or(false)
}

/// Quotes a string for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

/// The hook script. `dir` is the checked directory relative to the working tree's top.
pub fn script(exe: Option<&Path>, dir: &str) -> String {
    let exe = exe
        .and_then(Path::to_str)
        .map(shell_quote)
        .unwrap_or_else(|| "tomcheck".into());
    let dir_arg = if dir.is_empty() {
        String::new()
    } else {
        format!(" -C {}", shell_quote(dir))
    };
    format!(
        r#"#!/bin/sh
{MARKER}
# Checks what is staged with `tomcheck check --staged` and blocks a commit with failing
# findings. Skip it once with `git commit --no-verify`.
tomcheck={exe}
if [ ! -x "$tomcheck" ]; then tomcheck=tomcheck; fi
hooks=$(dirname -- "$0")
if [ -f "$hooks/{CHAINED}" ]; then
  "$hooks/{CHAINED}" "$@" || exit $?
fi
if ! command -v "$tomcheck" >/dev/null 2>&1; then
  echo "tomcheck pre-commit hook: tomcheck is not installed; install it or skip the check once with git commit --no-verify" >&2
  exit 1
fi
exec "$tomcheck"{dir_arg} hook run
"#
    )
}

/// The directory to check, relative to the working tree's top: the nearest directory
/// from `root` upwards holding a `tomcheck.toml` or a `tom/` directory, else the top.
fn check_dir(repo: &Repository, root: &Path) -> String {
    let Some(top) = repo.workdir() else {
        return String::new();
    };
    let top = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut dir = root.as_path();
    while dir.starts_with(&top) && dir != top {
        if dir.join(config::FILE).is_file() || dir.join("tom").is_dir() {
            return dir
                .strip_prefix(&top)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
        }
        match dir.parent() {
            Some(parent) => dir = parent,
            None => break,
        }
    }
    String::new()
}

fn install(chain: bool, env: &mut Env<'_>) -> CmdResult {
    let repo = open_repo(&env.root)?;
    let dir = hooks_dir(&repo)?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        vec![Problem::new(
            Code::Io,
            format!("cannot create the hooks directory {}: {e}", dir.display()),
        )]
    })?;
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    let exe = std::env::current_exe().ok();
    let text = script(exe.as_deref(), &check_dir(&repo, &env.root));
    let io_err = |what: &str, e: std::io::Error| {
        vec![Problem::new(
            Code::Io,
            format!("cannot {what} {}: {e}", hook.display()),
        )]
    };
    let exists = hook.symlink_metadata().is_ok();
    let mut kept = false;
    if exists && is_ours(&hook) {
        write_atomically(&hook, &text, true, true).map_err(|e| io_err("update", e))?;
        writeln!(
            env.out,
            "updated the tomcheck pre-commit hook at {}",
            hook.display()
        )?;
        return Ok(EXIT_OK);
    }
    if exists {
        if !chain {
            return Err(vec![Problem::new(
                Code::HookExists,
                format!(
                    "a pre-commit hook that tomcheck did not write already exists at {}; it was left untouched",
                    hook.display()
                ),
            )
            .with_help(
                "run `tomcheck hook install --chain` to keep it and run it before tomcheck, call \
                 `tomcheck hook run` from it yourself, or, with the pre-commit framework, add the \
                 `tomcheck` hook to .pre-commit-config.yaml",
            )].into());
        }
        if chained.symlink_metadata().is_ok() {
            return Err(vec![Problem::new(
                Code::HookExists,
                format!(
                    "cannot chain the existing pre-commit hook: {} already exists",
                    chained.display()
                ),
            )
            .with_help("move one of the two hooks away, then install again")]
            .into());
        }
        // Keep the foreign hook under the chained name first; only then replace it.
        keep_foreign(&hook, &chained).map_err(|e| {
            vec![Problem::new(
                Code::Io,
                format!(
                    "cannot keep the existing hook as {}: {e}",
                    chained.display()
                ),
            )]
        })?;
        kept = true;
    }
    if let Err(e) = write_atomically(&hook, &text, kept, true) {
        if kept {
            // Undo: the foreign hook is still in place (or is put back).
            if hook.symlink_metadata().is_ok() {
                let _ = std::fs::remove_file(&chained);
            } else {
                let _ = std::fs::rename(&chained, &hook);
            }
        }
        return Err(io_err("write", e).into());
    }
    writeln!(
        env.out,
        "installed the tomcheck pre-commit hook at {}",
        hook.display()
    )?;
    if kept {
        writeln!(
            env.out,
            "the existing hook was kept as {} and runs first",
            chained.display()
        )?;
    }
    Ok(EXIT_OK)
}

/// Gives the foreign hook a second name without ever replacing a file: a hard link
/// (atomic, fails if the name exists) or, without link support, a checked copy.
fn keep_foreign(hook: &Path, chained: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(hook, chained) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let bytes = std::fs::read(hook)?;
            let perms = std::fs::metadata(hook)?.permissions();
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(chained)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::set_permissions(chained, perms)
        }
    }
}

fn uninstall(env: &mut Env<'_>) -> CmdResult {
    let repo = open_repo(&env.root)?;
    let dir = hooks_dir(&repo)?;
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    let exists = hook.symlink_metadata().is_ok();
    let has_chained = chained.symlink_metadata().is_ok();
    let fail =
        |what: String, e: std::io::Error| vec![Problem::new(Code::Io, format!("{what}: {e}"))];
    let message = if exists && !is_ours(&hook) {
        format!(
            "the pre-commit hook at {} was not installed by tomcheck; left it alone",
            hook.display()
        )
    } else if has_chained {
        // Putting the chained hook back replaces ours in one step.
        std::fs::rename(&chained, &hook)
            .map_err(|e| fail(format!("cannot restore {}", chained.display()), e))?;
        format!(
            "removed the tomcheck pre-commit hook; the hook it chained is back at {}",
            hook.display()
        )
    } else if exists {
        std::fs::remove_file(&hook)
            .map_err(|e| fail(format!("cannot remove {}", hook.display()), e))?;
        format!("removed the tomcheck pre-commit hook at {}", hook.display())
    } else {
        format!(
            "no tomcheck pre-commit hook is installed in {}",
            dir.display()
        )
    };
    writeln!(env.out, "{message}")?;
    Ok(EXIT_OK)
}

/// Whether the index differs from HEAD under the TOM directory, the repository's
/// policy directories or `tomcheck.toml` (as the staged configuration names them).
pub fn staged_change_is_relevant(root: &Path) -> Result<bool, Vec<Problem>> {
    let Some(repo) = source::discover_repository(root) else {
        return Ok(true);
    };
    let prefix = source::repo_prefix(&repo, root).map_err(|p| vec![p])?;
    // A configuration that does not parse is staged too: let the check report it.
    let config = match Source::open(root, &Revision::Index).map(|s| pipeline::read_config(&s)) {
        Ok(Ok(config)) => config,
        _ => return Ok(true),
    };
    let mut opts = git2::DiffOptions::new();
    opts.disable_pathspec_match(true);
    for path in std::iter::once(config::FILE.to_string())
        .chain(std::iter::once(config.tom.clone()))
        .chain(config.policies.iter().cloned())
    {
        opts.pathspec(format!("{prefix}{}", path.trim_end_matches('/')));
    }
    let index = source::staged_index(&repo).map_err(|p| vec![p])?;
    let head = repo.head().and_then(|h| h.peel_to_tree()).ok();
    let diff = repo
        .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut opts))
        .map_err(|e| {
            vec![source::git_problem(
                "cannot compare the index with HEAD",
                &e,
            )]
        })?;
    Ok(diff.deltas().len() > 0)
}

fn run_hook(env: &mut Env<'_>) -> CmdResult {
    if !staged_change_is_relevant(&env.root)? {
        return Ok(EXIT_OK);
    }
    super::check::run(&CheckArgs::staged(), env)
}

/// Runs `tomcheck hook …`.
pub fn run(args: &HookArgs, env: &mut Env<'_>) -> CmdResult {
    match args.action {
        HookAction::Install { chain } => install(chain, env),
        HookAction::Uninstall => uninstall(env),
        HookAction::Run => run_hook(env),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_quotes_paths_for_the_shell() {
        let s = script(Some(Path::new("/opt/it's/tomcheck")), "sub dir");
        assert!(s.contains(r#"tomcheck='/opt/it'\''s/tomcheck'"#), "{s}");
        assert!(
            s.contains(r#"exec "$tomcheck" -C 'sub dir' hook run"#),
            "{s}"
        );
        assert!(s.lines().any(|l| l == MARKER));
    }
}
