//! Names joined by a hyphen into one word ("US-China talks", "the Israel-Hamas war",
//! "UK-France co-operation") are cut back into their names.
//!
//! The word splitter keeps a hyphenated word whole, as it must for names that are one
//! word ("Guinea-Bissau", "al-Assad", "Jean-Pierre"). A pairing of two countries or
//! bodies is no such name: kept whole it becomes an unknown chunk of its own, typed
//! `other` or a place, linked to nothing, with no card and no check. This stage runs
//! between tokenising and recognition, where the KB is at hand, and splits a word only
//! when the whole is no KB name word and every part alone is the full name of a place
//! or body the reader knows: a country, a capital, a big city or region, or an
//! organisation. A person's name is never a part, so double given names and
//! double-barrelled surnames stay whole.

use byline_kb::{normalize::fold, normalize::is_all_caps, normalize::is_name_cased};
use byline_kb::{Category, Kb};

use super::tokens::Token;

/// A place at least this prominent (`Entity::prominence`: capitals, big cities,
/// regions; a town of GeoNames is 0.3) may be a part. A small town's name is too often
/// also a given name or a surname ("Pierre", "Salem") to cut a word at.
const PART_PLACE_PROMINENCE: f32 = 0.6;

/// The tokens with every hyphen-joined pairing of names cut into one token per name.
/// The parts keep the word's block; only the first may start a sentence.
pub fn split_joined_names(tokens: Vec<Token>, text: &str, kb: &Kb) -> Vec<Token> {
    if !tokens.iter().any(|t| joins_words(&text[t.span.clone()])) {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 2);
    for token in tokens {
        match parts_if_names(&token, text, kb) {
            Some(parts) => out.extend(parts),
            None => out.push(token),
        }
    }
    out
}

fn joins_words(word: &str) -> bool {
    word.contains(['-', '‐'])
}

/// The token cut at its hyphens, when every part is a name standing for itself.
fn parts_if_names(token: &Token, text: &str, kb: &Kb) -> Option<Vec<Token>> {
    let word = &text[token.span.clone()];
    if !token.capitalized || !joins_words(word) {
        return None;
    }
    if kb.has_token(&token.folded) || !kb.acronym(word).is_empty() {
        return None; // a name the KB writes hyphenated ("Guinea-Bissau")
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let hyphens = word
        .match_indices(['-', '‐'])
        .map(|(at, hyphen)| (at, hyphen.len()));
    for (end, hyphen_len) in hyphens.chain(std::iter::once((word.len(), 0))) {
        let piece = &word[start..end];
        if !names_a_place_or_body(kb, piece) {
            return None;
        }
        parts.push(Token {
            folded: fold(piece),
            capitalized: is_name_cased(piece),
            all_caps: is_all_caps(piece),
            sentence_start: parts.is_empty() && token.sentence_start,
            block: token.block,
            span: token.span.start + start..token.span.start + end,
        });
        start = end + hyphen_len;
    }
    Some(parts)
}

/// Whether `written` alone is the whole name or the acronym of a country, a prominent
/// place or an organisation.
fn names_a_place_or_body(kb: &Kb, written: &str) -> bool {
    if !is_name_cased(written) || written.chars().count() < 2 {
        return false;
    }
    let stands_for_itself = |id| {
        let entity = kb.entity(id);
        match entity.category() {
            Category::Organization => true,
            Category::Location => {
                matches!(entity.entity_type.as_str(), "country" | "capital")
                    || entity.prominence() >= PART_PLACE_PROMINENCE
            }
            _ => false,
        }
    };
    if kb.acronym(written).into_iter().any(stands_for_itself) {
        return true;
    }
    let folded = fold(written);
    kb.name_prefix_matches(std::iter::once(folded.as_str()))
        .iter()
        .any(|(len, targets)| *len == 1 && targets.iter().any(|t| stands_for_itself(t.entity)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;
    use crate::prose::{extract, Format};
    use crate::testing::entities::{organisation, person, place, Entity, IRAN};

    const CHINA: Entity = place("country-cn", "China", "country", "CN");
    const US: Entity = place("country-us", "United States", "country", "US");
    const HAMAS: Entity = organisation("hamas", "Hamas", "armed-group", "PS");
    const PIERRE: Entity = place("pierre", "Pierre", "city", "US");
    const GUINEA_BISSAU: Entity = place("country-gw", "Guinea-Bissau", "country", "GW");
    const GUINEA: Entity = place("country-gn", "Guinea", "country", "GN");
    const JEAN_MARIE: Entity = person("le-pen", "Jean-Marie Le Pen", "politician", "FR");
    const PARIS: Entity = place("paris", "Paris", "capital", "FR");

    fn words_after_split(text: &str, kb: &Kb) -> Vec<String> {
        let prose = extract(text, Format::PlainText);
        split_joined_names(tokenize(&prose), &prose.masked, kb)
            .iter()
            .map(|t| text[t.span.clone()].to_string())
            .collect()
    }

    fn test_kb() -> Kb {
        crate::testing::kb(&[
            CHINA,
            US.acronyms(&["US"]),
            HAMAS,
            PIERRE,
            GUINEA_BISSAU,
            GUINEA,
            JEAN_MARIE,
            PARIS,
            IRAN,
        ])
    }

    #[test]
    fn two_countries_joined_by_a_hyphen_are_two_words() {
        let kb = test_kb();
        assert_eq!(
            words_after_split(
                "The US-China talks, the Iran-Hamas channel, Paris‐Iran-China.",
                &kb
            ),
            [
                "The", "US", "China", "talks", "the", "Iran", "Hamas", "channel", "Paris", "Iran",
                "China"
            ]
        );
    }

    #[test]
    fn a_name_the_kb_writes_with_a_hyphen_stays_one_word() {
        let kb = test_kb();
        assert_eq!(
            words_after_split("Guinea-Bissau voted.", &kb),
            ["Guinea-Bissau", "voted"]
        );
    }

    #[test]
    fn a_double_given_name_or_a_small_town_is_no_part() {
        let kb = test_kb();
        // "Jean" names no place or body; "Pierre" is a small town, too often a name.
        assert_eq!(
            words_after_split("Jean-Pierre met China-Pierre traders.", &kb),
            ["Jean-Pierre", "met", "China-Pierre", "traders"]
        );
    }

    #[test]
    fn a_lowercase_or_unknown_part_keeps_the_word_whole() {
        let kb = test_kb();
        assert_eq!(
            words_after_split("China-bound and China-Zubrovia trade.", &kb),
            ["China-bound", "and", "China-Zubrovia", "trade"]
        );
    }

    #[test]
    fn only_the_first_part_starts_a_sentence() {
        let kb = test_kb();
        let prose = extract("US-China talks resumed.", Format::PlainText);
        let tokens = split_joined_names(tokenize(&prose), &prose.masked, &kb);
        assert!(tokens[0].sentence_start && !tokens[1].sentence_start);
        assert_eq!(tokens[1].folded, "china");
    }
}
