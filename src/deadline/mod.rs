//! Deadlines as calendar dates: when a day number or a time limit of a
//! procedure falls, for a concern that arose on a given date.
//!
//! This is the one place the meaning of day numbers and durations is
//! implemented, and it must stay in step with `docs/language.md`, section
//! "Days, dates and deadlines". The timeline (`timeline.rs`) and the
//! date-exact checks (`checks/dates.rs`) both use it; neither counts days
//! itself. It reads the model only, never prints, and never guesses: a date
//! outside the years the bank-holiday calendar knows is an error.
//!
//! In short:
//!
//! - day 1 is the day the concern arose (or the day after, if the policy
//!   says so); with working days it is the first working day on or after
//!   that day;
//! - day N is day 1 plus N-1 calendar days, or the N-th working day;
//! - `on day N`, `by day N` and `no later than day N` end with day N;
//! - `within N hours` ends at the latest on the anchor's day plus N/24
//!   days, rounded up;
//! - `within N working days` ends on the N-th working day strictly after
//!   the anchor's day; `within N calendar days` on the anchor's day plus N;
//! - a duration counts from the stage starting (at the latest, for these
//!   dates) unless it says `of the concern arising`, which counts from day 1;
//! - of two limits joined by `whichever is sooner`, the earlier date applies.
//!
//! Working days are looked up in a `DayTable` (`table.rs`), built once per
//! calendar, so that the date-exact checks can try every date in a two-year
//! window in well under a millisecond. `plan.rs` dates a whole policy along
//! its chain of stages.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::ast::DayOne;
use crate::calendar::{Calendar, CalendarError, Division, Feed, long_date};
use crate::model::{Anchor, DayUnit, Limit, LimitKind, PolicyHeader};

mod plan;
mod table;

pub use plan::{Chain, Plan, RouteDates, StageDates, stage_duties};
pub use table::DayTable;

/// Which bank holidays deadlines are counted with, when the command line
/// says (`--calendar`, `--holidays FILE`). The default follows each policy's
/// own `holidays` line and the built-in calendar.
#[derive(Clone, Debug, Default)]
pub struct HolidaySource {
    /// `--calendar`: used instead of the policy's `holidays` line.
    pub division: Option<Division>,
    /// `--holidays FILE`: the government's list, taken into account on top
    /// of the built-in calendar.
    pub feed: Option<Feed>,
}

impl HolidaySource {
    /// The division whose bank holidays apply to a policy that names
    /// `policy` in its `holidays` line (the command line wins).
    #[must_use]
    pub fn division_for(&self, policy: Option<Division>) -> Option<Division> {
        self.division.or(policy)
    }

    /// The calendar for a policy whose `holidays` line names `policy`, or
    /// `None` when neither the policy nor the command line names one.
    #[must_use]
    pub fn calendar_for(&self, policy: Option<Division>) -> Option<Calendar> {
        let calendar = Calendar::builtin(self.division_for(policy)?);
        Some(match &self.feed {
            Some(feed) => calendar.with_feed(feed),
            None => calendar,
        })
    }
}

/// How a policy counts its days: its header's `days are ...` and
/// `day 1 is ...` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counting {
    /// `CalendarDays` or `WorkingDays`; never `Hours`.
    pub unit: DayUnit,
    pub day_one: DayOne,
}

impl Counting {
    /// The counting a header states. A header that does not say is already
    /// an error (L012); it is read as calendar days from the day the concern
    /// arose, as the checks read it, so that nothing here panics.
    #[must_use]
    pub fn of(header: &PolicyHeader) -> Counting {
        Counting {
            unit: match header.day_kind {
                Some(DayUnit::WorkingDays) => DayUnit::WorkingDays,
                _ => DayUnit::CalendarDays,
            },
            day_one: header.day_one.unwrap_or(DayOne::DayConcernArose),
        }
    }
}

/// Why a deadline has no date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeadlineError {
    /// The bank-holiday calendar does not know a year the count runs into.
    Calendar(CalendarError),
    /// Working days were asked for, but no bank-holiday calendar is named.
    NoCalendar,
    /// A date beyond any calendar (a mistyped day number in the millions).
    TooFar,
    /// Day 0: days are counted from 1.
    DayZero,
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeadlineError::Calendar(e) => e.fmt(f),
            DeadlineError::NoCalendar => f.write_str(
                "working days are used but no bank-holiday calendar is named; add a `holidays` \
                 line to the policy or give `--calendar`",
            ),
            DeadlineError::TooFar => f.write_str("a deadline falls beyond any calendar"),
            DeadlineError::DayZero => f.write_str("days are counted from 1, so there is no day 0"),
        }
    }
}

impl std::error::Error for DeadlineError {}

impl From<CalendarError> for DeadlineError {
    fn from(e: CalendarError) -> Self {
        DeadlineError::Calendar(e)
    }
}

/// One concern, raised on a date, under one policy's counting: the
/// questions "when is day N?" and "when does this limit end?".
///
/// [`crate::timeline::build`] answers them for every limit of a policy;
/// use a `Concern` directly to date a single limit or day number.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use ladder::ast::DayOne;
/// use ladder::calendar::{Calendar, Division};
/// use ladder::deadline::{Concern, Counting, DayTable};
/// use ladder::model::DayUnit;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let table = DayTable::new(&Calendar::builtin(Division::EnglandAndWales));
/// let working = Counting { unit: DayUnit::WorkingDays, day_one: DayOne::DayConcernArose };
/// // Raised on Easter Saturday: day 1 is Tuesday 7 April, after Easter Monday.
/// let concern = Concern::new(d(4, 4), working, Some(&table)).unwrap();
/// assert_eq!(concern.day_one(), d(4, 7));
/// assert_eq!(concern.day(3).unwrap(), d(4, 9));
/// // "Within 2 working days" of Thursday 2 April: Good Friday and Easter
/// // Monday are not working days, so Wednesday 8 April.
/// assert_eq!(concern.after(d(4, 2), 2, DayUnit::WorkingDays).unwrap(), d(4, 8));
/// // "Within 48 hours" ends on the second day after, at the latest.
/// assert_eq!(concern.after(d(4, 2), 48, DayUnit::Hours).unwrap(), d(4, 4));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Concern<'t> {
    days: Option<&'t DayTable>,
    counting: Counting,
    raised: NaiveDate,
    day_one: NaiveDate,
}

impl<'t> Concern<'t> {
    /// A concern raised on `raised`. `days` is the working-day table of the
    /// policy's calendar; without one, only calendar days and hours can be
    /// counted. With one, every date asked about must lie in its years.
    pub fn new(
        raised: NaiveDate,
        counting: Counting,
        days: Option<&'t DayTable>,
    ) -> Result<Concern<'t>, DeadlineError> {
        let mut concern = Concern {
            days,
            counting,
            raised,
            day_one: raised,
        };
        concern.known(raised)?;
        let base = match counting.day_one {
            DayOne::DayConcernArose => raised,
            DayOne::DayAfter => concern.plus_days(raised, 1)?,
        };
        concern.day_one = match counting.unit {
            DayUnit::WorkingDays => concern.table()?.next_working_day_on_or_after(base)?,
            _ => base,
        };
        Ok(concern)
    }

    /// The date the concern arose.
    #[must_use]
    pub fn raised(&self) -> NaiveDate {
        self.raised
    }

    /// The date of day 1.
    #[must_use]
    pub fn day_one(&self) -> NaiveDate {
        self.day_one
    }

    /// The date of day `n` of the policy's kind.
    pub fn day(&self, n: u32) -> Result<NaiveDate, DeadlineError> {
        let after = n.checked_sub(1).ok_or(DeadlineError::DayZero)?;
        match self.counting.unit {
            DayUnit::WorkingDays => Ok(self.table()?.add_working_days(self.day_one, after)?),
            _ => self.plus_days(self.day_one, after),
        }
    }

    /// The last day of "within `amount` `unit` of `anchor`", where `anchor`
    /// is the date of the anchor (the stage starting, or day 1).
    pub fn after(
        &self,
        anchor: NaiveDate,
        amount: u32,
        unit: DayUnit,
    ) -> Result<NaiveDate, DeadlineError> {
        match unit {
            DayUnit::Hours => self.plus_days(anchor, amount.div_ceil(24)),
            DayUnit::CalendarDays => self.plus_days(anchor, amount),
            DayUnit::WorkingDays => {
                self.known(anchor)?;
                Ok(self.table()?.add_working_days(anchor, amount)?)
            }
        }
    }

    /// The last day a limit allows, counting from `from` where the limit
    /// counts from something the caller knows the date of (the stage
    /// starting, the stage before concluding, the meeting, the duty
    /// before); `Ok(None)` when that has no date, or when the limit has no
    /// date by its nature (`without delay`, `case by case`).
    pub fn limit(
        &self,
        limit: &Limit,
        from: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>, DeadlineError> {
        let anchor = match limit.anchor {
            // A clock does not wait for day 1: hours count from the
            // moment the concern arose, even when day 1 is the day after.
            // Days and working days count from day 1.
            Anchor::ConcernArising if limit.unit == DayUnit::Hours => Some(self.raised),
            Anchor::ConcernArising => Some(self.day_one),
            _ => from,
        };
        match limit.kind {
            LimitKind::On | LimitKind::By => self.day(limit.amount).map(Some),
            LimitKind::Within => anchor
                .map(|a| self.after(a, limit.amount, limit.unit))
                .transpose(),
            // At once, or on the same day: the day of what it counts from.
            LimitKind::Immediately | LimitKind::SameDay | LimitKind::BeforeMeetingEnds => {
                Ok(anchor)
            }
            LimitKind::WithoutDelay | LimitKind::CaseByCase => Ok(None),
        }
    }

    fn table(&self) -> Result<&'t DayTable, DeadlineError> {
        self.days.ok_or(DeadlineError::NoCalendar)
    }

    /// Checks that `date` lies in the calendar's years, when there is a
    /// calendar: dates outside it are never reported as if they were known.
    fn known(&self, date: NaiveDate) -> Result<NaiveDate, DeadlineError> {
        match self.days {
            Some(table) if !table.knows(date) => Err(table.out_of_range(date).into()),
            _ => Ok(date),
        }
    }

    fn plus_days(&self, date: NaiveDate, days: u32) -> Result<NaiveDate, DeadlineError> {
        let date = date
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .ok_or(DeadlineError::TooFar)?;
        self.known(date)
    }
}

/// The English name of a weekday.
#[must_use]
pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A date as a British reader says it: "Thursday 24 December 2026".
#[must_use]
pub fn spoken_date(date: NaiveDate) -> String {
    format!("{} {}", weekday_name(date), long_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn day_numbers_follow_the_policy_counting() {
        let calendar = Calendar::builtin(Division::EnglandAndWales);
        let table = DayTable::new(&calendar);
        let working = Counting {
            unit: DayUnit::WorkingDays,
            day_one: DayOne::DayConcernArose,
        };
        // Saturday 4 April 2026, the Easter weekend: day 1 is Tuesday 7 April.
        let concern = Concern::new(d(2026, 4, 4), working, Some(&table)).unwrap();
        assert_eq!(concern.day(1).unwrap(), d(2026, 4, 7));
        assert_eq!(concern.day(3).unwrap(), d(2026, 4, 9));
        assert_eq!(concern.day(0), Err(DeadlineError::DayZero));
        let calendar_days = Counting {
            unit: DayUnit::CalendarDays,
            day_one: DayOne::DayAfter,
        };
        let concern = Concern::new(d(2026, 3, 2), calendar_days, None).unwrap();
        assert_eq!(concern.day(9).unwrap(), d(2026, 3, 11));
        assert_eq!(
            concern.after(d(2026, 3, 2), 5, DayUnit::WorkingDays),
            Err(DeadlineError::NoCalendar)
        );
        assert_eq!(concern.day(u32::MAX), Err(DeadlineError::TooFar));
    }
}
