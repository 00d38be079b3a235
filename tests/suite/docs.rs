//! The documentation keeps up with the code: every diagnostic code has its
//! section in `docs/diagnostics.md` (which `ladder explain` prints), and
//! every check file declares the codes it reports.

use ladder::cli::explain_section;
use ladder::code::Code;

use crate::support::root;

#[test]
fn every_code_has_a_docs_section_with_an_example_and_a_fix() {
    for &code in Code::ALL {
        let section = explain_section(code).unwrap_or_else(|| {
            panic!(
                "docs/diagnostics.md has no section `## {} {}`",
                code.as_str(),
                code.slug()
            )
        });
        assert!(
            section.contains("```ladder"),
            "{code}: the section needs a failing example in a ```ladder block"
        );
        assert!(
            section.to_lowercase().contains("fix"),
            "{code}: the section needs to say how to fix it"
        );
    }
}

#[test]
fn the_docs_describe_no_code_that_does_not_exist() {
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    for line in docs.lines().filter(|l| l.starts_with("## L")) {
        let code = line[3..7].to_owned();
        assert!(
            Code::parse(&code).is_some(),
            "docs/diagnostics.md describes {code}, which does not exist"
        );
    }
}

#[test]
fn every_code_is_declared_by_the_file_that_reports_it() {
    // Each code is reported from exactly the files whose header says so.
    let mut declared = Vec::new();
    for entry in std::fs::read_dir(root().join("src/checks")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some(line) = text.lines().find(|l| l.starts_with("//! Codes:")) {
            for word in line.trim_start_matches("//! Codes:").split_whitespace() {
                let code = word.trim_end_matches('.');
                if Code::parse(code).is_some() {
                    declared.push((code.to_owned(), path.clone()));
                }
            }
        }
    }
    for (code, path) in declared {
        let text = std::fs::read_to_string(&path).unwrap();
        let variant = format!("{:?}", Code::parse(&code).unwrap());
        assert!(
            text.contains(&format!("Code::{variant}")),
            "{} declares {code} but never reports it",
            path.display()
        );
    }
}

#[test]
fn every_example_in_the_language_reference_parses() {
    let blocks = examples_parse("docs/language.md");
    assert!(
        blocks > 20,
        "the language reference should show every construct"
    );
}

#[test]
fn every_example_in_the_patterns_page_parses() {
    assert!(examples_parse("docs/patterns.md") > 15);
}

/// Checks that every `ladder` code block in `doc` parses, as a whole file or
/// as lines from inside a stage, and returns how many there are.
fn examples_parse(doc: &str) -> usize {
    let docs = std::fs::read_to_string(root().join(doc)).unwrap();
    let mut blocks = 0;
    for (i, block) in docs.split("```ladder\n").skip(1).enumerate() {
        let example = block.split("```").next().unwrap();
        // An example may be a whole file, or lines from inside a stage.
        let syntax_errors = |text: &str| {
            let (_, diagnostics) = ladder::syntax_error::parse(text);
            diagnostics
                .into_iter()
                .filter(|d| d.code == Code::Syntax)
                .collect::<Vec<_>>()
        };
        let mut syntax = syntax_errors(example);
        if !syntax.is_empty()
            && syntax_errors(&format!("stage 1 \"Example\" {{\n{example}\n}}\n")).is_empty()
        {
            syntax.clear();
        }
        assert!(
            syntax.is_empty(),
            "example {} in {doc} does not parse: {syntax:#?}\n{example}",
            i + 1
        );
        blocks += 1;
    }
    blocks
}

#[test]
fn every_example_in_the_diagnostics_reference_is_its_fixture_and_snapshot() {
    // Each section shows a fixture from tests/ui and what ladder reports for
    // it; both must be exactly what the fixture and its snapshot hold.
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    let mut checked = 0;
    for part in docs.split("**Example** (`").skip(1) {
        let path = &part[..part.find("`)").unwrap()];
        let fixture = std::fs::read_to_string(root().join(path)).unwrap();
        let shown = part
            .split("```ladder\n")
            .nth(1)
            .unwrap()
            .split("```")
            .next()
            .unwrap();
        assert_eq!(
            shown, fixture,
            "docs/diagnostics.md shows an old copy of {path}"
        );
        let snap = std::fs::read_to_string(root().join(path.replace(".ladder", ".snap"))).unwrap();
        let expected = snap.splitn(3, "---\n").nth(2).unwrap().trim_end();
        let output = part
            .split("```text\n")
            .nth(1)
            .unwrap()
            .split("\n```")
            .next()
            .unwrap();
        assert_eq!(
            output, expected,
            "docs/diagnostics.md shows old output for {path}"
        );
        checked += 1;
    }
    assert!(checked >= Code::ALL.len());
}

/// Every `text` code block in the README and the language reference that starts
/// with `$ ladder ...` shows real output: the command is run, and each line
/// shown (apart from `...`, which marks lines left out) must appear in what
/// it prints, in the same order. `proposed/halton.ladder` in the README's
/// `diff` example is Halton with stage 3 concluding by day 13.
#[test]
fn the_commands_shown_in_the_docs_print_what_the_docs_say() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("policies"), dir.path().join("policies")).unwrap();
    std::fs::create_dir(dir.path().join("proposed")).unwrap();
    std::fs::copy(
        root().join("tests/cmd/halton-day-13.ladder"),
        dir.path().join("proposed/halton.ladder"),
    )
    .unwrap();
    let mut seen = 0;
    for doc in ["README.md", "docs/language.md"] {
        let text = std::fs::read_to_string(root().join(doc)).unwrap();
        for block in text.split("```text\n").skip(1) {
            let block = block.split("```").next().unwrap();
            let mut lines = block.lines();
            let Some(command) = lines.next().and_then(|l| l.strip_prefix("$ ladder ")) else {
                continue;
            };
            seen += 1;
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
                .args(command.split_whitespace())
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let printed = String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr);
            let mut printed = printed.lines().map(str::trim_end);
            for shown in lines.filter(|l| l.trim() != "...") {
                assert!(
                    printed.any(|p| p == shown.trim_end()),
                    "{doc}: `ladder {command}` does not print, at this point:\n{shown}"
                );
            }
        }
    }
    assert!(seen >= 5, "only {seen} commands found in the docs");
}
