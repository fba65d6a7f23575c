//! The policy engine: bundled and repository Rego policies evaluated by regorus.
//!
//! [`Policies`] gathers policy files (bundled ones are compiled into the binary),
//! reference data and rule metadata; [`Policies::prepare`] parses them once into a
//! [`Prepared`] engine that is cloned for every evaluation, so `log` over many revisions
//! pays for parsing once. Evaluation is sandboxed: regorus is built without the
//! environment, network, clock and randomness builtins, `time.now_ns()` is an extension
//! answering `data.context.today`, `rand.intn` fails, and every evaluation runs under an
//! execution time limit.
//!
//! Every package under `tom.` may define `deny`, `warn` and `info` sets. They are
//! evaluated package by package; `tom.waiver` goes last and sees the findings so far in
//! `data.context.findings`, which is how `waiver.unused` knows what a waiver matches.

mod annotations;
mod bundled;
pub mod data;
pub mod limits;
pub mod metadata;
pub mod mutants;
pub mod policytest;
pub mod portability;

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::num::NonZeroU32;
use std::ops::Range;
use std::time::Duration;

use include_dir::{include_dir, Dir};
use serde_json::{json, Value};

use crate::config::Severity;
use crate::diag::{Code, Problem};
use crate::i18n::tr;
use crate::text::SourceText;
use limits::Doing;
use metadata::RuleMeta;

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/policies");

/// A file of the bundled policy directory (`reference/countries/data.json`) as the
/// binary carries it, for the parts of tomcheck that read the same reference data as
/// the policies.
pub fn bundled_file(path: &str) -> Option<&'static str> {
    BUNDLED.get_file(path).and_then(|f| f.contents_utf8())
}

/// The package evaluated after all others, with the findings so far.
pub const WAIVER_PACKAGE: &str = "tom.waiver";
/// The sets a package may define, by severity.
const SETS: [(&str, Severity); 3] = [
    ("deny", Severity::Deny),
    ("warn", Severity::Warn),
    ("info", Severity::Info),
];

/// A finding as a policy returned it, before spans, overrides and waivers.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    pub rule: String,
    pub severity: Severity,
    pub subject: Option<String>,
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub legal: Option<String>,
    /// The package that produced it (`tom.avv`).
    pub package: String,
}

/// Policy files, reference data and rule metadata, not yet compiled.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    pub files: Vec<SourceText>,
    /// Test files (`*_test.rego`), used only by `tomcheck test`.
    pub tests: Vec<SourceText>,
    /// Reference data, added as `data.reference`.
    pub reference: serde_json::Map<String, Value>,
    /// Further documents at the root of `data` (`tomcheck test --data`); a `reference`
    /// key among them is merged into the reference data.
    pub data: serde_json::Map<String, Value>,
    pub rules: Vec<RuleMeta>,
}

impl Policies {
    /// The policies and reference data that ship with tomcheck.
    pub fn bundled() -> Result<Self, Vec<Problem>> {
        let mut p = Self::default();
        let (rego, reference): (Vec<_>, Vec<_>) =
            bundled_files(|p| p.ends_with(".rego") || p.starts_with("reference/"))
                .into_iter()
                .partition(|f| f.path.ends_with(".rego"));
        let mut problems = Vec::new();
        p.reference = data::document("builtin/reference", &reference, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        p.add(rego, true)?;
        Ok(p)
    }

    /// Adds policy files (`*_test.rego` are kept apart for `tomcheck test`).
    pub fn add(&mut self, files: Vec<SourceText>, builtin: bool) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        for file in files {
            if file.path.ends_with("_test.rego") {
                self.tests.push(file);
                continue;
            }
            match metadata::read(&file, builtin) {
                Ok(rules) => {
                    for rule in rules {
                        if let Some(other) = self.rules.iter().find(|r| r.id == rule.id) {
                            let offset = file.offset_of(rule.line, 1);
                            problems.push(
                                Problem::at(
                                    Code::DuplicateRuleId,
                                    tr("problem-duplicate-rule-id", &[("id", (&rule.id).into())]),
                                    &file,
                                    offset..offset,
                                    tr("problem-defined-again-here", &[]),
                                )
                                .with_help(tr(
                                    "problem-duplicate-rule-id-help",
                                    &[("at", (&format!("{}:{}", other.file, other.line)).into())],
                                )),
                            );
                        } else {
                            self.rules.push(rule);
                        }
                    }
                }
                Err(p) => problems.extend(p),
            }
            self.files.push(file);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Metadata of a rule id.
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// All rule ids with metadata.
    pub fn rule_ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.id.as_str()).collect()
    }

    /// Parses the policies into an engine, ready to be cloned per evaluation, with the
    /// messages of the bundled policies in the run's language.
    pub fn prepare(&self, options: &EngineOptions) -> Result<Prepared, Vec<Problem>> {
        self.prepare_from(options, None)
    }

    /// Starts parsing the bundled policies, with the messages of the run's language, on
    /// a thread of their own, for [`Policies::prepare_from`]: the caller reads the
    /// configuration, the metadata and the reference data meanwhile. `None` where no
    /// thread can be started.
    pub fn parse_bundled(options: &EngineOptions) -> Option<BundledParse> {
        let texts = Texts::In(crate::i18n::current());
        let files = bundled_files(|p| p.ends_with(".rego") && !p.ends_with("_test.rego"));
        let paths = files.iter().map(|f| f.path.clone()).collect();
        let options = options.clone();
        std::thread::Builder::new()
            .name("tomcheck-parse".into())
            .stack_size(limits::stack_size())
            .spawn(move || {
                let mut engine = sandboxed_engine(&options)?;
                let mut packages = Vec::new();
                parse_into(&mut engine, &mut packages, &files, &options, texts)?;
                Ok((engine, packages))
            })
            .ok()
            .map(|thread| BundledParse {
                texts,
                paths,
                thread,
            })
    }

    /// [`Policies::prepare`], continuing from [`Policies::parse_bundled`] where that
    /// parsed the bundled policies these policies hold.
    pub fn prepare_from(
        &self,
        options: &EngineOptions,
        parse: Option<BundledParse>,
    ) -> Result<Prepared, Vec<Problem>> {
        let texts = Texts::In(crate::i18n::current());
        self.prepare_files(parse, &self.files, options, true, texts)
    }

    /// Like [`Policies::prepare`], with the bundled policies' messages in `texts`.
    pub fn prepare_texts(
        &self,
        options: &EngineOptions,
        texts: Texts,
    ) -> Result<Prepared, Vec<Problem>> {
        self.prepare_files(None, &self.files, options, true, texts)
    }

    /// Like [`Policies::prepare`], with the test files too (for `tomcheck test`).
    pub fn prepare_with_tests(&self, options: &EngineOptions) -> Result<Prepared, Vec<Problem>> {
        let all: Vec<SourceText> = self.files.iter().chain(&self.tests).cloned().collect();
        // Without the collecting module: coverage would list it. With every language:
        // the tests check the texts of each.
        self.prepare_files(None, &all, options, false, Texts::All)
    }

    /// An analysed engine of `files`, continuing from `parse` (see
    /// [`Policies::engine_of`]).
    fn prepare_files(
        &self,
        parse: Option<BundledParse>,
        files: &[SourceText],
        options: &EngineOptions,
        collect: bool,
        texts: Texts,
    ) -> Result<Prepared, Vec<Problem>> {
        let (mut engine, mut packages) = self.engine_of(parse, files, options, texts)?;
        packages.sort();
        let collector = collect
            && engine
                .add_policy(COLLECTOR_FILE.into(), collector_module(&packages))
                .is_ok();
        // Analyse the modules now, once: every evaluation clones this engine, and a clone
        // of an analysed engine starts evaluating at once. An error here (an unsafe
        // variable, say) is left for the evaluation to report, as it always was.
        {
            let _watch = limits::watch(Doing::Analysing, options.timeout);
            let _ = engine.eval_query("true".into(), false);
        }
        Ok(Prepared {
            engine,
            packages,
            files: files.to_vec(),
            collector,
            timeout: options.timeout,
            lang: match texts {
                Texts::In(lang) => lang,
                Texts::All => crate::i18n::current(),
            },
        })
    }

    /// A sandboxed engine holding `files` and the reference data, not yet analysed, and
    /// the packages of the files in their order. It continues from `parse`, the bundled
    /// policies parsed on another thread, when that holds exactly the bundled files among
    /// `files`, with the same texts (otherwise `parse` is left unused).
    fn engine_of(
        &self,
        parse: Option<BundledParse>,
        files: &[SourceText],
        options: &EngineOptions,
        texts: Texts,
    ) -> Parsed {
        // Converted before waiting for the other thread.
        let data = self.data_document();
        let bundled: Vec<&str> = files
            .iter()
            .filter(|f| f.is_bundled())
            .map(|f| f.path.as_str())
            .collect();
        let parsed = parse
            .filter(|p| p.texts == texts && p.paths == bundled)
            .map(BundledParse::join)
            .transpose()?;
        // Bundled policies are checked by a unit test instead, on every build.
        let theirs: Vec<SourceText> = files.iter().filter(|f| !f.is_bundled()).cloned().collect();
        let (mut engine, mut packages, rest) = match parsed {
            Some((engine, packages)) => (engine, packages, theirs.as_slice()),
            None => (sandboxed_engine(options)?, Vec::new(), files),
        };
        parse_into(&mut engine, &mut packages, rest, options, texts)?;
        let problems = {
            let _watch = limits::watch(Doing::CheckingRecursion, options.timeout);
            limits::check_recursion(&theirs)
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        // Conflicts with the reference data were reported when the data was added.
        data.and_then(|data| engine.add_data(data)).map_err(|e| {
            vec![Problem::new(
                Code::Engine,
                tr(
                    "problem-engine-reference-data",
                    &[("error", (&e.to_string()).into())],
                ),
            )]
        })?;
        Ok((engine, packages))
    }

    /// `data` for the engine: the further documents and the reference data, converted
    /// from where they are kept rather than from a copy.
    fn data_document(&self) -> anyhow::Result<regorus::Value> {
        use serde::Deserialize as _;
        let object = |entries: &mut dyn Iterator<Item = (&String, &Value)>| {
            let mut value = regorus::Value::new_object();
            let map = value.as_object_mut()?;
            for (key, v) in entries {
                map.insert(key.as_str().into(), regorus::Value::deserialize(v)?);
            }
            anyhow::Ok(value)
        };
        let reference = object(&mut self.reference.iter())?;
        let mut data = object(&mut self.data.iter().filter(|(k, _)| *k != "reference"))?;
        data.as_object_mut()?.insert("reference".into(), reference);
        Ok(data)
    }
}

/// The bundled policies being parsed on a thread of their own (see
/// [`Policies::parse_bundled`]).
pub struct BundledParse {
    texts: Texts,
    /// The files being parsed, in order.
    paths: Vec<String>,
    thread: std::thread::JoinHandle<Parsed>,
}

/// An engine holding parsed policies, not yet analysed, and their packages in order.
type Parsed = Result<(regorus::Engine, Vec<String>), Vec<Problem>>;

impl BundledParse {
    fn join(self) -> Parsed {
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// A regorus engine with tomcheck's sandbox: no `print` output, an execution timer,
/// `time.now_ns` answering the evaluation date, `rand.intn` failing, guarded builtins.
fn sandboxed_engine(options: &EngineOptions) -> Result<regorus::Engine, Vec<Problem>> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    // Without this, regorus writes a policy's `print` output straight to stderr,
    // unsanitised: a repository's policy could drive the terminal or a CI log.
    // Gathered, it is shown (cleaned) by `tomcheck test` and dropped by `check`.
    engine.set_gather_prints(true);
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
        limit: options.timeout,
        check_interval: NonZeroU32::new(64).expect("non-zero"),
    });
    engine
        .add_extension(
            "time.now_ns".into(),
            0,
            Box::new(|_| Ok(regorus::Value::from(TODAY_NS.with(Cell::get)))),
        )
        .map_err(|e| vec![engine_problem(&e.to_string())])?;
    engine
        .add_extension(
            "rand.intn".into(),
            2,
            Box::new(|_| {
                anyhow_error("rand.intn is not available: policy evaluation is deterministic")
            }),
        )
        .map_err(|e| vec![engine_problem(&e.to_string())])?;
    limits::guard_builtins(&mut engine).map_err(|e| vec![engine_problem(&e.to_string())])?;
    Ok(engine)
}

/// Parses `files` into `engine`, adding their packages to `packages` in order.
fn parse_into(
    engine: &mut regorus::Engine,
    packages: &mut Vec<String>,
    files: &[SourceText],
    options: &EngineOptions,
    texts: Texts,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    for file in files {
        // Bundled policies are checked by a unit test instead, on every build.
        if !file.is_bundled() {
            if let Err(p) = limits::check_policy_text(file) {
                problems.push(p);
                continue;
            }
        }
        let _watch = limits::watch(Doing::Parsing(file.path.clone()), options.timeout);
        match engine.add_policy(file.path.clone(), bundled::code(file, texts).to_string()) {
            Ok(pkg) => {
                let pkg = pkg.trim_start_matches("data.").to_string();
                if !packages.contains(&pkg) {
                    packages.push(pkg);
                }
            }
            Err(e) => problems.push(rego_problem(Code::RegoSyntax, &e.to_string(), files)),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn anyhow_error(msg: &str) -> anyhow::Result<regorus::Value> {
    Err(anyhow::anyhow!(msg.to_string()))
}

/// The bundled files whose path below `policies/` `wanted` accepts, sorted by path (only
/// those are copied out of the binary).
fn bundled_files(wanted: impl Fn(&str) -> bool) -> Vec<SourceText> {
    let mut files = Vec::new();
    collect_bundled(&BUNDLED, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_iter()
        .filter(|(path, _)| wanted(path))
        .map(|(path, text)| SourceText::bundled(&path, text))
        .collect()
}

fn collect_bundled(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            out.push((file.path().to_string_lossy().replace('\\', "/"), text));
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, out);
    }
}

/// The messages of the bundled policies an engine holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Those of one language, the one a run shows: the other's texts are neither parsed
    /// nor analysed. Findings are read in this language.
    In(crate::i18n::Lang),
    /// Every language, as written (policy tests check the texts of each). Findings are
    /// read in the run's language.
    All,
}

/// Evaluation settings.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Wall-clock limit of one evaluation.
    pub timeout: Duration,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
        }
    }
}

/// What a policy may know about the evaluation, as `data.context`.
#[derive(Debug, Clone)]
pub struct Context {
    /// `YYYY-MM-DD`.
    pub today: String,
    /// The commit checked, if any.
    pub revision: Option<String>,
    /// `waiver.too-long`: the date a waiver's length is counted from (the base commit's
    /// in the gate), as `data.context.waiver_from`; policies default to `today`.
    pub waiver_from: Option<String>,
    /// `waiver.too-long`: `max_waiver_days` of tomcheck.toml, as
    /// `data.context.max_waiver_days`; policies default to 365.
    pub max_waiver_days: Option<u32>,
}

thread_local! {
    // `time.now_ns()` answers this instead of reading the clock; set per evaluation on
    // the evaluating thread so parallel evaluations with different dates cannot mix.
    static TODAY_NS: Cell<i64> = const { Cell::new(0) };
}

/// Compiled policies; clone-per-evaluation.
#[derive(Clone)]
pub struct Prepared {
    engine: regorus::Engine,
    packages: Vec<String>,
    files: Vec<SourceText>,
    /// Whether the engine holds the [`collector_module`].
    collector: bool,
    /// The time limit of one query, which the watchdog enforces too.
    timeout: Duration,
    /// The language a finding's texts are taken in.
    lang: crate::i18n::Lang,
}

impl Prepared {
    /// The same engine, reading findings in `lang`.
    pub fn reading(self, lang: crate::i18n::Lang) -> Self {
        Self { lang, ..self }
    }

    /// Evaluates every package against `input`.
    pub fn evaluate(
        &self,
        input: &Value,
        context: &Context,
    ) -> Result<Vec<RawFinding>, Vec<Problem>> {
        let mut engine = self.engine.clone();
        set_today(&context.today);
        engine.set_input(to_rego(input));
        let mut ctx = json!({ "today": context.today });
        if let Some(rev) = &context.revision {
            ctx["revision"] = rev.clone().into();
        }
        if let Some(from) = &context.waiver_from {
            ctx["waiver_from"] = from.clone().into();
        }
        if let Some(days) = context.max_waiver_days {
            ctx["max_waiver_days"] = days.into();
        }
        let (packages, waiver) = finding_packages(&self.packages);
        let mut findings = Vec::new();
        let mut problems = Vec::new();
        let group = Group {
            packages: &packages,
            rule: "normal",
        };
        self.eval_sets(&mut engine, group, &ctx, &mut findings, &mut problems);
        if let Some(pkg) = waiver {
            let seen: Vec<Value> = findings
                .iter()
                .map(|f: &RawFinding| json!({ "rule": f.rule, "subject": f.subject }))
                .collect();
            ctx["findings"] = Value::Array(seen);
            let group = Group {
                packages: &[pkg],
                rule: "waiver",
            };
            self.eval_sets(&mut engine, group, &ctx, &mut findings, &mut problems);
        }
        if problems.is_empty() {
            Ok(findings)
        } else {
            Err(problems)
        }
    }

    /// Evaluates the `deny`, `warn` and `info` sets of the group's packages with
    /// `data.context` set to `ctx`, in one query: the group's rule of the
    /// [`collector_module`], or the same list written out when the engine has none.
    ///
    /// One query, because regorus forgets rule values between queries: the indexes the
    /// packages share (`lib.system_by_id`, `lib.os_support`, …) are built once per
    /// evaluation instead of once per set. The context comes in with `with data.context as {…}`: `add_data` would make
    /// regorus analyse every module again, twice per evaluation. Only a context too big
    /// for a query text (a huge list of findings) falls back to `add_data`.
    ///
    /// When the query fails, the sets are evaluated one by one to tell which rule failed
    /// (an error such as the time limit carries no position of its own).
    fn eval_sets(
        &self,
        engine: &mut regorus::Engine,
        group: Group<'_>,
        ctx: &Value,
        findings: &mut Vec<RawFinding>,
        problems: &mut Vec<Problem>,
    ) {
        let packages = group.packages;
        let with = match context_literal(ctx) {
            Some(literal) => format!(" with data.context as {literal}"),
            None => {
                if let Err(e) = engine.add_data(regorus::Value::from(json!({ "context": ctx }))) {
                    problems.push(Problem::new(
                        Code::Engine,
                        tr(
                            "problem-engine-context",
                            &[("error", (&e.to_string()).into())],
                        ),
                    ));
                    return;
                }
                String::new()
            }
        };
        let sets: Vec<(&str, &str, Severity)> = packages
            .iter()
            .flat_map(|pkg| SETS.iter().map(move |(set, sev)| (*pkg, *set, *sev)))
            .collect();
        let mut query = if self.collector {
            format!("data.{COLLECTOR_PACKAGE}.{}", group.rule)
        } else {
            set_list(packages)
        };
        query.push_str(&with);
        let watch = limits::watch(Doing::EvaluatingAll, self.timeout);
        let result = engine.eval_query(query, false);
        drop(watch);
        if let Ok(results) = result {
            let values = results
                .result
                .first()
                .and_then(|r| r.expressions.first())
                .and_then(|e| e.value.as_array().ok());
            for ((pkg, set, severity), value) in sets.iter().zip(values.into_iter().flatten()) {
                // The comprehension holds the set's value, or nothing when it is undefined.
                if let Some(value) = value.as_set().ok().and_then(|s| s.iter().next()) {
                    self.collect(pkg, set, *severity, value, findings, problems);
                }
            }
            return;
        }
        for pkg in packages {
            for (set, severity) in SETS {
                let watch =
                    limits::watch(Doing::Evaluating(format!("data.{pkg}.{set}")), self.timeout);
                let result = engine.eval_query(format!("data.{pkg}.{set}{with}"), false);
                drop(watch);
                match result {
                    Ok(results) => {
                        if let Some(e) = results.result.first().and_then(|r| r.expressions.first())
                        {
                            self.collect(pkg, set, severity, &e.value, findings, problems);
                        }
                    }
                    Err(e) => {
                        let mut p = rego_problem(Code::RegoRuntime, &e.to_string(), &self.files);
                        if p.source.is_none() {
                            // Errors such as the time limit carry no position: point at the
                            // rule that was being evaluated.
                            if let Some((file, at)) = self.rule_site(pkg, set) {
                                p.labels.push((
                                    at,
                                    tr(
                                        "problem-while-evaluating",
                                        &[("query", (&format!("data.{pkg}.{set}")).into())],
                                    ),
                                ));
                                p.source = Some(file.clone());
                            }
                        }
                        problems.push(p);
                        break;
                    }
                }
            }
        }
    }

    /// Turns the value of one set into findings.
    fn collect(
        &self,
        pkg: &str,
        set: &str,
        severity: Severity,
        value: &regorus::Value,
        findings: &mut Vec<RawFinding>,
        problems: &mut Vec<Problem>,
    ) {
        let value: Value = match serde_json::to_value(value) {
            Ok(v) => v,
            Err(e) => {
                problems.push(engine_problem(&format!("data.{pkg}.{set}: {e}")));
                return;
            }
        };
        let items = match value {
            Value::Array(items) => items,
            Value::Null => return,
            other => {
                problems.push(self.malformed(
                    pkg,
                    set,
                    &tr(
                        "problem-finding-not-a-set",
                        &[("kind", (&kind_of(&other)).into())],
                    ),
                ));
                return;
            }
        };
        for item in items {
            match finding_from(item, pkg, severity, self.lang) {
                Ok(f) => findings.push(f),
                Err(why) => problems.push(self.malformed(pkg, set, &why)),
            }
        }
    }

    /// A malformed-output problem pointing at the rule's definition.
    fn malformed(&self, pkg: &str, set: &str, why: &str) -> Problem {
        let message = tr(
            "problem-malformed-finding",
            &[
                ("query", (&format!("data.{pkg}.{set}")).into()),
                ("why", why.into()),
            ],
        );
        let help = tr("problem-malformed-finding-help", &[]);
        match self.rule_site(pkg, set) {
            Some((file, at)) => Problem::at(
                Code::MalformedFinding,
                message,
                file,
                at,
                tr("problem-malformed-finding-label", &[("set", set.into())]),
            )
            .with_help(help),
            None => Problem::new(Code::MalformedFinding, message).with_help(help),
        }
    }

    /// The file and span where `set` of package `pkg` is first defined.
    fn rule_site(&self, pkg: &str, set: &str) -> Option<(&SourceText, Range<usize>)> {
        let decl = format!("package {pkg}");
        self.files
            .iter()
            .filter(|f| f.text.lines().any(|l| l.trim() == decl))
            .find_map(|f| find_rule(&f.text, set).map(|at| (f, at)))
    }

    /// Evaluates a query (for `tomcheck test`); errors as problems.
    pub fn query(
        &self,
        engine: &mut regorus::Engine,
        query: &str,
    ) -> Result<Option<regorus::Value>, Problem> {
        let watch = limits::watch(Doing::Evaluating(query.to_string()), self.timeout);
        let result = engine.eval_query(query.to_string(), false);
        drop(watch);
        match result {
            Ok(r) => Ok(r
                .result
                .first()
                .and_then(|r| r.expressions.first())
                .map(|e| e.value.clone())),
            Err(e) => Err(rego_problem(Code::RegoRuntime, &e.to_string(), &self.files)),
        }
    }

    /// A fresh engine clone with `data.context` set, for tests and coverage.
    pub fn engine_for(&self, context: &Context) -> regorus::Engine {
        let mut engine = self.engine.clone();
        set_today(&context.today);
        let _ = engine.add_data(regorus::Value::from(
            json!({ "context": { "today": context.today } }),
        ));
        engine
    }

    /// The policy files this engine was prepared from.
    pub fn files(&self) -> &[SourceText] {
        &self.files
    }

    /// Problem for a regorus error, located in its file.
    pub fn problem(&self, code: Code, err: &str) -> Problem {
        rego_problem(code, err, &self.files)
    }
}

fn set_today(today: &str) {
    let ns = jiff::civil::Date::strptime("%Y-%m-%d", today)
        .ok()
        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_nanosecond() as i64)
        .unwrap_or(0);
    TODAY_NS.with(|c| c.set(ns));
}

/// The policy input as a regorus value, converted directly instead of through
/// `Value::from_json_str`, whose compact frozen objects make the bundled policies
/// evaluate twice as slowly. Object keys are shared: ten thousand systems have the same
/// dozen keys, and one string per key instead of one per entity saves allocations and
/// memory.
fn to_rego(input: &Value) -> regorus::Value {
    fn convert(v: &Value, keys: &mut HashMap<String, regorus::Value>) -> regorus::Value {
        match v {
            Value::Null => regorus::Value::Null,
            Value::Bool(b) => regorus::Value::from(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => regorus::Value::from(i),
                (_, Some(u), _) => regorus::Value::from(u),
                (_, _, Some(f)) => regorus::Value::from(f),
                _ => regorus::Value::Undefined,
            },
            Value::String(s) => regorus::Value::from(s.as_str()),
            Value::Array(items) => {
                regorus::Value::from(items.iter().map(|i| convert(i, keys)).collect::<Vec<_>>())
            }
            Value::Object(fields) => {
                let mut object = BTreeMap::new();
                for (k, v) in fields {
                    let key = match keys.get(k) {
                        Some(key) => key.clone(),
                        None => {
                            let key = regorus::Value::from(k.as_str());
                            keys.insert(k.clone(), key.clone());
                            key
                        }
                    };
                    object.insert(key, convert(v, keys));
                }
                regorus::Value::from(object)
            }
        }
    }
    convert(input, &mut HashMap::new())
}

/// The packages under `tom.` that may produce findings, and the waiver package.
fn finding_packages(packages: &[String]) -> (Vec<&str>, Option<&str>) {
    let mut normal = Vec::new();
    let mut waiver = None;
    for p in packages {
        if !p.starts_with("tom.") || p.ends_with("_test") {
            continue;
        }
        if p == WAIVER_PACKAGE {
            waiver = Some(p.as_str());
        } else {
            normal.push(p.as_str());
        }
    }
    (normal, waiver)
}

/// Packages whose finding sets one query evaluates, and the [`collector_module`] rule
/// that lists them.
#[derive(Clone, Copy)]
struct Group<'a> {
    packages: &'a [&'a str],
    rule: &'static str,
}

/// Path of the module [`collector_module`] writes.
const COLLECTOR_FILE: &str = "<tomcheck>/collect.rego";
const COLLECTOR_PACKAGE: &str = "__tomcheck_collect";

/// The sets of findings every evaluation asks for, as rules of one generated module:
/// `normal` lists `{x | x := data.<pkg>.<set>}` for each package and set, `waiver`
/// the same for the waiver package. Parsed and analysed once with the policies, so an
/// evaluation's query is a short rule reference instead of a long text that regorus
/// would parse and analyse every time (7 % of `log`). Each set sits in a
/// comprehension, so a package without `info` gives an empty set instead of making
/// the whole list undefined.
fn collector_module(packages: &[String]) -> String {
    let (normal, waiver) = finding_packages(packages);
    format!(
        "package {COLLECTOR_PACKAGE}\n\nnormal := {}\n\nwaiver := {}\n",
        set_list(&normal),
        set_list(&waiver.into_iter().collect::<Vec<_>>())
    )
}

/// The finding sets of `packages` as a Rego array of comprehensions, in the order of
/// `packages` and [`SETS`].
fn set_list(packages: &[&str]) -> String {
    let mut out = String::from("[\n");
    for pkg in packages {
        for (set, _) in SETS {
            out.push_str(&format!("\t{{x | x := data.{pkg}.{set}}},\n"));
        }
    }
    out.push(']');
    out
}

/// `data.context` as a Rego object literal for a `with` clause: JSON, one finding per
/// line. `None` when it would break regorus' limits on query texts (1,024 columns,
/// 20,000 lines, 1 MiB), which only a huge list of findings reaches.
fn context_literal(ctx: &Value) -> Option<String> {
    let mut out = String::from("{");
    let Value::Object(fields) = ctx else {
        return None;
    };
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&serde_json::to_string(key).ok()?);
        out.push_str(": ");
        match value {
            Value::Array(items) => {
                out.push_str("[\n");
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push_str(",\n");
                    }
                    out.push_str(&serde_json::to_string(item).ok()?);
                }
                out.push_str("\n]");
            }
            other => out.push_str(&serde_json::to_string(other).ok()?),
        }
    }
    out.push('}');
    let fits = out.len() < 900 * 1024
        && out.lines().count() < 15_000
        && out.lines().all(|l| l.len() < 1_000);
    fits.then_some(out)
}

fn kind_of(v: &Value) -> String {
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    tr("problem-json-kind", &[("kind", kind.into())])
}

/// A failure of the policy engine itself: regorus' text after tomcheck's lead.
fn engine_problem(error: &str) -> Problem {
    Problem::new(
        Code::Engine,
        tr("problem-engine", &[("error", error.into())]),
    )
}

/// The keys of a finding that may hold one text per language.
const LOCALIZED: [&str; 3] = ["message", "help", "legal"];

/// The text of a finding key given as `{"en": "…", "de": "…"}`: the run's language, else
/// English, else the value of the first language tag in sorted order, so that a policy
/// that knows neither still says something, the same thing every run. An empty object
/// or a value that is not a string is the policy's mistake, reported, never skipped.
fn localized(
    key: &str,
    texts: &serde_json::Map<String, Value>,
    lang: crate::i18n::Lang,
) -> Result<String, String> {
    for (tag, text) in texts {
        if tag.trim().is_empty() {
            return Err(tr("problem-finding-empty-tag", &[("key", key.into())]));
        }
        if !text.is_string() {
            let at = format!("{key}.{tag}");
            return Err(tr(
                "problem-finding-key-not-string",
                &[("key", (&at).into()), ("kind", (&kind_of(text)).into())],
            ));
        }
    }
    let pick = texts
        .get(lang.tag())
        .or_else(|| texts.get("en"))
        .or_else(|| texts.iter().min_by(|a, b| a.0.cmp(b.0)).map(|(_, v)| v));
    match pick {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(tr("problem-finding-empty-texts", &[("key", key.into())])),
    }
}

fn finding_from(
    item: Value,
    pkg: &str,
    severity: Severity,
    lang: crate::i18n::Lang,
) -> Result<RawFinding, String> {
    let short = pkg.strip_prefix("tom.").unwrap_or(pkg).to_string();
    match item {
        // conftest style: a plain message, reported without span.
        Value::String(message) => Ok(RawFinding {
            rule: short,
            severity,
            subject: None,
            field: None,
            message,
            help: None,
            legal: None,
            package: pkg.to_string(),
        }),
        Value::Object(obj) => {
            let text = |key: &str| -> Result<Option<String>, String> {
                match obj.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s.clone())),
                    Some(Value::Object(texts)) if LOCALIZED.contains(&key) => {
                        localized(key, texts, lang).map(Some)
                    }
                    Some(other) => Err(tr(
                        "problem-finding-key-not-string",
                        &[("key", key.into()), ("kind", (&kind_of(other)).into())],
                    )),
                }
            };
            for key in obj.keys() {
                if !["rule", "subject", "field", "message", "help", "legal"].contains(&key.as_str())
                {
                    return Err(tr("problem-finding-unknown-key", &[("key", key.into())]));
                }
            }
            let rule = text("rule")?.ok_or_else(|| tr("problem-finding-no-rule", &[]))?;
            let message = text("message")?
                .ok_or_else(|| tr("problem-finding-no-message", &[("rule", (&rule).into())]))?;
            Ok(RawFinding {
                rule,
                severity,
                subject: text("subject")?,
                field: text("field")?.filter(|f| !f.is_empty()),
                message,
                help: text("help")?,
                legal: text("legal")?,
                package: pkg.to_string(),
            })
        }
        other => Err(tr(
            "problem-finding-is",
            &[("kind", (&kind_of(&other)).into())],
        )),
    }
}

/// Where `set` is first defined in a policy text.
fn find_rule(text: &str, set: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(set) && t[set.len()..].starts_with([' ', '[', ':', '=']) {
            let start = offset + (line.len() - t.len());
            return Some(start..start + set.len());
        }
        offset += line.len();
    }
    None
}

/// Turns a regorus error (text with `--> file:line:col`) into a located problem.
pub fn rego_problem(code: Code, err: &str, files: &[SourceText]) -> Problem {
    let located = err.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("-->")?.trim();
        let mut parts = rest.rsplitn(3, ':');
        let col: usize = parts.next()?.trim().parse().ok()?;
        let line: usize = parts.next()?.trim().parse().ok()?;
        let path = parts.next()?.trim();
        Some((path.to_string(), line, col))
    });
    // regorus repeats the location and a source excerpt; keep the message line(s).
    let message: String = err
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("-->")
                || t.starts_with('|')
                || t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains('|'))
        })
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    let message = message.trim_start_matches("error: ").to_string();
    let timed_out = err.contains("exceeded time limit");
    // The limit message carries elapsed nanoseconds; say what happened, stably. Any
    // other text is regorus' own, kept as it is behind tomcheck's lead.
    let (title, message, help) = if timed_out {
        let limit = tr("problem-rego-timeout", &[]);
        (
            limit.clone(),
            limit,
            Some(tr("problem-rego-timeout-help", &[])),
        )
    } else {
        let lead = match code {
            Code::RegoSyntax => "problem-rego-syntax",
            _ => "problem-rego-runtime",
        };
        (tr(lead, &[("message", (&message).into())]), message, None)
    };
    if let Some((path, line, col)) = located {
        if let Some(file) = files.iter().find(|f| f.path == path) {
            let start = file.offset_of(line, col);
            let end = file.text[start..]
                .find(|c: char| c.is_whitespace() || "()[]{},".contains(c))
                .map(|i| start + i.max(1))
                .unwrap_or(file.text.len());
            let mut p = Problem::at(code, title, file, start..end, message.clone());
            p.help = help;
            return p;
        }
    }
    let mut p = Problem::new(code, title);
    p.help = help;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_conversion_matches_regorus_deserialisation() {
        use serde::Deserialize;
        let input = json!({
            "organization": { "name": "Müller GmbH", "employees": 12 },
            "provider": [
                { "id": "a", "personal_data": true, "avv": { "signed": "2026-01-15" } },
                { "id": "b", "personal_data": false, "subprocessors": ["a"], "n": -3, "x": null },
            ],
            "big": u64::MAX,
            "ratio": 0.5,
        });
        assert_eq!(
            to_rego(&input),
            regorus::Value::deserialize(&input).unwrap()
        );
    }

    fn policies(rego: &str) -> Policies {
        let mut p = Policies::default();
        p.add(
            vec![SourceText::new("policies/x.rego", "policies/x.rego", rego)],
            false,
        )
        .unwrap();
        p
    }

    fn ctx() -> Context {
        Context {
            today: "2026-11-22".into(),
            revision: None,
            waiver_from: None,
            max_waiver_days: None,
        }
    }

    /// The bundled policies parsed on their own thread give the engine a parse here
    /// gives, and are left unused by policies that do not hold them.
    #[test]
    fn a_parse_on_another_thread_is_used_only_for_the_same_files() {
        let options = EngineOptions::default();
        let bundled = Policies::bundled().unwrap();
        let input = json!({
            "organization": { "name": "x" },
            "provider": [{ "id": "p", "name": "P", "role": "processor", "country": "IN", "personal_data": true }],
        });
        let here = bundled.prepare(&options).unwrap();
        let there = bundled
            .prepare_from(&options, Policies::parse_bundled(&options))
            .unwrap();
        assert_eq!(here.packages, there.packages);
        let findings = there.evaluate(&input, &ctx()).unwrap();
        assert!(findings.iter().any(|f| f.rule == "avv.missing"));
        assert_eq!(here.evaluate(&input, &ctx()).unwrap(), findings);

        let theirs = policies("package tom.x\ndeny contains \"m\" if { input.provider }\n");
        let alone = theirs
            .prepare_from(&options, Policies::parse_bundled(&options))
            .unwrap();
        assert_eq!(alone.packages, vec!["tom.x".to_string()]);
        assert_eq!(alone.evaluate(&input, &ctx()).unwrap().len(), 1);
    }

    #[test]
    fn collects_objects_and_strings() {
        let p = policies("package tom.x\ndeny contains {\"rule\": \"x.a\", \"subject\": \"provider:a\", \"message\": \"m\"} if { input.provider }\nwarn contains \"plain\" if { true }\n");
        let prepared = p.prepare(&EngineOptions::default()).unwrap();
        let findings = prepared
            .evaluate(&json!({"provider": [{"id": "a"}]}), &ctx())
            .unwrap();
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].rule, "x.a");
        assert_eq!(findings[0].severity, Severity::Deny);
        assert_eq!(findings[1].message, "plain");
        assert_eq!(findings[1].severity, Severity::Warn);
        // The same through the query written out, as an engine without the collecting
        // module evaluates it.
        assert!(prepared.collector);
        let without = Prepared {
            collector: false,
            ..p.prepare_files(None, &p.files, &EngineOptions::default(), false, Texts::All)
                .unwrap()
        };
        let again = without
            .evaluate(&json!({"provider": [{"id": "a"}]}), &ctx())
            .unwrap();
        assert_eq!(format!("{again:?}"), format!("{findings:?}"));
    }

    #[test]
    fn texts_per_language_follow_the_run_language_then_english() {
        use crate::i18n::Lang;
        let item = json!({"rule": "x.a", "message": {"en": "m", "de": "M"},
            "help": {"fr": "aide", "it": "aiuto"}, "legal": {"de": "Art. 28 Abs. 3 DSGVO"}});
        let de = finding_from(item.clone(), "tom.x", Severity::Deny, Lang::De).unwrap();
        assert_eq!(
            (de.message.as_str(), de.help.as_deref(), de.legal.as_deref()),
            ("M", Some("aide"), Some("Art. 28 Abs. 3 DSGVO"))
        );
        // Neither English nor the run's language: the first tag in sorted order.
        let en = finding_from(item, "tom.x", Severity::Deny, Lang::En).unwrap();
        assert_eq!(
            (en.message.as_str(), en.help.as_deref()),
            ("m", Some("aide"))
        );
    }

    #[test]
    fn malformed_texts_per_language_are_problems() {
        use crate::i18n::Lang;
        for (message, why) in [
            (json!({}), "`message` is an empty object"),
            (json!({"en": "m", "de": 1}), "`message.de` is a number"),
            (
                json!({"en": "m", "": "x"}),
                "`message` has an empty language tag",
            ),
            (json!(["m"]), "`message` is an array"),
        ] {
            let item = json!({"rule": "x.a", "message": message});
            let err = finding_from(item, "tom.x", Severity::Deny, Lang::En).unwrap_err();
            assert!(err.starts_with(why), "{err}");
        }
        // Only texts may be given per language.
        let item = json!({"rule": "x.a", "message": "m", "subject": {"en": "a"}});
        let err = finding_from(item, "tom.x", Severity::Deny, Lang::En).unwrap_err();
        assert!(err.starts_with("`subject` is an object"), "{err}");
    }

    #[test]
    fn bundled_policies_get_the_collecting_module() {
        let prepared = Policies::bundled()
            .unwrap()
            .prepare(&EngineOptions::default())
            .unwrap();
        assert!(prepared.collector);
    }

    #[test]
    fn time_now_ns_is_today() {
        let p = policies(
            "package tom.t\ndeny contains \"now\" if { time.now_ns() == 1795305600000000000 }\n",
        );
        let prepared = p.prepare(&EngineOptions::default()).unwrap();
        let findings = prepared.evaluate(&json!({}), &ctx()).unwrap();
        assert_eq!(findings.len(), 1, "2026-11-22T00:00:00Z is 1795305600 s");
    }

    #[test]
    fn malformed_findings_name_the_rule() {
        let p = policies("package tom.m\ndeny contains {\"subject\": \"x\"} if { true }\n");
        let prepared = p.prepare(&EngineOptions::default()).unwrap();
        let errs = prepared.evaluate(&json!({}), &ctx()).unwrap_err();
        assert_eq!(errs[0].code, "malformed-finding");
        assert!(errs[0].message.contains("data.tom.m.deny"));
        assert_eq!(errs[0].location().unwrap().1, 2);
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let mut p = Policies::default();
        p.add(
            vec![SourceText::new(
                "policies/bad.rego",
                "policies/bad.rego",
                "package tom.b\n\ndeny contains x if {\n  x := [1,\n}\n",
            )],
            false,
        )
        .unwrap();
        let errs = p.prepare(&EngineOptions::default()).err().unwrap();
        let (path, line, _) = errs[0].location().expect("located");
        assert_eq!(path, "policies/bad.rego");
        assert!(line >= 4, "{line}");
    }
}
