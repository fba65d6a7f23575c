//! Plain text, e.g. the body of an e-mail with the change notice: headings underlined,
//! list items with a dash, tables as one indented record per row. Control characters
//! were removed when the document was built; nothing else needs escaping.

use std::io::Write;

use super::model::{flat, Block, Document};

/// Renders a document as plain text.
pub fn render(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    for line in &doc.letterhead {
        writeln!(out, "{line}")?;
    }
    if !doc.letterhead.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", doc.title)?;
    writeln!(out, "{}", "=".repeat(doc.title.chars().count()))?;
    if let Some(sub) = &doc.subtitle {
        writeln!(out, "{sub}")?;
    }
    writeln!(out)?;
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => {
                let rule = if *level <= 1 { '=' } else { '-' };
                writeln!(
                    out,
                    "{text}\n{}\n",
                    rule.to_string().repeat(text.chars().count())
                )?;
            }
            Block::Paragraph(text) => writeln!(out, "{}\n", flat(text))?,
            Block::List(items) => {
                for item in items {
                    writeln!(out, "- {}", indent(&flat(item), "  "))?;
                }
                writeln!(out)?;
            }
            Block::Facts(pairs) => {
                for (label, value) in pairs {
                    writeln!(out, "{label}: {}", indent(&flat(value), "  "))?;
                }
                writeln!(out)?;
            }
            Block::Table(table) => {
                for row in &table.rows {
                    for (i, (col, cell)) in table.columns.iter().zip(row).enumerate() {
                        let lead = if i == 0 { "- " } else { "  " };
                        writeln!(out, "{lead}{}: {}", col.title, indent(&flat(cell), "    "))?;
                    }
                }
                writeln!(out)?;
            }
        }
    }
    writeln!(out, "--\n{}", doc.footer)
}

/// Continuation lines of a multi-line value, indented.
fn indent(s: &str, by: &str) -> String {
    s.replace('\n', &format!("\n{by}"))
}
