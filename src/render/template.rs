//! Page templates of the Markdown and HTML documents (minijinja): the page around the
//! body — letterhead, title, organisation, footer, and for HTML the head and styles.
//! The built-in pages are templates too (`templates/page.md.j2`, `page.html.j2`); a
//! repository overrides them with `[document] templates = "DIR"`, holding
//! `KIND.md.j2` / `KIND.html.j2` (`tom`, `subprocessors`, `notice`) or `page.md.j2` /
//! `page.html.j2` for every document.
//!
//! Every value handed to a template is already escaped for the page's format (the
//! body, the title, the footer, each letterhead line) and marked safe, so a template
//! cannot forget to escape TOM text, and no value is escaped twice.

use std::io::Write;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{context, AutoEscape, Environment};

use super::model::Document;
use crate::report::diff::html::esc;

/// The formats with a page template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Markdown,
    Html,
}

impl PageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PageFormat::Markdown => "md",
            PageFormat::Html => "html",
        }
    }
}

const BUILTIN_MD: &str = include_str!("templates/page.md.j2");
const BUILTIN_HTML: &str = include_str!("templates/page.html.j2");

/// A page template: its name (for messages) and source.
#[derive(Debug, Clone)]
pub struct Page {
    pub name: String,
    pub source: String,
    pub format: PageFormat,
}

impl Page {
    /// The built-in page of a format.
    pub fn builtin(format: PageFormat) -> Self {
        let source = match format {
            PageFormat::Markdown => BUILTIN_MD,
            PageFormat::Html => BUILTIN_HTML,
        };
        Self {
            name: format!("built-in page.{}.j2", format.extension()),
            source: source.to_string(),
            format,
        }
    }

    /// The page as text; a template error is returned as its message.
    pub fn render_string(&self, doc: &Document) -> Result<String, String> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| e.to_string())?;
        env.set_syntax(syntax);
        // Values arrive escaped; nothing is escaped again.
        env.set_auto_escape_callback(|_| AutoEscape::None);
        let safe = |s: String| Value::from_safe_string(s);
        let opt = |s: Option<String>| s.map(safe).unwrap_or(Value::from(()));
        let ctx = match self.format {
            PageFormat::Markdown => {
                let (letterhead, title, subtitle, footer) = super::markdown::page_values(doc);
                context! {
                    lang => doc.lang,
                    title => safe(title),
                    subtitle => opt(subtitle),
                    footer => safe(footer),
                    date => opt(doc.date.clone()),
                    letterhead => letterhead.into_iter().map(safe).collect::<Value>(),
                    body => safe(super::markdown::body(doc)),
                }
            }
            PageFormat::Html => context! {
                lang => doc.lang,
                generator => format!("tomcheck {}", env!("CARGO_PKG_VERSION")),
                title => safe(esc(&doc.title)),
                subtitle => opt(doc.subtitle.as_deref().map(esc)),
                footer => safe(esc(&doc.footer)),
                date => opt(doc.date.as_deref().map(esc)),
                letterhead => doc.letterhead.iter().map(|l| safe(esc(l))).collect::<Value>(),
                logo => opt(super::html::logo_uri(doc)),
                style => safe(super::html::style().to_string()),
                body => safe(super::html::body(doc)),
            },
        };
        env.render_named_str(&self.name, &self.source, ctx)
            .map_err(|e| match e.line() {
                Some(line) => format!("{}:{line}: {e}", self.name),
                None => format!("{}: {e}", self.name),
            })
    }

    /// Writes the page.
    pub fn render(&self, doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
        let text = self.render_string(doc).map_err(std::io::Error::other)?;
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::model::{plain, Block};

    fn doc() -> Document {
        Document {
            lang: "de",
            title: "TOM <x>".into(),
            subtitle: Some("Muster & Co".into()),
            body: vec![Block::Paragraph(plain("<script>"))],
            footer: "Erstellt".into(),
            date: None,
            logo: None,
            letterhead: vec!["# Kopf".into()],
        }
    }

    #[test]
    fn a_custom_page_gets_escaped_values() {
        let page = Page {
            name: "page.html.j2".into(),
            source: "<h1>{{ title }}</h1><i>{{ subtitle }}</i>{{ body }}".into(),
            format: PageFormat::Html,
        };
        assert_eq!(
            page.render_string(&doc()).unwrap(),
            "<h1>TOM &lt;x&gt;</h1><i>Muster &amp; Co</i><p>&lt;script&gt;</p>\n"
        );
        let md = Page {
            name: "page.md.j2".into(),
            source: "{{ letterhead[0] }}|{{ title }}".into(),
            format: PageFormat::Markdown,
        };
        assert_eq!(md.render_string(&doc()).unwrap(), "\\# Kopf|TOM &lt;x&gt;");
    }

    #[test]
    fn a_broken_template_names_itself() {
        let page = Page {
            name: "tom.md.j2".into(),
            source: "line\n{% if %}".into(),
            format: PageFormat::Markdown,
        };
        let err = page.render_string(&doc()).unwrap_err();
        assert!(err.starts_with("tom.md.j2:2:"), "{err}");
    }
}
