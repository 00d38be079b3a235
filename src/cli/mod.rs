//! The command line: argument definitions and dispatch to one file per
//! subcommand.
//!
//! This is the only layer that prints or decides exit codes. Exit codes:
//! 0 clean or warnings only, 1 a policy has errors (or warnings under
//! `--deny`), 2 the tool could not run (bad usage, unreadable file).

/// `println!` without its panic: when the reader has gone away
/// (`ladder fmt --diff | head`), the rest of the output is dropped quietly,
/// as other command-line tools do, instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` without its panic; see `outln!`.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod check;
pub mod config;
mod explain;

pub use explain::section as explain_section;
mod bpmn;
mod build;
mod cases;
mod diff;
mod export_holidays;
mod files;
mod fmt;
mod graph;
mod holidays;
mod json;
mod lean_graphviz;
mod manual;
mod parallel;
mod timeline;
mod write;

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

/// What a run ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Clean, or warnings only.
    Clean,
    /// A policy has errors, or warnings under `--deny`.
    Failed,
    /// The tool could not run.
    Trouble,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Failed => ExitCode::from(1),
            Outcome::Trouble => ExitCode::from(2),
        }
    }
}

/// Check and compile multi-agency escalation procedures written in the
/// ladder language.
#[derive(Debug, Parser)]
#[command(name = "ladder", version, about, long_about = None, propagate_version = true)]
pub struct Args {
    /// Read settings from this file instead of the `ladder.toml` found in
    /// the current folder or the nearest folder above it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Print less: `check` prints errors only (no warnings, notes or
    /// summary), `fmt` and `diff` print nothing; the exit status is the same.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check policies and report every problem found.
    ///
    /// Exit status: 0 when no policy has errors (warnings are allowed), 1 when
    /// a policy has errors (or warnings under --deny), 2 when ladder could not
    /// run (a path that does not exist, a file that cannot be read).
    Check(CheckArgs),
    /// Explain a diagnostic code, such as L020, with an example and the fix.
    Explain(ExplainArgs),
    /// The date of every deadline for a concern raised on a given date:
    /// each stage's start-by and conclude-by, each timed duty, and the final
    /// deadline, with weekends and bank holidays skipped for working days.
    /// With --cases, the deadlines and status of many concerns at once.
    ///
    /// Exit status: 0 when the timeline was written, 1 when the policy has
    /// errors (nothing is written) or, with --cases, some line could not be
    /// read (the others are written), 2 when ladder could not run (an
    /// unreadable file, or a date outside the years the bank-holiday
    /// calendar knows).
    Timeline(timeline::TimelineArgs),
    /// Compile a policy to JSON for case-management systems and workflow
    /// engines (the format is described in docs/json.md).
    ///
    /// Exit status: 0 when the JSON was written, 1 when the policy has errors
    /// (nothing is written), 2 when ladder could not run.
    Json(JsonArgs),
    /// Draw a policy as a flowchart: DOT or Mermaid text, or SVG, PNG or PDF
    /// drawn by Graphviz (`dot` must be installed for those).
    ///
    /// Exit status: 0 when the chart was written, 1 when the policy has errors
    /// (nothing is written), 2 when ladder could not run (no Graphviz, an
    /// unwritable output path).
    Graph(GraphArgs),
    /// Build the site a board publishes into a folder: index.html and, for
    /// each policy, NAME.html (its page: facts, flowchart, the procedure in
    /// words), NAME.json, NAME.bpmn, NAME.dot, NAME.mmd and, with Graphviz,
    /// NAME.svg (and NAME.pdf with --pdf).
    ///
    /// Prints what `check` would first. A policy with errors produces nothing
    /// (the files of the last build it passed are kept, and the index says it
    /// is being revised) and the others are still built. Exit
    /// status: 0 all built, 1 a policy has errors (or warnings under
    /// --deny), 2 ladder could not run.
    Build(BuildArgs),
    /// Rewrite policies in the canonical layout, keeping every word and
    /// every comment.
    ///
    /// Exit status with --check or --diff: 0 when every file is formatted, 1
    /// when some file would change (or has syntax errors).
    Fmt(FmtArgs),
    /// Show what changed in meaning between two revisions of a policy:
    /// stages, time limits, leads, duties, exceptions, forms, contacts and
    /// dates. Layout and comments do not count.
    ///
    /// Exit status: 0 when nothing changed in meaning, 1 when something did,
    /// 2 when either file cannot be read or has errors (its errors are
    /// shown instead).
    Diff(diff::DiffArgs),
    /// Compile a policy to a BPMN 2.0 process that workflow engines
    /// (Camunda 8, Flowable, `SpiffWorkflow`) execute and modellers open
    /// (the mapping is described in docs/bpmn.md).
    ///
    /// Exit status: 0 when the BPMN was written, 1 when the policy has errors
    /// (nothing is written), 2 when ladder could not run.
    Bpmn(bpmn::BpmnArgs),
    /// List the bank holidays ladder counts working days with, for a
    /// calendar and a run of years, as JSON or as an iCalendar file (see
    /// docs/timeline.md).
    ///
    /// Exit status: 0 when the list was written, 2 when ladder could not run
    /// (a year outside the calendar, an unusable `--holidays` file).
    Holidays(export_holidays::HolidaysArgs),
    /// Print a shell completion script: `ladder completions bash >
    /// ~/.local/share/bash-completion/completions/ladder`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`: `ladder man > ladder.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct JsonArgs {
    /// The policy file to compile.
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long = "output", value_name = "OUT")]
    pub output: Option<std::path::PathBuf>,
    /// The date to check review dates against, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// The policy file to draw.
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// What to write: DOT or Mermaid text, or a drawing made by Graphviz.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long = "output", value_name = "OUT")]
    pub output: Option<std::path::PathBuf>,
    /// The date to check review dates against, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

/// Output formats for `ladder graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT text.
    Dot,
    /// SVG drawn by Graphviz.
    Svg,
    /// PNG drawn by Graphviz.
    Png,
    /// PDF drawn by Graphviz.
    Pdf,
    /// Mermaid flowchart text.
    Mermaid,
}

impl GraphFormat {
    /// The file extension, which is also Graphviz's `-T` name.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
            GraphFormat::Png => "png",
            GraphFormat::Pdf => "pdf",
            GraphFormat::Mermaid => "mmd",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Policy files, and folders to search for `*.ladder` files.
    #[arg(value_name = "PATH", default_value = "policies")]
    pub paths: Vec<std::path::PathBuf>,
    /// The folder to build into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,
    /// The date for review dates and the review status on the pages, as
    /// YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Treat warnings as errors, as `check --deny` does: `--deny warnings`
    /// or a code such as `--deny L060`; nothing is built from a policy they
    /// make fail. May be repeated.
    #[arg(long, value_name = "warnings|CODE", value_parser = parse_deny)]
    pub deny: Vec<Deny>,
    /// Warn (L063) this many days before the review date falls due; 0 turns
    /// the warning off [default: `review-warning-days` in ladder.toml, or
    /// else 90].
    #[arg(long, value_name = "N")]
    pub review_warning_days: Option<u32>,
    /// When to use colour in the diagnostics (auto: only on a terminal, and
    /// never when `NO_COLOR` is set).
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
    /// Also draw each flowchart as a PDF with Graphviz (NAME.pdf), listed in
    /// the page's downloads. It needs Graphviz's font plugins, so each chart
    /// takes about four times as long;
    /// without it, a policy's page still prints (or saves as PDF) from the
    /// browser as an A4 leaflet.
    #[arg(long)]
    pub pdf: bool,
    #[command(flatten)]
    pub holidays: holidays::HolidayArgs,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to check, and folders to search for `*.ladder` files; `-`
    /// reads a policy from standard input [default: `paths` in ladder.toml,
    /// or else `policies`].
    #[arg(value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,
    /// The name to show for the policy read from standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<std::path::PathBuf>,
    /// Check again each time a policy is saved (checking every half second
    /// for a change), until interrupted with Ctrl-C.
    #[arg(long, conflicts_with = "stdin_filename")]
    pub watch: bool,
    /// The date to check review dates against, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Fail (exit 1) on warnings too: `--deny warnings` for all of them, or a
    /// code such as `--deny L060` for one. May be repeated.
    #[arg(long, value_name = "warnings|CODE", value_parser = parse_deny)]
    pub deny: Vec<Deny>,
    /// How to show diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show the findings the policies accept (`accept L044 "..."`), each
    /// with its reason, as well as those still reported.
    #[arg(long)]
    pub show_accepted: bool,
    /// Warn (L063) this many days before the review date falls due; 0 turns
    /// the warning off [default: `review-warning-days` in ladder.toml, or
    /// else 90].
    #[arg(long, value_name = "N")]
    pub review_warning_days: Option<u32>,
    /// When to use colour in `human` output [default: auto: only on a
    /// terminal, and never when `NO_COLOR` is set].
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
    #[command(flatten)]
    pub holidays: holidays::HolidayArgs,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files to format, and folders to search for `*.ladder` files; `-`
    /// formats standard input to standard output.
    #[arg(value_name = "PATH", default_value = "policies")]
    pub paths: Vec<std::path::PathBuf>,
    /// The name to show for the policy read from standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<std::path::PathBuf>,
    /// Write nothing; exit 1 and list the files that are not formatted.
    #[arg(long)]
    pub check: bool,
    /// Write nothing; show the changes formatting would make as a unified diff.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code, such as `L020`, or its name, such as `unknown-name`; with
    /// none, every code is listed with its title.
    pub code: Option<String>,
    /// Print Markdown as written, or text for a terminal [default: text on
    /// a terminal, Markdown otherwise].
    #[arg(long, value_enum)]
    pub format: Option<ExplainFormat>,
}

/// How `ladder explain` prints a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// The Markdown of docs/diagnostics.md, as written.
    Markdown,
    /// Text for a terminal: headings underlined, code indented, no marks.
    Text,
}

/// Output formats for diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Boxes and arrows pointing into the file, for people.
    Human,
    /// The same information as sentences, for screen readers and logs.
    Plain,
    /// One line per diagnostic: path:line:column: severity[CODE]: message.
    // The text is also `--help`'s, where a backslash would show.
    #[allow(rustdoc::broken_intra_doc_links)]
    Short,
    /// One JSON document for the whole run (see docs/diagnostics-json.md).
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning and editors.
    Sarif,
    /// GitHub Actions workflow commands, which annotate the lines of a pull
    /// request.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    Auto,
    Always,
    Never,
}

/// What `--deny` makes fatal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    Warnings,
    Code(crate::code::Code),
}

/// A date option (`--raised`, `--today`): exactly YYYY-MM-DD. chrono alone
/// reads `26-01-05` as the year 26, which then runs off the bank-holiday
/// calendar with a confusing message, so the shape is checked first.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())));
    if !shaped {
        let hint = match parts.as_slice() {
            [y, _, _] if y.len() == 2 && y.bytes().all(|b| b.is_ascii_digit()) => {
                format!(" (write the year in full: 20{text})")
            }
            _ => String::new(),
        };
        return Err(format!(
            "`{text}` is not a date in the form YYYY-MM-DD, such as 2026-11-22{hint}"
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is written YYYY-MM-DD but there is no such day"))
}

pub(crate) fn parse_deny(text: &str) -> Result<Deny, String> {
    if text.eq_ignore_ascii_case("warnings") {
        return Ok(Deny::Warnings);
    }
    crate::code::Code::parse(text)
        .map(Deny::Code)
        .ok_or_else(|| format!("`{text}` is neither `warnings` nor a diagnostic code such as L060 (see `ladder explain`)"))
}

/// Runs the parsed command line.
#[must_use]
pub fn run(args: Args) -> Outcome {
    let config = match config::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let quiet = args.quiet;
    match args.command {
        Command::Check(check) => check::run(&check, &config, quiet),
        Command::Timeline(mut args) => {
            args.holidays.calendar = args.holidays.calendar.or(config.calendar);
            timeline::run(&args)
        }
        Command::Explain(explain) => explain::run(&explain, &config),
        Command::Json(args) => json::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Build(args) => build::run(&args, &config),
        Command::Fmt(args) => fmt::run(&args, quiet),
        Command::Bpmn(args) => bpmn::run(&args),
        Command::Diff(args) => diff::run(&args, quiet),
        Command::Completions(args) => manual::completions(args.shell),
        Command::Man => manual::man(),
        Command::Holidays(args) => export_holidays::run(&args),
    }
}
