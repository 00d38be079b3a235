//! Findings a board accepts (`accept L044 "..."`): matched in the block they
//! are written in, kept with their reason, never failing `--deny`, stale
//! ones reported, errors refused, and shown by `diff`.

use ladder::code::Code;
use ladder::diff::diff;
use ladder::report::{FileReport, json, sarif};
use serde_json::Value;

use crate::support::{check, root};

const HEAD: &str = "policy \"P\"\nboard \"Example Safeguarding Adults Board\" (ESAB)\n\
concern raised by worker\nadopted April 2026\ndays are calendar days\n\
day 1 is the day the concern arose\nactor worker \"Worker\"\nactor chair \"Chair\"\n\
record case_record \"Case record\"\n\
every stage {\n  record \"the outcome\" in case_record\n  share outcome with worker\n}\n\
stage 1 \"First\" {\n  conclude by day 5\n  led by worker\n  resolved: end \"Resolved\"\n  unresolved: escalate to stage 2\n}\n";

fn policy(stage_two: &str, top: &str) -> String {
    format!(
        "{HEAD}stage 2 \"Board\" {{\n  led by chair\n{stage_two}  resolved: end \"Decided\"\n}}\n{top}"
    )
}

fn codes(list: &[ladder::diagnostic::Diagnostic]) -> Vec<&'static str> {
    list.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn an_acceptance_in_the_stage_takes_its_finding_out_of_the_diagnostics_with_its_reason() {
    let before = check(&policy("", ""));
    assert!(codes(&before.diagnostics).contains(&"L044"));
    let text = policy("  accept L044 \"the source gives no timescale\"\n", "");
    let checked = check(&text);
    assert!(
        !codes(&checked.diagnostics).contains(&"L044"),
        "{:?}",
        codes(&checked.diagnostics)
    );
    assert_eq!(checked.accepted.len(), 1);
    assert_eq!(checked.accepted[0].diagnostic.code, Code::UntimedStage);
    assert_eq!(checked.accepted[0].reason, "the source gives no timescale");
    assert!(text[checked.accepted[0].at.start..].starts_with("accept L044"));
    // The code's name works as well as the code.
    let by_name = check(&policy("  accept untimed-stage \"no timescale\"\n", ""));
    assert_eq!(by_name.accepted.len(), 1);
    assert!(by_name.clean_policy().is_some());
}

#[test]
fn a_top_level_acceptance_covers_only_findings_outside_every_block() {
    // No review date is about the whole policy: accepted at the top level.
    let text = policy(
        "",
        "accept L062 \"the board reviews it when the law changes\"\n",
    );
    let checked = check(&text);
    assert!(!codes(&checked.diagnostics).contains(&"L062"));
    assert_eq!(
        codes(
            &checked
                .accepted
                .iter()
                .map(|a| a.diagnostic.clone())
                .collect::<Vec<_>>()
        ),
        ["L062"]
    );
    // A stage's finding is not accepted from the top level: the line is stale.
    let text = policy("", "accept L044 \"no timescales anywhere\"\n");
    let checked = check(&text);
    let found = codes(&checked.diagnostics);
    assert!(
        found.contains(&"L044") && found.contains(&"L070"),
        "{found:?}"
    );
    assert!(checked.accepted.is_empty());
}

#[test]
fn an_acceptance_that_matches_nothing_is_a_stale_warning_and_a_second_one_for_the_same_finding_too()
{
    let text = policy(
        "  accept L044 \"no timescale\"\n  accept L044 \"said twice\"\n  accept L050 \"nothing to record\"\n",
        "",
    );
    let checked = check(&text);
    let stale: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::StaleAcceptance)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(stale.iter().any(|m| m.contains("`accept L050` in stage 2")));
    assert_eq!(checked.accepted.len(), 1);
}

#[test]
fn errors_unknown_codes_and_missing_reasons_cannot_be_accepted() {
    for (line, says) in [
        ("accept L020 \"x\"", "errors cannot be accepted"),
        ("accept L999 \"x\"", "is not a diagnostic code"),
        ("accept L044", "gives no reason"),
        ("accept L044 \"   \"", "gives no reason"),
        ("accept L070 \"x\"", "cannot itself be accepted"),
    ] {
        let checked = check(&policy(&format!("  {line}\n"), ""));
        let invalid: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::InvalidAcceptance)
            .collect();
        assert_eq!(
            invalid.len(),
            1,
            "{line}: {:?}",
            codes(&checked.diagnostics)
        );
        assert!(
            invalid[0].message.contains(says),
            "{line}: {}",
            invalid[0].message
        );
        assert!(invalid[0].help.is_some());
        assert!(checked.clean_policy().is_none(), "{line} is an error");
        // It accepts nothing.
        assert!(checked.accepted.is_empty());
    }
}

#[test]
fn accepted_findings_are_kept_in_json_and_in_sarif_as_suppressions() {
    let text = policy("  accept L044 \"the source gives no timescale\"\n", "");
    let checked = check(&text);
    let report = FileReport {
        path: "p.ladder",
        source: &text,
        diagnostics: &checked.diagnostics,
        accepted: &checked.accepted,
    };
    let document: Value = serde_json::from_str(&json::document(&[report])).unwrap();
    assert_eq!(document["summary"]["accepted"], 1);
    let accepted = &document["accepted"][0];
    assert_eq!(accepted["reason"], "the source gives no timescale");
    assert_eq!(accepted["diagnostic"]["code"], "L044");
    assert_eq!(
        accepted["line"],
        text[..checked.accepted[0].at.start].matches('\n').count() + 1
    );
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/diagnostics.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(
        jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&document)
    );

    let log: Value = serde_json::from_str(&sarif::document(&[report], &|_| None)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["ruleId"], "L044");
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "the source gives no timescale"
    );
}

#[test]
fn diff_reports_an_acceptance_added_removed_or_given_another_reason() {
    let model = |stage_two: &str| check(&policy(stage_two, "")).policy.unwrap();
    let none = model("");
    let one = model("  accept L044 \"the source gives no timescale\"\n");
    let other = model("  accept L044 \"agreed with the board on 2026-11-03\"\n");
    let added = diff(&none, &one);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(
        added[0].text,
        "The board now accepts L044 (a stage with no timescale) in stage 2: \"the source gives no timescale\"."
    );
    let removed = diff(&one, &none);
    assert!(
        removed[0]
            .text
            .starts_with("The board no longer accepts L044"),
        "{removed:?}"
    );
    let changed = diff(&one, &other);
    assert_eq!(
        changed[0].text,
        "The reason for accepting L044 in stage 2 is now \"agreed with the board on 2026-11-03\" (was \"the source gives no timescale\")."
    );
    assert!(diff(&one, &one).is_empty());
}

#[test]
fn fmt_keeps_acceptances_where_they_are_written() {
    let text = policy(
        "accept   L044\n     \"no timescale\"\n",
        "accept L062 \"none\"",
    );
    let formatted = ladder::format::format(&text).unwrap();
    assert!(
        formatted.contains("\n  accept L044 \"no timescale\"\n"),
        "{formatted}"
    );
    assert!(
        formatted.ends_with("}\naccept L062 \"none\"\n")
            || formatted.ends_with("}\n\naccept L062 \"none\"\n"),
        "{formatted}"
    );
    assert_eq!(ladder::format::format(&formatted).unwrap(), formatted);
}

#[test]
fn the_shipped_policies_accept_only_what_their_source_decided() {
    // Hillingdon decides on no timescale per stage ("within the shortest
    // possible timescale"); its four stages accept L044 with that reason.
    let text = std::fs::read_to_string(root().join("policies/hillingdon.ladder")).unwrap();
    let checked = check(&text);
    assert_eq!(checked.accepted.len(), 4);
    assert!(
        checked
            .accepted
            .iter()
            .all(|a| a.diagnostic.code == Code::UntimedStage
                && a.reason.contains("shortest possible timescale"))
    );
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::StaleAcceptance)
    );
}

#[test]
fn checking_the_shipped_policies_says_how_many_findings_are_accepted() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args([
            "check",
            "policies/",
            "--today",
            "2026-12-04",
            "--color",
            "never",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().last().unwrap(),
        "checked 5 policies: 0 errors, 33 warnings, 4 accepted"
    );
    assert_eq!(out.status.code(), Some(0));
}
