//! Changes to the header, notes, contacts, roles, records and forms.

use super::*;

pub(super) fn header(out: &mut Out, old: &Policy, new: &Policy) {
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
    scoped_boards(out, &o.scoped_boards, &n.scoped_boards);
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
    review_period(out, o.review_period.as_ref(), n.review_period.as_ref());
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
pub(super) fn notes(out: &mut Out, old: &[String], new: &[String]) {
    let (gone, added) = list_diff_ord(old, new);
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

pub(super) fn text_field(
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

pub(super) fn date_field(
    out: &mut Out,
    what: &str,
    old: Option<&PolicyDate>,
    new: Option<&PolicyDate>,
) {
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

/// `review every 2 years`: the period added, removed or changed. A due
/// date that moves with it is reported by `date_field`.
pub(super) fn review_period(
    out: &mut Out,
    old: Option<&crate::model::ReviewPeriod>,
    new: Option<&crate::model::ReviewPeriod>,
) {
    let text = match (old, new) {
        (Some(o), Some(n)) if o.describe() == n.describe() && o.from != n.from => {
            let from = |p: &crate::model::ReviewPeriod| match p.from {
                crate::model::ReviewAnchor::Adoption => "adoption",
                crate::model::ReviewAnchor::LastUpdate => "the last update",
            };
            format!(
                "The review {} is now counted from {} (was from {}).",
                n.describe(),
                from(n),
                from(o)
            )
        }
        (Some(o), Some(n)) if o != n => format!(
            "The review period is now {} (was {}).",
            n.describe(),
            o.describe()
        ),
        (None, Some(n)) => format!("The policy now gives a review period: {}.", n.describe()),
        (Some(o), None) => format!(
            "The policy no longer gives a review period (was {}).",
            o.describe()
        ),
        _ => return,
    };
    out.push(Section::Policy, None, text);
}

pub(super) fn written(date: &PolicyDate) -> String {
    match date.precision {
        Precision::Day => date.first.format("%-d %B %Y").to_string(),
        Precision::Month => date.first.format("%B %Y").to_string(),
        Precision::Year => date.first.format("%Y").to_string(),
    }
}

pub(super) fn scope(scope: &[Scope]) -> String {
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

pub(super) fn day_kind(kind: Option<DayUnit>) -> &'static str {
    kind.map_or("a way not stated", DayUnit::as_str)
}

pub(super) fn day_one(one: Option<DayOne>) -> &'static str {
    match one {
        Some(DayOne::DayConcernArose) => "the day the concern arose",
        Some(DayOne::DayAfter) => "the day after the concern arose",
        None => "not stated",
    }
}

pub(super) fn contacts(out: &mut Out, old: &[Contact], new: &[Contact]) {
    let s = Section::Contacts;
    let purpose = |c: &Contact| {
        c.purpose
            .as_ref()
            .map_or(String::new(), |p| format!(" for \"{p}\""))
    };
    let old_by = first_by(old, |c| c.address.as_str());
    let new_by = first_by(new, |c| c.address.as_str());
    for n in new {
        let Some(o) = old_by.get(n.address.as_str()) else {
            let group = n
                .scope
                .map_or(String::new(), |g| format!(" (for {})", scope_word(g)));
            out.push(
                s,
                Some(n.address.clone()),
                format!("New contact: {}{}{group}.", n.address, purpose(n)),
            );
            continue;
        };
        if o.purpose != n.purpose {
            out.push(
                s,
                Some(n.address.clone()),
                format!(
                    "The contact {} is now{} (was{}).",
                    n.address,
                    or_else(&purpose(n), " for no stated purpose"),
                    or_else(&purpose(o), " for no stated purpose")
                ),
            );
        }
        if o.scope != n.scope {
            out.push(
                s,
                Some(n.address.clone()),
                format!(
                    "The contact {} now serves {} (was {}).",
                    n.address,
                    n.scope.map_or("everyone", scope_word),
                    o.scope.map_or("everyone", scope_word)
                ),
            );
        }
    }
    for o in old
        .iter()
        .filter(|o| !new_by.contains_key(o.address.as_str()))
    {
        out.push(
            s,
            Some(o.address.clone()),
            format!("The contact {} has been removed.", o.address),
        );
    }
}

pub(super) fn or_else(text: &str, otherwise: &str) -> String {
    if text.is_empty() {
        otherwise.to_owned()
    } else {
        text.to_owned()
    }
}

pub(super) fn named(out: &mut Out, section: Section, kind: &str, old: &[Named], new: &[Named]) {
    // A role may be described once for each group covered: the same name
    // with another `scope` is another description.
    let called = |n: &Named| match n.scope {
        Some(scope) => format!("{} for {}", tick(&n.name), scope_word(scope)),
        None => tick(&n.name),
    };
    let key = |n: &Named| (n.name.clone(), n.scope);
    let old_by = first_by(old, key);
    let new_by = first_by(new, key);
    for n in new {
        match old_by.get(&key(n)) {
            None => out.push(
                section,
                Some(n.name.clone()),
                format!("New {kind} {}: \"{}\".", called(n), n.description),
            ),
            Some(o) if o.description != n.description => out.push(
                section,
                Some(n.name.clone()),
                format!(
                    "The {kind} {} is now described as \"{}\" (was \"{}\").",
                    called(n),
                    n.description,
                    o.description
                ),
            ),
            Some(_) => {}
        }
    }
    for o in old.iter().filter(|o| !new_by.contains_key(&key(o))) {
        out.push(
            section,
            Some(o.name.clone()),
            format!("The {kind} {} has been removed.", called(o)),
        );
    }
}

fn scope_word(scope: Scope) -> &'static str {
    match scope {
        Scope::Adults => "adults",
        Scope::Children => "children",
    }
}

/// Boards named for one group covered (`board "..." for adults`).
pub(super) fn scoped_boards(out: &mut Out, old: &[ScopedBoard], new: &[ScopedBoard]) {
    let s = Section::Policy;
    let named = |b: &ScopedBoard| match &b.short {
        Some(short) => format!("\"{}\" ({short})", b.name),
        None => format!("\"{}\"", b.name),
    };
    for n in new {
        let group = scope_word(n.scope);
        match old.iter().find(|o| o.scope == n.scope) {
            None => out.push(
                s,
                None,
                format!("The board for {group} is now named: {}.", named(n)),
            ),
            Some(o) if (&o.name, &o.short) != (&n.name, &n.short) => out.push(
                s,
                None,
                format!(
                    "The board for {group} is now {} (was {}).",
                    named(n),
                    named(o)
                ),
            ),
            Some(_) => {}
        }
    }
    for o in old
        .iter()
        .filter(|o| !new.iter().any(|n| n.scope == o.scope))
    {
        out.push(
            s,
            None,
            format!(
                "No board is named for {} alone any more (was {}).",
                scope_word(o.scope),
                named(o)
            ),
        );
    }
}

pub(super) fn forms(out: &mut Out, old: &[Form], new: &[Form]) {
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
        let (gone, added) = list_diff_ord(&o.fields, &n.fields);
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

pub(super) fn send_to(list: &[SendTo]) -> String {
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

pub(super) fn cites_and_notes(
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
    let (gone, added) = list_diff_ord(notes.0, notes.1);
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
