//! Which dump entities become KB entities, and how their fields map.
//!
//! The rules are deliberately few and stated in terms of Wikidata properties, so a
//! reader can predict what an import keeps: humans with positions, military service or
//! a chosen occupation; organisations that are instances of a chosen class.

use std::collections::HashSet;

use super::raw::{RawEntity, Value};
use super::time::kb_date;
use byline_kb::{Category, Entity, Role};

/// Q5, "human".
const HUMAN: &str = "Q5";
/// Q4164871, "position": items that are instances or subclasses of it are offices.
const POSITION: &str = "Q4164871";

/// Default occupations and the person type each maps to.
pub const OCCUPATION_TYPES: &[(&str, &str)] = &[
    ("Q82955", "politician"),
    ("Q189290", "military-officer"),
    ("Q193391", "diplomat"),
    ("Q1930187", "journalist"),
];

/// Default organisation classes and the organisation type each maps to.
pub const CLASS_TYPES: &[(&str, &str)] = &[
    ("Q192283", "news-agency"),
    ("Q176799", "armed-forces"),
    ("Q2001305", "intelligence-agency"),
    ("Q192350", "ministry"),
    ("Q245065", "intergovernmental"),
    ("Q7278", "party"),
    ("Q17149090", "armed-group"),
];

/// What to keep and in which languages to read names.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Language codes, most wanted first.
    pub languages: Vec<String>,
    pub occupations: HashSet<String>,
    /// Organisation classes, in the order given (the first matching class types it).
    pub classes: Vec<String>,
}

impl Default for Selection {
    fn default() -> Selection {
        Selection {
            languages: vec!["en".to_string()],
            occupations: OCCUPATION_TYPES
                .iter()
                .map(|(q, _)| q.to_string())
                .collect(),
            classes: CLASS_TYPES.iter().map(|(q, _)| q.to_string()).collect(),
        }
    }
}

/// A kept entity whose country is still a list of country QIDs (best first), resolved
/// once the whole dump has been read; role titles are position QIDs until then.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub entity: Entity,
    pub country_items: Vec<String>,
}

impl Selection {
    /// The KB entity for a dump entity, if it is kept: `None` for entities outside the
    /// selection and for those with no label in the chosen languages.
    pub fn candidate(&self, raw: &RawEntity, source: &str, as_of: &str) -> Option<Candidate> {
        let (kind, entity_type, country_property) = self.classify(raw)?;
        let name = self.label(raw)?.to_string();
        let roles = if kind == Category::Person {
            roles(raw)
        } else {
            Vec::new()
        };
        let (born, died) = if kind == Category::Person {
            (
                first_date(raw, "P569").unwrap_or_default(),
                first_date(raw, "P570").unwrap_or_default(),
            )
        } else {
            (String::new(), String::new())
        };
        let entity = Entity {
            id: raw.id.clone(),
            wikidata: raw.id.clone(),
            kind,
            entity_type: entity_type.to_string(),
            aliases: self.aliases(raw, &name),
            name,
            description: self.description(raw).unwrap_or_default().to_string(),
            born,
            died,
            source: source.to_string(),
            as_of: as_of.to_string(),
            roles,
            ..Entity::default()
        };
        let country_items = raw
            .item_values(country_property)
            .into_iter()
            .map(str::to_string)
            .collect();
        Some(Candidate {
            entity,
            country_items,
        })
    }

    /// Kind, type and the property that gives the country, or `None` when not kept.
    fn classify(&self, raw: &RawEntity) -> Option<(Category, &'static str, &'static str)> {
        let classes = raw.item_values("P31");
        if classes.contains(&HUMAN) {
            return self.person_type(raw).map(|t| (Category::Person, t, "P27"));
        }
        let class = self
            .classes
            .iter()
            .find(|c| classes.contains(&c.as_str()))?;
        let entity_type = CLASS_TYPES
            .iter()
            .find(|(q, _)| q == class)
            .map_or("organization", |(_, t)| t);
        Some((Category::Organization, entity_type, "P17"))
    }

    /// A kept person's type: the first chosen occupation that maps to a type, else
    /// military service, else positions held; `None` when the person is not kept.
    fn person_type(&self, raw: &RawEntity) -> Option<&'static str> {
        let occupations: Vec<&str> = raw
            .item_values("P106")
            .into_iter()
            .filter(|q| self.occupations.contains(*q))
            .collect();
        let military = raw.has_claim("P241") || raw.has_claim("P410");
        let positions = !raw.item_values("P39").is_empty();
        if occupations.is_empty() && !military && !positions {
            return None;
        }
        let by_occupation = occupations.iter().find_map(|q| {
            OCCUPATION_TYPES
                .iter()
                .find(|(occupation, _)| occupation == q)
                .map(|(_, t)| *t)
        });
        Some(match by_occupation {
            Some(t) => t,
            None if military => "military-officer",
            None if positions => "politician",
            None => "person",
        })
    }

    /// The label in the first chosen language that has one.
    pub fn label<'a>(&self, raw: &'a RawEntity) -> Option<&'a str> {
        self.languages
            .iter()
            .filter_map(|l| raw.labels.get(l))
            .map(|t| t.value.trim())
            .find(|v| !v.is_empty())
    }

    fn description<'a>(&self, raw: &'a RawEntity) -> Option<&'a str> {
        self.languages
            .iter()
            .filter_map(|l| raw.descriptions.get(l))
            .map(|t| t.value.trim())
            .find(|v| !v.is_empty())
    }

    /// Labels and aliases in the chosen languages, in language order, without the name
    /// and without repeats.
    fn aliases(&self, raw: &RawEntity, name: &str) -> Vec<String> {
        let mut seen: HashSet<&str> = HashSet::from([name]);
        let mut out = Vec::new();
        for language in &self.languages {
            let label = raw.labels.get(language).into_iter();
            let aliases = raw.aliases.get(language).into_iter().flatten();
            for text in label.chain(aliases) {
                let value = text.value.trim();
                if !value.is_empty() && seen.insert(value) {
                    out.push(value.to_string());
                }
            }
        }
        out
    }
}

/// Whether an item is an office, so its label is worth keeping for role titles.
pub fn is_position(raw: &RawEntity) -> bool {
    raw.item_values("P31").contains(&POSITION)
        || raw.item_values("P279").contains(&POSITION)
        || raw.has_claim("P1308")
}

/// The ISO 3166-1 alpha-2 code an item carries (P297), if well formed.
pub fn iso_code(raw: &RawEntity) -> Option<String> {
    raw.statements("P297")
        .into_iter()
        .find_map(|s| match s.mainsnak.value() {
            Some(Value::Str(code))
                if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                Some(code.clone())
            }
            _ => None,
        })
}

/// One role per P39 statement with an item value, titled by the position QID (replaced
/// by its label later if the position item is in the dump), oldest first.
fn roles(raw: &RawEntity) -> Vec<Role> {
    let mut roles: Vec<Role> = raw
        .statements("P39")
        .into_iter()
        .filter_map(|s| {
            Some(Role {
                title: s.mainsnak.item()?.to_string(),
                start: kb_date(s.qualifier("P580")),
                end: kb_date(s.qualifier("P582")),
                ..Role::default()
            })
        })
        .collect();
    // Newest last, as the KB format asks; roles without a start go first.
    roles.sort_by_key(|r| r.start_date().map(|d| d.earliest()));
    roles
}

/// The first well-formed date of a time property, best rank first.
fn first_date(raw: &RawEntity, property: &str) -> Option<String> {
    raw.statements(property)
        .into_iter()
        .map(|s| kb_date(s.mainsnak.value()))
        .find(|d| !d.is_empty())
}
