#!/usr/bin/env bash
# Builds the demonstration repository of docs/diff-reports.md: two versions of a TOM
# transcribed from a real "Versions compared" page (measure texts edited, one sentence
# cut), plus a new provider without AVV and a backup moved to another site.
#
#   scripts/diff-demo.sh DIR
#
# Dates and identities are fixed, so the commit ids in the docs are reproducible.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Erika Mustermann" GIT_AUTHOR_EMAIL="dsb@example.de"
export GIT_COMMITTER_NAME="Erika Mustermann" GIT_COMMITTER_EMAIL="dsb@example.de"
git init -q -b main

commit() {
  export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"
  git add -A
  git commit -q -m "$2"
}

mkdir -p tom
organization() {
  cat > tom/organization.toml <<TOML
[organization]
name = "Beispiel Buchhaltung GmbH"
country = "DE"
as_of = $1
reviewed = $1
dpo = "Erika Mustermann <dsb@example.de>"
TOML
}

infrastructure() {
  cat > tom/infrastructure.toml <<TOML
[[provider]]
id = "hoster"
name = "Hoster Rechenzentrum GmbH"
country = "DE"
role = "processor"
purpose = "Server der Buchhaltungs-Webapp"
personal_data = true
access = "full"
avv = { signed = 2018-05-15, document = "vertraege/avv-hoster.pdf" }

[[location]]
id = "rz-1"
name = "Rechenzentrum Nürnberg, Brandabschnitt 1"
kind = "datacenter"
provider = "hoster"
country = "DE"
site = "nbg-1"

[[location]]
id = "rz-2"
name = "Rechenzentrum Falkenstein"
kind = "datacenter"
provider = "hoster"
country = "DE"
site = "fsn-1"

[[system]]
id = "webapp"
name = "Buchhaltungs-Webapp"
kind = "server"
provider = "hoster"
location = "rz-1"
personal_data = true
os = "Debian 12"
encrypted = true

[[backup]]
id = "daily"
systems = ["webapp"]
location = "$1"
frequency = "daily"
retention_days = 42
encrypted = true
restore_tested = 2018-04-30
TOML
}

measures() {
  local white_label=$1 firma=$2 admin=$3 cut=$4
  cat > tom/measures.toml <<TOML
[[measure]]
id = "chip-card"
control = "physical_access"
text = "Zum Eintritt ist eine Chipkarte für den Check-In notwendig."

[[measure]]
id = "password-manager"
control = "system_access"
text = "Zugriff zu den Systemen (etwa CRM, Rechnungsstellung, Mailing o.ä.) erfolgt nur mittels sicherer und individueller Passwörter, welche verschlüsselt im Passwortmanager Keepass aufbewahrt werden."

[[measure]]
id = "accounting-data"
control = "data_access"
text = "Zugriffe auf Buchhaltungsdaten sind nur einem stark eingeschränkten Personenkreis technisch möglich.$cut"

[[measure]]
id = "master-data-only"
control = "data_access"
text = "Andere Mitarbeiter des Unternehmens haben keinen Zugriff auf die Verarbeitungssysteme des Unternehmens. Einsicht haben Mitarbeiter lediglich in die Stammdaten des Auftraggebers (Name, $firma, Adresse, Kontaktdaten, gebuchte Dienstleistung) sowie in bisherige Konversationen."

[[measure]]
id = "white-label"
control = "separation"
text = "White-Label-Instanzen nutzen zudem physisch getrennte $white_label."

[[measure]]
id = "attack-protection"
control = "availability"
text = "Der Schutz vor Viren und Hacker-Angriffen wird durch eine Firewall sowie diverse Sicherheitsschranken, manuelle Maßnahmen, welche dem aktuellen Stand der $admin entsprechen, sichergestellt."

[[measure]]
id = "daily-backup"
control = "recoverability"
text = "Alle Daten werden mindestens einmal täglich auf einem räumlich getrennten Backup-Server gesichert. Backups werden mindestens 6 Wochen vorgehalten."
TOML
}

cut=" Wenngleich ein Datenzugriff technisch möglich ist, erfolgt niemals eine Einsichtnahme in Buchungsdaten des Auftraggebers, es sei denn, der Auftraggeber erteilt eine explizite Weisung um Änderungen, Löschungen o.ä. am Datenbestand vorzunehmen."

organization 2018-05-20
infrastructure rz-1
measures Server Firmierung Server-Administration "$cut"
commit "2018-05-20T10:00:00+02:00" "TOM Stand 2018-05-20"
git tag v1

# The backup moves to the other datacenter: a separate commit, as in real life.
infrastructure rz-2
commit "2018-09-03T16:30:00+02:00" "Backup ins Rechenzentrum Falkenstein"

organization 2019-02-11
measures Datenbanken Firma System-Administration ""
cat > tom/providers.toml <<TOML
[[provider]]
id = "newsletter"
name = "Newsletter-Versand AG"
country = "DE"
role = "processor"
purpose = "Versand des Kunden-Newsletters"
personal_data = true
access = "read"
TOML
commit "2019-02-11T09:15:00+01:00" "TOM Stand 2019-02-11: Newsletter-Dienstleister, Texte überarbeitet"
git tag v2
