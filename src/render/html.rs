//! One self-contained, printable HTML file: no scripts, no external resources (styles
//! inline, the logo as a data URI, fonts the system's), A4 print styles with table
//! headers repeated on every page. Every text is HTML-escaped with the report escaper.

use std::io::Write;

use super::model::{Block, Document, Emphasis, Text};
use crate::report::diff::html::esc;

const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #c9d1d9; --head: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem;
  hyphens: auto;
}
.letterhead { color: var(--muted); font-size: .9em; text-align: right; margin-bottom: 1rem; }
.letterhead p { margin: 0; }
.logo { max-height: 4rem; max-width: 14rem; float: left; }
header { border-bottom: 3px solid var(--ink); margin-bottom: 1.25rem; padding-bottom: .5rem; clear: both; }
h1 { font-size: 1.8rem; margin: 0; line-height: 1.25; }
.org { font-size: 1.2rem; margin: .25rem 0 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; }
ul { margin: .3rem 0 .8rem; padding-left: 1.4rem; }
li { margin: .15rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.25rem; margin: 0 0 1.25rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
thead th { background: var(--head); font-weight: 600; }
.muted { color: var(--muted); }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted); font-size: .85em; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Renders a document as one HTML file with the built-in page.
pub fn render(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let page = super::template::Page::builtin(super::template::PageFormat::Html);
    page.render(doc, out)
}

/// The built-in style sheet (`{{ style }}` in a page template).
pub fn style() -> &'static str {
    STYLE
}

/// The logo as a data URI, for `<img src>`.
pub fn logo_uri(doc: &Document) -> Option<String> {
    doc.logo
        .as_ref()
        .map(|l| format!("data:image/{};base64,{}", l.format, base64(&l.bytes)))
}

/// The body (every block) as HTML.
pub fn body(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => {
                let h = usize::from(*level).clamp(1, 4) + 1;
                out.push_str(&format!("<h{h}>{}</h{h}>\n", esc(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", inline(text))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", inline(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Facts(pairs) => {
                out.push_str("<dl class=\"facts\">\n");
                for (label, value) in pairs {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        esc(label),
                        inline(value)
                    ));
                }
                out.push_str("</dl>\n");
            }
            Block::Table(table) => {
                let total: u32 = table.columns.iter().map(|c| u32::from(c.width)).sum();
                out.push_str("<table>\n<colgroup>\n");
                for c in &table.columns {
                    let pct = f64::from(c.width) * 100.0 / f64::from(total.max(1));
                    out.push_str(&format!("<col style=\"width:{pct:.1}%\">\n"));
                }
                out.push_str("</colgroup>\n<thead><tr>\n");
                for c in &table.columns {
                    out.push_str(&format!("<th scope=\"col\">{}</th>\n", esc(&c.title)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &table.rows {
                    let cells: String = row
                        .iter()
                        .map(|c| format!("<td>{}</td>", inline(c)))
                        .collect();
                    out.push_str(&format!("<tr>{cells}</tr>\n"));
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out
}

/// Styled text as HTML, line breaks as `<br>`.
fn inline(text: &Text) -> String {
    let mut out = String::new();
    for span in text {
        let t = esc(&span.text).replace('\n', "<br>");
        match span.emphasis {
            Emphasis::Plain => out.push_str(&t),
            Emphasis::Strong => out.push_str(&format!("<strong>{t}</strong>")),
            Emphasis::Muted => out.push_str(&format!("<span class=\"muted\">{t}</span>")),
        }
    }
    out
}

/// Standard base64 (RFC 4648) for the logo's data URI.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::plain;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn tom_text_cannot_inject_markup() {
        assert_eq!(
            inline(&plain("<script>x</script>\nb")),
            "&lt;script&gt;x&lt;/script&gt;<br>b"
        );
    }
}
