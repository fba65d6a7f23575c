package tom.waiver_test

import data.tom.waiver

_today := "2026-11-22"

_waiver := {
	"id": "offsite-nas",
	"rule": "backup.offsite",
	"subject": "backup:nas-backup",
	"reason": "Second copy to the home office NAS is being set up",
	"approved_by": "DPO",
	"expires": "2027-01-31",
}

_eval(waivers, findings) := result if {
	result := {"deny": waiver.deny, "warn": waiver.warn} with input as {"waiver": waivers}
		with data.context.today as _today
		with data.context.findings as findings
}

_offsite := {"rule": "backup.offsite", "subject": "backup:nas-backup"}

test_expired_fires if {
	w := object.union(_waiver, {"expires": "2026-11-21"})
	r := _eval([w], [_offsite])
	count(r.warn) == 0
	count(r.deny) == 1
	some f in r.deny
	f.rule == "waiver.expired"
	f.subject == "waiver:offsite-nas"
	f.field == "expires"
	f.message == "Waiver \"offsite-nas\" for backup.offsite on backup:nas-backup expired on 2026-11-21"
	not "legal" in object.keys(f)
}

test_expired_quiet_when_expiring_today_or_later if {
	today := object.union(_waiver, {"expires": _today})
	r := _eval([today, _waiver], [_offsite])
	count(r.deny) == 0
	count(r.warn) == 0
}

test_unused_fires_when_no_finding_matches if {
	r := _eval([_waiver], [{"rule": "backup.offsite", "subject": "backup:server-backup"}, {"rule": "avv.missing", "subject": "backup:nas-backup"}])
	count(r.deny) == 0
	count(r.warn) == 1
	some f in r.warn
	f.rule == "waiver.unused"
	f.subject == "waiver:offsite-nas"
	f.field == "subject"
	f.message == "Waiver \"offsite-nas\" matches no finding: rule backup.offsite reports nothing for backup:nas-backup"
}

test_unused_quiet_when_waiver_matches_a_finding if {
	r := _eval([_waiver], [{"rule": "avv.missing", "subject": "provider:x"}, _offsite])
	count(r.warn) == 0
}

test_unused_defaults_to_no_findings if {
	r := {"warn": waiver.warn} with input as {"waiver": [_waiver]} with data.context.today as _today
	some f in r.warn
	f.rule == "waiver.unused"
}

test_unused_quiet_for_expired_waiver if {
	w := object.union(_waiver, {"expires": "2026-01-31"})
	r := _eval([w], [])
	count(r.warn) == 0
	count(r.deny) == 1
}

test_waiver_of_an_expired_waiver_is_used if {
	old := object.union(_waiver, {"expires": "2026-01-31"})
	accept := {
		"id": "accept-old",
		"rule": "waiver.expired",
		"subject": "waiver:offsite-nas",
		"reason": "Renewal in the next DPO meeting",
		"approved_by": "DPO",
		"expires": "2026-12-15",
	}
	r := _eval([old, accept], [])
	count(r.warn) == 0
}

test_unused_fires_next_to_plain_string_findings if {
	# A policy may return plain strings: they have no subject, match no waiver,
	# and must not stop the evaluation.
	r := _eval([_waiver], [{"rule": "acme", "subject": null}])
	count(r.deny) == 0
	some f in r.warn
	f.rule == "waiver.unused"
	f.subject == "waiver:offsite-nas"
}

test_unused_quiet_next_to_plain_string_findings if {
	r := _eval([_waiver], [{"rule": "acme", "subject": null}, _offsite])
	count(r.warn) == 0
}
