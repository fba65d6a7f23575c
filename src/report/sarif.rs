//! SARIF 2.1.0 output (`--format sarif`) for GitHub code scanning and other SARIF viewers,
//! built on `serde-sarif`'s object model (generated from the official schema).
//!
//! Choices that matter to consumers:
//! - every loaded rule becomes a rule descriptor from its `# METADATA` (title,
//!   description, legal basis, example and fix), so a viewer can explain a finding;
//! - URIs are relative to the repository root (`%SRCROOT%`), never absolute paths;
//! - columns are counted in characters, declared with `columnKind: unicodeCodePoints`;
//! - `partialFingerprints` carry rule + subject, so code scanning follows a finding when
//!   lines move, exactly as the gate matches findings across revisions;
//! - in gate mode `baselineState` says whether a result is `new` or `unchanged`;
//! - waived findings are results with an accepted in-source suppression.
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
    Result as SarifResult, ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::Context;
use crate::config::Severity;
use crate::engine::metadata::RuleMeta;
use crate::findings::{Finding, Status};
use crate::pipeline::Outcome;

/// The key under which the gate's finding identity (rule + subject) is fingerprinted.
pub const FINGERPRINT: &str = "tomcheckFinding/v1";
/// The base every artifact URI is relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";
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

fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    let mut text = sentence(&rule.description);
    let mut markdown = format!("{}\n", sentence(&rule.description));
    if !rule.legal.is_empty() {
        text.push_str(&format!(
            " Legal basis: {}.",
            rule.legal.trim_end_matches('.')
        ));
        markdown.push_str(&format!("\n**Legal basis:** {}\n", rule.legal));
    }
    if let Some(fires) = &rule.fires {
        markdown.push_str(&format!("\n**Fires when** {}\n", fires.trim()));
    }
    if let Some(quiet) = &rule.quiet {
        markdown.push_str(&format!("\n**Quiet for** {}\n", quiet.trim()));
    }
    if let Some(example) = &rule.example {
        markdown.push_str(&format!(
            "\nExample:\n\n```toml\n{}\n```\n",
            example.trim_end()
        ));
    }
    if let Some(fix) = &rule.fix {
        markdown.push_str(&format!("\nFixed:\n\n```toml\n{}\n```\n", fix.trim_end()));
    }
    let mut extra = BTreeMap::new();
    if !rule.legal.is_empty() {
        extra.insert("legal".to_string(), json!(rule.legal));
    }
    let area = rule.id.split('.').next().unwrap_or_default().to_string();
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
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(rule.severity)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec!["gdpr".to_string(), "tom".to_string(), area])
                .additional_properties(extra)
                .build(),
        );
    match rule.resources.first() {
        Some(r) => descriptor.help_uri(r.url.clone()).build(),
        None => descriptor.build(),
    }
}

/// A descriptor for a rule without metadata (a conftest-style policy).
fn bare_descriptor(id: &str, severity: Severity) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(id.to_string())
        .name(rule_name(id))
        .short_description(
            MultiformatMessageString::builder()
                .text(format!("Policy rule {id}."))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(severity)))
                .build(),
        )
        .build()
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
    let uri = format!("{}{}", ctx.path_prefix, outcome.facts.map.files[file].path);
    Some(
        Location::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(
                        ArtifactLocation::builder()
                            .uri(uri)
                            .uri_base_id(SRCROOT.to_string())
                            .build(),
                    )
                    .region(
                        Region::builder()
                            .start_line(line as i64)
                            .start_column(column as i64)
                            .end_line(end_line as i64)
                            .end_column(end_column as i64)
                            .build(),
                    )
                    .build(),
            )
            .build(),
    )
}

fn message(finding: &Finding) -> String {
    let mut text = sentence(&finding.message);
    if let Some(help) = finding.help.as_deref().filter(|h| !h.trim().is_empty()) {
        text.push(' ');
        text.push_str(&sentence(help));
    }
    text
}

/// The SARIF log of an outcome.
pub fn log(outcome: &Outcome, ctx: &Context<'_>) -> Sarif {
    let mut rules: Vec<ReportingDescriptor> = ctx.rules.iter().map(descriptor).collect();
    let mut index: BTreeMap<String, usize> = ctx
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut results = Vec::new();
    for finding in &outcome.findings {
        let rule_index = *index.entry(finding.rule.clone()).or_insert_with(|| {
            rules.push(bare_descriptor(&finding.rule, finding.severity));
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
        let builder = SarifResult::builder()
            .rule_id(finding.rule.clone())
            .rule_index(rule_index as i64)
            .level(match finding.severity {
                Severity::Deny => ResultLevel::Error,
                Severity::Warn => ResultLevel::Warning,
                Severity::Info => ResultLevel::Note,
            })
            .message(Message::builder().text(message(finding)).build())
            .partial_fingerprints(BTreeMap::from([(
                FINGERPRINT.to_string(),
                format!("{}|{}", key.0, key.1),
            )]))
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
        if finding.waived {
            result.suppressions = Some(vec![Suppression::builder()
                .kind(json!("inSource"))
                .status(json!("accepted"))
                .justification("waived by a [[waiver]] in the TOM".to_string())
                .build()]);
        }
        results.push(result);
    }
    let mut notifications = Vec::new();
    if let Some(notice) = ctx.gate.and_then(|g| g.notice()) {
        notifications.push(
            Notification::builder()
                .level(json!("warning"))
                .message(Message::builder().text(sentence(&notice)).build())
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
    let driver = ToolComponent::builder()
        .name("tomcheck".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(env!("CARGO_PKG_REPOSITORY").to_string())
        .rules(rules)
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .build();
    if let Some(revision) = &outcome.revision {
        let mut props = BTreeMap::new();
        props.insert("revision".to_string(), json!(revision));
        if let Some(gate) = ctx.gate {
            props.insert("baseRevision".to_string(), json!(gate.base_revision));
        }
        run.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }
    Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(outcome, ctx))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(rule_name("avv.missing"), "AvvMissing");
        assert_eq!(
            rule_name("backup.restore-untested"),
            "BackupRestoreUntested"
        );
    }
}
