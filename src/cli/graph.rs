//! `ladder graph`: the policy as a flowchart, in DOT or Mermaid text, or
//! drawn by Graphviz as SVG, PNG or PDF. Also runs Graphviz for `build`.

use std::io::{IsTerminal, Write as _};
use std::process::{Command, Stdio};

use super::json::{compile, emit};
use super::lean_graphviz::LeanGraphviz;
use super::{GraphArgs, GraphFormat, Outcome};

pub(super) fn run(args: &GraphArgs) -> Outcome {
    let binary = matches!(args.format, GraphFormat::Png | GraphFormat::Pdf);
    if binary && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "error: {} is binary and would garble the terminal; write it to a file with `-o chart.{}`",
            args.format.extension(),
            args.format.extension()
        );
        return Outcome::Trouble;
    }
    let compiled = match compile(&args.file, args.today) {
        Ok(c) => c,
        Err(outcome) => return outcome,
    };
    let bytes = match args.format {
        GraphFormat::Dot => crate::emit::dot::to_string(&compiled.policy).into_bytes(),
        GraphFormat::Mermaid => crate::emit::mermaid::to_string(&compiled.policy).into_bytes(),
        GraphFormat::Svg | GraphFormat::Png | GraphFormat::Pdf => {
            let dot = crate::emit::dot::to_string(&compiled.policy);
            match graphviz(&dot, args.format.extension()) {
                Ok(bytes) => bytes,
                Err(Graphviz::Missing) => {
                    eprintln!("{}", missing_message(args.format.extension()));
                    return Outcome::Trouble;
                }
                Err(Graphviz::Failed(message)) => {
                    eprintln!("error: {message}");
                    return Outcome::Trouble;
                }
            }
        }
    };
    emit(args.output.as_deref(), &bytes)
}

/// Why Graphviz gave no drawing.
pub(super) enum Graphviz {
    /// `dot` is not on the PATH.
    Missing,
    Failed(String),
}

/// What to say when `dot` is not installed.
pub(super) fn missing_message(format: &str) -> String {
    format!(
        "error: drawing {format} needs Graphviz, and its `dot` program is not on the PATH\n  \
         help: install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: \
         `brew install graphviz`; others: https://graphviz.org/download/), or write the chart \
         as text with `--format dot` or `--format mermaid`"
    )
}

/// What `build` says when `dot` is not installed: the site is built, with
/// the text version of each procedure in place of its chart.
pub(super) fn missing_for_build() -> String {
    "warning: Graphviz is not installed, so the pages show each procedure in words without its \
     flowchart, and no SVG or PDF was drawn\n  \
     help: install Graphviz and build again (Debian/Ubuntu: `sudo apt-get install graphviz`; \
     macOS: `brew install graphviz`; Windows: `winget install graphviz`; others: \
     https://graphviz.org/download/)"
        .to_owned()
}

/// Lays a chart out once and draws it as SVG and as PDF. One chart to a run
/// of `dot`: with several graphs in one run, Graphviz lays a graph out
/// differently after others (Harrow's chart drawn after Halton's is twice
/// as wide) and not always the same way twice. The PDF's
/// creation time (which cairo always sets to now) is replaced by the
/// midnight of `today`, keeping its length, so that a rebuild on the same
/// day gives the same bytes.
pub(super) fn graphviz_svg_pdf(
    dot: &str,
    today: chrono::NaiveDate,
) -> Result<(String, Vec<u8>), Graphviz> {
    let both = run_dot(dot, &["-Tsvg", "-Tpdf"])?;
    // Graphviz writes the formats one after the other, in the order asked.
    let end = find(&both, b"</svg>").map(|i| i + b"</svg>".len());
    let pdf_start = end.and_then(|e| find(&both[e..], b"%PDF-").map(|i| e + i));
    let (Some(end), Some(pdf_start)) = (end, pdf_start) else {
        return Err(Graphviz::Failed(
            "Graphviz `dot` did not draw both an SVG and a PDF".to_owned(),
        ));
    };
    let svg = String::from_utf8_lossy(&both[..end]).into_owned() + "\n";
    let mut pdf = both[pdf_start..].to_vec();
    let stamp = format!("/CreationDate (D:{}000000Z)", today.format("%Y%m%d"));
    if let Some(at) = find(&pdf, b"/CreationDate (D:")
        && pdf.len() >= at + stamp.len()
        && pdf[at + stamp.len() - 1] == b')'
    {
        pdf[at..at + stamp.len()].copy_from_slice(stamp.as_bytes());
    }
    Ok((svg, pdf))
}

/// The chart as SVG alone, as `graphviz_svg_pdf` gives it; drawn by the
/// lean Graphviz when there is one (see `lean_graphviz`).
pub(super) fn graphviz_svg(dot: &str, lean: Option<&LeanGraphviz>) -> Result<String, Graphviz> {
    let command = lean.map_or_else(|| Command::new("dot"), LeanGraphviz::command);
    let svg = run_command(command, dot, &["-Tsvg"])?;
    let end = find(&svg, b"</svg>").map_or(svg.len(), |i| i + b"</svg>".len());
    Ok(String::from_utf8_lossy(&svg[..end]).into_owned() + "\n")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Runs `dot -T<format>` on the DOT text and returns what it drew.
pub(super) fn graphviz(dot: &str, format: &str) -> Result<Vec<u8>, Graphviz> {
    run_dot(dot, &[&format!("-T{format}")])
}

/// Runs `dot` with these arguments on the DOT text and returns its output.
fn run_dot(dot: &str, args: &[&str]) -> Result<Vec<u8>, Graphviz> {
    run_command(Command::new("dot"), dot, args)
}

/// Runs this `dot` command with these arguments on the DOT text.
fn run_command(mut command: Command, dot: &str, args: &[&str]) -> Result<Vec<u8>, Graphviz> {
    let child = command
        .args(args)
        // The drawing must not depend on the user's locale (under Arabic or
        // German locales Graphviz wrote other output); the DOT is ASCII.
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Graphviz::Missing),
        Err(e) => return Err(Graphviz::Failed(format!("cannot run Graphviz `dot`: {e}"))),
    };
    // Feed the input from another thread, so that a large drawing filling
    // the output pipe cannot deadlock against a large input.
    let input = dot.as_bytes().to_vec();
    let stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&input);
        }
    });
    let result = child.wait_with_output();
    let _ = feeder.join();
    let result =
        result.map_err(|e| Graphviz::Failed(format!("Graphviz `dot` did not finish: {e}")))?;
    let (status, output) = (result.status, result.stdout);
    let errors = String::from_utf8_lossy(&result.stderr);
    if status.success() && !output.is_empty() {
        Ok(output)
    } else {
        Err(Graphviz::Failed(format!(
            "Graphviz `dot {}` failed ({status}): {}",
            args.join(" "),
            errors.trim()
        )))
    }
}
