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
    use crate::testing::edit_strategy;
    use crate::testing::reference;
    use crate::text::PositionEncoding;
    use proptest::collection::vec;
    use proptest::prelude::*;

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
            let options = AnalysisOptions { format: Some(format), ..Default::default() };
            let mut incremental = Incremental::new();
            let mut text = initial;
            incremental.analyze(&text, &kb, &options);
            for edit in &edits {
                text = reference::apply(&text, edit, PositionEncoding::Utf16);
                let reused = incremental.analyze(&text, &kb, &options);
                let full = analyze(&text, &kb, &options);
                prop_assert_eq!(format!("{reused:?}"), format!("{full:?}"), "text {:?}", text);
            }
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
}
