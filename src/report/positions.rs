//! Line and column of many byte offsets of one text, found in one pass over it.
//!
//! `LineIndex::position` counts a line's characters from its start for every offset,
//! so a report of many findings on long lines (or a story that is one long line, as
//! minified HTML is) costs the line's length per finding. Here the offsets a report
//! needs are sorted and the text is walked once: the cost is the text's length plus
//! the number of offsets (times a log for the sort), whatever the lines. The results
//! are those of `LineIndex::position` (a proptest in this module holds them equal):
//! line breaks are `\n`, `\r\n` and `\r`; an offset inside a line break is at the end of
//! the line's content; offsets are clamped to the text and rounded down to a character.

use byline_core::text::TextPosition;

/// Where one offset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 0-based line.
    pub line: u32,
    /// 0-based column in UTF-16 code units (LSP, SARIF, GitHub).
    pub utf16: u32,
    /// 0-based column in characters (Unicode scalar values).
    pub chars: u32,
    /// The byte offset where the line starts.
    pub line_start: usize,
}

impl Position {
    pub fn text_position(self) -> TextPosition {
        TextPosition {
            line: self.line,
            character: self.utf16,
        }
    }
}

/// The positions of a set of offsets of one text.
pub struct Positions {
    offsets: Vec<usize>,
    positions: Vec<Position>,
}

fn normalize(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Positions {
    /// Finds the position of every offset in `offsets` (any order, repeats allowed).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Positions {
        let mut offsets: Vec<usize> = offsets
            .into_iter()
            .map(|offset| normalize(text, offset))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let bytes = text.as_bytes();
        let mut positions = Vec::with_capacity(offsets.len());
        let (mut line, mut line_start, mut utf16, mut chars) = (0u32, 0usize, 0u32, 0u32);
        let mut cursor = 0;
        for &offset in &offsets {
            while cursor < offset {
                let byte = bytes[cursor];
                match byte {
                    b'\n' => {
                        line += 1;
                        line_start = cursor + 1;
                        (utf16, chars) = (0, 0);
                    }
                    // A CR before an LF ends its line with the LF.
                    b'\r' if bytes.get(cursor + 1) == Some(&b'\n') => {}
                    b'\r' => {
                        line += 1;
                        line_start = cursor + 1;
                        (utf16, chars) = (0, 0);
                    }
                    _ if byte & 0xC0 != 0x80 => {
                        chars += 1;
                        utf16 += if byte >= 0xF0 { 2 } else { 1 };
                    }
                    _ => {}
                }
                cursor += 1;
            }
            positions.push(Position {
                line,
                utf16,
                chars,
                line_start,
            });
        }
        Positions { offsets, positions }
    }

    /// The position of `offset`, which must have been among those given to `new` (any
    /// other is found by walking the text from its start: correct, but not cheap).
    pub fn get(&self, text: &str, offset: usize) -> Position {
        let offset = normalize(text, offset);
        match self.offsets.binary_search(&offset) {
            Ok(i) => self.positions[i],
            Err(_) => Positions::new(text, [offset]).positions[0],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_core::text::{LineIndex, PositionEncoding};

    /// Small random texts of awkward characters and line breaks, by a fixed-seed
    /// generator (the root package has no proptest): every offset, including those
    /// inside characters and line breaks, gives what `LineIndex` gives.
    #[test]
    fn every_offset_agrees_with_line_index() {
        let pieces = [
            "a", "é", "e\u{301}", "😀", "Щ", "ب", "\r\n", "\n", "\r", " ",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..500 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for k in 0..(state % 30) {
                text.push_str(pieces[((state >> (k % 50)) as usize + k as usize) % pieces.len()]);
            }
            let index = LineIndex::new(&text);
            let positions = Positions::new(&text, (0..=text.len() + 2).rev());
            for offset in 0..=text.len() + 2 {
                let expected = index.position(&text, offset, PositionEncoding::Utf16);
                let got = positions.get(&text, offset);
                assert_eq!(got.text_position(), expected, "{text:?} at {offset}");
                let utf8 = index.position(&text, offset, PositionEncoding::Utf8);
                let start = got.line_start;
                let clamped = (utf8.character as usize) + start;
                assert_eq!(
                    text[start..clamped].chars().count() as u32,
                    got.chars,
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
