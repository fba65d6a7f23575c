//! `tomcheck test`: runs the `test_*` rules of `*_test.rego` files, like `opa test`.
//!
//! Tests are discovered from the policy text (rule heads named `test_…` in a file's
//! package), each evaluated on its own clone of the prepared engine: a test passes when
//! it evaluates to `true`. With coverage on, regorus records which lines of the
//! non-test policy files were evaluated.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Code, Problem};
use crate::engine::{Context, EngineOptions, Policies};
use crate::text::SourceText;

/// One test rule.
#[derive(Debug, Clone, Serialize)]
pub struct TestCase {
    /// Full rule path, `data.tom.avv_test.test_missing_fires`.
    pub name: String,
    pub file: String,
    pub line: usize,
}

/// The result of one test.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    #[serde(flatten)]
    pub case: TestCase,
    pub passed: bool,
    /// Why it failed: `false`, undefined, or an evaluation error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the test's `print` calls wrote, sanitised.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub output: Vec<String>,
}

/// Line coverage of one policy file.
#[derive(Debug, Clone, Serialize)]
pub struct FileCoverage {
    pub file: String,
    pub covered: usize,
    pub not_covered: Vec<u32>,
}

impl FileCoverage {
    pub fn percent(&self) -> f64 {
        let total = self.covered + self.not_covered.len();
        if total == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / total as f64
        }
    }
}

/// All results of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub results: Vec<TestResult>,
    pub coverage: Option<Vec<FileCoverage>>,
}

impl Run {
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }

    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }

    /// Covered lines over all files, in percent.
    pub fn total_coverage(&self) -> Option<f64> {
        let files = self.coverage.as_ref()?;
        let covered: usize = files.iter().map(|f| f.covered).sum();
        let total: usize = files.iter().map(|f| f.covered + f.not_covered.len()).sum();
        Some(if total == 0 {
            100.0
        } else {
            covered as f64 * 100.0 / total as f64
        })
    }
}

/// Finds the `test_*` rules of test files.
pub fn discover(files: &[SourceText]) -> Vec<TestCase> {
    let mut cases: Vec<TestCase> = Vec::new();
    for file in files {
        let Some(package) = file
            .text
            .lines()
            .find_map(|l| l.trim().strip_prefix("package "))
            .map(|p| p.trim().to_string())
        else {
            continue;
        };
        for (i, line) in file.text.lines().enumerate() {
            let Some(rest) = line.strip_prefix("test_") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let full = format!("data.{package}.test_{name}");
            // A test may have several bodies (`test_x if {…}` twice); run it once.
            if !cases.iter().any(|c| c.name == full) {
                cases.push(TestCase {
                    name: full,
                    file: file.path.clone(),
                    line: i + 1,
                });
            }
        }
    }
    cases
}

/// Runs the tests of `tests` (test files) against `policies` (which must hold them).
pub fn run(
    policies: &Policies,
    tests: &[SourceText],
    filter: Option<&regex_lite::Regex>,
    coverage: bool,
    today: &str,
    options: &EngineOptions,
) -> Result<Run, Vec<Problem>> {
    let prepared = policies.prepare_with_tests(options)?;
    let context = Context {
        today: today.to_string(),
        revision: None,
        waiver_from: None,
        max_waiver_days: None,
    };
    let mut engine = prepared.engine_for(&context);
    engine.set_input(regorus::Value::new_object());
    if coverage {
        engine.set_enable_coverage(true);
    }
    let mut results = Vec::new();
    for case in discover(tests) {
        if filter.is_some_and(|re| !re.is_match(&case.name)) {
            continue;
        }
        let (passed, error) = match prepared.query(&mut engine, &case.name) {
            Ok(Some(regorus::Value::Bool(true))) => (true, None),
            Ok(Some(regorus::Value::Undefined)) | Ok(None) => {
                (false, Some("undefined".to_string()))
            }
            Ok(Some(other)) => (false, Some(format!("evaluated to {other}"))),
            Err(p) => (false, Some(p.message.clone())),
        };
        let output = engine
            .take_prints()
            .unwrap_or_default()
            .iter()
            .map(|line| crate::text::clean(line))
            .collect();
        results.push(TestResult {
            case,
            passed,
            error,
            output,
        });
    }
    let coverage = if coverage {
        let report = engine.get_coverage_report().map_err(|e| {
            vec![Problem::new(
                Code::Engine,
                crate::i18n::tr("problem-no-coverage", &[("error", (&e.to_string()).into())]),
            )]
        })?;
        let mut files: BTreeMap<String, FileCoverage> = BTreeMap::new();
        for file in report.files {
            if file.path.ends_with("_test.rego") {
                continue;
            }
            files.insert(
                file.path.clone(),
                FileCoverage {
                    file: file.path.clone(),
                    covered: file.covered.len(),
                    not_covered: file.not_covered.iter().copied().collect(),
                },
            );
        }
        Some(files.into_values().collect())
    } else {
        None
    };
    Ok(Run { results, coverage })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_and_runs_tests() {
        let mut policies = Policies::default();
        let rego = "package tom.t\n\ndeny contains \"x\" if { input.bad }\n";
        let test = "package tom.t_test\n\nimport data.tom.t\n\ntest_fires if { count(t.deny) == 1 with input as {\"bad\": true} }\n\ntest_broken if { count(t.deny) == 1 }\n";
        policies
            .add(
                vec![
                    SourceText::new("p/t.rego", "p/t.rego", rego),
                    SourceText::new("p/t_test.rego", "p/t_test.rego", test),
                ],
                false,
            )
            .unwrap();
        let tests = policies.tests.clone();
        let run = run(
            &policies,
            &tests,
            None,
            true,
            "2026-11-22",
            &EngineOptions::default(),
        )
        .unwrap();
        assert_eq!(run.results.len(), 2);
        assert!(run.results[0].passed);
        assert!(!run.results[1].passed);
        assert_eq!(run.results[1].case.line, 7);
        let cov = run.coverage.unwrap();
        assert_eq!(cov.len(), 1);
        assert_eq!(cov[0].file, "p/t.rego");
        assert!(cov[0].covered > 0);
    }
}
