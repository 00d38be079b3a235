//! The five boards' procedures in `policies/`: they check with no errors,
//! and the warnings they get (pinned here with `--today 2026-11-22`) are the
//! true findings about the source documents.

use ladder::render::Style;

use crate::support::{check, ladder_files, relative, render_all};

#[test]
fn the_shipped_policies_have_no_errors_and_their_known_warnings() {
    let files = ladder_files("policies");
    let names: Vec<String> = files.iter().map(|p| relative(p)).collect();
    assert_eq!(
        names,
        [
            "policies/cheshire-east.ladder",
            "policies/halton.ladder",
            "policies/harrow.ladder",
            "policies/hillingdon.ladder",
            "policies/somerset.ladder"
        ]
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = check(&text);
        let shown = relative(&path);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{shown} has errors: {errors:#?}");
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(
            format!("policy-{name}"),
            render_all(&checked, &shown, &text, Style::Short)
        );
    }
}

#[test]
fn cheshire_east_review_date_has_passed() {
    let text =
        std::fs::read_to_string(crate::support::root().join("policies/cheshire-east.ladder"))
            .unwrap();
    let checked = check(&text);
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "L060")
    );
}

#[test]
fn halton_has_a_gap_between_day_14_and_day_16() {
    let text =
        std::fs::read_to_string(crate::support::root().join("policies/halton.ladder")).unwrap();
    let checked = check(&text);
    let gap = checked
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "L043")
        .expect("a gap warning");
    assert_eq!(
        gap.message,
        "nobody owns the escalation on days 15 to 16, between Stage 3 and Stage 4"
    );
}
