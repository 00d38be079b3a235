//! Codes: L040 L041 L042 L043 L044 L045 L046. Time limits, checked by day
//! number.
//!
//! Every limit is turned into "the latest day it allows" in the policy's own
//! kind of day: `by day 9` is day 9; `within 24 hours` of a stage that may
//! start as late as day 3 is day 4 (24 hours from a moment on day 3 ends on
//! day 4 at the latest). A limit in another unit (working days in a
//! calendar-day policy, or hours in a working-day policy) cannot be turned
//! into a day number without knowing the date the concern arose; such limits
//! are reported as not compared (L045) instead of guessed.

use std::collections::BTreeSet;

use crate::ast::Anchor;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{DayUnit, Limit, LimitKind, Policy, Stage, Target};
use crate::span::Span;

/// A latest day and the limit it comes from.
#[derive(Clone, Copy)]
pub struct Latest {
    pub day: u32,
    pub span: Span,
}

/// Turns `amount` of `unit` into days of the policy's kind, where that needs
/// no calendar.
#[must_use]
pub fn in_policy_days(amount: u32, unit: DayUnit, policy: DayUnit) -> Option<u32> {
    match (unit, policy) {
        (DayUnit::Hours, DayUnit::CalendarDays) => Some(amount.div_ceil(24)),
        (DayUnit::CalendarDays, DayUnit::CalendarDays)
        | (DayUnit::WorkingDays, DayUnit::WorkingDays) => Some(amount),
        _ => None,
    }
}

/// What the time checks know about one stage.
struct Timing<'a> {
    stage: &'a Stage,
    start: Option<Latest>,
    conclude: Option<Latest>,
}

struct Context<'o> {
    unit: DayUnit,
    out: &'o mut Vec<Diagnostic>,
    not_compared: BTreeSet<usize>,
}

impl Context<'_> {
    /// The latest day a limit allows, counting durations from `from` (the
    /// latest day the stage may start) unless anchored to the concern.
    fn latest(&mut self, limit: &Limit, from: Option<u32>, what: &str) -> Option<u32> {
        match limit.kind {
            LimitKind::On | LimitKind::By => Some(limit.amount),
            LimitKind::Within => {
                let base = match limit.anchor {
                    Anchor::ConcernArising => Some(1),
                    _ => from,
                }?;
                match in_policy_days(limit.amount, limit.unit, self.unit) {
                    Some(days) => Some(base.saturating_add(days)),
                    None => {
                        self.not_compared(limit, what);
                        None
                    }
                }
            }
        }
    }

    fn not_compared(&mut self, limit: &Limit, what: &str) {
        if !self.not_compared.insert(limit.span.start) {
            return;
        }
        self.out.push(
            Diagnostic::new(
                Code::NotCompared,
                limit.span,
                format!(
                    "`{}` was not compared with the other limits of {what}, which are in {}",
                    limit.describe(),
                    self.unit.as_str()
                ),
            )
            .with_primary_label(format!("counted in {}", limit.unit.as_str()))
            .with_help(format!(
                "How many {} this is depends on the date the concern arose, because weekends and bank holidays fall differently. ladder does not guess, so check this limit against the others by hand.",
                self.unit.as_str()
            )),
        );
    }
}

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let unit = policy.header.day_kind.unwrap_or(DayUnit::CalendarDays);
    let mut cx = Context {
        unit,
        out,
        not_compared: BTreeSet::new(),
    };
    let timings: Vec<Timing<'_>> = policy
        .all_stages()
        .map(|stage| {
            let what = stage.label.clone();
            let start = stage.start.as_ref().and_then(|limit| {
                // A start limit counted from the stage starting means nothing.
                if limit.kind == LimitKind::Within && limit.anchor != Anchor::ConcernArising {
                    return None;
                }
                cx.latest(limit, None, &what).map(|day| Latest {
                    day,
                    span: limit.span,
                })
            });
            let conclude = stage
                .conclude
                .iter()
                .filter_map(|limit| {
                    cx.latest(limit, start.map(|s| s.day), &what)
                        .map(|day| Latest {
                            day,
                            span: limit.span,
                        })
                })
                .min_by_key(|l| l.day);
            Timing {
                stage,
                start,
                conclude,
            }
        })
        .collect();

    for t in &timings {
        window(t, &mut cx);
        duties(t, &mut cx);
        if t.stage.start.is_none()
            && t.stage.conclude.is_empty()
            && !t.stage.duties.iter().any(|d| d.within.is_some())
        {
            cx.out.push(
                Diagnostic::new(Code::UntimedStage, t.stage.head_span, format!("{} has no timescale", t.stage.label))
                    .with_primary_label("no `start`, `conclude` or `within`")
                    .with_help("Challenges must be resolved in a timely manner. If the source document gives a timescale, add it (`conclude within 5 working days`); if it gives none, this warning records that."),
            );
        }
    }

    // An index by key keeps this linear in the number of stages.
    let index: std::collections::HashMap<_, usize> = timings
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.stage.key, i))
        .collect();
    let mut seen = BTreeSet::new();
    for (i, from) in timings.iter().enumerate() {
        for outcome in &from.stage.outcomes {
            let Target::Stage { to: Some(key), .. } = &outcome.target else {
                continue;
            };
            let Some(&j) = index.get(key) else {
                continue;
            };
            if i == j || !seen.insert((i, j)) {
                continue;
            }
            between(from, &timings[j], cx.out);
        }
    }
}

/// A stage whose conclusion comes before its latest start.
fn window(t: &Timing<'_>, cx: &mut Context<'_>) {
    let (Some(start), Some(conclude)) = (t.start, t.conclude) else {
        return;
    };
    if conclude.day < start.day {
        cx.out.push(
            Diagnostic::new(
                Code::InvertedWindow,
                conclude.span,
                format!(
                    "{} must conclude by day {} but may start as late as day {}",
                    t.stage.label, conclude.day, start.day
                ),
            )
            .with_primary_label(format!("concludes by day {}", conclude.day))
            .with_label(start.span, format!("starts as late as day {}", start.day))
            .with_help("A stage cannot conclude before it starts. Check both days against the source document; one of them is probably mistyped."),
        );
    }
}

/// A timed duty that falls due after the stage must conclude.
fn duties(t: &Timing<'_>, cx: &mut Context<'_>) {
    let Some(conclude) = t.conclude else { return };
    let what = t.stage.label.clone();
    for duty in &t.stage.duties {
        let Some(limit) = &duty.within else { continue };
        let Some(due) = cx.latest(limit, t.start.map(|s| s.day), &what) else {
            continue;
        };
        if due > conclude.day {
            cx.out.push(
                Diagnostic::new(
                    Code::DutyAfterStage,
                    limit.span,
                    format!(
                        "this `{}` may fall due on day {due}, after {} must conclude on day {}",
                        duty.kind.verb(),
                        t.stage.label,
                        conclude.day
                    ),
                )
                .with_primary_label(format!("due by day {due}"))
                .with_label(conclude.span, format!("the stage concludes by day {}", conclude.day))
                .with_help("Either the duty's time limit or the stage's conclusion needs to change, or the stage should say `whichever is sooner`."),
            );
        }
    }
}

/// Compares a stage with the stage its escalation goes to.
fn between(from: &Timing<'_>, to: &Timing<'_>, out: &mut Vec<Diagnostic>) {
    let Some(prev_end) = from.conclude else {
        return;
    };
    if let Some(next_start) = to.start {
        if next_start.day < prev_end.day {
            out.push(
                Diagnostic::new(
                    Code::OverlappingWindows,
                    next_start.span,
                    format!(
                        "{} must start by day {} but {} may run until day {}",
                        to.stage.label, next_start.day, from.stage.label, prev_end.day
                    ),
                )
                .with_primary_label(format!("starts by day {}", next_start.day))
                .with_label(prev_end.span, format!("{} may run until day {}", from.stage.label, prev_end.day))
                .with_help(format!(
                    "An escalation reaches {} only when {} has not resolved it. Let {} start no earlier than day {}, or conclude {} by day {}.",
                    to.stage.label, from.stage.label, to.stage.label, prev_end.day, from.stage.label, next_start.day
                )),
            );
        } else if next_start.day > prev_end.day.saturating_add(1) {
            let first = prev_end.day + 1;
            let days = if first == next_start.day {
                format!("day {first}")
            } else {
                format!("days {first} to {}", next_start.day)
            };
            out.push(
                Diagnostic::new(
                    Code::OwnershipGap,
                    next_start.span,
                    format!(
                        "nobody owns the escalation on {days}, between {} and {}",
                        from.stage.label, to.stage.label
                    ),
                )
                .with_primary_label(format!("{} need only start by day {}", to.stage.label, next_start.day))
                .with_label(prev_end.span, format!("{} concludes by day {}", from.stage.label, prev_end.day))
                .with_help(format!(
                    "If the source document allows this gap, this warning records it. Otherwise let {} start no later than day {}.",
                    to.stage.label, first
                )),
            );
        }
    }
    if let Some(next_end) = to.conclude
        && next_end.day < prev_end.day
    {
        out.push(
                Diagnostic::new(
                    Code::DeadlinesNotIncreasing,
                    next_end.span,
                    format!(
                        "{} must conclude by day {}, before {} must conclude on day {}",
                        to.stage.label, next_end.day, from.stage.label, prev_end.day
                    ),
                )
                .with_primary_label(format!("concludes by day {}", next_end.day))
                .with_label(prev_end.span, format!("{} concludes by day {}", from.stage.label, prev_end.day))
                .with_help("Each stage of escalation must be allowed to conclude later than the one before it. Check the days against the source document."),
            );
    }
}
