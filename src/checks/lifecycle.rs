//! Codes: L060 L061 L062 L063. Adoption and review dates.
//!
//! A date written at month or year precision covers the whole month or year:
//! "review April 2025" is overdue from 1 May 2025, not from 1 April. That is
//! how a board reads its own review date. For the same reason the warning
//! that a review is coming (L063) counts the days to the last day the date
//! covers.

use chrono::NaiveDate;

use super::Options;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Policy, PolicyDate, Precision};

pub(super) fn check(policy: &Policy, options: &Options, out: &mut Vec<Diagnostic>) {
    let today = options.today;
    let header = &policy.header;
    let Some(review) = &header.review else {
        out.push(
            Diagnostic::new(Code::NoReviewDate, header.span, "the policy has no review date")
                .with_help("Add the date the board agreed to review the procedure by, for example `review April 2027`, so that ladder can warn when it passes."),
        );
        return;
    };
    if let Some(adopted) = &header.adopted
        && review.last < adopted.first
    {
        out.push(
            Diagnostic::new(
                Code::ReviewBeforeAdoption,
                review.span,
                format!(
                    "the review date, {}, is before the policy was adopted, {}",
                    written(review),
                    written(adopted)
                ),
            )
            .with_primary_label("review")
            .with_label(adopted.span, "adopted")
            .with_help(
                "Check both dates against the board's minutes; one of them is probably mistyped.",
            ),
        );
    }
    if review.last < today {
        let days = (today - review.last).num_days();
        out.push(
            Diagnostic::new(
                Code::ReviewOverdue,
                review.span,
                format!(
                    "the review date, {}, passed {} ago (today is {})",
                    written(review),
                    plural(days, "day"),
                    today.format("%-d %B %Y")
                ),
            )
            .with_primary_label("due for review")
            .with_help("Review the procedure with the board, then update `review` (and `updated`) to the new dates."),
        );
    } else if options.review_warning_days > 0
        && (review.last - today).num_days() <= i64::from(options.review_warning_days)
    {
        due_soon(review, today, out);
    }
}

/// L063: the review falls due within the warning period.
fn due_soon(review: &PolicyDate, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let days = (review.last - today).num_days();
    let when = match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        _ => format!("in {}", plural(days, "day")),
    };
    let by = match review.precision {
        Precision::Day => String::new(),
        _ => format!(", on {}", review.last.format("%-d %B %Y")),
    };
    out.push(
        Diagnostic::new(
            Code::ReviewDueSoon,
            review.span,
            format!(
                "the review date, {}, falls due {when}{by} (today is {})",
                written(review),
                today.format("%-d %B %Y")
            ),
        )
        .with_primary_label("review due soon")
        .with_help("Book the review into the board's schedule. Once the board has agreed the reviewed procedure, update `review` to the next review date."),
    );
}

fn written(date: &PolicyDate) -> String {
    match date.precision {
        Precision::Day => date.first.format("%-d %B %Y").to_string(),
        Precision::Month => date.first.format("%B %Y").to_string(),
        Precision::Year => date.first.format("%Y").to_string(),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
