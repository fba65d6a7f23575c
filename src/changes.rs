//! Which configuration and policy files differ between two sources.
//!
//! The gate (`check --base`) and `diff` both list them apart from the facts: a change to
//! `tomcheck.toml` or a policy changes what is judged, not what is true, and a reviewer
//! must see it. Both read the same set of files: `tomcheck.toml` and every `.rego` and
//! `.json` file (tests and reference data included) under the policy directories either
//! side's configuration names, so a change that points `policies` elsewhere is caught too.
//! `tomcheck.toml` comes first, then the policy files by path.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::config;
use crate::pipeline;
use crate::source::Source;

/// How an entity, field or file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Modified,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Modified => "modified",
        }
    }
}

/// A policy or configuration file that differs between two sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    pub path: String,
    pub change: Change,
}

/// `tomcheck.toml` and the repository's policy files (tests and reference data
/// included) that differ between `old` and `new`, by path.
pub fn policy_changes(old: &Source, new: &Source) -> Vec<FileChange> {
    let configs = [
        pipeline::read_config(old).ok(),
        pipeline::read_config(new).ok(),
    ];
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    for config in configs.iter().flatten() {
        dirs.extend(config.policies.iter().cloned());
    }
    let files = |source: &Source| -> BTreeMap<String, Arc<str>> {
        let mut out = BTreeMap::new();
        if let Ok(Some(text)) = source.read_file(config::FILE) {
            out.insert(text.path.clone(), text.text.clone());
        }
        for dir in &dirs {
            for ext in [".rego", ".json"] {
                if let Ok(Some(texts)) = source.read_dir(dir, ext) {
                    out.extend(texts.into_iter().map(|t| (t.path.clone(), t.text.clone())));
                }
            }
        }
        out
    };
    let (mut before, mut after) = (files(old), files(new));
    let paths: BTreeSet<String> = before.keys().chain(after.keys()).cloned().collect();
    // The configuration first: it decides what the policy files even mean.
    let (config, policies): (Vec<String>, Vec<String>) =
        paths.into_iter().partition(|p| p == config::FILE);
    config
        .into_iter()
        .chain(policies)
        .filter_map(|path| {
            let change = match (before.remove(&path), after.remove(&path)) {
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                (Some(b), Some(a)) if b != a => Change::Modified,
                _ => return None,
            };
            Some(FileChange { path, change })
        })
        .collect()
}
