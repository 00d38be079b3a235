//! `ladder check --format json`: every diagnostic of a run as one JSON
//! document, described in `docs/diagnostics-json.md` and by the schema
//! `docs/diagnostics.schema.json`.
//!
//! The document carries a `format_version`; a change that could break a
//! reader (a field removed, renamed or given another meaning) raises it,
//! and new optional fields do not. Nothing here checks or prints.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{LineIndex, Span};

use super::{FileReport, Region, docs_anchor};

/// The version of the JSON diagnostics format.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format_version: u32,
    tool: Tool,
    files: Vec<&'a str>,
    diagnostics: Vec<Item<'a>>,
    /// Findings the policies accept, with the board's reasons.
    accepted: Vec<AcceptedItem<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct AcceptedItem<'a> {
    reason: &'a str,
    /// Where the `accept` line is.
    line: usize,
    column: usize,
    diagnostic: Item<'a>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Item<'a> {
    path: &'a str,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    location: Location,
    primary_label: Option<&'a str>,
    labels: Vec<LabelItem<'a>>,
    help: Option<&'a str>,
    docs: String,
    /// The same section where it is published (`docs-url`).
    docs_url: String,
}

#[derive(Serialize)]
struct LabelItem<'a> {
    message: &'a str,
    #[serde(flatten)]
    location: Location,
}

#[derive(Serialize)]
struct Location {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start_byte: usize,
    end_byte: usize,
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    advice: usize,
    accepted: usize,
}

/// The whole run as a JSON document, pretty-printed, ending in a newline.
#[must_use]
pub fn document(files: &[FileReport<'_>]) -> String {
    document_with(files, super::DEFAULT_DOCS_URL)
}

/// The same, with each diagnostic's `docs_url` into the diagnostics
/// reference published at `docs_url`.
#[must_use]
pub fn document_with(files: &[FileReport<'_>], docs_url: &str) -> String {
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    let mut items = Vec::new();
    let mut accepted_items = Vec::new();
    for file in files {
        let index = LineIndex::new(file.source);
        for diagnostic in file.diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Advice => summary.advice += 1,
            }
            items.push(item(file, &index, diagnostic, docs_url));
        }
        for accepted in file.accepted {
            summary.accepted += 1;
            let at = location(&index, file.source, accepted.at);
            accepted_items.push(AcceptedItem {
                reason: &accepted.reason,
                line: at.line,
                column: at.column,
                diagnostic: item(file, &index, &accepted.diagnostic, docs_url),
            });
        }
    }
    let document = Document {
        format_version: FORMAT_VERSION,
        tool: Tool {
            name: "ladder",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: files.iter().map(|f| f.path).collect(),
        diagnostics: items,
        accepted: accepted_items,
        summary,
    };
    // Serialising plain structs of strings and numbers cannot fail; an empty
    // object is still valid JSON if it somehow did.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

fn item<'a>(
    file: &FileReport<'a>,
    index: &LineIndex,
    diagnostic: &'a Diagnostic,
    docs_url: &str,
) -> Item<'a> {
    Item {
        path: file.path,
        code: diagnostic.code.as_str(),
        name: diagnostic.code.slug(),
        severity: diagnostic.severity,
        message: &diagnostic.message,
        location: location(index, file.source, diagnostic.span),
        primary_label: diagnostic.primary_label.as_deref(),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| LabelItem {
                message: &label.message,
                location: location(index, file.source, label.span),
            })
            .collect(),
        help: diagnostic.help.as_deref(),
        docs: format!("docs/diagnostics.md#{}", docs_anchor(diagnostic.code)),
        docs_url: super::docs_link(docs_url, diagnostic.code),
    }
}

fn location(index: &LineIndex, source: &str, span: Span) -> Location {
    let r = Region::locate(index, source, span);
    Location {
        line: r.line,
        column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
        start_byte: r.start_byte,
        end_byte: r.end_byte,
    }
}
