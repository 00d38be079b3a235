//! Codes: L027 L028. Roles, boards and contacts that differ by whom the
//! procedure covers.
//!
//! `for adults` or `for children` on an actor, a board or a contact says
//! it applies to that group only, so the group must be one the policy's
//! `covers` line names (L027). A role or board given for one group of a
//! policy that covers both must be given for the other too, or once for
//! everyone: otherwise nobody is named for the other group (L028).
//! Contacts are not held to that: a contact for children's referrals alone
//! is ordinary.

use std::collections::BTreeMap;

use crate::ast::Scope;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::span::Span;

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let covers = &policy.header.scope;
    let not_covered = |what: String, scope: Scope, span: Span| {
        let (but, help) = if covers.is_empty() {
            (
                "the policy does not say whom it covers".to_owned(),
                format!(
                    "Add a `covers` line naming everyone the procedure protects, such as `covers children and adults`, or remove `for {}`.",
                    word(scope)
                ),
            )
        } else {
            (
                format!("the policy covers {} only", word(covers[0])),
                format!(
                    "If the procedure protects {} too, say so: `covers children and adults`. Otherwise remove `for {}`.",
                    word(scope),
                    word(scope)
                ),
            )
        };
        Diagnostic::new(
            Code::ScopeNotCovered,
            span,
            format!("{what} for {}, but {but}", word(scope)),
        )
        .with_primary_label(format!("for {}", word(scope)))
        .with_help(help)
    };

    // Actors: each name's groups, in file order.
    let mut roles: BTreeMap<&str, Vec<(Option<Scope>, Span)>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for actor in &policy.actors {
        if !roles.contains_key(actor.name.as_str()) {
            order.push(&actor.name);
        }
        roles
            .entry(&actor.name)
            .or_default()
            .push((actor.scope, actor.span));
    }
    for name in order {
        let lines = &roles[name];
        for &(scope, span) in lines {
            if let Some(scope) = scope
                && !covers.contains(&scope)
            {
                out.push(not_covered(format!("`{name}` is described"), scope, span));
            }
        }
        if let Some(d) = incomplete(lines, covers, |given, missing| {
            (
                format!(
                    "`{name}` is described for {} only, but the policy also covers {}",
                    word(given),
                    word(missing)
                ),
                format!(
                    "Say who `{name}` is for {}: `actor {name} \"...\" for {}`. If the role is the same for everyone, describe it once, without `for {}`.",
                    word(missing),
                    word(missing),
                    word(given)
                ),
            )
        }) {
            out.push(d);
        }
    }

    let boards: Vec<(Option<Scope>, Span)> = policy
        .header
        .scoped_boards
        .iter()
        .map(|b| (Some(b.scope), b.span))
        .collect();
    for b in &policy.header.scoped_boards {
        if !covers.contains(&b.scope) {
            out.push(not_covered(
                format!("the board \"{}\" is named", b.name),
                b.scope,
                b.span,
            ));
        }
    }
    if policy.header.board.is_none()
        && let Some(d) = incomplete(&boards, covers, |given, missing| {
            (
                format!(
                    "a board is named for {} only, but the policy also covers {}",
                    word(given),
                    word(missing)
                ),
                format!(
                    "Name the board for {}: `board \"...\" for {}`, or name one board for everyone without `for`.",
                    word(missing),
                    word(missing)
                ),
            )
        })
    {
        out.push(d);
    }

    for c in &policy.header.contacts {
        if let Some(scope) = c.scope
            && !covers.contains(&scope)
        {
            out.push(not_covered(
                format!("the contact {} is", c.address),
                scope,
                c.span,
            ));
        }
    }
}

/// L028: the lines give one group of a policy that covers both, and none
/// is for everyone. `words` gives the message and help for the group given
/// and the group missing.
fn incomplete(
    lines: &[(Option<Scope>, Span)],
    covers: &[Scope],
    words: impl Fn(Scope, Scope) -> (String, String),
) -> Option<Diagnostic> {
    if lines.iter().any(|(scope, _)| scope.is_none()) {
        return None;
    }
    let &(Some(given), span) = lines.first()? else {
        return None;
    };
    let missing = covers
        .iter()
        .copied()
        .find(|c| !lines.iter().any(|(s, _)| *s == Some(*c)))?;
    // A group the policy does not cover was reported as such (L027).
    if !covers.contains(&given) {
        return None;
    }
    let (message, help) = words(given, missing);
    Some(
        Diagnostic::new(Code::ScopeIncomplete, span, message)
            .with_primary_label(format!("for {} only", word(given)))
            .with_help(help),
    )
}

fn word(scope: Scope) -> &'static str {
    match scope {
        Scope::Adults => "adults",
        Scope::Children => "children",
    }
}
