//! What README.md and docs/ promise, each pinned by a test: the keys of tomcheck.toml,
//! control characters in valid TOML strings, waived findings in every format, what
//! policies may read, policies in sub-folders, waivers of a repository's own rules.

use crate::support::*;

/// A repository policy that warns about every provider (its own rule id).
const NOTE_POLICY: &str = r#"package tom.note

# METADATA
# title: Provider noted
# custom:
#   id: note.provider
#   severity: warn
warn contains {"rule": "note.provider", "subject": sprintf("provider:%s", [p.id]), "message": sprintf("provider %s noted", [p.id])} if {
	some p in input.provider
}
"#;

fn rules_of(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["subject"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `tom` and `policies` in tomcheck.toml move the TOM and the repository's policies.
#[test]
fn tomcheck_toml_moves_the_tom_and_the_policies() {
    let repo = Repo::new();
    repo.write("compliance/organization.toml", ORGANIZATION);
    repo.write("compliance/measures.toml", &measures());
    repo.write("compliance/providers.toml", &provider("hoster", false));
    repo.write("rules/note.rego", NOTE_POLICY);
    repo.write(
        "tomcheck.toml",
        "tom = \"compliance\"\npolicies = [\"rules\"]\n",
    );
    let found = rules_of(&check_json(repo.path(), &[], 1));
    assert!(
        found.contains(&(
            "avv.missing".into(),
            "provider:hoster".into(),
            "deny".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "note.provider".into(),
            "provider:hoster".into(),
            "warn".into()
        )),
        "{found:?}"
    );
}

/// `builtin = false` leaves only the repository's policies; a rule raised to `deny` in
/// `[rules]` fails the check (the README's own example).
#[test]
fn builtin_false_and_raising_a_rule_to_deny() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.write("policies/note.rego", NOTE_POLICY);
    repo.write("tomcheck.toml", "builtin = false\n");
    let found = rules_of(&check_json(repo.path(), &[], 0));
    assert_eq!(
        found,
        [(
            "note.provider".into(),
            "provider:hoster".into(),
            "warn".into()
        )]
    );
    repo.write(
        "tomcheck.toml",
        "builtin = false\n[rules]\n\"note.provider\" = \"deny\"\n",
    );
    let found = rules_of(&check_json(repo.path(), &[], 1));
    assert_eq!(
        found,
        [(
            "note.provider".into(),
            "provider:hoster".into(),
            "deny".into()
        )]
    );
}

/// Policies in sub-folders of `policies/` are loaded like the others.
#[test]
fn policies_in_sub_folders_are_loaded() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write("policies/team/legal/note.rego", NOTE_POLICY);
    let found = rules_of(&check_json(repo.path(), &[], 0));
    assert!(
        found.contains(&(
            "note.provider".into(),
            "provider:hoster".into(),
            "warn".into()
        )),
        "{found:?}"
    );
}

/// A waiver of a repository's own rule hides its finding like one of a bundled rule.
#[test]
fn a_waiver_of_a_repository_rule_applies() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write("policies/note.rego", NOTE_POLICY);
    repo.write(
        "tom/waivers.toml",
        "[[waiver]]\nid = \"w1\"\nrule = \"note.provider\"\nsubject = \"provider:hoster\"\nreason = \"Accepted\"\napproved_by = \"DSB\"\nexpires = 2027-06-30\n",
    );
    let report = check_json(repo.path(), &[], 0);
    let note = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "note.provider")
        .unwrap();
    assert_eq!(note["waived"], true, "{report}");
}

/// Waived findings are shown as waived in every format, never as failing.
#[test]
fn waived_findings_in_every_format() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.write(
        "tom/waivers.toml",
        "[[waiver]]\nid = \"w1\"\nrule = \"avv.missing\"\nsubject = \"provider:hoster\"\nreason = \"Contract in negotiation\"\napproved_by = \"DSB\"\nexpires = 2027-06-30\n",
    );
    let human = stdout(&check(repo.path(), &[], 0));
    assert!(human.contains("[waived]"), "{human}");
    let github = stdout(&check(repo.path(), &["--format", "github"], 0));
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::notice ") && l.contains("(waived)")),
        "{github}"
    );
    assert!(!github.contains("::error"), "{github}");
    let markdown = stdout(&check(repo.path(), &["--format", "markdown"], 0));
    assert!(markdown.contains("waived"), "{markdown}");
    let junit = stdout(&check(repo.path(), &["--format", "junit"], 0));
    assert!(junit.contains("<skipped"), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");
}

/// Control characters written as escapes inside valid TOML strings never reach the
/// terminal or the report.
#[test]
fn control_characters_inside_toml_strings_are_stripped() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider("hoster", "Hoster\u{1b}[2J\u{7} GmbH\r", false),
    );
    for format in ["human", "json", "markdown", "junit", "sarif"] {
        let out = check(repo.path(), &["--format", format], 1);
        let text = stdout(&out);
        assert!(text.contains("Hoster"), "{format}: {text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\r'),
            "{format}: {text}"
        );
        // JSON writes them as escapes if present: none may be.
        assert!(
            !text.contains("\\u001b") && !text.contains("\\r"),
            "{format}: {text}"
        );
    }
}

/// Policies read the evaluated commit as `data.context.revision` (absent for the working
/// tree) and the evaluation date as `data.context.today`.
#[test]
fn policies_read_the_revision_and_the_date() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    repo.write(
        "policies/ctx.rego",
        "package tom.ctx\n\nwarn contains sprintf(\"at %v on %v\", [object.get(data.context, \"revision\", \"no commit\"), data.context.today]) if { true }\n",
    );
    repo.commit_all("tom");
    let head = repo.head();
    let messages = |args: &[&str]| -> Vec<String> {
        check_json(repo.path(), args, 0)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        messages(&["--rev", "HEAD"]),
        [format!("at {head} on {TODAY}")]
    );
    assert_eq!(messages(&[]), [format!("at no commit on {TODAY}")]);
}
