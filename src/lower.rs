//! Lowering: from the syntax tree to the semantic model.
//!
//! This is where names are resolved (with "did you mean"), header lines are
//! validated and time limits are normalised into day numbers and durations
//! with a unit. Every problem found here is a diagnostic; lowering never
//! stops early, so one run reports every unknown name in the file. Checks
//! that need the whole model (reachability, windows, duties, dates) live in
//! `checks`, not here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::ast::{self, Anchor, DayKind, HeaderKind, Ident, Item};
use crate::calendar::Division;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;

/// What a name was declared as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Actor,
    Record,
    Form,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Record => "record",
            Kind::Form => "form",
        }
    }
}

/// Where each declared name was used, for the unused-definition check.
#[derive(Clone, Debug, Default)]
pub struct Usage {
    pub used: BTreeSet<String>,
}

/// Lowers a syntax tree. The model is returned even when there are errors,
/// so that later checks can still report what they find.
#[must_use]
pub fn lower(file: &ast::File) -> (Policy, Usage, Vec<Diagnostic>) {
    let mut lowerer = Lowerer::default();
    lowerer.declarations(file);
    lowerer.header(file);
    lowerer.stage_tables(file);
    let policy = lowerer.policy(file);
    (policy, lowerer.usage, lowerer.diagnostics)
}

#[derive(Default)]
struct Lowerer {
    diagnostics: Vec<Diagnostic>,
    /// Every declared name, with its kind and span.
    names: BTreeMap<String, (Kind, Span)>,
    /// Main-ladder stage ids.
    stages: BTreeMap<String, Span>,
    /// Step ids by procedure name.
    steps: BTreeMap<String, BTreeMap<String, Span>>,
    usage: Usage,
    header: PolicyHeader,
    day_counting_reported: bool,
    holidays_reported: bool,
    /// A `holidays` line was written, even if its calendar is unknown.
    holidays_stated: bool,
}

impl Lowerer {
    fn declarations(&mut self, file: &ast::File) {
        for item in &file.items {
            let (kind, name) = match item {
                Item::Actor(d) => (Kind::Actor, &d.name),
                Item::Record(d) => (Kind::Record, &d.name),
                Item::Form(f) => (Kind::Form, &f.name),
                _ => continue,
            };
            if let Some((first_kind, first_span)) = self.names.get(&name.text) {
                let diagnostic = Diagnostic::new(
                    Code::DuplicateDefinition,
                    name.span,
                    format!("`{}` is defined twice", name.text),
                )
                .with_primary_label(format!("defined again here as {}", article(kind.word())))
                .with_label(*first_span, format!("first defined here as {}", article(first_kind.word())))
                .with_help("Each actor, record and form needs its own name. Rename one, or delete the repeated line.");
                self.diagnostics.push(diagnostic);
            } else {
                self.names.insert(name.text.clone(), (kind, name.span));
            }
        }
    }

    fn header(&mut self, file: &ast::File) {
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        let mut header = PolicyHeader {
            stage_word: "Stage".to_owned(),
            ..PolicyHeader::default()
        };
        for item in &file.items {
            let Item::Header(h) = item else { continue };
            let word = header_word(&h.kind);
            if word != "contact" {
                if let Some(first) = seen.get(word) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::RepeatedHeader,
                            h.span,
                            format!("`{word}` is given twice"),
                        )
                        .with_primary_label("given again here")
                        .with_label(*first, "first given here")
                        .with_help(format!(
                            "A policy has one `{word}` line. Delete the one that is out of date."
                        )),
                    );
                    continue;
                }
                seen.insert(word, h.span);
            }
            match &h.kind {
                HeaderKind::Policy(t) => header.title = Some(t.text.clone()),
                HeaderKind::Board { name, short } => {
                    header.board = Some(name.text.clone());
                    header.board_short = short.as_ref().map(|s| s.text.clone());
                    header.board_span = Some(h.span);
                }
                HeaderKind::Covers(scopes) => {
                    let mut scopes = scopes.clone();
                    scopes.sort();
                    scopes.dedup();
                    header.scope = scopes;
                }
                HeaderKind::Version(t) => header.version = Some(t.text.clone()),
                HeaderKind::Adopted(d) => header.adopted = self.date(d),
                HeaderKind::Updated(d) => header.updated = self.date(d),
                HeaderKind::Review(d) => header.review = self.date(d),
                HeaderKind::Days(kind) => {
                    header.day_kind = Some(match kind {
                        DayKind::Calendar => DayUnit::CalendarDays,
                        DayKind::Working => DayUnit::WorkingDays,
                    });
                }
                HeaderKind::DayOne(d) => header.day_one = Some(*d),
                HeaderKind::Holidays(name) => {
                    self.holidays_stated = true;
                    header.holidays = self.division(name);
                    header.holidays_span = Some(h.span);
                }
                HeaderKind::Contact { address, purpose } => header.contacts.push(Contact {
                    address: address.text.clone(),
                    purpose: purpose.as_ref().map(|p| p.text.clone()),
                    span: h.span,
                }),
                HeaderKind::Source { title, url } => {
                    header.source = Some(Source {
                        title: title.text.clone(),
                        url: url.as_ref().map(|u| u.text.clone()),
                    });
                }
                HeaderKind::RaisedBy(actor) => {
                    self.actor(actor);
                    header.raised_by = Some(actor.text.clone());
                }
                HeaderKind::StagesCalled(word) => {
                    let mut chars = word.text.trim().chars();
                    header.stage_word = chars.next().map_or_else(
                        || "Stage".to_owned(),
                        |c| c.to_uppercase().chain(chars).collect(),
                    );
                }
            }
        }
        let first_span = file.items.first().map_or(Span::new(0, 0), item_span);
        header.span = first_span;
        for (word, example) in [
            ("policy", "policy \"Professional Challenge and Escalation\""),
            ("board", "board \"Halton Safeguarding Adults Board\" (HSAB)"),
        ] {
            if !seen.contains_key(word) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::MissingHeader,
                        Span::new(first_span.start, first_span.start),
                        format!("the policy has no `{word}` line"),
                    )
                    .with_help(format!(
                        "Every policy names itself and its board at the top of the file, for example `{example}`."
                    )),
                );
            }
        }
        if !seen.contains_key("concern raised by") {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::RaiserUnstated,
                    Span::new(first_span.start, first_span.start),
                    "the policy does not say who raises a concern",
                )
                .with_help("Add a line such as `concern raised by practitioner`, so that ladder can check that every outcome is shared with them."),
            );
        }
        self.header = header;
    }

    fn date(&mut self, date: &ast::Date) -> Option<PolicyDate> {
        let invalid = |this: &mut Self, what: String| {
            this.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, date.span, what)
                    .with_help("Write a date that exists, such as `30 April 2025`, `April 2025` or `2025-04-30`."),
            );
            None
        };
        match (date.month, date.day) {
            (Some(month), Some(day)) => match NaiveDate::from_ymd_opt(date.year, month, day) {
                Some(d) => Some(PolicyDate {
                    first: d,
                    last: d,
                    precision: Precision::Day,
                    span: date.span,
                }),
                None => invalid(self, format!("{} is not a date", describe_date(date))),
            },
            (Some(month), None) => {
                let first = NaiveDate::from_ymd_opt(date.year, month, 1);
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(date.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(date.year, month + 1, 1)
                };
                match (first, next.and_then(|n| n.pred_opt())) {
                    (Some(first), Some(last)) => Some(PolicyDate {
                        first,
                        last,
                        precision: Precision::Month,
                        span: date.span,
                    }),
                    _ => invalid(self, format!("{} is not a date", describe_date(date))),
                }
            }
            _ => match (
                NaiveDate::from_ymd_opt(date.year, 1, 1),
                NaiveDate::from_ymd_opt(date.year, 12, 31),
            ) {
                (Some(first), Some(last)) => Some(PolicyDate {
                    first,
                    last,
                    precision: Precision::Year,
                    span: date.span,
                }),
                _ => invalid(self, format!("{} is not a year ladder can use", date.year)),
            },
        }
    }

    fn division(&mut self, name: &Ident) -> Option<Division> {
        if let Some(d) = Division::from_name(&name.text.to_lowercase()) {
            return Some(d);
        }
        let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
        let mut diagnostic = Diagnostic::new(
            Code::InvalidValue,
            name.span,
            format!(
                "`{}` is not a bank-holiday calendar ladder knows",
                name.text
            ),
        );
        diagnostic = match did_you_mean(&name.text, names.iter().copied()) {
            Some(best) => diagnostic.with_primary_label(format!("did you mean `{best}`?")),
            None => diagnostic,
        };
        self.diagnostics.push(diagnostic.with_help(format!(
            "The calendars are {}.",
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        )));
        None
    }

    fn stage_tables(&mut self, file: &ast::File) {
        for item in &file.items {
            match item {
                Item::Stage(stage) => {
                    Self::register(
                        &mut self.diagnostics,
                        &mut self.stages,
                        stage,
                        &self.header.stage_word,
                    );
                }
                Item::Procedure(p) => {
                    let mut table = BTreeMap::new();
                    for step in &p.steps {
                        Self::register(&mut self.diagnostics, &mut table, step, "Step");
                    }
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

    fn register(
        diagnostics: &mut Vec<Diagnostic>,
        table: &mut BTreeMap<String, Span>,
        stage: &ast::Stage,
        word: &str,
    ) {
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
        } else {
            table.insert(key, stage.id.span());
        }
    }

    fn policy(&mut self, file: &ast::File) -> Policy {
        let mut policy = Policy {
            header: self.header.clone(),
            ..Policy::default()
        };
        for item in &file.items {
            match item {
                Item::Actor(d) => policy.actors.push(named(d)),
                Item::Record(d) => policy.records.push(named(d)),
                Item::Form(f) => {
                    let send_to = f
                        .send_to
                        .iter()
                        .map(|s| match s {
                            ast::SendTo::Address(t) => SendTo::Address(t.text.clone()),
                            ast::SendTo::Actor(a) => {
                                self.actor(a);
                                SendTo::Actor(a.text.clone())
                            }
                        })
                        .collect();
                    policy.forms.push(Form {
                        name: f.name.text.clone(),
                        title: f.title.text.clone(),
                        fields: texts(&f.fields),
                        send_to,
                        cites: texts(&f.cites),
                        notes: texts(&f.notes),
                        span: f.span,
                    });
                }
                Item::EveryStage(e) => {
                    for duty in &e.duties {
                        let duty = self.duty(duty, None);
                        policy.every_stage.push(duty);
                    }
                }
                Item::Stage(s) => {
                    let stage = self.stage(s, None);
                    policy.stages.push(stage);
                }
                Item::Rule(r) => {
                    let rule = self.rule(r);
                    policy.rules.push(rule);
                }
                Item::Procedure(p) => {
                    let steps = p
                        .steps
                        .iter()
                        .map(|s| self.stage(s, Some(&p.name.text)))
                        .collect();
                    policy.procedures.push(Procedure {
                        name: p.name.text.clone(),
                        title: p.title.text.clone(),
                        applies: p.applies.as_ref().map(|t| t.text.clone()),
                        meanwhile: texts(&p.meanwhile),
                        cites: texts(&p.cites),
                        notes: texts(&p.notes),
                        steps,
                        span: p.span,
                    });
                }
                Item::Note(t) => policy.notes.push(t.text.clone()),
                Item::Header(_) => {}
            }
        }
        policy
    }

    fn stage(&mut self, s: &ast::Stage, procedure: Option<&str>) -> Stage {
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
            leads: Vec::new(),
            leads_either: false,
            counterparts: Vec::new(),
            counterparts_either: false,
            panel: None,
            duties: Vec::new(),
            outcomes: Vec::new(),
            span: s.span,
            head_span: s.head_span,
        };
        let mut start_span: Option<Span> = None;
        let mut conclude_span: Option<Span> = None;
        for item in &s.items {
            match item {
                ast::StageItem::Cites(t) => stage.cites.push(t.text.clone()),
                ast::StageItem::Note(t) => stage.notes.push(t.text.clone()),
                ast::StageItem::Start(start) => {
                    if self.once(&mut start_span, start.span, "start") {
                        stage.start = Some(self.bound(&start.bound, !start.aim));
                    }
                }
                ast::StageItem::Conclude(c) => {
                    if self.once(&mut conclude_span, c.span, "conclude") {
                        stage.conclude = c.bounds.iter().map(|b| self.bound(b, !c.aim)).collect();
                    }
                }
                ast::StageItem::Lead(lead) => {
                    stage.leads_either = lead.leads_either;
                    stage.counterparts_either = lead.counterparts_either;
                    for a in &lead.leads {
                        self.actor(a);
                        stage.leads.push(a.text.clone());
                    }
                    for c in &lead.counterparts {
                        self.actor(&c.actor);
                        stage.counterparts.push(Counterpart {
                            actor: c.actor.text.clone(),
                            equivalent: c.equivalent,
                        });
                    }
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
            }
        }
        stage
    }

    /// Reports a second `start` or `conclude` in one stage.
    fn once(&mut self, seen: &mut Option<Span>, span: Span, word: &str) -> bool {
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

    fn panel(&mut self, p: &ast::Panel, procedure: Option<&str>) -> Panel {
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
            duties: p.duties.iter().map(|d| self.duty(d, procedure)).collect(),
            span: p.span,
        }
    }

    fn outcome(&mut self, o: &ast::Outcome, procedure: Option<&str>) -> Outcome {
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
                for v in via {
                    self.actor(v);
                }
                Target::Stage {
                    to: self.stage_ref(to, procedure),
                    via: via.iter().map(|v| v.text.clone()).collect(),
                    via_either: *via_either,
                }
            }
        };
        Outcome {
            when,
            target,
            span: o.span,
        }
    }

    fn stage_ref(&mut self, r: &ast::StageRef, procedure: Option<&str>) -> Option<StageKey> {
        let key = r.id.key();
        if r.step {
            let Some(procedure) = procedure else {
                self.diagnostics.push(
                    Diagnostic::new(Code::UnknownName, r.span, format!("`step {key}` is used outside a procedure"))
                        .with_help("`step` names a step of the procedure it is written in. On the main ladder, write `stage`."),
                );
                return None;
            };
            let table = self.steps.get(procedure).cloned().unwrap_or_default();
            if table.contains_key(&key) {
                return Some(StageKey {
                    procedure: Some(procedure.to_owned()),
                    id: key,
                });
            }
            self.unknown_stage(
                r,
                &key,
                &table
                    .keys()
                    .map(|k| format!("step {k}"))
                    .collect::<Vec<_>>(),
                "step",
            );
            return None;
        }
        if self.stages.contains_key(&key) {
            return Some(StageKey {
                procedure: None,
                id: key,
            });
        }
        let candidates: Vec<String> = self.stages.keys().map(|k| format!("stage {k}")).collect();
        self.unknown_stage(r, &key, &candidates, "stage");
        None
    }

    fn unknown_stage(&mut self, r: &ast::StageRef, key: &str, candidates: &[String], word: &str) {
        let written = format!("{word} {key}");
        let mut diagnostic = Diagnostic::new(
            Code::UnknownName,
            r.span,
            format!("there is no `{written}`"),
        );
        // A number is not misspelt: `stage 3` is no nearer `stage 1` than
        // `stage 2`, so numbers get the list of stages, not a guess.
        let numeric = key.chars().all(|c| c.is_ascii_digit());
        if let Some(best) =
            did_you_mean(&written, candidates.iter().map(String::as_str)).filter(|_| !numeric)
        {
            diagnostic = diagnostic.with_primary_label(format!("did you mean `{best}`?"));
        }
        let list = if candidates.is_empty() {
            format!("There are no {word}s yet.")
        } else {
            format!(
                "The {word}s are {}.",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        self.diagnostics.push(diagnostic.with_help(format!(
            "{list} Point to one of them, or add the missing {word}."
        )));
    }

    fn rule(&mut self, r: &ast::ExceptionRule) -> Rule {
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
                    Some(t) => StartAt::Stage(self.stage_ref(t, None)),
                }),
                ast::ExceptionItem::Duty(d) => {
                    let duty = self.duty(d, None);
                    rule.duties.push(duty);
                }
            }
        }
        rule
    }

    fn duty(&mut self, d: &ast::Duty, _procedure: Option<&str>) -> Duty {
        let actors = |this: &mut Self, list: &[Ident]| -> Vec<String> {
            list.iter()
                .map(|a| {
                    this.actor(a);
                    a.text.clone()
                })
                .collect()
        };
        let kind = match &d.kind {
            ast::DutyKind::Record { what, record } => {
                if let Some(r) = record {
                    self.resolve(r, Kind::Record);
                }
                DutyKind::Record {
                    what: what.text.clone(),
                    record: record.as_ref().map(|r| r.text.clone()),
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
        let within = d.within.as_ref().map(|w| self.within(w, true));
        Duty {
            optional: d.optional,
            kind,
            actors_either: d.actors_either,
            by,
            by_either: d.by_either,
            within,
            trigger: d.trigger.map(|(t, _)| t),
            where_possible: d.where_possible,
            span: d.span,
        }
    }

    fn bound(&mut self, b: &ast::Bound, hard: bool) -> Limit {
        match &b.kind {
            ast::BoundKind::On(day) | ast::BoundKind::By(day) => {
                let unit = self.policy_day_unit(day.span, "day numbers");
                Limit {
                    kind: if matches!(b.kind, ast::BoundKind::On(_)) {
                        LimitKind::On
                    } else {
                        LimitKind::By
                    },
                    amount: day.day,
                    unit,
                    anchor: Anchor::ConcernArising,
                    hard,
                    span: b.span,
                }
            }
            ast::BoundKind::Within(w) => self.within(w, hard),
        }
    }

    fn within(&mut self, w: &ast::Within, hard: bool) -> Limit {
        let unit = match w.unit {
            ast::Unit::Hours => DayUnit::Hours,
            ast::Unit::CalendarDays => DayUnit::CalendarDays,
            ast::Unit::WorkingDays => DayUnit::WorkingDays,
            ast::Unit::Days => self.policy_day_unit(w.span, "a number of days"),
        };
        if unit == DayUnit::WorkingDays {
            self.needs_holidays(w.span);
        }
        if w.anchor == Anchor::ConcernArising {
            self.policy_day_unit(w.span, "a time counted from the concern arising");
        }
        Limit {
            kind: LimitKind::Within,
            amount: w.amount,
            unit,
            anchor: w.anchor,
            hard,
            span: w.span,
        }
    }

    /// The policy's kind of day; reports once when the policy does not say
    /// how days are counted, and carries on as if calendar days.
    fn policy_day_unit(&mut self, span: Span, what: &str) -> DayUnit {
        let stated = self.header.day_kind;
        if (stated.is_none() || self.header.day_one.is_none()) && !self.day_counting_reported {
            self.day_counting_reported = true;
            // Say which half of the day counting is missing, and quote the
            // half that is there, so the fix is not a line already written.
            let kind = match stated {
                Some(DayUnit::WorkingDays) => "`days are working days`",
                _ => "`days are calendar days`",
            };
            let day_one = match self.header.day_one {
                Some(ast::DayOne::DayAfter) => "`day 1 is the day after the concern arose`",
                _ => "`day 1 is the day the concern arose`",
            };
            let (unstated, help) = match (stated.is_none(), self.header.day_one.is_none()) {
                (true, true) => (
                    "how days are counted",
                    "Add `days are calendar days` (or `days are working days`) and `day 1 is the day the concern arose` (or `day 1 is the day after the concern arose`) to the header.".to_owned(),
                ),
                (true, false) => (
                    "whether days are calendar days or working days",
                    format!("The header says {day_one} but not which days are counted. Add `days are calendar days` or `days are working days`."),
                ),
                _ => (
                    "which day is day 1",
                    format!("The header says {kind} but not which day is day 1. Add `day 1 is the day the concern arose` or `day 1 is the day after the concern arose`."),
                ),
            };
            self.diagnostics.push(
                Diagnostic::new(Code::DayCountingUnstated, span, format!("{what} are used but the policy does not say {unstated}"))
                    .with_primary_label("this needs the policy's day counting")
                    .with_help(format!("{help} ladder does not guess: the same words give different dates under each reading.")),
            );
        }
        match stated {
            Some(DayUnit::WorkingDays) => {
                self.needs_holidays(span);
                DayUnit::WorkingDays
            }
            _ => DayUnit::CalendarDays,
        }
    }

    fn needs_holidays(&mut self, span: Span) {
        if self.header.holidays.is_none() && !self.holidays_stated && !self.holidays_reported {
            self.holidays_reported = true;
            self.diagnostics.push(
                Diagnostic::new(Code::HolidaysUnstated, span, "working days are used but the policy names no bank-holiday calendar")
                    .with_primary_label("counted in working days")
                    .with_help("Add `holidays england-and-wales` (or `scotland`, `northern-ireland`, `any-uk`) to the header, so that working days skip the right bank holidays."),
            );
        }
    }

    fn actor(&mut self, name: &Ident) {
        self.resolve(name, Kind::Actor);
    }

    /// Checks that a name is declared as the kind expected, and marks it used.
    fn resolve(&mut self, name: &Ident, expected: Kind) {
        match self.names.get(&name.text) {
            Some((kind, _)) if *kind == expected => {
                self.usage.used.insert(name.text.clone());
            }
            Some((kind, span)) => {
                let diagnostic = Diagnostic::new(
                    Code::UnknownName,
                    name.span,
                    format!(
                        "`{}` is {}, not {}",
                        name.text,
                        article(kind.word()),
                        article(expected.word())
                    ),
                )
                .with_primary_label(format!("{} is needed here", article(expected.word())))
                .with_label(*span, format!("defined here as {}", article(kind.word())))
                .with_help(format!(
                    "Use the name of {} here.",
                    article(expected.word())
                ));
                self.diagnostics.push(diagnostic);
            }
            None => {
                let candidates: Vec<&str> = self
                    .names
                    .iter()
                    .filter(|(_, (kind, _))| *kind == expected)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let mut diagnostic = Diagnostic::new(
                    Code::UnknownName,
                    name.span,
                    format!("there is no {} called `{}`", expected.word(), name.text),
                );
                let example = match expected {
                    Kind::Actor => format!("actor {} \"Who this is\"", name.text),
                    Kind::Record => format!("record {} \"Where it is kept\"", name.text),
                    Kind::Form => format!("form {} \"Title\" {{ field \"...\" }}", name.text),
                };
                let suggestion =
                    did_you_mean(&name.text, candidates.iter().copied()).map(str::to_owned);
                if let Some(best) = &suggestion {
                    // The misspelling was meant as a use of `best`: saying
                    // `best` is unused as well would mislead.
                    self.usage.used.insert(best.clone());
                }
                diagnostic = match suggestion {
                    Some(best) => diagnostic
                        .with_primary_label(format!("did you mean `{best}`?"))
                        .with_help(format!("Correct the name, or define it with `{example}`.")),
                    None => diagnostic.with_help(format!("Define it with `{example}`.")),
                };
                self.diagnostics.push(diagnostic);
            }
        }
    }
}

/// The closest candidate, if it is close enough to be a likely typo.
#[must_use]
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

fn article(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

fn header_word(kind: &HeaderKind) -> &'static str {
    match kind {
        HeaderKind::Policy(_) => "policy",
        HeaderKind::Board { .. } => "board",
        HeaderKind::Covers(_) => "covers",
        HeaderKind::Version(_) => "version",
        HeaderKind::Adopted(_) => "adopted",
        HeaderKind::Updated(_) => "updated",
        HeaderKind::Review(_) => "review",
        HeaderKind::Days(_) => "days are",
        HeaderKind::DayOne(_) => "day 1 is",
        HeaderKind::Holidays(_) => "holidays",
        HeaderKind::Contact { .. } => "contact",
        HeaderKind::Source { .. } => "source",
        HeaderKind::RaisedBy(_) => "concern raised by",
        HeaderKind::StagesCalled(_) => "stages are called",
    }
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Header(h) => h.span,
        Item::Actor(d) | Item::Record(d) => d.span,
        Item::Form(f) => f.span,
        Item::EveryStage(e) => e.span,
        Item::Stage(s) => s.span,
        Item::Rule(r) => r.span,
        Item::Procedure(p) => p.span,
        Item::Note(t) => t.span,
    }
}

fn describe_date(date: &ast::Date) -> String {
    let month = date
        .month
        .and_then(|m| crate::calendar::MONTH_NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?))
        .map_or_else(
            || format!("month {}", date.month.unwrap_or(0)),
            |m| (*m).to_owned(),
        );
    match date.day {
        Some(day) => format!("{day} {month} {}", date.year),
        None => format!("{month} {}", date.year),
    }
}

fn named(d: &ast::Decl) -> Named {
    Named {
        name: d.name.text.clone(),
        description: d.description.text.clone(),
        span: d.span,
    }
}

fn texts(list: &[ast::Text]) -> Vec<String> {
    list.iter().map(|t| t.text.clone()).collect()
}
