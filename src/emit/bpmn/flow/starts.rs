//! Where a case starts: the message start events for the concern, for
//! each exception that starts at a stage (with the gateway that reads
//! `entry_stage` when it may start at several), and for each
//! sub-procedure, with the blank start and entry gateway inside it.

use std::collections::BTreeSet;

use super::super::graph::{Global, Kind, Node, slug};
use super::super::timers::variable_prefix;
use super::super::{docs, lanes, summary};
use super::{Builder, Dest, ENTRY_STAGE};
use crate::model::{Procedure, Stage, StageKey, StartAt};

impl<'p> Builder<'p> {
    fn message(&mut self, name: &str) -> String {
        let id = self.graph.id(&format!("Message_{name}"));
        self.graph.messages.push(Global {
            id: id.clone(),
            name: name.to_owned(),
            code: None,
        });
        id
    }

    pub(super) fn starts(&mut self) {
        let policy = self.policy;
        let Some(first) = policy.stages.first() else {
            return;
        };
        let lane = lanes::of(&self.graph, 0, policy, first);
        let message = self.message("concern_raised");
        let start = self.graph.id("Start_concern_raised");
        let raiser = policy.header.raised_by.as_deref().map(summary::actor);
        self.graph.push_node(Node {
            id: start.clone(),
            kind: Kind::Start { message: Some(message) },
            name: "Concern raised".to_owned(),
            documentation: vec![match raiser {
                Some(r) => format!("A concern is raised by {r}: publish the message `concern_raised` to start a case at {}.", summary::heading(first)),
                None => format!("Publish the message `concern_raised` to start a case at {}.", summary::heading(first)),
            }],
            container: 0,
            lane,
            column: 0,
            below: false,
        });
        if let Some(task) = self.reach(0, &Dest::Stage(&first.key), (lane, 1)) {
            self.graph.add_flow(&start, &task, None, None);
        }
        for rule in &policy.rules {
            if rule.start_at.is_empty() {
                continue;
            }
            self.exception(rule, None);
        }
    }

    /// The stages an exception may start at, in ladder order, as
    /// `summary::rule_targets` gives them, with repeats dropped through a
    /// set so that `start at any stage` stays linear.
    fn rule_targets(
        &self,
        procedure: Option<&'p Procedure>,
        rule: &crate::model::Rule,
    ) -> Vec<&'p Stage> {
        let policy = self.policy;
        let mut seen: BTreeSet<&StageKey> = BTreeSet::new();
        let mut out: Vec<&'p Stage> = Vec::new();
        for start in &rule.start_at {
            let add: Vec<&'p Stage> = match start {
                StartAt::AnyStage => policy.stages.iter().collect(),
                StartAt::AnyStep => procedure
                    .map(|p| p.steps.iter().collect())
                    .unwrap_or_default(),
                StartAt::Stage(Some(key)) => self.by_key.get(key).copied().into_iter().collect(),
                StartAt::Stage(None) => Vec::new(),
            };
            for stage in add {
                if seen.insert(&stage.key) {
                    out.push(stage);
                }
            }
        }
        out
    }

    /// A message start event for an exception that starts at a stage, and
    /// the stage (or the choice of stages) it leads to.
    fn exception(&mut self, rule: &'p crate::model::Rule, procedure: Option<&'p Procedure>) {
        let policy = self.policy;
        let targets = self.rule_targets(procedure, rule);
        let Some(first) = targets.first() else { return };
        let scope = procedure
            .map(|p| format!("{}_", p.name))
            .unwrap_or_default();
        let name = format!("exception_{scope}{}", slug(&rule.condition));
        let message = self.message(&name);
        let lane = self.stages.get(&first.key).map_or(0, |(c, task)| {
            if *c == 0 {
                self.graph.node(task).map_or(0, |n| n.lane)
            } else {
                self.graph
                    .node(&self.graph.containers[*c].id)
                    .map_or(0, |n| n.lane)
            }
        });
        let start = self.graph.id(&format!("Start_{name}"));
        let mut documentation = vec![format!(
            "If {}: {}.",
            rule.condition,
            summary::rule_action(policy, procedure, rule)
        )];
        documentation.push(format!(
            "Publish the message `{name}` to start a case here."
        ));
        documentation.extend(rule.cites.iter().map(|c| format!("Cites: {c}")));
        documentation.extend(
            rule.duties
                .iter()
                .map(|d| format!("Duty: {}", docs::duty(d))),
        );
        documentation.extend(rule.follow.iter().map(|f| format!("Follow: {f}")));
        documentation.extend(rule.notes.iter().map(|n| format!("Note: {n}")));
        self.graph.push_node(Node {
            id: start.clone(),
            kind: Kind::Start {
                message: Some(message),
            },
            name: format!("If {}", rule.condition),
            documentation,
            container: 0,
            lane,
            column: 0,
            below: false,
        });
        let keys: Vec<&StageKey> = targets.iter().map(|s| &s.key).collect();
        if let [only] = keys.as_slice() {
            if let Some(task) = self.reach(0, &Dest::Stage(only), (lane, 1)) {
                self.graph.add_flow(&start, &task, None, None);
            }
            return;
        }
        // Several stages (`start at any stage`): the engine says which in
        // `entry_stage`; a gateway in the process, or the sub-process's own
        // entry gateway, reads it.
        self.var("entry_stage", ENTRY_STAGE.to_owned());
        let in_procedure: Vec<&&StageKey> = keys
            .iter()
            .filter(|k| self.stages.get(**k).is_some_and(|(c, _)| *c != 0))
            .collect();
        if in_procedure.len() == keys.len() {
            // All in one sub-procedure: the sub-process chooses.
            if let Some(sub) = self.reach(0, &Dest::Stage(keys[0]), (lane, 1)) {
                for key in &keys {
                    let _ = self.reach(0, &Dest::Stage(key), (lane, 1));
                }
                self.graph.add_flow(&start, &sub, None, None);
            }
            return;
        }
        let gateway = self.graph.id(&format!("Gateway_{name}"));
        self.graph.push_node(Node {
            id: gateway.clone(),
            kind: Kind::Gateway { default: None },
            name: "Which stage?".to_owned(),
            documentation: vec![
                "Reads `entry_stage`; without it the case starts at the first stage named."
                    .to_owned(),
            ],
            container: 0,
            lane,
            column: 1,
            below: false,
        });
        self.graph.add_flow(&start, &gateway, None, None);
        for (i, stage) in targets.iter().enumerate() {
            let Some(task) = self.reach(0, &Dest::Stage(&stage.key), (lane, 2)) else {
                continue;
            };
            let label = summary::heading(stage);
            if i == 0 {
                let flow = self.graph.add_flow(&gateway, &task, Some(label), None);
                if let Some(Node {
                    kind: Kind::Gateway { default },
                    ..
                }) = self.graph.node_mut(&gateway)
                {
                    *default = Some(flow);
                }
            } else {
                let condition = self
                    .lang
                    .optional_equals("entry_stage", &variable_prefix(&stage.key));
                self.graph
                    .add_flow(&gateway, &task, Some(label), Some(condition));
            }
        }
    }

    /// Each sub-procedure's message start in the process, its exceptions,
    /// and inside it a blank start with the gateway that picks the step.
    pub(super) fn procedure_starts(&mut self) {
        let policy = self.policy;
        for (p, procedure) in policy.procedures.iter().enumerate() {
            let container = p + 1;
            let sub = self.graph.containers[container].id.clone();
            let (lane, column) = self.graph.node(&sub).map_or((0, 0), |n| (n.lane, n.column));
            let name = format!("procedure_{}", procedure.name);
            let message = self.message(&name);
            let start = self.graph.id(&format!("Start_{name}"));
            self.graph.push_node(Node {
                id: start.clone(),
                kind: Kind::Start {
                    message: Some(message),
                },
                name: procedure
                    .applies
                    .as_ref()
                    .map_or_else(|| procedure.title.clone(), |a| format!("If {a}")),
                documentation: vec![format!(
                    "Publish the message `{name}` to start a case in the sub-procedure \"{}\".",
                    procedure.title
                )],
                container: 0,
                lane,
                // Two columns to the left, so that its label and those of the
                // boundary events on the sub-process do not meet.
                column: column.saturating_sub(2),
                below: false,
            });
            self.graph.add_flow(&start, &sub, None, None);
            for rule in &procedure.rules {
                if !rule.start_at.is_empty() {
                    self.exception(rule, Some(procedure));
                }
            }
            let end = self.end(
                0,
                &format!("{} ended", procedure.title),
                (lane, column + 1),
                vec!["The sub-procedure reached one of its own end events.".to_owned()],
            );
            self.graph.add_flow(&sub, &end, None, None);
            // Inside: the blank start and, when some step other than the
            // first is an entry, the gateway reading `entry_stage`.
            let Some(first) = procedure.steps.first() else {
                continue;
            };
            let Some((_, first_task)) = self.stages.get(&first.key).cloned() else {
                continue;
            };
            let first_lane = self.graph.node(&first_task).map_or(0, |n| n.lane);
            let inner = self.graph.id(&format!("Start_{sub}"));
            self.graph.push_node(Node {
                id: inner.clone(),
                kind: Kind::Start { message: None },
                name: format!("{} starts", procedure.title),
                documentation: Vec::new(),
                container,
                lane: first_lane,
                column: 0,
                below: false,
            });
            let entries = self.entries.get(&container).cloned().unwrap_or_default();
            if entries.is_empty() {
                self.graph.add_flow(&inner, &first_task, None, None);
                continue;
            }
            self.var("entry_stage", ENTRY_STAGE.to_owned());
            let gateway = self.graph.id(&format!("Gateway_{sub}_entry"));
            self.graph.push_node(Node {
                id: gateway.clone(),
                kind: Kind::Gateway { default: None },
                name: "Which step?".to_owned(),
                documentation: vec![
                    "Reads `entry_stage`; without it the sub-procedure starts at its first step."
                        .to_owned(),
                ],
                container,
                lane: first_lane,
                column: 1,
                below: false,
            });
            self.graph.add_flow(&inner, &gateway, None, None);
            let flow =
                self.graph
                    .add_flow(&gateway, &first_task, Some(summary::heading(first)), None);
            if let Some(Node {
                kind: Kind::Gateway { default },
                ..
            }) = self.graph.node_mut(&gateway)
            {
                *default = Some(flow);
            }
            for key in entries {
                let Some((_, task)) = self.stages.get(&key).cloned() else {
                    continue;
                };
                let label = self
                    .by_key
                    .get(&key)
                    .map_or_else(|| key.plain_label(), |s| summary::heading(s));
                let condition = self
                    .lang
                    .optional_equals("entry_stage", &variable_prefix(&key));
                self.graph
                    .add_flow(&gateway, &task, Some(label), Some(condition));
            }
        }
    }
}
