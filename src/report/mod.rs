//! Reports: one module per output format, all fed by the same [`Finding`]s.
//!
//! Renderers write to a `Write` they are given; the library never prints.

pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod log;
pub mod markdown;
pub mod md;
pub mod mutants;
pub mod sarif;
pub mod snippet;

use crate::findings::Finding;
use crate::pipeline::Outcome;

/// The output formats of `tomcheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics pointing into the TOML source.
    Human,
    /// The stable, versioned JSON shape (docs/output.md).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// JUnit XML for CI test reports.
    Junit,
    /// A Markdown summary for pull request comments and job summaries.
    Markdown,
}

/// What a report may need beyond the outcome: rule metadata (SARIF rule descriptors),
/// the comparison with the base in gate mode, and how findings are judged.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Metadata of every loaded rule.
    pub rules: &'a [crate::engine::metadata::RuleMeta],
    /// The comparison with the base revision (`--base`).
    pub gate: Option<&'a crate::gate::Comparison>,
    /// Makes the outcome's root-relative paths repository-relative: `""` or `"sub/dir/"`.
    pub path_prefix: &'a str,
    pub fail_on: crate::config::Severity,
    pub new_only: bool,
    /// The language of labels and notices.
    pub lang: crate::i18n::Lang,
}

impl Default for Context<'_> {
    fn default() -> Self {
        Self {
            rules: &[],
            gate: None,
            path_prefix: "",
            fail_on: crate::config::Severity::Deny,
            new_only: false,
            lang: crate::i18n::Lang::En,
        }
    }
}

/// Renders an outcome in `format` with everything `ctx` knows.
pub fn render_with(
    outcome: &Outcome,
    format: Format,
    style: Style,
    ctx: &Context<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => {
            if let Some(gate) = ctx.gate {
                human::gate_header(gate, outcome, style.lang, out)?;
            }
            human::render(outcome, style, out)?;
            match ctx.gate {
                Some(gate) => human::gate_footer(gate, style.lang, out),
                None => Ok(()),
            }
        }
        Format::Json => json::render(outcome, ctx, out),
        Format::Github => github::render(outcome, ctx, out),
        Format::Sarif => sarif::render(outcome, ctx, out),
        Format::Junit => junit::render(outcome, ctx, out),
        Format::Markdown => markdown::render(outcome, ctx, out),
    }
}

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The language of the text (labels, summaries; never ids or enum values).
    pub lang: crate::i18n::Lang,
    pub color: bool,
    /// Screen-reader friendly output without box drawing.
    pub narrate: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            lang: crate::i18n::Lang::En,
            color: false,
            narrate: false,
            width: 100,
        }
    }
}

/// Renders an outcome in `format`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    render_with(outcome, format, style, &Context::default(), out)
}

/// What was checked, as a label in `lang`: the working tree, the index, or a commit
/// (`abc1234 of 2026-01-01`, as [`crate::source::Source::label`] writes it).
pub fn source_label(lang: crate::i18n::Lang, label: &str) -> String {
    use crate::i18n::t;
    match label {
        "working tree" => t(lang, "label-working-tree", &[]),
        "index" => t(lang, "label-index", &[]),
        other => match other.split_once(" of ") {
            Some((commit, date)) => t(
                lang,
                "label-commit-of",
                &[
                    ("commit", commit.into()),
                    ("date", (&lang.date(date)).into()),
                ],
            ),
            None => other.to_string(),
        },
    }
}

/// The file a finding points into, by its repository-relative path.
pub fn finding_path<'a>(outcome: &'a Outcome, finding: &Finding) -> Option<&'a str> {
    finding
        .location
        .as_ref()
        .map(|l| outcome.facts.map.files[l.file].path.as_str())
}
