//! `ladder timeline POLICY --cases FILE`: many concerns in one run. Each
//! case's `deadlines` must be exactly what `ladder timeline --raised DATE
//! --format json` gives for it; the status, the next deadline and the first
//! one missed are checked by hand on a known timeline; bad lines are
//! reported with their number and skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use serde_json::Value;

use crate::support::root;

fn ladder(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.unwrap_or("").to_owned();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const CHAINED: &str = "tests/policies/chained-working-days.ladder";

/// Raise dates around Christmas and New Year 2025 and 2026, Easter 2025,
/// 2026 and 2027, and every other bank holiday of 2026 in the three
/// divisions (St Patrick's Day, the May days, the Boyne, both August days,
/// St Andrew's Day).
fn raise_dates() -> Vec<NaiveDate> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let around = |centre: NaiveDate, before: u64, after: u64| {
        (0..=before + after).map(move |i| centre - chrono::Days::new(before) + chrono::Days::new(i))
    };
    let mut dates: BTreeSet<NaiveDate> = BTreeSet::new();
    for centre in [d(2025, 12, 25), d(2026, 12, 25)] {
        dates.extend(around(centre, 14, 12));
    }
    for easter in [d(2025, 4, 20), d(2026, 4, 5), d(2027, 3, 28)] {
        dates.extend(around(easter, 9, 4));
    }
    for holiday in [
        d(2026, 3, 17),
        d(2026, 5, 4),
        d(2026, 5, 25),
        d(2026, 7, 13),
        d(2026, 8, 3),
        d(2026, 8, 31),
        d(2026, 11, 30),
        d(2026, 1, 2),
    ] {
        dates.extend(around(holiday, 4, 2));
    }
    dates.into_iter().collect()
}

#[test]
fn a_thousand_cases_agree_with_one_timeline_each() {
    let divisions = ["england-and-wales", "scotland", "northern-ireland"];
    let stages = ["", "stage-1", "Stage 2", "3"];
    let dates = raise_dates();
    let policies = [CHAINED, "policies/cheshire-east.ladder"];
    // 1,000 cases: every date in every division, for two policies (one in
    // working days, one in calendar days that names bank holidays), with
    // the optional fields varied.
    let mut inputs: BTreeMap<&str, String> = BTreeMap::new();
    let mut expected_cases: Vec<(&str, String, NaiveDate, &str)> = Vec::new();
    for k in 0..1000usize {
        let policy = policies[k % 2];
        let date = dates[(k / 2) % dates.len()];
        let division = divisions[(k / 2 / dates.len() + k / 7) % 3];
        let stage = if policy == CHAINED { stages[k % 4] } else { "" };
        let closed = if k % 9 == 0 {
            (date + chrono::Days::new(3)).format("%Y-%m-%d").to_string()
        } else {
            String::new()
        };
        let id = format!("case-{k}");
        let text = inputs
            .entry(policy)
            .or_insert_with(|| "id,raised,calendar,stage,closed\n".to_owned());
        text.push_str(&format!(
            "{id},{}T{:02}:15,{division},{stage},{closed}\n",
            date.format("%Y-%m-%d"),
            k % 24
        ));
        expected_cases.push((policy, id, date, division));
    }
    let mut produced: BTreeMap<String, Value> = BTreeMap::new();
    for (policy, input) in &inputs {
        let output = ladder(
            &[
                "timeline",
                policy,
                "--cases",
                "-",
                "--cases-format",
                "csv",
                "--today",
                "2026-06-01",
            ],
            Some(input),
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let records = lines(&output);
        assert_eq!(records.len(), input.lines().count() - 1);
        // In the order read.
        let ids: Vec<&str> = input
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        let got: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(got, ids);
        for record in records {
            produced.insert(record["id"].as_str().unwrap().to_owned(), record);
        }
    }
    // One `ladder timeline` for each policy, date and calendar: its output
    // depends on nothing else.
    let mut single: BTreeMap<(&str, NaiveDate, &str), Value> = BTreeMap::new();
    let mut holidays_seen: BTreeSet<String> = BTreeSet::new();
    for (policy, id, date, division) in &expected_cases {
        let reference = single.entry((policy, *date, division)).or_insert_with(|| {
            let raised = date.format("%Y-%m-%d").to_string();
            let output = ladder(
                &[
                    "timeline",
                    policy,
                    "--raised",
                    &raised,
                    "--calendar",
                    division,
                    "--format",
                    "json",
                ],
                None,
            );
            assert!(output.status.success());
            serde_json::from_slice(&output.stdout).unwrap()
        });
        let record = &produced[id];
        assert_eq!(
            record["deadlines"], reference["deadlines"],
            "{id}: {policy} raised {date} in {division}"
        );
        assert_eq!(record["calendar"].as_str(), Some(*division));
        for d in reference["deadlines"].as_array().unwrap() {
            if let Some(title) = d["date"]["bank_holiday"].as_str() {
                holidays_seen.insert(title.to_owned());
            }
        }
    }
    assert!(
        single.len() > 400,
        "only {} distinct timelines",
        single.len()
    );
    for title in [
        "Christmas Day",
        "Boxing Day",
        "Good Friday",
        "Easter Monday",
        "St Patrick’s Day",
        "St Andrew’s Day",
        "Battle of the Boyne (Orangemen’s Day)",
    ] {
        assert!(
            holidays_seen.contains(title),
            "no deadline fell on {title}: {holidays_seen:?}"
        );
    }
}

/// The England and Wales timeline of a concern raised on Tuesday 22
/// December 2026 (`ladder timeline` shows it): Stage 1 concludes Thursday
/// 24 December; Stage 2 starts by Tuesday 29 December and concludes
/// Thursday 31 December; Stage 3 concludes, and the whole procedure, on
/// Friday 15 January 2027.
const KNOWN: &str = "\
id,raised,stage,stage_entered,closed,today
waiting,2026-12-22,,,,2026-12-23
due,2026-12-22T16:45,,,,2026-12-24
late,2026-12-22,,,,2026-12-29
entered-late,2026-12-22,stage-2,2026-12-30,,2026-12-30
closed,2026-12-22,stage-1,,2026-12-23,2027-01-20
closes-later,2026-12-22,1,,2027-02-01,2026-12-23
at-the-end,2026-12-22,Stage 3,2026-12-31,,2027-01-16
";

fn run_known(today: &str) -> Vec<Value> {
    let rows: Vec<&str> = KNOWN
        .lines()
        .skip(1)
        .filter(|l| l.ends_with(today))
        .collect();
    let input = format!(
        "id,raised,stage,stage_entered,closed,today\n{}\n",
        rows.join("\n")
    );
    let output = ladder(
        &["timeline", CHAINED, "--cases", "-", "--today", today],
        Some(&input),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    lines(&output)
}

/// The status, the next date due, the first date missed, the days overdue.
type Brief = (String, Option<String>, Option<String>, Option<i64>);

fn summary(record: &Value) -> Brief {
    let date = |v: &Value| v["date"]["date"].as_str().map(str::to_owned);
    (
        record["status"].as_str().unwrap().to_owned(),
        date(&record["next_due"]),
        date(&record["first_missed"]),
        record["days_overdue"].as_i64(),
    )
}

#[test]
fn status_next_and_missed_deadlines_follow_the_stage_reached() {
    let s = |x: &str| Some(x.to_owned());
    let cases: Vec<(&str, Brief)> = vec![
        (
            "2026-12-23",
            ("on_time".into(), s("2026-12-24"), None, None),
        ),
        (
            "2026-12-24",
            ("due_today".into(), s("2026-12-24"), None, None),
        ),
        (
            "2026-12-29",
            ("overdue".into(), s("2026-12-29"), s("2026-12-24"), Some(5)),
        ),
        // At Stage 2 from the 30th: its meeting is due that day (a duty:
        // the case does not say whether it was held, so it does not make
        // the case late), and it started a day late.
        (
            "2026-12-30",
            ("on_time".into(), s("2026-12-30"), None, None),
        ),
        ("2027-01-20", ("closed".into(), None, None, None)),
        (
            "2027-01-16",
            ("overdue".into(), None, s("2027-01-15"), Some(1)),
        ),
    ];
    for (today, expected) in cases {
        let records = run_known(today);
        let first = &records[0];
        assert_eq!(summary(first), expected, "as of {today}: {first}");
        if today == "2026-12-30" {
            assert_eq!(first["started_late"], Value::Bool(true));
            assert_eq!(first["stage"], "stage-2");
            assert_eq!(
                first["next_due"]["what"],
                "meet \"both managers\" within 1 working day"
            );
        }
        if today == "2026-12-23" {
            // Closed after the day asked about: still open on it.
            assert_eq!(records[1]["id"], "closes-later");
            assert_eq!(records[1]["status"], "on_time");
            assert_eq!(records[1]["closed"], "2027-02-01");
        }
        if today == "2026-12-24" {
            assert_eq!(first["raised"], "2026-12-22T16:45");
        }
    }
}

#[test]
fn bad_lines_are_reported_with_their_number_and_skipped() {
    let input = "\
{\"id\": \"ok-1\", \"raised\": \"2026-04-02\", \"calendar\": \"scotland\"}
{\"id\": \"no-day\", \"raised\": \"2026-02-30\"}

{\"id\": 77, \"raised\": \"2026-04-03T09:00\", \"stage\": \"stage-7\"}
{\"raised\": \"2026-04-03\"}
{\"id\": \"far\", \"raised\": \"2040-01-01\"}
not json
{\"id\": \"ok-2\", \"raised\": \"2026-04-03\", \"closed\": \"2026-04-01\"}
{\"id\": \"ok-3\", \"raised\": \"2026-04-03\", \"calendar\": \"wales\"}
{\"id\": 8, \"raised\": \"2026-04-03\", \"stage\": 2, \"resolved\": \"2026-04-09\"}
";
    let output = ladder(
        &["timeline", CHAINED, "--cases", "-", "--today", "2026-04-10"],
        Some(input),
    );
    assert_eq!(output.status.code(), Some(1));
    let records = lines(&output);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ok-1", "8"]);
    assert_eq!(records[1]["status"], "closed");
    assert_eq!(records[1]["stage"], "stage-2");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = "\
error: standard input:2: case `no-day`: `raised` `2026-02-30` is written YYYY-MM-DD but there is no such day
error: standard input:4: case `77`: `stage-7` is not a stage of the policy; use one of stage-1, stage-2, stage-3
error: standard input:5: the case has no `id`
error: standard input:6: case `far`: no timeline for a concern raised on 2040-01-01: ";
    assert!(stderr.starts_with(expected), "{stderr}");
    for line in [
        "error: standard input:7: column 2: the line is not a JSON object (expected ident); write one case per line",
        "error: standard input:8: case `ok-2`: `closed` is 2026-04-01, before the concern was raised on 2026-04-03",
        "error: standard input:9: case `ok-3`: `wales` is not a bank-holiday calendar; use one of england-and-wales, scotland, northern-ireland, any-uk",
        "error: 7 lines of `standard input` could not be read and were skipped; 2 cases were written",
    ] {
        assert!(stderr.contains(line), "{line}\nnot in\n{stderr}");
    }
}

#[test]
fn an_over_long_line_is_skipped_without_being_held() {
    let input = format!(
        "id,raised\nfirst,2026-12-22\nlong,{}\nlast,2026-12-23\n",
        "x".repeat(200_000)
    );
    let output = ladder(
        &[
            "timeline",
            CHAINED,
            "--cases",
            "-",
            "--cases-format",
            "csv",
            "--today",
            "2026-12-23",
        ],
        Some(&input),
    );
    assert_eq!(output.status.code(), Some(1));
    let ids: Vec<String> = lines(&output)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["first", "last"]);
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("standard input:3: the line is longer than 64 KiB")
    );
}

#[test]
fn csv_output_has_one_row_per_case_for_a_spreadsheet() {
    let input = "Case ID,Raised,Stage\n\"=HYPERLINK(1)\",2026-12-22,\nplain,2026-12-22,stage-3\n";
    let output = ladder(
        &[
            "timeline",
            CHAINED,
            "--cases",
            "-",
            "--format",
            "csv",
            "--today",
            "2026-12-29",
        ],
        Some(input),
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        rows[0],
        "id,raised,calendar,stage,stage_entered,closed,status,days_overdue,first_missed_date,first_missed_stage,first_missed,next_due_date,next_due_stage,next_due,final_deadline_date,started_late"
    );
    // A formula is never run by the spreadsheet that opens the file.
    assert_eq!(
        rows[1],
        "'=HYPERLINK(1),2026-12-22,england-and-wales,,,,overdue,5,2026-12-24,Stage 1,conclude within 2 working days,2026-12-29,Stage 2,start within 1 working day of the previous stage ending unresolved,2027-01-15,"
    );
    assert_eq!(
        rows[2],
        "plain,2026-12-22,england-and-wales,stage-3,,,on_time,,,,,2027-01-01,Stage 3,\"notify practitioner within 24 hours or within 1 working day, whichever is sooner\",2027-01-15,"
    );
    assert_eq!(rows[3], "");
}

#[test]
fn options_that_do_not_fit_together_are_refused() {
    let csv_one = ladder(
        &[
            "timeline",
            CHAINED,
            "--raised",
            "2026-12-22",
            "--format",
            "csv",
        ],
        None,
    );
    assert_eq!(csv_one.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&csv_one.stderr).contains("needs `--cases FILE`"));
    let ics_many = ladder(
        &["timeline", CHAINED, "--cases", "-", "--format", "ics"],
        Some("id,raised\n"),
    );
    assert_eq!(ics_many.status.code(), Some(2));
    let neither = ladder(&["timeline", CHAINED], None);
    assert_eq!(neither.status.code(), Some(2));
    let missing = ladder(&["timeline", CHAINED, "--cases", "no-such-file.csv"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read `no-such-file.csv`"));
    let no_header = ladder(
        &["timeline", CHAINED, "--cases", "-", "--cases-format", "csv"],
        Some("case-1,2026-12-22\n"),
    );
    assert_eq!(no_header.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&no_header.stderr)
            .contains("standard input:1: the header row has no `id` or `raised` column")
    );
}
