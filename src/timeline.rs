//! The timeline of one concern: for a concern raised on a given date, the
//! calendar date of every stage's start-by and conclude-by, of every timed
//! duty, and of the final deadline, under the policy's calendar.
//!
//! This file turns a checked policy into a `Timeline` (plain data, which
//! serialises to the JSON of `ladder timeline --format json`) and writes
//! the table a board business manager can paste into an e-mail. Every date
//! comes from `deadline.rs`; nothing here counts days. It reads the model
//! only and never prints.
//!
//! Dates are the latest the procedure allows: a stage that must start "no
//! later than day 3" is shown on day 3, and a duty counted from the stage
//! starting is counted from that latest start.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ast::{Anchor, DayOne};
use crate::calendar::{Calendar, Division};
use crate::deadline::{Concern, Counting, DayTable, DeadlineError, weekday_name};
use crate::model::{DayUnit, Duty, DutyKind, Limit, LimitKind, Policy, Stage};

/// The version of the JSON written by `ladder timeline --format json`.
pub const FORMAT_VERSION: u32 = 2;

/// Every deadline of one concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub format_version: u32,
    pub policy: Option<String>,
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// The date the concern arose.
    pub raised: Day,
    /// The date of day 1.
    pub day_one: Day,
    /// `calendar days` or `working days`.
    pub days: &'static str,
    /// Whether day 1 is the day the concern arose or the day after.
    pub day_one_is: &'static str,
    /// The bank-holiday calendar working days skip, by its name in policy
    /// files (`england-and-wales`), if there is one.
    pub holidays: Option<&'static str>,
    /// In stage order; within a stage: start, timed duties, conclusion.
    pub deadlines: Vec<Deadline>,
    /// The latest dated deadline of the main ladder.
    pub final_deadline: Option<Deadline>,
    /// The stages of the main ladder with a limit that has no date for this
    /// concern (no timescale, or counted from a start with no date): the
    /// procedure may run past `final_deadline` there.
    pub undated_stages: Vec<String>,
}

/// A date with its weekday, and the bank holiday it is, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Day {
    /// ISO 8601: `2026-12-24`.
    pub date: String,
    pub weekday: &'static str,
    pub bank_holiday: Option<String>,
    #[serde(skip)]
    pub value: NaiveDate,
}

/// What a deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    Start,
    Duty,
    Conclude,
}

/// One deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The stage's identifier in the JSON output: `stage-2`,
    /// `threshold.step-1`.
    pub stage: String,
    /// How people refer to the stage: "Step 2".
    pub stage_label: String,
    pub stage_title: String,
    /// Whether the stage is on the main ladder (not in a sub-procedure).
    pub main_ladder: bool,
    pub event: Event,
    /// What must happen, in the words of the language:
    /// `conclude by day 9`, `recommend "..." within 5 working days of being notified`.
    pub what: String,
    /// False for `aim to`: a target, not a hard limit.
    pub hard: bool,
    /// The last day allowed, or `None` with `no_date` saying why.
    pub date: Option<Day>,
    /// Why there is no date.
    pub no_date: Option<String>,
    /// Anything a reader should know about the date, such as
    /// "24 hours from the time of day the concern arose".
    pub notes: Vec<String>,
}

/// The timeline for a concern raised on `raised`, counting working days
/// with `calendar` (the policy's `holidays`, or the command line's choice).
///
/// Without a calendar only calendar days and hours can be counted; with
/// one, every date must lie in the years it knows. Either problem is an
/// error, never a guess.
pub fn build(
    policy: &Policy,
    raised: NaiveDate,
    calendar: Option<&Calendar>,
) -> Result<Timeline, DeadlineError> {
    let table = calendar.map(DayTable::new);
    let counting = Counting::of(&policy.header);
    let concern = Concern::new(raised, counting, table.as_ref())?;
    let day = |date: NaiveDate| make_day(date, calendar);

    let mut deadlines = Vec::new();
    let main: Vec<&Stage> = policy.stages.iter().collect();
    for stage in policy.all_stages() {
        let main_ladder = main.iter().any(|s| std::ptr::eq(*s, stage));
        let dates = concern.stage(stage, &policy.every_stage)?;
        let row = |event: Event, what: String, hard: bool| Deadline {
            stage: stage.key.slug(),
            stage_label: stage.label.clone(),
            stage_title: stage.title.clone(),
            main_ladder,
            event,
            what,
            hard,
            date: None,
            no_date: None,
            notes: Vec::new(),
        };
        let before = deadlines.len();
        if let Some(limit) = &stage.start {
            let mut start = row(
                Event::Start,
                format!("start {}", limit.describe()),
                limit.hard,
            );
            match dates.start {
                Some(date) => start.date = Some(day(date)),
                None => {
                    start.no_date =
                        Some("a start counted from the stage starting has no date".to_owned());
                }
            }
            deadlines.push(start);
        }
        let conclude = dates.conclude();
        // The stage's own duties, then the policy-wide ones, which apply to
        // every stage.
        let timed: Vec<(&Duty, Option<NaiveDate>)> = stage
            .duties
            .iter()
            .chain(&policy.every_stage)
            .zip(dates.duties.iter().copied())
            .collect();
        for (duty, date) in timed {
            let Some(limit) = &duty.within else { continue };
            let mut item = row(Event::Duty, duty_words(duty, limit), limit.hard);
            match date {
                Some(date) => {
                    item.date = Some(day(date));
                    if let Some((end, _)) = conclude
                        && date > end
                    {
                        item.notes.push(format!(
                            "falls after {} must conclude, {} {}",
                            stage.label,
                            end.format("%Y-%m-%d"),
                            weekday_name(end)
                        ));
                    }
                }
                None => item.no_date = Some(no_start(stage)),
            }
            item.notes.extend(hours_note(limit));
            deadlines.push(item);
        }
        if !stage.conclude.is_empty() {
            let words: Vec<String> = stage.conclude.iter().map(Limit::describe).collect();
            let mut what = format!("conclude {}", words.join(" or "));
            if words.len() > 1 {
                what.push_str(", whichever is sooner");
            }
            let hard = stage.conclude.iter().any(|l| l.hard);
            let mut item = row(Event::Conclude, what, hard);
            match conclude {
                Some((date, i)) => {
                    item.date = Some(day(date));
                    if let Some(limit) = stage.conclude.get(i) {
                        if stage.conclude.len() > 1 {
                            item.notes
                                .push(format!("`{}` is the sooner", limit.describe()));
                        }
                        item.notes.extend(hours_note(limit));
                    }
                }
                None => item.no_date = Some(no_start(stage)),
            }
            deadlines.push(item);
        }
        if deadlines.len() == before {
            let mut item = row(Event::Conclude, "no timescale".to_owned(), false);
            item.no_date = Some(format!(
                "{} has no start, conclusion or timed duty",
                stage.label
            ));
            deadlines.push(item);
        }
    }
    let final_deadline = deadlines
        .iter()
        .filter(|d| d.main_ladder)
        .filter_map(|d| Some((d.date.as_ref()?.value, d)))
        .max_by_key(|(date, _)| *date)
        .map(|(_, d)| d.clone());
    let mut undated_stages: Vec<String> = Vec::new();
    for d in deadlines
        .iter()
        .filter(|d| d.main_ladder && d.no_date.is_some())
    {
        if !undated_stages.contains(&d.stage_label) {
            undated_stages.push(d.stage_label.clone());
        }
    }

    Ok(Timeline {
        format_version: FORMAT_VERSION,
        policy: policy.header.title.clone(),
        board: policy.header.board.clone(),
        board_short: policy.header.board_short.clone(),
        raised: day(raised),
        day_one: day(concern.day_one()),
        days: counting.unit.as_str(),
        day_one_is: match counting.day_one {
            DayOne::DayConcernArose => "the day the concern arose",
            DayOne::DayAfter => "the day after the concern arose",
        },
        holidays: calendar.map(|c| c.division().name()),
        deadlines,
        final_deadline,
        undated_stages,
    })
}

fn make_day(date: NaiveDate, calendar: Option<&Calendar>) -> Day {
    Day {
        date: date.format("%Y-%m-%d").to_string(),
        weekday: weekday_name(date),
        bank_holiday: calendar
            .and_then(|c| c.bank_holiday(date).ok().flatten())
            .map(str::to_owned),
        value: date,
    }
}

fn no_start(stage: &Stage) -> String {
    format!(
        "counted from the start of {}, which has no date",
        stage.label
    )
}

/// What "within N hours" means as a date: the date shown is the day the
/// hours run out, at the time of day they started.
fn hours_note(limit: &Limit) -> Option<String> {
    if limit.kind != LimitKind::Within || limit.unit != DayUnit::Hours {
        return None;
    }
    Some(match limit.anchor {
        Anchor::ConcernArising => "by the time of day the concern arose".to_owned(),
        Anchor::BeingNotified => "by the time of day of the notification".to_owned(),
        Anchor::StageStarting | Anchor::Unstated => {
            "by the time of day the stage started".to_owned()
        }
    })
}

/// A timed duty in the words of the language, shortened to its verb and
/// first words: `recommend "the most appropriate way to proceed" within 5
/// working days of being notified`.
fn duty_words(duty: &Duty, limit: &Limit) -> String {
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
    let target = if limit.hard { "" } else { "aim to " };
    format!(
        "{target}{optional}{}{} {}",
        duty.kind.verb(),
        object.unwrap_or_default(),
        limit.describe()
    )
}

impl Timeline {
    /// The table for people: one line per deadline, date first, so that it
    /// reads the same pasted into an e-mail in any font (the last column is
    /// free text and nothing is aligned after it).
    #[must_use]
    pub fn human(&self) -> String {
        let mut out = String::new();
        let title = self.policy.as_deref().unwrap_or("Untitled policy");
        let _ = match &self.board_short {
            Some(short) => writeln!(out, "Timeline: {title} ({short})"),
            None => writeln!(out, "Timeline: {title}"),
        };
        let _ = writeln!(
            out,
            "Concern raised on {} {}. Day 1 is {} {} ({}).",
            self.raised.weekday,
            self.raised.date,
            self.day_one.weekday,
            self.day_one.date,
            self.day_one_is
        );
        let _ = match self.holidays.and_then(Division::from_name) {
            Some(division) => writeln!(
                out,
                "Days are {}. Working days skip weekends and the bank holidays of {}.",
                self.days,
                division.describe()
            ),
            None => writeln!(out, "Days are {}.", self.days),
        };
        let _ = writeln!(
            out,
            "Each date is the last day allowed; durations count from the latest day a stage may start."
        );
        let _ = writeln!(out);

        let date_width = "2026-12-24 Wednesday".len();
        let stage_width = self
            .deadlines
            .iter()
            .map(|d| d.stage_label.chars().count())
            .chain([5])
            .max()
            .unwrap_or(5);
        let _ = writeln!(
            out,
            "{:<date_width$}  {:<stage_width$}  Deadline",
            "Date", "Stage"
        );
        for d in &self.deadlines {
            let _ = writeln!(
                out,
                "{:<date_width$}  {:<stage_width$}  {}",
                date_cell(d),
                d.stage_label,
                deadline_cell(d)
            );
        }
        let _ = writeln!(out);
        let _ = match &self.final_deadline {
            Some(last) if !self.undated_stages.is_empty() => writeln!(
                out,
                "Final deadline: {} ({}: {}), but {} {} a limit with no date, so the \
                 procedure may run later",
                date_cell(last).trim_end(),
                last.stage_label,
                last.what,
                self.undated_stages.join(", "),
                if self.undated_stages.len() == 1 {
                    "has"
                } else {
                    "have"
                }
            ),
            Some(last) => writeln!(
                out,
                "Final deadline: {} ({}: {})",
                date_cell(last).trim_end(),
                last.stage_label,
                last.what
            ),
            None => writeln!(
                out,
                "Final deadline: none; the procedure gives no dated deadline for this concern"
            ),
        };
        out
    }

    /// The JSON form, pretty-printed, ending with a newline.
    #[must_use]
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned());
        text.push('\n');
        text
    }
}

fn date_cell(d: &Deadline) -> String {
    match &d.date {
        Some(day) => format!("{} {}", day.date, day.weekday),
        None => "no date".to_owned(),
    }
}

fn deadline_cell(d: &Deadline) -> String {
    let mut notes: Vec<String> = Vec::new();
    if let Some(title) = d.date.as_ref().and_then(|day| day.bank_holiday.as_ref()) {
        notes.push(format!("bank holiday: {title}"));
    }
    if !d.hard {
        notes.push("a target".to_owned());
    }
    notes.extend(d.notes.iter().cloned());
    if let Some(why) = &d.no_date {
        notes.push(why.clone());
    }
    if notes.is_empty() {
        d.what.clone()
    } else {
        format!("{} ({})", d.what, notes.join("; "))
    }
}
