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

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ast::{Anchor, DayOne, Scope, Trigger};
use crate::model::{
    Contact, DayUnit, Duty, DutyKind, Form, Limit, LimitKind, Members, Named, Outcome, OutcomeWhen,
    Panel, Policy, PolicyDate, Precision, Procedure, Rule, SendTo, Stage, StageKey, StartAt,
    Target,
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
    rules(&mut out, &ctx, &old.rules, &new.rules);
    procedures(&mut out, &ctx, &old.procedures, &new.procedures);
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

// ---------------------------------------------------------------- header

fn header(out: &mut Out, old: &Policy, new: &Policy) {
    let (o, n) = (&old.header, &new.header);
    let s = Section::Policy;
    text_field(
        out,
        s,
        "The policy's title",
        o.title.as_ref(),
        n.title.as_ref(),
    );
    text_field(out, s, "The board", o.board.as_ref(), n.board.as_ref());
    text_field(
        out,
        s,
        "The board's short name",
        o.board_short.as_ref(),
        n.board_short.as_ref(),
    );
    if o.scope != n.scope {
        out.push(
            s,
            None,
            format!(
                "The policy now covers {} (was {}).",
                scope(&n.scope),
                scope(&o.scope)
            ),
        );
    }
    text_field(
        out,
        s,
        "The version",
        o.version.as_ref(),
        n.version.as_ref(),
    );
    date_field(out, "adoption date", o.adopted.as_ref(), n.adopted.as_ref());
    date_field(
        out,
        "date last updated",
        o.updated.as_ref(),
        n.updated.as_ref(),
    );
    date_field(out, "review date", o.review.as_ref(), n.review.as_ref());
    if o.day_kind != n.day_kind {
        out.push(
            s,
            None,
            format!(
                "Day numbers are now counted in {} (was {}).",
                day_kind(n.day_kind),
                day_kind(o.day_kind)
            ),
        );
    }
    if o.day_one != n.day_one {
        out.push(
            s,
            None,
            format!(
                "Day 1 is now {} (was {}).",
                day_one(n.day_one),
                day_one(o.day_one)
            ),
        );
    }
    if o.holidays != n.holidays {
        let name = |d: Option<crate::calendar::Division>| {
            d.map_or("none named".to_owned(), |d| {
                format!("the bank holidays of {}", d.describe())
            })
        };
        out.push(
            s,
            None,
            format!(
                "Working days now skip {} (was {}).",
                name(n.holidays),
                name(o.holidays)
            ),
        );
    }
    let source_title = |h: &crate::model::PolicyHeader| h.source.as_ref().map(|s| s.title.clone());
    text_field(
        out,
        s,
        "The source document",
        source_title(o).as_ref(),
        source_title(n).as_ref(),
    );
    let source_url = |h: &crate::model::PolicyHeader| h.source.as_ref().and_then(|s| s.url.clone());
    text_field(
        out,
        s,
        "The source document's address",
        source_url(o).as_ref(),
        source_url(n).as_ref(),
    );
    if o.raised_by != n.raised_by {
        let who = |r: &Option<String>| r.as_ref().map_or("not stated".to_owned(), |a| tick(a));
        out.push(
            s,
            None,
            format!(
                "A concern is now raised by {} (was {}).",
                who(&n.raised_by),
                who(&o.raised_by)
            ),
        );
    }
    if o.stage_word != n.stage_word {
        out.push(
            s,
            None,
            format!(
                "The procedure now calls its stages \"{}\" (was \"{}\").",
                n.stage_word, o.stage_word
            ),
        );
    }
}

/// The policy's top-level notes, added and removed.
fn notes(out: &mut Out, old: &[String], new: &[String]) {
    let (gone, added) = list_diff(old, new);
    for note in added {
        out.push(
            Section::Policy,
            None,
            format!("The policy has a new note: \"{note}\"."),
        );
    }
    for note in gone {
        out.push(
            Section::Policy,
            None,
            format!("The policy no longer has the note \"{note}\"."),
        );
    }
}

fn text_field(
    out: &mut Out,
    section: Section,
    what: &str,
    old: Option<&String>,
    new: Option<&String>,
) {
    let text = match (old, new) {
        (Some(o), Some(n)) if o != n => format!("{what} is now \"{n}\" (was \"{o}\")."),
        (None, Some(n)) => format!("{what} is now given: \"{n}\"."),
        (Some(o), None) => format!("{what} is no longer given (was \"{o}\")."),
        _ => return,
    };
    out.push(section, None, text);
}

fn date_field(out: &mut Out, what: &str, old: Option<&PolicyDate>, new: Option<&PolicyDate>) {
    let text = match (old, new) {
        (Some(o), Some(n)) if o != n => {
            format!("The {what} is now {} (was {}).", written(n), written(o))
        }
        (None, Some(n)) => format!("The policy now has a {what}: {}.", written(n)),
        (Some(o), None) => format!("The policy no longer has a {what} (was {}).", written(o)),
        _ => return,
    };
    out.push(Section::Policy, None, text);
}

fn written(date: &PolicyDate) -> String {
    match date.precision {
        Precision::Day => date.first.format("%-d %B %Y").to_string(),
        Precision::Month => date.first.format("%B %Y").to_string(),
        Precision::Year => date.first.format("%Y").to_string(),
    }
}

fn scope(scope: &[Scope]) -> String {
    if scope.is_empty() {
        return "nobody stated".to_owned();
    }
    let words: Vec<String> = scope
        .iter()
        .map(|s| match s {
            Scope::Adults => "adults".to_owned(),
            Scope::Children => "children".to_owned(),
        })
        .collect();
    and_list(&words)
}

fn day_kind(kind: Option<DayUnit>) -> &'static str {
    kind.map_or("a way not stated", DayUnit::as_str)
}

fn day_one(one: Option<DayOne>) -> &'static str {
    match one {
        Some(DayOne::DayConcernArose) => "the day the concern arose",
        Some(DayOne::DayAfter) => "the day after the concern arose",
        None => "not stated",
    }
}

// ------------------------------------------------------ contacts and names

fn contacts(out: &mut Out, old: &[Contact], new: &[Contact]) {
    let s = Section::Contacts;
    let purpose = |c: &Contact| {
        c.purpose
            .as_ref()
            .map_or(String::new(), |p| format!(" for \"{p}\""))
    };
    for n in new {
        match old.iter().find(|o| o.address == n.address) {
            None => out.push(
                s,
                Some(n.address.clone()),
                format!("New contact: {}{}.", n.address, purpose(n)),
            ),
            Some(o) if o.purpose != n.purpose => out.push(
                s,
                Some(n.address.clone()),
                format!(
                    "The contact {} is now{} (was{}).",
                    n.address,
                    or_else(&purpose(n), " for no stated purpose"),
                    or_else(&purpose(o), " for no stated purpose")
                ),
            ),
            Some(_) => {}
        }
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.address == o.address))
    {
        out.push(
            s,
            Some(o.address.clone()),
            format!("The contact {} has been removed.", o.address),
        );
    }
}

fn or_else(text: &str, otherwise: &str) -> String {
    if text.is_empty() {
        otherwise.to_owned()
    } else {
        text.to_owned()
    }
}

fn named(out: &mut Out, section: Section, kind: &str, old: &[Named], new: &[Named]) {
    for n in new {
        match old.iter().find(|o| o.name == n.name) {
            None => out.push(
                section,
                Some(n.name.clone()),
                format!("New {kind} {}: \"{}\".", tick(&n.name), n.description),
            ),
            Some(o) if o.description != n.description => out.push(
                section,
                Some(n.name.clone()),
                format!(
                    "The {kind} {} is now described as \"{}\" (was \"{}\").",
                    tick(&n.name),
                    n.description,
                    o.description
                ),
            ),
            Some(_) => {}
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
        out.push(
            section,
            Some(o.name.clone()),
            format!("The {kind} {} has been removed.", tick(&o.name)),
        );
    }
}

// ------------------------------------------------------------------ forms

fn forms(out: &mut Out, old: &[Form], new: &[Form]) {
    let s = Section::Forms;
    for n in new {
        let subject = Some(n.name.clone());
        let name = format!("The form {}", tick(&n.name));
        let Some(o) = old.iter().find(|o| o.name == n.name) else {
            out.push(
                s,
                subject,
                format!("New form {}: \"{}\".", tick(&n.name), n.title),
            );
            continue;
        };
        if o.title != n.title {
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} is now titled \"{}\" (was \"{}\").",
                    n.title, o.title
                ),
            );
        }
        let (gone, added) = list_diff(&o.fields, &n.fields);
        for field in &added {
            out.push(
                s,
                subject.clone(),
                format!("{name} has a new field: \"{field}\"."),
            );
        }
        for field in &gone {
            out.push(
                s,
                subject.clone(),
                format!("{name} no longer has the field \"{field}\"."),
            );
        }
        if gone.is_empty() && added.is_empty() && o.fields != n.fields {
            out.push(
                s,
                subject.clone(),
                format!("{name} asks for its fields in a different order."),
            );
        }
        if o.send_to != n.send_to {
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} is now sent to {} (was {}).",
                    send_to(&n.send_to),
                    send_to(&o.send_to)
                ),
            );
        }
        cites_and_notes(
            out,
            s,
            subject.as_ref(),
            &name,
            (&o.cites, &n.cites),
            (&o.notes, &n.notes),
        );
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
        out.push(
            s,
            Some(o.name.clone()),
            format!("The form {} has been removed.", tick(&o.name)),
        );
    }
}

fn send_to(list: &[SendTo]) -> String {
    if list.is_empty() {
        return "nobody stated".to_owned();
    }
    let words: Vec<String> = list
        .iter()
        .map(|s| match s {
            SendTo::Address(a) => a.clone(),
            SendTo::Actor(a) => tick(a),
        })
        .collect();
    and_list(&words)
}

fn cites_and_notes(
    out: &mut Out,
    section: Section,
    subject: Option<&String>,
    name: &str,
    cites: (&[String], &[String]),
    notes: (&[String], &[String]),
) {
    if cites.0 != cites.1 {
        let list = |c: &[String]| {
            if c.is_empty() {
                "nothing".to_owned()
            } else {
                and_list(&c.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>())
            }
        };
        out.push(
            section,
            subject.cloned(),
            format!(
                "{name} now cites {} (was {}).",
                list(cites.1),
                list(cites.0)
            ),
        );
    }
    let (gone, added) = list_diff(notes.0, notes.1);
    for note in added {
        out.push(
            section,
            subject.cloned(),
            format!("{name} has a new note: \"{note}\"."),
        );
    }
    for note in gone {
        out.push(
            section,
            subject.cloned(),
            format!("{name} no longer has the note \"{note}\"."),
        );
    }
}

// ----------------------------------------------------------------- stages

/// Pairs old stages with new ones: first the same key and title, then the
/// same title under another key (renumbered), then the same key under
/// another title (renamed). Returns the old key of each pair that moved.
fn pair_keys(old: &[Stage], new: &[Stage]) -> Vec<(StageKey, StageKey)> {
    pairs(old, new)
        .into_iter()
        .filter(|&(o, n)| old[o].key != new[n].key)
        .map(|(o, n)| (old[o].key.clone(), new[n].key.clone()))
        .collect()
}

fn pair_procedure_keys(old: &Policy, new: &Policy) -> Vec<(StageKey, StageKey)> {
    old.procedures
        .iter()
        .filter_map(|o| {
            let n = new.procedures.iter().find(|n| n.name == o.name)?;
            Some(pair_keys(&o.steps, &n.steps))
        })
        .flatten()
        .collect()
}

/// Index pairs (old, new) of stages that are the same stage.
fn pairs(old: &[Stage], new: &[Stage]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let passes: [fn(&Stage, &Stage) -> bool; 3] = [
        |o, n| o.key == n.key && o.title == n.title,
        |o, n| o.title == n.title,
        |o, n| o.key == n.key,
    ];
    for same in passes {
        for (ni, n) in new.iter().enumerate() {
            if new_used[ni] {
                continue;
            }
            if let Some(oi) = (0..old.len()).find(|&oi| !old_used[oi] && same(&old[oi], n)) {
                old_used[oi] = true;
                new_used[ni] = true;
                pairs.push((oi, ni));
            }
        }
    }
    pairs
}

fn stages(out: &mut Out, ctx: &Ctx<'_>, old: &[Stage], new: &[Stage]) {
    let pairs = pairs(old, new);
    for (ni, n) in new.iter().enumerate() {
        match pairs.iter().find(|&&(_, p)| p == ni) {
            Some(&(oi, _)) => stage(out, ctx, &old[oi], n),
            None => out.push(
                Section::Stages,
                Some(n.key.slug()),
                format!("New stage: {}.", summary(n)),
            ),
        }
    }
    for (oi, o) in old.iter().enumerate() {
        if !pairs.iter().any(|&(p, _)| p == oi) {
            out.push(
                Section::Stages,
                Some(o.key.slug()),
                format!("{} \"{}\" has been removed.", o.label, o.title),
            );
        }
    }
}

/// A new stage in one sentence: its label, title, lead and deadline.
fn summary(stage: &Stage) -> String {
    let mut text = format!("{} \"{}\"", stage.label, stage.title);
    let mut parts = Vec::new();
    if !stage.leads.is_empty() {
        parts.push(format!(
            "led by {}",
            actors_joined(&stage.leads, stage.leads_either)
        ));
    }
    if let Some(start) = &stage.start {
        parts.push(requirement("start", std::slice::from_ref(start)));
    }
    if !stage.conclude.is_empty() {
        parts.push(requirement("conclude", &stage.conclude));
    }
    if !parts.is_empty() {
        text.push_str(&format!(" ({})", parts.join("; ")));
    }
    text
}

fn stage(out: &mut Out, ctx: &Ctx<'_>, o: &Stage, n: &Stage) {
    let s = Section::Stages;
    let subject = Some(n.key.slug());
    let say = |out: &mut Out, text: String| out.push(s, subject.clone(), text);
    let name = &n.label;
    if o.key != n.key {
        say(out, format!("{} \"{}\" is now {name}.", o.label, o.title));
    }
    if o.title != n.title {
        say(
            out,
            format!(
                "{name} is now called \"{}\" (was \"{}\").",
                n.title, o.title
            ),
        );
    }
    let old_start: Vec<Limit> = o.start.iter().cloned().collect();
    let new_start: Vec<Limit> = n.start.iter().cloned().collect();
    if let Some(text) = window(name, "start", &old_start, &new_start) {
        say(out, text);
    }
    if let Some(text) = window(name, "conclude", &o.conclude, &n.conclude) {
        say(out, text);
    }
    if (&o.leads, o.leads_either) != (&n.leads, n.leads_either) {
        let led = |s: &Stage| {
            if s.leads.is_empty() {
                "nobody named".to_owned()
            } else {
                actors_joined(&s.leads, s.leads_either)
            }
        };
        say(
            out,
            format!("{name} is now led by {} (was {}).", led(n), led(o)),
        );
    }
    if (&o.counterparts, o.counterparts_either) != (&n.counterparts, n.counterparts_either) {
        let with = |c: &[crate::model::Counterpart], either: bool| {
            if c.is_empty() {
                return "nobody named".to_owned();
            }
            let words: Vec<String> = c
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
        };
        say(
            out,
            format!(
                "At {name} the concern is now taken up with {} (was {}).",
                with(&n.counterparts, n.counterparts_either),
                with(&o.counterparts, o.counterparts_either)
            ),
        );
    }
    panel(
        out,
        subject.as_ref(),
        name,
        o.panel.as_ref(),
        n.panel.as_ref(),
    );
    duties(out, s, subject.as_ref(), name, &o.duties, &n.duties);
    outcomes(out, ctx, subject.as_ref(), name, &o.outcomes, &n.outcomes);
    cites_and_notes(
        out,
        s,
        subject.as_ref(),
        name,
        (&o.cites, &n.cites),
        (&o.notes, &n.notes),
    );
}

/// A change to a stage's start or conclude limit, or `None`.
fn window(name: &str, verb: &str, old: &[Limit], new: &[Limit]) -> Option<String> {
    let (old_n, new_n) = (normalised(old), normalised(new));
    if old_n == new_n {
        return None;
    }
    if let ([o], [n]) = (old_n.as_slice(), new_n.as_slice())
        && o.kind == n.kind
        && o.unit == n.unit
        && o.anchor == n.anchor
        && o.hard == n.hard
    {
        let modal = if n.hard {
            "must now"
        } else {
            "should now aim to"
        };
        let text = match n.kind {
            LimitKind::On => format!(
                "{name} {modal} {verb} on day {} (was day {}).",
                n.amount, o.amount
            ),
            LimitKind::By => {
                let by = if verb == "start" {
                    "no later than"
                } else {
                    "by"
                };
                format!(
                    "{name} {modal} {verb} {by} day {} (was day {}).",
                    n.amount, o.amount
                )
            }
            LimitKind::Within => format!(
                "{name} {modal} {verb} within {}{} (was {}).",
                amount(n.amount, n.unit),
                anchor(n.anchor),
                amount(o.amount, o.unit)
            ),
        };
        return Some(text);
    }
    if new_n.is_empty() {
        return Some(format!(
            "{name} no longer has a time limit to {verb} (was: {}).",
            requirement(verb, old)
        ));
    }
    if old_n.is_empty() {
        return Some(format!(
            "{name} now {} (before, there was no time limit to {verb}).",
            requirement(verb, new)
        ));
    }
    Some(format!(
        "{name} now {} (was: {}).",
        requirement(verb, new),
        requirement(verb, old)
    ))
}

/// Limits with the unit of day numbers left out: a change in how days are
/// counted is reported once, for the policy, not again for every stage.
fn normalised(limits: &[Limit]) -> Vec<Limit> {
    limits
        .iter()
        .map(|l| {
            let mut l = l.clone();
            if l.kind != LimitKind::Within {
                l.unit = DayUnit::CalendarDays;
            }
            l
        })
        .collect()
}

/// "must conclude by day 14", "should aim to start no later than day 3",
/// "must conclude by day 9 or within 5 working days, whichever is sooner".
fn requirement(verb: &str, limits: &[Limit]) -> String {
    if limits.is_empty() {
        return format!("has no time limit to {verb}");
    }
    let hard = limits.iter().all(|l| l.hard);
    let modal = if hard { "must" } else { "should aim to" };
    let parts: Vec<String> = limits
        .iter()
        .map(|l| match l.kind {
            LimitKind::By if verb == "start" => format!("no later than day {}", l.amount),
            _ => l.describe(),
        })
        .collect();
    let mut text = format!("{modal} {verb} {}", parts.join(" or "));
    if limits.len() > 1 {
        text.push_str(", whichever is sooner");
    }
    text
}

fn amount(amount: u32, unit: DayUnit) -> String {
    let word = match (unit, amount) {
        (DayUnit::Hours, 1) => "hour",
        (DayUnit::Hours, _) => "hours",
        (DayUnit::CalendarDays, 1) => "calendar day",
        (DayUnit::CalendarDays, _) => "calendar days",
        (DayUnit::WorkingDays, 1) => "working day",
        (DayUnit::WorkingDays, _) => "working days",
    };
    format!("{amount} {word}")
}

fn anchor(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::ConcernArising => " of the concern arising",
        Anchor::BeingNotified => " of being notified",
        Anchor::StageStarting | Anchor::Unstated => "",
    }
}

fn panel(
    out: &mut Out,
    subject: Option<&String>,
    name: &str,
    old: Option<&Panel>,
    new: Option<&Panel>,
) {
    let s = Section::Stages;
    let say = |out: &mut Out, text: String| out.push(s, subject.cloned(), text);
    let (o, n) = match (old, new) {
        (None, None) => return,
        (None, Some(n)) => {
            say(out, format!("{name} now has a panel: \"{}\".", n.title));
            return;
        }
        (Some(o), None) => {
            say(
                out,
                format!("{name} no longer has a panel (was \"{}\").", o.title),
            );
            return;
        }
        (Some(o), Some(n)) => (o, n),
    };
    let it = format!("The panel at {name}");
    if o.title != n.title {
        say(
            out,
            format!("{it} is now called \"{}\" (was \"{}\").", n.title, o.title),
        );
    }
    let who = |role: &str, a: &Option<String>| {
        a.as_ref()
            .map_or(format!("not {role} by anyone named"), |a| {
                format!("{role} by {}", tick(a))
            })
    };
    for (role, a, b) in [
        ("convened", &o.convened_by, &n.convened_by),
        ("overseen", &o.overseen_by, &n.overseen_by),
        ("chaired", &o.chaired_by, &n.chaired_by),
    ] {
        if a != b {
            say(
                out,
                format!("{it} is now {} (was {}).", who(role, b), who(role, a)),
            );
        }
    }
    if o.convened_if_needed != n.convened_if_needed {
        let when = |b: bool| if b { "only if needed" } else { "every time" };
        say(
            out,
            format!(
                "{it} is now convened {} (was {}).",
                when(n.convened_if_needed),
                when(o.convened_if_needed)
            ),
        );
    }
    if o.members != n.members {
        say(
            out,
            format!(
                "{it} now has {} (was {}).",
                members(n.members.as_ref()),
                members(o.members.as_ref())
            ),
        );
    }
    if o.binding != n.binding {
        let binds = |b: Option<bool>| match b {
            Some(true) => "its decision binds the agencies",
            Some(false) => "its decision does not bind the agencies",
            None => "whether its decision binds is not stated",
        };
        say(
            out,
            format!("{it}: {} (before, {}).", binds(n.binding), binds(o.binding)),
        );
    }
    duties(out, s, subject, &it, &o.duties, &n.duties);
    cites_and_notes(
        out,
        s,
        subject,
        &it,
        (&o.cites, &n.cites),
        (&o.notes, &n.notes),
    );
}

fn members(m: Option<&Members>) -> String {
    let Some(m) = m else {
        return "no stated membership".to_owned();
    };
    format!(
        "{}{} {}{}{}",
        if m.at_least { "at least " } else { "" },
        m.count,
        if m.independent { "independent " } else { "" },
        if m.count == 1 { "agency" } else { "agencies" },
        if m.where_possible {
            ", where possible"
        } else {
            ""
        }
    )
}

// ----------------------------------------------------------------- duties

fn duties(
    out: &mut Out,
    section: Section,
    subject: Option<&String>,
    name: &str,
    old: &[Duty],
    new: &[Duty],
) {
    let (gone, added) = list_diff(old, new);
    let mut added: Vec<Option<&Duty>> = added.into_iter().map(Some).collect();
    for g in gone {
        // The same duty, now (or no longer) only where possible.
        let same = added
            .iter_mut()
            .find(|a| a.is_some_and(|a| required(a) == required(g)));
        if let Some(a) = same.and_then(Option::take) {
            let now = if a.where_possible {
                "now only where possible"
            } else {
                "now required, not only where possible"
            };
            out.push(
                section,
                subject.cloned(),
                format!(
                    "At {}, the duty to {} is {now}.",
                    lower_first(name),
                    duty(&required(a))
                ),
            );
            continue;
        }
        // A duty replaced by one with the same verb reads as a change.
        let pair = added
            .iter_mut()
            .find(|a| a.is_some_and(|a| a.kind.verb() == g.kind.verb()));
        match pair.and_then(Option::take) {
            Some(a) => out.push(
                section,
                subject.cloned(),
                format!(
                    "A duty at {} has changed: it was to {}; it is now to {}.",
                    lower_first(name),
                    duty(g),
                    duty(a)
                ),
            ),
            None => out.push(
                section,
                subject.cloned(),
                format!("{name} no longer has the duty to {}.", duty(g)),
            ),
        }
    }
    for a in added.into_iter().flatten() {
        out.push(
            section,
            subject.cloned(),
            format!("{name} has a new duty: to {}.", duty(a)),
        );
    }
}

/// The duty as a requirement: without `where possible`.
fn required(d: &Duty) -> Duty {
    Duty {
        where_possible: false,
        ..d.clone()
    }
}

/// A duty in words: "notify `senior_manager` when unresolved".
fn duty(d: &Duty) -> String {
    let actors = |names: &[String]| actors_joined(names, d.actors_either);
    let quoted = |w: &Option<String>| w.as_ref().map_or(String::new(), |w| format!(" \"{w}\""));
    let to = |l: &[String]| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" to {}", actors(l))
        }
    };
    let mut text = match &d.kind {
        DutyKind::Record { what, record } => format!(
            "record \"{what}\"{}",
            record
                .as_ref()
                .map_or(String::new(), |r| format!(" in {}", tick(r)))
        ),
        DutyKind::Notify(who) => format!("notify {}", actors(who)),
        DutyKind::Share { what, with } => format!(
            "share {} with {}",
            what.as_ref()
                .map_or("the outcome".to_owned(), |w| format!("\"{w}\"")),
            actors(with)
        ),
        DutyKind::Refer {
            what,
            to: whom,
            form,
        } => format!(
            "refer{}{}{}",
            quoted(what),
            to(whom),
            form.as_ref()
                .map_or(String::new(), |f| format!(" using {}", tick(f)))
        ),
        DutyKind::Recommend { what, to: whom } => format!("recommend{}{}", quoted(what), to(whom)),
        DutyKind::Decide(what) => format!("decide{}", quoted(what)),
        DutyKind::Report { what, to: whom } => format!("report{}{}", quoted(what), to(whom)),
        DutyKind::Involve(who) => format!("involve {}", actors(who)),
        DutyKind::Consult(who) => format!("consult {}", actors(who)),
        DutyKind::Meet(what) => format!("meet{}", quoted(what)),
        DutyKind::Complete(form) => format!("complete {}", tick(form)),
        DutyKind::Task(what) => format!("\"{what}\""),
    };
    if !d.by.is_empty() {
        text.push_str(&format!(", by {}", actors_joined(&d.by, d.by_either)));
    }
    if let Some(within) = &d.within {
        text.push(' ');
        text.push_str(&within.describe());
    }
    if let Some(trigger) = d.trigger {
        text.push_str(match trigger {
            Trigger::OnEntry => " on entering the stage",
            Trigger::WhenResolved => " when resolved",
            Trigger::WhenUnresolved => " when unresolved",
            Trigger::WhenConcluded => " when the stage concludes",
        });
    }
    if d.where_possible {
        text.push_str(" where possible");
    }
    if d.optional {
        text.push_str(" (if needed)");
    }
    text
}

// --------------------------------------------------------------- outcomes

fn outcomes(
    out: &mut Out,
    ctx: &Ctx<'_>,
    subject: Option<&String>,
    name: &str,
    old: &[Outcome],
    new: &[Outcome],
) {
    let s = Section::Stages;
    for n in new {
        let same_when: Vec<&Outcome> = old.iter().filter(|o| o.when == n.when).collect();
        if same_when
            .iter()
            .any(|o| ctx.old_target(&o.target) == n.target)
        {
            continue;
        }
        let text = match same_when.first() {
            Some(o)
                if old.iter().filter(|x| x.when == n.when).count() == 1
                    && new.iter().filter(|x| x.when == n.when).count() == 1 =>
            {
                format!(
                    "At {name}, {}, the escalation now {} (before, it {}).",
                    when(&n.when),
                    target(ctx, &n.target, false),
                    target(ctx, &ctx.old_target(&o.target), true)
                )
            }
            _ => format!(
                "{name} has a new outcome: {}, the escalation {}.",
                when(&n.when),
                target(ctx, &n.target, false)
            ),
        };
        out.push(s, subject.cloned(), text);
    }
    for o in old {
        let moved = ctx.old_target(&o.target);
        if new.iter().any(|n| n.when == o.when && n.target == moved) {
            continue;
        }
        let replaced = old.iter().filter(|x| x.when == o.when).count() == 1
            && new.iter().filter(|x| x.when == o.when).count() == 1;
        if !replaced {
            out.push(
                s,
                subject.cloned(),
                format!(
                    "{name} no longer has the outcome: {}, the escalation {}.",
                    when(&o.when),
                    target(ctx, &moved, false)
                ),
            );
        }
    }
}

fn when(when: &OutcomeWhen) -> String {
    match when {
        OutcomeWhen::Resolved => "when resolved".to_owned(),
        OutcomeWhen::Unresolved => "when unresolved".to_owned(),
        OutcomeWhen::If(condition) => format!("if \"{condition}\""),
    }
}

fn target(ctx: &Ctx<'_>, target: &Target, past: bool) -> String {
    let verb = |now: &'static str, then: &'static str| if past { then } else { now };
    match target {
        Target::End(end) => format!("{} \"{end}\"", verb("ends", "ended")),
        Target::Stage {
            to,
            via,
            via_either,
        } => format!(
            "{} {}{}",
            verb("goes to", "went to"),
            to.as_ref()
                .map_or("a stage that does not exist".to_owned(), |k| ctx.label(k)),
            if via.is_empty() {
                String::new()
            } else {
                format!(" via {}", actors_joined(via, *via_either))
            }
        ),
        Target::Follow(procedure) => format!("{} the \"{procedure}\"", verb("follows", "followed")),
    }
}

// ------------------------------------------------------ rules, procedures

fn rules(out: &mut Out, ctx: &Ctx<'_>, old: &[Rule], new: &[Rule]) {
    let s = Section::Exceptions;
    for n in new {
        let subject = Some(n.condition.clone());
        let name = format!("The exception when \"{}\"", n.condition);
        let Some(o) = old.iter().find(|o| o.condition == n.condition) else {
            let mut effects: Vec<String> = n.start_at.iter().map(|s| start_at(ctx, s)).collect();
            effects.extend(n.follow.iter().map(|f| format!("follow the \"{f}\"")));
            effects.extend(n.duties.iter().map(duty));
            let effects = if effects.is_empty() {
                String::new()
            } else {
                format!(": {}", effects.join("; "))
            };
            out.push(
                s,
                subject,
                format!("New exception: when \"{}\"{effects}.", n.condition),
            );
            continue;
        };
        let old_start: Vec<StartAt> = o
            .start_at
            .iter()
            .map(|s| match s {
                StartAt::Stage(Some(k)) => StartAt::Stage(Some(ctx.moved(k))),
                other => other.clone(),
            })
            .collect();
        if old_start != n.start_at {
            let list = |l: &[StartAt], past: bool| {
                if l.is_empty() {
                    format!(
                        "{} not change where the escalation starts",
                        if past { "did" } else { "does" }
                    )
                } else {
                    format!(
                        "{} the escalation {}",
                        if past { "let" } else { "lets" },
                        l.iter()
                            .map(|s| start_at(ctx, s))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} now {} (before, it {}).",
                    list(&n.start_at, false),
                    list(&old_start, true)
                ),
            );
        }
        if o.follow != n.follow {
            let list = |l: &[String]| {
                if l.is_empty() {
                    "no other procedure".to_owned()
                } else {
                    and_list(&l.iter().map(|f| format!("the \"{f}\"")).collect::<Vec<_>>())
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} now leads to {} (was {}).",
                    list(&n.follow),
                    list(&o.follow)
                ),
            );
        }
        duties(out, s, subject.as_ref(), &name, &o.duties, &n.duties);
        cites_and_notes(
            out,
            s,
            subject.as_ref(),
            &name,
            (&o.cites, &n.cites),
            (&o.notes, &n.notes),
        );
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.condition == o.condition))
    {
        out.push(
            s,
            Some(o.condition.clone()),
            format!("The exception when \"{}\" has been removed.", o.condition),
        );
    }
}

fn start_at(ctx: &Ctx<'_>, s: &StartAt) -> String {
    match s {
        StartAt::AnyStage => "start at any stage".to_owned(),
        StartAt::Stage(Some(k)) => format!("start at {}", ctx.label(k)),
        StartAt::Stage(None) => "start at a stage that does not exist".to_owned(),
    }
}

fn procedures(out: &mut Out, ctx: &Ctx<'_>, old: &[Procedure], new: &[Procedure]) {
    let s = Section::Procedures;
    for n in new {
        let subject = Some(n.name.clone());
        let name = format!("The procedure {}", tick(&n.name));
        let Some(o) = old.iter().find(|o| o.name == n.name) else {
            out.push(
                s,
                subject,
                format!(
                    "New procedure {}: \"{}\", with {}.",
                    tick(&n.name),
                    n.title,
                    plural(n.steps.len(), "step")
                ),
            );
            continue;
        };
        if o.title != n.title {
            out.push(
                s,
                subject.clone(),
                format!(
                    "{name} is now called \"{}\" (was \"{}\").",
                    n.title, o.title
                ),
            );
        }
        text_field(
            out,
            s,
            &format!("When {} applies", tick(&n.name)),
            o.applies.as_ref(),
            n.applies.as_ref(),
        );
        if o.meanwhile != n.meanwhile {
            let list = |l: &[String]| {
                if l.is_empty() {
                    "nothing".to_owned()
                } else {
                    and_list(&l.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>())
                }
            };
            out.push(
                s,
                subject.clone(),
                format!(
                    "While {} runs, {} now holds (was {}).",
                    tick(&n.name),
                    list(&n.meanwhile),
                    list(&o.meanwhile)
                ),
            );
        }
        cites_and_notes(
            out,
            s,
            subject.as_ref(),
            &name,
            (&o.cites, &n.cites),
            (&o.notes, &n.notes),
        );
        // The steps read like stages; their sentences belong to this section.
        let mut steps = Out::default();
        stages(&mut steps, ctx, &o.steps, &n.steps);
        for change in steps.changes {
            out.push(s, subject.clone(), change.text);
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
        out.push(
            s,
            Some(o.name.clone()),
            format!("The procedure {} has been removed.", tick(&o.name)),
        );
    }
}

// ---------------------------------------------------------------- helpers

/// What is in `old` and not in `new`, and what is in `new` and not in
/// `old`, counting repeats, each in file order.
fn list_diff<'a, T: PartialEq>(old: &'a [T], new: &'a [T]) -> (Vec<&'a T>, Vec<&'a T>) {
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
