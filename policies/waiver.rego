# Waivers: time-boxed accepted risks. Evaluated after every other package, with
# the findings so far in data.context.findings ([{"rule", "subject"}, ...]).
package tom.waiver

import data.tom.lib
import data.tom.lib.today
import data.tom.lib.waivers

default _findings := []

_findings := data.context.findings

# Waivers past their expiry date, by id.
_expired := {w.id: w.expires |
	some w in waivers
	w.expires < today
}

# How long a waiver may last: max_waiver_days of tomcheck.toml, counted from
# data.context.waiver_from (the base commit's date in the gate, otherwise today).
_max_days := object.get(data.context, "max_waiver_days", 365)

_from := object.get(data.context, "waiver_from", today)

# Waivers that last longer than that, by id: the number of days they last.
_too_long := {w.id: days |
	some w in waivers
	days := day_number(w.expires) - day_number(_from)
	days > _max_days
}

# "rule|subject" of every finding a waiver could match, including this
# package's own waiver.expired and waiver.too-long findings.
# Plain-string findings have no subject and so cannot be waived.
_matched := (({concat("|", [f.rule, f.subject]) | some f in _findings; is_string(f.subject)} | {concat("|", ["waiver.expired", sprintf("waiver:%s", [id])]) | some id, _ in _expired}) | {concat("|", ["waiver.too-long", sprintf("waiver:%s", [id])]) | some id, _ in _too_long})

# The number of a day, counted from 1 March of year 0: the difference of two
# dates' numbers is the number of days between them. Months are counted from
# March, so that a leap day is the last day of its year (Hinnant's
# days_from_civil, for years 0 to 9999; no time.* builtins are compiled in).
day_number(date) := ((era * 146097) + (yoe * 365)) + (((floor(yoe / 4) - floor(yoe / 100)) + floor(((153 * mp) + 2) / 5)) + d) if {
	m := to_number(trim_left(substring(date, 5, 2), "0"))
	y := to_number(substring(date, 0, 4)) - _before_march(m)
	d := to_number(trim_left(substring(date, 8, 2), "0")) - 1
	era := floor(y / 400)
	yoe := y - (era * 400)
	mp := (m + 9) % 12
}

_before_march(m) := 1 if {
	m <= 2
} else := 0

# METADATA
# title: Waiver has expired
# description: >-
#   A waiver accepts the risk of one finding for one subject for a limited time.
#   Once it has expired the finding it suppressed is reported again, and the waiver
#   itself must be renewed with a fresh approval or removed.
# custom:
#   id: waiver.expired
#   severity: deny
#   fires: a waiver whose expires date is before today
#   quiet: waivers that expire today or later
#   example: |
#     [[waiver]]
#     id = "offsite-nas"
#     rule = "backup.offsite"
#     subject = "backup:nas-backup"
#     reason = "Second copy to the home office NAS is being set up"
#     approved_by = "DPO"
#     expires = 2026-01-31
#   fix: |
#     [[waiver]]
#     id = "offsite-nas"
#     rule = "backup.offsite"
#     subject = "backup:nas-backup"
#     reason = "Second NAS delivered late; setup scheduled for 2027-02-15"
#     approved_by = "DPO, 2026-11-20"
#     expires = 2027-03-31
#   i18n:
#     de:
#       title: Ausnahme abgelaufen
#       description: >-
#         Eine Ausnahme akzeptiert das Risiko eines Befunds für ein Subjekt für begrenzte
#         Zeit. Ist sie abgelaufen, wird der unterdrückte Befund wieder gemeldet, und die
#         Ausnahme selbst muss mit einer neuen Genehmigung erneuert oder entfernt werden.
#       fires: eine Ausnahme, deren Datum expires vor dem heutigen Tag liegt
#       quiet: Ausnahmen, die heute oder später ablaufen
deny contains finding if {
	some w in waivers
	_expired[w.id]
	finding := {
		"rule": "waiver.expired",
		"subject": sprintf("waiver:%s", [w.id]),
		"field": "expires",
		"message": {
			"en": sprintf("Waiver \"%s\" for %s on %s expired on %s", [w.id, w.rule, w.subject, w.expires]),
			"de": sprintf("Ausnahme \"%s\" für %s zu %s ist am %s abgelaufen", [w.id, w.rule, w.subject, lib.de_date(w.expires)]),
		},
		"help": {
			"en": "Fix the finding and remove the waiver, or renew the accepted risk with a new approval and a later expires date",
			"de": "Beheben Sie den Befund und entfernen Sie die Ausnahme, oder erneuern Sie das akzeptierte Risiko mit einer neuen Genehmigung und einem späteren Datum expires",
		},
	}
}

# METADATA
# title: Waiver matches no finding
# description: >-
#   A waiver that suppresses nothing is stale: the finding was fixed, the subject
#   renamed, or the rule id or subject is mistyped. Remove it, so that the list of
#   accepted risks shows only risks that exist.
# custom:
#   id: waiver.unused
#   severity: warn
#   fires: >-
#     a waiver that has not expired (expires is today or later) whose rule and
#     subject match no finding of the other rules
#   quiet: a waiver that matches a finding; expired waivers (reported by waiver.expired)
#   example: |
#     [[waiver]]
#     id = "old-pc"
#     rule = "system.eol"
#     subject = "system:reception-pc"   # upgraded to Windows 11 since
#     reason = "Replacement PC ordered"
#     approved_by = "DPO"
#     expires = 2027-01-31
#   fix: |
#     # The finding is resolved: delete the [[waiver]] table "old-pc".
#   i18n:
#     de:
#       title: Ausnahme passt zu keinem Befund
#       description: >-
#         Eine Ausnahme, die nichts unterdrückt, ist veraltet: der Befund wurde behoben, das
#         Subjekt umbenannt, oder Regel-ID oder Subjekt sind falsch geschrieben. Entfernen
#         Sie sie, damit die Liste der akzeptierten Risiken nur Risiken zeigt, die es gibt.
#       fires: >-
#         eine nicht abgelaufene Ausnahme, deren rule und subject zu keinem Befund des
#         Laufs passen
#       quiet: eine Ausnahme, die zu einem Befund passt; abgelaufene Ausnahmen (gemeldet von waiver.expired)
warn contains finding if {
	some w in waivers
	not _expired[w.id]
	not _matched[concat("|", [w.rule, w.subject])]
	finding := {
		"rule": "waiver.unused",
		"subject": sprintf("waiver:%s", [w.id]),
		"field": "subject",
		"message": {
			"en": sprintf("Waiver \"%s\" matches no finding: rule %s reports nothing for %s", [w.id, w.rule, w.subject]),
			"de": sprintf("Ausnahme \"%s\" passt zu keinem Befund: Regel %s meldet nichts zu %s", [w.id, w.rule, w.subject]),
		},
		"help": {
			"en": "Remove the waiver if the finding is resolved, or correct its rule and subject",
			"de": "Entfernen Sie die Ausnahme, wenn der Befund behoben ist, oder korrigieren Sie rule und subject",
		},
	}
}

# METADATA
# title: Waiver lasts too long
# description: >-
#   A waiver accepts a risk for a limited time, to be reviewed again when it runs
#   out. One that runs for years is a permanent exception in disguise. A waiver may
#   last at most max_waiver_days (tomcheck.toml, default 365) - counted from the
#   base commit's date when a change is checked against its base (check --base),
#   so that a pull request cannot add a waiver until 2099, and from the evaluation
#   date otherwise.
# custom:
#   id: waiver.too-long
#   severity: deny
#   fires: >-
#     a waiver whose expires date is more than max_waiver_days (default 365) after
#     the base commit's date in the gate, or after today
#   quiet: waivers that expire within max_waiver_days
#   example: |
#     [[waiver]]
#     id = "old-pc"
#     rule = "system.eol"
#     subject = "system:reception-pc"
#     reason = "Replacement PC ordered"
#     approved_by = "DPO"
#     expires = 2099-12-31
#   fix: |
#     [[waiver]]
#     id = "old-pc"
#     rule = "system.eol"
#     subject = "system:reception-pc"
#     reason = "Replacement PC ordered, delivery in January"
#     approved_by = "DPO, 2026-11-20"
#     expires = 2027-02-28
#   i18n:
#     de:
#       title: Ausnahme gilt zu lange
#       description: >-
#         Eine Ausnahme akzeptiert ein Risiko für begrenzte Zeit und wird nach Ablauf erneut
#         geprüft. Eine, die jahrelang gilt, ist eine verdeckte Dauerausnahme. Eine Ausnahme
#         darf höchstens max_waiver_days gelten (tomcheck.toml, Standard 365), gezählt ab dem
#         Datum des Basis-Commits, wenn eine Änderung gegen ihre Basis geprüft wird
#         (check --base), damit ein Pull-Request keine Ausnahme bis 2099 hinzufügen kann,
#         und sonst ab dem Prüfdatum.
#       fires: >-
#         eine Ausnahme, deren Datum expires mehr als max_waiver_days nach dem Datum liegt,
#         ab dem gezählt wird
#       quiet: Ausnahmen, die innerhalb von max_waiver_days ablaufen
deny contains finding if {
	some w in waivers
	days := _too_long[w.id]
	finding := {
		"rule": "waiver.too-long",
		"subject": sprintf("waiver:%s", [w.id]),
		"field": "expires",
		"message": {
			"en": sprintf("Waiver \"%s\" for %s on %s runs until %s, %d days after %s; a waiver may last at most %d days", [w.id, w.rule, w.subject, w.expires, days, _from, _max_days]),
			"de": sprintf("Ausnahme \"%s\" für %s zu %s läuft bis zum %s, %d Tage nach dem %s; eine Ausnahme darf höchstens %d Tage gelten", [w.id, w.rule, w.subject, lib.de_date(w.expires), days, lib.de_date(_from), _max_days]),
		},
		"help": {
			"en": sprintf("Set expires to at most %d days after %s and renew the waiver with a fresh approval when it runs out; max_waiver_days in tomcheck.toml sets the limit", [_max_days, _from]),
			"de": sprintf("Setzen Sie expires auf höchstens %d Tage nach dem %s und erneuern Sie die Ausnahme mit einer neuen Genehmigung, wenn sie abläuft; max_waiver_days in tomcheck.toml legt die Grenze fest", [_max_days, lib.de_date(_from)]),
		},
	}
}
