//! The starter files `tomcheck init` writes: a small but complete TOM, `tomcheck.toml`,
//! a GitHub workflow and a pre-commit configuration.
//!
//! The starter TOM shows the format by example (one measure per control category, a
//! processor, a backed-up server) but claims nothing that has not happened: no AVV is
//! signed, no restore tested, no review done and no measure implemented. Names are
//! visibly placeholders (`TODO: …`), the dates to record are commented out (`# reviewed
//! = {today}` shows the form), and every measure is `planned`. So `tomcheck check`
//! reports each placeholder fact (`avv.missing`, `review.overdue`,
//! `backup.restore-untested`, `measure.control-missing`) until it is filled in.
//!
//! With `--lang de` the comments and example texts are German (and tomcheck.toml says
//! `lang = "de"`); keys, ids and enum values are the same in both.

use crate::i18n::Lang;

/// The files `init` writes, relative to the checked directory, with their text, the
/// comments and example texts in `lang`.
pub fn files(today: &str, lang: Lang) -> Vec<(&'static str, String)> {
    let [config, organization, providers, locations, systems, backups, measures, workflow, pre_commit] =
        match lang {
            Lang::En => [
                CONFIG,
                ORGANIZATION,
                PROVIDERS,
                LOCATIONS,
                SYSTEMS,
                BACKUPS,
                MEASURES,
                WORKFLOW,
                PRE_COMMIT,
            ],
            Lang::De => [
                CONFIG_DE,
                ORGANIZATION_DE,
                PROVIDERS_DE,
                LOCATIONS_DE,
                SYSTEMS_DE,
                BACKUPS_DE,
                MEASURES_DE,
                WORKFLOW_DE,
                PRE_COMMIT_DE,
            ],
        };
    let version = env!("CARGO_PKG_VERSION");
    let repository = env!("CARGO_PKG_REPOSITORY");
    let action = repository.trim_start_matches("https://github.com/");
    vec![
        ("tomcheck.toml", config.to_string()),
        (
            "tom/organization.toml",
            organization.replace("{today}", today),
        ),
        ("tom/providers.toml", providers.replace("{today}", today)),
        ("tom/locations.toml", locations.to_string()),
        ("tom/systems.toml", systems.to_string()),
        ("tom/backups.toml", backups.replace("{today}", today)),
        ("tom/measures.toml", measures.to_string()),
        (
            ".github/workflows/tom.yml",
            workflow
                .replace("{action}", action)
                .replace("{version}", version),
        ),
        (
            ".pre-commit-config.yaml",
            pre_commit
                .replace("{repository}", repository)
                .replace("{version}", version),
        ),
    ]
}

const CONFIG: &str = r#"# tomcheck configuration (all keys optional).

# Directory of the TOM's TOML files.
tom = "tom"

# Directories of your own Rego policies (package tom.<area>), evaluated with the bundled ones.
# policies = ["policies"]

# Fail on findings of at least this severity: "deny" (default), "warn" or "info".
# fail_on = "deny"

# How many days a waiver may last; one expiring further ahead is a waiver.too-long finding.
# max_waiver_days = 365

# Change the severity of a rule, or switch it off.
# [rules]
# "backup.restore-untested" = "deny"
"#;

const ORGANIZATION: &str = r#"# Technical and organisational measures (TOM, Art. 32 GDPR) and the service providers
# (Art. 28 GDPR) of the organisation. Replace the examples in these files with your own;
# `tomcheck schema` prints the format as a JSON Schema for your editor.

[organization]
name = "TODO: legal name of the organisation"
country = "DE"
review_interval_months = 12
# Record dates only for what has happened (`tomcheck check` reports the review as
# missing until then):
# as_of = {today}             # "Stand": the date this TOM describes
# reviewed = {today}          # last review of the whole TOM (Art. 32(1)(d))
# dpo = "Name <privacy@example.com>"
"#;

const PROVIDERS: &str = r#"# Every external party that receives or can reach personal data.
# Processors need a data processing agreement (AVV, Art. 28(3) GDPR).

[[provider]]
id = "hosting"
name = "TODO: hosting provider"
country = "DE"
role = "processor"
purpose = "Rented server for the website and e-mail"
personal_data = true
access = "full"
processing = ["DE"]             # where the data is processed: countries, or "EU"/"EEA"
# `tomcheck check` reports the missing AVV until its signing date is recorded:
# avv = { signed = {today}, document = "contracts/hosting-avv.pdf" }
# certifications = [{ standard = "ISO 27001", valid_until = 2028-01-31, evidence = "https://…" }]

# A bank is a controller of its own: no AVV needed.
[[provider]]
id = "bank"
name = "TODO: bank"
country = "DE"
role = "controller"
purpose = "Business account and payments"
personal_data = true
"#;

const LOCATIONS: &str = r#"# Where systems and backups are. Equal `site` means not spatially separated.

[[location]]
id = "office"
name = "Office"
kind = "office"
country = "DE"
site = "office"

[[location]]
id = "hosting-dc1"
name = "Hosting datacenter 1"
kind = "datacenter"
provider = "hosting"
country = "DE"
site = "hosting-dc1"

[[location]]
id = "hosting-dc2"
name = "Hosting datacenter 2 (backup storage)"
kind = "datacenter"
provider = "hosting"
country = "DE"
site = "hosting-dc2"
"#;

const SYSTEMS: &str = r#"# Servers, PCs, laptops, phones, SaaS applications, network devices.
# `os` is checked against bundled end-of-support dates, e.g. os = "Debian 13".

[[system]]
id = "web-server"
name = "Web and mail server"
kind = "server"
provider = "hosting"
location = "hosting-dc1"
personal_data = true
encrypted = true
"#;

const BACKUPS: &str = r#"# Backups: where the copies are kept, how long, whether restores are tested.

[[backup]]
id = "server-backup"
systems = ["web-server"]
location = "hosting-dc2"
frequency = "daily"
retention_days = 30
encrypted = true
# Record the last successful restore test once one was done (reported until then):
# restore_tested = {today}
"#;

const MEASURES: &str = r#"# The measures of Art. 32 GDPR, one per line of the TOM document, at least one
# implemented measure per control category. Replace the examples with what you do;
# they are `planned` until you set status = "implemented" (or remove the line), and
# `tomcheck check` reports every category without an implemented measure.
# `tags` say what a measure does, from a fixed vocabulary (`tomcheck schema` lists it);
# a category that does not apply to you gets status = "not-applicable" and a reason.

[[measure]]
id = "locked-office"
control = "physical_access"
text = "The office is locked outside working hours; keys are issued personally and recorded."
status = "planned"
tags = ["physical-security"]

[[measure]]
id = "personal-accounts"
control = "system_access"
text = "Every person logs in with a personal account and a password from the password manager."
status = "planned"
tags = ["password-policy"]

[[measure]]
id = "role-permissions"
control = "data_access"
text = "Access rights follow roles and are reviewed when someone joins, moves or leaves."
status = "planned"
tags = ["least-privilege", "access-review"]

[[measure]]
id = "separate-systems"
control = "separation"
text = "Customer data of different purposes is kept in separate databases."
status = "planned"

[[measure]]
id = "pseudonymised-analytics"
control = "pseudonymisation"
text = "Statistics are computed on pseudonymised data."
status = "planned"
tags = ["pseudonymisation"]

[[measure]]
id = "disk-encryption"
control = "encryption"
text = "Servers and laptops use full disk encryption; backups are encrypted before upload."
status = "planned"
tags = ["encryption-at-rest"]

[[measure]]
id = "tls"
control = "transfer"
text = "Personal data is transferred only over encrypted connections (TLS, SFTP)."
status = "planned"
tags = ["encryption-in-transit"]     # read by encryption.transit-missing

[[measure]]
id = "change-log"
control = "input"
text = "Applications log who entered, changed or deleted personal data."
status = "planned"
tags = ["logging"]

[[measure]]
id = "daily-backup"
control = "availability"
text = "Servers are backed up daily to a second datacenter."
status = "planned"
tags = ["backup"]

[[measure]]
id = "restore-test"
control = "recoverability"
text = "A restore from backup is tested at least once a year."
status = "planned"

[[measure]]
id = "processor-contracts"
control = "order"
text = "Processors are engaged only under a data processing agreement (Art. 28 GDPR)."
status = "planned"

[[measure]]
id = "yearly-review"
control = "review"
text = "The TOM is reviewed every year and whenever systems or providers change."
status = "planned"
"#;

const WORKFLOW: &str = r#"# Checks the TOM on every pull request: annotations on the diff, a job summary and
# SARIF for code scanning. Findings already on the base branch are marked `existing`.
name: TOM

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write

jobs:
  tomcheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0
        with:
          fetch-depth: 0
      - uses: {action}@v{version}
        with:
          fail-on: deny
          new-only: "false"
          # Pull requests from forks cannot write to code scanning.
          sarif: ${{ github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository }}
"#;

const PRE_COMMIT: &str = r#"# pre-commit (https://pre-commit.com): `pre-commit install` once, then every commit
# that touches the TOM, the policies or tomcheck.toml is checked.
repos:
  - repo: {repository}
    rev: v{version}
    hooks:
      - id: tomcheck
"#;

// --- German ---------------------------------------------------------------------------
// The same files for `tomcheck init --lang de`: comments and example texts in German,
// keys, ids and enum values as in every TOM.

const CONFIG_DE: &str = r#"# Konfiguration von tomcheck (alle Angaben optional).

# Sprache der Ausgaben: "de" oder "en" (sonst entscheidet die Spracheinstellung des Systems).
lang = "de"

# Verzeichnis mit den TOML-Dateien der TOM.
tom = "tom"

# Verzeichnisse eigener Rego-Richtlinien (package tom.<bereich>), zusätzlich zu den mitgelieferten.
# policies = ["policies"]

# Ab welcher Schwere die Prüfung scheitert: "deny" (Standard), "warn" oder "info".
# fail_on = "deny"

# Wie viele Tage eine Ausnahme (waiver) höchstens gilt; eine länger gültige ergibt den Befund waiver.too-long.
# max_waiver_days = 365

# Die Schwere einer Regel ändern oder die Regel abschalten.
# [rules]
# "backup.restore-untested" = "deny"
"#;

const ORGANIZATION_DE: &str = r#"# Technische und organisatorische Maßnahmen (TOM, Art. 32 DSGVO) und die Dienstleister
# (Art. 28 DSGVO) der Organisation. Ersetzen Sie die Beispiele in diesen Dateien durch Ihre
# eigenen Angaben; `tomcheck schema` gibt das Format als JSON-Schema für Ihren Editor aus.

[organization]
name = "TODO: vollständiger Name der Organisation"
country = "DE"
review_interval_months = 12
# Tragen Sie nur Daten ein für das, was geschehen ist (`tomcheck check` meldet die
# Überprüfung bis dahin als fehlend):
# as_of = {today}             # Stand: das Datum, das diese TOM beschreibt
# reviewed = {today}          # letzte Überprüfung der gesamten TOM (Art. 32 Abs. 1 lit. d DSGVO)
# dpo = "Name <datenschutz@example.com>"
"#;

const PROVIDERS_DE: &str = r#"# Jede externe Stelle, die personenbezogene Daten erhält oder auf sie zugreifen kann.
# Auftragsverarbeiter brauchen einen Auftragsverarbeitungsvertrag (AVV, Art. 28 Abs. 3 DSGVO).

[[provider]]
id = "hosting"
name = "TODO: Hosting-Anbieter"
country = "DE"
role = "processor"
purpose = "Gemieteter Server für Website und E-Mail"
personal_data = true
access = "full"
processing = ["DE"]             # wo die Daten verarbeitet werden: Länder, oder "EU"/"EEA"
# `tomcheck check` meldet den fehlenden AVV, bis sein Unterschriftsdatum eingetragen ist:
# avv = { signed = {today}, document = "vertraege/hosting-avv.pdf" }
# certifications = [{ standard = "ISO 27001", valid_until = 2028-01-31, evidence = "https://…" }]

# Eine Bank ist selbst Verantwortlicher: kein AVV nötig.
[[provider]]
id = "bank"
name = "TODO: Bank"
country = "DE"
role = "controller"
purpose = "Geschäftskonto und Zahlungsverkehr"
personal_data = true
"#;

const LOCATIONS_DE: &str = r#"# Wo Systeme und Datensicherungen stehen. Gleiche `site` heißt: räumlich nicht getrennt.

[[location]]
id = "office"
name = "Büro"
kind = "office"
country = "DE"
site = "office"

[[location]]
id = "hosting-dc1"
name = "Rechenzentrum 1 des Hosting-Anbieters"
kind = "datacenter"
provider = "hosting"
country = "DE"
site = "hosting-dc1"

[[location]]
id = "hosting-dc2"
name = "Rechenzentrum 2 des Hosting-Anbieters (Sicherungsspeicher)"
kind = "datacenter"
provider = "hosting"
country = "DE"
site = "hosting-dc2"
"#;

const SYSTEMS_DE: &str = r#"# Server, PCs, Notebooks, Telefone, SaaS-Anwendungen, Netzwerkgeräte.
# `os` wird mit mitgelieferten Support-Enddaten verglichen, z. B. os = "Debian 13".

[[system]]
id = "web-server"
name = "Web- und Mailserver"
kind = "server"
provider = "hosting"
location = "hosting-dc1"
personal_data = true
encrypted = true
"#;

const BACKUPS_DE: &str = r#"# Datensicherungen: wo die Kopien liegen, wie lange, ob die Wiederherstellung getestet wird.

[[backup]]
id = "server-backup"
systems = ["web-server"]
location = "hosting-dc2"
frequency = "daily"
retention_days = 30
encrypted = true
# Tragen Sie den letzten erfolgreichen Wiederherstellungstest ein, sobald einer stattfand
# (bis dahin gemeldet):
# restore_tested = {today}
"#;

const MEASURES_DE: &str = r#"# Die Maßnahmen nach Art. 32 DSGVO, eine je Zeile des TOM-Dokuments, mindestens eine
# umgesetzte Maßnahme je Kontrollbereich. Ersetzen Sie die Beispiele durch das, was Sie tun;
# sie sind `planned`, bis Sie status = "implemented" setzen (oder die Zeile entfernen), und
# `tomcheck check` meldet jeden Kontrollbereich ohne umgesetzte Maßnahme.
# `tags` sagen, was eine Maßnahme leistet, aus einem festen Vokabular (`tomcheck schema` listet es);
# ein Kontrollbereich, der für Sie nicht zutrifft, bekommt status = "not-applicable" und eine Begründung.

[[measure]]
id = "locked-office"
control = "physical_access"
text = "Das Büro ist außerhalb der Arbeitszeit verschlossen; Schlüssel werden personengebunden ausgegeben und dokumentiert."
status = "planned"
tags = ["physical-security"]

[[measure]]
id = "personal-accounts"
control = "system_access"
text = "Jede Person meldet sich mit einem persönlichen Konto und einem Passwort aus dem Passwortmanager an."
status = "planned"
tags = ["password-policy"]

[[measure]]
id = "role-permissions"
control = "data_access"
text = "Zugriffsrechte folgen Rollen und werden bei Eintritt, Wechsel und Austritt überprüft."
status = "planned"
tags = ["least-privilege", "access-review"]

[[measure]]
id = "separate-systems"
control = "separation"
text = "Kundendaten unterschiedlicher Zwecke liegen in getrennten Datenbanken."
status = "planned"

[[measure]]
id = "pseudonymised-analytics"
control = "pseudonymisation"
text = "Statistiken werden auf pseudonymisierten Daten berechnet."
status = "planned"
tags = ["pseudonymisation"]

[[measure]]
id = "disk-encryption"
control = "encryption"
text = "Server und Notebooks sind vollständig verschlüsselt; Datensicherungen werden vor dem Hochladen verschlüsselt."
status = "planned"
tags = ["encryption-at-rest"]

[[measure]]
id = "tls"
control = "transfer"
text = "Personenbezogene Daten werden nur über verschlüsselte Verbindungen (TLS, SFTP) übertragen."
status = "planned"
tags = ["encryption-in-transit"]     # von encryption.transit-missing gelesen

[[measure]]
id = "change-log"
control = "input"
text = "Anwendungen protokollieren, wer personenbezogene Daten eingegeben, geändert oder gelöscht hat."
status = "planned"
tags = ["logging"]

[[measure]]
id = "daily-backup"
control = "availability"
text = "Server werden täglich in ein zweites Rechenzentrum gesichert."
status = "planned"
tags = ["backup"]

[[measure]]
id = "restore-test"
control = "recoverability"
text = "Die Wiederherstellung aus der Datensicherung wird mindestens einmal jährlich getestet."
status = "planned"

[[measure]]
id = "processor-contracts"
control = "order"
text = "Auftragsverarbeiter werden nur mit Auftragsverarbeitungsvertrag (Art. 28 DSGVO) beauftragt."
status = "planned"

[[measure]]
id = "yearly-review"
control = "review"
text = "Die TOM werden jährlich überprüft und immer dann, wenn sich Systeme oder Dienstleister ändern."
status = "planned"
"#;

const WORKFLOW_DE: &str = r#"# Prüft die TOM bei jedem Pull Request: Anmerkungen im Diff, eine Zusammenfassung des Jobs
# und SARIF für Code Scanning. Befunde, die der Basis-Branch schon hat, sind als `existing` markiert.
name: TOM

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write

jobs:
  tomcheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0
        with:
          fetch-depth: 0
      - uses: {action}@v{version}
        with:
          fail-on: deny
          new-only: "false"
          # Pull Requests aus Forks dürfen nicht in Code Scanning schreiben.
          sarif: ${{ github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository }}
"#;

const PRE_COMMIT_DE: &str = r#"# pre-commit (https://pre-commit.com): einmal `pre-commit install`, danach wird jeder Commit
# geprüft, der die TOM, die Richtlinien oder tomcheck.toml ändert.
repos:
  - repo: {repository}
    rev: v{version}
    hooks:
      - id: tomcheck
"#;

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn the_starter_tom_records_no_date_and_no_implemented_measure() {
        let all = [Lang::En, Lang::De]
            .into_iter()
            .flat_map(|lang| super::files("2026-11-22", lang));
        for (path, text) in all {
            if !path.starts_with("tom/") {
                continue;
            }
            for line in text.lines() {
                let fact = line.split('#').next().unwrap_or("");
                assert!(!fact.contains("2026-11-22"), "{path}: {line}");
                assert!(!fact.contains("implemented"), "{path}: {line}");
                // Who the organisation and its providers are is the user's to say.
                let party = path.ends_with("organization.toml") || path.ends_with("providers.toml");
                if party && fact.trim_start().starts_with("name =") {
                    assert!(fact.contains("TODO: "), "{path}: {line}");
                }
            }
        }
    }

    /// Both languages write the same keys, ids and enum values: only comments and the
    /// free-text values differ.
    #[test]
    fn german_and_english_starters_hold_the_same_keys() {
        let keys = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#') && l.contains(" = "))
                .map(|l| {
                    let (key, value) = l.split_once(" = ").unwrap_or_default();
                    let value = value.split('#').next().unwrap_or_default().trim();
                    // Free text is translated; everything else is the same.
                    let free = ["name", "purpose", "text"].contains(&key.trim());
                    if free {
                        key.trim().to_string()
                    } else {
                        format!("{} = {value}", key.trim())
                    }
                })
                .collect()
        };
        let (en, de) = (
            super::files("2026-11-22", Lang::En),
            super::files("2026-11-22", Lang::De),
        );
        let mut compared = 0;
        for ((path, en), (de_path, de)) in en.iter().zip(&de) {
            assert_eq!(path, de_path);
            if !path.ends_with(".toml") {
                continue;
            }
            let (mut en_keys, de_keys) = (keys(en), keys(de));
            if *path == "tomcheck.toml" {
                en_keys.insert(0, "lang = \"de\"".to_string());
            }
            assert_eq!(en_keys, de_keys, "{path}");
            assert_ne!(en, de, "{path} is not translated");
            compared += 1;
        }
        assert_eq!(compared, 7);
    }
}
