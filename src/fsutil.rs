//! Writing files without losing what a user wrote.

use std::io::Write;
use std::path::Path;

/// Writes `text` next to `path` and moves it into place. With `replace == false` the
/// move fails when `path` exists, whoever created it, so nothing a user wrote is
/// replaced and an interrupted write never leaves a truncated file behind.
pub fn write_atomically(
    path: &Path,
    text: &str,
    replace: bool,
    executable: bool,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tomcheck-{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
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
