//! Findings the board accepts: an acceptance added or removed, or its
//! reason changed. Each is a decision a board paper should show, so each is
//! reported. Acceptances are paired by code and the block they are in.

use std::collections::BTreeMap;

use super::*;
use crate::code::Code;
use crate::model::Acceptance;

pub(super) fn acceptances(out: &mut Out, old: &[Acceptance], new: &[Acceptance]) {
    let s = Section::Policy;
    let key = |a: &Acceptance| (a.code.clone(), a.place.clone());
    let old_by_key: BTreeMap<(String, String), &Acceptance> =
        old.iter().map(|a| (key(a), a)).collect();
    let new_by_key: BTreeMap<(String, String), &Acceptance> =
        new.iter().map(|a| (key(a), a)).collect();
    for n in new {
        let subject = Some(format!("accept {}", n.code));
        match old_by_key.get(&key(n)) {
            None => out.push(
                s,
                subject,
                format!(
                    "The board now accepts {} in {}: \"{}\".",
                    what(&n.code),
                    n.place,
                    n.reason
                ),
            ),
            Some(o) if o.reason != n.reason => out.push(
                s,
                subject,
                format!(
                    "The reason for accepting {} in {} is now \"{}\" (was \"{}\").",
                    n.code, n.place, n.reason, o.reason
                ),
            ),
            Some(_) => {}
        }
    }
    for o in old {
        if !new_by_key.contains_key(&key(o)) {
            out.push(
                s,
                Some(format!("accept {}", o.code)),
                format!(
                    "The board no longer accepts {} in {} (the reason was \"{}\").",
                    what(&o.code),
                    o.place,
                    o.reason
                ),
            );
        }
    }
}

/// `L044 (a stage with no timescale)`.
fn what(code: &str) -> String {
    match Code::parse(code) {
        Some(c) => {
            let title = c.title();
            let mut chars = title.chars();
            let lowered = chars.next().map_or_else(String::new, |f| {
                f.to_lowercase().chain(chars).collect::<String>()
            });
            format!("{code} ({lowered})")
        }
        None => code.to_owned(),
    }
}
