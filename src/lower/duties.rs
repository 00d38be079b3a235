//! Lowering duties: each duty's actors, records and forms resolved, and
//! its time limit normalised.

use super::time::On;
use super::{Kind, Lowerer};
use crate::ast;
use crate::model::*;

impl Lowerer {
    pub(super) fn duty(&mut self, d: &ast::Duty, _procedure: Option<&str>) -> Duty {
        let actors = |this: &mut Self, list: &[ast::ActorRef]| this.actor_refs(list);
        let kind = match &d.kind {
            ast::DutyKind::Record {
                what,
                records,
                form,
            } => {
                for place in records {
                    self.resolve(&place.record, Kind::Record);
                }
                if let Some(f) = form {
                    self.resolve(f, Kind::Form);
                }
                DutyKind::Record {
                    what: what.text.clone(),
                    records: records
                        .iter()
                        .map(|p| RecordPlace {
                            record: p.record.text.clone(),
                            each_agency: p.each_agency,
                        })
                        .collect(),
                    form: form.as_ref().map(|f| f.text.clone()),
                }
            }
            ast::DutyKind::Notify(list) => DutyKind::Notify(actors(self, list)),
            ast::DutyKind::Share { what, with } => DutyKind::Share {
                what: what.as_ref().map(|t| t.text.clone()),
                with: actors(self, with),
            },
            ast::DutyKind::Refer { what, to, form } => {
                if let Some(f) = form {
                    self.resolve(f, Kind::Form);
                }
                DutyKind::Refer {
                    what: what.as_ref().map(|t| t.text.clone()),
                    to: actors(self, to),
                    form: form.as_ref().map(|f| f.text.clone()),
                }
            }
            ast::DutyKind::Recommend { what, to } => DutyKind::Recommend {
                what: what.as_ref().map(|t| t.text.clone()),
                to: actors(self, to),
            },
            ast::DutyKind::Decide(what) => DutyKind::Decide(what.as_ref().map(|t| t.text.clone())),
            ast::DutyKind::Report { what, to } => DutyKind::Report {
                what: what.as_ref().map(|t| t.text.clone()),
                to: actors(self, to),
            },
            ast::DutyKind::Involve(list) => DutyKind::Involve(actors(self, list)),
            ast::DutyKind::Consult(list) => DutyKind::Consult(actors(self, list)),
            ast::DutyKind::Meet(what) => DutyKind::Meet(what.as_ref().map(|t| t.text.clone())),
            ast::DutyKind::Complete(form) => {
                self.resolve(form, Kind::Form);
                DutyKind::Complete(form.text.clone())
            }
            ast::DutyKind::Task(t) => DutyKind::Task(t.text.clone()),
        };
        let by = actors(self, &d.by);
        let mut limits = d.within.iter().map(|b| self.bound(b, true, On::Duty));
        let within = limits.next();
        let within_also = limits.next();
        drop(limits);
        if within.is_some() {
            self.place.timed_before = true;
        }
        Duty {
            modality: d.modality,
            kind,
            actors_either: d.actors_either,
            by,
            by_either: d.by_either,
            by_each_party: d.by_each_party,
            within,
            within_also,
            within_join: d.join,
            trigger: d.trigger.map(|(t, _)| t),
            where_possible: d.where_possible,
            span: d.span,
        }
    }

    /// Resolves the actors a duty, `by` or `via` names.
    pub(super) fn actor_refs(&mut self, list: &[ast::ActorRef]) -> Vec<ActorRef> {
        list.iter()
            .map(|a| {
                if let Some(name) = a.ident() {
                    self.actor(name);
                }
                match a {
                    ast::ActorRef::Actor(n) => ActorRef::Actor(n.text.clone()),
                    ast::ActorRef::Equivalent(n) => ActorRef::Equivalent(n.text.clone()),
                    ast::ActorRef::Own(n) => ActorRef::Own(n.text.clone()),
                    ast::ActorRef::AllInvolved(_) => ActorRef::AllInvolved,
                    ast::ActorRef::Parties(_) => ActorRef::Parties,
                }
            })
            .collect()
    }
}
