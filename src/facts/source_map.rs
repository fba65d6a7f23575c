//! Where every entity and field of the facts was written.
//!
//! Policies see plain JSON; findings come back naming a subject (`provider:hetzner`) and
//! a field (`avv.expires`). The [`SourceMap`] turns that pair back into a file and a byte
//! span, so a finding points at the line that caused it. It is filled while the files
//! are loaded and merged (the only writers are in this module's siblings) and only read
//! afterwards.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::SourceText;

/// Where an entity was written: its file, the span of its table header (or inline
/// table), and the span of each field (`key = value`, nested paths as `avv.expires`).
#[derive(Debug, Clone)]
pub struct EntityLoc {
    pub file: usize,
    pub span: Range<usize>,
    pub fields: Vec<(String, Range<usize>)>,
}

/// The result of [`SourceMap::locate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: usize,
    pub span: Range<usize>,
    /// `false` when the field is not written and the span is its entity or parent.
    pub exact: bool,
}

/// Maps subjects (`provider:hetzner`, `organization`) and fields to source spans.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    pub files: Vec<SourceText>,
    entities: HashMap<String, EntityLoc>,
}

impl SourceMap {
    /// The map of merged facts: the files in load order and every entity by subject.
    pub(super) fn new(files: Vec<SourceText>, entities: HashMap<String, EntityLoc>) -> Self {
        Self { files, entities }
    }

    /// The file and span a finding about `subject` / `field` points at: the field's
    /// `key = value` when it is written, the nearest written parent of a nested field,
    /// or the entity's table when the field is missing.
    pub fn locate(&self, subject: &str, field: Option<&str>) -> Option<Located> {
        let entity = self.entities.get(subject)?;
        let mut path = field.unwrap_or("");
        let mut exact = true;
        while !path.is_empty() {
            if let Some((_, span)) = entity.fields.iter().find(|(p, _)| p == path) {
                return Some(Located {
                    file: entity.file,
                    span: span.clone(),
                    exact,
                });
            }
            exact = false;
            path = path.rfind('.').map(|i| &path[..i]).unwrap_or("");
        }
        Some(Located {
            file: entity.file,
            span: entity.span.clone(),
            exact: field.is_none(),
        })
    }

    /// The location of an entity.
    pub fn entity(&self, subject: &str) -> Option<&EntityLoc> {
        self.entities.get(subject)
    }

    /// All subjects, unordered.
    pub fn subjects(&self) -> impl Iterator<Item = &str> {
        self.entities.keys().map(String::as_str)
    }

    /// Number of entities (organization counts as one).
    pub(super) fn len(&self) -> usize {
        self.entities.len()
    }
}
