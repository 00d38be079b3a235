//! A duty in words: who must, should or may do what, when, and where it is
//! recorded, as the charts and the site's text version both say it.

use super::*;

/// Every duty in full, one sentence each, in the file's order with
/// repeats dropped: `The worker identifying the concern must attempt to
/// raise the issue with the other agency within 1 working day of the
/// concern arising`.
pub fn duties(duties: &[Duty], n: &Names) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in duties {
        let text = duty(d, n);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// One duty as a sentence (without its full stop): who, must, should or
/// may, what, to whom, where it is recorded, using which form, when, and
/// `where possible`.
pub fn duty(d: &Duty, n: &Names) -> String {
    let who = |list: &[crate::model::ActorRef]| n.actor_refs(list, d.actors_either);
    let what = |w: &Option<String>, default: &str| w.clone().unwrap_or_else(|| default.to_owned());
    let mut text = match &d.kind {
        DutyKind::Record {
            what,
            records,
            form,
        } => {
            let mut text = format!("record {what}");
            if !records.is_empty() {
                let places: Vec<String> = records.iter().map(|r| n.record(r)).collect();
                text.push_str(&format!(" in {}", join(&places, false)));
            }
            if let Some(f) = form {
                text.push_str(&format!(" using {}", n.form(f)));
            }
            text
        }
        DutyKind::Notify(a) => format!("notify {}", who(a)),
        DutyKind::Share { what: w, with } => {
            format!("share {} with {}", what(w, "the outcome"), who(with))
        }
        DutyKind::Refer { what: w, to, form } => {
            let mut text = format!("refer {} to {}", what(w, "the matter"), who(to));
            if let Some(f) = form {
                text.push_str(&format!(" using {}", n.form(f)));
            }
            text
        }
        DutyKind::Recommend { what: w, to } => {
            let mut text = format!("recommend {}", what(w, "a way forward"));
            if !to.is_empty() {
                text.push_str(&format!(" to {}", who(to)));
            }
            text
        }
        DutyKind::Decide(w) => format!("decide {}", what(w, "the matter")),
        DutyKind::Report { what: w, to } => {
            format!("report {} to {}", what(w, "the outcome"), who(to))
        }
        DutyKind::Involve(a) => format!("involve {}", who(a)),
        DutyKind::Consult(a) => format!("consult {}", who(a)),
        DutyKind::Meet(w) => match w {
            Some(w) => format!("meet {w}"),
            None => "meet".to_owned(),
        },
        DutyKind::Complete(f) => format!("complete {}", n.form(f)),
        DutyKind::Task(what) => what.clone(),
    };
    let limits: Vec<Limit> = d.limits().cloned().collect();
    if !limits.is_empty() {
        let aim = if limits.iter().all(|l| l.hard) {
            ""
        } else {
            " (a target)"
        };
        text.push_str(&format!(
            " {}{aim}",
            describe_limits(&limits, d.within_join, &|k| n.stage(k))
        ));
    }
    match d.trigger {
        Some(Trigger::OnEntry) => text.push_str(" as the stage begins"),
        Some(Trigger::WhenResolved) => text.push_str(" when it is resolved"),
        Some(Trigger::WhenUnresolved) => text.push_str(" if it is not resolved"),
        Some(Trigger::WhenConcluded) => text.push_str(" when the stage concludes"),
        None => {}
    }
    if d.where_possible {
        text.push_str(" where possible");
    }
    let modal = d.modality.word();
    if d.by_each_party {
        format!("Each party {modal} {text}")
    } else if !d.by.is_empty() {
        let by = n.actor_refs(&d.by, d.by_either);
        format!("{} {modal} {text}", capitalise(&by))
    } else if d.modality == Modality::Must {
        capitalise(&text)
    } else {
        format!("{} {text}", capitalise(modal))
    }
}

/// Duties as clauses after a colon (`If urgent: notify the Lead; the Lead
/// must record ...`): a duty that starts with its verb starts in lower
/// case.
pub fn duty_clauses(duties_: &[Duty], n: &Names) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in duties_ {
        let mut text = duty(d, n);
        if d.by.is_empty() && !d.by_each_party {
            let mut chars = text.chars();
            text = match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            };
        }
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}
