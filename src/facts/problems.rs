//! Every problem the facts loader reports, one builder per kind of problem.
//!
//! The loader decides *that* something is wrong; these functions decide how it is
//! told: code, message, label, help and suggestion. Kept apart so that the loader reads
//! as the checks it makes, and so that the wording of each diagnostic lives in exactly
//! one place (the bad-input corpus under `tests/bad/` pins it).

use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use crate::diag::{did_you_mean, Code, Problem};
use crate::i18n::tr;
use crate::schema::{self, Cond, Field, Ty};
use crate::text::SourceText;

/// Where the first of two definitions was written.
pub(super) enum First<'a> {
    /// Earlier in the same file: a second label.
    InFile(Range<usize>),
    /// In another file: a related diagnostic pointing there.
    Elsewhere(&'a SourceText, Range<usize>),
}

impl First<'_> {
    fn attach(self, p: Problem) -> Problem {
        let label = tr("problem-first-defined-here", &[]);
        match self {
            First::InFile(span) => p.with_label(span, label),
            First::Elsewhere(source, span) => p.with_related(advice(source, span, &label)),
        }
    }
}

/// The file still holds `<<<<<<<` from a merge; `span` is that line.
pub(super) fn merge_conflict(source: &SourceText, span: Range<usize>) -> Problem {
    Problem::at(
        Code::MergeConflict,
        tr("problem-merge-conflict", &[("path", (&source.path).into())]),
        source,
        span,
        tr("problem-merge-conflict-label", &[]),
    )
    .with_help(tr("problem-merge-conflict-help", &[]))
}

/// A top-level key that is not a kind of the format.
pub(super) fn unknown_kind(source: &SourceText, span: Range<usize>, name: &str) -> Problem {
    let kinds = || schema::KINDS.iter().map(|k| k.name);
    Problem::at(
        Code::UnknownKind,
        tr("problem-unknown-kind", &[("name", name.into())]),
        source,
        span,
        tr("problem-unknown-kind-label", &[]),
    )
    .with_help(match did_you_mean(name, kinds()) {
        Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
        None => tr(
            "problem-unknown-kind-help",
            &[("kinds", (&kinds().collect::<Vec<_>>().join(", ")).into())],
        ),
    })
}

/// `organization = …` that is not a table.
pub(super) fn organization_not_table(source: &SourceText, value: &Spanned<DeValue<'_>>) -> Problem {
    Problem::at(
        Code::WrongType,
        tr("problem-organization-not-table", &[]),
        source,
        value.span(),
        this_is(value.get_ref()),
    )
    .with_help(tr("problem-organization-not-table-help", &[]))
}

/// `[provider]` (or `provider = …`) where `[[provider]]` entries belong.
pub(super) fn not_array_of_tables(
    source: &SourceText,
    span: Range<usize>,
    kind: &str,
    found: &DeValue<'_>,
) -> Problem {
    Problem::at(
        Code::WrongType,
        tr("problem-not-array-of-tables", &[("kind", kind.into())]),
        source,
        span,
        this_is(found),
    )
    .with_help(tr(
        "problem-not-array-of-tables-help",
        &[("kind", kind.into())],
    ))
}

/// An entry of an array of tables that is not a table (`provider = ["a"]`).
pub(super) fn entry_not_table(
    source: &SourceText,
    item: &Spanned<DeValue<'_>>,
    kind: &str,
) -> Problem {
    Problem::at(
        Code::WrongType,
        tr("problem-entry-not-table", &[("kind", kind.into())]),
        source,
        item.span(),
        this_is(item.get_ref()),
    )
    .with_help(tr("problem-entry-not-table-help", &[("kind", kind.into())]))
}

/// A second `[organization]`.
pub(super) fn duplicate_organization(
    source: &SourceText,
    span: Range<usize>,
    first: First<'_>,
) -> Problem {
    first
        .attach(Problem::at(
            Code::DuplicateOrganization,
            tr("problem-duplicate-organization", &[]),
            source,
            span,
            tr("problem-defined-again-here", &[]),
        ))
        .with_help(tr("problem-duplicate-organization-help", &[]))
}

/// A second entity of `kind` with the same id; `span` is its id value.
pub(super) fn duplicate_id(
    source: &SourceText,
    span: Range<usize>,
    kind: &str,
    id: &str,
    first: First<'_>,
) -> Problem {
    first
        .attach(Problem::at(
            Code::DuplicateId,
            tr(
                "problem-duplicate-id",
                &[("kind", kind.into()), ("id", id.into())],
            ),
            source,
            span,
            tr("problem-defined-again-here", &[]),
        ))
        .with_help(tr("problem-duplicate-id-help", &[("kind", kind.into())]))
}

/// A key that is not one of `fields`; `path` is its dotted path in the entity.
pub(super) fn unknown_key(
    source: &SourceText,
    span: Range<usize>,
    subject: &str,
    path: &str,
    name: &str,
    fields: &[Field],
) -> Problem {
    let names = || fields.iter().map(|f| f.name);
    Problem::at(
        Code::UnknownKey,
        tr(
            "problem-unknown-key",
            &[
                ("path", path.into()),
                ("subject", (&describe_subject(subject)).into()),
            ],
        ),
        source,
        span,
        tr("problem-unknown-key-label", &[]),
    )
    .with_help(match did_you_mean(name, names()) {
        Some(s) => tr("problem-unknown-key-did-you-mean", &[("name", s.into())]),
        None => tr(
            "problem-unknown-key-help",
            &[("keys", (&names().collect::<Vec<_>>().join(", ")).into())],
        ),
    })
}

/// A required field that is not written; `span` is the table that lacks it.
pub(super) fn missing_key(
    source: &SourceText,
    span: Range<usize>,
    subject: &str,
    prefix: &str,
    field: &Field,
) -> Problem {
    Problem::at(
        Code::MissingKey,
        tr(
            "problem-missing-key",
            &[
                ("subject", (&describe_subject(subject)).into()),
                ("key", (&format!("{prefix}{}", field.name)).into()),
            ],
        ),
        source,
        span,
        tr("problem-missing-key-label", &[("key", field.name.into())]),
    )
    .with_help(tr(
        "problem-missing-key-help",
        &[
            ("key", field.name.into()),
            ("doc", (&field_doc(field)).into()),
        ],
    ))
}

/// A field required unless one of `conds` holds, missing although none does.
pub(super) fn missing_key_unless(
    source: &SourceText,
    span: Range<usize>,
    subject: &str,
    prefix: &str,
    field: &Field,
    conds: &[Cond],
) -> Problem {
    let p = missing_key(source, span, subject, prefix, field);
    let others: Vec<String> = conds.iter().map(describe_cond).collect();
    let help = tr(
        "problem-missing-key-unless-help",
        &[
            ("key", field.name.into()),
            ("doc", (&field_doc(field)).into()),
            ("conds", (&others.join(&tr("problem-or-when", &[]))).into()),
        ],
    );
    p.with_help(help)
}

/// A field written although it applies only when `c` holds; `span` is its key.
pub(super) fn key_not_applicable(
    source: &SourceText,
    span: Range<usize>,
    prefix: &str,
    field: &Field,
    c: Cond,
) -> Problem {
    Problem::at(
        Code::KeyNotApplicable,
        tr(
            "problem-key-not-applicable",
            &[
                ("key", (&format!("{prefix}{}", field.name)).into()),
                ("cond", (&describe_cond(&c)).into()),
            ],
        ),
        source,
        span,
        tr(
            "problem-key-not-applicable-label",
            &[("cond", (&describe_cond(&c)).into())],
        ),
    )
    .with_help(tr(
        "problem-key-not-applicable-help",
        &[
            ("cond", (&describe_cond(&c)).into()),
            ("key", field.name.into()),
        ],
    ))
}

/// A value of the wrong type for `field`. A quoted date gets told to drop the quotes,
/// anything else gets the field's description.
pub(super) fn wrong_type(
    source: &SourceText,
    value: &Spanned<DeValue<'_>>,
    path: &str,
    expected: &str,
    field: &Field,
) -> Problem {
    let quoted_date = match (field.ty, value.get_ref().as_str()) {
        (Ty::Date, Some(s)) => jiff::civil::Date::strptime("%Y-%m-%d", s)
            .is_ok()
            .then_some(s),
        _ => None,
    };
    Problem::at(
        Code::WrongType,
        tr(
            "problem-wrong-type",
            &[
                ("path", path.into()),
                ("expected", (&expected_text(expected)).into()),
            ],
        ),
        source,
        value.span(),
        this_is(value.get_ref()),
    )
    .with_help(match quoted_date {
        Some(s) => tr(
            "problem-wrong-type-quoted-date",
            &[("path", path.into()), ("date", s.into())],
        ),
        None => tr(
            "problem-wrong-type-help",
            &[("path", path.into()), ("doc", (&field_doc(field)).into())],
        ),
    })
}

/// A well-formed date that is not in the calendar (`2026-02-30`).
pub(super) fn invalid_date(source: &SourceText, span: Range<usize>, path: &str) -> Problem {
    Problem::at(
        Code::InvalidDate,
        tr("problem-invalid-date", &[("path", path.into())]),
        source,
        span,
        tr("problem-invalid-date-label", &[]),
    )
}

/// A date-time or a date with an offset where a plain date belongs.
pub(super) fn date_with_time(source: &SourceText, span: Range<usize>, path: &str) -> Problem {
    Problem::at(
        Code::WrongType,
        tr("problem-date-with-time", &[("path", path.into())]),
        source,
        span,
        tr("problem-date-with-time-label", &[]),
    )
    .with_help(tr("problem-date-with-time-help", &[]))
}

/// An item of a list of ids that is not a string.
pub(super) fn id_not_string(
    source: &SourceText,
    item: &Spanned<DeValue<'_>>,
    path: &str,
) -> Problem {
    Problem::at(
        Code::WrongType,
        tr("problem-id-not-string", &[("path", path.into())]),
        source,
        item.span(),
        this_is(item.get_ref()),
    )
}

/// An entity's own id that is not `[a-z0-9][a-z0-9-]*`.
pub(super) fn invalid_id(source: &SourceText, span: Range<usize>, id: &str) -> Problem {
    Problem::at(
        Code::InvalidId,
        tr("problem-invalid-id", &[("id", id.into())]),
        source,
        span,
        tr("problem-id-shape", &[]),
    )
    .with_help(tr(
        "problem-invalid-id-help",
        &[("slug", (&slug(id)).into())],
    ))
}

/// A reference that cannot name an entity because it is no valid id (`"Hetzner GmbH"`).
pub(super) fn invalid_reference(
    source: &SourceText,
    span: Range<usize>,
    path: &str,
    id: &str,
) -> Problem {
    Problem::at(
        Code::InvalidId,
        tr(
            "problem-invalid-reference",
            &[("path", path.into()), ("id", id.into())],
        ),
        source,
        span,
        tr("problem-id-shape", &[]),
    )
    .with_help(tr(
        "problem-invalid-reference-help",
        &[("slug", (&slug(id)).into())],
    ))
}

/// A country that is not an assigned ISO 3166-1 alpha-2 code (`XX`, `EU`, `de`).
pub(super) fn invalid_country(
    source: &SourceText,
    span: Range<usize>,
    path: &str,
    country: &str,
) -> Problem {
    let shape = country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic());
    let label = tr(
        if !shape {
            "problem-country-not-two-letters"
        } else if country.bytes().all(|b| b.is_ascii_uppercase()) {
            "problem-country-not-assigned"
        } else {
            "problem-country-not-capitals"
        },
        &[],
    );
    let help = match (
        country.to_ascii_uppercase().as_str(),
        crate::countries::suggest_country(country),
    ) {
        ("EU", _) => tr("problem-country-eu-help", &[]),
        (u, Some(c)) if u == c => tr("problem-write-in-capitals", &[("value", c.into())]),
        (_, Some(c)) => tr("problem-country-did-you-mean", &[("country", c.into())]),
        _ => tr("problem-country-help", &[]),
    };
    Problem::at(
        Code::InvalidCountry,
        tr(
            "problem-invalid-country",
            &[("path", path.into()), ("country", country.into())],
        ),
        source,
        span,
        label,
    )
    .with_help(help)
}

/// An entry of a list of places that is neither a country code nor a region.
pub(super) fn invalid_place(
    source: &SourceText,
    span: Range<usize>,
    path: &str,
    place: &str,
) -> Problem {
    let upper = place.to_ascii_uppercase();
    Problem::at(
        Code::InvalidCountry,
        tr(
            "problem-invalid-place",
            &[("path", path.into()), ("place", place.into())],
        ),
        source,
        span,
        tr("problem-invalid-place-label", &[]),
    )
    .with_help(
        if upper != place && (upper.len() == 2 || schema::REGIONS.contains(&upper.as_str())) {
            tr("problem-write-in-capitals", &[("value", (&upper).into())])
        } else {
            tr(
                "problem-invalid-place-help",
                &[(
                    "regions",
                    (&schema::REGIONS.join(&tr("problem-and", &[]))).into(),
                )],
            )
        },
    )
}

/// A string that is not one of the field's `allowed` values.
pub(super) fn invalid_value(
    source: &SourceText,
    span: Range<usize>,
    path: &str,
    value: &str,
    allowed: &[&str],
) -> Problem {
    Problem::at(
        Code::InvalidValue,
        tr(
            "problem-invalid-value",
            &[("path", path.into()), ("value", value.into())],
        ),
        source,
        span,
        tr("problem-invalid-value-label", &[]),
    )
    .with_help(match did_you_mean(value, allowed.iter().copied()) {
        Some(m) => tr(
            "problem-invalid-value-did-you-mean",
            &[
                ("value", m.into()),
                ("allowed", (&allowed.join(", ")).into()),
            ],
        ),
        None => tr(
            "problem-invalid-value-help",
            &[("allowed", (&allowed.join(", ")).into())],
        ),
    })
}

/// A waiver subject `control:<name>` naming no control category.
pub(super) fn unknown_control(source: &SourceText, span: Range<usize>, name: &str) -> Problem {
    Problem::at(
        Code::InvalidSubject,
        tr("problem-unknown-control", &[("name", name.into())]),
        source,
        span,
        tr("problem-unknown-control-label", &[]),
    )
    .with_help(match did_you_mean(name, schema::CONTROLS.iter().copied()) {
        Some(m) => tr(
            "problem-did-you-mean",
            &[("name", (&format!("control:{m}")).into())],
        ),
        None => tr(
            "problem-unknown-control-help",
            &[("controls", (&schema::CONTROLS.join(", ")).into())],
        ),
    })
}

/// A waiver subject that is neither `kind:id`, `control:<name>` nor `organization`.
pub(super) fn invalid_subject(source: &SourceText, span: Range<usize>, subject: &str) -> Problem {
    Problem::at(
        Code::InvalidSubject,
        tr("problem-invalid-subject", &[("subject", subject.into())]),
        source,
        span,
        tr("problem-invalid-subject-label", &[]),
    )
    .with_help(tr("problem-invalid-subject-help", &[]))
}

/// An entity naming itself where another entity belongs.
pub(super) fn self_reference(source: &SourceText, span: Range<usize>, from: &str) -> Problem {
    Problem::at(
        Code::SelfReference,
        tr(
            "problem-self-reference",
            &[("subject", (&describe_subject(from)).into())],
        ),
        source,
        span,
        tr("problem-self-reference-label", &[]),
    )
    .with_help(tr("problem-self-reference-help", &[]))
}

/// A reference from `from` to an `id` that no entity of `kinds` has; `ids` are the ids
/// those kinds do have, for the suggestion.
pub(super) fn dangling_reference(
    source: &SourceText,
    span: Range<usize>,
    from: &str,
    kinds: &[&str],
    id: &str,
    ids: &[&str],
) -> Problem {
    let what = kinds.join(&tr("problem-or", &[]));
    let what = what.as_str();
    Problem::at(
        Code::DanglingReference,
        tr(
            "problem-dangling-reference",
            &[
                ("subject", (&describe_subject(from)).into()),
                ("what", what.into()),
                ("id", id.into()),
            ],
        ),
        source,
        span,
        tr("problem-dangling-reference-label", &[("what", what.into())]),
    )
    .with_help(match did_you_mean(id, ids.iter().copied()) {
        Some(s) => tr("problem-did-you-mean", &[("name", s.into())]),
        None if ids.is_empty() => tr(
            "problem-dangling-reference-none",
            &[("what", what.into()), ("kind", kinds[0].into())],
        ),
        None => tr(
            "problem-dangling-reference-help",
            &[("kind", kinds[0].into()), ("id", id.into())],
        ),
    })
}

/// A waiver naming a rule that none of the loaded policies defines.
pub(super) fn unknown_waiver_rule(
    source: &SourceText,
    span: Range<usize>,
    rule: &str,
    known: &[&str],
) -> Problem {
    Problem::at(
        Code::UnknownRule,
        tr("problem-unknown-waiver-rule", &[("rule", rule.into())]),
        source,
        span,
        tr("problem-unknown-waiver-rule-label", &[]),
    )
    .with_help(match did_you_mean(rule, known.iter().copied()) {
        Some(s) => tr("problem-unknown-rule-did-you-mean", &[("name", s.into())]),
        None => tr("problem-unknown-rule-help", &[]),
    })
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

/// The label under a value of the wrong type.
fn this_is(value: &DeValue<'_>) -> String {
    let what = match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    };
    tr("problem-this-is", &[("what", what.into())])
}

/// How messages name an entity: `provider `hetzner``, or `a provider without id`.
fn describe_subject(subject: &str) -> String {
    match subject.split_once(':') {
        Some((kind, id)) if id.starts_with('#') => {
            tr("problem-subject-without-id", &[("kind", kind.into())])
        }
        Some((kind, id)) => format!("{kind} `{id}`"),
        None => subject.to_string(),
    }
}

/// What a value of the wrong type should have been: `expected` is the shape's short
/// name, its text is `problem-expected-<name>` in the catalogue.
fn expected_text(expected: &str) -> String {
    tr(&format!("problem-expected-{expected}"), &[])
}

/// A field's description in the run's language (see [`schema::doc_in`]).
fn field_doc(field: &Field) -> String {
    schema::doc_in(crate::i18n::current(), field.doc)
}

/// A condition as the help of a missing or misplaced key states it.
fn describe_cond(c: &Cond) -> String {
    match c {
        Cond::Is(key, value) => format!("{key} = \"{value}\""),
        Cond::Has(key) => tr("problem-cond-has", &[("key", (*key).into())]),
    }
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

    /// Every field of the format has its description in both languages, and no two
    /// descriptions share an id.
    #[test]
    fn every_field_has_a_german_description() {
        fn walk(fields: &[Field], seen: &mut std::collections::BTreeMap<String, &'static str>) {
            for field in fields {
                let id = schema::doc_id(field.doc);
                if let Some(other) = seen.insert(id.clone(), field.doc) {
                    assert_eq!(other, field.doc, "`{id}` names two descriptions");
                }
                for lang in [crate::i18n::Lang::En, crate::i18n::Lang::De] {
                    assert_ne!(
                        crate::i18n::t(lang, &id, &[]),
                        id,
                        "`{id}` is not in the catalogue"
                    );
                }
                assert_eq!(crate::i18n::t(crate::i18n::Lang::En, &id, &[]), field.doc);
                if let Ty::Table(sub) | Ty::TableList(sub) = field.ty {
                    walk(sub, seen);
                }
            }
        }
        let mut seen = std::collections::BTreeMap::new();
        for kind in schema::KINDS {
            walk(kind.fields, &mut seen);
            let de = schema::doc_in(crate::i18n::Lang::De, kind.doc);
            assert_ne!(
                de, kind.doc,
                "the description of `{}` has no German text",
                kind.name
            );
            assert_eq!(schema::doc_in(crate::i18n::Lang::En, kind.doc), kind.doc);
        }
        assert!(seen.len() > 50);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Hetzner Online GmbH"), "hetzner-online-gmbh");
        assert_eq!(slug("Müller_IT"), "muller-it");
    }

    #[test]
    fn duplicates_point_at_the_first_definition_in_either_file() {
        let a = SourceText::new("tom/a.toml", "tom/a.toml", "id = \"x\"\nid = \"x\"\n");
        let b = SourceText::new("tom/b.toml", "tom/b.toml", "id = \"x\"\n");
        let here = duplicate_id(&a, 14..17, "provider", "x", First::InFile(5..8));
        assert_eq!(here.labels.len(), 2);
        assert!(here.related.is_empty());
        let there = duplicate_id(&a, 14..17, "provider", "x", First::Elsewhere(&b, 5..8));
        assert_eq!(there.labels.len(), 1);
        assert_eq!(there.related[0].source.as_ref().unwrap().path, "tom/b.toml");
        assert!(there.related[0].is_advice);
    }
}
