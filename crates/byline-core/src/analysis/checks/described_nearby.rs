//! Evidence for the misspelled-name decision from what the story says around a word:
//! the words near it that the candidate's KB description and roles also have. Copy
//! says who someone is beside a name a reader may not know ("Hinten, who left Google",
//! "Lagard told a news conference after the bank cut its deposit rate"), and a near
//! miss of a name whose description says the same is likelier that name misspelled
//! than a stranger's. The words that pick out no one — function words, and the words of
//! 1 % of the KB's descriptions ("minister", "official": the title evidence weighs
//! offices) — are left out (`data/words/description-generic-words.txt`, written by
//! `scripts/kb/description_words.py`).

use rustc_hash::FxHashSet as HashSet;

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

/// The sentence of each token and the sentences either side of it in its block: what
/// a reader has in mind on meeting the word. Built once per analysis that has a
/// candidate to weigh.
pub(super) struct NearbyWords<'t> {
    tokens: &'t [Token],
    /// Per sentence, its first token; a new block starts a new sentence.
    starts: Vec<usize>,
    /// Per token, the index of its sentence.
    sentence_of: Vec<usize>,
}

impl<'t> NearbyWords<'t> {
    pub(super) fn of(tokens: &'t [Token]) -> NearbyWords<'t> {
        let mut starts: Vec<usize> = Vec::new();
        let mut sentence_of = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            if i == 0 || token.sentence_start || token.block != tokens[i - 1].block {
                starts.push(i);
            }
            sentence_of.push(starts.len() - 1);
        }
        NearbyWords {
            tokens,
            starts,
            sentence_of,
        }
    }

    /// The tokens of the sentences around token `ti`.
    pub(super) fn around(&self, ti: usize) -> &'t [Token] {
        let (tokens, starts) = (self.tokens, &self.starts);
        let s = self.sentence_of[ti];
        let block = tokens[starts[s]].block;
        let same_block = |other: usize| tokens[starts[other]].block == block;
        let first = if s > 0 && same_block(s - 1) { s - 1 } else { s };
        let last = if s + 1 < starts.len() && same_block(s + 1) {
            s + 1
        } else {
            s
        };
        let end = starts.get(last + 1).copied().unwrap_or(tokens.len());
        &tokens[starts[first]..end]
    }
}

/// The telling words of an entity's description and roles, less the words of its own
/// names (which say the word is near the name, not what the story says of it): read
/// once per candidate and analysis.
pub(super) struct Description(HashSet<String>);

impl Description {
    pub(super) fn of(entity: &byline_kb::Entity) -> Description {
        let described = std::iter::once(entity.description.as_str())
            .chain(
                entity
                    .roles
                    .iter()
                    .flat_map(|r| [r.title.as_str(), r.organization.as_str()]),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let names: Vec<String> = entity.surface_forms().map(fold).collect();
        let own_name_word = |word: &str| {
            names.iter().any(|name| {
                name.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word)
            })
        };
        Description(
            fold(&described)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| is_telling(w) && !own_name_word(w))
                .map(str::to_string)
                .collect(),
        )
    }

    /// How many different words of the description the tokens `nearby` write,
    /// `written` aside, up to [`MOST_WEIGHED`].
    pub(super) fn shared_with(&self, nearby: &[Token], written: &str) -> u8 {
        if self.0.is_empty() {
            return 0;
        }
        let mut shared: Vec<&str> = Vec::new();
        for token in nearby {
            let word = token.folded.as_str();
            if word != written && self.0.contains(word) && !shared.contains(&word) {
                shared.push(word);
                if shared.len() == usize::from(MOST_WEIGHED) {
                    break;
                }
            }
        }
        shared.len() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{extract, Format};

    fn tokens(text: &str) -> Vec<Token> {
        crate::analysis::tokens::tokenize(&extract(text, Format::PlainText))
    }

    /// The folded words around `word` in `text`.
    fn window(text: &str, word: &str) -> Vec<String> {
        let tokens = tokens(text);
        let ti = tokens.iter().position(|t| t.folded == word).unwrap();
        NearbyWords::of(&tokens)
            .around(ti)
            .iter()
            .map(|t| t.folded.clone())
            .collect()
    }

    /// The words `entity`'s description shares with the story around `word`.
    fn shared(entity: &byline_kb::Entity, text: &str, word: &str) -> u8 {
        let tokens = tokens(text);
        let ti = tokens.iter().position(|t| t.folded == word).unwrap();
        Description::of(entity).shared_with(NearbyWords::of(&tokens).around(ti), word)
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
        let words = window(text, "hinten");
        assert!(words.iter().any(|w| w == "google"));
        assert!(words.iter().any(|w| w == "lyon") && words.iter().any(|w| w == "lille"));
        assert!(!words.iter().any(|w| w == "nice" || w == "markets"));
    }

    #[test]
    fn a_description_shares_its_telling_words_not_its_names_or_generic_ones() {
        let hinton = described(
            "Geoffrey Hinton",
            "Computer scientist who left Google in 2023, a Nobel laureate.",
        );
        assert_eq!(
            shared(&hinton, "Hinten, who left Google, spoke.", "hinten"),
            2
        );
        // His own name nearby is no description of him.
        assert_eq!(shared(&hinton, "Geoffrey Hinten spoke.", "hinten"), 0);
        // "who" and "in" are in every description, and a year in every story.
        assert_eq!(
            shared(&hinton, "Hinten, who lives in Paris, in 2023.", "hinten"),
            0
        );
    }

    #[test]
    fn shared_words_are_counted_once_and_up_to_a_limit() {
        let lagarde = described(
            "Christine Lagarde",
            "Banker, lawyer, negotiator, economist, chairwoman of the bank.",
        );
        let text = "Lagard, a banker, lawyer, negotiator and economist, chairwoman of the bank.";
        assert_eq!(shared(&lagarde, text, "lagard"), MOST_WEIGHED);
        assert_eq!(
            shared(&lagarde, "Lagard, a banker and a banker.", "lagard"),
            1
        );
    }
}
