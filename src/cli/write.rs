//! Writing output files atomically: the bytes go to a temporary file in the
//! same folder, which is flushed to disk and then renamed over the target.
//!
//! A reader (a web server, a CI artefact upload, an engine loading the JSON)
//! therefore sees either the old file or the new one, never half of one, and
//! a run that fails part-way leaves no partial file behind. This is the only
//! place that writes output files.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically. The error is a sentence for people.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write `{}`: {e}", path.display());
    let Some(name) = path.file_name() else {
        return Err(fail(&"the path does not name a file"));
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(fail(&"it is a folder"));
    }
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let tmp = dir.join(format!(".{}.{pid}.{attempt}.tmp", name.to_string_lossy()));
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fail(&e)),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| {
                drop(file);
                std::fs::rename(&tmp, path)
            });
        return match written {
            Ok(()) => Ok(()),
            Err(e) => {
                // The temporary file is ours and incomplete: never leave it.
                let _ = std::fs::remove_file(&tmp);
                Err(fail(&e))
            }
        };
    }
    Err(fail(&"could not create a temporary file beside it"))
}

/// Removes a file left by an earlier run, so that a policy that no longer
/// builds does not leave outputs that look current. A file that is not
/// there is not an error.
pub fn remove_stale(path: &Path) -> Result<bool, String> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!(
            "cannot remove the out-of-date `{}`: {e}",
            path.display()
        )),
    }
}
