//! Policies are untrusted code: what no static check can bound (a chain of rules
//! thousands deep, in `check` and in `log`'s worker threads) runs on a stack deeper than
//! the memory cap, so it either finishes or is stopped by the cap with exit code 2,
//! never by a stack overflow. The other limits have their cases in `tests/bad/`.

use crate::support::{stderr, stdout, write_clean_tom, Repo, TODAY};

/// `n` rules, each using the next, spread over files of at most 19,000 lines (regorus
/// reads at most 20,000 lines a file).
fn rule_chain(repo: &Repo, n: usize) {
    let per = 19_000;
    for (f, start) in (0..n).step_by(per).enumerate() {
        let mut text = String::from("package tom.chain\n\n");
        for i in start..(start + per).min(n) {
            text.push_str(&format!("r{i} := r{} + 1\n", i + 1));
        }
        if start + per >= n {
            text.push_str(&format!(
                "r{n} := 0\n\nwarn contains sprintf(\"chain of %d\", [r0]) if r0 > 0\n"
            ));
        }
        repo.write(&format!("policies/chain{f:02}.rego"), &text);
    }
    repo.write("tomcheck.toml", "policies = [\"policies\"]\n");
}

#[test]
fn a_deep_chain_of_rules_is_evaluated_in_check_and_log() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    // 2,000 levels overflowed the 8 MiB main thread's stack (abort, SIGABRT).
    rule_chain(&repo, 5_000);
    repo.commit_all("TOM and a deep policy");
    for args in [
        vec!["check", "--today", TODAY],
        vec!["log", "--today", TODAY],
    ] {
        let out = repo.tomcheck().args(&args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?}\n{}",
            out.status,
            stderr(&out)
        );
        assert!(!stderr(&out).contains("overflow"), "{}", stderr(&out));
    }
    let out = repo
        .tomcheck()
        .args(["check", "--today", TODAY])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("chain of 5000"), "{}", stdout(&out));
}

#[test]
fn a_chain_too_deep_for_memory_is_stopped_by_the_cap() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    rule_chain(&repo, 40_000);
    let out = repo
        .tomcheck()
        .args(["check", "--timeout", "120", "--today", TODAY])
        .env("TOMCHECK_MEMORY_LIMIT", "150")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("passed its memory limit of 150 MiB"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_memory_limit_that_is_not_a_number_is_a_usage_error() {
    let repo = Repo::new();
    write_clean_tom(&repo);
    let out = repo
        .tomcheck()
        .args(["check", "--today", TODAY])
        .env("TOMCHECK_MEMORY_LIMIT", "1GB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("TOMCHECK_MEMORY_LIMIT must be a number of MiB"));
    // 0 switches the cap off.
    let out = repo
        .tomcheck()
        .args(["check", "--today", TODAY])
        .env("TOMCHECK_MEMORY_LIMIT", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// When the watchdog stops a policy past the memory cap, `--format sarif` still writes
/// the log of a check that could not run, so code scanning says why it has no results.
#[test]
fn a_policy_stopped_by_the_watchdog_still_gets_a_sarif_log() {
    let case = crate::support::manifest_dir().join("tests/bad/policy-memory-bomb");
    let out = crate::support::tomcheck()
        .current_dir(&case)
        .args(["check", "--format", "sarif", "--today", TODAY])
        .env("TOMCHECK_MEMORY_LIMIT", "200")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("memory limit of 200 MiB"),
        "{}",
        stderr(&out)
    );
    let log: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("no SARIF log on stdout ({e}):\n{}", stdout(&out)));
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["exitCode"], 2, "{invocation}");
    assert_eq!(invocation["executionSuccessful"], false, "{invocation}");
    let said = invocation["toolExecutionNotifications"][0]["message"]["text"].to_string();
    assert!(said.contains("memory limit of 200 MiB"), "{said}");
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}
