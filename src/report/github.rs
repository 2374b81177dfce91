//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed lines.
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`

use super::{human::summary_line, FileError, FileReport, Summary};
use byline_core::analysis::Severity;

/// Escapes a command's message: the runner decodes `%25`, `%0D` and `%0A`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` also delimit.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "notice",
    }
}

/// Renders `check --format github`: a notice for a file decoded from a legacy
/// encoding, one command per finding, an `::error` per input that could not be
/// checked, then the summary line.
pub fn check(reports: &[FileReport], errors: &[FileError]) -> String {
    let mut out = String::new();
    for report in reports {
        if let Some(encoding) = report.encoding_note() {
            out.push_str(&format!(
                "::notice file={},title={}::{}\n",
                escape_property(&report.path),
                escape_property("byline encoding"),
                escape_data(&format!("decoded as {encoding}")),
            ));
        }
        let positions = report.diagnostic_positions();
        for d in &report.analysis.diagnostics {
            let at = report.location(&positions, &d.span);
            let mut message = d.message.clone();
            if let Some(best) = d.suggestions.first() {
                message.push_str(&format!(" (did you mean '{best}'?)"));
            }
            out.push_str(&format!(
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                command(d.severity),
                escape_property(&report.path),
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                escape_property(&format!("byline {}", d.code.as_str())),
                escape_data(&message),
            ));
        }
    }
    for error in errors {
        let line = error.line.map_or(String::new(), |l| format!(",line={l}"));
        out.push_str(&format!(
            "::error file={}{line},title={}::{}\n",
            escape_property(&error.path),
            escape_property("byline could not check this file"),
            escape_data(&error.to_string()),
        ));
    }
    out.push_str(&summary_line(&Summary::of(reports, errors)));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_line_breaks_colons_and_commas_are_escaped() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("dir,x/a:b%.md\n"), "dir%2Cx/a%3Ab%25.md%0A");
    }
}
