# Regular review of the TOM (Art. 32(1)(d) GDPR).
package tom.review

import data.tom.lib
import data.tom.lib.organization
import data.tom.lib.today

_legal := {"en": "Art. 32(1)(d) GDPR", "de": "Art. 32 Abs. 1 lit. d DSGVO"}

_interval := object.get(organization, "review_interval_months", 12)

# METADATA
# title: TOM review overdue
# description: >-
#   Art. 32(1)(d) GDPR requires a process for regularly testing, assessing and
#   evaluating the effectiveness of the measures. The organization records the date
#   of the last review in reviewed and the interval in review_interval_months
#   (default 12); a TOM that was never reviewed or not within the interval is stale.
# related_resources:
#   - description: Art. 32(1)(d) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: review.overdue
#   severity: warn
#   legal: Art. 32(1)(d) GDPR
#   fires: >-
#     organization has no reviewed date, or reviewed plus review_interval_months
#     (default 12) is before today
#   quiet: a review within the interval
#   example: |
#     [organization]
#     name = "Muster Medien GmbH"
#     country = "DE"
#     reviewed = 2024-03-01
#   fix: |
#     [organization]
#     name = "Muster Medien GmbH"
#     country = "DE"
#     reviewed = 2026-03-01
#     review_interval_months = 12
#   i18n:
#     de:
#       title: Überprüfung der TOM überfällig
#       description: >-
#         Art. 32 Abs. 1 lit. d DSGVO verlangt ein Verfahren zur regelmäßigen Überprüfung,
#         Bewertung und Evaluierung der Wirksamkeit der Maßnahmen. Die Organisation erfasst
#         das Datum der letzten Überprüfung in reviewed und das Intervall in
#         review_interval_months (Standard 12); eine TOM, die nie oder nicht innerhalb des
#         Intervalls überprüft wurde, ist veraltet.
#       legal: Art. 32 Abs. 1 lit. d DSGVO
#       fires: >-
#         organization hat kein Datum reviewed, oder reviewed plus review_interval_months
#         (Standard 12) liegt vor dem heutigen Tag
#       quiet: eine Überprüfung innerhalb des Intervalls
#       resources: [Art. 32 Abs. 1 lit. d DSGVO]
warn contains finding if {
	not organization.reviewed
	finding := {
		"rule": "review.overdue",
		"subject": "organization",
		"field": "reviewed",
		"message": {
			"en": "The TOM has no recorded review date",
			"de": "Für die TOM ist kein Datum der letzten Überprüfung erfasst",
		},
		"help": {
			"en": sprintf("Review the measures, then record the date: reviewed = %s under [organization]", [today]),
			"de": sprintf("Überprüfen Sie die Maßnahmen und erfassen Sie dann das Datum: reviewed = %s unter [organization]", [today]),
		},
		"legal": _legal,
	}
}

warn contains finding if {
	reviewed := organization.reviewed
	due := lib.add_months(reviewed, _interval)
	due < today
	finding := {
		"rule": "review.overdue",
		"subject": "organization",
		"field": "reviewed",
		"message": {
			"en": sprintf("The TOM was last reviewed on %s; with a review interval of %d months the next review was due by %s", [reviewed, _interval, due]),
			"de": sprintf("Die TOM wurde zuletzt am %s überprüft; bei einem Überprüfungsintervall von %d Monaten war die nächste Überprüfung bis zum %s fällig", [lib.de_date(reviewed), _interval, lib.de_date(due)]),
		},
		"help": {
			"en": sprintf("Review the measures, then record the date: reviewed = %s under [organization]", [today]),
			"de": sprintf("Überprüfen Sie die Maßnahmen und erfassen Sie dann das Datum: reviewed = %s unter [organization]", [today]),
		},
		"legal": _legal,
	}
}
