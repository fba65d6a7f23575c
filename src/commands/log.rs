//! `tomcheck log`: compliance over history, one row per commit that changed the TOM.

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::LogArgs;
use crate::history::{log, LogOptions};

/// Runs `tomcheck log`: exit 0 with the table (rows say when a commit cannot be
/// checked), 2 when the range cannot be walked.
pub fn run(args: &LogArgs, env: &mut Env<'_>) -> CmdResult {
    let check = args.eval.options(&env.root)?;
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let log = log(LogOptions {
        check,
        range: args.range.clone(),
        as_of_commit: args.as_of_commit,
        jobs,
    })?;
    crate::report::log::render(&log, args.format.into(), env.style, env.out)?;
    Ok(EXIT_OK)
}
