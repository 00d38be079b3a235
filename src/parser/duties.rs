//! Builders for duties: the verb and what it names, who must do it and
//! when, and the lists of actors a duty or a route names. A part given
//! twice in one duty is reported here.

use pest::iterators::Pair;

use super::{Builder, Rule, children, ident, joined_by_or, span_of, string};
use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

impl Builder<'_> {
    pub(super) fn duty(&mut self, pair: Pair<'_, Rule>) -> Option<Duty> {
        let span = span_of(&pair);
        let mut modality = Modality::Must;
        let mut kind = None;
        let mut by = Vec::new();
        let mut by_either = false;
        let mut by_each_party = false;
        let mut within = Vec::new();
        let mut join = Join::Sooner;
        let mut trigger = None;
        let mut where_possible = false;
        for child in children(pair) {
            let child_span = span_of(&child);
            match child.as_rule() {
                Rule::modality => {
                    modality = match child.clone().into_inner().next().map(|p| p.as_rule()) {
                        Some(Rule::kw_should) => Modality::Should,
                        Some(Rule::kw_may) => Modality::May,
                        _ => Modality::Must,
                    };
                }
                Rule::by_actor => {
                    if !by.is_empty() || by_each_party {
                        self.repeated(child_span, "by");
                    }
                    if let Some(list) = children(child).next() {
                        if list.as_rule() == Rule::each_party {
                            by_each_party = true;
                        } else {
                            by_either = joined_by_or(&list);
                            by = actor_list(list);
                        }
                    }
                }
                Rule::duty_time => {
                    if !within.is_empty() {
                        self.repeated(child_span, "within");
                        continue;
                    }
                    for part in children(child) {
                        match part.as_rule() {
                            Rule::within => {
                                let span = span_of(&part);
                                within.extend(self.within(part).map(|w| Bound {
                                    kind: BoundKind::Within(w),
                                    span,
                                }));
                            }
                            Rule::words_limit => {
                                let span = span_of(&part);
                                within.extend(Self::words(part).map(|w| Bound {
                                    kind: BoundKind::Words(w),
                                    span,
                                }));
                            }
                            Rule::sooner | Rule::second_unit => {
                                if let Some((second, how)) = self.second_limit(part, within.first())
                                {
                                    within.push(second);
                                    join = how;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Rule::trigger => {
                    if trigger.is_some() {
                        self.repeated(child_span, "when");
                    }
                    let rule = child.clone().into_inner().next().map(|p| p.as_rule());
                    let t = match rule {
                        Some(Rule::kw_on_entry) => Trigger::OnEntry,
                        Some(Rule::kw_when_resolved) => Trigger::WhenResolved,
                        Some(Rule::kw_when_unresolved) => Trigger::WhenUnresolved,
                        _ => Trigger::WhenConcluded,
                    };
                    trigger = Some((t, child_span));
                }
                Rule::where_possible => {
                    if where_possible {
                        self.repeated(child_span, "where possible");
                    }
                    where_possible = true;
                }
                _ => kind = Self::duty_kind(child),
            }
        }
        let (kind, actors_either) = kind?;
        Some(Duty {
            modality,
            kind,
            actors_either,
            by,
            by_either,
            by_each_party,
            within,
            join,
            trigger,
            where_possible,
            span,
        })
    }

    pub(super) fn repeated(&mut self, span: Span, word: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                span,
                format!("`{word}` is given twice for the same duty"),
            )
            .with_help(format!(
                "Keep one `{word}` part, or split the duty into two lines."
            )),
        );
    }

    /// The kind of a duty, and whether its list of actors was joined with
    /// `or`.
    pub(super) fn duty_kind(pair: Pair<'_, Rule>) -> Option<(DutyKind, bool)> {
        let kind_rule = pair.as_rule();
        let mut texts = Vec::new();
        let mut lists = Vec::new();
        let mut names = Vec::new();
        let mut outcome = false;
        let mut either = false;
        let mut places = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::string => texts.push(string(child)),
                Rule::actor_list => {
                    either |= joined_by_or(&child);
                    lists.push(actor_list(child));
                }
                Rule::name => names.push(ident(child)),
                Rule::shared_outcome => outcome = true,
                Rule::record_list => {
                    places = children(child)
                        .filter(|p| p.as_rule() == Rule::record_place)
                        .filter_map(|p| {
                            let each_agency =
                                children(p.clone()).any(|c| c.as_rule() == Rule::each_agency);
                            let name = children(p).find(|c| c.as_rule() == Rule::name)?;
                            Some(RecordPlace {
                                record: ident(name),
                                each_agency,
                            })
                        })
                        .collect();
                }
                _ => {}
            }
        }
        let mut texts = texts.into_iter();
        let mut lists = lists.into_iter();
        let mut names = names.into_iter();
        let kind = match kind_rule {
            Rule::record_duty => DutyKind::Record {
                what: texts.next()?,
                records: places,
                form: names.next(),
            },
            Rule::notify_duty => DutyKind::Notify(lists.next()?),
            Rule::share_duty => DutyKind::Share {
                what: if outcome { None } else { texts.next() },
                with: lists.next()?,
            },
            Rule::refer_duty => DutyKind::Refer {
                what: texts.next(),
                to: lists.next()?,
                form: names.next(),
            },
            Rule::recommend_duty => DutyKind::Recommend {
                what: texts.next(),
                to: lists.next().unwrap_or_default(),
            },
            Rule::decide_duty => DutyKind::Decide(texts.next()),
            Rule::report_duty => DutyKind::Report {
                what: texts.next(),
                to: lists.next()?,
            },
            Rule::involve_duty => DutyKind::Involve(lists.next()?),
            Rule::consult_duty => DutyKind::Consult(lists.next()?),
            Rule::meet_duty => DutyKind::Meet(texts.next()),
            Rule::complete_duty => DutyKind::Complete(names.next()?),
            Rule::task_duty => DutyKind::Task(texts.next()?),
            _ => return None,
        };
        Some((kind, either))
    }
}

/// The actors of an `actor_list`, each as written.
pub(super) fn actor_list(pair: Pair<'_, Rule>) -> Vec<ActorRef> {
    children(pair)
        .filter(|p| p.as_rule() == Rule::actor_ref)
        .filter_map(actor_ref)
        .collect()
}

pub(super) fn actor_ref(pair: Pair<'_, Rule>) -> Option<ActorRef> {
    let span = span_of(&pair);
    let mut relation = None;
    for child in children(pair) {
        match child.as_rule() {
            Rule::all_involved => return Some(ActorRef::AllInvolved(span)),
            Rule::the_parties => return Some(ActorRef::Parties(span)),
            Rule::equivalent | Rule::own => relation = Some(child.as_rule()),
            Rule::name => {
                let name = ident(child);
                return Some(match relation {
                    Some(Rule::equivalent) => ActorRef::Equivalent(name),
                    Some(_) => ActorRef::Own(name),
                    None => ActorRef::Actor(name),
                });
            }
            _ => {}
        }
    }
    None
}
