//! `tomcheck diff` end to end, on git repositories built in temporary directories.
//!
//! The main fixture is the "Versions compared" page of seed 000 (a bookkeeping SaaS
//! vendor's TOM, `../shared/seeds/000_*.txt`) transcribed into two TOM versions: the
//! measure texts that changed there must come out as exactly those modified measures,
//! with before / after text and word highlights, in every format.

use crate::support::*;

const SEED_ORG_V1: &str = r#"[organization]
name = "Beispiel Buchhaltung GmbH"
country = "DE"
as_of = 2018-05-20
reviewed = 2018-05-20
"#;

const SEED_ORG_V2: &str = r#"[organization]
name = "Beispiel Buchhaltung GmbH"
country = "DE"
as_of = 2019-02-11
reviewed = 2019-02-11
"#;

/// One measure as TOML.
fn measure(id: &str, control: &str, text: &str) -> String {
    format!("[[measure]]\nid = \"{id}\"\ncontrol = \"{control}\"\ntext = \"{text}\"\n\n")
}

/// The measures of seed 000 before the edit, as (id, control, text).
fn seed_measures_v1() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("visitors", "physical_access", "Besucher können die Geschäftsräume nur unter Aufsicht und zu den Geschäftszeiten (Mo-Fr, 08:00 – 21:00 Uhr) betreten."),
        ("chip-card", "physical_access", "Zum Eintritt ist eine Chipkarte für den Check-In notwendig."),
        ("reception", "physical_access", "Ein Empfang beaufsichtigt den Eintritt in die Geschäftsräume."),
        ("alarm-system", "physical_access", "Die Geschäftsräume sind durch eine Alarmanlage geschützt."),
        ("datacenter", "physical_access", "Für das Rechenzentrum gelten die strengste IT-Sicherheitsrichtlinien des jeweiligen Betreibers."),
        ("firewall-antivirus", "system_access", "Die Rechner der Mitarbeiter sind mit einer Firewall und Virenscannern geschützt."),
        ("screen-lock", "system_access", "Die Entsperrung der Computer ist nur mittels Passwort möglich."),
        ("password-manager", "system_access", "Zugriff zu den Systemen (etwa CRM, Rechnungsstellung, Mailing o.ä.) erfolgt nur mittels sicherer und individueller Passwörter, welche verschlüsselt im Passwortmanager Keepass aufbewahrt werden."),
        ("accounting-data", "data_access", "Zugriffe auf Buchhaltungsdaten sind nur einem stark eingeschränkten Personenkreis technisch möglich. Wenngleich ein Datenzugriff technisch möglich ist, erfolgt niemals eine Einsichtnahme in Buchungsdaten des Auftraggebers, es sei denn, der Auftraggeber erteilt eine explizite Weisung um Änderungen, Löschungen o.ä. am Datenbestand vorzunehmen."),
        ("master-data-only", "data_access", "Andere Mitarbeiter des Unternehmens haben keinen Zugriff auf die Verarbeitungssysteme des Unternehmens. Einsicht haben Mitarbeiter lediglich in die Stammdaten des Auftraggebers (Name, Firmierung, Adresse, Kontaktdaten, gebuchte Dienstleistung) sowie in bisherige Konversationen."),
        ("purpose-separation", "separation", "Daten, welche zu unterschiedlichen Zwecken erhoben und verarbeitet werden, werden getrennt voneinander gespeichert und verarbeitet."),
        ("customer-access", "separation", "Jeder Kunde hat seinen eigenen Kundenzugang."),
        ("white-label", "separation", "White-Label-Instanzen nutzen zudem physisch getrennte Server."),
        ("pseudonymisation", "pseudonymisation", "Bei Datenanalysen werden gemäß Art. 32 Abs. 1 lit. a DS-GVO und Art. 25 Abs. 1 DS-GVO die Daten pseudonymisiert und anonym verarbeitet."),
        ("transport-encryption", "transfer", "Werden Daten weitergeleitet, werden diese mit modernsten Verschlüsselungstechnologien (z.B. SSL, https) geschützt soweit dieses technisch möglich und wirtschaftlich vertretbar ist."),
        ("no-disclosure", "transfer", "Buchhaltungsdaten werden niemals an Dritte weiter gegeben."),
        ("power-supply", "availability", "Die Stromversorgung und Netzersatzanlage garantieren höchste Ausfallsicherheit."),
        ("attack-protection", "availability", "Der Schutz vor Viren und Hacker-Angriffen wird durch eine Firewall sowie diverse Sicherheitsschranken, manuelle Maßnahmen, welche dem aktuellen Stand der Server-Administration entsprechen, sichergestellt."),
        ("daily-backup", "recoverability", "Alle Daten werden mindestens einmal täglich auf einem räumlich getrennten Backup-Server gesichert. Backups werden mindestens 6 Wochen vorgehalten."),
    ]
}

/// The edits of seed 000: (id, new text).
const SEED_EDITS: &[(&str, &str)] = &[
    ("accounting-data", "Zugriffe auf Buchhaltungsdaten sind nur einem stark eingeschränkten Personenkreis technisch möglich."),
    ("master-data-only", "Andere Mitarbeiter des Unternehmens haben keinen Zugriff auf die Verarbeitungssysteme des Unternehmens. Einsicht haben Mitarbeiter lediglich in die Stammdaten des Auftraggebers (Name, Firma, Adresse, Kontaktdaten, gebuchte Dienstleistung) sowie in bisherige Konversationen."),
    ("white-label", "White-Label-Instanzen nutzen zudem physisch getrennte Datenbanken."),
    ("attack-protection", "Der Schutz vor Viren und Hacker-Angriffen wird durch eine Firewall sowie diverse Sicherheitsschranken, manuelle Maßnahmen, welche dem aktuellen Stand der System-Administration entsprechen, sichergestellt."),
];

/// Writes the seed's measures; those whose control is in `split` go to a second file.
fn write_seed_measures(repo: &Repo, edited: bool, split: &[&str]) {
    let (mut main, mut other) = (String::new(), String::new());
    for (id, control, text) in seed_measures_v1() {
        let text = match SEED_EDITS.iter().find(|(e, _)| *e == id) {
            Some((_, new)) if edited => new,
            _ => text,
        };
        let target = if split.contains(&control) {
            &mut other
        } else {
            &mut main
        };
        target.push_str(&measure(id, control, text));
    }
    repo.write("tom/measures.toml", &main);
    let moved = repo.path().join("tom/verfuegbarkeit.toml");
    if other.is_empty() {
        let _ = std::fs::remove_file(moved);
    } else {
        repo.write("tom/verfuegbarkeit.toml", &other);
    }
}

/// v1 → v1 with the availability measures moved to their own file → v2 (the edits).
fn seed_repo() -> Repo {
    let repo = Repo::new();
    repo.write("tom/organization.toml", SEED_ORG_V1);
    write_seed_measures(&repo, false, &[]);
    repo.commit_all("TOM Stand 2018-05-20");
    repo.git(&["tag", "v1"]);
    write_seed_measures(&repo, false, &["availability", "recoverability"]);
    repo.commit_all("Verfügbarkeit in eigene Datei");
    repo.git(&["tag", "moved"]);
    repo.write("tom/organization.toml", SEED_ORG_V2);
    write_seed_measures(&repo, true, &["availability", "recoverability"]);
    repo.commit_all("TOM Stand 2019-02-11");
    repo.git(&["tag", "v2"]);
    repo
}

#[test]
fn seed_000_edits_are_exactly_the_modified_measures() {
    let repo = seed_repo();
    let report = run_json(
        repo.path(),
        &["diff", "v1", "v2", "--format", "json", "--today", TODAY],
        0,
    );
    assert_eq!(report["version"], 1);
    let changes = report["changes"].as_array().unwrap();
    let measures: Vec<(&str, &str)> = changes
        .iter()
        .filter(|c| c["kind"] == "measure")
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        measures,
        [
            ("measure:accounting-data", "modified"),
            ("measure:attack-protection", "modified"),
            ("measure:master-data-only", "modified"),
            ("measure:white-label", "modified"),
        ]
    );
    // Besides the measures only the "Stand" of the organisation changed.
    let others: Vec<&str> = changes
        .iter()
        .filter(|c| c["kind"] != "measure")
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(others, ["organization"]);
    for c in changes.iter().filter(|c| c["kind"] == "measure") {
        let id = c["subject"]
            .as_str()
            .unwrap()
            .trim_start_matches("measure:");
        let fields = c["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 1, "{c}");
        assert_eq!(fields[0]["path"], "text");
        let before = seed_measures_v1()
            .into_iter()
            .find(|m| m.0 == id)
            .unwrap()
            .2;
        let after = SEED_EDITS.iter().find(|e| e.0 == id).unwrap().1;
        assert_eq!(fields[0]["before"], before);
        assert_eq!(fields[0]["after"], after);
    }
    let words = |id: &str| -> Vec<(String, String)> {
        changes
            .iter()
            .find(|c| c["subject"] == format!("measure:{id}"))
            .unwrap()["fields"][0]["words"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["op"] != "equal")
            .map(|w| {
                (
                    w["op"].as_str().unwrap().to_string(),
                    w["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |op: &str, text: &str| (op.to_string(), text.to_string());
    assert_eq!(
        words("white-label"),
        [pair("delete", "Server."), pair("insert", "Datenbanken.")]
    );
    assert_eq!(
        words("master-data-only"),
        [pair("delete", "Firmierung,"), pair("insert", "Firma,")]
    );
    assert_eq!(
        words("attack-protection"),
        [
            pair("delete", "Server-Administration"),
            pair("insert", "System-Administration")
        ]
    );
    let cut = words("accounting-data");
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert_eq!(cut[0].0, "delete");
    assert!(
        cut[0].1.trim().starts_with("Wenngleich ein Datenzugriff"),
        "{cut:?}"
    );
    // Same policies, same findings: the texts changed nothing the rules look at.
    assert_eq!(report["findings"]["new"], serde_json::json!([]));
    assert_eq!(report["findings"]["resolved"], serde_json::json!([]));
    assert_eq!(report["old"]["as_of"], "2018-05-20");
    assert_eq!(report["new"]["as_of"], "2019-02-11");
}

#[test]
fn seed_000_in_every_format() {
    let repo = seed_repo();
    for (format, lang) in [
        ("human", "en"),
        ("human", "de"),
        ("markdown", "en"),
        ("markdown", "de"),
        ("html", "de"),
        ("html", "en"),
    ] {
        let text = stdout(&run(
            repo.path(),
            &[
                "diff", "v1", "v2", "--format", format, "--lang", lang, "--today", TODAY,
            ],
            0,
        ));
        // Every modified measure with its before and after words, nothing else.
        for (old, new) in [
            ("Server.", "Datenbanken."),
            ("Firmierung,", "Firma,"),
            ("Server-Administration", "System-Administration"),
        ] {
            assert!(
                text.contains(old) && text.contains(new),
                "{format}: {old} / {new}\n{text}"
            );
        }
        assert!(
            text.contains("Wenngleich ein Datenzugriff"),
            "{format}\n{text}"
        );
        for id in [
            "accounting-data",
            "attack-protection",
            "master-data-only",
            "white-label",
        ] {
            assert!(
                text.replace("<wbr>", "").contains(&format!("measure:{id}")),
                "{format}: {id}\n{text}"
            );
        }
        for unchanged in [
            "measure:alarm-system",
            "measure:power-supply",
            "measure:daily-backup",
        ] {
            assert!(
                !text.replace("<wbr>", "").contains(unchanged),
                "{format}: {unchanged} did not change\n{text}"
            );
        }
        insta::assert_snapshot!(format!("seed-000.{format}.{lang}"), without_version(&text));
    }
}

#[test]
fn moving_a_measure_to_another_file_is_no_change() {
    let repo = seed_repo();
    let report = run_json(
        repo.path(),
        &["diff", "v1", "moved", "--format", "json", "--today", TODAY],
        0,
    );
    assert_eq!(report["changes"], serde_json::json!([]), "{report}");
    let human = stdout(&run(
        repo.path(),
        &["diff", "v1", "moved", "--today", TODAY],
        0,
    ));
    assert!(human.contains("The facts are unchanged."), "{human}");
    let md = stdout(&run(
        repo.path(),
        &[
            "diff", "v1", "moved", "--format", "markdown", "--today", TODAY,
        ],
        0,
    ));
    assert!(md.contains("The facts are unchanged."), "{md}");
}

/// A TOM whose backup sits at the same site as the server it covers.
fn offsite_repo() -> Repo {
    let repo = Repo::new();
    repo.write("tom/organization.toml", ORGANIZATION);
    repo.write("tom/measures.toml", &measures());
    repo.write(
        "tom/infrastructure.toml",
        r#"[[location]]
id = "office"
name = "Büro"
kind = "office"
country = "DE"
site = "office"

[[location]]
id = "home-office"
name = "Homeoffice Geschäftsführung"
kind = "home-office"
country = "DE"
site = "home"

[[system]]
id = "nas"
name = "Büro-NAS"
kind = "storage"
location = "office"
personal_data = true
encrypted = true

[[backup]]
id = "nas-backup"
systems = ["nas"]
location = "office"
frequency = "daily"
retention_days = 30
encrypted = true
restore_tested = 2026-10-01
"#,
    );
    repo.commit_all("TOM");
    repo
}

#[test]
fn new_provider_without_avv_and_fixed_backup_location() {
    let repo = offsite_repo();
    let text = std::fs::read_to_string(repo.path().join("tom/infrastructure.toml")).unwrap();
    repo.write(
        "tom/infrastructure.toml",
        &text.replace(
            "systems = [\"nas\"]\nlocation = \"office\"",
            "systems = [\"nas\"]\nlocation = \"home-office\"",
        ),
    );
    repo.write("tom/providers.toml", &provider("newsletter-tool", false));
    // The new version is the working tree (the default).
    let report = run_json(
        repo.path(),
        &["diff", "HEAD", "--format", "json", "--today", TODAY],
        0,
    );
    let changes: Vec<(&str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["subject"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("provider:newsletter-tool", "added"),
            ("backup:nas-backup", "modified")
        ]
    );
    let backup = &report["changes"][1]["fields"];
    assert_eq!(
        backup,
        &serde_json::json!([{"path": "location", "before": "office", "after": "home-office"}])
    );
    let pairs = |list: &serde_json::Value| -> Vec<(String, String)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["subject"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        pairs(&report["findings"]["new"]),
        [(
            "avv.missing".to_string(),
            "provider:newsletter-tool".to_string()
        )]
    );
    assert_eq!(
        pairs(&report["findings"]["resolved"]),
        [(
            "backup.offsite".to_string(),
            "backup:nas-backup".to_string()
        )]
    );
    // The new finding points into the new version's file, the resolved one into the old.
    assert_eq!(report["findings"]["new"][0]["file"], "tom/providers.toml");
    assert_eq!(
        report["findings"]["resolved"][0]["file"],
        "tom/infrastructure.toml"
    );
    assert_eq!(report["new"]["label"], "working tree");

    for format in ["human", "markdown", "html"] {
        let text = stdout(&run(
            repo.path(),
            &["diff", "HEAD", "--format", format, "--today", TODAY],
            0,
        ));
        for needle in [
            "provider:newsletter-tool",
            "backup:nas-backup",
            "avv.missing",
            "backup.offsite",
            "home-office",
        ] {
            // HTML lets identifiers wrap after `:`, `.` and `_`.
            let plain = text.replace("<wbr>", "");
            assert!(plain.contains(needle), "{format}: {needle}\n{text}");
        }
        insta::assert_snapshot!(
            format!("provider-and-backup.{format}"),
            without_version(&text)
        );
        // The same report in German: German labels and dates, the same ids and values.
        let german = stdout(&run(
            repo.path(),
            &[
                "diff", "HEAD", "--format", format, "--today", TODAY, "--lang", "de",
            ],
            0,
        ));
        let plain = german.replace("<wbr>", "");
        for needle in [
            "provider:newsletter-tool",
            "avv.missing",
            "deny",
            "22.11.2026",
        ] {
            assert!(plain.contains(needle), "{format} de: {needle}\n{german}");
        }
        for english in ["New findings", "Resolved findings", "as of", "working tree"] {
            assert!(!plain.contains(english), "{format} de: {english}\n{german}");
        }
        insta::assert_snapshot!(
            format!("provider-and-backup.{format}.de"),
            without_version(&german)
        );
    }
}

#[test]
fn staged_compares_with_the_index() {
    let repo = offsite_repo();
    repo.write("tom/providers.toml", &provider("staged-one", false));
    repo.git(&["add", "tom/providers.toml"]);
    repo.write(
        "tom/providers.toml",
        &format!(
            "{}{}",
            provider("staged-one", false),
            provider("unstaged-one", false)
        ),
    );
    let report = run_json(
        repo.path(),
        &["diff", "--staged", "--format", "json", "--today", TODAY],
        0,
    );
    let subjects: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["provider:staged-one"]);
    assert_eq!(report["new"]["label"], "index");
    assert_eq!(report["old"]["spec"], "HEAD");
    let report = run_json(
        repo.path(),
        &["diff", "--format", "json", "--today", TODAY],
        0,
    );
    assert_eq!(report["changes"].as_array().unwrap().len(), 2);
}

#[test]
fn policies_from_old_or_new_judge_both_versions() {
    let repo = offsite_repo();
    // The old configuration switched avv.missing off; the new one switches it back on.
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"off\"\n");
    repo.commit_all("avv.missing off");
    repo.write("tomcheck.toml", "[rules]\n\"avv.missing\" = \"deny\"\n");
    repo.write("tom/providers.toml", &provider("mailer", false));
    repo.commit_all("provider, rule back on");

    let new = run_json(
        repo.path(),
        &[
            "diff", "HEAD~1", "HEAD", "--format", "json", "--today", TODAY,
        ],
        0,
    );
    assert_eq!(new["policies_from"], "new");
    assert_eq!(new["findings"]["new"][0]["rule"], "avv.missing");
    assert_eq!(
        new["policy_changes"],
        serde_json::json!([{"path": "tomcheck.toml", "change": "modified"}])
    );

    let old = run_json(
        repo.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "json",
            "--policies-from",
            "old",
            "--today",
            TODAY,
        ],
        0,
    );
    assert_eq!(old["policies_from"], "old");
    assert_eq!(old["findings"]["new"], serde_json::json!([]), "{old}");
    // The policy change is listed apart from the facts in every format.
    let md = stdout(&run(
        repo.path(),
        &[
            "diff", "HEAD~1", "HEAD", "--format", "markdown", "--today", TODAY,
        ],
        0,
    ));
    assert!(md.contains("### Policy and configuration changes"), "{md}");
    assert!(md.contains("| `tomcheck.toml` | modified |"), "{md}");
}

#[test]
fn tom_text_cannot_inject_markup() {
    let repo = offsite_repo();
    repo.write("tom/providers.toml", &provider("evil", true));
    repo.commit_all("provider");
    let evil = "<script>alert(1)</script> | **bold** [link](https://example.com) @everyone";
    repo.write(
        "tom/providers.toml",
        &provider("evil", true).replace(
            "name = \"evil GmbH\"",
            &format!("name = \"{}\"", evil.replace('"', "\\\"")),
        ),
    );
    let html = stdout(&run(
        repo.path(),
        &["diff", "HEAD", "--format", "html", "--today", TODAY],
        0,
    ));
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    let md = stdout(&run(
        repo.path(),
        &["diff", "HEAD", "--format", "markdown", "--today", TODAY],
        0,
    ));
    assert!(
        !md.contains("<script>") && !md.contains("**bold**") && !md.contains("[link]("),
        "{md}"
    );
    assert!(
        md.contains("&lt;script&gt;")
            && md.contains("\\| \\*\\*bold\\*\\*")
            && md.contains("&#64;everyone"),
        "{md}"
    );
}

#[test]
fn a_version_without_a_tom_counts_as_empty() {
    let repo = Repo::new();
    repo.write("README.md", "nothing yet\n");
    repo.commit_all("start");
    write_clean_tom(&repo);
    let report = run_json(
        repo.path(),
        &["diff", "HEAD", "--format", "json", "--today", TODAY],
        0,
    );
    assert_eq!(report["old"]["tom"], false);
    assert!(
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change"] == "added"),
        "{report}"
    );
}

#[test]
fn bad_revisions_and_bad_toml_exit_2() {
    let repo = offsite_repo();
    let out = run(repo.path(), &["diff", "no-such-tag"], 2);
    assert!(
        stderr(&out).contains("unknown revision 'no-such-tag'"),
        "{}",
        stderr(&out)
    );
    repo.write("tom/providers.toml", "[[provider]\n");
    run(repo.path(), &["diff", "HEAD"], 2);
}

#[test]
fn output_file_gets_the_report() {
    let repo = seed_repo();
    let file = repo.path().join("report.html");
    let out = run(
        repo.path(),
        &[
            "diff",
            "v1",
            "v2",
            "--format",
            "html",
            "--lang",
            "de",
            "--today",
            TODAY,
            "-o",
            file.to_str().unwrap(),
        ],
        0,
    );
    assert!(stdout(&out).is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"de\">"));
    assert!(html.contains("TOM – Versionsvergleich") && html.contains("Stand"));
}

/// Pins that `--output FILE` is relative to `-C DIR`: the report of
/// `tomcheck -C compliance diff … -o report.json` once landed in the current directory.
#[test]
fn output_file_is_relative_to_dash_c() {
    let repo = Repo::new();
    repo.write("compliance/tom/organization.toml", SEED_ORG_V1);
    repo.commit_all("TOM Stand 2018-05-20");
    repo.write("compliance/tom/organization.toml", SEED_ORG_V2);
    repo.commit_all("TOM Stand 2019-02-11");
    let out = run(
        repo.path(),
        &[
            "-C",
            "compliance",
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "json",
            "--today",
            TODAY,
            "--output",
            "report.json",
        ],
        0,
    );
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(!repo.path().join("report.json").exists());
    let report: serde_json::Value =
        serde_json::from_str(&repo.read("compliance/report.json")).unwrap();
    assert_eq!(report["new"]["as_of"], "2019-02-11");
}

/// Headless Chromium renders the HTML report without console errors and takes a
/// screenshot of it. Fails, naming it, where Chromium is not installed.
#[test]
fn html_report_renders_in_headless_chromium() {
    let chromium = tool_named(&["chromium", "chromium-browser", "google-chrome"]);
    let repo = seed_repo();
    let html = repo.path().join("report.html");
    run(
        repo.path(),
        &[
            "diff",
            "v1",
            "v2",
            "--format",
            "html",
            "--lang",
            "de",
            "--today",
            TODAY,
            "-o",
            html.to_str().unwrap(),
        ],
        0,
    );
    let png = repo.path().join("report.png");
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1600",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--screenshot={}", png.display()),
            &format!("file://{}", html.display()),
        ])
        .output()
        .unwrap();
    let log = stderr(&out);
    assert!(out.status.success(), "chromium failed: {log}");
    let console: Vec<&str> = log
        .lines()
        .filter(|l| {
            l.contains(":CONSOLE")
                || l.contains("Uncaught")
                || l.contains("Failed to load resource")
        })
        .collect();
    assert!(console.is_empty(), "console errors: {console:#?}");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "screenshot is {} bytes",
        bytes.len()
    );
}

/// The report with tomcheck's own version replaced, so a release does not rewrite the
/// snapshots.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("tomcheck {}", env!("CARGO_PKG_VERSION")),
        "tomcheck [version]",
    )
}
