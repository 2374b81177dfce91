//! Markdown through `pulldown-cmark`: only text events are prose.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::mask;

/// Masks everything in `masked[start..]` that is not prose text, and returns the
/// blocks (paragraphs, headings, table cells, list items).
pub fn prose(text: &str, start: usize, masked: &mut [u8]) -> Vec<Range<usize>> {
    let body = &text[start..];
    let mut keep = vec![false; body.len()];
    let mut blocks = Vec::new();
    let mut link_depth_autolink = 0usize;
    let mut in_code_block = false;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) => {
                blocks.push(start + range.start..start + range.end);
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                if matches!(
                    link_type,
                    pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                ) {
                    link_depth_autolink += 1;
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => in_code_block = false,
            Event::End(TagEnd::Link) => {
                link_depth_autolink = link_depth_autolink.saturating_sub(1);
            }
            Event::Text(_) if link_depth_autolink == 0 && !in_code_block => {
                for flag in &mut keep[range] {
                    *flag = true;
                }
            }
            _ => {}
        }
    }
    for (i, &is_prose) in keep.iter().enumerate() {
        if !is_prose {
            mask(masked, start + i..start + i + 1);
        }
    }
    innermost(blocks)
}

/// Blocks nest (a list item holds paragraphs and nested items), but the tokenizer reads
/// each block's text once and in text order, so every byte must belong to one block.
/// Splits each block around the blocks inside it: the pieces are disjoint, sorted, and
/// each byte stays in its innermost block. A child that overruns its parent is clipped.
fn innermost(mut blocks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    blocks.sort_by_key(|b| (b.start, std::cmp::Reverse(b.end)));
    let mut pieces = Vec::with_capacity(blocks.len());
    // Open blocks, outermost first; each one's `start` is its first byte not yet given out.
    let mut open: Vec<Range<usize>> = Vec::new();
    for mut block in blocks {
        close_before(&mut open, block.start, &mut pieces);
        if let Some(parent) = open.last_mut() {
            block.end = block.end.min(parent.end);
            push_piece(&mut pieces, parent.start..block.start);
            parent.start = block.end;
        }
        open.push(block);
    }
    close_before(&mut open, usize::MAX, &mut pieces);
    pieces
}

/// Closes the open blocks that end at or before `at`, giving out what is left of each.
fn close_before(open: &mut Vec<Range<usize>>, at: usize, pieces: &mut Vec<Range<usize>>) {
    while open.last().is_some_and(|top| top.end <= at) {
        let top = open.pop().expect("checked above");
        push_piece(pieces, top);
    }
}

fn push_piece(pieces: &mut Vec<Range<usize>>, piece: Range<usize>) {
    if piece.start < piece.end {
        pieces.push(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::innermost;
    use crate::prose::{extract, Format};

    /// Bug found by the fuzz seed corpus: a nested list item was both a block of its own
    /// and part of its parent's block, so the tokenizer read its words twice and out of
    /// order, and the acronym check sliced the text backwards and panicked.
    #[test]
    fn nested_list_items_are_read_once_in_order() {
        let text = "- General Valery Gerasimovis\n  - > Sergei Shoygu\n    1. Moscow\n";
        let prose = extract(text, Format::Markdown);
        for pair in prose.blocks.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{:?}", prose.blocks);
        }
        let kb = byline_default_kb::default_kb().unwrap();
        let options = crate::analysis::AnalysisOptions {
            format: Some(Format::Markdown),
            ..Default::default()
        };
        let analysis = crate::analysis::analyze(text, &kb, &options);
        let spans: Vec<_> = analysis.mentions.iter().map(|m| m.span.clone()).collect();
        assert!(
            spans.windows(2).all(|p| p[0].end <= p[1].start),
            "{spans:?}"
        );
    }

    #[test]
    fn innermost_splits_parents_around_children() {
        assert_eq!(
            innermost(vec![0..10, 2..4, 6..8]),
            [0..2, 2..4, 4..6, 6..8, 8..10]
        );
        assert_eq!(innermost(vec![0..10, 0..10, 3..12]), [0..3, 3..10]);
        assert_eq!(innermost(vec![5..6, 0..2]), [0..2, 5..6]);
    }

    #[test]
    fn code_html_comments_and_link_targets_are_masked() {
        let text = "Talks with `Gerasimov` in <!-- Shoigu --> [Moscow](https://x.org/Tehran).\n\n```\nPutin\n```\n";
        let prose = extract(text, Format::Markdown);
        assert_eq!(prose.masked.len(), text.len());
        assert!(prose.masked.contains("Talks with"));
        assert!(prose.masked.contains("Moscow"));
        for hidden in ["Gerasimov", "Shoigu", "Tehran", "Putin"] {
            assert!(!prose.masked.contains(hidden), "{hidden} should be masked");
        }
    }

    #[test]
    fn masking_keeps_multibyte_offsets() {
        let text = "**Zoë** met `код` in Тегеран 😀.";
        let prose = extract(text, Format::Markdown);
        assert_eq!(prose.masked.len(), text.len());
        let z = text.find("Zoë").unwrap();
        assert_eq!(&prose.masked[z..z + "Zoë".len()], "Zoë");
        let t = text.find("Тегеран").unwrap();
        assert_eq!(&prose.masked[t..t + "Тегеран".len()], "Тегеран");
    }

    #[test]
    fn front_matter_is_masked_and_dated() {
        let text = "---\ntitle: Gerasimov\ndate: 2021-10-21\n---\n\n# Head\n\nBody.";
        let prose = extract(text, Format::Markdown);
        assert!(!prose.masked.contains("Gerasimov"));
        assert_eq!(&text[prose.story_date.unwrap()], "2021-10-21");
        assert_eq!(prose.blocks.len(), 2);
    }
}
