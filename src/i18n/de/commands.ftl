# Die eigenen Texte von tomcheck, Deutsch: commands. Jede Kennung hat einen englischen Zwilling in ../en/commands.ftl.

## hook
hook-put-back = den Hook, den tomcheck vorgeschaltet hatte, wieder nach { $hook } gelegt (der tomcheck-Hook, der ihn aufrief, fehlte)
hook-removed-copy = { $copy } entfernt, eine Kopie des pre-commit-Hooks, die eine unterbrochene Installation hinterlassen hatte
hook-removed-temp = { $name } entfernt, eine temporäre Datei, die ein unterbrochener tomcheck-Lauf in { $dir } hinterlassen hatte
hook-up-to-date = der pre-commit-Hook von tomcheck in { $hook } ist installiert und aktuell
hook-chained-runs-first = der als { $chained } aufbewahrte Hook läuft zuerst
hook-replaced-kept = der ersetzte Hook wurde als { $copy } aufbewahrt
hook-existing-kept = der vorhandene Hook wurde als { $chained } aufbewahrt und läuft zuerst
hook-installed = pre-commit-Hook von tomcheck in { $hook } installiert; er prüft die TOM in { $tom }/
hook-updated = pre-commit-Hook von tomcheck in { $hook } aktualisiert; er prüft die TOM in { $tom }/
hook-new-only = nur Befunde, die ein Commit hinzufügt, blockieren ihn (--new-only); Befunde, die HEAD schon hat, nicht
hook-none-chained-back = es war kein pre-commit-Hook von tomcheck installiert; der vorgeschaltete Hook liegt wieder in { $hook }
hook-none = in { $dir } ist kein pre-commit-Hook von tomcheck installiert
hook-not-ours = der pre-commit-Hook in { $hook } wurde nicht von tomcheck installiert; er bleibt unverändert
hook-removed-its-copy = { $copy } entfernt, eine Kopie davon, die eine unterbrochene Installation hinterlassen hatte
hook-removed-chained-back = pre-commit-Hook von tomcheck entfernt; der vorgeschaltete Hook liegt wieder in { $hook }
hook-removed = pre-commit-Hook von tomcheck in { $hook } entfernt
hook-blocked-new = tomcheck: der Commit ist blockiert, weil er die oben mit [neu] markierten Befunde hinzufügt; Befunde, die HEAD schon hat, blockieren ihn nicht (der Hook wurde mit --new-only installiert). Alle Befunde zeigt `{ $see }`; diese Prüfung einmalig überspringen mit `git commit --no-verify`.
hook-blocked = tomcheck: der Commit ist durch die Befunde oben blockiert. Alle Befunde zeigt `{ $see }`; diese Prüfung einmalig überspringen mit `git commit --no-verify`.

## init
init-removed-temp = { $path } entfernt, eine temporäre Datei, die ein unterbrochener Lauf hinterlassen hatte
init-created = { $path } angelegt
init-skipped = { $path } übersprungen (existiert bereits; unverändert)
init-next = als Nächstes: beschreiben Sie Ihre Organisation in tom/, führen Sie `tomcheck check` aus und committen Sie.
    `tomcheck hook install` richtet einen git-pre-commit-Hook ein (oder nutzen Sie .pre-commit-config.yaml).

## test
test-pass = OK
test-fail = FEHLER
test-print = Ausgabe: { $line }
test-coverage = Abdeckung:
test-not-covered = (nicht abgedeckt: Zeilen { $lines })
test-total = gesamt
test-below-threshold = — unter dem Schwellenwert von { $threshold } %
test-threshold = (Schwellenwert { $threshold } %)
test-none-matched = kein Test passt
test-summary = { $passed } bestanden, { $failed } fehlgeschlagen
test-opa-warning = Warnung: { $place }: `{ $expression }` kann unter OPA andere Befunde ergeben
test-opa-undefined = `{ $reference }` kann undefiniert sein; OPA lässt dann den ganzen Regelrumpf scheitern, wo tomcheck die Verneinung als wahr zählt.
test-opa-fix = Geben Sie einen Standardwert an (object.get(…, "key", default)) oder prüfen Sie den fehlenden Schlüssel gesondert: docs/writing-policies.md, „Rules that mean the same under OPA“

## test --mutants
mutants-survivor = { $place }: überlebt: { $operator } `{ $before }` → `{ $after }` ({ $rule })
mutants-summary = { $total } Mutanten: { $killed } erkannt, { $survived } überlebt, { $invalid } ungültig, { $allowed } erlaubt
mutants-too-many = mehr Überlebende, als --max-survivors erlaubt: { $survived } > { $max }

## rules --reference
reference-checked = geprüft am { $date }

## schema, man
schema-title = tomcheck-TOM-Format { $version }
schema-description = Technische und organisatorische Maßnahmen (Art. 32 DSGVO) und Dienstleister als Fakten. Eine Datei eines TOM-Verzeichnisses; die Dateien werden zusammengeführt.
man-wrote = { $path } geschrieben
