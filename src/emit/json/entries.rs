//! The ways into and out of the procedure in the JSON document: every
//! entry (the first stage, rules that start the ladder somewhere, the first
//! step of each sub-procedure) and every end with the stages that reach it.

use serde::Serialize;

use super::rules::{named_starts, rule_id};
use crate::model::{Policy, StartAt, Target};

/// A way into the procedure.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// `first_stage`, `rule` or `procedure`.
    pub kind: &'static str,
    /// The rule id for `rule`, the procedure name for `procedure`.
    pub from: Option<String>,
    /// The condition under which this entry applies; null for the first
    /// stage, which is the normal way in.
    pub condition: Option<String>,
    /// The stages at which an escalation may start through this entry.
    pub stages: Vec<String>,
    pub any_stage: bool,
    /// True when a procedure's own rule says "start at any step".
    pub any_step: bool,
}

#[derive(Debug, Serialize)]
pub struct End {
    pub name: String,
    /// Ids of the stages with a transition to this end, in file order.
    pub reached_from: Vec<String>,
}

/// Every way into the procedure: the first stage, each rule that starts the
/// ladder somewhere, and the first step of each sub-procedure.
pub(super) fn entries(p: &Policy) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(first) = p.stages.first() {
        out.push(Entry {
            kind: "first_stage",
            from: None,
            condition: None,
            stages: vec![first.key.slug()],
            any_stage: false,
            any_step: false,
        });
    }
    for (i, r) in p.rules.iter().enumerate() {
        let any_stage = r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage));
        let named = named_starts(r);
        if !any_stage && named.is_empty() {
            continue;
        }
        let stages = if any_stage {
            p.stages.iter().map(|s| s.key.slug()).collect()
        } else {
            named
        };
        out.push(Entry {
            kind: "rule",
            from: Some(rule_id(None, i)),
            condition: Some(r.condition.clone()),
            stages,
            any_stage,
            any_step: false,
        });
    }
    for pr in &p.procedures {
        if let Some(first) = pr.steps.first() {
            out.push(Entry {
                kind: "procedure",
                from: Some(pr.name.clone()),
                condition: pr.applies.clone(),
                stages: vec![first.key.slug()],
                any_stage: false,
                any_step: false,
            });
        }
        // The procedure's own rules that start it somewhere.
        for (i, r) in pr.rules.iter().enumerate() {
            let stages: Vec<String> = crate::emit::summary::rule_targets(p, Some(pr), r)
                .iter()
                .map(|s| s.key.slug())
                .collect();
            if stages.is_empty() {
                continue;
            }
            out.push(Entry {
                kind: "rule",
                from: Some(rule_id(Some(&pr.name), i)),
                condition: Some(r.condition.clone()),
                stages,
                any_stage: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage)),
                any_step: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStep)),
            });
        }
    }
    out
}

/// Every end, in the order first reached in the file.
pub(super) fn ends(p: &Policy) -> Vec<End> {
    let mut out: Vec<End> = Vec::new();
    for s in p.all_stages() {
        for o in &s.outcomes {
            if let Target::End(name) = &o.target {
                let slug = s.key.slug();
                match out.iter_mut().find(|e| &e.name == name) {
                    Some(end) => {
                        if !end.reached_from.contains(&slug) {
                            end.reached_from.push(slug);
                        }
                    }
                    None => out.push(End {
                        name: name.clone(),
                        reached_from: vec![slug],
                    }),
                }
            }
        }
    }
    out
}
