//! The one helper module of the end-to-end tests: temporary git repositories driven by
//! the real `git` CLI, the real `tomcheck` binary, small TOMs, and the external tools the
//! acceptance tests run (pre-commit, actionlint, shellcheck, sarif-multitool, chromium;
//! a missing one fails the test that needs it, naming `scripts/install-test-tools.sh`).
//!
//! Every process a test starts gets a clean environment from here: no `GIT_*` variable
//! of the machine or of a surrounding git hook (`GIT_DIR`, `GIT_INDEX_FILE`,
//! `GIT_WORK_TREE`, identities, dates) and no user or system git configuration. Without
//! that, `cargo test` run from a pre-commit hook reads the hook's index in every
//! `--staged` test, and commits carry whoever runs the tests.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The evaluation date of every test that does not pick one.
pub const TODAY: &str = "2026-11-22";

// --- Processes ---------------------------------------------------------------------

/// `program` with no inherited `GIT_*` variable, no user or system git configuration,
/// and the suite's evaluation date.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // Every tomcheck the test starts, directly, through git hooks, pre-commit or the
        // Action's script, evaluates as of the suite's date unless given `--today`: no
        // test turns red on a calendar day, whatever the machine's clock or environment.
        .env("TOMCHECK_TODAY", TODAY)
        // English unless a test asks for German: the machine's locale must not decide.
        .env_remove("TOMCHECK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}

/// `git` with a fixed identity and fixed dates (see [`command`]).
pub fn git_command() -> Command {
    let mut cmd = command("git");
    cmd.env("GIT_AUTHOR_NAME", "Erika Mustermann")
        .env("GIT_AUTHOR_EMAIL", "dsb@example.de")
        .env("GIT_AUTHOR_DATE", "2026-01-15T10:00:00Z")
        .env("GIT_COMMITTER_NAME", "Erika Mustermann")
        .env("GIT_COMMITTER_EMAIL", "dsb@example.de")
        .env("GIT_COMMITTER_DATE", "2026-01-15T10:00:00Z");
    cmd
}

/// Runs git in `dir` and returns stdout; panics on failure.
#[track_caller]
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// The tomcheck binary the tests run: a hard link, in a directory of its own, to the one
/// cargo built for this test run.
///
/// `tests/cli/install.rs` has maturin build the wheel in the same target directory, with
/// other flags (stripped), and cargo then replaces `target/debug/tomcheck` (unlink, then
/// link): a test starting the binary at that moment found no file. The link keeps the
/// binary of this run in place. Links of earlier runs are removed.
pub fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let built = PathBuf::from(env!("CARGO_BIN_EXE_tomcheck"));
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-bin");
        if let Ok(entries) = std::fs::read_dir(&root) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let gone = name
                    .strip_prefix("run-")
                    .and_then(|pid| pid.parse::<u32>().ok())
                    .is_some_and(|pid| {
                        Path::new("/proc/self").exists()
                            && pid != std::process::id()
                            && !Path::new("/proc").join(pid.to_string()).exists()
                    });
                if gone {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = root.join(format!("run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("test binary directory");
        let link = dir.join(built.file_name().unwrap());
        let _ = std::fs::remove_file(&link);
        for _ in 0..200 {
            match std::fs::hard_link(&built, &link) {
                Ok(()) => return link,
                // Replaced right now: it is back in a moment.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(_) => break,
            }
        }
        match std::fs::copy(&built, &link) {
            Ok(_) => link,
            Err(_) => built,
        }
    })
}

/// The real binary (see [`command`], [`bin`]), no colours, no GitHub job summary.
pub fn tomcheck() -> Command {
    let mut cmd = command(bin());
    cmd.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs `tomcheck ARGS` in `dir` and asserts its exit code.
#[track_caller]
pub fn run(dir: &Path, args: &[&str], exit: i32) -> Output {
    let out = tomcheck().current_dir(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(exit),
        "tomcheck {args:?}\nstdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Runs `tomcheck ARGS` in `dir`, asserts its exit code and parses stdout as JSON.
#[track_caller]
pub fn run_json(dir: &Path, args: &[&str], exit: i32) -> serde_json::Value {
    json(&run(dir, args, exit))
}

/// `tomcheck check ARGS` in `dir`, on [`TODAY`] unless the arguments choose `--today`
/// or `--as-of-commit`, and asserts the exit code.
#[track_caller]
pub fn check(dir: &Path, args: &[&str], exit: i32) -> Output {
    let mut all = vec!["check"];
    if !args.contains(&"--today") && !args.contains(&"--as-of-commit") {
        all.extend(["--today", TODAY]);
    }
    all.extend(args);
    run(dir, &all, exit)
}

/// [`check`] with `--format json`: the report.
#[track_caller]
pub fn check_json(dir: &Path, args: &[&str], exit: i32) -> serde_json::Value {
    let all: Vec<&str> = ["--format", "json"].iter().chain(args).copied().collect();
    json(&check(dir, &all, exit))
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Parses stdout as JSON.
#[track_caller]
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

/// `(rule, subject)` of every finding in a JSON report.
pub fn rule_subjects(report: &serde_json::Value) -> Vec<(String, String)> {
    findings(report)
        .map(|f| (text(&f["rule"]), text(&f["subject"])))
        .collect()
}

/// `(rule, subject, status)` of every finding in a JSON report of the gate.
pub fn statuses(report: &serde_json::Value) -> Vec<(String, String, String)> {
    findings(report)
        .map(|f| {
            let status = f["status"].as_str().unwrap_or("null").to_string();
            (text(&f["rule"]), text(&f["subject"]), status)
        })
        .collect()
}

fn findings(report: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array: {report}"))
        .iter()
}

fn text(value: &serde_json::Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// The repository's own directory.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture directories that hold a TOM (`tests/fixtures/*/tom`), sorted. Panics when
/// some are missing, so a loop over them cannot pass by running nothing.
pub fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("tom").is_dir())
        .collect();
    dirs.sort();
    // One per bundled rule, the near misses and the seed.
    assert!(dirs.len() >= 16, "fixtures missing: {dirs:?}");
    dirs
}

/// Where `name` is on the `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// An external tool an acceptance test runs: its path, or a failure naming it and the
/// script that installs it. Never a skip: `cargo test` reports only tests that ran.
#[track_caller]
pub fn tool(name: &str) -> PathBuf {
    which(name).unwrap_or_else(|| {
        panic!(
            "{name} is not installed, and this test needs it: run scripts/install-test-tools.sh once (it installs every external tool the tests use)"
        )
    })
}

/// The first of `names` that is installed (a tool known under several names), or a
/// failure naming them.
#[track_caller]
pub fn tool_named(names: &[&str]) -> PathBuf {
    names
        .iter()
        .find_map(|n| which(n))
        .unwrap_or_else(|| {
            panic!(
                "none of {names:?} is installed, and this test needs one: run scripts/install-test-tools.sh once"
            )
        })
}

// --- Repositories ------------------------------------------------------------------

/// A temporary directory; a git repository when made with [`Repo::new`].
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    /// `git init` on branch `main`, with the identity of [`git_command`] also in the
    /// repository's configuration (for tools that run git themselves).
    pub fn new() -> Self {
        let repo = Self::plain();
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Erika Mustermann"]);
        repo.git(&["config", "user.email", "dsb@example.de"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A temporary directory that is not a git repository.
    pub fn plain() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git and returns stdout; panics on failure.
    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    /// Runs git and returns its output, whatever the exit code.
    pub fn git_output(&self, args: &[&str]) -> Output {
        git_command()
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("git runs")
    }

    /// Writes a file, creating its directories.
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

// --- Small TOMs --------------------------------------------------------------------

/// An organisation that passes every bundled rule on [`TODAY`].
pub const ORGANIZATION: &str = r#"[organization]
name = "Muster GmbH"
country = "DE"
reviewed = 2026-10-01
"#;

/// One implemented measure per control category, so `measure.control-missing` stays quiet;
/// the one of `transfer` is tagged `encryption-in-transit`, so `encryption.transit-missing`
/// does too.
pub fn measures() -> String {
    tomcheck::schema::CONTROLS
        .iter()
        .map(|c| {
            let tags = if *c == "transfer" {
                "tags = [\"encryption-in-transit\"]\n"
            } else {
                ""
            };
            format!(
                "[[measure]]\nid = \"m-{}\"\ncontrol = \"{c}\"\ntext = \"Maßnahme {c}\"\n{tags}\n",
                c.replace('_', "-")
            )
        })
        .collect()
}

/// A processor named "`id` GmbH" with an AVV (clean) or without one (`avv.missing`).
pub fn provider(id: &str, with_avv: bool) -> String {
    named_provider(id, &format!("{id} GmbH"), with_avv)
}

/// A processor with personal data and any name, with or without an AVV.
pub fn named_provider(id: &str, name: &str, with_avv: bool) -> String {
    let avv = if with_avv {
        "avv = { signed = 2025-01-10 }\n"
    } else {
        ""
    };
    format!(
        "[[provider]]\nid = \"{id}\"\nname = {}\ncountry = \"DE\"\nrole = \"processor\"\npersonal_data = true\naccess = \"full\"\n{avv}\n",
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

/// Writes the organisation, the measures and the given providers file.
pub fn write_tom(repo: &Repo, providers: &str) {
    repo.write("tom/organization.toml", ORGANIZATION);
    repo.write("tom/measures.toml", &measures());
    repo.write("tom/providers.toml", providers);
}

/// Writes a TOM without findings: one provider, with its AVV.
pub fn write_clean_tom(repo: &Repo) {
    write_tom(repo, &provider("hoster", true));
}

// --- The test tools themselves -----------------------------------------------------

/// `tool` fails, naming the tool and the install script, instead of skipping.
#[test]
fn a_missing_tool_fails_the_test_naming_it_and_the_install_script() {
    let missing = std::panic::catch_unwind(|| tool("tomcheck-no-such-tool"))
        .expect_err("a missing tool must fail the test");
    let message = missing
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("tomcheck-no-such-tool"), "{message}");
    assert!(
        message.contains("scripts/install-test-tools.sh"),
        "{message}"
    );
}

/// Every tool a test asks for is installed by `scripts/install-test-tools.sh`, which
/// `.ci/run` and the README name.
#[test]
fn the_install_script_covers_every_tool_the_tests_run() {
    let root = manifest_dir();
    let script = std::fs::read_to_string(root.join("scripts/install-test-tools.sh")).unwrap();
    let mut asked = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root.join("tests/cli")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for (i, _) in text.match_indices("tool(\"") {
            let rest = &text[i + 6..];
            asked.insert(rest[..rest.find('"').unwrap()].to_string());
        }
        for (i, _) in text.match_indices("tool_named(&[\"") {
            let rest = &text[i + 14..];
            asked.insert(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    asked.remove("tomcheck-no-such-tool");
    assert!(asked.len() >= 6, "{asked:?}");
    for tool in ["python3", "sha256sum"] {
        // Part of the system the script runs on.
        asked.remove(tool);
    }
    for tool in &asked {
        assert!(
            script.contains(&format!("command -v {tool} ")),
            "scripts/install-test-tools.sh does not install {tool}"
        );
    }
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(ci.contains("bash scripts/install-test-tools.sh"), "{ci}");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains("scripts/install-test-tools.sh   # once per machine"),
        "README's test command must name the install script"
    );
}
