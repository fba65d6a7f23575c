//! `tomcheck.toml`: where the TOM and the repository's policies are, and per-rule
//! severity overrides. Validated like the facts: unknown keys with suggestions, wrong
//! types and values with spans, all problems at once.
//!
//! Two steps, as cargo-deny does it: `raw` reads the file into a `RawConfig` of spanned
//! values without judging them, then `validate` judges them into a [`Config`]. The
//! problems of both are worded in `problems`.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diag::Problem;
use crate::text::SourceText;

mod problems;
mod raw;
mod validate;

use raw::RawConfig;

/// The name of the configuration file at the root.
pub const FILE: &str = "tomcheck.toml";

/// A severity, ordered: `Info < Warn < Deny`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    Deny,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Deny => "deny",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warn" => Some(Severity::Warn),
            "deny" => Some(Severity::Deny),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `[rules]` says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Severity(Severity),
    Off,
}

/// The repository configuration; every field has a default.
#[derive(Debug, Clone)]
pub struct Config {
    /// The TOM directory relative to the root.
    pub tom: String,
    /// Repository policy directories.
    pub policies: Vec<String>,
    /// Whether the bundled policies are evaluated.
    pub builtin: bool,
    pub fail_on: Option<Severity>,
    pub rules: BTreeMap<String, (RuleSetting, Range<usize>)>,
    /// The file it was read from, for diagnostics about `[rules]`.
    pub source: Option<SourceText>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            tom: "tom".into(),
            policies: vec!["policies".into()],
            builtin: true,
            fail_on: None,
            rules: BTreeMap::new(),
            source: None,
        }
    }
}

impl Config {
    /// Parses and validates a `tomcheck.toml`: read with spans, then judged; every
    /// problem of both steps is reported.
    pub fn parse(source: SourceText) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let Some(raw) = RawConfig::parse(source, &mut problems) else {
            return Err(problems);
        };
        let config = raw.validate(&mut problems);
        if problems.is_empty() {
            return Ok(config);
        }
        // Reading and judging each find problems in the order of the file; told
        // together, they are too (a stable sort keeps a key's own problems in order).
        problems.sort_by_key(|p| p.labels.first().map(|(span, _)| span.start));
        Err(problems)
    }

    /// Reports `[rules]` entries naming rules that no policy defines.
    pub fn check_rules(&self, known: &[&str]) -> Vec<Problem> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        self.rules
            .iter()
            .filter(|(rule, _)| !known.contains(&rule.as_str()))
            .map(|(rule, (_, span))| problems::unknown_rule(source, span.clone(), rule, known))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Problem>> {
        Config::parse(SourceText::new(FILE, FILE, text))
    }

    #[test]
    fn reads_every_key() {
        let c = parse("tom = \"compliance/tom\"\npolicies = [\"rego\"]\nbuiltin = false\nfail_on = \"warn\"\n[rules]\n\"avv.missing\" = \"off\"\n").unwrap();
        assert_eq!(c.tom, "compliance/tom");
        assert_eq!(c.policies, ["rego"]);
        assert!(!c.builtin);
        assert_eq!(c.fail_on, Some(Severity::Warn));
        assert_eq!(c.rules["avv.missing"].0, RuleSetting::Off);
    }

    #[test]
    fn rejects_typos_and_escapes() {
        let errs =
            parse("tmo = \"x\"\npolicies = [\"../x\"]\n[rules]\n\"a\" = \"loud\"\n").unwrap_err();
        assert_eq!(errs.len(), 3);
        assert!(
            errs.iter()
                .any(|e| e.help.as_deref().is_some_and(|h| h.contains("`tom`"))),
            "{errs:?}"
        );
    }

    /// Reading finds some problems (unknown keys, types), judging others (values);
    /// the user gets all of them, in the order of the file.
    #[test]
    fn every_problem_is_reported_in_the_order_of_the_file() {
        let text = "tom = \"../x\"\ntmo = \"y\"\npolicies = [\"ok\", 5, \"/abs\"]\nbuiltin = \"yes\"\nfail_on = \"loud\"\n\
                    [rules]\n\"a.b\" = \"loud\"\n\"c.d\" = 1\n";
        let errs = parse(text).unwrap_err();
        let told: Vec<_> = errs
            .iter()
            .map(|p| (p.message.as_str(), &text[p.labels[0].0.clone()]))
            .collect();
        assert_eq!(
            told,
            [
                (
                    "`tom` in tomcheck.toml must be a relative path inside the repository",
                    "\"../x\""
                ),
                ("unknown key `tmo` in tomcheck.toml", "tmo"),
                (
                    "`policies` in tomcheck.toml must list relative directories",
                    "5"
                ),
                (
                    "`policies` in tomcheck.toml must list relative directories",
                    "\"/abs\""
                ),
                (
                    "`builtin` in tomcheck.toml must be true or false",
                    "\"yes\""
                ),
                (
                    "`fail_on` in tomcheck.toml must be \"deny\", \"warn\" or \"info\"",
                    "\"loud\""
                ),
                ("invalid setting for rule `a.b`", "\"loud\""),
                ("invalid setting for rule `c.d`", "1"),
            ]
        );
    }
}
