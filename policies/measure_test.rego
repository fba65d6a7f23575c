package tom.measure_test

import data.tom.lib
import data.tom.measure

_today := "2026-11-22"

_warn(measures) := findings if {
	findings := measure.warn with input as {"measure": measures} with data.context.today as _today
}

# One implemented measure per control category; status omitted means implemented.
_complete := [m |
	some control, _ in lib.controls
	m := {"id": concat("-", ["m", control]), "control": control, "text": "…"}
]

_without(control) := [m | some m in _complete; m.control != control]

test_control_missing_fires_for_every_category_of_an_empty_tom if {
	findings := _warn([])
	count(findings) == 12
	{f.subject | some f in findings} == {concat(":", ["control", c]) | some c, _ in lib.controls}
	every f in findings {
		f.rule == "measure.control-missing"
		not "field" in object.keys(f)
		f.legal.en == "Art. 32(1) GDPR"
	}
}

test_control_missing_fires_for_one_category if {
	findings := _warn(_without("input"))
	count(findings) == 1
	some f in findings
	f.rule == "measure.control-missing"
	f.subject == "control:input"
	not "field" in object.keys(f)
	f.message.en == "The TOM has no measure for control category \"input\" (Eingabekontrolle)"
	contains(f.help.en, "control = \"input\"")
}

test_control_missing_fires_when_only_planned_or_retired if {
	planned := {"id": "input-logging", "control": "input", "text": "…", "status": "planned"}
	retired := {"id": "input-paper-log", "control": "input", "text": "…", "status": "retired"}
	findings := _warn(array.concat(_without("input"), [planned, retired]))
	count(findings) == 1
	some f in findings
	f.subject == "control:input"
	f.message.en == "Control category \"input\" (Eingabekontrolle) has measures, but none with status \"implemented\""
}

test_control_quiet_when_every_category_is_implemented if {
	explicit := {"id": "input-logging", "control": "input", "text": "…", "status": "implemented"}
	planned := {"id": "input-2", "control": "input", "text": "…", "status": "planned"}
	count(_warn(_complete)) == 0
	count(_warn(array.concat(_without("input"), [explicit, planned]))) == 0
}

test_control_quiet_when_every_measure_is_not_applicable_with_a_reason if {
	na := {"id": "no-pseudonymisation", "control": "pseudonymisation", "text": "Pseudonymisierung", "status": "not-applicable", "reason": "Keine Auswertungen personenbezogener Daten"}
	na2 := object.union(na, {"id": "no-pseudonymisation-2"})
	count(_warn(array.concat(_without("pseudonymisation"), [na, na2]))) == 0
}

test_control_missing_fires_when_not_applicable_sits_next_to_planned if {
	na := {"id": "na", "control": "input", "text": "…", "status": "not-applicable", "reason": "r"}
	planned := {"id": "planned", "control": "input", "text": "…", "status": "planned"}
	open := {"id": "open", "control": "input", "text": "…"}
	findings := _warn(array.concat(_without("input"), [na, planned]))
	count(findings) == 1
	some f in findings
	f.subject == "control:input"
	f.message.en == "Control category \"input\" (Eingabekontrolle) has measures, but none with status \"implemented\""

	# An implemented one answers the category whatever else it has.
	count(_warn(array.concat(_without("input"), [na, open]))) == 0
}

test_control_missing_fires_for_not_applicable_without_reason if {
	# The loader requires the reason; a policy input without it still counts as missing.
	na := {"id": "na", "control": "input", "text": "…", "status": "not-applicable"}
	findings := _warn(array.concat(_without("input"), [na]))
	{f.subject | some f in findings} == {"control:input"}
}
