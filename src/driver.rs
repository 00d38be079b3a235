//! Runs the pipeline for one source text: scan, parse, lower, check.
//!
//! This is the library's front door for every command. It never stops at
//! the first problem, and it returns the model only when it was built from
//! a complete parse, so that no emitter ever sees a half-read policy.

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
    pub tree: Option<ast::File>,
    pub policy: Option<Policy>,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
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
#[must_use]
pub fn check_source(text: &str, options: &Options) -> Checked {
    check_source_with(text, options, &HolidaySource::default())
}

/// Checks one source text, counting working days with the bank holidays
/// `holidays` chooses (`--calendar`, `--holidays FILE`).
#[must_use]
pub fn check_source_with(text: &str, options: &Options, holidays: &HolidaySource) -> Checked {
    let (tree, mut diagnostics) = crate::syntax_error::parse(text);
    let syntax_failed = diagnostics.iter().any(|d| d.code == Code::Syntax);
    let mut policy = None;
    // After a syntax error the tree is incomplete, and checking it would
    // report names as unknown whose definitions are on the broken lines.
    if let (Some(file), false) = (&tree, syntax_failed) {
        let (model, usage, lowered) = lower::lower(file);
        diagnostics.extend(lowered);
        diagnostics.extend(checks::run_with(&model, &usage, options, holidays));
        policy = Some(model);
    }
    diagnostic::sort(&mut diagnostics);
    Checked {
        tree,
        policy,
        diagnostics,
    }
}
