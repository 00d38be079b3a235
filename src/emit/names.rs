//! How the published outputs name the people, records and forms a policy
//! declares: by the description the policy gives them ("the Safeguarding
//! Lead"), not by the internal name an author writes (`safeguarding_lead`).
//!
//! A board's public reads the charts and the site, and an internal name such
//! as `ssab` means nothing to them. A role the policy describes once for
//! each group it covers (`actor chair "..." for adults`) has no single
//! description, so it keeps its readable name (`chair`); the charts and the
//! site list those roles by group. Plain text: each emitter escapes it.

use std::collections::BTreeMap;

use crate::model::{ActorRef, Limit, Policy, RecordPlace, StageKey, StageLabels};

/// The descriptions of a policy's actors, records and forms, by name, and
/// how it names its stages.
pub struct Names<'p> {
    labels: Option<StageLabels<'p>>,
    roles: BTreeMap<&'p str, Option<&'p str>>,
    records: BTreeMap<&'p str, &'p str>,
    forms: BTreeMap<&'p str, &'p str>,
}

impl<'p> Names<'p> {
    /// The names a policy declares.
    #[must_use]
    pub fn of(policy: &'p Policy) -> Self {
        let mut roles: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for a in &policy.actors {
            roles
                .entry(a.name.as_str())
                // A second description (one for each group covered): no
                // single description stands for the role.
                .and_modify(|d| *d = None)
                .or_insert(Some(a.description.as_str()));
        }
        Names {
            labels: Some(policy.stage_labels()),
            roles,
            records: policy
                .records
                .iter()
                .map(|r| (r.name.as_str(), r.description.as_str()))
                .collect(),
            forms: policy
                .forms
                .iter()
                .map(|f| (f.name.as_str(), f.title.as_str()))
                .collect(),
        }
    }

    /// Internal names made readable and nothing more (`line_manager` ->
    /// `line manager`): for outputs that have no policy at hand.
    #[must_use]
    pub fn plain() -> Self {
        Names {
            labels: None,
            roles: BTreeMap::new(),
            records: BTreeMap::new(),
            forms: BTreeMap::new(),
        }
    }

    /// How the policy names a stage: `Stage 2`, `Step 1`.
    #[must_use]
    pub fn stage(&self, key: &StageKey) -> String {
        let label = match &self.labels {
            Some(labels) => labels.label(key),
            None => key.plain_label(),
        };
        label.replace('`', "")
    }

    /// A limit in words, naming stages as the policy does: `within 2
    /// working days of Stage 1 concluding`.
    #[must_use]
    pub fn limit(&self, limit: &Limit) -> String {
        limit.describe_with(&|k| self.stage(k))
    }

    /// A role as a sentence names it: `the Safeguarding Lead`, `any worker
    /// who feels that a decision is not safe`.
    #[must_use]
    pub fn role(&self, name: &str) -> String {
        match self.roles.get(name) {
            Some(Some(d)) => with_article(d),
            // A role described once for each group covered: its name, which
            // the roles for each group explain.
            Some(None) => format!("the {}", readable(name)),
            None => readable(name),
        }
    }

    /// A role without its article, after a possessive: `Safeguarding
    /// Lead`, as in `the other agency's Safeguarding Lead`.
    #[must_use]
    pub fn role_bare(&self, name: &str) -> String {
        match self.roles.get(name).copied().flatten() {
            Some(d) => bare(d),
            None => readable(name),
        }
    }

    /// Roles joined as a sentence lists them, with `or` when any one will do.
    #[must_use]
    pub fn roles(&self, names: &[String], either: bool) -> String {
        let words: Vec<String> = names.iter().map(|n| self.role(n)).collect();
        join(&words, either)
    }

    /// An actor as a duty, `by` or `via` names it: `the Line Manager`, `the
    /// other agency's Line Manager`, `their own Line Manager`, `everyone
    /// involved`, `the parties`.
    #[must_use]
    pub fn actor_ref(&self, r: &ActorRef) -> String {
        match r {
            ActorRef::Actor(n) => self.role(n),
            ActorRef::Equivalent(n) => format!("the other agency's {}", self.role_bare(n)),
            ActorRef::Own(n) => format!("their own {}", self.role_bare(n)),
            ActorRef::AllInvolved => "everyone involved".to_owned(),
            ActorRef::Parties => "the parties".to_owned(),
        }
    }

    /// Actor references joined as a sentence lists them.
    #[must_use]
    pub fn actor_refs(&self, refs: &[ActorRef], either: bool) -> String {
        let words: Vec<String> = refs.iter().map(|r| self.actor_ref(r)).collect();
        join(&words, either)
    }

    /// A record a duty writes in: `the Adult's file`, `each agency's own
    /// records`.
    #[must_use]
    pub fn record(&self, place: &RecordPlace) -> String {
        let described = self.records.get(place.record.as_str()).copied();
        if place.each_agency {
            let what = described.map_or_else(|| readable(&place.record), bare);
            // "The agency's own records" kept by each agency.
            let what = what
                .strip_prefix("agency's ")
                .map_or(what.clone(), str::to_owned);
            format!("each agency's {what}")
        } else {
            described.map_or_else(|| readable(&place.record), with_article)
        }
    }

    /// A form by its title: `the form "Appendix A"`.
    #[must_use]
    pub fn form(&self, name: &str) -> String {
        match self.forms.get(name) {
            Some(title) => format!("the form \"{title}\""),
            None => format!("the form {}", readable(name)),
        }
    }
}

/// `line_manager` -> `line manager`.
#[must_use]
pub fn readable(name: &str) -> String {
    name.replace('_', " ")
}

/// `a`, `a and b`, `a, b and c`, or with `or` when any one will do.
#[must_use]
pub fn join(items: &[String], either: bool) -> String {
    let conjunction = if either { "or" } else { "and" };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// A description as it reads inside a sentence: `The worker ...` -> `the
/// worker ...`; `Any worker ...` -> `any worker ...`; a title such as
/// `Senior Manager` -> `the Senior Manager`.
fn with_article(description: &str) -> String {
    let d = description.trim();
    let first = d.split_whitespace().next().unwrap_or("");
    let lower = first.to_ascii_lowercase();
    if [
        "the", "a", "an", "any", "each", "every", "all", "their", "your",
    ]
    .contains(&lower.as_str())
    {
        format!("{lower}{}", &d[first.len()..])
    } else if d.chars().next().is_some_and(char::is_lowercase) {
        d.to_owned()
    } else {
        format!("the {d}")
    }
}

/// A description without its leading `The`.
fn bare(description: &str) -> String {
    let d = description.trim();
    for article in ["The ", "the "] {
        if let Some(rest) = d.strip_prefix(article) {
            return rest.to_owned();
        }
    }
    d.to_owned()
}

#[cfg(test)]
mod tests {
    use super::{bare, with_article};

    #[test]
    fn descriptions_read_inside_a_sentence() {
        assert_eq!(with_article("Senior Manager"), "the Senior Manager");
        assert_eq!(
            with_article("The worker or professional identifying the concern"),
            "the worker or professional identifying the concern"
        );
        assert_eq!(with_article("Any worker who feels"), "any worker who feels");
        assert_eq!(bare("The local authority"), "local authority");
        assert_eq!(bare("Safeguarding Lead"), "Safeguarding Lead");
    }
}
