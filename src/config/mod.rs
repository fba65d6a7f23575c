//! `tomcheck.toml`: where the TOM and the repository's policies are, and per-rule
//! severity overrides. Validated like the facts: unknown keys with suggestions, wrong
//! types and values with spans, all problems at once.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::{did_you_mean, Code, Problem};
use crate::text::SourceText;

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

const KEYS: &[&str] = &["tom", "policies", "builtin", "fail_on", "rules", "document"];

impl Config {
    /// Parses and validates a `tomcheck.toml`.
    pub fn parse(source: SourceText) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut config = Config::default();
        let (doc, errors) = DeTable::parse_recoverable(&source.text);
        for e in &errors {
            problems.push(Problem::at(
                Code::TomlSyntax,
                format!("invalid TOML in {}: {}", source.path, e.message().trim()),
                &source,
                e.span().unwrap_or(0..0),
                e.message().lines().next().unwrap_or("").to_string(),
            ));
        }
        if !errors.is_empty() {
            return Err(problems);
        }
        for (key, value) in doc.get_ref() {
            let name = key.get_ref().as_ref();
            let span = value.span();
            let wrong = |what: &str| {
                Problem::at(
                    Code::Config,
                    format!("`{name}` in {FILE} must be {what}"),
                    &source,
                    span.clone(),
                    "invalid value",
                )
            };
            match name {
                "tom" => match value.get_ref().as_str() {
                    Some(s) => match clean_dir(s) {
                        Some(dir) => config.tom = dir,
                        None => problems.push(
                            wrong("a relative path inside the repository")
                                .with_help("for example: tom = \"compliance/tom\""),
                        ),
                    },
                    None => problems.push(wrong("a string")),
                },
                "policies" => match value.get_ref().as_array() {
                    Some(items) => {
                        config.policies.clear();
                        for item in items.iter() {
                            match item.get_ref().as_str().and_then(clean_dir) {
                                Some(dir) => config.policies.push(dir),
                                None => problems.push(Problem::at(
                                    Code::Config,
                                    format!("`policies` in {FILE} must list relative directories"),
                                    &source,
                                    item.span(),
                                    "not a relative directory",
                                )),
                            }
                        }
                    }
                    None => problems.push(wrong("a list of directories, like [\"policies\"]")),
                },
                "builtin" => match value.get_ref().as_bool() {
                    Some(b) => config.builtin = b,
                    None => problems.push(wrong("true or false")),
                },
                "fail_on" => match value.get_ref().as_str().and_then(Severity::parse) {
                    Some(s) => config.fail_on = Some(s),
                    None => problems.push(wrong("\"deny\", \"warn\" or \"info\"")),
                },
                "rules" => match value.get_ref() {
                    DeValue::Table(rules) => {
                        for (rule, setting) in rules {
                            let parsed = setting.get_ref().as_str().and_then(|s| match s {
                                "off" => Some(RuleSetting::Off),
                                s => Severity::parse(s).map(RuleSetting::Severity),
                            });
                            match parsed {
                                Some(s) => {
                                    config.rules.insert(
                                        rule.get_ref().to_string(),
                                        (s, rule.span().start..setting.span().end),
                                    );
                                }
                                None => problems.push(
                                    Problem::at(
                                        Code::Config,
                                        format!("invalid setting for rule `{}`", rule.get_ref()),
                                        &source,
                                        setting.span(),
                                        "not a severity",
                                    )
                                    .with_help("use \"deny\", \"warn\", \"info\" or \"off\""),
                                ),
                            }
                        }
                    }
                    _ => problems.push(wrong("a table: [rules] with \"rule.id\" = \"warn\" lines")),
                },
                // The look of rendered documents: its keys are validated where documents
                // are rendered (`crate::render::settings`).
                "document" => {
                    if !matches!(value.get_ref(), DeValue::Table(_)) {
                        problems.push(wrong(
                            "a table: [document] with settings of `tomcheck render`",
                        ));
                    }
                }
                _ => {
                    let mut p = Problem::at(
                        Code::Config,
                        format!("unknown key `{name}` in {FILE}"),
                        &source,
                        key.span(),
                        "unknown key",
                    );
                    p.help = Some(match did_you_mean(name, KEYS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("known keys: {}", KEYS.join(", ")),
                    });
                    problems.push(p);
                }
            }
        }
        config.source = Some(source);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Reports `[rules]` entries naming rules that no policy defines.
    pub fn check_rules(&self, known: &[&str]) -> Vec<Problem> {
        let Some(source) = &self.source else {
            return Vec::new();
        };
        self.rules
            .iter()
            .filter(|(rule, _)| !known.contains(&rule.as_str()))
            .map(|(rule, (_, span))| {
                let mut p = Problem::at(
                    Code::UnknownRule,
                    format!("{FILE} configures unknown rule `{rule}`"),
                    source,
                    span.clone(),
                    "no policy defines this rule",
                );
                p.help = Some(match did_you_mean(rule, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "`tomcheck rules` lists every rule".into(),
                });
                p
            })
            .collect()
    }
}

/// A relative, normalised directory without `..`, or `None`.
fn clean_dir(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/');
    let s = s.strip_prefix("./").unwrap_or(s);
    let ok = !s.is_empty()
        && !s.starts_with('/')
        && !s.contains('\\')
        && s.split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".");
    ok.then(|| s.to_string())
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
}
