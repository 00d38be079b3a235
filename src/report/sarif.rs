//! `ladder check --format sarif`: a run as a SARIF 2.1.0 log, the format
//! GitHub code scanning (`github/codeql-action/upload-sarif`) and many
//! editors read.
//!
//! Every code is listed as a rule, with its title, its documentation section
//! as help and a link to it, so that code scanning can explain an alert
//! without ladder. Results point at repository-relative paths as given on
//! the command line. Columns count Unicode code points, which the run
//! declares. Nothing here checks or prints.

use serde_json::{Value, json};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

use super::{FileReport, Region, docs_anchor};

/// The whole run as a SARIF log, pretty-printed, ending in a newline.
/// `help` gives the documentation section of a code (in Markdown), when
/// there is one.
#[must_use]
pub fn document(files: &[FileReport<'_>], help: &dyn Fn(Code) -> Option<String>) -> String {
    document_with(files, help, super::DEFAULT_DOCS_URL)
}

/// The same, with each rule's `helpUri` into the diagnostics reference
/// published at `docs_url`.
#[must_use]
pub fn document_with(
    files: &[FileReport<'_>],
    help: &dyn Fn(Code) -> Option<String>,
    docs_url: &str,
) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|&code| rule(code, help, docs_url))
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for file in files {
        artifacts.push(json!({ "location": { "uri": uri(file.path) } }));
        let index = LineIndex::new(file.source);
        for diagnostic in file.diagnostics {
            results.push(result(file, &index, diagnostic));
        }
        // An accepted finding stays in the log, suppressed in the source
        // with the board's reason, so code scanning shows it as dismissed.
        for accepted in file.accepted {
            let mut suppressed = result(file, &index, &accepted.diagnostic);
            let at = Region::locate(&index, file.source, accepted.at);
            suppressed["suppressions"] = json!([{
                "kind": "inSource",
                "justification": accepted.reason,
                "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(file.path) },
                        "region": { "startLine": at.line, "startColumn": at.column },
                    }
                },
            }]);
            results.push(suppressed);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ladder",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

fn rule(code: Code, help: &dyn Fn(Code) -> Option<String>, docs_url: &str) -> Value {
    let docs = format!("docs/diagnostics.md#{}", docs_anchor(code));
    let link = super::docs_link(docs_url, code);
    let markdown = help(code).unwrap_or_else(|| format!("{}.\n\nSee <{link}>.", code.title()));
    let text = plain(&markdown);
    json!({
        "id": code.as_str(),
        "name": code.slug(),
        "shortDescription": { "text": code.title() },
        "fullDescription": { "text": code.title() },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(code.default_severity()) },
        "helpUri": link,
        "properties": { "documentation": docs },
    })
}

fn result(file: &FileReport<'_>, index: &LineIndex, diagnostic: &Diagnostic) -> Value {
    let region = |span| {
        let r = Region::locate(index, file.source, span);
        json!({
            "startLine": r.line,
            "startColumn": r.column,
            "endLine": r.end_line,
            "endColumn": r.end_column,
            "byteOffset": r.start_byte,
            "byteLength": r.end_byte - r.start_byte,
        })
    };
    let location = |span| {
        json!({
            "physicalLocation": {
                "artifactLocation": { "uri": uri(file.path) },
                "region": region(span),
            }
        })
    };
    let mut text = diagnostic.message.clone();
    if let Some(label) = &diagnostic.primary_label {
        text.push_str(" (");
        text.push_str(label);
        text.push(')');
    }
    if let Some(help) = &diagnostic.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|&c| c == diagnostic.code),
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [location(diagnostic.span)],
    });
    if !diagnostic.labels.is_empty() {
        let related: Vec<Value> = diagnostic
            .labels
            .iter()
            .zip(1..)
            .map(|(label, id)| {
                let mut related = location(label.span);
                related["id"] = json!(id);
                related["message"] = json!({ "text": label.message });
                related
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// A path as a relative URI reference: `/` kept, everything outside the
/// unreserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Markdown help as plain text: code fences and heading marks removed.
fn plain(markdown: &str) -> String {
    markdown
        .lines()
        .filter(|line| !line.starts_with("```"))
        .map(|line| line.trim_start_matches('#').trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}
