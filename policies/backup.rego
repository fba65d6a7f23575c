# Backups: coverage, spatial separation, restore tests, retention, encryption.
package tom.backup

import data.tom.lib
import data.tom.lib.backups
import data.tom.lib.location_by_id
import data.tom.lib.locations
import data.tom.lib.provider_by_id
import data.tom.lib.system_by_id
import data.tom.lib.systems
import data.tom.lib.today

# Systems that keep data of their own and are expected to be backed up. SaaS
# applications, phones, tablets and network gear are not.
_needs_backup := {"server", "workstation", "laptop", "storage"}

# Ids of all systems covered by at least one backup.
_backed_up := {id | some b in backups; some id in b.systems}

# The rules below bind the rules they use to a variable before their loop over
# the systems or backups: regorus looks a rule up again at every reference,
# which costs more than the test that uses it.

# METADATA
# title: System with personal data has no backup
# description: >-
#   Art. 32(1)(b) and (c) GDPR require the availability of personal data and the
#   ability to restore it in a timely manner after an incident. A server, workstation,
#   laptop or storage system that holds personal data and is covered by no backup
#   loses that data for good with a disk failure, ransomware or theft.
# related_resources:
#   - description: Art. 32(1)(b),(c) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: backup.missing
#   severity: warn
#   legal: Art. 32(1)(b),(c) GDPR
#   fires: >-
#     a system of kind server, workstation, laptop or storage with
#     personal_data = true that is listed in the systems of no backup
#   quiet: >-
#     SaaS applications, mobile phones, tablets and network devices; systems without
#     personal data
#   example: |
#     [[system]]
#     id = "reception-pc"
#     name = "PC reception"
#     kind = "workstation"
#     location = "office"
#     personal_data = true
#     os = "Windows 11 Pro 25H2"
#     encrypted = true
#   fix: |
#     [[system]]
#     id = "reception-pc"
#     name = "PC reception"
#     kind = "workstation"
#     location = "office"
#     personal_data = true
#     os = "Windows 11 Pro 25H2"
#     encrypted = true
#
#     [[backup]]
#     id = "workstation-backup"
#     systems = ["reception-pc"]
#     location = "hetzner-nbg1"
#     frequency = "daily"
#     retention_days = 90
#     encrypted = true
#     restore_tested = 2026-10-01
#   i18n:
#     de:
#       title: System mit personenbezogenen Daten ohne Datensicherung
#       description: >-
#         Art. 32 Abs. 1 lit. b und c DSGVO verlangen die Verfügbarkeit personenbezogener
#         Daten und die Fähigkeit, sie nach einem Zwischenfall rasch wiederherzustellen. Ein
#         Server, Arbeitsplatzrechner, Laptop oder Speichersystem mit personenbezogenen
#         Daten, das keine Datensicherung erfasst, verliert diese Daten bei einem
#         Plattendefekt, Ransomware oder Diebstahl endgültig.
#       legal: Art. 32 Abs. 1 lit. b, c DSGVO
#       fires: >-
#         ein System der Art server, workstation, laptop oder storage mit
#         personal_data = true, das in den systems keiner Datensicherung steht
#       quiet: >-
#         SaaS-Anwendungen, Mobiltelefone, Tablets und Netzwerkgeräte; Systeme ohne
#         personenbezogene Daten
#       resources: ["Art. 32 Abs. 1 lit. b, c DSGVO"]
warn contains finding if {
	needs_backup := _needs_backup
	backed_up := _backed_up
	some s in systems
	needs_backup[s.kind]
	s.personal_data == true
	not backed_up[s.id]
	finding := {
		"rule": "backup.missing",
		"subject": sprintf("system:%s", [s.id]),
		"message": {
			"en": sprintf("%s holds personal data but no backup covers it", [lib.label("System", s)]),
			"de": sprintf("%s enthält personenbezogene Daten, aber keine Datensicherung erfasst es", [lib.label("System", s)]),
		},
		"help": {
			"en": sprintf("Add the system to a backup: [[backup]] with systems = [\"%s\"], a location at another site, retention_days, encrypted and restore_tested", [s.id]),
			"de": sprintf("Nehmen Sie das System in eine Datensicherung auf: [[backup]] mit systems = [\"%s\"], einem Standort an einer anderen Liegenschaft, retention_days, encrypted und restore_tested", [s.id]),
		},
		"legal": {"en": "Art. 32(1)(b),(c) GDPR", "de": "Art. 32 Abs. 1 lit. b, c DSGVO"},
	}
}

# Physical site of every location; a location without `site` is its own site.
_site := {l.id: object.get(l, "site", concat(":", ["location", l.id])) | some l in locations}

_where(location_id) := {
	"en": sprintf("location \"%s\" (site \"%s\")", [location_id, site]),
	"de": sprintf("Standort \"%s\" (Liegenschaft \"%s\")", [location_id, site]),
} if {
	site := location_by_id[location_id].site
} else := {
	"en": sprintf("location \"%s\"", [location_id]),
	"de": sprintf("Standort \"%s\"", [location_id]),
}

# METADATA
# title: Backup kept at the same site as the system it covers
# description: >-
#   A backup that sits in the same building or fire compartment as the system it
#   protects is destroyed together with it by fire, flood, theft or a site-wide
#   outage. BSI IT-Grundschutz CON.3.A12 asks for backup media to be kept spatially
#   separated from the systems, preferably in another fire compartment. Locations
#   with the same site value count as one place.
# related_resources:
#   - description: Art. 32(1)(c) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A12)
#     ref: https://www.bsi.bund.de/DE/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/IT-Grundschutz/IT-Grundschutz-Kompendium/it-grundschutz-kompendium_node.html
# custom:
#   id: backup.offsite
#   severity: deny
#   legal: Art. 32(1)(c) GDPR; BSI CON.3
#   fires: >-
#     a backup whose location has the same site as the location of a system in its
#     systems list (or, for locations without site, the same location)
#   quiet: >-
#     a backup at another site, even of the same provider (Hetzner Falkenstein vs
#     Nuremberg); laptops, mobile phones and tablets without a location; other systems
#     and backups without a location are not compared here but reported by
#     backup.location-missing
#   example: |
#     [[location]]
#     id = "hetzner-fsn1"
#     provider = "hetzner"
#     country = "DE"
#     site = "falkenstein-fsn1"
#
#     [[system]]
#     id = "root-server"
#     kind = "server"
#     location = "hetzner-fsn1"
#     personal_data = true
#
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-fsn1"
#     retention_days = 42
#     encrypted = true
#     restore_tested = 2026-10-05
#   fix: |
#     [[location]]
#     id = "hetzner-nbg1"
#     provider = "hetzner"
#     country = "DE"
#     site = "nuremberg-nbg1"
#
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     retention_days = 42
#     encrypted = true
#     restore_tested = 2026-10-05
#   i18n:
#     de:
#       title: Datensicherung auf derselben Liegenschaft wie das gesicherte System
#       description: >-
#         Eine Datensicherung im selben Gebäude oder Brandabschnitt wie das System, das sie
#         schützt, wird durch Brand, Wasser, Diebstahl oder einen Ausfall des ganzen
#         Standorts mit ihm zerstört. BSI IT-Grundschutz CON.3.A12 verlangt, Sicherungsmedien
#         räumlich getrennt von den Systemen aufzubewahren, möglichst in einem anderen
#         Brandabschnitt. Standorte mit demselben Wert site gelten als ein Ort.
#       legal: Art. 32 Abs. 1 lit. c DSGVO; BSI CON.3
#       fires: >-
#         eine Datensicherung, deren Standort dieselbe site hat wie der Standort eines
#         Systems in ihrer Liste systems (bei Standorten ohne site: derselbe Standort)
#       quiet: >-
#         eine Datensicherung auf einer anderen Liegenschaft, auch desselben Dienstleisters
#         (Hetzner Falkenstein und Nürnberg); Laptops, Mobiltelefone und Tablets ohne
#         Standort; andere Systeme und Datensicherungen ohne Standort werden hier nicht
#         verglichen, sondern von backup.location-missing gemeldet
#       resources: [Art. 32 Abs. 1 lit. c DSGVO, "BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A12)"]
deny contains finding if {
	site_of := _site
	systems_by_id := system_by_id
	some b in backups
	site := site_of[b.location]
	same := [s |
		some id in b.systems
		s := systems_by_id[id]
		site_of[s.location] == site
	]
	same != []
	finding := {
		"rule": "backup.offsite",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "location",
		"message": {
			"en": sprintf("%s is kept at %s, the same site as %s, which it covers: one fire, flood or theft destroys the data and its backup together", [lib.label("Backup", b), _where(b.location).en, concat(", ", [lib.label("system", s) | some s in same])]),
			"de": sprintf("%s liegt am %s, derselben Liegenschaft wie %s, das sie sichert: ein Brand, Wasserschaden oder Diebstahl zerstört die Daten und ihre Sicherung zugleich", [lib.label("Datensicherung", b), _where(b.location).de, concat(", ", [lib.label("System", s) | some s in same])]),
		},
		"help": {
			"en": "Keep the copies at a location with a different site (another building, fire compartment or datacenter) and set location = \"…\" to it",
			"de": "Bewahren Sie die Kopien an einem Standort auf einer anderen Liegenschaft auf (anderes Gebäude, anderer Brandabschnitt oder anderes Rechenzentrum) und setzen Sie location = \"…\" darauf",
		},
		"legal": {"en": "Art. 32(1)(c) GDPR; BSI CON.3", "de": "Art. 32 Abs. 1 lit. c DSGVO; BSI CON.3"},
	}
}

# METADATA
# title: Backup restore not tested for over 12 months
# description: >-
#   A backup is only as good as the last successful restore. Art. 32(1)(c) GDPR
#   requires the ability to restore personal data in a timely manner and
#   Art. 32(1)(d) regular testing of the measures; BSI IT-Grundschutz CON.3.A15 asks
#   for regular restore tests. The rule expects a recorded restore test within the
#   last 12 months.
# related_resources:
#   - description: Art. 32(1)(c),(d) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A15)
#     ref: https://www.bsi.bund.de/DE/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/IT-Grundschutz/IT-Grundschutz-Kompendium/it-grundschutz-kompendium_node.html
# custom:
#   id: backup.restore-untested
#   severity: warn
#   legal: Art. 32(1)(c),(d) GDPR
#   fires: >-
#     a backup without restore_tested, or whose restore_tested date plus 12 months
#     is before today
#   quiet: a backup whose last restore test is at most 12 months old
#   example: |
#     [[backup]]
#     id = "nas-offsite"
#     systems = ["nas"]
#     location = "home-office-gf"
#     retention_days = 180
#     encrypted = true
#   fix: |
#     [[backup]]
#     id = "nas-offsite"
#     systems = ["nas"]
#     location = "home-office-gf"
#     retention_days = 180
#     encrypted = true
#     restore_tested = 2026-09-24
#   i18n:
#     de:
#       title: Wiederherstellung seit über 12 Monaten nicht getestet
#       description: >-
#         Eine Datensicherung ist nur so gut wie die letzte gelungene Wiederherstellung.
#         Art. 32 Abs. 1 lit. c DSGVO verlangt die Fähigkeit, personenbezogene Daten rasch
#         wiederherzustellen, Art. 32 Abs. 1 lit. d DSGVO die regelmäßige Überprüfung der
#         Maßnahmen; BSI IT-Grundschutz CON.3.A15 verlangt regelmäßige
#         Wiederherstellungstests. Die Regel erwartet einen erfassten Wiederherstellungstest
#         innerhalb der letzten 12 Monate.
#       legal: Art. 32 Abs. 1 lit. c, d DSGVO
#       fires: >-
#         eine Datensicherung ohne restore_tested oder deren Datum restore_tested plus
#         12 Monate vor dem heutigen Tag liegt
#       quiet: eine Datensicherung, deren letzter Wiederherstellungstest höchstens 12 Monate zurückliegt
#       resources: ["Art. 32 Abs. 1 lit. c, d DSGVO", "BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A15)"]
warn contains finding if {
	some b in backups
	not b.restore_tested
	finding := {
		"rule": "backup.restore-untested",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "restore_tested",
		"message": {
			"en": sprintf("%s has no recorded restore test", [lib.label("Backup", b)]),
			"de": sprintf("Für %s ist kein Wiederherstellungstest erfasst", [lib.label("Datensicherung", b)]),
		},
		"help": {
			"en": sprintf("Restore a sample (a file, a mailbox, a database) from the backup, check it, and record the date: restore_tested = %s", [today]),
			"de": sprintf("Stellen Sie eine Stichprobe (eine Datei, ein Postfach, eine Datenbank) aus der Sicherung wieder her, prüfen Sie sie und erfassen Sie das Datum: restore_tested = %s", [today]),
		},
		"legal": _restore_legal,
	}
}

_restore_legal := {"en": "Art. 32(1)(c),(d) GDPR", "de": "Art. 32 Abs. 1 lit. c, d DSGVO"}

# A restore test before this date is more than 12 months old.
_restore_cutoff := lib.add_months(today, -12)

warn contains finding if {
	cutoff := _restore_cutoff
	some b in backups
	tested := b.restore_tested
	tested < cutoff
	finding := {
		"rule": "backup.restore-untested",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "restore_tested",
		"message": {
			"en": sprintf("%s was last restore-tested on %s, more than 12 months ago", [lib.label("Backup", b), tested]),
			"de": sprintf("Die Wiederherstellung von %s wurde zuletzt am %s getestet, vor mehr als 12 Monaten", [lib.label("Datensicherung", b), lib.de_date(tested)]),
		},
		"help": {
			"en": sprintf("Restore a sample from the backup, check it, and update the date: restore_tested = %s", [today]),
			"de": sprintf("Stellen Sie eine Stichprobe aus der Sicherung wieder her, prüfen Sie sie und aktualisieren Sie das Datum: restore_tested = %s", [today]),
		},
		"legal": _restore_legal,
	}
}

# METADATA
# title: Backup without retention period
# description: >-
#   Personal data in backups is kept no longer than necessary only if the backup has
#   a defined retention period (storage limitation, Art. 5(1)(e) GDPR); the period
#   also decides how far back a restore can go after ransomware or an unnoticed
#   deletion (Art. 32 GDPR).
# related_resources:
#   - description: Art. 5(1)(e) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: Art. 32 GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: backup.retention-missing
#   severity: warn
#   legal: Art. 5(1)(e), 32 GDPR
#   fires: a backup with neither retention_days nor retention_copies
#   quiet: >-
#     a backup with retention_days or retention_copies (copies kept, for
#     backups counted in generations), whatever the value
#   example: |
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     encrypted = true
#     restore_tested = 2026-10-05
#   fix: |
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     retention_days = 42
#     encrypted = true
#     restore_tested = 2026-10-05
#   i18n:
#     de:
#       title: Datensicherung ohne Aufbewahrungsfrist
#       description: >-
#         Personenbezogene Daten in Sicherungen werden nur dann nicht länger als nötig
#         aufbewahrt, wenn die Sicherung eine festgelegte Aufbewahrungsfrist hat
#         (Speicherbegrenzung, Art. 5 Abs. 1 lit. e DSGVO); die Frist entscheidet auch, wie
#         weit eine Wiederherstellung nach Ransomware oder einer unbemerkten Löschung
#         zurückreichen kann (Art. 32 DSGVO).
#       legal: Art. 5 Abs. 1 lit. e, Art. 32 DSGVO
#       fires: eine Datensicherung ohne retention_days und ohne retention_copies
#       quiet: >-
#         eine Datensicherung mit retention_days oder retention_copies (aufbewahrte Kopien,
#         bei Sicherungen in Generationen), gleich welcher Wert
#       resources: [Art. 5 Abs. 1 lit. e DSGVO, Art. 32 DSGVO]
warn contains finding if {
	some b in backups
	not b.retention_days
	not b.retention_copies
	finding := {
		"rule": "backup.retention-missing",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "retention_days",
		"message": {
			"en": sprintf("%s has no retention period", [lib.label("Backup", b)]),
			"de": sprintf("%s hat keine Aufbewahrungsfrist", [lib.label("Datensicherung", b)]),
		},
		"help": {
			"en": "Record how long copies are kept, e.g. retention_days = 42 (six weeks)",
			"de": "Erfassen Sie, wie lange Kopien aufbewahrt werden, z. B. retention_days = 42 (sechs Wochen)",
		},
		"legal": {"en": "Art. 5(1)(e), 32 GDPR", "de": "Art. 5 Abs. 1 lit. e, Art. 32 DSGVO"},
	}
}

# Systems without a fixed place: whether a backup is kept elsewhere is not asked of
# them. Every other kind (SaaS included) has a place, and a backup of it can be at the
# same site.
_portable := {"laptop", "mobile", "tablet"}

# METADATA
# title: Backup or backed-up system without location
# description: >-
#   Where the copies of a backup are kept decides whether one fire, flood or theft
#   destroys them together with the systems they protect (Art. 32(1)(c) GDPR), and
#   whether a provider holds them. Without a location of the backup the rules
#   backup.offsite and backup.unencrypted-external cannot decide; without a location
#   of a stationary system it covers, backup.offsite cannot compare the two. A TOM
#   must not pass a check it cannot make.
# related_resources:
#   - description: Art. 32(1)(c) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A12)
#     ref: https://www.bsi.bund.de/DE/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/IT-Grundschutz/IT-Grundschutz-Kompendium/it-grundschutz-kompendium_node.html
# custom:
#   id: backup.location-missing
#   severity: warn
#   legal: Art. 32(1)(c) GDPR
#   fires: >-
#     a backup without location; a backup with a location whose systems list names
#     a system without location that is not a laptop, mobile phone or tablet (SaaS
#     applications included), one finding per backup naming every such system
#   quiet: >-
#     a backup with a location, wherever it is, whose systems all have a location;
#     laptops, mobile phones and tablets without location (they have no fixed place)
#   example: |
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     retention_days = 42
#     encrypted = true
#     restore_tested = 2026-10-05
#   fix: |
#     [[location]]
#     id = "hetzner-nbg1"
#     provider = "hetzner"
#     country = "DE"
#     site = "nuremberg-nbg1"
#
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     retention_days = 42
#     encrypted = true
#     restore_tested = 2026-10-05
#   i18n:
#     de:
#       title: Datensicherung oder gesichertes System ohne Standort
#       description: >-
#         Wo die Kopien einer Datensicherung liegen, entscheidet, ob ein Brand, Wasserschaden
#         oder Diebstahl sie zusammen mit den Systemen zerstört, die sie schützen
#         (Art. 32 Abs. 1 lit. c DSGVO), und ob ein Dienstleister sie verwahrt. Ohne Standort
#         der Datensicherung können die Regeln backup.offsite und backup.unencrypted-external
#         nicht entscheiden; ohne Standort eines ortsfesten Systems, das sie sichert, kann
#         backup.offsite die beiden nicht vergleichen. Eine TOM darf eine Prüfung, die nicht
#         möglich ist, nicht bestehen.
#       legal: Art. 32 Abs. 1 lit. c DSGVO
#       fires: >-
#         eine Datensicherung ohne location; eine Datensicherung mit Standort, deren Liste
#         systems ein System ohne location nennt, das kein Laptop, Mobiltelefon oder Tablet
#         ist (SaaS-Anwendungen eingeschlossen), ein Befund je Datensicherung, der jedes
#         solche System nennt
#       quiet: >-
#         eine Datensicherung mit Standort, wo immer er liegt, deren Systeme alle einen
#         Standort haben; Laptops, Mobiltelefone und Tablets ohne Standort (sie haben keinen
#         festen Ort)
#       resources: [Art. 32 Abs. 1 lit. c DSGVO, "BSI IT-Grundschutz-Kompendium, CON.3 Datensicherungskonzept (A12)"]
warn contains finding if {
	some b in backups
	not b.location
	finding := {
		"rule": "backup.location-missing",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "location",
		"message": {
			"en": sprintf("%s records no location, so whether its copies are kept at another site than the systems and whether a provider holds them unencrypted cannot be checked", [lib.label("Backup", b)]),
			"de": sprintf("Für %s ist kein Standort erfasst; ob ihre Kopien auf einer anderen Liegenschaft als die Systeme liegen und ob ein Dienstleister sie unverschlüsselt verwahrt, lässt sich daher nicht prüfen", [lib.label("Datensicherung", b)]),
		},
		"help": {
			"en": "Record where the copies are kept: location = \"…\", the id of a [[location]] with its site (and provider, if someone else operates it)",
			"de": "Erfassen Sie, wo die Kopien liegen: location = \"…\", die id eines [[location]] mit seiner site (und provider, wenn ein anderer ihn betreibt)",
		},
		"legal": _location_legal,
	}
}

# A backup with a location whose stationary systems record none: backup.offsite
# passes them without comparing. A backup without location has the finding above
# and not this one too.
warn contains finding if {
	unplaced_ids := _unplaced_stationary
	unplaced_ids != set() # mutants: allow drop-expression because with no such system every backup's list below is empty anyway; it skips the backups
	systems_by_id := system_by_id
	some b in backups
	b.location
	unplaced := [systems_by_id[id] | some id in b.systems; unplaced_ids[id]]
	unplaced != []
	named := {
		"en": concat(", ", [lib.label("system", s) | some s in unplaced]),
		"de": concat(", ", [lib.label("System", s) | some s in unplaced]),
	}
	words := _unplaced_words(unplaced)
	finding := {
		"rule": "backup.location-missing",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "systems",
		"message": {
			"en": sprintf("%s covers %s, %s, so whether the backup is kept at another site than %s cannot be checked", [lib.label("Backup", b), named.en, words.en[0], words.en[1]]),
			"de": sprintf("%s sichert %s, %s; ob die Sicherung auf einer anderen Liegenschaft liegt als %s, lässt sich daher nicht prüfen", [lib.label("Datensicherung", b), named.de, words.de[0], words.de[1]]),
		},
		"help": {
			"en": "Record where the system is: location = \"…\" in its [[system]], the id of a [[location]] with its site; for a SaaS application, a [[location]] with kind = \"cloud\" and provider = \"…\" (the provider that operates it), and its site if the provider names its datacenter",
			"de": "Erfassen Sie, wo das System steht: location = \"…\" in seinem [[system]], die id eines [[location]] mit seiner site; für eine SaaS-Anwendung ein [[location]] mit kind = \"cloud\" und provider = \"…\" (dem Dienstleister, der sie betreibt) und seiner site, wenn der Dienstleister sein Rechenzentrum nennt",
		},
		"legal": _location_legal,
	}
}

_location_legal := {"en": "Art. 32(1)(c) GDPR", "de": "Art. 32 Abs. 1 lit. c DSGVO"}

# The ids of the stationary systems that record no location, once for all backups.
_unplaced_stationary := {s.id |
	some s in systems
	not s.location
	not object.get(s, "kind", "") in _portable
}

# The words of the message that follow the number of systems named.
_unplaced_words(list) := {
	"en": ["which records no location", "that system"],
	"de": ["für das kein Standort erfasst ist", "dieses System"],
} if {
	count(list) == 1
} else := {
	"en": ["which record no location", "those systems"],
	"de": ["für die kein Standort erfasst ist", "diese Systeme"],
}

# METADATA
# title: Backup at a provider is not encrypted
# description: >-
#   Copies kept at a location operated by a provider (a datacenter, storage box or
#   cloud bucket) are readable by the provider's staff and by anyone who breaches it.
#   Encrypting backups before they leave the company is the measure Art. 32(1)(a)
#   GDPR names first.
# related_resources:
#   - description: Art. 32(1)(a) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: backup.unencrypted-external
#   severity: deny
#   legal: Art. 32(1)(a) GDPR
#   fires: >-
#     a backup whose location has a provider and that does not record
#     encrypted = true
#   quiet: backups at the company's own locations (location without provider)
#   example: |
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     retention_days = 42
#     restore_tested = 2026-10-05
#   fix: |
#     [[backup]]
#     id = "server-backup"
#     systems = ["root-server"]
#     location = "hetzner-nbg1"
#     retention_days = 42
#     encrypted = true   # client-side, e.g. borg repokey or restic
#     restore_tested = 2026-10-05
#   i18n:
#     de:
#       title: Datensicherung bei einem Dienstleister unverschlüsselt
#       description: >-
#         Kopien an einem Standort, den ein Dienstleister betreibt (Rechenzentrum,
#         Storage-Box oder Cloud-Speicher), können dessen Beschäftigte lesen und jeder, der
#         bei ihm eindringt. Sicherungen zu verschlüsseln, bevor sie das Unternehmen
#         verlassen, ist die Maßnahme, die Art. 32 Abs. 1 lit. a DSGVO als erste nennt.
#       legal: Art. 32 Abs. 1 lit. a DSGVO
#       fires: >-
#         eine Datensicherung, deren Standort einen provider hat und die nicht
#         encrypted = true erfasst
#       quiet: Datensicherungen an eigenen Standorten des Unternehmens (Standort ohne provider)
#       resources: [Art. 32 Abs. 1 lit. a DSGVO]
deny contains finding if {
	locations_by_id := location_by_id
	some b in backups
	operator := locations_by_id[b.location].provider
	not b.encrypted
	finding := {
		"rule": "backup.unencrypted-external",
		"subject": sprintf("backup:%s", [b.id]),
		"field": "encrypted",
		"message": {
			"en": sprintf("%s is kept at location \"%s\", operated by %s, but is not encrypted", [lib.label("Backup", b), b.location, lib.label("provider", object.get(provider_by_id, operator, {"id": operator}))]),
			"de": sprintf("%s liegt am Standort \"%s\", betrieben von %s, ist aber nicht verschlüsselt", [lib.label("Datensicherung", b), b.location, lib.label("Dienstleister", object.get(provider_by_id, operator, {"id": operator}))]),
		},
		"help": {
			"en": "Encrypt the copies before they leave the company (e.g. borg or restic with a key kept in-house) and record encrypted = true",
			"de": "Verschlüsseln Sie die Kopien, bevor sie das Unternehmen verlassen (z. B. borg oder restic mit einem im Haus verwahrten Schlüssel), und erfassen Sie encrypted = true",
		},
		"legal": {"en": "Art. 32(1)(a) GDPR", "de": "Art. 32 Abs. 1 lit. a DSGVO"},
	}
}
