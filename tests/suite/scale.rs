//! Inputs with thousands of items take time in proportion to their size:
//! each case here was quadratic once (the timings in the README come from
//! `benches/scale.py`). The bounds are generous, for a debug build on a busy
//! machine; the quadratic versions took minutes.

use std::time::{Duration, Instant};

use crate::support::check;

const HEADER: &str = "policy \"Generated\"\nboard \"Benchmark Board\" (BB)\ncovers adults\n\
    review April 2030\ndays are calendar days\nday 1 is the day the concern arose\n\
    concern raised by worker\nactor worker \"Worker\"\nactor manager \"Manager\"\n";

#[test]
fn thousands_of_unknown_names_are_reported_in_linear_time() {
    let n = 8000;
    let mut text = HEADER.to_owned();
    for i in 0..n {
        text.push_str(&format!("actor agent_{i} \"A\"\n"));
    }
    text.push_str("stage 1 \"One\" {\n  start on day 1\n  conclude by day 3\n  led by manager\n");
    for i in 0..n {
        text.push_str(&format!("  notify agnet_{i} when resolved\n"));
    }
    text.push_str("  resolved: end \"Done\"\n  unresolved: escalate to stage 2\n}\n");
    let started = Instant::now();
    let checked = check(&text);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let unknown: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == ladder::code::Code::UnknownName)
        .collect();
    assert_eq!(unknown.len(), n + 1);
    // The first are compared with every actor and get their suggestion.
    assert_eq!(
        unknown[0].primary_label.as_deref(),
        Some("did you mean `agent_0`?")
    );
    // A wrong stage in a long ladder lists a few stages, not all of them.
    let stage = unknown
        .iter()
        .find(|d| d.message.contains("stage 2"))
        .unwrap();
    assert!(
        stage.help.as_deref().unwrap().contains("`stage 1`."),
        "{:?}",
        stage.help
    );
}

#[test]
fn a_wrong_stage_in_a_long_ladder_lists_the_first_stages_only() {
    let mut text = HEADER.to_owned();
    let n = 3000;
    for i in 1..=n {
        text.push_str(&format!(
            "stage {i} \"S{i}\" {{\n  start no later than day {}\n  conclude by day {}\n  \
             led by manager\n  resolved: end \"R{i}\"\n  unresolved: escalate to stage {}\n}}\n",
            i * 3 - 2,
            i * 3 - 1,
            // Every stage escalates to one that is not there.
            n + i
        ));
    }
    let started = Instant::now();
    let checked = check(&text);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let wrong: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("there is no `stage"))
        .collect();
    assert_eq!(wrong.len(), n);
    let help = wrong[0].help.as_deref().unwrap();
    assert!(
        help.contains("`stage 19`, `stage 20` and 2980 more."),
        "{help}"
    );
}
