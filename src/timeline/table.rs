//! The timeline as a table for people (one line per deadline, date
//! first, so that it reads the same pasted into an e-mail in any font) and
//! as JSON for programs.

use std::fmt::Write as _;

use super::{Deadline, Timeline};
use crate::calendar::Division;

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
