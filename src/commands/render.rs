//! `tomcheck render`: a document built from the facts of one revision (two for the
//! notice), written in the chosen format to a file or standard output.

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::{RenderArgs, RenderDocument, RenderOutputArgs};
use crate::diag::{Code, Problem};
use crate::pipeline::CheckOptions;
use crate::render::notice::NoticeOptions;
use crate::render::tom::TomOptions;
use crate::render::{self, Format, Kind, Snapshot};
use crate::report::diff::Lang;
use crate::source::Revision;

/// Runs `tomcheck render`: exit 0 with the document, 2 when it cannot be made.
pub fn run(args: &RenderArgs, env: &mut Env<'_>) -> CmdResult {
    let (kind, output) = match &args.document {
        RenderDocument::Tom { output, .. } => (Kind::Tom, output),
        RenderDocument::Subprocessors { output, .. } => (Kind::Subprocessors, output),
        RenderDocument::Notice { output, .. } => (Kind::Notice, output),
    };
    let format = format(kind, output)?;
    let revision = |rev: &Option<String>| match rev {
        Some(rev) => Revision::Commit(rev.clone()),
        None => Revision::Worktree,
    };
    let today = output.today.clone();
    let mut buf = Vec::new();
    match &args.document {
        RenderDocument::Tom {
            rev, with_findings, ..
        } => {
            let check = with_findings.then(|| {
                let mut options = CheckOptions::new(env.root.clone());
                options.today = today.clone();
                options
            });
            let snap = render::load(&env.root, &revision(rev), today.clone(), check)?;
            let lang = lang(env, &snap);
            let doc = render::tom::build(
                &snap,
                lang,
                TomOptions {
                    with_findings: *with_findings,
                },
            );
            render::write(&doc, Kind::Tom, &snap.settings, format, &mut buf)?;
        }
        RenderDocument::Subprocessors { rev, .. } => {
            let snap = render::load(&env.root, &revision(rev), today.clone(), None)?;
            let lang = lang(env, &snap);
            let list = render::subprocessors::build(&snap, lang);
            match format {
                Format::Json => render::subprocessors::json(&snap, lang, &mut buf)?,
                Format::Csv => render::subprocessors::csv(&snap, lang, &mut buf)?,
                _ => render::write(&list, Kind::Subprocessors, &snap.settings, format, &mut buf)?,
            }
        }
        RenderDocument::Notice {
            old,
            new,
            effective,
            objection_days,
            ..
        } => {
            let old = render::load(
                &env.root,
                &Revision::Commit(old.clone()),
                today.clone(),
                None,
            )?;
            let new = render::load(&env.root, &revision(new), today.clone(), None)?;
            let lang = lang(env, &new);
            let doc = render::notice::build(
                &old,
                &new,
                lang,
                &NoticeOptions {
                    date: today.clone(),
                    effective: effective.clone(),
                    objection_days: *objection_days,
                },
            )?;
            render::write(&doc, Kind::Notice, &new.settings, format, &mut buf)?;
        }
    }
    match &output.output {
        Some(path) => {
            let path = env.path(path);
            std::fs::write(&path, buf).map_err(|e| {
                crate::diag::io_problem(
                    &crate::i18n::tr(
                        "problem-write-file",
                        &[("path", (&path.display().to_string()).into())],
                    ),
                    &e,
                )
            })?;
        }
        None => env.out.write_all(&buf)?,
    }
    Ok(EXIT_OK)
}

/// `--lang` or `TOMCHECK_LANG`, else `[document] lang`, else the run's language
/// (`lang` in tomcheck.toml, the locale, English).
fn lang(env: &Env<'_>, snap: &Snapshot) -> Lang {
    if env.lang_chosen {
        env.style.lang
    } else {
        snap.settings.lang.unwrap_or(env.style.lang)
    }
}

/// `--format`, else the extension of `--output`, else Markdown; checked against what
/// the document offers.
fn format(kind: Kind, output: &RenderOutputArgs) -> Result<Format, Problem> {
    let format = match (output.format, &output.output) {
        (Some(f), _) => Format::from(f),
        (None, Some(path)) => Format::from_extension(&path.to_string_lossy()).ok_or_else(|| {
            Problem::new(
                Code::Usage,
                crate::i18n::tr(
                    "problem-render-format-unknown",
                    &[("path", (&path.display().to_string()).into())],
                ),
            )
            .with_help(crate::i18n::tr("problem-render-format-unknown-help", &[]))
        })?,
        (None, None) => Format::Markdown,
    };
    let data = matches!(format, Format::Json | Format::Csv);
    if data && kind != Kind::Subprocessors {
        return Err(Problem::new(
            Code::Usage,
            crate::i18n::tr(
                "problem-render-no-format",
                &[
                    ("kind", kind.as_str().into()),
                    ("format", format.extension().into()),
                ],
            ),
        )
        .with_help(crate::i18n::tr("problem-render-no-format-help", &[])));
    }
    Ok(format)
}
