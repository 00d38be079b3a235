//! The pest parser and the syntax-tree builder.
//!
//! One builder function per grammar rule, named after the rule. The
//! builders trust the grammar for the shape of the parse tree and never
//! panic: where a shape is not what they expect they skip it, because a
//! diagnostic-free wrong tree is better found by tests than by a crash in
//! front of a user. Syntax errors themselves are turned into diagnostics by
//! `syntax_error`.
//!
//! This file owns the pest parser, the entry point, the dispatch of a
//! file's top-level items (the header lines among them) and the helpers
//! every builder shares (spans, names, strings, numbers). The builders for
//! each part of the grammar live beside it: `header.rs`, `stages.rs`,
//! `duties.rs`, `limits.rs` and `rules.rs`.

use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::ast::*;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

mod accept;
mod duties;
mod header;
mod limits;
mod rules;
mod stages;

use header::{decl, for_scope};

/// The parser generated from `grammar/ladder.pest`.
#[derive(Parser)]
#[grammar = "grammar/ladder.pest"]
pub struct LadderParser;

/// Parses text that has already passed the pasted-character scan. Returns
/// the tree, or pest's error for `syntax_error` to explain.
pub fn parse_file(
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<File, Box<pest::error::Error<Rule>>> {
    let mut pairs = LadderParser::parse(Rule::file, text).map_err(Box::new)?;
    let Some(pair) = pairs.next() else {
        return Ok(File::default());
    };
    mixed_conjunctions(&pair, diagnostics);
    let (acceptances, blocks) = accept::collect(&pair);
    let mut builder = Builder { diagnostics };
    let mut file = builder.file(pair);
    file.acceptances = acceptances;
    file.blocks = blocks;
    Ok(file)
}

/// Whether a list of names was joined with `or` (any one of them), rather
/// than with `and` or commas (all of them).
fn joined_by_or(pair: &Pair<'_, Rule>) -> bool {
    has_keyword(pair, Rule::kw_or)
}

/// A list that mixes `and` and `or` (`a and b or c`) could mean two things;
/// ladder asks rather than guesses. Lists are the names after a verb, `by`
/// or `via`, and the counterparts after `with`.
fn mixed_conjunctions(file: &Pair<'_, Rule>, diagnostics: &mut Vec<Diagnostic>) {
    for pair in file.clone().into_inner().flatten() {
        if !matches!(
            pair.as_rule(),
            Rule::name_list | Rule::actor_list | Rule::lead_decl | Rule::with_decl
        ) {
            continue;
        }
        // One label on the whole list: miette draws labels nested inside
        // another label's span out of place.
        if has_keyword(&pair, Rule::kw_and) && has_keyword(&pair, Rule::kw_or) {
            diagnostics.push(
                Diagnostic::new(
                    Code::Syntax,
                    span_of(&pair),
                    "this list mixes `and` and `or`, so it does not say whether all of them or any one of them is meant",
                )
                .with_primary_label("`and` means all of them, `or` any one of them: which is meant?")
                .with_help(
                    "Use `and` when all of them take part and `or` when any one of them is enough. If both are meant, write two lines, such as `notify line_manager` and `notify safeguarding_lead or senior_manager`.",
                ),
            );
        }
    }
}

/// True for keyword and punctuation rules, whose pairs carry no
/// information beyond their presence.
#[must_use]
pub fn is_token(r: Rule) -> bool {
    keyword_words(r).is_some()
        || matches!(r, Rule::punct_colon | Rule::punct_open | Rule::punct_close)
}

/// The words a keyword rule matches, such as `no later than` for
/// `kw_no_later_than`; `None` for rules that are not keywords.
#[must_use]
pub fn keyword_words(r: Rule) -> Option<String> {
    // A rule name cannot hold an apostrophe.
    if r == Rule::kw_each_agencys {
        return Some("each agency's".to_owned());
    }
    let name = format!("{r:?}");
    name.strip_prefix("kw_")
        .map(|words| words.replace('_', " "))
}

/// The non-keyword children of a pair.
fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| !is_token(p.as_rule()))
}

/// Whether a pair has a child keyword of the given rule.
fn has_keyword(pair: &Pair<'_, Rule>, wanted: Rule) -> bool {
    pair.clone().into_inner().any(|p| p.as_rule() == wanted)
}

struct Builder<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Builder<'_> {
    fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        let mut items = Vec::new();
        for child in children(pair) {
            if let Some(item) = self.item(child) {
                items.push(item);
            }
        }
        File {
            items,
            ..File::default()
        }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        let span = span_of(&pair);
        let header = |kind| Some(Item::Header(Header { kind, span }));
        match pair.as_rule() {
            Rule::policy_decl => header(HeaderKind::Policy(Self::first_text(pair)?)),
            Rule::board_decl => {
                let mut name = None;
                let mut short = None;
                let mut scope = None;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::string => name = Some(string(child)),
                        Rule::short_name => short = children(child).next().map(plain_text),
                        Rule::for_scope => scope = for_scope(&child),
                        _ => {}
                    }
                }
                header(HeaderKind::Board {
                    name: name?,
                    short,
                    scope,
                })
            }
            Rule::covers_decl => header(HeaderKind::Covers(
                children(pair)
                    .map(|scope| {
                        if has_keyword(&scope, Rule::kw_children) {
                            Scope::Children
                        } else {
                            Scope::Adults
                        }
                    })
                    .collect(),
            )),
            Rule::version_decl => header(HeaderKind::Version(Self::first_text(pair)?)),
            Rule::adopted_decl => header(HeaderKind::Adopted(Self::first_date(pair)?)),
            Rule::updated_decl => header(HeaderKind::Updated(Self::first_date(pair)?)),
            Rule::review_decl => {
                match children(pair.clone()).find(|p| p.as_rule() == Rule::review_period) {
                    Some(period) => header(HeaderKind::ReviewPeriod(self.review_period(period)?)),
                    None => header(HeaderKind::Review(Self::first_date(pair)?)),
                }
            }
            Rule::days_decl => {
                let kind = if pair.as_str().to_lowercase().contains("working") {
                    DayKind::Working
                } else {
                    DayKind::Calendar
                };
                header(HeaderKind::Days(kind))
            }
            Rule::day_one_decl => {
                let day_one = children(pair).next()?;
                let kind = if has_keyword(&day_one, Rule::kw_the_day_after_the_concern_arose) {
                    DayOne::DayAfter
                } else {
                    DayOne::DayConcernArose
                };
                header(HeaderKind::DayOne(kind))
            }
            Rule::holidays_decl => header(HeaderKind::Holidays(ident(children(pair).next()?))),
            Rule::contact_decl => {
                let scope = children(pair.clone())
                    .find(|p| p.as_rule() == Rule::for_scope)
                    .and_then(|p| for_scope(&p));
                let mut texts = children(pair)
                    .filter(|p| p.as_rule() == Rule::string)
                    .map(string);
                let address = texts.next()?;
                header(HeaderKind::Contact {
                    address,
                    purpose: texts.next(),
                    scope,
                })
            }
            Rule::source_decl => {
                let mut texts = children(pair).map(string);
                let title = texts.next()?;
                header(HeaderKind::Source {
                    title,
                    url: texts.next(),
                })
            }
            Rule::raised_by_decl => header(HeaderKind::RaisedBy(ident(children(pair).next()?))),
            Rule::stages_called_decl => header(HeaderKind::StagesCalled(Self::first_text(pair)?)),
            Rule::actor_decl => Some(Item::Actor(decl(pair)?)),
            Rule::record_decl => Some(Item::Record(decl(pair)?)),
            Rule::form_decl => Some(Item::Form(Self::form_decl(pair)?)),
            Rule::every_stage => Some(Item::EveryStage(EveryStage {
                duties: children(pair)
                    .filter(|d| d.as_rule() == Rule::duty)
                    .filter_map(|d| self.duty(d))
                    .collect(),
                span,
            })),
            Rule::stage => Some(Item::Stage(self.stage(pair)?)),
            Rule::exception_rule => Some(Item::Rule(self.exception_rule(pair)?)),
            Rule::procedure => Some(Item::Procedure(self.procedure(pair)?)),
            Rule::phase_decl => Some(Item::Phase(self.phase(pair)?)),
            Rule::note_decl => Some(Item::Note(string(children(pair).next()?))),
            Rule::overall_decl => {
                let aim = children(pair.clone()).any(|p| p.as_rule() == Rule::aim);
                let bound = children(pair).find(|p| p.as_rule() == Rule::bound)?;
                Some(Item::Overall(Overall {
                    aim,
                    bound: self.bound(bound)?,
                    span,
                }))
            }
            _ => None,
        }
    }

    fn digits(&mut self, pair: &Pair<'_, Rule>) -> Option<u32> {
        if let Ok(n) = pair.as_str().parse::<u32>() {
            return Some(n);
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                span_of(pair),
                format!("`{}` is too large a number", pair.as_str()),
            )
            .with_help("Numbers of stages, days and hours must be below 4294967296."),
        );
        None
    }

    fn number(&mut self, pair: Pair<'_, Rule>) -> Option<u32> {
        let inner = children(pair).next()?;
        match inner.as_rule() {
            Rule::digits => self.digits(&inner),
            _ => number_word(inner.as_str()),
        }
    }
}

/// A pair's span, without the whitespace and comments pest may have
/// consumed after its last word.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let start = pair.as_span().start();
    Span::new(start, start + crate::span::trimmed_len(pair.as_str()))
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "taking pairs by value, as pest's iterators yield them, lets builders compose with `map`"
)]
fn ident(pair: Pair<'_, Rule>) -> Ident {
    Ident {
        text: pair.as_str().to_owned(),
        span: span_of(&pair),
    }
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "taking pairs by value, as pest's iterators yield them, lets builders compose with `map`"
)]
fn plain_text(pair: Pair<'_, Rule>) -> Text {
    Text {
        text: pair.as_str().to_owned(),
        span: span_of(&pair),
    }
}

/// A quoted string; the text is exactly the part between the quotes
/// (spaces kept: the JSON and every output give the text as written).
fn string(pair: Pair<'_, Rule>) -> Text {
    let span = span_of(&pair);
    let text = pair
        .into_inner()
        .next()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    Text { text, span }
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = word.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}
