//! ladder: a compiler and validator for multi-agency escalation procedures.
//!
//! The pipeline runs text -> `pasted` scan -> `parser` (syntax tree, with
//! `syntax_error` explaining failures) -> `lower` (the semantic model) ->
//! `checks` -> emitters. Nothing below `cli` prints or exits the process.

pub mod accept;
pub mod ast;
pub mod calendar;
pub mod checks;
pub mod cli;

pub mod code;
pub mod deadline;
pub mod diagnostic;
pub mod diff;
pub mod driver;
pub mod emit;
pub mod format;
pub mod lower;
pub mod model;
pub mod parser;
pub mod pasted;
pub mod render;
pub mod report;
pub mod source;
pub mod span;
pub mod syntax_error;
pub mod timeline;
