//! Codes: L039. Phases: named groups of consecutive stages.
//!
//! A phase runs from its first stage to its last (or to the end of the
//! ladder for `from stage N`), so a range that runs backwards covers
//! nothing, and a stage can belong to one phase only: "informal (stages 1
//! to 3) and formal (stage 4 onwards)" divides the ladder, it does not
//! share stages between the two.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Phase, Policy, StageKey};

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let label = |key: &StageKey| {
        policy
            .stage(key)
            .map_or_else(|| key.slug(), |s| s.label.clone())
    };
    for phase in &policy.phases {
        let (Some(from), Some(to)) = (&phase.from, &phase.to) else {
            continue;
        };
        if phase.stages.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::PhaseOverlap,
                    phase.span,
                    format!(
                        "the phase \"{}\" runs backwards, from {} to {}, which comes before it",
                        phase.title,
                        label(from),
                        label(to)
                    ),
                )
                .with_primary_label("covers no stage")
                .with_help(format!(
                    "Name the first stage of the phase first: `covers stages {} to {}`.",
                    to.id, from.id
                )),
            );
        }
    }
    for (i, later) in policy.phases.iter().enumerate() {
        let Some((earlier, shared)) = policy.phases[..i].iter().find_map(|earlier| {
            let shared: Vec<&StageKey> = later
                .stages
                .iter()
                .filter(|k| earlier.stages.contains(k))
                .collect();
            (!shared.is_empty()).then_some((earlier, shared))
        }) else {
            continue;
        };
        let names: Vec<String> = shared.iter().map(|k| label(k)).collect();
        out.push(
            Diagnostic::new(
                Code::PhaseOverlap,
                later.span,
                format!(
                    "the phases \"{}\" and \"{}\" overlap: {} {} in both",
                    earlier.title,
                    later.title,
                    and_list(&names),
                    if names.len() == 1 { "is" } else { "are" }
                ),
            )
            .with_primary_label(format!("overlaps \"{}\"", earlier.title))
            .with_label(earlier.span, format!("\"{}\" is here", earlier.title))
            .with_help(format!(
                "A stage belongs to one phase. {}",
                fix(earlier, later, policy)
            )),
        );
    }
}

/// How to divide the two phases: end the one that starts first before the
/// other starts.
fn fix(one: &Phase, other: &Phase, policy: &Policy) -> String {
    let position = |key: &StageKey| policy.stages.iter().position(|s| &s.key == key);
    let start = |phase: &Phase| phase.stages.first().and_then(position);
    let (Some(a), Some(b)) = (start(one), start(other)) else {
        return "Check the stage numbers of both against the source document.".to_owned();
    };
    let ((first, first_phase), (second, second_phase)) = if a <= b {
        ((a, one), (b, other))
    } else {
        ((b, other), (a, one))
    };
    if first == second {
        return format!(
            "\"{}\" and \"{}\" start at the same stage: check both against the source document.",
            first_phase.title, second_phase.title
        );
    }
    let from = &policy.stages[first].key.id;
    let to = &policy.stages[second - 1].key.id;
    let range = if first == second - 1 {
        format!("`covers stage {from}`")
    } else {
        format!("`covers stages {from} to {to}`")
    };
    format!(
        "To end \"{}\" where \"{}\" starts, write {range}.",
        first_phase.title, second_phase.title
    )
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
