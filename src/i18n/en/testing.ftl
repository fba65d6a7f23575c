# tomcheck's own texts, English: data files for the policies (reference data, `test --data`).
# Every id has a German twin in ../de/testing.ftl.

data-not-json = { $file } is not valid JSON: { $error }
data-not-yaml = { $file } is not valid YAML: { $error }
data-here = here
data-not-object = { $file }: a data file at the root of `data` must hold an object, whose keys say where its values go
data-conflict = { $file } sets `{ $key }`, which an earlier data file has set already
data-conflict-help = data files that land at the same path are merged key by key, as OPA's loader merges them; two values for one key that are not both objects cannot be merged
data-context = { $file } writes `data.context`, which is tomcheck's own (today's date, the findings so far), set for every evaluation
data-context-help = put the test data under another key; set the date in a test with `with data.context.today as "…"`
data-missing = --data { $path }: no such file or directory
data-not-data = --data { $path }: not a data file (.json, .yaml or .yml)
