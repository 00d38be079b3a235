//! Time limits in the model: how days are counted, what a limit counts
//! from, the kinds of limit (day numbers, durations and timescales in
//! words), and each limit, or a pair of them, in the words of the language.

use super::{Join, StageEvent, StageKey};
use crate::span::Span;

/// How a day or duration is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayUnit {
    CalendarDays,
    WorkingDays,
    Hours,
}

impl DayUnit {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DayUnit::CalendarDays => "calendar days",
            DayUnit::WorkingDays => "working days",
            DayUnit::Hours => "hours",
        }
    }
}

/// A normalised time limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    pub kind: LimitKind,
    /// A day number for `On` and `By`; a duration for `Within`; 0 for a
    /// timescale in words.
    pub amount: u32,
    pub unit: DayUnit,
    /// What a `Within` duration (or a timescale in words) counts from;
    /// `ConcernArising` for day numbers.
    pub anchor: Anchor,
    /// False for `aim to`: a target, not a hard limit.
    pub hard: bool,
    /// The words of `case by case "..."`.
    pub words: Option<String>,
    pub span: Span,
}

/// What a duration or a timescale in words counts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Not said: the stage starting (for a `start` limit, the stage before
    /// concluding).
    Unstated,
    StageStarting,
    BeingNotified,
    ConcernArising,
    /// `of the meeting`: the stage's `meet` duty.
    Meeting,
    /// `within a further ...`: the timed duty before, in the same block.
    PreviousDuty,
    /// `of stage 2 concluding`, `of the previous stage ending unresolved`.
    /// `to` is `None` when the name did not resolve (already reported);
    /// `previous` remembers that the policy said "the previous stage".
    Stage {
        to: Option<StageKey>,
        event: StageEvent,
        previous: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// On exactly this day.
    On,
    /// By the end of this day.
    By,
    /// Within a duration of the anchor.
    Within,
    /// `immediately`: on the anchor's day, at once.
    Immediately,
    /// `without delay`: as soon as possible, no fixed date.
    WithoutDelay,
    /// `the same day`: on the anchor's day.
    SameDay,
    /// `before the meeting ends`: during the stage's meeting.
    BeforeMeetingEnds,
    /// `case by case "..."`: decided for each concern.
    CaseByCase,
}

impl LimitKind {
    /// Whether the limit is a timescale in words rather than a number.
    #[must_use]
    pub fn in_words(self) -> bool {
        !matches!(self, LimitKind::On | LimitKind::By | LimitKind::Within)
    }

    /// The word used in the JSON output.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            LimitKind::On => "on",
            LimitKind::By => "by",
            LimitKind::Within => "within",
            LimitKind::Immediately => "immediately",
            LimitKind::WithoutDelay => "without_delay",
            LimitKind::SameDay => "same_day",
            LimitKind::BeforeMeetingEnds => "before_meeting_ends",
            LimitKind::CaseByCase => "case_by_case",
        }
    }
}

impl Limit {
    /// The limit in the words of the language: `no later than day 3`,
    /// `within 2 working days of Stage 1 concluding`, `immediately`. Stages
    /// are named by `label`, which gives a stage's label from its key.
    #[must_use]
    pub fn describe_with(&self, label: &dyn Fn(&StageKey) -> String) -> String {
        match self.kind {
            LimitKind::On => format!("on day {}", self.amount),
            LimitKind::By => format!("by day {}", self.amount),
            LimitKind::Within => {
                let further = if self.anchor == Anchor::PreviousDuty {
                    "a further "
                } else {
                    ""
                };
                format!(
                    "within {further}{}{}",
                    self.duration(),
                    self.anchor_words(label)
                )
            }
            LimitKind::Immediately => "immediately".to_owned(),
            LimitKind::WithoutDelay => "without delay".to_owned(),
            LimitKind::SameDay => "the same day".to_owned(),
            LimitKind::BeforeMeetingEnds => "before the meeting ends".to_owned(),
            LimitKind::CaseByCase => match &self.words {
                Some(words) => format!("case by case (\"{words}\")"),
                None => "case by case".to_owned(),
            },
        }
    }

    /// `describe_with` where stages are named plainly ("stage 2", "step 1
    /// of `threshold`"); for messages that have no policy at hand.
    #[must_use]
    pub fn describe(&self) -> String {
        self.describe_with(&StageKey::plain_label)
    }

    /// The duration alone: `5 working days`, `1 hour`.
    #[must_use]
    pub fn duration(&self) -> String {
        let unit = match (self.unit, self.amount) {
            (DayUnit::Hours, 1) => "hour",
            (DayUnit::Hours, _) => "hours",
            (DayUnit::CalendarDays, 1) => "calendar day",
            (DayUnit::CalendarDays, _) => "calendar days",
            (DayUnit::WorkingDays, 1) => "working day",
            (DayUnit::WorkingDays, _) => "working days",
        };
        format!("{} {unit}", self.amount)
    }

    /// What the limit counts from, as words that follow the duration:
    /// ` of being notified`; empty for the stage starting.
    #[must_use]
    pub fn anchor_words(&self, label: &dyn Fn(&StageKey) -> String) -> String {
        match &self.anchor {
            Anchor::ConcernArising => " of the concern arising".to_owned(),
            Anchor::BeingNotified => " of being notified".to_owned(),
            Anchor::Meeting => " of the meeting".to_owned(),
            Anchor::StageStarting | Anchor::Unstated | Anchor::PreviousDuty => String::new(),
            Anchor::Stage {
                to,
                event,
                previous,
            } => {
                let event = match event {
                    StageEvent::Starting => "starting",
                    StageEvent::Concluding => "concluding",
                    StageEvent::EndingUnresolved => "ending unresolved",
                };
                let stage = match (to, previous) {
                    (Some(key), false) => label(key),
                    (Some(key), true) if key.procedure.is_some() => "the previous step".to_owned(),
                    _ => "the previous stage".to_owned(),
                };
                format!(" of {stage} {event}")
            }
        }
    }
}

/// One or two limits in the words of the language: `by day 9`, `within 48
/// hours or within 2 working days, whichever is sooner`, `within 48 hours
/// (2 working days)`.
#[must_use]
pub fn describe_limits(
    limits: &[Limit],
    join: Join,
    label: &dyn Fn(&StageKey) -> String,
) -> String {
    match (limits, join) {
        ([first, second], Join::SameAct) => {
            format!("{} ({})", first.describe_with(label), second.duration())
        }
        ([_, _, ..], Join::Sooner) => format!(
            "{}, whichever is sooner",
            limits
                .iter()
                .map(|l| l.describe_with(label))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        _ => limits
            .iter()
            .map(|l| l.describe_with(label))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}
