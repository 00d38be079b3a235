//! BPMN 2.0 (`ladder bpmn`) as real clients read it: bpmn-moddle reads
//! every policy's process without a warning, bpmnlint's recommended rules
//! pass, and Camunda's compatibility rules find no error in the FEEL files
//! (for Camunda 8) and the JUEL files (for Camunda 7). `bpmn_runs.rs` runs the processes in `SpiffWorkflow`.
//!
//! The clients are installed by `.ci/setup-bpmn.sh`. Without them these
//! tests fail under CI and are skipped (with a note) elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use ladder::emit::bpmn::{Expressions, to_string};
use ladder::model::Policy;

use crate::support::{check, ladder_files, root};

/// The clients' folders, or `None` (after a note) when they are missing
/// outside CI.
pub fn clients() -> Option<(PathBuf, PathBuf)> {
    let node_dir = root().join("tests/clients/bpmn");
    let python = root().join("target/bpmn-venv/bin/python");
    let have_node = ["bpmnlint", "bpmn-moddle", "bpmnlint-plugin-camunda-compat"]
        .iter()
        .all(|p| node_dir.join("node_modules").join(p).is_dir());
    if have_node && python.is_file() {
        return Some((node_dir, python));
    }
    let message = "the BPMN clients (bpmn-moddle, bpmnlint, SpiffWorkflow) are not installed: run `bash .ci/setup-bpmn.sh`";
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("note: skipped: {message}");
    None
}

pub fn policy(path: &Path) -> Policy {
    let text = std::fs::read_to_string(path).unwrap();
    check(&text)
        .clean_policy()
        .unwrap_or_else(|| panic!("{} has errors", path.display()))
        .clone()
}

/// The shipped policies, the feature policies, and the BPMN tests' own
/// (windows that BPMN durations count).
fn all_policies() -> Vec<PathBuf> {
    let mut files = ladder_files("policies");
    files.extend(ladder_files("tests/policies"));
    files.extend(ladder_files("tests/clients/bpmn"));
    files
}

#[test]
fn every_policy_is_read_by_bpmn_moddle_passes_bpmnlint_and_suits_camunda() {
    let Some((node_dir, _)) = clients() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for path in all_policies() {
        let policy = policy(&path);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (lang, word) in [
            (Expressions::Feel, "feel"),
            (Expressions::Juel, "juel"),
            (Expressions::Python, "python"),
        ] {
            let file = dir.path().join(format!("{stem}.{word}.bpmn"));
            std::fs::write(&file, to_string(&policy, lang)).unwrap();
            files.push(file);
        }
    }
    let out = Command::new("node")
        .arg(node_dir.join("check.js"))
        .arg(root().join("tests/clients/bpmn/.bpmnlintrc"))
        .args(&files)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "bpmn-moddle or bpmnlint found problems:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{} files, 0 problems", files.len())),
        "{stdout}"
    );

    // The FEEL files against Camunda's own rules for Camunda 8 (which
    // also parse every FEEL expression), the JUEL files for Camunda 7.
    for (platform, version, suffix) in [
        ("cloud", "8-6", ".feel.bpmn"),
        ("platform", "7-22", ".juel.bpmn"),
    ] {
        let chosen: Vec<&PathBuf> = files
            .iter()
            .filter(|f| f.to_string_lossy().ends_with(suffix))
            .collect();
        let out = Command::new("node")
            .arg(node_dir.join("camunda.js"))
            .args([platform, version])
            .args(&chosen)
            .output()
            .expect("node runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "Camunda {version} would not take the {suffix} files:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(&format!("{} files, 0 problems", chosen.len())),
            "{stdout}"
        );
    }
}

#[test]
fn the_command_writes_the_same_process_as_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("halton.bpmn");
    let path = root().join("policies/halton.ladder");
    let status = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["bpmn", "--today", "2026-11-22", "-o"])
        .arg(&out)
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, to_string(&policy(&path), Expressions::Feel));
    assert!(written.contains(
        "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">=stage_2_conclude_by</bpmn:timeDate>"
    ));
}

/// A policy with errors gives no BPMN: the errors are shown, nothing is
/// written, and the exit status is 1.
#[test]
fn a_policy_with_errors_gives_no_bpmn() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("broken.ladder");
    let text = std::fs::read_to_string(root().join("policies/halton.ladder")).unwrap();
    std::fs::write(
        &source,
        text.replace("led by line_manager with", "led by lin_manager with"),
    )
    .unwrap();
    let out = dir.path().join("broken.bpmn");
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["bpmn", "--today", "2026-11-22", "-o"])
        .arg(&out)
        .arg(&source)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("there is no actor called `lin_manager`"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Working-day limits are never written as a calendar duration: they are
/// dates ladder computes.
#[test]
fn working_day_limits_are_dates_from_variables_never_durations() {
    let xml = to_string(
        &policy(&root().join("tests/policies/chained-working-days.ladder")),
        Expressions::Juel,
    );
    assert!(xml.contains(
        "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${stage_1_conclude_by}</bpmn:timeDate>"
    ));
    assert!(
        !xml.contains("P2D"),
        "2 working days written as 2 calendar days"
    );
    assert!(!xml.contains("<bpmn:timeDuration"));
}

/// The whole file for a policy with a sub-procedure, an exception inside
/// it and a route out of it, so that a change to the output is reviewed.
#[test]
fn the_bpmn_of_a_policy_with_a_sub_procedure() {
    let xml = to_string(
        &policy(&root().join("tests/policies/sub-procedures.ladder")),
        Expressions::Feel,
    );
    insta::assert_snapshot!("bpmn_sub_procedures", xml);
}
