//! SARIF 2.1.0 output (`--format sarif`) for GitHub code scanning and other SARIF viewers,
//! built on `serde-sarif`'s object model (generated from the official schema).
//!
//! Choices that matter to consumers:
//! - every loaded rule becomes a rule descriptor from its `# METADATA` (title,
//!   description, legal basis, example and fix), so a viewer can explain a finding;
//! - URIs are relative to the repository root (`%SRCROOT%`), never absolute paths;
//! - columns are counted in characters, declared with `columnKind: unicodeCodePoints`;
//! - GitHub code scanning tells alerts apart by `partialFingerprints.primaryLocationLineHash`
//!   alone, and computes it from the text of the result's first line when the log has
//!   none. Many findings sit on identical lines (`[[provider]]`, `location = "…"`), so
//!   those alerts would merge, and an edit above a finding would make it a new alert. The
//!   log therefore carries its own: a hash of rule, subject and field (plus an occurrence
//!   number should a rule report the same field twice), which moves with the entity.
//!   (`upload-sarif` then logs that its line hash differs from ours and keeps ours.)
//!   `tomcheckFinding/v1` keeps rule + subject, the key the gate matches findings by;
//! - in gate mode `baselineState` says whether a result is `new` or `unchanged`;
//! - waived findings are not results: GitHub does not document `suppressions` as
//!   supported and would show them as open alerts. A waiver thus closes the alert, as a
//!   fix would; the waived findings are listed in the run's `waived` property so other
//!   consumers still see them;
//! - rules carry `security-severity`, `problem.severity` and `precision` (what GitHub
//!   sorts and filters alerts by), the effective severity after `[rules]` in
//!   `tomcheck.toml` as their default configuration, and a `helpUri` to their section
//!   of docs/rules.md at the version that produced the log;
//! - `automationDetails.id` is `tomcheck/` plus the TOM's directory, so the TOMs of two
//!   directories of one repository are two analyses and do not close each other's alerts;
//! - when the input cannot be checked (exit code 2), [`render_problems`] still writes a
//!   log: an invocation that failed, the problems as `toolExecutionNotifications`
//!   pointing at their files, and empty `rules` and `results` (GitHub requires both).
//!
//! Code scanning needs a location on every result. A finding without one (a whole
//! control category missing, a conftest-style string) points at the `[organization]`
//! table, or else the first TOM file: the TOM as a whole is what it is about.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run, RunAutomationDetails,
    Sarif, Tool, ToolComponent,
};

use super::Context;
use crate::config::{RuleSetting, Severity};
use crate::diag::Problem;
use crate::engine::metadata::RuleMeta;
use crate::findings::{Finding, Status};
use crate::i18n::{t, tr, Lang};
use crate::pipeline::Outcome;

/// The key under which the gate's finding identity (rule + subject) is fingerprinted.
pub const FINGERPRINT: &str = "tomcheckFinding/v1";
/// The fingerprint GitHub code scanning identifies alerts by.
pub const GITHUB_FINGERPRINT: &str = "primaryLocationLineHash";
/// The base every artifact URI is relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// What RFC 3986 lets a path segment hold unencoded: unreserved characters and
/// sub-delimiters (`@` too). Everything else, and every non-ASCII byte, is encoded;
/// `:` as well, so a first segment is never read as a URI scheme.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// A relative path (`tom/a b.toml`) as a relative URI reference (`tom/a%20b.toml`):
/// each segment percent-encoded as UTF-8, the `/` between them kept.
pub fn path_uri(path: &str) -> String {
    path.split('/')
        .map(|segment| percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Deny => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// `avv.missing` → `AvvMissing`: SARIF rule names are identifiers.
fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// GitHub's `security-severity` (0–10: ≥ 7 high, ≥ 4 medium, else low) and
/// `problem.severity` of a severity.
fn github_severity(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Deny => ("7.5", "error"),
        Severity::Warn => ("5.0", "warning"),
        Severity::Info => ("2.0", "recommendation"),
    }
}

/// GitHub's heading anchor of a rule's section in docs/rules.md (`## backup.offsite`):
/// lowercase, punctuation other than `-` and `_` dropped.
pub fn rules_doc_anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Where a bundled rule is documented, at the version that produced the log.
fn help_uri(rule: &RuleMeta) -> Option<String> {
    if rule.builtin {
        Some(format!(
            "{}/blob/v{}/docs/rules.md#{}",
            env!("CARGO_PKG_REPOSITORY"),
            env!("CARGO_PKG_VERSION"),
            rules_doc_anchor(&rule.id)
        ))
    } else {
        rule.resources.first().map(|r| r.url.clone())
    }
}

/// The rule's configuration after `[rules]` in tomcheck.toml.
fn configuration(severity: Severity, setting: Option<RuleSetting>) -> ReportingConfiguration {
    let (severity, enabled) = match setting {
        Some(RuleSetting::Severity(s)) => (s, true),
        Some(RuleSetting::Off) => (severity, false),
        None => (severity, true),
    };
    let mut config = ReportingConfiguration::builder()
        .level(json!(level(severity)))
        .build();
    if !enabled {
        config.enabled = Some(false);
    }
    config
}

/// Tags and GitHub's rule properties for a rule of the given effective severity.
fn rule_properties(
    id: &str,
    severity: Severity,
    precision: &str,
    mut extra: BTreeMap<String, serde_json::Value>,
) -> PropertyBag {
    let (security, problem) = github_severity(severity);
    extra.insert("security-severity".to_string(), json!(security));
    extra.insert("problem.severity".to_string(), json!(problem));
    extra.insert("precision".to_string(), json!(precision));
    let area = id.split('.').next().unwrap_or_default().to_string();
    PropertyBag::builder()
        // GitHub applies security-severity only to rules tagged `security`.
        .tags(vec![
            "security".to_string(),
            "gdpr".to_string(),
            "tom".to_string(),
            area,
        ])
        .additional_properties(extra)
        .build()
}

fn effective(severity: Severity, setting: Option<RuleSetting>) -> Severity {
    match setting {
        Some(RuleSetting::Severity(s)) => s,
        _ => severity,
    }
}

fn descriptor(rule: &RuleMeta, setting: Option<RuleSetting>) -> ReportingDescriptor {
    // The headings follow the run's language, as the rule texts (read in it) do.
    let label = |id: &str| crate::i18n::tr(id, &[]);
    let mut text = sentence(&rule.description);
    let mut markdown = format!("{}\n", sentence(&rule.description));
    if !rule.legal.is_empty() {
        let legal = label("sarif-legal");
        text.push_str(&format!(" {legal}: {}.", rule.legal.trim_end_matches('.')));
        markdown.push_str(&format!("\n**{legal}:** {}\n", rule.legal));
    }
    if let Some(fires) = &rule.fires {
        markdown.push_str(&format!(
            "\n**{}** {}\n",
            label("sarif-fires"),
            fires.trim()
        ));
    }
    if let Some(quiet) = &rule.quiet {
        markdown.push_str(&format!(
            "\n**{}** {}\n",
            label("sarif-quiet"),
            quiet.trim()
        ));
    }
    if let Some(example) = &rule.example {
        markdown.push_str(&format!(
            "\n{}\n\n```toml\n{}\n```\n",
            label("sarif-example"),
            example.trim_end()
        ));
    }
    if let Some(fix) = &rule.fix {
        markdown.push_str(&format!(
            "\n{}\n\n```toml\n{}\n```\n",
            label("explain-fix"),
            fix.trim_end()
        ));
    }
    for resource in &rule.resources {
        markdown.push_str(&format!("\n<{}>\n", resource.url));
    }
    let mut extra = BTreeMap::new();
    if !rule.legal.is_empty() {
        extra.insert("legal".to_string(), json!(rule.legal));
    }
    // Bundled rules decide from recorded facts, not heuristics.
    let precision = if rule.builtin { "very-high" } else { "high" };
    let descriptor = ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule_name(&rule.id))
        .short_description(
            MultiformatMessageString::builder()
                .text(sentence(&rule.title))
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(text.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(text)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(configuration(rule.severity, setting))
        .properties(rule_properties(
            &rule.id,
            effective(rule.severity, setting),
            precision,
            extra,
        ));
    match help_uri(rule) {
        Some(uri) => descriptor.help_uri(uri).build(),
        None => descriptor.build(),
    }
}

/// A descriptor for a rule without metadata (a conftest-style policy).
fn bare_descriptor(id: &str, severity: Severity, lang: Lang) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(id.to_string())
        .name(rule_name(id))
        .short_description(
            MultiformatMessageString::builder()
                .text(t(lang, "sarif-policy-rule", &[("id", id.into())]))
                .build(),
        )
        .default_configuration(configuration(severity, None))
        .properties(rule_properties(id, severity, "high", BTreeMap::new()))
        .build()
}

/// 64-bit FNV-1a: a fingerprint must not change between tomcheck versions or platforms,
/// which std's hashers do not promise.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The identity of a finding for code scanning: rule, subject and field, which stay the
/// same when the entity is edited or moved to another line or file. A finding without a
/// subject (a conftest-style string) is identified by its message.
pub fn identity(finding: &Finding) -> String {
    let subject = finding.subject.as_deref().unwrap_or(&finding.message);
    let field = finding.field.as_deref().unwrap_or_default();
    format!("{:016x}", fnv1a(&[&finding.rule, subject, field]))
}

fn location(outcome: &Outcome, ctx: &Context<'_>, finding: &Finding) -> Option<Location> {
    let (file, line, column, end_line, end_column) = match &finding.location {
        Some(l) => (l.file, l.line, l.column, l.end_line, l.end_column),
        None => {
            let (file, span) = match outcome.facts.map.entity("organization") {
                Some(e) => (e.file, e.span.clone()),
                None if !outcome.facts.map.files.is_empty() => (0, 0..0),
                None => return None,
            };
            let source = &outcome.facts.map.files[file];
            let (line, column) = source.line_col(span.start);
            let (end_line, end_column) = source.line_col(span.end);
            (file, line, column, end_line, end_column)
        }
    };
    let path = format!("{}{}", ctx.path_prefix, outcome.facts.map.files[file].path);
    Some(file_location(&path, (line, column), (end_line, end_column)))
}

/// A location in a file below `%SRCROOT%`, from its start to its end (line, column in
/// characters, both from 1).
fn file_location(path: &str, start: (usize, usize), end: (usize, usize)) -> Location {
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(path_uri(path))
                        .uri_base_id(SRCROOT.to_string())
                        .build(),
                )
                .region(
                    Region::builder()
                        .start_line(start.0 as i64)
                        .start_column(start.1 as i64)
                        .end_line(end.0 as i64)
                        .end_column(end.1 as i64)
                        .build(),
                )
                .build(),
        )
        .build()
}

fn message(finding: &Finding) -> String {
    message_and_help(&finding.message, finding.help.as_deref())
}

/// A message and its help as sentences, the way code scanning shows one text.
fn message_and_help(message: &str, help: Option<&str>) -> String {
    let mut text = sentence(message);
    if let Some(help) = help.filter(|h| !h.trim().is_empty()) {
        text.push(' ');
        text.push_str(&sentence(help));
    }
    text
}

fn driver() -> ToolComponent {
    ToolComponent::builder()
        .name("tomcheck".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(env!("CARGO_PKG_REPOSITORY").to_string())
        .build()
}

/// A run with what every tomcheck log has: column kind, `%SRCROOT%`, automation id.
fn run(driver: ToolComponent, invocation: Invocation, path_prefix: &str) -> Run {
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .build();
    run.original_uri_base_ids = Some(BTreeMap::from([(
        SRCROOT.to_string(),
        ArtifactLocation::builder()
            .description(Message::builder().text(tr("sarif-srcroot", &[])).build())
            .build(),
    )]));
    run.automation_details = Some(
        RunAutomationDetails::builder()
            .id(format!("tomcheck/{path_prefix}"))
            .build(),
    );
    run
}

fn sarif(run: Run) -> Sarif {
    Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The SARIF log of an outcome.
pub fn log(outcome: &Outcome, ctx: &Context<'_>) -> Sarif {
    let setting = |id: &str| outcome.config.rules.get(id).map(|(s, _)| *s);
    let mut rules: Vec<ReportingDescriptor> = ctx
        .rules
        .iter()
        .map(|r| descriptor(r, setting(&r.id)))
        .collect();
    let mut index: BTreeMap<String, usize> = ctx
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut results = Vec::new();
    let mut waived = Vec::new();
    let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
    for finding in &outcome.findings {
        // A finding only a waiver of the change under review accepts stays a result:
        // the gate judges that waiver, so it must not close the alert.
        if finding.waived && !finding.waived_by_change() {
            waived.push(json!({
                "ruleId": finding.rule,
                "subject": finding.subject,
                "field": finding.field,
                "message": message(finding),
            }));
            continue;
        }
        let identity = identity(finding);
        let occurrence = occurrences.entry(identity.clone()).or_insert(0);
        *occurrence += 1;
        let rule_index = *index.entry(finding.rule.clone()).or_insert_with(|| {
            rules.push(bare_descriptor(&finding.rule, finding.severity, ctx.lang));
            rules.len() - 1
        });
        let key = finding.key();
        let mut properties = BTreeMap::new();
        for (name, value) in [
            ("subject", &finding.subject),
            ("field", &finding.field),
            ("legal", &finding.legal),
        ] {
            if let Some(v) = value {
                properties.insert(name.to_string(), json!(v));
            }
        }
        if finding.waived_by_change() {
            properties.insert("waivedByChange".to_string(), json!(true));
        }
        let builder = SarifResult::builder()
            .rule_id(finding.rule.clone())
            .rule_index(rule_index as i64)
            .level(match finding.severity {
                Severity::Deny => ResultLevel::Error,
                Severity::Warn => ResultLevel::Warning,
                Severity::Info => ResultLevel::Note,
            })
            .message(Message::builder().text(message(finding)).build())
            .partial_fingerprints(BTreeMap::from([
                (FINGERPRINT.to_string(), format!("{}|{}", key.0, key.1)),
                (
                    GITHUB_FINGERPRINT.to_string(),
                    format!("{identity}:{occurrence}"),
                ),
            ]))
            .properties(
                PropertyBag::builder()
                    .additional_properties(properties)
                    .build(),
            );
        let mut result = builder.build();
        result.locations = location(outcome, ctx, finding).map(|l| vec![l]);
        result.baseline_state = finding.status.map(|s| match s {
            Status::New => json!("new"),
            Status::Existing => json!("unchanged"),
        });
        results.push(result);
    }
    let mut notifications = Vec::new();
    if let Some(notice) = ctx.gate.and_then(|g| g.notice(ctx.lang)) {
        notifications.push(
            Notification::builder()
                .level(json!("warning"))
                .message(Message::builder().text(sentence(&notice)).build())
                .build(),
        );
    }
    for notice in ctx.gate.map(|g| g.review_notices()).unwrap_or_default() {
        notifications.push(
            Notification::builder()
                .level(json!("warning"))
                .message(Message::builder().text(sentence(&notice.text)).build())
                .build(),
        );
    }
    if let Some(note) = ctx.gate.and_then(|g| g.base_note.as_deref()) {
        notifications.push(
            Notification::builder()
                .level(json!("note"))
                .message(Message::builder().text(sentence(note)).build())
                .build(),
        );
    }
    let mut invocation = Invocation::builder().execution_successful(true).build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    let mut driver = driver();
    driver.rules = Some(rules);
    let mut run = run(driver, invocation, ctx.path_prefix);
    run.results = Some(results);
    let mut props = BTreeMap::new();
    if let Some(revision) = &outcome.revision {
        props.insert("revision".to_string(), json!(revision));
        if let Some(gate) = ctx.gate {
            props.insert("baseRevision".to_string(), json!(gate.base_revision));
        }
    }
    if !waived.is_empty() {
        props.insert("waived".to_string(), json!(waived));
    }
    if !props.is_empty() {
        run.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }
    sarif(run)
}

/// A location for a problem's primary label, when it points into a file of the checked
/// directory (not a bundled policy or a path that is no relative URI).
fn problem_location(problem: &Problem, path_prefix: &str) -> Option<Location> {
    let source = problem.source.as_ref()?;
    let path = &source.path;
    if path.is_empty() || path.starts_with('/') || path.contains(':') || path.contains('\\') {
        return None;
    }
    let span = problem
        .labels
        .first()
        .map(|(s, _)| s.clone())
        .unwrap_or(0..0);
    Some(file_location(
        &format!("{path_prefix}{path}"),
        source.line_col(span.start),
        source.line_col(span.end),
    ))
}

fn problem_text(problem: &Problem) -> String {
    message_and_help(&problem.message, problem.help.as_deref())
}

/// The SARIF log of a check that could not run (exit code 2): the input problems as
/// notifications of a failed invocation.
pub fn problems_log(problems: &[Problem], path_prefix: &str, exit_code: u8) -> Sarif {
    let mut descriptors: Vec<ReportingDescriptor> = Vec::new();
    let mut notifications = Vec::new();
    let all = problems
        .iter()
        .flat_map(|p| std::iter::once(p).chain(p.related.iter()));
    for problem in all {
        let index = match descriptors
            .iter()
            .position(|d| d.id == problem.code.as_str())
        {
            Some(i) => i,
            None => {
                let uri = format!(
                    "{}/blob/v{}/docs/errors.md",
                    env!("CARGO_PKG_REPOSITORY"),
                    env!("CARGO_PKG_VERSION")
                );
                let text = |s: String| MultiformatMessageString::builder().text(s).build();
                let code = problem.code.to_string();
                let code = [("code", (&code).into())];
                descriptors.push(
                    ReportingDescriptor::builder()
                        .id(problem.code.to_string())
                        .name(rule_name(problem.code.as_str()))
                        .short_description(text(tr("sarif-problem-short", &code)))
                        .full_description(text(tr("sarif-problem-full", &code)))
                        .help(text(tr("sarif-problem-help", &[("uri", (&uri).into())])))
                        .help_uri(uri.clone())
                        .build(),
                );
                descriptors.len() - 1
            }
        };
        let mut notification = Notification::builder()
            .level(json!(if problem.is_advice { "note" } else { "error" }))
            .message(Message::builder().text(problem_text(problem)).build())
            .descriptor(
                ReportingDescriptorReference::builder()
                    .id(problem.code.to_string())
                    .index(index as i64)
                    .build(),
            )
            .build();
        notification.locations = problem_location(problem, path_prefix).map(|l| vec![l]);
        notifications.push(notification);
    }
    let mut invocation = Invocation::builder().execution_successful(false).build();
    invocation.tool_execution_notifications = Some(notifications);
    invocation.exit_code = Some(i64::from(exit_code));
    let mut driver = driver();
    driver.notifications = Some(descriptors);
    // GitHub requires `rules` and `results`; both are empty, and the failed invocation
    // says that this is no verdict (as in CodeQL's logs of a failed analysis).
    driver.rules = Some(Vec::new());
    let mut run = run(driver, invocation, path_prefix);
    run.results = Some(Vec::new());
    sarif(run)
}

/// Writes the log of a check that could not run (`--format sarif`, exit code
/// `exit_code`); artifact URIs are relative to the repository (`path_prefix`).
pub fn render_problems(
    problems: &[Problem],
    path_prefix: &str,
    exit_code: u8,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &problems_log(problems, path_prefix, exit_code))?;
    writeln!(out)
}

pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(outcome, ctx))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_anchors_follow_github_headings() {
        assert_eq!(rules_doc_anchor("avv.missing"), "avvmissing");
        assert_eq!(
            rules_doc_anchor("backup.restore-untested"),
            "backuprestore-untested"
        );
    }

    #[test]
    fn fingerprint_hash_is_fixed_across_versions() {
        // A changed value would reopen every alert users have: keep it stable.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(format!("{:016x}", fnv1a(&["a"])), "089be207b544f1e4");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn paths_become_percent_encoded_uri_references() {
        assert_eq!(path_uri("tom/a.toml"), "tom/a.toml");
        assert_eq!(
            path_uri("tom/sp ace#frag?q=1%41.toml"),
            "tom/sp%20ace%23frag%3Fq=1%2541.toml"
        );
        assert_eq!(path_uri("tom/über.toml"), "tom/%C3%BCber.toml");
        assert_eq!(path_uri("tom/a\nb.toml"), "tom/a%0Ab.toml");
        assert_eq!(path_uri("c:/x.toml"), "c%3A/x.toml");
        assert_eq!(
            path_uri("sub/tom/x[1]{2}.toml"),
            "sub/tom/x%5B1%5D%7B2%7D.toml"
        );
        assert_eq!(
            path_uri("tom/a-b_c~d!$&'()*+,;=@.toml"),
            "tom/a-b_c~d!$&'()*+,;=@.toml"
        );
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(rule_name("avv.missing"), "AvvMissing");
        assert_eq!(
            rule_name("backup.restore-untested"),
            "BackupRestoreUntested"
        );
    }
}
