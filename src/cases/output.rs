//! Writing one case: a JSON Lines record with the case's `deadlines` array
//! (the one `ladder timeline --format json` gives, copied from the cached
//! serialisation), or one CSV row for a spreadsheet.

use std::io::{self, Write};

use super::{Case, Entry, Verdict};
use crate::calendar::Division;
use crate::timeline::Deadline;

/// What to write for each case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per line, with every deadline.
    JsonLines,
    /// One CSV row per case, for a spreadsheet: the status, the first
    /// deadline missed and the next one due.
    Csv,
}

/// One case and what it comes to.
pub(super) struct Record<'a> {
    pub case: &'a Case<'a>,
    /// The calendar the deadlines were counted with.
    pub calendar: Option<Division>,
    /// The slug of the stage reached.
    pub stage: Option<&'a str>,
    pub entry: &'a Entry,
    pub verdict: &'a Verdict,
}

/// The CSV header row.
const CSV_COLUMNS: &str = "id,raised,calendar,stage,stage_entered,closed,status,days_overdue,\
first_missed_date,first_missed_stage,first_missed,next_due_date,next_due_stage,next_due,\
final_deadline_date,started_late\r\n";

pub(super) fn csv_header<W: Write>(w: &mut W) -> io::Result<()> {
    w.write_all(CSV_COLUMNS.as_bytes())
}

pub(super) fn write<W: Write>(format: OutputFormat, r: &Record<'_>, w: &mut W) -> io::Result<()> {
    match format {
        OutputFormat::JsonLines => json_line(r, w),
        OutputFormat::Csv => csv_row(r, w),
    }
}

fn json_str<W: Write>(w: &mut W, text: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *w, text).map_err(io::Error::other)
}

fn json_opt<W: Write>(w: &mut W, text: Option<&str>) -> io::Result<()> {
    match text {
        Some(text) => json_str(w, text),
        None => w.write_all(b"null"),
    }
}

/// A date as YYYY-MM-DD, written by hand: chrono's formatter parses its
/// pattern on every call, which a million cases notice.
fn day(date: Option<chrono::NaiveDate>) -> Option<String> {
    use chrono::Datelike as _;
    let d = date?;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let digits = |n: u32, width: u32, out: &mut String| {
        for place in (0..width).rev() {
            let digit = n / 10u32.pow(place) % 10;
            out.push(char::from_digit(digit, 10).unwrap_or('0'));
        }
    };
    let mut out = String::with_capacity(10);
    digits(year.unsigned_abs(), 4, &mut out);
    out.push('-');
    digits(d.month(), 2, &mut out);
    out.push('-');
    digits(d.day(), 2, &mut out);
    Some(out)
}

fn json_line<W: Write>(r: &Record<'_>, w: &mut W) -> io::Result<()> {
    let v = r.verdict;
    let object = |i: Option<usize>| {
        i.and_then(|i| r.entry.spans.get(i))
            .and_then(|span| r.entry.json.get(span.clone()))
    };
    w.write_all(b"{\"id\":")?;
    json_str(w, &r.case.id)?;
    w.write_all(b",\"raised\":")?;
    json_str(w, r.case.raised.trim())?;
    w.write_all(b",\"calendar\":")?;
    json_opt(w, r.calendar.map(Division::name))?;
    w.write_all(b",\"stage\":")?;
    json_opt(w, r.stage)?;
    w.write_all(b",\"stage_entered\":")?;
    json_opt(w, day(r.case.stage_entered).as_deref())?;
    w.write_all(b",\"closed\":")?;
    json_opt(w, day(r.case.closed).as_deref())?;
    w.write_all(b",\"status\":\"")?;
    w.write_all(v.status.as_str().as_bytes())?;
    w.write_all(b"\",\"next_due\":")?;
    w.write_all(object(v.next_due).unwrap_or("null").as_bytes())?;
    w.write_all(b",\"first_missed\":")?;
    w.write_all(object(v.first_missed).unwrap_or("null").as_bytes())?;
    w.write_all(b",\"days_overdue\":")?;
    match v.days_overdue {
        Some(n) => write!(w, "{n}")?,
        None => w.write_all(b"null")?,
    }
    w.write_all(b",\"started_late\":")?;
    w.write_all(match v.started_late {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    })?;
    w.write_all(b",\"deadlines\":")?;
    w.write_all(r.entry.json.as_bytes())?;
    w.write_all(b"}\n")
}

/// One CSV field: quoted when it holds a comma, a quote or a line break;
/// text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at
/// the start) is prefixed with `'`, as OWASP advises for CSV exports.
fn cell<W: Write>(w: &mut W, text: &str) -> io::Result<()> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\n', '\r']);
    if quote {
        w.write_all(b"\"")?;
    }
    if formula {
        w.write_all(b"'")?;
    }
    if quote {
        w.write_all(text.replace('"', "\"\"").as_bytes())?;
        w.write_all(b"\"")
    } else {
        w.write_all(text.as_bytes())
    }
}

fn date_of(d: Option<&Deadline>) -> Option<&str> {
    Some(d?.date.as_ref()?.date.as_str())
}

fn csv_row<W: Write>(r: &Record<'_>, w: &mut W) -> io::Result<()> {
    let v = r.verdict;
    let deadline = |i: Option<usize>| -> Option<&Deadline> { r.entry.deadlines.get(i?) };
    let missed = deadline(v.first_missed);
    let next = deadline(v.next_due);
    let last = deadline(r.entry.final_deadline);
    let days = v.days_overdue.map(|n| n.to_string());
    let entered = day(r.case.stage_entered);
    let closed = day(r.case.closed);
    let cells: [Option<&str>; 16] = [
        Some(&r.case.id),
        Some(r.case.raised.trim()),
        r.calendar.map(Division::name),
        r.stage,
        entered.as_deref(),
        closed.as_deref(),
        Some(v.status.as_str()),
        days.as_deref(),
        date_of(missed),
        missed.map(|d| d.stage_label.as_str()),
        missed.map(|d| d.what.as_str()),
        date_of(next),
        next.map(|d| d.stage_label.as_str()),
        next.map(|d| d.what.as_str()),
        date_of(last),
        v.started_late.map(|late| if late { "yes" } else { "no" }),
    ];
    for (i, text) in cells.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        if let Some(text) = text {
            cell(w, text)?;
        }
    }
    w.write_all(b"\r\n")
}
