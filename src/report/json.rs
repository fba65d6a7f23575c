//! The stable JSON report (`--format json`), version 1 (docs/output.md).

use serde::Serialize;

use super::Context;
use crate::findings::{Finding, Location, Status, Summary};
use crate::gate::Comparison;
use crate::pipeline::Outcome;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    revision: Option<&'a str>,
    today: &'a str,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    /// Only in gate mode (`--base`): what a reviewer must look at.
    #[serde(skip_serializing_if = "Option::is_none")]
    gate: Option<Gate<'a>>,
}

/// The gate's comparison with the base, beyond each finding's `status`.
#[derive(Serialize)]
struct Gate<'a> {
    /// Full id of the base commit.
    base: &'a str,
    /// Why the base contributed no findings, when it could not be checked.
    base_note: Option<&'a str>,
    /// `tomcheck.toml` and policy files the change touches.
    policy_changes: &'a [crate::changes::FileChange],
    /// Waivers the change adds or extends: the findings they accept have status `new`.
    waiver_changes: Vec<JsonWaiverChange<'a>>,
    /// Ids the change gives to a different entity: their findings have status `new`.
    reassigned_ids: Vec<JsonReassigned<'a>>,
    /// Findings of the base that the change no longer has.
    resolved: Vec<JsonResolved<'a>>,
}

#[derive(Serialize)]
struct JsonWaiverChange<'a> {
    /// `added` or `extended`.
    change: &'static str,
    id: &'a str,
    rule: &'a str,
    subject: &'a str,
    expires: &'a str,
    /// The latest `expires` of the base's waivers for the rule and subject.
    before: Option<&'a str>,
    /// How many findings of the change it accepts.
    accepts: usize,
    file: Option<&'a str>,
    line: Option<usize>,
    message: String,
}

#[derive(Serialize)]
struct JsonReassigned<'a> {
    subject: &'a str,
    fields: Vec<JsonField<'a>>,
    file: Option<&'a str>,
    line: Option<usize>,
    message: String,
}

#[derive(Serialize)]
struct JsonField<'a> {
    field: &'a str,
    before: &'a str,
    after: &'a str,
}

#[derive(Serialize)]
struct JsonResolved<'a> {
    rule: &'a str,
    subject: Option<&'a str>,
    message: &'a str,
}

fn gate<'a>(outcome: &'a Outcome, gate: &'a Comparison) -> Gate<'a> {
    let file = |l: Option<&Location>| l.map(|l| outcome.facts.map.files[l.file].path.as_str());
    let notices = gate.review_notices();
    let text = |subject: &str| {
        notices
            .iter()
            .find(|n| n.subject == subject)
            .map(|n| n.text.clone())
            .unwrap_or_default()
    };
    Gate {
        base: &gate.base_revision,
        base_note: gate.base_note.as_deref(),
        policy_changes: &gate.changes,
        waiver_changes: gate
            .waivers
            .iter()
            .map(|w| JsonWaiverChange {
                change: if w.before.is_some() {
                    "extended"
                } else {
                    "added"
                },
                id: &w.id,
                rule: &w.rule,
                subject: &w.subject,
                expires: &w.expires,
                before: w.before.as_deref(),
                accepts: w.accepts,
                file: file(w.location.as_ref()),
                line: w.location.as_ref().map(|l| l.line),
                message: text(&format!("waiver:{}", w.id)),
            })
            .collect(),
        reassigned_ids: gate
            .reassigned
            .iter()
            .map(|r| JsonReassigned {
                subject: &r.subject,
                fields: r
                    .fields
                    .iter()
                    .map(|f| JsonField {
                        field: &f.field,
                        before: &f.before,
                        after: &f.after,
                    })
                    .collect(),
                file: file(r.location.as_ref()),
                line: r.location.as_ref().map(|l| l.line),
                message: text(&r.subject),
            })
            .collect(),
        resolved: gate
            .resolved
            .iter()
            .map(|f| JsonResolved {
                rule: &f.rule,
                subject: f.subject.as_deref(),
                message: &f.message,
            })
            .collect(),
    }
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

pub fn render(
    outcome: &Outcome,
    ctx: &Context<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let report = Report {
        version: 1,
        revision: outcome.revision.as_deref(),
        today: &outcome.today,
        findings: findings(outcome),
        summary: Summary::of(&outcome.findings),
        gate: ctx.gate.map(|g| gate(outcome, g)),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
