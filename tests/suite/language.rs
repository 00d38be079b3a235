//! The language's smaller forms, from text to syntax tree to model to JSON:
//! `where possible` on duties, notes of the whole policy, and `via` with
//! more than one actor.

use ladder::ast::{self, Item, Trigger};
use ladder::code::Code;
use ladder::model::{ActorRef, Target};

use crate::support::check;

/// A small policy with no errors, with `extra` after the header and `body`
/// at the end of its first stage. An exception rule reaches stage 2 when
/// `body` does not escalate to it.
fn policy(extra: &str, body: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n{extra}\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         actor safeguarding_lead \"Lead\"\nactor senior_manager \"Senior\"\n\
         record case_record \"Records\"\n\
         stage 1 \"One\" {{\n  led by practitioner\n  record \"it\" in case_record\n  \
         share outcome with practitioner\n  resolved: end \"Done\"\n{body}}}\n\
         stage 2 \"Two\" {{\n  led by line_manager\n  record \"it\" in case_record\n  \
         share outcome with practitioner\n  resolved: end \"Done\"\n}}\n\
         when \"it is urgent\" {{\n  start at any stage\n}}\n"
    )
}

fn tree(text: &str) -> ast::File {
    let (tree, diagnostics) = ladder::syntax_error::parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    tree.unwrap()
}

/// The duties of the first stage in the syntax tree.
fn ast_duties(file: &ast::File) -> Vec<ast::Duty> {
    let Some(Item::Stage(stage)) = file.items.iter().find(|i| matches!(i, Item::Stage(_))) else {
        return Vec::new();
    };
    stage
        .items
        .iter()
        .filter_map(|i| match i {
            ast::StageItem::Duty(d) => Some(d.clone()),
            _ => None,
        })
        .collect()
}

fn clean(text: &str) -> ladder::model::Policy {
    let checked = check(text);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    checked.policy.unwrap()
}

#[test]
fn where_possible_ends_a_duty_in_any_order_with_the_other_modifiers() {
    let text = policy(
        "",
        "  consult line_manager or safeguarding_lead by practitioner wherever possible\n  \
         notify senior_manager where possible by practitioner when unresolved\n  \
         WHERE   POSSIBLE notify safeguarding_lead\n  notify line_manager on entry\n",
    );
    // The last line is a syntax error: `where possible` ends a duty.
    assert!(!ladder::syntax_error::parse(&text).1.is_empty());

    let text = text.replace("  WHERE   POSSIBLE notify safeguarding_lead\n", "");
    let duties = ast_duties(&tree(&text));
    let flags: Vec<bool> = duties.iter().map(|d| d.where_possible).collect();
    assert_eq!(flags, [false, false, true, true, false]);

    let policy = clean(&text);
    let stage = &policy.stages[0];
    let flags: Vec<bool> = stage.duties.iter().map(|d| d.where_possible).collect();
    assert_eq!(flags, [false, false, true, true, false]);
    let notify = &stage.duties[3];
    assert_eq!(notify.by, [ActorRef::Actor("practitioner".to_owned())]);
    assert_eq!(notify.trigger, Some(Trigger::WhenUnresolved));
}

#[test]
fn where_possible_is_kept_in_any_case_and_said_once() {
    let text = policy("", "  consult line_manager Where Possible\n");
    assert!(clean(&text).stages[0].duties[2].where_possible);

    let twice = policy(
        "",
        "  consult line_manager where possible by practitioner wherever possible\n",
    );
    let messages: Vec<String> = check(&twice)
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Syntax)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        ["`where possible` is given twice for the same duty"]
    );
}

#[test]
fn a_where_possible_duty_still_counts_for_the_checks() {
    // Stage 1's only recording duty is `where possible`: still no L050.
    let text = policy("", "").replacen(
        "  record \"it\" in case_record\n",
        "  record \"it\" in case_record where possible\n",
        1,
    );
    let checked = check(&text);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.code != Code::NoRecording),
        "{:#?}",
        checked.diagnostics
    );
    assert!(checked.policy.unwrap().stages[0].duties[0].where_possible);
}

#[test]
fn notes_of_the_whole_policy_are_kept_in_file_order() {
    let text = policy(
        "note \"This procedure does not replace complaints processes\"\n",
        "",
    ) + "note \"An annual summary will be submitted\"\n";
    let file = tree(&text);
    let notes: Vec<&str> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Note(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        [
            "This procedure does not replace complaints processes",
            "An annual summary will be submitted"
        ]
    );
    let policy = clean(&text);
    assert_eq!(
        policy.notes,
        [
            "This procedure does not replace complaints processes",
            "An annual summary will be submitted"
        ]
    );
    // A note inside a stage is still the stage's.
    assert!(policy.stages.iter().all(|s| s.notes.is_empty()));
}

#[test]
fn via_takes_a_list_of_actors() {
    for (via, expected) in [
        ("via line_manager", vec!["line_manager"]),
        (
            "via line_manager or safeguarding_lead",
            vec!["line_manager", "safeguarding_lead"],
        ),
        (
            "via line_manager, safeguarding_lead and senior_manager",
            vec!["line_manager", "safeguarding_lead", "senior_manager"],
        ),
        ("", vec![]),
    ] {
        let text = policy("", &format!("  unresolved: escalate to stage 2 {via}\n"));
        let file = tree(&text);
        let Some(Item::Stage(stage)) = file.items.iter().find(|i| matches!(i, Item::Stage(_)))
        else {
            panic!("no stage");
        };
        let via_tree: Vec<&str> = stage
            .items
            .iter()
            .find_map(|i| match i {
                ast::StageItem::Outcome(ast::Outcome {
                    target: ast::Target::Escalate { via, .. },
                    ..
                }) => Some(
                    via.iter()
                        .map(|v| v.ident().unwrap().text.as_str())
                        .collect(),
                ),
                _ => None,
            })
            .unwrap();
        assert_eq!(via_tree, expected);

        let policy = clean(&text);
        let target = &policy.stages[0].outcomes[1].target;
        let Target::Stage {
            to,
            via,
            via_either,
        } = target
        else {
            panic!("{target:?}");
        };
        assert_eq!(to.as_ref().unwrap().id, "2");
        let via: Vec<&str> = via.iter().filter_map(ActorRef::name).collect();
        assert_eq!(via, expected);
        // `or` is any one of them; `and` and commas are all of them.
        assert_eq!(*via_either, text.contains(" or safeguarding_lead"));
        let chart = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
        if *via_either {
            assert!(chart.contains("(via the Manager or the Lead)"), "{chart}");
        } else if expected.len() == 3 {
            assert!(
                chart.contains("(via the Manager, the Lead and the Senior)"),
                "{chart}"
            );
        }
    }
}

#[test]
fn every_actor_after_via_must_be_declared() {
    let text = policy(
        "",
        "  unresolved: escalate to stage 2 via line_manager or operations_manager\n",
    );
    let unknown: Vec<String> = check(&text)
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownName)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(unknown, ["there is no actor called `operations_manager`"]);
}

#[test]
fn the_formatter_keeps_the_new_forms_as_written() {
    let text = policy(
        "note \"A note of the whole policy\"\n",
        "  consult line_manager   wherever\n possible\n  unresolved: escalate to stage 2 via line_manager ,safeguarding_lead or senior_manager\n",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(formatted.contains("\nnote \"A note of the whole policy\"\n"));
    assert!(formatted.contains("\n  consult line_manager wherever possible\n"));
    assert!(formatted.contains(
        "\n  unresolved: escalate to stage 2 via line_manager, safeguarding_lead or senior_manager\n"
    ));
}

#[test]
fn the_json_has_the_notes_where_possible_and_via_lists() {
    let text = policy(
        "note \"A note of the whole policy\"\n",
        "  consult line_manager wherever possible\n  \
         unresolved: escalate to stage 2 via line_manager or safeguarding_lead\n",
    );
    let policy = clean(&text);
    let json: serde_json::Value =
        serde_json::from_str(&ladder::emit::json::to_string(&policy, &text)).unwrap();
    assert_eq!(
        json["notes"],
        serde_json::json!(["A note of the whole policy"])
    );
    let stage = &json["stages"][0];
    let flags: Vec<bool> = stage["duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["where_possible"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [false, false, true]);
    assert_eq!(stage["transitions"][0]["via"], serde_json::json!([]));
    assert_eq!(
        stage["transitions"][1]["via"],
        serde_json::json!([
            {"kind": "actor", "actor": "line_manager"},
            {"kind": "actor", "actor": "safeguarding_lead"}
        ])
    );
    assert_eq!(
        json["stages"][1]["transitions"][0]["via"],
        serde_json::json!([])
    );
}

#[test]
fn the_charts_mark_where_possible_and_name_every_via_actor() {
    let text = policy(
        "note \"A note of the whole policy\"\n",
        "  consult line_manager wherever possible\n  \
         unresolved: escalate to stage 2 via line_manager or safeguarding_lead\n",
    );
    let policy = clean(&text);
    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(&policy));
    assert!(dot.contains("Consult the Manager where possible"), "{dot}");
    assert!(
        dot.contains("unresolved (via the Manager or the Lead)"),
        "{dot}"
    );
    assert!(dot.contains("A note of the whole policy"), "{dot}");
}

/// `and` means all of them and `or` any one of them, in every list: the
/// model, the JSON, the flowchart summary and `ladder diff` keep which.
#[test]
fn and_and_or_in_lists_keep_their_meaning() {
    let either = policy(
        "",
        "  notify line_manager or safeguarding_lead by practitioner or senior_manager\n",
    );
    let both = policy(
        "",
        "  notify line_manager and safeguarding_lead by practitioner and senior_manager\n",
    );
    let (either, both) = (check(&either), check(&both));
    let (Some(e), Some(b)) = (either.clean_policy(), both.clean_policy()) else {
        panic!("{:#?} {:#?}", either.diagnostics, both.diagnostics);
    };
    let duty = |p: &ladder::model::Policy| p.stages[0].duties.last().cloned().unwrap();
    assert!(duty(e).actors_either && duty(e).by_either);
    assert!(!duty(b).actors_either && !duty(b).by_either);
    // The flowcharts summarise the duty with the same word (labels are
    // wrapped, so line breaks are read as spaces).
    let dot = crate::support::chart_words(&ladder::emit::dot::to_string(e));
    assert!(
        dot.contains("The Worker or the Senior must notify the Manager or the Lead"),
        "{dot}"
    );
    let mermaid = crate::support::chart_words(&ladder::emit::mermaid::to_string(b));
    assert!(
        mermaid.contains("The Worker and the Senior must notify the Manager and the Lead"),
        "{mermaid}"
    );
    let changes: Vec<String> = ladder::diff::diff(b, e)
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(
        changes,
        [
            "A duty at Stage 1 has changed: it was to notify `line_manager` and `safeguarding_lead`, by `practitioner` and `senior_manager`; it is now to notify `line_manager` or `safeguarding_lead`, by `practitioner` or `senior_manager`."
        ]
    );
}

/// Who leads: Cheshire East's Step 2 is led by the safeguarding lead or the
/// line manager (either), Halton's stage 3 by the senior manager and the
/// board representative (together); the JSON says which.
#[test]
fn leads_written_with_or_are_alternatives_in_the_json() {
    let json = |name: &str| -> serde_json::Value {
        let path = crate::support::root().join(format!("policies/{name}.ladder"));
        let text = std::fs::read_to_string(path).unwrap();
        let checked = check(&text);
        let policy = checked.clean_policy().unwrap();
        let out = ladder::emit::json::to_string(policy, &text);
        serde_json::from_str(&out).unwrap()
    };
    let cheshire = json("cheshire-east");
    let step2 = &cheshire["stages"][1];
    assert_eq!(
        step2["leads"],
        serde_json::json!(["safeguarding_lead", "line_manager"])
    );
    assert_eq!(step2["leads_either"], true);
    assert_eq!(step2["counterparts_either"], true);
    let halton = json("halton");
    let stage3 = &halton["stages"][2];
    assert_eq!(
        stage3["leads"],
        serde_json::json!(["senior_manager", "board_representative"])
    );
    assert_eq!(stage3["leads_either"], false);
}

/// A list cannot mix the two: the error points at the list and both words.
#[test]
fn a_list_mixing_and_and_or_is_an_error() {
    let text = policy(
        "",
        "  notify line_manager and safeguarding_lead or senior_manager\n",
    );
    let checked = check(&text);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::Syntax);
    assert!(errors[0].message.contains("mixes `and` and `or`"));
    let listed = &text[errors[0].span.start..errors[0].span.end];
    assert_eq!(
        listed,
        "line_manager and safeguarding_lead or senior_manager"
    );
    assert!(checked.clean_policy().is_none());
}

/// The recording help names the policy's own record, so it can be pasted
/// in; an outcome shared with `a or b` may not reach the person who raised
/// the concern, and a stage led by them *or* someone else does not count as
/// telling them.
#[test]
fn recording_and_sharing_respect_the_policys_names_and_or() {
    let text = "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
                actor practitioner \"Worker\"\nactor manager \"Manager\"\n\
                record files \"Files\"\n\
                stage 1 \"One\" {\n  led by practitioner or manager\n  \
                share outcome with practitioner or manager\n  resolved: end \"Done\"\n}\n\
                stage 2 \"Two\" {\n  led by manager\n  record \"it\" in files\n  \
                share outcome with practitioner\n  resolved: end \"Done\"\n}\n\
                when \"urgent\" {\n  start at stage 2\n}\n";
    let checked = check(text);
    let no_recording = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::NoRecording)
        .expect("stage 1 records nothing");
    assert!(
        no_recording
            .help
            .as_deref()
            .unwrap()
            .contains("any points of difference\" in files`"),
        "{:?}",
        no_recording.help
    );
    let not_shared: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EndNotShared)
        .collect();
    assert_eq!(not_shared.len(), 1, "{:#?}", checked.diagnostics);
    assert!(not_shared[0].message.contains("from Stage 1"));
}

#[test]
fn every_number_word_from_one_to_twenty_reads_as_its_value() {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let counting = "days are calendar days\nday 1 is the day the concern arose\n";
    for (value, word) in (1..).zip(WORDS) {
        for written in [word.to_owned(), word.to_uppercase()] {
            let text = policy(counting, &format!("  conclude by day {written}\n"));
            let stage = clean(&text).stages.remove(0);
            assert_eq!(
                stage.conclude[0].describe(),
                format!("by day {value}"),
                "`day {written}`"
            );
            let text = policy(counting, &format!("  conclude within {written} days\n"));
            let stage = clean(&text).stages.remove(0);
            assert_eq!(stage.conclude[0].amount, value, "`within {written} days`");
        }
    }
}
