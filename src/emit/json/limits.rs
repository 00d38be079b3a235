//! Time limits in the JSON document: the kind, amount, unit and anchor of
//! each, its text in the language's words, and how two limits on one act go
//! together.

use serde::Serialize;

use super::{At, Builder};
use crate::model::{self, Anchor, DayUnit, Join, LimitKind, StageEvent, StageKey};

#[derive(Debug, Serialize)]
pub struct Limit {
    /// `on` (day N), `by` (end of day N), `within` (a duration), or a
    /// timescale in words: `immediately`, `without_delay`, `same_day`,
    /// `before_meeting_ends`, `case_by_case`.
    pub kind: &'static str,
    /// The day number for `on` and `by`, the duration for `within`; 0 for a
    /// timescale in words.
    pub amount: u32,
    /// `calendar_days`, `working_days` or `hours`.
    pub unit: &'static str,
    /// What a duration counts from: `concern_arising`, `stage_starting`,
    /// `being_notified`, `previous_stage_concluding` (a stage's start that
    /// says nothing else), `meeting`, `previous_duty` or `stage` (then
    /// `anchor_stage` and `anchor_event` say which). Day numbers always
    /// count from the concern arising.
    pub anchor: &'static str,
    /// For `anchor: "stage"`: the id of the stage counted from.
    pub anchor_stage: Option<String>,
    /// For `anchor: "stage"`: `starting`, `concluding` or
    /// `ending_unresolved`.
    pub anchor_event: Option<&'static str>,
    /// For `case_by_case`: the words that say how it is decided.
    pub words: Option<String>,
    /// False for a target (`aim to`), true for a hard limit.
    pub hard: bool,
    /// The limit in the words of the language.
    pub text: String,
    pub at: At,
}

impl Builder<'_> {
    pub(super) fn limit(&self, l: &model::Limit) -> Limit {
        let (anchor_stage, anchor_event) = match &l.anchor {
            Anchor::Stage { to, event, .. } => (
                to.as_ref().map(StageKey::slug),
                Some(match event {
                    StageEvent::Starting => "starting",
                    StageEvent::Concluding => "concluding",
                    StageEvent::EndingUnresolved => "ending_unresolved",
                }),
            ),
            _ => (None, None),
        };
        Limit {
            kind: l.kind.word(),
            amount: l.amount,
            unit: unit(l.unit),
            anchor: match l.anchor {
                Anchor::ConcernArising => "concern_arising",
                Anchor::BeingNotified => "being_notified",
                // `before the meeting ends` falls on the meeting's day.
                Anchor::Unstated if l.kind == LimitKind::BeforeMeetingEnds => "meeting",
                Anchor::StageStarting | Anchor::Unstated => "stage_starting",
                Anchor::Meeting => "meeting",
                Anchor::PreviousDuty => "previous_duty",
                Anchor::Stage { .. } => "stage",
            },
            anchor_stage,
            anchor_event,
            words: l.words.clone(),
            hard: l.hard,
            text: self.labels.describe(l),
            at: self.at(l.span),
        }
    }

    /// A limit on a route, or on a duty done on one: what it does not
    /// anchor counts from the stage concluding, not from its start.
    pub(super) fn route_limit(&self, l: &model::Limit) -> Limit {
        let mut limit = self.limit(l);
        if l.anchor == Anchor::Unstated {
            limit.anchor = "stage_concluding";
        }
        limit
    }
}

pub(super) fn unit(u: DayUnit) -> &'static str {
    match u {
        DayUnit::CalendarDays => "calendar_days",
        DayUnit::WorkingDays => "working_days",
        DayUnit::Hours => "hours",
    }
}

/// How two limits on one act go together, as the JSON says it.
pub(super) fn join(join: Join) -> &'static str {
    match join {
        Join::Sooner => "sooner",
        Join::SameAct => "same_act",
    }
}
