//! The syntax tree: what the file says, in the order it says it, with a
//! span on every node.
//!
//! The tree is a faithful picture of the text. It resolves no names and
//! judges nothing (that is `lower` and `checks`), so that the formatter and
//! the diff can work from it as well as the checker.

use crate::span::Span;

/// A name written in the file, such as `line_manager`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    pub text: String,
    pub span: Span,
}

/// Text written in quotes. The span covers the quotes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// A whole `.ladder` file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Header(Header),
    Actor(Decl),
    Record(Decl),
    Form(Form),
    EveryStage(EveryStage),
    Stage(Stage),
    Rule(ExceptionRule),
    Procedure(Procedure),
    /// `phase "Informal" covers stages 1 to 3`
    Phase(Phase),
    /// `note "..."` at the top level: a statement of the whole policy.
    Note(Text),
    /// `all stages conclude within ...`
    Overall(Overall),
}

/// `phase "Informal" covers stages 1 to 3`, `phase "Formal" from stage 4`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    pub title: Text,
    /// The first stage of the phase.
    pub from: StageId,
    /// The last stage of `covers stages 1 to 3`; `None` for `covers stage
    /// 2` (one stage) and for `from stage 4`.
    pub to: Option<StageId>,
    /// `from stage 4`: the phase runs to the end of the ladder.
    pub onwards: bool,
    pub span: Span,
}

/// One header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub kind: HeaderKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    Policy(Text),
    Board {
        name: Text,
        short: Option<Text>,
        /// `for adults`: the board for one group the policy covers.
        scope: Option<Scope>,
    },
    Covers(Vec<Scope>),
    Version(Text),
    Adopted(Date),
    Updated(Date),
    Review(Date),
    /// `review every 2 years`, `review within 18 months of adoption`.
    ReviewPeriod(ReviewPeriod),
    Days(DayKind),
    DayOne(DayOne),
    Holidays(Ident),
    Contact {
        address: Text,
        purpose: Option<Text>,
        /// `for children`: the contact serves one group only.
        scope: Option<Scope>,
    },
    Source {
        title: Text,
        url: Option<Text>,
    },
    RaisedBy(Ident),
    StagesCalled(Text),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Adults,
    Children,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayKind {
    Calendar,
    Working,
}

/// What "day 1" is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayOne {
    /// Day 1 is the day the concern arose.
    DayConcernArose,
    /// Day 1 is the day after the concern arose.
    DayAfter,
}

/// A review period as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPeriod {
    /// `every`: the review repeats; `within`: it falls due once, counted
    /// from `anchor`.
    pub every: bool,
    pub amount: u32,
    pub unit: PeriodUnit,
    /// What a `within` period counts from; `None` for `every`.
    pub anchor: Option<ReviewAnchor>,
    pub span: Span,
}

/// The unit of a review period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodUnit {
    Months,
    Years,
}

/// What a review period counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReviewAnchor {
    Adoption,
    LastUpdate,
}

/// A date as written, at day, month or year precision. Whether it exists
/// (31 February) is checked when the tree is lowered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub span: Span,
}

/// `actor name "description"` or `record name "description"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    pub name: Ident,
    pub description: Text,
    /// `for adults` or `for children` on an actor: the role as it is for
    /// that group. Always `None` for a record.
    pub scope: Option<Scope>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub name: Ident,
    pub title: Text,
    pub fields: Vec<Text>,
    pub send_to: Vec<SendTo>,
    pub cites: Vec<Text>,
    pub notes: Vec<Text>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendTo {
    Address(Text),
    Actor(Ident),
}

/// `every stage { ... }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EveryStage {
    pub duties: Vec<Duty>,
    pub span: Span,
}

/// A stage of the main ladder, or a step of a sub-procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub id: StageId,
    pub title: Text,
    pub items: Vec<StageItem>,
    pub span: Span,
    /// The span of `stage 2 "Title"`, where diagnostics about the whole
    /// stage point.
    pub head_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StageId {
    Number(u32, Span),
    Name(Ident),
}

impl StageId {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            StageId::Number(_, span) => *span,
            StageId::Name(ident) => ident.span,
        }
    }

    /// The id as written: `2` or `line_managers`.
    #[must_use]
    pub fn key(&self) -> String {
        match self {
            StageId::Number(n, _) => n.to_string(),
            StageId::Name(ident) => ident.text.clone(),
        }
    }

    #[must_use]
    pub fn number(&self) -> Option<u32> {
        match self {
            StageId::Number(n, _) => Some(*n),
            StageId::Name(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageItem {
    Cites(Text),
    Note(Text),
    Start(Start),
    Conclude(Conclude),
    Lead(Lead),
    Panel(Panel),
    /// `if "..." { ... }`: what applies only under a condition.
    Condition(Condition),
    Outcome(Outcome),
    Repeats(Repeats),
    Duty(Duty),
}

/// `repeats "with more senior managers in turn" up to director`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeats {
    /// How the stage is taken again, in the source's words.
    pub how: Text,
    /// The most senior role it goes up to, when said.
    pub up_to: Option<Ident>,
    pub span: Span,
}

/// `if "a care provider is involved" { ... }` inside a stage, step or panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub condition: Text,
    pub items: Vec<ConditionItem>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConditionItem {
    Cites(Text),
    Note(Text),
    /// `led by ... [with ...]`: who leads while the condition holds.
    Lead(Lead),
    /// `with ...`: whom the concern is taken up with while it holds.
    With {
        counterparts: Vec<Counterpart>,
        /// Joined with `or`: any one of them.
        either: bool,
        span: Span,
    },
    Duty(Duty),
}

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

/// `led by line_manager with equivalent line_manager`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    pub leads: Vec<Ident>,
    /// The leads were joined with `or`: any one of them leads.
    pub leads_either: bool,
    pub counterparts: Vec<Counterpart>,
    /// The counterparts were joined with `or`: any one of them.
    pub counterparts_either: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterpart {
    /// `equivalent x`: the `x` in the other agency.
    pub equivalent: bool,
    pub actor: Ident,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panel {
    pub title: Text,
    pub convened_by: Option<(Ident, bool)>,
    pub overseen_by: Option<Ident>,
    pub chaired_by: Option<Ident>,
    pub members: Option<Members>,
    pub binding: Option<(bool, Span)>,
    pub cites: Vec<Text>,
    pub notes: Vec<Text>,
    pub duties: Vec<Duty>,
    /// `if "..." { ... }` blocks, holding duties only.
    pub conditions: Vec<Condition>,
    pub span: Span,
}

/// `members at least 3 agencies not concerned in the disagreement`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Members {
    pub at_least: bool,
    pub count: u32,
    /// True for agencies not concerned in the disagreement; false for
    /// "including those concerned".
    pub independent: bool,
    pub where_possible: bool,
    pub span: Span,
}

/// `resolved: end "..."`, with what the route itself carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub when: OutcomeWhen,
    pub target: Target,
    /// `within ...` after an escalation or `follow`: a limit on the move
    /// itself.
    pub within: Option<Within>,
    /// `{ ... }` after the target: duties done when this route is taken.
    pub duties: Vec<Duty>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeWhen {
    Resolved,
    Unresolved,
    If(Text),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    End(Text),
    /// `via` names who takes the escalation on; empty when not said.
    Escalate {
        to: StageRef,
        via: Vec<ActorRef>,
        /// `via a or b`: any one of them takes it on.
        via_either: bool,
    },
    Follow(Text),
}

/// `stage 3` or `step 2`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageRef {
    /// True for `step`, which names a step of the enclosing procedure.
    pub step: bool,
    pub id: StageId,
    pub span: Span,
}

/// Something someone must, should or may do.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent yes/no of the language (`where possible`, `or`), not a state encoded in bools"
)]
pub struct Duty {
    pub modality: Modality,
    pub kind: DutyKind,
    /// The actors in `kind` were joined with `or`: any one of them.
    pub actors_either: bool,
    pub by: Vec<ActorRef>,
    /// The `by` actors were joined with `or`: any one of them.
    pub by_either: bool,
    /// `by each party`: each lead and counterpart of the stage does it, for
    /// their own agency.
    pub by_each_party: bool,
    /// The duty's time limits: none, one, or two joined as `join` says.
    pub within: Vec<Bound>,
    pub join: Join,
    pub trigger: Option<(Trigger, Span)>,
    /// `where possible` (or `wherever possible`): the duty applies only
    /// where it can be done.
    pub where_possible: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DutyKind {
    /// `record "what" [in RECORDS] [using FORM]`.
    Record {
        what: Text,
        records: Vec<RecordPlace>,
        form: Option<Ident>,
    },
    Notify(Vec<ActorRef>),
    /// `what` is `None` for `share outcome`.
    Share {
        what: Option<Text>,
        with: Vec<ActorRef>,
    },
    Refer {
        what: Option<Text>,
        to: Vec<ActorRef>,
        form: Option<Ident>,
    },
    Recommend {
        what: Option<Text>,
        to: Vec<ActorRef>,
    },
    Decide(Option<Text>),
    Report {
        what: Option<Text>,
        to: Vec<ActorRef>,
    },
    Involve(Vec<ActorRef>),
    Consult(Vec<ActorRef>),
    Meet(Option<Text>),
    Complete(Ident),
    Task(Text),
}

/// A record a `record` duty writes in: `case_record`, or `each agency's
/// case_record`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordPlace {
    pub record: Ident,
    /// `each agency's`: every agency keeps its own.
    pub each_agency: bool,
}

/// An actor as a duty, `by` or `via` names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ActorRef {
    /// A declared role: `line_manager`.
    Actor(Ident),
    /// `equivalent x`: the `x` of the other agency.
    Equivalent(Ident),
    /// `own x`: the `x` of whoever carries the duty out.
    Own(Ident),
    /// `all involved`: everyone involved in the escalation.
    AllInvolved(Span),
    /// `the parties`: the parties to the disagreement.
    Parties(Span),
}

impl ActorRef {
    /// The declared name it refers to, if any (none for the two groups).
    #[must_use]
    pub fn ident(&self) -> Option<&Ident> {
        match self {
            ActorRef::Actor(i) | ActorRef::Equivalent(i) | ActorRef::Own(i) => Some(i),
            ActorRef::AllInvolved(_) | ActorRef::Parties(_) => None,
        }
    }
}

/// How binding a duty is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Modality {
    /// `must`, or nothing written: the duty is required.
    #[default]
    Must,
    /// `should`: expected, but not absolute ("a third party should be
    /// consulted").
    Should,
    /// `may`: allowed, not required.
    May,
}

impl Modality {
    /// The word of the language: `must`, `should` or `may`.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Modality::Must => "must",
            Modality::Should => "should",
            Modality::May => "may",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trigger {
    OnEntry,
    WhenResolved,
    WhenUnresolved,
    WhenConcluded,
}

/// `when "condition" { ... }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceptionRule {
    pub condition: Text,
    pub items: Vec<ExceptionItem>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExceptionItem {
    Cites(Text),
    Note(Text),
    /// `start at any stage` (`None`) or `start at stage 3`.
    StartAt {
        target: Option<StageRef>,
        span: Span,
    },
    /// `start at any step`: any step of the procedure the rule is in.
    StartAtAnyStep(Span),
    Follow(Text),
    Duty(Duty),
}

/// `procedure name "title" { ... }`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub name: Ident,
    pub title: Text,
    pub applies: Option<Text>,
    /// `concern raised by x` inside the procedure: who starts it, when not
    /// the policy's raiser. Each such line, in file order.
    pub raised_by: Vec<Ident>,
    /// `when "..." { ... }` inside the procedure: its own exception rules.
    pub rules: Vec<ExceptionRule>,
    pub meanwhile: Vec<Text>,
    pub cites: Vec<Text>,
    pub notes: Vec<Text>,
    pub steps: Vec<Stage>,
    pub span: Span,
}
