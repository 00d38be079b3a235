//! The structure of a procedure beyond one ladder of stages: review periods
//! (`review every 2 years`), phases and stages that repeat, roles that
//! differ by whom the procedure covers, and sub-procedures with their own
//! raiser and exception rules. Each has a test policy in `tests/policies/`,
//! and each is followed from the text to the checks, the JSON, the charts,
//! `ladder diff` and `ladder fmt`.

use chrono::NaiveDate;
use ladder::checks::Options;
use ladder::code::Code;
use ladder::diff::diff;
use ladder::driver::{Checked, check_source};

use crate::support::{check, root};

fn test_policy(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("tests/policies/{name}.ladder"))).unwrap()
}

fn check_on(text: &str, today: (i32, u32, u32)) -> Checked {
    let today = NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap();
    check_source(text, &Options::new(today))
}

fn codes(checked: &Checked) -> Vec<&'static str> {
    checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn json(text: &str) -> serde_json::Value {
    let checked = check(text);
    let policy = checked.clean_policy().expect("the policy has errors");
    serde_json::from_str(&ladder::emit::json::to_string(policy, text)).unwrap()
}

/// The sentences `ladder diff` reports from `old` to `new`.
fn sentences(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (check(old), check(new));
    diff(old.clean_policy().unwrap(), new.clean_policy().unwrap())
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// `text` with `from` (which must occur once) replaced by `to`.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

// ---------------------------------------------------------------- reviews

#[test]
fn a_review_every_two_years_falls_due_two_years_after_the_last_update() {
    let text = test_policy("review-period");
    let doc = json(&text);
    let header = &doc["header"];
    assert_eq!(header["review"]["first"], "2027-03-01");
    assert_eq!(header["review"]["last"], "2027-03-31");
    assert_eq!(header["review"]["precision"], "month");
    let period = &header["review_period"];
    assert_eq!(period["kind"], "every");
    assert_eq!(period["amount"], 2);
    assert_eq!(period["unit"], "years");
    assert_eq!(period["counted_from"], "last_update");
    assert_eq!(period["text"], "every 2 years");
    assert_eq!(period["at"]["line"], 10);

    // Without `updated`, the period counts from adoption (1 October 2023).
    let doc = json(&edit(&text, "updated March 2025\n", ""));
    assert_eq!(doc["header"]["review"]["first"], "2025-10-01");
    assert_eq!(doc["header"]["review"]["precision"], "day");
    assert_eq!(doc["header"]["review_period"]["counted_from"], "adoption");
}

#[test]
fn the_review_checks_use_the_computed_due_date() {
    let text = test_policy("review-period");
    // Due by 31 March 2027: nothing in November 2026, a warning 90 days
    // ahead, and overdue from 1 April 2027.
    assert!(!codes(&check_on(&text, (2026, 11, 22))).contains(&"L063"));
    let soon = check_on(&text, (2027, 1, 5));
    let warning = soon
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ReviewDueSoon)
        .expect("L063");
    assert_eq!(
        warning.message,
        "the review date, March 2027 (every 2 years from the last update, March 2025), falls due in 85 days, on 31 March 2027 (today is 5 January 2027)"
    );
    assert!(!codes(&check_on(&text, (2027, 3, 31))).contains(&"L060"));
    let late = check_on(&text, (2027, 4, 1));
    let overdue = late
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ReviewOverdue)
        .expect("L060");
    assert_eq!(
        overdue.message,
        "the review date, March 2027 (every 2 years from the last update, March 2025), passed 1 day ago (today is 1 April 2027)"
    );
}

#[test]
fn a_review_within_months_of_adoption_counts_from_adoption_even_after_an_update() {
    let text = edit(
        &test_policy("review-period"),
        "review every 2 years",
        "review within 18 months of adoption",
    );
    // 1 October 2023 and 18 months: 1 April 2025.
    let checked = check_on(&text, (2025, 4, 2));
    let overdue = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ReviewOverdue)
        .expect("L060");
    assert_eq!(
        overdue.message,
        "the review date, 1 April 2025 (within 18 months of adoption, 1 October 2023), passed 1 day ago (today is 2 April 2025)"
    );
    assert_eq!(
        json(&text)["header"]["review_period"]["counted_from"],
        "adoption"
    );
}

#[test]
fn a_review_period_with_nothing_to_count_from_is_reported_once() {
    let text = edit(
        &edit(
            &test_policy("review-period"),
            "adopted 1 October 2023\n",
            "",
        ),
        "updated March 2025\n",
        "",
    );
    let checked = check(&text);
    // L066 and not also "the policy has no review date".
    assert_eq!(codes(&checked), ["L066"]);
    let doc = json(&text);
    assert!(doc["header"]["review"].is_null());
    assert_eq!(doc["header"]["review_period"]["counted_from"], "adoption");
}

#[test]
fn a_review_line_is_a_date_or_a_period_not_both() {
    let text = edit(
        &test_policy("review-period"),
        "review every 2 years\n",
        "review every 2 years\nreview April 2027\n",
    );
    assert!(codes(&check(&text)).contains(&"L011"));
    let zero = edit(
        &test_policy("review-period"),
        "every 2 years",
        "every 0 years",
    );
    let checked = check(&zero);
    let invalid = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidValue)
        .expect("L003");
    assert_eq!(
        invalid.message,
        "a review period must be at least one month"
    );
}

#[test]
fn a_mistyped_review_period_is_explained_in_words() {
    let message = |line: &str| {
        let text = edit(&test_policy("review-period"), "review every 2 years", line);
        let (_, diagnostics) = ladder::syntax_error::parse(&text);
        diagnostics[0].message.clone()
    };
    assert_eq!(
        message("review every 2 weeks"),
        "expected `years` or `months` after `2`, found `weeks`"
    );
    assert_eq!(
        message("review within 18 months"),
        "expected `of adoption` or `of the last update` after `months`, but the line ends there"
    );
}

#[test]
fn diff_reports_a_changed_review_period_and_the_date_it_moves() {
    let old = test_policy("review-period");
    let new = edit(&old, "review every 2 years", "review every 3 years");
    assert_eq!(
        sentences(&old, &new),
        [
            "The review date is now March 2028 (was March 2027).",
            "The review period is now every 3 years (was every 2 years).",
        ]
    );
    let dated = edit(&old, "review every 2 years", "review March 2027");
    assert_eq!(
        sentences(&dated, &old),
        ["The policy now gives a review period: every 2 years."]
    );
    let not_updated = edit(&old, "updated March 2025\n", "");
    assert_eq!(
        sentences(&not_updated, &old),
        [
            "The policy now has a date last updated: March 2025.",
            "The review date is now March 2027 (was 1 October 2025).",
            "The review every 2 years is now counted from the last update (was from adoption).",
        ]
    );
}

/// A policy's page on the site, without a chart or downloads.
fn policy_page(name: &str, policy: &ladder::model::Policy) -> String {
    ladder::emit::site::policy::page(
        &ladder::emit::site::policy::Page {
            name,
            policy,
            svg: None,
            downloads: &[],
        },
        crate::support::today(),
    )
}

#[test]
fn the_policy_page_shows_the_period_beside_the_due_date() {
    let text = test_policy("review-period");
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let page = policy_page("review-period", policy);
    assert!(page.contains(
        "<dt>Review</dt><dd>March 2027 (every 2 years). <span class=\"due\">Review due March 2027</span></dd>"
    ));
}

// ------------------------------------------------- phases and repeating stages

#[test]
fn phases_cover_their_stages_and_an_open_ended_phase_runs_to_the_end() {
    let text = test_policy("phases");
    let doc = json(&text);
    let phases = doc["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 2);
    assert_eq!(phases[0]["title"], "Informal");
    assert_eq!(
        phases[0]["stages"],
        serde_json::json!(["stage-1", "stage-2", "stage-3"])
    );
    assert_eq!(phases[0]["onwards"], false);
    assert_eq!(phases[1]["title"], "Formal");
    assert_eq!(
        phases[1]["stages"],
        serde_json::json!(["stage-4", "stage-5"])
    );
    assert_eq!(phases[1]["onwards"], true);

    // A stage added at the end joins the open-ended phase.
    let longer = format!(
        "{text}\nstage 6 \"Board\" {{\n  conclude within 5 working days\n  led by director\n  resolved: end \"Decided by the board\"\n}}\n"
    )
    .replace(
        "  resolved: end \"Decided by the independent scrutineer\"\n",
        "  resolved: end \"Decided by the independent scrutineer\"\n  unresolved: escalate to stage 6\n",
    );
    let doc = json(&longer);
    assert_eq!(
        doc["phases"][1]["stages"],
        serde_json::json!(["stage-4", "stage-5", "stage-6"])
    );
}

#[test]
fn a_repeating_stage_is_one_stage_with_its_rounds_described() {
    let text = test_policy("phases");
    let doc = json(&text);
    let stage = &doc["stages"][2];
    assert_eq!(stage["repeats"]["how"], "with more senior managers in turn");
    assert_eq!(stage["repeats"]["up_to"], "director");
    assert!(doc["stages"][1]["repeats"].is_null());
    // `up to` is optional, and names a declared actor.
    let doc = json(&edit(&text, " up to director", ""));
    assert!(doc["stages"][2]["repeats"]["up_to"].is_null());
    let unknown = check(&edit(&text, "up to director", "up to directer"));
    let d = unknown
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .expect("L020");
    assert_eq!(d.message, "there is no actor called `directer`");
    let twice = check(&edit(
        &text,
        "  repeats \"with more senior managers in turn\" up to director\n",
        "  repeats \"with more senior managers in turn\" up to director\n  repeats \"again\"\n",
    ));
    assert!(codes(&twice).contains(&"L011"));
}

#[test]
fn the_charts_draw_phases_as_bands_and_a_repeating_stage_with_a_loop() {
    let text = test_policy("phases");
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let dot = ladder::emit::dot::to_string(policy);
    // Stages 1 to 3 are declared inside the first phase's cluster, 4 and 5
    // inside the second's.
    let informal = dot
        .split("subgraph \"cluster_phase_1\"")
        .nth(1)
        .unwrap()
        .split("    }\n")
        .next()
        .unwrap();
    assert!(informal.contains("label=<<B>Informal: Stages 1 to 3</B>>"));
    for id in ["stage-1", "stage-2", "stage-3"] {
        assert!(informal.contains(&format!("\"{id}\" [fillcolor")), "{id}");
    }
    assert!(!informal.contains("\"stage-4\" [fillcolor"));
    let formal = dot.split("subgraph \"cluster_phase_2\"").nth(1).unwrap();
    assert!(formal.contains("Formal: Stage 4 onwards"));
    assert!(dot.contains("\"stage-3\" -> \"stage-3\" [style=dashed"));
    assert!(dot.contains("label=<repeats, up to the Director"));
    assert!(dot.contains("Repeats with more senior managers in turn, up to"));
    assert!(dot.contains("Phase: a named group of stages"));

    let mermaid = ladder::emit::mermaid::to_string(policy);
    assert!(mermaid.contains(
        "  subgraph phase1[\"Informal: Stages 1 to 3\"]\n    s1[\"Stage 1: Practitioner to practitioner"
    ));
    assert!(mermaid.contains("  subgraph phase2[\"Formal: Stage 4 onwards\"]\n    s4["));
    assert!(mermaid.contains("  s3 -.->|\"repeats, up to the Director of the agency\"| s3\n"));
    // The loop's colour is set on its own index among the links.
    let links: Vec<&str> = mermaid
        .lines()
        .filter(|l| l.contains("-->") || l.contains("-.->"))
        .collect();
    let loop_index = links.iter().position(|l| l.contains("s3 -.->")).unwrap();
    assert!(mermaid.contains(&format!("  linkStyle {loop_index} stroke:#6a1b9a")));

    // A policy with neither has no phase or repeat in its key.
    let plain = edit(
        &edit(
            &text,
            "phase \"Informal\" covers stages 1 to 3\nphase \"Formal\" from stage 4\n",
            "",
        ),
        "  repeats \"with more senior managers in turn\" up to director\n",
        "",
    );
    let checked = check(&plain);
    let dot = ladder::emit::dot::to_string(checked.clean_policy().unwrap());
    assert!(!dot.contains("cluster_phase"));
    assert!(!dot.contains("Phase: a named group"));
    assert!(!dot.contains("Repeats:"));
}

#[test]
fn phases_that_overlap_or_run_backwards_are_errors() {
    let text = test_policy("phases");
    let overlap = check(&edit(&text, "from stage 4", "from stage 3"));
    let d = overlap
        .diagnostics
        .iter()
        .find(|d| d.code == Code::PhaseOverlap)
        .expect("L039");
    assert_eq!(
        d.message,
        "the phases \"Informal\" and \"Formal\" overlap: Stage 3 is in both"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "A stage belongs to one phase. To end \"Informal\" where \"Formal\" starts, write `covers stages 1 to 2`."
        )
    );
    let backwards = check(&edit(&text, "covers stages 1 to 3", "covers stages 3 to 1"));
    assert!(codes(&backwards).contains(&"L039"));
    let unknown = check(&edit(&text, "from stage 4", "from stage 9"));
    let d = unknown
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownName)
        .expect("L020");
    assert_eq!(d.message, "there is no `stage 9`");
    // One stage.
    let doc = json(&edit(&text, "covers stages 1 to 3", "covers stage 1"));
    assert_eq!(doc["phases"][0]["stages"], serde_json::json!(["stage-1"]));
}

#[test]
fn diff_reports_phases_and_repeating_stages() {
    let old = test_policy("phases");
    let new = edit(
        &edit(&old, "covers stages 1 to 3", "covers stages 1 to 2"),
        "from stage 4",
        "from stage 3",
    );
    assert_eq!(
        sentences(&old, &new),
        [
            "The phase \"Informal\" now covers Stage 1 to Stage 2 (was Stage 1 to Stage 3).",
            "The phase \"Formal\" now covers Stage 3 onwards (was Stage 4 onwards).",
        ]
    );
    let no_phases = edit(&old, "phase \"Formal\" from stage 4\n", "");
    assert_eq!(
        sentences(&no_phases, &old),
        ["New phase \"Formal\": Stage 4 onwards."]
    );
    assert_eq!(
        sentences(&old, &no_phases),
        ["The phase \"Formal\" has been removed."]
    );
    // A stage added at the end joins the open-ended phase: not a change of
    // phase.
    let longer = format!(
        "{old}\nstage 6 \"Board\" {{\n  conclude within 5 working days\n  led by director\n  resolved: end \"Decided by the board\"\n}}\n"
    )
    .replace(
        "  resolved: end \"Decided by the independent scrutineer\"\n",
        "  resolved: end \"Decided by the independent scrutineer\"\n  unresolved: escalate to stage 6\n",
    );
    assert!(!sentences(&old, &longer).iter().any(|s| s.contains("phase")));
    let once = edit(
        &old,
        "  repeats \"with more senior managers in turn\" up to director\n",
        "",
    );
    assert_eq!(
        sentences(&once, &old),
        ["Stage 3 now repeats \"with more senior managers in turn\" up to `director`."]
    );
    assert_eq!(
        sentences(&old, &once),
        ["Stage 3 no longer repeats (was \"with more senior managers in turn\" up to `director`)."]
    );
}

// ------------------------------------------- roles that differ by whom is covered

#[test]
fn a_role_board_and_contact_can_be_given_for_each_group_covered() {
    let text = test_policy("scoped-roles");
    let doc = json(&text);
    let chairs: Vec<(&str, &str)> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "chair")
        .map(|a| {
            (
                a["scope"].as_str().unwrap(),
                a["description"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        chairs,
        [
            (
                "adults",
                "Independent chair of the Safeguarding Adults Board"
            ),
            (
                "children",
                "Independent chair of the Safeguarding Children Partnership"
            ),
        ]
    );
    assert!(doc["actors"][0]["scope"].is_null());
    let header = &doc["header"];
    assert!(header["board"].is_null());
    assert_eq!(header["boards_by_scope"][0]["scope"], "adults");
    assert_eq!(header["boards_by_scope"][0]["short"], "ESAB");
    assert_eq!(
        header["boards_by_scope"][1]["name"],
        "Example Safeguarding Children Partnership"
    );
    let scopes: Vec<&serde_json::Value> = header["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["scope"])
        .collect();
    assert_eq!(
        scopes,
        [
            &serde_json::json!("adults"),
            &serde_json::json!("children"),
            &serde_json::Value::Null
        ]
    );
}

#[test]
fn scopes_must_match_what_the_policy_covers_and_be_complete() {
    let text = test_policy("scoped-roles");
    // A policy for adults only cannot name a children's chair, board or
    // contact.
    let adults = check(&edit(&text, "covers children and adults", "covers adults"));
    let messages: Vec<&str> = adults
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ScopeNotCovered)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the board \"Example Safeguarding Children Partnership\" is named for children, but the policy covers adults only",
            "the contact escp@example.org is for children, but the policy covers adults only",
            "`chair` is described for children, but the policy covers adults only",
        ]
    );
    let unstated = check(&edit(&text, "covers children and adults\n", ""));
    assert!(unstated.diagnostics.iter().any(|d| d.code == Code::ScopeNotCovered
        && d.message
            == "`chair` is described for adults, but the policy does not say whom it covers"));

    // A children's chair missing from a policy covering both is a gap;
    // a chair for everyone fills it.
    let no_children_chair = edit(
        &text,
        "actor chair \"Independent chair of the Safeguarding Children Partnership\" for children\n",
        "",
    );
    let checked = check(&no_children_chair);
    let gap = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ScopeIncomplete)
        .expect("L028");
    assert_eq!(
        gap.message,
        "`chair` is described for adults only, but the policy also covers children"
    );
    let no_children_board = check(&edit(
        &text,
        "board \"Example Safeguarding Children Partnership\" (ESCP) for children\n",
        "",
    ));
    assert!(
        no_children_board
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ScopeIncomplete
                && d.message
                    == "a board is named for adults only, but the policy also covers children")
    );
    // A contact for one group alone is ordinary.
    let one_contact = check(&edit(
        &text,
        "contact \"escp@example.org\" for \"referring a matter to the chair\" for children\n",
        "",
    ));
    assert!(codes(&one_contact).is_empty(), "{:?}", codes(&one_contact));

    // Twice for one group, or for everyone and for a group: a duplicate.
    let twice = check(&edit(
        &text,
        "for children\nactor business_unit",
        "for adults\nactor business_unit",
    ));
    assert!(
        twice
            .diagnostics
            .iter()
            .any(|d| d.code == Code::DuplicateDefinition
                && d.message == "`chair` is described twice for adults")
    );
    let everyone = check(&edit(
        &text,
        "Partnership\" for children\n",
        "Partnership\"\n",
    ));
    assert!(
        everyone
            .diagnostics
            .iter()
            .any(|d| d.code == Code::DuplicateDefinition
                && d.message == "`chair` is described for adults and again for everyone")
    );
    // A role described for each group but used nowhere is one unused name.
    let unused = check(
        &edit(&text, "  led by chair\n", "  led by line_manager\n").replace(
            "  refer \"the matter\" to chair by line_manager on entry\n",
            "",
        ),
    );
    // (The edit also leaves two stages in a row led by `line_manager`,
    // which is advice of its own, L038.)
    assert_eq!(codes(&unused), ["L024", "L038"]);
    // Two boards for one group are a repeated line.
    let boards = check(&edit(&text, "(ESCP) for children", "(ESCP) for adults"));
    assert!(boards.diagnostics.iter().any(
        |d| d.code == Code::RepeatedHeader && d.message == "`board for adults` is given twice"
    ));
}

#[test]
fn the_charts_and_policy_page_name_each_groups_board_and_role() {
    let text = test_policy("scoped-roles");
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let dot = ladder::emit::dot::to_string(policy);
    assert!(dot.contains("Example Safeguarding Adults Board (ESAB) for adults; Example"));
    assert!(dot.contains("<B>Roles by whom the procedure covers</B>"));
    assert!(dot.contains("&#8226; chair: for adults, Independent chair of the Safeguarding"));
    let mermaid = ladder::emit::mermaid::to_string(policy);
    assert!(mermaid.contains("  roles[\"Roles by whom the procedure covers<br/>- chair: for adults, Independent chair of the<br/>"));
    let page = policy_page("scoped-roles", policy);
    assert!(page.contains("<li>chair: for adults, Independent chair of the Safeguarding Adults Board; for children, Independent chair of the Safeguarding Children Partnership</li>"));
    assert!(page.contains("(referring a matter to the chair; for children)"));
}

#[test]
fn diff_reports_changes_to_each_groups_role_board_and_contact() {
    let old = test_policy("scoped-roles");
    let new = edit(
        &edit(
            &edit(
                &old,
                "Independent chair of the Safeguarding Children Partnership",
                "Chair of the Safeguarding Children Partnership",
            ),
            "(ESCP) for children",
            "(ECP) for children",
        ),
        "\"notifying the business unit\"",
        "\"notifying the business unit\" for adults",
    );
    assert_eq!(
        sentences(&old, &new),
        [
            "The board for children is now \"Example Safeguarding Children Partnership\" (ECP) (was \"Example Safeguarding Children Partnership\" (ESCP)).",
            "The contact business.unit@example.org now serves adults (was everyone).",
            "The role `chair` for children is now described as \"Chair of the Safeguarding Children Partnership\" (was \"Independent chair of the Safeguarding Children Partnership\").",
        ]
    );
}

// --------------------------------------------------------- sub-procedures

#[test]
fn a_sub_procedure_has_its_own_raiser_and_rules_in_the_json() {
    let text = test_policy("sub-procedures");
    let doc = json(&text);
    let procedure = &doc["procedures"][0];
    assert_eq!(procedure["concern_raised_by"], "conference_chair");
    let rule = &procedure["rules"][0];
    assert_eq!(rule["id"], "conference_dispute.rule-1");
    assert_eq!(rule["condition"], "the adult is at immediate risk");
    assert_eq!(
        rule["start_at"],
        serde_json::json!(["conference_dispute.step-2"])
    );
    assert_eq!(rule["start_at_any_step"], false);
    assert_eq!(rule["duties"][0]["kind"], "notify");
    // The policy's own rules are unchanged, and the procedure's rule is an
    // entry into the procedure.
    assert_eq!(doc["rules"], serde_json::json!([]));
    let entry = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "conference_dispute.rule-1")
        .expect("an entry for the procedure's rule");
    assert_eq!(entry["kind"], "rule");
    assert_eq!(
        entry["stages"],
        serde_json::json!(["conference_dispute.step-2"])
    );
    assert_eq!(entry["any_step"], false);

    let any = json(&edit(&text, "start at step 2", "start at any step"));
    let entry = any["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "conference_dispute.rule-1")
        .unwrap();
    assert_eq!(entry["any_step"], true);
    assert_eq!(
        entry["stages"],
        serde_json::json!(["conference_dispute.step-1", "conference_dispute.step-2"])
    );
    assert_eq!(any["procedures"][0]["rules"][0]["start_at_any_step"], true);
}

#[test]
fn outcome_sharing_at_a_step_is_checked_against_the_procedures_own_raiser() {
    let text = test_policy("sub-procedures");
    assert!(codes(&check(&text)).is_empty());
    // Without its own raiser, the procedure answers to the policy's: the
    // head of service's decision is not shared with the practitioner.
    let checked = check(&edit(&text, "  concern raised by conference_chair\n", ""));
    let messages: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EndNotShared)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the end \"Agreed with the service manager\" is reached from step 1 of `conference_dispute` without the outcome being shared with `practitioner`",
            "the end \"Decided by the head of service\" is reached from step 2 of `conference_dispute` without the outcome being shared with `practitioner`",
        ]
    );
    // With its own raiser, an outcome not shared with them is reported.
    let unshared = check(&edit(&text, "  share outcome with conference_chair\n", ""));
    assert!(unshared.diagnostics.iter().any(|d| d.code == Code::EndNotShared
        && d.message
            == "the end \"Decided by the head of service\" is reached from step 2 of `conference_dispute` without the outcome being shared with `conference_chair`"));
    // And recording is checked at steps as at stages.
    let unrecorded = check(&edit(
        &text,
        "    record \"the disagreement and what was agreed\" in minutes\n",
        "",
    ));
    assert!(codes(&unrecorded).contains(&"L050"));
}

#[test]
fn a_procedures_own_rule_is_an_entry_for_reachability() {
    let text = test_policy("sub-procedures");
    // Step 1 no longer leads to step 2: the rule still reaches it.
    let skipped = edit(
        &text,
        "    unresolved: go to step 2\n",
        "    unresolved: escalate to stage 2\n",
    );
    assert!(!codes(&check(&skipped)).contains(&"L030"));
    let unreachable = check(&edit(&skipped, "    start at step 2\n", ""));
    let d = unreachable
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Unreachable)
        .expect("L030");
    assert_eq!(
        d.message,
        "no escalation can reach step 2 of `conference_dispute`"
    );
    // A rule that starts only at the procedure's first step changes nothing.
    let first = check(&edit(
        &edit(&text, "start at step 2", "start at step 1"),
        "    notify head_of_service by conference_chair\n",
        "",
    ));
    assert!(first.diagnostics.iter().any(|d| d.code == Code::EmptyRule
        && d.message
            == "the rule for \"the adult is at immediate risk\" only starts at the first step of `conference_dispute`, where the procedure starts anyway"));
    // `step` in a procedure's rule names the procedure's own steps.
    let unknown = check(&edit(&text, "start at step 2", "start at step 7"));
    assert!(
        unknown
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownName && d.message == "there is no `step 7`")
    );
}

#[test]
fn a_procedure_names_its_raiser_once_and_as_an_actor() {
    let text = test_policy("sub-procedures");
    let twice = check(&edit(
        &text,
        "  concern raised by conference_chair\n",
        "  concern raised by conference_chair\n  concern raised by head_of_service\n",
    ));
    assert!(
        twice
            .diagnostics
            .iter()
            .any(|d| d.code == Code::RepeatedHeader
                && d.message
                    == "the procedure `conference_dispute` says `concern raised by` twice")
    );
    let unknown = check(&edit(
        &text,
        "concern raised by conference_chair",
        "concern raised by conference_chiar",
    ));
    assert!(
        unknown
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownName
                && d.message == "there is no actor called `conference_chiar`")
    );
}

#[test]
fn the_charts_show_a_procedures_raiser_and_rules_inside_it() {
    let text = test_policy("sub-procedures");
    let checked = check(&text);
    let policy = checked.clean_policy().unwrap();
    let dot = ladder::emit::dot::to_string(policy);
    let cluster = dot.split("subgraph \"cluster_0\"").nth(1).unwrap();
    let cluster = &cluster[..cluster.find("\n  }\n").unwrap()];
    assert!(cluster.contains("Raised by the Chair of the safeguarding adults case conference"));
    assert!(cluster.contains("\"conference_dispute.rule-1\" [style=\"rounded,dashed,filled\""));
    assert!(cluster.contains("<I>start at Step 2: Head of service</I>"));
    assert!(cluster.contains("\"applies-0\" -> \"conference_dispute.rule-1\""));
    assert!(cluster.contains("\"conference_dispute.rule-1\" -> \"conference_dispute.step-2\""));

    let mermaid = ladder::emit::mermaid::to_string(policy);
    assert!(mermaid.contains(
        "subgraph p1[\"Sub-procedure: Disputes about a case conference decision (raised by the Chair of the safeguarding adults case conference)\"]"
    ));
    assert!(mermaid.contains("    p1r1[\"Exception<br/>If the adult is at immediate risk<br/>start at Step 2: Head of service<br/>Also: The Chair of the safeguarding adults case<br/>conference must notify the Head of safeguarding\"]:::exception"));
    let links: Vec<&str> = mermaid
        .lines()
        .filter(|l| l.contains("-->") || l.contains("-.->"))
        .collect();
    let index = links.iter().position(|l| *l == "  p1r1 -.-> s4").unwrap();
    assert!(mermaid.contains(&format!("  linkStyle {index} stroke:#a86400")));

    // A rule with nothing to start is listed in the notes, by procedure.
    let duties_only = edit(&text, "    start at step 2\n", "");
    let checked = check(&duties_only);
    let dot = ladder::emit::dot::to_string(checked.clean_policy().unwrap());
    assert!(dot.contains("&#8226; In Disputes about a case conference decision: if the adult"));
}

#[test]
fn diff_reports_a_procedures_raiser_and_rules() {
    let old = test_policy("sub-procedures");
    let new = edit(
        &edit(
            &old,
            "concern raised by conference_chair",
            "concern raised by head_of_service",
        ),
        "start at step 2",
        "start at any step",
    );
    assert_eq!(
        sentences(&old, &new),
        [
            "`conference_dispute` is now started by `head_of_service` (was `conference_chair`).",
            "In the procedure `conference_dispute`, the exception when \"the adult is at immediate risk\" now lets the escalation start at any step (before, it let the escalation start at step 2 of `conference_dispute`).",
        ]
    );
    let without = edit(
        &old,
        "  when \"the adult is at immediate risk\" {\n    start at step 2\n    notify head_of_service by conference_chair\n  }\n",
        "",
    );
    assert_eq!(
        sentences(&without, &old),
        [
            "In the procedure `conference_dispute`, new exception: when \"the adult is at immediate risk\": start at step 2 of `conference_dispute`; notify `head_of_service`, by `conference_chair`."
        ]
    );
}

// ------------------------------------------------------------ all features

#[test]
fn the_test_policies_have_no_errors_and_are_formatted() {
    for path in crate::support::ladder_files("tests/policies") {
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = check(&text);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        assert_eq!(
            ladder::format::format(&text).unwrap(),
            text,
            "{} is not formatted",
            path.display()
        );
    }
}
