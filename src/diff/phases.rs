//! Changes to the phases of the main ladder: a phase added or removed, or
//! covering other stages. Phases are paired by title; the stages are
//! compared after the old ones are renumbered as the new policy numbers
//! them, so a renumbering alone is not a change of phase.

use super::*;
use crate::model::Phase;

pub(super) fn phases(out: &mut Out, ctx: &Ctx<'_>, old: &[Phase], new: &[Phase]) {
    let s = Section::Stages;
    let covers = |policy: &Policy, phase: &Phase| {
        let labels: Vec<String> = phase
            .stages
            .iter()
            .map(|k| {
                policy
                    .stage(k)
                    .map_or_else(|| k.slug(), |st| st.label.clone())
            })
            .collect();
        match labels.as_slice() {
            [] => "no stage".to_owned(),
            [first, ..] if phase.onwards => format!("{first} onwards"),
            [one] => one.clone(),
            [first, .., last] => format!("{first} to {last}"),
        }
    };
    for n in new {
        let subject = Some(format!("phase {}", n.title));
        let Some(o) = old.iter().find(|o| o.title == n.title) else {
            out.push(
                s,
                subject,
                format!("New phase \"{}\": {}.", n.title, covers(ctx.new, n)),
            );
            continue;
        };
        let moved: Vec<StageKey> = o.stages.iter().map(|k| ctx.moved(k)).collect();
        // An open-ended phase is its first stage onwards: a stage added at
        // the end of the ladder joins it without changing it.
        let same = if n.onwards {
            o.onwards && moved.first() == n.stages.first()
        } else {
            !o.onwards && moved == n.stages
        };
        if !same {
            out.push(
                s,
                subject,
                format!(
                    "The phase \"{}\" now covers {} (was {}).",
                    n.title,
                    covers(ctx.new, n),
                    covers(ctx.old, o)
                ),
            );
        }
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.title == o.title))
    {
        out.push(
            s,
            Some(format!("phase {}", o.title)),
            format!("The phase \"{}\" has been removed.", o.title),
        );
    }
}
