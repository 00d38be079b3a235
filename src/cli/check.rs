//! `ladder check`: check policies and report every diagnostic.

use std::io::{IsTerminal, Write};

use crate::checks::Options;
use crate::diagnostic::{Diagnostic, Severity};
use crate::driver::{Checked, check_source_with};
use crate::render::{Prepared, Style};
use crate::report::{self, FileReport};

use super::{CheckArgs, Colour, Deny, Format, Outcome, files};

pub(super) fn run(args: &CheckArgs) -> Outcome {
    let paths = match files::collect(&args.paths) {
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
        review_warning_days: args.review_warning_days,
        ..Options::new(today)
    };
    let holidays = match args.holidays.load() {
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
    let machine = matches!(args.format, Format::Json | Format::Sarif | Format::Github);
    let mut collected: Vec<(String, String, Vec<Diagnostic>)> = Vec::new();
    for path in &paths {
        let shown = files::display(path);
        let text = match files::read(path) {
            Ok(text) => text,
            Err(files::Trouble(message)) => {
                eprintln!("error: {message}");
                trouble = true;
                continue;
            }
        };
        let diagnostics = diagnose(&text, &options, &holidays, &args.deny).diagnostics;
        for diagnostic in &diagnostics {
            failed |= diagnostic.is_error();
            totals[diagnostic.severity as usize] += 1;
        }
        if machine {
            // JSON and SARIF are one document for the whole run.
            collected.push((shown, text, diagnostics));
            continue;
        }
        if !print(&mut stdout, &shown, &text, &diagnostics, style) {
            return Outcome::Trouble;
        }
    }
    if machine {
        let reports: Vec<FileReport<'_>> = collected
            .iter()
            .map(|(path, source, diagnostics)| FileReport {
                path,
                source,
                diagnostics,
            })
            .collect();
        let out = match args.format {
            Format::Json => report::json::document(&reports),
            Format::Sarif => report::sarif::document(&reports, &|code| {
                super::explain_section(code).map(str::to_owned)
            }),
            _ => report::github::commands(&reports),
        };
        if stdout.write_all(out.as_bytes()).is_err() {
            return Outcome::Trouble;
        }
    } else if style != Style::Short {
        let _ = writeln!(stdout, "{}", checked_line(paths.len(), totals));
    }
    if trouble {
        Outcome::Trouble
    } else if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
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
) -> bool {
    let prepared = Prepared::new(shown, text);
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

/// `checked 5 policies: 0 errors, 43 warnings`, from totals by severity
/// (advice, warnings, errors).
pub(super) fn checked_line(policies: usize, totals: [usize; 3]) -> String {
    let [advice, warnings, errors] = totals;
    format!(
        "checked {}: {}, {}{}",
        count(policies, "policy", "policies"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
        if advice > 0 {
            format!(", {}", count(advice, "note", "notes"))
        } else {
            String::new()
        }
    )
}

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

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
