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

/// Renders a document as one HTML file.
pub fn render(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let title = match &doc.subtitle {
        Some(org) => format!("{} – {}", esc(&doc.title), esc(org)),
        None => esc(&doc.title),
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", doc.lang)?;
    writeln!(out, "<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"tomcheck {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    if let Some(date) = &doc.date {
        writeln!(out, "<meta name=\"date\" content=\"{}\">", esc(date))?;
    }
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    if doc.logo.is_some() || !doc.letterhead.is_empty() {
        writeln!(out, "<div class=\"letterhead\">")?;
        if let Some(logo) = &doc.logo {
            writeln!(
                out,
                "<img class=\"logo\" alt=\"{}\" src=\"data:image/{};base64,{}\">",
                esc(doc.subtitle.as_deref().unwrap_or("Logo")),
                logo.format,
                base64(&logo.bytes)
            )?;
        }
        for line in &doc.letterhead {
            writeln!(out, "<p>{}</p>", esc(line))?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "<header>\n<h1>{}</h1>", esc(&doc.title))?;
    if let Some(sub) = &doc.subtitle {
        writeln!(out, "<p class=\"org\">{}</p>", esc(sub))?;
    }
    writeln!(out, "</header>\n<main>")?;
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => {
                let h = usize::from(*level).clamp(1, 4) + 1;
                writeln!(out, "<h{h}>{}</h{h}>", esc(text))?;
            }
            Block::Paragraph(text) => writeln!(out, "<p>{}</p>", inline(text))?,
            Block::List(items) => {
                writeln!(out, "<ul>")?;
                for item in items {
                    writeln!(out, "<li>{}</li>", inline(item))?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Facts(pairs) => {
                writeln!(out, "<dl class=\"facts\">")?;
                for (label, value) in pairs {
                    writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(label), inline(value))?;
                }
                writeln!(out, "</dl>")?;
            }
            Block::Table(table) => {
                let total: u32 = table.columns.iter().map(|c| u32::from(c.width)).sum();
                writeln!(out, "<table>\n<colgroup>")?;
                for c in &table.columns {
                    let pct = f64::from(c.width) * 100.0 / f64::from(total.max(1));
                    writeln!(out, "<col style=\"width:{pct:.1}%\">")?;
                }
                writeln!(out, "</colgroup>\n<thead><tr>")?;
                for c in &table.columns {
                    writeln!(out, "<th scope=\"col\">{}</th>", esc(&c.title))?;
                }
                writeln!(out, "</tr></thead>\n<tbody>")?;
                for row in &table.rows {
                    let cells: String = row
                        .iter()
                        .map(|c| format!("<td>{}</td>", inline(c)))
                        .collect();
                    writeln!(out, "<tr>{cells}</tr>")?;
                }
                writeln!(out, "</tbody>\n</table>")?;
            }
        }
    }
    writeln!(out, "</main>\n<footer>{}</footer>", esc(&doc.footer))?;
    writeln!(out, "</body>\n</html>")
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
