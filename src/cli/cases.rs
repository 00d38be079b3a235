//! `ladder timeline POLICY --cases FILE`: the deadlines and status of many
//! concerns in one run, streamed from a file or standard input to standard
//! output. The work is `crate::cases`; this file opens the streams and
//! reports the lines that could not be read on standard error.
//!
//! Exit status: 0 when every case was written, 1 when some line could not
//! be read and was skipped (the others are written), 2 when ladder could
//! not run (the cases file cannot be opened, or the output cannot be
//! written).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write as _};

use chrono::NaiveDate;

use crate::cases::{Batch, InputFormat, OutputFormat};
use crate::deadline::HolidaySource;
use crate::model::Policy;

use super::timeline::{CasesFormat, TimelineArgs, TimelineFormat};
use super::{Outcome, files};

/// Large enough that a million cases take a few thousand system calls.
const BUFFER: usize = 1 << 16;

pub(super) fn run(
    args: &TimelineArgs,
    policy: &Policy,
    source: HolidaySource,
    today: NaiveDate,
) -> Outcome {
    let Some(path) = &args.cases else {
        return Outcome::Trouble;
    };
    let output = match args.format.unwrap_or(TimelineFormat::Json) {
        TimelineFormat::Json => OutputFormat::JsonLines,
        TimelineFormat::Csv => OutputFormat::Csv,
        other => {
            let name = if other == TimelineFormat::Ics {
                "ics"
            } else {
                "human"
            };
            eprintln!("error: `--format {name}` is for one concern, not `--cases`");
            eprintln!(
                "help: with `--cases` use `--format json` (JSON Lines) or `--format csv`; for one concern use `--raised DATE`"
            );
            return Outcome::Trouble;
        }
    };
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        "standard input".to_owned()
    } else {
        files::display(path)
    };
    let format = match args.cases_format {
        Some(CasesFormat::Csv) => Some(InputFormat::Csv),
        Some(CasesFormat::Jsonl) => Some(InputFormat::JsonLines),
        None if stdin => None,
        None => InputFormat::from_extension(&shown),
    };
    let reader: Box<dyn BufRead> = if stdin {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(file) => Box::new(BufReader::with_capacity(BUFFER, file)),
            Err(e) => {
                eprintln!("error: cannot read `{shown}`: {e}");
                return Outcome::Trouble;
            }
        }
    };
    let writer = BufWriter::with_capacity(BUFFER, io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let mut report = |line: u64, message: &str| {
        let _ = writeln!(stderr, "error: {shown}:{line}: {message}");
    };
    let mut batch = Batch::new(policy, source, today);
    match batch.run(reader, format, output, writer, &mut report) {
        Ok(summary) if summary.skipped == 0 => Outcome::Clean,
        Ok(summary) => {
            eprintln!(
                "error: {} {} of `{shown}` could not be read and {} skipped; {} {} written",
                summary.skipped,
                if summary.skipped == 1 {
                    "line"
                } else {
                    "lines"
                },
                if summary.skipped == 1 { "was" } else { "were" },
                summary.written,
                if summary.written == 1 {
                    "case was"
                } else {
                    "cases were"
                },
            );
            Outcome::Failed
        }
        // The reader went away (`... | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(e) => {
            eprintln!("error: the cases could not be read or written: {e}");
            Outcome::Trouble
        }
    }
}
