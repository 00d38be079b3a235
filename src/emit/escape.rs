//! Escaping of text for each output language: Graphviz HTML-like labels,
//! Mermaid quoted labels and HTML pages.
//!
//! Every piece of text from a policy (titles, conditions, end names, actor
//! names) passes through one of these functions before it reaches an output;
//! nothing else in `emit` writes policy text raw. Non-ASCII characters
//! become numeric character references in every language, so output is
//! plain ASCII and never depends on how a renderer guesses the encoding.

use std::fmt::Write as _;

/// Text for a Graphviz HTML-like label (`label=<...>`): `&`, `<`, `>`, `"`
/// and every non-ASCII character become character references; control
/// characters (line breaks in pasted text) become spaces. A backslash is
/// doubled: Graphviz expands `\N`, `\G`, `\E`, `\H`, `\T` and `\L` even in
/// HTML-like labels ("A \N B" was drawn "A stage-1 B"), but draws `\\` as
/// one backslash. (A character reference, `&#92;`, is decoded first and
/// then expanded, so it is no escape.) A word longer than `LONGEST_WORD`
/// is broken with `<BR/>`, as `wrap` breaks it, so that no label is too wide
/// to draw even where the text is not wrapped.
#[must_use]
pub fn dot_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > LONGEST_WORD {
            out.push_str("<BR/>");
            run = 1;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
        }
    }
    out
}

/// Text for a Graphviz quoted string (`"..."`), used for identifiers and
/// tooltips: backslashes and quotes are escaped; non-ASCII characters are
/// kept as UTF-8, which Graphviz reads by default.
#[must_use]
pub fn dot_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a Mermaid label inside double quotes (`id["..."]`). Mermaid's
/// own escape is an entity code, `#quot;` or `#35;`: quotes, `#`, the
/// characters HTML labels would read as markup, the backtick (which starts
/// a Markdown string), the pipe (which ends an edge label), the percent sign
/// (`%%{init: ...}%%` in a label was read as a directive that changed the
/// whole diagram's theme and CSS) and every non-ASCII character are written
/// that way.
#[must_use]
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' | '|' | '%' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c if c.is_control() => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "#{};", u32::from(c));
            }
        }
    }
    out
}

/// Text for an HTML page, in element content or a quoted attribute value.
#[must_use]
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
        }
    }
    out
}

/// Splits text into lines of at most about `width` characters at spaces,
/// so that long titles do not make boxes as wide as the page. Words longer
/// than the width are kept whole, up to `LONGEST_WORD` characters: a longer
/// one (a pasted URL, or 11,630 letters without a space) is cut into pieces
/// of that length, so that no drawing grows wider than Graphviz can make.
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let pieces: Vec<String> = text
        .split_whitespace()
        .flat_map(|word| {
            let chars: Vec<char> = word.chars().collect();
            chars
                .chunks(LONGEST_WORD)
                .map(|piece| piece.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    for word in &pieces {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The longest word `wrap` keeps on one line.
pub const LONGEST_WORD: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_non_ascii() {
        assert_eq!(dot_html("a<b>&\"é"), "a&lt;b&gt;&amp;&quot;&#233;");
        assert_eq!(dot_quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(mermaid("a\"#<é"), "a#quot;#35;#lt;#233;");
        assert_eq!(html("<é>"), "&lt;&#233;&gt;");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("", 7), [""]);
        assert_eq!(wrap("abcdefghij k", 4), ["abcdefghij", "k"]);
        let long = "x".repeat(LONGEST_WORD * 2 + 1);
        assert_eq!(
            wrap(&long, 30),
            [
                "x".repeat(LONGEST_WORD),
                "x".repeat(LONGEST_WORD),
                "x".to_owned()
            ]
        );
    }

    #[test]
    fn graphviz_and_mermaid_escapes_are_not_expanded() {
        assert_eq!(dot_html("A \\N B"), "A \\\\N B");
        let long = "x".repeat(LONGEST_WORD + 1);
        assert_eq!(
            dot_html(&long),
            format!("{}<BR/>x", "x".repeat(LONGEST_WORD))
        );
        assert_eq!(mermaid("%%{init: {}}%%"), "#37;#37;{init: {}}#37;#37;");
    }
}
