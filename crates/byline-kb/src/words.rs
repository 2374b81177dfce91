//! Word splitting shared by the KB index and the analysis, so that a name is cut into
//! the same tokens wherever it appears.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The definition of a word, as a regex: a dotted acronym ("U.N.") or a run of letters,
/// marks and digits, joined by apostrophes and hyphens. [`words`] scans by hand with
/// the same meaning (a proptest holds the two equal).
#[cfg(test)]
const WORD_PATTERN: &str = r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*";

#[cfg(test)]
fn word_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(WORD_PATTERN).expect("word regex is valid"))
}

/// Whether `c` is a letter, mark or digit (`[\p{L}\p{M}\p{N}]`).
fn is_word_char(c: char) -> bool {
    static CLASS: OnceLock<Regex> = OnceLock::new();
    c.is_ascii_alphanumeric() || (!c.is_ascii() && in_class(c, &CLASS, r"\A[\p{L}\p{M}\p{N}]\z"))
}

/// Whether `c` is an uppercase letter (`\p{Lu}`).
fn is_upper_letter(c: char) -> bool {
    static CLASS: OnceLock<Regex> = OnceLock::new();
    c.is_ascii_uppercase() || (!c.is_ascii() && in_class(c, &CLASS, r"\A\p{Lu}\z"))
}

/// Whether `c` matches the one-character `pattern`, compiled once into `cell`. Only
/// for non-ASCII characters, which are rare in the text and have no cheaper test that
/// agrees with the regex's Unicode classes.
fn in_class(c: char, cell: &OnceLock<Regex>, pattern: &str) -> bool {
    cell.get_or_init(|| Regex::new(pattern).expect("class regex is valid"))
        .is_match(c.encode_utf8(&mut [0; 4]))
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

/// The end of a dotted acronym of two letters or more starting at `start`.
fn acronym_end(text: &str, start: usize) -> Option<usize> {
    let mut end = start;
    let mut letters = 0;
    let mut chars = text[start..].chars();
    while let (Some(letter), Some('.')) = (chars.next(), chars.next()) {
        if !is_upper_letter(letter) {
            break;
        }
        letters += 1;
        end += letter.len_utf8() + 1;
        chars = text[end..].chars();
    }
    (letters >= 2).then_some(end)
}

/// The end of the run of word characters joined by apostrophes and hyphens at `start`.
fn joined_word_end(text: &str, start: usize) -> usize {
    let run_end = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| from + i)
    };
    let mut end = run_end(start);
    loop {
        let mut after = text[end..].chars();
        match (after.next(), after.next()) {
            (Some(joiner), Some(next)) if is_joiner(joiner) && is_word_char(next) => {
                end = run_end(end + joiner.len_utf8());
            }
            _ => return end,
        }
    }
}

/// The words of `text` as byte ranges, before possessives and participles are cut:
/// the leftmost-first matches of the word pattern (`WORD_PATTERN` in the tests), found by a scan rather than the
/// regex engine (the word split runs on every byte of every story; the regex's
/// forward-and-reverse search was 7 % of an analysis).
fn raw_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut position = 0;
    std::iter::from_fn(move || {
        let (offset, _) = text[position..]
            .char_indices()
            .find(|&(_, c)| is_word_char(c))?;
        let start = position + offset;
        let end = acronym_end(text, start).unwrap_or_else(|| joined_word_end(text, start));
        position = end;
        Some(start..end)
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
    raw_words(text).map(move |range| {
        let word = &text[range.clone()];
        let trimmed = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(word);
        let trimmed = without_joined_participle(trimmed);
        range.start..range.start + trimmed.len()
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

    proptest::proptest! {
        /// The scanner finds exactly the regex's words.
        #[test]
        fn the_scan_splits_like_the_word_regex(
            text in "[a-zA-Z0-9 .,'’\\-‐éÉЖжاß\u{301}\u{1F600}\u{2163}\u{24B6}ǅ]{0,40}"
        ) {
            let scanned: Vec<Range<usize>> = raw_words(&text).collect();
            let matched: Vec<Range<usize>> = word_regex().find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(scanned, matched);
        }
    }

    #[test]
    fn non_latin_and_combining_marks_are_words() {
        assert_eq!(
            split("Валерий Герасимов, Zoë e\u{301}"),
            ["Валерий", "Герасимов", "Zoë", "e\u{301}"]
        );
    }
}
