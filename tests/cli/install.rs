//! Installing tomcheck without compiling it: the PyPI wheel (built here with maturin,
//! installed into a fresh virtual environment), the pre-commit hook that installs that
//! wheel (run by the real pre-commit framework on real commits), and the GitHub Action's
//! install step (run with bash against a directory laid out like a GitHub release).
//! maturin, pre-commit and python3 must be installed (`scripts/install-test-tools.sh`
//! installs them); a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use crate::support::{git_command, manifest_dir, measures, tool, ORGANIZATION};

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The binary cargo built for these tests.
fn tomcheck_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("tomcheck")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed:\n{}", text(&out));
    out
}

fn git(dir: &Path) -> Command {
    let mut cmd = git_command();
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, path: &str, content: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, content).unwrap();
}

fn cargo_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The version the pre-commit placeholder pins: `tomcheck==X` in pyproject.toml.
fn placeholder_pin() -> String {
    let text = std::fs::read_to_string(manifest_dir().join("pyproject.toml")).unwrap();
    let start = text
        .find("\"tomcheck==")
        .expect("tomcheck== in pyproject.toml")
        + 11;
    text[start..].split('"').next().unwrap().to_string()
}

#[test]
fn the_pre_commit_placeholder_pins_this_version() {
    assert_eq!(placeholder_pin(), cargo_version());
}

/// Builds the wheel with maturin into `out`, reusing the tests' target directory and
/// profile: the binary inside is the one cargo already built, nothing is compiled again.
fn build_wheel(out: &Path) -> PathBuf {
    // maturin relinks target/…/tomcheck; every other test runs a hard link of the binary
    // made on first use. Make it now, before the relink, so no test can meet the moment
    // the file is missing.
    let _ = crate::support::bin();
    let maturin = tool("maturin");
    let bin = tomcheck_bin();
    let profile_dir = bin.parent().unwrap();
    let target_dir = profile_dir.parent().unwrap();
    let profile = match profile_dir.file_name().unwrap().to_str().unwrap() {
        "debug" => "dev",
        other => other,
    }
    .to_string();
    let start = Instant::now();
    run(Command::new(maturin)
        .current_dir(manifest_dir().join("packaging/pypi"))
        .args(["build", "--profile", &profile, "--quiet", "--out"])
        .arg(out)
        .env("CARGO_TARGET_DIR", target_dir));
    eprintln!("maturin build: {:.1} s", start.elapsed().as_secs_f64());
    let wheels: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "whl"))
        .collect();
    assert_eq!(wheels.len(), 1, "{wheels:?}");
    let name = wheels[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("tomcheck-{}-py3-none-", cargo_version())),
        "{name}"
    );
    wheels[0].clone()
}

fn venv_bin(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}

fn provider(with_avv: bool) -> String {
    let avv = if with_avv {
        "avv = { signed = 2025-01-10 }\n"
    } else {
        ""
    };
    format!("[[provider]]\nid = \"newsletter\"\nname = \"Newsletter-Dienst\"\ncountry = \"DE\"\nrole = \"processor\"\npurpose = \"Versand\"\npersonal_data = true\naccess = \"full\"\n{avv}")
}

/// A hook repository holding this working tree's hook manifest and placeholder, as a
/// user's `repo:` would at a release tag; returns its commit.
fn hook_repository(dir: &Path) -> String {
    let root = manifest_dir();
    for file in [".pre-commit-hooks.yaml", "pyproject.toml"] {
        std::fs::copy(root.join(file), dir.join(file)).unwrap();
    }
    run(git(dir).args(["init", "-q", "-b", "main"]));
    run(git(dir).args(["add", "-A"]));
    run(git(dir).args(["commit", "-q", "-m", "hooks"]));
    let out = run(git(dir).args(["rev-parse", "HEAD"]));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The wheel installs into a fresh virtual environment and its `tomcheck` works; the
/// real pre-commit framework installs the `tomcheck` hook (language: python) from a
/// local hook repository using that wheel, blocks a commit with a deny finding and lets
/// it through once the TOM is fixed.
#[test]
fn the_wheel_installs_and_the_python_hook_blocks_then_allows_a_commit() {
    let python = tool("python3");
    let pre_commit = tool("pre-commit");
    let work = tempfile::tempdir().unwrap();
    let wheels = work.path().join("wheels");
    let wheel = build_wheel(&wheels);

    // pip install into a fresh venv, offline: the wheel needs nothing else.
    let venv = work.path().join("venv");
    run(Command::new(&python).args(["-m", "venv"]).arg(&venv));
    let start = Instant::now();
    run(Command::new(venv_bin(&venv, "python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(&wheel));
    eprintln!("pip install: {:.1} s", start.elapsed().as_secs_f64());
    let out = run(Command::new(venv_bin(&venv, "tomcheck")).arg("--version"));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(cargo_version()),
        "{}",
        text(&out)
    );
    let fixture = manifest_dir().join("tests/fixtures/rule-avv-missing");
    let out = Command::new(venv_bin(&venv, "tomcheck"))
        .current_dir(&fixture)
        .args(["check", "--today", "2026-11-22", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("avv.missing"));

    // pre-commit with the python hook.
    let hooks = work.path().join("hooks");
    std::fs::create_dir(&hooks).unwrap();
    let rev = hook_repository(&hooks);
    let repo = work.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    run(git(&repo).args(["init", "-q", "-b", "main"]));
    write(
        &repo,
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: tomcheck\n",
            hooks.display()
        ),
    );
    write(&repo, "README.md", "TOM\n");
    let home = work.path().join("pre-commit-home");
    let pre_commit_cmd = |args: &[&str]| {
        let mut cmd = Command::new(&pre_commit);
        cmd.current_dir(&repo)
            .args(args)
            .env("PRE_COMMIT_HOME", &home)
            // The wheel comes from here, not from PyPI; the placeholder's build backend
            // (setuptools) still comes from the index.
            .env("PIP_FIND_LINKS", &wheels)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            // The hook must use the tomcheck it installed, not one on PATH.
            .env("PATH", path_without_tomcheck());
        cmd
    };
    run(&mut pre_commit_cmd(&["install"]));
    let start = Instant::now();
    run(&mut pre_commit_cmd(&["install-hooks"]));
    let install_secs = start.elapsed().as_secs_f64();
    eprintln!("pre-commit install-hooks: {install_secs:.1} s");

    // A commit with a processor without AVV is blocked by the hook.
    write(&repo, "tom/organization.toml", ORGANIZATION);
    write(&repo, "tom/measures.toml", &measures());
    write(&repo, "tom/providers.toml", &provider(false));
    run(git(&repo).args(["add", "-A"]));
    let commit = |repo: &Path| {
        git(repo)
            .args(["commit", "-m", "TOM"])
            .env("PRE_COMMIT_HOME", &home)
            .env("PATH", path_without_tomcheck())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = commit(&repo);
    let all = text(&out);
    assert!(!out.status.success(), "the commit must be blocked:\n{all}");
    assert!(all.contains("tomcheck (GDPR TOM)"), "{all}");
    assert!(all.contains("Failed"), "{all}");
    assert!(all.contains("avv.missing"), "{all}");
    let log = git(&repo).args(["rev-list", "--all"]).output().unwrap();
    assert!(log.stdout.is_empty(), "nothing was committed");

    // With the AVV recorded, the same commit goes through.
    write(&repo, "tom/providers.toml", &provider(true));
    run(git(&repo).args(["add", "-A"]));
    let out = commit(&repo);
    let all = text(&out);
    assert!(out.status.success(), "the fixed commit must pass:\n{all}");
    assert!(
        all.contains("tomcheck (GDPR TOM)") && all.contains("Passed"),
        "{all}"
    );
}

/// PATH without directories holding a `tomcheck`, so only an installed hook can run it.
fn path_without_tomcheck() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::env::split_paths(&path).filter(|d| !d.join("tomcheck").exists());
    std::env::join_paths(dirs).unwrap()
}

// --- The GitHub Action's install step ---------------------------------------------------

fn action() -> serde_json::Value {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap();
    yaml_serde::from_str(&text).unwrap()
}

fn step_script(id: &str) -> String {
    action()["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step with id {id}"))["run"]
        .as_str()
        .unwrap()
        .to_string()
}

fn sha256(file: &Path) -> String {
    let out = run(Command::new(tool("sha256sum")).arg(file));
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// A directory laid out like the GitHub release of `version`: the Linux x86_64 archive
/// (holding the binary these tests use) and SHA256SUMS.
fn fake_release(dir: &Path, version: &str) -> String {
    let target = "x86_64-unknown-linux-musl";
    let name = format!("tomcheck-{version}-{target}");
    let stage = dir.join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(crate::support::bin(), stage.join("tomcheck")).unwrap();
    let release = dir.join("download").join(version);
    std::fs::create_dir_all(&release).unwrap();
    let archive = format!("{name}.tar.gz");
    run(Command::new("tar")
        .current_dir(dir.join("stage"))
        .arg("-czf")
        .arg(release.join(&archive))
        .arg(&name));
    let sum = sha256(&release.join(&archive));
    std::fs::write(
        release.join("SHA256SUMS"),
        format!(
            "{}  tomcheck-{version}-aarch64-apple-darwin.tar.gz\n{sum}  {archive}\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    archive
}

struct StepRun {
    out: Output,
    outputs: String,
    root: PathBuf,
}

/// Runs the install step with bash as a Linux x64 runner would, against `release_url`.
fn install_step(work: &Path, release_url: &str, version: &str, cache_hit: &str) -> StepRun {
    let temp = tempfile::tempdir_in(work).unwrap().keep();
    let output = temp.join("github_output");
    let root = temp.join("tool-cache/tomcheck");
    let out = Command::new("bash")
        .args(["-e", "-c", &step_script("install")])
        .current_dir(work)
        .env("VERSION", version)
        .env("VERSION_INPUT", "")
        .env("ROOT", &root)
        .env("FROM_SOURCE", "false")
        .env("RELEASE_URL", release_url)
        .env("CACHE_HIT", cache_hit)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_ACTION_PATH", manifest_dir())
        .output()
        .unwrap();
    let outputs = std::fs::read_to_string(&output).unwrap_or_default();
    StepRun { out, outputs, root }
}

#[test]
fn the_action_downloads_verifies_and_installs_the_release_binary() {
    let work = tempfile::tempdir().unwrap();
    let version = format!("v{}", cargo_version());
    fake_release(work.path(), &version);
    let url = format!("file://{}/download", work.path().display());

    let step = install_step(work.path(), &url, &version, "");
    let log = text(&step.out);
    assert!(step.out.status.success(), "{log}");
    assert!(log.contains("SHA-256 verified: "), "{log}");
    let bin = step.root.join("bin/tomcheck");
    assert!(
        step.outputs
            .contains(&format!("tomcheck={}\n", bin.display())),
        "{}",
        step.outputs
    );
    let out = run(Command::new(&bin).arg("--version"));
    assert!(String::from_utf8_lossy(&out.stdout).contains(cargo_version()));

    // A cache hit uses the cached binary without downloading (the URL leads nowhere).
    let temp_root = step.root.clone();
    let cached = Command::new("bash")
        .args(["-e", "-c", &step_script("install")])
        .env("VERSION", &version)
        .env("VERSION_INPUT", "")
        .env("ROOT", &temp_root)
        .env("FROM_SOURCE", "false")
        .env("RELEASE_URL", "file:///nonexistent")
        .env("CACHE_HIT", "true")
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", work.path())
        .env("GITHUB_OUTPUT", work.path().join("out2"))
        .output()
        .unwrap();
    assert!(cached.status.success(), "{}", text(&cached));
    assert!(
        text(&cached).contains("from the cache"),
        "{}",
        text(&cached)
    );
}

#[test]
fn the_action_refuses_a_binary_whose_checksum_does_not_match() {
    let work = tempfile::tempdir().unwrap();
    let version = format!("v{}", cargo_version());
    let archive = fake_release(work.path(), &version);
    let sums = work
        .path()
        .join("download")
        .join(&version)
        .join("SHA256SUMS");
    let good = std::fs::read_to_string(&sums).unwrap();
    let url = format!("file://{}/download", work.path().display());

    // A wrong checksum.
    let wrong: String = good
        .lines()
        .map(|l| {
            if l.ends_with(&archive) {
                format!("{}  {archive}\n", "ab".repeat(32))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&sums, wrong).unwrap();
    let step = install_step(work.path(), &url, &version, "");
    let log = text(&step.out);
    assert!(!step.out.status.success(), "{log}");
    assert!(
        log.contains("::error title=tomcheck::checksum mismatch"),
        "{log}"
    );
    assert!(!step.root.join("bin/tomcheck").exists());
    assert!(!step.outputs.contains("tomcheck="), "{}", step.outputs);

    // No checksum for the archive at all.
    std::fs::write(
        &sums,
        format!(
            "{}  tomcheck-{version}-aarch64-apple-darwin.tar.gz\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    let step = install_step(work.path(), &url, &version, "");
    let log = text(&step.out);
    assert!(!step.out.status.success(), "{log}");
    assert!(log.contains("lists no checksum"), "{log}");
    assert!(!step.root.join("bin/tomcheck").exists());

    // A release that does not exist.
    std::fs::write(&sums, good).unwrap();
    let step = install_step(work.path(), &url, "v0.0.0-missing", "");
    assert!(!step.out.status.success(), "{}", text(&step.out));
}

/// Without a version input the action installs the release of its own version.
#[test]
fn the_action_defaults_to_its_own_version_and_caches_by_version() {
    let work = tempfile::tempdir().unwrap();
    let output = work.path().join("github_output");
    let out = Command::new("bash")
        .args(["-e", "-c", &step_script("build")])
        .env("VERSION_INPUT", "")
        .env("FROM_SOURCE", "false")
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", work.path())
        .env_remove("RUNNER_TOOL_CACHE")
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_ACTION_PATH", manifest_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let outputs = std::fs::read_to_string(&output).unwrap();
    let version = cargo_version();
    assert!(
        outputs.contains(&format!("version=v{version}\n")),
        "{outputs}"
    );
    assert!(
        outputs.contains(&format!("key=tomcheck-Linux-X64-bin-v{version}\n")),
        "{outputs}"
    );
}
