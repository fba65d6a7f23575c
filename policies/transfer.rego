# Transfers of personal data to third countries (Chapter V GDPR).
package tom.transfer

import data.tom.lib
import data.tom.lib.provider_by_id
import data.tom.lib.providers
import data.tom.lib.providers_with_personal_data

_legal := {"en": "Art. 44–46 GDPR", "de": "Art. 44–46 DSGVO"}

# Safeguards of Art. 46/49 that cover a transfer to any third country.
_safeguards := {"scc", "bcr", "derogation"}

# Every transfer value that covers a country without a plain adequacy decision
# in the bundled data. The rules test `not object.get(p, "transfer", "") in …`,
# never `not p.transfer in …` or `not accepted[p.transfer]`: OPA evaluates a
# reference used as an operand or as a lookup key before the negation, so for a
# provider without transfer the whole rule body would be undefined and the rule
# quiet.
#
# "adequacy" stands for a decision newer than the bundled data; "dpf" is no such
# escape: the Data Privacy Framework exists only within the adequacy decision for the
# US, so it covers no other country, and the US not before that decision (10 July
# 2023), which the rule for decisions that require a transfer value handles.
_accepted := _safeguards | {"adequacy"}

# The regions a provider's processing may name: inside, whatever the country list.
_regions := {"EU", "EEA"}

# The places of the TOM's providers that are third countries today, keyed by the
# value written in the TOM, computed once per distinct value:
# {"US": {"code": "US", "requires_transfer": "dpf"}, "IN": {"code": "IN"}}.
# EU/EEA countries, the regions EU and EEA, and countries with a plain adequacy
# decision are absent.
_third_countries := {country: status |
	some country in _places_written
	not _regions[country]
	code := lib.country_code(country)
	not lib.in_eea(code)
	status := _status(code)
}

_places_written := {p.country | some p in providers} | {c | some p in providers; some c in p.processing} | {c |
	some p in providers
	some c in p.support_access
}

_status(code) := {"code": code, "requires_transfer": required} if {
	required := lib.adequacy_in_force(code).requires_transfer
} else := {"code": code} if {
	not lib.adequacy_in_force(code)
}

# The third countries each provider's data reaches, by provider id: [rank, third]
# for its seat (rank 0), its processing (1) and its support access (2). A country
# named in several places is reported once, for the place of the lowest rank.
_third_places[p.id] contains [0, third] if {
	third_countries := _third_countries
	some p in providers
	third := third_countries[p.country]
}

_third_places[p.id] contains [1, third] if {
	third_countries := _third_countries
	some p in providers
	some c in p.processing
	third := third_countries[c]
}

_third_places[p.id] contains [2, third] if {
	third_countries := _third_countries
	some p in providers
	some c in p.support_access
	third := third_countries[c]
}

_where := [
	{"en": "in", "de": "mit Sitz in"},
	{"en": "with data processing in", "de": "mit Datenverarbeitung in"},
	{"en": "with support access from", "de": "mit Supportzugriff aus"},
]

# --- Who gets the data --------------------------------------------------------
#
# A provider that processes or can reach personal data gets it; so does every
# sub-processor it engages (subprocessors), and theirs, unless a sub-processor
# records personal_data = false without access. Each provider that gets the data
# has a chain: its own id for those that handle it themselves, otherwise the ids
# from such a provider down to it (["hetzner", "cloud-sub"]). Chains are followed
# level by level, up to _depth sub-processors deep; where one goes on, the
# provider after the last level is reported as not followed. Only providers with
# subprocessors take part, so a TOM without sub-processors costs a pass over the
# providers and nothing more.

_subprocessors := {p.id: p.subprocessors | some p in providers}

# The engagements that pass the data on to a provider that does not handle it
# itself ([engaging id, sub-processor id]): a sub-processor with personal data of
# its own is checked as a provider anyway, and one that records personal_data =
# false gets none. Usually a handful, so the levels below look at these only.
_onward := {[p, s] |
	direct := providers_with_personal_data
	by_id := provider_by_id
	some p, subs in _subprocessors
	some s in subs
	not direct[s]
	not by_id[s].personal_data == false
}

_engaged_by[s] contains p if {
	some [p, s] in _onward
}

# The sub-processors the providers of `frontier` (id -> chain) pass the data on to
# that are not in `seen` (id -> chain), each with its chain through the first (by
# id) provider of the frontier that engages it (which makes p one of the frontier).
_step(frontier, seen) := {s: array.concat(frontier[p], [s]) |
	engaged_by := _engaged_by
	some [p, s] in _onward
	not seen[s]
	p == min({q | some q in engaged_by[s]; frontier[q]})
}

_depth := 6

# The providers that handle personal data themselves and pass it on.
_level0 := {p: [p] | direct := providers_with_personal_data; some [p, _] in _onward; direct[p]}

# [the chains of the sub-processors that get the data (id -> chain), the
# sub-processors one level deeper than chains are followed (id -> chain)], level
# by level, _depth levels.
_walk := [{}, {}] if {
	count(_onward) == 0
} else := [chains, deeper] if {
	l1 := _step(_level0, {})
	l2 := _step(l1, l1)
	s2 := object.union(l1, l2)
	l3 := _step(l2, s2)
	s3 := object.union(s2, l3)
	l4 := _step(l3, s3)
	s4 := object.union(s3, l4)
	l5 := _step(l4, s4)
	s5 := object.union(s4, l5)
	l6 := _step(l5, s5)
	chains := object.union(s5, l6)
	deeper := _step(l6, chains)
}

# The chain of a provider that gets the data; undefined for the others.
_chain(id) := [id] if {
	providers_with_personal_data[id]
} else := _walk[0][id]

# How a provider gets the data, for the messages.
_gets(chain) := {"en": "processes or can reach personal data", "de": "verarbeitet personenbezogene Daten oder kann auf sie zugreifen"} if {
	count(chain) == 1
} else := {
	"en": sprintf("receives personal data as a sub-processor (%s)", [concat(" → ", chain)]),
	"de": sprintf("erhält personenbezogene Daten als Unterauftragsverarbeiter (%s)", [concat(" → ", chain)]),
}

# METADATA
# title: Third-country provider without transfer safeguard
# description: >-
#   Personal data may leave the EU/EEA only to a country with an adequacy decision
#   (Art. 45) or under appropriate safeguards such as standard contractual clauses or
#   binding corporate rules (Art. 46), or under a derogation of Art. 49. The EU-US
#   adequacy decision covers only organisations certified under the Data Privacy
#   Framework, so a US provider needs transfer = "dpf" or another safeguard. Where
#   the data goes counts, not only where the provider sits: the countries it
#   processes the data in, those its staff reach it from for support, and the
#   sub-processors it engages (Art. 44 covers onward transfers).
# related_resources:
#   - description: Art. 44–46 GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: Standard contractual clauses, Implementing Decision (EU) 2021/914
#     ref: https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj
#   - description: EU-US Data Privacy Framework, Implementing Decision (EU) 2023/1795
#     ref: https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj
# custom:
#   id: transfer.unsafeguarded
#   severity: deny
#   legal: Art. 44–46 GDPR
#   fires: >-
#     a provider that processes or can reach personal data, or a sub-processor it
#     engages (directly or further down the chain), whose seat (country), a
#     processing country or a support_access country is outside the EU/EEA and has
#     no adequacy decision in force, and that records no transfer safeguard; for the
#     US, no transfer = "dpf", "scc", "bcr" or "derogation" (transfer = "adequacy"
#     does not cover the US); transfer = "dpf" for any other country, or for the US
#     before its adequacy decision of 2023-07-10; a sub-processor more than six
#     levels down a chain, which is not followed
#   quiet: >-
#     providers in the EU/EEA (Greece may be written EL) and processing in the
#     regions EU or EEA; countries with an adequacy decision in force such as
#     Switzerland, the United Kingdom or Japan; US places with transfer = "dpf";
#     providers without personal data and access, and the sub-processors of those
#     only; sub-processors that record personal_data = false; providers without
#     country, processing or support_access (without country and processing, the
#     provider is reported by transfer.place-missing)
#   example: |
#     [[provider]]
#     id = "mailer"
#     name = "Mailer Inc."
#     country = "US"
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2024-05-02, document = "contracts/mailer-dpa.pdf" }
#   fix: |
#     [[provider]]
#     id = "mailer"
#     name = "Mailer Inc."
#     country = "US"
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2024-05-02, document = "contracts/mailer-dpa.pdf" }
#     transfer = "dpf"   # certified under the EU-US Data Privacy Framework
#   i18n:
#     de:
#       title: Dienstleister im Drittland ohne Garantie für die Übermittlung
#       description: >-
#         Personenbezogene Daten dürfen den EWR nur in ein Land mit Angemessenheitsbeschluss
#         (Art. 45 DSGVO) verlassen, unter geeigneten Garantien wie Standardvertragsklauseln
#         (SCC) oder verbindlichen internen Datenschutzvorschriften (Art. 46 DSGVO) oder
#         aufgrund einer Ausnahme nach Art. 49 DSGVO. Der Angemessenheitsbeschluss für die
#         USA gilt nur für Organisationen, die nach dem Data Privacy Framework zertifiziert
#         sind; ein US-Dienstleister braucht daher transfer = "dpf" oder eine andere
#         Garantie. Es zählt, wohin die Daten gehen, nicht nur, wo der Dienstleister seinen
#         Sitz hat: die Länder, in denen er die Daten verarbeitet, die, aus denen sein
#         Personal für den Support darauf zugreift, und die Unterauftragsverarbeiter, die er
#         beauftragt (Art. 44 DSGVO erfasst Weiterübermittlungen).
#       legal: Art. 44–46 DSGVO
#       fires: >-
#         ein Dienstleister, der personenbezogene Daten verarbeitet oder auf sie zugreifen
#         kann, oder ein von ihm (unmittelbar oder weiter unten in der Kette) beauftragter
#         Unterauftragsverarbeiter, dessen Sitz (country), ein Verarbeitungsland
#         (processing) oder ein Land des Supportzugriffs (support_access) außerhalb des EWR
#         liegt und keinen geltenden Angemessenheitsbeschluss hat, und der keine Garantie
#         für die Übermittlung erfasst; für die USA kein transfer = "dpf", "scc", "bcr"
#         oder "derogation" (transfer = "adequacy" deckt die USA nicht ab);
#         transfer = "dpf" für jedes andere Land oder für die USA vor ihrem
#         Angemessenheitsbeschluss vom 10.07.2023; ein
#         Unterauftragsverarbeiter mehr als sechs Ebenen tief in einer Kette, die nicht
#         weiter verfolgt wird
#       quiet: >-
#         Dienstleister im EWR (Griechenland darf als EL geschrieben werden) und
#         Verarbeitung in den Regionen EU oder EEA; Länder mit geltendem
#         Angemessenheitsbeschluss wie die Schweiz, das Vereinigte Königreich oder Japan;
#         Orte in den USA mit transfer = "dpf"; Dienstleister ohne personenbezogene Daten und
#         ohne Zugriff und allein deren Unterauftragsverarbeiter; Unterauftragsverarbeiter,
#         die personal_data = false erfassen; Dienstleister ohne country, processing oder
#         support_access (ohne country und processing meldet transfer.place-missing den
#         Dienstleister)
#       resources:
#         - Art. 44–46 DSGVO
#         - Standardvertragsklauseln, Durchführungsbeschluss (EU) 2021/914
#         - EU-US Data Privacy Framework, Durchführungsbeschluss (EU) 2023/1795
deny contains finding if {
	accepted := _accepted
	some id, places in _third_places
	chain := _chain(id)
	some [rank, third] in places
	rank == min({r | some [r, t] in places; t.code == third.code})
	not third.requires_transfer
	p := provider_by_id[id]
	not object.get(p, "transfer", "") in accepted
	code := third.code
	finding := {
		"rule": "transfer.unsafeguarded",
		"subject": sprintf("provider:%s", [id]),
		"field": "transfer",
		"message": {
			"en": sprintf("%s %s %s %s, but %s has no adequacy decision in force %s", [lib.label("Provider", p), _where[rank].en, _country(code).en, _gets(chain).en, code, _unsafeguarded(p).en]),
			"de": sprintf("%s %s %s %s, aber für %s gilt kein Angemessenheitsbeschluss %s", [lib.label("Dienstleister", p), _where[rank].de, _country(code).de, _gets(chain).de, code, _unsafeguarded(p).de]),
		},
		"help": {
			"en": "Record the safeguard the transfer relies on: transfer = \"scc\" (standard contractual clauses), \"bcr\" (binding corporate rules), \"derogation\" (Art. 49) or \"adequacy\" (a decision newer than the bundled data)",
			"de": "Erfassen Sie die Garantie, auf der die Übermittlung beruht: transfer = \"scc\" (Standardvertragsklauseln), \"bcr\" (verbindliche interne Datenschutzvorschriften), \"derogation\" (Art. 49 DSGVO) oder \"adequacy\" (ein Beschluss, der neuer ist als die mitgelieferten Daten)",
		},
		"legal": _legal,
	}
}

# A country whose adequacy decision covers only certified organisations (the US:
# Data Privacy Framework): transfer = "adequacy" is not enough.
deny contains finding if {
	some id, places in _third_places
	chain := _chain(id)
	some [rank, third] in places
	rank == min({r | some [r, t] in places; t.code == third.code})
	required := third.requires_transfer
	p := provider_by_id[id]
	not object.get(p, "transfer", "") in (_safeguards | {required})
	code := third.code
	finding := {
		"rule": "transfer.unsafeguarded",
		"subject": sprintf("provider:%s", [id]),
		"field": "transfer",
		"message": {
			"en": sprintf("%s %s %s %s; the adequacy decision for %s covers only organisations certified under the Data Privacy Framework, and %s", [lib.label("Provider", p), _where[rank].en, _country(code).en, _gets(chain).en, code, _recorded(p).en]),
			"de": sprintf("%s %s %s %s; der Angemessenheitsbeschluss für %s gilt nur für Organisationen, die nach dem Data Privacy Framework zertifiziert sind, und %s", [lib.label("Dienstleister", p), _where[rank].de, _country(code).de, _gets(chain).de, code, _recorded(p).de]),
		},
		"help": {
			"en": sprintf("If the provider is on the Data Privacy Framework list, record transfer = \"%s\"; otherwise record the safeguard in place, e.g. transfer = \"scc\" (standard contractual clauses, Implementing Decision (EU) 2021/914)", [required]),
			"de": sprintf("Steht der Dienstleister auf der Liste des Data Privacy Framework, erfassen Sie transfer = \"%s\"; sonst erfassen Sie die bestehende Garantie, z. B. transfer = \"scc\" (Standardvertragsklauseln, Durchführungsbeschluss (EU) 2021/914)", [required]),
		},
		"legal": _legal,
	}
}

# A sub-processor deeper than the chains are followed: whether its data leaves the
# EU/EEA is not decided, so it is reported rather than passed.
deny contains finding if {
	some id, chain in _walk[1]
	p := provider_by_id[id]
	finding := {
		"rule": "transfer.unsafeguarded",
		"subject": sprintf("provider:%s", [id]),
		"field": "transfer",
		"message": {
			"en": sprintf("%s receives personal data through more than %d levels of sub-processors (%s); transfers this deep are not checked", [lib.label("Provider", p), _depth, concat(" → ", chain)]),
			"de": sprintf("%s erhält personenbezogene Daten über mehr als %d Ebenen von Unterauftragsverarbeitern (%s); Übermittlungen in dieser Tiefe werden nicht geprüft", [lib.label("Dienstleister", p), _depth, concat(" → ", chain)]),
		},
		"help": {
			"en": "Check where this provider and the sub-processors it engages process the data and record their transfer safeguards; or shorten the chain in the TOM by listing the provider as a sub-processor of the one that engages it directly",
			"de": "Prüfen Sie, wo dieser Dienstleister und die von ihm beauftragten Unterauftragsverarbeiter die Daten verarbeiten, und erfassen Sie deren Garantien für die Übermittlung; oder verkürzen Sie die Kette in der TOM, indem Sie den Dienstleister als Unterauftragsverarbeiter desjenigen erfassen, der ihn unmittelbar beauftragt",
		},
		"legal": _legal,
	}
}

# A third country as messages name it: by name where the bundled data has one.
_country(code) := {"en": sprintf("%s (%s)", [lib.country_name(code), code]), "de": _country_de(code)} if {
	lib.country_name(code)
} else := {"en": sprintf("country %s", [code]), "de": _country_de(code)}

_country_de(code) := sprintf("Drittland %s (%s)", [lib.country_name_de(code), code]) if {
	lib.country_name_de(code)
} else := sprintf("Drittland %s", [code])

# What a provider without accepted safeguard records: nothing, or "dpf" where no
# adequacy decision with the Data Privacy Framework is in force.
_unsafeguarded(p) := {
	"en": "and transfer = \"dpf\" does not cover it: the Data Privacy Framework is part of the adequacy decision for the US, in force since 2023-07-10",
	"de": "und transfer = \"dpf\" deckt das nicht ab: das Data Privacy Framework ist Teil des Angemessenheitsbeschlusses für die USA, in Kraft seit dem 10.07.2023",
} if {
	p.transfer == "dpf"
} else := {"en": "and no transfer safeguard is recorded", "de": "und es ist keine Garantie für die Übermittlung erfasst"}

_recorded(p) := {
	"en": sprintf("transfer = \"%s\" is recorded instead", [p.transfer]),
	"de": sprintf("erfasst ist stattdessen transfer = \"%s\"", [p.transfer]),
} if {
	is_string(p.transfer)
} else := {"en": "no transfer safeguard is recorded", "de": "es ist keine Garantie für die Übermittlung erfasst"}

# The providers that record no place the data goes to: no seat and no place of
# processing (an empty processing list names none). support_access alone says
# where staff reach the data from, not where it is kept.
_unplaced := {p.id: p |
	some p in providers
	not p.country
	count(object.get(p, "processing", [])) == 0
}

# METADATA
# title: Provider with personal data records no place
# description: >-
#   Whether personal data leaves the EU/EEA (Chapter V GDPR) depends on where the
#   provider that gets it sits and processes it. A provider that processes or can
#   reach personal data, or a sub-processor that receives it, and records neither its
#   seat (country) nor where it processes the data (processing) cannot be checked by
#   transfer.unsafeguarded; this rule reports it instead of letting it pass.
# related_resources:
#   - description: Art. 44–46 GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: Art. 30(1)(e) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: transfer.place-missing
#   severity: warn
#   legal: Art. 44–46 GDPR
#   fires: >-
#     a provider that processes or can reach personal data, or a sub-processor that
#     receives it through a chain transfer.unsafeguarded follows, without country and
#     without processing (or with an empty processing list); support_access alone does
#     not count
#   quiet: >-
#     providers with a country or a non-empty processing list, wherever it is;
#     providers without personal data and access, and their sub-processors only;
#     sub-processors that record personal_data = false
#   example: |
#     [[provider]]
#     id = "newsletter"
#     name = "Newsletter-Dienst"
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2025-03-01, document = "contracts/newsletter-avv.pdf" }
#   fix: |
#     [[provider]]
#     id = "newsletter"
#     name = "Newsletter-Dienst"
#     country = "DE"
#     processing = ["DE"]
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2025-03-01, document = "contracts/newsletter-avv.pdf" }
#   i18n:
#     de:
#       title: Dienstleister mit personenbezogenen Daten ohne Ort
#       description: >-
#         Ob personenbezogene Daten den EWR verlassen (Kapitel V DSGVO), hängt davon ab,
#         wo der Dienstleister, der sie erhält, seinen Sitz hat und sie verarbeitet. Ein
#         Dienstleister, der personenbezogene Daten verarbeitet oder auf sie zugreifen kann,
#         oder ein Unterauftragsverarbeiter, der sie erhält, ohne Sitz (country) und ohne
#         Ort der Verarbeitung (processing) kann von transfer.unsafeguarded nicht geprüft
#         werden; diese Regel meldet ihn, statt ihn bestehen zu lassen.
#       legal: Art. 44–46 DSGVO
#       fires: >-
#         ein Dienstleister, der personenbezogene Daten verarbeitet oder auf sie zugreifen
#         kann, oder ein Unterauftragsverarbeiter, der sie über eine Kette erhält, die
#         transfer.unsafeguarded verfolgt, ohne country und ohne processing (oder mit
#         leerer Liste processing); support_access allein zählt nicht
#       quiet: >-
#         Dienstleister mit country oder nicht leerer Liste processing, wo immer das ist;
#         Dienstleister ohne personenbezogene Daten und ohne Zugriff und allein deren
#         Unterauftragsverarbeiter; Unterauftragsverarbeiter, die personal_data = false
#         erfassen
#       resources: [Art. 44–46 DSGVO, Art. 30 Abs. 1 lit. e DSGVO]
warn contains finding if {
	some id, p in _unplaced
	chain := _chain(id)
	finding := {
		"rule": "transfer.place-missing",
		"subject": sprintf("provider:%s", [id]),
		"field": "country",
		"message": {
			"en": sprintf("%s %s but records neither country nor processing, so whether the data leaves the EU/EEA cannot be checked", [lib.label("Provider", p), _gets(chain).en]),
			"de": sprintf("%s %s, erfasst aber weder country noch processing; ob die Daten den EWR verlassen, lässt sich daher nicht prüfen", [lib.label("Dienstleister", p), _gets(chain).de]),
		},
		"help": {
			"en": "Record the provider's seat and where it processes the data, e.g. country = \"DE\" and processing = [\"DE\"] (country codes, or the regions EU and EEA); its AVV or sub-processor list names them. For a place outside the EU/EEA, record the transfer safeguard too",
			"de": "Erfassen Sie den Sitz des Dienstleisters und wo er die Daten verarbeitet, z. B. country = \"DE\" und processing = [\"DE\"] (Ländercodes oder die Regionen EU und EEA); sein AVV oder seine Liste der Unterauftragsverarbeiter nennt sie. Für einen Ort außerhalb des EWR erfassen Sie auch die Garantie für die Übermittlung",
		},
		"legal": _legal,
	}
}
