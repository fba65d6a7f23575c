# Data processing agreements (AVV, Auftragsverarbeitungsvertrag) with processors.
package tom.avv

import data.tom.lib
import data.tom.lib.providers
import data.tom.lib.providers_with_personal_data
import data.tom.lib.today

_legal := {"en": "Art. 28(3) GDPR", "de": "Art. 28 Abs. 3 DSGVO"}

# The rules below bind the rules they use to a variable before their loop over
# the providers: regorus looks a rule up again at every reference, which costs
# more than the test that uses it.

# METADATA
# title: Processor without data processing agreement (AVV)
# description: >-
#   A provider that processes personal data on the company's behalf is a processor
#   under Art. 28 GDPR and may only do so under a written data processing agreement
#   (AVV, Auftragsverarbeitungsvertrag) covering the points of Art. 28(3)(a)-(h).
#   Without a recorded agreement the TOM cannot show that the processing is lawful.
# related_resources:
#   - description: Art. 28(3) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: avv.missing
#   severity: deny
#   legal: Art. 28(3) GDPR
#   fires: >-
#     a provider with role = "processor" that processes personal data
#     (personal_data = true) or can reach it (access other than "none")
#     and has no avv table, or one with status = "draft"
#   quiet: >-
#     controllers and joint controllers such as banks, tax advisers, lawyers and
#     postal services; providers with personal_data = false and access = "none"
#     or no access recorded; agreements of every form (dpa, scc, online terms
#     accepted on a date) that are not drafts
#   example: |
#     [[provider]]
#     id = "it-admin"
#     name = "IT Admin Müller"
#     country = "DE"
#     role = "processor"
#     purpose = "Maintenance of the office PCs and the NAS"
#     personal_data = true
#     access = "full"
#   fix: |
#     [[provider]]
#     id = "it-admin"
#     name = "IT Admin Müller"
#     country = "DE"
#     role = "processor"
#     purpose = "Maintenance of the office PCs and the NAS"
#     personal_data = true
#     access = "full"
#     avv = { signed = 2024-01-15, document = "contracts/it-admin-avv.pdf" }
#   i18n:
#     de:
#       title: Auftragsverarbeiter ohne Auftragsverarbeitungsvertrag (AVV)
#       description: >-
#         Ein Dienstleister, der im Auftrag des Unternehmens personenbezogene Daten
#         verarbeitet, ist Auftragsverarbeiter nach Art. 28 DSGVO und darf dies nur auf
#         Grundlage eines schriftlichen Auftragsverarbeitungsvertrags (AVV) tun, der die
#         Punkte von Art. 28 Abs. 3 lit. a bis h DSGVO abdeckt. Ohne erfassten Vertrag kann
#         die TOM nicht belegen, dass die Verarbeitung rechtmäßig ist.
#       legal: Art. 28 Abs. 3 DSGVO
#       fires: >-
#         ein Dienstleister mit role = "processor", der personenbezogene Daten verarbeitet
#         (personal_data = true) oder auf sie zugreifen kann (access nicht "none") und keine
#         avv-Tabelle hat oder eine mit status = "draft"
#       quiet: >-
#         Verantwortliche und gemeinsam Verantwortliche wie Banken, Steuerberater,
#         Rechtsanwälte und Postdienste; Dienstleister mit personal_data = false und
#         access = "none" oder ohne access; Verträge jeder Form (dpa, scc, online
#         akzeptierte Bedingungen mit Datum), die keine Entwürfe sind
#       resources: [Art. 28 Abs. 3 DSGVO]
deny contains finding if {
	with_personal_data := providers_with_personal_data
	some p in providers
	p.role == "processor"
	with_personal_data[p.id]
	not p.avv
	finding := {
		"rule": "avv.missing",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "avv",
		"message": {
			"en": sprintf("%s %s but has no data processing agreement (AVV)", [lib.label("Provider", p), _handles(p).en]),
			"de": sprintf("%s %s, hat aber keinen Auftragsverarbeitungsvertrag (AVV)", [lib.label("Dienstleister", p), _handles(p).de]),
		},
		"help": {
			"en": sprintf("Record the signed agreement: avv = { signed = 2024-01-15, document = \"contracts/%s-avv.pdf\" }", [p.id]),
			"de": sprintf("Erfassen Sie den unterschriebenen Vertrag: avv = { signed = 2024-01-15, document = \"contracts/%s-avv.pdf\" }", [p.id]),
		},
		"legal": _legal,
	}
}

# A draft is no agreement yet: the negotiation is recorded, the processing is not
# covered.
deny contains finding if {
	with_personal_data := providers_with_personal_data
	some p in providers
	p.role == "processor"
	with_personal_data[p.id]
	p.avv.status == "draft"
	finding := {
		"rule": "avv.missing",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "avv.status",
		"message": {
			"en": sprintf("%s %s but its data processing agreement (AVV) is only a draft", [lib.label("Provider", p), _handles(p).en]),
			"de": sprintf("%s %s, sein Auftragsverarbeitungsvertrag (AVV) ist aber nur ein Entwurf", [lib.label("Dienstleister", p), _handles(p).de]),
		},
		"help": {
			"en": "Once the agreement is signed, record the date and drop the draft status: avv = { signed = …, document = \"…\" }",
			"de": "Sobald der Vertrag unterschrieben ist, erfassen Sie das Datum und entfernen den Entwurfsstatus: avv = { signed = …, document = \"…\" }",
		},
		"legal": _legal,
	}
}

_handles(p) := {"en": "processes personal data", "de": "verarbeitet personenbezogene Daten"} if {
	p.personal_data == true
} else := {
	"en": sprintf("can reach personal data (access = \"%s\")", [p.access]),
	"de": sprintf("kann auf personenbezogene Daten zugreifen (access = \"%s\")", [p.access]),
}

# METADATA
# title: Data processing agreement (AVV) has expired
# description: >-
#   The recorded data processing agreement of a provider ended on its expires date.
#   Processing that continues after the agreement ended has no contractual basis under
#   Art. 28(3) GDPR. Renew the agreement, or end the processing and record that.
# related_resources:
#   - description: Art. 28(3) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: avv.expired
#   severity: deny
#   legal: Art. 28(3) GDPR
#   fires: a provider whose avv.expires date is before today
#   quiet: >-
#     agreements without an expires date (open-ended) and agreements that expire
#     today or later
#   example: |
#     [[provider]]
#     id = "newsletter"
#     name = "Mail Marketing GmbH"
#     country = "DE"
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2023-01-10, expires = 2025-12-31, document = "contracts/newsletter-avv-2023.pdf" }
#   fix: |
#     [[provider]]
#     id = "newsletter"
#     name = "Mail Marketing GmbH"
#     country = "DE"
#     role = "processor"
#     personal_data = true
#     avv = { signed = 2025-12-01, expires = 2028-12-31, document = "contracts/newsletter-avv-2025.pdf" }
#   i18n:
#     de:
#       title: Auftragsverarbeitungsvertrag (AVV) abgelaufen
#       description: >-
#         Der erfasste Auftragsverarbeitungsvertrag eines Dienstleisters endete an seinem
#         Datum expires. Eine Verarbeitung, die nach Vertragsende weiterläuft, hat keine
#         vertragliche Grundlage nach Art. 28 Abs. 3 DSGVO. Verlängern Sie den Vertrag, oder
#         beenden Sie die Verarbeitung und erfassen Sie das.
#       legal: Art. 28 Abs. 3 DSGVO
#       fires: ein Dienstleister, dessen Datum avv.expires vor dem heutigen Tag liegt
#       quiet: >-
#         Verträge ohne Datum expires (unbefristet) und Verträge, die heute oder später
#         ablaufen
#       resources: [Art. 28 Abs. 3 DSGVO]
deny contains finding if {
	day := today
	some p in providers
	expires := p.avv.expires
	expires < day
	finding := {
		"rule": "avv.expired",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "avv.expires",
		"message": {
			"en": sprintf("The data processing agreement (AVV) with %s expired on %s", [lib.label("provider", p), expires]),
			"de": sprintf("Der Auftragsverarbeitungsvertrag (AVV) mit %s ist am %s abgelaufen", [lib.label("Dienstleister", p), lib.de_date(expires)]),
		},
		"help": {
			"en": "Record the renewed agreement with its new dates: avv = { signed = …, expires = …, document = \"…\" }; if the provider no longer processes personal data, set personal_data = false and access = \"none\"",
			"de": "Erfassen Sie den verlängerten Vertrag mit seinen neuen Daten: avv = { signed = …, expires = …, document = \"…\" }; verarbeitet der Dienstleister keine personenbezogenen Daten mehr, setzen Sie personal_data = false und access = \"none\"",
		},
		"legal": _legal,
	}
}
