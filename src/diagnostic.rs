//! The one diagnostic type that every stage of the pipeline reports with.
//!
//! A diagnostic is data: a code, a severity, a message in the user's words,
//! a primary span, secondary labels and help. Detecting a problem and
//! rendering it are kept apart: nothing here prints, and `render` is the one
//! place that turns diagnostics into text.

use serde::Serialize;

use crate::code::Code;
use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that needs no action, such as a comparison not made.
    Advice,
    /// Something a board should look at; output is still produced.
    Warning,
    /// The policy is wrong; no output is produced from it.
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Advice => "advice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location with a short note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Lower case, no full stop; names from the file in backticks.
    pub message: String,
    pub span: Span,
    /// What the primary span shows, if more than the message says.
    pub primary_label: Option<String>,
    pub labels: Vec<Label>,
    /// How to fix it, in a full sentence.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    #[must_use]
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
        }
    }

    #[must_use]
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    #[must_use]
    pub fn with_primary_label(mut self, message: impl Into<String>) -> Self {
        self.primary_label = Some(message.into());
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics into the order they are shown: a stage number used
/// twice first, because it explains others (two stages numbered 2 leave
/// `escalate to stage 3` pointing nowhere, reported earlier in the file);
/// then by position, then code, then message, so output is the same on
/// every run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let first = |d: &Diagnostic| d.code != Code::DuplicateStageNumber;
    diagnostics.sort_by(|a, b| {
        (first(a), a.span.start, a.span.end, a.code, &a.message).cmp(&(
            first(b),
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
}
