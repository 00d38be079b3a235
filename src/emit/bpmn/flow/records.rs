//! Records and forms as data objects: one per record or form, with a
//! reference under each task whose duties write it or complete it.

use std::collections::BTreeMap;

use super::super::graph::Data;
use super::super::summary;
use super::Builder;
use crate::model::{DutyKind, Stage};

impl Builder<'_> {
    /// Records and forms as data objects, linked to the tasks that write
    /// or complete them.
    pub(super) fn records(&mut self) {
        let policy = self.policy;
        let all: Vec<&Stage> = policy.all_stages().collect();
        // (container, name) -> index in graph.data
        let mut made: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for stage in all {
            let Some((container, task)) = self.stages.get(&stage.key).cloned() else {
                continue;
            };
            let duties = crate::deadline::stage_duties(stage, &policy.every_stage)
                .chain(stage.conditions.iter().flat_map(|c| c.duties.iter()))
                .chain(stage.outcomes.iter().flat_map(|o| o.duties.iter()));
            let mut names: Vec<(String, bool)> = Vec::new();
            for duty in duties {
                match &duty.kind {
                    DutyKind::Record { records, form, .. } => {
                        names.extend(records.iter().map(|r| (r.record.clone(), false)));
                        names.extend(form.iter().map(|f| (f.clone(), true)));
                    }
                    DutyKind::Refer { form: Some(f), .. } | DutyKind::Complete(f) => {
                        names.push((f.clone(), true));
                    }
                    _ => {}
                }
            }
            for (name, is_form) in names {
                let index = if let Some(&i) = made.get(&(container, name.clone())) {
                    i
                } else {
                    let scope = if container == 0 {
                        String::new()
                    } else {
                        format!("{}_", self.graph.containers[container].id)
                    };
                    let (title, documentation) = if is_form {
                        match policy.forms.iter().find(|f| f.name == name) {
                            Some(f) => {
                                let mut d = vec![format!("Form: {}", f.title)];
                                d.extend(f.fields.iter().map(|x| format!("Field: {x}")));
                                d.extend(f.send_to.iter().map(|s| match s {
                                    crate::model::SendTo::Address(a) => format!("Send to: {a}"),
                                    crate::model::SendTo::Actor(a) => {
                                        format!("Send to: {}", summary::actor(a))
                                    }
                                }));
                                d.extend(f.cites.iter().map(|c| format!("Cites: {c}")));
                                d.extend(f.notes.iter().map(|n| format!("Note: {n}")));
                                (f.title.clone(), d)
                            }
                            None => (summary::actor(&name), Vec::new()),
                        }
                    } else {
                        match policy.records.iter().find(|r| r.name == name) {
                            Some(r) if !r.description.is_empty() => (
                                r.description.clone(),
                                vec![format!("Record: {}", r.description)],
                            ),
                            _ => (summary::actor(&name), Vec::new()),
                        }
                    };
                    let kind = if is_form { "Form" } else { "Record" };
                    let id = self.graph.id(&format!("{kind}_{scope}{name}"));
                    self.graph.data.push(Data {
                        id,
                        name: title,
                        documentation,
                        container,
                        writers: Vec::new(),
                    });
                    made.insert((container, name.clone()), self.graph.data.len() - 1);
                    self.graph.data.len() - 1
                };
                let data = &mut self.graph.data[index];
                if !data.writers.contains(&task) {
                    data.writers.push(task.clone());
                }
            }
        }
    }
}
