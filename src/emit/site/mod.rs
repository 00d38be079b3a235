//! The site `ladder build` publishes: an index of every policy and one page
//! per policy, each self-contained (no scripts, no outside styles, fonts
//! or images) and written to WCAG 2.2 AA: a language, a skip link,
//! landmarks, headings in order, focus styles, contrast, and a print
//! stylesheet that makes a policy page an A4 leaflet.
//!
//! `index` lists the policies (one table row each, so the page grows by a
//! row per policy and no more); `policy::page` is a policy's page with its
//! facts, its flowchart and the text version of the whole procedure
//! (`text.rs`); `chart.rs` fits a Graphviz SVG into a page. Every piece of
//! policy text goes through `escape::html`, and every link is built from a
//! recognised shape (`href` here, contacts in `policy.rs`), so policy text
//! can never make a link of its own. Reads only the model and what the
//! caller passes in.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::escape::html as esc;
use crate::model::{Policy, PolicyDate, Precision};

pub mod chart;
pub mod policy;
mod text;

/// One policy on the index.
pub struct Entry<'a> {
    /// The file name without `.ladder`, which names every output file.
    pub name: &'a str,
    /// The policy as read. Only its title and board are shown for one that
    /// fails the check, and it may have none (when it could not be read
    /// through).
    pub policy: Option<&'a Policy>,
    /// The policy has errors: its page and files are those of the last
    /// build it passed, and the index says so.
    pub failing: bool,
}

/// A relative URL for a file in the site, safe whatever the file's name:
/// every byte outside the unreserved set is percent-encoded, and the URL
/// starts with `./`, so that `web:pct` can never be read as a scheme.
#[must_use]
pub fn href(file: &str) -> String {
    let mut out = String::from("./");
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A stage's id on its policy's page, which is its stable anchor:
/// `stage-3`, `threshold-step-1` (the JSON's `threshold.step-1` with only
/// the letters, digits, dashes and underscores every HTML tool accepts).
#[must_use]
pub fn anchor(key: &crate::model::StageKey) -> String {
    key.slug().replace('.', "-")
}

/// The index page. `today` decides the review status shown; `editor` is
/// whether the browser editor (`cargo xtask editor --out OUT/editor`) is
/// published beside the site, so the index can offer it.
#[must_use]
pub fn index(entries: &[Entry<'_>], today: NaiveDate, editor: bool) -> String {
    let mut out = head(
        "Escalation procedures",
        "Multi-agency escalation procedures for resolving disagreements between professionals: \
         each with its flowchart and every stage in words.",
        "",
    );
    out.push_str("<main id=\"main\">\n<h1>Escalation procedures</h1>\n");
    let _ = writeln!(
        out,
        "<p>Each procedure has a page of its own, with its flowchart and the whole procedure \
         in words. Review status as at {}.</p>",
        esc(&long_date(today))
    );
    out.push_str(
        "<table class=\"policies\">\n<caption>Procedures</caption>\n<thead><tr>\
         <th scope=\"col\">Procedure</th><th scope=\"col\">Board</th><th scope=\"col\">Covers</th>\
         <th scope=\"col\">Review</th><th scope=\"col\">Last updated</th></tr></thead>\n<tbody>\n",
    );
    for e in entries {
        let p = match (e.policy, e.failing) {
            (Some(p), false) => p,
            (p, _) => {
                failing_row(&mut out, e.name, p);
                continue;
            }
        };
        let (class, status) = review(p, today);
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" data-label=\"Procedure\"><a href=\"{}\">{}</a></th>\
             <td data-label=\"Board\">{}</td><td data-label=\"Covers\">{}</td>\
             <td data-label=\"Review\" class=\"{class}\">{}</td><td data-label=\"Last updated\">{}</td></tr>",
            esc(&href(&format!("{}.html", e.name))),
            esc(title(p)),
            esc(&board(p)),
            esc(&covers(p).unwrap_or_else(|| "Not stated".to_owned())),
            esc(&status),
            esc(&last_updated(p))
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if editor {
        out.push_str(
            "<p class=\"editor\"><a href=\"./editor/index.html\">Write or check a policy in your \
             browser</a>: nothing is uploaded and nothing needs installing.</p>\n",
        );
    }
    out.push_str("</main>\n");
    foot(&mut out);
    out
}

/// The row of a policy whose latest revision fails the check: its title
/// links to the page of the last version that passed, and the row says so.
fn failing_row(out: &mut String, name: &str, p: Option<&Policy>) {
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\" data-label=\"Procedure\"><a href=\"{}\">{}</a></th>\
         <td data-label=\"Board\">{}</td><td data-label=\"Covers\">{}</td>\
         <td data-label=\"Review\" class=\"overdue\">Being revised: the latest revision has \
         errors, so this page is the last version that passed the check</td>\
         <td data-label=\"Last updated\">{}</td></tr>",
        esc(&href(&format!("{name}.html"))),
        esc(p.map_or(name, title)),
        esc(&p.map_or_else(|| "Not stated".to_owned(), board)),
        esc(&p
            .and_then(covers)
            .unwrap_or_else(|| "Not stated".to_owned())),
        esc(&p.map_or_else(|| "Not stated".to_owned(), last_updated))
    );
}

/// The start of a page, up to the skip link and the banner, with the
/// stylesheet. `description` is what a search engine shows; `back` is a
/// link back to the index, or empty.
fn head(title: &str, description: &str, back: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    let _ = writeln!(
        out,
        "<meta name=\"description\" content=\"{}\">",
        esc(description)
    );
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the main content</a>\n");
    out.push_str("<header class=\"banner\">\n");
    if back.is_empty() {
        out.push_str("<p class=\"site\">Multi-agency escalation procedures</p>\n");
    } else {
        out.push_str(
            "<nav aria-label=\"Site\"><a href=\"./index.html\">All escalation procedures</a></nav>\n",
        );
    }
    out.push_str("</header>\n");
    out
}

fn foot(out: &mut String) {
    out.push_str(
        "<footer class=\"foot\"><p>Published with ladder from the board's own procedure.</p></footer>\n\
         </body>\n</html>\n",
    );
}

/// The stylesheet: system fonts, text at least 16 px, colours with at
/// least 4.5:1 contrast, a visible focus on every link and on the chart's
/// scroll area, a table that stacks on a phone, and the print layout.
const STYLE: &str = "\
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: system-ui, -apple-system, \"Segoe UI\", Helvetica, Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { position: static; display: block; padding: 0.5rem 1rem; }
.banner, .foot { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
main { padding: 0 1rem; }
main > * { max-width: 58rem; margin-left: auto; margin-right: auto; }
.banner { padding-top: 0.75rem; padding-bottom: 0.75rem; border-bottom: 4px solid #1d4f91; }
.banner p, .banner nav { margin: 0; font-weight: bold; }
.foot { border-top: 1px solid #b1b4b6; margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; font-size: 0.9rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin-top: 1.5rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; margin-bottom: 0.75rem; border-top: 1px solid #b1b4b6; padding-top: 1rem; }
h3 { font-size: 1.25rem; margin-top: 1.75rem; margin-bottom: 0.5rem; }
h4, h5 { font-size: 1.1rem; margin-top: 1.25rem; margin-bottom: 0.5rem; }
p, li, dd, td, th { overflow-wrap: break-word; }
dd a, li a { overflow-wrap: anywhere; }
a { color: #1d4f91; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:hover { color: #0b0c0c; text-decoration-thickness: 3px; }
a:focus-visible, .chart-scroll:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; background: #ffdd00; color: #0b0c0c; }
.chart-scroll:focus-visible { background: #ffffff; box-shadow: 0 0 0 6px #ffdd00; }
.board { font-size: 1.2rem; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.4rem 1.25rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.overdue { color: #a1231c; font-weight: bold; }
.due { color: #1f6b24; }
.none { color: #6b4100; }
table.policies { border-collapse: collapse; width: 100%; }
table.policies caption { text-align: left; font-weight: bold; font-size: 1.25rem; margin-bottom: 0.5rem; }
table.policies th, table.policies td { border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0.75rem 0.5rem 0; text-align: left; vertical-align: top; }
main > figure.chart { margin-top: 1rem; margin-bottom: 1rem; width: max-content; max-width: 100%; }
.chart-scroll { overflow-x: auto; max-width: 100%; border: 1px solid #b1b4b6; background: #ffffff; }
nav.contents ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.chart-scroll svg { display: block; }
figcaption { margin-top: 0.5rem; }
ol.stages { padding-left: 0; list-style: none; }
ol.stages > li { border-left: 4px solid #1d4f91; padding: 0.25rem 0 0.25rem 1rem; margin: 1.5rem 0; }
ol.steps > li { border-left-color: #6a4c93; }
.window { font-weight: bold; }
.label { font-weight: bold; margin-bottom: 0.25rem; }
.condition { border-left: 3px solid #1f5fa8; padding-left: 0.75rem; }
.cite { color: #3d3d3d; font-size: 0.95rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.6rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.5rem; }
  table.policies thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.policies, table.policies tbody, table.policies tr, table.policies th, table.policies td { display: block; width: 100%; }
  table.policies tr { border-bottom: 2px solid #b1b4b6; padding: 0.5rem 0; }
  table.policies th, table.policies td { border: 0; padding: 0.1rem 0; }
  table.policies td::before { content: attr(data-label) \": \"; font-weight: bold; }
}
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; color: #000000; }
  .skip, .banner, .foot, .downloads, #downloads, figcaption { display: none; }
  .banner, main, .foot, main > * { max-width: none; padding: 0; }
  nav.contents { display: none; }
  main > figure.chart { width: auto; }
  h2 { break-after: avoid; }
  .chart-scroll { overflow: visible; border: 0; }
  .chart-scroll svg { width: 100% !important; height: auto !important; }
  figure.chart { break-after: page; }
  ol.stages > li { break-inside: avoid; }
  a { color: #000000; }
}
";

fn title(p: &Policy) -> &str {
    p.header.title.as_deref().unwrap_or("Untitled procedure")
}

fn board(p: &Policy) -> String {
    super::summary::boards(p).unwrap_or_else(|| "Board not stated".to_owned())
}

fn covers(p: &Policy) -> Option<String> {
    let scope: Vec<&str> = p.header.scope.iter().copied().map(scope_word).collect();
    (!scope.is_empty()).then(|| super::summary::capitalise(&scope.join(" and ")))
}

/// `Updated March 2021`, or `Adopted April 2023` when no update is stated.
fn last_updated(p: &Policy) -> String {
    match (&p.header.updated, &p.header.adopted) {
        (Some(d), _) => format!("Updated {}", date(d)),
        (None, Some(d)) => format!("Adopted {}", date(d)),
        (None, None) => "Not stated".to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn file_names_become_safe_relative_urls() {
        assert_eq!(href("halton.html"), "./halton.html");
        assert_eq!(href("web:pct.html"), "./web%3Apct.html");
        assert_eq!(href("a b#c?.html"), "./a%20b%23c%3F.html");
        assert_eq!(href("caf\u{e9}.html"), "./caf%C3%A9.html");
        assert_eq!(href("javascript:alert(1)"), "./javascript%3Aalert%281%29");
    }
}
