//! Turns pest's parse failures into diagnostics in the user's words, and
//! recovers to find more than one per run.
//!
//! pest reports the rules it tried at the furthest position it reached. Those
//! rule names are grammar jargon, so each is translated here into words
//! (`kw_no_later_than` becomes "`no later than`", `string` becomes "text in
//! quotes"). When many statements were possible, the block the error is in
//! (a stage, a form, a rule ...) says which statements to suggest.
//!
//! Recovery is by line: the line with the error is blanked and the file
//! parsed again, up to a limit. A line whose braces do not balance ends
//! recovery, because blanking it would misplace every later brace and report
//! errors that are not there.
//!
//! This file owns the entry points, the recovery loop with the limits that
//! keep hostile input fast, and `explain`, which builds each message. What
//! it reads from the text around an error is in `context.rs`, what pest
//! expected in words in `expected.rs`, the recognisers for common mistakes
//! in `hints.rs`, `date_hints.rs` and `route_hints.rs`, and the unit tests
//! in `tests.rs`.

use pest::error::{ErrorVariant, InputLocation};

use crate::ast::File;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parser::{self, Rule};
use crate::span::Span;

mod context;
mod date_hints;
mod expected;
mod hints;
mod route_hints;
#[cfg(test)]
mod tests;

use context::*;
use date_hints::*;
use expected::*;
use hints::*;
use route_hints::*;

/// The most syntax errors reported for one file.
const MAX_ERRORS: usize = 20;
/// The largest file ladder reads, in bytes: far above any real procedure,
/// low enough that hostile input cannot make a run take long.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// Above this size, recovery stops after a few errors: each recovery step
/// parses the whole file again, and a large file full of errors would
/// otherwise take seconds.
const LARGE_INPUT_BYTES: usize = 256 * 1024;

/// Parses `text`, returning the syntax tree (only when the text parsed as it
/// is) and every diagnostic found on the way.
#[must_use]
pub fn parse(text: &str) -> (Option<File>, Vec<Diagnostic>) {
    let parsed = parse_recovering(text);
    (parsed.tree, parsed.diagnostics)
}

/// What parsing found, including what recovery could still read.
pub struct Parsed {
    /// The syntax tree, when the text parsed as it is.
    pub tree: Option<File>,
    /// After syntax errors: the tree of the text with the broken lines
    /// blanked, and the text of those lines. Only a few checks may be run
    /// on it (see `driver`), because whatever the broken lines said is
    /// missing from it.
    pub recovered: Option<(File, Vec<String>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `text` as `parse` does, and also keeps the tree recovery built.
#[must_use]
pub fn parse_recovering(text: &str) -> Parsed {
    let (tree, recovered, diagnostics) = parse_inner(text);
    Parsed {
        tree,
        recovered,
        diagnostics,
    }
}

type Inner = (Option<File>, Option<(File, Vec<String>)>, Vec<Diagnostic>);

fn parse_inner(text: &str) -> Inner {
    if text.len() > MAX_INPUT_BYTES {
        let diagnostic = Diagnostic::new(
            Code::Syntax,
            Span::new(0, 0),
            format!(
                "the file is {} bytes long, more than the {} bytes ladder reads",
                text.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help(
            "A procedure file is normally a few kilobytes. Check that this is the right file.",
        );
        return (None, None, vec![diagnostic]);
    }
    let (cleaned, mut diagnostics) = crate::pasted::scan(text);
    // Keep a hostile file from running long: pest does not memoise.
    pest::set_call_limit(std::num::NonZeroUsize::new(50_000_000));
    let mut working = cleaned;
    let mut recovered = false;
    let mut blanked: Vec<String> = Vec::new();
    // The last error's expectation and line, to notice a cascade.
    let mut previous: Option<(Option<String>, usize)> = None;
    let max_errors = if text.len() > LARGE_INPUT_BYTES {
        3
    } else {
        MAX_ERRORS
    };
    for _ in 0..max_errors {
        match parser::parse_file(&working, &mut diagnostics) {
            Ok(file) => {
                return if recovered {
                    (None, Some((file, blanked)), diagnostics)
                } else {
                    (Some(file), None, diagnostics)
                };
            }
            Err(error) => {
                let (diagnostic, line) = explain(&working, &error);
                let line_number = line_of(&working, line);
                // Blanking one line of a statement that spans several leaves
                // the rest of it behind, and the same expectation fails again
                // on the next lines. Stop rather than report the echoes.
                if let Some((expected, at)) = &previous
                    && *expected == diagnostic.primary_label
                    && line_number <= at + 2
                {
                    break;
                }
                previous = Some((diagnostic.primary_label.clone(), line_number));
                let pasted_here = diagnostics.iter().any(|d| {
                    d.code == Code::PastedCharacter
                        && line_of(text, d.span.start) == line_of(text, diagnostic.span.start)
                });
                // A pasted character already explains an error on its line.
                if !pasted_here {
                    diagnostics.push(diagnostic);
                }
                recovered = true;
                blanked.push(line_text(&working, line).to_owned());
                if !blank_line(&mut working, line) {
                    break;
                }
            }
        }
    }
    (None, None, diagnostics)
}

/// The text of the line that starts at `line_start`.
fn line_text(text: &str, line_start: usize) -> &str {
    let end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    &text[line_start..end]
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..crate::span::clamp_to_char_boundary(text, offset)]
        .matches('\n')
        .count()
}

/// Replaces the text of one line with spaces, keeping offsets. Returns false
/// when recovery should stop: the line is empty already, or its braces do
/// not balance.
fn blank_line(text: &mut String, line_start: usize) -> bool {
    let end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..end];
    if line.trim().is_empty() || line.matches('{').count() != line.matches('}').count() {
        return false;
    }
    let blank = " ".repeat(line.len());
    text.replace_range(line_start..end, &blank);
    true
}

/// Builds the diagnostic for one pest error; also returns the byte offset of
/// the start of the line it is on.
fn explain(text: &str, error: &pest::error::Error<Rule>) -> (Diagnostic, usize) {
    let offset = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let found = found_word(text, offset);
    let mut positives: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // `within 10 days of referral`: pest read `of` as the start of `of
    // stage 2 concluding` and fails after it; the mistake is the whole
    // anchor, so report it at `of` with every anchor the language has.
    let (offset, found) = match strip_word_suffix(text[..offset].trim_end(), "of") {
        Some(before) if positives.contains(&Rule::kw_the_previous_stage) => {
            positives = vec![Rule::anchor];
            let at = before.len();
            (at, found_word(text, at))
        }
        _ => (offset, found),
    };
    let span = Span::new(offset, offset + found.len());
    let context = block_context(text, offset);

    let at_end = text[offset..].trim().is_empty();
    if at_end && let Some(block) = &context {
        let diagnostic = Diagnostic::new(
                Code::Syntax,
                Span::new(block.open, block.open + 1),
                format!("the file ends before {} is closed", block.what),
            )
            .with_primary_label("this `{` is never closed")
            .with_help("Add a `}` on a line of its own where the block ends. If the file was cut short, restore the missing lines.");
        return (diagnostic, line_start);
    }
    if found == "}" && context.is_none() {
        let diagnostic = Diagnostic::new(Code::Syntax, span, "this `}` closes nothing")
            .with_primary_label("no `{` is open here")
            .with_help("Delete the `}`, or add the line that opens the block, such as `stage 2 \"Title\" {`.");
        return (diagnostic, line_start);
    }

    if let Some(diagnostic) = unclosed_before_next_block(text, offset, found, context.as_ref()) {
        return (diagnostic, line_start);
    }
    if let Some(mut diagnostic) = slashed_date(text, offset, &positives)
        .or_else(|| ordinal_date(text, offset, found))
        .or_else(|| hyphenated_name(text, offset, found))
        .or_else(|| spaced_name(text, offset, found, &positives))
        .or_else(|| holidays_in_words(text, offset))
        .or_else(|| day_one_in_words(text, offset, found, &positives))
        .or_else(|| partial_keyword(text, offset, found, &positives))
        .or_else(|| within_after_end(text, offset, found))
        .or_else(|| should_before_window(text, offset, found))
        .or_else(|| equivalent_lead(text, offset, found))
        .or_else(|| article_before_name(text, offset, found))
    {
        if let Some(block) = &context
            && block.open < line_start
        {
            diagnostic = diagnostic.with_label(
                Span::new(block.open, block.open + 1),
                format!("inside {} that starts here", block.what),
            );
        }
        return (diagnostic, line_start);
    }

    let expected = describe_expected(&positives, context.as_ref());
    let found_words = if found.is_empty() {
        "the end of the file".to_owned()
    } else {
        format!("`{found}`")
    };
    let after = previous_word(text, offset);
    // A statement cut short at the end of its line: pest stops at the first
    // word of the next line, but the mistake is on this one. Point at the
    // last word written, and let recovery blank this line, not the next.
    let content_end = crate::span::trimmed_len(&text[..offset]);
    if !expected_is_statement(&positives)
        && let Some(word) = after
        && text[content_end..offset].contains('\n')
    {
        let word_span = Span::new(content_end - word.len(), content_end);
        let mut diagnostic = Diagnostic::new(
            Code::Syntax,
            word_span,
            format!("expected {expected} after `{word}`, but the line ends there"),
        )
        .with_primary_label(format!("expected {expected} after this"));
        if let Some(help) = help_for(&positives, "", context.as_ref()) {
            diagnostic = diagnostic.with_help(help);
        }
        let statement_line = text[..content_end].rfind('\n').map_or(0, |i| i + 1);
        return (diagnostic, statement_line);
    }
    let message = match after {
        Some(word) if !expected_is_statement(&positives) => {
            format!("expected {expected} after `{word}`, found {found_words}")
        }
        _ => format!("expected {expected}, found {found_words}"),
    };
    let mut diagnostic = Diagnostic::new(Code::Syntax, span, message)
        .with_primary_label(format!("expected {expected}"));
    if let Some(help) = help_for(&positives, found, context.as_ref()) {
        diagnostic = diagnostic.with_help(help);
    }
    if let Some(keyword) = misspelt_keyword(&positives, found) {
        // `lead by` needs only its first word changed; `lead practitioner`
        // needs the whole keyword.
        let mut words = keyword.split(' ');
        let first = words.next().unwrap_or(&keyword);
        let rest: Vec<&str> = words.collect();
        let following = words_from(text, offset + found.len());
        let rest_follows = rest.len() <= following.len()
            && rest
                .iter()
                .zip(&following)
                .all(|(k, (_, w))| k.eq_ignore_ascii_case(w));
        let replacement = if rest_follows {
            first
        } else {
            keyword.as_str()
        };
        diagnostic = diagnostic
            .with_primary_label(format!("did you mean `{keyword}`?"))
            .with_help(format!("Change `{found}` to `{replacement}`."));
    }
    if let Some(block) = context
        && block.open < line_start
    {
        diagnostic = diagnostic.with_label(
            Span::new(block.open, block.open + 1),
            format!("inside {} that starts here", block.what),
        );
    }
    (diagnostic, line_start)
}
