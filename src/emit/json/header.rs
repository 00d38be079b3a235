//! The header and the declarations in the JSON document: title, board,
//! dates and review period, calendar, contacts, source document, and the
//! actors, records and forms a policy declares.

use serde::Serialize;

use super::limits::unit;
use super::{At, Builder};
use crate::ast::{DayOne, Scope};
use crate::model::{self, PeriodUnit, PolicyDate, Precision, ReviewAnchor, SendTo};

#[derive(Debug, Serialize)]
pub struct Header {
    pub title: Option<String>,
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// `board "..." for adults`: the board for one group covered.
    pub boards_by_scope: Vec<ScopedBoard>,
    pub scope: Vec<&'static str>,
    pub version: Option<String>,
    pub adopted: Option<Date>,
    pub updated: Option<Date>,
    /// The review date as written, or computed from `review_period`.
    pub review: Option<Date>,
    pub review_period: Option<ReviewPeriod>,
    pub calendar: Calendar,
    pub contacts: Vec<Contact>,
    pub source_document: Option<SourceDocument>,
    pub concern_raised_by: Option<String>,
    pub stage_word: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Date {
    pub first: String,
    pub last: String,
    pub precision: &'static str,
    pub at: At,
}

/// `review every 2 years`, `review within 18 months of adoption`.
#[derive(Debug, Serialize)]
pub struct ReviewPeriod {
    /// `every` (the review repeats) or `within` (it falls due once).
    pub kind: &'static str,
    pub amount: u32,
    /// `years` or `months`.
    pub unit: &'static str,
    /// `adoption` or `last_update`: the date the due date was counted from.
    pub counted_from: &'static str,
    /// The period in the words of the language.
    pub text: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Calendar {
    /// `calendar_days` or `working_days`; null when the policy uses no day
    /// numbers and does not say.
    pub day_unit: Option<&'static str>,
    /// `day_concern_arose` or `day_after_concern_arose`.
    pub day_one: Option<&'static str>,
    /// `england-and-wales`, `scotland`, `northern-ireland` or `any-uk`.
    pub holidays: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Contact {
    pub address: String,
    pub kind: &'static str,
    pub purpose: Option<String>,
    /// `adults` or `children` for a contact that serves one group; null
    /// for everyone.
    pub scope: Option<&'static str>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct ScopedBoard {
    /// `adults` or `children`.
    pub scope: &'static str,
    pub name: String,
    pub short: Option<String>,
    pub at: At,
}

/// An actor: a role, described once for everyone, or once for each group
/// the policy covers (the same `name` then appears once per `scope`).
#[derive(Debug, Serialize)]
pub struct Actor {
    pub name: String,
    pub description: String,
    /// `adults` or `children`; null when the role is the same for everyone.
    pub scope: Option<&'static str>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct SourceDocument {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub description: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Form {
    pub name: String,
    pub title: String,
    pub fields: Vec<String>,
    pub send_to: Vec<Recipient>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    /// `address` or `actor`.
    pub kind: &'static str,
    pub value: String,
}

impl Builder<'_> {
    pub(super) fn header(&self, h: &model::PolicyHeader) -> Header {
        Header {
            title: h.title.clone(),
            board: h.board.clone(),
            board_short: h.board_short.clone(),
            boards_by_scope: h
                .scoped_boards
                .iter()
                .map(|b| ScopedBoard {
                    scope: scope_word(b.scope),
                    name: b.name.clone(),
                    short: b.short.clone(),
                    at: self.at(b.span),
                })
                .collect(),
            scope: h.scope.iter().copied().map(scope_word).collect(),
            version: h.version.clone(),
            adopted: h.adopted.as_ref().map(|d| self.date(d)),
            updated: h.updated.as_ref().map(|d| self.date(d)),
            review: h.review.as_ref().map(|d| self.date(d)),
            review_period: h.review_period.as_ref().map(|p| ReviewPeriod {
                kind: if p.every { "every" } else { "within" },
                amount: p.amount,
                unit: match p.unit {
                    PeriodUnit::Years => "years",
                    PeriodUnit::Months => "months",
                },
                counted_from: match p.from {
                    ReviewAnchor::Adoption => "adoption",
                    ReviewAnchor::LastUpdate => "last_update",
                },
                text: p.describe(),
                at: self.at(p.span),
            }),
            calendar: Calendar {
                day_unit: h.day_kind.map(unit),
                day_one: h.day_one.map(|d| match d {
                    DayOne::DayConcernArose => "day_concern_arose",
                    DayOne::DayAfter => "day_after_concern_arose",
                }),
                holidays: h.holidays.map(crate::calendar::Division::name),
            },
            contacts: h
                .contacts
                .iter()
                .map(|c| Contact {
                    address: c.address.clone(),
                    kind: c.kind().word(),
                    purpose: c.purpose.clone(),
                    scope: c.scope.map(scope_word),
                    at: self.at(c.span),
                })
                .collect(),
            source_document: h.source.as_ref().map(|s| SourceDocument {
                title: s.title.clone(),
                url: s.url.clone(),
            }),
            concern_raised_by: h.raised_by.clone(),
            stage_word: h.stage_word.clone(),
            at: self.at(h.span),
        }
    }

    pub(super) fn date(&self, d: &PolicyDate) -> Date {
        Date {
            first: d.first.format("%Y-%m-%d").to_string(),
            last: d.last.format("%Y-%m-%d").to_string(),
            precision: match d.precision {
                Precision::Day => "day",
                Precision::Month => "month",
                Precision::Year => "year",
            },
            at: self.at(d.span),
        }
    }

    pub(super) fn named(&self, n: &model::Named) -> Named {
        Named {
            name: n.name.clone(),
            description: n.description.clone(),
            at: self.at(n.span),
        }
    }

    pub(super) fn form(&self, f: &model::Form) -> Form {
        Form {
            name: f.name.clone(),
            title: f.title.clone(),
            fields: f.fields.clone(),
            send_to: f
                .send_to
                .iter()
                .map(|s| match s {
                    SendTo::Address(a) => Recipient {
                        kind: "address",
                        value: a.clone(),
                    },
                    SendTo::Actor(a) => Recipient {
                        kind: "actor",
                        value: a.clone(),
                    },
                })
                .collect(),
            cites: f.cites.clone(),
            notes: f.notes.clone(),
            at: self.at(f.span),
        }
    }
}

pub(super) fn scope_word(s: Scope) -> &'static str {
    match s {
        Scope::Adults => "adults",
        Scope::Children => "children",
    }
}
