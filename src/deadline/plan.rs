//! The plan of one concern: every stage of a policy dated along the chain
//! of stages, with the latest dates the procedure allows.
//!
//! A stage with no `start` of its own starts, at the latest, when the stage
//! that escalates to it must conclude (or, where that route carries a limit
//! of its own, "escalate to stage 3 within 1 working day", by that limit);
//! the first stage of the main ladder starts on day 1. Limits that count
//! from another stage, the meeting or the duty before are dated here, as
//! are the limits and duties of a route and the duties that apply only
//! under a condition. Everything counts through `Concern::limit`, so the
//! meaning of each limit stays in `mod.rs`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Concern, DeadlineError};
use crate::model::{
    Anchor, Duty, DutyKind, LimitKind, Outcome, Policy, Stage, StageEvent, StageKey, Target,
};

/// The dates of every stage of a policy for one concern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// In the order of `Policy::all_stages`.
    pub stages: Vec<StageDates>,
    /// The date of the limit on the whole procedure, if there is one.
    pub overall: Option<NaiveDate>,
}

/// Where a stage with no `start` of its own starts in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chain {
    /// The first stage of the main ladder starts on day 1.
    DayOne,
    /// When this stage must conclude (the latest of those that escalate to
    /// it).
    After(StageKey),
    /// By the limit on the route from this stage (`escalate to stage 3
    /// within 1 working day`).
    Route(StageKey),
}

/// The duties a stage's deadlines are counted for, in the order of
/// `StageDates::duties`: the stage's own duties, then its panel's, then
/// `every`, the policy's `every stage` duties, which are timed at each
/// stage. The checks and the timeline index duties by this order.
pub fn stage_duties<'a>(stage: &'a Stage, every: &'a [Duty]) -> impl Iterator<Item = &'a Duty> {
    stage
        .duties
        .iter()
        .chain(stage.panel.iter().flat_map(|p| p.duties.iter()))
        .chain(every)
}

/// The dates of one stage for one concern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageDates {
    /// The latest day the stage may start, if its start has a date.
    pub start: Option<NaiveDate>,
    /// Where `start` comes from when the stage has no `start` of its own.
    pub start_chain: Option<Chain>,
    /// Each conclusion limit's date, in the order of `Stage::conclude`.
    pub concludes: Vec<Option<NaiveDate>>,
    /// Each duty's due date, in the order of `stage_duties`: the stage's
    /// own, its panel's, then the policy's `every stage` duties; `None` for
    /// a duty with no time limit or one counted from something with no
    /// date. Of two limits on one duty, the earlier date.
    pub duties: Vec<Option<NaiveDate>>,
    /// For each outcome, in the order of `Stage::outcomes`: the dates of
    /// its own limit and duties.
    pub routes: Vec<RouteDates>,
    /// For each condition of the stage (`if "..." { ... }`), in order: the
    /// due dates of its duties.
    pub conditions: Vec<Vec<Option<NaiveDate>>>,
}

/// The dates a route out of a stage carries.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RouteDates {
    /// The date of the route's own limit (`within 1 working day`), counted
    /// from the stage concluding unless it says otherwise.
    pub within: Option<NaiveDate>,
    /// The due dates of the duties done on the route, in order.
    pub duties: Vec<Option<NaiveDate>>,
}

impl StageDates {
    /// The date the stage must conclude by: the sooner of its conclusion
    /// limits that have a date, with the index of the one that applies.
    /// `None` when none has a date. (A limit counted from a start with no
    /// date is left out, as the day-number checks leave it out.)
    #[must_use]
    pub fn conclude(&self) -> Option<(NaiveDate, usize)> {
        let mut best: Option<(NaiveDate, usize)> = None;
        for (i, date) in self.concludes.iter().enumerate() {
            let Some(date) = *date else { continue };
            if best.is_none_or(|(b, _)| date < b) {
                best = Some((date, i));
            }
        }
        best
    }
}

/// What a limit in a stage may count from, for one stage of one concern.
struct Anchors<'a> {
    /// The dates of the stages dated so far, and where each one is.
    done: &'a [StageDates],
    index: &'a HashMap<&'a StageKey, usize>,
    start: Option<NaiveDate>,
    meeting: Option<NaiveDate>,
}

impl Anchors<'_> {
    /// The date `limit` counts from, when it does not count from the
    /// concern; `default` is what an unstated anchor means where it is.
    fn from(
        &self,
        anchor: &Anchor,
        kind: LimitKind,
        previous: Option<NaiveDate>,
        default: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        match anchor {
            Anchor::Stage {
                to: Some(key),
                event,
                ..
            } => {
                let other = self.done.get(*self.index.get(key)?)?;
                match event {
                    StageEvent::Starting => other.start,
                    StageEvent::Concluding | StageEvent::EndingUnresolved => {
                        other.conclude().map(|(d, _)| d)
                    }
                }
            }
            Anchor::Stage { to: None, .. } => None,
            Anchor::Meeting => self.meeting,
            Anchor::PreviousDuty => previous,
            _ if kind == LimitKind::BeforeMeetingEnds => self.meeting,
            Anchor::StageStarting | Anchor::BeingNotified => self.start,
            Anchor::Unstated | Anchor::ConcernArising => default,
        }
    }
}

impl Concern<'_> {
    /// The dates of every stage and step of `policy` for this concern, in
    /// the order of `Policy::all_stages`, chained: a stage with no `start`
    /// of its own starts, at the latest, when the stage that escalates to
    /// it must conclude, or by the limit that route carries (the first
    /// stage of the main ladder on day 1), and its durations count from
    /// there. These are latest-possible plan dates: each is the last day
    /// the procedure allows if every stage before it took all its time.
    pub fn plan(&self, policy: &Policy) -> Result<Plan, DeadlineError> {
        let stages: Vec<&Stage> = policy.all_stages().collect();
        let index: HashMap<&StageKey, usize> = stages
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.key, i))
            .collect();
        // Which routes lead to each stage: (the stage, the outcome's index).
        let mut before: Vec<Vec<(usize, usize)>> = vec![Vec::new(); stages.len()];
        for (i, stage) in stages.iter().enumerate() {
            for (o, outcome) in stage.outcomes.iter().enumerate() {
                if let Target::Stage { to: Some(key), .. } = &outcome.target
                    && let Some(&j) = index.get(key)
                    && j > i
                {
                    before[j].push((i, o));
                }
            }
        }
        let mut dates: Vec<StageDates> = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            // The latest the stages before it may hand it on.
            let mut after: Option<(NaiveDate, Chain)> = None;
            for &(b, o) in &before[i] {
                let Some(from) = dates.get(b) else { continue };
                let route = from.routes.get(o).and_then(|r| r.within);
                let candidate = match (route, from.conclude()) {
                    (Some(date), _) => Some((date, Chain::Route(stages[b].key.clone()))),
                    (None, Some((date, _))) => Some((date, Chain::After(stages[b].key.clone()))),
                    (None, None) => None,
                };
                if let Some((date, chain)) = candidate
                    && after.as_ref().is_none_or(|(d, _)| date > *d)
                {
                    after = Some((date, chain));
                }
            }
            let first_of_ladder = i == 0 && stage.key.procedure.is_none();
            let chained = match (after, first_of_ladder) {
                (Some(chain), _) => Some(chain),
                (None, true) => Some((self.day_one, Chain::DayOne)),
                (None, false) => None,
            };
            let these = self.stage_dates(stage, &policy.every_stage, chained, &dates, &index)?;
            dates.push(these);
        }
        let overall = match &policy.overall {
            Some(limit) => self.limit(limit, Some(self.day_one))?,
            None => None,
        };
        Ok(Plan {
            stages: dates,
            overall,
        })
    }

    /// One stage's dates, given where the chain puts its start and the
    /// dates of the stages before it.
    fn stage_dates(
        &self,
        stage: &Stage,
        every: &[Duty],
        chained: Option<(NaiveDate, Chain)>,
        done: &[StageDates],
        index: &HashMap<&StageKey, usize>,
    ) -> Result<StageDates, DeadlineError> {
        let mut at = Anchors {
            done,
            index,
            start: None,
            meeting: None,
        };
        let chain_date = chained.as_ref().map(|(d, _)| *d);
        // While the start itself is dated, "the stage starting" (or being
        // notified) is the moment the chain hands the stage on.
        at.start = chain_date;
        let (start, start_chain) = match &stage.start {
            // A start counts from the stage before concluding unless it
            // says otherwise.
            Some(limit) => {
                let from = at.from(&limit.anchor, limit.kind, None, chain_date);
                (self.limit(limit, from)?, None)
            }
            None => (chain_date, chained.map(|(_, c)| c)),
        };
        at.start = start;
        // The meeting's date: the first timed `meet` duty's. A stage that
        // concludes "before the meeting ends" needs it before its
        // conclusion is dated.
        if let Some(duty) = stage
            .duties
            .iter()
            .find(|d| matches!(d.kind, DutyKind::Meet(_)) && d.within.is_some())
        {
            at.meeting = self.due(duty, &at, None, start)?;
        }
        let concludes = stage
            .conclude
            .iter()
            .map(|limit| self.limit(limit, at.from(&limit.anchor, limit.kind, None, start)))
            .collect::<Result<Vec<_>, _>>()?;
        // `a further` counts from the timed duty before in the same block:
        // the stage's own duties, its panel's and `every stage` are three.
        let panel: &[Duty] = stage.panel.as_ref().map_or(&[], |p| p.duties.as_slice());
        let mut duties = Vec::new();
        for block in [stage.duties.as_slice(), panel, every] {
            duties.extend(self.block(block, &at, start)?);
        }
        let conditions = stage
            .conditions
            .iter()
            .map(|c| self.block(&c.duties, &at, start))
            .collect::<Result<Vec<_>, _>>()?;
        // A route is taken when the stage concludes: its limit and duties
        // count from then, at the latest.
        let end = concludes.iter().flatten().min().copied();
        let routes = stage
            .outcomes
            .iter()
            .map(|o| self.route(o, &at, end))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StageDates {
            start,
            start_chain,
            concludes,
            duties,
            routes,
            conditions,
        })
    }

    /// The dates of a route's own limit and duties.
    fn route(
        &self,
        outcome: &Outcome,
        at: &Anchors<'_>,
        end: Option<NaiveDate>,
    ) -> Result<RouteDates, DeadlineError> {
        let within = match &outcome.within {
            Some(limit) => self.limit(limit, at.from(&limit.anchor, limit.kind, None, end))?,
            None => None,
        };
        Ok(RouteDates {
            within,
            duties: self.block(&outcome.duties, at, end)?,
        })
    }

    /// The due dates of a block of duties, in order; an unstated anchor
    /// counts from `default`.
    fn block(
        &self,
        block: &[Duty],
        at: &Anchors<'_>,
        default: Option<NaiveDate>,
    ) -> Result<Vec<Option<NaiveDate>>, DeadlineError> {
        let mut previous: Option<NaiveDate> = None;
        let mut out = Vec::with_capacity(block.len());
        for duty in block {
            let due = self.due(duty, at, previous, default)?;
            if due.is_some() {
                previous = due;
            }
            out.push(due);
        }
        Ok(out)
    }

    /// A duty's due date: the earlier of its limits' dates, whether they
    /// are two limits of which the sooner applies or one in two units.
    fn due(
        &self,
        duty: &Duty,
        at: &Anchors<'_>,
        previous: Option<NaiveDate>,
        default: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>, DeadlineError> {
        let mut due: Option<NaiveDate> = None;
        for limit in duty.limits() {
            let from = at.from(&limit.anchor, limit.kind, previous, default);
            if let Some(date) = self.limit(limit, from)? {
                due = Some(due.map_or(date, |d| d.min(date)));
            }
        }
        Ok(due)
    }
}
