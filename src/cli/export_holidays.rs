//! `ladder holidays`: the bank holidays ladder counts working days with, for
//! a calendar and a run of years, as JSON or as an iCalendar file, so that
//! a workflow engine's own business calendar can load exactly the same
//! days.
//!
//! Exit status: 0 when the list was written, 2 when ladder could not run (a
//! year outside the calendar, an unusable `--holidays` file).

use std::io::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::calendar::{Calendar, Division};
use crate::deadline::weekday_name;

use super::Outcome;
use super::holidays::HolidayArgs;

#[derive(Debug, clap::Args)]
pub struct HolidaysArgs {
    /// The calendar: england-and-wales, scotland, northern-ireland or
    /// any-uk (the union of the three).
    #[arg(long, value_name = "CALENDAR", value_parser = super::holidays::parse_division)]
    pub calendar: Division,
    /// The first year to list.
    #[arg(long, value_name = "YEAR")]
    pub from: i32,
    /// The last year to list [default: the first].
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// `json` for programs, `ics` for calendars (Outlook, Google Calendar).
    #[arg(long, value_enum, default_value_t = HolidaysFormat::Json)]
    pub format: HolidaysFormat,
    /// Take the government's list of bank holidays into account, as
    /// `check` and `timeline` do: the bank-holidays.json file from
    /// <https://www.gov.uk/bank-holidays.json>.
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,
}

/// Output formats for `ladder holidays`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum HolidaysFormat {
    Json,
    Ics,
}

/// The version of the JSON written by `ladder holidays --format json`.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    calendar: &'static str,
    name: &'static str,
    from: i32,
    to: i32,
    holidays: Vec<Day<'a>>,
}

#[derive(Serialize)]
struct Day<'a> {
    date: String,
    weekday: &'static str,
    title: &'a str,
}

pub(super) fn run(args: &HolidaysArgs) -> Outcome {
    let to = args.to.unwrap_or(args.from);
    if to < args.from {
        eprintln!(
            "error: `--to {to}` is before `--from {}`; give the first year, then the last",
            args.from
        );
        return Outcome::Trouble;
    }
    let source = match (HolidayArgs {
        calendar: Some(args.calendar),
        holidays: args.holidays.clone(),
    })
    .load()
    {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let calendar = source
        .calendar_for(None)
        .unwrap_or_else(|| Calendar::builtin(args.calendar));
    let mut list = Vec::new();
    for year in args.from..=to {
        match calendar.holidays_in(year) {
            Ok(days) => list.extend(days),
            Err(e) => {
                eprintln!("error: {e}");
                if args.holidays.is_none() {
                    eprintln!(
                        "help: load the government's newer list of bank holidays with `--holidays FILE` (https://www.gov.uk/bank-holidays.json)"
                    );
                }
                return Outcome::Trouble;
            }
        }
    }
    let division = calendar.division();
    let out = match args.format {
        HolidaysFormat::Ics => crate::emit::ics::holidays(division, args.from, to, &list),
        HolidaysFormat::Json => {
            let document = Document {
                format_version: FORMAT_VERSION,
                calendar: division.name(),
                name: division.describe(),
                from: args.from,
                to,
                holidays: list
                    .iter()
                    .map(|h| Day {
                        date: h.date.format("%Y-%m-%d").to_string(),
                        weekday: weekday_name(h.date),
                        title: &h.title,
                    })
                    .collect(),
            };
            let mut text =
                serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_owned());
            text.push('\n');
            text
        }
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
