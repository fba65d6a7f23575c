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

/// The files `init` writes, relative to the checked directory, with their text.
pub fn files(today: &str) -> Vec<(&'static str, String)> {
    let version = env!("CARGO_PKG_VERSION");
    let repository = env!("CARGO_PKG_REPOSITORY");
    let action = repository.trim_start_matches("https://github.com/");
    vec![
        ("tomcheck.toml", CONFIG.to_string()),
        (
            "tom/organization.toml",
            ORGANIZATION.replace("{today}", today),
        ),
        ("tom/providers.toml", PROVIDERS.replace("{today}", today)),
        ("tom/locations.toml", LOCATIONS.to_string()),
        ("tom/systems.toml", SYSTEMS.to_string()),
        ("tom/backups.toml", BACKUPS.replace("{today}", today)),
        ("tom/measures.toml", MEASURES.to_string()),
        (
            ".github/workflows/tom.yml",
            WORKFLOW
                .replace("{action}", action)
                .replace("{version}", version),
        ),
        (
            ".pre-commit-config.yaml",
            PRE_COMMIT
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_tom_records_no_date_and_no_implemented_measure() {
        for (path, text) in super::files("2026-11-22") {
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
}
