//! Finding and reading policy files.
//!
//! Folders are searched recursively for `*.ladder` files, in sorted order so
//! that output is the same on every machine. Text that is not valid UTF-8 is
//! read with the bad bytes replaced, so that they are reported with a line
//! and column like any other pasted character instead of stopping the run.

use std::path::{Path, PathBuf};

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
            walk(path, &mut found)?;
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

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Trouble> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Trouble(format!("cannot read the folder `{}`: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry
            .map_err(|e| Trouble(format!("cannot read the folder `{}`: {e}", dir.display())))?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found)?;
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

/// Reads a file as text; `-` reads standard input.
pub fn read(path: &Path) -> Result<String, Trouble> {
    if is_stdin(path) {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Trouble(format!("cannot read standard input: {e}")))?;
        return Ok(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        });
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Trouble(format!("cannot read `{}`: {e}", path.display())))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
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
