//! A review period (`review every 2 years`, `review within 18 months of
//! adoption`) turned into the date the review falls due, so that the review
//! checks, the site's pages and the JSON read one due date whichever way the
//! policy states it.
//!
//! `every` counts from the last update when the policy states one (a review
//! updates the policy), else from adoption; `within` counts from the date it
//! names. The period is added to the date at the date's own precision: a
//! review every 2 years from "April 2023" is due in April 2025 and overdue
//! from 1 May 2025, exactly as if `review April 2025` were written. A date
//! given as a year plus a period of months that is not whole years falls
//! due in the month the period ends counted from the year's last month:
//! "2015" and 18 months give June 2017.

use chrono::{Datelike, Months, NaiveDate};

use super::Lowerer;
use crate::ast;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{PolicyDate, PolicyHeader, Precision, ReviewAnchor, ReviewPeriod};

impl Lowerer {
    /// Sets `header.review_period`, and `header.review` to the due date
    /// when the date it counts from is stated.
    pub(super) fn review_period(&mut self, header: &mut PolicyHeader, period: &ast::ReviewPeriod) {
        if period.amount == 0 {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    period.span,
                    "a review period must be at least one month",
                )
                .with_help("Write how often the policy is reviewed, such as `review every 2 years`, or give the review date, such as `review April 2027`."),
            );
            return;
        }
        let from = match period.anchor {
            Some(anchor) => anchor,
            None if header.updated.is_some() => ReviewAnchor::LastUpdate,
            None => ReviewAnchor::Adoption,
        };
        let model = ReviewPeriod {
            every: period.every,
            amount: period.amount,
            unit: period.unit,
            from,
            span: period.span,
        };
        let base = match from {
            ReviewAnchor::Adoption => header.adopted.as_ref(),
            ReviewAnchor::LastUpdate => header.updated.as_ref(),
        };
        match base {
            Some(base) => match shift(base, model.months(), period.span) {
                Some(due) => header.review = Some(due),
                None => self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        period.span,
                        format!(
                            "`review {}` falls due after the last year ladder can use",
                            model.describe()
                        ),
                    )
                    .with_help("Check the period: a review is usually due within a few years."),
                ),
            },
            None => self.diagnostics.push(undated(&model)),
        }
        header.review_period = Some(model);
    }
}

/// L066: the date the period counts from is not stated.
fn undated(period: &ReviewPeriod) -> Diagnostic {
    let (missing, example) = match (period.every, period.from) {
        (true, _) => (
            "the policy states neither when it was adopted nor when it was last updated",
            "`adopted April 2023` or `updated March 2025`",
        ),
        (false, ReviewAnchor::Adoption) => (
            "the policy does not say when it was adopted",
            "`adopted April 2023`",
        ),
        (false, ReviewAnchor::LastUpdate) => (
            "the policy does not say when it was last updated",
            "`updated March 2025`",
        ),
    };
    Diagnostic::new(
        Code::ReviewPeriodUndated,
        period.span,
        format!(
            "ladder cannot tell when the review `{}` falls due: {missing}",
            period.describe()
        ),
    )
    .with_primary_label("no date to count from")
    .with_help(format!(
        "Add the date the period counts from, such as {example}, so that ladder can warn when the review is due. If the source document states none, this warning records that."
    ))
}

/// `date` moved on by `months`, at its own precision (see the module
/// documentation); `None` past the end of chrono's calendar.
fn shift(date: &PolicyDate, months: u32, span: crate::span::Span) -> Option<PolicyDate> {
    let months = Months::new(months);
    let month_of = |first: NaiveDate| -> Option<PolicyDate> {
        let next = first.checked_add_months(Months::new(1))?;
        Some(PolicyDate {
            first,
            last: next.pred_opt()?,
            precision: Precision::Month,
            span,
        })
    };
    match date.precision {
        Precision::Day => {
            let day = date.first.checked_add_months(months)?;
            Some(PolicyDate {
                first: day,
                last: day,
                precision: Precision::Day,
                span,
            })
        }
        Precision::Month => month_of(date.first.checked_add_months(months)?),
        Precision::Year if months.as_u32().is_multiple_of(12) => {
            let first = date.first.checked_add_months(months)?;
            Some(PolicyDate {
                first,
                last: NaiveDate::from_ymd_opt(first.year(), 12, 31)?,
                precision: Precision::Year,
                span,
            })
        }
        Precision::Year => {
            let december = NaiveDate::from_ymd_opt(date.first.year(), 12, 1)?;
            month_of(december.checked_add_months(months)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::shift;
    use crate::model::{PolicyDate, Precision};
    use crate::span::Span;

    fn date(first: (i32, u32, u32), last: (i32, u32, u32), precision: Precision) -> PolicyDate {
        PolicyDate {
            first: NaiveDate::from_ymd_opt(first.0, first.1, first.2).unwrap(),
            last: NaiveDate::from_ymd_opt(last.0, last.1, last.2).unwrap(),
            precision,
            span: Span::new(0, 0),
        }
    }

    #[test]
    fn a_period_keeps_the_precision_of_the_date_it_counts_from() {
        let span = Span::new(0, 0);
        // April 2023 and 2 years: April 2025, the whole month.
        let april = date((2023, 4, 1), (2023, 4, 30), Precision::Month);
        assert_eq!(
            shift(&april, 24, span),
            Some(date((2025, 4, 1), (2025, 4, 30), Precision::Month))
        );
        // February has fewer days: the last day is the month's own.
        let september = date((2022, 9, 1), (2022, 9, 30), Precision::Month);
        assert_eq!(
            shift(&september, 17, span),
            Some(date((2024, 2, 1), (2024, 2, 29), Precision::Month))
        );
        // 31 August 2023 and 6 months: 29 February 2024 (a leap year).
        let day = date((2023, 8, 31), (2023, 8, 31), Precision::Day);
        assert_eq!(
            shift(&day, 6, span),
            Some(date((2024, 2, 29), (2024, 2, 29), Precision::Day))
        );
        // 2015 and 2 years: 2017, the whole year.
        let year = date((2015, 1, 1), (2015, 12, 31), Precision::Year);
        assert_eq!(
            shift(&year, 24, span),
            Some(date((2017, 1, 1), (2017, 12, 31), Precision::Year))
        );
        // 2015 and 18 months: adopted as late as December 2015, so due by
        // June 2017.
        assert_eq!(
            shift(&year, 18, span),
            Some(date((2017, 6, 1), (2017, 6, 30), Precision::Month))
        );
    }
}
