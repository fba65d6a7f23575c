//! Limits on untrusted policies: a pull request can add Rego, so policies are treated as
//! untrusted code. Each limit closes one way a policy could crash tomcheck, exhaust the
//! machine or run forever (docs/security.md lists them with their measured figures):
//!
//! - **before parsing** ([`check_policy_text`]): bracket nesting is bounded, because
//!   regorus' parser takes time exponential in the nesting of arrays, sets and objects;
//! - **before evaluating** ([`check_recursion`]): functions may not call themselves,
//!   directly or through other functions (OPA rejects them at compile time; regorus
//!   would recurse until the stack overflows and the process aborts);
//! - **builtins that panic or allocate without bound** ([`guard_builtins`]):
//!   `numbers.range`, `numbers.range_step` and `sprintf` are replaced by versions that
//!   refuse ranges longer than [`MAX_RANGE`] and widths above [`MAX_FORMAT_WIDTH`];
//! - **everything else** (a builtin that runs long, memory growing without end): a
//!   [`Watchdog`] thread compares the process' resident memory with a cap and every
//!   parse or evaluation with its time limit. The engine only *reports* a breach to the
//!   callback it was given; the command layer prints the diagnostic and exits.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::diag::{Code, Problem};
use crate::i18n::tr;
use crate::text::SourceText;

/// Deepest nesting of `(`, `[` and `{` in a policy. The bundled policies need 7; each
/// further level doubles regorus' parse time (a 12-deep array parses in 4 ms, 20 deep in
/// 1 s, 24 deep in 13 s).
pub const MAX_NESTING: usize = 12;

/// Most numbers one `numbers.range` or `numbers.range_step` may produce: a million
/// numbers take ~50 MB; `numbers.range(1, 1e18)` would abort the process.
pub const MAX_RANGE: i64 = 1_000_000;

/// Largest width or precision in a `sprintf` format (`%0999999999d` would allocate a
/// gigabyte, `%.999999999f` panics).
pub const MAX_FORMAT_WIDTH: u64 = 1_000;

/// Default cap on the resident memory of the process.
pub const DEFAULT_MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;

/// Stack of the threads that parse and evaluate policies when the memory cap is off.
pub const DEFAULT_STACK: usize = 1024 * 1024 * 1024;

static STACK_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_STACK as u64);

/// The stack size for threads that evaluate policies, chosen above the memory cap: a
/// chain of rules or functions thousands deep recurses in regorus (2,000 rules that
/// each use the next overflow 8 MiB), and the stack it touches is resident memory, so
/// the memory cap stops it cleanly before the stack runs out. Only address space is
/// reserved; pages are used as the stack grows.
pub fn stack_size_for(memory_limit: Option<u64>) -> usize {
    match memory_limit {
        Some(limit) => (limit.saturating_add(512 * 1024 * 1024))
            .clamp(256 * 1024 * 1024, 8 * 1024 * 1024 * 1024) as usize,
        None => DEFAULT_STACK,
    }
}

/// Sets the stack size of evaluating threads (the command layer, from the memory cap).
pub fn set_stack_size(bytes: usize) {
    STACK_SIZE.store(bytes as u64, Ordering::Relaxed);
}

/// The stack size evaluating threads are started with.
pub fn stack_size() -> usize {
    STACK_SIZE.load(Ordering::Relaxed) as usize
}

/// How long a parse or an evaluation may run past its time limit before the watchdog
/// ends it: regorus' own timer stops loops at the limit and names the rule; this grace
/// is for work its timer does not see (a long builtin call, the parser).
pub const HARD_LIMIT_GRACE: Duration = Duration::from_secs(1);

/// How often the watchdog looks.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(10);

// --- Before parsing ------------------------------------------------------------------

/// Checks a policy's text before regorus parses it: bracket nesting at most
/// [`MAX_NESTING`] (strings and comments are skipped).
pub fn check_policy_text(file: &SourceText) -> Result<(), Problem> {
    let text = file.text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'#' => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' && text[i] != b'\n' {
                    if text[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                i += 1;
                while i < text.len() && text[i] != b'`' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Problem::at(
                        Code::PolicyTooComplex,
                        tr("problem-policy-nesting", &[("max", MAX_NESTING.into())]),
                        file,
                        i..i + 1,
                        tr("problem-policy-nesting-label", &[("depth", depth.into())]),
                    )
                    .with_help(tr(
                        "problem-policy-nesting-help",
                        &[("max", MAX_NESTING.into())],
                    )));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

// --- Before evaluating: recursion ---------------------------------------------------

/// A function definition and the calls in its bodies.
struct Function {
    file: usize,
    /// Calls: the resolved name and the byte range of the call in the file.
    calls: Vec<(String, std::ops::Range<usize>)>,
    /// Byte range of the name in the head.
    head: std::ops::Range<usize>,
}

/// Rejects functions that call themselves, directly or through other functions, with a
/// diagnostic at the call that closes the cycle. Each file that may define a function
/// is parsed again on its own engine for its syntax tree (it parsed once already, so
/// this cannot fail in a new way); one file's tree at a time is held in memory, and a
/// file without a function head is not looked at.
pub fn check_recursion(files: &[SourceText]) -> Vec<Problem> {
    let mut functions: BTreeMap<String, Function> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if !may_define_functions(&file.text) {
            continue;
        }
        let mut engine = regorus::Engine::new();
        engine.set_rego_v0(false);
        if engine
            .add_policy(file.path.clone(), file.text.to_string())
            .is_err()
        {
            continue;
        }
        let Ok(json) = engine.get_ast_as_json() else {
            continue;
        };
        drop(engine);
        let ast: Value = match serde_json::from_str(&json) {
            Ok(v) => v,
            // Only an expression chain deeper than serde_json's 128 levels gets here.
            Err(_) => {
                return vec![Problem::new(
                    Code::PolicyTooComplex,
                    tr(
                        "problem-policy-ast-too-deep",
                        &[("path", (&file.path).into())],
                    ),
                )
                .with_help(tr("problem-policy-ast-too-deep-help", &[]))];
            }
        };
        drop(json);
        for module in ast.as_array().into_iter().flatten() {
            collect_functions(&module["ast"], index, &file.text, &mut functions);
        }
    }
    find_cycles(&functions, files)
}

/// Whether a line of `text` starts like a function head (`name(`, `a.b(`): a cheap
/// filter, so files of plain rules are not parsed twice. Lines of rule bodies that
/// start with a call pass it too, which only costs the parse.
fn may_define_functions(text: &str) -> bool {
    text.lines().any(|line| {
        let t = line.trim_start();
        let name = t
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(t.len());
        name > 0 && t[name..].trim_start().starts_with('(')
    })
}

/// Dotted path of a reference expression (`data.a.b`, `a["b"]`), if it is one.
fn ref_path(expr: &Value) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut e = expr;
    loop {
        if let Some(var) = e.get("Var") {
            parts.push(var["value"].as_str()?.to_string());
            break;
        } else if let Some(dot) = e.get("RefDot") {
            parts.push(dot["field"][1].as_str()?.to_string());
            e = &dot["refr"];
        } else if let Some(brack) = e.get("RefBrack") {
            let index = &brack["index"];
            let s = index
                .get("String")
                .or_else(|| index.get("RawString"))?
                .get("value")?
                .as_str()?;
            parts.push(s.to_string());
            e = &brack["refr"];
        } else {
            return None;
        }
    }
    parts.reverse();
    Some(parts)
}

fn span_range(span: &Value) -> std::ops::Range<usize> {
    let start = span["start"].as_u64().unwrap_or(0) as usize;
    let end = span["end"].as_u64().unwrap_or(start as u64) as usize;
    start..end.max(start)
}

/// Byte range of an expression (`{"Var": {"span": …}}`).
fn expr_span(expr: &Value) -> std::ops::Range<usize> {
    expr.as_object()
        .and_then(|o| o.values().next())
        .map(|v| span_range(&v["span"]))
        .unwrap_or(0..0)
}

fn collect_functions(
    module: &Value,
    file: usize,
    text: &str,
    out: &mut BTreeMap<String, Function>,
) {
    let Some(mut package) = ref_path(&module["package"]["refr"]) else {
        return;
    };
    if package.first().map(String::as_str) != Some("data") {
        package.insert(0, "data".into());
    }
    let package = package.join(".");
    // Import aliases: `import data.a.b as c` and `import data.a.b` (alias `b`).
    let mut imports: BTreeMap<String, String> = BTreeMap::new();
    for import in module["imports"].as_array().into_iter().flatten() {
        let Some(path) = ref_path(&import["refr"]) else {
            continue;
        };
        if path.first().map(String::as_str) != Some("data") {
            continue;
        }
        let alias = match import.get("as") {
            Some(span) => text.get(span_range(span)).map(str::to_string),
            None => path.last().cloned(),
        };
        if let Some(alias) = alias {
            imports.insert(alias, path.join("."));
        }
    }
    for rule in module["rules"].as_array().into_iter().flatten() {
        let Some(spec) = rule.get("Spec") else {
            continue;
        };
        let Some(func) = spec["head"].get("Func") else {
            continue;
        };
        let Some(name) = ref_path(&func["refr"]) else {
            continue;
        };
        let full = format!("{package}.{}", name.join("."));
        let mut calls = Vec::new();
        collect_calls(spec, &package, &imports, &mut calls);
        let entry = out.entry(full).or_insert_with(|| Function {
            file,
            calls: Vec::new(),
            head: expr_span(&func["refr"]),
        });
        entry.calls.extend(calls);
    }
}

/// Every call in `node`, resolved to a full name (`data.pkg.f`). Walks with an explicit
/// stack: an AST can be deeper than the thread's stack allows for recursion.
fn collect_calls(
    node: &Value,
    package: &str,
    imports: &BTreeMap<String, String>,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    let mut stack = vec![node];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(call) = map.get("Call") {
                    if let Some(path) = ref_path(&call["fcn"]) {
                        let name = match path.first().map(String::as_str) {
                            Some("data") => Some(path.join(".")),
                            Some(first) => match imports.get(first) {
                                Some(import) if path.len() > 1 => {
                                    Some(format!("{import}.{}", path[1..].join(".")))
                                }
                                _ => Some(format!("{package}.{}", path.join("."))),
                            },
                            None => None,
                        };
                        if let Some(name) = name {
                            out.push((name, span_range(&call["span"])));
                        }
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// One problem per cycle of calls among `functions`.
fn find_cycles(functions: &BTreeMap<String, Function>, files: &[SourceText]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for start in functions.keys() {
        if reported.contains(start) {
            continue;
        }
        // Depth-first search for a path from `start` back to `start`.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start.as_str(), vec![start.as_str()])];
        let mut cycle = None;
        while let Some((name, path)) = stack.pop() {
            let Some(f) = functions.get(name) else {
                continue;
            };
            for (callee, _) in &f.calls {
                if callee == start {
                    cycle = Some(path.clone());
                    break;
                }
                if functions.contains_key(callee) && seen.insert(callee.as_str()) {
                    let mut next = path.clone();
                    next.push(callee.as_str());
                    stack.push((callee.as_str(), next));
                }
            }
            if cycle.is_some() {
                break;
            }
        }
        let Some(cycle) = cycle else {
            continue;
        };
        for name in &cycle {
            reported.insert(name.to_string());
        }
        let short = |n: &str| n.strip_prefix("data.").unwrap_or(n).to_string();
        let f = &functions[start.as_str()];
        let next = cycle.get(1).copied().unwrap_or(start.as_str());
        let site = f
            .calls
            .iter()
            .find(|(callee, _)| callee == next)
            .map(|(_, at)| at.clone())
            .unwrap_or_else(|| f.head.clone());
        let chain: Vec<String> = cycle
            .iter()
            .map(|n| short(n))
            .chain([short(start)])
            .collect();
        let message = if cycle.len() == 1 {
            tr(
                "problem-recursion-self",
                &[("name", (&short(start)).into())],
            )
        } else {
            tr(
                "problem-recursion-cycle",
                &[("chain", (&chain.join(" → ")).into())],
            )
        };
        problems.push(
            Problem::at(
                Code::RegoRecursion,
                message,
                &files[f.file],
                site,
                tr(
                    "problem-recursion-label",
                    &[
                        ("caller", (&short(start)).into()),
                        ("callee", (&short(next)).into()),
                    ],
                ),
            )
            .with_help(tr("problem-recursion-help", &[])),
        );
    }
    problems
}

// --- Builtins ------------------------------------------------------------------------

/// Replaces builtins that panic or allocate without bound on some arguments with
/// versions that refuse those arguments (an extension takes precedence over a builtin
/// of the same name in regorus).
pub fn guard_builtins(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    engine.add_extension(
        "numbers.range".into(),
        2,
        Box::new(|args| range(&args, None)),
    )?;
    engine.add_extension(
        "numbers.range_step".into(),
        3,
        Box::new(|args| {
            let step = integer("numbers.range_step", &args[2])?;
            match step {
                Some(s) if s > 0 => range(&args, Some(s)),
                _ => anyhow::bail!("numbers.range_step: step must be a positive integer"),
            }
        }),
    )?;
    engine.add_extension("sprintf".into(), 2, Box::new(sprintf))?;
    Ok(())
}

/// The integer value of a number argument; `None` for a number that is not an integer.
fn integer(name: &str, v: &regorus::Value) -> anyhow::Result<Option<i64>> {
    let n = v
        .as_number()
        .map_err(|_| anyhow::anyhow!("`{name}` expects numeric argument."))?;
    if !n.is_integer() {
        return Ok(None);
    }
    match n.as_i64() {
        Some(i) => Ok(Some(i)),
        None => anyhow::bail!("{name}: a bound is beyond ±2^63"),
    }
}

/// `numbers.range(a, b)` (or `numbers.range_step(a, b, step)`), at most [`MAX_RANGE`]
/// numbers; undefined for a bound that is not an integer, as in regorus.
fn range(args: &[regorus::Value], step: Option<i64>) -> anyhow::Result<regorus::Value> {
    let name = if step.is_some() {
        "numbers.range_step"
    } else {
        "numbers.range"
    };
    let (Some(a), Some(b)) = (integer(name, &args[0])?, integer(name, &args[1])?) else {
        return Ok(regorus::Value::Undefined);
    };
    let span = (i128::from(b) - i128::from(a)).unsigned_abs();
    let stride = step.unwrap_or(1) as u128;
    let count = span / stride + 1;
    if count > MAX_RANGE as u128 {
        anyhow::bail!("{name}: a range of {count} numbers is longer than the limit of {MAX_RANGE}");
    }
    let stride = stride as i64;
    let values: Vec<regorus::Value> = (0..count as i64)
        .map(|i| {
            let offset = i * stride;
            regorus::Value::from(if b >= a { a + offset } else { a - offset })
        })
        .collect();
    Ok(regorus::Value::from(values))
}

thread_local! {
    // regorus' own `sprintf`, reached through an engine without the guard.
    static SPRINTF: RefCell<Option<regorus::Engine>> = const { RefCell::new(None) };
}

/// `sprintf` with every width and precision at most [`MAX_FORMAT_WIDTH`], then
/// regorus' own implementation.
fn sprintf(args: Vec<regorus::Value>) -> anyhow::Result<regorus::Value> {
    if let Ok(format) = args[0].as_string() {
        check_format(format)?;
        if let Some(text) = args[1]
            .as_array()
            .ok()
            .and_then(|values| sprintf_plain(format, values.iter()))
        {
            return Ok(regorus::Value::from(text));
        }
    }
    SPRINTF.with(|cell| {
        let mut cell = cell.borrow_mut();
        let engine = match cell.as_mut() {
            Some(e) => e,
            None => {
                let mut e = regorus::Engine::new();
                e.set_rego_v0(false);
                e.add_policy(
                    "<sprintf>".into(),
                    "package s\nr := sprintf(input[0], input[1])\n".into(),
                )?;
                cell.insert(e)
            }
        };
        engine.set_input(regorus::Value::from(args));
        // regorus' message without the location in the helper policy: the caller's
        // error points at the policy's own call.
        engine.eval_rule("data.s.r".into()).map_err(|e| {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            anyhow::anyhow!("{}", first.trim_start_matches("error: ").trim())
        })
    })
}

/// The common case without a second engine: a format of only `%s` with strings, `%d`
/// with non-negative integers and `%%`, one argument per verb. Exactly what regorus'
/// `sprintf` writes for these (the same `format_decimal`); `None` for anything else,
/// which goes to regorus' own implementation (and its errors).
fn sprintf_plain<'v>(
    format: &str,
    mut args: impl Iterator<Item = &'v regorus::Value>,
) -> Option<String> {
    let mut out = String::with_capacity(format.len() + 32);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' => out.push_str(args.next()?.as_string().ok()?),
            'd' => match args.next()? {
                regorus::Value::Number(n) if n.is_integer() && n.as_u64().is_some() => {
                    out.push_str(&n.format_decimal())
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    args.next().is_none().then_some(out)
}

/// Refuses widths and precisions above [`MAX_FORMAT_WIDTH`] in a `sprintf` format, read
/// as regorus reads them: `%` followed by digits or `.` and digits.
fn check_format(format: &str) -> anyhow::Result<()> {
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            continue;
        }
        if chars.peek() == Some(&'.') {
            chars.next();
        }
        let mut width: u64 = 0;
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            chars.next();
            width = width.saturating_mul(10).saturating_add(u64::from(d));
        }
        if width > MAX_FORMAT_WIDTH {
            anyhow::bail!(
                "sprintf: a width or precision of {width} is above the limit of {MAX_FORMAT_WIDTH}"
            );
        }
    }
    Ok(())
}

// --- The watchdog ----------------------------------------------------------------------

/// What the watchdog found.
#[derive(Debug, Clone, PartialEq)]
pub enum Breach {
    /// Resident memory passed the cap.
    Memory { resident: u64, limit: u64 },
    /// A parse or evaluation ran past its time limit and the grace.
    Time {
        what: String,
        limit: Duration,
        elapsed: Duration,
    },
}

impl Breach {
    /// The breach as an input problem.
    pub fn problem(&self) -> Problem {
        match self {
            // The figures reached vary from run to run; the message names the limit.
            Breach::Memory { limit, .. } => Problem::new(
                Code::ResourceLimit,
                match current_activity() {
                    Some(what) => tr(
                        "problem-memory-limit-while",
                        &[
                            ("limit", (&(limit / (1024 * 1024)).to_string()).into()),
                            ("what", (&what).into()),
                        ],
                    ),
                    None => tr(
                        "problem-memory-limit",
                        &[("limit", (&(limit / (1024 * 1024)).to_string()).into())],
                    ),
                },
            )
            .with_help(tr("problem-memory-limit-help", &[])),
            Breach::Time { what, limit, .. } => Problem::new(
                Code::ResourceLimit,
                tr(
                    "problem-time-limit",
                    &[("what", what.into()), ("limit", (&seconds(*limit)).into())],
                ),
            )
            .with_help(tr("problem-time-limit-help", &[])),
        }
    }
}

/// Seconds as people of the run's language write them (`0.5`, German `0,5`).
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64().to_string();
    match crate::i18n::current() {
        crate::i18n::Lang::De => s.replace('.', ","),
        crate::i18n::Lang::En => s,
    }
}

/// What a watched parse or evaluation does; put into words only when it is reported,
/// so a run that stays within its limits formats no message for it.
#[derive(Debug, Clone)]
pub enum Doing {
    /// Parsing a policy file (its path).
    Parsing(String),
    Analysing,
    CheckingRecursion,
    EvaluatingAll,
    /// Evaluating one query (its text).
    Evaluating(String),
}

impl Doing {
    /// The activity in the run's language (`parsing policies/x.rego`).
    pub fn describe(&self) -> String {
        match self {
            Doing::Parsing(path) => tr("problem-activity-parsing", &[("path", path.into())]),
            Doing::Analysing => tr("problem-activity-analysing", &[]),
            Doing::CheckingRecursion => tr("problem-activity-recursion", &[]),
            Doing::EvaluatingAll => tr("problem-activity-evaluating-all", &[]),
            Doing::Evaluating(query) => {
                tr("problem-activity-evaluating", &[("query", query.into())])
            }
        }
    }
}

struct Activity {
    what: Doing,
    started: Instant,
    limit: Duration,
}

fn activities() -> &'static Mutex<BTreeMap<u64, Activity>> {
    static ACTIVE: OnceLock<Mutex<BTreeMap<u64, Activity>>> = OnceLock::new();
    ACTIVE.get_or_init(|| Mutex::new(BTreeMap::new()))
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A parse or evaluation under watch; dropping it ends the watch.
#[must_use]
pub struct Watched(u64);

impl Drop for Watched {
    fn drop(&mut self) {
        if let Ok(mut a) = activities().lock() {
            a.remove(&self.0);
        }
    }
}

/// Puts `what` (evaluating the policies) under watch with its time limit.
pub fn watch(what: Doing, limit: Duration) -> Watched {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut a) = activities().lock() {
        a.insert(
            id,
            Activity {
                what,
                started: Instant::now(),
                limit,
            },
        );
    }
    Watched(id)
}

fn current_activity() -> Option<String> {
    let a = activities().lock().ok()?;
    a.values().next().map(|a| a.what.describe())
}

/// Settings of the watchdog.
#[derive(Debug, Clone, Copy)]
pub struct WatchdogConfig {
    /// Cap on resident memory in bytes; `None` for no cap.
    pub memory_limit: Option<u64>,
}

/// The watchdog thread: started once per process by the command layer, which decides
/// what a breach does (print the problem and exit).
pub struct Watchdog;

impl Watchdog {
    /// Starts watching. `on_breach` runs on the watchdog thread, once.
    pub fn start(config: WatchdogConfig, on_breach: Box<dyn FnOnce(Breach) + Send>) {
        let _ = std::thread::Builder::new()
            .name("tomcheck-watchdog".into())
            .spawn(move || {
                let breach = loop {
                    std::thread::sleep(WATCH_INTERVAL);
                    if let Some(b) = look(&config) {
                        break b;
                    }
                };
                on_breach(breach);
            });
    }
}

/// One look: memory, then every activity.
fn look(config: &WatchdogConfig) -> Option<Breach> {
    if let Some(limit) = config.memory_limit {
        if let Some(resident) = resident_memory() {
            if resident > limit {
                return Some(Breach::Memory { resident, limit });
            }
        }
    }
    let a = activities().lock().ok()?;
    a.values().find_map(|a| {
        let elapsed = a.started.elapsed();
        (elapsed > a.limit + HARD_LIMIT_GRACE).then(|| Breach::Time {
            what: a.what.describe(),
            limit: a.limit,
            elapsed,
        })
    })
}

/// Resident memory of this process in bytes (Linux: `VmRSS` of `/proc/self/status`,
/// in kB whatever the page size); `None` where it cannot be read.
pub fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rego(text: &str) -> SourceText {
        SourceText::new("policies/p.rego", "policies/p.rego", text)
    }

    #[test]
    fn nesting_is_bounded_outside_strings_and_comments() {
        let ok = format!("package p\nx := {}1{}\n", "[".repeat(12), "]".repeat(12));
        assert!(check_policy_text(&rego(&ok)).is_ok());
        let deep = format!("package p\nx := {}1{}\n", "[".repeat(13), "]".repeat(13));
        let p = check_policy_text(&rego(&deep)).unwrap_err();
        assert_eq!(p.code, Code::PolicyTooComplex);
        assert_eq!(p.location().unwrap().1, 2);
        for mixed in ["({[", "{{{", "((("] {
            let t = format!("package p\nx := {}", mixed.repeat(5));
            assert!(check_policy_text(&rego(&t)).is_err(), "{mixed}");
        }
        let quoted = format!(
            "package p\n# {}\nx := \"{}\\\"[\"\ny := `{}`\n",
            "[".repeat(50),
            "[".repeat(50),
            "{".repeat(50)
        );
        assert!(check_policy_text(&rego(&quoted)).is_ok());
    }

    #[test]
    fn bundled_policies_are_within_the_limits() {
        let p = crate::engine::Policies::bundled().unwrap();
        for f in p.files.iter().chain(&p.tests) {
            assert!(check_policy_text(f).is_ok(), "{}", f.path);
        }
        let all: Vec<SourceText> = p.files.iter().chain(&p.tests).cloned().collect();
        assert!(check_recursion(&all).is_empty());
    }

    fn recursion(text: &str) -> Vec<Problem> {
        check_recursion(&[rego(text)])
    }

    #[test]
    fn recursive_functions_are_rejected_at_the_call() {
        let text = "package tom.custom\n\nf(x) := y if {\n\ty := f(x + 1)\n}\n";
        let p = recursion(text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].code, Code::RegoRecursion);
        assert_eq!(p[0].message, "function tom.custom.f calls itself");
        let (_, line, col) = p[0].location().unwrap();
        assert_eq!((line, col), (4, 7));
    }

    #[test]
    fn mutual_and_indirect_recursion_is_found() {
        let mutual = "package a\n\nf(x) := g(x)\n\ng(x) := h(x)\n\nh(x) := f(x) if x > 0\n";
        let p = recursion(mutual);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].message.contains("a.f → a.g → a.h → a.f"),
            "{}",
            p[0].message
        );
        // Through `data.` and through an import, across packages.
        let a = rego("package a\nimport data.b\nf(x) := b.g(x)\n");
        let b = SourceText::new(
            "policies/b.rego",
            "policies/b.rego",
            "package b\ng(x) := data.a.f(x)\n",
        );
        let p = check_recursion(&[a, b]);
        assert_eq!(p.len(), 1, "{p:?}");
        // In an else branch and a comprehension.
        let p = recursion(
            "package a\nf(x) := 1 if x > 9 else := y if { y := [f(i) | some i in [x]] }\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn non_recursive_calls_pass() {
        let text = "package a\nimport data.b as other\nf(x) := g(x) + other.f(x)\ng(x) := count(x)\nr := f([1])\n";
        assert!(recursion(text).is_empty());
        // Same name in another package is another function.
        let a = rego("package a\nf(x) := data.b.f(x)\n");
        let b = SourceText::new(
            "policies/b.rego",
            "policies/b.rego",
            "package b\nf(x) := x\n",
        );
        assert!(check_recursion(&[a, b]).is_empty());
    }

    fn call(name: &str, args: Vec<regorus::Value>) -> anyhow::Result<regorus::Value> {
        let mut e = regorus::Engine::new();
        guard_builtins(&mut e).unwrap();
        e.set_input(regorus::Value::from(args));
        let n = match name {
            "numbers.range_step" => "input[0], input[1], input[2]",
            _ => "input[0], input[1]",
        };
        e.eval_query(format!("x := {name}({n})"), false).map(|r| {
            r.result
                .first()
                .and_then(|r| r.bindings.as_object().ok()?.values().next().cloned())
                .unwrap_or(regorus::Value::Undefined)
        })
    }

    fn n(v: f64) -> regorus::Value {
        regorus::Value::from(v)
    }

    #[test]
    fn ranges_behave_like_regorus_within_the_limit() {
        let json = |v: regorus::Value| serde_json::to_string(&v).unwrap();
        assert_eq!(
            json(call("numbers.range", vec![n(1.0), n(4.0)]).unwrap()),
            "[1,2,3,4]"
        );
        assert_eq!(
            json(call("numbers.range", vec![n(2.0), n(-1.0)]).unwrap()),
            "[2,1,0,-1]"
        );
        assert_eq!(
            json(call("numbers.range", vec![n(3.0), n(3.0)]).unwrap()),
            "[3]"
        );
        assert_eq!(
            json(call("numbers.range_step", vec![n(1.0), n(10.0), n(4.0)]).unwrap()),
            "[1,5,9]"
        );
        assert_eq!(
            json(call("numbers.range_step", vec![n(10.0), n(1.0), n(4.0)]).unwrap()),
            "[10,6,2]"
        );
        // Not an integer: undefined, as in regorus.
        assert_eq!(
            call("numbers.range", vec![n(1.5), n(4.0)]).unwrap(),
            regorus::Value::Undefined
        );
    }

    #[test]
    fn ranges_beyond_the_limit_are_errors_not_aborts() {
        for (a, b) in [(1.0, 1e18), (1.0, 1e8), (-1e18, 1e18), (0.0, 1_000_000.0)] {
            let e = call("numbers.range", vec![n(a), n(b)]).unwrap_err();
            assert!(e.to_string().contains("limit of 1000000"), "{e}");
        }
        assert!(call("numbers.range", vec![n(1.0), n(1e30)]).is_err());
        assert!(call("numbers.range", vec![n(1.0), n(1_000_000.0)]).is_ok());
        for step in [0.0, -1.0] {
            let e = call("numbers.range_step", vec![n(1.0), n(5.0), n(step)]).unwrap_err();
            assert!(e.to_string().contains("positive"), "{e}");
        }
        assert!(call("numbers.range_step", vec![n(1.0), n(1e9), n(1.0)]).is_err());
        assert!(call("numbers.range_step", vec![n(1.0), n(1e9), n(1000.0)]).is_ok());
    }

    fn fmt(format: &str, args: Vec<regorus::Value>) -> anyhow::Result<regorus::Value> {
        call(
            "sprintf",
            vec![regorus::Value::from(format), regorus::Value::from(args)],
        )
    }

    #[test]
    fn sprintf_matches_regorus_and_bounds_widths() {
        let s = |v: regorus::Value| v.as_string().unwrap().to_string();
        assert_eq!(
            s(fmt("%s-%d %v %%", vec!["a".into(), n(7.0), n(1.5)]).unwrap()),
            "a-7 1.5 %"
        );
        assert_eq!(
            s(fmt("%04d|%.2f|%5s", vec![n(7.0), n(1.25), "ab".into()]).unwrap()),
            "0007|1.25|ab",
            "as regorus: no cell width for %s"
        );
        for bad in [
            "%0999999999d",
            "%.999999999f",
            "%1001s",
            "%.99999999999999999999999f",
        ] {
            let e = fmt(bad, vec![n(1.5)]).unwrap_err();
            assert!(e.to_string().contains("limit of 1000"), "{bad}: {e}");
        }
        assert!(fmt("%1000s", vec!["x".into()]).is_ok());
        // regorus' own errors come through.
        assert!(fmt("%d %d", vec![n(1.0)]).is_err());
        assert!(
            fmt("%s", vec!["a".into(), "b".into()]).is_err(),
            "extra argument"
        );
        assert!(fmt("%s", vec![]).is_err());
    }

    #[test]
    fn the_plain_sprintf_path_writes_what_regorus_writes() {
        let mut e = regorus::Engine::new();
        let cases: Vec<(&str, Vec<regorus::Value>)> = vec![
            (
                "%s \"%s\" (%s)",
                vec!["System".into(), "Mail".into(), "mail".into()],
            ),
            ("%d%% of %d", vec![n(42.0), n(100.0)]),
            ("%d", vec![n(3.0)]),
            ("%d", vec![regorus::Value::from(u64::MAX)]),
            ("ünïcödé %s ✓", vec!["ß".into()]),
            ("no verbs", vec![]),
            ("%s", vec![n(1.0)]),
            ("%d", vec![n(-5.0)]),
            ("%d", vec![n(1.5)]),
            ("%v", vec!["x".into()]),
        ];
        for (format, args) in cases {
            let ours = sprintf(vec![
                regorus::Value::from(format),
                regorus::Value::from(args.clone()),
            ]);
            e.set_input(regorus::Value::from(vec![
                regorus::Value::from(format),
                regorus::Value::from(args),
            ]));
            let theirs = e.eval_query("x := sprintf(input[0], input[1])".into(), false);
            let theirs = theirs.ok().and_then(|r| {
                r.result
                    .first()
                    .and_then(|r| r.bindings.as_object().ok()?.values().next().cloned())
            });
            assert_eq!(ours.ok(), theirs, "{format}");
        }
    }

    #[test]
    fn the_watchdog_reports_an_activity_past_its_limit() {
        let (tx, rx) = std::sync::mpsc::channel();
        Watchdog::start(
            WatchdogConfig { memory_limit: None },
            Box::new(move |b| {
                let _ = tx.send(b);
            }),
        );
        let _w = watch(
            Doing::Parsing("policies/slow.rego".into()),
            Duration::from_millis(10),
        );
        let breach = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let Breach::Time { what, .. } = &breach else {
            panic!("{breach:?}");
        };
        assert_eq!(what, "parsing policies/slow.rego");
        assert_eq!(breach.problem().code, Code::ResourceLimit);
    }

    #[test]
    fn resident_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let rss = resident_memory().unwrap();
            assert!(rss > 1024 * 1024 && rss < 1 << 40, "{rss}");
        }
    }
}
