//! Codes: L040 L044 L045 L046 L049. Time limits, checked by day number.
//! The comparisons along each escalation (L041 to L043) are in
//! `escalation.rs`.
//!
//! Every limit is turned into "the latest day it allows" in the policy's own
//! kind of day: `by day 9` is day 9; `within 24 hours` of a stage that may
//! start as late as day 3 is day 4 (24 hours from a moment on day 3 ends on
//! day 4 at the latest). A limit in another unit (working days in a
//! calendar-day policy, or hours in a working-day policy) cannot be turned
//! into a day number without knowing the date the concern arose. A
//! comparison that involves such a limit is not guessed: it is handed back
//! as `Pending`, and `dates.rs` settles it date by date with the policy's
//! bank-holiday calendar. Where no calendar can settle it (no `holidays`
//! line), it is reported as not compared (L045, see `not_compared`).

use std::collections::BTreeSet;

use crate::code::Code;
use crate::deadline::stage_duties;
use crate::diagnostic::Diagnostic;
use crate::model::{Anchor, DayUnit, Duty, Limit, LimitKind, Policy, Stage, Target};
use crate::span::Span;

use super::escalation::{Ladder, between};

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

/// What the day numbers say about when a limit ends.
#[derive(Clone)]
pub(super) enum When<'p> {
    /// The same day number for every concern.
    Day(Latest),
    /// A day that depends on the date the concern arose, because these
    /// limits (the limit itself, or the start it counts from) are counted in
    /// another unit than the policy's days.
    Dated(Vec<&'p Limit>),
}

impl<'p> When<'p> {
    fn uncounted(&self) -> &[&'p Limit] {
        match self {
            When::Day(_) => &[],
            When::Dated(limits) => limits,
        }
    }
}

/// A comparison between time limits that day numbers cannot settle. The
/// stage indices count `Policy::all_stages`, main ladder first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The stage must not conclude before it may start (L040).
    Window { stage: usize },
    /// The stage's duty must not fall due after it concludes (L046). Duty
    /// indices follow `deadline::stage_duties`.
    Duty { stage: usize, duty: usize },
    /// The stage's duty must not fall due before it may start (L049).
    DutyStart { stage: usize, duty: usize },
    /// The stage escalated to must not have to start before the stage it
    /// comes from may conclude (L041), nor leave days between the two that
    /// nobody owns (L043).
    Start { from: usize, to: usize },
    /// The stage escalated to must not have to conclude before the stage it
    /// comes from (L042).
    Conclude { from: usize, to: usize },
}

/// A comparison handed to the date-exact check, with the limits that made
/// the day numbers unable to settle it and the stage each belongs to.
#[derive(Clone, Debug)]
pub struct Pending<'p> {
    pub rule: Rule,
    pub uncounted: Vec<(&'p Limit, &'p Stage)>,
}

/// What the time checks know about one stage.
pub(super) struct Timing<'p> {
    pub(super) stage: &'p Stage,
    pub(super) start: Option<When<'p>>,
    pub(super) conclude: Option<When<'p>>,
}

pub(super) struct Context<'o, 'p> {
    pub(super) unit: DayUnit,
    /// Day 1 is the day after the concern arose, so the moment it arose is
    /// on "day 0", where hours counted from it begin.
    pub(super) day_after: bool,
    pub(super) out: &'o mut Vec<Diagnostic>,
    pub(super) pending: Vec<Pending<'p>>,
}

impl<'p> Context<'_, 'p> {
    /// The latest day a limit allows, counting durations from `from` (the
    /// latest day the stage may start) unless anchored to the concern.
    fn latest(&self, limit: &'p Limit, from: Option<&When<'p>>) -> Option<When<'p>> {
        match limit.kind {
            LimitKind::On | LimitKind::By => Some(When::Day(Latest {
                day: limit.amount,
                span: limit.span,
            })),
            // Limits counted from another stage, the meeting or the duty
            // before are dated by `deadline` along the chain; day numbers
            // do not follow them.
            _ if matches!(
                limit.anchor,
                Anchor::Stage { .. } | Anchor::Meeting | Anchor::PreviousDuty
            ) =>
            {
                None
            }
            // At once, or the same day: the day of what it counts from.
            LimitKind::Immediately | LimitKind::SameDay => match limit.anchor {
                Anchor::ConcernArising => Some(When::Day(Latest {
                    day: 1,
                    span: limit.span,
                })),
                _ => from.cloned(),
            },
            LimitKind::WithoutDelay | LimitKind::CaseByCase | LimitKind::BeforeMeetingEnds => None,
            LimitKind::Within => {
                let base = match limit.anchor {
                    // Hours run from the moment the concern arose; days
                    // from day 1 (see `Concern::limit`).
                    Anchor::ConcernArising => When::Day(Latest {
                        day: u32::from(!(limit.unit == DayUnit::Hours && self.day_after)),
                        span: limit.span,
                    }),
                    _ => from?.clone(),
                };
                let days = in_policy_days(limit.amount, limit.unit, self.unit);
                Some(match (base, days) {
                    (When::Day(base), Some(days)) => When::Day(Latest {
                        day: base.day.saturating_add(days),
                        span: limit.span,
                    }),
                    // Counted from a start that depends on the date: the
                    // start is what could not be counted, not this limit.
                    (When::Dated(limits), Some(_)) => When::Dated(limits),
                    (When::Day(_), None) => When::Dated(vec![limit]),
                    (When::Dated(mut limits), None) => {
                        limits.push(limit);
                        When::Dated(limits)
                    }
                })
            }
        }
    }

    /// Hands a comparison to the date-exact check.
    pub(super) fn defer(&mut self, rule: Rule, sides: &[(&When<'p>, &'p Stage)]) {
        let mut uncounted: Vec<(&'p Limit, &'p Stage)> = Vec::new();
        for (when, stage) in sides {
            for &limit in when.uncounted() {
                if !uncounted
                    .iter()
                    .any(|(l, _)| (l.span.start, l.span.end) == (limit.span.start, limit.span.end))
                {
                    uncounted.push((limit, stage));
                }
            }
        }
        self.pending.push(Pending { rule, uncounted });
    }
}

/// The L045 note for a limit that could not be compared with the others,
/// because it is counted in another unit and no calendar could settle the
/// comparison. `why`, when given, replaces the usual explanation.
pub fn not_compared(limit: &Limit, stage: &Stage, unit: DayUnit, why: Option<&str>) -> Diagnostic {
    let help = match why {
        Some(why) => why.to_owned(),
        None => format!(
            "How many {} this is depends on the date the concern arose, because weekends and bank holidays fall differently. ladder does not guess, so check this limit against the others by hand.",
            unit.as_str()
        ),
    };
    Diagnostic::new(
        Code::NotCompared,
        limit.span,
        format!(
            "`{}` was not compared with the other limits of {}, which are in {}",
            limit.describe(),
            stage.label,
            unit.as_str()
        ),
    )
    .with_primary_label(format!("counted in {}", limit.unit.as_str()))
    .with_help(help)
}

/// Runs the day-number checks, and returns the comparisons they could not
/// settle for `dates.rs`.
pub(super) fn check<'p>(policy: &'p Policy, out: &mut Vec<Diagnostic>) -> Vec<Pending<'p>> {
    let unit = policy.header.day_kind.unwrap_or(DayUnit::CalendarDays);
    let mut cx = Context {
        unit,
        day_after: policy.header.day_one == Some(crate::ast::DayOne::DayAfter),
        out,
        pending: Vec::new(),
    };
    let timings: Vec<Timing<'p>> = policy
        .all_stages()
        .map(|stage| {
            let start = stage.start.as_ref().and_then(|limit| {
                // A start counted from the stage before is dated along the
                // chain by `deadline`, not by day number.
                if !matches!(limit.kind, LimitKind::On | LimitKind::By)
                    && limit.anchor != Anchor::ConcernArising
                {
                    return None;
                }
                cx.latest(limit, None)
            });
            let concludes: Vec<When<'p>> = stage
                .conclude
                .iter()
                .filter_map(|limit| cx.latest(limit, start.as_ref()))
                .collect();
            // Which of two limits is sooner depends on the date as soon as
            // one of them does.
            let dated: Vec<&'p Limit> = concludes
                .iter()
                .flat_map(|w| w.uncounted().iter().copied())
                .collect();
            let conclude = if dated.is_empty() {
                concludes
                    .into_iter()
                    .filter_map(|w| match w {
                        When::Day(l) => Some(l),
                        When::Dated(_) => None,
                    })
                    .min_by_key(|l| l.day)
                    .map(When::Day)
            } else {
                Some(When::Dated(dated))
            };
            Timing {
                stage,
                start,
                conclude,
            }
        })
        .collect();

    for (i, t) in timings.iter().enumerate() {
        window(i, t, &mut cx);
        duties(i, t, &policy.every_stage, &mut cx);
        if t.stage.start.is_none()
            && t.stage.conclude.is_empty()
            && !stage_duties(t.stage, &[]).any(|d| d.within.is_some())
        {
            cx.out.push(
                Diagnostic::new(Code::UntimedStage, t.stage.head_span, format!("{} has no timescale", t.stage.label))
                    .with_primary_label("no `start`, `conclude` or `within`")
                    .with_help("Challenges must be resolved in a timely manner. If the source document gives a timescale, add it (`conclude within 5 working days`); if it gives none, this warning records that."),
            );
        }
    }

    // An index by key keeps this linear in the number of stages. A key
    // given to two stages (L021, L022) is left out: an escalation to it
    // could mean either, and measuring it against one of them would report
    // gaps and overlaps with the wrong stage.
    let mut index: std::collections::HashMap<_, Option<usize>> = std::collections::HashMap::new();
    for (i, t) in timings.iter().enumerate() {
        index
            .entry(&t.stage.key)
            .and_modify(|slot| *slot = None)
            .or_insert(Some(i));
    }
    let mut seen = BTreeSet::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, from) in timings.iter().enumerate() {
        for outcome in &from.stage.outcomes {
            let Target::Stage { to: Some(key), .. } = &outcome.target else {
                continue;
            };
            let Some(&Some(j)) = index.get(key) else {
                continue;
            };
            // An escalation back down its own ladder is a cycle (L033);
            // comparing the windows along it would only add noise.
            let backward = j < i && from.stage.key.procedure == timings[j].stage.key.procedure;
            if i == j || backward || !seen.insert((i, j)) {
                continue;
            }
            pairs.push((i, j));
        }
    }
    let mut ladder = Ladder {
        timings: &timings,
        into: vec![Vec::new(); timings.len()],
        out_of: vec![Vec::new(); timings.len()],
    };
    for &(i, j) in &pairs {
        ladder.into[j].push(i);
        ladder.out_of[i].push(j);
    }
    for &(i, j) in &pairs {
        between((i, &timings[i]), (j, &timings[j]), &ladder, &mut cx);
    }
    cx.pending
}

/// A stage whose conclusion comes before its latest start.
fn window<'p>(i: usize, t: &Timing<'p>, cx: &mut Context<'_, 'p>) {
    let (Some(start), Some(conclude)) = (&t.start, &t.conclude) else {
        return;
    };
    let (When::Day(start), When::Day(conclude)) = (start, conclude) else {
        cx.defer(
            Rule::Window { stage: i },
            &[(start, t.stage), (conclude, t.stage)],
        );
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

/// A timed duty that falls due after the stage must conclude (L046) or
/// before it may start (L049): the stage's own duties, its panel's, then the
/// policy's `every stage` duties timed at this stage, indexed as
/// `deadline::stage_duties` orders them.
fn duties<'p>(i: usize, t: &Timing<'p>, every: &'p [Duty], cx: &mut Context<'_, 'p>) {
    for (d, duty) in stage_duties(t.stage, every).enumerate() {
        let Some(limit) = &duty.within else { continue };
        let Some(due) = cx.latest(limit, t.start.as_ref()) else {
            continue;
        };
        if let Some(conclude) = &t.conclude {
            match (&due, conclude) {
                (When::Day(due), When::Day(conclude)) => {
                    due_after(duty, limit, due.day, t.stage, *conclude, cx.out);
                }
                _ => cx.defer(
                    Rule::Duty { stage: i, duty: d },
                    &[(&due, t.stage), (conclude, t.stage)],
                ),
            }
        }
        // Only a limit counted from the concern arising can fall before
        // the stage starts; one counted from the stage starting cannot.
        if limit.anchor != Anchor::ConcernArising {
            continue;
        }
        if let Some(start) = &t.start {
            match (&due, start) {
                (When::Day(due), When::Day(start)) => {
                    due_before(duty, limit, due.day, t.stage, *start, cx.out);
                }
                _ => cx.defer(
                    Rule::DutyStart { stage: i, duty: d },
                    &[(&due, t.stage), (start, t.stage)],
                ),
            }
        }
    }
}

/// L046 by day number.
fn due_after(
    duty: &Duty,
    limit: &Limit,
    due: u32,
    stage: &Stage,
    conclude: Latest,
    out: &mut Vec<Diagnostic>,
) {
    if due <= conclude.day {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::DutyAfterStage,
            limit.span,
            format!(
                "this `{}` may fall due on day {due}, after {} must conclude on day {}",
                duty.kind.verb(),
                stage.label,
                conclude.day
            ),
        )
        .with_primary_label(format!("due by day {due}"))
        .with_label(conclude.span, format!("the stage concludes by day {}", conclude.day))
        .with_help("Check both against the source document: either the duty must fall due sooner, or the stage must be allowed to conclude later."),
    );
}

/// L049 by day number.
fn due_before(
    duty: &Duty,
    limit: &Limit,
    due: u32,
    stage: &Stage,
    start: Latest,
    out: &mut Vec<Diagnostic>,
) {
    if due >= start.day {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::DutyBeforeStage,
            limit.span,
            format!(
                "this `{}` falls due on day {due}, but {} may start as late as day {}",
                duty.kind.verb(),
                stage.label,
                start.day
            ),
        )
        .with_primary_label(format!("due by day {due}"))
        .with_label(start.span, format!("the stage starts by day {}", start.day))
        .with_help(before_help(stage)),
    );
}

/// The help of L049, by day number or by date.
pub(super) fn before_help(stage: &Stage) -> String {
    format!(
        "A duty of {0} counted from the concern arising can be overdue before {0} begins. If it is done once {0} has started, count it from then (drop `of the concern arising`); if it belongs to an earlier stage, move it there; otherwise check both limits against the source document.",
        stage.label
    )
}
