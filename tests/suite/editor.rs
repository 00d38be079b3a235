//! The browser editor, built by `cargo xtask editor` and used for real:
//! the WebAssembly build run by Node on every shipped policy and UI
//! fixture gives the command line's bytes, and in headless Chromium a
//! manager types a policy with a mistake, sees it, puts it right, sees the
//! chart gain the stage, reads a deadline across Christmas 2026 and finds
//! the draft kept after a reload; axe-core finds nothing to report.
//!
//! The tools come from `.ci/setup-editor.sh`. Without them the tests fail
//! under CI and are skipped with a note elsewhere.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::support::root;

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// What is missing to build and test the editor, if anything.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !runs("wasm-bindgen", "--version") {
        missing.push("wasm-bindgen-cli".to_owned());
    }
    if !runs("node", "--version") {
        missing.push("node".to_owned());
    }
    if !PathBuf::from("/usr/bin/chromium").exists() {
        missing.push("/usr/bin/chromium".to_owned());
    }
    if !root()
        .join("xtask/editor/node_modules/.package-lock.json")
        .exists()
    {
        missing.push("the npm packages of xtask/editor".to_owned());
    }
    missing
}

/// Builds the editor once for all the tests of this file (a no-op after
/// `.ci/setup-editor.sh` built it from the same sources); `None` when the
/// tools are missing outside CI.
fn built() -> Option<PathBuf> {
    static BUILT: OnceLock<Option<PathBuf>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let missing = missing();
            if !missing.is_empty() {
                let message = format!(
                    "the editor tests need {}: run `bash .ci/setup-editor.sh`",
                    missing.join(", ")
                );
                assert!(std::env::var_os("CI").is_none(), "{message}");
                eprintln!("skipped: {message}");
                return None;
            }
            let out = target().join("editor");
            let status = Command::new(env!("CARGO"))
                .current_dir(root())
                .args(["xtask", "editor", "--out"])
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success(), "`cargo xtask editor` failed");
            Some(out)
        })
        .clone()
}

/// Runs one of the editor's Node scripts and fails with its output.
fn node(script: &str, args: &[PathBuf]) {
    let output = Command::new("node")
        .current_dir(root().join("xtask/editor"))
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The timings are for the report: show them with --nocapture.
    println!("{stdout}");
    assert!(
        output.status.success(),
        "node {script} failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn the_webassembly_build_gives_the_command_lines_bytes() {
    let Some(_) = built() else { return };
    node(
        "test/compare.mjs",
        &[
            target().join("editor-gen"),
            PathBuf::from(env!("CARGO_BIN_EXE_ladder")),
            root(),
        ],
    );
}

#[test]
fn a_manager_writes_checks_and_dates_a_policy_in_the_browser() {
    let Some(editor) = built() else { return };
    node(
        "test/browser.mjs",
        &[editor, target().join("editor-screenshots")],
    );
}
