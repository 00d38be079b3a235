//! Stages in the JSON document, with what they hold: panels, conditions,
//! counterparts, repeats, the transitions out of each, and the phases that
//! group them.

use serde::Serialize;

use super::duties::refs;
use super::limits::join;
use super::{ActorRef, At, Builder, Duty, Limit};
use crate::model::{self, OutcomeWhen, StageKey, Target};

#[derive(Debug, Serialize)]
pub struct Stage {
    /// Unique in the document: `stage-2`, `threshold.step-1`.
    pub id: String,
    pub procedure: Option<String>,
    /// The number or name as written: `2`, `practitioners`.
    pub key: String,
    pub number: Option<u32>,
    pub label: String,
    pub title: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub start: Option<Limit>,
    /// No limit, one, or two (see `conclude_join`).
    pub conclude: Vec<Limit>,
    /// How two `conclude` limits go together: `sooner` (the sooner of two
    /// limits applies) or `same_act` (one limit written in two units; the
    /// earlier date governs).
    pub conclude_join: &'static str,
    pub leads: Vec<String>,
    /// True for `led by a or b`: any one of them leads; false when they lead
    /// together (`and`) or there is one.
    pub leads_either: bool,
    pub counterparts: Vec<Counterpart>,
    /// True for `with a or b`: any one of them.
    pub counterparts_either: bool,
    pub panel: Option<Panel>,
    pub duties: Vec<Duty>,
    /// What applies only while a condition holds, in file order.
    pub conditions: Vec<Condition>,
    pub transitions: Vec<Transition>,
    /// `repeats "..."`: the stage may be taken again, one level up.
    pub repeats: Option<Repeats>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Repeats {
    /// How the stage is taken again, in the source's words.
    pub how: String,
    /// The most senior role it goes up to, or null.
    pub up_to: Option<String>,
    pub at: At,
}

/// `phase "Informal" covers stages 1 to 3`, `phase "Formal" from stage 4`.
#[derive(Debug, Serialize)]
pub struct Phase {
    pub title: String,
    /// The ids of its stages, in ladder order.
    pub stages: Vec<String>,
    /// True for `from stage N`: the phase runs to the end of the ladder.
    pub onwards: bool,
    pub at: At,
}

/// `if "..." { ... }` in a stage or a panel.
#[derive(Debug, Serialize)]
pub struct Condition {
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    /// Who leads while the condition holds; null when the stage's leads
    /// stay (and always in a panel).
    pub leads: Option<Vec<String>>,
    pub leads_either: bool,
    /// Whom the concern is taken up with while it holds; null when unchanged.
    pub counterparts: Option<Vec<Counterpart>>,
    pub counterparts_either: bool,
    /// Duties done, besides the stage's own, while it holds.
    pub duties: Vec<Duty>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Counterpart {
    pub actor: String,
    /// True for `equivalent actor`: the same role in the other agency.
    pub equivalent: bool,
}

#[derive(Debug, Serialize)]
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
    /// Duties that apply only while a condition holds.
    pub conditions: Vec<Condition>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Members {
    pub at_least: bool,
    pub count: u32,
    pub independent: bool,
    pub where_possible: bool,
}

#[derive(Debug, Serialize)]
pub struct Transition {
    /// `resolved`, `unresolved` or `if`.
    pub when: &'static str,
    /// The condition of an `if` branch.
    pub condition: Option<String>,
    /// `end`, `stage` or `follow`.
    pub target: &'static str,
    /// The id of the target stage, for `stage`.
    pub stage: Option<String>,
    /// The name of the end, for `end`.
    pub end: Option<String>,
    /// The outside procedure, for `follow`.
    pub follow: Option<String>,
    /// Who takes the escalation to the target stage, in file order; empty
    /// when not said, and for `end` and `follow`.
    pub via: Vec<ActorRef>,
    /// True for `via a or b`: any one of them takes it on; false when they
    /// take it on together (`and`) or there is one.
    pub via_either: bool,
    /// A limit on the move itself (`escalate to stage 3 within 1 working
    /// day`), or null. Its `anchor` is `stage_concluding` unless it says
    /// otherwise.
    pub within: Option<Limit>,
    /// Duties done when this route is taken, counted from the stage
    /// concluding unless they say otherwise.
    pub duties: Vec<Duty>,
    pub at: At,
}

impl Builder<'_> {
    pub(super) fn stage(&self, s: &model::Stage) -> Stage {
        Stage {
            id: s.key.slug(),
            procedure: s.key.procedure.clone(),
            key: s.key.id.clone(),
            number: s.number,
            label: s.label.clone(),
            title: s.title.clone(),
            cites: s.cites.clone(),
            notes: s.notes.clone(),
            start: s.start.as_ref().map(|l| {
                let mut limit = self.limit(l);
                // A start counts from the stage before concluding unless it
                // says otherwise.
                if limit.anchor == "stage_starting" {
                    limit.anchor = "previous_stage_concluding";
                }
                limit
            }),
            conclude: s.conclude.iter().map(|l| self.limit(l)).collect(),
            conclude_join: join(s.conclude_join),
            leads: s.leads.clone(),
            leads_either: s.leads_either,
            counterparts_either: s.counterparts_either,
            counterparts: counterparts(&s.counterparts),
            panel: s.panel.as_ref().map(|p| self.panel(p)),
            duties: self.duties(&s.duties),
            conditions: s.conditions.iter().map(|c| self.condition(c)).collect(),
            transitions: s.outcomes.iter().map(|o| self.transition(o)).collect(),
            repeats: s.repeats.as_ref().map(|r| Repeats {
                how: r.how.clone(),
                up_to: r.up_to.clone(),
                at: self.at(r.span),
            }),
            at: self.at(s.span),
        }
    }

    pub(super) fn panel(&self, p: &model::Panel) -> Panel {
        Panel {
            title: p.title.clone(),
            convened_by: p.convened_by.clone(),
            convened_if_needed: p.convened_if_needed,
            overseen_by: p.overseen_by.clone(),
            chaired_by: p.chaired_by.clone(),
            members: p.members.as_ref().map(|m| Members {
                at_least: m.at_least,
                count: m.count,
                independent: m.independent,
                where_possible: m.where_possible,
            }),
            binding: p.binding,
            cites: p.cites.clone(),
            notes: p.notes.clone(),
            duties: self.duties(&p.duties),
            conditions: p.conditions.iter().map(|c| self.condition(c)).collect(),
            at: self.at(p.span),
        }
    }

    pub(super) fn condition(&self, c: &model::Condition) -> Condition {
        Condition {
            condition: c.condition.clone(),
            cites: c.cites.clone(),
            notes: c.notes.clone(),
            leads: c.leads.clone(),
            leads_either: c.leads_either,
            counterparts: c.counterparts.as_deref().map(counterparts),
            counterparts_either: c.counterparts_either,
            duties: self.duties(&c.duties),
            at: self.at(c.span),
        }
    }

    pub(super) fn transition(&self, o: &model::Outcome) -> Transition {
        let (when, condition) = match &o.when {
            OutcomeWhen::Resolved => ("resolved", None),
            OutcomeWhen::Unresolved => ("unresolved", None),
            OutcomeWhen::If(c) => ("if", Some(c.clone())),
        };
        let mut t = Transition {
            when,
            condition,
            target: "end",
            stage: None,
            end: None,
            follow: None,
            via: Vec::new(),
            via_either: false,
            within: o.within.as_ref().map(|l| self.route_limit(l)),
            duties: o
                .duties
                .iter()
                .map(|d| {
                    let mut duty = self.duty(d);
                    duty.within = d.within.as_ref().map(|l| self.route_limit(l));
                    duty
                })
                .collect(),
            at: self.at(o.span),
        };
        match &o.target {
            Target::End(name) => t.end = Some(name.clone()),
            Target::Stage {
                to,
                via,
                via_either,
            } => {
                t.target = "stage";
                t.stage = to.as_ref().map(StageKey::slug);
                t.via = refs(via);
                t.via_either = *via_either;
            }
            Target::Follow(what) => {
                t.target = "follow";
                t.follow = Some(what.clone());
            }
        }
        t
    }
}

pub(super) fn counterparts(list: &[model::Counterpart]) -> Vec<Counterpart> {
    list.iter()
        .map(|c| Counterpart {
            actor: c.actor.clone(),
            equivalent: c.equivalent,
        })
        .collect()
}
