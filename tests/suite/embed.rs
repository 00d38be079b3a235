//! The editor's entry points (`ladder::embed`, which the WebAssembly build
//! wraps) give the command line's bytes: for every shipped policy and every
//! UI fixture, the check drawn for people and as JSON, the compiled JSON
//! and the DOT chart, or the same refusal when the policy has errors.

use std::process::Command;

use ladder::embed::{self, Output, Source};

use crate::support::{ladder_files, relative, root, today};

/// Runs `ladder ARGS` in the repository; standard output when it
/// succeeded, standard error when it refused.
fn cli(args: &[&str]) -> Result<String, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    match output.status.code() {
        Some(0) => Ok(stdout),
        Some(1) if stdout.is_empty() => Err(stderr),
        other => panic!("ladder {args:?} ended with {other:?}: {stderr}"),
    }
}

fn files() -> Vec<std::path::PathBuf> {
    let mut files = ladder_files("policies");
    assert_eq!(files.len(), 5, "the five shipped policies");
    files.extend(ladder_files("tests/ui"));
    files
}

fn source<'a>(path: &'a str, text: &'a str) -> Source<'a> {
    Source {
        path,
        text,
        today: today(),
        calendar: None,
    }
}

#[test]
fn checks_drawn_for_people_and_as_json_are_the_command_lines_bytes() {
    let day = today().format("%Y-%m-%d").to_string();
    for path in files() {
        let shown = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = source(&shown, &text);
        // `check` exits 1 on errors and still prints to standard output.
        let human = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .current_dir(root())
            .args(["check", "--color", "never", "--today", &day, &shown])
            .output()
            .unwrap();
        assert_eq!(
            embed::check_human(&source),
            String::from_utf8(human.stdout).unwrap(),
            "{shown}: human"
        );
        let json = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .current_dir(root())
            .args(["check", "--format", "json", "--today", &day, &shown])
            .output()
            .unwrap();
        assert_eq!(
            embed::check_json(&source),
            String::from_utf8(json.stdout).unwrap(),
            "{shown}: json"
        );
    }
}

#[test]
fn compiled_json_and_dot_or_the_refusal_are_the_command_lines_bytes() {
    let day = today().format("%Y-%m-%d").to_string();
    let mut compiled = 0;
    for path in files() {
        let shown = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = source(&shown, &text);
        let json = embed::compile(&source, Output::Json);
        compiled += usize::from(json.is_ok());
        assert_eq!(
            json,
            cli(&["json", "--today", &day, &shown]),
            "{shown}: json"
        );
        assert_eq!(
            embed::compile(&source, Output::Dot),
            cli(&["graph", "--today", &day, &shown]),
            "{shown}: dot"
        );
        assert_eq!(
            embed::compile(&source, Output::Mermaid),
            cli(&["graph", "--format", "mermaid", "--today", &day, &shown]),
            "{shown}: mermaid"
        );
    }
    // The shipped policies and the warning fixtures compile; the error
    // fixtures are refused.
    assert!(compiled >= 5, "only {compiled} files compiled");
}

#[test]
fn timelines_are_the_command_lines_bytes_across_christmas() {
    // `ladder timeline` checks review dates against the real today.
    let now = chrono::Local::now().date_naive();
    for path in ladder_files("policies") {
        let shown = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = Source {
            today: now,
            ..source(&shown, &text)
        };
        for (calendar, args) in [
            (None, vec![]),
            (
                Some(ladder::calendar::Division::Scotland),
                vec!["--calendar", "scotland"],
            ),
        ] {
            let source = Source { calendar, ..source };
            for json in [false, true] {
                let mut all = vec!["timeline", "--raised", "2026-12-21", &shown];
                all.extend(&args);
                if json {
                    all.extend(["--format", "json"]);
                }
                assert_eq!(
                    embed::timeline(
                        &source,
                        chrono::NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(),
                        json
                    ),
                    cli(&all),
                    "{shown}: {all:?}"
                );
            }
        }
    }
}

#[test]
fn fmt_gives_what_ladder_fmt_writes() {
    let dir = tempfile::tempdir().unwrap();
    for path in ladder_files("policies") {
        let text = std::fs::read_to_string(&path).unwrap();
        let messy = text.replace("\n  ", "\n      ");
        let copy = dir.path().join(path.file_name().unwrap());
        std::fs::write(&copy, &messy).unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .arg("fmt")
            .arg(&copy)
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        let shown = copy.to_string_lossy();
        assert_eq!(
            embed::fmt(&shown, &messy).unwrap(),
            std::fs::read_to_string(&copy).unwrap()
        );
    }
    let broken = embed::fmt("draft.ladder", "policy \"x\n").unwrap_err();
    assert!(
        broken.ends_with("error: `draft.ladder` has syntax errors and was not formatted\n"),
        "{broken}"
    );
}

#[test]
fn the_editors_report_draws_each_diagnostic_as_the_cli_and_points_at_it_in_utf16() {
    for path in files() {
        let shown = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let source = source(&shown, &text);
        let report: serde_json::Value =
            serde_json::from_str(&embed::check_for_editor(&source, true)).unwrap();
        let diagnostics = report["diagnostics"].as_array().unwrap();
        // Each report as drawn, with the blank line the CLI puts after it,
        // then the count: the CLI's output.
        let mut drawn = String::new();
        for d in diagnostics {
            drawn.push_str(d["rendered"].as_str().unwrap());
            drawn.push('\n');
        }
        drawn.push_str(report["summary"].as_str().unwrap());
        drawn.push('\n');
        assert_eq!(drawn, embed::check_human(&source), "{shown}");
        // A browser's offsets count UTF-16 code units: the text between
        // them is the text between the byte offsets of the JSON report.
        let units: Vec<u16> = text.encode_utf16().collect();
        let json: serde_json::Value = serde_json::from_str(&embed::check_json(&source)).unwrap();
        for (d, j) in diagnostics
            .iter()
            .zip(json["diagnostics"].as_array().unwrap())
        {
            let (from, to) = (
                usize::try_from(d["from"].as_u64().unwrap()).unwrap(),
                usize::try_from(d["to"].as_u64().unwrap()).unwrap(),
            );
            let (start, end) = (
                usize::try_from(j["start_byte"].as_u64().unwrap()).unwrap(),
                usize::try_from(j["end_byte"].as_u64().unwrap()).unwrap(),
            );
            assert_eq!(
                String::from_utf16(&units[from..to]).unwrap(),
                text[start..end],
                "{shown}: {}",
                d["code"]
            );
            assert_eq!(d["line"], j["line"], "{shown}");
            assert_eq!(d["column"], j["column"], "{shown}");
        }
        assert_eq!(
            report["clean"].as_bool().unwrap(),
            embed::compile(&source, Output::Json).is_ok(),
            "{shown}"
        );
    }
}
