//! What a government bank-holiday list (`--holidays FILE`) silently changes
//! in the calendar, said out loud: a year it lists fewer bank holidays for
//! than the built-in calendar has (its list replaces the whole year, so the
//! days it leaves out become working days), and years between the list and
//! the built-in range, which are computed from the standing rules because
//! neither knows them. The file is still used; these are warnings, which
//! the command line prints.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::Datelike;

use super::error::MONTH_NAMES;
use super::feed::Feed;
use super::{BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR, Calendar, Division, Holiday, rules};

/// Something a bank-holiday list does to the calendar that its reader may
/// not expect. Each reads on from "`FILE` ": "`FILE` lists only ...".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedWarning {
    /// A year for which the list has fewer bank holidays than the built-in
    /// calendar (or, outside its years, the standing rules): `missing` are
    /// the built-in days the list does not have, which it turns into
    /// working days.
    FewerHolidays {
        division: Division,
        year: i32,
        listed: usize,
        builtin: usize,
        /// The year is outside the built-in calendar, so `builtin` counts
        /// what the standing rules give.
        by_rule: bool,
        missing: Vec<Holiday>,
    },
    /// Years between the list's and the built-in calendar's, computed from
    /// the standing rules.
    RuleYears {
        division: Division,
        listed: RangeInclusive<i32>,
        computed: RangeInclusive<i32>,
    },
}

/// The warnings for a parsed list, division by division, in year order.
#[must_use]
pub fn feed_warnings(feed: &Feed) -> Vec<FeedWarning> {
    let mut warnings = Vec::new();
    for division in feed.divisions() {
        let Some(listed) = feed.years(division) else {
            continue;
        };
        let builtin = Calendar::builtin(division);
        for year in listed.clone() {
            let (ours, by_rule) = match builtin.list(year) {
                Some(list) => (list.to_vec(), false),
                None => (rules::holidays(division, year).unwrap_or_default(), true),
            };
            let theirs = feed.holidays_in(division, year);
            if theirs.len() < ours.len() {
                let missing = ours
                    .iter()
                    .filter(|h| !theirs.iter().any(|t| t.date == h.date))
                    .cloned()
                    .collect();
                warnings.push(FeedWarning::FewerHolidays {
                    division,
                    year,
                    listed: theirs.len(),
                    builtin: ours.len(),
                    by_rule,
                    missing,
                });
            }
        }
        let (first, last) = (*listed.start(), *listed.end());
        let computed = if first > BUILTIN_LAST_YEAR + 1 {
            Some(BUILTIN_LAST_YEAR + 1..=first - 1)
        } else if last < BUILTIN_FIRST_YEAR - 1 {
            Some(last + 1..=BUILTIN_FIRST_YEAR - 1)
        } else {
            None
        };
        if let Some(computed) = computed {
            warnings.push(FeedWarning::RuleYears {
                division,
                listed,
                computed,
            });
        }
    }
    warnings
}

fn years(range: &RangeInclusive<i32>) -> String {
    if range.start() == range.end() {
        format!("{}", range.start())
    } else {
        format!("{} to {}", range.start(), range.end())
    }
}

/// `Christmas Day (25 December)`.
fn day(h: &Holiday) -> String {
    let month = MONTH_NAMES
        .get(h.date.month0() as usize)
        .copied()
        .unwrap_or("?");
    format!("{} ({} {month})", h.title, h.date.day())
}

impl fmt::Display for FeedWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedWarning::FewerHolidays {
                division,
                year,
                listed,
                builtin,
                by_rule,
                missing,
            } => {
                let days: Vec<String> = missing.iter().map(day).collect();
                let plural = if *listed == 1 { "" } else { "s" };
                let ours = if *by_rule {
                    "the standing rules give"
                } else {
                    "the built-in calendar has"
                };
                write!(
                    f,
                    "lists only {listed} bank holiday{plural} for {} in {year}, where {ours} \
                     {builtin}; its list replaces the whole year, so \
                     these count as working days in {year}: {}. If the file is not the \
                     government's whole list, leave out `--holidays` or add the rest of \
                     {year}",
                    division.describe(),
                    days.join(", ")
                )
            }
            FeedWarning::RuleYears {
                division,
                listed,
                computed,
            } => {
                let (side, edge) = if computed.end() < listed.start() {
                    ("ends", BUILTIN_LAST_YEAR)
                } else {
                    ("starts", BUILTIN_FIRST_YEAR)
                };
                let (noun, verb) = if computed.start() == computed.end() {
                    ("the year", "is")
                } else {
                    ("the years", "are")
                };
                write!(
                    f,
                    "lists {} for {} only, and the built-in calendar {side} in {edge}, so \
                     {noun} {} in between {verb} computed from the standing rules: a bank \
                     holiday proclaimed for {} is not known",
                    division.describe(),
                    years(listed),
                    years(computed),
                    if computed.start() == computed.end() {
                        "it"
                    } else {
                        "them"
                    }
                )
            }
        }
    }
}
