package tom.transfer_test

import data.tom.transfer

_today := "2026-11-22"

_provider(country, extra) := object.union(
	{
		"id": "mailer",
		"name": "Mailer Inc.",
		"country": country,
		"role": "processor",
		"personal_data": true,
		"avv": {"signed": "2024-05-02"},
	},
	extra,
)

_deny(p) := findings if {
	findings := transfer.deny with input as {"provider": [p]} with data.context.today as _today
}

_deny_on(p, today) := findings if {
	findings := transfer.deny with input as {"provider": [p]} with data.context.today as today
}

test_us_without_transfer_fires if {
	findings := _deny(_provider("US", {}))
	count(findings) == 1
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	f.legal == "Art. 44–46 GDPR"
	contains(f.message, "Provider \"Mailer Inc.\" (mailer) in United States (US)")
	contains(f.message, "Data Privacy Framework")
	contains(f.message, "no transfer safeguard is recorded")
	contains(f.help, "transfer = \"dpf\"")
}

test_us_with_adequacy_fires if {
	findings := _deny(_provider("US", {"transfer": "adequacy"}))
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	contains(f.message, "transfer = \"adequacy\" is recorded instead")
}

test_us_with_dpf_quiet if {
	count(_deny(_provider("US", {"transfer": "dpf"}))) == 0
}

test_us_with_scc_bcr_or_derogation_quiet if {
	every t in ["scc", "bcr", "derogation"] {
		count(_deny(_provider("US", {"transfer": t}))) == 0
	}
}

test_us_access_only_fires if {
	p := _provider("US", {"personal_data": false, "access": "metadata"})
	count(_deny(p)) == 1
}

test_us_without_personal_data_quiet if {
	p := _provider("US", {"personal_data": false, "access": "none"})
	count(_deny(p)) == 0
}

test_third_country_without_transfer_fires if {
	findings := _deny(_provider("IN", {}))
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	f.message == "Provider \"Mailer Inc.\" (mailer) in country IN processes or can reach personal data, but IN has no adequacy decision in force and no transfer safeguard is recorded"
}

test_third_country_without_personal_data_quiet if {
	p := _provider("IN", {"personal_data": false, "access": "none"})
	count(_deny(p)) == 0
}

test_third_country_access_only_fires if {
	p := _provider("CN", {"personal_data": false, "access": "read"})
	count(_deny(p)) == 1
}

test_third_country_with_safeguard_quiet if {
	every t in ["scc", "bcr", "derogation", "adequacy", "dpf"] {
		count(_deny(_provider("IN", {"transfer": t}))) == 0
	}
}

test_swiss_provider_quiet if {
	count(_deny(_provider("CH", {}))) == 0
}

test_adequacy_countries_quiet if {
	every c in ["GB", "JP", "CA", "KR", "IL", "NZ", "UY", "AR", "AD", "FO", "GG", "IM", "JE", "BR"] {
		count(_deny(_provider(c, {}))) == 0
	}
}

test_eu_and_eea_quiet if {
	every c in ["DE", "FR", "IE", "GR", "EL", "el", " de ", "NO", "IS", "LI"] {
		count(_deny(_provider(c, {}))) == 0
	}
}

test_uk_alias_quiet if {
	count(_deny(_provider("UK", {}))) == 0
}

test_adequacy_after_valid_until_fires if {
	findings := _deny_on(_provider("GB", {}), "2032-01-01")
	some f in findings
	f.rule == "transfer.unsafeguarded"
	contains(f.message, "in United Kingdom (GB)")
}

test_adequacy_before_since_fires if {
	count(_deny_on(_provider("BR", {}), "2025-12-01")) == 1
	count(_deny_on(_provider("BR", {}), "2026-01-26")) == 0
}

test_provider_without_country_quiet if {
	count(_deny(object.remove(_provider("US", {}), ["country"]))) == 0
}

test_controller_abroad_fires if {
	# Chapter V applies to any recipient, not only processors.
	p := _provider("US", {"role": "controller"})
	count(_deny(p)) == 1
}
