//! Emitters: the outputs made from a checked policy (the JSON contract for
//! runtime engines, BPMN 2.0 for workflow engines, Graphviz DOT, Mermaid,
//! iCalendar files and the published site: an index and a page per policy).
//!
//! Emitters read only the semantic model (`crate::model`) and the source
//! text it came from (for line numbers and the SHA-256), never the syntax
//! tree. They return strings: nothing here prints, runs a program or touches
//! the filesystem, so the CLI decides where output goes. Every emitter is
//! deterministic: the same policy and text give byte-identical output.

pub mod bpmn;
pub mod dot;
pub mod escape;
pub mod ics;
pub mod json;
pub mod mermaid;
pub mod names;
pub mod site;
mod summary;
