//! ladder: a compiler and validator for multi-agency escalation procedures.
//!
//! The pipeline runs text -> `pasted` scan -> `parser` (syntax tree, with
//! `syntax_error` explaining failures) -> `lower` (the semantic model) ->
//! `checks` -> emitters. Nothing below `cli` prints or exits the process.
//!
//! # Using ladder in an engine
//!
//! A case-management system or workflow engine written in Rust can load a
//! policy and compute deadlines in-process, with the same code as the
//! `ladder` command:
//!
//! 1. [`driver::check_source`] reads and checks a policy's text. Its
//!    [`driver::Checked::clean_policy`] is the [`model::Policy`] when the
//!    policy has no errors; the diagnostics say what is wrong otherwise.
//! 2. [`timeline::build`] dates every deadline of one concern raised on a
//!    given date, counting working days with a [`calendar::Calendar`] of
//!    UK bank holidays: the same rows as `ladder timeline --format json`.
//! 3. [`cases::Batch`] dates many concerns from a stream of CSV or JSON
//!    Lines, with each one's status as of a given day (`ladder timeline
//!    --cases`).
//!
//! ```
//! use chrono::NaiveDate;
//! use ladder::calendar::{Calendar, Division};
//! use ladder::checks::Options;
//! use ladder::driver::check_source;
//!
//! let text = r#"
//! policy "Resolving Professional Differences"
//! board "Exampleshire Safeguarding Children Partnership" (ESCP)
//! covers children
//! adopted 1 January 2026
//! review 31 December 2027
//! holidays england-and-wales
//! concern raised by practitioner
//!
//! actor practitioner "The practitioner raising the concern"
//! actor manager "The practitioner's line manager"
//! record case_file "The child's case file"
//!
//! every stage {
//!   record "the disagreement and the outcome" in case_file
//!   share outcome with practitioner
//! }
//!
//! stage 1 "Practitioner to practitioner" {
//!   conclude within 2 working days
//!   led by practitioner with equivalent practitioner
//!   resolved: end "Resolved between practitioners"
//!   unresolved: escalate to stage 2
//! }
//!
//! stage 2 "Manager to manager" {
//!   conclude within 5 working days
//!   led by manager with equivalent manager
//!   notify practitioner within 1 working day
//!   resolved: end "Resolved between managers"
//!   unresolved: end "Referred to the partnership"
//! }
//! "#;
//! let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! let checked = check_source(text, &Options::new(today));
//! let policy = checked.clean_policy().expect("the policy has no errors");
//!
//! // A concern raised on Wednesday 23 December 2026: Christmas Day, Boxing
//! // Day (on Monday 28th) and the weekend are not working days.
//! let raised = NaiveDate::from_ymd_opt(2026, 12, 23).unwrap();
//! let calendar = Calendar::builtin(Division::EnglandAndWales);
//! let timeline = ladder::timeline::build(policy, raised, Some(&calendar)).unwrap();
//! let dates: Vec<(&str, &str, &str)> = timeline
//!     .deadlines
//!     .iter()
//!     .filter_map(|d| Some((d.stage_label.as_str(), d.what.as_str(), d.date.as_ref()?.date.as_str())))
//!     .collect();
//! assert_eq!(dates[1], ("Stage 1", "conclude within 2 working days", "2026-12-29"));
//! let last = timeline.final_deadline.unwrap();
//! assert_eq!(last.date.unwrap().date, "2027-01-06");
//! ```
//!
//! The JSON of the compiled policy for engines in other languages is
//! described in `docs/json.md`; the timeline, cases, iCalendar and
//! bank-holiday outputs in `docs/timeline.md`.

pub mod accept;
pub mod ast;
pub mod calendar;
pub mod cases;
pub mod checks;
#[cfg(feature = "cli")]
pub mod cli;

pub mod code;
pub mod deadline;
pub mod diagnostic;
pub mod diff;
pub mod driver;
pub mod embed;
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
#[cfg(feature = "wasm")]
mod wasm;
