//! Output of `tomcheck log`: a table for people, versioned JSON for tools.

use std::io::Write;

use serde::Serialize;

use super::Style;
use crate::findings::Summary;
use crate::history::{Entry, Log};
use crate::i18n::t;
use crate::text::clean;

/// `--format` of `tomcheck log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One line per commit.
    Human,
    /// `{"version":1, "range", "commits":[…], "stats":{…}}`.
    Json,
}

pub fn render(
    log: &Log,
    format: LogFormat,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        LogFormat::Human => human(log, style, out),
        LogFormat::Json => json(log, out),
    }
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

fn human(log: &Log, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = style.lang;
    let paint = |code: &str, text: String| {
        if style.color {
            format!("{code}{text}{RESET}")
        } else {
            text
        }
    };
    let author_width = log
        .entries
        .iter()
        .map(|e| clean(&e.author).chars().count().min(20))
        .max()
        .unwrap_or(6)
        .max(6);
    let short_width = log.entries.iter().map(|e| e.short.len()).max().unwrap_or(7);
    if !style.narrate && !log.entries.is_empty() {
        writeln!(
            out,
            "{:short_width$}  {:10}  {:author_width$}  {:>4} {:>4}  {}",
            t(lang, "log-commit", &[]),
            t(lang, "log-date", &[]),
            t(lang, "log-author", &[]),
            "deny",
            "warn",
            t(lang, "log-subject", &[])
        )?;
    }
    for e in &log.entries {
        let author: String = clean(&e.author).chars().take(20).collect();
        let subject = clean(&e.subject);
        let changes = rule_changes(e);
        let date = clean(&lang.date(&e.date));
        if style.narrate {
            let counts = match &e.result {
                Ok(ev) => t(
                    lang,
                    "log-narrate-counts",
                    &[
                        ("deny", ev.summary.deny.into()),
                        ("warn", ev.summary.warn.into()),
                    ],
                ),
                Err(err) => t(
                    lang,
                    "log-narrate-error",
                    &[("error", (&clean(err)).into())],
                ),
            };
            let mut line = t(
                lang,
                "log-narrate-line",
                &[
                    ("commit", (&e.short).into()),
                    ("date", (&date).into()),
                    ("author", (&author).into()),
                    ("subject", (&subject).into()),
                    ("counts", (&counts).into()),
                ],
            );
            for (rules, id) in [
                (&e.appeared, "log-narrate-appeared"),
                (&e.disappeared, "log-narrate-disappeared"),
            ] {
                if !rules.is_empty() {
                    let rules = rules.join(", ");
                    line.push(' ');
                    line.push_str(&t(lang, id, &[("rules", (&rules).into())]));
                }
            }
            writeln!(out, "{}", clean(&line))?;
            continue;
        }
        let (deny, warn) = match &e.result {
            Ok(ev) => {
                let deny = format!("{:>4}", ev.summary.deny);
                let deny = if ev.summary.deny > 0 {
                    paint(RED, deny)
                } else {
                    deny
                };
                let warn = format!("{:>4}", ev.summary.warn);
                let warn = if ev.summary.warn > 0 {
                    paint(YELLOW, warn)
                } else {
                    warn
                };
                (deny, warn)
            }
            Err(_) => (paint(RED, format!("{:>4}", "err")), format!("{:>4}", "-")),
        };
        let mut line = format!(
            "{:short_width$}  {:10}  {:author_width$}  {deny} {warn}  {subject}",
            e.short, date, author
        );
        if !changes.is_empty() {
            let colored: Vec<String> = changes
                .into_iter()
                .map(|(plus, rule)| {
                    if plus {
                        paint(RED, format!("+{rule}"))
                    } else {
                        paint(GREEN, format!("-{rule}"))
                    }
                })
                .collect();
            line.push_str(&format!(" · {}", colored.join(" ")));
        }
        if let Err(err) = &e.result {
            let text = t(lang, "log-cannot-check", &[("error", (&clean(err)).into())]);
            line.push_str(&format!(" · {text}"));
        }
        writeln!(out, "{line}")?;
    }
    let today = log.entries.first().map(|e| e.today.as_str());
    let as_of = if log.entries.iter().any(|e| Some(e.today.as_str()) != today) {
        t(lang, "log-each-as-of", &[])
    } else {
        let date = match today {
            Some(today) => clean(&lang.date(today)),
            None => t(lang, "log-today", &[]),
        };
        t(lang, "log-as-of", &[("date", (&date).into())])
    };
    let range = clean(&log.range);
    let footer = t(
        lang,
        "log-footer",
        &[
            ("listed", log.entries.len().into()),
            ("walked", log.walked.into()),
            ("range", (&range).into()),
            ("trees", log.evaluations.into()),
            ("asof", (&as_of).into()),
        ],
    );
    writeln!(out, "{footer}")
}

fn rule_changes(e: &Entry) -> Vec<(bool, String)> {
    e.appeared
        .iter()
        .map(|r| (true, clean(r)))
        .chain(e.disappeared.iter().map(|r| (false, clean(r))))
        .collect()
}

#[derive(Serialize)]
struct JsonLog<'a> {
    version: u32,
    range: &'a str,
    commits: Vec<JsonEntry<'a>>,
    stats: Stats,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    commit: &'a str,
    short: &'a str,
    date: &'a str,
    author: &'a str,
    subject: &'a str,
    today: &'a str,
    /// `null` when the commit could not be checked (see `error`).
    summary: Option<Summary>,
    rules: Option<Vec<&'a str>>,
    appeared: &'a [String],
    disappeared: &'a [String],
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct Stats {
    /// Commits in the range.
    walked: usize,
    /// Commits listed (they changed the TOM, policies or configuration).
    listed: usize,
    /// Evaluations run (one per distinct set of trees).
    evaluations: usize,
}

fn json(log: &Log, out: &mut dyn Write) -> std::io::Result<()> {
    let report = JsonLog {
        version: 1,
        range: &log.range,
        commits: log
            .entries
            .iter()
            .map(|e| JsonEntry {
                commit: &e.commit,
                short: &e.short,
                date: &e.date,
                author: &e.author,
                subject: &e.subject,
                today: &e.today,
                summary: e.result.as_ref().ok().map(|ev| ev.summary),
                rules: e
                    .result
                    .as_ref()
                    .ok()
                    .map(|ev| ev.rules.iter().map(String::as_str).collect()),
                appeared: &e.appeared,
                disappeared: &e.disappeared,
                error: e.result.as_ref().err().map(String::as_str),
            })
            .collect(),
        stats: Stats {
            walked: log.walked,
            listed: log.entries.len(),
            evaluations: log.evaluations,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
