//! `accept L044 "..."` lines, found wherever they are written, each with
//! the block it is written in.
//!
//! An acceptance belongs to the block around it (a stage, a step, a panel,
//! a form, a procedure, an exception), which is what it accepts findings
//! in; `crate::accept` does the matching after the checks have run. The
//! lines are collected here, from pest's tree, rather than by each block's
//! builder, so that no part of the syntax tree or the model has to carry
//! them: they say nothing about the procedure itself.

use pest::iterators::Pair;

use crate::ast::{Acceptance, Ident};
use crate::span::Span;

use super::{Rule, children, span_of, string};

/// Every acceptance in the file, in file order, and the spans of the
/// top-level blocks.
pub(super) fn collect(file: &Pair<'_, Rule>) -> (Vec<Acceptance>, Vec<Span>) {
    let mut found = Vec::new();
    let mut blocks = Vec::new();
    for child in file.clone().into_inner() {
        if place(&child, "").is_some() {
            blocks.push(span_of(&child));
        }
    }
    walk(file, None, "", &mut found);
    (found, blocks)
}

fn walk(pair: &Pair<'_, Rule>, scope: Option<Span>, here: &str, found: &mut Vec<Acceptance>) {
    for child in pair.clone().into_inner() {
        if child.as_rule() == Rule::accept_decl {
            found.push(acceptance(&child, scope, here));
        } else if let Some(words) = place(&child, here) {
            walk(&child, Some(span_of(&child)), &words, found);
        }
    }
}

fn acceptance(pair: &Pair<'_, Rule>, scope: Option<Span>, here: &str) -> Acceptance {
    let mut code = Ident {
        text: String::new(),
        span: span_of(pair),
    };
    let mut reason = None;
    for child in children(pair.clone()) {
        match child.as_rule() {
            Rule::accepted_code => {
                code = Ident {
                    text: child.as_str().to_owned(),
                    span: span_of(&child),
                };
            }
            Rule::string => reason = Some(string(child)),
            _ => {}
        }
    }
    Acceptance {
        code,
        reason,
        scope,
        place: if here.is_empty() {
            "the whole policy".to_owned()
        } else {
            here.to_owned()
        },
        span: span_of(pair),
    }
}

/// The block a pair opens, in words (`stage 4`, ``step 2 of procedure
/// `threshold` ``), or `None` when it opens no block acceptances can be
/// written in.
fn place(pair: &Pair<'_, Rule>, outer: &str) -> Option<String> {
    let first = |rule: Rule| {
        children(pair.clone())
            .find(|p| p.as_rule() == rule)
            .map(|p| p.as_str().trim().to_owned())
            .unwrap_or_default()
    };
    Some(match pair.as_rule() {
        Rule::stage => format!("stage {}", first(Rule::stage_id)),
        Rule::step => format!("step {} of {outer}", first(Rule::stage_id)),
        Rule::panel_decl if outer.is_empty() => "the panel".to_owned(),
        Rule::panel_decl => format!("the panel of {outer}"),
        Rule::form_decl => format!("form `{}`", first(Rule::name)),
        Rule::procedure => format!("procedure `{}`", first(Rule::name)),
        Rule::exception_rule => format!("the exception when {}", first(Rule::string)),
        Rule::every_stage => "every stage".to_owned(),
        _ => return None,
    })
}
