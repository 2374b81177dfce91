//! Word lists kept as data files (`crates/byline-core/data/words/*.txt`) and compiled
//! in with `include_str!`, so a list is edited without reading code and every list is
//! one format: one entry a line, `#` starts a comment, blank lines are ignored.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// A compiled-in word list, parsed on first use into its entries (for lists walked in
/// order on a hot path, such as the demonym endings tried on every searched word) and
/// a set (for lookups).
pub struct WordList {
    text: &'static str,
    entries: OnceLock<Vec<&'static str>>,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    /// The list whose data file reads `text`.
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            entries: OnceLock::new(),
            set: OnceLock::new(),
        }
    }

    /// The entries, in file order.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries
            .get_or_init(|| {
                self.text
                    .lines()
                    .map(|line| line.split('#').next().unwrap_or("").trim())
                    .filter(|entry| !entry.is_empty())
                    .collect()
            })
            .iter()
            .copied()
    }

    /// Whether `word` is an entry (compared exactly: the lists hold folded words).
    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words().collect())
            .contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let list = WordList::new("# a list\n\nalpha  # the first\nbeta\n");
        assert_eq!(list.words().collect::<Vec<_>>(), ["alpha", "beta"]);
        assert!(list.contains("alpha") && list.contains("beta"));
        assert!(!list.contains("# a list") && !list.contains(""));
    }
}
