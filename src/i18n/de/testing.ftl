# tomcheck's own texts, German: data files for the policies (reference data, `test --data`).
# Every id has an English twin in ../en/testing.ftl.

data-not-json = { $file } ist kein gültiges JSON: { $error }
data-not-yaml = { $file } ist kein gültiges YAML: { $error }
data-here = hier
data-not-object = { $file }: Eine Datendatei auf oberster Ebene von `data` muss ein Objekt enthalten; dessen Schlüssel bestimmen, wohin die Werte gehören
data-conflict = { $file } setzt `{ $key }`, das schon eine frühere Datendatei gesetzt hat
data-conflict-help = Datendateien am selben Pfad werden Schlüssel für Schlüssel zusammengeführt, wie es OPAs Loader tut; zwei Werte für denselben Schlüssel, die nicht beide Objekte sind, lassen sich nicht zusammenführen
data-context = { $file } schreibt `data.context`; das gehört tomcheck (das heutige Datum, die bisherigen Befunde) und wird bei jeder Auswertung gesetzt
data-context-help = Legen Sie die Testdaten unter einem anderen Schlüssel ab; das Datum setzt ein Test mit `with data.context.today as "…"`
data-missing = --data { $path }: Datei oder Verzeichnis nicht gefunden
data-not-data = --data { $path }: keine Datendatei (.json, .yaml oder .yml)
