//! Conversions between the core's byte spans and LSP ranges in the negotiated encoding.

use std::ops::Range as ByteRange;

use tower_lsp_server::ls_types::{Position, Range};

use byline_core::text::{LineIndex, PositionEncoding, TextPosition};

/// One document's text and line index, for conversions.
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let p = self.index.position(self.text, offset, self.encoding);
        Position::new(p.line, p.character)
    }

    pub fn range(&self, span: &ByteRange<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    pub fn offset(&self, position: Position) -> usize {
        self.index.offset(
            self.text,
            TextPosition {
                line: position.line,
                character: position.character,
            },
            self.encoding,
        )
    }

    pub fn span(&self, range: Range) -> ByteRange<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        start.min(end)..start.max(end)
    }
}
