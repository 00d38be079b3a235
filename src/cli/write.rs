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

/// Files written as one set: each is first written beside its target as a
/// temporary file; `commit` then flushes them all to disk and renames each
/// over its target. Until `commit`, no target changes, so a run that fails
/// part-way (a full disk, an unwritable file) leaves every existing output
/// as it was; dropping a set that was not committed removes its temporary
/// files. The set is flushed to disk at once (one `syncfs` on Unix), where
/// one flush per file takes milliseconds each and a site of 1,000 policies
/// is 7,000 files.
#[derive(Default)]
pub struct Staging {
    /// Each temporary file and the target it replaces, in the order staged.
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// Writes `bytes` to a temporary file beside `path`.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let fail = |e: &dyn std::fmt::Display| format!("cannot write `{}`: {e}", path.display());
        let Some(name) = path.file_name() else {
            return Err(fail(&"the path does not name a file"));
        };
        if path.is_dir() {
            return Err(fail(&"it is a folder"));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let pid = std::process::id();
        for attempt in 0..100u32 {
            let tmp = dir.join(format!(".{}.{pid}.{attempt}.tmp", name.to_string_lossy()));
            let mut file = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(fail(&e)),
            };
            // Recorded before writing, so that a failed write is cleaned up.
            self.files.push((tmp, path.to_path_buf()));
            return file.write_all(bytes).map_err(|e| fail(&e));
        }
        Err(fail(&"could not create a temporary file beside it"))
    }

    /// Flushes every staged file to disk, then renames each over its
    /// target.
    pub fn commit(mut self) -> Result<(), String> {
        self.flush()?;
        let files = std::mem::take(&mut self.files);
        for (n, (tmp, target)) in files.iter().enumerate() {
            if let Err(e) = std::fs::rename(tmp, target) {
                // The rest stay as they were; their temporary files go.
                self.files = files[n..].to_vec();
                return Err(format!("cannot write `{}`: {e}", target.display()));
            }
        }
        Ok(())
    }
}

impl Staging {
    /// Flushes the staged files to disk: on Unix the file system that holds
    /// them with one `syncfs`, elsewhere each file.
    fn flush(&self) -> Result<(), String> {
        let Some((first, target)) = self.files.first() else {
            return Ok(());
        };
        let fail = |e: &dyn std::fmt::Display| format!("cannot write `{}`: {e}", target.display());
        #[cfg(unix)]
        {
            let file = std::fs::File::open(first).map_err(|e| fail(&e))?;
            rustix::fs::syncfs(&file).map_err(|e| fail(&e))
        }
        #[cfg(not(unix))]
        {
            let _ = first;
            for (tmp, target) in &self.files {
                std::fs::File::open(tmp)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
            }
            Ok(())
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (tmp, _) in &self.files {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Staging;

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "old").unwrap();
        let mut set = Staging::default();
        set.stage(&a, b"new a").unwrap();
        set.stage(&b, b"new b").unwrap();
        // A target that is a folder fails; dropping the set keeps the old
        // file and leaves no temporary file.
        assert!(set.stage(dir.path(), b"x").is_err());
        drop(set);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let mut set = Staging::default();
        set.stage(&a, b"new a").unwrap();
        set.stage(&b, b"new b").unwrap();
        set.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
