//! Turning a file's bytes into the text ladder reads, without changing any.
//!
//! A policy is UTF-8 text. Bytes that are not UTF-8 (a file saved as
//! Windows-1252, say) are refused with their line, column and value rather
//! than replaced, because a replaced byte would pass `check` unnoticed and
//! `fmt` would then write the replacement over the original. Control
//! characters (ESC, BEL, ...) are refused too: they would reach the terminal
//! raw when a line is echoed, and no policy needs them. A carriage return is
//! accepted only before a line feed (Windows line endings); lines ended by a
//! carriage return alone are refused with a clear message. A UTF-8
//! byte-order mark at the start is accepted, taken off the text (so columns
//! on the first line are as the user sees them) and remembered, so that
//! `fmt` puts it back.

/// The most bytes ladder reads from one file: a procedure is a few
/// kilobytes, and the limit keeps a wrong path (`/dev/zero`) from filling
/// memory.
pub const MAX_BYTES: usize = crate::syntax_error::MAX_INPUT_BYTES;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{FEFF}";

/// A file's text, exactly as its bytes say, without the byte-order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text after the byte-order mark, if there was one.
    pub text: String,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Decoded {
    /// The text as it was in the file, byte-order mark included.
    pub fn original(&self, text: &str) -> String {
        if self.bom {
            format!("{BOM}{text}")
        } else {
            text.to_owned()
        }
    }
}

/// Why bytes are not a policy's text: a sentence with the line and column
/// (1-based, columns counted in characters) and what is there, and a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    pub line: usize,
    pub column: usize,
    pub problem: String,
    pub fix: &'static str,
}

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {} {}; {}",
            self.line, self.column, self.problem, self.fix
        )
    }
}

/// Decodes a file's bytes, refusing what cannot be read exactly.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    let (bom, bytes) = match bytes.strip_prefix(BOM.as_bytes()) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to();
            // The text before the bad byte is valid, so lines and columns
            // can be counted in it.
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, column) = line_column(before, at);
            return Err(Undecodable {
                line,
                column,
                problem: format!("has the byte 0x{:02X}, which is not UTF-8 text", bytes[at]),
                fix: "save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8); \
                      a file saved as Windows-1252 or Latin-1 has such bytes for curly quotes, \
                      dashes and accented letters",
            });
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let problem = match c {
            '\n' | '\t' => continue,
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => continue,
            '\r' => {
                let (line, column) = line_column(text, i);
                return Err(Undecodable {
                    line,
                    column,
                    problem: "has a carriage return that is not followed by a line feed (old Mac \
                              line endings)"
                        .to_owned(),
                    fix: "save the file with Unix (LF) or Windows (CRLF) line endings",
                });
            }
            _ if c.is_control() => format!(
                "has the control character U+{:04X}{}, which a policy cannot contain",
                u32::from(c),
                control_name(c).map_or_else(String::new, |name| format!(" ({name})"))
            ),
            _ => continue,
        };
        let (line, column) = line_column(text, i);
        return Err(Undecodable {
            line,
            column,
            problem,
            fix: "delete it: such characters come from copying terminal output or from a \
                  damaged file, and they cannot be seen in most editors",
        });
    }
    Ok(Decoded {
        text: text.to_owned(),
        bom,
    })
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{B}' => "vertical tab",
        '\u{C}' => "form feed",
        '\u{1B}' => "escape",
        '\u{7F}' => "delete",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_refused_with_its_place_and_byte() {
        let e = decode(b"policy \"x\"\n// it\x92s\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        assert!(e.problem.contains("0x92"), "{e}");
    }

    #[test]
    fn a_byte_order_mark_is_taken_off_and_remembered() {
        let d = decode("\u{FEFF}policy \"x\"\r\n".as_bytes()).unwrap();
        assert!(d.bom);
        assert_eq!(d.text, "policy \"x\"\r\n");
        assert_eq!(
            d.original(&d.text).as_bytes(),
            "\u{FEFF}policy \"x\"\r\n".as_bytes()
        );
    }

    #[test]
    fn carriage_returns_alone_are_refused() {
        let e = decode(b"policy \"x\"\rboard \"y\"\r").unwrap_err();
        assert_eq!((e.line, e.column), (1, 11));
        assert!(e.problem.contains("carriage return"), "{e}");
    }

    #[test]
    fn escape_and_bell_are_refused_even_in_quotes() {
        let e = decode("policy \"é\x1b[31m\"".as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column), (1, 10));
        assert!(e.problem.contains("U+001B (escape)"), "{e}");
        assert!(decode(b"// \x07\n").unwrap_err().problem.contains("bell"));
        assert!(decode("\u{9B}".as_bytes()).is_err());
    }

    #[test]
    fn tabs_and_crlf_are_text() {
        assert!(decode(b"\tpolicy \"x\"\r\n").is_ok());
    }
}
