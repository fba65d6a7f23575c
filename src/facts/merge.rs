//! The files' parts merged into one TOM.
//!
//! Files are added in load order, so "first defined here" always names the earlier
//! file. Ids are collected across files as they come; references can only be judged
//! once every id is known, so they wait until [`Merger::finish`].

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde_json::{Map, Value};

use super::file::{FileFacts, PendingRef};
use super::problems::{self, First};
use super::source_map::{EntityLoc, SourceMap};
use super::Facts;
use crate::diag::Problem;
use crate::schema;
use crate::text::SourceText;

/// kind → id → (file, span of the id value).
type Ids = HashMap<&'static str, HashMap<String, (usize, Range<usize>)>>;

/// Merges the files' parts in file order: entities and ids across files, then every
/// reference against every id.
#[derive(Default)]
pub(super) struct Merger {
    problems: Vec<Problem>,
    entities: HashMap<String, EntityLoc>,
    organization: Option<(Map<String, Value>, usize, Range<usize>)>,
    kinds: BTreeMap<&'static str, Vec<Value>>,
    ids: Ids,
    refs: Vec<(usize, PendingRef)>,
    waiver_rules: Vec<(String, usize, Range<usize>)>,
    /// Whether a file could not be parsed: its ids are unknown.
    incomplete: bool,
}

impl Merger {
    /// Adds the part of `files[file]`.
    pub fn add(&mut self, files: &[SourceText], file: usize, part: FileFacts) {
        let source = &files[file];
        self.problems.extend(part.problems);
        self.incomplete |= part.unreadable;
        if let Some((org, loc)) = part.organization {
            match &self.organization {
                Some((_, other, other_span)) => {
                    let first = First::Elsewhere(&files[*other], other_span.clone());
                    let p = problems::duplicate_organization(source, loc.span, first);
                    self.problems.push(p);
                }
                None => {
                    self.organization = Some((org, file, loc.span.clone()));
                    self.entities
                        .insert("organization".into(), EntityLoc { file, ..loc });
                }
            }
        }
        for e in part.entities {
            if let Some((id, id_span)) = e.id {
                let of_kind = self.ids.entry(e.kind).or_default();
                if let Some((other, other_span)) = of_kind.get(&id) {
                    let first = First::Elsewhere(&files[*other], other_span.clone());
                    let p = problems::duplicate_id(source, id_span, e.kind, &id, first);
                    self.problems.push(p);
                    continue;
                }
                of_kind.insert(id, (file, id_span));
            }
            self.entities.insert(e.subject, EntityLoc { file, ..e.loc });
            self.kinds.entry(e.kind).or_default().push(e.value);
        }
        self.refs.extend(part.refs.into_iter().map(|r| (file, r)));
        self.waiver_rules.extend(
            part.waiver_rules
                .into_iter()
                .map(|(rule, span)| (rule, file, span)),
        );
    }

    /// Checks the references and builds the facts.
    pub fn finish(mut self, files: Vec<SourceText>) -> Result<Facts, Vec<Problem>> {
        self.check_refs(&files);
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let mut input = Map::new();
        if let Some((org, _, _)) = self.organization {
            input.insert("organization".into(), Value::Object(org));
        }
        for kind in schema::KINDS.iter().filter(|k| k.many) {
            if let Some(items) = self.kinds.remove(kind.name) {
                input.insert(kind.name.into(), Value::Array(items));
            }
        }
        Ok(Facts {
            input: Value::Object(input),
            map: SourceMap::new(files, self.entities),
            waiver_rules: self.waiver_rules,
        })
    }

    /// Reports references to ids no file defines, and entities naming themselves.
    ///
    /// When a file could not be parsed, an id it may define is unknown: a reference
    /// that matches no id is not reported then, so one syntax error is one problem,
    /// not one more for every reference into that file.
    fn check_refs(&mut self, files: &[SourceText]) {
        for (file, r) in &self.refs {
            let source = &files[*file];
            let defined = |kind: &&str| {
                self.ids
                    .get(kind)
                    .is_some_and(|of_kind| of_kind.contains_key(&r.id))
            };
            if !r.targets.iter().any(defined) {
                if self.incomplete {
                    continue;
                }
                let ids: Vec<&str> = r
                    .targets
                    .iter()
                    .filter_map(|k| self.ids.get(k))
                    .flat_map(|of_kind| of_kind.keys().map(String::as_str))
                    .collect();
                let p = problems::dangling_reference(
                    source,
                    r.span.clone(),
                    &r.from,
                    r.targets,
                    &r.id,
                    &ids,
                );
                self.problems.push(p);
            } else if is_self_reference(r) {
                let p = problems::self_reference(source, r.span.clone(), &r.from);
                self.problems.push(p);
            }
        }
    }
}

/// A reference to one kind naming the entity it is written in. A waiver's subject
/// names what it waives, never the waiver itself.
fn is_self_reference(r: &PendingRef) -> bool {
    r.targets.len() == 1
        && r.from == format!("{}:{}", r.targets[0], r.id)
        && !r.from.starts_with("waiver:")
}
