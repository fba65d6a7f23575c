//! `tomcheck check` end to end: the real binary on the example TOM, the fixtures, and
//! temporary git repositories for the working tree, `--staged` and `--rev`.

use crate::common;

use common::*;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn example_tom_is_clean() {
    let out = tomcheck()
        .current_dir(manifest_dir())
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).starts_with("no findings"), "{}", stdout(&out));
}

#[test]
fn seed_004_has_the_documented_findings() {
    let dir = manifest_dir().join("tests/fixtures/seed-004");
    let out = tomcheck()
        .current_dir(&dir)
        .args(["check", "--today", "2026-11-22", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
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
    let out = tomcheck()
        .current_dir(&dir)
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
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
    let root = manifest_dir().join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("tom").is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 16, "fixtures missing: {dirs:?}");
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let human = tomcheck()
            .current_dir(&dir)
            .args(["check", "--today", "2026-11-22"])
            .output()
            .unwrap();
        let json_out = tomcheck()
            .current_dir(&dir)
            .args(["check", "--today", "2026-11-22", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(human.status.code(), json_out.status.code());
        assert_ne!(human.status.code(), Some(2), "{name}: {}", stderr(&human));
        insta::assert_snapshot!(format!("{name}.human"), stdout(&human));
        insta::assert_snapshot!(format!("{name}.json"), stdout(&json_out));
        // Each rule fixture produces its rule and nothing else.
        let report = json(&json_out);
        let rules: std::collections::BTreeSet<String> =
            rule_subjects(&report).into_iter().map(|(r, _)| r).collect();
        if let Some(rule) = name.strip_prefix("rule-") {
            let expected = rule.replacen('-', ".", 1);
            assert_eq!(rules.iter().collect::<Vec<_>>(), vec![&expected], "{name}");
        }
        if name == "near-misses" {
            assert!(rules.is_empty(), "near misses must not fire: {rules:?}");
            assert_eq!(human.status.code(), Some(0));
        }
    }
}

#[test]
fn worktree_outside_git_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repo { dir };
    // Not a git repository: the working tree is still checked.
    std::fs::remove_dir_all(repo.path().join(".git")).ok();
    write_clean_tom(&repo);
    let ok = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));
    repo.write("tom/providers.toml", &provider("hoster", false));
    let bad = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("avv.missing"));
    // A warning fails only with --fail-on warn.
    repo.write("tom/providers.toml", &provider("hoster", true));
    repo.write(
        "tom/organization.toml",
        "[organization]\nname = \"Muster GmbH\"\n",
    );
    let warn = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(warn.status.code(), Some(0), "{}", stdout(&warn));
    assert!(stdout(&warn).contains("review.overdue"));
    let strict = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22", "--fail-on", "warn"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    // --staged needs a repository.
    let staged = repo
        .tomcheck()
        .args(["check", "--staged"])
        .output()
        .unwrap();
    assert_eq!(staged.status.code(), Some(2));
    assert!(stderr(&staged).contains("not inside a git repository"));
}

#[test]
fn staged_checks_the_index_not_the_working_tree() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.commit_all("clean TOM");

    // A bad file in the working tree, the good one staged: --staged passes.
    repo.write("tom/providers.toml", &provider("hoster", false));
    let staged = repo
        .tomcheck()
        .args(["check", "--staged", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(
        staged.status.code(),
        Some(0),
        "{}{}",
        stdout(&staged),
        stderr(&staged)
    );
    let worktree = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(worktree.status.code(), Some(1));

    // Vice versa: the bad file staged, the working tree fixed.
    repo.git(&["add", "tom/providers.toml"]);
    repo.write("tom/providers.toml", &provider("hoster", true));
    let staged = repo
        .tomcheck()
        .args(["check", "--staged", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(staged.status.code(), Some(1));
    assert!(
        stdout(&staged).contains("tom/providers.toml (staged)"),
        "{}",
        stdout(&staged)
    );
    let worktree = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(worktree.status.code(), Some(0));

    // A staged deletion is respected: a new bad file staged then removed from the index.
    repo.write("tom/providers.toml", &provider("hoster", true));
    repo.write("tom/extra.toml", &provider("extra", false));
    repo.git(&["add", "-A"]);
    repo.git(&["rm", "-q", "--cached", "tom/extra.toml"]);
    let staged = repo
        .tomcheck()
        .args(["check", "--staged", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(staged.status.code(), Some(0), "{}", stdout(&staged));
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
    std::fs::write(repo.path().join("p.patch"), diff).unwrap();
    repo.git(&["apply", "--cached", "p.patch"]);
    std::fs::remove_file(repo.path().join("p.patch")).unwrap();
    // The working tree then fixes the newcomer without staging the fix.
    let fixed = format!("{}{}", provider("hoster", true), provider("newcomer", true));
    repo.write("tom/providers.toml", &fixed);
    let staged = repo
        .tomcheck()
        .args([
            "check",
            "--staged",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(staged.status.code(), Some(1));
    assert_eq!(
        rule_subjects(&json(&staged)),
        [("avv.missing".to_string(), "provider:newcomer".to_string())]
    );
}

#[test]
fn rev_checks_an_old_commit_without_touching_the_working_tree() {
    let repo = Repo::new();
    repo.write("tom/organization.toml", CLEAN_ORG);
    repo.write("tom/measures.toml", &all_measures());
    repo.write("tom/providers.toml", &provider("hoster", false));
    repo.commit_all("TOM without AVV");
    repo.git(&["tag", "v1"]);
    write_clean_tom(&repo);
    repo.commit_all("AVV signed");
    repo.write("tom/scratch.toml", "this is not toml = = =");
    let before = std::fs::read_to_string(repo.path().join("tom/providers.toml")).unwrap();

    let old = repo
        .tomcheck()
        .args(["check", "--rev", "HEAD~1", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(old.status.code(), Some(1), "{}", stderr(&old));
    let short = repo.git(&["rev-parse", "--short", "HEAD~1"]);
    assert!(
        stdout(&old).contains(&format!("tom/providers.toml @ {}", short.trim())),
        "{}",
        stdout(&old)
    );
    let tag = repo
        .tomcheck()
        .args([
            "check",
            "--rev",
            "v1",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report = json(&tag);
    assert_eq!(report["revision"], repo.git(&["rev-parse", "v1"]).trim());
    let head = repo
        .tomcheck()
        .args(["check", "--rev", "HEAD", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(head.status.code(), Some(0), "{}", stderr(&head));
    // Reflog-style dates resolve too.
    let dated = repo
        .tomcheck()
        .args([
            "check",
            "--rev",
            "main@{2030-01-01}",
            "--today",
            "2026-11-22",
        ])
        .output()
        .unwrap();
    assert_eq!(dated.status.code(), Some(0), "{}", stderr(&dated));

    assert_eq!(
        std::fs::read_to_string(repo.path().join("tom/providers.toml")).unwrap(),
        before
    );
    assert!(repo.path().join("tom/scratch.toml").exists());
    let unknown = repo
        .tomcheck()
        .args(["check", "--rev", "nope"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown revision 'nope'"));
}

#[test]
fn runs_from_a_subdirectory_with_dash_c() {
    let repo = Repo::new();
    repo.write("compliance/tom/org.toml", CLEAN_ORG);
    repo.write("compliance/tom/measures.toml", &all_measures());
    repo.write("compliance/tom/p.toml", &provider("x", false));
    repo.commit_all("TOM in a subdirectory");
    let out = repo
        .tomcheck()
        .args([
            "-C",
            "compliance",
            "check",
            "--rev",
            "HEAD",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json(&out)["findings"][0]["file"], "tom/p.toml");
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
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in *files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let out = tomcheck()
            .current_dir(dir.path())
            .args(["check"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
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
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    std::fs::write(
        dir.path().join("tom/a.toml"),
        "[organization]\nname = \"X\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("policies/clock.rego"),
        "package tom.clock\n\ninfo contains sprintf(\"now=%d\", [time.now_ns()])\n",
    )
    .unwrap();
    let out = tomcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-builtin",
            "--today",
            "2001-02-03",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // 2001-02-03T00:00:00Z
    assert_eq!(
        json(&out)["findings"][0]["message"],
        "now=981158400000000000"
    );
}

#[test]
fn config_overrides_and_switches_off_rules() {
    let repo = Repo::new();
    repo.write("tom/organization.toml", CLEAN_ORG);
    repo.write("tom/measures.toml", &all_measures());
    repo.write("tom/providers.toml", &provider("hoster", false));
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"warn\"\n");
    let out = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["findings"][0]["severity"], "warn");
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"off\"\n");
    let out = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), 0);
    repo.write("tomcheck.toml", "[rules]\n\"avv.mising\" = \"off\"\n");
    let out = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `avv.missing`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn schema_validates_the_example_and_rejects_unknown_keys() {
    let out = tomcheck().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let tom = manifest_dir().join("tom");
    let mut files: Vec<_> = std::fs::read_dir(&tom)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
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
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    std::fs::write(
        dir.path().join("tom/a.toml"),
        "[organization]\nname = \"X\"\nreviewd = 2026-01-01\n",
    )
    .unwrap();
    let out = tomcheck()
        .current_dir(dir.path())
        .args(["--narrate", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("Begin snippet for tom/a.toml"), "{err}");
    assert!(err.contains("label at line 3, columns 1 to 7"), "{err}");
    assert!(!err.contains('╭'), "{err}");
}

#[test]
fn extra_policy_dirs_and_colour_choice() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    let extra = tempfile::tempdir().unwrap();
    std::fs::write(
        extra.path().join("dpo.rego"),
        "package tom.dpo\n\n# METADATA\n# title: No DPO named\n# custom:\n#   id: dpo.missing\n#   severity: warn\nwarn contains {\"rule\": \"dpo.missing\", \"subject\": \"organization\", \"field\": \"dpo\", \"message\": \"no DPO is named\"} if {\n  not input.organization.dpo\n}\n",
    )
    .unwrap();
    let dir = extra.path().to_str().unwrap();
    let out = repo
        .tomcheck()
        .args([
            "check",
            "--today",
            "2026-11-22",
            "--policy",
            dir,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rule_subjects(&json(&out)),
        [("dpo.missing".to_string(), "organization".to_string())]
    );
    // --no-builtin leaves only the extra policy.
    repo.write("tom/providers.toml", &provider("hoster", false));
    let out = repo
        .tomcheck()
        .args([
            "check",
            "--today",
            "2026-11-22",
            "--policy",
            dir,
            "--no-builtin",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        rule_subjects(&json(&out)),
        [("dpo.missing".to_string(), "organization".to_string())]
    );
    // Colour only when asked for (NO_COLOR is set by the test helper; --color always wins).
    let plain = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\u{1b}'));
    let coloured = repo
        .tomcheck()
        .args(["--color", "always", "check", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert!(
        stdout(&coloured).contains('\u{1b}'),
        "{}",
        stdout(&coloured)
    );
}
