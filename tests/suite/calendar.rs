//! Bank holidays and working days, checked the way a person with a calendar
//! would check them: against the government's own list where it exists, and
//! against dates written out by hand from the statutes and proclamations
//! where it does not.

use chrono::{Datelike, NaiveDate};
use ladder::calendar::{
    Calendar, CalendarError, Division, FeedError, FeedWarning, Holiday, feed_warnings, parse_feed,
};
use serde_json::Value;

const EW: Division = Division::EnglandAndWales;
const SC: Division = Division::Scotland;
const NI: Division = Division::NorthernIreland;
const UK: Division = Division::AnyUk;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn government_file() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bank-holidays-2015-2021.json"
    );
    std::fs::read_to_string(path).unwrap()
}

/// The (date, title) pairs the government's file lists for `division` in
/// `year`, read with plain `serde_json` so the check does not depend on the
/// crate's own importer.
fn government_list(division: Division, year: i32) -> Vec<(NaiveDate, String)> {
    let file: Value = serde_json::from_str(&government_file()).unwrap();
    file[division.name()]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let date = NaiveDate::parse_from_str(e["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            (date, e["title"].as_str().unwrap().to_owned())
        })
        .filter(|(date, _)| date.year() == year)
        .collect()
}

fn dates(division: Division, year: i32) -> Vec<NaiveDate> {
    Calendar::builtin(division)
        .holidays_in(year)
        .unwrap()
        .into_iter()
        .map(|h| h.date)
        .collect()
}

/// Days of `year` written as (month, day), for hand-written lists.
fn on(year: i32, days: &[(u32, u32)]) -> Vec<NaiveDate> {
    days.iter().map(|&(m, day)| d(year, m, day)).collect()
}

// ---------------------------------------------------------------------------
// The built-in calendar against the government's list, 2015 to 2021.

#[test]
fn builtin_dates_match_the_government_list_for_every_division_and_year() {
    let mut checked = 0;
    for division in [EW, SC, NI] {
        for year in 2015..=2021 {
            let expected: Vec<NaiveDate> = government_list(division, year)
                .into_iter()
                .map(|(date, _)| date)
                .collect();
            assert!(!expected.is_empty(), "{division:?} {year}: no data");
            assert_eq!(dates(division, year), expected, "{division:?} {year}");
            checked += 1;
        }
    }
    assert_eq!(checked, 21);
}

#[test]
fn builtin_titles_match_the_government_list() {
    for division in [EW, SC, NI] {
        for year in 2015..=2021 {
            let built: Vec<(NaiveDate, String)> = Calendar::builtin(division)
                .holidays_in(year)
                .unwrap()
                .into_iter()
                .map(|h| (h.date, h.title))
                .collect();
            assert_eq!(
                built,
                government_list(division, year),
                "{division:?} {year}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The feed import.

#[test]
fn feed_import_reproduces_the_file_exactly() {
    let feed = parse_feed(&government_file()).unwrap();
    assert_eq!(feed.divisions(), vec![EW, SC, NI]);
    for division in [EW, SC, NI] {
        assert_eq!(feed.years(division), Some(2015..=2021));
        let imported: Vec<(NaiveDate, String)> = feed
            .holidays(division)
            .iter()
            .map(|h| (h.date, h.title.clone()))
            .collect();
        let expected: Vec<(NaiveDate, String)> = (2015..=2021)
            .flat_map(|year| government_list(division, year))
            .collect();
        assert_eq!(imported, expected, "{division:?}");
    }
    // Typographic apostrophes survive the import.
    assert_eq!(feed.holidays(SC)[6].title, "St Andrew’s Day");
    // The feed has no any-UK list of its own.
    assert!(feed.holidays(UK).is_empty());
    assert_eq!(feed.years(UK), None);
}

#[test]
fn with_feed_takes_the_feeds_list_for_the_years_it_covers() {
    // A feed claiming that in 2016 England and Wales had only two bank
    // holidays, one of them invented, shows whose list wins.
    let feed = parse_feed(
        r#"{ "england-and-wales": { "division": "england-and-wales", "events": [
              { "title": "New Year’s Day", "date": "2016-01-01", "notes": "", "bunting": true },
              { "title": "Invented day", "date": "2016-06-15" } ] } }"#,
    )
    .unwrap();
    let calendar = Calendar::builtin(EW).with_feed(&feed);
    assert_eq!(calendar.years(), 2010..=2030);
    assert_eq!(
        calendar.holidays_in(2016).unwrap(),
        vec![
            Holiday {
                date: d(2016, 1, 1),
                title: "New Year’s Day".to_owned()
            },
            Holiday {
                date: d(2016, 6, 15),
                title: "Invented day".to_owned()
            },
        ]
    );
    assert_eq!(
        calendar.bank_holiday(d(2016, 6, 15)).unwrap(),
        Some("Invented day")
    );
    assert!(!calendar.is_working_day(d(2016, 6, 15)).unwrap());
    assert!(calendar.is_working_day(d(2016, 12, 27)).unwrap());
    // Years the feed does not cover still follow the rules.
    assert_eq!(
        dates(EW, 2017),
        calendar
            .holidays_in(2017)
            .unwrap()
            .iter()
            .map(|h| h.date)
            .collect::<Vec<_>>()
    );
    // Scotland is not in the feed, so its calendar is unchanged.
    let scotland = Calendar::builtin(SC).with_feed(&feed);
    assert_eq!(scotland.holidays_in(2016).unwrap().len(), 9);
    // The any-UK calendar takes the feed into account for England and Wales.
    let any = Calendar::builtin(UK).with_feed(&feed);
    assert_eq!(
        any.bank_holiday(d(2016, 6, 15)).unwrap(),
        Some("Invented day (England and Wales)")
    );
}

#[test]
fn with_feed_of_the_government_file_agrees_with_the_builtin_calendar() {
    let feed = parse_feed(&government_file()).unwrap();
    for division in Division::ALL {
        let builtin = Calendar::builtin(division);
        let from_feed = builtin.clone().with_feed(&feed);
        assert_eq!(from_feed.division(), division);
        assert_eq!(from_feed.years(), builtin.years());
        for year in from_feed.years() {
            assert_eq!(
                from_feed.holidays_in(year),
                builtin.holidays_in(year),
                "{division:?} {year}"
            );
        }
    }
}

#[test]
fn with_feed_extends_the_known_years() {
    let feed = parse_feed(
        r#"{ "england-and-wales": { "events": [
              { "title": "Christmas Day", "date": "2030-12-25" },
              { "title": "New Year’s Day", "date": "2031-01-01" },
              { "title": "Christmas Day", "date": "2031-12-25" } ] } }"#,
    )
    .unwrap();
    let calendar = Calendar::builtin(EW).with_feed(&feed);
    assert_eq!(calendar.years(), 2010..=2031);
    assert_eq!(calendar.holidays_in(2031).unwrap().len(), 2);
    assert_eq!(calendar.holidays_in(2030).unwrap().len(), 1);
    assert!(calendar.is_working_day(d(2031, 3, 14)).unwrap());
    assert_eq!(
        calendar.bank_holiday(d(2031, 1, 1)).unwrap(),
        Some("New Year’s Day")
    );
    // Years before the feed are untouched.
    assert_eq!(
        calendar.holidays_in(2026).unwrap(),
        Calendar::builtin(EW).holidays_in(2026).unwrap()
    );
    // The any-UK calendar needs all three divisions, so it does not grow.
    assert_eq!(Calendar::builtin(UK).with_feed(&feed).years(), 2010..=2030);
}

#[test]
fn a_feed_beyond_a_gap_fills_the_gap_from_the_rules() {
    let feed = parse_feed(
        r#"{ "scotland": { "events": [ { "title": "St Andrew’s Day", "date": "2040-11-30" } ] } }"#,
    )
    .unwrap();
    let calendar = Calendar::builtin(SC).with_feed(&feed);
    assert_eq!(calendar.years(), 2010..=2040);
    // 2035 comes from the rules: 30 November 2035 is a Friday.
    assert_eq!(
        calendar.bank_holiday(d(2035, 11, 30)).unwrap(),
        Some("St Andrew’s Day")
    );
    assert_eq!(calendar.holidays_in(2040).unwrap().len(), 1);
}

#[test]
fn the_governments_own_list_changes_nothing_unexpected() {
    // Its years are whole, and a day moved (2020's early May bank holiday
    // on VE Day, Friday 8 May) is not a day dropped.
    let feed = parse_feed(&government_file()).unwrap();
    assert_eq!(feed_warnings(&feed), vec![]);
}

#[test]
fn a_year_with_fewer_holidays_than_the_builtin_one_is_a_warning() {
    // One holiday for 2026: the list replaces the whole year, so Christmas
    // Day (Friday 25 December 2026) and the substitute Boxing Day (Monday
    // 28 December) become working days.
    let feed = parse_feed(
        r#"{ "england-and-wales": { "events": [
              { "title": "A made-up holiday", "date": "2026-11-30" } ] } }"#,
    )
    .unwrap();
    let warnings = feed_warnings(&feed);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let FeedWarning::FewerHolidays {
        division,
        year,
        listed,
        builtin,
        missing,
        ..
    } = &warnings[0]
    else {
        panic!("{warnings:#?}");
    };
    assert_eq!((*division, *year, *listed, *builtin), (EW, 2026, 1, 8));
    assert!(missing.contains(&Holiday {
        date: d(2026, 12, 25),
        title: "Christmas Day".to_owned()
    }));
    assert!(missing.contains(&Holiday {
        date: d(2026, 12, 28),
        title: "Boxing Day".to_owned()
    }));
    let text = warnings[0].to_string();
    assert!(
        text.starts_with(
            "lists only 1 bank holiday for England and Wales in 2026, where the built-in \
             calendar has 8; its list replaces the whole year, so these count as working days \
             in 2026: New Year’s Day (1 January), Good Friday (3 April), "
        ),
        "{text}"
    );
    assert!(
        text.contains("Christmas Day (25 December), Boxing Day (28 December)."),
        "{text}"
    );
}

#[test]
fn years_left_to_the_rules_between_a_list_and_the_builtin_calendar_are_a_warning() {
    // The 2040 list of `a_feed_beyond_a_gap_fills_the_gap_from_the_rules`:
    // 2031 to 2039 are computed from the rules. (It also lists only one
    // holiday for 2040, where the rules give nine.)
    let feed = parse_feed(
        r#"{ "scotland": { "events": [ { "title": "St Andrew’s Day", "date": "2040-11-30" } ] } }"#,
    )
    .unwrap();
    let warnings = feed_warnings(&feed);
    assert_eq!(
        warnings[1],
        FeedWarning::RuleYears {
            division: SC,
            listed: 2040..=2040,
            computed: 2031..=2039
        }
    );
    assert_eq!(
        warnings[1].to_string(),
        "lists Scotland for 2040 only, and the built-in calendar ends in 2030, so the years \
         2031 to 2039 in between are computed from the standing rules: a bank holiday \
         proclaimed for them is not known"
    );
    assert!(
        warnings[0].to_string().starts_with(
            "lists only 1 bank holiday for Scotland in 2040, where the standing rules give 9;"
        ),
        "{}",
        warnings[0]
    );
    // Before the built-in years: a list for 2005 leaves 2006 to 2009.
    let feed = parse_feed(
        r#"{ "northern-ireland": { "events": [ { "title": "Christmas Day", "date": "2005-12-25" } ] } }"#,
    )
    .unwrap();
    let warnings = feed_warnings(&feed);
    assert_eq!(
        warnings.last().unwrap().to_string(),
        "lists Northern Ireland for 2005 only, and the built-in calendar starts in 2010, so \
         the years 2006 to 2009 in between are computed from the standing rules: a bank \
         holiday proclaimed for them is not known"
    );
    // A list that runs on from 2031 leaves no gap.
    let feed = parse_feed(
        r#"{ "england-and-wales": { "events": [ { "title": "New Year’s Day", "date": "2031-01-01" } ] } }"#,
    )
    .unwrap();
    assert!(
        !feed_warnings(&feed)
            .iter()
            .any(|w| matches!(w, FeedWarning::RuleYears { .. }))
    );
}

// ---------------------------------------------------------------------------
// Later and earlier years, written out by hand.

#[test]
fn england_and_wales_2022_platinum_jubilee_and_state_funeral() {
    assert_eq!(
        dates(EW, 2022),
        on(
            2022,
            &[
                (1, 3),
                (4, 15),
                (4, 18),
                (5, 2),
                (6, 2),
                (6, 3),
                (8, 29),
                (9, 19),
                (12, 26),
                (12, 27)
            ]
        )
    );
    let calendar = Calendar::builtin(EW);
    assert_eq!(
        calendar.bank_holiday(d(2022, 6, 3)).unwrap(),
        Some("Platinum Jubilee bank holiday")
    );
    assert_eq!(
        calendar.bank_holiday(d(2022, 6, 2)).unwrap(),
        Some("Spring bank holiday")
    );
    assert_eq!(calendar.bank_holiday(d(2022, 5, 30)).unwrap(), None);
    assert_eq!(
        calendar.bank_holiday(d(2022, 9, 19)).unwrap(),
        Some("Bank Holiday for the State Funeral of Queen Elizabeth II")
    );
}

#[test]
fn england_and_wales_2023_coronation() {
    assert_eq!(
        dates(EW, 2023),
        on(
            2023,
            &[
                (1, 2),
                (4, 7),
                (4, 10),
                (5, 1),
                (5, 8),
                (5, 29),
                (8, 28),
                (12, 25),
                (12, 26)
            ]
        )
    );
}

#[test]
fn england_and_wales_2026_christmas_on_a_friday() {
    assert_eq!(
        dates(EW, 2026),
        on(
            2026,
            &[
                (1, 1),
                (4, 3),
                (4, 6),
                (5, 4),
                (5, 25),
                (8, 31),
                (12, 25),
                (12, 28)
            ]
        )
    );
    assert_eq!(
        Calendar::builtin(EW).bank_holiday(d(2026, 12, 28)).unwrap(),
        Some("Boxing Day")
    );
}

#[test]
fn england_and_wales_2027_christmas_on_a_saturday() {
    assert_eq!(
        dates(EW, 2027),
        on(
            2027,
            &[
                (1, 1),
                (3, 26),
                (3, 29),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28)
            ]
        )
    );
    let calendar = Calendar::builtin(EW);
    assert_eq!(
        calendar.bank_holiday(d(2027, 12, 27)).unwrap(),
        Some("Christmas Day")
    );
    assert_eq!(
        calendar.bank_holiday(d(2027, 12, 28)).unwrap(),
        Some("Boxing Day")
    );
    assert_eq!(calendar.bank_holiday(d(2027, 12, 25)).unwrap(), None);
}

#[test]
fn england_and_wales_2010_to_2012() {
    // 2010: Christmas on a Saturday.
    assert_eq!(
        dates(EW, 2010),
        on(
            2010,
            &[
                (1, 1),
                (4, 2),
                (4, 5),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28)
            ]
        )
    );
    // 2011: New Year's Day on a Saturday, the royal wedding, Christmas on a
    // Sunday.
    assert_eq!(
        dates(EW, 2011),
        on(
            2011,
            &[
                (1, 3),
                (4, 22),
                (4, 25),
                (4, 29),
                (5, 2),
                (5, 30),
                (8, 29),
                (12, 26),
                (12, 27)
            ]
        )
    );
    // 2012: the Diamond Jubilee moved the spring bank holiday to 4 June and
    // added 5 June.
    assert_eq!(
        dates(EW, 2012),
        on(
            2012,
            &[
                (1, 2),
                (4, 6),
                (4, 9),
                (5, 7),
                (6, 4),
                (6, 5),
                (8, 27),
                (12, 25),
                (12, 26)
            ]
        )
    );
}

#[test]
fn all_divisions_2013_and_2014() {
    assert_eq!(
        dates(EW, 2013),
        on(
            2013,
            &[
                (1, 1),
                (3, 29),
                (4, 1),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26)
            ]
        )
    );
    // St Andrew's Day on Saturday 30 November 2013 moves to Monday 2
    // December; on Sunday 30 November 2014 to Monday 1 December.
    assert_eq!(
        dates(SC, 2013),
        on(
            2013,
            &[
                (1, 1),
                (1, 2),
                (3, 29),
                (5, 6),
                (5, 27),
                (8, 5),
                (12, 2),
                (12, 25),
                (12, 26)
            ]
        )
    );
    assert_eq!(
        dates(SC, 2014),
        on(
            2014,
            &[
                (1, 1),
                (1, 2),
                (4, 18),
                (5, 5),
                (5, 26),
                (8, 4),
                (12, 1),
                (12, 25),
                (12, 26)
            ]
        )
    );
    // The Boyne on Saturday 12 July 2014 moves to Monday 14th.
    assert_eq!(
        dates(NI, 2014),
        on(
            2014,
            &[
                (1, 1),
                (3, 17),
                (4, 18),
                (4, 21),
                (5, 5),
                (5, 26),
                (7, 14),
                (8, 25),
                (12, 25),
                (12, 26)
            ]
        )
    );
}

#[test]
fn scotland_2022_new_year_on_a_saturday() {
    assert_eq!(
        dates(SC, 2022),
        on(
            2022,
            &[
                (1, 3),
                (1, 4),
                (4, 15),
                (5, 2),
                (6, 2),
                (6, 3),
                (8, 1),
                (9, 19),
                (11, 30),
                (12, 26),
                (12, 27)
            ]
        )
    );
    let calendar = Calendar::builtin(SC);
    assert_eq!(
        calendar.bank_holiday(d(2022, 1, 3)).unwrap(),
        Some("New Year’s Day")
    );
    assert_eq!(
        calendar.bank_holiday(d(2022, 1, 4)).unwrap(),
        Some("2nd January")
    );
}

#[test]
fn scotland_2023_new_year_on_a_sunday() {
    assert_eq!(
        dates(SC, 2023),
        on(
            2023,
            &[
                (1, 2),
                (1, 3),
                (4, 7),
                (5, 1),
                (5, 8),
                (5, 29),
                (8, 7),
                (11, 30),
                (12, 25),
                (12, 26)
            ]
        )
    );
    let calendar = Calendar::builtin(SC);
    assert_eq!(
        calendar.bank_holiday(d(2023, 1, 2)).unwrap(),
        Some("2nd January")
    );
    assert_eq!(
        calendar.bank_holiday(d(2023, 1, 3)).unwrap(),
        Some("New Year’s Day")
    );
}

#[test]
fn scotland_2024_and_2025_st_andrews_day_on_a_weekend() {
    // Saturday 30 November 2024 and Sunday 30 November 2025 both move to the
    // Monday after.
    assert_eq!(
        dates(SC, 2024),
        on(
            2024,
            &[
                (1, 1),
                (1, 2),
                (3, 29),
                (5, 6),
                (5, 27),
                (8, 5),
                (12, 2),
                (12, 25),
                (12, 26)
            ]
        )
    );
    assert_eq!(
        dates(SC, 2025),
        on(
            2025,
            &[
                (1, 1),
                (1, 2),
                (4, 18),
                (5, 5),
                (5, 26),
                (8, 4),
                (12, 1),
                (12, 25),
                (12, 26)
            ]
        )
    );
}

#[test]
fn scotland_2026() {
    // 2 January 2026 is a Friday; the summer bank holiday is the first
    // Monday in August; St Andrew's Day, 30 November, is a Monday.
    assert_eq!(
        dates(SC, 2026),
        on(
            2026,
            &[
                (1, 1),
                (1, 2),
                (4, 3),
                (5, 4),
                (5, 25),
                (8, 3),
                (11, 30),
                (12, 25),
                (12, 28)
            ]
        )
    );
    assert_eq!(
        Calendar::builtin(SC).bank_holiday(d(2026, 4, 6)).unwrap(),
        None
    );
}

#[test]
fn scotland_2027_second_january_on_a_saturday() {
    assert_eq!(
        dates(SC, 2027),
        on(
            2027,
            &[
                (1, 1),
                (1, 4),
                (3, 26),
                (5, 3),
                (5, 31),
                (8, 2),
                (11, 30),
                (12, 27),
                (12, 28)
            ]
        )
    );
}

#[test]
fn northern_ireland_2023_and_2025() {
    assert_eq!(
        dates(NI, 2023),
        on(
            2023,
            &[
                (1, 2),
                (3, 17),
                (4, 7),
                (4, 10),
                (5, 1),
                (5, 8),
                (5, 29),
                (7, 12),
                (8, 28),
                (12, 25),
                (12, 26)
            ]
        )
    );
    // The Battle of the Boyne on Saturday 12 July 2025 moves to Monday 14th.
    assert_eq!(
        dates(NI, 2025),
        on(
            2025,
            &[
                (1, 1),
                (3, 17),
                (4, 18),
                (4, 21),
                (5, 5),
                (5, 26),
                (7, 14),
                (8, 25),
                (12, 25),
                (12, 26)
            ]
        )
    );
}

#[test]
fn northern_ireland_2026() {
    // St Patrick's Day is Tuesday 17 March; the Boyne, Sunday 12 July,
    // moves to Monday 13 July.
    assert_eq!(
        dates(NI, 2026),
        on(
            2026,
            &[
                (1, 1),
                (3, 17),
                (4, 3),
                (4, 6),
                (5, 4),
                (5, 25),
                (7, 13),
                (8, 31),
                (12, 25),
                (12, 28)
            ]
        )
    );
    let calendar = Calendar::builtin(NI);
    assert_eq!(
        calendar.bank_holiday(d(2026, 7, 13)).unwrap(),
        Some("Battle of the Boyne (Orangemen’s Day)")
    );
    assert_eq!(
        calendar.bank_holiday(d(2026, 3, 17)).unwrap(),
        Some("St Patrick’s Day")
    );
}

#[test]
fn northern_ireland_st_patricks_day_on_a_weekend() {
    // Saturday 17 March 2012 and Sunday 17 March 2013 and 2024.
    let calendar = Calendar::builtin(NI);
    assert_eq!(
        calendar.bank_holiday(d(2012, 3, 19)).unwrap(),
        Some("St Patrick’s Day")
    );
    assert_eq!(
        calendar.bank_holiday(d(2013, 3, 18)).unwrap(),
        Some("St Patrick’s Day")
    );
    assert_eq!(
        calendar.bank_holiday(d(2024, 3, 18)).unwrap(),
        Some("St Patrick’s Day")
    );
}

#[test]
fn any_uk_is_the_union_of_the_three() {
    let any = Calendar::builtin(UK);
    for year in any.years() {
        let mut union: Vec<NaiveDate> = [EW, SC, NI].iter().flat_map(|&d| dates(d, year)).collect();
        union.sort();
        union.dedup();
        assert_eq!(dates(UK, year), union, "{year}");
    }
    assert_eq!(
        any.bank_holiday(d(2026, 3, 17)).unwrap(),
        Some("St Patrick’s Day (Northern Ireland)")
    );
    assert_eq!(
        any.bank_holiday(d(2026, 12, 25)).unwrap(),
        Some("Christmas Day")
    );
    assert_eq!(
        any.bank_holiday(d(2026, 4, 6)).unwrap(),
        Some("Easter Monday (England and Wales, Northern Ireland)")
    );
    assert_eq!(
        any.bank_holiday(d(2017, 1, 2)).unwrap(),
        Some("New Year’s Day (England and Wales, Northern Ireland); 2nd January (Scotland)")
    );
}

// ---------------------------------------------------------------------------
// Working days.

#[test]
fn working_days_around_christmas_2026() {
    let ew = Calendar::builtin(EW);
    // 25 December (Friday) and 28 December (Monday) are bank holidays and
    // 26-27 December a weekend.
    assert_eq!(
        ew.add_working_days(d(2026, 12, 24), 1).unwrap(),
        d(2026, 12, 29)
    );
    // From Friday 18 December: 21, 22, 23, 24, then 29.
    assert_eq!(
        ew.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        ew.add_working_days(d(2026, 12, 18), 4).unwrap(),
        d(2026, 12, 24)
    );
    assert_eq!(
        ew.next_working_day_on_or_after(d(2026, 12, 25)).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        ew.next_working_day_on_or_after(d(2026, 12, 24)).unwrap(),
        d(2026, 12, 24)
    );
    assert!(!ew.is_working_day(d(2026, 12, 28)).unwrap());
    assert!(!ew.is_working_day(d(2026, 12, 26)).unwrap());
    assert!(ew.is_working_day(d(2026, 12, 29)).unwrap());
}

#[test]
fn working_days_over_easter_2026() {
    let ew = Calendar::builtin(EW);
    assert_eq!(
        ew.add_working_days(d(2026, 4, 2), 1).unwrap(),
        d(2026, 4, 7)
    );
    // Scotland has Good Friday but no Easter Monday.
    let sc = Calendar::builtin(SC);
    assert_eq!(
        sc.add_working_days(d(2026, 4, 2), 1).unwrap(),
        d(2026, 4, 6)
    );
}

#[test]
fn st_andrews_day_2026_counts_only_in_scotland() {
    assert_eq!(
        Calendar::builtin(SC)
            .add_working_days(d(2026, 11, 27), 1)
            .unwrap(),
        d(2026, 12, 1)
    );
    assert_eq!(
        Calendar::builtin(EW)
            .add_working_days(d(2026, 11, 27), 1)
            .unwrap(),
        d(2026, 11, 30)
    );
}

#[test]
fn a_friday_concern_within_one_working_day() {
    // Friday 28 August 2026: the next Monday is the summer bank holiday in
    // England and Wales but not in Scotland, whose was on 3 August.
    assert_eq!(
        Calendar::builtin(EW)
            .add_working_days(d(2026, 8, 28), 1)
            .unwrap(),
        d(2026, 9, 1)
    );
    assert_eq!(
        Calendar::builtin(SC)
            .add_working_days(d(2026, 8, 28), 1)
            .unwrap(),
        d(2026, 8, 31)
    );
}

#[test]
fn platinum_jubilee_2022_working_days() {
    assert_eq!(
        Calendar::builtin(EW)
            .add_working_days(d(2022, 6, 1), 1)
            .unwrap(),
        d(2022, 6, 6)
    );
}

#[test]
fn counting_from_a_weekend_or_holiday_starts_with_the_next_working_day() {
    let ew = Calendar::builtin(EW);
    // Saturday 19 December 2026.
    assert_eq!(
        ew.add_working_days(d(2026, 12, 19), 1).unwrap(),
        d(2026, 12, 21)
    );
    // Christmas Day 2026 itself.
    assert_eq!(
        ew.add_working_days(d(2026, 12, 25), 1).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        ew.add_working_days(d(2026, 12, 25), 2).unwrap(),
        d(2026, 12, 30)
    );
    // Zero working days is the day itself, whatever kind of day it is.
    assert_eq!(
        ew.add_working_days(d(2026, 12, 25), 0).unwrap(),
        d(2026, 12, 25)
    );
}

#[test]
fn working_day_numbers_count_the_first_working_day_as_day_one() {
    let ew = Calendar::builtin(EW);
    assert_eq!(
        ew.working_day_number(d(2026, 12, 24), 1).unwrap(),
        d(2026, 12, 24)
    );
    assert_eq!(
        ew.working_day_number(d(2026, 12, 24), 2).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        ew.working_day_number(d(2026, 12, 25), 1).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        ew.working_day_number(d(2026, 12, 25), 3).unwrap(),
        d(2026, 12, 31)
    );
    let zero = ew.working_day_number(d(2026, 12, 24), 0).unwrap_err();
    assert_eq!(zero, CalendarError::NoWorkingDayZero);
    assert!(zero.to_string().contains("no working day 0"));
}

#[test]
fn any_uk_working_days() {
    let any = Calendar::builtin(UK);
    assert!(!any.is_working_day(d(2026, 3, 17)).unwrap());
    assert!(
        Calendar::builtin(EW)
            .is_working_day(d(2026, 3, 17))
            .unwrap()
    );
    // Friday 27 November 2026: St Andrew's Day on the Monday counts.
    assert_eq!(
        any.add_working_days(d(2026, 11, 27), 1).unwrap(),
        d(2026, 12, 1)
    );
    // Thursday 2 April 2026: Good Friday, then Easter Monday (not Scottish
    // but still a holiday somewhere in the UK).
    assert_eq!(
        any.add_working_days(d(2026, 4, 2), 1).unwrap(),
        d(2026, 4, 7)
    );
}

// ---------------------------------------------------------------------------
// Outside the known years.

#[test]
fn a_date_outside_the_known_years_is_an_error_a_reader_understands() {
    let ew = Calendar::builtin(EW);
    assert_eq!(ew.years(), 2010..=2030);
    let err = ew.is_working_day(d(2031, 3, 14)).unwrap_err();
    assert_eq!(
        err,
        CalendarError::OutOfRange {
            division: EW,
            date: d(2031, 3, 14),
            first_year: 2010,
            last_year: 2030
        }
    );
    assert_eq!(
        err.to_string(),
        "the bank-holiday calendar for England and Wales only knows the years 2010 to 2030; \
         14 March 2031 is outside it"
    );
    assert!(ew.bank_holiday(d(2009, 12, 31)).is_err());
    assert!(ew.next_working_day_on_or_after(d(2031, 1, 2)).is_err());
    assert!(ew.add_working_days(d(2031, 1, 2), 0).is_err());
    assert!(!ew.knows(d(2031, 1, 1)));
    assert!(ew.knows(d(2030, 12, 31)));

    let year = ew.holidays_in(2031).unwrap_err();
    assert_eq!(
        year.to_string(),
        "the bank-holiday calendar for England and Wales only knows the years 2010 to 2030; \
         2031 is outside it"
    );

    let any = Calendar::builtin(UK)
        .is_working_day(d(2031, 3, 14))
        .unwrap_err();
    assert_eq!(
        any.to_string(),
        "the bank-holiday calendar for any part of the UK only knows the years 2010 to 2030; \
         14 March 2031 is outside it"
    );
}

#[test]
fn counting_past_the_known_years_is_an_error_not_a_guess() {
    let ew = Calendar::builtin(EW);
    // From Friday 20 December 2030: 23, 24, 27, 30, 31 December (25 and 26
    // are Christmas and Boxing Day), and then the calendar runs out.
    assert_eq!(
        ew.add_working_days(d(2030, 12, 20), 5).unwrap(),
        d(2030, 12, 31)
    );
    let err = ew.add_working_days(d(2030, 12, 20), 6).unwrap_err();
    assert!(matches!(err, CalendarError::OutOfRange { date, .. } if date == d(2031, 1, 1)));
    assert!(ew.working_day_number(d(2030, 12, 31), 2).is_err());
    assert!(ew.next_working_day_on_or_after(d(2030, 12, 31)).is_ok());
}

// ---------------------------------------------------------------------------
// Bad feeds.

fn feed_error(json: &str) -> FeedError {
    parse_feed(json).unwrap_err()
}

#[test]
fn a_bad_date_in_a_feed_is_named() {
    let err = feed_error(
        r#"{ "scotland": { "division": "scotland", "events": [
              { "title": "New Year’s Day", "date": "2015-13-01" } ] } }"#,
    );
    assert_eq!(
        err.to_string(),
        "`2015-13-01` in scotland is not a date (dates are written year-month-day, like 2015-01-01)"
    );
    for bad in ["2015-1-01", "01/01/2015", "2015-02-29", ""] {
        let json =
            format!(r#"{{ "scotland": {{ "events": [ {{ "title": "x", "date": "{bad}" }} ] }} }}"#);
        assert!(
            matches!(feed_error(&json), FeedError::BadDate { .. }),
            "{bad}"
        );
    }
}

#[test]
fn a_feed_of_the_wrong_shape_says_what_is_wrong() {
    assert!(
        feed_error("not json")
            .to_string()
            .starts_with("the bank-holiday file is not valid JSON")
    );
    assert_eq!(
        feed_error("[]").to_string(),
        "in the bank-holiday file, the file as a whole should be an object with one entry for \
         each part of the UK, but it is a list"
    );
    assert_eq!(
        feed_error(r#"{ "scotland": { "events": {} } }"#).to_string(),
        "in the bank-holiday file, the `events` of `scotland` should be a list of bank \
         holidays, but it is an object"
    );
    assert_eq!(
        feed_error(r#"{ "scotland": { "division": "scotland" } }"#).to_string(),
        "in the bank-holiday file, the `events` of `scotland` should be a list of bank \
         holidays, but it is missing"
    );
    assert_eq!(
        feed_error(r#"{ "scotland": { "events": [ { "date": "2015-01-01" } ] } }"#).to_string(),
        "in the bank-holiday file, the `title` of event 1 of `scotland` should be text in \
         quotes, but it is missing"
    );
    assert_eq!(
        feed_error(r#"{ "scotland": { "events": [ { "title": "x", "date": 20150101 } ] } }"#)
            .to_string(),
        "in the bank-holiday file, the `date` of event 1 of `scotland` should be text in \
         quotes, but it is a number"
    );
    assert_eq!(
        feed_error(r#"{ "scotland": { "events": [ "2015-01-01" ] } }"#).to_string(),
        "in the bank-holiday file, event 1 of `scotland` should be an object with a `title` \
         and a `date`, but it is text"
    );
    assert!(matches!(feed_error("{}"), FeedError::NoDivisions));
}

#[test]
fn unknown_divisions_in_a_feed_are_named() {
    let err = feed_error(r#"{ "wales": { "events": [] }, "scotland": { "events": [] } }"#);
    assert_eq!(
        err.to_string(),
        "the bank-holiday file lists `wales`, which is not a part of the UK that has its own \
         bank holidays; the names it may use are `england-and-wales`, `scotland` and \
         `northern-ireland`"
    );
    // `any-uk` is a name procedures use, not a list the government publishes.
    assert!(matches!(
        feed_error(r#"{ "any-uk": { "events": [] } }"#),
        FeedError::UnknownDivisions { names } if names == ["any-uk"]
    ));
    assert_eq!(
        feed_error(r#"{ "scotland": { "division": "england-and-wales", "events": [] } }"#)
            .to_string(),
        "in the bank-holiday file, the list under `scotland` says it is the list for \
         `england-and-wales`"
    );
}

#[test]
fn a_feed_must_not_repeat_a_date_or_skip_a_year() {
    assert_eq!(
        feed_error(
            r#"{ "scotland": { "events": [
                  { "title": "Christmas Day", "date": "2015-12-25" },
                  { "title": "Christmas Day", "date": "2015-12-25" } ] } }"#
        )
        .to_string(),
        "scotland lists 25 December 2015 twice"
    );
    assert_eq!(
        feed_error(
            r#"{ "scotland": { "events": [
                  { "title": "Christmas Day", "date": "2015-12-25" },
                  { "title": "Christmas Day", "date": "2017-12-25" } ] } }"#
        )
        .to_string(),
        "scotland lists bank holidays for the years before and after 2016 but none for 2016; \
         a list must cover every year in between"
    );
    assert!(matches!(
        feed_error(r#"{ "scotland": { "events": [ { "title": "x", "date": "1815-06-18" } ] } }"#),
        FeedError::ImplausibleYear { .. }
    ));
}

#[test]
fn a_feed_tolerates_extra_fields_and_a_byte_order_mark() {
    let feed = parse_feed(
        "\u{feff}{ \"scotland\": { \"division\": \"scotland\", \"colour\": 3, \"events\": [ \
         { \"title\": \"St Andrew’s Day\", \"date\": \"2026-11-30\", \"notes\": \"\", \
           \"bunting\": true, \"new-field\": [1, 2] } ] }, \"generated\": null }",
    );
    // A top-level name that is not a division is still an error: only the
    // fields inside events and division lists are free.
    assert!(matches!(feed, Err(FeedError::UnknownDivisions { .. })));
    let feed = parse_feed(
        "\u{feff}{ \"scotland\": { \"division\": \"scotland\", \"colour\": 3, \"events\": [ \
         { \"title\": \"St Andrew’s Day\", \"date\": \"2026-11-30\", \"notes\": \"\", \
           \"bunting\": true, \"new-field\": [1, 2] } ] } }",
    )
    .unwrap();
    assert_eq!(feed.divisions(), vec![SC]);
    assert_eq!(feed.years(SC), Some(2026..=2026));
    assert_eq!(feed.holidays(EW), &[]);
}

// ---------------------------------------------------------------------------
// Division names.

#[test]
fn division_names_round_trip() {
    for division in Division::ALL {
        assert_eq!(Division::from_name(division.name()), Some(division));
    }
    assert_eq!(Division::from_name("scotland"), Some(SC));
    assert_eq!(Division::from_name("Scotland"), None);
    assert_eq!(EW.describe(), "England and Wales");
    assert_eq!(NI.name(), "northern-ireland");
    assert_eq!(UK.describe(), "any part of the UK");
}
