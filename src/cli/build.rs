//! `ladder build`: every output for a set of policies into one folder:
//! `<name>.json`, `<name>.dot`, `<name>.mmd`, `<name>.svg` (when Graphviz is
//! installed) and an `index.html` listing them.
//!
//! A policy with errors produces nothing, and its outputs from an earlier
//! run are removed so that none looks current; the others are still built
//! and the run exits 1. Every file is written atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit;

use super::graph::{Graphviz, graphviz};
use super::json::{Compiled, compile};
use super::write::{atomic_write, remove_stale};
use super::{BuildArgs, Outcome, files};

const EXTENSIONS: [&str; 4] = ["json", "dot", "mmd", "svg"];

pub(super) fn run(args: &BuildArgs) -> Outcome {
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
        if let Some(other) = names.insert(name.clone(), path) {
            eprintln!(
                "error: `{}` and `{}` would both be built as `{name}.json`; rename one of them",
                files::display(other),
                files::display(path)
            );
            return Outcome::Trouble;
        }
    }
    if let Err(message) = super::write::prepare_out_dir(&args.out) {
        eprintln!("error: {message}");
        return Outcome::Trouble;
    }

    let mut failed = false;
    let mut built: Vec<(String, Compiled, Option<String>)> = Vec::new();
    let mut graphviz_missing = false;
    for (name, path) in &names {
        let compiled = match compile(path, args.today) {
            Ok(c) => c,
            Err(Outcome::Failed) => {
                failed = true;
                for ext in EXTENSIONS {
                    if let Err(message) = remove_stale(&output(&args.out, name, ext)) {
                        eprintln!("error: {message}");
                        return Outcome::Trouble;
                    }
                }
                continue;
            }
            Err(outcome) => return outcome,
        };
        let dot = emit::dot::to_string(&compiled.policy);
        let svg = if graphviz_missing {
            None
        } else {
            match graphviz(&dot, "svg") {
                Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
                Err(Graphviz::Missing) => {
                    graphviz_missing = true;
                    None
                }
                Err(Graphviz::Failed(message)) => {
                    eprintln!("error: {message}");
                    return Outcome::Trouble;
                }
            }
        };
        let json = emit::json::to_string(&compiled.policy, &compiled.text);
        let mermaid = emit::mermaid::to_string(&compiled.policy);
        let mut outputs: Vec<(&str, &[u8])> = vec![
            ("json", json.as_bytes()),
            ("dot", dot.as_bytes()),
            ("mmd", mermaid.as_bytes()),
        ];
        if let Some(svg) = &svg {
            outputs.push(("svg", svg.as_bytes()));
        }
        for (ext, bytes) in outputs {
            if let Err(message) = atomic_write(&output(&args.out, name, ext), bytes) {
                eprintln!("error: {message}");
                return Outcome::Trouble;
            }
        }
        if svg.is_none()
            && let Err(message) = remove_stale(&output(&args.out, name, "svg"))
        {
            eprintln!("error: {message}");
            return Outcome::Trouble;
        }
        built.push((name.clone(), compiled, svg));
    }

    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let entries: Vec<emit::html::Entry<'_>> = built
        .iter()
        .map(|(name, compiled, svg)| emit::html::Entry {
            name,
            policy: &compiled.policy,
            svg: svg.as_deref(),
        })
        .collect();
    let index = emit::html::index(&entries, today);
    if let Err(message) = atomic_write(&args.out.join("index.html"), index.as_bytes()) {
        eprintln!("error: {message}");
        return Outcome::Trouble;
    }
    if graphviz_missing {
        eprintln!(
            "note: Graphviz `dot` is not on the PATH, so no SVG flowcharts were drawn\n  \
             help: install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`) and build again"
        );
    }
    let skipped = names.len() - built.len();
    outln!(
        "built {} of {} {} into `{}`{}",
        built.len(),
        names.len(),
        if names.len() == 1 {
            "policy"
        } else {
            "policies"
        },
        args.out.display(),
        if skipped > 0 {
            format!(" ({skipped} with errors produced nothing)")
        } else {
            String::new()
        }
    );
    if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

fn output(dir: &Path, name: &str, ext: &str) -> PathBuf {
    dir.join(format!("{name}.{ext}"))
}
