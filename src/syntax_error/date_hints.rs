//! Recognisers for dates written in a shape ladder does not read: with
//! slashes or dots, day first with dashes, or with an ordinal day (`1st`),
//! each answered with the user's own date in the forms ladder reads.

use super::*;

/// A date written with `/` or `.` (`01/03/2026`), or with `-` but day first
/// (`01-03-2026`). The help shows the user's own date in the two forms
/// ladder reads, reading it day first as in the UK.
pub(super) fn slashed_date(text: &str, offset: usize, positives: &[Rule]) -> Option<Diagnostic> {
    let is_date_char = |c: char| c.is_ascii_digit() || matches!(c, '/' | '.' | '-');
    let start = text[..offset].trim_end_matches(is_date_char).len();
    let end = text[offset..]
        .find(|c: char| !is_date_char(c))
        .map_or(text.len(), |i| offset + i);
    let written = &text[start..end];
    let separator = written.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = written.split(separator).collect();
    let wants_date = positives.iter().any(|r| {
        matches!(
            r,
            Rule::date
                | Rule::iso_date
                | Rule::day_month_year
                | Rule::month_year
                | Rule::year
                | Rule::month
        )
    }) || matches!(
        first_word_of_line(text, offset).as_str(),
        "adopted" | "updated" | "review"
    );
    if !wants_date
        || parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |p: &str| p.parse::<u32>().ok();
    // Year first (`2026/03/01`) or day first (`01/03/2026`).
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else {
        (parts[2], parts[1], parts[0])
    };
    let date = if year.len() == 4 {
        chrono::NaiveDate::from_ymd_opt(
            i32::try_from(number(year)?).ok()?,
            number(month)?,
            number(day)?,
        )
    } else {
        None
    };
    let fix = match date {
        Some(date) => format!(
            "Write `{}` or `{}`",
            crate::calendar::long_date(date),
            date.format("%Y-%m-%d")
        ),
        None => "Write the day, the month's name and the year, such as `1 March 2026`, or the year, month and day with `-`, such as `2026-03-01`".to_owned(),
    };
    let why = if separator == '-' {
        String::new()
    } else {
        format!(": dates cannot contain `{separator}`")
    };
    let check = match (date, number(month), number(day)) {
        (Some(_), _, _) => String::new(),
        _ if year.len() != 4 => " Write the year in full.".to_owned(),
        (None, Some(m @ 1..=12), Some(d)) => format!(
            " Check the date as well: {} {year} has no day {d}.",
            crate::calendar::MONTH_NAMES[m as usize - 1]
        ),
        (None, m, _) => format!(
            " Check the date as well: there is no month {}.",
            m.map_or_else(|| month.to_owned(), |m| m.to_string())
        ),
    };
    let help = format!("{fix}{why}.{check}");
    let label = if separator == '-' {
        "a date written with `-` starts with the year".to_owned()
    } else {
        format!("dates cannot contain `{separator}`")
    };
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(start, end),
            format!("expected a date such as `1 April 2025` or `2025-04-01`, found `{written}`"),
        )
        .with_primary_label(label)
        .with_help(help),
    )
}

/// A day written as an ordinal (`1st March 2026`, `22nd April 2027`):
/// pest stops at the `st` after the digits.
pub(super) fn ordinal_date(text: &str, offset: usize, found: &str) -> Option<Diagnostic> {
    let suffix = found.to_lowercase();
    if !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")
        || !matches!(
            first_word_of_line(text, offset).as_str(),
            "adopted" | "updated" | "review"
        )
    {
        return None;
    }
    let digits = text[..offset].len()
        - text[..offset]
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 {
        return None;
    }
    let day = &text[offset - digits..offset];
    let rest: Vec<&str> = words_from(text, offset + found.len())
        .iter()
        .map(|(_, w)| *w)
        .take(2)
        .collect();
    let example = if rest.len() == 2 {
        format!("{day} {} {}", rest[0], rest[1])
    } else {
        format!("{day} March 2026")
    };
    Some(
        Diagnostic::new(
            Code::Syntax,
            Span::new(offset - digits, offset + found.len()),
            format!("expected a date such as `1 April 2025` or `2025-04-01`, found `{day}{found}`"),
        )
        .with_primary_label(format!(
            "write the day as the number alone, without `{found}`"
        ))
        .with_help(format!(
            "Write `{example}`: the day is a number, without `st`, `nd`, `rd` or `th`."
        )),
    )
}
