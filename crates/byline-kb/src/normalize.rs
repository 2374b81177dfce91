//! Folding of names for matching: case, diacritics, apostrophes and dashes.
//!
//! Matching must treat "Erdoğan" and "Erdogan", "O’Brien" and "O'Brien" as one form,
//! while every span we report still points at the original text. Folding is done per
//! token, so the caller keeps the token's original byte span.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds one token (or a whole name) to its matching key: lowercase, no diacritics,
/// typographic apostrophes and dashes made ASCII.
pub fn fold(text: &str) -> String {
    // Most tokens of English news are ASCII: lowercase is all folding does to them (the
    // backtick, an apostrophe stand-in, excepted). Folding is the analysis's top cost.
    if text.is_ascii() && !text.contains('`') {
        return text.to_ascii_lowercase();
    }
    fold_unicode(text)
}

/// Whether `text` folds to `folded` (itself a fold), without building the fold for
/// ASCII text: the test runs over every word of every spelling an entity records (a
/// country has hundreds), and most are ASCII and of another length.
pub fn folds_to(text: &str, folded: &str) -> bool {
    if text.is_ascii() && !text.contains('`') {
        return text.eq_ignore_ascii_case(folded);
    }
    fold(text) == folded
}

/// `fold` for any text: decomposes, drops Latin diacritics, maps special letters.
fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_latin = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            // Latin diacritics go (Erdoğan = Erdogan); in other scripts a mark can make
            // a different letter (Cyrillic й is not и), so it stays.
            if !after_latin {
                out.push(c);
            }
            continue;
        }
        after_latin = c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c);
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' | 'ʻ' => out.push('\''),
            '‐' | '‑' | '‒' | '–' | '—' => out.push('-'),
            'ø' | 'Ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// True when the token starts with an uppercase letter (or is a non-cased script such
/// as Arabic, which has no capitals and so cannot be excluded by case).
pub fn is_capitalized(token: &str) -> bool {
    match token.chars().next() {
        Some(c) => c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()),
        None => false,
    }
}

/// Lowercase particles that open a capitalised name part: "al-Abadi", "el-Sisi",
/// "d'Estaing", "bin-Salman".
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ath", "bin", "ibn", "d", "l",
];

/// True when `token` is written as a name is: capitalised ("Bagheri"), or a lowercase
/// particle joined to a capitalised part ("al-Abadi", "d'Estaing").
pub fn is_name_cased(token: &str) -> bool {
    if is_capitalized(token) {
        return true;
    }
    let Some(split) = token.find(['-', '\'', '’', '‐']) else {
        return false;
    };
    let particle = &token[..split];
    let rest = token[split..].trim_start_matches(['-', '\'', '’', '‐']);
    NAME_PARTICLES.contains(&particle) && is_capitalized(rest)
}

/// True when every cased letter is uppercase and there are at least two letters
/// ("NATO", "TEHRAN").
pub fn is_all_caps(token: &str) -> bool {
    let mut letters = 0;
    for c in token.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Romanises Cyrillic letters (a simplified BGN/PCGN table) so "Шойгу" and "Shoigu"
/// can meet in `transliteration_key`. Other characters pass through.
pub fn romanize_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match cyrillic_in_latin(c) {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// One lowercase Cyrillic letter (Russian, with the Ukrainian and Belarusian letters) in
/// Latin letters, by a simplified BGN/PCGN table (ё is "e", as names are usually
/// written in English); `None` for any other character. The one table behind every
/// romanisation of Cyrillic in Byline.
pub fn cyrillic_in_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

/// Arabic article prefixes that romanisations keep or drop (al-Assad, Assad).
const ARTICLE_PREFIXES: &[&str] = &[
    "al-", "el-", "al ", "el ", "as-", "ash-", "ad-", "ar-", "az-", "an-", "at-",
];

/// A folded name without a leading Arabic article and its hyphen or space ("al-assad"
/// → "assad"), for keys under which romanisations collide.
pub fn without_article_prefix(folded: &str) -> &str {
    ARTICLE_PREFIXES
        .iter()
        .find_map(|prefix| folded.strip_prefix(prefix))
        .unwrap_or(folded)
}

/// Arabic articles as romanised names write them, the sun-letter forms included.
const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "az"];

/// `text` without a leading Arabic article joined by a hyphen or a space, when a
/// capitalised word of three letters or more follows: "al-Assad" → "Assad", "Ar Raqqah"
/// → "Raqqah". News drops the article after a first mention, and often at the first.
pub fn without_arabic_article(text: &str) -> Option<&str> {
    ARABIC_ARTICLES.iter().find_map(|article| {
        let head = text.get(..article.len())?;
        let rest = text[article.len()..].strip_prefix(['-', ' '])?;
        let capitalised = rest.chars().next().is_some_and(char::is_uppercase);
        (head.eq_ignore_ascii_case(article) && capitalised && rest.chars().count() >= 3)
            .then_some(rest)
    })
}

/// The letters romanisations of one Arabic, Persian or Cyrillic name trade, each
/// written one way, in order: ou/u, kh/k, gh/g, dh/d, th/t, ph/f; q, c, g as k; ee, ey,
/// ei, ai, iy, y as i; w as v, z as s, e as i, o as u.
const ROMANISATION_ALTERNATIONS: &[(&str, &str)] = &[
    ("ou", "u"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
    ("ee", "i"),
    ("ey", "i"),
    ("ei", "i"),
    ("ai", "i"),
    ("iy", "i"),
    ("y", "i"),
    ("w", "v"),
    ("z", "s"),
    ("e", "i"),
    ("o", "u"),
];

/// `text` with [`ROMANISATION_ALTERNATIONS`] applied: the shared core of the keys under
/// which romanisations of one name collide.
pub fn with_romanisation_alternations(mut text: String) -> String {
    for (from, to) in ROMANISATION_ALTERNATIONS {
        text = text.replace(from, to);
    }
    text
}

/// A coarse key under which common romanisations of one name collide: Mansouri and
/// Mansuri, Mohammed and Mohamed, Qaddafi, Gaddafi and Kadhafi, Shoigu, Shoygu and
/// Шойгу, al-Assad and Assad, Bagheri and Baqeri. Used to decide that two spellings are
/// accepted variants of one name, never to display them.
pub fn transliteration_key(folded: &str) -> String {
    let text = without_article_prefix(&romanize_cyrillic(folded)).to_string();
    let mut text = with_romanisation_alternations(text);
    for (from, to) in [("j", "i"), ("h", ""), ("-", ""), ("'", ""), (" ", "")] {
        text = text.replace(from, to);
    }
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if key.ends_with(c) {
            continue; // double letters: Mohammed ~ Mohamed, Gaddafi ~ Gadafi
        }
        key.push(c);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_folds_like_the_full_fold(text in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(fold(&text), fold_unicode(&text));
        }
    }

    #[test]
    fn an_arabic_article_comes_off_before_a_capitalised_word() {
        assert_eq!(without_arabic_article("al-Assad"), Some("Assad"));
        assert_eq!(without_arabic_article("Ar Raqqah"), Some("Raqqah"));
        assert_eq!(without_arabic_article("ash-Sharaa"), Some("Sharaa"));
        assert_eq!(without_arabic_article("Alden"), None);
        assert_eq!(without_arabic_article("al-qaeda"), None);
        assert_eq!(without_arabic_article("As Is"), None);
    }

    #[test]
    fn fold_removes_diacritics_and_case() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Støre"), "store");
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("O’Brien"), "o'brien");
        assert_eq!(fold("Шойгу"), "шойгу");
    }

    #[test]
    fn folds_to_answers_as_comparing_the_fold_does() {
        let words = [
            "Erdoğan",
            "erdogan",
            "ERDOGAN",
            "O’Brien",
            "O`Brien",
            "o'brien",
        ];
        let folded = ["erdogan", "o'brien", "erdoğan", "obrien"];
        for word in words {
            for f in folded {
                assert_eq!(folds_to(word, f), fold(word) == f, "{word} / {f}");
            }
        }
    }

    #[test]
    fn transliteration_key_joins_common_romanisations() {
        assert_eq!(transliteration_key("shoigu"), transliteration_key("shoygu"));
        assert_eq!(
            transliteration_key("mansouri"),
            transliteration_key("mansuri")
        );
        assert_eq!(
            transliteration_key("mohammed"),
            transliteration_key("mohamed")
        );
        assert_ne!(
            transliteration_key("gerasimov"),
            transliteration_key("gerasimovis")
        );
        assert_eq!(
            transliteration_key("gaddafi"),
            transliteration_key("qaddafi")
        );
        assert_eq!(
            transliteration_key("kadhafi"),
            transliteration_key("gaddafi")
        );
        assert_eq!(
            transliteration_key("al-assad"),
            transliteration_key("assad")
        );
        assert_eq!(
            transliteration_key("bagheri"),
            transliteration_key("baqeri")
        );
        assert_eq!(
            transliteration_key(&fold("Шойгу")),
            transliteration_key("shoigu")
        );
        assert_eq!(
            transliteration_key(&fold("Герасимов")),
            transliteration_key("gerasimov")
        );
        assert_eq!(
            transliteration_key("zelensky"),
            transliteration_key("zelenskyy")
        );
    }

    #[test]
    fn capitalisation_of_scripts_without_case_counts_as_capitalised() {
        assert!(is_capitalized("Bagheri"));
        assert!(!is_capitalized("bagheri"));
        assert!(is_capitalized("تهران"));
        assert!(is_name_cased("al-Abadi"));
        assert!(is_name_cased("d’Estaing"));
        assert!(!is_name_cased("well-known"));
        assert!(!is_name_cased("al-qaeda"));
        assert!(is_all_caps("NATO"));
        assert!(!is_all_caps("Nato"));
        assert!(!is_all_caps("A"));
    }
}
