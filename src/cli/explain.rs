//! `ladder explain CODE`: prints a code's section of `docs/diagnostics.md`.
//!
//! The documentation is compiled into the binary, so the explanation always
//! matches the version of ladder that reported the code.

use crate::code::Code;

use super::config::Config;
use super::{ExplainArgs, Outcome};

/// The diagnostics reference, as shipped.
pub const DIAGNOSTICS_MD: &str = include_str!("../../docs/diagnostics.md");

pub(super) fn run(args: &ExplainArgs, config: &Config) -> Outcome {
    let Some(code) = Code::parse(&args.code) else {
        eprintln!(
            "error: `{}` is not a ladder diagnostic code; codes look like L020 (run `ladder explain L001` to start)",
            args.code
        );
        return Outcome::Trouble;
    };
    if let Some(text) = section(code) {
        outln!("{text}");
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
