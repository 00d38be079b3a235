//! `index.html` for a folder of built policies: one self-contained page (no
//! scripts, no outside styles or fonts) listing each policy with its board,
//! dates, review status, top-level notes, downloads and flowchart, fit to
//! publish.
//!
//! Every piece of policy text goes through `escape::html`. The flowchart is
//! the SVG Graphviz made from our own DOT, whose labels were escaped there;
//! its XML prologue is dropped so that it can sit inside the page. Reads only
//! the model and what the caller passes in.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::escape::html as esc;
use crate::model::{Contact, ContactKind, Policy, PolicyDate, Precision};

/// One built policy on the page.
pub struct Entry<'a> {
    /// The file name without `.ladder`, which names every output file.
    pub name: &'a str,
    pub policy: &'a Policy,
    /// The SVG flowchart, when Graphviz was available.
    pub svg: Option<&'a str>,
}

/// The page. `today` decides the review status shown.
#[must_use]
pub fn index(entries: &[Entry<'_>], today: NaiveDate) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Escalation procedures</title>\n<style>\n\
         body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.4; }\n\
         h1 { font-size: 1.6rem; }\n\
         section { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 2rem; }\n\
         dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }\n\
         dt { font-weight: bold; }\n dd { margin: 0; }\n\
         .overdue { color: #b3261e; font-weight: bold; }\n\
         .due { color: #2e7d32; }\n .none { color: #a86400; }\n\
         figure { margin: 1rem 0; overflow-x: auto; }\n\
         figure svg { max-width: 100%; height: auto; }\n\
         table.toc { border-collapse: collapse; }\n\
         table.toc td, table.toc th { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; }\n\
         </style>\n</head>\n<body>\n<h1>Escalation procedures</h1>\n",
    );
    let _ = writeln!(
        out,
        "<p>Review status as at {}.</p>",
        esc(&long_date(today))
    );
    out.push_str(
        "<table class=\"toc\">\n<tr><th>Procedure</th><th>Board</th><th>Review</th></tr>\n",
    );
    for e in entries {
        let (class, status) = review(e.policy, today);
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"{class}\">{}</td></tr>",
            esc(e.name),
            esc(title(e.policy)),
            esc(&board(e.policy)),
            esc(&status)
        );
    }
    out.push_str("</table>\n");
    for e in entries {
        section(&mut out, e, today);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn title(p: &Policy) -> &str {
    p.header.title.as_deref().unwrap_or("Untitled procedure")
}

fn board(p: &Policy) -> String {
    super::summary::boards(p).unwrap_or_else(|| "Board not stated".to_owned())
}

/// A contact row. E-mail, web and telephone addresses are links a reader
/// can follow; the link is built only from an address whose shape was
/// recognised (`Contact::kind`), so policy text can never make a
/// `javascript:` link.
fn contact(out: &mut String, c: &Contact) {
    let shown = esc(&c.address);
    let href = match c.kind() {
        ContactKind::Email => Some(format!("mailto:{}", c.address.trim())),
        ContactKind::Web if c.address.trim().to_ascii_lowercase().starts_with("www.") => {
            Some(format!("https://{}", c.address.trim()))
        }
        ContactKind::Web => Some(c.address.trim().to_owned()),
        ContactKind::Phone => Some(format!(
            "tel:{}",
            c.address
                .chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                .collect::<String>()
        )),
        ContactKind::Other => None,
    };
    let address = match href {
        Some(href) => format!("<a href=\"{}\">{shown}</a>", esc(&href)),
        None => shown,
    };
    let purpose = match (&c.purpose, c.scope) {
        (Some(p), Some(scope)) => format!(" ({}; for {})", esc(p), scope_word(scope)),
        (Some(p), None) => format!(" ({})", esc(p)),
        (None, Some(scope)) => format!(" (for {})", scope_word(scope)),
        (None, None) => String::new(),
    };
    let _ = writeln!(out, "<dt>Contact</dt><dd>{address}{purpose}</dd>");
}

fn section(out: &mut String, e: &Entry<'_>, today: NaiveDate) {
    let p = e.policy;
    let h = &p.header;
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2>{}</h2>\n<dl>",
        esc(e.name),
        esc(title(p))
    );
    let mut row = |k: &str, v: &str| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    };
    row("Board", &board(p));
    if !h.scope.is_empty() {
        let scope: Vec<&str> = h.scope.iter().copied().map(scope_word).collect();
        row("Covers", &scope.join(" and "));
    }
    for role in super::summary::scoped_roles(p) {
        row("Role", &role);
    }
    if let Some(v) = &h.version {
        row("Version", v);
    }
    for (k, d) in [("Adopted", &h.adopted), ("Updated", &h.updated)] {
        if let Some(d) = d {
            row(k, &date(d));
        }
    }
    match (&h.review, &h.review_period) {
        (Some(d), Some(p)) => row("Review", &format!("{} ({})", date(d), p.describe())),
        (None, Some(p)) => row("Review", &format!("{} (date not stated)", p.describe())),
        (Some(d), None) => row("Review", &date(d)),
        (None, None) => {}
    }
    if let Some(s) = &h.source {
        row("Source document", &s.title);
    }
    for c in &h.contacts {
        contact(out, c);
    }
    let (class, status) = review(p, today);
    let _ = writeln!(
        out,
        "<dt>Review status</dt><dd class=\"{class}\">{}</dd>\n</dl>",
        esc(&status)
    );
    if !p.notes.is_empty() {
        out.push_str("<p>Notes:</p>\n<ul>\n");
        for note in &p.notes {
            let _ = writeln!(out, "<li>{}</li>", esc(note));
        }
        out.push_str("</ul>\n");
    }
    let name = esc(e.name);
    let _ = write!(
        out,
        "<p>Downloads: <a href=\"{name}.json\">JSON</a>, <a href=\"{name}.dot\">Graphviz DOT</a>, \
         <a href=\"{name}.mmd\">Mermaid</a>"
    );
    if e.svg.is_some() {
        let _ = write!(out, ", <a href=\"{name}.svg\">SVG</a>");
    }
    out.push_str("</p>\n");
    match e.svg {
        Some(svg) => {
            let _ = writeln!(
                out,
                "<figure>\n{}\n<figcaption>Flowchart: {}</figcaption>\n</figure>",
                strip_prologue(svg).trim_end(),
                esc(title(p))
            );
        }
        None => out.push_str(
            "<p>The flowchart was not drawn because Graphviz is not installed; the DOT and \
             Mermaid files above hold it.</p>\n",
        ),
    }
    out.push_str("</section>\n");
}

/// The SVG element without the XML declaration, doctype and comments that
/// Graphviz writes before it.
fn strip_prologue(svg: &str) -> &str {
    svg.find("<svg").map_or("", |start| &svg[start..])
}

fn review(p: &Policy, today: NaiveDate) -> (&'static str, String) {
    match &p.header.review {
        None => match &p.header.review_period {
            Some(period) => (
                "none",
                format!(
                    "Review {}, but the date it counts from is not stated",
                    period.describe()
                ),
            ),
            None => ("none", "No review date".to_owned()),
        },
        Some(d) if d.last < today => ("overdue", format!("Overdue: review was due {}", date(d))),
        Some(d) => ("due", format!("Review due {}", date(d))),
    }
}

fn scope_word(scope: crate::ast::Scope) -> &'static str {
    match scope {
        crate::ast::Scope::Adults => "adults",
        crate::ast::Scope::Children => "children",
    }
}

fn date(d: &PolicyDate) -> String {
    match d.precision {
        Precision::Day => d.first.format("%-d %B %Y").to_string(),
        Precision::Month => d.first.format("%B %Y").to_string(),
        Precision::Year => d.first.format("%Y").to_string(),
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
