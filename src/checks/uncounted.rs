//! Why a line that is written does not count, for the help of the recording
//! and sharing checks (L050, L051, L052).
//!
//! When a stage has no `record`, the help asks for one. But when it has one
//! that does not count (it is optional, `on entry`, due only `when
//! unresolved`, in an exception rule, or a `share` whose list is joined
//! with `or`), asking for "a `record` duty" points at a line that is
//! already there. This finds such a line and says why it does not count,
//! so that the help can point at it and say what to change instead.

use crate::ast::Trigger;
use crate::diagnostic::Diagnostic;
use crate::model::{ActorRef, Duty, DutyKind, OutcomeWhen, Policy, RecordPlace, Stage};
use crate::span::Span;

/// A written duty that does not count, and why.
pub(super) struct Uncounted {
    pub span: Span,
    /// A few words for the label on the line.
    pub label: String,
    /// Why it does not count and what to change, for the help.
    pub help: String,
}

impl Uncounted {
    /// Points `diagnostic` at the line and replaces its help.
    pub(super) fn explain(self, diagnostic: Diagnostic) -> Diagnostic {
        diagnostic
            .with_label(self.span, self.label)
            .with_help(self.help)
    }
}

/// What the duty must do to count.
#[derive(Clone, Copy)]
pub(super) enum Wanted<'a> {
    /// A record at the stage (L050).
    Record,
    /// A record due when an outcome is reached (L051).
    RecordAt(&'a OutcomeWhen),
    /// The outcome told to the raiser when it is reached (L052).
    Tell(&'a str, &'a OutcomeWhen),
}

/// The first written duty of the wanted kind that does not count, looking
/// in the stage, its panel, `every stage` and then the exception rules.
pub(super) fn find(policy: &Policy, stage: &Stage, wanted: Wanted<'_>) -> Option<Uncounted> {
    let written = stage
        .duties
        .iter()
        .chain(stage.panel.iter().flat_map(|p| p.duties.iter()))
        .chain(&policy.every_stage);
    for duty in written {
        if !is_kind(duty, wanted) {
            continue;
        }
        if let Some(found) = why_not(duty, wanted) {
            return Some(found);
        }
    }
    for rule in &policy.rules {
        if let Some(duty) = rule.duties.iter().find(|d| is_kind(d, wanted)) {
            let verb = duty.kind.verb();
            return Some(Uncounted {
                span: duty.span,
                label: format!("applies only when \"{}\"", rule.condition),
                help: format!(
                    "The `{verb}` in the rule for \"{}\" applies only when that is so, not to every escalation. If it is due in every case, write it in the stage or in `every stage` as well.",
                    rule.condition
                ),
            });
        }
    }
    None
}

/// Whether a duty is of the kind that would count: a `record`, or a duty
/// that names the raiser among those it tells.
fn is_kind(duty: &Duty, wanted: Wanted<'_>) -> bool {
    match wanted {
        Wanted::Record | Wanted::RecordAt(_) => matches!(duty.kind, DutyKind::Record { .. }),
        Wanted::Tell(raiser, _) => told(duty).is_some_and(|list| list.iter().any(|a| a.is(raiser))),
    }
}

/// The actors a duty tells something to.
fn told(duty: &Duty) -> Option<&[ActorRef]> {
    match &duty.kind {
        DutyKind::Share { with, .. } => Some(with),
        DutyKind::Notify(list) => Some(list),
        DutyKind::Recommend { to, .. } | DutyKind::Report { to, .. } => Some(to),
        _ => None,
    }
}

/// Why a duty of the wanted kind does not count, if it does not.
fn why_not(duty: &Duty, wanted: Wanted<'_>) -> Option<Uncounted> {
    let verb = duty.kind.verb();
    let found = |label: &str, help: String| {
        Some(Uncounted {
            span: duty.span,
            label: label.to_owned(),
            help,
        })
    };
    if duty.optional() {
        return found(
            "`may` makes this optional",
            format!(
                "The `{verb}` here is written with `may`, so it is optional and nothing is sure to happen. If the source document requires it, delete `may`; if it does not, this warning records that."
            ),
        );
    }
    let when = match wanted {
        Wanted::Record => return None,
        Wanted::RecordAt(when) | Wanted::Tell(_, when) => when,
    };
    match (duty.trigger, when) {
        (Some(Trigger::OnEntry), _) => {
            return found(
                "done on entry, before the outcome is known",
                format!(
                    "The `{verb}` here is done `on entry`, when the stage starts, before there is an outcome. Keep it, and add one for the outcome{}.",
                    example(duty, wanted)
                ),
            );
        }
        (Some(Trigger::WhenUnresolved), OutcomeWhen::Resolved | OutcomeWhen::If(_)) => {
            return found(
                "due only when unresolved",
                format!(
                    "The `{verb}` here is due only `when unresolved`, and this end is reached otherwise. Write `when concluded` instead, so that it is due whatever the outcome{}.",
                    if_separate(wanted)
                ),
            );
        }
        (Some(Trigger::WhenResolved), OutcomeWhen::Unresolved) => {
            return found(
                "due only when resolved",
                format!(
                    "The `{verb}` here is due only `when resolved`, and this end is reached when the stage leaves the disagreement unresolved. Write `when concluded` instead, so that it is due whatever the outcome{}.",
                    if_separate(wanted)
                ),
            );
        }
        _ => {}
    }
    let Wanted::Tell(raiser, _) = wanted else {
        return None;
    };
    if let Some(list) = told(duty)
        && duty.actors_either
        && list.len() > 1
    {
        let others: Vec<String> = list
            .iter()
            .filter(|a| !a.is(raiser))
            .map(|a| format!("`{}`", a.words()))
            .collect();
        return found(
            "a list joined with `or`",
            format!(
                "The `{verb}` here names `{raiser}` in a list joined with `or`, so it may reach {} alone. If each of them must hear it, join the list with `and`.",
                others.join(" or ")
            ),
        );
    }
    if matches!(duty.kind, DutyKind::Notify(_)) && duty.trigger.is_none() {
        return found(
            "tells them of the concern, not its outcome",
            format!(
                "A `notify` with no `when` tells `{raiser}` of the escalation, not of how it ended. If it is the outcome they are told, add `when concluded` to it, or write `share outcome with {raiser}`."
            ),
        );
    }
    None
}

/// A duty to add beside one done on entry.
fn example(duty: &Duty, wanted: Wanted<'_>) -> String {
    match wanted {
        Wanted::Tell(raiser, _) => format!(", such as `share outcome with {raiser}`"),
        _ => match &duty.kind {
            DutyKind::Record { records, .. } if !records.is_empty() => {
                let places: Vec<String> = records.iter().map(RecordPlace::words).collect();
                format!(
                    ", such as `record \"the outcome\" in {}`",
                    places.join(" and ")
                )
            }
            _ => ", such as `record \"the outcome\"`".to_owned(),
        },
    }
}

/// The other way out, when one trigger for every outcome is not wanted.
fn if_separate(wanted: Wanted<'_>) -> String {
    match wanted {
        Wanted::Tell(raiser, _) => {
            format!(", or add `share outcome with {raiser}` for every outcome")
        }
        _ => ", or add a `record` for this outcome".to_owned(),
    }
}
