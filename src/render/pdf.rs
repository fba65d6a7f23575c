//! PDF made in-process with krilla: A4, PDF/A-2b for archiving, tagged for screen
//! readers (headings, paragraphs, lists, tables with header cells), Noto Sans embedded
//! as a subset, a bookmark per chapter, and a footer with the origin of the facts and
//! "page x of y" on every page.
//!
//! The layout is deliberately simple and lives here: text is set line by line with
//! greedy word wrapping, measured with the font's advance widths (skrifa, the font
//! reader krilla itself uses) and placed glyph by glyph, so no shaping engine is needed
//! for the Latin, Greek and Cyrillic text of a TOM. Tables break between rows and repeat
//! their header row on the next page; a heading is never left alone at a page's foot.
//! Layout first produces pages of drawing operations; only then is the document drawn,
//! when the number of pages is known.
//!
//! Reproducible: krilla derives the document id from the content, the creation date is
//! the document's date from the facts (never the clock), and nothing else varies.

use std::collections::HashMap;
use std::io::Write;
use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as Pdf, SerializeSettings};
use skrifa::MetadataProvider;

use super::model::{Block, Document, Emphasis, Span, Table, Text};
use crate::diag::{Code, Problem};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const MARGIN_TOP: f32 = 56.7;
/// The text area ends here; the footer sits below.
const BOTTOM: f32 = PAGE_H - 62.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const INK: (u8, u8, u8) = (0x1f, 0x23, 0x28);
const MUTED: (u8, u8, u8) = (0x59, 0x63, 0x6e);
const LINE: (u8, u8, u8) = (0xc9, 0xd1, 0xd9);
const HEAD: (u8, u8, u8) = (0xf3, 0xf5, 0xf7);

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

/// One of the bundled faces, with what the layout needs to measure text.
struct Face {
    font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    upem: f32,
    /// The replacement character's glyph, for characters the font lacks (PDF/A forbids
    /// showing `.notdef`); the text layer keeps the original character.
    fallback: skrifa::GlyphId,
}

impl Face {
    fn new(data: &'static [u8]) -> Option<Self> {
        let font = Font::new(data.into(), 0)?;
        let font_ref = skrifa::FontRef::new(data).ok()?;
        let charmap = font_ref.charmap();
        let metrics = font_ref.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let upem = f32::from(
            font_ref
                .metrics(
                    skrifa::instance::Size::unscaled(),
                    skrifa::instance::LocationRef::default(),
                )
                .units_per_em,
        );
        let fallback = charmap.map('\u{fffd}').or_else(|| charmap.map('?'))?;
        Some(Self {
            font,
            charmap,
            metrics,
            upem,
            fallback,
        })
    }

    fn glyph(&self, c: char) -> skrifa::GlyphId {
        self.charmap.map(c).unwrap_or(self.fallback)
    }

    /// Advance of a character in em.
    fn advance(&self, c: char) -> f32 {
        self.metrics
            .advance_width(self.glyph(c))
            .unwrap_or(self.upem / 2.0)
            / self.upem
    }

    fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

struct Faces([Face; 3]);

impl Faces {
    fn load() -> Result<Self, Vec<Problem>> {
        let face = |d: &'static [u8]| {
            Face::new(d).ok_or_else(|| {
                vec![Problem::new(
                    Code::Io,
                    crate::i18n::tr("problem-pdf-font", &[]),
                )]
            })
        };
        Ok(Self([face(REGULAR)?, face(BOLD)?, face(ITALIC)?]))
    }

    fn get(&self, style: Style) -> &Face {
        &self.0[style.face as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FaceKind {
    Regular = 0,
    Bold = 1,
    Italic = 2,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    face: FaceKind,
    size: f32,
    color: (u8, u8, u8),
}

impl Style {
    const fn new(face: FaceKind, size: f32, color: (u8, u8, u8)) -> Self {
        Self { face, size, color }
    }

    fn line_height(self) -> f32 {
        self.size * 1.36
    }
}

const BODY: Style = Style::new(FaceKind::Regular, 9.5, INK);
const CELL: Style = Style::new(FaceKind::Regular, 7.8, INK);
const TITLE: Style = Style::new(FaceKind::Bold, 19.0, INK);
const SUBTITLE: Style = Style::new(FaceKind::Regular, 12.5, INK);
const H1: Style = Style::new(FaceKind::Bold, 13.5, INK);
const H2: Style = Style::new(FaceKind::Bold, 11.0, INK);
const FOOTER: Style = Style::new(FaceKind::Regular, 7.0, MUTED);
const LETTERHEAD: Style = Style::new(FaceKind::Regular, 8.0, MUTED);

/// A run of text in a style, for wrapping.
fn styled(text: &Text, base: Style) -> Vec<(String, Style)> {
    text.iter()
        .map(|Span { text, emphasis }| {
            let style = match emphasis {
                Emphasis::Plain => base,
                Emphasis::Strong => Style {
                    face: FaceKind::Bold,
                    ..base
                },
                Emphasis::Muted => Style {
                    face: FaceKind::Italic,
                    color: MUTED,
                    ..base
                },
            };
            (text.clone(), style)
        })
        .collect()
}

/// One laid-out line: pieces of text at x offsets.
type Line = Vec<(f32, String, Style)>;

/// Greedy word wrapping of styled runs into lines of at most `width`; `\n` breaks a
/// line; a word wider than the line is broken between characters.
fn wrap(faces: &Faces, runs: &[(String, Style)], width: f32) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Line = Vec::new();
    let mut x = 0.0f32;
    // Words keep their trailing space, so the text layer has explicit word breaks.
    for (text, style) in runs {
        let face = faces.get(*style);
        for (i, segment) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(std::mem::take(&mut line));
                x = 0.0;
            }
            for word in segment.split_inclusive(' ') {
                let w = face.width(word, style.size);
                let w_visible = face.width(word.trim_end(), style.size);
                if x > 0.0 && x + w_visible > width {
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
                if w_visible > width {
                    // Break a long word (a URL, an id) between characters.
                    let mut piece = String::new();
                    let mut pw = 0.0;
                    for c in word.chars() {
                        let cw = face.advance(c) * style.size;
                        if x + pw + cw > width && !piece.is_empty() {
                            line.push((x, std::mem::take(&mut piece), *style));
                            lines.push(std::mem::take(&mut line));
                            x = 0.0;
                            pw = 0.0;
                        }
                        piece.push(c);
                        pw += cw;
                    }
                    line.push((x, piece, *style));
                    x += pw;
                    continue;
                }
                // Join with the previous piece of the same style: fewer text objects.
                match line.last_mut() {
                    Some((_, t, s)) if *s == *style && !t.is_empty() => t.push_str(word),
                    _ => line.push((x, word.to_string(), *style)),
                }
                x += w;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A drawing operation on a page.
enum Op {
    /// Text at a baseline; `leaf` is its node in the logical structure (None: artifact).
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
        leaf: Option<usize>,
    },
    /// A filled rectangle (table header background), an artifact.
    Fill { rect: Rect, color: (u8, u8, u8) },
    /// The logo: an image at a position and size, a figure with alternative text.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        leaf: usize,
    },
    /// A stroked line, an artifact.
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        color: (u8, u8, u8),
        width: f32,
    },
}

/// The logical structure, built during layout; leaves are indices of text operations.
enum LNode {
    Group(TagKind, Vec<LNode>),
    Leaf(usize),
}

struct Layout<'a> {
    faces: &'a Faces,
    pages: Vec<Vec<Op>>,
    y: f32,
    next_leaf: usize,
    /// Open structure groups; the bottom one is the document.
    stack: Vec<(TagKind, Vec<LNode>)>,
    /// Chapter headings with their page and position, for bookmarks.
    outline: Vec<Bookmark>,
}

/// A chapter heading: its text, page index and vertical position.
type Bookmark = (String, usize, f32);

impl<'a> Layout<'a> {
    fn new(faces: &'a Faces) -> Self {
        Self {
            faces,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
            next_leaf: 0,
            stack: vec![(Tag::Section.into(), Vec::new())],
            outline: Vec::new(),
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` still fits.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN_TOP + 1.0 {
            self.new_page();
        }
    }

    fn open(&mut self, tag: impl Into<TagKind>) {
        self.stack.push((tag.into(), Vec::new()));
    }

    fn close(&mut self) {
        if let Some((tag, children)) = self.stack.pop() {
            if let Some((_, parent)) = self.stack.last_mut() {
                parent.push(LNode::Group(tag, children));
            }
        }
    }

    /// Places text on the current page as a leaf of the open group.
    fn text(&mut self, x: f32, y: f32, text: String, style: Style) {
        let leaf = self.next_leaf;
        self.next_leaf += 1;
        if let Some((_, children)) = self.stack.last_mut() {
            children.push(LNode::Leaf(leaf));
        }
        self.page().push(Op::Text {
            x,
            y,
            text,
            style,
            leaf: Some(leaf),
        });
    }

    /// Sets wrapped lines at `x`, breaking pages between lines.
    fn lines(&mut self, x: f32, lines: &[Line], line_height: f32) {
        for line in lines {
            self.ensure(line_height);
            let baseline = self.y + line_height * 0.78;
            for (dx, text, style) in line {
                if !text.is_empty() {
                    self.text(x + dx, baseline, text.clone(), *style);
                }
            }
            self.y += line_height;
        }
    }

    fn paragraph(&mut self, tag: impl Into<TagKind>, text: &Text, style: Style, after: f32) {
        let lines = wrap(self.faces, &styled(text, style), TEXT_W);
        self.open(tag);
        self.lines(MARGIN_X, &lines, style.line_height());
        self.close();
        self.y += after;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let style = if level <= 1 { H1 } else { H2 };
        let before = if level <= 1 { 14.0 } else { 9.0 };
        let lines = wrap(self.faces, &[(text.to_string(), style)], TEXT_W);
        let height = lines.len() as f32 * style.line_height();
        // Keep a heading with at least three lines of what follows.
        self.ensure(before + height + 3.0 * BODY.line_height());
        if self.y > MARGIN_TOP + 1.0 {
            self.y += before;
        }
        if level <= 1 {
            let page = self.pages.len() - 1;
            self.outline.push((text.to_string(), page, self.y));
        }
        let n = NonZeroU16::new(u16::from(level.clamp(1, 5)) + 1).unwrap_or(NonZeroU16::MIN);
        self.open(Tag::Hn(n, Some(text.to_string())));
        self.lines(MARGIN_X, &lines, style.line_height());
        self.close();
        if level <= 1 {
            let y = self.y + 1.5;
            self.page().push(Op::Rule {
                from: (MARGIN_X, y),
                to: (PAGE_W - MARGIN_X, y),
                color: LINE,
                width: 0.6,
            });
            self.y += 5.0;
        } else {
            self.y += 3.0;
        }
    }

    fn list(&mut self, items: &[Text]) {
        let indent = 12.0;
        self.open(Tag::L(ListNumbering::Disc));
        for item in items {
            let lines = wrap(self.faces, &styled(item, BODY), TEXT_W - indent);
            self.ensure(BODY.line_height());
            self.open(Tag::LI);
            self.open(Tag::Lbl);
            let baseline = self.y + BODY.line_height() * 0.78;
            self.text(MARGIN_X + 2.0, baseline, "•".into(), BODY);
            self.close();
            self.open(Tag::LBody);
            self.lines(MARGIN_X + indent, &lines, BODY.line_height());
            self.close();
            self.close();
            self.y += 1.5;
        }
        self.close();
        self.y += 4.0;
    }

    fn facts(&mut self, pairs: &[(String, Text)]) {
        let label_w = pairs
            .iter()
            .map(|(l, _)| self.faces.get(BOLD_BODY).width(l, BODY.size))
            .fold(0.0f32, f32::max)
            .min(TEXT_W * 0.4)
            + 10.0;
        for (label, value) in pairs {
            let lines = wrap(self.faces, &styled(value, BODY), TEXT_W - label_w);
            self.ensure(BODY.line_height());
            self.open(Tag::P);
            let baseline = self.y + BODY.line_height() * 0.78;
            self.text(MARGIN_X, baseline, format!("{label}: "), BOLD_BODY);
            self.lines(MARGIN_X + label_w, &lines, BODY.line_height());
            self.close();
            self.y += 1.0;
        }
        self.y += 6.0;
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table
            .columns
            .iter()
            .map(|c| f32::from(c.width))
            .sum::<f32>()
            .max(1.0);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| f32::from(c.width) / total * TEXT_W)
            .collect();
        let pad = 3.0;
        let lh = CELL.line_height();
        let header_style = Style {
            face: FaceKind::Bold,
            ..CELL
        };
        let header: Vec<Vec<Line>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                wrap(
                    self.faces,
                    &[(c.title.clone(), header_style)],
                    w - 2.0 * pad,
                )
            })
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let rows: Vec<Vec<Vec<Line>>> = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .map(|(cell, w)| wrap(self.faces, &styled(cell, CELL), w - 2.0 * pad))
                    .collect()
            })
            .collect();
        let first_h = rows
            .first()
            .map(|r| r.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad)
            .unwrap_or(0.0);
        self.ensure(header_h + first_h);
        self.open(Tag::Table);
        self.open(Tag::THead);
        self.row(&header, &widths, header_h, true, true);
        self.close();
        self.open(Tag::TBody);
        for cells in &rows {
            let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if self.y + h > BOTTOM {
                self.new_page();
                // The header again, as decoration: it is in the structure once.
                self.row(&header, &widths, header_h, true, false);
            }
            self.open(Tag::TR);
            self.row_cells(cells, &widths, h, false);
            self.close();
        }
        self.close();
        self.close();
        self.y += 8.0;
    }

    /// A header row; `tagged` puts its text into the structure (the first one only).
    fn row(&mut self, cells: &[Vec<Line>], widths: &[f32], h: f32, header: bool, tagged: bool) {
        let rect = Rect::from_xywh(MARGIN_X, self.y, TEXT_W, h).unwrap_or_else(unit_rect);
        self.page().push(Op::Fill { rect, color: HEAD });
        if tagged {
            self.open(Tag::TR);
            self.row_cells(cells, widths, h, header);
            self.close();
        } else {
            let top = self.y;
            let mut x = MARGIN_X;
            for (lines, w) in cells.iter().zip(widths) {
                let mut y = top + 3.0;
                for line in lines {
                    for (dx, text, style) in line {
                        self.page().push(Op::Text {
                            x: x + 3.0 + dx,
                            y: y + CELL.line_height() * 0.78,
                            text: text.clone(),
                            style: *style,
                            leaf: None,
                        });
                    }
                    y += CELL.line_height();
                }
                x += w;
            }
            self.grid(widths, top, h);
            self.y += h;
        }
    }

    fn row_cells(&mut self, cells: &[Vec<Line>], widths: &[f32], h: f32, header: bool) {
        let top = self.y;
        let mut x = MARGIN_X;
        for (lines, w) in cells.iter().zip(widths) {
            if header {
                self.open(Tag::TH(TableHeaderScope::Column));
            } else {
                self.open(Tag::TD);
            }
            let mut y = top + 3.0;
            for line in lines {
                for (dx, text, style) in line {
                    if !text.is_empty() {
                        self.text(
                            x + 3.0 + dx,
                            y + CELL.line_height() * 0.78,
                            text.clone(),
                            *style,
                        );
                    }
                }
                y += CELL.line_height();
            }
            self.close();
            x += w;
        }
        self.grid(widths, top, h);
        self.y += h;
    }

    /// Borders of one row.
    fn grid(&mut self, widths: &[f32], top: f32, h: f32) {
        let rule = |from, to| Op::Rule {
            from,
            to,
            color: LINE,
            width: 0.5,
        };
        let bottom = top + h;
        let page = self.page();
        page.push(rule((MARGIN_X, top), (PAGE_W - MARGIN_X, top)));
        page.push(rule((MARGIN_X, bottom), (PAGE_W - MARGIN_X, bottom)));
        let mut x = MARGIN_X;
        page.push(rule((x, top), (x, bottom)));
        for w in widths {
            x += w;
            page.push(rule((x, top), (x, bottom)));
        }
    }

    fn finish(mut self) -> (Vec<Vec<Op>>, LNode, Vec<Bookmark>) {
        while self.stack.len() > 1 {
            self.close();
        }
        let (tag, children) = self.stack.pop().expect("the document group");
        (self.pages, LNode::Group(tag, children), self.outline)
    }
}

const BOLD_BODY: Style = Style::new(FaceKind::Bold, 9.5, INK);

fn unit_rect() -> Rect {
    Rect::from_xywh(0.0, 0.0, 1.0, 1.0).expect("a unit rectangle")
}

/// Lays out the whole document.
fn layout<'a>(doc: &Document, faces: &'a Faces) -> Layout<'a> {
    let mut l = Layout::new(faces);
    let top = l.y;
    let mut logo_bottom = top;
    if let Some((w, h)) = doc
        .logo
        .as_ref()
        .and_then(|lg| super::docx::image_size(&lg.bytes))
    {
        // 1.6 cm high, at most a third of the text width.
        let height = 45.0f32;
        let width = (height * w as f32 / h.max(1) as f32).min(TEXT_W / 3.0);
        let height = width * h.max(1) as f32 / w.max(1) as f32;
        let leaf = l.next_leaf;
        l.next_leaf += 1;
        let alt = doc.subtitle.clone().unwrap_or_else(|| "Logo".into());
        l.open(Tag::Figure(Some(alt)));
        if let Some((_, children)) = l.stack.last_mut() {
            children.push(LNode::Leaf(leaf));
        }
        l.close();
        l.page().push(Op::Image {
            x: MARGIN_X,
            y: top,
            w: width,
            h: height,
            leaf,
        });
        logo_bottom = top + height;
    }
    for line in &doc.letterhead {
        let w = faces.get(LETTERHEAD).width(line, LETTERHEAD.size);
        let y = l.y + LETTERHEAD.line_height() * 0.78;
        l.open(Tag::P);
        l.text(PAGE_W - MARGIN_X - w, y, line.clone(), LETTERHEAD);
        l.close();
        l.y += LETTERHEAD.line_height();
    }
    l.y = l.y.max(logo_bottom);
    if !doc.letterhead.is_empty() || doc.logo.is_some() {
        l.y += 10.0;
    }
    l.paragraph(Tag::Title, &super::model::plain(&doc.title), TITLE, 2.0);
    if let Some(sub) = &doc.subtitle {
        l.paragraph(Tag::P, &super::model::plain(sub), SUBTITLE, 2.0);
    }
    let y = l.y + 2.0;
    l.page().push(Op::Rule {
        from: (MARGIN_X, y),
        to: (PAGE_W - MARGIN_X, y),
        color: INK,
        width: 1.5,
    });
    l.y += 12.0;
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => l.heading(*level, text),
            Block::Paragraph(text) => l.paragraph(Tag::P, text, BODY, 4.0),
            Block::List(items) => l.list(items),
            Block::Facts(pairs) => l.facts(pairs),
            Block::Table(t) => l.table(t),
        }
    }
    l
}

fn color((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: color(c).into(),
        ..Default::default()
    }
}

/// Renders a document as PDF/A-2b.
pub fn render(doc: &Document, out: &mut dyn Write) -> Result<(), Vec<Problem>> {
    let bytes = pdf_bytes(doc)?;
    out.write_all(&bytes).map_err(|e| {
        vec![crate::diag::io_problem(
            &crate::i18n::tr("problem-write-output", &[]),
            &e,
        )]
    })
}

/// The PDF as bytes.
pub fn pdf_bytes(doc: &Document) -> Result<Vec<u8>, Vec<Problem>> {
    // PDF/A requires a creation date, and the clock is never asked for one.
    if doc.date.as_deref().and_then(parse_date).is_none() {
        return Err(vec![Problem::new(
            Code::Usage,
            crate::i18n::tr("problem-pdf-date", &[]),
        )
        .with_help(crate::i18n::tr("problem-pdf-date-help", &[]))]);
    }
    let faces = Faces::load()?;
    let (pages, structure, outline) = layout(doc, &faces).finish();
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| {
            vec![Problem::new(
                Code::Io,
                crate::i18n::tr(
                    "problem-pdf-config",
                    &[("error", (&format!("{e:?}")).into())],
                ),
            )]
        })?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    };
    let mut pdf = Pdf::new_with(settings);
    let mut ids: HashMap<usize, Identifier> = HashMap::new();
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let Some(settings) = PageSettings::from_wh(PAGE_W, PAGE_H) else {
            continue;
        };
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    text,
                    style,
                    leaf,
                } => {
                    let tag = match leaf {
                        Some(_) => ContentTag::Span(SpanTag::empty()),
                        None => {
                            ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther))
                        }
                    };
                    let id = surface.start_tagged(tag);
                    draw_text(&mut surface, faces.get(*style), *x, *y, text, *style);
                    surface.end_tagged();
                    if let Some(leaf) = leaf {
                        ids.insert(*leaf, id);
                    }
                }
                Op::Image { x, y, w, h, leaf } => {
                    let Some(image) = doc.logo.as_ref().and_then(|lg| {
                        let data = krilla::Data::from(lg.bytes.clone());
                        match lg.format {
                            "png" => krilla::image::Image::from_png(data, false).ok(),
                            _ => krilla::image::Image::from_jpeg(data, false).ok(),
                        }
                    }) else {
                        continue;
                    };
                    let Some(size) = krilla::geom::Size::from_wh(*w, *h) else {
                        continue;
                    };
                    let id = surface.start_tagged(ContentTag::Other);
                    surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                    surface.draw_image(image, size);
                    surface.pop();
                    surface.end_tagged();
                    ids.insert(*leaf, id);
                }
                Op::Fill { rect, color } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    surface.set_fill(Some(fill(*color)));
                    let mut pb = PathBuilder::new();
                    pb.push_rect(*rect);
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                    surface.end_tagged();
                }
                Op::Rule {
                    from,
                    to,
                    color: c,
                    width,
                } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: color(*c).into(),
                        width: *width,
                        ..Default::default()
                    }));
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
        }
        // The footer: where the facts come from, and the page number.
        let lang = crate::i18n::Lang::from_tag(doc.lang).unwrap_or_default();
        let l = super::labels::labels(lang);
        let (page_word, of) = (l.page, l.of);
        let number = format!("{page_word} {} {of} {total}", index + 1);
        let footer_face = faces.get(FOOTER);
        let number_w = footer_face.width(&number, FOOTER.size);
        let y = PAGE_H - 34.0;
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::PaginationOther,
        )));
        let lines = wrap(
            &faces,
            &[(doc.footer.clone(), FOOTER)],
            TEXT_W - number_w - 20.0,
        );
        for (i, line) in lines.iter().enumerate() {
            for (dx, text, style) in line {
                draw_text(
                    &mut surface,
                    footer_face,
                    MARGIN_X + dx,
                    y + i as f32 * FOOTER.line_height(),
                    text,
                    *style,
                );
            }
        }
        draw_text(
            &mut surface,
            footer_face,
            PAGE_W - MARGIN_X - number_w,
            y,
            &number,
            FOOTER,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some(doc.lang.to_string()));
    if let LNode::Group(_, children) = structure {
        for child in children {
            if let Some(node) = to_node(child, &mut ids) {
                tree.push(node);
            }
        }
    }
    pdf.set_tag_tree(tree);
    let mut bookmarks = Outline::new();
    for (text, page, y) in outline {
        bookmarks.push_child(OutlineNode::new(
            text,
            XyzDestination::new(page, Point::from_xy(MARGIN_X, y)),
        ));
    }
    pdf.set_outline(bookmarks);
    pdf.set_metadata(metadata(doc));
    pdf.finish().map_err(|e| {
        vec![Problem::new(
            Code::Io,
            crate::i18n::tr("problem-pdf-make", &[("error", (&format!("{e:?}")).into())]),
        )]
    })
}

fn to_node(node: LNode, ids: &mut HashMap<usize, Identifier>) -> Option<Node> {
    match node {
        LNode::Leaf(leaf) => ids.remove(&leaf).map(Node::from),
        LNode::Group(tag, children) => {
            let children: Vec<Node> = children
                .into_iter()
                .filter_map(|c| to_node(c, ids))
                .collect();
            (!children.is_empty()).then(|| TagGroup::with_children(tag, children).into())
        }
    }
}

fn draw_text(
    surface: &mut krilla::surface::Surface<'_>,
    face: &Face,
    x: f32,
    y: f32,
    text: &str,
    style: Style,
) {
    let glyphs: Vec<KrillaGlyph> = text
        .char_indices()
        .map(|(i, c)| {
            let gid = face.glyph(c);
            KrillaGlyph::new(
                GlyphId::new(gid.to_u32()),
                face.advance(c),
                0.0,
                0.0,
                0.0,
                i..i + c.len_utf8(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(style.color)));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        face.font.clone(),
        text,
        style.size,
        false,
    );
}

fn metadata(doc: &Document) -> Metadata {
    let title = match &doc.subtitle {
        Some(org) => format!("{} – {org}", doc.title),
        None => doc.title.clone(),
    };
    let mut m = Metadata::new()
        .title(title)
        .language(doc.lang.to_string())
        .creator(format!("tomcheck {}", env!("CARGO_PKG_VERSION")));
    if let Some(org) = &doc.subtitle {
        m = m.authors(vec![org.clone()]);
    }
    if let Some(date) = doc.date.as_deref().and_then(parse_date) {
        m = m.creation_date(date);
    }
    m
}

fn parse_date(iso: &str) -> Option<DateTime> {
    let mut parts = iso.split('-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some(
        DateTime::new(y)
            .month(u8::try_from(m).ok()?)
            .day(u8::try_from(d).ok()?)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::plain;

    #[test]
    fn wrapping_keeps_every_character_and_fits_the_width() {
        let faces = Faces::load().unwrap();
        let text = "Alle Daten werden mindestens einmal täglich clientseitig verschlüsselt auf einem räumlich getrennten Backup-Server gesichert. https://example.invalid/ein/sehr/langer/pfad/ohne/leerzeichen/der/umbrechen/muss";
        let lines = wrap(&faces, &styled(&plain(text), BODY), 150.0);
        assert!(lines.len() > 3);
        let joined: String = lines
            .iter()
            .flat_map(|l| l.iter().map(|(_, t, _)| t.as_str()))
            .collect();
        assert_eq!(joined, text);
        for line in &lines {
            let (x, t, s) = line.last().unwrap();
            assert!(
                x + faces.get(*s).width(t.trim_end(), s.size) <= 150.01,
                "{line:?}"
            );
        }
    }
}
