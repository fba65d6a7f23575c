//! The HTML diff: one self-contained, printable file that a DPO hands an auditor — the
//! two versions with their revisions and "Stand" dates, the compliance delta, and every
//! changed entry with before / after and highlighted words.
//!
//! No scripts, no external resources (styles are inline, fonts are the system's), so the
//! file opens offline, prints the same everywhere (A4, table headers repeated on every
//! page, highlights kept in print) and cannot leak anything when opened. Every TOM and
//! policy text is HTML-escaped: no markup from a TOM reaches the report.

use std::io::Write;

use serde_json::Value;

use super::{plain, summary_text, Labels, Lang};
use crate::diff::{Change, Diff, EntityChange, FieldChange, PoliciesFrom, Side, WordOp};
use crate::findings::Finding;

const STYLE: &str = r#"
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --add: #e6ffec; --add-strong: #abf2bc; --del: #ffebe9; --del-strong: #ffc1bc; --mod: #fff8c5;
  --deny: #b42318; --warn: #9a6700; --info: #0a58ca;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; max-width: 70rem; margin: 2rem auto; padding: 0 1.5rem;
}
header { border-bottom: 3px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .5rem; }
h1 { font-size: 1.75rem; margin: 0; }
.org { font-size: 1.15rem; margin: .25rem 0 0; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p.note { color: var(--muted); margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: auto; }
thead th { background: var(--head); font-weight: 600; overflow-wrap: normal; }
tbody th { background: var(--head); font-weight: 600; width: 14rem; }
table.versions td { width: 40%; }
table.changes { table-layout: fixed; }
table.changes col.entry { width: 20%; } table.changes col.what { width: 12%; }
table.changes col.field { width: 13%; } table.changes col.value { width: 27.5%; }
table.findings col.sev { width: 10%; } table.findings col.rule { width: 20%; } table.findings col.subject { width: 22%; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.name { display: block; }
.control { display: block; color: var(--muted); font-size: .9em; }
.added .what { background: var(--add); } .removed .what { background: var(--del); } .modified .what { background: var(--mod); }
td.absent { color: var(--muted); font-style: italic; }
del { background: var(--del-strong); text-decoration: line-through; }
ins { background: var(--add-strong); text-decoration: none; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .8em; }
.sev.deny { color: var(--deny); } .sev.warn { color: var(--warn); } .sev.info { color: var(--info); }
.delta-new { border-left: 4px solid var(--deny); padding-left: .6rem; }
.delta-resolved { border-left: 4px solid #1a7f37; padding-left: .6rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted); font-size: .85em; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { font-size: 9.5pt; max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Renders the diff as one HTML document.
pub fn render(diff: &Diff, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let l = lang.labels();
    let org = diff
        .new
        .organization
        .as_ref()
        .or(diff.old.organization.as_ref());
    let title = match org {
        Some(org) => format!("{} – {}", l.title, esc(org)),
        None => l.title.clone(),
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", l.lang)?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"tomcheck {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", l.title)?;
    if let Some(org) = org {
        writeln!(out, "<p class=\"org\">{}</p>", esc(org))?;
    }
    writeln!(out, "</header>")?;

    versions(out, diff, lang)?;

    writeln!(out, "<section>\n<h2>{}</h2>", l.compliance)?;
    findings(out, lang, "delta-new", &l.new_findings, &diff.new_findings)?;
    findings(
        out,
        lang,
        "delta-resolved",
        &l.resolved_findings,
        &diff.resolved_findings,
    )?;
    writeln!(out, "</section>")?;

    writeln!(out, "<section>\n<h2>{}</h2>", l.changes)?;
    if diff.changes.is_empty() {
        writeln!(out, "<p>{}</p>", l.unchanged)?;
    }
    let mut kinds: Vec<&str> = Vec::new();
    for change in &diff.changes {
        if !kinds.contains(&change.kind.as_str()) {
            kinds.push(&change.kind);
        }
    }
    for kind in kinds {
        writeln!(out, "<h3>{}</h3>", esc(&lang.kind(kind)))?;
        writeln!(out, "<table class=\"changes\">")?;
        writeln!(
            out,
            "<colgroup><col class=\"entry\"><col class=\"what\"><col class=\"field\"><col class=\"value\"><col class=\"value\"></colgroup>"
        )?;
        writeln!(
            out,
            "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
            l.entry, l.change, l.field, l.before, l.after
        )?;
        for change in diff.changes.iter().filter(|c| c.kind == kind) {
            entity(out, lang, change)?;
        }
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</section>")?;

    if !diff.policy_changes.is_empty() {
        writeln!(out, "<section>\n<h2>{}</h2>", l.policy_changes)?;
        writeln!(out, "<p class=\"note\">{}</p>", l.policy_changes_note)?;
        writeln!(
            out,
            "<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            l.file, l.change
        )?;
        for c in &diff.policy_changes {
            writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                esc(&c.path),
                lang.change(c.change)
            )?;
        }
        writeln!(out, "</tbody>\n</table>\n</section>")?;
    }

    writeln!(
        out,
        "<footer>{} {} · {} {}</footer>",
        l.generated,
        env!("CARGO_PKG_VERSION"),
        l.evaluated,
        esc(&lang.date(&diff.today))
    )?;
    writeln!(out, "</body>\n</html>")
}

fn versions(out: &mut dyn Write, diff: &Diff, lang: Lang) -> std::io::Result<()> {
    let l = lang.labels();
    writeln!(out, "<section>")?;
    writeln!(out, "<table class=\"versions\">")?;
    writeln!(
        out,
        "<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        l.old, l.new
    )?;
    let row = |out: &mut dyn Write, name: &str, f: &dyn Fn(&Side) -> String| {
        writeln!(
            out,
            "<tr><th>{name}</th><td>{}</td><td>{}</td></tr>",
            f(&diff.old),
            f(&diff.new)
        )
    };
    row(out, &l.revision, &|s| match &s.revision {
        Some(full) if s.spec != s.label => {
            format!(
                "<code>{}</code> (<code title=\"{}\">{}</code>)",
                esc(&s.spec),
                esc(full),
                esc(&s.label)
            )
        }
        Some(full) => format!("<code title=\"{}\">{}</code>", esc(full), esc(&s.label)),
        None => esc(&lang.side_label(&s.label)),
    })?;
    let opt = |v: &Option<String>| v.as_deref().map(|d| esc(&lang.date(d))).unwrap_or_default();
    row(out, &l.commit_date, &|s| opt(&s.date))?;
    row(out, &l.as_of, &|s| opt(&s.as_of))?;
    row(out, &l.reviewed, &|s| opt(&s.reviewed))?;
    row(out, &l.findings, &|s| {
        if s.outcome.is_some() {
            summary_text(s.summary(), lang)
        } else {
            l.no_tom.clone()
        }
    })?;
    writeln!(out, "</tbody>\n</table>")?;
    let judge = match diff.policies_from {
        PoliciesFrom::Old => &l.policies_old,
        PoliciesFrom::New => &l.policies_new,
    };
    writeln!(
        out,
        "<p class=\"note\">{} {}; {judge}.</p>",
        l.evaluated,
        esc(&lang.date(&diff.today))
    )?;
    writeln!(out, "</section>")
}

fn findings(
    out: &mut dyn Write,
    lang: Lang,
    class: &str,
    title: &str,
    list: &[Finding],
) -> std::io::Result<()> {
    writeln!(
        out,
        "<div class=\"{class}\">\n<h3>{title} ({})</h3>",
        list.len()
    )?;
    let l = lang.labels();
    if list.is_empty() {
        return writeln!(out, "<p>{}</p>\n</div>", l.none);
    }
    writeln!(out, "<table class=\"findings\">")?;
    writeln!(
        out,
        "<colgroup><col class=\"sev\"><col class=\"rule\"><col class=\"subject\"><col></colgroup>"
    )?;
    writeln!(
        out,
        "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        l.severity, l.rule, l.subject, l.message
    )?;
    for f in list {
        let sev = f.severity.as_str();
        let mut message = esc(&f.message);
        if let Some(legal) = f.legal.as_deref().filter(|s| !s.is_empty()) {
            message.push_str(&format!(" <small>({})</small>", esc(legal)));
        }
        writeln!(
            out,
            "<tr><td><span class=\"sev {sev}\">{sev}</span></td><td><code>{}</code></td><td><code>{}</code></td><td>{message}</td></tr>",
            breakable(&f.rule),
            breakable(f.subject.as_deref().unwrap_or("")),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</div>")
}

fn entity(out: &mut dyn Write, lang: Lang, change: &EntityChange) -> std::io::Result<()> {
    let l = lang.labels();
    let class = change.change.as_str();
    let mut entry = format!("<code>{}</code>", breakable(&change.subject));
    if let Some(name) = &change.name {
        entry.push_str(&format!("<span class=\"name\">{}</span>", esc(name)));
    }
    if let Some(control) = &change.control {
        entry.push_str(&format!(
            "<span class=\"control\">{}</span>",
            esc(&lang.control(control))
        ));
    }
    let what = lang.change(change.change);
    writeln!(out, "<tbody class=\"{class}\">")?;
    if change.fields.is_empty() {
        writeln!(
            out,
            "<tr><td>{entry}</td><td class=\"what\">{what}</td><td></td><td></td><td></td></tr>"
        )?;
    }
    let rows = change.fields.len();
    for (i, field) in change.fields.iter().enumerate() {
        let (before, after) = cells(l, change.change, field);
        let lead = if i == 0 {
            format!("<td rowspan=\"{rows}\">{entry}</td><td rowspan=\"{rows}\" class=\"what\">{what}</td>")
        } else {
            String::new()
        };
        writeln!(
            out,
            "<tr>{lead}<td><code>{}</code></td>{before}{after}</tr>",
            breakable(&field.path)
        )?;
    }
    writeln!(out, "</tbody>")
}

/// The before and after cells (`<td>…</td>`), with highlighted words for text fields.
fn cells(l: &Labels, change: Change, field: &FieldChange) -> (String, String) {
    if let Some(words) = &field.words {
        let side = |keep: WordOp, tag: &str| -> String {
            let inner: String = words
                .iter()
                .filter(|w| w.op == WordOp::Equal || w.op == keep)
                .map(|w| match w.op {
                    WordOp::Equal => esc(&w.text),
                    _ => format!("<{tag}>{}</{tag}>", esc(&w.text)),
                })
                .collect();
            format!("<td>{inner}</td>")
        };
        return (side(WordOp::Delete, "del"), side(WordOp::Insert, "ins"));
    }
    let cell = |v: &Option<Value>, tag: &str| match v {
        // An added or removed entry has no other side; a modified one says what is missing.
        None if change != Change::Modified => "<td></td>".to_string(),
        None => format!("<td class=\"absent\">{}</td>", l.not_set),
        Some(v) => {
            let mut inner = esc(&plain(v));
            if let (true, Some(items)) = (
                field.before.is_some() && field.after.is_some(),
                v.as_array(),
            ) {
                // Lists: mark the elements that are new or gone.
                let (mark, changed) = if tag == "del" {
                    ("del", &field.removed)
                } else {
                    ("ins", &field.added)
                };
                let changed = changed.as_deref().unwrap_or(&[]);
                inner = items
                    .iter()
                    .map(|i| {
                        let t = esc(&plain(i));
                        if changed.contains(i) {
                            format!("<{mark}>{t}</{mark}>")
                        } else {
                            t
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
            }
            format!("<td>{inner}</td>")
        }
    };
    (cell(&field.before, "del"), cell(&field.after, "ins"))
}

/// An identifier (`provider:newsletter`, `personal_data`, `avv.signed`) that may wrap
/// after its separators in a narrow column instead of in the middle of a word.
fn breakable(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        out.push_str(&esc(&c.to_string()));
        if matches!(c, ':' | '_' | '.') {
            out.push_str("<wbr>");
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values; drops control characters.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_in_tom_text_is_escaped() {
        assert_eq!(
            esc("<img src=x onerror='a()'>&\"\u{7}"),
            "&lt;img src=x onerror=&#39;a()&#39;&gt;&amp;&quot;"
        );
    }
}
