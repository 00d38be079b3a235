//! Timescales as real procedures write them: in words ("immediately"),
//! counted from other events ("of stage 2 concluding", "a further 2 working
//! days", "of the meeting"), in two units, for the whole procedure, and
//! with day counting asked for only where day numbers need it.

use ladder::code::Code;
use ladder::model::{Anchor, Join, LimitKind, StageEvent};

use crate::support::{check, root};

/// A policy in working days only, with `stage1` and `stage2` as the bodies
/// of its two stages (each already led, recorded and resolved).
fn policy(header: &str, stage1: &str, stage2: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         holidays england-and-wales\n{header}\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         record case_record \"Records\"\n\
         every stage {{\n  record \"it\" in case_record\n  share outcome with practitioner\n}}\n\
         stage 1 \"One\" {{\n  led by practitioner\n{stage1}  resolved: end \"Done\"\n  \
         unresolved: escalate to stage 2\n}}\n\
         stage 2 \"Two\" {{\n  led by line_manager\n{stage2}  resolved: end \"Done\"\n}}\n"
    )
}

fn codes(text: &str) -> Vec<&'static str> {
    check(text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn messages(text: &str, code: Code) -> Vec<String> {
    check(text)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_policy_in_working_days_and_hours_needs_no_day_counting() {
    let text = policy(
        "",
        "  conclude within 2 working days\n  notify line_manager within 24 hours\n",
        "  conclude within 5 working days of stage 1 ending unresolved\n",
    );
    assert!(!codes(&text).contains(&"L012"), "{:?}", codes(&text));
    // Counting from the concern arising needs no `day 1 is` either: it
    // counts from the day the concern arose.
    let text = policy(
        "",
        "  conclude within 2 working days of the concern arising\n",
        "",
    );
    assert!(!codes(&text).contains(&"L012"), "{:?}", codes(&text));
}

#[test]
fn bare_days_and_day_numbers_still_need_the_day_counting() {
    let text = policy("", "  conclude within 5 days\n", "");
    assert_eq!(
        messages(&text, Code::DayCountingUnstated),
        [
            "a number of days is used but the policy does not say whether these are calendar days or working days"
        ]
    );
    let help = check(&text)
        .diagnostics
        .iter()
        .find(|d| d.code == Code::DayCountingUnstated)
        .and_then(|d| d.help.clone())
        .unwrap_or_default();
    assert!(help.contains("`calendar days` or `working days`"), "{help}");
    let text = policy("days are working days\n", "  conclude by day 5\n", "");
    assert_eq!(
        messages(&text, Code::DayCountingUnstated),
        ["day numbers are used but the policy does not say which day is day 1"]
    );
}

#[test]
fn timescales_in_words_are_typed_and_count_as_timed() {
    let text = policy(
        "",
        "  notify line_manager immediately\n  task \"act\" without delay\n",
        "  conclude the same day\n  task \"decide\" case by case \"as the risk to the child requires\"\n",
    );
    let checked = check(&text);
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UntimedStage),
        "{:?}",
        codes(&text)
    );
    let policy = checked.clean_policy().unwrap();
    let kinds: Vec<LimitKind> = policy
        .all_stages()
        .flat_map(|s| {
            s.conclude
                .iter()
                .chain(s.duties.iter().filter_map(|d| d.within.as_ref()))
        })
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            LimitKind::Immediately,
            LimitKind::WithoutDelay,
            LimitKind::SameDay,
            LimitKind::CaseByCase
        ]
    );
    let words = policy.stages[1].duties[0]
        .within
        .as_ref()
        .unwrap()
        .words
        .clone();
    assert_eq!(words.as_deref(), Some("as the risk to the child requires"));
}

#[test]
fn anchors_are_resolved_to_the_stage_they_name() {
    let text = policy(
        "",
        "  conclude within 2 working days\n",
        "  start within 1 working day of the previous stage ending unresolved\n  \
         task \"reply\" within 3 working days of stage 1 concluding\n  \
         meet \"the managers\" within 2 working days\n  \
         task \"confirm\" within a further 2 working days\n  \
         task \"minute\" within 1 working day of the meeting\n",
    );
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let stage = &policy.stages[1];
    let Some(Anchor::Stage {
        to: Some(key),
        event: StageEvent::EndingUnresolved,
        previous: true,
    }) = stage.start.as_ref().map(|l| &l.anchor)
    else {
        panic!("{:?}", stage.start);
    };
    assert_eq!(key.slug(), "stage-1");
    let anchors: Vec<&Anchor> = stage
        .duties
        .iter()
        .filter_map(|d| d.within.as_ref())
        .map(|l| &l.anchor)
        .collect();
    assert!(matches!(
        anchors[0],
        Anchor::Stage {
            event: StageEvent::Concluding,
            previous: false,
            ..
        }
    ));
    assert_eq!(anchors[2], &Anchor::PreviousDuty);
    assert_eq!(anchors[3], &Anchor::Meeting);
}

#[test]
fn an_anchor_that_is_not_there_or_not_earlier_is_an_error() {
    let cases = [
        (
            "  conclude within 2 working days of the previous stage concluding\n",
            "",
            "there is no previous stage to count from",
        ),
        (
            "  start within 2 working days of stage 2 starting\n",
            "",
            "this counts from Stage 2, which does not come before it",
        ),
        (
            "  task \"reply\" within 2 working days of the meeting\n",
            "",
            "`of the meeting` needs a meeting, but this stage has none",
        ),
        (
            "  task \"reply\" within a further 2 working days\n",
            "",
            "`a further` counts from the timed duty before, but no duty before it in this block has a time limit",
        ),
        (
            "",
            "  start within 1 working day of the stage starting\n",
            "a stage cannot start within a time of its own start",
        ),
        (
            "",
            "  conclude within 2 working days of stage 2 concluding\n",
            "this counts from Stage 2, which does not come before it",
        ),
    ];
    for (one, two, message) in cases {
        let text = policy("", one, two);
        assert_eq!(messages(&text, Code::BadAnchor), [message], "{one}{two}");
    }
}

#[test]
fn two_limits_on_a_duty_parse_with_or_without_commas() {
    for written in [
        "within 48 hours or within 2 working days, whichever is sooner",
        "within 48 hours, or within 2 working days, whichever is sooner",
        "within 48 hours or within 2 working days whichever is sooner",
    ] {
        let text = policy("", &format!("  notify line_manager {written}\n"), "");
        let checked = check(&text);
        let policy = checked.clean_policy().unwrap();
        let duty = &policy.stages[0].duties[0];
        assert_eq!(duty.within_join, Join::Sooner, "{written}");
        assert_eq!(duty.within_also.as_ref().map(|l| l.amount), Some(2));
    }
    let text = policy(
        "",
        "  notify line_manager within 48 hours (2 working days)\n",
        "",
    );
    let checked = check(&text);
    let duty = &checked.clean_policy().unwrap().stages[0].duties[0];
    assert_eq!(duty.within_join, Join::SameAct);
    // A second unit in brackets belongs to a `within` limit.
    let text = policy(
        "",
        "  notify line_manager immediately (2 working days)\n",
        "",
    );
    assert!(codes(&text).contains(&"L001"), "{:?}", codes(&text));
}

#[test]
fn the_test_policy_of_chained_working_days_reports_what_it_should() {
    let text =
        std::fs::read_to_string(root().join("tests/policies/chained-working-days.ladder")).unwrap();
    // No review date; 48 hours and 2 working days disagree over weekends;
    // the meeting, the written summary (a further 2 working days after
    // it) and the actions agreed before the meeting ends can each fall
    // after stage 2 must conclude (48 hours from its start): each is
    // reported at its own line.
    assert_eq!(codes(&text), ["L062", "L047", "L046", "L046", "L046"]);
}

#[test]
fn a_repeating_stage_says_its_limits_cover_every_round() {
    let path = root().join("tests/policies/phases.ladder");
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let calendar = ladder::calendar::Calendar::builtin(ladder::calendar::Division::EnglandAndWales);
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let timeline = ladder::timeline::build(policy, raised, Some(&calendar)).unwrap();
    let stage_3: Vec<_> = timeline
        .deadlines
        .iter()
        .filter(|d| d.stage == "stage-3")
        .collect();
    assert_eq!(stage_3.len(), 2);
    for row in stage_3 {
        assert!(
            row.notes.contains(
                &"the stage may repeat with more senior managers in turn up to `director`; its limits cover every round"
                    .to_owned()
            ),
            "{:?}",
            row.notes
        );
    }
    // Level 3 concludes ten working days after level 2 must conclude
    // (Wednesday 11 March 2026): Wednesday 25 March.
    let conclude = timeline
        .deadlines
        .iter()
        .find(|d| d.stage == "stage-3" && d.what.starts_with("conclude"))
        .unwrap();
    assert_eq!(conclude.date.as_ref().unwrap().date, "2026-03-25");
}

/// A route's own limit ("the next tier must be asked within one working
/// day") dates the next stage's start, and the duties on a route count
/// from the stage concluding. Raised on Monday 21 December 2026, the chain
/// runs over Christmas and New Year's Day.
#[test]
fn routes_with_their_own_limits_and_duties_are_dated() {
    let path = root().join("tests/policies/duties.ladder");
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let calendar = ladder::calendar::Calendar::builtin(ladder::calendar::Division::EnglandAndWales);
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
    let timeline = ladder::timeline::build(policy, raised, Some(&calendar)).unwrap();
    let rows: Vec<(String, String, String)> = timeline
        .deadlines
        .iter()
        .map(|d| {
            (
                d.stage_label.clone(),
                d.what.clone(),
                d.date
                    .as_ref()
                    .map_or("no date".to_owned(), |d| d.date.clone()),
            )
        })
        .collect();
    let has = |stage: &str, what: &str, date: &str| {
        assert!(
            rows.contains(&(stage.to_owned(), what.to_owned(), date.to_owned())),
            "{stage} {what} {date} not in {rows:#?}"
        );
    };
    // Stage 1 concludes within 2 working days: Wednesday 23 December.
    has("Stage 1", "conclude within 2 working days", "2026-12-23");
    // Its route asks stage 2 within one working day of that: Thursday 24.
    has(
        "Stage 1",
        "`unresolved: escalate to Stage 2` within 1 working day",
        "2026-12-24",
    );
    has(
        "Stage 2",
        "start within 1 working day of Stage 1 concluding, as its route says",
        "2026-12-24",
    );
    // Five working days from Thursday 24 December skip Christmas, Boxing
    // Day (Monday 28) and New Year's Day: Tuesday 5 January 2027.
    has("Stage 2", "conclude within 5 working days", "2027-01-05");
    // Written confirmation on the "agreed" route: two working days after
    // stage 2 concludes.
    has(
        "Stage 2",
        "task \"written confirmation of the agreement\" within 2 working days",
        "2027-01-07",
    );
}

/// A stage that concludes after the whole procedure must says so in the
/// timeline, as `check` does (L048): raised on Wednesday 1 April 2026,
/// stage 2 may conclude on Tuesday 21 April, after the ten working days of
/// the whole procedure end on Friday 17 April (Good Friday and Easter
/// Monday are skipped).
#[test]
fn a_deadline_after_the_whole_procedure_limit_is_marked() {
    let text = std::fs::read_to_string(root().join("tests/ui/L048-overall-limit-exceeded.ladder"))
        .unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let calendar = ladder::calendar::Calendar::builtin(ladder::calendar::Division::EnglandAndWales);
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let timeline = ladder::timeline::build(policy, raised, Some(&calendar)).unwrap();
    let conclude = timeline
        .deadlines
        .iter()
        .find(|d| d.stage == "stage-2" && d.what.starts_with("conclude"))
        .unwrap();
    assert_eq!(conclude.date.as_ref().unwrap().date, "2026-04-21");
    assert!(
        conclude
            .notes
            .contains(&"after the whole procedure must conclude, 2026-04-17 Friday".to_owned()),
        "{:?}",
        conclude.notes
    );
}

/// A policy with a board for each group it covers names both in its
/// timeline, rather than none.
#[test]
fn a_timeline_names_the_boards_of_each_group() {
    let text = std::fs::read_to_string(root().join("tests/policies/scoped-roles.ladder")).unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let raised = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let calendar = ladder::calendar::Calendar::builtin(ladder::calendar::Division::EnglandAndWales);
    let timeline = ladder::timeline::build(policy, raised, Some(&calendar)).unwrap();
    assert_eq!(timeline.board_short.as_deref(), Some("ESAB / ESCP"));
    assert!(
        timeline
            .human()
            .starts_with("Timeline: Joint escalation procedure (ESAB / ESCP)\n")
    );
}

/// A duty that applies only under a condition can fall due after its stage
/// must conclude, like any other, and `check` says so at its line.
#[test]
fn a_late_duty_under_a_condition_is_reported() {
    let text = policy(
        "",
        "  conclude within 2 working days\n  \
         if \"a care provider is involved\" {\n    \
         notify line_manager within 5 working days\n  }\n",
        "",
    );
    let late: Vec<String> = messages(&text, Code::DutyAfterStage);
    assert_eq!(late.len(), 1, "{:?}", codes(&text));
    assert!(
        late[0].contains("this `notify` falls due on"),
        "{}",
        late[0]
    );
}

/// In the JSON, `before the meeting ends` counts from the meeting, so that
/// an engine dates it on the meeting's day, as the timeline does.
#[test]
fn before_the_meeting_ends_is_anchored_to_the_meeting_in_the_json() {
    let text =
        std::fs::read_to_string(root().join("tests/policies/timescales-in-words.ladder")).unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ladder::emit::json::to_string(policy, &text)).unwrap();
    let limit = &json["stages"][1]["duties"][1]["within"];
    assert_eq!(limit["kind"], "before_meeting_ends");
    assert_eq!(limit["anchor"], "meeting");
}
