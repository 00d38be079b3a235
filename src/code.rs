//! The catalogue of diagnostic codes.
//!
//! A code is a promise: once published it keeps its meaning, and a retired
//! code is never reused. Each code has a default severity, a short slug
//! (used in fixture file names and documentation anchors) and a one-line
//! title. `docs/diagnostics.md` has one section per code, and the test suite
//! fails when a code lacks its section or its fixture in `tests/ui/`.

use std::fmt;

use crate::diagnostic::Severity;

macro_rules! codes {
    ($($variant:ident = $code:literal, $slug:literal, $severity:ident, $title:literal;)*) => {
        /// Every diagnostic code ladder can report.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $title] $variant,)*
        }

        impl Code {
            /// All codes, in the order of the documentation.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code, such as `L020`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A short kebab-case name, such as `unknown-name`.
            #[must_use]
            pub fn slug(self) -> &'static str {
                match self { $(Code::$variant => $slug,)* }
            }

            /// The severity the code has unless the user raises it.
            #[must_use]
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// A one-line title for listings and SARIF rules.
            #[must_use]
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    Syntax = "L001", "syntax-error", Error, "The text does not follow the ladder language";
    PastedCharacter = "L002", "pasted-character", Error, "A character pasted from a word processor";
    InvalidValue = "L003", "invalid-value", Error, "A date, number or calendar name that is not valid";
    MissingHeader = "L010", "missing-header", Error, "The policy's title or board is not stated";
    RepeatedHeader = "L011", "given-twice", Error, "A line that may appear only once is given twice";
    DayCountingUnstated = "L012", "day-counting-unstated", Error, "Day numbers are used but the policy does not say how days are counted";
    HolidaysUnstated = "L013", "holidays-unstated", Error, "Working days are used but no bank-holiday calendar is named";
    RaiserUnstated = "L014", "raiser-unstated", Warning, "The policy does not say who raises a concern";
    BadAnchor = "L015", "bad-anchor", Error, "A time limit counted from something that is not there or does not come before it";
    HolidaysElsewhere = "L016", "holidays-elsewhere", Advice, "The bank holidays counted are not those of the part of the UK the board seems to be in";
    UnknownName = "L020", "unknown-name", Error, "A name that is not defined";
    DuplicateDefinition = "L021", "duplicate-definition", Error, "A name defined twice";
    DuplicateStageNumber = "L022", "duplicate-stage-number", Error, "Two stages with the same number";
    StageNumbering = "L023", "stage-numbering", Error, "Stage numbers out of order or with a gap";
    Unused = "L024", "unused-definition", Warning, "An actor, record or form that nothing uses";
    ScopeNotCovered = "L027", "scope-not-covered", Error, "A role, board or contact for people the policy does not cover";
    ScopeIncomplete = "L028", "scope-incomplete", Warning, "A role or board named for some of the people the policy covers but not all";
    Unreachable = "L030", "unreachable-stage", Error, "A stage that no escalation can reach";
    NoWayToEnd = "L031", "no-way-to-end", Error, "A stage from which no end can be reached";
    DeadEnd = "L032", "dead-end", Error, "A stage with no outcome";
    EscalationCycle = "L033", "escalation-cycle", Error, "Escalation that can go round in a circle";
    EmptyRule = "L034", "rule-without-effect", Warning, "An exception rule that changes nothing";
    ExceptionOnly = "L035", "reached-only-by-exception", Warning, "A stage the ordinary escalation never reaches, only an exception rule";
    NoResolvedOutcome = "L036", "no-resolved-outcome", Warning, "A stage whose every outcome escalates, with no `resolved:` line";
    SmallPanel = "L037", "small-panel", Warning, "A panel that may be a single agency";
    NoStepUp = "L038", "no-step-up", Advice, "An escalation to a stage led by the same roles";
    PhaseOverlap = "L039", "phase-overlap", Error, "Phases that overlap, or a phase that runs backwards";
    InvertedWindow = "L040", "inverted-window", Error, "A stage that must conclude before it may start";
    OverlappingWindows = "L041", "overlapping-windows", Error, "A stage that must start before the previous one may conclude";
    DeadlinesNotIncreasing = "L042", "deadlines-not-increasing", Error, "A stage whose deadline is earlier than the previous stage's";
    OwnershipGap = "L043", "ownership-gap", Warning, "Days between two stages when nobody owns the escalation";
    UntimedStage = "L044", "untimed-stage", Warning, "A stage with no timescale";
    NotCompared = "L045", "not-compared", Advice, "Two time limits in different units that were not compared";
    DutyAfterStage = "L046", "duty-after-stage", Warning, "A timed duty that falls due after its stage must conclude";
    UnitsDisagree = "L047", "units-disagree", Warning, "One limit written in two units that give different dates";
    OverallExceeded = "L048", "overall-limit-exceeded", Warning, "The stages' windows run past the limit for the whole procedure";
    DutyBeforeStage = "L049", "duty-before-stage", Warning, "A timed duty that falls due before its stage may start";
    NoRecording = "L050", "no-recording-duty", Warning, "A stage where nothing must be recorded";
    EndNotRecorded = "L051", "end-not-recorded", Warning, "An end whose outcome is never recorded";
    EndNotShared = "L052", "end-not-shared", Warning, "An end whose outcome is never shared with the person who raised the concern";
    OwnUnclear = "L053", "whose-own-unclear", Warning, "An `own` role where nothing says whose it is";
    ReviewOverdue = "L060", "review-overdue", Warning, "The review date has passed";
    ReviewBeforeAdoption = "L061", "review-before-adoption", Error, "The review date is before the adoption date";
    NoReviewDate = "L062", "no-review-date", Warning, "The policy has no review date";
    ReviewDueSoon = "L063", "review-due-soon", Warning, "The review date falls due soon";
    ReviewPeriodUndated = "L066", "review-period-undated", Warning, "A review period with no date to count it from";
    StaleAcceptance = "L070", "stale-acceptance", Warning, "An acceptance that matches no finding";
    InvalidAcceptance = "L071", "invalid-acceptance", Error, "An acceptance that cannot be: of an error, of no known code, or without a reason";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// Finds a code by its text (`L020`, `l020`) or its slug (`unknown-name`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text) || code.slug() == text)
    }
}
