//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their
//! corpus (`tests/fuzz_corpus.rs`), so CI exercises the same code without a nightly
//! toolchain. Each entry takes arbitrary bytes, runs one parser the way a user's file
//! would reach it, and asserts the invariants callers rely on; a broken invariant
//! panics, which is what the fuzzer reports.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use byline_core::analysis::{analyze, Analysis, AnalysisOptions, Incremental};
use byline_core::prose::{self, Format};
use byline_core::testing::reference;
use byline_core::text::document::{Document, TextEdit, TextRange};
use byline_core::text::{LineIndex, PositionEncoding, TextPosition};
use byline_kb::{load, Kb, KbBuilder, KbError};

fn shared_kb() -> &'static Arc<Kb> {
    static KB: OnceLock<Arc<Kb>> = OnceLock::new();
    KB.get_or_init(|| Arc::new(byline_default_kb::default_kb().expect("the embedded KB loads")))
}

fn default_kb() -> &'static Kb {
    shared_kb()
}

/// The first byte chooses a variant; the rest is the text (invalid UTF-8 replaced, as
/// a file read lossily would be).
fn split(data: &[u8]) -> (u8, String) {
    match data.split_first() {
        Some((&first, rest)) => (first, String::from_utf8_lossy(rest).into_owned()),
        None => (0, String::new()),
    }
}

/// Prose extraction (Markdown, plain text, front matter) and the whole analysis.
pub fn prose(data: &[u8]) {
    let (selector, text) = split(data);
    let format = if selector % 2 == 0 {
        Format::Markdown
    } else {
        Format::PlainText
    };
    check_extraction(&text, format);
    let options = AnalysisOptions {
        format: Some(format),
        ..AnalysisOptions::default()
    };
    let full = analyze(&text, default_kb(), &options);
    check_analysis(&text, &full);
    check_incremental(&text, &options, &full);
}

/// An incremental analysis that first saw the text with its middle third deleted
/// (blocks cut, joined and moved) gives, once the third is typed back, exactly the
/// full analysis.
fn check_incremental(text: &str, options: &AnalysisOptions, full: &Analysis) {
    let boundary = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (cut, resume) = (boundary(text.len() / 3), boundary(text.len() * 2 / 3));
    let mut incremental = Incremental::new();
    incremental.analyze(
        &format!("{}{}", &text[..cut], &text[resume..]),
        shared_kb(),
        options,
    );
    let again = incremental.analyze(text, shared_kb(), options);
    assert_eq!(
        format!("{again:?}"),
        format!("{full:?}"),
        "the incremental analysis differs from the full one"
    );
}

/// Prose extraction alone (Markdown, plain text, HTML, front matter): the parsers run
/// thousands of times faster without the analysis, so the fuzzer reaches far more of
/// their odd corners in the same time than `prose` can.
pub fn prose_parse(data: &[u8]) {
    let (selector, text) = split(data);
    let format = match selector % 3 {
        0 => Format::Markdown,
        1 => Format::PlainText,
        _ => Format::Html,
    };
    check_extraction(&text, format);
}

/// Masking keeps every offset and line break; blocks lie inside the text.
fn check_extraction(text: &str, format: Format) {
    let extracted = prose::extract(text, format);
    assert_eq!(extracted.masked.len(), text.len(), "masking keeps offsets");
    for (i, (a, b)) in text.bytes().zip(extracted.masked.bytes()).enumerate() {
        let line_break = |c: u8| c == b'\n' || c == b'\r';
        assert_eq!(line_break(a), line_break(b), "line break kept at byte {i}");
    }
    for block in &extracted.blocks {
        assert!(
            block.start <= block.end && block.end <= text.len(),
            "{block:?}"
        );
        assert!(
            text.is_char_boundary(block.start) && text.is_char_boundary(block.end),
            "{block:?} splits a character"
        );
    }
}

/// Every span an analysis reports lies in the text, on character boundaries.
fn check_analysis(text: &str, analysis: &Analysis) {
    let spans = analysis
        .mentions
        .iter()
        .map(|m| &m.span)
        .chain(analysis.diagnostics.iter().map(|d| &d.span));
    for span in spans {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
}

/// A located error must point into the file: line and column both 1-based.
fn check_located(error: &KbError, text: &str) {
    assert!(error.line >= 1, "error without a line: {error}");
    assert!(error.column >= 1, "error without a column: {error}");
    assert!(
        error.line <= text.split('\n').count(),
        "line past the end: {error}"
    );
}

/// KB parsing (TOML when the selector is even, else JSONL); what parses is indexed
/// and a text made of its names is analysed against it.
pub fn kb(data: &[u8]) {
    let (selector, text) = split(data);
    let parsed = if selector % 2 == 0 {
        load::parse_toml("fuzz.toml", &text)
    } else {
        load::parse_jsonl("fuzz.jsonl", &text)
    };
    let entities = match parsed {
        Ok(entities) => entities,
        Err(error) => return check_located(&error, &text),
    };
    let story: Vec<String> = entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|name| format!("{name} said."))
        .collect();
    let mut builder = KbBuilder::new();
    builder.add("fuzz", entities);
    let kb = builder.build();
    let story = story.join(" ");
    check_analysis(&story, &analyze(&story, &kb, &AnalysisOptions::default()));
}

/// `.byline.toml` parsing.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(error) = byline_desk::config::parse(Path::new("/fuzz/.byline.toml"), &text) {
        check_located(&error, &text);
    }
}

/// Takes a little-endian u16 from the front of `data` (zero when short).
fn take_small(data: &mut &[u8]) -> u32 {
    let mut bytes = [0u8; 2];
    let n = data.len().min(2);
    bytes[..n].copy_from_slice(&data[..n]);
    *data = &data[n..];
    u32::from(u16::from_le_bytes(bytes))
}

/// Position conversion and incremental edits: the first byte picks the encoding, the
/// next a count of edits, each edit five small numbers (range and inserted length)
/// taken from the front; the rest is the text and the inserted material.
pub fn positions(data: &[u8]) {
    let Some((&selector, mut rest)) = data.split_first() else {
        return;
    };
    let encoding = if selector % 2 == 0 {
        PositionEncoding::Utf16
    } else {
        PositionEncoding::Utf8
    };
    let count = (selector / 2) % 8;
    let mut edits = Vec::new();
    for _ in 0..count {
        let numbers: Vec<u32> = (0..5).map(|_| take_small(&mut rest)).collect();
        edits.push(numbers);
    }
    let text = String::from_utf8_lossy(rest).into_owned();
    check_conversions(&text, encoding);
    let mut document = Document::new(&text, 0);
    let mut model = text.clone();
    for numbers in edits {
        let inserted: String = text.chars().take(numbers[4] as usize % 16).collect();
        let range = (numbers[4] % 5 != 0).then(|| TextRange {
            start: TextPosition {
                line: numbers[0] % 8,
                character: numbers[1] % 24,
            },
            end: TextPosition {
                line: numbers[2] % 8,
                character: numbers[3] % 24,
            },
        });
        let edit = TextEdit {
            range,
            text: inserted,
        };
        document.apply(&edit, encoding);
        model = reference::apply(&model, &edit, encoding);
        assert_eq!(
            document.text(),
            model,
            "rope and string disagree after {edit:?}"
        );
    }
}

/// `LineIndex` agrees with the naive reference and never leaves a char boundary.
fn check_conversions(text: &str, encoding: PositionEncoding) {
    let index = LineIndex::new(text);
    for line in 0..(index.line_count() as u32 + 1) {
        for character in [0, 1, 2, 3, 5, 8, 1000] {
            let position = TextPosition { line, character };
            let offset = index.offset(text, position, encoding);
            assert_eq!(
                offset,
                reference::offset(text, position, encoding),
                "{position:?}"
            );
            let back = index.position(text, offset, encoding);
            assert_eq!(
                index.offset(text, back, encoding),
                offset,
                "round trip {position:?}"
            );
        }
    }
}
