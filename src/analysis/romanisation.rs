//! Which spellings of a name are romanisations of it rather than slips: that depends on
//! the script the name is written in at home. Shared by linking (a lone word joins a
//! person named in full only as a romanisation of their surname) and the
//! `misspelled-name` check (a romanisation is never a finding).

use crate::kb::normalize::transliteration_key;

/// Countries whose names come from Arabic or Persian script, where short vowels go
/// unwritten and doubled consonants are optional marks: Mohammed, Muhammad and
/// Mohamed are one name. Elsewhere a changed vowel or a doubled letter is a slip.
const ARABIC_SCRIPT_COUNTRIES: &[&str] = &[
    "AE", "AF", "BH", "DZ", "EG", "EH", "IQ", "IR", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PK",
    "PS", "QA", "SA", "SD", "SY", "TN", "YE",
];

/// A narrower key than `transliteration_key`: Cyrillic romanised, the Arabic article
/// dropped, and only the alternations romanisation systems really differ on (y/i/j
/// for й, kh/h, ou/u, ph/f, w/v, ck/k); vowels and doubled letters stay.
fn romanisation_key(folded: &str) -> String {
    let mut text = crate::kb::normalize::romanize_cyrillic(folded);
    for prefix in ["al-", "el-", "al ", "el "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_string();
            break;
        }
    }
    for (from, to) in [
        ("yy", "y"),
        ("iy", "y"),
        ("ii", "y"),
        ("kh", "h"),
        ("ou", "u"),
        ("ph", "f"),
        ("ck", "k"),
        ("w", "v"),
        ("j", "y"),
        ("y", "i"),
        ("-", ""),
        ("'", ""),
        (" ", ""),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// Countries whose names are written in Latin letters: a name from there has one
/// spelling, and any other is a slip (Kerri for Kerry, Blynken for Blinken).
const LATIN_SCRIPT_COUNTRIES: &[&str] = &[
    "AD", "AG", "AO", "AR", "AT", "AU", "BB", "BE", "BF", "BI", "BJ", "BO", "BR", "BS", "BW", "BZ",
    "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM", "CO", "CR", "CU", "CV", "CZ", "DE", "DK", "DM",
    "DO", "EC", "EE", "ES", "FI", "FJ", "FR", "GA", "GB", "GD", "GH", "GM", "GN", "GQ", "GT", "GW",
    "GY", "HN", "HR", "HT", "HU", "ID", "IE", "IS", "IT", "JM", "KE", "KN", "LC", "LI", "LR", "LS",
    "LT", "LU", "LV", "MC", "MG", "ML", "MT", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL",
    "NO", "NZ", "PA", "PE", "PG", "PH", "PL", "PT", "PY", "RO", "RW", "SB", "SE", "SI", "SK", "SL",
    "SM", "SN", "SR", "ST", "SV", "SZ", "TD", "TG", "TL", "TO", "TT", "TV", "TZ", "UG", "US", "UY",
    "VC", "VE", "VU", "WS", "ZA", "ZM", "ZW",
];

/// The script a country's names are written in, for what counts as another
/// romanisation of a name from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Arabic or Persian: vowels and doubled consonants vary (`transliteration_key`).
    Arabic,
    /// Latin: one spelling; any other is a slip.
    Latin,
    /// Another script (Cyrillic, Hangul, Han …): the alternations of
    /// `romanisation_key`.
    Other,
}

impl Script {
    /// The script of names from `country` (ISO code; unknown countries are `Other`).
    pub fn of(country: &str) -> Script {
        let country = country.to_ascii_uppercase();
        if ARABIC_SCRIPT_COUNTRIES.contains(&country.as_str()) {
            Script::Arabic
        } else if LATIN_SCRIPT_COUNTRIES.contains(&country.as_str()) {
            Script::Latin
        } else {
            Script::Other
        }
    }

    /// The key under which the romanisations of one name in this script collide, for a
    /// folded word; `None` for Latin script, where a name has one spelling.
    pub fn key(self, folded: &str) -> Option<String> {
        match self {
            Script::Arabic => Some(transliteration_key(folded)),
            Script::Latin => None,
            Script::Other => Some(romanisation_key(folded)),
        }
    }
}

/// Whether `written` is another romanisation of the KB word `kb_word` of a name from
/// `country` (ISO code) rather than a slip.
pub fn is_romanisation(written: &str, kb_word: &str, country: &str) -> bool {
    let script = Script::of(country);
    script
        .key(written)
        .is_some_and(|key| Some(key) == script.key(kb_word))
}
