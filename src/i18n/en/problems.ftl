# tomcheck's own texts, English: input problems (exit code 2). Every id has a German twin
# in ../de/problems.ftl. Field names, kinds, ids, rule ids and enum values are data and
# stay as they are in both languages.

## Shared pieces
problem-did-you-mean = did you mean `{ $name }`?
problem-or = {" "}or{" "}
problem-or-when = , or when{" "}
problem-and = {" "}and{" "}

## TOM files: facts
problem-first-defined-here = first defined here
problem-defined-again-here = defined again here
problem-merge-conflict = { $path } contains git merge-conflict markers
problem-merge-conflict-label = conflict starts here
problem-merge-conflict-help = resolve the merge conflict (keep one side, delete the <<<<<<< ======= >>>>>>> lines) and check again
problem-unknown-kind = unknown kind `{ $name }`
problem-unknown-kind-label = not a kind of TOM format v1
problem-unknown-kind-help = the kinds are: { $kinds }
problem-organization-not-table = `organization` must be a table
problem-organization-not-table-help = write it as [organization] followed by its keys
problem-not-array-of-tables = `{ $kind }` must be an array of tables
problem-not-array-of-tables-help = write each entry as [[{ $kind }]]
problem-entry-not-table = each `{ $kind }` entry must be a table
problem-entry-not-table-help = write each entry as [[{ $kind }]] followed by its keys
problem-duplicate-organization = `organization` is defined twice
problem-duplicate-organization-help = keep one [organization] table in the TOM
problem-duplicate-id = duplicate { $kind } id `{ $id }`
problem-duplicate-id-help = ids must be unique within a kind: rename one of the { $kind }s
problem-unknown-key = unknown key `{ $path }` in { $subject }
problem-unknown-key-label = unknown key
problem-unknown-key-did-you-mean = did you mean `{ $name }`? A misspelt key would silently disable the rules that read it
problem-unknown-key-help = known keys here: { $keys }
problem-missing-key = { $subject } is missing the required key `{ $key }`
problem-missing-key-label = `{ $key }` missing here
problem-missing-key-help = add `{ $key } = …`: { $doc }
problem-missing-key-unless-help = add `{ $key } = …`: { $doc }. It may be left out only when { $conds }
problem-cond-has = `{ $key }` is written
problem-key-not-applicable = `{ $key }` applies only with { $cond }
problem-key-not-applicable-label = only with { $cond }
problem-key-not-applicable-help = write { $cond } as well, or remove `{ $key }`
problem-wrong-type = `{ $path }` must be { $expected }
problem-wrong-type-quoted-date = write the date without quotes: { $path } = { $date }
problem-wrong-type-help = { $path }: { $doc }
problem-expected-string = a string
problem-expected-bool = true or false
problem-expected-count = a whole number of at least 0
problem-expected-table-list = a list of tables, like [{"{"} standard = "ISO 27001" {"}"}]
problem-expected-table = a table
problem-expected-inline-table = a table, like {"{"} signed = 2026-01-15 {"}"}
problem-expected-id-list = a list of ids, like ["a", "b"]
problem-expected-places = a list of country codes, like ["IE", "US"]
problem-expected-strings = a list of strings, like ["mfa", "logging"]
problem-expected-date = a date like 2026-03-01
problem-this-is = this is { $what ->
    [string] a string
    [integer] an integer
    [float] a float
    [boolean] a boolean
    [datetime] a date/time
    [array] an array
   *[table] a table
}
problem-subject-without-id = a { $kind } without id
problem-invalid-date = `{ $path }` is not a valid calendar date
problem-invalid-date-label = no such day
problem-date-with-time = `{ $path }` must be a date without a time
problem-date-with-time-label = this has a time or offset
problem-date-with-time-help = write a local date like 2026-03-01
problem-id-not-string = `{ $path }` must list ids as strings
problem-invalid-id = invalid id `{ $id }`
problem-id-shape = ids are lowercase letters, digits and dashes
problem-invalid-id-help = ids must match [a-z0-9][a-z0-9-]*, e.g. "{ $slug }"
problem-invalid-reference = `{ $path }` refers to `{ $id }`, which is not a valid id
problem-invalid-reference-help = refer to entities by their id, e.g. "{ $slug }"
problem-country-not-two-letters = not a two-letter country code
problem-country-not-assigned = not an assigned ISO 3166-1 code
problem-country-not-capitals = not in capitals
problem-country-eu-help = the EU is not a country: name the member state where it is (e.g. "DE", "IE")
problem-write-in-capitals = write it in capitals: "{ $value }"
problem-country-did-you-mean = did you mean "{ $country }"? Countries are ISO 3166-1 alpha-2 codes
problem-country-help = use an ISO 3166-1 alpha-2 code, e.g. "DE", "US", "CH"
problem-invalid-country = `{ $path }` must be an ISO 3166-1 alpha-2 code, not "{ $country }"
problem-invalid-place = `{ $path }` lists "{ $place }", which is no country code or region
problem-invalid-place-label = not a two-letter country code, EU or EEA
problem-invalid-place-help = list ISO 3166-1 alpha-2 codes ("IE", "US") or the regions { $regions }
problem-invalid-value = `{ $path }` cannot be "{ $value }"
problem-invalid-value-label = not an allowed value
problem-invalid-value-did-you-mean = did you mean "{ $value }"? Allowed: { $allowed }
problem-invalid-value-help = allowed values: { $allowed }
problem-unknown-control = unknown control `{ $name }`
problem-unknown-control-label = not a control category
problem-unknown-control-help = controls: { $controls }
problem-invalid-subject = invalid subject `{ $subject }`
problem-invalid-subject-label = not kind:id
problem-invalid-subject-help = write the subject of the finding as kind:id ("provider:hetzner"), control:<name> or organization
problem-self-reference = { $subject } refers to itself
problem-self-reference-label = reference to itself
problem-self-reference-help = an entity cannot be its own subprocessor
problem-dangling-reference = { $subject } refers to unknown { $what } `{ $id }`
problem-dangling-reference-label = no { $what } has this id
problem-dangling-reference-none = there is no { $what } in the TOM; add a [[{ $kind }]] with this id
problem-dangling-reference-help = add a [[{ $kind }]] with id = "{ $id }", or fix the reference
problem-unknown-waiver-rule = waiver names unknown rule `{ $rule }`
problem-unknown-waiver-rule-label = no policy defines this rule
problem-unknown-rule-did-you-mean = did you mean `{ $name }`? (`tomcheck rules` lists every rule)
problem-unknown-rule-help = `tomcheck rules` lists every rule
problem-toml-syntax = invalid TOML in { $path }: { $message }

## tomcheck.toml
problem-config-wrong-value = `{ $key }` in { $file } must be { $expected }
problem-config-invalid-value = invalid value
problem-config-expected-string = a string
problem-config-expected-directories = a list of directories, like ["policies"]
problem-config-expected-bool = true or false
problem-config-expected-document = a table: [document] with settings of `tomcheck render`
problem-config-expected-lang = "de" or "en"
problem-config-expected-rules = a table: [rules] with "rule.id" = "warn" lines
problem-config-expected-tom-path = a relative path inside the repository
problem-config-expected-severity = "deny", "warn" or "info"
problem-config-expected-waiver-days = a whole number of days
problem-config-waiver-days = `max_waiver_days` in { $file } must be a whole number of days from 1 to { $max }
problem-config-waiver-days-help = for example: max_waiver_days = 180
problem-config-tom-help = for example: tom = "compliance/tom"
problem-config-policy-dir = `policies` in { $file } must list relative directories
problem-config-policy-dir-label = not a relative directory
problem-config-rule-setting = invalid setting for rule `{ $rule }`
problem-config-rule-setting-label = not a severity
problem-config-rule-setting-help = use "deny", "warn", "info" or "off"
problem-config-rule-twice = rule `{ $rule }` is set twice in { $file }
problem-config-set-again-here = set again here
problem-config-first-set-here = first set here
problem-config-rule-twice-help = keep one of the two lines
problem-config-unknown-key = unknown key `{ $name }` in { $file }
problem-config-known-keys = known keys: { $keys }
problem-config-unknown-rule = { $file } configures unknown rule `{ $rule }`

## Reading files and git
problem-bare-worktree = this is a bare repository: it has no working tree to check
problem-bare-index = a bare repository has no index
problem-bare-help = check a commit instead: tomcheck check --rev HEAD
problem-index-conflict = { $path } has an unresolved merge conflict
problem-index-conflict-help = resolve the conflict and `git add` the file
problem-too-many-files = { $dir }/ holds { $count } files; tomcheck reads at most { $max }
problem-too-many-files-help = keep the TOM in fewer, larger files
problem-too-deep = { $dir }/ is nested too deeply
problem-read-dir = cannot read { $path }: { $error }
problem-read-file = cannot read { $path }: { $error }
problem-dir-outside = { $dir }/ leads outside the checked directory (to { $target })
problem-dir-outside-help = keep the TOM and the policies inside the repository
problem-link-outside = { $path } is a symbolic link to { $target } outside the checked directory
problem-link-outside-help = copy the file into the repository instead of linking to it
problem-broken-link = { $path } is a broken symbolic link: { $error }
problem-not-utf8 = { $path } is not valid UTF-8
problem-not-utf8-label = invalid byte sequence here
problem-not-utf8-help = save the file as UTF-8 (TOML requires it)
problem-file-too-large = { $path } is { $size } MiB; tomcheck reads files of at most { $max } MiB
problem-file-too-large-help = a TOM file holds facts, not data: split it or remove what does not belong there
problem-unreadable = { $path } cannot be checked: { $why }
problem-unreadable-help = keep only plain files and directories with UTF-8 names under the TOM and policy directories
problem-why-name-not-utf8 = its name is not UTF-8
problem-why-submodule = it is a git submodule or a nested repository, whose files the check cannot see
problem-why-not-a-file = it is not a file
problem-why-not-regular-file = it is not a regular file
problem-why-link-to-dir = it is a symbolic link to a directory
problem-symlink-in-git = { $path } is a symbolic link; tomcheck does not follow links stored in git
problem-symlink-in-git-help = commit the file itself instead of a link to it
problem-git-no-repo = not inside a git repository
problem-git-no-repo-help = --staged and --rev need a git repository; without them tomcheck checks the files on disk
problem-git = { $what }: { $error }
problem-git-read-commit = cannot read a commit
problem-git-read-file = cannot read { $path } from git
problem-git-read-tree = cannot read the commit's tree
problem-git-read-index = cannot read the index
problem-no-commit-dated = '{ $spec }': no commit on the first-parent history of '{ $reference }' is dated { $date } or earlier
problem-no-commit-dated-help = pick a later date, or name the commit or tag itself
problem-shallow-help = this is a shallow clone, so older commits may be missing: fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)
problem-git-no-commits = cannot resolve '{ $spec }': the repository has no commits yet
problem-git-no-commits-help = commit the TOM first, or check the working tree without --rev
problem-unknown-rev = unknown revision '{ $spec }'
problem-git-says = git says: { $error }
problem-not-a-commit = '{ $spec }' does not name a commit
problem-reflog = '{ $spec }': `{ $what }` would be read from this clone's reflog
problem-reflog-help = a date on a ref is written YYYY-MM-DD (main@{"{"}2025-06-30{"}"}): the last commit dated that day or earlier, the same in every clone
problem-path-not-utf8 = the path { $path } is not UTF-8

## Policies and the policy engine
problem-duplicate-rule-id = rule id `{ $id }` is defined twice
problem-duplicate-rule-id-help = it is already defined in { $at }
problem-engine = { $error }
problem-engine-reference-data = cannot load reference data: { $error }
problem-engine-context = cannot set data.context: { $error }
problem-while-evaluating = while evaluating { $query }
problem-activity-analysing = analysing the policies
problem-activity-parsing = parsing { $path }
problem-activity-recursion = checking the policies for recursion
problem-activity-evaluating-all = evaluating the policies
problem-activity-evaluating = evaluating { $query }
problem-finding-not-a-set = is { $kind } instead of a set of findings
problem-malformed-finding = policy rule { $query } returned a malformed finding: { $why }
problem-malformed-finding-help = a finding is a string or an object {"{"}"rule", "subject", "field", "message", "help", "legal"{"}"} with string values ("message", "help" and "legal" may be objects with one string per language: {"{"}"en": "…", "de": "…"{"}"}); "rule" and "message" are required
problem-malformed-finding-label = `{ $set }` defined here
problem-json-kind = { $kind ->
    [null] null
    [boolean] a boolean
    [number] a number
    [string] a string
    [array] an array
   *[object] an object
}
problem-finding-key-not-string = `{ $key }` is { $kind } instead of a string
problem-finding-unknown-key = unknown key `{ $key }`
problem-finding-empty-tag = `{ $key }` has an empty language tag
problem-finding-empty-texts = `{ $key }` is an empty object: give a string or one text per language, e.g. {"{"}"en": "…", "de": "…"{"}"}
problem-finding-no-rule = it has no `rule`
problem-finding-no-message = finding `{ $rule }` has no `message`
problem-finding-is = a finding is { $kind }
problem-rego-timeout = policy evaluation exceeded the time limit
problem-rego-timeout-help = a policy loops or scans too much; index entities by id, or raise --timeout
problem-rego-syntax = { $message }
problem-rego-runtime = { $message }
problem-policy-nesting = policy nests brackets more than { $max } levels deep
problem-policy-nesting-label = level { $depth }
problem-policy-nesting-help = policies may nest arrays, sets, objects and parentheses { $max } levels deep: deeper expressions take the Rego parser exponential time; name the inner parts as rules or local variables
problem-policy-ast-too-deep = the expressions of { $path } are nested too deeply to be checked
problem-policy-ast-too-deep-help = split long chains of operators or references into local variables
problem-recursion-self = function { $name } calls itself
problem-recursion-cycle = functions call each other in a cycle: { $chain }
problem-recursion-label = { $caller } calls { $callee } here
problem-recursion-help = Rego functions must not be recursive (OPA rejects them too): recursion has no depth limit and would exhaust the stack; iterate with a comprehension, `walk` or `graph.reachable` instead
problem-memory-limit = tomcheck passed its memory limit of { $limit } MiB
problem-memory-limit-while = tomcheck passed its memory limit of { $limit } MiB while { $what }
problem-memory-limit-help = a policy builds values without bound (a string doubled again and again, huge ranges); set TOMCHECK_MEMORY_LIMIT (MiB) to allow more
problem-time-limit = { $what } did not stop at the time limit of { $limit } s
problem-time-limit-help = a policy does too much work in one step (a huge sort or string operation) or is too complex to parse; simplify it, or raise --timeout
problem-metadata-yaml = invalid METADATA annotation: { $error }
problem-metadata-yaml-label = this block is not valid YAML
problem-metadata-yaml-help = annotation lines are `# ` followed by YAML, as `opa check` expects
problem-metadata-severity = rule `{ $id }` has unknown severity `{ $severity }`
problem-metadata-severity-label = in this annotation
problem-metadata-severity-help = custom.severity is deny, warn or info
problem-no-coverage = no coverage report: { $error }

## Policy tests and mutants
problem-mutants-allow-syntax = a `# mutants:` comment must read `# mutants: allow <mutation> because <reason>`
problem-mutants-allow-unknown = `{ $name }` is not a mutation
problem-mutants-allow-unknown-help = mutations are drop-expression, flip-comparison, remove-not, add-not and drop-set-member
problem-mutants-allow-no-reason = the allow-list entry for { $operator } gives no reason
problem-mutants-allow-no-reason-help = say why no test can notice the mutant: `# mutants: allow { $operator } because …`
problem-mutants-allow-no-mutant = the allow-list entry matches no mutant: there is no { $operator } mutant on line { $line }
problem-mutants-allow-no-mutant-help = remove the comment, or move it onto the mutated line or directly above it
problem-mutants-allow-not-needed = the allow-list entry is not needed: the tests kill every { $operator } mutant on line { $line }
problem-mutants-allow-not-needed-help = remove the comment: a stale entry would hide a mutant that survives after a later change
problem-mutants-allow-label = this allow-list entry
problem-mutants-baseline = { $count } test(s) fail without any mutant, so no mutant can be judged: { $tests }
problem-mutants-baseline-help = run `tomcheck test` and fix the failing tests first
problem-mutants-unparsable = cannot read the mutation sites of { $file }: { $error }

## The pre-commit hook
problem-io = { $what }: { $error }
problem-write-file = cannot write { $path }
problem-create-file = cannot create { $path }
problem-hook-put-back = cannot put back { $path }
problem-hook-remove = cannot remove { $path }
problem-hook-restore = cannot restore { $path }
problem-hook-create-dir = cannot create the hooks directory { $path }
problem-hook-keep-existing = cannot keep the existing hook as { $path }
problem-hook-keep-copy = cannot keep a copy of { $hook } as { $copy }
problem-git-read-config = cannot read the git configuration
problem-git-compare-index = cannot compare the index with HEAD
problem-hook-no-repo-help = the pre-commit hook belongs to a git repository: run `git init` first, or pass -C DIR
problem-hook-bare = a bare repository has no commits to hook into
problem-hook-config-no-tom = { $config } names the TOM directory `{ $tom }/`, which does not exist; the pre-commit hook would fail every commit
problem-hook-no-tom = there is no TOM directory `{ $tom }/`; the pre-commit hook would fail every commit
problem-hook-no-tom-help = create the TOM first (`tomcheck init` scaffolds one), set `tom = "…"` in tomcheck.toml, or run `tomcheck hook install` in the directory that holds your tomcheck.toml (or pass -C DIR)
problem-hook-no-config = no TOM for the pre-commit hook: neither { $dir } nor a directory above it holds tomcheck.toml or a tom/ directory, and the index holds no tomcheck.toml
problem-hook-no-config-help = create the TOM first (`tomcheck init` scaffolds one), or run `tomcheck hook install` in the directory that holds your tomcheck.toml (or pass -C DIR)
problem-hook-several-configs = the repository holds several tomcheck.toml files ({ $files }); the pre-commit hook checks one TOM
problem-hook-several-configs-help = run `tomcheck -C DIR hook install` with DIR the directory of the one to check
problem-hook-copies-exhausted = cannot keep a copy of { $hook }: { $copies }.2 to .100 all exist
problem-hook-copies-exhausted-help = remove old copies of replaced hooks, then install again
problem-hook-chain-taken = cannot chain the pre-commit hook at { $hook }: { $chained } already holds a different hook
problem-hook-chain-taken-help = move one of the two hooks away, then install again
problem-hook-edited = the pre-commit hook at { $hook } was written by tomcheck but has been edited since, so it is yours now; it was left untouched
problem-hook-foreign = a pre-commit hook that tomcheck did not write already exists at { $hook }; it was left untouched
problem-hook-foreign-help = run `tomcheck hook install --chain` to keep it and run it before tomcheck, `tomcheck hook install --force` to replace it (a copy is kept as pre-commit.tomcheck-replaced), call `tomcheck hook run` from it yourself, or, with the pre-commit framework, add the `tomcheck` hook to .pre-commit-config.yaml
problem-hook-edited-uninstall-help = remove the lines that call tomcheck yourself, or run `tomcheck hook uninstall --force` to remove the whole hook
problem-hook-tom-not-staged = the pre-commit hook checks the TOM in { $tom }/, but the commit would not contain that directory: it is not in the index
problem-hook-tom-not-staged-help = stage the TOM (git add { $tom }), set `tom = "…"` in { $config } to where it is, remove the hook with `tomcheck hook uninstall`, or skip the check once with `git commit --no-verify`

## Commands, usage and output
problem-write-output = cannot write output
problem-job-summary = cannot append the job summary to { $path }
problem-memory-limit-env = TOMCHECK_MEMORY_LIMIT must be a number of MiB (0 for no limit), not `{ $value }`
problem-render-format-unknown = cannot tell the format from the file name { $path }
problem-render-format-unknown-help = name a file ending in .pdf, .docx, .html, .md, .txt, .json or .csv, or pass --format
problem-render-no-format = `render { $kind }` has no { $format } format
problem-render-no-format-help = documents come as pdf, docx, html, md or text; json and csv are for `render subprocessors`
problem-no-rule = no rule `{ $rule }`
problem-run-regex = --run: invalid regular expression: { $error }
problem-no-tests = no *_test.rego files found
problem-no-tests-help = policy tests live next to the policies, in files named like avv_test.rego
problem-jobs-zero = --jobs must be at least 1
problem-today-env = TOMCHECK_TODAY: { $error }
problem-today-env-not-unicode = TOMCHECK_TODAY is not a date like 2026-03-01
problem-timeout = --timeout must be a positive number of seconds, at most 86400
problem-not-a-date = `{ $value }` is not a date like 2026-03-01
problem-policy-dir = { $dir }: no such directory
problem-here = here
problem-no-tom = there is no TOM directory `{ $dir }/` in the { $place }
problem-no-tom-help = create { $dir }/ with the TOM as TOML files (`tomcheck init` scaffolds one), run tomcheck in the repository root (or use -C DIR), or set `tom = "…"` in { $file }
problem-empty-tom = `{ $dir }/` holds no .toml files
problem-empty-tom-help = describe at least the [organization] in a file such as tom/organization.toml
problem-place-directory = directory { $dir }
problem-place-index = index
problem-place-commit = commit { $rev }
problem-gate-base-config = the gate reads tomcheck.toml and the repository's policies from the base { $base }
problem-gate-base-config-help = fix them in the base branch, or pass --policies-from head to use the change's own
problem-as-of-commit-help = --as-of-commit takes its date from the commit named by --rev
problem-log-no-repo-help = `tomcheck log` reads the history of a git repository
problem-git-walk = cannot walk '{ $range }'

## Rendered documents
problem-doc-expected-lines = a list of lines
problem-doc-expected-days = a number of days from 1 to 365
problem-doc-expected-logo = a path to a PNG or JPEG file
problem-doc-expected-templates = a folder of page templates (*.j2)
problem-doc-expected-sections = a folder of Markdown files
problem-doc-expected-templates-missing = a folder of page templates; `{ $dir }` does not exist in the { $label }
problem-doc-expected-sections-missing = a folder of Markdown files; `{ $dir }` does not exist in the { $label }
problem-doc-logo-unreadable = a readable image file ({ $error })
problem-doc-logo-missing = a path to a PNG or JPEG file; `{ $path }` does not exist
problem-doc-logo-format = a PNG or JPEG file; `{ $path }` is neither
problem-template = template error: { $error }
problem-template-help = see docs/render.md for the values a page template gets
problem-render-data-format = --format { $format } is a data format: only `render subprocessors` has it
problem-notice-date = the notice needs a date: the new version is not a commit
problem-notice-date-help = pass --today YYYY-MM-DD, or name a commit as NEW
problem-pdf-font = the bundled PDF font cannot be read (a bug in this build of tomcheck)
problem-pdf-date = a PDF/A document needs a date, and the facts give this one none
problem-pdf-date-help = record `as_of` in [organization], render a commit with --rev, or pass --today YYYY-MM-DD
problem-pdf-config = PDF configuration: { $error }
problem-pdf-make = cannot make the PDF: { $error }

## Field descriptions in the help of schema problems (the English text is the
## description in src/schema.rs; ids are made from its first six words)
field-doc-identifier-unique-within-its-kind-lowercase = Identifier, unique within its kind: lowercase letters, digits and dashes
field-doc-human-readable-name = Human-readable name
field-doc-iso-3166-1-alpha-2-country = ISO 3166-1 alpha-2 country code (DE, US, CH, …)
field-doc-free-text-remarks = Free-text remarks
field-doc-the-standard-or-attestation-e-g = The standard or attestation, e.g. "ISO 27001", "BSI C5", "PCI DSS"
field-doc-last-day-the-certificate-or-attestation = Last day the certificate or attestation is valid
field-doc-what-the-certificate-covers = What the certificate covers
field-doc-where-the-certificate-is-kept-url = Where the certificate is kept (URL or path)
field-doc-certifications-and-attestations-held-as-evidence = Certifications and attestations held, as evidence of the measures (Art. 28(1), 32(3) GDPR)
field-doc-date-the-data-processing-agreement-was = Date the data processing agreement was signed
field-doc-form-of-the-agreement-a-data = Form of the agreement: a data processing agreement of its own (dpa, the default), standard contractual clauses with the processor module (scc), or the provider's online terms (terms)
field-doc-signed-the-default-or-draft-a = signed (the default) or draft: a draft is not yet an agreement
field-doc-date-the-online-terms-were-accepted = Date the online terms were accepted, instead of signed (form = "terms" only)
field-doc-days-to-object-to-a-new = Days to object to a new sub-processor under a general written authorisation (Art. 28(2) GDPR)
field-doc-date-the-agreement-ends-if-it = Date the agreement ends, if it is time-limited
field-doc-version-or-reference-of-the-agreement = Version or reference of the agreement
field-doc-where-the-signed-agreement-is-kept = Where the signed agreement is kept (path or URL)
field-doc-legal-name-of-the-organisation = Legal name of the organisation
field-doc-postal-address = Postal address
field-doc-stand-of-the-document = "Stand" of the document
field-doc-last-review-of-the-tom-art = Last review of the TOM (Art. 32(1)(d) GDPR)
field-doc-months-between-reviews-default-12 = Months between reviews (default 12)
field-doc-data-protection-officer-e-g-erika = Data protection officer, e.g. "Erika Mustermann <dsb@example.de>"
field-doc-legal-name = Legal name
field-doc-legal-seat-iso-3166-1-alpha = Legal seat: ISO 3166-1 alpha-2 country code (DE, US, CH, …)
field-doc-where-the-data-is-processed-or = Where the data is processed or stored: country codes, or the regions EU and EEA
field-doc-countries-from-which-the-provider-s = Countries from which the provider's staff can reach the data (support, maintenance)
field-doc-parent-company-e-g-amazon-com = Parent company, e.g. "Amazon.com, Inc. (US)"
field-doc-role-under-the-gdpr = Role under the GDPR
field-doc-what-the-provider-does-for-the = What the provider does for the organisation
field-doc-whether-it-processes-or-sees-personal = Whether it processes or sees personal data at all
field-doc-what-it-can-reach = What it can reach
field-doc-data-processing-agreement-avv-art-28 = Data processing agreement (AVV, Art. 28(3) GDPR)
field-doc-safeguard-for-a-transfer-to-a = Safeguard for a transfer to a third country
field-doc-providers-this-provider-engages = Providers this provider engages
field-doc-contact-e-mail-phone = Contact (e-mail, phone)
field-doc-kind-of-place = Kind of place
field-doc-operator-omitted-means-the-organisation-itself = Operator; omitted means the organisation itself
field-doc-physical-site-locations-with-equal-sites = Physical site; locations with equal sites are not spatially separated
field-doc-kind-of-system = Kind of system
field-doc-who-operates-or-hosts-it-omitted = Who operates or hosts it; omitted means the organisation itself
field-doc-where-it-is = Where it is
field-doc-whether-it-stores-or-processes-personal = Whether it stores or processes personal data
field-doc-operating-system-matched-against-end-of = Operating system, matched against end-of-support data ("Debian 13", "Windows 11 24H2")
field-doc-end-of-security-support-overriding-the = End of security support, overriding the bundled data (e.g. paid ESU)
field-doc-encryption-at-rest-full-disk-container = Encryption at rest (full disk, container, database)
field-doc-what-it-is-used-for = What it is used for
field-doc-systems-it-covers = Systems it covers
field-doc-where-the-copies-are-kept = Where the copies are kept
field-doc-how-often-it-runs = How often it runs
field-doc-how-long-copies-are-kept = How long copies are kept
field-doc-how-many-copies-are-kept-instead = How many copies are kept (instead of retention_days)
field-doc-whether-the-copies-are-encrypted = Whether the copies are encrypted
field-doc-whether-the-copies-travel-encrypted-to = Whether the copies travel encrypted to their location
field-doc-whether-the-copies-cannot-be-changed = Whether the copies cannot be changed or deleted before their retention ends (WORM, object lock)
field-doc-last-successful-restore-test = Last successful restore test
field-doc-tool-or-procedure = Tool or procedure
field-doc-control-category = Control category
field-doc-the-measure-as-written-in-the = The measure as written in the TOM document
field-doc-locations-or-systems-it-applies-to = Locations or systems it applies to
field-doc-what-the-measure-does-from-the = What the measure does, from the bundled vocabulary (mfa, encryption-in-transit, …)
field-doc-status-default-implemented = Status (default implemented)
field-doc-why-the-measure-does-not-apply = Why the measure does not apply (required with status = "not-applicable")
field-doc-date-the-measure-was-introduced = Date the measure was introduced
field-doc-rule-id-the-waiver-applies-to = Rule id the waiver applies to
field-doc-subject-of-the-finding-kind-id = Subject of the finding: kind:id, control:<name> or organization
field-doc-why-the-risk-is-accepted = Why the risk is accepted
field-doc-who-accepted-it = Who accepted it
field-doc-date-the-waiver-ends = Date the waiver ends
problem-metadata-resources = rule `{ $id }` translates { $texts } resource descriptions into `{ $lang }` but has { $resources } related_resources
problem-metadata-resources-label = in this annotation
problem-metadata-resources-help = custom.i18n.<lang>.resources lists one description per related_resources entry, in the same order
field-doc-the-controller-whose-measures-the-tom = The controller whose measures the TOM documents
field-doc-an-external-party-that-receives-or = An external party that receives or can reach personal data
field-doc-a-place-where-systems-or-backups = A place where systems or backups are kept
field-doc-a-server-pc-phone-saas-application = A server, PC, phone, SaaS application or network device
field-doc-a-backup-of-one-or-more = A backup of one or more systems
field-doc-one-technical-or-organisational-measure-art = One technical or organisational measure (Art. 32 GDPR)
field-doc-an-accepted-risk-suppresses-one-finding = An accepted risk: suppresses one finding for one subject until it expires
