//! `ladder build`: the site (an index, a page per policy) and every output
//! for a folder of policies, what `check` would say first, `--deny`,
//! atomic writes, nothing from a policy with errors, safe links for odd file
//! names, byte-identical reruns, and a site without Graphviz.

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
        for ext in ["dot", "html", "json", "mmd", "pdf", "svg"] {
            expected.push(format!("{name}.{ext}"));
        }
    }
    expected.sort();
    assert_eq!(listing(&out), expected);
    // What `check` says comes first, then what was written.
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("L060"), "{stdout}");
    assert!(
        stdout.contains("checked 5 policies: 0 errors, 37 warnings\nbuilt 5 of 5 policies into"),
        "{stdout}"
    );
    // The index lists every policy, linking to its page, and holds no chart.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(index.contains("<a href=\"./halton.html\">"));
    assert!(index.contains("Halton Safeguarding Adults Board (HSAB)"));
    assert!(
        index.contains("Overdue"),
        "Cheshire East's review date has passed"
    );
    assert!(!index.contains("<svg"));
    // Each policy's page has its chart inlined, and no script.
    let harrow = std::fs::read_to_string(out.join("harrow.html")).unwrap();
    assert!(harrow.contains("<main id=\"main\">"));
    assert!(harrow.contains("role=\"img\" aria-labelledby=\"chart-title\""));
    assert!(!harrow.contains("<?xml"));
    assert!(!harrow.contains("<script"));
    // Contacts are links of the right kind; a fax number is no link.
    let halton = std::fs::read_to_string(out.join("halton.html")).unwrap();
    assert!(
        halton.contains(
            "<dd><a href=\"mailto:HSAB@halton.gov.uk\">HSAB@halton.gov.uk</a> (submitting"
        )
    );
    assert!(harrow.contains("<a href=\"tel:02089012680\">020&#160;8901&#160;2680</a>"));
    assert!(harrow.contains("<dd>020 8416 8269 (faxing Harrow Council&#39;s"));
    assert!(harrow.contains(
        "<a href=\"https://www.harrow.gov.uk/safeguardingadults\">www.harrow.gov.uk/safeguardingadults</a>"
    ));
    // The source document links to where it was published.
    assert!(
        harrow.contains(
            "<dt>Source document</dt><dd><a href=\"http://www.harrow.gov.uk/info/200184/"
        )
    );
    // Every stage has its anchor, and the PDF is among the downloads.
    assert!(harrow.contains("<li id=\"stage-3\">\n<h4>Stage 3: HSAB lead to HSAB lead</h4>"));
    assert!(harrow.contains("<li id=\"threshold-step-2\">"));
    assert!(harrow.contains("<a href=\"./harrow.pdf\">"));
    assert!(
        std::fs::read(out.join("harrow.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn a_file_name_that_looks_like_a_scheme_gets_a_safe_relative_link() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(
        root().join("policies/halton.ladder"),
        src.join("web:pct.ladder"),
    )
    .unwrap();
    let out = dir.path().join("out");
    assert_eq!(build(&[&src], &out).status.code(), Some(0));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"./web%3Apct.html\">"), "{index}");
    assert!(!index.contains("href=\"web:"));
    let page = std::fs::read_to_string(out.join("web:pct.html")).unwrap();
    assert!(page.contains("<a href=\"./web%3Apct.json\">"));
}

#[test]
fn deny_warnings_builds_nothing_from_a_policy_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--deny",
            "warnings",
            "--out",
        ])
        .arg(dir.path())
        .arg(root().join("policies/halton.ladder"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("L062"), "{stdout}");
    assert!(
        stdout.contains("has errors, so nothing was built from it"),
        "{stdout}"
    );
    assert_eq!(listing(dir.path()), ["index.html"]);
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
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("harrow.ladder"), "{stdout}");
    assert_eq!(
        listing(&out),
        [
            "halton.dot",
            "halton.html",
            "halton.json",
            "halton.mmd",
            "halton.pdf",
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
fn without_graphviz_the_site_shows_the_procedure_in_words() {
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
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("Graphviz is not installed"), "{stderr}");
    for how in [
        "apt-get install graphviz",
        "brew install graphviz",
        "winget install graphviz",
    ] {
        assert!(stderr.contains(how), "{stderr}");
    }
    assert_eq!(
        listing(dir.path()),
        [
            "halton.dot",
            "halton.html",
            "halton.json",
            "halton.mmd",
            "index.html"
        ]
    );
    // The public page has the procedure in words and nothing about Graphviz.
    let page = std::fs::read_to_string(dir.path().join("halton.html")).unwrap();
    assert!(!page.contains("installed"));
    assert!(!page.contains("<svg"));
    assert!(page.contains("<h2 id=\"procedure\">The procedure in words</h2>"));
    assert!(!page.contains("halton.pdf"));
}
