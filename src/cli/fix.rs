//! `--fix`: applies the safe fixes of each file (`analysis::fixes`), writes each file
//! atomically and reports every change; `--fix --dry-run` prints a unified diff instead.

use std::path::Path;

use similar::TextDiff;

use super::Fatal;
use crate::report::FileReport;
use byline_core::analysis::fixes::{self, Fix};
use byline_core::text::{LineIndex, PositionEncoding};

/// "story.md:14:1: 'Gerasimovis' → 'Gerasimov'" (1-based line and character).
fn describe(report: &FileReport, index: &LineIndex, fix: &Fix) -> String {
    let at = index.position(&report.text, fix.span.start, PositionEncoding::Utf8);
    format!(
        "{}:{}:{}: '{}' → '{}'",
        report.path,
        at.line + 1,
        report.text[..fix.span.start]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1,
        fix.original,
        fix.replacement
    )
}

/// What `--fix` did to one file.
pub struct Fixed {
    pub text: String,
    pub changes: Vec<String>,
}

/// Fixes one file: writes it (or, with `dry_run`, appends its diff to `diff`) and
/// returns the new text, or `None` when nothing was safe to fix.
pub fn fix_file(
    report: &FileReport,
    on_disk: Option<&Path>,
    dry_run: bool,
    diff: &mut String,
) -> Result<Option<Fixed>, Fatal> {
    let fixes = fixes::safe_fixes(&report.text, &report.analysis.diagnostics);
    if fixes.is_empty() {
        return Ok(None);
    }
    let text = fixes::apply(&report.text, &fixes);
    if dry_run {
        let unified = TextDiff::from_lines(&report.text, &text)
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", report.path), &format!("b/{}", report.path))
            .to_string();
        diff.push_str(&unified);
    } else {
        let path = on_disk.ok_or_else(|| {
            Fatal("--fix cannot rewrite standard input; use --fix --dry-run for a diff".into())
        })?;
        byline_atomic_file::replace(path, text.as_bytes(), "fix")
            .map_err(|e| Fatal(format!("{}: cannot write: {e}", path.display())))?;
    }
    let index = LineIndex::new(&report.text);
    let changes = fixes.iter().map(|f| describe(report, &index, f)).collect();
    Ok(Some(Fixed { text, changes }))
}
