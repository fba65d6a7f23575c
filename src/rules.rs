//! Commands for policy authors and readers: `rules`, `explain RULE`, `test [DIR]`.
//!
//! All three read the same policies `check` would evaluate in this directory: the
//! bundled ones (unless switched off) and the repository's own, with metadata from
//! their `# METADATA` annotations.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::check::{self, CheckOptions};
use crate::cli::{io_problem, CmdResult, Env, EXIT_FINDINGS, EXIT_OK};
use crate::config::RuleSetting;
use crate::diag::{did_you_mean, Problem};
use crate::engine::{EngineOptions, Policies};
use crate::metadata::RuleMeta;
use crate::policytest;
use crate::source::{Revision, Source};

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// List the reference data the policies read instead, with source and the date it was checked.
    #[arg(long)]
    pub reference: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Time limit per evaluation, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
}

/// The policies `check` would use in this directory, and the configuration.
fn policies_here(
    env: &Env<'_>,
    no_builtin: bool,
) -> Result<(Policies, crate::config::Config), Vec<Problem>> {
    let source = Source::open(&env.root, &Revision::Worktree).map_err(|p| vec![p])?;
    let config = check::read_config(&source)?;
    let mut options = CheckOptions::new(env.root.clone());
    options.no_builtin = no_builtin;
    let policies = check::load_policies(&source, &config, &options)?;
    Ok((policies, config))
}

#[derive(Serialize)]
struct RuleRow<'a> {
    #[serde(flatten)]
    meta: &'a RuleMeta,
    /// The severity after `[rules]` in tomcheck.toml; `off` when switched off.
    effective: String,
}

pub fn run_rules(args: &RulesArgs, env: &mut Env<'_>) -> CmdResult {
    let (policies, config) = policies_here(env, false)?;
    if args.reference {
        return write_reference(&policies, args.format, env);
    }
    let mut rules: Vec<&RuleMeta> = policies.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let effective = |r: &RuleMeta| match config.rules.get(&r.id).map(|s| s.0) {
        Some(RuleSetting::Off) => "off".to_string(),
        Some(RuleSetting::Severity(s)) => s.to_string(),
        None => r.severity.to_string(),
    };
    match args.format {
        ListFormat::Json => {
            let rows: Vec<RuleRow> = rules
                .iter()
                .map(|r| RuleRow {
                    meta: r,
                    effective: effective(r),
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut *env.out,
                &serde_json::json!({ "version": 1, "rules": rows }),
            )
            .map_err(|e| io_problem(e.into()))?;
            writeln!(env.out).map_err(io_problem)?;
        }
        ListFormat::Human => {
            let w_id = rules.iter().map(|r| r.id.len()).max().unwrap_or(4).max(4);
            let w_title = rules
                .iter()
                .map(|r| r.title.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            writeln!(
                env.out,
                "{:<w_id$}  {:<8}  {:<w_title$}  LEGAL BASIS",
                "RULE", "SEVERITY", "TITLE"
            )
            .map_err(io_problem)?;
            for r in &rules {
                let sev = effective(r);
                let sev = if sev == r.severity.as_str() {
                    sev
                } else {
                    format!("{sev}*")
                };
                writeln!(
                    env.out,
                    "{:<w_id$}  {:<8}  {:<w_title$}  {}",
                    r.id, sev, r.title, r.legal
                )
                .map_err(io_problem)?;
            }
            if rules.iter().any(|r| config.rules.contains_key(&r.id)) {
                writeln!(env.out, "\n* changed in tomcheck.toml").map_err(io_problem)?;
            }
        }
    }
    Ok(EXIT_OK)
}

pub fn run_explain(args: &ExplainArgs, env: &mut Env<'_>) -> CmdResult {
    let (policies, config) = policies_here(env, false)?;
    let Some(rule) = policies.rule(&args.rule) else {
        let mut p = Problem::new("unknown-rule", format!("no rule `{}`", args.rule));
        p.help = Some(match did_you_mean(&args.rule, policies.rule_ids()) {
            Some(s) => format!("did you mean `{s}`? `tomcheck rules` lists every rule"),
            None => "`tomcheck rules` lists every rule".into(),
        });
        return Err(vec![p]);
    };
    let out = &mut *env.out;
    let mut w = || -> std::io::Result<()> {
        writeln!(out, "{} — {}", rule.id, rule.title)?;
        writeln!(out)?;
        let origin = if rule.builtin {
            "bundled"
        } else {
            "repository"
        };
        write!(out, "severity: {}", rule.severity)?;
        match config.rules.get(&rule.id).map(|s| s.0) {
            Some(RuleSetting::Off) => write!(out, " (switched off in tomcheck.toml)")?,
            Some(RuleSetting::Severity(s)) if s != rule.severity => {
                write!(out, " ({s} in tomcheck.toml)")?
            }
            _ => {}
        }
        writeln!(out, " · {origin} rule, {}:{}", rule.file, rule.line)?;
        if !rule.legal.is_empty() {
            writeln!(out, "legal basis: {}", rule.legal)?;
        }
        writeln!(out)?;
        writeln!(out, "{}", rule.description)?;
        if let Some(fires) = &rule.fires {
            writeln!(out, "\nFires when: {}", fires.trim())?;
        }
        if let Some(quiet) = &rule.quiet {
            writeln!(out, "Does not fire for: {}", quiet.trim())?;
        }
        if let Some(example) = &rule.example {
            writeln!(out, "\nExample that fires:\n")?;
            write_indented(out, example)?;
        }
        if let Some(fix) = &rule.fix {
            writeln!(out, "\nFixed:\n")?;
            write_indented(out, fix)?;
        }
        writeln!(
            out,
            "\nTo accept the risk for one subject, add a time-boxed waiver:\n\n    [[waiver]]\n    id = \"…\"\n    rule = \"{}\"\n    subject = \"kind:id\"\n    reason = \"…\"\n    approved_by = \"…\"\n    expires = 2027-01-31",
            rule.id
        )?;
        if !rule.resources.is_empty() {
            writeln!(out, "\nReferences:")?;
            for r in &rule.resources {
                match &r.description {
                    Some(d) => writeln!(out, "  - {d}: {}", r.url)?,
                    None => writeln!(out, "  - {}", r.url)?,
                }
            }
        }
        Ok(())
    };
    w().map_err(io_problem)?;
    Ok(EXIT_OK)
}

pub fn run_test(args: &TestArgs, env: &mut Env<'_>) -> CmdResult {
    let timeout = crate::cli::timeout(args.timeout)?;
    let filter = match &args.run {
        Some(re) => Some(regex_lite::Regex::new(re).map_err(|e| {
            vec![Problem::new(
                "usage",
                format!("--run: invalid regular expression: {e}"),
            )]
        })?),
        None => None,
    };
    let (policies, tests) = match &args.policy_dir {
        Some(dir) => {
            // The directory's tests, with the bundled policies available to them.
            let mut policies = if args.no_builtin {
                Policies::default()
            } else {
                Policies::bundled()?
            };
            policies.tests.clear();
            let root = if dir.is_absolute() {
                dir.clone()
            } else {
                env.root.join(dir)
            };
            if !root.is_dir() {
                return Err(vec![Problem::new(
                    "policy-dir",
                    format!("{}: no such directory", dir.display()),
                )]);
            }
            let source = Source::open(&root, &Revision::Worktree).map_err(|p| vec![p])?;
            let files = source.read_dir(".", ".rego")?.unwrap_or_default();
            // A file at the path of a bundled one, in the same package, is a copy of it
            // (`tomcheck test policies` in tomcheck's own tree, or an edited copy): it
            // takes the bundled file's place instead of defining its rules twice.
            policies.files.retain(|b| {
                !files.iter().any(|f| {
                    b.path.strip_prefix("builtin/") == Some(f.path.trim_start_matches("./"))
                        && package_of(&b.text) == package_of(&f.text)
                })
            });
            let kept = policies.files.clone();
            policies
                .rules
                .retain(|r| kept.iter().any(|f| f.path == r.file));
            let files = files
                .into_iter()
                .map(|f| {
                    let path = dir
                        .join(f.path.trim_start_matches("./"))
                        .to_string_lossy()
                        .replace('\\', "/");
                    crate::text::SourceText::new(path.clone(), path, f.text.clone())
                })
                .collect();
            policies.add(files, false)?;
            if let Some(data) = source.read_dir("reference", ".json")? {
                let mut problems = Vec::new();
                check::add_reference(&mut policies, data, &mut problems);
                if !problems.is_empty() {
                    return Err(problems);
                }
            }
            let tests = policies.tests.clone();
            (policies, tests)
        }
        None => {
            let (policies, _) = policies_here(env, args.no_builtin)?;
            let tests = policies.tests.clone();
            (policies, tests)
        }
    };
    if tests.is_empty() {
        return Err(vec![Problem::new("no-tests", "no *_test.rego files found")
            .with_help(
                "policy tests live next to the policies, in files named like avv_test.rego",
            )]);
    }
    let coverage = args.coverage || args.threshold.is_some();
    let options = EngineOptions { timeout };
    let run = policytest::run(
        &policies,
        &tests,
        filter.as_ref(),
        coverage,
        &check::today(),
        &options,
    )?;
    let below = match (args.threshold, run.total_coverage()) {
        (Some(t), Some(c)) => c + 1e-9 < t,
        _ => false,
    };
    match args.format {
        ListFormat::Json => {
            let report = serde_json::json!({
                "version": 1,
                "results": run.results,
                "coverage": run.coverage,
                "total_coverage": run.total_coverage(),
                "passed": run.passed(),
                "failed": run.failed(),
            });
            serde_json::to_writer_pretty(&mut *env.out, &report)
                .map_err(|e| io_problem(e.into()))?;
            writeln!(env.out).map_err(io_problem)?;
        }
        ListFormat::Human => write_human(&run, args.threshold, env.out).map_err(io_problem)?,
    }
    Ok(if run.failed() > 0 || below || run.results.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// `data.reference`: one line (or JSON object) per data set with its date and source.
fn write_reference(policies: &Policies, format: ListFormat, env: &mut Env<'_>) -> CmdResult {
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or("—").to_string();
    let rows: Vec<serde_json::Value> = policies
        .reference
        .iter()
        .map(|(name, v)| serde_json::json!({ "name": name, "checked": text(v, "checked"), "source": text(v, "source") }))
        .collect();
    match format {
        ListFormat::Json => {
            let report = serde_json::json!({ "version": 1, "reference": rows });
            serde_json::to_writer_pretty(&mut *env.out, &report)
                .map_err(|e| io_problem(e.into()))?;
            writeln!(env.out).map_err(io_problem)?;
        }
        ListFormat::Human => {
            for r in &rows {
                writeln!(
                    env.out,
                    "data.reference.{}  checked {}\n  {}\n",
                    r["name"].as_str().unwrap_or(""),
                    r["checked"].as_str().unwrap_or(""),
                    r["source"].as_str().unwrap_or("")
                )
                .map_err(io_problem)?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn package_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("package "))
        .map(str::trim)
}

fn write_indented(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

fn write_human(
    run: &policytest::Run,
    threshold: Option<f64>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for r in &run.results {
        let status = if r.passed { "PASS" } else { "FAIL" };
        write!(
            out,
            "{status} {}:{} {}",
            r.case.file, r.case.line, r.case.name
        )?;
        match &r.error {
            Some(e) if !r.passed => writeln!(out, " ({e})")?,
            _ => writeln!(out)?,
        }
    }
    if let Some(files) = &run.coverage {
        writeln!(out, "\ncoverage:")?;
        for f in files {
            write!(out, "  {:>6.2}%  {}", f.percent(), f.file)?;
            if !f.not_covered.is_empty() {
                let lines: Vec<String> = f.not_covered.iter().map(u32::to_string).collect();
                write!(out, "  (not covered: lines {})", lines.join(", "))?;
            }
            writeln!(out)?;
        }
        if let Some(total) = run.total_coverage() {
            write!(out, "  {total:>6.2}%  total")?;
            match threshold {
                Some(t) if total + 1e-9 < t => writeln!(out, " — below the threshold of {t}%")?,
                Some(t) => writeln!(out, " (threshold {t}%)")?,
                None => writeln!(out)?,
            }
        }
    }
    writeln!(out)?;
    if run.results.is_empty() {
        writeln!(out, "no test matched")?;
    }
    writeln!(out, "{} passed, {} failed", run.passed(), run.failed())
}
