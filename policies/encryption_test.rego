package tom.encryption_test

import data.tom.encryption

_today := "2026-11-22"

_providers := [
	{"id": "hetzner", "name": "Hetzner Online GmbH", "country": "DE", "role": "processor", "personal_data": true, "access": "full"},
	{"id": "stb", "name": "Steuerberater Huber", "country": "DE", "role": "controller", "personal_data": true},
	{"id": "drive", "name": "Cloud Drive", "country": "US", "role": "processor", "personal_data": false, "access": "none"},
]

_locations := [
	{"id": "office", "kind": "office", "country": "DE", "site": "office"},
	{"id": "hetzner-fsn1", "kind": "datacenter", "provider": "hetzner", "country": "DE", "site": "fsn1"},
]

_systems := [
	{"id": "root-server", "name": "Root server", "kind": "server", "provider": "hetzner", "location": "hetzner-fsn1", "personal_data": true},
	{"id": "crm", "name": "CRM", "kind": "saas", "personal_data": true},
	{"id": "nas", "name": "NAS", "kind": "storage", "location": "office", "personal_data": true},
	{"id": "pc", "kind": "workstation", "location": "office", "personal_data": true},
	{"id": "laptop", "kind": "laptop", "personal_data": true},
	{"id": "phone", "kind": "mobile", "personal_data": true},
	{"id": "router", "kind": "network", "location": "office", "personal_data": true},
	{"id": "web", "kind": "server", "location": "office", "personal_data": false},
]

_transfer := {"id": "transport", "control": "transfer", "text": "Daten werden nur über HTTPS und SFTP übermittelt."}

_tagged := object.union(_transfer, {"tags": ["encryption-in-transit", "logging"]})

_info(providers, systems, measures) := findings if {
	tom := {"provider": providers, "location": _locations, "system": systems, "measure": measures}
	findings := encryption.info with input as tom with data.context.today as _today
}

_subjects(findings) := {f.subject | some f in findings}

# --- no tagged measure at all: one finding for the whole TOM ---------------------

test_transit_missing_fires_once_without_tagged_measure if {
	findings := _info(_providers, _systems, [_transfer])
	count(findings) == 1
	some f in findings
	f.rule == "encryption.transit-missing"
	f.subject == "control:encryption"
	not "field" in object.keys(f)
	f.legal.en == "Art. 32(1)(a) GDPR"
	f.message.en == "Personal data goes to 2 providers, but no implemented measure is tagged encryption-in-transit"
	f.help.en == "Tag the measure that describes it: tags = [\"encryption-in-transit\"] on measure \"transport\""
}

test_transit_missing_fires_with_one_provider_or_one_system if {
	by_provider := _info([_providers[0]], _systems, [])
	{f.message.en | some f in by_provider} == {"Personal data goes to 1 provider, but no implemented measure is tagged encryption-in-transit"}
	by_system := _info([], [_systems[1]], [])
	{f.message.en | some f in by_system} == {"Personal data lives on 1 system reached over the network, but no implemented measure is tagged encryption-in-transit"}
	by_systems := _info([_providers[2]], _systems, [])
	{f.message.en | some f in by_systems} == {"Personal data lives on 3 systems reached over the network, but no implemented measure is tagged encryption-in-transit"}
}

test_transit_missing_fires_for_every_networked_kind_and_without_kind if {
	every kind in ["server", "saas", "storage"] {
		count(_info([], [{"id": "s", "kind": kind, "personal_data": true}], [])) == 1
	}
	count(_info([], [{"id": "s", "personal_data": true}], [])) == 1
}

test_transit_missing_quiet_for_clients_network_devices_and_without_personal_data if {
	count(_info([_providers[2]], array.slice(_systems, 3, 8), [])) == 0
	count(_info([], [{"id": "unknown-kind", "personal_data": false}, {"id": "unknown"}], [])) == 0
}

test_transit_missing_fires_when_the_tagged_measure_is_only_planned if {
	planned := object.union(_tagged, {"status": "planned"})
	retired := object.union(_tagged, {"id": "old-vpn", "status": "retired"})
	_subjects(_info(_providers, _systems, [planned, retired])) == {"control:encryption"}
}

test_transit_missing_help_names_a_measure_speaking_of_transport_encryption if {
	every word in ["TLS", "SSL", "HTTPS", "VPN", "SFTP", "SSH", "Transport", "in transit", "übertragen"] {
		speaking := {"id": "z-speaking", "control": "transfer", "text": concat(" ", ["Daten:", word])}
		silent := {"id": "a-silent", "control": "transfer", "text": "Weitergabe nur an Berechtigte."}
		some f in _info(_providers, [], [silent, speaking])
		contains(f.help.en, "on measure \"z-speaking\"")
	}
}

test_transit_missing_help_names_an_implemented_transfer_measure if {
	every status in [{}, {"status": "implemented"}] {
		m := object.union({"id": "m", "control": "transfer", "text": "Weitergabe nur an Berechtigte."}, status)
		other := {"id": "a-input", "control": "input", "text": "TLS-Protokollierung"}
		at_rest := {"id": "a-encryption", "control": "encryption", "text": "Festplatten verschlüsselt, Zugriff per SSH", "status": "implemented"}
		planned := {"id": "a-planned", "control": "transfer", "text": "TLS", "status": "planned"}
		some f in _info(_providers, [], [m, other, at_rest, planned])
		f.help.en == "Tag the measure that describes it, e.g. measure \"m\": tags = [\"encryption-in-transit\"]"
	}
}

test_transit_missing_help_asks_for_a_measure_when_there_is_none if {
	some f in _info(_providers, [], [{"id": "x", "control": "input", "text": "Protokollierung"}])
	startswith(f.help.en, "Describe how personal data travels encrypted (TLS, VPN, SFTP) in a [[measure]] with control = \"transfer\"")
}

# --- a measure for everything -----------------------------------------------------

test_transit_missing_quiet_with_a_tagged_measure_for_everything if {
	count(_info(_providers, _systems, [_tagged])) == 0
	explicit := object.union(_tagged, {"status": "implemented"})
	count(_info(_providers, _systems, [explicit])) == 0
}

test_transit_missing_quiet_without_personal_data if {
	count(_info([_providers[2]], [_systems[7]], [])) == 0
	count(encryption.info) == 0 with input as {} with data.context.today as _today
}

# --- measures that apply to some systems and locations ----------------------------

test_transit_missing_fires_for_what_the_tagged_measures_do_not_cover if {
	vpn := object.union(_tagged, {"id": "vpn", "applies_to": ["crm"]})
	kindless := [{"id": "kindless", "personal_data": true}, {"id": "kindless-without-data"}]
	findings := _info(_providers, array.concat(_systems, kindless), [vpn])
	_subjects(findings) == {"provider:hetzner", "provider:stb", "system:root-server", "system:nas", "system:kindless"}
	some f in findings
	f.subject == "system:nas"
	f.message.en == "System \"NAS\" (nas) holds personal data and is reached over the network, but no implemented measure tagged encryption-in-transit applies to it"
	f.help.en == "Add \"nas\" or its location to applies_to of a measure tagged encryption-in-transit (\"vpn\"), or tag a measure that covers it"
	some g in findings
	g.subject == "provider:stb"
	g.message.en == "Personal data goes to provider \"Steuerberater Huber\" (stb), but no implemented measure tagged encryption-in-transit covers it"
	contains(g.help.en, "(\"vpn\")")
	not "field" in object.keys(g)
}

test_transit_missing_quiet_for_what_the_tagged_measures_cover if {
	# A system by its id or by its location; a provider by one of its systems or
	# locations.
	by_system := object.union(_tagged, {"id": "tls-server", "applies_to": ["root-server", "crm"]})
	by_location := object.union(_tagged, {"id": "vpn-office", "status": "implemented", "applies_to": ["office"]})
	_subjects(_info(_providers, _systems, [by_system, by_location])) == {"provider:stb"}
	by_operator := object.union(_tagged, {"id": "dc", "applies_to": ["hetzner-fsn1", "crm", "nas"]})
	_subjects(_info(_providers, _systems, [by_operator])) == {"provider:stb"}
}
