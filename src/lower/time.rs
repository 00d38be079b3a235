//! Lowering time limits: day numbers, durations and timescales in words
//! normalised into a `Limit` with a unit and an anchor, and each anchor
//! checked: the stage, meeting or duty a limit counts from must exist and
//! come earlier (L015). A limit that needs the policy's day counting or
//! bank-holiday calendar, where the header does not state it, is reported
//! here once; day counting is asked for only where a day number or a bare
//! "days" needs it (a policy in working days or hours alone needs none).

use super::Lowerer;
use crate::ast::{self, Words};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::span::Span;

/// What a limit is on, which decides what it may count from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum On {
    /// A stage's `start`.
    Start,
    /// A stage's `conclude`.
    Conclude,
    /// A duty's `within`.
    Duty,
    /// `all stages conclude ...`
    Overall,
    /// A route out of a stage: `unresolved: escalate to stage 3 within 1
    /// working day`, counted from the stage concluding unless it says.
    Route,
}

/// Where the lowerer is, for resolving what a limit counts from.
#[derive(Clone, Debug, Default)]
pub(super) struct Place {
    /// The stage being lowered: its key and its position in its ladder.
    pub stage: Option<(StageKey, usize)>,
    /// The stage has a `meet` duty or a panel.
    pub has_meeting: bool,
    /// A timed duty came before in the block being lowered.
    pub timed_before: bool,
}

impl Lowerer {
    /// Lowers one bound. `on` says what it limits; `self.place` says where.
    pub(super) fn bound(&mut self, b: &ast::Bound, hard: bool, on: On) -> Limit {
        match &b.kind {
            ast::BoundKind::On(day) | ast::BoundKind::By(day) => {
                let unit = self.policy_day_unit(day.span, "day numbers are", true);
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
                    words: None,
                    span: b.span,
                }
            }
            ast::BoundKind::Within(w) => self.within(w, hard, on),
            ast::BoundKind::Words(words) => self.words(words, b.span, hard, on),
        }
    }

    fn words(&mut self, words: &Words, span: Span, hard: bool, on: On) -> Limit {
        let (kind, text) = match words {
            Words::Immediately => (LimitKind::Immediately, None),
            Words::WithoutDelay => (LimitKind::WithoutDelay, None),
            Words::SameDay => (LimitKind::SameDay, None),
            Words::BeforeMeetingEnds => (LimitKind::BeforeMeetingEnds, None),
            Words::CaseByCase(t) => (LimitKind::CaseByCase, Some(t.text.clone())),
        };
        if kind == LimitKind::BeforeMeetingEnds {
            self.needs_meeting(span, on, "`before the meeting ends`");
        }
        Limit {
            kind,
            amount: 0,
            unit: DayUnit::CalendarDays,
            anchor: match on {
                On::Overall => Anchor::ConcernArising,
                _ => Anchor::Unstated,
            },
            hard,
            words: text,
            span,
        }
    }

    pub(super) fn within(&mut self, w: &ast::Within, hard: bool, on: On) -> Limit {
        let unit = match w.unit {
            ast::Unit::Hours => DayUnit::Hours,
            ast::Unit::CalendarDays => DayUnit::CalendarDays,
            ast::Unit::WorkingDays => DayUnit::WorkingDays,
            ast::Unit::Days => self.policy_day_unit(w.span, "a number of days is", false),
        };
        if unit == DayUnit::WorkingDays {
            self.needs_holidays(w.span);
        }
        let anchor = if w.further {
            self.further(w.span, on)
        } else {
            self.anchor(&w.anchor, w.span, on)
        };
        Limit {
            kind: LimitKind::Within,
            amount: w.amount,
            unit,
            anchor,
            hard,
            words: None,
            span: w.span,
        }
    }

    /// `within a further ...`: a duty after another timed duty.
    fn further(&mut self, span: Span, on: On) -> Anchor {
        if on != On::Duty {
            self.bad_anchor(
                span,
                "`a further` counts from the duty before, but this is not a duty",
                "On a stage's `start` or `conclude`, say what the time counts from, for example \
                 `within 5 working days of the previous stage concluding`.",
            );
        } else if !self.place.timed_before {
            self.bad_anchor(
                span,
                "`a further` counts from the timed duty before, but no duty before it in this block has a time limit",
                "Give the duty before a time limit, or say what this one counts from, for example \
                 `within 2 working days of the stage starting`.",
            );
        }
        Anchor::PreviousDuty
    }

    fn anchor(&mut self, anchor: &ast::Anchor, span: Span, on: On) -> Anchor {
        match anchor {
            ast::Anchor::Unstated if on == On::Overall => Anchor::ConcernArising,
            ast::Anchor::Unstated => Anchor::Unstated,
            ast::Anchor::StageStarting => {
                if on == On::Start {
                    self.bad_anchor(
                        span,
                        "a stage cannot start within a time of its own start",
                        "Count the start from the concern arising or from the stage before, for \
                         example `start within 1 working day of the previous stage ending unresolved`.",
                    );
                }
                Anchor::StageStarting
            }
            ast::Anchor::BeingNotified => Anchor::BeingNotified,
            ast::Anchor::ConcernArising => Anchor::ConcernArising,
            ast::Anchor::Meeting => {
                self.needs_meeting(span, on, "`of the meeting`");
                Anchor::Meeting
            }
            ast::Anchor::Stage { stage, event } => {
                self.stage_anchor(stage.as_ref(), *event, span, on)
            }
        }
    }

    fn stage_anchor(
        &mut self,
        stage: Option<&ast::StageRef>,
        event: StageEvent,
        span: Span,
        on: On,
    ) -> Anchor {
        let here = self.place.stage.clone();
        let procedure = here.as_ref().and_then(|(k, _)| k.procedure.clone());
        let (to, previous) = if let Some(r) = stage {
            (self.stage_ref(r, procedure.as_deref()), false)
        } else {
            let previous = match &here {
                Some((key, index)) if *index > 0 => self
                    .order(key.procedure.as_deref())
                    .get(index - 1)
                    .map(|id| StageKey {
                        procedure: key.procedure.clone(),
                        id: id.clone(),
                    }),
                _ => None,
            };
            if previous.is_none() {
                let word = if procedure.is_some() { "step" } else { "stage" };
                self.bad_anchor(
                    span,
                    format!("there is no previous {word} to count from"),
                    format!(
                        "This is the first {word}: count from the concern arising instead, for \
                             example `within 2 working days of the concern arising`."
                    ),
                );
            }
            (previous, true)
        };
        if let (Some(to), Some((key, index))) = (&to, &here)
            && to.procedure == key.procedure
            && let Some(position) = self.position(to)
        {
            // A duty may count from its own stage concluding (a letter
            // after the meeting); a stage's own window may count only from
            // its own start; a start only from a stage before it.
            let allowed = match on {
                On::Start => position < *index,
                On::Conclude => {
                    position < *index || (position == *index && event == StageEvent::Starting)
                }
                On::Duty | On::Overall | On::Route => position <= *index,
            };
            if !allowed {
                let label = self.stage_label(to);
                self.bad_anchor(
                    span,
                    format!("this counts from {label}, which does not come before it"),
                    "A time limit counts from something that has already happened: the concern \
                     arising, a stage before this one, or this stage starting. Point to an earlier \
                     stage.",
                );
            }
        }
        Anchor::Stage {
            to,
            event,
            previous,
        }
    }

    fn needs_meeting(&mut self, span: Span, on: On, what: &str) {
        if matches!(on, On::Start | On::Overall) || !self.place.has_meeting {
            self.bad_anchor(
                span,
                format!("{what} needs a meeting, but this stage has none"),
                "Add the meeting to the stage (`meet \"the managers of both agencies\"` or a `panel`), \
                 or count the time from the stage starting.",
            );
        }
    }

    fn bad_anchor(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.diagnostics.push(
            Diagnostic::new(Code::BadAnchor, span, message.into())
                .with_primary_label("counted from here")
                .with_help(help.into()),
        );
    }

    /// The policy's kind of day; reports once when the policy does not say
    /// how days are counted, and carries on as if calendar days. A day
    /// number needs both halves of the day counting (`with_day_one`); a
    /// bare number of days needs only `days are`.
    pub(super) fn policy_day_unit(
        &mut self,
        span: Span,
        what: &str,
        with_day_one: bool,
    ) -> DayUnit {
        let stated = self.header.day_kind;
        let no_day_one = with_day_one && self.header.day_one.is_none();
        if (stated.is_none() || no_day_one) && !self.day_counting_reported {
            self.day_counting_reported = true;
            // Say which half of the day counting is missing, and quote the
            // half that is there, so the fix is not a line already written.
            let kind = match stated {
                Some(DayUnit::WorkingDays) => "`days are working days`",
                _ => "`days are calendar days`",
            };
            let day_one = match self.header.day_one {
                Some(ast::DayOne::DayAfter) => "`day 1 is the day after the concern arose`",
                _ => "`day 1 is the day the concern arose`",
            };
            let (fix, why) = match (stated.is_none(), no_day_one) {
                (true, true) => (
                    "Add `days are calendar days` (or `days are working days`) and `day 1 is the day the concern arose` (or `day 1 is the day after the concern arose`) to the header.".to_owned(),
                    "which days count and which day is day 1",
                ),
                (true, false) if with_day_one => (
                    format!("The header says {day_one} but not which days are counted. Add `days are calendar days` or `days are working days`."),
                    "whether days are calendar days or working days",
                ),
                (true, false) => (
                    "Say which is meant: write the unit here (`calendar days` or `working days`), or add `days are calendar days` (or `days are working days`) to the header.".to_owned(),
                    "whether these are calendar days or working days",
                ),
                _ => (
                    format!("The header says {kind} but not which day is day 1. Add `day 1 is the day the concern arose` or `day 1 is the day after the concern arose`."),
                    "which day is day 1",
                ),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Code::DayCountingUnstated,
                    span,
                    format!("{what} used but the policy does not say {why}"),
                )
                .with_primary_label("this needs the policy's day counting")
                .with_help(format!(
                    "{fix} ladder does not guess: the same words give different dates under each reading."
                )),
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
