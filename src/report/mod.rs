//! Diagnostics as documents for machines: JSON (`json`), SARIF for code
//! scanning (`sarif`) and GitHub Actions workflow commands (`github`).
//!
//! These are the machine forms of what `render` shows to people. They read
//! only diagnostics and the source text (for line and column numbers); they
//! never check anything, print or exit. Every output is deterministic: files
//! in the order given, diagnostics in the order the driver sorted them, and
//! no timestamps.

pub mod github;
pub mod json;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::span::{LineIndex, Span, clamp_to_char_boundary};

/// The last line of `ladder check` (and `build`, and the editor):
/// `checked 5 policies: 0 errors, 33 warnings, 4 accepted`, from the totals
/// by severity (advice, warnings, errors), with notes and accepted findings
/// only when there are some. One sentence, so every front end says the
/// same.
#[must_use]
pub fn checked_line(policies: usize, totals: [usize; 3], accepted: usize) -> String {
    let [advice, warnings, errors] = totals;
    let mut line = format!(
        "checked {}: {}, {}",
        count(policies, "policy", "policies"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    );
    if advice > 0 {
        line.push_str(&format!(", {}", count(advice, "note", "notes")));
    }
    if accepted > 0 {
        line.push_str(&format!(", {accepted} accepted"));
    }
    line
}

/// `1 error`, `2 errors`.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One file's diagnostics, with the text they point into.
#[derive(Clone, Copy, Debug)]
pub struct FileReport<'a> {
    /// The path as the user gave it, with `/` separators.
    pub path: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// The findings the policy accepts, with their reasons.
    pub accepted: &'a [crate::accept::Accepted],
}

/// Where a span is, in every unit a consumer might want. Lines and columns
/// are 1-based and columns count characters; the end is exclusive (the
/// column just after the last character), as in SARIF and LSP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start_byte: usize,
    pub end_byte: usize,
}

impl Region {
    /// Locates a span, clamping it into the text so that a stray span still
    /// produces a valid location.
    #[must_use]
    pub fn locate(index: &LineIndex, source: &str, span: Span) -> Region {
        let start = clamp_to_char_boundary(source, span.start);
        let end = clamp_to_char_boundary(source, span.end.max(start));
        let from = index.line_col(source, start);
        let to = index.line_col(source, end);
        Region {
            line: from.line,
            column: from.column,
            end_line: to.line,
            end_column: to.column,
            start_byte: start,
            end_byte: end,
        }
    }
}

/// Where the diagnostics reference (`docs/diagnostics.md`) is published,
/// unless `docs-url` in ladder.toml says otherwise. Links in diagnostics,
/// `ladder explain` and SARIF's `helpUri` are this address, `#` and the
/// code's anchor, never a path inside the repository, which means nothing
/// to a reader of a board's own repository.
pub const DEFAULT_DOCS_URL: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/main/docs/diagnostics.md"
);

/// The link to a code's section of the diagnostics reference published at
/// `docs_url`, such as `https://.../diagnostics.md#l020-unknown-name`.
#[must_use]
pub fn docs_link(docs_url: &str, code: crate::code::Code) -> String {
    format!("{}#{}", docs_url.trim_end_matches('#'), docs_anchor(code))
}

/// The anchor of a code's section in `docs/diagnostics.md`, such as
/// `l020-unknown-name`.
#[must_use]
pub fn docs_anchor(code: crate::code::Code) -> String {
    format!("{}-{}", code.as_str().to_lowercase(), code.slug())
}
