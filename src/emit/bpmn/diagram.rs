//! The diagram interchange (`bpmndi`): a simple, deterministic layout so
//! that modellers (bpmn-js, Camunda Modeler) open the file laid out.
//!
//! Each lane is a horizontal band; stages run left to right, one column
//! group per stage (join, task, outcome gateway, ends); nodes that share a
//! lane and a column are stacked in rows. Boundary events sit on the lower
//! edge of their task. Each sub-procedure is drawn collapsed in the
//! process and on a plane of its own, which modellers open by drilling
//! into it.

use std::collections::BTreeMap;

use super::graph::{Graph, Kind, Links};

const COLUMN: i64 = 130;
const ROW: i64 = 130;
const LANE_HEADER: i64 = 30;
const LEFT: i64 = 40;
const TOP: i64 = 40;

#[derive(Clone, Copy)]
struct Bounds {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

impl Bounds {
    fn right_middle(self) -> (i64, i64) {
        (self.x + self.w, self.y + self.h / 2)
    }
    fn left_middle(self) -> (i64, i64) {
        (self.x, self.y + self.h / 2)
    }
    fn bottom_middle(self) -> (i64, i64) {
        (self.x + self.w / 2, self.y + self.h)
    }
    fn top_middle(self) -> (i64, i64) {
        (self.x + self.w / 2, self.y)
    }
}

fn size(kind: &Kind) -> (i64, i64) {
    match kind {
        Kind::UserTask | Kind::SubProcess { .. } => (100, 80),
        Kind::Gateway { .. } => (50, 50),
        Kind::Start { .. } | Kind::TimerStart(_) | Kind::End { .. } | Kind::Boundary { .. } => {
            (36, 36)
        }
    }
}

/// Writes one `BPMNDiagram` for the process and one per sub-procedure.
pub(super) fn write(out: &mut String, graph: &Graph, links: &Links<'_>, participant: &str) {
    for index in 0..graph.containers.len() {
        plane(out, graph, links, index, participant);
    }
}

fn plane(out: &mut String, graph: &Graph, links: &Links<'_>, index: usize, participant: &str) {
    let container = &graph.containers[index];
    let plane_element = if index == 0 {
        format!("Collaboration_{}", container.id)
    } else {
        container.id.clone()
    };
    // Rows: each node and data object takes the next free row of its lane
    // and column, in the order they were made.
    let mut next_row: BTreeMap<(usize, u32), i64> = BTreeMap::new();
    let mut cells: BTreeMap<String, (usize, u32, i64)> = BTreeMap::new();
    let mut place = |id: &str, lane: usize, column: u32, below: bool| {
        let row = next_row.entry((lane, column)).or_insert(0);
        if below {
            *row = (*row).max(1);
        }
        cells.insert(id.to_owned(), (lane, column, *row));
        *row += 1;
    };
    for node in links.nodes[index].iter().copied() {
        if !matches!(node.kind, Kind::Boundary { .. }) {
            place(&node.id, node.lane, node.column, node.below);
        }
    }
    for data in links.data[index].iter().copied() {
        for writer in &data.writers {
            if let Some(w) = graph.node(writer) {
                place(&data.reference(writer), w.lane, w.column, true);
            }
        }
    }
    let lanes = container.lanes.len().max(1);
    let mut rows = vec![1i64; lanes];
    for ((lane, _), count) in &next_row {
        if let Some(r) = rows.get_mut(*lane) {
            *r = (*r).max(*count);
        }
    }
    let mut lane_top = vec![0i64; lanes];
    let mut y = TOP;
    for (i, top) in lane_top.iter_mut().enumerate() {
        *top = y;
        y += rows[i] * ROW;
    }
    let height = y - TOP;
    let columns = cells
        .values()
        .map(|(_, c, _)| i64::from(*c))
        .max()
        .unwrap_or(0)
        + 1;
    let pool_x = LEFT;
    let lanes_x = LEFT + LANE_HEADER;
    let width = columns * COLUMN + LANE_HEADER;
    let content_x = lanes_x + LANE_HEADER;

    let mut bounds: BTreeMap<String, Bounds> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, &Kind> = BTreeMap::new();
    for node in links.nodes[index].iter().copied() {
        kinds.insert(&node.id, &node.kind);
        if let Some((lane, column, row)) = cells.get(&node.id) {
            let (w, h) = size(&node.kind);
            let cx = content_x + i64::from(*column) * COLUMN + COLUMN / 2;
            let cy = lane_top[*lane] + row * ROW + ROW / 2;
            bounds.insert(
                node.id.clone(),
                Bounds {
                    x: cx - w / 2,
                    y: cy - h / 2,
                    w,
                    h,
                },
            );
        }
    }
    for id in links.data[index]
        .iter()
        .flat_map(|d| d.writers.iter().map(|w| d.reference(w)))
    {
        if let Some((lane, column, row)) = cells.get(&id) {
            let cx = content_x + i64::from(*column) * COLUMN + COLUMN / 2;
            let cy = lane_top[*lane] + row * ROW + ROW / 2;
            bounds.insert(
                id,
                Bounds {
                    x: cx - 18,
                    y: cy - 25,
                    w: 36,
                    h: 50,
                },
            );
        }
    }
    // Boundary events on the lower edge of their host: the first on its
    // left corner with its label to the left, the second on its right
    // corner with its label to the right (so that the two labels do not
    // cover each other), any more in between.
    let mut on_host: BTreeMap<String, i64> = BTreeMap::new();
    let mut labels: BTreeMap<String, Bounds> = BTreeMap::new();
    for node in links.nodes[index].iter().copied() {
        if let Kind::Boundary { attached, .. } = &node.kind
            && let Some(host) = bounds.get(attached).copied()
        {
            let k = on_host.entry(attached.clone()).or_insert(0);
            let y = host.y + host.h - 18;
            let (x, label) = match *k {
                0 => (host.x - 8, Some(host.x - 8 - 94)),
                1 => (host.x + host.w - 28, Some(host.x + host.w - 28 + 40)),
                n => (host.x + 12 + (n - 2) * 40, None),
            };
            *k += 1;
            bounds.insert(node.id.clone(), Bounds { x, y, w: 36, h: 36 });
            if let Some(lx) = label {
                labels.insert(
                    node.id.clone(),
                    Bounds {
                        x: lx,
                        y: y + 30,
                        w: 90,
                        h: 40,
                    },
                );
            }
        }
    }

    out.push_str(&format!(
        "  <bpmndi:BPMNDiagram id=\"Diagram_{}\">\n    <bpmndi:BPMNPlane id=\"Plane_{}\" bpmnElement=\"{plane_element}\">\n",
        container.id, container.id
    ));
    let shape = |out: &mut String, element: &str, b: Bounds, extra: &str| {
        out.push_str(&format!(
            "      <bpmndi:BPMNShape id=\"{element}_di\" bpmnElement=\"{element}\"{extra}>\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n",
            b.x, b.y, b.w, b.h
        ));
        if let Some(l) = labels.get(element) {
            out.push_str(&format!(
                "        <bpmndi:BPMNLabel>\n          <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n        </bpmndi:BPMNLabel>\n",
                l.x, l.y, l.w, l.h
            ));
        }
        out.push_str("      </bpmndi:BPMNShape>\n");
    };
    if index == 0 {
        shape(
            out,
            participant,
            Bounds {
                x: pool_x,
                y: TOP,
                w: width + LANE_HEADER,
                h: height,
            },
            " isHorizontal=\"true\"",
        );
    }
    for (i, lane) in container.lanes.iter().enumerate() {
        let b = Bounds {
            x: lanes_x,
            y: lane_top[i],
            w: width,
            h: rows[i] * ROW,
        };
        shape(out, &lane.id, b, " isHorizontal=\"true\"");
    }
    for node in links.nodes[index].iter().copied() {
        if let Some(b) = bounds.get(&node.id) {
            let extra = match node.kind {
                Kind::SubProcess { .. } => " isExpanded=\"false\"",
                Kind::Gateway { .. } => " isMarkerVisible=\"true\"",
                _ => "",
            };
            shape(out, &node.id, *b, extra);
        }
    }
    for id in links.data[index]
        .iter()
        .flat_map(|d| d.writers.iter().map(|w| d.reference(w)))
    {
        if let Some(b) = bounds.get(&id) {
            shape(out, &id, *b, "");
        }
    }
    for flow in &links.flows[index] {
        let (Some(s), Some(t)) = (bounds.get(&flow.source), bounds.get(&flow.target)) else {
            continue;
        };
        let from_boundary = matches!(kinds.get(flow.source.as_str()), Some(Kind::Boundary { .. }));
        let points = route(*s, *t, from_boundary);
        edge(out, &flow.id, &points);
    }
    for data in links.data[index].iter().copied() {
        for writer in &data.writers {
            let reference = data.reference(writer);
            let (Some(w), Some(d)) = (bounds.get(writer), bounds.get(&reference)) else {
                continue;
            };
            let (x1, y1) = w.bottom_middle();
            let (x2, y2) = d.top_middle();
            let points = if x1 == x2 {
                vec![(x1, y1), (x2, y2)]
            } else {
                vec![
                    (x1, y1),
                    (x1, i64::midpoint(y1, y2)),
                    (x2, i64::midpoint(y1, y2)),
                    (x2, y2),
                ]
            };
            edge(out, &format!("Association_{reference}"), &points);
        }
    }
    out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
}

/// Orthogonal waypoints from a node's right side (a boundary event's lower
/// side) to the target's left side; a flow running backwards goes round
/// below both.
fn route(s: Bounds, t: Bounds, from_boundary: bool) -> Vec<(i64, i64)> {
    let (tx, ty) = t.left_middle();
    if from_boundary {
        let (sx, sy) = s.bottom_middle();
        if tx > sx {
            return vec![
                (sx, sy),
                (sx, ty.max(sy + 10)),
                (tx, ty.max(sy + 10)),
                (tx, ty),
            ]
            .into_iter()
            .fold(Vec::new(), dedupe);
        }
        let below = sy.max(t.y + t.h) + 20;
        return vec![
            (sx, sy),
            (sx, below),
            (tx - 20, below),
            (tx - 20, ty),
            (tx, ty),
        ];
    }
    let (sx, sy) = s.right_middle();
    if tx > sx {
        if sy == ty {
            return vec![(sx, sy), (tx, ty)];
        }
        // Turn just after the source, in the gap before the next column,
        // rather than half-way, where the source's own ends stand.
        let mx = (sx + 20).min(tx - 10);
        return vec![(sx, sy), (mx, sy), (mx, ty), (tx, ty)];
    }
    let below = (s.y + s.h).max(t.y + t.h) + 20;
    vec![
        (sx, sy),
        (sx + 15, sy),
        (sx + 15, below),
        (tx - 15, below),
        (tx - 15, ty),
        (tx, ty),
    ]
}

fn dedupe(mut acc: Vec<(i64, i64)>, p: (i64, i64)) -> Vec<(i64, i64)> {
    if acc.last() != Some(&p) {
        acc.push(p);
    }
    acc
}

fn edge(out: &mut String, element: &str, points: &[(i64, i64)]) {
    out.push_str(&format!(
        "      <bpmndi:BPMNEdge id=\"{element}_di\" bpmnElement=\"{element}\">\n"
    ));
    for (x, y) in points {
        out.push_str(&format!("        <di:waypoint x=\"{x}\" y=\"{y}\" />\n"));
    }
    out.push_str("      </bpmndi:BPMNEdge>\n");
}
