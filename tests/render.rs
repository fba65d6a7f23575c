//! `tomcheck render` end to end: the TOM document, the sub-processor list and the change
//! notice, read back by real readers — pdftotext and pdftoppm (poppler-utils) for the PDF,
//! python-docx and LibreOffice for the DOCX, headless Chromium for the HTML. A missing
//! reader fails the test with its name; nothing is skipped.
//!
//! Self-contained: git repositories are built in temporary directories with the git CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tomcheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tomcheck").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `tomcheck args…` in `dir`, expecting exit 0; returns stdout.
fn render(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = tomcheck(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "tomcheck {args:?}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// A tool a test needs: its output, or a failure naming it and how to install it.
fn tool(name: &str, install: &str, args: &[&str]) -> Output {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` is needed by this test and could not be run ({e}); install it: {install}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A temporary git repository with a fixed identity and commit dates.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"], "2026-01-15T10:00:00Z");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str], date: &str) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Erika Mustermann")
            .env("GIT_AUTHOR_EMAIL", "dsb@example.de")
            .env("GIT_COMMITTER_NAME", "Erika Mustermann")
            .env("GIT_COMMITTER_EMAIL", "dsb@example.de")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn write(&self, path: &str, text: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    fn commit(&self, message: &str, date: &str) {
        self.git(&["add", "-A"], date);
        self.git(&["commit", "-q", "-m", message], date);
    }

    /// Copies a TOM directory into `tom/`.
    fn copy_tom(&self, from: &Path) {
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            self.write(
                &format!("tom/{name}"),
                &std::fs::read_to_string(entry.path()).unwrap(),
            );
        }
    }
}

fn seed() -> PathBuf {
    root().join("tests/fixtures/seed-004")
}

/// The implemented measure texts, provider names of a TOM directory, read with the
/// library's own loader so the test does not hard-code them.
fn facts_of(dir: &Path) -> serde_json::Value {
    let source =
        tomcheck::source::Source::open(dir, &tomcheck::source::Revision::Worktree).unwrap();
    let config = tomcheck::pipeline::read_config(&source).unwrap();
    tomcheck::pipeline::load_facts(&source, &config)
        .unwrap()
        .input
}

fn implemented_measures(input: &serde_json::Value) -> Vec<String> {
    input["measure"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"].as_str().unwrap_or("implemented") == "implemented")
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

fn provider_names(input: &serde_json::Value) -> Vec<String> {
    input["provider"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

const CONTROLS_DE: &[&str] = &[
    "Zutrittskontrolle",
    "Zugangskontrolle",
    "Zugriffskontrolle",
    "Trennungskontrolle",
    "Pseudonymisierung",
    "Verschlüsselung",
    "Weitergabekontrolle",
    "Eingabekontrolle",
    "Verfügbarkeitskontrolle",
    "Rasche Wiederherstellbarkeit",
    "Auftragskontrolle",
    "Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung",
];

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({
        snapshot_path => root().join("tests/snapshots/render"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, value);
    });
}

/// German and English Markdown of the seed fixture and the example TOM, pinned.
#[test]
fn markdown_of_the_seed_and_the_example_is_pinned() {
    for (name, dir) in [("seed-004", seed()), ("example", root())] {
        for lang in ["de", "en"] {
            let md = text(render(&dir, &["render", "tom", "--lang", lang]));
            snapshot(&format!("{name}.tom.{lang}"), &md);
            let subs = text(render(&dir, &["render", "subprocessors", "--lang", lang]));
            snapshot(&format!("{name}.subprocessors.{lang}"), &subs);
        }
    }
}

/// A TOM that uses every fact of format 1.1.
fn format_1_1() -> PathBuf {
    root().join("tests/fixtures/render/format-1.1")
}

/// German and English Markdown of the format 1.1 fixture, pinned.
#[test]
fn markdown_of_format_1_1_is_pinned() {
    for lang in ["de", "en"] {
        let md = text(render(&format_1_1(), &["render", "tom", "--lang", lang]));
        snapshot(&format!("format-1.1.tom.{lang}"), &md);
        let subs = text(render(
            &format_1_1(),
            &["render", "subprocessors", "--lang", lang],
        ));
        snapshot(&format!("format-1.1.subprocessors.{lang}"), &subs);
    }
}

/// The 1.1 facts in words, in both languages: the AVV's form, a draft that never reads
/// as an agreement, the objection period, regions, support access, parent, tags,
/// certifications, backup generations — and "not documented" where a fact is missing.
#[test]
fn format_1_1_facts_read_in_both_languages() {
    let de = text(render(&format_1_1(), &["render", "tom", "--lang", "de"]));
    for expected in [
        "| Rechenzentrum Süd GmbH | Hosting des Online-Shops und der Datenbank | Auftragsverarbeitungsvertrag, unterzeichnet 01.04.2025, Fassung 3.2, Widerspruchsfrist 30 Tage |",
        "Standardvertragsklauseln, unterzeichnet 10.09.2025, gültig bis 09.09.2027",
        "Online-Bedingungen, akzeptiert 03.02.2026, Widerspruchsfrist 14 Tage",
        "Auftragsverarbeitungsvertrag, **Entwurf, noch kein gültiger AVV**",
        "| EWR<br>*Support-Zugriff aus: Indien, USA* |",
        "*Muttergesellschaft: Helpdesk Holdings Inc. (US)*",
        "Schlagwörter: Mehr-Faktor-Authentisierung, Passwortrichtlinie",
        "Serverraum mit Zutrittskontrolle *— Kein eigener Serverraum",
        "| 35 Tage, 30 Generationen |",
        "| Verschlüsselt übertragen | Unveränderbar |",
        "| Rechenzentrum Süd GmbH | BSI C5 | 31.01.2027 | Rechenzentren Nürnberg und Wien | vertraege/rz-sued-c5-testat.pdf |",
        "| Rechenzentrum Süd GmbH | ISO 50001 | *nicht dokumentiert* |",
    ] {
        assert!(de.contains(expected), "{expected}\n\n{de}");
    }
    assert!(!de.contains("DPA") && !de.contains("TERMS"), "{de}");
    let en = text(render(&format_1_1(), &["render", "tom", "--lang", "en"]));
    for expected in [
        "data processing agreement, **draft, not yet a valid agreement**",
        "online terms, accepted 3 February 2026, objection period 14 days",
        "| EEA<br>*Support access from: India, United States* |",
        "tags: Multi-factor authentication, Password policy",
        "| 8 copies |",
        "| ISO 50001 | *not documented* |",
    ] {
        assert!(en.contains(expected), "{expected}\n\n{en}");
    }
    // A draft is never shown with a signing date.
    let draft = de
        .lines()
        .find(|l| l.starts_with("| Werbeagentur Blau | "))
        .unwrap();
    assert!(!draft.contains("unterzeichnet"), "{draft}");
}

/// The sub-processor list shows the places of processing in every format: regions,
/// support access and the parent company, as words in documents and as codes in data.
#[test]
fn subprocessors_show_places_of_processing_in_every_format() {
    let dir = format_1_1();
    let md = text(render(&dir, &["render", "subprocessors", "--lang", "de"]));
    assert!(md.contains("| Deutschland, Österreich |"), "{md}");
    assert!(md.contains("| EU<br>*Support-Zugriff aus: USA* |"), "{md}");
    let html = text(render(
        &dir,
        &[
            "render",
            "subprocessors",
            "--lang",
            "de",
            "--format",
            "html",
        ],
    ));
    assert!(html.contains("Verarbeitungsorte"), "{html}");
    assert!(html.contains("Deutschland, Österreich"), "{html}");
    assert!(html.contains("Support-Zugriff aus: Indien, USA"), "{html}");
    let json: serde_json::Value = serde_json::from_slice(&render(
        &dir,
        &["render", "subprocessors", "--format", "json"],
    ))
    .unwrap();
    let by_id = |id: &str| {
        json["subprocessors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {json}"))
            .clone()
    };
    assert_eq!(
        by_id("hoster")["processing"],
        serde_json::json!(["DE", "AT"])
    );
    assert_eq!(by_id("helpdesk")["processing"], serde_json::json!(["EEA"]));
    assert_eq!(
        by_id("helpdesk")["support_access"],
        serde_json::json!(["IN", "US"])
    );
    assert_eq!(by_id("helpdesk")["parent"], "Helpdesk Holdings Inc. (US)");
    // Without `processing`, the seat is where the data is processed.
    assert_eq!(by_id("agentur")["processing"], serde_json::json!(["DE"]));
    let csv = text(render(
        &dir,
        &["render", "subprocessors", "--format", "csv"],
    ));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("\"helpdesk\""))
        .unwrap_or_else(|| panic!("{csv}"));
    let cells: Vec<&str> = row.split("\",\"").collect();
    assert_eq!(cells.len(), header.len(), "{row}");
    assert_eq!(cells[column("processing")], "EEA");
    assert_eq!(
        cells[column("support_access")].trim_end_matches(['"', '\r']),
        "IN US"
    );
}

/// pdftotext finds the 1.1 facts in the PDF: the AVV's form, a certification, a tag's
/// label and the reason a measure does not apply.
#[test]
fn pdf_holds_the_format_1_1_facts() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("tom.pdf");
    render(
        &format_1_1(),
        &["render", "tom", "--lang", "de", "-o", pdf.to_str().unwrap()],
    );
    let text = joined(&pdf_text(&pdf));
    for expected in [
        "Standardvertragsklauseln",
        "Online-Bedingungen",
        "Entwurf, noch kein gültiger AVV",
        "Widerspruchsfrist 30 Tage",
        "BSI C5",
        "31.01.2027",
        "Mehr-Faktor-Authentisierung",
        "Kein eigener Serverraum: der Shop läuft im Rechenzentrum Süd (BSI C5)",
        "Support-Zugriff aus: Indien, USA",
    ] {
        assert!(
            text.contains(expected),
            "not in the PDF: {expected}\n\n{text}"
        );
    }
}

/// Every format, rendered twice from the same commit: the same bytes.
#[test]
fn every_format_is_byte_identical_across_renders() {
    let repo = Repo::new();
    repo.copy_tom(&root().join("tom"));
    repo.commit("TOM", "2026-10-15T09:30:00+02:00");
    for (kind, formats) in [
        ("tom", &["md", "html", "text", "docx", "pdf"][..]),
        (
            "subprocessors",
            &["md", "html", "json", "csv", "docx", "pdf"][..],
        ),
    ] {
        for format in formats {
            let args = ["render", kind, "--rev", "HEAD", "--format", format];
            let a = render(repo.path(), &args);
            let b = render(repo.path(), &args);
            assert!(!a.is_empty(), "{kind} {format}");
            assert!(
                a == b,
                "{kind} --format {format} differs between two renders"
            );
        }
    }
}

/// `--rev` renders a past version from the object database, without a checkout; the
/// "Stand" of a TOM without `as_of` is the commit's date.
#[test]
fn rev_renders_a_past_version_without_a_checkout() {
    let repo = Repo::new();
    repo.write(
        "tom/org.toml",
        "[organization]\nname = \"Beispiel GmbH\"\ncountry = \"DE\"\n",
    );
    repo.write(
        "tom/m.toml",
        "[[measure]]\nid = \"alarm\"\ncontrol = \"physical_access\"\ntext = \"Alarmanlage alt\"\n",
    );
    repo.commit("v1", "2025-03-04T12:00:00+01:00");
    repo.write(
        "tom/m.toml",
        "[[measure]]\nid = \"alarm\"\ncontrol = \"physical_access\"\ntext = \"Alarmanlage neu\"\n",
    );
    repo.commit("v2", "2026-06-30T12:00:00+02:00");
    let old = text(render(
        repo.path(),
        &["render", "tom", "--rev", "HEAD~1", "--lang", "de"],
    ));
    assert!(old.contains("Alarmanlage alt"), "{old}");
    assert!(!old.contains("Alarmanlage neu"));
    assert!(old.contains("**Stand:** 04.03.2025"), "{old}");
    let short = repo.git(&["rev-parse", "--short", "HEAD~1"], "2026-01-01T00:00:00Z");
    assert!(
        old.contains(&format!("aus tom/ im Commit {short} vom 04.03.2025")),
        "{old}"
    );
    // Nothing recorded, nothing invented.
    assert!(
        old.contains("**Datenschutzbeauftragte(r):** *nicht dokumentiert*"),
        "{old}"
    );
    let now = text(render(repo.path(), &["render", "tom", "--lang", "en"]));
    assert!(now.contains("Alarmanlage neu"));
    assert!(now.contains("**As of:** *not documented*"), "{now}");
}

const ORG: &str = "[organization]\nname = \"Beispiel GmbH\"\ncountry = \"DE\"\ndpo = \"Erika Mustermann <dsb@example.de>\"\n";

fn provider(id: &str, name: &str, role: &str, purpose: &str, country: &str) -> String {
    format!(
        "[[provider]]\nid = \"{id}\"\nname = \"{name}\"\nrole = \"{role}\"\npurpose = \"{purpose}\"\ncountry = \"{country}\"\npersonal_data = true\n\n"
    )
}

/// The notice between two commits lists exactly the sub-processor changes: added,
/// removed, changed purpose / place / safeguard — and nothing about controllers or
/// fields customers are not told about.
#[test]
fn notice_lists_exactly_the_sub_processor_changes() {
    let repo = Repo::new();
    repo.write("tom/org.toml", ORG);
    repo.write(
        "tom/providers.toml",
        &[
            provider("hoster", "Hoster GmbH", "processor", "Hosting", "DE"),
            provider("mailer", "Mailer Ltd", "processor", "Newsletter", "IE"),
            provider("bank", "Bank AG", "controller", "Konto", "DE"),
            provider("crm", "CRM Inc.", "processor", "CRM", "US") + "transfer = \"scc\"\n",
        ]
        .concat(),
    );
    repo.commit("v1", "2026-03-01T10:00:00+01:00");
    repo.git(&["tag", "v1"], "2026-03-01T10:00:00+01:00");
    repo.write(
        "tom/providers.toml",
        &[
            provider(
                "hoster",
                "Hoster GmbH",
                "processor",
                "Hosting und E-Mail",
                "DE",
            ),
            provider("bank", "Bank AG Neu", "controller", "Konto", "DE"),
            provider("crm", "CRM Inc.", "processor", "CRM", "US")
                + "transfer = \"dpf\"\nnotes = \"intern\"\n",
            provider(
                "support",
                "Support GmbH",
                "processor",
                "Kundensupport",
                "AT",
            ),
        ]
        .concat(),
    );
    repo.commit("v2", "2026-04-01T10:00:00+02:00");
    let md = text(render(
        repo.path(),
        &["render", "notice", "v1", "HEAD", "--lang", "de"],
    ));
    let section = |title: &str| -> String {
        let start = md.find(title).unwrap_or_else(|| panic!("{title}:\n{md}"));
        let rest = &md[start + title.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let added = section("## Neue Unterauftragsverarbeiter");
    assert!(added.contains("Support GmbH"), "{added}");
    assert!(!added.contains("Hoster"), "{added}");
    let removed = section("## Nicht mehr eingesetzte Unterauftragsverarbeiter");
    assert!(removed.contains("Mailer Ltd"), "{removed}");
    let changed = section("## Geänderte Unterauftragsverarbeiter");
    assert!(changed.contains("### Hoster GmbH"), "{changed}");
    assert!(
        changed.contains("| Zweck | Hosting | Hosting und E-Mail |"),
        "{changed}"
    );
    assert!(changed.contains("### CRM Inc."), "{changed}");
    assert!(changed.contains("Standardvertragsklauseln"), "{changed}");
    assert!(changed.contains("Data Privacy Framework"), "{changed}");
    assert!(
        !changed.contains("intern"),
        "notes are not part of a notice: {changed}"
    );
    assert!(
        !md.contains("Bank"),
        "controllers are not sub-processors:\n{md}"
    );
    // Dated by the new commit, 30 days to object by default.
    assert!(
        md.contains("**Datum dieser Mitteilung:** 01.04.2026"),
        "{md}"
    );
    assert!(
        md.contains("**Widerspruch möglich bis:** 01.05.2026"),
        "{md}"
    );
    assert!(md.contains("dsb&#64;example.de"), "{md}");
    // Plain text for an e-mail, with another objection period.
    let txt = text(render(
        repo.path(),
        &[
            "render",
            "notice",
            "v1",
            "HEAD",
            "--format",
            "text",
            "--objection-days",
            "14",
            "--effective",
            "2026-05-01",
        ],
    ));
    assert!(txt.contains("Objections until: 15 April 2026"), "{txt}");
    assert!(
        txt.contains("The changes take effect on: 1 May 2026"),
        "{txt}"
    );
    assert!(!txt.contains('*') && !txt.contains('|'), "{txt}");
    // No change: said so.
    let same = text(render(repo.path(), &["render", "notice", "HEAD", "HEAD"]));
    assert!(
        same.contains("There is no change to the sub-processors."),
        "{same}"
    );
}

/// A provider that moves its processing (seat only → a list of places with a third
/// country) and gains a safeguard is a changed sub-processor, with the places in words;
/// writing down the places it already had is no change.
#[test]
fn notice_reports_changed_places_of_processing_and_safeguard() {
    let repo = Repo::new();
    repo.write("tom/org.toml", ORG);
    repo.write(
        "tom/providers.toml",
        &[
            provider("hoster", "Hoster GmbH", "processor", "Hosting", "DE"),
            provider("mailer", "Mailer GmbH", "processor", "Newsletter", "DE"),
        ]
        .concat(),
    );
    repo.commit("v1", "2026-03-01T10:00:00+01:00");
    repo.write(
        "tom/providers.toml",
        &[
            provider("hoster", "Hoster GmbH", "processor", "Hosting", "DE")
                + "processing = [\"DE\", \"US\"]\nsupport_access = [\"IN\"]\ntransfer = \"scc\"\n\n",
            provider("mailer", "Mailer GmbH", "processor", "Newsletter", "DE")
                + "processing = [\"DE\"]\n\n",
        ]
        .concat(),
    );
    repo.commit("v2", "2026-04-01T10:00:00+02:00");
    let md = text(render(
        repo.path(),
        &["render", "notice", "HEAD~1", "HEAD", "--lang", "de"],
    ));
    let changed = &md[md
        .find("## Geänderte Unterauftragsverarbeiter")
        .unwrap_or_else(|| panic!("{md}"))..];
    assert!(changed.contains("### Hoster GmbH"), "{changed}");
    assert!(
        changed.contains("| Verarbeitungsorte | Deutschland | Deutschland, USA |"),
        "{changed}"
    );
    assert!(
        changed.contains("| Support-Zugriff aus | *nicht dokumentiert* | Indien |"),
        "{changed}"
    );
    assert!(
        changed.contains("| Garantie bei Drittlandübermittlung | *nicht dokumentiert* | Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO) |"),
        "{changed}"
    );
    assert!(
        !md.contains("Mailer"),
        "the same places written down are no change:\n{md}"
    );
    let en = text(render(
        repo.path(),
        &["render", "notice", "HEAD~1", "HEAD", "--lang", "en"],
    ));
    assert!(
        en.contains("| Places of processing | Germany | Germany, United States |"),
        "{en}"
    );
}

/// Untrusted TOM text cannot inject markup into HTML, Markdown, DOCX XML or a
/// spreadsheet formula into CSV.
#[test]
fn hostile_text_is_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let evil = r#"=HYPERLINK(\"http://x\") <script>alert(1)</script> </w:t></w:r> | # x"#;
    std::fs::create_dir_all(dir.path().join("tom")).unwrap();
    std::fs::write(
        dir.path().join("tom/t.toml"),
        format!(
            "{ORG}\n[[provider]]\nid = \"p\"\nname = \"{evil}\"\nrole = \"processor\"\npersonal_data = true\n\n[[measure]]\nid = \"m\"\ncontrol = \"input\"\ntext = \"{evil}\"\n"
        ),
    )
    .unwrap();
    let html = text(render(dir.path(), &["render", "tom", "--format", "html"]));
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    let md = text(render(dir.path(), &["render", "tom"]));
    assert!(!md.contains("<script>") && md.contains("\\| # x"), "{md}");
    let csv = text(render(
        dir.path(),
        &["render", "subprocessors", "--format", "csv"],
    ));
    assert!(csv.contains("\"'=HYPERLINK"), "{csv}");
    let out = dir.path().join("t.docx");
    render(dir.path(), &["render", "tom", "-o", out.to_str().unwrap()]);
    let docx = read_docx(&out);
    assert!(docx.contains("</w:t></w:r> | # x"), "{docx}");
}

/// The sub-processor list as data: JSON for a website, only processors with personal data.
#[test]
fn subprocessors_as_json_lists_processors_with_personal_data() {
    let json: serde_json::Value = serde_json::from_slice(&render(
        &root(),
        &["render", "subprocessors", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["version"], 1);
    let ids: Vec<&str> = json["subprocessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"hetzner"), "{ids:?}");
    // A controller (the bank) and a drive without personal data are not sub-processors.
    assert!(
        !ids.contains(&"postbank") && !ids.contains(&"google"),
        "{ids:?}"
    );
}

/// The text python-docx reads: headings with their style, then the tables' cells.
fn read_docx(path: &Path) -> String {
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    if p.style.name.startswith("Heading") or p.style.name in ("Title", "Subtitle"):
        print(p.style.name + ": " + p.text)
for i, t in enumerate(d.tables):
    print("table %d: %s" % (i, " | ".join(c.text for c in t.rows[0].cells)))
    for r in t.rows[1:]:
        print("  " + " | ".join(c.text for c in r.cells))
for p in d.paragraphs:
    if not p.style.name.startswith("Heading"):
        print(p.text)
"#;
    let out = tool(
        "python3",
        "pip install python-docx==1.2.0",
        &["-c", script, path.to_str().unwrap()],
    );
    String::from_utf8(out.stdout).unwrap()
}

/// python-docx reads the DOCX's heading styles and the provider table.
#[test]
fn python_docx_reads_headings_and_the_provider_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tom.docx");
    render(
        &seed(),
        &["render", "tom", "--lang", "de", "-o", out.to_str().unwrap()],
    );
    let read = read_docx(&out);
    assert!(
        read.contains("Title: Technische und organisatorische Maßnahmen (TOM)"),
        "{read}"
    );
    for (i, control) in CONTROLS_DE.iter().enumerate() {
        assert!(
            read.contains(&format!("Heading 1: {}. {control}", i + 1)),
            "{control}:\n{read}"
        );
    }
    let input = facts_of(&seed());
    let providers = read
        .lines()
        .skip_while(|l| !l.starts_with("table") || !l.contains("Sitz | Verarbeitungsorte"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        providers.contains("Dienstleister | Sitz | Verarbeitungsorte | Zweck"),
        "{read}"
    );
    for name in provider_names(&input) {
        assert!(
            providers.contains(&name),
            "provider {name} not in the table:\n{providers}"
        );
    }
    for m in implemented_measures(&input) {
        assert!(read.contains(&m), "measure not in the DOCX: {m}");
    }
}

/// LibreOffice opens and converts the DOCX without error.
#[test]
fn libreoffice_converts_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("tom.docx");
    render(
        &root(),
        &[
            "render",
            "tom",
            "--lang",
            "de",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    tool(
        "soffice",
        "apt-get install libreoffice-writer-nogui",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.path().to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = dir.path().join("tom.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Zutrittskontrolle"), "{text}");
    assert!(text.contains("Hetzner Online GmbH"), "{text}");
}

/// The text of a PDF in content-stream order (`-raw`): table cells stay whole
/// instead of being interleaved by columns.
fn pdf_text(pdf: &Path) -> String {
    let out = tool(
        "pdftotext",
        "apt-get install poppler-utils",
        &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    String::from_utf8(out.stdout).unwrap()
}

/// pdftotext's text with line breaks joined (a line ending in a hyphen joins the next
/// line without a space), so a measure or a name that wraps is still found whole.
fn joined(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Headless Chromium renders the HTML (printed to PDF) and every section is there.
#[test]
fn chromium_renders_the_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("tom.html");
    render(
        &seed(),
        &[
            "render",
            "tom",
            "--lang",
            "de",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    let pdf = dir.path().join("tom.pdf");
    tool(
        "chromium",
        "apt-get install chromium",
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", dir.path().join("profile").display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ],
    );
    let text = joined(&pdf_text(&pdf));
    for control in CONTROLS_DE {
        assert!(
            text.contains(control),
            "{control} not in Chromium's rendering"
        );
    }
    for name in provider_names(&facts_of(&seed())) {
        assert!(
            text.contains(&joined(&name)),
            "{name} not in Chromium's rendering"
        );
    }
}

/// pdftotext finds every implemented measure, every section heading and every provider
/// of the fixture in the PDF; pdftoppm renders its first page.
#[test]
fn pdf_holds_every_measure_heading_and_provider() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("tom.pdf");
    render(
        &seed(),
        &["render", "tom", "--lang", "de", "-o", pdf.to_str().unwrap()],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // The footer sits at the end of each page's content: drop it, so a measure that
    // continues on the next page reads whole.
    let raw = pdf_text(&pdf);
    let pages: Vec<&str> = raw
        .split('\u{c}')
        .map(|p| p.rfind("Erstellt mit tomcheck").map_or(p, |i| &p[..i]))
        .collect();
    assert!(pages.len() > 2, "{raw}");
    let text = joined(&pages.join("\n"));
    let input = facts_of(&seed());
    for m in implemented_measures(&input) {
        assert!(
            text.contains(&joined(&m)),
            "measure not in the PDF: {m}\n\n{text}"
        );
    }
    for (i, control) in CONTROLS_DE.iter().enumerate() {
        assert!(text.contains(&format!("{}. {control}", i + 1)), "{control}");
    }
    for heading in ["Systeme und Standorte", "Dienstleister", "Zertifizierungen"] {
        assert!(text.contains(heading), "{heading}");
    }
    for name in provider_names(&input) {
        assert!(
            text.contains(&joined(&name)),
            "provider {name} not in the PDF"
        );
    }
    let png = dir.path().join("page");
    tool(
        "pdftoppm",
        "apt-get install poppler-utils",
        &[
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("page"))
        .expect("pdftoppm wrote page 1");
    assert!(std::fs::metadata(page.path()).unwrap().len() > 1000);
    // PDF/A-2b identification and tags for screen readers.
    let info = tool(
        "pdfinfo",
        "apt-get install poppler-utils",
        &[pdf.to_str().unwrap()],
    );
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           Technische und organisatorische"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:") && info.contains("2018"),
        "{info}"
    );
    let fonts = tool(
        "pdffonts",
        "apt-get install poppler-utils",
        &[pdf.to_str().unwrap()],
    );
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "fonts embedded:\n{fonts}"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("pdfaid:part") || raw.contains("pdfaid"),
        "PDF/A identification"
    );
}

/// The `render` input of the GitHub Action: its step renders each KIND-FORMAT into the
/// artifact directory, the notice against the base, and rejects what is not KIND-FORMAT.
#[test]
fn the_action_renders_the_requested_documents() {
    let action: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(root().join("action.yml")).unwrap()).unwrap();
    let script = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "render")
        .expect("a render step")["run"]
        .as_str()
        .unwrap()
        .to_string();
    let repo = Repo::new();
    repo.write("tom/org.toml", ORG);
    repo.write(
        "tom/p.toml",
        &provider("hoster", "Hoster GmbH", "processor", "Hosting", "DE"),
    );
    repo.commit("v1", "2026-03-01T10:00:00+01:00");
    repo.git(&["tag", "v1"], "2026-03-01T10:00:00+01:00");
    repo.write(
        "tom/p.toml",
        &provider("mailer", "Mailer GmbH", "processor", "Newsletter", "DE"),
    );
    repo.commit("v2", "2026-04-01T10:00:00+02:00");
    let run = |render: &str| {
        let temp = tempfile::tempdir().unwrap();
        let output = temp.path().join("github-output");
        let out = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .env("TOMCHECK", assert_cmd::cargo::cargo_bin("tomcheck"))
            .env("INPUT_PATH", repo.path())
            .env("INPUT_BASE", "v1")
            .env("INPUT_RENDER", render)
            .env("INPUT_LANG", "de")
            .env("PR_BASE_SHA", "")
            .env("RUNNER_TEMP", temp.path())
            .env("GITHUB_OUTPUT", &output)
            .output()
            .unwrap();
        (out, temp)
    };
    let (out, temp) = run("tom-pdf, subprocessors-md,notice-text");
    assert!(out.status.success(), "{out:?}");
    let docs = temp.path().join("tomcheck-documents");
    assert!(std::fs::read(docs.join("tom.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    let subs = std::fs::read_to_string(docs.join("subprocessors.md")).unwrap();
    assert!(subs.contains("Mailer GmbH") && subs.contains("# Unterauftragsverarbeiter"));
    let notice = std::fs::read_to_string(docs.join("notice.txt")).unwrap();
    assert!(notice.contains("Neue Unterauftragsverarbeiter") && notice.contains("Mailer GmbH"));
    let outputs = std::fs::read_to_string(temp.path().join("github-output")).unwrap();
    assert!(outputs.contains(&format!("documents={}", docs.display())));
    let (out, _temp) = run("tom-pdf,tom-exe");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("is not KIND-FORMAT"));
}

/// A logo that cannot be shown stops the render with the reason, in the working tree
/// and in a commit alike: a missing file, a directory, a file that is no PNG or JPEG,
/// and a symbolic link stored in git.
#[test]
fn a_logo_that_cannot_be_shown_is_an_error() {
    let repo = Repo::new();
    repo.write("tom/org.toml", ORG);
    repo.write("logo.txt", "not an image\n");
    std::fs::create_dir(repo.path().join("logos")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("logo.txt", repo.path().join("link.png")).unwrap();
    // With `--rev HEAD` the settings and the logo come from the commit.
    let fails = |logo: &str, rev: bool, says: &str| {
        repo.write("tomcheck.toml", &format!("[document]\nlogo = \"{logo}\"\n"));
        let mut args = vec!["render", "tom", "--today", "2026-05-04"];
        if rev {
            repo.commit(logo, "2026-05-04T10:00:00+02:00");
            args.extend(["--rev", "HEAD"]);
        }
        let out = tomcheck(repo.path()).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{logo} {rev}: {stderr}");
        // The message as one line, without the frame miette wraps it in.
        let words: Vec<&str> = stderr.split_whitespace().filter(|w| *w != "│").collect();
        assert!(words.join(" ").contains(says), "{logo} {rev}: {stderr}");
    };
    fails("missing.png", false, "`missing.png` does not exist");
    fails("logos", false, "a readable image file");
    fails("logo.txt", false, "`logo.txt` is neither");
    fails("missing.png", true, "`missing.png` does not exist");
    fails("logo.txt", true, "`logo.txt` is neither");
    #[cfg(unix)]
    fails("link.png", true, "does not follow links stored in git");
}

/// The company's own look from `[document]`: letterhead, introduction, extra sections
/// from Markdown snippets, a logo, and page templates that replace the built-in ones —
/// all read from the rendered revision; a misspelt key is an error with a suggestion.
#[test]
fn document_settings_give_the_company_look() {
    let repo = Repo::new();
    repo.write("tom/org.toml", ORG);
    repo.write(
        "tomcheck.toml",
        "[document]\nlang = \"de\"\nletterhead = [\"Beispiel GmbH\", \"Musterweg 1\"]\nintro = \"Unsere Anlage 2.\"\nsections = \"document\"\nlogo = \"logo.png\"\ntemplates = \"document/templates\"\n",
    );
    repo.write(
        "document/10-notfall.md",
        "# Notfallkonzept\n\nBei Ausfall gilt:\n\n- Meldung an die DSB\n",
    );
    repo.write(
        "document/templates/page.html.j2",
        "<html lang=\"{{ lang }}\"><h1 class=\"firma\">{{ title }}</h1>{{ body }}<p>{{ footer }}</p></html>\n",
    );
    // A 1×1 PNG.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0,
        0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 10, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    std::fs::write(repo.path().join("logo.png"), png).unwrap();
    repo.commit("look", "2026-05-04T10:00:00+02:00");
    let md = text(render(repo.path(), &["render", "tom", "--rev", "HEAD"]));
    assert!(
        md.starts_with("Beispiel GmbH  \nMusterweg 1  \n\n# Technische"),
        "{md}"
    );
    assert!(md.contains("\nUnsere Anlage 2.\n"), "{md}");
    assert!(
        md.contains("## 16. Notfallkonzept\n\nBei Ausfall gilt:\n\n- Meldung an die DSB\n"),
        "{md}"
    );
    let html = text(render(repo.path(), &["render", "tom", "--format", "html"]));
    assert!(
        html.starts_with("<html lang=\"de\"><h1 class=\"firma\">Technische"),
        "{html}"
    );
    assert!(html.contains("<h2>16. Notfallkonzept</h2>"), "{html}");
    // The built-in page shows the logo; the DOCX carries it as a picture.
    std::fs::remove_dir_all(repo.path().join("document/templates")).unwrap();
    repo.write(
        "tomcheck.toml",
        "[document]\nlogo = \"logo.png\"\nletterhead = [\"Beispiel GmbH\"]\n",
    );
    let html = text(render(
        repo.path(),
        &["render", "subprocessors", "--format", "html"],
    ));
    assert!(
        html.contains(
            "<img class=\"logo\" alt=\"Beispiel GmbH\" src=\"data:image/png;base64,iVBORw0KGgo"
        ),
        "{html}"
    );
    let docx = repo.path().join("t.docx");
    render(
        repo.path(),
        &["render", "tom", "-o", docx.to_str().unwrap()],
    );
    let script = "import sys, docx; d = docx.Document(sys.argv[1]); print(len(d.inline_shapes))";
    let shapes = tool(
        "python3",
        "pip install python-docx==1.2.0",
        &["-c", script, docx.to_str().unwrap()],
    );
    assert_eq!(String::from_utf8_lossy(&shapes.stdout).trim(), "1");
    // And the PDF places it in the title block (PDF/A: not interpolated).
    let pdf = repo.path().join("t.pdf");
    // PDF/A needs a date: the working tree without `as_of` has none unless --today says so.
    let out = tomcheck(repo.path())
        .args(["render", "tom", "-o", pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--today"),
        "{out:?}"
    );
    render(
        repo.path(),
        &[
            "render",
            "tom",
            "--today",
            "2026-06-01",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let images = tool(
        "pdfimages",
        "apt-get install poppler-utils",
        &["-list", pdf.to_str().unwrap()],
    );
    let images = String::from_utf8_lossy(&images.stdout).into_owned();
    assert_eq!(
        images
            .lines()
            .filter(|l| l.split_whitespace().nth(2) == Some("image"))
            .count(),
        1,
        "{images}"
    );
    // A typo in [document] stops the render with a suggestion; `check` accepts the table.
    repo.write("tomcheck.toml", "[document]\nletterhaed = [\"x\"]\n");
    let out = tomcheck(repo.path())
        .args(["render", "tom"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown key `document.letterhaed`") && err.contains("letterhead"),
        "{err}"
    );
    let check = tomcheck(repo.path())
        .args(["check", "--today", "2026-06-01"])
        .output()
        .unwrap();
    assert_ne!(check.status.code(), Some(2), "{check:?}");
    // A broken template is an input error naming the file and line.
    repo.write("tomcheck.toml", "[document]\ntemplates = \"tpl\"\n");
    repo.write("tpl/tom.md.j2", "ok\n{% if %}\n");
    let out = tomcheck(repo.path())
        .args(["render", "tom"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("template error: tom.md.j2:2"), "{err}");
}
