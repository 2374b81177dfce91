//! What the checks may remember from one analysis of a document to the next.
//!
//! Only answers that are functions of their key, the KB and — for `slips` — the
//! story's set of KB entities go in here; the incremental analysis keeps one [`Memo`]
//! per document and KB, so a keystroke does not redo a search whose inputs it did not
//! change. A check that starts reading something new must put it in the key.

use rustc_hash::FxHashMap as HashMap;
use std::cell::{RefCell, RefMut};

use super::misspelled_name::{Candidate, PhraseKey};
use byline_kb::EntityId;

/// The inputs of `misspelled-name`'s candidate search for one word, besides the KB
/// and the story's entities: the word folded and as written, the name words beside
/// it, whether only organisations may be meant, and the title before the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct SlipKey {
    pub folded: String,
    pub written: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub organisations_only: bool,
    pub titles: Vec<String>,
}

/// Remembered answers; see the module comment.
#[derive(Debug, Default)]
pub struct Memo {
    /// The multi-word name search: run of words and slip position → the KB name and
    /// the corrected word.
    pub(super) phrases: RefCell<HashMap<PhraseKey, Option<(EntityId, String)>>>,
    /// The single-word candidate search → the candidates, or `None` when the word is
    /// another romanisation of the name the context supports.
    slips: RefCell<HashMap<SlipKey, Option<Vec<Candidate>>>>,
    /// The story's KB entities, sorted, that `slips` was filled under.
    slips_story: RefCell<Vec<EntityId>>,
}

impl Memo {
    /// Entries past which a map starts again, so a long session stays bounded.
    const LIMIT: usize = 50_000;

    /// Forgets everything once a map has grown past its bound.
    pub fn bound(&self) {
        let mut phrases = self.phrases.borrow_mut();
        if phrases.len() > Self::LIMIT {
            phrases.clear();
        }
        let mut slips = self.slips.borrow_mut();
        if slips.len() > Self::LIMIT {
            slips.clear();
        }
    }

    /// The single-word search answers valid for a story naming `story_entities`
    /// (emptied when the story's entities changed since they were found).
    pub(super) fn slips_for(
        &self,
        story_entities: impl IntoIterator<Item = EntityId>,
    ) -> RefMut<'_, HashMap<SlipKey, Option<Vec<Candidate>>>> {
        let mut story: Vec<EntityId> = story_entities.into_iter().collect();
        story.sort_unstable();
        let mut slips = self.slips.borrow_mut();
        let mut known = self.slips_story.borrow_mut();
        if *known != story {
            slips.clear();
            *known = story;
        }
        slips
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::BlockCache;
    use crate::analysis::{analyze, analyze_with, Analysis, AnalysisOptions};
    use crate::testing::entities::{GERASIMOV, SDF};
    use crate::testing::kb;
    use byline_kb::Kb;

    fn key(folded: &str) -> SlipKey {
        SlipKey {
            folded: folded.to_string(),
            written: folded.to_string(),
            previous: None,
            next: None,
            organisations_only: false,
            titles: Vec::new(),
        }
    }

    #[test]
    fn slip_answers_last_while_the_storys_entities_are_the_same_in_any_order() {
        let memo = Memo::default();
        memo.slips_for([1, 2]).insert(key("gerasimovis"), None);
        assert!(memo.slips_for([2, 1]).contains_key(&key("gerasimovis")));
    }

    #[test]
    fn slip_answers_are_forgotten_when_the_storys_entities_change() {
        let memo = Memo::default();
        memo.slips_for([1, 2]).insert(key("gerasimovis"), None);
        assert!(memo.slips_for([1]).is_empty());
        // And they are not back when the first story's entities are.
        assert!(memo.slips_for([1, 2]).is_empty());
    }

    #[test]
    fn a_map_past_its_bound_starts_again() {
        let memo = Memo::default();
        {
            let mut slips = memo.slips_for([]);
            for i in 0..Memo::LIMIT {
                slips.insert(key(&i.to_string()), None);
            }
        }
        memo.phrases
            .borrow_mut()
            .insert((vec!["syrian".to_string()], 0), None);
        memo.bound();
        assert_eq!(memo.slips_for([]).len(), Memo::LIMIT, "at the bound: kept");
        memo.slips_for([]).insert(key("one more"), None);
        memo.bound();
        assert!(memo.slips_for([]).is_empty());
        assert_eq!(memo.phrases.borrow().len(), 1, "each map has its own bound");
    }

    /// Analyses each text in turn with one memo, as an edited document is.
    fn with_one_memo(texts: &[&str], kb: &Kb) -> Vec<Analysis> {
        let memo = Memo::default();
        let options = AnalysisOptions::default();
        texts
            .iter()
            .map(|text| analyze_with(text, kb, &options, &mut BlockCache::default(), &memo))
            .collect()
    }

    #[test]
    fn a_remembered_answer_gives_the_findings_a_fresh_search_gives() {
        let kb = kb(&[GERASIMOV, SDF]);
        let text = "Valery Gerasimovis met the Syrian Democraic Forces.";
        let fresh = analyze(text, &kb, &AnalysisOptions::default());
        assert_eq!(fresh.diagnostics.len(), 2);
        for analysis in with_one_memo(&[text, text], &kb) {
            assert_eq!(analysis.diagnostics, fresh.diagnostics);
        }
    }

    #[test]
    fn a_story_naming_other_entities_searches_again() {
        let kb = kb(&[GERASIMOV, SDF]);
        let alone = "Officials said Gerasimovis spoke.";
        let named = "Valery Gerasimov left. Officials said Gerasimovis spoke.";
        let runs = with_one_memo(&[alone, named, alone], &kb);
        let counts: Vec<usize> = runs.iter().map(|a| a.diagnostics.len()).collect();
        assert_eq!(counts, [0, 1, 0]);
    }
}
