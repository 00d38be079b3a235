//! `ladder.toml`: what a team sets once instead of on every command line.
//!
//! The file is found in the current folder or the nearest folder above it,
//! or named with `--config FILE`. Every key is optional, and a flag given on
//! the command line overrides the key. Paths in the file are relative to the
//! file's folder, and are shown relative to the current folder, so messages
//! and SARIF keep relative paths. An unknown key is an error naming the
//! file, line and column, with the nearest key as a suggestion: a misspelt
//! `deny` that was silently ignored would let a build pass that should fail.
//! `docs/ci.md` documents every key.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::calendar::Division;

use super::Deny;

/// The name ladder looks for.
pub const FILE_NAME: &str = "ladder.toml";

pub use crate::report::DEFAULT_DOCS_URL;

/// The keys, as written in the file.
const KEYS: &[&str] = &[
    "paths",
    "deny",
    "calendar",
    "review-warning-days",
    "docs-url",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    paths: Option<Vec<String>>,
    deny: Option<Vec<Spanned<String>>>,
    calendar: Option<Spanned<String>>,
    review_warning_days: Option<u32>,
    docs_url: Option<Spanned<String>>,
}

/// The settings of a `ladder.toml`, checked.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file they came from (`None` when there is none).
    pub file: Option<PathBuf>,
    /// What `check` reads when no path is named, relative to the current
    /// folder.
    pub paths: Vec<PathBuf>,
    pub deny: Vec<Deny>,
    pub calendar: Option<Division>,
    pub review_warning_days: Option<u32>,
    pub docs_url: Option<String>,
}

impl Config {
    /// The address of the diagnostics reference: `docs-url`, or the
    /// published one.
    #[must_use]
    pub fn docs_url(&self) -> &str {
        self.docs_url.as_deref().unwrap_or(DEFAULT_DOCS_URL)
    }
}

/// Reads `explicit` (`--config FILE`), or else the `ladder.toml` in the
/// current folder or the nearest one above it. No file gives the defaults;
/// a file that cannot be read or is wrong gives a message naming it, with
/// the line and column.
pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
    let path = match explicit {
        Some(path) => {
            if !path.is_file() {
                return Err(format!(
                    "the configuration file `{}` does not exist",
                    path.display()
                ));
            }
            path.to_path_buf()
        }
        None => match find() {
            Some(path) => path,
            None => return Ok(Config::default()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    parse(&text, &path)
}

/// The nearest `ladder.toml`, from the current folder upwards, as a path
/// relative to the current folder (`ladder.toml`, `../ladder.toml`).
fn find() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut relative = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push("..");
    }
    None
}

/// Parses the text of a configuration file at `path`.
pub fn parse(text: &str, path: &Path) -> Result<Config, String> {
    let shown = path.display().to_string();
    let at = |span: Option<std::ops::Range<usize>>| {
        let start = span.map_or(0, |s| s.start).min(text.len());
        let line = text[..start].matches('\n').count() + 1;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        format!("{shown}:{line}:{column}")
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end();
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        match unknown {
            Some(key) => format!(
                "{}: unknown key `{key}` in {FILE_NAME}{}",
                at(e.span()),
                suggestion(key)
            ),
            None => format!("{}: {}", at(e.span()), lower_first(message)),
        }
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut config = Config {
        file: Some(path.to_path_buf()),
        paths: file
            .paths
            .unwrap_or_default()
            .iter()
            .map(|p| base.join(p))
            .collect(),
        review_warning_days: file.review_warning_days,
        ..Config::default()
    };
    for item in file.deny.unwrap_or_default() {
        let deny = super::parse_deny(item.get_ref())
            .map_err(|message| format!("{}: {message}", at(Some(item.span()))))?;
        config.deny.push(deny);
    }
    if let Some(calendar) = file.calendar {
        let division = Division::from_name(calendar.get_ref().trim()).ok_or_else(|| {
            let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
            format!(
                "{}: `{}` is not a bank-holiday calendar; use one of {}",
                at(Some(calendar.span())),
                calendar.get_ref(),
                names.join(", ")
            )
        })?;
        config.calendar = Some(division);
    }
    if let Some(url) = file.docs_url {
        let text = url.get_ref().trim();
        if !(text.starts_with("https://") || text.starts_with("http://")) {
            return Err(format!(
                "{}: `docs-url` must be a web address starting with https://, such as \"https://example.org/ladder/diagnostics.html\"; `{text}` is not",
                at(Some(url.span()))
            ));
        }
        config.docs_url = Some(text.to_owned());
    }
    Ok(config)
}

/// ` (did you mean `deny`?)` for a key close to a known one, or the list.
fn suggestion(key: &str) -> String {
    let nearest = KEYS
        .iter()
        .map(|k| (strsim::damerau_levenshtein(k, &key.to_lowercase()), *k))
        .min();
    match nearest {
        Some((distance, k)) if distance <= 3 || k.replace('-', "_") == key => {
            format!(": did you mean `{k}`?")
        }
        _ => format!("; the keys are {}", KEYS.join(", ")),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |f| {
        f.to_lowercase().chain(chars).collect::<String>()
    })
}
