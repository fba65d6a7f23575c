//! The CI-facing outputs and files: `--format github|sarif|junit|markdown`, the job
//! summary, `tomcheck init`, completions and the man page, and the GitHub Action and
//! workflows under `actionlint`. SARIF is checked with Microsoft's validator
//! (`@microsoft/sarif-multitool`) and the workflows with `actionlint`; a missing tool
//! fails the test (`scripts/install-test-tools.sh` installs them).

use std::path::PathBuf;

use crate::support::*;

// --- GitHub ------------------------------------------------------------------------

/// Regression: TOM text is untrusted; it must not be able to start a
/// workflow command of its own.
#[test]
fn github_output_cannot_be_used_to_inject_workflow_commands() {
    let repo = Repo::new();
    let names = [
        "x%0A::error::owned",
        "y\n::error::owned\r\n::add-mask::z",
        "z::warning file=a,line=1::owned",
    ];
    let providers: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| named_provider(&format!("p{i}"), n, false))
        .collect();
    write_tom(&repo, &providers);
    // A file name with the property separators in it.
    repo.write(
        "tom/more,a:b.toml",
        &named_provider("p9", "Komma, Doppel:punkt", false),
    );
    let out = check(repo.path(), &["--format", "github"], 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // One command per finding plus the summary line, nothing else.
    assert_eq!(lines.len(), 5, "{text}");
    let commands: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 4, "{text}");
    assert!(
        commands.iter().all(|l| l.starts_with("::error file=tom/")),
        "{text}"
    );
    assert!(lines[4].starts_with("tomcheck: 4 deny"), "{text}");
    assert!(!text.contains("\r"));
    assert!(text.contains("x%250A::error::owned"), "{text}");
    // The carriage return is gone before escaping: no output line can be overwritten.
    assert!(
        text.contains("y%0A::error::owned%0A::add-mask::z"),
        "{text}"
    );
    assert!(
        text.contains("file=tom/more%2Ca%3Ab.toml,line=1,col=1"),
        "{text}"
    );
    // Titles are properties: `:` and `,` escaped.
    assert!(
        text.contains("title=avv.missing · provider%3Ap0::"),
        "{text}"
    );
}

/// Pins that an annotation's level follows `--fail-on`: a warning that fails the check is
/// an `::error` (it was a `::warning`, so the pull request hid what blocked it), and one
/// that does not fail stays a `::warning`.
#[test]
fn github_annotates_what_fails_as_an_error() {
    let repo = Repo::plain();
    write_tom(&repo, &provider("hoster", true));
    // No review date: `review.overdue`, a warning, and the only finding.
    repo.write(
        "tom/organization.toml",
        "[organization]\nname = \"Muster GmbH\"\ncountry = \"DE\"\n",
    );
    let annotation = |fail_on: &[&str], exit: i32| {
        let args: Vec<&str> = ["--format", "github"]
            .iter()
            .chain(fail_on)
            .copied()
            .collect();
        let text = stdout(&check(repo.path(), &args, exit));
        let commands: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with("::"))
            .map(str::to_string)
            .collect();
        assert_eq!(commands.len(), 1, "{text}");
        assert!(commands[0].contains("title=review.overdue"), "{text}");
        commands[0].clone()
    };
    assert!(
        annotation(&["--fail-on", "warn"], 1).starts_with("::error file=tom/organization.toml,")
    );
    assert!(annotation(&[], 0).starts_with("::warning file=tom/organization.toml,"));
}

#[test]
fn github_format_appends_a_job_summary() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT <b>Weber</b> | ok", false)),
    );
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", false)
            + &named_provider("it-admin", "IT <b>Weber</b> | ok", true)),
    );
    repo.commit_all("pr");
    let summary = repo.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let out = repo
        .tomcheck()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check", "--base", "main", "--today", TODAY, "--format", "github",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("previous step\n## tomcheck: ❌ 1 finding fails the check"),
        "{md}"
    );
    assert!(md.contains("**1 new**, 0 existing, 1 resolved"), "{md}");
    assert!(md.contains("### New findings (1)"), "{md}");
    assert!(md.contains("### Resolved findings (1)"), "{md}");
    assert!(md.contains("IT &lt;b&gt;Weber&lt;/b&gt; \\| ok"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
}

/// Annotations and SARIF name files relative to the repository root, also when the TOM
/// lives in a subdirectory checked with `-C` (the action's `path` input).
#[test]
fn paths_are_relative_to_the_repository_root() {
    let repo = Repo::new();
    let sub = Repo {
        dir: tempfile::tempdir_in(repo.path()).unwrap(),
    };
    write_tom(&sub, &named_provider("it-admin", "IT-Service Weber", false));
    let name = sub
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let out = run(
        repo.path(),
        &["-C", &name, "check", "--today", TODAY, "--format", "github"],
        1,
    );
    let expected = format!("::error file={name}/tom/providers.toml,line=");
    assert!(stdout(&out).starts_with(&expected), "{}", stdout(&out));
    let out = repo
        .tomcheck()
        .args(["-C", &name, "check", "--today", TODAY, "--format", "sarif"])
        .output()
        .unwrap();
    let sarif = json(&out);
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        format!("{name}/tom/providers.toml")
    );
}

// --- SARIF -------------------------------------------------------------------------

fn sarif_checks(sarif: &serde_json::Value) {
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        assert!(rule["shortDescription"]["text"].is_string(), "{rule}");
        assert!(rule["defaultConfiguration"]["level"].is_string(), "{rule}");
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains(':'),
            "relative URI: {uri}"
        );
        let key = result["partialFingerprints"]["tomcheckFinding/v1"]
            .as_str()
            .unwrap();
        assert!(key.starts_with(result["ruleId"].as_str().unwrap()), "{key}");
    }
}

/// Runs Microsoft's SARIF validator over the files and returns its error and warning
/// results (the validator exits 0 either way; its findings are in its output log).
fn validate_sarif(files: &[PathBuf]) -> Vec<String> {
    let multitool = tool("sarif-multitool");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("validation.sarif");
    let out = std::process::Command::new(multitool)
        .arg("validate")
        .args(files)
        .arg("--output")
        .arg(&log)
        .output()
        .unwrap();
    assert!(
        out.status.success() && log.is_file(),
        "sarif-multitool failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
    let problems = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        // A result without a level is a warning (SARIF §3.27.10).
        .filter(|r| matches!(r["level"].as_str(), None | Some("error") | Some("warning")))
        .map(|r| r.to_string())
        .collect();
    problems
}

#[test]
fn sarif_of_every_fixture_and_of_the_gate_passes_microsofts_validator() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for fixture in fixtures() {
        let out = tomcheck()
            .current_dir(&fixture)
            .args(["check", "--today", TODAY, "--format", "sarif"])
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        sarif_checks(&json(&out));
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let file = dir.path().join(format!("{name}.sarif"));
        std::fs::write(&file, &out.stdout).unwrap();
        files.push(file);
    }
    // Gate mode: baselineState, a waiver (suppression), a configuration notice, and the
    // notices of a waiver and an id the change reassigns.
    let repo = Repo::new();
    let waiver = |subject: &str, id: &str| {
        format!("[[waiver]]\nid = \"{id}\"\nrule = \"avv.missing\"\nsubject = \"{subject}\"\nreason = \"Vertrag liegt zur Unterschrift vor\"\napproved_by = \"DSB\"\nexpires = 2027-01-31\n")
    };
    write_tom(
        &repo,
        &(named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("crm", "CRM GmbH", true)),
    );
    repo.write("tom/waivers.toml", &waiver("provider:it-admin", "w"));
    repo.commit_all("base");
    repo.write(
        "tom/providers.toml",
        &(named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("crm", "CRM Nachfolger AG", true)
            + &named_provider("newsletter", "Néwsletter 😀", false)
            + &named_provider("shop", "Shop GmbH", false)),
    );
    repo.write(
        "tom/waivers.toml",
        &(waiver("provider:it-admin", "w") + "\n" + &waiver("provider:shop", "shop")),
    );
    repo.write("tomcheck.toml", "fail_on = \"warn\"\n");
    repo.commit_all("pr");
    let out = run(
        repo.path(),
        &[
            "check", "--base", "HEAD~1", "--today", TODAY, "--format", "sarif",
        ],
        1,
    );
    let sarif = json(&out);
    sarif_checks(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let by_subject = |s: &str| {
        results
            .iter()
            .find(|r| r["properties"]["subject"] == s)
            .unwrap_or_else(|| panic!("no result for {s}: {sarif}"))
    };
    assert_eq!(by_subject("provider:newsletter")["baselineState"], "new");
    // A waived finding is no open alert: not a result, listed in the run's properties.
    assert!(results
        .iter()
        .all(|r| r["properties"]["subject"] != "provider:it-admin"));
    assert_eq!(
        sarif["runs"][0]["properties"]["waived"][0]["subject"],
        "provider:it-admin"
    );
    // A finding only the change's own waiver accepts stays an alert, marked new.
    let shop = by_subject("provider:shop");
    assert_eq!(shop["baselineState"], "new");
    assert_eq!(shop["properties"]["waivedByChange"], true);
    let notes: Vec<&str> = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"]["text"].as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("this change adds waiver \"shop\"")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("this change gives the id provider:crm")),
        "{notes:?}"
    );
    let gate_file = dir.path().join("gate.sarif");
    std::fs::write(&gate_file, &out.stdout).unwrap();
    files.push(gate_file);

    let problems = validate_sarif(&files);
    assert!(
        problems.is_empty(),
        "SARIF validator:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_sarif_validator_catches_a_broken_log() {
    // Proves the validator is really running: a log with a bad region must be reported.
    let dir = tempfile::tempdir().unwrap();
    let mut sarif = json(&check(
        &manifest_dir().join("tests/fixtures/rule-avv-missing"),
        &["--format", "sarif"],
        1,
    ));
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    let file = dir.path().join("broken.sarif");
    std::fs::write(&file, serde_json::to_vec(&sarif).unwrap()).unwrap();
    let problems = validate_sarif(&[file]);
    assert!(
        problems.iter().any(|p| p.contains("startLine")),
        "{problems:?}"
    );
}

// --- JUnit and Markdown --------------------------------------------------------------

#[test]
fn junit_has_a_suite_per_rule_and_fails_what_fails_the_check() {
    let fixture = manifest_dir().join("tests/fixtures/seed-004");
    let out = check(&fixture, &["--format", "junit"], 1);
    let report = quick_junit::Report::deserialize_from_str(&stdout(&out)).expect("valid JUnit XML");
    let json = check_json(&fixture, &[], 1);
    let deny = json["summary"]["deny"].as_u64().unwrap() as usize;
    assert_eq!(report.failures, deny);
    assert!(report
        .test_suites
        .iter()
        .any(|s| s.name.as_str() == "avv.missing"));
    // --fail-on warn turns warnings into failures.
    let out = check(&fixture, &["--format", "junit", "--fail-on", "warn"], 1);
    let report = quick_junit::Report::deserialize_from_str(&stdout(&out)).unwrap();
    let warn = json["summary"]["warn"].as_u64().unwrap() as usize;
    assert_eq!(report.failures, deny + warn);
}

#[test]
fn markdown_keeps_untrusted_text_inert() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider(
            "evil",
            "<img src=x onerror=alert(1)> [click](https://e.example) | `code`",
            false,
        ),
    );
    let out = check(repo.path(), &["--format", "markdown"], 1);
    let md = stdout(&out);
    assert!(!md.contains("<img"), "{md}");
    assert!(
        md.contains(
            "&lt;img src=x onerror=alert(1)&gt; \\[click\\](https://e.example) \\| \\`code\\`"
        ),
        "{md}"
    );
    // Every table row has exactly the five cells of the header: the header and one finding.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 2, "{md}");
    for row in rows {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{row}");
    }
}

/// A copy of a fixture outside any git repository, so paths are the same everywhere.
fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = manifest_dir().join("tests/fixtures").join(name).join("tom");
    std::fs::create_dir(dir.path().join("tom")).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join("tom").join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn format_snapshots() {
    let fixture = fixture_copy("rule-avv-missing");
    for format in ["github", "markdown", "junit"] {
        let out = tomcheck()
            .current_dir(fixture.path())
            .env("GIT_CEILING_DIRECTORIES", fixture.path().parent().unwrap())
            .args(["check", "--today", TODAY, "--format", format])
            .output()
            .unwrap();
        insta::assert_snapshot!(format!("rule-avv-missing.{format}"), stdout(&out));
    }
}

/// The same reports in German: labels and texts change, ids, enum values and structure
/// do not.
#[test]
fn format_snapshots_in_german() {
    let fixture = fixture_copy("rule-avv-missing");
    for (format, german) in [
        ("github", "Rechtsgrundlage:"),
        (
            "markdown",
            "| Schwere | Regel | Gegenstand | Fundstelle | Befund |",
        ),
        ("junit", "Rechtsgrundlage:"),
    ] {
        let out = tomcheck()
            .current_dir(fixture.path())
            .env("GIT_CEILING_DIRECTORIES", fixture.path().parent().unwrap())
            .args([
                "check", "--today", TODAY, "--format", format, "--lang", "de",
            ])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(text.contains(german), "{format}: {german}\n{text}");
        assert!(text.contains("avv.missing"), "{format}\n{text}");
        assert!(!text.contains("legal basis"), "{format}\n{text}");
        insta::assert_snapshot!(format!("rule-avv-missing.{format}.de"), text);
    }
}

// --- init, completions, man ---------------------------------------------------------

#[test]
fn init_scaffolds_a_passing_tom_and_never_overwrites() {
    let repo = Repo::new();
    repo.write(".pre-commit-config.yaml", "repos: []\n");
    let text = stdout(&run(repo.path(), &["init"], 0));
    assert!(text.contains("created tom/organization.toml"), "{text}");
    assert!(text.contains("created .github/workflows/tom.yml"), "{text}");
    assert!(
        text.contains("skipped .pre-commit-config.yaml (it exists; left unchanged)"),
        "{text}"
    );
    assert_eq!(repo.read(".pre-commit-config.yaml"), "repos: []\n");

    // The starter TOM claims nothing that has not happened: `check` reports every
    // placeholder fact until it is filled in.
    let report = crate::support::check_json(repo.path(), &[], 1);
    let mut rules: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "avv.missing",
            "backup.restore-untested",
            // The planned transfer measure is the one tagged encryption-in-transit.
            "encryption.transit-missing",
            "measure.control-missing",
            "review.overdue"
        ],
        "{report}"
    );
    // Filled in (dates recorded, measures implemented), it passes.
    for (file, from, to) in [
        ("tom/organization.toml", "# reviewed = ", "reviewed = "),
        ("tom/providers.toml", "# avv = ", "avv = "),
        (
            "tom/backups.toml",
            "# restore_tested = ",
            "restore_tested = ",
        ),
        (
            "tom/measures.toml",
            "status = \"planned\"",
            "status = \"implemented\"",
        ),
    ] {
        let text = repo.read(file);
        assert!(text.contains(from), "{file}");
        repo.write(file, &text.replace(from, to));
    }
    let out = run(repo.path(), &["check"], 0);
    assert!(stdout(&out).starts_with("no findings"), "{}", stdout(&out));

    // Running it again changes nothing and says so.
    repo.write("tom/providers.toml", "# edited\n");
    let out = run(repo.path(), &["init"], 0);
    assert!(!stdout(&out).contains("created"), "{}", stdout(&out));
    assert_eq!(repo.read("tom/providers.toml"), "# edited\n");

    // The generated workflow passes actionlint, the pre-commit config validates.
    let out = std::process::Command::new(tool("actionlint"))
        .arg(repo.path().join(".github/workflows/tom.yml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// `init --lang de`: a German starter TOM (comments and example texts) with the same
/// keys and enum values, which `check` loads cleanly and judges like the English one.
#[test]
fn init_in_german_scaffolds_a_german_tom_that_checks_cleanly() {
    let repo = Repo::new();
    let text = stdout(&run(repo.path(), &["init", "--lang", "de"], 0));
    assert!(text.contains("tom/organization.toml angelegt"), "{text}");
    assert!(text.contains("als Nächstes:"), "{text}");
    for file in [
        "tomcheck.toml",
        "tom/organization.toml",
        "tom/measures.toml",
    ] {
        insta::assert_snapshot!(
            format!("init.de.{}", file.replace('/', "-")),
            repo.read(file)
        );
    }
    // No input problem: the same placeholder findings as the English starter, in German.
    let report = crate::support::check_json(repo.path(), &[], 1);
    let mut rules: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "avv.missing",
            "backup.restore-untested",
            "encryption.transit-missing",
            "measure.control-missing",
            "review.overdue"
        ],
        "{report}"
    );
    // tomcheck.toml chose German for every later run.
    let out = run(repo.path(), &["check"], 1);
    assert!(
        stdout(&out).contains("bewertet zum 22.11.2026"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    // Running it again says so in German.
    let text = stdout(&run(repo.path(), &["init", "--lang", "de"], 0));
    assert!(
        text.contains("tom/providers.toml übersprungen (existiert bereits; unverändert)"),
        "{text}"
    );
}

#[test]
fn completions_and_man_pages_come_from_the_cli_definition() {
    for (shell, needle) in [
        ("bash", "_tomcheck()"),
        ("zsh", "#compdef tomcheck"),
        ("fish", "complete -c tomcheck"),
    ] {
        let text = stdout(&run(&manifest_dir(), &["completions", shell], 0));
        assert!(text.contains(needle), "{shell}: {text}");
        assert!(text.contains("--base"), "{shell}");
    }
    let out = run(&manifest_dir(), &["man"], 0);
    assert!(
        stdout(&out).starts_with(".ie \\n(.g .ds Aq") || stdout(&out).contains(".TH tomcheck 1")
    );
    let dir = Repo::plain();
    run(
        &manifest_dir(),
        &["man", "--out", dir.path().to_str().unwrap()],
        0,
    );
    let check = std::fs::read_to_string(dir.path().join("tomcheck-check.1")).unwrap();
    assert!(check.contains(".TH tomcheck-check 1"), "{check}");
    assert!(check.contains("new\\-only"), "{check}");
    assert!(dir.path().join("tomcheck-hook.1").is_file());
}

// --- The GitHub Action and the workflows ----------------------------------------------

#[test]
fn the_action_and_the_workflows_pass_actionlint() {
    let root = manifest_dir();
    let action: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(root.join("action.yml")).unwrap()).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["path", "base", "fail-on", "new-only", "sarif", "version"] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "input {input}"
        );
    }
    let steps = action["runs"]["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.iter().any(|u| u.starts_with("actions/cache@")),
        "{uses:?}"
    );
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "{uses:?}"
    );
    for step in steps.iter().filter(|s| s["run"].is_string()) {
        assert_eq!(
            step["shell"], "bash",
            "composite run steps need a shell: {step}"
        );
    }
    // The composite steps' scripts pass shellcheck (actionlint only checks workflows).
    let shellcheck = tool("shellcheck");
    let dir = tempfile::tempdir().unwrap();
    for (i, step) in steps.iter().enumerate() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        let file = dir.path().join(format!("step{i}.sh"));
        std::fs::write(&file, format!("#!/bin/bash\n{script}")).unwrap();
        let out = std::process::Command::new(&shellcheck)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "shellcheck step {i}:\n{}",
            stdout(&out)
        );
    }
    let dogfood = std::fs::read_to_string(root.join(".github/workflows/tom.yml")).unwrap();
    assert!(dogfood.contains("uses: ./"), "{dogfood}");

    let actionlint = tool("actionlint");
    let workflows: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    assert!(!workflows.is_empty());
    // Run from the repository root so `uses: ./` resolves to action.yml and its inputs are checked.
    let out = std::process::Command::new(actionlint)
        .current_dir(&root)
        .args(&workflows)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// Runs the action's "Check the TOM" step script with bash as GitHub would: on a pull
/// request in a shallow clone that lacks the base commit. The step fetches the base,
/// writes annotations, the job summary and SARIF, and reports the exit code as output.
#[test]
fn the_action_check_step_gates_a_pull_request_in_a_shallow_clone() {
    let action: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap())
            .unwrap();
    let step = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "check")
        .expect("a step with id check");
    let script = step["run"].as_str().unwrap();

    let origin = Repo::new();
    write_tom(
        &origin,
        &named_provider("it-admin", "IT-Service Weber", false),
    );
    origin.commit_all("base with legacy debt");
    let base = origin.head();
    origin.write(
        "tom/providers.toml",
        &(named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
    origin.commit_all("pull request");
    let work = tempfile::tempdir().unwrap();
    let clone = work.path().join("clone");
    let url = format!("file://{}", origin.path().display());
    git(work.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);

    let run = |new_only: &str| {
        let temp = tempfile::tempdir_in(work.path()).unwrap();
        let output = temp.path().join("output");
        let summary = temp.path().join("summary.md");
        let out = command("bash")
            .current_dir(&clone)
            .args(["-e", "-c", script])
            .env("TOMCHECK", bin())
            .env("INPUT_PATH", ".")
            .env("INPUT_BASE", "")
            .env("INPUT_FAIL_ON", "")
            .env("INPUT_NEW_ONLY", new_only)
            .env("INPUT_SARIF", "true")
            .env("PR_BASE_SHA", &base)
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("RUNNER_TEMP", temp.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the step itself succeeds: {}",
            stderr(&out)
        );
        let outputs = std::fs::read_to_string(&output).unwrap();
        let sarif = std::fs::read(temp.path().join("tomcheck.sarif")).unwrap();
        let summary = std::fs::read_to_string(&summary).unwrap();
        (stdout(&out), outputs, sarif, summary, temp)
    };

    let (annotations, outputs, sarif, summary, _temp) = run("true");
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(outputs.contains("sarif-file="), "{outputs}");
    let error_lines: Vec<&str> = annotations
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(error_lines.len(), 1, "{annotations}");
    assert!(
        error_lines[0].contains("provider%3Anewsletter (new)"),
        "{annotations}"
    );
    // The legacy finding is shown but does not fail under new-only.
    assert!(
        annotations
            .lines()
            .any(|l| l.starts_with("::warning ") && l.contains("provider%3Ait-admin (existing)")),
        "{annotations}"
    );
    assert!(
        summary.contains("**1 new**, 1 existing, 0 resolved"),
        "{summary}"
    );
    let sarif: serde_json::Value = serde_json::from_slice(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);

    // Outside new-only the legacy finding fails too; the exit code says so.
    let (annotations, outputs, ..) = run("false");
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    let errors = annotations
        .lines()
        .filter(|l| l.starts_with("::error "))
        .count();
    assert_eq!(errors, 2, "{annotations}");
}
