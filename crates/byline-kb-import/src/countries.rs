//! Countries and demonyms from world-countries (ODbL 1.0), with name variants from
//! countrynames (MIT) and GeoNames' country list (CC BY 4.0).
//!
//! The country table built here is also how the other importers turn a country as a
//! source names it ("Czech Republic", "Korea, South", "People's Republic of China")
//! into an ISO 3166-1 alpha-2 code.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Deserialize;

use super::kinds::group_alias_records;
use super::source::{read_json, read_yaml, Manifest, Result};
use super::text::{is_common_word, is_latin, letter_count};
use byline_kb::normalize::fold;
use byline_kb::{AliasKind, AliasRecord, Category, Entity};

pub const WORLD_COUNTRIES: &str = "world-countries/countries.json";
pub const COUNTRYNAMES: &str = "countrynames/data.yaml";
pub const GEONAMES_COUNTRIES: &str = "geonames/countries.json";

pub const COUNTRY_SOURCE: &str =
    "world-countries 5.1.0 (ODbL 1.0); countrynames 1.17.0 (MIT); GeoNames (CC BY 4.0)";
pub const DEMONYM_SOURCE: &str = "world-countries 5.1.0 (ODbL 1.0)";

/// Variants kept per country from countrynames, at most: the list mixes hundreds of
/// languages, and each extra form is one more way to misread a word.
const MAX_COUNTRYNAMES_VARIANTS: usize = 8;

#[derive(Debug, Deserialize)]
struct WcCountry {
    name: WcName,
    cca2: String,
    independent: Option<bool>,
    #[serde(rename = "unMember")]
    un_member: bool,
    #[serde(default)]
    capital: Vec<String>,
    #[serde(rename = "altSpellings", default)]
    alt_spellings: Vec<String>,
    #[serde(default)]
    region: String,
    #[serde(default)]
    subregion: String,
    #[serde(default)]
    demonyms: BTreeMap<String, WcDemonym>,
    #[serde(default)]
    translations: BTreeMap<String, WcNativeName>,
}

#[derive(Debug, Deserialize)]
struct WcName {
    common: String,
    official: String,
    #[serde(default)]
    native: BTreeMap<String, WcNativeName>,
}

#[derive(Debug, Deserialize)]
struct WcNativeName {
    official: String,
    common: String,
}

#[derive(Debug, Deserialize)]
struct WcDemonym {
    f: String,
    m: String,
}

#[derive(Debug, Deserialize)]
struct GeoCountry {
    name: String,
    iso: String,
}

/// What the other importers need to know about a country.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    pub iso2: String,
    pub common: String,
    pub official: String,
    pub region: String,
    pub subregion: String,
    pub capitals: Vec<String>,
    pub un_member: bool,
    pub independent: Option<bool>,
    /// The English demonym ("Iranian"), when the source gives one.
    pub demonym: Option<String>,
    demonym_f: Option<String>,
    native: Vec<String>,
    /// Arabic is one of the country's official languages (world-countries' native
    /// names): its place names carry the Arabic article ("Ar Raqqah").
    pub writes_arabic: bool,
    /// One of the country's native names is written in Cyrillic: only there is the
    /// romanisation of a Cyrillic spelling the place's own name (elsewhere it is the
    /// Russian exonym read back into Latin letters).
    pub writes_cyrillic: bool,
    alt_spellings: Vec<String>,
    /// Folded names of the country in world-countries' translations, to attest variants.
    translations: HashSet<String>,
}

impl CountryInfo {
    /// The common name as it stands in a sentence: "the United States", "Iran".
    pub fn in_sentence(&self) -> String {
        const WITH_ARTICLE: &[&str] = &[
            "Bahamas",
            "Caribbean Netherlands",
            "Comoros",
            "DR Congo",
            "Gambia",
            "Isle of Man",
            "Maldives",
            "Netherlands",
            "Philippines",
            "Seychelles",
        ];
        let name = self.common.as_str();
        let plural_or_union = ["Islands", "Republic", "Lands", "Territory", "Emirates"]
            .iter()
            .any(|w| name.ends_with(w))
            || name.starts_with("United ")
            || name.starts_with("Republic of");
        if plural_or_union || WITH_ARTICLE.contains(&name) {
            format!("the {name}")
        } else {
            name.to_string()
        }
    }
}

/// Countries by ISO2 code, and every known name of each, folded, for look-ups.
#[derive(Debug, Default)]
pub struct CountryTable {
    pub countries: BTreeMap<String, CountryInfo>,
    /// Folded name → (priority, code); `None` code when two countries claim the name.
    names: HashMap<String, (u8, Option<String>)>,
    /// Name variants per code from countrynames, in file order.
    variants: BTreeMap<String, Vec<String>>,
    /// Folded strings that countrynames says must not resolve to any country.
    fail: HashSet<String>,
}

/// The Holy See is a UN observer state, not a member; world-countries 5.1.0 marks it
/// `unMember: true`, which would make the KB state a falsehood.
const NOT_UN_MEMBERS: &[&str] = &["VA"];

impl CountryTable {
    /// Reads world-countries, countrynames and GeoNames' country list.
    pub fn load(manifest: &Manifest) -> Result<CountryTable> {
        let wc: Vec<WcCountry> = read_json(&manifest.file(WORLD_COUNTRIES)?)?;
        let geonames: BTreeMap<String, GeoCountry> =
            read_json(&manifest.file(GEONAMES_COUNTRIES)?)?;
        let countrynames: BTreeMap<String, Vec<String>> = read_yaml(&manifest.file(COUNTRYNAMES)?)?;
        let mut table = CountryTable::default();
        for c in wc {
            let eng = c.demonyms.get("eng");
            let info = CountryInfo {
                iso2: c.cca2.clone(),
                common: c.name.common.clone(),
                official: c.name.official.clone(),
                region: c.region,
                subregion: c.subregion,
                capitals: c.capital,
                un_member: c.un_member && !NOT_UN_MEMBERS.contains(&c.cca2.as_str()),
                independent: c.independent,
                demonym: eng.map(|d| d.m.clone()).filter(|d| !d.is_empty()),
                demonym_f: eng.map(|d| d.f.clone()).filter(|d| !d.is_empty()),
                native: c
                    .name
                    .native
                    .values()
                    .flat_map(|n| [n.common.clone(), n.official.clone()])
                    .collect(),
                writes_arabic: c.name.native.contains_key("ara"),
                writes_cyrillic: c.name.native.values().any(|n| {
                    n.common
                        .chars()
                        .any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch))
                }),
                alt_spellings: c.alt_spellings,
                translations: c
                    .translations
                    .values()
                    .flat_map(|t| [fold(&t.common), fold(&t.official)])
                    .collect(),
            };
            table.add_name(&info.common, 0, &info.iso2);
            table.add_name(&info.official, 0, &info.iso2);
            for alt in &info.alt_spellings {
                table.add_name(alt, 1, &info.iso2);
            }
            for native in &info.native {
                table.add_name(native, 2, &info.iso2);
            }
            table.countries.insert(info.iso2.clone(), info);
        }
        for country in geonames.values() {
            if table.countries.contains_key(&country.iso) {
                table.add_name(&country.name, 2, &country.iso);
            }
        }
        for (code, names) in countrynames {
            if code == "FAIL" {
                table.fail = names.iter().map(|n| fold(n)).collect();
            } else if table.countries.contains_key(&code) {
                for name in &names {
                    table.add_name(name, 3, &code);
                }
                table.variants.insert(code, names);
            }
        }
        Ok(table)
    }

    /// Registers a name; a lower priority number wins, and two countries with the same
    /// priority make the name ambiguous.
    fn add_name(&mut self, name: &str, priority: u8, code: &str) {
        let key = fold(name.trim());
        if key.is_empty() {
            return;
        }
        match self.names.get_mut(&key) {
            None => {
                self.names.insert(key, (priority, Some(code.to_string())));
            }
            Some(entry) if priority < entry.0 => *entry = (priority, Some(code.to_string())),
            Some(entry) if priority == entry.0 && entry.1.as_deref() != Some(code) => {
                entry.1 = None
            }
            Some(_) => {}
        }
    }

    /// The ISO2 code of a country as a source names it, when exactly one country has
    /// that name.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.resolve_exact(name).or_else(|| {
            // "South Korea (Republic of Korea)": either part may be the known name.
            let (outer, inner) = name.trim().strip_suffix(')')?.split_once(" (")?;
            self.resolve_exact(outer)
                .or_else(|| self.resolve_exact(inner))
        })
    }

    fn resolve_exact(&self, name: &str) -> Option<&str> {
        let key = fold(name.trim());
        if self.fail.contains(&key) {
            return None;
        }
        let found = self
            .names
            .get(&key)
            .or_else(|| self.names.get(key.strip_prefix("the ")?));
        found.and_then(|(_, code)| code.as_deref())
    }

    pub fn get(&self, iso2: &str) -> Option<&CountryInfo> {
        self.countries.get(iso2)
    }

    /// The English demonym of a country, if any.
    pub fn demonym(&self, iso2: &str) -> Option<&str> {
        self.get(iso2).and_then(|c| c.demonym.as_deref())
    }

    /// Every demonym, folded, so that no variant of another entity is one.
    pub fn demonym_keys(&self) -> HashSet<String> {
        self.countries
            .values()
            .flat_map(|c| [&c.demonym, &c.demonym_f])
            .flatten()
            .map(|d| fold(d))
            .collect()
    }

    /// True when the folded name is a country's name in world-countries or GeoNames (not
    /// merely a countrynames variant, which also lists capitals), or a string
    /// countrynames forbids.
    pub fn is_country_name_or_failure(&self, folded: &str) -> bool {
        self.names
            .get(folded)
            .is_some_and(|(priority, _)| *priority <= 2)
            || self.fail.contains(folded)
    }
}

/// Whether a variant name is usable at all: long enough, no codes, no inverted ISO
/// forms ("Iran, Islamic Republic of"), not a common English word.
fn plausible_variant(variant: &str) -> bool {
    let v = variant.trim();
    let latin_capitals = is_latin(v) && !v.chars().any(char::is_lowercase);
    letter_count(v) >= 4
        && !latin_capitals
        && !v.contains([',', '(', ')', '[', ']', '/', ';'])
        && !v.chars().any(|c| c.is_ascii_digit())
        && !is_common_word(v)
}

/// Variants countrynames lists for a country that a second source attests: Latin-script
/// names that world-countries also gives as the country's name in some language
/// ("Holland", "Allemagne"), unclaimed by any other country, and neither a demonym
/// nor a city. countrynames alone also lists historical states ("West Germany",
/// "Russian Empire") and phrases ("United States Citizen"), which are not names of
/// the country today.
fn countrynames_variants(
    table: &CountryTable,
    info: &CountryInfo,
    taken: &HashSet<String>,
    demonyms: &HashSet<String>,
    cities: &HashSet<String>,
) -> Vec<String> {
    let common = fold(&info.common);
    let mut scored: Vec<(f64, String)> = Vec::new();
    let mut seen: HashSet<String> = taken.clone();
    for variant in table.variants.get(&info.iso2).into_iter().flatten() {
        let variant = variant.trim();
        let key = fold(variant);
        let junk = variant.contains("  ") || variant.contains(" -") || variant.contains("- ");
        if junk || !is_latin(variant) || !plausible_variant(variant) || seen.contains(&key) {
            continue;
        }
        if !info.translations.contains(&key)
            || table.fail.contains(&key)
            || demonyms.contains(&key)
            || cities.contains(&key)
        {
            continue;
        }
        if table.resolve(variant) != Some(info.iso2.as_str()) {
            continue; // claimed by another country too
        }
        seen.insert(key.clone());
        scored.push((
            strsim::normalized_damerau_levenshtein(&key, &common),
            variant.to_string(),
        ));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(MAX_COUNTRYNAMES_VARIANTS)
        .map(|(_, v)| v)
        .collect()
}

/// Where a country is, for its description.
fn location_phrase(info: &CountryInfo) -> String {
    let area = if info.subregion.is_empty() {
        &info.region
    } else {
        &info.subregion
    };
    let what = match info.independent {
        Some(true) => "Country",
        Some(false) => "Dependent territory",
        None => "Country or territory",
    };
    if area.is_empty() {
        what.to_string()
    } else {
        format!("{what} in {area}")
    }
}

fn capital_phrase(capitals: &[String]) -> String {
    match capitals {
        [] => String::new(),
        [one] => format!("; capital {}", one.trim_end_matches('.')),
        [rest @ .., last] => format!(
            "; capitals {} and {}",
            rest.join(", "),
            last.trim_end_matches('.')
        ),
    }
}

/// The sources a country's `alias_kinds` credit.
const OFFICIAL_NAME: &str = "world-countries: the official or native name";
const TRANSLATION: &str = "world-countries: a translation (by language)";
const ALT_SPELLING: &str = "world-countries: alternative spellings";

/// What kind of spelling each alias of a country is, by what world-countries says of
/// it: its official name or a native name (common or official, per language) is
/// `Official`; a name its translations give for a language is `OtherLanguage` (the
/// countrynames variants are kept only when a translation attests them); an entry of
/// its `altSpellings`, which says nothing of what it is ("Deutschland", "Holland"),
/// is `Unstated`.
fn country_alias_kinds(info: &CountryInfo, aliases: &[String]) -> Vec<AliasRecord> {
    let official: HashSet<String> = std::iter::once(&info.official)
        .chain(&info.native)
        .map(|n| fold(n))
        .collect();
    group_alias_records(aliases.iter().map(|alias| {
        let key = fold(alias);
        let (kind, source) = if official.contains(&key) {
            (AliasKind::Official, OFFICIAL_NAME)
        } else if info.translations.contains(&key) {
            (AliasKind::OtherLanguage, TRANSLATION)
        } else {
            (AliasKind::Unstated, ALT_SPELLING)
        };
        (alias.as_str(), kind, source)
    }))
}

/// The country entities: one per world-countries entry.
pub fn country_entities(table: &CountryTable, city_names: &HashSet<String>) -> Vec<Entity> {
    let demonyms = table.demonym_keys();
    let mut entities = Vec::new();
    for info in table.countries.values() {
        let mut taken: HashSet<String> = HashSet::from([fold(&info.common)]);
        let mut aliases = Vec::new();
        let add = |alias: &str, aliases: &mut Vec<String>, taken: &mut HashSet<String>| {
            let alias = alias.trim();
            let key = fold(alias);
            if plausible_variant(alias)
                && !demonyms.contains(&key)
                && !table.fail.contains(&key)
                && taken.insert(key)
            {
                aliases.push(alias.to_string());
            }
        };
        add(&info.official, &mut aliases, &mut taken);
        for alt in &info.alt_spellings {
            if table.resolve(alt) == Some(info.iso2.as_str()) {
                add(alt, &mut aliases, &mut taken);
            }
        }
        for native in &info.native {
            add(native, &mut aliases, &mut taken);
        }
        for variant in countrynames_variants(table, info, &taken, &demonyms, city_names) {
            add(&variant, &mut aliases, &mut taken);
        }
        let alias_kinds = country_alias_kinds(info, &aliases);
        let mut description = format!(
            "{}{}.",
            location_phrase(info),
            capital_phrase(&info.capitals)
        );
        if info.un_member {
            description.push_str(" UN member state.");
        }
        entities.push(Entity {
            id: format!("country-{}", info.iso2.to_lowercase()),
            kind: Category::Location,
            entity_type: "country".into(),
            name: info.common.clone(),
            aliases,
            alias_kinds,
            description,
            country: info.iso2.clone(),
            prominence: Some(if info.independent == Some(false) {
                0.7
            } else {
                1.0
            }),
            source: COUNTRY_SOURCE.into(),
            ..Entity::default()
        });
    }
    entities
}

/// The demonym entities ("Iranian"), one per country with an English demonym. A
/// dependent territory that shares its demonym with a sovereign state ("French",
/// "American") gets none, so the word links to the state.
pub fn demonym_entities(table: &CountryTable) -> Vec<Entity> {
    let sovereign: BTreeSet<String> = table
        .countries
        .values()
        .filter(|c| c.independent != Some(false))
        .filter_map(|c| c.demonym.as_deref().map(fold))
        .collect();
    let mut entities = Vec::new();
    for info in table.countries.values() {
        let Some(demonym) = &info.demonym else {
            continue;
        };
        if info.independent == Some(false) && sovereign.contains(&fold(demonym)) {
            continue;
        }
        let aliases = info
            .demonym_f
            .iter()
            .filter(|f| fold(f) != fold(demonym))
            .cloned()
            .collect();
        entities.push(Entity {
            id: format!("demonym-{}", info.iso2.to_lowercase()),
            kind: Category::Other,
            entity_type: "nationality".into(),
            name: demonym.clone(),
            aliases,
            description: format!("Of or from {}.", info.in_sentence()),
            country: info.iso2.clone(),
            source: DEMONYM_SOURCE.into(),
            ..Entity::default()
        });
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(iso2: &str, common: &str, demonym: &str, independent: Option<bool>) -> CountryInfo {
        CountryInfo {
            iso2: iso2.into(),
            common: common.into(),
            official: format!("Republic of {common}"),
            region: "Asia".into(),
            subregion: "Western Asia".into(),
            capitals: vec!["Capital".into()],
            un_member: true,
            independent,
            demonym: Some(demonym.into()),
            demonym_f: Some(demonym.into()),
            native: Vec::new(),
            writes_arabic: false,
            writes_cyrillic: false,
            alt_spellings: Vec::new(),
            translations: HashSet::new(),
        }
    }

    fn table(countries: Vec<CountryInfo>) -> CountryTable {
        let mut table = CountryTable::default();
        for c in countries {
            table.add_name(&c.common, 0, &c.iso2);
            table.add_name(&c.official, 0, &c.iso2);
            table.countries.insert(c.iso2.clone(), c);
        }
        table
    }

    #[test]
    fn demonyms_are_entities_of_kind_other_and_type_nationality() {
        let t = table(vec![info("IR", "Iran", "Iranian", Some(true))]);
        let entities = demonym_entities(&t);
        assert_eq!(entities.len(), 1);
        let e = &entities[0];
        assert_eq!(
            (e.id.as_str(), e.name.as_str(), e.country.as_str()),
            ("demonym-ir", "Iranian", "IR")
        );
        assert_eq!(e.kind, Category::Other);
        assert_eq!(e.entity_type, "nationality");
    }

    #[test]
    fn territories_sharing_a_sovereign_demonym_get_none() {
        let t = table(vec![
            info("FR", "France", "French", Some(true)),
            info("PF", "French Polynesia", "French", Some(false)),
            info("KR", "South Korea", "Korean", Some(true)),
            info("KP", "North Korea", "Korean", Some(true)),
        ]);
        let ids: Vec<String> = demonym_entities(&t).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["demonym-fr", "demonym-kp", "demonym-kr"]);
    }

    #[test]
    fn names_resolve_unless_two_countries_claim_them() {
        let mut t = table(vec![
            info("CD", "DR Congo", "Congolese", Some(true)),
            info("CG", "Republic of the Congo", "Congolese", Some(true)),
        ]);
        t.add_name("Congo", 3, "CD");
        t.add_name("Congo", 3, "CG");
        assert_eq!(t.resolve("dr congo"), Some("CD"));
        assert_eq!(t.resolve("Congo"), None);
        assert_eq!(t.resolve("The Republic of the Congo"), Some("CG"));
    }

    #[test]
    fn variants_skip_common_words_codes_and_inverted_forms() {
        assert!(!plausible_variant("Iron"));
        assert!(!plausible_variant("IRN"));
        assert!(!plausible_variant("Iran, Islamic Republic of"));
        assert!(plausible_variant("Teheran"));
        assert!(plausible_variant("ایران"));
    }

    #[test]
    fn un_membership_is_stated_in_the_description() {
        let t = table(vec![info("IR", "Iran", "Iranian", Some(true))]);
        let e = &country_entities(&t, &HashSet::new())[0];
        assert_eq!(
            e.description,
            "Country in Western Asia; capital Capital. UN member state."
        );
        assert_eq!(e.id, "country-ir");
    }
}
