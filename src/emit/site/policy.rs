//! A policy's own page: its facts (board, who it covers, dates, review
//! status, source document, contacts), its flowchart, the whole procedure
//! in words (`text.rs`) and its downloads. Its URL is `NAME.html` and each
//! stage has an anchor (`#stage-3`, `#threshold-step-1`), so a board can
//! link to "Stage 3" from its own website.
//!
//! Without a flowchart (Graphviz not installed) the page is the same
//! without the chart: the text version says everything the chart does, and
//! nothing addressed to the author reaches the public.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::super::escape::html as esc;
use super::super::names::Names;
use super::super::summary;
use super::{board, chart, covers, date, head, href, review, text, title};
use crate::model::{Contact, ContactKind, Policy};

/// What a policy page is made from.
pub struct Page<'a> {
    /// The file name without `.ladder`, which names every output file.
    pub name: &'a str,
    pub policy: &'a Policy,
    /// The SVG flowchart, when Graphviz drew one.
    pub svg: Option<&'a str>,
    /// The files a reader can download, in order: the file's name and what
    /// it is (`Flowchart as PDF`).
    pub downloads: &'a [(String, String)],
}

/// The page. `today` decides the review status shown.
#[must_use]
pub fn page(page: &Page<'_>, today: NaiveDate) -> String {
    let p = page.policy;
    let n = Names::of(p);
    let mut out = head(
        &format!("{} - {}", title(p), board(p)),
        &format!(
            "{}: how professionals resolve a disagreement under the {} procedure, with its \
             flowchart and every stage in words.",
            board(p),
            title(p)
        ),
        "index",
    );
    out.push_str("<main id=\"main\">\n");
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"board\">{}</p>",
        esc(title(p)),
        esc(&board(p))
    );
    contents(&mut out, page);
    facts(&mut out, p, &n, today);
    if let Some(svg) = page.svg {
        let description = format!(
            "{} The same procedure is set out in words under \"The procedure in words\".",
            stage_list(p)
        );
        let _ = writeln!(
            out,
            "<h2 id=\"flowchart\">Flowchart</h2>\n<figure class=\"chart\">\n\
             <section class=\"chart-scroll\" tabindex=\"0\" aria-label=\"Flowchart, \
             shown full size: scroll to see all of it\">\n{}\n</section>\n<figcaption>The flowchart of \
             the procedure. On a small screen, scroll inside it, or \
             <a href=\"{}\">open the flowchart on its own</a> to zoom; \
             <a href=\"#procedure\">the procedure in words</a> says the same.</figcaption>\n</figure>",
            chart::inline(
                svg,
                "chart-",
                &format!("Flowchart: {}", title(p)),
                &description
            ),
            esc(&href(&format!("{}.svg", page.name)))
        );
    }
    text::procedure(&mut out, p, &n);
    downloads(&mut out, page.downloads);
    out.push_str("</main>\n");
    super::foot(&mut out);
    out
}

/// Links to the parts of the page.
fn contents(out: &mut String, page: &Page<'_>) {
    out.push_str("<nav class=\"contents\" aria-label=\"On this page\">\n<ul>\n");
    out.push_str("<li><a href=\"#about\">About this procedure</a></li>\n");
    if page.svg.is_some() {
        out.push_str("<li><a href=\"#flowchart\">Flowchart</a></li>\n");
    }
    out.push_str("<li><a href=\"#procedure\">The procedure in words</a></li>\n");
    if !page.downloads.is_empty() {
        out.push_str("<li><a href=\"#downloads\">Downloads</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

/// `Stages: Stage 1: ..., Stage 2: ...`, for the chart's description.
fn stage_list(p: &Policy) -> String {
    let stages: Vec<String> = p.stages.iter().map(summary::heading).collect();
    format!("{}s: {}.", p.header.stage_word, stages.join("; "))
}

fn facts(out: &mut String, p: &Policy, n: &Names, today: NaiveDate) {
    let h = &p.header;
    out.push_str("<h2 id=\"about\">About this procedure</h2>\n<dl class=\"facts\">\n");
    let row = |out: &mut String, k: &str, v: &str| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{v}</dd>", esc(k));
    };
    row(out, "Board", &esc(&board(p)));
    if let Some(c) = covers(p) {
        row(out, "Covers", &esc(&c));
    }
    if let Some(v) = &h.version {
        row(out, "Version", &esc(v));
    }
    for (k, d) in [("Adopted", &h.adopted), ("Updated", &h.updated)] {
        if let Some(d) = d {
            row(out, k, &esc(&date(d)));
        }
    }
    let (class, status) = review(p, today);
    let due = match (&h.review, &h.review_period) {
        (Some(d), Some(period)) => format!("{} ({}). ", date(d), period.describe()),
        (Some(d), None) => format!("{}. ", date(d)),
        _ => String::new(),
    };
    row(
        out,
        "Review",
        &format!(
            "{}<span class=\"{class}\">{}</span>",
            esc(&due),
            esc(&status)
        ),
    );
    if let Some(s) = &h.source {
        let shown = esc(&s.title);
        let value = match s.url.as_deref().and_then(web_link) {
            Some(url) => format!("<a href=\"{}\">{shown}</a>", esc(&url)),
            None => shown,
        };
        row(out, "Source document", &value);
    }
    if let Some(r) = &h.raised_by {
        row(
            out,
            "Concern raised by",
            &esc(&summary::capitalise(&n.role(r))),
        );
    }
    for c in &h.contacts {
        row(out, "Contact", &contact(c));
    }
    out.push_str("</dl>\n");
}

/// A web address as a link: `https://` and `http://` as written, `www.`
/// with `https://` before it; anything else is no link.
fn web_link(address: &str) -> Option<String> {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    if a.is_empty() || a.contains(char::is_whitespace) || a.contains(['"', '<', '>']) {
        None
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(a.to_owned())
    } else if lower.starts_with("www.") {
        Some(format!("https://{a}"))
    } else {
        None
    }
}

/// Whether a contact is a fax number, which a `tel:` link would only dial.
fn is_fax(c: &Contact) -> bool {
    let words = |t: &str| {
        t.to_ascii_lowercase()
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .any(|w| w.starts_with("fax") || w == "facsimile")
    };
    c.purpose.as_deref().is_some_and(words)
}

/// A contact: an e-mail address, a telephone number (not a fax) or a web
/// address is a link of its kind, built only from an address whose shape
/// was recognised (`Contact::kind`), so policy text can never make a
/// `javascript:` link.
fn contact(c: &Contact) -> String {
    let shown = esc(c.address.trim());
    let link = match c.kind() {
        ContactKind::Email => Some(format!("mailto:{}", c.address.trim())),
        ContactKind::Web => web_link(&c.address),
        ContactKind::Phone if !is_fax(c) => Some(format!(
            "tel:{}",
            c.address
                .chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                .collect::<String>()
        )),
        ContactKind::Phone | ContactKind::Other => None,
    };
    let address = match link {
        // A number is kept on one line.
        Some(link) if link.starts_with("tel:") => {
            format!(
                "<a href=\"{}\">{}</a>",
                esc(&link),
                shown.replace(' ', "&#160;")
            )
        }
        Some(link) => format!("<a href=\"{}\">{shown}</a>", esc(&link)),
        None => shown,
    };
    let purpose = match (&c.purpose, c.scope) {
        (Some(p), Some(scope)) => format!(" ({}; for {})", esc(p), super::scope_word(scope)),
        (Some(p), None) => format!(" ({})", esc(p)),
        (None, Some(scope)) => format!(" (for {})", super::scope_word(scope)),
        (None, None) => String::new(),
    };
    format!("{address}{purpose}")
}

fn downloads(out: &mut String, files: &[(String, String)]) {
    out.push_str("<h2 id=\"downloads\">Downloads</h2>\n");
    // The browser's own print is the PDF every reader has: the print
    // stylesheet makes the page an A4 leaflet, chart first.
    out.push_str(
        "<p>To keep a copy of this page, print it or save it as a PDF from your browser's \
         Print menu: it prints as an A4 leaflet, the flowchart first and the procedure in words \
         after it.</p>\n",
    );
    if files.is_empty() {
        return;
    }
    out.push_str("<ul class=\"downloads\">\n");
    for (file, what) in files {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a> ({})</li>",
            esc(&href(file)),
            esc(what),
            esc(file)
        );
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::{contact, web_link};
    use crate::model::Contact;
    use crate::span::Span;

    fn c(address: &str, purpose: &str) -> String {
        contact(&Contact {
            address: address.to_owned(),
            purpose: Some(purpose.to_owned()),
            scope: None,
            span: Span::new(0, 0),
        })
    }

    #[test]
    fn contacts_link_by_kind_and_a_fax_is_no_link() {
        assert_eq!(
            c("020 8420 9453", "calling"),
            "<a href=\"tel:02084209453\">020&#160;8420&#160;9453</a> (calling)"
        );
        assert_eq!(
            c("020 8416 8269", "faxing the service"),
            "020 8416 8269 (faxing the service)"
        );
        assert_eq!(c("020 8416 8269", "Fax"), "020 8416 8269 (Fax)");
        assert!(c("a@b.org", "x").starts_with("<a href=\"mailto:a@b.org\">"));
        assert!(c("www.x.gov.uk/a", "x").starts_with("<a href=\"https://www.x.gov.uk/a\">"));
        assert_eq!(c("the Business Unit", "x"), "the Business Unit (x)");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("web:pct"), None);
        assert_eq!(
            web_link("http://x.org/a"),
            Some("http://x.org/a".to_owned())
        );
        assert_eq!(web_link("www.x.org"), Some("https://www.x.org".to_owned()));
    }
}
