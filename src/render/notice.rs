//! The change notice of Art. 28(2) GDPR: which sub-processors were added, removed or
//! changed between two versions of the TOM, when the change takes effect and until when
//! customers may object.
//!
//! It reuses the semantic diff of `tomcheck diff` ([`crate::diff::facts_diff`]): providers
//! are matched by id, and a provider counts as a sub-processor in a version when it is a
//! processor with personal data there. So a processor that stops handling personal data
//! is "no longer engaged", a controller that becomes a processor is "new". Of a provider
//! that stays, only the facts a customer's objection turns on are listed: name,
//! address, seat, places of processing, purpose and safeguard.

use serde_json::Value;

use super::labels::{self, date, labels};
use super::model::{muted, plain, Block, Document, Table, Text};
use super::tom::{processing_places, provider_table, Countries};
use super::{entities, is_subprocessor, text, Snapshot};
use crate::diag::{Code, Problem};
use crate::diff::{facts_diff, Change};
use crate::report::diff::Lang;

/// Fields of a provider whose change customers are told about.
pub const NOTICE_FIELDS: &[&str] = &[
    "name",
    "address",
    "country",
    "processing",
    "support_access",
    "purpose",
    "transfer",
    "parent",
];

/// Default objection period in days.
pub const DEFAULT_OBJECTION_DAYS: u32 = 30;

/// One sub-processor change.
#[derive(Debug, Clone, PartialEq)]
pub struct SubChange {
    pub id: String,
    pub change: Change,
    /// For a changed sub-processor: field, before, after.
    pub fields: Vec<(String, Option<Value>, Option<Value>)>,
}

/// The sub-processor changes from `old` to `new` facts, ordered by provider id.
pub fn changes(old: &Value, new: &Value) -> Vec<SubChange> {
    let find = |input: &Value, id: &str| -> Option<Value> {
        entities(input, "provider")
            .iter()
            .find(|p| text(p, "id") == Some(id))
            .cloned()
    };
    let mut out = Vec::new();
    for c in facts_diff(old, new) {
        if c.kind != "provider" {
            continue;
        }
        let id = c.subject.trim_start_matches("provider:").to_string();
        let before = find(old, &id).filter(is_subprocessor);
        let after = find(new, &id).filter(is_subprocessor);
        match (before, after) {
            (None, None) => {}
            (None, Some(_)) => out.push(SubChange {
                id,
                change: Change::Added,
                fields: Vec::new(),
            }),
            (Some(_), None) => out.push(SubChange {
                id,
                change: Change::Removed,
                fields: Vec::new(),
            }),
            (Some(b), Some(a)) => {
                let fields: Vec<_> = NOTICE_FIELDS
                    .iter()
                    .map(|f| (f.to_string(), notice_value(&b, f), notice_value(&a, f)))
                    .filter(|(_, before, after)| before != after)
                    .collect();
                if !fields.is_empty() {
                    out.push(SubChange {
                        id,
                        change: Change::Modified,
                        fields,
                    });
                }
            }
        }
    }
    out
}

/// A field of a provider as customers are told about it. The places of processing are
/// the effective ones: `processing`, else the seat, so writing down `processing = ["DE"]`
/// for a provider seated in Germany is no change, and a move of its seat is one.
fn notice_value(p: &Value, field: &str) -> Option<Value> {
    match field {
        "processing" => {
            let places = processing_places(p);
            (!places.is_empty()).then(|| Value::from(places))
        }
        _ => p.get(field).cloned(),
    }
}

/// Dates and contact of a notice.
#[derive(Debug, Clone, Default)]
pub struct NoticeOptions {
    /// Date of the notice (`--today`); default: the new version's commit date.
    pub date: Option<String>,
    /// Date the change takes effect (`--effective`); default: the end of the objection period.
    pub effective: Option<String>,
    /// Objection period (`--objection-days`, `[document] objection_days`, else 30).
    pub objection_days: Option<u32>,
}

/// Builds the notice between two snapshots.
pub fn build(
    old: &Snapshot,
    new: &Snapshot,
    lang: Lang,
    options: &NoticeOptions,
) -> Result<Document, Vec<Problem>> {
    let l = labels(lang);
    let notice_date = options
        .date
        .clone()
        .or_else(|| new.origin.date.clone())
        .ok_or_else(|| {
            vec![
                Problem::new(Code::Usage, crate::i18n::tr("problem-notice-date", &[]))
                    .with_help(crate::i18n::tr("problem-notice-date-help", &[])),
            ]
        })?;
    let days = options
        .objection_days
        .or(new.settings.objection_days)
        .unwrap_or(DEFAULT_OBJECTION_DAYS);
    let deadline = add_days(&notice_date, days).unwrap_or_else(|| notice_date.clone());
    let effective = options
        .effective
        .clone()
        .unwrap_or_else(|| deadline.clone());
    let org = new.input.get("organization");
    let org_name = org.and_then(|o| text(o, "name"));
    let contact = new
        .settings
        .contact
        .clone()
        .or_else(|| org.and_then(|o| text(o, "dpo")).map(str::to_string))
        .unwrap_or_else(|| l.not_documented.to_string());

    let version = |s: &Snapshot| match &s.origin.date {
        Some(d) if s.origin.commit.is_some() => format!("{} ({})", s.origin.label, date(lang, d)),
        _ => labels::message(
            lang,
            "render-from-worktree",
            &[("dir", s.origin.dir.as_str().into())],
        ),
    };
    let mut body = vec![Block::Facts(vec![
        (
            l.organization.into(),
            org_name
                .map(plain)
                .unwrap_or_else(|| muted(l.not_documented)),
        ),
        (l.notice_date.into(), plain(&date(lang, &notice_date))),
        (
            l.compared.into(),
            plain(&format!("{} → {}", version(old), version(new))),
        ),
    ])];
    body.push(Block::Paragraph(plain(l.notice_intro)));

    let list = changes(&old.input, &new.input);
    if list.is_empty() {
        body.push(Block::Paragraph(plain(l.notice_no_change)));
    }
    let ids = |c: Change| -> Vec<&str> {
        list.iter()
            .filter(|x| x.change == c)
            .map(|x| x.id.as_str())
            .collect()
    };
    let added = ids(Change::Added);
    if !added.is_empty() {
        body.push(Block::Heading {
            level: 1,
            text: l.notice_added.into(),
        });
        body.push(provider_table(&new.input, l, lang, |p| {
            text(p, "id").is_some_and(|id| added.contains(&id))
        }));
    }
    let removed = ids(Change::Removed);
    if !removed.is_empty() {
        body.push(Block::Heading {
            level: 1,
            text: l.notice_removed.into(),
        });
        let items: Vec<Text> = entities(&old.input, "provider")
            .iter()
            .filter(|p| text(p, "id").is_some_and(|id| removed.contains(&id)))
            .map(|p| {
                let mut t = plain(text(p, "name").or(text(p, "id")).unwrap_or_default());
                if let Some(purpose) = text(p, "purpose") {
                    super::model::push(
                        &mut t,
                        &format!(" ({purpose})"),
                        super::model::Emphasis::Muted,
                    );
                }
                t
            })
            .collect();
        body.push(Block::List(items));
    }
    let modified: Vec<&SubChange> = list
        .iter()
        .filter(|c| c.change == Change::Modified)
        .collect();
    if !modified.is_empty() {
        body.push(Block::Heading {
            level: 1,
            text: l.notice_changed.into(),
        });
        let countries = Countries::bundled();
        for c in modified {
            let p = entities(&new.input, "provider")
                .iter()
                .find(|p| text(p, "id") == Some(c.id.as_str()));
            let name = p
                .and_then(|p| text(p, "name"))
                .unwrap_or(c.id.as_str())
                .to_string();
            body.push(Block::Heading {
                level: 2,
                text: crate::text::clean_line(&name),
            });
            let mut table = Table::new(&[(l.field, 24), (l.before, 38), (l.after, 38)]);
            for (field, before, after) in &c.fields {
                table.rows.push(vec![
                    plain(field_label(l, field)),
                    value_text(lang, field, before.as_ref(), &countries),
                    value_text(lang, field, after.as_ref(), &countries),
                ]);
            }
            body.push(Block::Table(table));
        }
    }

    body.push(Block::Heading {
        level: 1,
        text: l.notice_dates.into(),
    });
    body.push(Block::Facts(vec![
        (l.effective.into(), plain(&date(lang, &effective))),
        (l.objection_until.into(), plain(&date(lang, &deadline))),
    ]));
    let (days, deadline, effective) = (
        days.to_string(),
        date(lang, &deadline),
        date(lang, &effective),
    );
    body.push(Block::Paragraph(plain(&labels::message(
        lang,
        "render-objection-text",
        &[
            ("days", days.as_str().into()),
            ("date", deadline.as_str().into()),
            ("contact", contact.as_str().into()),
            ("effective", effective.as_str().into()),
        ],
    ))));

    Ok(Document {
        lang: l.lang,
        title: l.notice_title.to_string(),
        subtitle: org_name.map(crate::text::clean_line),
        body,
        footer: new.origin.footer(lang),
        date: Some(notice_date),
        logo: new.settings.logo.clone(),
        letterhead: new.settings.letterhead.clone(),
    })
}

fn field_label(l: &labels::Labels, field: &str) -> &'static str {
    match field {
        "name" => l.name_field,
        "address" => l.address,
        "country" => l.seat,
        "processing" => l.processing_places,
        "purpose" => l.purpose,
        "transfer" => l.safeguard,
        "support_access" => l.support_access,
        "parent" => l.parent,
        _ => "",
    }
}

fn value_text(lang: Lang, field: &str, v: Option<&Value>, _c: &Countries) -> Text {
    let l = labels(lang);
    let Some(v) = v else {
        return muted(l.not_documented);
    };
    let one = |s: &str| match field {
        "country" | "processing" | "support_access" => labels::country(lang, s),
        "transfer" => labels::value(lang, "transfer", s),
        _ => s.to_string(),
    };
    match v {
        Value::String(s) => plain(&one(s)),
        Value::Array(items) => plain(
            &items
                .iter()
                .filter_map(Value::as_str)
                .map(one)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => plain(&other.to_string()),
    }
}

fn add_days(iso: &str, days: u32) -> Option<String> {
    let d = jiff::civil::Date::strptime("%Y-%m-%d", iso).ok()?;
    d.checked_add(jiff::Span::new().try_days(i64::from(days)).ok()?)
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_sub_processor_changes_are_listed() {
        let old = json!({"provider": [
            {"id": "a", "name": "A", "role": "processor", "personal_data": true, "purpose": "Hosting", "country": "DE"},
            {"id": "b", "name": "B", "role": "processor", "personal_data": true},
            {"id": "bank", "name": "Bank", "role": "controller", "personal_data": true},
            {"id": "c", "name": "C", "role": "processor", "personal_data": true, "notes": "x"},
        ]});
        let new = json!({"provider": [
            {"id": "a", "name": "A", "role": "processor", "personal_data": true, "purpose": "Hosting und E-Mail", "country": "DE"},
            {"id": "bank", "name": "Bank AG", "role": "controller", "personal_data": true},
            {"id": "c", "name": "C", "role": "processor", "personal_data": true, "notes": "y",
             "avv": {"signed": "2026-01-01"}},
            {"id": "d", "name": "D", "role": "processor", "access": "read"},
        ]});
        let got: Vec<(String, Change, Vec<String>)> = changes(&old, &new)
            .into_iter()
            .map(|c| (c.id, c.change, c.fields.into_iter().map(|f| f.0).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("a".into(), Change::Modified, vec!["purpose".into()]),
                ("b".into(), Change::Removed, vec![]),
                ("d".into(), Change::Added, vec![]),
            ]
        );
    }
}
