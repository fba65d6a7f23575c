//! The sub-processor list a processor publishes and keeps current (Art. 28(2), (4)
//! GDPR): every provider with `role = "processor"` that processes or can reach personal
//! data, with address, seat, places of processing, purpose and transfer safeguard. As a
//! document (Markdown, HTML, …) and as data (JSON, CSV) for a website.

use std::io::Write;

use serde_json::{json, Value};

use super::labels::{date, labels};
use super::model::{muted, plain, Block, Document};
use super::tom::{places_of, processing_places, provider_table, safeguard, stand_date, Countries};
use super::{entities, is_subprocessor, text, Snapshot};
use crate::report::diff::Lang;

/// The sub-processors of a snapshot, in the order the TOM lists them.
pub fn list(snap: &Snapshot) -> Vec<&Value> {
    entities(&snap.input, "provider")
        .iter()
        .filter(|p| is_subprocessor(p))
        .collect()
}

/// The list as a document.
pub fn build(snap: &Snapshot, lang: Lang) -> Document {
    let l = labels(lang);
    let org = snap.input.get("organization");
    let org_name = org.and_then(|o| text(o, "name"));
    let mut body = vec![Block::Facts(vec![
        (
            l.organization.into(),
            org_name
                .map(plain)
                .unwrap_or_else(|| muted(l.not_documented)),
        ),
        (
            l.as_of.into(),
            stand_date(snap)
                .map(|d| plain(&date(lang, d)))
                .unwrap_or_else(|| muted(l.not_documented)),
        ),
    ])];
    body.push(Block::Paragraph(plain(l.subprocessors_intro)));
    if list(snap).is_empty() {
        body.push(Block::Paragraph(plain(l.no_subprocessors)));
    } else {
        body.push(provider_table(&snap.input, l, lang, is_subprocessor));
    }
    Document {
        lang: l.lang,
        title: l.subprocessors_title.to_string(),
        subtitle: org_name.map(crate::text::clean_line),
        body,
        footer: snap.origin.footer(lang),
        date: stand_date(snap).map(str::to_string),
        logo: snap.settings.logo.clone(),
        letterhead: snap.settings.letterhead.clone(),
    }
}

/// The list as JSON: `{"version":1, "organization", "as_of", "revision", "subprocessors":[…]}`.
pub fn json(snap: &Snapshot, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let l = labels(lang);
    let countries = Countries::bundled();
    let items: Vec<Value> = list(snap)
        .into_iter()
        .map(|p| {
            let s = |k: &str| text(p, k).map(crate::text::clean);
            json!({
                "id": s("id"),
                "name": s("name"),
                "address": s("address"),
                "country": s("country"),
                "processing": processing_places(p),
                "support_access": places_of(p, "support_access"),
                "parent": s("parent"),
                "purpose": s("purpose"),
                "transfer": s("transfer"),
                "safeguard": super::model::flat(&safeguard(p, &countries, l, lang)),
                "avv": p.get("avv").cloned().unwrap_or(Value::Null),
            })
        })
        .collect();
    let org = snap.input.get("organization");
    let doc = json!({
        "version": 1,
        "organization": org.and_then(|o| text(o, "name")),
        "as_of": stand_date(snap),
        "revision": snap.origin.commit,
        "subprocessors": items,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// The list as CSV (RFC 4180, comma-separated, a header row): safe to open in a
/// spreadsheet — a cell that starts like a formula is prefixed with `'`.
pub fn csv(snap: &Snapshot, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let l = labels(lang);
    let countries = Countries::bundled();
    let header = [
        "id",
        "name",
        "address",
        "country",
        "processing",
        "purpose",
        "transfer",
        "safeguard",
        "avv_signed",
        "support_access",
    ];
    writeln!(out, "{}\r", header.join(","))?;
    for p in list(snap) {
        let row = [
            text(p, "id").unwrap_or_default().to_string(),
            text(p, "name").unwrap_or_default().to_string(),
            text(p, "address").unwrap_or_default().to_string(),
            text(p, "country").unwrap_or_default().to_string(),
            processing_places(p).join(" "),
            text(p, "purpose").unwrap_or_default().to_string(),
            text(p, "transfer").unwrap_or_default().to_string(),
            super::model::flat(&safeguard(p, &countries, l, lang)),
            p.get("avv")
                .and_then(|a| text(a, "signed"))
                .unwrap_or_default()
                .to_string(),
            places_of(p, "support_access").join(" "),
        ];
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        writeln!(out, "{}\r", cells.join(","))?;
    }
    Ok(())
}

/// One CSV cell: control characters dropped, formula starts defused, quoted.
pub fn cell(s: &str) -> String {
    let s = crate::text::clean(s);
    // Spreadsheets run a cell starting with = + - @ (or a tab / CR before them) as a
    // formula: CSV injection. A leading apostrophe makes it text.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_cannot_inject_formulas() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+49 89"), "\"'+49 89\"");
        assert_eq!(cell("-1"), "\"'-1\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("Hetzner, Gunzenhausen"), "\"Hetzner, Gunzenhausen\"");
        assert_eq!(cell("a\u{1b}b"), "\"ab\"");
    }
}
