//! Builders for stages and what they hold: a stage's number or name, its
//! items, panels, conditions, outcomes and where they lead, who leads a
//! stage and with whom, references to other stages, and the phases that
//! group stages.

use pest::iterators::Pair;

use super::duties::actor_list;
use super::{Builder, Rule, children, has_keyword, ident, joined_by_or, span_of, string};
use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

impl Builder<'_> {
    /// `phase "Informal" covers stages 1 to 3`, `phase "Formal" from stage 4`.
    pub(super) fn phase(&mut self, pair: Pair<'_, Rule>) -> Option<Phase> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let title = string(inner.next()?);
        let range = inner.next()?;
        let onwards = range.as_rule() == Rule::phase_from;
        let mut ids = Vec::new();
        for id in children(range) {
            ids.extend(self.stage_id(id));
        }
        let mut ids = ids.into_iter();
        Some(Phase {
            title,
            from: ids.next()?,
            to: ids.next(),
            onwards,
            span,
        })
    }

    pub(super) fn stage(&mut self, pair: Pair<'_, Rule>) -> Option<Stage> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let id = self.stage_id(inner.next()?)?;
        let title = string(inner.next()?);
        let head_span = Span::new(span.start, title.span.end);
        let mut items = Vec::new();
        for child in inner {
            if let Some(item) = self.stage_item(child) {
                items.push(item);
            }
        }
        Some(Stage {
            id,
            title,
            items,
            span,
            head_span,
        })
    }

    pub(super) fn stage_id(&mut self, pair: Pair<'_, Rule>) -> Option<StageId> {
        let inner = children(pair).next()?;
        let span = span_of(&inner);
        Some(match inner.as_rule() {
            Rule::digits => StageId::Number(self.digits(&inner)?, span),
            _ => StageId::Name(ident(inner)),
        })
    }

    pub(super) fn stage_item(&mut self, pair: Pair<'_, Rule>) -> Option<StageItem> {
        let span = span_of(&pair);
        Some(match pair.as_rule() {
            Rule::cites_decl => StageItem::Cites(string(children(pair).next()?)),
            Rule::repeats_decl => {
                let mut inner = children(pair);
                let how = string(inner.next()?);
                StageItem::Repeats(Repeats {
                    how,
                    up_to: inner.next().map(ident),
                    span,
                })
            }
            Rule::note_decl => StageItem::Note(string(children(pair).next()?)),
            Rule::start_decl => {
                let mut aim = false;
                let mut bound = None;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::aim => aim = true,
                        Rule::bound => bound = self.bound(child),
                        _ => {}
                    }
                }
                StageItem::Start(Start {
                    aim,
                    bound: bound?,
                    span,
                })
            }
            Rule::conclude_decl => {
                let mut aim = false;
                let mut bounds = Vec::new();
                let mut join = Join::Sooner;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::aim => aim = true,
                        Rule::bound => bounds.extend(self.bound(child)),
                        Rule::sooner | Rule::second_unit => {
                            let (second, how) = self.second_limit(child, bounds.first())?;
                            bounds.push(second);
                            join = how;
                        }
                        _ => {}
                    }
                }
                if bounds.is_empty() {
                    return None;
                }
                StageItem::Conclude(Conclude {
                    aim,
                    bounds,
                    join,
                    span,
                })
            }
            Rule::lead_decl => StageItem::Lead(lead(pair)),
            Rule::panel_decl => StageItem::Panel(self.panel(pair)?),
            Rule::condition_block | Rule::panel_condition => {
                StageItem::Condition(self.condition(pair)?)
            }
            Rule::outcome => StageItem::Outcome(self.outcome(pair)?),
            Rule::duty => StageItem::Duty(self.duty(pair)?),
            _ => return None,
        })
    }

    /// `if "..." { ... }` in a stage or a panel.
    pub(super) fn condition(&mut self, pair: Pair<'_, Rule>) -> Option<Condition> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let condition = string(inner.next()?);
        let mut items = Vec::new();
        for child in inner {
            let child_span = span_of(&child);
            let item = match child.as_rule() {
                Rule::cites_decl => children(child)
                    .next()
                    .map(|p| ConditionItem::Cites(string(p))),
                Rule::note_decl => children(child)
                    .next()
                    .map(|p| ConditionItem::Note(string(p))),
                Rule::lead_decl => Some(ConditionItem::Lead(lead(child))),
                Rule::with_decl => Some(ConditionItem::With {
                    either: joined_by_or(&child),
                    counterparts: children(child).filter_map(counterpart).collect(),
                    span: child_span,
                }),
                Rule::duty => self.duty(child).map(ConditionItem::Duty),
                _ => None,
            };
            items.extend(item);
        }
        Some(Condition {
            condition,
            items,
            span,
        })
    }

    pub(super) fn panel(&mut self, pair: Pair<'_, Rule>) -> Option<Panel> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let mut panel = Panel {
            title: string(inner.next()?),
            convened_by: None,
            overseen_by: None,
            chaired_by: None,
            members: None,
            binding: None,
            cites: Vec::new(),
            notes: Vec::new(),
            duties: Vec::new(),
            conditions: Vec::new(),
            span,
        };
        for child in inner {
            let child_span = span_of(&child);
            match child.as_rule() {
                Rule::convened_decl => {
                    let if_needed = has_keyword(&child, Rule::if_needed)
                        || children(child.clone()).any(|p| p.as_rule() == Rule::if_needed);
                    let name = children(child).find(|p| p.as_rule() == Rule::name)?;
                    panel.convened_by = Some((ident(name), if_needed));
                }
                Rule::overseen_decl => panel.overseen_by = children(child).next().map(ident),
                Rule::chaired_decl => panel.chaired_by = children(child).next().map(ident),
                Rule::members_decl => {
                    let mut members = Members {
                        at_least: false,
                        count: 0,
                        independent: true,
                        where_possible: false,
                        span: child_span,
                    };
                    for part in children(child) {
                        match part.as_rule() {
                            Rule::at_least => members.at_least = true,
                            Rule::number => {
                                let number_span = span_of(&part);
                                members.count = self.number(part)?;
                                if members.count == 0 {
                                    self.diagnostics.push(
                                        Diagnostic::new(Code::InvalidValue, number_span, "a panel cannot have 0 agencies")
                                            .with_primary_label("no agency would sit on the panel")
                                            .with_help("Write how many agencies sit on the panel, as the source document says, for example `members at least 3 agencies not concerned in the disagreement`."),
                                    );
                                }
                            }
                            Rule::independence => {
                                members.independent =
                                    has_keyword(&part, Rule::kw_not_concerned_in_the_disagreement);
                            }
                            Rule::where_possible => members.where_possible = true,
                            _ => {}
                        }
                    }
                    panel.members = Some(members);
                }
                Rule::decision_decl => {
                    panel.binding = Some((has_keyword(&child, Rule::kw_binding), child_span));
                }
                Rule::cites_decl => panel.cites.extend(children(child).next().map(string)),
                Rule::note_decl => panel.notes.extend(children(child).next().map(string)),
                Rule::duty => panel.duties.extend(self.duty(child)),
                Rule::panel_condition => panel.conditions.extend(self.condition(child)),
                _ => {}
            }
        }
        Some(panel)
    }

    pub(super) fn outcome(&mut self, pair: Pair<'_, Rule>) -> Option<Outcome> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let when_pair = inner.next()?;
        let when = if has_keyword(&when_pair, Rule::kw_unresolved) {
            OutcomeWhen::Unresolved
        } else if has_keyword(&when_pair, Rule::kw_resolved) {
            OutcomeWhen::Resolved
        } else {
            OutcomeWhen::If(string(children(when_pair).next()?))
        };
        let (target, within) = self.target(inner.next()?)?;
        let duties = inner
            .filter(|p| p.as_rule() == Rule::duty)
            .filter_map(|p| self.duty(p))
            .collect();
        Some(Outcome {
            when,
            target,
            within,
            duties,
            span,
        })
    }

    /// Where an outcome leads, and the limit on the move, if any.
    pub(super) fn target(&mut self, pair: Pair<'_, Rule>) -> Option<(Target, Option<Within>)> {
        let inner = children(pair).next()?;
        let mut within = None;
        let target = match inner.as_rule() {
            Rule::end_target => Target::End(string(children(inner).next()?)),
            Rule::follow_target => {
                let mut parts = children(inner);
                let what = string(parts.next()?);
                within = parts
                    .find(|p| p.as_rule() == Rule::within)
                    .and_then(|p| self.within(p));
                Target::Follow(what)
            }
            Rule::escalate_target => {
                let mut to = None;
                let mut via = Vec::new();
                let mut via_either = false;
                for child in children(inner) {
                    match child.as_rule() {
                        Rule::stage_ref => to = self.stage_ref(child),
                        Rule::actor_list => {
                            via_either = joined_by_or(&child);
                            via = actor_list(child);
                        }
                        Rule::within => within = self.within(child),
                        _ => {}
                    }
                }
                Target::Escalate {
                    to: to?,
                    via,
                    via_either,
                }
            }
            _ => return None,
        };
        Some((target, within))
    }

    pub(super) fn stage_ref(&mut self, pair: Pair<'_, Rule>) -> Option<StageRef> {
        let span = span_of(&pair);
        let step = has_keyword(&pair, Rule::kw_step);
        let id = self.stage_id(children(pair).next()?)?;
        Some(StageRef { step, id, span })
    }
}

/// `led by a or b with equivalent c`
pub(super) fn lead(pair: Pair<'_, Rule>) -> Lead {
    let span = span_of(&pair);
    let mut leads = Vec::new();
    let mut leads_either = false;
    let mut counterparts = Vec::new();
    let counterparts_either = joined_by_or(&pair);
    for child in children(pair) {
        match child.as_rule() {
            Rule::name_list => {
                leads_either = joined_by_or(&child);
                leads = name_list(child);
            }
            Rule::counterpart => counterparts.extend(counterpart(child)),
            _ => {}
        }
    }
    Lead {
        leads,
        leads_either,
        counterparts,
        counterparts_either,
        span,
    }
}

/// `equivalent line_manager` or `team_manager`, after `with`.
pub(super) fn counterpart(pair: Pair<'_, Rule>) -> Option<Counterpart> {
    if pair.as_rule() != Rule::counterpart {
        return None;
    }
    let equivalent = children(pair.clone()).any(|p| p.as_rule() == Rule::equivalent);
    let name = children(pair).find(|p| p.as_rule() == Rule::name)?;
    Some(Counterpart {
        equivalent,
        actor: ident(name),
    })
}

pub(super) fn name_list(pair: Pair<'_, Rule>) -> Vec<Ident> {
    children(pair)
        .filter(|p| p.as_rule() == Rule::name)
        .map(ident)
        .collect()
}
