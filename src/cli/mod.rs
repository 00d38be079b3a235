//! The command line: argument definitions and dispatch to one file per
//! subcommand.
//!
//! This is the only layer that prints or decides exit codes. Exit codes:
//! 0 clean or warnings only, 1 a policy has errors (or warnings under
//! `--deny`), 2 the tool could not run (bad usage, unreadable file).

mod check;
mod explain;

pub use explain::section as explain_section;
mod files;

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
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to check, and folders to search for `*.ladder` files.
    #[arg(value_name = "PATH", default_value = "policies")]
    pub paths: Vec<std::path::PathBuf>,
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
    /// When to use colour in `human` output [default: auto: only on a
    /// terminal, and never when NO_COLOR is set].
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code, such as `L020`, or its name, such as `unknown-name`.
    pub code: String,
}

/// Output formats for diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Boxes and arrows pointing into the file, for people.
    Human,
    /// The same information as sentences, for screen readers and logs.
    Plain,
    /// One line per diagnostic: path:line:column: severity[CODE]: message.
    Short,
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

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date in the form YYYY-MM-DD, such as 2026-11-22"))
}

fn parse_deny(text: &str) -> Result<Deny, String> {
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
    match args.command {
        Command::Check(check) => check::run(&check),
        Command::Explain(explain) => explain::run(&explain),
    }
}
