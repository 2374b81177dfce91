//! Rendering analyses for people and programs, one module per `--format`: human
//! snippets, the versioned JSON contract (and its one-file-per-line form), SARIF,
//! GitHub workflow commands and the HTML review page. Pure functions from analysed
//! files to strings.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
mod positions;
pub mod sarif;

use std::sync::Arc;

use byline_core::analysis::{Analysis, Severity};
use byline_core::text::TextPosition;
use byline_kb::Kb;
use encoding_rs::{Encoding, UTF_8};

pub use positions::{Position, Positions};

/// One checked file: what it was called, its text and what we found.
pub struct FileReport {
    pub path: String,
    /// The text as analysed: the file decoded to UTF-8, without a byte-order mark.
    pub text: String,
    pub analysis: Analysis,
    /// The KB it was checked against (its configuration's); entity ids are this KB's.
    pub kb: Arc<Kb>,
    /// The file's encoding.
    pub encoding: &'static Encoding,
    /// The file starts with a byte-order mark.
    pub bom: bool,
}

impl FileReport {
    /// The positions of every diagnostic span's ends, found in one pass.
    pub fn diagnostic_positions(&self) -> Positions {
        Positions::new(
            &self.text,
            self.analysis
                .diagnostics
                .iter()
                .flat_map(|d| [d.span.start, d.span.end]),
        )
    }

    /// LSP-style range (UTF-16) of a byte span in this file.
    pub fn range(
        &self,
        positions: &Positions,
        span: &std::ops::Range<usize>,
    ) -> (TextPosition, TextPosition) {
        (
            positions.get(&self.text, span.start).text_position(),
            positions.get(&self.text, span.end).text_position(),
        )
    }

    /// "windows-1252" when the file was not UTF-8 (reports say "decoded as …").
    pub fn encoding_note(&self) -> Option<&'static str> {
        (self.encoding != UTF_8).then(|| self.encoding.name())
    }

    /// The offset in the file's own bytes of an offset in `text`, when they are
    /// simply related: UTF-8, shifted by a byte-order mark. `None` for other encodings.
    pub fn file_offset(&self, offset: usize) -> Option<usize> {
        (self.encoding == UTF_8).then_some(offset + if self.bom { 3 } else { 0 })
    }
}

/// What went wrong with an input that could not be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file (or a folder of a walk) could not be read.
    Read,
    /// The bytes are not text in the detected or given encoding.
    Encoding,
    /// Its `.byline.toml`, or a KB file that names, is broken.
    Configuration,
    /// A directory with no file to check.
    NoFiles,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Read => "read",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Configuration => "configuration",
            ErrorKind::NoFiles => "no-files",
        }
    }
}

/// An input that could not be checked. Reports list these beside the checked files and
/// the run exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub kind: ErrorKind,
    pub message: String,
    /// 1-based line of the first bad bytes (encoding errors).
    pub line: Option<usize>,
    /// 0-based offset in the file of the first bad bytes (encoding errors).
    pub byte: Option<usize>,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            // "no files to check in stories/ (…)" names its path.
            ErrorKind::NoFiles => f.write_str(&self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
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
    pub fn location(&self, positions: &Positions, span: &std::ops::Range<usize>) -> Location {
        let (start, end) = self.range(positions, span);
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
    /// Inputs that could not be checked (`FileError`s).
    pub not_checked: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport], errors: &[FileError]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            not_checked: errors.len(),
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
