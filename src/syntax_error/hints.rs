//! Recognisers for the mistakes people make most, each turning a pest
//! failure at a known shape into a message with the fix: a misspelt or
//! half-written keyword, a name with a hyphen or spaces, a calendar or
//! `day 1` written in words, a block left open before the next one.
//! `explain` in the parent module tries them before its general
//! "expected ..., found ..." message. Dates have their own recognisers in
//! `date_hints.rs`, routes in `route_hints.rs`.

use super::*;

/// The words from `offset` to the end of its line, comments left out, each
/// with its offset. A word is as `found_word` reads it.
pub(super) fn words_from(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let offset = offset.min(text.len());
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let content_end = offset + crate::span::trimmed_len(&text[offset..line_end]);
    let content = &text[..content_end];
    let mut words = Vec::new();
    let mut at = offset;
    loop {
        at += content[at..].len() - content[at..].trim_start().len();
        let word = found_word(content, at);
        if word.is_empty() {
            return words;
        }
        words.push((at, word));
        at += word.len();
    }
}

/// The number, 1-based, of the line `offset` is on.
pub(super) fn line_number(text: &str, offset: usize) -> usize {
    line_of(text, offset) + 1
}

/// The first word of the line `offset` is on, in lower case.
pub(super) fn first_word_of_line(text: &str, offset: usize) -> String {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    words_from(text, line_start)
        .first()
        .map(|(_, w)| w.to_lowercase())
        .unwrap_or_default()
}

/// Joins phrases as "`a`, `b` or `c`".
pub(super) fn either(phrases: &[String]) -> String {
    let quoted: Vec<String> = phrases.iter().map(|p| format!("`{p}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A block left open before the next one starts, such as a stage without
/// its `}` followed by the next stage. pest reports the next stage's first
/// word as a statement the open stage does not allow; the mistake is the
/// missing `}` above it.
pub(super) fn unclosed_before_next_block(
    text: &str,
    offset: usize,
    found: &str,
    context: Option<&Block>,
) -> Option<Diagnostic> {
    let block = context?;
    let keyword = found.to_lowercase();
    let what_next = match keyword.as_str() {
        "stage" => "stage",
        "step" => "step",
        "when" => "exception rule",
        "procedure" => "procedure",
        "form" => "form",
        "every" => "`every stage` block",
        _ => return None,
    };
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let content_end = line_start + crate::span::trimmed_len(&text[line_start..line_end]);
    // Only a line that opens a block of its own, at the start of the line.
    if !text[line_start..offset].trim().is_empty() || !text[..content_end].ends_with('{') {
        return None;
    }
    let open_line = line_number(text, block.open);
    let next_line = line_number(text, offset);
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(offset, offset + found.len()),
            format!(
                "{} on line {open_line} is not closed before the next {what_next} starts",
                block.what
            ),
        )
        .with_primary_label(format!("the next {what_next} starts here"))
        .with_label(
            Span::new(block.open, block.open + 1),
            "this `{` is never closed",
        )
        .with_help(format!(
            "Add a `}}` on a line of its own where {} ends, before the `{found}` on line {next_line}.",
            block.what
        )),
    )
}

/// Help for a name written in several words or with `-`.
pub(super) fn name_help(name: &str) -> String {
    format!(
        "Names of actors, records, forms and stages use only letters, digits and `_`: they cannot contain `-` or spaces. Write `{name}` here and wherever the name is used."
    )
}

/// A name written with `-` (`line-manager`): pest stops at the `-`.
pub(super) fn hyphenated_name(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if found != "-"
        || !text[..offset].ends_with(is_ident)
        || !text[offset + 1..].starts_with(is_ident)
    {
        return None;
    }
    let start = text[..offset]
        .trim_end_matches(|c: char| is_ident(c) || c == '-')
        .len();
    let end = offset + 1 + found_word(text, offset + 1).len();
    let written = &text[start..end];
    let first = written.split('-').next().unwrap_or("");
    // `stage-2` is the keyword `stage` and a mistyped number, not a name.
    if !written.starts_with(|c: char| c.is_ascii_alphabetic()) || is_reserved(first) {
        return None;
    }
    let name = written.replace('-', "_");
    Some(bad_name(start, written, "`-`", &name))
}

/// The diagnostic for a name written with `what` in it (`-`, spaces), with
/// `name` as the suggestion.
fn bad_name(start: usize, written: &str, what: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Syntax,
        Span::new(start, start + written.len()),
        format!("a name cannot contain {what}, found `{written}`"),
    )
    .with_primary_label(format!("did you mean `{name}`?"))
    .with_help(name_help(name))
}

/// A name written as several words (`actor head of service "..."`): pest
/// expects the quoted text after the first word.
pub(super) fn spaced_name(
    text: &str,
    offset: usize,
    found: &str,
    positives: &[Rule],
) -> Option<Diagnostic> {
    if positives != [Rule::string] || !found.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let words = words_from(text, line_start);
    let (keyword, name_words) = words.split_first()?;
    if !matches!(
        keyword.1.to_lowercase().as_str(),
        "actor" | "record" | "form" | "procedure"
    ) {
        return None;
    }
    // The words up to the quoted text, which must be there and closed.
    let quote = name_words.iter().position(|(_, w)| w.starts_with('"'))?;
    let (_, quoted) = name_words[quote];
    if quote < 2 || quoted.len() < 2 || !quoted.ends_with('"') {
        return None;
    }
    let (start, _) = name_words[0];
    let (last_at, last) = name_words[quote - 1];
    let written = &text[start..last_at + last.len()];
    let name = name_words[..quote]
        .iter()
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join("_");
    Some(bad_name(start, written, "spaces", &name))
}

/// A bank-holiday calendar written in words (`holidays England and
/// Wales`): pest reads `England` as the calendar and stops at `and`.
pub(super) fn holidays_in_words(text: &str, offset: usize) -> Option<Diagnostic> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let words = words_from(text, line_start);
    let ((_, keyword), calendar) = words.split_first()?;
    let (first_at, _) = *calendar.first()?;
    if !keyword.eq_ignore_ascii_case("holidays") || offset <= first_at {
        return None;
    }
    let (last_at, last) = calendar[calendar.len() - 1];
    let written = &text[first_at..last_at + last.len()];
    let joined = calendar
        .iter()
        .map(|(_, w)| {
            if *w == "&" {
                "and".to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
        .replace('_', "-");
    let names: Vec<&str> = crate::calendar::Division::ALL
        .iter()
        .map(|d| d.name())
        .collect();
    let best = names
        .iter()
        .copied()
        .find(|n| *n == joined)
        .or_else(|| crate::lower::did_you_mean(&joined, names.iter().copied()));
    let calendars = either(&names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>());
    let mut diagnostic = Diagnostic::new(
        Code::Syntax,
        Span::new(first_at, first_at + written.len()),
        format!(
            "expected the name of one bank-holiday calendar after `holidays`, found `{written}`"
        ),
    );
    diagnostic = match best {
        Some(best) => diagnostic
            .with_primary_label(format!("did you mean `{best}`?"))
            .with_help(format!(
                "Write `holidays {best}`. A calendar's name is one word with `-` between its parts: {calendars}."
            )),
        None => diagnostic
            .with_primary_label("not a calendar ladder knows")
            .with_help(format!(
                "The calendars are {calendars}, each written as one word with `-` between its parts, for example `holidays england-and-wales`."
            )),
    };
    Some(diagnostic)
}

/// `day one is the day the concern arose`: the `1` must be the digit.
pub(super) fn day_one_in_words(
    text: &str,
    offset: usize,
    found: &str,
    positives: &[Rule],
) -> Option<Diagnostic> {
    // At the very start of the file pest reports only `file`.
    let at_statement = positives.contains(&Rule::day_one_decl) || positives == [Rule::file];
    if !at_statement || !found.eq_ignore_ascii_case("day") {
        return None;
    }
    let words = words_from(text, offset);
    let after = words.iter().any(|(_, w)| w.eq_ignore_ascii_case("after"));
    let example = if after {
        "day 1 is the day after the concern arose"
    } else {
        "day 1 is the day the concern arose"
    };
    let Some(&(at, number)) = words.get(1) else {
        return Some(
            Diagnostic::new(
                Code::Syntax,
                Span::new(offset, offset + found.len()),
                "expected `1` after `day`, but the line ends there",
            )
            .with_primary_label("expected `1` after this")
            .with_help(format!("Write `{example}`.")),
        );
    };
    let help = if number.eq_ignore_ascii_case("one") {
        format!("Write the 1 as a digit: `{example}`.")
    } else {
        "This line says which day counts as day 1, so it always starts `day 1 is`: write `day 1 is the day the concern arose` or `day 1 is the day after the concern arose`.".to_owned()
    };
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(at, at + number.len()),
            format!("expected the digit `1` after `day`, found `{number}`"),
        )
        .with_primary_label("expected `1`")
        .with_help(help),
    )
}

/// A keyword of several words whose first words are there but not the
/// rest: `led bi`, `within 10 working days of referral`. pest reports the
/// keyword at its first word, which is right; the mistake is further on.
pub(super) fn partial_keyword(
    text: &str,
    offset: usize,
    found: &str,
    positives: &[Rule],
) -> Option<Diagnostic> {
    let phrases = keyword_phrases(positives);
    // A keyword of one word that is there would have been read.
    if phrases.iter().any(|p| p.eq_ignore_ascii_case(found)) {
        return None;
    }
    let words = words_from(text, offset);
    let matched = |phrase: &str| {
        phrase
            .split(' ')
            .zip(&words)
            .take_while(|(k, (_, w))| k.eq_ignore_ascii_case(w))
            .count()
    };
    let best = phrases
        .iter()
        .filter(|p| p.contains(' '))
        .map(|p| matched(p))
        .filter(|&n| n > 0)
        .max()?;
    let candidates: Vec<String> = phrases
        .iter()
        .filter(|p| p.contains(' ') && matched(p) == best && p.split(' ').count() > best)
        .cloned()
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (last_at, last) = words[best - 1];
    let read_end = last_at + last.len();
    let typed = &text[offset..read_end];
    let wrong = words.get(best).copied();
    if let [phrase] = candidates.as_slice() {
        let next = phrase.split(' ').nth(best).unwrap_or_default();
        let Some((at, wrong)) = wrong else {
            return Some(
                Diagnostic::new(
                    Code::Syntax,
                    Span::new(last_at, read_end),
                    format!("expected `{next}` after `{typed}`, but the line ends there"),
                )
                .with_primary_label(format!("expected `{next}` after this"))
                .with_help(format!("These words are written together: `{phrase}`.")),
            );
        };
        let close = strsim::levenshtein(&wrong.to_lowercase(), next) <= 1
            || crate::lower::did_you_mean(wrong, [next].into_iter()).is_some();
        let diagnostic = Diagnostic::new(
            Code::Syntax,
            Span::new(at, at + wrong.len()),
            format!("expected `{next}` after `{typed}`, found `{wrong}`"),
        );
        return Some(if close {
            diagnostic
                .with_primary_label(format!("did you mean `{next}`?"))
                .with_help(format!(
                    "Change `{wrong}` to `{next}`: these words are written together as `{phrase}`."
                ))
        } else {
            diagnostic
                .with_primary_label(format!("expected `{next}`"))
                .with_help(format!(
                    "These words are written together as `{phrase}`: write `{next}` after `{typed}`."
                ))
        });
    }
    let end = wrong.map_or(read_end, |(at, w)| at + w.len());
    let written = &text[offset..end];
    let is_anchor = positives.contains(&Rule::anchor);
    // After a time limit, name all of it: "after `within 10 working days`".
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    // ASCII lower case keeps byte offsets.
    let within = text[line_start..offset]
        .to_ascii_lowercase()
        .rfind("within ")
        .map(|i| text[line_start + i..offset].trim_end());
    let after = match (is_anchor, within) {
        (true, Some(limit)) => Some(limit),
        _ => previous_word(text, offset),
    };
    let expected = either(&candidates);
    let message = match after {
        Some(after) => format!("expected {expected} after `{after}`, found `{written}`"),
        None => format!("expected {expected}, found `{written}`"),
    };
    let help = if is_anchor {
        "A time limit can end with `of the concern arising` (counting from day 1), `of being notified` or `of the stage starting` (both counting from the stage starting), `of the meeting`, `of stage 2 concluding` (or `starting`, or `ending unresolved`; `the previous stage` works too), or with nothing (counting from the stage starting; on a route such as `unresolved: escalate to stage 3 within 1 working day`, from this stage concluding, so \"of this one failing\" needs no words); `within a further 2 working days` counts from the duty before. Choose the nearest to what the source document says; a `note \"...\"` in the stage can keep the document's exact words.".to_owned()
    } else {
        format!("Write one of {expected} here.")
    };
    Some(
        Diagnostic::new(Code::Syntax, Span::new(offset, end), message)
            .with_primary_label(format!("expected {expected}"))
            .with_help(help),
    )
}

/// Whether `found` could be `keyword` mistyped: the similarity score that
/// finds misspelt names also pairs `or` with `form`, so a keyword is only
/// suggested for a word of three letters or more, at most one edit away
/// (two for a word of six letters or more), a swap of two letters counting
/// as one.
pub(super) fn could_be_misspelt(found: &str, keyword: &str) -> bool {
    let found = found.to_lowercase();
    let keyword = keyword.trim_end_matches(':').to_lowercase();
    let allowed = match found.chars().count() {
        0..=2 => return false,
        3..=5 => 1,
        _ => 2,
    };
    strsim::damerau_levenshtein(&found, &keyword) <= allowed
}

/// Whether `word` is one of the language's own words, which cannot be names.
pub(super) fn is_reserved(word: &str) -> bool {
    <parser::LadderParser as pest::Parser<Rule>>::parse(Rule::reserved, word)
        .is_ok_and(|p| p.as_str() == word)
}

/// The keywords that rules pest reports stand for, in words, in grammar
/// order: `anchor` stands for `of the concern arising`, `of being notified`
/// and `of the stage starting`.
pub(super) fn keyword_phrases(positives: &[Rule]) -> Vec<String> {
    let mut phrases = Vec::new();
    for &rule in positives {
        let stands_for: &[Rule] = match rule {
            Rule::anchor => &[
                Rule::kw_of_the_concern_arising,
                Rule::kw_of_being_notified,
                Rule::kw_of_the_stage_starting,
                Rule::kw_of_the_meeting,
            ],
            Rule::trigger => &[
                Rule::kw_on_entry,
                Rule::kw_when_resolved,
                Rule::kw_when_unresolved,
                Rule::kw_when_concluded,
            ],
            Rule::day_one => &[
                Rule::kw_the_day_the_concern_arose,
                Rule::kw_the_day_after_the_concern_arose,
            ],
            Rule::independence => &[
                Rule::kw_not_concerned_in_the_disagreement,
                Rule::kw_including_those_concerned,
            ],
            Rule::where_possible => &[Rule::kw_where_possible, Rule::kw_wherever_possible],
            Rule::day_kind => &[Rule::kw_calendar_days, Rule::kw_working_days],
            Rule::unit => &[
                Rule::kw_working_days,
                Rule::kw_working_day,
                Rule::kw_calendar_days,
                Rule::kw_calendar_day,
                Rule::kw_days,
                Rule::kw_day,
                Rule::kw_hours,
                Rule::kw_hour,
            ],
            Rule::bound => &[
                Rule::kw_on,
                Rule::kw_no_later_than,
                Rule::kw_by,
                Rule::kw_within,
            ],
            Rule::by_day => &[Rule::kw_no_later_than, Rule::kw_by],
            Rule::target => &[
                Rule::kw_end,
                Rule::kw_escalate_to,
                Rule::kw_go_to,
                Rule::kw_follow,
            ],
            Rule::escalate_target => &[Rule::kw_escalate_to, Rule::kw_go_to],
            Rule::aim => &[Rule::kw_aim_to],
            Rule::at_least => &[Rule::kw_at_least],
            Rule::any_stage => &[Rule::kw_any_stage],
            Rule::any_step => &[Rule::kw_any_step],
            Rule::if_needed => &[Rule::kw_if_needed],
            Rule::period_unit => &[
                Rule::kw_years,
                Rule::kw_year,
                Rule::kw_months,
                Rule::kw_month,
            ],
            Rule::review_anchor => &[Rule::kw_of_adoption, Rule::kw_of_the_last_update],
            _ => &[],
        };
        let words = parser::keyword_words(rule)
            .into_iter()
            .chain(stands_for.iter().filter_map(|&r| parser::keyword_words(r)));
        for word in words {
            if !phrases.contains(&word) {
                phrases.push(word);
            }
        }
    }
    phrases
}
