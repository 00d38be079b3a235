//! `ladder explain CODE`: prints a code's section of `docs/diagnostics.md`;
//! with no code, every code with its title.
//!
//! The documentation is compiled into the binary, so the explanation always
//! matches the version of ladder that reported the code. On a terminal the
//! Markdown is printed as text (headings underlined, code indented, no
//! marks); into a pipe or a file it is printed as written.

use std::io::IsTerminal as _;

use crate::code::Code;

use super::config::Config;
use super::{ExplainArgs, ExplainFormat, Outcome};

/// The diagnostics reference, as shipped.
pub const DIAGNOSTICS_MD: &str = include_str!("../../docs/diagnostics.md");

pub(super) fn run(args: &ExplainArgs, config: &Config) -> Outcome {
    let Some(written) = &args.code else {
        for code in Code::ALL {
            outln!("{}  {:<26} {}", code.as_str(), code.slug(), code.title());
        }
        outln!("\nRun `ladder explain CODE` for a code's explanation, example and fix.");
        return Outcome::Clean;
    };
    let Some(code) = Code::parse(written) else {
        eprintln!(
            "error: `{written}` is not a ladder diagnostic code; codes look like L020 (run `ladder explain` to list them)"
        );
        return Outcome::Trouble;
    };
    let text = match args.format {
        Some(format) => format == ExplainFormat::Text,
        None => std::io::stdout().is_terminal(),
    };
    if let Some(section) = section(code) {
        if text {
            out!("{}", as_text(section));
        } else {
            outln!("{section}");
        }
    } else {
        outln!("{} {}: {}", code.as_str(), code.slug(), code.title());
    }
    outln!(
        "\nOnline: {}",
        crate::report::docs_link(config.docs_url(), code)
    );
    Outcome::Clean
}

/// The section of the diagnostics reference for one code: from its
/// `## L020 unknown-name` heading to the next heading of that level.
#[must_use]
pub fn section(code: Code) -> Option<&'static str> {
    let heading = format!("## {} {}", code.as_str(), code.slug());
    let start = DIAGNOSTICS_MD.find(&format!("\n{heading}\n"))? + 1;
    let rest = &DIAGNOSTICS_MD[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |i| i + heading.len() + 1);
    Some(rest[..end].trim_end())
}

/// A section's Markdown as text for a terminal: `## ` headings underlined,
/// code blocks indented without their fences, `**bold**` and backticks
/// dropped, links as `text (address)`.
#[must_use]
pub fn as_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
        } else if let Some(heading) = line.strip_prefix("## ") {
            out.push_str(heading);
            out.push('\n');
            out.push_str(&"=".repeat(heading.chars().count()));
        } else {
            out.push_str(&inline(line));
        }
        out.push('\n');
    }
    out
}

/// One line of Markdown prose as text.
fn inline(line: &str) -> String {
    let line = line.replace("**", "").replace('`', "");
    // `[text](address)` as `text (address)`; a relative address (another
    // page of the docs) is left out.
    let mut out = String::with_capacity(line.len());
    let mut rest = line.as_str();
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|i| mid + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        let address = &rest[mid + 2..close];
        if address.starts_with("http") {
            out.push_str(&format!(" ({address})"));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
