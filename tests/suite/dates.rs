//! Date-exact checks: where calendar days, working days and hours meet, the
//! window rules are checked for every date a concern could arise, and the
//! first date that breaks one is reported with its dates, which a person can
//! check on a calendar. Each expectation is worked out independently here,
//! with the calendar's own day-by-day arithmetic.

use std::process::Command;

use chrono::NaiveDate;
use ladder::calendar::{Calendar, Division};
use ladder::checks::Options;
use ladder::code::Code;
use ladder::deadline::HolidaySource;
use ladder::diagnostic::Diagnostic;
use ladder::driver::check_source_with;

use crate::support::{check, root, today};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn with_code(diagnostics: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).collect()
}

fn fixture() -> String {
    std::fs::read_to_string(root().join("tests/ui/L041-only-some-dates.ladder")).unwrap()
}

#[test]
fn a_conflict_on_some_dates_is_reported_with_the_first_of_them() {
    // Stage 1 concludes within 2 working days of the concern arising; stage 2
    // must start by day 5, four calendar days after the concern arose. Work
    // it out the long way for every date from adoption (1 December 2026) to
    // review (30 November 2027): the conflict needs two working days to end
    // more than four calendar days later, which only bank holidays can do.
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut conflicts = Vec::new();
    let mut day = d(2026, 12, 1);
    while day <= d(2027, 11, 30) {
        let stage_1_ends = calendar.add_working_days(day, 2).unwrap();
        let stage_2_starts = day + chrono::Days::new(4);
        if stage_2_starts < stage_1_ends {
            conflicts.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    // The first is Wednesday 23 December 2026: two working days later are
    // Thursday 24 and, after Christmas Day, the weekend and the substitute
    // Boxing Day on Monday 28, Tuesday 29 December; day 5 is Sunday
    // 27 December.
    assert_eq!(conflicts.first(), Some(&d(2026, 12, 23)));
    assert!(conflicts.len() < 365 && conflicts.len() > 1);

    let checked = check(&fixture());
    let found = with_code(&checked.diagnostics, Code::OverlappingWindows);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "for a concern raised on Wednesday 23 December 2026, Stage 2 must start by Sunday \
         27 December 2026 but Stage 1 may run until Tuesday 29 December 2026"
    );
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.starts_with(&format!(
            "This happens on {} of the 365 dates from 1 December 2026 to 30 November 2027 \
             (adoption to review) on which a concern could arise, counting working days with \
             the bank holidays of England and Wales; 23 December 2026 is the first.",
            conflicts.len()
        )),
        "{help}"
    );
    // The comparison was made, so it is no longer "not compared".
    assert!(with_code(&checked.diagnostics, Code::NotCompared).is_empty());
}

#[test]
fn the_calendar_can_be_chosen() {
    // The same fixture under each calendar: Christmas 2026 falls the same way
    // in all of them, so the first conflict is the same date, and the help
    // names the calendar the working days were counted with.
    let text = fixture();
    let options = Options::new(today());
    for division in Division::ALL {
        let source = HolidaySource {
            division: Some(division),
            feed: None,
        };
        let checked = check_source_with(&text, &options, &source);
        let found = with_code(&checked.diagnostics, Code::OverlappingWindows);
        assert_eq!(found.len(), 1, "{division:?}");
        assert!(found[0].message.contains("Wednesday 23 December 2026"));
        let help = found[0].help.as_deref().unwrap();
        assert!(
            help.contains(&format!("the bank holidays of {}", division.describe())),
            "{help}"
        );
    }
}

#[test]
fn cheshire_east_recommendation_after_step_4_concludes() {
    // Step 4 starts by day 16 and concludes by day 21 (calendar days); the
    // Chair recommends within 5 working days of being notified. Adopted
    // April 2023: for a concern raised on Saturday 1 April, day 16 is
    // Sunday 16 April and five working days later is Friday 21 April, day
    // 21 itself, so that date is fine. For Sunday 2 April, day 16 is Monday
    // 17 April and five working days later Monday 24 April, after day 21,
    // Saturday 22 April.
    let text = std::fs::read_to_string(root().join("policies/cheshire-east.ladder")).unwrap();
    let checked = check(&text);
    assert!(with_code(&checked.diagnostics, Code::NotCompared).is_empty());
    let found = with_code(&checked.diagnostics, Code::DutyAfterStage);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "for a concern raised on Sunday 2 April 2023, this `recommend` may fall due on Monday \
         24 April 2023, after Step 4 must conclude on Saturday 22 April 2023"
    );
    // Worked out the long way: in how many of the 761 days from 1 April
    // 2023 to 30 April 2025 does it happen?
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut count = 0;
    let mut day = d(2023, 4, 1);
    while day <= d(2025, 4, 30) {
        let day_16 = day + chrono::Days::new(15);
        let day_21 = day + chrono::Days::new(20);
        if calendar.add_working_days(day_16, 5).unwrap() > day_21 {
            count += 1;
        }
        day = day.succ_opt().unwrap();
    }
    assert!(
        found[0].help.as_deref().unwrap().starts_with(&format!(
            "This happens on {count} of the 761 dates from 1 April 2023"
        )),
        "{:?}",
        found[0].help
    );
}

/// A calendar-day policy with one stage, `body` inside it, and a second
/// stage after it with `next` inside it.
fn two_stages(body: &str, next: &str, header: &str) -> String {
    format!(
        r#"policy "Escalation policy"
board "Example Safeguarding Adults Board" (ESAB)
concern raised by practitioner
{header}
days are calendar days
day 1 is the day the concern arose

actor practitioner "Professional raising the concern"
actor line_manager "Line manager"
record case_record "The agency's case records"

every stage {{
  record "the outcome" in case_record
  share outcome with practitioner
}}

stage 1 "Professional to professional" {{
{body}
  led by practitioner with equivalent practitioner
  resolved: end "Resolved between professionals"
  unresolved: escalate to stage 2
}}

stage 2 "Manager to manager" {{
{next}
  led by line_manager with equivalent line_manager
  resolved: end "Resolved between managers"
}}
"#
    )
}

const DATES: &str = "adopted 1 June 2026\nreview 31 May 2027\nholidays england-and-wales";

#[test]
fn an_inverted_window_on_some_dates() {
    // Stage 1 may start as late as day 3 (two days after the concern) but
    // must conclude within one working day of the concern arising. From a
    // Friday that is the Monday, three days later: fine. From Monday 1 June
    // 2026 it is Tuesday 2 June, before Wednesday 3 June.
    let text = two_stages(
        "  start no later than day 3\n  conclude within 1 working day of the concern arising",
        "  start no later than day 10\n  conclude by day 20",
        DATES,
    );
    let checked = check(&text);
    let found = with_code(&checked.diagnostics, Code::InvertedWindow);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "for a concern raised on Monday 1 June 2026, Stage 1 must conclude by Tuesday 2 June \
         2026 but may start as late as Wednesday 3 June 2026"
    );
}

#[test]
fn deadlines_that_do_not_increase_on_some_dates() {
    // Stage 1 concludes by day 8 (seven days after the concern); stage 2
    // within 5 working days of the concern arising, which is seven days
    // later from a Monday to a Friday, but only six from a Saturday and
    // five from a Sunday. The first Saturday from 1 June 2026 is 6 June:
    // five working days later is Friday 12 June, before day 8, Saturday
    // 13 June.
    let text = two_stages(
        "  start on day 1\n  conclude by day 8",
        "  start no later than day 8\n  conclude within 5 working days of the concern arising",
        DATES,
    );
    let checked = check(&text);
    let found = with_code(&checked.diagnostics, Code::DeadlinesNotIncreasing);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "for a concern raised on Saturday 6 June 2026, Stage 2 must conclude by Friday 12 June \
         2026, before Stage 1 must conclude on Saturday 13 June 2026"
    );
}

#[test]
fn no_conflict_on_any_date_means_no_diagnostic() {
    // Stage 1 concludes within one working day of the concern arising (at
    // most five days later, from the Thursday before Christmas 2026 or
    // Easter 2027) and stage 2 starts by day 6, five days after the concern,
    // and concludes by day 20: no overlap and no inverted window on any
    // date, and nothing "not compared" either.
    let text = two_stages(
        "  start on day 1\n  conclude within 1 working day of the concern arising",
        "  start no later than day 6\n  conclude by day 20",
        DATES,
    );
    let checked = check(&text);
    for code in [
        Code::InvertedWindow,
        Code::OverlappingWindows,
        Code::DeadlinesNotIncreasing,
        Code::DutyAfterStage,
        Code::NotCompared,
    ] {
        assert!(
            with_code(&checked.diagnostics, code).is_empty(),
            "{:#?}",
            checked.diagnostics
        );
    }
}

#[test]
fn without_a_calendar_the_limits_stay_not_compared() {
    // No `holidays` line: working days cannot be counted (L013), and the
    // comparison is reported as not made (L045), as before.
    let text = two_stages(
        "  start on day 1\n  conclude within 1 working day of the concern arising",
        "  start no later than day 2\n  conclude by day 20",
        "adopted 1 June 2026\nreview 31 May 2027",
    );
    let checked = check(&text);
    assert_eq!(
        with_code(&checked.diagnostics, Code::HolidaysUnstated).len(),
        1
    );
    assert_eq!(with_code(&checked.diagnostics, Code::NotCompared).len(), 1);
    assert!(with_code(&checked.diagnostics, Code::OverlappingWindows).is_empty());
}

#[test]
fn dates_outside_the_calendar_stay_not_compared() {
    // Adopted in 2040: the built-in calendar stops at 2030, and the check
    // says so rather than treating 2040 as if every weekday were worked.
    let text = two_stages(
        "  start on day 1\n  conclude within 1 working day of the concern arising",
        "  start no later than day 2\n  conclude by day 20",
        "adopted 1 June 2040\nreview 31 May 2041\nholidays england-and-wales",
    );
    let checked = check(&text);
    let found = with_code(&checked.diagnostics, Code::NotCompared);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    let help = found[0].help.as_deref().unwrap();
    assert!(help.contains("only knows the years 2010 to 2030"), "{help}");
    assert!(help.contains("--holidays FILE"), "{help}");
}

#[test]
fn without_adoption_and_review_dates_two_years_from_today_are_tried() {
    // Today is 22 November 2026 in the suite: the dates tried run to
    // 21 November 2028, and Christmas 2026 is the first conflict.
    let text = fixture()
        .replace("adopted 1 December 2026\n", "")
        .replace("review 30 November 2027\n", "");
    let checked = check(&text);
    let found = with_code(&checked.diagnostics, Code::OverlappingWindows);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("Wednesday 23 December 2026"));
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.contains("of the 731 dates from 22 November 2026 to 21 November 2028 (today and the next two years"),
        "{help}"
    );
}

#[test]
fn check_accepts_calendar_and_holidays() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "tests/ui/L041-only-some-dates.ladder",
            "--today",
            "2026-11-22",
            "--format",
            "short",
        ];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_ladder"))
            .current_dir(root())
            .args(&args)
            .output()
            .unwrap()
    };
    let out = run(&["--calendar", "scotland"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("error[L041]: for a concern raised on Wednesday 23 December 2026")
    );
    let out = run(&["--holidays", "tests/data/bank-holidays-2015-2021.json"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--holidays", "tests/data/no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: cannot read"));
}

/// A policy whose every stage must `notify` within `within`, with stage 1
/// concluding by day 3 and stage 2 by day 9 (calendar days from the concern
/// arising, adopted 1 December 2026, review 30 November 2027).
fn every_stage_policy(within: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         days are calendar days\nday 1 is the day the concern arose\n\
         holidays england-and-wales\nadopted 2026-12-01\nreview 2027-11-30\n\
         actor practitioner \"Worker\"\nactor manager \"Manager\"\n\
         record notes \"Notes\"\n\
         every stage {{\n  record \"it\" in notes\n  share outcome with practitioner\n  \
         notify manager within {within} of the concern arising\n}}\n\
         stage 1 \"One\" {{\n  start on day 1\n  conclude by day 3\n  led by practitioner\n  \
         resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}}\n\
         stage 2 \"Two\" {{\n  start no later than day 3\n  conclude by day 9\n  \
         led by manager\n  resolved: end \"Done\"\n}}\n"
    )
}

/// A timed `every stage` duty is checked at each stage like the stage's own:
/// reported once, at its line, naming the first stage it falls due after.
#[test]
fn a_timed_duty_at_every_stage_is_checked_against_each_stage() {
    // Within 5 calendar days: due day 6 (day 1 plus five days), after
    // Stage 1 concludes on day 3, before Stage 2 on day 9.
    let text = every_stage_policy("5 days");
    let checked = check(&text);
    let found = with_code(&checked.diagnostics, Code::DutyAfterStage);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert!(
        found[0]
            .message
            .contains("after Stage 1 must conclude on day 3"),
        "{}",
        found[0].message
    );
    assert!(text[found[0].span.start..].starts_with("within 5 days"));

    // Within 2 working days: a concern raised on a Thursday is due on the
    // Monday, after day 3 (the Saturday); on a Monday it is due on the
    // Wednesday, day 3, which is in time. Worked out the long way, the
    // first date from adoption that breaks it (Thursday 3 December 2026):
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    let mut first = None;
    let mut day = d(2026, 12, 1);
    while day <= d(2027, 11, 30) {
        if calendar.add_working_days(day, 2).unwrap() > day + chrono::Days::new(2) {
            first = Some(day);
            break;
        }
        day = day.succ_opt().unwrap();
    }
    let first = first.unwrap();
    assert_eq!(first, d(2026, 12, 3));
    let checked = check(&every_stage_policy("2 working days"));
    let found = with_code(&checked.diagnostics, Code::DutyAfterStage);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    let spoken = ladder::deadline::spoken_date(first);
    assert!(
        found[0]
            .message
            .contains(&format!("for a concern raised on {spoken}")),
        "{} (expected {spoken})",
        found[0].message
    );
    assert!(found[0].message.contains("after Stage 1 must conclude"));
}

#[test]
fn a_sweep_cut_short_by_the_calendar_says_where_it_stopped_and_why() {
    // The fixture adopted on 1 December 2026, with its review moved to
    // November 2032. The built-in calendar knows 2010 to 2030; stage 2
    // concludes by day 10, which for a concern raised on Monday 23 December
    // 2030 is 1 January 2031, so the last date that can be tried is Sunday
    // 22 December 2030 (day 10 is 31 December 2030).
    let text = fixture().replace("review 30 November 2027", "review November 2032");
    let checked = check(&text);
    let untried = "The dates to try (adoption to review) run from 1 December 2026 to \
                   30 November 2032, but the bank-holiday calendar for England and Wales only \
                   knows the years 2010 to 2030, so the dates after 22 December 2030 were not \
                   tried: their deadlines fall outside those years.";
    // The conflict found says which dates it was found among, without
    // calling them "adoption to review", and what was left out.
    let found = with_code(&checked.diagnostics, Code::OverlappingWindows);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.contains(
            " dates from 1 December 2026 to 22 December 2030 on which a concern could arise"
        ),
        "{help}"
    );
    assert!(!help.contains("2030 (adoption to review)"), "{help}");
    assert!(help.contains(untried), "{help}");
    // Stage 1's own window (start on day 1, conclude within 2 working days)
    // never conflicts on the dates tried; it is not passed in silence.
    let notes = with_code(&checked.diagnostics, Code::NotCompared);
    assert_eq!(notes.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        notes[0].message,
        "`within 2 working days of the concern arising` was not compared with the other limits \
         of Stage 1 for concerns raised after 22 December 2030"
    );
    let help = notes[0].help.as_deref().unwrap();
    assert!(
        help.starts_with(
            "ladder tried the 1483 dates from 1 December 2026 to 22 December 2030 and found no \
             conflict."
        ),
        "{help}"
    );
    // 1 December 2026 to 22 December 2030 is 31 + 365 + 366 + 365 + 356
    // dates (2028 is a leap year).
    assert!(help.contains(untried), "{help}");
}
