//! Finds characters that word processors put into text and that the ladder
//! language does not accept outside quotes: curly quotes, non-breaking and
//! zero-width spaces, long dashes, and letters from other alphabets that look
//! like Latin ones.
//!
//! Each is reported with its name and the character to type instead, and
//! then replaced by spaces of the same byte length so that parsing can go on
//! and every other problem in the file is still found, at the same offsets.
//! Inside quotes such characters are ordinary text and are left alone, except
//! a curly quote where a straight one must open or close the text.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// What a suspicious character is, and what to type instead.
fn describe(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
            ("a curly double quote", "a straight double quote `\"`")
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => (
            "a curly single quote",
            "a straight double quote `\"` around text",
        ),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => ("a non-breaking space", "an ordinary space"),
        '\u{2000}'..='\u{200A}' | '\u{3000}' => ("a typographic space", "an ordinary space"),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            ("an invisible zero-width character", "nothing: delete it")
        }
        // A hyphen is right only inside a date or a calendar name; a dash
        // between two day numbers is a range, which the language writes as
        // a start and a conclusion.
        '\u{2013}' => ("an en dash", DASH_INSTEAD),
        '\u{2014}' => ("an em dash", DASH_INSTEAD),
        '\u{2212}' => ("a minus sign", "a hyphen `-`"),
        '\u{2026}' => ("an ellipsis character", "three full stops, inside quotes"),
        '\u{00B7}' | '\u{2022}' => (
            "a bullet point",
            "nothing: one statement per line needs no bullets",
        ),
        _ if is_confusable_letter(c) => (
            "a letter from another alphabet that looks like a Latin letter",
            "the ordinary Latin letter",
        ),
        _ => return None,
    })
}

/// Cyrillic and Greek letters that look like Latin ones, which arrive when
/// text is copied from some PDFs.
fn is_confusable_letter(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'о'
            | 'р'
            | 'с'
            | 'у'
            | 'х'
            | 'і'
            | 'А'
            | 'В'
            | 'Е'
            | 'К'
            | 'М'
            | 'Н'
            | 'О'
            | 'Р'
            | 'С'
            | 'Т'
            | 'Х'
            | 'ο'
            | 'α'
            | 'ν'
            | 'Α'
            | 'Β'
            | 'Ε'
            | 'Ο'
            | 'Ρ'
            | 'Τ'
    )
}

/// What to type instead of a long dash.
const DASH_INSTEAD: &str = "a hyphen `-` where one belongs (`2026-03-01`, `england-and-wales`), or nothing. A range of days such as `day 6 – 12` is written as two lines, `start no later than day 6` and `conclude by day 12`";

fn is_curly_double(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}')
}

/// Scans `text`, returning the text to parse (suspicious characters outside
/// quotes and comments replaced by spaces) and one diagnostic per character.
#[must_use]
pub fn scan(text: &str) -> (String, Vec<Diagnostic>) {
    let mut cleaned = String::with_capacity(text.len());
    let mut diagnostics = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            in_string = false;
            in_comment = false;
            cleaned.push(c);
            continue;
        }
        if in_comment {
            cleaned.push(c);
            continue;
        }
        if !in_string && c == '/' && chars.peek().is_some_and(|&(_, n)| n == '/') {
            in_comment = true;
            cleaned.push(c);
            continue;
        }
        if c == '"' {
            in_string = !in_string;
            cleaned.push(c);
            continue;
        }
        // A curly double quote outside text opens text, and one inside text
        // that is followed by the end of the line closes it: both stand where
        // a straight quote must be, so both are reported and replaced by one.
        let closes_text =
            in_string && is_curly_double(c) && rest_of_line_is_blank(text, i + c.len_utf8());
        if (in_string && !closes_text) || c.is_ascii() {
            cleaned.push(c);
            continue;
        }
        let span = Span::new(i, i + c.len_utf8());
        let (what, instead) = describe(c).unwrap_or((
            "a character outside the ladder alphabet",
            "plain letters, digits and punctuation",
        ));
        diagnostics.push(
            Diagnostic::new(
                Code::PastedCharacter,
                span,
                format!("`{c}` (U+{:04X}) is {what}", u32::from(c)),
            )
            .with_primary_label("typed here")
            .with_help(format!(
                "Text copied from a word processor often brings these in. Instead, type {instead}. Outside quotes a ladder file uses only plain letters, digits and punctuation."
            )),
        );
        if is_curly_double(c) {
            in_string = !in_string;
            cleaned.push('"');
            cleaned.extend(std::iter::repeat_n(' ', c.len_utf8() - 1));
        } else {
            cleaned.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    (cleaned, diagnostics)
}

fn rest_of_line_is_blank(text: &str, from: usize) -> bool {
    text[from..].split('\n').next().is_none_or(|rest| {
        rest.trim().is_empty()
            || rest.trim_start().starts_with("//")
            || rest.trim_start().starts_with('{')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_between_day_numbers_is_explained_as_a_range() {
        let (_, diagnostics) = scan("  conclude by day 6 \u{2013} 12\n");
        let help = diagnostics[0].help.as_deref().unwrap();
        assert!(
            help.contains("`start no later than day 6` and `conclude by day 12`"),
            "{help}"
        );
    }

    #[test]
    fn curly_quotes_are_reported_and_replaced_at_the_same_offsets() {
        let text = "policy “Escalation”\n";
        let (cleaned, diagnostics) = scan(text);
        assert_eq!(cleaned.len(), text.len());
        assert_eq!(diagnostics.len(), 2);
        assert!(cleaned.starts_with("policy \"  Escalation\"  "));
    }

    #[test]
    fn apostrophes_inside_text_are_text() {
        let (_, diagnostics) = scan("policy \"The Adult’s Safety\"\n");
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn comments_are_left_alone() {
        let (_, diagnostics) = scan("// Day 1 – take action\n");
        assert!(diagnostics.is_empty());
    }
}
