//! SARIF that every consumer accepts: relative URIs with `%SRCROOT%`,
//! absolute paths as `file://` URIs, the tool's address, each rule's
//! `helpUri`, fingerprints that survive edits elsewhere in the file, and
//! suppressions for accepted findings; checked with the official schema and
//! with Microsoft's SARIF multitool, which must report no error or warning.

use std::path::{Path, PathBuf};

use ladder::report::sarif::FINGERPRINT;
use serde_json::Value;

use crate::support::root;

fn ladder_sarif(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif", "--today", "2026-12-04"];
    all.extend_from_slice(args);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(&all)
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn uri_of(result: &Value) -> &Value {
    &result["locations"][0]["physicalLocation"]["artifactLocation"]
}

#[test]
fn relative_paths_use_srcroot_and_absolute_paths_are_file_uris() {
    let absolute = root().join("policies/halton.ladder");
    let log = ladder_sarif(
        &root(),
        &["policies/harrow.ladder", absolute.to_str().unwrap()],
    );
    let run = &log["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let harrow = results(&log)
        .iter()
        .find(|r| uri_of(r)["uri"] == "policies/harrow.ladder")
        .unwrap();
    assert_eq!(uri_of(harrow)["uriBaseId"], "%SRCROOT%");
    let halton = results(&log)
        .iter()
        .find(|r| {
            uri_of(r)["uri"]
                .as_str()
                .unwrap()
                .ends_with("halton.ladder")
                && r != &harrow
        })
        .unwrap();
    assert_eq!(
        uri_of(halton)["uri"],
        format!("file://{}", absolute.display())
    );
    assert!(uri_of(halton).get("uriBaseId").is_none());
    let driver = &run["tool"]["driver"];
    assert_eq!(
        driver["informationUri"],
        "https://github.com/ladder-lang/ladder"
    );
    for rule in driver["rules"].as_array().unwrap() {
        let help = rule["helpUri"].as_str().unwrap();
        let slug = rule["properties"]["slug"].as_str().unwrap();
        assert!(
            help.starts_with(
                "https://github.com/ladder-lang/ladder/blob/main/docs/diagnostics.md#l"
            ),
            "{help}"
        );
        assert!(help.ends_with(&format!("-{slug}")), "{help}");
    }
}

#[test]
fn a_path_above_the_folder_ladder_runs_in_is_a_file_uri() {
    let log = ladder_sarif(&root().join("docs"), &["../policies/harrow.ladder"]);
    let uri = uri_of(&results(&log)[0])["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        uri,
        format!("file://{}/policies/harrow.ladder", root().display())
    );
}

/// The fingerprints of a log, by code, in order.
fn fingerprints(log: &Value) -> Vec<(String, String)> {
    results(log)
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                r["partialFingerprints"][FINGERPRINT]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_edits_elsewhere_in_the_file_and_tell_findings_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("policies/harrow.ladder")).unwrap();
    std::fs::write(dir.path().join("p.ladder"), &text).unwrap();
    let before_log = ladder_sarif(dir.path(), &["p.ladder"]);
    let before = fingerprints(&before_log);
    // Lines added at the top and a stage's lines re-indented move every
    // finding but change none.
    let edited = format!(
        "// A comment added at the top\n\n\n{}",
        text.replace("\n  led by", "\n      led by")
    );
    std::fs::write(dir.path().join("p.ladder"), &edited).unwrap();
    let after_log = ladder_sarif(dir.path(), &["p.ladder"]);
    let line = |log: &Value| {
        results(log)[0]["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64()
    };
    assert_eq!(
        line(&after_log).unwrap(),
        line(&before_log).unwrap() + 3,
        "the findings moved"
    );
    let after = fingerprints(&after_log);
    assert_eq!(before, after);
    // Each finding has its own: two of one code on one line differ by their
    // occurrence.
    let mut unique = after.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), after.len(), "{after:?}");
}

#[test]
fn accepted_findings_are_suppressed_in_the_source_with_their_reason() {
    let log = ladder_sarif(&root(), &["policies/hillingdon.ladder"]);
    let suppressed: Vec<&Value> = results(&log)
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 4);
    for result in suppressed {
        assert_eq!(result["ruleId"], "L044");
        let suppression = &result["suppressions"][0];
        assert_eq!(suppression["kind"], "inSource");
        assert!(
            suppression["justification"]
                .as_str()
                .unwrap()
                .contains("shortest possible timescale")
        );
    }
}

#[test]
fn the_log_matches_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let absolute = root().join("tests/cmd/accepted.ladder");
    let log = ladder_sarif(
        &root(),
        &["policies", "tests/ui", absolute.to_str().unwrap()],
    );
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
}

fn multitool() -> Option<PathBuf> {
    let path = root()
        .join("tests/clients/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Microsoft's SARIF multitool is not installed; run `bash .ci/setup-ci.sh` (it runs `npm ci` in tests/clients/sarif)"
    );
    eprintln!("note: skipping the SARIF multitool check: run `bash .ci/setup-ci.sh` to install it");
    None
}

#[test]
fn microsofts_sarif_multitool_finds_no_error_or_warning() {
    let Some(tool) = multitool() else { return };
    let dir = tempfile::tempdir().unwrap();
    let absolute = root().join("tests/cmd/accepted.ladder");
    let log = ladder_sarif(
        &root(),
        &["policies", "tests/ui", absolute.to_str().unwrap()],
    );
    let input = dir.path().join("ladder.sarif");
    std::fs::write(&input, serde_json::to_string_pretty(&log).unwrap()).unwrap();
    let output = dir.path().join("validation.sarif");
    let run = std::process::Command::new(&tool)
        .arg("validate")
        .args(["--level", "Error;Warning"])
        .args(["--log", "ForceOverwrite"])
        .arg("--output")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(output.is_file(), "the multitool wrote no report: {said}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let found: Vec<String> = report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            matches!(
                r["level"].as_str().unwrap_or("warning"),
                "error" | "warning"
            )
        })
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect();
    assert_eq!(found, Vec::<String>::new(), "{said}");
    // It did look: a log with an absolute path given as a relative reference
    // is an error to it.
    let bad = dir.path().join("bad.sarif");
    std::fs::write(
        &bad,
        r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","informationUri":"https://example.org"}},"results":[{"ruleId":"X1","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"/abs/path","uriBaseId":"%SRCROOT%"}}}]}]}]}"#,
    )
    .unwrap();
    std::process::Command::new(&tool)
        .arg("validate")
        .args([
            "--level",
            "Error;Warning",
            "--log",
            "ForceOverwrite",
            "--output",
        ])
        .arg(&output)
        .arg(&bad)
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&output).unwrap();
    assert!(report.contains("SARIF1004"), "{report}");
}
