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
//! Working days are looked up in a `DayTable`, built once per calendar, so
//! that the date-exact checks can try every date in a two-year window in
//! well under a millisecond.

use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::ast::DayOne;
use crate::calendar::{Calendar, CalendarError, Division, Feed, long_date};
use crate::model::{
    Anchor, DayUnit, Duty, DutyKind, Limit, LimitKind, Policy, PolicyHeader, Stage, StageEvent,
    StageKey, Target,
};

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
    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
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

/// One concern, raised on a date, under one policy's counting: the
/// questions "when is day N?" and "when does this limit end?".
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

    /// The dates of every stage and step of `policy` for this concern, in
    /// the order of `Policy::all_stages`, chained: a stage with no `start`
    /// of its own starts, at the latest, when the stage that escalates to
    /// it must conclude (the first stage of the main ladder on day 1), and
    /// its durations count from there. These are latest-possible plan
    /// dates: each is the last day the procedure allows if every stage
    /// before it took all its time.
    pub fn plan(&self, policy: &Policy) -> Result<Plan, DeadlineError> {
        let stages: Vec<&Stage> = policy.all_stages().collect();
        let index: HashMap<&StageKey, usize> = stages
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.key, i))
            .collect();
        // Who escalates to each stage, in order.
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); stages.len()];
        for (i, stage) in stages.iter().enumerate() {
            for outcome in &stage.outcomes {
                if let Target::Stage { to: Some(key), .. } = &outcome.target
                    && let Some(&j) = index.get(key)
                    && j > i
                    && !before[j].contains(&i)
                {
                    before[j].push(i);
                }
            }
        }
        let mut dates: Vec<StageDates> = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            // The latest the stages before it may conclude.
            let mut after: Option<(NaiveDate, usize)> = None;
            for &b in &before[i] {
                if let Some((date, _)) = dates.get(b).and_then(StageDates::conclude)
                    && after.is_none_or(|(d, _)| date > d)
                {
                    after = Some((date, b));
                }
            }
            let first_of_ladder = i == 0 && stage.key.procedure.is_none();
            let chained = match (after, first_of_ladder) {
                (Some((date, b)), _) => Some((date, Chain::After(stages[b].key.clone()))),
                (None, true) => Some((self.day_one, Chain::DayOne)),
                (None, false) => None,
            };
            let these = self.stage_dates(stage, &policy.every_stage, chained, &dates, &index)?;
            dates.push(these);
        }
        let overall = match &policy.overall {
            Some(limit) => self.limit(limit, Some(self.day_one))?,
            None => None,
        };
        Ok(Plan {
            stages: dates,
            overall,
        })
    }

    /// One stage's dates, given where the chain puts its start and the
    /// dates of the stages before it.
    fn stage_dates(
        &self,
        stage: &Stage,
        every: &[Duty],
        chained: Option<(NaiveDate, Chain)>,
        done: &[StageDates],
        index: &HashMap<&StageKey, usize>,
    ) -> Result<StageDates, DeadlineError> {
        // What another stage's event is dated, if it is dated yet.
        let stage_event = |anchor: &Anchor| -> Option<NaiveDate> {
            let Anchor::Stage {
                to: Some(key),
                event,
                ..
            } = anchor
            else {
                return None;
            };
            let other = done.get(*index.get(key)?)?;
            match event {
                StageEvent::Starting => other.start,
                StageEvent::Concluding | StageEvent::EndingUnresolved => {
                    other.conclude().map(|(d, _)| d)
                }
            }
        };
        let chain_date = chained.as_ref().map(|(d, _)| *d);
        let (start, start_chain) = match &stage.start {
            Some(limit) => {
                let from = match &limit.anchor {
                    a @ Anchor::Stage { .. } => stage_event(a),
                    // A start counts from the stage before concluding.
                    _ => chain_date,
                };
                (self.limit(limit, from)?, None)
            }
            None => (chain_date, chained.map(|(_, c)| c)),
        };
        // The meeting's date: the first `meet` duty that has one. A stage
        // that concludes "before the meeting ends" needs it first.
        let meeting_duty = stage
            .duties
            .iter()
            .find(|d| matches!(d.kind, DutyKind::Meet(_)) && d.within.is_some());
        let mut meeting: Option<NaiveDate> = None;
        if let Some(duty) = meeting_duty
            && let Some(limit) = &duty.within
            && !matches!(limit.anchor, Anchor::Meeting | Anchor::PreviousDuty)
        {
            let from = match &limit.anchor {
                a @ Anchor::Stage { .. } => stage_event(a),
                _ => start,
            };
            meeting = self.limit(limit, from)?;
        }
        let concludes = stage
            .conclude
            .iter()
            .map(|limit| {
                let from = match &limit.anchor {
                    a @ Anchor::Stage { .. } => stage_event(a),
                    Anchor::Meeting => meeting,
                    _ if limit.kind == LimitKind::BeforeMeetingEnds => meeting,
                    _ => start,
                };
                self.limit(limit, from)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut duties = Vec::new();
        // `a further` counts from the timed duty before in the same block:
        // the stage's own duties, its panel's and `every stage` are three.
        let panel: &[Duty] = stage.panel.as_ref().map_or(&[], |p| p.duties.as_slice());
        let blocks: [&[Duty]; 3] = [&stage.duties, panel, every];
        for duty_block in blocks {
            let mut previous: Option<NaiveDate> = None;
            for duty in duty_block {
                let mut due = None;
                for limit in duty.within.iter().chain(duty.within_also.iter()) {
                    let from = match &limit.anchor {
                        a @ Anchor::Stage { .. } => stage_event(a),
                        Anchor::Meeting => meeting,
                        Anchor::PreviousDuty => previous,
                        _ if limit.kind == LimitKind::BeforeMeetingEnds => meeting,
                        _ => start,
                    };
                    // The earlier of two limits governs, whether they are two
                    // limits of which the sooner applies or one in two units.
                    if let Some(date) = self.limit(limit, from)? {
                        due = Some(due.map_or(date, |d: NaiveDate| d.min(date)));
                    }
                }
                if due.is_some() {
                    previous = due;
                }
                duties.push(due);
            }
        }
        Ok(StageDates {
            start,
            start_chain,
            concludes,
            duties,
        })
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

/// The dates of every stage of a policy for one concern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// In the order of `Policy::all_stages`.
    pub stages: Vec<StageDates>,
    /// The date of the limit on the whole procedure, if there is one.
    pub overall: Option<NaiveDate>,
}

/// Where a stage with no `start` of its own starts in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chain {
    /// The first stage of the main ladder starts on day 1.
    DayOne,
    /// When this stage must conclude (the latest of those that escalate to
    /// it).
    After(StageKey),
}

/// The duties a stage's deadlines are counted for, in the order of
/// `StageDates::duties`: the stage's own duties, then its panel's, then
/// `every`, the policy's `every stage` duties, which are timed at each
/// stage. The checks and the timeline index duties by this order.
pub fn stage_duties<'a>(stage: &'a Stage, every: &'a [Duty]) -> impl Iterator<Item = &'a Duty> {
    stage
        .duties
        .iter()
        .chain(stage.panel.iter().flat_map(|p| p.duties.iter()))
        .chain(every)
}

/// The dates of one stage for one concern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageDates {
    /// The latest day the stage may start, if its start has a date.
    pub start: Option<NaiveDate>,
    /// Where `start` comes from when the stage has no `start` of its own.
    pub start_chain: Option<Chain>,
    /// Each conclusion limit's date, in the order of `Stage::conclude`.
    pub concludes: Vec<Option<NaiveDate>>,
    /// Each duty's due date, in the order of `stage_duties`: the stage's
    /// own, its panel's, then the policy's `every stage` duties; `None` for
    /// a duty with no time limit or one counted from something with no
    /// date. Of two limits on one duty, the earlier date.
    pub duties: Vec<Option<NaiveDate>>,
}

impl StageDates {
    /// The date the stage must conclude by: the sooner of its conclusion
    /// limits that have a date, with the index of the one that applies.
    /// `None` when none has a date. (A limit counted from a start with no
    /// date is left out, as the day-number checks leave it out.)
    #[must_use]
    pub fn conclude(&self) -> Option<(NaiveDate, usize)> {
        let mut best: Option<(NaiveDate, usize)> = None;
        for (i, date) in self.concludes.iter().enumerate() {
            let Some(date) = *date else { continue };
            if best.is_none_or(|(b, _)| date < b) {
                best = Some((date, i));
            }
        }
        best
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
