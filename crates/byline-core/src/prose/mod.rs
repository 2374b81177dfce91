//! Deciding what part of a document is prose.
//!
//! The output keeps byte offsets: `masked` is the input with every non-prose byte
//! (code, URLs, markup, front matter, HTML tags and comments) replaced by a space, and line
//! breaks kept. The analysis therefore works on one string and every span it reports is
//! a span of the user's file.

mod front_matter;
mod html;
mod markdown;
mod plain;

use std::ops::Range;
use std::path::Path;

/// The kinds of document Byline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
    /// An HTML article body: text between tags is prose, markup is skipped.
    Html,
}

impl Format {
    /// Guesses the format from a file name or LSP language id.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdx" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::PlainText,
        }
    }

    pub fn from_language_id(language_id: &str) -> Format {
        match language_id {
            "markdown" | "mdx" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::PlainText,
        }
    }
}

/// The prose of a document.
#[derive(Debug, Clone)]
pub struct Prose {
    /// The document with non-prose bytes replaced by spaces (newlines kept).
    pub masked: String,
    /// Blocks (paragraphs, headings, list items): sentences never cross them.
    pub blocks: Vec<Range<usize>>,
    /// Where front matter writes the story's date (`date: 2021-10-21`), if it does: a
    /// byte span of the text, read as a date by the analysis.
    pub story_date: Option<Range<usize>>,
}

/// Extracts the prose of `text` read as `format`.
pub fn extract(text: &str, format: Format) -> Prose {
    let front = front_matter::find(text);
    let mut masked = text.as_bytes().to_vec();
    let body_start = front.as_ref().map_or(0, |f| f.range.end);
    mask(&mut masked, 0..body_start);
    let blocks = match format {
        Format::Markdown => markdown::prose(text, body_start, &mut masked),
        Format::PlainText => plain::prose(text, body_start),
        Format::Html => html::prose(text, body_start, &mut masked),
    };
    mask_urls(text, &mut masked);
    Prose {
        masked: String::from_utf8(masked)
            .expect("masking replaces whole characters with ASCII spaces"),
        blocks,
        story_date: front.and_then(|f| f.date),
    }
}

/// Replaces the bytes of `range` with spaces, keeping line breaks.
pub(crate) fn mask(masked: &mut [u8], range: Range<usize>) {
    for byte in &mut masked[range] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
}

fn mask_urls(text: &str, masked: &mut [u8]) {
    use std::sync::OnceLock;
    /// Web and mail addresses: they start at a literal the regex finds fast.
    const ADDRESS: &str = r"(?i)(?-u:\b)(?:https?://|ftp://|mailto:|www\.)[^\s<>()\[\]]+";
    /// Emails and handles: they start at any word, so the scan is slower, and only
    /// text with an "@" can hold one.
    const AT: &str = r"(?-u:\b)[\w.+-]+@[\w-]+\.[\w.-]+|@\w+";
    static ADDRESS_ONLY: OnceLock<regex::Regex> = OnceLock::new();
    static ANY: OnceLock<regex::Regex> = OnceLock::new();
    // ASCII word boundaries: a Unicode `\b` keeps the regex off its lazy DFA and made
    // this scan a fifth of the analysis of a long story.
    // A handle is `@\w{1,30}`, written `@\w+` and cut to 30 word characters below:
    // the bounded repetition of Unicode `\w` compiled 30 copies of the class, 57 % of
    // the instructions of a `byline check` of one story.
    let compile = |pattern: &str| regex::Regex::new(pattern).expect("url regex is valid");
    let url = if text.contains('@') {
        ANY.get_or_init(|| compile(&format!("{ADDRESS}|{AT}")))
    } else {
        ADDRESS_ONLY.get_or_init(|| compile(ADDRESS))
    };
    let mut at = 0;
    while let Some(m) = url.find_at(text, at) {
        let mut range = m.range();
        // Only the handle alternative matches from an "@" (an email's starts before
        // it); it ends after at most 30 word characters, one `char` each, and the
        // search resumes there as `find_iter` over `@\w{1,30}` did.
        if m.as_str().starts_with('@') {
            if let Some((cut, _)) = m.as_str().char_indices().nth(1 + HANDLE_MAX_CHARS) {
                range.end = range.start + cut;
            }
        }
        at = range.end;
        // "@name" is a handle unless it runs on from a word (which the email
        // alternative has already taken).
        let runs_on = text[..range.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if text[range.clone()].starts_with('@') && runs_on {
            continue;
        }
        mask(masked, range);
    }
}

/// The longest handle masked, in word characters after the "@".
const HANDLE_MAX_CHARS: usize = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_emails_are_not_prose() {
        let text = "See https://example.com/Gerasimov or mail desk@example.org now.";
        let prose = extract(text, Format::PlainText);
        assert!(!prose.masked.contains("Gerasimov"));
        assert!(!prose.masked.contains("desk"));
        assert!(prose.masked.ends_with("now."));
        assert_eq!(prose.masked.len(), text.len());
    }

    /// The mask as the URL regex with `@\w{1,30}` made it, before handles were cut
    /// to 30 characters by hand.
    fn masked_by_the_bounded_regex(text: &str) -> Vec<u8> {
        let url = regex::Regex::new(
            r"(?i)(?-u:\b)(?:https?://|ftp://|mailto:|www\.)[^\s<>()\[\]]+|(?-u:\b)[\w.+-]+@[\w-]+\.[\w.-]+|@\w{1,30}",
        )
        .unwrap();
        let mut masked = text.as_bytes().to_vec();
        for m in url.find_iter(text) {
            let runs_on = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !(m.as_str().starts_with('@') && runs_on) {
                mask(&mut masked, m.range());
            }
        }
        masked
    }

    fn masked_urls(text: &str) -> Vec<u8> {
        let mut masked = text.as_bytes().to_vec();
        mask_urls(text, &mut masked);
        masked
    }

    #[test]
    fn a_long_handle_is_masked_for_30_characters_and_the_search_resumes_after_them() {
        let handle = format!("@{}", "é".repeat(29) + "abcdef");
        for text in [
            format!("{handle}@example.com www.x.org"),
            format!("x {handle}www.example.org"),
            format!("{handle}é@mail.example.org @a@b"),
        ] {
            assert_eq!(
                masked_urls(&text),
                masked_by_the_bounded_regex(&text),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn handles_are_masked_as_the_bounded_regex_masked_them(
            text in "([a-z]{1,40}|é{1,35}|@|\\.| |www\\.|http://|-){0,12}"
        ) {
            proptest::prop_assert_eq!(masked_urls(&text), masked_by_the_bounded_regex(&text));
        }
    }

    /// Regression (news corpus): "@ABlinken" was reported as a misspelling of Blinken.
    #[test]
    fn social_media_handles_are_not_prose() {
        let text = "Follow the Deputy Secretary on Twitter (@ABlinken) today.";
        let prose = extract(text, Format::PlainText);
        assert!(!prose.masked.contains("ABlinken"));
        assert!(prose.masked.contains("Deputy Secretary"));
        assert!(prose.masked.ends_with("today."));
    }
}
