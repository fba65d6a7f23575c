//! The bad-input corpus: every case under `tests/bad/<case>/` is copied to a temporary
//! directory (some are generated there: huge files, many files, symlinks, git states),
//! checked with the real binary, and must exit with the code in its `case.toml` with a
//! diagnostic pinned next to it (`tests/bad/<case>/diagnostic.snap`). None may panic.

use std::path::Path;

use crate::support::{git, manifest_dir, tomcheck, ORGANIZATION, TODAY};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    setup: Option<String>,
    /// Whether the diagnostic must name a file and line (`file.toml:3:1`).
    #[serde(default = "yes")]
    located: bool,
    /// Environment variables of the run (`TOMCHECK_MEMORY_LIMIT`).
    #[serde(default)]
    env: std::collections::BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "case.toml" || name.to_string_lossy().ends_with(".snap") {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(name));
        } else {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

/// Builds the inputs that cannot be committed as files.
fn setup(kind: &str, root: &Path) {
    let tom = root.join("tom");
    match kind {
        "non-utf8" => {
            std::fs::create_dir_all(&tom).unwrap();
            let mut bytes = ORGANIZATION.as_bytes().to_vec();
            bytes.extend_from_slice(
                b"\n[[provider]]\nid = \"mueller\"\nname = \"IT-Service M\xfcller\"\n",
            );
            std::fs::write(tom.join("latin1.toml"), bytes).unwrap();
        }
        "large-file" => {
            std::fs::create_dir_all(&tom).unwrap();
            std::fs::write(tom.join("a.toml"), ORGANIZATION).unwrap();
            let line = "# padding: a TOM file is facts, not a data dump\n";
            std::fs::write(
                tom.join("export.toml"),
                line.repeat(50 * 1024 * 1024 / line.len()),
            )
            .unwrap();
        }
        "deep-nesting" => {
            std::fs::create_dir_all(&tom).unwrap();
            let deep = format!(
                "{ORGANIZATION}notes = {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            );
            std::fs::write(tom.join("a.toml"), deep).unwrap();
        }
        "many-files" => {
            std::fs::create_dir_all(&tom).unwrap();
            std::fs::write(tom.join("organization.toml"), ORGANIZATION).unwrap();
            for i in 0..100_000 {
                std::fs::write(tom.join(format!("m{i:06}.toml")), "").unwrap();
            }
        }
        "symlink-outside" => {
            std::fs::create_dir_all(&tom).unwrap();
            std::fs::write(tom.join("a.toml"), ORGANIZATION).unwrap();
            let outside = root.parent().unwrap().join("outside.toml");
            std::fs::write(
                &outside,
                "[[provider]]\nid = \"secret\"\nname = \"not in the repository\"\n",
            )
            .unwrap();
            std::os::unix::fs::symlink(&outside, tom.join("linked.toml")).unwrap();
        }
        "symlink-in-commit" => {
            std::fs::create_dir_all(&tom).unwrap();
            std::fs::write(tom.join("a.toml"), ORGANIZATION).unwrap();
            std::os::unix::fs::symlink("/etc/hostname", tom.join("host.toml")).unwrap();
            git(root, &["init", "-q", "-b", "main"]);
            git(root, &["add", "-A"]);
            git(root, &["commit", "-q", "-m", "TOM with a link"]);
        }
        "git-commit" => {
            git(root, &["init", "-q", "-b", "main"]);
            git(root, &["add", "-A"]);
            git(root, &["commit", "-q", "-m", "TOM"]);
        }
        "git-init" => {
            git(root, &["init", "-q", "-b", "main"]);
        }
        "bare" => {
            git(root, &["init", "-q", "--bare", "-b", "main"]);
        }
        "shallow" => {
            let origin = root.parent().unwrap().join("origin");
            std::fs::create_dir_all(origin.join("tom")).unwrap();
            std::fs::write(origin.join("tom/a.toml"), ORGANIZATION).unwrap();
            git(&origin, &["init", "-q", "-b", "main"]);
            git(&origin, &["add", "-A"]);
            git(&origin, &["commit", "-q", "-m", "base"]);
            std::fs::write(origin.join("tom/b.toml"), "# next\n").unwrap();
            git(&origin, &["add", "-A"]);
            git(&origin, &["commit", "-q", "-m", "head"]);
            std::fs::remove_dir_all(root).unwrap();
            let url = format!("file://{}", origin.display());
            git(
                root.parent().unwrap(),
                &[
                    "clone",
                    "-q",
                    "--depth",
                    "1",
                    &url,
                    root.file_name().unwrap().to_str().unwrap(),
                ],
            );
        }
        other => panic!("unknown setup {other}"),
    }
}

/// Whether `line` opens a miette snippet of a TOML or Rego file at a line and column,
/// like `╭─[tom/a.toml:3:1]`. Any other mention of a file does not locate a diagnostic.
fn names_file_and_line(line: &str) -> bool {
    let Some((_, header)) = line.split_once("╭─[") else {
        return false;
    };
    let Some(header) = header.trim_end().strip_suffix(']') else {
        return false;
    };
    let mut parts = header.rsplitn(3, ':');
    let (column, line, path) = (parts.next(), parts.next(), parts.next());
    let number =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    number(column)
        && number(line)
        && path.is_some_and(|p| p.ends_with(".toml") || p.ends_with(".rego"))
}

#[test]
fn names_file_and_line_wants_a_snippet_header() {
    assert!(names_file_and_line("   ╭─[tom/a.toml:3:1]"));
    assert!(names_file_and_line("   ╭─[policies/bad.rego:6:12]"));
    assert!(!names_file_and_line("  × policies/bad.rego: syntax error"));
    assert!(!names_file_and_line("   ╭─[tom/a.toml]"));
    assert!(!names_file_and_line("   ╭─[README.md:3:1]"));
    assert!(!names_file_and_line("tom/a.toml:3:1"));
}

/// The cases of the corpus, sorted by name; `BAD_CASE=<part of a name>` keeps only
/// the matching ones.
fn corpus() -> (Vec<(String, std::path::PathBuf)>, Option<String>) {
    let corpus = manifest_dir().join("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 35, "corpus incomplete");
    let filter = std::env::var("BAD_CASE").ok();
    let cases = cases
        .into_iter()
        .map(|dir| (dir.file_name().unwrap().to_string_lossy().into_owned(), dir))
        .filter(|(name, _)| filter.as_deref().is_none_or(|f| name.contains(f)))
        .collect();
    (cases, filter)
}

/// Runs one case of the corpus with the extra environment `env` and checks what holds
/// in every language: the exit code, no panic, no terminal escape, a located
/// diagnostic. Returns the case and what it showed (standard error for exit code 2,
/// else standard output).
fn run_case(name: &str, dir: &Path, env: &[(&str, &str)]) -> (Case, String) {
    let case: Case = toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).unwrap())
        .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_dir(dir, &root);
    if let Some(kind) = &case.setup {
        setup(kind, &root);
    }
    let mut args = case.args.clone();
    if args.first().is_some_and(|a| a == "check") {
        args.extend(["--today".into(), TODAY.into()]);
    }
    let out = tomcheck()
        .current_dir(&root)
        .args(&args)
        .envs(&case.env)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&tmp.path().display().to_string(), "[TMP]");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(case.exit),
        "{name}: exit code\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        !stderr.contains("internal error") && !stderr.contains("panicked"),
        "{name} panicked: {stderr}"
    );
    let shown = if case.exit == 2 {
        stderr.to_string()
    } else {
        stdout.to_string()
    };
    assert!(
        !shown.contains('\u{1b}'),
        "{name}: terminal escape in output"
    );
    if case.exit == 2 && case.located {
        let located = shown.lines().any(names_file_and_line);
        assert!(
            located,
            "{name}: the diagnostic names no file and line:\n{shown}"
        );
    }
    (case, shown)
}

#[test]
fn bad_input_corpus() {
    let (cases, filter) = corpus();
    match &filter {
        Some(f) => assert!(!cases.is_empty(), "BAD_CASE={f} matches no case"),
        None => assert!(cases.len() >= 35, "corpus incomplete"),
    }
    for (name, dir) in cases {
        let (_, shown) = run_case(&name, &dir, &[]);
        insta::with_settings!({ snapshot_path => dir.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("diagnostic", shown);
        });
    }
}

/// The cases whose German diagnostics are pinned next to the English ones
/// (`diagnostic.de.snap`): at least one of each family of problems.
const GERMAN_SNAPSHOTS: &[&str] = &[
    // TOML syntax and reading files
    "toml-unclosed-table",
    "toml-duplicate-key",
    "merge-conflict",
    "non-utf8",
    "large-file",
    "symlink-outside",
    "missing-tom",
    "empty-tom",
    // schema
    "missing-keys",
    "wrong-types",
    "unknown-key",
    "unknown-kind",
    "bad-enum",
    "invalid-country",
    "invalid-dates",
    // references
    "dangling-reference",
    "duplicate-id-across-files",
    "self-reference",
    "unknown-waiver-rule",
    // configuration
    "config-errors",
    // git
    "unknown-rev",
    "no-commits",
    "bare-repository",
    "shallow-clone-missing-base",
    "symlink-in-commit",
    // policies
    "rego-syntax",
    "rego-runtime",
    "rego-recursion-mutual",
    "malformed-finding",
    "policy-deep-nesting",
];

/// The lines of a human diagnostic that carry text tomcheck wrote: the first line of
/// each message (`× …`), of each help (`help: …`) and each label (`╰── …`).
fn texts(shown: &str) -> Vec<String> {
    shown
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let text = t
                .strip_prefix("× ")
                .or_else(|| t.strip_prefix("help: "))
                .or_else(|| l.split_once("╰── ").map(|(_, label)| label))?;
            Some(text.trim().to_string())
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The messages of a human diagnostic, each with the lines miette wrapped it onto
/// joined again.
fn messages(shown: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in shown.lines() {
        let t = line.trim_start();
        if let Some(m) = t.strip_prefix("× ") {
            out.push(m.trim().to_string());
            open = true;
        } else if let (true, Some(more)) = (open, t.strip_prefix("│ ")) {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(more.trim());
            }
        } else {
            open = false;
        }
    }
    out
}

/// Every case of the corpus in German: the same exit code and checks as in English, no
/// message, help or label left in English (compared with the pinned English
/// diagnostic; text quoted from the TOML or Rego parser or from git stays as it is, and
/// is only accepted inside a German sentence), and the German diagnostics of a
/// representative set pinned.
#[test]
fn bad_input_corpus_in_german() {
    let (cases, filter) = corpus();
    let mut compared = 0;
    for (name, dir) in &cases {
        let (case, shown) = run_case(name, dir, &[("TOMCHECK_LANG", "de")]);
        if case.exit == 2 {
            let english = std::fs::read_to_string(dir.join("diagnostic.snap")).unwrap();
            let english = english.splitn(3, "---").nth(2).unwrap_or_default();
            let english = texts(english);
            assert!(!english.is_empty(), "{name}: no English texts found");
            let german = texts(&shown);
            let messages = messages(&shown);
            for text in &german {
                // A parser's own text may stand alone as a label when the message
                // quotes it after a German lead.
                // miette wraps at spaces and slashes: compare without whitespace.
                let squeeze = |s: &str| s.split_whitespace().collect::<String>();
                let quoted = messages
                    .iter()
                    .any(|m| m.len() > text.len() && squeeze(m).contains(&squeeze(text)));
                assert!(
                    !english.contains(text) || quoted,
                    "{name}: `{text}` is still English in German mode:\n{shown}"
                );
            }
            compared += 1;
        }
        if GERMAN_SNAPSHOTS.contains(&name.as_str()) {
            insta::with_settings!({ snapshot_path => dir.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!("diagnostic.de", shown);
            });
        }
    }
    if filter.is_none() {
        assert!(compared >= 30, "only {compared} cases compared");
        for name in GERMAN_SNAPSHOTS {
            assert!(
                cases.iter().any(|(n, _)| n == name),
                "no case {name} in the corpus"
            );
        }
    }
}
