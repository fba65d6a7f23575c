# Art. 32 measures: every control category needs at least one implemented measure.
package tom.measure

import data.tom.lib.controls
import data.tom.lib.measures

_legal := {"en": "Art. 32(1) GDPR", "de": "Art. 32 Abs. 1 DSGVO"}

# Control categories with at least one implemented measure; status defaults
# to "implemented". Two plain tests rather than `not m.status != "implemented"`:
# OPA evaluates the operands of a negated comparison outside the negation, so
# for a measure without status that expression is undefined there, not true,
# and two plain references cost less than a builtin call (object.get) per measure.
_implemented := {m.control | some m in measures; not m.status} | {m.control |
	some m in measures
	m.status == "implemented"
}

# Control categories that have measures of any status. Both rules below test
# _implemented first, so in a TOM with every category implemented this pass
# over the measures (and the one of _unanswered) never runs. (They bind _implemented to a variable before
# their loop: regorus looks a rule up again at every reference.)
_listed := {m.control | some m in measures}

# Control categories with a measure that is not "not-applicable" with a reason: a
# category all of whose measures are not applicable, each saying why, is answered
# (the "n/a" of a TOM checklist), not missing. Three plain tests rather than a
# negated comparison, for the reason given at _implemented.
_unanswered := {m.control | some m in measures; not m.status} | {m.control |
	some m in measures
	m.status != "not-applicable"
} | {m.control |
	some m in measures
	not m.reason
}

# METADATA
# title: Control category without implemented measure
# description: >-
#   A TOM describes the measures of every control category of Art. 32(1) GDPR
#   (physical access, system access, data access, separation, pseudonymisation,
#   encryption, transfer, input, availability, recoverability, order, review). A
#   category without any implemented measure is a gap an auditor will ask about;
#   planned and retired measures do not count.
# related_resources:
#   - description: Art. 32(1) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: measure.control-missing
#   severity: warn
#   legal: Art. 32(1) GDPR
#   fires: >-
#     a control category (subject control:<name>) with no measure whose status is
#     "implemented" (the default when status is omitted)
#   quiet: >-
#     a category with at least one implemented measure, whatever else it has; a
#     category whose measures all have status = "not-applicable" with a reason
#   example: |
#     [[measure]]
#     id = "input-logging"
#     control = "input"
#     text = "Änderungen an Kundendaten werden mit Benutzer und Zeitpunkt protokolliert."
#     status = "planned"
#   fix: |
#     [[measure]]
#     id = "input-logging"
#     control = "input"
#     text = "Änderungen an Kundendaten werden mit Benutzer und Zeitpunkt protokolliert."
#     status = "implemented"
#   i18n:
#     de:
#       title: Kontrollkategorie ohne umgesetzte Maßnahme
#       description: >-
#         Eine TOM beschreibt die Maßnahmen jeder Kontrollkategorie von Art. 32 Abs. 1 DSGVO
#         (Zutrittskontrolle, Zugangskontrolle, Zugriffskontrolle, Trennungskontrolle,
#         Pseudonymisierung, Verschlüsselung, Weitergabekontrolle, Eingabekontrolle,
#         Verfügbarkeitskontrolle, rasche Wiederherstellbarkeit, Auftragskontrolle,
#         Verfahren zur regelmäßigen Überprüfung). Eine Kategorie ohne umgesetzte Maßnahme
#         ist eine Lücke, nach der die Prüferin oder der Prüfer fragen wird; geplante und
#         außer Betrieb genommene Maßnahmen zählen nicht.
#       legal: Art. 32 Abs. 1 DSGVO
#       fires: >-
#         eine Kontrollkategorie (Subjekt control:<name>) ohne Maßnahme mit status
#         "implemented" (der Standard, wenn status fehlt)
#       quiet: >-
#         eine Kategorie mit mindestens einer umgesetzten Maßnahme, was immer sie sonst hat;
#         eine Kategorie, deren Maßnahmen alle status = "not-applicable" mit Begründung
#         (reason) haben
#       resources: [Art. 32 Abs. 1 DSGVO]
warn contains finding if {
	implemented := _implemented
	some control, label in controls
	not implemented[control] # mutants: allow drop-expression because the next line implies it (_implemented is a subset of _listed); tested first, as _listed is rarely needed
	not _listed[control]
	finding := {
		"rule": "measure.control-missing",
		"subject": sprintf("control:%s", [control]),
		"message": {
			"en": sprintf("The TOM has no measure for control category \"%s\" (%s)", [control, label]),
			"de": sprintf("Die TOM hat keine Maßnahme für die Kontrollkategorie %s (%s)", [label, control]),
		},
		"help": {
			"en": sprintf("Describe the measures in place: [[measure]] with id = \"…\", control = \"%s\" and text = \"…\"", [control]),
			"de": sprintf("Beschreiben Sie die umgesetzten Maßnahmen: [[measure]] mit id = \"…\", control = \"%s\" und text = \"…\"", [control]),
		},
		"legal": _legal,
	}
}

warn contains finding if {
	implemented := _implemented
	some control, label in controls
	not implemented[control]
	_unanswered[control] # so it has measures
	finding := {
		"rule": "measure.control-missing",
		"subject": sprintf("control:%s", [control]),
		"message": {
			"en": sprintf("Control category \"%s\" (%s) has measures, but none with status \"implemented\"", [control, label]),
			"de": sprintf("Die Kontrollkategorie %s (%s) hat Maßnahmen, aber keine mit status = \"implemented\"", [label, control]),
		},
		"help": {
			"en": "Implement a planned measure and set its status = \"implemented\" (or omit status), or describe a measure that is in place",
			"de": "Setzen Sie eine geplante Maßnahme um und setzen Sie ihren status = \"implemented\" (oder lassen Sie status weg), oder beschreiben Sie eine Maßnahme, die umgesetzt ist",
		},
		"legal": _legal,
	}
}
