//! `ladder build`: the site (an index, a page per policy) and every output
//! for a folder of policies, what `check` would say first, `--deny`,
//! atomic writes, nothing from a policy with errors, safe links for odd file
//! names, byte-identical reruns, and a site without Graphviz.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::root;

fn build(paths: &[&Path], out: &Path) -> Output {
    build_with(&[], paths, out)
}

/// `build` with further options, such as `--pdf`.
fn build_with(options: &[&str], paths: &[&Path], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["build", "--today", "2026-11-22", "--out"])
        .arg(out)
        .args(options)
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
    let run = build_with(&["--pdf"], &[&root().join("policies")], &out);
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
        for ext in ["bpmn", "dot", "html", "json", "mmd", "pdf", "svg"] {
            expected.push(format!("{name}.{ext}"));
        }
    }
    expected.sort();
    assert_eq!(listing(&out), expected);
    // What `check` says comes first, then what was written.
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("L060"), "{stdout}");
    assert!(
        stdout.contains(
            "checked 5 policies: 0 errors, 33 warnings, 4 accepted\nbuilt 5 of 5 policies into"
        ),
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
    // Every page says how to print it or save it as a PDF from the browser.
    assert!(harrow.contains("save it as a PDF from your browser's Print menu"));
    // Without --pdf there is no PDF, and none left from before looks current.
    assert_eq!(
        build(&[&root().join("policies")], &out).status.code(),
        Some(0)
    );
    assert!(!out.join("harrow.pdf").exists());
    let harrow = std::fs::read_to_string(out.join("harrow.html")).unwrap();
    assert!(!harrow.contains("harrow.pdf"));
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
        build_with(&["--pdf"], &[&root().join("policies")], &a)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        build_with(&["--pdf"], &[&root().join("policies")], &b)
            .status
            .code(),
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
fn a_policy_with_errors_produces_nothing_and_keeps_its_last_good_page() {
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

    let harrow_page = std::fs::read(out.join("harrow.html")).unwrap();
    let harrow_json = std::fs::read(out.join("harrow.json")).unwrap();

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
    assert!(
        stdout.contains("its page and files from the last build it passed are kept"),
        "{stdout}"
    );
    // Nothing is built from the broken revision: the last good files stay.
    assert_eq!(std::fs::read(out.join("harrow.html")).unwrap(), harrow_page);
    assert_eq!(std::fs::read(out.join("harrow.json")).unwrap(), harrow_json);
    // The index still lists it, linked, and says the page is the last good one.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"./harrow.html\">"), "{index}");
    assert!(
        index.contains("Being revised: the latest revision has errors"),
        "{index}"
    );
    assert!(index.contains("Halton"));

    // A policy with errors that was never built before gets nothing.
    let fresh = dir.path().join("fresh");
    let run = build(&[&src], &fresh);
    assert_eq!(run.status.code(), Some(1));
    assert!(!fresh.join("harrow.html").exists());
    let index = std::fs::read_to_string(fresh.join("index.html")).unwrap();
    assert!(!index.contains("harrow.html"), "{index}");
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
            "halton.bpmn",
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

#[test]
fn a_policy_page_has_the_whole_procedure_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let run = build(
        &[
            &root().join("policies/harrow.ladder"),
            &root().join("policies/cheshire-east.ladder"),
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(0));
    let page = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let cheshire = page("cheshire-east.html");
    // The window, with how days are counted; who leads, by description.
    assert!(cheshire.contains(
        "<p class=\"window\">Start by day 3; conclude by day 9 (calendar days; day 1 is the day the concern arose).</p>"
    ));
    assert!(cheshire.contains(
        "<p>Led by the Safeguarding Lead or the Line Manager or Team Manager (or equivalent), with the other agency&#39;s Safeguarding Lead"
    ));
    assert!(!cheshire.contains("safeguarding_lead"));
    // Every duty in full: who, what, where it is recorded, with which form, when.
    assert!(cheshire.contains(
        "<li>The worker or professional identifying the concern must attempt to raise the issue with the other agency within 1 working day of the concern arising.</li>"
    ));
    assert!(cheshire.contains("using the form &quot;Form for submitting cases for escalation and resolution to CESAB (Step 4)&quot; as the stage begins"));
    // Where each outcome goes, linked.
    assert!(cheshire.contains("go to <a href=\"#stage-3\">Step 3: CESAB Board Members</a>"));
    // Forms with their fields; the source's sections.
    assert!(cheshire.contains("<li>Name of Adult at risk</li>"));
    assert!(cheshire.contains("<p class=\"cite\">In the source document: Appendix A.</p>"));

    let harrow = page("harrow.html");
    // A panel with its convener, chair, membership and whether it binds.
    for fact in [
        "<li>Convened by the Chair of the Harrow Strategic Safeguarding Partnership (HSSP).</li>",
        "<li>Chaired by the Chair of the Safeguarding Adults Board Resolution Panel.</li>",
        "<li>Panel of at least 3 agencies not concerned in the disagreement.</li>",
        "<li>The panel&#39;s decision is binding.</li>",
    ] {
        assert!(harrow.contains(fact), "{fact}");
    }
    // Exceptions with their duties, and sub-procedures with their steps.
    assert!(
        harrow
            .contains("<li>Notify the Designated safeguarding lead of the individual agency.</li>")
    );
    assert!(
        harrow.contains(
            "<h3 id=\"procedure-threshold\">Sub-procedure: Threshold decision making</h3>"
        )
    );
    assert!(harrow.contains(
        "<li id=\"threshold-step-1\">\n<h5>Step 1: Further discussions with the Team Manager</h5>"
    ));
    // Headings step down one level at a time.
    let mut level = 1;
    for (i, _) in harrow.match_indices("<h") {
        if let Some(n) = harrow[i + 2..].chars().next().and_then(|c| c.to_digit(10)) {
            assert!(n <= level + 1, "a heading h{n} after h{level}");
            level = n;
        }
    }
}

#[test]
fn a_run_that_fails_part_way_leaves_the_site_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&src).unwrap();
    for name in ["halton", "harrow"] {
        std::fs::copy(
            root().join(format!("policies/{name}.ladder")),
            src.join(format!("{name}.ladder")),
        )
        .unwrap();
    }
    assert_eq!(build(&[&src], &out).status.code(), Some(0));
    let before = std::fs::read(out.join("halton.html")).unwrap();
    // Halton changes, but Harrow's page cannot be written (a folder is in
    // the way): nothing changes, and no temporary file is left behind.
    let text = std::fs::read_to_string(src.join("halton.ladder")).unwrap();
    std::fs::write(
        src.join("halton.ladder"),
        text.replace("policy \"", "policy \"Revised "),
    )
    .unwrap();
    std::fs::remove_file(out.join("harrow.html")).unwrap();
    std::fs::create_dir(out.join("harrow.html")).unwrap();
    let run = build(&[&src], &out);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("harrow.html"));
    assert_eq!(std::fs::read(out.join("halton.html")).unwrap(), before);
    assert!(
        !listing(&out).iter().any(|f| f.contains(".tmp")),
        "{:?}",
        listing(&out)
    );
}

#[test]
fn the_index_offers_the_browser_editor_only_when_it_is_published_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let halton = root().join("policies/halton.ladder");
    assert_eq!(build(&[&halton], &out).status.code(), Some(0));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("editor/index.html"), "{index}");
    // `cargo xtask editor --out site/editor`, then build again.
    std::fs::create_dir_all(out.join("editor")).unwrap();
    std::fs::write(out.join("editor/index.html"), "<!DOCTYPE html>").unwrap();
    assert_eq!(build(&[&halton], &out).status.code(), Some(0));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let link = "<a href=\"./editor/index.html\">Write or check a policy in your browser</a>";
    assert!(index.contains(link), "{index}");
    // The editor published first, into a new folder: the site goes beside it.
    let first = dir.path().join("first");
    std::fs::create_dir_all(first.join("editor")).unwrap();
    std::fs::write(first.join("editor/index.html"), "<!DOCTYPE html>").unwrap();
    let run = build(&[&halton], &first);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let index = std::fs::read_to_string(first.join("index.html")).unwrap();
    assert!(index.contains(link), "{index}");
}

#[test]
fn the_charts_do_not_depend_on_the_fonts_the_machine_has() {
    // Graphviz measures text with its own metrics when `build` draws, so a
    // machine with other fonts (here: none at all) draws the same SVG.
    let dir = tempfile::tempdir().unwrap();
    let halton = root().join("policies/harrow.ladder");
    let (usual, bare) = (dir.path().join("usual"), dir.path().join("bare"));
    assert_eq!(build(&[&halton], &usual).status.code(), Some(0));
    let no_fonts = dir.path().join("fonts.conf");
    std::fs::write(
        &no_fonts,
        "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n",
    )
    .unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .env("FONTCONFIG_FILE", &no_fonts)
        .args(["build", "--today", "2026-11-22", "--out"])
        .arg(&bare)
        .arg(&halton)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let svg = |dir: &Path| std::fs::read_to_string(dir.join("harrow.svg")).unwrap();
    assert_eq!(svg(&usual), svg(&bare));
}
