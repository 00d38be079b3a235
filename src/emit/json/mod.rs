//! The compiled policy as JSON: the contract with runtime engines.
//!
//! The format is documented field by field in `docs/json.md` and described
//! by the JSON Schema `docs/ladder.schema.json`; the test suite checks every
//! output against both. The types here are the format: change them only
//! together with the schema, the docs and `FORMAT_VERSION`. Output is
//! deterministic (struct fields in a fixed order, lists in file order, no
//! timestamps), so the same input gives byte-identical JSON.
//!
//! Only a policy without errors is ever emitted (the caller passes
//! `Checked::clean_policy`), so every name here resolves and nothing in the
//! format says "skip this stage": an engine never sees a half-valid policy.
//!
//! This file owns the entry points, the document as a whole and the
//! builder's shared state (the source text and its line index, for the
//! `at` of every element). Each part of the document has its output types
//! and their builder in one file beside it: `header.rs`, `stages.rs`,
//! `limits.rs`, `duties.rs`, `rules.rs` and `entries.rs`; the types are
//! re-exported here, so `emit::json::Stage` and the rest keep their paths.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Policy, StageKey};
use crate::span::{LineIndex, Span};

mod duties;
mod entries;
mod header;
mod limits;
mod rules;
mod stages;

pub use duties::{ActorRef, Duty, RecordPlace};
pub use entries::{End, Entry};
pub use header::{
    Actor, Calendar, Contact, Date, Form, Header, Named, Recipient, ReviewPeriod, ScopedBoard,
    SourceDocument,
};
pub use limits::Limit;
pub use rules::{Procedure, Rule};
pub use stages::{Condition, Counterpart, Members, Panel, Phase, Repeats, Stage, Transition};

use entries::{ends, entries};
use header::scope_word;
use rules::rule_id;

/// The version of the format. Raised by one for any change an engine could
/// notice except adding an optional field (see `docs/json.md`).
pub const FORMAT_VERSION: u32 = 3;

/// The whole document.
#[derive(Debug, Serialize)]
pub struct Document {
    pub format_version: u32,
    pub compiler: Compiler,
    pub source: SourceText,
    pub header: Header,
    /// Top-level notes: statements of the whole policy, in file order.
    pub notes: Vec<String>,
    pub actors: Vec<Actor>,
    pub records: Vec<Named>,
    pub forms: Vec<Form>,
    pub every_stage: Vec<Duty>,
    /// `all stages conclude ...`: a limit on the whole procedure, or null.
    pub overall: Option<Limit>,
    pub stages: Vec<Stage>,
    /// Named groups of consecutive stages of the main ladder.
    pub phases: Vec<Phase>,
    pub procedures: Vec<Procedure>,
    pub rules: Vec<Rule>,
    pub entries: Vec<Entry>,
    pub ends: Vec<End>,
}

#[derive(Debug, Serialize)]
pub struct Compiler {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SourceText {
    /// Lowercase hex SHA-256 of the source file's bytes as read.
    pub sha256: String,
    pub lines: usize,
}

/// Where an element is in the source: 1-based lines, columns in characters.
#[derive(Debug, Serialize)]
pub struct At {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Builds the document. `text` must be the source the policy was built
/// from: it gives the SHA-256 and the line and column of every span.
#[must_use]
pub fn document(policy: &Policy, text: &str) -> Document {
    let b = Builder {
        text,
        index: LineIndex::new(text),
        labels: policy.stage_labels(),
    };
    b.document(policy)
}

/// The document as pretty-printed JSON with a final line break.
#[must_use]
pub fn to_string(policy: &Policy, text: &str) -> String {
    let doc = document(policy, text);
    // Serialising plain structs of strings, numbers and options cannot fail;
    // an empty object is a safe fallback that the schema rejects loudly.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

/// Lowercase hex SHA-256 of the text.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

struct Builder<'a> {
    text: &'a str,
    index: LineIndex,
    /// For naming the stages a limit counts from.
    labels: crate::model::StageLabels<'a>,
}

impl Builder<'_> {
    fn at(&self, span: Span) -> At {
        let start = self.index.line_col(self.text, span.start);
        let end = self.index.line_col(self.text, span.end);
        At {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    fn document(&self, p: &Policy) -> Document {
        Document {
            format_version: FORMAT_VERSION,
            compiler: Compiler {
                name: "ladder",
                version: env!("CARGO_PKG_VERSION"),
            },
            source: SourceText {
                sha256: sha256_hex(self.text),
                lines: self.text.lines().count(),
            },
            header: self.header(&p.header),
            notes: p.notes.clone(),
            actors: p
                .actors
                .iter()
                .map(|n| Actor {
                    name: n.name.clone(),
                    description: n.description.clone(),
                    scope: n.scope.map(scope_word),
                    at: self.at(n.span),
                })
                .collect(),
            records: p.records.iter().map(|n| self.named(n)).collect(),
            forms: p.forms.iter().map(|f| self.form(f)).collect(),
            every_stage: self.duties(&p.every_stage),
            overall: p.overall.as_ref().map(|l| self.limit(l)),
            stages: p.stages.iter().map(|s| self.stage(s)).collect(),
            phases: p
                .phases
                .iter()
                .map(|ph| Phase {
                    title: ph.title.clone(),
                    stages: ph.stages.iter().map(StageKey::slug).collect(),
                    onwards: ph.onwards,
                    at: self.at(ph.span),
                })
                .collect(),
            procedures: p.procedures.iter().map(|pr| self.procedure(pr)).collect(),
            rules: p
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| self.rule(rule_id(None, i), r))
                .collect(),
            entries: entries(p),
            ends: ends(p),
        }
    }
}
