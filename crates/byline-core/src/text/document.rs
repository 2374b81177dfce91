//! An open document as the language server keeps it: a rope, its version, and the
//! edits the client sends applied in arrival order.

use ropey::Rope;

use super::line_index::{PositionEncoding, TextPosition};

/// A text range in LSP terms (start inclusive, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRange {
    pub start: TextPosition,
    pub end: TextPosition,
}

/// One content change: a replacement of `range`, or of the whole text when `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Option<TextRange>,
    pub text: String,
}

/// A document held as a rope so an edit costs O(log n) rather than a copy of the text.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    pub version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// Applies one change. Out-of-range positions clamp (to the line's end, or the
    /// document's) and a reversed range is read in order, so no client input panics.
    pub fn apply(&mut self, edit: &TextEdit, encoding: PositionEncoding) {
        match edit.range {
            None => self.rope = Rope::from_str(&edit.text),
            Some(range) => {
                let mut start = self.char_index(range.start, encoding);
                let mut end = self.char_index(range.end, encoding);
                if start > end {
                    std::mem::swap(&mut start, &mut end);
                }
                self.rope.remove(start..end);
                self.rope.insert(start, &edit.text);
            }
        }
    }

    /// The char index of a position, clamped.
    fn char_index(&self, position: TextPosition, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_chars();
        }
        let line_start = self.rope.line_to_char(line);
        let line_slice = self.rope.line(line);
        let mut content_chars = line_slice.len_chars();
        // Leave the line break out: a position past the end means the end of content.
        if content_chars > 0 && line_slice.char(content_chars - 1) == '\n' {
            content_chars -= 1;
        }
        if content_chars > 0 && line_slice.char(content_chars - 1) == '\r' {
            content_chars -= 1;
        }
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line_slice.chars().take(content_chars).enumerate() {
            let width = match encoding {
                PositionEncoding::Utf8 => c.len_utf8(),
                PositionEncoding::Utf16 => c.len_utf16(),
            };
            if units + width > wanted {
                return line_start + i;
            }
            units += width;
        }
        line_start + content_chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{edit_strategy, range, reference};
    use proptest::prelude::*;

    #[test]
    fn incremental_edit_after_emoji_lands_in_utf16_units() {
        let mut doc = Document::new("😀 Gerasimovis", 1);
        doc.apply(
            &TextEdit {
                range: range(0, 3, 0, 14),
                text: "Gerasimov".into(),
            },
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "😀 Gerasimov");
    }

    #[test]
    fn edit_past_the_end_appends_and_reversed_range_is_ordered() {
        let mut doc = Document::new("ab\ncd", 1);
        doc.apply(
            &TextEdit {
                range: range(7, 0, 9, 9),
                text: "!".into(),
            },
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "ab\ncd!");
        doc.apply(
            &TextEdit {
                range: range(0, 2, 0, 0),
                text: "X".into(),
            },
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "X\ncd!");
    }

    proptest! {
        #[test]
        fn rope_edits_equal_string_edits(
            initial in "(a|é|😀|Щ|ب|e\u{301}|\r\n|\n|\r| ){0,30}",
            edits in proptest::collection::vec(edit_strategy("(x|é|😀|Щ|ب|e\u{301}|\r\n|\n| ){0,6}"), 1..12),
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let mut doc = Document::new(&initial, 0);
            let mut model = initial.clone();
            for edit in &edits {
                doc.apply(edit, encoding);
                model = reference::apply(&model, edit, encoding);
                prop_assert_eq!(doc.text(), model.clone());
            }
        }
    }
}
