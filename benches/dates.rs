//! Speed of the date-exact checks and the deadline arithmetic behind them.
//! Run with `cargo bench --bench dates`.
//!
//! The date-exact check runs inside every `ladder check` of a policy that
//! mixes calendar days, working days and hours, trying every date from
//! adoption to review (or two years), so it must stay well under the cost of
//! parsing the file.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ladder::calendar::{Calendar, Division};
use ladder::checks::Options;
use ladder::deadline::{Concern, Counting, DayTable};
use ladder::driver::check_source;

/// A calendar-day policy with `n` stages, each concluding within working
/// days, so that every comparison between stages is date-exact.
fn mixed(n: u32) -> String {
    let mut text = String::from(
        "policy \"Generated\"\nboard \"Benchmark Board\" (BB)\ncovers adults\n\
         adopted 1 January 2026\nreview 31 December 2027\n\
         days are calendar days\nday 1 is the day the concern arose\nholidays england-and-wales\n\
         concern raised by worker\n\
         actor worker \"Worker\"\nactor manager \"Manager\"\nrecord case_record \"Case record\"\n\
         every stage {\n  record \"the discussion\" in case_record\n  share outcome with worker\n}\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "stage {i} \"Stage {i}\" {{\n  start no later than day {}\n  conclude within 5 working days\n  led by manager with equivalent manager\n  notify worker within 2 working days\n  resolved: end \"Resolved at stage {i}\"\n",
            i * 7 - 6,
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
    let cheshire = std::fs::read_to_string(format!("{root}/policies/cheshire-east.ladder"))
        .unwrap_or_default();
    let halton =
        std::fs::read_to_string(format!("{root}/policies/halton.ladder")).unwrap_or_default();
    // Cheshire East mixes units (761 dates are tried); Halton does not, so
    // the difference is the cost of the date-exact check.
    c.bench_function("check cheshire-east (date-exact, 761 dates)", |b| {
        b.iter(|| check_source(black_box(&cheshire), &options));
    });
    c.bench_function("check halton (day numbers only)", |b| {
        b.iter(|| check_source(black_box(&halton), &options));
    });
    for n in [10, 100] {
        let text = mixed(n);
        c.bench_function(&format!("check {n} mixed-unit stages (730 dates)"), |b| {
            b.iter(|| check_source(black_box(&text), &options));
        });
    }
    c.bench_function("Calendar::builtin(England and Wales)", |b| {
        b.iter(|| Calendar::builtin(black_box(Division::EnglandAndWales)));
    });
    let calendar = Calendar::builtin(Division::EnglandAndWales);
    c.bench_function("DayTable::new, 2010 to 2030", |b| {
        b.iter(|| DayTable::new(black_box(&calendar)));
    });
    let table = DayTable::new(&calendar);
    let from = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap_or_default();
    c.bench_function("add 5 working days: table", |b| {
        b.iter(|| table.add_working_days(black_box(from), black_box(5)));
    });
    c.bench_function("add 5 working days: calendar", |b| {
        b.iter(|| calendar.add_working_days(black_box(from), black_box(5)));
    });
    let counting = Counting {
        unit: ladder::model::DayUnit::CalendarDays,
        day_one: ladder::ast::DayOne::DayConcernArose,
    };
    let checked = check_source(&cheshire, &options);
    if let Some(policy) = checked.policy.as_ref() {
        c.bench_function("cheshire-east deadlines for 761 dates", |b| {
            b.iter(|| {
                let mut day = NaiveDate::from_ymd_opt(2023, 4, 1).unwrap_or_default();
                for _ in 0..761 {
                    if let Ok(concern) = Concern::new(day, counting, Some(&table)) {
                        let _ = black_box(concern.plan(policy));
                    }
                    day = day.succ_opt().unwrap_or(day);
                }
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
