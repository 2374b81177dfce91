//! What the checks may remember from one analysis of a document to the next.
//!
//! Only answers that are functions of their key, the KB and — for the slip search —
//! the story's set of KB entities go in here (the separator slips' answers are
//! functions of the written run alone); the incremental analysis keeps one [`Memo`]
//! per document and KB, so a keystroke does not redo a search whose inputs it did not
//! change. A check that starts reading something new must put it in the key.

use std::sync::{Mutex, MutexGuard};

use super::form_slips::FormSlipCache;
use super::misspelled_name::SlipCache;

/// Remembered answers; see the module comment. Each cache has its own lock, so the
/// checks that own them run in parallel (`checks::run`); no check takes both.
#[derive(Debug, Default)]
pub struct Memo {
    /// `misspelled-name`'s one cache (it owns what goes in, when it is stale, and its
    /// locks).
    slips: SlipCache,
    /// `form_slips.rs`'s KB answers for runs of written words and linked words.
    form_slips: Mutex<FormSlipCache>,
}

impl Memo {
    /// Forgets what has grown past its bound, so a long session stays bounded.
    pub fn bound(&self) {
        self.slips().bound();
        self.form_slips().bound();
    }

    pub(super) fn slips(&self) -> &SlipCache {
        &self.slips
    }

    pub(super) fn form_slips(&self) -> MutexGuard<'_, FormSlipCache> {
        lock(&self.form_slips)
    }
}

/// A cache whose lock a panicking check poisoned is still a consistent cache: its
/// entries are whole answers, inserted or not.
pub(super) fn lock<T>(cache: &Mutex<T>) -> MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::BlockCache;
    use crate::analysis::checks::misspelled_name::{SlipKey, WordAnswers};
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
            only: None,
            named_as_place: false,
            speaks_for_a_state: false,
            linked_alone: None,
            titles: Vec::new(),
            title_text: String::new(),
            appositive: String::new(),
            written_again: 0,
            read_as_person: false,
            particles: String::new(),
            name_before: None,
        }
    }

    #[test]
    fn slip_answers_last_while_the_storys_entities_are_the_same_in_any_order() {
        let mut cache = WordAnswers::default();
        cache.for_story([1, 2]);
        cache.answers_mut().insert(key("gerasimovis"), Vec::new());
        cache.for_story([2, 1]);
        assert!(cache.answers_mut().contains_key(&key("gerasimovis")));
    }

    #[test]
    fn slip_answers_are_forgotten_when_the_storys_entities_change() {
        let mut cache = WordAnswers::default();
        cache.for_story([1, 2]);
        cache.answers_mut().insert(key("gerasimovis"), Vec::new());
        cache.for_story([1]);
        assert!(cache.answers_mut().is_empty());
        // And they are not back when the first story's entities are.
        cache.for_story([1, 2]);
        assert!(cache.answers_mut().is_empty());
    }

    #[test]
    fn a_map_past_its_bound_starts_again() {
        let memo = Memo::default();
        {
            let mut words = memo.slips().words();
            for i in 0..SlipCache::LIMIT {
                words.answers_mut().insert(key(&i.to_string()), Vec::new());
            }
            memo.slips()
                .phrases()
                .insert((vec!["syrian".to_string()], 0), None);
        }
        memo.bound();
        assert_eq!(
            memo.slips().words().answers_mut().len(),
            SlipCache::LIMIT,
            "at the bound: kept"
        );
        memo.slips()
            .words()
            .answers_mut()
            .insert(key("one more"), Vec::new());
        memo.bound();
        assert!(memo.slips().words().answers_mut().is_empty());
        assert_eq!(
            memo.slips().phrases().len(),
            1,
            "each map has its own bound"
        );
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

    #[test]
    fn a_remembered_separator_answer_still_asks_the_story_whether_it_points_at_the_person() {
        let kb = kb(&[crate::testing::entities::person(
            "desantis",
            "Ron DeSantis",
            "politician",
            "US",
        )]);
        let elsewhere = "A painter won. De Santis spoke.";
        let named = "Ron DeSantis won. De Santis spoke.";
        let runs = with_one_memo(&[elsewhere, named, elsewhere], &kb);
        let counts: Vec<usize> = runs.iter().map(|a| a.diagnostics.len()).collect();
        assert_eq!(counts, [0, 1, 0]);
        let fresh = analyze(named, &kb, &AnalysisOptions::default());
        assert_eq!(runs[1].diagnostics, fresh.diagnostics);
    }
}
