//! Codes: L041 L042 L043. Time limits compared along each escalation, by
//! day number: the stage escalated to must not have to start before the
//! stage it comes from may conclude (L041), nor conclude before it (L042),
//! nor leave days between them that nobody owns (L043), whose fix is
//! checked against the stages around it (`gap_fix.rs`). What day numbers
//! cannot settle is handed to `dates.rs` as `Pending`, through `time.rs`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;

use super::gap_fix;
use super::time::{Context, Latest, Rule, Timing, When};

/// Every escalation compared, by the indices of `timings`: what the help
/// of a gap (L043) needs to check its fix against.
pub(super) struct Ladder<'a, 'p> {
    pub(super) timings: &'a [Timing<'p>],
    /// The stages escalating to each stage.
    pub(super) into: Vec<Vec<usize>>,
    /// The stages each stage escalates to.
    pub(super) out_of: Vec<Vec<usize>>,
}

impl Ladder<'_, '_> {
    /// The stages around the escalation from `i` to `j`, with the days a
    /// fix of a gap between them must respect.
    fn around(&self, i: usize, j: usize) -> gap_fix::Around<'_> {
        // The stage's conclusion, or its start.
        let other = |k: usize, conclusion: bool| {
            let t = self.timings.get(k)?;
            let when = if conclusion { &t.conclude } else { &t.start };
            let day = match when.as_ref()? {
                When::Day(latest) => Some(latest.day),
                When::Dated(_) => None,
            };
            Some(gap_fix::Other {
                label: t.stage.label.as_str(),
                day,
            })
        };
        let list = |ks: Option<&Vec<usize>>| ks.map_or(&[][..], Vec::as_slice).to_vec();
        gap_fix::Around {
            also_into: list(self.into.get(j))
                .into_iter()
                .filter(|&k| k != i)
                .filter_map(|k| other(k, true))
                .collect(),
            starts_after: list(self.out_of.get(i))
                .into_iter()
                .filter(|&k| k != j)
                .filter_map(|k| other(k, false))
                .collect(),
            concludes_after: list(self.out_of.get(i))
                .into_iter()
                .filter_map(|k| other(k, true))
                .collect(),
        }
    }
}

/// Compares a stage with the stage its escalation goes to.
pub(super) fn between<'p>(
    (i, from): (usize, &Timing<'p>),
    (j, to): (usize, &Timing<'p>),
    ladder: &Ladder<'_, 'p>,
    cx: &mut Context<'_, 'p>,
) {
    let Some(prev_end_when) = &from.conclude else {
        return;
    };
    if let Some(next_start) = &to.start {
        match (prev_end_when, next_start) {
            (When::Day(prev_end), When::Day(next_start)) => {
                let around = ladder.around(i, j);
                starts_after(from, to, *prev_end, *next_start, &around, cx.out);
            }
            _ => cx.defer(
                Rule::Start { from: i, to: j },
                &[(prev_end_when, from.stage), (next_start, to.stage)],
            ),
        }
    }
    if let Some(next_end) = &to.conclude {
        match (prev_end_when, next_end) {
            (When::Day(prev_end), When::Day(next_end)) => {
                concludes_after(from, to, *prev_end, *next_end, cx.out);
            }
            _ => cx.defer(
                Rule::Conclude { from: i, to: j },
                &[(prev_end_when, from.stage), (next_end, to.stage)],
            ),
        }
    }
}

/// The stage escalated to must start no earlier than the one before may
/// conclude, and no later than the day after.
fn starts_after(
    from: &Timing<'_>,
    to: &Timing<'_>,
    prev_end: Latest,
    next_start: Latest,
    around: &gap_fix::Around<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if next_start.day < prev_end.day {
        out.push(
                Diagnostic::new(
                    Code::OverlappingWindows,
                    next_start.span,
                    format!(
                        "{} must start by day {} but {} may run until day {}",
                        to.stage.label, next_start.day, from.stage.label, prev_end.day
                    ),
                )
                .with_primary_label(format!("starts by day {}", next_start.day))
                .with_label(prev_end.span, format!("{} may run until day {}", from.stage.label, prev_end.day))
                .with_help(format!(
                    "An escalation reaches {0} only when {1} has not resolved it. Give {2} until day {3} to start (`start no later than day {3}`), or conclude {4} by day {5}.",
                    to.stage.label, from.stage.label, to.stage.label, prev_end.day, from.stage.label, next_start.day
                )),
            );
    } else if next_start.day > prev_end.day {
        // The days after the previous stage must conclude, up to the day
        // the next need only start by: Halton's day 14 to day 16 leaves days
        // 15 and 16 unowned, the "two-day gap" of the source's own reading.
        let first = prev_end.day + 1;
        let days = if first == next_start.day {
            format!("day {first}")
        } else {
            format!("days {first} to {}", next_start.day)
        };
        out.push(
            Diagnostic::new(
                Code::OwnershipGap,
                next_start.span,
                format!(
                    "nobody owns the escalation on {days}, between {} and {}",
                    from.stage.label, to.stage.label
                ),
            )
            .with_primary_label(format!(
                "{} need only start by day {}",
                to.stage.label, next_start.day
            ))
            .with_label(
                prev_end.span,
                format!("{} concludes by day {}", from.stage.label, prev_end.day),
            )
            .with_help(gap_fix::help(
                &from.stage.label,
                &to.stage.label,
                prev_end.day,
                next_start.day,
                around,
            )),
        );
    }
}

/// The stage escalated to must not have to conclude before the one before.
fn concludes_after(
    from: &Timing<'_>,
    to: &Timing<'_>,
    prev_end: Latest,
    next_end: Latest,
    out: &mut Vec<Diagnostic>,
) {
    if next_end.day < prev_end.day {
        out.push(
                Diagnostic::new(
                    Code::DeadlinesNotIncreasing,
                    next_end.span,
                    format!(
                        "{} must conclude by day {}, before {} must conclude on day {}",
                        to.stage.label, next_end.day, from.stage.label, prev_end.day
                    ),
                )
                .with_primary_label(format!("concludes by day {}", next_end.day))
                .with_label(prev_end.span, format!("{} concludes by day {}", from.stage.label, prev_end.day))
                .with_help("Each stage of escalation must be allowed to conclude later than the one before it. Check the days against the source document."),
            );
    }
}
