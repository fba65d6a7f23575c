//! `tomcheck test [DIR]`: the policies' Rego unit tests (`test_*` rules in `*_test.rego`),
//! like `opa test`, with line coverage; with `--mutants`, mutation testing of the
//! policies those tests cover.

use crate::i18n::tr;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::rules::policies_here;
use super::{CmdResult, Env, Failure, EXIT_FINDINGS, EXIT_OK};
use crate::cli::{ListFormat, TestArgs};
use crate::diag::{Code, Problem};
use crate::engine::{data, mutants, policytest, portability, EngineOptions, Policies};
use crate::source::{Revision, Source};
use crate::text::{clean_line, SourceText};
use crate::{pipeline, report};

pub fn run(args: &TestArgs, env: &mut Env<'_>) -> CmdResult {
    let timeout = crate::cli::timeout(args.timeout)?;
    let filter = match &args.run {
        Some(re) => Some(regex_lite::Regex::new(re).map_err(|e| {
            Problem::new(
                Code::Usage,
                crate::i18n::tr("problem-run-regex", &[("error", (&e.to_string()).into())]),
            )
        })?),
        None => None,
    };
    // The policy files a mutation run mutates: the directory's, or every loaded one.
    let (mut policies, tests, targets) = match &args.policy_dir {
        Some(dir) => {
            // The directory's tests, with the bundled policies available to them.
            let mut policies = if args.no_builtin {
                Policies::default()
            } else {
                Policies::bundled()?
            };
            policies.tests.clear();
            let dir = env.path(dir);
            let (source, files) = pipeline::policy_dir_on_disk(&dir)?;
            // A file at the path of a bundled one, in the same package, is a copy of it
            // (`tomcheck test policies` in tomcheck's own tree, or an edited copy): it
            // takes the bundled file's place instead of defining its rules twice.
            let prefix = format!("{}/", dir.to_string_lossy().trim_end_matches('/'));
            policies.files.retain(|b| {
                !files.iter().any(|f| {
                    b.is_bundled()
                        && b.path.strip_prefix("builtin/") == f.path.strip_prefix(&prefix)
                        && package_of(&b.text) == package_of(&f.text)
                })
            });
            let kept = policies.files.clone();
            policies
                .rules
                .retain(|r| kept.iter().any(|f| f.path == r.file));
            let targets: Vec<String> = files
                .iter()
                .filter(|f| !f.path.ends_with("_test.rego"))
                .map(|f| f.path.clone())
                .collect();
            policies.add(files, false)?;
            // The directory's reference data, as `check` loads it for a policy directory.
            let mut problems = Vec::new();
            pipeline::add_reference(&source, ".", &mut policies, &mut problems);
            if !problems.is_empty() {
                return Err(problems.into());
            }
            let tests = policies.tests.clone();
            (policies, tests, targets)
        }
        None => {
            let (policies, _) = policies_here(env, args.no_builtin)?;
            let tests = policies.tests.clone();
            let targets = policies.files.iter().map(|f| f.path.clone()).collect();
            (policies, tests, targets)
        }
    };
    add_data(&args.data, env, &mut policies)?;
    if tests.is_empty() {
        return Err(Failure::from(
            Problem::new(Code::NoTests, crate::i18n::tr("problem-no-tests", &[]))
                .with_help(crate::i18n::tr("problem-no-tests-help", &[])),
        ));
    }
    // Constructs that give other findings under OPA, in the policies under test (the
    // bundled ones are kept free of them by their own tests).
    let warnings: Vec<portability::Warning> = policies
        .files
        .iter()
        .chain(&policies.tests)
        .filter(|f| !f.is_bundled())
        .flat_map(portability::check)
        .collect();
    let options = EngineOptions { timeout };
    if args.mutants {
        return run_mutants(args, env, &policies, &targets, options);
    }
    let coverage = args.coverage || args.threshold.is_some();
    let run = policytest::run(
        &policies,
        &tests,
        filter.as_ref(),
        coverage,
        &crate::cli::today_from_env()?.unwrap_or_else(pipeline::today),
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
                "warnings": warnings,
            });
            serde_json::to_writer_pretty(&mut *env.out, &report)?;
            writeln!(env.out)?;
        }
        ListFormat::Human => {
            write_warnings(&warnings, env.out)?;
            write_human(&run, args.threshold, env.out)?
        }
    }
    Ok(if run.failed() > 0 || below || run.results.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// `--data PATH`: the data files of each path, in `data` as their directory layout
/// places them; a file given on its own lands at the root (`data.json`) or under its
/// name (`users.json` is `data.users`).
fn add_data(paths: &[PathBuf], env: &Env<'_>, policies: &mut Policies) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for given in paths {
        let path = env.path(given);
        let shown = given.to_string_lossy();
        let is_dir = path.is_dir();
        let files = if is_dir {
            let source = Source::open(&path, &Revision::Worktree)?;
            pipeline::data_files(&source, ".", &mut problems)
        } else {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let parent = path.parent().unwrap_or(Path::new("."));
            let file = match (&name, path.is_file()) {
                (Some(name), true) => Source::open(parent, &Revision::Worktree)?.read_file(name)?,
                _ => None,
            };
            match file {
                Some(file) if data::data_path(&file.path).is_some() => vec![file],
                Some(_) => {
                    problems.push(data_problem("data-not-data", &shown));
                    continue;
                }
                None => {
                    problems.push(data_problem("data-missing", &shown));
                    continue;
                }
            }
        };
        // Diagnostics name the files as the command line did.
        let files: Vec<SourceText> = files
            .into_iter()
            .map(|f| {
                let rel = f.path.trim_start_matches("./");
                let name = if is_dir {
                    format!("{}/{rel}", shown.trim_end_matches('/'))
                } else {
                    shown.to_string()
                };
                SourceText::new(rel, name, f.text.clone())
            })
            .collect();
        policies.add_data_files("", &files, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

fn data_problem(id: &str, path: &str) -> Problem {
    Problem::new(
        Code::ReferenceData,
        tr(id, &[("path", clean_line(path).as_str().into())]),
    )
}

/// Problem: `--jobs 0`.
const JOBS_ZERO: &str = "problem-jobs-zero";

/// `--mutants`: exit 1 when more mutants survive than `--max-survivors`, 2 when an allow
/// comment is stale (after the report, which still says what the run found).
fn run_mutants(
    args: &TestArgs,
    env: &mut Env<'_>,
    policies: &Policies,
    targets: &[String],
    engine: EngineOptions,
) -> CmdResult {
    let jobs = match args.jobs {
        Some(0) => {
            return Err(Failure::from(Problem::new(
                Code::Usage,
                crate::i18n::tr(JOBS_ZERO, &[]),
            )))
        }
        Some(n) => n,
        None => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    };
    let options = mutants::Options {
        jobs,
        today: crate::cli::today_from_env()?.unwrap_or_else(pipeline::today),
        engine,
    };
    let run = mutants::run(policies, targets, &options)?;
    let max = args.max_survivors.unwrap_or(0);
    match args.format {
        ListFormat::Json => report::mutants::json(&run, env.out)?,
        ListFormat::Human => report::mutants::human(&run, max, env.out)?,
    }
    if !run.stale.is_empty() {
        env.out.flush()?;
        return Err(Failure::from(run.stale));
    }
    Ok(if run.summary().survived > max {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn write_warnings(warnings: &[portability::Warning], out: &mut dyn Write) -> std::io::Result<()> {
    use crate::text::clean_line;
    for w in warnings {
        let place = format!("{}:{}:{}", clean_line(&w.file), w.line, w.column);
        let expression = clean_line(&w.expression);
        let warning = tr(
            "test-opa-warning",
            &[
                ("place", (&place).into()),
                ("expression", (&expression).into()),
            ],
        );
        writeln!(out, "{warning}")?;
        let reference = clean_line(&w.reference);
        let undefined = tr("test-opa-undefined", &[("reference", (&reference).into())]);
        writeln!(out, "    {undefined}")?;
        writeln!(out, "    {}", tr("test-opa-fix", &[]))?;
    }
    if !warnings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

fn write_human(
    run: &policytest::Run,
    threshold: Option<f64>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for r in &run.results {
        let status = tr(if r.passed { "test-pass" } else { "test-fail" }, &[]);
        write!(
            out,
            "{status} {}:{} {}",
            r.case.file, r.case.line, r.case.name
        )?;
        match &r.error {
            Some(e) if !r.passed => writeln!(out, " ({e})")?,
            _ => writeln!(out)?,
        }
        if !r.passed {
            for line in r.output.iter().flat_map(|o| o.lines()) {
                writeln!(out, "    {}", tr("test-print", &[("line", line.into())]))?;
            }
        }
    }
    if let Some(files) = &run.coverage {
        writeln!(out, "\n{}", tr("test-coverage", &[]))?;
        for f in files {
            write!(out, "  {:>6.2}%  {}", f.percent(), f.file)?;
            if !f.not_covered.is_empty() {
                let lines: Vec<String> = f.not_covered.iter().map(u32::to_string).collect();
                let lines = lines.join(", ");
                write!(
                    out,
                    "  {}",
                    tr("test-not-covered", &[("lines", (&lines).into())])
                )?;
            }
            writeln!(out)?;
        }
        if let Some(total) = run.total_coverage() {
            write!(out, "  {total:>6.2}%  {}", tr("test-total", &[]))?;
            let shown = threshold.map(|t| t.to_string());
            let args = [("threshold", shown.as_deref().unwrap_or_default().into())];
            match threshold {
                Some(t) if total + 1e-9 < t => {
                    writeln!(out, " {}", tr("test-below-threshold", &args))?
                }
                Some(_) => writeln!(out, " {}", tr("test-threshold", &args))?,
                None => writeln!(out)?,
            }
        }
    }
    writeln!(out)?;
    if run.results.is_empty() {
        writeln!(out, "{}", tr("test-none-matched", &[]))?;
    }
    let summary = tr(
        "test-summary",
        &[
            ("passed", run.passed().into()),
            ("failed", run.failed().into()),
        ],
    );
    writeln!(out, "{summary}")
}

fn package_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("package "))
        .map(str::trim)
}
