//! `ladder check`: check policies and report every diagnostic; with
//! `--watch`, again each time a policy is saved.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crate::accept::Accepted;
use crate::checks::Options;
use crate::diagnostic::{Diagnostic, Severity};
use crate::driver::{Checked, check_source_with};
use crate::render::{Prepared, Style};
use crate::report::{self, FileReport, count};

use super::config::Config;
use super::{CheckArgs, Colour, Deny, Format, Outcome, files};

pub(super) fn run(args: &CheckArgs, config: &Config, quiet: bool) -> Outcome {
    // A flag on the command line overrides the key in ladder.toml.
    let named = if !args.paths.is_empty() {
        args.paths.clone()
    } else if !config.paths.is_empty() {
        config.paths.clone()
    } else {
        vec![PathBuf::from("policies")]
    };
    if args.watch {
        if named.iter().any(|p| files::is_stdin(p)) {
            eprintln!("error: `--watch` cannot watch standard input (`-`); name the files instead");
            return Outcome::Trouble;
        }
        return watch(args, config, &named, quiet);
    }
    once(args, config, &named, quiet)
}

/// What a watch compares: each file found, with its size and the time it
/// was last changed.
type Seen = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn seen(named: &[PathBuf]) -> Seen {
    files::collect(named)
        .unwrap_or_default()
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|m| m.modified().ok());
            (path, len, modified)
        })
        .collect()
}

/// Checks, then checks again whenever a file is saved, added or removed,
/// looking every half second (a poll: it needs no file-system events, so it
/// works the same on every system and in containers). Runs until
/// interrupted.
fn watch(args: &CheckArgs, config: &Config, named: &[PathBuf], quiet: bool) -> Outcome {
    let mut last = seen(named);
    once(args, config, named, quiet);
    eprintln!("watching for changes (press Ctrl-C to stop)");
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = seen(named);
        if now != last {
            last = now;
            outln!();
            once(args, config, named, quiet);
        }
    }
}

fn once(args: &CheckArgs, config: &Config, named: &[PathBuf], quiet: bool) -> Outcome {
    let deny = if args.deny.is_empty() {
        &config.deny
    } else {
        &args.deny
    };
    let paths = match files::collect(named) {
        Ok(paths) => paths,
        Err(files::Trouble(message)) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = Options {
        review_warning_days: args
            .review_warning_days
            .or(config.review_warning_days)
            .unwrap_or(crate::checks::DEFAULT_REVIEW_WARNING_DAYS),
        ..Options::new(today)
    };
    let mut holiday_args = args.holidays.clone();
    holiday_args.calendar = holiday_args.calendar.or(config.calendar);
    let holidays = match holiday_args.load() {
        Ok(holidays) => holidays,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    let style = style(args);
    let mut stdout = std::io::stdout().lock();
    let mut totals = [0usize; 3];
    let mut failed = false;
    let mut trouble = false;
    let mut unread = 0;
    let machine = matches!(args.format, Format::Json | Format::Sarif | Format::Github);
    let mut accepted_total = 0;
    let mut collected: Vec<(String, String, Vec<Diagnostic>, Vec<Accepted>)> = Vec::new();
    for path in &paths {
        let shown = files::shown(path, args.stdin_filename.as_deref());
        let text = match files::read(path) {
            Ok(text) => text,
            Err(files::Trouble(message)) => {
                eprintln!("error: {message}");
                trouble = true;
                unread += 1;
                continue;
            }
        };
        let checked = diagnose(&text, &options, &holidays, deny);
        let diagnostics = checked.diagnostics;
        for diagnostic in &diagnostics {
            failed |= diagnostic.is_error();
            totals[diagnostic.severity as usize] += 1;
        }
        accepted_total += checked.accepted.len();
        if machine {
            // JSON and SARIF are one document for the whole run.
            collected.push((shown, text, diagnostics, checked.accepted));
            continue;
        }
        let shown_accepted: Vec<Diagnostic> = if args.show_accepted {
            checked.accepted.iter().map(as_shown).collect()
        } else {
            Vec::new()
        };
        // `--quiet` shows errors only (a denied warning is one).
        let printed: Vec<Diagnostic> = diagnostics
            .into_iter()
            .chain(shown_accepted)
            .filter(|d| !quiet || d.is_error())
            .collect();
        if !print(
            &mut stdout,
            &shown,
            &text,
            &printed,
            style,
            config.docs_url(),
        ) {
            return Outcome::Trouble;
        }
    }
    if machine {
        let reports: Vec<FileReport<'_>> = collected
            .iter()
            .map(|(path, source, diagnostics, accepted)| FileReport {
                path,
                source,
                diagnostics,
                accepted,
            })
            .collect();
        let out = match args.format {
            Format::Json => report::json::document_with(&reports, config.docs_url()),
            Format::Sarif => {
                let root = std::env::current_dir()
                    .ok()
                    .map(|dir| dir.to_string_lossy().replace('\\', "/"));
                report::sarif::document_with(
                    &reports,
                    &|code| super::explain_section(code).map(str::to_owned),
                    &report::sarif::Settings {
                        docs_url: config.docs_url(),
                        root: root.as_deref(),
                    },
                )
            }
            _ => report::github::commands(&reports),
        };
        if stdout.write_all(out.as_bytes()).is_err() {
            return Outcome::Trouble;
        }
    } else if style != Style::Short && !quiet {
        let _ = writeln!(
            stdout,
            "{}{}",
            checked_line(paths.len() - unread, totals, accepted_total),
            // Not "0 errors" alone when a file was not checked at all.
            if unread > 0 {
                format!(", {} not read", count(unread, "file", "files"))
            } else {
                String::new()
            }
        );
    }
    if trouble {
        Outcome::Trouble
    } else if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

/// An accepted finding as `--show-accepted` shows it: a note, pointing also
/// at the `accept` line, with the board's reason as its help.
fn as_shown(accepted: &Accepted) -> Diagnostic {
    let mut shown = accepted.diagnostic.clone();
    shown.severity = Severity::Advice;
    shown.message = format!("accepted: {}", shown.message);
    shown.labels.push(crate::diagnostic::Label {
        span: accepted.at,
        message: "accepted here".to_owned(),
    });
    shown.help = Some(format!(
        "The board accepts this finding: \"{}\"",
        accepted.reason
    ));
    shown
}

/// Checks one text, with `--deny` turning the diagnostics it names into
/// errors (so that `clean_policy` refuses the policy). `build` checks
/// through here too, so it reports exactly what `check` does.
pub(super) fn diagnose(
    text: &str,
    options: &Options,
    holidays: &crate::deadline::HolidaySource,
    deny: &[Deny],
) -> Checked {
    let mut checked = check_source_with(text, options, holidays);
    for diagnostic in &mut checked.diagnostics {
        if denied(diagnostic, deny) {
            diagnostic.severity = Severity::Error;
        }
    }
    checked
}

/// Prints one file's diagnostics one by one, a blank line after each
/// unless short. False when standard output has gone away (a closed pipe,
/// `ladder check | head`, is not worth a panic).
pub(super) fn print(
    stdout: &mut impl Write,
    shown: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    style: Style,
    docs_url: &str,
) -> bool {
    let prepared = Prepared::new(shown, text).with_docs(docs_url);
    for diagnostic in diagnostics {
        let out = prepared.render(diagnostic, style);
        if stdout.write_all(out.as_bytes()).is_err() {
            return false;
        }
        if style != Style::Short {
            let _ = writeln!(stdout);
        }
    }
    true
}

pub(super) use crate::report::checked_line;

/// Whether `--deny` makes this diagnostic an error.
fn denied(diagnostic: &Diagnostic, deny: &[Deny]) -> bool {
    deny.iter().any(|d| match d {
        Deny::Warnings => diagnostic.severity == Severity::Warning,
        Deny::Code(code) => *code == diagnostic.code,
    })
}

fn style(args: &CheckArgs) -> Style {
    match args.format {
        // The machine formats do not render diagnostics one by one.
        Format::Short | Format::Json | Format::Sarif | Format::Github => Style::Short,
        Format::Plain => Style::Plain,
        Format::Human => human(args.color),
    }
}

/// The human style: colour on a terminal (unless `NO_COLOR`), as wide as
/// the terminal says.
pub(super) fn human(choice: Colour) -> Style {
    let terminal = std::io::stdout().is_terminal();
    let colour = match choice {
        Colour::Always => true,
        Colour::Never => false,
        Colour::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|_| terminal)
        .unwrap_or(100);
    Style::Human { colour, width }
}
