//! How a compiled KB stores its entities: each entity one JSON array of its fields in a
//! fixed order (no field names), and the strings many entities repeat — kind, type,
//! country, source, `as_of`, and a role's title, organisation, country, source and
//! `as_of` — written once in a string table and referred to by their index.
//!
//! Field names and repeated provenance were half of the entity bytes (a GeoNames town
//! or an index company's key person repeats the same 50-character source), so this
//! halves the entities' share of the binary. An entity is still decoded only when it is
//! first used; the table is read in place (its offsets are the only thing built at
//! load), so loading parses nothing.

use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{AliasKind, AliasRecord, Category, Entity, Role};

/// Strings written once and referred to by index; index 0 is the empty string.
#[derive(Default)]
pub struct StringTableBuilder {
    strings: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl StringTableBuilder {
    pub fn new() -> StringTableBuilder {
        let mut table = StringTableBuilder::default();
        table.intern("");
        table
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The table as two sections' bytes: the strings one after another, and the
    /// little-endian u32 offset of each string's start with the end of the last.
    pub fn into_sections(self) -> (Vec<u8>, Vec<u8>) {
        let mut bytes = Vec::new();
        let mut offsets = vec![0u32];
        for s in &self.strings {
            bytes.extend_from_slice(s.as_bytes());
            offsets.push(bytes.len() as u32);
        }
        let offsets = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        (bytes, offsets)
    }
}

/// The string table of a compiled layer, borrowed from its bytes.
pub struct StringTable {
    bytes: &'static [u8],
    offsets: Vec<u32>,
}

impl StringTable {
    /// Checks the offsets (in order, inside the bytes, on character boundaries) once, so
    /// that a lookup cannot fail on a damaged file.
    pub fn new(bytes: &'static [u8], offset_bytes: &[u8]) -> Result<StringTable, String> {
        let offsets: Vec<u32> = offset_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        let valid = offsets.first() == Some(&0)
            && offsets.windows(2).all(|pair| pair[0] <= pair[1])
            && offsets
                .last()
                .is_some_and(|&end| end as usize == bytes.len())
            && std::str::from_utf8(bytes)
                .is_ok_and(|text| offsets.iter().all(|&o| text.is_char_boundary(o as usize)));
        if !valid {
            return Err("damaged string table".into());
        }
        Ok(StringTable { bytes, offsets })
    }

    fn get(&self, index: u32) -> Option<&'static str> {
        let i = index as usize;
        let (start, end) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        // Checked in `new`: UTF-8 with every offset on a character boundary.
        std::str::from_utf8(&self.bytes[start as usize..end as usize]).ok()
    }
}

#[derive(Serialize, Deserialize)]
struct PackedRole(u32, u32, u32, String, String, u32, u32);

/// An `AliasRecord` by position: its kind (index in `AliasKind::ALL`), its source
/// (table), and which of the entity's names it lists — bit 0 the name, bit i + 1
/// `aliases[i]` — with positions past 63 in a list that is omitted when empty. A
/// GeoNames town's "these five are unvetted" costs a dozen bytes, not its names again.
#[derive(Serialize, Deserialize)]
struct PackedAliasRecord(
    u8,
    u32,
    u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")] Vec<u32>,
);

/// The entity's fields in order. `alias_kinds` is last and left out when empty, so an
/// entity without kinds packs to the bytes it packed to before kinds existed.
#[derive(Serialize, Deserialize)]
struct PackedEntity(
    String,                                                                          // id
    String,                                                                          // wikidata
    u32,                                                                             // kind (table)
    u32,                                                                             // type (table)
    String,                                                                          // name
    Vec<String>,                                                                     // aliases
    Vec<String>,                                                                     // acronyms
    String,                                                                          // description
    u32,             // country (table)
    String,          // parent
    String,          // born
    String,          // died
    Option<f32>,     // prominence
    u32,             // source (table)
    u32,             // as_of (table)
    Vec<String>,     // banned
    Vec<PackedRole>, // roles
    #[serde(default, skip_serializing_if = "Vec::is_empty")] Vec<PackedAliasRecord>, // alias_kinds
);

fn pack_alias_record(
    entity: &Entity,
    record: &AliasRecord,
    table: &mut StringTableBuilder,
) -> PackedAliasRecord {
    let mut mask = 0u64;
    let mut beyond = Vec::new();
    for position in record.aliases.iter().filter_map(|alias| {
        entity
            .surface_forms()
            .position(|form| form == alias.as_str())
    }) {
        if position < 64 {
            mask |= 1 << position;
        } else {
            beyond.push(position as u32);
        }
    }
    let kind = AliasKind::ALL
        .iter()
        .position(|&k| k == record.kind)
        .expect("ALL lists every kind") as u8;
    PackedAliasRecord(kind, table.intern(&record.source), mask, beyond)
}

/// The record packed as `packed`, naming spellings of `name` and `aliases`.
fn unpack_alias_record(
    packed: PackedAliasRecord,
    name: &str,
    aliases: &[String],
    table: &StringTable,
) -> Option<AliasRecord> {
    let PackedAliasRecord(kind, source, mask, beyond) = packed;
    let form = |position: usize| -> Option<String> {
        match position {
            0 => Some(name.to_string()),
            p => aliases.get(p - 1).cloned(),
        }
    };
    let positions = (0..64)
        .filter(|bit| mask & (1 << bit) != 0)
        .chain(beyond.into_iter().map(|p| p as usize));
    Some(AliasRecord {
        kind: *AliasKind::ALL.get(usize::from(kind))?,
        source: table.get(source)?.to_string(),
        aliases: positions.map(form).collect::<Option<Vec<String>>>()?,
    })
}

/// Appends `entity`, packed, to `out`, adding its repeated strings to `table`.
pub fn write(entity: &Entity, table: &mut StringTableBuilder, out: &mut Vec<u8>) {
    let roles = entity
        .roles
        .iter()
        .map(|r| {
            PackedRole(
                table.intern(&r.title),
                table.intern(&r.organization),
                table.intern(&r.country),
                r.start.clone(),
                r.end.clone(),
                table.intern(&r.source),
                table.intern(&r.as_of),
            )
        })
        .collect();
    let packed = PackedEntity(
        entity.id.clone(),
        entity.wikidata.clone(),
        table.intern(entity.kind.as_str()),
        table.intern(&entity.entity_type),
        entity.name.clone(),
        entity.aliases.clone(),
        entity.acronyms.clone(),
        entity.description.clone(),
        table.intern(&entity.country),
        entity.parent.clone(),
        entity.born.clone(),
        entity.died.clone(),
        entity.prominence,
        table.intern(&entity.source),
        table.intern(&entity.as_of),
        entity.banned.clone(),
        roles,
        entity
            .alias_kinds
            .iter()
            .map(|record| pack_alias_record(entity, record, table))
            .collect(),
    );
    serde_json::to_writer(out, &packed).expect("entities serialise");
}

/// The category named `kind` in the table, or None for a name no category has.
fn category(kind: &str) -> Option<Category> {
    Some(match kind {
        "person" => Category::Person,
        "organization" => Category::Organization,
        "location" => Category::Location,
        "other" => Category::Other,
        _ => return None,
    })
}

/// What a scan can filter on before decoding an entity: its category, how many roles
/// it has and how many of them have a start or an end date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub category: Category,
    pub roles: usize,
    pub dated_roles: usize,
}

impl Head {
    /// The head of an entity already decoded.
    pub fn of(entity: &Entity) -> Head {
        Head {
            category: entity.category(),
            roles: entity.roles.len(),
            dated_roles: entity
                .roles
                .iter()
                .filter(|r| !r.start.is_empty() || !r.end.is_empty())
                .count(),
        }
    }
}

/// A reader of the leading fields of a packed entity (compact JSON: no spaces), by hand:
/// a scan of the whole KB reads a field or two of every entity, and a parse (even one
/// that ignores what it reads) costs several times more per byte.
struct Fields<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Fields<'b> {
    /// At the first field of `bytes`, or None when they are no JSON array.
    fn of(bytes: &'b [u8]) -> Option<Fields<'b>> {
        let mut fields = Fields { bytes, at: 0 };
        fields.expect(b'[')?;
        Some(fields)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// Past a string and the comma after it.
    fn skip_string(&mut self) -> Option<()> {
        self.skip_string_alone()?;
        self.expect(b',')
    }

    /// Past a string.
    fn skip_string_alone(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            // `memchr2`: a description is a few hundred bytes, read many at a time.
            self.at += memchr::memchr2(b'"', b'\\', self.bytes.get(self.at..)?)?;
            match self.bytes[self.at] {
                b'\\' => self.at += 2,
                _ => break,
            }
        }
        self.at += 1;
        Some(())
    }

    /// Past an array of strings and the comma after it.
    fn skip_strings(&mut self) -> Option<()> {
        self.expect(b'[')?;
        if self.expect(b']').is_none() {
            loop {
                self.skip_string_alone()?;
                if self.expect(b']').is_some() {
                    break;
                }
                self.expect(b',')?;
            }
        }
        self.expect(b',')
    }

    /// A table index, and past the comma after it.
    fn index(&mut self) -> Option<u32> {
        let digits = self.bytes[self.at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let index = std::str::from_utf8(&self.bytes[self.at..self.at + digits])
            .ok()?
            .parse()
            .ok()?;
        self.at += digits;
        self.expect(b',')?;
        Some(index)
    }
}

/// The category of the entity packed in `bytes`, read by hand from its third field
/// (the first two are strings), or None when the bytes are not laid out so. Cheaper
/// than any parse: a scan for the persons with roles (the title checks' office index)
/// reads it for each of the 70,000 entities of the default KB and parses the rest of
/// an entity only when it is a person.
fn category_at(bytes: &[u8], table: &StringTable) -> Option<Category> {
    let mut fields = Fields::of(bytes)?;
    fields.skip_string()?; // id
    fields.skip_string()?; // wikidata
    category(table.get(fields.index()?)?)
}

/// The country (ISO code) of the entity packed in `bytes`, read by hand from its ninth
/// field, or None when the bytes or the table index are damaged: a scan for the places
/// of a few countries reads it for every place and decodes those places only.
pub fn country<'t>(bytes: &[u8], table: &'t StringTable) -> Option<&'t str> {
    let mut fields = Fields::of(bytes)?;
    fields.skip_string()?; // id
    fields.skip_string()?; // wikidata
    fields.index()?; // kind
    fields.index()?; // type
    fields.skip_string()?; // name
    fields.skip_strings()?; // aliases
    fields.skip_strings()?; // acronyms
    fields.skip_string()?; // description
    table.get(fields.index()?)
}

/// The head of the entity packed in `bytes`, read without allocating (every other field
/// is skipped), or None when the bytes or the kind's table index are damaged; with
/// `roles_of` false for its category, its roles are not counted (left 0), and only
/// its category is read. A scan for the persons with dated roles otherwise decoded all
/// 70,000 entities of the default KB, 45 % of a `byline check` of 1 MB of news.
pub fn head(
    bytes: &[u8],
    table: &StringTable,
    roles_of: impl Fn(Category) -> bool,
) -> Option<Head> {
    /// The length of the roles (field 16) and how many have a start or an end, other
    /// fields ignored.
    struct RolesVisitor;
    impl<'de> Visitor<'de> for RolesVisitor {
        type Value = (usize, usize);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a packed entity")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(usize, usize), A::Error> {
            let short = || de::Error::custom("a packed entity with too few fields");
            for _ in 0..16 {
                seq.next_element::<IgnoredAny>()?.ok_or_else(short)?;
            }
            let roles: Vec<RoleDates> = seq.next_element()?.ok_or_else(short)?;
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            let dated = roles.iter().filter(|r| r.3 || r.4).count();
            Ok((roles.len(), dated))
        }
    }
    let category = category_at(bytes, table)?;
    if !roles_of(category) {
        return Some(Head {
            category,
            roles: 0,
            dated_roles: 0,
        });
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let (roles, dated_roles) = deserializer.deserialize_seq(RolesVisitor).ok()?;
    deserializer.end().ok()?;
    Some(Head {
        category,
        roles,
        dated_roles,
    })
}

/// A packed role read for whether its start (3) and end (4) are written.
#[derive(Deserialize)]
struct RoleDates(
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    #[serde(deserialize_with = "non_empty")] bool,
    #[serde(deserialize_with = "non_empty")] bool,
    IgnoredAny,
    IgnoredAny,
);

/// Whether a string field is non-empty, read without keeping it.
fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct NonEmpty;
    impl Visitor<'_> for NonEmpty {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<bool, E> {
            Ok(!s.is_empty())
        }
    }
    deserializer.deserialize_str(NonEmpty)
}

/// The entity packed in `bytes`, or None when the bytes or a table index are damaged.
pub fn read(bytes: &[u8], table: &StringTable) -> Option<Entity> {
    let PackedEntity(
        id,
        wikidata,
        kind,
        entity_type,
        name,
        aliases,
        acronyms,
        description,
        country,
        parent,
        born,
        died,
        prominence,
        source,
        as_of,
        banned,
        roles,
        alias_kinds,
    ) = serde_json::from_slice(bytes).ok()?;
    let text = |index: u32| table.get(index).map(str::to_string);
    let kind = category(table.get(kind)?)?;
    let roles = roles
        .into_iter()
        .map(
            |PackedRole(title, organization, country, start, end, source, as_of)| {
                Some(Role {
                    title: text(title)?,
                    organization: text(organization)?,
                    country: text(country)?,
                    start,
                    end,
                    source: text(source)?,
                    as_of: text(as_of)?,
                })
            },
        )
        .collect::<Option<Vec<Role>>>()?;
    let alias_kinds = alias_kinds
        .into_iter()
        .map(|record| unpack_alias_record(record, &name, &aliases, table))
        .collect::<Option<Vec<AliasRecord>>>()?;
    Some(Entity {
        id,
        wikidata,
        kind,
        entity_type: text(entity_type)?,
        name,
        aliases,
        acronyms,
        alias_kinds,
        description,
        country: text(country)?,
        parent,
        born,
        died,
        prominence,
        source: text(source)?,
        as_of: text(as_of)?,
        banned,
        roles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(builder: StringTableBuilder) -> StringTable {
        let (bytes, offsets) = builder.into_sections();
        StringTable::new(Box::leak(bytes.into_boxed_slice()), &offsets).unwrap()
    }

    proptest::proptest! {
        /// The hand reader of the country agrees with the whole decode, whatever the
        /// strings before it hold (quotes, backslashes, commas, brackets, no aliases).
        #[test]
        fn the_country_read_by_hand_is_the_decoded_country(
            name in "\\PC{0,12}",
            aliases in proptest::collection::vec("[\"\\\\,\\[\\]a-z ]{0,6}", 0..3),
            acronyms in proptest::collection::vec("[A-Z\"]{0,4}", 0..2),
            description in "[\"\\\\,\\[\\]\\PC]{0,20}",
            code in "[A-Z]{0,2}",
        ) {
            let entity = Entity {
                id: "geonames-1".into(),
                kind: Category::Location,
                name,
                aliases,
                acronyms,
                description,
                country: code,
                ..Entity::default()
            };
            let mut builder = StringTableBuilder::default();
            let mut bytes = Vec::new();
            write(&entity, &mut builder, &mut bytes);
            let table = table_of(builder);
            let decoded = read(&bytes, &table).expect("written bytes read back");
            proptest::prop_assert_eq!(country(&bytes, &table), Some(decoded.country.as_str()));
            proptest::prop_assert_eq!(category_at(&bytes, &table), Some(Category::Location));
        }
    }

    #[test]
    fn an_entity_reads_back_as_written_every_field_set() {
        let entity = Entity {
            id: "Q36073".into(),
            wikidata: "Q36073".into(),
            kind: Category::Person,
            entity_type: "military-officer".into(),
            name: "Valery Gerasimov".into(),
            aliases: vec!["Valeri Gerasimov".into(), "Валерий Герасимов".into()],
            acronyms: vec!["VG".into()],
            alias_kinds: vec![
                AliasRecord {
                    kind: AliasKind::Romanisation,
                    source: "BGN/PCGN".into(),
                    // In position order (name, then aliases), as it reads back.
                    aliases: vec!["Valery Gerasimov".into(), "Valeri Gerasimov".into()],
                },
                AliasRecord {
                    kind: AliasKind::OtherLanguage,
                    source: String::new(),
                    aliases: vec!["Валерий Герасимов".into()],
                },
            ],
            description: "Chief of the \"General Staff\".".into(),
            country: "RU".into(),
            parent: "general-staff".into(),
            born: "1955-09-08".into(),
            died: String::new(),
            prominence: Some(0.3),
            source: "every-politician/russia".into(),
            as_of: "2022-07-23".into(),
            banned: vec!["Gerasimovis".into()],
            roles: vec![Role {
                title: "Chief of the General Staff".into(),
                organization: "General Staff".into(),
                country: "RU".into(),
                start: "2012-11-09".into(),
                end: String::new(),
                source: "every-politician/russia".into(),
                as_of: String::new(),
            }],
        };
        let mut table = StringTableBuilder::new();
        let mut bytes = Vec::new();
        write(&entity, &mut table, &mut bytes);
        let plain = Entity {
            id: "x".into(),
            kind: Category::Other,
            entity_type: "other".into(),
            name: "X".into(),
            ..Entity::default()
        };
        let start = bytes.len();
        write(&plain, &mut table, &mut bytes);
        let table = table_of(table);
        assert_eq!(read(&bytes[..start], &table).as_ref(), Some(&entity));
        assert_eq!(read(&bytes[start..], &table).as_ref(), Some(&plain));
        // The head, read without decoding, agrees with the decoded entities.
        for (bytes, entity) in [(&bytes[..start], &entity), (&bytes[start..], &plain)] {
            let head = Head::of(entity);
            assert_eq!(super::head(bytes, &table, |_| true), Some(head));
            assert_eq!(head.dated_roles, entity.roles.len());
            let category_only = Head {
                roles: 0,
                dated_roles: 0,
                ..head
            };
            assert_eq!(super::head(bytes, &table, |_| false), Some(category_only));
        }
    }

    #[test]
    fn an_entity_without_alias_kinds_packs_as_before_and_a_record_past_64_aliases_reads_back() {
        let mut entity = Entity {
            id: "x".into(),
            kind: Category::Location,
            entity_type: "city".into(),
            name: "X".into(),
            aliases: (0..70).map(|i| format!("X{i}")).collect(),
            ..Entity::default()
        };
        let mut table = StringTableBuilder::new();
        let mut bytes = Vec::new();
        write(&entity, &mut table, &mut bytes);
        assert!(bytes.ends_with(b",[]]"), "no trailing kinds field");
        entity.alias_kinds = vec![AliasRecord {
            kind: AliasKind::Unvetted,
            source: "GeoNames alternate names".into(),
            aliases: vec!["X2".into(), "X68".into(), "X".into()],
        }];
        let start = bytes.len();
        write(&entity, &mut table, &mut bytes);
        let table = table_of(table);
        let read_back = read(&bytes[start..], &table).unwrap();
        // Read back in position order: the name, then the aliases.
        assert_eq!(read_back.alias_kinds[0].aliases, ["X", "X2", "X68"]);
        assert_eq!(read_back.alias_kind("X68"), Some(AliasKind::Unvetted));
    }

    #[test]
    fn damaged_bytes_or_a_table_index_out_of_range_read_as_none() {
        let table = table_of(StringTableBuilder::new());
        assert_eq!(read(b"[1,2", &table), None);
        let out_of_range = br#"["x","",99,0,"X",[],[],"",0,"","","",null,0,0,[],[]]"#;
        assert_eq!(read(out_of_range, &table), None);
        let all = |_| true;
        assert_eq!(head(b"[1,2", &table, all), None);
        assert_eq!(head(br#"["x","",0,0,"X"]"#, &table, all), None);
        assert_eq!(head(out_of_range, &table, all), None);
    }

    #[test]
    fn a_damaged_string_table_is_refused() {
        assert!(StringTable::new(b"abc", &[0, 0, 0, 0, 9, 0, 0, 0]).is_err());
        assert!(StringTable::new("é".as_bytes(), &[0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]).is_err());
    }
}
