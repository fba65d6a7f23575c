//! Every fixed text of the rendered documents in one place, taken from the message
//! catalogue (`src/i18n/{en,de}/render.ftl`) like every other text of the tool: headings,
//! column titles, the names of control categories, roles and safeguards, and the sentences
//! that frame the facts. German uses the established DSGVO terms (Zutrittskontrolle,
//! Auftragsverarbeitungsvertrag, Standardvertragsklauseln, …).
//!
//! A document has thousands of cells: the texts are looked up in the catalogue once per
//! language and process ([`labels`]), never per cell. Country names and the measure tag
//! vocabulary are reference data and stay in code ([`country`], [`crate::schema::TAGS`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::i18n::{t, Arg};
use crate::report::diff::Lang;

/// Declares [`Labels`] with one field per catalogue message, so a field and its message
/// id are written once, side by side.
macro_rules! labels {
    ($($field:ident = $id:literal,)*) => {
        /// The fixed texts of one language, read from the catalogue once.
        pub struct Labels {
            /// `de` or `en`.
            pub lang: &'static str,
            $(
                #[doc = concat!("The message `", $id, "`.")]
                pub $field: &'static str,
            )*
            /// Control headings, legal bases and enumerated values, by lookup key.
            words: HashMap<&'static str, &'static str>,
        }

        impl Labels {
            fn load(lang: Lang) -> Self {
                Self {
                    lang: lang.tag(),
                    $($field: text(lang, $id),)*
                    words: WORDS.iter().map(|(key, id)| (*key, text(lang, id))).collect(),
                }
            }
        }

        /// The message ids behind the fields, for the tests.
        #[cfg(test)]
        const FIELD_IDS: &[&str] = &[$($id,)*];
    };
}

labels! {
    tom_title = "render-tom-title",
    tom_intro = "render-tom-intro",
    subprocessors_title = "render-subprocessors-title",
    subprocessors_intro = "render-subprocessors-intro",
    notice_title = "render-notice-title",
    organization = "render-organization",
    address = "render-address",
    as_of = "render-as-of",
    commit_date = "render-commit-date",
    reviewed = "render-reviewed",
    review_interval = "render-review-interval",
    months = "render-months",
    next_review = "render-next-review",
    dpo = "render-dpo",
    not_documented = "render-not-documented",
    none_recorded = "render-none-recorded",
    planned = "render-planned",
    planned_measures = "render-planned-measures",
    not_applicable = "render-not-applicable",
    applies_to = "render-applies-to",
    since = "render-since",
    tags = "render-tags",
    no_measure = "render-no-measure",
    encrypted_systems = "render-encrypted-systems",
    no_encrypted_system = "render-no-encrypted-system",
    backups = "render-backups",
    backup = "render-backup",
    covers = "render-covers",
    frequency = "render-frequency",
    retention = "render-retention",
    days = "render-days",
    copies = "render-copies",
    place = "render-place",
    encrypted = "render-encrypted",
    encrypted_in_transit = "render-encrypted-in-transit",
    immutable = "render-immutable",
    restore_tested = "render-restore-tested",
    method = "render-method",
    yes = "render-yes",
    no = "render-no",
    processors_with_avv = "render-processors-with-avv",
    provider = "render-provider",
    role = "render-role",
    avv = "render-avv",
    avv_signed = "render-avv-signed",
    avv_accepted = "render-avv-accepted",
    avv_expires = "render-avv-expires",
    avv_version = "render-avv-version",
    avv_draft = "render-avv-draft",
    avv_objection = "render-avv-objection",
    no_avv = "render-no-avv",
    avv_form_dpa = "render-avv-form-dpa",
    avv_form_scc = "render-avv-form-scc",
    avv_form_terms = "render-avv-form-terms",
    review_facts = "render-review-facts",
    overview = "render-overview",
    locations = "render-locations",
    systems = "render-systems",
    name = "render-name",
    kind = "render-kind",
    operator = "render-operator",
    own = "render-own",
    country = "render-country",
    site = "render-site",
    location = "render-location",
    os = "render-os",
    personal_data = "render-personal-data",
    providers = "render-providers",
    providers_intro = "render-providers-intro",
    seat = "render-seat",
    processing_places = "render-processing-places",
    support_access = "render-support-access",
    parent = "render-parent",
    purpose = "render-purpose",
    safeguard = "render-safeguard",
    contact = "render-contact",
    eu_eea = "render-eu-eea",
    certifications = "render-certifications",
    cert_holder = "render-cert-holder",
    cert_standard = "render-cert-standard",
    cert_valid_until = "render-cert-valid-until",
    cert_scope = "render-cert-scope",
    cert_evidence = "render-cert-evidence",
    findings = "render-findings",
    findings_intro = "render-findings-intro",
    no_findings = "render-no-findings",
    severity = "render-severity",
    rule = "render-rule",
    subject = "render-subject",
    message = "render-message",
    waived = "render-waived",
    evaluated = "render-evaluated",
    generated = "render-generated",
    page = "render-page",
    of = "render-of",
    contents = "render-contents",
    no_subprocessors = "render-no-subprocessors",
    notice_intro = "render-notice-intro",
    notice_added = "render-notice-added",
    notice_removed = "render-notice-removed",
    notice_changed = "render-notice-changed",
    notice_no_change = "render-notice-no-change",
    notice_dates = "render-notice-dates",
    notice_date = "render-notice-date",
    effective = "render-effective",
    objection_until = "render-objection-until",
    compared = "render-compared",
    field = "render-field",
    before = "render-before",
    after = "render-after",
    name_field = "render-name-field",
}

/// Control headings (`control:<name>`), legal bases (`basis:<name>`) and enumerated values
/// (`<field>:<value>`) with their message ids.
const WORDS: &[(&str, &str)] = &[
    ("control:physical_access", "render-control-physical_access"),
    ("control:system_access", "render-control-system_access"),
    ("control:data_access", "render-control-data_access"),
    ("control:separation", "render-control-separation"),
    (
        "control:pseudonymisation",
        "render-control-pseudonymisation",
    ),
    ("control:encryption", "render-control-encryption"),
    ("control:transfer", "render-control-transfer"),
    ("control:input", "render-control-input"),
    ("control:availability", "render-control-availability"),
    ("control:recoverability", "render-control-recoverability"),
    ("control:order", "render-control-order"),
    ("control:review", "render-control-review"),
    ("basis:physical_access", "render-basis-confidentiality"),
    ("basis:system_access", "render-basis-confidentiality"),
    ("basis:data_access", "render-basis-confidentiality"),
    ("basis:separation", "render-basis-confidentiality"),
    ("basis:pseudonymisation", "render-basis-art32-1a"),
    ("basis:encryption", "render-basis-art32-1a"),
    ("basis:transfer", "render-basis-integrity"),
    ("basis:input", "render-basis-integrity"),
    ("basis:availability", "render-basis-availability"),
    ("basis:recoverability", "render-basis-art32-1c"),
    ("basis:order", "render-basis-art28"),
    ("basis:review", "render-basis-art32-1d"),
    ("role:processor", "render-role-processor"),
    ("role:controller", "render-role-controller"),
    ("role:joint-controller", "render-role-joint-controller"),
    ("transfer:adequacy", "render-transfer-adequacy"),
    ("transfer:dpf", "render-transfer-dpf"),
    ("transfer:scc", "render-transfer-scc"),
    ("transfer:bcr", "render-transfer-bcr"),
    ("transfer:derogation", "render-transfer-derogation"),
    ("frequency:hourly", "render-frequency-hourly"),
    ("frequency:daily", "render-frequency-daily"),
    ("frequency:weekly", "render-frequency-weekly"),
    ("frequency:monthly", "render-frequency-monthly"),
    ("location:office", "render-location-office"),
    ("location:datacenter", "render-location-datacenter"),
    ("location:home-office", "render-location-home-office"),
    ("location:cloud", "render-location-cloud"),
    ("location:other", "render-location-other"),
    ("system:server", "render-system-server"),
    ("system:workstation", "render-system-workstation"),
    ("system:laptop", "render-system-laptop"),
    ("system:mobile", "render-system-mobile"),
    ("system:tablet", "render-system-tablet"),
    ("system:saas", "render-system-saas"),
    ("system:network", "render-system-network"),
    ("system:storage", "render-system-storage"),
    ("status:planned", "render-status-planned"),
    ("form:dpa", "render-avv-form-dpa"),
    ("form:scc", "render-avv-form-scc"),
    ("form:terms", "render-avv-form-terms"),
];

/// A message without variables, kept for the life of the process: the labels of a
/// language are loaded once and then shared by every document, like the catalogue itself.
fn text(lang: Lang, id: &str) -> &'static str {
    Box::leak(t(lang, id, &[]).into_boxed_str())
}

/// The labels of a language (looked up in the catalogue on first use).
pub fn labels(lang: Lang) -> &'static Labels {
    static LABELS: [OnceLock<Labels>; 2] = [OnceLock::new(), OnceLock::new()];
    LABELS[lang as usize].get_or_init(|| Labels::load(lang))
}

impl Labels {
    fn word(&self, kind: &str, key: &str) -> Option<&'static str> {
        // Keys are few and short; a formatted key keeps the table one flat map.
        self.words.get(format!("{kind}:{key}").as_str()).copied()
    }
}

/// A message with variables (footer, objection sentence): used once per document.
pub fn message(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    t(lang, id, args)
}

/// Heading of a control category, in the order and wording TOM documents use.
pub fn control(lang: Lang, control: &str) -> String {
    labels(lang)
        .word("control", control)
        .map_or_else(|| control.to_string(), str::to_string)
}

/// The legal basis printed under a control heading.
pub fn control_basis(lang: Lang, control: &str) -> Option<&'static str> {
    labels(lang).word("basis", control)
}

/// A value of an enumerated field (`role`, `transfer`, `frequency`, `location` and
/// `system` kinds, `status`, the AVV's `form`), in words; unknown values are shown as
/// written.
pub fn value(lang: Lang, field: &str, value: &str) -> String {
    labels(lang)
        .word(field, value)
        .map_or_else(|| value.to_string(), str::to_string)
}

/// The label of a measure tag from the bundled vocabulary; an unknown tag as written.
pub fn tag(lang: Lang, tag: &str) -> &str {
    match crate::schema::TAGS.iter().find(|t| t.id == tag) {
        Some(t) => match lang {
            Lang::En => t.en,
            Lang::De => t.de,
        },
        None => tag,
    }
}

/// The bundled reference data on countries (`policies/reference/countries/data.json`),
/// the same copy the policies read, parsed once.
pub(crate) fn countries_data() -> &'static serde_json::Value {
    static DATA: OnceLock<serde_json::Value> = OnceLock::new();
    DATA.get_or_init(|| {
        crate::engine::bundled_file("reference/countries/data.json")
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    })
}

/// A country's name for an ISO 3166-1 alpha-2 code, from the reference data's `names`
/// (the names the policies' messages use too): EU/EEA countries, the countries with an
/// adequacy decision and the usual seats and support locations of service providers;
/// the regions `EU` and `EEA` of a provider's places (EU, EWR in German). Other codes
/// are shown as written.
pub fn country(lang: Lang, code: &str) -> String {
    let name = countries_data()
        .get("names")
        .and_then(|names| names.get(code))
        .and_then(|n| n.get(lang.tag()))
        .and_then(serde_json::Value::as_str);
    name.unwrap_or(code).to_string()
}

/// A date `YYYY-MM-DD` as written in running text: `20.05.2018` in German,
/// `20 May 2018` in English. Anything else is shown as it is.
pub fn date(lang: Lang, iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = parts[..] else {
        return iso.to_string();
    };
    let month: usize = match m.parse() {
        Ok(n @ 1..=12) => n,
        _ => return iso.to_string(),
    };
    match lang {
        Lang::De => format!("{d}.{m}.{y}"),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!("{} {} {y}", d.trim_start_matches('0'), MONTHS[month - 1])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label and word is a message of the catalogue in both languages (a missing
    /// message would show as its id).
    #[test]
    fn every_label_comes_from_the_catalogue() {
        for lang in [Lang::En, Lang::De] {
            for id in FIELD_IDS.iter().chain(WORDS.iter().map(|(_, id)| id)) {
                assert_ne!(
                    t(lang, id, &[]),
                    *id,
                    "{id} is not in {}/render.ftl",
                    lang.tag()
                );
            }
        }
        let de = labels(Lang::De);
        assert_eq!(de.not_documented, "nicht dokumentiert");
        assert_eq!(
            labels(Lang::En).tom_title,
            "Technical and organisational measures (TOM)"
        );
        assert_eq!(control(Lang::De, "physical_access"), "Zutrittskontrolle");
        assert_eq!(control_basis(Lang::En, "order"), Some("Art. 28 GDPR"));
        assert_eq!(value(Lang::De, "form", "scc"), "Standardvertragsklauseln");
        assert_eq!(value(Lang::De, "role", "sorcerer"), "sorcerer");
        assert_eq!(tag(Lang::De, "mfa"), "Mehr-Faktor-Authentisierung");
        assert!(std::ptr::eq(de, labels(Lang::De)), "looked up once");
    }

    #[test]
    fn dates_read_like_the_language() {
        assert_eq!(date(Lang::De, "2018-05-20"), "20.05.2018");
        assert_eq!(date(Lang::En, "2018-05-02"), "2 May 2018");
        assert_eq!(date(Lang::En, "soon"), "soon");
    }

    #[test]
    fn countries_are_named_from_the_reference_data() {
        assert_eq!(country(Lang::De, "DE"), "Deutschland");
        assert_eq!(country(Lang::En, "US"), "United States");
        assert_eq!(country(Lang::De, "IN"), "Indien");
        assert_eq!(country(Lang::De, "ZZ"), "ZZ");
        assert_eq!(country(Lang::De, "EEA"), "EWR");
        assert_eq!(country(Lang::En, "EEA"), "EEA");
        for c in ["AT", "CH", "GB", "NO", "SE", "UA"] {
            assert_ne!(country(Lang::En, c), c);
        }
    }
}
