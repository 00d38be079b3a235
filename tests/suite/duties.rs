//! Duties as real procedures write them (issue 8, items 6, 8, 14 and 15):
//! `must`, `should` and `may`; duties for each party and across agencies;
//! records held by each agency; recording through a form; and who learns
//! the outcome. Each form is followed from the text to the model, the
//! checks, the JSON, the charts, `ladder diff` and `ladder fmt`. What
//! applies under a condition, and what a route carries (item 7), are in
//! `conditions.rs`, which shares this file's small policy.

use ladder::code::Code;
use ladder::model::{ActorRef, DutyKind, Modality, RecordPlace, Target};

use crate::support::check;

/// A small policy with no errors: `extra` goes after the declarations and
/// `body` at the end of stage 1 (before its outcomes).
pub(crate) fn policy(extra: &str, body: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\nreview April 2027\n\
         holidays england-and-wales\n\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         actor third_party \"A third party\"\nactor senior_manager \"Senior\"\n\
         record case_record \"Records\"\n{extra}\
         stage 1 \"One\" {{\n  conclude within 5 working days\n  \
         led by line_manager with equivalent line_manager\n{body}  \
         resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}}\n\
         stage 2 \"Two\" {{\n  conclude within 5 working days\n  led by senior_manager\n  record \"it\" in case_record\n  \
         share outcome with practitioner\n  resolved: end \"Decided\"\n}}\n"
    )
}

pub(crate) fn clean(text: &str) -> ladder::model::Policy {
    let checked = check(text);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    checked.policy.unwrap()
}

/// The codes of the warnings `check` reports, in order, except that a
/// declared actor is not used (the base policy declares one for the tests
/// that need it).
pub(crate) fn warnings(text: &str) -> Vec<Code> {
    check(text)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| *c != Code::Unused)
        .collect()
}

pub(crate) fn json(text: &str) -> serde_json::Value {
    let policy = clean(text);
    serde_json::from_str(&ladder::emit::json::to_string(&policy, text)).unwrap()
}

pub(crate) fn diff(old: &str, new: &str) -> Vec<String> {
    ladder::diff::diff(&clean(old), &clean(new))
        .into_iter()
        .map(|c| c.text)
        .collect()
}

// ------------------------------------------------------------- modality

#[test]
fn must_should_and_may_are_three_strengths_of_duty() {
    let text = policy(
        "",
        "  must record \"the discussion\" in case_record\n  should consult third_party\n  \
         may notify senior_manager\n  share outcome with practitioner\n",
    );
    let policy = clean(&text);
    let modalities: Vec<Modality> = policy.stages[0].duties.iter().map(|d| d.modality).collect();
    assert_eq!(
        modalities,
        [
            Modality::Must,
            Modality::Should,
            Modality::May,
            Modality::Must
        ]
    );
    // `must` is the default: writing it changes nothing.
    let unwritten = text.replace("must record", "record");
    assert_eq!(clean(&unwritten), policy);

    let json = json(&text);
    let duties = json["stages"][0]["duties"].as_array().unwrap();
    let words: Vec<&str> = duties
        .iter()
        .map(|d| d["modality"].as_str().unwrap())
        .collect();
    assert_eq!(words, ["must", "should", "may", "must"]);
    let optional: Vec<bool> = duties
        .iter()
        .map(|d| d["optional"].as_bool().unwrap())
        .collect();
    assert_eq!(optional, [false, false, true, false]);

    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(dot.contains("Should consult a third party"), "{dot}");
    assert!(dot.contains("May notify the Senior"), "{dot}");
    let mermaid = crate::support::chart_words(&ladder::emit::mermaid::to_string(&policy));
    assert!(mermaid.contains("May notify the Senior"), "{mermaid}");
}

#[test]
fn a_should_duty_counts_for_the_recording_and_sharing_checks_and_a_may_one_does_not() {
    let should = policy(
        "",
        "  should record \"the discussion\" in case_record\n  should share outcome with practitioner\n",
    );
    assert!(
        !warnings(&should).iter().any(|c| matches!(
            c,
            Code::NoRecording | Code::EndNotRecorded | Code::EndNotShared
        )),
        "{:?}",
        warnings(&should)
    );
    let may = should.replace("should", "may");
    let codes = warnings(&may);
    assert!(codes.contains(&Code::NoRecording), "{codes:?}");
    assert!(codes.contains(&Code::EndNotRecorded), "{codes:?}");
    assert!(codes.contains(&Code::EndNotShared), "{codes:?}");
}

#[test]
fn diff_reports_a_duty_that_changes_strength() {
    let old = policy("", "  may consult third_party\n");
    let new = policy("", "  should consult third_party\n");
    assert_eq!(
        diff(&old, &new),
        ["At Stage 1, the duty to consult `third_party` is now `should` (was `may`)."]
    );
    let added = policy("", "");
    assert_eq!(
        diff(&added, &new),
        ["Stage 1 has a new duty: to consult `third_party` (should: expected, not absolute)."]
    );
}

#[test]
fn should_and_must_are_the_languages_own_words() {
    let text = policy("actor should \"A role\"\n", "");
    let (_, diagnostics) = ladder::syntax_error::parse(&text);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == Code::Syntax && d.message.contains("`should`")),
        "{diagnostics:#?}"
    );
}

#[test]
fn the_formatter_keeps_the_modality_as_written() {
    let text = policy(
        "",
        "  MUST   record \"it\"\n  Should\n consult third_party\n  may notify senior_manager\n",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(
        formatted.contains(
            "\n  MUST record \"it\"\n  Should consult third_party\n  may notify senior_manager\n"
        ),
        "{formatted}"
    );
}

// ------------------------------------------- each party and across agencies

#[test]
fn duties_name_equivalent_own_and_group_actors_and_each_party() {
    let text = policy(
        "",
        "  record \"it\" in case_record\n  \
         notify own line_manager by each party when unresolved\n  \
         consult equivalent line_manager by line_manager\n  \
         share outcome with all involved and the parties\n",
    )
    .replace(
        "unresolved: escalate to stage 2\n",
        "unresolved: escalate to stage 2 via own senior_manager or equivalent senior_manager\n",
    );
    let policy = clean(&text);
    let stage = &policy.stages[0];
    let notify = &stage.duties[1];
    assert_eq!(
        notify.kind,
        DutyKind::Notify(vec![ActorRef::Own("line_manager".to_owned())])
    );
    assert!(notify.by_each_party);
    assert!(notify.by.is_empty());
    let consult = &stage.duties[2];
    assert_eq!(
        consult.kind.actors(),
        [ActorRef::Equivalent("line_manager".to_owned())]
    );
    assert_eq!(consult.by, [ActorRef::Actor("line_manager".to_owned())]);
    assert_eq!(
        stage.duties[3].kind.actors(),
        [ActorRef::AllInvolved, ActorRef::Parties]
    );
    let Target::Stage {
        via, via_either, ..
    } = &stage.outcomes[1].target
    else {
        panic!()
    };
    assert_eq!(
        via,
        &[
            ActorRef::Own("senior_manager".to_owned()),
            ActorRef::Equivalent("senior_manager".to_owned())
        ]
    );
    assert!(via_either);
    // Sharing with all involved or the parties tells the person who raised
    // the concern; nothing else here is warned about.
    assert_eq!(warnings(&text), []);

    let json = json(&text);
    let duties = &json["stages"][0]["duties"];
    assert_eq!(
        duties[1]["actors"],
        serde_json::json!([{"kind": "own", "actor": "line_manager"}])
    );
    assert_eq!(duties[1]["by"], serde_json::json!([]));
    assert_eq!(duties[1]["by_each_party"], true);
    assert_eq!(
        duties[2]["actors"],
        serde_json::json!([{"kind": "equivalent", "actor": "line_manager"}])
    );
    assert_eq!(
        duties[3]["actors"],
        serde_json::json!([
            {"kind": "all_involved", "actor": null},
            {"kind": "the_parties", "actor": null}
        ])
    );
    assert_eq!(
        json["stages"][0]["transitions"][1]["via"],
        serde_json::json!([
            {"kind": "own", "actor": "senior_manager"},
            {"kind": "equivalent", "actor": "senior_manager"}
        ])
    );

    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(
        dot.contains("Each party must notify their own Manager"),
        "{dot}"
    );
    assert!(
        dot.contains("Share the outcome with everyone involved and the parties"),
        "{dot}"
    );
    assert!(
        dot.contains("(via their own Senior or the other agency's Senior)"),
        "{dot}"
    );
}

#[test]
fn an_equivalent_or_own_role_is_not_the_person_who_raised_the_concern() {
    let text = policy(
        "",
        "  record \"it\" in case_record\n  share outcome with equivalent practitioner\n",
    );
    assert!(warnings(&text).contains(&Code::EndNotShared));
}

#[test]
fn own_needs_someone_whose_role_it_is() {
    // No `by`: whose line manager?
    let text = policy("", "  notify own line_manager\n");
    let checked = check(&text);
    let own: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::OwnUnclear)
        .collect();
    assert_eq!(own.len(), 1, "{own:#?}");
    assert_eq!(
        own[0].message,
        "`own line_manager` does not say whose `line_manager` is meant"
    );
    for fixed in [
        "  notify own line_manager by each party\n",
        "  notify own line_manager by practitioner\n",
        "  notify line_manager\n",
    ] {
        assert!(
            !warnings(&policy("", fixed)).contains(&Code::OwnUnclear),
            "{fixed}"
        );
    }
    // `by own x` says no more than the duty itself.
    assert!(
        warnings(&policy("", "  task \"x\" by own line_manager\n")).contains(&Code::OwnUnclear)
    );
    // On `via`, it is the own role of those who lead the stage.
    let unled = policy("", "").replace("  led by line_manager with equivalent line_manager\n", "");
    let unled = unled.replace(
        "unresolved: escalate to stage 2\n",
        "unresolved: escalate to stage 2 via own line_manager\n",
    );
    let checked = check(&unled);
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::OwnUnclear
                && d.message
                    == "`via own line_manager` does not say whose `line_manager` is meant"),
        "{:#?}",
        checked.diagnostics
    );
}

#[test]
fn diff_names_equivalent_own_groups_and_each_party() {
    let old = policy("", "  notify line_manager\n");
    let new = policy("", "  notify own line_manager by each party\n");
    assert_eq!(
        diff(&old, &new),
        [
            "A duty at Stage 1 has changed: it was to notify `line_manager`; it is now to notify their own `line_manager`, by each party for their own agency."
        ]
    );
    let new = policy("", "  notify equivalent line_manager or all involved\n");
    assert_eq!(
        diff(&old, &new),
        [
            "A duty at Stage 1 has changed: it was to notify `line_manager`; it is now to notify the equivalent `line_manager` in the other agency or all involved."
        ]
    );
}

#[test]
fn the_formatter_keeps_the_actor_forms_as_written() {
    let text = policy(
        "",
        "  notify   own line_manager by each\n   party\n  share outcome with ALL   involved,the parties\n",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(
        formatted.contains("\n  notify own line_manager by each party\n  share outcome with ALL involved, the parties\n"),
        "{formatted}"
    );
}

// ----------------------------------------------- records and recording forms

#[test]
fn a_record_duty_may_write_in_each_agencys_record_and_in_several() {
    let text = policy(
        "record young_person_file \"The young person's file\"\n",
        "  record \"the outcome\" in each agency's case_record and young_person_file by each party\n  \
         share outcome with practitioner\n",
    );
    let policy = clean(&text);
    let DutyKind::Record { records, form, .. } = &policy.stages[0].duties[0].kind else {
        panic!()
    };
    assert_eq!(
        records,
        &[
            RecordPlace {
                record: "case_record".to_owned(),
                each_agency: true
            },
            RecordPlace {
                record: "young_person_file".to_owned(),
                each_agency: false
            }
        ]
    );
    assert_eq!(form, &None);
    assert_eq!(warnings(&text), []);

    let json = json(&text);
    let duty = &json["stages"][0]["duties"][0];
    assert_eq!(
        duty["records"],
        serde_json::json!([
            {"record": "case_record", "each_agency": true},
            {"record": "young_person_file", "each_agency": false}
        ])
    );
    assert_eq!(duty["form"], serde_json::Value::Null);

    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(
        dot.contains("Each party must record the outcome in each agency's Records and the young person's file"),
        "{dot}"
    );
    let old = text.replace(
        " in each agency's case_record and young_person_file",
        " in case_record",
    );
    assert_eq!(
        diff(&old, &text),
        [
            "A duty at Stage 1 has changed: it was to record \"the outcome\" in `case_record`, by each party for their own agency; it is now to record \"the outcome\" in each agency's `case_record` and `young_person_file`, by each party for their own agency."
        ]
    );
    // `or` does not make sense for records: a duty writes in all of them.
    let or = text.replace(" and young_person_file", " or young_person_file");
    assert!(!ladder::syntax_error::parse(&or).1.is_empty());
}

#[test]
fn recording_through_a_form_counts_as_a_record() {
    let form =
        "form notification_form \"Notification of an escalation\" {\n  field \"Outcome\"\n}\n";
    let using = policy(
        form,
        "  record \"the escalation\" using notification_form\n  share outcome with practitioner\n",
    );
    assert_eq!(warnings(&using), []);
    let json = json(&using);
    let duty = &json["stages"][0]["duties"][0];
    assert_eq!(duty["records"], serde_json::json!([]));
    assert_eq!(duty["form"], "notification_form");
    // A form filled in when the stage resolves is a record of the outcome.
    let completed = policy(
        form,
        "  complete notification_form when resolved\n  share outcome with practitioner\n",
    );
    assert_eq!(warnings(&completed), []);
    let concluded = completed.replace("when resolved", "when concluded");
    assert_eq!(warnings(&concluded), []);
    // Filled in on entry, it records nothing about how the stage ended.
    let on_entry = completed.replace("when resolved", "on entry");
    let codes = warnings(&on_entry);
    assert!(codes.contains(&Code::NoRecording), "{codes:?}");
    assert!(codes.contains(&Code::EndNotRecorded), "{codes:?}");
    // A form named in a record must be a form.
    let wrong = using.replace("using notification_form", "using case_record");
    assert!(check(&wrong).diagnostics.iter().any(
        |d| d.code == Code::UnknownName && d.message == "`case_record` is a record, not a form"
    ));
}

#[test]
fn the_formatter_keeps_the_record_forms_as_written() {
    let text = policy(
        "form f \"F\" {\n  field \"A\"\n}\n",
        "  record \"it\" in EACH   agency's case_record ,case_record\n using f\n",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(
        formatted.contains("\n  record \"it\" in EACH agency's case_record, case_record using f\n"),
        "{formatted}"
    );
}

// ------------------------------------------------------ who learns the outcome

#[test]
fn the_person_who_raised_the_concern_needs_no_telling_where_they_take_part() {
    let shared = |body: &str| {
        let text = policy("", &format!("  record \"it\" in case_record\n{body}"));
        !warnings(&text).contains(&Code::EndNotShared)
    };
    // Nobody tells them, and they take no part: warned.
    assert!(!shared(""));
    // They are whom the concern is taken up with.
    let with = policy("", "  record \"it\" in case_record\n").replace(
        "led by line_manager with equivalent line_manager",
        "led by line_manager with practitioner",
    );
    assert!(!warnings(&with).contains(&Code::EndNotShared));
    // One of several alternatives, or the other agency's: not sure.
    for not_sure in [
        "led by line_manager with practitioner or senior_manager",
        "led by line_manager with equivalent practitioner",
        "led by practitioner or line_manager",
    ] {
        let text = policy("", "  record \"it\" in case_record\n")
            .replace("led by line_manager with equivalent line_manager", not_sure);
        assert!(warnings(&text).contains(&Code::EndNotShared), "{not_sure}");
    }
    // They are involved in it, from the start or throughout.
    assert!(shared("  involve practitioner\n"));
    assert!(shared("  should involve practitioner on entry\n"));
    assert!(shared("  involve practitioner and senior_manager\n"));
    // Not when only at the end, only where possible, only if needed, or
    // only one of several.
    assert!(!shared("  involve practitioner when unresolved\n"));
    assert!(!shared("  involve practitioner where possible\n"));
    assert!(!shared("  may involve practitioner\n"));
    assert!(!shared("  involve practitioner or senior_manager\n"));
    // Shared with everyone involved, or with the parties.
    assert!(shared("  share outcome with all involved\n"));
    assert!(shared("  recommend \"a way forward\" to the parties\n"));
}

#[test]
fn participation_is_checked_in_every_step_of_a_procedure() {
    let text = policy(
        "procedure threshold \"Threshold\" {\n  step 1 \"Review\" {\n    led by senior_manager with practitioner\n    conclude within 1 working day\n    \
         record \"it\" in case_record\n    resolved: end \"Agreed on review\"\n  }\n}\n",
        "  record \"it\" in case_record\n  share outcome with practitioner\n",
    );
    assert_eq!(warnings(&text), []);
}

// ------------------------------------------------------------ test policy

/// `tests/policies/duties.ladder` uses every form above together, as a
/// board would: it checks clean, is laid out as `ladder fmt` lays it out,
/// and its JSON is checked against the schema in `json.rs`.
#[test]
fn the_test_policy_uses_every_form_and_checks_clean() {
    let path = crate::support::root().join("tests/policies/duties.ladder");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(warnings(&text), []);
    assert_eq!(ladder::format::format(&text).unwrap(), text);
    let policy = clean(&text);
    let every: Vec<Modality> = policy.every_stage.iter().map(|d| d.modality).collect();
    assert_eq!(every, [Modality::Should, Modality::Must]);
    assert!(policy.every_stage[0].by_each_party);
    assert_eq!(policy.stages[0].conditions.len(), 1);
    assert_eq!(policy.stages[1].conditions.len(), 1);
    assert!(policy.stages[0].outcomes[1].within.is_some());
    assert_eq!(policy.stages[1].outcomes[0].duties.len(), 1);
    // Every chart draws it.
    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(dot.contains("within 1 working day"), "{dot}");
    let mermaid = ladder::emit::mermaid::to_string(&policy);
    assert!(
        mermaid.contains("If a care provider is involved"),
        "{mermaid}"
    );
}

// ---------------------------------------------------------- syntax errors

/// The one syntax error of a stage body, as a person reads it.
fn syntax_error(body: &str) -> String {
    let (_, diagnostics) = ladder::syntax_error::parse(&policy("", body));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    diagnostics[0].message.clone()
}

#[test]
fn a_duty_cut_short_says_what_is_missing() {
    assert_eq!(
        syntax_error("  should\n"),
        "expected a duty's verb, such as `record`, `notify`, `consult` or `task` after `should`, but the line ends there"
    );
    assert_eq!(
        syntax_error("  notify\n"),
        "expected a name (letters, digits and `_`, starting with a letter) after `notify`, but the line ends there"
    );
    assert_eq!(
        syntax_error("  record \"it\" in\n"),
        "expected a record's name, or `each agency's` and a record's name after `in`, but the line ends there"
    );
    assert_eq!(
        syntax_error("  notify line_manager by\n"),
        "expected `each party` or a name (letters, digits and `_`, starting with a letter) after `by`, but the line ends there"
    );
    assert_eq!(
        syntax_error("  if \"x\" {\n    start on day 1\n  }\n"),
        "expected a duty (such as `involve`, `notify`, `record`), `led by`, `with`, `note` or `}`, found `start`"
    );
}
