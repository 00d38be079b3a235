//! `ladder timeline`: the dates of every deadline for a concern raised on a
//! given date, as a table for people, as JSON or as an iCalendar file; with
//! `--cases`, for many concerns at once (`cases.rs`).
//!
//! Exit status: 0 when the timeline was written, 1 when the policy has
//! errors (they are printed and no timeline is produced), 2 when ladder
//! could not run: an unreadable file, an unusable `--holidays` file, or a
//! date outside the years the bank-holiday calendar knows.

use std::io::Write as _;
use std::path::PathBuf;

use chrono::{Datelike as _, NaiveDate};

use crate::checks::Options;
use crate::deadline::DeadlineError;
use crate::driver::check_source_with;

use crate::timeline;

use super::holidays::HolidayArgs;
use super::{Outcome, cases, files, parse_date};

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The date the concern was raised, as YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date,
          required_unless_present = "cases", conflicts_with = "cases")]
    pub raised: Option<NaiveDate>,
    /// Date many concerns at once: a CSV file (with a header row) or a JSON
    /// Lines file of cases, `-` for standard input; one record per case is
    /// written in the order read (see docs/timeline.md).
    #[arg(long, value_name = "FILE")]
    pub cases: Option<PathBuf>,
    /// How the `--cases` file is written [default: from its extension, or
    /// from its first line: `{` is JSON Lines].
    #[arg(long, value_enum, value_name = "FORMAT", requires = "cases")]
    pub cases_format: Option<CasesFormat>,
    /// The day each case's status is worked out for, as YYYY-MM-DD
    /// [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    #[command(flatten)]
    pub holidays: HolidayArgs,
    /// `human`: a table to read or paste into an e-mail; `json`: the same
    /// dates for other programs; `ics`: an iCalendar file of the deadlines.
    /// With `--cases`: `json` (the default) writes JSON Lines, `csv` one row
    /// per case [default: human, or json with --cases].
    #[arg(long, value_enum)]
    pub format: Option<TimelineFormat>,
}

/// Output formats for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    Human,
    Json,
    /// One row per case (with `--cases` only).
    Csv,
    /// An iCalendar file, one event per dated deadline.
    Ics,
}

/// How a `--cases` file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CasesFormat {
    Csv,
    Jsonl,
}

pub(super) fn run(args: &TimelineArgs) -> Outcome {
    let text = match files::read(&args.file) {
        Ok(text) => text,
        Err(files::Trouble(message)) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let source = match args.holidays.load() {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let checked = check_source_with(&text, &Options::new(today), &source);
    let shown = files::display(&args.file);
    let Some(policy) = checked.clean_policy() else {
        files::report_refusal(&checked, &shown, &text, "no timeline was produced");
        return Outcome::Failed;
    };
    let Some(raised) = args.raised else {
        return cases::run(args, policy, source, today);
    };
    if args.format == Some(TimelineFormat::Csv) {
        eprintln!("error: `--format csv` writes one row per case, so it needs `--cases FILE`");
        eprintln!("help: for one concern use `--format human`, `json` or `ics`");
        return Outcome::Trouble;
    }
    let calendar = source.calendar_for(policy.header.holidays);
    let timeline = match timeline::build(policy, raised, calendar.as_ref()) {
        Ok(timeline) => timeline,
        Err(e) => {
            eprintln!(
                "error: no timeline for a concern raised on {}: {e}",
                raised.format("%Y-%m-%d")
            );
            if matches!(e, DeadlineError::Calendar(_)) {
                eprintln!(
                    "help: load the government's newer list of bank holidays with `--holidays FILE` (https://www.gov.uk/bank-holidays.json)"
                );
            }
            return Outcome::Trouble;
        }
    };
    // ISO 8601 dates have four-digit years: a deadline past 9999 would be
    // written `+10000-01-02`, which nothing reads as a date.
    if let Some(late) = timeline
        .deadlines
        .iter()
        .filter_map(|d| d.date.as_ref())
        .find(|d| d.value.year() > 9999)
    {
        eprintln!(
            "error: no timeline for a concern raised on {}: its deadlines run past the year 9999 \
             (into {}), the last year ladder writes dates in; use a raise date before 9999",
            raised.format("%Y-%m-%d"),
            late.value.year()
        );
        return Outcome::Trouble;
    }
    let out = match args.format.unwrap_or(TimelineFormat::Human) {
        TimelineFormat::Human | TimelineFormat::Csv => timeline.human(),
        TimelineFormat::Json => timeline.json(),
        TimelineFormat::Ics => crate::emit::ics::timeline(policy, &timeline),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Outcome::Clean,
        Err(_) => Outcome::Trouble,
    }
}
