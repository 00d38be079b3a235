//! Where a syntax error is, read from the text around it: the word found
//! there, the word before it, and the innermost block it is in (a stage, a
//! form, a route's duties ...), which decides what the message suggests.

/// The word, number or symbol at `offset`, as the user wrote it.
pub(super) fn found_word(text: &str, offset: usize) -> &str {
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
pub(super) fn previous_word(text: &str, offset: usize) -> Option<&str> {
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
pub(super) struct Block {
    pub(super) open: usize,
    pub(super) what: String,
    pub(super) keyword: String,
}

/// Finds the innermost unclosed `{` before `offset` (outside quotes and
/// comments) and names the block it opens after the statement's first word.
pub(super) fn block_context(text: &str, offset: usize) -> Option<Block> {
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

/// `text` without `suffix` at its end, ignoring ASCII case, when the suffix
/// is a whole word there.
pub(super) fn strip_word_suffix<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let (before, tail) = (text.get(..cut)?, text.get(cut..)?);
    let whole_word = before
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
    (tail.eq_ignore_ascii_case(suffix) && whole_word).then_some(before)
}
