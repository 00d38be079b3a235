//! The semantic model: a policy with its names resolved and its time limits
//! normalised, ready for the checks and the emitters.
//!
//! The model is built only by `lower`, and only from a syntax tree. It holds
//! owned data and spans back into the source, never syntax-tree nodes, so
//! that emitters cannot depend on how something was written. Every list is
//! in file order, which keeps every output deterministic.

use chrono::NaiveDate;

pub use crate::ast::Modality;
pub use crate::ast::{Join, PeriodUnit, ReviewAnchor, StageEvent};
pub use conditions::Condition;
pub use refs::{ActorRef, RecordPlace};

mod conditions;
mod refs;
use crate::ast::{DayOne, Scope, Trigger};
use crate::calendar::Division;
use crate::span::Span;

/// A checked policy.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Policy {
    pub header: PolicyHeader,
    pub actors: Vec<Named>,
    pub records: Vec<Named>,
    pub forms: Vec<Form>,
    /// Duties that apply at every stage of the main ladder and every step.
    pub every_stage: Vec<Duty>,
    /// The main ladder, in file order.
    pub stages: Vec<Stage>,
    pub rules: Vec<Rule>,
    pub procedures: Vec<Procedure>,
    /// Named groups of stages of the main ladder, in file order.
    pub phases: Vec<Phase>,
    /// Top-level notes: statements of the whole policy that belong to no
    /// stage, in file order.
    pub notes: Vec<String>,
    /// `all stages conclude within ...`: a limit on the whole procedure.
    pub overall: Option<Limit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PolicyHeader {
    pub title: Option<String>,
    /// The board, when one board publishes the procedure for everyone it
    /// covers; `None` when the policy names a board for each group only.
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// `board "..." for adults`: the board for one group the policy covers,
    /// in file order.
    pub scoped_boards: Vec<ScopedBoard>,
    pub scope: Vec<Scope>,
    pub version: Option<String>,
    pub adopted: Option<PolicyDate>,
    pub updated: Option<PolicyDate>,
    /// The review date: as written, or computed from `review_period`.
    pub review: Option<PolicyDate>,
    /// `review every 2 years` or `review within 18 months of adoption`;
    /// `review` then holds the due date computed from it.
    pub review_period: Option<ReviewPeriod>,
    pub day_kind: Option<DayUnit>,
    pub day_one: Option<DayOne>,
    pub holidays: Option<Division>,
    /// The `board` line, where it is given.
    pub board_span: Option<Span>,
    /// The `holidays` line, where it is given.
    pub holidays_span: Option<Span>,
    pub contacts: Vec<Contact>,
    pub source: Option<Source>,
    pub raised_by: Option<String>,
    /// What the procedure calls its stages: "Stage", "Step", "Level".
    pub stage_word: String,
    pub span: Span,
}

/// A date at day, month or year precision, as the range of days it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyDate {
    /// The first day the date covers: 1 April 2025 for "April 2025".
    pub first: NaiveDate,
    /// The last day it covers: 30 April 2025 for "April 2025".
    pub last: NaiveDate,
    pub precision: Precision,
    pub span: Span,
}

/// A review period, with the date it was counted from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPeriod {
    /// `every`: the review repeats; `within`: it falls due once.
    pub every: bool,
    pub amount: u32,
    pub unit: PeriodUnit,
    /// What the period is counted from: for `every`, the last update when
    /// the policy states one, else adoption; for `within`, as written.
    pub from: ReviewAnchor,
    pub span: Span,
}

impl ReviewPeriod {
    /// The period in the words of the language: `every 2 years`,
    /// `within 18 months of adoption`.
    #[must_use]
    pub fn describe(&self) -> String {
        let unit = match (self.unit, self.amount) {
            (PeriodUnit::Years, 1) => "year",
            (PeriodUnit::Years, _) => "years",
            (PeriodUnit::Months, 1) => "month",
            (PeriodUnit::Months, _) => "months",
        };
        if self.every {
            format!("every {} {unit}", self.amount)
        } else {
            let anchor = match self.from {
                ReviewAnchor::Adoption => "adoption",
                ReviewAnchor::LastUpdate => "the last update",
            };
            format!("within {} {unit} of {anchor}", self.amount)
        }
    }

    /// The period in months.
    #[must_use]
    pub fn months(&self) -> u32 {
        match self.unit {
            PeriodUnit::Years => self.amount.saturating_mul(12),
            PeriodUnit::Months => self.amount,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub address: String,
    pub purpose: Option<String>,
    /// `for children`: the contact serves one group only.
    pub scope: Option<Scope>,
    pub span: Span,
}

/// `board "..." (SHORT) for adults`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopedBoard {
    pub scope: Scope,
    pub name: String,
    pub short: Option<String>,
    pub span: Span,
}

/// What a contact's address is, read from its shape, so that an engine
/// never e-mails a telephone number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
    Web,
    Other,
}

impl ContactKind {
    /// The word used in the JSON output.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Web => "web",
            ContactKind::Other => "other",
        }
    }
}

impl Contact {
    /// An e-mail address has one `@` and no spaces; a web address starts
    /// with `http://`, `https://` or `www.`; a telephone (or fax) number is
    /// digits with spaces, `+`, `-` and brackets, at least six digits.
    /// Anything else (a postal address, a team's name) is `Other`.
    #[must_use]
    pub fn kind(&self) -> ContactKind {
        let a = self.address.trim();
        let lower = a.to_ascii_lowercase();
        if a.matches('@').count() == 1 && !a.contains(char::is_whitespace) {
            ContactKind::Email
        } else if ["http://", "https://", "www."]
            .iter()
            .any(|p| lower.starts_with(p))
            && !a.contains(char::is_whitespace)
        {
            ContactKind::Web
        } else if a.chars().filter(char::is_ascii_digit).count() >= 6
            && a.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            ContactKind::Phone
        } else {
            ContactKind::Other
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
}

/// An actor or a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub description: String,
    /// `for adults` or `for children`: an actor as it is for one group the
    /// policy covers. The same name then appears once for each group. Always
    /// `None` for a record.
    pub scope: Option<Scope>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub name: String,
    pub title: String,
    pub fields: Vec<String>,
    pub send_to: Vec<SendTo>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendTo {
    Address(String),
    Actor(String),
}

/// Which ladder a stage belongs to, and its id there: stage 2 of the main
/// ladder is `{ procedure: None, id: "2" }`; step 1 of the `threshold`
/// procedure is `{ procedure: Some("threshold"), id: "1" }`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StageKey {
    pub procedure: Option<String>,
    pub id: String,
}

impl StageKey {
    /// How a stage is named where the policy's own word for its stages is
    /// not at hand: `stage 2`, ``step 1 of `threshold` ``.
    #[must_use]
    pub fn plain_label(&self) -> String {
        match &self.procedure {
            None => format!("stage {}", self.id),
            Some(p) => format!("step {} of `{p}`", self.id),
        }
    }

    /// A stable identifier for outputs: `stage-2`, `threshold.step-1`.
    #[must_use]
    pub fn slug(&self) -> String {
        match &self.procedure {
            None => format!("stage-{}", self.id),
            Some(p) => format!("{p}.step-{}", self.id),
        }
    }
}

/// A stage of the main ladder or a step of a procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub key: StageKey,
    pub number: Option<u32>,
    pub title: String,
    /// How people refer to it: "Stage 2", "Step 3", "stage `practitioners`".
    pub label: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub start: Option<Limit>,
    /// One limit, or two: of which the sooner applies, or one limit in two
    /// units (`conclude_join`).
    pub conclude: Vec<Limit>,
    pub conclude_join: Join,
    pub leads: Vec<String>,
    /// `led by a or b`: any one of them leads (`and`: they lead together).
    pub leads_either: bool,
    pub counterparts: Vec<Counterpart>,
    /// `with a or b`: the concern is taken up with any one of them.
    pub counterparts_either: bool,
    pub panel: Option<Panel>,
    pub duties: Vec<Duty>,
    /// What applies only while a condition holds (`if "..." { ... }`), in
    /// file order.
    pub conditions: Vec<Condition>,
    pub outcomes: Vec<Outcome>,
    /// `repeats "..."`: the stage may be taken again, one level up.
    pub repeats: Option<Repeats>,
    pub span: Span,
    pub head_span: Span,
}

/// A stage that may be taken again, with more senior people each time:
/// "then more senior managers in turn, up to a director".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeats {
    /// How it repeats, in the source's words.
    pub how: String,
    /// The most senior role it goes up to, when said.
    pub up_to: Option<String>,
    pub span: Span,
}

/// A named group of consecutive stages of the main ladder: "informal
/// (stages 1 to 3) and formal (stage 4 onwards)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    pub title: String,
    /// The first stage named; `None` when the name did not resolve.
    pub from: Option<StageKey>,
    /// The last stage named: the same as `from` for one stage, `None` for
    /// `from stage N` or when the name did not resolve.
    pub to: Option<StageKey>,
    /// `from stage N`: the phase runs to the end of the ladder.
    pub onwards: bool,
    /// The stages in the phase, in ladder order; empty when a name did not
    /// resolve or the range runs backwards.
    pub stages: Vec<StageKey>,
    pub span: Span,
}

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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterpart {
    pub actor: String,
    pub equivalent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panel {
    pub title: String,
    pub convened_by: Option<String>,
    pub convened_if_needed: bool,
    pub overseen_by: Option<String>,
    pub chaired_by: Option<String>,
    pub members: Option<Members>,
    pub binding: Option<bool>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub duties: Vec<Duty>,
    /// Duties that apply only while a condition holds; no leads or
    /// counterparts (a panel has its chair and members).
    pub conditions: Vec<Condition>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Members {
    pub at_least: bool,
    pub count: u32,
    pub independent: bool,
    pub where_possible: bool,
    /// The `members` line.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent yes/no of the language (`where possible`, `or`), not a state encoded in bools"
)]
pub struct Duty {
    /// `must` (the default), `should` or `may`.
    pub modality: Modality,
    pub kind: DutyKind,
    /// The actors in `kind` were joined with `or` (`notify a or b`): any one
    /// of them, not all.
    pub actors_either: bool,
    pub by: Vec<ActorRef>,
    /// `by a or b`: any one of them carries the duty out.
    pub by_either: bool,
    /// `by each party`: each lead and counterpart of the stage carries it
    /// out, for their own agency. `by` is empty then.
    pub by_each_party: bool,
    pub within: Option<Limit>,
    /// A second limit: the sooner of the two applies, or the same limit in
    /// another unit (`within_join`).
    pub within_also: Option<Limit>,
    pub within_join: Join,
    pub trigger: Option<Trigger>,
    /// The duty applies only where it can be done (`where possible`).
    pub where_possible: bool,
    pub span: Span,
}

impl Duty {
    /// True for `may`: the duty is allowed, not required.
    #[must_use]
    pub fn optional(&self) -> bool {
        self.modality == Modality::May
    }

    /// True for `must` and `should`: the policy expects the duty to be done,
    /// so it counts for the recording and sharing checks.
    #[must_use]
    pub fn expected(&self) -> bool {
        self.modality != Modality::May
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DutyKind {
    /// `record "what"`, in the records listed (none: not said), through a
    /// form if `using` names one.
    Record {
        what: String,
        records: Vec<RecordPlace>,
        form: Option<String>,
    },
    Notify(Vec<ActorRef>),
    /// `what` is `None` for the stage's outcome.
    Share {
        what: Option<String>,
        with: Vec<ActorRef>,
    },
    Refer {
        what: Option<String>,
        to: Vec<ActorRef>,
        form: Option<String>,
    },
    Recommend {
        what: Option<String>,
        to: Vec<ActorRef>,
    },
    Decide(Option<String>),
    Report {
        what: Option<String>,
        to: Vec<ActorRef>,
    },
    Involve(Vec<ActorRef>),
    Consult(Vec<ActorRef>),
    Meet(Option<String>),
    Complete(String),
    Task(String),
}

impl DutyKind {
    /// The actors the duty concerns (notified, shared with, referred,
    /// recommended or reported to, involved, consulted); empty for the
    /// other kinds.
    #[must_use]
    pub fn actors(&self) -> &[ActorRef] {
        match self {
            DutyKind::Notify(a)
            | DutyKind::Involve(a)
            | DutyKind::Consult(a)
            | DutyKind::Share { with: a, .. }
            | DutyKind::Refer { to: a, .. }
            | DutyKind::Recommend { to: a, .. }
            | DutyKind::Report { to: a, .. } => a,
            DutyKind::Record { .. }
            | DutyKind::Decide(_)
            | DutyKind::Meet(_)
            | DutyKind::Complete(_)
            | DutyKind::Task(_) => &[],
        }
    }

    /// The verb that starts the duty in the language.
    #[must_use]
    pub fn verb(&self) -> &'static str {
        match self {
            DutyKind::Record { .. } => "record",
            DutyKind::Notify(_) => "notify",
            DutyKind::Share { .. } => "share",
            DutyKind::Refer { .. } => "refer",
            DutyKind::Recommend { .. } => "recommend",
            DutyKind::Decide(_) => "decide",
            DutyKind::Report { .. } => "report",
            DutyKind::Involve(_) => "involve",
            DutyKind::Consult(_) => "consult",
            DutyKind::Meet(_) => "meet",
            DutyKind::Complete(_) => "complete",
            DutyKind::Task(_) => "task",
        }
    }
}

/// A route out of a stage: when it is taken, where it leads, and what the
/// route itself carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub when: OutcomeWhen,
    pub target: Target,
    /// A limit on the move itself (`unresolved: escalate to stage 3 within
    /// 1 working day`): the next stage must be asked within it. Counted
    /// from this stage concluding unless the limit says otherwise (its
    /// anchor is `Unstated` then).
    pub within: Option<Limit>,
    /// Duties done when this route is taken (`{ ... }` after the target),
    /// counted from this stage concluding unless they say otherwise.
    pub duties: Vec<Duty>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeWhen {
    Resolved,
    Unresolved,
    If(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An end of the procedure, by name.
    End(String),
    /// Another stage; `None` when the name did not resolve (already reported).
    /// `via` lists who takes the escalation on, in file order; empty when
    /// not said.
    Stage {
        to: Option<StageKey>,
        via: Vec<ActorRef>,
        /// `via a or b`: any one of them takes it on (`and`: together).
        via_either: bool,
    },
    /// A procedure outside this policy, such as a complaints procedure.
    Follow(String),
}

/// An exception rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub start_at: Vec<StartAt>,
    pub follow: Vec<String>,
    pub duties: Vec<Duty>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartAt {
    /// Any stage of the main ladder.
    AnyStage,
    /// Any step of the procedure the rule is written in.
    AnyStep,
    /// A named stage; `None` when the name did not resolve.
    Stage(Option<StageKey>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub name: String,
    pub title: String,
    pub applies: Option<String>,
    /// `concern raised by x` inside the procedure: who starts it, when not
    /// the policy's raiser.
    pub raised_by: Option<String>,
    /// The procedure's own exception rules, in file order.
    pub rules: Vec<Rule>,
    pub meanwhile: Vec<String>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub steps: Vec<Stage>,
    pub span: Span,
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

impl Duty {
    /// The duty's limits: none, one or two.
    pub fn limits(&self) -> impl Iterator<Item = &Limit> {
        self.within.iter().chain(self.within_also.iter())
    }
}

impl Policy {
    /// How people refer to a stage, from its key: its label ("Step 2").
    #[must_use]
    pub fn label_of(&self, key: &StageKey) -> String {
        self.stage(key)
            .map_or_else(|| key.plain_label(), |s| s.label.clone())
    }

    /// A limit in words, naming stages as this policy does.
    #[must_use]
    pub fn describe_limit(&self, limit: &Limit) -> String {
        limit.describe_with(&|k| self.label_of(k))
    }

    /// Every stage and step, main ladder first.
    pub fn all_stages(&self) -> impl Iterator<Item = &Stage> {
        self.stages
            .iter()
            .chain(self.procedures.iter().flat_map(|p| p.steps.iter()))
    }

    #[must_use]
    pub fn stage(&self, key: &StageKey) -> Option<&Stage> {
        self.all_stages().find(|s| &s.key == key)
    }

    /// Every exception rule, the policy's first, then each procedure's own
    /// with its procedure.
    pub fn all_rules(&self) -> impl Iterator<Item = (&Rule, Option<&Procedure>)> {
        self.rules.iter().map(|r| (r, None)).chain(
            self.procedures
                .iter()
                .flat_map(|p| p.rules.iter().map(move |r| (r, Some(p)))),
        )
    }

    /// The procedure a step belongs to; `None` for a stage of the main
    /// ladder.
    #[must_use]
    pub fn procedure_of(&self, stage: &Stage) -> Option<&Procedure> {
        let name = stage.key.procedure.as_ref()?;
        self.procedures.iter().find(|p| &p.name == name)
    }

    /// Who raises the concern a stage deals with: a sub-procedure's own
    /// raiser for its steps, when it names one, else the policy's.
    #[must_use]
    pub fn raiser_of(&self, stage: &Stage) -> Option<&String> {
        self.procedure_of(stage)
            .and_then(|p| p.raised_by.as_ref())
            .or(self.header.raised_by.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::{Contact, ContactKind};
    use crate::span::Span;

    fn kind(address: &str) -> ContactKind {
        Contact {
            address: address.to_owned(),
            purpose: None,
            scope: None,
            span: Span::new(0, 0),
        }
        .kind()
    }

    #[test]
    fn contact_kinds_are_read_from_the_address() {
        // Addresses as the seed documents write them.
        assert_eq!(kind("HSAB@halton.gov.uk"), ContactKind::Email);
        assert_eq!(kind("020 8901 2680"), ContactKind::Phone);
        assert_eq!(kind("0800 023 4650"), ContactKind::Phone);
        assert_eq!(kind("+44 (0)20 8420-9453"), ContactKind::Phone);
        assert_eq!(
            kind("www.harrow.gov.uk/safeguardingadults"),
            ContactKind::Web
        );
        assert_eq!(kind("https://example.org"), ContactKind::Web);
        // Not enough digits for a number, or words: other.
        assert_eq!(kind("999"), ContactKind::Other);
        assert_eq!(kind("the Business Unit"), ContactKind::Other);
        assert_eq!(kind("a @ b"), ContactKind::Other);
    }
}
