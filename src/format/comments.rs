//! Finds every `//` comment in a source text, skipping `//` inside quotes.
//!
//! The grammar keeps comments silent, so the formatter finds them here and
//! puts each back beside the statement it was written beside.

/// One comment: where it starts, its text (from `//` to the end of the
/// line, without trailing spaces), and whether code stands before it on its
/// line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub text: String,
    pub trailing: bool,
}

/// Every comment, in order.
#[must_use]
pub fn scan(text: &str) -> Vec<Comment> {
    let mut comments = Vec::new();
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut line_has_code = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                in_string = false;
                line_has_code = false;
            }
            b'"' => {
                in_string = !in_string;
                line_has_code = true;
            }
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                comments.push(Comment {
                    start: i,
                    text: text[i..end].trim_end().to_owned(),
                    trailing: line_has_code,
                });
                i = end;
                continue;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => line_has_code = true,
        }
        i += 1;
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_inside_quotes_are_text() {
        let found = scan("note \"see http://x\" // real\n// own line\n");
        assert_eq!(found.len(), 2);
        assert!(found[0].trailing);
        assert_eq!(found[0].text, "// real");
        assert!(!found[1].trailing);
    }
}
