//! Lanes: one per actor who leads or takes part in a stage of the process
//! (or of one sub-procedure), in the order the policy declares its actors,
//! and the lane each stage's task is drawn in.

use std::collections::BTreeSet;

use super::graph::{Graph, Lane, slug};
use crate::model::{ActorRef, Policy, Stage, Target};

/// The actors who take part in a stage: its leads, counterparts, the
/// people a route names as taking the escalation on, the panel's convener,
/// chair and overseer, and those a condition puts in charge.
fn takes_part(stage: &Stage) -> Vec<&str> {
    let mut out: Vec<&str> = stage.leads.iter().map(String::as_str).collect();
    out.extend(stage.counterparts.iter().map(|c| c.actor.as_str()));
    for condition in &stage.conditions {
        out.extend(condition.leads.iter().flatten().map(String::as_str));
        out.extend(
            condition
                .counterparts
                .iter()
                .flatten()
                .map(|c| c.actor.as_str()),
        );
    }
    if let Some(panel) = &stage.panel {
        out.extend(
            [&panel.convened_by, &panel.chaired_by, &panel.overseen_by]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    for outcome in &stage.outcomes {
        if let Target::Stage { via, .. } = &outcome.target {
            out.extend(via.iter().filter_map(ActorRef::name));
        }
    }
    out
}

/// The actor whose lane a stage's task is in: its first lead, else the
/// panel's chair, convener or overseer, else whoever raised the concern.
pub(super) fn owner<'p>(policy: &'p Policy, stage: &'p Stage) -> Option<&'p str> {
    stage
        .leads
        .first()
        .or_else(|| {
            stage.panel.as_ref().and_then(|p| {
                p.chaired_by
                    .as_ref()
                    .or(p.convened_by.as_ref())
                    .or(p.overseen_by.as_ref())
            })
        })
        .or_else(|| policy.raiser_of(stage))
        .map(String::as_str)
}

/// The lanes of a container holding `stages`, added to the graph's
/// container `container`. A stage that names nobody puts its task in a
/// lane of its own, "Not named in the policy".
pub(super) fn add(graph: &mut Graph, container: usize, policy: &Policy, stages: &[&Stage]) {
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    for stage in stages {
        wanted.extend(owner(policy, stage));
        wanted.extend(takes_part(stage));
    }
    let prefix = if container == 0 {
        "Lane".to_owned()
    } else {
        format!("Lane_{}", graph.containers[container].id)
    };
    let mut lanes: Vec<Lane> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for actor in &policy.actors {
        if wanted.contains(actor.name.as_str()) && seen.insert(&actor.name) {
            let name = if actor.description.is_empty() {
                actor.name.replace('_', " ")
            } else {
                actor.description.clone()
            };
            lanes.push(Lane {
                id: graph.id(&format!("{prefix}_{}", actor.name)),
                name,
                actor: actor.name.clone(),
            });
        }
    }
    if stages.iter().any(|s| owner(policy, s).is_none()) || lanes.is_empty() {
        lanes.push(Lane {
            id: graph.id(&format!("{prefix}_{}", slug("not named"))),
            name: "Not named in the policy".to_owned(),
            actor: String::new(),
        });
    }
    let c = &mut graph.containers[container];
    c.lane_of = lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.actor.clone(), i))
        .collect();
    c.lanes = lanes;
}

/// The index of the lane a stage's task is in.
pub(super) fn of(graph: &Graph, container: usize, policy: &Policy, stage: &Stage) -> usize {
    let c = &graph.containers[container];
    let actor = owner(policy, stage).unwrap_or("");
    c.lane_of
        .get(actor)
        .copied()
        .unwrap_or(c.lanes.len().saturating_sub(1))
}
