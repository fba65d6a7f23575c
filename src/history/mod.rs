//! Compliance over history (`tomcheck log`) and the dates of commits.
//!
//! [`log`] walks a range of commits and keeps those that changed the TOM, the policies or
//! `tomcheck.toml` — decided by comparing git tree ids with the first parent, so no file
//! is read for a commit that touched none of them. Each kept commit is evaluated with its
//! *own* configuration and policies (what the tool would have said at that commit).
//!
//! What is evaluated is keyed by tree ids: the blob of `tomcheck.toml`, the tree of the
//! TOM directory and the trees of the policy directories it names (plus the evaluation
//! date). Commits with equal keys — a revert, a merge of an unchanged TOM, a commit that
//! only changed a README — share one evaluation. The distinct keys are evaluated in
//! parallel: `git2::Repository` is not `Sync`, so every worker opens its own repository
//! and prepares its own policies (once per distinct policy set it meets).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use git2::{Oid, Repository};

use crate::config::Config;
use crate::diag::{Code, Problem};
use crate::findings::Summary;
use crate::pipeline::{self, CheckOptions, Checker};
use crate::source::{self, git_problem, BlobCache, Source};

/// The date of a commit, `YYYY-MM-DD`: the committer date in the committer's time zone,
/// i.e. the day the commit entered the history.
pub fn commit_date(commit: &git2::Commit<'_>) -> String {
    let time = commit.time();
    let offset = jiff::tz::Offset::from_seconds(time.offset_minutes().saturating_mul(60))
        .unwrap_or(jiff::tz::Offset::UTC);
    jiff::Timestamp::from_second(time.seconds())
        .map(|ts| {
            ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
                .date()
                .to_string()
        })
        .unwrap_or_else(|_| "0000-00-00".into())
}

/// The date of the commit `spec` names (for `check --rev REV --as-of-commit`).
pub fn commit_date_of(root: &Path, spec: &str) -> Result<String, Vec<Problem>> {
    let repo = source::discover_repository(root).ok_or_else(|| {
        vec![
            Problem::new(Code::GitNoRepo, crate::i18n::tr("problem-git-no-repo", &[]))
                .with_help(crate::i18n::tr("problem-as-of-commit-help", &[])),
        ]
    })?;
    let commit = source::resolve_commit(&repo, spec).map_err(|p| vec![p])?;
    Ok(commit_date(&commit))
}

/// What `tomcheck log` does.
#[derive(Debug, Clone)]
pub struct LogOptions {
    pub check: CheckOptions,
    /// `A..B`, `A...B` or a single revision (its ancestry); `None` means `HEAD`.
    pub range: Option<String>,
    /// Evaluate each commit as of its own date instead of `check.today`.
    pub as_of_commit: bool,
    /// Worker threads (at least one).
    pub jobs: usize,
}

/// Counts of one evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub summary: Summary,
    /// Rule ids with at least one non-waived finding.
    pub rules: BTreeSet<String>,
}

/// One commit that changed the TOM, its policies or its configuration.
#[derive(Debug, Clone)]
pub struct Entry {
    pub commit: String,
    pub short: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The evaluation date used.
    pub today: String,
    /// The counts, or why the commit could not be checked.
    pub result: Result<Evaluation, String>,
    /// Rule ids that fire here but not in the first parent (all of them for a root commit).
    pub appeared: Vec<String>,
    /// Rule ids that fired in the first parent but no longer here.
    pub disappeared: Vec<String>,
}

/// The result of [`log`].
#[derive(Debug, Clone)]
pub struct Log {
    pub range: String,
    /// Newest first, like `git log`.
    pub entries: Vec<Entry>,
    /// Commits in the range.
    pub walked: usize,
    /// Evaluations run: one per distinct key, never more.
    pub evaluations: usize,
}

/// Everything an evaluation depends on: equal keys give equal results.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TreeKey {
    policy: PolicyKey,
    tom: Option<Oid>,
    today: String,
}

/// What a prepared checker depends on: the configuration and the policy trees it names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PolicyKey {
    config: Option<Oid>,
    policies: Vec<(String, Option<Oid>)>,
}

impl TreeKey {
    /// Whether the commit holds anything tomcheck reads.
    fn is_empty(&self) -> bool {
        self.tom.is_none()
            && self.policy.config.is_none()
            && self.policy.policies.iter().all(|p| p.1.is_none())
    }

    fn same_trees(&self, other: &TreeKey) -> bool {
        self.policy == other.policy && self.tom == other.tom
    }
}

struct Walked {
    id: Oid,
    parent: Option<Oid>,
}

/// Evaluates every commit in the range that changed the TOM, policies or configuration.
pub fn log(options: LogOptions) -> Result<Log, Vec<Problem>> {
    let root = options.check.root.clone();
    let repo: &'static Repository = match source::discover_repository(&root) {
        Some(r) => Box::leak(Box::new(r)),
        None => {
            return Err(vec![Problem::new(
                Code::GitNoRepo,
                crate::i18n::tr("problem-git-no-repo", &[]),
            )
            .with_help(crate::i18n::tr("problem-log-no-repo-help", &[]))])
        }
    };
    let range = options.range.clone().unwrap_or_else(|| "HEAD".into());
    let walked = walk(repo, &range)?;
    let today = options.check.today.clone().unwrap_or_else(pipeline::today);

    // Keys on this thread: reading tree ids is cheap and needs no parsing of the TOM.
    let prefix = source::repo_prefix(repo, &root).map_err(|p| vec![p])?;
    let mut keys = KeyCache::new(&root, &prefix, repo, today.clone(), options.as_of_commit);
    let mut listed = Vec::new();
    for w in &walked {
        let key = keys.key(w.id)?;
        let parent_key = match w.parent {
            Some(p) => Some(keys.key(p)?),
            None => None,
        };
        let touched = match &parent_key {
            Some(pk) => !key.same_trees(pk),
            None => !key.is_empty(),
        };
        if touched {
            listed.push((w.id, w.parent, key, parent_key));
        }
    }

    // Distinct keys to evaluate: every listed commit and its first parent (the baseline
    // of "appeared" / "disappeared"), each with one commit that has it.
    let mut jobs: Vec<(TreeKey, Oid)> = Vec::new();
    let mut seen: HashSet<TreeKey> = HashSet::new();
    for (id, parent, key, parent_key) in &listed {
        if seen.insert(key.clone()) {
            jobs.push((key.clone(), *id));
        }
        if let (Some(pk), Some(parent)) = (parent_key, parent) {
            if !pk.is_empty() && seen.insert(pk.clone()) {
                jobs.push((pk.clone(), *parent));
            }
        }
    }
    // Shown for every listed commit and in the file names of an evaluation: computed
    // once per commit, because each lookup probes the object database.
    let shorts: HashMap<Oid, String> = listed
        .iter()
        .map(|l| l.0)
        .chain(jobs.iter().map(|j| j.1))
        .collect::<HashSet<Oid>>()
        .into_iter()
        .map(|id| (id, source::short_id(repo, id)))
        .collect();
    let evaluations = AtomicUsize::new(0);
    let shared = Shared {
        git_dir: repo.path(),
        root: &root,
        prefix: &prefix,
        shorts: &shorts,
        options: &options.check,
    };
    let results = evaluate_all(&shared, &jobs, options.jobs.max(1), &evaluations);

    let mut entries = Vec::with_capacity(listed.len());
    for (id, _, key, parent_key) in listed {
        let commit = repo.find_commit(id).map_err(|e| {
            vec![git_problem(
                &crate::i18n::tr("problem-git-read-commit", &[]),
                &e,
            )]
        })?;
        let result = results
            .get(&key)
            .cloned()
            .unwrap_or_else(|| Err("not evaluated".into()));
        let baseline: Option<Result<Evaluation, String>> = match &parent_key {
            None => Some(Ok(Evaluation {
                summary: Summary::default(),
                rules: BTreeSet::new(),
            })),
            Some(pk) if pk.is_empty() => Some(Ok(Evaluation {
                summary: Summary::default(),
                rules: BTreeSet::new(),
            })),
            Some(pk) => results.get(pk).cloned(),
        };
        let (appeared, disappeared) = match (&result, baseline) {
            (Ok(now), Some(Ok(before))) => (
                now.rules.difference(&before.rules).cloned().collect(),
                before.rules.difference(&now.rules).cloned().collect(),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        entries.push(Entry {
            commit: id.to_string(),
            short: shorts
                .get(&id)
                .cloned()
                .unwrap_or_else(|| source::short_id(repo, id)),
            date: commit_date(&commit),
            author: String::from_utf8_lossy(commit.author().name_bytes()).into_owned(),
            subject: commit
                .summary_bytes()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default(),
            today: key.today.clone(),
            result,
            appeared,
            disappeared,
        });
    }
    Ok(Log {
        range,
        entries,
        walked: walked.len(),
        evaluations: evaluations.into_inner(),
    })
}

/// The commits of a range, newest first.
fn walk(repo: &Repository, range: &str) -> Result<Vec<Walked>, Vec<Problem>> {
    let problem = |e: git2::Error| {
        vec![git_problem(
            &crate::i18n::tr("problem-git-walk", &[("range", range.into())]),
            &e,
        )]
    };
    let mut walk = repo.revwalk().map_err(problem)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
        .map_err(problem)?;
    if let Some((from, to, symmetric)) = split_range(range) {
        // Each side resolved like a single revision, so a date on a ref means commit
        // time here too, never the reflog.
        let side = |spec: &str| {
            let spec = if spec.is_empty() { "HEAD" } else { spec };
            source::resolve_commit(repo, spec)
                .map(|c| c.id())
                .map_err(|mut p| {
                    p.message = format!("unknown range '{range}': {}", p.message);
                    vec![p]
                })
        };
        let (from, to) = (side(from)?, side(to)?);
        walk.push(to).map_err(problem)?;
        if symmetric {
            walk.push(from).map_err(problem)?;
            let base = repo.merge_base(from, to).map_err(problem)?;
            walk.hide(base).map_err(problem)?;
        } else {
            walk.hide(from).map_err(problem)?;
        }
    } else {
        let commit = source::resolve_commit(repo, range).map_err(|p| vec![p])?;
        walk.push(commit.id()).map_err(problem)?;
    }
    let mut out = Vec::new();
    for id in walk {
        let id = id.map_err(problem)?;
        let commit = repo.find_commit(id).map_err(problem)?;
        out.push(Walked {
            id,
            // At the edge of a shallow clone the parent is not there: treat it as a root.
            parent: commit
                .parent_id(0)
                .ok()
                .filter(|p| repo.find_commit(*p).is_ok()),
        });
    }
    Ok(out)
}

/// `A..B` or `A...B` (symmetric) split into its sides; `None` for a single revision.
fn split_range(range: &str) -> Option<(&str, &str, bool)> {
    if let Some((a, b)) = range.split_once("...") {
        return Some((a, b, true));
    }
    range.split_once("..").map(|(a, b)| (a, b, false))
}

/// Computes [`TreeKey`]s, parsing each distinct `tomcheck.toml` once.
struct KeyCache<'a> {
    root: &'a Path,
    prefix: &'a str,
    repo: &'static Repository,
    today: String,
    as_of_commit: bool,
    configs: HashMap<Option<Oid>, Config>,
    keys: HashMap<Oid, TreeKey>,
}

impl<'a> KeyCache<'a> {
    fn new(
        root: &'a Path,
        prefix: &'a str,
        repo: &'static Repository,
        today: String,
        as_of_commit: bool,
    ) -> Self {
        Self {
            root,
            prefix,
            repo,
            today,
            as_of_commit,
            configs: HashMap::new(),
            keys: HashMap::new(),
        }
    }

    fn key(&mut self, id: Oid) -> Result<TreeKey, Vec<Problem>> {
        if let Some(key) = self.keys.get(&id) {
            return Ok(key.clone());
        }
        let source =
            Source::open_commit(self.root, self.repo, self.prefix, id).map_err(|p| vec![p])?;
        let config_id = source.tree_id(crate::config::FILE);
        let config = match self.configs.get(&config_id) {
            Some(c) => c.clone(),
            None => {
                // A broken configuration still gets a key (the blob id); its evaluation
                // reports the problem for that commit.
                let c = pipeline::read_config(&source).unwrap_or_default();
                self.configs.insert(config_id, c.clone());
                c
            }
        };
        let policies = config
            .policies
            .iter()
            .map(|dir| (dir.clone(), source.tree_id(dir)))
            .collect();
        let today = if self.as_of_commit {
            let commit = self.repo.find_commit(id).map_err(|e| {
                vec![git_problem(
                    &crate::i18n::tr("problem-git-read-commit", &[]),
                    &e,
                )]
            })?;
            commit_date(&commit)
        } else {
            self.today.clone()
        };
        let key = TreeKey {
            policy: PolicyKey {
                config: config_id,
                policies,
            },
            tom: source.tree_id(&config.tom),
            today,
        };
        self.keys.insert(id, key.clone());
        Ok(key)
    }
}

type Results = HashMap<TreeKey, Result<Evaluation, String>>;

/// What every evaluating thread reads.
struct Shared<'a> {
    git_dir: &'a Path,
    root: &'a Path,
    /// The root's path inside the repository.
    prefix: &'a str,
    /// Short ids of the commits to evaluate.
    shorts: &'a HashMap<Oid, String>,
    options: &'a CheckOptions,
}

/// Evaluates each job once, on up to `jobs` threads.
fn evaluate_all(
    shared: &Shared<'_>,
    work: &[(TreeKey, Oid)],
    jobs: usize,
    evaluations: &AtomicUsize,
) -> Results {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Results::new());
    let workers = jobs.min(work.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // Evaluating needs the deep stack the main thread has (see limits::stack_size).
            let builder =
                std::thread::Builder::new().stack_size(crate::engine::limits::stack_size());
            let spawned = builder.spawn_scoped(scope, || {
                let mut worker = Worker::new(shared);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((key, id)) = work.get(i) else { break };
                    let result = worker.evaluate(key, *id, evaluations);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(key.clone(), result);
                }
            });
            if spawned.is_err() {
                // No thread with such a stack: the ones that started do the work.
                break;
            }
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// One evaluating thread with its own repository and prepared policies.
struct Worker<'a> {
    repo: Result<&'static Repository, String>,
    shared: &'a Shared<'a>,
    checkers: HashMap<PolicyKey, Result<Checker, String>>,
    blobs: Arc<Mutex<BlobCache>>,
}

impl<'a> Worker<'a> {
    fn new(shared: &'a Shared<'a>) -> Self {
        // `Source` borrows the repository for 'static; one leaked handle per worker.
        let repo = Repository::open(shared.git_dir)
            .map(|r| &*Box::leak(Box::new(r)))
            .map_err(|e| format!("cannot open the repository: {}", e.message()));
        Self {
            repo,
            shared,
            checkers: HashMap::new(),
            blobs: Arc::default(),
        }
    }

    fn evaluate(
        &mut self,
        key: &TreeKey,
        id: Oid,
        evaluations: &AtomicUsize,
    ) -> Result<Evaluation, String> {
        let repo = self.repo.clone()?;
        let shared = self.shared;
        let mut source = Source::open_commit(shared.root, repo, shared.prefix, id)
            .map_err(|p| describe(&[p]))?
            .with_blob_cache(Arc::clone(&self.blobs));
        if let Some(short) = shared.shorts.get(&id) {
            source = source.with_short_id(short.clone());
        }
        let checker = self.checkers.entry(key.policy.clone()).or_insert_with(|| {
            Checker::new(&source, shared.options.clone())
                .map(Checker::with_facts_cache)
                .map_err(|p| describe(&p))
        });
        let checker = checker.as_mut().map_err(|e| e.clone())?;
        checker.options.today = Some(key.today.clone());
        evaluations.fetch_add(1, Ordering::Relaxed);
        let (_, findings, _) = checker.findings(&source).map_err(|p| describe(&p))?;
        Ok(Evaluation {
            summary: Summary::of(&findings),
            rules: findings
                .iter()
                .filter(|f| !f.waived)
                .map(|f| f.rule.clone())
                .collect(),
        })
    }
}

/// A one-line description of input problems for a log row.
fn describe(problems: &[Problem]) -> String {
    match problems {
        [] => "cannot be checked".into(),
        [p] => p.message.clone(),
        [p, rest @ ..] => format!("{} (and {} more problems)", p.message, rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_keys_compare_trees_not_dates() {
        let k = |tom: Option<Oid>, today: &str| TreeKey {
            policy: PolicyKey {
                config: None,
                policies: vec![("policies".into(), None)],
            },
            tom,
            today: today.into(),
        };
        assert!(k(None, "2026-01-01").is_empty());
        let id = Some(Oid::ZERO_SHA1);
        assert!(k(id, "2026-01-01").same_trees(&k(id, "2025-01-01")));
        assert!(!k(id, "2026-01-01").same_trees(&k(None, "2026-01-01")));
    }
}
