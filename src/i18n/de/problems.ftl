# Die eigenen Texte von tomcheck, Deutsch: Eingabeprobleme (Exit-Code 2). Jede id hat ein
# englisches Gegenstück in ../en/problems.ftl. Feldnamen, Arten, ids, Regel-ids und
# Aufzählungswerte sind Daten und bleiben in beiden Sprachen unverändert.

## Gemeinsame Teile
problem-did-you-mean = meinten Sie `{ $name }`?
problem-or = {" "}oder{" "}
problem-or-when = , oder wenn{" "}
problem-and = {" "}und{" "}

## TOM-Dateien: Fakten
problem-first-defined-here = zuerst hier definiert
problem-defined-again-here = hier erneut definiert
problem-merge-conflict = { $path } enthält Git-Konfliktmarkierungen
problem-merge-conflict-label = der Konflikt beginnt hier
problem-merge-conflict-help = lösen Sie den Merge-Konflikt auf (eine Seite behalten, die Zeilen <<<<<<< ======= >>>>>>> löschen) und prüfen Sie erneut
problem-unknown-kind = unbekannte Art `{ $name }`
problem-unknown-kind-label = keine Art des TOM-Formats v1
problem-unknown-kind-help = die Arten sind: { $kinds }
problem-organization-not-table = `organization` muss eine Tabelle sein
problem-organization-not-table-help = schreiben Sie [organization], gefolgt von den Schlüsseln
problem-not-array-of-tables = `{ $kind }` muss ein Array von Tabellen sein
problem-not-array-of-tables-help = schreiben Sie jeden Eintrag als [[{ $kind }]]
problem-entry-not-table = jeder Eintrag `{ $kind }` muss eine Tabelle sein
problem-entry-not-table-help = schreiben Sie jeden Eintrag als [[{ $kind }]], gefolgt von seinen Schlüsseln
problem-duplicate-organization = `organization` ist zweimal definiert
problem-duplicate-organization-help = behalten Sie eine einzige Tabelle [organization] in der TOM
problem-duplicate-id = doppelte id `{ $id }` bei { $kind }
problem-duplicate-id-help = ids müssen innerhalb einer Art eindeutig sein: benennen Sie einen der Einträge { $kind } um
problem-unknown-key = unbekannter Schlüssel `{ $path }` in { $subject }
problem-unknown-key-label = unbekannter Schlüssel
problem-unknown-key-did-you-mean = meinten Sie `{ $name }`? Ein falsch geschriebener Schlüssel würde die Regeln, die ihn lesen, stillschweigend abschalten
problem-unknown-key-help = bekannte Schlüssel an dieser Stelle: { $keys }
problem-missing-key = bei { $subject } fehlt der Pflichtschlüssel `{ $key }`
problem-missing-key-label = `{ $key }` fehlt hier
problem-missing-key-help = ergänzen Sie `{ $key } = …`: { $doc }
problem-missing-key-unless-help = ergänzen Sie `{ $key } = …`: { $doc }. Er darf nur fehlen, wenn { $conds }
problem-cond-has = `{ $key }` angegeben ist
problem-key-not-applicable = `{ $key }` gilt nur mit { $cond }
problem-key-not-applicable-label = nur mit { $cond }
problem-key-not-applicable-help = schreiben Sie auch { $cond } oder entfernen Sie `{ $key }`
problem-wrong-type = `{ $path }` muss { $expected } sein
problem-wrong-type-quoted-date = schreiben Sie das Datum ohne Anführungszeichen: { $path } = { $date }
problem-wrong-type-help = `{ $path }`: { $doc }
problem-expected-string = eine Zeichenkette
problem-expected-bool = true oder false
problem-expected-count = eine ganze Zahl ab 0
problem-expected-table-list = eine Liste von Tabellen, etwa [{"{"} standard = "ISO 27001" {"}"}]
problem-expected-table = eine Tabelle
problem-expected-inline-table = eine Tabelle, etwa {"{"} signed = 2026-01-15 {"}"}
problem-expected-id-list = eine Liste von ids, etwa ["a", "b"]
problem-expected-places = eine Liste von Ländercodes, etwa ["IE", "US"]
problem-expected-strings = eine Liste von Zeichenketten, etwa ["mfa", "logging"]
problem-expected-date = ein Datum wie 2026-03-01
problem-this-is = das ist { $what ->
    [string] eine Zeichenkette
    [integer] eine ganze Zahl
    [float] eine Gleitkommazahl
    [boolean] ein Wahrheitswert
    [datetime] ein Datum mit Uhrzeit
    [array] ein Array
   *[table] eine Tabelle
}
problem-subject-without-id = Eintrag { $kind } ohne id
problem-invalid-date = `{ $path }` ist kein gültiges Kalenderdatum
problem-invalid-date-label = diesen Tag gibt es nicht
problem-date-with-time = `{ $path }` muss ein Datum ohne Uhrzeit sein
problem-date-with-time-label = dies hat eine Uhrzeit oder einen Zeitversatz
problem-date-with-time-help = schreiben Sie ein lokales Datum wie 2026-03-01
problem-id-not-string = `{ $path }` muss ids als Zeichenketten aufführen
problem-invalid-id = ungültige id `{ $id }`
problem-id-shape = ids bestehen aus Kleinbuchstaben, Ziffern und Bindestrichen
problem-invalid-id-help = ids müssen [a-z0-9][a-z0-9-]* entsprechen, z. B. "{ $slug }"
problem-invalid-reference = `{ $path }` verweist auf `{ $id }`, das keine gültige id ist
problem-invalid-reference-help = verweisen Sie auf Einträge über ihre id, z. B. "{ $slug }"
problem-country-not-two-letters = kein zweibuchstabiger Ländercode
problem-country-not-assigned = kein vergebener ISO-3166-1-Code
problem-country-not-capitals = nicht in Großbuchstaben
problem-country-eu-help = die EU ist kein Land: nennen Sie den Mitgliedstaat, in dem es liegt (z. B. "DE", "IE")
problem-write-in-capitals = schreiben Sie es in Großbuchstaben: "{ $value }"
problem-country-did-you-mean = meinten Sie "{ $country }"? Länder sind Codes nach ISO 3166-1 alpha-2
problem-country-help = verwenden Sie einen Code nach ISO 3166-1 alpha-2, z. B. "DE", "US", "CH"
problem-invalid-country = `{ $path }` muss ein Code nach ISO 3166-1 alpha-2 sein, nicht "{ $country }"
problem-invalid-place = `{ $path }` nennt "{ $place }", das weder Ländercode noch Region ist
problem-invalid-place-label = kein zweibuchstabiger Ländercode, weder EU noch EEA
problem-invalid-place-help = führen Sie Codes nach ISO 3166-1 alpha-2 ("IE", "US") oder die Regionen { $regions } auf
problem-invalid-value = `{ $path }` kann nicht "{ $value }" sein
problem-invalid-value-label = kein zulässiger Wert
problem-invalid-value-did-you-mean = meinten Sie "{ $value }"? Zulässig: { $allowed }
problem-invalid-value-help = zulässige Werte: { $allowed }
problem-unknown-control = unbekannte Kontrolle `{ $name }`
problem-unknown-control-label = keine Kontrollkategorie
problem-unknown-control-help = Kontrollen: { $controls }
problem-invalid-subject = ungültiger Gegenstand `{ $subject }`
problem-invalid-subject-label = nicht kind:id
problem-invalid-subject-help = schreiben Sie den Gegenstand des Befunds als kind:id ("provider:hetzner"), control:<name> oder organization
problem-self-reference = { $subject } verweist auf sich selbst
problem-self-reference-label = Verweis auf sich selbst
problem-self-reference-help = ein Eintrag kann nicht sein eigener Unterauftragsverarbeiter sein
problem-dangling-reference = { $subject } verweist auf die unbekannte id `{ $id }` (erwartet: { $what })
problem-dangling-reference-label = kein Eintrag { $what } hat diese id
problem-dangling-reference-none = die TOM enthält keinen Eintrag { $what }; ergänzen Sie ein [[{ $kind }]] mit dieser id
problem-dangling-reference-help = ergänzen Sie ein [[{ $kind }]] mit id = "{ $id }" oder korrigieren Sie den Verweis
problem-unknown-waiver-rule = Ausnahme nennt unbekannte Regel `{ $rule }`
problem-unknown-waiver-rule-label = keine Richtlinie definiert diese Regel
problem-unknown-rule-did-you-mean = meinten Sie `{ $name }`? (`tomcheck rules` listet alle Regeln auf)
problem-unknown-rule-help = `tomcheck rules` listet alle Regeln auf
problem-toml-syntax = { $path } ist kein gültiges TOML: { $message }

## tomcheck.toml
problem-config-wrong-value = `{ $key }` in { $file } muss { $expected } sein
problem-config-invalid-value = ungültiger Wert
problem-config-expected-string = eine Zeichenkette
problem-config-expected-directories = eine Liste von Verzeichnissen, etwa ["policies"]
problem-config-expected-bool = true oder false
problem-config-expected-document = eine Tabelle: [document] mit den Einstellungen von `tomcheck render`
problem-config-expected-lang = "de" oder "en"
problem-config-expected-rules = eine Tabelle: [rules] mit Zeilen wie "rule.id" = "warn"
problem-config-expected-tom-path = ein relativer Pfad innerhalb des Repositorys
problem-config-expected-severity = "deny", "warn" oder "info"
problem-config-expected-waiver-days = eine ganze Zahl von Tagen
problem-config-waiver-days = `max_waiver_days` in { $file } muss eine ganze Zahl von Tagen zwischen 1 und { $max } sein
problem-config-waiver-days-help = zum Beispiel: max_waiver_days = 180
problem-config-tom-help = zum Beispiel: tom = "compliance/tom"
problem-config-policy-dir = `policies` in { $file } muss relative Verzeichnisse aufführen
problem-config-policy-dir-label = kein relatives Verzeichnis
problem-config-rule-setting = ungültige Einstellung für die Regel `{ $rule }`
problem-config-rule-setting-label = kein Schweregrad
problem-config-rule-setting-help = verwenden Sie "deny", "warn", "info" oder "off"
problem-config-rule-twice = die Regel `{ $rule }` ist in { $file } zweimal gesetzt
problem-config-set-again-here = hier erneut gesetzt
problem-config-first-set-here = zuerst hier gesetzt
problem-config-rule-twice-help = behalten Sie eine der beiden Zeilen
problem-config-unknown-key = unbekannter Schlüssel `{ $name }` in { $file }
problem-config-known-keys = bekannte Schlüssel: { $keys }
problem-config-unknown-rule = { $file } konfiguriert die unbekannte Regel `{ $rule }`

## Dateien und git lesen
problem-bare-worktree = dies ist ein Bare-Repository: es hat kein Arbeitsverzeichnis, das sich prüfen ließe
problem-bare-index = ein Bare-Repository hat keinen Index
problem-bare-help = prüfen Sie stattdessen einen Commit: tomcheck check --rev HEAD
problem-index-conflict = { $path } hat einen ungelösten Merge-Konflikt
problem-index-conflict-help = lösen Sie den Konflikt auf und führen Sie `git add` für die Datei aus
problem-too-many-files = { $dir }/ enthält { $count } Dateien; tomcheck liest höchstens { $max }
problem-too-many-files-help = halten Sie die TOM in weniger, dafür größeren Dateien
problem-too-deep = { $dir }/ ist zu tief verschachtelt
problem-read-dir = { $path } kann nicht gelesen werden: { $error }
problem-read-file = { $path } kann nicht gelesen werden: { $error }
problem-dir-outside = { $dir }/ führt aus dem geprüften Verzeichnis hinaus (nach { $target })
problem-dir-outside-help = halten Sie die TOM und die Richtlinien innerhalb des Repositorys
problem-link-outside = { $path } ist ein symbolischer Link auf { $target } außerhalb des geprüften Verzeichnisses
problem-link-outside-help = kopieren Sie die Datei in das Repository, statt auf sie zu verlinken
problem-broken-link = { $path } ist ein defekter symbolischer Link: { $error }
problem-not-utf8 = { $path } ist kein gültiges UTF-8
problem-not-utf8-label = ungültige Bytefolge hier
problem-not-utf8-help = speichern Sie die Datei als UTF-8 (TOML verlangt das)
problem-file-too-large = { $path } ist { $size } MiB groß; tomcheck liest Dateien bis höchstens { $max } MiB
problem-file-too-large-help = eine TOM-Datei enthält Fakten, keine Daten: teilen Sie sie auf oder entfernen Sie, was nicht hineingehört
problem-unreadable = { $path } kann nicht geprüft werden: { $why }
problem-unreadable-help = legen Sie unter den TOM- und Richtlinienverzeichnissen nur gewöhnliche Dateien und Verzeichnisse mit UTF-8-Namen ab
problem-why-name-not-utf8 = sein Name ist kein UTF-8
problem-why-submodule = es ist ein Git-Submodul oder ein verschachteltes Repository, dessen Dateien die Prüfung nicht sieht
problem-why-not-a-file = es ist keine Datei
problem-why-not-regular-file = es ist keine gewöhnliche Datei
problem-why-link-to-dir = es ist ein symbolischer Link auf ein Verzeichnis
problem-symlink-in-git = { $path } ist ein symbolischer Link; tomcheck folgt keinen in git gespeicherten Links
problem-symlink-in-git-help = committen Sie die Datei selbst statt eines Links auf sie
problem-git-no-repo = nicht innerhalb eines Git-Repositorys
problem-git-no-repo-help = --staged und --rev brauchen ein Git-Repository; ohne sie prüft tomcheck die Dateien auf der Festplatte
problem-git = { $what }. git meldet: { $error }
problem-git-read-commit = ein Commit kann nicht gelesen werden
problem-git-read-file = { $path } kann nicht aus git gelesen werden
problem-git-read-tree = der Dateibaum des Commits kann nicht gelesen werden
problem-git-read-index = der Index kann nicht gelesen werden
problem-no-commit-dated = '{ $spec }': kein Commit in der First-Parent-Historie von '{ $reference }' ist auf den { $date } oder früher datiert
problem-no-commit-dated-help = wählen Sie ein späteres Datum oder nennen Sie den Commit oder Tag selbst
problem-shallow-help = dies ist ein flacher Klon (shallow clone), ältere Commits können fehlen: holen Sie die ganze Historie (`git fetch --unshallow` oder `fetch-depth: 0` in actions/checkout)
problem-git-no-commits = '{ $spec }' kann nicht aufgelöst werden: das Repository hat noch keine Commits
problem-git-no-commits-help = committen Sie zuerst die TOM oder prüfen Sie das Arbeitsverzeichnis ohne --rev
problem-unknown-rev = unbekannte Revision '{ $spec }'
problem-git-says = git meldet: { $error }
problem-not-a-commit = '{ $spec }' benennt keinen Commit
problem-reflog = '{ $spec }': `{ $what }` würde aus dem Reflog dieses Klons gelesen
problem-reflog-help = ein Datum an einer Referenz wird JJJJ-MM-TT geschrieben (main@{"{"}2025-06-30{"}"}): der letzte Commit, der auf diesen Tag oder früher datiert ist, in jedem Klon derselbe
problem-path-not-utf8 = der Pfad { $path } ist kein UTF-8

## Richtlinien und die Richtlinien-Engine
problem-duplicate-rule-id = die Regel-id `{ $id }` ist zweimal definiert
problem-duplicate-rule-id-help = sie ist bereits in { $at } definiert
problem-engine = Fehler der Richtlinien-Engine: { $error }
problem-engine-reference-data = Referenzdaten können nicht geladen werden: { $error }
problem-engine-context = data.context kann nicht gesetzt werden: { $error }
problem-while-evaluating = beim Auswerten von { $query }
problem-activity-analysing = Analysieren der Richtlinien
problem-activity-parsing = Einlesen von { $path }
problem-activity-recursion = Prüfen der Richtlinien auf Rekursion
problem-activity-evaluating-all = Auswerten der Richtlinien
problem-activity-evaluating = Auswerten von { $query }
problem-finding-not-a-set = ist { $kind } statt einer Menge von Befunden
problem-malformed-finding = die Richtlinienregel { $query } hat einen fehlerhaften Befund geliefert: { $why }
problem-malformed-finding-help = ein Befund ist eine Zeichenkette oder ein Objekt {"{"}"rule", "subject", "field", "message", "help", "legal"{"}"} mit Zeichenketten als Werten ("message", "help" und "legal" dürfen Objekte mit einem Text je Sprache sein: {"{"}"en": "…", "de": "…"{"}"}); "rule" und "message" sind Pflicht
problem-malformed-finding-label = `{ $set }` ist hier definiert
problem-json-kind = { $kind ->
    [null] null
    [boolean] ein Wahrheitswert
    [number] eine Zahl
    [string] eine Zeichenkette
    [array] ein Array
   *[object] ein Objekt
}
problem-finding-key-not-string = `{ $key }` ist { $kind } statt einer Zeichenkette
problem-finding-unknown-key = unbekannter Schlüssel `{ $key }`
problem-finding-empty-tag = `{ $key }` hat eine leere Sprachkennung
problem-finding-empty-texts = `{ $key }` ist ein leeres Objekt: eine Zeichenkette oder einen Text je Sprache angeben, z. B. {"{"}"en": "…", "de": "…"{"}"}
problem-finding-no-rule = er hat keine `rule`
problem-finding-no-message = der Befund `{ $rule }` hat keine `message`
problem-finding-is = ein Befund ist { $kind }
problem-rego-timeout = die Auswertung der Richtlinien hat das Zeitlimit überschritten
problem-rego-timeout-help = eine Richtlinie durchläuft zu viel in Schleifen; greifen Sie über die id auf Einträge zu oder erhöhen Sie --timeout
problem-rego-syntax = die Richtlinie lässt sich nicht übersetzen: { $message }
problem-rego-runtime = die Auswertung einer Richtlinie ist fehlgeschlagen: { $message }
problem-policy-nesting = die Richtlinie verschachtelt Klammern tiefer als { $max } Ebenen
problem-policy-nesting-label = Ebene { $depth }
problem-policy-nesting-help = Richtlinien dürfen Arrays, Mengen, Objekte und Klammern { $max } Ebenen tief verschachteln: tiefere Ausdrücke kosten den Rego-Parser exponentielle Zeit; benennen Sie die inneren Teile als Regeln oder lokale Variablen
problem-policy-ast-too-deep = die Ausdrücke von { $path } sind zu tief verschachtelt, um geprüft zu werden
problem-policy-ast-too-deep-help = zerlegen Sie lange Ketten von Operatoren oder Referenzen in lokale Variablen
problem-recursion-self = die Funktion { $name } ruft sich selbst auf
problem-recursion-cycle = Funktionen rufen einander im Kreis auf: { $chain }
problem-recursion-label = { $caller } ruft hier { $callee } auf
problem-recursion-help = Rego-Funktionen dürfen nicht rekursiv sein (auch OPA lehnt das ab): Rekursion hat keine Tiefengrenze und würde den Stack erschöpfen; iterieren Sie stattdessen mit einer Comprehension, `walk` oder `graph.reachable`
problem-memory-limit = tomcheck hat seine Speichergrenze von { $limit } MiB überschritten
problem-memory-limit-while = tomcheck hat seine Speichergrenze von { $limit } MiB überschritten, beim { $what }
problem-memory-limit-help = eine Richtlinie erzeugt Werte ohne Grenze (eine immer wieder verdoppelte Zeichenkette, riesige Bereiche); setzen Sie TOMCHECK_MEMORY_LIMIT (MiB), um mehr zu erlauben
problem-time-limit = { $what } hielt beim Zeitlimit von { $limit } s nicht an
problem-time-limit-help = eine Richtlinie leistet in einem Schritt zu viel (eine riesige Sortierung oder Zeichenkettenoperation) oder ist zu komplex zum Einlesen; vereinfachen Sie sie oder erhöhen Sie --timeout
problem-metadata-yaml = ungültige METADATA-Annotation: { $error }
problem-metadata-yaml-label = dieser Block ist kein gültiges YAML
problem-metadata-yaml-help = Annotationszeilen bestehen aus `# ` und folgendem YAML, wie `opa check` es erwartet
problem-metadata-severity = die Regel `{ $id }` hat den unbekannten Schweregrad `{ $severity }`
problem-metadata-severity-label = in dieser Annotation
problem-metadata-severity-help = custom.severity ist deny, warn oder info
problem-no-coverage = kein Abdeckungsbericht: { $error }

## Richtlinientests und Mutanten
problem-mutants-allow-syntax = ein Kommentar `# mutants:` muss `# mutants: allow <mutation> because <reason>` lauten
problem-mutants-allow-unknown = `{ $name }` ist keine Mutation
problem-mutants-allow-unknown-help = die Mutationen sind drop-expression, flip-comparison, remove-not, add-not und drop-set-member
problem-mutants-allow-no-reason = der Eintrag der Erlaubnisliste für { $operator } nennt keinen Grund
problem-mutants-allow-no-reason-help = begründen Sie, warum kein Test den Mutanten bemerken kann: `# mutants: allow { $operator } because …`
problem-mutants-allow-no-mutant = der Eintrag der Erlaubnisliste trifft keinen Mutanten: in Zeile { $line } gibt es keinen Mutanten { $operator }
problem-mutants-allow-no-mutant-help = entfernen Sie den Kommentar oder setzen Sie ihn auf die mutierte Zeile oder direkt darüber
problem-mutants-allow-not-needed = der Eintrag der Erlaubnisliste ist nicht nötig: die Tests töten jeden Mutanten { $operator } in Zeile { $line }
problem-mutants-allow-not-needed-help = entfernen Sie den Kommentar: ein veralteter Eintrag würde einen Mutanten verbergen, der nach einer späteren Änderung überlebt
problem-mutants-allow-label = dieser Eintrag der Erlaubnisliste
problem-mutants-baseline = { $count ->
    [one] { $count } Test schlägt
   *[other] { $count } Tests schlagen
} ohne jeden Mutanten fehl, daher lässt sich kein Mutant beurteilen: { $tests }
problem-mutants-baseline-help = führen Sie `tomcheck test` aus und beheben Sie zuerst die fehlschlagenden Tests
problem-mutants-unparsable = die Mutationsstellen von { $file } können nicht gelesen werden: { $error }

## Der Pre-commit-Hook
problem-io = { $what }. Das System meldet: { $error }
problem-write-file = { $path } kann nicht geschrieben werden
problem-create-file = { $path } kann nicht angelegt werden
problem-hook-put-back = { $path } kann nicht zurückgelegt werden
problem-hook-remove = { $path } kann nicht entfernt werden
problem-hook-restore = { $path } kann nicht wiederhergestellt werden
problem-hook-create-dir = das Hook-Verzeichnis { $path } kann nicht angelegt werden
problem-hook-keep-existing = der vorhandene Hook kann nicht als { $path } aufbewahrt werden
problem-hook-keep-copy = von { $hook } kann keine Kopie als { $copy } aufbewahrt werden
problem-git-read-config = die Git-Konfiguration kann nicht gelesen werden
problem-git-compare-index = der Index kann nicht mit HEAD verglichen werden
problem-hook-no-repo-help = der Pre-commit-Hook gehört zu einem Git-Repository: führen Sie zuerst `git init` aus oder geben Sie -C DIR an
problem-hook-bare = ein Bare-Repository hat keine Commits, in die sich ein Hook einhängen ließe
problem-hook-config-no-tom = { $config } nennt das TOM-Verzeichnis `{ $tom }/`, das es nicht gibt; der Pre-commit-Hook würde jeden Commit scheitern lassen
problem-hook-no-tom = es gibt kein TOM-Verzeichnis `{ $tom }/`; der Pre-commit-Hook würde jeden Commit scheitern lassen
problem-hook-no-tom-help = legen Sie zuerst die TOM an (`tomcheck init` erzeugt ein Gerüst), setzen Sie `tom = "…"` in tomcheck.toml oder führen Sie `tomcheck hook install` in dem Verzeichnis aus, das Ihre tomcheck.toml enthält (oder geben Sie -C DIR an)
problem-hook-no-config = keine TOM für den Pre-commit-Hook: weder { $dir } noch ein Verzeichnis darüber enthält tomcheck.toml oder ein Verzeichnis tom/, und der Index enthält keine tomcheck.toml
problem-hook-no-config-help = legen Sie zuerst die TOM an (`tomcheck init` erzeugt ein Gerüst) oder führen Sie `tomcheck hook install` in dem Verzeichnis aus, das Ihre tomcheck.toml enthält (oder geben Sie -C DIR an)
problem-hook-several-configs = das Repository enthält mehrere Dateien tomcheck.toml ({ $files }); der Pre-commit-Hook prüft eine TOM
problem-hook-several-configs-help = führen Sie `tomcheck -C DIR hook install` aus, mit DIR als Verzeichnis der zu prüfenden
problem-hook-copies-exhausted = von { $hook } kann keine Kopie aufbewahrt werden: { $copies }.2 bis .100 gibt es alle schon
problem-hook-copies-exhausted-help = entfernen Sie alte Kopien ersetzter Hooks und installieren Sie dann erneut
problem-hook-chain-taken = der Pre-commit-Hook unter { $hook } kann nicht verkettet werden: { $chained } enthält bereits einen anderen Hook
problem-hook-chain-taken-help = verschieben Sie einen der beiden Hooks und installieren Sie dann erneut
problem-hook-edited = der Pre-commit-Hook unter { $hook } wurde von tomcheck geschrieben, aber seitdem bearbeitet und gehört damit jetzt Ihnen; er blieb unangetastet
problem-hook-foreign = unter { $hook } gibt es bereits einen Pre-commit-Hook, den nicht tomcheck geschrieben hat; er blieb unangetastet
problem-hook-foreign-help = `tomcheck hook install --chain` behält ihn und führt ihn vor tomcheck aus, `tomcheck hook install --force` ersetzt ihn (eine Kopie bleibt als pre-commit.tomcheck-replaced erhalten); oder rufen Sie `tomcheck hook run` selbst aus ihm auf, oder fügen Sie mit dem pre-commit-Framework den Hook `tomcheck` in .pre-commit-config.yaml ein
problem-hook-edited-uninstall-help = entfernen Sie die Zeilen, die tomcheck aufrufen, selbst, oder entfernen Sie mit `tomcheck hook uninstall --force` den ganzen Hook
problem-hook-tom-not-staged = der Pre-commit-Hook prüft die TOM in { $tom }/, aber der Commit würde dieses Verzeichnis nicht enthalten: es ist nicht im Index
problem-hook-tom-not-staged-help = stagen Sie die TOM (git add { $tom }), setzen Sie `tom = "…"` in { $config } auf ihren Ort, entfernen Sie den Hook mit `tomcheck hook uninstall` oder überspringen Sie die Prüfung einmalig mit `git commit --no-verify`

## Befehle, Aufruf und Ausgabe
problem-write-output = die Ausgabe kann nicht geschrieben werden
problem-job-summary = die Job-Zusammenfassung kann nicht an { $path } angehängt werden
problem-memory-limit-env = TOMCHECK_MEMORY_LIMIT muss eine Zahl in MiB sein (0 für keine Grenze), nicht `{ $value }`
problem-render-format-unknown = am Dateinamen { $path } ist das Format nicht zu erkennen
problem-render-format-unknown-help = nennen Sie eine Datei mit der Endung .pdf, .docx, .html, .md, .txt, .json oder .csv, oder geben Sie --format an
problem-render-no-format = `render { $kind }` hat kein Format { $format }
problem-render-no-format-help = Dokumente gibt es als pdf, docx, html, md oder text; json und csv sind für `render subprocessors`
problem-no-rule = keine Regel `{ $rule }`
problem-run-regex = --run: ungültiger regulärer Ausdruck: { $error }
problem-no-tests = keine Dateien *_test.rego gefunden
problem-no-tests-help = Richtlinientests liegen neben den Richtlinien, in Dateien mit Namen wie avv_test.rego
problem-jobs-zero = --jobs muss mindestens 1 sein
problem-today-env = TOMCHECK_TODAY: ungültiges Datum: { $error }
problem-today-env-not-unicode = TOMCHECK_TODAY ist kein Datum wie 2026-03-01
problem-timeout = --timeout muss eine positive Zahl von Sekunden sein, höchstens 86400
problem-not-a-date = `{ $value }` ist kein Datum wie 2026-03-01
problem-policy-dir = { $dir }: kein solches Verzeichnis
problem-here = hier
problem-no-tom = es gibt kein TOM-Verzeichnis `{ $dir }/` im { $place }
problem-no-tom-help = legen Sie { $dir }/ mit der TOM als TOML-Dateien an (`tomcheck init` erzeugt ein Gerüst), führen Sie tomcheck im Wurzelverzeichnis des Repositorys aus (oder verwenden Sie -C DIR) oder setzen Sie `tom = "…"` in { $file }
problem-empty-tom = `{ $dir }/` enthält keine .toml-Dateien
problem-empty-tom-help = beschreiben Sie mindestens die [organization] in einer Datei wie tom/organization.toml
problem-place-directory = Verzeichnis { $dir }
problem-place-index = Index
problem-place-commit = Commit { $rev }
problem-gate-base-config = das Gate liest tomcheck.toml und die Richtlinien des Repositorys aus der Basis { $base }
problem-gate-base-config-help = beheben Sie sie im Basis-Branch oder verwenden Sie mit --policies-from head die der Änderung selbst
problem-as-of-commit-help = --as-of-commit nimmt sein Datum aus dem mit --rev genannten Commit
problem-log-no-repo-help = `tomcheck log` liest die Historie eines Git-Repositorys
problem-git-walk = '{ $range }' kann nicht durchlaufen werden

## Erzeugte Dokumente
problem-doc-expected-lines = eine Liste von Zeilen
problem-doc-expected-days = eine Anzahl von Tagen zwischen 1 und 365
problem-doc-expected-logo = ein Pfad zu einer PNG- oder JPEG-Datei
problem-doc-expected-templates = ein Ordner mit Seitenvorlagen (*.j2)
problem-doc-expected-sections = ein Ordner mit Markdown-Dateien
problem-doc-expected-templates-missing = ein Ordner mit Seitenvorlagen; `{ $dir }` gibt es nicht in { $label }
problem-doc-expected-sections-missing = ein Ordner mit Markdown-Dateien; `{ $dir }` gibt es nicht in { $label }
problem-doc-logo-unreadable = eine lesbare Bilddatei ({ $error })
problem-doc-logo-missing = ein Pfad zu einer PNG- oder JPEG-Datei; `{ $path }` gibt es nicht
problem-doc-logo-format = eine PNG- oder JPEG-Datei; `{ $path }` ist keines von beiden
problem-template = Fehler in der Vorlage: { $error }
problem-template-help = docs/render.md beschreibt die Werte, die eine Seitenvorlage erhält
problem-render-data-format = --format { $format } ist ein Datenformat: nur `render subprocessors` bietet es
problem-notice-date = die Mitteilung braucht ein Datum: die neue Fassung ist kein Commit
problem-notice-date-help = geben Sie --today JJJJ-MM-TT an oder nennen Sie einen Commit als NEW
problem-pdf-font = die mitgelieferte PDF-Schrift kann nicht gelesen werden (ein Fehler in diesem Build von tomcheck)
problem-pdf-date = ein PDF/A-Dokument braucht ein Datum, und die Fakten geben diesem keines
problem-pdf-date-help = tragen Sie `as_of` in [organization] ein, erzeugen Sie das Dokument aus einem Commit mit --rev oder geben Sie --today JJJJ-MM-TT an
problem-pdf-config = PDF-Konfiguration: { $error }
problem-pdf-make = das PDF kann nicht erzeugt werden: { $error }

## Beschreibungen der Felder in der Hilfe zu Schemaproblemen
field-doc-identifier-unique-within-its-kind-lowercase = Kennung, eindeutig innerhalb ihrer Art: Kleinbuchstaben, Ziffern und Bindestriche
field-doc-human-readable-name = Lesbarer Name
field-doc-iso-3166-1-alpha-2-country = Ländercode nach ISO 3166-1 alpha-2 (DE, US, CH, …)
field-doc-free-text-remarks = Freitext-Anmerkungen
field-doc-the-standard-or-attestation-e-g = Der Standard oder das Testat, z. B. "ISO 27001", "BSI C5", "PCI DSS"
field-doc-last-day-the-certificate-or-attestation = Letzter Tag, an dem das Zertifikat oder Testat gilt
field-doc-what-the-certificate-covers = Was das Zertifikat abdeckt
field-doc-where-the-certificate-is-kept-url = Wo das Zertifikat abgelegt ist (URL oder Pfad)
field-doc-certifications-and-attestations-held-as-evidence = Vorhandene Zertifizierungen und Testate als Nachweis der Maßnahmen (Art. 28 Abs. 1, Art. 32 Abs. 3 DSGVO)
field-doc-date-the-data-processing-agreement-was = Datum, an dem der Auftragsverarbeitungsvertrag unterzeichnet wurde
field-doc-form-of-the-agreement-a-data = Form der Vereinbarung: ein eigener Auftragsverarbeitungsvertrag (dpa, der Standard), Standardvertragsklauseln mit dem Modul für Auftragsverarbeiter (scc) oder die Online-Bedingungen des Anbieters (terms)
field-doc-signed-the-default-or-draft-a = signed (der Standard) oder draft: ein Entwurf ist noch keine Vereinbarung
field-doc-date-the-online-terms-were-accepted = Datum, an dem die Online-Bedingungen akzeptiert wurden, statt signed (nur mit form = "terms")
field-doc-days-to-object-to-a-new = Tage, um einem neuen Unterauftragsverarbeiter bei allgemeiner schriftlicher Genehmigung zu widersprechen (Art. 28 Abs. 2 DSGVO)
field-doc-date-the-agreement-ends-if-it = Datum, an dem die Vereinbarung endet, falls sie befristet ist
field-doc-version-or-reference-of-the-agreement = Version oder Aktenzeichen der Vereinbarung
field-doc-where-the-signed-agreement-is-kept = Wo die unterzeichnete Vereinbarung abgelegt ist (Pfad oder URL)
field-doc-legal-name-of-the-organisation = Rechtlicher Name der Organisation
field-doc-postal-address = Postanschrift
field-doc-stand-of-the-document = "Stand" des Dokuments
field-doc-last-review-of-the-tom-art = Letzte Überprüfung der TOM (Art. 32 Abs. 1 lit. d DSGVO)
field-doc-months-between-reviews-default-12 = Monate zwischen den Überprüfungen (Standard 12)
field-doc-data-protection-officer-e-g-erika = Datenschutzbeauftragte(r), z. B. "Erika Mustermann <dsb@example.de>"
field-doc-legal-name = Rechtlicher Name
field-doc-legal-seat-iso-3166-1-alpha = Sitz: Ländercode nach ISO 3166-1 alpha-2 (DE, US, CH, …)
field-doc-where-the-data-is-processed-or = Wo die Daten verarbeitet oder gespeichert werden: Ländercodes oder die Regionen EU und EEA
field-doc-countries-from-which-the-provider-s = Länder, aus denen das Personal des Anbieters auf die Daten zugreifen kann (Support, Wartung)
field-doc-parent-company-e-g-amazon-com = Muttergesellschaft, z. B. "Amazon.com, Inc. (US)"
field-doc-role-under-the-gdpr = Rolle nach der DSGVO
field-doc-what-the-provider-does-for-the = Was der Anbieter für die Organisation tut
field-doc-whether-it-processes-or-sees-personal = Ob er überhaupt personenbezogene Daten verarbeitet oder einsieht
field-doc-what-it-can-reach = Worauf er zugreifen kann
field-doc-data-processing-agreement-avv-art-28 = Auftragsverarbeitungsvertrag (AVV, Art. 28 Abs. 3 DSGVO)
field-doc-safeguard-for-a-transfer-to-a = Garantie für eine Übermittlung in ein Drittland
field-doc-providers-this-provider-engages = Anbieter, die dieser Anbieter einsetzt
field-doc-contact-e-mail-phone = Kontakt (E-Mail, Telefon)
field-doc-kind-of-place = Art des Orts
field-doc-operator-omitted-means-the-organisation-itself = Betreiber; ohne Angabe die Organisation selbst
field-doc-physical-site-locations-with-equal-sites = Physischer Standort; Orte mit gleichem Standort sind räumlich nicht getrennt
field-doc-kind-of-system = Art des Systems
field-doc-who-operates-or-hosts-it-omitted = Wer es betreibt oder hostet; ohne Angabe die Organisation selbst
field-doc-where-it-is = Wo es sich befindet
field-doc-whether-it-stores-or-processes-personal = Ob es personenbezogene Daten speichert oder verarbeitet
field-doc-operating-system-matched-against-end-of = Betriebssystem, abgeglichen mit Daten zum Supportende ("Debian 13", "Windows 11 24H2")
field-doc-end-of-security-support-overriding-the = Ende der Sicherheitsupdates, abweichend von den mitgelieferten Daten (z. B. bezahlte ESU)
field-doc-encryption-at-rest-full-disk-container = Verschlüsselung ruhender Daten (ganze Festplatte, Container, Datenbank)
field-doc-what-it-is-used-for = Wofür es verwendet wird
field-doc-systems-it-covers = Systeme, die sie abdeckt
field-doc-where-the-copies-are-kept = Wo die Kopien aufbewahrt werden
field-doc-how-often-it-runs = Wie oft sie läuft
field-doc-how-long-copies-are-kept = Wie lange Kopien aufbewahrt werden
field-doc-how-many-copies-are-kept-instead = Wie viele Kopien aufbewahrt werden (statt retention_days)
field-doc-whether-the-copies-are-encrypted = Ob die Kopien verschlüsselt sind
field-doc-whether-the-copies-travel-encrypted-to = Ob die Kopien verschlüsselt an ihren Ort übertragen werden
field-doc-whether-the-copies-cannot-be-changed = Ob die Kopien vor Ablauf ihrer Aufbewahrung weder geändert noch gelöscht werden können (WORM, Object Lock)
field-doc-last-successful-restore-test = Letzter erfolgreicher Wiederherstellungstest
field-doc-tool-or-procedure = Werkzeug oder Verfahren
field-doc-control-category = Kontrollkategorie
field-doc-the-measure-as-written-in-the = Die Maßnahme, wie sie im TOM-Dokument steht
field-doc-locations-or-systems-it-applies-to = Orte oder Systeme, für die sie gilt
field-doc-what-the-measure-does-from-the = Was die Maßnahme bewirkt, aus dem mitgelieferten Vokabular (mfa, encryption-in-transit, …)
field-doc-status-default-implemented = Status (Standard implemented)
field-doc-why-the-measure-does-not-apply = Warum die Maßnahme nicht zutrifft (Pflicht bei status = "not-applicable")
field-doc-date-the-measure-was-introduced = Datum, an dem die Maßnahme eingeführt wurde
field-doc-rule-id-the-waiver-applies-to = Regel-id, für die die Ausnahme gilt
field-doc-subject-of-the-finding-kind-id = Gegenstand des Befunds: kind:id, control:<name> oder organization
field-doc-why-the-risk-is-accepted = Warum das Risiko akzeptiert wird
field-doc-who-accepted-it = Wer es akzeptiert hat
field-doc-date-the-waiver-ends = Datum, an dem die Ausnahme endet
problem-metadata-resources = Regel `{ $id }` übersetzt { $texts } Beschreibungen von Quellen ins `{ $lang }`, hat aber { $resources } related_resources
problem-metadata-resources-label = in dieser Annotation
problem-metadata-resources-help = custom.i18n.<lang>.resources nennt je Eintrag von related_resources eine Beschreibung, in derselben Reihenfolge
field-doc-the-controller-whose-measures-the-tom = Der Verantwortliche, dessen Maßnahmen die TOM dokumentiert
field-doc-an-external-party-that-receives-or = Ein externer Dienstleister, der personenbezogene Daten erhält oder erreichen kann
field-doc-a-place-where-systems-or-backups = Ein Ort, an dem Systeme oder Datensicherungen stehen
field-doc-a-server-pc-phone-saas-application = Ein Server, PC, Telefon, eine SaaS-Anwendung oder ein Netzwerkgerät
field-doc-a-backup-of-one-or-more = Eine Datensicherung eines oder mehrerer Systeme
field-doc-one-technical-or-organisational-measure-art = Eine technische oder organisatorische Maßnahme (Art. 32 DSGVO)
field-doc-an-accepted-risk-suppresses-one-finding = Ein akzeptiertes Risiko (Ausnahme): unterdrückt einen Befund für ein Subjekt bis zu seinem Ablauf
