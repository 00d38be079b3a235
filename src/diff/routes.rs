//! Changes to what a route carries: the limit on the move itself
//! (`escalate to stage 3 within 1 working day`) and the duties done when it
//! is taken (`end "Agreed" { ... }`). Routes are paired by when they are
//! taken and, where a stage has several of one kind, by where they lead.

use super::*;

pub(super) fn routes(
    out: &mut Out,
    ctx: &Ctx<'_>,
    subject: Option<&String>,
    name: &str,
    old: &[Outcome],
    new: &[Outcome],
) {
    for n in new {
        let same_when: Vec<&Outcome> = old.iter().filter(|o| o.when == n.when).collect();
        let paired = same_when
            .iter()
            .find(|o| ctx.old_target(&o.target) == n.target)
            .or_else(|| {
                let alone =
                    same_when.len() == 1 && new.iter().filter(|x| x.when == n.when).count() == 1;
                same_when.first().filter(|_| alone)
            });
        // A new route: its limit and duties are news only if it has any.
        let empty = Outcome {
            within: None,
            duties: Vec::new(),
            ..n.clone()
        };
        route(out, subject, name, paired.copied().unwrap_or(&empty), n);
    }
}

fn route(out: &mut Out, subject: Option<&String>, name: &str, o: &Outcome, n: &Outcome) {
    let s = Section::Stages;
    let it = format!("{name} ({})", when(&n.when));
    if o.within != n.within {
        let limit = |l: &Option<Limit>| l.as_ref().map_or("no limit".to_owned(), route_limit);
        out.push(
            s,
            subject.cloned(),
            format!(
                "At {it}, the move now has {} (was {}).",
                limit(&n.within),
                limit(&o.within)
            ),
        );
    }
    duties(out, s, subject, &it, &o.duties, &n.duties);
}

/// A route's limit in words: "a limit of within 1 working day of the stage
/// concluding".
fn route_limit(l: &Limit) -> String {
    let mut text = l.describe();
    if l.anchor == crate::model::Anchor::Unstated {
        text.push_str(" of the stage concluding");
    }
    format!("a limit: {text}")
}
