//! Markdown output (`--format markdown`): a summary with counts and tables of findings,
//! for pull request comments and the GitHub job summary (`GITHUB_STEP_SUMMARY`). In gate
//! mode the findings are split into new and existing, followed by the ones the change
//! resolved.
//!
//! TOM text is untrusted and GitHub renders Markdown with inline HTML, so every value
//! taken from a finding is escaped: Markdown punctuation gets a backslash, `<`, `>` and
//! `&` become entities, and line breaks become spaces, keeping each finding in its row.

use std::io::Write;

use super::{md, Context};
use crate::config::Severity;
use crate::findings::{Finding, Status, Summary};
use crate::i18n::{t, Lang};
use crate::pipeline::Outcome;

/// The numbers every summary shows, computed once from the findings and the gate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub summary: Summary,
    pub waived: usize,
    /// Findings that make the check fail at `--fail-on` (and `--new-only`).
    pub failing: usize,
    pub new: usize,
    pub existing: usize,
    pub resolved: usize,
    pub gate: bool,
}

impl Counts {
    pub fn of(outcome: &Outcome, ctx: &Context<'_>) -> Self {
        let status = |s| {
            outcome
                .findings
                .iter()
                .filter(|f| f.status == Some(s))
                .count()
        };
        Self {
            summary: Summary::of(&outcome.findings),
            waived: outcome.findings.iter().filter(|f| f.waived).count(),
            failing: outcome
                .findings
                .iter()
                .filter(|f| f.fails(ctx.fail_on, ctx.new_only))
                .count(),
            new: status(Status::New),
            existing: status(Status::Existing),
            resolved: ctx.gate.map_or(0, |g| g.resolved.len()),
            gate: ctx.gate.is_some(),
        }
    }

    /// `2 deny, 1 warn, 0 info (1 waived); 1 new, 2 existing, 1 resolved; 1 failing`
    pub fn sentence(&self, lang: Lang) -> String {
        let s = self.summary;
        let mut text = t(
            lang,
            "summary-counts",
            &[
                ("deny", s.deny.into()),
                ("warn", s.warn.into()),
                ("info", s.info.into()),
            ],
        );
        if self.waived > 0 {
            text.push(' ');
            text.push_str(&t(
                lang,
                "md-counts-waived",
                &[("count", self.waived.into())],
            ));
        }
        if self.gate {
            text.push_str(&t(
                lang,
                "md-counts-gate",
                &[
                    ("new", self.new.into()),
                    ("existing", self.existing.into()),
                    ("resolved", self.resolved.into()),
                ],
            ));
        }
        text.push_str(&t(
            lang,
            "md-counts-failing",
            &[("count", self.failing.into())],
        ));
        text
    }
}

fn severity(finding: &Finding, lang: Lang) -> String {
    let level = match finding.severity {
        Severity::Deny => "❌ deny",
        Severity::Warn => "⚠️ warn",
        Severity::Info => "ℹ️ info",
    };
    if finding.waived_by_change() {
        t(lang, "md-waived-by-change", &[("level", level.into())])
    } else if finding.waived {
        t(lang, "md-waived", &[])
    } else {
        level.into()
    }
}

fn table(
    outcome: &Outcome,
    ctx: &Context<'_>,
    findings: &[&Finding],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", t(ctx.lang, "md-table-head", &[]))?;
    writeln!(out, "|---|---|---|---|---|")?;
    for f in findings {
        let place = match &f.location {
            Some(l) => md::code(&format!(
                "{}{}:{}",
                ctx.path_prefix, outcome.facts.map.files[l.file].path, l.line
            )),
            None => String::new(),
        };
        let mut text = md::text(&f.message);
        if let Some(help) = f.help.as_deref().filter(|h| !h.is_empty()) {
            text.push_str("<br>");
            text.push_str(&md::text(help));
        }
        if let Some(legal) = f.legal.as_deref().filter(|l| !l.is_empty()) {
            text.push_str(&format!("<br>*{}*", md::text(legal)));
        }
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            severity(f, ctx.lang),
            md::code(&f.rule),
            f.subject.as_deref().map(md::code).unwrap_or_default(),
            place,
            text
        )?;
    }
    writeln!(out)
}

/// Renders the whole Markdown report.
pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let counts = Counts::of(outcome, ctx);
    let lang = ctx.lang;
    let verdict = t(lang, "md-verdict", &[("count", counts.failing.into())]);
    writeln!(out, "## tomcheck: {verdict}")?;
    writeln!(out)?;
    let mut line = format!(
        "**{} deny · {} warn · {} info**",
        counts.summary.deny, counts.summary.warn, counts.summary.info
    );
    if counts.waived > 0 {
        line.push(' ');
        line.push_str(&t(
            lang,
            "md-counts-waived",
            &[("count", counts.waived.into())],
        ));
    }
    let label = md::code(&super::source_label(lang, &outcome.label));
    let fail_on = ctx.fail_on.to_string();
    line.push(' ');
    line.push_str(&t(
        lang,
        "md-line-tail",
        &[
            ("label", (&label).into()),
            ("date", (&md::text(&lang.date(&outcome.today))).into()),
            ("failon", (&fail_on).into()),
        ],
    ));
    if ctx.new_only {
        line.push_str(&t(lang, "md-new-only", &[]));
    }
    writeln!(out, "{line}")?;
    writeln!(out)?;
    let Some(gate) = ctx.gate else {
        if outcome.findings.is_empty() {
            writeln!(out, "{}", t(lang, "md-no-findings", &[]))?;
        } else {
            let all: Vec<&Finding> = outcome.findings.iter().collect();
            table(outcome, ctx, &all, out)?;
        }
        return Ok(());
    };
    let base = md::code(&gate.base_label);
    let compared = t(
        lang,
        "md-compared",
        &[
            ("base", (&base).into()),
            ("new", counts.new.into()),
            ("existing", counts.existing.into()),
            ("resolved", counts.resolved.into()),
        ],
    );
    writeln!(out, "{compared}")?;
    writeln!(out)?;
    if let Some(notice) = gate.notice(ctx.lang) {
        writeln!(out, "> [!WARNING]")?;
        writeln!(out, "> {}", md::text(&notice))?;
        writeln!(out)?;
    }
    let review = gate.review_notices();
    if !review.is_empty() {
        writeln!(out, "> [!WARNING]")?;
        writeln!(out, "> **{}**", t(lang, "md-changes-to-review", &[]))?;
        writeln!(out, ">")?;
        for notice in &review {
            let place = notice
                .location
                .map(|l| {
                    format!(
                        " ({})",
                        md::code(&format!(
                            "{}{}:{}",
                            ctx.path_prefix, outcome.facts.map.files[l.file].path, l.line
                        ))
                    )
                })
                .unwrap_or_default();
            writeln!(out, "> - {}{place}", md::text(&notice.text))?;
        }
        writeln!(out)?;
    }
    if let Some(note) = &gate.base_note {
        writeln!(out, "> [!NOTE]")?;
        writeln!(out, "> {}", md::text(note))?;
        writeln!(out)?;
    }
    let pick = |s| -> Vec<&Finding> {
        outcome
            .findings
            .iter()
            .filter(|f| f.status == Some(s))
            .collect()
    };
    for (heading, status) in [
        ("md-new-findings", Status::New),
        ("md-existing-findings", Status::Existing),
    ] {
        let heading = t(lang, heading, &[]);
        let findings = pick(status);
        if findings.is_empty() {
            continue;
        }
        writeln!(out, "### {heading} ({})", findings.len())?;
        writeln!(out)?;
        if status == Status::Existing {
            writeln!(
                out,
                "<details><summary>{}</summary>",
                t(lang, "md-already-in-base", &[])
            )?;
            writeln!(out)?;
        }
        table(outcome, ctx, &findings, out)?;
        if status == Status::Existing {
            writeln!(out, "</details>")?;
            writeln!(out)?;
        }
    }
    if !gate.resolved.is_empty() {
        let heading = t(lang, "md-resolved-findings", &[]);
        writeln!(out, "### {heading} ({})", gate.resolved.len())?;
        writeln!(out)?;
        writeln!(out, "{}", t(lang, "md-resolved-head", &[]))?;
        writeln!(out, "|---|---|---|")?;
        for f in &gate.resolved {
            writeln!(
                out,
                "| {} | {} | {} |",
                md::code(&f.rule),
                f.subject.as_deref().map(md::code).unwrap_or_default(),
                md::text(&f.message)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
