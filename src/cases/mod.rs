//! Deadlines for many concerns at once (`ladder timeline POLICY --cases
//! FILE`): each case read from a line is given the `deadlines` of its
//! timeline, the next one due, and its status as of a given day.
//!
//! The policy is checked once by the caller. Each case's deadlines are the
//! `timeline::build_with_table` rows for its raise date and calendar, the
//! same code as `ladder timeline`, so the shape and the dates cannot drift
//! apart; as a million cases are raised on at most a few thousand distinct
//! dates, a timeline is built once per date and calendar and kept, already
//! serialised, in a cache with a fixed bound. Cases are read and written one
//! line at a time, so memory does not grow with their number. Nothing here
//! prints: rows that cannot be read go to the caller's callback with their
//! line number. The formats are in docs/timeline.md.

mod input;
mod output;
mod status;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, BufRead, Read as _, Write};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

pub use input::{Case, Columns, InputFormat, parse_day, parse_moment, read_json, split_csv};
pub use output::OutputFormat;
pub use status::{Status, Verdict};

use status::{Place, Row};

use crate::calendar::{Calendar, Division};
use crate::deadline::{DayTable, HolidaySource};
use crate::model::Policy;
use crate::timeline::{self, Deadline, Event};

/// How many timelines are kept at once. A timeline depends only on the
/// raise date and the calendar; a few years of dates in four calendars fit.
/// When full the cache is emptied and refilled, so memory stays bounded
/// whatever the input.
const CACHE_LIMIT: usize = 8192;

/// The cache key of a calendar and a raise date, packed in one number.
fn cache_key(division: Option<Division>, raised: NaiveDate) -> u64 {
    let calendar: u64 = match division {
        None => 0,
        Some(Division::EnglandAndWales) => 1,
        Some(Division::Scotland) => 2,
        Some(Division::NorthernIreland) => 3,
        Some(Division::AnyUk) => 4,
    };
    // Days since 1 January of year 1 are positive for every date a
    // calendar knows; the cast keeps their bits.
    let day = u64::from(raised.num_days_from_ce().cast_unsigned());
    calendar << 32 | day
}

/// A hasher for `cache_key`s: one multiplication, where the default hasher
/// (built to resist chosen keys, which a raise date is not) costs more than
/// the rest of a case's lookup.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The longest line read as a case; a case is a few dozen bytes.
const LINE_LIMIT: u64 = 64 * 1024;

/// One timeline, ready to be written for every case raised on its date.
struct Entry {
    /// The deadlines, for CSV output; empty for JSON Lines, which needs
    /// only `json`, so that the cache holds twice as many timelines.
    deadlines: Vec<Deadline>,
    /// The `deadlines` array as compact JSON.
    json: String,
    /// Where each deadline's object is in `json`.
    spans: Vec<Range<usize>>,
    /// What the status needs of each deadline, in a compact form read for
    /// every case.
    rows: Vec<Row>,
    /// The index of the final deadline in `deadlines`, if there is one.
    final_deadline: Option<usize>,
}

/// Why a case was not written.
enum Trouble {
    /// The line cannot be read or dated: reported and skipped.
    Bad(String),
    /// The output cannot be written: the run stops.
    Write(io::Error),
}

impl From<String> for Trouble {
    fn from(message: String) -> Trouble {
        Trouble::Bad(message)
    }
}

/// Counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cases written.
    pub written: u64,
    /// Lines that could not be read or dated, and were skipped.
    pub skipped: u64,
}

/// The policy prepared for dating many cases.
///
/// # Examples
///
/// Two cases as CSV, one in Scotland, as of 4 January 2027; the second
/// line's Stage 1 should have concluded on 24 December 2026:
///
/// ```
/// use chrono::NaiveDate;
/// use ladder::cases::{Batch, InputFormat, OutputFormat};
/// use ladder::checks::Options;
/// use ladder::deadline::HolidaySource;
/// use ladder::driver::check_source;
///
/// let text = include_str!("../../tests/policies/chained-working-days.ladder");
/// let today = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
/// let checked = check_source(text, &Options::new(today));
/// let policy = checked.clean_policy().unwrap();
///
/// let input = "id,raised,calendar,stage\nC-1,2027-01-04T09:00,scotland,\nC-2,2026-12-22,,\nC-3,2026-02-30,,\n";
/// let mut output = Vec::new();
/// let mut bad = Vec::new();
/// let mut batch = Batch::new(policy, HolidaySource::default(), today);
/// let summary = batch
///     .run(input.as_bytes(), Some(InputFormat::Csv), OutputFormat::JsonLines, &mut output, &mut |line, message| {
///         bad.push(format!("line {line}: {message}"))
///     })
///     .unwrap();
/// assert_eq!((summary.written, summary.skipped), (2, 1));
/// assert_eq!(bad, ["line 4: case `C-3`: `raised` `2026-02-30` is written YYYY-MM-DD but there is no such day"]);
///
/// let records: Vec<serde_json::Value> = String::from_utf8(output)
///     .unwrap()
///     .lines()
///     .map(|line| serde_json::from_str(line).unwrap())
///     .collect();
/// assert_eq!(records[0]["status"], "on_time");
/// assert_eq!(records[0]["calendar"], "scotland");
/// assert_eq!(records[1]["status"], "overdue");
/// assert_eq!(records[1]["first_missed"]["date"]["date"], "2026-12-24");
/// assert_eq!(records[1]["days_overdue"], 11);
/// ```
pub struct Batch<'p> {
    policy: &'p Policy,
    source: HolidaySource,
    today: NaiveDate,
    /// The calendar and working-day table of each division asked for so
    /// far, made once.
    calendars: HashMap<Division, (Calendar, DayTable)>,
    /// Each stage's slug (`stage-2`), label and place, in `all_stages`
    /// order, to read a case's `stage` and to place deadlines.
    stages: Vec<(String, String, String, Place)>,
    cache: HashMap<u64, Entry, BuildHasherDefault<KeyHasher>>,
    /// Whether the cache keeps each timeline's deadlines (CSV output).
    keep_deadlines: bool,
}

impl<'p> Batch<'p> {
    /// Prepares `policy` (checked, without errors) for dating cases as of
    /// `today`, with the bank holidays `source` chooses; a case's own
    /// `calendar` overrides them.
    #[must_use]
    pub fn new(policy: &'p Policy, source: HolidaySource, today: NaiveDate) -> Batch<'p> {
        let main = policy.stages.len();
        let procedures: Vec<&str> = policy.procedures.iter().map(|p| p.name.as_str()).collect();
        let stages = policy
            .all_stages()
            .enumerate()
            .map(|(i, stage)| {
                let ladder = if i < main {
                    0
                } else {
                    stage
                        .key
                        .procedure
                        .as_deref()
                        .and_then(|p| procedures.iter().position(|q| *q == p))
                        .map_or(usize::MAX, |p| p + 1)
                };
                (
                    stage.key.slug(),
                    stage.label.clone(),
                    stage.key.id.clone(),
                    Place {
                        stage: Some(i),
                        ladder,
                    },
                )
            })
            .collect();
        Batch {
            policy,
            source,
            today,
            calendars: HashMap::new(),
            stages,
            cache: HashMap::default(),
            keep_deadlines: false,
        }
    }

    /// The stage a case names: its slug (`stage-2`, `threshold.step-1`), its
    /// label (`Stage 2`, any case), or the id of a main-ladder stage (`2`).
    fn stage_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.stages.iter().position(|(slug, label, id, place)| {
            slug == name
                || label.eq_ignore_ascii_case(name)
                || (place.ladder == 0 && id.eq_ignore_ascii_case(name))
        })
    }

    fn place(&self, deadline: &Deadline) -> Place {
        self.stages
            .iter()
            .find(|(slug, ..)| *slug == deadline.stage)
            .map_or(
                Place {
                    stage: None,
                    ladder: 0,
                },
                |(.., place)| *place,
            )
    }

    /// Makes sure the timeline of a concern raised on `raised` under
    /// `division`'s calendar is in the cache, under the key it returns.
    fn ensure(&mut self, raised: NaiveDate, division: Option<Division>) -> Result<u64, String> {
        let key = cache_key(division, raised);
        if !self.cache.contains_key(&key) {
            if self.cache.len() >= CACHE_LIMIT {
                self.cache.clear();
            }
            let calendar = match division {
                None => None,
                Some(d) => {
                    let source = &self.source;
                    let pair = self.calendars.entry(d).or_insert_with(|| {
                        let calendar = HolidaySource {
                            division: Some(d),
                            feed: source.feed.clone(),
                        }
                        .calendar_for(None)
                        .unwrap_or_else(|| Calendar::builtin(d));
                        let table = DayTable::new(&calendar);
                        (calendar, table)
                    });
                    Some(&*pair)
                }
            };
            let timeline = timeline::build_with_table(
                self.policy,
                raised,
                calendar.map(|(c, _)| c),
                calendar.map(|(_, t)| t),
            )
            .map_err(|e| {
                format!(
                    "no timeline for a concern raised on {}: {e}",
                    raised.format("%Y-%m-%d")
                )
            })?;
            let mut json = String::from("[");
            let mut spans = Vec::with_capacity(timeline.deadlines.len());
            for (i, d) in timeline.deadlines.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                let start = json.len();
                json.push_str(&serde_json::to_string(d).map_err(|e| e.to_string())?);
                spans.push(start..json.len());
            }
            json.push(']');
            let rows = timeline
                .deadlines
                .iter()
                .map(|d| Row {
                    date: d.date.as_ref().map(|day| day.value),
                    hard: d.hard,
                    start: d.event == Event::Start,
                    duty: d.event == Event::Duty,
                    place: self.place(d),
                })
                .collect();
            let final_deadline = timeline
                .final_deadline
                .as_ref()
                .and_then(|f| timeline.deadlines.iter().position(|d| d == f));
            self.cache.insert(
                key,
                Entry {
                    deadlines: if self.keep_deadlines {
                        timeline.deadlines
                    } else {
                        Vec::new()
                    },
                    json,
                    spans,
                    rows,
                    final_deadline,
                },
            );
        }
        Ok(key)
    }

    /// Dates every case read from `reader` and writes one record per case
    /// to `writer`, in the order read. A line that cannot be read or dated
    /// is passed to `bad` with its line number (counting from 1, the header
    /// row included) and skipped. `format` is the input's format, or `None`
    /// to tell from its first line. Only a failure to read or write stops
    /// the run.
    pub fn run<R: BufRead, W: Write>(
        &mut self,
        mut reader: R,
        format: Option<InputFormat>,
        output: OutputFormat,
        mut writer: W,
        bad: &mut dyn FnMut(u64, &str),
    ) -> io::Result<Summary> {
        if self.keep_deadlines != (output == OutputFormat::Csv) {
            self.keep_deadlines = output == OutputFormat::Csv;
            self.cache.clear();
        }
        let mut summary = Summary::default();
        let mut bytes = Vec::with_capacity(256);
        let mut number = 0u64;
        let mut format = format;
        let mut columns: Option<Columns> = None;
        if output == OutputFormat::Csv {
            output::csv_header(&mut writer)?;
        }
        loop {
            bytes.clear();
            if (&mut reader)
                .take(LINE_LIMIT)
                .read_until(b'\n', &mut bytes)?
                == 0
            {
                break;
            }
            number += 1;
            if bytes.last() != Some(&b'\n') && bytes.len() as u64 == LINE_LIMIT {
                // The rest of an over-long line is read and dropped, so a
                // file with no line breaks cannot fill the memory.
                while !bytes.ends_with(b"\n") {
                    bytes.clear();
                    if (&mut reader)
                        .take(LINE_LIMIT)
                        .read_until(b'\n', &mut bytes)?
                        == 0
                    {
                        break;
                    }
                }
                summary.skipped += 1;
                bad(
                    number,
                    "the line is longer than 64 KiB; a case is one short line",
                );
                continue;
            }
            let Ok(line) = std::str::from_utf8(&bytes) else {
                summary.skipped += 1;
                bad(number, "the line is not UTF-8 text; save the file as UTF-8");
                continue;
            };
            let line = line.trim_end_matches(['\n', '\r']);
            let line = if number == 1 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            if line.trim().is_empty() {
                continue;
            }
            let format = *format.get_or_insert_with(|| InputFormat::sniff(line));
            let case = match format {
                InputFormat::JsonLines => read_json(line),
                InputFormat::Csv => match &columns {
                    None => {
                        match Columns::from_header(line) {
                            Ok(found) => columns = Some(found),
                            Err(message) => {
                                // Without a header no row can be read.
                                summary.skipped += 1;
                                bad(number, &format!("{message}; no case was read"));
                                break;
                            }
                        }
                        continue;
                    }
                    Some(columns) => columns.read(line),
                },
            };
            let done = case
                .map_err(Trouble::Bad)
                .and_then(|case| self.one(&case, output, &mut writer));
            match done {
                Ok(()) => summary.written += 1,
                Err(Trouble::Bad(message)) => {
                    summary.skipped += 1;
                    bad(number, &message);
                }
                Err(Trouble::Write(e)) => return Err(e),
            }
        }
        writer.flush()?;
        Ok(summary)
    }

    /// Dates and writes one case.
    fn one<W: Write>(
        &mut self,
        case: &Case<'_>,
        output: OutputFormat,
        writer: &mut W,
    ) -> Result<(), Trouble> {
        let reached = match &case.stage {
            None => None,
            Some(name) => Some(self.stage_index(name).ok_or_else(|| {
                let slugs: Vec<&str> = self.stages.iter().map(|(s, ..)| s.as_str()).collect();
                format!(
                    "case `{}`: `{name}` is not a stage of the policy; use one of {}",
                    case.id,
                    slugs.join(", ")
                )
            })?),
        };
        let division = case
            .calendar
            .or_else(|| self.source.division_for(self.policy.header.holidays));
        let key = self
            .ensure(case.raised_date, division)
            .map_err(|e| format!("case `{}`: {e}", case.id))?;
        let Some(entry) = self.cache.get(&key) else {
            return Err(Trouble::Bad("the timeline could not be kept".to_owned()));
        };
        let at = reached
            .and_then(|i| self.stages.get(i))
            .map(|(.., place)| *place);
        let verdict = status::verdict(&entry.rows, case, at, self.today);
        let stage = reached
            .and_then(|i| self.stages.get(i))
            .map(|(s, ..)| s.as_str());
        let record = output::Record {
            case,
            calendar: division,
            stage,
            entry,
            verdict: &verdict,
        };
        output::write(output, &record, writer).map_err(Trouble::Write)
    }
}
