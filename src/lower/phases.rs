//! Lowering phases (`phase "Informal" covers stages 1 to 3`, `phase
//! "Formal" from stage 4`): the stages they name are resolved like any
//! other stage reference, and once the whole ladder is read each phase is
//! given the stages it covers, in ladder order. Whether phases overlap or
//! run backwards is judged by `checks::phases`.

use super::Lowerer;
use crate::ast;
use crate::model::{Phase, Policy};

impl Lowerer {
    pub(super) fn phase(&mut self, p: &ast::Phase) -> Phase {
        let resolve = |this: &mut Self, id: &ast::StageId| {
            let r = ast::StageRef {
                step: false,
                id: id.clone(),
                span: id.span(),
            };
            this.stage_ref(&r, None)
        };
        let from = resolve(self, &p.from);
        let to = match (&p.to, p.onwards) {
            (Some(to), _) => resolve(self, to),
            (None, false) => from.clone(),
            (None, true) => None,
        };
        Phase {
            title: p.title.text.clone(),
            from,
            to,
            onwards: p.onwards,
            stages: Vec::new(),
            span: p.span,
        }
    }
}

/// Gives each phase the stages from its first to its last (or to the end of
/// the ladder for `from stage N`), in ladder order.
pub(super) fn phase_stages(policy: &mut Policy) {
    let index = |key| policy.stages.iter().position(|s| &s.key == key);
    let ranges: Vec<Option<(usize, usize)>> = policy
        .phases
        .iter()
        .map(|phase| {
            let first = index(phase.from.as_ref()?)?;
            let last = if phase.onwards {
                policy.stages.len().checked_sub(1)?
            } else {
                index(phase.to.as_ref()?)?
            };
            (first <= last).then_some((first, last))
        })
        .collect();
    for (phase, range) in policy.phases.iter_mut().zip(ranges) {
        if let Some((first, last)) = range {
            phase.stages = policy.stages[first..=last]
                .iter()
                .map(|s| s.key.clone())
                .collect();
        }
    }
}
