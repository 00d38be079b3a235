//! Lowering stages, steps, panels, outcomes and exception rules: the
//! tables of stage ids (with duplicate numbers reported), and the stage
//! references of outcomes and rules resolved against them.

use std::collections::BTreeMap;

use super::time::{On, Place};
use super::{Lowerer, did_you_mean, texts};

/// How many stages a message about an unknown one lists.
const LISTED: usize = 20;
use crate::ast::{self, Ident, Item};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;

impl Lowerer {
    pub(super) fn stage_tables(&mut self, file: &ast::File) {
        for item in &file.items {
            match item {
                Item::Stage(stage)
                    if Self::register(
                        &mut self.diagnostics,
                        &mut self.stages,
                        stage,
                        &self.header.stage_word,
                    ) =>
                {
                    let key = StageKey {
                        procedure: None,
                        id: stage.id.key(),
                    };
                    self.positions.insert(key, self.stage_order.len());
                    self.stage_order.push(stage.id.key());
                }
                Item::Procedure(p) => {
                    let mut table = BTreeMap::new();
                    let mut order = Vec::new();
                    for step in &p.steps {
                        if Self::register(&mut self.diagnostics, &mut table, step, "Step") {
                            let key = StageKey {
                                procedure: Some(p.name.text.clone()),
                                id: step.id.key(),
                            };
                            self.positions.insert(key, order.len());
                            order.push(step.id.key());
                        }
                    }
                    self.step_order.insert(p.name.text.clone(), order);
                    if self.steps.contains_key(&p.name.text)
                        || self.names.contains_key(&p.name.text)
                    {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::DuplicateDefinition,
                                p.name.span,
                                format!("`{}` is defined twice", p.name.text),
                            )
                            .with_help("Give each procedure a name of its own."),
                        );
                    }
                    self.steps.insert(p.name.text.clone(), table);
                }
                _ => {}
            }
        }
    }

    pub(super) fn register(
        diagnostics: &mut Vec<Diagnostic>,
        table: &mut BTreeMap<String, Span>,
        stage: &ast::Stage,
        word: &str,
    ) -> bool {
        let key = stage.id.key();
        if let Some(first) = table.get(&key) {
            let lower = word.to_lowercase();
            let (code, message, help) = match stage.id {
                ast::StageId::Number(n, _) => (
                    Code::DuplicateStageNumber,
                    format!("there are two {lower}s numbered {n}"),
                    format!(
                        "Give each {lower} its own number, in order: 1, 2, 3. If the source document repeats a number, follow its body text and say so in a comment."
                    ),
                ),
                ast::StageId::Name(_) => (
                    Code::DuplicateDefinition,
                    format!("`{key}` names two {lower}s"),
                    format!("Give each {lower} a name of its own."),
                ),
            };
            diagnostics.push(
                Diagnostic::new(code, stage.id.span(), message)
                    .with_primary_label("used again here")
                    .with_label(*first, "first used here")
                    .with_help(help),
            );
            false
        } else {
            table.insert(key, stage.id.span());
            true
        }
    }

    pub(super) fn stage(&mut self, s: &ast::Stage, procedure: Option<&str>) -> Stage {
        let key = StageKey {
            procedure: procedure.map(str::to_owned),
            id: s.id.key(),
        };
        let label = match (procedure, &s.id) {
            (None, ast::StageId::Number(n, _)) => format!("{} {n}", self.header.stage_word),
            (None, ast::StageId::Name(name)) => {
                format!("{} `{}`", self.header.stage_word.to_lowercase(), name.text)
            }
            (Some(p), ast::StageId::Number(n, _)) => format!("step {n} of `{p}`"),
            (Some(p), ast::StageId::Name(name)) => format!("step `{}` of `{p}`", name.text),
        };
        let mut stage = Stage {
            key,
            number: s.id.number(),
            title: s.title.text.clone(),
            label,
            cites: Vec::new(),
            notes: Vec::new(),
            start: None,
            conclude: Vec::new(),
            conclude_join: Join::Sooner,
            leads: Vec::new(),
            leads_either: false,
            counterparts: Vec::new(),
            counterparts_either: false,
            panel: None,
            duties: Vec::new(),
            conditions: Vec::new(),
            outcomes: Vec::new(),
            repeats: None,
            span: s.span,
            head_span: s.head_span,
        };
        let index = self.position(&stage.key).unwrap_or(usize::MAX);
        self.place = Place {
            stage: Some((stage.key.clone(), index)),
            has_meeting: s.items.iter().any(|item| match item {
                ast::StageItem::Panel(_) => true,
                ast::StageItem::Duty(d) => matches!(d.kind, ast::DutyKind::Meet(_)),
                _ => false,
            }),
            timed_before: false,
        };
        let mut start_span: Option<Span> = None;
        let mut conclude_span: Option<Span> = None;
        for item in &s.items {
            match item {
                ast::StageItem::Cites(t) => stage.cites.push(t.text.clone()),
                ast::StageItem::Note(t) => stage.notes.push(t.text.clone()),
                ast::StageItem::Start(start) => {
                    if self.once(&mut start_span, start.span, "start") {
                        stage.start = Some(self.bound(&start.bound, !start.aim, On::Start));
                    }
                }
                ast::StageItem::Conclude(c) => {
                    if self.once(&mut conclude_span, c.span, "conclude") {
                        stage.conclude = c
                            .bounds
                            .iter()
                            .map(|b| self.bound(b, !c.aim, On::Conclude))
                            .collect();
                        stage.conclude_join = c.join;
                    }
                }
                ast::StageItem::Lead(lead) => {
                    stage.leads_either = lead.leads_either;
                    stage.counterparts_either = lead.counterparts_either;
                    stage.leads.extend(self.leads(&lead.leads));
                    stage
                        .counterparts
                        .extend(self.counterparts(&lead.counterparts));
                }
                ast::StageItem::Condition(c) => {
                    let condition = self.condition(c, procedure);
                    stage.conditions.push(condition);
                }
                ast::StageItem::Panel(p) => stage.panel = Some(self.panel(p, procedure)),
                ast::StageItem::Outcome(o) => {
                    let outcome = self.outcome(o, procedure);
                    stage.outcomes.push(outcome);
                }
                ast::StageItem::Duty(d) => {
                    let duty = self.duty(d, procedure);
                    stage.duties.push(duty);
                }
                ast::StageItem::Repeats(r) => {
                    if let Some(first) = &stage.repeats {
                        self.diagnostics.push(
                            Diagnostic::new(Code::RepeatedHeader, r.span, "the stage says `repeats` twice")
                                .with_label(first.span, "first said here")
                                .with_help("A stage has one `repeats` line. Say in it how the stage is taken again, and `up to` whom."),
                        );
                        continue;
                    }
                    if let Some(a) = &r.up_to {
                        self.actor(a);
                    }
                    stage.repeats = Some(Repeats {
                        how: r.how.text.clone(),
                        up_to: r.up_to.as_ref().map(|a| a.text.clone()),
                        span: r.span,
                    });
                }
            }
        }
        stage
    }

    /// Reports a second `start` or `conclude` in one stage.
    pub(super) fn once(&mut self, seen: &mut Option<Span>, span: Span, word: &str) -> bool {
        if let Some(first) = seen {
            self.diagnostics.push(
                Diagnostic::new(Code::RepeatedHeader, span, format!("the stage says `{word}` twice"))
                    .with_label(*first, "first said here")
                    .with_help(format!("A stage has one `{word}` line. For two limits of which the sooner applies, write `conclude by day 21 or within 5 working days whichever is sooner`.")),
            );
            return false;
        }
        *seen = Some(span);
        true
    }

    /// Reports a second `led by` or `with` in one condition's block.
    fn once_in(
        &mut self,
        condition: &str,
        seen: &mut Option<Span>,
        span: Span,
        word: &str,
    ) -> bool {
        if let Some(first) = seen {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::RepeatedHeader,
                    span,
                    format!("the block `if \"{condition}\"` says `{word}` twice"),
                )
                .with_label(*first, "first said here")
                .with_help(
                    "Say once who applies while the condition holds: one `led by ... with ...` line, or one `with ...` line. For another condition, write another `if` block.",
                ),
            );
            return false;
        }
        *seen = Some(span);
        true
    }

    pub(super) fn panel(&mut self, p: &ast::Panel, procedure: Option<&str>) -> Panel {
        let actor = |this: &mut Self, a: &Option<Ident>| {
            a.as_ref().map(|a| {
                this.actor(a);
                a.text.clone()
            })
        };
        let convened = p.convened_by.as_ref().map(|(a, _)| a.clone());
        Panel {
            title: p.title.text.clone(),
            convened_by: actor(self, &convened),
            convened_if_needed: p
                .convened_by
                .as_ref()
                .is_some_and(|(_, if_needed)| *if_needed),
            overseen_by: actor(self, &p.overseen_by),
            chaired_by: actor(self, &p.chaired_by),
            members: p.members.as_ref().map(|m| Members {
                at_least: m.at_least,
                count: m.count,
                independent: m.independent,
                where_possible: m.where_possible,
                span: m.span,
            }),
            binding: p.binding.map(|(b, _)| b),
            cites: texts(&p.cites),
            notes: texts(&p.notes),
            duties: {
                // A panel is a block of its own: `a further` counts from a
                // duty of the panel.
                let before = std::mem::replace(&mut self.place.timed_before, false);
                let duties = p.duties.iter().map(|d| self.duty(d, procedure)).collect();
                self.place.timed_before = before;
                duties
            },
            conditions: p
                .conditions
                .iter()
                .map(|c| self.condition(c, procedure))
                .collect(),
            span: p.span,
        }
    }

    fn leads(&mut self, leads: &[Ident]) -> Vec<String> {
        leads
            .iter()
            .map(|a| {
                self.actor(a);
                a.text.clone()
            })
            .collect()
    }

    fn counterparts(&mut self, list: &[ast::Counterpart]) -> Vec<Counterpart> {
        list.iter()
            .map(|c| {
                self.actor(&c.actor);
                Counterpart {
                    actor: c.actor.text.clone(),
                    equivalent: c.equivalent,
                }
            })
            .collect()
    }

    /// An `if "..." { ... }` block. Who leads and whom the concern is taken
    /// up with may each be said once in it (in a panel, the grammar allows
    /// neither).
    pub(super) fn condition(&mut self, c: &ast::Condition, procedure: Option<&str>) -> Condition {
        let mut out = Condition {
            condition: c.condition.text.clone(),
            cites: Vec::new(),
            notes: Vec::new(),
            leads: None,
            leads_either: false,
            counterparts: None,
            counterparts_either: false,
            duties: Vec::new(),
            span: c.span,
        };
        let mut lead_span: Option<Span> = None;
        let mut with_span: Option<Span> = None;
        for item in &c.items {
            match item {
                ast::ConditionItem::Cites(t) => out.cites.push(t.text.clone()),
                ast::ConditionItem::Note(t) => out.notes.push(t.text.clone()),
                ast::ConditionItem::Lead(lead) => {
                    if self.once_in(&c.condition.text, &mut lead_span, lead.span, "led by") {
                        out.leads = Some(self.leads(&lead.leads));
                        out.leads_either = lead.leads_either;
                        if !lead.counterparts.is_empty()
                            && self.once_in(&c.condition.text, &mut with_span, lead.span, "with")
                        {
                            out.counterparts = Some(self.counterparts(&lead.counterparts));
                            out.counterparts_either = lead.counterparts_either;
                        }
                    }
                }
                ast::ConditionItem::With {
                    counterparts,
                    either,
                    span,
                } => {
                    if self.once_in(&c.condition.text, &mut with_span, *span, "with") {
                        out.counterparts = Some(self.counterparts(counterparts));
                        out.counterparts_either = *either;
                    }
                }
                ast::ConditionItem::Duty(d) => {
                    let duty = self.duty(d, procedure);
                    out.duties.push(duty);
                }
            }
        }
        out
    }

    pub(super) fn outcome(&mut self, o: &ast::Outcome, procedure: Option<&str>) -> Outcome {
        let when = match &o.when {
            ast::OutcomeWhen::Resolved => OutcomeWhen::Resolved,
            ast::OutcomeWhen::Unresolved => OutcomeWhen::Unresolved,
            ast::OutcomeWhen::If(t) => OutcomeWhen::If(t.text.clone()),
        };
        let target = match &o.target {
            ast::Target::End(t) => Target::End(t.text.clone()),
            ast::Target::Follow(t) => Target::Follow(t.text.clone()),
            ast::Target::Escalate {
                to,
                via,
                via_either,
            } => {
                let via = self.actor_refs(via);
                Target::Stage {
                    to: self.stage_ref(to, procedure),
                    via,
                    via_either: *via_either,
                }
            }
        };
        let within = o.within.as_ref().map(|w| self.within(w, true, On::Route));
        let duties = o
            .duties
            .iter()
            .map(|d| {
                if let Some((trigger, span)) = d.trigger {
                    self.trigger_on_route(trigger, span);
                }
                self.duty(d, procedure)
            })
            .collect();
        Outcome {
            when,
            target,
            within,
            duties,
            span: o.span,
        }
    }

    /// A duty on a route is done when the route is taken: a trigger on it
    /// would say something else.
    fn trigger_on_route(&mut self, trigger: ast::Trigger, span: Span) {
        let words = match trigger {
            ast::Trigger::OnEntry => "on entry",
            ast::Trigger::WhenResolved => "when resolved",
            ast::Trigger::WhenUnresolved => "when unresolved",
            ast::Trigger::WhenConcluded => "when concluded",
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                span,
                format!("`{words}` cannot be said of a duty on a route"),
            )
            .with_primary_label("a duty in the `{ ... }` after an outcome is done when that route is taken")
            .with_help(format!(
                "Remove `{words}`. A duty due at another moment belongs in the stage itself, outside the outcome's braces."
            )),
        );
    }

    pub(super) fn stage_ref(
        &mut self,
        r: &ast::StageRef,
        procedure: Option<&str>,
    ) -> Option<StageKey> {
        let key = r.id.key();
        if r.step {
            let Some(procedure) = procedure else {
                self.diagnostics.push(
                    Diagnostic::new(Code::UnknownName, r.span, format!("`step {key}` is used outside a procedure"))
                        .with_help("`step` names a step of the procedure it is written in. On the main ladder, write `stage`."),
                );
                return None;
            };
            if self
                .steps
                .get(procedure)
                .is_some_and(|t| t.contains_key(&key))
            {
                return Some(StageKey {
                    procedure: Some(procedure.to_owned()),
                    id: key,
                });
            }
            let suggest = self.suggest_for(&key);
            let known = known(
                self.step_order.get(procedure).map(|order| order.iter()),
                suggest,
            );
            self.unknown_stage(r, &key, known, "step");
            return None;
        }
        if self.stages.contains_key(&key) {
            return Some(StageKey {
                procedure: None,
                id: key,
            });
        }
        let suggest = self.suggest_for(&key);
        let known = known(Some(self.stage_order.iter()), suggest);
        self.unknown_stage(r, &key, known, "stage");
        None
    }

    /// Whether an unknown stage or step reference is compared with the
    /// known ones for a "did you mean". A number is not misspelt: `stage 3`
    /// is no nearer `stage 1` than `stage 2`, so numbers get the list of
    /// stages, not a guess.
    fn suggest_for(&mut self, key: &str) -> bool {
        !key.chars().all(|c| c.is_ascii_digit()) && self.may_suggest()
    }

    pub(super) fn unknown_stage(
        &mut self,
        r: &ast::StageRef,
        key: &str,
        (known, total, suggest): (Vec<String>, usize, bool),
        word: &str,
    ) {
        let written = format!("{word} {key}");
        let mut diagnostic = Diagnostic::new(
            Code::UnknownName,
            r.span,
            format!("there is no `{written}`"),
        );
        let candidates: Vec<String> = known.iter().map(|k| format!("{word} {k}")).collect();
        if suggest && let Some(best) = did_you_mean(&written, candidates.iter().map(String::as_str))
        {
            diagnostic = diagnostic.with_primary_label(format!("did you mean `{best}`?"));
        }
        let list = if candidates.is_empty() {
            format!("There are no {word}s yet.")
        } else {
            // A long ladder's whole list in every message would make the
            // output grow with the square of the file.
            let shown: Vec<String> = candidates
                .iter()
                .take(LISTED)
                .map(|c| format!("`{c}`"))
                .collect();
            let more = total.saturating_sub(LISTED);
            format!(
                "The {word}s are {}{}.",
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        };
        self.diagnostics.push(diagnostic.with_help(format!(
            "{list} Point to one of them, or add the missing {word}."
        )));
    }

    /// An exception rule of the policy (`procedure` is `None`) or of a
    /// sub-procedure, whose `step` references and `any step` are its own.
    pub(super) fn rule(&mut self, r: &ast::ExceptionRule, procedure: Option<&str>) -> Rule {
        self.place = Place::default();
        let mut rule = Rule {
            condition: r.condition.text.clone(),
            cites: Vec::new(),
            notes: Vec::new(),
            start_at: Vec::new(),
            follow: Vec::new(),
            duties: Vec::new(),
            span: r.span,
        };
        for item in &r.items {
            match item {
                ast::ExceptionItem::Cites(t) => rule.cites.push(t.text.clone()),
                ast::ExceptionItem::Note(t) => rule.notes.push(t.text.clone()),
                ast::ExceptionItem::Follow(t) => rule.follow.push(t.text.clone()),
                ast::ExceptionItem::StartAt { target, .. } => rule.start_at.push(match target {
                    None => StartAt::AnyStage,
                    Some(t) => StartAt::Stage(self.stage_ref(t, procedure)),
                }),
                ast::ExceptionItem::StartAtAnyStep(span) => {
                    if procedure.is_some() {
                        rule.start_at.push(StartAt::AnyStep);
                    } else {
                        // Kept as an unresolved start, so that the rule is
                        // not also reported as changing nothing.
                        rule.start_at.push(StartAt::Stage(None));
                        self.diagnostics.push(
                            Diagnostic::new(Code::UnknownName, *span, "`start at any step` is used outside a procedure")
                                .with_help("`any step` means any step of the procedure the rule is written in. On the main ladder, write `start at any stage`."),
                        );
                    }
                }
                ast::ExceptionItem::Duty(d) => {
                    let duty = self.duty(d, procedure);
                    rule.duties.push(duty);
                }
            }
        }
        rule
    }
}

/// The ids an unknown stage or step reference is compared with and listed
/// against, how many there are, and whether to suggest one. All of them only
/// while suggestions are looked for; after that only the few listed, so that
/// thousands of wrong references to a long ladder do not each copy it.
fn known<'a>(
    keys: Option<impl ExactSizeIterator<Item = &'a String>>,
    suggest: bool,
) -> (Vec<String>, usize, bool) {
    let Some(keys) = keys else {
        return (Vec::new(), 0, suggest);
    };
    let total = keys.len();
    let take = if suggest { total } else { LISTED };
    (keys.take(take).cloned().collect(), total, suggest)
}
