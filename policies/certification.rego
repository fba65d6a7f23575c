# Certifications and attestations (ISO 27001, BSI C5, PCI DSS, …) recorded as
# evidence of the measures of the organisation and of its providers.
package tom.certification

import data.tom.lib
import data.tom.lib.organization
import data.tom.lib.providers
import data.tom.lib.today

_legal := {"en": "Art. 28(1), 32(3) GDPR", "de": "Art. 28 Abs. 1, Art. 32 Abs. 3 DSGVO"}

# Every certification with its holder and its place in the holder's list:
# {"subject", "of" (the holder in a message), "i", "cert"}.
_certifications contains c if {
	some i, cert in organization.certifications
	c := {"subject": "organization", "of": {"en": "the organisation", "de": "der Organisation"}, "i": i, "cert": cert}
}

_certifications contains c if {
	some p in providers
	some i, cert in p.certifications
	c := {"subject": sprintf("provider:%s", [p.id]), "of": {"en": lib.label("provider", p), "de": lib.label("von Dienstleister", p)}, "i": i, "cert": cert}
}

# METADATA
# title: Certification expired or without end date
# description: >-
#   A certificate or attestation such as ISO 27001, BSI C5 or PCI DSS shows that
#   measures are in place only while it is valid. Art. 28(1) GDPR requires processors
#   that give sufficient guarantees, and Art. 28(5) and 32(3) let a certification serve
#   as evidence of them; an expired one is evidence of nothing. A certification
#   recorded without its end date cannot be checked and is reported as well.
# related_resources:
#   - description: Art. 28(1),(5) and 32(3) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: certification.expired
#   severity: warn
#   legal: Art. 28(1), 32(3) GDPR
#   fires: >-
#     a certification of the organization or of a provider whose valid_until is
#     before today, or that records no valid_until
#   quiet: a certification valid until today or later
#   example: |
#     [[provider]]
#     id = "hetzner"
#     name = "Hetzner Online GmbH"
#     country = "DE"
#     certifications = [{ standard = "ISO 27001", valid_until = 2026-03-01, evidence = "https://www.hetzner.com/unternehmen/zertifizierung" }]
#   fix: |
#     [[provider]]
#     id = "hetzner"
#     name = "Hetzner Online GmbH"
#     country = "DE"
#     certifications = [{ standard = "ISO 27001", valid_until = 2029-03-01, evidence = "https://www.hetzner.com/unternehmen/zertifizierung" }]
#   i18n:
#     de:
#       title: Zertifizierung abgelaufen oder ohne Enddatum
#       description: >-
#         Ein Zertifikat oder Testat wie ISO 27001, BSI C5 oder PCI DSS belegt Maßnahmen nur,
#         solange es gültig ist. Art. 28 Abs. 1 DSGVO verlangt Auftragsverarbeiter, die
#         hinreichende Garantien bieten, und nach Art. 28 Abs. 5 und Art. 32 Abs. 3 DSGVO
#         kann eine Zertifizierung als Nachweis dafür dienen; eine abgelaufene belegt nichts.
#         Eine Zertifizierung ohne erfasstes Enddatum lässt sich nicht prüfen und wird
#         ebenfalls gemeldet.
#       legal: Art. 28 Abs. 1, Art. 32 Abs. 3 DSGVO
#       fires: >-
#         eine Zertifizierung der Organisation oder eines Dienstleisters, deren valid_until
#         vor dem heutigen Tag liegt oder die kein valid_until erfasst
#       quiet: eine Zertifizierung, die bis heute oder länger gültig ist
#       resources: ["Art. 28 Abs. 1 und 5, Art. 32 Abs. 3 DSGVO"]
warn contains finding if {
	day := today
	some c in _certifications
	until := c.cert.valid_until
	until < day
	finding := {
		"rule": "certification.expired",
		"subject": c.subject,
		"field": sprintf("certifications[%d].valid_until", [c.i]),
		"message": {
			"en": sprintf("The %s certification of %s expired on %s", [c.cert.standard, c.of.en, until]),
			"de": sprintf("Die Zertifizierung %s %s ist am %s abgelaufen", [c.cert.standard, c.of.de, lib.de_date(until)]),
		},
		"help": {
			"en": "Record the renewed certificate with its new end date (valid_until = …, evidence = \"…\"), or remove the entry if it was not renewed and check what replaces it",
			"de": "Erfassen Sie das erneuerte Zertifikat mit seinem neuen Enddatum (valid_until = …, evidence = \"…\"), oder entfernen Sie den Eintrag, wenn es nicht erneuert wurde, und prüfen Sie, was an seine Stelle tritt",
		},
		"legal": _legal,
	}
}

warn contains finding if {
	some c in _certifications
	not c.cert.valid_until
	finding := {
		"rule": "certification.expired",
		"subject": c.subject,
		"field": sprintf("certifications[%d].valid_until", [c.i]),
		"message": {
			"en": sprintf("The %s certification of %s records no end date, so whether it is still valid cannot be checked", [c.cert.standard, c.of.en]),
			"de": sprintf("Für die Zertifizierung %s %s ist kein Enddatum erfasst; ob sie noch gültig ist, lässt sich daher nicht prüfen", [c.cert.standard, c.of.de]),
		},
		"help": {
			"en": "Record the last day of validity from the certificate: valid_until = …",
			"de": "Erfassen Sie den letzten Gültigkeitstag laut Zertifikat: valid_until = …",
		},
		"legal": _legal,
	}
}
