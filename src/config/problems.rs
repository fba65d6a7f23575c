//! Every problem `tomcheck.toml` can have, one builder per kind of problem.
//!
//! Reading (`raw`) and judging (`validate`) both report; the wording
//! lives here once, so both steps say the same thing about the same key (a `fail_on`
//! that is no string and one that is no severity get the same message).

use std::ops::Range;

use super::FILE;
use crate::diag::{did_you_mean, Code, Problem};
use crate::text::SourceText;

/// A top-level key whose value is not what it must be.
pub(super) fn wrong_value(
    source: &SourceText,
    span: Range<usize>,
    key: &str,
    expected: &str,
) -> Problem {
    Problem::at(
        Code::Config,
        format!("`{key}` in {FILE} must be {expected}"),
        source,
        span,
        "invalid value",
    )
}

/// `tom = "…"` that is absolute or leaves the repository.
pub(super) fn tom_outside(source: &SourceText, span: Range<usize>) -> Problem {
    wrong_value(source, span, "tom", "a relative path inside the repository")
        .with_help("for example: tom = \"compliance/tom\"")
}

/// `fail_on = …` that is no severity (or no string at all).
pub(super) fn fail_on_not_severity(source: &SourceText, span: Range<usize>) -> Problem {
    wrong_value(source, span, "fail_on", "\"deny\", \"warn\" or \"info\"")
}

/// `max_waiver_days = …` that is no whole number of days in range.
pub(super) fn max_waiver_days_out_of_range(source: &SourceText, span: Range<usize>) -> Problem {
    wrong_value(
        source,
        span,
        "max_waiver_days",
        &format!(
            "a whole number of days from 1 to {}",
            super::MAX_WAIVER_DAYS_LIMIT
        ),
    )
    .with_help("for example: max_waiver_days = 180")
}

/// An entry of `policies` that is no string, absolute or leaves the repository.
pub(super) fn policy_dir_outside(source: &SourceText, span: Range<usize>) -> Problem {
    Problem::at(
        Code::Config,
        format!("`policies` in {FILE} must list relative directories"),
        source,
        span,
        "not a relative directory",
    )
}

/// A `[rules]` entry that is not `"deny"`, `"warn"`, `"info"` or `"off"`.
pub(super) fn invalid_rule_setting(source: &SourceText, span: Range<usize>, rule: &str) -> Problem {
    Problem::at(
        Code::Config,
        format!("invalid setting for rule `{rule}`"),
        source,
        span,
        "not a severity",
    )
    .with_help("use \"deny\", \"warn\", \"info\" or \"off\"")
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
        format!("rule `{rule}` is set twice in {FILE}"),
        source,
        span,
        "set again here",
    )
    .with_label(first, "first set here")
    .with_help("keep one of the two lines")
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
        format!("unknown key `{name}` in {FILE}"),
        source,
        span,
        "unknown key",
    )
    .with_help(match did_you_mean(name, keys.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("known keys: {}", keys.join(", ")),
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
        format!("{FILE} configures unknown rule `{rule}`"),
        source,
        span,
        "no policy defines this rule",
    )
    .with_help(match did_you_mean(rule, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "`tomcheck rules` lists every rule".into(),
    })
}
