//! Parse + check speed on the shipped policies and on a generated policy of
//! thousands of stages. Run with `cargo bench --bench check`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ladder::checks::Options;
use ladder::driver::check_source;

/// A policy with `n` calendar-day stages, each escalating to the next.
fn generated(n: u32) -> String {
    let mut text = String::from(
        "policy \"Generated\"\nboard \"Benchmark Board\" (BB)\ncovers adults\nreview April 2030\n\
         days are calendar days\nday 1 is the day the concern arose\nconcern raised by worker\n\
         actor worker \"Worker\"\nactor manager \"Manager\"\nrecord case_record \"Case record\"\n\
         every stage {\n  record \"the discussion\" in case_record\n  share outcome with worker\n}\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "stage {i} \"Stage {i}\" {{\n  start no later than day {}\n  conclude by day {}\n  led by manager with equivalent manager\n  notify worker when resolved\n  resolved: end \"Resolved at stage {i}\"\n",
            // Each stage may start by the day the one before must conclude,
            // as Halton's stage 3 does after stage 2: no gap, no overlap.
            (i * 2).saturating_sub(2).max(1),
            i * 2
        ));
        if i < n {
            text.push_str(&format!("  unresolved: escalate to stage {}\n}}\n", i + 1));
        } else {
            text.push_str("}\n");
        }
    }
    text.push_str("when \"the adult is at immediate risk\" {\n  start at any stage\n}\n");
    text
}

/// A policy of `n` working-day levels chained one after another (no level
/// has a start of its own), each with a meeting and a duty "a further" day
/// after it, and a limit on the whole procedure: every date from adoption
/// to review is dated along the whole chain by the chain checks.
fn chained(n: u32) -> String {
    let mut text = format!(
        "policy \"Chained\"\nboard \"Benchmark Board\" (BB)\ncovers adults\nadopted April 2026\n\
         review April 2027\nholidays england-and-wales\nconcern raised by worker\n\
         all stages conclude within {} working days\n\
         actor worker \"Worker\"\nactor manager \"Manager\"\nrecord case_record \"Case record\"\n\
         every stage {{\n  record \"the discussion\" in case_record\n  share outcome with worker\n}}\n",
        n * 2
    );
    for i in 1..=n {
        text.push_str(&format!(
            "stage {i} \"Level {i}\" {{\n  conclude within 2 working days\n  led by manager with equivalent manager\n  \
             meet \"both managers\" within 1 working day\n  task \"write to both agencies\" within a further 1 working day\n  \
             resolved: end \"Resolved at level {i}\"\n"
        ));
        if i < n {
            text.push_str(&format!("  unresolved: escalate to stage {}\n}}\n", i + 1));
        } else {
            text.push_str("}\n");
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default());
    let root = env!("CARGO_MANIFEST_DIR");
    for name in [
        "halton",
        "cheshire-east",
        "harrow",
        "somerset",
        "hillingdon",
    ] {
        let text =
            std::fs::read_to_string(format!("{root}/policies/{name}.ladder")).unwrap_or_default();
        c.bench_function(&format!("check {name}"), |b| {
            b.iter(|| check_source(black_box(&text), &options));
        });
    }
    for n in [1000, 5000] {
        let text = generated(n);
        assert!(!check_source(&text, &options).has_errors());
        c.bench_function(&format!("check generated {n} stages"), |b| {
            b.iter(|| check_source(black_box(&text), &options));
        });
    }
}

/// The chain checks grow with the number of levels times the dates tried.
fn bench_chained(c: &mut Criterion) {
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default());
    for n in [50, 500] {
        let text = chained(n);
        assert!(!check_source(&text, &options).has_errors());
        c.bench_function(&format!("check chained {n} working-day levels"), |b| {
            b.iter(|| check_source(black_box(&text), &options));
        });
    }
}

/// Rendering every diagnostic for people: the generated policies give one
/// note per stage (each stage is led by the same roles as the one before),
/// so this grows with the file and must stay linear in it.
fn bench_render(c: &mut Criterion) {
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default());
    for n in [500, 5000] {
        let text = generated(n);
        let checked = check_source(&text, &options);
        c.bench_function(&format!("render {n}-stage diagnostics for people"), |b| {
            b.iter(|| {
                let prepared = ladder::render::Prepared::new("generated.ladder", &text);
                for diagnostic in &checked.diagnostics {
                    black_box(prepared.render(
                        diagnostic,
                        ladder::render::Style::Human {
                            colour: false,
                            width: 100,
                        },
                    ));
                }
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench, bench_chained, bench_render
}
criterion_main!(benches);
