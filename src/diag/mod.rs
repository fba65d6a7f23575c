//! Input problems: everything that stops tomcheck from checking at all.
//!
//! Bad TOML, schema violations, dangling references, Rego compile errors, git errors and
//! bad configuration are all [`Problem`]s: one type with a stable code, a message, labels
//! pointing into one source file, help, and related problems for spans in other files
//! (a duplicate id defined in two files). Loaders *collect* problems instead of stopping
//! at the first one, so a user fixes a whole batch per run. Any problem means exit 2.

use std::fmt;
use std::ops::Range;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::text::SourceText;

mod code;
pub use code::Code;

/// A reason the input could not be checked.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Stable kebab-case code, shown as `tomcheck::<code>` (documented in docs/errors.md).
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
    /// The file the labels point into, if any.
    pub source: Option<SourceText>,
    /// Labels: byte span and text; the first one is primary.
    pub labels: Vec<(Range<usize>, String)>,
    /// Further problems in other files that belong to this one.
    pub related: Vec<Problem>,
    /// Whether this is an error (the default) or merely advice attached to another problem.
    pub is_advice: bool,
}

impl Problem {
    /// A problem without a location (bad usage, git errors).
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            help: None,
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
            is_advice: false,
        }
    }

    /// A problem located in `source` at `span`.
    pub fn at(
        code: Code,
        message: impl Into<String>,
        source: &SourceText,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        let mut p = Self::new(code, message);
        p.labels.push((source.clamp(span), label.into()));
        p.source = Some(source.clone());
        p
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label in the same file.
    pub fn with_label(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        let span = match &self.source {
            Some(s) => s.clamp(span),
            None => span,
        };
        self.labels.push((span, label.into()));
        self
    }

    pub fn with_related(mut self, related: Problem) -> Self {
        self.related.push(related);
        self
    }

    /// `file:line:col` of the primary label, for plain-text logs and tests.
    pub fn location(&self) -> Option<(String, usize, usize)> {
        let src = self.source.as_ref()?;
        let (span, _) = self.labels.first()?;
        let (line, col) = src.line_col(span.start);
        Some((src.path.clone(), line, col))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("tomcheck::{}", self.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.is_advice {
            miette::Severity::Advice
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().enumerate().map(
            |(i, (span, text))| {
                let text = (!text.is_empty()).then(|| text.clone());
                if i == 0 {
                    LabeledSpan::new_primary_with_span(text, span.clone())
                } else {
                    LabeledSpan::new_with_span(text, span.clone())
                }
            },
        )))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|p| p as &dyn Diagnostic)))
    }
}

/// miette reads source code through this impl, so a [`SourceText`] carries its display
/// name into every report.
///
/// miette finds the lines around a span by scanning the text from its start; a TOM
/// file of a few thousand entities made that the most expensive part of `check`. It is
/// handed a window instead, starting one line above the context it asks for (found with
/// the line index), and its positions are shifted back: the result is the same. A text
/// with carriage returns, which miette also counts as line breaks, is read whole.
impl SourceCode for SourceText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let shown: &'a str = self.shown();
        let (start, lines_before) = if span.offset() > shown.len() || self.has_carriage_return() {
            (0, 0)
        } else {
            let (line, _) = self.line_col(span.offset());
            let first = line.saturating_sub(context_lines_before + 1).max(1);
            (self.offset_of(first, 1), first - 1)
        };
        let local = miette::SourceSpan::new((span.offset() - start).into(), span.len());
        let inner = shown[start..].read_span(&local, context_lines_before, context_lines_after)?;
        let at =
            miette::SourceSpan::new((inner.span().offset() + start).into(), inner.span().len());
        Ok(Box::new(
            miette::MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                at,
                inner.line() + lines_before,
                inner.column(),
                inner.line_count() + lines_before,
            )
            .with_language(if self.path.ends_with(".rego") {
                "rego"
            } else {
                "toml"
            }),
        ))
    }
}

/// The parser's report of a file that is not valid TOML. `tomcheck.toml` and the TOM
/// files share it, so a syntax error reads the same wherever it is.
pub fn toml_syntax(source: &SourceText, error: &toml::de::Error) -> Problem {
    let message = error.message().trim();
    // The parser's own text stays as it is (English); the lead sentence is tomcheck's.
    Problem::at(
        Code::TomlSyntax,
        crate::i18n::tr(
            "problem-toml-syntax",
            &[("path", (&source.path).into()), ("message", message.into())],
        ),
        source,
        error.span().unwrap_or(0..0),
        message.lines().next().unwrap_or(""),
    )
}

/// A file or output operation that failed: `what` in tomcheck's words (in the run's
/// language), then the system's own text.
pub fn io_problem(what: &str, error: &dyn fmt::Display) -> Problem {
    Problem::new(
        Code::Io,
        crate::i18n::tr(
            "problem-io",
            &[
                ("what", what.into()),
                ("error", (&error.to_string()).into()),
            ],
        ),
    )
}

/// The closest candidate to `word`, if it is close enough to be a plausible typo:
/// few edits (transpositions count as one) or a long common prefix.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max_edits = 1 + word.chars().count() / 4;
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(word, c),
                strsim::jaro_winkler(word, c),
                c,
            )
        })
        .filter(|(edits, jw, _)| *edits <= max_edits || *jw > 0.88)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["personal_data", "purpose", "provider"];
        assert_eq!(did_you_mean("personal_dta", keys), Some("personal_data"));
        assert_eq!(did_you_mean("zzz", keys), None);
        assert_eq!(did_you_mean("tmo", ["tom", "policies"]), Some("tom"));
        assert_eq!(
            did_you_mean("hetzer", ["hetzner", "hosting"]),
            Some("hetzner")
        );
    }
}
