# Transfers of personal data to third countries (Chapter V GDPR).
package tom.transfer

import data.tom.lib
import data.tom.lib.providers
import data.tom.lib.providers_with_personal_data

_legal := "Art. 44–46 GDPR"

# Safeguards of Art. 46/49 that cover a transfer to any third country.
_safeguards := {"scc", "bcr", "derogation"}

# Every transfer value that covers a country without a plain adequacy decision
# in the bundled data. The rules test `not object.get(p, "transfer", "") in …`,
# never `not p.transfer in …` or `not accepted[p.transfer]`: OPA evaluates a
# reference used as an operand or as a lookup key before the negation, so for a
# provider without transfer the whole rule body would be undefined and the rule
# quiet.
_accepted := _safeguards | {"adequacy", "dpf"}

# The countries of the TOM's providers that are third countries today, keyed by
# the value written in the TOM, computed once per distinct value:
# {"US": {"code": "US", "requires_transfer": "dpf"}, "IN": {"code": "IN"}}.
# EU/EEA countries and countries with a plain adequacy decision are absent.
_third_countries := {country: status |
	some country in {p.country | some p in providers}
	code := lib.country_code(country)
	not lib.in_eea(code)
	status := _status(code)
}

_status(code) := {"code": code, "requires_transfer": a.requires_transfer} if {
	a := lib.adequacy_in_force(code)
	a.requires_transfer
} else := {"code": code} if {
	not lib.adequacy_in_force(code)
}

# The rules below bind _third_countries to a variable before their loop over the
# providers: regorus looks a rule up again at every reference, which costs more
# than the test that uses it.

# METADATA
# title: Third-country provider without transfer safeguard
# description: >-
#   Personal data may leave the EU/EEA only to a country with an adequacy decision
#   (Art. 45) or under appropriate safeguards such as standard contractual clauses or
#   binding corporate rules (Art. 46), or under a derogation of Art. 49. The EU-US
#   adequacy decision covers only organisations certified under the Data Privacy
#   Framework, so a US provider needs transfer = "dpf" or another safeguard.
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
#     a provider that processes or can reach personal data, whose country is outside
#     the EU/EEA and has no adequacy decision in force, and that records no transfer
#     safeguard; a US provider without transfer = "dpf", "scc", "bcr" or "derogation"
#     (transfer = "adequacy" does not cover the US)
#   quiet: >-
#     providers in the EU/EEA (Greece may be written EL); providers in a country with
#     an adequacy decision in force such as Switzerland, the United Kingdom or Japan;
#     US providers with transfer = "dpf"; providers without personal data and access;
#     providers without a country
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
deny contains finding if {
	third_countries := _third_countries
	accepted := _accepted
	some p in providers
	third := third_countries[p.country]
	not third.requires_transfer
	providers_with_personal_data[p.id]
	not object.get(p, "transfer", "") in accepted
	code := third.code
	finding := {
		"rule": "transfer.unsafeguarded",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "transfer",
		"message": sprintf("%s in %s processes or can reach personal data, but %s has no adequacy decision in force and no transfer safeguard is recorded", [lib.label("Provider", p), _country(code), code]),
		"help": "Record the safeguard the transfer relies on: transfer = \"scc\" (standard contractual clauses), \"bcr\" (binding corporate rules), \"derogation\" (Art. 49) or \"adequacy\" (a decision newer than the bundled data)",
		"legal": _legal,
	}
}

# A country whose adequacy decision covers only certified organisations (the US:
# Data Privacy Framework): transfer = "adequacy" is not enough.
deny contains finding if {
	third_countries := _third_countries
	some p in providers
	third := third_countries[p.country]
	required := third.requires_transfer
	providers_with_personal_data[p.id]
	not object.get(p, "transfer", "") in (_safeguards | {required})
	code := third.code
	finding := {
		"rule": "transfer.unsafeguarded",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "transfer",
		"message": sprintf("%s in %s processes or can reach personal data; the adequacy decision for %s covers only organisations certified under the Data Privacy Framework, and %s", [lib.label("Provider", p), _country(code), code, _recorded(p)]),
		"help": sprintf("If the provider is on the Data Privacy Framework list, record transfer = \"%s\"; otherwise record the safeguard in place, e.g. transfer = \"scc\" (standard contractual clauses, Implementing Decision (EU) 2021/914)", [required]),
		"legal": _legal,
	}
}

_country(code) := sprintf("%s (%s)", [lib.country_name(code), code]) if {
	lib.country_name(code)
} else := sprintf("country %s", [code])

_recorded(p) := sprintf("transfer = \"%s\" is recorded instead", [p.transfer]) if {
	is_string(p.transfer)
} else := "no transfer safeguard is recorded"
