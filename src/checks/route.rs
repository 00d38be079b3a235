//! Codes: L035 L036. The ordinary route: what escalation does when no
//! exception applies.
//!
//! `structure.rs` follows the escalation from every entry at once, the
//! stages exception rules start at included, so that nothing reachable is
//! called unreachable. But `start at any stage` makes every stage an entry,
//! and then a typo that escalates from stage 2 straight to stage 4, a stage
//! with no `unresolved:` line before the last, or a stage appended that
//! nothing escalates to, would pass unseen. This check follows the
//! escalation again from the ordinary entries only (the first stage of the
//! main ladder and the first step of each sub-procedure) and reports each
//! stage that only an exception reaches (L035), naming the exception. It
//! also reports a stage whose every outcome escalates: it says where the
//! escalation goes when the disagreement is not resolved there, and
//! nothing about when it is (L036).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{OutcomeWhen, Policy, Rule, Stage, StageKey, StartAt, Target};

use super::structure::reference;

/// The escalation as lists of indices into `stages`.
struct Graph<'p> {
    stages: Vec<&'p Stage>,
    /// The stages each stage's outcomes lead to.
    next: Vec<Vec<usize>>,
    /// Whether a stage has an outcome that leaves the ladder (an end, a
    /// procedure outside the policy, or a name already reported unknown).
    exits: Vec<bool>,
}

impl<'p> Graph<'p> {
    fn new(policy: &'p Policy) -> Self {
        let stages: Vec<&Stage> = policy.all_stages().collect();
        // A key given to two stages (L021, L022) leads to both, so that
        // neither is reported for want of an escalation.
        let mut by_key: BTreeMap<&StageKey, Vec<usize>> = BTreeMap::new();
        for (i, stage) in stages.iter().enumerate() {
            by_key.entry(&stage.key).or_default().push(i);
        }
        let mut next = vec![Vec::new(); stages.len()];
        let mut exits = vec![false; stages.len()];
        for (i, stage) in stages.iter().enumerate() {
            for outcome in &stage.outcomes {
                match &outcome.target {
                    Target::Stage { to: Some(key), .. } => {
                        if let (Some(list), Some(targets)) = (next.get_mut(i), by_key.get(key)) {
                            list.extend(targets.iter().copied());
                        }
                    }
                    _ => {
                        if let Some(exit) = exits.get_mut(i) {
                            *exit = true;
                        }
                    }
                }
            }
        }
        Graph {
            stages,
            next,
            exits,
        }
    }

    /// Every stage reachable from `entries` without passing through a stage
    /// in `skip`.
    fn reach(&self, entries: &[usize], skip: &BTreeSet<usize>) -> BTreeSet<usize> {
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &e in entries {
            if !skip.contains(&e) && seen.insert(e) {
                queue.push_back(e);
            }
        }
        while let Some(n) = queue.pop_front() {
            for &m in self.next.get(n).map_or(&[][..], Vec::as_slice) {
                if !skip.contains(&m) && seen.insert(m) {
                    queue.push_back(m);
                }
            }
        }
        seen
    }

    /// The stages from which an end can be reached.
    fn can_end(&self) -> BTreeSet<usize> {
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); self.stages.len()];
        for (from, list) in self.next.iter().enumerate() {
            for &to in list {
                if let Some(b) = before.get_mut(to) {
                    b.push(from);
                }
            }
        }
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        let mut queue: VecDeque<usize> = VecDeque::new();
        for (i, &exit) in self.exits.iter().enumerate() {
            if exit && seen.insert(i) {
                queue.push_back(i);
            }
        }
        while let Some(n) = queue.pop_front() {
            for &m in before.get(n).map_or(&[][..], Vec::as_slice) {
                if seen.insert(m) {
                    queue.push_back(m);
                }
            }
        }
        seen
    }
}

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let graph = Graph::new(policy);
    exception_only(policy, &graph, out);
    no_resolved_outcome(&graph, out);
}

/// L035: the main-ladder stages that only an exception rule reaches.
fn exception_only(policy: &Policy, graph: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let main = policy.stages.len();
    if main == 0 || policy.rules.iter().all(|r| r.start_at.is_empty()) {
        return;
    }
    // The main ladder comes first in `all_stages`; each procedure's steps
    // follow in order.
    let mut entries = vec![0];
    let mut offset = main;
    for procedure in &policy.procedures {
        if !procedure.steps.is_empty() {
            entries.push(offset);
        }
        offset += procedure.steps.len();
    }
    let ordinary = graph.reach(&entries, &BTreeSet::new());
    // A stage off the ordinary route can be reached only through stages
    // that are off it too, so each rule is followed among those alone: in
    // a ladder with no such stage, this costs nothing.
    let off: Vec<usize> = (0..main).filter(|i| !ordinary.contains(i)).collect();
    if off.is_empty() {
        return;
    }
    let through: Vec<(&Rule, BTreeSet<usize>)> = policy
        .rules
        .iter()
        .filter(|r| !r.start_at.is_empty())
        .map(|rule| {
            let starts: Vec<usize> = rule
                .start_at
                .iter()
                .flat_map(|start| match start {
                    StartAt::AnyStage => (0..main).collect::<Vec<_>>(),
                    StartAt::Stage(Some(key)) => (0..main)
                        .filter(|&i| graph.stages.get(i).is_some_and(|s| &s.key == key))
                        .collect(),
                    // `any step` belongs to a procedure's own rules, which
                    // start no stage of the main ladder.
                    StartAt::Stage(None) | StartAt::AnyStep => Vec::new(),
                })
                .collect();
            (rule, graph.reach(&starts, &ordinary))
        })
        .collect();
    // For each stage off the route, the first other stage off it that
    // escalates to it: the stage is off the route only because that one is.
    let mut follows: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, next) in graph.next.iter().enumerate() {
        if ordinary.contains(&k) {
            continue;
        }
        for &n in next {
            if n != k {
                follows.entry(n).or_insert(k);
            }
        }
    }
    for i in off {
        let Some(stage) = graph.stages.get(i) else {
            continue;
        };
        let rules: Vec<&Rule> = through
            .iter()
            .filter(|(_, reached)| reached.contains(&i))
            .map(|(rule, _)| *rule)
            .collect();
        // Reached by nothing at all: that is L030's to report.
        if rules.is_empty() {
            continue;
        }
        let around = Around {
            ordinary: &ordinary,
            follows: &follows,
        };
        out.push(report(policy, graph, (i, stage), &rules, &around));
    }
}

/// What is known of the ordinary route around a stage off it.
struct Around<'a> {
    ordinary: &'a BTreeSet<usize>,
    /// For a stage off the route, another stage off it that escalates to it.
    follows: &'a BTreeMap<usize, usize>,
}

fn report(
    policy: &Policy,
    graph: &Graph<'_>,
    (i, stage): (usize, &Stage),
    rules: &[&Rule],
    around: &Around<'_>,
) -> Diagnostic {
    let Around { ordinary, follows } = around;
    let conditions: Vec<String> = rules
        .iter()
        .map(|r| format!("\"{}\"", r.condition))
        .collect();
    let (noun, list) = match conditions.as_slice() {
        [one] => ("exception", one.clone()),
        [rest @ .., last] => ("exceptions", format!("{} and {last}", rest.join(", "))),
        [] => ("exception", String::new()),
    };
    let first = policy
        .stages
        .first()
        .map_or_else(String::new, |s| s.label.clone());
    let mut diagnostic = Diagnostic::new(
        Code::ExceptionOnly,
        stage.head_span,
        format!(
            "{} is reached only through the {noun} for {list}",
            stage.label
        ),
    )
    .with_primary_label(format!(
        "no escalation from {first} leads here unless an exception applies"
    ));
    let target = reference(stage);
    let keep = format!(
        "If the source document uses {} only in exceptions, this warning records that.",
        stage.label
    );
    // The stage before it in the file is where the ordinary route should
    // have come from; say what it does instead.
    let previous = i
        .checked_sub(1)
        .filter(|p| ordinary.contains(p))
        .and_then(|p| graph.stages.get(p));
    let help = match previous {
        Some(prev) => {
            let unresolved: Vec<_> = prev
                .outcomes
                .iter()
                .filter(|o| o.when == OutcomeWhen::Unresolved)
                .collect();
            if unresolved.is_empty() {
                diagnostic = diagnostic.with_label(
                    prev.head_span,
                    format!("{} has no `unresolved:` line", prev.label),
                );
                format!(
                    "On the ordinary route nothing escalates to {}: {} says nothing about what happens when it does not resolve the disagreement. If the escalation goes on from there, add `unresolved: escalate to {target}` to {}. {keep}",
                    stage.label, prev.label, prev.label
                )
            } else {
                for outcome in &unresolved {
                    let goes = match &outcome.target {
                        Target::Stage { to: Some(key), .. } => policy
                            .stage(key)
                            .map_or_else(|| "elsewhere".to_owned(), |s| format!("to {}", s.label)),
                        Target::End(end) => format!("to the end \"{end}\""),
                        Target::Follow(name) => format!("to \"{name}\""),
                        Target::Stage { to: None, .. } => "elsewhere".to_owned(),
                    };
                    diagnostic =
                        diagnostic.with_label(outcome.span, format!("the escalation goes {goes}"));
                }
                format!(
                    "On the ordinary route nothing escalates to {}: when {} does not resolve the disagreement, the escalation goes elsewhere. If that is a slip, point it at {} (`unresolved: escalate to {target}`). {keep}",
                    stage.label, prev.label, stage.label
                )
            }
        }
        None => match follows.get(&i).and_then(|&k| graph.stages.get(k)) {
            Some(before) => format!(
                "On the ordinary route nothing escalates to {}: it is reached from {}, which only an exception reaches too. Bringing {} onto the ordinary route brings {} with it.",
                stage.label, before.label, before.label, stage.label
            ),
            None => format!(
                "On the ordinary route nothing escalates to {}. Point an outcome of the stage before it at it (`unresolved: escalate to {target}`). {keep}",
                stage.label
            ),
        },
    };
    diagnostic.with_help(help)
}

/// L036: a stage whose outcomes all lead on to other stages, with no
/// `resolved:` line and no other way for the escalation to end there.
fn no_resolved_outcome(graph: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let can_end = graph.can_end();
    for (i, stage) in graph.stages.iter().enumerate() {
        let resolved = stage
            .outcomes
            .iter()
            .any(|o| o.when == OutcomeWhen::Resolved);
        // No outcome at all is L032; a stage from which no end can be
        // reached is L031; an end among its outcomes is a way to end.
        let exits = graph.exits.get(i).copied().unwrap_or(true);
        if resolved || stage.outcomes.is_empty() || exits || !can_end.contains(&i) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::NoResolvedOutcome,
                stage.head_span,
                format!("{} has no `resolved:` outcome", stage.label),
            )
            .with_primary_label("every outcome here escalates")
            .with_help(format!(
                "The escalation can end at {} only by going on to another stage, even when the disagreement is resolved there. Say what happens then, for example `resolved: end \"Resolved\"`. If the source document gives this stage no way to end, this warning records that.",
                stage.label
            )),
        );
    }
}
