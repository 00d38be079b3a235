//! Changes to duties and panels.

use super::*;

pub(super) fn panel(
    out: &mut Out,
    subject: Option<&String>,
    name: &str,
    old: Option<&Panel>,
    new: Option<&Panel>,
) {
    let s = Section::Stages;
    let say = |out: &mut Out, text: String| out.push(s, subject.cloned(), text);
    let (o, n) = match (old, new) {
        (None, None) => return,
        (None, Some(n)) => {
            say(out, format!("{name} now has a panel: \"{}\".", n.title));
            return;
        }
        (Some(o), None) => {
            say(
                out,
                format!("{name} no longer has a panel (was \"{}\").", o.title),
            );
            return;
        }
        (Some(o), Some(n)) => (o, n),
    };
    let it = format!("The panel at {name}");
    if o.title != n.title {
        say(
            out,
            format!("{it} is now called \"{}\" (was \"{}\").", n.title, o.title),
        );
    }
    let who = |role: &str, a: &Option<String>| {
        a.as_ref()
            .map_or(format!("not {role} by anyone named"), |a| {
                format!("{role} by {}", tick(a))
            })
    };
    for (role, a, b) in [
        ("convened", &o.convened_by, &n.convened_by),
        ("overseen", &o.overseen_by, &n.overseen_by),
        ("chaired", &o.chaired_by, &n.chaired_by),
    ] {
        if a != b {
            say(
                out,
                format!("{it} is now {} (was {}).", who(role, b), who(role, a)),
            );
        }
    }
    if o.convened_if_needed != n.convened_if_needed {
        let when = |b: bool| if b { "only if needed" } else { "every time" };
        say(
            out,
            format!(
                "{it} is now convened {} (was {}).",
                when(n.convened_if_needed),
                when(o.convened_if_needed)
            ),
        );
    }
    if o.members != n.members {
        say(
            out,
            format!(
                "{it} now has {} (was {}).",
                members(n.members.as_ref()),
                members(o.members.as_ref())
            ),
        );
    }
    if o.binding != n.binding {
        let binds = |b: Option<bool>| match b {
            Some(true) => "its decision binds the agencies",
            Some(false) => "its decision does not bind the agencies",
            None => "whether its decision binds is not stated",
        };
        say(
            out,
            format!("{it}: {} (before, {}).", binds(n.binding), binds(o.binding)),
        );
    }
    duties(out, s, subject, &it, &o.duties, &n.duties);
    conditions(out, subject, &it, &o.conditions, &n.conditions);
    cites_and_notes(
        out,
        s,
        subject,
        &it,
        (&o.cites, &n.cites),
        (&o.notes, &n.notes),
    );
}

pub(super) fn members(m: Option<&Members>) -> String {
    let Some(m) = m else {
        return "no stated membership".to_owned();
    };
    format!(
        "{}{} {}{}{}",
        if m.at_least { "at least " } else { "" },
        m.count,
        if m.independent { "independent " } else { "" },
        if m.count == 1 { "agency" } else { "agencies" },
        if m.where_possible {
            ", where possible"
        } else {
            ""
        }
    )
}

pub(super) fn duties(
    out: &mut Out,
    section: Section,
    subject: Option<&String>,
    name: &str,
    old: &[Duty],
    new: &[Duty],
) {
    let (gone, added) = list_diff(old, new);
    let mut added: Vec<Option<&Duty>> = added.into_iter().map(Some).collect();
    for g in gone {
        // The same duty, now (or no longer) only where possible.
        let same = added
            .iter_mut()
            .find(|a| a.is_some_and(|a| required(a) == required(g)));
        if let Some(a) = same.and_then(Option::take) {
            let now = if a.where_possible {
                "now only where possible"
            } else {
                "now required, not only where possible"
            };
            out.push(
                section,
                subject.cloned(),
                format!(
                    "At {}, the duty to {} is {now}.",
                    lower_first(name),
                    duty(&required(a))
                ),
            );
            continue;
        }
        // The same duty, now `must`, `should` or `may`.
        let same = added
            .iter_mut()
            .find(|a| a.is_some_and(|a| with_modality(a, g.modality) == *g));
        if let Some(a) = same.and_then(Option::take) {
            out.push(
                section,
                subject.cloned(),
                format!(
                    "At {}, the duty to {} is now `{}` (was `{}`).",
                    lower_first(name),
                    duty(&with_modality(a, Modality::Must)),
                    a.modality.word(),
                    g.modality.word()
                ),
            );
            continue;
        }
        // A duty replaced by one with the same verb reads as a change.
        let pair = added
            .iter_mut()
            .find(|a| a.is_some_and(|a| a.kind.verb() == g.kind.verb()));
        match pair.and_then(Option::take) {
            Some(a) => out.push(
                section,
                subject.cloned(),
                format!(
                    "A duty at {} has changed: it was to {}; it is now to {}.",
                    lower_first(name),
                    duty(g),
                    duty(a)
                ),
            ),
            None => out.push(
                section,
                subject.cloned(),
                format!("{name} no longer has the duty to {}.", duty(g)),
            ),
        }
    }
    for a in added.into_iter().flatten() {
        out.push(
            section,
            subject.cloned(),
            format!("{name} has a new duty: to {}.", duty(a)),
        );
    }
}

/// The duty as a requirement: without `where possible`.
pub(super) fn required(d: &Duty) -> Duty {
    Duty {
        where_possible: false,
        ..d.clone()
    }
}

/// The duty with another modality.
pub(super) fn with_modality(d: &Duty, modality: Modality) -> Duty {
    Duty {
        modality,
        ..d.clone()
    }
}

/// A duty in words: "notify `senior_manager` when unresolved".
pub(super) fn duty(d: &Duty) -> String {
    let actors = |refs: &[ActorRef]| refs_joined(refs, d.actors_either);
    let quoted = |w: &Option<String>| w.as_ref().map_or(String::new(), |w| format!(" \"{w}\""));
    let to = |l: &[ActorRef]| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" to {}", actors(l))
        }
    };
    let mut text = match &d.kind {
        DutyKind::Record {
            what,
            records,
            form,
        } => {
            let places: Vec<String> = records
                .iter()
                .map(|r| {
                    if r.each_agency {
                        format!("each agency's {}", tick(&r.record))
                    } else {
                        tick(&r.record)
                    }
                })
                .collect();
            let mut text = format!("record \"{what}\"");
            if !places.is_empty() {
                text.push_str(&format!(" in {}", and_list(&places)));
            }
            if let Some(f) = form {
                text.push_str(&format!(" using {}", tick(f)));
            }
            text
        }
        DutyKind::Notify(who) => format!("notify {}", actors(who)),
        DutyKind::Share { what, with } => format!(
            "share {} with {}",
            what.as_ref()
                .map_or("the outcome".to_owned(), |w| format!("\"{w}\"")),
            actors(with)
        ),
        DutyKind::Refer {
            what,
            to: whom,
            form,
        } => format!(
            "refer{}{}{}",
            quoted(what),
            to(whom),
            form.as_ref()
                .map_or(String::new(), |f| format!(" using {}", tick(f)))
        ),
        DutyKind::Recommend { what, to: whom } => format!("recommend{}{}", quoted(what), to(whom)),
        DutyKind::Decide(what) => format!("decide{}", quoted(what)),
        DutyKind::Report { what, to: whom } => format!("report{}{}", quoted(what), to(whom)),
        DutyKind::Involve(who) => format!("involve {}", actors(who)),
        DutyKind::Consult(who) => format!("consult {}", actors(who)),
        DutyKind::Meet(what) => format!("meet{}", quoted(what)),
        DutyKind::Complete(form) => format!("complete {}", tick(form)),
        DutyKind::Task(what) => format!("\"{what}\""),
    };
    if !d.by.is_empty() {
        text.push_str(&format!(", by {}", refs_joined(&d.by, d.by_either)));
    }
    if d.by_each_party {
        text.push_str(", by each party for their own agency");
    }
    let limits: Vec<Limit> = d.limits().cloned().collect();
    if !limits.is_empty() {
        text.push(' ');
        text.push_str(&describe_limits(
            &limits,
            d.within_join,
            &StageKey::plain_label,
        ));
    }
    if let Some(trigger) = d.trigger {
        text.push_str(match trigger {
            Trigger::OnEntry => " on entering the stage",
            Trigger::WhenResolved => " when resolved",
            Trigger::WhenUnresolved => " when unresolved",
            Trigger::WhenConcluded => " when the stage concludes",
        });
    }
    if d.where_possible {
        text.push_str(" where possible");
    }
    match d.modality {
        Modality::Must => {}
        Modality::Should => text.push_str(" (should: expected, not absolute)"),
        Modality::May => text.push_str(" (if needed)"),
    }
    text
}
