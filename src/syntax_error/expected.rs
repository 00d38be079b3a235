//! What pest expected, in the user's words: each grammar rule as words, the
//! statements a block allows, the keyword a misspelt word probably was, and
//! the general help for the commonest kinds of mistake.

use super::*;

/// The words that start a statement, for "did you mean" at the start of one.
pub(super) const STATEMENT_KEYWORDS: &[&str] = &[
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
pub(super) fn misspelt_keyword(positives: &[Rule], found: &str) -> Option<String> {
    if found.is_empty() || !found.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut phrases = keyword_phrases(positives);
    if expected_is_statement(positives) {
        phrases.extend(STATEMENT_KEYWORDS.iter().map(|k| (*k).to_owned()));
    }
    let first_words: Vec<&str> = phrases.iter().filter_map(|p| p.split(' ').next()).collect();
    // The words procedures use for a verb the language spells otherwise:
    // "inform the lead" is `notify`, "log it" is `record`.
    // "All stages should conclude within ...": a timescale that should be
    // met is a target, `aim to`.
    if found.eq_ignore_ascii_case("should")
        && positives
            .iter()
            .any(|r| matches!(r, Rule::aim | Rule::kw_aim_to))
    {
        return Some("aim to".to_owned());
    }
    if let Some(verb) = synonym(found)
        && (first_words.contains(&verb)
            || positives
                .iter()
                .any(|&r| r == Rule::duty || is_duty_verb(r)))
    {
        return Some(verb.to_owned());
    }
    let best = crate::lower::did_you_mean(found, first_words.iter().copied())?;
    if best.trim_end_matches(':').eq_ignore_ascii_case(found) || !could_be_misspelt(found, best) {
        return None;
    }
    phrases
        .iter()
        .find(|p| p.split(' ').next() == Some(best))
        .map(|p| p.trim_end_matches(':').to_owned())
}

/// The duty verb for a word procedures use in its place.
fn synonym(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "inform" | "tell" | "alert" | "advise" | "contact" | "email" => "notify",
        "log" | "document" | "minute" | "write" => "record",
        "discuss" | "convene" => "meet",
        "agree" | "determine" | "resolve" => "decide",
        "escalate" | "send" | "pass" => "refer",
        "ask" | "seek" => "consult",
        "include" => "involve",
        _ => return None,
    })
}

/// The verbs that start a duty, which are all pest expects after `must`,
/// `should` or `may`.
pub(super) fn is_duty_verb(rule: Rule) -> bool {
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
pub(super) fn expected_is_verb(positives: &[Rule]) -> bool {
    !positives.is_empty() && positives.iter().all(|&rule| is_duty_verb(rule))
}

/// True when pest was looking for the start of a statement.
pub(super) fn expected_is_statement(positives: &[Rule]) -> bool {
    if expected_is_verb(positives) {
        return false;
    }
    // Where a block may close, a statement may end: what follows is a new
    // statement (`start at any stage` then a misspelt verb on the next
    // line is a mistake on the next line, not a statement cut short).
    positives.len() > 6
        || positives.contains(&Rule::punct_close)
        || positives
            .iter()
            .all(|&rule| rule_words(rule) == "a statement")
}

/// Words for what was expected.
pub(super) fn describe_expected(positives: &[Rule], context: Option<&Block>) -> String {
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
pub(super) fn rule_words(rule: Rule) -> String {
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
        Rule::accepted_code => "the code of the finding accepted, such as `L044`".to_owned(),
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
pub(super) fn help_for(positives: &[Rule], found: &str, context: Option<&Block>) -> Option<String> {
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
