//! Lowering: from the syntax tree to the semantic model.
//!
//! This is where names are resolved (with "did you mean"), header lines are
//! validated and time limits are normalised into day numbers and durations
//! with a unit. Every problem found here is a diagnostic; lowering never
//! stops early, so one run reports every unknown name in the file. Checks
//! that need the whole model (reachability, windows, duties, dates) live in
//! `checks`, not here.
//!
//! The work is split by what is lowered: `header.rs` (with `review.rs`, the
//! review date computed from a review period), `stages.rs` (stages,
//! panels, outcomes, rules), `duties.rs` and `time.rs` (limits); this file
//! holds the lowerer's state, declarations, the policy as a whole and name
//! resolution.

use std::collections::{BTreeMap, BTreeSet};

use crate::ast::{self, Ident, Item};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;
use phases::phase_stages;

mod duties;
mod header;
mod phases;
mod procedures;
mod review;
mod scopes;
mod stages;
mod time;

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
    /// Main-ladder stage ids in file order (each once).
    stage_order: Vec<String>,
    /// Step ids in file order, by procedure name.
    step_order: BTreeMap<String, Vec<String>>,
    /// Each stage's and step's position in its ladder's order, so that
    /// anchors are checked in constant time however long the ladder.
    positions: BTreeMap<StageKey, usize>,
    /// Where lowering is, for what time limits count from.
    place: time::Place,
    /// Step ids by procedure name.
    steps: BTreeMap<String, BTreeMap<String, Span>>,
    usage: Usage,
    header: PolicyHeader,
    day_counting_reported: bool,
    holidays_reported: bool,
    /// A `holidays` line was written, even if its calendar is unknown.
    holidays_stated: bool,
    /// Each actor's declarations so far: the group each is for (`None`
    /// for everyone) and where it is.
    actor_scopes: BTreeMap<String, Vec<(Option<ast::Scope>, Span)>>,
    /// How many unknown names have been compared with every defined one
    /// (see `may_suggest`).
    suggestions_tried: usize,
}

/// How many unknown names of one file get a "did you mean": each costs a
/// comparison with every name defined, so without a limit a file of
/// thousands of misspellings took time in the square of its length. Past
/// the first few dozen, the same few typos are usually repeated.
const SUGGESTIONS: usize = 50;

/// The longest name a suggestion is looked for: comparing two names costs
/// the product of their lengths.
const SUGGESTED_NAME_LENGTH: usize = 64;

impl Lowerer {
    /// Whether one more unknown name may be compared with the defined ones.
    fn may_suggest(&mut self) -> bool {
        self.suggestions_tried += 1;
        self.suggestions_tried <= SUGGESTIONS
    }

    fn declarations(&mut self, file: &ast::File) {
        for item in &file.items {
            let (kind, name) = match item {
                Item::Actor(d) => (Kind::Actor, &d.name),
                Item::Record(d) => (Kind::Record, &d.name),
                Item::Form(f) => (Kind::Form, &f.name),
                _ => continue,
            };
            if let Item::Actor(d) = item
                && self.actor_scope(d)
            {
                continue;
            }
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

    fn policy(&mut self, file: &ast::File) -> Policy {
        let mut policy = Policy {
            header: self.header.clone(),
            acceptances: file
                .acceptances
                .iter()
                .map(|a| crate::model::Acceptance {
                    code: crate::code::Code::parse(&a.code.text)
                        .map_or_else(|| a.code.text.clone(), |c| c.as_str().to_owned()),
                    reason: a
                        .reason
                        .as_ref()
                        .map(|r| r.text.clone())
                        .unwrap_or_default(),
                    place: a.place.clone(),
                })
                .collect(),
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
                    self.place = time::Place::default();
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
                    let rule = self.rule(r, None);
                    policy.rules.push(rule);
                }
                Item::Procedure(p) => {
                    let steps = p
                        .steps
                        .iter()
                        .map(|s| self.stage(s, Some(&p.name.text)))
                        .collect();
                    let (raised_by, rules) = self.procedure_parts(p);
                    policy.procedures.push(Procedure {
                        name: p.name.text.clone(),
                        title: p.title.text.clone(),
                        applies: p.applies.as_ref().map(|t| t.text.clone()),
                        raised_by,
                        rules,
                        meanwhile: texts(&p.meanwhile),
                        cites: texts(&p.cites),
                        notes: texts(&p.notes),
                        steps,
                        span: p.span,
                    });
                }
                Item::Phase(p) => {
                    let phase = self.phase(p);
                    policy.phases.push(phase);
                }
                Item::Note(t) => policy.notes.push(t.text.clone()),
                Item::Overall(o) => {
                    self.place = time::Place::default();
                    let limit = self.bound(&o.bound, !o.aim, time::On::Overall);
                    policy.overall = Some(limit);
                }
                Item::Header(_) => {}
            }
        }
        phase_stages(&mut policy);
        policy
    }

    /// The ids of a ladder's stages in file order: the main ladder's for
    /// `None`, a procedure's steps for its name.
    fn order(&self, procedure: Option<&str>) -> &[String] {
        match procedure {
            None => &self.stage_order,
            Some(p) => self.step_order.get(p).map_or(&[], Vec::as_slice),
        }
    }

    /// A stage's position in its ladder, if it is one.
    fn position(&self, key: &StageKey) -> Option<usize> {
        self.positions.get(key).copied()
    }

    /// How people refer to a stage, from its key.
    fn stage_label(&self, key: &StageKey) -> String {
        match &key.procedure {
            None if key.id.chars().all(|c| c.is_ascii_digit()) => {
                format!("{} {}", self.header.stage_word, key.id)
            }
            None => format!("{} `{}`", self.header.stage_word.to_lowercase(), key.id),
            Some(p) => format!("step {} of `{p}`", key.id),
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
                let candidates: Vec<&str> = if self.may_suggest() {
                    self.names
                        .iter()
                        .filter(|(_, (kind, _))| *kind == expected)
                        .map(|(n, _)| n.as_str())
                        .collect()
                } else {
                    Vec::new()
                };
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
    if name.len() > SUGGESTED_NAME_LENGTH {
        return None;
    }
    let lower = name.to_lowercase();
    candidates
        .filter(|c| c.len() <= SUGGESTED_NAME_LENGTH)
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

fn named(d: &ast::Decl) -> Named {
    Named {
        name: d.name.text.clone(),
        description: d.description.text.clone(),
        scope: d.scope,
        span: d.span,
    }
}

fn texts(list: &[ast::Text]) -> Vec<String> {
    list.iter().map(|t| t.text.clone()).collect()
}
