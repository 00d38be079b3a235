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

use chrono::NaiveDate;
use serde::Serialize;

use crate::ast::DayOne;
use crate::calendar::Calendar;
use crate::deadline::{
    Chain, Concern, Counting, DayTable, DeadlineError, stage_duties, weekday_name,
};
use crate::model::{Duty, Policy, StageKey, describe_limits};

mod table;
mod words;

use words::{
    before_day_one, duty_words, hours_note, route_start, route_words, timed, why_undated,
    words_reason,
};

/// The version of the JSON written by `ladder timeline --format json`.
pub const FORMAT_VERSION: u32 = 3;

/// Every deadline of one concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub format_version: u32,
    pub policy: Option<String>,
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// The date the concern arose.
    pub raised: Day,
    /// The date of day 1; `None` when the policy does not say which day is
    /// day 1 (nothing in it then counts from day 1).
    pub day_one: Option<Day>,
    /// `calendar days` or `working days`, as the policy's `days are` line
    /// says; `None` when it says neither.
    pub days: Option<&'static str>,
    /// Whether day 1 is the day the concern arose or the day after, as the
    /// policy's `day 1 is` line says; `None` when it does not say.
    pub day_one_is: Option<&'static str>,
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
    /// The limit on a route out of a stage (`escalate to stage 3 within 1
    /// working day`).
    Route,
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
///
/// The result is plain data: [`Timeline::json`] is the output of `ladder
/// timeline --format json`, [`Timeline::human`] the table, and
/// [`crate::emit::ics::timeline`] the iCalendar file. To date many
/// concerns, build the calendar's [`DayTable`] once and call
/// [`build_with_table`], or use [`crate::cases::Batch`].
///
/// # Examples
///
/// A concern raised on Tuesday 22 December 2026, in working days of
/// England and Wales (Christmas Day, Boxing Day on Monday 28 December, New
/// Year's Day):
///
/// ```
/// use chrono::NaiveDate;
/// use ladder::calendar::{Calendar, Division};
/// use ladder::checks::Options;
/// use ladder::driver::check_source;
/// use ladder::timeline::{self, Event};
///
/// let text = include_str!("../../tests/policies/chained-working-days.ladder");
/// let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
/// let checked = check_source(text, &Options::new(today));
/// let policy = checked.clean_policy().unwrap();
/// let calendar = Calendar::builtin(Division::EnglandAndWales);
/// let raised = NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
/// let timeline = timeline::build(policy, raised, Some(&calendar)).unwrap();
///
/// // Each stage's conclusion, in order.
/// let concludes: Vec<(&str, &str)> = timeline
///     .deadlines
///     .iter()
///     .filter(|d| d.event == Event::Conclude && d.stage != "all-stages")
///     .map(|d| (d.stage_label.as_str(), d.date.as_ref().unwrap().date.as_str()))
///     .collect();
/// assert_eq!(
///     concludes,
///     [("Stage 1", "2026-12-24"), ("Stage 2", "2026-12-31"), ("Stage 3", "2027-01-15")]
/// );
/// // A deadline on a bank holiday says which.
/// let notify = timeline.deadlines.iter().find(|d| d.what.starts_with("notify practitioner")).unwrap();
/// let day = notify.date.as_ref().unwrap();
/// assert_eq!((day.date.as_str(), day.bank_holiday.as_deref()), ("2027-01-01", Some("New Year’s Day")));
/// // A limit with no fixed date says why.
/// let report = timeline.deadlines.iter().find(|d| d.what.starts_with("report")).unwrap();
/// assert!(report.date.is_none() && report.no_date.is_some());
/// ```
///
/// Working days with no calendar, or a date the calendar does not know,
/// are errors:
///
/// ```
/// # use chrono::NaiveDate;
/// # use ladder::calendar::{Calendar, Division};
/// # use ladder::checks::Options;
/// # use ladder::deadline::DeadlineError;
/// # use ladder::driver::check_source;
/// # let text = include_str!("../../tests/policies/chained-working-days.ladder");
/// # let checked = check_source(text, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
/// # let policy = checked.clean_policy().unwrap();
/// let raised = NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
/// assert_eq!(ladder::timeline::build(policy, raised, None), Err(DeadlineError::NoCalendar));
/// let calendar = Calendar::builtin(Division::Scotland);
/// let far = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
/// assert!(matches!(
///     ladder::timeline::build(policy, far, Some(&calendar)),
///     Err(DeadlineError::Calendar(_))
/// ));
/// ```
pub fn build(
    policy: &Policy,
    raised: NaiveDate,
    calendar: Option<&Calendar>,
) -> Result<Timeline, DeadlineError> {
    let table = calendar.map(DayTable::new);
    build_with_table(policy, raised, calendar, table.as_ref())
}

/// `build`, with the working-day table of `calendar` made once by the
/// caller: a program that dates many concerns (`ladder timeline --cases`)
/// builds the table once per calendar instead of once per concern. `table`
/// must be `DayTable::new(calendar)`.
pub fn build_with_table(
    policy: &Policy,
    raised: NaiveDate,
    calendar: Option<&Calendar>,
    table: Option<&DayTable>,
) -> Result<Timeline, DeadlineError> {
    let counting = Counting::of(&policy.header);
    let concern = Concern::new(raised, counting, table)?;
    let day = |date: NaiveDate| make_day(date, calendar);
    // Day 1 as the policy states it; a policy that does not say which day
    // is day 1 has none to come before.
    let day_one = policy.header.day_one.map(|_| concern.day_one());

    let plan = concern.plan(policy)?;
    let labels = policy.stage_labels();
    // Stages by key, for the routes that hand a stage on.
    let by_key: std::collections::HashMap<&StageKey, &crate::model::Stage> =
        policy.all_stages().map(|s| (&s.key, s)).collect();
    let label = |k: &StageKey| labels.label(k);
    let mut deadlines = Vec::new();
    let main = policy.stages.len();
    for (i, stage) in policy.all_stages().enumerate() {
        let main_ladder = i < main;
        let Some(dates) = plan.stages.get(i) else {
            continue;
        };
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
        match (&stage.start, &dates.start_chain) {
            (Some(limit), _) => {
                let mut start = row(
                    Event::Start,
                    format!("start {}", limit.describe_with(&label)),
                    limit.hard,
                );
                match dates.start {
                    Some(date) => {
                        start.date = Some(day(date));
                        start.notes.extend(before_day_one(date, day_one));
                    }
                    None => start.no_date = Some(why_undated(limit, stage, &label)),
                }
                deadlines.push(start);
            }
            // A start the policy does not give, for a stage that has a
            // limit to count from it: where the chain puts it.
            (None, Some(chain)) if timed(stage, &policy.every_stage) => {
                let what = match chain {
                    // With `day 1 is ...` stated, day 1 is what the chain
                    // starts from, and may be later than the concern.
                    Chain::DayOne if policy.header.day_one.is_some() => "start on day 1".to_owned(),
                    Chain::DayOne => "start when the concern is raised".to_owned(),
                    Chain::After(key) => format!("start when {} must conclude", label(key)),
                    Chain::Route(key) => route_start(&by_key, key, &stage.key, &label),
                };
                let mut start = row(Event::Start, what, true);
                start.date = dates.start.map(day);
                start
                    .notes
                    .push("a plan date: the stage has no start of its own".to_owned());
                deadlines.push(start);
            }
            (None, _) => {}
        }
        let conclude = dates.conclude();
        // The stage's own duties, its panel's, then the policy-wide ones,
        // which apply to every stage.
        let timed: Vec<(&Duty, Option<NaiveDate>)> = stage_duties(stage, &policy.every_stage)
            .zip(dates.duties.iter().copied())
            .collect();
        for (duty, date) in timed {
            let Some(limit) = &duty.within else { continue };
            let mut item = row(Event::Duty, duty_words(duty, &label), limit.hard);
            match date {
                Some(date) => {
                    item.date = Some(day(date));
                    // Listed after the start, but due before it: say so
                    // rather than leave the row silently out of order
                    // (unless it is before day 1 itself, which the note of
                    // `before_day_one` explains).
                    if let Some(start) = dates.start
                        && date < start
                        && day_one.is_none_or(|one| date >= one)
                    {
                        item.notes.push(format!(
                            "falls before {} need start, {} {}",
                            stage.label,
                            start.format("%Y-%m-%d"),
                            weekday_name(start)
                        ));
                    }
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
                None => item.no_date = Some(why_undated(limit, stage, &label)),
            }
            item.notes.extend(hours_note(limit));
            if let Some(day) = &item.date {
                item.notes.extend(before_day_one(day.value, day_one));
            }
            deadlines.push(item);
        }
        // Duties that apply only under a condition: dated as the stage's
        // own, and marked with their condition.
        for (condition, dated) in stage.conditions.iter().zip(&dates.conditions) {
            for (duty, date) in condition.duties.iter().zip(dated) {
                let Some(limit) = &duty.within else { continue };
                let mut item = row(Event::Duty, duty_words(duty, &label), limit.hard);
                item.notes
                    .push(format!("only if \"{}\"", condition.condition));
                match date {
                    Some(date) => item.date = Some(day(*date)),
                    None => item.no_date = Some(why_undated(limit, stage, &label)),
                }
                item.notes.extend(hours_note(limit));
                deadlines.push(item);
            }
        }
        if !stage.conclude.is_empty() {
            let what = format!(
                "conclude {}",
                describe_limits(&stage.conclude, stage.conclude_join, &label)
            );
            let hard = stage.conclude.iter().any(|l| l.hard);
            let mut item = row(Event::Conclude, what, hard);
            match conclude {
                Some((date, i)) => {
                    item.date = Some(day(date));
                    if let Some(limit) = stage.conclude.get(i) {
                        if stage.conclude.len() > 1 {
                            item.notes
                                .push(format!("`{}` is the sooner", limit.describe_with(&label)));
                        }
                        item.notes.extend(hours_note(limit));
                    }
                    item.notes.extend(before_day_one(date, day_one));
                }
                None => {
                    item.no_date = stage
                        .conclude
                        .first()
                        .map(|l| why_undated(l, stage, &label));
                }
            }
            deadlines.push(item);
        }
        // What a route out of the stage carries: its own limit and the
        // duties done when it is taken, counted from the stage concluding.
        for (outcome, dated) in stage.outcomes.iter().zip(&dates.routes) {
            let route = route_words(outcome, &label);
            if let Some(limit) = &outcome.within {
                let mut item = row(
                    Event::Route,
                    format!("{route} {}", limit.describe_with(&label)),
                    limit.hard,
                );
                match dated.within {
                    Some(date) => item.date = Some(day(date)),
                    None => item.no_date = Some(why_undated(limit, stage, &label)),
                }
                item.notes.extend(hours_note(limit));
                deadlines.push(item);
            }
            for (duty, date) in outcome.duties.iter().zip(&dated.duties) {
                let Some(limit) = &duty.within else { continue };
                let mut item = row(Event::Duty, duty_words(duty, &label), limit.hard);
                item.notes.push(format!("on the route {route}"));
                match date {
                    Some(date) => item.date = Some(day(*date)),
                    None => item.no_date = Some(why_undated(limit, stage, &label)),
                }
                item.notes.extend(hours_note(limit));
                deadlines.push(item);
            }
        }
        // A stage that may be taken again ("more senior managers in
        // turn"): its window covers every round, which the rows say.
        if let Some(repeats) = &stage.repeats {
            let note = match &repeats.up_to {
                Some(up_to) => format!(
                    "the stage may repeat {} up to `{up_to}`; its limits cover every round",
                    repeats.how
                ),
                None => format!(
                    "the stage may repeat {}; its limits cover every round",
                    repeats.how
                ),
            };
            for row in &mut deadlines[before..] {
                row.notes.push(note.clone());
            }
        }
        if deadlines.len() == before {
            // Not a target: there is no limit at all.
            let mut item = row(Event::Conclude, "no timescale".to_owned(), true);
            item.no_date = Some(format!(
                "{} has no start, conclusion or timed duty",
                stage.label
            ));
            deadlines.push(item);
        }
    }
    if let Some(limit) = &policy.overall {
        let mut item = Deadline {
            stage: "all-stages".to_owned(),
            stage_label: "All stages".to_owned(),
            stage_title: "The whole procedure".to_owned(),
            main_ladder: true,
            event: Event::Conclude,
            what: format!("all stages conclude {}", limit.describe_with(&label)),
            hard: limit.hard,
            date: plan.overall.map(day),
            no_date: None,
            notes: hours_note(limit).into_iter().collect(),
        };
        if item.date.is_none() {
            item.no_date = Some(words_reason(limit).unwrap_or_else(|| "no date".to_owned()));
        }
        deadlines.push(item);
    }
    // A deadline of the main ladder that the whole-procedure limit has
    // already passed: the chain of stages breaks it (L048), and the row
    // says so.
    if let Some(limit_date) = plan.overall {
        for row in deadlines
            .iter_mut()
            .filter(|d| d.main_ladder && d.stage != "all-stages")
        {
            if row.date.as_ref().is_some_and(|d| d.value > limit_date) {
                row.notes.push(format!(
                    "after the whole procedure must conclude, {} {}",
                    limit_date.format("%Y-%m-%d"),
                    weekday_name(limit_date)
                ));
            }
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
        // A policy with a board for each group it covers, and none for
        // everyone, is shown with all of them.
        board: policy.header.board.clone().or_else(|| {
            let names: Vec<&str> = policy
                .header
                .scoped_boards
                .iter()
                .map(|b| b.name.as_str())
                .collect();
            (!names.is_empty()).then(|| names.join(" / "))
        }),
        board_short: policy.header.board_short.clone().or_else(|| {
            let shorts: Vec<&str> = policy
                .header
                .scoped_boards
                .iter()
                .filter_map(|b| b.short.as_deref())
                .collect();
            (!shorts.is_empty()).then(|| shorts.join(" / "))
        }),
        raised: day(raised),
        // Only what the policy states: `Counting` fills the gaps so that
        // nothing panics, but a policy that leaves them open uses nothing
        // that depends on them (L012), so they are not shown as its rule.
        day_one: day_one.map(day),
        days: policy.header.day_kind.map(|_| counting.unit.as_str()),
        day_one_is: policy.header.day_one.map(|d| match d {
            DayOne::DayConcernArose => "the day the concern arose",
            DayOne::DayAfter => "the day after the concern arose",
        }),
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
