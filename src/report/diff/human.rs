//! The terminal diff: grouped by kind, `+` / `-` / `~` per entity, one line per field,
//! changed words highlighted. Without colour the highlights are git's plain word-diff
//! markers (`[-old-]{+new+}`); in narrated mode every change is a sentence.

use std::io::Write;

use serde_json::Value;

use super::summary_text;
use crate::diff::{Change, Diff, EntityChange, FieldChange, Side, WordOp};
use crate::findings::Finding;
use crate::report::Style;
use crate::text::clean;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const DEL: &str = "\x1b[1;31;9m";
const INS: &str = "\x1b[1;32;4m";
const RESET: &str = "\x1b[0m";

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// Renders the diff for a terminal.
pub fn render(diff: &Diff, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let p = Painter { color: style.color };
    let narrate = style.narrate;
    writeln!(
        out,
        "{} {} → {}",
        p.paint(BOLD, "TOM diff:"),
        side_text(&diff.old),
        side_text(&diff.new)
    )?;
    let judge = match diff.policies_from {
        crate::diff::PoliciesFrom::Old => "old",
        crate::diff::PoliciesFrom::New => "new",
    };
    writeln!(
        out,
        "both evaluated as of {} with the policies of the {judge} version",
        diff.today
    )?;

    if diff.changes.is_empty() {
        writeln!(out, "\nThe facts are unchanged.")?;
    }
    let mut kind = "";
    for change in &diff.changes {
        if change.kind != kind {
            kind = &change.kind;
            let group: Vec<&EntityChange> =
                diff.changes.iter().filter(|c| c.kind == kind).collect();
            let count = |c: Change| group.iter().filter(|e| e.change == c).count();
            let counts: Vec<String> = [Change::Added, Change::Removed, Change::Modified]
                .into_iter()
                .filter(|c| count(*c) > 0)
                .map(|c| format!("{} {}", count(c), c.as_str()))
                .collect();
            writeln!(out, "\n{}  {}", p.paint(BOLD, kind), counts.join(", "))?;
        }
        entity(change, &p, narrate, out)?;
    }

    writeln!(out, "\n{}", p.paint(BOLD, "compliance"))?;
    if diff.new_findings.is_empty() && diff.resolved_findings.is_empty() {
        writeln!(out, "  no finding appeared or was resolved")?;
    }
    for f in &diff.new_findings {
        finding(f, true, &p, narrate, out)?;
    }
    for f in &diff.resolved_findings {
        finding(f, false, &p, narrate, out)?;
    }
    if !diff.policy_changes.is_empty() {
        writeln!(
            out,
            "\n{}",
            p.paint(
                BOLD,
                "policies and configuration changed too (not part of the delta above)"
            )
        )?;
        for c in &diff.policy_changes {
            writeln!(out, "  {} {}", c.change.as_str(), clean(&c.path))?;
        }
    }
    let (old, new) = (diff.old.summary(), diff.new.summary());
    writeln!(
        out,
        "\nfindings: {} → {}",
        summary_text(old),
        summary_text(new)
    )
}

fn side_text(side: &Side) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &side.date {
        parts.push(date.clone());
    }
    match &side.as_of {
        Some(as_of) => parts.push(format!("Stand {as_of}")),
        None if side.outcome.is_none() => parts.push("no TOM".into()),
        None => {}
    }
    let name = if side.label == side.spec || side.revision.is_none() {
        side.label.clone()
    } else {
        format!("{} ({})", clean(&side.spec), side.label)
    };
    if parts.is_empty() {
        name
    } else {
        format!("{name} [{}]", parts.join(", "))
    }
}

fn entity(
    change: &EntityChange,
    p: &Painter,
    narrate: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (mark, color) = match change.change {
        Change::Added => ("+", GREEN),
        Change::Removed => ("-", RED),
        Change::Modified => ("~", YELLOW),
    };
    let mut title = change.subject.clone();
    if let Some(name) = &change.name {
        title.push_str(&format!("  {}", clean(name)));
    }
    if let Some(control) = &change.control {
        title.push_str(&format!("  [{}]", clean(control)));
    }
    if narrate {
        writeln!(out, "{} {}.", change.subject, change.change.as_str())?;
    } else {
        writeln!(out, "{} {}", p.paint(color, mark), p.paint(color, &title))?;
    }
    let width = change
        .fields
        .iter()
        .map(|f| f.path.chars().count())
        .max()
        .unwrap_or(0);
    for field in &change.fields {
        if narrate {
            writeln!(out, "  {}", narrate_field(field))?;
        } else {
            writeln!(
                out,
                "    {:width$}  {}",
                field.path,
                field_text(change.change, field, p)
            )?;
        }
    }
    Ok(())
}

fn field_text(change: Change, field: &FieldChange, p: &Painter) -> String {
    match change {
        Change::Added => return p.paint(GREEN, &value(field.after.as_ref())),
        Change::Removed => return p.paint(RED, &value(field.before.as_ref())),
        Change::Modified => {}
    }
    if let Some(words) = &field.words {
        return words
            .iter()
            .map(|w| {
                let text = clean(&w.text);
                match (w.op, p.color) {
                    (WordOp::Equal, _) => text,
                    (WordOp::Delete, true) => p.paint(DEL, &text),
                    (WordOp::Insert, true) => p.paint(INS, &text),
                    (WordOp::Delete, false) => format!("[-{text}-]"),
                    (WordOp::Insert, false) => format!("{{+{text}+}}"),
                }
            })
            .collect();
    }
    let mut text = format!(
        "{} {} {}",
        p.paint(RED, &value(field.before.as_ref())),
        p.paint(DIM, "→"),
        p.paint(GREEN, &value(field.after.as_ref()))
    );
    let mut elements = Vec::new();
    for v in field.added.iter().flatten() {
        elements.push(p.paint(GREEN, &format!("+{}", super::plain(v))));
    }
    for v in field.removed.iter().flatten() {
        elements.push(p.paint(RED, &format!("-{}", super::plain(v))));
    }
    if !elements.is_empty() {
        text.push_str(&format!("  ({})", elements.join(" ")));
    }
    text
}

fn narrate_field(field: &FieldChange) -> String {
    let before = field.before.as_ref();
    let after = field.after.as_ref();
    match (before, after) {
        (None, Some(a)) => format!("{} is set to {}.", field.path, value(Some(a))),
        (Some(b), None) => format!("{} is removed; it was {}.", field.path, value(Some(b))),
        _ => {
            let mut s = format!(
                "{} changes from {} to {}.",
                field.path,
                value(before),
                value(after)
            );
            if let Some(words) = &field.words {
                let part = |op: WordOp| -> Vec<String> {
                    words
                        .iter()
                        .filter(|w| w.op == op)
                        .map(|w| format!("“{}”", clean(w.text.trim())))
                        .collect()
                };
                let (del, ins) = (part(WordOp::Delete), part(WordOp::Insert));
                if !del.is_empty() {
                    s.push_str(&format!(" Removed words: {}.", del.join(", ")));
                }
                if !ins.is_empty() {
                    s.push_str(&format!(" Added words: {}.", ins.join(", ")));
                }
            }
            s
        }
    }
}

/// A value as written in TOML: strings quoted (dates bare), lists in brackets.
fn value(v: Option<&Value>) -> String {
    match v {
        None => "(not set)".into(),
        Some(Value::String(s)) if is_date(s) => s.clone(),
        Some(Value::String(s)) => clean(&serde_json::to_string(s).unwrap_or_default()),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| value(Some(i))).collect();
            format!("[{}]", items.join(", "))
        }
        Some(other) => clean(&other.to_string()),
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn finding(
    f: &Finding,
    new: bool,
    p: &Painter,
    narrate: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let subject = clean(f.subject.as_deref().unwrap_or("-"));
    if narrate {
        let what = if new {
            "New finding"
        } else {
            "Resolved finding"
        };
        return writeln!(
            out,
            "  {what}: {} {} about {subject}: {}",
            f.severity,
            clean(&f.rule),
            clean(&f.message)
        );
    }
    let (mark, color, word) = if new {
        ("+", RED, "new     ")
    } else {
        ("-", GREEN, "resolved")
    };
    writeln!(
        out,
        "{} {} {:<4} {}  {}  {}",
        p.paint(color, mark),
        p.paint(color, word),
        f.severity.as_str(),
        clean(&f.rule),
        subject,
        clean(&f.message)
    )
}
