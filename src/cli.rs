//! The command line: argument definitions and the wiring of the pipeline per command.
//! Exit codes: 0 nothing fails, 1 findings at or above `--fail-on`, 2 input problems.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::CheckOptions;
use crate::config::Severity;
use crate::diag::Problem;
use crate::report::{human, Format, Style};
use crate::source::Revision;

/// Exit code: nothing fails.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the input could not be checked.
pub const EXIT_INPUT: u8 = 2;

/// Checks GDPR technical and organisational measures (TOM) kept as TOML facts in git.
#[derive(Debug, Parser)]
#[command(name = "tomcheck", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Run as if started in DIR.
    // A distinct id: a subcommand's own `dir` argument must not fill this global one.
    #[arg(
        short = 'C',
        long = "dir",
        id = "chdir",
        value_name = "DIR",
        global = true
    )]
    pub dir: Option<PathBuf>,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Screen-reader friendly output: plain sentences, no box drawing.
    #[arg(long, global = true)]
    pub narrate: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the TOM against the policies.
    Check(CheckArgs),
    /// Scaffold a starter TOM, tomcheck.toml, a GitHub workflow and a pre-commit config.
    Init(crate::init::InitArgs),
    /// Install or remove the git pre-commit hook that checks what is staged.
    Hook(crate::hook::HookArgs),
    /// Print a shell completion script.
    Completions(crate::shell::CompletionsArgs),
    /// Print the man page (or write every page into a directory with --out).
    Man(crate::shell::ManArgs),
    /// Print the JSON Schema of the TOM format (for taplo / Even Better TOML).
    Schema,
    /// List the rules: id, severity, title, legal basis.
    Rules(crate::rules::RulesArgs),
    /// Explain a rule: what fires, what does not, how to fix and waive it.
    Explain(crate::rules::ExplainArgs),
    /// Run the policies' Rego unit tests (`test_*` rules in `*_test.rego`), like `opa test`.
    Test(crate::rules::TestArgs),
    /// Compare two versions of the TOM: changed facts and findings new or resolved.
    Diff(crate::diff::DiffArgs),
    /// Compliance over history: one row per commit that changed the TOM, policies or config.
    Log(crate::history::LogArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check the index: exactly what the next commit will contain.
    #[arg(long, conflicts_with = "rev")]
    pub staged: bool,
    /// Check a commit (any revision git understands), read without a checkout.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Gate mode: check HEAD (or --rev, --staged, --worktree) and mark every finding new or
    /// existing compared with REV, using REV's tomcheck.toml and repository policies.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// With --base: check the working tree instead of HEAD.
    #[arg(long, requires = "base", conflicts_with_all = ["rev", "staged"])]
    pub worktree: bool,
    /// With --base: fail only on new findings, so existing ones do not block adoption.
    #[arg(long, requires = "base")]
    pub new_only: bool,
    /// With --base: take tomcheck.toml and the repository's policies from the base (the
    /// default: a change cannot weaken its own gate) or from the checked revision.
    #[arg(long, value_enum, value_name = "REV", requires = "base")]
    pub policies_from: Option<crate::gate::PoliciesFrom>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Evaluate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<String>,
    /// Evaluate as of the date of the commit given by --rev: what tomcheck said back then.
    #[arg(long, requires = "rev", conflicts_with = "today")]
    pub as_of_commit: bool,
    /// Fail on findings of at least this severity [default: deny, or fail_on in tomcheck.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Also evaluate the policies in DIR (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Do not evaluate the bundled policies.
    #[arg(long)]
    pub no_builtin: bool,
    /// Time limit for policy evaluation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Deny,
    Warn,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Deny => Severity::Deny,
            FailOn::Warn => Severity::Warn,
            FailOn::Info => Severity::Info,
        }
    }
}

pub fn parse_date(s: &str) -> Result<String, String> {
    jiff::civil::Date::strptime("%Y-%m-%d", s)
        .map(|d| d.to_string())
        .map_err(|_| format!("`{s}` is not a date like 2026-03-01"))
}

/// Output streams and whether they are terminals.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub out_is_terminal: bool,
}

impl Cli {
    fn style(&self, terminal: bool) -> Style {
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Style {
            color,
            narrate: self.narrate,
            width: 100,
        }
    }

    fn root(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| PathBuf::from("."))
    }
}

/// What every command gets: where to run, how to style output, where to write it.
pub struct Env<'a> {
    /// The directory the command works in (`-C DIR` or the current directory).
    pub root: PathBuf,
    pub style: Style,
    pub out: &'a mut dyn Write,
}

/// A command's result: an exit code, or input problems (exit code 2).
pub type CmdResult = Result<u8, Vec<Problem>>;

/// Turns an I/O error while writing output into a problem.
pub fn io_problem(e: std::io::Error) -> Vec<Problem> {
    vec![Problem::new("io", format!("cannot write output: {e}"))]
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli, io: Io<'_>) -> u8 {
    let style = cli.style(io.out_is_terminal);
    let err_style = cli.style(std::io::stderr().is_terminal());
    let mut env = Env {
        root: cli.root(),
        style,
        out: io.out,
    };
    let result = match &cli.command {
        Command::Check(args) => run_check(args, &mut env),
        Command::Init(args) => crate::init::run(args, &mut env),
        Command::Hook(args) => crate::hook::run(args, &mut env),
        Command::Completions(args) => crate::shell::completions(args, &mut env),
        Command::Man(args) => crate::shell::man(args, &mut env),
        Command::Rules(args) => crate::rules::run_rules(args, &mut env),
        Command::Explain(args) => crate::rules::run_explain(args, &mut env),
        Command::Test(args) => crate::rules::run_test(args, &mut env),
        Command::Diff(args) => crate::diff::run_diff(args, &mut env),
        Command::Log(args) => crate::history::run_log(args, &mut env),
        Command::Schema => {
            let schema = crate::schema::json_schema();
            serde_json::to_writer_pretty(&mut *env.out, &schema)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(env.out))
                .map(|_| EXIT_OK)
                .map_err(io_problem)
        }
    };
    match result {
        Ok(code) => code,
        Err(problems) => {
            // Code scanning gets a log too, saying why the check could not run.
            if matches!(&cli.command, Command::Check(a) if a.format == Format::Sarif) {
                let _ = crate::report::sarif::render_problems(&problems, &env.root, env.out);
            }
            let _ = human::render_problems(&problems, err_style, io.err);
            EXIT_INPUT
        }
    }
}

/// `--timeout SECONDS`, validated.
pub fn timeout(seconds: f64) -> Result<Duration, Vec<Problem>> {
    if seconds > 0.0 && seconds.is_finite() {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(vec![Problem::new(
            "usage",
            "--timeout must be a positive number of seconds",
        )])
    }
}

/// The evaluation flags that `check`, `diff` and `log` share, validated in one place.
pub fn check_options(
    root: PathBuf,
    today: Option<String>,
    policy: &[PathBuf],
    no_builtin: bool,
    timeout_seconds: f64,
) -> Result<CheckOptions, Vec<Problem>> {
    let mut options = CheckOptions::new(root);
    options.today = today;
    options.policy_dirs = policy.to_vec();
    options.no_builtin = no_builtin;
    options.engine.timeout = timeout(timeout_seconds)?;
    Ok(options)
}

pub(crate) fn run_check(args: &CheckArgs, env: &mut Env<'_>) -> CmdResult {
    let revision = match (&args.rev, args.staged) {
        (Some(rev), _) => Revision::Commit(rev.clone()),
        (None, true) => Revision::Index,
        (None, false) => Revision::Worktree,
    };
    let mut options = check_options(
        env.root.clone(),
        args.today.clone(),
        &args.policy,
        args.no_builtin,
        args.timeout,
    )?;
    if let (true, Some(rev)) = (args.as_of_commit, &args.rev) {
        let date = crate::history::commit_date_of(&env.root, rev)?;
        options.today = Some(date);
    }
    crate::gate::run(args, revision, options, env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
