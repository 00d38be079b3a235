//! The any-UK calendar: a day is a bank holiday if it is one in England and
//! Wales, in Scotland or in Northern Ireland. This is how section 10(6) of
//! the Freedom of Information Act 2000 counts working days ("a bank holiday
//! under the Banking and Financial Dealings Act 1971 in any part of the
//! United Kingdom"), and the safe choice for a board whose partners work
//! across the border. This file owns the union and the titles it gives.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::division::Division;
use super::{Calendar, Holiday};

/// Builds the any-UK calendar from the three separate calendars.
///
/// It knows the years all three know (with the built-in calendars, 2010 to
/// 2030; a feed that reaches further for only one division does not extend
/// it, since the union would be incomplete).
pub(super) fn union_of(members: Vec<Calendar>) -> Calendar {
    let first = members
        .iter()
        .map(|m| *m.years().start())
        .max()
        .unwrap_or(super::BUILTIN_FIRST_YEAR);
    let last = members
        .iter()
        .map(|m| *m.years().end())
        .min()
        .unwrap_or(super::BUILTIN_LAST_YEAR);
    let by_year = (first..=last)
        .map(|year| {
            let lists: Vec<(Division, &[Holiday])> = members
                .iter()
                .filter_map(|m| Some((m.division(), m.list(year)?)))
                .collect();
            merge(&lists)
        })
        .collect();
    Calendar {
        division: Division::AnyUk,
        first_year: first,
        by_year,
        members,
    }
}

/// Merges the lists of one year into one list sorted by date.
///
/// Titles: where all three divisions give a day the same title, that title
/// is kept as it is ("Christmas Day"). Otherwise each distinct title is
/// followed by the divisions that hold it, and the titles are joined with a
/// semicolon in the divisions' usual order (England and Wales, Scotland,
/// Northern Ireland), for example "St Patrick’s Day (Northern Ireland)" or,
/// on 2 January 2017, "New Year’s Day (England and Wales, Northern
/// Ireland); 2nd January (Scotland)". That way a reader learns both why the
/// day is not a working day and where.
fn merge(lists: &[(Division, &[Holiday])]) -> Vec<Holiday> {
    // For each date, the titles in order of first appearance, each with the
    // divisions that use it.
    let mut days: BTreeMap<NaiveDate, Vec<(&str, Vec<Division>)>> = BTreeMap::new();
    for (division, list) in lists {
        for holiday in *list {
            let titles = days.entry(holiday.date).or_default();
            match titles.iter_mut().find(|(t, _)| *t == holiday.title) {
                Some((_, holders)) => holders.push(*division),
                None => titles.push((holiday.title.as_str(), vec![*division])),
            }
        }
    }
    days.into_iter()
        .map(|(date, titles)| Holiday {
            date,
            title: title_for(&titles, lists.len()),
        })
        .collect()
}

/// The merged title of one day; see `merge`.
fn title_for(titles: &[(&str, Vec<Division>)], divisions: usize) -> String {
    if let [(title, holders)] = titles
        && holders.len() == divisions
    {
        return (*title).to_owned();
    }
    titles
        .iter()
        .map(|(title, holders)| {
            let places: Vec<&str> = holders.iter().map(|d| d.describe()).collect();
            format!("{title} ({})", places.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(title: &str) -> Holiday {
        Holiday {
            date: NaiveDate::from_ymd_opt(2017, 1, 2).unwrap(),
            title: title.to_owned(),
        }
    }

    #[test]
    fn titles_name_the_divisions_when_they_differ() {
        let ew = [day("New Year’s Day")];
        let sc = [day("2nd January")];
        let ni = [day("New Year’s Day")];
        let merged = merge(&[
            (Division::EnglandAndWales, &ew),
            (Division::Scotland, &sc),
            (Division::NorthernIreland, &ni),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(
            merged[0].title,
            "New Year’s Day (England and Wales, Northern Ireland); 2nd January (Scotland)"
        );
    }

    #[test]
    fn a_shared_title_is_kept_plain() {
        let list = [day("Christmas Day")];
        let merged = merge(&[
            (Division::EnglandAndWales, &list),
            (Division::Scotland, &list),
            (Division::NorthernIreland, &list),
        ]);
        assert_eq!(merged[0].title, "Christmas Day");
    }
}
