//! Codes: L023 L024. Stage numbering and definitions nothing uses.
//!
//! Unknown and duplicate names are found while lowering, where the names
//! are resolved; what is left here needs the whole model.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lower::Usage;
use crate::model::{Policy, Stage};

pub(super) fn check(policy: &Policy, usage: &Usage, out: &mut Vec<Diagnostic>) {
    numbering(&policy.stages, &policy.header.stage_word, out);
    for procedure in &policy.procedures {
        numbering(&procedure.steps, "Step", out);
    }
    unused(policy, usage, out);
}

/// Numbered stages must run 1, 2, 3 ... in file order, from 1 (there is no
/// stage 0). Repeated numbers are reported when lowering, so they are
/// skipped here.
fn numbering(stages: &[Stage], word: &str, out: &mut Vec<Diagnostic>) {
    let mut expected = 1;
    let mut previous: Option<&Stage> = None;
    for stage in stages {
        let Some(number) = stage.number else { continue };
        if previous.is_some_and(|p| p.number == Some(number)) {
            continue;
        }
        if number == 0 {
            // `stage 0` is not out of order: there is no such number, as
            // there is no `day 0`.
            let lower = word.to_lowercase();
            out.push(
                Diagnostic::new(
                    Code::StageNumbering,
                    stage.head_span,
                    format!("there is no {lower} 0"),
                )
                .with_help(format!(
                    "{word}s are numbered from 1: number them 1, 2, 3 ... in the order they appear in the file."
                )),
            );
            expected = 1;
            previous = Some(stage);
            continue;
        }
        if number != expected {
            let lower = word.to_lowercase();
            let message = if number < expected {
                format!("{word} {number} comes after {word} {}", expected - 1)
            } else if number == expected + 1 {
                format!("there is no {lower} {expected} before {word} {number}")
            } else {
                format!(
                    "there are no {lower}s {expected} to {} before {word} {number}",
                    number - 1
                )
            };
            let mut diagnostic = Diagnostic::new(Code::StageNumbering, stage.head_span, message)
                .with_help(format!(
                    "Number the {lower}s 1, 2, 3 ... in the order they appear in the file."
                ));
            if let Some(p) = previous {
                diagnostic = diagnostic.with_label(p.head_span, "the previous one");
            }
            out.push(diagnostic);
        }
        expected = number + 1;
        previous = Some(stage);
    }
}

fn unused(policy: &Policy, usage: &Usage, out: &mut Vec<Diagnostic>) {
    let groups = [
        (
            "actor",
            policy
                .actors
                .iter()
                .map(|a| (&a.name, a.span))
                .collect::<Vec<_>>(),
        ),
        (
            "record",
            policy.records.iter().map(|r| (&r.name, r.span)).collect(),
        ),
        (
            "form",
            policy.forms.iter().map(|f| (&f.name, f.span)).collect(),
        ),
    ];
    for (word, items) in groups {
        let mut reported = std::collections::BTreeSet::new();
        for (name, span) in items {
            // A role described once for each group covered is one name:
            // reported once, at its first line.
            if usage.used.contains(name.as_str()) || !reported.insert(name) {
                continue;
            }
            let help = match word {
                "actor" => {
                    "Name this actor where it acts (`led by`, `notify`, `by` ...), or delete the line."
                }
                "record" => {
                    "Write where things are recorded with `record \"...\" in this_record`, or delete the line."
                }
                _ => {
                    "Say when the form is used with `refer to ... using this_form` or `complete this_form`, or delete it."
                }
            };
            out.push(
                Diagnostic::new(
                    Code::Unused,
                    span,
                    format!("the {word} `{name}` is never used"),
                )
                .with_help(help),
            );
        }
    }
}
