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
//!
//! The work is split by what it needs to see: `file` judges one file on its own,
//! `merge` joins the files and checks what spans them (duplicate ids, references),
//! `source_map` answers "where was this written" afterwards, and `problems` words
//! every diagnostic, so that the loaders read as the checks they make.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use crate::diag::Problem;
use crate::text::SourceText;

mod file;
mod merge;
mod problems;
mod source_map;

use file::FileFacts;
use merge::Merger;
pub use source_map::{EntityLoc, Located, SourceMap};

/// Whether a `country` value is an assigned ISO 3166-1 alpha-2 code: the check every
/// country field of the format makes (lists of countries included).
pub use crate::countries::is_iso_country;

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
        self.map.len()
    }

    /// Reports waivers naming a rule that no loaded policy defines.
    pub fn check_waiver_rules(&self, known: &[&str]) -> Vec<Problem> {
        self.waiver_rules
            .iter()
            .filter(|(rule, _, _)| !known.contains(&rule.as_str()))
            .map(|(rule, file, span)| {
                let source = &self.map.files[*file];
                problems::unknown_waiver_rule(source, span.clone(), rule, known)
            })
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Facts, Vec<Problem>> {
        load(vec![SourceText::new("tom/a.toml", "tom/a.toml", text)])
    }

    #[test]
    fn a_file_that_does_not_parse_hides_no_reference_problem_elsewhere() {
        let files = |broken: &str| {
            vec![
                SourceText::new("tom/p.toml", "tom/p.toml", broken),
                SourceText::new(
                    "tom/s.toml",
                    "tom/s.toml",
                    "[[system]]\nid = \"crm\"\nname = \"CRM\"\nprovider = \"hoster\"\n",
                ),
            ]
        };
        for broken in [
            "[[provider]]\nid = \"hoster\"\nname = \"H\n",
            "<<<<<<< HEAD\n[[provider]]\nid = \"hoster\"\n=======\n>>>>>>> x\n",
        ] {
            let errs = load(files(broken)).unwrap_err();
            assert_eq!(errs.len(), 1, "{errs:?}");
            assert_ne!(errs[0].code, crate::diag::Code::DanglingReference);
        }
        // With every file readable, the unknown id is reported.
        let errs = load(files("[[provider]]\nid = \"other\"\nname = \"O\"\n")).unwrap_err();
        assert_eq!(errs[0].code, crate::diag::Code::DanglingReference);
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

    /// Every kind of problem a file can have, in two files: each file's problems in
    /// the order they are written, then what only the merge sees (duplicates across
    /// files), then references.
    #[test]
    fn collects_every_problem_of_every_file_in_order() {
        let a = "[organization]\nname = \"X\"\nreviewed = \"2026-03-01\"\nreview_interval_months = -1\n\n\
                 [[provider]]\nid = \"Hetzner GmbH\"\nname = \"H\"\ncountry = \"de\"\nsubprocessors = [\"hetzner\"]\n\n\
                 [[provider]]\nid = \"self\"\nsubprocessors = [\"self\"]\n\n\
                 [[system]]\nid = \"s\"\nkind = \"servr\"\neol = \"2026-01-01\"\n\n\
                 [[waiver]]\nid = \"w\"\nrule = \"avv.missing\"\nsubject = \"control:acces\"\nreason = \"r\"\napproved_by = \"me\"\nexpires = 2026-01-01T10:00:00\n\n\
                 [[bakup]]\nid = \"b\"\n";
        let b = "[organization]\nname = \"Y\"\n\n[[provider]]\nid = \"self\"\nname = \"again\"\n";
        let errs = load(vec![
            SourceText::new("tom/a.toml", "tom/a.toml", a),
            SourceText::new("tom/b.toml", "tom/b.toml", b),
        ])
        .unwrap_err();
        let found: Vec<_> = errs
            .iter()
            .map(|p| {
                let (file, line, _) = p.location().unwrap();
                (p.code.as_str(), file, line)
            })
            .collect();
        let want = [
            ("wrong-type", "tom/a.toml", 3),
            ("wrong-type", "tom/a.toml", 4),
            ("invalid-id", "tom/a.toml", 7),
            ("invalid-country", "tom/a.toml", 9),
            ("missing-key", "tom/a.toml", 12),
            ("invalid-value", "tom/a.toml", 18),
            ("wrong-type", "tom/a.toml", 19),
            ("invalid-subject", "tom/a.toml", 24),
            ("wrong-type", "tom/a.toml", 27),
            ("unknown-kind", "tom/a.toml", 29),
            ("duplicate-organization", "tom/b.toml", 1),
            ("duplicate-id", "tom/b.toml", 5),
            ("dangling-reference", "tom/a.toml", 10),
            ("self-reference", "tom/a.toml", 14),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|&(code, file, line)| (code, file.to_string(), line))
            .collect();
        assert_eq!(found, want);
        // The duplicates name where the first definition is, in the other file.
        assert_eq!(errs[10].related[0].location().unwrap().0, "tom/a.toml");
        assert_eq!(errs[11].related[0].location().unwrap().1, 13);
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
    fn format_1_1_fields_load_and_map() {
        let facts = load_str(
            "[organization]\nname = \"X\"\ncertifications = [{ standard = \"ISO 27001\", valid_until = 2027-03-01 }]\n\n\
             [[provider]]\nid = \"aws\"\nname = \"AWS EMEA SARL\"\ncountry = \"LU\"\nprocessing = [\"EU\", \"US\"]\nsupport_access = [\"IN\"]\nparent = \"Amazon.com, Inc. (US)\"\n\
             avv = { form = \"terms\", accepted = 2025-01-10, objection_days = 30 }\n\
             certifications = [{ standard = \"BSI C5\", valid_until = 2026-06-30, scope = \"eu-central-1\", evidence = \"https://example.com/c5\" }, { standard = \"ISO 27001\" }]\n\n\
             [[provider]]\nid = \"agency\"\nname = \"Agency\"\navv = { status = \"draft\" }\n\n\
             [[measure]]\nid = \"tls\"\ncontrol = \"transfer\"\ntext = \"TLS 1.2+\"\ntags = [\"encryption-in-transit\"]\n\n\
             [[measure]]\nid = \"alarm\"\ncontrol = \"physical_access\"\ntext = \"Alarm\"\nstatus = \"not-applicable\"\nreason = \"No premises\"\n\n\
             [[system]]\nid = \"s\"\n\n\
             [[backup]]\nid = \"b\"\nsystems = [\"s\"]\nretention_copies = 7\nimmutable = true\nencrypted_in_transit = true\n",
        )
        .unwrap();
        let aws = &facts.input["provider"][0];
        assert_eq!(aws["processing"], serde_json::json!(["EU", "US"]));
        assert_eq!(aws["avv"]["form"], "terms");
        assert_eq!(aws["certifications"][1]["standard"], "ISO 27001");
        assert_eq!(facts.input["backup"][0]["retention_copies"], 7);
        let text = |subject: &str, field: &str| {
            let at = facts.map.locate(subject, Some(field)).unwrap();
            facts.map.files[at.file].text[at.span].to_string()
        };
        assert_eq!(text("provider:aws", "processing[1]"), "\"US\"");
        assert_eq!(
            text("provider:aws", "certifications[0].valid_until"),
            "valid_until = 2026-06-30"
        );
        assert_eq!(
            text("provider:aws", "certifications[1].valid_until"),
            "{ standard = \"ISO 27001\" }"
        );
        assert_eq!(
            text("organization", "certifications[0].valid_until"),
            "valid_until = 2027-03-01"
        );
        assert_eq!(text("measure:tls", "tags[0]"), "\"encryption-in-transit\"");
    }

    #[test]
    fn format_1_1_keys_are_checked() {
        let errs = load_str(
            "[[provider]]\nid = \"a\"\nname = \"A\"\nprocessing = [\"EU\", \"eea\", \"Irland\"]\nsupport_access = \"IN\"\n\
             avv = { document = \"x.pdf\" }\ncertifications = [{ valid_until = 2026-01-01 }, \"ISO\"]\n\n\
             [[provider]]\nid = \"b\"\nname = \"B\"\navv = { signed = 2025-01-01, accepted = 2025-01-01 }\ncountry = \"EU\"\n\n\
             [[measure]]\nid = \"m\"\ncontrol = \"input\"\ntext = \"t\"\nstatus = \"not-applicable\"\ntags = [\"mfa\", \"loging\"]\n",
        )
        .unwrap_err();
        let found: Vec<(&str, usize, String)> = errs
            .iter()
            .map(|p| {
                let (_, line, _) = p.location().unwrap();
                (p.code.as_str(), line, p.message.clone())
            })
            .collect();
        let codes: Vec<_> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
        assert_eq!(
            codes,
            [
                ("invalid-country", 4),
                ("invalid-country", 4),
                ("wrong-type", 5),
                ("missing-key", 6),
                ("missing-key", 7),
                ("wrong-type", 7),
                ("key-not-applicable", 12),
                // A region is a place of processing, never a legal seat.
                ("invalid-country", 13),
                ("invalid-value", 20),
                ("missing-key", 15),
            ],
            "{found:#?}"
        );
        let help = |i: usize| errs[i].help.clone().unwrap_or_default();
        assert!(help(0).contains("\"EEA\""), "{}", help(0));
        assert!(help(3).contains("status = \"draft\""), "{}", help(3));
        assert!(help(6).contains("form = \"terms\""), "{}", help(6));
        assert!(help(8).contains("did you mean \"logging\""), "{}", help(8));
        assert!(found[9].2.contains("`reason`"), "{}", found[9].2);
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
}
