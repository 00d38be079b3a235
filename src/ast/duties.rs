//! The syntax tree of duties: the verb and its words, who is named (roles,
//! `equivalent`, `own`, `all involved`), the records written in, the
//! modality and the modifiers, as written.

use super::{Bound, Ident, Join, Text};
use crate::span::Span;

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
