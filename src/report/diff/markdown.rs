//! The Markdown diff, for a pull request comment or the job summary of the GitHub Action:
//! the two versions side by side, the compliance delta, then a table per kind.
//!
//! All TOM and policy text is untrusted: it is escaped so that it can neither inject
//! HTML, links or images, nor break a table, nor mention people (`@`). The only HTML in
//! the output is the `<del>` / `<ins>` / `<br>` this module writes itself.

use std::io::Write;

use super::{plain, summary_text, Labels, Lang};
use crate::diff::{Change, Diff, EntityChange, FieldChange, PoliciesFrom, Side, WordOp};
use crate::findings::Finding;
use crate::report::md::{code, text};

/// Renders the diff as GitHub-flavoured Markdown.
pub fn render(diff: &Diff, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let l = lang.labels();
    let org = diff
        .new
        .organization
        .as_ref()
        .or(diff.old.organization.as_ref());
    match org {
        Some(org) => writeln!(out, "## {}: {}\n", l.title, text(org))?,
        None => writeln!(out, "## {}\n", l.title)?,
    }
    writeln!(out, "| | {} | {} |", l.old, l.new)?;
    writeln!(out, "|---|---|---|")?;
    let row = |out: &mut dyn Write, name: &str, f: &dyn Fn(&Side) -> String| {
        writeln!(out, "| {name} | {} | {} |", f(&diff.old), f(&diff.new))
    };
    // Dates come from git and from the TOM: escaped like any other TOM text.
    let date = |d: &Option<String>| {
        d.as_deref()
            .map(|d| text(&lang.date(d)))
            .unwrap_or_default()
    };
    row(out, &l.revision, &|s| revision(s, lang))?;
    row(out, &l.commit_date, &|s| date(&s.date))?;
    row(out, &l.as_of, &|s| date(&s.as_of))?;
    row(out, &l.reviewed, &|s| date(&s.reviewed))?;
    row(out, &l.findings, &|s| {
        if s.outcome.is_some() {
            summary_text(s.summary(), lang)
        } else {
            l.no_tom.clone()
        }
    })?;
    let judge = match diff.policies_from {
        PoliciesFrom::Old => &l.policies_old,
        PoliciesFrom::New => &l.policies_new,
    };
    writeln!(
        out,
        "\n{} {}; {judge}.\n",
        l.evaluated,
        text(&lang.date(&diff.today))
    )?;

    writeln!(out, "### {}\n", l.compliance)?;
    findings(out, l, &l.new_findings, &diff.new_findings)?;
    findings(out, l, &l.resolved_findings, &diff.resolved_findings)?;

    writeln!(out, "### {}\n", l.changes)?;
    if diff.changes.is_empty() {
        writeln!(out, "{}\n", l.unchanged)?;
    }
    let mut kind = "";
    for change in &diff.changes {
        if change.kind != kind {
            if !kind.is_empty() {
                writeln!(out)?;
            }
            kind = &change.kind;
            writeln!(out, "#### {}\n", lang.kind(kind))?;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                l.entry, l.change, l.field, l.before, l.after
            )?;
            writeln!(out, "|---|---|---|---|---|")?;
        }
        entity(out, lang, change)?;
    }
    if !diff.changes.is_empty() {
        writeln!(out)?;
    }

    if !diff.policy_changes.is_empty() {
        writeln!(out, "### {}\n", l.policy_changes)?;
        writeln!(out, "{}\n", l.policy_changes_note)?;
        writeln!(out, "| {} | {} |", l.file, l.change)?;
        writeln!(out, "|---|---|")?;
        for c in &diff.policy_changes {
            writeln!(out, "| {} | {} |", code(&c.path), lang.change(c.change))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn revision(side: &Side, lang: Lang) -> String {
    match &side.revision {
        Some(_) if side.spec != side.label => {
            format!("{} ({})", code(&side.spec), code(&side.label))
        }
        Some(_) => code(&side.label),
        None => lang.side_label(&side.label),
    }
}

fn findings(out: &mut dyn Write, l: &Labels, title: &str, list: &[Finding]) -> std::io::Result<()> {
    writeln!(out, "**{title} ({})**\n", list.len())?;
    if list.is_empty() {
        return writeln!(out, "{}\n", l.none);
    }
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        l.severity, l.rule, l.subject, l.message
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for f in list {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            f.severity,
            code(&f.rule),
            f.subject.as_deref().map(code).unwrap_or_default(),
            text(&f.message)
        )?;
    }
    writeln!(out)
}

fn entity(out: &mut dyn Write, lang: Lang, change: &EntityChange) -> std::io::Result<()> {
    let mut title = code(&change.subject);
    if let Some(name) = &change.name {
        title.push_str(&format!("<br>{}", text(name)));
    }
    if let Some(control) = &change.control {
        title.push_str(&format!("<br>({})", text(&lang.control(control))));
    }
    if change.fields.is_empty() {
        return writeln!(out, "| {title} | {} | | | |", lang.change(change.change));
    }
    for (i, field) in change.fields.iter().enumerate() {
        let (entry, what) = if i == 0 {
            (title.as_str(), lang.change(change.change))
        } else {
            ("", String::new())
        };
        let (before, after) = cells(lang.labels(), change.change, field);
        writeln!(
            out,
            "| {entry} | {what} | {} | {before} | {after} |",
            code(&field.path)
        )?;
    }
    Ok(())
}

/// Before and after cells; a text field shows its deleted words in the one and its
/// inserted words in the other.
fn cells(l: &Labels, change: Change, field: &FieldChange) -> (String, String) {
    if let Some(words) = &field.words {
        let side = |keep: WordOp, tag: &str| -> String {
            words
                .iter()
                .filter(|w| w.op == WordOp::Equal || w.op == keep)
                .map(|w| match w.op {
                    WordOp::Equal => text(&w.text),
                    _ => format!("<{tag}>{}</{tag}>", text(&w.text)),
                })
                .collect()
        };
        return (side(WordOp::Delete, "del"), side(WordOp::Insert, "ins"));
    }
    // An added or removed entry has no other side; a modified one says what is missing.
    let value = |v: &Option<serde_json::Value>| match v {
        None if change != Change::Modified => String::new(),
        None => format!("*{}*", l.not_set),
        Some(v) => text(&plain(v)),
    };
    (value(&field.before), value(&field.after))
}
