//! The stable JSON report (`--format json`), version 1 (docs/output.md).

use serde::Serialize;

use crate::findings::{Finding, Status, Summary};
use crate::pipeline::Outcome;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    revision: Option<&'a str>,
    today: &'a str,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

/// One finding in the JSON shape; absent values are `null`, never missing keys.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub rule: &'a str,
    pub severity: &'a str,
    pub subject: Option<&'a str>,
    pub field: Option<&'a str>,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub legal: Option<&'a str>,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub waived: bool,
    pub status: Option<Status>,
}

/// The findings of an outcome in the JSON shape.
pub fn findings(outcome: &Outcome) -> Vec<JsonFinding<'_>> {
    outcome
        .findings
        .iter()
        .map(|f| finding(outcome, f))
        .collect()
}

/// One finding of `outcome` (its file is named relative to the outcome's root).
pub fn finding<'a>(outcome: &'a Outcome, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.as_str(),
        subject: f.subject.as_deref(),
        field: f.field.as_deref(),
        message: &f.message,
        help: f.help.as_deref(),
        legal: f.legal.as_deref(),
        file: super::finding_path(outcome, f),
        line: f.location.as_ref().map(|l| l.line),
        column: f.location.as_ref().map(|l| l.column),
        waived: f.waived,
        status: f.status,
    }
}

pub fn render(outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = Report {
        version: 1,
        revision: outcome.revision.as_deref(),
        today: &outcome.today,
        findings: findings(outcome),
        summary: Summary::of(&outcome.findings),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
