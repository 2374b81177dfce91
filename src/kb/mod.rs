//! The knowledge base: entities with dated, sourced facts, and the indexes the analysis
//! uses to find them in text.

pub mod card;
pub mod date;
pub mod import;
pub mod index;
pub mod load;
pub mod model;
pub mod normalize;

use std::collections::HashMap;
use std::path::Path;

pub use date::PartialDate;
pub use load::KbError;
pub use model::{Category, Entity, Role};

use index::{NameIndex, TokenIndex};

include!(concat!(env!("OUT_DIR"), "/embedded_kb.rs"));

/// Index of an entity in `Kb::entities`.
pub type EntityId = u32;

/// A loaded, indexed knowledge base. Immutable once built; the language server swaps a
/// whole new `Kb` in when configuration changes.
pub struct Kb {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityId>,
    /// Where each entity came from: the KB file name.
    origins: Vec<String>,
    names: NameIndex,
    tokens: TokenIndex,
    /// Acronyms are matched case-sensitively ("IRNA", not "irna").
    acronyms: HashMap<String, Vec<EntityId>>,
    /// Country code → the country's entity, for context scoring.
    countries: HashMap<String, EntityId>,
}

/// Accumulates KB files; a later file's entity replaces an earlier one with the same
/// id, which gives house KBs precedence over the default.
#[derive(Default)]
pub struct KbBuilder {
    entities: Vec<Entity>,
    origins: Vec<String>,
    by_id: HashMap<String, usize>,
}

impl KbBuilder {
    pub fn new() -> KbBuilder {
        KbBuilder::default()
    }

    /// Adds the KB compiled into the binary.
    pub fn with_default(mut self) -> Result<KbBuilder, KbError> {
        for (name, text) in EMBEDDED_KB_FILES {
            let file = format!("<embedded>/{name}");
            let entities = if name.ends_with(".jsonl") {
                load::parse_jsonl(&file, text)?
            } else {
                load::parse_toml(&file, text)?
            };
            self.add(&file, entities);
        }
        Ok(self)
    }

    /// Adds one KB file from disk.
    pub fn with_file(mut self, path: &Path) -> Result<KbBuilder, KbError> {
        let entities = load::load_file(path)?;
        self.add(&path.display().to_string(), entities);
        Ok(self)
    }

    /// Adds entities from a named origin.
    pub fn add(&mut self, origin: &str, entities: Vec<Entity>) {
        for entity in entities {
            match self.by_id.get(&entity.id) {
                Some(&slot) => {
                    self.entities[slot] = entity;
                    self.origins[slot] = origin.to_string();
                }
                None => {
                    self.by_id.insert(entity.id.clone(), self.entities.len());
                    self.entities.push(entity);
                    self.origins.push(origin.to_string());
                }
            }
        }
    }

    pub fn build(self) -> Kb {
        Kb::from_entities(self.entities, self.origins)
    }
}

impl Kb {
    fn from_entities(entities: Vec<Entity>, origins: Vec<String>) -> Kb {
        let names = NameIndex::build(&entities);
        let tokens = TokenIndex::build(&entities);
        let mut by_id = HashMap::with_capacity(entities.len());
        let mut acronyms: HashMap<String, Vec<EntityId>> = HashMap::new();
        let mut countries = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            let id = index as EntityId;
            by_id.insert(entity.id.clone(), id);
            for acronym in &entity.acronyms {
                acronyms.entry(acronym.clone()).or_default().push(id);
            }
            if entity.entity_type == "country" && !entity.country.is_empty() {
                countries.insert(entity.country.clone(), id);
            }
        }
        Kb {
            entities,
            by_id,
            origins,
            names,
            tokens,
            acronyms,
            countries,
        }
    }

    /// The embedded default KB alone.
    pub fn default_kb() -> Result<Kb, KbError> {
        Ok(KbBuilder::new().with_default()?.build())
    }

    /// An empty KB, for tests and for `--no-default-kb`.
    pub fn empty() -> Kb {
        Kb::from_entities(Vec::new(), Vec::new())
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn origin(&self, id: EntityId) -> &str {
        &self.origins[id as usize]
    }

    pub fn find_id(&self, id: &str) -> Option<EntityId> {
        self.by_id.get(id).copied()
    }

    pub fn names(&self) -> &NameIndex {
        &self.names
    }

    pub fn tokens(&self) -> &TokenIndex {
        &self.tokens
    }

    pub fn acronym(&self, text: &str) -> &[EntityId] {
        self.acronyms.get(text).map_or(&[], Vec::as_slice)
    }

    pub fn country_entity(&self, code: &str) -> Option<EntityId> {
        self.countries.get(code).copied()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_kb_loads_and_indexes_example_people() {
        let kb = Kb::default_kb().unwrap();
        let id = kb.find_id("Q36073").unwrap();
        assert_eq!(kb.entity(id).name, "Valery Gerasimov");
        let targets = kb.names().get("valery gerasimov");
        assert!(targets.iter().any(|t| t.entity == id));
        assert!(kb.tokens().get("gerasimov").iter().any(|p| p.entity == id));
    }

    #[test]
    fn later_file_replaces_entity_with_same_id() {
        let mut builder = KbBuilder::new();
        let entity = |desc: &str| Entity {
            id: "x".into(),
            kind: Category::Person,
            entity_type: "person".into(),
            name: "Anna Example".into(),
            description: desc.into(),
            ..Entity::default()
        };
        builder.add("default", vec![entity("old")]);
        builder.add("house.toml", vec![entity("new")]);
        let kb = builder.build();
        assert_eq!(kb.len(), 1);
        assert_eq!(kb.entity(0).description, "new");
        assert_eq!(kb.origin(0), "house.toml");
    }
}
