//! Duties as real procedures write them (issue 8, items 6, 7, 8, 14 and
//! 15): `must`, `should` and `may`; duties for each party and across
//! agencies; records held by each agency; conditional duties and
//! participants; routes with their own limits and duties; recording
//! through a form; and who learns the outcome. Each form is followed from
//! the text to the model, the checks, the JSON, the charts, `ladder diff`
//! and `ladder fmt`.

use ladder::code::Code;
use ladder::model::Modality;

use crate::support::check;

/// A small policy with no errors: `extra` goes after the declarations and
/// `body` at the end of stage 1 (before its outcomes).
fn policy(extra: &str, body: &str) -> String {
    format!(
        "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
         actor practitioner \"Worker\"\nactor line_manager \"Manager\"\n\
         actor third_party \"A third party\"\nactor senior_manager \"Senior\"\n\
         record case_record \"Records\"\n{extra}\
         stage 1 \"One\" {{\n  led by line_manager with equivalent line_manager\n{body}  \
         resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}}\n\
         stage 2 \"Two\" {{\n  led by senior_manager\n  record \"it\" in case_record\n  \
         share outcome with practitioner\n  resolved: end \"Decided\"\n}}\n"
    )
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

/// The codes of the warnings `check` reports, in order.
fn warnings(text: &str) -> Vec<Code> {
    check(text).diagnostics.iter().map(|d| d.code).collect()
}

fn json(text: &str) -> serde_json::Value {
    let policy = clean(text);
    serde_json::from_str(&ladder::emit::json::to_string(&policy, text)).unwrap()
}

fn diff(old: &str, new: &str) -> Vec<String> {
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

    let dot = ladder::emit::dot::to_string(&policy);
    assert!(dot.contains("should consult third party"), "{dot}");
    assert!(dot.contains("may notify senior manager"), "{dot}");
    let mermaid = ladder::emit::mermaid::to_string(&policy);
    assert!(mermaid.contains("may notify senior manager"), "{mermaid}");
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
