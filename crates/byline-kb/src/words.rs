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

/// Participles news joins to a name with a hyphen: "ISIL-held", "U.S.-led",
/// "Kremlin-backed". The name is the word; the participle is not part of it. No KB name
/// ends in one of these.
const JOINED_PARTICIPLES: &[&str] = &[
    "held",
    "led",
    "backed",
    "based",
    "controlled",
    "linked",
    "allied",
    "aligned",
    "owned",
    "run",
    "funded",
    "sponsored",
    "affiliated",
    "brokered",
    "made",
    "built",
    "supported",
    "occupied",
    "dominated",
    "armed",
    "trained",
    "friendly",
    "born",
    "style",
    "era",
];

/// The words of `text` as byte ranges, with a trailing possessive ('s, ’s) and a
/// hyphen-joined participle (-led, -backed) left out of the word, so "Moscow's" yields
/// "Moscow" and "ISIL-held" yields "ISIL".
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    word_regex().find_iter(text).map(move |m| {
        let word = m.as_str();
        let trimmed = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(word);
        let trimmed = without_joined_participle(trimmed);
        m.start()..m.start() + trimmed.len()
    })
}

fn without_joined_participle(word: &str) -> &str {
    let Some(hyphen) = word.rfind(['-', '‐']) else {
        return word;
    };
    let (head, tail) = word.split_at(hyphen);
    let tail = &tail[tail.chars().next().map_or(0, char::len_utf8)..];
    let capitalised_head = head.chars().next().is_some_and(char::is_uppercase);
    if capitalised_head && JOINED_PARTICIPLES.contains(&tail) {
        head
    } else {
        word
    }
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
    fn a_hyphen_joined_participle_is_left_out_of_the_name() {
        assert_eq!(
            split("ISIL-held towns, U.S.-led forces, a Kremlin-backed party"),
            ["ISIL", "towns", "U.S.", "led", "forces", "a", "Kremlin", "party"]
        );
        // Lowercase words and names that merely contain a hyphen stay whole.
        assert_eq!(
            split("state-run media, Guinea-Bissau, al-Assad"),
            ["state-run", "media", "Guinea-Bissau", "al-Assad"]
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
