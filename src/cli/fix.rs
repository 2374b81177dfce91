//! `--fix`: applies the safe fixes of each file (`analysis::fixes`), writes each file
//! atomically in its own encoding and reports every change; `--fix --dry-run` prints a
//! unified diff instead. A replacement the file's encoding cannot write (a Cyrillic name
//! in a Windows-1252 file) is refused with the reason, and the file's other fixes are
//! applied.

use std::path::Path;

use similar::TextDiff;

use super::decode;
use super::Fatal;
use crate::report::{FileReport, Positions};
use byline_core::analysis::fixes::{self, Fix};
use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};

/// "story.md:14:1: 'Gerasimovis' → 'Gerasimov'" (1-based line and character).
fn describe(report: &FileReport, positions: &Positions, fix: &Fix) -> String {
    let at = positions.get(&report.text, fix.span.start);
    format!(
        "{}:{}:{}: '{}' → '{}'",
        report.path,
        at.line + 1,
        at.chars + 1,
        fix.original,
        fix.replacement
    )
}

/// What `--fix` did to one file.
pub struct Fixed {
    /// The new text, when something was fixed.
    pub text: Option<String>,
    pub changes: Vec<String>,
    /// Fixes that were not made, each with its reason.
    pub refused: Vec<String>,
}

/// Fixes one file: writes it (or, with `dry_run`, appends its diff to `diff`) and
/// returns what changed, or `None` when nothing was safe to fix.
pub fn fix_file(
    report: &FileReport,
    on_disk: Option<&Path>,
    dry_run: bool,
    diff: &mut String,
) -> Result<Option<Fixed>, Fatal> {
    let all = fixes::safe_fixes(&report.text, &report.analysis.diagnostics);
    if all.is_empty() {
        return Ok(None);
    }
    let positions = Positions::new(&report.text, all.iter().map(|f| f.span.start));
    let (fixes, unwritable): (Vec<Fix>, Vec<Fix>) = all
        .into_iter()
        .partition(|f| decode::can_encode(report.encoding, &f.replacement));
    let mut refused: Vec<String> = unwritable
        .iter()
        .map(|f| {
            format!(
                "{}: the file is {}, which cannot write it",
                describe(report, &positions, f),
                report.encoding.name()
            )
        })
        .collect();
    let changes: Vec<String> = fixes
        .iter()
        .map(|f| describe(report, &positions, f))
        .collect();
    if fixes.is_empty() {
        return Ok(Some(Fixed {
            text: None,
            changes,
            refused,
        }));
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
        if let Err(reason) = writes_back(report, path) {
            refused.push(format!("{}: {reason}", report.path));
            return Ok(Some(Fixed {
                text: None,
                changes: Vec::new(),
                refused,
            }));
        }
        let bytes = decode::encode(&text, report.encoding, report.bom)
            .map_err(|reason| Fatal(format!("{}: cannot write: {reason}", path.display())))?;
        byline_atomic_file::replace(path, &bytes, "fix")
            .map_err(|e| Fatal(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(Some(Fixed {
        text: Some(text),
        changes,
        refused,
    }))
}

/// Whether the file can be rewritten without changing a byte outside the fixes: the
/// text read, encoded again, gives the file's bytes. Always so for UTF-8 and UTF-16;
/// checked for legacy encodings, some of which read two byte sequences as one
/// character, and against a file changed since it was read.
fn writes_back(report: &FileReport, path: &Path) -> Result<(), String> {
    let encoding = report.encoding;
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return Ok(());
    }
    let on_disk = std::fs::read(path).map_err(|e| format!("cannot read it again: {e}"))?;
    match decode::encode(&report.text, encoding, report.bom) {
        Ok(bytes) if bytes == on_disk => Ok(()),
        _ => Err(format!(
            "writing it back as {} would change bytes outside the fixes",
            encoding.name()
        )),
    }
}
