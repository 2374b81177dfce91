//! Incremental analysis: after an edit, redo only what the edit can change.
//!
//! [`Incremental::analyze`] returns exactly what [`super::analyze`] returns for the
//! same text (a proptest in this module and the server's change-path proptest hold
//! it). What it reuses from the previous analysis of the document:
//!
//! - the tokens and raw mentions of every block whose text is unchanged
//!   ([`super::blocks::BlockCache`]; blocks are where sentences and names end);
//! - the answers of the checks' costly searches that depend only on the KB
//!   ([`super::checks::Memo`]).
//!
//! Everything that reads the whole story is recomputed each time: the prose (Markdown
//! is parsed whole: a fence or a list can change every block after it, and parsing
//! costs about a tenth of a millisecond per 5,000 words), linking and clusters, the
//! checks, the story date and suppressions. Both caches belong to one KB: given
//! another, the analysis starts afresh.

use std::sync::{Arc, Weak};

use super::blocks::BlockCache;
use super::checks::Memo;
use super::{analyze_with, Analysis, AnalysisOptions};
use byline_kb::Kb;

/// The caches of one document's analyses.
#[derive(Debug, Default)]
pub struct Incremental {
    /// The KB the caches were filled from (a `Weak`, so its address is not reused
    /// while we compare against it).
    kb: Weak<Kb>,
    blocks: BlockCache,
    memo: Memo,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental::default()
    }

    /// Analyses `text`, reusing what the previous call can lend; equal to
    /// `analyze(text, kb, options)`.
    pub fn analyze(&mut self, text: &str, kb: &Arc<Kb>, options: &AnalysisOptions) -> Analysis {
        if !Weak::ptr_eq(&self.kb, &Arc::downgrade(kb)) {
            *self = Incremental {
                kb: Arc::downgrade(kb),
                ..Incremental::default()
            };
        }
        self.memo.bound();
        analyze_with(text, kb, options, &mut self.blocks, &self.memo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::prose::Format;
    use crate::testing::entities::{GERASIMOV, IMF, IRNA, MOSCOW, PUTIN, SDF, SHOIGU};
    use crate::testing::reference;
    use crate::testing::{edit_strategy, in_format, kb};
    use crate::text::document::TextEdit;
    use crate::text::PositionEncoding;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    /// Pieces of stories and of what surrounds them: names, slips, titles, acronyms in
    /// parentheses, sentence ends, front matter, code fences, HTML, suppression
    /// comments, multi-byte and astral characters, every kind of line break.
    const PIECES: &str = "(General |Valery |Gerasimovis|Gerasimov|Shoigu|Shoygu|Moscow|Mr\\. |President |Putn |Islamic Republic News Agency |\\(IRNA\\)|International Monetray Fund|Syrian Democraic Forces|\\. |, |é|😀|𝒜|Щ|\r\n|\n\n|\n|\r|- |# |---\n|date: 2021-10-21\n|```\n|<p>|</p>|<!-- byline-disable-next-line -->|\\) ){0,6}";

    fn format_strategy() -> impl Strategy<Value = Format> {
        prop_oneof![
            Just(Format::Markdown),
            Just(Format::PlainText),
            Just(Format::Html)
        ]
    }

    /// Analyses `initial` and then the text after each of `edits` with one
    /// `Incremental`, and fails unless each analysis equals a full analysis of the text.
    fn equals_a_full_analysis_after_every_edit(
        kb: &Arc<Kb>,
        initial: String,
        edits: &[TextEdit],
        format: Format,
    ) -> Result<(), TestCaseError> {
        let options = in_format(format);
        let mut incremental = Incremental::new();
        let mut text = initial;
        incremental.analyze(&text, kb, &options);
        for edit in edits {
            text = reference::apply(&text, edit, PositionEncoding::Utf16);
            let reused = incremental.analyze(&text, kb, &options);
            let full = analyze(&text, kb, &options);
            prop_assert_eq!(
                format!("{reused:?}"),
                format!("{full:?}"),
                "text {:?}",
                text
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// After every edit of a sequence, the incremental analysis equals a full
        /// analysis of the text: edits that split and join paragraphs, open and close
        /// front matter and code fences, and move blocks around.
        #[test]
        fn incremental_analysis_equals_a_full_analysis_after_every_edit(
            initial in PIECES,
            edits in vec(edit_strategy(PIECES), 1..10),
            format in format_strategy(),
        ) {
            let kb = Arc::new(byline_default_kb::default_kb().unwrap());
            equals_a_full_analysis_after_every_edit(&kb, initial, &edits, format)?;
        }
    }

    #[test]
    fn another_kb_starts_the_caches_afresh() {
        let options = AnalysisOptions::default();
        let text = "General Valery Gerasimovis met Sergei Shoigu in Moscow.\n\nThen he left.";
        let mut incremental = Incremental::new();
        let first = Arc::new(byline_default_kb::default_kb().unwrap());
        incremental.analyze(text, &first, &options);
        let empty = Arc::new(byline_kb::Kb::empty());
        let analysis = incremental.analyze(text, &empty, &options);
        assert_eq!(
            format!("{analysis:?}"),
            format!("{:?}", analyze(text, &empty, &options))
        );
        assert!(analysis.mentions.iter().all(|m| m.entity.is_none()));
    }

    /// The entities `PIECES` names, and one the KB bans a form of.
    fn small_kb() -> Arc<Kb> {
        Arc::new(kb(&[
            GERASIMOV,
            SHOIGU,
            PUTIN,
            MOSCOW,
            IRNA,
            IMF,
            SDF.banned(&["SDF"]),
        ]))
    }

    /// Each text analysed in turn by one `Incremental`, checked against a full analysis;
    /// the number of findings of each.
    fn findings_after_each(texts: &[&str], kb: &Arc<Kb>, options: &AnalysisOptions) -> Vec<usize> {
        let mut incremental = Incremental::new();
        texts
            .iter()
            .map(|text| {
                let reused = incremental.analyze(text, kb, options);
                let full = analyze(text, kb, options);
                assert_eq!(format!("{reused:?}"), format!("{full:?}"), "text {text:?}");
                reused.diagnostics.len()
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The property above, against a KB of the few entities the pieces name.
        #[test]
        fn incremental_analysis_equals_a_full_analysis_with_a_small_kb(
            initial in PIECES,
            edits in vec(edit_strategy(PIECES), 1..10),
            format in format_strategy(),
        ) {
            equals_a_full_analysis_after_every_edit(&small_kb(), initial, &edits, format)?;
        }
    }

    #[test]
    fn naming_a_person_in_another_paragraph_makes_a_slip_a_finding_and_back() {
        let alone = "Officials said Gerasimovis spoke.";
        let named = "Valery Gerasimov left.\n\nOfficials said Gerasimovis spoke.";
        assert_eq!(
            findings_after_each(
                &[alone, named, alone, named],
                &small_kb(),
                &AnalysisOptions::default()
            ),
            [0, 1, 0, 1]
        );
    }

    #[test]
    fn an_edited_story_date_is_read_again() {
        let story = |date: &str| {
            format!("---\ndate: {date}\n---\n\nDefence Minister Sergei Shoigu spoke.\n\nThen he left.\n")
        };
        let (before, after) = (story("2020-01-01"), story("2025-06-01"));
        let options = in_format(Format::Markdown);
        assert_eq!(
            findings_after_each(&[&before, &after, &before], &small_kb(), &options),
            [0, 1, 0]
        );
    }

    #[test]
    fn a_new_suppression_comment_hides_a_finding_in_an_unchanged_paragraph() {
        let text = "Valery Gerasimovis spoke.\n\nThen he left.\n";
        let hidden =
            "<!-- byline-disable-next-line -->\nValery Gerasimovis spoke.\n\nThen he left.\n";
        let options = in_format(Format::Markdown);
        assert_eq!(
            findings_after_each(&[text, hidden, text], &small_kb(), &options),
            [1, 0, 1]
        );
    }

    #[test]
    fn another_kb_even_with_the_same_entities_starts_the_caches_afresh() {
        let options = AnalysisOptions::default();
        let text = "General Valery Gerasimovis met Sergei Shoigu in Moscow.\n\nThen he left.";
        let mut incremental = Incremental::new();
        let first = small_kb();
        assert_eq!(
            incremental
                .analyze(text, &first, &options)
                .diagnostics
                .len(),
            1
        );
        let second = small_kb();
        incremental.analyze(text, &second, &options);
        assert!(Weak::ptr_eq(&incremental.kb, &Arc::downgrade(&second)));
        let without = Arc::new(Kb::empty());
        let analysis = incremental.analyze(text, &without, &options);
        assert_eq!(
            format!("{analysis:?}"),
            format!("{:?}", analyze(text, &without, &options))
        );
        assert!(analysis.diagnostics.is_empty());
    }
}
