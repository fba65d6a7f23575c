//! Output of `tomcheck test --mutants`: one line per surviving mutant and a summary for
//! people, versioned JSON with every mutant for tools.
//!
//! The texts are in the message catalogue (`mutants-*` in commands.ftl), in the run's
//! language.

use std::io::Write;

use serde_json::json;

use crate::engine::mutants::{Judged, MutationRun};
use crate::i18n::tr;

/// Texts longer than this are shortened around what the mutation changed.
const SHOWN_CHARS: usize = 60;
/// Characters kept on each side of the change in a shortened text.
const CONTEXT_CHARS: usize = 20;

/// Survivors and the summary line; a last line when more survived than `max_survivors`.
pub fn human(run: &MutationRun, max_survivors: usize, out: &mut dyn Write) -> std::io::Result<()> {
    for m in run.survivors() {
        writeln!(out, "{}", survivor(m))?;
    }
    let s = run.summary();
    let summary = tr(
        "mutants-summary",
        &[
            ("total", run.mutants.len().into()),
            ("killed", s.killed.into()),
            ("survived", s.survived.into()),
            ("invalid", s.invalid.into()),
            ("allowed", s.allowed.into()),
        ],
    );
    writeln!(out, "{summary}")?;
    if s.survived > max_survivors {
        let text = tr(
            "mutants-too-many",
            &[
                ("survived", s.survived.into()),
                ("max", max_survivors.into()),
            ],
        );
        writeln!(out, "{text}")?;
    }
    Ok(())
}

/// `{"version":1, "mutants":[…], "summary":{"killed","survived","invalid","allowed"}}`.
pub fn json(run: &MutationRun, out: &mut dyn Write) -> std::io::Result<()> {
    let report = json!({
        "version": 1,
        "mutants": run.mutants,
        "summary": run.summary(),
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn survivor(m: &Judged) -> String {
    let mutant = &m.mutant;
    let (before, after) = shown(&mutant.before, &mutant.after);
    let rule = mutant.rule.as_deref().unwrap_or(&mutant.head);
    let place = format!("{}:{}:{}", mutant.file, mutant.line, mutant.column);
    let operator = mutant.operator.to_string();
    tr(
        "mutants-survivor",
        &[
            ("place", (&place).into()),
            ("operator", (&operator).into()),
            ("before", (&before).into()),
            ("after", (&after).into()),
            ("rule", rule.into()),
        ],
    )
}

/// Before and after on one line each: blanks collapsed, and a long text cut down to the
/// part that differs with some context, so a member dropped from a long set stays
/// visible.
fn shown(before: &str, after: &str) -> (String, String) {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let before: Vec<char> = one_line(before).chars().collect();
    let after: Vec<char> = one_line(after).chars().collect();
    if before.len().max(after.len()) <= SHOWN_CHARS {
        return (before.iter().collect(), after.iter().collect());
    }
    let prefix = before
        .iter()
        .zip(&after)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .iter()
        .rev()
        .zip(after[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let cut = |s: &[char]| {
        let start = prefix.saturating_sub(CONTEXT_CHARS);
        let end = (s.len() - suffix + CONTEXT_CHARS).min(s.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&s[start..end]);
        if end < s.len() {
            out.push('…');
        }
        out
    };
    (cut(&before), cut(&after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_shown_whole_on_one_line() {
        assert_eq!(
            shown("a <\n\t\t30", "a <= 30"),
            ("a < 30".to_string(), "a <= 30".to_string())
        );
    }

    #[test]
    fn long_texts_keep_the_change_in_view() {
        let before = "{\"AT\", \"BE\", \"BG\", \"HR\", \"CY\", \"CZ\", \"DK\", \"EE\", \"FI\", \"FR\", \"DE\", \"GR\", \"HU\"}";
        let after = before.replace("\"EE\", ", "");
        let (b, a) = shown(before, &after);
        assert_eq!(
            b,
            "… \"CY\", \"CZ\", \"DK\", \"EE\", \"FI\", \"FR\", \"DE\", \"GR…"
        );
        assert_eq!(a, "… \"CY\", \"CZ\", \"DK\", \"FI\", \"FR\", \"DE\", \"GR…");
    }
}
