//! Semantic diff of two TOM versions and the compliance delta between them.
//!
//! The diff compares *facts*, not files: entities are matched by kind and id, so moving
//! an entity to another file, reordering keys or reformatting a table is no change. Each
//! changed entity lists its fields with `before` / `after` values under dotted paths
//! (`avv.signed`); free-text fields also carry a word-level inline diff, and lists of ids
//! the elements added and removed, so that every renderer shows the same thing without
//! re-deriving it.
//!
//! The compliance delta evaluates both versions with *one* set of policies (the new
//! version's by default, `--policies-from old`), so that it shows what the change in facts
//! did; a change to the policies or `tomcheck.toml` themselves is listed separately.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::diag::Problem;
use crate::findings::{Finding, Summary};
use crate::pipeline::{self, CheckOptions, Checker, Outcome};
use crate::schema::{self, Field, Ty};
use crate::source::{discover_repository, Revision, Source};

pub use crate::changes::{policy_changes, Change, FileChange};

/// Which version's policies and configuration judge both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PoliciesFrom {
    Old,
    #[default]
    New,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordOp {
    Equal,
    Delete,
    Insert,
}

/// A run of text that is equal, deleted or inserted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub op: WordOp,
    pub text: String,
}

/// One field that differs; `None` means the field is not written in that version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Dotted path below the entity (`text`, `avv.signed`).
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// Word-level diff of a modified free-text field (old text with deletions, new text
    /// with insertions, in reading order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Word>>,
    /// Elements of a modified list that are new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Vec<Value>>,
    /// Elements of a modified list that are gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<Value>>,
}

/// One entity that was added, removed or modified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityChange {
    /// `kind:id`, or `organization`.
    pub subject: String,
    pub kind: String,
    pub change: Change,
    /// The entity's `name` (newest version that has one), for display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A measure's control category, for display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// Every field of an added or removed entity; the differing ones of a modified one.
    pub fields: Vec<FieldChange>,
}

/// One of the two compared versions.
#[derive(Debug, Clone)]
pub struct Side {
    /// What was asked for: `v1.0`, `HEAD~3`, `working tree`, `index`.
    pub spec: String,
    /// `working tree`, `index` or a short commit id.
    pub label: String,
    /// Full commit id.
    pub revision: Option<String>,
    /// The commit's date (committer date in the committer's time zone), `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `organization.name`, `organization.as_of` ("Stand"), `organization.reviewed`.
    pub organization: Option<String>,
    pub as_of: Option<String>,
    pub reviewed: Option<String>,
    /// The evaluation; `None` when this version has no TOM directory yet.
    pub outcome: Option<Outcome>,
}

impl Side {
    /// The findings of this version (none without a TOM).
    pub fn findings(&self) -> &[Finding] {
        self.outcome
            .as_ref()
            .map(|o| o.findings.as_slice())
            .unwrap_or(&[])
    }

    /// Counts of non-waived findings.
    pub fn summary(&self) -> Summary {
        Summary::of(self.findings())
    }
}

/// The whole comparison.
#[derive(Debug, Clone)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub policies_from: PoliciesFrom,
    /// Evaluation date of both versions.
    pub today: String,
    pub changes: Vec<EntityChange>,
    /// Findings of the new version whose rule and subject the old version did not have.
    pub new_findings: Vec<Finding>,
    /// Findings of the old version that the new version no longer has.
    pub resolved_findings: Vec<Finding>,
    /// Policy files and `tomcheck.toml` that differ (listed apart from the facts).
    pub policy_changes: Vec<FileChange>,
}

/// What to compare, and how.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    pub check: CheckOptions,
    pub old: Revision,
    pub new: Revision,
    pub policies_from: PoliciesFrom,
}

/// Compares two versions of the TOM under `options.check.root`.
pub fn diff(options: DiffOptions) -> Result<Diff, Vec<Problem>> {
    let root = options.check.root.clone();
    // One repository for both sources; git2 trees borrow from it.
    let repo = discover_repository(&root).map(|r| &*Box::leak(Box::new(r)));
    let old_source = Source::open_in(&root, repo, &options.old).map_err(|p| vec![p])?;
    let new_source = Source::open_in(&root, repo, &options.new).map_err(|p| vec![p])?;
    let mut check_options = options.check.clone();
    // One date for both evaluations, even across midnight.
    let today = check_options.today.clone().unwrap_or_else(pipeline::today);
    check_options.today = Some(today.clone());
    let judge = match options.policies_from {
        PoliciesFrom::Old => &old_source,
        PoliciesFrom::New => &new_source,
    };
    let checker = Checker::new(judge, check_options)?;
    let old = side(&checker, &old_source, &options.old)?;
    let new = side(&checker, &new_source, &options.new)?;
    let empty = Value::Object(Default::default());
    let input = |s: &Side| {
        s.outcome
            .as_ref()
            .map(|o| o.facts.input.clone())
            .unwrap_or_else(|| empty.clone())
    };
    let changes = facts_diff(&input(&old), &input(&new));
    let crate::findings::compare::Delta {
        appeared: new_findings,
        resolved: resolved_findings,
    } = crate::findings::compare::delta(old.findings(), new.findings());
    let policy_changes = policy_changes(&old_source, &new_source);
    Ok(Diff {
        old,
        new,
        policies_from: options.policies_from,
        today,
        changes,
        new_findings,
        resolved_findings,
        policy_changes,
    })
}

fn side(checker: &Checker, source: &Source, revision: &Revision) -> Result<Side, Vec<Problem>> {
    let spec = match revision {
        Revision::Worktree => "working tree".to_string(),
        Revision::Index => "index".to_string(),
        Revision::Commit(spec) => spec.clone(),
    };
    let date = match (source.repository(), source.commit_id()) {
        (Some(repo), Some(id)) => git2::Oid::from_str(&id)
            .ok()
            .and_then(|oid| repo.find_commit(oid).ok())
            .map(|c| crate::history::commit_date(&c)),
        _ => None,
    };
    let outcome = if source.dir_exists(&checker.config.tom) {
        Some(checker.check(source)?)
    } else {
        None
    };
    let org = outcome.as_ref().map(|o| &o.facts.input["organization"]);
    let text = |key: &str| org.and_then(|o| o[key].as_str()).map(str::to_string);
    Ok(Side {
        spec,
        label: source.label(),
        revision: source.commit_id(),
        date,
        organization: text("name"),
        as_of: text("as_of"),
        reviewed: text("reviewed"),
        outcome,
    })
}

/// The semantic diff of two policy inputs (the shape docs/format.md describes): entities matched by
/// kind and id, ordered by kind (as in the format) and id.
pub fn facts_diff(old: &Value, new: &Value) -> Vec<EntityChange> {
    let mut kinds: Vec<&str> = schema::KINDS.iter().map(|k| k.name).collect();
    for input in [old, new] {
        if let Some(obj) = input.as_object() {
            for key in obj.keys() {
                if !kinds.contains(&key.as_str()) {
                    kinds.push(key);
                }
            }
        }
    }
    let mut out = Vec::new();
    for kind in kinds {
        let (before, after) = (&old[kind], &new[kind]);
        if kind == "organization" || before.is_object() || after.is_object() {
            let as_entity = |v: &Value| v.is_object().then(|| v.clone());
            if let Some(c) = entity_change(
                kind,
                "organization".into(),
                as_entity(before),
                as_entity(after),
            ) {
                out.push(c);
            }
            continue;
        }
        let index = |v: &Value| -> BTreeMap<String, Value> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| Some((e["id"].as_str()?.to_string(), e.clone())))
                .collect()
        };
        let (mut before, mut after) = (index(before), index(after));
        let ids: BTreeSet<String> = before.keys().chain(after.keys()).cloned().collect();
        for id in ids {
            let subject = format!("{kind}:{id}");
            if let Some(c) = entity_change(kind, subject, before.remove(&id), after.remove(&id)) {
                out.push(c);
            }
        }
    }
    out
}

fn entity_change(
    kind: &str,
    subject: String,
    before: Option<Value>,
    after: Option<Value>,
) -> Option<EntityChange> {
    let change = match (&before, &after) {
        (None, None) => return None,
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        (Some(b), Some(a)) if b == a => return None,
        (Some(_), Some(_)) => Change::Modified,
    };
    let flat = |v: &Option<Value>| {
        let mut out = BTreeMap::new();
        if let Some(Value::Object(obj)) = v {
            for (key, value) in obj {
                if key != "id" {
                    flatten(key.clone(), value, &mut out);
                }
            }
        }
        out
    };
    let (mut b, mut a) = (flat(&before), flat(&after));
    let mut paths: Vec<String> = b
        .keys()
        .chain(a.keys())
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    paths.sort_by_cached_key(|p| field_order(kind, p));
    let mut fields = Vec::new();
    for path in paths {
        let (before, after) = (b.remove(&path), a.remove(&path));
        if change == Change::Modified && before == after {
            continue;
        }
        let mut field = FieldChange {
            path,
            before,
            after,
            words: None,
            added: None,
            removed: None,
        };
        if change == Change::Modified {
            refine(kind, &mut field);
        }
        fields.push(field);
    }
    let newest = after.as_ref().or(before.as_ref());
    let text = |key: &str| newest.and_then(|v| v[key].as_str()).map(str::to_string);
    Some(EntityChange {
        subject,
        kind: kind.to_string(),
        change,
        name: text("name"),
        control: if kind == "measure" {
            text("control")
        } else {
            None
        },
        fields,
    })
}

/// Nested tables become dotted paths; lists and scalars are leaves.
fn flatten(path: String, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(obj) if !obj.is_empty() => {
            for (key, value) in obj {
                flatten(format!("{path}.{key}"), value, out);
            }
        }
        _ => {
            out.insert(path, value.clone());
        }
    }
}

/// Fields in the order the format lists them (then unknown ones by name), so that the
/// diff reads the same however the files order their keys.
fn field_order(kind: &str, path: &str) -> Vec<(usize, String)> {
    let mut fields: Option<&[Field]> = schema::kind(kind).map(|k| k.fields);
    path.split('.')
        .map(|part| {
            let pos = fields.and_then(|fs| fs.iter().position(|f| f.name == part));
            let next = pos.and_then(|i| match fields.map(|fs| fs[i].ty) {
                Some(Ty::Table(sub)) => Some(sub),
                _ => None,
            });
            fields = next;
            (pos.unwrap_or(usize::MAX), part.to_string())
        })
        .collect()
}

/// The schema type of a dotted field path.
fn field_type(kind: &str, path: &str) -> Option<Ty> {
    let mut fields: &[Field] = schema::kind(kind)?.fields;
    let mut ty = None;
    for part in path.split('.') {
        let field = fields.iter().find(|f| f.name == part)?;
        ty = Some(field.ty);
        if let Ty::Table(sub) = field.ty {
            fields = sub;
        }
    }
    ty
}

/// Adds the word diff of a modified text field and the elements of a modified list.
fn refine(kind: &str, field: &mut FieldChange) {
    match (&field.before, &field.after) {
        (Some(Value::String(b)), Some(Value::String(a))) => {
            let is_text = matches!(field_type(kind, &field.path), Some(Ty::Text) | None);
            if is_text {
                field.words = Some(word_diff(b, a));
            }
        }
        (b, a)
            if b.as_ref().is_none_or(Value::is_array) && a.as_ref().is_none_or(Value::is_array) =>
        {
            let list = |v: &Option<Value>| {
                v.as_ref()
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            let (b, a) = (list(b), list(a));
            field.added = Some(a.iter().filter(|v| !b.contains(v)).cloned().collect());
            field.removed = Some(b.iter().filter(|v| !a.contains(v)).cloned().collect());
        }
        _ => {}
    }
}

/// A word-level diff that reads well: each changed stretch is one deletion followed by
/// one insertion, and the spaces between changed words belong to the change.
pub fn word_diff(old: &str, new: &str) -> Vec<Word> {
    use similar::{Algorithm, ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    // Tokens alternate between words and whitespace; collect (tag, token).
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut out: Vec<Word> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Word>, del: &mut String, ins: &mut String| {
        for (op, text) in [(WordOp::Delete, del), (WordOp::Insert, ins)] {
            if !text.is_empty() {
                push(out, op, text);
                text.clear();
            }
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let (tag, token) = tokens[i];
        match tag {
            ChangeTag::Delete => del.push_str(token),
            ChangeTag::Insert => ins.push_str(token),
            ChangeTag::Equal => {
                let in_change = !del.is_empty() || !ins.is_empty();
                let next_changes = tokens[i + 1..]
                    .iter()
                    .find(|t| t.0 != ChangeTag::Equal || !t.1.trim().is_empty());
                let bridges = in_change
                    && token.trim().is_empty()
                    && next_changes.is_some_and(|t| t.0 != ChangeTag::Equal);
                if bridges {
                    // A space between two changed words joins them into one change.
                    del.push_str(token);
                    ins.push_str(token);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    push(&mut out, WordOp::Equal, token);
                }
            }
        }
        i += 1;
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

fn push(out: &mut Vec<Word>, op: WordOp, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Word {
            op,
            text: text.to_string(),
        }),
    }
}

/// The configuration a diff was judged with is the judging side's; exposed for reports.
pub fn judging_config(diff: &Diff) -> Option<&Config> {
    let side = match diff.policies_from {
        PoliciesFrom::Old => &diff.old,
        PoliciesFrom::New => &diff.new,
    };
    side.outcome.as_ref().map(|o| &o.config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(ws: &[Word]) -> String {
        ws.iter()
            .map(|w| match w.op {
                WordOp::Equal => w.text.clone(),
                WordOp::Delete => format!("[-{}-]", w.text),
                WordOp::Insert => format!("{{+{}+}}", w.text),
            })
            .collect()
    }

    #[test]
    fn word_diff_groups_changed_words() {
        let w = word_diff(
            "White-Label-Instanzen nutzen zudem physisch getrennte Server.",
            "White-Label-Instanzen nutzen zudem physisch getrennte Datenbanken.",
        );
        assert_eq!(
            words(&w),
            "White-Label-Instanzen nutzen zudem physisch getrennte [-Server.-]{+Datenbanken.+}"
        );
        let w = word_diff("a b c d", "a x y d");
        assert_eq!(words(&w), "a [-b c-]{+x y+} d");
        let w = word_diff("eins zwei", "eins zwei drei");
        assert_eq!(words(&w), "eins zwei{+ drei+}");
    }

    #[test]
    fn word_diff_keeps_every_character_of_both_texts() {
        for (old, new) in [
            ("", "neu eingeführt"),
            ("gestrichen", ""),
            ("Zeile eins\nZeile zwei", "Zeile eins\nZeile drei"),
            ("  Abstände  bleiben ", "Abstände bleiben"),
            ("Grüße 😀 aus Köln", "Grüße 😀 aus München"),
        ] {
            let w = word_diff(old, new);
            let side = |skip: WordOp| -> String {
                w.iter()
                    .filter(|w| w.op != skip)
                    .map(|w| w.text.as_str())
                    .collect()
            };
            assert_eq!(side(WordOp::Insert), old, "{w:?}");
            assert_eq!(side(WordOp::Delete), new, "{w:?}");
        }
    }

    #[test]
    fn key_order_and_file_placement_are_no_change() {
        let old = json!({"provider": [{"id": "a", "name": "A", "role": "processor"}]});
        let new = json!({"provider": [{"role": "processor", "name": "A", "id": "a"}]});
        assert!(facts_diff(&old, &new).is_empty());
    }

    #[test]
    fn nested_fields_and_lists_get_paths_and_elements() {
        let old = json!({"provider": [{"id": "a", "name": "A", "avv": {"signed": "2020-01-01"}}],
                         "backup": [{"id": "b", "systems": ["x", "y"]}]});
        let new = json!({"provider": [{"id": "a", "name": "A", "avv": {"signed": "2024-05-01", "expires": "2027-01-01"}}],
                         "backup": [{"id": "b", "systems": ["y", "z"]}]});
        let d = facts_diff(&old, &new);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].subject, "provider:a");
        let paths: Vec<&str> = d[0].fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["avv.signed", "avv.expires"]);
        assert_eq!(d[0].fields[1].before, None);
        assert_eq!(d[1].subject, "backup:b");
        assert_eq!(d[1].fields[0].added, Some(vec![json!("z")]));
        assert_eq!(d[1].fields[0].removed, Some(vec![json!("x")]));
    }

    #[test]
    fn added_and_removed_entities_list_all_fields() {
        let old = json!({"organization": {"name": "X"}, "system": [{"id": "s", "name": "S"}]});
        let new = json!({"organization": {"name": "X"}, "provider": [{"id": "p", "name": "P", "role": "processor"}]});
        let d = facts_diff(&old, &new);
        let summary: Vec<(&str, Change, usize)> = d
            .iter()
            .map(|c| (c.subject.as_str(), c.change, c.fields.len()))
            .collect();
        assert_eq!(
            summary,
            [
                ("provider:p", Change::Added, 2),
                ("system:s", Change::Removed, 1)
            ]
        );
    }
}
