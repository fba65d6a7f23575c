# Encryption of personal data in transit (Art. 32(1)(a) GDPR), read from the tags of
# the measures.
package tom.encryption

import data.tom.lib
import data.tom.lib.locations
import data.tom.lib.measures
import data.tom.lib.providers
import data.tom.lib.providers_with_personal_data
import data.tom.lib.system_by_id
import data.tom.lib.systems

_legal := {"en": "Art. 32(1)(a) GDPR", "de": "Art. 32 Abs. 1 lit. a DSGVO"}

_tag := "encryption-in-transit"

# Implemented measures (status omitted or "implemented") tagged encryption-in-transit.
#
# The comprehensions below bind the rules they use to a variable before their loop:
# regorus looks a rule up again at every reference, which costs more than the test
# that uses it.
_in_transit := {m |
	tag := _tag
	some m in measures
	tag in m.tags
	object.get(m, "status", "implemented") == "implemented"
}

# Such a measure without applies_to covers everything.
_everywhere if {
	some m in _in_transit
	not m.applies_to
}

# Ids of the systems and locations the measures apply to.
_applies_to := {id | some m in _in_transit; some id in m.applies_to}

# Systems with personal data that others reach over the network: servers, SaaS
# applications and storage. A system without kind counts too: the rule cannot
# tell that it is not reached over the network.
_networked := {"server", "saas", "storage"}

_reached := {s.id | networked := _networked; some s in systems; s.personal_data == true; networked[s.kind]} | {s.id |
	some s in systems
	s.personal_data == true
	not s.kind
}

# How many there are, for the message of a TOM without tagged measures and without
# providers that handle personal data: arrays, cheaper to build than the set above.
_reached_count := count([1 | networked := _networked; some s in systems; s.personal_data == true; networked[s.kind]]) + count([1 |
	some s in systems
	s.personal_data == true
	not s.kind
])

# A system is covered by a measure applying to it or to its location; a provider
# by a measure applying to one of its systems or locations. (The set holds the ids
# of the locations applied to as well; it is only asked about systems.)
_covered_systems := _applies_to | {s.id |
	applies_to := _applies_to
	some s in systems
	applies_to[s.location]
}

_covered_providers := {s.provider | by_id := system_by_id; some id in _covered_systems; s := by_id[id]} | {l.provider |
	applies_to := _applies_to
	some l in locations
	applies_to[l.id]
}

# A measure to name in the help: an implemented transfer measure, preferably one
# whose text speaks of TLS, VPN and the like. One pass over the measures; the words
# are looked for once per distinct text, with one builtin call after lower()
# (replacing every word, then comparing).
_candidates := {m.id: m.text |
	some m in measures
	m.control == "transfer"
	object.get(m, "status", "implemented") == "implemented"
}

_words := {"tls": "", "ssl": "", "https": "", "vpn": "", "sftp": "", "ssh": "", "transport": "", "in transit": "", "übertrag": ""}

_speaking_texts := {text |
	words := _words
	some text in {t | some _, t in _candidates}
	lowered := lower(text)
	strings.replace_n(words, lowered) != lowered
}

_speaking := {id | texts := _speaking_texts; some id, text in _candidates; texts[text]}

_suggestion := {
	"en": sprintf("Tag the measure that describes it: tags = [\"%s\"] on measure \"%s\"", [_tag, id]),
	"de": sprintf("Kennzeichnen Sie die Maßnahme, die sie beschreibt: tags = [\"%s\"] an Maßnahme \"%s\"", [_tag, id]),
} if {
	id := min(_speaking) # undefined when there is none
} else := {
	"en": sprintf("Tag the measure that describes it, e.g. measure \"%s\": tags = [\"%s\"]", [id, _tag]),
	"de": sprintf("Kennzeichnen Sie die Maßnahme, die sie beschreibt, z. B. Maßnahme \"%s\": tags = [\"%s\"]", [id, _tag]),
} if {
	id := min(object.keys(_candidates))
} else := {
	"en": sprintf("Describe how personal data travels encrypted (TLS, VPN, SFTP) in a [[measure]] with control = \"transfer\" and tags = [\"%s\"]", [_tag]),
	"de": sprintf("Beschreiben Sie, wie personenbezogene Daten verschlüsselt übertragen werden (TLS, VPN, SFTP), in einer [[measure]] mit control = \"transfer\" und tags = [\"%s\"]", [_tag]),
}

_count(n, one, many) := sprintf("1 %s", [one]) if {
	n == 1
} else := sprintf("%d %s", [n, many])

# METADATA
# title: No measure for encryption in transit
# description: >-
#   Personal data that goes to a provider, or lives on a system reached over the
#   network, travels over networks, and Art. 32(1)(a) GDPR names encryption first
#   among the measures that protect it. The TOM should say which measure encrypts it
#   on its way (TLS, VPN, SFTP), by tagging that measure encryption-in-transit. A
#   tagged measure without applies_to covers everything; with applies_to it covers
#   the systems and locations it lists and the providers operating them. Severity
#   info: a TOM written before tags existed gets one finding, not one per provider.
# related_resources:
#   - description: Art. 32(1)(a) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: encryption.transit-missing
#   severity: info
#   legal: Art. 32(1)(a) GDPR
#   fires: >-
#     once (subject control:encryption) when providers handle personal data or
#     servers, SaaS applications, storage or systems without kind hold it, and no
#     implemented measure is tagged encryption-in-transit (the help names the
#     transfer measure to tag); when tagged measures exist but all have applies_to,
#     once per such provider or system none of them covers
#   quiet: >-
#     a tagged implemented measure without applies_to; providers without personal
#     data and access; workstations, laptops, phones, tablets and network devices
#     (their traffic goes to the servers and services that are checked); planned and
#     retired measures do not count
#   example: |
#     [[measure]]
#     id = "tls"
#     control = "transfer"
#     text = "Daten werden nur TLS-verschlüsselt übertragen (HTTPS, SFTP)."
#   fix: |
#     [[measure]]
#     id = "tls"
#     control = "transfer"
#     text = "Daten werden nur TLS-verschlüsselt übertragen (HTTPS, SFTP)."
#     tags = ["encryption-in-transit"]
#   i18n:
#     de:
#       title: Keine Maßnahme zur Transportverschlüsselung
#       description: >-
#         Personenbezogene Daten, die an einen Dienstleister gehen oder auf einem über das
#         Netz erreichbaren System liegen, werden über Netze übertragen, und Art. 32 Abs. 1
#         lit. a DSGVO nennt Verschlüsselung als erste der Maßnahmen, die sie schützen. Die
#         TOM sollte sagen, welche Maßnahme sie unterwegs verschlüsselt (TLS, VPN, SFTP),
#         indem sie diese Maßnahme mit encryption-in-transit kennzeichnet. Eine
#         gekennzeichnete Maßnahme ohne applies_to deckt alles ab; mit applies_to deckt sie
#         die aufgeführten Systeme und Standorte und die Dienstleister ab, die sie betreiben.
#         Schweregrad info: eine TOM aus der Zeit vor den Kennzeichnungen erhält einen
#         Befund, nicht einen je Dienstleister.
#       legal: Art. 32 Abs. 1 lit. a DSGVO
#       fires: >-
#         einmal (Subjekt control:encryption), wenn Dienstleister personenbezogene Daten
#         verarbeiten oder Server, SaaS-Anwendungen, Speichersysteme oder Systeme ohne kind
#         sie enthalten und keine umgesetzte Maßnahme mit encryption-in-transit
#         gekennzeichnet ist (die Hilfe nennt die Weitergabe-Maßnahme, die zu kennzeichnen
#         ist); wenn gekennzeichnete Maßnahmen existieren, aber alle applies_to haben,
#         einmal je Dienstleister oder System, das keine von ihnen abdeckt
#       quiet: >-
#         eine gekennzeichnete, umgesetzte Maßnahme ohne applies_to; Dienstleister ohne
#         personenbezogene Daten und ohne Zugriff; Arbeitsplatzrechner, Laptops,
#         Mobiltelefone, Tablets und Netzwerkgeräte (ihr Verkehr geht an die Server und
#         Dienste, die geprüft werden); geplante und außer Betrieb genommene Maßnahmen zählen
#         nicht
#       resources: [Art. 32 Abs. 1 lit. a DSGVO]
info contains finding if {
	count(_in_transit) == 0
	flows := _flows
	finding := {
		"rule": "encryption.transit-missing",
		"subject": "control:encryption",
		"message": {
			"en": sprintf("Personal data %s, but no implemented measure is tagged encryption-in-transit", [flows.en]),
			"de": sprintf("Personenbezogene Daten %s, aber keine umgesetzte Maßnahme ist mit encryption-in-transit gekennzeichnet", [flows.de]),
		},
		"help": _suggestion,
		"legal": _legal,
	}
}

# How personal data travels, in words: "goes to 3 providers", or, in a TOM where
# no provider handles it, "lives on 1 system reached over the network". The
# systems are counted only then: that takes a pass over all of them.
_flows := {
	"en": sprintf("goes to %s", [_count(n, "provider", "providers")]),
	"de": sprintf("gehen an %s", [_count(n, "Dienstleister", "Dienstleister")]),
} if {
	n := count(providers_with_personal_data)
	n > 0
} else := {
	"en": sprintf("lives on %s reached over the network", [_count(n, "system", "systems")]),
	"de": sprintf("liegen auf %s", [_count(n, "über das Netz erreichbaren System", "über das Netz erreichbaren Systemen")]),
} if {
	n := _reached_count
	n > 0
}

# The tagged measures, for the help of the findings below.
_tagged := concat(", ", sort([sprintf("\"%s\"", [m.id]) | some m in _in_transit]))

info contains finding if {
	count(_in_transit) > 0
	not _everywhere
	covered := _covered_providers
	with_personal_data := providers_with_personal_data
	some p in providers
	with_personal_data[p.id]
	not covered[p.id]
	finding := {
		"rule": "encryption.transit-missing",
		"subject": sprintf("provider:%s", [p.id]),
		"message": {
			"en": sprintf("Personal data goes to %s, but no implemented measure tagged encryption-in-transit covers it", [lib.label("provider", p)]),
			"de": sprintf("Personenbezogene Daten gehen an %s, aber keine umgesetzte, mit encryption-in-transit gekennzeichnete Maßnahme deckt das ab", [lib.label("Dienstleister", p)]),
		},
		"help": {
			"en": sprintf("Tag the measure that says how personal data reaches the provider encrypted (e-mail over TLS, S/MIME, an upload portal) with encryption-in-transit, or add a system or location of the provider to applies_to of a tagged measure (%s)", [_tagged]),
			"de": sprintf("Kennzeichnen Sie die Maßnahme, die beschreibt, wie personenbezogene Daten verschlüsselt zum Dienstleister gelangen (E-Mail über TLS, S/MIME, ein Upload-Portal), mit encryption-in-transit, oder nehmen Sie ein System oder einen Standort des Dienstleisters in applies_to einer gekennzeichneten Maßnahme auf (%s)", [_tagged]),
		},
		"legal": _legal,
	}
}

info contains finding if {
	count(_in_transit) > 0
	not _everywhere
	covered := _covered_systems
	some id in _reached
	not covered[id]
	s := system_by_id[id]
	finding := {
		"rule": "encryption.transit-missing",
		"subject": sprintf("system:%s", [id]),
		"message": {
			"en": sprintf("%s holds personal data and is reached over the network, but no implemented measure tagged encryption-in-transit applies to it", [lib.label("System", s)]),
			"de": sprintf("%s enthält personenbezogene Daten und ist über das Netz erreichbar, aber keine umgesetzte, mit encryption-in-transit gekennzeichnete Maßnahme gilt dafür", [lib.label("System", s)]),
		},
		"help": {
			"en": sprintf("Add \"%s\" or its location to applies_to of a measure tagged encryption-in-transit (%s), or tag a measure that covers it", [id, _tagged]),
			"de": sprintf("Nehmen Sie \"%s\" oder seinen Standort in applies_to einer mit encryption-in-transit gekennzeichneten Maßnahme auf (%s), oder kennzeichnen Sie eine Maßnahme, die es abdeckt", [id, _tagged]),
		},
		"legal": _legal,
	}
}
