//! The semantic model: a policy with its names resolved and its time limits
//! normalised, ready for the checks and the emitters.
//!
//! The model is built only by `lower`, and only from a syntax tree. It holds
//! owned data and spans back into the source, never syntax-tree nodes, so
//! that emitters cannot depend on how something was written. Every list is
//! in file order, which keeps every output deterministic.
//!
//! This file holds the policy and its ladders: stages, panels, routes,
//! phases, exception rules and sub-procedures. The header, time limits,
//! duties, the actors and records a duty names, and conditional items live
//! in the files of `model/`, re-exported here so every `model::X` path is
//! the same.

pub use crate::ast::Modality;
pub use crate::ast::{Join, PeriodUnit, ReviewAnchor, StageEvent};
pub use conditions::Condition;
pub use duties::{Duty, DutyKind};
pub use header::{
    Contact, ContactKind, PolicyDate, PolicyHeader, Precision, ReviewPeriod, ScopedBoard, Source,
};
pub use limits::{Anchor, DayUnit, Limit, LimitKind, describe_limits};
pub use refs::{ActorRef, RecordPlace};

mod conditions;
mod duties;
mod header;
mod limits;
mod refs;
use crate::ast::Scope;
use crate::span::Span;

/// A checked policy: the header, the actors and records it names, and its
/// ladders of stages, with every name resolved and every time limit
/// normalised into a [`Limit`].
///
/// Get one from [`crate::driver::check_source`] (through
/// [`crate::driver::Checked::clean_policy`], so that it has no errors).
/// Every list is in file order.
///
/// # Examples
///
/// Walking the main ladder: each stage's label, its conclusion limits in
/// the language's words, and where its routes lead.
///
/// ```
/// use chrono::NaiveDate;
/// use ladder::checks::Options;
/// use ladder::driver::check_source;
/// use ladder::model::{Target, describe_limits};
///
/// let text = include_str!("../tests/policies/chained-working-days.ladder");
/// let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
/// let checked = check_source(text, &Options::new(today));
/// let policy = checked.clean_policy().unwrap();
/// let labels = policy.stage_labels();
/// let label = |key: &ladder::model::StageKey| labels.label(key);
///
/// let stage = &policy.stages[1];
/// assert_eq!(stage.label, "Stage 2");
/// assert_eq!(stage.title, "Manager to manager");
/// assert_eq!(
///     describe_limits(&stage.conclude, stage.conclude_join, &label),
///     "within 48 hours (2 working days)"
/// );
/// let escalates_to: Vec<String> = stage
///     .outcomes
///     .iter()
///     .filter_map(|o| match &o.target {
///         Target::Stage { to: Some(key), .. } => Some(label(key)),
///         _ => None,
///     })
///     .collect();
/// assert_eq!(escalates_to, ["Stage 3"]);
/// // The limit on the whole procedure, and the header's calendar.
/// assert_eq!(
///     policy.overall.as_ref().unwrap().describe(),
///     "within 15 working days of the concern arising"
/// );
/// assert_eq!(policy.header.holidays.unwrap().name(), "england-and-wales");
/// ```
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
    /// The findings the board has accepted, in file order (`accept L044
    /// "..."`); compared by `diff`, matched to findings by `crate::accept`.
    pub acceptances: Vec<Acceptance>,
}

/// `accept L044 "..."`, as the diff compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    /// The code, such as `L044` (as written when it is not a code).
    pub code: String,
    pub reason: String,
    /// Where it is written, such as `stage 4` or `the whole policy`.
    pub place: String,
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

/// How people refer to each stage of a policy ("Step 2"), looked up by
/// key in constant time, for outputs that name many stages.
pub struct StageLabels<'p> {
    labels: std::collections::HashMap<&'p StageKey, &'p str>,
}

impl StageLabels<'_> {
    /// A stage's label, or a plain one for a key the policy does not have.
    #[must_use]
    pub fn label(&self, key: &StageKey) -> String {
        self.labels
            .get(key)
            .map_or_else(|| key.plain_label(), |l| (*l).to_owned())
    }

    /// A limit in words, naming stages as the policy does.
    #[must_use]
    pub fn describe(&self, limit: &Limit) -> String {
        limit.describe_with(&|k| self.label(k))
    }
}

impl Policy {
    /// The labels of every stage and step, for naming them by key.
    #[must_use]
    pub fn stage_labels(&self) -> StageLabels<'_> {
        StageLabels {
            labels: self
                .all_stages()
                .map(|s| (&s.key, s.label.as_str()))
                .collect(),
        }
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
