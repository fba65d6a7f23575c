//! Helpers shared by the integration tests: temporary git repositories built with the
//! real `git` CLI, and the real `tomcheck` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// A temporary git repository.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    /// `git init` with a fixed identity and default branch, no global config.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Self { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Erika Mustermann"]);
        repo.git(&["config", "user.email", "dsb@example.de"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository and returns stdout; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", "2026-01-15T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-15T10:00:00Z")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Writes a file (creating directories).
    pub fn write(&self, path: &str, text: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `tomcheck` running in this repository.
    pub fn tomcheck(&self) -> Command {
        let mut cmd = tomcheck();
        cmd.current_dir(self.path());
        cmd
    }
}

/// The real binary, with a fixed evaluation date and no colours.
pub fn tomcheck() -> Command {
    let mut cmd = Command::cargo_bin("tomcheck").expect("binary built");
    cmd.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// The repository's own directory.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small TOM that passes every bundled rule on 2026-11-22.
pub const CLEAN_ORG: &str = r#"[organization]
name = "Muster GmbH"
country = "DE"
reviewed = 2026-10-01
"#;

/// One implemented measure per control, so `measure.control-missing` stays quiet.
pub fn all_measures() -> String {
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

/// A processor with an AVV (clean) or without one (avv.missing).
pub fn provider(id: &str, with_avv: bool) -> String {
    let avv = if with_avv {
        "avv = { signed = 2025-01-10 }\n"
    } else {
        ""
    };
    format!(
        "[[provider]]\nid = \"{id}\"\nname = \"{id} GmbH\"\ncountry = \"DE\"\nrole = \"processor\"\npersonal_data = true\naccess = \"full\"\n{avv}\n"
    )
}

/// Writes a clean TOM into `repo` (organization, measures, one provider with AVV).
pub fn write_clean_tom(repo: &Repo) {
    repo.write("tom/organization.toml", CLEAN_ORG);
    repo.write("tom/measures.toml", &all_measures());
    repo.write("tom/providers.toml", &provider("hoster", true));
}

/// Parses stdout as JSON.
pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `(rule, subject)` pairs of a JSON report.
pub fn rule_subjects(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["subject"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}
