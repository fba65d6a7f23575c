# tomcheck's own texts, English. Every id has a German twin in ../de/report.ftl (a unit test
# checks both files hold the same ids). Rule ids, field names, enum values (deny, warn,
# info) and subjects are never translated.

## Human report
summary-none = no findings
summary-counts = { $deny } deny, { $warn } warn, { $info } info
summary-waived = ({ $count } waived)
summary-new = , { $count } new
summary-tail = { $entities } entities in { $files ->
    [one] { $files } file
   *[other] { $files } files
} · { $label } · as of { $date }
finding-new = [new]
finding-waived-by-change = [new, waived by this change]
finding-waived = [waived]
legal-basis = legal basis: { $legal }
stopped = tomcheck stopped: { $count ->
    [one] { $count } problem
   *[other] { $count } problems
} (exit code 2)

## Gate (check --base)
gate-warning = warning: { $text }
gate-note = note: { $text }
gate-compared = compared with base { $base }: { $count } resolved
gate-resolved = resolved: { $rule } { $subject }
gate-changes-base = this change touches the gate's configuration or policies: { $files }. The check applies them as of the base { $base }, so the change cannot weaken its own gate; review them before merging (--policies-from head applies them)
gate-changes-head = this change touches the gate's configuration or policies: { $files }. They are applied to this check (--policies-from head), so the change may weaken its own gate: review them before merging
change-added = added
change-removed = removed
change-modified = modified
