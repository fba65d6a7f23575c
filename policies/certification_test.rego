package tom.certification_test

import data.tom.certification

_today := "2026-11-22"

_hetzner := {
	"id": "hetzner",
	"name": "Hetzner Online GmbH",
	"country": "DE",
	"certifications": [
		{"standard": "ISO 27001", "valid_until": "2026-11-21", "evidence": "https://example.com/iso.pdf"},
		{"standard": "BSI C5", "valid_until": "2028-01-31"},
	],
}

_warn(tom) := findings if {
	findings := certification.warn with input as tom with data.context.today as _today
}

test_expired_fires_for_a_provider_certification if {
	findings := _warn({"provider": [_hetzner]})
	count(findings) == 1
	some f in findings
	f.rule == "certification.expired"
	f.subject == "provider:hetzner"
	f.field == "certifications[0].valid_until"
	f.legal.en == "Art. 28(1), 32(3) GDPR"
	f.message.en == "The ISO 27001 certification of provider \"Hetzner Online GmbH\" (hetzner) expired on 2026-11-21"
	contains(f.help.en, "valid_until = …")
}

test_expired_fires_for_the_organisation if {
	org := {"name": "Muster GmbH", "certifications": [{"standard": "ISO 27001", "valid_until": "2025-06-30"}]}
	findings := _warn({"organization": org})
	count(findings) == 1
	some f in findings
	f.subject == "organization"
	f.field == "certifications[0].valid_until"
	f.message.en == "The ISO 27001 certification of the organisation expired on 2025-06-30"
}

test_expired_fires_without_end_date if {
	p := object.union(_hetzner, {"certifications": [{"standard": "BSI C5", "valid_until": "2028-01-31"}, {"standard": "PCI DSS"}]})
	findings := _warn({"provider": [p]})
	count(findings) == 1
	some f in findings
	f.rule == "certification.expired"
	f.subject == "provider:hetzner"
	f.field == "certifications[1].valid_until"
	f.message.en == "The PCI DSS certification of provider \"Hetzner Online GmbH\" (hetzner) records no end date, so whether it is still valid cannot be checked"
	f.legal.en == "Art. 28(1), 32(3) GDPR"
}

test_expired_quiet_when_valid_today_or_later if {
	p := object.union(_hetzner, {"certifications": [{"standard": "ISO 27001", "valid_until": _today}, {"standard": "BSI C5", "valid_until": "2028-01-31"}]})
	org := {"name": "Muster GmbH", "certifications": [{"standard": "TISAX", "valid_until": "2027-01-01"}]}
	count(_warn({"organization": org, "provider": [p]})) == 0
}

test_expired_quiet_without_certifications if {
	count(_warn({"organization": {"name": "Muster GmbH"}, "provider": [{"id": "x", "name": "X"}]})) == 0
	count(_warn({})) == 0
}
