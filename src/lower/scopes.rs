//! Roles that differ by whom the procedure covers: `actor chair "Chair of
//! the SAB" for adults` and `actor chair "Chair of the LSCB" for children`
//! declare one role, `chair`, described once for each group. Declaring it
//! again for a group it already has, or both for everyone and for a group,
//! is a duplicate; whether the groups match the policy's `covers` line is
//! judged by `checks::scopes`.

use super::Lowerer;
use crate::ast::{self, Scope};
use crate::code::Code;
use crate::diagnostic::Diagnostic;

impl Lowerer {
    /// Records an actor's declaration. True when it is the same role for
    /// another group (not a duplicate, and not reported); false when it is
    /// the first declaration of the name, or a duplicate, which this
    /// reports when either line names a group and leaves to the general
    /// duplicate check otherwise.
    pub(super) fn actor_scope(&mut self, d: &ast::Decl) -> bool {
        let earlier = self.actor_scopes.entry(d.name.text.clone()).or_default();
        let first = !earlier.is_empty();
        let clash = earlier
            .iter()
            .find(|(scope, _)| scope.is_none() || d.scope.is_none() || *scope == d.scope)
            .copied();
        earlier.push((d.scope, d.name.span));
        if !first {
            return false;
        }
        let Some((scope, span)) = clash else {
            // Another group of a scoped role: only an actor can be scoped,
            // so the first line was an actor too.
            return true;
        };
        if scope.is_none() && d.scope.is_none() {
            return false;
        }
        let message = match (scope, d.scope) {
            (Some(a), Some(_)) => format!("`{}` is described twice for {}", d.name.text, word(a)),
            (None, Some(b)) => format!(
                "`{}` is described for everyone and again for {}",
                d.name.text,
                word(b)
            ),
            (Some(a), None) => format!(
                "`{}` is described for {} and again for everyone",
                d.name.text,
                word(a)
            ),
            (None, None) => format!("`{}` is defined twice", d.name.text),
        };
        self.diagnostics.push(
            Diagnostic::new(Code::DuplicateDefinition, d.name.span, message)
                .with_primary_label("described again here")
                .with_label(span, "first described here")
                .with_help("A role that differs by whom the procedure covers is declared once for each group, each line ending `for adults` or `for children`. Delete the repeated line, or end it with the group it is for."),
        );
        true
    }
}

pub(crate) fn word(scope: Scope) -> &'static str {
    match scope {
        Scope::Adults => "adults",
        Scope::Children => "children",
    }
}
