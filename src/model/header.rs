//! The policy's header in the model: title, board and the boards for each
//! group covered, dates at their precision, the review period, the calendar
//! settings, contacts (with what kind of address each is) and the source
//! document.

use chrono::NaiveDate;

use super::{DayUnit, PeriodUnit, ReviewAnchor};
use crate::ast::{DayOne, Scope};
use crate::calendar::Division;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PolicyHeader {
    pub title: Option<String>,
    /// The board, when one board publishes the procedure for everyone it
    /// covers; `None` when the policy names a board for each group only.
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// `board "..." for adults`: the board for one group the policy covers,
    /// in file order.
    pub scoped_boards: Vec<ScopedBoard>,
    pub scope: Vec<Scope>,
    pub version: Option<String>,
    pub adopted: Option<PolicyDate>,
    pub updated: Option<PolicyDate>,
    /// The review date: as written, or computed from `review_period`.
    pub review: Option<PolicyDate>,
    /// `review every 2 years` or `review within 18 months of adoption`;
    /// `review` then holds the due date computed from it.
    pub review_period: Option<ReviewPeriod>,
    pub day_kind: Option<DayUnit>,
    pub day_one: Option<DayOne>,
    pub holidays: Option<Division>,
    /// The `board` line, where it is given.
    pub board_span: Option<Span>,
    /// The `holidays` line, where it is given.
    pub holidays_span: Option<Span>,
    pub contacts: Vec<Contact>,
    pub source: Option<Source>,
    pub raised_by: Option<String>,
    /// What the procedure calls its stages: "Stage", "Step", "Level".
    pub stage_word: String,
    pub span: Span,
}

/// A date at day, month or year precision, as the range of days it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyDate {
    /// The first day the date covers: 1 April 2025 for "April 2025".
    pub first: NaiveDate,
    /// The last day it covers: 30 April 2025 for "April 2025".
    pub last: NaiveDate,
    pub precision: Precision,
    pub span: Span,
}

/// A review period, with the date it was counted from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPeriod {
    /// `every`: the review repeats; `within`: it falls due once.
    pub every: bool,
    pub amount: u32,
    pub unit: PeriodUnit,
    /// What the period is counted from: for `every`, the last update when
    /// the policy states one, else adoption; for `within`, as written.
    pub from: ReviewAnchor,
    pub span: Span,
}

impl ReviewPeriod {
    /// The period in the words of the language: `every 2 years`,
    /// `within 18 months of adoption`.
    #[must_use]
    pub fn describe(&self) -> String {
        let unit = match (self.unit, self.amount) {
            (PeriodUnit::Years, 1) => "year",
            (PeriodUnit::Years, _) => "years",
            (PeriodUnit::Months, 1) => "month",
            (PeriodUnit::Months, _) => "months",
        };
        if self.every {
            format!("every {} {unit}", self.amount)
        } else {
            let anchor = match self.from {
                ReviewAnchor::Adoption => "adoption",
                ReviewAnchor::LastUpdate => "the last update",
            };
            format!("within {} {unit} of {anchor}", self.amount)
        }
    }

    /// The period in months.
    #[must_use]
    pub fn months(&self) -> u32 {
        match self.unit {
            PeriodUnit::Years => self.amount.saturating_mul(12),
            PeriodUnit::Months => self.amount,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub address: String,
    pub purpose: Option<String>,
    /// `for children`: the contact serves one group only.
    pub scope: Option<Scope>,
    pub span: Span,
}

/// `board "..." (SHORT) for adults`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopedBoard {
    pub scope: Scope,
    pub name: String,
    pub short: Option<String>,
    pub span: Span,
}

/// What a contact's address is, read from its shape, so that an engine
/// never e-mails a telephone number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
    Web,
    Other,
}

impl ContactKind {
    /// The word used in the JSON output.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Web => "web",
            ContactKind::Other => "other",
        }
    }
}

impl Contact {
    /// An e-mail address has one `@` and no spaces; a web address starts
    /// with `http://`, `https://` or `www.`; a telephone (or fax) number is
    /// digits with spaces, `+`, `-` and brackets, at least six digits.
    /// Anything else (a postal address, a team's name) is `Other`.
    #[must_use]
    pub fn kind(&self) -> ContactKind {
        let a = self.address.trim();
        let lower = a.to_ascii_lowercase();
        if a.matches('@').count() == 1 && !a.contains(char::is_whitespace) {
            ContactKind::Email
        } else if ["http://", "https://", "www."]
            .iter()
            .any(|p| lower.starts_with(p))
            && !a.contains(char::is_whitespace)
        {
            ContactKind::Web
        } else if a.chars().filter(char::is_ascii_digit).count() >= 6
            && a.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            ContactKind::Phone
        } else {
            ContactKind::Other
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::{Contact, ContactKind};
    use crate::span::Span;

    fn kind(address: &str) -> ContactKind {
        Contact {
            address: address.to_owned(),
            purpose: None,
            scope: None,
            span: Span::new(0, 0),
        }
        .kind()
    }

    #[test]
    fn contact_kinds_are_read_from_the_address() {
        // Addresses as the seed documents write them.
        assert_eq!(kind("HSAB@halton.gov.uk"), ContactKind::Email);
        assert_eq!(kind("020 8901 2680"), ContactKind::Phone);
        assert_eq!(kind("0800 023 4650"), ContactKind::Phone);
        assert_eq!(kind("+44 (0)20 8420-9453"), ContactKind::Phone);
        assert_eq!(
            kind("www.harrow.gov.uk/safeguardingadults"),
            ContactKind::Web
        );
        assert_eq!(kind("https://example.org"), ContactKind::Web);
        // Not enough digits for a number, or words: other.
        assert_eq!(kind("999"), ContactKind::Other);
        assert_eq!(kind("the Business Unit"), ContactKind::Other);
        assert_eq!(kind("a @ b"), ContactKind::Other);
    }
}
