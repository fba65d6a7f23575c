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

test_unsafeguarded_fires_for_us_without_transfer if {
	findings := _deny(_provider("US", {}))
	count(findings) == 1
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	f.legal.en == "Art. 44–46 GDPR"
	contains(f.message.en, "Provider \"Mailer Inc.\" (mailer) in United States (US)")
	contains(f.message.en, "Data Privacy Framework")
	contains(f.message.en, "no transfer safeguard is recorded")
	contains(f.help.en, "transfer = \"dpf\"")
	startswith(f.message.de, "Dienstleister \"Mailer Inc.\" (mailer) mit Sitz in Drittland USA (US) ")
}

test_us_with_adequacy_fires if {
	findings := _deny(_provider("US", {"transfer": "adequacy"}))
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	contains(f.message.en, "transfer = \"adequacy\" is recorded instead")
}

test_unsafeguarded_quiet_for_us_with_dpf if {
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
	f.message.en == "Provider \"Mailer Inc.\" (mailer) in India (IN) processes or can reach personal data, but IN has no adequacy decision in force and no transfer safeguard is recorded"
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
	every t in ["scc", "bcr", "derogation", "adequacy"] {
		count(_deny(_provider("IN", {"transfer": t}))) == 0
	}
}

# The Data Privacy Framework is part of the adequacy decision for the US: it covers
# no other country, and the US not before 2023-07-10.
test_dpf_outside_the_us_fires if {
	findings := _deny(_provider("IN", {"transfer": "dpf"}))
	count(findings) == 1
	some f in findings
	f.message.en == "Provider \"Mailer Inc.\" (mailer) in India (IN) processes or can reach personal data, but IN has no adequacy decision in force and transfer = \"dpf\" does not cover it: the Data Privacy Framework is part of the adequacy decision for the US, in force since 2023-07-10"
	f.message.de == "Dienstleister \"Mailer Inc.\" (mailer) mit Sitz in Drittland Indien (IN) verarbeitet personenbezogene Daten oder kann auf sie zugreifen, aber für IN gilt kein Angemessenheitsbeschluss und transfer = \"dpf\" deckt das nicht ab: das Data Privacy Framework ist Teil des Angemessenheitsbeschlusses für die USA, in Kraft seit dem 10.07.2023"
}

test_dpf_before_the_us_decision_fires if {
	us := _provider("US", {"transfer": "dpf"})
	findings := _deny_on(us, "2023-07-09")
	count(findings) == 1
	some f in findings
	contains(f.message.en, "but US has no adequacy decision in force and transfer = \"dpf\" does not cover it")
	count(_deny_on(us, "2023-07-10")) == 0
	count(_deny_on(_provider("US", {"transfer": "scc"}), "2023-07-09")) == 0
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
	contains(f.message.en, "in United Kingdom (GB)")
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

# --- Format 1.1: processing and support access ------------------------------------

_findings(providers) := findings if {
	findings := transfer.deny with input as {"provider": providers} with data.context.today as _today
}

_messages(providers) := {f.subject: f.message.en | some f in _findings(providers)}

test_processing_in_a_third_country_fires if {
	findings := _deny(_provider("DE", {"processing": ["EU", "IN"]}))
	count(findings) == 1
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:mailer"
	f.field == "transfer"
	f.message.en == "Provider \"Mailer Inc.\" (mailer) with data processing in India (IN) processes or can reach personal data, but IN has no adequacy decision in force and no transfer safeguard is recorded"
}

test_support_access_from_a_third_country_fires if {
	findings := _deny(_provider("IE", {"processing": ["IE"], "support_access": ["US"]}))
	count(findings) == 1
	some f in findings
	f.message.en == "Provider \"Mailer Inc.\" (mailer) with support access from United States (US) processes or can reach personal data; the adequacy decision for US covers only organisations certified under the Data Privacy Framework, and no transfer safeguard is recorded"
	contains(f.help.en, "transfer = \"dpf\"")
}

test_processing_in_the_eu_eea_or_adequate_countries_quiet if {
	p := _provider("DE", {"processing": ["EU", "EEA", "IE", "NO", "CH"], "support_access": ["GB", "JP"]})
	count(_deny(p)) == 0
}

test_processing_fires_for_each_third_country_once if {
	# The seat wins over processing, processing over support access; EL and GR
	# are one country.
	p := _provider("US", {"processing": ["IE", "US", "IN"], "support_access": ["IN", "US", "BR"]})
	msgs := {f.message.en | some f in _deny(p)}
	count(msgs) == 2
	some us in msgs
	startswith(us, "Provider \"Mailer Inc.\" (mailer) in United States (US) processes")
	some india in msgs
	startswith(india, "Provider \"Mailer Inc.\" (mailer) with data processing in India (IN) processes")
	q := _provider("DE", {"support_access": ["IN"], "processing": ["IN"]})
	{f.message.en | some f in _deny(q)} == {"Provider \"Mailer Inc.\" (mailer) with data processing in India (IN) processes or can reach personal data, but IN has no adequacy decision in force and no transfer safeguard is recorded"}
}

test_processing_quiet_with_a_safeguard if {
	count(_deny(_provider("DE", {"processing": ["US", "IN"], "transfer": "scc"}))) == 0
	# "dpf" covers the US place, not the Indian one.
	findings := _deny(_provider("DE", {"processing": ["US", "IN"], "transfer": "dpf"}))
	{f.message.en | some f in findings} == {"Provider \"Mailer Inc.\" (mailer) with data processing in India (IN) processes or can reach personal data, but IN has no adequacy decision in force and transfer = \"dpf\" does not cover it: the Data Privacy Framework is part of the adequacy decision for the US, in force since 2023-07-10"}
	adequacy := _deny(_provider("DE", {"support_access": ["US", "IN"], "transfer": "adequacy"}))
	{f.message.en | some f in adequacy} == {"Provider \"Mailer Inc.\" (mailer) with support access from United States (US) processes or can reach personal data; the adequacy decision for US covers only organisations certified under the Data Privacy Framework, and transfer = \"adequacy\" is recorded instead"}
}

test_processing_quiet_without_personal_data if {
	count(_deny(_provider("DE", {"processing": ["IN"], "support_access": ["US"], "personal_data": false, "access": "none"}))) == 0
}

# --- Sub-processor chains -----------------------------------------------------

_hoster := {"id": "hoster", "name": "Hoster GmbH", "country": "DE", "role": "processor", "personal_data": true, "subprocessors": ["cloud"]}

_cloud := {"id": "cloud", "name": "Cloud LLC", "country": "US"}

test_chain_fires_for_a_sub_processor_in_a_third_country if {
	findings := _findings([_hoster, _cloud])
	count(findings) == 1
	some f in findings
	f.rule == "transfer.unsafeguarded"
	f.subject == "provider:cloud"
	f.field == "transfer"
	f.message.en == "Provider \"Cloud LLC\" (cloud) in United States (US) receives personal data as a sub-processor (hoster → cloud); the adequacy decision for US covers only organisations certified under the Data Privacy Framework, and no transfer safeguard is recorded"
}

test_chain_fires_down_the_chain_through_the_first_engaging_provider if {
	hoster2 := object.union(_hoster, {"id": "a-hoster", "subprocessors": ["cloud", "zz"]})
	cloud := object.union(_cloud, {"country": "IE", "subprocessors": ["support"]})
	support := {"id": "support", "name": "Support Pvt Ltd", "country": "DE", "support_access": ["IN"]}
	other := {"id": "zz", "name": "ZZ", "country": "DE", "subprocessors": ["support"]}
	_messages([_hoster, hoster2, cloud, support, other]) == {"provider:support": "Provider \"Support Pvt Ltd\" (support) with support access from India (IN) receives personal data as a sub-processor (a-hoster → cloud → support), but IN has no adequacy decision in force and no transfer safeguard is recorded"}
}

test_chain_quiet_for_safeguarded_eu_and_excluded_sub_processors if {
	count(_findings([_hoster, object.union(_cloud, {"transfer": "dpf"})])) == 0
	count(_findings([_hoster, object.union(_cloud, {"country": "FR"})])) == 0
	count(_findings([_hoster, object.union(_cloud, {"personal_data": false})])) == 0
	count(_findings([_hoster, object.union(_cloud, {"personal_data": false, "access": "none"})])) == 0
}

test_chain_quiet_below_a_provider_without_personal_data if {
	hoster := object.union(_hoster, {"personal_data": false, "access": "none"})
	count(_findings([hoster, _cloud])) == 0
}

test_chain_quiet_when_the_sub_processor_handles_data_itself if {
	# A sub-processor with personal data of its own gets the finding of a provider.
	cloud := object.union(_cloud, {"personal_data": true})
	_messages([_hoster, cloud]) == {"provider:cloud": "Provider \"Cloud LLC\" (cloud) in United States (US) processes or can reach personal data; the adequacy decision for US covers only organisations certified under the Data Privacy Framework, and no transfer safeguard is recorded"}
}

test_chain_quiet_in_a_cycle_of_eu_providers if {
	a := {"id": "a", "name": "A", "country": "DE", "personal_data": true, "subprocessors": ["b"]}
	b := {"id": "b", "name": "B", "country": "FR", "subprocessors": ["a"]}
	count(_findings([a, b])) == 0
}

# A line of providers p0 → p1 → … → p9; only the last is in a third country.
_line(n) := [p |
	some i in numbers.range(0, n)
	subs := [sprintf("p%d", [i + 1]) | i < n]
	p := object.union(
		{"id": sprintf("p%d", [i]), "name": sprintf("P%d", [i]), "country": _line_country(i, n), "subprocessors": subs},
		{"personal_data": true | i == 0},
	)
]

_line_country(i, n) := "IN" if i == n else := "DE"

test_chain_fires_at_every_level_it_follows if {
	every n in numbers.range(1, 6) {
		some f in _findings(_line(n))
		f.subject == sprintf("provider:p%d", [n])
		contains(f.message.en, sprintf("p%d → p%d), but IN has no adequacy decision", [n - 1, n]))
	}
}

test_chain_fires_for_a_sub_processor_deeper_than_followed if {
	findings := _findings(_line(9))
	count(findings) == 1
	some f in findings
	f.subject == "provider:p7"
	f.field == "transfer"
	f.message.en == "Provider \"P7\" (p7) receives personal data through more than 6 levels of sub-processors (p0 → p1 → p2 → p3 → p4 → p5 → p6 → p7); transfers this deep are not checked"
	contains(f.help.en, "record their transfer safeguards")
}


test_chain_quiet_in_a_cycle_of_sub_processors_and_names_the_shortest_chain if {
	# hoster engages x and y, y engages x, x and y engage each other: x is named
	# through the shorter chain, and the cycle is not a chain too deep to follow.
	hoster := object.union(_hoster, {"subprocessors": ["x", "y"]})
	x := {"id": "x", "name": "X", "country": "IN", "subprocessors": ["y"]}
	y := {"id": "y", "name": "Y", "country": "DE", "subprocessors": ["x"]}
	findings := _findings([hoster, x, y])
	{f.subject | some f in findings} == {"provider:x"}
	some f in findings
	contains(f.message.en, "(hoster → x)")
}

test_chain_fires_not_for_a_provider_with_personal_data_deep_in_a_chain if {
	# p7 handles personal data itself: a provider, not a sub-processor too deep.
	line := [p |
		some q in _line(9)
		p := object.union(q, {"personal_data": true | q.id == "p7"})
	]
	findings := _findings(line)
	{f.subject | some f in findings} == {"provider:p9"}
	some f in findings
	contains(f.message.en, "(p7 → p8 → p9)")
}

test_chain_fires_through_the_first_engaging_provider_that_gets_the_data if {
	# "a-agency" also engages the sub-processor, but gets no personal data: the chain
	# runs through the hoster.
	agency := {"id": "a-agency", "name": "Agency", "country": "DE", "personal_data": false, "access": "none", "subprocessors": ["cloud"]}
	_messages([agency, _hoster, _cloud]) == {"provider:cloud": "Provider \"Cloud LLC\" (cloud) in United States (US) receives personal data as a sub-processor (hoster → cloud); the adequacy decision for US covers only organisations certified under the Data Privacy Framework, and no transfer safeguard is recorded"}
}

test_support_access_fires_next_to_a_seat_in_another_third_country if {
	p := _provider("IN", {"support_access": ["US"]})
	msgs := {f.message.en | some f in _deny(p)}
	count(msgs) == 2
	some us in msgs
	startswith(us, "Provider \"Mailer Inc.\" (mailer) with support access from United States (US) processes or can reach personal data; the adequacy decision")
}

# --- transfer.place-missing ---------------------------------------------------

_warn(providers) := findings if {
	findings := transfer.warn with input as {"provider": providers} with data.context.today as _today
}

_unplaced := object.remove(_provider("US", {}), ["country"])

test_place_missing_fires_without_country_and_processing if {
	findings := _warn([_unplaced])
	count(findings) == 1
	some f in findings
	f.rule == "transfer.place-missing"
	f.subject == "provider:mailer"
	f.field == "country"
	f.legal == {"en": "Art. 44–46 GDPR", "de": "Art. 44–46 DSGVO"}
	f.message.en == "Provider \"Mailer Inc.\" (mailer) processes or can reach personal data but records neither country nor processing, so whether the data leaves the EU/EEA cannot be checked"
	f.message.de == "Dienstleister \"Mailer Inc.\" (mailer) verarbeitet personenbezogene Daten oder kann auf sie zugreifen, erfasst aber weder country noch processing; ob die Daten den EWR verlassen, lässt sich daher nicht prüfen"
	contains(f.help.en, "country = \"DE\" and processing = [\"DE\"]")
	contains(f.help.de, "country = \"DE\" und processing = [\"DE\"]")
	count(_deny(_unplaced)) == 0
}

test_place_missing_fires_with_an_empty_processing_list_or_support_access_only if {
	every extra in [{"processing": []}, {"support_access": ["DE"]}, {"processing": [], "support_access": ["IE"]}] {
		{f.subject | some f in _warn([object.union(_unplaced, extra)])} == {"provider:mailer"}
	}
}

test_place_missing_fires_for_access_only if {
	p := object.union(_unplaced, {"personal_data": false, "access": "metadata"})
	{f.rule | some f in _warn([p])} == {"transfer.place-missing"}
}

test_place_missing_quiet_with_country_or_processing if {
	count(_warn([_provider("US", {})])) == 0
	count(_warn([_provider("DE", {})])) == 0
	count(_warn([object.union(_unplaced, {"processing": ["EU"]})])) == 0
	count(_warn([object.union(_unplaced, {"processing": ["IN"], "transfer": "scc"})])) == 0
}

test_place_missing_quiet_without_personal_data if {
	count(_warn([object.union(_unplaced, {"personal_data": false, "access": "none"})])) == 0
	count(_warn([object.union(_unplaced, {"personal_data": false})])) == 0
}

test_place_missing_fires_for_a_sub_processor_and_names_the_chain if {
	cloud := object.remove(_cloud, ["country"])
	findings := _warn([_hoster, cloud])
	count(findings) == 1
	some f in findings
	f.subject == "provider:cloud"
	f.field == "country"
	f.message.en == "Provider \"Cloud LLC\" (cloud) receives personal data as a sub-processor (hoster → cloud) but records neither country nor processing, so whether the data leaves the EU/EEA cannot be checked"
	f.message.de == "Dienstleister \"Cloud LLC\" (cloud) erhält personenbezogene Daten als Unterauftragsverarbeiter (hoster → cloud), erfasst aber weder country noch processing; ob die Daten den EWR verlassen, lässt sich daher nicht prüfen"
	count(_findings([_hoster, cloud])) == 0
}

test_place_missing_fires_down_the_chain if {
	line := [p |
		some q in _line(3)
		p := object.remove(q, ["country" | q.id == "p3"])
	]
	{f.subject | some f in _warn(line)} == {"provider:p3"}
}

test_place_missing_quiet_for_sub_processors_that_get_no_data if {
	cloud := object.remove(_cloud, ["country"])
	count(_warn([_hoster, object.union(cloud, {"personal_data": false})])) == 0
	count(_warn([_hoster, object.union(cloud, {"processing": ["IE"]})])) == 0
	hoster := object.union(_hoster, {"personal_data": false, "access": "none"})
	count(_warn([hoster, cloud])) == 0
}

test_place_missing_quiet_beyond_the_chains_followed if {
	# p7 is reported by transfer.unsafeguarded as not checked; p8 and p9 are not reached.
	line := [object.remove(q, ["country"]) | some q in _line(9); q.id != "p0"]
	_line(9)[0].id == "p0"
	subjects := {f.subject | some f in _warn(array.concat([_line(9)[0]], line))}
	subjects == {sprintf("provider:p%d", [i]) | some i in numbers.range(1, 6)}
}

# A third country the reference data does not name is shown by its code.
test_an_unnamed_country_is_shown_by_its_code if {
	findings := _deny(_provider("VN", {}))
	some f in findings
	f.message.en == "Provider \"Mailer Inc.\" (mailer) in country VN processes or can reach personal data, but VN has no adequacy decision in force and no transfer safeguard is recorded"
	startswith(f.message.de, "Dienstleister \"Mailer Inc.\" (mailer) mit Sitz in Drittland VN verarbeitet")
}
