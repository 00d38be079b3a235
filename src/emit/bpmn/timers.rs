//! Day windows as boundary timers, and the expression language the
//! conditions and timers are written in.
//!
//! A window becomes a timer only when BPMN can count it exactly:
//!
//! - a conclusion limit of calendar days or hours counted from the stage
//!   starting (`conclude within 5 calendar days`) is an ISO 8601 duration
//!   (`P5D`, `PT48H`) counted from the stage's task starting;
//! - everything else with a date (day numbers counted from the concern,
//!   working days, limits counted from another stage, two limits of which
//!   the sooner applies) is a `timeDate` read from a process variable,
//!   `<stage>_start_by` or `<stage>_conclude_by`, which the engine sets
//!   from `ladder timeline`, because BPMN timers count neither working days
//!   nor days from anything but the moment the timer starts;
//! - a timescale in words (`immediately`, `case by case`) has no timer,
//!   and neither has a limit the timeline cannot date (a sub-procedure's
//!   steps, a stage counted from one with no date): its variable could
//!   never be set.
//!
//! A wrong calendar duration is never written for a working-day limit.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::graph::TimerValue;
use crate::calendar::{Calendar, Division};
use crate::model::{Anchor, DayUnit, LimitKind, Policy, Stage, StageKey};
use crate::timeline::Event;

/// The language of condition and timer expressions, which differs between
/// engines: FEEL for Camunda 8, JUEL for Flowable and Camunda 7, Python
/// for `SpiffWorkflow`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expressions {
    #[default]
    Feel,
    Juel,
    Python,
}

impl Expressions {
    /// `variable` equals `value` (both made of letters, digits and `_`).
    pub(super) fn equals(self, variable: &str, value: &str) -> String {
        match self {
            Expressions::Feel => format!("={variable} = \"{value}\""),
            Expressions::Juel => format!("${{{variable} == \"{value}\"}}"),
            Expressions::Python => format!("{variable} == \"{value}\""),
        }
    }

    /// `variable` equals `value`, where the engine may not have set
    /// `variable` at all: FEEL reads a missing variable as null, but JUEL
    /// and Python stop with an error, so there it is looked up.
    pub(super) fn optional_equals(self, variable: &str, value: &str) -> String {
        match self {
            Expressions::Feel => self.equals(variable, value),
            Expressions::Juel => {
                format!("${{execution.getVariable(\"{variable}\") == \"{value}\"}}")
            }
            Expressions::Python => format!("globals().get(\"{variable}\") == \"{value}\""),
        }
    }

    /// The value of a process variable.
    pub(super) fn variable(self, variable: &str) -> String {
        match self {
            Expressions::Feel => format!("={variable}"),
            Expressions::Juel => format!("${{{variable}}}"),
            Expressions::Python => variable.to_owned(),
        }
    }

    /// An ISO 8601 duration as the engine reads it: Spiff evaluates every
    /// timer as a Python expression, so there it is a string literal.
    pub(super) fn duration(self, iso: &str) -> String {
        match self {
            Expressions::Feel | Expressions::Juel => iso.to_owned(),
            Expressions::Python => format!("\"{iso}\""),
        }
    }

    /// The value of the `expressionLanguage` attribute of `definitions`.
    pub(super) fn uri(self) -> &'static str {
        match self {
            Expressions::Feel => "https://www.omg.org/spec/DMN/20191111/FEEL/",
            Expressions::Juel => "http://www.java.com/java",
            Expressions::Python => "https://www.python.org/",
        }
    }
}

/// The prefix of a stage's process variables, from the identifier the
/// timeline's JSON gives it (`stage-2` → `stage_2`, `threshold.step-1` →
/// `threshold_step_1`).
pub(super) fn variable_prefix(key: &StageKey) -> String {
    key.slug().replace(['-', '.'], "_")
}

/// A timer on a stage's task.
#[derive(Clone, Debug)]
pub(super) struct Timer {
    pub value: TimerValue,
    /// The process variable it reads, if any.
    pub variable: Option<String>,
    /// False for `aim to`.
    pub hard: bool,
}

/// The `(stage, event)` pairs, as the timeline's JSON names them
/// (`("stage-2", "conclude")`), that `ladder timeline` gives a date:
/// a timer may read a variable only for those, or the engine would have
/// nothing to set it to. Whether a limit has a date depends on the
/// policy's shape, not on the day the concern is raised, so any day in
/// the calendar's years will do; a sub-procedure's steps never have one
/// (the timeline does not know when a sub-procedure starts).
pub(super) fn dated(policy: &Policy) -> BTreeSet<(String, &'static str)> {
    let division = policy.header.holidays.unwrap_or(Division::EnglandAndWales);
    let calendar = Calendar::builtin(division);
    let Some(raised) = NaiveDate::from_ymd_opt(2026, 1, 5) else {
        return BTreeSet::new();
    };
    let Ok(timeline) = crate::timeline::build(policy, raised, Some(&calendar)) else {
        return BTreeSet::new();
    };
    timeline
        .deadlines
        .iter()
        .filter(|d| d.date.is_some())
        .filter_map(|d| match d.event {
            Event::Start => Some((d.stage.clone(), "start")),
            Event::Conclude => Some((d.stage.clone(), "conclude")),
            Event::Duty | Event::Route => None,
        })
        .collect()
}

/// The reminder at the stage's start-by limit; `None` when the stage has
/// no start limit that ladder can date.
pub(super) fn start(
    stage: &Stage,
    lang: Expressions,
    dated: &BTreeSet<(String, &'static str)>,
) -> Option<Timer> {
    let limit = stage.start.as_ref()?;
    if limit.kind.in_words() || !dated.contains(&(stage.key.slug(), "start")) {
        return None;
    }
    let variable = format!("{}_start_by", variable_prefix(&stage.key));
    Some(Timer {
        value: TimerValue::Date(lang.variable(&variable)),
        variable: Some(variable),
        hard: limit.hard,
    })
}

/// The timer at the stage's conclude-by limit; `None` when the stage has
/// none that BPMN can count or ladder can date.
pub(super) fn conclude(
    stage: &Stage,
    lang: Expressions,
    dated: &BTreeSet<(String, &'static str)>,
) -> Option<Timer> {
    let limits = &stage.conclude;
    if limits.is_empty() || limits.iter().all(|l| l.kind.in_words()) {
        return None;
    }
    let hard = limits.iter().all(|l| l.hard);
    if let [only] = limits.as_slice()
        && only.kind == LimitKind::Within
        && matches!(only.anchor, Anchor::Unstated | Anchor::StageStarting)
    {
        let iso = match only.unit {
            DayUnit::CalendarDays => Some(format!("P{}D", only.amount)),
            DayUnit::Hours => Some(format!("PT{}H", only.amount)),
            DayUnit::WorkingDays => None,
        };
        if let Some(iso) = iso {
            return Some(Timer {
                value: TimerValue::Duration(lang.duration(&iso)),
                variable: None,
                hard,
            });
        }
    }
    if !dated.contains(&(stage.key.slug(), "conclude")) {
        return None;
    }
    let variable = format!("{}_conclude_by", variable_prefix(&stage.key));
    Some(Timer {
        value: TimerValue::Date(lang.variable(&variable)),
        variable: Some(variable),
        hard,
    })
}
