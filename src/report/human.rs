//! Human output: each finding as a source snippet with a caret under the name, via
//! `annotate-snippets` (the renderer rustc uses), and a summary line.

use annotate_snippets::{Level, Renderer, Snippet};

use super::{FileReport, Summary};
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

/// Renders the findings of every file and a summary line.
pub fn check(reports: &[FileReport], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for report in reports {
        for diagnostic in &report.analysis.diagnostics {
            let label_text = label(diagnostic);
            let level = level(diagnostic.severity);
            let message = level
                .title(&diagnostic.message)
                .id(diagnostic.code.as_str())
                .snippet(
                    Snippet::source(&report.text)
                        .origin(&report.path)
                        .fold(true)
                        .annotation(level.span(diagnostic.span.clone()).label(&label_text)),
                );
            out.push_str(&renderer.render(message).to_string());
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary_line(&Summary::of(reports)));
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

/// "2 warnings in 1 file checked", or "no findings in 3 files checked".
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
    format!("{found} in {} checked", plural(summary.files, "file"))
}
