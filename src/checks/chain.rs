//! Codes: L046 L047 L048. Limits that only the chain of dates can settle.
//!
//! `time.rs` compares limits by day number and `dates.rs` settles what
//! day numbers cannot, but both start from a stage's own `start`. Limits
//! that count from another stage, the meeting or the duty before, and the
//! durations of a stage whose start comes from the stage before it (a
//! chained window: "Level 2: 2 days"), are dated only by
//! `Concern::plan`. This check runs the plan for every date a concern could
//! arise on (the same dates `dates.rs` tries) and reports, with the first
//! date as the evidence:
//!
//! - a duty of such a stage, or with such a limit, that falls due after
//!   its stage must conclude (L046, as `time.rs` reports the others);
//! - one limit written in two units (`within 48 hours (2 working days)`)
//!   whose two readings give different dates (L047);
//! - a whole-procedure limit (`all stages conclude within ...`) that the
//!   stages' own windows run past (L048).

use chrono::NaiveDate;

use crate::calendar::long_date;
use crate::code::Code;
use crate::deadline::{
    Concern, Counting, DayTable, HolidaySource, Plan, spoken_date, stage_duties,
};
use crate::diagnostic::Diagnostic;
use crate::model::{Anchor, Duty, Join, Limit, LimitKind, Policy, Stage};
use crate::span::Span;

use super::dates::{Window, window};

/// What went wrong, found on the first date it does.
enum Found<'p> {
    Late {
        stage: &'p Stage,
        duty: &'p Duty,
        due: NaiveDate,
        end: NaiveDate,
    },
    Disagree {
        first: &'p Limit,
        second: &'p Limit,
        dates: (NaiveDate, NaiveDate),
    },
    Overrun {
        limit: &'p Limit,
        stage: &'p Stage,
        date: NaiveDate,
        end: NaiveDate,
    },
}

/// Which limit a finding is about: its code and where the limit is written.
/// Spans never take part in equality (so that structural tests ignore
/// layout), so the key holds the offsets themselves.
type Key = (Code, usize, usize);

fn key(code: Code, span: Span) -> Key {
    (code, span.start, span.end)
}

/// One finding: its first date, how many dates break it, and a key that
/// tells it from the others.
struct Finding<'p> {
    key: Key,
    raised: NaiveDate,
    count: usize,
    found: Found<'p>,
}

/// Whether `time.rs` leaves a duty's limit to the chain: it counts from
/// something day numbers do not follow, or from a start the stage does not
/// give.
fn chained(stage: &Stage, limit: &Limit) -> bool {
    match limit.anchor {
        Anchor::Stage { .. } | Anchor::Meeting | Anchor::PreviousDuty => true,
        Anchor::ConcernArising => false,
        _ => {
            stage.start.is_none()
                || limit.kind == LimitKind::BeforeMeetingEnds
                || stage
                    .start
                    .as_ref()
                    .is_some_and(|s| !matches!(s.kind, LimitKind::On | LimitKind::By))
        }
    }
}

pub(super) fn check(
    policy: &Policy,
    holidays: &HolidaySource,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let stages: Vec<&Stage> = policy.all_stages().collect();
    let two_units = stages.iter().any(|s| {
        s.conclude_join == Join::SameAct && s.conclude.len() == 2
            || s.duties.iter().any(|d| d.within_join == Join::SameAct)
    }) || policy
        .every_stage
        .iter()
        .any(|d| d.within_join == Join::SameAct);
    let late_possible = stages.iter().any(|s| {
        !s.conclude.is_empty()
            && (stage_duties(s, &policy.every_stage)
                .filter_map(|d| d.within.as_ref())
                .any(|l| chained(s, l))
                || s.conditions
                    .iter()
                    .flat_map(|c| &c.duties)
                    .any(|d| d.within.is_some()))
    });
    if !two_units && !late_possible && policy.overall.is_none() {
        return;
    }
    let calendar = holidays.calendar_for(policy.header.holidays);
    let table = calendar.as_ref().map(DayTable::new);
    let wanted = window(policy, today);
    let (first, last) = match &table {
        Some(table) => {
            let (a, b) = table.span();
            (wanted.first.max(a), wanted.last.min(b))
        }
        // Without a calendar only calendar days and hours are counted, and
        // those come out the same whatever the date: one date is enough.
        None => (wanted.first, wanted.first),
    };
    let counting = Counting::of(&policy.header);
    let mut findings: Vec<Finding<'_>> = Vec::new();
    let mut tried = 0usize;
    let mut raised = first;
    while raised <= last {
        let Ok(concern) = Concern::new(raised, counting, table.as_ref()) else {
            break;
        };
        let Ok(plan) = concern.plan(policy) else {
            break;
        };
        tried += 1;
        let mut found = Vec::new();
        late(policy, &stages, &plan, &mut found);
        disagree(policy, &stages, &concern, &plan, &mut found);
        overrun(policy, &stages, &plan, &mut found);
        for (key, f) in found {
            match findings.iter_mut().find(|x| x.key == key) {
                Some(x) => x.count += 1,
                None => findings.push(Finding {
                    key,
                    raised,
                    count: 1,
                    found: f,
                }),
            }
        }
        let Some(next) = raised.succ_opt() else { break };
        raised = next;
    }
    for finding in &findings {
        out.push(report(finding, tried, &wanted, first, last));
    }
}

/// Timed duties, dated along the chain, that fall due after the stage must
/// conclude.
fn late<'p>(
    policy: &'p Policy,
    stages: &[&'p Stage],
    plan: &Plan,
    found: &mut Vec<(Key, Found<'p>)>,
) {
    for (stage, dates) in stages.iter().zip(&plan.stages) {
        let Some((end, _)) = dates.conclude() else {
            continue;
        };
        // Duties under a condition are dated only here, so each is checked
        // whatever it counts from; the stage's own duties only where the
        // day numbers of `time.rs` could not date them.
        let conditional = stage
            .conditions
            .iter()
            .zip(&dates.conditions)
            .flat_map(|(c, dated)| c.duties.iter().zip(dated).map(|(d, due)| (d, due, true)));
        let own = stage_duties(stage, &policy.every_stage)
            .zip(&dates.duties)
            .map(|(d, due)| (d, due, false));
        for (duty, due, under_condition) in own.chain(conditional) {
            let (Some(limit), Some(due)) = (&duty.within, *due) else {
                continue;
            };
            // A duty counted from its own stage concluding comes after it
            // by design (a letter after the meeting).
            let after_by_design = matches!(
                &limit.anchor,
                Anchor::Stage { to: Some(key), .. } if *key == stage.key
            );
            if due > end && (under_condition || chained(stage, limit)) && !after_by_design {
                found.push((
                    key(Code::DutyAfterStage, limit.span),
                    Found::Late {
                        stage,
                        duty,
                        due,
                        end,
                    },
                ));
            }
        }
    }
}

/// One limit in two units whose readings give different dates.
fn disagree<'p>(
    policy: &'p Policy,
    stages: &[&'p Stage],
    concern: &Concern<'_>,
    plan: &Plan,
    found: &mut Vec<(Key, Found<'p>)>,
) {
    for (stage, dates) in stages.iter().zip(&plan.stages) {
        let mut pairs: Vec<(&Limit, &Limit)> = Vec::new();
        if stage.conclude_join == Join::SameAct
            && let [a, b] = stage.conclude.as_slice()
        {
            pairs.push((a, b));
        }
        for duty in stage_duties(stage, &policy.every_stage) {
            if duty.within_join == Join::SameAct
                && let (Some(a), Some(b)) = (&duty.within, &duty.within_also)
            {
                pairs.push((a, b));
            }
        }
        for (a, b) in pairs {
            // Both count from the same thing; the stage's start stands for
            // it, which is what they count from unless they say otherwise.
            let from = match a.anchor {
                Anchor::Unstated | Anchor::StageStarting | Anchor::ConcernArising => dates.start,
                _ => continue,
            };
            if let (Ok(Some(x)), Ok(Some(y))) = (concern.limit(a, from), concern.limit(b, from))
                && x != y
            {
                found.push((
                    key(Code::UnitsDisagree, a.span),
                    Found::Disagree {
                        first: a,
                        second: b,
                        dates: (x, y),
                    },
                ));
            }
        }
    }
}

/// The latest conclusion of the main ladder past the whole-procedure limit.
fn overrun<'p>(
    policy: &'p Policy,
    stages: &[&'p Stage],
    plan: &Plan,
    found: &mut Vec<(Key, Found<'p>)>,
) {
    let (Some(limit), Some(date)) = (&policy.overall, plan.overall) else {
        return;
    };
    let main = policy.stages.len();
    let latest = stages
        .iter()
        .zip(&plan.stages)
        .take(main)
        .filter_map(|(s, d)| Some((d.conclude()?.0, *s)))
        .max_by_key(|(d, _)| *d);
    if let Some((end, stage)) = latest
        && end > date
    {
        found.push((
            key(Code::OverallExceeded, limit.span),
            Found::Overrun {
                limit,
                stage,
                date,
                end,
            },
        ));
    }
}

fn report(
    finding: &Finding<'_>,
    tried: usize,
    wanted: &Window,
    first: NaiveDate,
    last: NaiveDate,
) -> Diagnostic {
    let raised = spoken_date(finding.raised);
    let how_often = if tried <= 1 {
        "This is so whatever the date the concern arises.".to_owned()
    } else if finding.count >= tried {
        format!(
            "This happens on all {tried} dates from {} to {} ({}) on which a concern could arise.",
            long_date(first),
            long_date(last),
            wanted.basis
        )
    } else {
        format!(
            "This happens on {} of the {tried} dates from {} to {} ({}) on which a concern could arise; {} is the first.",
            finding.count,
            long_date(first),
            long_date(last),
            wanted.basis,
            long_date(finding.raised)
        )
    };
    match &finding.found {
        Found::Late {
            stage,
            duty,
            due,
            end,
        } => {
            let span = duty.within.as_ref().map_or(duty.span, |l| l.span);
            Diagnostic::new(
                Code::DutyAfterStage,
                span,
                format!(
                    "for a concern raised on {raised}, this `{}` falls due on {}, after {} must conclude on {}",
                    duty.kind.verb(),
                    spoken_date(*due),
                    stage.label,
                    spoken_date(*end)
                ),
            )
            .with_primary_label(format!("due by {}", spoken_date(*due)))
            .with_help(format!(
                "{how_often} The dates are the latest the procedure allows, counted along the chain of stages. Check both against the source document: either the duty must fall due sooner, or the stage must be allowed to conclude later."
            ))
        }
        Found::Disagree {
            first,
            second,
            dates: (x, y),
        } => Diagnostic::new(
            Code::UnitsDisagree,
            first.span,
            format!(
                "`{}` and `{}` give different dates: for a concern raised on {raised}, {} and {}",
                first.describe(),
                second.duration(),
                spoken_date(*x),
                spoken_date(*y)
            ),
        )
        .with_primary_label(format!("{} by {}", first.duration(), spoken_date(*x)))
        .with_label(second.span, format!("{} by {}", second.duration(), spoken_date(*y)))
        .with_help(format!(
            "{how_often} ladder uses the earlier date. If the board means one of the two, keep only that one (`within {}` or `within {}`); if it means whichever comes first, write `{}, or within {}, whichever is sooner`.",
            first.duration(),
            second.duration(),
            first.describe(),
            second.duration()
        )),
        Found::Overrun {
            limit,
            stage,
            date,
            end,
        } => Diagnostic::new(
            Code::OverallExceeded,
            limit.span,
            format!(
                "the whole procedure must conclude by {}, but {} may conclude as late as {} (for a concern raised on {raised})",
                spoken_date(*date),
                stage.label,
                spoken_date(*end)
            ),
        )
        .with_primary_label(format!("all stages conclude by {}", spoken_date(*date)))
        .with_help(format!(
            "{how_often} The stages' own windows, one after another, add up to more than the limit for the whole procedure. If the source document means both, this warning records that a concern taking every stage's full time breaks the overall limit; otherwise shorten a stage's window or lengthen the overall limit."
        )),
    }
}
