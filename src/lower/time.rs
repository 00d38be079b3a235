//! Lowering time limits: day numbers and durations normalised into a
//! `Limit` with a unit and an anchor. A limit that needs the policy's day
//! counting or bank-holiday calendar, where the header does not state it,
//! is reported here once.

use super::Lowerer;
use crate::ast::{self, Anchor};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;

impl Lowerer {
    pub(super) fn bound(&mut self, b: &ast::Bound, hard: bool) -> Limit {
        match &b.kind {
            ast::BoundKind::On(day) | ast::BoundKind::By(day) => {
                let unit = self.policy_day_unit(day.span, "day numbers");
                Limit {
                    kind: if matches!(b.kind, ast::BoundKind::On(_)) {
                        LimitKind::On
                    } else {
                        LimitKind::By
                    },
                    amount: day.day,
                    unit,
                    anchor: Anchor::ConcernArising,
                    hard,
                    span: b.span,
                }
            }
            ast::BoundKind::Within(w) => self.within(w, hard),
        }
    }

    pub(super) fn within(&mut self, w: &ast::Within, hard: bool) -> Limit {
        let unit = match w.unit {
            ast::Unit::Hours => DayUnit::Hours,
            ast::Unit::CalendarDays => DayUnit::CalendarDays,
            ast::Unit::WorkingDays => DayUnit::WorkingDays,
            ast::Unit::Days => self.policy_day_unit(w.span, "a number of days"),
        };
        if unit == DayUnit::WorkingDays {
            self.needs_holidays(w.span);
        }
        if w.anchor == Anchor::ConcernArising {
            self.policy_day_unit(w.span, "a time counted from the concern arising");
        }
        Limit {
            kind: LimitKind::Within,
            amount: w.amount,
            unit,
            anchor: w.anchor,
            hard,
            span: w.span,
        }
    }

    /// The policy's kind of day; reports once when the policy does not say
    /// how days are counted, and carries on as if calendar days.
    pub(super) fn policy_day_unit(&mut self, span: Span, what: &str) -> DayUnit {
        let stated = self.header.day_kind;
        if (stated.is_none() || self.header.day_one.is_none()) && !self.day_counting_reported {
            self.day_counting_reported = true;
            let missing = match (stated.is_none(), self.header.day_one.is_none()) {
                (true, true) => {
                    "`days are calendar days` (or `working days`) and `day 1 is the day the concern arose`"
                }
                (true, false) => "`days are calendar days` (or `days are working days`)",
                _ => "`day 1 is the day the concern arose`",
            };
            self.diagnostics.push(
                Diagnostic::new(Code::DayCountingUnstated, span, format!("{what} are used but the policy does not say how days are counted"))
                    .with_primary_label("this needs the policy's day counting")
                    .with_help(format!("Add {missing} to the header. ladder does not guess: the same words give different dates under each reading.")),
            );
        }
        match stated {
            Some(DayUnit::WorkingDays) => {
                self.needs_holidays(span);
                DayUnit::WorkingDays
            }
            _ => DayUnit::CalendarDays,
        }
    }

    pub(super) fn needs_holidays(&mut self, span: Span) {
        if self.header.holidays.is_none() && !self.holidays_stated && !self.holidays_reported {
            self.holidays_reported = true;
            self.diagnostics.push(
                Diagnostic::new(Code::HolidaysUnstated, span, "working days are used but the policy names no bank-holiday calendar")
                    .with_primary_label("counted in working days")
                    .with_help("Add `holidays england-and-wales` (or `scotland`, `northern-ireland`, `any-uk`) to the header, so that working days skip the right bank holidays."),
            );
        }
    }
}
