//! One comparison of two evaluations, used by the gate (`check --base`), `diff` and `log`.
//!
//! Findings are matched by rule and subject, never by line: the same provider moved down
//! the file is the same finding. Only open findings count on either side: a waived
//! finding is accepted, not present, so a finding whose waiver the change removes (or
//! that a waiver hid before) is new, and one the change waives is resolved. The waiver
//! itself is a fact and shows up in the facts diff.

use std::collections::HashSet;

use super::{Finding, Status};

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

/// Marks every open finding of `new` [`Status::New`] or [`Status::Existing`] (an open
/// twin in `old`), and returns the open findings of `old` that `new` no longer has. A
/// waived finding gets no status: it is accepted, so neither new nor existing (and when
/// the change waived it, it is among the resolved ones).
pub fn mark(new: &mut [Finding], old: &[Finding]) -> Vec<Finding> {
    let old_keys = open_keys(old);
    for f in new.iter_mut() {
        if f.waived {
            f.status = None;
            continue;
        }
        f.status = Some(if old_keys.contains(&f.key()) {
            Status::Existing
        } else {
            Status::New
        });
    }
    delta(old, new).resolved
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
        let resolved = mark(&mut head, &base);
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
        let resolved = mark(&mut new, &old);
        assert_eq!(new[0].status, Some(Status::New));
        // Waived in the change: resolved, and not also marked existing.
        assert_eq!(new[1].status, None);
        assert_eq!(resolved.len(), 1);
    }
}
