//! A case's status as of a day: which of its deadlines it still has to
//! meet, the next one due, the first one missed. It reads the compact rows
//! `mod.rs` makes from each timeline once, never the timeline itself.

use chrono::NaiveDate;

use super::Case;

/// How far a case has got, as of the day asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No stage limit still to be met has passed or falls today.
    OnTime,
    /// A stage limit still to be met falls today.
    DueToday,
    /// A stage limit still to be met has passed.
    Overdue,
    /// The case was closed on or before the day asked about.
    Closed,
}

impl Status {
    /// The status as written in the output: `on_time`, `due_today`,
    /// `overdue`, `closed`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTime => "on_time",
            Status::DueToday => "due_today",
            Status::Overdue => "overdue",
            Status::Closed => "closed",
        }
    }
}

/// A deadline as the status reads it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub date: Option<NaiveDate>,
    pub hard: bool,
    pub start: bool,
    pub duty: bool,
    pub place: Place,
}

/// Where a deadline's stage is, for deciding which deadlines a case still
/// has to meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place {
    /// The stage's index in `Policy::all_stages`, or `None` for the limit on
    /// the whole procedure.
    pub stage: Option<usize>,
    /// 0 for the main ladder, 1 + the procedure's index for a sub-procedure.
    pub ladder: usize,
}

/// What one case comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    /// The index of the next deadline still to be met, today or later.
    pub next_due: Option<usize>,
    /// The index of the earliest stage limit still to be met that has
    /// passed.
    pub first_missed: Option<usize>,
    /// Days from `first_missed` to the day asked about.
    pub days_overdue: Option<i64>,
    /// Whether the stage reached was entered after the date it had to start
    /// by; `None` when that is not known.
    pub started_late: Option<bool>,
}

/// What one case comes to as of `today`, given its timeline's rows and the
/// place of the stage it has reached (`None`: it names none).
///
/// The deadlines a case still has to meet are those of the stage it has
/// reached (its start excepted: the stage has started) and of the
/// stages after it on the same ladder, and the limit on the whole
/// procedure. A case that names no stage is at the first stage of the
/// main ladder. Only the hard limits of stages (start, conclude, a
/// route's limit, the whole procedure) decide the status: a case does
/// not say which duties were done, and a target (`aim to`) is not a
/// limit. Any of them can be the next one due.
pub(super) fn verdict(
    rows: &[Row],
    case: &Case<'_>,
    at: Option<Place>,
    today: NaiveDate,
) -> Verdict {
    if case.closed.is_some_and(|closed| closed <= today) {
        return Verdict {
            status: Status::Closed,
            next_due: None,
            first_missed: None,
            days_overdue: None,
            started_late: None,
        };
    }
    let reached = at.is_some();
    let at = at.unwrap_or(Place {
        stage: Some(0),
        ladder: 0,
    });
    let mut next: Option<(NaiveDate, usize)> = None;
    let mut missed: Option<(NaiveDate, usize)> = None;
    let mut due_today = false;
    let mut started_late = None;
    for (i, row) in rows.iter().enumerate() {
        let place = row.place;
        let Some(date) = row.date else {
            continue;
        };
        // The stage the case is at has started: a case on record has
        // at least started the first stage.
        if place == at && row.start {
            if reached {
                started_late = case.stage_entered.map(|entered| entered > date);
            }
            continue;
        }
        let pending = match place.stage {
            None => true,
            Some(s) => place.ladder == at.ladder && at.stage.is_some_and(|a| s >= a),
        };
        if !pending {
            continue;
        }
        if date >= today && next.is_none_or(|(n, _)| date < n) {
            next = Some((date, i));
        }
        // The input says which stage a case is at, not which duties were
        // done, so only the stages' own limits decide the status.
        if row.hard && !row.duty {
            if date < today && missed.is_none_or(|(m, _)| date < m) {
                missed = Some((date, i));
            }
            due_today |= date == today;
        }
    }
    let status = if missed.is_some() {
        Status::Overdue
    } else if due_today {
        Status::DueToday
    } else {
        Status::OnTime
    };
    Verdict {
        status,
        next_due: next.map(|(_, i)| i),
        first_missed: missed.map(|(_, i)| i),
        days_overdue: missed.map(|(date, _)| (today - date).num_days()),
        started_late,
    }
}
