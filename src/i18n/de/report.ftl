# Die eigenen Texte von tomcheck, Deutsch. Jede Kennung hat einen englischen Zwilling in
# ../en/report.ftl. Regel-IDs, Feldnamen, Aufzählungswerte (deny, warn, info) und Subjekte werden
# nie übersetzt.

## Bericht für Menschen
summary-none = keine Befunde
summary-counts = { $deny } deny, { $warn } warn, { $info } info
summary-waived = ({ $count } per Ausnahme akzeptiert)
summary-new = , { $count } neu
summary-tail = { $entities } Einträge in { $files ->
    [one] { $files } Datei
   *[other] { $files } Dateien
} · { $label } · bewertet zum { $date }
finding-new = [neu]
finding-waived-by-change = [neu, durch diese Änderung ausgenommen]
finding-waived = [Ausnahme]
legal-basis = Rechtsgrundlage: { $legal }
stopped = tomcheck hat abgebrochen: { $count ->
    [one] { $count } Problem
   *[other] { $count } Probleme
} (Exit-Code 2)

## Gate (check --base)
gate-warning = Warnung: { $text }
gate-note = Hinweis: { $text }
gate-compared = verglichen mit der Basis { $base }: { $count } behoben
gate-resolved = behoben: { $rule } { $subject }
gate-changes-base = diese Änderung berührt die Konfiguration oder die Richtlinien des Gates: { $files }. Die Prüfung wendet sie im Stand der Basis { $base } an, damit die Änderung ihr eigenes Gate nicht abschwächen kann; vor dem Zusammenführen prüfen (--policies-from head wendet sie an)
gate-changes-head = diese Änderung berührt die Konfiguration oder die Richtlinien des Gates: { $files }. Sie gelten für diese Prüfung (--policies-from head), die Änderung kann ihr eigenes Gate also abschwächen: vor dem Zusammenführen prüfen
change-added = hinzugefügt
change-removed = entfernt
change-modified = geändert

## Diff (tomcheck diff): Überschriften und Beschriftungen in Markdown und HTML
diff-title = TOM – Versionsvergleich
diff-old = Alte Version
diff-new = Neue Version
diff-revision = Git-Revision
diff-commit-date = Commit-Datum
diff-as-of = Stand
diff-reviewed = Zuletzt überprüft
diff-findings = Befunde
diff-evaluated = Bewertet zum
diff-policies-old = beide Versionen nach den Richtlinien und der Konfiguration der alten Version bewertet
diff-policies-new = beide Versionen nach den Richtlinien und der Konfiguration der neuen Version bewertet
diff-compliance = Veränderung der Befunde
diff-new-findings = Neue Befunde
diff-resolved-findings = Behobene Befunde
diff-none = keine
diff-changes = Geänderte Angaben
diff-unchanged = Die Angaben sind unverändert.
diff-entry = Eintrag
diff-change = Änderung
diff-field = Feld
diff-before = Vorher
diff-after = Nachher
diff-not-set = nicht angegeben
diff-severity = Schwere
diff-rule = Regel
diff-subject = Gegenstand
diff-message = Meldung
diff-policy-changes = Geänderte Richtlinien und Konfiguration
diff-policy-changes-note = Auch diese Dateien wurden geändert; die Befunde oben zeigen nur die Wirkung der geänderten Angaben.
diff-file = Datei
diff-no-tom = keine TOM
diff-working-tree = Arbeitsverzeichnis
diff-index = Index (vorgemerkt)
diff-generated = Erstellt mit tomcheck
kind-organization = Angaben zur Organisation
kind-provider = Dienstleister
kind-location = Standorte
kind-system = Systeme
kind-backup = Datensicherungen
kind-measure = Maßnahmen
kind-waiver = Ausnahmen

## Diff im Terminal
diff-human-title = TOM-Vergleich:
diff-human-judged-old = beide bewertet zum { $date } nach den Richtlinien der alten Version
diff-human-judged-new = beide bewertet zum { $date } nach den Richtlinien der neuen Version
diff-human-compliance = Veränderung der Befunde
diff-human-no-delta = kein Befund ist hinzugekommen oder behoben
diff-human-policy-changes = auch Richtlinien und Konfiguration wurden geändert (nicht Teil der Veränderung oben)
diff-human-findings = Befunde: { $old } → { $new }
diff-human-as-of = Stand vom { $date }
diff-human-narrate-entity = { $subject }: { $change }.
diff-human-narrate-set = { $field } wird auf { $value } gesetzt.
diff-human-narrate-removed = { $field } wird entfernt; bisher { $value }.
diff-human-narrate-changed = { $field } ändert sich von { $before } auf { $after }.
diff-human-narrate-removed-words = Entfernte Wörter: { $words }.
diff-human-narrate-added-words = Hinzugefügte Wörter: { $words }.
diff-human-not-set = (nicht angegeben)
diff-human-narrate-new = Neuer Befund: { $severity } { $rule } zu { $subject }: { $message }
diff-human-narrate-resolved = Behobener Befund: { $severity } { $rule } zu { $subject }: { $message }
diff-human-new = neu
diff-human-resolved = behoben

## Verlauf (tomcheck log)
log-commit = Commit
log-date = Datum
log-author = Autor
log-subject = Betreff · Regeln hinzugekommen/entfallen
log-cannot-check = nicht prüfbar: { $error }
log-narrate-counts = Befunde: { $deny } deny, { $warn } warn
log-narrate-error = konnte nicht geprüft werden: { $error }
log-narrate-line = Commit { $commit } vom { $date } von { $author }, „{ $subject }“: { $counts }.
log-narrate-appeared = Hinzugekommen: { $rules }.
log-narrate-disappeared = Entfallen: { $rules }.
log-each-as-of = jeweils bewertet zum Datum des Commits
log-as-of = bewertet zum { $date }
log-today = heute
log-footer = { $listed } von { $walked } Commits in { $range } haben die TOM, Richtlinien oder Konfiguration geändert; { $trees ->
    [one] 1 unterschiedlicher Stand
   *[other] { $trees } unterschiedliche Stände
} geprüft, { $asof }

## Was geprüft wurde (Zusammenfassungen)
label-working-tree = Arbeitsverzeichnis
label-index = Index (vorgemerkt)
label-commit-of = { $commit } vom { $date }
label-staged-file = { $path } (vorgemerkt)
finding-no-field-in = kein `{ $field }` in diesem Eintrag ({ $kind })
finding-no-field = hier kein `{ $field }`

## check --format markdown (und die Zahlen von --format github)
md-counts-waived = ({ $count } per Ausnahme akzeptiert)
md-counts-gate = ; { $new } neu, { $existing } bestehend, { $resolved } behoben
md-counts-failing = ; { $count } lassen die Prüfung scheitern
md-waived-by-change = { $level }, durch diese Änderung ausgenommen
md-waived = Ausnahme
md-table-head = | Schwere | Regel | Gegenstand | Fundstelle | Befund |
md-verdict = { $count ->
    [0] ✅ kein Befund lässt die Prüfung scheitern
    [one] ❌ 1 Befund lässt die Prüfung scheitern
   *[other] ❌ { $count } Befunde lassen die Prüfung scheitern
}
md-line-tail = · TOM aus { $label }, bewertet zum { $date } · scheitert ab { $failon }
md-new-only = , nur neue Befunde
md-no-findings = Keine Befunde.
md-compared = Verglichen mit der Basis { $base }: **{ $new } neu**, { $existing } bestehend, { $resolved } behoben.
md-changes-to-review = Zu prüfende Änderungen
md-new-findings = Neue Befunde
md-existing-findings = Bestehende Befunde
md-already-in-base = Schon in der Basis vorhanden
md-resolved-findings = Behobene Befunde
md-resolved-head = | Regel | Gegenstand | Befund in der Basis |

## check --format github (Titel der Anmerkungen)
gh-new-waived = (neu, durch diese Änderung ausgenommen)
gh-waived = (Ausnahme)
gh-new = (neu)
gh-existing = (bestehend)
gh-policies-changed = tomcheck: Richtlinien oder Konfiguration geändert
gh-base-not-compared = tomcheck: Basis nicht verglichen
review-waiver-added = tomcheck: Ausnahme hinzugefügt
review-waiver-extended = tomcheck: Ausnahme verlängert
review-id-reassigned = tomcheck: ID einem anderen Eintrag zugewiesen

## check --format junit (Texte; Namen und Struktur bleiben)
junit-help = Hilfe: { $help }
junit-status-new = Status: neu
junit-status-existing = Status: bestehend
junit-waived-by-change = durch diese Änderung ausgenommen: { $message }
junit-waived = Ausnahme: { $message }
junit-review-suite = tomcheck: zu prüfende Änderungen
junit-review = prüfen: { $text }

## check --format sarif (die eigenen Texte von tomcheck um die Regeltexte)
sarif-policy-rule = Richtlinienregel { $id }.
sarif-srcroot = Die Wurzel des Repositorys (außerhalb von git das geprüfte Verzeichnis).
sarif-problem-short = Eingabeproblem tomcheck::{ $code }.
sarif-problem-full = Eingabeproblem tomcheck::{ $code }: die TOM, tomcheck.toml oder eine Richtlinie konnte nicht gelesen werden, daher wurde nichts geprüft.
sarif-problem-help = Die Eingabe an der angegebenen Stelle korrigieren und die Prüfung wiederholen; jedes Eingabeproblem ist in { $uri } erklärt.

## Gate: Änderungen, die ein Prüfer ansehen muss
review-accepts = { $count ->
    [0] sie akzeptiert derzeit keinen Befund
    [one] der Befund, den sie akzeptiert, zählt als neu, daher scheitert --new-only daran
   *[other] die { $count } Befunde, die sie akzeptiert, zählen als neu, daher scheitert --new-only daran
}
review-adds-waiver = diese Änderung fügt die Ausnahme { $id } für { $rule } zu { $subject } hinzu, gültig bis { $expires }
review-extends-waiver = diese Änderung verlängert die Ausnahme für { $rule } zu { $subject } vom { $before } auf den { $expires } (Ausnahme { $id })
review-waiver = { $what }: { $accepts }; das akzeptierte Risiko vor dem Zusammenführen prüfen
review-field-was = { $field } war { $before }, jetzt { $after }
review-id-given = diese Änderung vergibt die ID { $subject } an einen anderen Eintrag ({ $fields }): seine Befunde zählen als neu, nicht als die bestehenden Befunde des Eintrags, der die ID vorher hatte; sicherstellen, dass die ID nicht versehentlich wiederverwendet wurde
gate-base-no-tom = die Basis { $base } hat kein TOM-Verzeichnis `{ $tom }/`: jeder Befund zählt als neu
gate-base-unchecked = die TOM der Basis { $base } konnte nicht geprüft werden ({ $problem }): jeder Befund zählt als neu

## Vorgelesene Ausgabe (--narrate): die Sätze um jede Meldung
narrate-severity = Art der Meldung: { $severity }
narrate-error = Fehler
narrate-warning = Warnung
narrate-advice = Hinweis
narrate-snippet = Ausschnitt aus { $file } ab Zeile { $line }, Spalte { $column }
narrate-snippet-line = Zeile { $line }: { $text }
narrate-label-column = Markierung in Zeile { $line }, Spalte { $column }
narrate-label-columns = Markierung in Zeile { $line }, Spalten { $start } bis { $end }
narrate-label-starts = Markierung ab Zeile { $line }, Spalte { $column }
narrate-label-ends = Markierung bis Zeile { $line }, Spalte { $column }
narrate-help = Hilfe: { $text }
narrate-code = Kennung: { $code }
narrate-caused-by = Ursache: { $text }
narrate-see = Mehr dazu:
# Die Beschriftung vor der Hilfe einer Meldung im Terminal; so breit wie "help", damit die
# umbrochenen Zeilen darunter ausgerichtet bleiben.
diag-help = Tipp
