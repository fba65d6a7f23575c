# tomcheck's own texts, English: rules. Every id has a German twin in ../de/rules.ftl.

rules-head-rule = RULE
rules-head-severity = SEVERITY
rules-head-title = TITLE
rules-head-legal = LEGAL BASIS
rules-changed = * changed in tomcheck.toml
explain-severity = severity: { $severity }
explain-off = (switched off in tomcheck.toml)
explain-overridden = ({ $severity } in tomcheck.toml)
explain-bundled = bundled rule, { $place }
explain-repository = repository rule, { $place }
explain-legal = legal basis: { $legal }
explain-fires = Fires when: { $text }
explain-quiet = Does not fire for: { $text }
explain-example = Example that fires:
explain-fix = Fixed:
explain-waive = To accept the risk for one subject, add a time-boxed waiver:
explain-references = References:
sarif-legal = Legal basis
sarif-fires = Fires when
sarif-quiet = Quiet for
sarif-example = Example:
