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
    let word = text.get(word_start..line_start + before.len())?;
    if !word.eq_ignore_ascii_case("should") || !text.get(line_start..word_start)?.trim().is_empty()
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

/// `up to a director`: names take no article, so `a` was read as the name
/// and the real name is left over.
pub(super) fn article_before_name(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    if found.is_empty() || !found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let before = text[..offset].trim_end();
    // `get` keeps every slice on a character boundary, whatever precedes.
    let article = ["a", "an", "the"].into_iter().find(|a| {
        let cut = before.len().saturating_sub(a.len());
        before.len() > a.len()
            && before.get(cut..).is_some_and(|w| w.eq_ignore_ascii_case(a))
            && before
                .get(..cut)
                .is_some_and(|b| b.ends_with(char::is_whitespace))
    })?;
    let start = before.len() - article.len();
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(start, offset + found.len()),
            format!("`{article} {found}` is not a name"),
        )
        .with_primary_label(format!("did you mean `{found}`?"))
        .with_help(format!(
            "Names are written without `{article}`: write `{found}` (and declare it with `actor {found} \"...\"` if it is a role)."
        )),
    )
}

/// `led by equivalent x`: the lead is a role of its own agency; the
/// counterpart in the other agency comes after `with`.
pub(super) fn equivalent_lead(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    if !found.eq_ignore_ascii_case("equivalent") {
        return None;
    }
    let before = text[..offset].trim_end().to_ascii_lowercase();
    let by = before.strip_suffix("by")?.trim_end();
    if !by.ends_with("led") {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(offset, offset + found.len()),
            "a stage is led by a role, not by `equivalent` one",
        )
        .with_primary_label("`equivalent` belongs after `with`")
        .with_help(
            "Write the lead's own role after `led by`, and the role in the other agency after `with`: `led by practitioner with equivalent practitioner`.",
        ),
    )
}
