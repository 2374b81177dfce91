//! Semantic tokens: each mention coloured by its category, with modifiers for names
//! the KB does not know and for an entity's first mention.

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensLegend,
};

use crate::convert::Positions;
use byline_core::analysis::{Analysis, Mention};
use byline_core::text::line_index::encoded_len;
use byline_kb::Category;

/// Token types in legend order; the index is what goes on the wire.
pub const TOKEN_TYPES: [&str; 5] = ["person", "organization", "location", "event", "other"];
/// Modifiers in legend order; bit i is modifier i.
pub const TOKEN_MODIFIERS: [&str; 2] = ["unknown", "firstMention"];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn token_type(mention: &Mention) -> u32 {
    match mention.category {
        Category::Person => 0,
        Category::Organization => 1,
        Category::Location => 2,
        Category::Other if mention.entity_type == "event" => 3,
        Category::Other => 4,
    }
}

fn modifiers(mention: &Mention) -> u32 {
    let mut bits = 0;
    if mention.entity.is_none() {
        bits |= 1;
    }
    if mention.first_mention {
        bits |= 2;
    }
    bits
}

/// Encodes the mentions overlapping `span` (all when `None`) as relative tokens. A
/// mention that runs over a line break becomes one token per line, as LSP requires.
pub fn encode(
    analysis: &Analysis,
    positions: &Positions,
    span: Option<std::ops::Range<usize>>,
) -> Vec<SemanticToken> {
    let mut tokens = Vec::new();
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for mention in &analysis.mentions {
        if let Some(span) = &span {
            if mention.span.end <= span.start || mention.span.start >= span.end {
                continue;
            }
        }
        let text = &positions.text[mention.span.clone()];
        let mut offset = mention.span.start;
        for piece in text.split_inclusive(['\n', '\r']) {
            let trimmed = piece.trim_end_matches(['\n', '\r']);
            let start = offset + (trimmed.len() - trimmed.trim_start().len());
            let content = trimmed.trim();
            offset += piece.len();
            if content.is_empty() {
                continue;
            }
            let position = positions.position(start);
            let length = encoded_len(content, positions.encoding) as u32;
            let delta_line = position.line - last_line;
            let delta_start = if delta_line == 0 {
                position.character - last_start
            } else {
                position.character
            };
            tokens.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type: token_type(mention),
                token_modifiers_bitset: modifiers(mention),
            });
            last_line = position.line;
            last_start = position.character;
        }
    }
    tokens
}
