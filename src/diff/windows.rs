//! Changes to a stage's window: when it must start and conclude.

use super::*;

/// A change to a stage's start or conclude limit, or `None`.
pub(super) fn window(
    name: &str,
    verb: &str,
    (old, old_join): (&[Limit], Join),
    (new, new_join): (&[Limit], Join),
) -> Option<String> {
    let (old_n, new_n) = (normalised(old), normalised(new));
    let joined = old_n.len() > 1 || new_n.len() > 1;
    if old_n == new_n && (old_join == new_join || !joined) {
        return None;
    }
    if old_n == new_n {
        return Some(format!(
            "{name} now {} (was: {}).",
            requirement(verb, new, new_join),
            requirement(verb, old, old_join)
        ));
    }
    if let ([o], [n]) = (old_n.as_slice(), new_n.as_slice())
        && o.kind == n.kind
        && o.unit == n.unit
        && o.anchor == n.anchor
        && o.hard == n.hard
    {
        let modal = if n.hard {
            "must now"
        } else {
            "should now aim to"
        };
        let text = match n.kind {
            LimitKind::On => format!(
                "{name} {modal} {verb} on day {} (was day {}).",
                n.amount, o.amount
            ),
            LimitKind::By => {
                let by = if verb == "start" {
                    "no later than"
                } else {
                    "by"
                };
                format!(
                    "{name} {modal} {verb} {by} day {} (was day {}).",
                    n.amount, o.amount
                )
            }
            LimitKind::Within => format!(
                "{name} {modal} {verb} within {}{} (was {}).",
                amount(n.amount, n.unit),
                n.anchor_words(&StageKey::plain_label),
                amount(o.amount, o.unit)
            ),
            _ => format!(
                "{name} {modal} {verb} {} (was {}).",
                n.describe(),
                o.describe()
            ),
        };
        return Some(text);
    }
    if new_n.is_empty() {
        return Some(format!(
            "{name} no longer has a time limit to {verb} (was: {}).",
            requirement(verb, old, old_join)
        ));
    }
    if old_n.is_empty() {
        return Some(format!(
            "{name} now {} (before, there was no time limit to {verb}).",
            requirement(verb, new, new_join)
        ));
    }
    Some(format!(
        "{name} now {} (was: {}).",
        requirement(verb, new, new_join),
        requirement(verb, old, old_join)
    ))
}

/// Limits with the unit of day numbers left out: a change in how days are
/// counted is reported once, for the policy, not again for every stage.
pub(super) fn normalised(limits: &[Limit]) -> Vec<Limit> {
    limits
        .iter()
        .map(|l| {
            let mut l = l.clone();
            if l.kind != LimitKind::Within {
                l.unit = DayUnit::CalendarDays;
            }
            l
        })
        .collect()
}

/// "must conclude by day 14", "should aim to start no later than day 3",
/// "must conclude by day 9 or within 5 working days, whichever is sooner".
pub(super) fn requirement(verb: &str, limits: &[Limit], join: Join) -> String {
    if limits.is_empty() {
        return format!("has no time limit to {verb}");
    }
    let hard = limits.iter().all(|l| l.hard);
    let modal = if hard { "must" } else { "should aim to" };
    let words = match limits {
        [l] if l.kind == LimitKind::By && verb == "start" => {
            format!("no later than day {}", l.amount)
        }
        _ => describe_limits(limits, join, &StageKey::plain_label),
    };
    format!("{modal} {verb} {words}")
}

pub(super) fn amount(amount: u32, unit: DayUnit) -> String {
    let word = match (unit, amount) {
        (DayUnit::Hours, 1) => "hour",
        (DayUnit::Hours, _) => "hours",
        (DayUnit::CalendarDays, 1) => "calendar day",
        (DayUnit::CalendarDays, _) => "calendar days",
        (DayUnit::WorkingDays, 1) => "working day",
        (DayUnit::WorkingDays, _) => "working days",
    };
    format!("{amount} {word}")
}

/// A change to the limit on the whole procedure.
pub(super) fn overall(out: &mut Out, old: &Policy, new: &Policy) {
    let old_limits: Vec<Limit> = old.overall.iter().cloned().collect();
    let new_limits: Vec<Limit> = new.overall.iter().cloned().collect();
    if let Some(text) = window(
        "The whole procedure",
        "conclude",
        (&old_limits, Join::Sooner),
        (&new_limits, Join::Sooner),
    ) {
        out.push(Section::Policy, None, text);
    }
}
