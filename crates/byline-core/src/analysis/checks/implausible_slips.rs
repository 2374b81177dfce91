//! Near misses of a KB name that are never slips, however well the story's context
//! fits the candidate. Found by mixing paragraphs of different real stories (the
//! synthetic corpus of `benches/throughput.sh`): context such as "Angus Campbell is in
//! this story" then meets unrelated capitalised words ("Aer Lingus"), and each rule
//! here is one way a writer's word differs from a slip of that name.

use crate::text::words::word_strs;
use byline_kb::index::NamePart;
use byline_kb::normalize::fold;
use byline_kb::{Category, Entity, Kb};

/// A word of the story and one KB name word near it.
pub(super) struct NearMiss<'a> {
    /// The written word, folded.
    pub written: &'a str,
    /// Whether the word is written in capitals ("NATO").
    pub all_caps: bool,
    /// The KB name word it is near, folded.
    pub kb_word: &'a str,
    /// Which part of the candidate's name `kb_word` is.
    pub part: NamePart,
    pub entity: &'a Entity,
    /// Edits between `written` and `kb_word` (Damerau–Levenshtein).
    pub edits: usize,
    /// The name word right before the written word, folded.
    pub previous: Option<&'a str>,
    /// The candidate's other name part stands beside the word ("Valery Gerasimovis").
    pub neighbour_fits: bool,
}

/// True when `miss` cannot be a slip of its candidate.
pub(super) fn is_implausible(kb: &Kb, miss: &NearMiss) -> bool {
    given_name_alone(miss)
        || another_persons_full_name(kb, miss)
        || place_by_foreign_alias(miss)
        || acronym_in_lowercase(miss)
        || far_with_another_first_letter(miss)
        || miss.kb_word.chars().count() < 4
}

// A KB word under four letters ("Day" of Stockwell Day) is never a target: "Dayr" in
// "Dayr Az Zayr" is not a suffix slip of it (the checked words are four letters or more).

/// News writes a given name with its surname: "Dieter" before "Zetsche" is not "Peter"
/// of Peter January, and "Aer Lingus" is not Angus Campbell.
fn given_name_alone(miss: &NearMiss) -> bool {
    miss.part == NamePart::Given && !miss.neighbour_fits
}

/// "Bob Corker", "Rick Wagoner": a given name that is not the candidate's, right before
/// the word, makes the two words another person's name, not a slip of Carter or Warner.
fn another_persons_full_name(kb: &Kb, miss: &NearMiss) -> bool {
    miss.part == NamePart::Surname
        && !miss.neighbour_fits
        && miss.previous.is_some_and(|previous| {
            kb.token_postings(previous)
                .iter()
                .any(|p| p.part == NamePart::Given)
        })
}

/// Places are misspelled against the name a reporter writes, not against one of the
/// dozens of foreign spellings GeoNames lists ("Dacia" is not Denmark's "Dania",
/// "Russel" not Brussels's Dutch "Brussel").
fn place_by_foreign_alias(miss: &NearMiss) -> bool {
    miss.entity.category() == Category::Location
        && !word_strs(&miss.entity.name).any(|word| fold(word) == miss.kb_word)
}

/// An acronym is written in capitals: "Nano" (the iPod) is not a slip of "NATO".
fn acronym_in_lowercase(miss: &NearMiss) -> bool {
    !miss.all_caps
        && miss
            .entity
            .acronyms
            .iter()
            .any(|acronym| fold(acronym) == miss.kb_word)
}

/// Two edits and a different first letter, with no given name beside it to say so,
/// is another word ("Thales" is not Philip Sales): slips of the hand rarely change
/// the first letter, and never together with another edit.
fn far_with_another_first_letter(miss: &NearMiss) -> bool {
    miss.edits >= 2
        && !miss.neighbour_fits
        && miss.written.chars().next() != miss.kb_word.chars().next()
}
