//! Lookup structures over the KB: an exact name index (fst map from folded name keys)
//! and a fuzzy token index for misspelling candidates.
//!
//! `fst` is used for both because it stores millions of keys compactly, supports
//! walking a key byte by byte (longest match at a token position without trying every
//! n-gram) and intersecting the keys with an automaton for fuzzy search.
//!
//! The fuzzy automaton comes from `levenshtein_automata` (tantivy's crate): its
//! parametric builder is made once per distance, after which a query's DFA costs
//! microseconds. `fst`'s own `Levenshtein` determinises an NFA for every query, which
//! took most of the analysis time; it is kept only as the fallback for distances or
//! query lengths the parametric builders do not cover.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use fst::automaton::Levenshtein;
use fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};
use levenshtein_automata::LevenshteinAutomatonBuilder;

use crate::deletions::DeletionIndex;
use crate::model::{Category, Entity};
use crate::normalize::{fold, is_capitalized, without_arabic_article};
use crate::words::word_strs;
use crate::EntityId;

/// How a surface form relates to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormKind {
    /// The full name or a full alias ("Valery Gerasimov").
    Full,
    /// A person's surname alone ("Gerasimov"), to be resolved by context.
    Surname,
    /// A form a house KB bans ("Mr Gerasimov's" house style says otherwise).
    Banned,
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

/// One entity a single name token belongs to, and as which part of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenPosting {
    pub entity: EntityId,
    pub part: NamePart,
}

/// Fixed-size little-endian encoding of a posting, for the compiled KB.
pub trait Packed: Copy + Ord {
    const SIZE: usize;
    fn write(&self, out: &mut Vec<u8>);
    fn read(bytes: &[u8]) -> Self;
}

/// A posting that points at an entity, which layers renumber.
pub trait EntityPosting: Packed {
    fn entity(&self) -> EntityId;
    fn with_entity(self, entity: EntityId) -> Self;
}

impl EntityPosting for NameTarget {
    fn entity(&self) -> EntityId {
        self.entity
    }
    fn with_entity(self, entity: EntityId) -> Self {
        NameTarget { entity, ..self }
    }
}

impl Packed for NameTarget {
    const SIZE: usize = 9;
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.entity.to_le_bytes());
        out.extend_from_slice(&self.caps.to_le_bytes());
        out.push(match self.form {
            FormKind::Full => 0,
            FormKind::Surname => 1,
            FormKind::Banned => 2,
        });
    }
    fn read(bytes: &[u8]) -> Self {
        NameTarget {
            entity: u32::from_le_bytes(bytes[0..4].try_into().expect("4 bytes")),
            caps: u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")),
            form: match bytes[8] {
                1 => FormKind::Surname,
                2 => FormKind::Banned,
                _ => FormKind::Full,
            },
        }
    }
}

impl EntityPosting for TokenPosting {
    fn entity(&self) -> EntityId {
        self.entity
    }
    fn with_entity(self, entity: EntityId) -> Self {
        TokenPosting { entity, ..self }
    }
}

impl Packed for TokenPosting {
    const SIZE: usize = 5;
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.entity.to_le_bytes());
        out.push(match self.part {
            NamePart::Given => 0,
            NamePart::Surname => 1,
            NamePart::Whole => 2,
        });
    }
    fn read(bytes: &[u8]) -> Self {
        TokenPosting {
            entity: u32::from_le_bytes(bytes[0..4].try_into().expect("4 bytes")),
            part: match bytes[4] {
                0 => NamePart::Given,
                1 => NamePart::Surname,
                _ => NamePart::Whole,
            },
        }
    }
}

/// The node and output `bytes` lead to from `node`, or `None` where the fst has no
/// such path.
fn walk_bytes<'f, D: AsRef<[u8]>>(
    fst: &'f fst::raw::Fst<D>,
    mut node: fst::raw::Node<'f>,
    mut output: fst::raw::Output,
    bytes: &[u8],
) -> Option<(fst::raw::Node<'f>, fst::raw::Output)> {
    for &byte in bytes {
        let transition = node.transition(node.find_input(byte)?);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
    }
    Some((node, output))
}

/// An fst map from keys to lists of postings, stored flat: list i is
/// `postings[offsets[i]..offsets[i + 1]]`. The compiled default KB's maps are used in
/// place — fst, postings and offsets all borrowed from the binary, a list decoded only
/// when it is looked up — so loading costs no parsing.
pub struct PostingMap<T> {
    map: Map<Cow<'static, [u8]>>,
    store: PostingStore<T>,
}

enum PostingStore<T> {
    Owned {
        postings: Vec<T>,
        offsets: Vec<u32>,
    },
    Compiled {
        postings: &'static [u8],
        offsets: &'static [u8],
    },
}

fn u32_at(bytes: &[u8], i: usize) -> usize {
    u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().expect("4 bytes")) as usize
}

impl<T: Packed> PostingMap<T> {
    fn from_keyed(keyed: BTreeMap<String, Vec<T>>) -> PostingMap<T> {
        let mut builder = MapBuilder::memory();
        let mut postings = Vec::new();
        let mut offsets = vec![0u32];
        for (index, (key, mut list)) in keyed.into_iter().enumerate() {
            list.sort();
            list.dedup();
            builder
                .insert(key.as_bytes(), index as u64)
                .expect("keys are inserted in sorted order");
            postings.extend(list);
            offsets.push(postings.len() as u32);
        }
        let bytes = builder.into_inner().expect("in-memory fst builds");
        PostingMap {
            map: Map::new(Cow::Owned(bytes)).expect("fst just built is valid"),
            store: PostingStore::Owned { postings, offsets },
        }
    }

    fn list(&self, index: u64) -> Vec<T> {
        let mut list = Vec::new();
        self.list_into(index, &mut list);
        list
    }

    fn list_into(&self, index: u64, out: &mut Vec<T>) {
        let i = index as usize;
        match &self.store {
            PostingStore::Owned { postings, offsets } => {
                out.extend_from_slice(&postings[offsets[i] as usize..offsets[i + 1] as usize])
            }
            // Checked here rather than at load, so loading stays O(1) however many
            // lists a file holds; a damaged file's bad list reads as empty.
            PostingStore::Compiled { postings, offsets } => {
                let (start, end) = (u32_at(offsets, i), u32_at(offsets, i + 1));
                if let Some(bytes) = postings.get(start * T::SIZE..end.max(start) * T::SIZE) {
                    out.extend(bytes.chunks_exact(T::SIZE).map(T::read));
                }
            }
        }
    }

    /// The postings of an exact key.
    pub fn get(&self, key: &str) -> Vec<T> {
        self.map
            .get(key.as_bytes())
            .map_or_else(Vec::new, |i| self.list(i))
    }

    /// Whether `key` has a non-empty list, read without decoding it (the checks ask
    /// this of most capitalized words of a story and need no posting).
    pub fn has(&self, key: &str) -> bool {
        self.map.get(key.as_bytes()).is_some_and(|index| {
            let i = index as usize;
            match &self.store {
                PostingStore::Owned { offsets, .. } => offsets[i] < offsets[i + 1],
                // As `list_into` reads it: a damaged list reads as empty.
                PostingStore::Compiled { postings, offsets } => {
                    let (start, end) = (u32_at(offsets, i), u32_at(offsets, i + 1));
                    start < end && end * T::SIZE <= postings.len()
                }
            }
        })
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the map to `out` as three length-prefixed sections.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_section(out, self.map.as_fst().as_bytes());
        let mut postings = Vec::new();
        let mut offsets = vec![0u32];
        for i in 0..self.len() as u64 {
            for p in self.list(i) {
                p.write(&mut postings);
            }
            offsets.push((postings.len() / T::SIZE) as u32);
        }
        write_section(out, &postings);
        let offsets: Vec<u8> = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        write_section(out, &offsets);
    }

    /// Reads a map written by `write`, borrowing every section.
    pub fn read(reader: &mut SectionReader) -> Result<PostingMap<T>, String> {
        let fst_bytes = reader.next_section()?;
        let map = Map::new(Cow::Borrowed(fst_bytes)).map_err(|e| format!("bad fst: {e}"))?;
        let postings = reader.next_section()?;
        let offsets = reader.next_section()?;
        // The shape is checked here; each list's bounds when it is read (`list_into`).
        if offsets.len() % 4 != 0
            || offsets.len() / 4 != map.len() + 1
            || postings.len() % T::SIZE != 0
        {
            return Err("compiled KB posting lists are inconsistent".into());
        }
        Ok(PostingMap {
            map,
            store: PostingStore::Compiled { postings, offsets },
        })
    }
}

/// Appends a length-prefixed section.
pub fn write_section(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Reads length-prefixed sections from static bytes.
pub struct SectionReader {
    bytes: &'static [u8],
}

impl SectionReader {
    pub fn new(bytes: &'static [u8]) -> SectionReader {
        SectionReader { bytes }
    }

    pub fn next_section(&mut self) -> Result<&'static [u8], String> {
        if self.bytes.len() < 8 {
            return Err("compiled KB is truncated".into());
        }
        let len = u64::from_le_bytes(self.bytes[..8].try_into().expect("8 bytes")) as usize;
        let rest = &self.bytes[8..];
        if rest.len() < len {
            return Err("compiled KB is truncated".into());
        }
        self.bytes = &rest[len..];
        Ok(&rest[..len])
    }
}

/// Maps folded name keys ("valery gerasimov") to the entities they name.
pub type NameIndex = PostingMap<NameTarget>;

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

/// `name` with each run of dotted initials written as one word without the dots ("J.D.
/// Vance" -> "JD Vance", "J.K. Rowling" -> "JK Rowling"), as news often writes them;
/// `None` when it has no such run. A lone initial ("George W. Bush") is left as it is.
pub fn with_initials_undotted(name: &str) -> Option<String> {
    // Two or more capitals, each followed by its dot: "J.D.", "J.K.".
    let initials = |word: &str| {
        let chars: Vec<char> = word.chars().collect();
        chars.len() >= 4
            && chars
                .chunks(2)
                .all(|pair| matches!(pair, [c, '.'] if c.is_uppercase()))
    };
    let words: Vec<&str> = word_strs(name).collect();
    if !words.iter().any(|w| initials(w)) {
        return None;
    }
    let plain: Vec<String> = words
        .iter()
        .map(|w| {
            if initials(w) {
                w.replace('.', "")
            } else {
                w.to_string()
            }
        })
        .collect();
    Some(plain.join(" "))
}

/// Generational suffixes that end a name ("Joseph R. Biden Jr.", "William Clay Ford
/// Jr."): the surname is the word before them, never the suffix.
const GENERATIONAL_SUFFIXES: &[&str] = &["Jr", "Sr", "jr", "sr", "JR", "SR"];

/// The surname of a person's name as written: trailing tokens from the first
/// lowercase particle, else the last token (a generational suffix left out).
pub fn surname_of(name: &str) -> Option<String> {
    let mut words: Vec<&str> = word_strs(name).collect();
    let mut suffixed = false;
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| GENERATIONAL_SUFFIXES.contains(w))
    {
        words.pop();
        suffixed = true;
    }
    if suffixed && words.len() == 1 {
        return Some(words[0].to_string()); // "Marcos Jr."
    }
    if words.len() < 2 || words.last().is_some_and(|w| is_regnal_number(w)) {
        return None; // "Mohammed VI", "Mohammed 6": a king's number is no surname
    }
    let start = words[1..]
        .iter()
        .position(|w| SURNAME_PARTICLES.contains(w))
        .map_or(words.len() - 1, |i| i + 1);
    Some(words[start..].join(" "))
}

/// A monarch's ordinal as names write it: "VI", "II", "6".
fn is_regnal_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || (word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// The surnames a person is called by: [`surname_of`], and that surname without an
/// Arabic article ("al-Assad" → "Assad"), as news writes it after the first mention.
pub fn surnames_of(name: &str) -> Vec<String> {
    let Some(surname) = surname_of(name) else {
        return Vec::new();
    };
    let bare = without_arabic_article(&surname)
        .or_else(|| without_romance_particle(&surname))
        .filter(|rest| !rest.contains(' '))
        .map(str::to_string);
    std::iter::once(surname).chain(bare).collect()
}

/// Particles of Portuguese, Spanish and Italian surnames that news drops after the
/// first mention ("Alexandre de Moraes" is "Moraes" after it).
const ROMANCE_PARTICLES: &[&str] = &["de", "da", "dos", "das", "di", "del", "della"];

/// `surname` without a Romance particle: "Moraes" of "de Moraes".
fn without_romance_particle(surname: &str) -> Option<&str> {
    let (particle, rest) = surname.split_once(' ')?;
    (ROMANCE_PARTICLES.contains(&particle) && rest.chars().count() >= 3).then_some(rest)
}

fn given_name_of(name: &str) -> Option<&str> {
    let mut words = word_strs(name);
    let first = words.next()?;
    words.next().map(|_| first)
}

impl PostingMap<NameTarget> {
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut keyed: BTreeMap<String, Vec<NameTarget>> = BTreeMap::new();
        for (index, entity) in entities.iter().enumerate() {
            let id = index as EntityId;
            for form in &entity.banned {
                let tokens = name_tokens(form);
                if !tokens.is_empty() {
                    keyed.entry(key_of(&tokens)).or_default().push(NameTarget {
                        entity: id,
                        form: FormKind::Banned,
                        caps: caps_mask(form),
                    });
                }
            }
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
                    // "J.D. Vance" is also written "JD Vance".
                    if let Some(plain) = with_initials_undotted(form) {
                        keyed
                            .entry(key_of(&name_tokens(&plain)))
                            .or_default()
                            .push(NameTarget {
                                entity: id,
                                form: FormKind::Full,
                                caps: caps_mask(&plain),
                            });
                    }
                    for surname in surnames_of(form) {
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
        PostingMap::from_keyed(keyed)
    }

    /// Every run of `tokens` (folded) from the start that is a key, shortest first, as
    /// the number of tokens and the targets. One walk down the fst, so the cost is the
    /// length of the longest prefix that exists, not the number of n-grams tried.
    pub fn prefix_matches<'a>(
        &self,
        tokens: impl Iterator<Item = &'a str>,
    ) -> Vec<(usize, Vec<NameTarget>)> {
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
                found.push((count + 1, self.list(value)));
            }
        }
        found
    }

    /// Every key that is `prefix` followed by `word` with one byte of `separators`
    /// put between two of its characters, `min_part` characters or more from either
    /// end, as the byte offset of the cut in `word`, the separator and the targets,
    /// cuts in order. One walk down the fst: a lookup per cut walks the word's opening
    /// letters again for every cut, and the separator check asks this of every
    /// capitalised word of a story ("Abuja" as "Abu Ja", "Abu-ja" …).
    pub fn split_matches(
        &self,
        prefix: &str,
        word: &str,
        separators: &[u8],
        min_part: usize,
    ) -> Vec<(usize, u8, Vec<NameTarget>)> {
        let fst = self.map.as_fst();
        let walk = |node, output, bytes: &[u8]| walk_bytes(fst, node, output, bytes);
        let mut found = Vec::new();
        let Some((mut node, mut output)) =
            walk(fst.root(), fst::raw::Output::zero(), prefix.as_bytes())
        else {
            return found;
        };
        let cuts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        for (walked, &cut) in cuts.iter().enumerate() {
            if walked >= min_part && cuts.len() - walked >= min_part {
                for &separator in separators {
                    let rest = [&[separator][..], &word.as_bytes()[cut..]].concat();
                    if let Some((end, out)) = walk(node, output, &rest) {
                        if end.is_final() {
                            let value = out.cat(end.final_output()).value();
                            found.push((cut, separator, self.list(value)));
                        }
                    }
                }
            }
            let next = cuts.get(walked + 1).copied().unwrap_or(word.len());
            match walk(node, output, &word.as_bytes()[cut..next]) {
                Some((n, o)) => (node, output) = (n, o),
                None => break,
            }
        }
        found
    }

    /// Every key that is `prefix` followed by `words` joined by any of `joiners` at
    /// each gap, as the joiner chosen at each gap (its index in `joiners`) and the
    /// targets. The choices share the walk down the fst of what comes before them: a
    /// lookup per choice walks a run's first words again for each of its 3^gaps
    /// joinings.
    pub fn joined_matches(
        &self,
        prefix: &str,
        words: &[&str],
        joiners: &[&str],
    ) -> Vec<(Vec<usize>, Vec<NameTarget>)> {
        let fst = self.map.as_fst();
        let walk = |node, output, bytes: &[u8]| walk_bytes(fst, node, output, bytes);
        let mut found = Vec::new();
        let Some((first, last)) = words.split_first() else {
            return found;
        };
        let start = walk(fst.root(), fst::raw::Output::zero(), prefix.as_bytes())
            .and_then(|(node, output)| walk(node, output, first.as_bytes()));
        let mut open: Vec<(Vec<usize>, fst::raw::Node<'_>, fst::raw::Output)> = start
            .map(|(node, output)| (Vec::new(), node, output))
            .into_iter()
            .collect();
        while let Some((choices, node, output)) = open.pop() {
            let Some(word) = last.get(choices.len()) else {
                if node.is_final() {
                    let value = output.cat(node.final_output()).value();
                    found.push((choices, self.list(value)));
                }
                continue;
            };
            for (choice, joiner) in joiners.iter().enumerate() {
                let next = walk(node, output, joiner.as_bytes())
                    .and_then(|(node, output)| walk(node, output, word.as_bytes()));
                if let Some((node, output)) = next {
                    let mut chosen = choices.clone();
                    chosen.push(choice);
                    open.push((chosen, node, output));
                }
            }
        }
        found
    }

    /// Keys starting with `prefix`, for completion; at most `limit`.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<(String, Vec<NameTarget>)> {
        let mut stream = self.map.range().ge(prefix.as_bytes()).into_stream();
        let mut found = Vec::new();
        while let Some((key, value)) = stream.next() {
            if !key.starts_with(prefix.as_bytes()) || found.len() >= limit {
                break;
            }
            found.push((String::from_utf8_lossy(key).into_owned(), self.list(value)));
        }
        found
    }
}

/// Distances with a precomputed parametric Levenshtein automaton (distance 2 takes a
/// few milliseconds to build, once; 3 would take far longer and is never asked for).
const PARAMETRIC_MAX_DISTANCE: u32 = 2;
/// Longest query (in characters) given a parametric DFA: its size grows with the query
/// (a full 256-entry transition row per state), and no name token is this long. Longer
/// queries go to `fst`'s `Levenshtein`, whose state limit refuses them as before.
const PARAMETRIC_MAX_CHARS: usize = 64;

/// The shared Levenshtein automaton builder for `distance`, when it covers `token`.
fn parametric_builder(token: &str, distance: u32) -> Option<&'static LevenshteinAutomatonBuilder> {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; PARAMETRIC_MAX_DISTANCE as usize + 1] =
        [const { OnceLock::new() }; PARAMETRIC_MAX_DISTANCE as usize + 1];
    if distance > PARAMETRIC_MAX_DISTANCE || token.chars().count() > PARAMETRIC_MAX_CHARS {
        return None;
    }
    Some(BUILDERS[distance as usize].get_or_init(|| {
        // No transpositions: plain Levenshtein by characters, as `fst`'s automaton.
        LevenshteinAutomatonBuilder::new(distance as u8, false)
    }))
}

/// The largest distance a token's deletion index answers (misspelling candidates are
/// asked for at 1 or 2); larger ones walk an automaton.
const TOKEN_DELETION_DEPTH: u32 = 2;

/// Folded single name tokens and the entities whose names contain them, for
/// misspelling candidates. A compiled layer (the default KB, `byline kb compile`) also
/// carries a deletion index, built with it, that answers fuzzy lookups in microseconds;
/// a layer parsed at start-up (a house KB) walks a Levenshtein automaton instead, so
/// loading a large uncompiled file does not pay for building one.
pub struct TokenIndex {
    postings: PostingMap<TokenPosting>,
    deletions: Option<DeletionIndex>,
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
                    let surnames = surnames_of(form);
                    if surnames.is_empty() {
                        add(form, NamePart::Surname);
                    }
                    for surname in &surnames {
                        add(surname, NamePart::Surname);
                    }
                    if let Some(given) = given_name_of(form) {
                        add(given, NamePart::Given);
                    }
                } else if word_strs(form).count() == 1 {
                    add(form, NamePart::Whole);
                }
            }
        }
        TokenIndex::from_keyed(keyed)
    }

    fn from_keyed(keyed: BTreeMap<String, Vec<TokenPosting>>) -> TokenIndex {
        TokenIndex {
            postings: PostingMap::from_keyed(keyed),
            deletions: None,
        }
    }

    /// The deletion index over the keys; its ordinals are the keys' list indexes,
    /// which `from_keyed` assigns in key order.
    fn build_deletions(&self) -> DeletionIndex {
        DeletionIndex::of_fst_keys(self.postings.map.as_fst(), TOKEN_DELETION_DEPTH)
    }

    /// This index with its deletion index, as a compiled layer has it.
    pub fn with_deletions(mut self) -> TokenIndex {
        self.deletions = Some(self.build_deletions());
        self
    }

    /// The postings of an exact token.
    pub fn get(&self, key: &str) -> Vec<TokenPosting> {
        self.postings.get(key)
    }

    /// Whether an exact token has postings (`get` without building the list).
    pub fn has(&self, key: &str) -> bool {
        self.postings.has(key)
    }

    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the index and its deletion index (built now if this layer was parsed)
    /// to `out` as length-prefixed sections.
    pub fn write(&self, out: &mut Vec<u8>) {
        self.postings.write(out);
        match &self.deletions {
            Some(deletions) => deletions.write(out),
            None => self.build_deletions().write(out),
        }
    }

    /// Reads an index written by `write`, borrowing every section.
    pub fn read(reader: &mut SectionReader) -> Result<TokenIndex, String> {
        let postings = PostingMap::read(reader)?;
        let deletions = DeletionIndex::read(reader, postings.len(), TOKEN_DELETION_DEPTH)?;
        Ok(TokenIndex {
            postings,
            deletions: Some(deletions),
        })
    }

    /// Appends every key the automaton accepts, in key order.
    fn search_into<A: Automaton>(
        &self,
        automaton: A,
        found: &mut Vec<(String, Vec<TokenPosting>)>,
    ) {
        let mut stream = self.postings.map.search(automaton).into_stream();
        while let Some((key, value)) = stream.next() {
            found.push((
                String::from_utf8_lossy(key).into_owned(),
                self.postings.list(value),
            ));
        }
    }

    /// Tokens within `distance` edits of `token` (Levenshtein, by characters), and KB
    /// tokens that `token` extends by a short suffix ("gerasimovis" → "gerasimov").
    pub fn near(
        &self,
        token: &str,
        distance: u32,
        max_suffix: usize,
    ) -> Vec<(String, Vec<TokenPosting>)> {
        let mut found: Vec<(String, Vec<TokenPosting>)> = Vec::new();
        let by_deletions = self
            .deletions
            .as_ref()
            .and_then(|deletions| Some((deletions, deletions.near(token, distance)?)));
        if let Some((deletions, ordinals)) = by_deletions {
            for ordinal in ordinals {
                // An ordinal is a list index of `postings` (`near` returns only ordinals
                // with a key, so a damaged file's stray one never gets here).
                let key = deletions.key(ordinal).to_string();
                found.push((key, self.postings.list(u64::from(ordinal.0))));
            }
        } else if let Some(builder) = parametric_builder(token, distance) {
            self.search_into(builder.build_dfa(token), &mut found);
        } else if let Ok(automaton) = Levenshtein::new(token, distance) {
            self.search_into(&automaton, &mut found);
        }
        let fst = self.postings.map.as_fst();
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
                    found.push((key, self.postings.list(value)));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Levenshtein distance by characters, the textbook way.
    fn levenshtein(a: &str, b: &str) -> u32 {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<u32> = (0..=b.len() as u32).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut previous = row[0];
            row[0] = i as u32 + 1;
            for (j, &cb) in b.iter().enumerate() {
                let substitution = previous + u32::from(ca != cb);
                previous = row[j + 1];
                row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
            }
        }
        row[b.len()]
    }

    #[test]
    fn dotted_initials_are_also_indexed_as_one_word() {
        assert_eq!(
            with_initials_undotted("J.D. Vance").as_deref(),
            Some("JD Vance")
        );
        assert_eq!(
            with_initials_undotted("J.K. Rowling").as_deref(),
            Some("JK Rowling")
        );
        assert_eq!(with_initials_undotted("George W. Bush"), None);
        assert_eq!(
            with_initials_undotted("U.N. envoy"),
            Some("UN envoy".into())
        );
        assert_eq!(with_initials_undotted("Vladimir Putin"), None);
    }

    fn index_of(keys: &[String]) -> TokenIndex {
        let keyed: BTreeMap<String, Vec<TokenPosting>> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let posting = TokenPosting {
                    entity: i as EntityId,
                    part: NamePart::Surname,
                };
                (k.clone(), vec![posting])
            })
            .collect();
        TokenIndex::from_keyed(keyed)
    }

    /// `near` by brute force over every key: the specification.
    fn near_brute_force(
        keys: &[String],
        token: &str,
        distance: u32,
        max_suffix: usize,
    ) -> Vec<String> {
        let mut sorted: Vec<&String> = keys.iter().collect();
        sorted.sort();
        sorted.dedup();
        let mut found: Vec<String> = sorted
            .iter()
            .filter(|k| levenshtein(token, k) <= distance)
            .map(|k| k.to_string())
            .collect();
        let mut by_length: Vec<&String> = sorted
            .into_iter()
            .filter(|k| {
                let rest = token.len().saturating_sub(k.len());
                token.starts_with(k.as_str()) && rest > 0 && rest <= max_suffix && k.len() >= 4
            })
            .collect();
        by_length.sort_by_key(|k| k.len());
        for k in by_length {
            if !found.contains(k) {
                found.push(k.clone());
            }
        }
        found
    }

    /// `near` as it was before the parametric automata: `fst`'s `Levenshtein`.
    fn near_with_fst_levenshtein(index: &TokenIndex, token: &str, distance: u32) -> Vec<String> {
        let mut found = Vec::new();
        if let Ok(automaton) = Levenshtein::new(token, distance) {
            index.search_into(automaton, &mut found);
        }
        found.into_iter().map(|(k, _)| k).collect()
    }

    /// Tokens over a small alphabet so near misses are frequent; `extra` adds letters.
    fn name_token(extra: &str) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!("[abeiorsv{extra}]{{1,9}}")).expect("valid regex")
    }

    /// `near` of a parsed index (automaton) and of one with its deletion index, each
    /// checked against brute force; the fuzzy part of the answer.
    fn check_near(keys: &[String], query: &str, distance: u32, max_suffix: usize) -> Vec<String> {
        let expected = near_brute_force(keys, query, distance, max_suffix);
        for index in [index_of(keys), index_of(keys).with_deletions()] {
            let got: Vec<String> = index
                .near(query, distance, max_suffix)
                .into_iter()
                .map(|(k, postings)| {
                    assert_eq!(postings, index.get(&k), "postings of {k}");
                    k
                })
                .collect();
            assert_eq!(
                got,
                expected,
                "deletion index: {}",
                index.deletions.is_some()
            );
        }
        expected
            .into_iter()
            .filter(|k| levenshtein(query, k) <= distance)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// With multi-byte letters too: `fst`'s own automaton misses some of these
        /// (BurntSushi/fst#38), so only brute force is the reference. Distances above
        /// `PARAMETRIC_MAX_DISTANCE` (never asked for) still go to `fst`, as before.
        #[test]
        fn near_equals_brute_force_levenshtein(
            keys in proptest::collection::vec(name_token("éøж"), 0..60),
            query in name_token("éøж"),
            distance in 0u32..=PARAMETRIC_MAX_DISTANCE,
            max_suffix in 0usize..=3,
        ) {
            check_near(&keys, &query, distance, max_suffix);
        }

        /// On ASCII (what folding leaves of Latin names) the candidates are exactly those
        /// of the `fst` automaton `near` used before.
        #[test]
        fn near_equals_fst_levenshtein_on_ascii(
            keys in proptest::collection::vec(name_token(""), 0..60),
            query in name_token(""),
            distance in 0u32..=2,
        ) {
            let fuzzy = check_near(&keys, &query, distance, 3);
            prop_assert_eq!(fuzzy, near_with_fst_levenshtein(&index_of(&keys), &query, distance));
        }
    }

    #[test]
    fn a_damaged_posting_list_reads_as_empty_not_a_panic() {
        let index = index_of(&["gerasimov".to_string(), "shoigu".to_string()]).with_deletions();
        let mut bytes = Vec::new();
        index.write(&mut bytes);
        let section_len =
            |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes")) as usize;
        // Sections: the token fst, its postings, their offsets, then the deletion index.
        let postings_at = 8 + section_len(0);
        let offsets_at = postings_at + 8 + section_len(postings_at) + 8;
        bytes[offsets_at + 4..offsets_at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let damaged = TokenIndex::read(&mut SectionReader::new(bytes)).expect("the shape holds");
        assert!(damaged.get("gerasimov").is_empty());
        assert!(damaged.get("shoigu").is_empty());
        let near = damaged.near("gerasimovis", 2, 3);
        assert!(near.iter().all(|(_, postings)| postings.is_empty()));
    }

    #[test]
    fn long_queries_fall_back_to_fst() {
        let long = "a".repeat(PARAMETRIC_MAX_CHARS + 1);
        let keys = vec![long.clone(), format!("{long}b")];
        assert_eq!(check_near(&keys, &long, 1, 0), keys);
    }

    #[test]
    fn surname_keeps_lowercase_particles() {
        assert_eq!(
            surname_of("Ursula von der Leyen").as_deref(),
            Some("von der Leyen")
        );
        assert_eq!(surname_of("Valery Gerasimov").as_deref(), Some("Gerasimov"));
        assert_eq!(surname_of("Gerasimov"), None);
    }

    #[test]
    fn a_surname_is_also_known_without_its_joined_arabic_article() {
        assert_eq!(surnames_of("Bashar al-Assad"), ["al-Assad", "Assad"]);
        assert_eq!(surnames_of("Abdel Fattah el-Sisi"), ["el-Sisi", "Sisi"]);
        assert_eq!(surnames_of("Valery Gerasimov"), ["Gerasimov"]);
        // Not an article: a name that merely begins with the letters.
        assert_eq!(surnames_of("John Alden"), ["Alden"]);
        assert_eq!(surnames_of("Abu al-Ma"), ["al-Ma"]);
        // News drops a Romance particle after the first mention, not a Dutch or German one.
        assert_eq!(surnames_of("Alexandre de Moraes"), ["de Moraes", "Moraes"]);
        assert_eq!(surnames_of("Ursula von der Leyen"), ["von der Leyen"]);
        assert_eq!(surnames_of("Pedro de la Fuente"), ["de la Fuente"]);
    }
}
