//! The chart's key: what the chart draws (`Used`, which the Mermaid chart
//! reads too), and the key that lists those things only, each edge drawn
//! as the chart draws it.

use std::fmt::Write as _;

use super::{
    END_FILL, EXCEPTION, FOLLOW_FILL, OTHER, PHASE_FILL, REPEAT, RESOLVED, RULE_FILL, STAGE_FILL,
    STEP_FILL, UNRESOLVED,
};
use crate::emit::names::Names;
use crate::emit::summary;
use crate::model::{OutcomeWhen, Policy, Target};

/// What a chart draws, so that its key lists those things only.
#[derive(Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "one yes/no for each entry of the key"
)]
pub(in crate::emit) struct Used {
    pub phases: bool,
    pub steps: bool,
    pub ends: bool,
    pub follows: bool,
    pub conditions: bool,
    pub exceptions: bool,
    pub resolved: bool,
    pub unresolved: bool,
    pub other: bool,
    pub repeats: bool,
}

impl Used {
    pub(in crate::emit) fn of(policy: &Policy) -> Self {
        let mut used = Used {
            phases: !policy.phases.is_empty(),
            steps: policy.procedures.iter().any(|p| !p.steps.is_empty()),
            repeats: policy.all_stages().any(|s| s.repeats.is_some()),
            conditions: policy
                .all_stages()
                .any(|s| !summary::conditions(s, &Names::plain()).is_empty()),
            exceptions: policy.all_rules().any(|(r, p)| {
                !r.start_at.is_empty() && !summary::rule_targets(policy, p, r).is_empty()
            }),
            ..Used::default()
        };
        for outcome in policy.all_stages().flat_map(|s| &s.outcomes) {
            match &outcome.target {
                Target::End(_) => used.ends = true,
                Target::Follow(_) => used.follows = true,
                Target::Stage { to: None, .. } => continue,
                Target::Stage { .. } => {}
            }
            match outcome.when {
                OutcomeWhen::Resolved => used.resolved = true,
                OutcomeWhen::Unresolved => used.unresolved = true,
                OutcomeWhen::If(_) => used.other = true,
            }
        }
        used
    }
}

pub(super) fn legend(out: &mut String, used: &Used) {
    let row = |swatch: String, text: &str| {
        format!("<TR><TD>{swatch}</TD><TD ALIGN=\"LEFT\">{text}</TD></TR>")
    };
    let box_ = |fill: &str, dashed: bool| {
        let style = if dashed { " STYLE=\"DASHED\"" } else { "" };
        format!(
            "<TABLE BORDER=\"1\"{style} CELLSPACING=\"0\" CELLPADDING=\"0\" BGCOLOR=\"{fill}\"><TR><TD WIDTH=\"28\" HEIGHT=\"12\"> </TD></TR></TABLE>"
        )
    };
    // A line drawn as the chart draws its edges: solid box-drawing strokes
    // for a solid edge, broken ones for a dashed edge.
    let arrow = |colour: &str, dash: bool| {
        let line = if dash {
            "&#9548;&#9548;&#9548;&#9548;&#9654;"
        } else {
            "&#9472;&#9472;&#9472;&#9472;&#9654;"
        };
        format!("<FONT COLOR=\"{colour}\"><B>{line}</B></FONT>")
    };
    let mut rows = vec![row(
        box_(STAGE_FILL, false),
        "Stage of the procedure: window, who leads, duties",
    )];
    if used.phases {
        rows.push(row(
            box_(PHASE_FILL, false),
            "Phase: a named group of stages",
        ));
    }
    if used.steps {
        rows.push(row(box_(STEP_FILL, false), "Step of a sub-procedure"));
    }
    if used.ends {
        rows.push(row(
            box_(END_FILL, false),
            "End: the disagreement is closed",
        ));
    }
    if used.follows {
        rows.push(row(box_(FOLLOW_FILL, false), "Another procedure to follow"));
    }
    if used.conditions {
        rows.push(row(
            format!("<FONT COLOR=\"{OTHER}\"><I>&#8226; If ...</I></FONT>"),
            "In a stage: what applies only under a condition",
        ));
    }
    if used.exceptions {
        rows.push(row(box_(RULE_FILL, true), "Exception: a different way in"));
    }
    if used.resolved {
        rows.push(row(arrow(RESOLVED, false), "Resolved"));
    }
    if used.unresolved {
        rows.push(row(arrow(UNRESOLVED, false), "Unresolved: escalate"));
    }
    if used.other {
        rows.push(row(arrow(OTHER, false), "Other branch"));
    }
    if used.exceptions {
        rows.push(row(arrow(EXCEPTION, true), "Exception entry"));
    }
    if used.repeats {
        rows.push(row(
            arrow(REPEAT, true),
            "Repeats: the same stage again, more senior each time",
        ));
    }
    let _ = writeln!(
        out,
        "  \"legend\" [shape=plain, style=\"\", label=<<TABLE BORDER=\"1\" COLOR=\"#999999\" \
         CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\"><TR><TD COLSPAN=\"2\"><B>Key</B></TD></TR>{}</TABLE>>];",
        rows.join("")
    );
}
