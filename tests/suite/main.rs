//! The one integration-test binary. Each `mod` line is a chapter of the
//! behaviour the suite pins down.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod accept;
mod bpmn;
mod bpmn_runs;
mod build;
mod calendar;
mod cases;
mod checks;
mod cli;
mod conditions;
mod config;
mod conventions;
mod dates;
mod diff;
mod docs;
mod duties;
mod editor;
mod embed;
mod files;
mod format;
mod fuzz;
mod graph;
mod ics;
mod injection;
mod json;
mod language;
mod policies;
mod report;
mod robustness;
mod sarif;
mod scale;
mod site;
mod structure;
mod timeline;
mod timescales;
mod ui;
mod workflows;
