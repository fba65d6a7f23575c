//! `tomcheck check` end to end, including the gate (`--base REV`).
//!
//! A plain check runs one revision and renders it. The gate checks the change (HEAD, the
//! working tree, the index or `--rev`) *and* the base with one [`Checker`], matches
//! findings by rule and subject (never by line: the same provider moved down the file is
//! the same finding) and marks each one `new` or `existing`; `--new-only` then fails only
//! on new ones, so legacy debt does not block adoption.
//!
//! The checker is built from the **base** revision's `tomcheck.toml` and repository
//! policies by default: a pull request that switches a rule off, lowers `fail_on` or
//! edits a policy cannot weaken the gate that judges it. Such changes are reported
//! prominently instead (a warning line, a `::notice`, a SARIF notification), and
//! `--policies-from head` opts into the change's own configuration.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use crate::check::{self, CheckOptions, Checker, Outcome};
use crate::cli::{io_problem, CheckArgs, CmdResult, Env, EXIT_FINDINGS, EXIT_OK};
use crate::config::{self, Severity};
use crate::diag::Problem;
use crate::findings::{Finding, Status};
use crate::report::{self, markdown, Context, Format};
use crate::source::{Revision, Source};

/// Where the gate takes `tomcheck.toml` and the repository's policies from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PoliciesFrom {
    /// The base revision: the change under review cannot weaken its own gate.
    #[default]
    Base,
    /// The checked revision: the change's own configuration and policies apply.
    Head,
}

/// How a configuration or policy file differs between the base and the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

/// A configuration or policy file the change touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub kind: ChangeKind,
}

/// The gate's comparison of the change with its base, for the reports.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Short id of the base commit.
    pub base_label: String,
    /// Full id of the base commit.
    pub base_revision: String,
    /// Findings of the base that the change no longer has (their locations dropped: they
    /// point into the base's files).
    pub resolved: Vec<Finding>,
    /// Configuration and policy files that differ between the base and the change.
    pub changes: Vec<Change>,
    pub policies_from: PoliciesFrom,
    /// Why the base contributed no findings, when it could not be checked.
    pub base_note: Option<String>,
}

impl Comparison {
    /// The prominent one-line notice about configuration or policy changes, if any.
    pub fn notice(&self) -> Option<String> {
        if self.changes.is_empty() {
            return None;
        }
        let files = self
            .changes
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Removed => "removed",
                    ChangeKind::Modified => "modified",
                };
                format!("{} ({kind})", c.path)
            })
            .collect::<Vec<_>>()
            .join(", ");
        Some(match self.policies_from {
            PoliciesFrom::Base => format!(
                "this change touches the gate's configuration or policies: {files}. The check \
                 applies them as of the base {}, so the change cannot weaken its own gate; \
                 review them before merging (--policies-from head applies them)",
                self.base_label
            ),
            PoliciesFrom::Head => format!(
                "this change touches the gate's configuration or policies: {files}. They are \
                 applied to this check (--policies-from head), so the change may weaken its \
                 own gate: review them before merging"
            ),
        })
    }

    /// Lines above the human report: configuration changes and base notes.
    pub fn write_human_header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(notice) = self.notice() {
            writeln!(out, "warning: {notice}")?;
            writeln!(out)?;
        }
        if let Some(note) = &self.base_note {
            writeln!(out, "note: {note}")?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// Lines below the human report: the comparison and what the change resolved.
    pub fn write_human_footer(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "compared with base {}: {} resolved",
            self.base_label,
            self.resolved.len()
        )?;
        for f in &self.resolved {
            writeln!(
                out,
                "  resolved: {} {}",
                f.rule,
                crate::report::human::clean(f.subject.as_deref().unwrap_or("")).replace('\n', " ")
            )?;
        }
        Ok(())
    }
}

/// Marks every finding of `head` `new` or `existing` by its key in `base`, and returns
/// the base findings that `head` no longer has.
pub fn mark(head: &mut [Finding], base: &[Finding]) -> Vec<Finding> {
    let base_keys: HashSet<(String, String)> = base.iter().map(Finding::key).collect();
    let head_keys: HashSet<(String, String)> = head.iter().map(Finding::key).collect();
    for f in head.iter_mut() {
        f.status = Some(if base_keys.contains(&f.key()) {
            Status::Existing
        } else {
            Status::New
        });
    }
    base.iter()
        .filter(|f| !f.waived && !head_keys.contains(&f.key()))
        .map(|f| Finding {
            location: None,
            status: None,
            ..f.clone()
        })
        .collect()
}

/// The root's position in its repository: `""` or `"sub/dir/"`, so that reports name
/// files relative to the repository root (what GitHub and SARIF expect).
pub fn repo_prefix(root: &Path) -> String {
    let Some(repo) = crate::source::discover_repository(root) else {
        return String::new();
    };
    let Some(workdir) = repo.workdir() else {
        return String::new();
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let Ok(rel) = root.strip_prefix(&workdir) else {
        return String::new();
    };
    rel.components()
        .filter_map(|c| c.as_os_str().to_str())
        .map(|c| format!("{c}/"))
        .collect()
}

/// Policy files (`*.rego` without tests, reference `*.json`) of the given directories.
fn policy_files(source: &Source, dirs: &[String]) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        for (sub, ext) in [
            (dir.clone(), ".rego"),
            (format!("{dir}/reference"), ".json"),
        ] {
            if let Ok(Some(texts)) = source.read_dir(&sub, ext) {
                for t in texts {
                    if !t.path.ends_with("_test.rego") {
                        files.insert(t.path.clone(), t.text.to_string());
                    }
                }
            }
        }
    }
    files
}

/// Configuration and policy files that differ between `base` and `head`.
pub fn config_changes(base: &Source, head: &Source) -> Vec<Change> {
    let read = |s: &Source| {
        s.read_file(config::FILE)
            .ok()
            .flatten()
            .map(|t| t.text.to_string())
    };
    let (base_text, head_text) = (read(base), read(head));
    let mut changes = Vec::new();
    let kind = |a: Option<&String>, b: Option<&String>| match (a, b) {
        (None, Some(_)) => Some(ChangeKind::Added),
        (Some(_), None) => Some(ChangeKind::Removed),
        (Some(a), Some(b)) if a != b => Some(ChangeKind::Modified),
        _ => None,
    };
    if let Some(k) = kind(base_text.as_ref(), head_text.as_ref()) {
        changes.push(Change {
            path: config::FILE.into(),
            kind: k,
        });
    }
    // The policy directories either side names (a change may point `policies` elsewhere).
    let dirs = |s: &Source| {
        check::read_config(s)
            .unwrap_or_default()
            .policies
            .into_iter()
            .collect::<Vec<_>>()
    };
    let mut all_dirs = dirs(base);
    for d in dirs(head) {
        if !all_dirs.contains(&d) {
            all_dirs.push(d);
        }
    }
    let (a, b) = (policy_files(base, &all_dirs), policy_files(head, &all_dirs));
    let paths: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for path in paths {
        if let Some(k) = kind(a.get(path), b.get(path)) {
            changes.push(Change {
                path: path.clone(),
                kind: k,
            });
        }
    }
    changes
}

/// The revision the gate checks: HEAD, unless `--rev`, `--staged` or `--worktree` say
/// otherwise (a plain check defaults to the working tree instead).
fn gate_head(args: &CheckArgs, revision: Revision) -> Revision {
    match revision {
        Revision::Worktree if !args.worktree => Revision::Commit("HEAD".into()),
        other => other,
    }
}

/// Checks `head` and `base_rev` with one checker and compares their findings.
fn gate(
    head: &Source,
    base_rev: &str,
    policies_from: PoliciesFrom,
    options: CheckOptions,
) -> Result<(Outcome, Checker, Comparison), Vec<Problem>> {
    let base = Source::open_in(
        head.root(),
        head.repository(),
        &Revision::Commit(base_rev.to_string()),
    )
    .map_err(|p| vec![p])?;
    let checker = match policies_from {
        PoliciesFrom::Base => Checker::new(&base, options),
        PoliciesFrom::Head => Checker::new(head, options),
    }
    .map_err(|mut problems| {
        if policies_from == PoliciesFrom::Base {
            problems.push(
                Problem::new(
                    "gate-base-config",
                    format!(
                        "the gate reads tomcheck.toml and the repository's policies from the base {}",
                        base.label()
                    ),
                )
                .with_help(
                    "fix them in the base branch, or pass --policies-from head to use the change's own",
                ),
            );
        }
        problems
    })?;
    let mut outcome = checker.check(head)?;
    let (base_findings, base_note) = if !base.dir_exists(&checker.config.tom) {
        let note = format!(
            "the base {} has no TOM directory `{}/`: every finding counts as new",
            base.label(),
            checker.config.tom
        );
        (Vec::new(), Some(note))
    } else {
        match checker.check(&base) {
            Ok(o) => (o.findings, None),
            Err(problems) => {
                let first = problems.first().map(|p| p.message.as_str()).unwrap_or("");
                let note = format!(
                    "the TOM at the base {} could not be checked ({first}): every finding counts as new",
                    base.label()
                );
                (Vec::new(), Some(note))
            }
        }
    };
    let resolved = mark(&mut outcome.findings, &base_findings);
    let comparison = Comparison {
        base_label: base.label(),
        base_revision: base.commit_id().unwrap_or_default(),
        resolved,
        changes: config_changes(&base, head),
        policies_from,
        base_note,
    };
    Ok((outcome, checker, comparison))
}

/// Runs `tomcheck check` once the options are set: a plain check or the gate.
pub fn run(
    args: &CheckArgs,
    revision: Revision,
    options: CheckOptions,
    env: &mut Env<'_>,
) -> CmdResult {
    let root = options.root.clone();
    let policies_from = args.policies_from.unwrap_or_default();
    let revision = match args.base {
        Some(_) => gate_head(args, revision),
        None => revision,
    };
    let head = Source::open(&root, &revision).map_err(|p| vec![p])?;
    let (outcome, checker, comparison) = match &args.base {
        None => {
            let checker = Checker::new(&head, options)?;
            let outcome = checker.check(&head)?;
            (outcome, checker, None)
        }
        Some(base_rev) => {
            let (outcome, checker, comparison) = gate(&head, base_rev, policies_from, options)?;
            (outcome, checker, Some(comparison))
        }
    };
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(checker.config.fail_on)
        .unwrap_or(Severity::Deny);
    let prefix = repo_prefix(&root);
    let ctx = Context {
        rules: &checker.policies.rules,
        gate: comparison.as_ref(),
        path_prefix: &prefix,
        fail_on,
        new_only: args.new_only,
    };
    report::render_with(&outcome, args.format, env.style, &ctx, env.out).map_err(io_problem)?;
    if args.format == Format::Github {
        write_step_summary(&outcome, &ctx)?;
    }
    let fails = outcome
        .findings
        .iter()
        .any(|f| f.fails(fail_on, args.new_only));
    Ok(if fails { EXIT_FINDINGS } else { EXIT_OK })
}

/// Appends the Markdown summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions sets it.
fn write_step_summary(outcome: &Outcome, ctx: &Context<'_>) -> Result<(), Vec<Problem>> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut text = Vec::new();
    markdown::render(outcome, ctx, &mut text).map_err(io_problem)?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(&text))
        .map_err(|e| {
            vec![Problem::new(
                "io",
                format!(
                    "cannot append the job summary to {}: {e}",
                    Path::new(&path).display()
                ),
            )]
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Severity;

    fn finding(rule: &str, subject: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Deny,
            subject: Some(subject.into()),
            field: None,
            message: format!("{rule} {subject}"),
            help: None,
            legal: None,
            location: None,
            waived: false,
            status: None,
        }
    }

    #[test]
    fn findings_match_by_rule_and_subject() {
        let base = vec![
            finding("avv.missing", "provider:a"),
            finding("avv.missing", "provider:gone"),
        ];
        let mut head = vec![
            finding("avv.missing", "provider:a"),
            finding("avv.missing", "provider:b"),
        ];
        let resolved = mark(&mut head, &base);
        assert_eq!(head[0].status, Some(Status::Existing));
        assert_eq!(head[1].status, Some(Status::New));
        assert_eq!(resolved.len(), 1);
        assert_eq!(resolved[0].subject.as_deref(), Some("provider:gone"));
    }
}
