//! GitHub workflows that work as shipped: actionlint (with shellcheck for
//! the `run:` scripts) finds nothing in the example workflow of
//! `docs/examples/` or in any workflow under `.github/workflows/`, and
//! docs/ci.md shows the example as it is.

use std::path::PathBuf;
use std::process::Command;

use crate::support::root;

/// actionlint from `.ci/setup-ci.sh` (under target/), or on PATH.
fn actionlint() -> Option<PathBuf> {
    for local in [
        "target/ci-venv/bin/actionlint",
        "target/ci-pip/bin/actionlint",
    ] {
        let local = root().join(local);
        if local.is_file() {
            return Some(local);
        }
    }
    if Command::new("actionlint").arg("-version").output().is_ok() {
        return Some(PathBuf::from("actionlint"));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "actionlint is not installed; run `bash .ci/setup-ci.sh`"
    );
    eprintln!("note: skipping the actionlint check: run `bash .ci/setup-ci.sh` to install it");
    None
}

fn workflows() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in ["docs/examples", ".github/workflows"] {
        let Ok(entries) = std::fs::read_dir(root().join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn actionlint_and_shellcheck_find_nothing_in_any_workflow() {
    let Some(actionlint) = actionlint() else {
        return;
    };
    // Without shellcheck, actionlint skips the scripts silently.
    let shellcheck = Command::new("shellcheck").arg("--version").output().is_ok();
    assert!(
        shellcheck || std::env::var_os("CI").is_none(),
        "shellcheck is not installed; run `bash .ci/setup-ci.sh`"
    );
    let files = workflows();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("docs/examples/ladder-ci.yml"))
    );
    for file in &files {
        let out = Command::new(&actionlint).arg(file).output().unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && said.trim().is_empty(),
            "{}:\n{said}",
            file.display()
        );
    }
    // It does look: a deprecated action and an unquoted variable are found.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n      - run: echo $FOO\n",
    )
    .unwrap();
    let out = Command::new(&actionlint).arg(&bad).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(said.contains("\"actions/checkout@v2\""), "{said}");
    if shellcheck {
        assert!(said.contains("SC2086"), "{said}");
    }
}

#[test]
fn the_example_workflow_keeps_to_what_docs_ci_promises() {
    let workflow = std::fs::read_to_string(root().join("docs/examples/ladder-ci.yml")).unwrap();
    let docs = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(
        docs.contains(&format!("```yaml\n{workflow}```")),
        "docs/ci.md does not show docs/examples/ladder-ci.yml as it is"
    );
    for promise in [
        "actions/checkout@v6",
        "github/codeql-action/upload-sarif@v4",
        "actions/cache@v6",
        "security-events: write",
        "actions: read",
        "contents: read",
        "fetch-depth: 0",
        "GITHUB_STEP_SUMMARY",
        "cancel-in-progress: true",
        "branches: [main]",
    ] {
        assert!(workflow.contains(promise), "the workflow lost `{promise}`");
    }
    // One run per change: `push` only for main, so a pull request's branch
    // is not checked twice.
    assert!(!workflow.contains("on:\n  push:\n  pull_request:"));
}
