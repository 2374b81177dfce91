//! Word splitting shared by the KB index and the analysis, so that a name is cut into
//! the same tokens wherever it appears.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

fn word_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| {
        Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*")
            .expect("word regex is valid")
    })
}

/// The words of `text` as byte ranges, with a trailing possessive ('s, ’s) left out of
/// the word so "Moscow's" yields "Moscow".
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    word_regex().find_iter(text).map(move |m| {
        let word = m.as_str();
        let trimmed = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(word);
        m.start()..m.start() + trimmed.len()
    })
}

/// The words of `text` as string slices.
pub fn word_strs(text: &str) -> impl Iterator<Item = &str> + '_ {
    words(text).map(move |r| &text[r])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        word_strs(text).collect()
    }

    #[test]
    fn possessive_is_left_out_of_the_word() {
        assert_eq!(
            split("Moscow's help, Iran’s army"),
            ["Moscow", "help", "Iran", "army"]
        );
    }

    #[test]
    fn hyphens_apostrophes_and_dotted_acronyms_stay_inside_words() {
        assert_eq!(
            split("Russia-24 and al-Assad's U.N. O'Brien"),
            ["Russia-24", "and", "al-Assad", "U.N.", "O'Brien"]
        );
    }

    #[test]
    fn non_latin_and_combining_marks_are_words() {
        assert_eq!(
            split("Валерий Герасимов, Zoë e\u{301}"),
            ["Валерий", "Герасимов", "Zoë", "e\u{301}"]
        );
    }
}
