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

/// How long a waiver may last when `max_waiver_days` is not set.
pub const DEFAULT_MAX_WAIVER_DAYS: u32 = 365;

/// The largest `max_waiver_days` accepted: a hundred years.
pub const MAX_WAIVER_DAYS_LIMIT: u32 = 36_500;

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
    /// The language of the output (`lang`), unless `--lang` or the environment say otherwise.
    pub lang: Option<crate::i18n::Lang>,
    /// How many days a waiver may last (`waiver.too-long`), counted from the base
    /// commit's date in the gate and from the evaluation date elsewhere.
    pub max_waiver_days: u32,
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
            lang: None,
            max_waiver_days: DEFAULT_MAX_WAIVER_DAYS,
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
        let c = parse("tom = \"compliance/tom\"\npolicies = [\"rego\"]\nbuiltin = false\nfail_on = \"warn\"\nmax_waiver_days = 90\n[rules]\n\"avv.missing\" = \"off\"\n").unwrap();
        assert_eq!(c.tom, "compliance/tom");
        assert_eq!(c.max_waiver_days, 90);
        assert_eq!(parse("").unwrap().max_waiver_days, 365);
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

    /// The text a rule's span covers.
    fn rule_text(c: &Config, rule: &str) -> String {
        let span = c.rules[rule].1.clone();
        c.source.as_ref().unwrap().text[span].to_string()
    }

    /// Rule ids have dots; TOML reads an unquoted dotted key as nested tables. Every
    /// spelling names the same rule, and its span is the line that sets it.
    #[test]
    fn rules_may_be_written_with_dotted_keys_quoted_or_not() {
        let spellings = [
            (
                "[rules]\n\"avv.missing\" = \"off\"\n",
                "\"avv.missing\" = \"off\"",
            ),
            ("[rules]\navv.missing = \"off\"\n", "avv.missing = \"off\""),
            (
                "[rules]\navv . missing = \"off\"\n",
                "avv . missing = \"off\"",
            ),
            ("[rules.avv]\nmissing = \"off\"\n", "missing = \"off\""),
            (
                "[rules]\navv = { missing = \"off\" }\n",
                "missing = \"off\"",
            ),
            ("rules.avv.missing = \"off\"\n", "avv.missing = \"off\""),
        ];
        for (text, span) in spellings {
            let c = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(c.rules.len(), 1, "{text}");
            assert_eq!(c.rules["avv.missing"].0, RuleSetting::Off, "{text}");
            assert_eq!(rule_text(&c, "avv.missing"), span, "{text}");
        }
        let c = parse(
            "[rules]\nbackup.offsite = \"warn\"\n\"backup.restore-untested\" = \"info\"\n[rules.acme]\n\"provider.contact\" = \"deny\"\n",
        )
        .unwrap();
        let ids: Vec<_> = c.rules.keys().map(String::as_str).collect();
        assert_eq!(
            ids,
            [
                "acme.provider.contact",
                "backup.offsite",
                "backup.restore-untested"
            ]
        );
        assert_eq!(
            c.rules["backup.offsite"].0,
            RuleSetting::Severity(Severity::Warn)
        );
    }

    #[test]
    fn a_rule_setting_that_is_no_severity_is_an_error_at_its_value() {
        let text =
            "[rules]\navv.missing = 1\nbackup = [\"off\"]\n[rules.review]\noverdue = \"loud\"\n";
        let errs = parse(text).unwrap_err();
        let told: Vec<_> = errs
            .iter()
            .map(|p| (p.message.as_str(), &text[p.labels[0].0.clone()]))
            .collect();
        assert_eq!(
            told,
            [
                ("invalid setting for rule `avv.missing`", "1"),
                ("invalid setting for rule `backup`", "[\"off\"]"),
                ("invalid setting for rule `review.overdue`", "\"loud\""),
            ]
        );
        assert!(errs.iter().all(|p| p.labels[0].1 == "not a severity"));
    }

    #[test]
    fn a_rule_set_under_two_spellings_is_an_error_naming_both() {
        let text = "[rules]\n\"avv.missing\" = \"off\"\navv.missing = \"warn\"\n";
        let errs = parse(text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].message,
            "rule `avv.missing` is set twice in tomcheck.toml"
        );
        let labelled: Vec<_> = errs[0]
            .labels
            .iter()
            .map(|(s, _)| &text[s.clone()])
            .collect();
        assert_eq!(
            labelled,
            ["avv.missing = \"warn\"", "\"avv.missing\" = \"off\""]
        );
    }

    #[test]
    fn unknown_dotted_rules_point_at_their_line() {
        let text = "[rules]\navv.mising = \"off\"\n";
        let c = parse(text).unwrap();
        let errs = c.check_rules(&["avv.missing"]);
        assert_eq!(
            errs[0].message,
            "tomcheck.toml configures unknown rule `avv.mising`"
        );
        assert_eq!(&text[errs[0].labels[0].0.clone()], "avv.mising = \"off\"");
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `avv.missing`?"));
    }

    #[test]
    fn max_waiver_days_is_a_whole_number_of_days_in_range() {
        for (value, ok) in [
            ("1", true),
            ("36500", true),
            ("0", false),
            ("-5", false),
            ("36501", false),
            ("99999999999999999", false),
            ("1.5", false),
            ("\"365\"", false),
            ("true", false),
        ] {
            let text = format!("max_waiver_days = {value}\n");
            match parse(&text) {
                Ok(c) => {
                    assert!(ok, "{value} accepted");
                    assert_eq!(c.max_waiver_days.to_string(), value);
                }
                Err(errs) => {
                    assert!(!ok, "{value} rejected: {errs:?}");
                    assert_eq!(errs.len(), 1, "{value}");
                    assert_eq!(
                        errs[0].message,
                        "`max_waiver_days` in tomcheck.toml must be a whole number of days from 1 to 36500"
                    );
                    assert_eq!(&text[errs[0].labels[0].0.clone()], value);
                }
            }
        }
    }

    /// Reading finds some problems (unknown keys, types), judging others (values);
    /// the user gets all of them, in the order of the file.
    #[test]
    fn every_problem_is_reported_in_the_order_of_the_file() {
        let text = "tom = \"../x\"\ntmo = \"y\"\npolicies = [\"ok\", 5, \"/abs\"]\nbuiltin = \"yes\"\nfail_on = \"loud\"\n\
                    [rules]\n\"a.b\" = \"loud\"\nc.d = 1\n";
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
