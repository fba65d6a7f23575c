//! `tomcheck init`: writes the starter files of [`crate::scaffold`] into the checked
//! directory. An existing file is never overwritten (it is created with `create_new`, so
//! not even a file appearing meanwhile is replaced): it is reported as skipped and left
//! as it is. Temporary files that a killed run left behind are removed.

use std::path::Path;

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::InitArgs;
use crate::diag::io_problem;
use crate::i18n::tr;
use crate::scaffold;

/// Runs `tomcheck init`.
pub fn run(args: &InitArgs, env: &mut Env<'_>) -> CmdResult {
    let today = match &args.today {
        Some(date) => date.clone(),
        None => crate::cli::today_from_env()?.unwrap_or_else(crate::pipeline::today),
    };
    let files = scaffold::files(&today, env.style.lang);
    // A killed run leaves temporary files behind; the next run removes them, also in
    // directories where every file exists already.
    let mut dirs: Vec<&str> = files
        .iter()
        .map(|(path, _)| path.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    for dir in dirs {
        for name in crate::fsutil::remove_stale_temp_files(&env.root.join(dir)) {
            let path = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            writeln!(
                env.out,
                "{}",
                tr("init-removed-temp", &[("path", (&path).into())])
            )?;
        }
    }
    let mut created = Vec::new();
    let mut skipped = Vec::new();
    let mut problems = Vec::new();
    for (path, text) in files {
        match create(&env.root, path, &text) {
            Ok(true) => created.push(path),
            Ok(false) => skipped.push(path),
            Err(e) => problems.push(io_problem(
                &crate::i18n::tr("problem-create-file", &[("path", (*path).into())]),
                &e,
            )),
        }
    }
    for path in &created {
        writeln!(
            env.out,
            "{}",
            tr("init-created", &[("path", (*path).into())])
        )?;
    }
    for path in &skipped {
        writeln!(
            env.out,
            "{}",
            tr("init-skipped", &[("path", (*path).into())])
        )?;
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if !created.is_empty() {
        writeln!(env.out, "\n{}", tr("init-next", &[]))?;
    }
    Ok(EXIT_OK)
}

/// Creates one file; `Ok(false)` when it already exists.
fn create(root: &Path, rel: &str, text: &str) -> std::io::Result<bool> {
    let path = root.join(rel);
    if path.symlink_metadata().is_ok() {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    match crate::fsutil::write_atomically(&path, text, false, false) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}
