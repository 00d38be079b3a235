//! Builders for exception rules (`when "..." { ... }`) and sub-procedures
//! with their own raiser, rules and steps.

use pest::iterators::Pair;

use super::{Builder, Rule, children, ident, span_of, string};
use crate::ast::*;

impl Builder<'_> {
    pub(super) fn exception_rule(&mut self, pair: Pair<'_, Rule>) -> Option<ExceptionRule> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let condition = string(inner.next()?);
        let mut items = Vec::new();
        for child in inner {
            let child_span = span_of(&child);
            let item = match child.as_rule() {
                Rule::cites_decl => children(child)
                    .next()
                    .map(|p| ExceptionItem::Cites(string(p))),
                Rule::note_decl => children(child)
                    .next()
                    .map(|p| ExceptionItem::Note(string(p))),
                Rule::follow_decl => children(child)
                    .next()
                    .map(|p| ExceptionItem::Follow(string(p))),
                Rule::start_at => {
                    let target = children(child).next();
                    match target {
                        Some(t) if t.as_rule() == Rule::any_step => {
                            Some(ExceptionItem::StartAtAnyStep(child_span))
                        }
                        Some(t) if t.as_rule() == Rule::stage_ref => {
                            self.stage_ref(t).map(|r| ExceptionItem::StartAt {
                                target: Some(r),
                                span: child_span,
                            })
                        }
                        _ => Some(ExceptionItem::StartAt {
                            target: None,
                            span: child_span,
                        }),
                    }
                }
                Rule::duty => self.duty(child).map(ExceptionItem::Duty),
                _ => None,
            };
            items.extend(item);
        }
        Some(ExceptionRule {
            condition,
            items,
            span,
        })
    }

    pub(super) fn procedure(&mut self, pair: Pair<'_, Rule>) -> Option<Procedure> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let name = ident(inner.next()?);
        let title = string(inner.next()?);
        let mut procedure = Procedure {
            name,
            title,
            applies: None,
            raised_by: Vec::new(),
            rules: Vec::new(),
            meanwhile: Vec::new(),
            cites: Vec::new(),
            notes: Vec::new(),
            steps: Vec::new(),
            span,
        };
        for child in inner {
            match child.as_rule() {
                Rule::applies_decl => procedure.applies = children(child).next().map(string),
                Rule::meanwhile_decl => procedure
                    .meanwhile
                    .extend(children(child).next().map(string)),
                Rule::cites_decl => procedure.cites.extend(children(child).next().map(string)),
                Rule::note_decl => procedure.notes.extend(children(child).next().map(string)),
                Rule::step => procedure.steps.extend(self.stage(child)),
                Rule::raised_by_decl => procedure
                    .raised_by
                    .extend(children(child).next().map(ident)),
                Rule::exception_rule => procedure.rules.extend(self.exception_rule(child)),
                _ => {}
            }
        }
        Some(procedure)
    }
}
