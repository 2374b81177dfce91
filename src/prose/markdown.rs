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
    // A block that contains other blocks (a list item with paragraphs) is split by them
    // already; keep blocks sorted for the tokenizer.
    blocks.sort_by_key(|b| (b.start, std::cmp::Reverse(b.end)));
    blocks
}

#[cfg(test)]
mod tests {
    use crate::prose::{extract, Format};

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
        assert_eq!(prose.story_date.unwrap().to_string(), "2021-10-21");
        assert_eq!(prose.blocks.len(), 2);
    }
}
