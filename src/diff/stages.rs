//! Changes to the stages of the main ladder: stages paired by number and
//! title across the two revisions, then each pair compared, outcomes last.

use super::*;

/// Pairs old stages with new ones: first the same key and title, then the
/// same title under another key (renumbered), then the same key under
/// another title (renamed). Returns the old key of each pair that moved.
pub(super) fn pair_keys(old: &[Stage], new: &[Stage]) -> Vec<(StageKey, StageKey)> {
    pairs(old, new)
        .into_iter()
        .filter(|&(o, n)| old[o].key != new[n].key)
        .map(|(o, n)| (old[o].key.clone(), new[n].key.clone()))
        .collect()
}

pub(super) fn pair_procedure_keys(old: &Policy, new: &Policy) -> Vec<(StageKey, StageKey)> {
    old.procedures
        .iter()
        .filter_map(|o| {
            let n = new.procedures.iter().find(|n| n.name == o.name)?;
            Some(pair_keys(&o.steps, &n.steps))
        })
        .flatten()
        .collect()
}

/// What a pass of `pairs` matches stages by: key, title, or both.
type PairBy = for<'a> fn(&'a Stage) -> (Option<&'a StageKey>, Option<&'a str>);

/// Index pairs (old, new) of stages that are the same stage. Each new stage
/// takes the first old one not yet taken that matches, looked up in a map of
/// the old stages waiting, in file order, so that long ladders are paired
/// in n log n time rather than by a scan per stage.
pub(super) fn pairs(old: &[Stage], new: &[Stage]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let passes: [PairBy; 3] = [
        |s| (Some(&s.key), Some(s.title.as_str())),
        |s| (None, Some(s.title.as_str())),
        |s| (Some(&s.key), None),
    ];
    for by in passes {
        let mut waiting: BTreeMap<_, std::collections::VecDeque<usize>> = BTreeMap::new();
        for (oi, o) in old.iter().enumerate() {
            if !old_used[oi] {
                waiting.entry(by(o)).or_default().push_back(oi);
            }
        }
        for (ni, n) in new.iter().enumerate() {
            if new_used[ni] {
                continue;
            }
            if let Some(oi) = waiting
                .get_mut(&by(n))
                .and_then(std::collections::VecDeque::pop_front)
            {
                old_used[oi] = true;
                new_used[ni] = true;
                pairs.push((oi, ni));
            }
        }
    }
    pairs
}

pub(super) fn stages(out: &mut Out, ctx: &Ctx<'_>, old: &[Stage], new: &[Stage]) {
    let pairs = pairs(old, new);
    let mut old_of = vec![None; new.len()];
    let mut paired = vec![false; old.len()];
    for &(oi, ni) in &pairs {
        old_of[ni] = Some(oi);
        paired[oi] = true;
    }
    for (ni, n) in new.iter().enumerate() {
        match old_of[ni] {
            Some(oi) => stage(out, ctx, &old[oi], n),
            None => out.push(
                Section::Stages,
                Some(n.key.slug()),
                format!("New stage: {}.", summary(n)),
            ),
        }
    }
    for (oi, o) in old.iter().enumerate() {
        if !paired[oi] {
            out.push(
                Section::Stages,
                Some(o.key.slug()),
                format!("{} \"{}\" has been removed.", o.label, o.title),
            );
        }
    }
}

/// A new stage in one sentence: its label, title, lead and deadline.
pub(super) fn summary(stage: &Stage) -> String {
    let mut text = format!("{} \"{}\"", stage.label, stage.title);
    let mut parts = Vec::new();
    if !stage.leads.is_empty() {
        parts.push(format!(
            "led by {}",
            actors_joined(&stage.leads, stage.leads_either)
        ));
    }
    if let Some(start) = &stage.start {
        parts.push(requirement(
            "start",
            std::slice::from_ref(start),
            Join::Sooner,
        ));
    }
    if !stage.conclude.is_empty() {
        parts.push(requirement(
            "conclude",
            &stage.conclude,
            stage.conclude_join,
        ));
    }
    if !parts.is_empty() {
        text.push_str(&format!(" ({})", parts.join("; ")));
    }
    text
}

pub(super) fn stage(out: &mut Out, ctx: &Ctx<'_>, o: &Stage, n: &Stage) {
    let s = Section::Stages;
    let subject = Some(n.key.slug());
    let say = |out: &mut Out, text: String| out.push(s, subject.clone(), text);
    let name = &n.label;
    if o.key != n.key {
        say(out, format!("{} \"{}\" is now {name}.", o.label, o.title));
    }
    if o.title != n.title {
        say(
            out,
            format!(
                "{name} is now called \"{}\" (was \"{}\").",
                n.title, o.title
            ),
        );
    }
    let old_start: Vec<Limit> = o.start.iter().cloned().collect();
    let new_start: Vec<Limit> = n.start.iter().cloned().collect();
    if let Some(text) = window(
        name,
        "start",
        (&old_start, Join::Sooner),
        (&new_start, Join::Sooner),
    ) {
        say(out, text);
    }
    if let Some(text) = window(
        name,
        "conclude",
        (&o.conclude, o.conclude_join),
        (&n.conclude, n.conclude_join),
    ) {
        say(out, text);
    }
    if (&o.leads, o.leads_either) != (&n.leads, n.leads_either) {
        let led = |s: &Stage| {
            if s.leads.is_empty() {
                "nobody named".to_owned()
            } else {
                actors_joined(&s.leads, s.leads_either)
            }
        };
        say(
            out,
            format!("{name} is now led by {} (was {}).", led(n), led(o)),
        );
    }
    if (&o.counterparts, o.counterparts_either) != (&n.counterparts, n.counterparts_either) {
        say(
            out,
            format!(
                "At {name} the concern is now taken up with {} (was {}).",
                counterparts_joined(&n.counterparts, n.counterparts_either),
                counterparts_joined(&o.counterparts, o.counterparts_either)
            ),
        );
    }
    if o.repeats != n.repeats {
        say(out, repeats(name, o.repeats.as_ref(), n.repeats.as_ref()));
    }
    panel(
        out,
        subject.as_ref(),
        name,
        o.panel.as_ref(),
        n.panel.as_ref(),
    );
    duties(out, s, subject.as_ref(), name, &o.duties, &n.duties);
    conditions(out, subject.as_ref(), name, &o.conditions, &n.conditions);
    outcomes(out, ctx, subject.as_ref(), name, &o.outcomes, &n.outcomes);
    routes(out, ctx, subject.as_ref(), name, &o.outcomes, &n.outcomes);
    cites_and_notes(
        out,
        s,
        subject.as_ref(),
        name,
        (&o.cites, &n.cites),
        (&o.notes, &n.notes),
    );
}

/// A stage that repeats: `repeats "..." up to x` added, removed or changed.
pub(super) fn repeats(
    name: &str,
    old: Option<&crate::model::Repeats>,
    new: Option<&crate::model::Repeats>,
) -> String {
    let words = |r: &crate::model::Repeats| {
        let mut text = format!("\"{}\"", r.how);
        if let Some(up_to) = &r.up_to {
            text.push_str(&format!(" up to {}", tick(up_to)));
        }
        text
    };
    match (old, new) {
        (None, Some(n)) => format!("{name} now repeats {}.", words(n)),
        (Some(o), None) => format!("{name} no longer repeats (was {}).", words(o)),
        (Some(o), Some(n)) => format!("{name} now repeats {} (was {}).", words(n), words(o)),
        (None, None) => String::new(),
    }
}

pub(super) fn outcomes(
    out: &mut Out,
    ctx: &Ctx<'_>,
    subject: Option<&String>,
    name: &str,
    old: &[Outcome],
    new: &[Outcome],
) {
    let s = Section::Stages;
    for n in new {
        let same_when: Vec<&Outcome> = old.iter().filter(|o| o.when == n.when).collect();
        if same_when
            .iter()
            .any(|o| ctx.old_target(&o.target) == n.target)
        {
            continue;
        }
        let text = match same_when.first() {
            Some(o)
                if old.iter().filter(|x| x.when == n.when).count() == 1
                    && new.iter().filter(|x| x.when == n.when).count() == 1 =>
            {
                format!(
                    "At {name}, {}, the escalation now {} (before, it {}).",
                    when(&n.when),
                    target(ctx, &n.target, false),
                    target(ctx, &ctx.old_target(&o.target), true)
                )
            }
            _ => format!(
                "{name} has a new outcome: {}, the escalation {}.",
                when(&n.when),
                target(ctx, &n.target, false)
            ),
        };
        out.push(s, subject.cloned(), text);
    }
    for o in old {
        let moved = ctx.old_target(&o.target);
        if new.iter().any(|n| n.when == o.when && n.target == moved) {
            continue;
        }
        let replaced = old.iter().filter(|x| x.when == o.when).count() == 1
            && new.iter().filter(|x| x.when == o.when).count() == 1;
        if !replaced {
            out.push(
                s,
                subject.cloned(),
                format!(
                    "{name} no longer has the outcome: {}, the escalation {}.",
                    when(&o.when),
                    target(ctx, &moved, false)
                ),
            );
        }
    }
}

pub(super) fn when(when: &OutcomeWhen) -> String {
    match when {
        OutcomeWhen::Resolved => "when resolved".to_owned(),
        OutcomeWhen::Unresolved => "when unresolved".to_owned(),
        OutcomeWhen::If(condition) => format!("if \"{condition}\""),
    }
}

pub(super) fn target(ctx: &Ctx<'_>, target: &Target, past: bool) -> String {
    let verb = |now: &'static str, then: &'static str| if past { then } else { now };
    match target {
        Target::End(end) => format!("{} \"{end}\"", verb("ends", "ended")),
        Target::Stage {
            to,
            via,
            via_either,
        } => format!(
            "{} {}{}",
            verb("goes to", "went to"),
            to.as_ref()
                .map_or("a stage that does not exist".to_owned(), |k| ctx.label(k)),
            if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", refs_joined(via, *via_either))
            }
        ),
        Target::Follow(procedure) => format!("{} the \"{procedure}\"", verb("follows", "followed")),
    }
}
