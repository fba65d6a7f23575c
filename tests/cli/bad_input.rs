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
        if name == "case.toml" || name == "diagnostic.snap" {
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

#[test]
fn bad_input_corpus() {
    let corpus = manifest_dir().join("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 35, "corpus incomplete");
    // BAD_CASE=<part of a name> runs only the matching cases.
    let filter = std::env::var("BAD_CASE").ok();
    let total = cases.len();
    let mut checked = 0;
    for dir in cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        checked += 1;
        let case: Case = toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        copy_dir(&dir, &root);
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
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr)
            .replace(&tmp.path().display().to_string(), "[TMP]");
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
        insta::with_settings!({ snapshot_path => dir.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("diagnostic", shown);
        });
    }
    match filter {
        Some(f) => assert!(checked > 0, "BAD_CASE={f} matches no case"),
        None => assert_eq!(checked, total),
    }
}
