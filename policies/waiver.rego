# Waivers: time-boxed accepted risks. Evaluated after every other package, with
# the findings so far in data.context.findings ([{"rule", "subject"}, ...]).
package tom.waiver

import data.tom.lib.today
import data.tom.lib.waivers

default _findings := []

_findings := data.context.findings

# Waivers past their expiry date, by id.
_expired := {w.id: w.expires |
	some w in waivers
	w.expires < today
}

# "rule|subject" of every finding a waiver could match, including this
# package's own waiver.expired findings.
# Plain-string findings have no subject and so cannot be waived.
_matched := {concat("|", [f.rule, f.subject]) | some f in _findings; is_string(f.subject)} | {concat("|", ["waiver.expired", sprintf("waiver:%s", [id])]) | some id, _ in _expired}

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
deny contains finding if {
	some w in waivers
	_expired[w.id]
	finding := {
		"rule": "waiver.expired",
		"subject": sprintf("waiver:%s", [w.id]),
		"field": "expires",
		"message": sprintf("Waiver \"%s\" for %s on %s expired on %s", [w.id, w.rule, w.subject, w.expires]),
		"help": "Fix the finding and remove the waiver, or renew the accepted risk with a new approval and a later expires date",
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
warn contains finding if {
	some w in waivers
	not _expired[w.id]
	not _matched[concat("|", [w.rule, w.subject])]
	finding := {
		"rule": "waiver.unused",
		"subject": sprintf("waiver:%s", [w.id]),
		"field": "subject",
		"message": sprintf("Waiver \"%s\" matches no finding: rule %s reports nothing for %s", [w.id, w.rule, w.subject]),
		"help": "Remove the waiver if the finding is resolved, or correct its rule and subject",
	}
}
