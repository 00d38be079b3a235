//! One fixture per diagnostic case in `tests/ui/`, named `<code>-<case>`,
//! with a snapshot of exactly what a person sees beside it. Each fixture
//! must produce the code its name starts with.

use ladder::code::Code;

use crate::support::{check, human, ladder_files, relative, render_all};

#[test]
fn every_fixture_reports_its_code_and_matches_its_snapshot() {
    let fixtures = ladder_files("tests/ui");
    assert!(!fixtures.is_empty());
    for path in fixtures {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let code = Code::parse(&name[..4])
            .unwrap_or_else(|| panic!("{name}: the name must start with a code"));
        let checked = check(&text);
        assert!(
            checked.diagnostics.iter().any(|d| d.code == code),
            "{name} does not report {code}; it reports {:?}",
            checked
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
        );
        let rendered = render_all(&checked, &relative(&path), &text, human());
        insta::with_settings!({
            snapshot_path => "../ui",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

#[test]
fn every_code_has_a_fixture() {
    let names: Vec<String> = ladder_files("tests/ui")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| {
            !names
                .iter()
                .any(|n| n.starts_with(&format!("{}-", code.as_str())))
        })
        .map(|code| code.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a fixture in tests/ui: {missing:?}"
    );
}
