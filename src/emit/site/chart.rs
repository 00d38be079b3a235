//! A Graphviz SVG made fit to sit inside a page: the XML prologue and
//! Graphviz's comments and tooltips (`start->stage-1`, which a screen reader
//! would read out) are dropped, every id is prefixed so that it cannot clash
//! with the page's own ids or another chart's, and the chart becomes one
//! image with a name and a description (`role="img"`).
//!
//! The SVG is Graphviz's output from our own DOT, whose labels were escaped
//! there; the title and description added here are escaped for XML.

use super::super::escape::html as esc;

/// The SVG element ready to inline. `prefix` is put before every id (and
/// every reference to one); `name` and `description` are plain text.
#[must_use]
pub fn inline(svg: &str, prefix: &str, name: &str, description: &str) -> String {
    let svg = svg.find("<svg").map_or("", |start| &svg[start..]);
    let svg = drop_elements(svg, "<!--", "-->");
    let svg = drop_elements(&svg, "<title>", "</title>");
    let svg = svg
        .replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"));
    let Some(open_end) = svg.find('>') else {
        return String::new();
    };
    let (open, rest) = svg.split_at(open_end);
    let mut out = String::with_capacity(svg.len() + 256);
    out.push_str(open);
    out.push_str(&format!(
        " role=\"img\" aria-labelledby=\"{prefix}title\" aria-describedby=\"{prefix}desc\" \
         focusable=\"false\">\n<title id=\"{prefix}title\">{}</title>\n<desc id=\"{prefix}desc\">{}</desc>",
        esc(name),
        esc(description)
    ));
    out.push_str(&rest[1..]);
    // Lines that held only a dropped comment or tooltip are left empty.
    let mut tidy = String::with_capacity(out.len());
    for line in out.lines().filter(|l| !l.trim().is_empty()) {
        tidy.push_str(line);
        tidy.push('\n');
    }
    tidy.trim_end().to_owned()
}

/// The text without every stretch from `open` to the next `close`.
fn drop_elements(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find(close) else {
            rest = "";
            break;
        };
        rest = &rest[start + end + close.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn ids_are_prefixed_and_tooltips_dropped() {
        let svg = "<?xml version=\"1.0\"?>\n<!-- x -->\n<svg width=\"10pt\" viewBox=\"0 0 10 10\">\n\
                   <g id=\"graph0\"><title>ladder</title>\n<g id=\"node1\"><title>start&#45;&gt;a</title>\
                   <path fill=\"url(#l_1)\"/></g></g>\n</svg>\n";
        let out = inline(svg, "chart-", "Flowchart: A & B", "In words below");
        assert!(out.starts_with("<svg width=\"10pt\" viewBox=\"0 0 10 10\" role=\"img\""));
        assert!(out.contains("<title id=\"chart-title\">Flowchart: A &amp; B</title>"));
        assert!(out.contains("id=\"chart-graph0\""));
        assert!(out.contains("id=\"chart-node1\""));
        assert!(out.contains("url(#chart-l_1)"));
        assert!(!out.contains("start&#45;&gt;a"));
        assert!(!out.contains("<!--"));
        assert!(out.ends_with("</svg>"));
    }
}
