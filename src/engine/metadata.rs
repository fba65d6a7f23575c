//! Rule metadata from OPA `# METADATA` annotations.
//!
//! regorus drops comments, so tomcheck reads the annotation blocks from the policy text
//! itself: a `# METADATA` line followed by comment lines holding YAML, directly above a
//! rule. The same files pass `opa check` and Regal. A block describes a tomcheck rule when
//! it has `custom.id`; `tomcheck rules`, `explain`, SARIF rule descriptors and waiver
//! validation all read [`RuleMeta`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::config::Severity;
use crate::diag::{Code, Problem};
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
}

/// Reads every annotated rule of one policy file.
pub fn read(source: &SourceText, builtin: bool) -> Result<Vec<RuleMeta>, Vec<Problem>> {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (span, yaml, line) in blocks(&source.text) {
        let ann: Annotation = match yaml_serde::from_str(&yaml) {
            Ok(a) => a,
            Err(e) => {
                problems.push(
                    Problem::at(
                        Code::Metadata,
                        crate::i18n::tr(
                            "problem-metadata-yaml",
                            &[("error", (&e.to_string()).into())],
                        ),
                        source,
                        span,
                        crate::i18n::tr("problem-metadata-yaml-label", &[]),
                    )
                    .with_help(crate::i18n::tr("problem-metadata-yaml-help", &[])),
                );
                continue;
            }
        };
        let Some(custom) = ann.custom else { continue };
        let Some(id) = custom.id else { continue };
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
            title: clean_line(&ann.title.unwrap_or_else(|| id.clone())),
            description: clean(ann.description.unwrap_or_default().trim()),
            severity,
            legal: clean_line(&custom.legal.unwrap_or_default()),
            resources: ann
                .related_resources
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

    #[test]
    fn bad_yaml_is_a_problem() {
        let src = SourceText::new("p.rego", "p.rego", "# METADATA\n# title: [x\nx := 1\n");
        assert_eq!(read(&src, false).unwrap_err()[0].code, "metadata");
    }
}
