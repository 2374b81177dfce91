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
