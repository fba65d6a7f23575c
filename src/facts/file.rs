//! One TOM file, parsed and checked against the format on its own.
//!
//! Everything that can be judged from a single file is judged here: TOML syntax,
//! merge-conflict markers, kinds, keys, types, allowed values, dates, id syntax and
//! duplicate ids within the file. What needs all files (duplicates across files,
//! whether a reference names an existing id) is left to the merge, as [`PendingRef`]s
//! and ids. Because a [`FileFacts`] depends on the file's text alone, `load_cached` can
//! keep it for the next revision of the same file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Map, Value};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::problems::{self, First};
use super::source_map::EntityLoc;
use crate::diag::{toml_syntax, Problem};
use crate::schema::{self, Cond, Field, Kind, Presence, Ty};
use crate::text::SourceText;

/// What one file contributes to the facts before the files are merged. It depends on
/// the file alone; entity locations and references say file 0 until merged.
#[derive(Debug, Default, Clone)]
pub(super) struct FileFacts {
    pub problems: Vec<Problem>,
    /// Whether the file could not be read as TOML at all (syntax error, conflict
    /// markers): what it defines is unknown, so references into it cannot be judged.
    pub unreadable: bool,
    /// The organization and where it was written (its span is the table header).
    pub organization: Option<(Map<String, Value>, EntityLoc)>,
    pub entities: Vec<FileEntity>,
    pub refs: Vec<PendingRef>,
    pub waiver_rules: Vec<(String, Range<usize>)>,
}

/// One `[[kind]]` entry.
#[derive(Debug, Clone)]
pub(super) struct FileEntity {
    pub kind: &'static str,
    pub subject: String,
    /// The id and its span, when it is a valid id.
    pub id: Option<(String, Range<usize>)>,
    pub loc: EntityLoc,
    pub value: Value,
}

/// A reference to check once every file is loaded.
#[derive(Debug, Clone)]
pub(super) struct PendingRef {
    /// The kinds whose ids it may name, the first one being the usual one.
    pub targets: &'static [&'static str],
    pub id: String,
    pub span: Range<usize>,
    /// The subject of the entity that refers.
    pub from: String,
}

impl FileFacts {
    /// Parses and checks one file; every problem found is in `problems`.
    pub fn parse(source: &SourceText) -> Self {
        let mut loader = FileLoader {
            source,
            ids: HashMap::new(),
            out: FileFacts::default(),
        };
        loader.load_file();
        loader.out
    }
}

/// Parses and validates one file.
struct FileLoader<'a> {
    source: &'a SourceText,
    /// (kind, id) → span of the id value, for duplicates within the file.
    ids: HashMap<(&'static str, String), Range<usize>>,
    out: FileFacts,
}

type Key<'i> = Spanned<Cow<'i, str>>;

impl FileLoader<'_> {
    fn report(&mut self, problem: Problem) {
        self.out.problems.push(problem);
    }

    /// Reports a value of the wrong type; `None`, for the caller to return. `expected`
    /// names the expected shape (`string`, `date`, …: `problem-expected-*` in the catalogue).
    fn wrong_type<T>(
        &mut self,
        field: &Field,
        value: &Spanned<DeValue<'_>>,
        path: &str,
        expected: &str,
    ) -> Option<T> {
        self.report(problems::wrong_type(
            self.source,
            value,
            path,
            expected,
            field,
        ));
        None
    }

    /// Remembers a reference from `from` to check once all files are merged.
    fn refer(
        &mut self,
        targets: &'static [&'static str],
        id: &str,
        span: Range<usize>,
        from: &str,
    ) {
        self.out.refs.push(PendingRef {
            targets,
            id: id.to_string(),
            span,
            from: from.to_string(),
        });
    }

    fn load_file(&mut self) {
        let source = self.source;
        if let Some(span) = conflict_marker(source) {
            self.report(problems::merge_conflict(source, span));
            self.out.unreadable = true;
            return;
        }
        let (doc, errors) = DeTable::parse_recoverable(&source.text);
        if !errors.is_empty() {
            for e in &errors {
                self.report(toml_syntax(source, e));
            }
            self.out.unreadable = true;
            return;
        }
        for (key, value) in doc.get_ref() {
            let name = key.get_ref().as_ref();
            match schema::kind(name) {
                None => self.report(problems::unknown_kind(source, key.span(), name)),
                Some(kind) if kind.many => self.load_many(kind, key, value),
                Some(kind) => self.load_organization(kind, key, value),
            }
        }
    }

    fn load_organization(
        &mut self,
        kind: &'static Kind,
        key: &Key<'_>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let source = self.source;
        let DeValue::Table(table) = value.get_ref() else {
            self.report(problems::organization_not_table(source, value));
            return;
        };
        let header = header_span(source, key.span(), value.span());
        if let Some((_, first)) = &self.out.organization {
            let first = First::InFile(first.span.clone());
            self.report(problems::duplicate_organization(source, header, first));
            return;
        }
        let mut loc = EntityLoc {
            file: 0,
            span: header.clone(),
            fields: Vec::new(),
        };
        let obj = self.table(kind.fields, table, "organization", "", &mut loc, header);
        self.out.organization = Some((obj, loc));
    }

    fn load_many(&mut self, kind: &'static Kind, key: &Key<'_>, value: &Spanned<DeValue<'_>>) {
        let source = self.source;
        let DeValue::Array(items) = value.get_ref() else {
            let span = key.span().start..value.span().end.max(key.span().end);
            let p = problems::not_array_of_tables(source, span, kind.name, value.get_ref());
            self.report(p);
            return;
        };
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.report(problems::entry_not_table(source, item, kind.name));
                continue;
            };
            let header = header_span(source, key.span(), item.span());
            let id = table
                .get("id")
                .and_then(|v| v.get_ref().as_str().map(|s| (s.to_string(), v.span())));
            let subject = match &id {
                Some((id, _)) => format!("{}:{id}", kind.name),
                None => format!("{}:#{}", kind.name, header.start),
            };
            let mut loc = EntityLoc {
                file: 0,
                span: header.clone(),
                fields: Vec::new(),
            };
            let obj = self.table(kind.fields, table, &subject, "", &mut loc, header);
            let id = id.filter(|(id, _)| schema::is_valid_id(id));
            if let Some((id, id_span)) = &id {
                let key = (kind.name, id.clone());
                if let Some(first) = self.ids.get(&key) {
                    let first = First::InFile(first.clone());
                    let p = problems::duplicate_id(source, id_span.clone(), kind.name, id, first);
                    self.report(p);
                    continue;
                }
                self.ids.insert(key, id_span.clone());
            }
            self.out.entities.push(FileEntity {
                kind: kind.name,
                subject,
                id,
                loc,
                value: Value::Object(obj),
            });
        }
    }

    /// Validates one table against `fields`, recording spans under `prefix`.
    fn table(
        &mut self,
        fields: &'static [Field],
        table: &DeTable<'_>,
        subject: &str,
        prefix: &str,
        loc: &mut EntityLoc,
        span: Range<usize>,
    ) -> Map<String, Value> {
        let source = self.source;
        let mut out = Map::new();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            // Most fields sit at the top of an entity: no formatting for them (a tenth
            // of the loader's instructions at 10,000 entities).
            let path = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}{name}")
            };
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                let p = problems::unknown_key(source, key.span(), subject, &path, name, fields);
                self.report(p);
                continue;
            };
            let full =
                key.span().start.min(value.span().start)..value.span().end.max(key.span().end);
            let v = self.value(field, value, subject, &path, loc);
            loc.fields.push((path, full));
            if let Some(v) = v {
                out.insert(name.to_string(), v);
            }
        }
        for field in fields {
            if matches!(field.presence, Presence::Optional) {
                continue;
            }
            let written = table.contains_key(field.name);
            let holds = |c: Cond| match c {
                Cond::Is(key, value) => table
                    .get(key)
                    .and_then(|v| v.get_ref().as_str())
                    .is_some_and(|s| s == value),
                Cond::Has(key) => table.contains_key(key),
            };
            let problem = match field.presence {
                Presence::Required if !written => Some(problems::missing_key(
                    source,
                    span.clone(),
                    subject,
                    prefix,
                    field,
                )),
                Presence::RequiredWhen(c) if !written && holds(c) => Some(problems::missing_key(
                    source,
                    span.clone(),
                    subject,
                    prefix,
                    field,
                )),
                Presence::RequiredUnless(cs) if !written && !cs.iter().any(|&c| holds(c)) => Some(
                    problems::missing_key_unless(source, span.clone(), subject, prefix, field, cs),
                ),
                Presence::OnlyWhen(c) if written && !holds(c) => {
                    let key = table.get_key_value(field.name).map(|(k, _)| k.span());
                    Some(problems::key_not_applicable(
                        source,
                        key.unwrap_or(span.clone()),
                        prefix,
                        field,
                        c,
                    ))
                }
                _ => None,
            };
            if let Some(p) = problem {
                self.report(p);
            }
        }
        out
    }

    /// The JSON value of one field, or `None` when it is invalid (already reported).
    fn value(
        &mut self,
        field: &'static Field,
        value: &Spanned<DeValue<'_>>,
        subject: &str,
        path: &str,
        loc: &mut EntityLoc,
    ) -> Option<Value> {
        let v = value.get_ref();
        match field.ty {
            Ty::Text
            | Ty::Country
            | Ty::Id
            | Ty::Enum(_)
            | Ty::Ref(_)
            | Ty::Subject
            | Ty::RuleId => {
                let Some(s) = v.as_str() else {
                    return self.wrong_type(field, value, path, "string");
                };
                self.check_string(field, s, value.span(), subject, path)?;
                Some(Value::String(s.to_string()))
            }
            Ty::Bool => match v.as_bool() {
                Some(b) => Some(Value::Bool(b)),
                None => self.wrong_type(field, value, path, "bool"),
            },
            Ty::Count => match count(v) {
                Some(n) => Some(Value::from(n)),
                None => self.wrong_type(field, value, path, "count"),
            },
            Ty::Date => self.date(field, value, path),
            Ty::RefList(targets) => self.ref_list(field, targets, value, subject, path, loc),
            Ty::Places | Ty::EnumList(_) => self.string_list(field, value, path, loc),
            Ty::TableList(fields) => {
                let Some(items) = v.as_array() else {
                    return self.wrong_type(field, value, path, "table-list");
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let Some(table) = item.get_ref().as_table() else {
                        let item_path = format!("{path}[{i}]");
                        self.wrong_type::<()>(field, item, &item_path, "table");
                        continue;
                    };
                    loc.fields.push((format!("{path}[{i}]"), item.span()));
                    let prefix = format!("{path}[{i}].");
                    let obj = self.table(fields, table, subject, &prefix, loc, item.span());
                    out.push(Value::Object(obj));
                }
                Some(Value::Array(out))
            }
            Ty::Table(fields) => {
                let Some(table) = v.as_table() else {
                    return self.wrong_type(field, value, path, "inline-table");
                };
                let prefix = format!("{path}.");
                let obj = self.table(fields, table, subject, &prefix, loc, value.span());
                Some(Value::Object(obj))
            }
        }
    }

    /// A list of ids; each is recorded in the source map (`path[i]`) and checked once
    /// merged. Items that are no string are reported and left out.
    fn ref_list(
        &mut self,
        field: &Field,
        targets: &'static [&'static str],
        value: &Spanned<DeValue<'_>>,
        subject: &str,
        path: &str,
        loc: &mut EntityLoc,
    ) -> Option<Value> {
        let Some(items) = value.get_ref().as_array() else {
            return self.wrong_type(field, value, path, "id-list");
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(s) = item.get_ref().as_str() else {
                self.report(problems::id_not_string(self.source, item, path));
                continue;
            };
            loc.fields.push((format!("{path}[{i}]"), item.span()));
            if self.check_id_syntax(s, item.span(), path) {
                self.refer(targets, s, item.span(), subject);
            }
            out.push(Value::String(s.to_string()));
        }
        Some(Value::Array(out))
    }

    /// A list of strings checked one by one: places (countries and regions) or values
    /// of a vocabulary. Each is recorded in the source map (`path[i]`); invalid items
    /// are reported and the list is left out.
    fn string_list(
        &mut self,
        field: &Field,
        value: &Spanned<DeValue<'_>>,
        path: &str,
        loc: &mut EntityLoc,
    ) -> Option<Value> {
        let expected = match field.ty {
            Ty::Places => "places",
            _ => "strings",
        };
        let Some(items) = value.get_ref().as_array() else {
            return self.wrong_type(field, value, path, expected);
        };
        let mut out = Vec::new();
        let mut valid = true;
        for (i, item) in items.iter().enumerate() {
            let Some(s) = item.get_ref().as_str() else {
                self.wrong_type::<()>(field, item, &format!("{path}[{i}]"), "string");
                valid = false;
                continue;
            };
            loc.fields.push((format!("{path}[{i}]"), item.span()));
            let problem = match field.ty {
                Ty::Places if !is_country_code(s) && !schema::REGIONS.contains(&s) => {
                    Some(problems::invalid_place(self.source, item.span(), path, s))
                }
                Ty::EnumList(values) if !values.contains(&s) => Some(problems::invalid_value(
                    self.source,
                    item.span(),
                    path,
                    s,
                    values,
                )),
                _ => None,
            };
            if let Some(p) = problem {
                self.report(p);
                valid = false;
            }
            out.push(Value::String(s.to_string()));
        }
        valid.then_some(Value::Array(out))
    }

    /// A TOML local date as `"YYYY-MM-DD"`, the form policies compare.
    fn date(&mut self, field: &Field, value: &Spanned<DeValue<'_>>, path: &str) -> Option<Value> {
        let Some(dt) = value.get_ref().as_datetime() else {
            return self.wrong_type(field, value, path, "date");
        };
        let (Some(d), None, None) = (dt.date, dt.time, dt.offset) else {
            self.report(problems::date_with_time(self.source, value.span(), path));
            return None;
        };
        if jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).is_err() {
            self.report(problems::invalid_date(self.source, value.span(), path));
            return None;
        }
        Some(Value::String(format!(
            "{:04}-{:02}-{:02}",
            d.year, d.month, d.day
        )))
    }

    /// Checks string-typed fields; `None` when invalid (already reported).
    fn check_string(
        &mut self,
        field: &Field,
        s: &str,
        span: Range<usize>,
        subject: &str,
        path: &str,
    ) -> Option<()> {
        let source = self.source;
        let problem = match field.ty {
            Ty::Id if !schema::is_valid_id(s) => problems::invalid_id(source, span, s),
            Ty::Country if !is_country_code(s) => problems::invalid_country(source, span, path, s),
            Ty::Enum(values) if !values.contains(&s) => {
                problems::invalid_value(source, span, path, s, values)
            }
            Ty::Ref(targets) => {
                if self.check_id_syntax(s, span.clone(), path) {
                    self.refer(targets, s, span, subject);
                }
                return Some(());
            }
            Ty::Subject if s != "organization" => {
                self.waiver_subject(s, span, subject);
                return Some(());
            }
            Ty::RuleId => {
                self.out.waiver_rules.push((s.to_string(), span));
                return Some(());
            }
            _ => return Some(()),
        };
        self.report(problem);
        None
    }

    /// A waiver's `subject`: `control:<name>` is checked here, `kind:id` once merged.
    fn waiver_subject(&mut self, s: &str, span: Range<usize>, subject: &str) {
        let source = self.source;
        match s.split_once(':') {
            Some(("control", name)) if schema::CONTROLS.contains(&name) => {}
            Some(("control", name)) => {
                self.report(problems::unknown_control(source, span, name));
            }
            Some((kind, id)) => match schema::kind(kind).filter(|k| k.many) {
                Some(kind) => self.refer(std::slice::from_ref(&kind.name), id, span, subject),
                None => self.report(problems::invalid_subject(source, span, s)),
            },
            None => self.report(problems::invalid_subject(source, span, s)),
        }
    }

    /// Whether a reference is a valid id; reports it when not.
    fn check_id_syntax(&mut self, s: &str, span: Range<usize>, path: &str) -> bool {
        if schema::is_valid_id(s) {
            return true;
        }
        self.report(problems::invalid_reference(self.source, span, path, s));
        false
    }
}

/// A non-negative TOML integer in any radix, with `_` separators.
fn count(value: &DeValue<'_>) -> Option<i64> {
    let i = value.as_integer()?;
    let n = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()?;
    (n >= 0).then_some(n)
}

fn is_country_code(s: &str) -> bool {
    crate::countries::is_iso_country(s)
}

/// The span of an entity's table: the `[[kind]]` header line when there is one.
fn header_span(source: &SourceText, key: Range<usize>, table: Range<usize>) -> Range<usize> {
    // For `[[provider]]` the table's own span starts at its header; inline tables are
    // their own span. Label the header line only, not the whole body.
    let text = &source.text;
    let start = table.start.min(text.len());
    let line_end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let end = table.end.min(line_end).max(start);
    let end = if text[start..end].trim_end().is_empty() {
        key.end.max(start)
    } else {
        start + text[start..end].trim_end().len()
    };
    start..end
}

/// The first line git wrote as `<<<<<<< ours` into a conflicted file (`=======` and
/// `>>>>>>> theirs` follow it).
fn conflict_marker(source: &SourceText) -> Option<Range<usize>> {
    if !source.text.contains("<<<<<<<") {
        return None;
    }
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}
