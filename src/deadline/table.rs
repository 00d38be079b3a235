//! The working days of a calendar's known years, as a table of running
//! counts, so that every working-day question is an index or two. It
//! answers exactly as `Calendar` does (a unit test compares them day by
//! day), only faster.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{Calendar, CalendarError, Division};

/// Every day of a calendar's known years, marked working or not, with
/// running counts, so that each working-day question is an index or two.
///
/// It answers exactly as `Calendar::is_working_day`, `add_working_days` and
/// `next_working_day_on_or_after` do (a unit test compares them day by
/// day); it only answers faster.
#[derive(Clone, Debug)]
pub struct DayTable {
    division: Division,
    first_year: i32,
    last_year: i32,
    /// 1 January of `first_year`.
    first: NaiveDate,
    /// `through[i]`: how many working days there are from `first` to
    /// `first + i` days, both included.
    through: Vec<u32>,
    /// `working[k]`: the index (days after `first`) of the (k+1)-th working
    /// day.
    working: Vec<u32>,
}

impl DayTable {
    /// The table for every year `calendar` knows.
    #[must_use]
    pub fn new(calendar: &Calendar) -> DayTable {
        let years = calendar.years();
        let (first_year, last_year) = (*years.start(), *years.end());
        let first = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default();
        let mut through = Vec::new();
        let mut working = Vec::new();
        let mut count = 0u32;
        let days = first
            .iter_days()
            .take_while(|day| day.year() <= last_year)
            .zip(0u32..);
        for (day, index) in days {
            // INVARIANT: every day from `first` to the end of `last_year`
            // lies in a known year, so the calendar answers; an error would
            // be a bug in the calendar, and the day is then not a working
            // day, which can only make a deadline later, never earlier.
            if calendar.is_working_day(day).unwrap_or(false) {
                working.push(index);
                count += 1;
            }
            through.push(count);
        }
        DayTable {
            division: calendar.division(),
            first_year,
            last_year,
            first,
            through,
            working,
        }
    }

    /// The division whose bank holidays the table follows.
    #[must_use]
    pub fn division(&self) -> Division {
        self.division
    }

    /// The first and last day the table knows.
    #[must_use]
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let last = NaiveDate::from_ymd_opt(self.last_year, 12, 31).unwrap_or(self.first);
        (self.first, last)
    }

    /// Whether `date` lies in a year the table knows.
    #[must_use]
    pub fn knows(&self, date: NaiveDate) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    /// The error for a date outside the known years.
    pub(super) fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            division: self.division,
            date,
            first_year: self.first_year,
            last_year: self.last_year,
        }
    }

    /// The first day after the known years, for counts that run off the end.
    fn beyond(&self) -> CalendarError {
        let date =
            NaiveDate::from_ymd_opt(self.last_year.saturating_add(1), 1, 1).unwrap_or(self.first);
        self.out_of_range(date)
    }

    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        if !self.knows(date) {
            return Err(self.out_of_range(date));
        }
        usize::try_from((date - self.first).num_days()).map_err(|_| self.out_of_range(date))
    }

    fn date_at(&self, index: u32) -> NaiveDate {
        self.first
            .checked_add_days(chrono::Days::new(u64::from(index)))
            .unwrap_or(self.first)
    }

    /// How many working days there are from the first known day up to and
    /// including `index`.
    fn through(&self, index: usize) -> u32 {
        self.through.get(index).copied().unwrap_or(0)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.index(date)?;
        let before = if i == 0 { 0 } else { self.through(i - 1) };
        Ok(self.through(i) > before)
    }

    /// `date` if it is a working day, otherwise the first working day after
    /// it.
    pub fn next_working_day_on_or_after(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, CalendarError> {
        let i = self.index(date)?;
        let before = if i == 0 { 0 } else { self.through(i - 1) };
        self.nth_working(before)
    }

    /// The `n`-th working day strictly after `from` ("within `n` working
    /// days of `from`"); `from` itself when `n` is 0.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(from)?;
        if n == 0 {
            return Ok(from);
        }
        // The working days up to and including `from` are numbered
        // 0..through(i); the n-th one after `from` has number through(i)+n-1.
        let k = self
            .through(i)
            .checked_add(n - 1)
            .ok_or_else(|| self.beyond())?;
        self.nth_working(k)
    }

    /// The working day numbered `k` (from 0) since the first known day.
    fn nth_working(&self, k: u32) -> Result<NaiveDate, CalendarError> {
        let index = usize::try_from(k).map_err(|_| self.beyond())?;
        self.working
            .get(index)
            .map(|&i| self.date_at(i))
            .ok_or_else(|| self.beyond())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_answers_as_the_calendar_does() {
        for division in Division::ALL {
            let calendar = Calendar::builtin(division);
            let table = DayTable::new(&calendar);
            let mut day = d(2021, 12, 1);
            while day < d(2024, 1, 31) {
                assert_eq!(
                    table.is_working_day(day),
                    calendar.is_working_day(day),
                    "{day}"
                );
                assert_eq!(
                    table.next_working_day_on_or_after(day),
                    calendar.next_working_day_on_or_after(day),
                    "{day}"
                );
                for n in [0, 1, 2, 5, 10, 23] {
                    assert_eq!(
                        table.add_working_days(day, n),
                        calendar.add_working_days(day, n),
                        "{division:?} {day} + {n}"
                    );
                }
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn the_table_refuses_what_the_calendar_refuses() {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let table = DayTable::new(&calendar);
        for (from, n) in [
            (d(2030, 12, 20), 10),
            (d(2031, 1, 2), 0),
            (d(2009, 12, 31), 1),
        ] {
            assert!(calendar.add_working_days(from, n).is_err());
            assert!(table.add_working_days(from, n).is_err(), "{from} + {n}");
        }
        assert_eq!(
            table.add_working_days(d(2030, 12, 20), 10),
            Err(CalendarError::OutOfRange {
                division: Division::EnglandAndWales,
                date: d(2031, 1, 1),
                first_year: 2010,
                last_year: 2030,
            })
        );
        assert!(table.add_working_days(d(2020, 1, 1), u32::MAX).is_err());
    }
}
