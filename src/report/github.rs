//! `ladder check --format github`: one GitHub Actions workflow command per
//! diagnostic (`::error file=...,line=...::message`), which the Actions
//! runner turns into annotations on the exact lines of a pull request.
//!
//! GitHub's escaping applies: in the message `%`, carriage return and line
//! feed are percent-encoded; in the properties `:` and `,` are as well.
//! Nothing here checks or prints.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

use super::{FileReport, Region};

/// Every diagnostic of a run as workflow commands, one line each.
#[must_use]
pub fn commands(files: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for file in files {
        let index = LineIndex::new(file.source);
        for diagnostic in file.diagnostics {
            out.push_str(&command(file, &index, diagnostic));
            out.push('\n');
        }
    }
    out
}

fn command(file: &FileReport<'_>, index: &LineIndex, diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    };
    let r = Region::locate(index, file.source, diagnostic.span);
    let title = format!("{} {}", diagnostic.code.as_str(), diagnostic.code.slug());
    let mut message = diagnostic.message.clone();
    if let Some(label) = &diagnostic.primary_label {
        let _ = write!(message, "\nline {}: {label}", r.line);
    }
    for label in &diagnostic.labels {
        let at = Region::locate(index, file.source, label.span);
        let _ = write!(message, "\nline {}: {}", at.line, label.message);
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\n\nhelp: {help}");
    }
    format!(
        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(file.path),
        r.line,
        r.column,
        r.end_line,
        r.end_column,
        property(&title),
        data(&message)
    )
}

/// GitHub's escaping for a command's message.
#[must_use]
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping for a property value.
#[must_use]
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
