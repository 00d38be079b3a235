//! The syntax tree: what the file says, in the order it says it, with a
//! span on every node.
//!
//! The tree is a faithful picture of the text. It resolves no names and
//! judges nothing (that is `lower` and `checks`), so that the formatter and
//! the diff can work from it as well as the checker.
//!
//! Time limits (`limits.rs`) and duties (`duties.rs`) have files of their
//! own; everything is re-exported here, so every `ast::X` path is the same.

use crate::span::Span;

mod duties;
mod limits;

pub use duties::*;
pub use limits::*;

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
    /// `accept ...` lines, wherever they are written, in file order.
    pub acceptances: Vec<Acceptance>,
    /// The spans of the top-level blocks (stages, procedures, forms,
    /// exceptions, `every stage`): a finding inside one of them is accepted
    /// inside it, not at the top level.
    pub blocks: Vec<Span>,
}

/// `accept L044 "the source gives no timescale for stage 4"`: a finding
/// the board has read and decided on, with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    /// The code or its name, as written.
    pub code: Ident,
    /// `None` when no reason is written (reported as L071).
    pub reason: Option<Text>,
    /// The block the line is written in; `None` at the top level.
    pub scope: Option<Span>,
    /// The block in words, such as `stage 4` or `the whole policy`.
    pub place: String,
    pub span: Span,
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
