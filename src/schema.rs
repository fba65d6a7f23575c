//! The TOM format v1 as data.
//!
//! One declarative table describes every kind, field, type, enum value and reference.
//! The loader ([`crate::facts`]) validates against it and `tomcheck schema` turns the same
//! table into a JSON Schema for editors, so the two can never disagree.

use serde_json::{json, Map, Value};

/// The type of a field.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Text,
    Bool,
    /// A non-negative integer.
    Count,
    /// A TOML local date (`2026-03-01`).
    Date,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// The entity id.
    Id,
    /// One of the listed strings.
    Enum(&'static [&'static str]),
    /// The id of an entity of one of the listed kinds.
    Ref(&'static [&'static str]),
    /// A list of ids of entities of the listed kinds.
    RefList(&'static [&'static str]),
    /// A waiver subject: `kind:id`, `control:<name>` or `organization`.
    Subject,
    /// A rule id (checked against the loaded policies).
    RuleId,
    /// An inline table with its own fields.
    Table(&'static [Field]),
}

/// A field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub doc: &'static str,
}

/// A top-level entity kind.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub name: &'static str,
    /// `false` only for `organization`, which is a single table.
    pub many: bool,
    pub fields: &'static [Field],
    pub doc: &'static str,
}

impl Kind {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn f(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}

/// The control categories of Art. 32 GDPR as TOM documents list them.
pub const CONTROLS: &[&str] = &[
    "physical_access",
    "system_access",
    "data_access",
    "separation",
    "pseudonymisation",
    "encryption",
    "transfer",
    "input",
    "availability",
    "recoverability",
    "order",
    "review",
];

/// German labels of [`CONTROLS`], in the same order.
pub const CONTROL_LABELS_DE: &[&str] = &[
    "Zutrittskontrolle",
    "Zugangskontrolle",
    "Zugriffskontrolle",
    "Trennungskontrolle",
    "Pseudonymisierung",
    "Verschlüsselung",
    "Weitergabekontrolle",
    "Eingabekontrolle",
    "Verfügbarkeitskontrolle",
    "Rasche Wiederherstellbarkeit",
    "Auftragskontrolle",
    "Verfahren zur regelmäßigen Überprüfung",
];

const ID: Field = req(
    "id",
    Ty::Id,
    "Identifier, unique within its kind: lowercase letters, digits and dashes",
);
const NAME: Field = f("name", Ty::Text, "Human-readable name");
const COUNTRY: Field = f(
    "country",
    Ty::Country,
    "ISO 3166-1 alpha-2 country code (DE, US, CH, …)",
);
const NOTES: Field = f("notes", Ty::Text, "Free-text remarks");

const AVV: &[Field] = &[
    req(
        "signed",
        Ty::Date,
        "Date the data processing agreement was signed",
    ),
    f(
        "expires",
        Ty::Date,
        "Date the agreement ends, if it is time-limited",
    ),
    f("version", Ty::Text, "Version or reference of the agreement"),
    f(
        "document",
        Ty::Text,
        "Where the signed agreement is kept (path or URL)",
    ),
];

/// Every kind of TOM format v1, in document order.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "organization",
        many: false,
        doc: "The controller whose measures the TOM documents",
        fields: &[
            req("name", Ty::Text, "Legal name of the organisation"),
            COUNTRY,
            f("address", Ty::Text, "Postal address"),
            f("as_of", Ty::Date, "\"Stand\" of the document"),
            f("reviewed", Ty::Date, "Last review of the TOM (Art. 32(1)(d) GDPR)"),
            f("review_interval_months", Ty::Count, "Months between reviews (default 12)"),
            f("dpo", Ty::Text, "Data protection officer, e.g. \"Erika Mustermann <dsb@example.de>\""),
            NOTES,
        ],
    },
    Kind {
        name: "provider",
        many: true,
        doc: "An external party that receives or can reach personal data",
        fields: &[
            ID,
            req("name", Ty::Text, "Legal name"),
            f("address", Ty::Text, "Postal address"),
            COUNTRY,
            f("role", Ty::Enum(&["processor", "controller", "joint-controller"]), "Role under the GDPR"),
            f("purpose", Ty::Text, "What the provider does for the organisation"),
            f("personal_data", Ty::Bool, "Whether it processes or sees personal data at all"),
            f("access", Ty::Enum(&["none", "metadata", "read", "full"]), "What it can reach"),
            f("avv", Ty::Table(AVV), "Data processing agreement (AVV, Art. 28(3) GDPR)"),
            f("transfer", Ty::Enum(&["adequacy", "dpf", "scc", "bcr", "derogation"]), "Safeguard for a transfer to a third country"),
            f("subprocessors", Ty::RefList(&["provider"]), "Providers this provider engages"),
            f("contact", Ty::Text, "Contact (e-mail, phone)"),
            NOTES,
        ],
    },
    Kind {
        name: "location",
        many: true,
        doc: "A place where systems or backups are kept",
        fields: &[
            ID,
            NAME,
            f("kind", Ty::Enum(&["office", "datacenter", "home-office", "cloud", "other"]), "Kind of place"),
            f("provider", Ty::Ref(&["provider"]), "Operator; omitted means the organisation itself"),
            COUNTRY,
            f("site", Ty::Text, "Physical site; locations with equal sites are not spatially separated"),
            f("address", Ty::Text, "Postal address"),
            NOTES,
        ],
    },
    Kind {
        name: "system",
        many: true,
        doc: "A server, PC, phone, SaaS application or network device",
        fields: &[
            ID,
            NAME,
            f("kind", Ty::Enum(&["server", "workstation", "laptop", "mobile", "tablet", "saas", "network", "storage"]), "Kind of system"),
            f("provider", Ty::Ref(&["provider"]), "Who operates or hosts it; omitted means the organisation itself"),
            f("location", Ty::Ref(&["location"]), "Where it is"),
            f("personal_data", Ty::Bool, "Whether it stores or processes personal data"),
            f("os", Ty::Text, "Operating system, matched against end-of-support data (\"Debian 13\", \"Windows 11 24H2\")"),
            f("eol", Ty::Date, "End of security support, overriding the bundled data (e.g. paid ESU)"),
            f("encrypted", Ty::Bool, "Encryption at rest (full disk, container, database)"),
            f("purpose", Ty::Text, "What it is used for"),
            NOTES,
        ],
    },
    Kind {
        name: "backup",
        many: true,
        doc: "A backup of one or more systems",
        fields: &[
            ID,
            NAME,
            req("systems", Ty::RefList(&["system"]), "Systems it covers"),
            f("location", Ty::Ref(&["location"]), "Where the copies are kept"),
            f("frequency", Ty::Enum(&["hourly", "daily", "weekly", "monthly"]), "How often it runs"),
            f("retention_days", Ty::Count, "How long copies are kept"),
            f("encrypted", Ty::Bool, "Whether the copies are encrypted"),
            f("restore_tested", Ty::Date, "Last successful restore test"),
            f("method", Ty::Text, "Tool or procedure"),
            NOTES,
        ],
    },
    Kind {
        name: "measure",
        many: true,
        doc: "One technical or organisational measure (Art. 32 GDPR)",
        fields: &[
            ID,
            req("control", Ty::Enum(CONTROLS), "Control category"),
            req("text", Ty::Text, "The measure as written in the TOM document"),
            f("applies_to", Ty::RefList(&["location", "system"]), "Locations or systems it applies to"),
            f("status", Ty::Enum(&["implemented", "planned", "retired"]), "Status (default implemented)"),
            f("since", Ty::Date, "Date the measure was introduced"),
            NOTES,
        ],
    },
    Kind {
        name: "waiver",
        many: true,
        doc: "An accepted risk: suppresses one finding for one subject until it expires",
        fields: &[
            ID,
            req("rule", Ty::RuleId, "Rule id the waiver applies to"),
            req("subject", Ty::Subject, "Subject of the finding: kind:id, control:<name> or organization"),
            req("reason", Ty::Text, "Why the risk is accepted"),
            req("approved_by", Ty::Text, "Who accepted it"),
            req("expires", Ty::Date, "Date the waiver ends"),
        ],
    },
];

/// The kind called `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The id syntax: `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z' | '0'..='9'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
}

/// A JSON Schema (draft 7) of TOM format v1, for taplo / Even Better TOML.
///
/// Draft 7 because taplo validates with it (and asserts `format`, so a date that does
/// not exist is refused as the loader refuses it). taplo hands a TOML date to the
/// schema as a string, so dates are `"type": "string", "format": "date"`; a quoted
/// date looks the same to it, which the loader refuses (`wrong-type`): the one place
/// the two cannot agree, pinned by `tests/cli/schema_agreement.rs`.
pub fn json_schema() -> Value {
    let mut props = Map::new();
    for kind in KINDS {
        let table = table_schema(kind.fields, kind.doc);
        let schema = if kind.many {
            json!({ "type": "array", "description": kind.doc, "items": table })
        } else {
            table
        };
        props.insert(kind.name.into(), schema);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://tomcheck.dev/schema/tom-v1.json",
        "title": "tomcheck TOM format v1",
        "description": "Technical and organisational measures (Art. 32 GDPR) and service providers as facts. One file of a TOM directory; files are merged.",
        "type": "object",
        "additionalProperties": false,
        "properties": props,
    })
}

fn table_schema(fields: &[Field], doc: &str) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let mut s = field_schema(field.ty);
        s["description"] = field.doc.into();
        props.insert(field.name.into(), s);
        if field.required {
            required.push(field.name);
        }
    }
    json!({
        "type": "object",
        "description": doc,
        "additionalProperties": false,
        "required": required,
        "properties": props,
    })
}

fn field_schema(ty: Ty) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string" }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Count => json!({ "type": "integer", "minimum": 0 }),
        // taplo presents TOML dates to the schema as strings; "date" is RFC 3339's
        // full-date, which a local date is.
        Ty::Date => {
            json!({ "type": "string", "format": "date", "$comment": "a TOML local date, unquoted: 2026-01-15" })
        }
        Ty::Country => {
            json!({ "type": "string", "enum": crate::countries::ISO_3166_1_ALPHA_2.as_slice() })
        }
        Ty::Id | Ty::Ref(_) => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" }),
        Ty::RefList(_) => json!({
            "type": "array",
            "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" }
        }),
        Ty::Enum(values) => json!({ "type": "string", "enum": values }),
        Ty::Subject => json!({
            "type": "string",
            "pattern": "^(organization|[a-z]+:[a-z0-9_][a-z0-9_-]*)$"
        }),
        Ty::RuleId => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$" }),
        Ty::Table(fields) => table_schema(fields, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("hetzner-fsn1"));
        assert!(is_valid_id("1und1"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Hetzner"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a_b"));
    }

    #[test]
    fn every_control_has_a_german_label() {
        assert_eq!(CONTROLS.len(), CONTROL_LABELS_DE.len());
    }

    #[test]
    fn field_names_are_unique_per_kind() {
        for kind in KINDS {
            let mut names: Vec<_> = kind.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), kind.fields.len(), "{}", kind.name);
        }
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    /// docs/format.md documents every kind and field of the schema.
    #[test]
    fn format_doc_lists_every_field() {
        let doc = include_str!("../docs/format.md");
        for kind in KINDS {
            let heading = if kind.many {
                format!("## `[[{}]]`", kind.name)
            } else {
                format!("## `[{}]`", kind.name)
            };
            assert!(doc.contains(&heading), "{heading}");
            for field in kind.fields {
                assert!(
                    doc.contains(&format!("| `{}` |", field.name)),
                    "{}.{}",
                    kind.name,
                    field.name
                );
            }
        }
    }
}
