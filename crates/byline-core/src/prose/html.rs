//! HTML article bodies: only text between tags is prose.
//!
//! Tags, comments, `<script>`/`<style>`/`<noscript>` contents and character references
//! (`&amp;`, `&#8217;`) are blanked rather than decoded, so every byte keeps its offset
//! and a finding points at the user's file. A name written with a reference inside it
//! ("Zo&euml;") is split in two; that is the price of never shifting offsets.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::mask;

/// Elements that end a block of prose: sentences never run across them.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

fn markup() -> &'static Regex {
    static MARKUP: OnceLock<Regex> = OnceLock::new();
    MARKUP.get_or_init(|| {
        // Raw-text elements first (their content is code, not prose), then comments,
        // doctype and processing instructions, tags, and character references.
        Regex::new(
            r"(?is)<(script|style|noscript|template)\b[^>]*>.*?</\s*(?:script|style|noscript|template)\s*>|<!--.*?(?:-->|\z)|<![^>]*>|<\?[^>]*>|</?([a-z][a-z0-9-]*)\b(?:[^>\x22']|\x22[^\x22]*\x22|'[^']*')*>|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);",
        )
        .expect("markup regex is valid")
    })
}

/// Masks the markup of `text[start..]` in `masked` and returns the blocks of prose.
pub fn prose(text: &str, start: usize, masked: &mut [u8]) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut block_start = start;
    for found in markup().captures_iter(&text[start..]) {
        let whole = found.get(0).expect("a match has group 0");
        let range = start + whole.start()..start + whole.end();
        mask(masked, range.clone());
        let ends_block = found.get(1).is_some()
            || found.get(2).is_some_and(|t| {
                BLOCK_ELEMENTS.contains(&t.as_str().to_ascii_lowercase().as_str())
            });
        if ends_block {
            push_block(masked, block_start..range.start, &mut blocks);
            block_start = range.end;
        }
    }
    push_block(masked, block_start..text.len(), &mut blocks);
    blocks
}

/// Keeps a block that has prose left after masking.
fn push_block(masked: &[u8], block: Range<usize>, blocks: &mut Vec<Range<usize>>) {
    if !masked[block.clone()].iter().all(u8::is_ascii_whitespace) {
        blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use crate::prose::{extract, Format};

    #[test]
    fn tags_scripts_comments_and_references_are_masked_in_place() {
        let text = "<html><head><style>.Putin{}</style><script>var Shoigu = '<p>';</script></head>\n<body><p class=\"lead\" data-x='Tehran'>General Valery Gerasimovis&rsquo;s talks</p><!-- Lavrov --><p>In Moscow&nbsp;today.</p></body></html>";
        let prose = extract(text, Format::Html);
        assert_eq!(prose.masked.len(), text.len());
        for hidden in [
            "Putin", "Shoigu", "Tehran", "Lavrov", "lead", "rsquo", "nbsp", "<", ">",
        ] {
            assert!(!prose.masked.contains(hidden), "{hidden} should be masked");
        }
        let g = text.find("Gerasimovis").unwrap();
        assert_eq!(&prose.masked[g..g + 11], "Gerasimovis");
        assert_eq!(prose.blocks.len(), 2, "{:?}", prose.blocks);
        assert!(text[prose.blocks[1].clone()].contains("Moscow"));
    }

    #[test]
    fn multibyte_text_and_unclosed_markup_keep_offsets() {
        let text = "<p>Zoë met Тегеран 😀 <b>Shoigu</b></p><!-- never closed Putin";
        let prose = extract(text, Format::Html);
        assert_eq!(prose.masked.len(), text.len());
        assert!(prose.masked.contains("Тегеран 😀"));
        assert!(prose.masked.contains("Shoigu"));
        assert!(!prose.masked.contains("Putin"));
    }
}
