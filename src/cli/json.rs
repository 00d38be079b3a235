//! `ladder json`: the compiled policy as JSON for runtime engines, and the
//! compile step that `graph` and `build` share: read, check, and refuse a
//! policy with errors (printing them) so that nothing is emitted from it.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::checks::Options;
use crate::driver::check_source;
use crate::model::Policy;

use super::{JsonArgs, Outcome, files, write};

/// A policy that compiled without errors, with the text it came from.
pub(super) struct Compiled {
    pub text: String,
    pub policy: Policy,
}

/// Reads and checks one file. Errors are printed to standard error in the
/// short `path:line:column` form; the outcome says why there is no policy.
pub(super) fn compile(path: &Path, today: Option<NaiveDate>) -> Result<Compiled, Outcome> {
    let text = match files::read(path) {
        Ok(text) => text,
        Err(files::Trouble(message)) => {
            eprintln!("error: {message}");
            return Err(Outcome::Trouble);
        }
    };
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let checked = check_source(&text, &Options::new(today));
    let shown = files::display(path);
    if let Some(policy) = checked.clean_policy() {
        Ok(Compiled {
            policy: policy.clone(),
            text,
        })
    } else {
        files::report_refusal(&checked, &shown, &text, "nothing was produced from it");
        Err(Outcome::Failed)
    }
}

/// Writes output to `-o` atomically, or to standard output.
pub(super) fn emit(out: Option<&Path>, bytes: &[u8]) -> Outcome {
    if let Some(path) = out {
        match write::atomic_write(path, bytes) {
            Ok(()) => Outcome::Clean,
            Err(message) => {
                eprintln!("error: {message}");
                Outcome::Trouble
            }
        }
    } else {
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Ok(()) => Outcome::Clean,
            Err(_) => Outcome::Trouble,
        }
    }
}

pub(super) fn run(args: &JsonArgs) -> Outcome {
    let compiled = match compile(&args.file, args.today) {
        Ok(c) => c,
        Err(outcome) => return outcome,
    };
    let json = crate::emit::json::to_string(&compiled.policy, &compiled.text);
    emit(args.output.as_deref(), json.as_bytes())
}
