//! Codes: L053. Duties for each party and across agencies.
//!
//! `own line_manager` means the line manager of whoever carries the duty
//! out, so it needs someone to carry it out: `by each party`, or a `by`
//! naming a role. On `via`, it is the own role of those who lead the stage
//! that escalates, so that stage must name its leads.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{ActorRef, Duty, Policy, Stage, Target};

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let duties = policy
        .every_stage
        .iter()
        .chain(policy.rules.iter().flat_map(|r| r.duties.iter()))
        .chain(policy.all_stages().flat_map(stage_duties));
    for duty in duties {
        own_in_duty(duty, out);
    }
    for stage in policy.all_stages() {
        own_in_via(stage, out);
    }
}

/// Every duty written in a stage: its own, its panel's and those under a
/// condition.
fn stage_duties(stage: &Stage) -> impl Iterator<Item = &Duty> {
    let panel = stage.panel.iter();
    stage
        .duties
        .iter()
        .chain(panel.clone().flat_map(|p| p.duties.iter()))
        .chain(stage.conditions.iter().flat_map(|c| c.duties.iter()))
        .chain(panel.flat_map(|p| p.conditions.iter().flat_map(|c| c.duties.iter())))
        .chain(stage.outcomes.iter().flat_map(|o| o.duties.iter()))
}

fn own_in_duty(duty: &Duty, out: &mut Vec<Diagnostic>) {
    // `by own x`: whose own is it, when `x` is the one who acts?
    let by_own = duty.by.iter().find_map(own);
    // The duty's own actors are someone's own only if someone acts.
    let doer_named = duty.by_each_party || duty.by.iter().any(|r| own(r).is_none());
    let actor_own = duty
        .kind
        .actors()
        .iter()
        .find_map(own)
        .filter(|_| !doer_named);
    let Some(name) = by_own.or(actor_own) else {
        return;
    };
    let verb = duty.kind.verb();
    out.push(
        Diagnostic::new(
            Code::OwnUnclear,
            duty.span,
            format!("`own {name}` does not say whose `{name}` is meant"),
        )
        .with_primary_label(if by_own.is_some() {
            format!("`by own {name}`: the `{name}` of whom?")
        } else {
            format!("nothing says who must {verb}, so nothing says whose `{name}` this is")
        })
        .with_help(format!(
            "`own {name}` is the `{name}` of whoever carries the duty out. Say who does: add `by each party` (each lead and counterpart of the stage, for their own agency) or a `by` naming a role, such as `by practitioner`; or name the role without `own`."
        )),
    );
}

fn own_in_via(stage: &Stage, out: &mut Vec<Diagnostic>) {
    if !stage.leads.is_empty() {
        return;
    }
    for outcome in &stage.outcomes {
        let Target::Stage { via, .. } = &outcome.target else {
            continue;
        };
        if let Some(name) = via.iter().find_map(own) {
            out.push(
                Diagnostic::new(
                    Code::OwnUnclear,
                    outcome.span,
                    format!("`via own {name}` does not say whose `{name}` is meant"),
                )
                .with_primary_label(format!("{} names nobody who leads it", stage.label))
                .with_help(format!(
                    "On `via`, `own {name}` is the `{name}` of those who lead the stage. Add `led by ...` to {}, or name the role without `own`.",
                    stage.label
                )),
            );
        }
    }
}

/// The role of an `own x`.
fn own(r: &ActorRef) -> Option<&str> {
    match r {
        ActorRef::Own(name) => Some(name),
        _ => None,
    }
}
