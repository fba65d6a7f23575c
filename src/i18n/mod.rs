//! German and English: the language of everything tomcheck says, and its message
//! catalogue.
//!
//! The people who own a TOM read German first. The tool's own texts live in
//! [Project Fluent](https://projectfluent.org) files, one per area under `en/` and `de/`
//! (`report.ftl`, `problems.ftl`, `commands.ftl`, `render.ftl`), compiled into the
//! binary: Fluent leaves plural forms and word order to the translator instead of to
//! `format!`, and a unit test proves each pair of files holds the same messages. Rule ids, field
//! names, enum values (`deny`, `warn`, `info`) and subjects are data and never change with
//! the language; JSON and SARIF keep their structure.
//!
//! The language is chosen once per run ([`Lang::resolve`]): `--lang`, then
//! `TOMCHECK_LANG`, then `lang` in tomcheck.toml, then the locale (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`: `de_*` is German), else English. The command layer records it
//! with [`set_current`]; code far from the command (input problems raised while loading)
//! speaks it through [`tr`].

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language tomcheck speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En = 0,
    De = 1,
}

impl Lang {
    /// The language tag (`en`, `de`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// A language from a tag or locale name: `de`, `de-AT`, `de_DE.UTF-8` are German,
    /// `en…`, `C` and `POSIX` English; anything else is not a language tomcheck speaks.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let lower = tag.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_', '.', '@']).next().unwrap_or_default();
        match primary {
            "de" => Some(Lang::De),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of this run: `flag` (`--lang`), then `TOMCHECK_LANG`, then
    /// `configured` (`lang` in tomcheck.toml), then the locale, else English.
    pub fn resolve(flag: Option<Lang>, configured: Option<Lang>) -> Lang {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        flag.or_else(|| env("TOMCHECK_LANG").and_then(|v| Lang::from_tag(&v)))
            .or(configured)
            .or_else(|| {
                // The first locale variable that is set decides, as for every program.
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .find_map(|name| env(name))
                    .map(|v| Lang::from_tag(&v).unwrap_or(Lang::En))
            })
            .unwrap_or_default()
    }

    /// A calendar date (`YYYY-MM-DD`) as people of this language write it:
    /// `2018-05-20` in English, `20.05.2018` in German. Anything else stays as it is.
    pub fn date(self, iso: &str) -> String {
        match (self, iso.split('-').collect::<Vec<_>>().as_slice()) {
            (Lang::De, [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                format!("{d}.{m}.{y}")
            }
            _ => iso.to_string(),
        }
    }
}

/// The catalogue: one file per area, each in both languages (`en/x.ftl` beside `de/x.ftl`).
const FILES: &[(&str, &str, &str)] = &[
    (
        "report",
        include_str!("en/report.ftl"),
        include_str!("de/report.ftl"),
    ),
    (
        "problems",
        include_str!("en/problems.ftl"),
        include_str!("de/problems.ftl"),
    ),
    (
        "commands",
        include_str!("en/commands.ftl"),
        include_str!("de/commands.ftl"),
    ),
    (
        "render",
        include_str!("en/render.ftl"),
        include_str!("de/render.ftl"),
    ),
    (
        "rules",
        include_str!("en/rules.ftl"),
        include_str!("de/rules.ftl"),
    ),
    (
        "testing",
        include_str!("en/testing.ftl"),
        include_str!("de/testing.ftl"),
    ),
];

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Records the language of this run, for [`tr`] and [`current`].
pub fn set_current(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language of this run (English until the command layer has chosen one).
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::De,
        _ => Lang::En,
    }
}

/// The language `--lang` names on a command line not yet parsed (`--lang de`,
/// `--lang=de`): the parser's own checks (a date that is not one) speak it too.
pub fn lang_in_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<Lang> {
    let mut args = args.into_iter();
    let mut found = None;
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            found = args
                .next()
                .and_then(|v| Lang::from_tag(&v.to_string_lossy()));
        } else if let Some(v) = arg.strip_prefix("--lang=") {
            found = Lang::from_tag(v);
        }
    }
    found
}

/// One message of the catalogue in the language of this run (see [`t`]).
pub fn tr(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    t(current(), id, args)
}

/// The areas of the catalogue (indexes into [`FILES`]) an id's prefix points to; a
/// prefix no area claims points to the report's texts. The rest of the catalogue is
/// only read when the message is in none of them (a unit test keeps that from
/// happening).
fn areas_of(id: &str) -> &'static [usize] {
    let prefix = id.split('-').next().unwrap_or(id);
    match prefix {
        "problem" | "field" => &[1],
        "hook" | "init" | "man" | "mutants" | "reference" | "schema" | "test" => &[2],
        "render" => &[3],
        "explain" | "rules" => &[4],
        "sarif" => &[0, 4],
        "data" => &[5],
        _ => &[0],
    }
}

/// One area of the catalogue in one language, read on first use: a run reads only the
/// areas whose texts it shows (a check without problems never parses their texts).
fn bundle(lang: Lang, area: usize) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [[OnceLock<FluentBundle<FluentResource>>; FILES.len()]; 2] =
        [const { [const { OnceLock::new() }; FILES.len()] }; 2];
    BUNDLES[lang as usize][area].get_or_init(|| {
        let tag = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // No Unicode isolation marks around variables: output goes to terminals, logs
        // and files, where they show up as stray characters.
        bundle.set_use_isolating(false);
        // The catalogue is part of the binary; the unit tests below parse every file.
        let (_, en, de) = FILES[area];
        let text = match lang {
            Lang::En => en,
            Lang::De => de,
        };
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// One message of the catalogue in `lang`, with its variables. A message missing from
/// the catalogue (a bug the unit tests catch) is shown as its id rather than hidden.
pub fn t(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let first = areas_of(id);
    let found = first
        .iter()
        .copied()
        .chain((0..FILES.len()).filter(|a| !first.contains(a)))
        .map(|area| bundle(lang, area))
        .find_map(|b| Some((b, b.get_message(id)?.value()?)));
    let Some((bundle, pattern)) = found else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(*s),
            Arg::Count(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// A variable of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(usize),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    /// The ids of a catalogue file with their text, as written.
    fn messages(text: &str) -> Vec<(String, String)> {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("catalogue does not parse: {errors:?}"));
        resource
            .entries()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => Some((
                    m.id.name.to_string(),
                    format!("{:?}", m.value.as_ref().map(|v| &v.elements)),
                )),
                _ => None,
            })
            .collect()
    }

    /// Every message exists in both languages, and no German message is still the
    /// English one (a copy waiting for its translation). Messages made only of
    /// variables and enum values are the same in both on purpose.
    #[test]
    fn every_message_has_a_german_and_an_english_text() {
        const SAME_ON_PURPOSE: &[&str] = &[
            "summary-counts",
            // "Organisation" and "Name" are the German words too.
            "render-organization",
            "render-name-field",
        ];
        let ids = |m: &[(String, String)]| m.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
        let mut all = std::collections::BTreeSet::new();
        for (area, en, de) in FILES {
            let (en, de) = (messages(en), messages(de));
            assert_eq!(
                ids(&en),
                ids(&de),
                "en/{area}.ftl and de/{area}.ftl hold different messages"
            );
            for ((id, en_text), (_, de_text)) in en.iter().zip(&de) {
                assert!(all.insert(id.clone()), "`{id}` is defined twice");
                if !SAME_ON_PURPOSE.contains(&id.as_str()) {
                    assert_ne!(
                        en_text, de_text,
                        "`{id}` in de/{area}.ftl is still the English text"
                    );
                }
            }
        }
        assert!(all.len() > 10);
    }

    /// A message is found in the areas its prefix points to, so a run reads no more of
    /// the catalogue than it shows.
    #[test]
    fn every_prefix_points_to_the_area_of_its_messages() {
        for (i, (area, en, _)) in FILES.iter().enumerate() {
            for (id, _) in messages(en) {
                assert!(
                    areas_of(&id).contains(&i),
                    "`{id}` is in {area}.ftl, not where its prefix points"
                );
            }
        }
    }

    #[test]
    fn messages_take_their_variables_and_plurals() {
        let one = t(Lang::De, "stopped", &[("count", 1.into())]);
        assert_eq!(one, "tomcheck hat abgebrochen: 1 Problem (Exit-Code 2)");
        let many = t(Lang::En, "stopped", &[("count", 3.into())]);
        assert_eq!(many, "tomcheck stopped: 3 problems (exit code 2)");
        assert_eq!(t(Lang::En, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn the_language_of_a_command_line_before_it_is_parsed() {
        let args = |a: &[&str]| lang_in_args(a.iter().map(std::ffi::OsString::from));
        assert_eq!(args(&["tomcheck", "--lang", "de", "check"]), Some(Lang::De));
        assert_eq!(args(&["tomcheck", "check", "--lang=en"]), Some(Lang::En));
        assert_eq!(args(&["tomcheck", "check", "--lang"]), None);
        assert_eq!(args(&["tomcheck", "check", "--", "--lang", "de"]), None);
        assert_eq!(args(&["tomcheck", "check"]), None);
    }

    #[test]
    fn languages_from_tags_and_locales() {
        assert_eq!(Lang::from_tag("de_DE.UTF-8"), Some(Lang::De));
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("C"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr_FR"), None);
        assert_eq!(Lang::De.date("2018-05-20"), "20.05.2018");
        assert_eq!(Lang::En.date("2018-05-20"), "2018-05-20");
        assert_eq!(Lang::De.date("working tree"), "working tree");
    }
}
