//! Unit tests of the syntax-error messages: each mistake as a user makes
//! it, and the message and help they see.

use super::*;

fn messages(text: &str) -> Vec<String> {
    parse(text).1.into_iter().map(|d| d.message).collect()
}

/// The one syntax error in `text`, as a user reads it: the message, the
/// text it points at, and the help.
fn the_error(text: &str) -> (String, String, String) {
    let diagnostics = parse(text).1;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    (
        d.message.clone(),
        text[d.span.start..d.span.end].to_owned(),
        d.help.clone().unwrap_or_default(),
    )
}

#[test]
fn a_misspelt_statement_keyword_gets_help_to_change_it() {
    for (line, wrong, right) in [
        ("stgae 2 \"Manager to manager\" {\n}", "stgae", "stage"),
        ("reveiw March 2028", "reveiw", "review"),
        ("acter x \"X\"", "acter", "actor"),
        ("wen \"the adult is at risk\" {\n}", "wen", "when"),
        ("actr a \"A\"", "actr", "actor"),
    ] {
        let text = format!("policy \"X\"\nboard \"Y\" (Y)\n{line}\n");
        let (_, at, help) = the_error(&text);
        assert_eq!(at, wrong);
        assert_eq!(help, format!("Change `{wrong}` to `{right}`."), "{line}");
    }
}

#[test]
fn a_misspelt_keyword_of_two_words_is_changed_whole_unless_the_rest_is_there() {
    let stage = |line: &str| format!("stage 1 \"A\" {{\n  {line}\n}}\n");
    assert_eq!(
        the_error(&stage("lead practitioner")).2,
        "Change `lead` to `led by`."
    );
    assert_eq!(
        the_error(&stage("concluded by day 12")).2,
        "Change `concluded` to `conclude`."
    );
}

#[test]
fn day_one_written_as_a_word_asks_for_the_digit() {
    let (message, at, help) = the_error("policy \"X\"\nday one is the day the concern arose\n");
    assert_eq!(message, "expected the digit `1` after `day`, found `one`");
    assert_eq!(at, "one");
    assert_eq!(
        help,
        "Write the 1 as a digit: `day 1 is the day the concern arose`."
    );
    let (_, _, help) = the_error("day one is the day after the concern arose\n");
    assert!(
        help.contains("`day 1 is the day after the concern arose`"),
        "{help}"
    );
}

#[test]
fn a_misspelt_second_word_of_a_keyword_is_pointed_at() {
    let (message, at, help) =
        the_error("stage 2 \"A\" {\n  led bi line_manager or safeguarding_lead\n}\n");
    assert_eq!(message, "expected `by` after `led`, found `bi`");
    assert_eq!(at, "bi");
    assert_eq!(
        help,
        "Change `bi` to `by`: these words are written together as `led by`."
    );
}

#[test]
fn a_calendar_written_in_words_is_given_its_name() {
    let (message, at, help) = the_error("policy \"X\"\nholidays England and Wales\n");
    assert_eq!(
        message,
        "expected the name of one bank-holiday calendar after `holidays`, found `England and Wales`"
    );
    assert_eq!(at, "England and Wales");
    assert!(
        help.starts_with("Write `holidays england-and-wales`."),
        "{help}"
    );
    for name in ["scotland", "northern-ireland", "any-uk"] {
        assert!(help.contains(&format!("`{name}`")), "{help}");
    }
    // One word is a valid calendar syntactically; `lower` says which.
    assert!(parse("holidays England\n").1.is_empty());
}

#[test]
fn a_date_with_slashes_is_rewritten_with_the_users_numbers() {
    let (message, at, help) = the_error("adopted 01/03/2026\n");
    assert_eq!(
        message,
        "expected a date such as `1 April 2025` or `2025-04-01`, found `01/03/2026`"
    );
    assert_eq!(at, "01/03/2026");
    assert_eq!(
        help,
        "Write `1 March 2026` or `2026-03-01`: dates cannot contain `/`."
    );
    // No such date: the help says how to write one, and what is wrong.
    let (_, _, help) = the_error("adopted 31/02/2026\n");
    assert!(help.contains("`1 March 2026`"), "{help}");
    assert!(help.contains("dates cannot contain `/`."), "{help}");
    assert!(help.ends_with("February 2026 has no day 31."), "{help}");
}

#[test]
fn a_name_with_a_hyphen_or_spaces_is_given_with_underscores() {
    let (message, at, help) = the_error("actor line-manager \"Line manager\"\n");
    assert_eq!(message, "a name cannot contain `-`, found `line-manager`");
    assert_eq!(at, "line-manager");
    assert!(help.contains("cannot contain `-` or spaces"), "{help}");
    assert!(help.contains("Write `line_manager`"), "{help}");
    let (message, _, help) = the_error("stage 1 \"A\" {\n  led by line-manager\n}\n");
    assert_eq!(message, "a name cannot contain `-`, found `line-manager`");
    assert!(help.contains("Write `line_manager`"), "{help}");
    let (message, _, help) = the_error("actor head of service \"Head of service\"\n");
    assert_eq!(
        message,
        "a name cannot contain spaces, found `head of service`"
    );
    assert!(help.contains("Write `head_of_service`"), "{help}");
    // A range of days is not a name.
    let (message, _, _) = the_error("stage 1 \"A\" {\n  conclude by day 6 - 12\n}\n");
    assert!(!message.contains("name"), "{message}");
}

#[test]
fn an_unknown_anchor_lists_the_ones_allowed() {
    let (message, at, help) =
        the_error("stage 3 \"A\" {\n  conclude within 10 working days of referral\n}\n");
    assert_eq!(
        message,
        "expected `of the concern arising`, `of being notified`, `of the stage starting` or `of the meeting` after `within 10 working days`, found `of referral`"
    );
    assert_eq!(at, "of referral");
    assert!(help.contains("or with nothing"), "{help}");
}

#[test]
fn a_stage_left_open_is_named_at_the_next_stage() {
    let text = "stage 1 \"A\" {\n  conclude by day 5\n\nstage 2 \"B\" {\n}\n";
    let (message, at, help) = the_error(text);
    assert_eq!(
        message,
        "the stage `stage 1 \"A\"` on line 1 is not closed before the next stage starts"
    );
    assert_eq!(at, "stage");
    assert_eq!(
        help,
        "Add a `}` on a line of its own where the stage `stage 1 \"A\"` ends, before the `stage` on line 4."
    );
}

#[test]
fn a_missing_day_number_is_explained_in_words() {
    let m = messages("stage 1 \"A\" {\n  start no later than day\n}\n");
    assert_eq!(
        m,
        vec!["expected a number after `day`, but the line ends there"]
    );
}

#[test]
fn several_errors_are_found_in_one_run() {
    let m = messages("policy Test\nboard \"B\" (B)\nactor 1x \"A\"\n");
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn a_truncated_file_names_the_open_block() {
    let m = messages("stage 1 \"A\" {\n  start on day 1\n");
    assert_eq!(
        m,
        vec!["the file ends before the stage `stage 1 \"A\"` is closed"]
    );
}

#[test]
fn an_ordinal_day_is_written_as_a_number() {
    let text = "policy \"P\"\nboard \"B\" (B)\nadopted 1st March 2026\n";
    let (_, diagnostics) = parse(text);
    let d = &diagnostics[0];
    assert_eq!(
        d.message,
        "expected a date such as `1 April 2025` or `2025-04-01`, found `1st`"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("Write `1 March 2026`: the day is a number, without `st`, `nd`, `rd` or `th`.")
    );
}
