//! Near misses of a KB name that are never slips, however well the story's context
//! fits the candidate. Found by mixing paragraphs of different real stories (the
//! synthetic corpus of `benches/throughput.sh`): context such as "Angus Campbell is in
//! this story" then meets unrelated capitalised words ("Aer Lingus"), and each rule
//! here is one way a writer's word differs from a slip of that name.

use crate::analysis::romanisation::Script;
use crate::text::words::word_strs;
use byline_kb::index::NamePart;
use byline_kb::normalize::fold;
use byline_kb::{Category, Entity, Kb};

/// A word of the story and one KB name word near it.
pub(super) struct NearMiss<'a> {
    /// The written word, folded.
    pub written: &'a str,
    /// The written word as the writer typed it, marks and all.
    pub as_typed: &'a str,
    /// Whether the word is written in capitals ("NATO").
    pub all_caps: bool,
    /// The KB name word it is near, folded.
    pub kb_word: &'a str,
    /// Which part of the candidate's name `kb_word` is.
    pub part: NamePart,
    pub entity: &'a Entity,
    /// Edits between `written` and `kb_word` (Damerau–Levenshtein).
    pub edits: usize,
    /// Someone else's given name stands before the written word: a KB given name right
    /// before it, or a name word far from every given name of the candidate that the
    /// story writes before it inside a person's name, here or where it introduces the
    /// word (`someone_elses_given_name`). Asked only for a surname candidate without
    /// its own given name beside it, and for a place or organisation candidate of a
    /// word read as a person's name (`another_persons_full_name`).
    pub previous_is_given_name: bool,
    /// The candidate's other name part stands beside the word ("Valery Gerasimovis").
    pub neighbour_fits: bool,
}

/// True when `miss` cannot be a slip of its candidate. A recorded form of the name
/// (`recorded_form_of_the_name`) is asked first by the search, which then drops every
/// other form of that entity too.
pub(super) fn is_implausible(kb: &Kb, miss: &NearMiss) -> bool {
    given_name_alone(miss)
        || only_marks_differ(miss)
        || another_persons_full_name(miss)
        || place_by_foreign_alias(miss)
        || acronym_in_lowercase(miss)
        || far_with_another_first_letter(miss)
        || two_edits_from_a_short_word(miss)
        || digits_the_name_lacks(miss)
        || marks_the_name_lacks(miss)
        || joined_to_a_recorded_name(kb, miss)
        || feminine_of_a_masculine_surname(miss)
        || miss.kb_word.chars().count() < 4
}

// A KB word under four letters ("Day" of Stockwell Day) is never a target: "Dayr" in
// "Dayr Az Zayr" is not a suffix slip of it (the checked words are four letters or more).

/// News writes a given name with its surname: "Dieter" before "Zetsche" is not "Peter"
/// of Peter January, and "Aer Lingus" is not Angus Campbell.
fn given_name_alone(miss: &NearMiss) -> bool {
    miss.part == NamePart::Given && !miss.neighbour_fits
}

/// A spelling that sources record for the same given name or surname (rigour's name
/// groups: "Shoygu" beside "Shoigu", "Prigojin" beside "Prigozhin") is the name written
/// another way, not a slip: accepted spellings are recorded spellings, whether or not
/// the KB lists this one among the person's aliases. rigour's groups join a name across
/// languages (Uzbek "Kodirov", Turkish "Kadırov" beside Kadyrov), so a form counts as
/// this person's only when the romanisation rules of the person's country also give it:
/// "Kadirov" for Ramzan Kadyrov is in the group, but no romanisation of Russian writes
/// ы as i, and it stays a slip. Neither source alone silences a finding.
pub(super) fn recorded_form_of_the_name(kb: &Kb, miss: &NearMiss) -> bool {
    miss.part != NamePart::Whole
        && kb.same_name_forms(miss.written, miss.kb_word)
        && crate::analysis::romanisation::is_romanisation(
            miss.written,
            miss.kb_word,
            &miss.entity.country,
        )
}

/// The same letters with an apostrophe or hyphen elsewhere ("Al-Ja’afari" for
/// al-Jaafari, "Dae’sh" for Da'esh) is the same spelling with its marks written
/// another way — an ayn, a break — not a slip of the hand.
fn only_marks_differ(miss: &NearMiss) -> bool {
    miss.written
        .chars()
        .filter(|c| c.is_alphanumeric())
        .eq(miss.kb_word.chars().filter(|c| c.is_alphanumeric()))
}

/// "Bob Corker", "Rick Wagoner": a given name that is not the candidate's, right before
/// the word, makes the two words another person's name, not a slip of Carter or Warner;
/// nor of a place ("Jean-Nicolas Marrigues" is no Martigues). The search sets the flag
/// only where it applies (`NearMiss::previous_is_given_name`).
fn another_persons_full_name(miss: &NearMiss) -> bool {
    !miss.neighbour_fits && miss.previous_is_given_name
}

/// Places are misspelled against the name a reporter writes, not against one of the
/// dozens of foreign spellings GeoNames lists ("Dacia" is not Denmark's "Dania",
/// "Russel" not Brussels's Dutch "Brussel"). A place of a country that writes another
/// script has no one spelling in English: an alias that romanises a word of its name
/// another way ("Jenin" of GeoNames' "Janīn", "Kupiansk" of "Kupyansk") is a name
/// reporters write too, when the written word is not already a slip of the name itself
/// ("Bejing" is Beijing's, not the unvetted "Beyjing"'s).
fn place_by_foreign_alias(miss: &NearMiss) -> bool {
    // Asked last: every candidate passes here, and most are no place.
    let romanised_elsewhere = || Script::of(&miss.entity.country) != Script::Latin;
    miss.entity.category() == Category::Location
        && !word_strs(&miss.entity.name).any(|word| {
            let word = fold(word);
            word == miss.kb_word
                || (romanises_the_same_word(&word, miss.kb_word)
                    && strsim::damerau_levenshtein(miss.written, &word) > 1
                    && romanised_elsewhere())
        })
}

/// Whether `alias_word` is `name_word` romanised another way: a letter, or a quarter of
/// its letters, from it (the bound the town importer keeps GeoNames' aliases to).
fn romanises_the_same_word(name_word: &str, alias_word: &str) -> bool {
    let bound = (name_word.chars().count() / 4).max(1);
    strsim::damerau_levenshtein(name_word, alias_word) <= bound
}

/// Letters of the longest name in capitals read as an acronym.
const MAX_ACRONYM: usize = 5;

/// An acronym is written in capitals: "Nano" (the iPod) is not a slip of "NATO".
fn acronym_in_lowercase(miss: &NearMiss) -> bool {
    !miss.all_caps && is_acronym_of(miss.entity, miss.kb_word)
}

/// Whether the folded `kb_word` is one of `entity`'s acronyms: listed as one, or a
/// one-word name or alias of up to five letters written in capitals ("TSMC", "HSBC":
/// what the company is called, so the KB lists no acronym beside it; not a brand set
/// in capitals, "NVIDIA", which copy writes Nvidia).
pub(super) fn is_acronym_of(entity: &Entity, kb_word: &str) -> bool {
    let in_capitals = |form: &&str| {
        (2..=MAX_ACRONYM).contains(&form.chars().count())
            && form.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    entity
        .acronyms
        .iter()
        .map(String::as_str)
        .chain(entity.surface_forms().filter(in_capitals))
        .any(|acronym| fold(acronym) == kb_word)
}

/// Two edits and a different first letter, with no given name beside it to say so,
/// is another word ("Thales" is not Philip Sales): slips of the hand rarely change
/// the first letter, and never together with another edit.
fn far_with_another_first_letter(miss: &NearMiss) -> bool {
    miss.edits >= 2
        && !miss.neighbour_fits
        && miss.written.chars().next() != miss.kb_word.chars().next()
}

/// Two edits from a name word of four letters change half of it: another name, a given
/// name beside it or not ("David Dreman" is not David Dean). Letters added at the end
/// are the suffix slip ("Deanis"), which stays.
fn two_edits_from_a_short_word(miss: &NearMiss) -> bool {
    miss.edits >= 2 && miss.kb_word.chars().count() <= 4 && !miss.written.starts_with(miss.kb_word)
}

/// A word with a digit the name lacks is a product, a programme or a code ("Power8",
/// "A380", "G7"), written so on purpose: no slip of the hand puts a digit in a name.
fn digits_the_name_lacks(miss: &NearMiss) -> bool {
    let digits = |word: &str| word.chars().filter(char::is_ascii_digit).count();
    digits(miss.written) > digits(miss.kb_word)
}

/// A word typed with a letter or mark the candidate's recorded names never carry
/// ("École" beside Cole, "Tōkaidō" beside Tokai, "Lagardère" beside Lagarde, "Muradî"
/// beside Moradi) was written so on purpose, in the spelling of its own language: a
/// slip of the hand drops a mark, it does not add one. ("Frontière" for Médecins Sans
/// Frontières keeps a mark the name has, and stays a slip.)
fn marks_the_name_lacks(miss: &NearMiss) -> bool {
    miss.as_typed
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .flat_map(char::to_lowercase)
        .any(|mark| {
            !miss
                .entity
                .surface_forms()
                .any(|form| form.chars().flat_map(char::to_lowercase).any(|c| c == mark))
        })
}

/// A word with a capital inside it after a recorded name of four letters or more
/// ("GoogleOS", "BloombergTV", "ReutersBiz") is that name joined to another word — a
/// product, a channel, a handle —, written so on purpose: a slip of the hand does not
/// capitalise a letter inside a name. Names with a capital of their own inside
/// ("McIlroy", "DeSantis") start with a shorter particle, and stay tried.
fn joined_to_a_recorded_name(kb: &Kb, miss: &NearMiss) -> bool {
    let letters: Vec<char> = miss.as_typed.chars().collect();
    (4..letters.len()).any(|i| {
        letters[i].is_uppercase()
            && letters[i - 1].is_lowercase()
            && !kb
                .token_postings(&fold(&letters[..i].iter().collect::<String>()))
                .is_empty()
    })
}

/// Slavic and Central Asian surnames take "-a" for a woman: "Zhaksylykova",
/// "Ivanova" or "Kowalska" beside a man's "-ov", "-in" or "-ski" is the surname of
/// another person (a wife, a daughter, a namesake), not a slip of his.
fn feminine_of_a_masculine_surname(miss: &NearMiss) -> bool {
    const MASCULINE: [(&str, &str); 6] = [
        ("ov", "ova"),
        ("ev", "eva"),
        ("in", "ina"),
        ("yn", "yna"),
        ("ski", "ska"),
        ("sky", "skaya"),
    ];
    miss.part == NamePart::Surname
        && miss.entity.category() == Category::Person
        && MASCULINE
            .iter()
            .any(|(his, hers)| miss.kb_word.ends_with(his) && miss.written.ends_with(hers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::{organisation, person, place};
    use crate::testing::findings;

    /// Politicians whose names are near other words, a place with a foreign alias, and
    /// an organisation known by its acronym.
    fn kb() -> Kb {
        let politician = |id, name, country| person(id, name, "politician", country);
        crate::testing::kb(&[
            politician("carter", "Jimmy Carter", "US"),
            politician("bob-smith", "Bob Smith", "US"),
            politician("january", "Peter January", "US"),
            politician("sales", "Philip Sales", "GB"),
            politician("day", "Stockwell Day", "CA"),
            place("denmark", "Denmark", "country", "DK").aliases(&["Dania"]),
            place("jenin", "Janīn", "city", "PS").aliases(&["Jenin"]),
            place("lisbon", "Lisbon", "capital", "PT").aliases(&["Lisbona"]),
            organisation(
                "nato",
                "North Atlantic Treaty Organization",
                "intergovernmental",
                "",
            )
            .aliases(&["NATO"])
            .acronyms(&["NATO"]),
        ])
    }

    fn entity<'a>(kb: &'a Kb, id: &str) -> &'a Entity {
        kb.entity(kb.find_id(id).expect("in the test KB"))
    }

    /// `written` near `kb_word` of `entity`, with no name word beside it.
    fn miss<'a>(
        entity: &'a Entity,
        written: &'a str,
        kb_word: &'a str,
        part: NamePart,
    ) -> NearMiss<'a> {
        NearMiss {
            written,
            as_typed: written,
            all_caps: false,
            kb_word,
            part,
            entity,
            edits: strsim::damerau_levenshtein(written, kb_word),
            previous_is_given_name: false,
            neighbour_fits: false,
        }
    }

    #[test]
    fn a_given_name_alone_is_never_a_slip() {
        let kb = kb();
        let peter = entity(&kb, "january");
        let alone = miss(peter, "petr", "peter", NamePart::Given);
        assert!(is_implausible(&kb, &alone));
        let beside_surname = NearMiss {
            neighbour_fits: true,
            ..alone
        };
        assert!(!is_implausible(&kb, &beside_surname));
    }

    #[test]
    fn another_kb_given_name_before_the_word_makes_it_another_persons_name() {
        let kb = kb();
        let carter = entity(&kb, "carter");
        let after_bob = NearMiss {
            previous_is_given_name: true, // "Bob", a KB given name
            ..miss(carter, "cartier", "carter", NamePart::Surname)
        };
        assert!(is_implausible(&kb, &after_bob));
        // A word the KB knows as no given name says nothing.
        let after_unknown = NearMiss {
            previous_is_given_name: false, // "Zbigniew", none
            ..miss(carter, "cartier", "carter", NamePart::Surname)
        };
        assert!(!is_implausible(&kb, &after_unknown));
        // Nor does the candidate's own given name.
        let after_jimmy = NearMiss {
            previous_is_given_name: true, // "Jimmy", his own
            neighbour_fits: true,
            ..miss(carter, "cartier", "carter", NamePart::Surname)
        };
        assert!(!is_implausible(&kb, &after_jimmy));
    }

    #[test]
    fn a_place_from_another_script_is_misspelled_against_its_other_romanisations_too() {
        let kb = kb();
        let jenin = entity(&kb, "jenin");
        assert!(!is_implausible(
            &kb,
            &miss(jenin, "jennin", "jenin", NamePart::Whole)
        ));
        // Not when the written word is a slip of the name itself: that one is meant.
        assert!(is_implausible(
            &kb,
            &miss(jenin, "janim", "jenin", NamePart::Whole)
        ));
        // A place of a Latin-script country has its one spelling; the rest are foreign.
        let lisbon = entity(&kb, "lisbon");
        assert!(is_implausible(
            &kb,
            &miss(lisbon, "lisboa", "lisbona", NamePart::Whole)
        ));
    }

    #[test]
    fn a_place_is_misspelled_only_against_the_name_it_is_written_by() {
        let kb = kb();
        let denmark = entity(&kb, "denmark");
        assert!(is_implausible(
            &kb,
            &miss(denmark, "dacia", "dania", NamePart::Whole)
        ));
        assert!(!is_implausible(
            &kb,
            &miss(denmark, "denmrak", "denmark", NamePart::Whole)
        ));
    }

    #[test]
    fn an_acronym_is_a_target_only_in_capitals() {
        let kb = kb();
        let nato = entity(&kb, "nato");
        let lowercase = miss(nato, "nano", "nato", NamePart::Whole);
        assert!(is_implausible(&kb, &lowercase));
        let capitals = NearMiss {
            all_caps: true,
            ..lowercase
        };
        assert!(!is_implausible(&kb, &capitals));
    }

    #[test]
    fn two_edits_and_another_first_letter_is_another_word() {
        let kb = kb();
        let sales = entity(&kb, "sales");
        let thales = miss(sales, "thales", "sales", NamePart::Surname);
        assert_eq!(thales.edits, 2);
        assert!(is_implausible(&kb, &thales));
        // Unless the given name beside it says so.
        let beside_philip = NearMiss {
            neighbour_fits: true,
            previous_is_given_name: true, // "Philip", his own
            ..thales
        };
        assert!(!is_implausible(&kb, &beside_philip));
        // Two edits keeping the first letter, or one changing it, may be slips.
        assert!(!is_implausible(
            &kb,
            &miss(sales, "saless", "sales", NamePart::Surname)
        ));
        assert!(!is_implausible(
            &kb,
            &miss(sales, "gales", "sales", NamePart::Surname)
        ));
    }

    #[test]
    fn the_same_letters_with_marks_elsewhere_are_the_same_spelling() {
        let kb = crate::testing::kb(&[
            person("jaafari", "Ibrahim al-Jaafari", "minister", "IQ"),
            organisation("daesh", "Da'esh", "armed-group", ""),
        ]);
        let jaafari = entity(&kb, "jaafari");
        let ayn = miss(jaafari, "al-ja’afari", "al-jaafari", NamePart::Surname);
        assert!(only_marks_differ(&ayn));
        let daesh = entity(&kb, "daesh");
        assert!(only_marks_differ(&miss(
            daesh,
            "dae’sh",
            "da'esh",
            NamePart::Whole
        )));
        // A letter changed is a slip, marks or not.
        let slip = miss(jaafari, "al-jaafary", "al-jaafari", NamePart::Surname);
        assert!(!only_marks_differ(&slip));
    }

    #[test]
    fn a_word_with_a_digit_the_name_lacks_is_written_so_on_purpose() {
        let kb = crate::testing::kb(&[person("power", "Samantha Power", "diplomat", "US")]);
        let power = entity(&kb, "power");
        assert!(is_implausible(
            &kb,
            &miss(power, "power8", "power", NamePart::Surname)
        ));
        assert!(!is_implausible(
            &kb,
            &miss(power, "powre", "power", NamePart::Surname)
        ));
    }

    #[test]
    fn a_mark_the_name_never_carries_is_typed_on_purpose() {
        let kb = crate::testing::kb(&[
            person("lagarde", "Christine Lagarde", "official", "FR"),
            organisation("msf", "Médecins Sans Frontières", "organization", "FR"),
        ]);
        let lagarde = entity(&kb, "lagarde");
        let accented = NearMiss {
            as_typed: "Lagardère",
            ..miss(lagarde, "lagardere", "lagarde", NamePart::Surname)
        };
        assert!(marks_the_name_lacks(&accented));
        assert!(!marks_the_name_lacks(&miss(
            lagarde,
            "lagard",
            "lagarde",
            NamePart::Surname
        )));
        // A mark the name has, in a word missing a letter, is still a slip.
        let msf = entity(&kb, "msf");
        let frontiere = NearMiss {
            as_typed: "Frontière",
            ..miss(msf, "frontiere", "frontieres", NamePart::Whole)
        };
        assert!(!marks_the_name_lacks(&frontiere));
    }

    #[test]
    fn a_recorded_name_joined_to_another_word_is_written_so_on_purpose() {
        let kb = crate::testing::kb(&[
            organisation("google", "Google", "company", "US"),
            person("mcilroy", "Rory McIlroy", "person", "GB"),
        ]);
        let google = entity(&kb, "google");
        let joined = NearMiss {
            as_typed: "GoogleOS",
            ..miss(google, "googleos", "google", NamePart::Whole)
        };
        assert!(is_implausible(&kb, &joined));
        // A capital inside a name of its own, after a short particle, is still tried.
        let mcilroy = entity(&kb, "mcilroy");
        let slip = NearMiss {
            as_typed: "McIlory",
            ..miss(mcilroy, "mcilory", "mcilroy", NamePart::Surname)
        };
        assert!(!joined_to_a_recorded_name(&kb, &slip));
    }

    #[test]
    fn a_womans_form_of_a_mans_surname_is_another_persons_name() {
        let kb = crate::testing::kb(&[
            person("jaqsylyqov", "Ruslan Jaqsylyqov", "minister", "KZ"),
            person("kowalski", "Jan Kowalski", "minister", "PL"),
            person("zakharova", "Maria Zakharova", "official", "RU"),
        ]);
        let ruslan = entity(&kb, "jaqsylyqov");
        let woman = miss(ruslan, "zhaksylykova", "jaqsylyqov", NamePart::Surname);
        assert!(feminine_of_a_masculine_surname(&woman));
        let jan = entity(&kb, "kowalski");
        assert!(feminine_of_a_masculine_surname(&miss(
            jan,
            "kowalska",
            "kowalski",
            NamePart::Surname
        )));
        // His own surname misspelled, and a slip of a woman's surname, stay slips.
        assert!(!feminine_of_a_masculine_surname(&miss(
            ruslan,
            "jaqsylyqv",
            "jaqsylyqov",
            NamePart::Surname
        )));
        let maria = entity(&kb, "zakharova");
        assert!(!feminine_of_a_masculine_surname(&miss(
            maria,
            "zakarova",
            "zakharova",
            NamePart::Surname
        )));
    }

    #[test]
    fn a_kb_word_under_four_letters_is_never_a_target() {
        let kb = kb();
        let day = entity(&kb, "day");
        assert!(is_implausible(
            &kb,
            &miss(day, "dayr", "day", NamePart::Surname)
        ));
    }

    #[test]
    fn in_a_story_each_rule_keeps_the_check_quiet() {
        let kb = kb();
        for text in [
            // Another person's given name before a near miss of Carter.
            "Jimmy Carter met Bob Carteer.",
            // Denmark's foreign alias.
            "Denmark said Dacia would sign.",
            // Two edits and another first letter.
            "Philip Sales met Thales officials.",
            // A three-letter surname.
            "Stockwell Day met Dayr officials.",
            // A given name with another surname.
            "Peter January met Dieter Zetsche.",
        ] {
            assert!(
                findings(text, &kb).is_empty(),
                "{text}: {:?}",
                findings(text, &kb)
            );
        }
        // The near misses they reject, where context does fit.
        assert_eq!(
            findings("Jimmy Carter met Carteer.", &kb),
            ["misspelled-name: Carteer"]
        );
        assert_eq!(
            findings("Peter January met Petre January.", &kb),
            ["misspelled-name: Petre"]
        );
    }
}
