//! Helpers for the gate, hook and format tests: temporary git repositories driven by the
//! real `git` CLI, the real `tomcheck` binary, small TOMs, and the external tools the
//! acceptance tests run (pre-commit, actionlint, sarif-multitool).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

/// The evaluation date every test uses.
pub const TODAY: &str = "2026-11-22";

/// A temporary git repository with a fixed identity and no global configuration.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

/// `git` with no user or system configuration and fixed dates.
pub fn git_command() -> Command {
    let mut cmd = Command::new("git");
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Erika Mustermann")
        .env("GIT_AUTHOR_EMAIL", "dsb@example.de")
        .env("GIT_COMMITTER_NAME", "Erika Mustermann")
        .env("GIT_COMMITTER_EMAIL", "dsb@example.de")
        .env("GIT_AUTHOR_DATE", "2026-01-15T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-15T10:00:00Z")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    cmd
}

impl Repo {
    pub fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git and returns stdout; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let out = self.git_output(args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs git and returns its output, whatever the exit code.
    pub fn git_output(&self, args: &[&str]) -> Output {
        git_command()
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("git runs")
    }

    pub fn write(&self, path: &str, text: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path().join(path)).unwrap()
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).unwrap();
    }

    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// `tomcheck` running in this repository.
    pub fn tomcheck(&self) -> Command {
        let mut cmd = tomcheck();
        cmd.current_dir(self.path());
        cmd
    }
}

/// The real binary, no colours, no GitHub environment.
pub fn tomcheck() -> Command {
    let mut cmd = Command::cargo_bin("tomcheck").expect("binary built");
    cmd.env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_DIR");
    cmd
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

/// `(rule, subject, status)` of every finding in a JSON report.
pub fn statuses(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["subject"].as_str().unwrap_or_default().to_string(),
                f["status"].as_str().unwrap_or("null").to_string(),
            )
        })
        .collect()
}

pub const ORGANIZATION: &str = r#"[organization]
name = "Muster GmbH"
country = "DE"
reviewed = 2026-10-01
"#;

/// One implemented measure per control category.
pub fn measures() -> String {
    tomcheck::schema::CONTROLS
        .iter()
        .map(|c| {
            format!(
                "[[measure]]\nid = \"m-{}\"\ncontrol = \"{c}\"\ntext = \"Maßnahme {c}\"\n\n",
                c.replace('_', "-")
            )
        })
        .collect()
}

/// A processor with personal data, with or without an AVV.
pub fn provider(id: &str, name: &str, with_avv: bool) -> String {
    let avv = if with_avv {
        "avv = { signed = 2025-01-10 }\n"
    } else {
        ""
    };
    format!(
        "[[provider]]\nid = \"{id}\"\nname = {}\ncountry = \"DE\"\nrole = \"processor\"\npurpose = \"Dienstleistung\"\npersonal_data = true\naccess = \"full\"\n{avv}\n",
        toml_string(name)
    )
}

/// A TOML basic string (escapes quotes, backslashes and control characters).
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes organization, measures and the given providers file.
pub fn write_tom(repo: &Repo, providers: &str) {
    repo.write("tom/organization.toml", ORGANIZATION);
    repo.write("tom/measures.toml", &measures());
    repo.write("tom/providers.toml", providers);
}

/// An external tool for an acceptance test. With `CI=true` a missing tool fails the
/// test; locally the test is skipped with a note.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        let on_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !on_ci,
            "{name} is not installed, but CI=true requires it (.ci/run installs it)"
        );
        eprintln!("note: {name} is not installed; skipping this acceptance test");
    }
    found
}
