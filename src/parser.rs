//! The pest parser and the syntax-tree builder.
//!
//! One builder function per grammar rule, named after the rule. The
//! builders trust the grammar for the shape of the parse tree and never
//! panic: where a shape is not what they expect they skip it, because a
//! diagnostic-free wrong tree is better found by tests than by a crash in
//! front of a user. Syntax errors themselves are turned into diagnostics by
//! `syntax_error`.

use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The parser generated from `grammar/ladder.pest`.
#[derive(Parser)]
#[grammar = "grammar/ladder.pest"]
pub struct LadderParser;

/// Parses text that has already passed the pasted-character scan. Returns
/// the tree, or pest's error for `syntax_error` to explain.
pub fn parse_file(
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<File, Box<pest::error::Error<Rule>>> {
    let mut pairs = LadderParser::parse(Rule::file, text).map_err(Box::new)?;
    let Some(pair) = pairs.next() else {
        return Ok(File::default());
    };
    mixed_conjunctions(&pair, diagnostics);
    let mut builder = Builder { diagnostics };
    Ok(builder.file(pair))
}

/// Whether a list of names was joined with `or` (any one of them), rather
/// than with `and` or commas (all of them).
fn joined_by_or(pair: &Pair<'_, Rule>) -> bool {
    has_keyword(pair, Rule::kw_or)
}

/// A list that mixes `and` and `or` (`a and b or c`) could mean two things;
/// ladder asks rather than guesses. Lists are the names after a verb, `by`
/// or `via`, and the counterparts after `with`.
fn mixed_conjunctions(file: &Pair<'_, Rule>, diagnostics: &mut Vec<Diagnostic>) {
    for pair in file.clone().into_inner().flatten() {
        if !matches!(
            pair.as_rule(),
            Rule::name_list | Rule::actor_list | Rule::lead_decl | Rule::with_decl
        ) {
            continue;
        }
        // One label on the whole list: miette draws labels nested inside
        // another label's span out of place.
        if has_keyword(&pair, Rule::kw_and) && has_keyword(&pair, Rule::kw_or) {
            diagnostics.push(
                Diagnostic::new(
                    Code::Syntax,
                    span_of(&pair),
                    "this list mixes `and` and `or`, so it does not say whether all of them or any one of them is meant",
                )
                .with_primary_label("`and` means all of them, `or` any one of them: which is meant?")
                .with_help(
                    "Use `and` when all of them take part and `or` when any one of them is enough. If both are meant, write two lines, such as `notify line_manager` and `notify safeguarding_lead or senior_manager`.",
                ),
            );
        }
    }
}

/// True for keyword and punctuation rules, whose pairs carry no
/// information beyond their presence.
#[must_use]
pub fn is_token(r: Rule) -> bool {
    keyword_words(r).is_some()
        || matches!(r, Rule::punct_colon | Rule::punct_open | Rule::punct_close)
}

/// The words a keyword rule matches, such as `no later than` for
/// `kw_no_later_than`; `None` for rules that are not keywords.
#[must_use]
pub fn keyword_words(r: Rule) -> Option<String> {
    // A rule name cannot hold an apostrophe.
    if r == Rule::kw_each_agencys {
        return Some("each agency's".to_owned());
    }
    let name = format!("{r:?}");
    name.strip_prefix("kw_")
        .map(|words| words.replace('_', " "))
}

/// The non-keyword children of a pair.
fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| !is_token(p.as_rule()))
}

/// Whether a pair has a child keyword of the given rule.
fn has_keyword(pair: &Pair<'_, Rule>, wanted: Rule) -> bool {
    pair.clone().into_inner().any(|p| p.as_rule() == wanted)
}

struct Builder<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Builder<'_> {
    fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        let mut items = Vec::new();
        for child in children(pair) {
            if let Some(item) = self.item(child) {
                items.push(item);
            }
        }
        File { items }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        let span = span_of(&pair);
        let header = |kind| Some(Item::Header(Header { kind, span }));
        match pair.as_rule() {
            Rule::policy_decl => header(HeaderKind::Policy(Self::first_text(pair)?)),
            Rule::board_decl => {
                let mut name = None;
                let mut short = None;
                let mut scope = None;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::string => name = Some(string(child)),
                        Rule::short_name => short = children(child).next().map(plain_text),
                        Rule::for_scope => scope = for_scope(&child),
                        _ => {}
                    }
                }
                header(HeaderKind::Board {
                    name: name?,
                    short,
                    scope,
                })
            }
            Rule::covers_decl => header(HeaderKind::Covers(
                children(pair)
                    .map(|scope| {
                        if has_keyword(&scope, Rule::kw_children) {
                            Scope::Children
                        } else {
                            Scope::Adults
                        }
                    })
                    .collect(),
            )),
            Rule::version_decl => header(HeaderKind::Version(Self::first_text(pair)?)),
            Rule::adopted_decl => header(HeaderKind::Adopted(Self::first_date(pair)?)),
            Rule::updated_decl => header(HeaderKind::Updated(Self::first_date(pair)?)),
            Rule::review_decl => {
                match children(pair.clone()).find(|p| p.as_rule() == Rule::review_period) {
                    Some(period) => header(HeaderKind::ReviewPeriod(self.review_period(period)?)),
                    None => header(HeaderKind::Review(Self::first_date(pair)?)),
                }
            }
            Rule::days_decl => {
                let kind = if pair.as_str().to_lowercase().contains("working") {
                    DayKind::Working
                } else {
                    DayKind::Calendar
                };
                header(HeaderKind::Days(kind))
            }
            Rule::day_one_decl => {
                let day_one = children(pair).next()?;
                let kind = if has_keyword(&day_one, Rule::kw_the_day_after_the_concern_arose) {
                    DayOne::DayAfter
                } else {
                    DayOne::DayConcernArose
                };
                header(HeaderKind::DayOne(kind))
            }
            Rule::holidays_decl => header(HeaderKind::Holidays(ident(children(pair).next()?))),
            Rule::contact_decl => {
                let scope = children(pair.clone())
                    .find(|p| p.as_rule() == Rule::for_scope)
                    .and_then(|p| for_scope(&p));
                let mut texts = children(pair)
                    .filter(|p| p.as_rule() == Rule::string)
                    .map(string);
                let address = texts.next()?;
                header(HeaderKind::Contact {
                    address,
                    purpose: texts.next(),
                    scope,
                })
            }
            Rule::source_decl => {
                let mut texts = children(pair).map(string);
                let title = texts.next()?;
                header(HeaderKind::Source {
                    title,
                    url: texts.next(),
                })
            }
            Rule::raised_by_decl => header(HeaderKind::RaisedBy(ident(children(pair).next()?))),
            Rule::stages_called_decl => header(HeaderKind::StagesCalled(Self::first_text(pair)?)),
            Rule::actor_decl => Some(Item::Actor(decl(pair)?)),
            Rule::record_decl => Some(Item::Record(decl(pair)?)),
            Rule::form_decl => Some(Item::Form(Self::form_decl(pair)?)),
            Rule::every_stage => Some(Item::EveryStage(EveryStage {
                duties: children(pair).filter_map(|d| self.duty(d)).collect(),
                span,
            })),
            Rule::stage => Some(Item::Stage(self.stage(pair)?)),
            Rule::exception_rule => Some(Item::Rule(self.exception_rule(pair)?)),
            Rule::procedure => Some(Item::Procedure(self.procedure(pair)?)),
            Rule::phase_decl => Some(Item::Phase(self.phase(pair)?)),
            Rule::note_decl => Some(Item::Note(string(children(pair).next()?))),
            Rule::overall_decl => {
                let aim = children(pair.clone()).any(|p| p.as_rule() == Rule::aim);
                let bound = children(pair).find(|p| p.as_rule() == Rule::bound)?;
                Some(Item::Overall(Overall {
                    aim,
                    bound: self.bound(bound)?,
                    span,
                }))
            }
            _ => None,
        }
    }

    /// `every 2 years` or `within 18 months of adoption`.
    fn review_period(&mut self, pair: Pair<'_, Rule>) -> Option<ReviewPeriod> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let every = inner.as_rule() == Rule::review_every;
        let mut period = ReviewPeriod {
            every,
            amount: 0,
            unit: PeriodUnit::Years,
            anchor: None,
            span,
        };
        for part in children(inner) {
            match part.as_rule() {
                Rule::number => period.amount = self.number(part)?,
                Rule::period_unit
                    if has_keyword(&part, Rule::kw_months)
                        || has_keyword(&part, Rule::kw_month) =>
                {
                    period.unit = PeriodUnit::Months;
                }
                Rule::review_anchor => {
                    period.anchor = Some(if has_keyword(&part, Rule::kw_of_adoption) {
                        ReviewAnchor::Adoption
                    } else {
                        ReviewAnchor::LastUpdate
                    });
                }
                _ => {}
            }
        }
        Some(period)
    }

    /// `phase "Informal" covers stages 1 to 3`, `phase "Formal" from stage 4`.
    fn phase(&mut self, pair: Pair<'_, Rule>) -> Option<Phase> {
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

    fn first_text(pair: Pair<'_, Rule>) -> Option<Text> {
        children(pair)
            .find(|p| p.as_rule() == Rule::string)
            .map(string)
    }

    fn first_date(pair: Pair<'_, Rule>) -> Option<Date> {
        let date = children(pair).find(|p| p.as_rule() == Rule::date)?;
        Self::date(date)
    }

    fn date(pair: Pair<'_, Rule>) -> Option<Date> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let mut date = Date {
            year: 0,
            month: None,
            day: None,
            span,
        };
        match inner.as_rule() {
            Rule::iso_date => {
                let text = inner.as_str();
                date.year = text.get(0..4)?.parse().ok()?;
                date.month = text.get(5..7)?.parse().ok();
                date.day = text.get(8..10)?.parse().ok();
            }
            Rule::day_month_year | Rule::month_year | Rule::year => {
                let parts: Vec<Pair<'_, Rule>> = if inner.as_rule() == Rule::year {
                    vec![inner]
                } else {
                    children(inner).collect()
                };
                for part in parts {
                    match part.as_rule() {
                        Rule::digits => date.day = part.as_str().parse().ok().or(Some(0)),
                        Rule::month => date.month = month_number(part.as_str()),
                        Rule::year => date.year = part.as_str().parse().ok()?,
                        _ => {}
                    }
                }
            }
            _ => return None,
        }
        Some(date)
    }

    fn form_decl(pair: Pair<'_, Rule>) -> Option<Form> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let name = ident(inner.next()?);
        let title = string(inner.next()?);
        let mut form = Form {
            name,
            title,
            fields: Vec::new(),
            send_to: Vec::new(),
            cites: Vec::new(),
            notes: Vec::new(),
            span,
        };
        for child in inner {
            match child.as_rule() {
                Rule::field_decl => form.fields.extend(children(child).next().map(string)),
                Rule::send_to_decl => {
                    if let Some(target) = children(child).next() {
                        form.send_to.push(if target.as_rule() == Rule::string {
                            SendTo::Address(string(target))
                        } else {
                            SendTo::Actor(ident(target))
                        });
                    }
                }
                Rule::cites_decl => form.cites.extend(children(child).next().map(string)),
                Rule::note_decl => form.notes.extend(children(child).next().map(string)),
                _ => {}
            }
        }
        Some(form)
    }

    fn stage(&mut self, pair: Pair<'_, Rule>) -> Option<Stage> {
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

    fn stage_id(&mut self, pair: Pair<'_, Rule>) -> Option<StageId> {
        let inner = children(pair).next()?;
        let span = span_of(&inner);
        Some(match inner.as_rule() {
            Rule::digits => StageId::Number(self.digits(&inner)?, span),
            _ => StageId::Name(ident(inner)),
        })
    }

    fn digits(&mut self, pair: &Pair<'_, Rule>) -> Option<u32> {
        if let Ok(n) = pair.as_str().parse::<u32>() {
            return Some(n);
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                span_of(pair),
                format!("`{}` is too large a number", pair.as_str()),
            )
            .with_help("Numbers of stages, days and hours must be below 4294967296."),
        );
        None
    }

    fn number(&mut self, pair: Pair<'_, Rule>) -> Option<u32> {
        let inner = children(pair).next()?;
        match inner.as_rule() {
            Rule::digits => self.digits(&inner),
            _ => number_word(inner.as_str()),
        }
    }

    fn stage_item(&mut self, pair: Pair<'_, Rule>) -> Option<StageItem> {
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
    fn condition(&mut self, pair: Pair<'_, Rule>) -> Option<Condition> {
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

    fn bound(&mut self, pair: Pair<'_, Rule>) -> Option<Bound> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let kind = match inner.as_rule() {
            Rule::on_day => BoundKind::On(self.day_ref(children(inner).next()?)?),
            Rule::by_day => BoundKind::By(self.day_ref(children(inner).next()?)?),
            Rule::within => BoundKind::Within(self.within(inner)?),
            Rule::words_limit => BoundKind::Words(Self::words(inner)?),
            _ => return None,
        };
        Some(Bound { kind, span })
    }

    /// `immediately`, `without delay`, `the same day`, `before the meeting
    /// ends`, `case by case "..."`.
    fn words(pair: Pair<'_, Rule>) -> Option<Words> {
        let inner = pair.into_inner().next()?;
        Some(match inner.as_rule() {
            Rule::kw_immediately => Words::Immediately,
            Rule::kw_without_delay => Words::WithoutDelay,
            Rule::kw_the_same_day => Words::SameDay,
            Rule::kw_before_the_meeting_ends => Words::BeforeMeetingEnds,
            Rule::case_by_case => Words::CaseByCase(string(children(inner).next()?)),
            _ => return None,
        })
    }

    /// The second limit of `conclude` or of a duty: `, or within 2 working
    /// days, whichever is sooner`, or `(2 working days)`, the same limit as
    /// `first` in another unit, counted from the same anchor.
    fn second_limit(
        &mut self,
        pair: Pair<'_, Rule>,
        first: Option<&Bound>,
    ) -> Option<(Bound, Join)> {
        let span = span_of(&pair);
        if pair.as_rule() == Rule::sooner {
            let bound = children(pair).find(|p| p.as_rule() == Rule::bound)?;
            return Some((self.bound(bound)?, Join::Sooner));
        }
        let Some(Bound {
            kind: BoundKind::Within(first),
            ..
        }) = first
        else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::Syntax,
                    span,
                    "a second unit in brackets must follow a `within` limit",
                )
                .with_help(
                    "Write the limit as the source does, for example `within 48 hours (2 working days)`.",
                ),
            );
            return None;
        };
        let duration = children(pair).find(|p| p.as_rule() == Rule::duration)?;
        let (amount, unit) = self.duration(duration);
        Some((
            Bound {
                kind: BoundKind::Within(Within {
                    further: first.further,
                    amount: amount?,
                    unit,
                    anchor: first.anchor.clone(),
                    span,
                }),
                span,
            },
            Join::SameAct,
        ))
    }

    /// A duration's number and unit.
    fn duration(&mut self, pair: Pair<'_, Rule>) -> (Option<u32>, Unit) {
        let mut amount = None;
        let mut unit = Unit::Days;
        for part in children(pair) {
            match part.as_rule() {
                Rule::number => amount = self.number(part),
                Rule::unit => unit = Self::unit(&part),
                _ => {}
            }
        }
        (amount, unit)
    }

    fn day_ref(&mut self, pair: Pair<'_, Rule>) -> Option<DayRef> {
        let span = span_of(&pair);
        let day = self.number(children(pair).next()?)?;
        if day == 0 {
            self.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, span, "there is no day 0")
                    .with_help("Days are counted from day 1, the first day of the escalation."),
            );
            return None;
        }
        Some(DayRef { day, span })
    }

    fn within(&mut self, pair: Pair<'_, Rule>) -> Option<Within> {
        let span = span_of(&pair);
        let mut amount = None;
        let mut unit = Unit::Days;
        let mut anchor = Anchor::Unstated;
        let mut further = false;
        for child in children(pair) {
            match child.as_rule() {
                Rule::further => further = true,
                Rule::duration => (amount, unit) = self.duration(child),
                Rule::anchor => anchor = self.anchor(child)?,
                _ => {}
            }
        }
        Some(Within {
            further,
            amount: amount?,
            unit,
            anchor,
            span,
        })
    }

    fn anchor(&mut self, pair: Pair<'_, Rule>) -> Option<Anchor> {
        if has_keyword(&pair, Rule::kw_of_the_concern_arising) {
            return Some(Anchor::ConcernArising);
        }
        if has_keyword(&pair, Rule::kw_of_being_notified) {
            return Some(Anchor::BeingNotified);
        }
        if has_keyword(&pair, Rule::kw_of_the_meeting) {
            return Some(Anchor::Meeting);
        }
        let Some(at) = children(pair).find(|p| p.as_rule() == Rule::stage_anchor) else {
            return Some(Anchor::StageStarting);
        };
        let mut stage = None;
        let mut event = StageEvent::Concluding;
        for part in children(at) {
            match part.as_rule() {
                Rule::stage_ref => stage = Some(self.stage_ref(part)?),
                Rule::stage_event => {
                    let rule = part.into_inner().next().map(|p| p.as_rule());
                    event = match rule {
                        Some(Rule::kw_starting) => StageEvent::Starting,
                        Some(Rule::kw_ending_unresolved) => StageEvent::EndingUnresolved,
                        _ => StageEvent::Concluding,
                    };
                }
                _ => {}
            }
        }
        Some(Anchor::Stage { stage, event })
    }

    fn unit(pair: &Pair<'_, Rule>) -> Unit {
        let rule = pair.clone().into_inner().next().map(|p| p.as_rule());
        match rule {
            Some(Rule::kw_hours | Rule::kw_hour) => Unit::Hours,
            Some(Rule::kw_working_days | Rule::kw_working_day) => Unit::WorkingDays,
            Some(Rule::kw_calendar_days | Rule::kw_calendar_day) => Unit::CalendarDays,
            _ => Unit::Days,
        }
    }

    fn panel(&mut self, pair: Pair<'_, Rule>) -> Option<Panel> {
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

    fn outcome(&mut self, pair: Pair<'_, Rule>) -> Option<Outcome> {
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
    fn target(&mut self, pair: Pair<'_, Rule>) -> Option<(Target, Option<Within>)> {
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

    fn stage_ref(&mut self, pair: Pair<'_, Rule>) -> Option<StageRef> {
        let span = span_of(&pair);
        let step = has_keyword(&pair, Rule::kw_step);
        let id = self.stage_id(children(pair).next()?)?;
        Some(StageRef { step, id, span })
    }

    fn duty(&mut self, pair: Pair<'_, Rule>) -> Option<Duty> {
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

    fn repeated(&mut self, span: Span, word: &str) {
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
    fn duty_kind(pair: Pair<'_, Rule>) -> Option<(DutyKind, bool)> {
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

    fn exception_rule(&mut self, pair: Pair<'_, Rule>) -> Option<ExceptionRule> {
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

    fn procedure(&mut self, pair: Pair<'_, Rule>) -> Option<Procedure> {
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

/// A pair's span, without the whitespace and comments pest may have
/// consumed after its last word.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let start = pair.as_span().start();
    Span::new(start, start + crate::span::trimmed_len(pair.as_str()))
}

/// `led by a or b with equivalent c`
fn lead(pair: Pair<'_, Rule>) -> Lead {
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
fn counterpart(pair: Pair<'_, Rule>) -> Option<Counterpart> {
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

fn decl(pair: Pair<'_, Rule>) -> Option<Decl> {
    let span = span_of(&pair);
    let mut inner = children(pair);
    let name = ident(inner.next()?);
    let description = string(inner.next()?);
    let scope = inner.next().and_then(|p| for_scope(&p));
    Some(Decl {
        name,
        description,
        scope,
        span,
    })
}

/// `for adults` or `for children`.
fn for_scope(pair: &Pair<'_, Rule>) -> Option<Scope> {
    let scope = pair
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::scope)?;
    Some(if has_keyword(&scope, Rule::kw_children) {
        Scope::Children
    } else {
        Scope::Adults
    })
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "taking pairs by value, as pest's iterators yield them, lets builders compose with `map`"
)]
fn ident(pair: Pair<'_, Rule>) -> Ident {
    Ident {
        text: pair.as_str().to_owned(),
        span: span_of(&pair),
    }
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "taking pairs by value, as pest's iterators yield them, lets builders compose with `map`"
)]
fn plain_text(pair: Pair<'_, Rule>) -> Text {
    Text {
        text: pair.as_str().to_owned(),
        span: span_of(&pair),
    }
}

/// A quoted string; the text is the part between the quotes with the
/// surrounding spaces trimmed.
fn string(pair: Pair<'_, Rule>) -> Text {
    let span = span_of(&pair);
    let text = pair
        .into_inner()
        .next()
        .map(|p| p.as_str().trim().to_owned())
        .unwrap_or_default();
    Text { text, span }
}

/// The actors of an `actor_list`, each as written.
fn actor_list(pair: Pair<'_, Rule>) -> Vec<ActorRef> {
    children(pair)
        .filter(|p| p.as_rule() == Rule::actor_ref)
        .filter_map(actor_ref)
        .collect()
}

fn actor_ref(pair: Pair<'_, Rule>) -> Option<ActorRef> {
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

fn name_list(pair: Pair<'_, Rule>) -> Vec<Ident> {
    children(pair)
        .filter(|p| p.as_rule() == Rule::name)
        .map(ident)
        .collect()
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = word.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}
