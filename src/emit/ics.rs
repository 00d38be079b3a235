//! iCalendar files (RFC 5545) that Outlook, Google Calendar and Apple
//! Calendar import: a concern's deadlines (`ladder timeline --format ics`)
//! and a calendar's bank holidays (`ladder holidays --format ics`).
//!
//! Every event is a whole day (`DTSTART;VALUE=DATE`): the deadlines of the
//! timeline are last days allowed, not times. The output is the same for
//! the same input: each UID is a hash of the policy, the raise date and the
//! deadline, never random, and DTSTAMP is derived from the raise date (or,
//! for bank holidays, the first year asked for), never the clock, so a
//! calendar that imports the file twice updates the events instead of
//! doubling them. Lines end with CRLF and are folded at 75 octets, and text
//! is escaped as the RFC says (`\\`, `\;`, `\,`, `\n`).

use std::fmt::Write as _;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::calendar::{Division, Holiday};
use crate::deadline::weekday_name;
use crate::model::Policy;
use crate::timeline::{Deadline, Event, Timeline};

/// Identifies the program that made the file (RFC 5545, 3.7.3).
const PRODID: &str = "-//ladder//Escalation procedure deadlines//EN";

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma
/// and line breaks.
#[must_use]
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line is longer than 75
/// octets (RFC 5545, 3.1): a continuation starts with one space, and a
/// character is never split across lines.
pub fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The start of a calendar file.
fn begin(name: &str) -> String {
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, &format!("PRODID:{PRODID}"));
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    out
}

/// One all-day event.
struct AllDay<'a> {
    uid: String,
    stamp: NaiveDate,
    date: NaiveDate,
    summary: &'a str,
    description: &'a str,
    /// A reminder at 09:00 the day before, for deadlines.
    reminder: bool,
}

fn event(out: &mut String, e: &AllDay<'_>) {
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", e.uid));
    push_line(out, &format!("DTSTAMP:{}T000000Z", ics_date(e.stamp)));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", ics_date(e.date)));
    let next = e.date.succ_opt().unwrap_or(e.date);
    push_line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
    push_line(out, &format!("SUMMARY:{}", escape_text(e.summary)));
    push_line(out, &format!("DESCRIPTION:{}", escape_text(e.description)));
    // A deadline is a day to keep in mind, not a meeting: it does not
    // make the day busy.
    push_line(out, "TRANSP:TRANSPARENT");
    if e.reminder {
        push_line(out, "BEGIN:VALARM");
        push_line(out, "ACTION:DISPLAY");
        // The event starts at midnight; 15 hours before is 09:00 the day
        // before.
        push_line(out, "TRIGGER:-PT15H");
        push_line(out, &format!("DESCRIPTION:{}", escape_text(e.summary)));
        push_line(out, "END:VALARM");
    }
    push_line(out, "END:VEVENT");
}

/// A stable identifier: the same policy, raise date and deadline always
/// give the same UID, and a calendar that imports a newer file replaces
/// the event instead of adding a second one.
fn uid(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let hex = digest.iter().take(16).fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    format!("{hex}@ladder")
}

/// The summary of a deadline's event: its stage and what must be done, the
/// stage first, as a month view cuts the end off (its title is in the
/// description).
fn summary(d: &Deadline) -> String {
    let target = if d.hard { "" } else { " (a target)" };
    format!("{}: {}{target}", d.stage_label, d.what)
}

/// The deadlines of one concern as an iCalendar file: one all-day event per
/// dated deadline (undated ones have no day to go on, and are left out),
/// with the stage and the duty in the summary and the policy, the stage's
/// citations and the notes in the description.
#[must_use]
pub fn timeline(policy: &Policy, t: &Timeline) -> String {
    let title = t.policy.as_deref().unwrap_or("Untitled policy");
    let raised = t.raised.value;
    let mut out = begin(&format!(
        "{title}: deadlines for a concern raised {}",
        t.raised.date
    ));
    // The same words for the same deadline twice (a duty listed under two
    // conditions) still get different UIDs.
    let mut seen: Vec<String> = Vec::new();
    for d in &t.deadlines {
        let Some(day) = &d.date else { continue };
        let event_name = match d.event {
            Event::Start => "start",
            Event::Duty => "duty",
            Event::Conclude => "conclude",
            Event::Route => "route",
        };
        let key = format!("{}\u{0}{event_name}\u{0}{}", d.stage, d.what);
        let occurrence = seen.iter().filter(|k| **k == key).count().to_string();
        seen.push(key);
        let id = uid(&[
            title,
            t.board.as_deref().unwrap_or(""),
            &t.raised.date,
            &d.stage,
            event_name,
            &d.what,
            &occurrence,
        ]);
        let mut lines = vec![format!(
            "Policy: {title}{}",
            t.board
                .as_deref()
                .map(|b| format!(", {b}"))
                .unwrap_or_default()
        )];
        lines.push(format!(
            "Concern raised: {} {}",
            weekday_name(raised),
            t.raised.date
        ));
        lines.push(format!("{}: {}", d.stage_label, d.stage_title));
        lines.push(format!(
            "Deadline: {}{}",
            d.what,
            if d.hard {
                ""
            } else {
                " (a target, not a hard limit)"
            }
        ));
        lines.push(format!("Last day allowed: {} {}", day.weekday, day.date));
        if let Some(holiday) = &day.bank_holiday {
            lines.push(format!("Bank holiday: {holiday}"));
        }
        for note in &d.notes {
            lines.push(format!("Note: {note}"));
        }
        let cites = policy
            .all_stages()
            .find(|s| s.key.slug() == d.stage)
            .map(|s| s.cites.as_slice())
            .unwrap_or_default();
        for cite in cites {
            lines.push(format!("Cites: {cite}"));
        }
        if let Some(source) = &policy.header.source {
            match &source.url {
                Some(url) => lines.push(format!("Source: {} ({url})", source.title)),
                None => lines.push(format!("Source: {}", source.title)),
            }
        }
        lines.push(
            "Dated by ladder: the last day the procedure allows, taking every stage before it to use all its time."
                .to_owned(),
        );
        event(
            &mut out,
            &AllDay {
                uid: id,
                stamp: raised,
                date: day.value,
                summary: &summary(d),
                description: &lines.join("\n"),
                reminder: true,
            },
        );
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The bank holidays of `division` from the first of January of `from` as
/// an iCalendar file, one all-day event each. DTSTAMP is 1 January of
/// `from`, so the file is the same every time it is made.
#[must_use]
pub fn holidays(division: Division, from: i32, to: i32, list: &[Holiday]) -> String {
    let years = if from == to {
        from.to_string()
    } else {
        format!("{from}-{to}")
    };
    let mut out = begin(&format!("Bank holidays: {} {years}", division.describe()));
    let stamp = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default();
    for h in list {
        event(
            &mut out,
            &AllDay {
                uid: format!("{}-{}@holidays.ladder", ics_date(h.date), division.name()),
                stamp,
                date: h.date,
                summary: &h.title,
                description: &format!(
                    "Bank holiday in {}, as ladder counts working days.",
                    division.describe()
                ),
                reminder: false,
            },
        );
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_the_rfc_says() {
        assert_eq!(
            escape_text("a, b; c\\d\r\ne\nf"),
            "a\\, b\\; c\\\\d\\ne\\nf"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        push_line(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?} is {}", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }
}
