//! The stable diff JSON (docs/output.md, docs/diff-reports.md), version 1:
//! `{"version":1, "old":…, "new":…, "changes":[{"subject","change","fields":[{"path",
//! "before","after"}]}], "findings":{"new":[…], "resolved":[…]}}`. Findings have the shape
//! of `check --format json`. Additive keys: `today`, `policies_from`, per side the commit
//! date, "Stand" and summary, per change `kind` / `name` / `control`, per field `words`
//! (text fields) or `added` / `removed` (lists), and `policy_changes`.

use serde::Serialize;

use crate::diff::{Diff, EntityChange, FileChange, PoliciesFrom, Side};
use crate::findings::{Finding, Summary};
use crate::report::json::JsonFinding;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    today: &'a str,
    policies_from: PoliciesFrom,
    changes: &'a [EntityChange],
    findings: Findings<'a>,
    policy_changes: &'a [FileChange],
}

#[derive(Serialize)]
struct JsonSide<'a> {
    /// What was asked for (`v1.0`, `working tree`).
    spec: &'a str,
    label: &'a str,
    revision: Option<&'a str>,
    date: Option<&'a str>,
    organization: Option<&'a str>,
    as_of: Option<&'a str>,
    reviewed: Option<&'a str>,
    /// `false` when this version has no TOM directory.
    tom: bool,
    summary: Summary,
}

#[derive(Serialize)]
struct Findings<'a> {
    new: Vec<JsonFinding<'a>>,
    resolved: Vec<JsonFinding<'a>>,
}

fn side(s: &Side) -> JsonSide<'_> {
    JsonSide {
        spec: &s.spec,
        label: &s.label,
        revision: s.revision.as_deref(),
        date: s.date.as_deref(),
        organization: s.organization.as_deref(),
        as_of: s.as_of.as_deref(),
        reviewed: s.reviewed.as_deref(),
        tom: s.outcome.is_some(),
        summary: s.summary(),
    }
}

/// Findings of `side` in the shape of `check --format json`.
fn findings<'a>(side: &'a Side, list: &'a [Finding]) -> Vec<JsonFinding<'a>> {
    let Some(outcome) = &side.outcome else {
        return Vec::new();
    };
    list.iter()
        .map(|f| crate::report::json::finding(outcome, f))
        .collect()
}

pub fn render(diff: &Diff, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = Report {
        version: 1,
        old: side(&diff.old),
        new: side(&diff.new),
        today: &diff.today,
        policies_from: diff.policies_from,
        changes: &diff.changes,
        findings: Findings {
            new: findings(&diff.new, &diff.new_findings),
            resolved: findings(&diff.old, &diff.resolved_findings),
        },
        policy_changes: &diff.policy_changes,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
