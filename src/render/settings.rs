//! The company's own look of rendered documents: the `[document]` table of
//! `tomcheck.toml` and the files it names, read from the same revision as the facts.
//!
//! ```toml
//! [document]
//! lang = "de"                          # default language of `render`
//! letterhead = ["Muster Medien GmbH", "Musterstraße 1 · 80331 München"]
//! logo = "docs/logo.png"               # PNG or JPEG, in the title block of every format but Markdown
//! intro = "Dieses Dokument …"          # replaces the built-in introduction
//! sections = "document"                # folder of Markdown snippets, one section each
//! contact = "datenschutz@example.de"   # where objections to a notice go
//! objection_days = 30                  # objection period of the change notice
//! templates = "document/templates"     # page templates: tom.html.j2, page.md.j2, …
//! ```
//!
//! The configuration module only knows that `[document]` is a table; its keys belong to
//! rendering and are validated here, with spans, when a document is rendered.

use toml::de::{DeTable, DeValue};

use super::model::{self, Block, Logo, Text};
use super::template::{Page, PageFormat};
use crate::diag::{did_you_mean, Code, Problem};
use crate::i18n::tr;
use crate::report::diff::Lang;
use crate::source::Source;
use crate::text::SourceText;

const KEYS: &[&str] = &[
    "lang",
    "letterhead",
    "logo",
    "intro",
    "sections",
    "contact",
    "objection_days",
    "templates",
];

/// What `[document]` says, with the files it names already read.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub letterhead: Vec<String>,
    pub logo: Option<Logo>,
    pub intro: Option<String>,
    /// Extra sections: a heading and its blocks, from the Markdown snippets.
    pub sections: Vec<(String, Vec<Block>)>,
    pub contact: Option<String>,
    pub objection_days: Option<u32>,
    /// Page templates by file name (`tom.md.j2`, `page.html.j2`).
    pub templates: Vec<(String, String)>,
}

impl Settings {
    /// The repository's page template for a document and format: `KIND.EXT.j2`, else
    /// `page.EXT.j2`.
    pub fn page(&self, kind: super::Kind, format: PageFormat) -> Option<Page> {
        let ext = format.extension();
        [
            format!("{}.{ext}.j2", kind.as_str()),
            format!("page.{ext}.j2"),
        ]
        .iter()
        .find_map(|want| {
            self.templates
                .iter()
                .find(|(name, _)| name == want)
                .map(|(name, source)| Page {
                    name: name.clone(),
                    source: source.clone(),
                    format,
                })
        })
    }
}

/// The `[document]` table of a `tomcheck.toml`, and the files it names, read from `source`.
pub fn load(config: Option<&SourceText>, source: &Source) -> Result<Settings, Vec<Problem>> {
    let mut settings = Settings::default();
    let Some(file) = config else {
        return Ok(settings);
    };
    let Ok(doc) = DeTable::parse(&file.text) else {
        // The configuration was validated before; nothing to add here.
        return Ok(settings);
    };
    let Some(table) = doc.get_ref().get("document") else {
        return Ok(settings);
    };
    let DeValue::Table(table) = table.get_ref() else {
        return Ok(settings);
    };
    let mut problems = Vec::new();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let span = value.span();
        let wrong = |what: &str| {
            Problem::at(
                Code::Config,
                tr(
                    "problem-config-wrong-value",
                    &[
                        ("key", (&format!("document.{name}")).into()),
                        ("file", "tomcheck.toml".into()),
                        ("expected", what.into()),
                    ],
                ),
                file,
                span.clone(),
                tr("problem-config-invalid-value", &[]),
            )
        };
        let v = value.get_ref();
        match name {
            "lang" => match v.as_str() {
                Some("de") => settings.lang = Some(Lang::De),
                Some("en") => settings.lang = Some(Lang::En),
                _ => problems.push(wrong(&tr("problem-config-expected-lang", &[]))),
            },
            "letterhead" => match v {
                DeValue::String(s) => settings.letterhead = s.lines().map(str::to_string).collect(),
                DeValue::Array(items) => {
                    let lines: Option<Vec<String>> = items
                        .iter()
                        .map(|i| i.get_ref().as_str().map(str::to_string))
                        .collect();
                    match lines {
                        Some(lines) => settings.letterhead = lines,
                        None => problems.push(wrong(&tr("problem-doc-expected-lines", &[]))),
                    }
                }
                _ => problems.push(wrong(&tr("problem-doc-expected-lines", &[]))),
            },
            "intro" => match v.as_str() {
                Some(s) => settings.intro = Some(s.to_string()),
                None => problems.push(wrong(&tr("problem-config-expected-string", &[]))),
            },
            "contact" => match v.as_str() {
                Some(s) => settings.contact = Some(s.to_string()),
                None => problems.push(wrong(&tr("problem-config-expected-string", &[]))),
            },
            "objection_days" => match v {
                DeValue::Integer(i) => match i.as_str().parse::<u32>() {
                    Ok(n) if (1..=365).contains(&n) => settings.objection_days = Some(n),
                    _ => problems.push(wrong(&tr("problem-doc-expected-days", &[]))),
                },
                _ => problems.push(wrong(&tr("problem-doc-expected-days", &[]))),
            },
            "logo" => match v.as_str() {
                Some(path) => match read_logo(source, path) {
                    Ok(logo) => settings.logo = Some(logo),
                    Err(msg) => problems.push(wrong(&msg)),
                },
                None => problems.push(wrong(&tr("problem-doc-expected-logo", &[]))),
            },
            "templates" => match v.as_str() {
                Some(dir) => match source.read_dir(dir, ".j2") {
                    Ok(Some(files)) => {
                        settings.templates = files
                            .iter()
                            .map(|f| {
                                let name = f.path.rsplit('/').next().unwrap_or(&f.path);
                                (name.to_string(), f.text.to_string())
                            })
                            .collect();
                    }
                    Ok(None) => problems.push(wrong(&tr(
                        "problem-doc-expected-templates-missing",
                        &[("dir", dir.into()), ("label", (&source.label()).into())],
                    ))),
                    Err(p) => problems.extend(p),
                },
                None => problems.push(wrong(&tr("problem-doc-expected-templates", &[]))),
            },
            "sections" => match v.as_str() {
                Some(dir) => match source.read_dir(dir, ".md") {
                    Ok(Some(mut files)) => {
                        files.sort_by(|a, b| a.path.cmp(&b.path));
                        settings.sections = files.iter().map(|f| snippet(&f.text)).collect();
                    }
                    Ok(None) => problems.push(wrong(&tr(
                        "problem-doc-expected-sections-missing",
                        &[("dir", dir.into()), ("label", (&source.label()).into())],
                    ))),
                    Err(p) => problems.extend(p),
                },
                None => problems.push(wrong(&tr("problem-doc-expected-sections", &[]))),
            },
            _ => {
                let mut p = Problem::at(
                    Code::Config,
                    tr(
                        "problem-config-unknown-key",
                        &[
                            ("name", (&format!("document.{name}")).into()),
                            ("file", "tomcheck.toml".into()),
                        ],
                    ),
                    file,
                    key.span(),
                    tr("problem-unknown-key-label", &[]),
                );
                p.help = Some(match did_you_mean(name, KEYS.iter().copied()) {
                    Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
                    None => tr(
                        "problem-config-known-keys",
                        &[("keys", (&KEYS.join(", ")).into())],
                    ),
                });
                problems.push(p);
            }
        }
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

/// Reads a logo from the revision being rendered (git blobs are read as bytes).
fn read_logo(source: &Source, path: &str) -> Result<Logo, String> {
    let bytes = source
        .read_bytes(path)
        .map_err(|p| {
            tr(
                "problem-doc-logo-unreadable",
                &[("error", (&p.message).into())],
            )
        })?
        .ok_or_else(|| tr("problem-doc-logo-missing", &[("path", path.into())]))?;
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        "jpeg"
    } else {
        return Err(tr("problem-doc-logo-format", &[("path", path.into())]));
    };
    Ok(Logo {
        format,
        bytes,
        name: path.to_string(),
    })
}

/// A Markdown snippet as a section: the first `# ` line is its heading, paragraphs are
/// separated by blank lines, lines starting with `- ` or `* ` are list items. Only this
/// subset is read; everything else is text (and escaped as such by every renderer).
pub fn snippet(markdown: &str) -> (String, Vec<Block>) {
    let mut title = String::new();
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<Text> = Vec::new();
    let flush = |para: &mut Vec<&str>, list: &mut Vec<Text>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(model::plain(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in crate::text::strip_bom(markdown).lines() {
        let line = line.trim_end();
        if let Some(h) = line.strip_prefix("# ").filter(|_| title.is_empty()) {
            flush(&mut para, &mut list, &mut blocks);
            title = h.trim().to_string();
        } else if let Some(h) = line.strip_prefix("## ") {
            flush(&mut para, &mut list, &mut blocks);
            blocks.push(Block::Heading {
                level: 2,
                text: crate::text::clean_line(h.trim()),
            });
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !para.is_empty() {
                flush(&mut para, &mut Vec::new(), &mut blocks);
            }
            list.push(model::plain(item.trim()));
        } else if line.trim().is_empty() {
            flush(&mut para, &mut list, &mut blocks);
        } else {
            if !list.is_empty() {
                flush(&mut Vec::new(), &mut list, &mut blocks);
            }
            para.push(line.trim());
        }
    }
    flush(&mut para, &mut list, &mut blocks);
    (crate::text::clean_line(&title), blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_become_sections() {
        let (title, blocks) = snippet(
            "# Notfallkonzept\n\nBei einem Ausfall\ngilt:\n\n- Meldung an die DSB\n- Wiederanlauf\n\n## Kontakte\nSiehe Aushang.\n",
        );
        assert_eq!(title, "Notfallkonzept");
        assert_eq!(blocks.len(), 4);
        match &blocks[0] {
            Block::Paragraph(t) => assert_eq!(model::flat(t), "Bei einem Ausfall gilt:"),
            b => panic!("{b:?}"),
        }
        match &blocks[1] {
            Block::List(items) => assert_eq!(items.len(), 2),
            b => panic!("{b:?}"),
        }
    }
}
