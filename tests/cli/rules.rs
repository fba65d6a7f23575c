//! The policy library and the tools for policy authors: `rules`, `explain`, `test`,
//! waivers and the catalogue of bundled rules (ids are a contract: docs/rules.md).

use std::collections::BTreeSet;

use crate::support::*;

pub const BUNDLED_RULES: [&str; 20] = [
    "avv.missing",
    "avv.expired",
    "transfer.unsafeguarded",
    "transfer.place-missing",
    "backup.missing",
    "backup.offsite",
    "backup.restore-untested",
    "backup.retention-missing",
    "backup.unencrypted-external",
    "system.eol",
    "system.os-unknown",
    "system.unencrypted-portable",
    "measure.control-missing",
    "review.overdue",
    "waiver.expired",
    "waiver.unused",
    "waiver.too-long",
    "certification.expired",
    "backup.location-missing",
    "encryption.transit-missing",
];

fn rules_json() -> serde_json::Value {
    run_json(Repo::plain().path(), &["rules", "--format", "json"], 0)
}

#[test]
fn rules_lists_exactly_the_design_catalogue_with_metadata() {
    let report = rules_json();
    let rules = report["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    assert_eq!(unique, BUNDLED_RULES.into_iter().collect::<BTreeSet<_>>());
    for r in rules {
        let id = r["id"].as_str().unwrap();
        for key in [
            "title",
            "description",
            "severity",
            "fires",
            "quiet",
            "example",
            "fix",
        ] {
            assert!(
                r[key].as_str().is_some_and(|s| !s.trim().is_empty()),
                "{id} has no {key}"
            );
        }
        if !id.starts_with("waiver.") {
            assert!(
                r["legal"].as_str().is_some_and(|s| s.contains("GDPR")),
                "{id} names its legal basis"
            );
            assert!(
                !r["resources"].as_array().unwrap().is_empty(),
                "{id} links the legal text"
            );
        }
    }
    let sev = |id: &str| {
        rules.iter().find(|r| r["id"] == id).unwrap()["severity"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(sev("avv.missing"), "deny");
    assert_eq!(sev("backup.missing"), "warn");
    assert_eq!(sev("waiver.unused"), "warn");
    assert_eq!(sev("certification.expired"), "warn");
    assert_eq!(sev("backup.location-missing"), "warn");
    assert_eq!(sev("encryption.transit-missing"), "info");
}

/// docs/rules.md has every rule: a row of the table with its default severity, a
/// section of its own, and its place in the table of what happens when a fact is
/// missing.
#[test]
fn rules_doc_has_every_rule() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/rules.md")).unwrap();
    let report = rules_json();
    let rules = report["rules"].as_array().unwrap();
    let count = format!("tomcheck ships {} rules", rules.len());
    assert!(doc.contains(&count), "{count}");
    let missing_facts = doc
        .split("## When a fact is missing")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a section on missing facts");
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let severity = rule["severity"].as_str().unwrap();
        let anchor: String = id.chars().filter(|c| *c != '.').collect();
        let row = format!("| [`{id}`](#{anchor}) | {severity} |");
        assert!(doc.contains(&row), "{row}");
        assert!(doc.contains(&format!("\n## {id}\n")), "section of {id}");
        let area = id.split('.').next().unwrap();
        assert!(
            missing_facts.contains(&format!("`{id}`"))
                || missing_facts.contains(&format!("`{area}.*`")),
            "{id}: what happens when its facts are missing"
        );
    }
}

/// Every rule has a Rego test that fires and a near miss that must not.
#[test]
fn every_rule_has_a_firing_and_a_quiet_rego_test() {
    let report = rules_json();
    let policies = manifest_dir().join("policies");
    let rules = report["rules"].as_array().unwrap();
    assert_eq!(rules.len(), BUNDLED_RULES.len());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let (area, name) = id.split_once('.').unwrap();
        let tests = std::fs::read_to_string(policies.join(format!("{area}_test.rego"))).unwrap();
        assert!(
            tests.contains(&format!("\"{id}\"")),
            "{area}_test.rego asserts on `{id}`"
        );
        let names: Vec<&str> = tests
            .lines()
            .filter_map(|l| l.strip_prefix("test_"))
            .collect();
        let rules_in_area = BUNDLED_RULES
            .iter()
            .filter(|r| r.starts_with(&format!("{area}.")))
            .count();
        let word = name.split('-').next().unwrap();
        let about: Vec<&&str> = names
            .iter()
            .filter(|n| rules_in_area == 1 || n.contains(word))
            .collect();
        assert!(
            about.iter().any(|n| n.contains("fires")),
            "{id}: no firing test in {about:?}"
        );
        assert!(
            about.iter().any(|n| n.contains("quiet")),
            "{id}: no quiet test in {about:?}"
        );
    }
}

#[test]
fn bundled_policy_tests_pass_with_full_coverage() {
    let dir = Repo::plain();
    let out = run(dir.path(), &["test", "--coverage", "--threshold", "100"], 0);
    let text = stdout(&out);
    assert!(text.contains("100.00%  total"), "{text}");
    assert!(
        text.lines().last().unwrap().ends_with(" passed, 0 failed"),
        "{text}"
    );
}

#[test]
fn a_broken_repo_test_fails_naming_the_test() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "policies/ticket.rego",
        "package tom.ticket\n\n# METADATA\n# title: Provider without ticket number\n# custom:\n#   id: ticket.missing\n#   severity: info\ninfo contains {\"rule\": \"ticket.missing\", \"subject\": sprintf(\"provider:%s\", [p.id]), \"message\": \"no ticket\"} if {\n  some p in input.provider\n  not p.notes\n}\n",
    );
    repo.write(
        "policies/ticket_test.rego",
        "package tom.ticket_test\n\nimport data.tom.ticket\n\ntest_fires if {\n  count(ticket.info) == 1 with input as {\"provider\": [{\"id\": \"a\"}]}\n}\n\ntest_is_broken if {\n  count(ticket.info) == 2 with input as {\"provider\": [{\"id\": \"a\"}]}\n}\n",
    );
    let text = stdout(&run(repo.path(), &["test", "policies"], 1));
    assert!(
        text.contains("PASS policies/ticket_test.rego:5 data.tom.ticket_test.test_fires"),
        "{text}"
    );
    assert!(
        text.contains("FAIL policies/ticket_test.rego:9 data.tom.ticket_test.test_is_broken"),
        "{text}"
    );
    assert!(text.contains("1 passed, 1 failed"), "{text}");
    // --run selects tests by regular expression.
    run(repo.path(), &["test", "policies", "--run", "fires$"], 0);
    // Without a directory, the repository's tests run along with the bundled ones.
    run(repo.path(), &["test", "--run", "ticket"], 1);
    // The repository rule is listed and explained like a bundled one.
    let out = run(repo.path(), &["rules"], 0);
    assert!(stdout(&out).contains("ticket.missing"));
    let text = stdout(&run(repo.path(), &["explain", "ticket.missing"], 0));
    assert!(
        text.contains("repository rule, policies/ticket.rego:8"),
        "{text}"
    );
}

/// `tomcheck test` warns about negations that OPA evaluates differently, and only
/// about those.
#[test]
fn test_warns_about_rules_that_differ_under_opa() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "policies/transfer_check.rego",
        "package tom.acme.transfer\n\n\
         _accepted := {\"scc\", \"bcr\"}\n\n\
         deny contains sprintf(\"%s: no safeguard\", [p.id]) if {\n\
         \tsome p in input.provider\n\
         \tnot p.transfer in _accepted\n\
         }\n\n\
         deny contains sprintf(\"%s: no safeguard\", [p.id]) if {\n\
         \tsome p in input.provider\n\
         \tnot object.get(p, \"transfer\", \"\") in _accepted\n\
         }\n",
    );
    repo.write(
        "policies/transfer_check_test.rego",
        "package tom.acme.transfer_test\n\nimport data.tom.acme.transfer\n\n\
         test_fires if {\n\tcount(transfer.deny) == 1 with input as {\"provider\": [{\"id\": \"a\"}]}\n}\n",
    );
    let out = run(repo.path(), &["test", "policies"], 0);
    let text = stdout(&out);
    assert!(
        text.contains("warning: policies/transfer_check.rego:7:2: `not p.transfer in _accepted` may give other findings under OPA"),
        "{text}"
    );
    assert!(text.contains("`p.transfer` may be undefined"), "{text}");
    assert_eq!(text.matches("warning:").count(), 1, "{text}");
    let report = run_json(repo.path(), &["test", "policies", "--format", "json"], 0);
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0]["reference"], "p.transfer");
    assert_eq!(warnings[0]["line"], 7);
    // The bundled policies have none.
    let bundled = stdout(&run(Repo::plain().path(), &["test"], 0));
    assert!(!bundled.contains("warning:"), "{bundled}");
}

#[test]
fn explain_shows_what_fires_and_the_fix() {
    let dir = Repo::plain();
    let text = stdout(&run(dir.path(), &["explain", "backup.offsite"], 0));
    for needle in [
        "Fires when:",
        "Does not fire for:",
        "Example that fires:",
        "Fixed:",
        "BSI CON.3",
        "[[waiver]]",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    let out = run(dir.path(), &["explain", "backup.ofsite"], 2);
    assert!(stderr(&out).contains("did you mean `backup.offsite`"));
}

#[test]
fn waivers_suppress_expire_and_must_name_known_rules() {
    let repo = Repo::new();
    write_tom(&repo, &provider("agentur", false));
    let waiver = |rule: &str, expires: &str| {
        format!("[[waiver]]\nid = \"w\"\nrule = \"{rule}\"\nsubject = \"provider:agentur\"\nreason = \"AVV in Verhandlung\"\napproved_by = \"DSB\"\nexpires = {expires}\n")
    };
    // A valid waiver: the finding is shown as waived and does not fail.
    repo.write("tom/waivers.toml", &waiver("avv.missing", "2027-01-31"));
    let report = check_json(repo.path(), &[], 0);
    assert_eq!(report["findings"][0]["rule"], "avv.missing");
    assert_eq!(report["findings"][0]["waived"], true);
    assert_eq!(report["summary"]["deny"], 0);
    // Expired: suppresses nothing and raises waiver.expired.
    let found = rule_subjects(&check_json(repo.path(), &["--today", "2027-02-01"], 1));
    assert!(
        found.contains(&("avv.missing".into(), "provider:agentur".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("waiver.expired".into(), "waiver:w".into())),
        "{found:?}"
    );
    // Unused: the AVV is signed, the waiver matches nothing.
    repo.write("tom/providers.toml", &provider("agentur", true));
    assert_eq!(
        rule_subjects(&check_json(repo.path(), &[], 0)),
        [("waiver.unused".to_string(), "waiver:w".to_string())]
    );
    // Unknown rule id: an input error with a suggestion.
    repo.write("tom/waivers.toml", &waiver("avv.mising", "2027-01-31"));
    let err = stderr(&run(repo.path(), &["check", "--today", TODAY], 2));
    assert!(err.contains("did you mean `avv.missing`"), "{err}");
    assert!(err.contains("tom/waivers.toml:3"), "{err}");
}

/// Performance: policies join through id-indexed objects, so thousands of entities
/// evaluate without nested scans. Functional check only; timing lives in benchmarks.
#[test]
fn five_thousand_entities_evaluate() {
    let dir = Repo::plain();
    let mut tom = String::from(ORGANIZATION);
    tom.push_str(&measures());
    for i in 0..1000 {
        tom.push_str(&format!("[[provider]]\nid = \"p{i}\"\nname = \"P{i}\"\nrole = \"processor\"\npersonal_data = true\ncountry = \"DE\"\n{}\n", if i % 100 == 0 { "" } else { "avv = { signed = 2025-01-01 }\n" }));
        tom.push_str(&format!(
            "[[location]]\nid = \"l{i}\"\nprovider = \"p{i}\"\nsite = \"s{i}\"\n\n"
        ));
        tom.push_str(&format!("[[system]]\nid = \"s{i}\"\nkind = \"server\"\nlocation = \"l{i}\"\npersonal_data = true\nos = \"Debian 13\"\n\n"));
        let backup_loc = if i % 250 == 0 { i } else { (i + 1) % 1000 };
        tom.push_str(&format!("[[backup]]\nid = \"b{i}\"\nsystems = [\"s{i}\"]\nlocation = \"l{backup_loc}\"\nretention_days = 30\nencrypted = true\nrestore_tested = 2026-10-01\n\n"));
        tom.push_str(&format!("[[measure]]\nid = \"x{i}\"\ncontrol = \"input\"\ntext = \"Protokollierung {i}\"\napplies_to = [\"s{i}\"]\n\n"));
    }
    dir.write("tom/big.toml", &tom);
    let report = check_json(dir.path(), &[], 1);
    assert_eq!(
        report["summary"]["deny"],
        10 + 4,
        "10 providers without AVV, 4 backups on site"
    );
}
