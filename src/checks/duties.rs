//! Codes: L050 L051 L052. Recording and sharing duties.
//!
//! Every seed procedure says concerns, actions and outcomes must be
//! recorded, and that the person who raised the concern must hear the
//! outcome. A duty counts for a stage when the stage states it, or when
//! `every stage` does, and when it is due at the moment the outcome is
//! reached (no trigger, `when resolved` or `when concluded` for a resolution).
//! Where a line of the right kind is written but does not count, the help
//! says why (see `uncounted.rs`) instead of asking for it again.
//!
//! A duty on the route to an end (`resolved: end "..." { ... }`) counts for
//! that end. A duty under a condition (`if "..." { ... }`) or a `may` duty
//! never counts: nothing says it will be done.
//!
//! A `record` duty records, whether it names a record, a form (`using`) or
//! neither; so does a form completed when the stage concludes. Whoever
//! raised the concern needs no telling when they took part in the stage
//! that decided (they lead it, the concern is taken up with them, or they
//! are involved in it), and `all involved` and `the parties` include them.

use crate::ast::Trigger;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{ActorRef, Duty, DutyKind, OutcomeWhen, Policy, Stage, Target};

use super::uncounted::{self, Wanted};

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    // The help's example names one of the policy's own records, so that it
    // can be pasted in as it stands.
    let record_in = policy
        .records
        .first()
        .map_or(String::new(), |r| format!(" in {}", r.name));
    for stage in policy.all_stages() {
        let duties: Vec<&Duty> = stage_duties(policy, stage).collect();
        // A duty on the ordinary routes out (resolved, unresolved) is done
        // at this stage too; one on an `if` route only in that case.
        let mut on_routes = stage
            .outcomes
            .iter()
            .filter(|o| !matches!(o.when, OutcomeWhen::If(_)))
            .flat_map(|o| o.duties.iter());
        if !duties.iter().any(|d| records(d) && d.expected())
            && !on_routes.any(|d| records(d) && d.expected())
        {
            let diagnostic = Diagnostic::new(Code::NoRecording, stage.head_span, format!("nothing must be recorded at {}", stage.label))
                .with_primary_label("no `record` duty here or in `every stage`")
                .with_help(format!("Say what is recorded and where, for example `record \"the discussion and any points of difference\"{record_in}`. If the source document states no recording duty for this stage, this warning records that."));
            out.push(explained(policy, stage, Wanted::Record, diagnostic));
        }
        for outcome in &stage.outcomes {
            let Target::End(end) = &outcome.target else {
                continue;
            };
            // The stage's duties due when it concludes this way, and those
            // of the route itself.
            let due: Vec<&Duty> = duties
                .iter()
                .copied()
                .filter(|d| applies_at(d.trigger, &outcome.when))
                .chain(outcome.duties.iter())
                .filter(|d| d.expected())
                .collect();
            let recorded = due.iter().any(|d| records(d));
            if !recorded {
                let diagnostic = Diagnostic::new(Code::EndNotRecorded, outcome.span, format!("the end \"{end}\" is reached from {} without its outcome being recorded", stage.label))
                    .with_primary_label("no `record` duty is due when this end is reached")
                    .with_help(format!("Add a `record` duty to this stage or to `every stage`, such as `record \"the outcome\"{record_in}`."));
                out.push(explained(
                    policy,
                    stage,
                    Wanted::RecordAt(&outcome.when),
                    diagnostic,
                ));
            }
            // A sub-procedure's steps answer to its own raiser, if it names
            // one. A raiser that is not a declared actor was reported once
            // when lowering (L020); one warning per end about that name
            // would only repeat it.
            let Some(raiser) = policy
                .raiser_of(stage)
                .filter(|r| policy.actors.iter().any(|a| &a.name == *r))
            else {
                continue;
            };
            // Whoever raised the concern and took part in the stage that
            // decided reached the outcome themselves.
            if participates(raiser, stage, &duties) {
                continue;
            }
            let shared = due.iter().any(|d| tells(d, raiser));
            if !shared {
                let diagnostic = Diagnostic::new(
                    Code::EndNotShared,
                    outcome.span,
                    format!("the end \"{end}\" is reached from {} without the outcome being shared with `{raiser}`", stage.label),
                )
                .with_primary_label(format!("`{raiser}` is not told this outcome"))
                .with_help(format!("`{raiser}` raised the concern and should hear how it ended. Add `share outcome with {raiser}` to this stage or to `every stage`; where the source says the outcome goes to everyone involved or to the parties, write `share outcome with all involved` or `with the parties`. If `{raiser}` takes part in this stage, say so with `led by`, `with` or `involve {raiser}`."));
                let wanted = Wanted::Tell(raiser, &outcome.when);
                out.push(explained(policy, stage, wanted, diagnostic));
            }
        }
    }
}

/// The diagnostic, pointing at a line of the wanted kind that is written
/// but does not count, with help that says why, where there is one; as it
/// is otherwise.
fn explained(
    policy: &Policy,
    stage: &Stage,
    wanted: Wanted<'_>,
    diagnostic: Diagnostic,
) -> Diagnostic {
    match uncounted::find(policy, stage, wanted) {
        Some(found) => found.explain(diagnostic),
        None => diagnostic,
    }
}

/// Whether `actor` takes part in the stage: leads it, is whom the concern is
/// taken up with (`with`), or is involved in it (`involve`, due from the
/// start or throughout, and not only where possible). Not when they are one
/// of several alternatives (`led by a or b`): the other may be the one who
/// takes part. What a condition says (`if "..." { led by ... }`) does not
/// count, and neither does `equivalent x`, which is the `x` of the other
/// agency.
fn participates(actor: &str, stage: &Stage, duties: &[&Duty]) -> bool {
    let sure = |n: usize, either: bool| n == 1 || !either;
    let leads =
        stage.leads.iter().any(|lead| lead == actor) && sure(stage.leads.len(), stage.leads_either);
    let counterpart = stage
        .counterparts
        .iter()
        .any(|c| c.actor == actor && !c.equivalent)
        && sure(stage.counterparts.len(), stage.counterparts_either);
    let involved = duties.iter().any(|d| {
        let DutyKind::Involve(list) = &d.kind else {
            return false;
        };
        d.expected()
            && !d.where_possible
            && matches!(d.trigger, None | Some(Trigger::OnEntry))
            && list.iter().any(|a| a.is(actor))
            && sure(list.len(), d.actors_either)
    });
    leads || counterpart || involved
}

/// The duties that apply at a stage: its own, its panel's and the
/// policy-wide ones.
fn stage_duties<'a>(policy: &'a Policy, stage: &'a Stage) -> impl Iterator<Item = &'a Duty> {
    stage
        .duties
        .iter()
        .chain(stage.panel.iter().flat_map(|p| p.duties.iter()))
        .chain(policy.every_stage.iter())
}

/// Whether a duty with this trigger is due when this outcome is reached.
fn applies_at(trigger: Option<Trigger>, when: &OutcomeWhen) -> bool {
    match trigger {
        None | Some(Trigger::WhenConcluded) => true,
        Some(Trigger::OnEntry) => false,
        Some(Trigger::WhenResolved) => !matches!(when, OutcomeWhen::Unresolved),
        Some(Trigger::WhenUnresolved) => matches!(when, OutcomeWhen::Unresolved),
    }
}

/// Whether a duty records the stage: a `record` duty (in a record, through
/// a form, or not said where), or a form filled in when the stage concludes
/// (`complete form when resolved` or `when concluded`), which is a record
/// of how it concluded.
fn records(duty: &Duty) -> bool {
    match duty.kind {
        DutyKind::Record { .. } => true,
        DutyKind::Complete(_) => matches!(
            duty.trigger,
            Some(Trigger::WhenResolved | Trigger::WhenConcluded)
        ),
        _ => false,
    }
}

/// Whether a duty tells the outcome to `actor`.
fn tells(duty: &Duty, actor: &str) -> bool {
    // `share outcome with a or b` may reach b alone: only a list joined
    // with `and` (or of one) is sure to tell each actor in it.
    // `all involved` and `the parties` include whoever raised the concern;
    // `equivalent x` is the `x` of the other agency, not `x`.
    let has = |list: &[ActorRef]| {
        list.iter().any(|a| a.is(actor) || a.is_group()) && (list.len() == 1 || !duty.actors_either)
    };
    match &duty.kind {
        DutyKind::Share { with, .. } => has(with),
        DutyKind::Notify(list) => has(list) && duty.trigger.is_some_and(|t| t != Trigger::OnEntry),
        DutyKind::Recommend { to, .. } | DutyKind::Report { to, .. } => has(to),
        _ => false,
    }
}
