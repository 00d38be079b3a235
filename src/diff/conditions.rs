//! Changes to what applies only under a condition (`if "..." { ... }` in a
//! stage, step or panel). Conditions are paired by their text; a condition
//! reworded reads as one removed and one added.

use super::*;

pub(super) fn conditions(
    out: &mut Out,
    subject: Option<&String>,
    name: &str,
    old: &[Condition],
    new: &[Condition],
) {
    let s = Section::Stages;
    for n in new {
        match old.iter().find(|o| o.condition == n.condition) {
            Some(o) => condition(out, subject, name, o, n),
            None => out.push(
                s,
                subject.cloned(),
                format!(
                    "{name} has a new condition: if \"{}\", {}.",
                    n.condition,
                    contents(n)
                ),
            ),
        }
    }
    for o in old {
        if !new.iter().any(|n| n.condition == o.condition) {
            out.push(
                s,
                subject.cloned(),
                format!(
                    "{name} no longer has the condition: if \"{}\", {}.",
                    o.condition,
                    contents(o)
                ),
            );
        }
    }
}

fn condition(out: &mut Out, subject: Option<&String>, name: &str, o: &Condition, n: &Condition) {
    let s = Section::Stages;
    let it = format!("{name} (if \"{}\")", n.condition);
    if (&o.leads, o.leads_either) != (&n.leads, n.leads_either) {
        out.push(
            s,
            subject.cloned(),
            format!("{it} is now {} (was {}).", led(n), led(o)),
        );
    }
    if (&o.counterparts, o.counterparts_either) != (&n.counterparts, n.counterparts_either) {
        out.push(
            s,
            subject.cloned(),
            format!(
                "At {it} the concern is now taken up with {} (was {}).",
                with(n),
                with(o)
            ),
        );
    }
    duties(out, s, subject, &it, &o.duties, &n.duties);
    cites_and_notes(
        out,
        s,
        subject,
        &it,
        (&o.cites, &n.cites),
        (&o.notes, &n.notes),
    );
}

/// What a condition changes, in a phrase: "`team_manager` is worked with;
/// the duty to involve `contracts_team`".
fn contents(c: &Condition) -> String {
    let mut parts = Vec::new();
    if c.leads.is_some() {
        parts.push(led(c));
    }
    if c.counterparts.is_some() {
        parts.push(format!("the concern is taken up with {}", with(c)));
    }
    for d in &c.duties {
        parts.push(format!("the duty to {}", duty(d)));
    }
    if parts.is_empty() {
        "nothing changes".to_owned()
    } else {
        parts.join("; ")
    }
}

fn led(c: &Condition) -> String {
    match &c.leads {
        None => "led as the stage is".to_owned(),
        Some(leads) if leads.is_empty() => "led by nobody named".to_owned(),
        Some(leads) => format!("led by {}", actors_joined(leads, c.leads_either)),
    }
}

fn with(c: &Condition) -> String {
    match &c.counterparts {
        None => "whoever the stage names".to_owned(),
        Some(list) => counterparts_joined(list, c.counterparts_either),
    }
}
