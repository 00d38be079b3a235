//! A fuzz harness run by `cargo test`: every shipped policy, every
//! diagnostic fixture and every feature policy is damaged at random (lines
//! spliced in from another file, deleted or repeated, bytes inserted), then
//! decoded, checked, rendered, formatted and, when clean, given to every
//! emitter. Nothing may panic, and `fmt` must keep every character of a
//! valid file except the layout: the formatted text, without its
//! whitespace, is the input without its whitespace, formatting it again
//! changes nothing, and it never refuses a file it can parse ("this is a
//! bug in ladder"). `PROPTEST_CASES` sets the number of cases (256 each by
//! default; CI runs the default, a few thousand in all).

use proptest::prelude::*;

use ladder::deadline::HolidaySource;
use ladder::emit::{bpmn, dot, ics, json, mermaid, site};
use ladder::render::Style;

use crate::support::{check, ladder_files, render_all, today};

/// The seed corpus: policies, fixtures and feature policies, as text.
fn seeds() -> &'static [String] {
    static SEEDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        ["policies", "tests/ui", "tests/policies"]
            .iter()
            .flat_map(|folder| ladder_files(folder))
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect()
    })
}

/// Every character but whitespace, which is all `fmt` may change outside
/// quoted text.
fn without_layout(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs the whole pipeline on `bytes`; panics on any broken promise.
fn exercise(bytes: &[u8]) {
    let Ok(decoded) = ladder::source::decode(bytes) else {
        return;
    };
    let text = decoded.text.as_str();
    let checked = check(text);
    for style in [Style::Short, Style::Plain] {
        let _ = render_all(&checked, "fuzzed.ladder", text, style);
    }
    let result = ladder::format::format(text);
    if let Err(ladder::format::FormatError::WouldChangeMeaning(why)) = &result {
        panic!("fmt would change the meaning ({why}) of:\n{text}");
    }
    if let Ok(formatted) = result {
        assert_eq!(
            without_layout(&formatted),
            without_layout(text),
            "fmt changed more than layout"
        );
        assert_eq!(
            ladder::format::format(&formatted).ok().as_deref(),
            Some(formatted.as_str()),
            "fmt is not idempotent"
        );
    }
    if let Some(policy) = checked.clean_policy() {
        let _ = json::to_string(policy, text);
        let _ = dot::to_string(policy);
        let _ = mermaid::to_string(policy);
        let _ = bpmn::to_string(policy, bpmn::Expressions::default());
        let _ = site::index(
            &[site::Entry {
                name: "fuzzed",
                policy: Some(policy),
                failing: false,
            }],
            today(),
            false,
        );
        let _ = site::policy::page(
            &site::policy::Page {
                name: "fuzzed",
                policy,
                svg: None,
                downloads: &[],
            },
            today(),
        );
        let calendar = HolidaySource::default().calendar_for(policy.header.holidays);
        let raised = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        if let Ok(timeline) = ladder::timeline::build(policy, raised, calendar.as_ref()) {
            let _ = ics::timeline(policy, &timeline);
        }
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

proptest! {
    #[test]
    fn the_seeds_themselves_pass(which in 0usize..1000) {
        let seeds = seeds();
        exercise(seeds[which % seeds.len()].as_bytes());
    }

    #[test]
    fn a_line_from_another_file_spliced_in(a in 0usize..1000, b in 0usize..1000, at in 0usize..1000, from in 0usize..1000) {
        let seeds = seeds();
        let mut target = lines(&seeds[a % seeds.len()]);
        let donor = lines(&seeds[b % seeds.len()]);
        if !donor.is_empty() {
            let line = donor[from % donor.len()];
            target.insert(at % (target.len() + 1), line);
        }
        exercise(target.concat().as_bytes());
    }

    #[test]
    fn a_line_deleted_or_repeated(a in 0usize..1000, at in 0usize..1000, repeat in any::<bool>()) {
        let seeds = seeds();
        let mut target = lines(&seeds[a % seeds.len()]);
        if !target.is_empty() {
            let i = at % target.len();
            if repeat {
                target.insert(i, target[i]);
            } else {
                target.remove(i);
            }
        }
        exercise(target.concat().as_bytes());
    }

    #[test]
    fn bytes_inserted(a in 0usize..1000, at in 0usize..100_000, bytes in prop::collection::vec(any::<u8>(), 1..12)) {
        let seeds = seeds();
        let seed = seeds[a % seeds.len()].as_bytes();
        let at = at % (seed.len() + 1);
        let mut damaged = seed[..at].to_vec();
        damaged.extend(bytes);
        damaged.extend(&seed[at..]);
        exercise(&damaged);
    }

    #[test]
    fn printable_text_inserted(a in 0usize..1000, at in 0usize..100_000, inserted in "[ -~]{1,24}") {
        let seeds = seeds();
        let seed = &seeds[a % seeds.len()];
        let mut at = at % (seed.len() + 1);
        while !seed.is_char_boundary(at) {
            at -= 1;
        }
        exercise(format!("{}{inserted}{}", &seed[..at], &seed[at..]).as_bytes());
    }
}

/// The harness reaches every stage: most seeds format, and many are clean
/// enough for the emitters.
#[test]
fn the_corpus_reaches_the_formatter_and_the_emitters() {
    let seeds = seeds();
    let formatted = seeds
        .iter()
        .filter(|s| ladder::format::format(s).is_ok())
        .count();
    let clean = seeds
        .iter()
        .filter(|s| check(s).clean_policy().is_some())
        .count();
    assert!(seeds.len() > 100, "{} seeds", seeds.len());
    assert!(
        formatted * 2 > seeds.len(),
        "{formatted} of {} format",
        seeds.len()
    );
    assert!(clean >= 20, "{clean} clean");
}
