//! Lays out the parse tree: one statement per line, two spaces of indent per
//! block, single spaces between words, comments where they were.

use pest::Parser as _;
use pest::iterators::Pair;

use crate::parser::{LadderParser, Rule};

use super::comments::Comment;

/// Statements that open a `{ ... }` block: those whose rule always does,
/// and an outcome with duties of its own (`resolved: end "..." { ... }`).
fn is_block(pair: &Pair<'_, Rule>) -> bool {
    if pair.as_rule() == Rule::outcome {
        return pair
            .clone()
            .into_inner()
            .any(|p| p.as_rule() == Rule::punct_open);
    }
    matches!(
        pair.as_rule(),
        Rule::form_decl
            | Rule::every_stage
            | Rule::stage
            | Rule::panel_decl
            | Rule::condition_block
            | Rule::panel_condition
            | Rule::exception_rule
            | Rule::procedure
            | Rule::step
    )
}

struct Printer<'a> {
    source: &'a str,
    comments: &'a [Comment],
    /// The next comment not yet printed.
    next_comment: usize,
    out: String,
    /// Where in the source the last printed thing ended, to find blank lines.
    last_end: usize,
}

pub(super) fn layout(source: &str, comments: &[Comment]) -> Result<String, String> {
    let mut pairs = LadderParser::parse(Rule::file, source)
        .map_err(|_| "the text does not parse".to_owned())?;
    let file = pairs.next().ok_or("the text is empty of statements")?;
    let mut printer = Printer {
        source,
        comments,
        next_comment: 0,
        out: String::new(),
        last_end: 0,
    };
    for pair in file.into_inner() {
        if pair.as_rule() == Rule::EOI {
            continue;
        }
        printer.unit(&pair, 0);
    }
    printer.comments_before(source.len(), 0);
    let mut out = printer.out;
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

impl Printer<'_> {
    /// Prints one statement or block at `depth`.
    fn unit(&mut self, pair: &Pair<'_, Rule>, depth: usize) {
        let span = pair.as_span();
        let (start, end) = (span.start(), span.end());
        if is_block(pair) {
            let open = find_open_brace(self.source, start, end);
            self.comments_before(start, depth);
            self.blank_line_if_there_was_one(start);
            let head = self.words(start, open);
            self.line(depth, &format!("{head} {{"), open + 1);
            for child in pair
                .clone()
                .into_inner()
                .filter(|c| c.as_span().start() > open)
            {
                if crate::parser::is_token(child.as_rule()) {
                    continue;
                }
                self.unit(&child, depth + 1);
            }
            // The closing brace is the last character of the block.
            let close = end.saturating_sub(1);
            self.comments_before(close, depth + 1);
            self.line(depth, "}", end);
        } else {
            // End at the last word: a comment after it is printed as the
            // statement's trailing comment, not swallowed.
            let end = start + crate::span::trimmed_len(pair.as_str());
            self.comments_before(start, depth);
            self.blank_line_if_there_was_one(start);
            let words = self.words(start, end);
            self.line(depth, &words, end);
        }
    }

    /// Prints a line, then any comment that followed `end` on its line.
    fn line(&mut self, depth: usize, text: &str, end: usize) {
        self.out.push_str(&"  ".repeat(depth));
        self.out.push_str(text);
        let line_end = self.source[end..]
            .find('\n')
            .map_or(self.source.len(), |n| end + n);
        if let Some(comment) = self.comments.get(self.next_comment)
            && comment.start >= end
            && comment.start < line_end
            // Only a comment right after the statement is its own: one after
            // a later statement on the same line belongs to that one.
            && self.source[end..comment.start].trim().is_empty()
        {
            self.out.push(' ');
            self.out.push_str(&comment.text);
            self.next_comment += 1;
            self.last_end = line_end;
        } else {
            self.last_end = end;
        }
        self.out.push('\n');
    }

    /// Prints, on their own lines, the comments that start before `offset`.
    fn comments_before(&mut self, offset: usize, depth: usize) {
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.start >= offset {
                break;
            }
            self.blank_line_if_there_was_one(comment.start);
            self.out.push_str(&"  ".repeat(depth));
            self.out.push_str(&comment.text);
            self.out.push('\n');
            self.next_comment += 1;
            self.last_end = comment.start + comment.text.len();
        }
    }

    /// Keeps one blank line where the source had one or more, except at the
    /// start of the file and right after an opening brace.
    fn blank_line_if_there_was_one(&mut self, next: usize) {
        if self.out.is_empty() || self.out.ends_with("{\n") || self.out.ends_with("\n\n") {
            return;
        }
        let between = self.source.get(self.last_end..next).unwrap_or("");
        // Only whitespace between the two counts: text there (a comment
        // inside a statement) has been printed elsewhere.
        let lines: Vec<&str> = between.split('\n').collect();
        if lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
        {
            self.out.push('\n');
        }
    }

    /// The words of `source[start..end]`: comments inside are printed before
    /// the statement (they were already, by `comments_before`), whitespace
    /// outside quotes becomes single spaces, and punctuation is spaced the
    /// canonical way (`resolved: end`, `a, b`, `(HSAB)`).
    fn words(&mut self, start: usize, end: usize) -> String {
        let text = &self.source[start..end];
        let mut out = String::with_capacity(text.len());
        let mut in_string = false;
        let mut pending_space = false;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if in_string {
                out.push(c);
                if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '/' && chars.peek().is_some_and(|&(_, n)| n == '/') {
                // A comment inside a statement: skip to the end of its line.
                let rest = &text[i..];
                let skip = rest.find('\n').unwrap_or(rest.len());
                while chars.peek().is_some_and(|&(j, _)| j < i + skip) {
                    chars.next();
                }
                pending_space = true;
                continue;
            }
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            let no_space_before = matches!(c, ':' | ',' | ')') || out.ends_with('(');
            if pending_space && !out.is_empty() && !no_space_before {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
            if c == '"' {
                in_string = true;
            }
            if matches!(c, ':' | ',') {
                pending_space = true;
            }
        }
        out
    }
}

/// The offset of the `{` that opens a block, outside quotes.
fn find_open_brace(source: &str, start: usize, end: usize) -> usize {
    let mut in_string = false;
    let mut in_comment = false;
    for (i, c) in source[start..end].char_indices() {
        match c {
            '\n' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            '"' => in_string = !in_string,
            '/' if !in_string && source[start + i..].starts_with("//") => in_comment = true,
            '{' if !in_string => return start + i,
            _ => {}
        }
    }
    end
}
