//! Command-line behaviour as declarative cases in `tests/cmd/*.toml`:
//! arguments, exit status, and exactly what is printed.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
