//! Conversion between byte offsets and LSP positions (line, character) in UTF-8 or
//! UTF-16 code units.
//!
//! Line breaks are `\n`, `\r\n` and `\r`, as the LSP specification defines them.
//! Every conversion clamps: a position past the end of a line means the end of that
//! line, past the last line means the end of the text, and a UTF-16 position inside a
//! surrogate pair rounds down — a client bug must never become a panic.

/// The unit in which `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

/// A 0-based line and character, as in LSP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct TextPosition {
    pub line: u32,
    pub character: u32,
}

/// Line starts of one text, for offset ↔ position conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a line's content, without its line break.
    fn line_content(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset (clamped to the text, rounded down to a char).
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> TextPosition {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let (start, end) = self.line_content(text, line);
        let segment = &text[start..offset.min(end).max(start)];
        let character = match encoding {
            PositionEncoding::Utf8 => segment.len(),
            PositionEncoding::Utf16 => segment.chars().map(char::len_utf16).sum(),
        };
        TextPosition {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a position, clamped as the module doc says.
    pub fn offset(&self, text: &str, position: TextPosition, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let (start, end) = self.line_content(text, line);
        let wanted = position.character as usize;
        let content = &text[start..end];
        match encoding {
            PositionEncoding::Utf8 => {
                let mut offset = wanted.min(content.len());
                while !content.is_char_boundary(offset) {
                    offset -= 1;
                }
                start + offset
            }
            PositionEncoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    let next = units + c.len_utf16();
                    if next > wanted {
                        return start + i;
                    }
                    units = next;
                }
                end
            }
        }
    }
}

/// The length of `text` in the units of `encoding`.
pub fn encoded_len(text: &str, encoding: PositionEncoding) -> usize {
    match encoding {
        PositionEncoding::Utf8 => text.len(),
        PositionEncoding::Utf16 => text.chars().map(char::len_utf16).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> TextPosition {
        TextPosition { line, character }
    }

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        let text = "a😀b\nsecond";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(index.position(text, b, PositionEncoding::Utf16), pos(0, 3));
        assert_eq!(index.position(text, b, PositionEncoding::Utf8), pos(0, 5));
        assert_eq!(index.offset(text, pos(0, 3), PositionEncoding::Utf16), b);
    }

    #[test]
    fn position_inside_surrogate_pair_rounds_down() {
        let text = "😀x";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, pos(0, 1), PositionEncoding::Utf16), 0);
    }

    #[test]
    fn crlf_and_lone_cr_both_end_lines() {
        let text = "one\r\ntwo\rthree";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.offset(text, pos(2, 0), PositionEncoding::Utf16), 9);
        // Past the end of line 0 clamps before the CRLF.
        assert_eq!(index.offset(text, pos(0, 99), PositionEncoding::Utf16), 3);
    }

    #[test]
    fn positions_past_the_end_clamp_to_the_end() {
        let text = "Бағдат\nتهران";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, pos(9, 9), PositionEncoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.position(text, 10_000, PositionEncoding::Utf16),
            pos(1, 5)
        );
    }

    proptest! {
        #[test]
        fn offset_and_position_round_trip_at_char_boundaries(
            text in "(a|é|e\u{301}|😀|Щ|ب|\r\n|\n|\r| ){0,40}",
            pick in 0usize..200,
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let offset = boundaries[pick % boundaries.len()];
            let position = index.position(&text, offset, encoding);
            let back = index.offset(&text, position, encoding);
            let inside_crlf = text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
            let expected = if inside_crlf { offset - 1 } else { offset };
            prop_assert_eq!(back, expected);
        }

        #[test]
        fn any_position_maps_to_a_char_boundary(
            text in "(a|😀|Щ|\r\n|\n){0,20}",
            line in 0u32..30,
            character in 0u32..60,
        ) {
            let index = LineIndex::new(&text);
            for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                let offset = index.offset(&text, pos(line, character), encoding);
                prop_assert!(offset <= text.len());
                prop_assert!(text.is_char_boundary(offset));
            }
        }
    }
}
