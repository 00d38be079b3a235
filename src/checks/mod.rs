//! The checks that run on the semantic model, one file per family.
//!
//! Each file's first doc line names the codes it reports (`Codes: ...`); a
//! test reads those lines to keep `docs/diagnostics.md` and `tests/ui/`
//! complete. Checks only return diagnostics: they never print, never stop
//! at the first problem, and never change the model.

mod chain;
mod dates;
mod duties;
mod escalation;
mod gap_fix;
mod lifecycle;
mod names;
mod parties;
mod people;
mod phases;
mod region;
mod route;
mod scopes;
mod structure;
pub mod time;
mod uncounted;

use chrono::NaiveDate;

use crate::deadline::HolidaySource;
use crate::diagnostic::Diagnostic;
use crate::lower::Usage;
use crate::model::Policy;

/// What the checks need besides the policy.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date the review-date checks compare with.
    pub today: NaiveDate,
    /// How many days before the review date falls due to warn that it is
    /// coming (`--review-warning-days`); 0 turns the warning off.
    pub review_warning_days: u32,
}

/// The default of `--review-warning-days`: about three months, time enough
/// to book the review into a board meeting.
pub const DEFAULT_REVIEW_WARNING_DAYS: u32 = 90;

impl Options {
    /// The options for checking on `today`, with every other setting at its
    /// default.
    #[must_use]
    pub fn new(today: NaiveDate) -> Self {
        Options {
            today,
            review_warning_days: DEFAULT_REVIEW_WARNING_DAYS,
        }
    }
}

/// Runs every check family, with each policy's own bank-holiday calendar.
#[must_use]
pub fn run(policy: &Policy, usage: &Usage, options: &Options) -> Vec<Diagnostic> {
    run_with(policy, usage, options, &HolidaySource::default())
}

/// Runs every check family, counting working days with the bank holidays
/// `holidays` chooses (`--calendar`, `--holidays FILE`).
#[must_use]
pub fn run_with(
    policy: &Policy,
    usage: &Usage,
    options: &Options,
    holidays: &HolidaySource,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    names::check(policy, usage, &mut diagnostics);
    region::check(policy, &mut diagnostics);
    scopes::check(policy, &mut diagnostics);
    structure::check(policy, &mut diagnostics);
    route::check(policy, &mut diagnostics);
    people::check(policy, &mut diagnostics);
    phases::check(policy, &mut diagnostics);
    let pending = time::check(policy, &mut diagnostics);
    dates::check(policy, &pending, holidays, options.today, &mut diagnostics);
    chain::check(policy, holidays, options.today, &mut diagnostics);
    once_per_duty(&mut diagnostics);
    duties::check(policy, &mut diagnostics);
    parties::check(policy, &mut diagnostics);
    lifecycle::check(policy, options, &mut diagnostics);
    diagnostics
}

/// An `every stage` duty is compared with each stage's start and
/// conclusion, so it could be reported early or late at several stages,
/// all at the same line. Keep the first report of each (the earliest
/// stage), which is enough to act on.
fn once_per_duty(diagnostics: &mut Vec<Diagnostic>) {
    use crate::code::Code;
    let mut seen = std::collections::BTreeSet::new();
    diagnostics.retain(|d| {
        !matches!(d.code, Code::DutyAfterStage | Code::DutyBeforeStage)
            || seen.insert((d.code, d.span.start, d.span.end))
    });
}
