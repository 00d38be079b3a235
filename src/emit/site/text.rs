//! The text version of a whole procedure: what a screen reader, a search
//! engine and a printer use, and what the chart is a picture of. Stages in
//! order, each with its window in words (and how days are counted), who
//! leads with whom, every duty in full, panels, what applies only under a
//! condition, where each route goes, notes and the source's sections; then
//! the exceptions, the sub-procedures, the forms and the policy's notes.
//!
//! The words are the charts' own (`summary.rs`), so the chart and the text
//! never disagree. Every stage's item has the stage's id (`stage-3`,
//! `threshold-step-1`), which is its stable anchor.

use std::fmt::Write as _;

use super::super::escape::html as esc;
use super::super::names::Names;
use super::super::summary::{self, capitalise};
use crate::model::{LimitKind, Policy, Procedure, Rule, SendTo, Stage, StageKey, StartAt, Target};

/// Writes the section `The procedure in words`.
pub fn procedure(out: &mut String, p: &Policy, n: &Names) {
    out.push_str("<h2 id=\"procedure\">The procedure in words</h2>\n");
    if let Some(days) = summary::day_counting(p) {
        let _ = writeln!(out, "<p>{}.</p>", esc(&days));
    }
    if let Some(r) = &p.header.raised_by {
        let _ = writeln!(out, "<p>The concern is raised by {}.</p>", esc(&n.role(r)));
    }
    if let Some(overall) = summary::overall(p, n) {
        let _ = writeln!(out, "<p>{}.</p>", esc(&overall));
    }
    let roles = summary::scoped_roles(p);
    if !roles.is_empty() {
        out.push_str("<h3 id=\"roles\">Roles for each group covered</h3>\n<ul>\n");
        for r in roles {
            let _ = writeln!(out, "<li>{}</li>", esc(&r));
        }
        out.push_str("</ul>\n");
    }
    let every = summary::duties(&p.every_stage, n);
    if !every.is_empty() {
        let _ = writeln!(
            out,
            "<h3 id=\"every-stage\">At every {}</h3>",
            esc(&p.header.stage_word.to_lowercase())
        );
        list(out, &every);
    }
    let _ = writeln!(
        out,
        "<h3 id=\"stages\">{}s</h3>\n<ol class=\"stages\">",
        esc(&p.header.stage_word)
    );
    for stage in &p.stages {
        stage_item(out, p, n, stage);
    }
    out.push_str("</ol>\n");
    if !p.rules.is_empty() {
        out.push_str("<h3 id=\"exceptions\">Exceptions</h3>\n");
        rules(out, p, None, &p.rules, n);
    }
    for procedure in &p.procedures {
        sub_procedure(out, p, n, procedure);
    }
    if !p.forms.is_empty() {
        out.push_str("<h3 id=\"forms\">Forms</h3>\n");
        for form in &p.forms {
            let _ = writeln!(
                out,
                "<h4 id=\"form-{}\">{}</h4>",
                esc(&form.name),
                esc(&form.title)
            );
            if !form.fields.is_empty() {
                out.push_str("<p class=\"label\">Its fields:</p>\n<ol>\n");
                for f in &form.fields {
                    let _ = writeln!(out, "<li>{}</li>", esc(f));
                }
                out.push_str("</ol>\n");
            }
            if !form.send_to.is_empty() {
                let to: Vec<String> = form
                    .send_to
                    .iter()
                    .map(|s| match s {
                        SendTo::Address(a) => a.clone(),
                        SendTo::Actor(a) => n.role(a),
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "<p>Send it to {}.</p>",
                    esc(&super::super::names::join(&to, false))
                );
            }
            notes(out, &form.notes);
            cites(out, &form.cites);
        }
    }
    if !p.notes.is_empty() {
        out.push_str("<h3 id=\"notes\">Notes</h3>\n");
        list(out, &p.notes);
    }
}

fn list(out: &mut String, items: &[String]) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}.</li>", esc(item.trim_end_matches('.')));
    }
    out.push_str("</ul>\n");
}

fn notes(out: &mut String, notes: &[String]) {
    if !notes.is_empty() {
        out.push_str("<p class=\"label\">Notes:</p>\n");
        list(out, notes);
    }
}

fn cites(out: &mut String, cites: &[String]) {
    if !cites.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"cite\">In the source document: {}.</p>",
            esc(&cites.join("; "))
        );
    }
}

/// A link to a stage's item: `<a href="#stage-2">Stage 2: Managers</a>`.
fn stage_link(p: &Policy, key: &StageKey, n: &Names) -> String {
    let shown = p.stage(key).map_or_else(|| n.stage(key), summary::heading);
    format!(
        "<a href=\"#{}\">{}</a>",
        esc(&super::anchor(key)),
        esc(&shown)
    )
}

/// How days are counted, after a window that names day numbers: `
/// (calendar days; day 1 is the day the concern arose)`.
fn day_note(p: &Policy, stage: &Stage) -> String {
    let numbered = stage
        .start
        .iter()
        .chain(&stage.conclude)
        .any(|l| matches!(l.kind, LimitKind::On | LimitKind::By));
    if !numbered {
        return String::new();
    }
    summary::day_counting(p).map_or_else(String::new, |d| {
        let d = d.strip_prefix("Days are ").unwrap_or(&d);
        format!(" ({d})")
    })
}

fn stage_item(out: &mut String, p: &Policy, n: &Names, stage: &Stage) {
    let heading = if stage.key.procedure.is_some() {
        "h5"
    } else {
        "h4"
    };
    let _ = writeln!(
        out,
        "<li id=\"{}\">\n<{heading}>{}</{heading}>",
        esc(&super::anchor(&stage.key)),
        esc(&summary::heading(stage))
    );
    let _ = writeln!(
        out,
        "<p class=\"window\">{}{}.</p>",
        esc(&summary::window(stage, n)),
        esc(&day_note(p, stage))
    );
    for phase in p.phases.iter().filter(|ph| ph.stages.contains(&stage.key)) {
        let _ = writeln!(
            out,
            "<p>Part of the phase {}.</p>",
            esc(&summary::phase(p, phase))
        );
    }
    // A stage led by its panel says so under the panel below.
    if let Some(lead) = summary::lead(stage, n).filter(|_| {
        stage.panel.is_none() || !stage.leads.is_empty() || !stage.counterparts.is_empty()
    }) {
        let _ = writeln!(out, "<p>{}.</p>", esc(&lead));
    }
    if let Some(repeats) = summary::repeats(stage, n) {
        let _ = writeln!(out, "<p>{}.</p>", esc(&repeats));
    }
    let duties = summary::duties(&stage.duties, n);
    if !duties.is_empty() {
        out.push_str("<p class=\"label\">What is done:</p>\n");
        list(out, &duties);
    }
    if let Some(panel) = &stage.panel {
        let _ = writeln!(out, "<p class=\"label\">Panel: {}</p>", esc(&panel.title));
        let mut items = summary::panel_facts(panel, n);
        items.extend(summary::duties(&panel.duties, n));
        list(out, &items);
        notes(out, &panel.notes);
        cites(out, &panel.cites);
    }
    let conditions = summary::conditions(stage, n);
    if !conditions.is_empty() {
        out.push_str("<p class=\"label\">Only under a condition:</p>\n<ul class=\"condition\">\n");
        for c in &conditions {
            let _ = writeln!(out, "<li>{}.</li>", esc(c));
        }
        out.push_str("</ul>\n");
    }
    if !stage.outcomes.is_empty() {
        out.push_str("<p class=\"label\">What happens next:</p>\n<ul>\n");
        for outcome in &stage.outcomes {
            let target = match &outcome.target {
                Target::End(name) => format!("the procedure ends ({})", esc(name)),
                Target::Follow(what) => format!("follow {}", esc(what)),
                Target::Stage { to: Some(to), .. } => format!("go to {}", stage_link(p, to, n)),
                Target::Stage { to: None, .. } => "escalate".to_owned(),
            };
            let _ = writeln!(
                out,
                "<li>{}: {target}.</li>",
                esc(&capitalise(&summary::route(outcome, n)))
            );
        }
        out.push_str("</ul>\n");
    }
    notes(out, &stage.notes);
    cites(out, &stage.cites);
    out.push_str("</li>\n");
}

fn rules(out: &mut String, p: &Policy, procedure: Option<&Procedure>, rules: &[Rule], n: &Names) {
    out.push_str("<ul>\n");
    for rule in rules {
        let _ = writeln!(
            out,
            "<li>\n<p class=\"label\">If {}:</p>\n<ul>",
            esc(&rule.condition)
        );
        let targets = summary::rule_targets(p, procedure, rule);
        if !rule.start_at.is_empty() && !targets.is_empty() {
            let any = rule
                .start_at
                .iter()
                .any(|s| matches!(s, StartAt::AnyStage | StartAt::AnyStep));
            let links: Vec<String> = targets.iter().map(|s| stage_link(p, &s.key, n)).collect();
            let _ = writeln!(
                out,
                "<li>{}: {}.</li>",
                esc(&capitalise(&summary::rule_action(p, procedure, rule))),
                if any {
                    format!("any of {}", links.join(", "))
                } else {
                    links.join(" or ")
                }
            );
        }
        for f in &rule.follow {
            let _ = writeln!(out, "<li>Follow {}.</li>", esc(f));
        }
        for d in summary::duties(&rule.duties, n) {
            let _ = writeln!(out, "<li>{}.</li>", esc(&d));
        }
        out.push_str("</ul>\n");
        notes(out, &rule.notes);
        cites(out, &rule.cites);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn sub_procedure(out: &mut String, p: &Policy, n: &Names, procedure: &Procedure) {
    let _ = writeln!(
        out,
        "<h3 id=\"procedure-{}\">Sub-procedure: {}</h3>",
        esc(&procedure.name),
        esc(&procedure.title)
    );
    if let Some(applies) = &procedure.applies {
        let _ = writeln!(out, "<p>It applies when {}.</p>", esc(applies));
    }
    if let Some(r) = &procedure.raised_by {
        let _ = writeln!(out, "<p>The concern is raised by {}.</p>", esc(&n.role(r)));
    }
    for m in &procedure.meanwhile {
        let _ = writeln!(out, "<p>Meanwhile, {}.</p>", esc(m));
    }
    notes(out, &procedure.notes);
    cites(out, &procedure.cites);
    if !procedure.rules.is_empty() {
        let _ = writeln!(out, "<h4>Exceptions in {}</h4>", esc(&procedure.title));
        rules(out, p, Some(procedure), &procedure.rules, n);
    }
    let _ = writeln!(
        out,
        "<h4>Steps of {}</h4>\n<ol class=\"stages steps\">",
        esc(&procedure.title)
    );
    for step in &procedure.steps {
        stage_item(out, p, n, step);
    }
    out.push_str("</ol>\n");
}
