//! `tomcheck check`: one revision checked and rendered, or the gate (`--base REV`).

use std::path::Path;

use super::{CmdResult, Env, Failure, EXIT_FINDINGS, EXIT_OK};
use crate::cli::CheckArgs;
use crate::config::Severity;
use crate::diag::io_problem;
use crate::gate::{self, PoliciesFrom};
use crate::pipeline::{Checker, Outcome};
use crate::report::{self, markdown, Context, Format};
use crate::source::{Revision, Source};

/// Runs `tomcheck check`.
pub fn run(args: &CheckArgs, env: &mut Env<'_>) -> CmdResult {
    run_with(args, false, env)
}

/// Runs `tomcheck check` for the pre-commit hook. Compared with HEAD, waivers are still
/// counted from the evaluation date, not from HEAD's: the commit is being made today.
pub(super) fn run_for_hook(args: &CheckArgs, env: &mut Env<'_>) -> CmdResult {
    run_with(args, true, env)
}

fn run_with(args: &CheckArgs, waivers_from_today: bool, env: &mut Env<'_>) -> CmdResult {
    let mut options = args.eval.options(&env.root)?;
    if waivers_from_today {
        options.waiver_from = Some(options.today.clone().unwrap_or_else(crate::pipeline::today));
    }
    if let (true, Some(rev)) = (args.as_of_commit, &args.rev) {
        options.today = Some(crate::history::commit_date_of(&env.root, rev)?);
    }
    let revision = match (&args.rev, args.staged) {
        (Some(rev), _) => Revision::Commit(rev.clone()),
        (None, true) => Revision::Index,
        // The gate checks HEAD unless told to take the working tree.
        (None, false) if args.base.is_some() && !args.worktree => Revision::Commit("HEAD".into()),
        (None, false) => Revision::Worktree,
    };
    let head = Source::open(&env.root, &revision)?;
    let (outcome, checker, comparison) = match &args.base {
        None => {
            let (checker, facts) = Checker::with_facts(&head, options)?;
            let outcome = checker.check_facts(&head, facts)?;
            (outcome, checker, None)
        }
        Some(base_rev) => {
            let policies_from = args
                .policies_from
                .map(PoliciesFrom::from)
                .unwrap_or_default();
            let (outcome, checker, comparison) =
                gate::gate(&head, base_rev, policies_from, options)?;
            (outcome, checker, Some(comparison))
        }
    };
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(checker.config.fail_on)
        .unwrap_or(Severity::Deny);
    let format = Format::from(args.format);
    let ctx = Context {
        rules: &checker.policies.rules,
        gate: comparison.as_ref(),
        path_prefix: head.prefix(),
        fail_on,
        new_only: args.new_only,
        lang: env.style.lang,
    };
    report::render_with(&outcome, format, env.style, &ctx, env.out)?;
    if format == Format::Github {
        write_step_summary(&outcome, &ctx)?;
    }
    let fails = outcome
        .findings
        .iter()
        .any(|f| f.fails(fail_on, args.new_only));
    // A check is the whole run: freeing the parsed policies node by node would cost a
    // tenth of a small check's time, and the process ends right after.
    std::mem::forget(checker);
    Ok(if fails { EXIT_FINDINGS } else { EXIT_OK })
}

/// Appends the Markdown summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions sets it.
fn write_step_summary(outcome: &Outcome, ctx: &Context<'_>) -> Result<(), Failure> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut text = Vec::new();
    markdown::render(outcome, ctx, &mut text)?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &text))
        .map_err(|e| {
            Failure::from(io_problem(
                &crate::i18n::tr(
                    "problem-job-summary",
                    &[("path", (&Path::new(&path).display().to_string()).into())],
                ),
                &e,
            ))
        })
}
