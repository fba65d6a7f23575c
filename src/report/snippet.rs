//! Bounds on what one diagnostic prints, whatever the input: a TOML line of a megabyte
//! (700 inline tables on one line) would otherwise be reprinted whole by every finding
//! on it, and miette panics on a line longer than 65,535 characters.
//!
//! [`Bounded`] wraps a diagnostic for rendering: its message, help and labels are cut
//! to [`MAX_TEXT`] characters, and when a shown source line is longer than
//! [`MAX_LINE`] characters (or a label spans more than [`MAX_LABEL_LINES`] lines) the
//! source is replaced by an excerpt: the same lines, with long ones cut to a window
//! around the label (`…` marks what is left out). Line and column numbers stay those of
//! the file. Ordinary diagnostics pass through unchanged.

use std::fmt;
use std::ops::Range;

use miette::{Diagnostic, LabeledSpan, SourceCode, SourceSpan, SpanContents};

use crate::text::SourceText;

/// Characters of one source line shown in a snippet.
pub const MAX_LINE: usize = 240;
/// Lines a label may span before it is shortened to its first line.
pub const MAX_LABEL_LINES: usize = 20;
/// Characters of a message, help text or label.
pub const MAX_TEXT: usize = 2_000;

/// `s` cut to [`MAX_TEXT`] characters, saying how much was left out.
pub fn bound_text(s: &str) -> String {
    match s.char_indices().nth(MAX_TEXT) {
        None => s.to_string(),
        Some((at, _)) => format!(
            "{}… ({} more characters)",
            &s[..at],
            s[at..].chars().count()
        ),
    }
}

/// A diagnostic as it will be rendered, with bounded texts and source lines.
pub struct Bounded<'a> {
    message: String,
    code: Option<String>,
    severity: Option<miette::Severity>,
    help: Option<String>,
    source: Option<Source<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Bounded<'a>>,
}

enum Source<'a> {
    Whole(&'a SourceText),
    Excerpt(Excerpt<'a>),
}

impl<'a> Bounded<'a> {
    /// Wraps `diag`, whose source code is `source` (if any) and whose related
    /// diagnostics, already wrapped, are `related`.
    pub fn new(
        diag: &'a dyn Diagnostic,
        source: Option<&'a SourceText>,
        related: Vec<Bounded<'a>>,
    ) -> Self {
        let labels: Vec<LabeledSpan> = diag
            .labels()
            .map(|l| l.collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|l: LabeledSpan| {
                let text = l.label().map(bound_text);
                let span = *l.inner();
                if l.primary() {
                    LabeledSpan::new_primary_with_span(text, span)
                } else {
                    LabeledSpan::new_with_span(text, span)
                }
            })
            .collect();
        let (source, labels) = match source {
            Some(text) if needs_excerpt(text, &labels) => {
                let (excerpt, labels) = Excerpt::new(text, &labels);
                (Some(Source::Excerpt(excerpt)), labels)
            }
            Some(text) => (Some(Source::Whole(text)), labels),
            None => (None, labels),
        };
        Self {
            message: bound_text(&diag.to_string()),
            code: diag.code().map(|c| c.to_string()),
            severity: diag.severity(),
            help: diag.help().map(|h| bound_text(&h.to_string())),
            source,
            labels,
            related,
        }
    }
}

fn line_range(text: &SourceText, span: &SourceSpan) -> (usize, usize) {
    let start = span.offset().min(text.shown().len());
    let end = (span.offset() + span.len()).min(text.shown().len());
    (text.line_of(start), text.line_of(end))
}

/// The text of line `n` (1-based), without its line break.
fn line_text(text: &SourceText, n: usize) -> (usize, &str) {
    let shown: &str = text.shown();
    let start = text.offset_of(n, 1).min(shown.len());
    let rest = &shown[start..];
    let line = rest.split('\n').next().unwrap_or("");
    (start, line.strip_suffix('\r').unwrap_or(line))
}

/// Lines of the text, not counting the empty one after a final line break.
fn line_count(text: &SourceText) -> usize {
    text.line_of(text.shown().len().saturating_sub(1))
}

fn shown_lines(text: &SourceText, labels: &[LabeledSpan]) -> Option<(usize, usize)> {
    let last = line_count(text);
    labels.iter().map(|l| line_range(text, l.inner())).fold(
        None,
        |acc: Option<(usize, usize)>, (a, b)| {
            let (a, b) = (a.saturating_sub(1).max(1), (b + 1).min(last));
            Some(match acc {
                Some((x, y)) => (x.min(a), y.max(b)),
                None => (a, b),
            })
        },
    )
}

fn needs_excerpt(text: &SourceText, labels: &[LabeledSpan]) -> bool {
    if labels
        .iter()
        .map(|l| line_range(text, l.inner()))
        .any(|(a, b)| b - a >= MAX_LABEL_LINES)
    {
        return true;
    }
    let Some((first, last)) = shown_lines(text, labels) else {
        return false;
    };
    (first..=last).any(|n| line_text(text, n).1.len() > MAX_LINE)
}

/// Some lines of a file, long ones cut, with the mapping back to the file's offsets.
struct Excerpt<'a> {
    name: String,
    rego: bool,
    text: String,
    /// 1-based line number of the first line of `text`.
    first_line: usize,
    /// Pieces of `text` copied from the file: (offset in text, offset in file, length).
    pieces: Vec<(usize, usize, usize)>,
    /// The file, to compute real columns.
    file: &'a SourceText,
}

impl<'a> Excerpt<'a> {
    fn new(file: &'a SourceText, labels: &[LabeledSpan]) -> (Self, Vec<LabeledSpan>) {
        // Labels over many lines are shortened to their first line.
        let labels: Vec<LabeledSpan> = labels
            .iter()
            .map(|l| {
                let (a, b) = line_range(file, l.inner());
                if b - a < MAX_LABEL_LINES {
                    return l.clone();
                }
                let (start, line) = line_text(file, a);
                let end = (start + line.len()).max(l.inner().offset());
                let span = SourceSpan::new(l.inner().offset().into(), end - l.inner().offset());
                match l.primary() {
                    true => LabeledSpan::new_primary_with_span(l.label().map(String::from), span),
                    false => LabeledSpan::new_with_span(l.label().map(String::from), span),
                }
            })
            .collect();
        let (first, last) = shown_lines(file, &labels).unwrap_or((1, 1));
        let mut text = String::new();
        let mut pieces = Vec::new();
        for n in first..=last {
            let (start, line) = line_text(file, n);
            let (a, b) = window(start, line, &labels);
            if a > 0 {
                text.push('…');
            }
            pieces.push((text.len(), start + a, b - a));
            text.push_str(&line[a..b]);
            if b < line.len() {
                text.push('…');
            }
            text.push('\n');
        }
        let excerpt = Self {
            name: file.name.clone(),
            rego: file.path.ends_with(".rego"),
            text,
            first_line: first,
            pieces,
            file,
        };
        let labels = labels
            .iter()
            .map(|l| {
                let start = excerpt.to_excerpt(l.inner().offset());
                let end = excerpt.to_excerpt(l.inner().offset() + l.inner().len());
                let span = SourceSpan::new(start.into(), end.saturating_sub(start));
                match l.primary() {
                    true => LabeledSpan::new_primary_with_span(l.label().map(String::from), span),
                    false => LabeledSpan::new_with_span(l.label().map(String::from), span),
                }
            })
            .collect();
        (excerpt, labels)
    }

    /// Where a file offset is in the excerpt: the nearest kept character of its own
    /// line when it was cut (the end of the window before it on the same line, else the
    /// start of the window after it).
    fn to_excerpt(&self, offset: usize) -> usize {
        let shown: &str = self.file.shown();
        let mut previous: Option<(usize, usize)> = None; // (end in text, end in file)
        for &(at, from, len) in &self.pieces {
            if offset < from {
                return match previous {
                    Some((end, file_end))
                        if !shown
                            .get(file_end..offset.min(shown.len()))
                            .is_some_and(|gap| gap.contains('\n')) =>
                    {
                        end
                    }
                    _ => at,
                };
            }
            if offset <= from + len {
                return at + (offset - from);
            }
            previous = Some((at + len, from + len));
        }
        previous.map_or(0, |(end, _)| end)
    }

    /// Where an excerpt offset is in the file.
    fn to_file(&self, offset: usize) -> usize {
        let mut found = self.pieces.first().map(|p| p.1).unwrap_or(0);
        for &(at, from, len) in &self.pieces {
            if offset < at {
                break;
            }
            found = from + (offset - at).min(len);
        }
        found
    }
}

/// The byte range of `line` (starting at file offset `start`) to show: all of it when
/// short, else a window of at most [`MAX_LINE`] characters around the labels on it.
fn window(start: usize, line: &str, labels: &[LabeledSpan]) -> (usize, usize) {
    if line.len() <= MAX_LINE {
        return (0, line.len());
    }
    let end = start + line.len();
    let on_line: Vec<Range<usize>> = labels
        .iter()
        .map(|l| l.inner().offset()..l.inner().offset() + l.inner().len())
        .filter(|r| r.start <= end && r.end >= start)
        .map(|r| r.start.max(start) - start..r.end.min(end) - start)
        .collect();
    let (from, to) = match on_line.iter().map(|r| r.start).min() {
        Some(mut label) => {
            while !line.is_char_boundary(label) {
                label -= 1;
            }
            // Back a quarter of the window from the label, then a window forward.
            let from = line[..label]
                .char_indices()
                .rev()
                .take(MAX_LINE / 4)
                .last()
                .map_or(label, |(i, _)| i);
            (from, nth_char(line, from, MAX_LINE))
        }
        None => (0, nth_char(line, 0, MAX_LINE / 2)),
    };
    (from, to)
}

/// Byte offset `n` characters after `from` in `line` (or its end).
fn nth_char(line: &str, from: usize, n: usize) -> usize {
    line[from..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(i, _)| from + i)
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, miette::MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let (line, column) = self.file.line_col(self.to_file(inner.span().offset()));
        Ok(Box::new(
            miette::MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                *inner.span(),
                line - 1,
                column - 1,
                inner.line_count() + self.first_line - 1,
            )
            .with_language(if self.rego { "rego" } else { "toml" }),
        ))
    }
}

impl fmt::Debug for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Bounded<'_> {}

impl Diagnostic for Bounded<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.severity
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.source.as_ref()? {
            Source::Whole(text) => Some(*text as &dyn SourceCode),
            Source::Excerpt(e) => Some(e as &dyn SourceCode),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|p| p as &dyn Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Problem};

    fn render(p: &Problem) -> String {
        let b = Bounded::new(p, p.source.as_ref(), Vec::new());
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(1)
            .render_report(&mut out, &b)
            .unwrap();
        out
    }

    fn at(text: &str, needle: &str, len: usize) -> Problem {
        let source = SourceText::new("tom/a.toml", "tom/a.toml", text.to_string());
        let start = text.find(needle).unwrap();
        Problem::at(Code::UnknownKey, "m", &source, start..start + len, "here")
    }

    #[test]
    fn short_lines_are_shown_as_they_are() {
        let p = at("a = 1\nb = 2\nc = 3\n", "b", 1);
        let out = render(&p);
        assert!(out.contains("[tom/a.toml:2:1]"), "{out}");
        assert!(out.contains(" 2 │ b = 2"), "{out}");
        assert!(!out.contains('…'), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_with_real_positions() {
        let line = format!(
            "x = [{}\"needle\", {}]",
            "1, ".repeat(30_000),
            "2, ".repeat(30_000)
        );
        let text = format!("a = 1\n{line}\nb = 2\n");
        let p = at(&text, "\"needle\"", 8);
        let out = render(&p);
        let col = line.find("\"needle\"").unwrap() + 1;
        assert!(out.contains(&format!("[tom/a.toml:2:{col}]")), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 300), "{out}");
        assert!(
            out.contains("…1, 1, ") && out.contains("\"needle\", 2, "),
            "{out}"
        );
        assert!(
            out.contains(" 1 │ a = 1") && out.contains(" 3 │ b = 2"),
            "{out}"
        );
        // The label underlines exactly the needle.
        let code = out.lines().find(|l| l.contains("\"needle\"")).unwrap();
        let mark = out.lines().find(|l| l.contains("┬")).unwrap();
        let needle_at = code.chars().position(|c| c == '"').unwrap();
        let mark_at = mark.chars().position(|c| c == '─' || c == '┬').unwrap();
        assert_eq!(needle_at, mark_at, "{out}");
    }

    #[test]
    fn a_label_running_past_the_window_ends_on_its_own_line() {
        let line = format!("x = \"{}\"", "y".repeat(5_000));
        let text = format!("{line}\nnext = 1\n");
        let p = at(&text, "\"y", 5_000);
        let out = render(&p);
        assert!(out.contains("next = 1"), "{out}");
        // One underline on the cut line, no label reaching into the next line.
        assert!(!out.contains("╭─▶") && !out.contains("├─▶"), "{out}");
    }

    #[test]
    fn a_label_over_many_lines_is_cut_to_its_first_line() {
        let text: String = (0..100).map(|i| format!("k{i} = {i}\n")).collect();
        let source = SourceText::new("tom/a.toml", "tom/a.toml", text.clone());
        let p = Problem::at(Code::UnknownKey, "m", &source, 0..text.len(), "all of it");
        let out = render(&p);
        assert!(out.lines().count() < 15, "{out}");
        assert!(!out.contains("k50 = 50"), "{out}");
    }

    #[test]
    fn texts_are_bounded() {
        assert_eq!(bound_text("short"), "short");
        let long = "ä".repeat(MAX_TEXT + 5);
        let cut = bound_text(&long);
        assert!(cut.ends_with("… (5 more characters)"), "{cut}");
        assert_eq!(cut.chars().filter(|&c| c == 'ä').count(), MAX_TEXT);
    }
}
