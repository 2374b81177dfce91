//! A deletion index (the SymSpell idea) over a KB's fuzzy token keys (depth 2) and its
//! name words (depth 1): every key is stored under each string made by deleting up to
//! `depth` of its characters, so the
//! keys within `d` edits of a query are among those filed under the query's own
//! deletions — a few dozen exact lookups instead of a walk through every fst node within
//! `d` edits of a prefix (for a short query at distance 2, tens of thousands of nodes).
//!
//! Why it is right: an alignment of the query with a key in `s` substitutions, `i`
//! insertions and `e` deletions deletes `s + e` characters of the query and `s + i` of
//! the key to reach one common string, and `s + i + e <= d`; every candidate is then
//! checked with the true Levenshtein distance, so the answer is exactly the keys within
//! `d` edits (a proptest holds it to brute force).
//!
//! Why not the `symspell` crate: it keeps its dictionary in a `HashMap` built at start-up
//! (seconds for a KB's two million deletions), where this index is an `fst` map compiled
//! with the KB and borrowed from the binary or a memory-mapped file like the other
//! indexes, so loading it costs nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use fst::Map;

use crate::index::{write_section, SectionReader};

/// A key's position in the token index (its value in the token fst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ordinal(pub u32);

/// A deletion's fst value: an odd value is the one key filed under it (`value >> 1`),
/// an even one the byte where its list of two or more starts in `DeletionIndex::lists`
/// (`value >> 1`), so the lists need no offset table and the values of lists increase
/// with the keys, as `fst` stores best. Nine in ten deletions of the default KB's tokens
/// file a single key; written in `lists` each cost 4 bytes and its fst value, while the
/// ordinal in the value costs about what the list's start did — 11 MB of a 51 MB KB.
fn value_of(list_start: Option<usize>, ordinals: &[Ordinal]) -> u64 {
    match (list_start, ordinals) {
        (None, [Ordinal(only)]) => (u64::from(*only) << 1) | 1,
        (Some(start), _) => (start as u64) << 1,
        (None, _) => unreachable!("a list of two or more has a start"),
    }
}

/// What a deletion's fst value files under it (see `value_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filed {
    One(Ordinal),
    ListAt(usize),
}

fn filed_of(value: u64) -> Filed {
    if value & 1 == 1 {
        // A damaged file's value past u32 reads as an ordinal no key has.
        Filed::One(Ordinal(u32::try_from(value >> 1).unwrap_or(u32::MAX)))
    } else {
        Filed::ListAt(usize::try_from(value >> 1).unwrap_or(usize::MAX))
    }
}

/// Appends `value` as a LEB128 varint: seven bits a byte, low bits first, the high bit
/// set on every byte but the last.
fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The varint at `*at` (advanced past it), or None when the bytes end inside it or it
/// does not fit a u32 (a damaged file).
fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value = 0u64;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value).ok();
        }
    }
    None
}

/// Appends a list of two or more ordinals, in increasing order, to `lists`: its length,
/// its first ordinal, then each one's distance from the one before, all varints. The
/// default KB's lists hold ordinals near each other (keys sharing a deletion mostly
/// share a prefix), so most steps take one byte where a `u32` took four.
fn write_list(lists: &mut Vec<u8>, ordinals: &[Ordinal]) {
    write_varint(lists, ordinals.len() as u32);
    let mut previous = 0;
    for &Ordinal(ordinal) in ordinals {
        write_varint(lists, ordinal - previous);
        previous = ordinal;
    }
}

/// Every string `word` becomes with at most `max` characters deleted, itself included.
pub fn deletions(word: &str, max: u32) -> BTreeSet<String> {
    let mut found = BTreeSet::from([word.to_string()]);
    let mut frontier = vec![word.to_string()];
    for _ in 0..max {
        let mut next = Vec::new();
        for item in &frontier {
            for (at, c) in item.char_indices() {
                let shorter = format!("{}{}", &item[..at], &item[at + c.len_utf8()..]);
                if found.insert(shorter.clone()) {
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    found
}

/// Keys by ordinal, stored flat (key i is `bytes[offsets[i]..offsets[i + 1]]`).
struct KeyTable {
    bytes: Cow<'static, [u8]>,
    offsets: Cow<'static, [u8]>,
}

impl KeyTable {
    fn offset(&self, i: usize) -> usize {
        u32::from_le_bytes(self.offsets[i * 4..i * 4 + 4].try_into().expect("4 bytes")) as usize
    }

    /// The key, or "" for an ordinal or bounds of a damaged file.
    fn get(&self, ordinal: Ordinal) -> &str {
        let i = ordinal.0 as usize;
        if i >= self.len() {
            return "";
        }
        self.bytes
            .get(self.offset(i)..self.offset(i + 1))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }

    fn len(&self) -> usize {
        (self.offsets.len() / 4).saturating_sub(1)
    }
}

/// See the module documentation.
pub struct DeletionIndex {
    /// How many characters were deleted at most: the largest distance it answers.
    depth: u32,
    /// Each deletion → its one key's ordinal or the index in `lists` of its list's
    /// first ordinal (`value_of`).
    deletions: Map<Cow<'static, [u8]>>,
    /// The lists of the deletions filing two or more keys, one after another
    /// (`write_list`).
    lists: Cow<'static, [u8]>,
    keys: KeyTable,
}

impl DeletionIndex {
    /// Indexes `keys`, given in ordinal order, for distances up to `depth`.
    pub fn build<'a>(keys: impl Iterator<Item = &'a str>, depth: u32) -> DeletionIndex {
        let mut filed: BTreeMap<String, Vec<Ordinal>> = BTreeMap::new();
        let mut bytes = Vec::new();
        let mut offsets = vec![0u32];
        for (ordinal, key) in keys.enumerate() {
            bytes.extend_from_slice(key.as_bytes());
            offsets.push(bytes.len() as u32);
            for deletion in deletions(key, depth) {
                filed
                    .entry(deletion)
                    .or_default()
                    .push(Ordinal(ordinal as u32));
            }
        }
        let mut lists = Vec::new();
        let mut map = fst::MapBuilder::memory();
        for (deletion, ordinals) in filed {
            let start = (ordinals.len() > 1).then_some(lists.len());
            map.insert(deletion.as_bytes(), value_of(start, &ordinals))
                .expect("BTreeMap keys are sorted");
            if start.is_some() {
                write_list(&mut lists, &ordinals);
            }
        }
        let map = map.into_inner().expect("in-memory fst builds");
        DeletionIndex {
            depth,
            deletions: Map::new(Cow::Owned(map)).expect("fst just built is valid"),
            lists: Cow::Owned(lists),
            keys: KeyTable {
                bytes: Cow::Owned(bytes),
                offsets: Cow::Owned(offsets.iter().flat_map(|o| o.to_le_bytes()).collect()),
            },
        }
    }

    /// Indexes the keys of an fst (a map's or a set's), in their order, so a key's
    /// ordinal is its position in the fst — for a token map, its list index.
    pub fn of_fst_keys<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>, depth: u32) -> DeletionIndex {
        let mut keys = Vec::with_capacity(fst.len());
        let mut stream = fst.stream();
        while let Some((key, _)) = fst::Streamer::next(&mut stream) {
            keys.push(String::from_utf8_lossy(key).into_owned());
        }
        DeletionIndex::build(keys.iter().map(String::as_str), depth)
    }

    /// The ordinals of the keys within `distance` edits of `query` (Levenshtein, by
    /// characters), in key order, each with a key; `None` past the index's depth.
    pub fn near(&self, query: &str, distance: u32) -> Option<Vec<Ordinal>> {
        let mut candidates = self.candidates(query, distance)?;
        candidates.retain(|&ordinal| {
            strsim::levenshtein(query, self.keys.get(ordinal)) <= distance as usize
        });
        Some(candidates)
    }

    /// Every key sharing a deletion of at most `distance` characters with `query` and
    /// within `distance` of its length, in key order: a superset of the keys within
    /// `distance` edits (Levenshtein, or with swaps of neighbours counted as one edit),
    /// for the caller to check with the distance it means. `None` past the depth.
    pub fn candidates(&self, query: &str, distance: u32) -> Option<Vec<Ordinal>> {
        if distance > self.depth {
            return None;
        }
        let length = query.chars().count();
        let mut candidates = Vec::new();
        for deletion in deletions(query, distance) {
            match self.deletions.get(deletion.as_bytes()).map(filed_of) {
                Some(Filed::One(ordinal)) => candidates.push(ordinal),
                Some(Filed::ListAt(start)) => self.list_into(start, &mut candidates),
                None => {}
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&ordinal| {
            let key = self.keys.get(ordinal);
            !key.is_empty() && key.chars().count().abs_diff(length) <= distance as usize
        });
        Some(candidates)
    }

    /// Appends the list starting at byte `start` of `lists`, decoded in place; a
    /// damaged file's list ends where the bytes do (a wrong ordinal has no key, and
    /// `candidates` drops it).
    fn list_into(&self, start: usize, out: &mut Vec<Ordinal>) {
        let mut at = start;
        let Some(len) = read_varint(&self.lists, &mut at) else {
            return;
        };
        let mut ordinal = 0u32;
        for _ in 0..len {
            let Some(step) = read_varint(&self.lists, &mut at) else {
                return;
            };
            ordinal = ordinal.wrapping_add(step);
            out.push(Ordinal(ordinal));
        }
    }

    /// The key of an ordinal.
    pub fn key(&self, ordinal: Ordinal) -> &str {
        self.keys.get(ordinal)
    }

    /// Appends the index to `out` as length-prefixed sections.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_section(out, self.deletions.as_fst().as_bytes());
        write_section(out, &self.lists);
        write_section(out, &self.keys.bytes);
        write_section(out, &self.keys.offsets);
    }

    /// Reads an index of `depth` written by `write` over `key_count` keys, borrowing
    /// every section.
    pub fn read(
        reader: &mut SectionReader,
        key_count: usize,
        depth: u32,
    ) -> Result<DeletionIndex, String> {
        let deletions = Map::new(Cow::Borrowed(reader.next_section()?))
            .map_err(|e| format!("bad deletion index: {e}"))?;
        let lists = Cow::Borrowed(reader.next_section()?);
        let keys = KeyTable {
            bytes: Cow::Borrowed(reader.next_section()?),
            offsets: Cow::Borrowed(reader.next_section()?),
        };
        // Each key's bounds are checked when it is read (`KeyTable::get`).
        let consistent = keys.offsets.len().is_multiple_of(4) && keys.len() == key_count;
        if !consistent {
            return Err("compiled KB deletion index is inconsistent".into());
        }
        Ok(DeletionIndex {
            depth,
            deletions,
            lists,
            keys,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_of_a_word_by_characters() {
        let found: Vec<String> = deletions("жab", 1).into_iter().collect();
        assert_eq!(found, ["ab", "жa", "жab", "жb"]);
        assert_eq!(deletions("abc", 2).len(), 1 + 3 + 3);
    }

    #[test]
    fn near_finds_substitutions_insertions_and_deletions() {
        let keys = ["gerasimov", "gerasimova", "gerasmov", "shoigu", "shoygu"];
        let index = DeletionIndex::build(keys.iter().copied(), 2);
        let near = |q: &str, d| -> Vec<&str> {
            index
                .near(q, d)
                .expect("within the indexed distance")
                .into_iter()
                .map(|o| index.key(o))
                .collect()
        };
        assert_eq!(near("gerasimow", 1), ["gerasimov"]);
        assert_eq!(
            near("gerasimow", 2),
            ["gerasimov", "gerasimova", "gerasmov"]
        );
        assert_eq!(near("shoigu", 1), ["shoigu", "shoygu"]);
        assert!(index.near("shoigu", 3).is_none());
    }

    #[test]
    fn a_deletion_filing_one_key_keeps_it_in_its_value_not_in_the_lists() {
        // "ab" and "ac" share the deletion "a" (a list); every other deletion files one.
        let index = DeletionIndex::build(["ab", "ac"].into_iter(), 1);
        // Only the list under "a": its length 2, ordinal 0, then a step of 1.
        assert_eq!(index.lists.as_ref(), [2, 0, 1]);
        let near = |q: &str| -> Vec<&str> {
            let found = index.near(q, 1).expect("within the indexed distance");
            found.into_iter().map(|o| index.key(o)).collect()
        };
        assert_eq!(near("a"), ["ab", "ac"]);
        assert_eq!(near("abx"), ["ab"]);
        assert_eq!(near("xc"), ["ac"]);
    }

    #[test]
    fn an_ordinal_past_u32_in_a_damaged_value_reads_as_no_key() {
        assert_eq!(filed_of((1 << 40) | 1), Filed::One(Ordinal(u32::MAX)));
        let index = DeletionIndex::build(["ab"].into_iter(), 1);
        assert_eq!(index.key(Ordinal(u32::MAX)), "");
    }

    #[test]
    fn a_damaged_list_ends_where_its_bytes_do() {
        let mut index = DeletionIndex::build(["ab", "ac"].into_iter(), 1);
        // A length of 5 with one ordinal written, then a varint cut short.
        index.lists = Cow::Owned(vec![5, 1, 0x80]);
        let mut found = Vec::new();
        index.list_into(0, &mut found);
        assert_eq!(found, [Ordinal(1)]);
        found.clear();
        index.list_into(99, &mut found);
        assert!(found.is_empty());
        let mut at = 0;
        assert_eq!(read_varint(&[0xff; 5], &mut at), None, "past u32");
    }

    proptest::proptest! {
        #[test]
        fn a_varint_reads_back(values: Vec<u32>) {
            let mut bytes = Vec::new();
            for &value in &values {
                write_varint(&mut bytes, value);
            }
            let mut at = 0;
            for &value in &values {
                proptest::prop_assert_eq!(read_varint(&bytes, &mut at), Some(value));
            }
            proptest::prop_assert_eq!(at, bytes.len());
        }

        #[test]
        fn a_list_reads_back(set in proptest::collection::btree_set(proptest::num::u32::ANY, 2..40)) {
            let ordinals: Vec<Ordinal> = set.into_iter().map(Ordinal).collect();
            let mut index = DeletionIndex::build(std::iter::empty(), 1);
            let mut lists = vec![7];
            write_list(&mut lists, &ordinals);
            index.lists = Cow::Owned(lists);
            let mut found = Vec::new();
            index.list_into(1, &mut found);
            proptest::prop_assert_eq!(found, ordinals);
        }

        #[test]
        fn a_value_reads_back_as_what_it_files(ordinal: u32, start in 0usize..1 << 40) {
            let one = value_of(None, &[Ordinal(ordinal)]);
            proptest::prop_assert_eq!(filed_of(one), Filed::One(Ordinal(ordinal)));
            let list = value_of(Some(start), &[Ordinal(ordinal), Ordinal(ordinal)]);
            proptest::prop_assert_eq!(filed_of(list), Filed::ListAt(start));
        }
    }
}
