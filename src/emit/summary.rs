//! Short descriptions of stages for the flowcharts and the index page: the
//! window, who leads, and the duties in a few words. Plain text; each
//! emitter escapes it for its own language.

use crate::model::{
    ActorRef, Counterpart, Duty, DutyKind, Limit, Members, Modality, Outcome, OutcomeWhen, Policy,
    Stage, Target,
};

/// An actor's name as people read it: `line_manager` -> `line manager`.
pub fn actor(name: &str) -> String {
    name.replace('_', " ")
}

/// `a`, `a and b`, `a, b and c`, or with `or` for a list written with `or`,
/// with names made readable.
fn actors(names: &[String], either: bool) -> String {
    let names: Vec<String> = names.iter().map(|n| actor(n)).collect();
    join(&names, either)
}

/// Actors as a duty, `by` or `via` names them, made readable:
/// `equivalent line manager`, `own line manager`, `all involved`.
fn refs(refs: &[ActorRef], either: bool) -> String {
    let words: Vec<String> = refs.iter().map(|r| actor(&r.words())).collect();
    join(&words, either)
}

/// Phrases joined as `a, b and c`, or `a, b or c` when any one will do.
fn join(items: &[String], either: bool) -> String {
    let conjunction = if either { "or" } else { "and" };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

fn limit(l: &Limit) -> String {
    let text = l.describe();
    if l.hard { text } else { format!("aim: {text}") }
}

/// The first line of a stage's box: `Stage 2: Manager to manager`, or
/// `Step 1: ...` inside a sub-procedure.
pub fn heading(stage: &Stage) -> String {
    let name = match (&stage.key.procedure, stage.number) {
        (Some(_), Some(n)) => format!("Step {n}"),
        (Some(_), None) => format!("Step {}", stage.key.id),
        (None, Some(_)) => stage.label.clone(),
        // A named stage's name is an identifier; its title says it better.
        (None, None) => return stage.title.clone(),
    };
    if stage.title.is_empty() {
        name
    } else {
        format!("{name}: {}", stage.title)
    }
}

/// How a rule names the stage it starts at: `Stage 3`, or the title of a
/// named stage.
pub fn name(stage: &Stage) -> String {
    if stage.number.is_some() || stage.title.is_empty() {
        stage.label.replace('`', "")
    } else {
        format!("\"{}\"", stage.title)
    }
}

/// `Start by day 3; conclude by day 9`, or `No timescale`.
pub fn window(stage: &Stage) -> String {
    let mut parts = Vec::new();
    if let Some(start) = &stage.start {
        parts.push(format!("start {}", limit(start)));
    }
    match stage.conclude.as_slice() {
        [] => {}
        [one] => parts.push(format!("conclude {}", limit(one))),
        many => parts.push(format!(
            "conclude {} (whichever is sooner)",
            many.iter().map(limit).collect::<Vec<_>>().join(" or ")
        )),
    }
    let text = parts.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        None => "No timescale".to_owned(),
        Some(c) => c.to_uppercase().chain(chars).collect(),
    }
}

/// `Led by line manager with equivalent line manager`, or `None`.
pub fn lead(stage: &Stage) -> Option<String> {
    if stage.leads.is_empty() && stage.counterparts.is_empty() {
        return stage.panel.as_ref().map(|p| format!("Panel: {}", p.title));
    }
    let mut text = if stage.leads.is_empty() {
        "Led".to_owned()
    } else {
        format!("Led by {}", actors(&stage.leads, stage.leads_either))
    };
    if !stage.counterparts.is_empty() {
        let with: Vec<String> = stage.counterparts.iter().map(counterpart).collect();
        text.push_str(" with ");
        text.push_str(&join(&with, stage.counterparts_either));
    }
    Some(text)
}

fn counterpart(c: &Counterpart) -> String {
    if c.equivalent {
        format!("equivalent {}", actor(&c.actor))
    } else {
        actor(&c.actor)
    }
}

/// The duties in a few words each: `record`, `notify senior manager`.
/// Repeats are dropped; the order is the file's.
pub fn duties(duties: &[Duty]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in duties {
        let actors = |list: &[ActorRef]| refs(list, d.actors_either);
        let mut text = match &d.kind {
            DutyKind::Record { records, form, .. } => {
                let mut text = "record".to_owned();
                if !records.is_empty() {
                    let places: Vec<String> = records.iter().map(|r| actor(&r.words())).collect();
                    text.push_str(&format!(" in {}", join(&places, false)));
                }
                if let Some(f) = form {
                    text.push_str(&format!(" using {}", actor(f)));
                }
                text
            }
            DutyKind::Notify(a) => format!("notify {}", actors(a)),
            DutyKind::Share { with, .. } => format!("share with {}", actors(with)),
            DutyKind::Refer { to, form, .. } => match form {
                Some(f) => format!("refer to {} ({})", actors(to), actor(f)),
                None => format!("refer to {}", actors(to)),
            },
            DutyKind::Recommend { to, .. } if !to.is_empty() => {
                format!("recommend to {}", actors(to))
            }
            DutyKind::Report { to, .. } => format!("report to {}", actors(to)),
            DutyKind::Involve(a) => format!("involve {}", actors(a)),
            DutyKind::Consult(a) => format!("consult {}", actors(a)),
            DutyKind::Complete(f) => format!("complete {}", actor(f)),
            DutyKind::Task(what) => short(what),
            kind => kind.verb().to_owned(),
        };
        if d.by_each_party {
            text.push_str(" by each party");
        }
        if let Some(within) = &d.within {
            text.push_str(&format!(" {}", within.describe()));
        }
        if d.where_possible {
            text.push_str(" (where possible)");
        }
        if d.modality != Modality::Must {
            text = format!("{} {text}", d.modality.word());
        }
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// A stage's duties in a few words, with its panel's duties, who sits on
/// the panel and whether its decision binds: what a flowchart box lists.
pub fn stage_duties(stage: &Stage) -> Vec<String> {
    let mut out = duties(&stage.duties);
    if let Some(panel) = &stage.panel {
        out.extend(duties(&panel.duties));
        if let Some(m) = &panel.members {
            out.push(members(m));
        }
        match panel.binding {
            Some(true) => out.push("decision binding".to_owned()),
            Some(false) => out.push("decision advisory".to_owned()),
            None => {}
        }
    }
    out
}

/// What applies at a stage only under a condition, one line per condition
/// (the stage's and its panel's): `If a care provider is involved: with
/// team manager; involve contracts team`. The charts show them apart from
/// the stage's ordinary duties.
pub fn conditions(stage: &Stage) -> Vec<String> {
    let panel = stage.panel.iter().flat_map(|p| p.conditions.iter());
    stage
        .conditions
        .iter()
        .chain(panel)
        .map(|c| {
            let mut parts = Vec::new();
            match (&c.leads, &c.counterparts) {
                (Some(leads), counterparts) => {
                    let mut text = format!("led by {}", actors(leads, c.leads_either));
                    if let Some(with) = counterparts.as_ref().filter(|w| !w.is_empty()) {
                        let with: Vec<String> = with.iter().map(counterpart).collect();
                        text.push_str(&format!(" with {}", join(&with, c.counterparts_either)));
                    }
                    parts.push(text);
                }
                (None, Some(with)) => {
                    let with: Vec<String> = with.iter().map(counterpart).collect();
                    parts.push(format!("with {}", join(&with, c.counterparts_either)));
                }
                (None, None) => {}
            }
            parts.extend(duties(&c.duties));
            if parts.is_empty() {
                format!("If {}", c.condition)
            } else {
                format!("If {}: {}", c.condition, parts.join("; "))
            }
        })
        .collect()
}

/// `panel of at least 3 agencies not concerned in the disagreement`.
fn members(m: &Members) -> String {
    format!(
        "panel of {}{} agencies {}{}",
        if m.at_least { "at least " } else { "" },
        m.count,
        if m.independent {
            "not concerned in the disagreement"
        } else {
            "including those concerned"
        },
        if m.where_possible {
            " where possible"
        } else {
            ""
        }
    )
}

/// The label of a transition: `resolved`, `unresolved (via senior manager)`,
/// `unresolved (via operations manager or safeguarding representative)`,
/// `if this manager is not available`.
pub fn branch(when: &OutcomeWhen, target: &Target) -> String {
    let mut text = match when {
        OutcomeWhen::Resolved => "resolved".to_owned(),
        OutcomeWhen::Unresolved => "unresolved".to_owned(),
        OutcomeWhen::If(c) => format!("if {c}"),
    };
    if let Target::Stage {
        via, via_either, ..
    } = target
        && !via.is_empty()
    {
        text.push_str(&format!(" (via {})", refs(via, *via_either)));
    }
    text
}

/// The label of a transition with what the route carries: the branch, the
/// limit on the move, and the duties done on it:
/// `unresolved (via senior manager) within 1 working day`,
/// `if agreed: written confirmation within 2 working days`.
pub fn route(outcome: &Outcome) -> String {
    let mut text = branch(&outcome.when, &outcome.target);
    if let Some(within) = &outcome.within {
        text.push(' ');
        text.push_str(&limit(within));
    }
    let duties = duties(&outcome.duties);
    if !duties.is_empty() {
        text.push_str(": ");
        text.push_str(&duties.join("; "));
    }
    text
}

/// A task in at most a few words: its first clause, cut at a word.
fn short(text: &str) -> String {
    let clause = text.split([',', ';', '(']).next().unwrap_or(text).trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} ...", words[..6].join(" "))
    }
}

/// The exception rules that do not start the ladder anywhere (a complaint
/// route, extra duties), one line each: `If <condition>: <actions>`. The
/// charts list them in their notes, since they have no arrow to draw.
pub fn other_exceptions(policy: &Policy) -> Vec<String> {
    policy
        .rules
        .iter()
        .filter(|r| r.start_at.is_empty())
        .map(|r| {
            let mut actions: Vec<String> = r.follow.iter().map(|f| format!("follow {f}")).collect();
            actions.extend(duties(&r.duties));
            if actions.is_empty() {
                format!("If {}", r.condition)
            } else {
                format!("If {}: {}", r.condition, actions.join("; "))
            }
        })
        .collect()
}
