//! Turns pest's parse failures into diagnostics in the user's words, and
//! recovers to find more than one per run.
//!
//! pest reports the rules it tried at the furthest position it reached. Those
//! rule names are grammar jargon, so each is translated here into words
//! (`kw_no_later_than` becomes "`no later than`", `string` becomes "text in
//! quotes"). When many statements were possible, the block the error is in
//! (a stage, a form, a rule ...) says which statements to suggest.
//!
//! Recovery is by line: the line with the error is blanked and the file
//! parsed again, up to a limit. A line whose braces do not balance ends
//! recovery, because blanking it would misplace every later brace and report
//! errors that are not there.

use pest::error::{ErrorVariant, InputLocation};

use crate::ast::File;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parser::{self, Rule};
use crate::span::Span;

mod hints;
mod route_hints;

use hints::*;
use route_hints::*;

/// The most syntax errors reported for one file.
const MAX_ERRORS: usize = 20;
/// The largest file ladder reads, in bytes: far above any real procedure,
/// low enough that hostile input cannot make a run take long.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// Above this size, recovery stops after a few errors: each recovery step
/// parses the whole file again, and a large file full of errors would
/// otherwise take seconds.
const LARGE_INPUT_BYTES: usize = 256 * 1024;

/// Parses `text`, returning the syntax tree (only when the text parsed as it
/// is) and every diagnostic found on the way.
#[must_use]
pub fn parse(text: &str) -> (Option<File>, Vec<Diagnostic>) {
    let parsed = parse_recovering(text);
    (parsed.tree, parsed.diagnostics)
}

/// What parsing found, including what recovery could still read.
pub struct Parsed {
    /// The syntax tree, when the text parsed as it is.
    pub tree: Option<File>,
    /// After syntax errors: the tree of the text with the broken lines
    /// blanked, and the text of those lines. Only a few checks may be run
    /// on it (see `driver`), because whatever the broken lines said is
    /// missing from it.
    pub recovered: Option<(File, Vec<String>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `text` as `parse` does, and also keeps the tree recovery built.
#[must_use]
pub fn parse_recovering(text: &str) -> Parsed {
    let (tree, recovered, diagnostics) = parse_inner(text);
    Parsed {
        tree,
        recovered,
        diagnostics,
    }
}

type Inner = (Option<File>, Option<(File, Vec<String>)>, Vec<Diagnostic>);

fn parse_inner(text: &str) -> Inner {
    if text.len() > MAX_INPUT_BYTES {
        let diagnostic = Diagnostic::new(
            Code::Syntax,
            Span::new(0, 0),
            format!(
                "the file is {} bytes long, more than the {} bytes ladder reads",
                text.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help(
            "A procedure file is normally a few kilobytes. Check that this is the right file.",
        );
        return (None, None, vec![diagnostic]);
    }
    let (cleaned, mut diagnostics) = crate::pasted::scan(text);
    // Keep a hostile file from running long: pest does not memoise.
    pest::set_call_limit(std::num::NonZeroUsize::new(50_000_000));
    let mut working = cleaned;
    let mut recovered = false;
    let mut blanked: Vec<String> = Vec::new();
    // The last error's expectation and line, to notice a cascade.
    let mut previous: Option<(Option<String>, usize)> = None;
    let max_errors = if text.len() > LARGE_INPUT_BYTES {
        3
    } else {
        MAX_ERRORS
    };
    for _ in 0..max_errors {
        match parser::parse_file(&working, &mut diagnostics) {
            Ok(file) => {
                return if recovered {
                    (None, Some((file, blanked)), diagnostics)
                } else {
                    (Some(file), None, diagnostics)
                };
            }
            Err(error) => {
                let (diagnostic, line) = explain(&working, &error);
                let line_number = line_of(&working, line);
                // Blanking one line of a statement that spans several leaves
                // the rest of it behind, and the same expectation fails again
                // on the next lines. Stop rather than report the echoes.
                if let Some((expected, at)) = &previous
                    && *expected == diagnostic.primary_label
                    && line_number <= at + 2
                {
                    break;
                }
                previous = Some((diagnostic.primary_label.clone(), line_number));
                let pasted_here = diagnostics.iter().any(|d| {
                    d.code == Code::PastedCharacter
                        && line_of(text, d.span.start) == line_of(text, diagnostic.span.start)
                });
                // A pasted character already explains an error on its line.
                if !pasted_here {
                    diagnostics.push(diagnostic);
                }
                recovered = true;
                blanked.push(line_text(&working, line).to_owned());
                if !blank_line(&mut working, line) {
                    break;
                }
            }
        }
    }
    (None, None, diagnostics)
}

/// The text of the line that starts at `line_start`.
fn line_text(text: &str, line_start: usize) -> &str {
    let end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    &text[line_start..end]
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..crate::span::clamp_to_char_boundary(text, offset)]
        .matches('\n')
        .count()
}

/// Replaces the text of one line with spaces, keeping offsets. Returns false
/// when recovery should stop: the line is empty already, or its braces do
/// not balance.
fn blank_line(text: &mut String, line_start: usize) -> bool {
    let end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..end];
    if line.trim().is_empty() || line.matches('{').count() != line.matches('}').count() {
        return false;
    }
    let blank = " ".repeat(line.len());
    text.replace_range(line_start..end, &blank);
    true
}

/// Builds the diagnostic for one pest error; also returns the byte offset of
/// the start of the line it is on.
fn explain(text: &str, error: &pest::error::Error<Rule>) -> (Diagnostic, usize) {
    let offset = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let found = found_word(text, offset);
    let mut positives: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // `within 10 days of referral`: pest read `of` as the start of `of
    // stage 2 concluding` and fails after it; the mistake is the whole
    // anchor, so report it at `of` with every anchor the language has.
    let (offset, found) = match strip_word_suffix(text[..offset].trim_end(), "of") {
        Some(before) if positives.contains(&Rule::kw_the_previous_stage) => {
            positives = vec![Rule::anchor];
            let at = before.len();
            (at, found_word(text, at))
        }
        _ => (offset, found),
    };
    let span = Span::new(offset, offset + found.len());
    let context = block_context(text, offset);

    let at_end = text[offset..].trim().is_empty();
    if at_end && let Some(block) = &context {
        let diagnostic = Diagnostic::new(
                Code::Syntax,
                Span::new(block.open, block.open + 1),
                format!("the file ends before {} is closed", block.what),
            )
            .with_primary_label("this `{` is never closed")
            .with_help("Add a `}` on a line of its own where the block ends. If the file was cut short, restore the missing lines.");
        return (diagnostic, line_start);
    }
    if found == "}" && context.is_none() {
        let diagnostic = Diagnostic::new(Code::Syntax, span, "this `}` closes nothing")
            .with_primary_label("no `{` is open here")
            .with_help("Delete the `}`, or add the line that opens the block, such as `stage 2 \"Title\" {`.");
        return (diagnostic, line_start);
    }

    if let Some(diagnostic) = unclosed_before_next_block(text, offset, found, context.as_ref()) {
        return (diagnostic, line_start);
    }
    if let Some(mut diagnostic) = slashed_date(text, offset, &positives)
        .or_else(|| ordinal_date(text, offset, found))
        .or_else(|| hyphenated_name(text, offset, found))
        .or_else(|| spaced_name(text, offset, found, &positives))
        .or_else(|| holidays_in_words(text, offset))
        .or_else(|| day_one_in_words(text, offset, found, &positives))
        .or_else(|| partial_keyword(text, offset, found, &positives))
        .or_else(|| within_after_end(text, offset, found))
    {
        if let Some(block) = &context
            && block.open < line_start
        {
            diagnostic = diagnostic.with_label(
                Span::new(block.open, block.open + 1),
                format!("inside {} that starts here", block.what),
            );
        }
        return (diagnostic, line_start);
    }

    let expected = describe_expected(&positives, context.as_ref());
    let found_words = if found.is_empty() {
        "the end of the file".to_owned()
    } else {
        format!("`{found}`")
    };
    let after = previous_word(text, offset);
    // A statement cut short at the end of its line: pest stops at the first
    // word of the next line, but the mistake is on this one. Point at the
    // last word written, and let recovery blank this line, not the next.
    let content_end = crate::span::trimmed_len(&text[..offset]);
    if !expected_is_statement(&positives)
        && let Some(word) = after
        && text[content_end..offset].contains('\n')
    {
        let word_span = Span::new(content_end - word.len(), content_end);
        let mut diagnostic = Diagnostic::new(
            Code::Syntax,
            word_span,
            format!("expected {expected} after `{word}`, but the line ends there"),
        )
        .with_primary_label(format!("expected {expected} after this"));
        if let Some(help) = help_for(&positives, "", context.as_ref()) {
            diagnostic = diagnostic.with_help(help);
        }
        let statement_line = text[..content_end].rfind('\n').map_or(0, |i| i + 1);
        return (diagnostic, statement_line);
    }
    let message = match after {
        Some(word) if !expected_is_statement(&positives) => {
            format!("expected {expected} after `{word}`, found {found_words}")
        }
        _ => format!("expected {expected}, found {found_words}"),
    };
    let mut diagnostic = Diagnostic::new(Code::Syntax, span, message)
        .with_primary_label(format!("expected {expected}"));
    if let Some(help) = help_for(&positives, found, context.as_ref()) {
        diagnostic = diagnostic.with_help(help);
    }
    if let Some(keyword) = misspelt_keyword(&positives, found) {
        // `lead by` needs only its first word changed; `lead practitioner`
        // needs the whole keyword.
        let mut words = keyword.split(' ');
        let first = words.next().unwrap_or(&keyword);
        let rest: Vec<&str> = words.collect();
        let following = words_from(text, offset + found.len());
        let rest_follows = rest.len() <= following.len()
            && rest
                .iter()
                .zip(&following)
                .all(|(k, (_, w))| k.eq_ignore_ascii_case(w));
        let replacement = if rest_follows {
            first
        } else {
            keyword.as_str()
        };
        diagnostic = diagnostic
            .with_primary_label(format!("did you mean `{keyword}`?"))
            .with_help(format!("Change `{found}` to `{replacement}`."));
    }
    if let Some(block) = context
        && block.open < line_start
    {
        diagnostic = diagnostic.with_label(
            Span::new(block.open, block.open + 1),
            format!("inside {} that starts here", block.what),
        );
    }
    (diagnostic, line_start)
}

/// The words that start a statement, for "did you mean" at the start of one.
const STATEMENT_KEYWORDS: &[&str] = &[
    "policy",
    "board",
    "covers",
    "version",
    "adopted",
    "updated",
    "review",
    "days are",
    "day 1 is",
    "holidays",
    "contact",
    "source",
    "concern raised by",
    "stages are called",
    "actor",
    "record",
    "form",
    "every stage",
    "stage",
    "when",
    "procedure",
    "cites",
    "note",
    "start",
    "conclude",
    "aim to",
    "led by",
    "panel",
    "resolved:",
    "unresolved:",
    "may",
    "notify",
    "share",
    "refer",
    "recommend",
    "decide",
    "report",
    "involve",
    "consult",
    "meet",
    "complete",
    "task",
    "field",
    "send to",
    "convened by",
    "overseen by",
    "chaired by",
    "members",
    "decision",
    "applies when",
    "meanwhile",
    "step",
    "follow",
    "start at",
];

/// The keyword the user probably meant, when the word they wrote is close
/// to one of the keywords allowed here (`starts` for `start`).
fn misspelt_keyword(positives: &[Rule], found: &str) -> Option<String> {
    if found.is_empty() || !found.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut phrases = keyword_phrases(positives);
    if expected_is_statement(positives) {
        phrases.extend(STATEMENT_KEYWORDS.iter().map(|k| (*k).to_owned()));
    }
    let first_words: Vec<&str> = phrases.iter().filter_map(|p| p.split(' ').next()).collect();
    let best = crate::lower::did_you_mean(found, first_words.iter().copied())?;
    if best.trim_end_matches(':').eq_ignore_ascii_case(found) || !could_be_misspelt(found, best) {
        return None;
    }
    phrases
        .iter()
        .find(|p| p.split(' ').next() == Some(best))
        .map(|p| p.trim_end_matches(':').to_owned())
}

/// The word, number or symbol at `offset`, as the user wrote it.
fn found_word(text: &str, offset: usize) -> &str {
    let rest = &text[offset..];
    let Some(first) = rest.chars().next() else {
        return "";
    };
    if first == '"' {
        // Up to the closing quote; an unclosed quote stops at the end of
        // the line, which is not part of what was found.
        let end = match rest[1..].find(['"', '\n']) {
            Some(i) if rest[1 + i..].starts_with('"') => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        // Long text is cut, at a character boundary, to keep messages short.
        return &rest[..crate::span::clamp_to_char_boundary(rest, end.min(40))];
    }
    if first.is_alphanumeric() || first == '_' {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        return &rest[..end];
    }
    &rest[..first.len_utf8()]
}

/// The last word before `offset`, skipping whitespace and line breaks, unless
/// it ends quoted text or a block (then "after" would read oddly).
fn previous_word(text: &str, offset: usize) -> Option<&str> {
    // Comments are not words of the statement: cut off any that end the
    // text before the error, line by line.
    let mut before = &text[..offset];
    loop {
        let trimmed = before.trim_end();
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        match crate::format::comments(&trimmed[line_start..]).first() {
            Some(comment) => before = &trimmed[..line_start + comment.start],
            None => break,
        }
    }
    let trimmed = before.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(['"', '{', '}']) {
        return None;
    }
    let word = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .filter(|w| !w.is_empty())?;
    Some(word)
}

/// The innermost block open at an offset.
struct Block {
    open: usize,
    what: String,
    keyword: String,
}

/// Finds the innermost unclosed `{` before `offset` (outside quotes and
/// comments) and names the block it opens after the statement's first word.
fn block_context(text: &str, offset: usize) -> Option<Block> {
    let mut stack: Vec<usize> = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        let b = bytes[i];
        match b {
            b'\n' => {
                in_string = false;
                in_comment = false;
            }
            _ if in_comment => {}
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => in_comment = true,
            b'{' if !in_string => stack.push(i),
            b'}' if !in_string => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let open = *stack.last()?;
    let statement_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    let head = text[statement_start..open].trim();
    let mut keyword = head.split_whitespace().next().unwrap_or("").to_lowercase();
    // `resolved: end "..." {` and `if "...": go to step 3 {` open a route's
    // duties; `if "..." {` a condition.
    let after_condition = head.rsplit('"').next().unwrap_or("");
    if keyword.starts_with("resolved")
        || keyword.starts_with("unresolved")
        || (keyword == "if" && head.contains('"') && after_condition.contains(':'))
    {
        "route".clone_into(&mut keyword);
    }
    let what = match keyword.as_str() {
        "route" => format!(
            "the duties of the route `{}`",
            head.trim_end_matches('{').trim()
        ),
        "stage" => format!("the stage `{}`", head.trim_end_matches('{').trim()),
        "step" => format!("the step `{}`", head.trim_end_matches('{').trim()),
        "form" => "the form".to_owned(),
        "every" => "the `every stage` block".to_owned(),
        "when" => "the exception rule".to_owned(),
        "procedure" => "the procedure".to_owned(),
        "panel" => "the panel".to_owned(),
        "if" => format!("the block `{}`", head.trim_end_matches('{').trim()),
        _ => "the block".to_owned(),
    };
    Some(Block {
        open,
        what,
        keyword,
    })
}

/// The verbs that start a duty, which are all pest expects after `must`,
/// `should` or `may`.
fn is_duty_verb(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_record
            | Rule::kw_notify
            | Rule::kw_share
            | Rule::kw_refer
            | Rule::kw_recommend
            | Rule::kw_decide
            | Rule::kw_report
            | Rule::kw_involve
            | Rule::kw_consult
            | Rule::kw_meet
            | Rule::kw_complete
            | Rule::kw_task
    )
}

/// True when pest expects only a duty's verb (after `must`, `should` or
/// `may`).
fn expected_is_verb(positives: &[Rule]) -> bool {
    !positives.is_empty() && positives.iter().all(|&rule| is_duty_verb(rule))
}

/// True when pest was looking for the start of a statement.
fn expected_is_statement(positives: &[Rule]) -> bool {
    if expected_is_verb(positives) {
        return false;
    }
    positives.len() > 6
        || positives
            .iter()
            .all(|&rule| rule_words(rule) == "a statement")
}

/// Words for what was expected.
fn describe_expected(positives: &[Rule], context: Option<&Block>) -> String {
    if expected_is_verb(positives) {
        return "a duty's verb, such as `record`, `notify`, `consult` or `task`".to_owned();
    }
    if expected_is_statement(positives) {
        return match context.map(|b| b.keyword.as_str()) {
            Some("stage" | "step") => "a statement of the stage (such as `start`, `conclude`, `led by`, `record`, `notify`, `resolved:`) or `}`".to_owned(),
            Some("form") => "`field`, `send to`, `cites`, `note` or `}`".to_owned(),
            Some("every") => "a duty (such as `record`, `notify`, `share outcome with`) or `}`".to_owned(),
            Some("when") => "`start at`, `follow`, a duty such as `notify`, or `}`".to_owned(),
            Some("procedure") => "`applies when`, `meanwhile`, `concern raised by`, `when`, `step`, `cites`, `note` or `}`".to_owned(),
            Some("panel") => "`convened by`, `overseen by`, `chaired by`, `members`, `decision`, a duty or `}`".to_owned(),
            Some("if") => "a duty (such as `involve`, `notify`, `record`), `led by`, `with`, `note` or `}`".to_owned(),
            Some("route") => "a duty (such as `task`, `record`, `notify`) or `}`".to_owned(),
            _ => "a new statement (such as `policy`, `board`, `actor`, `record`, `form`, `every stage`, `stage`, `when` or `procedure`)".to_owned(),
        };
    }
    let mut words: Vec<String> = positives.iter().map(|&rule| rule_words(rule)).collect();
    words.sort();
    words.dedup();
    match words.len() {
        0 => "something else".to_owned(),
        1 => words.remove(0),
        _ => {
            let last = words.pop().unwrap_or_default();
            format!("{} or {}", words.join(", "), last)
        }
    }
}

/// One grammar rule in words.
fn rule_words(rule: Rule) -> String {
    if let Some(words) = parser::keyword_words(rule) {
        return format!("`{words}`");
    }
    match rule {
        Rule::punct_colon => "`:`".to_owned(),
        Rule::punct_open => "`{`".to_owned(),
        Rule::punct_close => "`}`".to_owned(),
        Rule::string | Rule::string_text => "text in quotes".to_owned(),
        Rule::name | Rule::name_list | Rule::actor_list | Rule::actor_ref => "a name (letters, digits and `_`, starting with a letter)".to_owned(),
        Rule::number | Rule::digits | Rule::number_word => "a number".to_owned(),
        Rule::date | Rule::iso_date | Rule::day_month_year | Rule::month_year | Rule::year | Rule::month => {
            "a date such as `April 2025`, `1 April 2025` or `2025-04-01`".to_owned()
        }
        Rule::division => "a bank-holiday calendar (`england-and-wales`, `scotland`, `northern-ireland` or `any-uk`)".to_owned(),
        Rule::stage_id => "a stage number or name".to_owned(),
        Rule::stage_ref => "`stage` or `step` and its number".to_owned(),
        Rule::bound | Rule::on_day | Rule::by_day | Rule::within => {
            "`on day`, `by day`, `no later than day` or `within`".to_owned()
        }
        Rule::day_ref => "`day` and a number".to_owned(),
        Rule::duration => "a number and a unit, such as `24 hours` or `5 working days`".to_owned(),
        Rule::unit => "a unit (`hours`, `days`, `calendar days` or `working days`)".to_owned(),
        Rule::anchor => "`of the concern arising`, `of being notified` or `of the stage starting`".to_owned(),
        Rule::target | Rule::end_target | Rule::escalate_target | Rule::follow_target => {
            "`end`, `escalate to`, `go to` or `follow`".to_owned()
        }
        Rule::outcome | Rule::outcome_when => "`resolved:`, `unresolved:` or `if \"...\":`".to_owned(),
        Rule::scope => "`adults` or `children`".to_owned(),
        Rule::for_scope => "`for adults` or `for children`".to_owned(),
        Rule::day_kind => "`calendar days` or `working days`".to_owned(),
        Rule::day_one => "`the day the concern arose` or `the day after the concern arose`".to_owned(),
        Rule::short_name | Rule::abbreviation => "the board's short name in brackets".to_owned(),
        Rule::independence => "`not concerned in the disagreement` or `including those concerned`".to_owned(),
        Rule::counterpart => "a name, or `equivalent` and a name".to_owned(),
        Rule::trigger => "`on entry`, `when resolved`, `when unresolved` or `when concluded`".to_owned(),
        Rule::where_possible => "`where possible` or `wherever possible`".to_owned(),
        Rule::EOI => "the end of the file".to_owned(),
        Rule::duty => "a duty such as `record`, `notify` or `share outcome with`".to_owned(),
        Rule::review_period | Rule::review_every | Rule::review_within => {
            "a review period such as `every 2 years` or `within 18 months of adoption`".to_owned()
        }
        Rule::period_unit => "`years` or `months`".to_owned(),
        Rule::review_anchor => "`of adoption` or `of the last update`".to_owned(),
        Rule::modality => "`must`, `should` or `may`".to_owned(),
        Rule::record_list | Rule::record_place => {
            "a record's name, or `each agency's` and a record's name".to_owned()
        }
        _ => "a statement".to_owned(),
    }
}

/// Help for common mistakes, in a full sentence.
fn help_for(positives: &[Rule], found: &str, context: Option<&Block>) -> Option<String> {
    let wants = |rule: Rule| positives.contains(&rule);
    let wants_name = wants(Rule::name)
        || wants(Rule::name_list)
        || wants(Rule::actor_list)
        || wants(Rule::actor_ref)
        || wants(Rule::record_list)
        || wants(Rule::record_place);
    if wants_name && is_reserved(found) {
        return Some(format!(
            "`{found}` is one of the language's own words, so it cannot be a name. If a name is missing here, add it; otherwise choose another name, such as `{found}_role`."
        ));
    }
    if found.starts_with('"') && wants_name {
        return Some("Names of actors, records, forms and stages are written without quotes, for example `line_manager`.".to_owned());
    }
    if wants_name && found.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Some("A name must start with a letter, for example `stage2_lead`.".to_owned());
    }
    if wants(Rule::string) && !found.starts_with('"') {
        return Some(
            "Put the text in straight double quotes, for example \"Manager to manager\"."
                .to_owned(),
        );
    }
    if wants(Rule::number) || wants(Rule::digits) {
        return Some(
            "Write the number in digits, for example `day 9`, or as a word from one to twenty."
                .to_owned(),
        );
    }
    // `kw_day` is also among the words that start a statement (`day 1 is
    // ...`): there, the mistake is not about a day number.
    if wants(Rule::kw_day) && !found.is_empty() && !expected_is_statement(positives) {
        return Some(
            "Write the day as `day` and its number, for example `no later than day 3`.".to_owned(),
        );
    }
    if wants(Rule::date) {
        return Some("Write a date as `April 2025`, `1 April 2025` or `2025-04-01`.".to_owned());
    }
    if expected_is_statement(positives) {
        return Some(match context.map(|b| b.keyword.as_str()) {
            Some("stage" | "step") => "Each line of a stage starts with a keyword, for example `start no later than day 3`, `led by line_manager`, `record \"the decision\" in case_record` or `unresolved: escalate to stage 3`. See docs/language.md for the full list.".to_owned(),
            None => "Each statement starts with a keyword, for example `actor line_manager \"Line manager\"` or `stage 1 \"Practitioner to practitioner\" {`. See docs/language.md for the full list.".to_owned(),
            _ => "See docs/language.md for the statements allowed here.".to_owned(),
        });
    }
    None
}

/// `text` without `suffix` at its end, ignoring ASCII case, when the suffix
/// is a whole word there.
fn strip_word_suffix<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let (before, tail) = (text.get(..cut)?, text.get(cut..)?);
    let whole_word = before
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
    (tail.eq_ignore_ascii_case(suffix) && whole_word).then_some(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse(text).1.into_iter().map(|d| d.message).collect()
    }

    /// The one syntax error in `text`, as a user reads it: the message, the
    /// text it points at, and the help.
    fn the_error(text: &str) -> (String, String, String) {
        let diagnostics = parse(text).1;
        assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
        let d = &diagnostics[0];
        (
            d.message.clone(),
            text[d.span.start..d.span.end].to_owned(),
            d.help.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn a_misspelt_statement_keyword_gets_help_to_change_it() {
        for (line, wrong, right) in [
            ("stgae 2 \"Manager to manager\" {\n}", "stgae", "stage"),
            ("reveiw March 2028", "reveiw", "review"),
            ("acter x \"X\"", "acter", "actor"),
            ("wen \"the adult is at risk\" {\n}", "wen", "when"),
            ("actr a \"A\"", "actr", "actor"),
        ] {
            let text = format!("policy \"X\"\nboard \"Y\" (Y)\n{line}\n");
            let (_, at, help) = the_error(&text);
            assert_eq!(at, wrong);
            assert_eq!(help, format!("Change `{wrong}` to `{right}`."), "{line}");
        }
    }

    #[test]
    fn a_misspelt_keyword_of_two_words_is_changed_whole_unless_the_rest_is_there() {
        let stage = |line: &str| format!("stage 1 \"A\" {{\n  {line}\n}}\n");
        assert_eq!(
            the_error(&stage("lead practitioner")).2,
            "Change `lead` to `led by`."
        );
        assert_eq!(
            the_error(&stage("concluded by day 12")).2,
            "Change `concluded` to `conclude`."
        );
    }

    #[test]
    fn day_one_written_as_a_word_asks_for_the_digit() {
        let (message, at, help) = the_error("policy \"X\"\nday one is the day the concern arose\n");
        assert_eq!(message, "expected the digit `1` after `day`, found `one`");
        assert_eq!(at, "one");
        assert_eq!(
            help,
            "Write the 1 as a digit: `day 1 is the day the concern arose`."
        );
        let (_, _, help) = the_error("day one is the day after the concern arose\n");
        assert!(
            help.contains("`day 1 is the day after the concern arose`"),
            "{help}"
        );
    }

    #[test]
    fn a_misspelt_second_word_of_a_keyword_is_pointed_at() {
        let (message, at, help) =
            the_error("stage 2 \"A\" {\n  led bi line_manager or safeguarding_lead\n}\n");
        assert_eq!(message, "expected `by` after `led`, found `bi`");
        assert_eq!(at, "bi");
        assert_eq!(
            help,
            "Change `bi` to `by`: these words are written together as `led by`."
        );
    }

    #[test]
    fn a_calendar_written_in_words_is_given_its_name() {
        let (message, at, help) = the_error("policy \"X\"\nholidays England and Wales\n");
        assert_eq!(
            message,
            "expected the name of one bank-holiday calendar after `holidays`, found `England and Wales`"
        );
        assert_eq!(at, "England and Wales");
        assert!(
            help.starts_with("Write `holidays england-and-wales`."),
            "{help}"
        );
        for name in ["scotland", "northern-ireland", "any-uk"] {
            assert!(help.contains(&format!("`{name}`")), "{help}");
        }
        // One word is a valid calendar syntactically; `lower` says which.
        assert!(parse("holidays England\n").1.is_empty());
    }

    #[test]
    fn a_date_with_slashes_is_rewritten_with_the_users_numbers() {
        let (message, at, help) = the_error("adopted 01/03/2026\n");
        assert_eq!(
            message,
            "expected a date such as `1 April 2025` or `2025-04-01`, found `01/03/2026`"
        );
        assert_eq!(at, "01/03/2026");
        assert_eq!(
            help,
            "Write `1 March 2026` or `2026-03-01`: dates cannot contain `/`."
        );
        // No such date: the help says how to write one, and what is wrong.
        let (_, _, help) = the_error("adopted 31/02/2026\n");
        assert!(help.contains("`1 March 2026`"), "{help}");
        assert!(help.contains("dates cannot contain `/`."), "{help}");
        assert!(help.ends_with("February 2026 has no day 31."), "{help}");
    }

    #[test]
    fn a_name_with_a_hyphen_or_spaces_is_given_with_underscores() {
        let (message, at, help) = the_error("actor line-manager \"Line manager\"\n");
        assert_eq!(message, "a name cannot contain `-`, found `line-manager`");
        assert_eq!(at, "line-manager");
        assert!(help.contains("cannot contain `-` or spaces"), "{help}");
        assert!(help.contains("Write `line_manager`"), "{help}");
        let (message, _, help) = the_error("stage 1 \"A\" {\n  led by line-manager\n}\n");
        assert_eq!(message, "a name cannot contain `-`, found `line-manager`");
        assert!(help.contains("Write `line_manager`"), "{help}");
        let (message, _, help) = the_error("actor head of service \"Head of service\"\n");
        assert_eq!(
            message,
            "a name cannot contain spaces, found `head of service`"
        );
        assert!(help.contains("Write `head_of_service`"), "{help}");
        // A range of days is not a name.
        let (message, _, _) = the_error("stage 1 \"A\" {\n  conclude by day 6 - 12\n}\n");
        assert!(!message.contains("name"), "{message}");
    }

    #[test]
    fn an_unknown_anchor_lists_the_ones_allowed() {
        let (message, at, help) =
            the_error("stage 3 \"A\" {\n  conclude within 10 working days of referral\n}\n");
        assert_eq!(
            message,
            "expected `of the concern arising`, `of being notified`, `of the stage starting` or `of the meeting` after `within 10 working days`, found `of referral`"
        );
        assert_eq!(at, "of referral");
        assert!(help.contains("or with nothing"), "{help}");
    }

    #[test]
    fn a_stage_left_open_is_named_at_the_next_stage() {
        let text = "stage 1 \"A\" {\n  conclude by day 5\n\nstage 2 \"B\" {\n}\n";
        let (message, at, help) = the_error(text);
        assert_eq!(
            message,
            "the stage `stage 1 \"A\"` on line 1 is not closed before the next stage starts"
        );
        assert_eq!(at, "stage");
        assert_eq!(
            help,
            "Add a `}` on a line of its own where the stage `stage 1 \"A\"` ends, before the `stage` on line 4."
        );
    }

    #[test]
    fn a_missing_day_number_is_explained_in_words() {
        let m = messages("stage 1 \"A\" {\n  start no later than day\n}\n");
        assert_eq!(
            m,
            vec!["expected a number after `day`, but the line ends there"]
        );
    }

    #[test]
    fn several_errors_are_found_in_one_run() {
        let m = messages("policy Test\nboard \"B\" (B)\nactor 1x \"A\"\n");
        assert_eq!(m.len(), 2, "{m:?}");
    }

    #[test]
    fn a_truncated_file_names_the_open_block() {
        let m = messages("stage 1 \"A\" {\n  start on day 1\n");
        assert_eq!(
            m,
            vec!["the file ends before the stage `stage 1 \"A\"` is closed"]
        );
    }

    #[test]
    fn an_ordinal_day_is_written_as_a_number() {
        let text = "policy \"P\"\nboard \"B\" (B)\nadopted 1st March 2026\n";
        let (_, diagnostics) = parse(text);
        let d = &diagnostics[0];
        assert_eq!(
            d.message,
            "expected a date such as `1 April 2025` or `2025-04-01`, found `1st`"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("Write `1 March 2026`: the day is a number, without `st`, `nd`, `rd` or `th`.")
        );
    }
}
