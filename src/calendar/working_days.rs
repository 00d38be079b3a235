//! Working-day arithmetic: the counting behind every deadline in a
//! procedure. The definitions here are the ones the language documentation
//! gives, and must stay in step with it:
//!
//! - a working day is a Monday to Friday that is not a bank holiday of the
//!   calendar's division;
//! - "within N working days of X" ends on the N-th working day strictly
//!   after X, whatever kind of day X itself is, so counting starts with the
//!   next working day (within one working day of a concern raised on a
//!   Friday is the following Monday, or the Tuesday if that Monday is a bank
//!   holiday);
//! - "working day N" of a period that starts on a date is the N-th working
//!   day counting that date as day 1 if it is a working day.
//!
//! Every step checks that the day lies in a year the calendar knows, so a
//! count that runs past the known years is an error rather than a guess.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Calendar, CalendarError};

impl Calendar {
    /// Whether `date` is a working day: Monday to Friday and not a bank
    /// holiday of this calendar's division.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let list = self.list_for(date)?;
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Ok(false);
        }
        Ok(list.binary_search_by_key(&date, |h| h.date).is_err())
    }

    /// `date` itself if it is a working day, otherwise the first working day
    /// after it.
    pub fn next_working_day_on_or_after(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        while !self.is_working_day(day)? {
            day = self.day_after(day)?;
        }
        Ok(day)
    }

    /// The `n`-th working day strictly after `from`: "within `n` working days
    /// of `from`". Counting starts with the first working day after `from`,
    /// whether or not `from` is itself a working day. With `n` = 0 the answer
    /// is `from` itself, but `from` must still lie in a year the calendar
    /// knows, as every date asked about must.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.list_for(from)?;
        let mut day = from;
        for _ in 0..n {
            day = self.day_after(day)?;
            day = self.next_working_day_on_or_after(day)?;
        }
        Ok(day)
    }

    /// "Working day `n`" of a period starting on `first`: day 1 is the first
    /// working day on or after `first`, day 2 the working day after that,
    /// and so on. There is no working day 0.
    pub fn working_day_number(&self, first: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let Some(after_day_one) = n.checked_sub(1) else {
            return Err(CalendarError::NoWorkingDayZero);
        };
        let day_one = self.next_working_day_on_or_after(first)?;
        self.add_working_days(day_one, after_day_one)
    }

    /// The day after `date`. The end of chrono's own range is beyond any year
    /// a calendar knows, so running into it is reported as leaving the range.
    fn day_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        date.succ_opt().ok_or_else(|| self.out_of_range(date))
    }
}
