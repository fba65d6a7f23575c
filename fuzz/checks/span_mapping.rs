//! Findings → spans: a valid TOM plus arbitrary policy output (subjects and fields that
//! may or may not exist) is mapped to locations without panicking, and every location
//! is inside its file with line/column consistent with the span.
//!
//! Shared by the fuzz target (`cargo fuzz run span_mapping`) and by `tests/properties.rs`,
//! which runs it over seed inputs in every `cargo test`.

use tomcheck::config::{Config, Severity};
use tomcheck::engine::RawFinding;
use tomcheck::text::SourceText;

const TOM: &str = "[organization]\nname = \"Müller & Söhne 😀\"\r\nreviewed = 2026-01-01\n\n[[provider]]\nid = \"hetzner\"\nname = \"Hetzner\"\navv = { signed = 2024-01-01, expires = 2027-01-01 }\nsubprocessors = [\"x\"]\n\n[[provider]]\nid = \"x\"\nname = \"X\"\n\n[[backup]]\nid = \"b\"\nsystems = []\n";

/// One input; panics when the property does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let facts = tomcheck::facts::load(vec![SourceText::new("tom/a.toml", "tom/a.toml", TOM)])
        .expect("valid TOM");
    let raw: Vec<RawFinding> = text
        .split('\n')
        .map(|line| {
            let (subject, field) = line.split_once('|').unwrap_or((line, ""));
            RawFinding {
                rule: "fuzz.rule".into(),
                severity: Severity::Deny,
                subject: Some(subject.to_string()),
                field: (!field.is_empty()).then(|| field.to_string()),
                message: line.to_string(),
                help: None,
                legal: None,
                package: "tom.fuzz".into(),
            }
        })
        .collect();
    for f in tomcheck::findings::build(raw, &facts, &Config::default(), "2026-11-22") {
        if let Some(loc) = f.location {
            let src = &facts.map.files[loc.file];
            assert!(loc.span.end <= src.text.len());
            assert_eq!((loc.line, loc.column), src.line_col(loc.span.start));
        }
    }
}
