//! `ladder fmt`: rewrite policies in the canonical layout.
//!
//! Without flags, each file that is not already formatted is rewritten
//! atomically. `--check` writes nothing and exits 1 listing the files that
//! would change; `--diff` shows how, as a unified diff. A file with syntax
//! errors is never touched: its errors are shown instead; nor is a file with
//! errors of any other kind (an unknown name, an invalid date), which is
//! more likely still being written. `-` formats standard input to standard
//! output. A byte-order mark is kept, and the file is rewritten in place
//! (`write::replace_contents`) so that its permissions, hard links and
//! symbolic links stay as they were.

use similar::TextDiff;

use crate::format::{FormatError, format};
use crate::render::{Style, render};

use super::{FmtArgs, Outcome, files, write::replace_contents};

pub(super) fn run(args: &FmtArgs, quiet: bool) -> Outcome {
    let paths = match files::collect(&args.paths) {
        Ok(paths) => paths,
        Err(files::Trouble(message)) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let mut outcome = Outcome::Clean;
    let mut changed = 0;
    for path in &paths {
        let shown = files::shown(path, args.stdin_filename.as_deref());
        let (text, source) = match files::read_source(path) {
            Ok(source) => (source.text.clone(), source),
            Err(files::Trouble(message)) => {
                eprintln!("error: {message}");
                outcome = Outcome::Trouble;
                continue;
            }
        };
        let formatted = match format(&text) {
            Ok(formatted) => formatted,
            Err(FormatError::Syntax(diagnostics)) => {
                for d in &diagnostics {
                    out!("{}", render(d, &shown, &text, Style::Short));
                }
                eprintln!("error: `{shown}` has syntax errors and was not formatted");
                if outcome == Outcome::Clean {
                    outcome = Outcome::Failed;
                }
                continue;
            }
            Err(FormatError::WouldChangeMeaning(why)) => {
                eprintln!(
                    "error: `{shown}` was not formatted: {why}. This is a bug in ladder; please report it with the file."
                );
                outcome = Outcome::Trouble;
                continue;
            }
        };
        if files::is_stdin(path) && !args.check && !args.diff {
            // Standard input is formatted to standard output, changed or not.
            out!("{}", source.original(&formatted));
            continue;
        }
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.diff {
            let diff = TextDiff::from_lines(&text, &formatted);
            out!(
                "{}",
                diff.unified_diff()
                    .context_radius(2)
                    .header(&shown, &format!("{shown} (formatted)"))
            );
        }
        if args.check || args.diff {
            if !args.diff && !quiet {
                outln!("{shown} is not formatted");
            }
            if outcome == Outcome::Clean {
                outcome = Outcome::Failed;
            }
        } else if refused(&text, &shown) {
            outcome = Outcome::Failed;
        } else if let Err(message) = replace_contents(path, source.original(&formatted).as_bytes())
        {
            eprintln!("error: {message}");
            outcome = Outcome::Trouble;
        } else if !quiet {
            outln!("formatted {shown}");
        }
    }
    if (args.check || args.diff) && changed == 0 && outcome == Outcome::Clean && !quiet {
        outln!(
            "{} already formatted",
            if paths.len() == 1 {
                "1 file".to_owned()
            } else {
                format!("all {} files", paths.len())
            }
        );
    }
    outcome
}

/// Whether a file has errors besides its layout, which are listed (the
/// file is then left as it is).
fn refused(text: &str, shown: &str) -> bool {
    let today = chrono::Local::now().date_naive();
    let checked = crate::driver::check_source(text, &crate::checks::Options::new(today));
    if checked.has_errors() {
        files::report_refusal(&checked, shown, text, "it was not formatted");
    }
    checked.has_errors()
}
