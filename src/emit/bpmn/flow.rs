//! The process and its flow: a user task per stage, an exclusive gateway
//! on its outcomes, end events, message start events for the concern and
//! for each exception or sub-procedure that starts somewhere, sub-procedures
//! as embedded sub-processes left by escalation end events, and the
//! boundary timers of each stage's window.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::{BoundaryKind, Container, Data, Global, Graph, Kind, Node, TimerValue, slug};
use super::timers::{self, Expressions, variable_prefix};
use super::{Variable, docs, lanes, summary};
use crate::model::{
    DutyKind, OutcomeWhen, Policy, Procedure, Stage, StageKey, StageLabels, StartAt, Target,
};

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
            documentation: docs::stage(self.policy, stage),
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
                        self.flow_docs(&flow, vec![format!("Route: {}", summary::route(outcome))]);
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
                            Some(summary::route(outcome)),
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

    fn timers(
        &mut self,
        stage: &'p Stage,
        container: usize,
        task: &str,
        (lane, column): (usize, u32),
    ) {
        let prefix = variable_prefix(&stage.key);
        let label = short_label(stage);
        if let (Some(timer), Some(limit)) =
            (timers::start(stage, self.lang, &self.dated), &stage.start)
        {
            let words = self.labels.describe(limit);
            let id = self.graph.id(&format!("Timer_{prefix}_start_by"));
            self.boundary(
                &id,
                task,
                false,
                timer.value.clone(),
                format!("Start {words}"),
                container,
                (lane, column),
            );
            let end = self.end(
                container,
                &format!("Reminder: {label} to start {words}"),
                (lane, column + 1),
                vec![
                    "A reminder: the stage's start-by date has come while its task is still open."
                        .to_owned(),
                ],
            );
            self.below(&end);
            self.graph.add_flow(&id, &end, None, None);
            if let Some(v) = timer.variable {
                self.var(&v, format!("the date-time {label} must start by ({words}): the `start` deadline of `{}` in `ladder timeline --format json`, at the end of that day", stage.key.slug()));
            }
        }
        if let Some(timer) = timers::conclude(stage, self.lang, &self.dated) {
            let words = crate::model::describe_limits(&stage.conclude, stage.conclude_join, &|k| {
                self.labels.label(k)
            });
            let unresolved = stage
                .outcomes
                .iter()
                .find(|o| o.when == OutcomeWhen::Unresolved);
            let id = self.graph.id(&format!("Timer_{prefix}_conclude_by"));
            let escalate = timer.hard && unresolved.is_some();
            self.boundary(
                &id,
                task,
                escalate,
                timer.value.clone(),
                format!("Conclude {words}"),
                container,
                (lane, column),
            );
            let target = if let (true, Some(outcome)) = (escalate, unresolved) {
                let d = match &outcome.target {
                    Target::End(name) => Some(Dest::End(name)),
                    Target::Follow(name) => Some(Dest::Follow(name)),
                    Target::Stage { to: Some(key), .. } => Some(Dest::Stage(key)),
                    Target::Stage { to: None, .. } => None,
                };
                d.and_then(|d| self.reach(container, &d, (lane, column + 2)))
            } else {
                let (word, why) = if timer.hard {
                    (
                        "Overdue",
                        "The stage has passed its conclude-by date and has no unresolved route to escalate to, so the task stays open.",
                    )
                } else {
                    (
                        "Target passed",
                        "The stage's target (`aim to`) has passed; the task stays open.",
                    )
                };
                let end = self.end(
                    container,
                    &format!("{word}: {label} to conclude {words}"),
                    (lane, column + 1),
                    vec![why.to_owned()],
                );
                self.below(&end);
                Some(end)
            };
            if let Some(target) = target {
                self.graph.add_flow(&id, &target, None, None);
            }
            if let Some(v) = timer.variable {
                self.var(&v, format!("the date-time {label} must conclude by ({words}): the `conclude` deadline of `{}` in `ladder timeline --format json`, at the end of that day", stage.key.slug()));
            }
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one boundary timer's every attribute, named at the call"
    )]
    fn boundary(
        &mut self,
        id: &str,
        task: &str,
        interrupting: bool,
        value: TimerValue,
        name: String,
        container: usize,
        (lane, column): (usize, u32),
    ) {
        let documentation = vec![match (&value, interrupting) {
            (TimerValue::Duration(_), true) => "Interrupting: when the duration has passed since the task started, the stage ends unresolved and escalates.".to_owned(),
            (TimerValue::Duration(_), false) => "Non-interrupting: fires when the duration has passed since the task started; the task stays open.".to_owned(),
            (TimerValue::Date(_), true) => "Interrupting: at the date the process variable holds, which ladder computes (`ladder timeline`), the stage ends unresolved and escalates.".to_owned(),
            (TimerValue::Date(_), false) => "Non-interrupting: fires at the date the process variable holds, which ladder computes (`ladder timeline`); the task stays open.".to_owned(),
        }];
        self.graph.push_node(Node {
            id: id.to_owned(),
            kind: Kind::Boundary {
                attached: task.to_owned(),
                interrupting,
                event: BoundaryKind::Timer(value),
            },
            name,
            documentation,
            container,
            lane,
            column,
            below: false,
        });
    }

    fn message(&mut self, name: &str) -> String {
        let id = self.graph.id(&format!("Message_{name}"));
        self.graph.messages.push(Global {
            id: id.clone(),
            name: name.to_owned(),
            code: None,
        });
        id
    }

    fn starts(&mut self) {
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
    fn procedure_starts(&mut self) {
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
                column: column - 1,
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

    /// The limit on the whole procedure (`all stages conclude within 15
    /// working days of the concern arising`): an event sub-process whose
    /// non-interrupting timer start fires at the date ladder gives, while
    /// the case goes on.
    fn overall(&mut self) {
        let Some(limit) = &self.policy.overall else {
            return;
        };
        if limit.kind.in_words() || !self.dated.contains(&("all-stages".to_owned(), "conclude")) {
            return;
        }
        let words = self.labels.describe(limit);
        let variable = "all_stages_conclude_by";
        let container = self.graph.containers.len();
        let id = self.graph.id("SubProcess_all_stages_limit");
        let aim = if limit.hard { "" } else { "aim to " };
        let name = format!("All stages {aim}conclude {words}");
        self.graph.containers.push(Container {
            id: id.clone(),
            name: name.clone(),
            documentation: Vec::new(),
            lanes: Vec::new(),
            lane_of: BTreeMap::new(),
        });
        self.graph.push_node(Node {
            id: id.clone(),
            kind: Kind::SubProcess {
                container,
                event: true,
            },
            name: name.clone(),
            documentation: vec![
                "The limit on the whole procedure: an event sub-process whose timer fires while the case goes on.".to_owned(),
            ],
            container: 0,
            lane: 0,
            column: 0,
            below: true,
        });
        let start = self.graph.id(&format!("Start_{id}"));
        self.graph.push_node(Node {
            id: start.clone(),
            kind: Kind::TimerStart(TimerValue::Date(self.lang.variable(variable))),
            name: format!("Conclude {words}"),
            documentation: vec![
                "Non-interrupting: fires at the date the process variable holds, which ladder computes (`ladder timeline`).".to_owned(),
            ],
            container,
            lane: 0,
            column: 0,
            below: false,
        });
        let (word, why) = if limit.hard {
            (
                "Overdue",
                "The whole procedure has passed its limit; the case goes on.",
            )
        } else {
            (
                "Target passed",
                "The whole procedure's target (`aim to`) has passed; the case goes on.",
            )
        };
        let end = self.end(
            container,
            &format!("{word}: all stages to conclude {words}"),
            (0, 2),
            vec![why.to_owned()],
        );
        self.graph.add_flow(&start, &end, None, None);
        self.var(
            variable,
            format!("the date-time all stages must conclude by ({words}): the `conclude` deadline of `all-stages` in `ladder timeline --format json`, at the end of that day"),
        );
    }

    /// Records and forms as data objects, linked to the tasks that write
    /// or complete them.
    fn records(&mut self) {
        let policy = self.policy;
        let all: Vec<&Stage> = policy.all_stages().collect();
        // (container, name) -> index in graph.data
        let mut made: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for stage in all {
            let Some((container, task)) = self.stages.get(&stage.key).cloned() else {
                continue;
            };
            let duties = crate::deadline::stage_duties(stage, &policy.every_stage)
                .chain(stage.conditions.iter().flat_map(|c| c.duties.iter()))
                .chain(stage.outcomes.iter().flat_map(|o| o.duties.iter()));
            let mut names: Vec<(String, bool)> = Vec::new();
            for duty in duties {
                match &duty.kind {
                    DutyKind::Record { records, form, .. } => {
                        names.extend(records.iter().map(|r| (r.record.clone(), false)));
                        names.extend(form.iter().map(|f| (f.clone(), true)));
                    }
                    DutyKind::Refer { form: Some(f), .. } | DutyKind::Complete(f) => {
                        names.push((f.clone(), true));
                    }
                    _ => {}
                }
            }
            for (name, is_form) in names {
                let index = if let Some(&i) = made.get(&(container, name.clone())) {
                    i
                } else {
                    let scope = if container == 0 {
                        String::new()
                    } else {
                        format!("{}_", self.graph.containers[container].id)
                    };
                    let (title, documentation) = if is_form {
                        match policy.forms.iter().find(|f| f.name == name) {
                            Some(f) => {
                                let mut d = vec![format!("Form: {}", f.title)];
                                d.extend(f.fields.iter().map(|x| format!("Field: {x}")));
                                d.extend(f.send_to.iter().map(|s| match s {
                                    crate::model::SendTo::Address(a) => format!("Send to: {a}"),
                                    crate::model::SendTo::Actor(a) => {
                                        format!("Send to: {}", summary::actor(a))
                                    }
                                }));
                                d.extend(f.cites.iter().map(|c| format!("Cites: {c}")));
                                d.extend(f.notes.iter().map(|n| format!("Note: {n}")));
                                (f.title.clone(), d)
                            }
                            None => (summary::actor(&name), Vec::new()),
                        }
                    } else {
                        match policy.records.iter().find(|r| r.name == name) {
                            Some(r) if !r.description.is_empty() => (
                                r.description.clone(),
                                vec![format!("Record: {}", r.description)],
                            ),
                            _ => (summary::actor(&name), Vec::new()),
                        }
                    };
                    let kind = if is_form { "Form" } else { "Record" };
                    let id = self.graph.id(&format!("{kind}_{scope}{name}"));
                    self.graph.data.push(Data {
                        id,
                        name: title,
                        documentation,
                        container,
                        writers: Vec::new(),
                    });
                    made.insert((container, name.clone()), self.graph.data.len() - 1);
                    self.graph.data.len() - 1
                };
                let data = &mut self.graph.data[index];
                if !data.writers.contains(&task) {
                    data.writers.push(task.clone());
                }
            }
        }
    }
}
