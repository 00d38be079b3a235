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
