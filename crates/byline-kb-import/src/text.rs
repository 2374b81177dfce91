//! Small text helpers shared by the importers: dates at the precision a source gives,
//! scripts, slugs, and cleaning of names as sources write them.

use byline_kb::normalize::fold;
use byline_kb::PartialDate;

/// A date as the KB stores it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or `None` when the
/// source value is anything else ("2014s", "", a timestamp): an empty field beats a
/// wrong one.
pub fn date(text: &str) -> Option<String> {
    let text = text.trim();
    if !matches!(text.len(), 4 | 7 | 10) {
        return None;
    }
    let parsed = PartialDate::parse(text)?;
    (parsed.to_string() == text).then(|| text.to_string())
}

/// A Wikidata date cut to the precision the source states: 9 = year, 10 = month,
/// 11 = day. Lower precisions (decade, century) and unknown codes give `None`, and so
/// does a value shorter than its precision claims.
pub fn date_with_precision(text: &str, precision: &str) -> Option<String> {
    let full = text.trim();
    let keep = match precision.trim() {
        "9" => 4,
        "10" => 7,
        "11" => 10,
        _ => return None,
    };
    if full.len() < keep {
        return None;
    }
    date(&full[..keep])
}

/// The later of two KB dates by their earliest day (for "is this end in the future").
pub fn date_after(a: &str, b: &str) -> bool {
    match (PartialDate::parse(a), PartialDate::parse(b)) {
        (Some(a), Some(b)) => a.earliest() > b.latest(),
        _ => false,
    }
}

/// Sort key of a KB date: its earliest day, 0 when absent.
pub fn date_key(text: &str) -> u32 {
    PartialDate::parse(text).map_or(0, |d| d.earliest())
}

/// True when every letter of `text` is Latin (ASCII, Latin-1, Latin Extended A/B and
/// Additional), so that a name can be read by an English-language desk.
pub fn is_latin(text: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .all(is_latin_letter)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{0250}'..='\u{02AF}').contains(&c)
}

/// Number of letters in `text`.
pub fn letter_count(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// A lowercase ASCII slug: folded, runs of anything but letters and digits made one
/// hyphen. Empty when nothing Latin is left.
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Collapses runs of whitespace into single spaces and trims.
pub fn squash_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops a trailing disambiguator in parentheses, as Wikipedia titles carry them:
/// "João Lourenço (politician)" → "João Lourenço".
pub fn strip_disambiguator(name: &str) -> String {
    let name = name.trim();
    if name.ends_with(')') {
        if let Some(open) = name.rfind(" (") {
            return name[..open].trim().to_string();
        }
    }
    name.to_string()
}

/// True when `text` is a bare Wikidata item id, which sources print when an item has
/// no label.
pub fn is_qid(text: &str) -> bool {
    text.len() > 1 && text.starts_with('Q') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Words that stand before a name in official lists but are not part of it.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "judge",
    "sr",
    "sra",
    "shri",
    "smt",
    "ir",
    "h",
    "hj",
    "hon",
    "honourable",
    "honorable",
    "excellency",
    "rt",
    "sheikh",
    "sheikha",
    "eng",
    "engr",
    "brigadier",
    "general",
    "gen",
    "major",
    "colonel",
    "col",
    "admiral",
    "lieutenant",
    "lt",
    "sir",
    "dame",
    "the",
];

/// Removes leading honorifics ("Mr", "Dr.", "Shri", "Brigadier General") from a name
/// as an official site prints it.
pub fn strip_honorifics(name: &str) -> String {
    let mut rest = name.trim();
    while let Some((first, tail)) = split_first_word(rest) {
        let key = fold(first.trim_end_matches('.'));
        if HONORIFICS.contains(&key.as_str()) && !tail.trim().is_empty() {
            rest = tail.trim_start();
        } else {
            break;
        }
    }
    rest.to_string()
}

/// The first word (up to a space or a dot that glues the next word on: "Dr.Ali").
fn split_first_word(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find([' ', '.'])
        .map(|i| if text.as_bytes()[i] == b'.' { i + 1 } else { i })?;
    Some((&text[..end], &text[end..]))
}

/// Roman numerals of regnal names ("Mohammed VI"), kept in capitals.
fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Rewrites words written in capitals (a surname convention: "Ajilon NASIU",
/// "al-OTHMANI") in title case, keeping particles before a hyphen or apostrophe and
/// regnal numerals: "al-Othmani", "Mohammed VI", "McConnell".
pub fn title_case_capitals(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            if is_roman_numeral(word) {
                return word.to_string();
            }
            let mut out = String::with_capacity(word.len());
            let mut part = String::new();
            // After an apostrophe a new capital follows only a one-letter prefix
            // (O'BRIEN → O'Brien); otherwise the word goes on (MEKAM'NE → Mekam'ne).
            let mut after_apostrophe_of_word = false;
            for c in word.chars() {
                if matches!(c, '-' | '\'' | '’') {
                    out.push_str(&recase_part(&part, after_apostrophe_of_word));
                    after_apostrophe_of_word =
                        c != '-' && part.chars().filter(|c| c.is_alphabetic()).count() > 1;
                    part.clear();
                    out.push(c);
                } else {
                    part.push(c);
                }
            }
            out.push_str(&recase_part(&part, after_apostrophe_of_word));
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One hyphen- or apostrophe-separated part: title case when it is written in capitals
/// (two letters or more), with the Mc/Mac prefix kept ("McCONNELL" → "McConnell").
fn title_case_part(part: &str) -> String {
    let all_caps = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
    };
    for prefix in ["Mc", "Mac"] {
        if let Some(rest) = part.strip_prefix(prefix) {
            if all_caps(rest) {
                return format!("{prefix}{}", capitalize(rest));
            }
        }
    }
    // Initials stay in capitals: "D.M." is not "D.m.".
    let initials = part.contains('.') && part.chars().all(|c| c == '.' || c.is_uppercase());
    if all_caps(part) && !initials {
        capitalize(part)
    } else {
        part.to_string()
    }
}

/// A part in title case, or all lower case when it continues a word after an apostrophe.
fn recase_part(part: &str, continues_word: bool) -> String {
    let recased = title_case_part(part);
    if continues_word && recased != part {
        recased.to_lowercase()
    } else {
        recased
    }
}

/// First letter upper case, the rest lower case.
fn capitalize(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub use byline_kb::lexicon::is_common_word;

/// Romanises Russian Cyrillic (and the Ukrainian and Belarusian letters) roughly the
/// way English-language media spell place names (Москва → Moskva, Киев → Kiev, with ё
/// as "yo": Орёл → Oryol), to recognise which Latin variant of a city name is its
/// transliteration. `None` when `text` is not Cyrillic or has letters outside the table.
pub fn romanize_cyrillic(text: &str) -> Option<String> {
    if !text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.to_lowercase().chars() {
        match c {
            'ё' => out.push_str("yo"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(byline_kb::normalize::cyrillic_in_latin(c)?),
        }
    }
    Some(out)
}

/// The number with thousands separators: 7153309 → "7,153,309".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_only_well_formed_values() {
        assert_eq!(date("2016-06-28").as_deref(), Some("2016-06-28"));
        assert_eq!(date("1960-06").as_deref(), Some("1960-06"));
        assert_eq!(date("2014"), Some("2014".into()));
        assert_eq!(date("2014s"), None);
        assert_eq!(date("2012-11-09T00:00:00Z"), None);
        assert_eq!(date("2019-13-01"), None);
        assert_eq!(date(""), None);
    }

    #[test]
    fn dates_are_cut_to_their_stated_precision() {
        assert_eq!(
            date_with_precision("1960-05-02", "9").as_deref(),
            Some("1960")
        );
        assert_eq!(
            date_with_precision("1981-04-20", "10").as_deref(),
            Some("1981-04")
        );
        assert_eq!(
            date_with_precision("1950-09-19", "11").as_deref(),
            Some("1950-09-19")
        );
        assert_eq!(
            date_with_precision("1946-03", "10").as_deref(),
            Some("1946-03")
        );
        // A decade or century is too vague to state, and a value shorter than its claim is wrong.
        assert_eq!(date_with_precision("1950", "8"), None);
        assert_eq!(date_with_precision("", "7"), None);
        assert_eq!(date_with_precision("1946", "11"), None);
    }

    #[test]
    fn capitals_become_title_case_but_numerals_and_particles_stay() {
        assert_eq!(title_case_capitals("Ajilon NASIU"), "Ajilon Nasiu");
        assert_eq!(
            title_case_capitals("Saad Eddine al-OTHMANI"),
            "Saad Eddine al-Othmani"
        );
        assert_eq!(title_case_capitals("MOHAMMED VI"), "Mohammed VI");
        assert_eq!(
            title_case_capitals("Denis SASSOU-Nguesso"),
            "Denis Sassou-Nguesso"
        );
        assert_eq!(title_case_capitals("Mitch McCONNELL"), "Mitch McConnell");
        assert_eq!(title_case_capitals("Hugo DE JONGE"), "Hugo De Jonge");
        assert_eq!(title_case_capitals("Denise MEKAM'NE"), "Denise Mekam'ne");
        assert_eq!(title_case_capitals("Conor O'BRIEN"), "Conor O'Brien");
        assert_eq!(title_case_capitals("D.M. SWAMINATHAN"), "D.M. Swaminathan");
    }

    #[test]
    fn honorifics_are_stripped_from_official_names() {
        assert_eq!(strip_honorifics("Shri Raj Nath Singh"), "Raj Nath Singh");
        assert_eq!(
            strip_honorifics("Dr.Ali Fahad Al-Mudaf"),
            "Ali Fahad Al-Mudaf"
        );
        assert_eq!(
            strip_honorifics("Brigadier General Dr Mohammad Reza Ashtiani"),
            "Mohammad Reza Ashtiani"
        );
        assert_eq!(strip_honorifics("Mr K Shanmugam"), "K Shanmugam");
        assert_eq!(strip_honorifics("Generalov"), "Generalov");
        // Names that begin like a title keep it: He Lifeng, Justice Malala.
        assert_eq!(strip_honorifics("He Lifeng"), "He Lifeng");
        assert_eq!(strip_honorifics("Justice Malala"), "Justice Malala");
    }

    #[test]
    fn slugs_and_scripts() {
        assert_eq!(
            slug("National Security Agency (Bahrain)"),
            "national-security-agency-bahrain"
        );
        assert_eq!(slug("Služba  — x"), "sluzba-x");
        assert!(is_latin("Thượng Hải"));
        assert!(!is_latin("Москва"));
        assert_eq!(romanize_cyrillic("Москва").as_deref(), Some("moskva"));
        assert_eq!(romanize_cyrillic("Киев").as_deref(), Some("kiev"));
        assert_eq!(romanize_cyrillic("Moscow"), None);
        assert_eq!(thousands(7_153_309), "7,153,309");
        assert_eq!(thousands(999), "999");
    }
}
