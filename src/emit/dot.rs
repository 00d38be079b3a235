//! The policy as a Graphviz DOT flowchart, top-down, in the style boards
//! publish: a box per stage, resolved branches to end nodes at the side,
//! unresolved branches down to the next stage, exception entries dashed from
//! the start point, sub-procedures as clusters, phases as shaded bands
//! around their stages, a dashed loop on a stage that repeats, and a key
//! that lists only what the chart draws.
//!
//! It is drawn to be published as it is: people are named by the role
//! descriptions the policy gives, the day kind is said once under the
//! title, every duty is written in full (wrapped, never cut), panels say
//! who convenes and chairs them, and no text is smaller than 10 points
//! (13 CSS pixels when the SVG is shown at its natural size).
//!
//! Every label is a Graphviz HTML-like label built from text escaped by
//! `escape::dot_html`, and every identifier is a quoted string from
//! `escape::dot_quoted`, so no policy text can end a label or an attribute,
//! or be read as a keyword (`node`, `edge`, `end`). Reads only the model.

use std::fmt::Write as _;

use super::escape::{dot_html, dot_quoted, wrap};
use super::names::Names;
use super::summary;

mod key;

use crate::model::{OutcomeWhen, Policy, Stage, StartAt, Target};
pub(super) use key::Used;
use key::legend;

const STAGE_FILL: &str = "#dbe8f5";
const STEP_FILL: &str = "#eae4f2";
const END_FILL: &str = "#d9eed9";
const RULE_FILL: &str = "#fdf0d5";
const FOLLOW_FILL: &str = "#eeeeee";
const RESOLVED: &str = "#2e7d32";
const UNRESOLVED: &str = "#b3261e";
const OTHER: &str = "#1f5fa8";
const EXCEPTION: &str = "#a86400";
const REPEAT: &str = "#6a1b9a";
const PHASE_FILL: &str = "#f4f4f4";
const PHASE_LINE: &str = "#9e9e9e";
const WIDTH: usize = 44;
/// The width, in characters, of a duty's lines in a stage's box.
const DUTY_WIDTH: usize = 50;
/// Dark enough on every fill used for WCAG AA contrast (4.5:1).
const TEXT: &str = "#222222";

/// The DOT text of the flowchart, ending with a line break.
#[must_use]
pub fn to_string(policy: &Policy) -> String {
    let n = &Names::of(policy);
    let mut ends = Ends::default();
    let mut out = String::new();
    let title = policy
        .header
        .title
        .as_deref()
        .unwrap_or("Escalation procedure");
    let mut heading = format!("<B>{}</B>", lines(title, 70));
    if let Some(boards) = summary::boards(policy) {
        // One board on one line, as written; several wrapped.
        let boards = if policy.header.scoped_boards.is_empty() {
            dot_html(&boards)
        } else {
            lines(&boards, 90)
        };
        let _ = write!(heading, "<BR/>{boards}");
    }
    if let Some(overall) = summary::overall(policy, n) {
        let _ = write!(heading, "<BR/>{}", lines(&overall, 70));
    }
    if let Some(days) = summary::day_counting(policy) {
        let _ = write!(heading, "<BR/>{}", lines(&days, 70));
    }
    out.push_str("digraph ladder {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, newrank=true, fontname=\"Helvetica\", fontsize=14, labelloc=t, \
         nodesep=0.45, ranksep=0.5, margin=0.3, label=<{heading}<BR/> >];"
    );
    let _ = writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, fontcolor=\"{TEXT}\", shape=box, \
         style=\"rounded,filled\", margin=\"0.15,0.08\"];"
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.7];\n\n");

    // The start point and the normal way in.
    out.push_str(
        "  \"start\" [shape=oval, style=filled, fillcolor=\"#444444\", fontcolor=white, \
         label=<Concern raised>];\n",
    );
    if let Some(first) = policy.stages.first() {
        let _ = writeln!(
            out,
            "  \"start\" -> {} [weight=10];",
            dot_quoted(&first.key.slug())
        );
    }

    // Exception entries: dashed, from the start point.
    for (i, rule) in policy.rules.iter().enumerate() {
        let any = rule.start_at.iter().any(|s| matches!(s, StartAt::AnyStage));
        let named: Vec<&Stage> = rule
            .start_at
            .iter()
            .filter_map(|s| match s {
                StartAt::Stage(Some(key)) => policy.stage(key),
                StartAt::Stage(None) | StartAt::AnyStage | StartAt::AnyStep => None,
            })
            .collect();
        if !any && named.is_empty() {
            continue;
        }
        let id = format!("rule-{}", i + 1);
        let action = if any {
            "start at any stage".to_owned()
        } else {
            let labels: Vec<String> = named.iter().map(|s| summary::name(s)).collect();
            format!("start at {}", labels.join(" or "))
        };
        let _ = writeln!(
            out,
            "  {} [style=\"rounded,dashed,filled\", color=\"{EXCEPTION}\", fillcolor=\"{RULE_FILL}\", \
             label=<<B>Exception</B><BR/>{}<BR/><I>{}</I>{}>];",
            dot_quoted(&id),
            lines(&format!("If {}", rule.condition), WIDTH),
            dot_html(&action),
            summary::rule_duties(rule, n)
                .map(|d| format!("<BR/>{}", lines(&d, WIDTH)))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "  \"start\" -> {} [style=dashed, color=\"{EXCEPTION}\"];",
            dot_quoted(&id)
        );
        let targets: Vec<&Stage> = if any {
            policy.stages.iter().collect()
        } else {
            named
        };
        for (n, stage) in targets.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {} -> {} [style=dashed, color=\"{EXCEPTION}\"{}];",
                dot_quoted(&id),
                dot_quoted(&stage.key.slug()),
                if n == 0 { "" } else { ", constraint=false" }
            );
        }
    }
    out.push('\n');

    // The main ladder, in an invisible cluster so that the sub-procedures'
    // clusters are laid out beside it and never around its stages. Its ends
    // are first named here, so they belong to it (see below).
    out.push_str("  subgraph \"cluster_main\" {\n    graph [style=invis, label=\"\"];\n");
    // Each phase is a shaded band around its stages; a node first named in
    // a subgraph belongs to it.
    for (i, phase) in policy.phases.iter().enumerate() {
        let _ = writeln!(
            out,
            "    subgraph {} {{\n      graph [style=\"rounded,filled\", color=\"{PHASE_LINE}\", \
             fillcolor=\"{PHASE_FILL}\", fontsize=11, labeljust=l, label=<<B>{}</B>>];",
            dot_quoted(&format!("cluster_phase_{}", i + 1)),
            lines(&summary::phase(policy, phase), 60)
        );
        for stage in policy
            .stages
            .iter()
            .filter(|s| phase.stages.contains(&s.key))
        {
            stage_node(&mut out, "      ", stage, STAGE_FILL, n);
        }
        out.push_str("    }\n");
    }
    for stage in policy
        .stages
        .iter()
        .filter(|s| !policy.phases.iter().any(|p| p.stages.contains(&s.key)))
    {
        stage_node(&mut out, "    ", stage, STAGE_FILL, n);
    }
    for stage in &policy.stages {
        outcomes(&mut out, stage, &mut ends, n);
    }
    out.push_str("  }\n");

    // Sub-procedures, each a cluster with its own way in.
    for (i, procedure) in policy.procedures.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n  subgraph {} {{",
            dot_quoted(&format!("cluster_{i}"))
        );
        let raiser = procedure.raised_by.as_ref().map_or(String::new(), |r| {
            format!(
                "<BR ALIGN=\"LEFT\"/>Raised by {}<BR ALIGN=\"LEFT\"/>",
                dot_html(&n.role(r))
            )
        });
        let _ = writeln!(
            out,
            "    graph [style=\"rounded,dashed\", color=\"#7b5ea7\", fontsize=11, labeljust=l, \
             label=<<B>{}</B>{raiser}>];",
            lines(&format!("Sub-procedure: {}", procedure.title), 60)
        );
        if let (Some(applies), Some(first)) = (&procedure.applies, procedure.steps.first()) {
            let id = format!("applies-{i}");
            let mut label = format!("<B>Applies when</B><BR/>{}", lines(applies, WIDTH));
            for m in &procedure.meanwhile {
                let _ = write!(label, "<BR/><I>Meanwhile: {}</I>", lines(m, WIDTH));
            }
            let _ = writeln!(
                out,
                "    {} [shape=box, style=\"dashed,filled\", color=\"#7b5ea7\", fillcolor=white, \
                 label=<{label}>];",
                dot_quoted(&id)
            );
            let _ = writeln!(
                out,
                "    {} -> {} [color=\"#7b5ea7\"];",
                dot_quoted(&id),
                dot_quoted(&first.key.slug())
            );
        }
        for step in &procedure.steps {
            stage_node(&mut out, "    ", step, STEP_FILL, n);
        }
        // INVARIANT: a node first named inside a subgraph belongs to it, so
        // the steps' branches are written here to keep the ends reached
        // only from this procedure inside its cluster.
        for step in &procedure.steps {
            outcomes(&mut out, step, &mut ends, n);
        }
        procedure_rules(&mut out, policy, i, n);
        out.push_str("  }\n");
    }

    // End and outside-procedure nodes, each beside the stage that first
    // reaches it.
    out.push('\n');
    for (n, end) in ends.nodes.iter().enumerate() {
        let (shape, fill, prefix) = if end.follow {
            ("box", FOLLOW_FILL, "Follow: ")
        } else {
            ("box", END_FILL, "End: ")
        };
        let _ = writeln!(
            out,
            "  {} [shape={shape}, style=\"rounded,filled,bold\", fillcolor=\"{fill}\", \
             label=<{}>];",
            dot_quoted(&format!("end-{}", n + 1)),
            lines(&format!("{prefix}{}", end.name), 34)
        );
    }
    for (n, end) in ends.nodes.iter().enumerate() {
        if let Some(first) = &end.first_stage {
            let _ = writeln!(
                out,
                "  {{ rank=same; {}; {}; }}",
                dot_quoted(first),
                dot_quoted(&format!("end-{}", n + 1))
            );
        }
    }

    // The notes and the key sit at the foot of the chart, below the last
    // stage, held there by invisible edges.
    let has_notes = notes(&mut out, policy, n);
    legend(&mut out, &Used::of(policy));
    // Sub-procedures stack below the main ladder, one under another, and
    // the notes and key below them all: a chart that grows downwards stays
    // narrow enough to read at its natural size.
    let mut bottom = policy.stages.last().map(|s| s.key.slug());
    for (i, procedure) in policy.procedures.iter().enumerate() {
        let (Some(first), Some(last)) = (procedure.steps.first(), procedure.steps.last()) else {
            continue;
        };
        let top = if procedure.applies.is_some() {
            format!("applies-{i}")
        } else {
            first.key.slug()
        };
        if let Some(above) = &bottom {
            let _ = writeln!(
                out,
                "  {} -> {} [style=invis];",
                dot_quoted(above),
                dot_quoted(&top)
            );
        }
        bottom = Some(last.key.slug());
    }
    if let Some(last) = bottom {
        let last = dot_quoted(&last);
        if has_notes {
            let _ = writeln!(out, "  {last} -> \"notes\" [style=invis];");
        }
        let _ = writeln!(out, "  {last} -> \"legend\" [style=invis];");
    }
    if has_notes {
        out.push_str("  { rank=same; \"notes\"; \"legend\"; }\n");
    }
    out.push_str("}\n");
    out
}

/// A sub-procedure's own exception rules that start it somewhere: a
/// dashed box inside its cluster, reached from its "applies when" box,
/// with dashed arrows to the steps (or stages) it may start at.
fn procedure_rules(out: &mut String, policy: &Policy, i: usize, n: &Names) {
    let Some(procedure) = policy.procedures.get(i) else {
        return;
    };
    for (r, rule) in procedure.rules.iter().enumerate() {
        let targets = summary::rule_targets(policy, Some(procedure), rule);
        if targets.is_empty() {
            continue;
        }
        let id = format!("{}.rule-{}", procedure.name, r + 1);
        let _ = writeln!(
            out,
            "    {} [style=\"rounded,dashed,filled\", color=\"{EXCEPTION}\", fillcolor=\"{RULE_FILL}\", \
             label=<<B>Exception</B><BR/>{}<BR/><I>{}</I>{}>];",
            dot_quoted(&id),
            lines(&format!("If {}", rule.condition), WIDTH),
            dot_html(&summary::rule_action(policy, Some(procedure), rule)),
            summary::rule_duties(rule, n)
                .map(|d| format!("<BR/>{}", lines(&d, WIDTH)))
                .unwrap_or_default()
        );
        if procedure.applies.is_some() && !procedure.steps.is_empty() {
            let _ = writeln!(
                out,
                "    {} -> {} [style=dashed, color=\"{EXCEPTION}\"];",
                dot_quoted(&format!("applies-{i}")),
                dot_quoted(&id)
            );
        }
        for (k, stage) in targets.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {} -> {} [style=dashed, color=\"{EXCEPTION}\"{}];",
                dot_quoted(&id),
                dot_quoted(&stage.key.slug()),
                if k == 0 { "" } else { ", constraint=false" }
            );
        }
    }
}

/// Lines of escaped text joined with `<BR/>`.
fn lines(text: &str, width: usize) -> String {
    wrap(text, width)
        .iter()
        .map(|l| dot_html(l))
        .collect::<Vec<_>>()
        .join("<BR/>")
}

fn stage_node(out: &mut String, indent: &str, stage: &Stage, fill: &str, n: &Names) {
    let mut label = format!("<B>{}</B>", lines(&summary::heading(stage), WIDTH));
    let _ = write!(
        label,
        "<BR/>{}",
        lines(&summary::window(stage, n), DUTY_WIDTH)
    );
    if let Some(lead) = summary::lead(stage, n) {
        let _ = write!(label, "<BR/>{}", lines(&lead, DUTY_WIDTH));
    }
    if let Some(repeats) = summary::repeats(stage, n) {
        let _ = write!(
            label,
            "<BR/><FONT COLOR=\"{REPEAT}\"><I>{}</I></FONT>",
            lines(&repeats, DUTY_WIDTH)
        );
    }
    // Each duty in full on lines of its own, left-aligned under a bullet,
    // so that a long duty wraps instead of being cut.
    let duties = summary::stage_duties(stage, n);
    let conditions = summary::conditions(stage, n);
    // The bullets start on a line of their own.
    if !duties.is_empty() || !conditions.is_empty() {
        label.push_str("<BR/>");
    }
    for duty in &duties {
        label.push_str(&bullet(duty, DUTY_WIDTH));
    }
    for condition in conditions {
        let _ = write!(
            label,
            "<FONT COLOR=\"{OTHER}\"><I>{}</I></FONT>",
            bullet(&condition, DUTY_WIDTH)
        );
    }
    let _ = writeln!(
        out,
        "{indent}{} [fillcolor=\"{fill}\", label=<{label}>];",
        dot_quoted(&stage.key.slug())
    );
}

/// A bulleted item: its first line after a bullet, the rest indented, each
/// line left-aligned.
fn bullet(text: &str, width: usize) -> String {
    wrap(text, width)
        .iter()
        .enumerate()
        .fold(String::new(), |mut out, (i, l)| {
            out.push_str(if i == 0 { "&#8226; " } else { "&#160;&#160; " });
            out.push_str(&dot_html(l));
            out.push_str("<BR ALIGN=\"LEFT\"/>");
            out
        })
}

#[derive(Default)]
struct Ends {
    nodes: Vec<EndNode>,
    /// Each node's place in `nodes`, by name and kind: found in log time,
    /// so a ladder of thousands of ends is drawn in linear time.
    index: std::collections::BTreeMap<(String, bool), usize>,
}

struct EndNode {
    name: String,
    follow: bool,
    first_stage: Option<String>,
}

impl Ends {
    /// The node id for an end or outside procedure, made on first use.
    fn id(&mut self, name: &str, follow: bool, stage: &str) -> String {
        let n = if let Some(&n) = self.index.get(&(name.to_owned(), follow)) {
            n
        } else {
            self.index
                .insert((name.to_owned(), follow), self.nodes.len());
            // Only ends reached from one place sit beside their stage;
            // an end shared by several stages floats free.
            self.nodes.push(EndNode {
                name: name.to_owned(),
                follow,
                first_stage: Some(stage.to_owned()),
            });
            self.nodes.len() - 1
        };
        if self.nodes[n].first_stage.as_deref() != Some(stage) {
            self.nodes[n].first_stage = None;
        }
        format!("end-{}", n + 1)
    }
}

fn outcomes(out: &mut String, stage: &Stage, ends: &mut Ends, n: &Names) {
    let from = stage.key.slug();
    if let Some(label) = summary::repeat_loop(stage, n) {
        let _ = writeln!(
            out,
            "  {} -> {} [style=dashed, color=\"{REPEAT}\", fontcolor=\"{REPEAT}\", penwidth=1.2, \
             label=<{}>];",
            dot_quoted(&from),
            dot_quoted(&from),
            lines(&label, 28)
        );
    }
    for outcome in &stage.outcomes {
        let (to, weight) = match &outcome.target {
            Target::End(name) => (ends.id(name, false, &from), 1),
            Target::Follow(what) => (ends.id(what, true, &from), 1),
            Target::Stage { to: Some(to), .. } => (to.slug(), 5),
            Target::Stage { to: None, .. } => continue,
        };
        let colour = match outcome.when {
            OutcomeWhen::Resolved => RESOLVED,
            OutcomeWhen::Unresolved => UNRESOLVED,
            OutcomeWhen::If(_) => OTHER,
        };
        let label = lines(&summary::route(outcome, n), 28);
        let _ = writeln!(
            out,
            "  {} -> {} [color=\"{colour}\", fontcolor=\"{colour}\", penwidth=1.4, weight={weight}, \
             label=<{label}>];",
            dot_quoted(&from),
            dot_quoted(&to)
        );
    }
}

/// Duties at every stage, the exception rules that are not entries and the
/// policy's top-level notes, as notes at the foot of the chart.
fn notes(out: &mut String, policy: &Policy, n: &Names) -> bool {
    let every = summary::duties(&policy.every_stage, n);
    let mut rows = Vec::new();
    if !every.is_empty() {
        rows.push(format!(
            "<B>At every stage</B><BR ALIGN=\"LEFT\"/>{}",
            every.iter().map(|d| bullet(d, 60)).collect::<String>()
        ));
    }
    let roles = summary::scoped_roles(policy);
    if !roles.is_empty() {
        let items: Vec<String> = roles.iter().map(|r| bullet(r, 60)).collect();
        rows.push(format!(
            "<B>Roles by whom the procedure covers</B><BR ALIGN=\"LEFT\"/>{}",
            items.join("")
        ));
    }
    let others = summary::other_exceptions(policy, n);
    if !others.is_empty() {
        let items: Vec<String> = others.iter().map(|o| bullet(o, 60)).collect();
        rows.push(format!(
            "<B>Other exceptions</B><BR ALIGN=\"LEFT\"/>{}",
            items.join("")
        ));
    }
    if !policy.notes.is_empty() {
        let items: Vec<String> = policy.notes.iter().map(|note| bullet(note, 60)).collect();
        rows.push(format!(
            "<B>Notes</B><BR ALIGN=\"LEFT\"/>{}",
            items.join("")
        ));
    }
    if rows.is_empty() {
        return false;
    }
    let _ = writeln!(
        out,
        "\n  \"notes\" [shape=note, style=filled, fillcolor=\"#fffbe6\", color=\"#999999\", \
         label=<{}>];",
        rows.join("<BR ALIGN=\"LEFT\"/>")
    );
    true
}
