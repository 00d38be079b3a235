//! Runs the pipeline for one source text: scan, parse, lower, check.
//!
//! This is the library's front door for every command. It never stops at
//! the first problem, and it returns the model only when it was built from
//! a complete parse, so that no emitter ever sees a half-read policy.

use crate::accept::Accepted;
use crate::ast;
use crate::checks::{self, Options};
use crate::code::Code;
use crate::deadline::HolidaySource;
use crate::diagnostic::{self, Diagnostic};
use crate::lower;
use crate::model::Policy;

/// Everything known about one source text after checking it.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The syntax tree, as written, when the text could be parsed (or
    /// recovered from syntax errors).
    pub tree: Option<ast::File>,
    /// The model, when it was built from a complete parse; it may still
    /// have errors. Use [`Checked::clean_policy`] to get it only when it
    /// has none.
    pub policy: Option<Policy>,
    /// In the order `diagnostic::sort` gives: a repeated stage number
    /// first, then by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings the policy accepts (`accept L044 "..."`), taken out of
    /// `diagnostics`, in the same order.
    pub accepted: Vec<Accepted>,
}

impl Checked {
    /// Whether any diagnostic is an error (warnings and advice are not).
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The policy, only when nothing is wrong enough to stop output.
    #[must_use]
    pub fn clean_policy(&self) -> Option<&Policy> {
        if self.has_errors() {
            None
        } else {
            self.policy.as_ref()
        }
    }
}

/// Checks one source text, with the policy's own bank-holiday calendar.
///
/// Every problem is reported, not only the first: the diagnostics of a
/// text with syntax errors include what could still be checked on the
/// lines that were read. The model is given only when the whole text was
/// parsed, and [`Checked::clean_policy`] only when there are no errors, so
/// nothing downstream ever sees a half-read policy.
///
/// `options` carries the day review dates are checked against
/// ([`Options::new`]); pass a fixed date for results that do not change
/// with the calendar.
///
/// # Examples
///
/// A policy with an error: the diagnostic has a code, a message in words
/// and the byte span of the problem, which [`crate::span::LineIndex`]
/// turns into a line and column.
///
/// ```
/// use chrono::NaiveDate;
/// use ladder::checks::Options;
/// use ladder::driver::check_source;
/// use ladder::span::LineIndex;
///
/// let text = include_str!("../tests/policies/chained-working-days.ladder")
///     .replace("escalate to stage 3", "escalate to stage 4");
/// let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
/// let checked = check_source(&text, &Options::new(today));
/// assert!(checked.has_errors());
/// assert!(checked.clean_policy().is_none());
/// let error = checked.diagnostics.iter().find(|d| d.is_error()).unwrap();
/// let at = LineIndex::new(&text).line_col(&text, error.span.start);
/// assert_eq!(error.code.as_str(), "L020");
/// assert_eq!(error.message, "there is no `stage 4`");
/// assert_eq!((at.line, at.column), (36, 27));
/// ```
///
/// A clean policy gives its model:
///
/// ```
/// # use chrono::NaiveDate;
/// # use ladder::checks::Options;
/// # use ladder::driver::check_source;
/// let text = include_str!("../tests/policies/chained-working-days.ladder");
/// let checked = check_source(text, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
/// let policy = checked.clean_policy().unwrap();
/// assert_eq!(policy.header.title.as_deref(), Some("Resolving Professional Differences"));
/// assert_eq!(policy.stages.len(), 3);
/// ```
#[must_use]
pub fn check_source(text: &str, options: &Options) -> Checked {
    check_source_with(text, options, &HolidaySource::default())
}

/// Checks one source text, counting working days with the bank holidays
/// `holidays` chooses (`--calendar`, `--holidays FILE`).
#[must_use]
pub fn check_source_with(text: &str, options: &Options, holidays: &HolidaySource) -> Checked {
    let parsed = crate::syntax_error::parse_recovering(text);
    let (tree, mut diagnostics) = (parsed.tree, parsed.diagnostics);
    let syntax_failed = diagnostics.iter().any(|d| d.code == Code::Syntax);
    let mut policy = None;
    let mut accepted = Vec::new();
    if let (Some(file), false) = (&tree, syntax_failed) {
        let (model, usage, lowered) = lower::lower(file);
        diagnostics.extend(lowered);
        diagnostics.extend(checks::run_with(&model, &usage, options, holidays));
        // Acceptances are matched only after a complete parse: after syntax
        // errors most checks do not run, and every acceptance would look
        // stale.
        (diagnostics, accepted) = crate::accept::apply(file, diagnostics);
        policy = Some(model);
    } else if let Some((file, broken)) = &parsed.recovered {
        diagnostics.extend(after_syntax_errors(text, file, broken));
    }
    diagnostic::sort(&mut diagnostics);
    Checked {
        tree,
        policy,
        diagnostics,
        accepted,
    }
}

/// The diagnostics that can be trusted on a tree recovered from syntax
/// errors, so that one run shows a misspelt name as well as a missing
/// quote. Whatever the broken lines said is missing from the tree, so only
/// problems on the lines that were read are kept: a name that is not
/// defined (unless the name appears on a broken line, which may have been
/// its definition), a name or stage number defined twice, a line given
/// twice, and an invalid date or number. The checks of the whole ladder
/// (reachability, windows, duties, review dates) wait until the file reads
/// cleanly, because a broken line may hold the outcome, limit or duty they
/// would miss.
fn after_syntax_errors(text: &str, file: &ast::File, broken: &[String]) -> Vec<Diagnostic> {
    let (_, _, lowered) = lower::lower(file);
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let broken_words: Vec<String> = broken.iter().flat_map(|line| words(line)).collect();
    // A name broken by a space or a hyphen (`actor head of service "..."`)
    // is used elsewhere as `head_of_service`: compare with those joined.
    let joined: Vec<String> = broken
        .iter()
        .map(|line| line.to_lowercase().replace([' ', '-'], "_"))
        .collect();
    // The name a diagnostic is about is the last word of its span
    // (`line_manger`, or the `3` of `stage 3`).
    let on_broken_line = |d: &Diagnostic| {
        let written = text.get(d.span.start..d.span.end).unwrap_or_default();
        words(written).last().is_some_and(|name| {
            broken_words.contains(name)
                || (name.contains('_') && joined.iter().any(|line| line.contains(name.as_str())))
        })
    };
    lowered
        .into_iter()
        .filter(|d| match d.code {
            Code::UnknownName => !on_broken_line(d),
            Code::DuplicateDefinition
            | Code::DuplicateStageNumber
            | Code::RepeatedHeader
            | Code::InvalidValue => true,
            _ => false,
        })
        .collect()
}
