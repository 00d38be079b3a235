//! The standing rules that fix each year's bank holidays in England and
//! Wales, Scotland and Northern Ireland: the days named in Schedule 1 to the
//! Banking and Financial Dealings Act 1971, the days the Crown proclaims
//! every year by custom, the substitute-day convention, and the date of
//! Easter. One-off changes (jubilees, a state funeral and the like) are not
//! here; they are in `one_off.rs` and are applied on top of these rules.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Holiday;
use super::division::Division;
use super::one_off;

/// The recurring bank holidays, by what they are rather than by date, so that
/// a one-off proclamation can name the one it moves (see `one_off.rs`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    NewYear,
    SecondJanuary,
    StPatrick,
    GoodFriday,
    EasterMonday,
    EarlyMay,
    Spring,
    Boyne,
    Summer,
    StAndrew,
    Christmas,
    Boxing,
}

impl Kind {
    /// The title the government's bank-holidays.json uses, typographic
    /// apostrophes included, so that the built-in calendar and an imported
    /// feed read the same. A substitute day keeps the title of the day it
    /// stands in for, as it does in the government's list.
    pub(super) fn title(self) -> &'static str {
        match self {
            Kind::NewYear => "New Year’s Day",
            Kind::SecondJanuary => "2nd January",
            Kind::StPatrick => "St Patrick’s Day",
            Kind::GoodFriday => "Good Friday",
            Kind::EasterMonday => "Easter Monday",
            Kind::EarlyMay => "Early May bank holiday",
            Kind::Spring => "Spring bank holiday",
            Kind::Boyne => "Battle of the Boyne (Orangemen’s Day)",
            Kind::Summer => "Summer bank holiday",
            Kind::StAndrew => "St Andrew’s Day",
            Kind::Christmas => "Christmas Day",
            Kind::Boxing => "Boxing Day",
        }
    }
}

/// One bank holiday while a year's list is being assembled: what it is,
/// where it has landed, and the title it will be shown with.
#[derive(Clone, Debug)]
pub(super) struct Planned {
    pub(super) kind: Option<Kind>,
    pub(super) date: NaiveDate,
    pub(super) title: &'static str,
}

/// The bank holidays of one of the three separate divisions in `year`,
/// sorted by date, with the one-off changes of `one_off.rs` applied.
///
/// Returns `None` for `Division::AnyUk`, which has no rules of its own (see
/// `any_uk.rs`), and for a year so far out that chrono cannot represent its
/// dates; neither happens for the years a calendar is asked to build.
pub(super) fn holidays(division: Division, year: i32) -> Option<Vec<Holiday>> {
    let mut planned = standing(division, year)?;
    one_off::apply(division, year, &mut planned)?;
    planned.sort_by_key(|p| p.date);
    Some(
        planned
            .into_iter()
            .map(|p| Holiday {
                date: p.date,
                title: p.title.to_owned(),
            })
            .collect(),
    )
}

/// The year's holidays under the standing rules alone.
fn standing(division: Division, year: i32) -> Option<Vec<Planned>> {
    let easter = easter_sunday(year)?;
    let day = |month, day| NaiveDate::from_ymd_opt(year, month, day);

    // Days whose date moves with the calendar and so can never fall on a
    // weekend. Good Friday and Christmas Day are holidays at common law in
    // England, Wales and Northern Ireland rather than under the 1971 Act, but
    // they are treated identically and the government lists them alongside.
    let mut movable = vec![(Kind::GoodFriday, easter.checked_sub_days(Days::new(2))?)];
    match division {
        Division::EnglandAndWales | Division::NorthernIreland => {
            // Schedule 1, paragraphs 1 and 3: Easter Monday, the last Monday
            // in May and the last Monday in August. The first Monday in May
            // has been proclaimed every year since 1978 under section 1(3).
            movable.push((Kind::EasterMonday, easter.checked_add_days(Days::new(1))?));
            movable.push((Kind::EarlyMay, nth_monday(year, 5, 1)?));
            movable.push((Kind::Spring, last_monday(year, 5)?));
            movable.push((Kind::Summer, last_monday(year, 8)?));
        }
        Division::Scotland => {
            // Schedule 1, paragraph 2: the first Monday in May and the first
            // Monday in August. The spring holiday on the last Monday in May
            // is proclaimed every year under section 1(3). Scotland has no
            // Easter Monday bank holiday.
            movable.push((Kind::EarlyMay, nth_monday(year, 5, 1)?));
            movable.push((Kind::Spring, last_monday(year, 5)?));
            movable.push((Kind::Summer, nth_monday(year, 8, 1)?));
        }
        Division::AnyUk => return None,
    }

    // Days fixed to a date of the month, which need a substitute when they
    // fall on a weekend. Listed in date order, which `substitute` relies on.
    let mut fixed = vec![(Kind::NewYear, day(1, 1)?)];
    match division {
        Division::EnglandAndWales => {}
        Division::Scotland => {
            // Schedule 1, paragraph 2.
            fixed.push((Kind::SecondJanuary, day(1, 2)?));
        }
        Division::NorthernIreland => {
            // Schedule 1, paragraph 3, for St Patrick's Day; the Battle of
            // the Boyne holiday is proclaimed every year under section 1(3)
            // for Northern Ireland only.
            fixed.push((Kind::StPatrick, day(3, 17)?));
            fixed.push((Kind::Boyne, day(7, 12)?));
        }
        Division::AnyUk => return None,
    }
    if division == Division::Scotland {
        // St Andrew's Day Bank Holiday (Scotland) Act 2007, which added it to
        // paragraph 2 of Schedule 1 with its own weekend rule: the first
        // Monday after, which is what the general rule below gives too.
        fixed.push((Kind::StAndrew, day(11, 30)?));
    }
    fixed.push((Kind::Christmas, day(12, 25)?));
    fixed.push((Kind::Boxing, day(12, 26)?));

    let movable: Vec<Planned> = movable
        .into_iter()
        .map(|(kind, date)| Planned {
            kind: Some(kind),
            date,
            title: kind.title(),
        })
        .collect();
    let fixed = substitute(&fixed, &movable)?;
    Some(movable.into_iter().chain(fixed).collect())
}

/// Places the fixed-date holidays, moving each that falls on a Saturday or
/// Sunday to a substitute day.
///
/// The 1971 Act itself only spells out part of this (for example "27th
/// December in a year in which 25th or 26th December is a Sunday"); the rest
/// is supplied each year by royal proclamation, and the proclamations have
/// followed one convention for decades, which is what this implements: a day
/// on a weekday stays where it is, and each day on a weekend, taken in date
/// order, moves to the first weekday after it that is not already a bank
/// holiday. That gives, as the government's own lists show:
///
/// - Christmas on a Saturday: Christmas on Monday 27th, Boxing Day on
///   Tuesday 28th (2021);
/// - Christmas on a Sunday: Boxing Day stays on Monday 26th, Christmas moves
///   to Tuesday 27th (2016);
/// - Christmas on a Friday: Boxing Day moves to Monday 28th (2015, 2020);
/// - in Scotland, 1 January on a Saturday: Monday 3rd and Tuesday 4th
///   (2011, 2022); on a Friday: 2 January moves to Monday 4th (2016, 2021);
///   on a Sunday: 2 January stays on Monday 2nd and New Year's Day moves to
///   Tuesday 3rd (2017).
///
/// None of the fixed-date days can collide with a movable one: the weekend
/// substitutes for St Patrick's Day land on 18 or 19 March, before the
/// earliest Good Friday (20 March).
fn substitute(fixed: &[(Kind, NaiveDate)], movable: &[Planned]) -> Option<Vec<Planned>> {
    let mut taken: Vec<NaiveDate> = movable.iter().map(|p| p.date).collect();
    taken.extend(
        fixed
            .iter()
            .filter(|(_, date)| !is_weekend(*date))
            .map(|(_, date)| *date),
    );
    let mut placed = Vec::with_capacity(fixed.len());
    for &(kind, date) in fixed {
        let mut landed = date;
        if is_weekend(date) {
            landed = landed.succ_opt()?;
            while is_weekend(landed) || taken.contains(&landed) {
                landed = landed.succ_opt()?;
            }
            taken.push(landed);
        }
        placed.push(Planned {
            kind: Some(kind),
            date: landed,
            title: kind.title(),
        });
    }
    Some(placed)
}

/// Whether `date` is a Saturday or a Sunday.
pub(super) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n`-th Monday (counting from 1) of `month` in `year`.
fn nth_monday(year: i32, month: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
}

/// The last Monday of `month` in `year`.
fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = u64::from(last.weekday().num_days_from_monday());
    last.checked_sub_days(Days::new(back))
}

/// Easter Sunday in the Gregorian calendar, by the anonymous algorithm
/// (published in Nature in 1876 and usually credited to Meeus, Jones and
/// Butcher). It is exact for every Gregorian year and needs no table.
#[expect(
    clippy::many_single_char_names,
    reason = "the letters are the published algorithm's own, so it can be checked against it"
)]
pub(super) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        // Dates from the Church of England's published tables.
        let known = [
            (2000, 4, 23),
            (2008, 3, 23),
            (2010, 4, 4),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2030, 4, 21),
            (2038, 4, 25),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), Some(ymd(y, m, d)), "Easter {y}");
        }
    }

    #[test]
    fn last_monday_handles_month_ends() {
        assert_eq!(last_monday(2026, 5), Some(ymd(2026, 5, 25)));
        assert_eq!(last_monday(2026, 8), Some(ymd(2026, 8, 31)));
        assert_eq!(last_monday(2026, 12), Some(ymd(2026, 12, 28)));
    }

    #[test]
    fn any_uk_has_no_rules_of_its_own() {
        assert!(holidays(Division::AnyUk, 2026).is_none());
    }
}
