//! Lowering the header: the policy's title, board, dates, day counting,
//! calendar, contacts and raiser, each checked as it is read. A header line
//! given twice is reported here; a missing title or board too.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Lowerer, did_you_mean};
use crate::ast::{self, DayKind, HeaderKind, Ident, Item, Scope};
use crate::calendar::Division;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;

impl Lowerer {
    pub(super) fn header(&mut self, file: &ast::File) {
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        let mut period = None;
        let mut header = PolicyHeader {
            stage_word: "Stage".to_owned(),
            ..PolicyHeader::default()
        };
        for item in &file.items {
            let Item::Header(h) = item else { continue };
            let word = header_word(&h.kind);
            if word != "contact" {
                if let Some(first) = seen.get(word) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::RepeatedHeader,
                            h.span,
                            format!("`{word}` is given twice"),
                        )
                        .with_primary_label("given again here")
                        .with_label(*first, "first given here")
                        .with_help(format!(
                            "A policy has one `{word}` line. Delete the one that is out of date."
                        )),
                    );
                    continue;
                }
                seen.insert(word, h.span);
            }
            match &h.kind {
                HeaderKind::Policy(t) => header.title = Some(t.text.clone()),
                HeaderKind::Board {
                    name,
                    short,
                    scope: None,
                } => {
                    header.board = Some(name.text.clone());
                    header.board_short = short.as_ref().map(|s| s.text.clone());
                    header.board_span = Some(h.span);
                }
                HeaderKind::Board {
                    name,
                    short,
                    scope: Some(scope),
                } => header.scoped_boards.push(ScopedBoard {
                    scope: *scope,
                    name: name.text.clone(),
                    short: short.as_ref().map(|s| s.text.clone()),
                    span: h.span,
                }),
                HeaderKind::Covers(scopes) => {
                    let mut scopes = scopes.clone();
                    scopes.sort();
                    scopes.dedup();
                    header.scope = scopes;
                }
                HeaderKind::Version(t) => header.version = Some(t.text.clone()),
                HeaderKind::Adopted(d) => header.adopted = self.date(d),
                HeaderKind::Updated(d) => header.updated = self.date(d),
                HeaderKind::Review(d) => header.review = self.date(d),
                HeaderKind::ReviewPeriod(p) => period = Some(p),
                HeaderKind::Days(kind) => {
                    header.day_kind = Some(match kind {
                        DayKind::Calendar => DayUnit::CalendarDays,
                        DayKind::Working => DayUnit::WorkingDays,
                    });
                }
                HeaderKind::DayOne(d) => header.day_one = Some(*d),
                HeaderKind::Holidays(name) => {
                    self.holidays_stated = true;
                    header.holidays = self.division(name);
                    header.holidays_span = Some(h.span);
                }
                HeaderKind::Contact {
                    address,
                    purpose,
                    scope,
                } => header.contacts.push(Contact {
                    address: address.text.clone(),
                    purpose: purpose.as_ref().map(|p| p.text.clone()),
                    scope: *scope,
                    span: h.span,
                }),
                HeaderKind::Source { title, url } => {
                    header.source = Some(Source {
                        title: title.text.clone(),
                        url: url.as_ref().map(|u| u.text.clone()),
                    });
                }
                HeaderKind::RaisedBy(actor) => {
                    self.actor(actor);
                    header.raised_by = Some(actor.text.clone());
                }
                HeaderKind::StagesCalled(word) => {
                    let mut chars = word.text.trim().chars();
                    header.stage_word = chars.next().map_or_else(
                        || "Stage".to_owned(),
                        |c| c.to_uppercase().chain(chars).collect(),
                    );
                }
            }
        }
        if let Some(period) = period {
            self.review_period(&mut header, period);
        }
        let first_span = file.items.first().map_or(Span::new(0, 0), item_span);
        header.span = first_span;
        for (word, example) in [
            ("policy", "policy \"Professional Challenge and Escalation\""),
            ("board", "board \"Halton Safeguarding Adults Board\" (HSAB)"),
        ] {
            // A board named for each group covered is a board.
            let named = seen.contains_key(word)
                || (word == "board"
                    && (seen.contains_key("board for adults")
                        || seen.contains_key("board for children")));
            if !named {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::MissingHeader,
                        Span::new(first_span.start, first_span.start),
                        format!("the policy has no `{word}` line"),
                    )
                    .with_help(format!(
                        "Every policy names itself and its board at the top of the file, for example `{example}`."
                    )),
                );
            }
        }
        if !seen.contains_key("concern raised by") {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::RaiserUnstated,
                    Span::new(first_span.start, first_span.start),
                    "the policy does not say who raises a concern",
                )
                .with_help("Add a line such as `concern raised by practitioner`, so that ladder can check that every outcome is shared with them."),
            );
        }
        self.header = header;
    }

    pub(super) fn date(&mut self, date: &ast::Date) -> Option<PolicyDate> {
        let invalid = |this: &mut Self, what: String| {
            this.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, date.span, what)
                    .with_help("Write a date that exists, such as `30 April 2025`, `April 2025` or `2025-04-30`."),
            );
            None
        };
        match (date.month, date.day) {
            (Some(month), Some(day)) => match NaiveDate::from_ymd_opt(date.year, month, day) {
                Some(d) => Some(PolicyDate {
                    first: d,
                    last: d,
                    precision: Precision::Day,
                    span: date.span,
                }),
                None => invalid(self, date_problem(date)),
            },
            (Some(month), None) => {
                let first = NaiveDate::from_ymd_opt(date.year, month, 1);
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(date.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(date.year, month + 1, 1)
                };
                match (first, next.and_then(|n| n.pred_opt())) {
                    (Some(first), Some(last)) => Some(PolicyDate {
                        first,
                        last,
                        precision: Precision::Month,
                        span: date.span,
                    }),
                    _ => invalid(self, date_problem(date)),
                }
            }
            _ => match (
                NaiveDate::from_ymd_opt(date.year, 1, 1),
                NaiveDate::from_ymd_opt(date.year, 12, 31),
            ) {
                (Some(first), Some(last)) => Some(PolicyDate {
                    first,
                    last,
                    precision: Precision::Year,
                    span: date.span,
                }),
                _ => invalid(self, format!("{} is not a year ladder can use", date.year)),
            },
        }
    }

    pub(super) fn division(&mut self, name: &Ident) -> Option<Division> {
        if let Some(d) = Division::from_name(&name.text.to_lowercase()) {
            return Some(d);
        }
        let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
        let mut diagnostic = Diagnostic::new(
            Code::InvalidValue,
            name.span,
            format!(
                "`{}` is not a bank-holiday calendar ladder knows",
                name.text
            ),
        );
        diagnostic = match did_you_mean(&name.text, names.iter().copied()) {
            Some(best) => diagnostic.with_primary_label(format!("did you mean `{best}`?")),
            None => diagnostic,
        };
        self.diagnostics.push(diagnostic.with_help(format!(
            "The calendars are {}.",
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        )));
        None
    }
}

fn header_word(kind: &HeaderKind) -> &'static str {
    match kind {
        HeaderKind::Policy(_) => "policy",
        HeaderKind::Board { scope: None, .. } => "board",
        HeaderKind::Board {
            scope: Some(Scope::Adults),
            ..
        } => "board for adults",
        HeaderKind::Board {
            scope: Some(Scope::Children),
            ..
        } => "board for children",
        HeaderKind::Covers(_) => "covers",
        HeaderKind::Version(_) => "version",
        HeaderKind::Adopted(_) => "adopted",
        HeaderKind::Updated(_) => "updated",
        HeaderKind::Review(_) | HeaderKind::ReviewPeriod(_) => "review",
        HeaderKind::Days(_) => "days are",
        HeaderKind::DayOne(_) => "day 1 is",
        HeaderKind::Holidays(_) => "holidays",
        HeaderKind::Contact { .. } => "contact",
        HeaderKind::Source { .. } => "source",
        HeaderKind::RaisedBy(_) => "concern raised by",
        HeaderKind::StagesCalled(_) => "stages are called",
    }
}

/// What is wrong with a date that does not exist, in the user's terms: a
/// month past 12 is named by its number, never put back into a date
/// ("1 month 13 2025 is not a date" read as garbled).
fn date_problem(date: &ast::Date) -> String {
    let month = date
        .month
        .and_then(|m| crate::calendar::MONTH_NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?));
    match (month, date.month, date.day) {
        (None, Some(m), _) => format!("there is no month {m}: a year has 12 months"),
        (Some(name), _, Some(day)) => format!("{day} {name} {} is not a date", date.year),
        _ => format!("the year {} is not one ladder can use", date.year),
    }
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Header(h) => h.span,
        Item::Actor(d) | Item::Record(d) => d.span,
        Item::Form(f) => f.span,
        Item::EveryStage(e) => e.span,
        Item::Stage(s) => s.span,
        Item::Rule(r) => r.span,
        Item::Procedure(p) => p.span,
        Item::Note(t) => t.span,
        Item::Overall(o) => o.span,
        Item::Phase(p) => p.span,
    }
}
