//! Every problem `tomcheck.toml` can have, one builder per kind of problem.
//!
//! Reading (`raw`) and judging (`validate`) both report; the wording
//! lives here once, so both steps say the same thing about the same key (a `fail_on`
//! that is no string and one that is no severity get the same message).

use std::ops::Range;

use super::FILE;
use crate::diag::{did_you_mean, Code, Problem};
use crate::i18n::tr;
use crate::text::SourceText;

/// A top-level key whose value is not what it must be. `expected` names the expected
/// shape (`string`, `bool`, …): its text is `problem-config-expected-<name>`.
pub(super) fn wrong_value(
    source: &SourceText,
    span: Range<usize>,
    key: &str,
    expected: &str,
) -> Problem {
    Problem::at(
        Code::Config,
        tr(
            "problem-config-wrong-value",
            &[
                ("key", key.into()),
                ("file", FILE.into()),
                (
                    "expected",
                    (&tr(&format!("problem-config-expected-{expected}"), &[])).into(),
                ),
            ],
        ),
        source,
        span,
        tr("problem-config-invalid-value", &[]),
    )
}

/// `tom = "…"` that is absolute or leaves the repository.
pub(super) fn tom_outside(source: &SourceText, span: Range<usize>) -> Problem {
    wrong_value(source, span, "tom", "tom-path").with_help(tr("problem-config-tom-help", &[]))
}

/// `fail_on = …` that is no severity (or no string at all).
pub(super) fn fail_on_not_severity(source: &SourceText, span: Range<usize>) -> Problem {
    wrong_value(source, span, "fail_on", "severity")
}

/// `max_waiver_days = …` that is no whole number of days in range.
pub(super) fn max_waiver_days_out_of_range(source: &SourceText, span: Range<usize>) -> Problem {
    let mut p = wrong_value(source, span, "max_waiver_days", "waiver-days");
    p.message = tr(
        "problem-config-waiver-days",
        &[
            ("file", FILE.into()),
            ("max", (&super::MAX_WAIVER_DAYS_LIMIT.to_string()).into()),
        ],
    );
    p.with_help(tr("problem-config-waiver-days-help", &[]))
}

/// An entry of `policies` that is no string, absolute or leaves the repository.
pub(super) fn policy_dir_outside(source: &SourceText, span: Range<usize>) -> Problem {
    Problem::at(
        Code::Config,
        tr("problem-config-policy-dir", &[("file", FILE.into())]),
        source,
        span,
        tr("problem-config-policy-dir-label", &[]),
    )
}

/// A `[rules]` entry that is not `"deny"`, `"warn"`, `"info"` or `"off"`.
pub(super) fn invalid_rule_setting(source: &SourceText, span: Range<usize>, rule: &str) -> Problem {
    Problem::at(
        Code::Config,
        tr("problem-config-rule-setting", &[("rule", rule.into())]),
        source,
        span,
        tr("problem-config-rule-setting-label", &[]),
    )
    .with_help(tr("problem-config-rule-setting-help", &[]))
}

/// A rule set a second time under another spelling (`"avv.missing"` and
/// `avv.missing`, which TOML keeps apart).
pub(super) fn rule_set_twice(
    source: &SourceText,
    span: Range<usize>,
    rule: &str,
    first: Range<usize>,
) -> Problem {
    Problem::at(
        Code::Config,
        tr(
            "problem-config-rule-twice",
            &[("rule", rule.into()), ("file", FILE.into())],
        ),
        source,
        span,
        tr("problem-config-set-again-here", &[]),
    )
    .with_label(first, tr("problem-config-first-set-here", &[]))
    .with_help(tr("problem-config-rule-twice-help", &[]))
}

/// A top-level key `tomcheck.toml` does not have.
pub(super) fn unknown_key(
    source: &SourceText,
    span: Range<usize>,
    name: &str,
    keys: &[&str],
) -> Problem {
    Problem::at(
        Code::Config,
        tr(
            "problem-config-unknown-key",
            &[("name", name.into()), ("file", FILE.into())],
        ),
        source,
        span,
        tr("problem-unknown-key-label", &[]),
    )
    .with_help(match did_you_mean(name, keys.iter().copied()) {
        Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
        None => tr(
            "problem-config-known-keys",
            &[("keys", (&keys.join(", ")).into())],
        ),
    })
}

/// A `[rules]` entry naming a rule that no loaded policy defines.
pub(super) fn unknown_rule(
    source: &SourceText,
    span: Range<usize>,
    rule: &str,
    known: &[&str],
) -> Problem {
    Problem::at(
        Code::UnknownRule,
        tr(
            "problem-config-unknown-rule",
            &[("file", FILE.into()), ("rule", rule.into())],
        ),
        source,
        span,
        tr("problem-unknown-waiver-rule-label", &[]),
    )
    .with_help(match did_you_mean(rule, known.iter().copied()) {
        Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
        None => tr("problem-unknown-rule-help", &[]),
    })
}
