//! Test oracles and helpers, compiled only for tests and fuzzers (`cfg(test)` or the
//! `testing` feature), never into the binary users run: a small KB of the shared test
//! [`entities`], written in the KB's TOML format, so each rule's tests sit beside it with
//! just the entities they need, and the naive position and edit model the rope and line
//! index are checked against.

use proptest::prelude::*;

use crate::analysis::{analyze, AnalysisOptions, Code};
use crate::prose::Format;
use crate::text::document::{TextEdit, TextRange};
use crate::text::TextPosition;
use byline_kb::{Kb, KbBuilder, PartialDate};

pub mod entities;

/// A small KB of `entities` ([`entities::GERASIMOV`], [`entities::person`], …), read
/// from their TOML as a house KB is.
pub fn kb(entities: &[entities::Entity]) -> Kb {
    kb_from_toml(&entities::toml(entities))
}

/// A small KB from TOML in the KB format (`docs/kb-format.md`), read by the loader a
/// house KB goes through, so a rule's tests name just the entities they need and never
/// wait for the default KB. Panics with the loader's file:line:column message when the
/// TOML is not a valid KB.
pub fn kb_from_toml(toml: &str) -> Kb {
    let entities = byline_kb::load::parse_toml("test.toml", toml).unwrap_or_else(|e| panic!("{e}"));
    let mut builder = KbBuilder::new();
    builder.add("test.toml", entities);
    builder.build()
}

/// The findings of plain `text` analysed against `kb`, in text order, each as
/// "code: written text" ("misspelled-name: Gerasimovis").
pub fn findings(text: &str, kb: &Kb) -> Vec<String> {
    findings_with(text, kb, &AnalysisOptions::default())
}

/// [`findings`] for a story dated `date` (YYYY, YYYY-MM or YYYY-MM-DD), which the title
/// checks read.
pub fn findings_on(date: &str, text: &str, kb: &Kb) -> Vec<String> {
    findings_with(text, kb, &dated(date))
}

/// The default options for a story dated `date` (YYYY, YYYY-MM or YYYY-MM-DD).
pub fn dated(date: &str) -> AnalysisOptions {
    AnalysisOptions {
        story_date: Some(PartialDate::parse(date).expect("a KB date")),
        ..AnalysisOptions::default()
    }
}

/// The default options for a story in `format`.
pub fn in_format(format: Format) -> AnalysisOptions {
    AnalysisOptions {
        format: Some(format),
        ..AnalysisOptions::default()
    }
}

/// [`findings`] under any options (format, date, check settings).
pub fn findings_with(text: &str, kb: &Kb, options: &AnalysisOptions) -> Vec<String> {
    analyze(text, kb, options)
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), &text[d.span.clone()]))
        .collect()
}

/// The findings of one `code` in plain `text`, in text order, each as "written text →
/// suggestions" ("Gerasimovis → Gerasimov").
pub fn suggestions(code: Code, text: &str, kb: &Kb) -> Vec<String> {
    analyze(text, kb, &AnalysisOptions::default())
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{} → {}", &text[d.span.clone()], d.suggestions.join(", ")))
        .collect()
}

/// The mentions of plain `text` analysed against `kb`, in text order, each as
/// "written text = KB id" for a linked one, else "written text: category" ("Valery
/// Gerasimov = gerasimov", "Abu Karim: person").
pub fn mentions(text: &str, kb: &Kb) -> Vec<String> {
    mentions_with(text, kb, &AnalysisOptions::default())
}

/// [`mentions`] with unknown names typed by the cue rules alone: for tests of what
/// follows typing (weak mentions, linking) that the typer's answer on a small test KB,
/// without the default KB's name words, is not the subject of.
pub fn mentions_typed_by_rules(text: &str, kb: &Kb) -> Vec<String> {
    let options = AnalysisOptions {
        typing: crate::analysis::mentions::Typing::Rules,
        ..AnalysisOptions::default()
    };
    mentions_with(text, kb, &options)
}

fn mentions_with(text: &str, kb: &Kb, options: &AnalysisOptions) -> Vec<String> {
    let analysis = analyze(text, kb, options);
    analysis
        .mentions
        .iter()
        .map(|m| {
            let written = &text[m.span.clone()];
            match m.entity {
                Some(id) => format!("{written} = {}", kb.entity(id).id),
                None => format!("{written}: {}", m.category.as_str()),
            }
        })
        .collect()
}

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
