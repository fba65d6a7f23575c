package tom.example_test

import data.tom.avv
import data.tom.backup
import data.tom.certification
import data.tom.encryption
import data.tom.measure
import data.tom.review
import data.tom.system
import data.tom.transfer
import data.tom.waiver

# A small but complete TOM with the near misses every rule must stay quiet on
# (a bank as controller, a cloud drive without personal data, a Swiss and a
# DPF-certified US provider, a backup at another site of the same provider, an
# encrypted laptop, a planned measure next to an implemented one; of format 1.1: a
# sub-processor processing in the EU with Swiss support and a valid certificate,
# online terms as AVV from a provider that records where it processes but not its
# seat, a tagged transfer measure, a not-applicable measure, a phone without location
# in a backup), then the same
# TOM with one mistake per rule.

_today := "2026-11-22"

_controls := ["physical_access", "system_access", "data_access", "separation", "pseudonymisation", "encryption", "transfer", "input", "availability", "recoverability", "order", "review"]

_clean := {
	"organization": {"name": "Muster Medien GmbH", "country": "DE", "reviewed": "2026-03-01"},
	"provider": [
		{"id": "hetzner", "name": "Hetzner Online GmbH", "country": "DE", "role": "processor", "personal_data": true, "access": "full", "avv": {"signed": "2024-02-12", "document": "contracts/hetzner-avv.pdf"}},
		{"id": "sparkasse", "name": "Sparkasse", "country": "DE", "role": "controller", "personal_data": true, "access": "read"},
		{"id": "drive", "name": "Cloud Drive Inc.", "country": "US", "role": "processor", "personal_data": false, "access": "none"},
		{"id": "swiss-mail", "name": "Swiss Mail AG", "country": "CH", "role": "processor", "personal_data": true, "avv": {"signed": "2025-01-10", "expires": "2027-12-31"}},
		{"id": "crm-vendor", "name": "CRM Inc.", "country": "US", "role": "processor", "personal_data": true, "transfer": "dpf", "avv": {"signed": "2025-03-01"}, "subprocessors": ["crm-hosting"]},
		{"id": "crm-hosting", "name": "CRM Hosting Ltd.", "country": "IE", "processing": ["EU"], "support_access": ["CH"], "certifications": [{"standard": "ISO 27001", "valid_until": "2027-01-31"}]},
		{"id": "newsletter", "name": "Newsletter GmbH", "processing": ["DE"], "role": "processor", "personal_data": true, "avv": {"form": "terms", "accepted": "2025-04-01"}},
	],
	"location": [
		{"id": "office", "name": "Office", "kind": "office", "country": "DE", "site": "muenchen"},
		{"id": "hetzner-fsn1", "name": "Hetzner Falkenstein", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "falkenstein-fsn1"},
		{"id": "hetzner-nbg1", "name": "Hetzner Nuremberg", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "nuremberg-nbg1"},
	],
	"system": [
		{"id": "root-server", "name": "Root server", "kind": "server", "provider": "hetzner", "location": "hetzner-fsn1", "personal_data": true, "os": "Debian 13", "encrypted": true},
		{"id": "notebook", "name": "Notebook", "kind": "laptop", "location": "office", "personal_data": true, "os": "macOS 15 Sequoia", "encrypted": true},
		{"id": "pc", "name": "PC reception", "kind": "workstation", "location": "office", "personal_data": true, "os": "Windows 11 Pro 25H2"},
		{"id": "phone", "kind": "mobile", "personal_data": true, "os": "iOS 26", "encrypted": true},
		{"id": "crm", "name": "CRM", "kind": "saas", "provider": "crm-vendor", "personal_data": true},
	],
	"backup": [{
		"id": "server-backup",
		"systems": ["root-server", "notebook", "pc", "phone"],
		"location": "hetzner-nbg1",
		"frequency": "daily",
		"retention_days": 42,
		"encrypted": true,
		"restore_tested": "2026-08-22",
	}],
	"measure": array.concat(
		[{"id": concat("-", ["m", c]), "control": c, "text": "…"} | some c in _controls],
		[
			{"id": "input-siem", "control": "input", "text": "…", "status": "planned"},
			{"id": "tls", "control": "transfer", "text": "TLS", "tags": ["encryption-in-transit"]},
			{"id": "no-premises", "control": "physical_access", "text": "…", "status": "not-applicable", "reason": "…"},
		],
	),
	"waiver": [],
}

# Every finding of the bundled packages for a TOM. The sets are named one by
# one: a dynamic reference such as data.tom[pkg] would include this package
# itself, which OPA rejects as recursion.
_all(tom) := findings if {
	findings := (((((((avv.deny | (transfer.deny | transfer.warn)) | backup.deny) | backup.warn) | system.deny) | system.warn) | measure.warn) | (certification.warn | encryption.info)) | ((review.warn | waiver.deny) | waiver.warn) with input as tom
		with data.context.today as _today
		with data.context.findings as []
}

_pairs(tom) := {[f.rule, f.subject] | some f in _all(tom)}

test_clean_tom_has_no_findings if {
	count(_all(_clean)) == 0
}

_broken := object.union(_clean, {
	"organization": {"name": "Muster Medien GmbH", "country": "DE", "reviewed": "2025-01-01"},
	"provider": [
		{"id": "hetzner", "name": "Hetzner Online GmbH", "country": "DE", "role": "processor", "personal_data": true, "access": "full", "avv": {"signed": "2024-02-12", "expires": "2026-06-30"}},
		{"id": "it-admin", "name": "IT Admin Müller", "country": "DE", "role": "processor", "personal_data": true, "access": "full"},
		{"id": "crm-vendor", "name": "CRM Inc.", "country": "US", "role": "processor", "personal_data": true, "avv": {"signed": "2025-03-01"}, "certifications": [{"standard": "SOC 2", "valid_until": "2026-01-31"}]},
		{"id": "agency", "name": "Agentur", "role": "processor", "personal_data": true, "avv": {"signed": "2025-06-01"}},
	],
	"system": [
		{"id": "root-server", "name": "Root server", "kind": "server", "provider": "hetzner", "location": "hetzner-fsn1", "personal_data": true, "os": "Debian 12", "encrypted": true},
		{"id": "notebook", "name": "Notebook", "kind": "laptop", "location": "office", "personal_data": true, "os": "macOS 15 Sequoia"},
		{"id": "nas", "name": "NAS", "kind": "storage", "location": "office", "personal_data": true, "os": "Synology DSM 7.2"},
		{"id": "crm", "name": "CRM", "kind": "saas", "provider": "crm-vendor", "personal_data": true},
	],
	"backup": [
		{
			"id": "server-backup",
			"systems": ["root-server", "notebook", "crm"],
			"location": "hetzner-fsn1",
		},
		{"id": "usb", "systems": ["root-server"], "retention_copies": 4, "encrypted": true, "restore_tested": "2026-11-01"},
	],
	"measure": [{"id": concat("-", ["m", c]), "control": c, "text": "…"} | some c in _controls; c != "pseudonymisation"],
	"waiver": [
		{"id": "old", "rule": "backup.offsite", "subject": "backup:server-backup", "reason": "…", "approved_by": "DPO", "expires": "2026-10-31"},
		{"id": "stale", "rule": "system.eol", "subject": "system:pc", "reason": "…", "approved_by": "DPO", "expires": "2027-01-31"},
	],
})

test_broken_tom_has_one_finding_per_rule if {
	_pairs(_broken) == {
		["avv.missing", "provider:it-admin"],
		["avv.expired", "provider:hetzner"],
		["transfer.unsafeguarded", "provider:crm-vendor"],
		["transfer.place-missing", "provider:agency"],
		["backup.missing", "system:nas"],
		["backup.offsite", "backup:server-backup"],
		["backup.restore-untested", "backup:server-backup"],
		["backup.retention-missing", "backup:server-backup"],
		["backup.unencrypted-external", "backup:server-backup"],
		["system.eol", "system:root-server"],
		["system.unencrypted-portable", "system:notebook"],
		["system.os-unknown", "system:nas"],
		["measure.control-missing", "control:pseudonymisation"],
		["review.overdue", "organization"],
		["waiver.expired", "waiver:old"],
		["waiver.unused", "waiver:stale"],
		["certification.expired", "provider:crm-vendor"],
		["backup.location-missing", "backup:usb"],
		["backup.location-missing", "backup:server-backup"],
		["encryption.transit-missing", "control:encryption"],
	}
}

