//! Human output: one miette report per finding, pointing into the TOML source, then a
//! summary line. Also renders input [`Problem`]s, so every error looks the same.

use std::fmt;
use std::io::Write;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler,
    SourceCode,
};

use super::snippet::Bounded;
use super::Style;
use crate::config::Severity;
use crate::diag::Problem;
use crate::findings::{Finding, Status, Summary};
use crate::gate::Comparison;
use crate::i18n::{t, Lang};
use crate::pipeline::Outcome;
use crate::text::{clean, clean_line, SourceText};

/// A finding as a miette diagnostic.
struct FindingDiag<'a> {
    finding: &'a Finding,
    source: Option<&'a SourceText>,
    help: Option<String>,
    message: String,
    lang: Lang,
}

impl<'a> FindingDiag<'a> {
    fn new(finding: &'a Finding, outcome: &'a Outcome, lang: Lang) -> Self {
        let source = finding
            .location
            .as_ref()
            .map(|l| &outcome.facts.map.files[l.file]);
        let mut help = finding.help.clone().unwrap_or_default();
        if let Some(legal) = finding.legal.as_deref().filter(|l| !l.is_empty()) {
            if !help.is_empty() {
                help.push('\n');
            }
            help.push_str(&t(lang, "legal-basis", &[("legal", legal.into())]));
        }
        let mut message = clean(&finding.message);
        if finding.waived_by_change() {
            message = format!("{} {message}", t(lang, "finding-waived-by-change", &[]));
        } else if finding.waived {
            message = format!("{} {message}", t(lang, "finding-waived", &[]));
        } else if finding.status == Some(Status::New) {
            message = format!("{} {message}", t(lang, "finding-new", &[]));
        }
        Self {
            finding,
            source,
            help: (!help.is_empty()).then(|| clean(&help)),
            message,
            lang,
        }
    }
}

impl fmt::Debug for FindingDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiag<'_> {}

impl Diagnostic for FindingDiag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        let accepted = self.finding.waived && !self.finding.waived_by_change();
        Some(match (accepted, self.finding.severity) {
            (true, _) | (_, Severity::Info) => miette::Severity::Advice,
            (_, Severity::Warn) => miette::Severity::Warning,
            (_, Severity::Deny) => miette::Severity::Error,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.finding.location.as_ref()?;
        let kind = self
            .finding
            .subject
            .as_deref()
            .and_then(|s| s.split_once(':'))
            .map(|(k, _)| k);
        let label = match (&self.finding.field, loc.exact) {
            (Some(field), true) => field.clone(),
            (Some(field), false) => match kind {
                Some(kind) => t(
                    self.lang,
                    "finding-no-field-in",
                    &[("field", field.into()), ("kind", kind.into())],
                ),
                None => t(self.lang, "finding-no-field", &[("field", field.into())]),
            },
            (None, _) => self
                .finding
                .subject
                .clone()
                .unwrap_or_else(|| self.finding.rule.clone()),
        };
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(label), loc.span.clone()),
        )))
    }
}

fn write_diag(
    diag: &dyn Diagnostic,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut text = String::new();
    let res = if style.narrate {
        NarratableReportHandler::new().render_report(&mut text, diag)
    } else {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_context_lines(1)
            .render_report(&mut text, diag)
    };
    if res.is_err() {
        text = format!("{diag}\n");
    }
    if style.lang != Lang::En {
        text = if style.narrate {
            narrated_in(style.lang, &text)
        } else {
            help_label_in(style.lang, &text)
        };
    }
    writeln!(out, "{}", text.trim_end())?;
    writeln!(out)
}

/// miette's graphical report with its `help:` label in another language. The label
/// is the first thing on its line (after two spaces and, in colour, a style), which no
/// line of a message, a source snippet or a wrapped help text is.
fn help_label_in(lang: Lang, text: &str) -> String {
    use regex_lite::Regex;
    use std::sync::OnceLock;
    static HELP: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(re) = HELP
        .get_or_init(|| Regex::new(r"(?m)^((?:\x1b\[[0-9;]*m)?  (?:\x1b\[[0-9;]*m)?)help: ").ok())
    else {
        return text.to_string();
    };
    let label = t(lang, "diag-help", &[]);
    re.replace_all(text, |c: &regex_lite::Captures<'_>| {
        format!("{}{label}: ", &c[1])
    })
    .into_owned()
}

/// miette's narrated report in another language: its fixed sentences ("Begin snippet
/// for …", "label at line …", "diagnostic help: …") are recognised line by line at the
/// start of a line and said again from the catalogue; everything else stays as it is.
fn narrated_in(lang: Lang, text: &str) -> String {
    use regex_lite::Regex;
    use std::sync::OnceLock;
    static PATTERNS: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            (r"^(?P<indent>\s*)Diagnostic severity: (?P<severity>error|warning|advice)$", "narrate-severity"),
            (r"^Begin snippet for (?P<file>.*) starting at line (?P<line>\d+), column (?P<column>\d+)$", "narrate-snippet"),
            (r"^snippet line (?P<line>\d+): (?P<text>.*)$", "narrate-snippet-line"),
            (r"^(?P<indent>\s*)label at line (?P<line>\d+), column (?P<column>\d+)(?P<rest>: .*)?$", "narrate-label-column"),
            (r"^(?P<indent>\s*)label at line (?P<line>\d+), columns (?P<start>\d+) to (?P<end>\d+)(?P<rest>: .*)?$", "narrate-label-columns"),
            (r"^(?P<indent>\s*)label starting at line (?P<line>\d+), column (?P<column>\d+)(?P<rest>: .*)?$", "narrate-label-starts"),
            (r"^(?P<indent>\s*)label ending at line (?P<line>\d+), column (?P<column>\d+)(?P<rest>: .*)?$", "narrate-label-ends"),
            (r"^diagnostic help: (?P<text>.*)$", "narrate-help"),
            (r"^diagnostic code: (?P<code>.*)$", "narrate-code"),
            (r"^(?P<indent>\s*)Caused by: (?P<text>.*)$", "narrate-caused-by"),
            (r"^For more details, see:$", "narrate-see"),
        ]
        .into_iter()
        .filter_map(|(re, id)| Some((Regex::new(re).ok()?, id)))
        .collect()
    });
    const NAMES: &[&str] = &["file", "line", "column", "start", "end", "text", "code"];
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let found = patterns
            .iter()
            .find_map(|(re, id)| re.captures(body).map(|c| (c, *id)));
        let Some((caps, id)) = found else {
            out.push_str(line);
            continue;
        };
        let get = |name: &str| caps.name(name).map_or("", |m| m.as_str());
        let severity = match get("severity") {
            "" => String::new(),
            s => t(lang, &format!("narrate-{s}"), &[]),
        };
        let mut args: Vec<(&str, crate::i18n::Arg<'_>)> = NAMES
            .iter()
            .filter(|n| caps.name(n).is_some())
            .map(|n| (*n, get(n).into()))
            .collect();
        args.push(("severity", (&severity).into()));
        out.push_str(get("indent"));
        out.push_str(&t(lang, id, &args));
        out.push_str(get("rest"));
        out.push_str(end);
    }
    out
}

/// Renders every finding and the summary.
pub fn render(
    outcome: &Outcome,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for finding in &outcome.findings {
        let diag = FindingDiag::new(finding, outcome, style.lang);
        write_diag(&Bounded::new(&diag, diag.source, Vec::new()), style, out)?;
    }
    writeln!(out, "{}", summary_line(outcome, style.lang))
}

/// `2 deny, 1 warn, 0 info (1 waived) · 59 entities in 6 files · working tree · as of 2026-11-22`
pub fn summary_line(outcome: &Outcome, lang: Lang) -> String {
    let s = Summary::of(&outcome.findings);
    let waived = outcome.findings.iter().filter(|f| f.waived).count();
    let mut line = if s == Summary::default() {
        t(lang, "summary-none", &[])
    } else {
        t(
            lang,
            "summary-counts",
            &[
                ("deny", s.deny.into()),
                ("warn", s.warn.into()),
                ("info", s.info.into()),
            ],
        )
    };
    if waived > 0 {
        line.push(' ');
        line.push_str(&t(lang, "summary-waived", &[("count", waived.into())]));
    }
    let new = outcome
        .findings
        .iter()
        .filter(|f| f.status == Some(Status::New))
        .count();
    if outcome.findings.iter().any(|f| f.status.is_some()) {
        line.push_str(&t(lang, "summary-new", &[("count", new.into())]));
    }
    let tail = t(
        lang,
        "summary-tail",
        &[
            ("entities", outcome.facts.entity_count().into()),
            ("files", outcome.facts.map.files.len().into()),
            ("label", (&super::source_label(lang, &outcome.label)).into()),
            ("date", (&lang.date(&outcome.today)).into()),
        ],
    );
    format!("{line} · {tail}")
}

/// A problem with control characters removed from its texts: keys, ids and messages
/// quote what the user wrote.
fn sanitized(p: &Problem) -> Problem {
    let mut p = p.clone();
    p.message = clean(&p.message);
    p.help = p.help.as_deref().map(clean);
    for (_, label) in &mut p.labels {
        *label = clean(label);
    }
    p.related = p.related.iter().map(sanitized).collect();
    p
}

/// A problem and its related problems with bounded output.
fn bounded(p: &Problem) -> Bounded<'_> {
    Bounded::new(
        p,
        p.source.as_ref(),
        p.related.iter().map(bounded).collect(),
    )
}

/// Renders input problems (exit code 2), followed by a count.
pub fn render_problems(
    problems: &[Problem],
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for p in problems {
        let p = sanitized(p);
        write_diag(&bounded(&p), style, out)?;
    }
    writeln!(
        out,
        "{}",
        t(style.lang, "stopped", &[("count", problems.len().into())])
    )
}

/// Lines above the gate's human report: configuration changes, waivers the change adds
/// or extends, ids it gives to another entity, and notes on the base.
pub fn gate_header(
    gate: &Comparison,
    outcome: &Outcome,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(notice) = gate.notice(lang) {
        let text = clean_line(&notice);
        writeln!(
            out,
            "{}",
            t(lang, "gate-warning", &[("text", (&text).into())])
        )?;
        writeln!(out)?;
    }
    let review = gate.review_notices();
    for notice in &review {
        let place = notice
            .location
            .map(|l| format!(" ({}:{})", outcome.facts.map.files[l.file].path, l.line))
            .unwrap_or_default();
        let text = format!("{}{}", clean_line(&notice.text), clean_line(&place));
        writeln!(
            out,
            "{}",
            t(lang, "gate-warning", &[("text", (&text).into())])
        )?;
    }
    if !review.is_empty() {
        writeln!(out)?;
    }
    if let Some(note) = &gate.base_note {
        let text = clean_line(note);
        writeln!(out, "{}", t(lang, "gate-note", &[("text", (&text).into())]))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Lines below the gate's human report: the comparison and what the change resolved.
pub fn gate_footer(gate: &Comparison, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let compared = t(
        lang,
        "gate-compared",
        &[
            ("base", (&gate.base_label).into()),
            ("count", gate.resolved.len().into()),
        ],
    );
    writeln!(out, "{compared}")?;
    for f in &gate.resolved {
        let (rule, subject) = (
            clean_line(&f.rule),
            clean_line(f.subject.as_deref().unwrap_or("")),
        );
        let line = t(
            lang,
            "gate-resolved",
            &[("rule", (&rule).into()), ("subject", (&subject).into())],
        );
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrated_sentences_are_said_in_german_and_the_rest_stays() {
        let en = "Provider \"x\" has no AVV\n    Diagnostic severity: error\n\
                  Begin snippet for tom/a b.toml starting at line 2, column 1\n\n\
                  snippet line 3: diagnostic help: in the TOM\n    \
                  label at line 3, columns 1 to 12: no `avv` here\n\
                  diagnostic help: sign it\nsecond line\ndiagnostic code: avv.missing\n";
        let de = narrated_in(Lang::De, en);
        assert_eq!(
            de,
            "Provider \"x\" has no AVV\n    Art der Meldung: Fehler\n\
             Ausschnitt aus tom/a b.toml ab Zeile 2, Spalte 1\n\n\
             Zeile 3: diagnostic help: in the TOM\n    \
             Markierung in Zeile 3, Spalten 1 bis 12: no `avv` here\n\
             Hilfe: sign it\nsecond line\nKennung: avv.missing\n"
        );
        assert_eq!(narrated_in(Lang::En, en), en);
    }

    #[test]
    fn the_help_label_is_german_and_nothing_else_changes() {
        let en = "  × no AVV\n   ╭─[a.toml:1:1]\n 1 │ help: x\n   ╰────\n  help: sign it\n        help: stays\n";
        assert_eq!(
            help_label_in(Lang::De, en),
            "  × no AVV\n   ╭─[a.toml:1:1]\n 1 │ help: x\n   ╰────\n  Tipp: sign it\n        help: stays\n"
        );
        // miette styles the label with the two spaces before it.
        let coloured = "\x1b[36m  help: \x1b[0msign it\n";
        assert_eq!(
            help_label_in(Lang::De, coloured),
            "\x1b[36m  Tipp: \x1b[0msign it\n"
        );
    }
}
