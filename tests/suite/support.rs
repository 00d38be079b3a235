//! Helpers shared by the chapters of the suite.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ladder::checks::Options;
use ladder::driver::{Checked, check_source};
use ladder::render::{Prepared, Style};

/// The fixed "today" of every test, so that review-date results never
/// change with the calendar.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `*.ladder` files of a folder of the repository, sorted.
pub fn ladder_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ladder"))
        .collect();
    files.sort();
    files
}

pub fn check(text: &str) -> Checked {
    check_source(text, &Options::new(today()))
}

/// Every diagnostic rendered as a person sees it: no colour, 80 columns.
pub fn render_all(checked: &Checked, shown_path: &str, text: &str, style: Style) -> String {
    let prepared = Prepared::new(shown_path, text);
    checked
        .diagnostics
        .iter()
        .map(|d| prepared.render(d, style))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn human() -> Style {
    Style::Human {
        colour: false,
        width: 80,
    }
}

pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The words of a chart (DOT or Mermaid) with its markup read as spaces:
/// line breaks, bullets and the indent of a bullet's later lines. Labels
/// are wrapped, so a phrase is looked for in this text.
pub fn chart_words(chart: &str) -> String {
    let text = chart
        .replace("<BR ALIGN=\"LEFT\"/>", " ")
        .replace("<BR/>", " ")
        .replace("<br/>", " ")
        .replace("&#8226;", " ")
        .replace("&#160;", " ")
        .replace("&#39;", "'");
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
