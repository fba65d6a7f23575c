//! DOCX: a Word document a DPO opens in Word or LibreOffice to add the letterhead —
//! real heading styles (Heading 1/2, so the navigation pane and a table of contents
//! work), real tables with a repeated header row, bullet lists, a footer with the
//! origin of the facts and page numbers.
//!
//! A DOCX is a zip of a dozen XML parts (ECMA-376). They are written here directly:
//! the parts are small and fixed, the output is byte-stable (fixed part order, fixed
//! timestamps in the zip, the document date from the facts), and every TOM text goes
//! through one XML escaper. The zip container is the `zip` crate's.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::model::{Block, Document, Emphasis, Logo, Table, Text};

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11906 - 2 * 1134;

/// Renders a document as DOCX.
pub fn render(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Fixed timestamps: the same document makes the same bytes.
    let time = DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut part = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    part("[Content_Types].xml", content_types(doc).as_bytes())?;
    part("_rels/.rels", ROOT_RELS.as_bytes())?;
    part("docProps/core.xml", core(doc).as_bytes())?;
    part("docProps/app.xml", APP.as_bytes())?;
    part(
        "word/_rels/document.xml.rels",
        document_rels(doc).as_bytes(),
    )?;
    part("word/document.xml", document(doc).as_bytes())?;
    part("word/styles.xml", styles(doc).as_bytes())?;
    part("word/numbering.xml", NUMBERING.as_bytes())?;
    part("word/settings.xml", SETTINGS.as_bytes())?;
    part("word/footer1.xml", footer(doc).as_bytes())?;
    if let Some(logo) = &doc.logo {
        part(&format!("word/media/logo.{}", ext(logo)), &logo.bytes)?;
    }
    let bytes = zip.finish().map_err(std::io::Error::other)?.into_inner();
    out.write_all(&bytes)
}

fn ext(logo: &Logo) -> &'static str {
    if logo.format == "png" {
        "png"
    } else {
        "jpeg"
    }
}

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn content_types(doc: &Document) -> String {
    let image = match &doc.logo {
        Some(l) => format!(
            r#"<Default Extension="{0}" ContentType="image/{0}"/>"#,
            ext(l)
        ),
        None => String::new(),
    };
    format!(
        r#"{HEAD}
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{image}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
    )
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tomcheck</Application></Properties>"#;

fn core(doc: &Document) -> String {
    let date = doc
        .date
        .as_deref()
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1980-01-01T00:00:00Z".into());
    let title = match &doc.subtitle {
        Some(org) => format!("{} – {org}", doc.title),
        None => doc.title.clone(),
    };
    format!(
        r#"{HEAD}
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        xml(&title),
        xml(doc.subtitle.as_deref().unwrap_or("tomcheck")),
        doc.lang
    )
}

fn document_rels(doc: &Document) -> String {
    let image = match &doc.logo {
        Some(l) => format!(
            r#"<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.{}"/>"#,
            ext(l)
        ),
        None => String::new(),
    };
    format!(
        r#"{HEAD}
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>{image}</Relationships>"#
    )
}

/// Runs of styled text.
fn runs(text: &Text) -> String {
    let mut out = String::new();
    for span in text {
        let props = match span.emphasis {
            Emphasis::Plain => "",
            Emphasis::Strong => "<w:rPr><w:b/></w:rPr>",
            Emphasis::Muted => r#"<w:rPr><w:rStyle w:val="Muted"/></w:rPr>"#,
        };
        for (i, line) in span.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str(&format!("<w:r>{props}<w:br/></w:r>"));
            }
            if !line.is_empty() {
                out.push_str(&format!(
                    r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                    xml(line)
                ));
            }
        }
    }
    out
}

fn para(style: Option<&str>, runs: &str) -> String {
    match style {
        Some(s) => format!(r#"<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr>{runs}</w:p>"#),
        None => format!("<w:p>{runs}</w:p>"),
    }
}

fn table(t: &Table) -> String {
    let total: u32 = t
        .columns
        .iter()
        .map(|c| u32::from(c.width))
        .sum::<u32>()
        .max(1);
    let widths: Vec<u32> = t
        .columns
        .iter()
        .map(|c| u32::from(c.width) * TEXT_WIDTH / total)
        .collect();
    let mut out = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TomTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
    );
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let cell = |w: u32, content: &str, header: bool| {
        let shade = if header {
            r#"<w:shd w:val="clear" w:color="auto" w:fill="F3F5F7"/>"#
        } else {
            ""
        };
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{content}</w:p></w:tc>"#
        )
    };
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (c, w) in t.columns.iter().zip(&widths) {
        out.push_str(&cell(
            *w,
            &format!(
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                xml(&c.title)
            ),
            true,
        ));
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (text, w) in row.iter().zip(&widths) {
            out.push_str(&cell(*w, &runs(text), false));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables and after the last one.
    out.push_str(&para(Some("Spacer"), ""));
    out
}

fn document(doc: &Document) -> String {
    let mut body = String::new();
    if let Some(logo) = &doc.logo {
        body.push_str(&para(Some("Letterhead"), &drawing(logo)));
    }
    for line in &doc.letterhead {
        body.push_str(&para(Some("Letterhead"), &runs(&super::model::plain(line))));
    }
    body.push_str(&para(
        Some("Title"),
        &runs(&super::model::plain(&doc.title)),
    ));
    if let Some(sub) = &doc.subtitle {
        body.push_str(&para(Some("Subtitle"), &runs(&super::model::plain(sub))));
    }
    for block in &doc.body {
        match block {
            Block::Heading { level, text } => {
                let style = format!("Heading{}", level.clamp(&1, &3));
                body.push_str(&para(Some(&style), &runs(&super::model::plain(text))));
            }
            Block::Paragraph(text) => body.push_str(&para(None, &runs(text))),
            Block::List(items) => {
                for item in items {
                    body.push_str(&para(Some("ListBullet"), &runs(item)));
                }
            }
            Block::Facts(pairs) => {
                for (label, value) in pairs {
                    let mut t = super::model::strong(&format!("{label}: "));
                    t.extend(value.iter().cloned());
                    body.push_str(&para(Some("Fact"), &runs(&t)));
                }
            }
            Block::Table(t) => body.push_str(&table(t)),
        }
    }
    format!(
        r#"{HEAD}
<w:document {NS}><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// An inline picture, 1.6 cm high, keeping its aspect ratio.
fn drawing(logo: &Logo) -> String {
    let (w, h) = image_size(&logo.bytes).unwrap_or((4, 1));
    let cy: u64 = 576_000; // 1.6 cm in EMU
    let cx = cy * u64::from(w) / u64::from(h.max(1));
    let name = xml(&logo.name);
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Logo" descr="{name}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// Width and height of a PNG or JPEG image, from its header.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG") && bytes.len() >= 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((w, h));
    }
    // JPEG: walk the segments to a start-of-frame marker.
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xff {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    None
}

fn footer(doc: &Document) -> String {
    let lang = crate::i18n::Lang::from_tag(doc.lang).unwrap_or_default();
    let l = super::labels::labels(lang);
    let (page, of) = (l.page, l.of);
    let field = |name: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    format!(
        r#"{HEAD}
<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">{page} </w:t></w:r>{}<w:r><w:t xml:space="preserve"> {of} </w:t></w:r>{}</w:p></w:ftr>"#,
        xml(&doc.footer),
        field("PAGE"),
        field("NUMPAGES")
    )
}

fn styles(doc: &Document) -> String {
    let lang = if doc.lang == "de" { "de-DE" } else { "en-GB" };
    let heading = |n: u8, size: u8, before: u16| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="80"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:color w:val="1F2328"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
            n - 1
        )
    };
    format!(
        r#"{HEAD}
<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="1F2328"/></w:pBdr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="40"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Fact"><w:name w:val="Document Fact"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="20"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Letterhead"><w:name w:val="Letterhead"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="right"/><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="59636E"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Spacer"><w:name w:val="Table Spacer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="59636E"/><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="character" w:styleId="Muted"><w:name w:val="Muted"/><w:rPr><w:i/><w:color w:val="59636E"/></w:rPr></w:style><w:style w:type="table" w:styleId="TomTable"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="C9D1D9"/><w:left w:val="single" w:sz="4" w:color="C9D1D9"/><w:bottom w:val="single" w:sz="4" w:color="C9D1D9"/><w:right w:val="single" w:sz="4" w:color="C9D1D9"/><w:insideH w:val="single" w:sz="4" w:color="C9D1D9"/><w:insideV w:val="single" w:sz="4" w:color="C9D1D9"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        heading(1, 28, 360),
        heading(2, 23, 240),
        heading(3, 21, 200),
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="709"/><w:autoHyphenation w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tom_text_cannot_break_the_xml() {
        assert_eq!(
            xml("</w:t><w:r>\u{1}&\"x\u{ffff}"),
            "&lt;/w:t&gt;&lt;w:r&gt;&amp;&quot;x"
        );
    }

    #[test]
    fn image_sizes_come_from_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(200u32.to_be_bytes());
        png.extend(50u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((200, 50)));
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 30, 0, 120, 3, 0, 0, 0,
        ];
        assert_eq!(image_size(&jpeg), Some((120, 30)));
    }
}
