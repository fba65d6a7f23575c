//! Rule metadata from OPA `# METADATA` annotations.
//!
//! regorus drops comments, so tomcheck reads the annotation blocks from the policy text
//! itself: a `# METADATA` line followed by comment lines holding YAML, directly above a
//! rule. The same files pass `opa check` and Regal. A block describes a tomcheck rule when
//! it has `custom.id`; `tomcheck rules`, `explain`, SARIF rule descriptors and waiver
//! validation all read [`RuleMeta`].
//!
//! `title` and `description` are English; translations live in `custom.i18n`, one table
//! per language tag, with any of `title`, `description`, `legal`, `fires`, `quiet` and
//! `resources` (the descriptions of `related_resources`, in their order). The run's
//! language picks its table when the annotation is read; a text it lacks stays English.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::config::Severity;
use crate::diag::{Code, Problem};
use crate::i18n::Lang;
use crate::text::{clean, clean_line, SourceText};

/// Everything known about one rule id.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub legal: String,
    /// Links to the legal text or guidance.
    pub resources: Vec<Resource>,
    /// When the rule fires, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fires: Option<String>,
    /// Near misses that must not fire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet: Option<String>,
    /// A TOML snippet that fires, and its fixed version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The policy file and 1-based line of the annotated rule.
    pub file: String,
    pub line: usize,
    /// Whether the rule ships with tomcheck.
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resource {
    #[serde(rename = "ref")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Deserialize)]
struct Annotation {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    related_resources: Vec<Resource>,
    custom: Option<Custom>,
}

#[derive(Deserialize)]
struct Custom {
    id: Option<String>,
    severity: Option<String>,
    legal: Option<String>,
    fires: Option<String>,
    quiet: Option<String>,
    example: Option<String>,
    fix: Option<String>,
    #[serde(default)]
    i18n: BTreeMap<String, Translation>,
}

/// The texts of one rule in one more language (`custom.i18n.<tag>`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Translation {
    title: Option<String>,
    description: Option<String>,
    legal: Option<String>,
    fires: Option<String>,
    quiet: Option<String>,
    resources: Option<Vec<String>>,
}

/// Reads every annotated rule of one policy file, in the run's language.
pub fn read(source: &SourceText, builtin: bool) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    read_in(source, builtin, crate::i18n::current())
}

/// Reads every annotated rule of one policy file, with the texts of `lang` where the
/// annotation has them.
pub fn read_in(
    source: &SourceText,
    builtin: bool,
    lang: Lang,
) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (span, yaml, line) in blocks(&source.text) {
        let ann: Annotation = match yaml_serde::from_str(&yaml) {
            Ok(a) => a,
            Err(e) => {
                problems.push(
                    Problem::at(
                        Code::Metadata,
                        format!("invalid METADATA annotation: {e}"),
                        source,
                        span,
                        "this block is not valid YAML",
                    )
                    .with_help(
                        "annotation lines are `# ` followed by YAML, as `opa check` expects",
                    ),
                );
                continue;
            }
        };
        let Some(mut custom) = ann.custom else {
            continue;
        };
        let Some(id) = custom.id.clone() else {
            continue;
        };
        let mut title = ann.title;
        let mut description = ann.description;
        let mut resources = ann.related_resources;
        let translation = match lang {
            Lang::En => None,
            other => custom.i18n.remove(other.tag()),
        };
        if let Some(tr) = translation {
            if let Some(texts) = tr.resources {
                if texts.len() != resources.len() {
                    problems.push(
                        Problem::at(
                            Code::Metadata,
                            format!(
                                "rule `{id}` translates {} resource descriptions into `{}` but has {} related_resources",
                                texts.len(),
                                lang.tag(),
                                resources.len()
                            ),
                            source,
                            span,
                            "in this annotation",
                        )
                        .with_help("custom.i18n.<lang>.resources lists one description per related_resources entry, in the same order"),
                    );
                    continue;
                }
                for (r, text) in resources.iter_mut().zip(texts) {
                    r.description = Some(text);
                }
            }
            title = tr.title.or(title);
            description = tr.description.or(description);
            custom.legal = tr.legal.or(custom.legal);
            custom.fires = tr.fires.or(custom.fires);
            custom.quiet = tr.quiet.or(custom.quiet);
        }
        let severity = match custom.severity.as_deref() {
            None => Severity::Deny,
            Some(s) => match Severity::parse(s) {
                Some(s) => s,
                None => {
                    problems.push(
                        Problem::at(
                            Code::Metadata,
                            format!("rule `{id}` has unknown severity `{s}`"),
                            source,
                            span,
                            "in this annotation",
                        )
                        .with_help("custom.severity is deny, warn or info"),
                    );
                    continue;
                }
            },
        };
        // Metadata of a repository's policy is untrusted text shown by `rules`,
        // `explain` and every report: sanitised once, here.
        let text = |s: Option<String>| s.map(|s| clean(&s));
        rules.push(RuleMeta {
            title: clean_line(&title.unwrap_or_else(|| id.clone())),
            description: clean(description.unwrap_or_default().trim()),
            severity,
            legal: clean_line(&custom.legal.unwrap_or_default()),
            resources: resources
                .into_iter()
                .map(|mut r| {
                    r.url = clean_line(&r.url);
                    r.description = r.description.map(|d| clean_line(&d));
                    r
                })
                .collect(),
            fires: text(custom.fires),
            quiet: text(custom.quiet),
            example: text(custom.example),
            fix: text(custom.fix),
            file: clean_line(&source.path),
            line,
            builtin,
            id: clean_line(&id),
        });
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

/// `(span of the block, YAML text, 1-based line of the rule below it)` per annotation.
fn blocks(text: &str) -> Vec<(Range<usize>, String, usize)> {
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |off, l| {
            let start = *off;
            *off += l.len();
            Some((start, l))
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        if line.trim() == "# METADATA" {
            let mut yaml = String::new();
            let mut j = i + 1;
            while j < lines.len() && lines[j].1.trim_start().starts_with('#') {
                let body = lines[j].1.trim_start().trim_start_matches('#');
                let body = body.strip_prefix(' ').unwrap_or(body);
                yaml.push_str(body.trim_end_matches(['\n', '\r']));
                yaml.push('\n');
                j += 1;
            }
            let end = lines.get(j).map(|l| l.0).unwrap_or(text.len());
            out.push((start..end.saturating_sub(1).max(start), yaml, j + 1));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_annotation() {
        let rego = "package tom.x\n\n# METADATA\n# title: No AVV\n# description: >-\n#   Long\n#   text.\n# related_resources:\n#   - ref: https://eur-lex.europa.eu\n#     description: Art. 28\n# custom:\n#   id: avv.missing\n#   severity: warn\n#   legal: Art. 28(3) GDPR\ndeny contains f if { f := 1 }\n";
        let src = SourceText::new("p.rego", "p.rego", rego);
        let rules = read(&src, true).unwrap();
        assert_eq!(rules.len(), 1);
        let r = &rules[0];
        assert_eq!(
            (r.id.as_str(), r.severity, r.line),
            ("avv.missing", Severity::Warn, 15)
        );
        assert_eq!(r.description, "Long text.");
        assert_eq!(r.resources[0].url, "https://eur-lex.europa.eu");
    }

    const BILINGUAL: &str = "package tom.x\n\n# METADATA\n# title: No AVV\n# description: Long text.\n# related_resources:\n#   - ref: https://eur-lex.europa.eu\n#     description: Art. 28 GDPR\n# custom:\n#   id: avv.missing\n#   legal: Art. 28(3) GDPR\n#   quiet: controllers\n#   i18n:\n#     de:\n#       title: Kein AVV\n#       legal: Art. 28 Abs. 3 DSGVO\n#       resources: [Art. 28 DSGVO]\ndeny contains f if { f := 1 }\n";

    #[test]
    fn reads_the_texts_of_the_language() {
        let src = SourceText::new("p.rego", "p.rego", BILINGUAL);
        let de = &read_in(&src, true, Lang::De).unwrap()[0];
        assert_eq!(
            (
                de.title.as_str(),
                de.legal.as_str(),
                de.resources[0].description.as_deref()
            ),
            ("Kein AVV", "Art. 28 Abs. 3 DSGVO", Some("Art. 28 DSGVO"))
        );
        // What the translation lacks stays English.
        assert_eq!(
            (de.description.as_str(), de.quiet.as_deref()),
            ("Long text.", Some("controllers"))
        );
        let en = &read_in(&src, true, Lang::En).unwrap()[0];
        assert_eq!(
            (en.title.as_str(), en.legal.as_str()),
            ("No AVV", "Art. 28(3) GDPR")
        );
    }

    #[test]
    fn malformed_translations_are_problems() {
        for bad in [
            BILINGUAL.replace("#       title: Kein AVV", "#       titel: Kein AVV"),
            BILINGUAL.replace("#       title: Kein AVV", "#       title: [Kein, AVV]"),
            BILINGUAL.replace("[Art. 28 DSGVO]", "[Art. 28 DSGVO, Art. 32 DSGVO]"),
        ] {
            let src = SourceText::new("p.rego", "p.rego", bad.as_str());
            let errs = read_in(&src, true, Lang::De).unwrap_err();
            assert_eq!(errs[0].code, "metadata", "{bad}");
        }
    }

    #[test]
    fn bad_yaml_is_a_problem() {
        let src = SourceText::new("p.rego", "p.rego", "# METADATA\n# title: [x\nx := 1\n");
        assert_eq!(read(&src, false).unwrap_err()[0].code, "metadata");
    }
}
