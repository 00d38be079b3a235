//! The process and its flow: a user task per stage, an exclusive gateway
//! on its outcomes, end events, message start events for the concern and
//! for each exception or sub-procedure that starts somewhere, sub-procedures
//! as embedded sub-processes left by escalation end events, and the
//! boundary timers of each stage's window.
//!
//! This file holds the builder, the tasks, routes, ends and escalations;
//! `starts.rs` where a case starts, `windows.rs` the timers and
//! `records.rs` the data objects.

mod records;
mod starts;
mod windows;

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{BoundaryKind, Container, Global, Graph, Kind, Node, slug};
use super::timers::{self, Expressions, variable_prefix};
use super::{Variable, docs, lanes, summary};
use crate::emit::names::Names;
use crate::model::{OutcomeWhen, Policy, Stage, StageKey, StageLabels, Target};

/// What `entry_stage` holds, for the process's documentation.
const ENTRY_STAGE: &str = "where a case starts that starts by an exception that may start at more than one stage, or enters a sub-procedure other than at its first step: the stage's variable prefix, such as \"stage_3\" or \"threshold_step_2\"; when it is not set, the case starts at the first stage the exception names, or the sub-procedure's first step";

/// Where a route leads.
enum Dest<'a> {
    Stage(&'a StageKey),
    End(&'a str),
    Follow(&'a str),
}

struct Builder<'p> {
    policy: &'p Policy,
    lang: Expressions,
    graph: Graph,
    variables: Vec<Variable>,
    /// Where each stage is: its container and its task's id.
    stages: BTreeMap<StageKey, (usize, String)>,
    /// Each sub-procedure's container, by name.
    procedures: BTreeMap<String, usize>,
    /// End events by container and name.
    ends: BTreeMap<(usize, String), String>,
    /// Escalation end events by sub-procedure and the stage they lead to.
    escalations: BTreeMap<(usize, StageKey), String>,
    /// The steps of each sub-procedure entered other than at its first.
    entries: BTreeMap<usize, Vec<StageKey>>,
    /// Every stage and step by key, and their labels.
    by_key: BTreeMap<&'p StageKey, &'p Stage>,
    labels: StageLabels<'p>,
    /// How the policy names its people, records and forms, for the words.
    names: Names<'p>,
    /// Escalations declared so far, by code.
    escalation_ids: BTreeMap<String, String>,
    /// The names in `variables`.
    variable_names: BTreeSet<String>,
    /// The stage events `ladder timeline` dates.
    dated: BTreeSet<(String, &'static str)>,
}

/// The process as a graph, and the process variables it reads.
pub(super) fn build(policy: &Policy, lang: Expressions) -> (Graph, Vec<Variable>) {
    let mut b = Builder {
        policy,
        lang,
        graph: Graph::default(),
        variables: Vec::new(),
        stages: BTreeMap::new(),
        procedures: BTreeMap::new(),
        ends: BTreeMap::new(),
        escalations: BTreeMap::new(),
        entries: BTreeMap::new(),
        by_key: policy.all_stages().map(|s| (&s.key, s)).collect(),
        labels: policy.stage_labels(),
        names: Names::of(policy),
        escalation_ids: BTreeMap::new(),
        variable_names: BTreeSet::new(),
        dated: timers::dated(policy),
    };
    b.containers();
    b.tasks();
    b.routes_and_timers();
    b.starts();
    b.procedure_starts();
    b.records();
    b.overall();
    b.graph.insert_joins();
    (b.graph, b.variables)
}

/// How a stage is named in short labels: `Stage 2`, `Step 1` (a step of a
/// sub-procedure, whose own label names the procedure).
fn short_label(stage: &Stage) -> String {
    match (&stage.key.procedure, stage.number) {
        (Some(_), Some(n)) => format!("Step {n}"),
        (Some(_), None) => format!("Step {}", stage.key.id),
        (None, Some(_)) => stage.label.replace('`', ""),
        // A named stage's name is an identifier; its title says it better.
        (None, None) => stage.title.clone(),
    }
}

/// The first column of the `i`th stage of a container: its joining
/// gateway, then its task, outcome gateway and ends.
fn base(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX / 8).saturating_mul(4) + 2
}

impl<'p> Builder<'p> {
    fn var(&mut self, name: &str, meaning: String) {
        if self.variable_names.insert(name.to_owned()) {
            self.variables.push(Variable {
                name: name.to_owned(),
                meaning,
            });
        }
    }

    fn containers(&mut self) {
        let policy = self.policy;
        let title = policy
            .header
            .title
            .clone()
            .unwrap_or_else(|| "Escalation procedure".to_owned());
        let board = policy
            .header
            .board_short
            .as_deref()
            .or(policy.header.board.as_deref())
            .unwrap_or("");
        let id = format!("Process_{}", slug(&format!("{board} {title}")));
        let id = self.graph.id(&id);
        self.graph.containers.push(Container {
            id,
            name: title,
            documentation: Vec::new(),
            lanes: Vec::new(),
            lane_of: BTreeMap::new(),
        });
        for procedure in &policy.procedures {
            let id = self.graph.id(&format!("SubProcess_{}", procedure.name));
            self.procedures
                .insert(procedure.name.clone(), self.graph.containers.len());
            let mut documentation = vec![procedure.title.clone()];
            documentation.extend(
                procedure
                    .applies
                    .iter()
                    .map(|a| format!("Applies when {a}")),
            );
            documentation.extend(procedure.cites.iter().map(|c| format!("Cites: {c}")));
            documentation.extend(
                procedure
                    .meanwhile
                    .iter()
                    .map(|m| format!("Meanwhile: {m}")),
            );
            documentation.extend(procedure.notes.iter().map(|n| format!("Note: {n}")));
            self.graph.containers.push(Container {
                id,
                name: procedure.title.clone(),
                documentation,
                lanes: Vec::new(),
                lane_of: BTreeMap::new(),
            });
        }
        let mut main: Vec<&Stage> = policy.stages.iter().collect();
        main.extend(policy.procedures.iter().filter_map(|p| p.steps.first()));
        lanes::add(&mut self.graph, 0, policy, &main);
        for (i, procedure) in policy.procedures.iter().enumerate() {
            let steps: Vec<&Stage> = procedure.steps.iter().collect();
            lanes::add(&mut self.graph, i + 1, policy, &steps);
        }
    }

    fn tasks(&mut self) {
        let policy = self.policy;
        for (i, stage) in policy.stages.iter().enumerate() {
            self.task(0, base(i), stage);
        }
        let after = base(policy.stages.len());
        for (p, procedure) in policy.procedures.iter().enumerate() {
            let container = p + 1;
            let lane = procedure
                .steps
                .first()
                .map_or(0, |s| lanes::of(&self.graph, 0, policy, s));
            let id = self.graph.containers[container].id.clone();
            self.graph.push_node(Node {
                id,
                kind: Kind::SubProcess {
                    container,
                    event: false,
                },
                name: procedure.title.clone(),
                documentation: self.graph.containers[container].documentation.clone(),
                container: 0,
                lane,
                column: after + u32::try_from(p).unwrap_or(0) * 4 + 1,
                below: false,
            });
            for (i, step) in procedure.steps.iter().enumerate() {
                self.task(container, base(i), step);
            }
        }
    }

    fn task(&mut self, container: usize, column: u32, stage: &Stage) {
        let prefix = variable_prefix(&stage.key);
        let id = self.graph.id(&format!("Task_{prefix}"));
        let lane = lanes::of(&self.graph, container, self.policy, stage);
        self.graph.push_node(Node {
            id: id.clone(),
            kind: Kind::UserTask,
            name: summary::heading(stage),
            documentation: docs::stage(self.policy, stage, &self.names),
            container,
            lane,
            column: column + 1,
            below: false,
        });
        self.stages.insert(stage.key.clone(), (container, id));
    }

    /// The node a route from `from` (in container `container`) reaches,
    /// made if need be; `near` is the source's lane and column, for new
    /// end events.
    fn reach(&mut self, container: usize, dest: &Dest<'_>, near: (usize, u32)) -> Option<String> {
        match dest {
            Dest::End(name) => Some(self.end(container, name, near, Vec::new())),
            Dest::Follow(name) => Some(self.end(
                container,
                &format!("Follow {name}"),
                near,
                vec![format!(
                    "The concern leaves this procedure and follows {name}."
                )],
            )),
            Dest::Stage(key) => {
                let (to_container, task) = self.stages.get(*key)?.clone();
                if to_container == container {
                    return Some(task);
                }
                if container != 0 {
                    return Some(self.escalate(container, key, near));
                }
                // From the process into a sub-procedure: the flow enters the
                // sub-process, which starts at the step `entry_stage` names.
                let first = self.policy.procedures[to_container - 1]
                    .steps
                    .first()
                    .map(|s| &s.key);
                if first != Some(*key) {
                    let entries = self.entries.entry(to_container).or_default();
                    if !entries.contains(key) {
                        entries.push((*key).clone());
                    }
                }
                Some(self.graph.containers[to_container].id.clone())
            }
        }
    }

    /// An end event of `container` with this name, made once.
    fn end(
        &mut self,
        container: usize,
        name: &str,
        near: (usize, u32),
        documentation: Vec<String>,
    ) -> String {
        if let Some(id) = self.ends.get(&(container, name.to_owned())) {
            return id.clone();
        }
        let prefix = if container == 0 {
            String::new()
        } else {
            format!("{}_", self.graph.containers[container].id)
        };
        let id = self.graph.id(&format!("End_{prefix}{}", slug(name)));
        self.graph.push_node(Node {
            id: id.clone(),
            kind: Kind::End { escalation: None },
            name: name.to_owned(),
            documentation,
            container,
            lane: near.0,
            column: near.1,
            below: false,
        });
        self.ends.insert((container, name.to_owned()), id.clone());
        id
    }

    /// The escalation end event in sub-procedure `container` that leaves
    /// it for `key`, with the boundary event on the sub-process that
    /// catches it and leads on.
    fn escalate(&mut self, container: usize, key: &StageKey, near: (usize, u32)) -> String {
        if let Some(id) = self.escalations.get(&(container, key.clone())) {
            return id.clone();
        }
        let label = self
            .by_key
            .get(key)
            .map_or_else(|| key.plain_label(), |s| summary::heading(s));
        let prefix = variable_prefix(key);
        let escalation = if let Some(id) = self.escalation_ids.get(&prefix) {
            id.clone()
        } else {
            let id = self.graph.id(&format!("Escalation_{prefix}"));
            self.escalation_ids.insert(prefix.clone(), id.clone());
            self.graph.escalations.push(Global {
                id: id.clone(),
                name: format!("Escalate to {label}"),
                code: Some(prefix.clone()),
            });
            id
        };
        let sub = self.graph.containers[container].id.clone();
        let end = self.graph.id(&format!("End_{sub}_to_{prefix}"));
        self.graph.push_node(Node {
            id: end.clone(),
            kind: Kind::End {
                escalation: Some(escalation.clone()),
            },
            name: format!("Escalate to {label}"),
            documentation: vec![format!("Leaves the sub-procedure for {label}.")],
            container,
            lane: near.0,
            column: near.1,
            below: false,
        });
        self.escalations
            .insert((container, key.clone()), end.clone());
        let (sub_lane, sub_column) = self.graph.node(&sub).map_or((0, 0), |n| (n.lane, n.column));
        let boundary = self.graph.id(&format!("Boundary_{sub}_to_{prefix}"));
        self.graph.push_node(Node {
            id: boundary.clone(),
            kind: Kind::Boundary {
                attached: sub.clone(),
                interrupting: true,
                event: BoundaryKind::Escalation(escalation),
            },
            name: format!("Escalated to {label}"),
            documentation: Vec::new(),
            container: 0,
            lane: sub_lane,
            column: sub_column,
            below: false,
        });
        if let Some(target) = self.reach(0, &Dest::Stage(key), (sub_lane, sub_column + 2)) {
            self.graph.add_flow(&boundary, &target, None, None);
        }
        end
    }

    fn routes_and_timers(&mut self) {
        let policy = self.policy;
        let all: Vec<&Stage> = policy.all_stages().collect();
        for stage in all {
            let Some((container, task)) = self.stages.get(&stage.key).cloned() else {
                continue;
            };
            let Some((lane, column)) = self.graph.node(&task).map(|n| (n.lane, n.column)) else {
                continue;
            };
            let prefix = variable_prefix(&stage.key);
            let heading = summary::heading(stage);
            let near = (lane, column + 2);
            let dest = |target: &'p Target| match target {
                Target::End(name) => Some(Dest::End(name)),
                Target::Follow(name) => Some(Dest::Follow(name)),
                Target::Stage { to: Some(key), .. } => Some(Dest::Stage(key)),
                Target::Stage { to: None, .. } => None,
            };
            let routes: Vec<_> = stage
                .outcomes
                .iter()
                .filter_map(|o| dest(&o.target).map(|d| (o, d)))
                .collect();
            match routes.as_slice() {
                [] => {
                    let end =
                        self.end(container, &format!("{heading} concluded"), near, Vec::new());
                    self.graph.add_flow(&task, &end, None, None);
                }
                [(outcome, d)] => {
                    if let Some(target) = self.reach(container, d, near) {
                        let flow = self.graph.add_flow(&task, &target, None, None);
                        self.flow_docs(
                            &flow,
                            vec![format!("Route: {}", summary::route(outcome, &self.names))],
                        );
                    }
                }
                many => {
                    let gateway = self.graph.id(&format!("Gateway_{prefix}_outcome"));
                    self.graph.push_node(Node {
                        id: gateway.clone(),
                        kind: Kind::Gateway { default: None },
                        name: format!("Outcome of {}?", short_label(stage)),
                        documentation: vec!["The engine sets the process variable `outcome` when the stage's task is completed.".to_owned()],
                        container,
                        lane,
                        column: column + 1,
                        below: false,
                    });
                    self.graph.add_flow(&task, &gateway, None, None);
                    let mut values: Vec<String> = Vec::new();
                    for (outcome, d) in many {
                        let mut value = match &outcome.when {
                            OutcomeWhen::Resolved => "resolved".to_owned(),
                            OutcomeWhen::Unresolved => "unresolved".to_owned(),
                            OutcomeWhen::If(c) => slug(c),
                        };
                        if values.contains(&value) {
                            value = format!("{value}_{}", values.len() + 1);
                        }
                        values.push(value.clone());
                        let Some(target) = self.reach(container, d, near) else {
                            continue;
                        };
                        let condition = self.lang.equals("outcome", &value);
                        let flow = self.graph.add_flow(
                            &gateway,
                            &target,
                            Some(summary::route(outcome, &self.names)),
                            Some(condition),
                        );
                        self.flow_docs(
                            &flow,
                            vec![format!("Taken when `outcome` is \"{value}\".")],
                        );
                    }
                    self.var(
                        "outcome",
                        "set when a stage's task is completed: \"resolved\", \"unresolved\", or the slug of a condition the stage names (each gateway's flows list the values it reads)".to_owned(),
                    );
                }
            }
            self.timers(stage, container, &task, (lane, column));
        }
    }

    /// Draws a node below the stage's own line.
    fn below(&mut self, id: &str) {
        if let Some(node) = self.graph.node_mut(id) {
            node.below = true;
        }
    }

    /// Adds documentation to a flow: always the one made last.
    fn flow_docs(&mut self, flow: &str, documentation: Vec<String>) {
        if let Some(f) = self.graph.flows.last_mut().filter(|f| f.id == flow) {
            f.documentation.extend(documentation);
        }
    }
}
