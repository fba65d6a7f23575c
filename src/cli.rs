//! The command-line definition: global flags, one `Args` struct per command, and the
//! CLI's own value enums.
//!
//! This file and `commands/` are the only places that know clap. Domain enums (report
//! formats, where the gate takes its policies from) stay plain; each has a twin here with
//! a `From` impl, so a renamed flag value never ripples into the pipeline. Parsing only
//! checks the shape of arguments; `commands/` turns them into validated options.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::Severity;
use crate::diag::Problem;
use crate::pipeline::CheckOptions;

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
    /// Language of the output [default: TOMCHECK_LANG, `lang` in tomcheck.toml, the locale, else en].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
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
    Init(InitArgs),
    /// Install or remove the git pre-commit hook that checks what is staged.
    Hook(HookArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (or write every page into a directory with --out).
    Man(ManArgs),
    /// Print the JSON Schema of the TOM format (for taplo / Even Better TOML).
    Schema,
    /// List the rules: id, severity, title, legal basis.
    Rules(RulesArgs),
    /// Explain a rule: what fires, what does not, how to fix and waive it.
    Explain(ExplainArgs),
    /// Run the policies' Rego unit tests (`test_*` rules in `*_test.rego`), like `opa test`.
    Test(TestArgs),
    /// Compare two versions of the TOM: changed facts and findings new or resolved.
    Diff(DiffArgs),
    /// Compliance over history: one row per commit that changed the TOM, policies or config.
    Log(LogArgs),
    /// Render documents from the facts: the TOM annex, the sub-processor list, the
    /// change notice of sub-processors (PDF, DOCX, HTML, Markdown, …).
    Render(RenderArgs),
}

/// The evaluation flags of `check`, `diff` and `log`, flattened into each.
#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// Evaluate as of this date (YYYY-MM-DD) instead of today [also: TOMCHECK_TODAY].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<String>,
    /// Also evaluate the policies in DIR (repeatable; relative to -C DIR).
    #[arg(long = "policy", value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Do not evaluate the bundled policies.
    #[arg(long)]
    pub no_builtin: bool,
    /// Time limit for one policy evaluation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
}

impl EvalArgs {
    /// Validated options; relative `--policy` paths resolve against `root` (`-C DIR`).
    pub fn options(&self, root: &Path) -> Result<CheckOptions, Vec<Problem>> {
        let mut options = CheckOptions::new(root.to_path_buf());
        options.today = match &self.today {
            Some(date) => Some(date.clone()),
            None => today_from_env()?,
        };
        options.policy_dirs = self.policy.iter().map(|p| under(root, p)).collect();
        options.no_builtin = self.no_builtin;
        options.engine.timeout = timeout(self.timeout)?;
        Ok(options)
    }
}

/// `TOMCHECK_TODAY`: the evaluation date when `--today` is not given, so that CI can run
/// a whole suite or pipeline "as of" a date (a date-sensitive fact cannot then surprise
/// anyone on the day it expires). Read here rather than by clap, so that it never
/// conflicts with `--as-of-commit`, which wins.
pub fn today_from_env() -> Result<Option<String>, Vec<Problem>> {
    match std::env::var("TOMCHECK_TODAY") {
        Ok(value) if !value.is_empty() => parse_date(&value).map(Some).map_err(|e| {
            vec![Problem::new(
                crate::diag::Code::Usage,
                crate::i18n::tr("problem-today-env", &[("error", (&e).into())]),
            )]
        }),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(vec![Problem::new(
            crate::diag::Code::Usage,
            crate::i18n::tr("problem-today-env-not-unicode", &[]),
        )]),
    }
}

/// `path` as seen from `root`: absolute paths stay, relative ones are joined to it.
pub fn under(root: &Path, path: &Path) -> PathBuf {
    // Without -C the path stays as typed, so messages name it as the user wrote it.
    if path.is_absolute() || root == Path::new(".") {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

/// `--timeout SECONDS`, validated.
pub fn timeout(seconds: f64) -> Result<Duration, Vec<Problem>> {
    // `Duration::from_secs_f64` panics past ~584 billion years: anything beyond a day is
    // as good as no limit and rejected with the same message.
    if seconds > 0.0 && seconds.is_finite() && seconds <= 86_400.0 {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(vec![Problem::new(
            crate::diag::Code::Usage,
            crate::i18n::tr("problem-timeout", &[]),
        )])
    }
}

/// A calendar date argument (`YYYY-MM-DD`), normalised.
pub fn parse_date(s: &str) -> Result<String, String> {
    crate::pipeline::parse_date(s)
        .ok_or_else(|| crate::i18n::tr("problem-not-a-date", &[("value", s.into())]))
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
    #[arg(long, value_enum, value_name = "FROM", requires = "base")]
    pub policies_from: Option<GatePoliciesArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Evaluate as of the date of the commit given by --rev: what tomcheck said back then.
    #[arg(long, requires = "rev", conflicts_with = "today")]
    pub as_of_commit: bool,
    /// Fail on findings of at least this severity [default: deny, or fail_on in tomcheck.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub eval: EvalArgs,
}

impl CheckArgs {
    /// What the pre-commit hook runs: `check --staged` with every other flag at its default.
    pub fn staged() -> Self {
        Self {
            staged: true,
            rev: None,
            base: None,
            worktree: false,
            new_only: false,
            policies_from: None,
            format: FormatArg::Human,
            as_of_commit: false,
            fail_on: None,
            eval: EvalArgs {
                today: None,
                policy: Vec::new(),
                no_builtin: false,
                timeout: 10.0,
            },
        }
    }
}

/// `--format` of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// miette diagnostics pointing into the TOML source.
    Human,
    /// The stable, versioned JSON shape (docs/output.md).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// JUnit XML for CI test reports.
    Junit,
    /// A Markdown summary for pull request comments and job summaries.
    Markdown,
}

impl From<FormatArg> for crate::report::Format {
    fn from(f: FormatArg) -> Self {
        use crate::report::Format;
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// `--policies-from` of `check --base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GatePoliciesArg {
    /// The base revision: the change under review cannot weaken its own gate.
    Base,
    /// The checked revision: the change's own configuration and policies apply.
    Head,
}

impl From<GatePoliciesArg> for crate::gate::PoliciesFrom {
    fn from(p: GatePoliciesArg) -> Self {
        match p {
            GatePoliciesArg::Base => Self::Base,
            GatePoliciesArg::Head => Self::Head,
        }
    }
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

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Date written into the starter TOM (YYYY-MM-DD) instead of today [also: TOMCHECK_TODAY].
    #[arg(long, value_name = "DATE", hide = true, value_parser = parse_date)]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    #[command(subcommand)]
    pub action: HookAction,
}

#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Install a git pre-commit hook that checks what is staged (`tomcheck hook run`).
    Install {
        /// Keep an existing pre-commit hook and run it before tomcheck.
        #[arg(long, conflicts_with = "force")]
        chain: bool,
        /// Replace an existing pre-commit hook that is not tomcheck's (a copy is kept as
        /// pre-commit.tomcheck-replaced).
        #[arg(long)]
        force: bool,
        /// Block only findings a commit adds, compared with HEAD: existing findings do not
        /// block a commit that fixes others.
        #[arg(long)]
        new_only: bool,
    },
    /// Remove the hook `install` wrote (and put a chained hook back).
    Uninstall {
        /// Also remove a hook tomcheck wrote that has been edited since.
        #[arg(long)]
        force: bool,
    },
    /// What the installed hook runs: check the index, returning at once when the staged
    /// change touches neither the TOM, the policies nor tomcheck.toml.
    Run {
        /// Compare with HEAD and fail only on findings the staged change adds.
        #[arg(long)]
        new_only: bool,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write tomcheck.1 and one page per command (tomcheck-check.1, …) into DIR instead
    /// of printing tomcheck.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// List the reference data the policies read instead, with source and the date it was checked.
    #[arg(long)]
    pub reference: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// `--format` of `rules` and `test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. avv.missing.
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Run the tests in this policy directory only (default: bundled and repository policies).
    #[arg(value_name = "DIR")]
    pub policy_dir: Option<PathBuf>,
    /// Run only tests whose name (data.pkg.test_x) matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub run: Option<String>,
    /// Report line coverage per policy file.
    #[arg(long)]
    pub coverage: bool,
    /// Fail when total line coverage is below this percentage (implies --coverage).
    #[arg(long, value_name = "PERCENT")]
    pub threshold: Option<f64>,
    /// Do not load the bundled policies.
    #[arg(long)]
    pub no_builtin: bool,
    /// Load JSON or YAML data into `data` for the tests, as `opa test` does: a directory's
    /// files at the path of their subdirectory (`users/data.json` is `data.users`).
    /// Repeatable.
    #[arg(long, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Time limit per evaluation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
    /// Mutation testing: change the policies one small mistake at a time (drop an
    /// expression, flip a comparison, add or remove a `not`, drop a set member) and report
    /// the mistakes no test notices.
    #[arg(long, conflicts_with_all = ["run", "coverage", "threshold"])]
    pub mutants: bool,
    /// With --mutants: fail when more than N mutants survive [default: 0].
    #[arg(long, value_name = "N", requires = "mutants")]
    pub max_survivors: Option<usize>,
    /// With --mutants: evaluate mutants on N threads [default: the number of CPUs].
    #[arg(short, long, value_name = "N", requires = "mutants")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: any revision git understands (`v1.0`, `main@{2025-06-30}`) [default: HEAD].
    #[arg(value_name = "OLD")]
    pub old: Option<String>,
    /// The new version [default: the working tree, or the index with --staged].
    #[arg(value_name = "NEW", conflicts_with = "staged")]
    pub new: Option<String>,
    /// Compare OLD with the index (what the next commit will contain).
    #[arg(long)]
    pub staged: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormatArg::Human)]
    pub format: DiffFormatArg,
    /// Whose policies and tomcheck.toml judge both versions.
    #[arg(long, value_enum, default_value_t = DiffPoliciesArg::New)]
    pub policies_from: DiffPoliciesArg,
    #[command(flatten)]
    pub eval: EvalArgs,
    /// Write the report to FILE instead of standard output (relative to -C DIR).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format` of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    /// Grouped by kind, coloured like a review tool, word-level highlights.
    Human,
    /// Tables per kind and the compliance delta (pull request comment, job summary).
    Markdown,
    /// The stable, versioned JSON shape (see docs/diff-reports.md).
    Json,
    /// One self-contained, printable HTML file for an auditor.
    Html,
}

impl From<DiffFormatArg> for crate::report::diff::DiffFormat {
    fn from(f: DiffFormatArg) -> Self {
        match f {
            DiffFormatArg::Human => Self::Human,
            DiffFormatArg::Markdown => Self::Markdown,
            DiffFormatArg::Json => Self::Json,
            DiffFormatArg::Html => Self::Html,
        }
    }
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    De,
}

impl From<LangArg> for crate::i18n::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Self::En,
            LangArg::De => Self::De,
        }
    }
}

/// `--policies-from` of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffPoliciesArg {
    Old,
    New,
}

impl From<DiffPoliciesArg> for crate::diff::PoliciesFrom {
    fn from(p: DiffPoliciesArg) -> Self {
        match p {
            DiffPoliciesArg::Old => Self::Old,
            DiffPoliciesArg::New => Self::New,
        }
    }
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Commits to look at: `A..B`, `A...B`, or a revision and its history [default: HEAD].
    #[arg(value_name = "RANGE")]
    pub range: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormatArg::Human)]
    pub format: LogFormatArg,
    /// Evaluate every commit as of its own commit date: what tomcheck said back then.
    #[arg(long, conflicts_with = "today")]
    pub as_of_commit: bool,
    /// Evaluate on N threads [default: the number of CPUs].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub eval: EvalArgs,
}

/// `--format` of `log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormatArg {
    /// One line per commit.
    Human,
    /// `{"version":1, "range", "commits":[…], "stats":{…}}`.
    Json,
}

impl From<LogFormatArg> for crate::report::log::LogFormat {
    fn from(f: LogFormatArg) -> Self {
        match f {
            LogFormatArg::Human => Self::Human,
            LogFormatArg::Json => Self::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(subcommand)]
    pub document: RenderDocument,
}

/// The documents of `render`.
#[derive(Debug, Subcommand)]
pub enum RenderDocument {
    /// The TOM document: measures per control category, backups, systems and locations,
    /// providers with their agreements (the annex of a data processing agreement).
    Tom {
        /// Render this commit (any revision git understands), read without a checkout.
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        /// Append the open findings of the check.
        #[arg(long)]
        with_findings: bool,
        #[command(flatten)]
        output: RenderOutputArgs,
    },
    /// The sub-processor list to publish: processors that handle personal data.
    Subprocessors {
        /// Render this commit (any revision git understands), read without a checkout.
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        #[command(flatten)]
        output: RenderOutputArgs,
    },
    /// The Art. 28(2) GDPR notice of sub-processors added, removed or changed between two
    /// versions, with the effective date and the objection period.
    Notice {
        /// The old version: any revision git understands.
        #[arg(value_name = "OLD")]
        old: String,
        /// The new version [default: the working tree].
        #[arg(value_name = "NEW")]
        new: Option<String>,
        /// The date the change takes effect [default: the end of the objection period].
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        effective: Option<String>,
        /// Days customers have to object [default: objection_days in [document], else 30].
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
        objection_days: Option<u32>,
        #[command(flatten)]
        output: RenderOutputArgs,
    },
}

/// What every document of `render` takes: language, format, output file, date.
#[derive(Debug, Clone, Args)]
pub struct RenderOutputArgs {
    /// Output format [default: from the extension of --output, else md].
    #[arg(long, value_enum)]
    pub format: Option<RenderFormatArg>,
    /// Write the document to FILE instead of standard output (relative to -C DIR).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date of the document when the facts give none (a working tree without
    /// `as_of`; the date of a notice); also the evaluation date of --with-findings.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<String>,
}

/// `--format` of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormatArg {
    /// PDF/A-2b, tagged, fonts embedded.
    Pdf,
    /// Word document with heading styles and tables.
    Docx,
    /// One self-contained, printable HTML file.
    Html,
    /// Markdown for wikis and for git.
    Md,
    /// Plain text (the notice as an e-mail).
    Text,
    /// The sub-processor list as data.
    Json,
    /// The sub-processor list for a spreadsheet.
    Csv,
}

impl From<RenderFormatArg> for crate::render::Format {
    fn from(f: RenderFormatArg) -> Self {
        use crate::render::Format;
        match f {
            RenderFormatArg::Pdf => Format::Pdf,
            RenderFormatArg::Docx => Format::Docx,
            RenderFormatArg::Html => Format::Html,
            RenderFormatArg::Md => Format::Markdown,
            RenderFormatArg::Text => Format::Text,
            RenderFormatArg::Json => Format::Json,
            RenderFormatArg::Csv => Format::Csv,
        }
    }
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
