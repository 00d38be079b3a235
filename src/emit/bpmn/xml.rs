//! The semantic part of the file: definitions, messages, escalations, the
//! collaboration with its one participant, the process with its lanes,
//! flow nodes, sequence flows and data objects, and each sub-process.
//! Every text goes through `text` or `attr`.

use super::graph::{BoundaryKind, Graph, Kind, Links, Node, TimerValue};

/// Text content: `&`, `<` and `>` escaped, and characters XML 1.0 does not
/// allow dropped.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An attribute value in double quotes: as `text`, with quotes and line
/// breaks escaped too.
pub(super) fn attr(s: &str) -> String {
    text(s)
        .replace('"', "&quot;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn documentation(out: &mut String, indent: &str, lines: &[String]) {
    if !lines.is_empty() {
        out.push_str(&format!(
            "{indent}<bpmn:documentation>{}</bpmn:documentation>\n",
            text(&lines.join("\n"))
        ));
    }
}

/// The messages, escalations, collaboration and process.
pub(super) fn semantic(
    out: &mut String,
    graph: &Graph,
    links: &Links<'_>,
    participant: &str,
    participant_name: &str,
) {
    for m in &graph.messages {
        out.push_str(&format!(
            "  <bpmn:message id=\"{}\" name=\"{}\" />\n",
            m.id,
            attr(&m.name)
        ));
    }
    for e in &graph.escalations {
        out.push_str(&format!(
            "  <bpmn:escalation id=\"{}\" name=\"{}\" escalationCode=\"{}\" />\n",
            e.id,
            attr(&e.name),
            attr(e.code.as_deref().unwrap_or(""))
        ));
    }
    let process = &graph.containers[0];
    out.push_str(&format!(
        "  <bpmn:collaboration id=\"Collaboration_{}\">\n    <bpmn:participant id=\"{participant}\" name=\"{}\" processRef=\"{}\" />\n  </bpmn:collaboration>\n",
        process.id,
        attr(participant_name),
        process.id
    ));
    out.push_str(&format!(
        "  <bpmn:process id=\"{}\" name=\"{}\" isExecutable=\"true\">\n",
        process.id,
        attr(&process.name)
    ));
    container(out, graph, links, 0, "    ");
    out.push_str("  </bpmn:process>\n");
}

fn container(out: &mut String, graph: &Graph, links: &Links<'_>, index: usize, indent: &str) {
    let c = &graph.containers[index];
    // A sub-process's documentation is its node's, written before this.
    if index == 0 {
        documentation(out, indent, &c.documentation);
    }
    if !c.lanes.is_empty() {
        out.push_str(&format!("{indent}<bpmn:laneSet id=\"LaneSet_{}\">\n", c.id));
    }
    let mut in_lane: Vec<Vec<&str>> = vec![Vec::new(); c.lanes.len()];
    for node in &links.nodes[index] {
        if let Some(list) = in_lane.get_mut(node.lane) {
            list.push(&node.id);
        }
    }
    for (lane, ids) in c.lanes.iter().zip(&in_lane) {
        out.push_str(&format!(
            "{indent}  <bpmn:lane id=\"{}\" name=\"{}\">\n",
            lane.id,
            attr(&lane.name)
        ));
        if !lane.actor.is_empty() {
            documentation(
                out,
                &format!("{indent}    "),
                &[format!("Actor: {}", lane.actor)],
            );
        }
        for id in ids {
            out.push_str(&format!(
                "{indent}    <bpmn:flowNodeRef>{id}</bpmn:flowNodeRef>\n"
            ));
        }
        out.push_str(&format!("{indent}  </bpmn:lane>\n"));
    }
    if !c.lanes.is_empty() {
        out.push_str(&format!("{indent}</bpmn:laneSet>\n"));
    }
    for node in &links.nodes[index] {
        flow_node(out, graph, links, node, indent);
    }
    for flow in &links.flows[index] {
        let name = flow
            .name
            .as_ref()
            .map(|n| format!(" name=\"{}\"", attr(n)))
            .unwrap_or_default();
        let open = format!(
            "{indent}<bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\"",
            flow.id, flow.source, flow.target
        );
        if flow.documentation.is_empty() && flow.condition.is_none() {
            out.push_str(&format!("{open} />\n"));
            continue;
        }
        out.push_str(&format!("{open}>\n"));
        documentation(out, &format!("{indent}  "), &flow.documentation);
        if let Some(condition) = &flow.condition {
            out.push_str(&format!(
                "{indent}  <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:conditionExpression>\n",
                text(condition)
            ));
        }
        out.push_str(&format!("{indent}</bpmn:sequenceFlow>\n"));
    }
    for data in &links.data[index] {
        out.push_str(&format!("{indent}<bpmn:dataObject id=\"{}\" />\n", data.id));
        for writer in &data.writers {
            out.push_str(&format!(
                "{indent}<bpmn:dataObjectReference id=\"{}\" name=\"{}\" dataObjectRef=\"{}\">\n",
                data.reference(writer),
                attr(&data.name),
                data.id
            ));
            documentation(out, &format!("{indent}  "), &data.documentation);
            out.push_str(&format!("{indent}</bpmn:dataObjectReference>\n"));
        }
    }
    for data in &links.data[index] {
        for writer in &data.writers {
            let reference = data.reference(writer);
            out.push_str(&format!(
                "{indent}<bpmn:association id=\"Association_{reference}\" associationDirection=\"One\" sourceRef=\"{writer}\" targetRef=\"{reference}\" />\n"
            ));
        }
    }
}

fn flow_node(out: &mut String, graph: &Graph, links: &Links<'_>, node: &Node, indent: &str) {
    let tag = match &node.kind {
        Kind::Start { .. } | Kind::TimerStart(_) => "startEvent",
        Kind::UserTask => "userTask",
        Kind::SubProcess { .. } => "subProcess",
        Kind::Gateway { .. } => "exclusiveGateway",
        Kind::End { .. } => "endEvent",
        Kind::Boundary { .. } => "boundaryEvent",
    };
    let mut attrs = format!("id=\"{}\"", node.id);
    if !node.name.is_empty() {
        attrs.push_str(&format!(" name=\"{}\"", attr(&node.name)));
    }
    match &node.kind {
        Kind::Gateway { default: Some(d) } => attrs.push_str(&format!(" default=\"{d}\"")),
        Kind::SubProcess { event: true, .. } => attrs.push_str(" triggeredByEvent=\"true\""),
        Kind::TimerStart(_) => attrs.push_str(" isInterrupting=\"false\""),
        Kind::Boundary {
            attached,
            interrupting,
            ..
        } => {
            attrs.push_str(&format!(
                " cancelActivity=\"{interrupting}\" attachedToRef=\"{attached}\""
            ));
        }
        _ => {}
    }
    out.push_str(&format!("{indent}<bpmn:{tag} {attrs}>\n"));
    let inner = format!("{indent}  ");
    documentation(out, &inner, &node.documentation);
    for flow in links.incoming.get(node.id.as_str()).into_iter().flatten() {
        out.push_str(&format!("{inner}<bpmn:incoming>{flow}</bpmn:incoming>\n"));
    }
    for flow in links.outgoing.get(node.id.as_str()).into_iter().flatten() {
        out.push_str(&format!("{inner}<bpmn:outgoing>{flow}</bpmn:outgoing>\n"));
    }
    match &node.kind {
        Kind::Start { message: Some(m) } => {
            out.push_str(&format!(
                "{inner}<bpmn:messageEventDefinition id=\"{}_message\" messageRef=\"{m}\" />\n",
                node.id
            ));
        }
        Kind::End {
            escalation: Some(e),
        }
        | Kind::Boundary {
            event: BoundaryKind::Escalation(e),
            ..
        } => {
            out.push_str(&format!("{inner}<bpmn:escalationEventDefinition id=\"{}_escalation\" escalationRef=\"{e}\" />\n", node.id));
        }
        Kind::Boundary {
            event: BoundaryKind::Timer(value),
            ..
        }
        | Kind::TimerStart(value) => {
            let (element, expression) = match value {
                TimerValue::Duration(e) => ("timeDuration", e),
                TimerValue::Date(e) => ("timeDate", e),
            };
            out.push_str(&format!(
                "{inner}<bpmn:timerEventDefinition id=\"{}_timer\">\n{inner}  <bpmn:{element} xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:{element}>\n{inner}</bpmn:timerEventDefinition>\n",
                node.id,
                text(expression)
            ));
        }
        Kind::SubProcess { container: c, .. } => container(out, graph, links, *c, &inner),
        _ => {}
    }
    out.push_str(&format!("{indent}</bpmn:{tag}>\n"));
}

#[cfg(test)]
mod tests {
    use super::{attr, text};

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(text("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(text("bell\u{7}gone"), "bellgone");
        assert_eq!(
            attr("\"quoted\"\nnext\tline"),
            "&quot;quoted&quot;&#10;next&#9;line"
        );
        assert_eq!(attr("agency's"), "agency's");
    }
}
