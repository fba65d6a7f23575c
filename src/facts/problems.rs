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
        const LABEL: &str = "first defined here";
        match self {
            First::InFile(span) => p.with_label(span, LABEL),
            First::Elsewhere(source, span) => p.with_related(advice(source, span, LABEL)),
        }
    }
}

/// The file still holds `<<<<<<<` from a merge; `span` is that line.
pub(super) fn merge_conflict(source: &SourceText, span: Range<usize>) -> Problem {
    Problem::at(
        Code::MergeConflict,
        format!("{} contains git merge-conflict markers", source.path),
        source,
        span,
        "conflict starts here",
    )
    .with_help("resolve the merge conflict (keep one side, delete the <<<<<<< ======= >>>>>>> lines) and check again")
}

/// A top-level key that is not a kind of the format.
pub(super) fn unknown_kind(source: &SourceText, span: Range<usize>, name: &str) -> Problem {
    let kinds = || schema::KINDS.iter().map(|k| k.name);
    Problem::at(
        Code::UnknownKind,
        format!("unknown kind `{name}`"),
        source,
        span,
        "not a kind of TOM format v1",
    )
    .with_help(match did_you_mean(name, kinds()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the kinds are: {}", kinds().collect::<Vec<_>>().join(", ")),
    })
}

/// `organization = …` that is not a table.
pub(super) fn organization_not_table(source: &SourceText, value: &Spanned<DeValue<'_>>) -> Problem {
    Problem::at(
        Code::WrongType,
        "`organization` must be a table",
        source,
        value.span(),
        this_is(value.get_ref()),
    )
    .with_help("write it as [organization] followed by its keys")
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
        format!("`{kind}` must be an array of tables"),
        source,
        span,
        this_is(found),
    )
    .with_help(format!("write each entry as [[{kind}]]"))
}

/// An entry of an array of tables that is not a table (`provider = ["a"]`).
pub(super) fn entry_not_table(
    source: &SourceText,
    item: &Spanned<DeValue<'_>>,
    kind: &str,
) -> Problem {
    Problem::at(
        Code::WrongType,
        format!("each `{kind}` entry must be a table"),
        source,
        item.span(),
        this_is(item.get_ref()),
    )
    .with_help(format!(
        "write each entry as [[{kind}]] followed by its keys"
    ))
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
            "`organization` is defined twice",
            source,
            span,
            "defined again here",
        ))
        .with_help("keep one [organization] table in the TOM")
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
            format!("duplicate {kind} id `{id}`"),
            source,
            span,
            "defined again here",
        ))
        .with_help(format!(
            "ids must be unique within a kind: rename one of the {kind}s"
        ))
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
        format!("unknown key `{path}` in {}", describe_subject(subject)),
        source,
        span,
        "unknown key",
    )
    .with_help(match did_you_mean(name, names()) {
        Some(s) => format!(
            "did you mean `{s}`? A misspelt key would silently disable the rules that read it"
        ),
        None => format!(
            "known keys here: {}",
            names().collect::<Vec<_>>().join(", ")
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
        format!(
            "{} is missing the required key `{prefix}{}`",
            describe_subject(subject),
            field.name
        ),
        source,
        span,
        format!("`{}` missing here", field.name),
    )
    .with_help(format!("add `{} = …`: {}", field.name, field.doc))
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
    let others: Vec<String> = conds.iter().map(Cond::describe).collect();
    let help = format!(
        "add `{} = …`: {}. It may be left out only when {}",
        field.name,
        field.doc,
        others.join(", or when ")
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
        format!(
            "`{prefix}{}` applies only with {}",
            field.name,
            c.describe()
        ),
        source,
        span,
        format!("only with {}", c.describe()),
    )
    .with_help(format!(
        "write {} as well, or remove `{}`",
        c.describe(),
        field.name
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
        format!("`{path}` must be {expected}"),
        source,
        value.span(),
        this_is(value.get_ref()),
    )
    .with_help(match quoted_date {
        Some(s) => format!("write the date without quotes: {path} = {s}"),
        None => format!("{path}: {}", field.doc),
    })
}

/// A well-formed date that is not in the calendar (`2026-02-30`).
pub(super) fn invalid_date(source: &SourceText, span: Range<usize>, path: &str) -> Problem {
    Problem::at(
        Code::InvalidDate,
        format!("`{path}` is not a valid calendar date"),
        source,
        span,
        "no such day",
    )
}

/// A date-time or a date with an offset where a plain date belongs.
pub(super) fn date_with_time(source: &SourceText, span: Range<usize>, path: &str) -> Problem {
    Problem::at(
        Code::WrongType,
        format!("`{path}` must be a date without a time"),
        source,
        span,
        "this has a time or offset",
    )
    .with_help("write a local date like 2026-03-01")
}

/// An item of a list of ids that is not a string.
pub(super) fn id_not_string(
    source: &SourceText,
    item: &Spanned<DeValue<'_>>,
    path: &str,
) -> Problem {
    Problem::at(
        Code::WrongType,
        format!("`{path}` must list ids as strings"),
        source,
        item.span(),
        this_is(item.get_ref()),
    )
}

/// An entity's own id that is not `[a-z0-9][a-z0-9-]*`.
pub(super) fn invalid_id(source: &SourceText, span: Range<usize>, id: &str) -> Problem {
    Problem::at(
        Code::InvalidId,
        format!("invalid id `{id}`"),
        source,
        span,
        "ids are lowercase letters, digits and dashes",
    )
    .with_help(format!(
        "ids must match [a-z0-9][a-z0-9-]*, e.g. \"{}\"",
        slug(id)
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
        format!("`{path}` refers to `{id}`, which is not a valid id"),
        source,
        span,
        "ids are lowercase letters, digits and dashes",
    )
    .with_help(format!(
        "refer to entities by their id, e.g. \"{}\"",
        slug(id)
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
    let label = if !shape {
        "not a two-letter country code"
    } else if country.bytes().all(|b| b.is_ascii_uppercase()) {
        "not an assigned ISO 3166-1 code"
    } else {
        "not in capitals"
    };
    let help = match (
        country.to_ascii_uppercase().as_str(),
        crate::countries::suggest_country(country),
    ) {
        ("EU", _) => {
            "the EU is not a country: name the member state where it is (e.g. \"DE\", \"IE\")"
                .to_string()
        }
        (u, Some(c)) if u == c => format!("write it in capitals: \"{c}\""),
        (_, Some(c)) => format!("did you mean \"{c}\"? Countries are ISO 3166-1 alpha-2 codes"),
        _ => "use an ISO 3166-1 alpha-2 code, e.g. \"DE\", \"US\", \"CH\"".into(),
    };
    Problem::at(
        Code::InvalidCountry,
        format!("`{path}` must be an ISO 3166-1 alpha-2 code, not \"{country}\""),
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
        format!("`{path}` lists \"{place}\", which is no country code or region"),
        source,
        span,
        "not a two-letter country code, EU or EEA",
    )
    .with_help(
        if upper != place && (upper.len() == 2 || schema::REGIONS.contains(&upper.as_str())) {
            format!("write it in capitals: \"{upper}\"")
        } else {
            format!(
                "list ISO 3166-1 alpha-2 codes (\"IE\", \"US\") or the regions {}",
                schema::REGIONS.join(" and ")
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
        format!("`{path}` cannot be \"{value}\""),
        source,
        span,
        "not an allowed value",
    )
    .with_help(match did_you_mean(value, allowed.iter().copied()) {
        Some(m) => format!("did you mean \"{m}\"? Allowed: {}", allowed.join(", ")),
        None => format!("allowed values: {}", allowed.join(", ")),
    })
}

/// A waiver subject `control:<name>` naming no control category.
pub(super) fn unknown_control(source: &SourceText, span: Range<usize>, name: &str) -> Problem {
    Problem::at(
        Code::InvalidSubject,
        format!("unknown control `{name}`"),
        source,
        span,
        "not a control category",
    )
    .with_help(match did_you_mean(name, schema::CONTROLS.iter().copied()) {
        Some(m) => format!("did you mean `control:{m}`?"),
        None => format!("controls: {}", schema::CONTROLS.join(", ")),
    })
}

/// A waiver subject that is neither `kind:id`, `control:<name>` nor `organization`.
pub(super) fn invalid_subject(source: &SourceText, span: Range<usize>, subject: &str) -> Problem {
    Problem::at(
        Code::InvalidSubject,
        format!("invalid subject `{subject}`"),
        source,
        span,
        "not kind:id",
    )
    .with_help("write the subject of the finding as kind:id (\"provider:hetzner\"), control:<name> or organization")
}

/// An entity naming itself where another entity belongs.
pub(super) fn self_reference(source: &SourceText, span: Range<usize>, from: &str) -> Problem {
    Problem::at(
        Code::SelfReference,
        format!("{} refers to itself", describe_subject(from)),
        source,
        span,
        "reference to itself",
    )
    .with_help("an entity cannot be its own subprocessor")
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
    let what = kinds.join(" or ");
    Problem::at(
        Code::DanglingReference,
        format!("{} refers to unknown {what} `{id}`", describe_subject(from)),
        source,
        span,
        format!("no {what} has this id"),
    )
    .with_help(match did_you_mean(id, ids.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if ids.is_empty() => format!(
            "there is no {what} in the TOM; add a [[{}]] with this id",
            kinds[0]
        ),
        None => format!(
            "add a [[{}]] with id = \"{id}\", or fix the reference",
            kinds[0]
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
        format!("waiver names unknown rule `{rule}`"),
        source,
        span,
        "no policy defines this rule",
    )
    .with_help(match did_you_mean(rule, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? (`tomcheck rules` lists every rule)"),
        None => "`tomcheck rules` lists every rule".into(),
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
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date/time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    };
    format!("this is {what}")
}

/// How messages name an entity: `provider `hetzner``, or `a provider without id`.
fn describe_subject(subject: &str) -> String {
    match subject.split_once(':') {
        Some((kind, id)) if id.starts_with('#') => format!("a {kind} without id"),
        Some((kind, id)) => format!("{kind} `{id}`"),
        None => subject.to_string(),
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
