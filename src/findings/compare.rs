//! One comparison of two evaluations, used by the gate (`check --base`), `diff` and `log`.
//!
//! Findings are matched by rule and subject, never by line: the same provider moved down
//! the file is the same finding. Only open findings count on either side: a waived
//! finding is accepted, not present, so a finding whose waiver the change removes (or
//! that a waiver hid before) is new, and one the change waives is resolved. The waiver
//! itself is a fact and shows up in the facts diff.
//!
//! The gate judges a change, so it looks closer ([`mark`]). Two things a change can do
//! would otherwise let it pass unnoticed: accept its own findings with a waiver it adds
//! or extends ([`waiver_changes`]), and give an id that carries existing findings to a
//! different entity, so that the new entity's findings match the old one's
//! ([`reassigned_ids`]). The gate lists both, and a finding accepted by such a waiver
//! or about such an id is `new`, not accepted or existing.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{locate, Finding, Location, Status};
use crate::facts::Facts;

type Key = (String, String);

fn open_keys(findings: &[Finding]) -> HashSet<Key> {
    findings
        .iter()
        .filter(|f| !f.waived)
        .map(Finding::key)
        .collect()
}

/// Open findings of `new` that `old` did not have open, and the other way round.
#[derive(Debug, Clone, Default)]
pub struct Delta {
    /// Open findings of the new evaluation without an open twin in the old one.
    pub appeared: Vec<Finding>,
    /// Open findings of the old evaluation without an open twin in the new one.
    pub resolved: Vec<Finding>,
}

/// The delta between two evaluations' findings.
pub fn delta(old: &[Finding], new: &[Finding]) -> Delta {
    let (old_keys, new_keys) = (open_keys(old), open_keys(new));
    let only = |fs: &[Finding], other: &HashSet<Key>| -> Vec<Finding> {
        fs.iter()
            .filter(|f| !f.waived && !other.contains(&f.key()))
            .cloned()
            .collect()
    };
    Delta {
        appeared: only(new, &old_keys),
        resolved: only(old, &new_keys),
    }
}

/// A waiver the change adds, or whose `expires` it moves later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiverChange {
    /// The waiver's id in the change.
    pub id: String,
    pub rule: String,
    pub subject: String,
    pub expires: String,
    /// The latest `expires` of the base's waivers for the same rule and subject; `None`
    /// when the base had none (the waiver is added).
    pub before: Option<String>,
    /// Findings of the change this waiver accepts.
    pub accepts: usize,
    /// The waiver's `expires` in the change's files.
    pub location: Option<Location>,
}

/// The waivers in force on `today` in `new` that `old` did not have for the same rule and
/// subject, or had with an earlier `expires` (in the order of the TOM). Without `old`
/// (the base could not be checked), every waiver in force is added.
pub fn waiver_changes(old: Option<&Facts>, new: &Facts, today: &str) -> Vec<WaiverChange> {
    let mut before: HashMap<Key, String> = HashMap::new();
    for w in old.map(|f| waivers(&f.input)).unwrap_or_default() {
        let latest = before.entry((w.1, w.2)).or_default();
        if w.3 > *latest {
            *latest = w.3;
        }
    }
    waivers(&new.input)
        .into_iter()
        .filter(|w| w.3.as_str() >= today)
        .filter_map(|(id, rule, subject, expires)| {
            let was = before.get(&(rule.clone(), subject.clone())).cloned();
            if was.as_ref().is_some_and(|was| *was >= expires) {
                return None;
            }
            let location = locate(new, &format!("waiver:{id}"), Some("expires"));
            Some(WaiverChange {
                id,
                rule,
                subject,
                expires,
                before: was,
                accepts: 0,
                location,
            })
        })
        .collect()
}

/// `(id, rule, subject, expires)` of every waiver of a policy input.
fn waivers(input: &Value) -> Vec<(String, String, String, String)> {
    input["waiver"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| {
            let text = |k: &str| w[k].as_str().map(str::to_string);
            Some((
                text("id")?,
                text("rule")?,
                text("subject")?,
                text("expires")?,
            ))
        })
        .collect()
}

/// One field that tells which entity an id names, as the change rewrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// An id the change gives to a different entity: the same `kind:id`, but another
/// `name` or `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassigned {
    pub subject: String,
    pub fields: Vec<FieldChange>,
    /// The first changed field in the change's files.
    pub location: Option<Location>,
}

/// The fields that say which entity an id names.
const IDENTITY: [&str; 2] = ["name", "kind"];

/// The ids `new` gives to a different entity than `old` did: an entity of the same kind
/// and id whose `name` or `kind` differs (both written). Waivers are compared by what
/// they accept instead ([`waiver_changes`]).
pub fn reassigned_ids(old: &Facts, new: &Facts) -> Vec<Reassigned> {
    let Some(kinds) = new.input.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (kind, entities) in kinds {
        if kind == "waiver" {
            continue;
        }
        let Some(entities) = entities.as_array() else {
            continue;
        };
        let before: HashMap<&str, &Value> = old.input[kind.as_str()]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| Some((e["id"].as_str()?, e)))
            .collect();
        for entity in entities {
            let Some(id) = entity["id"].as_str() else {
                continue;
            };
            let Some(was) = before.get(id) else {
                continue;
            };
            let fields: Vec<FieldChange> = IDENTITY
                .iter()
                .filter_map(|field| {
                    let (b, a) = (was[*field].as_str()?, entity[*field].as_str()?);
                    (b.trim() != a.trim()).then(|| FieldChange {
                        field: field.to_string(),
                        before: b.to_string(),
                        after: a.to_string(),
                    })
                })
                .collect();
            let Some(first) = fields.first() else {
                continue;
            };
            let subject = format!("{kind}:{id}");
            let location = locate(new, &subject, Some(&first.field));
            out.push(Reassigned {
                subject,
                fields,
                location,
            });
        }
    }
    out
}

/// Marks every open finding of `new` [`Status::New`] or [`Status::Existing`] (an open
/// twin in `old`), and returns the open findings of `old` whose rule and subject `new`
/// no longer reports. A waived finding gets no status: it is accepted, so neither new
/// nor existing (and when the change waived it with a waiver it already had, it is among
/// the resolved ones).
///
/// What the change must not slip past the gate: a finding accepted only by a waiver
/// in `waivers` (added or extended by the change) is marked `new` although waived, and
/// a finding about a subject in `reassigned` is `new` although the old entity under
/// that id had it; neither counts as resolved.
pub fn mark(
    new: &mut [Finding],
    old: &[Finding],
    waivers: &[WaiverChange],
    reassigned: &[Reassigned],
) -> Vec<Finding> {
    let by_change: HashSet<(&str, &str)> = waivers
        .iter()
        .map(|w| (w.rule.as_str(), w.subject.as_str()))
        .collect();
    let moved: HashSet<&str> = reassigned.iter().map(|r| r.subject.as_str()).collect();
    let old_keys: HashSet<Key> = open_keys(old)
        .into_iter()
        .filter(|(_, subject)| !moved.contains(subject.as_str()))
        .collect();
    for f in new.iter_mut() {
        let subject = f.subject.as_deref().unwrap_or("");
        f.status = if f.waived {
            by_change
                .contains(&(f.rule.as_str(), subject))
                .then_some(Status::New)
        } else if old_keys.contains(&f.key()) {
            Some(Status::Existing)
        } else {
            Some(Status::New)
        };
    }
    let still: HashSet<Key> = new
        .iter()
        .filter(|f| f.status.is_some())
        .map(Finding::key)
        .collect();
    old.iter()
        .filter(|f| !f.waived && !still.contains(&f.key()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Severity;

    fn finding(rule: &str, subject: &str, waived: bool) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Deny,
            subject: Some(subject.into()),
            field: None,
            message: format!("{rule} {subject}"),
            help: None,
            legal: None,
            location: None,
            waived,
            status: None,
        }
    }

    #[test]
    fn findings_match_by_rule_and_subject() {
        let base = vec![
            finding("avv.missing", "provider:a", false),
            finding("avv.missing", "provider:gone", false),
        ];
        let mut head = vec![
            finding("avv.missing", "provider:a", false),
            finding("avv.missing", "provider:b", false),
        ];
        let resolved = mark(&mut head, &base, &[], &[]);
        assert_eq!(head[0].status, Some(Status::Existing));
        assert_eq!(head[1].status, Some(Status::New));
        assert_eq!(resolved.len(), 1);
        assert_eq!(resolved[0].subject.as_deref(), Some("provider:gone"));
    }

    /// The gate and `diff` once disagreed here: the gate counted a waived base finding
    /// as existing, `diff` as absent.
    #[test]
    fn waived_findings_count_as_absent_on_both_sides() {
        let old = vec![
            finding("avv.missing", "provider:waived-before", true),
            finding("avv.missing", "provider:waived-now", false),
        ];
        let mut new = vec![
            finding("avv.missing", "provider:waived-before", false),
            finding("avv.missing", "provider:waived-now", true),
        ];
        let d = delta(&old, &new);
        assert_eq!(d.appeared.len(), 1);
        assert_eq!(
            d.appeared[0].subject.as_deref(),
            Some("provider:waived-before")
        );
        assert_eq!(d.resolved.len(), 1);
        assert_eq!(
            d.resolved[0].subject.as_deref(),
            Some("provider:waived-now")
        );
        let resolved = mark(&mut new, &old, &[], &[]);
        assert_eq!(new[0].status, Some(Status::New));
        // Waived in the change: resolved, and not also marked existing.
        assert_eq!(new[1].status, None);
        assert_eq!(resolved.len(), 1);
    }

    /// Facts with the given tables, after providers `a` to `d` in their own file.
    fn facts(text: &str) -> Facts {
        let providers: String = ["a", "b", "c", "d"]
            .iter()
            .map(|id| format!("[[provider]]\nid = \"{id}\"\nname = \"{id}\"\ncountry = \"DE\"\nrole = \"controller\"\n\n"))
            .collect();
        crate::facts::load(vec![
            crate::text::SourceText::new(
                "tom/a.toml",
                "tom/a.toml",
                format!("[organization]\nname = \"X\"\n\n{text}"),
            ),
            crate::text::SourceText::new("tom/b.toml", "tom/b.toml", providers),
        ])
        .unwrap()
    }

    fn waiver(id: &str, subject: &str, expires: &str) -> String {
        format!("[[waiver]]\nid = \"{id}\"\nrule = \"avv.missing\"\nsubject = \"provider:{subject}\"\nreason = \"r\"\napproved_by = \"DPO\"\nexpires = {expires}\n\n")
    }

    #[test]
    fn waivers_added_or_extended_are_changes_the_rest_are_not() {
        let old = facts(&(waiver("a", "a", "2027-01-31") + &waiver("b", "b", "2027-01-31")));
        let new = facts(
            &(waiver("a", "a", "2027-03-31") // extended
                + &waiver("b2", "b", "2027-01-31") // renamed, same risk and date
                + &waiver("c", "c", "2027-01-31") // added
                + &waiver("d", "d", "2026-01-31")), // added, but expired: accepts nothing
        );
        let changes = waiver_changes(Some(&old), &new, "2026-11-22");
        let told: Vec<(&str, Option<&str>)> = changes
            .iter()
            .map(|c| (c.id.as_str(), c.before.as_deref()))
            .collect();
        assert_eq!(told, [("a", Some("2027-01-31")), ("c", None)]);
        assert_eq!(changes[1].location.as_ref().unwrap().line, 26);
        // Without a base every waiver in force is added.
        assert_eq!(waiver_changes(None, &new, "2026-11-22").len(), 3);
    }

    #[test]
    fn an_id_with_another_name_or_kind_is_reassigned() {
        let provider = |name: &str| {
            format!("[[provider]]\nid = \"p\"\nname = \"{name}\"\ncountry = \"DE\"\nrole = \"controller\"\n\n")
        };
        let old = facts(&(provider("Alt GmbH") + &waiver("w", "p", "2027-01-31")));
        // Whitespace around a name, and a waiver now about something else: not an id
        // given to another entity.
        let same = facts(&(provider("Alt GmbH ") + &waiver("w", "a", "2027-01-31")));
        assert_eq!(reassigned_ids(&old, &same), []);
        let other = facts(&provider("Neu AG"));
        let moved = reassigned_ids(&old, &other);
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].subject, "provider:p");
        assert_eq!(
            moved[0].fields,
            [FieldChange {
                field: "name".into(),
                before: "Alt GmbH".into(),
                after: "Neu AG".into()
            }]
        );
    }

    #[test]
    fn the_gate_does_not_let_a_change_accept_or_inherit_findings() {
        let base = vec![
            finding("avv.missing", "provider:legacy", false),
            finding("avv.missing", "provider:debt", false),
        ];
        let mut head = vec![
            finding("avv.missing", "provider:legacy", false),
            finding("avv.missing", "provider:debt", true),
            finding("avv.missing", "provider:own", true),
            finding("avv.missing", "provider:accepted", true),
        ];
        let waiver = |subject: &str| WaiverChange {
            id: "w".into(),
            rule: "avv.missing".into(),
            subject: subject.into(),
            expires: "2099-12-31".into(),
            before: None,
            accepts: 0,
            location: None,
        };
        let reassigned = [Reassigned {
            subject: "provider:legacy".into(),
            fields: Vec::new(),
            location: None,
        }];
        let resolved = mark(
            &mut head,
            &base,
            &[waiver("provider:debt"), waiver("provider:own")],
            &reassigned,
        );
        let status: Vec<Option<Status>> = head.iter().map(|f| f.status).collect();
        assert_eq!(
            status,
            [
                Some(Status::New),
                Some(Status::New),
                Some(Status::New),
                None
            ]
        );
        // Neither the reused id's nor the newly waived debt is resolved.
        assert!(resolved.is_empty(), "{resolved:?}");
        use crate::config::Severity::{Deny, Warn};
        assert!(head[0].fails(Deny, true));
        assert!(head[1].fails(Deny, true) && !head[1].fails(Deny, false));
        assert!(head[1].waived_by_change() && !head[3].waived_by_change());
        assert!(!head[3].fails(Warn, true));
    }
}
