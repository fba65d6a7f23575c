//! Property tests of the loader: arbitrary input never panics, every reported span lies
//! inside its file on character boundaries, and line/column agree with the span for
//! multi-byte text and CRLF line endings.

use proptest::prelude::*;
use tomcheck::facts;
use tomcheck::text::SourceText;

/// Line and character column computed the slow, obvious way.
fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, text[line_start..offset].chars().count() + 1)
}

fn check_spans(text: &str) {
    let source = SourceText::new("tom/a.toml", "tom/a.toml", text);
    let result = facts::load(vec![source.clone()]);
    let problems = match &result {
        Ok(_) => Vec::new(),
        Err(p) => p.clone(),
    };
    for p in &problems {
        assert!(!p.message.is_empty());
        let Some(src) = &p.source else { continue };
        for (span, _) in &p.labels {
            assert!(
                span.start <= span.end && span.end <= src.text.len(),
                "{span:?} outside {}",
                src.text.len()
            );
            assert!(src.text.is_char_boundary(span.start) && src.text.is_char_boundary(span.end));
            assert_eq!(
                src.line_col(span.start),
                naive_line_col(&src.text, span.start)
            );
        }
    }
    if let Ok(facts) = result {
        for subject in facts.map.subjects() {
            for field in [None, Some("name"), Some("avv.expires"), Some("nope")] {
                let at = facts.map.locate(subject, field).unwrap();
                let text = &facts.map.files[at.file].text;
                assert!(
                    at.span.end <= text.len()
                        && text.is_char_boundary(at.span.start)
                        && text.is_char_boundary(at.span.end)
                );
            }
        }
    }
}

const KEYS: &[&str] = &[
    "id",
    "name",
    "role",
    "country",
    "personal_data",
    "access",
    "avv",
    "transfer",
    "subprocessors",
    "kind",
    "provider",
    "location",
    "site",
    "os",
    "eol",
    "encrypted",
    "systems",
    "retention_days",
    "restore_tested",
    "control",
    "text",
    "status",
    "applies_to",
    "rule",
    "subject",
    "reason",
    "approved_by",
    "expires",
    "nme",
    "Id",
    "😀",
];
const KINDS: &[&str] = &[
    "[[provider]]",
    "[[location]]",
    "[[system]]",
    "[[backup]]",
    "[[measure]]",
    "[[waiver]]",
    "[organization]",
    "[[providers]]",
    "[provider]",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zäöüß😀 -]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "[a-z0-9-]{1,8}".prop_map(|s| format!("\"{s}\"")),
        any::<bool>().prop_map(|b| b.to_string()),
        (-5i64..100).prop_map(|n| n.to_string()),
        (2000u32..2030, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        prop::collection::vec("[a-z0-9-]{1,6}", 0..4).prop_map(|v| format!(
            "[{}]",
            v.iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Just("{ signed = 2024-01-15, expires = 2027-01-01 }".to_string()),
        Just("{ signed = \"2024-01-15\" }".to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let entry = (
        prop::sample::select(KINDS),
        prop::collection::vec((prop::sample::select(KEYS), value()), 0..8),
    );
    (prop::collection::vec(entry, 0..6), any::<bool>()).prop_map(|(entries, crlf)| {
        let mut doc = String::new();
        for (kind, fields) in entries {
            doc.push_str(kind);
            doc.push('\n');
            for (k, v) in fields {
                doc.push_str(&format!("{k} = {v}\n"));
            }
            doc.push('\n');
        }
        if crlf {
            doc = doc.replace('\n', "\r\n");
        }
        doc
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check_spans(&text);
    }

    #[test]
    fn toml_like_documents_keep_spans_consistent(doc in document()) {
        check_spans(&doc);
    }

    #[test]
    fn line_col_matches_the_naive_count(text in "[a-zäö😀\\r\\n=\" ]{0,80}", at in 0usize..100) {
        let source = SourceText::new("a", "a", text.as_str());
        let mut offset = at.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        prop_assert_eq!(source.line_col(offset), naive_line_col(&text, offset));
        let (line, col) = source.line_col(offset);
        prop_assert_eq!(source.offset_of(line, col), offset);
    }
}

// The fuzz targets' properties (`fuzz/`, run with `cargo fuzz` on nightly) over seed
// inputs, in every `cargo test`: the targets' code compiles against the current crate
// and holds on real TOMs without a nightly toolchain.
#[path = "../fuzz/checks/facts_loader.rs"]
mod fuzz_facts_loader;
#[path = "../fuzz/checks/span_mapping.rs"]
mod fuzz_span_mapping;

/// Every file with one of `exts` below `dir`, recursively.
fn files_below(dir: &std::path::Path, exts: &[&str], out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, exts, out);
        } else if exts
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
            || exts.is_empty()
        {
            out.push(path);
        }
    }
}

#[test]
fn fuzz_targets_hold_on_their_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // facts_loader: every TOM file of the repository, the fixtures and the bad inputs,
    // and a local corpus from `cargo fuzz run facts_loader` when there is one.
    let mut seeds = Vec::new();
    for dir in ["tom", "examples", "tests/fixtures", "tests/bad"] {
        files_below(&root.join(dir), &["toml"], &mut seeds);
    }
    let tom_files = seeds.len();
    files_below(&root.join("fuzz/corpus/facts_loader"), &[], &mut seeds);
    assert!(tom_files > 100, "too few seed TOMs: {tom_files}");
    for seed in &seeds {
        let bytes = std::fs::read(seed).unwrap();
        let result = std::panic::catch_unwind(|| fuzz_facts_loader::check(&bytes));
        assert!(result.is_ok(), "facts_loader fails on {}", seed.display());
    }

    // span_mapping: one finding per line, `subject|field`.
    let lines = [
        "provider:hetzner|avv.expires",
        "provider:hetzner|avv",
        "provider:hetzner|subprocessors",
        "provider:hetzner|name",
        "provider:x",
        "provider:x|avv.expires",
        "organization|reviewed",
        "organization|name",
        "backup:b|systems",
        "provider:nope|avv",
        "control:encryption",
        "provider:hetzner|avv.expires.deeper",
        "provider:|",
        ":|",
        "|",
        "",
        "provider:hetzner|Müller 😀",
        "organization|reviewed\r",
    ];
    let mut inputs: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    inputs.push(lines.join("\n").into_bytes());
    let mut corpus = Vec::new();
    files_below(&root.join("fuzz/corpus/span_mapping"), &[], &mut corpus);
    inputs.extend(corpus.iter().map(|p| std::fs::read(p).unwrap()));
    for input in &inputs {
        let result = std::panic::catch_unwind(|| fuzz_span_mapping::check(input));
        assert!(
            result.is_ok(),
            "span_mapping fails on {:?}",
            String::from_utf8_lossy(input)
        );
    }
}
