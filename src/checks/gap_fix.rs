//! The fix offered in the help of a gap (L043), checked before it is
//! offered.
//!
//! The plain fix for days nobody owns between two stages is to let the
//! stage escalated to start as soon as the one before must conclude. But
//! when another stage escalates to the same stage and may run later, that
//! fix makes the stage start before the other may conclude: an overlap
//! (L041), an error where there was a warning. So each fix is tried against
//! the stages around the escalation first: start the next stage sooner;
//! failing that, let the stage before conclude later; failing both, say why
//! no simple fix exists. Only day numbers are compared here; a neighbour
//! whose day depends on the date the concern arose blocks a fix, because
//! ladder cannot say it works.

/// A stage around the escalation, with the day that a fix must respect;
/// `None` when that day depends on the date the concern arose.
pub(super) struct Other<'a> {
    pub label: &'a str,
    pub day: Option<u32>,
}

/// The stages around an escalation from `from` to `to` with a gap.
pub(super) struct Around<'a> {
    /// The other stages that escalate to `to`, with their conclusion.
    pub also_into: Vec<Other<'a>>,
    /// The other stages `from` escalates to, with their start.
    pub starts_after: Vec<Other<'a>>,
    /// Every stage `from` escalates to, `to` included, with its conclusion.
    pub concludes_after: Vec<Other<'a>>,
}

/// The help of a gap between `from`, which concludes by day `prev_end`, and
/// `to`, which need only start by day `next_start`.
pub(super) fn help(
    from: &str,
    to: &str,
    prev_end: u32,
    next_start: u32,
    around: &Around<'_>,
) -> String {
    let keep = "If the source document allows this gap, this warning records it.";
    // Starting `to` by `prev_end` overlaps any other stage escalating to it
    // that may run later.
    let Some(overlap) = around
        .also_into
        .iter()
        .find(|o| o.day.is_none_or(|d| d > prev_end))
    else {
        return format!(
            "{keep} Otherwise let {to} start no later than day {prev_end}, the last day of {from}."
        );
    };
    let cannot_start = match overlap.day {
        Some(day) => format!(
            "{to} cannot start sooner, because {} also escalates to it and may run until day {day}",
            overlap.label
        ),
        None => format!(
            "{to} cannot safely start sooner, because {} also escalates to it and when it concludes depends on the date the concern arose",
            overlap.label
        ),
    };
    // Concluding `from` by `next_start` must leave every stage it escalates
    // to starting and concluding no earlier.
    let blocked = around
        .starts_after
        .iter()
        .map(|o| (o, "start"))
        .chain(around.concludes_after.iter().map(|o| (o, "conclude")))
        .find(|(o, _)| o.day.is_none_or(|d| d < next_start));
    match blocked {
        None => format!(
            "{keep} Otherwise let {from} conclude no later than day {next_start}, when {to} must start: {cannot_start}."
        ),
        Some((other, what)) => {
            let cannot_conclude = match other.day {
                Some(day) => format!(
                    "{from} cannot conclude later, because it also escalates to {}, which must {what} by day {day}",
                    other.label
                ),
                None => format!(
                    "{from} cannot safely conclude later, because it also escalates to {}, whose days depend on the date the concern arose",
                    other.label
                ),
            };
            format!(
                "{keep} Otherwise check the days against the source document: no one change of day closes the gap without an overlap. {cannot_start}; {cannot_conclude}."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other(label: &str, day: u32) -> Other<'_> {
        Other {
            label,
            day: Some(day),
        }
    }

    #[test]
    fn the_plain_fix_when_nothing_else_escalates_there() {
        let around = Around {
            also_into: vec![other("Stage 2", 9)],
            starts_after: vec![],
            concludes_after: vec![other("Stage 4", 21)],
        };
        let help = help("Stage 3", "Stage 4", 14, 16, &around);
        assert!(help.ends_with("let Stage 4 start no later than day 14, the last day of Stage 3."));
    }

    #[test]
    fn concluding_later_when_starting_sooner_would_overlap() {
        let around = Around {
            also_into: vec![other("Stage 3", 15)],
            starts_after: vec![],
            concludes_after: vec![other("Stage 4", 20)],
        };
        let help = help("Stage 2", "Stage 4", 10, 15, &around);
        assert!(
            help.contains("let Stage 2 conclude no later than day 15"),
            "{help}"
        );
    }

    #[test]
    fn no_fix_when_both_would_overlap() {
        let around = Around {
            also_into: vec![other("Stage 3", 14)],
            starts_after: vec![other("Stage 3", 9)],
            concludes_after: vec![other("Stage 3", 14), other("Stage 4", 21)],
        };
        let help = help("Stage 2", "Stage 4", 9, 16, &around);
        assert!(help.contains("no one change of day"), "{help}");
        assert!(!help.contains("start no later than"), "{help}");
    }
}
