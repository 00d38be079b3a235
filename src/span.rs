//! Byte spans into a source file, and the line index that turns them into
//! the line and column numbers people see.
//!
//! Spans compare equal to each other whatever their positions, so that
//! structural tests of the syntax tree and the model ignore where things
//! are; tests that care about positions compare `start` and `end` on purpose.
//! Columns count characters, not bytes, as editors and pest do.

use std::fmt;

/// A half-open byte range `start..end` into one source file.
#[derive(Clone, Copy, Default, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(span: pest::Span<'_>) -> Self {
        Span::new(span.start(), span.end())
    }
}

// INVARIANT: spans never take part in equality, so two trees that differ only
// in layout compare equal.
impl PartialEq for Span {
    fn eq(&self, _other: &Span) -> bool {
        true
    }
}

impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column (columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The byte offset of the start of every line, built once per file so that
/// many spans can be located without rescanning the text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The line and column of a byte offset. Offsets inside a multi-byte
    /// character or past the end are clamped rather than rejected, because a
    /// diagnostic must never fail to render.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = text[line_start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line break.
    #[must_use]
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(text.len(), |&next| next);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// The largest char boundary at or before `offset`, within the text.
#[must_use]
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "a\n“b” c\n";
        let index = LineIndex::new(text);
        let c = text.find('c').unwrap();
        assert_eq!(index.line_col(text, c), LineCol { line: 2, column: 5 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_text(text, 2), "“b” c");
    }
}

/// The length of `text` without its trailing whitespace and `//` comments.
///
/// pest consumes the whitespace and comments before an optional part that
/// then does not match (`within 5 working days` may be followed by `of
/// ...`), so a statement's span can run on over the line break and a
/// comment. Diagnostics and the formatter use the trimmed length, so that
/// underlines stop at the last word.
#[must_use]
pub fn trimmed_len(text: &str) -> usize {
    let mut end = text.len();
    loop {
        let trimmed = text[..end].trim_end();
        end = trimmed.len();
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&trimmed[line_start..]) {
            Some(at) => end = line_start + at,
            None => return end,
        }
    }
}

/// Where a `//` comment starts on one line, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod trim_tests {
    use super::trimmed_len;

    #[test]
    fn trailing_whitespace_and_comments_are_not_part_of_a_statement() {
        assert_eq!(
            trimmed_len("within 5 days \n  // why\n  "),
            "within 5 days".len()
        );
        assert_eq!(trimmed_len("note \"a // b\""), "note \"a // b\"".len());
        assert_eq!(trimmed_len("x // one\n // two\n"), 1);
    }
}
