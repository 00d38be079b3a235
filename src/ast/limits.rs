//! The syntax tree of time limits: `start`, `conclude`, bounds (`by day
//! 9`, `within 5 working days of stage 2 concluding`, `immediately`) and
//! what a duration counts from, as written.

use super::{StageRef, Text};
use crate::span::Span;

/// `start no later than day 3`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    pub aim: bool,
    pub bound: Bound,
    pub span: Span,
}

/// `conclude by day 9`, or two limits and `whichever is sooner`, or one
/// limit in two units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conclude {
    pub aim: bool,
    pub bounds: Vec<Bound>,
    /// How the two bounds, when there are two, go together.
    pub join: Join,
    pub span: Span,
}

/// How two limits on one act go together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Join {
    /// `..., or ..., whichever is sooner`: two limits, the sooner applies.
    #[default]
    Sooner,
    /// `within 48 hours (2 working days)`: one limit, written in two
    /// units; the earlier date governs and a disagreement is reported.
    SameAct,
}

/// `all stages conclude within 10 working days`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overall {
    pub aim: bool,
    pub bound: Bound,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bound {
    pub kind: BoundKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoundKind {
    /// `on day 1`
    On(DayRef),
    /// `by day 9`, `no later than day 9`
    By(DayRef),
    /// `within 24 hours`
    Within(Within),
    /// `immediately`, `without delay`, `the same day`, `before the meeting
    /// ends`, `case by case "..."`
    Words(Words),
}

/// A timescale given in words rather than a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Words {
    Immediately,
    WithoutDelay,
    SameDay,
    BeforeMeetingEnds,
    /// `case by case "..."`, with the words that say how it is decided.
    CaseByCase(Text),
}

/// `day 9`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayRef {
    pub day: u32,
    pub span: Span,
}

/// `within 5 working days of being notified`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Within {
    /// `within a further ...`: counted from the timed duty before.
    pub further: bool,
    pub amount: u32,
    pub unit: Unit,
    pub anchor: Anchor,
    pub span: Span,
}

/// The unit of a duration as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Hours,
    /// `days`: the policy's own kind of day.
    Days,
    CalendarDays,
    WorkingDays,
}

/// What a duration counts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Not said: the stage starting.
    Unstated,
    StageStarting,
    BeingNotified,
    ConcernArising,
    /// `of the meeting`: the stage's `meet` duty.
    Meeting,
    /// `of stage 2 concluding`, `of the previous stage ending unresolved`;
    /// `stage` is `None` for the previous stage (or step).
    Stage {
        stage: Option<StageRef>,
        event: StageEvent,
    },
}

/// What happens at a stage that a duration counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StageEvent {
    Starting,
    Concluding,
    EndingUnresolved,
}
