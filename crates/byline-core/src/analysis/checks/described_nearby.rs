//! Evidence for the misspelled-name decision from what the story says around a word:
//! the words near it that the candidate's KB description and roles also have. Copy
//! says who someone is beside a name a reader may not know ("Hinten, who left Google",
//! "Lagard told a news conference after the bank cut its deposit rate"), and a near
//! miss of a name whose description says the same is likelier that name misspelled
//! than a stranger's. The words that pick out no one — function words, and the words of
//! 1 % of the KB's descriptions ("minister", "official": the title evidence weighs
//! offices) — are left out (`data/words/description-generic-words.txt`, written by
//! `scripts/kb/description_words.py`).

use std::cell::OnceCell;
use std::sync::Arc;

use crate::analysis::tokens::Token;
use crate::text::word_list::WordList;
use byline_kb::normalize::fold;

/// Words of descriptions that pick out no entity (see the module comment).
static GENERIC_WORDS: WordList = WordList::new(include_str!(
    "../../../data/words/description-generic-words.txt"
));

/// Shared words past which more say no more: three is already a description.
pub(super) const MOST_WEIGHED: u8 = 3;

/// Whether a folded word may tell one entity from another: three letters or more, no
/// digit (years and counts are in every story), and not generic.
fn is_telling(word: &str) -> bool {
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && !GENERIC_WORDS.contains(word)
}

/// The telling words of the sentence of each token and the sentences either side of
/// it, one sorted list per sentence window, shared by the window's tokens: what a
/// reader has in mind on meeting the word.
/// Built on first use: most stories have few words to search.
pub(super) struct NearbyWords<'t> {
    tokens: &'t [Token],
    /// Per sentence, its first token; a new block starts a new sentence.
    starts: Vec<usize>,
    /// Per token, the index of its sentence.
    sentence_of: Vec<usize>,
    /// Per sentence, the telling words of it and its neighbours in the same block.
    windows: Vec<OnceCell<Arc<[String]>>>,
}

impl<'t> NearbyWords<'t> {
    pub(super) fn of(tokens: &'t [Token]) -> NearbyWords<'t> {
        // Sentences as token ranges; a new block starts a new sentence.
        let mut starts: Vec<usize> = Vec::new();
        let mut sentence_of = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            if i == 0 || token.sentence_start || token.block != tokens[i - 1].block {
                starts.push(i);
            }
            sentence_of.push(starts.len() - 1);
        }
        let windows = (0..starts.len()).map(|_| OnceCell::new()).collect();
        NearbyWords {
            tokens,
            starts,
            sentence_of,
            windows,
        }
    }

    /// The telling words around token `ti`, sorted.
    pub(super) fn around(&self, ti: usize) -> Arc<[String]> {
        let s = self.sentence_of[ti];
        self.windows[s].get_or_init(|| self.window(s)).clone()
    }

    fn window(&self, s: usize) -> Arc<[String]> {
        let (tokens, starts) = (self.tokens, &self.starts);
        let block = tokens[starts[s]].block;
        let same_block = |other: usize| tokens[starts[other]].block == block;
        let first = if s > 0 && same_block(s - 1) { s - 1 } else { s };
        let last = if s + 1 < starts.len() && same_block(s + 1) {
            s + 1
        } else {
            s
        };
        let end = starts.get(last + 1).copied().unwrap_or(tokens.len());
        let mut words: Vec<String> = tokens[starts[first]..end]
            .iter()
            .map(|t| t.folded.as_str())
            .filter(|w| is_telling(w))
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        words.into()
    }
}

/// How many of the telling words of `entity`'s description and roles are `nearby`
/// (sorted), up to [`MOST_WEIGHED`]: words of its own names aside, which say the
/// word is near the name, not what the story says of it, and so does `written`.
pub(super) fn shared_description_words(
    entity: &byline_kb::Entity,
    nearby: &[String],
    written: &str,
) -> u8 {
    if nearby.is_empty() {
        return 0;
    }
    let described = std::iter::once(entity.description.as_str())
        .chain(
            entity
                .roles
                .iter()
                .flat_map(|r| [r.title.as_str(), r.organization.as_str()]),
        )
        .collect::<Vec<_>>()
        .join(" ");
    let mut words: Vec<String> = fold(&described)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_telling(w) && *w != written)
        .filter(|w| nearby.binary_search_by(|n| n.as_str().cmp(w)).is_ok())
        .map(str::to_string)
        .collect();
    words.sort_unstable();
    words.dedup();
    let names: Vec<String> = entity.surface_forms().map(fold).collect();
    let own_name_word = |word: &str| {
        names.iter().any(|name| {
            name.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word)
        })
    };
    let shared = words.iter().filter(|w| !own_name_word(w)).count();
    shared.min(usize::from(MOST_WEIGHED)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{extract, Format};

    fn nearby(text: &str, word: &str) -> Arc<[String]> {
        let tokens = crate::analysis::tokens::tokenize(&extract(text, Format::PlainText));
        let ti = tokens.iter().position(|t| t.folded == word).unwrap();
        NearbyWords::of(&tokens).around(ti)
    }

    /// A person with a description, read as a KB file is.
    fn described(name: &str, description: &str) -> byline_kb::Entity {
        let toml = format!(
            "[[entity]]\nid = \"p\"\nkind = \"person\"\ntype = \"official\"\nname = \"{name}\"\ndescription = \"{description}\"\n"
        );
        byline_kb::load::parse_toml("test.toml", &toml)
            .unwrap()
            .remove(0)
    }

    #[test]
    fn the_words_near_a_name_are_its_sentence_and_the_ones_either_side() {
        let text = "Markets fell. Prices rose in Lyon. Hinten left Google. Wages rose in Lille. \
                    Rates fell in Nice.";
        let words = nearby(text, "hinten");
        assert!(words.iter().any(|w| w == "google"));
        assert!(words.iter().any(|w| w == "lyon") && words.iter().any(|w| w == "lille"));
        assert!(!words.iter().any(|w| w == "nice" || w == "markets"));
        // Function words, short words and the words of many descriptions are left out.
        assert!(!words.iter().any(|w| w == "in" || w == "the"));
    }

    #[test]
    fn a_description_shares_its_telling_words_not_its_names_or_generic_ones() {
        let hinton = described(
            "Geoffrey Hinton",
            "Computer scientist who left Google in 2023, a Nobel laureate.",
        );
        let around = |text: &str| nearby(text, "hinten");
        assert_eq!(
            shared_description_words(
                &hinton,
                &around("Hinten, who left Google, spoke."),
                "hinten"
            ),
            2
        );
        // His own name nearby is no description of him.
        assert_eq!(
            shared_description_words(&hinton, &around("Geoffrey Hinten spoke."), "hinten"),
            0
        );
        // "who" and "in" are in every description.
        assert_eq!(
            shared_description_words(&hinton, &around("Hinten, who lives in Paris."), "hinten"),
            0
        );
    }

    #[test]
    fn shared_words_are_counted_up_to_a_limit() {
        let lagarde = described(
            "Christine Lagarde",
            "Banker, lawyer, negotiator, economist, chairwoman of the bank.",
        );
        let text = "Lagard, a banker, lawyer, negotiator and economist, chairwoman of the bank.";
        assert_eq!(
            shared_description_words(&lagarde, &nearby(text, "lagard"), "lagard"),
            MOST_WEIGHED
        );
    }
}
