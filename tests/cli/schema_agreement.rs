//! The JSON Schema that `tomcheck schema` prints (what taplo shows in an editor) and the
//! loader agree on what a TOM file may hold: every document of a corpus of valid and
//! invalid ones is judged by both, the schema the way taplo applies it (draft 7, formats
//! asserted, TOML dates handed over as strings).

use crate::support::{manifest_dir, run_json, tomcheck, ORGANIZATION, TODAY};

fn validator() -> jsonschema::Validator {
    let schema = run_json(&manifest_dir(), &["schema"], 0);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid JSON Schema")
}

/// The document as taplo gives it to the schema: dates become strings.
fn as_taplo_sees_it(text: &str) -> Option<serde_json::Value> {
    fn convert(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(convert).collect(),
            toml::Value::Table(t) => t
                .into_iter()
                .map(|(k, v)| (k, convert(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            other => serde_json::to_value(other).unwrap(),
        }
    }
    toml::from_str::<toml::Value>(text).ok().map(convert)
}

/// Whether the loader accepts the document (exit 0 or 1, not 2).
fn loader_accepts(text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    std::fs::write(dir.path().join("tom/a.toml"), text).unwrap();
    let out = tomcheck()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    match out.status.code() {
        Some(0 | 1) => true,
        Some(2) => false,
        other => panic!("exit {other:?}: {}", String::from_utf8_lossy(&out.stderr)),
    }
}

const PROVIDER: &str = "[[provider]]\nid = \"hoster\"\nname = \"Hoster GmbH\"\nrole = \"processor\"\npersonal_data = true\n";

/// `(what, TOML after the organisation, accepted by both)`.
fn corpus() -> Vec<(&'static str, String, bool)> {
    let with = |extra: &str| format!("{PROVIDER}{extra}\n");
    vec![
        ("a provider", with(""), true),
        ("a date", with("avv = { signed = 2024-02-12 }"), true),
        ("a leap day", with("avv = { signed = 2024-02-29 }"), true),
        ("a country", with("country = \"CH\""), true),
        ("the United Kingdom", with("country = \"GB\""), true),
        (
            "a date that does not exist",
            with("avv = { signed = 2026-02-30 }"),
            false,
        ),
        ("no leap day", with("avv = { signed = 2025-02-29 }"), false),
        (
            "a date with a time",
            with("avv = { signed = 2024-02-12T10:00:00 }"),
            false,
        ),
        (
            "a date with an offset",
            with("avv = { signed = 2024-02-12T10:00:00Z }"),
            false,
        ),
        ("a time", with("avv = { signed = 10:00:00 }"), false),
        (
            "a number for a date",
            with("avv = { signed = 20240212 }"),
            false,
        ),
        ("EU as a country", with("country = \"EU\""), false),
        ("XX as a country", with("country = \"XX\""), false),
        ("UK as a country", with("country = \"UK\""), false),
        ("small letters", with("country = \"de\""), false),
        ("three letters", with("country = \"DEU\""), false),
        ("an unknown key", with("personal_dta = true"), false),
        (
            "a string for a boolean",
            "[[provider]]\nid = \"h\"\nname = \"H\"\npersonal_data = \"yes\"\n".into(),
            false,
        ),
        (
            "an id with capitals",
            "[[provider]]\nid = \"Hoster\"\nname = \"H\"\n".into(),
            false,
        ),
        (
            "an unknown role",
            with("").replace("processor", "processer"),
            false,
        ),
        ("a missing name", "[[provider]]\nid = \"h\"\n".into(), false),
        (
            "an unknown kind",
            "[[providers]]\nid = \"h\"\nname = \"H\"\n".into(),
            false,
        ),
    ]
}

#[test]
fn schema_and_loader_agree_on_valid_and_invalid_documents() {
    let validator = validator();
    for (what, extra, accepted) in corpus() {
        let text = format!("{ORGANIZATION}\n{extra}");
        let loader = loader_accepts(&text);
        // A document the TOML parser refuses never reaches a schema; both refuse it.
        let schema = as_taplo_sees_it(&text).is_some_and(|doc| validator.is_valid(&doc));
        assert_eq!(loader, accepted, "{what}: the loader");
        assert_eq!(schema, accepted, "{what}: the schema");
    }
}

#[test]
fn a_quoted_date_is_the_one_known_disagreement() {
    // taplo hands a TOML date to the schema as a string, so no JSON Schema can tell
    // `signed = 2024-02-12` from `signed = "2024-02-12"`; the loader refuses the quoted
    // one with a hint to drop the quotes. If a future taplo or schema can tell them
    // apart, this test says so.
    let validator = validator();
    let text = format!("{ORGANIZATION}\n{PROVIDER}avv = {{ signed = \"2024-02-12\" }}\n");
    assert!(!loader_accepts(&text));
    let doc = as_taplo_sees_it(&text).unwrap();
    assert!(validator.is_valid(&doc));
}

/// The keys a reference table lists, in order: the first cell of every row `| \`key\` |`.
fn documented_keys(doc: &str) -> Vec<String> {
    doc.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`').map(|(key, _)| key.to_string()))
        .collect()
}

/// Every key the schema allows, with the tables it sits in (`avv`, certifications).
fn schema_keys(schema: &serde_json::Value, into: &mut std::collections::BTreeSet<String>) {
    let object = if schema["type"] == "array" {
        &schema["items"]
    } else {
        schema
    };
    if let Some(props) = object["properties"].as_object() {
        for (key, sub) in props {
            into.insert(key.clone());
            schema_keys(sub, into);
        }
    }
}

/// docs/format.md and its German twin docs/de/format.md list the same keys in the same
/// order, and together with the schema: a key the loader accepts is documented in both
/// languages, and neither reference promises a key the loader refuses.
#[test]
fn the_format_reference_in_both_languages_lists_every_key_of_the_schema() {
    let read = |path: &str| std::fs::read_to_string(manifest_dir().join(path)).unwrap();
    let (en, de) = (read("docs/format.md"), read("docs/de/format.md"));
    let (en_keys, de_keys) = (documented_keys(&en), documented_keys(&de));
    assert!(
        en_keys.len() > 60,
        "the table rows were not found: {en_keys:?}"
    );
    assert_eq!(
        en_keys, de_keys,
        "docs/de/format.md has drifted from docs/format.md"
    );

    let schema = run_json(&manifest_dir(), &["schema"], 0);
    let mut keys = std::collections::BTreeSet::new();
    for kind in schema["properties"].as_object().unwrap().values() {
        schema_keys(kind, &mut keys);
    }
    assert!(keys.len() > 40, "{keys:?}");
    let documented: std::collections::BTreeSet<String> = en_keys.iter().cloned().collect();
    let undocumented: Vec<_> = keys.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "keys without a row in docs/format.md: {undocumented:?}"
    );
    // Besides the schema's keys the tables hold tomcheck.toml's keys and the tags.
    let tags = &schema["properties"]["measure"]["items"]["properties"]["tags"]["items"]["enum"];
    let tags: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(tags.contains(&"mfa"), "{tags:?}");
    let config = [
        "tom",
        "policies",
        "builtin",
        "fail_on",
        "max_waiver_days",
        "lang",
        "[rules]",
        "[document]",
    ];
    let config_and_tags: Vec<&str> = config.iter().chain(&tags).copied().collect();
    let untagged: Vec<_> = tags.iter().filter(|t| !documented.contains(**t)).collect();
    assert!(
        untagged.is_empty(),
        "tags without a row in docs/format.md: {untagged:?}"
    );
    let unknown: Vec<_> = documented
        .iter()
        .filter(|k| !keys.contains(*k) && !config_and_tags.contains(&k.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows for keys the loader does not know: {unknown:?}"
    );
}

/// `tomcheck schema --lang de` is the same schema with German descriptions, which an
/// editor shows on hover: every description that has a text differs from the English
/// one, and nothing else changes.
#[test]
fn the_german_schema_differs_only_in_its_descriptions() {
    fn split(
        v: &serde_json::Value,
        path: &str,
        docs: &mut Vec<(String, String)>,
    ) -> serde_json::Value {
        match v {
            serde_json::Value::Object(map) => map
                .iter()
                .map(|(k, x)| {
                    let here = format!("{path}/{k}");
                    match x {
                        serde_json::Value::String(s)
                            if ["description", "title"].contains(&k.as_str()) =>
                        {
                            docs.push((here, s.clone()));
                            (k.clone(), serde_json::Value::Null)
                        }
                        _ => (k.clone(), split(x, &here, docs)),
                    }
                })
                .collect::<serde_json::Map<_, _>>()
                .into(),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| split(x, &format!("{path}/{i}"), docs))
                .collect(),
            other => other.clone(),
        }
    }
    let (mut en_docs, mut de_docs) = (Vec::new(), Vec::new());
    let en = split(
        &run_json(&manifest_dir(), &["--lang", "en", "schema"], 0),
        "",
        &mut en_docs,
    );
    let de = split(
        &run_json(&manifest_dir(), &["--lang", "de", "schema"], 0),
        "",
        &mut de_docs,
    );
    assert_eq!(en, de, "the German schema differs in more than its texts");
    assert!(en_docs.len() > 80, "{}", en_docs.len());
    for ((path, en), (_, de)) in en_docs.iter().zip(&de_docs) {
        if !en.is_empty() {
            assert_ne!(en, de, "{path} is English in the German schema");
        }
    }
    assert!(de_docs
        .iter()
        .any(|(_, d)| d.contains("Auftragsverarbeitungsvertrag")));
}
