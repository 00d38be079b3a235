//! Codes: L016. A bank-holiday calendar that fits where the board is.
//!
//! Scotland and Northern Ireland have bank holidays of their own (St
//! Andrew's Day, 2 January, St Patrick's Day, the Battle of the Boyne), so
//! a board there that counts working days with `holidays
//! england-and-wales` gets deadlines a day out around those dates. ladder
//! cannot know where a board is, but its name and its contacts often say:
//! `gov.scot`, "Glasgow", "Belfast", `nidirect.gov.uk`. This is advice
//! that says what was seen and where, never an error: a board may count
//! with another part's holidays on purpose.

use crate::calendar::Division;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{ContactKind, Policy};
use crate::span::Span;

/// Words that place a board in Scotland: the country, its domains and its
/// council areas' names that are not also common surnames or English
/// places.
const SCOTLAND: &[&str] = &[
    "scot",
    "scotland",
    "scottish",
    "nhsscotland",
    "glasgow",
    "edinburgh",
    "aberdeen",
    "aberdeenshire",
    "dundee",
    "inverness",
    "highland",
    "lothian",
    "midlothian",
    "lanarkshire",
    "ayrshire",
    "renfrewshire",
    "inverclyde",
    "dunbartonshire",
    "clackmannanshire",
    "perthshire",
    "argyll",
    "orkney",
    "shetland",
];

/// Words that place a board in Northern Ireland: its domains (`ni` as a
/// part of a domain, as in `health-ni.gov.uk`), its safeguarding board, and
/// its cities and counties.
const NORTHERN_IRELAND: &[&str] = &[
    "ni",
    "nidirect",
    "hscni",
    "sbni",
    "safeguardingni",
    "belfast",
    "londonderry",
    "derry",
    "antrim",
    "armagh",
    "fermanagh",
    "tyrone",
    "lisburn",
    "newry",
];

/// A word that places the board, and the line it was seen on.
struct Seen {
    division: Division,
    word: String,
    span: Span,
    place: &'static str,
}

pub(super) fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let header = &policy.header;
    let (Some(stated), Some(holidays_span)) = (header.holidays, header.holidays_span) else {
        return;
    };
    if stated == Division::AnyUk {
        return;
    }
    let mut seen: Vec<Seen> = Vec::new();
    if let Some(span) = header.board_span {
        for text in header.board.iter().chain(&header.board_short) {
            seen.extend(places(text, span, "the board's name", None));
        }
    }
    for contact in &header.contacts {
        // Only the domain of an address: the part before the `@` may be a
        // person's name, and a surname is no evidence of a place.
        let domain = match contact.kind() {
            ContactKind::Email => contact.address.rsplit('@').next().unwrap_or_default(),
            ContactKind::Web => contact.address.as_str(),
            ContactKind::Phone | ContactKind::Other => continue,
        };
        seen.extend(places(domain, contact.span, "a contact", Some(domain)));
    }
    let Some(first) = seen.first() else { return };
    let division = first.division;
    // Words pointing two ways (a cross-border board) settle nothing.
    if division == stated || seen.iter().any(|s| s.division != division) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::HolidaysElsewhere,
        holidays_span,
        format!(
            "the board seems to be in {}, but the policy counts with the bank holidays of {}",
            division.describe(),
            stated.describe()
        ),
    )
    .with_primary_label(format!("the bank holidays of {}", stated.describe()));
    let mut labelled: Vec<Span> = Vec::new();
    for s in &seen {
        // One label per line, naming the first word seen there.
        if labelled
            .iter()
            .any(|l| (l.start, l.end) == (s.span.start, s.span.end))
        {
            continue;
        }
        labelled.push(s.span);
        diagnostic = diagnostic.with_label(
            s.span,
            format!(
                "{} says `{}`, which suggests {}",
                s.place,
                s.word,
                division.describe()
            ),
        );
    }
    diagnostic = diagnostic.with_help(format!(
        "{} has bank holidays of its own, so working days counted with those of {} can give a deadline a day out. If the board is in {}, write `holidays {}`. If it counts with the bank holidays of {} on purpose, this note records that.",
        division.describe(),
        stated.describe(),
        division.describe(),
        division.name(),
        stated.describe()
    ));
    out.push(diagnostic);
}

/// The words of `text` that place it in Scotland or Northern Ireland, each
/// shown as `shown` (a whole domain) or as the word itself.
fn places(text: &str, span: Span, place: &'static str, shown: Option<&str>) -> Vec<Seen> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_ascii_lowercase();
        let next = words.get(i + 1).map(|w| w.to_ascii_lowercase());
        let division = if SCOTLAND.contains(&lower.as_str()) {
            Division::Scotland
        } else if NORTHERN_IRELAND.contains(&lower.as_str()) {
            Division::NorthernIreland
        } else if lower == "northern" && next.as_deref() == Some("ireland") {
            found.push(Seen {
                division: Division::NorthernIreland,
                word: shown.map_or_else(
                    || format!("{word} {}", words.get(i + 1).unwrap_or(&"")),
                    str::to_owned,
                ),
                span,
                place,
            });
            continue;
        } else {
            continue;
        };
        found.push(Seen {
            division,
            word: shown.unwrap_or(word).to_owned(),
            span,
            place,
        });
    }
    found
}
