//! Test oracles, compiled only for tests and fuzzers (`cfg(test)` or the `testing`
//! feature), never into the binary users run.

use proptest::prelude::*;

use crate::text::document::{TextEdit, TextRange};
use crate::text::TextPosition;

/// The range of an LSP edit from start and end lines and characters.
pub fn range(start_line: u32, start_char: u32, end_line: u32, end_char: u32) -> Option<TextRange> {
    Some(TextRange {
        start: TextPosition {
            line: start_line,
            character: start_char,
        },
        end: TextPosition {
            line: end_line,
            character: end_char,
        },
    })
}

/// Random LSP content changes: ranges that reach past line and document ends,
/// reversed ranges, full replacements, and inserted text drawn from `fragments`.
pub fn edit_strategy(fragments: &'static str) -> impl Strategy<Value = TextEdit> {
    (0u32..6, 0u32..12, 0u32..6, 0u32..12, fragments, 0u8..10).prop_map(
        |(sl, sc, el, ec, text, full)| TextEdit {
            range: if full == 0 {
                None
            } else {
                range(sl, sc, el, ec)
            },
            text,
        },
    )
}

/// A deliberately naive model of LSP positions and edits on a plain `String`: the
/// reference the rope, the line index and the server's change path are checked against.
pub mod reference {
    use crate::text::document::TextEdit;
    use crate::text::{PositionEncoding, TextPosition};

    /// Byte ranges of each line's content (without its break), by a char-by-char scan.
    fn lines(text: &str) -> Vec<(usize, usize)> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\n' || c == '\r' {
                lines.push((start, i));
                if c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n') {
                    chars.next();
                }
                start = chars.peek().map_or(text.len(), |&(j, _)| j);
            }
        }
        lines.push((start, text.len()));
        lines
    }

    /// The byte offset of a position, clamped to its line and to the text.
    pub fn offset(text: &str, position: TextPosition, encoding: PositionEncoding) -> usize {
        let Some(&(start, end)) = lines(text).get(position.line as usize) else {
            return text.len();
        };
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            units += match encoding {
                PositionEncoding::Utf8 => c.len_utf8(),
                PositionEncoding::Utf16 => c.len_utf16(),
            };
            if units > position.character as usize {
                return start + i;
            }
        }
        end
    }

    /// Applies one LSP content change to a string (a reversed range is read in order).
    pub fn apply(text: &str, edit: &TextEdit, encoding: PositionEncoding) -> String {
        let Some(range) = edit.range else {
            return edit.text.clone();
        };
        let a = offset(text, range.start, encoding);
        let b = offset(text, range.end, encoding);
        let (start, end) = (a.min(b), a.max(b));
        format!("{}{}{}", &text[..start], edit.text, &text[end..])
    }
}
