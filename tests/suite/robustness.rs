//! No input makes the parser or the checker panic, and damaged policies get
//! diagnostics that point at a real line and column.

use proptest::prelude::*;

use ladder::span::LineIndex;

use crate::support::{check, human, ladder_files, render_all};

fn shipped() -> Vec<String> {
    ladder_files("policies")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Checks `text` and renders everything, which must not panic; every span
/// must fall inside the text.
fn survives(text: &str) {
    let checked = check(text);
    for d in &checked.diagnostics {
        assert!(
            d.span.start <= text.len() && d.span.end <= text.len(),
            "{d:?} is outside the text"
        );
        for l in &d.labels {
            assert!(l.span.end <= text.len());
        }
    }
    let _ = render_all(&checked, "damaged.ladder", text, human());
    let _ = render_all(
        &checked,
        "damaged.ladder",
        text,
        ladder::render::Style::Short,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        survives(&text);
    }

    #[test]
    fn text_made_of_ladder_words_never_panics(words in prop::collection::vec(
        prop::sample::select(vec!["stage", "1", "\"x\"", "{", "}", "start", "no later than", "day", "3",
            "resolved:", "end", "unresolved:", "escalate to", "stage 2", "record", "in", "notify", "when",
            "actor", "a", "within", "24 hours", "policy", "\n", "//", "procedure", "step", "panel", "members",
            "where possible", "wherever possible", "via", "or", "note"]),
        0..80)) {
        survives(&words.join(" "));
    }

    #[test]
    fn a_shipped_policy_with_a_line_deleted_never_panics(which in 0usize..5, line in 0usize..400) {
        let text = &shipped()[which];
        let lines: Vec<&str> = text.lines().collect();
        let n = line % lines.len();
        let damaged: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != n).map(|(_, l)| *l).collect();
        survives(&damaged.join("\n"));
    }

    #[test]
    fn a_shipped_policy_with_two_lines_swapped_never_panics(which in 0usize..5, a in 0usize..400, b in 0usize..400) {
        let text = &shipped()[which];
        let mut lines: Vec<&str> = text.lines().collect();
        let len = lines.len();
        lines.swap(a % len, b % len);
        survives(&lines.join("\n"));
    }

    #[test]
    fn a_truncated_shipped_policy_never_panics(which in 0usize..5, at in 0usize..20000) {
        let text = &shipped()[which];
        let mut at = at % text.len();
        while !text.is_char_boundary(at) { at -= 1; }
        survives(&text[..at]);
    }

    #[test]
    fn random_bytes_in_a_shipped_policy_never_panic(which in 0usize..5, at in 0usize..20000, bytes in prop::collection::vec(any::<u8>(), 1..16)) {
        let text = shipped()[which].clone().into_bytes();
        let at = at % text.len();
        let mut damaged = text[..at].to_vec();
        damaged.extend(bytes);
        damaged.extend(&text[at..]);
        survives(&String::from_utf8_lossy(&damaged));
    }
}

#[test]
fn a_truncated_policy_is_an_error_with_a_line_and_column() {
    let text = &shipped()[1];
    let cut = &text[..text.len() / 2];
    let checked = check(cut);
    let error = checked
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    let index = LineIndex::new(cut);
    let at = index.line_col(cut, error.span.start);
    assert!(at.line > 1);
}

/// `ladder fmt --diff | head` closes the pipe while ladder is still
/// writing. That must end the run quietly, not with a panic on stderr.
#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    let cases: &[&[&str]] = &[
        &["fmt", "--diff", "tests/cmd/unformatted.ladder"],
        &["check", "policies/", "--today", "2026-12-01"],
        &["explain", "L043"],
        &["json", "policies/halton.ladder"],
        &["graph", "policies/harrow.ladder", "--format", "mermaid"],
        &[
            "timeline",
            "policies/halton.ladder",
            "--raised",
            "2026-12-24",
        ],
        &[
            "diff",
            "policies/halton.ladder",
            "tests/cmd/halton-day-13.ladder",
        ],
    ];
    for args in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
            .args(*args)
            .current_dir(crate::support::root())
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.status.code().is_some(), "{args:?} was killed");
    }
}

/// After a syntax error, names, duplicates and dates are still checked on
/// the lines that could be read; a name whose definition is on the broken
/// line is not reported as unknown, and nothing is built.
#[test]
fn a_syntax_error_does_not_hide_a_misspelt_name() {
    let text = "policy \"P\"\nboard \"B\" (B)\nconcern raised by practitioner\n\
                days are calendar days\nday 1 is the day the concern arose\n\
                actor practitioner \"Worker\"\nactor manager \"Manager\n\
                record notes \"Notes\"\n\
                stage 1 \"One\" {\n  led by practitionr\n  notify manager\n  \
                record \"it\" in notes\n  share outcome with practitioner\n  \
                resolved: end \"Done\"\n}\n";
    let checked = check(text);
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["L001", "L020"], "{:#?}", checked.diagnostics);
    assert!(checked.diagnostics[1].message.contains("`practitionr`"));
    assert!(checked.clean_policy().is_none());
}

/// Damaging any one line of a shipped policy (which has no errors) so that
/// it no longer parses must not make ladder report names, duplicates or
/// dates that are fine: the words of the damaged line are still known.
#[test]
fn damaging_one_line_reports_no_false_name_errors() {
    for text in shipped() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with("//") {
                continue;
            }
            let mut damaged = lines.clone();
            let broken = format!("~ {line}");
            damaged[i] = &broken;
            let damaged = damaged.join("\n");
            let checked = check(&damaged);
            for d in &checked.diagnostics {
                assert!(
                    matches!(d.code.as_str(), "L001" | "L002"),
                    "line {}: `{trimmed}` damaged gives {}: {}",
                    i + 1,
                    d.code,
                    d.message
                );
            }
        }
    }
}
