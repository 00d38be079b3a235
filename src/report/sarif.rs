//! `ladder check --format sarif`: a run as a SARIF 2.1.0 log, the format
//! GitHub code scanning (`github/codeql-action/upload-sarif`) and many
//! editors read.
//!
//! Every code is listed as a rule, with its title, its documentation section
//! as help and a link to it, so that code scanning can explain an alert
//! without ladder. A relative path is a relative URI with the base
//! `%SRCROOT%` (the folder ladder ran in, given in `originalUriBaseIds`), so
//! code scanning maps it into the repository; an absolute path, or one
//! outside that folder, is a `file://` URI. Each result has a fingerprint
//! made from its code and the text of the line it points at (not the line
//! number), so an alert keeps its identity when lines are added elsewhere.
//! Accepted findings are kept as suppressed results. Columns count Unicode
//! code points, which the run declares. Nothing here checks or prints.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

use super::{FileReport, Region, docs_anchor};

/// The name of the fingerprint ladder computes, with its version: a change
/// to how it is computed changes the version, so old alerts are not
/// matched to new ones by a different rule.
pub const FINGERPRINT: &str = "ladderFinding/v1";

/// What a log is written with, besides the findings.
#[derive(Clone, Copy, Debug)]
pub struct Settings<'a> {
    /// Where the diagnostics reference is published (each rule's `helpUri`).
    pub docs_url: &'a str,
    /// The folder ladder ran in, as an absolute path with `/` separators:
    /// the `%SRCROOT%` that relative paths are relative to. `None` leaves
    /// the base to the consumer (GitHub uses the repository's root).
    pub root: Option<&'a str>,
}

impl Default for Settings<'_> {
    fn default() -> Self {
        Settings {
            docs_url: super::DEFAULT_DOCS_URL,
            root: None,
        }
    }
}

/// The whole run as a SARIF log, pretty-printed, ending in a newline.
/// `help` gives the documentation section of a code (in Markdown), when
/// there is one.
#[must_use]
pub fn document(files: &[FileReport<'_>], help: &dyn Fn(Code) -> Option<String>) -> String {
    document_with(files, help, &Settings::default())
}

/// The same, with the documentation address and the folder ladder ran in.
#[must_use]
pub fn document_with(
    files: &[FileReport<'_>],
    help: &dyn Fn(Code) -> Option<String>,
    settings: &Settings<'_>,
) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|&code| rule(code, help, settings.docs_url))
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for file in files {
        let location = artifact(file.path, settings.root);
        artifacts.push(json!({ "location": location }));
        let index = LineIndex::new(file.source);
        let mut seen = BTreeMap::new();
        for diagnostic in file.diagnostics {
            let mut result = result(file, &location, &index, diagnostic);
            result["partialFingerprints"] = fingerprint(file.source, diagnostic, &mut seen);
            results.push(result);
        }
        // An accepted finding stays in the log, suppressed in the source
        // with the board's reason, so code scanning shows it as dismissed.
        for accepted in file.accepted {
            let diagnostic = &accepted.diagnostic;
            let mut suppressed = result(file, &location, &index, diagnostic);
            suppressed["partialFingerprints"] = fingerprint(file.source, diagnostic, &mut seen);
            let at = Region::locate(&index, file.source, accepted.at);
            suppressed["suppressions"] = json!([{
                "kind": "inSource",
                "justification": accepted.reason,
                "location": {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": { "startLine": at.line, "startColumn": at.column },
                    }
                },
            }]);
            results.push(suppressed);
        }
    }
    let base = match settings.root {
        Some(root) => json!({ "uri": file_uri(&format!("{}/", root.trim_end_matches('/'))) }),
        None => {
            json!({ "description": { "text": "The folder ladder was run in, usually the root of the repository." } })
        }
    };
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ladder",
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "originalUriBaseIds": { "%SRCROOT%": base },
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
        // SARIF asks for a Pascal-case friendly name (`UntimedStage`); the
        // kebab-case name is kept as a property.
        "name": pascal(code.slug()),
        "shortDescription": { "text": code.title() },
        "fullDescription": { "text": code.title() },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(code.default_severity()) },
        "helpUri": link,
        "properties": { "documentation": docs, "slug": code.slug() },
    })
}

fn result(
    file: &FileReport<'_>,
    artifact: &Value,
    index: &LineIndex,
    diagnostic: &Diagnostic,
) -> Value {
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
                "artifactLocation": artifact,
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

/// A fingerprint that stays the same when lines are added or removed
/// elsewhere in the file: the code, the text of the first line the finding
/// points at (spaces collapsed, so re-indenting keeps it) and how many
/// findings of that code on a line of that same text came before it.
fn fingerprint(
    source: &str,
    diagnostic: &Diagnostic,
    seen: &mut BTreeMap<(Code, String), usize>,
) -> Value {
    let start = crate::span::clamp_to_char_boundary(source, diagnostic.span.start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line: String = source[line_start..line_end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let occurrence = seen.entry((diagnostic.code, line.clone())).or_insert(0);
    let mut hash = Sha256::new();
    hash.update(diagnostic.code.as_str());
    hash.update([0]);
    hash.update(line.as_bytes());
    hash.update([0]);
    hash.update(occurrence.to_string());
    *occurrence += 1;
    let digest = hash.finalize()[..16]
        .iter()
        .fold(String::with_capacity(32), |mut out, b| {
            use std::fmt::Write as _;
            let _ = write!(out, "{b:02x}");
            out
        });
    json!({ FINGERPRINT: digest })
}

/// Where a file is, as SARIF wants it: a relative URI based on `%SRCROOT%`
/// for a path inside the folder ladder ran in; a `file://` URI for an
/// absolute path, or for one above that folder (`../policies`) when the
/// folder is known.
fn artifact(path: &str, root: Option<&str>) -> Value {
    if path.starts_with('/') {
        return json!({ "uri": file_uri(path) });
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    match root {
        Some(root) if path.starts_with("../") => json!({ "uri": file_uri(&resolve(root, path)) }),
        _ => json!({ "uri": uri(path), "uriBaseId": "%SRCROOT%" }),
    }
}

/// `root` joined with a relative `path`, `.` and `..` resolved.
fn resolve(root: &str, path: &str) -> String {
    let mut parts: Vec<&str> = root.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

/// An absolute path as a `file://` URI (`file:///work/p%20q.ladder`).
fn file_uri(path: &str) -> String {
    format!("file://{}", uri(path))
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

/// `untimed-stage` as `UntimedStage`.
fn pascal(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
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
