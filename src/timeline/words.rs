//! The words of a timeline's rows: a duty, a route and a chained start in
//! the language's own words, and the notes that explain a date (why it has
//! none, what "within 24 hours" means as a date, why it comes before day 1).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::deadline::weekday_name;
use crate::model::{
    Anchor, DayUnit, Duty, DutyKind, Limit, LimitKind, Outcome, OutcomeWhen, Stage, StageKey,
    Target, describe_limits,
};

/// A route in the words of the language, without its limit:
/// `unresolved: escalate to Stage 3`.
pub(super) fn route_words(outcome: &Outcome, label: &dyn Fn(&StageKey) -> String) -> String {
    let when = match &outcome.when {
        OutcomeWhen::Resolved => "resolved".to_owned(),
        OutcomeWhen::Unresolved => "unresolved".to_owned(),
        OutcomeWhen::If(condition) => format!("if \"{condition}\""),
    };
    let target = match &outcome.target {
        Target::End(name) => format!("end \"{name}\""),
        Target::Follow(name) => format!("follow \"{name}\""),
        Target::Stage { to: Some(key), .. } => format!("escalate to {}", label(key)),
        Target::Stage { to: None, .. } => "escalate".to_owned(),
    };
    format!("`{when}: {target}`")
}

/// How a stage with no start of its own starts when the route to it
/// carries a limit: `start within 1 working day of Stage 2 concluding`.
pub(super) fn route_start(
    stages: &HashMap<&StageKey, &Stage>,
    from: &StageKey,
    to: &StageKey,
    label: &dyn Fn(&StageKey) -> String,
) -> String {
    let limit = stages.get(from).and_then(|s| {
        s.outcomes.iter().find_map(|o| match &o.target {
            Target::Stage { to: Some(key), .. } if key == to => o.within.as_ref(),
            _ => None,
        })
    });
    match limit {
        Some(limit) if limit.anchor == Anchor::Unstated => format!(
            "start {} of {} concluding, as its route says",
            limit.describe_with(label),
            label(from)
        ),
        Some(limit) => format!(
            "start {}, as the route from {} says",
            limit.describe_with(label),
            label(from)
        ),
        None => format!("start when {} must conclude", label(from)),
    }
}

/// Whether a stage has a conclusion or a timed duty of its own (or from
/// `every stage`), which its start is needed to date.
pub(super) fn timed(stage: &Stage, every: &[Duty]) -> bool {
    !stage.conclude.is_empty()
        || stage
            .duties
            .iter()
            .chain(every)
            .chain(stage.panel.iter().flat_map(|p| &p.duties))
            .any(|d| d.within.is_some())
}

/// Why a limit has no date for this concern.
pub(super) fn why_undated(
    limit: &Limit,
    stage: &Stage,
    label: &dyn Fn(&StageKey) -> String,
) -> String {
    if let Some(reason) = words_reason(limit) {
        return reason;
    }
    // A start counts from the stage before concluding.
    let is_start = stage.start.as_ref().is_some_and(|s| std::ptr::eq(s, limit));
    match &limit.anchor {
        Anchor::Unstated if is_start => format!(
            "counted from the stage before {} concluding, which has no date",
            stage.label
        ),
        Anchor::Stage { to: Some(key), .. } => {
            format!("counted from {}, which has no date", label(key))
        }
        Anchor::Meeting => "counted from the meeting, which has no date".to_owned(),
        Anchor::PreviousDuty => "counted from the duty before, which has no date".to_owned(),
        _ => format!(
            "counted from the start of {}, which has no date",
            stage.label
        ),
    }
}

/// Why a timescale in words has no date, if it never has one.
pub(super) fn words_reason(limit: &Limit) -> Option<String> {
    match limit.kind {
        LimitKind::WithoutDelay => {
            Some("without delay: as soon as it can be done; no fixed date".to_owned())
        }
        LimitKind::CaseByCase => Some("decided case by case; no fixed date".to_owned()),
        _ => None,
    }
}

/// Hours run by the clock from the moment the concern arose, so a short
/// limit in hours can end before day 1 when day 1 is a later day (a
/// working-day policy and a concern raised at the weekend, or `day 1 is the
/// day after the concern arose`). The date stands; the note says why it
/// comes first.
pub(super) fn before_day_one(date: NaiveDate, day_one: Option<NaiveDate>) -> Option<String> {
    let day_one = day_one?;
    (date < day_one).then(|| {
        format!(
            "before day 1, which is {} {}: hours run by the clock from the moment the concern arose",
            day_one.format("%Y-%m-%d"),
            weekday_name(day_one)
        )
    })
}

/// What "within N hours" means as a date: the date shown is the day the
/// hours run out, at the time of day they started.
pub(super) fn hours_note(limit: &Limit) -> Option<String> {
    match limit.kind {
        LimitKind::Immediately => return Some("immediately: at once, on this day".to_owned()),
        LimitKind::BeforeMeetingEnds => {
            return Some("before the meeting ends, on the day of the meeting".to_owned());
        }
        _ => {}
    }
    if limit.kind != LimitKind::Within || limit.unit != DayUnit::Hours {
        return None;
    }
    Some(match limit.anchor {
        Anchor::ConcernArising => "by the time of day the concern arose".to_owned(),
        Anchor::BeingNotified => "by the time of day of the notification".to_owned(),
        Anchor::Meeting => "by the time of day of the meeting".to_owned(),
        Anchor::PreviousDuty => "by the time of day of the duty before".to_owned(),
        Anchor::Stage { .. } => "by the time of day counted from".to_owned(),
        Anchor::StageStarting | Anchor::Unstated => {
            "by the time of day the stage started".to_owned()
        }
    })
}

/// A timed duty in the words of the language, shortened to its verb and
/// first words: `recommend "the most appropriate way to proceed" within 5
/// working days of being notified`.
pub(super) fn duty_words(duty: &Duty, label: &dyn Fn(&StageKey) -> String) -> String {
    let text = |t: &Option<String>| t.as_ref().map(|t| format!(" \"{t}\""));
    let names = |n: &[crate::model::ActorRef]| {
        if n.is_empty() {
            None
        } else {
            let conjunction = if duty.actors_either { " or " } else { " and " };
            let words: Vec<String> = n.iter().map(crate::model::ActorRef::words).collect();
            Some(format!(" {}", words.join(conjunction)))
        }
    };
    let object = match &duty.kind {
        DutyKind::Record { what, .. } | DutyKind::Complete(what) | DutyKind::Task(what) => {
            Some(format!(" \"{what}\""))
        }
        DutyKind::Share { what, with } => match what {
            Some(w) => Some(format!(" \"{w}\"")),
            None => Some(" outcome".to_owned()),
        }
        .map(|s| match names(with) {
            Some(n) => format!("{s} with{n}"),
            None => s,
        }),
        DutyKind::Refer { what, .. }
        | DutyKind::Recommend { what, .. }
        | DutyKind::Report { what, .. }
        | DutyKind::Decide(what)
        | DutyKind::Meet(what) => text(what),
        DutyKind::Notify(who) | DutyKind::Involve(who) | DutyKind::Consult(who) => names(who),
    };
    let optional = match duty.modality {
        crate::model::Modality::Must => "",
        crate::model::Modality::Should => "should ",
        crate::model::Modality::May => "may ",
    };
    let target = if duty.within.as_ref().is_none_or(|l| l.hard) {
        ""
    } else {
        "aim to "
    };
    let limits: Vec<Limit> = duty.limits().cloned().collect();
    format!(
        "{target}{optional}{}{} {}",
        duty.kind.verb(),
        object.unwrap_or_default(),
        describe_limits(&limits, duty.within_join, label)
    )
}
