//! The table of one-off changes to the standing rules: bank holidays moved to
//! another date, and extra bank holidays, each made by royal proclamation
//! under section 1 of the Banking and Financial Dealings Act 1971. Section
//! 1(2) lets the Crown replace a day named in Schedule 1 by another day, and
//! section 1(3) lets it appoint an extra day; the yearly customary days
//! (such as the early May bank holiday in England and Wales) are themselves
//! made under section 1(3), so moving one is simply proclaiming a different
//! date that year.
//!
//! Only changes announced when this table was written are here. A later
//! proclamation can add or move a day in any year this crate computes from
//! the rules; loading the government's current list with `--holidays FILE`
//! is the way to take account of it.

use chrono::NaiveDate;

use super::division::Division;
use super::rules::{Kind, Planned};

/// What a proclamation did to one year's list.
enum Change {
    /// The holiday of this kind is held on another date, and from then on is
    /// listed under `title`.
    Moved {
        kind: Kind,
        to: (u32, u32),
        title: &'static str,
    },
    /// An extra bank holiday.
    Extra { on: (u32, u32), title: &'static str },
}

/// One row of the table.
struct OneOff {
    year: i32,
    change: Change,
    /// The divisions the proclamation covered. Every change so far has
    /// covered the whole United Kingdom.
    divisions: &'static [Division],
}

/// The three divisions together, for proclamations that covered the UK.
const UK: &[Division] = &Division::SEPARATE;

/// Every one-off change from 2010 onwards. The titles are the ones the
/// government's bank-holidays.json uses for these days where we know them.
const TABLE: &[OneOff] = &[
    // The wedding of Prince William and Catherine Middleton: an extra bank
    // holiday on Friday 29 April 2011 throughout the UK, appointed by
    // proclamation under section 1(3). The government's current JSON list
    // starts after 2011, so the title here is ours, not copied from it.
    OneOff {
        year: 2011,
        change: Change::Extra {
            on: (4, 29),
            title: "Royal wedding",
        },
        divisions: UK,
    },
    // The Queen's Diamond Jubilee: the spring bank holiday was moved from
    // Monday 28 May to Monday 4 June 2012, and Tuesday 5 June 2012 was an
    // extra bank holiday, throughout the UK, by proclamation under section
    // 1(2) and 1(3).
    OneOff {
        year: 2012,
        change: Change::Moved {
            kind: Kind::Spring,
            to: (6, 4),
            title: "Spring bank holiday",
        },
        divisions: UK,
    },
    OneOff {
        year: 2012,
        change: Change::Extra {
            on: (6, 5),
            title: "Queen’s Diamond Jubilee",
        },
        divisions: UK,
    },
    // The 75th anniversary of VE Day: the early May bank holiday was moved
    // from Monday 4 May to Friday 8 May 2020 throughout the UK. The title is
    // the government's, as in tests/data/bank-holidays-2015-2021.json.
    OneOff {
        year: 2020,
        change: Change::Moved {
            kind: Kind::EarlyMay,
            to: (5, 8),
            title: "Early May bank holiday (VE day)",
        },
        divisions: UK,
    },
    // The Queen's Platinum Jubilee: the spring bank holiday was moved from
    // Monday 30 May to Thursday 2 June 2022, and Friday 3 June 2022 was an
    // extra bank holiday, throughout the UK.
    OneOff {
        year: 2022,
        change: Change::Moved {
            kind: Kind::Spring,
            to: (6, 2),
            title: "Spring bank holiday",
        },
        divisions: UK,
    },
    OneOff {
        year: 2022,
        change: Change::Extra {
            on: (6, 3),
            title: "Platinum Jubilee bank holiday",
        },
        divisions: UK,
    },
    // The State Funeral of Queen Elizabeth II: an extra bank holiday on
    // Monday 19 September 2022 throughout the UK, proclaimed in September
    // 2022 under section 1(3).
    OneOff {
        year: 2022,
        change: Change::Extra {
            on: (9, 19),
            title: "Bank Holiday for the State Funeral of Queen Elizabeth II",
        },
        divisions: UK,
    },
    // The Coronation of King Charles III: an extra bank holiday on Monday 8
    // May 2023 throughout the UK, proclaimed under section 1(3). The early
    // May bank holiday on Monday 1 May 2023 was not moved.
    OneOff {
        year: 2023,
        change: Change::Extra {
            on: (5, 8),
            title: "Bank holiday for the coronation of King Charles III",
        },
        divisions: UK,
    },
];

/// Applies the table's changes for `division` and `year` to the list built
/// from the standing rules. Returns `None` only if a table date does not
/// exist, which the tests below rule out.
pub(super) fn apply(division: Division, year: i32, planned: &mut Vec<Planned>) -> Option<()> {
    for row in TABLE
        .iter()
        .filter(|row| row.year == year && row.divisions.contains(&division))
    {
        match row.change {
            Change::Moved {
                kind,
                to: (month, day),
                title,
            } => {
                let to = NaiveDate::from_ymd_opt(year, month, day)?;
                // A division without this kind of holiday (Scotland has no
                // Easter Monday, say) has nothing to move.
                for p in planned.iter_mut().filter(|p| p.kind == Some(kind)) {
                    p.date = to;
                    p.title = title;
                }
            }
            Change::Extra {
                on: (month, day),
                title,
            } => planned.push(Planned {
                kind: None,
                date: NaiveDate::from_ymd_opt(year, month, day)?,
                title,
            }),
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn every_table_date_exists_and_is_a_weekday() {
        for row in TABLE {
            let (month, day) = match row.change {
                Change::Moved { to, .. } => to,
                Change::Extra { on, .. } => on,
            };
            let date = NaiveDate::from_ymd_opt(row.year, month, day).unwrap();
            assert!(
                date.weekday().num_days_from_monday() < 5,
                "{date} falls on a weekend"
            );
        }
    }
}
