//! Intelligence agencies from the MISP galaxy cluster (CC0 / BSD-2-Clause), compiled
//! from en.wikipedia's "List of intelligence agencies".
//!
//! MISP's description strings are Wikipedia text, so they are not copied: the KB's
//! description is written from the country and the native name. Names are cleaned of
//! citation marks ("[25]"), the country MISP appends in parentheses, and the acronym,
//! which goes to `acronyms`.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::countries::CountryTable;
use super::kinds::group_alias_records;
use super::source::{read_json, Manifest, Result};
use super::text::{slug, squash_spaces};
use byline_kb::normalize::fold;
use byline_kb::{AliasKind, Category, Entity};

pub const AGENCIES: &str = "misp-galaxy/intelligence-agencies.json";
pub const SOURCE: &str = "MISP galaxy intelligence-agencies (CC0)";
/// The source the agencies' aliases credit.
const SYNONYMS: &str = "MISP galaxy intelligence-agencies: synonyms";

#[derive(Debug, Deserialize)]
struct Cluster {
    values: Vec<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Value {
    pub value: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub meta: Meta,
}

#[derive(Debug, Default, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
}

fn citation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[\d+\]").expect("valid regex"))
}

fn interlanguage_prefix() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[a-z]{2,3}:").expect("valid regex"))
}

fn parenthesised_acronym() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\(([A-Z][A-Z0-9&\-\.]*[A-Z0-9])\s*[;/)]").expect("valid regex"))
}

/// An acronym in capitals, three letters or more, that is not a country's ("USA").
fn usable_acronym(text: &str, countries: &CountryTable) -> bool {
    // Two-letter ones ("MI", "IB") stand for too many things to be matched on their own.
    text.chars().filter(|c| c.is_ascii_uppercase()).count() >= 3
        && countries.resolve(text).is_none()
}

/// The part of `text` before the first dash that is outside parentheses: MISP writes
/// "English name – native name".
fn before_dash(text: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '–' | '—' | '-'
                if depth == 0
                    && text[..i].ends_with(' ')
                    && text[i + c.len_utf8()..].starts_with(' ') =>
            {
                return text[..i].trim();
            }
            _ => {}
        }
    }
    text.trim()
}

/// Name and acronym of an agency: "National Security Agency (Bahrain)" → ("National
/// Security Agency", none); "Central Intelligence Service (CIS)[15]" → ("Central
/// Intelligence Service", CIS).
pub fn clean_name(value: &str, countries: &CountryTable) -> (String, Option<String>) {
    let text = citation().replace_all(value, "");
    // "es:Secretaría …" keeps a Wikipedia interlanguage prefix; "X (ACR): English name"
    // gives the English name after a colon.
    let text = interlanguage_prefix().replace(&text, "");
    let text = text.split(": ").next().unwrap_or_default();
    let mut name = squash_spaces(before_dash(text));
    name = name
        .trim_end_matches([',', ';', ':', '.'])
        .trim()
        .to_string();
    let mut acronym = None;
    while name.ends_with(')') {
        let Some(open) = name.rfind('(') else { break };
        if acronym.is_none() {
            let found = parenthesised_acronym()
                .captures(&name[open..])
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0));
            acronym = found
                .map(|c| c[1].to_string())
                .filter(|a| usable_acronym(a, countries));
        }
        name = name[..open].trim().to_string();
    }
    if let Some(rest) = name.strip_prefix("The ") {
        name = rest.to_string();
    }
    let mut chars = name.chars();
    let name = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    };
    (name, acronym)
}

/// The acronym the description gives in parentheses, if it is in capitals.
fn description_acronym(description: &str, countries: &CountryTable) -> Option<String> {
    let text = format!("{} ", citation().replace_all(description, ""));
    parenthesised_acronym()
        .captures_iter(&text)
        .map(|c| c[1].to_string())
        .find(|a| usable_acronym(a, countries))
}

/// The entities, with ids `intel-<slug of the MISP value>`.
pub fn entities(manifest: &Manifest, countries: &CountryTable) -> Result<Vec<Entity>> {
    let path = manifest.file(AGENCIES)?;
    let cluster: Cluster = read_json(&path)?;
    let as_of = manifest
        .snapshot_of(AGENCIES)
        .unwrap_or_default()
        .to_string();
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for value in &cluster.values {
        let (name, acronym) = clean_name(&value.value, countries);
        if name.is_empty() {
            continue;
        }
        let base = format!("intel-{}", slug(&value.value));
        let mut id = base.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let acronyms: Vec<String> = acronym
            .or_else(|| description_acronym(&value.description, countries))
            .into_iter()
            .collect();
        let mut seen = HashSet::from([fold(&name)]);
        // A synonym may hold several names ("A (ACR) / B"): each part, cleaned.
        let aliases: Vec<String> = value
            .meta
            .synonyms
            .iter()
            .flat_map(|s| {
                s.split(" / ")
                    .map(|part| clean_name(part, countries).0)
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty() && !s.contains(['(', ')']) && seen.insert(fold(s)))
            .collect();
        let country = value.meta.country.trim().to_uppercase();
        let country_name = countries.get(&country).map(|c| c.in_sentence());
        let mut description = match &country_name {
            Some(c) => format!("Intelligence agency of {c}."),
            None => "Intelligence agency.".to_string(),
        };
        if let Some(other) = aliases.first() {
            description.push_str(&format!(" Also known as {other}."));
        }
        // The galaxy lists synonyms without saying what they are (a native name, a
        // former one, a translation): `Unstated`.
        let alias_kinds = group_alias_records(
            aliases
                .iter()
                .map(|a| (a.as_str(), AliasKind::Unstated, SYNONYMS)),
        );
        out.push(Entity {
            id,
            kind: Category::Organization,
            entity_type: "intelligence-agency".into(),
            name,
            aliases,
            alias_kinds,
            acronyms,
            description,
            country: if country_name.is_some() {
                country
            } else {
                String::new()
            },
            source: SOURCE.into(),
            as_of: as_of.clone(),
            ..Entity::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_citations_countries_and_acronyms() {
        let t = CountryTable::default();
        assert_eq!(
            clean_name("es:Secretaría de Inteligencia (SIEE)", &t),
            ("Secretaría de Inteligencia".into(), Some("SIEE".into()))
        );
        assert_eq!(
            clean_name("Financial Intelligence Unit (Sri Lanka),", &t),
            ("Financial Intelligence Unit".into(), None)
        );
        assert_eq!(
            clean_name("direction nationale du renseignement (DNRT)", &t),
            (
                "Direction nationale du renseignement".into(),
                Some("DNRT".into())
            )
        );
        assert_eq!(
            clean_name("National Security Agency (Bahrain)", &t),
            ("National Security Agency".into(), None)
        );
        assert_eq!(
            clean_name("Central Intelligence Service (CIS)[15]", &t),
            ("Central Intelligence Service".into(), Some("CIS".into()))
        );
        assert_eq!(
            clean_name(
                "The National Cyber Security Commission[25] (NCSC) – الهيئة الوطنية للأمن السيبراني",
                &t
            ),
            (
                "National Cyber Security Commission".into(),
                Some("NCSC".into())
            )
        );
        assert_eq!(
            clean_name(
                "Crime-Combat Planning, Analysis and Information Center (CENAPI / PGR – Centro de Planeación)",
                &t
            ),
            (
                "Crime-Combat Planning, Analysis and Information Center".into(),
                Some("CENAPI".into())
            )
        );
    }

    #[test]
    fn description_acronym_must_be_capitals() {
        let t = CountryTable::default();
        assert_eq!(
            description_acronym("Canadian Security Intelligence Service (CSIS)", &t).as_deref(),
            Some("CSIS")
        );
        assert_eq!(
            description_acronym(
                "Directorate of Military Intelligence (DRM; Direction du renseignement)",
                &t
            )
            .as_deref(),
            Some("DRM")
        );
        assert_eq!(
            description_acronym("Lahav 433 (Police intelligence)", &t),
            None
        );
        assert_eq!(
            description_acronym("European Union Satellite Centre (EU SatCen)", &t),
            None
        );
    }
}
