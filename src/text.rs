//! Source texts and the positions inside them.
//!
//! Every file tomcheck reads (TOM facts, `tomcheck.toml`, Rego policies) becomes a
//! [`SourceText`]: its repository-relative path, the name shown to the user (with the
//! revision it was read from) and its text. Spans are byte ranges into that text;
//! [`SourceText::line_col`] turns them into the 1-based line and *character* column that
//! humans, SARIF and GitHub annotations expect, computed in one place so that no renderer
//! shows a byte offset as a column.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// One file as read from the working tree, the index or a commit.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the checked root, always with `/` separators (`tom/providers.toml`).
    pub path: String,
    /// What diagnostics call the file: `tom/providers.toml` or `tom/providers.toml @ a1b2c3d`.
    pub name: String,
    /// The text, with a UTF-8 byte order mark removed so spans match what is shown.
    pub text: Arc<str>,
    /// Built on first use and shared by clones: most files read (every commit of a
    /// `log`) never get a position looked up or a snippet shown.
    derived: Arc<Derived>,
    /// Whether the file ships inside the binary (see [`SourceText::bundled`]).
    bundled: bool,
}

#[derive(Debug, Default)]
struct Derived {
    /// Byte offsets at which lines start.
    line_starts: OnceLock<Vec<usize>>,
    /// Whether the text holds a `\r` (CRLF line ends), which miette counts as a line
    /// break of its own.
    has_cr: OnceLock<bool>,
    /// The text as shown in snippets: control characters (an escape sequence hidden in
    /// a TOM file) replaced byte for byte by `?`, so spans stay valid and the terminal
    /// safe.
    shown: OnceLock<Arc<str>>,
}

impl SourceText {
    /// Wraps a text; `name` is the display name.
    pub fn new(
        path: impl Into<String>,
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
    ) -> Self {
        Self {
            path: path.into(),
            name: clean_line(&name.into()),
            text: text.into(),
            derived: Arc::default(),
            bundled: false,
        }
    }

    /// A policy or data file compiled into the binary, named `builtin/<path>`. Only
    /// these may be replaced by what the build prepared from them; a repository's own
    /// `builtin/` directory is read like any other.
    pub fn bundled(path: &str, text: &str) -> Self {
        let name = format!("builtin/{path}");
        Self {
            bundled: true,
            ..Self::new(name.clone(), name, text)
        }
    }

    /// Whether the file ships inside the binary.
    pub fn is_bundled(&self) -> bool {
        self.bundled
    }

    /// The text with control characters masked, for display.
    pub fn shown(&self) -> &Arc<str> {
        self.derived.shown.get_or_init(|| {
            if !self.text.chars().any(is_unsafe_control) {
                return self.text.clone();
            }
            let mut s = String::with_capacity(self.text.len());
            for c in self.text.chars() {
                if is_unsafe_control(c) {
                    s.extend(std::iter::repeat_n('?', c.len_utf8()));
                } else {
                    s.push(c);
                }
            }
            s.into()
        })
    }

    /// Whether the text contains a carriage return.
    pub fn has_carriage_return(&self) -> bool {
        *self.derived.has_cr.get_or_init(|| self.text.contains('\r'))
    }

    fn line_starts(&self) -> &[usize] {
        self.derived.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and 1-based column in characters of a byte offset. Offsets past the
    /// end or inside a multi-byte character are clamped to the previous character start.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The 1-based line of a byte offset (like [`SourceText::line_col`], without
    /// counting the characters of a long line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset).max(1)
    }

    /// Byte offset of a 1-based line and character column (used for Rego errors, which
    /// report positions as line:column).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        start
            + line_text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(line_text.len())
    }

    /// Clamps a span to the text and to character boundaries.
    pub fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = self.floor_char_boundary(span.start);
        let end = self.floor_char_boundary(span.end.max(start));
        start..end
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Control characters that could drive a terminal; tab and line breaks are harmless.
pub fn is_unsafe_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Characters that must never reach a terminal or CI log from untrusted text: C0 and C1
/// controls, DEL, and the Unicode bidirectional overrides that make text read
/// differently from what it is ("Trojan Source").
fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The one sanitiser for untrusted text bound for a terminal, a log or a report (TOM
/// strings, file names, policy messages, rule metadata, commit subjects): removes every
/// control character but line feed and tab, and the bidirectional overrides. A carriage
/// return goes too, so no line can be overwritten.
pub fn clean(s: &str) -> String {
    if !s.chars().any(|c| is_hostile(c) && c != '\n' && c != '\t') {
        return s.to_string();
    }
    s.chars()
        .filter(|&c| !is_hostile(c) || c == '\n' || c == '\t')
        .collect()
}

/// [`clean`] for text that must stay on one line (ids, subjects, file names, titles):
/// line feeds and tabs become spaces.
pub fn clean_line(s: &str) -> String {
    clean(s).replace(['\n', '\t'], " ")
}

/// A message template with its `{name}` placeholders filled in. User-facing texts that
/// take values are kept as one named template each (not assembled from pieces by
/// `format!`), so that a catalogue can later hold a German and an English version of
/// every message. A placeholder without a value stays as it is.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((close, value))
        });
        match value {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes a UTF-8 byte order mark, which editors on Windows like to write.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn clean_removes_what_drives_terminals() {
        use super::{clean, clean_line};
        assert_eq!(clean("a\u{1b}]0;T\u{7}b\r\nc\td"), "a]0;Tb\nc\td");
        assert_eq!(clean("x\u{9b}31m\u{7f}y"), "x31my");
        assert_eq!(clean("ab\u{202e}cd\u{2066}"), "abcd");
        assert_eq!(
            clean_line("r\u{1b}]0;T\u{7}\n::error::X"),
            "r]0;T ::error::X"
        );
        assert_eq!(clean("Müller GmbH – ok"), "Müller GmbH – ok");
    }

    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_only() {
        assert_eq!(
            fill(
                "{n} mutants, {s} survived, {x} {",
                &[("n", &3), ("s", &"one")]
            ),
            "3 mutants, one survived, {x} {"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = SourceText::new("a.toml", "a.toml", "name = \"Müller\"\nx = 1\n");
        // `"` after Müller: byte 15, character 15 on line 1 → column 15.
        let off = s.text.find("\"\n").unwrap();
        assert_eq!(s.line_col(off), (1, 15));
        assert_eq!(s.line_col(s.text.find('x').unwrap()), (2, 1));
    }

    #[test]
    fn crlf_lines_and_offsets_round_trip() {
        let s = SourceText::new("a.toml", "a.toml", "a = 1\r\nb = \"😀x\"\r\n");
        let x = s.text.find('x').unwrap();
        assert_eq!(s.line_col(x), (2, 7));
        assert_eq!(s.offset_of(2, 7), x);
        assert_eq!(s.offset_of(9, 1), s.text.len());
    }

    #[test]
    fn control_characters_are_masked_for_display_only() {
        let s = SourceText::new("a.toml", "a.toml", "a = 1 \u{1b}[31m\u{85}x\n");
        assert_eq!(&**s.shown(), "a = 1 ?[31m??x\n");
        assert_eq!(s.shown().len(), s.text.len());
        assert!(s.text.contains('\u{1b}'));
    }

    #[test]
    fn offsets_inside_characters_are_clamped() {
        let s = SourceText::new("a.toml", "a.toml", "ä");
        assert_eq!(s.clamp(1..5), 0..2);
        assert_eq!(s.clamp(1..1), 0..0);
        assert_eq!(s.line_col(1), (1, 1));
    }
}
