//! The TOM format (1.1, a superset of v1) as data.
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
    /// A list of places: country codes as for [`Ty::Country`], or the regions in
    /// [`REGIONS`] (`EU`, `EEA`), which only such lists accept.
    Places,
    /// The entity id.
    Id,
    /// One of the listed strings.
    Enum(&'static [&'static str]),
    /// A list of strings, each one of the listed ones.
    EnumList(&'static [&'static str]),
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
    /// A list of inline tables with the given fields.
    TableList(&'static [Field]),
}

/// A condition on the other keys of the same table.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// The key is written with this value.
    Is(&'static str, &'static str),
    /// The key is written.
    Has(&'static str),
}

impl Cond {
    /// The condition in TOML terms: `status = "draft"`, `accepted`.
    pub fn describe(&self) -> String {
        match self {
            Cond::Is(key, value) => format!("{key} = \"{value}\""),
            Cond::Has(key) => format!("`{key}` is written"),
        }
    }
}

/// When a field must, may or must not be written.
#[derive(Debug, Clone, Copy)]
pub enum Presence {
    Optional,
    Required,
    /// Required when the condition holds.
    RequiredWhen(Cond),
    /// Required unless one of the conditions holds.
    RequiredUnless(&'static [Cond]),
    /// Allowed only when the condition holds.
    OnlyWhen(Cond),
}

/// A field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub presence: Presence,
    pub doc: &'static str,
}

impl Field {
    /// Required whatever else the table holds.
    pub fn required(&self) -> bool {
        matches!(self.presence, Presence::Required)
    }
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
        presence: Presence::Optional,
        doc,
    }
}

const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Required,
        doc,
    }
}

const fn cond(name: &'static str, ty: Ty, presence: Presence, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        presence,
        doc,
    }
}

/// Regions a list of places may name besides countries.
pub const REGIONS: &[&str] = &["EU", "EEA"];

/// A tag of the measure vocabulary, with its labels.
#[derive(Debug, Clone, Copy)]
pub struct Tag {
    pub id: &'static str,
    pub en: &'static str,
    pub de: &'static str,
}

/// The vocabulary of `measure.tags`: what a measure does, in words rules can read.
pub const TAGS: &[Tag] = &[
    Tag {
        id: "mfa",
        en: "Multi-factor authentication",
        de: "Mehr-Faktor-Authentisierung",
    },
    Tag {
        id: "password-policy",
        en: "Password policy",
        de: "Passwortrichtlinie",
    },
    Tag {
        id: "least-privilege",
        en: "Need-to-know access rights",
        de: "Berechtigungskonzept (minimale Rechte)",
    },
    Tag {
        id: "access-review",
        en: "Regular review of access rights",
        de: "Regelmäßige Überprüfung der Berechtigungen",
    },
    Tag {
        id: "encryption-at-rest",
        en: "Encryption at rest",
        de: "Verschlüsselung gespeicherter Daten",
    },
    Tag {
        id: "encryption-in-transit",
        en: "Encryption in transit (TLS, VPN, SFTP)",
        de: "Transportverschlüsselung (TLS, VPN, SFTP)",
    },
    Tag {
        id: "pseudonymisation",
        en: "Pseudonymisation",
        de: "Pseudonymisierung",
    },
    Tag {
        id: "logging",
        en: "Logging of access and changes",
        de: "Protokollierung von Zugriffen und Änderungen",
    },
    Tag {
        id: "patching",
        en: "Timely security updates",
        de: "Zeitnahe Sicherheitsupdates",
    },
    Tag {
        id: "malware-protection",
        en: "Malware protection",
        de: "Schutz vor Schadsoftware",
    },
    Tag {
        id: "firewall",
        en: "Firewall",
        de: "Firewall",
    },
    Tag {
        id: "network-segmentation",
        en: "Network segmentation",
        de: "Netzsegmentierung",
    },
    Tag {
        id: "backup",
        en: "Backup",
        de: "Datensicherung",
    },
    Tag {
        id: "incident-response",
        en: "Incident response",
        de: "Reaktion auf Sicherheitsvorfälle",
    },
    Tag {
        id: "training",
        en: "Staff training and awareness",
        de: "Schulung und Sensibilisierung der Beschäftigten",
    },
    Tag {
        id: "confidentiality-obligation",
        en: "Staff bound to confidentiality",
        de: "Verpflichtung auf Vertraulichkeit",
    },
    Tag {
        id: "deletion",
        en: "Deletion and disposal of data",
        de: "Löschung und Entsorgung von Daten",
    },
    Tag {
        id: "physical-security",
        en: "Physical security of premises",
        de: "Physische Sicherung der Räume",
    },
];

/// The ids of [`TAGS`], as an allowed-values list.
pub const TAG_IDS: &[&str] = &[
    "mfa",
    "password-policy",
    "least-privilege",
    "access-review",
    "encryption-at-rest",
    "encryption-in-transit",
    "pseudonymisation",
    "logging",
    "patching",
    "malware-protection",
    "firewall",
    "network-segmentation",
    "backup",
    "incident-response",
    "training",
    "confidentiality-obligation",
    "deletion",
    "physical-security",
];

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

const CERTIFICATION: &[Field] = &[
    req(
        "standard",
        Ty::Text,
        "The standard or attestation, e.g. \"ISO 27001\", \"BSI C5\", \"PCI DSS\"",
    ),
    f(
        "valid_until",
        Ty::Date,
        "Last day the certificate or attestation is valid",
    ),
    f("scope", Ty::Text, "What the certificate covers"),
    f(
        "evidence",
        Ty::Text,
        "Where the certificate is kept (URL or path)",
    ),
];

const CERTIFICATIONS: Field = f(
    "certifications",
    Ty::TableList(CERTIFICATION),
    "Certifications and attestations held, as evidence of the measures (Art. 28(1), 32(3) GDPR)",
);

const AVV: &[Field] = &[
    cond(
        "signed",
        Ty::Date,
        Presence::RequiredUnless(&[Cond::Is("status", "draft"), Cond::Has("accepted")]),
        "Date the data processing agreement was signed",
    ),
    f(
        "form",
        Ty::Enum(&["dpa", "scc", "terms"]),
        "Form of the agreement: a data processing agreement of its own (dpa, the default), standard contractual clauses with the processor module (scc), or the provider's online terms (terms)",
    ),
    f(
        "status",
        Ty::Enum(&["signed", "draft"]),
        "signed (the default) or draft: a draft is not yet an agreement",
    ),
    cond(
        "accepted",
        Ty::Date,
        Presence::OnlyWhen(Cond::Is("form", "terms")),
        "Date the online terms were accepted, instead of signed (form = \"terms\" only)",
    ),
    f(
        "objection_days",
        Ty::Count,
        "Days to object to a new sub-processor under a general written authorisation (Art. 28(2) GDPR)",
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

/// Every kind of the TOM format, in document order.
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
            CERTIFICATIONS,
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
            f("country", Ty::Country, "Legal seat: ISO 3166-1 alpha-2 country code (DE, US, CH, …)"),
            f("processing", Ty::Places, "Where the data is processed or stored: country codes, or the regions EU and EEA"),
            f("support_access", Ty::Places, "Countries from which the provider's staff can reach the data (support, maintenance)"),
            f("parent", Ty::Text, "Parent company, e.g. \"Amazon.com, Inc. (US)\""),
            f("role", Ty::Enum(&["processor", "controller", "joint-controller"]), "Role under the GDPR"),
            f("purpose", Ty::Text, "What the provider does for the organisation"),
            f("personal_data", Ty::Bool, "Whether it processes or sees personal data at all"),
            f("access", Ty::Enum(&["none", "metadata", "read", "full"]), "What it can reach"),
            f("avv", Ty::Table(AVV), "Data processing agreement (AVV, Art. 28(3) GDPR)"),
            f("transfer", Ty::Enum(&["adequacy", "dpf", "scc", "bcr", "derogation"]), "Safeguard for a transfer to a third country"),
            f("subprocessors", Ty::RefList(&["provider"]), "Providers this provider engages"),
            CERTIFICATIONS,
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
            f("retention_copies", Ty::Count, "How many copies are kept (instead of retention_days)"),
            f("encrypted", Ty::Bool, "Whether the copies are encrypted"),
            f("encrypted_in_transit", Ty::Bool, "Whether the copies travel encrypted to their location"),
            f("immutable", Ty::Bool, "Whether the copies cannot be changed or deleted before their retention ends (WORM, object lock)"),
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
            f("tags", Ty::EnumList(TAG_IDS), "What the measure does, from the bundled vocabulary (mfa, encryption-in-transit, …)"),
            f("status", Ty::Enum(&["implemented", "planned", "retired", "not-applicable"]), "Status (default implemented)"),
            cond("reason", Ty::Text, Presence::RequiredWhen(Cond::Is("status", "not-applicable")), "Why the measure does not apply (required with status = \"not-applicable\")"),
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

/// A description of the schema (a kind's or a field's `doc`) in `lang`. The schema
/// holds the English text; the catalogue holds both under [`doc_id`]. A text the
/// catalogue lacks stays English rather than disappearing.
pub fn doc_in(lang: crate::i18n::Lang, doc: &str) -> String {
    let id = doc_id(doc);
    let text = crate::i18n::t(lang, &id, &[]);
    if text == id {
        doc.to_string()
    } else {
        text
    }
}

/// The catalogue id of a description: `field-doc-` and its first six words, lowercase,
/// joined with dashes.
pub fn doc_id(doc: &str) -> String {
    let words: Vec<String> = doc
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    format!("field-doc-{}", words.join("-"))
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
        "title": "tomcheck TOM format 1.1",
        "description": "Technical and organisational measures (Art. 32 GDPR) and service providers as facts. One file of a TOM directory; files are merged.",
        "type": "object",
        "additionalProperties": false,
        "properties": props,
    })
}

fn table_schema(fields: &[Field], doc: &str) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    let mut conditions = Vec::new();
    for field in fields {
        let mut s = field_schema(field.ty);
        s["description"] = field.doc.into();
        props.insert(field.name.into(), s);
        let needs = json!({ "required": [field.name] });
        match field.presence {
            Presence::Optional => {}
            Presence::Required => required.push(field.name),
            Presence::RequiredWhen(c) => {
                conditions.push(json!({ "if": cond_schema(c), "then": needs }));
            }
            Presence::RequiredUnless(cs) => {
                let mut any: Vec<Value> = cs.iter().map(|&c| cond_schema(c)).collect();
                any.insert(0, needs);
                conditions.push(json!({ "anyOf": any }));
            }
            Presence::OnlyWhen(c) => {
                conditions.push(json!({ "if": needs, "then": cond_schema(c) }));
            }
        }
    }
    let mut table = json!({
        "type": "object",
        "description": doc,
        "additionalProperties": false,
        "required": required,
        "properties": props,
    });
    if !conditions.is_empty() {
        table["allOf"] = conditions.into();
    }
    table
}

/// A schema that holds when the condition does.
fn cond_schema(c: Cond) -> Value {
    match c {
        Cond::Is(key, value) => json!({
            "required": [key],
            "properties": { key: { "const": value } },
        }),
        Cond::Has(key) => json!({ "required": [key] }),
    }
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
        Ty::Places => json!({
            "type": "array",
            "items": {
                "type": "string",
                "enum": crate::countries::ISO_3166_1_ALPHA_2
                    .iter()
                    .copied()
                    .chain(["EU", "EEA"])
                    .collect::<Vec<_>>()
            }
        }),
        Ty::EnumList(values) => json!({
            "type": "array",
            "items": { "type": "string", "enum": values }
        }),
        Ty::TableList(fields) => json!({ "type": "array", "items": table_schema(fields, "") }),
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
    fn the_tag_vocabulary_is_one_list_with_labels() {
        let ids: Vec<&str> = TAGS.iter().map(|t| t.id).collect();
        assert_eq!(ids, TAG_IDS);
        for tag in TAGS {
            assert!(is_valid_id(tag.id), "{}", tag.id);
            assert!(!tag.en.is_empty() && !tag.de.is_empty(), "{}", tag.id);
        }
        for required in [
            "mfa",
            "encryption-at-rest",
            "encryption-in-transit",
            "logging",
            "patching",
            "malware-protection",
            "incident-response",
            "training",
            "deletion",
            "access-review",
            "physical-security",
        ] {
            assert!(TAG_IDS.contains(&required), "{required}");
        }
    }

    /// Every condition names a key of its own table.
    #[test]
    fn conditions_name_keys_of_their_table() {
        fn check(fields: &[Field]) {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            for field in fields {
                let conds: Vec<Cond> = match field.presence {
                    Presence::RequiredWhen(c) | Presence::OnlyWhen(c) => vec![c],
                    Presence::RequiredUnless(cs) => cs.to_vec(),
                    _ => vec![],
                };
                for c in conds {
                    let (Cond::Is(key, _) | Cond::Has(key)) = c;
                    assert!(names.contains(&key), "{}: {key}", field.name);
                }
                if let Ty::Table(sub) | Ty::TableList(sub) = field.ty {
                    check(sub);
                }
            }
        }
        for kind in KINDS {
            check(kind.fields);
        }
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
                // The keys of inline tables are named as `key` in the field's row or
                // in a table of their own.
                if let Ty::Table(sub) | Ty::TableList(sub) = field.ty {
                    for key in sub {
                        assert!(
                            doc.contains(&format!("`{}`", key.name)),
                            "{}.{}.{}",
                            kind.name,
                            field.name,
                            key.name
                        );
                    }
                }
                if let Ty::Enum(values) = field.ty {
                    for value in values {
                        assert!(
                            doc.contains(&format!("`{value}`")),
                            "{}.{} = {value}",
                            kind.name,
                            field.name
                        );
                    }
                }
            }
        }
        for tag in TAGS {
            let row = format!("| `{}` | {} | {} |", tag.id, tag.en, tag.de);
            assert!(doc.contains(&row), "tag {}", tag.id);
        }
        for region in REGIONS {
            assert!(doc.contains(&format!("`{region}`")), "{region}");
        }
    }
}
