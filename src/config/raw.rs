//! `tomcheck.toml` as written: every known key with its span, no judgement yet.
//!
//! Reading only checks what TOML itself decides: which keys exist (an unknown one gets a
//! suggestion) and what type each value has. Whether a directory stays inside the
//! repository or a string is a severity is judged afterwards by `validate`, which needs
//! the spans kept here to point at the value it rejects.
//!
//! `[rules]` is flattened while reading. Rule ids contain dots, and TOML reads an
//! unquoted dotted key (`avv.missing = "off"`) or a `[rules.avv]` table as nested
//! tables, so every path of keys down to a string becomes one dotted id: the three
//! spellings mean the same rule, as a TOML user would expect.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::problems::{
    fail_on_not_severity, invalid_rule_setting, max_waiver_days_out_of_range, policy_dir_outside,
    unknown_key, wrong_value,
};
use crate::diag::{toml_syntax, Problem};
use crate::text::SourceText;

/// The top-level keys of `tomcheck.toml`.
const KEYS: &[&str] = &[
    "tom",
    "policies",
    "builtin",
    "fail_on",
    "lang",
    "max_waiver_days",
    "rules",
    "document",
];

/// The keys of `tomcheck.toml` that are written and have the right type.
pub(super) struct RawConfig {
    /// The file, for the diagnostics of both steps and for `Config::check_rules`.
    pub source: SourceText,
    pub tom: Option<Spanned<String>>,
    /// `None` when not written; items that are no string are reported and left out.
    pub policies: Option<Vec<Spanned<String>>>,
    pub builtin: Option<bool>,
    pub fail_on: Option<Spanned<String>>,
    pub lang: Option<Spanned<String>>,
    /// `max_waiver_days`, when it is an integer (its range is judged later).
    pub max_waiver_days: Option<Spanned<i64>>,
    /// `[rules]` in the order written, flattened to dotted ids.
    pub rules: Vec<RawRule>,
}

/// One `[rules]` entry whose value is a string.
pub(super) struct RawRule {
    /// The dotted rule id, however it was spelt.
    pub id: String,
    /// The setting as written, with the span of the string.
    pub setting: Spanned<String>,
    /// The entry from its first key on this line to its value (`avv.missing = "off"`),
    /// for diagnostics about the rule rather than its setting.
    pub span: Range<usize>,
}

type Key<'i> = Spanned<Cow<'i, str>>;

impl RawConfig {
    /// Reads `source`; `None` when it is not valid TOML (each syntax error reported).
    pub fn parse(source: SourceText, problems: &mut Vec<Problem>) -> Option<Self> {
        let text = Arc::clone(&source.text);
        let (doc, errors) = DeTable::parse_recoverable(&text);
        if !errors.is_empty() {
            problems.extend(errors.iter().map(|e| toml_syntax(&source, e)));
            return None;
        }
        let mut raw = RawConfig {
            source,
            tom: None,
            policies: None,
            builtin: None,
            fail_on: None,
            lang: None,
            max_waiver_days: None,
            rules: Vec::new(),
        };
        for (key, value) in doc.get_ref() {
            raw.read(key, value, problems);
        }
        Some(raw)
    }

    /// Reads one top-level key.
    fn read(&mut self, key: &Key<'_>, value: &Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) {
        let source = &self.source;
        let name = key.get_ref().as_ref();
        let wrong = |expected: &str| wrong_value(source, value.span(), name, expected);
        match name {
            "tom" => match string(value) {
                Some(s) => self.tom = Some(s),
                None => problems.push(wrong("string")),
            },
            "policies" => match value.get_ref().as_array() {
                Some(items) => {
                    let mut dirs = Vec::new();
                    for item in items.iter() {
                        match string(item) {
                            Some(dir) => dirs.push(dir),
                            None => problems.push(policy_dir_outside(source, item.span())),
                        }
                    }
                    self.policies = Some(dirs);
                }
                None => problems.push(wrong("directories")),
            },
            "builtin" => match value.get_ref().as_bool() {
                Some(b) => self.builtin = Some(b),
                None => problems.push(wrong("bool")),
            },
            // The look of rendered documents: its keys are validated where documents
            // are rendered (`crate::render::settings`).
            "document" => {
                if value.get_ref().as_table().is_none() {
                    problems.push(wrong("document"));
                }
            }
            "lang" => match string(value) {
                Some(s) => self.lang = Some(s),
                None => problems.push(wrong("lang")),
            },
            "fail_on" => match string(value) {
                Some(s) => self.fail_on = Some(s),
                None => problems.push(fail_on_not_severity(source, value.span())),
            },
            "max_waiver_days" => match value.get_ref().as_integer() {
                Some(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
                    Ok(days) => self.max_waiver_days = Some(Spanned::new(value.span(), days)),
                    Err(_) => problems.push(max_waiver_days_out_of_range(source, value.span())),
                },
                None => problems.push(max_waiver_days_out_of_range(source, value.span())),
            },
            "rules" => match value.get_ref() {
                DeValue::Table(table) => {
                    read_rules(source, table, "", &[], &mut self.rules, problems);
                }
                _ => problems.push(wrong("rules")),
            },
            _ => problems.push(unknown_key(source, key.span(), name, KEYS)),
        }
    }
}

/// Appends the entries of a table under `[rules]` to `out`. `prefix` is the dotted id
/// of the table, `keys` the spans of the keys that led to it.
fn read_rules(
    source: &SourceText,
    table: &DeTable<'_>,
    prefix: &str,
    keys: &[Range<usize>],
    out: &mut Vec<RawRule>,
    problems: &mut Vec<Problem>,
) {
    for (key, value) in table {
        let name = key.get_ref();
        let id = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let keys = [keys, &[key.span()]].concat();
        match value.get_ref() {
            DeValue::String(s) => out.push(RawRule {
                span: entry_span(&source.text, &keys, value.span()),
                setting: Spanned::new(value.span(), s.to_string()),
                id,
            }),
            DeValue::Table(inner) => read_rules(source, inner, &id, &keys, out, problems),
            _ => problems.push(invalid_rule_setting(source, value.span(), &id)),
        }
    }
}

/// The span of `key.key = value`: from the outermost key joined by dots on the line of
/// the value, so `avv.missing = "off"` is labelled whole, and `missing = "off"` under a
/// `[rules.avv]` header (or inside `avv = { … }`) without the header.
fn entry_span(text: &str, keys: &[Range<usize>], value: Range<usize>) -> Range<usize> {
    let mut start = keys.last().map_or(value.start, |k| k.start);
    for pair in keys.windows(2).rev() {
        match text.get(pair[0].end..pair[1].start) {
            Some(between) if between.trim() == "." => start = pair[0].start,
            _ => break,
        }
    }
    start..value.end
}

fn string(value: &Spanned<DeValue<'_>>) -> Option<Spanned<String>> {
    let s = value.get_ref().as_str()?;
    Some(Spanned::new(value.span(), s.to_string()))
}
