//! Words that type a capitalised name the KB does not know: titles before a person,
//! organisation words inside a name, place words before a place.

/// Titles and ranks that stand before a person's name. Folded, single words.
pub const PERSON_TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "major",
    "maj",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "brigadier",
    "brig",
    "sergeant",
    "sgt",
    "commander",
    "marshal",
    "field",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "ayatollah",
    "imam",
    "pope",
    "cardinal",
    "bishop",
    "senator",
    "sen",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "interior",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "judge",
    "justice",
    "speaker",
    "representative",
    "rep",
    "sir",
    "dame",
    "lord",
    "lady",
    "supreme",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "attorney",
    "first",
    "hojatoleslam",
    "sardar",
    "rear",
    "staff",
    "army",
    "air",
    "naval",
    "navy",
    "head",
    "acting",
    "former",
    "late",
    "crown",
    "economy",
    "finance",
    "trade",
    "health",
    "justice",
    "energy",
    "oil",
    "security",
    "national",
    "ceo",
];

/// Words that are a title only after another title word ("Chief Executive", "Chief
/// Executive Officer"); alone they open other names ("Executive Order").
const TITLES_AFTER_TITLES: &[&str] = &["executive", "officer"];

/// See [`TITLES_AFTER_TITLES`].
pub fn is_title_after_title(folded: &str) -> bool {
    TITLES_AFTER_TITLES.contains(&folded)
}

/// Title words a company or body gives rather than a state ("Chief Executive",
/// "spokesman", "President" of a university): the name before such a title is the
/// employer's, an organisation.
const EMPLOYER_TITLES: &[&str] = &[
    "executive",
    "ceo",
    "officer",
    "chairman",
    "chairwoman",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
];

/// See [`EMPLOYER_TITLES`].
pub fn is_employer_title(folded: &str) -> bool {
    EMPLOYER_TITLES.contains(&folded)
}

/// Weekdays, written out: never part of a name.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A weekday or a month ("on Sunday", "in March"): a date beside a name, never a word
/// of it.
pub fn is_date_word(folded: &str) -> bool {
    WEEKDAYS.contains(&folded) || is_month(folded)
}

/// Words that make a capitalised chunk an organisation.
pub const ORGANIZATION_WORDS: &[&str] = &[
    "agency",
    "ministry",
    "corps",
    "staff",
    "council",
    "committee",
    "commission",
    "organisation",
    "organization",
    "army",
    "navy",
    "forces",
    "force",
    "guard",
    "guards",
    "bank",
    "party",
    "front",
    "university",
    "service",
    "services",
    "office",
    "department",
    "news",
    "union",
    "assembly",
    "parliament",
    "court",
    "tribunal",
    "institute",
    "association",
    "federation",
    "company",
    "corporation",
    "group",
    "brigade",
    "brigades",
    "battery",
    "squadron",
    "wing",
    "platoon",
    "battalion",
    "regiment",
    "division",
    "fleet",
    "command",
    "directorate",
    "bureau",
    "authority",
    "administration",
    "secretariat",
    "league",
    "alliance",
    "movement",
    "network",
    "television",
    "radio",
    "times",
    "post",
    "press",
    "channel",
    "inc",
    "ltd",
    "llc",
    "plc",
    "foundation",
    "fund",
    "programme",
    "program",
    "coalition",
    "militia",
    "police",
    "gendarmerie",
    "cabinet",
    "government",
    "senate",
    "congress",
    "duma",
    "majlis",
    "knesset",
    "unit",
    "center",
    "centre",
    "school",
    "academy",
    "hospital",
    "club",
];

/// Words that make a capitalised chunk a place ("Gulf of Oman", "Red Sea").
pub const LOCATION_WORDS: &[&str] = &[
    "province",
    "region",
    "city",
    "district",
    "county",
    "state",
    "river",
    "sea",
    "gulf",
    "bay",
    "island",
    "islands",
    "mountains",
    "mount",
    "valley",
    "strait",
    "lake",
    "ocean",
    "peninsula",
    "oblast",
    "governorate",
    "prefecture",
    "square",
    "street",
    "airport",
    "port",
    "base",
    "desert",
    "border",
    "coast",
    "canal",
];

/// Lowercase words allowed inside a capitalised chunk ("Ministry of Defence").
pub const CHUNK_CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "de", "del", "la", "le", "von", "van", "der", "den", "al", "el",
    "bin", "ibn", "da", "di", "du", "des", "on",
];

/// Words that name a government department in a title ("Secretary of State",
/// "Minister of Foreign Affairs", "Home Office Minister").
pub const DEPARTMENT_WORDS: &[&str] = &[
    "state",
    "foreign",
    "affairs",
    "defence",
    "defense",
    "interior",
    "home",
    "justice",
    "finance",
    "treasury",
    "health",
    "education",
    "energy",
    "trade",
    "industry",
    "commerce",
    "labour",
    "labor",
    "agriculture",
    "transport",
    "transportation",
    "veterans",
    "housing",
    "environment",
    "culture",
    "communications",
    "economy",
    "homeland",
    "security",
    "intelligence",
    "information",
    "internal",
    "external",
    "public",
    "works",
    "development",
    "international",
    "commonwealth",
    "middle",
    "east",
];

pub fn is_department_word(folded: &str) -> bool {
    DEPARTMENT_WORDS.contains(&folded)
}

/// Capitalised words that are never names by themselves (with [`WEEKDAYS`],
/// [`MONTHS`] and [`DETERMINERS`]).
pub const NOT_NAMES: &[&str] = &[
    "i",
    "mr",
    "mrs",
    "ms",
    "dr",
    "he",
    "she",
    "it",
    "they",
    "we",
    "you",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "of",
    "and",
    "but",
    "or",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "during",
    "since",
    "until",
    "also",
    "however",
    "meanwhile",
    "there",
    "here",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "all",
    "some",
    "many",
    "most",
    "more",
    "no",
    "not",
    "yes",
    "one",
    "two",
    "three",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "am",
    "pm",
    "ok",
    "tv",
    "s",
    "later",
    "then",
    "yesterday",
    "today",
    "tomorrow",
    "earlier",
    "still",
    "now",
    "so",
    "thus",
    "instead",
    "again",
    "already",
    "separately",
    "similarly",
    "afterwards",
    "finally",
    "first",
    "last",
    "next",
    "both",
    "each",
    "every",
    "such",
    "other",
    "another",
    "only",
    "even",
    "just",
    "according",
    "despite",
    "although",
    "though",
    "because",
    "under",
    "over",
    "between",
    "against",
    "without",
    "within",
    "about",
    "around",
    "amid",
    "among",
    "following",
    "last",
    "nearly",
    "almost",
    "some",
    "several",
    "near",
    "outside",
    "inside",
    "across",
    "toward",
    "towards",
    "via",
    "throughout",
    "beyond",
    "into",
    "additionally",
    "moreover",
    "furthermore",
];

/// A title word, or one joined with a hyphen ("minister-designate", "president-elect",
/// "vice-president").
pub fn is_person_title(folded: &str) -> bool {
    PERSON_TITLES.contains(&folded)
        || (folded.contains('-')
            && folded
                .split('-')
                .all(|part| PERSON_TITLES.contains(&part) || matches!(part, "designate" | "elect")))
}

/// A title in the plural ("Secretaries", "Ministers", "Generals"): people, never a
/// name.
pub fn is_plural_title(folded: &str) -> bool {
    let singular = folded
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| folded.strip_suffix('s').map(str::to_string));
    singular.is_some_and(|s| PERSON_TITLES.contains(&s.as_str()))
}

pub fn is_organization_word(folded: &str) -> bool {
    ORGANIZATION_WORDS.contains(&folded)
}

pub fn is_location_word(folded: &str) -> bool {
    LOCATION_WORDS.contains(&folded)
}

/// The months, which name persons too (Theresa May, June Sarpong).
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn is_month(folded: &str) -> bool {
    MONTHS.contains(&folded)
}

/// Words that open a noun phrase ("The Obama administration"): never a given name,
/// whatever a KB person is called.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
];

pub fn is_determiner(folded: &str) -> bool {
    DETERMINERS.contains(&folded)
}

pub fn is_connector(folded: &str) -> bool {
    CHUNK_CONNECTORS.contains(&folded)
}

/// Words never names by themselves: [`NOT_NAMES`], weekdays, months, determiners and
/// contractions ("We've", "Don't").
pub fn is_not_name(folded: &str) -> bool {
    NOT_NAMES.contains(&folded)
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
            PERSON_TITLES,
            ORGANIZATION_WORDS,
            LOCATION_WORDS,
            CHUNK_CONNECTORS,
            DEPARTMENT_WORDS,
            NOT_NAMES,
            MONTHS,
            DETERMINERS,
            TITLES_AFTER_TITLES,
            EMPLOYER_TITLES,
            WEEKDAYS,
        ] {
            for word in list {
                assert_eq!(fold(word), *word, "{word} is not folded");
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
        ] {
            assert!(is_plural_title(plural), "{plural}");
        }
        for word in ["minister", "missiles", "press", "series"] {
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
