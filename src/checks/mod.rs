//! The checks that run on the semantic model, one file per family.
//!
//! Each file's first doc line names the codes it reports (`Codes: ...`); a
//! test reads those lines to keep `docs/diagnostics.md` and `tests/ui/`
//! complete. Checks only return diagnostics: they never print, never stop
//! at the first problem, and never change the model.

mod duties;
mod lifecycle;
mod names;
mod structure;
pub mod time;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::lower::Usage;
use crate::model::Policy;

/// What the checks need besides the policy.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date the review-date checks compare with.
    pub today: NaiveDate,
}

/// Runs every check family.
#[must_use]
pub fn run(policy: &Policy, usage: &Usage, options: &Options) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    names::check(policy, usage, &mut diagnostics);
    structure::check(policy, &mut diagnostics);
    time::check(policy, &mut diagnostics);
    duties::check(policy, &mut diagnostics);
    lifecycle::check(policy, options.today, &mut diagnostics);
    diagnostics
}
