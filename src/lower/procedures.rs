//! Lowering what makes a sub-procedure as complete as the main ladder: its
//! own raiser (`concern raised by conference_chair` inside `procedure`),
//! said at most once, and its own exception rules (`when "..." { ... }`),
//! whose `step` references and `start at any step` are the procedure's.

use super::Lowerer;
use crate::ast;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::Rule;

impl Lowerer {
    /// The procedure's raiser and rules.
    pub(super) fn procedure_parts(&mut self, p: &ast::Procedure) -> (Option<String>, Vec<Rule>) {
        let mut raised_by = None;
        for (i, actor) in p.raised_by.iter().enumerate() {
            if i == 0 {
                self.actor(actor);
                raised_by = Some(actor.text.clone());
                continue;
            }
            self.diagnostics.push(
                Diagnostic::new(
                    Code::RepeatedHeader,
                    actor.span,
                    format!(
                        "the procedure `{}` says `concern raised by` twice",
                        p.name.text
                    ),
                )
                .with_label(p.raised_by[0].span, "first said here")
                .with_help("A procedure has one `concern raised by` line: the person who starts it. Keep the one the source document gives."),
            );
        }
        let rules = p
            .rules
            .iter()
            .map(|r| self.rule(r, Some(&p.name.text)))
            .collect();
        (raised_by, rules)
    }
}
