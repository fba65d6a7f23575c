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
	f.message.en == "Waiver \"offsite-nas\" for backup.offsite on backup:nas-backup expired on 2026-11-21"
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
	f.message.en == "Waiver \"offsite-nas\" matches no finding: rule backup.offsite reports nothing for backup:nas-backup"
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

# --- waiver.too-long -----------------------------------------------------------

_eval_limit(waivers, from, days) := result if {
	result := {"deny": waiver.deny, "warn": waiver.warn} with input as {"waiver": waivers}
		with data.context.today as _today
		with data.context.findings as [_offsite]
		with data.context.waiver_from as from
		with data.context.max_waiver_days as days
}

_too_long(r) := {f | some f in r.deny; f.rule == "waiver.too-long"}

test_too_long_fires_a_day_past_a_year_from_today if {
	w := object.union(_waiver, {"expires": "2027-11-23"})
	r := {"deny": waiver.deny} with input as {"waiver": [w]}
		with data.context.today as _today
		with data.context.findings as [_offsite]
	count(r.deny) == 1
	some f in r.deny
	f.rule == "waiver.too-long"
	f.subject == "waiver:offsite-nas"
	f.field == "expires"
	f.message.en == "Waiver \"offsite-nas\" for backup.offsite on backup:nas-backup runs until 2027-11-23, 366 days after 2026-11-22; a waiver may last at most 365 days"
	f.help.en == "Set expires to at most 365 days after 2026-11-22 and renew the waiver with a fresh approval when it runs out; max_waiver_days in tomcheck.toml sets the limit"
}

test_too_long_quiet_on_the_last_allowed_day if {
	w := object.union(_waiver, {"expires": "2027-11-22"})
	r := {"deny": waiver.deny, "warn": waiver.warn} with input as {"waiver": [w]}
		with data.context.today as _today
		with data.context.findings as [_offsite]
	count(r.deny) == 0
	count(r.warn) == 0
}

test_too_long_fires_counted_from_waiver_from if {
	# In the gate the length counts from the base commit's date, not from today.
	w := object.union(_waiver, {"expires": "2027-01-16"})
	r := _eval_limit([w], "2026-01-15", 365)
	some f in _too_long(r)
	f.message.en == "Waiver \"offsite-nas\" for backup.offsite on backup:nas-backup runs until 2027-01-16, 366 days after 2026-01-15; a waiver may last at most 365 days"
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2027-01-15"})], "2026-01-15", 365))) == 0
}

test_too_long_fires_past_max_waiver_days if {
	r := _eval_limit([object.union(_waiver, {"expires": "2026-12-23"})], _today, 30)
	some f in _too_long(r)
	f.message.en == "Waiver \"offsite-nas\" for backup.offsite on backup:nas-backup runs until 2026-12-23, 31 days after 2026-11-22; a waiver may last at most 30 days"
	f.help.en == "Set expires to at most 30 days after 2026-11-22 and renew the waiver with a fresh approval when it runs out; max_waiver_days in tomcheck.toml sets the limit"
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2026-12-22"})], _today, 30))) == 0
}

test_too_long_quiet_across_a_leap_day if {
	# 2028-02-29 exists: 28 Feb to 1 Mar is two days, 31 Jan to 1 Mar thirty.
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2028-03-01"})], "2028-02-28", 2))) == 0
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2028-03-01"})], "2028-02-28", 1))) == 1
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2028-03-01"})], "2028-01-31", 30))) == 0
	count(_too_long(_eval_limit([object.union(_waiver, {"expires": "2028-03-01"})], "2028-01-31", 29))) == 1
}

test_too_long_fires_for_each_waiver_alone if {
	long := object.union(_waiver, {"id": "long", "expires": "2099-12-31"})
	r := _eval_limit([_waiver, long], _today, 365)
	subjects := {f.subject | some f in _too_long(r)}
	subjects == {"waiver:long"}
	some f in _too_long(r)
	f.message.en == "Waiver \"long\" for backup.offsite on backup:nas-backup runs until 2099-12-31, 26702 days after 2026-11-22; a waiver may last at most 365 days"
}

test_day_number_counts_calendar_days if {
	waiver.day_number("2026-01-01") - waiver.day_number("2025-12-31") == 1
	waiver.day_number("2026-03-01") - waiver.day_number("2026-02-28") == 1
	waiver.day_number("2024-03-01") - waiver.day_number("2024-02-28") == 2
	waiver.day_number("2000-03-01") - waiver.day_number("2000-02-28") == 2
	waiver.day_number("1900-03-01") - waiver.day_number("1900-02-28") == 1
	waiver.day_number("2100-03-01") - waiver.day_number("2100-02-28") == 1
	waiver.day_number("2027-01-01") - waiver.day_number("2026-01-01") == 365
	waiver.day_number("2029-01-01") - waiver.day_number("2028-01-01") == 366
	waiver.day_number("2400-01-01") - waiver.day_number("2000-01-01") == 146097
	waiver.day_number("2026-10-09") - waiver.day_number("2026-09-10") == 29
}

test_waiver_of_a_too_long_waiver_is_used if {
	long := object.union(_waiver, {"id": "long", "expires": "2099-12-31"})
	accept := {
		"id": "accept-long",
		"rule": "waiver.too-long",
		"subject": "waiver:long",
		"reason": "Contract runs until the building is sold",
		"approved_by": "DPO",
		"expires": "2027-06-30",
	}
	r := _eval_limit([long, accept], _today, 365)
	count(r.warn) == 0
}
