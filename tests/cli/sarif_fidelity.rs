//! How GitHub code scanning reads tomcheck's SARIF: alert identity across edits and moves,
//! waivers, rule properties and links, the automation id, and the log of a check that
//! could not run. Every fixture's log and an exit-2 log pass Microsoft's validator with
//! GitHub's rules (`--rule-kind "Gh;Sarif"`); the validator must be installed
//! (`scripts/install-test-tools.sh` installs it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{git_command, manifest_dir, measures, tool, ORGANIZATION};

const TODAY: &str = "2026-11-22";

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) {
    let out = git_command().current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
}

fn write(dir: &Path, path: &str, content: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, content).unwrap();
}

fn tomcheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(crate::support::bin())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .args(args)
        .output()
        .unwrap()
}

fn sarif(dir: &Path, extra: &[&str]) -> (Output, Value) {
    let mut args = vec!["check", "--today", TODAY, "--format", "sarif"];
    args.extend_from_slice(extra);
    let out = tomcheck(dir, &args);
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out)));
    (out, value)
}

/// A processor with personal data and no AVV: `avv.missing` on an identical line each.
fn processor(id: &str, name: &str) -> String {
    format!(
        "[[provider]]\nid = \"{id}\"\nname = \"{name}\"\ncountry = \"DE\"\nrole = \"processor\"\npurpose = \"Dienstleistung\"\npersonal_data = true\naccess = \"full\"\n\n"
    )
}

/// A server and its backup at the same site: `backup.offsite` on `location = "rz"`.
fn server_with_backup(id: &str) -> (String, String) {
    (
        format!("[[system]]\nid = \"{id}\"\nname = \"Server {id}\"\nkind = \"server\"\nlocation = \"rz\"\npersonal_data = true\nos = \"Debian 12\"\nencrypted = true\n\n"),
        format!("[[backup]]\nid = \"{id}-backup\"\nsystems = [\"{id}\"]\nlocation = \"rz\"\nfrequency = \"daily\"\nretention_days = 30\nencrypted = true\nrestore_tested = 2026-09-01\n\n"),
    )
}

/// (rule, subject, field) → primaryLocationLineHash of every result.
fn fingerprints(log: &Value) -> BTreeMap<(String, String, String), String> {
    let mut map = BTreeMap::new();
    let results = log["runs"][0]["results"].as_array().unwrap();
    for r in results {
        let key = (
            r["ruleId"].as_str().unwrap().to_string(),
            r["properties"]["subject"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            r["properties"]["field"].as_str().unwrap_or("").to_string(),
        );
        let hash = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap_or_else(|| panic!("no primaryLocationLineHash: {r}"))
            .to_string();
        assert!(
            map.insert(key.clone(), hash).is_none(),
            "two results for {key:?}"
        );
    }
    let distinct: BTreeSet<&String> = map.values().collect();
    assert_eq!(distinct.len(), map.len(), "fingerprints shared: {map:#?}");
    map
}

/// The text of each result's first line: what GitHub would hash without our fingerprint.
fn start_lines(dir: &Path, log: &Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            let file =
                std::fs::read_to_string(dir.join(loc["artifactLocation"]["uri"].as_str().unwrap()))
                    .unwrap();
            let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
            file.lines().nth(line - 1).unwrap().to_string()
        })
        .collect()
}

#[test]
fn fingerprints_survive_moves_and_edits_and_are_never_shared() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    let location = "[[location]]\nid = \"rz\"\nname = \"Rechenzentrum\"\nkind = \"datacenter\"\ncountry = \"DE\"\nsite = \"rz\"\n\n";
    let (s1, b1) = server_with_backup("web");
    let (s2, b2) = server_with_backup("mail");
    write(root, "tom/organization.toml", ORGANIZATION);
    write(root, "tom/measures.toml", &measures());
    write(root, "tom/locations.toml", location);
    write(
        root,
        "tom/providers.toml",
        &(processor("alpha", "Alpha GmbH")
            + &processor("beta", "Beta GmbH")
            + &processor("gamma", "Gamma GmbH")),
    );
    write(root, "tom/systems.toml", &(s1.clone() + &s2));
    write(root, "tom/backups.toml", &(b1.clone() + &b2));
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "first"]);
    let (out, before) = sarif(root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let first = fingerprints(&before);
    // The case that matters: several findings on identical lines.
    let lines = start_lines(root, &before);
    let identical = lines.len() - lines.iter().collect::<BTreeSet<_>>().len();
    assert!(identical >= 3, "findings on identical lines: {lines:?}");

    // Move and edit: gamma goes to its own file and first, beta is renamed, a new
    // provider is inserted above alpha, the backups swap order and gain comments.
    write(
        root,
        "tom/a-first.toml",
        &processor("gamma", "Gamma GmbH & Co. KG"),
    );
    write(
        root,
        "tom/providers.toml",
        &(processor("delta", "Delta AG")
            + "# reviewed in October\n"
            + &processor("alpha", "Alpha GmbH")
            + &processor("beta", "Beta Dienste GmbH")),
    );
    write(
        root,
        "tom/backups.toml",
        &(format!("# nightly\n{b2}") + "\n\n" + &b1),
    );
    write(root, "tom/systems.toml", &(s2 + &s1));
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "moved and edited"]);
    let (out, after) = sarif(root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let second = fingerprints(&after);

    for (key, hash) in &first {
        assert_eq!(
            second.get(key),
            Some(hash),
            "{key:?} changed its fingerprint"
        );
    }
    // The new provider's finding is a new alert, not one of the old ones.
    let new: Vec<_> = second
        .iter()
        .filter(|(k, _)| !first.contains_key(*k))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].0 .1, "provider:delta");
    assert!(!first.values().any(|h| h == new[0].1));
    // The gate's own key is still there beside it.
    for r in after["runs"][0]["results"].as_array().unwrap() {
        assert!(r["partialFingerprints"]["tomcheckFinding/v1"].is_string());
    }
}

#[test]
fn waived_findings_are_not_open_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "tom/organization.toml", ORGANIZATION);
    write(root, "tom/measures.toml", &measures());
    write(
        root,
        "tom/providers.toml",
        &(processor("alpha", "Alpha GmbH") + &processor("beta", "Beta GmbH")),
    );
    write(
        root,
        "tom/waivers.toml",
        "[[waiver]]\nid = \"w\"\nrule = \"avv.missing\"\nsubject = \"provider:alpha\"\nreason = \"Vertrag liegt zur Unterschrift vor\"\napproved_by = \"DSB\"\nexpires = 2027-01-31\n",
    );
    let (out, log) = sarif(root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let run = &log["runs"][0];
    let subjects: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["properties"]["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["provider:beta"]);
    assert!(run["results"][0].get("suppressions").is_none());
    let waived = run["properties"]["waived"].as_array().unwrap();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["subject"], "provider:alpha");
    assert_eq!(waived[0]["ruleId"], "avv.missing");
}

/// GitHub's anchor of a Markdown heading: lowercase, punctuation but `-` and `_` dropped.
fn github_anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
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

#[test]
fn rules_carry_github_properties_links_and_the_configured_severity() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "tom/organization.toml", ORGANIZATION);
    write(root, "tom/measures.toml", &measures());
    write(
        root,
        "tom/providers.toml",
        &processor("alpha", "Alpha GmbH"),
    );
    write(
        root,
        "tomcheck.toml",
        "[rules]\n\"backup.restore-untested\" = \"deny\"\n\"review.overdue\" = \"off\"\n",
    );
    let (out, log) = sarif(root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let run = &log["runs"][0];
    let docs = std::fs::read_to_string(manifest_dir().join("docs/rules.md")).unwrap();
    let headings: BTreeSet<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(github_anchor)
        .collect();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let prefix = format!(
        "https://github.com/tomcheck/tomcheck/blob/v{}/docs/rules.md#",
        env!("CARGO_PKG_VERSION")
    );
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let uri = rule["helpUri"].as_str().unwrap_or_else(|| panic!("{id}"));
        let anchor = uri
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{id}: {uri}"));
        assert!(headings.contains(anchor), "{id}: no section #{anchor}");
        let props = &rule["properties"];
        let security: f64 = props["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&security), "{id}");
        assert!(props["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "security"));
        assert_eq!(props["precision"], "very-high", "{id}");
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        let problem = props["problem.severity"].as_str().unwrap();
        let expected = match level {
            "error" => "error",
            "warning" => "warning",
            _ => "recommendation",
        };
        assert_eq!(problem, expected, "{id}");
    }
    let rule = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert!(rule("waiver.expired")["helpUri"].is_string());
    assert_eq!(
        rule("backup.restore-untested")["defaultConfiguration"]["level"],
        "error"
    );
    assert_eq!(
        rule("backup.restore-untested")["properties"]["security-severity"],
        "7.5"
    );
    assert_eq!(
        rule("review.overdue")["defaultConfiguration"]["enabled"],
        false
    );
    assert_eq!(
        rule("backup.missing")["defaultConfiguration"]["level"],
        "warning"
    );
    assert!(rule("backup.missing")["defaultConfiguration"]
        .get("enabled")
        .is_none());

    assert_eq!(run["automationDetails"]["id"], "tomcheck/");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
}

/// The TOM of a subdirectory of a repository is its own analysis.
#[test]
fn the_automation_id_names_the_tom_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    let sub = root.join("compliance/de");
    write(&sub, "tom/organization.toml", ORGANIZATION);
    write(&sub, "tom/measures.toml", &measures());
    let out = tomcheck(
        root,
        &[
            "-C",
            "compliance/de",
            "check",
            "--today",
            TODAY,
            "--format",
            "sarif",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"],
        "tomcheck/compliance/de/"
    );
}

fn broken_tom(root: &Path) {
    write(root, "tom/organization.toml", ORGANIZATION);
    write(
        root,
        "tom/providers.toml",
        "[[provider]]\nid = \"alpha\"\nname = \"Alpha GmbH\"\ncountry = \"DE\"\nrole = \"processor\"\nnmae = \"typo\"\n",
    );
}

#[test]
fn a_check_that_cannot_run_still_writes_a_failed_sarif_invocation() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    broken_tom(root);
    let (out, log) = sarif(root, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    // The human diagnostic still goes to stderr.
    assert!(String::from_utf8_lossy(&out.stderr).contains("nmae"));
    let run = &log["runs"][0];
    // No verdict: no results, and the invocation failed.
    assert_eq!(run["results"], serde_json::json!([]), "{run}");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["exitCode"], 2);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(!notes.is_empty());
    let note = &notes[0];
    assert_eq!(note["level"], "error");
    assert!(
        note["message"]["text"].as_str().unwrap().contains("nmae"),
        "{note}"
    );
    let loc = &note["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "tom/providers.toml");
    assert_eq!(loc["region"]["startLine"], 6);
    let id = note["descriptor"]["id"].as_str().unwrap();
    let index = note["descriptor"]["index"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["notifications"][index]["id"], id);
    assert_eq!(run["automationDetails"]["id"], "tomcheck/");
}

/// Runs Microsoft's SARIF validator with GitHub's rules over the files; returns its
/// error and warning results (the validator exits 0 either way).
fn validate(files: &[PathBuf]) -> Vec<String> {
    let multitool = tool("sarif-multitool");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("validation.sarif");
    let out = Command::new(multitool)
        .arg("validate")
        .args(files)
        // The npm wrapper hands its arguments to a shell, which would split at `;`.
        .args(["--rule-kind", "\"Gh;Sarif\"", "--output"])
        .arg(&log)
        .output()
        .unwrap();
    assert!(
        out.status.success() && log.is_file(),
        "sarif-multitool failed: {}",
        text(&out)
    );
    let log: Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| matches!(r["level"].as_str(), None | Some("error") | Some("warning")))
        .map(|r| r.to_string())
        .collect()
}

#[test]
fn every_fixture_and_an_exit_2_log_pass_the_validator_with_githubs_rules() {
    let out_dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("tom").is_dir())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() > 5);
    for fixture in fixtures {
        let (out, _) = sarif(&fixture, &[]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", text(&out));
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let file = out_dir.path().join(format!("{name}.sarif"));
        std::fs::write(&file, &out.stdout).unwrap();
        files.push(file);
    }
    let broken = tempfile::tempdir().unwrap();
    broken_tom(broken.path());
    let (out, _) = sarif(broken.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let file = out_dir.path().join("exit-2.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    files.push(file);

    let problems = validate(&files);
    assert!(
        problems.is_empty(),
        "SARIF validator:\n{}",
        problems.join("\n")
    );

    // The validator is really running GitHub's rules: a result without a location
    // breaks one of them.
    let mut log: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    let bad_dir = tempfile::tempdir().unwrap();
    let bad = bad_dir.path().join("bad.sarif");
    let results = log["runs"][0]["results"].as_array_mut().unwrap();
    if results.is_empty() {
        let (_, other) = sarif(&manifest_dir().join("tests/fixtures/rule-avv-missing"), &[]);
        log = other;
    }
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("locations");
    std::fs::write(&bad, serde_json::to_vec(&log).unwrap()).unwrap();
    let problems = validate(&[bad]);
    assert!(
        problems.iter().any(|p| p.contains("GH10")),
        "expected a GitHub rule to fire: {problems:?}"
    );
}
