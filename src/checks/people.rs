//! Codes: L037 L038. Who takes the escalation on: a panel big enough to be
//! a panel, and each stage a step up from the one before.
//!
//! A resolution panel brings several agencies together to settle a
//! disagreement between agencies; one agency alone is not a panel (L037;
//! no agencies at all is an invalid value, reported by the parser). And
//! escalation means taking the disagreement to someone more senior: an
//! escalation to a stage led by exactly the same roles as the stage it
//! leaves goes nowhere (L038). That one is advice, because ladder cannot
//! know seniority, only that the roles named are the same; where a stage
//! names no lead, nothing is said.

use std::collections::{BTreeMap, BTreeSet};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Policy, Stage, StageKey, Target};

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in policy.all_stages() {
        small_panel(stage, out);
    }
    no_step_up(policy, out);
}

/// L037: a panel whose `members` line allows a single agency.
fn small_panel(stage: &Stage, out: &mut Vec<Diagnostic>) {
    let Some(panel) = &stage.panel else { return };
    let Some(members) = panel.members.as_ref().filter(|m| m.count == 1) else {
        return;
    };
    let (message, label) = if members.at_least {
        (
            format!("the panel \"{}\" may be a single agency", panel.title),
            "one agency would meet this",
        )
    } else {
        (
            format!("the panel \"{}\" is a single agency", panel.title),
            "one agency",
        )
    };
    out.push(
        Diagnostic::new(Code::SmallPanel, members.span, message)
            .with_primary_label(label)
            .with_help("A resolution panel brings agencies together to settle a disagreement between them; one agency alone is not a panel. Check the number against the source document, for example `members at least 3 agencies not concerned in the disagreement`. If the source document says one, this warning records that."),
    );
}

/// L038: an escalation between two stages of the main ladder whose leads
/// are the same roles.
fn no_step_up(policy: &Policy, out: &mut Vec<Diagnostic>) {
    // A key given to two stages (L021, L022) could mean either: skipped.
    let mut by_key: BTreeMap<&StageKey, Option<usize>> = BTreeMap::new();
    for (i, stage) in policy.stages.iter().enumerate() {
        by_key
            .entry(&stage.key)
            .and_modify(|slot| *slot = None)
            .or_insert(Some(i));
    }
    let leads = |stage: &Stage| -> BTreeSet<String> { stage.leads.iter().cloned().collect() };
    for (i, from) in policy.stages.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for outcome in &from.outcomes {
            let Target::Stage { to: Some(key), .. } = &outcome.target else {
                continue;
            };
            // Only escalations up the ladder; one going back down is a
            // cycle (L033).
            let Some(&Some(j)) = by_key.get(key) else {
                continue;
            };
            let Some(to) = policy.stages.get(j).filter(|_| j > i) else {
                continue;
            };
            if from.leads.is_empty() || !seen.insert(j) {
                continue;
            }
            if leads(from) != leads(to) {
                continue;
            }
            let names = roles(to);
            out.push(
                Diagnostic::new(
                    Code::NoStepUp,
                    outcome.span,
                    format!(
                        "the escalation from {} to {} goes nowhere more senior: both are led by {names}",
                        from.label, to.label
                    ),
                )
                .with_primary_label(format!("escalates to {}", to.label))
                .with_label(to.head_span, format!("also led by {names}"))
                .with_help(format!(
                    "Escalation takes a disagreement to someone with more authority at each stage. Check who leads {} against the source document (for example `led by senior_manager`). If the source document gives both stages the same leads, this note records that.",
                    to.label
                )),
            );
        }
    }
}

/// The leads of a stage as the file joins them: `` `a` and `b` ``.
fn roles(stage: &Stage) -> String {
    let names: Vec<String> = stage.leads.iter().map(|l| format!("`{l}`")).collect();
    let conjunction = if stage.leads_either { " or " } else { " and " };
    names.join(conjunction)
}
