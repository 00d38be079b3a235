//! The published site in a real browser: `ladder build` of the five shipped
//! policies, opened in headless Chromium by `tests/clients/site/check-site.mjs`
//! (puppeteer-core, axe-core, html-validate and mermaid from npm, installed by
//! `.ci/setup-site.sh`). It takes screenshots at 1280x800 and 390x844 into
//! `target/site-test/screenshots/` (artefacts for people to look at) and the
//! README's picture of a policy page, and fails on any axe-core violation,
//! any html-validate error, chart text under 12 CSS pixels, a page that
//! scrolls sideways on a phone, a stage missing from the text version or
//! out of order, a link of another scheme, a duplicate id, an SVG that is
//! not XML or a Mermaid chart that Mermaid cannot draw. Graphviz must draw
//! every chart without a warning.

use std::path::Path;
use std::process::Command;

use crate::support::root;

/// Whether the browser, node and the npm packages are installed; on CI
/// they must be, elsewhere the test says what is missing and passes.
fn clients_ready(client: &Path) -> bool {
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node (apt-get install nodejs npm)");
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        missing.push("chromium (apt-get install chromium)");
    }
    if !client.join("node_modules/puppeteer-core").exists() {
        missing.push("the npm packages (npm ci in tests/clients/site)");
    }
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "the browser tests of the site need {}: run `bash .ci/setup-site.sh`",
        missing.join(", ")
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("note: skipped: {message}");
    false
}

#[test]
fn the_site_reads_well_in_a_real_browser() {
    let client = root().join("tests/clients/site");
    if !clients_ready(&client) {
        return;
    }
    let out = root().join("target/site-test");
    let site = out.join("site");
    let _ = std::fs::remove_dir_all(&site);
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--color",
            "never",
            "--out",
        ])
        .arg(&site)
        .arg(root().join("policies"))
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Graphviz draws every chart without a warning.
    for entry in std::fs::read_dir(&site).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "dot") {
            let drawn = Command::new("dot")
                .arg("-Tsvg")
                .arg(&path)
                .output()
                .unwrap();
            assert!(drawn.status.success(), "{}", path.display());
            assert!(
                drawn.stderr.is_empty(),
                "dot warned on {}: {}",
                path.display(),
                String::from_utf8_lossy(&drawn.stderr)
            );
        }
    }
    let checked = Command::new("node")
        .arg(client.join("check-site.mjs"))
        .arg(&site)
        .arg(out.join("screenshots"))
        .arg(root().join("docs/images/policy-page.png"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert!(stdout.contains("checked 6 pages: 0 problems"), "{stdout}");
}
