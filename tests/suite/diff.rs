//! `ladder diff`: each kind of change in meaning, made by editing a shipped
//! policy's text, is reported in the sentence a board member reads; layout
//! and comments are never a change.

use ladder::diff::{Section, diff};

use crate::support::{check, root};

fn policy(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("policies/{name}.ladder"))).unwrap()
}

/// Applies each edit (which must match exactly once) to a shipped policy.
fn edited(name: &str, edits: &[(&str, &str)]) -> String {
    let mut text = policy(name);
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {name}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// The sentences reported from `old` to `new`; both must have no errors.
fn sentences(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (check(old), check(new));
    let (Some(old), Some(new)) = (old.clean_policy(), new.clean_policy()) else {
        panic!(
            "both versions must be free of errors: {:#?}",
            [old, new]
                .iter()
                .flat_map(|c| c.diagnostics.iter().filter(|d| d.is_error()).cloned())
                .collect::<Vec<_>>()
        );
    };
    diff(old, new).into_iter().map(|c| c.text).collect()
}

/// The sentences for one set of edits to a shipped policy.
fn changes(name: &str, edits: &[(&str, &str)]) -> Vec<String> {
    sentences(&policy(name), &edited(name, edits))
}

#[track_caller]
fn reports(name: &str, edits: &[(&str, &str)], expected: &[&str]) {
    assert_eq!(changes(name, edits), expected);
}

#[test]
fn halton_stage_3_deadline_moving_from_day_14_to_day_13() {
    reports(
        "halton",
        &[(
            "conclude no later than day 14",
            "conclude no later than day 13",
        )],
        &["Stage 3 must now conclude by day 13 (was day 14)."],
    );
}

#[test]
fn a_later_start() {
    reports(
        "halton",
        &[("start no later than day 3", "start no later than day 4")],
        &["Stage 2 must now start no later than day 4 (was day 3)."],
    );
}

#[test]
fn a_hard_limit_becoming_a_target() {
    reports(
        "halton",
        &[("conclude by day 21", "aim to conclude by day 21")],
        &["Stage 4 now should aim to conclude by day 21 (was: must conclude by day 21)."],
    );
}

#[test]
fn layout_and_comments_are_no_change_in_meaning() {
    let old = policy("halton");
    let new = format!(
        "// A new comment at the top.\n\n{}",
        old.replace("  ", "    ")
            .replace(
                "// Section 4, Stage 3 (table and flowchart)",
                "// Stage 3, reworded comment"
            )
            .replace("\n\n", "\n\n\n")
    );
    assert_ne!(old, new);
    assert_eq!(sentences(&old, &new), Vec::<String>::new());
    for name in ["cheshire-east", "harrow", "hillingdon", "somerset"] {
        assert_eq!(
            sentences(&policy(name), &policy(name)),
            Vec::<String>::new()
        );
    }
}

const STAGE_4: &str =
    "// Section 4, Stage 4 (table and flowchart)\nstage 4 \"Referral to the HSAB Chair\" {";

#[test]
fn a_stage_removed_and_added() {
    // Stage 4 cut out of Halton, with the escalation that led to it.
    let text = policy("halton");
    let start = text.find(STAGE_4).unwrap();
    let end = start + text[start..].find("\n}\n").unwrap() + 3;
    let without = format!("{}{}", &text[..start], &text[end..]).replacen(
        "  unresolved: escalate to stage 4 via board_representative\n",
        "",
        1,
    );
    assert_eq!(
        sentences(&text, &without),
        [
            "Stage 3 no longer has the outcome: when unresolved, the escalation goes to Stage 4 via `board_representative`.",
            "Stage 4 \"Referral to the HSAB Chair\" has been removed.",
        ]
    );
    assert_eq!(
        sentences(&without, &text),
        [
            "Stage 3 has a new outcome: when unresolved, the escalation goes to Stage 4 via `board_representative`.",
            "New stage: Stage 4 \"Referral to the HSAB Chair\" (led by `chair`; must start no later than day 16; must conclude by day 21).",
        ]
    );
}

#[test]
fn a_stage_inserted_renumbers_the_ones_after_it() {
    let new_stage = "stage 4 \"Mediation by the chair\" {\n  start no later than day 15\n  conclude by day 16\n  led by chair\n  record \"the mediation\" in case_record\n  resolved: end \"Resolved by mediation\"\n  unresolved: escalate to stage 5 via board_representative\n}\n\n";
    let inserted = format!("{new_stage}stage 5 \"Referral to the HSAB Chair\" {{");
    reports(
        "halton",
        &[
            ("stage 4 \"Referral to the HSAB Chair\" {", &inserted),
            (
                "unresolved: escalate to stage 4 via board_representative",
                "unresolved: escalate to stage 4 via chair",
            ),
        ],
        &[
            "At Stage 3, when unresolved, the escalation now goes to Stage 4 via `chair` (before, it went to Stage 5 via `board_representative`).",
            "New stage: Stage 4 \"Mediation by the chair\" (led by `chair`; must start no later than day 15; must conclude by day 16).",
            "Stage 4 \"Referral to the HSAB Chair\" is now Stage 5.",
        ],
    );
}

#[test]
fn a_stage_renamed() {
    reports(
        "halton",
        &[(
            "stage 2 \"Manager to manager\"",
            "stage 2 \"Line managers\"",
        )],
        &["Stage 2 is now called \"Line managers\" (was \"Manager to manager\")."],
    );
}

#[test]
fn a_new_lead_and_a_new_counterpart() {
    reports(
        "halton",
        &[("  led by chair\n", "  led by main_board\n")],
        &["Stage 4 is now led by `main_board` (was `chair`)."],
    );
    reports(
        "halton",
        &[(
            "led by line_manager with equivalent line_manager",
            "led by line_manager with equivalent senior_manager",
        )],
        &[
            "At Stage 2 the concern is now taken up with the equivalent `senior_manager` in the other agency (was the equivalent `line_manager` in the other agency).",
        ],
    );
}

#[test]
fn duties_and_notifications() {
    reports(
        "halton",
        &[(
            "notify senior_manager when unresolved",
            "notify chair when unresolved",
        )],
        &[
            "A duty at Stage 2 has changed: it was to notify `senior_manager` when unresolved; it is now to notify `chair` when unresolved.",
        ],
    );
    reports(
        "halton",
        &[(
            "  led by senior_manager and board_representative\n",
            "  led by senior_manager and board_representative\n  notify chair on entry\n",
        )],
        &["Stage 3 has a new duty: to notify `chair` on entering the stage."],
    );
    reports(
        "halton",
        &[(
            "  may meet \"the involved parties, to achieve a mutual understanding of perspective\"\n",
            "",
        )],
        &[
            "Stage 3 no longer has the duty to meet \"the involved parties, to achieve a mutual understanding of perspective\" (if needed).",
        ],
    );
}

#[test]
fn duties_at_every_stage() {
    reports(
        "halton",
        &[(
            "  task \"give the staff involved opportunities to debrief during the process\"\n",
            "",
        )],
        &[
            "Every stage no longer has the duty to \"give the staff involved opportunities to debrief during the process\".",
        ],
    );
}

#[test]
fn exception_rules() {
    reports(
        "halton",
        &[("  start at any stage\n", "  start at stage 3\n")],
        &[
            "The exception when \"an adult is thought to be at immediate risk\" now lets the escalation start at Stage 3 (before, it let the escalation start at any stage).",
        ],
    );
    reports(
        "halton",
        &[(
            "\nwhen \"policy issues are identified",
            "\nwhen \"the disagreement is about funding\" {\n  involve senior_manager\n}\n\nwhen \"policy issues are identified",
        )],
        &["New exception: when \"the disagreement is about funding\": involve `senior_manager`."],
    );
    let changes = changes(
        "halton",
        &[(
            "when \"policy issues are identified as a result of a dispute\"",
            "when \"policy issues arise\"",
        )],
    );
    assert_eq!(
        changes,
        [
            "New exception: when \"policy issues arise\": refer \"the policy issues\" to `independent_scrutineer`, by `board_representative`.",
            "The exception when \"policy issues are identified as a result of a dispute\" has been removed.",
        ]
    );
}

#[test]
fn forms_and_fields() {
    reports(
        "halton",
        &[(
            "  field \"Address\"\n",
            "  field \"Address\"\n  field \"Telephone number\"\n",
        )],
        &["The form `referral_form` has a new field: \"Telephone number\"."],
    );
    reports(
        "halton",
        &[("  field \"Date of Birth\"\n", "")],
        &["The form `referral_form` no longer has the field \"Date of Birth\"."],
    );
    reports(
        "halton",
        &[("  send to \"HSAB@halton.gov.uk\"\n", "  send to chair\n")],
        &["The form `referral_form` is now sent to `chair` (was HSAB@halton.gov.uk)."],
    );
}

#[test]
fn contacts() {
    reports(
        "halton",
        &[(
            "contact \"HSAB@halton.gov.uk\"",
            "contact \"safeguarding@halton.gov.uk\"",
        )],
        &[
            "New contact: safeguarding@halton.gov.uk for \"submitting professional challenge cases for escalation and resolution\".",
            "The contact HSAB@halton.gov.uk has been removed.",
        ],
    );
}

#[test]
fn roles_and_records() {
    reports(
        "halton",
        &[(
            "actor chair \"HSAB Chair\"",
            "actor chair \"Independent Chair of the HSAB\"",
        )],
        &[
            "The role `chair` is now described as \"Independent Chair of the HSAB\" (was \"HSAB Chair\").",
        ],
    );
}

#[test]
fn review_and_adoption_dates() {
    reports(
        "cheshire-east",
        &[("\nreview April 2025\n", "\nreview April 2027\n")],
        &["The review date is now April 2027 (was April 2025)."],
    );
    reports(
        "cheshire-east",
        &[("\nadopted April 2023\n", "\nadopted 1 May 2023\n")],
        &["The adoption date is now 1 May 2023 (was April 2023)."],
    );
    reports(
        "halton",
        &[("covers adults\n", "covers adults\nreview March 2027\n")],
        &["The policy now has a review date: March 2027."],
    );
}

#[test]
fn changes_are_grouped_by_section_in_report_order() {
    let text = edited(
        "halton",
        &[
            (
                "conclude no later than day 14",
                "conclude no later than day 13",
            ),
            ("covers adults\n", "covers adults\nreview March 2027\n"),
        ],
    );
    let (old, new) = (check(&policy("halton")), check(&text));
    let changes = diff(old.clean_policy().unwrap(), new.clean_policy().unwrap());
    let sections: Vec<Section> = changes.iter().map(|c| c.section).collect();
    assert_eq!(sections, [Section::Policy, Section::Stages]);
    assert_eq!(changes[1].subject.as_deref(), Some("stage-3"));
}

#[test]
fn a_duty_becoming_only_where_possible_and_back() {
    let (required, where_possible) = (
        "  consult line_manager or safeguarding_lead by practitioner wherever possible\n",
        "  consult line_manager or safeguarding_lead by practitioner\n",
    );
    let text = policy("harrow");
    let without = edited("harrow", &[(required, where_possible)]);
    assert_eq!(
        sentences(&without, &text),
        [
            "At the exception when \"an adult who has care/support needs is thought to be at risk of immediate harm\", the duty to consult `line_manager` or `safeguarding_lead`, by `practitioner` is now only where possible."
        ]
    );
    assert_eq!(
        sentences(&text, &without),
        [
            "At the exception when \"an adult who has care/support needs is thought to be at risk of immediate harm\", the duty to consult `line_manager` or `safeguarding_lead`, by `practitioner` is now required, not only where possible."
        ]
    );
    reports(
        "halton",
        &[(
            "notify senior_manager when unresolved",
            "notify senior_manager when unresolved where possible",
        )],
        &[
            "At Stage 2, the duty to notify `senior_manager` when unresolved is now only where possible.",
        ],
    );
}

#[test]
fn a_new_duty_where_possible_says_so() {
    reports(
        "halton",
        &[(
            "notify senior_manager when unresolved",
            "notify senior_manager when unresolved\n  notify chair where possible",
        )],
        &["Stage 2 has a new duty: to notify `chair` where possible."],
    );
}

#[test]
fn policy_notes_added_and_removed() {
    let note = "note \"An annual summary will be submitted to the HSAB and HSSP\"\n";
    reports(
        "harrow",
        &[(note, "")],
        &[
            "The policy no longer has the note \"An annual summary will be submitted to the HSAB and HSSP\".",
        ],
    );
    reports(
        "harrow",
        &[(
            note,
            "note \"An annual summary will be submitted to the HSAB and HSSP\"\nnote \"Reviewed every year\"\n",
        )],
        &["The policy has a new note: \"Reviewed every year\"."],
    );
}

#[test]
fn escalating_via_several_actors() {
    let (one, two) = (
        "unresolved: escalate to stage 3 via operations_manager or safeguarding_representative",
        "unresolved: escalate to stage 3 via operations_manager",
    );
    reports(
        "hillingdon",
        &[(one, two)],
        &[
            "At Stage 2, when unresolved, the escalation now goes to Stage 3 via `operations_manager` (before, it went to Stage 3 via `operations_manager` or `safeguarding_representative`).",
        ],
    );
    reports(
        "hillingdon",
        &[(
            one,
            "unresolved: escalate to stage 3 via line_manager, operations_manager or safeguarding_representative",
        )],
        &[
            "At Stage 2, when unresolved, the escalation now goes to Stage 3 via `line_manager`, `operations_manager` or `safeguarding_representative` (before, it went to Stage 3 via `operations_manager` or `safeguarding_representative`).",
        ],
    );
    // The order of the names is the file's, and is kept.
    reports(
        "hillingdon",
        &[(
            one,
            "unresolved: escalate to stage 3 via safeguarding_representative or operations_manager",
        )],
        &[
            "At Stage 2, when unresolved, the escalation now goes to Stage 3 via `safeguarding_representative` or `operations_manager` (before, it went to Stage 3 via `operations_manager` or `safeguarding_representative`).",
        ],
    );
}

/// Timescales in words, anchors, two units and the whole-procedure limit are
/// each a change in meaning, reported in the policy's own words.
#[test]
fn timescales_in_words_anchors_and_the_overall_limit_are_diffed() {
    let old =
        std::fs::read_to_string(root().join("tests/policies/chained-working-days.ladder")).unwrap();
    let new = old
        .replace(
            "all stages conclude within 15 working days",
            "all stages conclude within 12 working days",
        )
        .replace("notify manager immediately", "notify manager the same day")
        .replace(
            "conclude within 48 hours (2 working days)",
            "conclude within 2 working days",
        )
        .replace("of stage 2 concluding", "of stage 2 starting")
        .replace(
            "within 24 hours or within 1 working day, whichever is sooner",
            "within 24 hours (1 working day)",
        );
    assert_eq!(
        sentences(&old, &new),
        [
            "The whole procedure must now conclude within 12 working days of the concern arising (was 15 working days).",
            "A duty at Stage 1 has changed: it was to notify `manager` immediately; it is now to notify `manager` the same day.",
            "Stage 2 now must conclude within 2 working days (was: must conclude within 48 hours (2 working days)).",
            "A duty at Stage 3 has changed: it was to \"review the case file\" within 3 working days of stage 2 concluding; it is now to \"review the case file\" within 3 working days of stage 2 starting.",
            "A duty at Stage 3 has changed: it was to notify `practitioner` within 24 hours or within 1 working day, whichever is sooner; it is now to notify `practitioner` within 24 hours (1 working day).",
        ]
    );
}
