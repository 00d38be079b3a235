//! Codes: L040 L041 L042 L043 L046 L049. Time limits checked date by date,
//! where calendar days, working days and hours meet.
//!
//! `time.rs` settles every comparison it can by day number and hands back
//! the rest (`Pending`): those where a limit is counted in another unit than
//! the policy's days, so that the answer depends on the date the concern
//! arose. This check tries every such date, from the adoption date to the
//! review date (or from today for two years when either is missing), within
//! the years the bank-holiday calendar knows, computes the deadlines with
//! `deadline`, and reports the first date on which a rule is broken as a
//! concrete counterexample that a person can check on a calendar.
//!
//! It reports with the codes the day-number checks use (L040 to L043, L046,
//! L049),
//! because the rule and its fix are the same; only the evidence differs: a
//! date instead of a day number, and how many of the dates tried break it.
//! A comparison that no calendar can settle (the policy names no `holidays`,
//! or the dates lie outside the years the calendar knows) stays a "not
//! compared" note (L045, made by `time::not_compared`).
//!
//! The working days of the calendar are looked up in a precomputed table,
//! so the whole sweep costs a few microseconds per date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use crate::calendar::{Calendar, long_date};
use crate::code::Code;
use crate::deadline::{
    Concern, Counting, DayTable, HolidaySource, StageDates, spoken_date, stage_duties,
};
use crate::diagnostic::Diagnostic;
use crate::model::{DayUnit, Duty, Policy, Stage, StageKey, Target};

use super::time::{Pending, Rule, before_help, not_compared};

/// Which dates a concern could arise on, and why those.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub basis: &'static str,
}

/// The dates to try: adoption to review, or today and the next two years.
pub(super) fn window(policy: &Policy, today: NaiveDate) -> Window {
    if let (Some(adopted), Some(review)) = (&policy.header.adopted, &policy.header.review)
        && adopted.first <= review.last
    {
        return Window {
            first: adopted.first,
            last: review.last,
            basis: "adoption to review",
        };
    }
    let last = today
        .checked_add_months(Months::new(24))
        .and_then(|d| d.pred_opt())
        .unwrap_or(today);
    Window {
        first: today,
        last,
        basis: "today and the next two years, because the policy does not give both its adoption and review dates",
    }
}

/// One broken rule: how often, and the first date's deadlines.
struct Finding {
    code: Code,
    pending: usize,
    count: usize,
    raised: NaiveDate,
    from: StageDates,
    to: StageDates,
}

/// Settles the comparisons `time.rs` could not, date by date.
pub(super) fn check(
    policy: &Policy,
    pending: &[Pending<'_>],
    holidays: &HolidaySource,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    if pending.is_empty() {
        return;
    }
    let unit = policy.header.day_kind.unwrap_or(DayUnit::CalendarDays);
    let Some(calendar) = holidays.calendar_for(policy.header.holidays) else {
        fall_back(pending, unit, None, out);
        return;
    };
    let wanted = window(policy, today);
    let table = DayTable::new(&calendar);
    let (known_first, known_last) = table.span();
    let first = wanted.first.max(known_first);
    let last = wanted.last.min(known_last);
    let stages: Vec<&Stage> = policy.all_stages().collect();
    let counting = Counting::of(&policy.header);

    let mut findings: Vec<Finding> = Vec::new();
    let mut tried = 0usize;
    let mut tried_last = first;
    // The stages the pending rules compare, computed once per date.
    let needed: BTreeSet<usize> = pending
        .iter()
        .flat_map(|p| {
            let (a, b) = p.rule.stages();
            [a, b]
        })
        .collect();
    let mut cache: Vec<Option<StageDates>> = vec![None; stages.len()];
    let mut raised = first;
    'dates: while raised <= last {
        let Ok(concern) = Concern::new(raised, counting, Some(&table)) else {
            break;
        };
        // A deadline that runs out of the calendar's years ends the sweep:
        // the dates after this one would run out too. The whole chain is
        // dated, because a stage's dates may count from those before it.
        let Ok(plan) = concern.plan(policy) else {
            break 'dates;
        };
        for &s in &needed {
            if let (Some(slot), Some(dates)) = (cache.get_mut(s), plan.stages.get(s)) {
                *slot = Some(dates.clone());
            }
        }
        for (p, item) in pending.iter().enumerate() {
            let (a, b) = item.rule.stages();
            let (Some(Some(from)), Some(Some(to))) = (cache.get(a), cache.get(b)) else {
                continue;
            };
            for code in broken(item.rule, from, to) {
                match findings
                    .iter_mut()
                    .find(|f| f.pending == p && f.code == code)
                {
                    Some(finding) => finding.count += 1,
                    None => findings.push(Finding {
                        code,
                        pending: p,
                        count: 1,
                        raised,
                        from: from.clone(),
                        to: to.clone(),
                    }),
                }
            }
        }
        tried += 1;
        tried_last = raised;
        let Some(next) = raised.succ_opt() else { break };
        raised = next;
    }

    if tried == 0 {
        let why = format!(
            "How many {unit} this is depends on the date the concern arose, and the bank-holiday \
             calendar for {division} only knows the years {a} to {b}, while the dates to try are \
             {first} to {last} ({basis}). Load a newer list of bank holidays with `--holidays \
             FILE` (the government's bank-holidays.json), or check this limit against the \
             others by hand.",
            unit = unit.as_str(),
            division = calendar.division().describe(),
            a = calendar.years().start(),
            b = calendar.years().end(),
            first = long_date(wanted.first),
            last = long_date(wanted.last),
            basis = wanted.basis,
        );
        fall_back(pending, unit, Some(&why), out);
        return;
    }
    let tried = Tried {
        count: tried,
        first,
        last: tried_last,
        wanted,
        calendar: &calendar,
    };
    // Where the sweep stopped short of the dates it was meant to try, the
    // comparisons that found nothing say so (L045) rather than pass in
    // silence; those that found a conflict say it in their help.
    if let Some(untried) = tried.untried() {
        let mut seen = BTreeSet::new();
        for (p, item) in pending.iter().enumerate() {
            if findings.iter().any(|f| f.pending == p) {
                continue;
            }
            for (limit, stage) in &item.uncounted {
                if seen.insert((limit.span.start, limit.span.end)) {
                    out.push(partly_compared(limit, stage, unit, &tried, &untried));
                }
            }
        }
    }
    // Which stages escalate to each stage, for the help of a gap.
    let mut into: Into<'_> = BTreeMap::new();
    for stage in &stages {
        for outcome in &stage.outcomes {
            if let Target::Stage { to: Some(key), .. } = &outcome.target {
                let sources = into.entry(key).or_default();
                if !sources.iter().any(|s| s.key == stage.key) {
                    sources.push(stage);
                }
            }
        }
    }
    for finding in &findings {
        if let Some(item) = pending.get(finding.pending) {
            out.push(report(
                finding,
                item.rule,
                (&stages, &into),
                &policy.every_stage,
                &tried,
            ));
        }
    }
}

/// The L045 notes for comparisons no calendar could settle, one per limit.
fn fall_back(pending: &[Pending<'_>], unit: DayUnit, why: Option<&str>, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for item in pending {
        for (limit, stage) in &item.uncounted {
            if seen.insert((limit.span.start, limit.span.end)) {
                out.push(not_compared(limit, stage, unit, why));
            }
        }
    }
}

impl Rule {
    /// The stages a rule compares: (the stage, itself) or (from, to).
    fn stages(self) -> (usize, usize) {
        match self {
            Rule::Window { stage } | Rule::Duty { stage, .. } | Rule::DutyStart { stage, .. } => {
                (stage, stage)
            }
            Rule::Start { from, to } | Rule::Conclude { from, to } => (from, to),
        }
    }
}

/// The codes of the rules broken by these dates.
fn broken(rule: Rule, from: &StageDates, to: &StageDates) -> Vec<Code> {
    let mut codes = Vec::new();
    match rule {
        Rule::Window { .. } => {
            if let (Some(start), Some((end, _))) = (from.start, from.conclude())
                && end < start
            {
                codes.push(Code::InvertedWindow);
            }
        }
        Rule::Duty { duty, .. } => {
            if let (Some(Some(due)), Some((end, _))) = (from.duties.get(duty), from.conclude())
                && *due > end
            {
                codes.push(Code::DutyAfterStage);
            }
        }
        Rule::DutyStart { duty, .. } => {
            if let (Some(Some(due)), Some(start)) = (from.duties.get(duty), from.start)
                && *due < start
            {
                codes.push(Code::DutyBeforeStage);
            }
        }
        Rule::Start { .. } => {
            if let (Some((end, _)), Some(start)) = (from.conclude(), to.start) {
                if start < end {
                    codes.push(Code::OverlappingWindows);
                } else if start > end {
                    // Any day after the previous stage must conclude until
                    // the next must start is unowned (see `time.rs`).
                    codes.push(Code::OwnershipGap);
                }
            }
        }
        Rule::Conclude { .. } => {
            if let (Some((prev, _)), Some((next, _))) = (from.conclude(), to.conclude())
                && next < prev
            {
                codes.push(Code::DeadlinesNotIncreasing);
            }
        }
    }
    codes
}

/// The dates that were tried, and those that were meant to be.
struct Tried<'c> {
    count: usize,
    first: NaiveDate,
    last: NaiveDate,
    wanted: Window,
    calendar: &'c Calendar,
}

impl Tried<'_> {
    /// How often a rule is broken, as the first sentence of the help, and,
    /// when the sweep stopped short, where and why.
    fn how_often(&self, finding: &Finding) -> String {
        let basis = match self.untried() {
            Some(_) => String::new(),
            None => format!(" ({})", self.wanted.basis),
        };
        let range = format!(
            "from {} to {}{basis} on which a concern could arise, counting working days with the bank holidays of {}",
            long_date(self.first),
            long_date(self.last),
            self.calendar.division().describe(),
        );
        let often = if finding.count >= self.count {
            format!("This happens on all {} dates {range}.", self.count)
        } else {
            format!(
                "This happens on {} of the {} dates {range}; {} is the first.",
                finding.count,
                self.count,
                long_date(finding.raised)
            )
        };
        match self.untried() {
            Some(untried) => format!("{often} {untried}"),
            None => often,
        }
    }

    /// The dates not tried, because their deadlines fall in years the
    /// calendar does not know, in a sentence; `None` when every date meant
    /// to be tried was.
    fn untried(&self) -> Option<String> {
        let (before, after) = (self.first > self.wanted.first, self.last < self.wanted.last);
        let skipped = match (before, after) {
            (false, false) => return None,
            (true, false) => format!("the dates before {} were not tried", long_date(self.first)),
            (false, true) => format!("the dates after {} were not tried", long_date(self.last)),
            (true, true) => format!(
                "the dates before {} and after {} were not tried",
                long_date(self.first),
                long_date(self.last)
            ),
        };
        Some(format!(
            "The dates to try ({}) run from {} to {}, but the bank-holiday calendar for {} only knows the years {} to {}, so {skipped}: their deadlines fall outside those years.",
            self.wanted.basis,
            long_date(self.wanted.first),
            long_date(self.wanted.last),
            self.calendar.division().describe(),
            self.calendar.years().start(),
            self.calendar.years().end(),
        ))
    }

    /// The concerns left out, for a message: `raised after 20 December 2030`.
    fn untried_dates(&self) -> String {
        let before =
            (self.first > self.wanted.first).then(|| format!("before {}", long_date(self.first)));
        let after =
            (self.last < self.wanted.last).then(|| format!("after {}", long_date(self.last)));
        match (before, after) {
            (Some(b), Some(a)) => format!("raised {b} or {a}"),
            (Some(x), None) | (None, Some(x)) => format!("raised {x}"),
            (None, None) => String::new(),
        }
    }
}

/// The L045 note for a comparison that held on every date tried, when some
/// of the dates meant to be tried could not be.
fn partly_compared(
    limit: &crate::model::Limit,
    stage: &Stage,
    unit: DayUnit,
    tried: &Tried<'_>,
    untried: &str,
) -> Diagnostic {
    let mut diagnostic = not_compared(limit, stage, unit, None);
    diagnostic.message = format!(
        "`{}` was not compared with the other limits of {} for concerns {}",
        limit.describe(),
        stage.label,
        tried.untried_dates()
    );
    diagnostic.with_help(format!(
        "ladder tried the {} dates from {} to {} and found no conflict. {untried} Load a newer list of bank holidays with `--holidays FILE` (the government's bank-holidays.json) to try them, or check this limit against the others by hand for those dates.",
        tried.count,
        long_date(tried.first),
        long_date(tried.last),
    ))
}

/// The diagnostic for a broken rule, with the first date as its evidence.
fn report(
    finding: &Finding,
    rule: Rule,
    (stages, into): (&[&Stage], &Into<'_>),
    every: &[Duty],
    tried: &Tried<'_>,
) -> Diagnostic {
    let (a, b) = rule.stages();
    let (from, to) = (stages.get(a).copied(), stages.get(b).copied());
    let raised = spoken_date(finding.raised);
    let often = tried.how_often(finding);
    let (from_dates, to_dates) = (&finding.from, &finding.to);
    // The limits each date comes from, for the labels.
    let conclude_of = |stage: Option<&Stage>, dates: &StageDates| {
        let (date, i) = dates.conclude()?;
        Some((date, stage?.conclude.get(i)?.span))
    };
    let start_of = |stage: Option<&Stage>, dates: &StageDates| {
        Some((dates.start?, stage?.start.as_ref()?.span))
    };
    let label = |stage: Option<&Stage>| stage.map_or_else(String::new, |s| s.label.clone());
    let (from_label, to_label) = (label(from), label(to));

    match (finding.code, rule) {
        (Code::InvertedWindow, _) => {
            let (Some((end, end_span)), Some((start, start_span))) =
                (conclude_of(from, from_dates), start_of(from, from_dates))
            else {
                return fallback(finding, from, &raised);
            };
            Diagnostic::new(
                Code::InvertedWindow,
                end_span,
                format!(
                    "for a concern raised on {raised}, {from_label} must conclude by {} but may start as late as {}",
                    spoken_date(end),
                    spoken_date(start)
                ),
            )
            .with_primary_label(format!("concludes by {}", spoken_date(end)))
            .with_label(start_span, format!("starts as late as {}", spoken_date(start)))
            .with_help(format!(
                "{often} A stage cannot conclude before it starts. Check both limits against the source document."
            ))
        }
        (Code::DutyAfterStage, Rule::Duty { duty, .. }) => {
            let due = from_dates.duties.get(duty).copied().flatten();
            // Duty indices follow `stage_duties`.
            let duty = from.and_then(|s| stage_duties(s, every).nth(duty));
            let (Some(due), Some(duty), Some(limit), Some((end, end_span))) = (
                due,
                duty,
                duty.and_then(|d| d.within.as_ref()),
                conclude_of(from, from_dates),
            ) else {
                return fallback(finding, from, &raised);
            };
            let mut diagnostic = Diagnostic::new(
                Code::DutyAfterStage,
                limit.span,
                format!(
                    "for a concern raised on {raised}, this `{}` may fall due on {}, after {from_label} must conclude on {}",
                    duty.kind.verb(),
                    spoken_date(due),
                    spoken_date(end)
                ),
            )
            .with_primary_label(format!("due by {}", spoken_date(due)))
            .with_label(end_span, format!("the stage concludes by {}", spoken_date(end)));
            if limit.anchor != crate::model::Anchor::ConcernArising
                && let Some((start, start_span)) = start_of(from, from_dates)
            {
                diagnostic = diagnostic.with_label(
                    start_span,
                    format!(
                        "the stage starts by {} at the latest; the time limit counts from then",
                        spoken_date(start)
                    ),
                );
            }
            diagnostic.with_help(format!(
                "{often} Check both against the source document: either the duty must fall due sooner, or the stage must be allowed to conclude later."
            ))
        }
        (Code::DutyBeforeStage, Rule::DutyStart { duty, .. }) => {
            let due = from_dates.duties.get(duty).copied().flatten();
            let duty = from.and_then(|s| stage_duties(s, every).nth(duty));
            let (Some(due), Some(duty), Some(limit), Some((start, start_span)), Some(stage)) = (
                due,
                duty,
                duty.and_then(|d| d.within.as_ref()),
                start_of(from, from_dates),
                from,
            ) else {
                return fallback(finding, from, &raised);
            };
            Diagnostic::new(
                Code::DutyBeforeStage,
                limit.span,
                format!(
                    "for a concern raised on {raised}, this `{}` falls due on {}, but {from_label} may start as late as {}",
                    duty.kind.verb(),
                    spoken_date(due),
                    spoken_date(start)
                ),
            )
            .with_primary_label(format!("due by {}", spoken_date(due)))
            .with_label(start_span, format!("the stage starts by {}", spoken_date(start)))
            .with_help(format!("{often} {}", before_help(stage)))
        }
        (Code::OverlappingWindows | Code::OwnershipGap, _) => {
            let (Some((end, end_span)), Some((start, start_span))) =
                (conclude_of(from, from_dates), start_of(to, to_dates))
            else {
                return fallback(finding, from, &raised);
            };
            if finding.code == Code::OverlappingWindows {
                Diagnostic::new(
                    Code::OverlappingWindows,
                    start_span,
                    format!(
                        "for a concern raised on {raised}, {to_label} must start by {} but {from_label} may run until {}",
                        spoken_date(start),
                        spoken_date(end)
                    ),
                )
                .with_primary_label(format!("starts by {}", spoken_date(start)))
                .with_label(end_span, format!("{from_label} may run until {}", spoken_date(end)))
                .with_help(format!(
                    "{often} An escalation reaches {to_label} only when {from_label} has not resolved it. Let {to_label} start later, or conclude {from_label} sooner."
                ))
            } else {
                Diagnostic::new(
                    Code::OwnershipGap,
                    start_span,
                    format!(
                        "for a concern raised on {raised}, nobody owns the escalation after {from_label} concludes on {} until {to_label} must start on {}",
                        spoken_date(end),
                        spoken_date(start)
                    ),
                )
                .with_primary_label(format!("{to_label} need only start by {}", spoken_date(start)))
                .with_label(end_span, format!("{from_label} concludes by {}", spoken_date(end)))
                .with_help(format!(
                    "{often} If the source document allows this gap, this warning records it. Otherwise let {to_label} start sooner{}.",
                    no_sooner_than(into, from, to)
                ))
            }
        }
        _ => {
            let (Some((prev, prev_span)), Some((next, next_span))) =
                (conclude_of(from, from_dates), conclude_of(to, to_dates))
            else {
                return fallback(finding, from, &raised);
            };
            Diagnostic::new(
                Code::DeadlinesNotIncreasing,
                next_span,
                format!(
                    "for a concern raised on {raised}, {to_label} must conclude by {}, before {from_label} must conclude on {}",
                    spoken_date(next),
                    spoken_date(prev)
                ),
            )
            .with_primary_label(format!("concludes by {}", spoken_date(next)))
            .with_label(prev_span, format!("{from_label} concludes by {}", spoken_date(prev)))
            .with_help(format!(
                "{often} Each stage of escalation must be allowed to conclude later than the one before it. Check the limits against the source document."
            ))
        }
    }
}

/// The stages that escalate to each stage, by its key.
type Into<'p> = BTreeMap<&'p StageKey, Vec<&'p Stage>>;

/// Where other stages escalate to `to` as well, starting it sooner must not
/// make it start before they may conclude (L041): the limit to the fix of
/// a gap, as words to end its sentence, or nothing.
fn no_sooner_than(into: &Into<'_>, from: Option<&Stage>, to: Option<&Stage>) -> String {
    let (Some(from), Some(to)) = (from, to) else {
        return String::new();
    };
    let others: Vec<&str> = into
        .get(&to.key)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|s| s.key != from.key)
        .map(|s| s.label.as_str())
        .collect();
    match others.as_slice() {
        [] => String::new(),
        [one] => format!(
            ", but no sooner than {one} may conclude, because it escalates to {} too",
            to.label
        ),
        [rest @ .., last] => format!(
            ", but no sooner than {} and {last} may conclude, because they escalate to {} too",
            rest.join(", "),
            to.label
        ),
    }
}

/// A finding whose limits could not be found again. `broken` only reports a
/// rule when every date it compares exists, so this is never reached; it
/// keeps the check panic-free all the same.
fn fallback(finding: &Finding, stage: Option<&Stage>, raised: &str) -> Diagnostic {
    let span = stage.map_or(crate::span::Span::new(0, 0), |s| s.head_span);
    Diagnostic::new(
        finding.code,
        span,
        format!("for a concern raised on {raised}, the time limits of this stage conflict"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn two_years_from_today_without_both_dates() {
        let policy = Policy::default();
        let w = window(&policy, d(2026, 11, 22));
        assert_eq!((w.first, w.last), (d(2026, 11, 22), d(2028, 11, 21)));
    }
}
