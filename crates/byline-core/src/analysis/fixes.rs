//! Applying safe fixes to a text: a pure function, so the CLI's `--fix` and any other
//! caller edit the same way and the bytes outside the edits provably stay as they were.

use std::ops::Range;

use super::Diagnostic;

/// One replacement made in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The span in the original text.
    pub span: Range<usize>,
    pub original: String,
    pub replacement: String,
}

/// The safe fixes of `diagnostics` for `text`, in text order, without overlaps (the
/// longest of fixes starting together wins, else the earlier) and without no-op replacements.
pub fn safe_fixes(text: &str, diagnostics: &[Diagnostic]) -> Vec<Fix> {
    let mut fixes: Vec<Fix> = diagnostics
        .iter()
        .filter_map(|d| {
            let replacement = d.safe_fix()?;
            let original = text.get(d.span.clone())?;
            (original != replacement).then(|| Fix {
                span: d.span.clone(),
                original: original.to_string(),
                replacement: replacement.to_string(),
            })
        })
        .collect();
    fixes.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut end = 0;
    fixes.retain(|f| {
        let keep = f.span.start >= end;
        if keep {
            end = f.span.end;
        }
        keep
    });
    fixes
}

/// `text` with `fixes` (sorted, non-overlapping, on character boundaries) applied.
pub fn apply(text: &str, fixes: &[Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for fix in fixes {
        out.push_str(&text[copied..fix.span.start]);
        out.push_str(&fix.replacement);
        copied = fix.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Severity};
    use proptest::prelude::*;

    fn diagnostic(span: Range<usize>, code: Code, suggestions: &[&str]) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Warning,
            message: String::new(),
            span,
            suggestions: suggestions.iter().map(|s| s.to_string()).collect(),
            entity: None,
        }
    }

    #[test]
    fn only_safe_fixes_are_applied_and_overlaps_keep_the_first() {
        let text = "Gerasimovis met Foreign Minister Shoigu.";
        let fixes = safe_fixes(
            text,
            &[
                diagnostic(0..11, Code::MisspelledName, &["Gerasimov"]),
                diagnostic(0..5, Code::BannedForm, &["X"]),
                diagnostic(16..32, Code::TitleMismatch, &["Defence Minister"]),
                diagnostic(33..39, Code::MisspelledName, &["Shoigu", "Shoygu"]),
            ],
        );
        assert_eq!(fixes.len(), 1);
        assert_eq!(
            apply(text, &fixes),
            "Gerasimov met Foreign Minister Shoigu."
        );
    }

    #[test]
    fn of_fixes_starting_together_the_longest_wins_and_overlaps_keep_the_earlier() {
        let text = "Muammar Qadhafi met Qadhafi.";
        let fixes = safe_fixes(
            text,
            &[
                diagnostic(8..15, Code::BannedForm, &["Gaddafi"]),
                diagnostic(0..15, Code::BannedForm, &["Muammar Gaddafi"]),
                diagnostic(12..19, Code::BannedForm, &["X"]),
                diagnostic(20..27, Code::BannedForm, &["Gaddafi"]),
            ],
        );
        let spans: Vec<Range<usize>> = fixes.iter().map(|f| f.span.clone()).collect();
        assert_eq!(spans, [0..15, 20..27]);
        assert_eq!(apply(text, &fixes), "Muammar Gaddafi met Gaddafi.");
    }

    #[test]
    fn a_replacement_equal_to_the_text_is_no_fix() {
        let text = "Officials in Kyiv said.";
        assert!(safe_fixes(text, &[diagnostic(13..17, Code::BannedForm, &["Kyiv"])]).is_empty());
    }

    #[test]
    fn a_span_outside_the_text_or_inside_a_character_is_skipped() {
        let text = "Zoë left.";
        let fixes = safe_fixes(
            text,
            &[
                diagnostic(40..44, Code::BannedForm, &["X"]),
                diagnostic(0..3, Code::BannedForm, &["Y"]),
            ],
        );
        assert!(fixes.is_empty(), "{fixes:?}");
        assert_eq!(apply(text, &fixes), text);
    }

    #[test]
    fn the_safe_fixes_of_an_analysis_against_a_small_kb() {
        use crate::analysis::{analyze, AnalysisOptions};
        use crate::testing::entities::{BLINKEN, BLINKOV, GERASIMOV, KYIV};
        use crate::testing::kb;
        let kb = kb(&[GERASIMOV, BLINKEN, BLINKOV, KYIV]);
        let text = "VALERY GERASIMOVIS flew to Kiev. Antony Blinken and Pavel Blinkov met. \
                    Later Blinkon said.";
        let analysis = analyze(text, &kb, &AnalysisOptions::default());
        assert_eq!(analysis.diagnostics.len(), 3, "{:?}", analysis.diagnostics);
        let fixes = safe_fixes(text, &analysis.diagnostics);
        // Two candidates for "Blinkon": an editor chooses.
        assert_eq!(
            apply(text, &fixes),
            "VALERY GERASIMOV flew to Kyiv. Antony Blinken and Pavel Blinkov met. \
             Later Blinkon said."
        );
    }

    proptest! {
        /// Every byte outside the edited spans survives, in order.
        #[test]
        fn bytes_outside_edits_are_kept(
            text in "[a-zA-Zé😀 \\n\\r\\t.,]{0,80}",
            cuts in proptest::collection::vec((0usize..100, 0usize..8, "[A-Za-zö]{0,6}"), 0..6),
        ) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let diagnostics: Vec<Diagnostic> = cuts.iter().map(|(at, len, with)| {
                let start = boundaries[at % boundaries.len()];
                let end = boundaries[(boundaries.iter().position(|&b| b == start).unwrap() + len).min(boundaries.len() - 1)];
                diagnostic(start..end, Code::BannedForm, &[with.as_str()])
            }).collect();
            let fixes = safe_fixes(&text, &diagnostics);
            let fixed = apply(&text, &fixes);
            let mut rest = fixed.as_str();
            let mut copied = 0;
            for fix in &fixes {
                let kept = &text[copied..fix.span.start];
                prop_assert!(rest.starts_with(kept));
                rest = &rest[kept.len()..];
                prop_assert!(rest.starts_with(&fix.replacement));
                rest = &rest[fix.replacement.len()..];
                copied = fix.span.end;
            }
            prop_assert_eq!(rest, &text[copied..]);
        }
    }
}
