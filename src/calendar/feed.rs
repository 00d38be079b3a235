//! The import of the UK government's list of bank holidays, the
//! bank-holidays.json file published at gov.uk/bank-holidays.json, which is
//! what `--holidays FILE` reads. This file owns the parsing, the checks on
//! what is read, and the error messages for a file that is not right.
//!
//! The file looks like
//! `{ "england-and-wales": { "division": "england-and-wales", "events":
//! [ { "title": "New Year’s Day", "date": "2015-01-01", "notes": "",
//! "bunting": true }, ... ] }, "scotland": {...}, "northern-ireland": {...} }`.
//! Fields this crate has no use for (`notes`, `bunting`, anything added
//! later) are ignored, so a newer version of the file still loads. Dates and
//! the names of the divisions are checked strictly, because a mistake there
//! would silently move a deadline.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

use super::Holiday;
use super::division::Division;
use super::error::long_date;

/// The earliest year a list may contain: the year of the Banking and
/// Financial Dealings Act. Anything earlier is a typing mistake.
pub const FEED_FIRST_YEAR: i32 = 1971;
/// The latest year a list may contain. No government list looks that far
/// ahead, and the bound keeps a mistyped year from making a calendar
/// compute centuries of holidays to fill the gap.
pub const FEED_LAST_YEAR: i32 = 2100;

/// A parsed bank-holiday list: for each division it covers, that division's
/// bank holidays in date order. It has no any-UK list of its own; a
/// calendar for `Division::AnyUk` combines the three (see
/// `Calendar::with_feed`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    lists: BTreeMap<Division, Vec<Holiday>>,
}

impl Feed {
    /// The divisions the feed has a list for, in their usual order.
    pub fn divisions(&self) -> Vec<Division> {
        self.lists.keys().copied().collect()
    }

    /// The bank holidays the feed lists for `division`, sorted by date. Empty
    /// for a division the feed does not cover, and for `Division::AnyUk`.
    pub fn holidays(&self, division: Division) -> &[Holiday] {
        self.lists.get(&division).map_or(&[], Vec::as_slice)
    }

    /// The bank holidays the feed lists for `division` in `year`.
    pub fn holidays_in(&self, division: Division, year: i32) -> &[Holiday] {
        let all = self.holidays(division);
        let start = all.partition_point(|h| h.date.year() < year);
        let end = all.partition_point(|h| h.date.year() <= year);
        all.get(start..end).unwrap_or(&[])
    }

    /// The years the feed covers for `division`, first and last included, or
    /// `None` if it lists nothing for it. `parse_feed` guarantees there is no
    /// year in between without a bank holiday.
    pub fn years(&self, division: Division) -> Option<RangeInclusive<i32>> {
        let all = self.holidays(division);
        Some(all.first()?.date.year()..=all.last()?.date.year())
    }
}

/// What is wrong with a bank-holiday file, in words a board manager can act
/// on. Divisions are named as the file names them (`scotland`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// The text is not JSON at all; `detail` is the JSON reader's own
    /// account, which gives the line and column.
    NotJson { detail: String },
    /// Something is not the kind of thing the format needs at that place.
    WrongShape {
        place: String,
        expected: &'static str,
        found: &'static str,
    },
    /// Top-level names that are not divisions.
    UnknownDivisions { names: Vec<String> },
    /// A division's list says it belongs to another division.
    DivisionMismatch { key: String, says: String },
    /// A date that is not written as a real YYYY-MM-DD date.
    BadDate { division: Division, text: String },
    /// A date in a year no sensible list contains.
    ImplausibleYear { division: Division, date: NaiveDate },
    /// The same date listed twice for one division.
    Duplicate { division: Division, date: NaiveDate },
    /// A year without any bank holiday between two years that have some.
    MissingYear { division: Division, year: i32 },
    /// The file lists no division at all.
    NoDivisions,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::NotJson { detail } => {
                write!(f, "the bank-holiday file is not valid JSON: {detail}")
            }
            FeedError::WrongShape {
                place,
                expected,
                found,
            } => write!(
                f,
                "in the bank-holiday file, {place} should be {expected}, but it is {found}"
            ),
            FeedError::UnknownDivisions { names } => {
                let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                let (list, verb) = match quoted.as_slice() {
                    [one] => (one.clone(), "which is not a part of the UK"),
                    _ => (quoted.join(", "), "which are not parts of the UK"),
                };
                write!(
                    f,
                    "the bank-holiday file lists {list}, {verb} that has its own bank \
                     holidays; the names it may use are `england-and-wales`, `scotland` and \
                     `northern-ireland`"
                )
            }
            FeedError::DivisionMismatch { key, says } => write!(
                f,
                "in the bank-holiday file, the list under `{key}` says it is the list for \
                 `{says}`"
            ),
            FeedError::BadDate { division, text } => write!(
                f,
                "`{text}` in {} is not a date (dates are written year-month-day, like \
                 2015-01-01)",
                division.name()
            ),
            FeedError::ImplausibleYear { division, date } => write!(
                f,
                "`{date}` in {} is outside the years a bank-holiday list can cover \
                 ({FEED_FIRST_YEAR} to {FEED_LAST_YEAR})",
                division.name()
            ),
            FeedError::Duplicate { division, date } => {
                write!(f, "{} lists {} twice", division.name(), long_date(*date))
            }
            FeedError::MissingYear { division, year } => write!(
                f,
                "{} lists bank holidays for the years before and after {year} but none for \
                 {year}; a list must cover every year in between",
                division.name()
            ),
            FeedError::NoDivisions => f.write_str(
                "the bank-holiday file does not list any part of the UK; it should have \
                 `england-and-wales`, `scotland` or `northern-ireland`",
            ),
        }
    }
}

impl std::error::Error for FeedError {}

/// Reads the government's bank-holidays.json (or a file in the same
/// format). A leading byte-order mark, which some editors add, is allowed.
pub fn parse_feed(json: &str) -> Result<Feed, FeedError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let value: Value = serde_json::from_str(json).map_err(|e| FeedError::NotJson {
        detail: e.to_string(),
    })?;
    let Value::Object(top) = value else {
        return Err(FeedError::WrongShape {
            place: "the file as a whole".to_owned(),
            expected: "an object with one entry for each part of the UK",
            found: kind_of(Some(&value)),
        });
    };

    let mut lists = BTreeMap::new();
    let mut unknown = Vec::new();
    for (key, entry) in &top {
        match Division::from_name(key) {
            Some(division) if division != Division::AnyUk => {
                lists.insert(division, parse_division(division, key, entry)?);
            }
            _ => unknown.push(key.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(FeedError::UnknownDivisions { names: unknown });
    }
    if lists.is_empty() {
        return Err(FeedError::NoDivisions);
    }
    Ok(Feed { lists })
}

/// Reads one division's entry: its optional `division` name and its
/// `events`, and checks the dates as a whole.
fn parse_division(division: Division, key: &str, entry: &Value) -> Result<Vec<Holiday>, FeedError> {
    let Value::Object(fields) = entry else {
        return Err(FeedError::WrongShape {
            place: format!("`{key}`"),
            expected: "an object with a list of `events`",
            found: kind_of(Some(entry)),
        });
    };
    match fields.get("division") {
        None => {}
        Some(Value::String(says)) if says == key => {}
        Some(Value::String(says)) => {
            return Err(FeedError::DivisionMismatch {
                key: key.to_owned(),
                says: says.clone(),
            });
        }
        Some(other) => {
            return Err(FeedError::WrongShape {
                place: format!("the `division` of `{key}`"),
                expected: "the name of the division",
                found: kind_of(Some(other)),
            });
        }
    }
    let events = match fields.get("events") {
        Some(Value::Array(events)) => events,
        other => {
            return Err(FeedError::WrongShape {
                place: format!("the `events` of `{key}`"),
                expected: "a list of bank holidays",
                found: kind_of(other),
            });
        }
    };

    let mut holidays = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        holidays.push(parse_event(division, key, index + 1, event)?);
    }
    holidays.sort();
    check_dates(division, &holidays)?;
    Ok(holidays)
}

/// Reads one event: a `title` and a `date`; anything else is ignored.
fn parse_event(
    division: Division,
    key: &str,
    number: usize,
    event: &Value,
) -> Result<Holiday, FeedError> {
    let Value::Object(fields) = event else {
        return Err(FeedError::WrongShape {
            place: format!("event {number} of `{key}`"),
            expected: "an object with a `title` and a `date`",
            found: kind_of(Some(event)),
        });
    };
    let title = string_field(fields, "title", key, number)?;
    let text = string_field(fields, "date", key, number)?;
    let date = parse_date(text).ok_or_else(|| FeedError::BadDate {
        division,
        text: text.to_owned(),
    })?;
    if !(FEED_FIRST_YEAR..=FEED_LAST_YEAR).contains(&date.year()) {
        return Err(FeedError::ImplausibleYear { division, date });
    }
    Ok(Holiday {
        date,
        title: title.to_owned(),
    })
}

/// The string in `fields[name]`, or the error saying what is there instead.
fn string_field<'a>(
    fields: &'a Map<String, Value>,
    name: &str,
    key: &str,
    number: usize,
) -> Result<&'a str, FeedError> {
    match fields.get(name) {
        Some(Value::String(text)) => Ok(text),
        other => Err(FeedError::WrongShape {
            place: format!("the `{name}` of event {number} of `{key}`"),
            expected: "text in quotes",
            found: kind_of(other),
        }),
    }
}

/// Parses exactly `YYYY-MM-DD`: four digits, two, two, separated by
/// hyphens, naming a day that exists. Stricter than chrono's own parser,
/// which accepts one-digit months and days.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Checks a division's sorted list: no date twice, and no year missing
/// between the first and the last, so that a calendar never mistakes a
/// forgotten year for one without bank holidays.
fn check_dates(division: Division, holidays: &[Holiday]) -> Result<(), FeedError> {
    for pair in holidays.windows(2) {
        if let [a, b] = pair {
            if a.date == b.date {
                return Err(FeedError::Duplicate {
                    division,
                    date: a.date,
                });
            }
            if b.date.year() > a.date.year() + 1 {
                return Err(FeedError::MissingYear {
                    division,
                    year: a.date.year() + 1,
                });
            }
        }
    }
    Ok(())
}

/// What kind of JSON value was found, in words, for error messages.
fn kind_of(value: Option<&Value>) -> &'static str {
    match value {
        None => "missing",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "true or false",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "text",
        Some(Value::Array(_)) => "a list",
        Some(Value::Object(_)) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_exactly_year_month_day() {
        assert!(parse_date("2015-01-01").is_some());
        assert!(parse_date("2015-1-01").is_none());
        assert!(parse_date("2015-02-29").is_none());
        assert!(parse_date("2015-13-01").is_none());
        assert!(parse_date("+015-01-01").is_none());
        assert!(parse_date("2015/01/01").is_none());
        assert!(parse_date("2015-01-01 ").is_none());
    }
}
