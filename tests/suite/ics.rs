//! iCalendar output (`ladder timeline --format ics`, `ladder holidays
//! --format ics`), read back by Python's `icalendar` library as a calendar
//! program reads it: every dated deadline is one all-day event on its date,
//! with stable UIDs; the bank holidays are the ones ladder counts with.
//! `icalendar` is installed by `.ci/setup-cases.sh` in target/venv-ics; the
//! tests fail without it under CI and are skipped, with a note, elsewhere.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::support::{ladder_files, root};

fn ladder(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The Python with `icalendar`, or `None` (with a note) outside CI.
fn python() -> Option<PathBuf> {
    let venv = root().join("target/venv-ics/bin/python");
    let candidates = [venv, PathBuf::from("python3")];
    for python in candidates {
        let ok = Command::new(&python)
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Python's `icalendar` library is missing: run `bash .ci/setup-cases.sh`"
    );
    eprintln!("note: skipped: Python's `icalendar` is not installed (bash .ci/setup-cases.sh)");
    None
}

/// Writes `text` to a file and reads it with `icalendar`.
fn read_back(python: &PathBuf, text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deadlines.ics");
    std::fs::write(&path, text).unwrap();
    let output = Command::new(python)
        .arg(root().join("tests/clients/ics/read_ics.py"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "icalendar could not read the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// What RFC 5545 asks of every line, checked on the bytes.
fn assert_rfc_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "a bare line feed in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
}

#[test]
fn every_policy_s_deadlines_import_as_all_day_events_on_their_dates() {
    let Some(python) = python() else { return };
    let mut policies = ladder_files("policies");
    policies.push(root().join("tests/policies/chained-working-days.ladder"));
    for policy in policies {
        let shown = policy.strip_prefix(root()).unwrap().display().to_string();
        for raised in ["2026-12-24", "2026-04-02"] {
            let (code, ics, stderr) =
                ladder(&["timeline", &shown, "--raised", raised, "--format", "ics"]);
            assert_eq!(code, Some(0), "{shown}: {stderr}");
            assert_rfc_lines(&ics);
            let (_, json, _) =
                ladder(&["timeline", &shown, "--raised", raised, "--format", "json"]);
            let timeline: Value = serde_json::from_str(&json).unwrap();
            let dated: Vec<&Value> = timeline["deadlines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["date"].is_object())
                .collect();
            let read = read_back(&python, &ics);
            assert_eq!(read["version"], "2.0");
            let events = read["events"].as_array().unwrap();
            assert_eq!(events.len(), dated.len(), "{shown} raised {raised}");
            let mut uids = BTreeSet::new();
            let title = timeline["policy"].as_str().unwrap();
            for (event, deadline) in events.iter().zip(&dated) {
                assert_eq!(event["start"], deadline["date"]["date"], "{shown}: {event}");
                assert_eq!(event["start_is_date"], true);
                let start =
                    chrono::NaiveDate::parse_from_str(event["start"].as_str().unwrap(), "%Y-%m-%d")
                        .unwrap();
                assert_eq!(
                    event["end"].as_str().unwrap(),
                    (start + chrono::Days::new(1))
                        .format("%Y-%m-%d")
                        .to_string()
                );
                // Escaped commas and semicolons come back as written.
                let summary = event["summary"].as_str().unwrap();
                assert_eq!(
                    summary,
                    format!(
                        "{}: {}{}",
                        deadline["stage_label"].as_str().unwrap(),
                        deadline["what"].as_str().unwrap(),
                        if deadline["hard"] == true {
                            ""
                        } else {
                            " (a target)"
                        }
                    )
                );
                let description = event["description"].as_str().unwrap();
                assert!(description.starts_with(&format!("Policy: {title}")));
                assert!(description.contains(&format!(
                    "{}: {}",
                    deadline["stage_label"].as_str().unwrap(),
                    deadline["stage_title"].as_str().unwrap()
                )));
                if let Some(holiday) = deadline["date"]["bank_holiday"].as_str() {
                    assert!(description.contains(&format!("Bank holiday: {holiday}")));
                }
                assert_eq!(event["dtstamp"], format!("{raised}T00:00:00+00:00"));
                assert_eq!(event["alarms"], serde_json::json!(["-PT15H"]));
                assert!(uids.insert(event["uid"].as_str().unwrap().to_owned()));
            }
            // The same command gives the same file: UIDs and DTSTAMP come
            // from the policy and the date, not the clock or chance.
            let (_, again, _) =
                ladder(&["timeline", &shown, "--raised", raised, "--format", "ics"]);
            assert_eq!(again, ics);
        }
    }
}

#[test]
fn citations_and_the_source_are_in_the_description() {
    let Some(python) = python() else { return };
    let (_, ics, _) = ladder(&[
        "timeline",
        "policies/halton.ladder",
        "--raised",
        "2026-12-24",
        "--format",
        "ics",
    ]);
    let read = read_back(&python, &ics);
    let first = &read["events"][0];
    assert_eq!(first["summary"], "Stage 1: start on day 1");
    let description = first["description"].as_str().unwrap();
    assert!(
        description.contains("\nCites: section 4, Stage 1\n"),
        "{description}"
    );
    assert!(description.contains(
        "\nSource: Halton Safeguarding Adults Board Professional Challenge and Escalation Policy"
    ));
}

#[test]
fn bank_holidays_export_as_json_and_ics_with_the_same_days() {
    let Some(python) = python() else { return };
    // The 2026 bank holidays as the government announced them.
    let expected = [
        (
            "england-and-wales",
            vec![
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28",
            ],
        ),
        (
            "scotland",
            vec![
                "2026-01-01",
                "2026-01-02",
                "2026-04-03",
                "2026-05-04",
                "2026-05-25",
                "2026-08-03",
                "2026-11-30",
                "2026-12-25",
                "2026-12-28",
            ],
        ),
        (
            "northern-ireland",
            vec![
                "2026-01-01",
                "2026-03-17",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-07-13",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28",
            ],
        ),
    ];
    for (calendar, days) in expected {
        let (code, json, stderr) = ladder(&["holidays", "--calendar", calendar, "--from", "2026"]);
        assert_eq!(code, Some(0), "{stderr}");
        let json: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["calendar"], calendar);
        let listed: Vec<&str> = json["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["date"].as_str().unwrap())
            .collect();
        assert_eq!(listed, days, "{calendar}");

        let (code, ics, _) = ladder(&[
            "holidays",
            "--calendar",
            calendar,
            "--from",
            "2026",
            "--to",
            "2027",
            "--format",
            "ics",
        ]);
        assert_eq!(code, Some(0));
        assert_rfc_lines(&ics);
        let read = read_back(&python, &ics);
        let events = read["events"].as_array().unwrap();
        let starts: Vec<&str> = events
            .iter()
            .map(|e| e["start"].as_str().unwrap())
            .collect();
        assert_eq!(&starts[..days.len()], days.as_slice(), "{calendar}");
        assert!(starts[days.len()..].iter().all(|d| d.starts_with("2027-")));
        assert_eq!(
            events[0]["uid"],
            format!("20260101-{calendar}@holidays.ladder")
        );
        assert!(events.iter().all(|e| e["start_is_date"] == true));
        assert_eq!(events.last().unwrap()["summary"], "Boxing Day");
    }
    let (code, _, stderr) = ladder(&["holidays", "--calendar", "scotland", "--from", "2031"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("only knows the years 2010 to 2030"),
        "{stderr}"
    );
}

#[test]
fn the_holidays_listed_are_the_government_s_where_its_file_is_loaded() {
    let feed_path = "tests/data/bank-holidays-2015-2021.json";
    let feed: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(feed_path)).unwrap()).unwrap();
    for calendar in ["england-and-wales", "scotland", "northern-ireland"] {
        let (code, json, stderr) = ladder(&[
            "holidays",
            "--calendar",
            calendar,
            "--from",
            "2015",
            "--to",
            "2021",
            "--holidays",
            feed_path,
        ]);
        assert_eq!(code, Some(0), "{stderr}");
        let listed: Value = serde_json::from_str(&json).unwrap();
        let ours: Vec<(&str, &str)> = listed["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["date"].as_str().unwrap(), h["title"].as_str().unwrap()))
            .collect();
        let theirs: Vec<(&str, &str)> = feed[calendar]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["date"].as_str().unwrap(), e["title"].as_str().unwrap()))
            .collect();
        assert_eq!(ours, theirs, "{calendar}");
        // The built-in calendar agrees for those years, too.
        let (_, builtin, _) = ladder(&[
            "holidays",
            "--calendar",
            calendar,
            "--from",
            "2015",
            "--to",
            "2021",
        ]);
        assert_eq!(builtin, json, "{calendar}");
    }
    let (code, _, stderr) = ladder(&[
        "holidays",
        "--calendar",
        "scotland",
        "--from",
        "2027",
        "--to",
        "2026",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`--to 2026` is before `--from 2027`"),
        "{stderr}"
    );
}
