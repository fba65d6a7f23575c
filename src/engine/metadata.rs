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
    if builtin {
        if let Some(file) = super::bundled::file(source) {
            return read_prepared(source, file, crate::i18n::current());
        }
    }
    read_in(source, builtin, crate::i18n::current())
}

/// Reads every annotated rule of one policy file, with the texts of `lang` where the
/// annotation has them.
pub fn read_in(
    source: &SourceText,
    builtin: bool,
    lang: Lang,
) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    let annotations = super::annotations::blocks(&source.text)
        .into_iter()
        .map(|b| {
            let ann = yaml_serde::from_str(&b.yaml).map_err(|e| e.to_string());
            (b.span, b.line, ann)
        })
        .collect();
    rules_of(source, builtin, lang, annotations)
}

/// [`read_in`] for a bundled file, from the annotations the build converted to JSON.
fn read_prepared(
    source: &SourceText,
    file: &super::bundled::File,
    lang: Lang,
) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    let mut annotations = Vec::with_capacity(file.annotations.len());
    for a in file.annotations {
        match a.json.and_then(|j| serde_json::from_str(j).ok()) {
            Some(ann) => annotations.push((a.span.clone(), a.line, Ok(ann))),
            // Not convertible: the YAML reader says why.
            None => return read_in(source, true, lang),
        }
    }
    rules_of(source, true, lang, annotations)
}

/// The rules of a file's annotations: `(span of the block, line of the rule below it,
/// the annotation or why its YAML does not parse)`.
fn rules_of(
    source: &SourceText,
    builtin: bool,
    lang: Lang,
    annotations: Vec<(Range<usize>, usize, Result<Annotation, String>)>,
) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (span, line, ann) in annotations {
        let ann = match ann {
            Ok(a) => a,
            Err(e) => {
                problems.push(
                    Problem::at(
                        Code::Metadata,
                        crate::i18n::tr("problem-metadata-yaml", &[("error", (&e).into())]),
                        source,
                        span,
                        crate::i18n::tr("problem-metadata-yaml-label", &[]),
                    )
                    .with_help(crate::i18n::tr("problem-metadata-yaml-help", &[])),
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
                            crate::i18n::tr(
                                "problem-metadata-resources",
                                &[
                                    ("id", (&id).into()),
                                    ("lang", lang.tag().into()),
                                    ("texts", texts.len().into()),
                                    ("resources", resources.len().into()),
                                ],
                            ),
                            source,
                            span,
                            crate::i18n::tr("problem-metadata-resources-label", &[]),
                        )
                        .with_help(crate::i18n::tr("problem-metadata-resources-help", &[])),
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
                            crate::i18n::tr(
                                "problem-metadata-severity",
                                &[("id", (&id).into()), ("severity", s.into())],
                            ),
                            source,
                            span,
                            crate::i18n::tr("problem-metadata-severity-label", &[]),
                        )
                        .with_help(crate::i18n::tr("problem-metadata-severity-help", &[])),
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

    /// The annotations the build converted read as the YAML they were written in.
    #[test]
    fn prepared_annotations_read_like_their_yaml() {
        let policies = crate::engine::Policies::bundled().unwrap();
        let mut rules = 0;
        for source in &policies.files {
            let file = super::super::bundled::file(source).unwrap();
            assert!(file.annotations.iter().all(|a| a.json.is_some()));
            for lang in [Lang::En, Lang::De] {
                let prepared = read_prepared(source, file, lang).unwrap();
                let written = read_in(source, true, lang).unwrap();
                rules += prepared.len();
                assert_eq!(
                    serde_json::to_value(&prepared).unwrap(),
                    serde_json::to_value(&written).unwrap(),
                    "{} ({lang:?})",
                    source.path
                );
            }
        }
        assert!(rules >= 40, "{rules}");
    }

    #[test]
    fn bad_yaml_is_a_problem() {
        let src = SourceText::new("p.rego", "p.rego", "# METADATA\n# title: [x\nx := 1\n");
        assert_eq!(read(&src, false).unwrap_err()[0].code, "metadata");
    }
}
