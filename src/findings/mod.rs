//! Findings: what the policies said, located in the TOM source, with severities,
//! waivers and gate status applied once, before any report is rendered.
//!
//! Renderers only read [`Finding`]s; nothing downstream re-derives a span, a line or a
//! severity.

pub mod compare;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::config::{Config, RuleSetting, Severity};
use crate::engine::RawFinding;
use crate::facts::Facts;
use crate::text::{clean, clean_line};

/// Whether a finding is new in gate mode (`--base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    New,
    Existing,
}

/// Where a finding points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Index into the source map's files.
    pub file: usize,
    pub span: Range<usize>,
    /// 1-based line and character column of the span's start and end.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// `false` when the finding's field is not written: the span is the entity's table.
    pub exact: bool,
}

/// One finding, ready to render.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub subject: Option<String>,
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub legal: Option<String>,
    pub location: Option<Location>,
    /// Suppressed by a valid waiver: shown, not failing (see [`Finding::fails`]).
    pub waived: bool,
    /// In gate mode: `new` or `existing` for an open finding; for a waived one `new` when
    /// only a waiver the change added or extended accepts it, else `None`.
    pub status: Option<Status>,
}

impl Finding {
    /// The key that identifies a finding across revisions: rule and subject, not line.
    pub fn key(&self) -> (String, String) {
        (self.rule.clone(), self.subject.clone().unwrap_or_default())
    }

    /// Whether this finding makes the check fail at `fail_on`. A waived finding does
    /// not, except with `new_only` when the waiver that accepts it is one the change
    /// under review added or extended (the gate marks such a finding `new`): a change
    /// cannot accept its own new findings past `--new-only`.
    pub fn fails(&self, fail_on: Severity, new_only: bool) -> bool {
        if self.severity < fail_on {
            return false;
        }
        if self.waived {
            return new_only && self.status == Some(Status::New);
        }
        !(new_only && self.status == Some(Status::Existing))
    }

    /// Waived only by a waiver the change under review added or extended (gate mode).
    pub fn waived_by_change(&self) -> bool {
        self.waived && self.status == Some(Status::New)
    }
}

/// Where `field` of the entity `subject` is written (the entity's table when the field
/// is not), as findings point.
pub fn locate(facts: &Facts, subject: &str, field: Option<&str>) -> Option<Location> {
    let at = facts.map.locate(subject, field)?;
    let source = &facts.map.files[at.file];
    let (line, column) = source.line_col(at.span.start);
    let (end_line, end_column) = source.line_col(at.span.end);
    Some(Location {
        file: at.file,
        span: at.span,
        line,
        column,
        end_line,
        end_column,
        exact: at.exact,
    })
}

/// Locates raw findings, applies `[rules]` overrides and waivers, and sorts them.
pub fn build(raw: Vec<RawFinding>, facts: &Facts, config: &Config, today: &str) -> Vec<Finding> {
    let waivers: HashSet<(String, String)> = facts.input["waiver"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|w| w["expires"].as_str().is_some_and(|e| e >= today))
        .filter_map(|w| {
            Some((
                w["rule"].as_str()?.to_string(),
                w["subject"].as_str()?.to_string(),
            ))
        })
        .collect();
    let mut out: Vec<Finding> = raw
        .into_iter()
        .filter_map(|f| {
            let severity = match config.rules.get(&f.rule).map(|r| r.0) {
                Some(RuleSetting::Off) => return None,
                Some(RuleSetting::Severity(s)) => s,
                None => f.severity,
            };
            let location = f
                .subject
                .as_deref()
                .and_then(|subject| locate(facts, subject, f.field.as_deref()));
            let waived = f
                .subject
                .as_ref()
                .is_some_and(|s| waivers.contains(&(f.rule.clone(), s.clone())));
            // Policies are untrusted code: what they return is sanitised once, here,
            // so that no renderer can forget it.
            Some(Finding {
                rule: clean_line(&f.rule),
                severity,
                subject: f.subject.as_deref().map(clean_line),
                field: f.field.as_deref().map(clean_line),
                message: clean(&f.message),
                help: f.help.as_deref().map(clean),
                legal: f.legal.as_deref().map(clean_line),
                location,
                waived,
                status: None,
            })
        })
        .collect();
    sort(&mut out);
    out.dedup_by(|a, b| {
        a.rule == b.rule && a.subject == b.subject && a.field == b.field && a.message == b.message
    });
    out
}

/// Stable order: by file and position, then rule and subject; unlocated findings last.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pos = |f: &Finding| {
            f.location
                .as_ref()
                .map(|l| (l.file, l.span.start))
                .unwrap_or((usize::MAX, 0))
        };
        pos(a)
            .cmp(&pos(b))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Counts of non-waived findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub deny: usize,
    pub warn: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Self::default();
        for f in findings.iter().filter(|f| !f.waived) {
            match f.severity {
                Severity::Deny => s.deny += 1,
                Severity::Warn => s.warn += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}
