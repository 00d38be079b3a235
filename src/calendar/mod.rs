//! The bank-holiday calendars of the United Kingdom and the working-day
//! arithmetic that deadlines in an escalation procedure are measured in.
//! This file owns the `Calendar` type: which years it knows and the holiday
//! list for each of them. The rules that produce those lists, the one-off
//! changes, the import of the government's list, the any-UK union and the
//! working-day counting each live in their own file, named after them.
//!
//! The built-in calendar knows the years 2010 to 2030. The years 2015 to
//! 2021 are checked by the test suite against the government's own list
//! (tests/data/bank-holidays-2015-2021.json), and most of 2010 to 2014 and
//! 2022 to 2027 against dates written out by hand from the announcements.
//! The years after the government's last published list are computed from
//! the standing rules of the Banking and Financial Dealings Act 1971 and the
//! customary yearly proclamations. A future proclamation (a jubilee, a
//! coronation, a state funeral) can change such a year, and the built-in
//! table cannot know about it: loading an updated list from gov.uk with
//! `--holidays FILE` (see `Calendar::with_feed`) is the way to take it into
//! account. A date outside the known years is an error, never silently
//! treated as a working day.

mod any_uk;
mod division;
mod error;
mod feed;
mod feed_warnings;
mod one_off;
mod rules;
mod working_days;

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

pub use division::Division;
pub use error::{CalendarError, MONTH_NAMES, long_date};
pub use feed::{Feed, FeedError, parse_feed};
pub use feed_warnings::{FeedWarning, feed_warnings};

/// The first year the built-in calendar knows.
pub const BUILTIN_FIRST_YEAR: i32 = 2010;
/// The last year the built-in calendar knows. Years after the government's
/// last published list are computed from the rules, so a later proclamation
/// may change them; load an updated list with `--holidays FILE`.
pub const BUILTIN_LAST_YEAR: i32 = 2030;

/// One bank holiday: its date and the title the government gives it. A
/// substitute day keeps the title of the day it stands in for ("Boxing Day"
/// on Monday 28 December 2026), as in the government's own list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Holiday {
    pub date: NaiveDate,
    pub title: String,
}

/// The bank holidays of one division over a contiguous run of years.
///
/// The lists are built eagerly when the calendar is made (about a dozen days
/// a year for twenty-odd years), so every question afterwards is an index and
/// a binary search over one year's dozen dates.
#[derive(Clone, Debug)]
pub struct Calendar {
    division: Division,
    first_year: i32,
    /// The holidays of each known year, sorted by date; index 0 is
    /// `first_year` and the years run on without gaps.
    by_year: Vec<Vec<Holiday>>,
    /// For `Division::AnyUk`, the three calendars it is the union of, kept so
    /// that `with_feed` can update each and rebuild the union. Empty for the
    /// other divisions.
    members: Vec<Calendar>,
}

impl Calendar {
    /// The built-in calendar for `division`, covering the years
    /// `BUILTIN_FIRST_YEAR` to `BUILTIN_LAST_YEAR`.
    ///
    /// Years after the government's last published list are computed from
    /// the statutory and customary rules plus the one-off changes announced
    /// when this crate was written; a future proclamation can change them,
    /// and `with_feed` (the `--holidays FILE` option) is the way to load an
    /// updated list.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ladder::calendar::{Calendar, Division};
    ///
    /// let scotland = Calendar::builtin(Division::Scotland);
    /// let st_andrew = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    /// assert_eq!(scotland.bank_holiday(st_andrew).unwrap(), Some("St Andrew’s Day"));
    /// let england = Calendar::builtin(Division::EnglandAndWales);
    /// assert_eq!(england.bank_holiday(st_andrew).unwrap(), None);
    /// assert_eq!(england.holidays_in(2026).unwrap().len(), 8);
    /// // Outside the known years: an error, never a working day.
    /// assert!(england.bank_holiday(NaiveDate::from_ymd_opt(2031, 1, 1).unwrap()).is_err());
    /// ```
    pub fn builtin(division: Division) -> Calendar {
        if division == Division::AnyUk {
            let members = Division::SEPARATE.map(Calendar::builtin).to_vec();
            return any_uk::union_of(members);
        }
        Calendar {
            division,
            first_year: BUILTIN_FIRST_YEAR,
            by_year: (BUILTIN_FIRST_YEAR..=BUILTIN_LAST_YEAR)
                .map(|year| rules::holidays(division, year).unwrap_or_default())
                .collect(),
            members: Vec::new(),
        }
    }

    /// This calendar with the government's list taken into account.
    ///
    /// For every year the feed covers for this calendar's division, the
    /// feed's list replaces the one computed from the rules. If the feed
    /// covers years before or after the known range, the range grows to take
    /// them in; should a feed start more than a year after the known range
    /// ends (or end before it starts), the years in between are computed from
    /// the rules, exactly as the built-in years after the government's last
    /// list are. `parse_feed` guarantees a division's years have no gaps and
    /// lie between 1971 and 2100, so this stays small.
    ///
    /// For `Division::AnyUk` the feed is applied to each of the three
    /// divisions and the union rebuilt; the any-UK calendar then knows the
    /// years all three know.
    #[must_use]
    pub fn with_feed(self, feed: &Feed) -> Calendar {
        if self.division == Division::AnyUk {
            let members = self
                .members
                .into_iter()
                .map(|member| member.with_feed(feed))
                .collect();
            return any_uk::union_of(members);
        }
        let Some(covered) = feed.years(self.division) else {
            return self;
        };
        let old = self.years();
        let first = (*old.start()).min(*covered.start());
        let last = (*old.end()).max(*covered.end());
        let by_year = (first..=last)
            .map(|year| {
                if covered.contains(&year) {
                    feed.holidays_in(self.division, year).to_vec()
                } else if let Some(list) = self.list(year) {
                    list.to_vec()
                } else {
                    rules::holidays(self.division, year).unwrap_or_default()
                }
            })
            .collect();
        Calendar {
            division: self.division,
            first_year: first,
            by_year,
            members: Vec::new(),
        }
    }

    /// The division whose bank holidays this calendar follows.
    pub fn division(&self) -> Division {
        self.division
    }

    /// The years this calendar knows, first and last included.
    pub fn years(&self) -> RangeInclusive<i32> {
        // `by_year` is never empty and never longer than a few hundred
        // years, so the conversion cannot fail; the fallback keeps the
        // arithmetic panic-free all the same.
        let len = i32::try_from(self.by_year.len()).unwrap_or(1).max(1);
        self.first_year..=self.first_year.saturating_add(len - 1)
    }

    /// Whether `date` lies in a year this calendar knows.
    pub fn knows(&self, date: NaiveDate) -> bool {
        self.years().contains(&date.year())
    }

    /// The bank holidays of `year`, sorted by date.
    pub fn holidays_in(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        self.list(year).map(<[Holiday]>::to_vec).ok_or_else(|| {
            let years = self.years();
            CalendarError::YearOutOfRange {
                division: self.division,
                year,
                first_year: *years.start(),
                last_year: *years.end(),
            }
        })
    }

    /// The title of the bank holiday on `date`, or `None` if `date` is not a
    /// bank holiday. Weekends are not bank holidays unless listed as such.
    pub fn bank_holiday(&self, date: NaiveDate) -> Result<Option<&str>, CalendarError> {
        let list = self.list_for(date)?;
        Ok(list
            .binary_search_by_key(&date, |h| h.date)
            .ok()
            .and_then(|i| list.get(i))
            .map(|h| h.title.as_str()))
    }

    /// The holiday list for `year`, if the calendar knows it.
    fn list(&self, year: i32) -> Option<&[Holiday]> {
        let index = usize::try_from(year.checked_sub(self.first_year)?).ok()?;
        self.by_year.get(index).map(Vec::as_slice)
    }

    /// The holiday list for the year of `date`, or the error that explains
    /// why there is none.
    fn list_for(&self, date: NaiveDate) -> Result<&[Holiday], CalendarError> {
        self.list(date.year())
            .ok_or_else(|| self.out_of_range(date))
    }

    /// The error for a date outside the known years.
    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        let years = self.years();
        CalendarError::OutOfRange {
            division: self.division,
            date,
            first_year: *years.start(),
            last_year: *years.end(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_year_has_holidays() {
        for division in Division::ALL {
            let calendar = Calendar::builtin(division);
            assert_eq!(calendar.years(), BUILTIN_FIRST_YEAR..=BUILTIN_LAST_YEAR);
            for year in calendar.years() {
                let list = calendar.holidays_in(year).unwrap();
                assert!(list.len() >= 8, "{division:?} {year}: {list:?}");
                assert!(list.windows(2).all(|w| w[0].date < w[1].date));
                assert!(list.iter().all(|h| h.date.year() == year));
            }
        }
    }
}
