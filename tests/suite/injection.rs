//! No policy text changes an output's meaning: Graphviz's `\N`-style
//! escapes and Mermaid's `%%{init}%%` directives inside labels are drawn as
//! written, a very long word does not make a drawing too wide to make, and
//! quoted text keeps its spaces.

use std::io::Write as _;
use std::process::{Command, Stdio};

use ladder::emit::{dot, mermaid};
use ladder::model::Policy;

use crate::support::{check, root};

/// Halton's policy with its first stage given `title`.
fn titled(title: &str) -> Policy {
    let text = std::fs::read_to_string(root().join("policies/halton.ladder")).unwrap();
    let text = text.replacen(
        "stage 1 \"",
        &format!("stage 1 \"{} ", title.replace('"', "")),
        1,
    );
    let checked = check(&text);
    let policy = checked.clean_policy().expect("no errors").clone();
    assert!(
        policy.stages[0].title.starts_with(title),
        "{}",
        policy.stages[0].title
    );
    policy
}

/// The SVG Graphviz draws from `dot`, which must succeed without warnings.
fn svg(dot: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
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
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graphviz_escapes_in_a_title_are_drawn_as_written() {
    let title = r"A \N B \G \E \H \T \L \n \l \r end";
    let drawn = svg(&dot::to_string(&titled(title)));
    assert!(drawn.contains(title), "{title} not drawn in\n{drawn}");
}

#[test]
fn a_mermaid_directive_in_a_title_is_only_text() {
    let title = "%%{init: {'theme': 'dark', 'themeCSS': '.node rect {fill: red}'}}%% x";
    let chart = mermaid::to_string(&titled(title));
    assert!(!chart.contains("%%"), "{chart}");
    assert!(chart.contains("#37;#37;{init:"), "{chart}");
}

#[test]
fn a_very_long_word_is_wrapped_so_graphviz_can_draw_it() {
    let word = "A".repeat(11_630);
    let drawn = svg(&dot::to_string(&titled(&word)));
    // The whole word is drawn, in pieces, in a drawing of ordinary width.
    assert!(drawn.matches('A').count() >= 11_630);
    let width = width(&drawn);
    assert!(width < 3000.0, "the drawing is {width}pt wide");
}

#[test]
fn a_very_long_word_in_text_that_is_not_wrapped_is_broken_too() {
    let text = std::fs::read_to_string(root().join("policies/halton.ladder")).unwrap();
    let text = text.replacen("board \"", &format!("board \"{} ", "B".repeat(11_630)), 1);
    let checked = check(&text);
    let policy = checked.clean_policy().expect("no errors");
    let drawn = svg(&dot::to_string(policy));
    let width = width(&drawn);
    assert!(width < 3000.0, "the drawing is {width}pt wide");
}

/// The width of an SVG drawing, in points.
fn width(svg: &str) -> f64 {
    svg.split("<svg width=\"")
        .nth(1)
        .and_then(|rest| rest.split("pt\"").next())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn quoted_text_keeps_its_spaces_in_the_json() {
    let text = std::fs::read_to_string(root().join("policies/halton.ladder")).unwrap();
    let text = text.replacen(
        "policy \"Professional Challenge and Escalation Policy\"",
        "policy \"  Professional  Challenge \"",
        1,
    );
    let checked = check(&text);
    let policy = checked.clean_policy().expect("no errors");
    let json = ladder::emit::json::to_string(policy, &text);
    assert!(json.contains("\"  Professional  Challenge \""), "{json}");
}
