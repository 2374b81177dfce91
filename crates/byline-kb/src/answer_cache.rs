//! A bounded, thread-safe memo of a KB's fuzzy answers.
//!
//! The KB never changes, so an answer computed once (the name words near a written
//! word) is right for every later analysis: a batch meets the same unknown names in
//! many files, and the server re-reads mostly unchanged text. The search runs outside
//! the lock, so parallel analyses never wait on one another's searches; two threads
//! asking at once may both search, and the second answer replaces the equal first.

use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

/// Answers to one kind of KB question, keyed by the question.
pub(crate) struct AnswerCache<K, V: ?Sized> {
    answers: Mutex<FxHashMap<K, Arc<V>>>,
    /// Entries kept before the memo starts over (bounds its memory in a long session).
    limit: usize,
}

impl<K: Hash + Eq, V: ?Sized> AnswerCache<K, V> {
    pub(crate) fn new(limit: usize) -> Self {
        AnswerCache {
            answers: Mutex::new(FxHashMap::default()),
            limit,
        }
    }

    /// The answer to `key`, from `search` the first time it is asked.
    pub(crate) fn get_or_search(&self, key: K, search: impl FnOnce(&K) -> Arc<V>) -> Arc<V> {
        if let Some(found) = self.lock().get(&key) {
            return Arc::clone(found);
        }
        let found = search(&key);
        let mut answers = self.lock();
        if answers.len() >= self.limit {
            answers.clear();
        }
        answers.insert(key, Arc::clone(&found));
        found
    }

    /// Forgets every answer (benchmarks of a cold KB).
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    /// A poisoned lock still guards a consistent map: an insert either happened or not.
    fn lock(&self) -> MutexGuard<'_, FxHashMap<K, Arc<V>>> {
        self.answers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_asked_twice_is_searched_once() {
        let cache: AnswerCache<String, str> = AnswerCache::new(10);
        let mut searches = 0;
        for _ in 0..2 {
            let answer = cache.get_or_search("q".to_string(), |_| {
                searches += 1;
                Arc::from("a")
            });
            assert_eq!(&*answer, "a");
        }
        assert_eq!(searches, 1);
    }

    #[test]
    fn a_full_cache_starts_over_instead_of_growing() {
        let cache: AnswerCache<u32, u32> = AnswerCache::new(3);
        for key in 0..10 {
            cache.get_or_search(key, |k| Arc::new(*k));
        }
        assert!(cache.lock().len() <= 3);
        let mut searched = false;
        cache.get_or_search(9, |k| {
            searched = true;
            Arc::new(*k)
        });
        assert!(!searched, "the newest answer survives the restart");
    }

    #[test]
    fn cleared_answers_are_searched_again() {
        let cache: AnswerCache<u32, u32> = AnswerCache::new(3);
        cache.get_or_search(1, |k| Arc::new(*k));
        cache.clear();
        let mut searched = false;
        cache.get_or_search(1, |k| {
            searched = true;
            Arc::new(*k)
        });
        assert!(searched);
    }
}
