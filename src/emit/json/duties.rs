//! Duties in the JSON document: one shape for every kind, with the records,
//! forms and actors each names, who carries it out and when.

use serde::Serialize;

use super::limits::join;
use super::{At, Builder, Limit};
use crate::ast::Trigger;
use crate::model::{self, DutyKind};

/// One duty. Every duty has the same fields; those that do not apply to its
/// `kind` are null or empty (see `docs/json.md` for which apply).
#[derive(Debug, Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent yes/no of the language (`may`, `where possible`, `or`), not a state encoded in bools"
)]
pub struct Duty {
    pub kind: &'static str,
    /// `must`, `should` or `may`.
    pub modality: &'static str,
    /// True for `may` (kept beside `modality` for engines that read it).
    pub optional: bool,
    pub what: Option<String>,
    /// Actors the duty is about: notified, shared with, referred, reported
    /// or recommended to, involved, consulted.
    pub actors: Vec<ActorRef>,
    /// True when `actors` was written with `or`: any one of them, not all.
    pub actors_either: bool,
    /// For `record`: the records it goes in, in file order; empty when
    /// not said.
    pub records: Vec<RecordPlace>,
    /// The form for `refer ... using`, `record ... using` and `complete`.
    pub form: Option<String>,
    pub by: Vec<ActorRef>,
    /// True when `by` was written with `or`: any one of them.
    pub by_either: bool,
    /// True for `by each party`: each lead and counterpart of the stage
    /// carries it out, for their own agency.
    pub by_each_party: bool,
    pub within: Option<Limit>,
    /// A second limit, or null; `within_join` says how the two go together.
    pub within_also: Option<Limit>,
    /// `sooner` or `same_act`, as for a stage's `conclude_join`.
    pub within_join: &'static str,
    /// `on_entry`, `when_resolved`, `when_unresolved`, `when_concluded`;
    /// null for "during the stage".
    pub trigger: Option<&'static str>,
    /// True when the duty applies only where it can be done.
    pub where_possible: bool,
    pub at: At,
}

/// A record a `record` duty writes in.
#[derive(Debug, Serialize)]
pub struct RecordPlace {
    pub record: String,
    /// True for `each agency's record`: every agency keeps its own.
    pub each_agency: bool,
}

/// An actor as a duty, `by` or `via` names it.
#[derive(Debug, Serialize)]
pub struct ActorRef {
    /// `actor` (the role itself), `equivalent` (the role in the other
    /// agency), `own` (the role of whoever carries the duty out),
    /// `all_involved` or `the_parties`.
    pub kind: &'static str,
    /// The role's name; null for `all_involved` and `the_parties`.
    pub actor: Option<String>,
}

impl Builder<'_> {
    pub(super) fn duties(&self, duties: &[model::Duty]) -> Vec<Duty> {
        duties.iter().map(|d| self.duty(d)).collect()
    }

    pub(super) fn duty(&self, d: &model::Duty) -> Duty {
        let mut out = Duty {
            kind: d.kind.verb(),
            modality: d.modality.word(),
            optional: d.optional(),
            what: None,
            actors: refs(d.kind.actors()),
            actors_either: d.actors_either,
            records: Vec::new(),
            form: None,
            by: refs(&d.by),
            by_either: d.by_either,
            by_each_party: d.by_each_party,
            within: d.within.as_ref().map(|l| self.limit(l)),
            within_also: d.within_also.as_ref().map(|l| self.limit(l)),
            within_join: join(d.within_join),
            trigger: d.trigger.map(|t| match t {
                Trigger::OnEntry => "on_entry",
                Trigger::WhenResolved => "when_resolved",
                Trigger::WhenUnresolved => "when_unresolved",
                Trigger::WhenConcluded => "when_concluded",
            }),
            where_possible: d.where_possible,
            at: self.at(d.span),
        };
        match &d.kind {
            DutyKind::Record {
                what,
                records,
                form,
            } => {
                out.what = Some(what.clone());
                out.records = records
                    .iter()
                    .map(|r| RecordPlace {
                        record: r.record.clone(),
                        each_agency: r.each_agency,
                    })
                    .collect();
                out.form.clone_from(form);
            }
            DutyKind::Notify(_) | DutyKind::Involve(_) | DutyKind::Consult(_) => {}
            DutyKind::Refer { what, form, .. } => {
                out.what.clone_from(what);
                out.form.clone_from(form);
            }
            DutyKind::Recommend { what, .. }
            | DutyKind::Report { what, .. }
            | DutyKind::Share { what, .. }
            | DutyKind::Decide(what)
            | DutyKind::Meet(what) => {
                out.what.clone_from(what);
            }
            DutyKind::Complete(form) => out.form = Some(form.clone()),
            DutyKind::Task(what) => out.what = Some(what.clone()),
        }
        out
    }
}

pub(super) fn refs(list: &[model::ActorRef]) -> Vec<ActorRef> {
    list.iter()
        .map(|a| ActorRef {
            kind: a.kind_word(),
            actor: a.name().map(str::to_owned),
        })
        .collect()
}
