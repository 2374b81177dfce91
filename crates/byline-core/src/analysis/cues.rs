//! Words that type a capitalised name the KB does not know: titles before a person,
//! organisation words inside a name, place words before a place.

use crate::text::word_list::WordList;

/// Titles and ranks that stand before a person's name. Folded, single words.
pub static PERSON_TITLES: WordList =
    WordList::new(include_str!("../../data/words/person-titles.txt"));

/// Words that are a title only after another title word ("Chief Executive", "Chief
/// Executive Officer"); alone they open other names ("Executive Order").
static TITLES_AFTER_TITLES: WordList =
    WordList::new(include_str!("../../data/words/titles-after-titles.txt"));

/// See [`TITLES_AFTER_TITLES`].
pub fn is_title_after_title(folded: &str) -> bool {
    TITLES_AFTER_TITLES.contains(folded)
}

/// Words that are a title only before another title word ("Special Advisor", "Petty
/// Officer"); alone they open other names ("Special Olympics").
static TITLE_OPENERS: WordList = WordList::new(include_str!("../../data/words/title-openers.txt"));

/// See [`TITLE_OPENERS`].
pub fn is_title_opener(folded: &str) -> bool {
    TITLE_OPENERS.contains(folded)
}

/// Title words a company or body gives rather than a state ("Chief Executive",
/// "spokesman", "President" of a university): the name before such a title is the
/// employer's, an organisation.
static EMPLOYER_TITLES: WordList =
    WordList::new(include_str!("../../data/words/employer-titles.txt"));

/// See [`EMPLOYER_TITLES`].
pub fn is_employer_title(folded: &str) -> bool {
    EMPLOYER_TITLES.contains(folded)
}

/// Weekdays, written out: never part of a name.
static WEEKDAYS: WordList = WordList::new(include_str!("../../data/words/weekdays.txt"));

/// A weekday or a month ("on Sunday", "in March"): a date beside a name, never a word
/// of it.
pub fn is_date_word(folded: &str) -> bool {
    WEEKDAYS.contains(folded) || is_month(folded)
}

/// Words that make a capitalised chunk an organisation.
pub static ORGANIZATION_WORDS: WordList =
    WordList::new(include_str!("../../data/words/organization-words.txt"));

/// Words that make a capitalised chunk a place ("Gulf of Oman", "Red Sea").
pub static LOCATION_WORDS: WordList =
    WordList::new(include_str!("../../data/words/location-words.txt"));

/// Lowercase words allowed inside a capitalised chunk ("Ministry of Defence").
pub static CHUNK_CONNECTORS: WordList =
    WordList::new(include_str!("../../data/words/chunk-connectors.txt"));

/// Words that name a government department in a title ("Secretary of State",
/// "Minister of Foreign Affairs", "Home Office Minister").
pub static DEPARTMENT_WORDS: WordList =
    WordList::new(include_str!("../../data/words/department-words.txt"));

pub fn is_department_word(folded: &str) -> bool {
    DEPARTMENT_WORDS.contains(folded)
}

/// Capitalised words that are never names by themselves (with [`WEEKDAYS`],
/// [`MONTHS`] and [`DETERMINERS`]).
pub static NOT_NAMES: WordList = WordList::new(include_str!("../../data/words/not-names.txt"));

/// A title word, or one joined with a hyphen ("minister-designate", "president-elect",
/// "vice-president").
pub fn is_person_title(folded: &str) -> bool {
    PERSON_TITLES.contains(folded)
        || (folded.contains('-')
            && folded
                .split('-')
                .all(|part| PERSON_TITLES.contains(part) || matches!(part, "designate" | "elect")))
}

/// A title in the plural ("Secretaries", "Ministers", "Generals"): people, never a
/// name.
pub fn is_plural_title(folded: &str) -> bool {
    // "Airmen", "Chairmen", "Spokeswomen": the plural of "-man" and "-woman".
    let singular = folded
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| folded.strip_suffix("men").map(|stem| format!("{stem}man")))
        .or_else(|| folded.strip_suffix('s').map(str::to_string));
    singular.is_some_and(|s| PERSON_TITLES.contains(&s))
}

pub fn is_organization_word(folded: &str) -> bool {
    ORGANIZATION_WORDS.contains(folded)
}

pub fn is_location_word(folded: &str) -> bool {
    LOCATION_WORDS.contains(folded)
}

static PLACE_PREPOSITIONS: WordList =
    WordList::new(include_str!("../../data/words/place-prepositions.txt"));

/// Whether `folded` is a preposition that names a place after it ("in", "near").
pub fn is_place_preposition(folded: &str) -> bool {
    PLACE_PREPOSITIONS.contains(folded)
}

static DATE_PREPOSITIONS: WordList =
    WordList::new(include_str!("../../data/words/date-prepositions.txt"));

/// Whether `folded`, right before a month's name, says a date is named ("in May").
pub fn is_date_preposition(folded: &str) -> bool {
    DATE_PREPOSITIONS.contains(folded)
}

static LANDFORM_WORDS: WordList =
    WordList::new(include_str!("../../data/words/landform-words.txt"));

/// Whether `folded` ends a landform's or a water body's name ("Falls", "Basin").
pub fn is_landform_word(folded: &str) -> bool {
    LANDFORM_WORDS.contains(folded)
}

static REALM_WORDS: WordList = WordList::new(include_str!("../../data/words/realm-words.txt"));

/// Whether `folded` names a realm or a division before "of" and its place ("kingdom").
pub fn is_realm_word(folded: &str) -> bool {
    REALM_WORDS.contains(folded)
}

static COUNT_WORDS: WordList = WordList::new(include_str!("../../data/words/count-words.txt"));

/// Whether `folded` is a number or a number word ("13.7", "million", "dozen"): what
/// follows it is counted.
pub fn is_count_word(folded: &str) -> bool {
    folded.starts_with(|c: char| c.is_ascii_digit()) || COUNT_WORDS.contains(folded)
}

static SHIP_PREFIXES: WordList = WordList::new(include_str!("../../data/words/ship-prefixes.txt"));

/// Whether `folded` is a navy's prefix to a ship's name ("uss", "hms").
pub fn is_ship_prefix(folded: &str) -> bool {
    SHIP_PREFIXES.contains(folded)
}

static PLACE_PREFIX_WORDS: WordList =
    WordList::new(include_str!("../../data/words/place-prefix-words.txt"));

/// Whether `folded` opens a place's name before another name ("Mount", "Fort").
pub fn is_place_prefix_word(folded: &str) -> bool {
    PLACE_PREFIX_WORDS.contains(folded.trim_end_matches('.'))
}

/// Verbs of saying news puts after their subject ("Lavrov told reporters").
static REPORTING_VERBS: WordList =
    WordList::new(include_str!("../../data/words/reporting-verbs.txt"));

/// Whether `folded` is a verb of saying ("said", "told"): the lone word before it is
/// the name of whoever spoke.
pub fn is_reporting_verb(folded: &str) -> bool {
    REPORTING_VERBS.contains(folded)
}

/// The months, which name persons too (Theresa May, June Sarpong).
static MONTHS: WordList = WordList::new(include_str!("../../data/words/months.txt"));

pub fn is_month(folded: &str) -> bool {
    MONTHS.contains(folded)
}

/// Words that open a noun phrase ("The Obama administration"): never a given name,
/// whatever a KB person is called.
static DETERMINERS: WordList = WordList::new(include_str!("../../data/words/determiners.txt"));

pub fn is_determiner(folded: &str) -> bool {
    DETERMINERS.contains(folded)
}

/// Words that open an Arabic kunya or patronymic ("Abu", "Umm", "bin"): no sign of
/// which person the next word names.
static KUNYA_PARTICLES: WordList =
    WordList::new(include_str!("../../data/words/kunya-particles.txt"));

pub fn is_kunya_particle(folded: &str) -> bool {
    KUNYA_PARTICLES.contains(folded)
}

static SURNAME_PARTICLES: WordList =
    WordList::new(include_str!("../../data/words/surname-particles.txt"));

/// Whether `word` (as written) is a lowercase particle that begins a European surname
/// ("van", "von der", "da"): capitalised, "Van" may be the surname itself.
pub fn is_surname_particle(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && SURNAME_PARTICLES.contains(word)
}

/// English endings ("-ist", "-ism") that derive another word from a name's word.
static DERIVING_ENDINGS: WordList =
    WordList::new(include_str!("../../data/words/deriving-endings.txt"));

/// Whether `ending` (folded) derives another English word ("Unionist" of "Union"),
/// rather than being letters a hand added by mistake.
pub fn is_deriving_ending(ending: &str) -> bool {
    DERIVING_ENDINGS.contains(ending)
}

pub fn is_connector(folded: &str) -> bool {
    CHUNK_CONNECTORS.contains(folded)
}

/// Words never names by themselves: [`NOT_NAMES`], weekdays, months, determiners and
/// contractions ("We've", "Don't").
pub fn is_not_name(folded: &str) -> bool {
    NOT_NAMES.contains(folded)
        || is_date_word(folded)
        || is_determiner(folded)
        || ["'ve", "'ll", "'re", "'d", "'m", "n't"]
            .iter()
            .any(|ending| folded.ends_with(ending))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::{person, BLINKEN};
    use crate::testing::{findings, kb, mentions};
    use byline_kb::normalize::fold;

    #[test]
    fn every_word_list_holds_folded_single_words() {
        for list in [
            &PERSON_TITLES,
            &ORGANIZATION_WORDS,
            &LOCATION_WORDS,
            &CHUNK_CONNECTORS,
            &DEPARTMENT_WORDS,
            &NOT_NAMES,
            &MONTHS,
            &DETERMINERS,
            &KUNYA_PARTICLES,
            &DERIVING_ENDINGS,
            &LANDFORM_WORDS,
            &TITLES_AFTER_TITLES,
            &TITLE_OPENERS,
            &EMPLOYER_TITLES,
            &WEEKDAYS,
            &REPORTING_VERBS,
        ] {
            for word in list.words() {
                assert_eq!(fold(word), word, "{word} is not folded");
                assert!(!word.contains([' ', '-', '.']), "{word} is not one word");
            }
        }
    }

    #[test]
    fn a_title_joined_by_hyphens_is_a_title() {
        for title in [
            "minister-designate",
            "president-elect",
            "vice-president",
            "deputy-chief",
        ] {
            assert!(is_person_title(title), "{title}");
        }
        for word in [
            "ex-president",
            "well-known",
            "designate",
            "president-for-life",
        ] {
            assert!(!is_person_title(word), "{word}");
        }
    }

    #[test]
    fn a_title_in_the_plural_names_people() {
        for plural in [
            "ministers",
            "secretaries",
            "generals",
            "presidents",
            "deputies",
            "airmen",
            "chairmen",
        ] {
            assert!(is_plural_title(plural), "{plural}");
        }
        for word in ["minister", "missiles", "press", "series", "women"] {
            assert!(!is_plural_title(word), "{word}");
        }
    }

    #[test]
    fn never_names_are_the_list_months_determiners_and_contractions() {
        for word in [
            "meanwhile",
            "monday",
            "march",
            "the",
            "their",
            "we've",
            "don't",
            "they'll",
        ] {
            assert!(is_not_name(word), "{word}");
        }
        for word in ["valery", "marsh", "theresa", "ottawa"] {
            assert!(!is_not_name(word), "{word}");
        }
    }

    #[test]
    fn each_kind_of_word_is_told_apart() {
        assert!(is_organization_word("ministry") && !is_organization_word("minister"));
        assert!(is_location_word("governorate") && !is_location_word("government"));
        assert!(is_connector("bin") && !is_connector("with"));
        assert!(is_department_word("treasury") && !is_department_word("treasurer"));
        assert!(is_month("may") && !is_month("mayo"));
        assert!(is_determiner("its") && !is_determiner("it's"));
    }

    #[test]
    fn the_cues_type_a_name_the_kb_does_not_know() {
        let kb = kb(&[]);
        assert_eq!(
            mentions(
                "Officials said President-elect Karim Nasr met the Harlan Brigade in \
                 Harlan Governorate.",
                &kb
            ),
            [
                "Karim Nasr: person",
                "Harlan Brigade: organization",
                "Harlan Governorate: location"
            ]
        );
    }

    #[test]
    fn a_determiner_is_never_a_given_name_whatever_a_kb_person_is_called() {
        let kb = kb(&[BLINKEN, person("the-sein", "The Sein", "politician", "MM")]);
        // "The" before "Blinkin" is no other person's given name, so the slip stands.
        assert_eq!(
            findings("Antony Blinken said. The Blinkin aide left.", &kb),
            ["misspelled-name: Blinkin"]
        );
    }
}
