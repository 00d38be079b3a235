//! The windows placed on the graph: each stage's start-by and conclude-by
//! as boundary timers with the end events they lead to, and the limit on
//! the whole procedure as a timer event sub-process. Which windows get a
//! timer, and its value, is decided in `timers.rs`.

use std::collections::BTreeMap;

use super::super::graph::{BoundaryKind, Container, Kind, Node, TimerValue};
use super::super::timers::{self, variable_prefix};
use super::{Builder, Dest, short_label};
use crate::model::{OutcomeWhen, Stage, Target};

impl<'p> Builder<'p> {
    pub(super) fn timers(
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

    /// The limit on the whole procedure (`all stages conclude within 15
    /// working days of the concern arising`): an event sub-process whose
    /// non-interrupting timer start fires at the date ladder gives, while
    /// the case goes on.
    pub(super) fn overall(&mut self) {
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
}
