//! Lookup structures over the KB: an exact name index (fst map from folded name keys)
//! and a fuzzy token index for misspelling candidates.
//!
//! `fst` is used for both because it stores millions of keys compactly, supports
//! walking a key byte by byte (longest match at a token position without trying every
//! n-gram) and Levenshtein automata for fuzzy search.

use std::collections::BTreeMap;

use fst::automaton::Levenshtein;
use fst::{IntoStreamer, Map, MapBuilder, Streamer};

use super::model::{Category, Entity};
use super::normalize::{fold, is_capitalized};
use super::EntityId;
use crate::text::words::word_strs;

/// How a surface form relates to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormKind {
    /// The full name or a full alias ("Valery Gerasimov").
    Full,
    /// A person's surname alone ("Gerasimov"), to be resolved by context.
    Surname,
}

/// One entity a name key may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameTarget {
    pub entity: EntityId,
    pub form: FormKind,
    /// Bit i set: token i is capitalised in the KB form and must be in the text too.
    /// A lowercase KB form ("Iran's armed forces") matches lowercase text.
    pub caps: u32,
}

/// The capitalisation mask of a form (see `NameTarget::caps`).
pub fn caps_mask(form: &str) -> u32 {
    word_strs(form)
        .take(32)
        .enumerate()
        .filter(|(_, w)| is_capitalized(w))
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// A part of a person's name, for fuzzy candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NamePart {
    Given,
    Surname,
    /// A single-token organisation or place name ("Interfax", "Tehran").
    Whole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenPosting {
    pub entity: EntityId,
    pub part: NamePart,
}

/// Maps folded name keys ("valery gerasimov") to the entities they name.
pub struct NameIndex {
    map: Map<Vec<u8>>,
    targets: Vec<Vec<NameTarget>>,
}

/// Maps folded single name tokens to the entities whose names contain them.
pub struct TokenIndex {
    map: Map<Vec<u8>>,
    postings: Vec<Vec<TokenPosting>>,
}

/// Lowercase particles that begin a surname ("von der Leyen", "al-Assad" is one token).
const SURNAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "le", "la",
    "al", "el", "bin", "ibn", "ben", "abu",
];

/// The key a sequence of folded tokens is stored under.
pub fn key_of(tokens: &[String]) -> String {
    tokens.join(" ")
}

/// Splits and folds a name into its matching tokens.
pub fn name_tokens(name: &str) -> Vec<String> {
    word_strs(name).map(fold).collect()
}

/// The surname of a person's name as written: trailing tokens from the first
/// lowercase particle, else the last token.
pub fn surname_of(name: &str) -> Option<String> {
    let words: Vec<&str> = word_strs(name).collect();
    if words.len() < 2 {
        return None;
    }
    let start = words[1..]
        .iter()
        .position(|w| SURNAME_PARTICLES.contains(w))
        .map_or(words.len() - 1, |i| i + 1);
    Some(words[start..].join(" "))
}

fn given_name_of(name: &str) -> Option<&str> {
    let mut words = word_strs(name);
    let first = words.next()?;
    words.next().map(|_| first)
}

impl NameIndex {
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut keyed: BTreeMap<String, Vec<NameTarget>> = BTreeMap::new();
        for (index, entity) in entities.iter().enumerate() {
            let id = index as EntityId;
            for form in entity.surface_forms() {
                let tokens = name_tokens(form);
                if tokens.is_empty() {
                    continue;
                }
                let kind = if entity.category() == Category::Person && tokens.len() == 1 {
                    FormKind::Surname
                } else {
                    FormKind::Full
                };
                keyed.entry(key_of(&tokens)).or_default().push(NameTarget {
                    entity: id,
                    form: kind,
                    caps: caps_mask(form),
                });
                if entity.category() == Category::Person {
                    if let Some(surname) = surname_of(form) {
                        let key = key_of(&name_tokens(&surname));
                        keyed.entry(key).or_default().push(NameTarget {
                            entity: id,
                            form: FormKind::Surname,
                            caps: caps_mask(&surname),
                        });
                    }
                }
            }
        }
        let mut builder = MapBuilder::memory();
        let mut targets = Vec::with_capacity(keyed.len());
        for (key, mut list) in keyed {
            list.sort();
            list.dedup();
            builder
                .insert(key.as_bytes(), targets.len() as u64)
                .expect("keys are inserted in sorted order");
            targets.push(list);
        }
        let map = builder.into_map();
        NameIndex { map, targets }
    }

    /// The entities a complete key names.
    pub fn get(&self, key: &str) -> &[NameTarget] {
        self.map
            .get(key.as_bytes())
            .map_or(&[], |i| self.targets[i as usize].as_slice())
    }

    /// Every run of `tokens` (folded) from the start that is a key, shortest first, as
    /// the number of tokens and the targets. One walk down the fst, so the cost is the
    /// length of the longest prefix that exists, not the number of n-grams tried.
    pub fn prefix_matches<'a>(
        &self,
        tokens: impl Iterator<Item = &'a str>,
    ) -> Vec<(usize, &[NameTarget])> {
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut output = fst::raw::Output::zero();
        let mut found = Vec::new();
        for (count, token) in tokens.enumerate() {
            let separator = if count == 0 { None } else { Some(b' ') };
            for byte in separator.into_iter().chain(token.bytes()) {
                match node.find_input(byte) {
                    Some(i) => {
                        let transition = node.transition(i);
                        output = output.cat(transition.out);
                        node = fst.node(transition.addr);
                    }
                    None => return found,
                }
            }
            if node.is_final() {
                let value = output.cat(node.final_output()).value();
                found.push((count + 1, self.targets[value as usize].as_slice()));
            }
        }
        found
    }

    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Keys starting with `prefix`, for completion; at most `limit`.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<(String, &[NameTarget])> {
        let mut stream = self.map.range().ge(prefix.as_bytes()).into_stream();
        let mut found = Vec::new();
        while let Some((key, value)) = stream.next() {
            if !key.starts_with(prefix.as_bytes()) || found.len() >= limit {
                break;
            }
            found.push((
                String::from_utf8_lossy(key).into_owned(),
                self.targets[value as usize].as_slice(),
            ));
        }
        found
    }
}

impl TokenIndex {
    pub fn build(entities: &[Entity]) -> TokenIndex {
        let mut keyed: BTreeMap<String, Vec<TokenPosting>> = BTreeMap::new();
        for (index, entity) in entities.iter().enumerate() {
            let id = index as EntityId;
            for form in entity.surface_forms() {
                let mut add = |token: &str, part| {
                    let folded = fold(token);
                    if folded.chars().count() >= 3 {
                        keyed
                            .entry(folded)
                            .or_default()
                            .push(TokenPosting { entity: id, part });
                    }
                };
                if entity.category() == Category::Person {
                    if let Some(surname) = surname_of(form) {
                        add(&surname, NamePart::Surname);
                    } else {
                        add(form, NamePart::Surname);
                    }
                    if let Some(given) = given_name_of(form) {
                        add(given, NamePart::Given);
                    }
                } else if word_strs(form).count() == 1 {
                    add(form, NamePart::Whole);
                }
            }
        }
        let mut builder = MapBuilder::memory();
        let mut postings = Vec::with_capacity(keyed.len());
        for (key, mut list) in keyed {
            list.sort();
            list.dedup();
            builder
                .insert(key.as_bytes(), postings.len() as u64)
                .expect("keys are inserted in sorted order");
            postings.push(list);
        }
        TokenIndex {
            map: builder.into_map(),
            postings,
        }
    }

    /// The postings of an exact folded token.
    pub fn get(&self, token: &str) -> &[TokenPosting] {
        self.map
            .get(token.as_bytes())
            .map_or(&[], |i| self.postings[i as usize].as_slice())
    }

    /// Tokens within `distance` edits of `token` (Levenshtein, by characters), and KB
    /// tokens that `token` extends by a short suffix ("gerasimovis" → "gerasimov").
    pub fn near(
        &self,
        token: &str,
        distance: u32,
        max_suffix: usize,
    ) -> Vec<(String, &[TokenPosting])> {
        let mut found: Vec<(String, &[TokenPosting])> = Vec::new();
        if let Ok(automaton) = Levenshtein::new(token, distance) {
            let mut stream = self.map.search(automaton).into_stream();
            while let Some((key, value)) = stream.next() {
                found.push((
                    String::from_utf8_lossy(key).into_owned(),
                    self.postings[value as usize].as_slice(),
                ));
            }
        }
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut output = fst::raw::Output::zero();
        let bytes = token.as_bytes();
        for (i, &byte) in bytes.iter().enumerate() {
            match node.find_input(byte) {
                Some(t) => {
                    let transition = node.transition(t);
                    output = output.cat(transition.out);
                    node = fst.node(transition.addr);
                }
                None => break,
            }
            let rest = bytes.len() - (i + 1);
            if node.is_final() && rest > 0 && rest <= max_suffix && i + 1 >= 4 {
                let key = String::from_utf8_lossy(&bytes[..=i]).into_owned();
                if !found.iter().any(|(k, _)| *k == key) {
                    let value = output.cat(node.final_output()).value();
                    found.push((key, self.postings[value as usize].as_slice()));
                }
            }
        }
        found
    }

    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_keeps_lowercase_particles() {
        assert_eq!(
            surname_of("Ursula von der Leyen").as_deref(),
            Some("von der Leyen")
        );
        assert_eq!(surname_of("Valery Gerasimov").as_deref(), Some("Gerasimov"));
        assert_eq!(surname_of("Gerasimov"), None);
    }
}
