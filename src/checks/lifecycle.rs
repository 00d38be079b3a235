//! Codes: L060 L061 L062 L063. Adoption and review dates (L066, a review
//! period with no date to count from, is reported when lowering).
//!
//! A date written at month or year precision covers the whole month or year:
//! "review April 2025" is overdue from 1 May 2025, not from 1 April. That is
//! how a board reads its own review date. For the same reason the warning
//! that a review is coming (L063) counts the days to the last day the date
//! covers.
//!
//! A review period (`review every 2 years`) was turned into its due date
//! when the policy was lowered; the messages name the period and the date
//! it counts from, so that the board sees where the date comes from.

use chrono::NaiveDate;

use super::Options;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Policy, PolicyDate, Precision, ReviewAnchor};

pub(super) fn check(policy: &Policy, options: &Options, out: &mut Vec<Diagnostic>) {
    let today = options.today;
    let header = &policy.header;
    let Some(review) = &header.review else {
        if header.review_period.is_some() {
            // The period could not be dated: L066 said so when lowering.
            return;
        }
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
                    review_words(policy),
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
                    review_words(policy),
                    plural(days, "day"),
                    today.format("%-d %B %Y")
                ),
            )
            .with_primary_label("due for review")
            .with_help(if header.review_period.is_some() {
                "Review the procedure with the board, then update `updated` to the date of the review: the next review date is counted from it."
            } else {
                "Review the procedure with the board, then update `review` (and `updated`) to the new dates."
            }),
        );
    } else if options.review_warning_days > 0
        && (review.last - today).num_days() <= i64::from(options.review_warning_days)
    {
        due_soon(policy, review, today, out);
    }
}

/// L063: the review falls due within the warning period.
fn due_soon(policy: &Policy, review: &PolicyDate, today: NaiveDate, out: &mut Vec<Diagnostic>) {
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
                review_words(policy),
                today.format("%-d %B %Y")
            ),
        )
        .with_primary_label("review due soon")
        .with_help(if policy.header.review_period.is_some() {
            "Book the review into the board's schedule. Once the board has agreed the reviewed procedure, update `updated` to the date it was agreed: the next review date is counted from it."
        } else {
            "Book the review into the board's schedule. Once the board has agreed the reviewed procedure, update `review` to the next review date."
        }),
    );
}

/// The review date as the policy gives it: `April 2025`, or with the
/// period it was computed from: `March 2023 (every 2 years from the last
/// update, March 2021)`.
fn review_words(policy: &Policy) -> String {
    let header = &policy.header;
    let Some(review) = &header.review else {
        return String::new();
    };
    let due = written(review);
    let Some(period) = &header.review_period else {
        return due;
    };
    let (what, from) = match period.from {
        ReviewAnchor::Adoption => ("adoption", header.adopted.as_ref()),
        ReviewAnchor::LastUpdate => ("the last update", header.updated.as_ref()),
    };
    let from = from.map_or(String::new(), |d| format!(", {}", written(d)));
    if period.every {
        format!("{due} ({} from {what}{from})", period.describe())
    } else {
        format!("{due} ({}{from})", period.describe())
    }
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
