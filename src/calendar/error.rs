//! What can go wrong when a calendar is asked about a day, and how to say it
//! to the person who wrote the procedure. Messages are plain English because
//! the reader is a safeguarding board manager, not a programmer; dates are
//! written the British way ("14 March 2031").

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::division::Division;

/// A question the calendar cannot answer truthfully.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarError {
    /// The date lies in a year the calendar has no list for. The calendar
    /// never guesses: treating an unknown day as a working day could make a
    /// deadline fall on a bank holiday without anyone noticing.
    OutOfRange {
        division: Division,
        date: NaiveDate,
        first_year: i32,
        last_year: i32,
    },
    /// A whole year was asked for that the calendar has no list for.
    YearOutOfRange {
        division: Division,
        year: i32,
        first_year: i32,
        last_year: i32,
    },
    /// `working_day_number` was asked for working day 0; working days are
    /// counted from 1.
    NoWorkingDayZero,
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::OutOfRange {
                division,
                date,
                first_year,
                last_year,
            } => write!(
                f,
                "the bank-holiday calendar for {} only knows the years {first_year} to \
                 {last_year}; {} is outside it",
                division.describe(),
                long_date(*date),
            ),
            CalendarError::YearOutOfRange {
                division,
                year,
                first_year,
                last_year,
            } => write!(
                f,
                "the bank-holiday calendar for {} only knows the years {first_year} to \
                 {last_year}; {year} is outside it",
                division.describe(),
            ),
            CalendarError::NoWorkingDayZero => f.write_str(
                "working days are counted from 1 (the first working day), so there is no \
                 working day 0",
            ),
        }
    }
}

impl std::error::Error for CalendarError {}

/// The months' names in English, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes a date the way a British reader expects it, for example
/// "14 March 2031". Done by hand rather than with chrono's formatting so the
/// result does not depend on any locale or formatting feature.
pub fn long_date(date: NaiveDate) -> String {
    let month = MONTH_NAMES
        .get(date.month0() as usize)
        .copied()
        .unwrap_or("?");
    format!("{} {} {}", date.day(), month, date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_reads_as_english() {
        let err = CalendarError::OutOfRange {
            division: Division::EnglandAndWales,
            date: NaiveDate::from_ymd_opt(2031, 3, 14).unwrap(),
            first_year: 2010,
            last_year: 2030,
        };
        assert_eq!(
            err.to_string(),
            "the bank-holiday calendar for England and Wales only knows the years 2010 to \
             2030; 14 March 2031 is outside it"
        );
    }
}
