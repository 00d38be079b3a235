//! `ladder graph`: DOT and Mermaid snapshots of the five policies, every DOT
//! drawn by the real Graphviz, hostile labels escaped in DOT, Mermaid and
//! HTML, and the message when Graphviz is missing.

use std::io::Write as _;
use std::process::{Command, Stdio};

use ladder::emit::{dot, mermaid, site};
use ladder::model::{OutcomeWhen, Policy, Target};

use crate::support::{check, ladder_files, root, today};

fn policy_of(path: &std::path::Path) -> Policy {
    let text = std::fs::read_to_string(path).unwrap();
    check(&text)
        .clean_policy()
        .expect("the policy has errors")
        .clone()
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
}

/// Runs the real Graphviz `dot` (CI installs the `graphviz` package) and
/// returns what it drew; it must not warn.
fn render(dot: &str, format: &str) -> Vec<u8> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect(
            "Graphviz `dot` must be installed to run the test suite (apt-get install graphviz)",
        );
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.to_owned();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}");
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    out.stdout
}

#[test]
fn dot_and_mermaid_snapshots_of_the_five_policies() {
    for path in ladder_files("policies") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let policy = policy_of(&path);
        insta::assert_snapshot!(format!("dot-{name}"), dot::to_string(&policy));
        insta::assert_snapshot!(format!("mermaid-{name}"), mermaid::to_string(&policy));
    }
}

#[test]
fn every_dot_renders_with_graphviz() {
    let mut files = ladder_files("policies");
    files.extend(ladder_files("tests/policies"));
    files.push(root().join("tests/data/hostile-labels.ladder"));
    // The test policies of the language's features.
    files.extend(ladder_files("tests/policies"));
    for path in files {
        let policy = policy_of(&path);
        let svg = String::from_utf8(render(&dot::to_string(&policy), "svg")).unwrap();
        assert!(svg.contains("<svg"), "{}", path.display());
        // Every stage is drawn (Graphviz writes `-` in ids as `&#45;`).
        for stage in policy.all_stages() {
            let id = stage.key.slug().replace('-', "&#45;");
            assert!(svg.contains(&format!("<title>{id}</title>")), "{id}");
        }
        assert!(svg.contains("Key"));
        let png = render(&dot::to_string(&policy), "png");
        assert!(png.starts_with(b"\x89PNG"));
    }
}

/// Text no policy file can hold (quotes, non-ASCII) put straight into the
/// model, which is all the emitters read.
fn hostile() -> Policy {
    let mut policy = policy_of(&root().join("tests/data/hostile-labels.ladder"));
    let nasty = "q\"uote \\back\\slash\\ <b>&amp; caf\u{e9} \u{65e5}\u{672c} \u{201c}x\u{201d} #35; |p| `t` ]]> end";
    policy.header.title = Some(format!("Title {nasty}"));
    policy.stages[0].title = format!("Stage {nasty}");
    "end".clone_into(&mut policy.stages[1].title);
    policy.rules[0].condition = format!("Rule {nasty}");
    policy.rules[1].condition = format!("Complaint {nasty}");
    policy.notes[0] = format!("Note {nasty}");
    // Phases, a repeating stage, a role and a board for one group: text the
    // charts write too.
    policy.phases.push(ladder::model::Phase {
        title: format!("Phase {nasty}"),
        from: Some(policy.stages[0].key.clone()),
        to: Some(policy.stages[0].key.clone()),
        onwards: false,
        stages: vec![policy.stages[0].key.clone()],
        span: policy.stages[0].span,
    });
    policy.stages[0].repeats = Some(ladder::model::Repeats {
        how: format!("Repeats {nasty}"),
        up_to: None,
        span: policy.stages[0].span,
    });
    let mut role = policy.actors[0].clone();
    role.scope = Some(ladder::ast::Scope::Children);
    role.description = format!("Role {nasty}");
    policy.actors.push(role);
    policy
        .header
        .scoped_boards
        .push(ladder::model::ScopedBoard {
            scope: ladder::ast::Scope::Children,
            name: format!("Board {nasty}"),
            short: None,
            span: policy.header.span,
        });
    for stage in &mut policy.stages {
        for outcome in &mut stage.outcomes {
            if let (OutcomeWhen::If(c), Target::End(e)) = (&mut outcome.when, &mut outcome.target) {
                *c = format!("If {nasty}");
                *e = format!("End {nasty}");
            }
        }
    }
    policy
}

#[test]
fn hostile_labels_round_trip_through_dot() {
    let policy = hostile();
    let text = dot::to_string(&policy);
    assert!(text.is_ascii());
    assert!(!text.contains("<b>&amp;"));
    let svg = String::from_utf8(render(&text, "svg")).unwrap();
    // Graphviz decodes our references and writes the text back as XML: the
    // quote, backslashes, markup and non-ASCII letters all arrive intact.
    let expected =
        "q&quot;uote \\back\\slash\\ &lt;b&gt;&amp;amp; café 日本 “x” #35; |p| `t` ]]&gt; end";
    assert!(svg.contains(expected), "{expected} not in\n{svg}");
    // A stage titled `end` is a label, not a keyword.
    assert!(svg.contains("Stage 2: end"));
    // The notes at the foot: the policy's note and the complaint rule.
    assert!(svg.contains("Note q&quot;uote \\back"), "{svg}");
    assert!(svg.contains("If Complaint q&quot;uote"), "{svg}");
    for what in ["Phase", "Repeats", "Board"] {
        assert!(
            svg.contains(&format!("{what} q&quot;uote")),
            "{what}: {svg}"
        );
    }
    assert!(svg.contains("Roles by whom the procedure covers"));
    assert!(svg.contains("for children, Role"));
}

#[test]
fn hostile_labels_follow_mermaid_quoting_rules() {
    let text = mermaid::to_string(&hostile());
    assert!(text.is_ascii());
    for line in text.lines() {
        // Every label is one quoted string: an even number of quotes, and
        // none of the characters Mermaid would read inside it.
        assert!(line.matches('"').count().is_multiple_of(2), "{line}");
        for inside in line.split('"').skip(1).step_by(2) {
            for bad in ['<', '>', '`', '|'] {
                let ok = inside.contains("<br/>") && bad != '`' && bad != '|';
                assert!(ok || !inside.contains(bad), "{bad} in {line}");
            }
        }
    }
    assert!(
        text.contains("q#quot;uote \\back\\slash\\ #lt;b#gt;#amp;amp; caf#233; #26085;#26412;")
    );
    assert!(text.contains("#35;35;"));
    assert!(text.contains("#124;p#124; #96;t#96;"));
    // The notes, which the DOT chart also has, go through the same escaping.
    assert!(text.contains("Notes<br/>- Note q#quot;uote"), "{text}");
    assert!(text.contains("Other exceptions<br/>- If Complaint q#quot;uote"));
    // Node ids are generated, so a title `end` cannot end a subgraph.
    assert!(!text.lines().any(|l| l.trim_start().starts_with("end[")));
}

#[test]
fn hostile_labels_are_escaped_in_html() {
    let policy = hostile();
    let index = site::index(
        &[site::Entry {
            name: "a\"<b>",
            policy: Some(&policy),
            failing: false,
        }],
        today(),
        false,
    );
    let downloads = [("a\"<b>.json".to_owned(), "JSON <x>".to_owned())];
    let page = site::policy::page(
        &site::policy::Page {
            name: "a\"<b>",
            policy: &policy,
            svg: None,
            downloads: &downloads,
        },
        today(),
    );
    for page in [&index, &page] {
        assert!(page.is_ascii());
        assert!(page.contains("Title q&quot;uote \\back\\slash\\ &lt;b&gt;&amp;amp; caf&#233;"));
        assert!(page.contains("Board &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (B&amp;B)"));
        assert!(!page.contains("<script"));
    }
    // The file name is a percent-encoded relative link.
    assert!(index.contains("<a href=\"./a%22%3Cb%3E.html\">"), "{index}");
    assert!(page.contains("<a href=\"./a%22%3Cb%3E.json\">JSON &lt;x&gt;</a>"));
}

#[test]
fn graph_command_formats() {
    let policy = root().join("policies/halton.ladder");
    for (format, starts) in [
        ("dot", &b"digraph"[..]),
        ("mermaid", b"flowchart TD"),
        ("svg", b"<?xml"),
        ("pdf", b"%PDF"),
    ] {
        let out = bin()
            .args(["graph", "--today", "2026-11-22", "--format", format])
            .arg(&policy)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(out.stdout.starts_with(starts), "{format}");
    }
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("halton.png");
    let out = bin()
        .args(["graph", "--format", "png", "--today", "2026-11-22", "-o"])
        .arg(&png)
        .arg(&policy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn missing_graphviz_names_the_package_and_the_text_formats() {
    let empty = tempfile::tempdir().unwrap();
    let out = bin()
        .env("PATH", empty.path())
        .args(["graph", "--format", "svg", "--today", "2026-11-22"])
        .arg(root().join("policies/halton.ladder"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("--format dot"), "{stderr}");
    assert!(stderr.contains("--format mermaid"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn output_is_byte_identical_across_runs() {
    for path in ladder_files("policies") {
        let policy = policy_of(&path);
        assert_eq!(dot::to_string(&policy), dot::to_string(&policy_of(&path)));
        assert_eq!(
            mermaid::to_string(&policy),
            mermaid::to_string(&policy_of(&path))
        );
    }
}

/// A stage whose only limit is on a duty is timed, as `check` counts it
/// (no L044): the charts must not call it "No timescale". Harrow's
/// threshold step 2 has only "review the decision within one working day
/// of being notified"; Harrow's stage 1 has no limit at all.
#[test]
fn a_stage_timed_only_by_a_duty_is_not_called_untimed() {
    let policy = policy_of(&root().join("policies/harrow.ladder"));
    let dot = dot::to_string(&policy);
    let mermaid = mermaid::to_string(&policy);
    for chart in [&dot, &mermaid] {
        let step_2 = chart
            .lines()
            .find(|l| l.contains("Step 2: Review by the Manager"))
            .unwrap();
        assert!(
            step_2.contains("No start or conclusion limit; timed duties below"),
            "{step_2}"
        );
        assert!(!step_2.contains("No timescale"), "{step_2}");
        let stage_1 = chart
            .lines()
            .find(|l| l.contains("Stage 1: Professional to professional"))
            .unwrap();
        assert!(stage_1.contains("No timescale"), "{stage_1}");
    }
}

#[test]
fn the_key_lists_only_what_the_chart_draws_and_no_text_is_small() {
    let chart = |name: &str| {
        let text = std::fs::read_to_string(root().join(format!("policies/{name}.ladder"))).unwrap();
        let checked = crate::support::check(&text);
        dot::to_string(checked.clean_policy().unwrap())
    };
    let key = |dot: &str| dot[dot.find("\"legend\" [").unwrap()..].to_owned();
    let halton = chart("halton");
    assert!(!key(&halton).contains("Step of a sub-procedure"));
    assert!(!key(&halton).contains("Repeats"));
    assert!(!key(&halton).contains("Phase"));
    assert!(key(&halton).contains("Exception entry"));
    let harrow = chart("harrow");
    assert!(key(&harrow).contains("Step of a sub-procedure"));
    // Solid edges are drawn solid in the key, dashed ones dashed.
    assert!(key(&harrow).contains("#2e7d32\"><B>&#9472;"));
    assert!(key(&harrow).contains("#a86400\"><B>&#9548;"));
    for dot in [&halton, &harrow] {
        // Nothing under 10 points: 13 CSS pixels at the SVG's natural size.
        assert!(!dot.contains("POINT-SIZE=\"8\""));
        assert!(!dot.contains("fontsize=9"));
        // The day kind is said once, under the title.
        assert!(dot.matches("Days are calendar days").count() <= 1);
    }
    assert_eq!(halton.matches("Days are calendar days").count(), 1);
    // A condition in a stage with no duties starts on a line of its own.
    assert!(chart("somerset").contains(
        "(supervisor/manager)<BR/><FONT COLOR=\"#1f5fa8\"><I>&#8226; If a Care Provider"
    ));
    // Role descriptions, not internal names.
    assert!(!harrow.contains("Led by line manager"));
    assert!(harrow.contains("Led by the Supervisor or manager (line manager)"));
}
