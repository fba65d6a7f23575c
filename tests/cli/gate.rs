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

/// Pins that the gate and `diff` agree on waived findings: a base finding that was waived
/// and is open in the change is new in both (the gate once called it existing), and one
/// the change waives is resolved in both.
#[test]
fn gate_and_diff_agree_on_waived_findings() {
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
    let human = stdout(&check(repo.path(), &["--base", "main"], 1));
    assert!(
        human.contains("resolved: avv.missing provider:hoster"),
        "{human}"
    );

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
