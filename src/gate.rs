//! The gate (`check --base REV`): the change and its base checked with one [`Checker`],
//! every finding of the change marked `new` or `existing` (see [`super::compare`]), so
//! that `--new-only` fails only on new ones and legacy debt does not block adoption.
//!
//! The checker is built from the **base** revision's `tomcheck.toml` and repository
//! policies by default: a pull request that switches a rule off, lowers `fail_on` or
//! edits a policy cannot weaken the gate that judges it. Such changes are reported
//! prominently instead (a warning line, a `::notice`, a SARIF notification), and
//! `--policies-from head` opts into the change's own configuration.
//!
//! The change's TOM is looked at just as closely: waivers it adds or extends, and ids it
//! gives to a different entity, are listed in every report ([`ReviewNotice`]), and the
//! findings they would hide count as new (see [`compare::mark`]).

use crate::changes::{policy_changes, FileChange};
use crate::diag::{Code, Problem};
use crate::findings::compare::{self, Reassigned, WaiverChange};
use crate::findings::{Finding, Location};
use crate::i18n::{t, Lang};
use crate::pipeline::{CheckOptions, Checker, Outcome};
use crate::source::{Revision, Source};

/// Where the gate takes `tomcheck.toml` and the repository's policies from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PoliciesFrom {
    /// The base revision: the change under review cannot weaken its own gate.
    #[default]
    Base,
    /// The checked revision: the change's own configuration and policies apply.
    Head,
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
    pub changes: Vec<FileChange>,
    pub policies_from: PoliciesFrom,
    /// Why the base contributed no findings, when it could not be checked.
    pub base_note: Option<String>,
    /// Waivers the change adds or extends: the findings they accept count as new.
    pub waivers: Vec<WaiverChange>,
    /// Ids the change gives to a different entity: their findings count as new.
    pub reassigned: Vec<Reassigned>,
}

/// What kind of change a reviewer must look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    WaiverAdded,
    WaiverExtended,
    IdReassigned,
}

impl ReviewKind {
    /// The kebab-case name of the JSON report and of SARIF.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::WaiverAdded => "waiver-added",
            ReviewKind::WaiverExtended => "waiver-extended",
            ReviewKind::IdReassigned => "id-reassigned",
        }
    }

    /// A short title, for annotations and test cases.
    pub fn title(self, lang: Lang) -> String {
        let id = match self {
            ReviewKind::WaiverAdded => "review-waiver-added",
            ReviewKind::WaiverExtended => "review-waiver-extended",
            ReviewKind::IdReassigned => "review-id-reassigned",
        };
        t(lang, id, &[])
    }
}

/// One change to the TOM that a reviewer must look at: a waiver the change adds or
/// extends, or an id it gives to a different entity. Shown prominently by every report.
#[derive(Debug, Clone)]
pub struct ReviewNotice<'a> {
    pub kind: ReviewKind,
    /// The waiver (`waiver:<id>`) or the entity concerned.
    pub subject: String,
    /// One sentence for people.
    pub text: String,
    /// Where in the change's files.
    pub location: Option<&'a Location>,
}

impl Comparison {
    /// The prominent one-line notice about configuration or policy changes, if any.
    pub fn notice(&self, lang: Lang) -> Option<String> {
        if self.changes.is_empty() {
            return None;
        }
        let files = self
            .changes
            .iter()
            .map(|c| {
                let kind = t(lang, &format!("change-{}", c.change.as_str()), &[]);
                format!("{} ({kind})", c.path)
            })
            .collect::<Vec<_>>()
            .join(", ");
        Some(match self.policies_from {
            PoliciesFrom::Base => t(
                lang,
                "gate-changes-base",
                &[
                    ("files", (&files).into()),
                    ("base", (&self.base_label).into()),
                ],
            ),
            PoliciesFrom::Head => t(lang, "gate-changes-head", &[("files", (&files).into())]),
        })
    }
}

/// `"Name"`, quoted for a sentence.
fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

impl Comparison {
    /// Every waiver the change adds or extends and every id it gives to another entity,
    /// as one sentence each, in the order of the TOM.
    pub fn review_notices(&self) -> Vec<ReviewNotice<'_>> {
        let mut out = Vec::new();
        for w in &self.waivers {
            // Texts far from the command: the run's language.
            let lang = crate::i18n::current();
            let accepts = t(lang, "review-accepts", &[("count", w.accepts.into())]);
            let (id, expires) = (quoted(&w.id), lang.date(&w.expires));
            let mut args = vec![
                ("id", (&id).into()),
                ("rule", (&w.rule).into()),
                ("subject", (&w.subject).into()),
                ("expires", (&expires).into()),
            ];
            let before = w.before.as_deref().map(|b| lang.date(b));
            let (kind, what) = match &before {
                None => (
                    ReviewKind::WaiverAdded,
                    t(lang, "review-adds-waiver", &args),
                ),
                Some(before) => {
                    args.push(("before", before.into()));
                    (
                        ReviewKind::WaiverExtended,
                        t(lang, "review-extends-waiver", &args),
                    )
                }
            };
            out.push(ReviewNotice {
                kind,
                subject: format!("waiver:{}", w.id),
                text: t(
                    lang,
                    "review-waiver",
                    &[("what", (&what).into()), ("accepts", (&accepts).into())],
                ),
                location: w.location.as_ref(),
            });
        }
        for r in &self.reassigned {
            let lang = crate::i18n::current();
            let fields = r
                .fields
                .iter()
                .map(|f| {
                    let (before, after) = (quoted(&f.before), quoted(&f.after));
                    t(
                        lang,
                        "review-field-was",
                        &[
                            ("field", (&f.field).into()),
                            ("before", (&before).into()),
                            ("after", (&after).into()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(ReviewNotice {
                kind: ReviewKind::IdReassigned,
                subject: r.subject.clone(),
                text: t(
                    lang,
                    "review-id-given",
                    &[
                        ("subject", (&r.subject).into()),
                        ("fields", (&fields).into()),
                    ],
                ),
                location: r.location.as_ref(),
            });
        }
        out
    }
}

/// The date of the base commit (in its committer's time zone).
fn base_date(base: &Source) -> Option<String> {
    let repo = base.repository()?;
    let id = git2::Oid::from_str(&base.commit_id()?).ok()?;
    let commit = repo.find_commit(id).ok()?;
    Some(crate::history::commit_date(&commit))
}

/// Checks `head` and `base_rev` with one checker and compares their findings.
pub fn gate(
    head: &Source,
    base_rev: &str,
    policies_from: PoliciesFrom,
    mut options: CheckOptions,
) -> Result<(Outcome, Checker, Comparison), Vec<Problem>> {
    let base = Source::open_in(
        head.root(),
        head.repository(),
        &Revision::Commit(base_rev.to_string()),
    )
    .map_err(|p| vec![p])?;
    if options.waiver_from.is_none() {
        // A waiver's length counts from the base: the change cannot stretch it by
        // waiting, and every run of the gate on the change agrees.
        options.waiver_from = base_date(&base);
    }
    let checker = match policies_from {
        PoliciesFrom::Base => Checker::new(&base, options),
        PoliciesFrom::Head => Checker::new(head, options),
    }
    .map_err(|mut problems| {
        if policies_from == PoliciesFrom::Base {
            problems.push(
                Problem::new(
                    Code::GateBaseConfig,
                    crate::i18n::tr(
                        "problem-gate-base-config",
                        &[("base", (&base.label()).into())],
                    ),
                )
                .with_help(crate::i18n::tr("problem-gate-base-config-help", &[])),
            );
        }
        problems
    })?;
    let mut outcome = checker.check(head)?;
    let (base_outcome, base_note) = if !base.dir_exists(&checker.config.tom) {
        let (label, tom) = (base.label(), checker.config.tom.to_string());
        let note = crate::i18n::tr(
            "gate-base-no-tom",
            &[("base", (&label).into()), ("tom", (&tom).into())],
        );
        (None, Some(note))
    } else {
        match checker.check(&base) {
            Ok(o) => (Some(o), None),
            Err(problems) => {
                let first = problems.first().map(|p| p.message.as_str()).unwrap_or("");
                let label = base.label();
                let note = crate::i18n::tr(
                    "gate-base-unchecked",
                    &[("base", (&label).into()), ("problem", first.into())],
                );
                (None, Some(note))
            }
        }
    };
    let base_facts = base_outcome.as_ref().map(|o| &o.facts);
    let mut waivers = compare::waiver_changes(base_facts, &outcome.facts, &outcome.today);
    let reassigned = base_facts
        .map(|old| compare::reassigned_ids(old, &outcome.facts))
        .unwrap_or_default();
    let base_findings = base_outcome.map(|o| o.findings).unwrap_or_default();
    let resolved = compare::mark(&mut outcome.findings, &base_findings, &waivers, &reassigned)
        .into_iter()
        // They point into the base's files, which the reports do not show.
        .map(|f| Finding {
            location: None,
            status: None,
            ..f
        })
        .collect();
    for w in &mut waivers {
        w.accepts = outcome
            .findings
            .iter()
            .filter(|f| {
                f.waived_by_change() && f.rule == w.rule && f.subject.as_deref() == Some(&w.subject)
            })
            .count();
    }
    let comparison = Comparison {
        base_label: base.label(),
        base_revision: base.commit_id().unwrap_or_default(),
        resolved,
        changes: policy_changes(&base, head),
        policies_from,
        base_note,
        waivers,
        reassigned,
    };
    Ok((outcome, checker, comparison))
}
