//! Builders for time limits: `on day`, `by day`, `within` with its unit
//! and what it counts from, limits in words, and the second limit of a
//! `conclude` or a duty (whichever is sooner, or the same limit in another
//! unit).

use pest::iterators::Pair;

use super::{Builder, Rule, children, has_keyword, span_of, string};
use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;

impl Builder<'_> {
    pub(super) fn bound(&mut self, pair: Pair<'_, Rule>) -> Option<Bound> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let kind = match inner.as_rule() {
            Rule::on_day => BoundKind::On(self.day_ref(children(inner).next()?)?),
            Rule::by_day => BoundKind::By(self.day_ref(children(inner).next()?)?),
            Rule::within => BoundKind::Within(self.within(inner)?),
            Rule::words_limit => BoundKind::Words(Self::words(inner)?),
            _ => return None,
        };
        Some(Bound { kind, span })
    }

    /// `immediately`, `without delay`, `the same day`, `before the meeting
    /// ends`, `case by case "..."`.
    pub(super) fn words(pair: Pair<'_, Rule>) -> Option<Words> {
        let inner = pair.into_inner().next()?;
        Some(match inner.as_rule() {
            Rule::kw_immediately => Words::Immediately,
            Rule::kw_without_delay => Words::WithoutDelay,
            Rule::kw_the_same_day => Words::SameDay,
            Rule::kw_before_the_meeting_ends => Words::BeforeMeetingEnds,
            Rule::case_by_case => Words::CaseByCase(string(children(inner).next()?)),
            _ => return None,
        })
    }

    /// The second limit of `conclude` or of a duty: `, or within 2 working
    /// days, whichever is sooner`, or `(2 working days)`, the same limit as
    /// `first` in another unit, counted from the same anchor.
    pub(super) fn second_limit(
        &mut self,
        pair: Pair<'_, Rule>,
        first: Option<&Bound>,
    ) -> Option<(Bound, Join)> {
        let span = span_of(&pair);
        if pair.as_rule() == Rule::sooner {
            let bound = children(pair).find(|p| p.as_rule() == Rule::bound)?;
            return Some((self.bound(bound)?, Join::Sooner));
        }
        let Some(Bound {
            kind: BoundKind::Within(first),
            ..
        }) = first
        else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::Syntax,
                    span,
                    "a second unit in brackets must follow a `within` limit",
                )
                .with_help(
                    "Write the limit as the source does, for example `within 48 hours (2 working days)`.",
                ),
            );
            return None;
        };
        let duration = children(pair).find(|p| p.as_rule() == Rule::duration)?;
        let (amount, unit) = self.duration(duration);
        Some((
            Bound {
                kind: BoundKind::Within(Within {
                    further: first.further,
                    amount: amount?,
                    unit,
                    anchor: first.anchor.clone(),
                    span,
                }),
                span,
            },
            Join::SameAct,
        ))
    }

    /// A duration's number and unit.
    pub(super) fn duration(&mut self, pair: Pair<'_, Rule>) -> (Option<u32>, Unit) {
        let mut amount = None;
        let mut unit = Unit::Days;
        for part in children(pair) {
            match part.as_rule() {
                Rule::number => amount = self.number(part),
                Rule::unit => unit = Self::unit(&part),
                _ => {}
            }
        }
        (amount, unit)
    }

    pub(super) fn day_ref(&mut self, pair: Pair<'_, Rule>) -> Option<DayRef> {
        let span = span_of(&pair);
        let day = self.number(children(pair).next()?)?;
        if day == 0 {
            self.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, span, "there is no day 0")
                    .with_help("Days are counted from day 1, the first day of the escalation."),
            );
            return None;
        }
        Some(DayRef { day, span })
    }

    pub(super) fn within(&mut self, pair: Pair<'_, Rule>) -> Option<Within> {
        let span = span_of(&pair);
        let mut amount = None;
        let mut unit = Unit::Days;
        let mut anchor = Anchor::Unstated;
        let mut further = false;
        for child in children(pair) {
            match child.as_rule() {
                Rule::further => further = true,
                Rule::duration => (amount, unit) = self.duration(child),
                Rule::anchor => anchor = self.anchor(child)?,
                _ => {}
            }
        }
        Some(Within {
            further,
            amount: amount?,
            unit,
            anchor,
            span,
        })
    }

    pub(super) fn anchor(&mut self, pair: Pair<'_, Rule>) -> Option<Anchor> {
        if has_keyword(&pair, Rule::kw_of_the_concern_arising) {
            return Some(Anchor::ConcernArising);
        }
        if has_keyword(&pair, Rule::kw_of_being_notified) {
            return Some(Anchor::BeingNotified);
        }
        if has_keyword(&pair, Rule::kw_of_the_meeting) {
            return Some(Anchor::Meeting);
        }
        let Some(at) = children(pair).find(|p| p.as_rule() == Rule::stage_anchor) else {
            return Some(Anchor::StageStarting);
        };
        let mut stage = None;
        let mut event = StageEvent::Concluding;
        for part in children(at) {
            match part.as_rule() {
                Rule::stage_ref => stage = Some(self.stage_ref(part)?),
                Rule::stage_event => {
                    let rule = part.into_inner().next().map(|p| p.as_rule());
                    event = match rule {
                        Some(Rule::kw_starting) => StageEvent::Starting,
                        Some(Rule::kw_ending_unresolved) => StageEvent::EndingUnresolved,
                        _ => StageEvent::Concluding,
                    };
                }
                _ => {}
            }
        }
        Some(Anchor::Stage { stage, event })
    }

    pub(super) fn unit(pair: &Pair<'_, Rule>) -> Unit {
        let rule = pair.clone().into_inner().next().map(|p| p.as_rule());
        match rule {
            Some(Rule::kw_hours | Rule::kw_hour) => Unit::Hours,
            Some(Rule::kw_working_days | Rule::kw_working_day) => Unit::WorkingDays,
            Some(Rule::kw_calendar_days | Rule::kw_calendar_day) => Unit::CalendarDays,
            _ => Unit::Days,
        }
    }
}
