//! Common English words (SCOWL via Debian's `wamerican-small`; licence in the word
//! file's header). Shared by the importers, which never make such a word a name
//! variant ("Iron" for Iran), and by the analysis, which never takes a capitalised
//! common word ("Strike", "Search") alone for a name or a misspelling of one.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::normalize::fold;

/// Fx, not SipHash: the 40,000 words are hashed once per process (a quarter of the
/// instructions of a `byline check` of one story with SipHash), and no key comes from
/// an adversary.
fn english_words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("english_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// True when `folded` (already folded, one word) is a common English word of four or
/// more letters.
pub fn is_common_folded_word(folded: &str) -> bool {
    english_words().contains(folded)
}

/// True when `variant` is one common English word ("Iron", "Nice", "Reading").
pub fn is_common_word(variant: &str) -> bool {
    let folded = fold(variant.trim());
    !folded.contains(' ') && is_common_folded_word(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_common_words_are_common_words() {
        assert!(is_common_word("Iron"));
        assert!(is_common_word("Nice"));
        assert!(is_common_word("Strike"));
    }

    #[test]
    fn names_and_phrases_are_not_common_words() {
        assert!(!is_common_word("Teheran"));
        assert!(!is_common_word("New York"));
        assert!(!is_common_word("Gerasimov"));
    }
}
