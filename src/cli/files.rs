//! Finding and reading policy files.
//!
//! Folders are searched recursively for `*.ladder` files, in sorted order so
//! that output is the same on every machine; each folder is entered once, so
//! a symbolic link back up the tree (`self -> .`) does not repeat files or
//! loop. Reading is bounded: only regular files (or standard input) are read,
//! never a FIFO or device that could block or never end, and at most
//! `source::MAX_BYTES` bytes are taken. The bytes are decoded by
//! `crate::source`, which refuses, with a line and column, anything it could
//! not give back exactly (bytes that are not UTF-8, control characters).

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::source::{Decoded, MAX_BYTES, decode};

/// A file that could not be found or read; the run cannot go on for it.
#[derive(Debug)]
pub struct Trouble(pub String);

/// Expands folders into the `*.ladder` files below them.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Trouble> {
    let mut files = Vec::new();
    for path in paths {
        if is_stdin(path) {
            // Read later, once, by `read`.
            files.push(path.clone());
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut BTreeSet::new())?;
            if found.is_empty() {
                return Err(Trouble(format!(
                    "no `.ladder` files in the folder `{}`",
                    path.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else if paths.len() == 1 && path.as_os_str() == "policies" {
            // The default: say where ladder looked and how to point it
            // elsewhere, rather than only that a folder is missing.
            return Err(Trouble(
                "there is no `policies` folder here, which is where ladder looks when no file \
                 is named; name the files or folders after the command, such as \
                 `my-policy.ladder` or `procedures/`"
                    .to_owned(),
            ));
        } else {
            return Err(Trouble(format!("`{}` does not exist", path.display())));
        }
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, seen: &mut BTreeSet<PathBuf>) -> Result<(), Trouble> {
    // A folder reached a second time (through a link) has been searched.
    let real = std::fs::canonicalize(dir)
        .map_err(|e| Trouble(format!("cannot read the folder `{}`: {e}", dir.display())))?;
    if !seen.insert(real) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Trouble(format!("cannot read the folder `{}`: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry
            .map_err(|e| Trouble(format!("cannot read the folder `{}`: {e}", dir.display())))?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, seen)?;
        } else if path.extension().is_some_and(|e| e == "ladder") {
            found.push(path);
        }
    }
    Ok(())
}

/// Whether a path is `-`, which means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How a path is shown: `--stdin-filename` (or `<stdin>`) for `-`, else as
/// `display` shows it.
pub fn shown(path: &Path, stdin_name: Option<&Path>) -> String {
    if is_stdin(path) {
        stdin_name.map_or_else(|| "<stdin>".to_owned(), display)
    } else {
        display(path)
    }
}

/// Reads a file as text; `-` reads standard input. A byte-order mark is
/// taken off.
pub fn read(path: &Path) -> Result<String, Trouble> {
    read_source(path).map(|decoded| decoded.text)
}

/// Reads a file as text, remembering whether it had a byte-order mark, for
/// a command that writes the file back (`fmt`).
pub fn read_source(path: &Path) -> Result<Decoded, Trouble> {
    let name = if is_stdin(path) {
        "standard input".to_owned()
    } else {
        format!("`{}`", display(path))
    };
    let cannot = |why: &dyn std::fmt::Display| Trouble(format!("cannot read {name}: {why}"));
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from a longer one.
    let limit = MAX_BYTES as u64 + 1;
    if is_stdin(path) {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| cannot(&e))?;
    } else {
        // Checked before opening: opening a FIFO waits for a writer.
        let metadata = std::fs::metadata(path).map_err(|e| cannot(&e))?;
        if !metadata.is_file() {
            return Err(cannot(&format!(
                "it is {}, not a file; name a `.ladder` file or a folder of them, or `-` to read \
                 standard input",
                kind(metadata.file_type())
            )));
        }
        std::fs::File::open(path)
            .and_then(|file| file.take(limit).read_to_end(&mut bytes))
            .map_err(|e| cannot(&e))?;
    }
    if bytes.len() > MAX_BYTES {
        return Err(cannot(&format!(
            "it is longer than the {MAX_BYTES} bytes (2 MiB) ladder reads; a procedure file is \
             normally a few kilobytes, so check that this is the right file"
        )));
    }
    decode(&bytes).map_err(|e| cannot(&e))
}

/// What a path that is not a regular file is, in words.
fn kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// The path as shown in diagnostics: relative paths as given, with `/`.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Prints a policy's errors on standard error, one line each, and a last
/// line saying what was not done because of them (`nothing was produced
/// from it`, `it cannot be compared`).
pub fn report_refusal(checked: &crate::driver::Checked, shown: &str, text: &str, not_done: &str) {
    use std::io::Write as _;
    let out = crate::embed::refusal(checked, shown, text, not_done);
    let _ = std::io::stderr().lock().write_all(out.as_bytes());
}
