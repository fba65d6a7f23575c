package tom.backup_test

import data.tom.backup

_today := "2026-11-22"

_locations := [
	{"id": "office", "name": "Office Munich", "kind": "office", "country": "DE", "site": "muenchen-buero"},
	{"id": "hetzner-fsn1", "name": "Hetzner Falkenstein", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "falkenstein"},
	{"id": "hetzner-fsn1-box", "name": "Hetzner Storage Box Falkenstein", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "falkenstein"},
	{"id": "hetzner-nbg1", "name": "Hetzner Nuremberg", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "nuremberg"},
	{"id": "server-room", "name": "Server room", "kind": "office", "country": "DE"},
	{"id": "rented-cage", "kind": "datacenter", "provider": "colo", "country": "DE", "site": "colo-1"},
]

_providers := [{"id": "hetzner", "name": "Hetzner Online GmbH", "country": "DE"}]

_systems := [
	{"id": "root-server", "name": "Root server", "kind": "server", "location": "hetzner-fsn1", "personal_data": true},
	{"id": "nas", "name": "Office NAS", "kind": "storage", "location": "office", "personal_data": true},
	{"id": "file-server", "kind": "server", "location": "server-room", "personal_data": true},
	{"id": "crm", "name": "CRM", "kind": "saas", "personal_data": true},
]

# A backup with every safeguard in place; tests remove or change one key.
_good := {
	"id": "server-backup",
	"name": "Server backup",
	"systems": ["root-server"],
	"location": "hetzner-nbg1",
	"frequency": "daily",
	"retention_days": 42,
	"encrypted": true,
	"restore_tested": "2026-08-22",
}

_eval(systems, backups) := result if {
	tom := {"provider": _providers, "location": _locations, "system": systems, "backup": backups}
	result := {"deny": backup.deny, "warn": backup.warn} with input as tom with data.context.today as _today
}

_all(r) := r.deny | r.warn

_rules(r) := {f.rule | some f in _all(r)}

_finding(r, rule) := f if {
	some f in _all(r)
	f.rule == rule
}

# --- backup.missing ------------------------------------------------------------

test_missing_fires_for_server_without_backup if {
	r := _eval([_systems[0]], [])
	f := _finding(r, "backup.missing")
	f.subject == "system:root-server"
	not "field" in object.keys(f)
	f.message.en == "System \"Root server\" (root-server) holds personal data but no backup covers it"
	f.legal.en == "Art. 32(1)(b),(c) GDPR"
	r.warn[f]
}

test_missing_fires_for_each_uncovered_system if {
	r := _eval(_systems, [])
	subjects := {f.subject | some f in r.warn; f.rule == "backup.missing"}
	subjects == {"system:root-server", "system:nas", "system:file-server"}
}

test_missing_fires_for_every_kind_that_keeps_data if {
	systems := [
		{"id": "srv", "kind": "server", "personal_data": true},
		{"id": "pc", "kind": "workstation", "personal_data": true},
		{"id": "notebook", "kind": "laptop", "personal_data": true, "encrypted": true},
		{"id": "nas", "kind": "storage", "personal_data": true},
	]
	subjects := {f.subject | some f in _eval(systems, []).warn; f.rule == "backup.missing"}
	subjects == {"system:srv", "system:pc", "system:notebook", "system:nas"}
}

test_missing_quiet_for_saas_mobile_tablet_network if {
	systems := [
		{"id": "crm", "kind": "saas", "personal_data": true},
		{"id": "phone", "kind": "mobile", "personal_data": true, "encrypted": true},
		{"id": "ipad", "kind": "tablet", "personal_data": true, "encrypted": true},
		{"id": "firewall", "kind": "network", "personal_data": true},
	]
	not "backup.missing" in _rules(_eval(systems, []))
}

test_missing_quiet_without_personal_data if {
	systems := [{"id": "build", "kind": "server", "personal_data": false}, {"id": "lab", "kind": "workstation"}]
	not "backup.missing" in _rules(_eval(systems, []))
}

test_missing_quiet_when_covered if {
	systems := [_systems[0]]
	not "backup.missing" in _rules(_eval(systems, [_good]))
}

# --- backup.offsite ------------------------------------------------------------

test_offsite_fires_for_same_location if {
	b := object.union(_good, {"location": "hetzner-fsn1"})
	r := _eval(_systems, [b])
	f := _finding(r, "backup.offsite")
	f.subject == "backup:server-backup"
	f.field == "location"
	f.legal.en == "Art. 32(1)(c) GDPR; BSI CON.3"
	contains(f.message.en, "Backup \"Server backup\" (server-backup) is kept at location \"hetzner-fsn1\" (site \"falkenstein\"), the same site as system \"Root server\" (root-server)")
	r.deny[f]
}

test_offsite_fires_for_other_location_at_same_site if {
	b := object.union(_good, {"location": "hetzner-fsn1-box"})
	f := _finding(_eval(_systems, [b]), "backup.offsite")
	f.subject == "backup:server-backup"
	f.field == "location"
}

test_offsite_quiet_for_other_site_of_same_provider if {
	# hetzner-fsn1 (Falkenstein) vs hetzner-nbg1 (Nuremberg)
	not "backup.offsite" in _rules(_eval(_systems, [_good]))
}

test_offsite_quiet_for_two_locations_without_site if {
	# A location without site is a place of its own, not one shared "no site".
	locations := [
		{"id": "server-room", "kind": "office", "country": "DE"},
		{"id": "branch-office", "kind": "office", "country": "DE"},
	]
	systems := [{"id": "file-server", "kind": "server", "location": "server-room", "personal_data": true}]
	b := object.union(_good, {"id": "file-backup", "systems": ["file-server"], "location": "branch-office"})
	tom := {"location": locations, "system": systems, "backup": [b]}
	count(backup.deny) == 0 with input as tom with data.context.today as _today
}

test_offsite_fires_for_same_location_without_site if {
	b := object.union(_good, {"id": "file-backup", "systems": ["file-server"], "location": "server-room"})
	f := _finding(_eval(_systems, [b]), "backup.offsite")
	f.subject == "backup:file-backup"
	contains(f.message.en, "is kept at location \"server-room\", the same site as system \"file-server\"")
}

test_offsite_names_every_system_at_the_site if {
	b := object.union(_good, {"systems": ["root-server", "nas", "crm"], "location": "hetzner-fsn1"})
	r := _eval(_systems, [b])
	offsite := [f | some f in r.deny; f.rule == "backup.offsite"]
	count(offsite) == 1
	contains(offsite[0].message.en, "system \"Root server\" (root-server), which it covers")
}

test_offsite_quiet_for_systems_without_location if {
	b := object.union(_good, {"systems": ["crm"], "location": "office"})
	not "backup.offsite" in _rules(_eval(_systems, [b]))
}

test_offsite_quiet_for_backup_without_location if {
	b := object.remove(_good, ["location"])
	not "backup.offsite" in _rules(_eval(_systems, [b]))
}

# --- backup.restore-untested ---------------------------------------------------

test_restore_untested_fires_without_test if {
	b := object.remove(_good, ["restore_tested"])
	f := _finding(_eval(_systems, [b]), "backup.restore-untested")
	f.subject == "backup:server-backup"
	f.field == "restore_tested"
	f.message.en == "Backup \"Server backup\" (server-backup) has no recorded restore test"
	contains(f.help.en, "restore_tested = 2026-11-22")
}

test_restore_untested_fires_after_12_months if {
	b := object.union(_good, {"restore_tested": "2025-11-21"})
	f := _finding(_eval(_systems, [b]), "backup.restore-untested")
	f.subject == "backup:server-backup"
	f.field == "restore_tested"
	contains(f.message.en, "last restore-tested on 2025-11-21, more than 12 months ago")
}

test_restore_untested_quiet_for_test_3_months_ago if {
	not "backup.restore-untested" in _rules(_eval(_systems, [_good]))
}

test_restore_untested_quiet_for_test_exactly_12_months_ago if {
	b := object.union(_good, {"restore_tested": "2025-11-22"})
	not "backup.restore-untested" in _rules(_eval(_systems, [b]))
}

# --- backup.retention-missing --------------------------------------------------

test_retention_missing_fires if {
	b := object.remove(_good, ["retention_days"])
	r := _eval(_systems, [b])
	f := _finding(r, "backup.retention-missing")
	f.subject == "backup:server-backup"
	f.field == "retention_days"
	f.legal.en == "Art. 5(1)(e), 32 GDPR"
	r.warn[f]
}

test_retention_recorded_quiet if {
	b := object.union(_good, {"retention_days": 0})
	not "backup.retention-missing" in _rules(_eval(_systems, [b]))
}

test_retention_missing_fires_with_neither_days_nor_copies if {
	b := object.remove(_good, ["retention_days"])
	f := _finding(_eval(_systems, [b]), "backup.retention-missing")
	f.message.en == "Backup \"Server backup\" (server-backup) has no retention period"
}

test_retention_in_copies_quiet if {
	b := object.union(object.remove(_good, ["retention_days"]), {"retention_copies": 14, "immutable": true})
	not "backup.retention-missing" in _rules(_eval(_systems, [b]))
}

# --- backup.location-missing ---------------------------------------------------

test_location_missing_fires if {
	b := object.remove(_good, ["location"])
	r := _eval([_systems[0]], [b])
	_rules(r) == {"backup.location-missing"}
	f := _finding(r, "backup.location-missing")
	f.subject == "backup:server-backup"
	f.field == "location"
	f.legal.en == "Art. 32(1)(c) GDPR"
	f.message.en == "Backup \"Server backup\" (server-backup) records no location, so whether its copies are kept at another site than the systems and whether a provider holds them unencrypted cannot be checked"
	contains(f.help.en, "location = \"…\"")
	r.warn[f]
}

test_location_missing_quiet_with_any_location if {
	at_office := object.union(_good, {"id": "office-backup", "systems": ["nas"], "location": "hetzner-fsn1"})
	r := _eval(_systems, [_good, at_office])
	not "backup.location-missing" in _rules(r)
}

# A backup at another site than every system with a location; tests add systems.
_elsewhere := object.union(_good, {"location": "rented-cage"})

_unplaced := [
	{"id": "crm", "name": "CRM", "kind": "saas", "personal_data": true},
	{"id": "db", "kind": "server"},
	{"id": "switch", "kind": "network"},
	{"id": "box", "kind": "storage"},
	{"id": "unknown"},
]

test_location_missing_fires_for_a_system_without_location if {
	b := object.union(_elsewhere, {"systems": ["root-server", "crm"]})
	r := _eval(array.concat([_systems[0]], _unplaced), [b])
	_rules(r) == {"backup.location-missing"}
	f := _finding(r, "backup.location-missing")
	f.subject == "backup:server-backup"
	f.field == "systems"
	f.legal == {"en": "Art. 32(1)(c) GDPR", "de": "Art. 32 Abs. 1 lit. c DSGVO"}
	f.message.en == "Backup \"Server backup\" (server-backup) covers system \"CRM\" (crm), which records no location, so whether the backup is kept at another site than that system cannot be checked"
	f.message.de == "Datensicherung \"Server backup\" (server-backup) sichert System \"CRM\" (crm), für das kein Standort erfasst ist; ob die Sicherung auf einer anderen Liegenschaft liegt als dieses System, lässt sich daher nicht prüfen"
	contains(f.help.en, "kind = \"cloud\" and provider = \"…\"")
	contains(f.help.de, "kind = \"cloud\" und provider = \"…\"")
	r.warn[f]
}

test_location_missing_names_every_stationary_system_once if {
	b := object.union(_elsewhere, {"systems": ["crm", "root-server", "db", "phone", "switch", "box", "unknown", "notebook"]})
	portable := [
		{"id": "phone", "kind": "mobile", "personal_data": true, "encrypted": true},
		{"id": "notebook", "kind": "laptop", "personal_data": true, "encrypted": true},
	]
	r := _eval(array.concat(array.concat([_systems[0]], _unplaced), portable), [b])
	findings := [f | some f in r.warn; f.rule == "backup.location-missing"]
	count(findings) == 1
	findings[0].message.en == "Backup \"Server backup\" (server-backup) covers system \"CRM\" (crm), system \"db\", system \"switch\", system \"box\", system \"unknown\", which record no location, so whether the backup is kept at another site than those systems cannot be checked"
	findings[0].message.de == "Datensicherung \"Server backup\" (server-backup) sichert System \"CRM\" (crm), System \"db\", System \"switch\", System \"box\", System \"unknown\", für die kein Standort erfasst ist; ob die Sicherung auf einer anderen Liegenschaft liegt als diese Systeme, lässt sich daher nicht prüfen"
}

test_location_missing_quiet_for_laptops_phones_and_tablets_without_location if {
	systems := [
		{"id": "phone", "kind": "mobile", "personal_data": true, "encrypted": true},
		{"id": "notebook", "kind": "laptop", "personal_data": true, "encrypted": true},
		{"id": "ipad", "kind": "tablet", "personal_data": true, "encrypted": true},
	]
	b := object.union(_elsewhere, {"systems": ["phone", "notebook", "ipad"]})
	count(_all(_eval(systems, [b]))) == 0
}

test_location_missing_quiet_when_every_system_has_a_location if {
	b := object.union(_elsewhere, {"systems": ["root-server", "nas", "file-server"]})
	count(_all(_eval(_systems, [b]))) == 0
}

test_location_missing_fires_once_for_a_backup_without_location_and_unplaced_systems if {
	b := object.remove(object.union(_good, {"systems": ["crm"]}), ["location"])
	findings := [f | some f in _eval(_unplaced, [b]).warn; f.rule == "backup.location-missing"]
	count(findings) == 1
	findings[0].field == "location"
}

test_location_missing_quiet_for_an_unplaced_system_in_another_backup if {
	other := object.union(_elsewhere, {"id": "other"})
	crm := object.union(_elsewhere, {"id": "crm-export", "systems": ["crm"]})
	{f.subject | some f in _eval(array.concat([_systems[0]], _unplaced), [other, crm]).warn} == {"backup:crm-export"}
}

# --- backup.unencrypted-external -----------------------------------------------

test_unencrypted_external_fires_when_encrypted_missing if {
	b := object.remove(_good, ["encrypted"])
	r := _eval(_systems, [b])
	f := _finding(r, "backup.unencrypted-external")
	f.subject == "backup:server-backup"
	f.field == "encrypted"
	f.message.en == "Backup \"Server backup\" (server-backup) is kept at location \"hetzner-nbg1\", operated by provider \"Hetzner Online GmbH\" (hetzner), but is not encrypted"
	r.deny[f]
}

test_unencrypted_external_fires_when_encrypted_false if {
	b := object.union(_good, {"encrypted": false, "location": "rented-cage"})
	f := _finding(_eval(_systems, [b]), "backup.unencrypted-external")
	contains(f.message.en, "operated by provider \"colo\", but")
}

test_unencrypted_external_quiet_when_encrypted if {
	not "backup.unencrypted-external" in _rules(_eval(_systems, [_good]))
}

test_unencrypted_quiet_at_own_location if {
	b := object.union(_good, {"encrypted": false, "systems": ["root-server"], "location": "office"})
	not "backup.unencrypted-external" in _rules(_eval(_systems, [b]))
}

test_good_backup_has_no_findings if {
	r := _eval([_systems[0]], [_good])
	count(_all(r)) == 0
}
