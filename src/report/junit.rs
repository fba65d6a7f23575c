//! JUnit XML output (`--format junit`) for CI systems that show test reports (GitLab,
//! Jenkins, Azure DevOps), written with `quick-junit`, which escapes the XML. Characters
//! XML 1.0 cannot hold at all (most control characters, U+FFFE, U+FFFF, lone
//! surrogates) are replaced with U+FFFD first by [`xml_text`]: rule ids, subjects and
//! messages come from TOM files and policies.
//!
//! One test suite per rule, so a report lists every rule that was checked: a rule without
//! findings is one passing test case; otherwise every finding is a test case named by
//! its subject. A finding that makes the check fail (at `--fail-on`, honouring
//! `--new-only`) is a `<failure>`; a waived one is `<skipped>`; the rest pass and carry
//! their message as output, so warnings stay visible without failing the report. In
//! gate mode a first suite, `tomcheck: changes to review`, lists what a reviewer must
//! look at (configuration and policy changes, waivers the change adds or extends, ids
//! it gives to another entity) as skipped cases.

use std::collections::BTreeMap;
use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Context;
use crate::findings::{Finding, Status};
use crate::i18n::t;
use crate::pipeline::Outcome;

/// Whether XML 1.0 can hold `c` (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` with every character XML cannot hold replaced by U+FFFD.
pub fn xml_text(s: &str) -> String {
    if s.chars().all(xml_char) {
        return s.to_string();
    }
    s.chars()
        .map(|c| if xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

fn describe(outcome: &Outcome, ctx: &Context<'_>, finding: &Finding) -> String {
    let mut text = String::new();
    if let Some(loc) = &finding.location {
        let path = &outcome.facts.map.files[loc.file].path;
        text.push_str(&format!(
            "{}{path}:{}:{}\n",
            ctx.path_prefix, loc.line, loc.column
        ));
    }
    text.push_str(&finding.message);
    if let Some(help) = finding.help.as_deref().filter(|h| !h.is_empty()) {
        text.push('\n');
        text.push_str(&t(ctx.lang, "junit-help", &[("help", help.into())]));
    }
    if let Some(legal) = finding.legal.as_deref().filter(|l| !l.is_empty()) {
        text.push('\n');
        text.push_str(&t(ctx.lang, "legal-basis", &[("legal", legal.into())]));
    }
    if let Some(status) = finding.status {
        let id = match status {
            Status::New => "junit-status-new",
            Status::Existing => "junit-status-existing",
        };
        text.push('\n');
        text.push_str(&t(ctx.lang, id, &[]));
    }
    xml_text(&text)
}

fn test_case(outcome: &Outcome, ctx: &Context<'_>, finding: &Finding) -> TestCase {
    let name = xml_text(finding.subject.as_deref().unwrap_or(&finding.message));
    let message = xml_text(&finding.message);
    let description = describe(outcome, ctx, finding);
    let lang = ctx.lang;
    let status = if finding.fails(ctx.fail_on, ctx.new_only) {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
        s.set_message(if finding.waived {
            t(
                lang,
                "junit-waived-by-change",
                &[("message", (&message).into())],
            )
        } else {
            message.clone()
        });
        s.set_type(finding.severity.as_str());
        s.set_description(description.clone());
        s
    } else if finding.waived {
        let mut s = TestCaseStatus::skipped();
        s.set_message(if finding.waived_by_change() {
            t(
                lang,
                "junit-waived-by-change",
                &[("message", (&message).into())],
            )
        } else {
            t(lang, "junit-waived", &[("message", (&message).into())])
        });
        s.set_description(description.clone());
        s
    } else {
        TestCaseStatus::success()
    };
    let passed = matches!(status, TestCaseStatus::Success { .. });
    let mut case = TestCase::new(name, status);
    case.set_classname(xml_text(&finding.rule));
    if passed {
        case.set_system_out(format!("{}: {description}", finding.severity));
    }
    if let Some(loc) = &finding.location {
        let path = &outcome.facts.map.files[loc.file].path;
        case.extra.insert(
            "file".into(),
            xml_text(&format!("{}{path}", ctx.path_prefix)).into(),
        );
        case.extra
            .insert("line".into(), loc.line.to_string().into());
    }
    case
}

/// The JUnit report of an outcome.
pub fn report(outcome: &Outcome, ctx: &Context<'_>) -> Report {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = ctx
        .rules
        .iter()
        .map(|r| (r.id.as_str(), Vec::new()))
        .collect();
    for finding in &outcome.findings {
        by_rule.entry(&finding.rule).or_default().push(finding);
    }
    let mut report = Report::new("tomcheck");
    if let Some(suite) = review_suite(outcome, ctx) {
        report.add_test_suite(suite);
    }
    for (rule, findings) in by_rule {
        let rule = xml_text(rule);
        let mut suite = TestSuite::new(rule.as_str());
        if findings.is_empty() {
            let mut case = TestCase::new(rule.as_str(), TestCaseStatus::success());
            case.set_classname(rule.as_str());
            suite.add_test_case(case);
        }
        for finding in findings {
            suite.add_test_case(test_case(outcome, ctx, finding));
        }
        report.add_test_suite(suite);
    }
    report
}

/// The gate's notices about the change (its configuration and policies, waivers it adds
/// or extends, ids it gives to another entity) as skipped test cases of one suite,
/// first in the report: they need a reviewer, not a failing build.
fn review_suite(outcome: &Outcome, ctx: &Context<'_>) -> Option<TestSuite> {
    let gate = ctx.gate?;
    let mut cases = Vec::new();
    if let Some(notice) = gate.notice(ctx.lang) {
        cases.push(("configuration".to_string(), notice, String::new()));
    }
    for notice in gate.review_notices() {
        let place = notice
            .location
            .map(|l| {
                format!(
                    "{}{}:{}",
                    ctx.path_prefix, outcome.facts.map.files[l.file].path, l.line
                )
            })
            .unwrap_or_default();
        cases.push((notice.subject, notice.text, place));
    }
    if cases.is_empty() {
        return None;
    }
    let mut suite = TestSuite::new(t(ctx.lang, "junit-review-suite", &[]));
    for (name, text, place) in cases {
        let mut status = TestCaseStatus::skipped();
        status.set_message(t(ctx.lang, "junit-review", &[("text", (&text).into())]));
        if !place.is_empty() {
            status.set_description(place);
        }
        let mut case = TestCase::new(name, status);
        case.set_classname("review");
        suite.add_test_case(case);
    }
    Some(suite)
}

pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    report(outcome, ctx)
        .serialize(&mut *out)
        .map_err(std::io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::xml_text;

    #[test]
    fn characters_xml_cannot_hold_are_replaced() {
        assert_eq!(xml_text("a\u{FFFE}b\u{FFFF}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(xml_text("x\u{0}\u{1b}\u{7}y"), "x\u{FFFD}\u{FFFD}\u{FFFD}y");
        // What XML holds stays: tabs, line breaks, all of Unicode's planes.
        let fine = "tab\tline\ncr\r Müller 東京 \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF} 🙂";
        assert_eq!(xml_text(fine), fine);
    }
}
