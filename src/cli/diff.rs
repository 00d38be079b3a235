//! `ladder diff OLD NEW`: what changed in meaning between two revisions of
//! a policy, for people (`human`), for a board paper (`markdown`) or for
//! tools (`json`).
//!
//! Exit status: 0 when nothing changed in meaning, 1 when something did, 2
//! when either file cannot be read or has errors (its errors are shown and
//! nothing is compared), as `diff` and `git diff --exit-code` do. The comparison itself is
//! `crate::diff`; this file only reads, checks and prints.

use std::io::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use crate::checks::Options;
use crate::diff::{Change, Section, diff};
use crate::driver::check_source;
use crate::model::Policy;

use super::{Outcome, files, parse_date};

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier revision of the policy.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later revision of the policy.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// How to show the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// The date to check review dates against, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

/// Output formats for `ladder diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A list of sentences under headings, for the terminal.
    Human,
    /// Markdown for a board paper or a pull request.
    Markdown,
    /// One JSON document, for tools.
    Json,
}

/// The version of `ladder diff --format json`.
const FORMAT_VERSION: u32 = 1;

pub(super) fn run(args: &DiffArgs, quiet: bool) -> Outcome {
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut texts = Vec::new();
    for path in [&args.old, &args.new] {
        match files::read(path) {
            Ok(text) => texts.push(text),
            Err(files::Trouble(message)) => {
                eprintln!("error: {message}");
                return Outcome::Trouble;
            }
        }
    }
    let mut policies = Vec::new();
    for (path, text) in [&args.old, &args.new].into_iter().zip(&texts) {
        let shown = files::display(path);
        let checked = check_source(text, &Options::new(today));
        if let Some(policy) = checked.clean_policy() {
            policies.push(policy.clone());
            continue;
        }
        files::report_refusal(&checked, &shown, text, "it cannot be compared");
    }
    let [old, new] = policies.as_slice() else {
        // A file with errors cannot be compared: ladder could not do what
        // was asked, which is not the same as "something changed".
        return Outcome::Trouble;
    };
    let changes = diff(old, new);
    let (old_path, new_path) = (files::display(&args.old), files::display(&args.new));
    let out = match args.format {
        DiffFormat::Human => human(&changes, &old_path, &new_path),
        DiffFormat::Markdown => markdown(&changes, new, &old_path, &new_path),
        DiffFormat::Json => json(&changes, &old_path, &new_path),
    };
    if !quiet && std::io::stdout().lock().write_all(out.as_bytes()).is_err() {
        return Outcome::Trouble;
    }
    if changes.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Failed
    }
}

/// The changes grouped under their sections, in section order.
fn grouped(changes: &[Change]) -> Vec<(Section, Vec<&Change>)> {
    let mut groups: Vec<(Section, Vec<&Change>)> = Vec::new();
    for change in changes {
        match groups.last_mut() {
            Some((section, list)) if *section == change.section => list.push(change),
            _ => groups.push((change.section, vec![change])),
        }
    }
    groups
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 change in meaning".to_owned()
    } else {
        format!("{n} changes in meaning")
    }
}

fn human(changes: &[Change], old: &str, new: &str) -> String {
    if changes.is_empty() {
        return format!("no change in meaning from {old} to {new}\n");
    }
    let mut out = format!("changes in meaning from {old} to {new}:\n");
    for (section, list) in grouped(changes) {
        out.push('\n');
        out.push_str(section.heading());
        out.push('\n');
        for change in list {
            out.push_str("  - ");
            out.push_str(&change.text);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&count(changes.len()));
    out.push('\n');
    out
}

fn markdown(changes: &[Change], policy: &Policy, old: &str, new: &str) -> String {
    let title = policy.header.title.as_deref().unwrap_or("the procedure");
    let mut out = format!("# Changes to the {}\n\n", escape(title));
    if let Some(board) = &policy.header.board {
        out.push_str(&escape(board));
        if let Some(short) = &policy.header.board_short {
            out.push_str(&format!(" ({})", escape(short)));
        }
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "Compared: `{}` (current) with `{}` (proposed).\n\n",
        code_span(old),
        code_span(new)
    ));
    if changes.is_empty() {
        out.push_str("No change in meaning: the two versions describe the same procedure.\n");
        return out;
    }
    out.push_str(&format!("{}:\n", capitalise(&count(changes.len()))));
    for (section, list) in grouped(changes) {
        out.push_str(&format!("\n## {}\n\n", section.heading()));
        for change in list {
            out.push_str(&format!("- {}\n", escape(&change.text)));
        }
    }
    out
}

/// Escapes Markdown outside the backtick code spans the sentences use for
/// names, so that text copied from a policy cannot turn into formatting.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        for c in part.chars() {
            if "\\*_[]<>#|~".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A path inside a code span: backticks cannot be escaped there.
fn code_span(text: &str) -> String {
    text.replace('`', "'")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    old: &'a str,
    new: &'a str,
    changed: bool,
    changes: &'a [Change],
}

fn json(changes: &[Change], old: &str, new: &str) -> String {
    let document = Document {
        format_version: FORMAT_VERSION,
        old,
        new,
        changed: !changes.is_empty(),
        changes,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}
