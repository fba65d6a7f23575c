//! The starter files `tomcheck init` writes: a small but complete TOM, `tomcheck.toml`,
//! a GitHub workflow and a pre-commit configuration.
//!
//! The starter TOM passes `tomcheck check` on the day it is written (dates are set to
//! that day): one measure per control category, a processor with its data processing
//! agreement, a backed-up server. It shows the format by example; comments say what to
//! replace.

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
name = "Example GmbH"
country = "DE"
as_of = {today}
reviewed = {today}              # last review of the whole TOM (Art. 32(1)(d))
review_interval_months = 12
# dpo = "Name <privacy@example.com>"
"#;

const PROVIDERS: &str = r#"# Every external party that receives or can reach personal data.
# Processors need a data processing agreement (AVV, Art. 28(3) GDPR).

[[provider]]
id = "hosting"
name = "Example Hosting GmbH"
country = "DE"
role = "processor"
purpose = "Rented server for the website and e-mail"
personal_data = true
access = "full"
avv = { signed = {today}, document = "contracts/hosting-avv.pdf" }

# A bank is a controller of its own: no AVV needed.
[[provider]]
id = "bank"
name = "Example Bank AG"
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
restore_tested = {today}
"#;

const MEASURES: &str = r#"# The measures of Art. 32 GDPR, one per line of the TOM document, at least one
# implemented measure per control category. Replace the examples with what you do.

[[measure]]
id = "locked-office"
control = "physical_access"
text = "The office is locked outside working hours; keys are issued personally and recorded."

[[measure]]
id = "personal-accounts"
control = "system_access"
text = "Every person logs in with a personal account and a password from the password manager."

[[measure]]
id = "role-permissions"
control = "data_access"
text = "Access rights follow roles and are reviewed when someone joins, moves or leaves."

[[measure]]
id = "separate-systems"
control = "separation"
text = "Customer data of different purposes is kept in separate databases."

[[measure]]
id = "pseudonymised-analytics"
control = "pseudonymisation"
text = "Statistics are computed on pseudonymised data."

[[measure]]
id = "disk-encryption"
control = "encryption"
text = "Servers and laptops use full disk encryption; backups are encrypted before upload."

[[measure]]
id = "tls"
control = "transfer"
text = "Personal data is transferred only over encrypted connections (TLS, SFTP)."

[[measure]]
id = "change-log"
control = "input"
text = "Applications log who entered, changed or deleted personal data."

[[measure]]
id = "daily-backup"
control = "availability"
text = "Servers are backed up daily to a second datacenter."

[[measure]]
id = "restore-test"
control = "recoverability"
text = "A restore from backup is tested at least once a year."

[[measure]]
id = "processor-contracts"
control = "order"
text = "Processors are engaged only under a data processing agreement (Art. 28 GDPR)."

[[measure]]
id = "yearly-review"
control = "review"
text = "The TOM is reviewed every year and whenever systems or providers change."
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
