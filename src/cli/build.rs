//! `ladder build`: the site a board publishes, from a set of policies, into
//! one folder: `index.html`, and for each policy `NAME.html` (its page),
//! `NAME.json`, `NAME.bpmn`, `NAME.dot`, `NAME.mmd`, and with Graphviz `NAME.svg`
//! (and `NAME.pdf` with `--pdf`).
//!
//! It first reports what `check` would (the same code path: every
//! diagnostic, warnings included, `--deny` as there), then builds. A policy
//! with errors produces nothing; its outputs from the last run it passed
//! are kept (the public never loses a procedure while it is revised) and
//! the index marks it as being revised; the others are still built and the
//! run exits 1. Policies are checked, and charts drawn, on every core, and
//! Graphviz lays out each distinct chart once. The files are written as one
//! set (`write::Staging`): a run that fails before the end leaves every
//! existing output as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::checks::Options;
use crate::emit;
use crate::model::Policy;

use super::config::Config;
use super::graph::{Graphviz, graphviz_svg, graphviz_svg_pdf};
use super::lean_graphviz::LeanGraphviz;
use super::write::{Staging, remove_stale};
use super::{BuildArgs, Outcome, check, files, parallel};

/// Every kind of file a policy may have in the folder, for removing the
/// outputs of a policy that no longer builds. Add a new output's extension
/// here and in `outputs`.
const EXTENSIONS: [&str; 7] = ["html", "json", "bpmn", "dot", "mmd", "svg", "pdf"];

/// One file built for a policy: its extension, what it is (for the
/// downloads on its page) and its bytes.
struct Output {
    ext: &'static str,
    what: &'static str,
    bytes: Vec<u8>,
}

/// A chart Graphviz drew.
struct Drawing {
    svg: String,
    /// Only with `--pdf`: the PDF doubles Graphviz's time per chart, and a
    /// policy's page prints as an A4 leaflet from the browser anyway.
    pdf: Option<Vec<u8>>,
}

/// The files of one policy, in the order its page lists them. The page
/// itself (`NAME.html`) is made from this list.
fn outputs(policy: &Policy, text: &str, dot: &str, drawing: Option<&Drawing>) -> Vec<Output> {
    let mut out = vec![
        Output {
            ext: "json",
            what: "The procedure as JSON, for case-management systems",
            bytes: emit::json::to_string(policy, text).into_bytes(),
        },
        Output {
            ext: "bpmn",
            what: "The procedure as a BPMN 2.0 process, for workflow engines",
            bytes: emit::bpmn::to_string(policy, emit::bpmn::Expressions::default()).into_bytes(),
        },
        Output {
            ext: "dot",
            what: "The flowchart as Graphviz DOT",
            bytes: dot.as_bytes().to_vec(),
        },
        Output {
            ext: "mmd",
            what: "The flowchart as Mermaid",
            bytes: emit::mermaid::to_string(policy).into_bytes(),
        },
    ];
    if let Some(d) = drawing {
        out.push(Output {
            ext: "svg",
            what: "The flowchart as SVG",
            bytes: d.svg.as_bytes().to_vec(),
        });
        if let Some(pdf) = &d.pdf {
            out.push(Output {
                ext: "pdf",
                what: "The flowchart as PDF, for printing",
                bytes: pdf.clone(),
            });
        }
    }
    out
}

/// A policy file read and checked.
struct Read {
    name: String,
    shown: String,
    text: String,
    checked: crate::driver::Checked,
}

pub(super) fn run(args: &BuildArgs, config: &Config) -> Outcome {
    let paths = match files::collect(&args.paths) {
        Ok(paths) => paths,
        Err(files::Trouble(message)) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };
    // Output files are named after the policy file, so two policies with
    // the same file name would overwrite each other.
    let mut names: BTreeMap<String, &Path> = BTreeMap::new();
    for path in &paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == "index" {
            eprintln!(
                "error: `{}` would be built as `index.html`, which is the list of procedures; rename it",
                files::display(path)
            );
            return Outcome::Trouble;
        }
        if let Some(other) = names.insert(name.clone(), path) {
            eprintln!(
                "error: `{}` and `{}` would both be built as `{name}.html`; rename one of them",
                files::display(other),
                files::display(path)
            );
            return Outcome::Trouble;
        }
    }
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // Flags override ladder.toml, as in `check`.
    let deny = if args.deny.is_empty() {
        &config.deny
    } else {
        &args.deny
    };
    let options = Options {
        review_warning_days: args
            .review_warning_days
            .or(config.review_warning_days)
            .unwrap_or(crate::checks::DEFAULT_REVIEW_WARNING_DAYS),
        ..Options::new(today)
    };
    let mut holiday_args = args.holidays.clone();
    holiday_args.calendar = holiday_args.calendar.or(config.calendar);
    let holidays = match holiday_args.load() {
        Ok(holidays) => holidays,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    };

    // Read every file first: an unreadable one stops the run before
    // anything is written.
    let mut sources: Vec<(String, &Path, String)> = Vec::new();
    for (name, path) in &names {
        match files::read(path) {
            Ok(text) => sources.push((name.clone(), path, text)),
            Err(files::Trouble(message)) => {
                eprintln!("error: {message}");
                return Outcome::Trouble;
            }
        }
    }
    let read: Vec<Read> = parallel::map(&sources, |(name, path, text)| Read {
        name: name.clone(),
        shown: files::display(path),
        text: text.clone(),
        checked: check::diagnose(text, &options, &holidays, deny),
    });
    drop(sources);

    // What `check` would say, file by file.
    let style = check::human(args.color);
    let mut totals = [0usize; 3];
    let mut accepted = 0;
    {
        let mut stdout = std::io::stdout().lock();
        for r in &read {
            for d in &r.checked.diagnostics {
                totals[d.severity as usize] += 1;
            }
            accepted += r.checked.accepted.len();
            if !check::print(
                &mut stdout,
                &r.shown,
                &r.text,
                &r.checked.diagnostics,
                style,
                config.docs_url(),
            ) {
                return Outcome::Trouble;
            }
        }
    }
    outln!("{}", check::checked_line(read.len(), totals, accepted));

    if let Err(message) = super::write::prepare_out_dir(&args.out) {
        eprintln!("error: {message}");
        return Outcome::Trouble;
    }

    // The charts: each distinct DOT text is laid out once, on every core.
    let clean: Vec<(&Read, &Policy)> = read
        .iter()
        .filter_map(|r| r.checked.clean_policy().map(|p| (r, p)))
        .collect();
    let dots: Vec<String> = parallel::map(&clean, |(_, p)| emit::dot::to_string(p));
    let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
    for dot in &dots {
        let next = distinct.len();
        distinct.entry(dot.as_str()).or_insert(next);
    }
    let mut order: Vec<(&str, usize)> = distinct.iter().map(|(d, i)| (*d, *i)).collect();
    order.sort_by_key(|(_, i)| *i);
    // Drawn by a Graphviz without its font plugins: it starts four times as
    // fast and draws the same on every machine (see `lean_graphviz`). The
    // PDF needs the fonts, so `--pdf` uses the ordinary one.
    let lean = if args.pdf || order.is_empty() {
        None
    } else {
        LeanGraphviz::new()
    };
    let drawn: Vec<Result<Drawing, Graphviz>> = parallel::map(&order, |(dot, _)| {
        if args.pdf {
            graphviz_svg_pdf(dot, today).map(|(svg, pdf)| Drawing {
                svg,
                pdf: Some(pdf),
            })
        } else {
            graphviz_svg(dot, lean.as_ref()).map(|svg| Drawing { svg, pdf: None })
        }
    });
    let mut missing = false;
    for result in &drawn {
        match result {
            Err(Graphviz::Missing) => missing = true,
            Err(Graphviz::Failed(message)) => {
                eprintln!("error: {message}");
                return Outcome::Trouble;
            }
            Ok(_) => {}
        }
    }

    // Each policy's files, then its page, staged as one set: nothing in the
    // folder changes until every file is ready.
    let mut staging = Staging::default();
    let mut to_remove: Vec<PathBuf> = Vec::new();
    let mut written = 0usize;
    let jobs: Vec<(&Read, &Policy, &str)> = clean
        .iter()
        .zip(&dots)
        .map(|((r, p), d)| (*r, *p, d.as_str()))
        .collect();
    // Made on every core, a chunk at a time so that memory stays bounded.
    for chunk in jobs.chunks(64) {
        let made = parallel::map(chunk, |(r, policy, dot)| {
            let drawing = drawn[distinct[dot]].as_ref().ok();
            let mut files = outputs(policy, &r.text, dot, drawing);
            let downloads: Vec<(String, String)> = files
                .iter()
                .map(|f| (format!("{}.{}", r.name, f.ext), f.what.to_owned()))
                .collect();
            let page = emit::site::policy::page(
                &emit::site::policy::Page {
                    name: &r.name,
                    policy,
                    svg: drawing.map(|d| d.svg.as_str()),
                    downloads: &downloads,
                },
                today,
            );
            files.push(Output {
                ext: "html",
                what: "The policy's page",
                bytes: page.into_bytes(),
            });
            files
        });
        for ((r, _, _), files) in chunk.iter().zip(made) {
            for f in &files {
                if let Err(message) = staging.stage(&output(&args.out, &r.name, f.ext), &f.bytes) {
                    eprintln!("error: {message}");
                    return Outcome::Trouble;
                }
                written += 1;
            }
            // Drawings from an earlier run with Graphviz would look current.
            for ext in EXTENSIONS {
                if !files.iter().any(|f| f.ext == ext) {
                    to_remove.push(output(&args.out, &r.name, ext));
                }
            }
        }
    }
    // A policy with errors produces nothing. The files of the last version
    // that passed stay, so the public never loses a procedure while it is
    // revised, and the index says the page is that version.
    let failed: Vec<&Read> = read
        .iter()
        .filter(|r| r.checked.clean_policy().is_none())
        .collect();
    let mut kept: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for r in &failed {
        if output(&args.out, &r.name, "html").is_file() {
            kept.insert(&r.name);
        } else {
            // Not published before: remove whatever an older ladder left.
            for ext in EXTENSIONS {
                to_remove.push(output(&args.out, &r.name, ext));
            }
        }
    }

    let entries: Vec<emit::site::Entry<'_>> = read
        .iter()
        .filter_map(|r| match r.checked.clean_policy() {
            Some(policy) => Some(emit::site::Entry {
                name: &r.name,
                policy: Some(policy),
                failing: false,
            }),
            None => kept.contains(r.name.as_str()).then(|| emit::site::Entry {
                name: &r.name,
                policy: r.checked.policy.as_ref(),
                failing: true,
            }),
        })
        .collect();
    // The browser editor, when published beside the site, is offered there.
    let editor = args.out.join("editor").join("index.html").is_file();
    let index = emit::site::index(&entries, today, editor);
    if let Err(message) = staging.stage(&args.out.join("index.html"), index.as_bytes()) {
        eprintln!("error: {message}");
        return Outcome::Trouble;
    }
    written += 1;
    if let Err(message) = staging.commit() {
        eprintln!("error: {message}");
        return Outcome::Trouble;
    }
    for path in &to_remove {
        if let Err(message) = remove_stale(path) {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
    }
    if missing {
        eprintln!("{}", super::graph::missing_for_build());
    }
    summary(args, &clean, &failed, &kept, written, missing);
    if failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Failed
    }
}

/// What was written, after the diagnostics.
fn summary(
    args: &BuildArgs,
    clean: &[(&Read, &Policy)],
    failed: &[&Read],
    kept: &std::collections::BTreeSet<&str>,
    written: usize,
    missing: bool,
) {
    let total = clean.len() + failed.len();
    outln!(
        "built {} of {} {} into `{}`: {written} files, an index and a page for each{}",
        clean.len(),
        total,
        if total == 1 { "policy" } else { "policies" },
        args.out.display(),
        if missing {
            " (no SVG or PDF flowcharts: Graphviz is not installed)"
        } else {
            ""
        }
    );
    for r in failed {
        if kept.contains(r.name.as_str()) {
            outln!(
                "  `{}` has errors, so nothing was built from it (see above); its page and files \
                 from the last build it passed are kept, and the index marks it as being revised",
                r.shown
            );
        } else {
            outln!(
                "  `{}` has errors, so nothing was built from it (see above)",
                r.shown
            );
        }
    }
}

fn output(dir: &Path, name: &str, ext: &str) -> PathBuf {
    dir.join(format!("{name}.{ext}"))
}
