//! The terminal diff: grouped by kind, `+` / `-` / `~` per entity, one line per field,
//! changed words highlighted. Without colour the highlights are git's plain word-diff
//! markers (`[-old-]{+new+}`); in narrated mode every change is a sentence.

use std::io::Write;

use serde_json::Value;

use super::{summary_text, Lang};
use crate::diff::{Change, Diff, EntityChange, FieldChange, Side, WordOp};
use crate::findings::Finding;
use crate::i18n::t;
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
    let lang = style.lang;
    writeln!(
        out,
        "{} {} → {}",
        p.paint(BOLD, &t(lang, "diff-human-title", &[])),
        side_text(&diff.old, lang),
        side_text(&diff.new, lang)
    )?;
    let judge = match diff.policies_from {
        crate::diff::PoliciesFrom::Old => "diff-human-judged-old",
        crate::diff::PoliciesFrom::New => "diff-human-judged-new",
    };
    let today = clean(&lang.date(&diff.today));
    writeln!(out, "{}", t(lang, judge, &[("date", (&today).into())]))?;

    if diff.changes.is_empty() {
        writeln!(out, "\n{}", lang.labels().unchanged)?;
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
                .map(|c| format!("{} {}", count(c), lang.change(c)))
                .collect();
            writeln!(out, "\n{}  {}", p.paint(BOLD, kind), counts.join(", "))?;
        }
        entity(change, &p, narrate, lang, out)?;
    }

    writeln!(
        out,
        "\n{}",
        p.paint(BOLD, &t(lang, "diff-human-compliance", &[]))
    )?;
    if diff.new_findings.is_empty() && diff.resolved_findings.is_empty() {
        writeln!(out, "  {}", t(lang, "diff-human-no-delta", &[]))?;
    }
    for f in &diff.new_findings {
        finding(f, true, &p, narrate, lang, out)?;
    }
    for f in &diff.resolved_findings {
        finding(f, false, &p, narrate, lang, out)?;
    }
    if !diff.policy_changes.is_empty() {
        writeln!(
            out,
            "\n{}",
            p.paint(BOLD, &t(lang, "diff-human-policy-changes", &[]))
        )?;
        for c in &diff.policy_changes {
            writeln!(out, "  {} {}", lang.change(c.change), clean(&c.path))?;
        }
    }
    let (old, new) = (diff.old.summary(), diff.new.summary());
    let (old, new) = (summary_text(old, lang), summary_text(new, lang));
    writeln!(
        out,
        "\n{}",
        t(
            lang,
            "diff-human-findings",
            &[("old", (&old).into()), ("new", (&new).into())]
        )
    )
}

fn side_text(side: &Side, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &side.date {
        parts.push(clean(&lang.date(date)));
    }
    match &side.as_of {
        Some(as_of) => {
            let date = clean(&lang.date(as_of));
            parts.push(t(lang, "diff-human-as-of", &[("date", (&date).into())]))
        }
        None if side.outcome.is_none() => parts.push(lang.labels().no_tom.clone()),
        None => {}
    }
    // `index` is git's word in both languages; the working tree has a German name.
    let name = if side.revision.is_none() && side.label == "working tree" {
        lang.labels().working_tree.clone()
    } else if side.label == side.spec || side.revision.is_none() {
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
    lang: Lang,
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
        let what = lang.change(change.change);
        let text = t(
            lang,
            "diff-human-narrate-entity",
            &[
                ("subject", (&change.subject).into()),
                ("change", (&what).into()),
            ],
        );
        writeln!(out, "{text}")?;
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
            writeln!(out, "  {}", narrate_field(field, lang))?;
        } else {
            writeln!(
                out,
                "    {:width$}  {}",
                field.path,
                field_text(change.change, field, p, lang)
            )?;
        }
    }
    Ok(())
}

fn field_text(change: Change, field: &FieldChange, p: &Painter, lang: Lang) -> String {
    let value = |v: Option<&Value>| value(v, lang);
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

fn narrate_field(field: &FieldChange, lang: Lang) -> String {
    let before = field.before.as_ref();
    let after = field.after.as_ref();
    let value = |v: Option<&Value>| value(v, lang);
    let path = &field.path;
    match (before, after) {
        (None, Some(a)) => t(
            lang,
            "diff-human-narrate-set",
            &[("field", path.into()), ("value", (&value(Some(a))).into())],
        ),
        (Some(b), None) => t(
            lang,
            "diff-human-narrate-removed",
            &[("field", path.into()), ("value", (&value(Some(b))).into())],
        ),
        _ => {
            let mut s = t(
                lang,
                "diff-human-narrate-changed",
                &[
                    ("field", path.into()),
                    ("before", (&value(before)).into()),
                    ("after", (&value(after)).into()),
                ],
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
                for (words, id) in [
                    (del, "diff-human-narrate-removed-words"),
                    (ins, "diff-human-narrate-added-words"),
                ] {
                    if !words.is_empty() {
                        let words = words.join(", ");
                        s.push(' ');
                        s.push_str(&t(lang, id, &[("words", (&words).into())]));
                    }
                }
            }
            s
        }
    }
}

/// A value as written in TOML: strings quoted (dates bare), lists in brackets.
fn value(v: Option<&Value>, lang: Lang) -> String {
    match v {
        None => t(lang, "diff-human-not-set", &[]),
        Some(Value::String(s)) if is_date(s) => s.clone(),
        Some(Value::String(s)) => clean(&serde_json::to_string(s).unwrap_or_default()),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| value(Some(i), lang)).collect();
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
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let subject = clean(f.subject.as_deref().unwrap_or("-"));
    if narrate {
        let id = if new {
            "diff-human-narrate-new"
        } else {
            "diff-human-narrate-resolved"
        };
        let text = t(
            lang,
            id,
            &[
                ("severity", f.severity.as_str().into()),
                ("rule", (&clean(&f.rule)).into()),
                ("subject", (&subject).into()),
                ("message", (&clean(&f.message)).into()),
            ],
        );
        return writeln!(out, "  {text}");
    }
    // Both words take the width of the longer one, so the columns after them align.
    let (new_word, resolved) = (
        t(lang, "diff-human-new", &[]),
        t(lang, "diff-human-resolved", &[]),
    );
    let width = new_word.chars().count().max(resolved.chars().count());
    let (mark, color, word) = if new {
        ("+", RED, new_word)
    } else {
        ("-", GREEN, resolved)
    };
    writeln!(
        out,
        "{} {} {:<4} {}  {}  {}",
        p.paint(color, mark),
        p.paint(color, &format!("{word:<width$}")),
        f.severity.as_str(),
        clean(&f.rule),
        subject,
        clean(&f.message)
    )
}
