//! `tomcheck hook install|uninstall|run`: a git pre-commit hook that checks what is
//! staged and blocks a commit with failing findings.
//!
//! The installer writes into the hooks directory git actually uses: `core.hooksPath`
//! when set (relative to the working tree's top level, as git reads it), otherwise
//! `hooks/` in the *common* git directory, which linked worktrees share.
//!
//! **Ownership is exact.** A hook is tomcheck's only when its whole content is what
//! `install` writes (for some tomcheck path, directory and mode, in this version's
//! template or the previous one): a hook with lines a user added, or a user's own hook
//! that copied tomcheck's marker line, is the user's. The user's hook is never changed
//! without `--chain` (kept as `pre-commit.tomcheck-chained` and run first) or `--force`
//! (replaced; a copy is kept as `pre-commit.tomcheck-replaced`). Files are written to a
//! temporary file and renamed into place (a new hook is linked, which fails instead of
//! replacing a file that appeared in the meantime), so an existing file is never
//! truncated.
//!
//! **Interrupted installs recover.** A killed `install --chain` can leave the chained
//! copy next to the untouched original; the next `install` or `uninstall` recognises the
//! identical copy and removes it, and a chained hook whose main hook is gone is put back.
//! Temporary files of killed processes are removed by [`crate::fsutil`].
//!
//! **The hook checks a TOM that exists.** `install` finds the TOM the way the hook will
//! (the nearest `tomcheck.toml` or `tom/` from the current directory up, else the one
//! `tomcheck.toml` in the index) and refuses when there is none; `run` fails (exit 2)
//! when the index has no TOM directory instead of passing silently.
//!
//! The hook runs `tomcheck hook run`, which returns at once when the staged change
//! touches neither the TOM directory, the repository's policies nor `tomcheck.toml`
//! (reading only the index and HEAD, no policy is compiled), and otherwise runs
//! `tomcheck check --staged` — or, installed with `--new-only`, the gate against HEAD,
//! so that only findings the commit adds block it.

use std::io::Write;
use std::path::{Path, PathBuf};

use git2::Repository;

use super::{CmdResult, Env, EXIT_FINDINGS, EXIT_OK};
use crate::cli::{CheckArgs, GatePoliciesArg, HookAction, HookArgs};
use crate::config;
use crate::diag::{Code, Problem};
use crate::fsutil::{remove_stale_temp_files, write_atomically};
use crate::i18n::tr;
use crate::pipeline;
use crate::source::{self, Revision, Source};

/// The line that marks a hook as written by tomcheck. It alone does not make a hook
/// tomcheck's: the whole content must be what `install` writes.
pub const MARKER: &str =
    "# Installed by `tomcheck hook install`; `tomcheck hook uninstall` removes it.";
/// The hook file name.
pub const HOOK: &str = "pre-commit";
/// Where `--chain` keeps the hook that was there before.
pub const CHAINED: &str = "pre-commit.tomcheck-chained";
/// Where `--force` keeps a copy of the hook it replaced (`.2`, `.3`, … when taken).
pub const REPLACED: &str = "pre-commit.tomcheck-replaced";

/// What an installed hook runs: which tomcheck, in which directory, in which mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookSpec {
    /// The tomcheck binary (absolute path); `None`: the one on `PATH`.
    pub exe: Option<String>,
    /// The checked directory relative to the working tree's top (`""` or `"sub/dir"`).
    pub dir: String,
    /// Block only findings the commit adds (compared with HEAD).
    pub new_only: bool,
}

/// The hooks directory git uses for `repo` (`git rev-parse --git-path hooks`).
pub fn hooks_dir(repo: &Repository) -> Result<PathBuf, Vec<Problem>> {
    let config = repo
        .config()
        .map_err(|e| vec![source::git_problem(&tr("problem-git-read-config", &[]), &e)])?;
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
        vec![
            Problem::new(Code::GitNoRepo, tr("problem-git-no-repo", &[]))
                .with_help(tr("problem-hook-no-repo-help", &[])),
        ]
    })?;
    if repo.is_bare() {
        return Err(vec![Problem::new(
            Code::GitBare,
            tr("problem-hook-bare", &[]),
        )]);
    }
    Ok(repo)
}

// --- The script and who owns it ------------------------------------------------------

/// Quotes a string for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'\''"#))
}

/// The words of a line of shell, as far as the hook scripts use quoting: `'…'`, `"…"`
/// without expansions, and backslash escapes. `None` for anything else.
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '$' | '`' | '\\' => return None,
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            '$' | '`' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => return None,
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

/// The `tomcheck=…` value of a script: the binary's path as written.
fn exe_line(exe: Option<&str>) -> String {
    exe.map(shell_quote).unwrap_or_else(|| "tomcheck".into())
}

fn dir_arg(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!(" -C {}", shell_quote(dir))
    }
}

/// The hook script `install` writes.
pub fn script(spec: &HookSpec) -> String {
    script_with(spec, MISSING)
}

/// The hook script with `missing`, the lines that run when tomcheck is not found.
fn script_with(spec: &HookSpec, missing: &str) -> String {
    let exe = exe_line(spec.exe.as_deref());
    let dir = dir_arg(&spec.dir);
    let (what, mode) = if spec.new_only {
        (
            "# Checks what is staged against HEAD and blocks a commit that adds failing findings\n\
             # (findings HEAD already has do not block it).",
            " --new-only",
        )
    } else {
        (
            "# Checks what is staged and blocks a commit with failing findings.",
            "",
        )
    };
    format!(
        r#"#!/bin/sh
{MARKER}
# tomcheck recognises this file by its exact content: once edited, it is yours, and
# install and uninstall leave it alone unless given --force.
{what}
# Skip it once with `git commit --no-verify`.
tomcheck={exe}
if [ ! -x "$tomcheck" ]; then tomcheck=tomcheck; fi
hooks=$(dirname -- "$0")
if [ -f "$hooks/{CHAINED}" ]; then
  "$hooks/{CHAINED}" "$@" || exit $?
fi
{missing}
exec "$tomcheck"{dir} hook run{mode}
"#
    )
}

/// What the hook says when tomcheck cannot be found: the one text tomcheck cannot say
/// itself, so the script says it in the language of the committer's locale.
const MISSING: &str = r#"if ! command -v "$tomcheck" >/dev/null 2>&1; then
  case "${TOMCHECK_LANG:-${LC_ALL:-${LC_MESSAGES:-$LANG}}}" in
    de*) echo "tomcheck-pre-commit-Hook: tomcheck ist nicht installiert; installieren Sie es oder überspringen Sie die Prüfung einmal mit git commit --no-verify" >&2 ;;
    *) echo "tomcheck pre-commit hook: tomcheck is not installed; install it or skip the check once with git commit --no-verify" >&2 ;;
  esac
  exit 1
fi"#;

/// [`MISSING`] as the previous version of `install` wrote it, in English only.
const MISSING_V2: &str = r#"if ! command -v "$tomcheck" >/dev/null 2>&1; then
  echo "tomcheck pre-commit hook: tomcheck is not installed; install it or skip the check once with git commit --no-verify" >&2
  exit 1
fi"#;

/// The script the previous version of `install` wrote; still recognised as tomcheck's,
/// so that `install` updates it and `uninstall` removes it.
fn script_v1(spec: &HookSpec) -> Option<String> {
    if spec.new_only {
        return None;
    }
    let exe = exe_line(spec.exe.as_deref());
    let dir = dir_arg(&spec.dir);
    Some(format!(
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
exec "$tomcheck"{dir} hook run
"#
    ))
}

/// Who a hook file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Exactly what `install` writes for this spec.
    Tomcheck(HookSpec),
    /// Carries tomcheck's marker line but was changed: the user's now.
    Edited,
    /// Anything else: the user's.
    User,
}

/// The spec a hook's text was written for, read from its `tomcheck=` and `exec` lines.
/// The whole text must still match (see [`owner`]); this only finds the candidates.
fn candidate_specs(text: &str) -> Vec<HookSpec> {
    let exe = text
        .lines()
        .find_map(|l| l.strip_prefix("tomcheck="))
        .and_then(shell_words)
        .filter(|w| w.len() == 1)
        .map(|mut w| w.remove(0));
    let Some(exec) = text
        .lines()
        .find_map(|l| l.strip_prefix("exec \"$tomcheck\""))
        .and_then(shell_words)
    else {
        return Vec::new();
    };
    let (dir, rest) = match exec.as_slice() {
        [flag, dir, rest @ ..] if flag == "-C" => (dir.clone(), rest),
        rest => (String::new(), rest),
    };
    let new_only = match rest {
        [hook, run] if hook == "hook" && run == "run" => false,
        [hook, run, mode] if hook == "hook" && run == "run" && mode == "--new-only" => true,
        _ => return Vec::new(),
    };
    let mut exes = vec![None];
    if let Some(exe) = exe {
        exes.push(Some(exe));
    }
    exes.into_iter()
        .map(|exe| HookSpec {
            exe,
            dir: dir.clone(),
            new_only,
        })
        .collect()
}

/// Who the hook with this text belongs to: tomcheck only when the text is exactly what
/// `install` writes.
pub fn owner(text: &[u8]) -> Owner {
    let Ok(text) = std::str::from_utf8(text) else {
        return Owner::User;
    };
    for spec in candidate_specs(text) {
        if script(&spec) == text
            || script_with(&spec, MISSING_V2) == text
            || script_v1(&spec).is_some_and(|s| s == text)
        {
            return Owner::Tomcheck(spec);
        }
    }
    if text.lines().any(|l| l.trim_end() == MARKER) {
        Owner::Edited
    } else {
        Owner::User
    }
}

/// Who the hook at `path` belongs to; `None` when there is none. A symbolic link is the
/// user's, wherever it points.
fn owner_of(path: &Path) -> Option<Owner> {
    let meta = path.symlink_metadata().ok()?;
    if !meta.is_file() {
        return Some(Owner::User);
    }
    Some(std::fs::read(path).map_or(Owner::User, |b| owner(&b)))
}

// --- What the hook checks ---------------------------------------------------------

/// The TOM the hook will check, found as `install` runs.
struct Target {
    /// The checked directory relative to the top (`""` or `"sub/dir"`).
    dir: String,
    /// The TOM directory relative to the top, for messages.
    tom: String,
}

fn rel_to(top: &Path, dir: &Path) -> String {
    dir.strip_prefix(top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

fn join_rel(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    }
}

/// Finds the directory the hook checks: the nearest directory from `root` up to the
/// top holding a `tomcheck.toml` or a `tom/` directory, else the only `tomcheck.toml`
/// in the index below `root`. Its TOM directory must exist.
fn target(repo: &Repository, root: &Path) -> Result<Target, Vec<Problem>> {
    let Some(top) = repo.workdir() else {
        return Err(vec![Problem::new(
            Code::GitBare,
            tr("problem-hook-bare", &[]),
        )]);
    };
    let top = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut found = None;
    let mut dir = root.as_path();
    while dir.starts_with(&top) {
        if dir.join(config::FILE).is_file() || dir.join("tom").is_dir() {
            found = Some(dir.to_path_buf());
            break;
        }
        match dir.parent() {
            Some(parent) if dir != top => dir = parent,
            _ => break,
        }
    }
    let found = match found {
        Some(dir) => dir,
        None => config_in_index(repo, &top, &root)?,
    };
    let rel = rel_to(&top, &found);
    let source = Source::open(&found, &Revision::Worktree).map_err(|p| vec![p])?;
    let config = pipeline::read_config(&source)?;
    let tom = join_rel(&rel, &config.tom);
    if !found.join(&config.tom).is_dir() {
        let message = if found.join(config::FILE).is_file() {
            tr(
                "problem-hook-config-no-tom",
                &[
                    ("config", (&join_rel(&rel, config::FILE)).into()),
                    ("tom", (&tom).into()),
                ],
            )
        } else {
            tr("problem-hook-no-tom", &[("tom", (&tom).into())])
        };
        return Err(vec![
            Problem::new(Code::NoTom, message).with_help(tr("problem-hook-no-tom-help", &[]))
        ]);
    }
    Ok(Target { dir: rel, tom })
}

/// The directory of the one `tomcheck.toml` in the index below `root`.
fn config_in_index(repo: &Repository, top: &Path, root: &Path) -> Result<PathBuf, Vec<Problem>> {
    let prefix = rel_to(top, root);
    let prefix = if prefix.is_empty() {
        prefix
    } else {
        format!("{prefix}/")
    };
    let index = repo
        .index()
        .map_err(|e| vec![source::git_problem(&tr("problem-git-read-index", &[]), &e)])?;
    let mut configs: Vec<String> = index
        .iter()
        .filter_map(|e| String::from_utf8(e.path).ok())
        .filter(|p| {
            p.starts_with(&prefix)
                && (p == &format!("{prefix}{}", config::FILE)
                    || p.ends_with(&format!("/{}", config::FILE)))
        })
        .collect();
    configs.sort();
    match configs.as_slice() {
        [one] => {
            let dir = one.rsplit_once('/').map_or("", |(d, _)| d);
            Ok(top.join(dir))
        }
        [] => Err(vec![Problem::new(
            Code::NoTom,
            tr(
                "problem-hook-no-config",
                &[("dir", (&root.display().to_string()).into())],
            ),
        )
        .with_help(tr("problem-hook-no-config-help", &[]))]),
        many => Err(vec![Problem::new(
            Code::NoTom,
            tr(
                "problem-hook-several-configs",
                &[("files", (&many.join(", ")).into())],
            ),
        )
        .with_help(tr("problem-hook-several-configs-help", &[]))]),
    }
}

// --- install ------------------------------------------------------------------------

/// A failed file operation: `what` in tomcheck's words, then the system's text.
fn io_problem(what: String, e: std::io::Error) -> Vec<Problem> {
    vec![Problem::new(
        Code::Io,
        tr(
            "problem-io",
            &[("what", (&what).into()), ("error", (&e.to_string()).into())],
        ),
    )]
}

/// Whether two files hold the same bytes (a hard link or a copy of each other).
fn same_content(a: &Path, b: &Path) -> bool {
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Puts the hooks directory back in order after an interrupted `install` or
/// `uninstall`, and says what it did:
///
/// - a chained hook whose main hook is gone is put back as the main hook (it is the
///   hook that was there before tomcheck's);
/// - a chained hook identical to a main hook that is not tomcheck's is the copy a killed
///   `install --chain` made before replacing the original: it is removed.
fn recover(hook: &Path, chained: &Path, out: &mut dyn Write) -> CmdResult {
    if chained.symlink_metadata().is_err() {
        return Ok(EXIT_OK);
    }
    if hook.symlink_metadata().is_err() {
        move_back(chained, hook, "problem-hook-put-back")?;
        writeln!(
            out,
            "{}",
            tr("hook-put-back", &[("hook", (&shown(hook)).into())])
        )?;
        return Ok(EXIT_OK);
    }
    if !matches!(owner_of(hook), Some(Owner::Tomcheck(_))) && same_content(hook, chained) {
        remove(chained)?;
        let copy = shown(chained);
        writeln!(
            out,
            "{}",
            tr("hook-removed-copy", &[("copy", (&copy).into())])
        )?;
    }
    Ok(EXIT_OK)
}

/// Gives the user's hook a second name without ever replacing a file: a hard link
/// (atomic, fails if the name exists) or, without link support, a checked copy.
fn keep_copy(hook: &Path, copy: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(hook, copy) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let bytes = std::fs::read(hook)?;
            let perms = std::fs::metadata(hook)?.permissions();
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(copy)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::set_permissions(copy, perms)
        }
    }
}

/// Keeps a copy of the hook `--force` replaces under the first free
/// `pre-commit.tomcheck-replaced[.N]` name.
fn keep_replaced(hook: &Path, dir: &Path) -> Result<PathBuf, Vec<Problem>> {
    for n in 1..=100 {
        let name = if n == 1 {
            REPLACED.to_string()
        } else {
            format!("{REPLACED}.{n}")
        };
        let copy = dir.join(name);
        match keep_copy(hook, &copy) {
            Ok(()) => return Ok(copy),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(io_problem(
                    tr(
                        "problem-hook-keep-copy",
                        &[
                            ("hook", (&hook.display().to_string()).into()),
                            ("copy", (&copy.display().to_string()).into()),
                        ],
                    ),
                    e,
                ))
            }
        }
    }
    Err(vec![Problem::new(
        Code::HookExists,
        tr(
            "problem-hook-copies-exhausted",
            &[
                ("hook", (&hook.display().to_string()).into()),
                ("copies", (&format!("{}/{REPLACED}", dir.display())).into()),
            ],
        ),
    )
    .with_help(tr("problem-hook-copies-exhausted-help", &[]))])
}

/// Which of `--chain` and `--force` install was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Existing {
    Refuse,
    Chain,
    Force,
}

fn install(existing: Existing, new_only: bool, env: &mut Env<'_>) -> CmdResult {
    let repo = open_repo(&env.root)?;
    let target = target(&repo, &env.root)?;
    let dir = hooks_dir(&repo)?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        io_problem(
            tr(
                "problem-hook-create-dir",
                &[("path", (&dir.display().to_string()).into())],
            ),
            e,
        )
    })?;
    for name in remove_stale_temp_files(&dir) {
        let text = tr(
            "hook-removed-temp",
            &[("name", (&name).into()), ("dir", (&shown(&dir)).into())],
        );
        writeln!(env.out, "{text}")?;
    }
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    recover(&hook, &chained, env.out)?;
    let spec = HookSpec {
        exe: std::env::current_exe()
            .ok()
            .and_then(|p| p.to_str().map(str::to_string)),
        dir: target.dir.clone(),
        new_only,
    };
    let text = script(&spec);
    let write = |replace: bool| {
        write_atomically(&hook, &text, replace, true).map_err(|e| {
            io_problem(
                tr(
                    "problem-write-file",
                    &[("path", (&hook.display().to_string()).into())],
                ),
                e,
            )
        })
    };
    let mut kept_as = None;
    let verb = match owner_of(&hook) {
        None => {
            write(false)?;
            "hook-installed"
        }
        Some(Owner::Tomcheck(old)) if old == spec => {
            let text = tr("hook-up-to-date", &[("hook", (&shown(&hook)).into())]);
            writeln!(env.out, "{text}")?;
            if chained.symlink_metadata().is_ok() {
                writeln!(env.out, "{}", runs_first(&chained))?;
            }
            return Ok(EXIT_OK);
        }
        Some(Owner::Tomcheck(_)) => {
            write(true)?;
            "hook-updated"
        }
        Some(owner) => match existing {
            Existing::Refuse => return Err(refuse(&hook, &owner).into()),
            Existing::Force => {
                let copy = keep_replaced(&hook, &dir)?;
                write(true)?;
                kept_as = Some(tr(
                    "hook-replaced-kept",
                    &[("copy", (&shown(&copy)).into())],
                ));
                "hook-installed"
            }
            Existing::Chain => {
                if chained.symlink_metadata().is_ok() {
                    return Err(vec![Problem::new(
                        Code::HookExists,
                        tr(
                            "problem-hook-chain-taken",
                            &[
                                ("hook", (&hook.display().to_string()).into()),
                                ("chained", (&chained.display().to_string()).into()),
                            ],
                        ),
                    )
                    .with_help(tr("problem-hook-chain-taken-help", &[]))]
                    .into());
                }
                // Keep the user's hook under the chained name first; only then replace it.
                keep_copy(&hook, &chained).map_err(|e| {
                    io_problem(
                        tr(
                            "problem-hook-keep-existing",
                            &[("path", (&chained.display().to_string()).into())],
                        ),
                        e,
                    )
                })?;
                if let Err(e) = write(true) {
                    // The user's hook is still in place: drop the copy.
                    let _ = std::fs::remove_file(&chained);
                    return Err(e.into());
                }
                kept_as = Some(tr(
                    "hook-existing-kept",
                    &[("chained", (&shown(&chained)).into())],
                ));
                "hook-installed"
            }
        },
    };
    let text = tr(
        verb,
        &[
            ("hook", (&shown(&hook)).into()),
            ("tom", (&target.tom).into()),
        ],
    );
    writeln!(env.out, "{text}")?;
    if new_only {
        writeln!(env.out, "{}", tr("hook-new-only", &[]))?;
    }
    let chained_now = kept_as.is_some() && existing == Existing::Chain;
    if let Some(kept) = kept_as {
        writeln!(env.out, "{kept}")?;
    }
    if !chained_now && chained.symlink_metadata().is_ok() {
        writeln!(env.out, "{}", runs_first(&chained))?;
    }
    Ok(EXIT_OK)
}

/// Puts the hook `from` back at `to`; `problem` names what failed.
fn move_back(from: &Path, to: &Path, problem: &str) -> Result<(), Vec<Problem>> {
    std::fs::rename(from, to).map_err(|e| {
        io_problem(
            tr(problem, &[("path", (&from.display().to_string()).into())]),
            e,
        )
    })
}

/// Removes a hook file tomcheck wrote or a copy of it.
fn remove(path: &Path) -> Result<(), Vec<Problem>> {
    std::fs::remove_file(path).map_err(|e| {
        io_problem(
            tr(
                "problem-hook-remove",
                &[("path", (&path.display().to_string()).into())],
            ),
            e,
        )
    })
}

/// A path in a message, as the operating system spells it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn runs_first(chained: &Path) -> String {
    tr(
        "hook-chained-runs-first",
        &[("chained", (&shown(chained)).into())],
    )
}

/// The refusal to touch a hook that is not tomcheck's.
fn refuse(hook: &Path, owner: &Owner) -> Vec<Problem> {
    let hook = hook.display().to_string();
    let message = if *owner == Owner::Edited {
        tr("problem-hook-edited", &[("hook", (&hook).into())])
    } else {
        tr("problem-hook-foreign", &[("hook", (&hook).into())])
    };
    vec![Problem::new(Code::HookExists, message).with_help(tr("problem-hook-foreign-help", &[]))]
}

// --- uninstall ----------------------------------------------------------------------

fn uninstall(force: bool, env: &mut Env<'_>) -> CmdResult {
    let repo = open_repo(&env.root)?;
    let dir = hooks_dir(&repo)?;
    remove_stale_temp_files(&dir);
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    let has_chained = chained.symlink_metadata().is_ok();
    let message = match owner_of(&hook) {
        None if has_chained => {
            // An interrupted uninstall (or a removed hook): the chained hook goes back.
            move_back(&chained, &hook, "problem-hook-restore")?;
            tr(
                "hook-none-chained-back",
                &[("hook", (&shown(&hook)).into())],
            )
        }
        None => tr("hook-none", &[("dir", (&shown(&dir)).into())]),
        Some(Owner::Edited) if !force => {
            return Err(vec![Problem::new(
                Code::HookExists,
                tr(
                    "problem-hook-edited",
                    &[("hook", (&hook.display().to_string()).into())],
                ),
            )
            .with_help(tr("problem-hook-edited-uninstall-help", &[]))]
            .into());
        }
        Some(Owner::User) => {
            let mut message = tr("hook-not-ours", &[("hook", (&shown(&hook)).into())]);
            if has_chained && same_content(&hook, &chained) {
                remove(&chained)?;
                message.push('\n');
                message.push_str(&tr(
                    "hook-removed-its-copy",
                    &[("copy", (&shown(&chained)).into())],
                ));
            }
            message
        }
        Some(Owner::Tomcheck(_) | Owner::Edited) if has_chained => {
            // Putting the chained hook back replaces ours in one step.
            move_back(&chained, &hook, "problem-hook-restore")?;
            tr(
                "hook-removed-chained-back",
                &[("hook", (&shown(&hook)).into())],
            )
        }
        Some(Owner::Tomcheck(_) | Owner::Edited) => {
            remove(&hook)?;
            tr("hook-removed", &[("hook", (&shown(&hook)).into())])
        }
    };
    writeln!(env.out, "{message}")?;
    Ok(EXIT_OK)
}

// --- run ----------------------------------------------------------------------------

/// Whether the index differs from HEAD under the TOM directory, the repository's
/// policy directories or `tomcheck.toml` (as the staged configuration names them).
fn staged_change_is_relevant(
    repo: &Repository,
    prefix: &str,
    config: &config::Config,
) -> Result<bool, Vec<Problem>> {
    let mut opts = git2::DiffOptions::new();
    opts.disable_pathspec_match(true);
    for path in std::iter::once(config::FILE.to_string())
        .chain(std::iter::once(config.tom.clone()))
        .chain(config.policies.iter().cloned())
    {
        opts.pathspec(format!("{prefix}{}", path.trim_end_matches('/')));
    }
    let index = source::staged_index(repo).map_err(|p| vec![p])?;
    let head = repo.head().and_then(|h| h.peel_to_tree()).ok();
    let diff = repo
        .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut opts))
        .map_err(|e| {
            vec![source::git_problem(
                &tr("problem-git-compare-index", &[]),
                &e,
            )]
        })?;
    Ok(diff.deltas().len() > 0)
}

/// `tomcheck check --staged` as the user would type it to see every finding.
fn see_all(prefix: &str) -> String {
    let dir = prefix.trim_end_matches('/');
    if dir.is_empty() {
        "tomcheck check --staged".into()
    } else if dir
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
    {
        format!("tomcheck -C {dir} check --staged")
    } else {
        format!("tomcheck -C {} check --staged", shell_quote(dir))
    }
}

fn run_hook(new_only: bool, env: &mut Env<'_>) -> CmdResult {
    let Some(repo) = source::discover_repository(&env.root) else {
        // Not in a repository: the check says so.
        return super::check::run_for_hook(&CheckArgs::staged(), env);
    };
    let prefix = source::repo_prefix(&repo, &env.root).map_err(|p| vec![p])?;
    let index = Source::open(&env.root, &Revision::Index).map_err(|p| vec![p])?;
    // A configuration that does not parse is staged too: the check reports it.
    if let Ok(config) = pipeline::read_config(&index) {
        if !index.dir_exists(&config.tom) {
            let tom = format!("{prefix}{}", config.tom);
            return Err(vec![Problem::new(
                Code::NoTom,
                tr("problem-hook-tom-not-staged", &[("tom", (&tom).into())]),
            )
            .with_help(tr(
                "problem-hook-tom-not-staged-help",
                &[
                    ("tom", (&tom).into()),
                    ("config", (&format!("{prefix}tomcheck.toml")).into()),
                ],
            ))]
            .into());
        }
        if !staged_change_is_relevant(&repo, &prefix, &config)? {
            return Ok(EXIT_OK);
        }
    }
    let has_head = repo.head().and_then(|h| h.peel_to_commit()).is_ok();
    let gated = new_only && has_head;
    let args = if gated {
        CheckArgs {
            base: Some("HEAD".into()),
            new_only: true,
            // The one committing is the one whose configuration applies; the gate in CI
            // judges the change by its base.
            policies_from: Some(GatePoliciesArg::Head),
            ..CheckArgs::staged()
        }
    } else {
        CheckArgs::staged()
    };
    let code = super::check::run_for_hook(&args, env)?;
    if code == EXIT_FINDINGS {
        let see = see_all(&prefix);
        let id = if gated {
            "hook-blocked-new"
        } else {
            "hook-blocked"
        };
        let message = tr(id, &[("see", (&see).into())]);
        writeln!(env.out, "{message}")?;
    }
    Ok(code)
}

/// Runs `tomcheck hook …`.
pub fn run(args: &HookArgs, env: &mut Env<'_>) -> CmdResult {
    match args.action {
        HookAction::Install {
            chain,
            force,
            new_only,
        } => {
            let existing = match (chain, force) {
                (true, _) => Existing::Chain,
                (false, true) => Existing::Force,
                (false, false) => Existing::Refuse,
            };
            install(existing, new_only, env)
        }
        HookAction::Uninstall { force } => uninstall(force, env),
        HookAction::Run { new_only } => run_hook(new_only, env),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(exe: Option<&str>, dir: &str, new_only: bool) -> HookSpec {
        HookSpec {
            exe: exe.map(str::to_string),
            dir: dir.into(),
            new_only,
        }
    }

    #[test]
    fn script_quotes_paths_for_the_shell() {
        let s = script(&spec(Some("/opt/it's/tomcheck"), "sub dir", false));
        assert!(s.contains(r#"tomcheck='/opt/it'\''s/tomcheck'"#), "{s}");
        assert!(
            s.contains(r#"exec "$tomcheck" -C 'sub dir' hook run"#),
            "{s}"
        );
        assert!(s.lines().any(|l| l == MARKER));
        let s = script(&spec(None, "", true));
        assert!(
            s.ends_with("exec \"$tomcheck\" hook run --new-only\n"),
            "{s}"
        );
    }

    #[test]
    fn shell_words_read_what_shell_quote_writes() {
        for s in ["plain", "it's", "a b", "'", "''", "$HOME", "a\\b", "ä ö"] {
            assert_eq!(
                shell_words(&shell_quote(s)),
                Some(vec![s.to_string()]),
                "{s}"
            );
        }
        assert_eq!(
            shell_words(r#"-C 'a b' hook run"#),
            Some(vec!["-C".into(), "a b".into(), "hook".into(), "run".into()])
        );
        assert_eq!(shell_words("a; rm -rf x"), None);
        assert_eq!(shell_words("'unterminated"), None);
        assert_eq!(shell_words("$(evil)"), None);
    }

    /// The hook is tomcheck's by its whole content, for every spec, in this version's
    /// template and the previous one.
    #[test]
    fn tomcheck_recognises_exactly_its_own_scripts() {
        let specs = [
            spec(None, "", false),
            spec(None, "", true),
            spec(Some("/usr/local/bin/tomcheck"), "", false),
            spec(Some("/opt/it's here/tomcheck"), "sub dir/x", true),
            spec(Some("tomcheck"), "compliance", false),
        ];
        for s in &specs {
            assert_eq!(owner(script(s).as_bytes()), Owner::Tomcheck(s.clone()));
            if let Some(v1) = script_v1(s) {
                assert_eq!(owner(v1.as_bytes()), Owner::Tomcheck(s.clone()));
            }
            let v2 = script_with(s, MISSING_V2);
            assert_ne!(v2, script(s));
            assert_eq!(owner(v2.as_bytes()), Owner::Tomcheck(s.clone()));
        }
    }

    #[test]
    fn any_change_makes_the_hook_the_users() {
        let ours = script(&spec(Some("/usr/bin/tomcheck"), "", false));
        let appended = format!("{ours}echo my own check\n");
        let edited = ours.replace("exit 1", "exit 0");
        let crlf = ours.replace('\n', "\r\n");
        let no_newline = ours.trim_end().to_string();
        for text in [&appended, &edited, &crlf, &no_newline] {
            assert_eq!(owner(text.as_bytes()), Owner::Edited, "{text}");
        }
        let copied_marker = format!("#!/bin/sh\n{MARKER}\nmake lint\n");
        assert_eq!(owner(copied_marker.as_bytes()), Owner::Edited);
        assert_eq!(owner(b"#!/bin/sh\nmake lint\n"), Owner::User);
        assert_eq!(owner(&[0xff, 0xfe, 0x00]), Owner::User);
        // A different command on the exec line is not tomcheck's.
        let other = ours.replace("hook run", "check");
        assert_eq!(owner(other.as_bytes()), Owner::Edited);
    }

    #[test]
    fn the_command_to_see_all_findings_names_the_directory() {
        assert_eq!(see_all(""), "tomcheck check --staged");
        assert_eq!(
            see_all("compliance/"),
            "tomcheck -C compliance check --staged"
        );
        assert_eq!(see_all("my tom/"), "tomcheck -C 'my tom' check --staged");
    }
}
