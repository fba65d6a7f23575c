//! The document model every renderer reads: a title block, then headings, paragraphs,
//! lists and tables of styled text, then a footer naming what the document was made from.
//!
//! The documents (`tom`, `subprocessors`, `notice`) are built once as a [`Document`] from
//! the facts; Markdown, HTML, DOCX, PDF and plain text only lay it out. So every format
//! says the same thing, and a new fact of the TOM format is placed once, not per format.
//! Text in the model is plain, unescaped text (already cleaned of control characters):
//! each renderer escapes it for its own syntax.

use crate::text::clean;

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    /// Bold: labels inside a paragraph, the "planned" mark.
    Strong,
    /// Quiet text: "not documented", references, the reason a measure does not apply.
    Muted,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub emphasis: Emphasis,
}

/// Styled text: a sequence of runs.
pub type Text = Vec<Span>;

/// Plain text (cleaned of control characters).
pub fn plain(s: &str) -> Text {
    vec![Span {
        text: clean(s),
        emphasis: Emphasis::Plain,
    }]
}

/// Bold text.
pub fn strong(s: &str) -> Text {
    vec![Span {
        text: clean(s),
        emphasis: Emphasis::Strong,
    }]
}

/// Quiet text.
pub fn muted(s: &str) -> Text {
    vec![Span {
        text: clean(s),
        emphasis: Emphasis::Muted,
    }]
}

/// Appends a run to styled text.
pub fn push(text: &mut Text, s: &str, emphasis: Emphasis) {
    if !s.is_empty() {
        text.push(Span {
            text: clean(s),
            emphasis,
        });
    }
}

/// The characters of styled text, without styles.
pub fn flat(text: &Text) -> String {
    text.iter().map(|s| s.text.as_str()).collect()
}

/// A column of a table: its title and its share of the width (relative units).
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: u16,
}

/// A table with a header row.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Text>>,
}

impl Table {
    pub fn new(columns: &[(&str, u16)]) -> Self {
        Self {
            columns: columns
                .iter()
                .map(|(t, w)| Column {
                    title: t.to_string(),
                    width: *w,
                })
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// One block of the document body.
#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading; level 1 is a chapter, 2 a subsection.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Text),
    /// A bulleted list.
    List(Vec<Text>),
    Table(Table),
    /// Label–value pairs (the title block: organisation, "Stand", DPO).
    Facts(Vec<(String, Text)>),
}

/// A whole document.
#[derive(Debug, Clone)]
pub struct Document {
    /// `de` or `en`.
    pub lang: &'static str,
    pub title: String,
    /// The organisation the document is about.
    pub subtitle: Option<String>,
    pub body: Vec<Block>,
    /// What the document was generated from (tool, directory, commit and date).
    pub footer: String,
    /// The document date `YYYY-MM-DD` (metadata of DOCX and PDF), never the clock.
    pub date: Option<String>,
    /// A logo (PNG or JPEG bytes) for the title block.
    pub logo: Option<Logo>,
    /// Letterhead lines printed above the title (the company's own look).
    pub letterhead: Vec<String>,
}

/// An image file for the title block.
#[derive(Debug, Clone)]
pub struct Logo {
    /// `png` or `jpeg`.
    pub format: &'static str,
    pub bytes: Vec<u8>,
    /// Path it was read from, for alternative text.
    pub name: String,
}

impl Document {
    /// Headings of the body, for a table of contents and for tests.
    pub fn headings(&self) -> impl Iterator<Item = (u8, &str)> {
        self.body.iter().filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        })
    }
}
