//! The text kept as `documentation`: a duty in the policy's own words, a
//! stage's window, leads, duties, conditions, citations and notes, and the
//! process variables the engine sets.

use super::summary;
use crate::emit::names::Names;
use crate::model::{Duty, DutyKind, Modality, Policy, Stage, StageKey, describe_limits};

/// A duty in full: `must notify independent chair by business manager on
/// entry`, `should share "the decisions taken" with relevant professional`.
pub(super) fn duty(d: &Duty) -> String {
    let refs = |list: &[crate::model::ActorRef], either: bool| {
        let words: Vec<String> = list.iter().map(|r| summary::actor(&r.words())).collect();
        join(&words, either)
    };
    let quoted = |what: &Option<String>| {
        what.as_ref()
            .map(|w| format!(" \"{w}\""))
            .unwrap_or_default()
    };
    let mut text = match &d.kind {
        DutyKind::Record {
            what,
            records,
            form,
        } => {
            let mut text = format!("record \"{what}\"");
            if !records.is_empty() {
                let places: Vec<String> =
                    records.iter().map(|r| summary::actor(&r.words())).collect();
                text.push_str(&format!(" in {}", join(&places, false)));
            }
            if let Some(f) = form {
                text.push_str(&format!(" using form {}", summary::actor(f)));
            }
            text
        }
        DutyKind::Notify(a) => format!("notify {}", refs(a, d.actors_either)),
        DutyKind::Share { what, with } => match what {
            Some(w) => format!("share \"{w}\" with {}", refs(with, d.actors_either)),
            None => format!("share the outcome with {}", refs(with, d.actors_either)),
        },
        DutyKind::Refer { what, to, form } => {
            let mut text = format!("refer{} to {}", quoted(what), refs(to, d.actors_either));
            if let Some(f) = form {
                text.push_str(&format!(" using form {}", summary::actor(f)));
            }
            text
        }
        DutyKind::Recommend { what, to } if to.is_empty() => format!("recommend{}", quoted(what)),
        DutyKind::Recommend { what, to } => {
            format!("recommend{} to {}", quoted(what), refs(to, d.actors_either))
        }
        DutyKind::Report { what, to } => {
            format!("report{} to {}", quoted(what), refs(to, d.actors_either))
        }
        DutyKind::Decide(what) => format!("decide{}", quoted(what)),
        DutyKind::Involve(a) => format!("involve {}", refs(a, d.actors_either)),
        DutyKind::Consult(a) => format!("consult {}", refs(a, d.actors_either)),
        DutyKind::Meet(what) => format!("meet{}", quoted(what)),
        DutyKind::Complete(f) => format!("complete form {}", summary::actor(f)),
        DutyKind::Task(what) => format!("\"{what}\""),
    };
    if d.by_each_party {
        text.push_str(" by each party");
    } else if !d.by.is_empty() {
        text.push_str(&format!(" by {}", refs(&d.by, d.by_either)));
    }
    let limits: Vec<_> = d.limits().cloned().collect();
    if !limits.is_empty() {
        text.push(' ');
        text.push_str(&describe_limits(
            &limits,
            d.within_join,
            &StageKey::plain_label,
        ));
    }
    if d.where_possible {
        text.push_str(" where possible");
    }
    let word = match d.modality {
        Modality::Must => "must",
        _ => d.modality.word(),
    };
    format!("{word} {text}")
}

fn join(items: &[String], either: bool) -> String {
    let conjunction = if either { "or" } else { "and" };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// Everything a stage says, one paragraph per line, for its task.
pub(super) fn stage(policy: &Policy, stage: &Stage, n: &Names) -> Vec<String> {
    let mut out = vec![summary::heading(stage)];
    for cite in &stage.cites {
        out.push(format!("Cites: {cite}"));
    }
    out.push(summary::window(stage, n));
    out.extend(summary::lead(stage, n));
    if let Some(panel) = &stage.panel {
        out.push(format!("Panel: {}", panel.title));
        out.extend(
            summary::stage_duties(stage, n)
                .into_iter()
                .filter(|d| d.contains("member") || d.starts_with("decision")),
        );
    }
    let duties = stage
        .duties
        .iter()
        .chain(stage.panel.iter().flat_map(|p| p.duties.iter()));
    for d in duties {
        out.push(format!("Duty: {}", duty(d)));
    }
    for d in &policy.every_stage {
        out.push(format!("Duty (every stage): {}", duty(d)));
    }
    out.extend(summary::conditions(stage, n));
    out.extend(summary::repeats(stage, n));
    for outcome in &stage.outcomes {
        for d in &outcome.duties {
            out.push(format!(
                "On {}: {}",
                summary::branch(&outcome.when, &outcome.target, n),
                duty(d)
            ));
        }
    }
    for note in &stage.notes {
        out.push(format!("Note: {note}"));
    }
    out
}
