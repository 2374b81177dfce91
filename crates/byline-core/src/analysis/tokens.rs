//! Tokens of the prose, with the case and sentence facts the recognisers need.

use std::ops::Range;

use crate::prose::Prose;
use crate::text::words::words;
use byline_kb::normalize::{fold, is_all_caps, is_name_cased};

/// One word of prose.
#[derive(Debug, Clone)]
pub struct Token {
    pub span: Range<usize>,
    /// The matching key: folded (lowercase, no diacritics).
    pub folded: String,
    pub capitalized: bool,
    pub all_caps: bool,
    /// First word of a sentence or block: its capital says nothing about being a name.
    pub sentence_start: bool,
    /// Index of the block the token is in; names never cross blocks.
    pub block: usize,
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr", "gov", "sen",
    "rep", "st", "prof", "rev", "no", "vs", "jr", "sr", "mt", "ft", "brig", "cpl", "pvt", "hon",
    "spc", "pfc", "cdr",
];

/// Splits prose into tokens, block by block.
pub fn tokenize(prose: &Prose) -> Vec<Token> {
    let text = prose.masked.as_str();
    let mut tokens: Vec<Token> = Vec::new();
    for (block_index, block) in prose.blocks.iter().enumerate() {
        let block_text = &text[block.clone()];
        let mut previous_end: Option<usize> = None;
        for range in words(block_text) {
            let span = block.start + range.start..block.start + range.end;
            let word = &text[span.clone()];
            let sentence_start = match previous_end {
                None => true,
                Some(end) => ends_sentence(
                    &text[end..span.start],
                    tokens.last().map(|t| t.folded.as_str()),
                ),
            };
            tokens.push(Token {
                folded: fold(word),
                capitalized: is_name_cased(word),
                all_caps: is_all_caps(word),
                sentence_start,
                block: block_index,
                span,
            });
            previous_end = Some(tokens.last().map_or(0, |t| t.span.end));
        }
    }
    tokens
}

/// Whether the gap between two words ends a sentence.
fn ends_sentence(gap: &str, previous: Option<&str>) -> bool {
    let trimmed = gap.trim_start_matches(['"', '\'', '”', '’', ')', ']']);
    let Some(first) = trimmed.chars().next() else {
        return false;
    };
    match first {
        '!' | '?' => true,
        '.' => {
            let previous = previous.unwrap_or("");
            let is_initial = previous.chars().count() == 1;
            !(ABBREVIATIONS.contains(&previous) || is_initial || previous.ends_with('.'))
        }
        ':' | ';' => gap.contains('\n'),
        '\n' | '\r' => {
            // A line break after a line with no punctuation, inside a block, as in a
            // list or a dateline, starts a new sentence only after a blank-ish gap.
            gap.matches('\n').count() >= 2
        }
        _ => gap.contains(['“', '"']) && gap.contains(['.', '!', '?']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{extract, Format};

    fn starts(text: &str) -> Vec<(String, bool)> {
        let prose = extract(text, Format::PlainText);
        tokenize(&prose)
            .into_iter()
            .map(|t| (text[t.span].to_string(), t.sentence_start))
            .collect()
    }

    #[test]
    fn sentence_starts_follow_periods_but_not_abbreviations() {
        let found = starts("Gen. Valery Gerasimov spoke. Then he left.");
        let flagged: Vec<&str> = found
            .iter()
            .filter(|(_, s)| *s)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(flagged, ["Gen", "Then"]);
    }

    #[test]
    fn every_block_starts_a_sentence() {
        let found = starts("One two\n\nThree four");
        assert!(found[2].1);
        assert!(!found[1].1);
    }

    /// The words of `text` that start a sentence.
    fn sentence_starts(text: &str) -> Vec<String> {
        starts(text)
            .into_iter()
            .filter(|(_, s)| *s)
            .map(|(w, _)| w)
            .collect()
    }

    #[test]
    fn question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            sentence_starts("Who spoke? Putin did! Then he left"),
            ["Who", "Putin", "Then"]
        );
    }

    #[test]
    fn an_initials_period_does_not_end_a_sentence() {
        assert_eq!(
            sentence_starts("Officials said Stephen J. Townsend and Mr. Smith left."),
            ["Officials"]
        );
    }

    #[test]
    fn a_colon_or_semicolon_ends_a_sentence_only_before_a_line_break() {
        assert_eq!(
            sentence_starts("He said: Putin left; Shoigu stayed"),
            ["He"]
        );
        assert_eq!(sentence_starts("He said:\nPutin left"), ["He", "Putin"]);
    }

    #[test]
    fn a_single_line_break_inside_a_block_does_not_start_a_sentence() {
        assert_eq!(
            sentence_starts("MOSCOW\nRussian officials said"),
            ["MOSCOW"]
        );
    }

    #[test]
    fn a_quotation_closed_after_its_period_ends_the_sentence() {
        assert_eq!(
            sentence_starts("He said \"we go.\" Then he left."),
            ["He", "Then"]
        );
        assert_eq!(sentence_starts("\"We go,\" Lavrov said."), ["We"]);
    }

    #[test]
    fn tokens_carry_their_case_fold_and_block() {
        let text = "Erdoğan met NATO\n\nofficials and al-Abadi";
        let prose = extract(text, Format::PlainText);
        let tokens = tokenize(&prose);
        let facts: Vec<(&str, &str, bool, bool, usize)> = tokens
            .iter()
            .map(|t| {
                (
                    &text[t.span.clone()],
                    t.folded.as_str(),
                    t.capitalized,
                    t.all_caps,
                    t.block,
                )
            })
            .collect();
        assert_eq!(
            facts,
            [
                ("Erdoğan", "erdogan", true, false, 0),
                ("met", "met", false, false, 0),
                ("NATO", "nato", true, true, 0),
                ("officials", "officials", false, false, 1),
                ("and", "and", false, false, 1),
                ("al-Abadi", "al-abadi", true, false, 1),
            ]
        );
        assert!(tokens[3].sentence_start, "a block starts a sentence");
    }

    #[test]
    fn an_abbreviated_title_stays_with_the_name_it_stands_before() {
        use crate::testing::entities::GERASIMOV;
        let kb = crate::testing::kb(&[GERASIMOV]);
        let text = "Officials said Gen. Gerasimov left.";
        let analysis = crate::analysis::analyze(text, &kb, &Default::default());
        let mention = &analysis.mentions[0];
        assert_eq!(&text[mention.span.clone()], "Gerasimov");
        assert_eq!(mention.title.clone().map(|t| &text[t]), Some("Gen"));
        assert_eq!(mention.entity, kb.find_id("gerasimov"));
    }
}
