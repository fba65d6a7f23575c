package tom.review_test

import data.tom.review

_today := "2026-11-22"

_warn(org) := findings if {
	findings := review.warn with input as {"organization": org} with data.context.today as _today
}

_org := {"name": "Muster Medien GmbH", "country": "DE"}

test_overdue_fires_without_reviewed if {
	findings := _warn(_org)
	count(findings) == 1
	some f in findings
	f.rule == "review.overdue"
	f.subject == "organization"
	f.field == "reviewed"
	f.legal.en == "Art. 32(1)(d) GDPR"
	f.message.en == "The TOM has no recorded review date"
	contains(f.help.en, "reviewed = 2026-11-22")
}

test_overdue_fires_without_organization if {
	findings := review.warn with input as {} with data.context.today as _today
	some f in findings
	f.subject == "organization"
}

test_overdue_fires_after_default_12_months if {
	findings := _warn(object.union(_org, {"reviewed": "2025-11-21"}))
	count(findings) == 1
	some f in findings
	f.rule == "review.overdue"
	f.subject == "organization"
	f.field == "reviewed"
	f.message.en == "The TOM was last reviewed on 2025-11-21; with a review interval of 12 months the next review was due by 2026-11-21"
}

test_overdue_quiet_within_12_months if {
	count(_warn(object.union(_org, {"reviewed": "2025-11-22"}))) == 0
	count(_warn(object.union(_org, {"reviewed": "2026-03-01"}))) == 0
}

test_overdue_uses_review_interval if {
	short := object.union(_org, {"reviewed": "2026-05-01", "review_interval_months": 6})
	long := object.union(_org, {"reviewed": "2025-01-15", "review_interval_months": 24})
	some f in _warn(short)
	contains(f.message.en, "interval of 6 months the next review was due by 2026-11-01")
	count(_warn(long)) == 0
}
