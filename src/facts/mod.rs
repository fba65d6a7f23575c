//! Facts: the TOM files parsed with spans, validated against format v1 and merged.
//!
//! [`load`] turns the TOM directory's files into [`Facts`]: the merged document that
//! policies see as `input` (the shape docs/format.md describes, dates as `"YYYY-MM-DD"`), and
//! a [`SourceMap`] from every entity and field back to its byte span, so that a finding
//! about `provider:hetzner` / `avv` can point at the right line of the right file.
//!
//! Loading collects every problem in one pass (syntax, merge-conflict markers, unknown
//! kinds and keys with suggestions, wrong types and enum values, invalid dates, duplicate
//! ids labelled in both places, dangling references with suggestions) because a user
//! should get the whole list at once, as from a compiler.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Map, Value};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{did_you_mean, Code, Problem};
use crate::schema::{self, Field, Kind, Ty};
use crate::text::SourceText;

/// The merged, validated TOM.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The policy input: `organization` object plus one array per kind.
    pub input: Value,
    /// Where every entity and field was written.
    pub map: SourceMap,
    /// Rule ids named by waivers, with their location, checked once policies are known.
    pub waiver_rules: Vec<(String, usize, Range<usize>)>,
}

impl Facts {
    /// Number of entities (organization counts as one).
    pub fn entity_count(&self) -> usize {
        self.map.entities.len()
    }

    /// Reports waivers naming a rule that no loaded policy defines.
    pub fn check_waiver_rules(&self, known: &[&str]) -> Vec<Problem> {
        self.waiver_rules
            .iter()
            .filter(|(rule, _, _)| !known.contains(&rule.as_str()))
            .map(|(rule, file, span)| {
                let source = &self.map.files[*file];
                let mut p = Problem::at(
                    Code::UnknownRule,
                    format!("waiver names unknown rule `{rule}`"),
                    source,
                    span.clone(),
                    "no policy defines this rule",
                );
                p.help = Some(match did_you_mean(rule, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? (`tomcheck rules` lists every rule)"),
                    None => "`tomcheck rules` lists every rule".into(),
                });
                p
            })
            .collect()
    }
}

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
}

/// Parses, validates and merges the TOM files. Every problem is reported.
pub fn load(files: Vec<SourceText>) -> Result<Facts, Vec<Problem>> {
    let mut merged = Merger::default();
    for (file, source) in files.iter().enumerate() {
        // Merged as soon as parsed: a file's entities move into the facts instead of
        // every file's parts waiting for the last one.
        merged.add(&files, file, FileFacts::parse(source));
    }
    merged.finish(files)
}

/// Like [`load`], reusing what `cache` holds for files whose path and text are
/// unchanged since the last call: consecutive commits of a history differ in a file or
/// two, and parsing and validating the others again is most of the cost of loading.
pub fn load_cached(files: Vec<SourceText>, cache: &mut FactsCache) -> Result<Facts, Vec<Problem>> {
    let mut kept = HashMap::with_capacity(files.len());
    let mut merged = Merger::default();
    for (file, source) in files.iter().enumerate() {
        let key = (source.path.clone(), Arc::clone(&source.text));
        let part = match cache.files.remove(&key) {
            Some(part) => part,
            None => Arc::new(FileFacts::parse(source)),
        };
        // A file with problems is parsed again next time: its problems name the
        // revision it was read from.
        if part.problems.is_empty() {
            kept.insert(key, Arc::clone(&part));
        }
        merged.add(&files, file, Arc::unwrap_or_clone(part));
    }
    // Only the files of the last call are kept: memory stays at one TOM's worth.
    cache.files = kept;
    merged.finish(files)
}

/// The parsed files of the previous [`load_cached`] call, by path and text.
#[derive(Debug, Default)]
pub struct FactsCache {
    files: HashMap<(String, Arc<str>), Arc<FileFacts>>,
}

/// What one file contributes to the facts before the files are merged. It depends on
/// the file alone; entity locations and references say file 0 until merged.
#[derive(Debug, Default, Clone)]
struct FileFacts {
    problems: Vec<Problem>,
    /// The organization and where it was written (its span is the table header).
    organization: Option<(Map<String, Value>, EntityLoc)>,
    entities: Vec<FileEntity>,
    refs: Vec<PendingRef>,
    waiver_rules: Vec<(String, Range<usize>)>,
}

#[derive(Debug, Clone)]
struct FileEntity {
    kind: &'static str,
    subject: String,
    /// The id and its span, when it is a valid id.
    id: Option<(String, Range<usize>)>,
    loc: EntityLoc,
    value: Value,
}

impl FileFacts {
    fn parse(source: &SourceText) -> Self {
        let mut loader = FileLoader {
            source: Rc::new(source.clone()),
            ids: HashMap::new(),
            out: FileFacts::default(),
        };
        loader.load_file();
        loader.out
    }
}

/// Parses and validates one file.
struct FileLoader {
    // Shared so that problems can borrow the file while the loader is borrowed mutably.
    source: Rc<SourceText>,
    /// (kind, id) → span of the id value, for duplicates within the file.
    ids: HashMap<(&'static str, String), Range<usize>>,
    out: FileFacts,
}

/// A reference to check once every file is loaded.
#[derive(Debug, Clone)]
struct PendingRef {
    targets: &'static [&'static str],
    id: String,
    span: Range<usize>,
    from: String,
}

/// Merges the files' parts in file order: entities and ids across files, then every
/// reference against every id.
#[derive(Default)]
struct Merger {
    problems: Vec<Problem>,
    entities: HashMap<String, EntityLoc>,
    organization: Option<(Map<String, Value>, usize, Range<usize>)>,
    kinds: BTreeMap<&'static str, Vec<Value>>,
    ids: Ids,
    refs: Vec<(usize, PendingRef)>,
    waiver_rules: Vec<(String, usize, Range<usize>)>,
}

impl Merger {
    /// Adds the part of `files[file]`.
    fn add(&mut self, files: &[SourceText], file: usize, part: FileFacts) {
        let source = &files[file];
        self.problems.extend(part.problems);
        if let Some((org, loc)) = part.organization {
            match &self.organization {
                Some((_, other, other_span)) => self.problems.push(
                    Problem::at(
                        Code::DuplicateOrganization,
                        "`organization` is defined twice",
                        source,
                        loc.span,
                        "defined again here",
                    )
                    .with_related(advice(
                        &files[*other],
                        other_span.clone(),
                        "first defined here",
                    ))
                    .with_help("keep one [organization] table in the TOM"),
                ),
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
                    self.problems.push(
                        Problem::at(
                            Code::DuplicateId,
                            format!("duplicate {} id `{id}`", e.kind),
                            source,
                            id_span,
                            "defined again here",
                        )
                        .with_related(advice(
                            &files[*other],
                            other_span.clone(),
                            "first defined here",
                        ))
                        .with_help(duplicate_help(e.kind)),
                    );
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
    fn finish(mut self, files: Vec<SourceText>) -> Result<Facts, Vec<Problem>> {
        check_refs(&files, &self.ids, &self.refs, &mut self.problems);
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
            map: SourceMap {
                files,
                entities: self.entities,
            },
            waiver_rules: self.waiver_rules,
        })
    }
}

fn duplicate_help(kind: &str) -> String {
    format!("ids must be unique within a kind: rename one of the {kind}s")
}

impl FileLoader {
    fn load_file(&mut self) {
        let source = Rc::clone(&self.source);
        let source = &*source;
        if let Some(p) = conflict_markers(source) {
            self.out.problems.push(p);
            return;
        }
        let (doc, errors) = DeTable::parse_recoverable(&source.text);
        if !errors.is_empty() {
            for e in errors {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                self.out.problems.push(Problem::at(
                    Code::TomlSyntax,
                    format!("invalid TOML in {}: {msg}", source.path),
                    source,
                    span,
                    first_line(&msg),
                ));
            }
            return;
        }
        for (key, value) in doc.get_ref() {
            let name = key.get_ref().as_ref();
            let Some(kind) = schema::kind(name) else {
                let known = schema::KINDS.iter().map(|k| k.name);
                let mut p = Problem::at(
                    Code::UnknownKind,
                    format!("unknown kind `{name}`"),
                    source,
                    key.span(),
                    "not a kind of TOM format v1",
                );
                p.help = Some(match did_you_mean(name, known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "the kinds are: {}",
                        schema::KINDS
                            .iter()
                            .map(|k| k.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
                self.out.problems.push(p);
                continue;
            };
            if kind.many {
                self.load_many(kind, key, value);
            } else {
                self.load_organization(kind, key, value);
            }
        }
    }

    fn load_organization(
        &mut self,
        kind: &'static Kind,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let source = Rc::clone(&self.source);
        let source = &*source;
        let DeValue::Table(table) = value.get_ref() else {
            self.out.problems.push(
                Problem::at(
                    Code::WrongType,
                    "`organization` must be a table",
                    source,
                    value.span(),
                    format!("this is {}", describe(value.get_ref())),
                )
                .with_help("write it as [organization] followed by its keys"),
            );
            return;
        };
        let header = header_span(source, key.span(), value.span());
        if let Some((_, first)) = &self.out.organization {
            let p = Problem::at(
                Code::DuplicateOrganization,
                "`organization` is defined twice",
                source,
                header,
                "defined again here",
            )
            .with_label(first.span.clone(), "first defined here");
            self.out
                .problems
                .push(p.with_help("keep one [organization] table in the TOM"));
            return;
        }
        let mut loc = EntityLoc {
            file: 0,
            span: header.clone(),
            fields: Vec::new(),
        };
        let obj = self.table(
            kind.fields,
            table,
            "organization",
            "",
            &mut loc,
            header.clone(),
        );
        self.out.organization = Some((obj, loc));
    }

    fn load_many(
        &mut self,
        kind: &'static Kind,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let source = Rc::clone(&self.source);
        let source = &*source;
        let DeValue::Array(items) = value.get_ref() else {
            self.out.problems.push(
                Problem::at(
                    Code::WrongType,
                    format!("`{}` must be an array of tables", kind.name),
                    source,
                    key.span().start..value.span().end.max(key.span().end),
                    format!("this is {}", describe(value.get_ref())),
                )
                .with_help(format!("write each entry as [[{}]]", kind.name)),
            );
            return;
        };
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.out.problems.push(
                    Problem::at(
                        Code::WrongType,
                        format!("each `{}` entry must be a table", kind.name),
                        source,
                        item.span(),
                        format!("this is {}", describe(item.get_ref())),
                    )
                    .with_help(format!(
                        "write each entry as [[{}]] followed by its keys",
                        kind.name
                    )),
                );
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
            let obj = self.table(kind.fields, table, &subject, "", &mut loc, header.clone());
            let id = id.filter(|(id, _)| schema::is_valid_id(id));
            if let Some((id, id_span)) = &id {
                let key = (kind.name, id.clone());
                if let Some(first) = self.ids.get(&key) {
                    self.out.problems.push(
                        Problem::at(
                            Code::DuplicateId,
                            format!("duplicate {} id `{id}`", kind.name),
                            source,
                            id_span.clone(),
                            "defined again here",
                        )
                        .with_label(first.clone(), "first defined here")
                        .with_help(duplicate_help(kind.name)),
                    );
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
    #[allow(clippy::too_many_arguments)]
    fn table(
        &mut self,
        fields: &'static [Field],
        table: &DeTable<'_>,
        subject: &str,
        prefix: &str,
        loc: &mut EntityLoc,
        span: Range<usize>,
    ) -> Map<String, Value> {
        let source = Rc::clone(&self.source);
        let source = &*source;
        let mut out = Map::new();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let path = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}{name}")
            };
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                let mut p = Problem::at(
                    Code::UnknownKey,
                    format!("unknown key `{path}` in {}", describe_subject(subject)),
                    source,
                    key.span(),
                    "unknown key",
                );
                p.help = Some(match did_you_mean(name, fields.iter().map(|f| f.name)) {
                    Some(s) => format!("did you mean `{s}`? A misspelt key would silently disable the rules that read it"),
                    None => format!(
                        "known keys here: {}",
                        fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                    ),
                });
                self.out.problems.push(p);
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
        for field in fields.iter().filter(|f| f.required) {
            if !table.contains_key(field.name) {
                self.out.problems.push(
                    Problem::at(
                        Code::MissingKey,
                        format!(
                            "{} is missing the required key `{prefix}{}`",
                            describe_subject(subject),
                            field.name
                        ),
                        source,
                        span.clone(),
                        format!("`{}` missing here", field.name),
                    )
                    .with_help(format!("add `{} = …`: {}", field.name, field.doc)),
                );
            }
        }
        out
    }

    fn value(
        &mut self,
        field: &'static Field,
        value: &Spanned<DeValue<'_>>,
        subject: &str,
        path: &str,
        loc: &mut EntityLoc,
    ) -> Option<Value> {
        let source = Rc::clone(&self.source);
        let source = &*source;
        let span = value.span();
        let wrong = |expected: &str| -> Problem {
            let mut p = Problem::at(
                Code::WrongType,
                format!("`{path}` must be {expected}"),
                source,
                span.clone(),
                format!("this is {}", describe(value.get_ref())),
            );
            if let (Ty::Date, Some(s)) = (field.ty, value.get_ref().as_str()) {
                if jiff::civil::Date::strptime("%Y-%m-%d", s).is_ok() {
                    p.help = Some(format!("write the date without quotes: {path} = {s}"));
                }
            }
            if p.help.is_none() {
                p.help = Some(format!("{path}: {}", field.doc));
            }
            p
        };
        match field.ty {
            Ty::Text
            | Ty::Country
            | Ty::Id
            | Ty::Enum(_)
            | Ty::Ref(_)
            | Ty::Subject
            | Ty::RuleId => {
                let Some(s) = value.get_ref().as_str() else {
                    self.out.problems.push(wrong("a string"));
                    return None;
                };
                self.check_string(field, s, span.clone(), subject, path)?;
                Some(Value::String(s.to_string()))
            }
            Ty::Bool => match value.get_ref().as_bool() {
                Some(b) => Some(Value::Bool(b)),
                None => {
                    self.out.problems.push(wrong("true or false"));
                    None
                }
            },
            Ty::Count => {
                let parsed = value.get_ref().as_integer().and_then(|i| {
                    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
                });
                match parsed {
                    Some(n) if n >= 0 => Some(Value::from(n)),
                    _ => {
                        self.out
                            .problems
                            .push(wrong("a whole number of at least 0"));
                        None
                    }
                }
            }
            Ty::Date => {
                let Some(dt) = value.get_ref().as_datetime() else {
                    self.out.problems.push(wrong("a date like 2026-03-01"));
                    return None;
                };
                match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => {
                        if jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
                            .is_err()
                        {
                            self.out.problems.push(Problem::at(
                                Code::InvalidDate,
                                format!("`{path}` is not a valid calendar date"),
                                source,
                                span,
                                "no such day",
                            ));
                            return None;
                        }
                        Some(Value::String(format!(
                            "{:04}-{:02}-{:02}",
                            d.year, d.month, d.day
                        )))
                    }
                    _ => {
                        self.out.problems.push(
                            Problem::at(
                                Code::WrongType,
                                format!("`{path}` must be a date without a time"),
                                source,
                                span,
                                "this has a time or offset",
                            )
                            .with_help("write a local date like 2026-03-01"),
                        );
                        None
                    }
                }
            }
            Ty::RefList(targets) => {
                let Some(items) = value.get_ref().as_array() else {
                    self.out
                        .problems
                        .push(wrong("a list of ids, like [\"a\", \"b\"]"));
                    return None;
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let Some(s) = item.get_ref().as_str() else {
                        self.out.problems.push(Problem::at(
                            Code::WrongType,
                            format!("`{path}` must list ids as strings"),
                            source,
                            item.span(),
                            format!("this is {}", describe(item.get_ref())),
                        ));
                        continue;
                    };
                    loc.fields.push((format!("{path}[{i}]"), item.span()));
                    if self.check_id_syntax(s, item.span(), path) {
                        self.out.refs.push(PendingRef {
                            targets,
                            id: s.to_string(),
                            span: item.span(),
                            from: subject.to_string(),
                        });
                    }
                    out.push(Value::String(s.to_string()));
                }
                Some(Value::Array(out))
            }
            Ty::Table(fields) => {
                let Some(table) = value.get_ref().as_table() else {
                    self.out
                        .problems
                        .push(wrong("a table, like { signed = 2026-01-15 }"));
                    return None;
                };
                let obj = self.table(fields, table, subject, &format!("{path}."), loc, span);
                Some(Value::Object(obj))
            }
        }
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
        let source = Rc::clone(&self.source);
        let source = &*source;
        match field.ty {
            Ty::Id if !schema::is_valid_id(s) => {
                let suggestion = slug(s);
                self.out.problems.push(
                    Problem::at(
                        Code::InvalidId,
                        format!("invalid id `{s}`"),
                        source,
                        span,
                        "ids are lowercase letters, digits and dashes",
                    )
                    .with_help(format!(
                        "ids must match [a-z0-9][a-z0-9-]*, e.g. \"{suggestion}\""
                    )),
                );
                return None;
            }
            Ty::Country if !(s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())) => {
                self.out.problems.push(
                    Problem::at(
                        Code::InvalidCountry,
                        format!("`{path}` must be an ISO 3166-1 alpha-2 code"),
                        source,
                        span,
                        "not a two-letter country code",
                    )
                    .with_help(match s.to_ascii_uppercase() {
                        u if u.len() == 2 => format!("write it in capitals: \"{u}\""),
                        _ => "use two capital letters, e.g. \"DE\", \"US\", \"CH\"".into(),
                    }),
                );
                return None;
            }
            Ty::Enum(values) if !values.contains(&s) => {
                let mut p = Problem::at(
                    Code::InvalidValue,
                    format!("`{path}` cannot be \"{s}\""),
                    source,
                    span,
                    "not an allowed value",
                );
                p.help = Some(match did_you_mean(s, values.iter().copied()) {
                    Some(m) => format!("did you mean \"{m}\"? Allowed: {}", values.join(", ")),
                    None => format!("allowed values: {}", values.join(", ")),
                });
                self.out.problems.push(p);
                return None;
            }
            Ty::Ref(targets) if self.check_id_syntax(s, span.clone(), path) => {
                self.out.refs.push(PendingRef {
                    targets,
                    id: s.to_string(),
                    span,
                    from: subject.to_string(),
                });
            }
            Ty::Subject if s != "organization" => match s.split_once(':') {
                Some(("control", name)) if schema::CONTROLS.contains(&name) => {}
                Some(("control", name)) => {
                    let mut p = Problem::at(
                        Code::InvalidSubject,
                        format!("unknown control `{name}`"),
                        source,
                        span,
                        "not a control category",
                    );
                    p.help = Some(match did_you_mean(name, schema::CONTROLS.iter().copied()) {
                        Some(m) => format!("did you mean `control:{m}`?"),
                        None => format!("controls: {}", schema::CONTROLS.join(", ")),
                    });
                    self.out.problems.push(p);
                }
                Some((kind, id)) if schema::kind(kind).is_some_and(|k| k.many) => {
                    let kind = schema::kind(kind).expect("checked above");
                    self.out.refs.push(PendingRef {
                        targets: std::slice::from_ref(&kind.name),
                        id: id.to_string(),
                        span,
                        from: subject.to_string(),
                    });
                }
                _ => {
                    self.out.problems.push(
                            Problem::at(
                                Code::InvalidSubject,
                                format!("invalid subject `{s}`"),
                                source,
                                span,
                                "not kind:id",
                            )
                            .with_help("write the subject of the finding as kind:id (\"provider:hetzner\"), control:<name> or organization"),
                        );
                }
            },
            Ty::RuleId => self.out.waiver_rules.push((s.to_string(), span)),
            _ => {}
        }
        Some(())
    }

    fn check_id_syntax(&mut self, s: &str, span: Range<usize>, path: &str) -> bool {
        if schema::is_valid_id(s) {
            return true;
        }
        let source = Rc::clone(&self.source);
        let source = &*source;
        self.out.problems.push(
            Problem::at(
                Code::InvalidId,
                format!("`{path}` refers to `{s}`, which is not a valid id"),
                source,
                span,
                "ids are lowercase letters, digits and dashes",
            )
            .with_help(format!(
                "refer to entities by their id, e.g. \"{}\"",
                slug(s)
            )),
        );
        false
    }
}

/// Reports references to ids no file defines, and entities naming themselves.
/// kind → id → (file, span of the id value).
type Ids = HashMap<&'static str, HashMap<String, (usize, Range<usize>)>>;

fn check_refs(
    files: &[SourceText],
    ids: &Ids,
    refs: &[(usize, PendingRef)],
    problems: &mut Vec<Problem>,
) {
    for (file, r) in refs {
        let found = r.targets.iter().any(|k| {
            ids.get(k)
                .is_some_and(|of_kind| of_kind.contains_key(&r.id))
        });
        let source = &files[*file];
        if found {
            if r.from == format!("{}:{}", r.targets[0], r.id)
                && r.targets.len() == 1
                && !r.from.starts_with("waiver:")
            {
                problems.push(
                    Problem::at(
                        Code::SelfReference,
                        format!("{} refers to itself", describe_subject(&r.from)),
                        source,
                        r.span.clone(),
                        "reference to itself",
                    )
                    .with_help("an entity cannot be its own subprocessor"),
                );
            }
            continue;
        }
        let candidates: Vec<&str> = r
            .targets
            .iter()
            .filter_map(|k| ids.get(k))
            .flat_map(|of_kind| of_kind.keys().map(String::as_str))
            .collect();
        let what = r.targets.join(" or ");
        let mut p = Problem::at(
            Code::DanglingReference,
            format!(
                "{} refers to unknown {what} `{}`",
                describe_subject(&r.from),
                r.id
            ),
            source,
            r.span.clone(),
            format!("no {what} has this id"),
        );
        p.help = Some(match did_you_mean(&r.id, candidates.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if candidates.is_empty() => format!(
                "there is no {what} in the TOM; add a [[{}]] with this id",
                r.targets[0]
            ),
            None => format!(
                "add a [[{}]] with id = \"{}\", or fix the reference",
                r.targets[0], r.id
            ),
        });
        problems.push(p);
    }
}

/// A secondary diagnostic in another file.
fn advice(source: &SourceText, span: Range<usize>, label: &str) -> Problem {
    let mut p = Problem::at(
        Code::Related,
        label.to_string(),
        source,
        span,
        label.to_string(),
    );
    p.is_advice = true;
    p
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

/// Git writes `<<<<<<< ours`, `=======`, `>>>>>>> theirs` into conflicted files.
fn conflict_markers(source: &SourceText) -> Option<Problem> {
    if !source.text.contains("<<<<<<<") {
        return None;
    }
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") {
            let end = offset + line.trim_end().len();
            return Some(
                Problem::at(
                    Code::MergeConflict,
                    format!("{} contains git merge-conflict markers", source.path),
                    source,
                    offset..end,
                    "conflict starts here",
                )
                .with_help("resolve the merge conflict (keep one side, delete the <<<<<<< ======= >>>>>>> lines) and check again"),
            );
        }
        offset += line.len();
    }
    None
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date/time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn describe_subject(subject: &str) -> String {
    match subject.split_once(':') {
        Some((kind, id)) if id.starts_with('#') => format!("a {kind} without id"),
        Some((kind, id)) => format!("{kind} `{id}`"),
        None => subject.to_string(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

/// A plausible id for a name the user wrote.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-id".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Facts, Vec<Problem>> {
        load(vec![SourceText::new("tom/a.toml", "tom/a.toml", text)])
    }

    #[test]
    fn merges_kinds_and_maps_fields() {
        let facts = load_str(
            "[organization]\nname = \"X\"\n\n[[provider]]\nid = \"hetzner\"\nname = \"Hetzner\"\navv = { signed = 2018-05-15 }\n",
        )
        .unwrap();
        assert_eq!(facts.input["provider"][0]["avv"]["signed"], "2018-05-15");
        let at = facts
            .map
            .locate("provider:hetzner", Some("avv.signed"))
            .unwrap();
        assert_eq!(
            &facts.map.files[at.file].text[at.span],
            "signed = 2018-05-15"
        );
        assert!(at.exact);
        let at = facts
            .map
            .locate("provider:hetzner", Some("transfer"))
            .unwrap();
        assert_eq!(&facts.map.files[0].text[at.span], "[[provider]]");
        assert!(!at.exact);
        let at = facts
            .map
            .locate("provider:hetzner", Some("avv.expires"))
            .unwrap();
        assert_eq!(
            &facts.map.files[0].text[at.span],
            "avv = { signed = 2018-05-15 }"
        );
    }

    #[test]
    fn collects_every_problem() {
        let errs = load_str(
            "[[provider]]\nid = \"a\"\nname = \"A\"\nperonal_data = true\n\n[[provider]]\nid = \"a\"\nname = \"B\"\nrole = \"procesor\"\n\n[[system]]\nid = \"s\"\nprovider = \"b\"\n",
        )
        .unwrap_err();
        let codes: Vec<_> = errs.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "unknown-key",
                "invalid-value",
                "duplicate-id",
                "dangling-reference"
            ]
        );
        assert!(errs[0].help.as_deref().unwrap().contains("personal_data"));
    }

    #[test]
    fn cached_loading_gives_what_loading_gives() {
        let file = |path: &str, rev: &str, text: &str| {
            SourceText::new(path, format!("{path} @ {rev}"), text.to_string())
        };
        // Two files; a.toml stays the same in every revision.
        let revision = |rev: &str, b: &str| {
            let a = "[[provider]]\nid = \"a\"\nname = \"A\"\n";
            vec![file("tom/a.toml", rev, a), file("tom/b.toml", rev, b)]
        };
        let mut cache = FactsCache::default();
        let v1 = revision("v1", "[[provider]]\nid = \"b\"\nname = \"B\"\n");
        let cached = load_cached(v1.clone(), &mut cache).unwrap();
        assert_eq!(cached.input, load(v1).unwrap().input);
        assert_eq!(cache.files.len(), 2);

        // a.toml comes from the cache; the duplicate across files is still found, and
        // the messages name the files of this revision.
        let v2 = revision("v2", "[[provider]]\nid = \"a\"\nname = \"B\"\n");
        let errs = load_cached(v2.clone(), &mut cache).unwrap_err();
        let fresh = load(v2).unwrap_err();
        assert_eq!(format!("{errs:?}"), format!("{fresh:?}"));
        assert_eq!(errs[0].code, "duplicate-id");
        assert!(format!("{errs:?}").contains("tom/a.toml @ v2"));

        // A file with problems is not kept: its problems name its revision.
        let v3 = vec![file("tom/a.toml", "v3", "[[provider]]\nid = \"a\"\n")];
        let errs = load_cached(v3.clone(), &mut cache).unwrap_err();
        assert_eq!(errs[0].code, "missing-key");
        assert!(cache.files.is_empty());
        let v4 = vec![file("tom/a.toml", "v4", "[[provider]]\nid = \"a\"\n")];
        let errs = load_cached(v4, &mut cache).unwrap_err();
        assert!(format!("{errs:?}").contains("tom/a.toml @ v4"));
    }

    #[test]
    fn quoted_dates_get_a_hint() {
        let errs =
            load_str("[organization]\nname = \"X\"\nreviewed = \"2026-03-01\"\n").unwrap_err();
        assert!(errs[0].help.as_deref().unwrap().contains("without quotes"));
    }

    #[test]
    fn conflict_markers_are_named() {
        let errs = load_str("<<<<<<< HEAD\n[organization]\n=======\n>>>>>>> x\n").unwrap_err();
        assert_eq!(errs[0].code, "merge-conflict");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Hetzner Online GmbH"), "hetzner-online-gmbh");
        assert_eq!(slug("Müller_IT"), "muller-it");
    }
}
