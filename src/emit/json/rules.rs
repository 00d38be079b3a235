//! Sub-procedures and exception rules in the JSON document, with the ids
//! that entries name them by (`rule-1`, `threshold.rule-1`).

use serde::Serialize;

use super::{At, Builder, Duty, Stage};
use crate::model::{self, StartAt};

#[derive(Debug, Serialize)]
pub struct Procedure {
    pub name: String,
    pub title: String,
    pub applies: Option<String>,
    /// Who starts this procedure, when it names its own raiser; null when
    /// the policy's `concern_raised_by` starts it.
    pub concern_raised_by: Option<String>,
    /// Its own exception rules, with ids `NAME.rule-1`, ...
    pub rules: Vec<Rule>,
    pub meanwhile: Vec<String>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub steps: Vec<Stage>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Rule {
    /// `rule-1`, `rule-2`, ... in file order.
    pub id: String,
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    /// True for `start at any stage` (of the main ladder).
    pub start_at_any_stage: bool,
    /// True for `start at any step` (of the procedure the rule is in).
    pub start_at_any_step: bool,
    /// Ids of named stages the rule may start at.
    pub start_at: Vec<String>,
    pub follow: Vec<String>,
    pub duties: Vec<Duty>,
    pub at: At,
}

impl Builder<'_> {
    pub(super) fn procedure(&self, p: &model::Procedure) -> Procedure {
        Procedure {
            name: p.name.clone(),
            title: p.title.clone(),
            applies: p.applies.clone(),
            concern_raised_by: p.raised_by.clone(),
            rules: p
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| self.rule(rule_id(Some(&p.name), i), r))
                .collect(),
            meanwhile: p.meanwhile.clone(),
            cites: p.cites.clone(),
            notes: p.notes.clone(),
            steps: p.steps.iter().map(|s| self.stage(s)).collect(),
            at: self.at(p.span),
        }
    }

    pub(super) fn rule(&self, id: String, r: &model::Rule) -> Rule {
        Rule {
            id,
            condition: r.condition.clone(),
            cites: r.cites.clone(),
            notes: r.notes.clone(),
            start_at_any_stage: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage)),
            start_at_any_step: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStep)),
            start_at: named_starts(r),
            follow: r.follow.clone(),
            duties: self.duties(&r.duties),
            at: self.at(r.span),
        }
    }
}

/// `rule-1` for the policy's first rule, `threshold.rule-1` for the first
/// rule of the procedure `threshold`.
pub(super) fn rule_id(procedure: Option<&str>, i: usize) -> String {
    match procedure {
        Some(p) => format!("{p}.rule-{}", i + 1),
        None => format!("rule-{}", i + 1),
    }
}

pub(super) fn named_starts(r: &model::Rule) -> Vec<String> {
    r.start_at
        .iter()
        .filter_map(|s| match s {
            StartAt::Stage(Some(key)) => Some(key.slug()),
            StartAt::Stage(None) | StartAt::AnyStage | StartAt::AnyStep => None,
        })
        .collect()
}
