//! Writing files without losing what a user wrote.
//!
//! A file is written to a temporary file next to it and moved into place, so an
//! interrupted write never leaves a truncated file. The temporary file is named
//! `.<name>.tomcheck-<pid>.tmp`: a process killed between writing and moving (`kill -9`,
//! a closed terminal) leaves it behind, and the next write into that directory
//! recognises it by its name and removes it once the process that made it is gone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Marks tomcheck's temporary files: `.<name>.tomcheck-<pid>.tmp`.
const TEMP_INFIX: &str = ".tomcheck-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file older than this is stale whoever made it: writing one takes
/// milliseconds.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The temporary file this process writes `path` through.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    dir.join(format!(
        ".{}{TEMP_INFIX}{}{TEMP_SUFFIX}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ))
}

/// The process id in the name of one of tomcheck's temporary files, if it is one.
fn temp_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (name, pid) = rest.rsplit_once(TEMP_INFIX)?;
    if name.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` is running; `None` where that cannot be told.
fn process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    if cfg!(target_os = "linux") {
        return Some(Path::new("/proc").join(pid.to_string()).exists());
    }
    if cfg!(unix) {
        // `kill -0` sends nothing; it only asks whether the process exists.
        return std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()
            .map(|s| s.success());
    }
    None
}

/// Removes tomcheck's temporary files in `dir` that a process killed mid-write left
/// behind: those of processes that no longer run, and any older than an hour. Returns
/// the names removed. Files of running tomcheck processes and every other file are left
/// alone; errors are ignored (a leftover file is harmless, just untidy).
pub fn remove_stale_temp_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Some(pid) = temp_pid(name) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        let stale = pid != std::process::id() && (old || process_alive(pid) == Some(false));
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(name.to_string());
        }
    }
    removed.sort();
    removed
}

/// Writes `text` next to `path` and moves it into place. With `replace == false` the
/// move fails when `path` exists, whoever created it, so nothing a user wrote is
/// replaced and an interrupted write never leaves a truncated file behind. Temporary
/// files that killed tomcheck processes left in the directory are removed first.
pub fn write_atomically(
    path: &Path,
    text: &str,
    replace: bool,
    executable: bool,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    remove_stale_temp_files(dir);
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        #[cfg(unix)]
        if executable {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))?;
        }
        if replace {
            std::fs::rename(&tmp, path)
        } else {
            // A hard link never replaces an existing file; fall back to a checked rename
            // where the file system has no links.
            match std::fs::hard_link(&tmp, path) {
                Ok(()) => std::fs::remove_file(&tmp),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                Err(_) if path.symlink_metadata().is_err() => std::fs::rename(&tmp, path),
                Err(e) => Err(e),
            }
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path`, replacing what is there, the way a report or a generated
/// file is written: into a new temporary file beside it, synced, then renamed over
/// `path`. A full disk or an interrupted write leaves the previous file as it was, and
/// a symbolic link at `path` is replaced by the file, never followed onto its target.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
        return Err(std::io::Error::other("it is a directory"));
    }
    let tmp = dir.join(format!(
        ".{}.tomcheck-{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        // create_new: never opens an existing file or a link someone placed there.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_file_names_carry_the_process_id() {
        let tmp = temp_path(Path::new("/x/pre-commit"));
        let name = tmp.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_pid(name), Some(std::process::id()));
        assert_eq!(temp_pid(".providers.toml.tomcheck-123.tmp"), Some(123));
        for other in [
            "providers.toml.tomcheck-123.tmp",
            ".providers.toml.tomcheck-.tmp",
            ".providers.toml.tomcheck-12a.tmp",
            "..tomcheck-1.tmp",
            ".x.tmp",
            ".x.tomcheck-1.tmp.bak",
        ] {
            assert_eq!(temp_pid(other), None, "{other}");
        }
    }

    /// A process id that is not running: one past the kernel's limit on Linux.
    fn dead_pid() -> u32 {
        std::fs::read_to_string("/proc/sys/kernel/pid_max")
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
            .map_or(4_194_304 + 1, |max| max + 1)
    }

    #[test]
    fn stale_temporary_files_of_dead_processes_are_removed_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = format!(".a.toml.tomcheck-{}.tmp", dead_pid());
        let mine = format!(".b.toml.tomcheck-{}.tmp", std::process::id());
        for name in [dead.as_str(), mine.as_str(), "a.toml", ".hidden.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        if cfg!(unix) {
            assert_eq!(remove_stale_temp_files(dir.path()), vec![dead]);
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        left.sort();
        if cfg!(unix) {
            assert_eq!(left, [mine.as_str(), ".hidden.tmp", "a.toml"]);
        }
    }

    #[test]
    fn writing_a_file_removes_what_a_killed_write_left() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir
            .path()
            .join(format!(".a.toml.tomcheck-{}.tmp", dead_pid()));
        std::fs::write(&stale, "half").unwrap();
        write_atomically(&dir.path().join("a.toml"), "whole\n", false, false).unwrap();
        if cfg!(unix) {
            assert!(!stale.exists());
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "whole\n"
        );
        // An existing file is never replaced without `replace`.
        let err =
            write_atomically(&dir.path().join("a.toml"), "other\n", false, false).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left behind"
        );
    }

    #[test]
    fn replace_file_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        replace_file(&path, b"one").unwrap();
        replace_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn replace_file_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("report.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace_file(&link, b"report").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        assert!(!link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&link).unwrap(), b"report");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub");
        std::fs::create_dir(&path).unwrap();
        assert!(replace_file(&path, b"x").is_err());
        assert!(path.is_dir());
        // No directory to write into: nothing is created, nothing is left.
        let missing = dir.path().join("nope/report.md");
        assert!(replace_file(&missing, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
