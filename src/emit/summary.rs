//! Short descriptions of stages for the flowcharts and the index page: the
//! window, who leads, and the duties in a few words. Plain text; each
//! emitter escapes it for its own language.

use crate::model::{
    ActorRef, Counterpart, Duty, DutyKind, Join, Limit, Members, Modality, Outcome, OutcomeWhen,
    Phase, Policy, Procedure, Rule, Stage, StageKey, StartAt, Target, describe_limits,
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

/// What an exception rule also requires, for its box on the charts:
/// `Also: notify safeguarding lead immediately`; `None` when nothing.
pub fn rule_duties(rule: &Rule) -> Option<String> {
    let duties = duties(&rule.duties);
    (!duties.is_empty()).then(|| format!("Also: {}", duties.join("; ")))
}

/// The limit on the whole procedure, for the chart's heading: `All stages
/// conclude within 10 working days of the concern arising`.
pub fn overall(policy: &Policy) -> Option<String> {
    policy.overall.as_ref().map(|l| {
        let aim = if l.hard { "" } else { "aim to " };
        format!("All stages {aim}conclude {}", l.describe())
    })
}

/// `Start by day 3; conclude by day 9`; for a stage timed only by its
/// duties (which `check` counts as timed, L044), `No start or conclusion
/// limit; timed duties below`; otherwise `No timescale`.
pub fn window(stage: &Stage) -> String {
    let mut parts = Vec::new();
    if let Some(start) = &stage.start {
        parts.push(format!("start {}", limit(start)));
    }
    match (stage.conclude.as_slice(), stage.conclude_join) {
        ([], _) => {}
        ([one], _) => parts.push(format!("conclude {}", limit(one))),
        ([first, second], Join::SameAct) => {
            parts.push(format!("conclude {} ({})", limit(first), second.duration()));
        }
        (many, _) => parts.push(format!(
            "conclude {} (whichever is sooner)",
            many.iter().map(limit).collect::<Vec<_>>().join(" or ")
        )),
    }
    let text = parts.join("; ");
    let mut chars = text.chars();
    let panel_duties = stage.panel.iter().flat_map(|p| &p.duties);
    let timed_duty = stage
        .duties
        .iter()
        .chain(panel_duties)
        .any(|d| d.within.is_some());
    match chars.next() {
        None if timed_duty => "No start or conclusion limit; timed duties below".to_owned(),
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
        let limits: Vec<Limit> = d.limits().cloned().collect();
        if !limits.is_empty() {
            text.push_str(&format!(
                " {}",
                describe_limits(&limits, d.within_join, &StageKey::plain_label)
            ));
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
        "panel of {}{} {} {}{}",
        if m.at_least { "at least " } else { "" },
        m.count,
        if m.count == 1 { "agency" } else { "agencies" },
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
/// route, extra duties), one line each: `If <condition>: <actions>`, or
/// `In <procedure>: if <condition>: <actions>` for a sub-procedure's own.
/// The charts list them in their notes, since they have no arrow to draw.
pub fn other_exceptions(policy: &Policy) -> Vec<String> {
    policy
        .all_rules()
        .filter(|(r, _)| r.start_at.is_empty())
        .map(|(r, procedure)| {
            let mut actions: Vec<String> = r.follow.iter().map(|f| format!("follow {f}")).collect();
            actions.extend(duties(&r.duties));
            let (prefix, word) = match procedure {
                Some(p) => (format!("In {}: ", p.title), "if"),
                None => (String::new(), "If"),
            };
            if actions.is_empty() {
                format!("{prefix}{word} {}", r.condition)
            } else {
                format!("{prefix}{word} {}: {}", r.condition, actions.join("; "))
            }
        })
        .collect()
}

/// The stages or steps an exception rule may start at, in ladder order:
/// `start at any stage` is every stage of the main ladder, `start at any
/// step` every step of the rule's procedure.
pub fn rule_targets<'a>(
    policy: &'a Policy,
    procedure: Option<&'a Procedure>,
    rule: &Rule,
) -> Vec<&'a Stage> {
    let mut out: Vec<&Stage> = Vec::new();
    for start in &rule.start_at {
        let add: Vec<&Stage> = match start {
            StartAt::AnyStage => policy.stages.iter().collect(),
            StartAt::AnyStep => procedure
                .map(|p| p.steps.iter().collect())
                .unwrap_or_default(),
            StartAt::Stage(Some(key)) => policy.stage(key).into_iter().collect(),
            StartAt::Stage(None) => Vec::new(),
        };
        for stage in add {
            if !out.iter().any(|s| s.key == stage.key) {
                out.push(stage);
            }
        }
    }
    out
}

/// What a rule that starts somewhere does, in words: `start at any step`,
/// `start at Step 3`, `start at Stage 2 or Stage 3`.
pub fn rule_action(policy: &Policy, procedure: Option<&Procedure>, rule: &Rule) -> String {
    if rule.start_at.iter().any(|s| matches!(s, StartAt::AnyStage)) {
        return "start at any stage".to_owned();
    }
    if procedure.is_some() && rule.start_at.iter().any(|s| matches!(s, StartAt::AnyStep)) {
        return "start at any step".to_owned();
    }
    let labels: Vec<String> = rule_targets(policy, procedure, rule)
        .iter()
        .map(|s| heading(s))
        .collect();
    format!("start at {}", labels.join(" or "))
}

/// `Repeats with more senior managers in turn, up to director`, for a
/// stage that may be taken again; `None` for any other.
pub fn repeats(stage: &Stage) -> Option<String> {
    let r = stage.repeats.as_ref()?;
    let mut text = format!("Repeats {}", r.how);
    if let Some(up_to) = &r.up_to {
        text.push_str(&format!(", up to {}", actor(up_to)));
    }
    Some(text)
}

/// The label of a repeating stage's loop on the charts: `repeats, up to
/// director`.
pub fn repeat_loop(stage: &Stage) -> Option<String> {
    let r = stage.repeats.as_ref()?;
    Some(match &r.up_to {
        Some(up_to) => format!("repeats, up to {}", actor(up_to)),
        None => "repeats".to_owned(),
    })
}

/// `Informal: Stages 1 to 3`, `Formal: Stage 4 onwards`.
pub fn phase(policy: &Policy, phase: &Phase) -> String {
    let stages: Vec<&Stage> = phase
        .stages
        .iter()
        .filter_map(|k| policy.stage(k))
        .collect();
    let word = &policy.header.stage_word;
    let range = match stages.as_slice() {
        [] => return phase.title.clone(),
        [first, ..] if phase.onwards => format!("{} onwards", name(first)),
        [only] => name(only),
        [first, .., last] => match (first.number, last.number) {
            (Some(a), Some(b)) => format!("{word}s {a} to {b}"),
            _ => format!("{} to {}", name(first), name(last)),
        },
    };
    format!("{}: {range}", phase.title)
}

/// The board or boards, as a heading shows them: `Halton Safeguarding
/// Adults Board (HSAB)`, or for a policy that names a board for each group
/// it covers, `Example Adults Board (EAB) for adults; Example Children's
/// Partnership (ECP) for children`. `None` when no board is named.
pub fn boards(policy: &Policy) -> Option<String> {
    let h = &policy.header;
    let named = |name: &str, short: Option<&String>| match short {
        Some(short) => format!("{name} ({short})"),
        None => name.to_owned(),
    };
    let mut parts: Vec<String> = h
        .board
        .iter()
        .map(|b| named(b, h.board_short.as_ref()))
        .collect();
    parts.extend(h.scoped_boards.iter().map(|b| {
        format!(
            "{} for {}",
            named(&b.name, b.short.as_ref()),
            scope_word(b.scope)
        )
    }));
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The roles that differ by whom the procedure covers, one line each:
/// `chair: for adults, Chair of the SAB; for children, Chair of the LSCB`.
/// The charts list them in their notes, since a stage's box names the role
/// only.
pub fn scoped_roles(policy: &Policy) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    for a in policy.actors.iter().filter(|a| a.scope.is_some()) {
        if !names.contains(&a.name.as_str()) {
            names.push(&a.name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let parts: Vec<String> = policy
                .actors
                .iter()
                .filter(|a| a.name == name)
                .map(|a| match a.scope {
                    Some(scope) => format!("for {}, {}", scope_word(scope), a.description),
                    None => format!("for everyone, {}", a.description),
                })
                .collect();
            format!("{}: {}", actor(name), parts.join("; "))
        })
        .collect()
}

fn scope_word(scope: crate::ast::Scope) -> &'static str {
    match scope {
        crate::ast::Scope::Adults => "adults",
        crate::ast::Scope::Children => "children",
    }
}
