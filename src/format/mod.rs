//! The formatter: one canonical layout for `.ladder` files.
//!
//! It changes layout only, never wording: each statement keeps the words
//! its author chose ("no later than day 3" stays, "one working day" stays),
//! while indentation, line breaks, spacing and blank lines are made
//! canonical. It works from pest's parse tree, where every statement has a
//! span, and puts every comment back beside the statement it was written
//! beside, in the original order.
//!
//! It never writes a result it has not verified: the output is parsed
//! again, and must give the same syntax tree (ignoring positions) and the
//! same comments in the same order. Files with syntax errors are refused.

mod comments;
mod layout;

pub use comments::Comment;

use crate::diagnostic::Diagnostic;

/// Why a text could not be formatted.
#[derive(Clone, Debug)]
pub enum FormatError {
    /// The text has syntax errors; formatting needs a complete parse.
    Syntax(Vec<Diagnostic>),
    /// The formatted text would not mean the same; nothing is written. This
    /// is a bug in the formatter, and the message says what differed.
    WouldChangeMeaning(String),
}

/// Formats a source text, returning the canonical text.
pub fn format(text: &str) -> Result<String, FormatError> {
    let (tree, diagnostics) = crate::syntax_error::parse(text);
    let Some(tree) = tree.filter(|_| diagnostics.is_empty()) else {
        let errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        return Err(FormatError::Syntax(errors));
    };
    let comments = comments::scan(text);
    let output = layout::layout(text, &comments).map_err(FormatError::WouldChangeMeaning)?;

    // Verify before anything is written.
    let (again, problems) = crate::syntax_error::parse(&output);
    match again {
        Some(again) if problems.is_empty() => {
            if again != tree {
                return Err(FormatError::WouldChangeMeaning(
                    "the formatted text parses to a different policy".to_owned(),
                ));
            }
        }
        _ => {
            return Err(FormatError::WouldChangeMeaning(
                "the formatted text does not parse".to_owned(),
            ));
        }
    }
    let before: Vec<String> = comments.into_iter().map(|c| c.text).collect();
    let after: Vec<String> = comments::scan(&output)
        .into_iter()
        .map(|c| c.text)
        .collect();
    if before != after {
        return Err(FormatError::WouldChangeMeaning(
            "the formatted text would not keep every comment in order".to_owned(),
        ));
    }
    Ok(output)
}

/// Finds the comments of a text (used by tests and tools).
#[must_use]
pub fn comments(text: &str) -> Vec<Comment> {
    comments::scan(text)
}
