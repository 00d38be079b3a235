//! Defects planted in otherwise sound policies, each of which the checker
//! once let through: a stage skipped on the ordinary route, a stage with no
//! `resolved:` outcome, timed duties inside a panel, a duty due before its
//! stage can start, panels too small to be panels, a bank-holiday calendar
//! that does not fit the board, escalation that steps up to nobody, and help
//! that pointed at a line already written. Each test says what a user would
//! see, and the shipped policies are checked for false alarms.

use ladder::code::Code;
use ladder::diagnostic::Diagnostic;
use ladder::driver::Checked;

use crate::support::{check, ladder_files};

/// A policy with calendar days, four actors, a record, and `body` after the
/// header: the stages and rules under test.
fn policy(header: &str, body: &str) -> String {
    format!(
        "policy \"P\"\nboard \"Example Safeguarding Adults Board\" (ESAB)\n\
         concern raised by practitioner\nreview April 2027\n{header}\
         days are calendar days\nday 1 is the day the concern arose\n\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         actor senior_manager \"Senior\"\nactor chair \"Chair\"\n\
         record case_record \"Records\"\n\
         every stage {{\n  record \"the outcome\" in case_record\n  \
         share outcome with practitioner\n}}\n{body}"
    )
}

/// A stage with a window, a lead and its outcomes.
fn stage(n: u32, window: (u32, u32), lead: &str, outcomes: &str) -> String {
    let start = if n == 1 {
        String::new()
    } else {
        format!("  start no later than day {}\n", window.0)
    };
    format!(
        "stage {n} \"Stage {n}\" {{\n{start}  conclude by day {}\n  led by {lead}\n{outcomes}}}\n",
        window.1
    )
}

const URGENT: &str = "when \"an adult is at immediate risk\" {\n  start at any stage\n}\n";

fn with_code(checked: &Checked, code: Code) -> Vec<&Diagnostic> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

fn codes(checked: &Checked) -> Vec<&'static str> {
    checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// Four stages, 1 to 4, each escalating to the next unless `outcomes`
/// replaces a stage's outcomes.
fn ladder_of_four(outcomes: [Option<&str>; 4], rules: &str) -> String {
    let leads = ["practitioner", "line_manager", "senior_manager", "chair"];
    let windows = [(1, 5), (5, 10), (10, 15), (15, 20)];
    let mut body = String::new();
    for (i, lead) in leads.iter().enumerate() {
        let n = u32::try_from(i).unwrap() + 1;
        let default = if n < 4 {
            format!(
                "  resolved: end \"Resolved\"\n  unresolved: escalate to stage {}\n",
                n + 1
            )
        } else {
            "  resolved: end \"Decided\"\n".to_owned()
        };
        let outcome = outcomes[i].map_or(default, str::to_owned);
        body.push_str(&stage(n, windows[i], lead, &outcome));
    }
    body.push_str(rules);
    policy("", &body)
}

// 1. A stage skipped on the ordinary route.

#[test]
fn a_typo_that_skips_a_stage_is_found_despite_start_at_any_stage() {
    let text = ladder_of_four(
        [
            None,
            Some("  resolved: end \"Resolved\"\n  unresolved: escalate to stage 4\n"),
            None,
            None,
        ],
        URGENT,
    );
    let checked = check(&text);
    let found = with_code(&checked, Code::ExceptionOnly);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "Stage 3 is reached only through the exception for \"an adult is at immediate risk\""
    );
    // The label points at the escalation that goes elsewhere.
    assert!(
        found[0]
            .labels
            .iter()
            .any(|l| l.message == "the escalation goes to Stage 4"),
        "{:#?}",
        found[0].labels
    );
    // Without the exception, the same typo is an unreachable stage.
    let without = check(&text.replace(URGENT, ""));
    assert!(with_code(&without, Code::ExceptionOnly).is_empty());
    assert_eq!(with_code(&without, Code::Unreachable).len(), 1);
}

#[test]
fn a_stage_with_no_unresolved_line_leaves_the_rest_to_exceptions() {
    let text = ladder_of_four(
        [None, Some("  resolved: end \"Resolved\"\n"), None, None],
        URGENT,
    );
    let checked = check(&text);
    let found = with_code(&checked, Code::ExceptionOnly);
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with("Stage 3 is reached only"));
    assert!(messages[1].starts_with("Stage 4 is reached only"));
    assert!(
        found[0]
            .labels
            .iter()
            .any(|l| l.message == "Stage 2 has no `unresolved:` line")
    );
    assert!(
        found[1]
            .help
            .as_deref()
            .unwrap()
            .contains("it is reached from Stage 3, which only an exception reaches too")
    );
}

#[test]
fn an_appended_stage_nothing_escalates_to_is_named_with_its_exception() {
    let mut text = ladder_of_four([None; 4], "");
    text.push_str(&stage(
        5,
        (20, 25),
        "chair",
        "  resolved: end \"Reviewed\"\n",
    ));
    text.push_str("when \"the board asks for a review\" {\n  start at stage 5\n}\n");
    let checked = check(&text);
    let found = with_code(&checked, Code::ExceptionOnly);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "Stage 5 is reached only through the exception for \"the board asks for a review\""
    );
}

#[test]
fn a_stage_reached_by_a_procedure_is_on_the_ordinary_route() {
    // Stage 3 is reached only from a sub-procedure: that is a route of its
    // own, not an exception.
    let mut text = ladder_of_four(
        [
            None,
            Some("  resolved: end \"Resolved\"\n  unresolved: escalate to stage 4\n"),
            None,
            None,
        ],
        URGENT,
    );
    text.push_str(
        "procedure review \"Review\" {\n  step 1 \"Review\" {\n    led by senior_manager\n    \
         resolved: end \"Agreed\"\n    unresolved: escalate to stage 3\n  }\n}\n",
    );
    let checked = check(&text);
    assert!(
        with_code(&checked, Code::ExceptionOnly).is_empty(),
        "{:#?}",
        checked.diagnostics
    );
}

// 2. A stage with no `resolved:` outcome.

#[test]
fn a_stage_whose_every_outcome_escalates_is_reported() {
    let text = ladder_of_four(
        [
            None,
            Some("  unresolved: escalate to stage 3\n"),
            None,
            None,
        ],
        "",
    );
    let checked = check(&text);
    let found = with_code(&checked, Code::NoResolvedOutcome);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(found[0].message, "Stage 2 has no `resolved:` outcome");
    // Conditional outcomes that all escalate are no way to end either.
    let conditional = ladder_of_four(
        [
            None,
            Some("  if \"urgent\": escalate to stage 4\n  unresolved: escalate to stage 3\n"),
            None,
            None,
        ],
        "",
    );
    assert_eq!(
        with_code(&check(&conditional), Code::NoResolvedOutcome).len(),
        1
    );
}

#[test]
fn a_stage_with_another_way_to_end_is_not_reported() {
    // The last stage ends whatever happens; a conditional end; a stage with
    // no outcome at all is a dead end (L032), not this.
    for outcomes in [
        [
            None,
            None,
            None,
            Some("  unresolved: end \"Decided by the chair\"\n"),
        ],
        [
            None,
            Some("  if \"the adult agrees\": end \"Closed\"\n  unresolved: escalate to stage 3\n"),
            None,
            None,
        ],
        [None, None, None, Some("")],
    ] {
        let checked = check(&ladder_of_four(outcomes, ""));
        assert!(
            with_code(&checked, Code::NoResolvedOutcome).is_empty(),
            "{:#?}",
            checked.diagnostics
        );
    }
    let dead_end = check(&ladder_of_four([None, None, None, Some("")], ""));
    assert_eq!(with_code(&dead_end, Code::DeadEnd).len(), 1);
}

// 3. Timed duties inside a panel.

fn panel_policy(duty: &str) -> String {
    policy(
        "",
        &format!(
            "{}stage 2 \"Panel\" {{\n  start no later than day 5\n  conclude by day 20\n  \
             led by chair\n  panel \"Resolution Panel\" {{\n    convened by chair\n    \
             members at least 3 agencies not concerned in the disagreement\n    {duty}\n  }}\n  \
             resolved: end \"Decided\"\n}}\n",
            stage(
                1,
                (1, 5),
                "practitioner",
                "  resolved: end \"Resolved\"\n  unresolved: escalate to stage 2\n"
            )
        ),
    )
}

#[test]
fn a_late_duty_inside_a_panel_is_reported() {
    let checked = check(&panel_policy(
        "decide \"the next course of action\" within 20 days",
    ));
    let found = with_code(&checked, Code::DutyAfterStage);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "this `decide` may fall due on day 25, after Stage 2 must conclude on day 20"
    );
    let in_time = check(&panel_policy(
        "decide \"the next course of action\" within 10 days",
    ));
    assert!(with_code(&in_time, Code::DutyAfterStage).is_empty());
}

#[test]
fn a_timed_duty_inside_a_panel_makes_its_stage_timed() {
    let text = policy(
        "",
        "stage 1 \"Panel\" {\n  led by chair\n  panel \"Resolution Panel\" {\n    \
         decide \"the next course of action\" within 20 days of the concern arising\n  }\n  \
         resolved: end \"Decided\"\n}\n",
    );
    let checked = check(&text);
    assert!(
        with_code(&checked, Code::UntimedStage).is_empty(),
        "{:#?}",
        checked.diagnostics
    );
}

#[test]
fn the_timeline_lists_a_panels_timed_duty() {
    let checked = check(&panel_policy(
        "decide \"the next course of action\" within 10 days",
    ));
    let policy = checked.clean_policy().unwrap();
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let timeline = ladder::timeline::build(policy, raised, None).unwrap();
    let row = timeline
        .deadlines
        .iter()
        .find(|d| d.what.starts_with("decide"))
        .expect("the panel's duty is listed");
    // Stage 2 starts by day 5, Friday 6 March; ten days later.
    assert_eq!(
        row.what,
        "decide \"the next course of action\" within 10 calendar days"
    );
    assert_eq!(row.date.as_ref().unwrap().date, "2026-03-16");
}

// 4. A duty due before its stage can start.

fn early_duty(limit: &str, header: &str) -> String {
    policy(
        header,
        &format!(
            "{}stage 2 \"Managers\" {{\n  start no later than day 9\n  conclude by day 14\n  \
             led by line_manager\n  notify senior_manager {limit}\n  \
             resolved: end \"Resolved\"\n}}\n",
            stage(
                1,
                (1, 9),
                "practitioner",
                "  resolved: end \"Resolved\"\n  unresolved: escalate to stage 2\n"
            )
        ),
    )
}

#[test]
fn a_duty_due_before_its_stage_starts_is_reported() {
    let checked = check(&early_duty("within 1 day of the concern arising", ""));
    let found = with_code(&checked, Code::DutyBeforeStage);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "this `notify` falls due on day 2, but Stage 2 may start as late as day 9"
    );
    // Counted from the stage starting, it cannot fall before the start; due
    // on the day the stage starts is not before it.
    for fine in ["within 1 day", "within 8 days of the concern arising"] {
        let checked = check(&early_duty(fine, ""));
        assert!(
            with_code(&checked, Code::DutyBeforeStage).is_empty(),
            "{fine}: {:#?}",
            checked.diagnostics
        );
    }
}

#[test]
fn a_duty_in_working_days_due_before_its_stage_is_found_date_by_date() {
    // One working day of the concern arising, in a calendar-day policy, is
    // due before day 9 on every date a concern can arise.
    let text = early_duty(
        "within 1 working day of the concern arising",
        "adopted December 2026\nholidays england-and-wales\n",
    );
    let checked = check(&text);
    let found = with_code(&checked, Code::DutyBeforeStage);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert!(
        found[0]
            .message
            .starts_with("for a concern raised on Tuesday 1 December 2026, this `notify` falls due on Wednesday 2 December 2026, but Stage 2 may start as late as Wednesday 9 December 2026"),
        "{}",
        found[0].message
    );
}

#[test]
fn the_timeline_says_when_a_duty_falls_before_its_stage() {
    let checked = check(&early_duty("within 1 day of the concern arising", ""));
    let policy = checked.clean_policy().unwrap();
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let timeline = ladder::timeline::build(policy, raised, None).unwrap();
    let human = timeline.human();
    assert!(
        human.contains(
            "2026-03-03 Tuesday    Stage 2  notify senior_manager within 1 calendar day of the concern arising (falls before Stage 2 need start, 2026-03-10 Tuesday)"
        ),
        "{human}"
    );
}

// 5. Panels too small to be panels.

#[test]
fn panels_of_no_agency_or_one_are_reported() {
    let zero = check(
        &panel_policy("task \"hear both sides\"")
            .replace("members at least 3 agencies", "members 0 agencies"),
    );
    let invalid = with_code(&zero, Code::InvalidValue);
    assert_eq!(invalid.len(), 1, "{:#?}", zero.diagnostics);
    assert_eq!(invalid[0].message, "a panel cannot have 0 agencies");

    for (members, message) in [
        (
            "members 1 agency",
            "the panel \"Resolution Panel\" is a single agency",
        ),
        (
            "members at least one agency",
            "the panel \"Resolution Panel\" may be a single agency",
        ),
    ] {
        let checked = check(
            &panel_policy("task \"hear both sides\"")
                .replace("members at least 3 agencies", members),
        );
        let found = with_code(&checked, Code::SmallPanel);
        assert_eq!(found.len(), 1, "{members}: {:#?}", checked.diagnostics);
        assert_eq!(found[0].message, message);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    }
    let three = check(&panel_policy("task \"hear both sides\""));
    assert!(with_code(&three, Code::SmallPanel).is_empty());
}

#[test]
fn the_chart_says_one_agency() {
    let checked = check(
        &panel_policy("task \"hear both sides\"")
            .replace("members at least 3 agencies", "members at least one agency"),
    );
    let dot = ladder::emit::dot::to_string(checked.clean_policy().unwrap());
    assert!(dot.contains("Panel of at least 1 agency not"), "{dot}");
}

// 6. A bank-holiday calendar that does not fit the board.

fn board(name: &str, contact: &str, holidays: &str) -> Checked {
    let text = format!(
        "policy \"P\"\nboard \"{name}\"\n{contact}concern raised by practitioner\n\
         holidays {holidays}\nactor practitioner \"Worker\"\nrecord files \"Files\"\n\
         stage 1 \"One\" {{\n  led by practitioner\n  record \"it\" in files\n  \
         resolved: end \"Done\"\n}}\n"
    );
    check(&text)
}

#[test]
fn a_scottish_board_counting_english_holidays_gets_advice() {
    let checked = board(
        "Adult Protection Committee",
        "contact \"apc@edinburgh.gov.uk\"\n",
        "england-and-wales",
    );
    let found = with_code(&checked, Code::HolidaysElsewhere);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "the board seems to be in Scotland, but the policy counts with the bank holidays of England and Wales"
    );
    assert_eq!(
        found[0].labels[0].message,
        "a contact says `edinburgh.gov.uk`, which suggests Scotland"
    );
    assert_eq!(found[0].severity, ladder::diagnostic::Severity::Advice);
    for (name, contact) in [
        ("Scottish Borders Public Protection Committee", ""),
        ("Public Protection Committee", "contact \"ppc@gov.scot\"\n"),
    ] {
        let checked = board(name, contact, "england-and-wales");
        assert_eq!(
            with_code(&checked, Code::HolidaysElsewhere).len(),
            1,
            "{name}"
        );
    }
}

#[test]
fn a_northern_irish_board_counting_english_holidays_gets_advice() {
    for (name, contact) in [
        ("Belfast Area Safeguarding Panel", ""),
        ("Safeguarding Board for Northern Ireland", ""),
        (
            "Safeguarding Panel",
            "contact \"https://www.nidirect.gov.uk/safeguarding\"\n",
        ),
        ("Safeguarding Panel", "contact \"team@health-ni.gov.uk\"\n"),
    ] {
        let checked = board(name, contact, "england-and-wales");
        let found = with_code(&checked, Code::HolidaysElsewhere);
        assert_eq!(
            found.len(),
            1,
            "{name} {contact}: {:#?}",
            checked.diagnostics
        );
        assert!(
            found[0]
                .message
                .starts_with("the board seems to be in Northern Ireland")
        );
    }
}

#[test]
fn boards_whose_holidays_fit_get_no_advice() {
    for (name, contact, holidays) in [
        ("Glasgow Adult Protection Committee", "", "scotland"),
        ("Belfast Safeguarding Panel", "", "northern-ireland"),
        ("Glasgow Adult Protection Committee", "", "any-uk"),
        ("Halton Safeguarding Adults Board", "", "england-and-wales"),
        // A surname before the `@` is no evidence of a place.
        (
            "Cumbria Safeguarding Adults Board",
            "contact \"j.stirling.glasgow@cumbria.gov.uk\"\n",
            "england-and-wales",
        ),
    ] {
        let checked = board(name, contact, holidays);
        assert!(
            with_code(&checked, Code::HolidaysElsewhere).is_empty(),
            "{name}: {:#?}",
            checked.diagnostics
        );
    }
}

// 7. No step up between stages.

#[test]
fn an_escalation_to_the_same_leads_gets_advice() {
    let text = ladder_of_four([None; 4], "")
        .replace("  led by senior_manager\n", "  led by line_manager\n");
    let checked = check(&text);
    let found = with_code(&checked, Code::NoStepUp);
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert_eq!(
        found[0].message,
        "the escalation from Stage 2 to Stage 3 goes nowhere more senior: both are led by `line_manager`"
    );
    // The same roles in another order, joined differently, are the same.
    let text = ladder_of_four([None; 4], "")
        .replace(
            "  led by line_manager\n",
            "  led by line_manager and senior_manager\n",
        )
        .replace(
            "  led by senior_manager\n",
            "  led by senior_manager or line_manager\n",
        );
    assert_eq!(with_code(&check(&text), Code::NoStepUp).len(), 1);
}

#[test]
fn no_step_up_advice_where_leads_differ_or_are_unstated() {
    let differ = check(&ladder_of_four([None; 4], ""));
    assert!(with_code(&differ, Code::NoStepUp).is_empty());
    let unstated = ladder_of_four([None; 4], "")
        .replace("  led by line_manager\n", "")
        .replace("  led by senior_manager\n", "");
    let checked = check(&unstated);
    assert!(
        with_code(&checked, Code::NoStepUp).is_empty(),
        "{:#?}",
        checked.diagnostics
    );
}

// 8. Help that points at a line already there.

fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or_default()
}

fn two_stages(stage_2_duties: &str, every: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         record case_record \"Records\"\n{every}\
         stage 1 \"One\" {{\n  led by practitioner\n  record \"it\" in case_record\n  \
         resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}}\n\
         stage 2 \"Two\" {{\n  led by line_manager\n{stage_2_duties}  \
         resolved: end \"Resolved by managers\"\n}}\n"
    )
}

#[test]
fn a_share_that_does_not_count_is_explained_not_asked_for() {
    let record = "  record \"it\" in case_record\n";
    for (duty, label, says) in [
        (
            "  share outcome with practitioner or line_manager\n",
            "a list joined with `or`",
            "so it may reach `line_manager` alone",
        ),
        (
            "  may share outcome with practitioner\n",
            "`may` makes this optional",
            "it is optional",
        ),
        (
            "  share outcome with practitioner on entry\n",
            "done on entry, before the outcome is known",
            "before there is an outcome",
        ),
        (
            "  share outcome with practitioner when unresolved\n",
            "due only when unresolved",
            "Write `when concluded` instead",
        ),
        (
            "  notify practitioner\n",
            "tells them of the concern, not its outcome",
            "add `when concluded` to it",
        ),
    ] {
        let checked = check(&two_stages(&format!("{record}{duty}"), ""));
        let found = with_code(&checked, Code::EndNotShared);
        assert_eq!(found.len(), 1, "{duty}: {:#?}", checked.diagnostics);
        assert!(
            found[0].labels.iter().any(|l| l.message == label),
            "{duty}: {:#?}",
            found[0].labels
        );
        assert!(help(found[0]).contains(says), "{duty}: {}", help(found[0]));
        assert!(
            !help(found[0]).contains("Add `share outcome with practitioner` to this stage"),
            "{duty}: {}",
            help(found[0])
        );
    }
}

#[test]
fn a_record_that_does_not_count_is_explained_not_asked_for() {
    let share = "  share outcome with practitioner\n";
    let checked = check(&two_stages(
        &format!("{share}  may record \"it\" in case_record\n"),
        "",
    ));
    let no_recording = with_code(&checked, Code::NoRecording);
    assert_eq!(no_recording.len(), 1, "{:#?}", checked.diagnostics);
    assert!(help(no_recording[0]).contains("written with `may`"));
    let not_recorded = with_code(&checked, Code::EndNotRecorded);
    assert!(help(not_recorded[0]).contains("written with `may`"));

    // A record only in an exception rule applies only then.
    let mut text = two_stages(share, "");
    text.push_str("when \"the adult is at risk\" {\n  record \"the risk\" in case_record\n}\n");
    let checked = check(&text);
    let no_recording = with_code(&checked, Code::NoRecording);
    assert_eq!(no_recording.len(), 1, "{:#?}", checked.diagnostics);
    assert!(
        no_recording[0]
            .labels
            .iter()
            .any(|l| l.message == "applies only when \"the adult is at risk\""),
        "{:#?}",
        no_recording[0].labels
    );

    // A record due only when resolved, for an unresolved end.
    let text = two_stages(share, "")
        .replace(
            "  record \"it\" in case_record\n  resolved: end \"Done\"\n  unresolved: escalate to stage 2\n",
            "  record \"it\" in case_record when resolved\n  resolved: end \"Done\"\n  unresolved: end \"Referred on\"\n",
        );
    let checked = check(&text);
    let found: Vec<_> = with_code(&checked, Code::EndNotRecorded)
        .into_iter()
        .filter(|d| d.message.contains("\"Referred on\""))
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", checked.diagnostics);
    assert!(
        help(found[0]).contains("due only `when resolved`"),
        "{}",
        help(found[0])
    );
}

#[test]
fn the_day_counting_error_says_which_half_is_missing() {
    let text = |header: &str| {
        format!(
            "policy \"P\"\nboard \"B\" (B)\nconcern raised by w\n{header}actor w \"W\"\n\
             record r \"R\"\nstage 1 \"One\" {{\n  conclude by day 5\n  led by w\n  \
             record \"it\" in r\n  resolved: end \"Done\"\n}}\n"
        )
    };
    let l012 = |header: &str| {
        let checked = check(&text(header));
        let found = with_code(&checked, Code::DayCountingUnstated);
        assert_eq!(found.len(), 1, "{header}: {:#?}", checked.diagnostics);
        (found[0].message.clone(), help(found[0]).to_owned())
    };
    let (message, help_text) = l012("days are working days\nholidays england-and-wales\n");
    assert_eq!(
        message,
        "day numbers are used but the policy does not say which day is day 1"
    );
    assert!(help_text.starts_with(
        "The header says `days are working days` but not which day is day 1. Add `day 1 is the day the concern arose` or `day 1 is the day after the concern arose`."
    ));
    let (message, help_text) = l012("day 1 is the day after the concern arose\n");
    assert_eq!(
        message,
        "day numbers are used but the policy does not say whether days are calendar days or working days"
    );
    assert!(help_text.starts_with(
        "The header says `day 1 is the day after the concern arose` but not which days are counted."
    ));
    let (message, _) = l012("");
    assert_eq!(
        message,
        "day numbers are used but the policy does not say which days count and which day is day 1"
    );
}

#[test]
fn the_fix_for_a_gap_never_makes_an_overlap() {
    // Stages 2 and 3 both escalate to stage 4. Letting stage 4 start by
    // day 9 would close the gap after stage 2 but overlap stage 3.
    let text = ladder_of_four(
        [
            None,
            Some(
                "  resolved: end \"Resolved\"\n  if \"urgent\": escalate to stage 4\n  \
                 unresolved: escalate to stage 3\n",
            ),
            None,
            None,
        ],
        "",
    )
    .replace(
        "  start no later than day 15\n",
        "  start no later than day 16\n",
    )
    .replace("  conclude by day 15\n", "  conclude by day 14\n")
    .replace("  conclude by day 10\n", "  conclude by day 9\n")
    .replace(
        "  start no later than day 10\n",
        "  start no later than day 9\n",
    );
    let checked = check(&text);
    let gaps = with_code(&checked, Code::OwnershipGap);
    assert_eq!(gaps.len(), 2, "{:#?}", checked.diagnostics);
    let from_2 = gaps
        .iter()
        .find(|d| d.message.contains("between Stage 2 and Stage 4"))
        .unwrap();
    assert!(
        !help(from_2).contains("start no later than day 9"),
        "{}",
        help(from_2)
    );
    assert!(help(from_2).contains("no one change of day closes the gap"));
    let from_3 = gaps
        .iter()
        .find(|d| d.message.contains("between Stage 3 and Stage 4"))
        .unwrap();
    assert!(
        help(from_3).ends_with("let Stage 4 start no later than day 14, the last day of Stage 3.")
    );

    // Each fix offered, applied, leaves no overlap.
    let fixed = check(&text.replace(
        "  start no later than day 16\n",
        "  start no later than day 14\n",
    ));
    assert!(with_code(&fixed, Code::OverlappingWindows).is_empty());
}

#[test]
fn when_starting_sooner_would_overlap_the_help_offers_concluding_later() {
    // Stage 2 escalates straight to stage 4, which stage 3 also reaches.
    let text = ladder_of_four(
        [
            None,
            Some("  resolved: end \"Resolved\"\n  unresolved: escalate to stage 4\n"),
            None,
            None,
        ],
        URGENT,
    );
    let checked = check(&text);
    let gap = with_code(&checked, Code::OwnershipGap);
    assert_eq!(gap.len(), 1, "{:#?}", checked.diagnostics);
    assert!(
        help(gap[0]).contains("let Stage 2 conclude no later than day 15, when Stage 4 must start"),
        "{}",
        help(gap[0])
    );
    // Applied, the fix leaves neither gap nor overlap.
    let fixed = check(&text.replacen("  conclude by day 10\n", "  conclude by day 15\n", 1));
    assert!(
        with_code(&fixed, Code::OwnershipGap).is_empty(),
        "{:?}",
        codes(&fixed)
    );
    assert!(with_code(&fixed, Code::OverlappingWindows).is_empty());
}

#[test]
fn a_misspelt_raiser_is_one_diagnostic() {
    let text = ladder_of_four([None; 4], "").replace(
        "concern raised by practitioner",
        "concern raised by practitionr",
    );
    let checked = check(&text);
    assert_eq!(codes(&checked), vec!["L020"], "{:#?}", checked.diagnostics);
}

#[test]
fn a_repeated_stage_number_or_name_is_not_measured_for_gaps() {
    // Two stage 2s: stage 1 escalates to "stage 2", which could be either.
    let text = ladder_of_four([None; 4], "").replace("stage 3 \"Stage 3\"", "stage 2 \"Stage 3\"");
    let checked = check(&text);
    assert_eq!(
        with_code(&checked, Code::DuplicateStageNumber).len(),
        1,
        "{:#?}",
        checked.diagnostics
    );
    assert!(
        with_code(&checked, Code::OwnershipGap).is_empty(),
        "{:?}",
        codes(&checked)
    );
    assert!(with_code(&checked, Code::OverlappingWindows).is_empty());

    let named = policy(
        "",
        "stage first \"One\" {\n  conclude by day 5\n  led by practitioner\n  \
         resolved: end \"Done\"\n  unresolved: escalate to stage managers\n}\n\
         stage managers \"Two\" {\n  start no later than day 5\n  conclude by day 10\n  \
         led by line_manager\n  resolved: end \"Done\"\n}\n\
         stage managers \"Three\" {\n  start no later than day 10\n  conclude by day 15\n  \
         led by senior_manager\n  resolved: end \"Done\"\n}\n",
    );
    let checked = check(&named);
    assert_eq!(with_code(&checked, Code::DuplicateDefinition).len(), 1);
    assert!(
        with_code(&checked, Code::OwnershipGap).is_empty(),
        "{:?}",
        codes(&checked)
    );
}

// The shipped policies: none of the new checks fires falsely.

#[test]
fn the_shipped_policies_raise_none_of_the_new_findings() {
    for path in ladder_files("policies") {
        let checked = check(&std::fs::read_to_string(&path).unwrap());
        for code in [
            Code::HolidaysElsewhere,
            Code::ExceptionOnly,
            Code::NoResolvedOutcome,
            Code::SmallPanel,
            Code::NoStepUp,
            Code::DutyBeforeStage,
        ] {
            assert!(
                with_code(&checked, code).is_empty(),
                "{}: {code}",
                path.display()
            );
        }
    }
}
