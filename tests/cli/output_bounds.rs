//! Output stays bounded and valid whatever the TOM holds: very long lines, many findings
//! on one line, characters XML cannot hold, file names that are not URI-safe, and
//! reports written to a file (atomically, never through a symbolic link).

use crate::support::{named_provider, run, stdout, write_tom, Repo, TODAY};

/// One line with `n` systems whose operating system is out of support: `n` findings.
fn systems_on_one_line(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{ id = \"s{i}\", name = \"S{i}\", personal_data = true, os = \"windows-7\" }}"
            )
        })
        .collect();
    format!("system = [{}]\n", items.join(", "))
}

fn longest_line(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn many_findings_on_one_line_print_a_bounded_excerpt_each() {
    let repo = Repo::new();
    write_tom(&repo, "");
    repo.write("tom/systems.toml", &systems_on_one_line(700));
    for narrate in [false, true] {
        let mut args = vec!["check", "--today", TODAY];
        if narrate {
            args.push("--narrate");
        }
        let out = run(repo.path(), &args, 1);
        let text = stdout(&out);
        assert_eq!(text.matches("system.eol").count(), 700, "{narrate}");
        // 53 KB of source line, 700 times, was 37 MB of output; now each finding shows a
        // window of the line around its label.
        assert!(text.len() < 1_000_000, "{narrate}: {} bytes", text.len());
        assert!(
            longest_line(&text) < 400,
            "{narrate}: {}",
            longest_line(&text)
        );
        assert!(
            text.contains("os = \"windows-7\" }, { id = \"s699\""),
            "{narrate}"
        );
    }
    // The last system's label still points at its own `os`, at the real position.
    let out = run(repo.path(), &["check", "--today", TODAY], 1);
    let text = stdout(&out);
    let col = systems_on_one_line(700).rfind("os = ").unwrap() + 1;
    assert!(
        text.contains(&format!("[tom/systems.toml:1:{col}]")),
        "no header with column {col}"
    );
}

#[test]
fn a_line_longer_than_65535_characters_is_shown_cut_in_check_and_diff() {
    let repo = Repo::new();
    write_tom(&repo, "");
    repo.commit_all("TOM");
    // A finding on the line (check) and an input problem on it (check and diff).
    let name = "x".repeat(70_000);
    repo.write(
        "tom/long.toml",
        &format!(
            "[[system]]\nid = \"s\"\nname = \"{name}\"\npersonal_data = true\nos = \"windows-7\"\n"
        ),
    );
    let out = run(repo.path(), &["check", "--today", TODAY], 1);
    let text = stdout(&out);
    assert!(longest_line(&text) < 400, "{}", longest_line(&text));
    assert!(text.contains("more characters)"), "the message is cut too");
    let line = format!(
        "{}, {{ id = \"z\", nmae = \"Z\" }}]\n",
        systems_on_one_line(1500).trim_end().trim_end_matches(']')
    );
    repo.write("tom/long.toml", &line);
    for args in [
        vec!["check", "--today", TODAY],
        vec!["diff", "--today", TODAY],
    ] {
        let out = run(repo.path(), &args, 2);
        let err = crate::support::stderr(&out);
        assert!(err.contains("unknown key `nmae`"), "{args:?}: {err}");
        assert!(!err.contains("internal error"), "{args:?}: {err}");
        assert!(longest_line(&err) < 400, "{args:?}: {}", longest_line(&err));
        assert!(
            err.contains("nmae = \"Z\""),
            "{args:?}: the label's text is in the window"
        );
    }
}

#[test]
fn junit_holds_no_character_xml_forbids() {
    let repo = Repo::new();
    write_tom(
        &repo,
        &named_provider("odd", "Odd\u{FFFE}Name\u{FFFF}", false),
    );
    let out = run(
        repo.path(),
        &["check", "--today", TODAY, "--format", "junit"],
        1,
    );
    let xml = stdout(&out);
    assert!(!xml.contains('\u{FFFE}') && !xml.contains('\u{FFFF}'));
    assert!(xml.contains("Odd\u{FFFD}Name\u{FFFD}"), "{xml}");
    assert!(
        quick_xml_well_formed(&xml),
        "JUnit output is not well-formed XML"
    );
}

/// Every character of the document is one XML 1.0 allows.
fn quick_xml_well_formed(xml: &str) -> bool {
    xml.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    })
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let repo = Repo::new();
    write_tom(&repo, "");
    let names = [
        (
            "tom/sp ace#frag?q=1%41.toml",
            "tom/sp%20ace%23frag%3Fq=1%2541.toml",
        ),
        ("tom/über.toml", "tom/%C3%BCber.toml"),
    ];
    for (i, (name, _)) in names.iter().enumerate() {
        repo.write(name, &named_provider(&format!("p{i}"), "P", false));
    }
    let out = run(
        repo.path(),
        &["check", "--today", TODAY, "--format", "sarif"],
        1,
    );
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for (_, uri) in names {
        assert!(uris.iter().any(|u| u == uri), "{uri} not in {uris:?}");
    }
    for uri in &uris {
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_graphic() && !b"#? \"<>\\^`{|}".contains(&b)),
            "{uri}"
        );
    }
    // The input-problem log (exit code 2) encodes too.
    repo.write(
        "tom/sp ace#frag?q=1%41.toml",
        "[[provider]]\nid = \"x\"\nnmae = 1\n",
    );
    let out = run(
        repo.path(),
        &["check", "--today", TODAY, "--format", "sarif"],
        2,
    );
    assert!(stdout(&out).contains("tom/sp%20ace%23frag%3Fq=1%2541.toml"));
}

#[test]
fn diff_output_file_is_replaced_atomically_and_never_through_a_link() {
    let repo = Repo::new();
    write_tom(&repo, &named_provider("a", "A", true));
    repo.commit_all("TOM");
    write_tom(&repo, &named_provider("a", "A", false));
    // A link where the report goes: the report replaces the link, its target is kept.
    let target = repo.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    std::os::unix::fs::symlink(&target, repo.path().join("report.md")).unwrap();
    run(
        repo.path(),
        &[
            "diff",
            "--today",
            TODAY,
            "--format",
            "markdown",
            "-o",
            "report.md",
        ],
        0,
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let report = repo.path().join("report.md");
    assert!(!report.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&report).unwrap().contains("avv"));
    // A report that cannot be written leaves no partial file and no temporary file.
    let out = run(
        repo.path(),
        &["diff", "--today", TODAY, "-o", "missing/report.md"],
        2,
    );
    assert!(crate::support::stderr(&out).contains("cannot write"));
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
