//! What applies only under a condition (`if "..." { ... }` in a stage, step
//! or panel) and what a route carries (a limit on the move, duties done
//! when it is taken): issue 8, item 7. Each is followed from the text to
//! the model, the checks, the JSON, the charts, `ladder diff` and `ladder
//! fmt`, on the small policy of `duties.rs`.

use ladder::code::Code;
use ladder::model::{ActorRef, Counterpart, DutyKind, Modality};

use crate::duties::{clean, diff, json, policy, warnings};
use crate::support::check;

// ------------------------------------------------------------- conditions

/// Stage 1 with a care-provider block and a panel with one of its own.
fn with_conditions() -> String {
    policy(
        "actor team_manager \"Team manager\"\nactor contracts_team \"Contracts team\"\n",
        "  record \"it\" in case_record\n  share outcome with practitioner\n  \
         if \"a care provider is involved\" {\n    with team_manager\n    \
         involve contracts_team\n    note \"The team manager coordinates the safeguarding process\"\n  }\n  \
         if \"the line manager is absent\" {\n    led by senior_manager or team_manager with equivalent senior_manager\n  }\n  \
         panel \"Panel\" {\n    if \"the adult lacks capacity\" {\n      should consult third_party\n    }\n  }\n",
    )
}

#[test]
fn a_condition_holds_its_own_counterparts_leads_and_duties() {
    let text = with_conditions();
    let policy = clean(&text);
    let stage = &policy.stages[0];
    assert_eq!(stage.conditions.len(), 2);
    let care = &stage.conditions[0];
    assert_eq!(care.condition, "a care provider is involved");
    assert_eq!(care.leads, None);
    assert_eq!(
        care.counterparts,
        Some(vec![Counterpart {
            actor: "team_manager".to_owned(),
            equivalent: false
        }])
    );
    assert_eq!(
        care.duties[0].kind,
        DutyKind::Involve(vec![ActorRef::Actor("contracts_team".to_owned())])
    );
    assert_eq!(
        care.notes,
        ["The team manager coordinates the safeguarding process"]
    );
    let absent = &stage.conditions[1];
    assert_eq!(
        absent.leads,
        Some(vec!["senior_manager".to_owned(), "team_manager".to_owned()])
    );
    assert!(absent.leads_either);
    assert_eq!(
        absent.counterparts,
        Some(vec![Counterpart {
            actor: "senior_manager".to_owned(),
            equivalent: true
        }])
    );
    // The stage's own course is untouched.
    assert_eq!(stage.leads, ["line_manager"]);
    assert_eq!(stage.duties.len(), 2);
    let panel = stage.panel.as_ref().unwrap();
    assert_eq!(panel.conditions[0].duties[0].modality, Modality::Should);

    let json = json(&text);
    let conditions = &json["stages"][0]["conditions"];
    assert_eq!(conditions[0]["condition"], "a care provider is involved");
    assert_eq!(conditions[0]["leads"], serde_json::Value::Null);
    assert_eq!(
        conditions[0]["counterparts"],
        serde_json::json!([{"actor": "team_manager", "equivalent": false}])
    );
    assert_eq!(conditions[0]["duties"][0]["kind"], "involve");
    assert_eq!(
        conditions[1]["leads"],
        serde_json::json!(["senior_manager", "team_manager"])
    );
    assert_eq!(conditions[1]["leads_either"], true);
    assert_eq!(
        json["stages"][0]["panel"]["conditions"][0]["duties"][0]["modality"],
        "should"
    );
    assert_eq!(json["stages"][1]["conditions"], serde_json::json!([]));

    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(
        dot.contains(
            "If a care provider is involved: with the Team manager; involve the Contracts team"
        ),
        "{dot}"
    );
    assert!(
        dot.contains("If the line manager is absent: led by the Senior or the Team manager with the other agency's Senior"),
        "{dot}"
    );
    assert!(
        dot.contains("If the adult lacks capacity: should consult a third party"),
        "{dot}"
    );
    let mermaid = ladder::emit::mermaid::to_string(&policy).replace("<br/>", " ");
    assert!(
        mermaid.contains(
            "If a care provider is involved: with the Team manager; involve the Contracts team"
        ),
        "{mermaid}"
    );
}

#[test]
fn a_duty_under_a_condition_does_not_count_for_the_ordinary_course() {
    let text = policy(
        "",
        "  if \"the matter is resolved\" {\n    record \"it\" in case_record\n    share outcome with practitioner\n  }\n",
    );
    let codes = warnings(&text);
    for code in [Code::NoRecording, Code::EndNotRecorded, Code::EndNotShared] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    // Nor is the person who raised the concern a participant because a
    // condition names them.
    let led = policy(
        "",
        "  record \"it\" in case_record\n  if \"the manager is away\" {\n    led by practitioner\n  }\n",
    );
    assert!(warnings(&led).contains(&Code::EndNotShared));
    // `own` in a condition is checked as anywhere else.
    let own = policy(
        "",
        "  record \"it\" in case_record\n  share outcome with practitioner\n  \
         if \"x\" {\n    notify own line_manager\n  }\n",
    );
    assert_eq!(warnings(&own), [Code::OwnUnclear]);
}

#[test]
fn a_condition_says_who_leads_once() {
    let text = policy(
        "",
        "  if \"x\" {\n    with practitioner\n    led by senior_manager with line_manager\n  }\n",
    );
    let checked = check(&text);
    let repeated: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RepeatedHeader)
        .collect();
    assert_eq!(repeated.len(), 1, "{repeated:#?}");
    assert_eq!(
        repeated[0].message,
        "the block `if \"x\"` says `with` twice"
    );
}

#[test]
fn a_condition_in_a_panel_holds_duties_only() {
    let text = policy(
        "",
        "  panel \"Panel\" {\n    if \"x\" {\n      led by senior_manager\n    }\n  }\n",
    );
    assert!(!ladder::syntax_error::parse(&text).1.is_empty());
}

#[test]
fn diff_reports_each_change_to_a_condition() {
    let old = with_conditions();
    let new = old
        .replace(
            "    with team_manager\n",
            "    with equivalent team_manager\n",
        )
        .replace(
            "    involve contracts_team\n",
            "    involve contracts_team\n    notify senior_manager\n",
        )
        .replace(
            "if \"the line manager is absent\"",
            "if \"the line manager is on leave\"",
        );
    assert_eq!(
        diff(&old, &new),
        [
            "At Stage 1 (if \"a care provider is involved\") the concern is now taken up with the equivalent `team_manager` in the other agency (was `team_manager`).",
            "Stage 1 (if \"a care provider is involved\") has a new duty: to notify `senior_manager`.",
            "Stage 1 has a new condition: if \"the line manager is on leave\", led by `senior_manager` or `team_manager`; the concern is taken up with the equivalent `senior_manager` in the other agency.",
            "Stage 1 no longer has the condition: if \"the line manager is absent\", led by `senior_manager` or `team_manager`; the concern is taken up with the equivalent `senior_manager` in the other agency.",
        ]
    );
    let panel = old.replace("should consult third_party", "may consult third_party");
    assert_eq!(
        diff(&old, &panel),
        [
            "At the panel at Stage 1 (if \"the adult lacks capacity\"), the duty to consult `third_party` is now `may` (was `should`)."
        ]
    );
}

#[test]
fn the_formatter_lays_out_a_condition_as_a_block() {
    let text = policy(
        "actor team_manager \"T\"\n",
        "  if   \"a care provider is involved\"{ with team_manager involve\n team_manager }\n",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(
        formatted.contains("\n  if \"a care provider is involved\" {\n    with team_manager\n    involve team_manager\n  }\n"),
        "{formatted}"
    );
}

// ----------------------------------------------------------------- routes

/// Stage 1 with a timed escalation and a route that carries duties.
fn with_routes() -> String {
    policy("", "  record \"it\" in case_record\n").replace(
        "  resolved: end \"Done\"\n  unresolved: escalate to stage 2\n",
        "  if \"agreement is reached\": end \"Agreed\" {\n    \
         task \"written confirmation of the agreement\" within 2 working days\n    \
         share outcome with practitioner\n  }\n  \
         resolved: end \"Done\"\n  \
         unresolved: escalate to stage 2 via senior_manager within 1 working day\n",
    )
}

#[test]
fn a_route_carries_a_limit_on_the_move_and_duties_of_its_own() {
    let text = with_routes();
    let policy = clean(&text);
    let stage = &policy.stages[0];
    let agreed = &stage.outcomes[0];
    assert_eq!(agreed.within, None);
    assert_eq!(agreed.duties.len(), 2);
    assert_eq!(
        agreed.duties[0].within.as_ref().unwrap().describe(),
        "within 2 working days"
    );
    let unresolved = &stage.outcomes[2];
    assert_eq!(
        unresolved.within.as_ref().unwrap().describe(),
        "within 1 working day"
    );
    assert!(unresolved.duties.is_empty());
    // The stage's own duties are untouched.
    assert_eq!(stage.duties.len(), 1);

    let json = json(&text);
    let transitions = &json["stages"][0]["transitions"];
    assert_eq!(transitions[0]["when"], "if");
    assert_eq!(transitions[0]["within"], serde_json::Value::Null);
    assert_eq!(transitions[0]["duties"][0]["kind"], "task");
    assert_eq!(
        transitions[0]["duties"][0]["within"]["anchor"],
        "stage_concluding"
    );
    assert_eq!(
        transitions[0]["duties"][0]["trigger"],
        serde_json::Value::Null
    );
    assert_eq!(transitions[1]["duties"], serde_json::json!([]));
    assert_eq!(transitions[2]["within"]["amount"], 1);
    assert_eq!(transitions[2]["within"]["unit"], "working_days");
    assert_eq!(transitions[2]["within"]["anchor"], "stage_concluding");
    assert_eq!(transitions[2]["within"]["text"], "within 1 working day");

    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(
        dot.contains("unresolved (via the Senior) within 1 working day"),
        "{dot}"
    );
    assert!(
        dot.contains("if agreement is reached: written confirmation of the agreement within 2 working days; share the outcome with the Worker"),
        "{dot}"
    );
    let mermaid = ladder::emit::mermaid::to_string(&policy).replace("<br/>", " ");
    assert!(
        mermaid.contains("unresolved (via the Senior) within 1 working day"),
        "{mermaid}"
    );
}

#[test]
fn a_duty_on_a_route_counts_for_that_end_only() {
    // The `Agreed` end is recorded by the stage and shared on its route;
    // `Done` is not shared.
    let text = with_routes();
    let checked = check(&text);
    let shared: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EndNotShared)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        shared,
        [
            "the end \"Done\" is reached from Stage 1 without the outcome being shared with `practitioner`"
        ]
    );
    // A record on the resolved route records that end, and the stage.
    let recorded = policy("", "  share outcome with practitioner\n").replace(
        "  resolved: end \"Done\"\n",
        "  resolved: end \"Done\" {\n    record \"the agreement\" in case_record\n  }\n",
    );
    assert_eq!(warnings(&recorded), []);
    // On an `if` route it records only that route: the stage records
    // nothing in its ordinary course.
    let on_if = policy("", "  share outcome with practitioner\n").replace(
        "  resolved: end \"Done\"\n",
        "  if \"x\": end \"X\" {\n    record \"it\" in case_record\n  }\n  resolved: end \"Done\"\n",
    );
    let codes = warnings(&on_if);
    assert_eq!(
        codes,
        [Code::NoRecording, Code::EndNotRecorded],
        "{codes:?}"
    );
}

#[test]
fn a_duty_on_a_route_has_no_trigger_of_its_own() {
    let text = policy("", "  record \"it\" in case_record\n").replace(
        "  resolved: end \"Done\"\n",
        "  resolved: end \"Done\" {\n    share outcome with practitioner when resolved\n  }\n",
    );
    let checked = check(&text);
    let errors: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        ["`when resolved` cannot be said of a duty on a route"]
    );
}

#[test]
fn an_end_takes_no_limit() {
    let text = policy("", "").replace(
        "  resolved: end \"Done\"\n",
        "  resolved: end \"Done\" within 2 working days\n",
    );
    let (_, diagnostics) = ladder::syntax_error::parse(&text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0].message,
        "a time limit cannot follow `end`: ending is not a move to time"
    );
    assert!(diagnostics[0].help.as_deref().unwrap().contains(
        "`resolved: end \"Done\" { task \"written confirmation\" within 2 working days }`"
    ));
}

#[test]
fn diff_reports_each_change_to_a_route() {
    let old = with_routes();
    let new = old
        .replace("within 1 working day\n", "within 2 working days\n")
        .replace("    share outcome with practitioner\n  }\n", "  }\n");
    assert_eq!(
        diff(&old, &new),
        [
            "Stage 1 (if \"agreement is reached\") no longer has the duty to share the outcome with `practitioner`.",
            "At Stage 1 (when unresolved), the move now has a limit: within 2 working days of the stage concluding (was a limit: within 1 working day of the stage concluding).",
        ]
    );
    let plain = policy("", "  record \"it\" in case_record\n");
    let changes = diff(&plain, &old);
    assert!(
        changes.contains(&"At Stage 1 (when unresolved), the move now has a limit: within 1 working day of the stage concluding (was no limit).".to_owned()),
        "{changes:#?}"
    );
    assert!(
        changes.contains(&"Stage 1 (if \"agreement is reached\") has a new duty: to \"written confirmation of the agreement\" within 2 working days.".to_owned()),
        "{changes:#?}"
    );
}

#[test]
fn the_formatter_lays_out_a_route_with_duties_as_a_block() {
    let text = with_routes().replace(
        "  if \"agreement is reached\": end \"Agreed\" {\n    task",
        "  if \"agreement is reached\" :end \"Agreed\"{task",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert_eq!(formatted, with_routes());
}
