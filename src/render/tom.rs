//! The TOM document: the annex on technical and organisational measures of a data
//! processing agreement (Art. 28(3)(c), Art. 32 GDPR), built from the facts.
//!
//! It reads like the Word documents it replaces: a title block (organisation, "Stand",
//! last review, DPO), an introduction, one numbered section per control category in the
//! order TOM documents use, each listing its implemented measures (planned ones apart
//! and marked, not-applicable ones with their reason), with the facts that belong there
//! (encrypted systems under encryption, backups under recoverability, processors and
//! their agreements under order control, the review dates under review); then an
//! overview of locations and systems, the provider table, certifications, and on request
//! the open findings. A heading whose fact is not recorded says "not documented".
//!
//! Fields are read by name from the merged facts, so a field added to the format (such as
//! a provider's `processing` places or `certifications`) is shown where it is present.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::labels::{self, control, date, labels, Labels};
use super::model::{self, muted, plain, push, strong, Block, Document, Emphasis, Table, Text};
use super::{entities, text, Snapshot};
use crate::report::diff::Lang;
use crate::schema::CONTROLS;

/// Options of the TOM document.
#[derive(Debug, Clone, Copy, Default)]
pub struct TomOptions {
    /// Append the open findings (needs a snapshot loaded with findings).
    pub with_findings: bool,
}

/// Names of entities by kind and id, for cross references.
struct Names<'a> {
    by_kind: HashMap<&'a str, HashMap<&'a str, &'a str>>,
}

impl<'a> Names<'a> {
    fn new(input: &'a Value) -> Self {
        let mut by_kind = HashMap::new();
        for kind in ["provider", "location", "system", "backup"] {
            let map: HashMap<&str, &str> = entities(input, kind)
                .iter()
                .filter_map(|e| {
                    let id = text(e, "id")?;
                    Some((id, text(e, "name").unwrap_or(id)))
                })
                .collect();
            by_kind.insert(kind, map);
        }
        Self { by_kind }
    }

    /// The name of `kinds`' entity `id` (the first kind that has it), else the id.
    fn of(&self, kinds: &[&str], id: &'a str) -> &'a str {
        kinds
            .iter()
            .find_map(|k| self.by_kind.get(k).and_then(|m| m.get(id)).copied())
            .unwrap_or(id)
    }

    fn list(&self, kinds: &[&str], ids: Option<&'a Value>) -> Vec<&'a str> {
        ids.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|id| self.of(kinds, id))
            .collect()
    }
}

/// Builds the TOM document of a snapshot.
pub fn build(snap: &Snapshot, lang: Lang, options: TomOptions) -> Document {
    let l = labels(lang);
    let input = &snap.input;
    let org = input.get("organization").cloned().unwrap_or(Value::Null);
    let names = Names::new(input);
    let nd = || muted(l.not_documented);
    let mut body = Vec::new();

    // Title block.
    let mut facts: Vec<(String, Text)> = Vec::new();
    let mut org_cell = plain(text(&org, "name").unwrap_or(l.not_documented));
    if let Some(address) = text(&org, "address") {
        push(&mut org_cell, &format!("\n{address}"), Emphasis::Plain);
    }
    facts.push((l.organization.into(), org_cell));
    facts.push((l.as_of.into(), stand(snap, lang)));
    let reviewed = text(&org, "reviewed");
    facts.push((
        l.reviewed.into(),
        reviewed.map(|d| plain(&date(lang, d))).unwrap_or_else(nd),
    ));
    facts.push((
        l.dpo.into(),
        text(&org, "dpo").map(plain).unwrap_or_else(nd),
    ));
    body.push(Block::Facts(facts));
    let intro = snap.settings.intro.as_deref().unwrap_or(l.tom_intro);
    for para in intro.split("\n\n").filter(|p| !p.trim().is_empty()) {
        body.push(Block::Paragraph(plain(para.trim())));
    }

    // One section per control category.
    let measures = entities(input, "measure");
    let mut number = 0;
    for c in CONTROLS {
        number += 1;
        body.push(Block::Heading {
            level: 1,
            text: format!("{number}. {}", control(lang, c)),
        });
        if let Some(basis) = labels::control_basis(lang, c) {
            body.push(Block::Paragraph(muted(basis)));
        }
        let of_control: Vec<&Value> = measures
            .iter()
            .filter(|m| text(m, "control") == Some(c))
            .collect();
        let status = |m: &Value| text(m, "status").unwrap_or("implemented").to_string();
        let implemented: Vec<Text> = of_control
            .iter()
            .filter(|m| status(m) == "implemented")
            .map(|m| measure_item(m, &names, l, lang))
            .collect();
        if implemented.is_empty() {
            body.push(Block::Paragraph(muted(l.no_measure)));
        } else {
            body.push(Block::List(implemented));
        }
        let planned: Vec<Text> = of_control
            .iter()
            .filter(|m| status(m) == "planned")
            .map(|m| {
                let mut t = strong(&format!("[{}] ", l.planned));
                t.extend(measure_item(m, &names, l, lang));
                t
            })
            .collect();
        if !planned.is_empty() {
            body.push(Block::Paragraph(strong(l.planned_measures)));
            body.push(Block::List(planned));
        }
        let not_applicable: Vec<Text> = of_control
            .iter()
            .filter(|m| status(m) == "not-applicable")
            .map(|m| {
                let mut t = plain(text(m, "text").unwrap_or_default());
                let reason = text(m, "reason").unwrap_or(l.not_documented);
                push(&mut t, &format!(" — {reason}"), Emphasis::Muted);
                t
            })
            .collect();
        if !not_applicable.is_empty() {
            body.push(Block::Paragraph(strong(l.not_applicable)));
            body.push(Block::List(not_applicable));
        }
        match *c {
            "encryption" => encryption(&mut body, input, &names, l, lang),
            "recoverability" => backups(&mut body, input, &names, l, lang),
            "order" => processors(&mut body, input, l, lang),
            "review" => review(&mut body, &org, l, lang),
            _ => {}
        }
    }

    // Overview of locations and systems.
    number += 1;
    body.push(Block::Heading {
        level: 1,
        text: format!("{number}. {}", l.overview),
    });
    locations(&mut body, input, &names, l, lang);
    systems(&mut body, input, &names, l, lang);

    // Providers.
    number += 1;
    body.push(Block::Heading {
        level: 1,
        text: format!("{number}. {}", l.providers),
    });
    body.push(Block::Paragraph(plain(l.providers_intro)));
    body.push(provider_table(input, l, lang, |_| true));

    // Certifications.
    number += 1;
    body.push(Block::Heading {
        level: 1,
        text: format!("{number}. {}", l.certifications),
    });
    certifications(&mut body, input, l, lang);

    // The company's own sections.
    for (title, blocks) in &snap.settings.sections {
        number += 1;
        body.push(Block::Heading {
            level: 1,
            text: format!("{number}. {title}"),
        });
        body.extend(blocks.iter().cloned());
    }

    if options.with_findings {
        number += 1;
        body.push(Block::Heading {
            level: 1,
            text: format!("{number}. {}", l.findings),
        });
        findings(&mut body, snap, l, lang);
    }

    Document {
        lang: l.lang,
        title: l.tom_title.to_string(),
        subtitle: text(&org, "name").map(crate::text::clean_line),
        body,
        footer: snap.origin.footer(lang),
        date: stand_date(snap).map(str::to_string),
        logo: snap.settings.logo.clone(),
        letterhead: snap.settings.letterhead.clone(),
    }
}

/// The document date: `as_of`, else the commit's date.
pub fn stand_date(snap: &Snapshot) -> Option<&str> {
    snap.input
        .get("organization")
        .and_then(|o| text(o, "as_of"))
        .or(snap.origin.date.as_deref())
        .or(snap.origin.today.as_deref())
}

/// "Stand": `as_of`, else the commit date (said so), else not documented.
fn stand(snap: &Snapshot, lang: Lang) -> Text {
    let l = labels(lang);
    let org = snap.input.get("organization");
    match (org.and_then(|o| text(o, "as_of")), &snap.origin.date) {
        (Some(d), _) => plain(&date(lang, d)),
        (None, Some(d)) => {
            let mut t = plain(&date(lang, d));
            push(&mut t, &format!(" ({})", l.commit_date), Emphasis::Muted);
            t
        }
        (None, None) => match &snap.origin.today {
            Some(d) => plain(&date(lang, d)),
            None => muted(l.not_documented),
        },
    }
}

fn measure_item(m: &Value, names: &Names<'_>, l: &Labels, lang: Lang) -> Text {
    let mut t = plain(text(m, "text").unwrap_or_default());
    let applies = names.list(&["location", "system"], m.get("applies_to"));
    let mut notes = Vec::new();
    if !applies.is_empty() {
        notes.push(format!("{}: {}", l.applies_to, applies.join(", ")));
    }
    if let Some(since) = text(m, "since") {
        notes.push(format!("{} {}", l.since, date(lang, since)));
    }
    let tags: Vec<&str> = m
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|tag| labels::tag(lang, tag))
        .collect();
    if !tags.is_empty() {
        notes.push(format!("{}: {}", l.tags, tags.join(", ")));
    }
    if !notes.is_empty() {
        push(&mut t, &format!(" ({})", notes.join("; ")), Emphasis::Muted);
    }
    t
}

fn yes_no(v: Option<&Value>, l: &Labels) -> Text {
    match v.and_then(Value::as_bool) {
        Some(true) => plain(l.yes),
        Some(false) => plain(l.no),
        None => muted(l.not_documented),
    }
}

fn or_nd(v: Option<String>, l: &Labels) -> Text {
    v.map(|s| plain(&s))
        .unwrap_or_else(|| muted(l.not_documented))
}

fn encryption(body: &mut Vec<Block>, input: &Value, names: &Names<'_>, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.encrypted_systems.into(),
    });
    let items: Vec<Text> = entities(input, "system")
        .iter()
        .filter(|s| s.get("encrypted").and_then(Value::as_bool) == Some(true))
        .map(|s| {
            let mut t = plain(names.of(&["system"], text(s, "id").unwrap_or_default()));
            let mut notes = Vec::new();
            if let Some(kind) = text(s, "kind") {
                notes.push(labels::value(lang, "system", kind));
            }
            if let Some(loc) = text(s, "location") {
                notes.push(names.of(&["location"], loc).to_string());
            }
            if !notes.is_empty() {
                push(&mut t, &format!(" ({})", notes.join(", ")), Emphasis::Muted);
            }
            t
        })
        .collect();
    if items.is_empty() {
        body.push(Block::Paragraph(muted(l.no_encrypted_system)));
    } else {
        body.push(Block::List(items));
    }
}

fn backups(body: &mut Vec<Block>, input: &Value, names: &Names<'_>, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.backups.into(),
    });
    let list = entities(input, "backup");
    if list.is_empty() {
        body.push(Block::Paragraph(muted(l.not_documented)));
        return;
    }
    // The 1.1 safeguards get a column when any backup records them, so a TOM that
    // records them shows every backup's answer ("not documented" included) and an older
    // TOM's table stays as it was.
    let recorded = |key: &str| list.iter().any(|b| b.get(key).is_some());
    let (in_transit, immutable) = (recorded("encrypted_in_transit"), recorded("immutable"));
    let mut columns = vec![
        (l.backup, 14),
        (l.covers, 19),
        (l.frequency, 11),
        (l.retention, 11),
        (l.place, 18),
        (l.encrypted, 12),
    ];
    if in_transit {
        columns.push((l.encrypted_in_transit, 12));
    }
    if immutable {
        columns.push((l.immutable, 12));
    }
    columns.push((l.restore_tested, 15));
    let mut table = Table::new(&columns);
    for b in list {
        let id = text(b, "id").unwrap_or_default();
        let mut name = plain(names.of(&["backup"], id));
        if let Some(method) = text(b, "method") {
            push(&mut name, &format!("\n{method}"), Emphasis::Muted);
        }
        let covers = names.list(&["system"], b.get("systems")).join(", ");
        let count = |key: &str, unit: &str| {
            b.get(key)
                .and_then(Value::as_u64)
                .map(|n| format!("{n} {unit}"))
        };
        let retention: Vec<String> = [
            count("retention_days", l.days),
            count("retention_copies", l.copies),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut row = vec![
            name,
            or_nd((!covers.is_empty()).then_some(covers), l),
            or_nd(
                text(b, "frequency").map(|f| labels::value(lang, "frequency", f)),
                l,
            ),
            or_nd((!retention.is_empty()).then(|| retention.join(", ")), l),
            or_nd(
                text(b, "location").map(|x| names.of(&["location"], x).to_string()),
                l,
            ),
            yes_no(b.get("encrypted"), l),
        ];
        if in_transit {
            row.push(yes_no(b.get("encrypted_in_transit"), l));
        }
        if immutable {
            row.push(yes_no(b.get("immutable"), l));
        }
        row.push(or_nd(text(b, "restore_tested").map(|d| date(lang, d)), l));
        table.rows.push(row);
    }
    body.push(Block::Table(table));
}

/// The AVV cell of a provider: its form, dates, version and objection period, or why
/// there is none. A draft is marked as such and never reads like an agreement.
fn avv_cell(p: &Value, l: &Labels, lang: Lang) -> Text {
    let avv = p.get("avv").filter(|a| a.is_object());
    let Some(a) = avv else {
        return match text(p, "role") {
            Some(role) if role != "processor" => {
                muted(&format!("— ({})", labels::value(lang, "role", role)))
            }
            _ => muted(l.no_avv),
        };
    };
    let mut cell = Text::new();
    let part = |cell: &mut Text, s: &str, emphasis: Emphasis| {
        if !cell.is_empty() {
            push(cell, ", ", Emphasis::Plain);
        }
        push(cell, s, emphasis);
    };
    let form = text(a, "form");
    if let Some(form) = form {
        part(
            &mut cell,
            &labels::value(lang, "form", form),
            Emphasis::Plain,
        );
    }
    if text(a, "status") == Some("draft") {
        part(&mut cell, l.avv_draft, Emphasis::Strong);
        return cell;
    }
    match (text(a, "signed"), text(a, "accepted")) {
        (None, None) => {
            let what = if form == Some("terms") {
                l.avv_accepted
            } else {
                l.avv_signed
            };
            part(
                &mut cell,
                &format!("{what}: {}", l.not_documented),
                Emphasis::Muted,
            );
        }
        (signed, accepted) => {
            if let Some(d) = signed {
                part(
                    &mut cell,
                    &format!("{} {}", l.avv_signed, date(lang, d)),
                    Emphasis::Plain,
                );
            }
            if let Some(d) = accepted {
                part(
                    &mut cell,
                    &format!("{} {}", l.avv_accepted, date(lang, d)),
                    Emphasis::Plain,
                );
            }
        }
    }
    if let Some(d) = text(a, "expires") {
        part(
            &mut cell,
            &format!("{} {}", l.avv_expires, date(lang, d)),
            Emphasis::Plain,
        );
    }
    if let Some(v) = text(a, "version") {
        part(
            &mut cell,
            &format!("{} {v}", l.avv_version),
            Emphasis::Plain,
        );
    }
    if let Some(days) = a.get("objection_days").and_then(Value::as_u64) {
        part(
            &mut cell,
            &format!("{} {days} {}", l.avv_objection, l.days),
            Emphasis::Plain,
        );
    }
    cell
}

fn processors(body: &mut Vec<Block>, input: &Value, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.processors_with_avv.into(),
    });
    let list: Vec<&Value> = entities(input, "provider")
        .iter()
        .filter(|p| text(p, "role") == Some("processor"))
        .collect();
    if list.is_empty() {
        body.push(Block::Paragraph(muted(l.none_recorded)));
        return;
    }
    let mut table = Table::new(&[(l.provider, 30), (l.purpose, 40), (l.avv, 30)]);
    for p in list {
        table.rows.push(vec![
            plain(text(p, "name").or(text(p, "id")).unwrap_or_default()),
            or_nd(text(p, "purpose").map(str::to_string), l),
            avv_cell(p, l, lang),
        ]);
    }
    body.push(Block::Table(table));
}

fn review(body: &mut Vec<Block>, org: &Value, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.review_facts.into(),
    });
    let interval = org
        .get("review_interval_months")
        .and_then(Value::as_u64)
        .unwrap_or(12);
    let mut facts = vec![(
        l.reviewed.to_string(),
        or_nd(text(org, "reviewed").map(|d| date(lang, d)), l),
    )];
    let mut every = plain(&format!("{interval} {}", l.months));
    if let Some(next) = text(org, "reviewed").and_then(|d| add_months(d, interval)) {
        push(
            &mut every,
            &format!(" ({} {})", l.next_review, date(lang, &next)),
            Emphasis::Muted,
        );
    }
    facts.push((l.review_interval.to_string(), every));
    body.push(Block::Facts(facts));
}

fn add_months(iso: &str, months: u64) -> Option<String> {
    let d = jiff::civil::Date::strptime("%Y-%m-%d", iso).ok()?;
    let span = jiff::Span::new()
        .try_months(i64::try_from(months).ok()?)
        .ok()?;
    d.checked_add(span).ok().map(|d| d.to_string())
}

fn locations(body: &mut Vec<Block>, input: &Value, names: &Names<'_>, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.locations.into(),
    });
    let list = entities(input, "location");
    if list.is_empty() {
        body.push(Block::Paragraph(muted(l.not_documented)));
        return;
    }
    let mut table = Table::new(&[
        (l.name, 34),
        (l.kind, 14),
        (l.operator, 22),
        (l.country, 12),
        (l.site, 18),
    ]);
    for loc in list {
        let mut name = plain(text(loc, "name").or(text(loc, "id")).unwrap_or_default());
        if let Some(a) = text(loc, "address") {
            push(&mut name, &format!("\n{a}"), Emphasis::Muted);
        }
        table.rows.push(vec![
            name,
            or_nd(
                text(loc, "kind").map(|k| labels::value(lang, "location", k)),
                l,
            ),
            operator(loc, names, l),
            or_nd(text(loc, "country").map(|c| labels::country(lang, c)), l),
            or_nd(text(loc, "site").map(str::to_string), l),
        ]);
    }
    body.push(Block::Table(table));
}

fn operator(e: &Value, names: &Names<'_>, l: &Labels) -> Text {
    match text(e, "provider") {
        Some(p) => plain(names.of(&["provider"], p)),
        None => plain(l.own),
    }
}

fn systems(body: &mut Vec<Block>, input: &Value, names: &Names<'_>, l: &Labels, lang: Lang) {
    body.push(Block::Heading {
        level: 2,
        text: l.systems.into(),
    });
    let list = entities(input, "system");
    if list.is_empty() {
        body.push(Block::Paragraph(muted(l.not_documented)));
        return;
    }
    let mut table = Table::new(&[
        (l.name, 22),
        (l.kind, 13),
        (l.operator, 14),
        (l.location, 15),
        (l.os, 12),
        (l.personal_data, 12),
        (l.encrypted, 12),
    ]);
    for s in list {
        let mut name = plain(text(s, "name").or(text(s, "id")).unwrap_or_default());
        if let Some(p) = text(s, "purpose") {
            push(&mut name, &format!("\n{p}"), Emphasis::Muted);
        }
        let kind = text(s, "kind");
        // An operating system is not a fact of a SaaS application or a network device.
        let os = match (text(s, "os"), kind) {
            (Some(os), _) => plain(os),
            (None, Some("saas")) => plain("—"),
            (None, _) => muted(l.not_documented),
        };
        table.rows.push(vec![
            name,
            or_nd(kind.map(|k| labels::value(lang, "system", k)), l),
            operator(s, names, l),
            or_nd(
                text(s, "location").map(|x| names.of(&["location"], x).to_string()),
                l,
            ),
            os,
            yes_no(s.get("personal_data"), l),
            yes_no(s.get("encrypted"), l),
        ]);
    }
    body.push(Block::Table(table));
}

/// Reference data on countries: EU/EEA members and adequacy decisions.
pub(crate) struct Countries {
    eu_eea: Vec<String>,
    /// Adequate without a further safeguard.
    adequate: Vec<String>,
}

impl Countries {
    pub(crate) fn bundled() -> Self {
        let data = labels::countries_data();
        let keys = |k: &str| -> Vec<String> {
            data.get(k)
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        let mut eu_eea = keys("eu");
        eu_eea.extend(keys("eea_non_eu"));
        eu_eea.extend(["EU".to_string(), "EEA".to_string()]);
        let adequate = data
            .get("adequacy")
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .filter(|(_, v)| v.get("requires_transfer").is_none())
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default();
        Self { eu_eea, adequate }
    }
}

/// Where a provider processes data: `processing` where recorded, else `country`.
pub(crate) fn processing_places(p: &Value) -> Vec<String> {
    match places_of(p, "processing") {
        list if !list.is_empty() => list,
        _ => text(p, "country").map(str::to_string).into_iter().collect(),
    }
}

/// A list of places as recorded (`processing`, `support_access`), empty when absent.
pub(crate) fn places_of(p: &Value, key: &str) -> Vec<String> {
    p.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// The safeguard of a provider's transfers: the recorded one, or none needed when every
/// place of processing and of support access is inside the EU/EEA or an adequate
/// country; otherwise not documented.
pub(crate) fn safeguard(p: &Value, countries: &Countries, l: &Labels, lang: Lang) -> Text {
    if let Some(t) = text(p, "transfer") {
        return plain(&labels::value(lang, "transfer", t));
    }
    let mut places = processing_places(p);
    places.extend(places_of(p, "support_access"));
    if places.is_empty() {
        return muted(l.not_documented);
    }
    if places.iter().all(|c| countries.eu_eea.contains(c)) {
        return plain(&format!("— ({})", l.eu_eea));
    }
    if places
        .iter()
        .all(|c| countries.eu_eea.contains(c) || countries.adequate.contains(c))
    {
        return plain(&labels::value(lang, "transfer", "adequacy"));
    }
    muted(l.not_documented)
}

/// The provider table (all providers, or those `keep` selects).
pub(crate) fn provider_table(
    input: &Value,
    l: &Labels,
    lang: Lang,
    keep: impl Fn(&Value) -> bool,
) -> Block {
    let countries = Countries::bundled();
    let list: Vec<&Value> = entities(input, "provider")
        .iter()
        .filter(|p| keep(p))
        .collect();
    if list.is_empty() {
        return Block::Paragraph(muted(l.none_recorded));
    }
    let mut table = Table::new(&[
        (l.provider, 22),
        (l.seat, 12),
        (l.processing_places, 13),
        (l.purpose, 23),
        (l.safeguard, 14),
        (l.avv, 16),
    ]);
    for p in list {
        let mut name = plain(text(p, "name").or(text(p, "id")).unwrap_or_default());
        match text(p, "address") {
            Some(a) => push(&mut name, &format!("\n{a}"), Emphasis::Muted),
            None => push(
                &mut name,
                &format!("\n{}: {}", l.address, l.not_documented),
                Emphasis::Muted,
            ),
        }
        if let Some(parent) = text(p, "parent") {
            push(
                &mut name,
                &format!("\n{}: {parent}", l.parent),
                Emphasis::Muted,
            );
        }
        let places: Vec<String> = processing_places(p)
            .iter()
            .map(|c| labels::country(lang, c))
            .collect();
        let mut places = or_nd((!places.is_empty()).then(|| places.join(", ")), l);
        let support = places_of(p, "support_access");
        if !support.is_empty() {
            let support: Vec<String> = support.iter().map(|c| labels::country(lang, c)).collect();
            push(
                &mut places,
                &format!("\n{}: {}", l.support_access, support.join(", ")),
                Emphasis::Muted,
            );
        }
        table.rows.push(vec![
            name,
            or_nd(text(p, "country").map(|c| labels::country(lang, c)), l),
            places,
            or_nd(text(p, "purpose").map(str::to_string), l),
            safeguard(p, &countries, l, lang),
            avv_cell(p, l, lang),
        ]);
    }
    Block::Table(table)
}

/// Certifications of the organisation and of its providers, one row each: standard,
/// validity, scope and where the certificate is kept.
fn certifications(body: &mut Vec<Block>, input: &Value, l: &Labels, lang: Lang) {
    let mut table = Table::new(&[
        (l.cert_holder, 22),
        (l.cert_standard, 18),
        (l.cert_valid_until, 14),
        (l.cert_scope, 26),
        (l.cert_evidence, 20),
    ]);
    let mut add = |holder: &str, v: Option<&Value>| {
        for c in v.and_then(Value::as_array).into_iter().flatten() {
            let (standard, until, scope, evidence) = match c {
                Value::String(s) => (Some(s.as_str()), None, None, None),
                Value::Object(_) => (
                    text(c, "standard").or(text(c, "name")),
                    text(c, "valid_until"),
                    text(c, "scope"),
                    text(c, "evidence"),
                ),
                _ => continue,
            };
            table.rows.push(vec![
                plain(holder),
                or_nd(standard.map(str::to_string), l),
                or_nd(until.map(|d| date(lang, d)), l),
                or_nd(scope.map(str::to_string), l),
                or_nd(evidence.map(str::to_string), l),
            ]);
        }
    };
    if let Some(org) = input.get("organization") {
        add(
            text(org, "name").unwrap_or(l.not_documented),
            org.get("certifications"),
        );
    }
    for p in entities(input, "provider") {
        add(
            text(p, "name").or(text(p, "id")).unwrap_or_default(),
            p.get("certifications"),
        );
    }
    if table.rows.is_empty() {
        body.push(Block::Paragraph(muted(l.not_documented)));
    } else {
        body.push(Block::Table(table));
    }
}

fn findings(body: &mut Vec<Block>, snap: &Snapshot, l: &Labels, lang: Lang) {
    let Some((findings, today)) = &snap.findings else {
        return;
    };
    let open: Vec<_> = findings.iter().filter(|f| !f.waived).collect();
    body.push(Block::Paragraph(vec![
        model::Span {
            text: l.findings_intro.to_string(),
            emphasis: Emphasis::Plain,
        },
        model::Span {
            text: format!(" ({} {})", l.evaluated, date(lang, today)),
            emphasis: Emphasis::Muted,
        },
    ]));
    if open.is_empty() {
        body.push(Block::Paragraph(plain(l.no_findings)));
        return;
    }
    let mut table = Table::new(&[
        (l.severity, 10),
        (l.rule, 20),
        (l.subject, 20),
        (l.message, 50),
    ]);
    // Most severe first, then by rule and subject, as the check reports them.
    let mut sorted: BTreeMap<(std::cmp::Reverse<crate::config::Severity>, String, String), Text> =
        BTreeMap::new();
    for f in open {
        let mut msg = plain(&f.message);
        if let Some(legal) = f.legal.as_deref().filter(|s| !s.is_empty()) {
            push(&mut msg, &format!(" ({legal})"), Emphasis::Muted);
        }
        sorted.insert(
            (
                std::cmp::Reverse(f.severity),
                f.rule.clone(),
                f.subject.clone().unwrap_or_default(),
            ),
            msg,
        );
    }
    for ((sev, rule, subject), msg) in sorted {
        table.rows.push(vec![
            strong(sev.0.as_str()),
            plain(&rule),
            plain(&subject),
            msg,
        ]);
    }
    body.push(Block::Table(table));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Support access from a third country is a transfer too: inside the EU/EEA only
    /// when the support is.
    #[test]
    fn support_access_counts_for_the_safeguard() {
        let countries = Countries::bundled();
        let l = labels(Lang::De);
        let inside = json!({"country": "DE", "processing": ["EU"], "support_access": ["AT"]});
        let outside = json!({"country": "DE", "processing": ["EU"], "support_access": ["IN"]});
        let flat = |p: &Value| model::flat(&safeguard(p, &countries, l, Lang::De));
        assert_eq!(flat(&inside), "— (EU/EWR)");
        assert_eq!(flat(&outside), "nicht dokumentiert");
    }
}
