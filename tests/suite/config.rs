//! `ladder.toml`: each key changes what `check` does, a flag overrides it,
//! the file is found from the current folder upwards or named with
//! `--config`, and an unknown key is an error with the file, line, column
//! and a suggestion.

use std::path::Path;
use std::process::Output;

use crate::support::root;

/// A folder holding `policies/p.ladder` and `procedures/q.ladder` (copies
/// of the L063 fixture, whose only finding is its review falling due) and
/// the given `ladder.toml`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policies")).unwrap();
    std::fs::create_dir(dir.path().join("procedures")).unwrap();
    let text =
        std::fs::read_to_string(root().join("tests/ui/L063-review-due-soon.ladder")).unwrap();
    std::fs::write(dir.path().join("policies/p.ladder"), &text).unwrap();
    std::fs::write(dir.path().join("procedures/q.ladder"), &text).unwrap();
    std::fs::write(dir.path().join("ladder.toml"), config).unwrap();
    dir
}

fn ladder(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// 103 days before the fixture's review falls due (31 January 2027):
/// outside the default 90-day window, inside a 120-day one.
fn today_100_days_before() -> String {
    "2026-10-20".to_owned()
}

#[test]
fn paths_says_what_check_reads_when_no_path_is_named() {
    let dir = project("paths = [\"procedures\"]\n");
    let out = ladder(
        dir.path(),
        &["check", "--format", "short", "--today", "2026-12-04"],
    );
    let shown = stdout(&out);
    assert!(shown.contains("procedures/q.ladder"), "{shown}");
    assert!(!shown.contains("policies/p.ladder"), "{shown}");
    // A path on the command line overrides the key.
    let out = ladder(
        dir.path(),
        &[
            "check",
            "policies",
            "--format",
            "short",
            "--today",
            "2026-12-04",
        ],
    );
    assert!(stdout(&out).contains("policies/p.ladder"));
    assert!(!stdout(&out).contains("procedures/q.ladder"));
}

#[test]
fn deny_makes_warnings_fail_and_a_deny_flag_overrides_it() {
    let dir = project("deny = [\"warnings\"]\n");
    let out = ladder(
        dir.path(),
        &["check", "--format", "short", "--today", "2026-12-04"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[L063]"));
    // `--deny L060` on the command line replaces the file's list: L063 is
    // a warning again.
    let out = ladder(
        dir.path(),
        &[
            "check",
            "--deny",
            "L060",
            "--format",
            "short",
            "--today",
            "2026-12-04",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A code that does not exist is an error at its line and column.
    let dir = project("\ndeny = [\"warnings\", \"L999\"]\n");
    let out = ladder(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: ladder.toml:2:21: `L999` is neither"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn review_warning_days_sets_the_window_and_the_flag_overrides_it() {
    let today = today_100_days_before();
    let dir = project("review-warning-days = 120\n");
    let out = ladder(
        dir.path(),
        &["check", "--format", "short", "--today", &today],
    );
    assert!(stdout(&out).contains("warning[L063]"), "{}", stdout(&out));
    let out = ladder(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--today",
            &today,
            "--review-warning-days",
            "90",
        ],
    );
    assert!(!stdout(&out).contains("L063"), "{}", stdout(&out));
    // Without the key, the default 90 days: no warning 100 days before.
    let dir = project("");
    let out = ladder(
        dir.path(),
        &["check", "--format", "short", "--today", &today],
    );
    assert!(!stdout(&out).contains("L063"), "{}", stdout(&out));
}

#[test]
fn calendar_sets_the_bank_holidays_working_days_skip_and_the_flag_overrides_it() {
    // Cheshire East counts working days; 2 January 2027 is a bank holiday in
    // Scotland only, so a concern raised just before it has later dates
    // with the Scottish calendar.
    let timeline = |dir: &Path, extra: &[&str]| {
        let mut args = vec![
            "timeline",
            "cheshire-east.ladder",
            "--raised",
            "2026-12-31",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        stdout(&ladder(dir, &args))
    };
    let england = project("");
    std::fs::copy(
        root().join("policies/cheshire-east.ladder"),
        england.path().join("cheshire-east.ladder"),
    )
    .unwrap();
    let scotland = project("calendar = \"scotland\"\n");
    std::fs::copy(
        root().join("policies/cheshire-east.ladder"),
        scotland.path().join("cheshire-east.ladder"),
    )
    .unwrap();
    let plain = timeline(england.path(), &[]);
    let scottish = timeline(scotland.path(), &[]);
    assert!(plain.contains("\"deadlines\""), "{plain}");
    assert_ne!(plain, scottish, "the calendar key changed nothing");
    assert_eq!(
        timeline(scotland.path(), &["--calendar", "england-and-wales"]),
        plain
    );
    // A calendar ladder does not know is an error at its line and column.
    let dir = project("calendar = \"wales\"\n");
    let out = ladder(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ladder.toml:1:12: `wales` is not a bank-holiday calendar"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn docs_url_is_where_diagnostics_explain_and_sarif_link_to() {
    let dir = project("docs-url = \"https://docs.example.org/ladder/diagnostics.html\"\n");
    let out = ladder(
        dir.path(),
        &["check", "--today", "2026-12-04", "--color", "never"],
    );
    assert!(
        stdout(&out).contains(
            "L063 (https://docs.example.org/ladder/diagnostics.html#l063-review-due-soon)"
        ),
        "{}",
        stdout(&out)
    );
    let out = ladder(dir.path(), &["explain", "L063"]);
    assert!(stdout(&out).ends_with(
        "Online: https://docs.example.org/ladder/diagnostics.html#l063-review-due-soon\n"
    ));
    let out = ladder(
        dir.path(),
        &["check", "--format", "sarif", "--today", "2026-12-04"],
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().all(|r| {
        r["helpUri"]
            .as_str()
            .unwrap()
            .starts_with("https://docs.example.org/ladder/diagnostics.html#l")
    }));
    // Not a web address: an error.
    let dir = project("docs-url = \"docs/diagnostics.md\"\n");
    let out = ladder(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ladder.toml:1:12: `docs-url` must be a web address"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_key_is_an_error_with_its_file_line_column_and_a_suggestion() {
    let dir = project("paths = [\"policies\"]\ndenny = [\"warnings\"]\n");
    let out = ladder(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: ladder.toml:2:1: unknown key `denny` in ladder.toml: did you mean `deny`?\n"
    );
    let dir = project("colour = \"never\"\n");
    let out = ladder(dir.path(), &["check"]);
    assert!(stderr(&out).contains("unknown key `colour` in ladder.toml; the keys are paths, deny, calendar, review-warning-days, docs-url"), "{}", stderr(&out));
    // A value of the wrong type says so, with its place.
    let dir = project("review-warning-days = \"ninety\"\n");
    let out = ladder(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: ladder.toml:1:23: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_file_is_found_from_a_subfolder_upwards_or_named_with_config() {
    let dir = project("deny = [\"warnings\"]\npaths = [\"policies\"]\n");
    let sub = dir.path().join("procedures");
    let out = ladder(
        &sub,
        &["check", "--format", "short", "--today", "2026-12-04"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    // The file's paths are relative to its folder, shown from here.
    assert!(
        stdout(&out).starts_with("../policies/p.ladder:"),
        "{}",
        stdout(&out)
    );
    // `--config FILE` names another file; one that does not exist is an error.
    std::fs::write(dir.path().join("lenient.toml"), "").unwrap();
    let out = ladder(
        dir.path(),
        &[
            "check",
            "--config",
            "lenient.toml",
            "--today",
            "2026-12-04",
            "--format",
            "short",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = ladder(dir.path(), &["check", "--config", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`missing.toml` does not exist"));
}
