# Regular review of the TOM (Art. 32(1)(d) GDPR).
package tom.review

import data.tom.lib
import data.tom.lib.organization
import data.tom.lib.today

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
warn contains finding if {
	not organization.reviewed
	finding := {
		"rule": "review.overdue",
		"subject": "organization",
		"field": "reviewed",
		"message": "The TOM has no recorded review date",
		"help": sprintf("Review the measures, then record the date: reviewed = %s under [organization]", [today]),
		"legal": "Art. 32(1)(d) GDPR",
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
		"message": sprintf("The TOM was last reviewed on %s; with a review interval of %d months the next review was due by %s", [reviewed, _interval, due]),
		"help": sprintf("Review the measures, then record the date: reviewed = %s under [organization]", [today]),
		"legal": "Art. 32(1)(d) GDPR",
	}
}
