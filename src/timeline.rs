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

use crate::ast::DayOne;
use crate::calendar::{Calendar, Division};
use crate::deadline::{
    Chain, Concern, Counting, DayTable, DeadlineError, stage_duties, weekday_name,
};
use crate::model::{
    Anchor, DayUnit, Duty, DutyKind, Limit, LimitKind, Policy, Stage, StageKey, describe_limits,
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
    // Day 1 as the policy states it; a policy that does not say which day
    // is day 1 has none to come before.
    let day_one = policy.header.day_one.map(|_| concern.day_one());

    let plan = concern.plan(policy)?;
    let label = |k: &StageKey| policy.label_of(k);
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
                    Chain::DayOne => "start when the concern is raised".to_owned(),
                    Chain::After(key) => format!("start when {} must conclude", label(key)),
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

/// Whether a stage has a conclusion or a timed duty of its own (or from
/// `every stage`), which its start is needed to date.
fn timed(stage: &Stage, every: &[Duty]) -> bool {
    !stage.conclude.is_empty()
        || stage
            .duties
            .iter()
            .chain(every)
            .chain(stage.panel.iter().flat_map(|p| &p.duties))
            .any(|d| d.within.is_some())
}

/// Why a limit has no date for this concern.
fn why_undated(limit: &Limit, stage: &Stage, label: &dyn Fn(&StageKey) -> String) -> String {
    if let Some(reason) = words_reason(limit) {
        return reason;
    }
    match &limit.anchor {
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
fn words_reason(limit: &Limit) -> Option<String> {
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
fn before_day_one(date: NaiveDate, day_one: Option<NaiveDate>) -> Option<String> {
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
fn hours_note(limit: &Limit) -> Option<String> {
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
fn duty_words(duty: &Duty, label: &dyn Fn(&StageKey) -> String) -> String {
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
        out.push_str(&self.counting_lines());
        let _ = writeln!(
            out,
            "Each date is the last day allowed, a plan date: every stage before it is taken to use all its time."
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
                "Final deadline: {} ({}: {}{}), but {} {} a limit with no date, so the \
                 procedure may run later",
                date_cell(last).trim_end(),
                last.stage_label,
                last.what,
                target_mark(last),
                self.undated_stages.join(", "),
                if self.undated_stages.len() == 1 {
                    "has"
                } else {
                    "have"
                }
            ),
            Some(last) => writeln!(
                out,
                "Final deadline: {} ({}: {}{})",
                date_cell(last).trim_end(),
                last.stage_label,
                last.what,
                target_mark(last)
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

impl Timeline {
    /// The header's lines on how days are counted, saying only what the
    /// policy states: "Day 1 is ..." and "Days are ..." when it says so,
    /// "the policy does not say ..." when it does not.
    fn counting_lines(&self) -> String {
        let raised = format!(
            "Concern raised on {} {}.",
            self.raised.weekday, self.raised.date
        );
        let first = match (&self.day_one, self.day_one_is) {
            (Some(day), Some(rule)) => {
                // In working days day 1 may be later than the rule's day:
                // the first working day on or after it.
                let after = rule == "the day after the concern arose";
                let base = if after {
                    self.raised.value.succ_opt()
                } else {
                    Some(self.raised.value)
                };
                if base == Some(day.value) {
                    format!("{raised} Day 1 is {} {} ({rule}).", day.weekday, day.date)
                } else {
                    format!(
                        "{raised} Day 1 is {} {}, the first working day on or after {rule}.",
                        day.weekday, day.date
                    )
                }
            }
            _ if self.days.is_none() => raised,
            _ => format!("{raised} The policy does not say which day is day 1."),
        };
        let days = match (self.days, &self.day_one) {
            (Some(days), _) => format!("Days are {days}."),
            (None, Some(_)) => "The policy does not say how days are counted.".to_owned(),
            // Nothing in such a policy needs it (`check` asks for day
            // counting wherever a day number or a bare "days" is used): its
            // limits give their own units.
            (None, None) => {
                "The policy uses no day numbers, so it states no day counting.".to_owned()
            }
        };
        let days = match self.holidays.and_then(Division::from_name) {
            Some(division) => format!(
                "{days} Working days skip weekends and the bank holidays of {}.",
                division.describe()
            ),
            None => days,
        };
        format!("{first}\n{days}\n")
    }
}

/// `, a target` after the final deadline's words when it is an `aim to`
/// target, as its row in the table says.
fn target_mark(d: &Deadline) -> &'static str {
    if d.hard { "" } else { ", a target" }
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
