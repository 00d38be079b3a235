//! BPMN 2.0 (`ladder bpmn`) executed by `SpiffWorkflow`, as an engine runs
//! it: each shipped policy resolved at the first stage, escalated to the
//! last and entered by an exception; a sub-procedure entered, left by
//! escalation and entered at a later step; boundary timers and the
//! whole-procedure limit firing at the dates `ladder timeline` gives.

use std::path::Path;
use std::process::Command;

use ladder::emit::bpmn::{Expressions, to_string};
use ladder::model::{OutcomeWhen, Stage, StageKey, StartAt, Target};
use serde_json::{Value, json};

use crate::bpmn::{clients, policy};
use crate::support::{ladder_files, root};

fn task(key: &StageKey) -> String {
    format!("Task_{}", key.slug().replace(['-', '.'], "_"))
}

fn resolved_end(stage: &Stage) -> String {
    stage
        .outcomes
        .iter()
        .find_map(|o| match (&o.when, &o.target) {
            (OutcomeWhen::Resolved, Target::End(name)) => Some(name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{} has no resolved end", stage.label))
}

/// The `*_start_by` and `*_conclude_by` variables from `ladder timeline
/// --format json`, as docs/bpmn.md tells an engine to set them: the end of
/// the deadline's day.
fn timeline_variables(path: &Path, raised: &str) -> serde_json::Map<String, Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["timeline", "--format", "json", "--raised", raised])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let timeline: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut vars = serde_json::Map::new();
    for d in timeline["deadlines"].as_array().unwrap() {
        let event = d["event"].as_str().unwrap();
        if (event == "start" || event == "conclude") && d["date"].is_object() {
            let name = format!(
                "{}_{event}_by",
                d["stage"].as_str().unwrap().replace(['-', '.'], "_")
            );
            let date = d["date"]["date"].as_str().unwrap();
            vars.insert(name, json!(format!("{date}T23:59:59+00:00")));
        }
    }
    vars
}

fn spiff(python: &Path, bpmn: &str, scenario: &Value) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("process.bpmn");
    let scenario_file = dir.path().join("scenario.json");
    std::fs::write(&file, bpmn).unwrap();
    std::fs::write(&scenario_file, scenario.to_string()).unwrap();
    let out = Command::new(python)
        .arg(root().join("tests/clients/bpmn/run_spiff.py"))
        .arg(&file)
        .arg(&scenario_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "SpiffWorkflow failed on {scenario}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ends(result: &Value) -> Vec<String> {
    assert_eq!(
        result["completed"],
        json!(true),
        "the case did not end: {result}"
    );
    result["ends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn spiffworkflow_runs_every_shipped_policy_to_the_expected_end() {
    let Some((_, python)) = clients() else { return };
    for path in ladder_files("policies") {
        let policy = policy(&path);
        let bpmn = to_string(&policy, Expressions::Python);
        let vars = timeline_variables(&path, "2026-12-21");
        let now = "2026-12-21T09:00:00+00:00";
        let first = &policy.stages[0];
        let last = policy.stages.last().unwrap();
        let name = path.display();

        // Resolved at the first stage.
        let result = spiff(
            &python,
            &bpmn,
            &json!({
                "message": "concern_raised", "variables": vars, "now": now,
                "actions": [{"run": {}, "default": "resolved"}],
            }),
        );
        assert_eq!(
            ends(&result),
            [resolved_end(first)],
            "{name}: resolved at stage 1"
        );

        // Unresolved at every stage until the last, which resolves it.
        let result = spiff(
            &python,
            &bpmn,
            &json!({
                "message": "concern_raised", "variables": vars, "now": now,
                "actions": [{"run": {task(&last.key): "resolved"}, "default": "unresolved"}],
            }),
        );
        assert_eq!(
            ends(&result),
            [resolved_end(last)],
            "{name}: escalated to the last stage"
        );
        let visited: Vec<String> = result["states"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                s["ready"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_owned())
            })
            .collect();
        assert!(visited.contains(&task(&first.key)), "{name}: {visited:?}");

        // Entered by the first exception that starts at a stage: at the
        // last stage it may start at.
        let rule = policy.all_rules().find(|(r, _)| !r.start_at.is_empty());
        let Some((rule, procedure)) = rule else {
            assert!(
                !bpmn.contains("name=\"exception_"),
                "{name}: an exception start with no rule"
            );
            eprintln!("note: {name} has no exception that starts at a stage");
            continue;
        };
        let targets: Vec<&Stage> = match &rule.start_at[0] {
            StartAt::AnyStage => policy.stages.iter().collect(),
            StartAt::AnyStep => procedure.unwrap().steps.iter().collect(),
            StartAt::Stage(key) => vec![policy.stage(key.as_ref().unwrap()).unwrap()],
        };
        let target = targets.last().unwrap();
        let message = bpmn
            .lines()
            .find_map(|l| {
                let l = l.trim();
                l.starts_with("<bpmn:message ")
                    .then(|| l.split("name=\"").nth(1)?.split('"').next())
                    .flatten()
                    .filter(|n| n.starts_with("exception_"))
            })
            .unwrap()
            .to_owned();
        let mut entry = vars.clone();
        entry.insert(
            "entry_stage".to_owned(),
            json!(target.key.slug().replace(['-', '.'], "_")),
        );
        let result = spiff(
            &python,
            &bpmn,
            &json!({
                "message": message, "variables": entry, "now": now,
                "actions": [{"run": {}, "default": "resolved"}],
            }),
        );
        let first_ready = result["states"][0]["ready"].clone();
        assert_eq!(
            first_ready,
            json!([task(&target.key)]),
            "{name}: the exception starts at {}",
            target.label
        );
        assert_eq!(
            ends(&result),
            [resolved_end(target)],
            "{name}: entered by an exception"
        );
    }
}

/// A boundary timer fires at the date `ladder timeline` gives: Halton's
/// Stage 2 must conclude by day 9 (calendar days from the concern), and a
/// working-day limit across Christmas; at the end of that day, and not a
/// minute before, the stage ends unresolved and the next one starts.
#[test]
fn a_boundary_timer_fires_at_the_date_ladder_timeline_gives() {
    let Some((_, python)) = clients() else { return };
    for (file, stage, next, before, due) in [
        (
            "policies/halton.ladder",
            "stage_2",
            "stage_3",
            vec!["stage_1"],
            "2026-12-29",
        ),
        (
            "tests/policies/chained-working-days.ladder",
            "stage_1",
            "stage_2",
            vec![],
            "2026-12-23",
        ),
    ] {
        let path = root().join(file);
        let bpmn = to_string(&policy(&path), Expressions::Python);
        let vars = timeline_variables(&path, "2026-12-21");
        let variable = format!("{stage}_conclude_by");
        // The date is the timeline's, which counts the bank holidays.
        assert_eq!(
            vars[&variable],
            json!(format!("{due}T23:59:59+00:00")),
            "{file}"
        );
        let mut actions: Vec<Value> = before
            .iter()
            .map(|s| json!({"complete": format!("Task_{s}"), "outcome": "unresolved"}))
            .collect();
        actions.push(json!({"clock": format!("{due}T23:59:00+00:00")}));
        actions.push(json!({"clock": format!("{due}T23:59:59.5+00:00")}));
        let result = spiff(
            &python,
            &bpmn,
            &json!({
                "message": "concern_raised", "variables": vars, "now": "2026-12-21T09:00:00+00:00",
                "actions": actions,
            }),
        );
        let states = result["states"].as_array().unwrap();
        let waiting = &states[before.len()];
        let timer = format!("Timer_{stage}_conclude_by");
        assert_eq!(
            waiting["timers"][&timer],
            json!(format!("{due}T23:59:59+00:00")),
            "{file}: {waiting}"
        );
        assert_eq!(waiting["ready"], json!([format!("Task_{stage}")]), "{file}");
        let a_minute_before = &states[before.len() + 1];
        assert_eq!(
            a_minute_before["ready"],
            json!([format!("Task_{stage}")]),
            "{file}: fired early"
        );
        let after = &states[before.len() + 2];
        assert_eq!(
            after["ready"],
            json!([format!("Task_{next}")]),
            "{file}: did not fire: {after}"
        );
    }
}

/// Hours and calendar days counted from the stage starting are ISO 8601
/// durations that the engine counts from the task starting, and they fall
/// on the dates `ladder timeline` gives: a hard limit escalates, a target
/// (`aim to`) only reminds, and a last stage with nowhere to go is marked
/// overdue while its task stays open.
#[test]
fn duration_timers_fall_on_the_timeline_dates() {
    let Some((_, python)) = clients() else { return };
    let path = root().join("tests/clients/bpmn/calendar-windows.ladder");
    let bpmn = to_string(&policy(&path), Expressions::Python);
    assert!(bpmn.contains(
        "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">\"PT48H\"</bpmn:timeDuration>"
    ));
    assert!(bpmn.contains(
        "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">\"P5D\"</bpmn:timeDuration>"
    ));
    let vars = timeline_variables(&path, "2026-12-21");
    // The timeline's dates (Boxing Day 2026 is a Saturday, its holiday
    // the Monday: calendar days count it all the same).
    assert_eq!(
        vars["stage_1_conclude_by"],
        json!("2026-12-23T23:59:59+00:00")
    );
    assert_eq!(
        vars["stage_2_conclude_by"],
        json!("2026-12-28T23:59:59+00:00")
    );
    assert_eq!(
        vars["stage_3_conclude_by"],
        json!("2027-01-07T23:59:59+00:00")
    );
    let result = spiff(
        &python,
        &bpmn,
        &json!({
            "message": "concern_raised", "variables": {}, "now": "2026-12-21T09:00:00+00:00",
            "actions": [
                {"clock": "2026-12-23T08:59:00+00:00"},
                {"clock": "2026-12-23T09:00:01+00:00"},
                {"clock": "2026-12-28T09:00:02+00:00"},
                {"complete": "Task_stage_2", "outcome": "unresolved"},
                {"clock": "2027-01-07T09:00:03+00:00"},
                {"complete": "Task_stage_3", "outcome": "resolved"},
            ],
        }),
    );
    let states = result["states"].as_array().unwrap();
    // 48 hours from the time of day the stage started.
    assert_eq!(states[0]["ready"], json!(["Task_stage_1"]));
    assert_eq!(
        states[0]["timers"]["Timer_stage_1_conclude_by"],
        json!("2026-12-23T09:00:00+00:00")
    );
    assert_eq!(states[1]["ready"], json!(["Task_stage_1"]), "fired early");
    // The hard limit escalated; the target runs from Stage 2's start.
    assert_eq!(states[2]["ready"], json!(["Task_stage_2"]));
    assert_eq!(
        states[2]["timers"]["Timer_stage_2_conclude_by"],
        json!("2026-12-28T09:00:01+00:00")
    );
    // The target passed: Stage 2 is still open.
    assert_eq!(states[3]["ready"], json!(["Task_stage_2"]));
    assert_eq!(
        states[4]["timers"]["Timer_stage_3_conclude_by"],
        json!("2027-01-07T09:00:02+00:00")
    );
    assert_eq!(
        states[5]["ready"],
        json!(["Task_stage_3"]),
        "the last stage stays open when overdue"
    );
    let mut reached = ends(&result);
    reached.sort();
    assert_eq!(
        reached,
        [
            "Overdue: Stage 3 to conclude within 10 calendar days",
            "Resolved by the designated leads",
            "Target passed: Stage 2 to conclude within 5 calendar days",
        ]
    );
}

/// A sub-procedure runs as an embedded sub-process: started by its own
/// message, left by an escalation to a stage of the main ladder, and
/// entered at a later step by its own exception.
#[test]
fn spiffworkflow_runs_a_sub_procedure_and_leaves_it_by_escalation() {
    let Some((_, python)) = clients() else { return };
    let path = root().join("tests/policies/sub-procedures.ladder");
    let bpmn = to_string(&policy(&path), Expressions::Python);
    let vars = timeline_variables(&path, "2026-12-21");
    let now = "2026-12-21T09:00:00+00:00";

    // Unresolved at both steps: out of the sub-procedure to Stage 2.
    let result = spiff(
        &python,
        &bpmn,
        &json!({
            "message": "procedure_conference_dispute", "variables": vars, "now": now,
            "actions": [{"run": {"Task_stage_2": "resolved"}, "default": "unresolved"}],
        }),
    );
    let ready: Vec<Value> = result["states"][0]["ready"].as_array().unwrap().clone();
    assert_eq!(ready, [json!("Task_conference_dispute_step_1")]);
    let mut reached = ends(&result);
    reached.sort();
    assert_eq!(
        reached,
        [
            "Escalate to Stage 2: Manager to manager",
            "Resolved between managers"
        ]
    );

    // The exception starts at step 2, which resolves it there.
    let mut entry = vars.clone();
    entry.insert("entry_stage".to_owned(), json!("conference_dispute_step_2"));
    let result = spiff(
        &python,
        &bpmn,
        &json!({
            "message": "exception_conference_dispute_the_adult_is_at_immediate_risk",
            "variables": entry, "now": now,
            "actions": [{"run": {}, "default": "resolved"}],
        }),
    );
    assert_eq!(
        result["states"][0]["ready"],
        json!(["Task_conference_dispute_step_2"])
    );
    let mut reached = ends(&result);
    reached.sort();
    assert_eq!(
        reached,
        [
            "Decided by the head of service",
            "Disputes about a case conference decision ended"
        ]
    );
}

/// The limit on the whole procedure is a non-interrupting timer event
/// sub-process: at the end of the day `ladder timeline` gives (15 working
/// days from 21 December 2026: 14 January 2027), and not before, the
/// case is marked overdue while it goes on.
#[test]
fn the_whole_procedure_limit_fires_at_the_timeline_date() {
    let Some((_, python)) = clients() else { return };
    let path = root().join("tests/policies/chained-working-days.ladder");
    let bpmn = to_string(&policy(&path), Expressions::Python);
    let mut vars = timeline_variables(&path, "2026-12-21");
    assert_eq!(
        vars["all_stages_conclude_by"],
        json!("2027-01-14T23:59:59+00:00")
    );
    // The engine re-planned Stage 1 (say, an agreed extension), so the
    // case is still there when the whole limit passes.
    vars.insert(
        "stage_1_conclude_by".to_owned(),
        json!("2027-02-01T23:59:59+00:00"),
    );
    let result = spiff(
        &python,
        &bpmn,
        &json!({
            "message": "concern_raised", "variables": vars, "now": "2026-12-21T09:00:00+00:00",
            "actions": [
                {"clock": "2027-01-14T23:59:00+00:00"},
                {"clock": "2027-01-14T23:59:59.5+00:00"},
                {"complete": "Task_stage_1", "outcome": "resolved"},
            ],
        }),
    );
    let states = result["states"].as_array().unwrap();
    assert_eq!(
        states[0]["timers"]["Start_SubProcess_all_stages_limit"],
        json!("2027-01-14T23:59:59+00:00")
    );
    assert!(
        states[1]["timers"]
            .get("Start_SubProcess_all_stages_limit")
            .is_some(),
        "fired early"
    );
    assert_eq!(
        states[2]["ready"],
        json!(["Task_stage_1"]),
        "the case goes on"
    );
    assert!(
        states[2]["timers"]
            .get("Start_SubProcess_all_stages_limit")
            .is_none()
    );
    let mut reached = ends(&result);
    reached.sort();
    assert_eq!(
        reached,
        [
            "Overdue: all stages to conclude within 15 working days of the concern arising",
            "Resolved between practitioners"
        ]
    );
}
