//! GitHub Actions output (`--format github`): one workflow command per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which GitHub
//! turns into annotations on the pull request's diff.
//!
//! Everything in a finding can come from TOM text, and TOM text is untrusted: a provider
//! named `x%0A::error::owned` or one with a real line break must not be able to start a
//! workflow command of its own. GitHub reads one command per line and decodes `%XX`
//! escapes afterwards, so escaping `%`, `\r` and `\n` keeps every finding on its line and
//! `%` literal; property values additionally escape `:` and `,`, which separate
//! properties. Terminal control characters are dropped, as in human output.

use std::io::Write;

use super::markdown::Counts;
use super::Context;
use crate::config::Severity;
use crate::findings::{Finding, Status};
use crate::i18n::{t, Lang};
use crate::pipeline::Outcome;

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command with escaped properties and message.
fn command(
    out: &mut dyn Write,
    name: &str,
    properties: &[(&str, String)],
    message: &str,
) -> std::io::Result<()> {
    write!(out, "::{name}")?;
    for (i, (key, value)) in properties.iter().enumerate() {
        let sep = if i == 0 { ' ' } else { ',' };
        write!(out, "{sep}{key}={}", escape_property(value))?;
    }
    writeln!(out, "::{}", escape_data(message))
}

/// The annotation level of a finding: what fails is an error, what only informs is a
/// warning or notice, so the pull request shows at a glance what blocks it.
fn level(finding: &Finding, ctx: &Context<'_>) -> &'static str {
    if finding.fails(ctx.fail_on, ctx.new_only) {
        return "error";
    }
    if finding.waived && !finding.waived_by_change() {
        return "notice";
    }
    match finding.severity {
        Severity::Deny | Severity::Warn => "warning",
        Severity::Info => "notice",
    }
}

fn title(finding: &Finding, lang: Lang) -> String {
    let mut title = finding.rule.clone();
    if let Some(subject) = &finding.subject {
        title.push_str(" · ");
        title.push_str(subject);
    }
    let tag = match (finding.waived, finding.status) {
        (true, Some(Status::New)) => "gh-new-waived",
        (true, _) => "gh-waived",
        (false, Some(Status::New)) => "gh-new",
        (false, Some(Status::Existing)) => "gh-existing",
        (false, None) => return title,
    };
    title.push(' ');
    title.push_str(&t(lang, tag, &[]));
    title
}

/// The annotation text: message, help and legal basis on separate lines.
fn text(finding: &Finding, lang: Lang) -> String {
    let mut text = finding.message.clone();
    if let Some(help) = finding.help.as_deref().filter(|h| !h.is_empty()) {
        text.push('\n');
        text.push_str(help);
    }
    if let Some(legal) = finding.legal.as_deref().filter(|l| !l.is_empty()) {
        text.push('\n');
        text.push_str(&t(lang, "legal-basis", &[("legal", legal.into())]));
    }
    text
}

/// Renders the findings as workflow commands, then a plain summary line.
pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(notice) = ctx.gate.and_then(|g| g.notice(ctx.lang)) {
        command(
            out,
            "notice",
            &[("title", t(ctx.lang, "gh-policies-changed", &[]))],
            &notice,
        )?;
    }
    for notice in ctx.gate.map(|g| g.review_notices()).unwrap_or_default() {
        let mut properties = Vec::new();
        if let Some(loc) = notice.location {
            let path = &outcome.facts.map.files[loc.file].path;
            properties.push(("file", format!("{}{path}", ctx.path_prefix)));
            properties.push(("line", loc.line.to_string()));
            properties.push(("col", loc.column.to_string()));
        }
        properties.push(("title", notice.kind.title(ctx.lang)));
        command(out, "warning", &properties, &notice.text)?;
    }
    if let Some(note) = ctx.gate.and_then(|g| g.base_note.as_deref()) {
        command(
            out,
            "notice",
            &[("title", t(ctx.lang, "gh-base-not-compared", &[]))],
            note,
        )?;
    }
    for finding in &outcome.findings {
        let mut properties = Vec::new();
        if let Some(loc) = &finding.location {
            let path = &outcome.facts.map.files[loc.file].path;
            properties.push(("file", format!("{}{path}", ctx.path_prefix)));
            properties.push(("line", loc.line.to_string()));
            properties.push(("col", loc.column.to_string()));
            properties.push(("endLine", loc.end_line.to_string()));
            properties.push(("endColumn", loc.end_column.to_string()));
        }
        properties.push(("title", title(finding, ctx.lang)));
        command(
            out,
            level(finding, ctx),
            &properties,
            &text(finding, ctx.lang),
        )?;
    }
    writeln!(
        out,
        "tomcheck: {}",
        Counts::of(outcome, ctx).sentence(ctx.lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_data("x%0A::error::owned"), "x%250A::error::owned");
        assert_eq!(escape_data("bell\u{7}\u{1b}[31m"), "bell[31m");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn a_command_is_always_one_line() {
        let mut out = Vec::new();
        command(
            &mut out,
            "error",
            &[("title", "t\n::error::x".into())],
            "m\n::error::owned\r",
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert_eq!(
            text,
            "::error title=t%0A%3A%3Aerror%3A%3Ax::m%0A::error::owned%0D\n"
        );
    }
}
