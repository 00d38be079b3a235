//! Duties in the model: what must, should or may be done, by whom, when and
//! within what limits, and the kinds of duty with the actors each concerns.

use super::{ActorRef, Join, Limit, Modality, RecordPlace};
use crate::ast::Trigger;
use crate::span::Span;

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

    /// The duty's limits: none, one or two.
    pub fn limits(&self) -> impl Iterator<Item = &Limit> {
        self.within.iter().chain(self.within_also.iter())
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
