//! Whom and where a duty names: actors as a duty, `by` or `via` names them
//! (a role, its equivalent in the other agency, someone's own, or a group),
//! and the records a `record` duty writes in.

/// An actor as a duty, `by` or `via` names it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorRef {
    /// A declared role: `line_manager`.
    Actor(String),
    /// `equivalent x`: the `x` of the other agency.
    Equivalent(String),
    /// `own x`: the `x` of whoever carries the duty out ("their own line
    /// manager"); for `via`, of whoever leads the stage escalating.
    Own(String),
    /// `all involved`: everyone involved in the escalation, the person who
    /// raised it among them.
    AllInvolved,
    /// `the parties`: the parties to the disagreement, the person who raised
    /// it among them.
    Parties,
}

impl ActorRef {
    /// The declared role it refers to; `None` for the two groups.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self {
            ActorRef::Actor(n) | ActorRef::Equivalent(n) | ActorRef::Own(n) => Some(n),
            ActorRef::AllInvolved | ActorRef::Parties => None,
        }
    }

    /// True when it is the role `actor` itself (not its equivalent in the
    /// other agency, nor someone's own one).
    #[must_use]
    pub fn is(&self, actor: &str) -> bool {
        matches!(self, ActorRef::Actor(n) if n == actor)
    }

    /// True for `all involved` and `the parties`, which include whoever
    /// raised the concern.
    #[must_use]
    pub fn is_group(&self) -> bool {
        matches!(self, ActorRef::AllInvolved | ActorRef::Parties)
    }

    /// As written in the language: `line_manager`, `equivalent
    /// line_manager`, `own line_manager`, `all involved`, `the parties`.
    #[must_use]
    pub fn words(&self) -> String {
        match self {
            ActorRef::Actor(n) => n.clone(),
            ActorRef::Equivalent(n) => format!("equivalent {n}"),
            ActorRef::Own(n) => format!("own {n}"),
            ActorRef::AllInvolved => "all involved".to_owned(),
            ActorRef::Parties => "the parties".to_owned(),
        }
    }

    /// The word the JSON uses for what kind of reference it is.
    #[must_use]
    pub fn kind_word(&self) -> &'static str {
        match self {
            ActorRef::Actor(_) => "actor",
            ActorRef::Equivalent(_) => "equivalent",
            ActorRef::Own(_) => "own",
            ActorRef::AllInvolved => "all_involved",
            ActorRef::Parties => "the_parties",
        }
    }
}

/// A record a `record` duty writes in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordPlace {
    pub record: String,
    /// `each agency's`: every agency keeps its own copy.
    pub each_agency: bool,
}

impl RecordPlace {
    /// As written: `case_record` or `each agency's case_record`.
    #[must_use]
    pub fn words(&self) -> String {
        if self.each_agency {
            format!("each agency's {}", self.record)
        } else {
            self.record.clone()
        }
    }
}
