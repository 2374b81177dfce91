//! Places of Arabic-script countries and Israel written in a romanisation the KB does
//! not list.
//!
//! GeoNames, the KB's source for towns, names the places of Syria, Iraq, Gaza, Lebanon
//! and Yemen in a scholarly romanisation ("Dayr al Balaḩ", "Tall ‘Afar", "Khān
//! Shaykhūn", "Bayt Ḩānūn"), and its alternate names seldom hold the spelling English
//! copy writes ("Deir al-Balah", "Tal Afar", "Khan Sheikhoun", "Beit Hanoun"). Before
//! this stage those names were unknown, most of them highlighted as persons. Romanisations
//! of one Arabic name differ where Arabic writes nothing or one letter many ways: short
//! vowels (unwritten), the diphthongs (ay, ai, ei, e), w and y as glides, doubled
//! consonants (a mark), a final h after a vowel (tā' marbūṭa), q for k, the article's
//! form (al, el, ash, an …), hyphens and marks. They agree on the other consonants, in
//! order. So a place is keyed by those consonants (`ConsonantKey`), and an unknown name
//! whose key is the key of a place of an Arabic-script country names that place. Hebrew
//! is written in consonants too: Israel's places are keyed alike (`writes_consonants`).
//!
//! The key is coarse, so, as for a person's name in another romanisation
//! (`linking::person_by_romanised_name`), the match is asked only of an unknown name in
//! a story that names the place's country, with no title before it, of two words or
//! more or where the sentence names a place ("in Hodeidah", `Reading::named_as_place`).
//! A name that opens on a given name ("Saad Khalid" is s-d kh-l-d, as is Algeria's Sidi
//! Khaled; "Tal", "Khan" and "Dier" are given names too) matches only a place whose
//! first word is written the same way ("Khan Sheikhoun", Khān Shaykhūn).
//!
//! The index of the KB's places by key is built on the first story that asks: reading
//! the category and country of every place of the KB costs about ten milliseconds,
//! which a story naming no such country never pays.

use rustc_hash::FxHashMap as HashMap;

use super::romanisation::{is_vowel, Script};
use byline_kb::normalize::fold;
use byline_kb::{Category, EntityId, Kb};

/// The Arabic article as romanisations write it when it stands as a word or before a
/// hyphen ("Jisr ash Shughūr", "Jisr al-Shughur"): no consonant of the name.
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "az", "ath", "ed", "en", "er", "es",
    "et", "ez",
];

/// A name as its romanisations agree on it: the consonants of each word not the
/// article, words apart ("Deir al-Balah" and "Dayr al Balaḩ": `dr bl`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConsonantKey {
    key: String,
    words: usize,
    consonants: usize,
    /// The name's first word, folded, article and all ("al" of "Al Ḩudaydah").
    first_word: String,
}

impl ConsonantKey {
    /// The key of `name`; `None` when it has no letter. Only ASCII letters count: the
    /// KB's names are folded to them (no diacritics), and the marks for ʿayn and hamza
    /// ("Ma‘arrat", "Ra’s") are no letter.
    pub fn of(name: &str) -> Option<ConsonantKey> {
        let folded = fold(name);
        let first_word = folded
            .split(|c: char| c.is_whitespace() || c == '-')
            .next()
            .unwrap_or_default()
            .to_string();
        let mut key = String::new();
        let (mut words, mut consonants) = (0, 0);
        for word in folded.split(|c: char| c.is_whitespace() || c == '-') {
            let letters: Vec<char> = word.chars().filter(char::is_ascii_lowercase).collect();
            let as_written: String = letters.iter().collect();
            if letters.is_empty() || ARTICLES.contains(&as_written.as_str()) {
                continue;
            }
            if words > 0 {
                key.push(' ');
            }
            words += 1;
            let last = letters.len() - 1;
            for (i, &c) in letters.iter().enumerate() {
                if i == 0 && is_vowel(c) {
                    // A word opening on a vowel ("Amir", "Ain", "‘Afar") keeps the
                    // fact, not the vowel: "Amir Kola" is no "Mark Lowe".
                    key.push('_');
                    continue;
                }
                // The tā' marbūṭa: "Qalqilya", "Qalqīlyah"; "Hodeidah", "Ḩudaydah".
                let silent_h = c == 'h' && i == last && i > 0 && is_vowel(letters[i - 1]);
                // w and y are glides inside a word ("Shaykh", "Sheikh"), consonants
                // opening one ("Warsan" is no "Ras al-Ain").
                let glide = i > 0 && (c == 'y' || c == 'w');
                // A doubled consonant is one ("Ma‘arrat", "Maarat"); the same
                // consonant on either side of a vowel is two ("Hodeidah", h-d-d).
                let doubled = i > 0 && letters[i - 1] == c;
                if silent_h || is_vowel(c) || glide || doubled {
                    continue;
                }
                key.push(if c == 'q' { 'k' } else { c });
                consonants += 1;
            }
        }
        (words > 0).then_some(ConsonantKey {
            key,
            words,
            consonants,
            first_word,
        })
    }
}

/// Whether `country` (ISO code) writes its place names in a script of consonants, whose
/// romanisations differ in the vowels: Arabic or Persian script, and Hebrew (Israel's
/// "Bet Shemesh" is "Beit Shemesh" in copy, "Qiryat Shemona" "Kiryat Shmona").
pub fn writes_consonants(country: &str) -> bool {
    Script::of(country) == Script::Arabic || country.eq_ignore_ascii_case("IL")
}

/// A place under one of its names' keys, with the first word of that name, folded.
struct KeyedPlace {
    id: EntityId,
    first_word: String,
}

/// The places of the countries that write consonants by the key of each of their names.
struct PlacesByConsonants(HashMap<String, Vec<KeyedPlace>>);

fn places_by_consonants(kb: &Kb) -> PlacesByConsonants {
    let mut places: HashMap<String, Vec<KeyedPlace>> = HashMap::default();
    // `scan_countries`, not `iter`: only these places are decoded, and only for the
    // scan, so the index does not keep the KB's entities in memory.
    kb.scan_countries(Category::Location, writes_consonants, |id, entity| {
        for form in entity.surface_forms() {
            let Some(key) = ConsonantKey::of(form) else {
                continue;
            };
            let first_word = key.first_word;
            let keyed = places.entry(key.key).or_default();
            if !keyed
                .iter()
                .any(|k| k.id == id && k.first_word == first_word)
            {
                keyed.push(KeyedPlace { id, first_word });
            }
        }
    });
    PlacesByConsonants(places)
}

/// How an unknown name stands in its sentence, for how much of a match it needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading<'a> {
    /// The name's first word when it is a KB given name, folded: then only places
    /// whose name opens on that word.
    pub given_name: Option<&'a str>,
    /// The words before it say a place is named ("in", "near", "the port of"): only
    /// then is a name of one word tried, a single Arabic word being as often a
    /// person's ("Khamanei" has the consonants of the Iranian town of Khomeyn).
    pub named_as_place: bool,
}

/// The places of a country the story names (`in_story`: only the countries that write
/// consonants are keyed) that `written`, an unknown name of three consonants or more, is another
/// romanisation of, in as many words.
pub fn places_written(
    kb: &Kb,
    written: &str,
    reading: Reading,
    in_story: impl Fn(&str) -> bool,
) -> Vec<EntityId> {
    let Some(key) = ConsonantKey::of(written)
        .filter(|k| k.consonants >= 3 && (k.words >= 2 || reading.named_as_place))
    else {
        return Vec::new();
    };
    let index = kb.derived(places_by_consonants);
    let Some(keyed) = index.0.get(&key.key) else {
        return Vec::new();
    };
    let mut found: Vec<EntityId> = keyed
        .iter()
        .filter(|place| {
            reading
                .given_name
                .is_none_or(|given| place.first_word == given)
        })
        .map(|place| place.id)
        .filter(|&id| in_story(&kb.entity(id).country))
        .collect();
    // A place is keyed once per first word of its names ("Deir …", "Dayr …").
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::place;
    use crate::testing::kb;

    fn same(a: &str, b: &str) -> bool {
        ConsonantKey::of(a).map(|k| k.key) == ConsonantKey::of(b).map(|k| k.key)
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_a_key_or_none(text in "\\PC{0,24}") {
            let _ = ConsonantKey::of(&text);
        }
    }

    #[test]
    fn a_word_that_is_one_h_is_no_panic() {
        // Regression: the silent-h rule read the letter before the word's first.
        assert_eq!(
            ConsonantKey::of("Tal h").map(|k| k.key),
            Some("tl h".to_string())
        );
    }

    #[test]
    fn romanisations_of_one_arabic_place_name_share_a_key() {
        for (news, geonames) in [
            ("Deir al-Balah", "Dayr al Balaḩ"),
            ("Tal Afar", "Tall ‘Afar"),
            ("Khan Sheikhoun", "Khān Shaykhūn"),
            ("Jisr al-Shughur", "Jisr ash Shughūr"),
            ("Maarat al-Numan", "Ma‘arrat an Nu‘mān"),
            ("Ras al-Ain", "Ra’s al ‘Ayn"),
            ("Tal Abyad", "Tall Abyaḑ"),
            ("Qalqilya", "Qalqīlyah"),
            ("Bint Jbeil", "Bint Jubayl"),
            ("Beit Hanoun", "Bayt Ḩānūn"),
        ] {
            assert!(same(news, geonames), "{news} ~ {geonames}");
        }
    }

    #[test]
    fn other_consonants_make_another_name() {
        for (a, b) in [
            ("Deir al-Balah", "Dayr Hafir"),
            ("Tal Afar", "Tall Abyad"),
            ("Beit Hanoun", "Beit Lahia"),
            // w and y opening a word are consonants.
            ("Ras al-Ain", "Warisan"),
            // Nor are vowels opening a word dropped.
            ("Mark Lowe", "Amīr Kolā"),
        ] {
            assert!(!same(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn an_unknown_name_finds_the_place_it_romanises_another_way() {
        let kb = kb(&[
            place("dayr-al-balah", "Dayr al Balaḩ", "city", "PS"),
            place("ras-al-ayn", "Ra’s al ‘Ayn", "city", "SY"),
            place("khan-shaykhun", "Khān Shaykhūn", "city", "SY"),
            place("sidi-khaled", "Sidi Khaled", "city", "DZ"),
            place("hudaydah", "Al Ḩudaydah", "city", "YE"),
            // Places of Latin-script countries have one spelling: no key.
            place("dere", "Dear Dale", "city", "FR"),
        ]);
        let id = |name: &str| kb.find_id(name).unwrap();
        let anywhere = |_: &str| true;
        let given = |word| Reading {
            given_name: Some(word),
            ..Reading::default()
        };
        assert_eq!(
            places_written(&kb, "Deir al-Balah", Reading::default(), anywhere),
            [id("dayr-al-balah")]
        );
        // Only in a story about the place's country.
        assert!(
            places_written(&kb, "Ras al-Ain", Reading::default(), |country| country
                == "DZ")
            .is_empty()
        );
        assert_eq!(
            places_written(&kb, "Ras al-Ain", Reading::default(), |country| country
                == "SY"),
            [id("ras-al-ayn")]
        );
        // A name opening on a given name: only a place whose name opens on that word.
        assert!(places_written(&kb, "Saad Khalid", given("saad"), anywhere).is_empty());
        assert_eq!(
            places_written(&kb, "Khan Sheikhoun", given("khan"), anywhere),
            [id("khan-shaykhun")]
        );
        // One word only where the sentence names a place ("in Hodeidah").
        assert!(places_written(&kb, "Hodeidah", Reading::default(), anywhere).is_empty());
        let as_place = Reading {
            named_as_place: true,
            ..Reading::default()
        };
        assert_eq!(
            places_written(&kb, "Hodeidah", as_place, anywhere),
            [id("hudaydah")]
        );
        assert!(places_written(&kb, "Deer Dal", as_place, anywhere).is_empty());
    }
}
