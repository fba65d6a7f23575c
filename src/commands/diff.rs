//! `tomcheck diff`: the semantic diff of two TOM versions and the compliance delta.

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::DiffArgs;
use crate::diag::io_problem;
use crate::diff::{diff, DiffOptions};
use crate::report::diff::{render, DiffFormat};
use crate::source::Revision;

/// Runs `tomcheck diff`: exit 0 with a report, 2 when a version cannot be checked.
pub fn run(args: &DiffArgs, env: &mut Env<'_>) -> CmdResult {
    let check = args.eval.options(&env.root)?;
    let old = Revision::Commit(args.old.clone().unwrap_or_else(|| "HEAD".into()));
    let new = match (&args.new, args.staged) {
        (Some(rev), _) => Revision::Commit(rev.clone()),
        (None, true) => Revision::Index,
        (None, false) => Revision::Worktree,
    };
    let diff = diff(DiffOptions {
        check,
        old,
        new,
        policies_from: args.policies_from.into(),
    })?;
    let (format, lang) = (DiffFormat::from(args.format), env.style.lang);
    match &args.output {
        Some(path) => {
            let path = env.path(path);
            let mut style = env.style;
            style.color = false;
            let mut buf = Vec::new();
            render(&diff, format, lang, style, &mut buf)?;
            crate::fsutil::replace_file(&path, &buf).map_err(|e| {
                io_problem(
                    &crate::i18n::tr(
                        "problem-write-file",
                        &[("path", (&path.display().to_string()).into())],
                    ),
                    &e,
                )
            })?;
        }
        None => render(&diff, format, lang, env.style, env.out)?,
    }
    Ok(EXIT_OK)
}
