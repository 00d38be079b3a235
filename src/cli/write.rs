//! Writing output files atomically: the bytes go to a temporary file in the
//! same folder, which is flushed to disk and then renamed over the target.
//!
//! A reader (a web server, a CI artefact upload, an engine loading the JSON)
//! therefore sees either the old file or the new one, never half of one, and
//! a run that fails part-way leaves no partial file behind. This is the only
//! place that writes output files.
//!
//! What a write replaces is respected: a symbolic link is written through to
//! its target (the link stays), a device or FIFO (`-o /dev/null`) is written
//! into rather than replaced by a regular file, and an existing file keeps
//! its permissions. `fmt` rewrites a policy in place instead
//! (`replace_contents`), which also keeps its hard links. `build` writes into
//! a folder only if it is new, empty, or marked as its own (`BUILD_MARKER`),
//! so that `--out /` cannot scatter files over a folder of other things.

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
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            // Write to what the link names, keeping the link.
            let target = std::fs::canonicalize(path)
                .map_err(|_| fail(&"it is a symbolic link to nothing"))?;
            return atomic_write(&target, bytes);
        }
        Ok(m) if m.is_dir() => return Err(fail(&"it is a folder")),
        Ok(m) if !m.is_file() => {
            // A device or FIFO: write into it, as the shell's `>` does.
            return OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(bytes))
                .map_err(|e| fail(&e));
        }
        _ => {}
    }
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
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
            .and_then(|()| match &permissions {
                Some(p) => file.set_permissions(p.clone()),
                None => Ok(()),
            })
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

/// Rewrites an existing file's contents in place, so that its permissions,
/// owner, hard links and symbolic links all stay as they were (replacing it
/// by a renamed temporary file would lose each of them).
///
/// The old contents are first copied beside the file and flushed to disk;
/// the copy is removed once the new contents are on disk, so an interrupted
/// write leaves the old text in `.NAME.ladder-backup` to restore from.
pub fn replace_contents(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write `{}`: {e}", path.display());
    // The real file, so that the copy sits beside it even through a link.
    let real = std::fs::canonicalize(path).map_err(|e| fail(&e))?;
    let old = std::fs::read(&real).map_err(|e| fail(&e))?;
    // Opened before the copy is made, so that a file that cannot be
    // written (read-only) leaves no copy behind.
    let mut file = OpenOptions::new()
        .write(true)
        .open(&real)
        .map_err(|e| fail(&e))?;
    let name = real.file_name().unwrap_or_default().to_string_lossy();
    let backup = real.with_file_name(format!(".{name}.ladder-backup"));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&backup)
        .and_then(|mut copy| copy.write_all(&old).and_then(|()| copy.sync_all()))
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                fail(&format!(
                    "`{}` is there from an interrupted run; compare it with the file, keep the \
                     right one and delete the other",
                    backup.display()
                ))
            } else {
                let _ = std::fs::remove_file(&backup);
                fail(&format!("cannot make a safety copy beside it: {e}"))
            }
        })?;
    let written = file
        .set_len(0)
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.sync_all());
    match written {
        Ok(()) => {
            let _ = std::fs::remove_file(&backup);
            Ok(())
        }
        Err(e) => Err(fail(&format!(
            "{e}; the text as it was is in `{}`",
            backup.display()
        ))),
    }
}

/// The file `build` leaves in its output folder, by which it knows the
/// folder as its own on the next run.
pub const BUILD_MARKER: &str = ".ladder-build";

/// Makes `dir` ready for `build`: created if missing, and refused if it
/// holds other things (but for the browser editor's `editor/` folder),
/// unless an earlier build marked it as its own.
pub fn prepare_out_dir(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    let marker = dir.join(BUILD_MARKER);
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "cannot create the output folder `{shown}`: there is a file of that name"
        ));
    }
    if dir.exists() && !marker.exists() {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot use the output folder `{shown}`: {e}"))?;
        // The browser editor may be published there first
        // (`cargo xtask editor --out OUT/editor`): the site goes beside it.
        let mut others = entries.filter(|e| e.as_ref().map_or(true, |e| e.file_name() != "editor"));
        if others.next().is_some() {
            return Err(format!(
                "the output folder `{shown}` is not empty and is not an earlier ladder build \
                 (it has no `{BUILD_MARKER}` file), so nothing was written; name a new or \
                 empty folder, such as `--out site`, or, if it is an earlier build, add an empty \
                 `{BUILD_MARKER}` file to it"
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output folder `{shown}`: {e}"))?;
    atomic_write(
        &marker,
        b"This folder is built by `ladder build`, which may replace what is in it.\n",
    )
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
