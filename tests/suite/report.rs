//! Diagnostics for machines: `check --format json` against the committed
//! schema `docs/diagnostics.schema.json`, `--format sarif` against the
//! official SARIF 2.1.0 schema, and GitHub's escaping of workflow commands.

use ladder::code::Code;
use ladder::diagnostic::Diagnostic;
use ladder::report::{FileReport, github, json, sarif};
use ladder::span::Span;
use serde_json::Value;

use crate::support::{check, ladder_files, relative, root};

/// Every policy and every fixture: a run with every kind of diagnostic.
fn run_over_everything() -> Vec<(String, String, Vec<Diagnostic>)> {
    let mut files = ladder_files("policies");
    files.extend(ladder_files("tests/ui"));
    files.push(root().join("tests/cmd/broken.ladder"));
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let diagnostics = check(&text).diagnostics;
            (relative(path), text, diagnostics)
        })
        .collect()
}

fn reports(run: &[(String, String, Vec<Diagnostic>)]) -> Vec<FileReport<'_>> {
    run.iter()
        .map(|(path, source, diagnostics)| FileReport {
            path,
            source,
            diagnostics,
            accepted: &[],
        })
        .collect()
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .take(10)
        .collect()
}

#[test]
fn json_diagnostics_match_the_committed_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/diagnostics.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let run = run_over_everything();
    let value: Value = serde_json::from_str(&json::document(&reports(&run))).unwrap();
    assert_eq!(errors(&validator, &value), Vec::<String>::new());
    assert!(value["diagnostics"].as_array().unwrap().len() > 50);
    // The empty run is a valid document too.
    let empty: Value = serde_json::from_str(&json::document(&[])).unwrap();
    assert_eq!(errors(&validator, &empty), Vec::<String>::new());
}

#[test]
fn json_positions_are_lines_columns_and_byte_offsets() {
    let text = "policy \"P\"\n“smart” quotes\n";
    let d = Diagnostic::new(Code::PastedCharacter, Span::new(11, 14), "a smart quote")
        .with_label(Span::new(0, 6), "here");
    let report = FileReport {
        path: "a b.ladder",
        source: text,
        diagnostics: std::slice::from_ref(&d),
        accepted: &[],
    };
    let value: Value = serde_json::from_str(&json::document(&[report])).unwrap();
    let item = &value["diagnostics"][0];
    assert_eq!(item["line"], 2);
    assert_eq!(item["column"], 1);
    assert_eq!(item["end_line"], 2);
    // Columns count characters: the three bytes of `“` are one column.
    assert_eq!(item["end_column"], 2);
    assert_eq!(item["start_byte"], 11);
    assert_eq!(item["end_byte"], 14);
    assert_eq!(item["labels"][0]["column"], 1);
    assert_eq!(item["labels"][0]["end_column"], 7);
    assert_eq!(item["docs"], "docs/diagnostics.md#l002-pasted-character");
    assert_eq!(value["summary"]["errors"], 1);
}

#[test]
fn sarif_matches_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let run = run_over_everything();
    let help = |code: Code| ladder::cli::explain_section(code).map(str::to_owned);
    let value: Value = serde_json::from_str(&sarif::document(&reports(&run), &help)).unwrap();
    assert_eq!(errors(&validator, &value), Vec::<String>::new());
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Code::ALL.len(), "every code is a rule");
    for rule in rules {
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
        assert!(
            rule["properties"]["documentation"]
                .as_str()
                .unwrap()
                .starts_with("docs/diagnostics.md#l")
        );
    }
    // Each result points at its rule.
    for result in run["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_paths_are_uri_references() {
    let d = Diagnostic::new(Code::NoReviewDate, Span::new(0, 1), "no review date");
    let report = FileReport {
        path: "policies/new policy%.ladder",
        source: "p\n",
        diagnostics: std::slice::from_ref(&d),
        accepted: &[],
    };
    let value: Value = serde_json::from_str(&sarif::document(&[report], &|_| None)).unwrap();
    let location = &value["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "policies/new%20policy%25.ladder"
    );
    assert_eq!(value["runs"][0]["results"][0]["level"], "warning");
}

#[test]
fn github_commands_escape_what_github_requires() {
    assert_eq!(github::data("50% done\r\nnext"), "50%25 done%0D%0Anext");
    assert_eq!(github::property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    let d = Diagnostic::new(
        Code::UnknownName,
        Span::new(8, 11),
        "there is no actor called `x, y: z`",
    )
    .with_help("Define it: 100% sure.");
    let report = FileReport {
        path: "dir,1/a:b.ladder",
        source: "line 1\nline two\n",
        diagnostics: std::slice::from_ref(&d),
        accepted: &[],
    };
    assert_eq!(
        github::commands(&[report]),
        "::error file=dir%2C1/a%3Ab.ladder,line=2,col=2,endLine=2,endColumn=5,title=L020 unknown-name::there is no actor called `x, y: z`%0A%0Ahelp: Define it: 100%25 sure.\n"
    );
}

#[test]
fn every_diagnostic_becomes_one_github_command() {
    let run = run_over_everything();
    let out = github::commands(&reports(&run));
    let total: usize = run.iter().map(|(_, _, d)| d.len()).sum();
    assert_eq!(out.lines().count(), total);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
}
