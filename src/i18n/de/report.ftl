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
