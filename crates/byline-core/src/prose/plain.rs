//! Plain text: paragraphs are separated by blank lines.

use std::ops::Range;

/// The blocks of plain text from `start`: runs of non-blank lines.
pub fn prose(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let line_end = offset + line.len();
        if line.trim().is_empty() {
            if let Some(s) = block_start.take() {
                blocks.push(s..offset);
            }
        } else if block_start.is_none() {
            block_start = Some(offset);
        }
        offset = line_end;
    }
    if let Some(s) = block_start {
        blocks.push(s..text.len());
    }
    blocks
}
