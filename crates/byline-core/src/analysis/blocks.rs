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

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::Arc;

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
}

impl BlockCache {
    /// The tokens and raw mentions of `prose`, block by block, in text order: equal
    /// to [`tokens::tokenize`] then [`mentions::recognize`] run on each block alone.
    /// Keeps only the blocks of this document for the next call.
    pub fn recognize(&mut self, prose: &Prose, kb: &Kb) -> (Vec<Token>, Vec<RawMention>) {
        let mut kept: HashMap<Box<str>, Arc<BlockPart>> =
            HashMap::with_capacity_and_hasher(prose.blocks.len(), Default::default());
        let mut tokens = Vec::new();
        let mut raw = Vec::new();
        for (index, block) in prose.blocks.iter().enumerate() {
            let key = block_key(&prose.masked, block);
            let part = match kept
                .get(key.as_str())
                .or_else(|| self.parts.get(key.as_str()))
            {
                Some(part) => Arc::clone(part),
                None => Arc::new(analyse_block(&key, block.len(), kb)),
            };
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
            kept.insert(key.into_boxed_str(), part);
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
fn analyse_block(key: &str, len: usize, kb: &Kb) -> BlockPart {
    let alone = Prose {
        masked: key.to_string(),
        blocks: std::iter::once(0..len).collect(),
        story_date: None,
    };
    let tokens = tokens::tokenize(&alone);
    let mentions = mentions::recognize(&tokens, &alone.masked, kb);
    BlockPart { tokens, mentions }
}
