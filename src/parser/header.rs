//! Builders for the policy's header and its declarations: review periods,
//! dates, forms, actors and records and whom they are for. The header lines
//! themselves are dispatched from `Builder::item` in `mod.rs`.

use pest::iterators::Pair;

use super::{Builder, Rule, children, has_keyword, ident, span_of, string};
use crate::ast::*;

impl Builder<'_> {
    /// `every 2 years` or `within 18 months of adoption`.
    pub(super) fn review_period(&mut self, pair: Pair<'_, Rule>) -> Option<ReviewPeriod> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let every = inner.as_rule() == Rule::review_every;
        let mut period = ReviewPeriod {
            every,
            amount: 0,
            unit: PeriodUnit::Years,
            anchor: None,
            span,
        };
        for part in children(inner) {
            match part.as_rule() {
                Rule::number => period.amount = self.number(part)?,
                Rule::period_unit
                    if has_keyword(&part, Rule::kw_months)
                        || has_keyword(&part, Rule::kw_month) =>
                {
                    period.unit = PeriodUnit::Months;
                }
                Rule::review_anchor => {
                    period.anchor = Some(if has_keyword(&part, Rule::kw_of_adoption) {
                        ReviewAnchor::Adoption
                    } else {
                        ReviewAnchor::LastUpdate
                    });
                }
                _ => {}
            }
        }
        Some(period)
    }

    pub(super) fn first_text(pair: Pair<'_, Rule>) -> Option<Text> {
        children(pair)
            .find(|p| p.as_rule() == Rule::string)
            .map(string)
    }

    pub(super) fn first_date(pair: Pair<'_, Rule>) -> Option<Date> {
        let date = children(pair).find(|p| p.as_rule() == Rule::date)?;
        Self::date(date)
    }

    pub(super) fn date(pair: Pair<'_, Rule>) -> Option<Date> {
        let span = span_of(&pair);
        let inner = children(pair).next()?;
        let mut date = Date {
            year: 0,
            month: None,
            day: None,
            span,
        };
        match inner.as_rule() {
            Rule::iso_date => {
                let text = inner.as_str();
                date.year = text.get(0..4)?.parse().ok()?;
                date.month = text.get(5..7)?.parse().ok();
                date.day = text.get(8..10)?.parse().ok();
            }
            Rule::day_month_year | Rule::month_year | Rule::year => {
                let parts: Vec<Pair<'_, Rule>> = if inner.as_rule() == Rule::year {
                    vec![inner]
                } else {
                    children(inner).collect()
                };
                for part in parts {
                    match part.as_rule() {
                        Rule::digits => date.day = part.as_str().parse().ok().or(Some(0)),
                        Rule::month => date.month = month_number(part.as_str()),
                        Rule::year => date.year = part.as_str().parse().ok()?,
                        _ => {}
                    }
                }
            }
            _ => return None,
        }
        Some(date)
    }

    pub(super) fn form_decl(pair: Pair<'_, Rule>) -> Option<Form> {
        let span = span_of(&pair);
        let mut inner = children(pair);
        let name = ident(inner.next()?);
        let title = string(inner.next()?);
        let mut form = Form {
            name,
            title,
            fields: Vec::new(),
            send_to: Vec::new(),
            cites: Vec::new(),
            notes: Vec::new(),
            span,
        };
        for child in inner {
            match child.as_rule() {
                Rule::field_decl => form.fields.extend(children(child).next().map(string)),
                Rule::send_to_decl => {
                    if let Some(target) = children(child).next() {
                        form.send_to.push(if target.as_rule() == Rule::string {
                            SendTo::Address(string(target))
                        } else {
                            SendTo::Actor(ident(target))
                        });
                    }
                }
                Rule::cites_decl => form.cites.extend(children(child).next().map(string)),
                Rule::note_decl => form.notes.extend(children(child).next().map(string)),
                _ => {}
            }
        }
        Some(form)
    }
}

pub(super) fn decl(pair: Pair<'_, Rule>) -> Option<Decl> {
    let span = span_of(&pair);
    let mut inner = children(pair);
    let name = ident(inner.next()?);
    let description = string(inner.next()?);
    let scope = inner.next().and_then(|p| for_scope(&p));
    Some(Decl {
        name,
        description,
        scope,
        span,
    })
}

/// `for adults` or `for children`.
pub(super) fn for_scope(pair: &Pair<'_, Rule>) -> Option<Scope> {
    let scope = pair
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::scope)?;
    Some(if has_keyword(&scope, Rule::kw_children) {
        Scope::Children
    } else {
        Scope::Adults
    })
}

pub(super) fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}
