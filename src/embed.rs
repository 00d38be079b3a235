//! Every output of ladder for one source text held in memory, as strings:
//! the browser editor's entry points (`wasm.rs` wraps each one for
//! JavaScript) and anything else that embeds ladder without files.
//!
//! Nothing here checks, dates or draws anything itself: each function runs
//! the same driver, renderer and emitters as the command line and returns
//! the bytes the matching `ladder` command prints, so the editor and the
//! CLI cannot disagree (a test compares them byte for byte). What the CLI
//! reads from the machine (today's date, files, the terminal) is passed in.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Division;
use crate::checks::Options;
use crate::deadline::{DeadlineError, HolidaySource};
use crate::diagnostic::{Diagnostic, Severity};
use crate::driver::{Checked, check_source_with};
use crate::format::FormatError;
use crate::render::{Prepared, Style};
use crate::report::{FileReport, Region};
use crate::span::LineIndex;

/// The width `ladder check` draws its reports at when its output is not a
/// terminal, which is how a page and a test both see it.
pub const HUMAN_WIDTH: usize = 100;

/// One source text and what the command line would have read around it.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The name shown in diagnostics, as the CLI shows a path.
    pub path: &'a str,
    pub text: &'a str,
    /// The date review dates are checked against (`--today`).
    pub today: NaiveDate,
    /// `--calendar`: count working days with this calendar instead of the
    /// one the policy's `holidays` line names.
    pub calendar: Option<Division>,
}

impl Source<'_> {
    fn holidays(&self) -> HolidaySource {
        HolidaySource {
            division: self.calendar,
            feed: None,
        }
    }

    /// Runs the whole pipeline, as every `ladder` command does first.
    #[must_use]
    pub fn checked(&self) -> Checked {
        check_source_with(self.text, &Options::new(self.today), &self.holidays())
    }
}

/// Reads a date written as YYYY-MM-DD, as the command line's date options
/// do; the message says what is wrong in words.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!(
            "`{text}` is not a date in the form YYYY-MM-DD, such as 2026-11-22"
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is written YYYY-MM-DD but there is no such day"))
}

/// Reads a calendar's name (`england-and-wales`, `scotland`,
/// `northern-ireland`, `any-uk`); an empty name means the policy's own.
pub fn parse_calendar(name: &str) -> Result<Option<Division>, String> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    Division::from_name(name).map(Some).ok_or_else(|| {
        let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
        format!(
            "`{name}` is not a bank-holiday calendar; use one of {}",
            names.join(", ")
        )
    })
}

/// What `ladder check --color never PATH` prints on standard output when it
/// is not a terminal: each diagnostic drawn for people, then the count.
#[must_use]
pub fn check_human(source: &Source<'_>) -> String {
    let checked = source.checked();
    let prepared = Prepared::new(source.path, source.text);
    let mut out = String::new();
    for diagnostic in &checked.diagnostics {
        out.push_str(&prepared.render(diagnostic, human()));
        out.push('\n');
    }
    out.push_str(&summary_line(&checked.diagnostics, checked.accepted.len()));
    out.push('\n');
    out
}

/// What `ladder check --format json PATH` prints.
#[must_use]
pub fn check_json(source: &Source<'_>) -> String {
    let checked = source.checked();
    crate::report::json::document(&[FileReport {
        path: source.path,
        source: source.text,
        diagnostics: &checked.diagnostics,
        accepted: &checked.accepted,
    }])
}

/// What `ladder check --format short PATH` prints.
#[must_use]
pub fn check_short(source: &Source<'_>) -> String {
    let checked = source.checked();
    let prepared = Prepared::new(source.path, source.text);
    checked
        .diagnostics
        .iter()
        .map(|d| prepared.render(d, Style::Short))
        .collect()
}

/// The last line of `ladder check` for one file: `checked 1 policy: 0
/// errors, 2 warnings`, with notes and accepted findings only when there
/// are some.
#[must_use]
pub fn summary_line(diagnostics: &[Diagnostic], accepted: usize) -> String {
    let mut totals = [0usize; 3];
    for d in diagnostics {
        totals[d.severity as usize] += 1;
    }
    crate::report::checked_line(1, totals, accepted)
}

fn human() -> Style {
    Style::Human {
        colour: false,
        width: HUMAN_WIDTH,
    }
}

/// The editor's view of a check: each diagnostic with where it is (lines
/// and columns from 1, and offsets in UTF-16 code units, which is how a
/// browser's editor counts), its words, and its report drawn as the CLI
/// draws it.
#[derive(Serialize)]
struct EditorReport<'a> {
    diagnostics: Vec<EditorDiagnostic<'a>>,
    summary: String,
    errors: usize,
    /// Whether the policy can be drawn, dated and compiled.
    clean: bool,
}

#[derive(Serialize)]
struct EditorDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    primary_label: Option<&'a str>,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Offsets in UTF-16 code units.
    from: usize,
    to: usize,
    /// The report `ladder check` draws, when asked for.
    rendered: Option<String>,
}

/// Checks a text for the editor: a JSON document of its diagnostics (see
/// `EditorReport`), each with the report `ladder check` would draw when
/// `rendered` is true. Drawing the reports takes as long as checking, so
/// the editor leaves it out while the manager types.
#[must_use]
pub fn check_for_editor(source: &Source<'_>, rendered: bool) -> String {
    let checked = source.checked();
    let prepared = Prepared::new(source.path, source.text);
    let index = LineIndex::new(source.text);
    let utf16 = Utf16::new(source.text);
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|d| {
            let region = Region::locate(&index, source.text, d.span);
            EditorDiagnostic {
                code: d.code.as_str(),
                name: d.code.slug(),
                severity: d.severity,
                message: &d.message,
                primary_label: d.primary_label.as_deref(),
                help: d.help.as_deref(),
                line: region.line,
                column: region.column,
                end_line: region.end_line,
                end_column: region.end_column,
                from: utf16.offset(region.start_byte),
                to: utf16.offset(region.end_byte),
                rendered: rendered.then(|| prepared.render(d, human())),
            }
        })
        .collect();
    let report = EditorReport {
        diagnostics,
        summary: summary_line(&checked.diagnostics, checked.accepted.len()),
        errors: checked.diagnostics.iter().filter(|d| d.is_error()).count(),
        clean: checked.clean_policy().is_some(),
    };
    serde_json::to_string(&report).unwrap_or_default()
}

/// Byte offsets to UTF-16 offsets, in one pass over the text.
struct Utf16 {
    /// For each character, its byte offset and its UTF-16 offset.
    starts: Vec<(usize, usize)>,
    len: (usize, usize),
}

impl Utf16 {
    fn new(text: &str) -> Self {
        let mut units = 0;
        let starts = text
            .char_indices()
            .map(|(byte, c)| {
                let at = (byte, units);
                units += c.len_utf16();
                at
            })
            .collect();
        Utf16 {
            starts,
            len: (text.len(), units),
        }
    }

    fn offset(&self, byte: usize) -> usize {
        if byte >= self.len.0 {
            return self.len.1;
        }
        let i = self.starts.partition_point(|&(b, _)| b <= byte);
        self.starts.get(i.saturating_sub(1)).map_or(0, |&(_, u)| u)
    }
}

/// What `ladder fmt` writes for the text, or, when the text has syntax
/// errors, the lines `ladder fmt` prints about them.
pub fn fmt(path: &str, text: &str) -> Result<String, String> {
    match crate::format::format(text) {
        Ok(formatted) => Ok(formatted),
        Err(FormatError::Syntax(diagnostics)) => {
            let prepared = Prepared::new(path, text);
            let mut out: String = diagnostics
                .iter()
                .map(|d| prepared.render(d, Style::Short))
                .collect();
            out.push_str(&format!(
                "error: `{path}` has syntax errors and was not formatted\n"
            ));
            Err(out)
        }
        Err(FormatError::WouldChangeMeaning(why)) => Err(format!(
            "error: `{path}` was not formatted: {why}. This is a bug in ladder; please report it with the file.\n"
        )),
    }
}

/// What the command line says on standard error when a policy has errors
/// and an output was refused: each error on one line, and what was not done.
#[must_use]
pub fn refusal(checked: &Checked, path: &str, text: &str, not_done: &str) -> String {
    let errors: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    let prepared = Prepared::new(path, text);
    let mut out: String = errors
        .iter()
        .map(|d| prepared.render(d, Style::Short))
        .collect();
    out.push_str(&format!(
        "error: `{path}` has {} {}, so {not_done} (run `ladder check {path}` for details)\n",
        errors.len(),
        if errors.len() == 1 { "error" } else { "errors" }
    ));
    out
}

/// The outputs made from a policy without errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// `ladder json`.
    Json,
    /// `ladder graph --format dot`.
    Dot,
    /// `ladder graph --format mermaid`: the chart as text.
    Mermaid,
}

/// What `ladder json` or `ladder graph` prints for the text, or what it
/// says on standard error when the policy has errors.
pub fn compile(source: &Source<'_>, output: Output) -> Result<String, String> {
    let checked = source.checked();
    let Some(policy) = checked.clean_policy() else {
        return Err(refusal(
            &checked,
            source.path,
            source.text,
            "nothing was produced from it",
        ));
    };
    Ok(match output {
        Output::Json => crate::emit::json::to_string(policy, source.text),
        Output::Dot => crate::emit::dot::to_string(policy),
        Output::Mermaid => crate::emit::mermaid::to_string(policy),
    })
}

/// What `ladder timeline --raised DATE` prints: the table for people, or
/// with `json` the same dates for programs. The error is what the command
/// line says instead.
pub fn timeline(source: &Source<'_>, raised: NaiveDate, json: bool) -> Result<String, String> {
    let checked = source.checked();
    let Some(policy) = checked.clean_policy() else {
        return Err(refusal(
            &checked,
            source.path,
            source.text,
            "no timeline was produced",
        ));
    };
    let calendar = source.holidays().calendar_for(policy.header.holidays);
    match crate::timeline::build(policy, raised, calendar.as_ref()) {
        Ok(timeline) => Ok(if json {
            timeline.json()
        } else {
            timeline.human()
        }),
        Err(e) => {
            let mut out = format!(
                "error: no timeline for a concern raised on {}: {e}\n",
                raised.format("%Y-%m-%d")
            );
            if matches!(e, DeadlineError::Calendar(_)) {
                out.push_str("help: load the government's newer list of bank holidays with `--holidays FILE` (https://www.gov.uk/bank-holidays.json)\n");
            }
            Err(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_a_curly_quote_as_one_unit_and_an_emoji_as_two() {
        let text = "a\u{201c}b\u{1f600}c";
        let u = Utf16::new(text);
        assert_eq!(u.offset(0), 0);
        assert_eq!(u.offset(1), 1);
        assert_eq!(u.offset(4), 2);
        assert_eq!(u.offset(5), 3);
        assert_eq!(u.offset(9), 5);
        assert_eq!(u.offset(text.len()), 6);
    }

    #[test]
    fn dates_and_calendars_are_read_as_the_command_line_reads_them() {
        assert!(parse_date("2026-12-24").is_ok());
        assert!(parse_date("24/12/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .contains("no such day")
        );
        assert_eq!(parse_calendar("").unwrap(), None);
        assert_eq!(
            parse_calendar("scotland").unwrap(),
            Some(Division::Scotland)
        );
        assert!(
            parse_calendar("wales")
                .unwrap_err()
                .contains("england-and-wales")
        );
    }
}
