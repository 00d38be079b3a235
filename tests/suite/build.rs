//! `ladder build`: every output for a folder of policies, an index page,
//! atomic writes, nothing from a policy with errors, byte-identical reruns.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::root;

fn build(paths: &[&Path], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["build", "--today", "2026-11-22", "--out"])
        .arg(out)
        .args(paths)
        .output()
        .unwrap()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The marker by which build knows its own folder (`tests/suite/files.rs`).
        .filter(|name| name != ".ladder-build")
        .collect();
    names.sort();
    names
}

#[test]
fn builds_every_output_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = build(&[&root().join("policies")], &out);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut expected = vec!["index.html".to_owned()];
    for name in [
        "cheshire-east",
        "halton",
        "harrow",
        "hillingdon",
        "somerset",
    ] {
        for ext in ["dot", "json", "mmd", "svg"] {
            expected.push(format!("{name}.{ext}"));
        }
    }
    expected.sort();
    assert_eq!(listing(&out), expected);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.starts_with("<!DOCTYPE html>"));
    assert!(index.contains("Halton Safeguarding Adults Board (HSAB)"));
    assert!(
        index.contains("Overdue"),
        "Cheshire East's review date has passed"
    );
    assert!(index.contains("<svg"));
    assert!(!index.contains("<?xml"));
    assert!(!index.contains("<script"));
    // Contacts are links of the right kind.
    assert!(
        index.contains(
            "<dd><a href=\"mailto:HSAB@halton.gov.uk\">HSAB@halton.gov.uk</a> (submitting"
        )
    );
    assert!(index.contains("<a href=\"tel:02089012680\">020 8901 2680</a>"));
    assert!(index.contains(
        "<a href=\"https://www.harrow.gov.uk/safeguardingadults\">www.harrow.gov.uk/safeguardingadults</a>"
    ));
}

#[test]
fn reruns_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(
        build(&[&root().join("policies")], &a).status.code(),
        Some(0)
    );
    assert_eq!(
        build(&[&root().join("policies")], &b).status.code(),
        Some(0)
    );
    for name in listing(&a) {
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_policy_with_errors_produces_nothing_and_its_old_outputs_go() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(
        root().join("policies/halton.ladder"),
        src.join("halton.ladder"),
    )
    .unwrap();
    std::fs::copy(
        root().join("policies/harrow.ladder"),
        src.join("harrow.ladder"),
    )
    .unwrap();
    assert_eq!(build(&[&src], &out).status.code(), Some(0));
    assert!(out.join("harrow.json").exists());

    // Break Harrow: an unknown actor.
    let text = std::fs::read_to_string(src.join("harrow.ladder")).unwrap();
    std::fs::write(
        src.join("harrow.ladder"),
        text.replace("led by line_manager with", "led by lin_manager with"),
    )
    .unwrap();
    let run = build(&[&src], &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("harrow.ladder"), "{stderr}");
    assert_eq!(
        listing(&out),
        [
            "halton.dot",
            "halton.json",
            "halton.mmd",
            "halton.svg",
            "index.html"
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Halton"));
    assert!(!index.contains("Harrow"));
}

#[test]
fn an_unwritable_output_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let run = build(&[&root().join("policies/halton.ladder")], &file);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot create the output folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn without_graphviz_everything_but_the_svg_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .env("PATH", empty.path())
        .args(["build", "--today", "2026-11-22", "--out"])
        .arg(dir.path())
        .arg(root().join("policies/halton.ladder"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stderr).contains("apt-get install graphviz"));
    assert_eq!(
        listing(dir.path()),
        ["halton.dot", "halton.json", "halton.mmd", "index.html"]
    );
}
