//! Rendering analyses for people and programs, one module per `--format`: human
//! snippets, the versioned JSON contract (and its one-file-per-line form), SARIF,
//! GitHub workflow commands and the HTML review page. Pure functions from analysed
//! files to strings.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;

use byline_core::analysis::{Analysis, Severity};
use byline_core::text::{LineIndex, PositionEncoding, TextPosition};

/// One checked file: what it was called, its text and what we found.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub analysis: Analysis,
}

impl FileReport {
    /// LSP-style range (UTF-16) of a byte span in this file.
    pub fn range(
        &self,
        index: &LineIndex,
        span: &std::ops::Range<usize>,
    ) -> (TextPosition, TextPosition) {
        (
            index.position(&self.text, span.start, PositionEncoding::Utf16),
            index.position(&self.text, span.end, PositionEncoding::Utf16),
        )
    }
}

/// A span as 1-based lines and columns (columns in UTF-16 code units, as SARIF's
/// default `columnKind` and GitHub's annotations count them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl FileReport {
    pub fn location(&self, index: &LineIndex, span: &std::ops::Range<usize>) -> Location {
        let (start, end) = self.range(index, span);
        Location {
            line: start.line + 1,
            column: start.character + 1,
            end_line: end.line + 1,
            end_column: end.character + 1,
        }
    }
}

/// Counts of findings by severity across files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.analysis.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Information => summary.information += 1,
            }
        }
        summary
    }

    /// Whether anything at or above `level` was found.
    pub fn has_at_least(&self, level: Severity) -> bool {
        match level {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Information => self.errors + self.warnings + self.information > 0,
        }
    }
}
