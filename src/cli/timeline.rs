//! `ladder timeline`: the dates of every deadline for a concern raised on a
//! given date, as a table for people or as JSON.
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
use super::{Outcome, files, parse_date};

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The date the concern was raised, as YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub raised: NaiveDate,
    #[command(flatten)]
    pub holidays: HolidayArgs,
    /// `human`: a table to read or paste into an e-mail; `json`: the same
    /// dates for other programs.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Human)]
    pub format: TimelineFormat,
}

/// Output formats for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    Human,
    Json,
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
    let today = chrono::Local::now().date_naive();
    let checked = check_source_with(&text, &Options::new(today), &source);
    let shown = files::display(&args.file);
    let Some(policy) = checked.clean_policy() else {
        files::report_refusal(&checked, &shown, &text, "no timeline was produced");
        return Outcome::Failed;
    };
    let calendar = source.calendar_for(policy.header.holidays);
    let timeline = match timeline::build(policy, args.raised, calendar.as_ref()) {
        Ok(timeline) => timeline,
        Err(e) => {
            eprintln!(
                "error: no timeline for a concern raised on {}: {e}",
                args.raised.format("%Y-%m-%d")
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
            args.raised.format("%Y-%m-%d"),
            late.value.year()
        );
        return Outcome::Trouble;
    }
    let out = match args.format {
        TimelineFormat::Human => timeline.human(),
        TimelineFormat::Json => timeline.json(),
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
