//! Changes to exception rules and sub-procedures.

use super::*;

pub(super) fn rules(out: &mut Out, ctx: &Ctx<'_>, old: &[Rule], new: &[Rule]) {
    let s = Section::Exceptions;
    for n in new {
        let subject = Some(n.condition.clone());
        let name = format!("The exception when \"{}\"", n.condition);
        let Some(o) = old.iter().find(|o| o.condition == n.condition) else {
            let mut effects: Vec<String> = n.start_at.iter().map(|s| start_at(ctx, s)).collect();
            effects.extend(n.follow.iter().map(|f| format!("follow the \"{f}\"")));
            effects.extend(n.duties.iter().map(duty));
            let effects = if effects.is_empty() {
                String::new()
            } else {
                format!(": {}", effects.join("; "))
            };
            out.push(
                s,
                subject,
                format!("New exception: when \"{}\"{effects}.", n.condition),
            );
            continue;
        };
        let old_start: Vec<StartAt> = o
            .start_at
            .iter()
            .map(|s| match s {
                StartAt::Stage(Some(k)) => StartAt::Stage(Some(ctx.moved(k))),
                other => other.clone(),
            })
            .collect();
        if old_start != n.start_at {
            let list = |l: &[StartAt], past: bool| {
                if l.is_empty() {
                    format!(
                        "{} not change where the escalation starts",
                        if past { "did" } else { "does" }
                    )
                } else {
                    format!(
                        "{} the escalation {}",
                        if past { "let" } else { "lets" },
                        l.iter()
                            .map(|s| start_at(ctx, s))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} now {} (before, it {}).",
                    list(&n.start_at, false),
                    list(&old_start, true)
                ),
            );
        }
        if o.follow != n.follow {
            let list = |l: &[String]| {
                if l.is_empty() {
                    "no other procedure".to_owned()
                } else {
                    and_list(&l.iter().map(|f| format!("the \"{f}\"")).collect::<Vec<_>>())
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} now leads to {} (was {}).",
                    list(&n.follow),
                    list(&o.follow)
                ),
            );
        }
        duties(out, s, subject.as_ref(), &name, &o.duties, &n.duties);
        cites_and_notes(
            out,
            s,
            subject.as_ref(),
            &name,
            (&o.cites, &n.cites),
            (&o.notes, &n.notes),
        );
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.condition == o.condition))
    {
        out.push(
            s,
            Some(o.condition.clone()),
            format!("The exception when \"{}\" has been removed.", o.condition),
        );
    }
}

/// A sentence made to follow a comma: `New exception` -> `new exception`.
fn first_lower(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn start_at(ctx: &Ctx<'_>, s: &StartAt) -> String {
    match s {
        StartAt::AnyStage => "start at any stage".to_owned(),
        StartAt::AnyStep => "start at any step".to_owned(),
        StartAt::Stage(Some(k)) => format!("start at {}", ctx.label(k)),
        StartAt::Stage(None) => "start at a stage that does not exist".to_owned(),
    }
}

pub(super) fn procedures(out: &mut Out, ctx: &Ctx<'_>, old: &[Procedure], new: &[Procedure]) {
    let s = Section::Procedures;
    for n in new {
        let subject = Some(n.name.clone());
        let name = format!("The procedure {}", tick(&n.name));
        let Some(o) = old.iter().find(|o| o.name == n.name) else {
            out.push(
                s,
                subject,
                format!(
                    "New procedure {}: \"{}\", with {}.",
                    tick(&n.name),
                    n.title,
                    plural(n.steps.len(), "step")
                ),
            );
            continue;
        };
        if o.title != n.title {
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} is now called \"{}\" (was \"{}\").",
                    n.title, o.title
                ),
            );
        }
        text_field(
            out,
            s,
            &format!("When {} applies", tick(&n.name)),
            o.applies.as_ref(),
            n.applies.as_ref(),
        );
        if o.raised_by != n.raised_by {
            let who = |r: &Option<String>| {
                r.as_ref().map_or(
                    "whoever raises a concern under the policy".to_owned(),
                    |a| tick(a),
                )
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "{} is now started by {} (was {}).",
                    tick(&n.name),
                    who(&n.raised_by),
                    who(&o.raised_by)
                ),
            );
        }
        if o.meanwhile != n.meanwhile {
            let list = |l: &[String]| {
                if l.is_empty() {
                    "nothing".to_owned()
                } else {
                    and_list(&l.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>())
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "While {} runs, {} now holds (was {}).",
                    tick(&n.name),
                    list(&n.meanwhile),
                    list(&o.meanwhile)
                ),
            );
        }
        cites_and_notes(
            out,
            s,
            subject.as_ref(),
            &name,
            (&o.cites, &n.cites),
            (&o.notes, &n.notes),
        );
        // The steps read like stages; their sentences belong to this section.
        let mut steps = Out::default();
        stages(&mut steps, ctx, &o.steps, &n.steps);
        for change in steps.changes {
            out.push(s, subject.clone(), change.text);
        }
        // The procedure's own exception rules read like the policy's, said
        // of this procedure.
        let mut own = Out::default();
        rules(&mut own, ctx, &o.rules, &n.rules);
        for change in own.changes {
            out.push(
                s,
                subject.clone(),
                format!(
                    "In the procedure {}, {}",
                    tick(&n.name),
                    first_lower(&change.text)
                ),
            );
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
        out.push(
            s,
            Some(o.name.clone()),
            format!("The procedure {} has been removed.", tick(&o.name)),
        );
    }
}
