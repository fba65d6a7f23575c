//! The gate (`tomcheck check --base REV`) on real git repositories: findings matched by
//! rule and subject across revisions, `--new-only`, configuration and policies taken from
//! the base, and a shallow clone that lacks the base commit.

use crate::support::*;

/// A base commit with legacy debt (`it-admin` has no AVV) on `main`, and a branch `pr`.
fn repo_with_legacy_debt() -> Repo {
    let repo = Repo::new();
    write_tom(
        &repo,
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", false)),
    );
    repo.commit_all("TOM with legacy debt");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo
}

fn gate(repo: &Repo, extra: &[&str]) -> std::process::Output {
    repo.tomcheck()
        .args(["check", "--base", "main", "--today", TODAY])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn legacy_findings_are_existing_and_the_new_provider_is_new() {
    let repo = repo_with_legacy_debt();
    // The PR moves the legacy provider down (other lines) and adds a provider without AVV.
    write_tom(
        &repo,
        &(named_provider("newsletter", "Newsletter-Dienst", false)
            + &named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", false)),
    );
    repo.commit_all("add the newsletter provider");

    let out = gate(&repo, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut found = statuses(&json(&out));
    found.sort();
    assert_eq!(
        found,
        vec![
            (
                "avv.missing".into(),
                "provider:it-admin".into(),
                "existing".into()
            ),
            (
                "avv.missing".into(),
                "provider:newsletter".into(),
                "new".into()
            ),
        ]
    );

    // The human report marks the new one and says what was compared.
    let out = gate(&repo, &[]);
    let text = stdout(&out);
    assert!(
        text.contains("[new] Provider \"Newsletter-Dienst\""),
        "{text}"
    );
    assert!(
        !text.contains("[new] Provider \"IT-Service Weber\""),
        "{text}"
    );
    assert!(text.contains("1 new"), "{text}");
    assert!(text.contains("compared with base"), "{text}");

    // --new-only still fails: the new finding is a deny.
    assert_eq!(gate(&repo, &["--new-only"]).status.code(), Some(1));
}

#[test]
fn with_new_only_a_pr_that_only_fixes_things_passes() {
    let repo = repo_with_legacy_debt();
    // Legacy debt elsewhere stays; the PR fixes nothing about it but adds a clean provider.
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("mailer", "Mailer GmbH", true)),
    );
    repo.commit_all("add a provider with its AVV");
    assert_eq!(gate(&repo, &["--new-only"]).status.code(), Some(0));
    // Without --new-only the legacy finding still fails the check.
    assert_eq!(gate(&repo, &[]).status.code(), Some(1));

    // A PR that fixes the legacy finding: resolved, and it passes even without --new-only.
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", true)),
    );
    repo.commit_all("sign the AVV with IT-Service Weber");
    let out = gate(&repo, &["--new-only"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("resolved: avv.missing provider:it-admin"));
    let md = gate(&repo, &["--format", "markdown"]);
    assert_eq!(md.status.code(), Some(0));
    let md = stdout(&md);
    assert!(md.contains("### Resolved findings (1)"), "{md}");
    assert!(md.contains("`provider:it-admin`"), "{md}");
}

#[test]
fn a_pr_that_switches_the_rule_off_is_still_gated() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", false)
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
    repo.write(
        "tomcheck.toml",
        "fail_on = \"deny\"\n\n[rules]\n\"avv.missing\" = \"off\"\n",
    );
    repo.commit_all("add newsletter, silence avv.missing");

    let out = gate(&repo, &["--new-only"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("warning: this change touches the gate's configuration or policies: tomcheck.toml (added)"),
        "{text}"
    );
    assert!(
        text.contains("[new] Provider \"Newsletter-Dienst\""),
        "{text}"
    );

    // GitHub format: the change is a notice, the finding an error.
    let out = gate(&repo, &["--new-only", "--format", "github"]);
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("::notice title=tomcheck%3A policies or configuration changed::"),
        "{text}"
    );
    assert!(text.contains("tomcheck.toml (added)"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=tom/providers.toml,")
                && l.contains("provider%3Anewsletter (new)")),
        "{text}"
    );

    // SARIF carries the notice as a tool notification.
    let out = gate(&repo, &["--new-only", "--format", "sarif"]);
    let sarif = json(&out);
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "warning");
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("tomcheck.toml (added)"));

    // Opting out applies the PR's own configuration.
    let out = gate(&repo, &["--new-only", "--policies-from", "head"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("They are applied to this check (--policies-from head)"));
}

#[test]
fn a_pr_that_lowers_fail_on_or_edits_a_policy_is_judged_by_the_base() {
    let repo = Repo::new();
    write_tom(&repo, &named_provider("hoster", "Hoster GmbH", true));
    repo.write("tomcheck.toml", "fail_on = \"warn\"\n");
    // A repository policy: every provider needs an address (warn).
    repo.write(
        "policies/address.rego",
        r#"package tom.address

# METADATA
# title: Provider without address
# description: Every provider has a postal address on record.
# custom:
#   id: provider.address-missing
#   severity: warn
#   legal: Art. 30(1)(a) GDPR
warn contains finding if {
	some p in input.provider
	not p.address
	finding := {
		"rule": "provider.address-missing",
		"subject": sprintf("provider:%s", [p.id]),
		"field": "address",
		"message": sprintf("provider %s has no address", [p.id]),
	}
}
"#,
    );
    repo.commit_all("base with a repository policy");
    // Base: hoster has no address → warn, and fail_on = warn fails. Existing debt.
    run(repo.path(), &["check", "--today", TODAY], 1);
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("mailer", "Mailer GmbH", true)),
    );
    repo.write("tomcheck.toml", "fail_on = \"deny\"\n");
    repo.remove("policies/address.rego");
    repo.commit_all("new provider without address; drop the policy; relax fail_on");

    let out = gate(&repo, &["--new-only", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found = statuses(&json(&out));
    assert!(found.contains(&(
        "provider.address-missing".into(),
        "provider:mailer".into(),
        "new".into()
    )));
    let human = stdout(&gate(&repo, &["--new-only"]));
    assert!(
        human.contains("tomcheck.toml (modified), policies/address.rego (removed)"),
        "{human}"
    );
}

#[test]
fn findings_move_lines_but_keep_their_identity() {
    let repo = repo_with_legacy_debt();
    let mut providers = "# Dienstleister\n# (umsortiert)\n\n".to_string();
    providers += &named_provider("it-admin", "IT-Service Weber", false);
    providers += &named_provider("hoster", "Hoster GmbH", true);
    repo.write("tom/providers.toml", &providers);
    repo.commit_all("reorder");
    let out = gate(&repo, &["--format", "json"]);
    assert_eq!(
        statuses(&json(&out)),
        vec![(
            "avv.missing".into(),
            "provider:it-admin".into(),
            "existing".into()
        )]
    );
    assert_eq!(gate(&repo, &["--new-only"]).status.code(), Some(0));
}

#[test]
fn worktree_and_staged_changes_can_be_gated() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/providers.toml",
        &(repo.read("tom/providers.toml")
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
    // HEAD (the default) has nothing new; the working tree and the index have.
    assert_eq!(gate(&repo, &["--new-only"]).status.code(), Some(0));
    assert_eq!(
        gate(&repo, &["--new-only", "--worktree"]).status.code(),
        Some(1)
    );
    assert_eq!(
        gate(&repo, &["--new-only", "--staged"]).status.code(),
        Some(0)
    );
    repo.git(&["add", "-A"]);
    assert_eq!(
        gate(&repo, &["--new-only", "--staged"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_base_without_a_tom_makes_every_finding_new() {
    let repo = Repo::new();
    repo.write("README.md", "adopting tomcheck\n");
    repo.commit_all("before the TOM");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    write_tom(
        &repo,
        &named_provider("it-admin", "IT-Service Weber", false),
    );
    repo.commit_all("add the TOM");
    let out = gate(&repo, &["--format", "json"]);
    assert_eq!(
        statuses(&json(&out)),
        vec![(
            "avv.missing".into(),
            "provider:it-admin".into(),
            "new".into()
        )]
    );
    let human = stdout(&gate(&repo, &[]));
    assert!(
        human.contains("has no TOM directory `tom/`: every finding counts as new"),
        "{human}"
    );
    let github = stdout(&gate(&repo, &["--format", "github"]));
    assert!(
        github.starts_with("::notice title=tomcheck%3A base not compared::the base "),
        "{github}"
    );
}

#[test]
fn gate_flags_need_a_base() {
    let repo = repo_with_legacy_debt();
    for flag in [
        &["--new-only"][..],
        &["--worktree"],
        &["--policies-from", "head"],
    ] {
        let out = check(repo.path(), flag, 2);
        assert!(
            stderr(&out).contains("--base"),
            "{flag:?}: {}",
            stderr(&out)
        );
    }
}

/// Regression: a shallow clone (actions/checkout's default depth 1) lacks the base commit;
/// the error must say how to fetch it, not dump a git2 error.
#[test]
fn a_shallow_clone_without_the_base_says_to_fetch_it() {
    let origin = repo_with_legacy_debt();
    let base = origin.head();
    write_tom(&origin, &named_provider("hoster", "Hoster GmbH", true));
    origin.commit_all("fix everything");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "1", "--branch", "pr", &url, "c"],
    );
    let err = stderr(&run(
        &clone.path().join("c"),
        &["check", "--base", &base, "--today", TODAY],
        2,
    ));
    assert!(err.contains(&format!("unknown revision '{base}'")), "{err}");
    assert!(err.contains("shallow clone"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
}

/// The `(rule, subject)` pairs of a finding list in `diff`'s JSON report.
fn pairs(findings: &serde_json::Value) -> Vec<(String, String)> {
    rule_subjects(&serde_json::json!({ "findings": findings }))
}

/// Pins how the gate and `diff` see waived findings: a base finding that was waived and
/// is open in the change is new in both (the gate once called it existing). One the
/// change waives is resolved for `diff`, which describes what changed; the gate, which
/// judges the change, lists the waiver the change added and counts the finding as new,
/// waived by the change, not as resolved.
#[test]
fn gate_and_diff_on_waived_findings() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &(named_provider("agentur", "Agentur GmbH", false)
            + &named_provider("hoster", "Hoster GmbH", false)),
    );
    let waiver = |subject: &str| {
        format!(
            "[[waiver]]\nid = \"w\"\nrule = \"avv.missing\"\nsubject = \"{subject}\"\nreason = \"AVV in Verhandlung\"\napproved_by = \"DSB\"\nexpires = 2027-01-31\n"
        )
    };
    repo.write("tom/waivers.toml", &waiver("provider:agentur"));
    repo.commit_all("base: agentur waived, hoster open");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write("tom/waivers.toml", &waiver("provider:hoster"));
    repo.commit_all("pr: the waiver moves from agentur to hoster");

    let agentur = ("avv.missing".to_string(), "provider:agentur".to_string());
    let hoster = ("avv.missing".to_string(), "provider:hoster".to_string());
    let gate = check_json(repo.path(), &["--base", "main"], 1);
    let open: Vec<_> = statuses(&gate)
        .into_iter()
        .filter(|(_, subject, _)| subject == "provider:agentur")
        .collect();
    assert_eq!(
        open,
        [(agentur.0.clone(), agentur.1.clone(), "new".to_string())]
    );
    assert!(statuses(&gate).contains(&(hoster.0.clone(), hoster.1.clone(), "new".to_string())));
    let human = stdout(&check(repo.path(), &["--base", "main"], 1));
    assert!(
        !human.contains("resolved: avv.missing provider:hoster"),
        "{human}"
    );
    assert!(
        human.contains("[new, waived by this change] Provider \"Hoster GmbH\""),
        "{human}"
    );
    assert!(
        human.contains("warning: this change adds waiver \"w\" for avv.missing on provider:hoster"),
        "{human}"
    );
    // The same notice in German, with a German date, in the terminal and in Markdown.
    let german = stdout(&check(repo.path(), &["--base", "main", "--lang", "de"], 1));
    assert!(
        german.contains("Warnung: diese Änderung fügt die Ausnahme \"w\" für avv.missing zu provider:hoster hinzu, gültig bis 31.01.2027"),
        "{german}"
    );
    assert!(
        german.contains("[neu, durch diese Änderung ausgenommen]"),
        "{german}"
    );
    let markdown = stdout(&check(
        repo.path(),
        &["--base", "main", "--lang", "de", "--format", "markdown"],
        1,
    ));
    for label in [
        "**Zu prüfende Änderungen**",
        "### Neue Befunde",
        "Verglichen mit der Basis",
    ] {
        assert!(markdown.contains(label), "{label}\n{markdown}");
    }

    let diff = run_json(
        repo.path(),
        &["diff", "main", "pr", "--format", "json", "--today", TODAY],
        0,
    );
    assert_eq!(pairs(&diff["findings"]["new"]), [agentur]);
    assert_eq!(pairs(&diff["findings"]["resolved"]), [hoster]);
}

/// Pins that the gate and `diff` list the same configuration and policy changes, in the
/// same order: `tomcheck.toml` first, then the policy files by path, Rego tests included
/// (the gate once left out `_test.rego` files).
#[test]
fn gate_and_diff_list_the_same_configuration_and_policy_changes() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", true));
    repo.write("tomcheck.toml", "fail_on = \"deny\"\n");
    repo.write("policies/note.rego", "package tom.note\n");
    repo.write(
        "policies/note_test.rego",
        "package tom.note_test\n\ntest_nothing if {\n  true\n}\n",
    );
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write("tomcheck.toml", "fail_on = \"warn\"\n");
    repo.write(
        "policies/note_test.rego",
        "package tom.note_test\n\ntest_still_nothing if {\n  true\n}\n",
    );
    repo.write("policies/another.rego", "package tom.another\n");
    repo.commit_all("pr: configuration, a policy test and a new policy");

    let expected = [
        "tomcheck.toml (modified)",
        "policies/another.rego (added)",
        "policies/note_test.rego (modified)",
    ];
    let human = stdout(&check(repo.path(), &["--base", "main"], 0));
    let listed = human
        .lines()
        .find_map(|l| {
            l.strip_prefix("warning: this change touches the gate's configuration or policies: ")
        })
        .unwrap_or_else(|| panic!("no configuration notice:\n{human}"));
    let gate: Vec<&str> = listed
        .split_once(". ")
        .map_or(listed, |(files, _)| files)
        .split(", ")
        .collect();
    assert_eq!(gate, expected, "{human}");

    let report = run_json(
        repo.path(),
        &["diff", "main", "pr", "--format", "json", "--today", TODAY],
        0,
    );
    let diff: Vec<String> = report["policy_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} ({})",
                c["path"].as_str().unwrap(),
                c["change"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(diff, expected);
}

// --- What a change must not slip past the gate ----------------------------------------

/// A `[[waiver]]` of `avv.missing` for `provider:<subject>`.
fn avv_waiver(id: &str, subject: &str, expires: &str) -> String {
    format!(
        "[[waiver]]\nid = \"{id}\"\nrule = \"avv.missing\"\nsubject = \"provider:{subject}\"\nreason = \"AVV in Verhandlung\"\napproved_by = \"DSB\"\nexpires = {expires}\n\n"
    )
}

fn gate_in(repo: &Repo, extra: &[&str]) -> std::process::Output {
    gate(repo, extra)
}

/// Regression: a pull request added a provider without AVV together with its own waiver
/// until 2099, and passed `--new-only`.
#[test]
fn a_pr_that_waives_its_own_new_finding_does_not_pass_new_only() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/providers.toml",
        &(repo.read("tom/providers.toml")
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
    repo.write(
        "tom/waivers.toml",
        &avv_waiver("newsletter-avv", "newsletter", "2099-12-31"),
    );
    repo.commit_all("add newsletter and accept its missing AVV until 2099");

    let out = gate_in(&repo, &["--new-only", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = json(&out);
    let newsletter = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["subject"] == "provider:newsletter")
        .unwrap();
    assert_eq!(newsletter["waived"], true);
    assert_eq!(newsletter["status"], "new");
    // The waiver is too long as well (from the base's date, 2026-01-15).
    assert!(statuses(&report).contains(&(
        "waiver.too-long".into(),
        "waiver:newsletter-avv".into(),
        "new".into()
    )));
    let change = &report["gate"]["waiver_changes"][0];
    assert_eq!(change["change"], "added");
    assert_eq!(change["id"], "newsletter-avv");
    assert_eq!(change["subject"], "provider:newsletter");
    assert_eq!(change["expires"], "2099-12-31");
    assert_eq!(change["before"], serde_json::Value::Null);
    assert_eq!(change["accepts"], 1);
    assert_eq!(change["file"], "tom/waivers.toml");
    assert_eq!(change["line"], 7);
    assert_eq!(report["gate"]["reassigned_ids"], serde_json::json!([]));
}

/// A waiver within the limit, added by the change for its own new finding: without
/// `--new-only` the accepted finding does not fail, but every format lists the waiver;
/// with `--new-only` the finding counts as new and fails.
#[test]
fn a_waiver_the_change_adds_is_listed_in_every_format() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "IT-Service Weber", true)
            + &named_provider("newsletter", "Newsletter-Dienst", false)),
    );
    repo.write(
        "tom/waivers.toml",
        &avv_waiver("newsletter-avv", "newsletter", "2026-12-31"),
    );
    repo.commit_all("fix it-admin, add newsletter with a waiver");
    let sentence = "this change adds waiver \"newsletter-avv\" for avv.missing on provider:newsletter, until 2026-12-31: the finding it accepts counts as new, so --new-only fails on it; review the accepted risk before merging";

    // Without --new-only the waiver accepts the finding: exit 0, but not silently.
    let out = gate_in(&repo, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let human = stdout(&out);
    assert!(
        human.starts_with(&format!("warning: {sentence} (tom/waivers.toml:7)\n")),
        "{human}"
    );
    assert!(
        human.contains("[new, waived by this change] Provider \"Newsletter-Dienst\""),
        "{human}"
    );
    // The fixed legacy finding is resolved; the waived one is not.
    assert!(
        human.contains("resolved: avv.missing provider:it-admin"),
        "{human}"
    );
    assert!(
        !human.contains("resolved: avv.missing provider:newsletter"),
        "{human}"
    );

    // --new-only: it fails, in every format.
    assert_eq!(gate_in(&repo, &["--new-only"]).status.code(), Some(1));
    let github = stdout(&gate_in(&repo, &["--new-only", "--format", "github"]));
    assert!(
        github.lines().any(|l| l
            == format!(
                "::warning file=tom/waivers.toml,line=7,col=1,title=tomcheck%3A waiver added::{sentence}"
            )),
        "{github}"
    );
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::error file=tom/providers.toml,")
                && l.contains("provider%3Anewsletter (new%2C waived by this change)")),
        "{github}"
    );
    let sarif = json(&gate_in(&repo, &["--new-only", "--format", "sarif"]));
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(notes[0]["message"]["text"], format!("{sentence}."));
    let markdown = stdout(&gate_in(&repo, &["--new-only", "--format", "markdown"]));
    assert!(markdown.contains("> **Changes to review**"), "{markdown}");
    assert!(markdown.contains("`tom/waivers.toml:7`"), "{markdown}");
    assert!(
        markdown.contains("❌ deny, waived by this change"),
        "{markdown}"
    );
    assert!(
        markdown.contains("## tomcheck: ❌ 1 finding fails the check"),
        "{markdown}"
    );
    let junit = stdout(&gate_in(&repo, &["--new-only", "--format", "junit"]));
    assert!(
        junit.contains("<testsuite name=\"tomcheck: changes to review\""),
        "{junit}"
    );
    assert!(
        junit.contains("<testcase name=\"waiver:newsletter-avv\" classname=\"review\">"),
        "{junit}"
    );
    assert!(
        junit.contains("message=\"waived by this change: Provider"),
        "{junit}"
    );
    let report = json(&gate_in(&repo, &["--new-only", "--format", "json"]));
    assert_eq!(report["gate"]["waiver_changes"][0]["message"], sentence);
    assert_eq!(
        report["gate"]["resolved"][0]["subject"],
        "provider:it-admin"
    );
}

/// Extending a waiver is accepting the risk anew; shortening, renaming or moving one is
/// not.
#[test]
fn a_waiver_the_change_extends_is_listed_and_what_it_accepts_is_new() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/waivers.toml",
        &avv_waiver("it-admin-avv", "it-admin", "2026-12-15"),
    );
    repo.commit_all("waive the legacy finding");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--ff-only", "pr"]);
    repo.git(&["checkout", "-q", "pr"]);
    let expect = |waivers: &str, notice: Option<&str>, new_only_exit: i32| {
        repo.write("tom/waivers.toml", waivers);
        repo.git(&["add", "-A"]);
        let human = stdout(&gate_in(&repo, &["--worktree"]));
        match notice {
            Some(text) => assert!(human.contains(text), "{waivers}\n{human}"),
            None => assert!(
                !human.contains("warning: this change"),
                "{waivers}\n{human}"
            ),
        }
        assert_eq!(
            gate_in(&repo, &["--worktree", "--new-only"]).status.code(),
            Some(new_only_exit),
            "{waivers}"
        );
    };
    expect(
        &avv_waiver("it-admin-avv", "it-admin", "2027-01-10"),
        Some("warning: this change extends the waiver for avv.missing on provider:it-admin from 2026-12-15 to 2027-01-10 (waiver \"it-admin-avv\"): the finding it accepts counts as new"),
        1,
    );
    // The same risk accepted anew under another id is extending it too.
    expect(
        &avv_waiver("renewal", "it-admin", "2027-01-12"),
        Some("extends the waiver for avv.missing on provider:it-admin from 2026-12-15 to 2027-01-12 (waiver \"renewal\")"),
        1,
    );
    expect(
        &avv_waiver("it-admin-avv", "it-admin", "2026-12-01"),
        None,
        0,
    );
    expect(&avv_waiver("other-name", "it-admin", "2026-12-15"), None, 0);
    repo.remove("tom/waivers.toml");
    repo.write(
        "tom/more/waivers.toml",
        &avv_waiver("it-admin-avv", "it-admin", "2026-12-15"),
    );
    expect_moved(&repo);
}

fn expect_moved(repo: &Repo) {
    repo.git(&["add", "-A"]);
    let human = stdout(&gate_in(repo, &["--worktree"]));
    assert!(!human.contains("warning: this change"), "{human}");
    assert_eq!(
        gate_in(repo, &["--worktree", "--new-only"]).status.code(),
        Some(0)
    );
}

/// Regression: a pull request reused a legacy provider's id (whose finding the base
/// already had) for a different provider, and its finding passed `--new-only` as
/// existing.
#[test]
fn an_id_the_change_gives_to_a_different_entity_is_listed_and_its_findings_are_new() {
    let repo = repo_with_legacy_debt();
    repo.write(
        "tom/providers.toml",
        &(named_provider("hoster", "Hoster GmbH", true)
            + &named_provider("it-admin", "Newsletter-Dienst", false)),
    );
    repo.commit_all("reuse the id it-admin for the newsletter provider");
    let out = gate_in(&repo, &["--new-only", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(
        statuses(&report),
        vec![(
            "avv.missing".into(),
            "provider:it-admin".into(),
            "new".into()
        )]
    );
    let moved = &report["gate"]["reassigned_ids"][0];
    assert_eq!(moved["subject"], "provider:it-admin");
    assert_eq!(
        moved["fields"],
        serde_json::json!([{"field": "name", "before": "IT-Service Weber", "after": "Newsletter-Dienst"}])
    );
    assert_eq!(moved["file"], "tom/providers.toml");
    // The old entity's finding is not listed as resolved: the id still has it.
    assert_eq!(report["gate"]["resolved"], serde_json::json!([]));
    let human = stdout(&gate_in(&repo, &["--new-only"]));
    assert!(
        human.contains("warning: this change gives the id provider:it-admin to a different entity (name was \"IT-Service Weber\", now \"Newsletter-Dienst\"): its findings count as new"),
        "{human}"
    );
    let github = stdout(&gate_in(&repo, &["--new-only", "--format", "github"]));
    assert!(
        github.contains("title=tomcheck%3A id given to another entity::this change gives the id provider:it-admin"),
        "{github}"
    );
}

/// Which differences make an id name another entity: `name` or `kind`, both written.
#[test]
fn only_a_different_name_or_kind_reassigns_an_id() {
    let repo = Repo::new();
    let system = |kind: &str, name: Option<&str>, encrypted: bool| {
        let name = name
            .map(|n| format!("name = \"{n}\"\n"))
            .unwrap_or_default();
        format!("[[system]]\nid = \"pc-1\"\n{name}kind = \"{kind}\"\npersonal_data = true\nencrypted = {encrypted}\nos = \"Debian 13\"\n")
    };
    write_clean_tom(&repo);
    repo.write(
        "tom/systems.toml",
        &system("laptop", Some("Laptop Vertrieb"), false),
    );
    repo.commit_all("base");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    let reassigned = |text: &str| {
        repo.write("tom/systems.toml", text);
        let report = check_json(repo.path(), &["--base", "main", "--worktree"], 1);
        report["gate"]["reassigned_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["fields"][0]["field"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        reassigned(&system("laptop", Some("Laptop Vertrieb"), false)),
        Vec::<String>::new()
    );
    assert_eq!(
        reassigned(&system("laptop", Some("  Laptop Vertrieb "), false)),
        Vec::<String>::new()
    );
    assert_eq!(
        reassigned(&system("laptop", None, false)),
        Vec::<String>::new()
    );
    assert_eq!(
        reassigned(&system("laptop", Some("Laptop Buchhaltung"), false)),
        ["name"]
    );
    assert_eq!(
        reassigned(&system("mobile", Some("Laptop Vertrieb"), false)),
        ["kind"]
    );
    // Not failing: the finding stays existing when only other fields change.
    repo.write(
        "tom/systems.toml",
        &system("laptop", Some("Laptop Vertrieb"), false),
    );
    assert_eq!(
        gate_in(&repo, &["--worktree", "--new-only"]).status.code(),
        Some(0)
    );
}

/// A waiver lasts at most `max_waiver_days`, counted in the gate from the base commit's
/// date (the test commits are dated 2026-01-15), so re-running the gate later gives the
/// same answer; the pull request cannot raise the limit for itself.
#[test]
fn the_gate_counts_a_waivers_length_from_the_base_and_with_the_bases_limit() {
    let repo = repo_with_legacy_debt();
    let too_long = |report: &serde_json::Value| {
        rule_subjects(report)
            .into_iter()
            .filter(|(rule, _)| rule == "waiver.too-long")
            .count()
    };
    repo.write(
        "tom/waivers.toml",
        &avv_waiver("w", "it-admin", "2027-01-15"),
    );
    repo.commit_all("a waiver of exactly a year from the base");
    assert_eq!(
        too_long(&check_json(repo.path(), &["--base", "main"], 0)),
        0
    );
    repo.write(
        "tom/waivers.toml",
        &avv_waiver("w", "it-admin", "2027-01-16"),
    );
    repo.commit_all("one day longer");
    let report = check_json(repo.path(), &["--base", "main"], 1);
    assert_eq!(too_long(&report), 1);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "waiver.too-long")
        .unwrap();
    assert!(
        finding["message"].as_str().unwrap().ends_with(
            "runs until 2027-01-16, 366 days after 2026-01-15; a waiver may last at most 365 days"
        ),
        "{finding}"
    );
    // Outside the gate it counts from the evaluation date.
    assert_eq!(too_long(&check_json(repo.path(), &[], 0)), 0);
    // Later runs of the gate agree.
    assert_eq!(
        too_long(&check_json(
            repo.path(),
            &["--base", "main", "--today", "2026-12-31"],
            1
        )),
        1
    );
    // Raising the limit in the pull request does not apply to it.
    repo.write("tomcheck.toml", "max_waiver_days = 730\n");
    repo.commit_all("raise the limit");
    assert_eq!(
        too_long(&check_json(repo.path(), &["--base", "main"], 1)),
        1
    );
    assert_eq!(
        too_long(&check_json(
            repo.path(),
            &["--base", "main", "--policies-from", "head"],
            0
        )),
        0
    );
}
