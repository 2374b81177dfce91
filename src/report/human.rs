//! Human output: each finding as a source snippet with a caret under the name, via
//! `annotate-snippets` (the renderer rustc uses), and a summary line.

use annotate_snippets::{Level, Renderer, Snippet};

use super::{FileError, FileReport, Summary};
use byline_core::analysis::{Diagnostic, Severity};

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Info,
    }
}

fn label(diagnostic: &Diagnostic) -> String {
    match diagnostic.suggestions.as_slice() {
        [] => String::new(),
        [one] => format!("did you mean '{one}'?"),
        many => format!(
            "did you mean {}?",
            many.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The lines of `text` that hold `span`, without the last line break: the source an
/// annotated snippet needs. `line_ends` remembers where each line ends, so many
/// findings on one long line look for its end once.
fn lines_of<'t>(
    text: &'t str,
    line_start: usize,
    span: &std::ops::Range<usize>,
    line_ends: &mut std::collections::HashMap<usize, usize>,
) -> &'t str {
    let end_of_line = |from: usize| {
        let mut end = text[from..].find('\n').map_or(text.len(), |i| from + i);
        if end > from && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        end
    };
    let first = *line_ends
        .entry(line_start)
        .or_insert_with(|| end_of_line(line_start));
    let end = if span.end <= first {
        first
    } else {
        end_of_line(span.end.min(text.len()))
    };
    &text[line_start..end]
}

/// Lines longer than this are cut around a finding (`window`).
const LONG_LINE: usize = 2048;

/// Bytes of context kept on each side of a finding in a long line.
const CONTEXT: usize = 240;

/// The part of `source` (which starts at `line_start` in `text`) to show for `span`:
/// all of it, unless it is longer than `LONG_LINE`; then the span and `CONTEXT`
/// bytes on each side, cut at characters. Returns where the part starts in `text`.
fn window<'t>(
    text: &'t str,
    line_start: usize,
    source: &'t str,
    span: &std::ops::Range<usize>,
) -> (usize, &'t str) {
    if source.len() <= LONG_LINE {
        return (line_start, source);
    }
    let end_of_source = line_start + source.len();
    let mut from = span.start.saturating_sub(CONTEXT).max(line_start);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (span.end + CONTEXT)
        .min(end_of_source)
        .max(span.end.min(end_of_source));
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, &text[from..to])
}

/// Renders the findings of every file, the files that could not be checked and a
/// summary line.
pub fn check(reports: &[FileReport], errors: &[FileError], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for report in reports {
        if let Some(encoding) = report.encoding_note() {
            let note = format!("{}: decoded as {encoding}", report.path);
            out.push_str(&renderer.render(Level::Note.title(&note)).to_string());
            out.push_str("\n\n");
        }
        let positions = report.diagnostic_positions();
        let mut line_ends = std::collections::HashMap::new();
        for diagnostic in &report.analysis.diagnostics {
            let label_text = label(diagnostic);
            let level = level(diagnostic.severity);
            // Only the lines of the finding: annotate-snippets reads all of its source
            // for each message, which made a long story quadratic.
            let start = positions.get(&report.text, diagnostic.span.start);
            let source = lines_of(
                &report.text,
                start.line_start,
                &diagnostic.span,
                &mut line_ends,
            );
            // A very long line (minified HTML, a story without line breaks) is cut to
            // the finding and some context, so many findings on it do not each cost
            // its length; the terminal shows no more than that anyway.
            let (from, source) = window(&report.text, start.line_start, source, &diagnostic.span);
            let span = diagnostic.span.start - from..(diagnostic.span.end - from).min(source.len());
            let message = level
                .title(&diagnostic.message)
                .id(diagnostic.code.as_str())
                .snippet(
                    Snippet::source(source)
                        .line_start(start.line as usize + 1)
                        .origin(&report.path)
                        .fold(true)
                        .annotation(level.span(span).label(&label_text)),
                );
            let mut rendered = renderer.render(message).to_string();
            if from > start.line_start {
                // annotate-snippets counts the column from the window's start.
                let line = start.line + 1;
                let shown = report.text[from..diagnostic.span.start].chars().count() + 1;
                rendered = rendered.replacen(
                    &format!("{}:{line}:{shown}", report.path),
                    &format!("{}:{line}:{}", report.path, start.chars + 1),
                    1,
                );
            }
            out.push_str(&rendered);
            out.push_str("\n\n");
        }
    }
    for error in errors {
        let title = error.to_string();
        out.push_str(&renderer.render(Level::Error.title(&title)).to_string());
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(&Summary::of(reports, errors)));
    out.push('\n');
    out
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// "2 warnings in 1 file checked", or "no findings in 3 files checked; 1 path could
/// not be checked".
pub fn summary_line(summary: &Summary) -> String {
    let mut parts = Vec::new();
    if summary.errors > 0 {
        parts.push(plural(summary.errors, "error"));
    }
    if summary.warnings > 0 {
        parts.push(plural(summary.warnings, "warning"));
    }
    if summary.information > 0 {
        parts.push(format!("{} information", summary.information));
    }
    let found = if parts.is_empty() {
        "no findings".to_string()
    } else {
        parts.join(", ")
    };
    let checked = format!("{found} in {} checked", plural(summary.files, "file"));
    match summary.not_checked {
        0 => checked,
        1 => format!("{checked}; 1 path could not be checked"),
        n => format!("{checked}; {n} paths could not be checked"),
    }
}
