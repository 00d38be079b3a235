//! Recognisers for mistakes in what a route carries: a time limit after
//! `end`, where there is no move to time.

use super::*;

/// `resolved: end "Agreed" within 2 working days`: an end is not a move,
/// so the limit has nothing to time. What is done on ending, with its
/// limit, goes in braces after the end.
pub(super) fn within_after_end(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    if !found.eq_ignore_ascii_case("within") {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..offset].trim();
    let (_, after_colon) = before.split_once(':')?;
    let end = after_colon.trim_start();
    let named = end.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("end"))
        && end[3..].trim_start().starts_with('"')
        && end.ends_with('"');
    if !named {
        return None;
    }
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let limit = text[offset..line_end].trim();
    let span = Span::new(
        offset,
        offset + crate::span::trimmed_len(&text[offset..line_end]),
    );
    Some(
        Diagnostic::new(
            Code::Syntax,
            span,
            "a time limit cannot follow `end`: ending is not a move to time",
        )
        .with_primary_label("this limit has nothing to time")
        .with_help(format!(
            "Put what must be done on this route, with its limit, in braces after the end: `{before} {{ task \"written confirmation\" {limit} }}`. A limit after `escalate to` or `follow` times the move itself."
        )),
    )
}

/// `should conclude within 5 working days`: `should` is a duty's word. A
/// stage's window that should be kept is a target, written `aim to`.
pub(super) fn should_before_window(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    let verb = ["conclude", "start"]
        .into_iter()
        .find(|v| v.eq_ignore_ascii_case(found))?;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..offset].trim_end();
    let word_start = line_start + before.len().checked_sub("should".len())?;
    if !text[word_start..line_start + before.len()].eq_ignore_ascii_case("should")
        || !text[line_start..word_start].trim().is_empty()
    {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(word_start, offset + found.len()),
            format!("`should {verb}` is not how a target is written"),
        )
        .with_primary_label("did you mean `aim to`?")
        .with_help(format!(
            "A time the procedure says a stage should keep is a target: write `aim to {verb} ...`. `should` is for duties (`should consult third_party`)."
        )),
    )
}
