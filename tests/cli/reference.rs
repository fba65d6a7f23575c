//! Reference data: where it is read from, the date it was checked, and the script that
//! regenerates the end-of-support data from endoflife.date.

use std::process::Command;

use super::support::*;

#[test]
fn rules_reference_lists_each_data_set_with_its_date_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let out = tomcheck()
        .current_dir(dir.path())
        .args(["rules", "--reference", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let sets = report["reference"].as_array().unwrap();
    let names: Vec<&str> = sets.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["countries", "os_eol"]);
    let os_eol = &sets[1];
    assert_eq!(os_eol["checked"], "2026-08-22");
    assert!(os_eol["source"]
        .as_str()
        .unwrap()
        .contains("a70eca337600e7d721dc48112c271f98661d208b"));

    let human = tomcheck()
        .current_dir(dir.path())
        .args(["rules", "--reference"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("data.reference.os_eol  checked 2026-08-22"),
        "{text}"
    );
}

#[test]
fn bundled_reference_data_is_laid_out_for_opa_and_records_its_source() {
    let root = manifest_dir().join("policies/reference");
    for name in ["countries", "os_eol"] {
        let text = std::fs::read_to_string(root.join(name).join("data.json")).unwrap();
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            data["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}"
        );
        let checked = data["checked"].as_str().unwrap();
        assert_eq!(checked.len(), 10, "{name}: checked = {checked}");
    }
    // Two files at one directory would both land at data.reference under OPA.
    let flat: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(flat.is_empty(), "{flat:?}");
    let os_eol: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("os_eol/data.json")).unwrap())
            .unwrap();
    assert_eq!(
        os_eol["commit"].as_str().unwrap().len(),
        40,
        "os_eol names the commit it was generated from"
    );
}

/// The bundled country data: its text and its parse.
fn countries() -> (String, serde_json::Value) {
    let text =
        std::fs::read_to_string(manifest_dir().join("policies/reference/countries/data.json"))
            .unwrap();
    let data = serde_json::from_str(&text).unwrap();
    (text, data)
}

/// Adequacy decisions count from their date; the US, Japan, Korea and the UK had none
/// before that.
#[test]
fn adequacy_decisions_have_their_dates_and_decisions() {
    let (text, data) = countries();
    let adequacy = &data["adequacy"];
    for (code, since, number) in [
        ("US", "2023-07-10", "(EU) 2023/1795"),
        ("KR", "2021-12-17", "(EU) 2022/254"),
        ("JP", "2019-01-23", "(EU) 2019/419"),
        ("GB", "2021-06-28", "(EU) 2021/1772"),
        ("BR", "2026-01-26", "(EU) 2026/179"),
    ] {
        assert_eq!(adequacy[code]["since"], since, "{code}");
        let decision = adequacy[code]["decision"].as_str().unwrap();
        assert!(decision.contains(number), "{code}");
        // The full title as the Official Journal gives it, not a paraphrase.
        assert!(
            decision.starts_with("Commission Implementing Decision (EU) ")
                && decision.contains(
                    "pursuant to Regulation (EU) 2016/679 of the European Parliament and of \
                     the Council on the adequate"
                ),
            "{code}: {decision}"
        );
        assert!(
            adequacy[code]["scope"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{code}"
        );
        assert!(
            adequacy[code]["source"]
                .as_str()
                .unwrap()
                .starts_with("https://eur-lex.europa.eu/"),
            "{code}"
        );
    }
    assert!(
        !text.contains("\"requires\""),
        "the unused requires field is gone"
    );
    assert!(!adequacy["KR"]["scope"].as_str().unwrap().contains("verify"));
}

/// One table of country names serves the messages and the documents: it names every
/// EU/EEA member and every country with an adequacy decision in both languages, with
/// the English name the other tables give.
#[test]
fn every_listed_country_has_one_name_per_language() {
    let (text, data) = countries();
    let names = data["names"].as_object().unwrap();
    let mut listed = 0;
    for (table, english) in [
        ("eu", None),
        ("eea_non_eu", None),
        ("adequacy", Some("name")),
    ] {
        for (code, entry) in data[table].as_object().unwrap() {
            let en = match english {
                Some(key) => &entry[key],
                None => entry,
            };
            assert_eq!(names[code]["en"], *en, "{code}");
            assert!(
                names[code]["de"].as_str().is_some_and(|s| !s.is_empty()),
                "{code}"
            );
            listed += 1;
        }
    }
    assert!(listed > 40, "{listed}");
    for region in ["EU", "EEA"] {
        assert!(names.contains_key(region), "{region}");
    }
    for (code, name) in names {
        let ok = code.len() == 2 || code == "EEA";
        assert!(ok && code.chars().all(|c| c.is_ascii_uppercase()), "{code}");
        assert_eq!(name.as_object().unwrap().len(), 2, "{code}: en and de");
    }
    assert!(
        !text.contains("\"name_de\""),
        "the second table of German names is gone"
    );
}

/// `scripts/update-os-eol.py` on a small copy of endoflife.date's product files (the
/// tests have no network) gives the reviewed expected data.
#[test]
fn update_os_eol_regenerates_the_data_from_endoflife_date_files() {
    let fixture = manifest_dir().join("tests/fixtures/endoflife");
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("os_eol/data.json");
    let out = Command::new("python3")
        .arg(manifest_dir().join("scripts/update-os-eol.py"))
        .arg("--source")
        .arg(&fixture)
        .args([
            "--commit",
            "0000000000000000000000000000000000000001",
            "--date",
            "2026-08-22",
            "--out",
        ])
        .arg(&out_file)
        .output()
        .expect("python3 is needed to run scripts/update-os-eol.py");
    assert_eq!(
        out.status.code(),
        Some(0),
        "scripts/update-os-eol.py failed (it needs python3 with PyYAML; scripts/install-test-tools.sh installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = std::fs::read_to_string(&out_file).unwrap();
    let want = std::fs::read_to_string(fixture.join("expected.json")).unwrap();
    assert_eq!(got, want);
    let data: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert_eq!(data["commit"], "0000000000000000000000000000000000000001");
    assert_eq!(data["checked"], "2026-08-22");
    let macos = &data["products"]["macos"];
    assert_eq!(macos["cycles"]["10.11"]["name"], "OS X 10.11 (El Capitan)");
    assert_eq!(macos["aliases"]["highsierra"], "10.13");
    assert_eq!(data["products"]["android"]["cycles"]["4.3"]["eol"], true);
    assert_eq!(
        data["products"]["windows"]["cycles"]["10-1607-e-lts"]["name"],
        "Windows 10 Enterprise LTSB 2016"
    );
    assert_eq!(
        data["products"]["windows-server"]["aliases"]["2003-r2"],
        "2003-sp2"
    );

    // Without a git checkout the commit and date must be given.
    let out = Command::new("python3")
        .arg(manifest_dir().join("scripts/update-os-eol.py"))
        .arg("--source")
        .arg(&fixture)
        .arg("--out")
        .arg(dir.path().join("x.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The bundled end-of-support data is exactly what the script makes of the commit it
/// names: every cycle the fixture copy holds agrees with the bundled data.
#[test]
fn bundled_os_eol_agrees_with_the_endoflife_date_excerpt() {
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join(p)).unwrap()).unwrap()
    };
    let bundled = read("policies/reference/os_eol/data.json");
    let excerpt = read("tests/fixtures/endoflife/expected.json");
    for (product, p) in excerpt["products"].as_object().unwrap() {
        for (cycle, entry) in p["cycles"].as_object().unwrap() {
            assert_eq!(
                &bundled["products"][product]["cycles"][cycle], entry,
                "{product} {cycle}"
            );
        }
    }
}

#[test]
fn test_dir_loads_its_own_reference_data() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |p: &str, t: &str| {
        let f = root.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, t).unwrap();
    };
    write(
        "acme/approved.rego",
        "package tom.acme.approved\n\napproved(id) if data.reference.approved.providers[id]\n\nlegacy(id) if data.reference.legacy.providers[id]\n",
    );
    write(
        "acme/approved_test.rego",
        "package tom.acme.approved_test\n\nimport data.tom.acme.approved\n\ntest_opa_layout if approved.approved(\"hetzner\")\n\ntest_flat_file if approved.legacy(\"ionos\")\n",
    );
    write(
        "acme/reference/approved/data.json",
        r#"{"providers": {"hetzner": true}}"#,
    );
    write(
        "acme/reference/legacy.json",
        r#"{"providers": {"ionos": true}}"#,
    );
    for extra in [&["--no-builtin"][..], &[][..]] {
        let out = tomcheck()
            .current_dir(root)
            .args(["test", "acme"])
            .args(extra)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{extra:?}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("2 passed, 0 failed"), "{text}");
    }
}

/// `tomcheck test policies` in tomcheck's own tree: the directory's files take the
/// place of the bundled copies instead of defining every rule twice.
#[test]
fn test_of_the_bundled_policy_directory_itself() {
    for extra in [&["--no-builtin"][..], &[][..]] {
        let out = tomcheck()
            .current_dir(manifest_dir())
            .args(["test", "policies"])
            .args(extra)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{extra:?}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.trim_end().ends_with(" passed, 0 failed"), "{text}");
        assert!(text.contains("PASS policies/system_test.rego"), "{text}");
    }
}

/// A repository policy returning plain strings next to a waiver: the waiver rules
/// must not fail on a finding without subject.
#[test]
fn plain_string_findings_next_to_a_waiver() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "tom/waivers.toml",
        "[[waiver]]\nid = \"old\"\nrule = \"avv.missing\"\nsubject = \"provider:hoster\"\nreason = \"x\"\napproved_by = \"DPO\"\nexpires = 2027-01-31\n",
    );
    repo.write(
        "policies/plain.rego",
        "package tom.acme\n\ndeny contains \"a plain-string finding\" if input.organization\n",
    );
    let out = repo
        .tomcheck()
        .args(["check", "--today", "2026-11-22", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"acme"), "{rules:?}");
    assert!(rules.contains(&"waiver.unused"), "{rules:?}");
}

/// `tomcheck test --data PATH`: the fixture's policy reads `data.approved` and
/// `data.limits`, which only `--data` provides; its tests fail without it.
#[test]
fn test_data_loads_json_and_yaml_at_their_directory_path() {
    let fixture = manifest_dir().join("tests/fixtures/test-data");
    let test = |extra: &[&str]| {
        tomcheck()
            .current_dir(&fixture)
            .args(["test", "policies", "--no-builtin"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = test(&["--data", "data"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("3 passed, 0 failed"),
        "{}",
        stdout(&out)
    );

    let out = test(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 passed, 3 failed"),
        "{}",
        stdout(&out)
    );

    // A file on its own lands under its name, or at the root when it is `data.*`: the
    // directory `approved/` given on its own puts `providers` at the root, not under
    // `approved`, as `opa test` does.
    let out = test(&["--data", "data/limits.yaml", "--data", "data/approved"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("1 passed, 2 failed"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("PASS policies/approved_test.rego:13"),
        "{}",
        stdout(&out)
    );
    // The same run under `--mutants` sees the data too.
    let out = test(&["--data", "data", "--mutants", "--jobs", "1"]);
    assert!(
        stdout(&out).contains(" mutants: "),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// Bad data files are input problems (exit 2), named as given on the command line.
#[test]
fn test_data_problems_stop_the_run() {
    let fixture = manifest_dir().join("tests/fixtures/test-data");
    let dir = tempfile::tempdir().unwrap();
    let write = |p: &str, t: &str| {
        let f = dir.path().join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, t).unwrap();
    };
    write("json/x/data.json", "{\"a\": }");
    write("yaml/limits.yml", "backup: [\n");
    write("context/context/data.json", r#"{"today": "2020-01-01"}"#);
    write("notes.txt", "x");
    write(
        "twice/limits/data.json",
        r#"{"backup": {"retention_days": 7}}"#,
    );
    let cases: [(&str, &[&str], &str); 6] = [
        ("json", &[], "json/x/data.json is not valid JSON"),
        ("yaml", &[], "yaml/limits.yml is not valid YAML"),
        (
            "context",
            &[],
            "context/context/data.json writes `data.context`",
        ),
        ("notes.txt", &[], "--data notes.txt: not a data file"),
        ("missing", &[], "--data missing: no such file or directory"),
        (
            "twice",
            &["--data", "DATA"],
            "twice/limits/data.json sets `limits.backup.retention_days`",
        ),
    ];
    let data = fixture.join("data");
    for (path, extra, want) in cases {
        let extra: Vec<&std::ffi::OsStr> = extra
            .iter()
            .map(|a| match *a {
                "DATA" => data.as_os_str(),
                a => std::ffi::OsStr::new(a),
            })
            .collect();
        let out = tomcheck()
            .current_dir(dir.path())
            .arg("test")
            .arg(fixture.join("policies"))
            .args(extra)
            .args(["--data", path])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{path}: {err}{}", stdout(&out));
        assert!(err.contains("tomcheck::reference-data"), "{path}: {err}");
        assert!(err.contains(want), "{path}: {err}");
    }
}

/// `check --no-builtin --policy DIR` with a copy of the bundled policies finds what the
/// bundled ones find: the directory's `reference/` comes with it. Without it the
/// country lookups find nothing and a provider in India would pass.
#[test]
fn check_with_a_policy_directory_on_disk_loads_its_reference_data() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider("mailer", "Mailer Inc.", true)
            .replace("country = \"DE\"", "country = \"IN\""),
    );
    let copy = tempfile::tempdir().unwrap();
    let policies = copy.path().join("policies");
    let status = Command::new("cp")
        .arg("-r")
        .arg(manifest_dir().join("policies"))
        .arg(&policies)
        .status()
        .unwrap();
    assert!(status.success());
    let rules = |args: &[&str]| -> Vec<String> {
        check_json(repo.path(), args, 1)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["subject"]))
            .collect()
    };
    let bundled = rules(&[]);
    assert!(
        bundled.contains(&"\"transfer.unsafeguarded\" \"provider:mailer\"".to_string()),
        "{bundled:?}"
    );
    let policies = policies.to_string_lossy().into_owned();
    assert_eq!(rules(&["--no-builtin", "--policy", &policies]), bundled);
}
