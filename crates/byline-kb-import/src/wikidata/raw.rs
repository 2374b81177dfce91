//! The part of a Wikidata dump entity the importer reads, deserialised leniently.
//!
//! A dump line is a whole entity with labels in hundreds of languages, site links and
//! hundreds of claims; we only need a dozen properties. Claims of other properties are
//! skipped with `IgnoredAny` (parsed, never allocated), which is most of the speed of
//! the importer. Wikidata's PHP serialiser writes an empty map as `[]`, so every map
//! here also accepts an array.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// Properties whose claims the importer reads; all others are skipped unparsed.
pub const WANTED_PROPERTIES: &[&str] = &[
    "P17",   // country
    "P27",   // country of citizenship
    "P31",   // instance of
    "P39",   // position held
    "P106",  // occupation
    "P241",  // military branch
    "P279",  // subclass of
    "P297",  // ISO 3166-1 alpha-2 code
    "P410",  // military rank
    "P569",  // date of birth
    "P570",  // date of death
    "P1308", // officeholder
];

/// One entity line of the dump.
#[derive(Debug, Default, Deserialize)]
pub struct RawEntity {
    #[serde(default)]
    pub id: String,
    #[serde(default, deserialize_with = "map_or_empty")]
    pub labels: HashMap<String, MonoText>,
    #[serde(default, deserialize_with = "map_or_empty")]
    pub descriptions: HashMap<String, MonoText>,
    #[serde(default, deserialize_with = "map_or_empty")]
    pub aliases: HashMap<String, Vec<MonoText>>,
    #[serde(default)]
    pub claims: Claims,
}

/// A text in one language (label, description or alias).
#[derive(Debug, Default, Deserialize)]
pub struct MonoText {
    #[serde(default)]
    pub value: String,
}

/// Claims of the wanted properties, by property id.
#[derive(Debug, Default)]
pub struct Claims(pub HashMap<String, Vec<Statement>>);

/// One statement: its main value, rank and qualifiers.
#[derive(Debug, Default, Deserialize)]
pub struct Statement {
    #[serde(default)]
    pub mainsnak: Snak,
    #[serde(default)]
    pub rank: String,
    #[serde(default, deserialize_with = "map_or_empty")]
    pub qualifiers: HashMap<String, Vec<Snak>>,
}

/// A property value; `datavalue` is absent for "some value" and "no value" snaks.
#[derive(Debug, Default, Deserialize)]
pub struct Snak {
    #[serde(default)]
    pub datavalue: Option<DataValue>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DataValue {
    #[serde(default)]
    pub value: Value,
}

/// The value kinds the importer understands; everything else is `Other`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Value {
    /// A plain string (external ids such as P297 codes).
    Str(String),
    /// A Wikidata item, by QID.
    Item(String),
    /// A point in time as Wikidata writes it: `+1955-10-07T00:00:00Z`, a precision
    /// (9 year, 10 month, 11 day) and the calendar model's item URL.
    Time {
        time: String,
        precision: u64,
        calendar: String,
    },
    #[default]
    Other,
}

impl RawEntity {
    /// Non-deprecated statements of a property, preferred rank first, in dump order
    /// otherwise: the order in which a "first" value should be taken.
    pub fn statements(&self, property: &str) -> Vec<&Statement> {
        let mut found: Vec<&Statement> = self
            .claims
            .0
            .get(property)
            .map(|list| list.iter().filter(|s| s.rank != "deprecated").collect())
            .unwrap_or_default();
        found.sort_by_key(|s| s.rank != "preferred");
        found
    }

    /// The item values of a property, best rank first.
    pub fn item_values(&self, property: &str) -> Vec<&str> {
        self.statements(property)
            .into_iter()
            .filter_map(|s| s.mainsnak.item())
            .collect()
    }

    pub fn has_claim(&self, property: &str) -> bool {
        !self.statements(property).is_empty()
    }
}

impl Statement {
    /// The first value of a qualifier.
    pub fn qualifier(&self, property: &str) -> Option<&Value> {
        self.qualifiers
            .get(property)?
            .iter()
            .find_map(|snak| snak.datavalue.as_ref().map(|d| &d.value))
    }
}

impl Snak {
    pub fn value(&self) -> Option<&Value> {
        self.datavalue.as_ref().map(|d| &d.value)
    }

    pub fn item(&self) -> Option<&str> {
        match self.value()? {
            Value::Item(id) => Some(id),
            _ => None,
        }
    }
}

/// A JSON object as a map, or an (empty) array as an empty map.
fn map_or_empty<'de, D, V>(deserializer: D) -> Result<HashMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct MapOrEmpty<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for MapOrEmpty<V> {
        type Value = HashMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object or an empty array")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = HashMap::with_capacity(map.size_hint().unwrap_or(0));
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                out.insert(key, value);
            }
            Ok(out)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(HashMap::new())
        }
    }

    deserializer.deserialize_any(MapOrEmpty(PhantomData))
}

impl<'de> Deserialize<'de> for Claims {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Claims, D::Error> {
        struct ClaimsVisitor;

        impl<'de> Visitor<'de> for ClaimsVisitor {
            type Value = Claims;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of claims by property")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Claims, A::Error> {
                let mut out = HashMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if WANTED_PROPERTIES.contains(&key.as_str()) {
                        out.insert(key, map.next_value::<Vec<Statement>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Claims(out))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Claims, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Claims::default())
            }
        }

        deserializer.deserialize_any(ClaimsVisitor)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Wikidata datavalue")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Str(v.to_string()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
                Ok(Value::Str(v))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
                Ok(Value::Other)
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
                Ok(Value::Other)
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
                Ok(Value::Other)
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
                Ok(Value::Other)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Other)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Value::Other)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut id = None;
                let mut numeric_id = None;
                let mut entity_type = None;
                let mut time = None;
                let mut precision = None;
                let mut calendar = String::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value::<String>()?),
                        "numeric-id" => numeric_id = Some(map.next_value::<u64>()?),
                        "entity-type" => entity_type = Some(map.next_value::<String>()?),
                        "time" => time = Some(map.next_value::<String>()?),
                        "precision" => precision = Some(map.next_value::<u64>()?),
                        "calendarmodel" => calendar = map.next_value::<String>()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                if let (Some(time), Some(precision)) = (time, precision) {
                    return Ok(Value::Time {
                        time,
                        precision,
                        calendar,
                    });
                }
                let is_item = entity_type.as_deref().is_none_or(|t| t == "item");
                Ok(match (id, numeric_id) {
                    (Some(id), _) if id.starts_with('Q') => Value::Item(id),
                    (None, Some(n)) if is_item && entity_type.is_some() => {
                        Value::Item(format!("Q{n}"))
                    }
                    _ => Value::Other,
                })
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_maps_written_as_arrays_are_accepted() {
        let raw: RawEntity =
            serde_json::from_str(r#"{"id":"Q1","labels":[],"aliases":[],"claims":[]}"#).unwrap();
        assert_eq!(raw.id, "Q1");
        assert!(raw.labels.is_empty() && raw.claims.0.is_empty());
    }

    #[test]
    fn only_wanted_properties_are_kept() {
        let raw: RawEntity = serde_json::from_str(
            r#"{"id":"Q1","claims":{
              "P31":[{"mainsnak":{"datavalue":{"value":{"entity-type":"item","numeric-id":5,"id":"Q5"},"type":"wikibase-entityid"}},"rank":"normal"}],
              "P18":[{"mainsnak":{"datavalue":{"value":"x.jpg","type":"string"}},"rank":"normal"}]}}"#,
        )
        .unwrap();
        assert_eq!(raw.item_values("P31"), vec!["Q5"]);
        assert!(!raw.claims.0.contains_key("P18"));
    }

    #[test]
    fn deprecated_statements_are_ignored_and_preferred_come_first() {
        let raw: RawEntity = serde_json::from_str(
            r#"{"id":"Q1","claims":{"P27":[
              {"mainsnak":{"datavalue":{"value":{"id":"Q1"}}},"rank":"deprecated"},
              {"mainsnak":{"datavalue":{"value":{"id":"Q2"}}},"rank":"normal"},
              {"mainsnak":{"datavalue":{"value":{"id":"Q3"}}},"rank":"preferred"}]}}"#,
        )
        .unwrap();
        assert_eq!(raw.item_values("P27"), vec!["Q3", "Q2"]);
    }
}
