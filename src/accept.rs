//! Findings a board has accepted: `accept L044 "reason"` matched to the
//! diagnostics the checks reported.
//!
//! A board that has read a warning and decided on it says so in the policy,
//! next to what the warning is about, with its reason. An acceptance in a
//! block (a stage, a step, a panel, a form, a procedure, an exception)
//! accepts the findings of its code that point inside that block; one at the
//! top level accepts those that point outside every block, such as "the
//! policy has no review date". Accepted findings are taken out of the
//! diagnostics (so `--deny` never fails on them) and kept with their reason,
//! for the summary, `--show-accepted`, JSON and SARIF. An acceptance that
//! matches nothing is itself reported (L070), so stale ones are found, and
//! one that cannot be (an error, an unknown code, no reason) is an error
//! (L071). Nothing here prints.

use std::collections::BTreeMap;

use crate::ast::{Acceptance, File};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// A finding the policy accepts, with the board's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub diagnostic: Diagnostic,
    pub reason: String,
    /// The `accept` line.
    pub at: Span,
}

/// Splits `diagnostics` into those still reported and those accepted, and
/// adds a diagnostic for each acceptance that is stale (L070) or cannot be
/// (L071). Both lists keep their order.
#[must_use]
pub fn apply(file: &File, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Accepted>) {
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut by_code: BTreeMap<Code, Vec<usize>> = BTreeMap::new();
    let mut reasons = Vec::with_capacity(file.acceptances.len());
    for (i, acceptance) in file.acceptances.iter().enumerate() {
        match valid(acceptance) {
            Ok((code, reason)) => {
                by_code.entry(code).or_default().push(i);
                reasons.push(reason);
            }
            Err(problem) => {
                kept.push(problem);
                reasons.push(String::new());
            }
        }
    }
    // Blocks are in file order, so scopes of one code are sorted by start.
    let mut used = vec![false; file.acceptances.len()];
    let mut accepted = Vec::new();
    for diagnostic in diagnostics {
        let found = (diagnostic.severity != Severity::Error)
            .then(|| by_code.get(&diagnostic.code))
            .flatten()
            .and_then(|candidates| matching(file, candidates, diagnostic.span.start));
        match found {
            Some(i) => {
                used[i] = true;
                accepted.push(Accepted {
                    diagnostic,
                    reason: reasons[i].clone(),
                    at: file.acceptances[i].span,
                });
            }
            None => kept.push(diagnostic),
        }
    }
    for indexes in by_code.values() {
        for &i in indexes {
            if !used[i] {
                kept.push(stale(&file.acceptances[i]));
            }
        }
    }
    (kept, accepted)
}

/// The acceptance among `candidates` (one code's, in file order) that
/// covers a finding at `at`: the innermost block around it with one, or a
/// top-level one when the finding is outside every block. Nested blocks
/// start after the block around them, so the innermost is the last one
/// starting at or before `at` that contains it; the walk back passes only
/// blocks that end before `at`, which is a few in any real policy.
fn matching(file: &File, candidates: &[usize], at: usize) -> Option<usize> {
    let start = |i: usize| file.acceptances[i].scope.map_or(0, |s| s.start);
    let upto = candidates.partition_point(|&i| start(i) <= at);
    let scoped = candidates[..upto].iter().rev().copied().find(|&i| {
        file.acceptances[i]
            .scope
            .is_some_and(|s| s.start <= at && at < s.end)
    });
    if scoped.is_some() {
        return scoped;
    }
    if in_a_block(&file.blocks, at) {
        return None;
    }
    candidates
        .iter()
        .copied()
        .find(|&i| file.acceptances[i].scope.is_none())
}

/// Whether `at` is inside one of the top-level blocks (sorted, disjoint).
fn in_a_block(blocks: &[Span], at: usize) -> bool {
    let after = blocks.partition_point(|b| b.start <= at);
    after > 0 && at < blocks[after - 1].end
}

/// The code and reason of an acceptance that can be, or the L071 saying why
/// it cannot.
fn valid(acceptance: &Acceptance) -> Result<(Code, String), Diagnostic> {
    let written = &acceptance.code.text;
    let Some(code) = Code::parse(written) else {
        return Err(Diagnostic::new(
            Code::InvalidAcceptance,
            acceptance.code.span,
            format!("`{written}` is not a diagnostic code"),
        )
        .with_primary_label("no such code")
        .with_help(
            "Write the code the finding is reported with, such as `accept L044 \"...\"`; `ladder explain` lists every code.",
        ));
    };
    if code.default_severity() == Severity::Error {
        return Err(Diagnostic::new(
            Code::InvalidAcceptance,
            acceptance.code.span,
            format!("`{}` is an error, and errors cannot be accepted", code.as_str()),
        )
        .with_primary_label(format!("an error: {}", code.title().to_lowercase()))
        .with_help(format!(
            "An error means the policy cannot be read as written; fix it instead (`ladder explain {}` shows how) and remove this line. Only warnings and notes can be accepted.",
            code.as_str()
        )));
    }
    if code == Code::StaleAcceptance {
        return Err(Diagnostic::new(
            Code::InvalidAcceptance,
            acceptance.code.span,
            "a stale acceptance cannot itself be accepted",
        )
        .with_help("Remove the `accept` line that matches nothing instead."));
    }
    let reason = acceptance
        .reason
        .as_ref()
        .map(|r| r.text.trim().to_owned())
        .unwrap_or_default();
    if reason.is_empty() {
        let example = match code {
            Code::UntimedStage => {
                "the source gives no timescale for this stage; agreed with the board on 2026-11-03"
            }
            _ => "why the board accepts this, and when it agreed",
        };
        return Err(Diagnostic::new(
            Code::InvalidAcceptance,
            acceptance.span,
            format!("the acceptance of `{}` gives no reason", code.as_str()),
        )
        .with_primary_label("a reason is required")
        .with_help(format!(
            "Say why the board accepts this finding, in quotes after the code: `accept {} \"{example}\"`.",
            code.as_str()
        )));
    }
    Ok((code, reason))
}

fn stale(acceptance: &Acceptance) -> Diagnostic {
    let code = Code::parse(&acceptance.code.text).unwrap_or(Code::StaleAcceptance);
    let inside = if acceptance.scope.is_some() {
        format!("in {}", acceptance.place)
    } else {
        "outside the stages, procedures and forms".to_owned()
    };
    Diagnostic::new(
        Code::StaleAcceptance,
        acceptance.span,
        format!(
            "`accept {}` in {} matches no finding",
            code.as_str(),
            acceptance.place
        ),
    )
    .with_primary_label(format!("no {} finding {inside}", code.as_str()))
    .with_help(
        "If the finding has been dealt with, remove this line. If it is still reported elsewhere, move the line into the block the finding points at: a stage's finding is accepted inside that stage, and only findings about the whole policy at the top level.",
    )
}
