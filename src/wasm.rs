//! The browser editor's entry points, for JavaScript through
//! `wasm-bindgen` (the `wasm` feature). Each one only reads its arguments
//! and calls the function of the same name in `embed`, which the native
//! tests run too; an `Err` becomes a thrown JavaScript exception carrying
//! the command line's own message.
//!
//! Arguments come as the page holds them: dates as YYYY-MM-DD and a
//! calendar's name (empty for the policy's own).

use wasm_bindgen::prelude::wasm_bindgen;

use crate::embed::{self, Output, Source, parse_calendar, parse_date};

fn source<'a>(
    path: &'a str,
    text: &'a str,
    today: &str,
    calendar: &str,
) -> Result<Source<'a>, String> {
    Ok(Source {
        path,
        text,
        today: parse_date(today)?,
        calendar: parse_calendar(calendar)?,
    })
}

/// The diagnostics as the editor shows them (`embed::check_for_editor`),
/// each with the report `ladder check` draws when `rendered` is true.
#[wasm_bindgen]
pub fn check(
    path: &str,
    text: &str,
    today: &str,
    calendar: &str,
    rendered: bool,
) -> Result<String, String> {
    let source = source(path, text, today, calendar)?;
    Ok(embed::check_for_editor(&source, rendered))
}

/// `ladder check --color never`.
#[wasm_bindgen]
pub fn check_human(path: &str, text: &str, today: &str, calendar: &str) -> Result<String, String> {
    Ok(embed::check_human(&source(path, text, today, calendar)?))
}

/// `ladder check --format json`.
#[wasm_bindgen]
pub fn check_json(path: &str, text: &str, today: &str, calendar: &str) -> Result<String, String> {
    Ok(embed::check_json(&source(path, text, today, calendar)?))
}

/// `ladder check --format short`.
#[wasm_bindgen]
pub fn check_short(path: &str, text: &str, today: &str, calendar: &str) -> Result<String, String> {
    Ok(embed::check_short(&source(path, text, today, calendar)?))
}

/// `ladder fmt`.
#[wasm_bindgen]
pub fn fmt(path: &str, text: &str) -> Result<String, String> {
    embed::fmt(path, text)
}

/// `ladder json`.
#[wasm_bindgen]
pub fn json(path: &str, text: &str, today: &str) -> Result<String, String> {
    embed::compile(&source(path, text, today, "")?, Output::Json)
}

/// `ladder graph --format dot`.
#[wasm_bindgen]
pub fn dot(path: &str, text: &str, today: &str) -> Result<String, String> {
    embed::compile(&source(path, text, today, "")?, Output::Dot)
}

/// `ladder graph --format mermaid`.
#[wasm_bindgen]
pub fn mermaid(path: &str, text: &str, today: &str) -> Result<String, String> {
    embed::compile(&source(path, text, today, "")?, Output::Mermaid)
}

/// `ladder timeline --raised RAISED [--calendar CALENDAR] [--format json]`.
#[wasm_bindgen]
pub fn timeline(
    path: &str,
    text: &str,
    today: &str,
    calendar: &str,
    raised: &str,
    json: bool,
) -> Result<String, String> {
    let source = source(path, text, today, calendar)?;
    embed::timeline(&source, parse_date(raised)?, json)
}

/// The version of ladder, as `ladder --version` prints it after the name.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
