//! The check pipeline: source → facts → engine → findings.
//!
//! [`Checker`] holds what stays the same across revisions (policies prepared once,
//! options); [`Checker::check`] runs one revision. The CLI, `diff` and `log` all go
//! through here, so every mode sees the same facts and the same findings.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::{self, Config};
use crate::diag::{Code, Problem};
use crate::engine::{Context, EngineOptions, Policies, Prepared};
use crate::facts::{self, Facts, FactsCache};
use crate::findings::{self, Finding};
use crate::source::{Revision, Source};
use crate::text::SourceText;

/// How to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The directory checked (the repository root, a subdirectory, or any folder).
    pub root: PathBuf,
    /// Evaluation date `YYYY-MM-DD`; `None` means today.
    pub today: Option<String>,
    /// Extra policy directories from the command line (read from disk).
    pub policy_dirs: Vec<PathBuf>,
    /// Skip the bundled policies.
    pub no_builtin: bool,
    pub engine: EngineOptions,
    /// The date `waiver.too-long` counts a waiver's length from; `None` means the
    /// evaluation date. The gate sets the base commit's date.
    pub waiver_from: Option<String>,
}

impl CheckOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            today: None,
            policy_dirs: Vec::new(),
            no_builtin: false,
            engine: EngineOptions::default(),
            waiver_from: None,
        }
    }
}

/// The result of checking one revision.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub facts: Facts,
    pub findings: Vec<Finding>,
    pub config: Config,
    /// `working tree`, `index` or a short commit id.
    pub label: String,
    /// Full commit id when a commit was checked.
    pub revision: Option<String>,
    pub today: String,
}

/// Today's date in the local time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

/// A calendar date written `YYYY-MM-DD`, normalised; `None` when it is not one.
pub fn parse_date(s: &str) -> Option<String> {
    jiff::civil::Date::strptime("%Y-%m-%d", s)
        .ok()
        .map(|d| d.to_string())
}

/// Reads `tomcheck.toml` from a source (defaults when absent).
pub fn read_config(source: &Source) -> Result<Config, Vec<Problem>> {
    match source.read_file(config::FILE).map_err(|p| vec![p])? {
        Some(text) => Config::parse(text),
        None => Ok(Config::default()),
    }
}

/// Loads the policies a configuration asks for: bundled, the repository's directories
/// (read from `source`) and extra directories from disk.
pub fn load_policies(
    source: &Source,
    config: &Config,
    options: &CheckOptions,
) -> Result<Policies, Vec<Problem>> {
    let mut policies = if config.builtin && !options.no_builtin {
        Policies::bundled()?
    } else {
        Policies::default()
    };
    let mut problems = Vec::new();
    for dir in &config.policies {
        match source.read_dir(dir, ".rego") {
            Ok(Some(files)) => {
                if let Err(p) = policies.add(files, false) {
                    problems.extend(p);
                }
            }
            Ok(None) => {}
            Err(p) => problems.extend(p),
        }
        add_reference(source, dir, &mut policies, &mut problems);
    }
    for dir in &options.policy_dirs {
        match policy_dir_on_disk(dir) {
            Ok((disk, files)) => {
                if let Err(p) = policies.add(files, false) {
                    problems.extend(p);
                }
                // A copy of the bundled policies given with --policy needs its reference
                // data as much as one in the repository: without it the rules that look
                // a country up would find nothing and stay quiet.
                add_reference(&disk, ".", &mut policies, &mut problems);
            }
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(policies)
    } else {
        Err(problems)
    }
}

/// A policy directory on disk (`--policy DIR`, `tomcheck test DIR`) opened as a source
/// (for its `reference/`, see [`add_reference`]) and its `.rego` files, named `DIR/…` as
/// given, so diagnostics point where the user looks.
pub fn policy_dir_on_disk(dir: &Path) -> Result<(Source, Vec<SourceText>), Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem::new(
            Code::PolicyDir,
            crate::i18n::tr(
                "problem-policy-dir",
                &[("dir", (&dir.display().to_string()).into())],
            ),
        )]);
    }
    let disk = Source::open(dir, &Revision::Worktree).map_err(|p| vec![p])?;
    let files = disk.read_dir(".", ".rego")?.unwrap_or_default();
    let files = files
        .into_iter()
        .map(|f| {
            let path = dir.join(f.path.trim_start_matches("./"));
            let path = path.to_string_lossy().replace('\\', "/");
            SourceText::new(path.clone(), path, f.text.clone())
        })
        .collect();
    Ok((disk, files))
}

/// Adds the data of the policy directory `dir`'s `reference/` as `data.reference`: a
/// data set there takes the place of a bundled one of the same name.
pub(crate) fn add_reference(
    source: &Source,
    dir: &str,
    policies: &mut Policies,
    problems: &mut Vec<Problem>,
) {
    let root = format!("{}/reference", dir.trim_end_matches('/'));
    let files = data_files(source, &root, problems);
    for (name, value) in crate::engine::data::document(&root, &files, problems) {
        policies.reference.insert(name, value);
    }
}

/// The data files (JSON, YAML) under `dir` of `source`, sorted by path.
pub(crate) fn data_files(
    source: &Source,
    dir: &str,
    problems: &mut Vec<Problem>,
) -> Vec<SourceText> {
    let mut files = Vec::new();
    for ext in crate::engine::data::EXTENSIONS {
        match source.read_dir(dir, ext) {
            Ok(Some(found)) => files.extend(found),
            Ok(None) => {}
            Err(p) => problems.extend(p),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Reads and validates the TOM facts of a source.
pub fn load_facts(source: &Source, config: &Config) -> Result<Facts, Vec<Problem>> {
    load_facts_with(source, config, None)
}

fn load_facts_with(
    source: &Source,
    config: &Config,
    cache: Option<&mut FactsCache>,
) -> Result<Facts, Vec<Problem>> {
    let dir = &config.tom;
    let files = match source.read_dir(dir, ".toml")? {
        Some(files) => files,
        None => {
            return Err(vec![Problem::new(
                Code::NoTom,
                crate::i18n::tr(
                    "problem-no-tom",
                    &[
                        ("dir", dir.into()),
                        ("place", (&source_place(source)).into()),
                    ],
                ),
            )
            .with_help(crate::i18n::tr(
                "problem-no-tom-help",
                &[("dir", dir.into()), ("file", config::FILE.into())],
            ))]);
        }
    };
    if files.is_empty() {
        return Err(vec![Problem::new(
            Code::EmptyTom,
            crate::i18n::tr("problem-empty-tom", &[("dir", dir.into())]),
        )
        .with_help(crate::i18n::tr("problem-empty-tom-help", &[]))]);
    }
    match cache {
        Some(cache) => facts::load_cached(files, cache),
        None => facts::load(files),
    }
}

fn source_place(source: &Source) -> String {
    match source.label().as_str() {
        "working tree" => crate::i18n::tr(
            "problem-place-directory",
            &[("dir", (&source.root().display().to_string()).into())],
        ),
        "index" => crate::i18n::tr("problem-place-index", &[]),
        rev => crate::i18n::tr("problem-place-commit", &[("rev", rev.into())]),
    }
}

/// The facts of a revision, or why they cannot be read.
pub type FactsRead = Result<Facts, Vec<Problem>>;

/// A prepared set of policies for a configuration; reused across revisions.
pub struct Checker {
    pub options: CheckOptions,
    pub policies: Policies,
    pub prepared: Prepared,
    pub config: Config,
    /// Parsed files of the previous revision, when checking many revisions in a row.
    facts_cache: Option<Mutex<FactsCache>>,
}

impl Checker {
    /// Loads configuration and policies from `source` and prepares the engine.
    pub fn new(source: &Source, options: CheckOptions) -> Result<Self, Vec<Problem>> {
        Self::build(source, options, |_| ()).map(|(checker, ())| checker)
    }

    /// [`Checker::new`] and the facts of `source`, read while the bundled policies are
    /// parsed: for a single check ([`Checker::check_facts`]). The facts' problems come
    /// second, as they would from [`Checker::check`].
    pub fn with_facts(
        source: &Source,
        options: CheckOptions,
    ) -> Result<(Self, FactsRead), Vec<Problem>> {
        Self::build(source, options, |config| {
            load_facts_with(source, config, None)
        })
    }

    /// The checker, and what `meanwhile` makes of the configuration while the bundled
    /// policies are being parsed.
    fn build<T>(
        source: &Source,
        options: CheckOptions,
        meanwhile: impl FnOnce(&Config) -> T,
    ) -> Result<(Self, T), Vec<Problem>> {
        // The bundled policies are most of the parsing: it starts on a thread of its own
        // while this one reads the configuration, the metadata, the reference data and
        // (for a single check) the facts.
        let parse = (!options.no_builtin)
            .then(|| Policies::parse_bundled(&options.engine))
            .flatten();
        let config = read_config(source)?;
        let policies = load_policies(source, &config, &options)?;
        let extra = meanwhile(&config);
        let prepared = policies.prepare_from(&options.engine, parse)?;
        let mut problems = config.check_rules(&policies.rule_ids());
        if !problems.is_empty() {
            return Err(std::mem::take(&mut problems));
        }
        let checker = Self {
            options,
            policies,
            prepared,
            config,
            facts_cache: None,
        };
        Ok((checker, extra))
    }

    /// Keeps the parsed files of each checked revision for the next one, so a file
    /// that did not change is not parsed and validated again (see
    /// [`facts::load_cached`]). For `log`; a single check only pays the memory.
    pub fn with_facts_cache(mut self) -> Self {
        self.facts_cache = Some(Mutex::new(FactsCache::default()));
        self
    }

    /// Checks one revision with these policies and this configuration. The TOM
    /// directory is taken from this checker's configuration.
    pub fn check(&self, source: &Source) -> Result<Outcome, Vec<Problem>> {
        let (facts, findings, today) = self.findings(source)?;
        Ok(self.outcome(source, facts, findings, today))
    }

    /// [`Checker::check`] with the facts [`Checker::with_facts`] read.
    pub fn check_facts(&self, source: &Source, facts: FactsRead) -> Result<Outcome, Vec<Problem>> {
        let (facts, findings, today) = self.findings_of(source, facts?)?;
        Ok(self.outcome(source, facts, findings, today))
    }

    fn outcome(
        &self,
        source: &Source,
        facts: Facts,
        findings: Vec<Finding>,
        today: String,
    ) -> Outcome {
        Outcome {
            facts,
            findings,
            config: self.config.clone(),
            label: source.label(),
            revision: source.commit_id(),
            today,
        }
    }

    /// The facts and findings of one revision, and the date they were evaluated as of:
    /// [`Checker::check`] without the labels a report needs (`log` runs this per commit).
    pub fn findings(&self, source: &Source) -> Result<(Facts, Vec<Finding>, String), Vec<Problem>> {
        let mut cache = self
            .facts_cache
            .as_ref()
            .map(|c| c.lock().unwrap_or_else(|e| e.into_inner()));
        let facts = load_facts_with(source, &self.config, cache.as_deref_mut())?;
        drop(cache);
        self.findings_of(source, facts)
    }

    /// [`Checker::findings`] of facts already read.
    fn findings_of(
        &self,
        source: &Source,
        facts: Facts,
    ) -> Result<(Facts, Vec<Finding>, String), Vec<Problem>> {
        let problems = facts.check_waiver_rules(&self.policies.rule_ids());
        if !problems.is_empty() {
            return Err(problems);
        }
        let today = self.options.today.clone().unwrap_or_else(today);
        let context = Context {
            today: today.clone(),
            revision: source.commit_id(),
            waiver_from: Some(
                self.options
                    .waiver_from
                    .clone()
                    .unwrap_or_else(|| today.clone()),
            ),
            max_waiver_days: Some(self.config.max_waiver_days),
        };
        let raw = self.prepared.evaluate(&facts.input, &context)?;
        let findings = findings::build(raw, &facts, &self.config, &today);
        Ok((facts, findings, today))
    }
}

/// Checks one revision with its own configuration and policies.
pub fn check(revision: &Revision, options: CheckOptions) -> Result<Outcome, Vec<Problem>> {
    let source = Source::open(&options.root, revision).map_err(|p| vec![p])?;
    let (checker, facts) = Checker::with_facts(&source, options)?;
    checker.check_facts(&source, facts)
}
