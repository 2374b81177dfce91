//! The per-block stages — tokens and mention recognition — cached by block content.
//!
//! Sentences and names never cross blocks (`tokens::Token::block`), so a block's tokens
//! and raw mentions depend only on its own masked text and the KB. A block is cut out
//! as a little document of its own, analysed there, and the result is kept under its
//! text; the next analysis of an edited document reuses every block it finds again,
//! wherever it moved, with its spans and token indices shifted. The full analysis goes
//! through the same code with an empty cache, so the two cannot disagree about what a
//! block is.
//!
//! What recognition reads beyond a block: whether the first character after it (past
//! whitespace) is `)`, for an acronym defined in parentheses ("… Agency (IRNA" + ")").
//! That one fact is part of the key.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::joined_names::split_joined_names;
use super::mentions::{self, RawMention};
use super::tokens::{self, Token};
use crate::prose::Prose;
use byline_kb::Kb;

/// One block analysed alone: spans relative to the block's start, token indices
/// relative to its first token, `Token::block` 0.
#[derive(Debug)]
struct BlockPart {
    tokens: Vec<Token>,
    mentions: Vec<RawMention>,
}

/// Tokens and raw mentions of the blocks of the last analysis, by block key.
#[derive(Debug, Default)]
pub struct BlockCache {
    parts: HashMap<Box<str>, Arc<BlockPart>>,
    /// How the kept parts' unknown names were typed: a part is reused only under the
    /// same typing.
    typing: mentions::Typing,
}

impl BlockCache {
    /// The tokens and raw mentions of `prose`, block by block, in text order: equal
    /// to [`tokens::tokenize`], [`split_joined_names`] and [`mentions::recognize`] run
    /// on each block alone.
    /// Keeps only the blocks of this document for the next call.
    pub fn recognize(
        &mut self,
        prose: &Prose,
        kb: &Kb,
        typing: mentions::Typing,
    ) -> (Vec<Token>, Vec<RawMention>) {
        if typing != self.typing {
            self.parts.clear();
            self.typing = typing;
        }
        let keys: Vec<String> = prose
            .blocks
            .iter()
            .map(|block| block_key(&prose.masked, block))
            .collect();
        // The blocks not seen before, each once, analysed in parallel: a block is a
        // document of its own (see the module comment), so the order they finish in
        // changes nothing, and a long story's recognition takes about 1/cores as long.
        let mut unseen: Vec<(&str, usize)> = Vec::new();
        let mut queued: HashSet<&str> = HashSet::default();
        for (key, block) in keys.iter().zip(&prose.blocks) {
            if !self.parts.contains_key(key.as_str()) && queued.insert(key.as_str()) {
                unseen.push((key.as_str(), block.len()));
            }
        }
        let mut kept: HashMap<Box<str>, Arc<BlockPart>> = unseen
            .into_par_iter()
            .map(|(key, len)| {
                let part = analyse_block(key, len, kb, typing);
                (Box::from(key), Arc::new(part))
            })
            .collect();
        let mut tokens = Vec::new();
        let mut raw = Vec::new();
        for (index, key) in keys.iter().enumerate() {
            let part = match kept.get(key.as_str()) {
                Some(part) => Arc::clone(part),
                None => {
                    let part = Arc::clone(&self.parts[key.as_str()]);
                    kept.insert(Box::from(key.as_str()), Arc::clone(&part));
                    part
                }
            };
            let block = &prose.blocks[index];
            let first_token = tokens.len();
            tokens.extend(part.tokens.iter().map(|t| Token {
                span: t.span.start + block.start..t.span.end + block.start,
                block: index,
                ..t.clone()
            }));
            raw.extend(part.mentions.iter().map(|m| RawMention {
                tokens: shift(&m.tokens, first_token),
                title: m.title.as_ref().map(|t| shift(t, first_token)),
                ..m.clone()
            }));
        }
        self.parts = kept;
        (tokens, raw)
    }
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// The block's masked text, and `)` after it when the next character past
/// whitespace is one (see the module comment).
fn block_key(masked: &str, block: &Range<usize>) -> String {
    let mut key = String::with_capacity(block.len() + 1);
    key.push_str(&masked[block.clone()]);
    if masked[block.end..].trim_start().starts_with(')') {
        key.push(')');
    }
    key
}

/// Tokens and raw mentions of the block whose key is `key` (its text is
/// `key[..len]`), as a document of one block.
fn analyse_block(key: &str, len: usize, kb: &Kb, typing: mentions::Typing) -> BlockPart {
    let alone = Prose {
        masked: key.to_string(),
        blocks: std::iter::once(0..len).collect(),
        story_date: None,
    };
    let tokens = split_joined_names(tokens::tokenize(&alone), &alone.masked, kb);
    let mentions = mentions::recognize_with(&tokens, &alone.masked, kb, typing);
    BlockPart { tokens, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::mentions::Typing;
    use crate::prose::{extract, Format};
    use crate::testing::entities::{GERASIMOV, IRNA};

    /// Tokens and raw mentions as one comparable string.
    fn shown((tokens, mentions): &(Vec<Token>, Vec<RawMention>)) -> String {
        format!("{tokens:?}\n{mentions:?}")
    }

    /// Tokens and raw mentions of the whole document, with no cache.
    fn whole(prose: &Prose, kb: &Kb) -> (Vec<Token>, Vec<RawMention>) {
        let tokens = split_joined_names(tokens::tokenize(prose), &prose.masked, kb);
        let mentions = mentions::recognize(&tokens, &prose.masked, kb);
        (tokens, mentions)
    }

    #[test]
    fn block_by_block_is_the_whole_document_at_once() {
        let kb = crate::testing::kb(&[GERASIMOV, IRNA]);
        let text = "General Valery Gerasimov spoke.\n\nThe Islamic Republic News Agency \
                    (IRNA) said.\n\nGerasimov left. Colonel Karim Nasr stayed.";
        let prose = extract(text, Format::PlainText);
        assert_eq!(prose.blocks.len(), 3);
        let blocks = BlockCache::default().recognize(&prose, &kb, Typing::Learned);
        assert_eq!(shown(&blocks), shown(&whole(&prose, &kb)));
    }

    /// The cache keys of `prose`'s blocks, in text order.
    fn keys(prose: &Prose) -> Vec<String> {
        prose
            .blocks
            .iter()
            .map(|b| block_key(&prose.masked, b))
            .collect()
    }

    #[test]
    fn a_block_seen_before_is_reused_wherever_it_moved() {
        let kb = crate::testing::kb(&[GERASIMOV, IRNA]);
        let first = "General Valery Gerasimov spoke.\n\nThen he left.";
        let moved = "A new first paragraph.\n\nGeneral Valery Gerasimov spoke.\n\nThen he left.";
        let mut cache = BlockCache::default();
        let first_prose = extract(first, Format::PlainText);
        cache.recognize(&first_prose, &kb, Typing::Learned);
        let key = keys(&first_prose)[0].clone();
        let before = Arc::clone(&cache.parts[key.as_str()]);
        let prose = extract(moved, Format::PlainText);
        assert_eq!(keys(&prose)[1], key);
        let reused = cache.recognize(&prose, &kb, Typing::Learned);
        assert!(Arc::ptr_eq(&before, &cache.parts[key.as_str()]));
        // Spans and token indices are the moved block's.
        assert_eq!(shown(&reused), shown(&whole(&prose, &kb)));
        let (tokens, mentions) = &reused;
        let gerasimov = &mentions[0].tokens;
        let span = tokens[gerasimov.start].span.start..tokens[gerasimov.end - 1].span.end;
        assert_eq!(&moved[span], "Valery Gerasimov");
    }

    #[test]
    fn the_cache_keeps_only_the_blocks_of_the_last_document() {
        let kb = crate::testing::kb(&[GERASIMOV, IRNA]);
        let mut cache = BlockCache::default();
        cache.recognize(
            &extract("One.\n\nTwo.\n\nThree.", Format::PlainText),
            &kb,
            Typing::Learned,
        );
        assert_eq!(cache.parts.len(), 3);
        let last = extract("Two.\n\nFour.\n\nTwo.\n\nThree.", Format::PlainText);
        cache.recognize(&last, &kb, Typing::Learned);
        let mut kept: Vec<&str> = cache.parts.keys().map(|k| &**k).collect();
        kept.sort();
        let mut expected = keys(&last);
        expected.sort();
        expected.dedup();
        assert_eq!(kept, expected);
        assert_eq!(kept.len(), 3, "one entry for the two equal blocks");
    }

    #[test]
    fn a_closing_parenthesis_after_a_block_is_part_of_its_key() {
        let kb = crate::testing::kb(&[GERASIMOV, IRNA]);
        let text = "The Islamic Republic News Agency (IRNA\n\n) said.";
        let prose = extract(text, Format::PlainText);
        assert_eq!(
            keys(&prose),
            ["The Islamic Republic News Agency (IRNA\n)", ") said."]
        );
        // The same block text before other text is another key, analysed afresh.
        let mut cache = BlockCache::default();
        cache.recognize(&prose, &kb, Typing::Learned);
        let other = extract(
            "The Islamic Republic News Agency (IRNA\n\nsaid.",
            Format::PlainText,
        );
        let found = cache.recognize(&other, &kb, Typing::Learned);
        assert_eq!(shown(&found), shown(&whole(&other, &kb)));
        assert_eq!(keys(&other)[0], "The Islamic Republic News Agency (IRNA\n");
        assert!(!cache.parts.contains_key(keys(&prose)[0].as_str()));
    }
}
