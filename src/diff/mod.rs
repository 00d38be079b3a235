//! What changed in meaning between two revisions of a policy, in sentences a
//! board member can read ("Stage 3 must now conclude by day 13 (was day
//! 14).").
//!
//! The comparison reads only the two semantic models, never the text or the
//! syntax trees, so layout, comments and the order of header lines never
//! count as changes. Stages are paired by number and title, so that a stage
//! that moved is reported as renumbered rather than as removed and added,
//! and escalation targets are compared after that renumbering. Nothing here
//! prints; the output order follows the new policy's file order, then what
//! was removed, so it is the same on every run.
//!
//! The comparison is split by what is compared: `header.rs`, `stages.rs`,
//! `windows.rs`, `duties.rs` (and panels), `conditions.rs` (what applies
//! under a condition), `routes.rs` (what a route out of a stage carries),
//! `rules.rs` (and procedures), `phases.rs`, `acceptances.rs` (findings the
//! board accepts).
//! This file holds the change type, the pairing context and the sentence
//! helpers they share.

use std::collections::BTreeMap;

use serde::Serialize;

mod acceptances;
mod conditions;
mod duties;
mod header;
mod phases;
mod routes;
mod rules;
mod stages;
mod windows;

// Each part's functions are shared with the others through this module.
use acceptances::*;
use conditions::*;
use duties::*;
use header::*;
use phases::*;
use routes::*;
use rules::*;
use stages::*;
use windows::*;

use crate::ast::{DayOne, Scope, Trigger};
use crate::model::{
    ActorRef, Condition, Contact, Counterpart, DayUnit, Duty, DutyKind, Form, Join, Limit,
    LimitKind, Members, Modality, Named, Outcome, OutcomeWhen, Panel, Policy, PolicyDate,
    Precision, Procedure, Rule, ScopedBoard, SendTo, Stage, StageKey, StartAt, Target,
    describe_limits,
};

/// The part of the policy a change belongs to, in the order a report lists
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Policy,
    Contacts,
    Roles,
    Records,
    Forms,
    EveryStage,
    Stages,
    Exceptions,
    Procedures,
}

impl Section {
    /// The heading of the section in a report.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Section::Policy => "The policy",
            Section::Contacts => "Contacts",
            Section::Roles => "Roles",
            Section::Records => "Records",
            Section::Forms => "Forms",
            Section::EveryStage => "Duties at every stage",
            Section::Stages => "Stages",
            Section::Exceptions => "Exceptions",
            Section::Procedures => "Other procedures",
        }
    }
}

/// One change in meaning, as a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub section: Section,
    /// What changed, when it has a stable name: `stage-3`, an actor's name,
    /// a form's name, an exception's condition.
    pub subject: Option<String>,
    /// A full sentence, ending with a full stop; names from the file are in
    /// backticks and text from the file in double quotes.
    pub text: String,
}

/// Every change in meaning from `old` to `new`, grouped by section (in the
/// order of [`Section`]) and in file order within a section.
#[must_use]
pub fn diff(old: &Policy, new: &Policy) -> Vec<Change> {
    let mut out = Out::default();
    header(&mut out, old, new);
    notes(&mut out, &old.notes, &new.notes);
    overall(&mut out, old, new);
    contacts(&mut out, &old.header.contacts, &new.header.contacts);
    named(&mut out, Section::Roles, "role", &old.actors, &new.actors);
    named(
        &mut out,
        Section::Records,
        "record",
        &old.records,
        &new.records,
    );
    forms(&mut out, &old.forms, &new.forms);
    duties(
        &mut out,
        Section::EveryStage,
        None,
        "Every stage",
        &old.every_stage,
        &new.every_stage,
    );
    let ctx = Ctx {
        old,
        new,
        renamed: pair_keys(&old.stages, &new.stages)
            .into_iter()
            .chain(pair_procedure_keys(old, new))
            .collect(),
    };
    stages(&mut out, &ctx, &old.stages, &new.stages);
    phases(&mut out, &ctx, &old.phases, &new.phases);
    rules(&mut out, &ctx, &old.rules, &new.rules);
    procedures(&mut out, &ctx, &old.procedures, &new.procedures);
    acceptances(&mut out, &old.acceptances, &new.acceptances);
    let mut changes = out.changes;
    if changes.is_empty() && old != new {
        // INVARIANT: a difference in the model is never reported as "no
        // change in meaning", even where no sentence describes it yet.
        changes.push(Change {
            section: Section::Policy,
            subject: None,
            text: "Something else has changed that ladder cannot describe in words yet; compare the two files.".to_owned(),
        });
    }
    // A stable sort keeps file order within each section.
    changes.sort_by_key(|c| c.section);
    changes
}

#[derive(Default)]
struct Out {
    changes: Vec<Change>,
}

impl Out {
    fn push(&mut self, section: Section, subject: Option<String>, text: String) {
        self.changes.push(Change {
            section,
            subject,
            text,
        });
    }
}

/// The two policies, and which old stage became which new one.
struct Ctx<'a> {
    old: &'a Policy,
    new: &'a Policy,
    renamed: BTreeMap<StageKey, StageKey>,
}

impl Ctx<'_> {
    /// An old stage's key in the new policy's numbering.
    fn moved(&self, key: &StageKey) -> StageKey {
        self.renamed
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.clone())
    }

    /// How people refer to a stage of the new policy (or of the old one, if
    /// it was removed).
    fn label(&self, key: &StageKey) -> String {
        self.new
            .stage(key)
            .or_else(|| self.old.stage(key))
            .map_or_else(|| key.slug(), |s| s.label.clone())
    }

    fn old_target(&self, target: &Target) -> Target {
        match target {
            Target::Stage {
                to,
                via,
                via_either,
            } => Target::Stage {
                to: to.as_ref().map(|k| self.moved(k)),
                via: via.clone(),
                via_either: *via_either,
            },
            other => other.clone(),
        }
    }
}

// ------------------------------------------------------ rules, procedures

/// What is in `old` and not in `new`, and what is in `new` and not in
/// `old`, counting repeats, each in file order. The common start and end
/// are passed over first, so that an edit to a long list costs time in
/// proportion to it; only what lies between is compared item by item.
fn list_diff<'a, T: PartialEq>(old: &'a [T], new: &'a [T]) -> (Vec<&'a T>, Vec<&'a T>) {
    let start = old.iter().zip(new).take_while(|(o, n)| o == n).count();
    let (old, new) = (&old[start..], &new[start..]);
    let end = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(o, n)| o == n)
        .count();
    let (old, new) = (&old[..old.len() - end], &new[..new.len() - end]);
    let mut unmatched: Vec<&T> = new.iter().collect();
    let mut gone = Vec::new();
    for o in old {
        match unmatched.iter().position(|n| *n == o) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => gone.push(o),
        }
    }
    (gone, unmatched)
}

/// `list_diff` for items that can be sorted (texts), in n log n time
/// whatever the change: each value's first occurrences on one side match
/// its first occurrences on the other, as `list_diff` pairs them.
fn list_diff_ord<'a, T: Ord>(old: &'a [T], new: &'a [T]) -> (Vec<&'a T>, Vec<&'a T>) {
    let unmatched = |from: &'a [T], other: &'a [T]| {
        let mut left: BTreeMap<&T, usize> = BTreeMap::new();
        for item in other {
            *left.entry(item).or_default() += 1;
        }
        from.iter()
            .filter(|item| match left.get_mut(item) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect::<Vec<_>>()
    };
    (unmatched(old, new), unmatched(new, old))
}

/// Each key's first item, so that an item's counterpart in the other
/// version is found in log time: a scan of the other list per item made a
/// diff of thousands of contacts take time in the square of their number.
fn first_by<'a, T, K: Ord>(items: &'a [T], key: impl Fn(&'a T) -> K) -> BTreeMap<K, &'a T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(key(item)).or_insert(item);
    }
    map
}

fn tick(name: &str) -> String {
    format!("`{name}`")
}

/// Names joined with `or` when any one of them will do, else with `and`.
fn actors_joined(names: &[String], either: bool) -> String {
    let ticked: Vec<String> = names.iter().map(|n| tick(n)).collect();
    if either {
        or_items(&ticked)
    } else {
        and_list(&ticked)
    }
}

/// Actors as a duty, `by` or `via` names them, joined with `or` when any
/// one of them will do, else with `and`.
fn refs_joined(refs: &[ActorRef], either: bool) -> String {
    let words: Vec<String> = refs.iter().map(actor_ref).collect();
    if either {
        or_items(&words)
    } else {
        and_list(&words)
    }
}

/// Counterparts in a sentence: "the equivalent `line_manager` in the other
/// agency or `team_manager`", or "nobody named".
fn counterparts_joined(list: &[Counterpart], either: bool) -> String {
    if list.is_empty() {
        return "nobody named".to_owned();
    }
    let words: Vec<String> = list
        .iter()
        .map(|c| {
            if c.equivalent {
                format!("the equivalent {} in the other agency", tick(&c.actor))
            } else {
                tick(&c.actor)
            }
        })
        .collect();
    if either {
        or_items(&words)
    } else {
        and_list(&words)
    }
}

/// One actor in a sentence: `` `line_manager` ``, "the equivalent
/// `line_manager` in the other agency", "their own `line_manager`", "all
/// involved", "the parties".
fn actor_ref(a: &ActorRef) -> String {
    match a {
        ActorRef::Actor(n) => tick(n),
        ActorRef::Equivalent(n) => format!("the equivalent {} in the other agency", tick(n)),
        ActorRef::Own(n) => format!("their own {}", tick(n)),
        ActorRef::AllInvolved => "all involved".to_owned(),
        ActorRef::Parties => "the parties".to_owned(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "a", "a or b", "a, b or c", for phrases already written out.
fn or_items(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if text.starts_with("The ") => first.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}
