//! Rendering analyses for people and programs: human snippets and the versioned JSON
//! contract. Pure functions from analysed files to strings.

pub mod human;
pub mod json;

use crate::analysis::{Analysis, Severity};
use crate::text::{LineIndex, PositionEncoding, TextPosition};

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
