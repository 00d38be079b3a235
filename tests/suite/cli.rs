//! Command-line behaviour as declarative cases in `tests/cmd/*.toml`:
//! arguments, exit status, and exactly what is printed.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

/// With no path, ladder reads `policies/`; run somewhere without one, it
/// says where it looked and how to name files instead (exit 2).
#[test]
fn no_path_and_no_policies_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["check", "fmt"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
            .arg(command)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("there is no `policies` folder here")
                && stderr.contains("name the files or folders after the command"),
            "{stderr}"
        );
    }
}

/// `ladder explain CODE` prints exactly the code's section of
/// `docs/diagnostics.md` and its published address, for every code: found here by splitting the file
/// at its `## ` headings, independently of how the binary finds it. (The
/// trycmd case pins only the first line, so that a docs edit does not need
/// the case regenerated.)
#[test]
fn explain_prints_each_codes_docs_section() {
    let docs = std::fs::read_to_string(crate::support::root().join("docs/diagnostics.md")).unwrap();
    for &code in ladder::code::Code::ALL {
        let heading = format!("{} {}\n", code.as_str(), code.slug());
        let section = docs
            .split("\n## ")
            .find(|part| part.starts_with(&heading))
            .unwrap_or_else(|| panic!("no section for {code}"));
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
            .args(["explain", code.as_str()])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let printed = String::from_utf8(output.stdout).unwrap();
        // Then the link to the section as published (not a terminal, so
        // the Markdown is printed as it is).
        assert_eq!(
            printed,
            format!(
                "## {}\n\nOnline: https://github.com/ladder-lang/ladder/blob/main/docs/diagnostics.md#{}-{}\n",
                section.trim_end(),
                code.as_str().to_lowercase(),
                code.slug()
            ),
            "{code}"
        );
    }
}
