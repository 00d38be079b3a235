//! Turns diagnostics into text: the one place that does.
//!
//! Three forms: `human` (miette's graphical report, colour only when asked
//! for), `plain` (miette's narratable report, which reads well in a screen
//! reader and in logs) and `short` (codespan-reporting's one line per
//! diagnostic, `path:line:column: severity[CODE]: message`, which editors
//! and CI problem matchers read). Rendering never fails: a span outside the
//! text is clamped rather than dropped.

use std::fmt;
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler, SourceSpan,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::{Span, clamp_to_char_boundary};

/// How diagnostics are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Boxes and arrows for people, with colour when `colour` is true.
    Human { colour: bool, width: usize },
    /// Narrated text without drawing characters, for screen readers.
    Plain,
    /// One line per diagnostic.
    Short,
}

/// The diagnostic's link: its code's section of the published diagnostics
/// reference (see [`crate::report::DEFAULT_DOCS_URL`]).
#[must_use]
pub fn doc_url(diagnostic: &Diagnostic) -> String {
    crate::report::docs_link(crate::report::DEFAULT_DOCS_URL, diagnostic.code)
}

/// Renders one diagnostic about the file at `path` with text `source`. To
/// render many diagnostics of one file, prepare it once with [`Prepared`].
#[must_use]
pub fn render(diagnostic: &Diagnostic, path: &str, source: &str, style: Style) -> String {
    Prepared::new(path, source).render(diagnostic, style)
}

/// A source file made ready for rendering: its line table is built once and
/// its text shared, so that thousands of diagnostics about one large file
/// do not each scan or copy the whole of it again.
pub struct Prepared<'a> {
    path: &'a str,
    text: &'a str,
    file: SimpleFile<&'a str, &'a str>,
    shared: Arc<str>,
    /// Where each line starts, found once for every diagnostic of the file.
    line_starts: Arc<[usize]>,
    /// Where the diagnostics reference is published, for links.
    docs_url: String,
}

impl<'a> Prepared<'a> {
    #[must_use]
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Prepared {
            path,
            text,
            file: SimpleFile::new(path, text),
            shared: Arc::from(text),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            docs_url: crate::report::DEFAULT_DOCS_URL.to_owned(),
        }
    }

    /// Links diagnostics to the diagnostics reference published at
    /// `docs_url` (`docs-url` in ladder.toml).
    #[must_use]
    pub fn with_docs(mut self, docs_url: &str) -> Self {
        docs_url.clone_into(&mut self.docs_url);
        self
    }

    /// Renders one diagnostic about this file.
    #[must_use]
    pub fn render(&self, diagnostic: &Diagnostic, style: Style) -> String {
        match style {
            Style::Short => self.short(diagnostic),
            Style::Plain => {
                let mut out = String::new();
                let report = Report::new(diagnostic, self);
                if NarratableReportHandler::new()
                    .with_context_lines(1)
                    .render_report(&mut out, &report)
                    .is_err()
                {
                    return self.short(diagnostic);
                }
                out
            }
            Style::Human { colour, width } => {
                let theme = if colour {
                    GraphicalTheme::unicode()
                } else {
                    GraphicalTheme::unicode_nocolor()
                };
                let handler = GraphicalReportHandler::new_themed(theme)
                    .with_width(width)
                    .with_links(false)
                    .with_context_lines(1);
                let mut out = String::new();
                let report = Report::new(diagnostic, self);
                if handler.render_report(&mut out, &report).is_err() {
                    return self.short(diagnostic);
                }
                out
            }
        }
    }

    fn short(&self, diagnostic: &Diagnostic) -> String {
        let severity = match diagnostic.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Advice => cs::Severity::Note,
        };
        let range = clamp(diagnostic.span, self.text);
        // One line has no room for labels, but a suggestion is the fix
        // itself: keep it.
        let message = match &diagnostic.primary_label {
            Some(label) if label.starts_with("did you mean") => {
                format!("{} ({label})", diagnostic.message)
            }
            _ => diagnostic.message.clone(),
        };
        let report = cs::Diagnostic::new(severity)
            .with_code(diagnostic.code.as_str())
            .with_message(&message)
            .with_labels(vec![cs::Label::primary((), range.0..range.1)]);
        let config = term::Config {
            display_style: term::DisplayStyle::Short,
            ..term::Config::default()
        };
        term::emit_into_string(&config, &self.file, &report).unwrap_or_else(|_| {
            format!(
                "{}: {}[{}]: {}\n",
                self.path,
                diagnostic.severity.as_str(),
                diagnostic.code,
                message
            )
        })
    }
}

fn clamp(span: Span, source: &str) -> (usize, usize) {
    let start = clamp_to_char_boundary(source, span.start);
    let end = clamp_to_char_boundary(source, span.end.max(start));
    (start, end)
}

/// The file as miette reads it, with columns counted in characters.
/// miette's own `str` source counts a line's columns in bytes, so after a
/// curly quote (three bytes) its `[file:line:column]` disagreed with
/// `--format short` and with what an editor shows.
///
/// miette's `str` source also finds a span's lines by reading the text from
/// its start, which made rendering many diagnostics of a long file take
/// time in the square of its length. Here each span is read from a window
/// of its own lines (with the context lines around it), found with the line
/// index, and the window's offsets are put back in the file's.
struct Source {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl Source {
    /// The index of the line that holds byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }
}

impl miette::SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let offset = span.offset().min(self.text.len());
        let end = (offset + span.len()).min(self.text.len());
        let first = self.line_of(offset).saturating_sub(before);
        let last = self.line_of(end.saturating_sub(1).max(offset)) + after;
        let from = self.line_starts.get(first).copied().unwrap_or(0);
        let to = self
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        let window = self.text.get(from..to).unwrap_or_default();
        let local = SourceSpan::new((offset - from).into(), end - offset);
        let inner = window.read_span(&local, before, after)?;
        let whole = SourceSpan::new((inner.span().offset() + from).into(), inner.span().len());
        let start = clamp_to_char_boundary(&self.text, whole.offset());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..start].chars().count();
        Ok(Box::new(
            miette::MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                whole,
                inner.line() + first,
                column,
                // miette counts this one from the start of the text, as it counts
                // `line`, and merges the snippets of labels by it.
                inner.line_count() + first,
            )
            .with_language("ladder"),
        ))
    }
}

/// A diagnostic dressed for miette.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: Source,
    labels: Vec<LabeledSpan>,
    code: String,
    url: String,
}

impl<'a> Report<'a> {
    fn new(diagnostic: &'a Diagnostic, prepared: &Prepared<'_>) -> Self {
        let source = prepared.text;
        let mut labels = Vec::new();
        let primary = clamp(diagnostic.span, source);
        labels.push(LabeledSpan::new_primary_with_span(
            diagnostic.primary_label.clone(),
            SourceSpan::from(primary.0..primary.1),
        ));
        for label in &diagnostic.labels {
            let (start, end) = clamp(label.span, source);
            labels.push(LabeledSpan::new_with_span(
                Some(label.message.clone()),
                SourceSpan::from(start..end),
            ));
        }
        Report {
            diagnostic,
            source: Source {
                name: prepared.path.to_owned(),
                text: Arc::clone(&prepared.shared),
                line_starts: Arc::clone(&prepared.line_starts),
            },
            labels,
            code: diagnostic.code.as_str().to_owned(),
            url: crate::report::docs_link(&prepared.docs_url, diagnostic.code),
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.url))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
