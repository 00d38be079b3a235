//! Codes: L030 L031 L032 L033 L034. The shape of the ladder as a graph.
//!
//! Stages and steps are nodes; outcomes are edges to other stages or to
//! ends (an end, or a procedure outside the policy). The entries are the
//! first stage, every stage or step an exception rule (the policy's or a
//! sub-procedure's own) may start at, and the first step of every
//! sub-procedure. Reachability is computed from all entries
//! together, not from in-degree, so a ladder split into two islands is found.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Policy, Stage, StageKey, StartAt, Target};

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let mut graph: DiGraph<Option<&Stage>, ()> = DiGraph::new();
    let mut nodes: BTreeMap<&StageKey, NodeIndex> = BTreeMap::new();
    let stages: Vec<&Stage> = policy.all_stages().collect();
    for stage in &stages {
        nodes.insert(&stage.key, graph.add_node(Some(stage)));
    }
    // One node stands for every way out of the ladder.
    let exit = graph.add_node(None);
    for stage in &stages {
        let from = nodes[&stage.key];
        for outcome in &stage.outcomes {
            match &outcome.target {
                // An unresolved name was reported when lowering; treating it
                // as a way out avoids a second, misleading diagnostic.
                Target::End(_) | Target::Follow(_) | Target::Stage { to: None, .. } => {
                    graph.update_edge(from, exit, ());
                }
                Target::Stage { to: Some(to), .. } => {
                    if let Some(&to) = nodes.get(to) {
                        graph.update_edge(from, to, ());
                    }
                }
            }
        }
    }

    let mut entries: Vec<NodeIndex> = Vec::new();
    entries.extend(policy.stages.first().map(|s| nodes[&s.key]));
    for procedure in &policy.procedures {
        entries.extend(procedure.steps.first().map(|s| nodes[&s.key]));
    }
    for (rule, procedure) in policy.all_rules() {
        for start in &rule.start_at {
            match start {
                StartAt::AnyStage => entries.extend(policy.stages.iter().map(|s| nodes[&s.key])),
                StartAt::AnyStep => entries.extend(
                    procedure
                        .iter()
                        .flat_map(|p| p.steps.iter())
                        .map(|s| nodes[&s.key]),
                ),
                StartAt::Stage(Some(key)) => entries.extend(nodes.get(key).copied()),
                StartAt::Stage(None) => {}
            }
        }
    }

    // One traversal from all entries at once: `start at any stage` makes
    // every stage an entry, and a traversal per entry would be quadratic.
    let mut bfs = Bfs::new(&graph, exit);
    bfs.stack.clear();
    bfs.discovered.clear();
    for &entry in &entries {
        if !bfs.discovered.put(entry.index()) {
            bfs.stack.push_back(entry);
        }
    }
    let mut reachable = BTreeSet::new();
    while let Some(n) = bfs.next(&graph) {
        reachable.insert(n);
    }
    let mut can_end = BTreeSet::new();
    let reversed = Reversed(&graph);
    let mut bfs = Bfs::new(reversed, exit);
    while let Some(n) = bfs.next(reversed) {
        can_end.insert(n);
    }

    for stage in &stages {
        let node = nodes[&stage.key];
        if !reachable.contains(&node) {
            out.push(
                Diagnostic::new(Code::Unreachable, stage.head_span, format!("no escalation can reach {}", stage.label))
                    .with_primary_label("never reached")
                    .with_help(format!(
                        "Point an outcome of another stage at it (`unresolved: escalate to {}`), or add an exception rule that starts here (`start at {}`).",
                        reference(stage),
                        reference(stage)
                    )),
            );
        }
        if stage.outcomes.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::DeadEnd,
                    stage.head_span,
                    format!("{} has no outcome", stage.label),
                )
                .with_primary_label("no `resolved:` or `unresolved:` line")
                .with_help(dead_end_help(policy, stage)),
            );
        } else if !can_end.contains(&node) {
            out.push(
                Diagnostic::new(Code::NoWayToEnd, stage.head_span, format!("no end can be reached from {}", stage.label))
                    .with_primary_label("every way on from here leads back into the ladder")
                    .with_help("Give this stage, or a stage after it, an outcome that ends the escalation, such as `resolved: end \"Resolved\"`."),
            );
        }
    }

    for component in tarjan_scc(&graph) {
        let cycle: Vec<&Stage> = component.iter().filter_map(|&n| graph[n]).collect();
        let is_cycle = cycle.len() > 1
            || component
                .first()
                .is_some_and(|&n| graph.contains_edge(n, n) && graph[n].is_some());
        if !is_cycle {
            continue;
        }
        let mut cycle = cycle;
        cycle.sort_by_key(|s| s.span.start);
        let names: Vec<String> = cycle.iter().map(|s| s.label.clone()).collect();
        let Some(first) = cycle.first() else { continue };
        let mut diagnostic = Diagnostic::new(
            Code::EscalationCycle,
            first.head_span,
            format!("escalation can go round in a circle: {}", circle(&names)),
        )
        .with_primary_label("the circle starts here")
        .with_help("Escalation should move up the ladder. Point the outcome that goes back down at a later stage or an end.");
        for stage in cycle.iter().skip(1) {
            diagnostic = diagnostic.with_label(
                stage.head_span,
                format!("{} is part of the circle", stage.label),
            );
        }
        out.push(diagnostic);
    }

    for (rule, procedure) in policy.all_rules() {
        let does_nothing =
            rule.start_at.is_empty() && rule.follow.is_empty() && rule.duties.is_empty();
        // A procedure's own rule is measured against its first step.
        let first_stage = match procedure {
            Some(p) => p.steps.first().map(|s| &s.key),
            None => policy.stages.first().map(|s| &s.key),
        };
        let only_starts_at_first = !rule.start_at.is_empty()
            && rule.follow.is_empty()
            && rule.duties.is_empty()
            && rule
                .start_at
                .iter()
                .all(|s| matches!(s, StartAt::Stage(Some(k)) if Some(k) == first_stage));
        if does_nothing || only_starts_at_first {
            let message = if does_nothing {
                format!("the rule for \"{}\" changes nothing", rule.condition)
            } else if let Some(p) = procedure {
                format!(
                    "the rule for \"{}\" only starts at the first step of `{}`, where the procedure starts anyway",
                    rule.condition, p.name
                )
            } else {
                format!(
                    "the rule for \"{}\" only starts at the first stage, where every escalation starts anyway",
                    rule.condition
                )
            };
            out.push(
                Diagnostic::new(Code::EmptyRule, rule.span, message)
                    .with_help("Say what the rule changes: `start at any stage`, `start at stage 3`, `follow \"...\"` or a duty such as `notify safeguarding_lead`."),
            );
        }
    }
}

/// The fix for a stage with no outcome, pointing at the stage after it on
/// its own ladder, never at itself: the last stage of the main ladder can
/// only end; the last step of a procedure ends or joins the main ladder.
fn dead_end_help(policy: &Policy, stage: &Stage) -> String {
    let ladder: &[Stage] = match &stage.key.procedure {
        None => &policy.stages,
        Some(name) => policy
            .procedures
            .iter()
            .find(|p| &p.name == name)
            .map_or(&[], |p| p.steps.as_slice()),
    };
    let next = ladder
        .iter()
        .position(|s| s.key == stage.key)
        .and_then(|i| ladder.get(i + 1));
    let name = match (&stage.key.procedure, stage.number) {
        (Some(_), Some(n)) => format!("Step {n}"),
        (None, Some(_)) => stage.label.clone(),
        (_, None) => stage.title.clone(),
    };
    let end = format!("`resolved: end \"Resolved at {name}\"`");
    match (next, &stage.key.procedure) {
        (Some(next), None) => format!(
            "Say where the escalation goes from here, for example {end} and `unresolved: escalate to {}`.",
            reference(next)
        ),
        (Some(next), Some(_)) => format!(
            "Say where the escalation goes from here, for example {end} and `unresolved: go to {}`.",
            reference(next)
        ),
        (None, None) => {
            format!("This is the last stage: say how the escalation ends here, for example {end}.")
        }
        (None, Some(_)) => match policy.stages.first() {
            Some(first) => format!(
                "This is the procedure's last step: say how it ends, for example {end}, or where it joins the main ladder, for example `unresolved: escalate to {}`.",
                reference(first)
            ),
            None => {
                format!("This is the procedure's last step: say how it ends, for example {end}.")
            }
        },
    }
}

pub(super) fn reference(stage: &Stage) -> String {
    if stage.key.procedure.is_some() {
        format!("step {}", stage.key.id)
    } else {
        format!("stage {}", stage.key.id)
    }
}

fn circle(names: &[String]) -> String {
    let mut text = names.join(" -> ");
    if let Some(first) = names.first() {
        text.push_str(" -> ");
        text.push_str(first);
    }
    text
}
