//! What applies at a stage only while a condition holds (`if "..." { ... }`).

use super::{Counterpart, Duty};
use crate::span::Span;

/// `if "a care provider is involved" { ... }`: leads, counterparts and
/// duties that apply only while the condition holds. Nothing in it is part
/// of the stage's ordinary course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    /// Who leads while the condition holds (`led by` in the block); `None`
    /// when the block leaves the stage's leads as they are.
    pub leads: Option<Vec<String>>,
    pub leads_either: bool,
    /// Whom the concern is taken up with while the condition holds (`with`,
    /// alone or after `led by`); `None` when unchanged.
    pub counterparts: Option<Vec<Counterpart>>,
    pub counterparts_either: bool,
    /// Duties done, in addition to the stage's, while the condition holds.
    pub duties: Vec<Duty>,
    pub span: Span,
}
