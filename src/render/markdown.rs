//! Markdown for wikis and for a rendered file kept in git: GitHub-flavoured tables,
//! stable line structure (one list item or table row per line), so that a change to the
//! facts shows as a small diff of the document.
//!
//! Every text is escaped with the report escaper ([`crate::report::md::text`]) and, at
//! the start of a paragraph or list item, against block syntax (`#`, `>`, `-`, `1.`).

use std::io::Write;

use super::model::{Block, Document, Emphasis, Text};
use crate::report::md;

/// Renders a document as Markdown with the built-in page.
pub fn render(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let page = super::template::Page::builtin(super::template::PageFormat::Markdown);
    page.render(doc, out)
}

/// The page's values, escaped for Markdown: letterhead lines, title, subtitle, footer.
pub fn page_values(doc: &Document) -> (Vec<String>, String, Option<String>, String) {
    (
        doc.letterhead
            .iter()
            .map(|l| block_start(&md::text(l)))
            .collect(),
        md::text(&doc.title),
        doc.subtitle
            .as_ref()
            .map(|s| md::text(s).trim().to_string()),
        md::text(&doc.footer).trim().to_string(),
    )
}

/// The body (every block) as Markdown.
pub fn body(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => {
                let marks = "#".repeat(usize::from(*level).clamp(1, 4) + 1);
                out.push_str(&format!("{marks} {}\n\n", md::text(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", block_start(&inline(text)))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", block_start(&inline(item))));
                }
                out.push('\n');
            }
            Block::Facts(pairs) => {
                for (label, value) in pairs {
                    out.push_str(&format!("- **{}:** {}\n", md::text(label), inline(value)));
                }
                out.push('\n');
            }
            Block::Table(table) => {
                let head: Vec<String> = table.columns.iter().map(|c| md::text(&c.title)).collect();
                out.push_str(&format!("| {} |\n", head.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(table.columns.len())));
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(inline).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Styled text as inline Markdown.
pub fn inline(text: &Text) -> String {
    let mut out = String::new();
    for span in text {
        let escaped = md::text(&span.text);
        let marker = match span.emphasis {
            Emphasis::Plain => {
                out.push_str(&escaped);
                continue;
            }
            Emphasis::Strong => "**",
            Emphasis::Muted => "*",
        };
        // Emphasis markers must touch the text: keep surrounding spaces and line breaks
        // outside them.
        let core = escaped.trim_matches(' ');
        if core.is_empty() {
            out.push_str(&escaped);
            continue;
        }
        let lead = &escaped[..escaped.len() - escaped.trim_start_matches(' ').len()];
        let trail = &escaped[escaped.trim_end_matches(' ').len()..];
        let (pre, core) = match core.strip_prefix("<br>") {
            Some(rest) => ("<br>", rest),
            None => ("", core),
        };
        out.push_str(&format!("{lead}{pre}{marker}{core}{marker}{trail}"));
    }
    out
}

/// Text placed at the start of a block: a leading `#`, `>`, `+`, `-`, `=` or an ordered
/// list number would turn it into a heading, quote, list or setext underline.
fn block_start(s: &str) -> String {
    let trimmed = s.trim_start();
    let starts_block = trimmed.starts_with(['#', '>', '+', '-', '='])
        || trimmed
            .find(|c: char| !c.is_ascii_digit())
            .is_some_and(|i| i > 0 && trimmed[i..].starts_with(['.', ')']));
    if !starts_block {
        return s.to_string();
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("\\{trimmed}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::{muted, plain, push};

    #[test]
    fn block_syntax_at_the_start_is_escaped() {
        assert_eq!(block_start("# not a heading"), "\\# not a heading");
        assert_eq!(block_start("1. not a list"), "1\\. not a list");
        assert_eq!(block_start("- x"), "\\- x");
        assert_eq!(block_start("Stand 2018"), "Stand 2018");
    }

    #[test]
    fn emphasis_touches_its_text() {
        let mut t = plain("Alarmanlage");
        push(&mut t, " (gilt für: Büro)", Emphasis::Muted);
        assert_eq!(inline(&t), "Alarmanlage *(gilt für: Büro)*");
        assert_eq!(inline(&muted("a*b")), "*a\\*b*");
    }
}
