//! `ladder timeline`: the dates of every deadline for a concern raised on a
//! given date, checked against dates a person works out with a calendar:
//! Christmas, Easter, St Andrew's Day and the one-off bank holidays of 2022
//! and 2023, the `--calendar` and `--holidays` options, and the errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::Datelike;
use serde_json::Value;

use crate::support::root;

fn ladder(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Writes a policy to a file of its own for the binary to read.
fn policy_file(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ladder"));
    std::fs::write(&path, text).unwrap();
    path
}

/// The timeline as JSON, from the binary, which must succeed.
fn timeline(path: &Path, raised: &str, extra: &[&str]) -> Value {
    let path = path.to_string_lossy().into_owned();
    let mut args = vec!["timeline", &path, "--raised", raised, "--format", "json"];
    args.extend_from_slice(extra);
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// Every deadline as `(stage, what, date)`, the date as "YYYY-MM-DD Weekday"
/// or "no date".
fn rows(timeline: &Value) -> Vec<(String, String, String)> {
    timeline["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let date = match &d["date"] {
                Value::Null => "no date".to_owned(),
                day => format!(
                    "{} {}",
                    day["date"].as_str().unwrap(),
                    day["weekday"].as_str().unwrap()
                ),
            };
            (
                d["stage_label"].as_str().unwrap().to_owned(),
                d["what"].as_str().unwrap().to_owned(),
                date,
            )
        })
        .collect()
}

fn row(stage: &str, what: &str, date: &str) -> (String, String, String) {
    (stage.to_owned(), what.to_owned(), date.to_owned())
}

fn cheshire_east() -> PathBuf {
    root().join("policies/cheshire-east.ladder")
}

#[test]
fn cheshire_east_at_christmas_2026() {
    // Cheshire East counts calendar days from the day the concern arose, and
    // working days with the bank holidays of England and Wales. A concern
    // raised on Thursday 24 December 2026:
    //
    // - day 1 is Thursday 24 December, so day N is 24 December + (N-1) days:
    //   day 3 Saturday 26 December, day 9 Friday 1 January 2027, day 14
    //   Wednesday 6 January, day 16 Friday 8 January, day 21 Wednesday
    //   13 January;
    // - "within 24 hours of the concern arising" ends on day 2, Friday
    //   25 December: hours run on through Christmas Day;
    // - "within one working day of the concern arising" is the first
    //   working day after Thursday 24 December: Friday 25 is Christmas Day,
    //   26 and 27 are the weekend, Monday 28 is the substitute Boxing Day,
    //   so it is Tuesday 29 December;
    // - Step 4 may start as late as day 16, Friday 8 January; "within
    //   5 working days of being notified" counts Monday 11, Tuesday 12,
    //   Wednesday 13, Thursday 14 and Friday 15 January, two days after
    //   Step 4 must conclude.
    let t = timeline(&cheshire_east(), "2026-12-24", &[]);
    assert_eq!(
        rows(&t),
        vec![
            row("Step 1", "start on day 1", "2026-12-24 Thursday"),
            row(
                "Step 1",
                "task \"take action on the concern\" within 24 hours of the concern arising",
                "2026-12-25 Friday"
            ),
            row(
                "Step 1",
                "task \"attempt to raise the issue with the other agency\" within 1 working day of the concern arising",
                "2026-12-29 Tuesday"
            ),
            row("Step 2", "start by day 3", "2026-12-26 Saturday"),
            row("Step 2", "conclude by day 9", "2027-01-01 Friday"),
            row("Step 3", "start by day 9", "2027-01-01 Friday"),
            row("Step 3", "conclude by day 14", "2027-01-06 Wednesday"),
            row("Step 4", "start by day 16", "2027-01-08 Friday"),
            row(
                "Step 4",
                "recommend \"the most appropriate way to proceed\" within 5 working days of being notified",
                "2027-01-15 Friday"
            ),
            row("Step 4", "conclude by day 21", "2027-01-13 Wednesday"),
        ]
    );
    assert_eq!(t["final_deadline"]["date"]["date"], "2027-01-15");
    assert_eq!(t["raised"]["weekday"], "Thursday");
    assert_eq!(t["day_one"]["date"], "2026-12-24");
    assert_eq!(t["holidays"], "england-and-wales");
    assert_eq!(t["format_version"], 3);
    // The bank holidays a calendar-day deadline lands on are named.
    assert_eq!(t["deadlines"][1]["date"]["bank_holiday"], "Christmas Day");
    assert_eq!(t["deadlines"][4]["date"]["bank_holiday"], "New Year’s Day");
}

#[test]
fn the_human_table_reads_as_a_table() {
    let out = ladder(&[
        "timeline",
        "policies/cheshire-east.ladder",
        "--raised",
        "2026-12-24",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Timeline: Multi-Agency Escalation Procedure (CESAB)\n"));
    assert!(
        text.contains("Concern raised on Thursday 2026-12-24."),
        "{text}"
    );
    for line in [
        "Date                  Stage   Deadline",
        "2026-12-29 Tuesday    Step 1  task \"attempt to raise the issue with the other agency\" within 1 working day of the concern arising",
        "2027-01-01 Friday     Step 2  conclude by day 9 (bank holiday: New Year’s Day)",
        "2027-01-15 Friday     Step 4  recommend \"the most appropriate way to proceed\" within 5 working days of being notified (falls after Step 4 must conclude, 2027-01-13 Wednesday)",
        "Final deadline: 2027-01-15 Friday (Step 4: recommend \"the most appropriate way to proceed\" within 5 working days of being notified)",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    // Nothing trails at the end of a line, so it pastes cleanly.
    assert!(text.lines().all(|l| l == l.trim_end()));
}

const WORKING_DAYS: &str = r#"policy "Working-day escalation"
board "Example Safeguarding Adults Board" (ESAB)
concern raised by practitioner
days are working days
day 1 is the day the concern arose
holidays england-and-wales

actor practitioner "Professional raising the concern"
actor line_manager "Line manager"
record case_record "The agency's case records"

every stage {
  record "the outcome" in case_record
  share outcome with practitioner
}

stage 1 "Professional to professional" {
  start on day 1
  conclude by day 3
  led by practitioner with equivalent practitioner
  resolved: end "Resolved between professionals"
  unresolved: escalate to stage 2
}

stage 2 "Manager to manager" {
  start no later than day 3
  conclude within 5 working days
  led by line_manager with equivalent line_manager
  notify line_manager within 24 hours
  resolved: end "Resolved between managers"
}
"#;

#[test]
fn easter_2026_in_working_days() {
    let path = policy_file("easter", WORKING_DAYS);
    // Thursday 2 April 2026 is a working day, so it is day 1. Good Friday
    // (3 April), the weekend and Easter Monday (6 April) are not working
    // days: day 2 is Tuesday 7 April and day 3 Wednesday 8 April. Stage 2
    // may start as late as day 3; five working days later is Wednesday
    // 15 April (9, 10, 13, 14, 15); 24 hours after Wednesday 8 April is
    // Thursday 9 April.
    let t = timeline(&path, "2026-04-02", &[]);
    assert_eq!(t["day_one"]["date"], "2026-04-02");
    assert_eq!(
        rows(&t),
        vec![
            row("Stage 1", "start on day 1", "2026-04-02 Thursday"),
            row("Stage 1", "conclude by day 3", "2026-04-08 Wednesday"),
            row("Stage 2", "start by day 3", "2026-04-08 Wednesday"),
            row(
                "Stage 2",
                "notify line_manager within 24 hours",
                "2026-04-09 Thursday"
            ),
            row(
                "Stage 2",
                "conclude within 5 working days",
                "2026-04-15 Wednesday"
            ),
        ]
    );
    // A concern raised on Easter Saturday, 4 April 2026: day 1 is the next
    // working day, Tuesday 7 April (Sunday and Easter Monday are not
    // working days), day 3 is Thursday 9 April, and five working days
    // after it is Thursday 16 April (10, 13, 14, 15, 16).
    let t = timeline(&path, "2026-04-04", &[]);
    assert_eq!(t["raised"]["weekday"], "Saturday");
    assert_eq!(t["day_one"]["date"], "2026-04-07");
    assert_eq!(
        rows(&t)[2..],
        [
            row("Stage 2", "start by day 3", "2026-04-09 Thursday"),
            row(
                "Stage 2",
                "notify line_manager within 24 hours",
                "2026-04-10 Friday"
            ),
            row(
                "Stage 2",
                "conclude within 5 working days",
                "2026-04-16 Thursday"
            ),
        ]
    );
}

const NEXT_WORKING_DAY: &str = r#"policy "Next working day"
board "Example Safeguarding Adults Board" (ESAB)
concern raised by practitioner
days are calendar days
day 1 is the day the concern arose
holidays england-and-wales

actor practitioner "Professional raising the concern"
record case_record "The agency's case records"

every stage {
  record "the outcome" in case_record
  share outcome with practitioner
}

stage 1 "Professional to professional" {
  start on day 1
  led by practitioner with equivalent practitioner
  notify practitioner within one working day of the concern arising
  resolved: end "Resolved"
}
"#;

/// The date of the one timed duty of `NEXT_WORKING_DAY`.
fn next_working_day(raised: &str, extra: &[&str]) -> String {
    let path = policy_file("next-working-day", NEXT_WORKING_DAY);
    rows(&timeline(&path, raised, extra))[1].2.clone()
}

#[test]
fn st_andrews_day_depends_on_the_calendar() {
    // Friday 27 November 2026: the next working day is Monday 30 November
    // in England and Wales and in Northern Ireland, but Monday 30 November
    // is St Andrew's Day in Scotland, so there (and "anywhere in the UK")
    // it is Tuesday 1 December. `--calendar` overrides the policy's
    // `holidays england-and-wales`.
    assert_eq!(next_working_day("2026-11-27", &[]), "2026-11-30 Monday");
    assert_eq!(
        next_working_day("2026-11-27", &["--calendar", "northern-ireland"]),
        "2026-11-30 Monday"
    );
    assert_eq!(
        next_working_day("2026-11-27", &["--calendar", "scotland"]),
        "2026-12-01 Tuesday"
    );
    assert_eq!(
        next_working_day("2026-11-27", &["--calendar", "any-uk"]),
        "2026-12-01 Tuesday"
    );
}

#[test]
fn the_one_off_bank_holidays_of_2022_and_2023() {
    // Wednesday 1 June 2022: the spring bank holiday moved to Thursday
    // 2 June and Friday 3 June was the Platinum Jubilee holiday, so the next
    // working day is Monday 6 June.
    assert_eq!(next_working_day("2022-06-01", &[]), "2022-06-06 Monday");
    // Friday 16 September 2022: Monday 19 September was the State Funeral
    // of Queen Elizabeth II, so the next working day is Tuesday 20.
    assert_eq!(next_working_day("2022-09-16", &[]), "2022-09-20 Tuesday");
    // Friday 5 May 2023: Monday 8 May was the Coronation of King Charles
    // III, so the next working day is Tuesday 9 May.
    assert_eq!(next_working_day("2023-05-05", &[]), "2023-05-09 Tuesday");
    // Friday 28 April 2023: the early May bank holiday was Monday 1 May as
    // usual, so the next working day is Tuesday 2 May.
    assert_eq!(next_working_day("2023-04-28", &[]), "2023-05-02 Tuesday");
}

#[test]
fn the_governments_list_is_used_when_given() {
    // Thursday 7 May 2020: in 2020 the early May bank holiday moved to
    // Friday 8 May (VE Day), so the next working day is Monday 11 May; the
    // government's list for 2015 to 2021 says the same as the built-in one.
    let feed = root().join("tests/data/bank-holidays-2015-2021.json");
    let feed = feed.to_string_lossy().into_owned();
    assert_eq!(
        next_working_day("2020-05-07", &["--holidays", &feed]),
        "2020-05-11 Monday"
    );
    // A list with one made-up holiday on Monday 30 November 2026 replaces
    // the built-in year 2026, so Friday 27 November's next working day
    // becomes Tuesday 1 December.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline");
    std::fs::create_dir_all(&dir).unwrap();
    let made_up = dir.join("made-up-holidays.json");
    std::fs::write(
        &made_up,
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "A made-up holiday", "date": "2026-11-30", "notes": "", "bunting": false}
        ]}}"#,
    )
    .unwrap();
    let made_up = made_up.to_string_lossy().into_owned();
    assert_eq!(
        next_working_day("2026-11-27", &["--holidays", &made_up]),
        "2026-12-01 Tuesday"
    );
}

#[test]
fn a_holidays_file_that_drops_days_or_leaves_years_to_the_rules_is_warned_about() {
    // One made-up holiday for 2026 replaces the whole built-in year: the
    // run goes ahead, and stderr says which days become working days.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline");
    std::fs::create_dir_all(&dir).unwrap();
    let made_up = dir.join("one-holiday-2026.json");
    std::fs::write(
        &made_up,
        r#"{"england-and-wales": {"events": [
            {"title": "A made-up holiday", "date": "2026-11-30"}
        ]}}"#,
    )
    .unwrap();
    let made_up = made_up.to_string_lossy().into_owned();
    let path = policy_file("next-working-day", NEXT_WORKING_DAY);
    let path = path.to_string_lossy().into_owned();
    for command in ["timeline", "check"] {
        let mut args = vec![command, path.as_str(), "--holidays", made_up.as_str()];
        if command == "timeline" {
            args.extend(["--raised", "2026-12-24"]);
        }
        let out = ladder(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!(
                "warning: `{made_up}` lists only 1 bank holiday for England and Wales in 2026, \
                 where the built-in calendar has 8; its list replaces the whole year, so these \
                 count as working days in 2026: "
            )),
            "{err}"
        );
        assert!(err.contains("Christmas Day (25 December)"), "{err}");
    }
    // The timeline follows the file: Christmas Day 2026 is now a working day.
    assert_eq!(
        next_working_day("2026-12-24", &["--holidays", &made_up]),
        "2026-12-25 Friday"
    );
    // The government's own list warns about nothing.
    let feed = root().join("tests/data/bank-holidays-2015-2021.json");
    let feed = feed.to_string_lossy().into_owned();
    let out = ladder(&[
        "timeline",
        &path,
        "--raised",
        "2020-05-07",
        "--holidays",
        &feed,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_bad_holidays_file_stops_the_run() {
    let path = policy_file("next-working-day", NEXT_WORKING_DAY);
    let path = path.to_string_lossy().into_owned();
    let out = ladder(&[
        "timeline",
        &path,
        "--raised",
        "2026-11-27",
        "--holidays",
        "Cargo.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out)
            .starts_with("error: cannot use `Cargo.toml`: the bank-holiday file is not valid JSON"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dates_past_the_known_years_are_an_error_not_a_guess() {
    // Christmas Eve 2030: Step 2 concludes on day 9, 1 January 2031, a year
    // the built-in calendar does not know.
    let out = ladder(&[
        "timeline",
        "policies/cheshire-east.ladder",
        "--raised",
        "2030-12-24",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert_eq!(
        stderr(&out),
        "error: no timeline for a concern raised on 2030-12-24: the bank-holiday calendar for \
         England and Wales only knows the years 2010 to 2030; 1 January 2031 is outside it\n\
         help: load the government's newer list of bank holidays with `--holidays FILE` \
         (https://www.gov.uk/bank-holidays.json)\n"
    );
    let out = ladder(&[
        "timeline",
        "policies/cheshire-east.ladder",
        "--raised",
        "2031-01-05",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("5 January 2031 is outside it"));
}

#[test]
fn a_policy_with_errors_gives_no_timeline() {
    let broken = NEXT_WORKING_DAY.replace("led by practitioner", "led by practitionr");
    let path = policy_file("broken", &broken);
    let path = path.to_string_lossy().into_owned();
    let out = ladder(&["timeline", &path, "--raised", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("error[L020]"), "{err}");
    assert!(err.contains("so no timeline was produced"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let out = ladder(&[
        "timeline",
        "policies/cheshire-east.ladder",
        "--raised",
        "24/12/2026",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = ladder(&[
        "timeline",
        "policies/cheshire-east.ladder",
        "--raised",
        "2026-12-24",
        "--calendar",
        "wales",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("england-and-wales, scotland, northern-ireland, any-uk"));
    let out = ladder(&[
        "timeline",
        "policies/no-such-file.ladder",
        "--raised",
        "2026-12-24",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn untimed_stages_are_listed_without_dates() {
    // Somerset gives no timescale to any stage, only one for the whole
    // procedure, decided case by case: nothing has a date.
    let t = timeline(&root().join("policies/somerset.ladder"), "2026-12-24", &[]);
    let all = rows(&t);
    let (last, stages) = all.split_last().unwrap();
    assert!(
        stages
            .iter()
            .all(|(_, what, date)| what == "no timescale" && date == "no date")
    );
    assert_eq!(
        last,
        &row(
            "All stages",
            "all stages conclude case by case (\"within a time frame which clearly protects the adult/s involved\")",
            "no date"
        )
    );
    assert_eq!(
        t["deadlines"][all.len() - 1]["no_date"],
        "decided case by case; no fixed date"
    );
    assert_eq!(t["final_deadline"], Value::Null);
    // Harrow's review "within one working day of being notified" counts
    // from a step with no start date.
    let t = timeline(&root().join("policies/harrow.ladder"), "2026-12-24", &[]);
    let review = t["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["what"]
                .as_str()
                .unwrap()
                .starts_with("task \"review the decision\"")
        })
        .unwrap();
    assert_eq!(review["date"], Value::Null);
    assert!(
        review["no_date"]
            .as_str()
            .unwrap()
            .contains("which has no date")
    );
}

#[test]
fn every_policy_has_a_timeline_for_every_day_of_2026() {
    // The library, not the binary: 365 dates for each shipped policy, none
    // of which may fail (2026 and the weeks after it are in the calendar).
    for path in crate::support::ladder_files("policies") {
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = crate::support::check(&text);
        let policy = checked.clean_policy().unwrap();
        let calendar =
            ladder::deadline::HolidaySource::default().calendar_for(policy.header.holidays);
        let mut day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        while day.year() == 2026 {
            let t = ladder::timeline::build(policy, day, calendar.as_ref()).unwrap();
            // Start-by and conclude-by never come before the concern.
            for d in &t.deadlines {
                if let Some(date) = &d.date {
                    assert!(date.value >= day, "{}: {day}: {d:?}", path.display());
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}

/// When a stage of the main ladder has a limit with no date (here stage 2
/// concludes within 10 working days of being notified, but has no start of
/// its own and stage 1, which escalates to it, has no conclusion to chain
/// from), the final deadline says the procedure may run later, and the JSON
/// lists the stage.
#[test]
fn a_final_deadline_with_an_undated_stage_says_so() {
    let path = policy_file(
        "undated",
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         days are calendar days\nday 1 is the day the concern arose\n\
         holidays england-and-wales\n\
         actor practitioner \"Worker\"\nactor manager \"Manager\"\n\
         record notes \"Notes\"\n\
         every stage {\n  record \"it\" in notes\n  share outcome with practitioner\n}\n\
         stage 1 \"One\" {\n  start on day 1\n  task \"reply\" within 4 days\n  led by practitioner\n  \
         resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}\n\
         stage 2 \"Two\" {\n  conclude within 10 working days of being notified\n  \
         led by manager\n  resolved: end \"Done\"\n}\n",
    );
    let path = path.to_string_lossy().into_owned();
    let out = ladder(&["timeline", &path, "--raised", "2026-12-24"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Four days from Thursday 24 December 2026 is Monday 28.
    assert!(
        stdout(&out).contains(
            "Final deadline: 2026-12-28 Monday (Stage 1: task \"reply\" within 4 calendar days), but Stage 2 has a limit with no date, so the procedure may run later"
        ),
        "{}",
        stdout(&out)
    );
    let json = timeline(Path::new(&path), "2026-12-24", &[]);
    assert_eq!(json["undated_stages"], serde_json::json!(["Stage 2"]));
}

/// Hours run from the moment the concern arose even when day 1 is the day
/// after: a concern raised on Thursday 24 December 2026 must be acted on
/// within 24 hours, by Friday 25 December, while "within 2 days of the
/// concern arising" counts from day 1, Friday 25, to Sunday 27 December.
#[test]
fn hours_count_from_the_concern_even_when_day_1_is_the_day_after() {
    let path = policy_file(
        "day-after-hours",
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         days are calendar days\nday 1 is the day after the concern arose\n\
         actor practitioner \"Worker\"\nrecord notes \"Notes\"\n\
         stage 1 \"One\" {\n  start on day 1\n  conclude by day 5\n  led by practitioner\n  \
         task \"act\" within 24 hours of the concern arising\n  \
         task \"write\" within 2 days of the concern arising\n  \
         record \"it\" in notes\n  resolved: end \"Done\"\n}\n",
    );
    let rows = rows(&timeline(&path, "2026-12-24", &[]));
    assert!(
        rows.contains(&row(
            "Stage 1",
            "task \"act\" within 24 hours of the concern arising",
            "2026-12-25 Friday"
        )),
        "{rows:#?}"
    );
    assert!(
        rows.contains(&row(
            "Stage 1",
            "task \"write\" within 2 calendar days of the concern arising",
            "2026-12-27 Sunday"
        )),
        "{rows:#?}"
    );
    // The day-number check agrees: 24 hours is within stage 1 (day 5).
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = crate::support::check(&text);
    assert!(
        checked.clean_policy().is_some(),
        "{:#?}",
        checked.diagnostics
    );
}

/// Each level of a working-days procedure has its own window and no start
/// of its own: the timeline chains them, so that every level has a latest
/// start and conclusion, and counts the anchors written in the policy
/// (`of the previous stage ending unresolved`, `a further`, `of stage 2
/// concluding`, `before the meeting ends`, `immediately`). A concern raised
/// on Friday 18 December 2026 runs over Christmas and New Year.
#[test]
fn chained_windows_and_anchors_are_dated() {
    let path = root().join("tests/policies/chained-working-days.ladder");
    let t = timeline(&path, "2026-12-18", &[]);
    assert_eq!(
        rows(&t),
        vec![
            row(
                "Stage 1",
                "start when the concern is raised",
                "2026-12-18 Friday"
            ),
            row("Stage 1", "notify manager immediately", "2026-12-18 Friday"),
            // Two working days: Monday 21 and Tuesday 22.
            row(
                "Stage 1",
                "conclude within 2 working days",
                "2026-12-22 Tuesday"
            ),
            row(
                "Stage 2",
                "start within 1 working day of the previous stage ending unresolved",
                "2026-12-23 Wednesday"
            ),
            row(
                "Stage 2",
                "meet \"both managers\" within 1 working day",
                "2026-12-24 Thursday"
            ),
            // Two working days after Thursday 24: Christmas Day, the
            // weekend and the Boxing Day holiday (Monday 28) are skipped.
            row(
                "Stage 2",
                "task \"send a written summary\" within a further 2 working days",
                "2026-12-30 Wednesday"
            ),
            row(
                "Stage 2",
                "task \"agree the actions\" before the meeting ends",
                "2026-12-24 Thursday"
            ),
            // 48 hours from Wednesday 23 is Friday 25; two working days
            // would be Tuesday 29: the earlier governs.
            row(
                "Stage 2",
                "conclude within 48 hours (2 working days)",
                "2026-12-25 Friday"
            ),
            row(
                "Stage 3",
                "start when Stage 2 must conclude",
                "2026-12-25 Friday"
            ),
            row(
                "Stage 3",
                "task \"review the case file\" within 3 working days of Stage 2 concluding",
                "2026-12-31 Thursday"
            ),
            row(
                "Stage 3",
                "notify practitioner within 24 hours or within 1 working day, whichever is sooner",
                "2026-12-26 Saturday"
            ),
            row("Stage 3", "report \"the outcome\" without delay", "no date"),
            row(
                "Stage 3",
                "conclude within 10 working days",
                "2027-01-12 Tuesday"
            ),
            row(
                "All stages",
                "all stages conclude within 15 working days of the concern arising",
                "2027-01-13 Wednesday"
            ),
        ]
    );
    let deadlines = t["deadlines"].as_array().unwrap();
    let without_delay = &deadlines[11];
    assert_eq!(
        without_delay["no_date"],
        "without delay: as soon as it can be done; no fixed date"
    );
    // The chained starts say they are plan dates.
    assert!(
        deadlines[8]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "a plan date: the stage has no start of its own")
    );
}

/// The timeline for people, from the binary, which must succeed.
fn table(path: &Path, raised: &str) -> String {
    let path = path.to_string_lossy().into_owned();
    let out = ladder(&["timeline", &path, "--raised", raised]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// The two lines under the title: the concern, day 1 and how days count.
fn header(table: &str) -> Vec<&str> {
    table.lines().skip(1).take(2).collect()
}

#[test]
fn the_header_says_only_what_the_policy_states_about_days() {
    // Somerset gives no timescale and says nothing about days: nothing is
    // invented for it.
    let somerset = root().join("policies/somerset.ladder");
    assert_eq!(
        header(&table(&somerset, "2026-12-24")),
        [
            "Concern raised on Thursday 2026-12-24.",
            "The policy uses no day numbers, so it states no day counting.",
        ]
    );
    let t = timeline(&somerset, "2026-12-24", &[]);
    assert_eq!(t["format_version"], 3);
    assert_eq!(t["day_one"], Value::Null);
    assert_eq!(t["days"], Value::Null);
    assert_eq!(t["day_one_is"], Value::Null);
    // Harrow counts only working days from being notified, with the bank
    // holidays of England and Wales.
    assert_eq!(
        header(&table(&root().join("policies/harrow.ladder"), "2026-12-24")),
        [
            "Concern raised on Thursday 2026-12-24.",
            "The policy uses no day numbers, so it states no day counting. \
             Working days skip weekends and the bank holidays of England and Wales.",
        ]
    );
    // A policy that says its days are working days but not which is day 1.
    let path = policy_file(
        "days-without-day-one",
        &WORKING_DAYS
            .replace("day 1 is the day the concern arose\n", "")
            .replace("  start on day 1\n  conclude by day 3\n", "")
            .replace("  start no later than day 3\n", ""),
    );
    assert_eq!(
        header(&table(&path, "2026-04-02")),
        [
            "Concern raised on Thursday 2026-04-02. The policy does not say which day is day 1.",
            "Days are working days. Working days skip weekends and the bank holidays of \
             England and Wales.",
        ]
    );
    let t = timeline(&path, "2026-04-02", &[]);
    assert_eq!(t["day_one"], Value::Null);
    assert_eq!(t["days"], "working days");
    assert_eq!(t["day_one_is"], Value::Null);
}

#[test]
fn day_1_after_a_weekend_is_called_the_first_working_day() {
    let path = policy_file("easter-header", WORKING_DAYS);
    // Thursday 2 April 2026 is a working day: it is day 1 itself.
    assert_eq!(
        header(&table(&path, "2026-04-02"))[0],
        "Concern raised on Thursday 2026-04-02. Day 1 is Thursday 2026-04-02 (the day the \
         concern arose)."
    );
    // Easter Saturday, 4 April 2026: day 1 is Tuesday 7 April, after the
    // weekend and Easter Monday, which is not the day the concern arose.
    assert_eq!(
        header(&table(&path, "2026-04-04"))[0],
        "Concern raised on Saturday 2026-04-04. Day 1 is Tuesday 2026-04-07, the first \
         working day on or after the day the concern arose."
    );
}

#[test]
fn a_stage_with_no_timescale_is_not_a_target() {
    let somerset = root().join("policies/somerset.ladder");
    let text = table(&somerset, "2026-12-24");
    assert!(
        text.contains(
            "no date               stage `practitioners`         no timescale (stage \
             `practitioners` has no start, conclusion or timed duty)"
        ),
        "{text}"
    );
    assert!(!text.contains("target"), "{text}");
    let t = timeline(&somerset, "2026-12-24", &[]);
    assert!(
        t["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["hard"] == true)
    );
}

#[test]
fn a_target_as_final_deadline_keeps_its_mark() {
    // Stage 2 aims to conclude within 5 working days of starting by day 3:
    // for a concern raised on Thursday 2 April 2026 that is Wednesday
    // 15 April, the latest date, and a target.
    let path = policy_file(
        "target-last",
        &WORKING_DAYS.replace(
            "  conclude within 5 working days\n",
            "  aim to conclude within 5 working days\n",
        ),
    );
    let text = table(&path, "2026-04-02");
    assert!(
        text.contains("2026-04-15 Wednesday  Stage 2  conclude within 5 working days (a target)\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "Final deadline: 2026-04-15 Wednesday (Stage 2: conclude within 5 working days, \
             a target)\n"
        ),
        "{text}"
    );
    let t = timeline(&path, "2026-04-02", &[]);
    assert_eq!(t["final_deadline"]["hard"], false);
}

#[test]
fn hours_that_end_before_day_1_say_why() {
    // A working-day policy and a concern raised on Easter Saturday,
    // 4 April 2026, at some time of day: 24 hours later is Sunday 5 April,
    // but day 1 is Tuesday 7 April (Easter Monday is a bank holiday).
    // Hours are hours: the date stands, and the row says why it comes
    // before day 1.
    let path = policy_file(
        "hours-before-day-one",
        &WORKING_DAYS.replace(
            "  conclude by day 3\n",
            "  conclude by day 3\n  task \"act on it\" within 24 hours of the concern arising\n",
        ),
    );
    let text = table(&path, "2026-04-04");
    assert!(
        text.contains(
            "2026-04-05 Sunday     Stage 1  task \"act on it\" within 24 hours of the concern \
             arising (by the time of day the concern arose; before day 1, which is 2026-04-07 \
             Tuesday: hours run by the clock from the moment the concern arose)\n"
        ),
        "{text}"
    );
    // Raised on Thursday 2 April, a working day, the 24 hours end on day 2
    // (Friday 3 April is Good Friday, but hours run on): no such note.
    let text = table(&path, "2026-04-02");
    assert!(
        text.contains(
            "2026-04-03 Friday     Stage 1  task \"act on it\" within 24 hours of the concern \
             arising (bank holiday: Good Friday; by the time of day the concern arose)\n"
        ),
        "{text}"
    );
}
