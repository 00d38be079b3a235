//! The policy as a Mermaid flowchart (`flowchart TD`), which GitHub and many
//! documentation sites render without Graphviz. It draws the same chart as
//! `dot`: stages, ends, exception entries (dotted, from the start point),
//! sub-procedures and phases as subgraphs, a dotted loop on a stage that
//! repeats, the same notes (duties at every stage, exceptions with no
//! entry, the policy's notes), and a key, as a subgraph, that lists what
//! the chart uses with a sample of each kind of box and each kind of arrow
//! drawn as the chart draws it.
//!
//! Mermaid's quoting rules: every label is written inside double quotes and
//! escaped by `escape::mermaid` (entity codes such as `#quot;`), and node ids
//! are generated (`s1`, `e1`), never taken from the policy, so no text can
//! become a keyword such as `end`. Reads only the model.

use std::fmt::Write as _;

use super::escape::{mermaid as esc, wrap};
use super::names::Names;
use super::summary;
use crate::model::{OutcomeWhen, Policy, Stage, StageKey, StartAt, Target};

/// The Mermaid text of the flowchart, ending with a line break.
#[must_use]
pub fn to_string(policy: &Policy) -> String {
    let ids = Ids::new(policy);
    let n = &Names::of(policy);
    let mut out = String::from("flowchart TD\n");
    // Mermaid styles links by their index in the file, so count them.
    let mut links = 0usize;
    let mut link_styles: Vec<String> = Vec::new();
    let title = policy
        .header
        .title
        .as_deref()
        .unwrap_or("Escalation procedure");
    let mut heading = vec![title.to_owned()];
    heading.extend(summary::boards(policy));
    heading.extend(summary::overall(policy, n));
    heading.extend(summary::day_counting(policy));
    let _ = writeln!(out, "  title[\"{}\"]:::title", label(&heading));
    out.push_str("  start([\"Concern raised\"]):::start\n");
    if let Some(first) = policy.stages.first() {
        let _ = writeln!(out, "  start --> {}", ids.stage(&first.key));
        links += 1;
    }
    // Each phase is a subgraph around its stages.
    for (i, phase) in policy.phases.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph phase{}[\"{}\"]",
            i + 1,
            esc(&summary::phase(policy, phase))
        );
        for stage in policy
            .stages
            .iter()
            .filter(|s| phase.stages.contains(&s.key))
        {
            stage_node(&mut out, "    ", &ids, stage, n);
        }
        out.push_str("  end\n");
    }
    for stage in policy
        .stages
        .iter()
        .filter(|s| !policy.phases.iter().any(|p| p.stages.contains(&s.key)))
    {
        stage_node(&mut out, "  ", &ids, stage, n);
    }
    for (i, procedure) in policy.procedures.iter().enumerate() {
        let title = match &procedure.raised_by {
            Some(r) => format!(
                "Sub-procedure: {} (raised by {})",
                procedure.title,
                n.role(r)
            ),
            None => format!("Sub-procedure: {}", procedure.title),
        };
        let _ = writeln!(out, "  subgraph p{}[\"{}\"]", i + 1, esc(&title));
        if let Some(applies) = &procedure.applies {
            let _ = writeln!(
                out,
                "    a{}[\"{}\"]:::applies",
                i + 1,
                label(&["Applies when".to_owned(), applies.clone()])
            );
        }
        for step in &procedure.steps {
            stage_node(&mut out, "    ", &ids, step, n);
        }
        // The procedure's own exception rules that start it somewhere.
        let rules: Vec<(usize, Vec<&Stage>)> = procedure
            .rules
            .iter()
            .enumerate()
            .map(|(n, r)| (n, summary::rule_targets(policy, Some(procedure), r)))
            .filter(|(_, targets)| !targets.is_empty())
            .collect();
        for (r, _) in &rules {
            let rule = &procedure.rules[*r];
            let _ = writeln!(
                out,
                "    p{}r{}[\"{}\"]:::exception",
                i + 1,
                r + 1,
                label(
                    &[
                        "Exception".to_owned(),
                        format!("If {}", rule.condition),
                        summary::rule_action(policy, Some(procedure), rule)
                    ]
                    .into_iter()
                    .chain(summary::rule_duties(rule, n))
                    .collect::<Vec<_>>()
                )
            );
        }
        out.push_str("  end\n");
        if let (Some(_), Some(first)) = (&procedure.applies, procedure.steps.first()) {
            let _ = writeln!(out, "  a{} --> {}", i + 1, ids.stage(&first.key));
            links += 1;
        }
        for (n, targets) in &rules {
            let id = format!("p{}r{}", i + 1, n + 1);
            let mut arrows: Vec<String> = Vec::new();
            if procedure.applies.is_some() && !procedure.steps.is_empty() {
                arrows.push(format!("  a{} -.-> {id}", i + 1));
            }
            arrows.extend(
                targets
                    .iter()
                    .map(|t| format!("  {id} -.-> {}", ids.stage(&t.key))),
            );
            for arrow in arrows {
                out.push_str(&arrow);
                out.push('\n');
                link_styles.push(format!("  linkStyle {links} stroke:#a86400"));
                links += 1;
            }
        }
    }

    // Each end's number, by name and kind (a map: a ladder of thousands of
    // ends is drawn in linear time).
    let mut ends: std::collections::BTreeMap<(String, bool), usize> =
        std::collections::BTreeMap::new();
    for stage in policy.all_stages() {
        if let Some(label) = summary::repeat_loop(stage, n) {
            let id = ids.stage(&stage.key);
            let _ = writeln!(out, "  {id} -.->|\"{}\"| {id}", esc(&label));
            link_styles.push(format!("  linkStyle {links} stroke:#6a1b9a,color:#6a1b9a"));
            links += 1;
        }
        for outcome in &stage.outcomes {
            let to = match &outcome.target {
                Target::End(name) | Target::Follow(name) => {
                    let follow = matches!(outcome.target, Target::Follow(_));
                    let next = ends.len();
                    let n = *ends.entry((name.clone(), follow)).or_insert(next);
                    format!("e{}", n + 1)
                }
                Target::Stage { to: Some(to), .. } => ids.stage(to),
                Target::Stage { to: None, .. } => continue,
            };
            let branch = summary::route(outcome, n);
            let colour = match outcome.when {
                OutcomeWhen::Resolved => "#2e7d32",
                OutcomeWhen::Unresolved => "#b3261e",
                OutcomeWhen::If(_) => "#1f5fa8",
            };
            let _ = writeln!(
                out,
                "  {} -->|\"{}\"| {to}",
                ids.stage(&stage.key),
                esc(&branch)
            );
            link_styles.push(format!(
                "  linkStyle {links} stroke:{colour},color:{colour}"
            ));
            links += 1;
        }
    }
    // In the order first reached, which numbers them.
    let mut ends: Vec<(usize, String, bool)> = ends
        .into_iter()
        .map(|((name, follow), n)| (n, name, follow))
        .collect();
    ends.sort_unstable_by_key(|e| e.0);
    for (n, name, follow) in &ends {
        let (prefix, class) = if *follow {
            ("Follow: ", "follow")
        } else {
            ("End: ", "done")
        };
        let _ = writeln!(
            out,
            "  e{}([\"{}\"]):::{class}",
            n + 1,
            esc(&format!("{prefix}{name}"))
        );
    }

    for (i, rule) in policy.rules.iter().enumerate() {
        let any = rule.start_at.iter().any(|s| matches!(s, StartAt::AnyStage));
        let named: Vec<&StageKey> = rule
            .start_at
            .iter()
            .filter_map(|s| match s {
                StartAt::Stage(Some(key)) => Some(key),
                StartAt::Stage(None) | StartAt::AnyStage | StartAt::AnyStep => None,
            })
            .collect();
        if !any && named.is_empty() {
            continue;
        }
        let action = if any {
            "start at any stage".to_owned()
        } else {
            let labels: Vec<String> = named
                .iter()
                .filter_map(|k| policy.stage(k))
                .map(summary::name)
                .collect();
            format!("start at {}", labels.join(" or "))
        };
        let id = format!("r{}", i + 1);
        let _ = writeln!(
            out,
            "  {id}[\"{}\"]:::exception",
            label(
                &[
                    "Exception".to_owned(),
                    format!("If {}", rule.condition),
                    action
                ]
                .into_iter()
                .chain(summary::rule_duties(rule, n))
                .collect::<Vec<_>>()
            )
        );
        let _ = writeln!(out, "  start -.-> {id}");
        link_styles.push(format!("  linkStyle {links} stroke:#a86400"));
        links += 1;
        let targets: Vec<&StageKey> = if any {
            policy.stages.iter().map(|s| &s.key).collect()
        } else {
            named
        };
        for key in targets {
            let _ = writeln!(out, "  {id} -.-> {}", ids.stage(key));
            link_styles.push(format!("  linkStyle {links} stroke:#a86400"));
            links += 1;
        }
    }

    // The same notes as the foot of the DOT chart: duties at every stage,
    // exception rules with no arrow to draw, and the policy's own notes.
    let every = summary::duties(&policy.every_stage, n);
    if !every.is_empty() {
        let _ = writeln!(
            out,
            "  every[\"{}\"]:::note",
            label(&["At every stage".to_owned(), every.join("; ")])
        );
    }
    let roles = summary::scoped_roles(policy);
    if !roles.is_empty() {
        let mut parts = vec!["Roles by whom the procedure covers".to_owned()];
        parts.extend(roles.iter().map(|r| format!("- {r}")));
        let _ = writeln!(out, "  roles[\"{}\"]:::note", label(&parts));
    }
    let others = summary::other_exceptions(policy, n);
    if !others.is_empty() {
        let mut parts = vec!["Other exceptions".to_owned()];
        parts.extend(others.iter().map(|o| format!("- {o}")));
        let _ = writeln!(out, "  others[\"{}\"]:::note", label(&parts));
    }
    if !policy.notes.is_empty() {
        let mut parts = vec!["Notes".to_owned()];
        parts.extend(policy.notes.iter().map(|n| format!("- {n}")));
        let _ = writeln!(out, "  notes[\"{}\"]:::note", label(&parts));
    }

    key(&mut out, policy, &mut links, &mut link_styles);

    out.push_str(
        "  classDef title fill:none,stroke:none,font-weight:bold\n\
         \x20 classDef keyend fill:none,stroke:none,color:#222222\n\
         \x20 classDef start fill:#444444,color:#ffffff,stroke:#444444\n\
         \x20 classDef stage fill:#dbe8f5,stroke:#4a6f96\n\
         \x20 classDef step fill:#eae4f2,stroke:#7b5ea7\n\
         \x20 classDef done fill:#d9eed9,stroke:#2e7d32\n\
         \x20 classDef follow fill:#eeeeee,stroke:#666666\n\
         \x20 classDef exception fill:#fdf0d5,stroke:#a86400,stroke-dasharray:5 5\n\
         \x20 classDef applies fill:#ffffff,stroke:#7b5ea7,stroke-dasharray:5 5\n\
         \x20 classDef note fill:#fffbe6,stroke:#999999\n",
    );
    for style in link_styles {
        out.push_str(&style);
        out.push('\n');
    }
    out
}

/// The key: a box of each kind the chart uses, and a sample of each kind of
/// arrow, coloured and dotted as the chart's own.
fn key(out: &mut String, policy: &Policy, links: &mut usize, link_styles: &mut Vec<String>) {
    let used = super::dot::Used::of(policy);
    out.push_str("  subgraph key[\"Key\"]\n    direction TB\n");
    let boxes = [
        (
            true,
            "stage",
            "Stage of the procedure: window, who leads, duties",
        ),
        (used.steps, "step", "Step of a sub-procedure"),
        (used.ends, "done", "End: the disagreement is closed"),
        (used.follows, "follow", "Another procedure to follow"),
        (
            used.exceptions,
            "exception",
            "Exception: a different way in",
        ),
    ];
    for (n, (_, class, text)) in boxes.iter().filter(|b| b.0).enumerate() {
        let _ = writeln!(out, "    kb{}[\"{}\"]:::{class}", n + 1, esc(text));
    }
    let arrows = [
        (used.resolved, "-->", "#2e7d32", "Resolved"),
        (used.unresolved, "-->", "#b3261e", "Unresolved: escalate"),
        (used.other, "-->", "#1f5fa8", "Other branch"),
        (used.exceptions, "-.->", "#a86400", "Exception entry"),
        (
            used.repeats,
            "-.->",
            "#6a1b9a",
            "Repeats: the same stage again",
        ),
    ];
    for (n, (_, arrow, colour, text)) in arrows.iter().filter(|a| a.0).enumerate() {
        let _ = writeln!(
            out,
            "    ka{n}[\" \"]:::keyend\n    kz{n}[\" \"]:::keyend\n    ka{n} {arrow}|\"{}\"| kz{n}",
            esc(text)
        );
        link_styles.push(format!(
            "  linkStyle {} stroke:{colour},color:{colour}",
            *links
        ));
        *links += 1;
    }
    out.push_str("  end\n");
}

/// Escaped lines joined with `<br/>`, which Mermaid reads as a line break.
fn label(parts: &[String]) -> String {
    parts
        .iter()
        .flat_map(|p| wrap(p, 48))
        .map(|l| esc(&l))
        .collect::<Vec<_>>()
        .join("<br/>")
}

fn stage_node(out: &mut String, indent: &str, ids: &Ids, stage: &Stage, n: &Names) {
    let mut parts = vec![summary::heading(stage), summary::window(stage, n)];
    parts.extend(summary::lead(stage, n));
    parts.extend(summary::repeats(stage, n));
    parts.extend(
        summary::stage_duties(stage, n)
            .iter()
            .map(|d| format!("- {d}")),
    );
    parts.extend(summary::conditions(stage, n));
    let class = if stage.key.procedure.is_some() {
        "step"
    } else {
        "stage"
    };
    let _ = writeln!(
        out,
        "{indent}{}[\"{}\"]:::{class}",
        ids.stage(&stage.key),
        label(&parts)
    );
}

/// Generated node ids: `s1`, `s2`, ... for stages in the order of
/// `Policy::all_stages`.
struct Ids {
    /// Each stage's place in `Policy::all_stages`, found in log time.
    keys: std::collections::BTreeMap<StageKey, usize>,
}

impl Ids {
    fn new(policy: &Policy) -> Self {
        let mut keys = std::collections::BTreeMap::new();
        for (n, stage) in policy.all_stages().enumerate() {
            // The first of a repeated key, as a search from the start found.
            keys.entry(stage.key.clone()).or_insert(n);
        }
        Ids { keys }
    }

    fn stage(&self, key: &StageKey) -> String {
        match self.keys.get(key) {
            Some(n) => format!("s{}", n + 1),
            None => "start".to_owned(),
        }
    }
}
