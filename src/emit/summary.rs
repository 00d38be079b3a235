//! The words of stages for the flowcharts and the site: the window, who
//! leads, and every duty in full, naming people by the role descriptions
//! the policy gives (`names.rs`). Plain text; each emitter escapes it for
//! its own language. The charts and the site's text version use the same
//! sentences, so the picture and the text never say different things.

use super::names::{Names, join, readable};

mod duties;

use crate::ast::Trigger;
use crate::model::{
    Counterpart, DayUnit, Duty, DutyKind, Join, Limit, LimitKind, Members, Modality, Outcome,
    OutcomeWhen, Phase, Policy, Procedure, Rule, Stage, StageKey, StartAt, Target, describe_limits,
};
pub use duties::{duties, duty_clauses};

/// An actor's name as people read it: `line_manager` -> `line manager`.
pub fn actor(name: &str) -> String {
    readable(name)
}

fn limit(l: &Limit, n: &Names) -> String {
    let text = n.limit(l);
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
pub fn rule_duties(rule: &Rule, n: &Names) -> Option<String> {
    let duties = duty_clauses(&rule.duties, n);
    (!duties.is_empty()).then(|| format!("Also: {}", duties.join("; ")))
}

/// The limit on the whole procedure, for the chart's heading: `All stages
/// conclude within 10 working days of the concern arising`.
pub fn overall(policy: &Policy, n: &Names) -> Option<String> {
    policy.overall.as_ref().map(|l| {
        let aim = if l.hard { "" } else { "aim to " };
        format!("All stages {aim}conclude {}", n.limit(l))
    })
}

/// How the policy counts its days, said once: `Days are calendar days; day
/// 1 is the day the concern arose`. `None` when no limit counts days by
/// number or in days (a policy timed only in hours or words).
pub fn day_counting(policy: &Policy) -> Option<String> {
    let h = &policy.header;
    let limits = policy.all_stages().flat_map(|s| {
        s.start
            .iter()
            .chain(&s.conclude)
            .chain(s.duties.iter().flat_map(Duty::limits))
            .chain(s.outcomes.iter().flat_map(|o| o.within.iter()))
    });
    let mut numbered = false;
    let mut units: Vec<DayUnit> = Vec::new();
    for l in limits.chain(policy.overall.iter()) {
        numbered |= matches!(l.kind, LimitKind::On | LimitKind::By);
        if l.kind == LimitKind::Within && l.unit != DayUnit::Hours && !units.contains(&l.unit) {
            units.push(l.unit);
        }
    }
    let kind = match h.day_kind {
        Some(kind) => Some(kind),
        None if numbered => None,
        None => return None,
    };
    let mut text = match kind {
        Some(kind) => format!("Days are {}", kind.as_str()),
        None => "Days are counted as each limit says".to_owned(),
    };
    if numbered {
        match h.day_one {
            Some(crate::ast::DayOne::DayConcernArose) => {
                text.push_str("; day 1 is the day the concern arose");
            }
            Some(crate::ast::DayOne::DayAfter) => {
                text.push_str("; day 1 is the day after the concern arose");
            }
            None => {}
        }
    }
    Some(text)
}

/// `Start by day 3; conclude by day 9`; for a stage timed only by its
/// duties (which `check` counts as timed, L044), `No start or conclusion
/// limit; timed duties below`; otherwise `No timescale`.
pub fn window(stage: &Stage, n: &Names) -> String {
    let mut parts = Vec::new();
    if let Some(start) = &stage.start {
        parts.push(format!("start {}", limit(start, n)));
    }
    match (stage.conclude.as_slice(), stage.conclude_join) {
        ([], _) => {}
        ([one], _) => parts.push(format!("conclude {}", limit(one, n))),
        ([first, second], Join::SameAct) => {
            parts.push(format!(
                "conclude {} ({})",
                limit(first, n),
                second.duration()
            ));
        }
        (many, _) => parts.push(format!(
            "conclude {} (whichever is sooner)",
            many.iter()
                .map(|l| limit(l, n))
                .collect::<Vec<_>>()
                .join(" or ")
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

/// `Led by the Line Manager, with the other agency's Line Manager`, or
/// `None`.
pub fn lead(stage: &Stage, n: &Names) -> Option<String> {
    if stage.leads.is_empty() && stage.counterparts.is_empty() {
        return stage.panel.as_ref().map(|p| format!("Panel: {}", p.title));
    }
    let mut text = if stage.leads.is_empty() {
        "Led".to_owned()
    } else {
        format!("Led by {}", n.roles(&stage.leads, stage.leads_either))
    };
    if !stage.counterparts.is_empty() {
        let with: Vec<String> = stage
            .counterparts
            .iter()
            .map(|c| counterpart(c, n))
            .collect();
        text.push_str(", with ");
        text.push_str(&join(&with, stage.counterparts_either));
    }
    Some(text)
}

fn counterpart(c: &Counterpart, n: &Names) -> String {
    if c.equivalent {
        format!("the other agency's {}", n.role_bare(&c.actor))
    } else {
        n.role(&c.actor)
    }
}

/// The text with its first letter in capitals.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A stage's duties in a few words, with its panel's duties, who sits on
/// the panel and whether its decision binds: what a flowchart box lists.
pub fn stage_duties(stage: &Stage, n: &Names) -> Vec<String> {
    let mut out = duties(&stage.duties, n);
    if let Some(panel) = &stage.panel {
        // `lead` names the panel of a stage that has no one else leading.
        if !stage.leads.is_empty() || !stage.counterparts.is_empty() {
            out.push(format!("Panel: {}", panel.title));
        }
        out.extend(panel_facts(panel, n));
        out.extend(duties(&panel.duties, n));
    }
    out
}

/// Who convenes, oversees and chairs a panel, who sits on it and whether
/// its decision binds, one line each.
pub fn panel_facts(panel: &crate::model::Panel, n: &Names) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(by) = &panel.convened_by {
        let when = if panel.convened_if_needed {
            " if needed"
        } else {
            ""
        };
        out.push(format!("Convened by {}{when}", n.role(by)));
    }
    if let Some(by) = &panel.overseen_by {
        out.push(format!("Overseen by {}", n.role(by)));
    }
    if let Some(by) = &panel.chaired_by {
        out.push(format!("Chaired by {}", n.role(by)));
    }
    if let Some(m) = &panel.members {
        out.push(capitalise(&members(m)));
    }
    match panel.binding {
        Some(true) => out.push("The panel's decision is binding".to_owned()),
        Some(false) => out.push("The panel's decision is advisory, not binding".to_owned()),
        None => {}
    }
    out
}

/// What applies at a stage only under a condition, one line per condition
/// (the stage's and its panel's): `If a care provider is involved: with
/// team manager; involve contracts team`. The charts show them apart from
/// the stage's ordinary duties.
pub fn conditions(stage: &Stage, n: &Names) -> Vec<String> {
    let panel = stage.panel.iter().flat_map(|p| p.conditions.iter());
    stage
        .conditions
        .iter()
        .chain(panel)
        .map(|c| {
            let mut parts = Vec::new();
            match (&c.leads, &c.counterparts) {
                (Some(leads), counterparts) => {
                    let mut text = format!("led by {}", n.roles(leads, c.leads_either));
                    if let Some(with) = counterparts.as_ref().filter(|w| !w.is_empty()) {
                        let with: Vec<String> = with.iter().map(|c| counterpart(c, n)).collect();
                        text.push_str(&format!(" with {}", join(&with, c.counterparts_either)));
                    }
                    parts.push(text);
                }
                (None, Some(with)) => {
                    let with: Vec<String> = with.iter().map(|c| counterpart(c, n)).collect();
                    parts.push(format!("with {}", join(&with, c.counterparts_either)));
                }
                (None, None) => {}
            }
            parts.extend(duty_clauses(&c.duties, n));
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
pub fn branch(when: &OutcomeWhen, target: &Target, n: &Names) -> String {
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
        text.push_str(&format!(" (via {})", n.actor_refs(via, *via_either)));
    }
    text
}

/// The label of a transition with what the route carries: the branch, the
/// limit on the move, and the duties done on it:
/// `unresolved (via senior manager) within 1 working day`,
/// `if agreed: written confirmation within 2 working days`.
pub fn route(outcome: &Outcome, n: &Names) -> String {
    let mut text = branch(&outcome.when, &outcome.target, n);
    if let Some(within) = &outcome.within {
        text.push(' ');
        text.push_str(&limit(within, n));
    }
    let duties = duty_clauses(&outcome.duties, n);
    if !duties.is_empty() {
        text.push_str(": ");
        text.push_str(&duties.join("; "));
    }
    text
}

/// The exception rules that do not start the ladder anywhere (a complaint
/// route, extra duties), one line each: `If <condition>: <actions>`, or
/// `In <procedure>: if <condition>: <actions>` for a sub-procedure's own.
/// The charts list them in their notes, since they have no arrow to draw.
pub fn other_exceptions(policy: &Policy, n: &Names) -> Vec<String> {
    policy
        .all_rules()
        .filter(|(r, _)| r.start_at.is_empty())
        .map(|(r, procedure)| {
            let mut actions: Vec<String> = r.follow.iter().map(|f| format!("follow {f}")).collect();
            actions.extend(duty_clauses(&r.duties, n));
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
    // Each stage once, found in a set: `start at any stage` adds them all.
    let mut seen: std::collections::BTreeSet<&StageKey> = std::collections::BTreeSet::new();
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
            if seen.insert(&stage.key) {
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
pub fn repeats(stage: &Stage, n: &Names) -> Option<String> {
    let r = stage.repeats.as_ref()?;
    let mut text = format!("Repeats {}", r.how);
    if let Some(up_to) = &r.up_to {
        text.push_str(&format!(", up to {}", n.role(up_to)));
    }
    Some(text)
}

/// The label of a repeating stage's loop on the charts: `repeats, up to
/// director`.
pub fn repeat_loop(stage: &Stage, n: &Names) -> Option<String> {
    let r = stage.repeats.as_ref()?;
    Some(match &r.up_to {
        Some(up_to) => format!("repeats, up to {}", n.role(up_to)),
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
