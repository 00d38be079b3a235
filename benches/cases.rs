//! Throughput of `ladder timeline --cases`: a million generated cases dated
//! against a working-day policy in all three UK calendars, written as JSON
//! Lines and as CSV to a sink. Run with `cargo bench --bench cases`; under
//! `/usr/bin/time -v` it also shows the peak memory, which must not grow
//! with the number of cases (`cargo bench --bench cases -- 4000000`).
//!
//! The cases are made line by line as they are read, so the input is never
//! held in memory either; the goal is 500,000 cases a second.

use std::io::{self, BufRead, Read, Write as _};
use std::time::Instant;

use chrono::NaiveDate;
use ladder::cases::{Batch, InputFormat, OutputFormat};
use ladder::checks::Options;
use ladder::deadline::HolidaySource;
use ladder::driver::check_source;

/// Cases written as CSV, one line at a time, as a reader.
struct Generated {
    /// Two years of raise dates as text, made once.
    dates: Vec<String>,
    next: u64,
    count: u64,
    line: Vec<u8>,
    at: usize,
}

impl Generated {
    fn new(count: u64) -> Generated {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        let dates = (0..760)
            .map(|n| {
                (start + chrono::Days::new(n))
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .collect();
        Generated {
            dates,
            next: 0,
            count,
            line: b"id,raised,calendar,stage,stage_entered,closed\n".to_vec(),
            at: 0,
        }
    }

    fn refill(&mut self) {
        if self.at < self.line.len() || self.next >= self.count {
            return;
        }
        let i = self.next;
        self.next += 1;
        // Two years of raise dates (Christmas, Easter and every 2026 bank
        // holiday among them), the calendars and stages in turn.
        let raised = (i * 7919 % 730) as usize;
        let calendar = ["", "scotland", "northern-ireland", "england-and-wales"][(i % 4) as usize];
        let stage = ["", "stage-1", "stage-2", "stage-3", "Stage 2"][(i % 5) as usize];
        let closed = if i.is_multiple_of(7) {
            self.dates[raised + 20].as_str()
        } else {
            ""
        };
        self.line.clear();
        let _ = writeln!(
            self.line,
            "CASE-{i:08},{}T09:30,{calendar},{stage},,{closed}",
            self.dates[raised]
        );
        self.at = 0;
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Generated {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.refill();
        Ok(&self.line[self.at..])
    }

    fn consume(&mut self, amt: usize) {
        self.at += amt;
    }
}

/// Counts the bytes written and drops them.
struct Sink(u64);

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[allow(clippy::cast_precision_loss)] // a rate to print, not an exact count
fn main() {
    let count: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let text = include_str!("../tests/policies/chained-working-days.ladder");
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
    let checked = check_source(text, &Options::new(today));
    let Some(policy) = checked.clean_policy() else {
        eprintln!("the benchmark policy has errors");
        std::process::exit(1);
    };
    for (name, output) in [
        ("JSON Lines", OutputFormat::JsonLines),
        ("CSV", OutputFormat::Csv),
    ] {
        let mut batch = Batch::new(policy, HolidaySource::default(), today);
        let mut sink = Sink(0);
        let mut bad = 0u64;
        let started = Instant::now();
        let summary = batch
            .run(
                io::BufReader::with_capacity(1 << 16, Generated::new(count)),
                Some(InputFormat::Csv),
                output,
                io::BufWriter::with_capacity(1 << 16, &mut sink),
                &mut |_, _| bad += 1,
            )
            .unwrap_or_default();
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name}: {} cases in {seconds:.2} s: {:.0} cases/s, {:.0} MB written, {bad} bad",
            summary.written,
            summary.written as f64 / seconds,
            sink.0 as f64 / 1e6,
        );
    }
}
