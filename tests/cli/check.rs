//! `tomcheck check` end to end: the real binary on the example TOM, the fixtures, and
//! temporary git repositories for the working tree, `--staged` and `--rev`.

use crate::support::*;

#[test]
fn example_tom_is_clean() {
    let out = run(&manifest_dir(), &["check", "--today", TODAY], 0);
    assert!(stdout(&out).starts_with("no findings"), "{}", stdout(&out));
}

/// The one test on the real calendar: the example TOM (and so this repository's own
/// gate) is still clean three months from now. It fails 90 days before a review, a
/// restore test or an operating system of the example runs out, which is the time to
/// refresh the example, not the day the pull requests turn red.
#[test]
fn example_tom_is_clean_three_months_ahead() {
    let ahead = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(90))
        .unwrap()
        .to_string();
    let out = run(&manifest_dir(), &["check", "--today", &ahead], 0);
    assert!(stdout(&out).starts_with("no findings"), "{}", stdout(&out));
}

#[test]
fn seed_004_has_the_documented_findings() {
    let dir = manifest_dir().join("tests/fixtures/seed-004");
    let report = check_json(&dir, &[], 1);
    let found = rule_subjects(&report);
    let has = |rule: &str, subject: &str| found.iter().any(|(r, s)| r == rule && s == subject);
    assert!(has("backup.offsite", "backup:server-intern"), "{found:?}");
    assert!(has("system.eol", "system:desktop-pc"), "{found:?}");
    for quiet in [
        "provider:postbank",
        "provider:google-drive",
        "provider:dropbox",
    ] {
        assert!(
            !found.iter().any(|(_, s)| s == quiet),
            "{quiet} must not have findings: {found:?}"
        );
    }
    // Every located finding names its file, line and column.
    let eol = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "system.eol" && f["subject"] == "system:desktop-pc")
        .unwrap();
    assert_eq!(eol["file"], "tom/systems.toml");
    assert!(eol["line"].as_u64().unwrap() > 1);
    assert_eq!(report["version"], 1);
}

#[test]
fn seed_004_human_output_points_into_the_toml() {
    let dir = manifest_dir().join("tests/fixtures/seed-004");
    let text = stdout(&run(&dir, &["check", "--today", TODAY], 1));
    assert!(text.contains("╭─[tom/backups.toml:"), "{text}");
    assert!(text.contains("os = \"Windows 7 Pro\""), "{text}");
    assert!(text.contains("legal basis: Art. 32(1)"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "NO_COLOR output must not contain escape codes"
    );
}

/// Pins the human and JSON output of every fixture (`tests/fixtures/*/`).
#[test]
fn fixture_snapshots() {
    for dir in fixtures() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let check = |args: &[&str]| {
            tomcheck()
                .current_dir(&dir)
                .args(["check", "--today", TODAY])
                .args(args)
                .output()
                .unwrap()
        };
        let human = check(&[]);
        let json_out = check(&["--format", "json"]);
        assert_eq!(human.status.code(), json_out.status.code());
        assert_ne!(human.status.code(), Some(2), "{name}: {}", stderr(&human));
        insta::assert_snapshot!(format!("{name}.human"), stdout(&human));
        insta::assert_snapshot!(format!("{name}.json"), stdout(&json_out));
        // Each rule fixture (`rule-<id>`, or `rule-<id>--<variant>`) produces its rule
        // and nothing else, but for the one info finding every TOM written before
        // measures had tags gets (`encryption.transit-missing` on control:encryption).
        // A finding a waiver of the fixture accepts is shown, but not produced.
        let report = json(&json_out);
        let rules: std::collections::BTreeSet<String> = rule_subjects(&report)
            .into_iter()
            .filter(|(r, s)| {
                name == "rule-encryption-transit-missing"
                    || !(r == "encryption.transit-missing" && s == "control:encryption")
            })
            .map(|(r, _)| r)
            .collect();
        if let Some(rule) = name.strip_prefix("rule-") {
            let rule = rule.split("--").next().unwrap();
            let expected = rule.replacen('-', ".", 1);
            let open: std::collections::BTreeSet<&str> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["waived"] != true)
                .filter(|f| {
                    name == "rule-encryption-transit-missing"
                        || !(f["rule"] == "encryption.transit-missing"
                            && f["subject"] == "control:encryption")
                })
                .map(|f| f["rule"].as_str().unwrap())
                .collect();
            assert_eq!(
                open.into_iter().collect::<Vec<_>>(),
                [expected.as_str()],
                "{name}"
            );
        }
        if name == "near-misses" {
            assert!(rules.is_empty(), "near misses must not fire: {rules:?}");
            assert_eq!(human.status.code(), Some(0));
        }
    }
}

#[test]
fn worktree_outside_git_and_exit_codes() {
    // Not a git repository: the working tree is still checked.
    let repo = Repo::plain();
    write_clean_tom(&repo);
    let check = ["check", "--today", TODAY];
    run(repo.path(), &check, 0);
    repo.write("tom/providers.toml", &provider("hoster", false));
    let bad = run(repo.path(), &check, 1);
    assert!(stdout(&bad).contains("avv.missing"));
    // A warning fails only with --fail-on warn.
    repo.write("tom/providers.toml", &provider("hoster", true));
    repo.write(
        "tom/organization.toml",
        "[organization]\nname = \"Muster GmbH\"\n",
    );
    let warn = run(repo.path(), &check, 0);
    assert!(stdout(&warn).contains("review.overdue"));
    run(
        repo.path(),
        &["check", "--today", TODAY, "--fail-on", "warn"],
        1,
    );
    // --staged needs a repository.
    let staged = run(repo.path(), &["check", "--staged"], 2);
    assert!(stderr(&staged).contains("not inside a git repository"));
}

#[test]
fn staged_checks_the_index_not_the_working_tree() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("clean TOM");
    let staged = ["check", "--staged", "--today", TODAY];
    let worktree = ["check", "--today", TODAY];

    // A bad file in the working tree, the good one staged: --staged passes.
    repo.write("tom/providers.toml", &provider("hoster", false));
    run(repo.path(), &staged, 0);
    run(repo.path(), &worktree, 1);

    // Vice versa: the bad file staged, the working tree fixed.
    repo.git(&["add", "tom/providers.toml"]);
    repo.write("tom/providers.toml", &provider("hoster", true));
    let out = run(repo.path(), &staged, 1);
    assert!(
        stdout(&out).contains("tom/providers.toml (staged)"),
        "{}",
        stdout(&out)
    );
    run(repo.path(), &worktree, 0);

    // A staged deletion is respected: a new bad file staged then removed from the index.
    repo.write("tom/providers.toml", &provider("hoster", true));
    repo.write("tom/extra.toml", &provider("extra", false));
    repo.git(&["add", "-A"]);
    repo.git(&["rm", "-q", "--cached", "tom/extra.toml"]);
    run(repo.path(), &staged, 0);
}

#[test]
fn partial_staging_is_respected() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("clean TOM");
    // Stage only the first hunk (a bad provider) with `git apply --cached`.
    let bad = format!(
        "{}{}",
        provider("hoster", true),
        provider("newcomer", false)
    );
    repo.write("tom/providers.toml", &bad);
    let diff = repo.git(&["diff", "tom/providers.toml"]);
    repo.write("p.patch", &diff);
    repo.git(&["apply", "--cached", "p.patch"]);
    repo.remove("p.patch");
    // The working tree then fixes the newcomer without staging the fix.
    let fixed = format!("{}{}", provider("hoster", true), provider("newcomer", true));
    repo.write("tom/providers.toml", &fixed);
    assert_eq!(
        rule_subjects(&check_json(repo.path(), &["--staged"], 1)),
        [("avv.missing".to_string(), "provider:newcomer".to_string())]
    );
}

#[test]
fn rev_checks_an_old_commit_without_touching_the_working_tree() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.commit_all("TOM without AVV");
    repo.git(&["tag", "v1"]);
    write_clean_tom(&repo);
    repo.commit_all("AVV signed");
    repo.write("tom/scratch.toml", "this is not toml = = =");
    let before = repo.read("tom/providers.toml");

    let old = run(
        repo.path(),
        &["check", "--rev", "HEAD~1", "--today", TODAY],
        1,
    );
    let short = repo.git(&["rev-parse", "--short", "HEAD~1"]);
    assert!(
        stdout(&old).contains(&format!("tom/providers.toml @ {}", short.trim())),
        "{}",
        stdout(&old)
    );
    let report = check_json(repo.path(), &["--rev", "v1"], 1);
    assert_eq!(report["revision"], repo.git(&["rev-parse", "v1"]).trim());
    run(
        repo.path(),
        &["check", "--rev", "HEAD", "--today", TODAY],
        0,
    );
    // Reflog-style dates resolve too.
    run(
        repo.path(),
        &["check", "--rev", "main@{2030-01-01}", "--today", TODAY],
        0,
    );

    assert_eq!(repo.read("tom/providers.toml"), before);
    assert!(repo.path().join("tom/scratch.toml").exists());
    let unknown = run(repo.path(), &["check", "--rev", "nope"], 2);
    assert!(stderr(&unknown).contains("unknown revision 'nope'"));
}

#[test]
fn runs_from_a_subdirectory_with_dash_c() {
    let repo = Repo::new();
    repo.write("compliance/tom/org.toml", ORGANIZATION);
    repo.write("compliance/tom/measures.toml", &measures());
    repo.write("compliance/tom/p.toml", &provider("x", false));
    repo.commit_all("TOM in a subdirectory");
    let report = check_json(repo.path(), &["-C", "compliance", "--rev", "HEAD"], 1);
    assert_eq!(report["findings"][0]["file"], "tom/p.toml");
}

/// Each case: files, expected text in the diagnostic (file:line and offending text).
#[test]
fn bad_input_exits_2_with_a_located_diagnostic() {
    // (name, files, texts the diagnostic must contain)
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: &[Case] = &[
        ("malformed toml", &[("tom/a.toml", "[organization]\nname = \"X\n")], &["tom/a.toml:2", "toml-syntax"]),
        ("unknown key", &[("tom/a.toml", "[organization]\nname = \"X\"\nreviewd = 2026-01-01\n")], &["tom/a.toml:3", "reviewd", "did you mean `reviewed`"]),
        (
            "duplicate id across files",
            &[("tom/a.toml", "[[provider]]\nid = \"x\"\nname = \"A\"\n"), ("tom/b.toml", "[[provider]]\nid = \"x\"\nname = \"B\"\n")],
            &["duplicate provider id `x`", "tom/b.toml:2", "tom/a.toml:2", "first defined here"],
        ),
        (
            "dangling reference",
            &[("tom/a.toml", "[[provider]]\nid = \"hetzner\"\nname = \"H\"\n\n[[location]]\nid = \"fsn1\"\nprovider = \"hetzer\"\n")],
            &["tom/a.toml:7", "unknown provider `hetzer`", "did you mean `hetzner`"],
        ),
        ("policy syntax error", &[("tom/a.toml", "[organization]\nname = \"X\"\n"), ("policies/bad.rego", "package tom.bad\n\ndeny contains x if {\n  x := [1,\n}\n")], &["policies/bad.rego:", "rego-syntax"]),
        ("config error", &[("tom/a.toml", "[organization]\nname = \"X\"\n"), ("tomcheck.toml", "fail_on = \"loud\"\n")], &["tomcheck.toml:1", "fail_on"]),
        ("wrong type", &[("tom/a.toml", "[[system]]\nid = \"pc\"\npersonal_data = \"yes\"\n")], &["tom/a.toml:3", "must be true or false"]),
        ("bad enum", &[("tom/a.toml", "[[provider]]\nid = \"p\"\nname = \"P\"\nrole = \"prozessor\"\n")], &["tom/a.toml:4", "did you mean \"processor\""]),
        ("invalid date", &[("tom/a.toml", "[organization]\nname = \"X\"\nreviewed = 2026-02-30\n")], &["tom/a.toml:3"]),
        ("merge conflict", &[("tom/a.toml", "<<<<<<< HEAD\n[organization]\n=======\n>>>>>>> other\n")], &["merge-conflict markers", "tom/a.toml:1"]),
        ("empty tom", &[("tom/.keep", "")], &["holds no .toml files"]),
        ("missing tom", &[("README", "")], &["no TOM directory `tom/`"]),
    ];
    for (name, files, expected) in cases {
        let dir = Repo::plain();
        for (path, text) in *files {
            dir.write(path, text);
        }
        let err = stderr(&run(dir.path(), &["check"], 2));
        assert!(!err.contains("panicked"), "{name}: {err}");
        for needle in *expected {
            assert!(
                err.contains(needle),
                "{name}: expected `{needle}` in:\n{err}"
            );
        }
    }
}

#[test]
fn policies_cannot_read_the_clock() {
    let dir = Repo::plain();
    dir.write("tom/a.toml", "[organization]\nname = \"X\"\n");
    dir.write(
        "policies/clock.rego",
        "package tom.clock\n\ninfo contains sprintf(\"now=%d\", [time.now_ns()])\n",
    );
    let report = check_json(dir.path(), &["--no-builtin", "--today", "2001-02-03"], 0);
    // 2001-02-03T00:00:00Z
    assert_eq!(report["findings"][0]["message"], "now=981158400000000000");
}

#[test]
fn config_overrides_and_switches_off_rules() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"warn\"\n");
    let report = check_json(repo.path(), &[], 0);
    assert_eq!(report["findings"][0]["severity"], "warn");
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"off\"\n");
    let report = check_json(repo.path(), &[], 0);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    repo.write("tomcheck.toml", "[rules]\n\"avv.mising\" = \"off\"\n");
    let out = run(repo.path(), &["check", "--today", TODAY], 2);
    assert!(
        stderr(&out).contains("did you mean `avv.missing`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn schema_validates_the_example_and_rejects_unknown_keys() {
    let schema = run_json(&manifest_dir(), &["schema"], 0);
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let tom = manifest_dir().join("tom");
    let mut files: Vec<_> = std::fs::read_dir(&tom)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the example TOM has files");
    for file in &files {
        let doc: toml::Value = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        // Dates become strings, as taplo presents them to schemas.
        let doc = to_json(doc);
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let typo: serde_json::Value =
        serde_json::json!({"provider": [{"id": "x", "name": "X", "avv_signed": "2026-01-01"}]});
    assert!(!validator.is_valid(&typo));
    // Format 1.1: keys that need or exclude each other.
    let provider = |avv: serde_json::Value| serde_json::json!({"provider": [{"id": "x", "name": "X", "processing": ["EU", "US"], "avv": avv}]});
    let measure = |extra: serde_json::Value| {
        let mut m =
            serde_json::json!({"id": "m", "control": "input", "text": "t", "tags": ["logging"]});
        m.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::json!({ "measure": [m] })
    };
    for (valid, doc) in [
        (true, provider(serde_json::json!({"signed": "2025-01-01"}))),
        (true, provider(serde_json::json!({"status": "draft"}))),
        (
            true,
            provider(serde_json::json!({"form": "terms", "accepted": "2025-01-01"})),
        ),
        (false, provider(serde_json::json!({"document": "x.pdf"}))),
        (
            false,
            provider(serde_json::json!({"signed": "2025-01-01", "accepted": "2025-01-01"})),
        ),
        (
            true,
            measure(serde_json::json!({"status": "not-applicable", "reason": "r"})),
        ),
        (
            false,
            measure(serde_json::json!({"status": "not-applicable"})),
        ),
        (false, measure(serde_json::json!({"tags": ["loging"]}))),
        (
            true,
            serde_json::json!({"organization": {"name": "X", "certifications": [{"standard": "ISO 27001", "valid_until": "2027-01-01"}]}}),
        ),
    ] {
        assert_eq!(validator.is_valid(&doc), valid, "{doc}");
    }
}

fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(to_json).collect(),
        toml::Value::Table(t) => t
            .into_iter()
            .map(|(k, v)| (k, to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => serde_json::to_value(other).unwrap(),
    }
}

#[test]
fn narrated_output_names_file_and_line() {
    let dir = Repo::plain();
    dir.write(
        "tom/a.toml",
        "[organization]\nname = \"X\"\nreviewd = 2026-01-01\n",
    );
    let err = stderr(&run(dir.path(), &["--narrate", "check"], 2));
    assert!(err.contains("Begin snippet for tom/a.toml"), "{err}");
    assert!(err.contains("label at line 3, columns 1 to 7"), "{err}");
    assert!(!err.contains('╭'), "{err}");
}

#[test]
fn extra_policy_dirs_and_colour_choice() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    let extra = Repo::plain();
    extra.write("dpo.rego", DPO_POLICY);
    let dir = extra.path().to_str().unwrap();
    let dpo_only = [("dpo.missing".to_string(), "organization".to_string())];
    let report = check_json(repo.path(), &["--policy", dir], 0);
    assert_eq!(rule_subjects(&report), dpo_only);
    // --no-builtin leaves only the extra policy.
    repo.write("tom/providers.toml", &provider("hoster", false));
    let report = check_json(repo.path(), &["--policy", dir, "--no-builtin"], 0);
    assert_eq!(rule_subjects(&report), dpo_only);
    // Colour only when asked for (NO_COLOR is set by the test helper; --color always wins).
    let plain = run(repo.path(), &["check", "--today", TODAY], 1);
    assert!(!stdout(&plain).contains('\u{1b}'));
    let coloured = run(
        repo.path(),
        &["--color", "always", "check", "--today", TODAY],
        1,
    );
    assert!(
        stdout(&coloured).contains('\u{1b}'),
        "{}",
        stdout(&coloured)
    );
}

/// A repository policy: a warning when the organisation names no data protection officer.
const DPO_POLICY: &str = "package tom.dpo\n\n# METADATA\n# title: No DPO named\n# custom:\n#   id: dpo.missing\n#   severity: warn\nwarn contains {\"rule\": \"dpo.missing\", \"subject\": \"organization\", \"field\": \"dpo\", \"message\": \"no DPO is named\"} if {\n  not input.organization.dpo\n}\n";

/// Pins that `--policy DIR` is relative to `-C DIR`, like every other path argument:
/// `tomcheck -C compliance check --policy extra` once failed with "no such directory".
#[test]
fn policy_dirs_are_relative_to_dash_c() {
    let repo = Repo::new();
    repo.write("compliance/tom/organization.toml", ORGANIZATION);
    repo.write("compliance/tom/measures.toml", &measures());
    repo.write("compliance/extra/dpo.rego", DPO_POLICY);
    let report = check_json(repo.path(), &["-C", "compliance", "--policy", "extra"], 0);
    assert_eq!(
        rule_subjects(&report),
        [("dpo.missing".to_string(), "organization".to_string())]
    );
}
