//! Reports of a [`Diff`] between two TOM versions: one module per format, all fed by the
//! same [`Diff`] (entity changes, word diffs, compliance delta), so that the terminal, a
//! pull request comment, a JSON consumer and the printed report for an auditor always
//! agree. Headings of the Markdown and HTML reports come in German and English.

pub mod html;
pub mod human;
pub mod json;
pub mod markdown;

use std::sync::OnceLock;

use serde_json::Value;

use super::Style;
use crate::diff::{Change, Diff};
use crate::schema;

/// `--format` of `tomcheck diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Grouped by kind, coloured like a review tool, word-level highlights.
    Human,
    /// Tables per kind and the compliance delta (pull request comment, job summary).
    Markdown,
    /// The stable, versioned JSON shape (see docs/diff-reports.md).
    Json,
    /// One self-contained, printable HTML file for an auditor.
    Html,
}

/// The language of the headings and labels (the run's `--lang`).
pub use crate::i18n::Lang;

/// Renders a diff in `format`.
pub fn render(
    diff: &Diff,
    format: DiffFormat,
    lang: Lang,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        DiffFormat::Human => human::render(diff, style, out),
        DiffFormat::Markdown => markdown::render(diff, lang, out),
        DiffFormat::Json => json::render(diff, out),
        DiffFormat::Html => html::render(diff, lang, out),
    }
}

/// Every fixed text of the Markdown and HTML reports in one language, from the
/// catalogue (`diff-*` in report.ftl).
pub struct Labels {
    /// The language tag (`<html lang>`).
    pub lang: &'static str,
    pub title: String,
    pub old: String,
    pub new: String,
    pub revision: String,
    pub commit_date: String,
    pub as_of: String,
    pub reviewed: String,
    pub findings: String,
    pub evaluated: String,
    pub policies_old: String,
    pub policies_new: String,
    pub compliance: String,
    pub new_findings: String,
    pub resolved_findings: String,
    pub none: String,
    pub changes: String,
    pub unchanged: String,
    pub entry: String,
    pub change: String,
    pub field: String,
    pub before: String,
    pub after: String,
    pub not_set: String,
    pub severity: String,
    pub rule: String,
    pub subject: String,
    pub message: String,
    pub policy_changes: String,
    pub policy_changes_note: String,
    pub file: String,
    pub no_tom: String,
    pub working_tree: String,
    pub index: String,
    pub generated: String,
}

impl Labels {
    fn of(lang: Lang) -> Self {
        let t = |id: &str| crate::i18n::t(lang, id, &[]);
        Labels {
            lang: lang.tag(),
            title: t("diff-title"),
            old: t("diff-old"),
            new: t("diff-new"),
            revision: t("diff-revision"),
            commit_date: t("diff-commit-date"),
            as_of: t("diff-as-of"),
            reviewed: t("diff-reviewed"),
            findings: t("diff-findings"),
            evaluated: t("diff-evaluated"),
            policies_old: t("diff-policies-old"),
            policies_new: t("diff-policies-new"),
            compliance: t("diff-compliance"),
            new_findings: t("diff-new-findings"),
            resolved_findings: t("diff-resolved-findings"),
            none: t("diff-none"),
            changes: t("diff-changes"),
            unchanged: t("diff-unchanged"),
            entry: t("diff-entry"),
            change: t("diff-change"),
            field: t("diff-field"),
            before: t("diff-before"),
            after: t("diff-after"),
            not_set: t("diff-not-set"),
            severity: t("diff-severity"),
            rule: t("diff-rule"),
            subject: t("diff-subject"),
            message: t("diff-message"),
            policy_changes: t("diff-policy-changes"),
            policy_changes_note: t("diff-policy-changes-note"),
            file: t("diff-file"),
            no_tom: t("diff-no-tom"),
            working_tree: t("diff-working-tree"),
            index: t("diff-index"),
            generated: t("diff-generated"),
        }
    }
}

impl Lang {
    /// The labels of the Markdown and HTML diff in this language.
    pub fn labels(self) -> &'static Labels {
        static LABELS: [OnceLock<Labels>; 2] = [OnceLock::new(), OnceLock::new()];
        LABELS[self as usize].get_or_init(|| Labels::of(self))
    }

    /// Heading of a kind's section.
    pub fn kind(self, kind: &str) -> String {
        match kind {
            "organization" | "provider" | "location" | "system" | "backup" | "measure"
            | "waiver" => crate::i18n::t(self, &format!("kind-{kind}"), &[]),
            other => other.to_string(),
        }
    }

    /// The word for an entity's change (`added`, `hinzugefügt`).
    pub fn change(self, change: Change) -> String {
        let id = match change {
            Change::Added => "change-added",
            Change::Removed => "change-removed",
            Change::Modified => "change-modified",
        };
        crate::i18n::t(self, id, &[])
    }

    /// The name of a control category (`physical_access` → Zutrittskontrolle).
    pub fn control(self, control: &str) -> String {
        const EN_CONTROLS: &[&str] = &[
            "Physical access control",
            "System access control",
            "Data access control",
            "Separation control",
            "Pseudonymisation",
            "Encryption",
            "Transfer control",
            "Input control",
            "Availability control",
            "Rapid recoverability",
            "Order control",
            "Regular review",
        ];
        let names = match self {
            Lang::En => EN_CONTROLS,
            Lang::De => schema::CONTROL_LABELS_DE,
        };
        schema::CONTROLS
            .iter()
            .position(|c| *c == control)
            .and_then(|i| names.get(i))
            .map(|s| s.to_string())
            .unwrap_or_else(|| control.to_string())
    }

    /// A revision for headings: `working tree`, `index`, or the short id.
    pub fn side_label(self, label: &str) -> String {
        let l = self.labels();
        match label {
            "working tree" => l.working_tree.clone(),
            "index" => l.index.clone(),
            other => other.to_string(),
        }
    }
}

/// A value as plain text for tables (lists comma-separated, strings unquoted).
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `2 deny, 1 warn, 0 info` (severities are enum values in every language).
pub fn summary_text(s: crate::findings::Summary, lang: Lang) -> String {
    crate::i18n::t(
        lang,
        "summary-counts",
        &[
            ("deny", s.deny.into()),
            ("warn", s.warn.into()),
            ("info", s.info.into()),
        ],
    )
}
