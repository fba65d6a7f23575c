package tom.avv_test

import data.tom.avv

_today := "2026-11-22"

_it_admin := {
	"id": "it-admin",
	"name": "IT Admin Müller",
	"country": "DE",
	"role": "processor",
	"purpose": "Maintenance of the office PCs",
	"personal_data": true,
	"access": "full",
}

_deny(providers) := findings if {
	findings := avv.deny with input as {"provider": providers} with data.context.today as _today
}

_rules(findings) := {f.rule | some f in findings}

test_missing_fires if {
	findings := _deny([_it_admin])
	some f in findings
	f.rule == "avv.missing"
	f.subject == "provider:it-admin"
	f.field == "avv"
	f.legal.en == "Art. 28(3) GDPR"
	f.message.en == "Provider \"IT Admin Müller\" (it-admin) processes personal data but has no data processing agreement (AVV)"
	contains(f.help.en, "avv = { signed = ")
	contains(f.help.en, "contracts/it-admin-avv.pdf")
}

test_missing_fires_on_access_without_personal_data_flag if {
	p := object.union(_it_admin, {"personal_data": false, "access": "read"})
	findings := _deny([p])
	some f in findings
	f.rule == "avv.missing"
	f.subject == "provider:it-admin"
	contains(f.message.en, "can reach personal data (access = \"read\")")
}

test_missing_quiet_with_avv if {
	p := object.union(_it_admin, {"avv": {"signed": "2024-01-15", "document": "contracts/it-admin-avv.pdf"}})
	count(_deny([p])) == 0
}

test_missing_quiet_for_bank_as_controller if {
	bank := {
		"id": "sparkasse",
		"name": "Sparkasse Musterstadt",
		"country": "DE",
		"role": "controller",
		"personal_data": true,
		"access": "read",
	}
	count(_deny([bank])) == 0
}

test_missing_quiet_for_tax_adviser_and_joint_controller if {
	tax := {"id": "stb", "name": "Steuerberater Huber", "role": "controller", "personal_data": true}
	joint := {"id": "partner", "name": "Partner GmbH", "role": "joint-controller", "personal_data": true}
	count(_deny([tax, joint])) == 0
}

test_missing_quiet_for_cloud_drive_without_personal_data if {
	drive := {"id": "drive", "name": "Cloud Drive", "country": "DE", "role": "processor", "personal_data": false, "access": "none"}
	drive_no_access := {"id": "drive2", "name": "Cloud Drive 2", "role": "processor", "personal_data": false}
	count(_deny([drive, drive_no_access])) == 0
}

test_missing_quiet_without_role if {
	p := object.remove(_it_admin, ["role"])
	count(_deny([p])) == 0
}

test_missing_fires_for_a_draft if {
	draft := object.union(_it_admin, {"avv": {"status": "draft", "document": "contracts/it-admin-avv-draft.pdf"}})
	findings := _deny([draft])
	count(findings) == 1
	some f in findings
	f.rule == "avv.missing"
	f.subject == "provider:it-admin"
	f.field == "avv.status"
	f.legal.en == "Art. 28(3) GDPR"
	f.message.en == "Provider \"IT Admin Müller\" (it-admin) processes personal data but its data processing agreement (AVV) is only a draft"
	contains(f.help.en, "avv = { signed = …")
}

test_missing_fires_for_a_draft_of_a_provider_with_access if {
	draft := object.union(_it_admin, {"personal_data": false, "access": "metadata", "avv": {"status": "draft"}})
	some f in _deny([draft])
	f.rule == "avv.missing"
	contains(f.message.en, "can reach personal data (access = \"metadata\") but its data processing agreement (AVV) is only a draft")
}

test_missing_quiet_for_every_form_of_a_signed_agreement if {
	dpa := object.union(_it_admin, {"id": "a", "avv": {"signed": "2024-01-15", "status": "signed"}})
	scc := object.union(_it_admin, {"id": "b", "avv": {"signed": "2024-01-15", "form": "scc"}})
	terms := object.union(_it_admin, {"id": "c", "avv": {"form": "terms", "accepted": "2024-01-15", "objection_days": 30}})
	count(_deny([dpa, scc, terms])) == 0
}

test_missing_quiet_for_a_draft_with_a_controller if {
	bank := {"id": "bank", "name": "Bank", "role": "controller", "personal_data": true, "avv": {"status": "draft"}}
	drive := {"id": "drive", "name": "Drive", "role": "processor", "personal_data": false, "access": "none", "avv": {"status": "draft"}}
	count(_deny([bank, drive])) == 0
}

test_expired_fires if {
	p := object.union(_it_admin, {"avv": {"signed": "2023-01-10", "expires": "2026-11-21"}})
	findings := _deny([p])
	_rules(findings) == {"avv.expired"}
	some f in findings
	f.rule == "avv.expired"
	f.subject == "provider:it-admin"
	f.field == "avv.expires"
	f.message.en == "The data processing agreement (AVV) with provider \"IT Admin Müller\" (it-admin) expired on 2026-11-21"
}

test_expired_quiet_when_expiring_in_future if {
	p := object.union(_it_admin, {"avv": {"signed": "2023-01-10", "expires": "2027-06-30"}})
	count(_deny([p])) == 0
}

test_expired_quiet_when_expiring_today if {
	p := object.union(_it_admin, {"avv": {"signed": "2023-01-10", "expires": _today}})
	count(_deny([p])) == 0
}

test_expired_quiet_without_expires if {
	p := object.union(_it_admin, {"avv": {"signed": "2023-01-10"}})
	count(_deny([p])) == 0
}

test_quiet_without_providers if {
	count(avv.deny) == 0 with input as {} with data.context.today as _today
}
