//! Mutation testing of Rego policies: `tomcheck test --mutants`.
//!
//! Coverage says a line ran; only a mutation run says a test would notice the line being
//! wrong. Each mutant is a policy file with one small change, made by one [`Operator`]:
//! a body expression dropped (replaced by `true`, so the body stays valid), a comparison
//! flipped (`<`↔`<=`, `>`↔`>=`, `==`↔`!=`), a `not` removed or added, a member dropped
//! from a set literal. Every test (`test_*` of the loaded test files) runs against each
//! mutant: one failing, erring or timing out kills it; a mutant that passes every test
//! survived — the tests would not notice that mistake. A mutant that does not compile
//! is invalid, never a survivor. Statement mutants that would leave a variable unbound
//! (dropping `x := …` where `x` is used again) are not made at all: they cannot compile,
//! and regorus notices some of them only while evaluating, after writing a warning to
//! standard error.
//!
//! **Where to mutate: regorus' own parser, not a scanner.** Sites come from the AST that
//! regorus builds for evaluation, read through `regorus::unstable` (public but outside
//! regorus' stable API, so a regorus upgrade may need this module adjusted: it then fails
//! to compile instead of silently finding nothing). The AST carries a byte span for every
//! statement and expression, so a mutation is a precise text edit: strings and comments
//! are never touched because they are not comparisons or statements, a `<` inside a
//! string cannot be mistaken for an operator, and "inside a rule body" is structural
//! rather than guessed from braces. A lexical scanner would have to re-implement Rego's
//! strings, raw strings, comments, comprehensions and rule heads to get the same answer.
//!
//! **Speed.** regorus analyses all modules together whenever one changes, so each mutant
//! costs one analysis plus the tests it runs. The unchanged files are parsed once per
//! mutated file and the engine cloned per mutant (only the mutated file is parsed
//! again); mutants run on `jobs` threads. The run without mutants records the lines each
//! test evaluates, and a mutant runs only the tests that evaluate its rule (a test that
//! never gets there cannot notice the change); those of the mutated file's own test file
//! (`x_test.rego` for `x.rego`) go first, and a mutant stops at the first test that
//! kills it. A survivor therefore costs the tests of its rule, not all tests. Every
//! evaluation keeps the time limit of [`EngineOptions`]. The output of Rego's `print()`
//! is gathered and dropped: it would repeat for every mutant.
//!
//! **Equivalent mutants** — a change no test can notice because behaviour stays the
//! same — are allowed by a comment in the policy:
//! `# mutants: allow <operator> because <reason>`, at the end of the mutated line or on
//! its own line directly above it. It matches the mutants of that operator on that line.
//! Comments live with the code they excuse, so the allow-list moves with the line when
//! the file is edited. An entry without a reason, with an unknown operator, matching no
//! mutant, or matching only mutants the tests kill is a problem: a stale entry must not
//! hide anything.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use regorus::unstable::{AssignOp, BoolOp, Expr, Literal, LiteralStmt, Query, Rule, RuleHead};
use serde::Serialize;

use super::metadata::RuleMeta;
use super::policytest::{discover, TestCase};
use super::{engine_problem, rego_problem, set_today, EngineOptions, Policies, Texts};
use crate::diag::{did_you_mean, Code, Problem};
use crate::i18n::tr;
use crate::text::SourceText;

// The texts of the problems below are in the catalogue (`problems.ftl`).
/// Problem: a `# mutants:` comment that is not `allow <operator> because <reason>`.
const ALLOW_SYNTAX: &str = "problem-mutants-allow-syntax";
/// Problem: the operator named in an allow comment does not exist.
const ALLOW_UNKNOWN: &str = "problem-mutants-allow-unknown";
/// Help: the operators there are.
const ALLOW_UNKNOWN_HELP: &str = "problem-mutants-allow-unknown-help";
/// Problem: an allow comment without a reason.
const ALLOW_NO_REASON: &str = "problem-mutants-allow-no-reason";
/// Help for [`ALLOW_NO_REASON`].
const ALLOW_NO_REASON_HELP: &str = "problem-mutants-allow-no-reason-help";
/// Problem: an allow comment whose line has no mutant of its operator.
const ALLOW_NO_MUTANT: &str = "problem-mutants-allow-no-mutant";
/// Help for [`ALLOW_NO_MUTANT`].
const ALLOW_NO_MUTANT_HELP: &str = "problem-mutants-allow-no-mutant-help";
/// Problem: an allow comment whose mutants the tests kill.
const ALLOW_NOT_NEEDED: &str = "problem-mutants-allow-not-needed";
/// Help for [`ALLOW_NOT_NEEDED`].
const ALLOW_NOT_NEEDED_HELP: &str = "problem-mutants-allow-not-needed-help";
/// Label of an allow comment in its file.
const ALLOW_LABEL: &str = "problem-mutants-allow-label";
/// Outcome of a mutant whose evaluation did not finish (a worker stopped).
const NOT_JUDGED: &str = "not judged";

/// A kind of mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operator {
    /// A body expression replaced by `true`.
    DropExpression,
    /// `<`↔`<=`, `>`↔`>=`, `==`↔`!=`.
    FlipComparison,
    /// `not x` → `x`.
    RemoveNot,
    /// `x` → `not x`.
    AddNot,
    /// One member less in a set literal (the last one leaves `set()`).
    DropSetMember,
}

impl Operator {
    pub const ALL: [Operator; 5] = [
        Operator::DropExpression,
        Operator::FlipComparison,
        Operator::RemoveNot,
        Operator::AddNot,
        Operator::DropSetMember,
    ];

    /// The stable name, as in allow comments and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::DropExpression => "drop-expression",
            Operator::FlipComparison => "flip-comparison",
            Operator::RemoveNot => "remove-not",
            Operator::AddNot => "add-not",
            Operator::DropSetMember => "drop-set-member",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == name)
    }
}

impl std::fmt::Display for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mutation of one policy file.
#[derive(Debug, Clone, Serialize)]
pub struct Mutant {
    /// The policy file, as loaded (`builtin/backup.rego`, `policies/acme.rego`).
    pub file: String,
    /// 1-based line and character column where the mutated text starts.
    pub line: usize,
    pub column: usize,
    pub operator: Operator,
    /// The expression or statement as written, and as mutated.
    pub before: String,
    pub after: String,
    /// The rule id of the findings the mutated rule builds (`custom.id` of its
    /// `# METADATA`, or the `"rule"` of the finding objects in its body); `None` for
    /// helper rules.
    pub rule: Option<String>,
    /// The rule the mutated text belongs to: `data.tom.backup.warn`.
    pub head: String,
    /// The first and last line of the mutated rule.
    #[serde(skip)]
    pub rule_lines: (u32, u32),
    /// The bytes of the file replaced, and by what.
    #[serde(skip)]
    pub edit: Range<usize>,
    #[serde(skip)]
    pub replacement: String,
}

impl Mutant {
    /// The file's text with this mutation applied.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.replacement.len());
        out.push_str(&text[..self.edit.start]);
        out.push_str(&self.replacement);
        out.push_str(&text[self.edit.end..]);
        out
    }
}

/// What the tests made of a mutant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum Outcome {
    /// A test failed, erred or timed out.
    Killed {
        #[serde(rename = "killed_by")]
        test: String,
    },
    /// Every test passed.
    Survived,
    /// The mutant does not compile.
    Invalid { error: String },
    /// It survived, and an allow comment says why that is fine.
    Allowed { reason: String },
}

/// A mutant and its outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    #[serde(flatten)]
    pub mutant: Mutant,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Counts per outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub killed: usize,
    pub survived: usize,
    pub invalid: usize,
    pub allowed: usize,
}

/// The result of a mutation run.
#[derive(Debug, Clone)]
pub struct MutationRun {
    /// Every mutant, by file and position.
    pub mutants: Vec<Judged>,
    /// Allow comments that matched only mutants the tests kill: found by running, so
    /// reported with the run's results rather than instead of them.
    pub stale: Vec<Problem>,
}

impl MutationRun {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for m in &self.mutants {
            match m.outcome {
                Outcome::Killed { .. } => s.killed += 1,
                Outcome::Survived => s.survived += 1,
                Outcome::Invalid { .. } => s.invalid += 1,
                Outcome::Allowed { .. } => s.allowed += 1,
            }
        }
        s
    }

    pub fn survivors(&self) -> impl Iterator<Item = &Judged> {
        self.mutants
            .iter()
            .filter(|m| m.outcome == Outcome::Survived)
    }
}

/// Settings of a mutation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threads evaluating mutants.
    pub jobs: usize,
    /// `data.context.today`, `YYYY-MM-DD`.
    pub today: String,
    pub engine: EngineOptions,
}

/// Mutates the policy files named in `targets` (paths of `policies.files`) and runs the
/// tests of `policies.tests` against every mutant.
///
/// Fails before running anything when a file cannot be parsed, an allow comment is
/// malformed or matches no mutant, or a test fails without any mutant.
pub fn run(
    policies: &Policies,
    targets: &[String],
    options: &Options,
) -> Result<MutationRun, Vec<Problem>> {
    let files: Vec<&SourceText> = policies
        .files
        .iter()
        .filter(|f| targets.contains(&f.path))
        .collect();
    let mut problems = Vec::new();
    let mut mutants = Vec::new();
    let mut allows = Vec::new();
    for file in &files {
        match mutants_of(file, &policies.rules) {
            Ok(m) => mutants.extend(m),
            Err(p) => problems.push(p),
        }
        match allows_of(file) {
            Ok(a) => allows.extend(a),
            Err(p) => problems.extend(p),
        }
    }
    let mut matched: Vec<Vec<usize>> = vec![Vec::new(); allows.len()];
    for (i, m) in mutants.iter().enumerate() {
        if let Some(a) = allows.iter().position(|a| a.matches(m)) {
            matched[a].push(i);
        }
    }
    for (allow, hits) in allows.iter().zip(&matched) {
        if hits.is_empty() {
            problems.push(allow.problem(ALLOW_NO_MUTANT, ALLOW_NO_MUTANT_HELP));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let cases = discover(&policies.tests);
    let reached = baseline(policies, &cases, options)?;

    let mut bases = Vec::new();
    for file in &files {
        let others: Vec<SourceText> = policies
            .files
            .iter()
            .filter(|f| f.path != file.path)
            .chain(&policies.tests)
            .cloned()
            .collect();
        let (mut engine, _) = policies.engine_of(None, &others, &options.engine, Texts::All)?;
        add_context(&mut engine, &options.today)?;
        engine.set_input(regorus::Value::new_object());
        // The output of `print()` would repeat for every mutant; `tomcheck test` shows it.
        engine.set_gather_prints(true);
        bases.push(Base {
            file,
            engine,
            cases: first_own_tests(&cases, &file.path),
        });
    }
    let base_of: HashMap<&str, usize> = bases
        .iter()
        .enumerate()
        .map(|(i, b)| (b.file.path.as_str(), i))
        .collect();

    let outcomes = judge_all(&bases, &base_of, &reached, &mutants, options);
    let mut judged: Vec<Judged> = mutants
        .into_iter()
        .zip(outcomes)
        .map(|(mutant, outcome)| Judged { mutant, outcome })
        .collect();
    let mut stale = Vec::new();
    for (allow, hits) in allows.iter().zip(&matched) {
        let mut needed = false;
        for &i in hits {
            if judged[i].outcome == Outcome::Survived {
                judged[i].outcome = Outcome::Allowed {
                    reason: allow.reason.clone(),
                };
                needed = true;
            }
        }
        if !needed {
            stale.push(allow.problem(ALLOW_NOT_NEEDED, ALLOW_NOT_NEEDED_HELP));
        }
    }
    Ok(MutationRun {
        mutants: judged,
        stale,
    })
}

/// The unchanged files of one mutated file, parsed, with the tests to run.
struct Base<'a> {
    file: &'a SourceText,
    engine: regorus::Engine,
    /// The tests, those of the file's own test file first.
    cases: Vec<TestCase>,
}

fn add_context(engine: &mut regorus::Engine, today: &str) -> Result<(), Vec<Problem>> {
    engine
        .add_data(regorus::Value::from(
            serde_json::json!({ "context": { "today": today } }),
        ))
        .map_err(|e| vec![engine_problem(&e.to_string())])
}

/// The lines of each policy file that each test evaluates (by test name).
type Reached = HashMap<String, HashMap<String, BTreeSet<u32>>>;

/// Runs the tests without mutants, recording the lines each one evaluates; all must
/// pass for a mutant's failing test to mean anything.
fn baseline(
    policies: &Policies,
    cases: &[TestCase],
    options: &Options,
) -> Result<Reached, Vec<Problem>> {
    let prepared = policies.prepare_with_tests(&options.engine)?;
    let mut engine = prepared.engine_for(&super::Context {
        today: options.today.clone(),
        revision: None,
        waiver_from: None,
        max_waiver_days: None,
    });
    engine.set_input(regorus::Value::new_object());
    engine.set_gather_prints(true);
    engine.set_enable_coverage(true);
    let mut failing = Vec::new();
    let mut reached = Reached::new();
    for case in cases {
        engine.clear_coverage_data();
        if !matches!(
            prepared.query(&mut engine, &case.name),
            Ok(Some(regorus::Value::Bool(true)))
        ) {
            failing.push(case.name.as_str());
        }
        let report = engine
            .get_coverage_report()
            .map_err(|e| vec![engine_problem(&e.to_string())])?;
        let lines = report
            .files
            .into_iter()
            .map(|f| (f.path, f.covered))
            .collect();
        reached.insert(case.name.clone(), lines);
    }
    if failing.is_empty() {
        return Ok(reached);
    }
    Err(vec![Problem::new(
        Code::MutantsBaseline,
        tr(
            "problem-mutants-baseline",
            &[
                ("count", failing.len().into()),
                ("tests", (&failing.join(", ")).into()),
            ],
        ),
    )
    .with_help(tr("problem-mutants-baseline-help", &[]))])
}

/// `cases` with the tests of `path`'s own test file (`x_test.rego` next to `x.rego`)
/// first: they are the likeliest to kill its mutants, and a mutant stops at the first
/// test that fails.
fn first_own_tests(cases: &[TestCase], path: &str) -> Vec<TestCase> {
    let own = format!("{}_test.rego", path.trim_end_matches(".rego"));
    let (mut first, rest): (Vec<TestCase>, Vec<TestCase>) =
        cases.iter().cloned().partition(|c| c.file == own);
    first.extend(rest);
    first
}

/// Judges every mutant on up to `options.jobs` threads; outcomes in the order of
/// `mutants`.
fn judge_all(
    bases: &[Base<'_>],
    base_of: &HashMap<&str, usize>,
    reached: &Reached,
    mutants: &[Mutant],
    options: &Options,
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; mutants.len()]);
    let workers = options.jobs.max(1).min(mutants.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // `time.now_ns()` reads the date from the evaluating thread.
                set_today(&options.today);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(mutant) = mutants.get(i) else { break };
                    let base = &bases[base_of[mutant.file.as_str()]];
                    let cases = reaching(&base.cases, reached, mutant);
                    let outcome = judge(&base.engine, base.file, &cases, mutant);
                    outcomes.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    outcomes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Invalid {
                error: NOT_JUDGED.to_string(),
            })
        })
        .collect()
}

/// The tests that evaluate a line of the mutated rule, or all when none does.
///
/// A test that never evaluates the rule cannot notice a change inside it: the mutant
/// changes neither the rule's name nor anything that decides whether it is evaluated.
/// Skipping those tests makes a survivor cost the few tests of its rule instead of
/// all of them. When no test reaches the rule (a `default` value, say, which regorus
/// may settle without evaluating it as an expression), every test runs.
fn reaching<'a>(cases: &'a [TestCase], reached: &Reached, mutant: &Mutant) -> Vec<&'a TestCase> {
    let (first, last) = mutant.rule_lines;
    let reaching: Vec<&TestCase> = cases
        .iter()
        .filter(|c| {
            reached
                .get(&c.name)
                .and_then(|files| files.get(&mutant.file))
                .is_some_and(|lines| lines.range(first..=last).next().is_some())
        })
        .collect();
    if reaching.is_empty() {
        cases.iter().collect()
    } else {
        reaching
    }
}

/// Runs the tests against one mutant until one kills it.
fn judge(
    base: &regorus::Engine,
    file: &SourceText,
    cases: &[&TestCase],
    mutant: &Mutant,
) -> Outcome {
    let text = mutant.apply(&file.text);
    let invalid = |e: anyhow::Error| {
        let mutated = SourceText::new(file.path.clone(), file.name.clone(), text.clone());
        Outcome::Invalid {
            error: rego_problem(Code::RegoSyntax, &e.to_string(), &[mutated]).message,
        }
    };
    let mut engine = base.clone();
    if let Err(e) = engine.add_policy(file.path.clone(), text.clone()) {
        return invalid(e);
    }
    // Analysing the modules finds what does not compile (an unbound variable).
    if let Err(e) = engine.eval_query("true".into(), false) {
        return invalid(e);
    }
    for case in cases {
        let passed = match engine.eval_query(case.name.clone(), false) {
            Ok(r) => r
                .result
                .into_iter()
                .next()
                .and_then(|r| r.expressions.into_iter().next())
                .is_some_and(|e| e.value == regorus::Value::Bool(true)),
            // regorus finds some unbound variables only while evaluating ("var x is
            // unsafe"); OPA rejects such a policy when compiling it.
            Err(e) if e.to_string().contains(" is unsafe") => return invalid(e),
            Err(_) => false,
        };
        if !passed {
            return Outcome::Killed {
                test: case.name.clone(),
            };
        }
    }
    Outcome::Survived
}

// --- mutation sites ---------------------------------------------------------------------

/// Every mutant of one policy file, by position.
pub fn mutants_of(file: &SourceText, rules: &[RuleMeta]) -> Result<Vec<Mutant>, Problem> {
    let unparsable = |e: anyhow::Error| {
        Problem::new(
            Code::RegoSyntax,
            tr(
                "problem-mutants-unparsable",
                &[
                    ("file", (&file.path).into()),
                    ("error", (&e.to_string()).into()),
                ],
            ),
        )
    };
    let source = regorus::unstable::Source::from_contents(file.path.clone(), file.text.to_string())
        .map_err(unparsable)?;
    let mut parser = regorus::unstable::Parser::new(&source).map_err(unparsable)?;
    parser.enable_rego_v1().map_err(unparsable)?;
    let module = parser.parse().map_err(unparsable)?;
    let package = module.package.refr.span().text().to_string();
    let text: &str = &file.text;
    let globals = globals(&module);
    let mut out = Vec::new();
    for rule in &module.policy {
        let sites = Sites {
            text,
            globals: &globals,
            found: Vec::new(),
            rule_id: None,
            stmts: Vec::new(),
            body: 0,
        }
        .of_rule(rule);
        let (name, line) = match rule.as_ref() {
            Rule::Spec { span, head, .. } => (head_ref(head).span().text(), span.line),
            Rule::Default { span, refr, .. } => (refr.span().text(), span.line),
        };
        let rule_lines = (line, file.line_col(rule.span().end as usize).0 as u32);
        let id = rules
            .iter()
            .find(|r| r.file == file.path && r.line == line as usize)
            .map(|r| r.id.clone())
            .or(sites.rule_id);
        for site in sites.found {
            let (line, column) = file.line_col(site.context.start);
            let before = text[site.context.clone()].to_string();
            let after = format!(
                "{}{}{}",
                &text[site.context.start..site.edit.start],
                site.replacement,
                &text[site.edit.end..site.context.end]
            );
            out.push(Mutant {
                file: file.path.clone(),
                line,
                column,
                operator: site.operator,
                before,
                after,
                rule: id.clone(),
                head: format!("data.{package}.{name}"),
                rule_lines,
                edit: site.edit,
                replacement: site.replacement,
            });
        }
    }
    out.sort_by_key(|m| (m.edit.start, m.operator, m.edit.end));
    Ok(out)
}

fn head_ref(head: &RuleHead) -> &Expr {
    match head {
        RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. } | RuleHead::Func { refr, .. } => {
            refr
        }
    }
}

/// One place to mutate: the bytes replaced, the replacement, and the expression or
/// statement shown as before and after.
struct Site {
    operator: Operator,
    edit: Range<usize>,
    replacement: String,
    context: Range<usize>,
    /// The body statement it mutates as a whole (dropped or negated): an index into
    /// [`Sites::stmts`].
    stmt: Option<usize>,
}

/// The variables of one body statement.
#[derive(Default)]
struct StmtVars {
    /// The rule body it belongs to.
    body: usize,
    /// Those it assigns (`x := …`) or unifies (`x = …`).
    assigns: Vec<String>,
    /// Those it uses as a bare index (`a[x]`), which binds them unless they are bound
    /// elsewhere.
    indexes: Vec<String>,
    /// How often each name occurs in it.
    mentions: HashMap<String, usize>,
}

/// Walks one rule's AST and collects its mutation sites.
struct Sites<'a> {
    text: &'a str,
    found: Vec<Site>,
    /// The first `"rule": "<id>"` of a finding object built in the rule.
    rule_id: Option<String>,
    /// Names defined outside the rule: the module's rules and imports, `input`, `data`.
    globals: &'a HashSet<String>,
    /// The variables of every body statement, in the order walked.
    stmts: Vec<StmtVars>,
    /// The body of the rule being walked (an `else` starts a new one).
    body: usize,
}

impl Sites<'_> {
    /// The bytes of a node. regorus' string tokens span the text between the quotes, so
    /// a node that starts or ends with a string literal is widened by its quote:
    /// nothing else can touch a quote directly.
    fn range(&self, span: &regorus::unstable::Span) -> Range<usize> {
        let bytes = self.text.as_bytes();
        let quote = |i: usize| matches!(bytes.get(i), Some(b'"' | b'`'));
        let (mut start, mut end) = (span.start as usize, span.end as usize);
        if start > 0 && quote(start - 1) {
            start -= 1;
        }
        if quote(end) {
            end += 1;
        }
        start..end
    }

    fn push(
        &mut self,
        operator: Operator,
        edit: Range<usize>,
        replacement: &str,
        context: Range<usize>,
    ) {
        self.found.push(Site {
            operator,
            edit,
            replacement: replacement.to_string(),
            context,
            stmt: None,
        });
    }

    /// Like [`Sites::push`], for a mutation of the `stmt`th statement as a whole.
    fn push_stmt(
        &mut self,
        stmt: usize,
        operator: Operator,
        edit: Range<usize>,
        replacement: &str,
        context: Range<usize>,
    ) {
        self.push(operator, edit, replacement, context);
        if let Some(site) = self.found.last_mut() {
            site.stmt = Some(stmt);
        }
    }

    /// The sites of `rule`, without the statement mutants that would leave a variable
    /// unbound. Dropping `x := f(y)` is a mutant only where `x` is not used again (then
    /// the assignment is a mere test that `f(y)` is defined); negating `a[x]` never is
    /// when `x` is bound there. Such mutants cannot compile, and regorus, which often
    /// notices that only while evaluating, would write a scheduling warning to standard
    /// error for each of them. Names are compared per rule body (the head counts in
    /// each), without regard to the scopes of comprehensions, which errs towards making
    /// no mutant.
    fn of_rule(mut self, rule: &Rule) -> Self {
        self.rule(rule);
        let mut declared = HashSet::new();
        let uses = rule_vars(rule, &mut declared);
        let mut assigners: HashMap<(usize, &str), usize> = HashMap::new();
        let mut indexers: HashMap<(usize, &str), usize> = HashMap::new();
        for s in &self.stmts {
            for v in &s.assigns {
                *assigners.entry((s.body, v.as_str())).or_default() += 1;
            }
            for v in &s.indexes {
                *indexers.entry((s.body, v.as_str())).or_default() += 1;
            }
        }
        let stmts = &self.stmts;
        let globals = self.globals;
        self.found.retain(|site| {
            let Some(s) = site.stmt.map(|i| &stmts[i]) else {
                return true;
            };
            let count = |of: &HashMap<(usize, &str), usize>, v: &str| {
                of.get(&(s.body, v)).copied().unwrap_or(0)
            };
            let free = |v: &str| !declared.contains(v) && !globals.contains(v);
            // The variables only this statement binds.
            let assigned = s
                .assigns
                .iter()
                .filter(|v| free(v) && count(&assigners, v) == 1);
            let indexed = s
                .indexes
                .iter()
                .filter(|v| free(v) && count(&assigners, v) == 0 && count(&indexers, v) == 1);
            let mut own = assigned.chain(indexed);
            let uses = &uses[s.body];
            match site.operator {
                Operator::AddNot => own.next().is_none(),
                Operator::DropExpression => own.all(|v| uses.get(v) <= s.mentions.get(v)),
                _ => true,
            }
        });
        self
    }

    fn rule(&mut self, rule: &Rule) {
        match rule {
            Rule::Spec { head, bodies, .. } => {
                match head {
                    RuleHead::Compr { assign, .. } | RuleHead::Func { assign, .. } => {
                        if let Some(a) = assign {
                            self.expr(&a.value);
                        }
                    }
                    RuleHead::Set { key, .. } => {
                        if let Some(k) = key {
                            self.expr(k);
                        }
                    }
                }
                for (i, body) in bodies.iter().enumerate() {
                    self.body = i;
                    if let Some(a) = &body.assign {
                        self.expr(&a.value);
                    }
                    self.query(&body.query);
                }
            }
            Rule::Default { value, .. } => self.expr(value),
        }
    }

    fn query(&mut self, query: &Query) {
        for stmt in &query.stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &LiteralStmt) {
        let whole = self.range(&stmt.span);
        let index = self.stmts.len();
        self.stmts.push(StmtVars {
            body: self.body,
            ..stmt_vars(stmt)
        });
        match &stmt.literal {
            Literal::Expr { span, expr } => {
                if &self.text[whole.clone()] != "true" {
                    self.push_stmt(
                        index,
                        Operator::DropExpression,
                        whole.clone(),
                        "true",
                        whole.clone(),
                    );
                }
                // `not x := 1` does not compile, and `not x = y` only where both are bound.
                if !matches!(expr.as_ref(), Expr::AssignExpr { .. }) {
                    let at = self.range(span).start;
                    let context = self.range(span);
                    self.push_stmt(index, Operator::AddNot, at..at, "not ", context);
                }
                self.expr(expr);
            }
            Literal::NotExpr { span, expr } => {
                self.push_stmt(
                    index,
                    Operator::DropExpression,
                    whole.clone(),
                    "true",
                    whole.clone(),
                );
                let at = self.range(span);
                let operand = self.range(expr.span()).start;
                self.push(Operator::RemoveNot, at.start..operand, "", at);
                self.expr(expr);
            }
            Literal::Every { domain, query, .. } => {
                self.push_stmt(
                    index,
                    Operator::DropExpression,
                    whole.clone(),
                    "true",
                    whole,
                );
                self.expr(domain);
                self.query(query);
            }
            // Dropping `some x in xs` unbinds `x`: never a valid mutant. Sets in the
            // collection are still mutated.
            Literal::SomeIn { collection, .. } => self.expr(collection),
            Literal::SomeVars { .. } => {}
        }
        for with in &stmt.with_mods {
            self.expr(&with.r#as);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::BoolExpr {
                span, op, lhs, rhs, ..
            } => {
                self.flip(self.range(span), op, lhs, rhs);
                self.expr(lhs);
                self.expr(rhs);
            }
            Expr::Set { span, items, .. } => {
                self.drop_members(self.range(span), items);
                items.iter().for_each(|i| self.expr(i));
            }
            Expr::Array { items, .. } => items.iter().for_each(|i| self.expr(i)),
            Expr::Object { fields, .. } => {
                for (_, key, value) in fields {
                    if self.rule_id.is_none() {
                        self.note_rule_id(key, value);
                    }
                    self.expr(key);
                    self.expr(value);
                }
            }
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                self.expr(term);
                self.query(query);
            }
            Expr::ObjectCompr {
                key, value, query, ..
            } => {
                self.expr(key);
                self.expr(value);
                self.query(query);
            }
            Expr::Call { params, .. } => params.iter().for_each(|p| self.expr(p)),
            Expr::UnaryExpr { expr, .. } => self.expr(expr),
            Expr::RefDot { refr, .. } => self.expr(refr),
            Expr::RefBrack { refr, index, .. } => {
                self.expr(refr);
                self.expr(index);
            }
            Expr::BinExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            Expr::Membership {
                key,
                value,
                collection,
                ..
            } => {
                if let Some(k) = key {
                    self.expr(k);
                }
                self.expr(value);
                self.expr(collection);
            }
            _ => {}
        }
    }

    /// `<`↔`<=`, `>`↔`>=`, `==`↔`!=`: the operator is found in the text between the
    /// operands (which holds nothing else but parentheses, blanks and comments).
    fn flip(&mut self, context: Range<usize>, op: &BoolOp, lhs: &Expr, rhs: &Expr) {
        let (from, to) = match op {
            BoolOp::Lt => ("<", "<="),
            BoolOp::Le => ("<=", "<"),
            BoolOp::Gt => (">", ">="),
            BoolOp::Ge => (">=", ">"),
            BoolOp::Eq => ("==", "!="),
            BoolOp::Ne => ("!=", "=="),
        };
        let gap_start = self.range(lhs.span()).end;
        let gap = &self.text[gap_start..self.range(rhs.span()).start];
        let mut i = 0;
        while i < gap.len() {
            let rest = &gap[i..];
            if rest.starts_with('#') {
                i += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with(from) {
                let at = gap_start + i;
                self.push(Operator::FlipComparison, at..at + from.len(), to, context);
                return;
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// One mutant per member: the member and the separator after it removed (before
    /// it, for the last member); the only member leaves the empty set, `set()`.
    fn drop_members(&mut self, context: Range<usize>, items: &[regorus::unstable::ExprRef]) {
        for (i, item) in items.iter().enumerate() {
            let this = self.range(item.span());
            let edit = if items.len() == 1 {
                context.clone()
            } else if let Some(next) = items.get(i + 1) {
                this.start..self.range(next.span()).start
            } else {
                self.range(items[i - 1].span()).end..this.end
            };
            let replacement = if items.len() == 1 { "set()" } else { "" };
            self.push(Operator::DropSetMember, edit, replacement, context.clone());
        }
    }

    /// Records `"rule": "<id>"` (the rule id of a finding object).
    fn note_rule_id(&mut self, key: &Expr, value: &Expr) {
        if let (Expr::String { value: k, .. }, Expr::String { value: v, .. }) = (key, value) {
            if k.as_string().is_ok_and(|k| k.as_ref() == "rule") {
                self.rule_id = v.as_string().ok().map(|v| v.to_string());
            }
        }
    }
}

/// The variables a pattern (`x`, `[a, b]`, `{"k": v}`) assigns.
fn var_names(pattern: &Expr, out: &mut Vec<String>) {
    match pattern {
        Expr::Var { span, .. } if span.text() != "_" => out.push(span.text().to_string()),
        Expr::Array { items, .. } => items.iter().for_each(|i| var_names(i, out)),
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, _, v)| var_names(v, out)),
        _ => {}
    }
}

/// Names a rule may use without binding them: the module's rules and imports.
fn globals(module: &regorus::unstable::Module) -> HashSet<String> {
    fn leftmost(e: &Expr) -> Option<&str> {
        match e {
            Expr::Var { span, .. } => Some(span.text()),
            Expr::RefDot { refr, .. } | Expr::RefBrack { refr, .. } => leftmost(refr),
            _ => None,
        }
    }
    let mut out: HashSet<String> = ["input", "data"].map(String::from).into();
    for rule in &module.policy {
        let head = match rule.as_ref() {
            Rule::Spec { head, .. } => head_ref(head),
            Rule::Default { refr, .. } => refr,
        };
        out.extend(leftmost(head).map(String::from));
    }
    for import in &module.imports {
        let name = match (&import.r#as, import.refr.as_ref()) {
            (Some(alias), _) => Some(alias.text()),
            (None, Expr::RefDot { field, .. }) => Some(field.0.text()),
            (None, e) => leftmost(e),
        };
        out.extend(name.map(String::from));
    }
    out
}

/// What one body statement may bind, and the names it mentions.
fn stmt_vars(stmt: &LiteralStmt) -> StmtVars {
    let mut vars = StmtVars::default();
    let mut declared = HashSet::new();
    stmt_mentions(stmt, &mut vars.mentions, &mut declared);
    if let Literal::Expr { expr, .. } = &stmt.literal {
        if let Expr::AssignExpr { op, lhs, rhs, .. } = expr.as_ref() {
            var_names(lhs, &mut vars.assigns);
            if *op == AssignOp::Eq {
                var_names(rhs, &mut vars.assigns);
            }
        }
        ref_indexes(expr, &mut vars.indexes);
    }
    vars
}

/// Variables used as a bare index, `a[x]`, outside comprehensions: a reference binds them
/// when they are not bound yet.
fn ref_indexes(expr: &Expr, out: &mut Vec<String>) {
    match expr {
        Expr::RefBrack { refr, index, .. } => {
            if let Expr::Var { span, .. } = index.as_ref() {
                if span.text() != "_" {
                    out.push(span.text().to_string());
                }
            }
            ref_indexes(refr, out);
            ref_indexes(index, out);
        }
        Expr::RefDot { refr, .. } | Expr::UnaryExpr { expr: refr, .. } => ref_indexes(refr, out),
        Expr::Call { params: items, .. } | Expr::Array { items, .. } | Expr::Set { items, .. } => {
            items.iter().for_each(|i| ref_indexes(i, out))
        }
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, k, v)| {
            ref_indexes(k, out);
            ref_indexes(v, out);
        }),
        Expr::BinExpr { lhs, rhs, .. }
        | Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::AssignExpr { lhs, rhs, .. } => {
            ref_indexes(lhs, out);
            ref_indexes(rhs, out);
        }
        Expr::Membership {
            key,
            value,
            collection,
            ..
        } => {
            if let Some(k) = key {
                ref_indexes(k, out);
            }
            ref_indexes(value, out);
            ref_indexes(collection, out);
        }
        _ => {}
    }
}

/// How often each variable name occurs, per body of a rule (the head counted in each);
/// collects the names it declares (`some`, `every`, function arguments).
fn rule_vars(rule: &Rule, declared: &mut HashSet<String>) -> Vec<HashMap<String, usize>> {
    let mut head_uses = HashMap::new();
    let (head, bodies) = match rule {
        Rule::Spec { head, bodies, .. } => (head, bodies),
        Rule::Default { value, .. } => {
            expr_mentions(value, &mut head_uses, declared);
            return vec![head_uses];
        }
    };
    let uses = &mut head_uses;
    match head {
        RuleHead::Compr { assign, .. } => {
            if let Some(a) = assign {
                expr_mentions(&a.value, uses, declared);
            }
        }
        RuleHead::Set { key, .. } => {
            if let Some(k) = key {
                expr_mentions(k, uses, declared);
            }
        }
        RuleHead::Func { args, assign, .. } => {
            for arg in args {
                let mut names = Vec::new();
                var_names(arg, &mut names);
                declared.extend(names);
                expr_mentions(arg, uses, declared);
            }
            if let Some(a) = assign {
                expr_mentions(&a.value, uses, declared);
            }
        }
    }
    if bodies.is_empty() {
        // Statements of comprehensions in the head count as body 0.
        return vec![head_uses];
    }
    bodies
        .iter()
        .map(|body| {
            let mut uses = head_uses.clone();
            if let Some(a) = &body.assign {
                expr_mentions(&a.value, &mut uses, declared);
            }
            for stmt in &body.query.stmts {
                stmt_mentions(stmt, &mut uses, declared);
            }
            uses
        })
        .collect()
}

fn stmt_mentions(
    stmt: &LiteralStmt,
    uses: &mut HashMap<String, usize>,
    declared: &mut HashSet<String>,
) {
    match &stmt.literal {
        Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => {
            expr_mentions(expr, uses, declared)
        }
        Literal::SomeVars { vars, .. } => {
            for v in vars {
                declared.insert(v.text().to_string());
                *uses.entry(v.text().to_string()).or_default() += 1;
            }
        }
        Literal::SomeIn {
            key,
            value,
            collection,
            ..
        } => {
            let mut names = Vec::new();
            if let Some(k) = key {
                var_names(k, &mut names);
                expr_mentions(k, uses, declared);
            }
            var_names(value, &mut names);
            declared.extend(names);
            expr_mentions(value, uses, declared);
            expr_mentions(collection, uses, declared);
        }
        Literal::Every {
            key,
            value,
            domain,
            query,
            ..
        } => {
            declared.extend(key.iter().chain([value]).map(|s| s.text().to_string()));
            expr_mentions(domain, uses, declared);
            for s in &query.stmts {
                stmt_mentions(s, uses, declared);
            }
        }
    }
    for with in &stmt.with_mods {
        expr_mentions(&with.r#as, uses, declared);
    }
}

fn expr_mentions(expr: &Expr, uses: &mut HashMap<String, usize>, declared: &mut HashSet<String>) {
    let mut each = |e: &Expr| expr_mentions(e, uses, declared);
    match expr {
        Expr::Var { span, .. } => *uses.entry(span.text().to_string()).or_default() += 1,
        Expr::Array { items, .. } | Expr::Set { items, .. } | Expr::Call { params: items, .. } => {
            items.iter().for_each(|i| each(i))
        }
        Expr::Object { fields, .. } => fields.iter().for_each(|(_, k, v)| {
            each(k);
            each(v);
        }),
        Expr::RefDot { refr, .. } | Expr::UnaryExpr { expr: refr, .. } => each(refr),
        Expr::RefBrack { refr, index, .. } => {
            each(refr);
            each(index);
        }
        Expr::BinExpr { lhs, rhs, .. }
        | Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::AssignExpr { lhs, rhs, .. } => {
            each(lhs);
            each(rhs);
        }
        Expr::Membership {
            key,
            value,
            collection,
            ..
        } => {
            if let Some(k) = key {
                each(k);
            }
            each(value);
            each(collection);
        }
        Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
            each(term);
            for s in &query.stmts {
                stmt_mentions(s, uses, declared);
            }
        }
        Expr::ObjectCompr {
            key, value, query, ..
        } => {
            each(key);
            each(value);
            for s in &query.stmts {
                stmt_mentions(s, uses, declared);
            }
        }
        _ => {}
    }
}

// --- allow comments ---------------------------------------------------------------------

/// `# mutants: allow <operator> because <reason>` in a policy file.
#[derive(Debug, Clone)]
struct Allow {
    source: SourceText,
    /// The comment's bytes.
    span: Range<usize>,
    /// The line whose mutants it allows.
    line: usize,
    operator: Operator,
    reason: String,
}

impl Allow {
    fn matches(&self, m: &Mutant) -> bool {
        m.file == self.source.path && m.line == self.line && m.operator == self.operator
    }

    fn problem(&self, message: &str, help: &str) -> Problem {
        let operator = self.operator.to_string();
        let values = [("operator", (&operator).into()), ("line", self.line.into())];
        Problem::at(
            Code::MutantsAllow,
            tr(message, &values),
            &self.source,
            self.span.clone(),
            tr(ALLOW_LABEL, &[]),
        )
        .with_help(tr(help, &values))
    }
}

/// A comment of a policy text: its bytes, its text after `#`, and whether code
/// precedes it on its line.
struct Comment {
    span: Range<usize>,
    trailing: bool,
}

/// The comments of a Rego text and the lines (0-based) that hold code. Strings and raw
/// strings are skipped, so a `#` inside them starts no comment.
fn comments(text: &str) -> (Vec<Comment>, Vec<bool>) {
    let mut out = Vec::new();
    let mut code_lines = vec![false; text.split('\n').count()];
    let mut line = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => line += 1,
            '#' => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                out.push(Comment {
                    span: i..end,
                    trailing: code_lines[line],
                });
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
            }
            '"' => {
                code_lines[line] = true;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        // An unterminated string ends with its line.
                        '\n' => {
                            line += 1;
                            break;
                        }
                        _ => {}
                    }
                }
            }
            '`' => {
                code_lines[line] = true;
                for (_, c) in chars.by_ref() {
                    match c {
                        '`' => break,
                        '\n' => {
                            line += 1;
                            code_lines[line] = true;
                        }
                        _ => {}
                    }
                }
            }
            c if !c.is_whitespace() => code_lines[line] = true,
            _ => {}
        }
    }
    (out, code_lines)
}

/// The allow comments of one policy file, or every problem with them.
fn allows_of(file: &SourceText) -> Result<Vec<Allow>, Vec<Problem>> {
    let (comments, code_lines) = comments(&file.text);
    let mut allows = Vec::new();
    let mut problems = Vec::new();
    for comment in comments {
        let body = file.text[comment.span.clone()]
            .trim_start_matches('#')
            .trim();
        let Some(rest) = body.strip_prefix("mutants:") else {
            continue;
        };
        let at = |message: String| {
            Problem::at(
                Code::MutantsAllow,
                message,
                file,
                comment.span.clone(),
                tr(ALLOW_LABEL, &[]),
            )
        };
        let mut words = rest.split_whitespace();
        if words.next() != Some("allow") {
            problems.push(at(tr(ALLOW_SYNTAX, &[])));
            continue;
        }
        let Some(name) = words.next() else {
            problems.push(at(tr(ALLOW_SYNTAX, &[])));
            continue;
        };
        let Some(operator) = Operator::parse(name) else {
            let help = match did_you_mean(name, Operator::ALL.map(Operator::as_str)) {
                Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
                None => tr(ALLOW_UNKNOWN_HELP, &[]),
            };
            problems.push(at(tr(ALLOW_UNKNOWN, &[("name", name.into())])).with_help(help));
            continue;
        };
        let reason = match words.next() {
            Some("because") => words.collect::<Vec<_>>().join(" "),
            _ => String::new(),
        };
        if reason.is_empty() {
            let operator_name = operator.to_string();
            let values = [("operator", (&operator_name).into())];
            problems.push(
                at(tr(ALLOW_NO_REASON, &values)).with_help(tr(ALLOW_NO_REASON_HELP, &values)),
            );
            continue;
        }
        let (comment_line, _) = file.line_col(comment.span.start);
        // At the end of a line it allows that line; on a line of its own, the next
        // line with code.
        let line = if comment.trailing {
            comment_line
        } else {
            code_lines
                .iter()
                .enumerate()
                .skip(comment_line)
                .find(|(_, code)| **code)
                .map_or(comment_line, |(i, _)| i + 1)
        };
        allows.push(Allow {
            source: file.clone(),
            span: comment.span,
            line,
            operator,
            reason,
        });
    }
    if problems.is_empty() {
        Ok(allows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText::new("p/x.rego", "p/x.rego", text)
    }

    /// `(operator, line, before, after)` of every mutant of `text`.
    fn sites(text: &str) -> Vec<(&'static str, usize, String, String)> {
        mutants_of(&source(text), &[])
            .unwrap()
            .into_iter()
            .map(|m| (m.operator.as_str(), m.line, m.before, m.after))
            .collect()
    }

    fn of(
        found: &[(&'static str, usize, String, String)],
        op: &str,
    ) -> Vec<(usize, String, String)> {
        found
            .iter()
            .filter(|s| s.0 == op)
            .map(|s| (s.1, s.2.clone(), s.3.clone()))
            .collect()
    }

    fn pair(line: usize, before: &str, after: &str) -> (usize, String, String) {
        (line, before.to_string(), after.to_string())
    }

    #[test]
    fn comparisons_flip_both_ways() {
        let found = sites(
            "package t\n\nr if {\n\tinput.a < 1\n\tinput.b <= 2\n\tinput.c > 3\n\tinput.d >= 4\n\tinput.e == 5\n\tinput.f != 6\n}\n",
        );
        assert_eq!(
            of(&found, "flip-comparison"),
            vec![
                pair(4, "input.a < 1", "input.a <= 1"),
                pair(5, "input.b <= 2", "input.b < 2"),
                pair(6, "input.c > 3", "input.c >= 3"),
                pair(7, "input.d >= 4", "input.d > 4"),
                pair(8, "input.e == 5", "input.e != 5"),
                pair(9, "input.f != 6", "input.f == 6"),
            ]
        );
    }

    #[test]
    fn comments_and_strings_are_never_mutated() {
        let text = "package t\n\n# not input.x < 1, {\"a\", \"b\"}\nr if {\n\tinput.s == \"a < b, not {\\\"x\\\", \\\"y\\\"}\" # input.t <= 2\n\tinput.u == `raw < {\"p\", \"q\"}`\n}\n";
        let found = sites(text);
        assert_eq!(
            of(&found, "flip-comparison"),
            vec![
                pair(
                    5,
                    "input.s == \"a < b, not {\\\"x\\\", \\\"y\\\"}\"",
                    "input.s != \"a < b, not {\\\"x\\\", \\\"y\\\"}\""
                ),
                pair(
                    6,
                    "input.u == `raw < {\"p\", \"q\"}`",
                    "input.u != `raw < {\"p\", \"q\"}`"
                ),
            ]
        );
        assert!(of(&found, "drop-set-member").is_empty());
        assert!(of(&found, "remove-not").is_empty());
        // Every edit lies outside the comments.
        let (comments, _) = comments(text);
        for m in mutants_of(&source(text), &[]).unwrap() {
            for c in &comments {
                assert!(
                    m.edit.end <= c.span.start || m.edit.start >= c.span.end,
                    "{m:?}"
                );
            }
        }
    }

    #[test]
    fn body_expressions_are_dropped_but_not_declarations() {
        let found = sites(
            "package t\n\nr if {\n\tsome x in input.xs\n\tx.kind == \"laptop\"\n\ty := x.id\n\tnot input.skip[y]\n\tcount(input.xs) > 0 with input.xs as [1]\n\tunused := x.tested\n}\n",
        );
        // `y := x.id` stays: without it `y` is unbound. `unused := x.tested` only tests
        // that `x.tested` is defined, which a test should notice.
        assert_eq!(
            of(&found, "drop-expression"),
            vec![
                pair(5, "x.kind == \"laptop\"", "true"),
                pair(7, "not input.skip[y]", "true"),
                pair(8, "count(input.xs) > 0 with input.xs as [1]", "true"),
                pair(9, "unused := x.tested", "true"),
            ]
        );
    }

    #[test]
    fn not_is_removed_and_added() {
        let found = sites("package t\n\nr if {\n\tnot input.a\n\tinput.b\n\tc := 1\n\tc == 1\n}\n");
        assert_eq!(
            of(&found, "remove-not"),
            vec![pair(4, "not input.a", "input.a")]
        );
        // Not before an assignment: `not c := 1` does not compile.
        assert_eq!(
            of(&found, "add-not"),
            vec![
                pair(5, "input.b", "not input.b"),
                pair(7, "c == 1", "not c == 1")
            ]
        );
    }

    #[test]
    fn each_set_member_is_dropped_once() {
        let found = sites(
            "package t\n\nkinds := {\"laptop\", \"workstation\", \"server\"}\n\none := {\"a\"}\n\nr if {\n\tinput.k in {\"x\",\n\t\t\"y\"}\n}\n",
        );
        assert_eq!(
            of(&found, "drop-set-member"),
            vec![
                pair(
                    3,
                    "{\"laptop\", \"workstation\", \"server\"}",
                    "{\"workstation\", \"server\"}"
                ),
                pair(
                    3,
                    "{\"laptop\", \"workstation\", \"server\"}",
                    "{\"laptop\", \"server\"}"
                ),
                pair(
                    3,
                    "{\"laptop\", \"workstation\", \"server\"}",
                    "{\"laptop\", \"workstation\"}"
                ),
                pair(5, "{\"a\"}", "set()"),
                pair(8, "{\"x\",\n\t\t\"y\"}", "{\"y\"}"),
                pair(8, "{\"x\",\n\t\t\"y\"}", "{\"x\"}"),
            ]
        );
    }

    #[test]
    fn comprehensions_else_bodies_and_functions_are_mutated() {
        let found = sites(
            "package t\n\nbig := {n | some n in input.ns; n > 10}\n\nf(x) := \"low\" if {\n\tx < 5\n} else := \"high\"\n",
        );
        assert_eq!(
            of(&found, "flip-comparison"),
            vec![pair(3, "n > 10", "n >= 10"), pair(6, "x < 5", "x <= 5")]
        );
    }

    #[test]
    fn mutants_name_their_rule() {
        let text = "package tom.t\n\n_kinds := {\"a\", \"b\"}\n\n# METADATA\n# title: T\n# custom:\n#   id: t.first\ndeny contains f if {\n\tinput.n < 1\n\tf := {\"rule\": \"t.first\", \"message\": \"m\"}\n}\n\ndeny contains f if {\n\tinput.n > 9\n\tf := {\"rule\": \"t.second\", \"message\": \"m\"}\n}\n";
        let file = source(text);
        let rules = super::super::metadata::read(&file, false).unwrap();
        let found = mutants_of(&file, &rules).unwrap();
        let named = |line: usize| {
            let m = found.iter().find(|m| m.line == line).unwrap();
            (m.rule.clone(), m.head.clone())
        };
        assert_eq!(named(3), (None, "data.tom.t._kinds".to_string()));
        assert_eq!(
            named(10),
            (Some("t.first".to_string()), "data.tom.t.deny".to_string())
        );
        // Without METADATA: the rule id of the findings the body builds.
        assert_eq!(
            named(15),
            (Some("t.second".to_string()), "data.tom.t.deny".to_string())
        );
    }

    #[test]
    fn mutants_of_the_bundled_policies_stay_out_of_comments() {
        let policies = Policies::bundled().unwrap();
        let mut total = 0;
        for file in &policies.files {
            let (comments, _) = comments(&file.text);
            let found = mutants_of(file, &policies.rules).unwrap();
            total += found.len();
            for m in &found {
                assert_ne!(m.apply(&file.text), *file.text);
                for c in &comments {
                    assert!(
                        m.edit.end <= c.span.start || m.edit.start >= c.span.end,
                        "{}:{} {m:?}",
                        m.file,
                        m.line
                    );
                }
            }
        }
        assert!(total > 100, "{total}");
    }

    #[test]
    fn allow_comments_apply_to_their_line() {
        let text = "package t\n\nr if {\n\tinput.a < 1 # mutants: allow flip-comparison because a is never 1\n\t# mutants: allow drop-expression because  the next line\n\n\tinput.s == \"# mutants: allow add-not\"\n}\n";
        let allows = allows_of(&source(text)).unwrap();
        let got: Vec<(usize, Operator, &str)> = allows
            .iter()
            .map(|a| (a.line, a.operator, a.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (4, Operator::FlipComparison, "a is never 1"),
                (7, Operator::DropExpression, "the next line"),
            ]
        );
    }

    #[test]
    fn malformed_allow_comments_are_problems() {
        let text = "package t\n\nr if {\n\tinput.a < 1 # mutants: allow flip-comparison\n\tinput.b # mutants: allow flip-comparsion because x\n\tinput.c # mutants: skip\n}\n";
        let problems = allows_of(&source(text)).unwrap_err();
        let got: Vec<(usize, String)> = problems
            .iter()
            .map(|p| (p.location().unwrap().1, p.message.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    4,
                    "the allow-list entry for flip-comparison gives no reason".to_string()
                ),
                (5, "`flip-comparsion` is not a mutation".to_string()),
                (6, tr(ALLOW_SYNTAX, &[])),
            ]
        );
        assert_eq!(
            problems[1].help.as_deref(),
            Some("did you mean `flip-comparison`?")
        );
        assert!(problems.iter().all(|p| p.code == Code::MutantsAllow));
    }

    fn policies(rego: &str, test: &str) -> Policies {
        let mut p = Policies::default();
        p.add(
            vec![
                SourceText::new("p/limit.rego", "p/limit.rego", rego),
                SourceText::new("p/limit_test.rego", "p/limit_test.rego", test),
            ],
            false,
        )
        .unwrap();
        p
    }

    fn options() -> Options {
        Options {
            jobs: 2,
            today: "2026-11-22".into(),
            engine: EngineOptions::default(),
        }
    }

    const LIMIT: &str = "package tom.limit\n\ndeny contains \"short\" if {\n\tsome b in input.backup\n\tb.days < 30\n}\n";

    #[test]
    fn a_missed_boundary_survives_and_a_tested_one_is_killed() {
        let weak = "package tom.limit_test\n\nimport data.tom.limit\n\ntest_fires if { count(limit.deny) == 1 with input as {\"backup\": [{\"days\": 3}]} }\n\ntest_quiet if { count(limit.deny) == 0 with input as {\"backup\": [{\"days\": 90}]} }\n";
        let p = policies(LIMIT, weak);
        let run = super::run(&p, &["p/limit.rego".to_string()], &options()).unwrap();
        let survivors: Vec<(&str, &str, &str)> = run
            .survivors()
            .map(|m| {
                (
                    m.mutant.operator.as_str(),
                    m.mutant.before.as_str(),
                    m.mutant.after.as_str(),
                )
            })
            .collect();
        assert_eq!(
            survivors,
            vec![("flip-comparison", "b.days < 30", "b.days <= 30")]
        );
        let summary = run.summary();
        assert_eq!((summary.survived, summary.allowed), (1, 0));
        assert!(summary.killed >= 2, "{summary:?}");

        let strong = format!(
            "{weak}\ntest_boundary if {{ count(limit.deny) == 0 with input as {{\"backup\": [{{\"days\": 30}}]}} }}\n"
        );
        let p = policies(LIMIT, &strong);
        let run = super::run(&p, &["p/limit.rego".to_string()], &options()).unwrap();
        assert_eq!(run.survivors().count(), 0);
        assert!(run.stale.is_empty());
    }

    #[test]
    fn allowed_survivors_and_stale_entries() {
        let allowed = LIMIT.replace(
            "b.days < 30\n",
            "b.days < 30 # mutants: allow flip-comparison because 30 days are never planned\n",
        );
        let weak = "package tom.limit_test\n\nimport data.tom.limit\n\ntest_fires if { count(limit.deny) == 1 with input as {\"backup\": [{\"days\": 3}]} }\n\ntest_quiet if { count(limit.deny) == 0 with input as {\"backup\": [{\"days\": 90}]} }\n";
        let p = policies(&allowed, weak);
        let run = super::run(&p, &["p/limit.rego".to_string()], &options()).unwrap();
        assert_eq!(run.summary().survived, 0);
        assert_eq!(run.summary().allowed, 1);
        assert!(run.stale.is_empty());

        // The same entry once a test kills the mutant: not needed any more.
        let strong = format!(
            "{weak}\ntest_boundary if {{ count(limit.deny) == 0 with input as {{\"backup\": [{{\"days\": 30}}]}} }}\n"
        );
        let p = policies(&allowed, &strong);
        let run = super::run(&p, &["p/limit.rego".to_string()], &options()).unwrap();
        assert_eq!(run.summary().allowed, 0);
        assert_eq!(run.stale.len(), 1);
        assert_eq!(run.stale[0].code, Code::MutantsAllow);

        // An entry for a mutation the line does not have: an error before anything runs.
        let wrong = LIMIT.replace(
            "b.days < 30\n",
            "b.days < 30 # mutants: allow remove-not because there is none\n",
        );
        let errs = super::run(
            &policies(&wrong, weak),
            &["p/limit.rego".to_string()],
            &options(),
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].message.contains("matches no mutant"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn mutants_that_do_not_compile_are_invalid() {
        let weak = "package tom.limit_test\n\nimport data.tom.limit\n\ntest_fires if { count(limit.deny) == 1 with input as {\"backup\": [{\"days\": 3}]} }\n";
        let p = policies(LIMIT, weak);
        let file = &p.files[0];
        let (mut base, _) = p
            .engine_of(None, &p.tests, &EngineOptions::default(), Texts::All)
            .unwrap();
        base.set_input(regorus::Value::new_object());
        let cases = discover(&p.tests);
        let judged = |from: &str, to: &str| {
            let at = file.text.find(from).unwrap();
            let mutant = Mutant {
                file: file.path.clone(),
                line: 1,
                column: 1,
                operator: Operator::DropExpression,
                before: from.into(),
                after: to.into(),
                rule: None,
                head: "data.tom.limit.deny".into(),
                rule_lines: (3, 6),
                edit: at..at + from.len(),
                replacement: to.into(),
            };
            judge(&base, file, &cases.iter().collect::<Vec<_>>(), &mutant)
        };
        // Does not parse.
        assert!(matches!(
            judged("b.days < 30", "b.days <"),
            Outcome::Invalid { .. }
        ));
        // `b` unbound: found while analysing or while evaluating, invalid either way.
        let unbound = judged("some b in input.backup", "true");
        assert!(
            matches!(&unbound, Outcome::Invalid { error } if error.contains('b')),
            "{unbound:?}"
        );
        assert_eq!(
            judged("30", "3"),
            Outcome::Killed {
                test: "data.tom.limit_test.test_fires".into()
            }
        );
    }

    #[test]
    fn statement_mutants_that_would_unbind_a_variable_are_not_made() {
        // Each body binds its own `x`, used in the head: no assignment may go.
        let found = sites(
            "package t\n\nlevel := x if {\n\tx := input.a\n\tx > 1\n} else := x if {\n\tx := 0\n}\n\nr contains t if {\n\tsome b in input.bs\n\tb.tags[t]\n\tb.tags[u]\n}\n",
        );
        assert_eq!(
            of(&found, "drop-expression"),
            vec![pair(5, "x > 1", "true"), pair(13, "b.tags[u]", "true")]
        );
        // `b.tags[t]` binds `t`: negated, it could not.
        assert_eq!(of(&found, "add-not"), vec![pair(5, "x > 1", "not x > 1")]);
    }

    #[test]
    fn only_tests_that_reach_the_mutated_rule_run() {
        let case = |name: &str| TestCase {
            name: name.into(),
            file: "p/x_test.rego".into(),
            line: 1,
        };
        let cases = vec![case("a"), case("b"), case("c")];
        let lines = |file: &str, lines: &[u32]| {
            HashMap::from([(file.to_string(), lines.iter().copied().collect())])
        };
        let reached: Reached = HashMap::from([
            ("a".to_string(), lines("p/x.rego", &[3, 4])),
            ("b".to_string(), lines("p/x.rego", &[9])),
            ("c".to_string(), lines("p/other.rego", &[9])),
        ]);
        let mut mutant = mutants_of(&source("package t\n\nr if {\n\tinput.a < 1\n}\n"), &[])
            .unwrap()
            .remove(0);
        let names = |m: &Mutant| -> Vec<String> {
            reaching(&cases, &reached, m)
                .iter()
                .map(|c| c.name.clone())
                .collect()
        };
        assert_eq!(mutant.rule_lines, (3, 5));
        assert_eq!(names(&mutant), ["a"]);
        mutant.rule_lines = (8, 10);
        assert_eq!(names(&mutant), ["b"]);
        // A rule no test reaches gets every test.
        mutant.rule_lines = (20, 30);
        assert_eq!(names(&mutant), ["a", "b", "c"]);
    }

    #[test]
    fn failing_tests_stop_the_run() {
        let rego = "package tom.limit\n\nlevel := x if {\n\tx := input.a\n\tx > 1\n} else := x if {\n\tx := 0\n}\n";
        let test = "package tom.limit_test\n\nimport data.tom.limit\n\ntest_high if { limit.level == 5 with input as {\"a\": 5} }\n";
        let failing = test.replace("== 5", "== 6");
        let errs = super::run(
            &policies(rego, &failing),
            &["p/limit.rego".to_string()],
            &options(),
        )
        .unwrap_err();
        assert_eq!(errs[0].code, Code::MutantsBaseline);
        assert!(errs[0].message.contains("data.tom.limit_test.test_high"));
    }
}
