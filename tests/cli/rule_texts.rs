//! Rule texts in German and English: every bundled rule has both, a policy may give its
//! findings and METADATA in several languages, and the run's language picks the text.

use std::collections::BTreeSet;
use std::path::Path;

use super::rules::BUNDLED_RULES;
use crate::support::*;

fn findings_in(dir: &Path, lang: &str) -> Vec<serde_json::Value> {
    let out = tomcheck()
        .current_dir(dir)
        .args(["check", "--format", "json", "--lang", lang])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: {}",
        dir.display(),
        stderr(&out)
    );
    let mut findings = json(&out)["findings"].as_array().unwrap().clone();
    let key = |f: &serde_json::Value| {
        ["rule", "subject", "field"].map(|k| f[k].as_str().unwrap_or_default().to_string())
    };
    findings.sort_by_key(key);
    findings
}

fn text<'a>(f: &'a serde_json::Value, key: &str) -> &'a str {
    f[key].as_str().unwrap_or_default()
}

/// Every finding any fixture (and the example TOM) produces has a message and a help
/// in both languages, different from each other; together the fixtures reach every
/// bundled rule, so a rule whose texts are not translated cannot hide.
#[test]
fn every_bundled_finding_has_german_and_english_texts() {
    let mut dirs = fixtures();
    dirs.push(manifest_dir());
    let mut rules_seen = BTreeSet::new();
    for dir in &dirs {
        let (en, de) = (findings_in(dir, "en"), findings_in(dir, "de"));
        assert_eq!(en.len(), de.len(), "{}", dir.display());
        for (e, d) in en.iter().zip(&de) {
            let at = format!(
                "{} {} {}",
                dir.display(),
                text(e, "rule"),
                text(e, "subject")
            );
            assert_eq!(
                (&e["rule"], &e["subject"]),
                (&d["rule"], &d["subject"]),
                "{at}"
            );
            for key in ["message", "help"] {
                let (en, de) = (text(e, key), text(d, key));
                assert!(
                    !en.trim().is_empty() && !de.trim().is_empty(),
                    "{at}: {key}"
                );
                assert_ne!(en, de, "{at}: {key} is not translated");
            }
            if !text(e, "legal").is_empty() {
                assert_ne!(text(e, "legal"), text(d, "legal"), "{at}: legal");
                assert!(text(d, "legal").contains("DSGVO"), "{at}: German citation");
            }
            rules_seen.insert(text(e, "rule").to_string());
        }
    }
    let all: BTreeSet<String> = BUNDLED_RULES.iter().map(|r| r.to_string()).collect();
    let missing: Vec<_> = all.difference(&rules_seen).collect();
    assert!(missing.is_empty(), "no fixture produces {missing:?}");
}

/// The METADATA of every bundled rule in both languages: title, description, legal
/// basis, when it fires and when it stays quiet.
#[test]
fn every_bundled_rule_has_german_and_english_metadata() {
    let rules = |lang: &str| {
        let out = tomcheck()
            .current_dir(manifest_dir())
            .args(["rules", "--format", "json", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json(&out)["rules"].as_array().unwrap().clone()
    };
    let (en, de) = (rules("en"), rules("de"));
    assert_eq!(en.len(), BUNDLED_RULES.len());
    for (e, d) in en.iter().zip(&de) {
        let id = text(e, "id");
        assert_eq!(id, text(d, "id"));
        for key in ["title", "description", "fires", "quiet"] {
            assert!(!text(e, key).is_empty(), "{id}: English {key}");
            assert_ne!(text(e, key), text(d, key), "{id}: {key} is not translated");
        }
        if !text(e, "legal").is_empty() {
            assert_ne!(text(e, "legal"), text(d, "legal"), "{id}: legal");
        }
        let resources = |r: &serde_json::Value| -> Vec<String> {
            r["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| text(r, "description").to_string())
                .collect()
        };
        for (re, rd) in resources(e).iter().zip(resources(d)) {
            // A web site's name is the same in every language.
            if re.contains("GDPR") {
                assert!(rd.contains("DSGVO"), "{id}: resource {re}");
            }
        }
    }
}

// German `check` of the seed: `lang::seed_004_in_german`.

#[test]
fn german_explain() {
    let out = run(
        &manifest_dir(),
        &["explain", "avv.missing", "--lang", "de"],
        0,
    );
    // The line of the rule in avv.rego moves with every edit above it: redacted.
    let text = stdout(&out);
    let (head, tail) = text
        .split_once("builtin/avv.rego:")
        .expect("explain names the rule's file");
    let line_end = tail
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(tail.len());
    assert!(line_end > 0, "no line number after the file: {text}");
    let text = format!("{head}builtin/avv.rego:[line]{}", &tail[line_end..]);
    insta::assert_snapshot!("explain-avv-missing.de", text);
}

/// German findings from the locale, English from `LANG=C`, and `--lang` over both.
#[test]
fn the_locale_chooses_the_language_of_findings() {
    let dir = manifest_dir().join("tests/fixtures/rule-avv-expired");
    let with = |lang: &str, flag: &[&str]| {
        let out = tomcheck()
            .current_dir(&dir)
            .arg("check")
            .args(flag)
            .env("LANG", lang)
            .output()
            .unwrap();
        stdout(&out)
    };
    let german = "ist am 31.03.2026 abgelaufen";
    let english = "expired on 2026-03-31";
    let de = with("de_DE.UTF-8", &[]);
    assert!(de.contains(german) && !de.contains(english), "{de}");
    let c = with("C", &[]);
    assert!(c.contains(english) && !c.contains(german), "{c}");
    assert!(with("C", &["--lang", "de"]).contains(german));
    assert!(with("de_DE.UTF-8", &["--lang", "en"]).contains(english));
}

const POLICY: &str = r#"package tom.custom

# METADATA
# title: Provider without purpose
# description: Every provider states what it does for the company.
# custom:
#   id: custom.purpose-missing
#   severity: warn
#   legal: Art. 30(1) GDPR
#   fires: a provider without purpose
#   i18n:
#     de:
#       title: Dienstleister ohne Zweck
#       description: Jeder Dienstleister nennt, was er für das Unternehmen tut.
#       legal: Art. 30 Abs. 1 DSGVO
warn contains finding if {
	some p in input.provider
	not p.purpose
	finding := {
		"rule": "custom.purpose-missing",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "purpose",
		"message": {
			"en": sprintf("Provider %s states no purpose", [p.id]),
			"de": sprintf("Dienstleister %s nennt keinen Zweck", [p.id]),
		},
		"help": {"fr": "Indiquez purpose = \"…\"", "en": "Record purpose = \"…\""},
		"legal": {"en": "Art. 30(1) GDPR", "de": "Art. 30 Abs. 1 DSGVO"},
	}
}
"#;

/// A repository's own rule in two languages: the chosen one, English for what the
/// policy gives only in English (or in languages other than the chosen one).
#[test]
fn a_repository_policy_speaks_the_chosen_language() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", true));
    repo.write("policies/custom.rego", POLICY);
    let finding = |lang: &str| {
        let report = check_json(repo.path(), &["--lang", lang], 0);
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "custom.purpose-missing")
            .cloned()
            .expect("the repository rule fires")
    };
    let (de, en) = (finding("de"), finding("en"));
    assert_eq!(
        (text(&de, "message"), text(&de, "help"), text(&de, "legal")),
        (
            "Dienstleister hoster nennt keinen Zweck",
            "Record purpose = \"…\"",
            "Art. 30 Abs. 1 DSGVO"
        )
    );
    assert_eq!(
        (text(&en, "message"), text(&en, "help")),
        (
            "Provider hoster states no purpose",
            "Record purpose = \"…\""
        )
    );
    let human = stdout(&check(repo.path(), &["--lang", "de"], 0));
    assert!(
        human.contains("Dienstleister hoster nennt keinen Zweck"),
        "{human}"
    );
    let explain = |lang: &str| {
        stdout(&run(
            repo.path(),
            &["explain", "custom.purpose-missing", "--lang", lang],
            0,
        ))
    };
    let de = explain("de");
    assert!(
        de.starts_with("custom.purpose-missing — Dienstleister ohne Zweck"),
        "{de}"
    );
    assert!(de.contains("Rechtsgrundlage: Art. 30 Abs. 1 DSGVO"), "{de}");
    // `fires` has no German text: English, not nothing.
    assert!(
        de.contains("Schlägt an bei: a provider without purpose"),
        "{de}"
    );
    let en = explain("en");
    assert!(
        en.starts_with("custom.purpose-missing — Provider without purpose"),
        "{en}"
    );
}

/// A text per language that is not a string is the policy's mistake: exit 2 naming it.
#[test]
fn a_malformed_text_per_language_is_an_input_problem() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", true));
    for (bad, why) in [
        (r#"{"en": "m", "de": 1}"#, "`message.de` is a number"),
        ("{}", "`message` is an empty object"),
    ] {
        let policy = POLICY.replace(
            &POLICY[POLICY.find("\"message\": {").unwrap()..POLICY.find("\t\t\"help\"").unwrap()],
            &format!("\"message\": {bad},\n"),
        );
        repo.write("policies/custom.rego", &policy);
        let out = check(repo.path(), &[], 2);
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
    }
}

/// docs/de/regeln.md, the German rule reference, rendered from the rules' METADATA
/// (`tomcheck rules --format json --lang de`), so that it cannot drift from the rules.
fn german_reference() -> String {
    let out = tomcheck()
        .current_dir(manifest_dir())
        .args(["rules", "--format", "json", "--lang", "de"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let rules = report["rules"].as_array().unwrap();
    let mut md = String::from(
        "# Mitgelieferte Regeln\n\n\
         <!-- Erzeugt aus den METADATA-Blöcken in policies/*.rego; nicht von Hand bearbeiten.\n     \
         Neu erzeugen: TOMCHECK_UPDATE_DOCS=1 cargo test --test cli -- rule_texts::german_rule_reference -->\n\n",
    );
    md.push_str(&format!(
        "tomcheck bringt {} Regeln mit. Ihre IDs sind stabil: Sie stehen in Befunden, in\n\
         `tomcheck.toml`, in Ausnahmen und in SARIF und ändern nie ihre Bedeutung.\n\
         `tomcheck rules --lang de` listet sie, `tomcheck explain REGEL --lang de` zeigt eine\n\
         mit Beispiel und Behebung. Die ausführliche englische Referenz mit den Fällen fehlender\n\
         Angaben steht in [rules.md](../rules.md).\n\n\
         | Regel | Standard | Rechtsgrundlage |\n|---|---|---|\n",
        rules.len()
    ));
    for r in rules {
        let id = text(r, "id");
        let anchor: String = id.chars().filter(|c| *c != '.').collect();
        let legal = match text(r, "legal") {
            "" => "—",
            l => l,
        };
        md.push_str(&format!(
            "| [`{id}`](#{anchor}) | {} | {legal} |\n",
            text(r, "severity")
        ));
    }
    for r in rules {
        let id = text(r, "id");
        md.push_str(&format!(
            "\n## {id}\n\n**{}** · Standard `{}`",
            text(r, "title"),
            text(r, "severity")
        ));
        if !text(r, "legal").is_empty() {
            md.push_str(&format!(" · {}", text(r, "legal")));
        }
        md.push_str(&format!("\n\n{}\n", text(r, "description")));
        for (key, head) in [
            ("fires", "Schlägt an bei"),
            ("quiet", "Schlägt nicht an bei"),
        ] {
            if !text(r, key).is_empty() {
                md.push_str(&format!("\n**{head}:** {}\n", text(r, key).trim()));
            }
        }
        for (key, head) in [
            ("example", "Beispiel, bei dem die Regel anschlägt"),
            ("fix", "Behoben"),
        ] {
            if !text(r, key).is_empty() {
                md.push_str(&format!(
                    "\n{head}:\n\n```toml\n{}\n```\n",
                    text(r, key).trim_end()
                ));
            }
        }
        let resources = r["resources"].as_array().unwrap();
        if !resources.is_empty() {
            md.push_str("\nQuellen:\n\n");
            for res in resources {
                md.push_str(&format!(
                    "- [{}]({})\n",
                    text(res, "description"),
                    text(res, "ref")
                ));
            }
        }
    }
    md
}

#[test]
fn german_rule_reference() {
    let path = manifest_dir().join("docs/de/regeln.md");
    let expected = german_reference();
    if std::env::var_os("TOMCHECK_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &expected).unwrap();
    }
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        doc == expected,
        "docs/de/regeln.md is out of date with the rules' METADATA; regenerate it with \
         TOMCHECK_UPDATE_DOCS=1 cargo test --test cli -- rule_texts::german_rule_reference"
    );
}

/// A check parses the bundled policies with the messages of its language only; that
/// must find what the policies as written find, with the same texts, on every TOM of
/// the fixtures and the example.
#[test]
fn policies_with_one_language_find_what_the_written_ones_find() {
    use tomcheck::engine::{Context, EngineOptions, Policies, Texts};
    use tomcheck::i18n::Lang;
    use tomcheck::source::{Revision, Source};

    let policies = Policies::bundled().unwrap();
    let options = EngineOptions::default();
    let context = Context {
        today: "2026-11-22".into(),
        revision: None,
        waiver_from: None,
        max_waiver_days: None,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.to_path_buf()];
    for entry in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        dirs.extend([dir.clone(), dir.join("format-1.1")]);
    }
    dirs.retain(|d| d.join("tom").is_dir());
    let (mut toms, mut findings) = (0, 0);
    for lang in [Lang::En, Lang::De] {
        let one = policies.prepare_texts(&options, Texts::In(lang)).unwrap();
        let all = policies
            .prepare_texts(&options, Texts::All)
            .unwrap()
            .reading(lang);
        for dir in &dirs {
            let source = Source::open(dir, &Revision::Worktree).unwrap();
            let config = tomcheck::pipeline::read_config(&source).unwrap();
            let facts = tomcheck::pipeline::load_facts(&source, &config).unwrap();
            // A set's order follows its members' values, which lost a key: compare
            // the findings, not their order.
            let sorted = |mut f: Vec<tomcheck::engine::RawFinding>| {
                f.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                f
            };
            let found = sorted(one.evaluate(&facts.input, &context).unwrap());
            assert_eq!(
                found,
                sorted(all.evaluate(&facts.input, &context).unwrap()),
                "{} ({lang:?})",
                dir.display()
            );
            toms += 1;
            findings += found.len();
        }
    }
    assert!(
        toms >= 50 && findings >= 100,
        "{toms} TOMs, {findings} findings"
    );
}
