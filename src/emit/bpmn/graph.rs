//! The process as a graph before it is written: containers (the process
//! and one embedded sub-process per sub-procedure), their lanes, flow
//! nodes, sequence flows and data objects, with each node's place on the
//! layout grid.
//!
//! The builder (`flow/`) adds nodes and flows as the policy reads; the
//! pass here then puts a joining gateway in front of every task or event
//! that more than one flow reaches, because BPMN engines treat several
//! flows into a task as separate tokens (bpmnlint's `fake-join`), and the
//! writers (`xml.rs`, `diagram.rs`) only print what is here.

use std::collections::BTreeMap;

/// A timer's value, in the process's expression language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum TimerValue {
    /// `timeDuration`: an ISO 8601 duration counted from the task starting.
    Duration(String),
    /// `timeDate`: an expression reading a process variable that holds the
    /// date-time, which ladder computes.
    Date(String),
}

/// What kind of BPMN element a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A start event: a message start (the message's id) in the process, a
    /// blank one inside a sub-process.
    Start {
        message: Option<String>,
    },
    UserTask,
    /// An embedded sub-process; its container's index. `event`: an event
    /// sub-process, started by its own start event while the process runs.
    SubProcess {
        container: usize,
        event: bool,
    },
    /// A non-interrupting timer start event of an event sub-process.
    TimerStart(TimerValue),
    /// An exclusive gateway; `default` is the id of its default flow.
    Gateway {
        default: Option<String>,
    },
    /// An end event; an escalation end carries the escalation's id.
    End {
        escalation: Option<String>,
    },
    /// A boundary event on `attached`.
    Boundary {
        attached: String,
        interrupting: bool,
        event: BoundaryKind,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum BoundaryKind {
    Timer(TimerValue),
    /// Catches the escalation with this id.
    Escalation(String),
}

/// A flow node, with its place on the layout grid: a lane of its
/// container and a column; the row within the lane is found by the layout.
#[derive(Clone, Debug)]
pub(super) struct Node {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub documentation: Vec<String>,
    pub container: usize,
    pub lane: usize,
    pub column: u32,
    /// Drawn below the stage's own line (a reminder's end), never in the
    /// first row of its column, which the stage's gateway may leave empty.
    pub below: bool,
}

#[derive(Clone, Debug)]
pub(super) struct Flow {
    pub id: String,
    pub source: String,
    pub target: String,
    /// Named only when the flow carries a condition or leaves a forking
    /// gateway (bpmnlint's `superfluous-label`).
    pub name: Option<String>,
    pub condition: Option<String>,
    pub documentation: Vec<String>,
}

/// A record or form the process writes: one data object, with a
/// reference drawn below each task that writes it and linked to it by an
/// association.
#[derive(Clone, Debug)]
pub(super) struct Data {
    pub id: String,
    pub name: String,
    pub documentation: Vec<String>,
    pub container: usize,
    /// The tasks that write it, in order.
    pub writers: Vec<String>,
}

impl Data {
    /// The id of the reference drawn below `writer`.
    pub fn reference(&self, writer: &str) -> String {
        format!("{}_at_{}", self.id, writer.trim_start_matches("Task_"))
    }
}

#[derive(Clone, Debug)]
pub(super) struct Lane {
    pub id: String,
    pub name: String,
    /// The actor's name in the policy.
    pub actor: String,
}

/// The process, or an embedded sub-process.
#[derive(Clone, Debug, Default)]
pub(super) struct Container {
    pub id: String,
    pub name: String,
    pub documentation: Vec<String>,
    pub lanes: Vec<Lane>,
    /// Each lane's index, by the actor's name.
    pub lane_of: BTreeMap<String, usize>,
}

/// A message or escalation declared at the top of the file.
#[derive(Clone, Debug)]
pub(super) struct Global {
    pub id: String,
    pub name: String,
    /// The escalation code; `None` for a message.
    pub code: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Graph {
    pub containers: Vec<Container>,
    pub nodes: Vec<Node>,
    pub flows: Vec<Flow>,
    pub data: Vec<Data>,
    pub messages: Vec<Global>,
    pub escalations: Vec<Global>,
    /// Ids handed out so far, so that every id is unique.
    used: BTreeMap<String, u32>,
    /// Each node's index in `nodes`, by id.
    index: BTreeMap<String, usize>,
}

impl Graph {
    /// A unique id from a wished-for one: `Task_stage_2`, then
    /// `Task_stage_2_2` if that was taken.
    pub fn id(&mut self, wish: &str) -> String {
        let count = self.used.entry(wish.to_owned()).or_insert(0);
        *count += 1;
        if *count == 1 {
            wish.to_owned()
        } else {
            let id = format!("{wish}_{count}");
            // The suffixed id may itself have been wished for; try again.
            if self.used.contains_key(&id) {
                self.id(&id)
            } else {
                self.used.insert(id.clone(), 1);
                id
            }
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.index.get(id).map(|&i| &mut self.nodes[i])
    }

    pub fn push_node(&mut self, node: Node) {
        self.index.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
    }

    pub fn add_flow(
        &mut self,
        source: &str,
        target: &str,
        name: Option<String>,
        condition: Option<String>,
    ) -> String {
        let id = self.id(&format!("Flow_{source}_{target}"));
        self.flows.push(Flow {
            id: id.clone(),
            source: source.to_owned(),
            target: target.to_owned(),
            name,
            condition,
            documentation: Vec::new(),
        });
        id
    }

    /// Puts a joining exclusive gateway in front of every task, event or
    /// sub-process that more than one flow reaches.
    pub fn insert_joins(&mut self) {
        let mut incoming: BTreeMap<String, usize> = BTreeMap::new();
        for flow in &self.flows {
            *incoming.entry(flow.target.clone()).or_insert(0) += 1;
        }
        let joined: Vec<(String, usize, usize, u32)> = self
            .nodes
            .iter()
            .filter(|n| !matches!(n.kind, Kind::Gateway { .. }))
            .filter(|n| incoming.get(&n.id).copied().unwrap_or(0) > 1)
            .map(|n| (n.id.clone(), n.container, n.lane, n.column))
            .collect();
        let mut joins: BTreeMap<String, String> = BTreeMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (target, container, lane, column) in joined {
            let join = self.id(&format!("Join_{target}"));
            self.push_node(Node {
                id: join.clone(),
                kind: Kind::Gateway { default: None },
                name: String::new(),
                documentation: Vec::new(),
                container,
                lane,
                column: column.saturating_sub(1),
                below: false,
            });
            joins.insert(target.clone(), join.clone());
            order.push((target, join));
        }
        for flow in &mut self.flows {
            if let Some(join) = joins.get(&flow.target) {
                flow.target.clone_from(join);
            }
        }
        for (target, join) in order {
            self.add_flow(&join, &target, None, None);
        }
    }
}

/// The graph indexed for writing, so that each part is written in one
/// pass: each container's nodes, flows and data objects, and each node's
/// incoming and outgoing flows.
pub(super) struct Links<'g> {
    pub nodes: Vec<Vec<&'g Node>>,
    pub flows: Vec<Vec<&'g Flow>>,
    pub data: Vec<Vec<&'g Data>>,
    pub incoming: BTreeMap<&'g str, Vec<&'g str>>,
    pub outgoing: BTreeMap<&'g str, Vec<&'g str>>,
}

impl<'g> Links<'g> {
    pub fn new(graph: &'g Graph) -> Links<'g> {
        let n = graph.containers.len();
        let mut links = Links {
            nodes: vec![Vec::new(); n],
            flows: vec![Vec::new(); n],
            data: vec![Vec::new(); n],
            incoming: BTreeMap::new(),
            outgoing: BTreeMap::new(),
        };
        for node in &graph.nodes {
            links.nodes[node.container].push(node);
        }
        for flow in &graph.flows {
            if let Some(source) = graph.node(&flow.source) {
                links.flows[source.container].push(flow);
            }
            links
                .incoming
                .entry(&flow.target)
                .or_default()
                .push(&flow.id);
            links
                .outgoing
                .entry(&flow.source)
                .or_default()
                .push(&flow.id);
        }
        for data in &graph.data {
            links.data[data.container].push(data);
        }
        links
    }
}

/// An NCName-safe slug of free text: lowercase ASCII letters and digits,
/// words joined by `_`, at most about 40 characters, never empty.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
        if out.len() >= 40 {
            break;
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ncname_parts() {
        assert_eq!(
            slug("Resolved between managers at Step 2"),
            "resolved_between_managers_at_step_2"
        );
        assert_eq!(slug("« »"), "x");
        assert_eq!(slug("Café—bar"), "caf_bar");
    }

    #[test]
    fn ids_are_unique() {
        let mut g = Graph::default();
        assert_eq!(g.id("End_a"), "End_a");
        assert_eq!(g.id("End_a"), "End_a_2");
        assert_eq!(g.id("End_a_2"), "End_a_2_2");
    }
}
