# Die eigenen Texte von tomcheck, Deutsch: rules. Jede Kennung hat einen englischen Zwilling in ../en/rules.ftl.

rules-head-rule = REGEL
rules-head-severity = SCHWERE
rules-head-title = TITEL
rules-head-legal = RECHTSGRUNDLAGE
rules-changed = * in tomcheck.toml geändert
explain-severity = Schweregrad: { $severity }
explain-off = (in tomcheck.toml abgeschaltet)
explain-overridden = ({ $severity } laut tomcheck.toml)
explain-bundled = mitgelieferte Regel, { $place }
explain-repository = Regel des Repositorys, { $place }
explain-legal = Rechtsgrundlage: { $legal }
explain-fires = Schlägt an bei: { $text }
explain-quiet = Schlägt nicht an bei: { $text }
explain-example = Beispiel, bei dem die Regel anschlägt:
explain-fix = Behoben:
explain-waive = Um das Risiko für ein Subjekt zu akzeptieren, fügen Sie eine befristete Ausnahme hinzu:
explain-references = Quellen:
sarif-legal = Rechtsgrundlage
sarif-fires = Schlägt an bei
sarif-quiet = Schlägt nicht an bei
sarif-example = Beispiel:
