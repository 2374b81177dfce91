//! The knowledge base: entities with dated, sourced facts, and the indexes the analysis
//! uses to find them in text.
//!
//! A `Kb` is a stack of layers: the compiled default KB (built by the main crate's
//! build script and embedded in the binary, loaded without parsing: its fst indexes
//! are used in place and entities are decoded on first use), then each KB file the user
//! adds. An entity in a later layer hides one with the same id in an earlier layer, so
//! a house KB takes precedence over the default.
//!
//! This is a crate of its own so the main crate's build script can compile the default
//! KB with the very code that reads it.

mod answer_cache;
pub mod date;
pub mod deletions;
pub mod index;
pub mod lexicon;
pub mod load;
pub mod model;
pub mod name_forms;
pub mod normalize;
mod packed;
pub mod words;

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

pub use date::PartialDate;
pub use load::KbError;
pub use model::{AliasKind, AliasRecord, Category, Entity, Role};
pub use name_forms::NameForms;
pub use packed::Head as EntityHead;

use answer_cache::AnswerCache;
use deletions::DeletionIndex;
use index::{EntityPosting, NameIndex, NameTarget, SectionReader, TokenIndex, TokenPosting};

/// A value derived from a whole KB (`Kb::derived`), built once by whichever thread
/// asks first.
type DerivedCell = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// An entity's handle: layer in the high 8 bits, index within the layer below.
pub type EntityId = u32;

const LAYER_SHIFT: u32 = 24;
const INDEX_MASK: u32 = (1 << LAYER_SHIFT) - 1;
/// Magic and version of the compiled KB format. `BYLKB011`: the token index posts a
/// surname without its Romance particle too ("Moraes" of "de Moraes"), so a file
/// compiled before it would link differently from its sources; it is refused, to be
/// compiled again.
const COMPILED_MAGIC: &[u8; 8] = b"BYLKB011";

fn make_id(layer: usize, index: u32) -> EntityId {
    ((layer as u32) << LAYER_SHIFT) | index
}

/// Entities of a layer: parsed (house files) or packed (`packed.rs`) and decoded on
/// first use.
enum Store {
    Owned(Vec<Entity>),
    Compiled {
        json: &'static [u8],
        offsets: Vec<u32>,
        table: packed::StringTable,
        decoded: Vec<OnceLock<Box<Entity>>>,
    },
}

/// Entity ids (QIDs, slugs) → index in the layer. A compiled layer keeps an fst map
/// borrowed from the binary, so no map of 33k strings is built at start-up.
enum IdIndex {
    Owned(HashMap<String, u32>),
    Compiled(fst::Map<Cow<'static, [u8]>>),
}

impl IdIndex {
    fn get(&self, id: &str) -> Option<u32> {
        match self {
            IdIndex::Owned(map) => map.get(id).copied(),
            IdIndex::Compiled(map) => map.get(id).map(|i| i as u32),
        }
    }

    /// Every id with its index in the layer.
    fn entries(&self) -> Vec<(String, u32)> {
        match self {
            IdIndex::Owned(map) => map.iter().map(|(id, &i)| (id.clone(), i)).collect(),
            IdIndex::Compiled(map) => {
                use fst::{IntoStreamer, Streamer};
                let mut entries = Vec::with_capacity(map.len());
                let mut stream = map.into_stream();
                while let Some((key, index)) = stream.next() {
                    entries.push((String::from_utf8_lossy(key).into_owned(), index as u32));
                }
                entries
            }
        }
    }
}

struct Layer {
    origin: String,
    store: Store,
    ids: IdIndex,
    names: NameIndex,
    tokens: TokenIndex,
    /// Every folded word of every name key (banned forms included), so a search for a
    /// slip inside a multi-word name tries only spellings that some name contains.
    name_words: fst::Set<Cow<'static, [u8]>>,
    /// A deletion index of depth 1 over `name_words`: the words one edit from a slip
    /// in a few lookups. Compiled layers carry it; a parsed layer builds it on first use.
    name_word_deletions: OnceLock<DeletionIndex>,
    /// Acronyms as written. Fx hashing, as `lowercase_starts`: the recogniser asks
    /// both at every word of a story, and SipHash cost more than the answer.
    acronyms: FxHashMap<String, Vec<u32>>,
    /// First words of the names written with a lowercase first word ("al-Shabaab",
    /// "von der Leyen" as a surname): only these can start a name at a lowercase word
    /// of a story, so the recogniser asks the name index at no other lowercase word.
    lowercase_starts: FxHashSet<String>,
}

/// The first words of `names`' keys some form writes in lowercase (see
/// `Layer::lowercase_starts`).
fn lowercase_starts(names: &NameIndex) -> FxHashSet<String> {
    names
        .keys_with_prefix("", usize::MAX)
        .into_iter()
        .filter(|(_, targets)| targets.iter().any(|t| t.caps & 1 == 0))
        .filter_map(|(key, _)| key.split(' ').next().map(str::to_string))
        .collect()
}

/// The depth of the name-word deletion index: the slip search asks for one edit.
const NAME_WORD_DELETION_DEPTH: u32 = 1;

impl Layer {
    fn from_entities(origin: &str, entities: Vec<Entity>) -> Layer {
        let names = NameIndex::build(&entities);
        let tokens = TokenIndex::build(&entities);
        let words: std::collections::BTreeSet<String> = entities
            .iter()
            .flat_map(|e| e.banned.iter().map(String::as_str).chain(e.surface_forms()))
            .flat_map(index::name_tokens)
            .collect();
        let name_words = fst::Set::from_iter(words)
            .expect("a BTreeSet is sorted")
            .into_fst()
            .into_inner();
        let name_words = fst::Set::new(Cow::Owned(name_words)).expect("just built");
        let mut ids = HashMap::with_capacity(entities.len());
        let mut acronyms: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (index, entity) in entities.iter().enumerate() {
            ids.insert(entity.id.clone(), index as u32);
            for acronym in &entity.acronyms {
                acronyms
                    .entry(acronym.clone())
                    .or_default()
                    .push(index as u32);
            }
        }
        Layer {
            origin: origin.to_string(),
            store: Store::Owned(entities),
            ids: IdIndex::Owned(ids),
            lowercase_starts: lowercase_starts(&names),
            names,
            tokens,
            name_words,
            name_word_deletions: OnceLock::new(),
            acronyms,
        }
    }

    fn name_word_deletions(&self) -> &DeletionIndex {
        self.name_word_deletions.get_or_init(|| {
            DeletionIndex::of_fst_keys(self.name_words.as_fst(), NAME_WORD_DELETION_DEPTH)
        })
    }

    fn len(&self) -> usize {
        match &self.store {
            Store::Owned(entities) => entities.len(),
            Store::Compiled { offsets, .. } => offsets.len() - 1,
        }
    }

    /// Calls `visit` with the entity at `index` without keeping what it decodes: a scan
    /// of the whole KB (an index built once) must not leave 70,000 decoded entities
    /// resident for the life of a server.
    fn with_entity<R>(&self, index: u32, visit: impl FnOnce(&Entity) -> R) -> R {
        match &self.store {
            Store::Owned(entities) => visit(&entities[index as usize]),
            Store::Compiled {
                json,
                offsets,
                table,
                decoded,
            } => match decoded[index as usize].get() {
                Some(entity) => visit(entity),
                None => {
                    let i = index as usize;
                    let bytes = &json[offsets[i] as usize..offsets[i + 1] as usize];
                    visit(&packed::read(bytes, table).unwrap_or_else(|| unreadable_entity(i)))
                }
            },
        }
    }

    /// The packed bytes of the entity at `index` and the table they index, when it is
    /// compiled and not decoded yet: what a filtered scan reads before it decodes.
    fn packed_if_undecoded(&self, index: u32) -> Option<(&[u8], &packed::StringTable)> {
        match &self.store {
            Store::Compiled {
                json,
                offsets,
                table,
                decoded,
            } if decoded[index as usize].get().is_none() => {
                let i = index as usize;
                Some((&json[offsets[i] as usize..offsets[i + 1] as usize], table))
            }
            _ => None,
        }
    }

    /// Like `with_entity`, but visits only an entity of `category` whose head `keep`
    /// accepts, read from the packed bytes without decoding the entity when it is not
    /// decoded yet (damaged bytes are decoded as `with_entity` does, and their
    /// stand-in is tested).
    fn with_entity_if(
        &self,
        index: u32,
        category: Category,
        keep: impl Fn(EntityHead) -> bool,
        visit: impl FnOnce(&Entity),
    ) {
        let wanted = |head: EntityHead| head.category == category && keep(head);
        if let Some((bytes, table)) = self.packed_if_undecoded(index) {
            let head = packed::head(bytes, table, |c| c == category);
            if head.is_some_and(|head| !wanted(head)) {
                return;
            }
        }
        self.with_entity(index, |entity| {
            if wanted(EntityHead::of(entity)) {
                visit(entity)
            }
        })
    }

    /// Like `with_entity_if`, but for an entity of `category` whose country `keep`
    /// accepts, read from the packed bytes without decoding the entity.
    fn with_entity_of_country(
        &self,
        index: u32,
        category: Category,
        keep: &impl Fn(&str) -> bool,
        visit: impl FnOnce(&Entity),
    ) {
        if let Some((bytes, table)) = self.packed_if_undecoded(index) {
            let wanted = packed::head(bytes, table, |_| false)
                .is_some_and(|head| head.category == category)
                && packed::country(bytes, table).is_some_and(keep);
            if !wanted {
                return;
            }
        }
        self.with_entity(index, |entity| {
            if entity.category() == category && keep(&entity.country) {
                visit(entity)
            }
        })
    }

    fn entity(&self, index: u32) -> &Entity {
        match &self.store {
            Store::Owned(entities) => &entities[index as usize],
            Store::Compiled {
                json,
                offsets,
                table,
                decoded,
            } => decoded[index as usize].get_or_init(|| {
                let i = index as usize;
                let bytes = &json[offsets[i] as usize..offsets[i + 1] as usize];
                // A damaged compiled file must not stop a server: the entry reads as
                // unknown rather than panicking (the embedded default is checked when
                // it is built, so this only meets user files).
                Box::new(packed::read(bytes, table).unwrap_or_else(|| unreadable_entity(i)))
            }),
        }
    }

    /// Serialises this layer (entities in order) to the compiled format.
    fn compile(&self) -> Vec<u8> {
        let mut out = COMPILED_MAGIC.to_vec();
        let mut json = Vec::new();
        let mut offsets = vec![0u32];
        let mut ids = BTreeMap::new();
        let mut table = packed::StringTableBuilder::new();
        for index in 0..self.len() as u32 {
            let entity = self.entity(index);
            packed::write(entity, &mut table, &mut json);
            offsets.push(json.len() as u32);
            ids.insert(entity.id.clone(), u64::from(index));
        }
        index::write_section(&mut out, &json);
        let offset_bytes: Vec<u8> = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        index::write_section(&mut out, &offset_bytes);
        let (strings, string_offsets) = table.into_sections();
        index::write_section(&mut out, &strings);
        index::write_section(&mut out, &string_offsets);
        let id_map = fst::Map::from_iter(ids).expect("ids are sorted and unique in a layer");
        index::write_section(&mut out, id_map.as_fst().as_bytes());
        let mut acronyms: Vec<(&String, &Vec<u32>)> = self.acronyms.iter().collect();
        acronyms.sort();
        index::write_section(
            &mut out,
            serde_json::to_string(&acronyms)
                .expect("serialises")
                .as_bytes(),
        );
        self.names.write(&mut out);
        self.tokens.write(&mut out);
        index::write_section(&mut out, self.name_words.as_fst().as_bytes());
        self.name_word_deletions().write(&mut out);
        let mut starts: Vec<&String> = self.lowercase_starts.iter().collect();
        starts.sort();
        index::write_section(
            &mut out,
            serde_json::to_string(&starts)
                .expect("serialises")
                .as_bytes(),
        );
        out
    }

    fn from_compiled(origin: &str, bytes: &'static [u8]) -> Result<Layer, String> {
        let body = bytes
            .strip_prefix(COMPILED_MAGIC.as_slice())
            .ok_or("not a compiled Byline KB of this version (bad magic or an older format: compile it again with `byline kb compile`)")?;
        let mut reader = SectionReader::new(body);
        let json = reader.next_section()?;
        let offsets: Vec<u32> = reader
            .next_section()?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        let in_order = offsets.first() == Some(&0)
            && offsets.windows(2).all(|pair| pair[0] <= pair[1])
            && offsets
                .last()
                .is_some_and(|&end| end as usize == json.len());
        if !in_order {
            return Err("damaged entity table".into());
        }
        let table = packed::StringTable::new(reader.next_section()?, reader.next_section()?)?;
        let ids = fst::Map::new(Cow::Borrowed(reader.next_section()?))
            .map_err(|e| format!("bad id index: {e}"))?;
        let acronym_list: Vec<(String, Vec<u32>)> =
            serde_json::from_slice(reader.next_section()?).map_err(|e| e.to_string())?;
        let names = NameIndex::read(&mut reader)?;
        let tokens = TokenIndex::read(&mut reader)?;
        let name_words = fst::Set::new(Cow::Borrowed(reader.next_section()?))
            .map_err(|e| format!("bad name-word index: {e}"))?;
        let name_word_deletions =
            DeletionIndex::read(&mut reader, name_words.len(), NAME_WORD_DELETION_DEPTH)?;
        let lowercase_starts: FxHashSet<String> =
            serde_json::from_slice(reader.next_section()?).map_err(|e| e.to_string())?;
        let count = offsets.len().saturating_sub(1);
        Ok(Layer {
            origin: origin.to_string(),
            store: Store::Compiled {
                json,
                offsets,
                table,
                decoded: (0..count).map(|_| OnceLock::new()).collect(),
            },
            ids: IdIndex::Compiled(ids),
            names,
            tokens,
            name_words,
            name_word_deletions: OnceLock::from(name_word_deletions),
            acronyms: acronym_list.into_iter().collect(),
            lowercase_starts,
        })
    }
}

/// What a damaged entry of a compiled KB file reads as.
fn unreadable_entity(index: usize) -> Entity {
    Entity {
        id: format!("unreadable-{index}"),
        kind: Category::Other,
        entity_type: "other".into(),
        name: format!("(unreadable KB entry {index})"),
        ..Entity::default()
    }
}

/// Whether `path` starts like a compiled KB ("BYLKB" and a format version).
fn is_compiled_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut head))
        .is_ok_and(|()| head == COMPILED_MAGIC[..5])
}

/// A loaded, layered knowledge base. Immutable once built; the language server swaps a
/// whole new `Kb` in when configuration changes.
pub struct Kb {
    layers: Vec<Layer>,
    /// Entities hidden by an entity with the same id in a later layer.
    hidden: HashSet<EntityId>,
    /// `tokens_near` answers, shared by every analysis with this KB: a batch repeats its
    /// unknown names across files, and the server re-analyses mostly unchanged text.
    near_cache: AnswerCache<NearQuery, Vec<(String, Vec<TokenPosting>)>>,
    /// `name_words_one_edit_from` answers, shared the same way (the multi-word slip
    /// search and the linker's other-romanisation test ask for each unknown word).
    one_edit_cache: AnswerCache<String, [String]>,
    /// Indexes a caller derives from the whole KB (`Kb::derived`), one cell per type:
    /// the map's lock is held only to find the cell, and the cell's `OnceLock` makes a
    /// second thread wait for the first one's build instead of building its own.
    derived: Mutex<HashMap<TypeId, DerivedCell>>,
    /// Spellings of given names and surnames (`Kb::name_forms`); the default KB's
    /// table, none for a KB of house files alone.
    name_forms: Option<NameForms>,
}

/// KB name tokens near a query, with their postings (see `Kb::tokens_near`).
///
/// Shared (`Arc`): the cache hands the same answer to every analysis that asks, and a
/// story asks for each of its capitalised words.
pub type NearTokens = Arc<Vec<(String, Vec<TokenPosting>)>>;

/// A `tokens_near` question: the token, the distance, the longest suffix.
type NearQuery = (String, u32, usize);

/// Entries kept in each of the KB's fuzzy-answer caches before it starts over (bounds
/// their memory).
const NEAR_CACHE_LIMIT: usize = 50_000;

/// Accumulates KB layers in precedence order (later wins).
#[derive(Default)]
pub struct KbBuilder {
    layers: Vec<Layer>,
    name_forms: Option<NameForms>,
}

impl KbBuilder {
    pub fn new() -> KbBuilder {
        KbBuilder::default()
    }

    /// Adds a compiled KB (the embedded default) as a layer.
    pub fn with_compiled(
        mut self,
        origin: &str,
        bytes: &'static [u8],
    ) -> Result<KbBuilder, KbError> {
        let layer = Layer::from_compiled(origin, bytes).map_err(|message| KbError {
            file: origin.to_string(),
            line: 0,
            column: 0,
            message,
        })?;
        self.layers.push(layer);
        Ok(self)
    }

    /// Sets the name-group table `Kb::name_forms` answers from (`name_forms.rs` has
    /// its format); a later call replaces an earlier one.
    pub fn with_name_forms(mut self, text: &'static str) -> KbBuilder {
        self.name_forms = Some(NameForms::new(text));
        self
    }

    /// Adds one KB file from disk as a layer: a compiled KB (`byline kb compile`) is
    /// memory-mapped, TOML and JSONL are parsed and indexed.
    pub fn with_file(mut self, path: &Path) -> Result<KbBuilder, KbError> {
        if is_compiled_file(path) {
            return self.with_compiled_file(path);
        }
        let entities = load::load_file(path)?;
        self.add(&path.display().to_string(), entities);
        Ok(self)
    }

    /// Maps a compiled KB file and adds it as a layer. The mapping lives as long as the
    /// process (the layer borrows it for `'static`, like the embedded default), so a
    /// server that reloads its configuration keeps the old mapping: address space, not
    /// memory, since its pages are the file's and the kernel drops them when unused.
    /// `byline kb compile` replaces files by rename, so a mapped file is never
    /// truncated under a running server.
    pub fn with_compiled_file(self, path: &Path) -> Result<KbBuilder, KbError> {
        let error = |message: String| KbError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message,
        };
        let file = std::fs::File::open(path).map_err(|e| error(e.to_string()))?;
        // SAFETY: the map is read-only and never written through; the file is only
        // ever replaced by rename, never rewritten in place (see above).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| error(e.to_string()))?;
        let bytes: &'static [u8] = Box::leak(Box::new(map));
        let origin = path.display().to_string();
        self.with_compiled(&origin, bytes).map_err(|e| {
            error(format!(
                "{} (rebuild it with `byline kb compile`)",
                e.message
            ))
        })
    }

    /// Adds entities from a named origin as a layer. Within one layer a later entity
    /// with the same id replaces an earlier one.
    pub fn add(&mut self, origin: &str, entities: Vec<Entity>) {
        let mut merged: Vec<Entity> = Vec::with_capacity(entities.len());
        let mut slots: HashMap<String, usize> = HashMap::new();
        for entity in entities {
            match slots.get(&entity.id) {
                Some(&slot) => merged[slot] = entity,
                None => {
                    slots.insert(entity.id.clone(), merged.len());
                    merged.push(entity);
                }
            }
        }
        self.layers.push(Layer::from_entities(origin, merged));
    }

    pub fn build(self) -> Kb {
        let mut hidden = HashSet::new();
        for (later, layer) in self.layers.iter().enumerate().skip(1) {
            for (earlier, other) in self.layers[..later].iter().enumerate() {
                // Walk the smaller layer's ids and look each up in the larger: a house
                // KB of ten entries over a million-entity one costs ten lookups, and a
                // million-entity file over the default costs the default's 33,000.
                if layer.len() <= other.len() {
                    for (id, _) in layer.ids.entries() {
                        if let Some(index) = other.ids.get(&id) {
                            hidden.insert(make_id(earlier, index));
                        }
                    }
                } else {
                    for (id, index) in other.ids.entries() {
                        if layer.ids.get(&id).is_some() {
                            hidden.insert(make_id(earlier, index));
                        }
                    }
                }
            }
        }
        Kb {
            layers: self.layers,
            hidden,
            near_cache: AnswerCache::new(NEAR_CACHE_LIMIT),
            one_edit_cache: AnswerCache::new(NEAR_CACHE_LIMIT),
            derived: Mutex::new(HashMap::new()),
            name_forms: self.name_forms,
        }
    }

    /// Compiles all added entities into one layer's bytes, for embedding.
    pub fn compile(self) -> Vec<u8> {
        let kb = self.build();
        let entities: Vec<Entity> = kb.iter().map(|(_, e)| e.clone()).collect();
        Layer::from_entities("compiled", entities).compile()
    }
}

impl Kb {
    /// An empty KB, for tests and for `--no-default-kb`.
    pub fn empty() -> Kb {
        KbBuilder::new().build()
    }

    /// The recorded spellings of the given name or surname `word` across
    /// romanisations, one list per name that has it ("Prigozhin" → prigojin,
    /// prigoschin, prigozhin, prigožin …), for the misspelling check: a form in a
    /// group of a KB person's name word is a spelling a source records, not a slip.
    /// The default KB carries rigour's groups for the name words of its persons
    /// (`kb/script-generated/name-forms.txt`); empty without a table or a group.
    pub fn name_forms(&self, word: &str) -> Vec<Vec<&'static str>> {
        self.name_forms
            .as_ref()
            .map_or_else(Vec::new, |table| table.groups(word))
    }

    /// Whether `a` and `b` are recorded spellings of one given name or surname
    /// (see `name_forms`).
    pub fn same_name_forms(&self, a: &str, b: &str) -> bool {
        self.name_forms
            .as_ref()
            .is_some_and(|table| table.same_name(a, b))
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        self.layers[(id >> LAYER_SHIFT) as usize].entity(id & INDEX_MASK)
    }

    /// Every visible entity with its id (decodes the compiled ones: for statistics and
    /// rare scans, not for the analysis hot path).
    pub fn iter(&self) -> impl Iterator<Item = (EntityId, &Entity)> + '_ {
        self.layers.iter().enumerate().flat_map(move |(l, layer)| {
            (0..layer.len() as u32)
                .map(move |i| make_id(l, i))
                .filter(|id| !self.hidden.contains(id))
                .map(move |id| (id, layer.entity(id & INDEX_MASK)))
        })
    }

    /// Each visible entity's layer, index in it and id, for the scans.
    fn visible_entities(&self) -> impl Iterator<Item = (&Layer, u32, EntityId)> + '_ {
        self.layers.iter().enumerate().flat_map(move |(l, layer)| {
            (0..layer.len() as u32)
                .map(move |i| (layer, i, make_id(l, i)))
                .filter(|(_, _, id)| !self.hidden.contains(id))
        })
    }

    /// Every visible entity with its id, like [`Kb::iter`], but compiled entities not
    /// yet decoded are decoded for the call only and dropped: for indexes derived from
    /// the whole KB, which would otherwise keep every entity in memory.
    pub fn scan(&self, mut visit: impl FnMut(EntityId, &Entity)) {
        for (layer, i, id) in self.visible_entities() {
            layer.with_entity(i, |entity| visit(id, entity));
        }
    }

    /// Like [`Kb::scan`], but visits only the entities of `category` whose head (their
    /// numbers of roles and of dated roles) `keep` accepts, and reads a compiled
    /// entity's head without decoding it (its category by hand, its roles only for
    /// `category`): an index of the persons with dated roles skips the rest of the KB
    /// for the cost of reading a few bytes of each entity.
    pub fn scan_where(
        &self,
        category: Category,
        keep: impl Fn(EntityHead) -> bool,
        mut visit: impl FnMut(EntityId, &Entity),
    ) {
        for (layer, i, id) in self.visible_entities() {
            layer.with_entity_if(i, category, &keep, |entity| visit(id, entity));
        }
    }

    /// Like [`Kb::scan`], but visits only the entities of `category` whose country
    /// (ISO code) `keep` accepts, and reads a compiled entity's category and country
    /// without decoding it: an index of the places of a few countries decodes those
    /// places only (the places of the Arabic-script countries are a tenth of the KB's).
    pub fn scan_countries(
        &self,
        category: Category,
        keep: impl Fn(&str) -> bool,
        mut visit: impl FnMut(EntityId, &Entity),
    ) {
        for (layer, i, id) in self.visible_entities() {
            layer.with_entity_of_country(i, category, &keep, |entity| visit(id, entity));
        }
    }

    pub fn origin(&self, id: EntityId) -> &str {
        &self.layers[(id >> LAYER_SHIFT) as usize].origin
    }

    pub fn find_id(&self, id: &str) -> Option<EntityId> {
        self.layers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(l, layer)| layer.ids.get(id).map(|i| make_id(l, i)))
    }

    fn visible(&self, id: EntityId) -> bool {
        !self.hidden.contains(&id)
    }

    /// A layer's postings with layer-wide ids, hidden entities left out.
    fn lift<'a, T: EntityPosting + 'a>(
        &'a self,
        layer: usize,
        items: Vec<T>,
    ) -> impl Iterator<Item = T> + 'a {
        items
            .into_iter()
            .map(move |t| t.with_entity(make_id(layer, t.entity())))
            .filter(|t| self.visible(t.entity()))
    }

    /// The entities a complete folded name key names.
    pub fn names_get(&self, key: &str) -> Vec<NameTarget> {
        (0..self.layers.len())
            .flat_map(|l| self.lift(l, self.layers[l].names.get(key)))
            .collect()
    }

    /// The name keys that are `prefix` then `word` with one of `separators` put
    /// between two of its characters, `min_part` or more from either end, each as the
    /// part after `prefix` and its targets, in the order of the cuts and then of
    /// `separators`: what looking up every such respacing finds, in one walk per layer
    /// (`index::PostingMap::split_matches`).
    pub fn names_split(
        &self,
        prefix: &str,
        word: &str,
        separators: &[u8],
        min_part: usize,
    ) -> Vec<(String, Vec<NameTarget>)> {
        let mut found = self.over_layers(|names| {
            names
                .split_matches(prefix, word, separators, min_part)
                .into_iter()
                .map(|(cut, separator, targets)| {
                    let order = separators.iter().position(|&s| s == separator);
                    ((cut, order.unwrap_or(0)), targets)
                })
                .collect()
        });
        found.sort_by_key(|&(at, _)| at);
        found
            .into_iter()
            .map(|((cut, order), targets)| {
                let key = format!(
                    "{}{}{}",
                    &word[..cut],
                    separators[order] as char,
                    &word[cut..]
                );
                (key, targets)
            })
            .collect()
    }

    /// The name keys that are `prefix` then `words` joined by one of `joiners` at each
    /// gap, each as the joiner chosen at each gap (its index) and its targets, in no
    /// set order: what looking up every joining finds, the walks of a run's first
    /// words shared (`index::PostingMap::joined_matches`).
    pub fn names_joined(
        &self,
        prefix: &str,
        words: &[&str],
        joiners: &[&str],
    ) -> Vec<(Vec<usize>, Vec<NameTarget>)> {
        self.over_layers(|names| names.joined_matches(prefix, words, joiners))
    }

    /// What `matches` finds in each layer's name index, keyed, the targets of one key
    /// joined in layer order and lifted to KB ids (hidden entities dropped), keys with
    /// none left out.
    fn over_layers<K: PartialEq>(
        &self,
        matches: impl Fn(&index::PostingMap<NameTarget>) -> Vec<(K, Vec<NameTarget>)>,
    ) -> Vec<(K, Vec<NameTarget>)> {
        let mut found: Vec<(K, Vec<NameTarget>)> = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            for (key, targets) in matches(&layer.names) {
                let lifted: Vec<NameTarget> = self.lift(l, targets).collect();
                match found.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.extend(lifted),
                    None => found.push((key, lifted)),
                }
            }
        }
        found.retain(|(_, targets)| !targets.is_empty());
        found
    }

    /// Every run of `tokens` from the start that is a name key, shortest first.
    ///
    /// Called for every word of every story, so it allocates nothing when no name
    /// starts at the word (the common case) and takes the words as an iterator.
    pub fn name_prefix_matches<'t>(
        &self,
        tokens: impl Iterator<Item = &'t str> + Clone,
    ) -> Vec<(usize, Vec<NameTarget>)> {
        let mut found: Vec<(usize, Vec<NameTarget>)> = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            for (len, targets) in layer.names.prefix_matches(tokens.clone()) {
                let lifted: Vec<NameTarget> = self.lift(l, targets).collect();
                match found.iter_mut().find(|(n, _)| *n == len) {
                    Some((_, list)) => list.extend(lifted),
                    None => found.push((len, lifted)),
                }
            }
        }
        found.retain(|(_, t)| !t.is_empty());
        found.sort_by_key(|(len, _)| *len);
        found
    }

    /// Whether a KB name can start at a word written in lowercase (folded `word`): only
    /// if some name's form writes its first word so ("al-Shabaab"). Lets the recogniser
    /// skip the name index at the ordinary lowercase words that make most of a story.
    pub fn name_may_start_lowercase(&self, word: &str) -> bool {
        self.layers
            .iter()
            .any(|layer| layer.lowercase_starts.contains(word))
    }

    /// Whether `word` (folded) is a word of some KB name.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.layers
            .iter()
            .any(|layer| layer.name_words.contains(word))
    }

    /// Words of KB names one edit from `word` (folded): a letter dropped, added or
    /// changed, or two neighbours swapped — the spellings that could complete a
    /// multi-word name `word` is a slip in. Sorted. Answers are cached for the life of
    /// the KB.
    pub fn name_words_one_edit_from(&self, word: &str) -> Arc<[String]> {
        self.one_edit_cache.get_or_search(word.to_string(), |_| {
            Arc::from(self.name_words_one_edit_from_uncached(word))
        })
    }

    fn name_words_one_edit_from_uncached(&self, word: &str) -> Vec<String> {
        let mut found = Vec::new();
        for layer in &self.layers {
            let index = layer.name_word_deletions();
            for ordinal in index.candidates(word, 1).unwrap_or_default() {
                let candidate = index.key(ordinal);
                if strsim::osa_distance(word, candidate) == 1 {
                    found.push(candidate.to_string());
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// Name keys starting with `prefix`, for completion.
    pub fn names_with_prefix(&self, prefix: &str, limit: usize) -> Vec<(String, Vec<NameTarget>)> {
        let mut found: Vec<(String, Vec<NameTarget>)> = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            for (key, targets) in layer.names.keys_with_prefix(prefix, limit) {
                let targets: Vec<NameTarget> = self.lift(l, targets).collect();
                if !targets.is_empty() {
                    found.push((key, targets));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.truncate(limit);
        found
    }

    /// The postings of an exact folded name token.
    pub fn token_postings(&self, token: &str) -> Vec<TokenPosting> {
        (0..self.layers.len())
            .flat_map(|l| self.lift(l, self.layers[l].tokens.get(token)))
            .collect()
    }

    /// Whether `token` has postings: `!token_postings(token).is_empty()` without
    /// building the list. Only a KB whose later layer hides an entity needs the list
    /// (a hidden entity's posting does not count).
    pub fn has_token(&self, token: &str) -> bool {
        if self.hidden.is_empty() {
            self.layers.iter().any(|layer| layer.tokens.has(token))
        } else {
            !self.token_postings(token).is_empty()
        }
    }

    /// KB name tokens near `token` (see `TokenIndex::near`), merged over layers.
    /// Answers are cached for the life of the KB.
    pub fn tokens_near(&self, token: &str, distance: u32, max_suffix: usize) -> NearTokens {
        self.near_cache
            .get_or_search((token.to_string(), distance, max_suffix), |_| {
                self.tokens_near_uncached(token, distance, max_suffix)
            })
    }

    /// The value of type `T` derived from this KB, built by `build` on its first use and
    /// shared after. An analysis that needs an index over every entity (the title
    /// checks' office → holders) then scans the KB once for its life rather than once
    /// per story or per title; the KB is immutable, so the value never goes stale.
    /// Threads that ask at once share one build: the others wait for it (`byline check`
    /// of a folder used to build the office index once per worker thread). `build` must
    /// not ask for a value of its own type.
    pub fn derived<T: Any + Send + Sync>(&self, build: impl FnOnce(&Kb) -> T) -> Arc<T> {
        let cell = Arc::clone(
            self.derived
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(TypeId::of::<T>())
                .or_default(),
        );
        // Built outside the map's lock: the first build scans the whole KB, and a build
        // may derive a value of another type.
        let value = cell.get_or_init(|| Arc::new(build(self)));
        Arc::clone(value)
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("stored under its own TypeId"))
    }

    /// Forgets the cached fuzzy answers (`tokens_near`, `name_words_one_edit_from`), for
    /// benchmarks of a cold KB.
    pub fn clear_near_cache(&self) {
        self.near_cache.clear();
        self.one_edit_cache.clear();
    }

    fn tokens_near_uncached(&self, token: &str, distance: u32, max_suffix: usize) -> NearTokens {
        let mut merged: BTreeMap<String, Vec<TokenPosting>> = BTreeMap::new();
        for (l, layer) in self.layers.iter().enumerate() {
            for (key, postings) in layer.tokens.near(token, distance, max_suffix) {
                merged
                    .entry(key)
                    .or_default()
                    .extend(self.lift(l, postings));
            }
        }
        Arc::new(merged.into_iter().filter(|(_, p)| !p.is_empty()).collect())
    }

    /// Entities with this acronym, matched case-sensitively ("IRNA", not "irna").
    pub fn acronym(&self, text: &str) -> Vec<EntityId> {
        let mut found = Vec::new();
        for (l, layer) in self.layers.iter().enumerate() {
            if let Some(list) = layer.acronyms.get(text) {
                found.extend(
                    list.iter()
                        .map(|&i| make_id(l, i))
                        .filter(|id| self.visible(*id)),
                );
            }
        }
        found
    }

    /// The entity of a country by ISO code, for context scoring.
    pub fn country_entity(&self, code: &str) -> Option<EntityId> {
        self.find_id(&format!("country-{}", code.to_ascii_lowercase()))
    }

    /// Number of visible entities.
    pub fn len(&self) -> usize {
        self.layers.iter().map(Layer::len).sum::<usize>() - self.hidden.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, description: &str) -> Entity {
        Entity {
            id: id.into(),
            kind: Category::Person,
            entity_type: "person".into(),
            name: name.into(),
            description: description.into(),
            acronyms: vec!["AE".into()],
            ..Entity::default()
        }
    }

    #[test]
    fn a_derived_value_is_built_once_per_kb_and_per_type() {
        let mut builder = KbBuilder::new();
        builder.add("default", vec![person("x", "Anna Example", "")]);
        let kb = builder.build();
        let builds = std::cell::Cell::new(0);
        let count = |kb: &Kb| {
            builds.set(builds.get() + 1);
            kb.len()
        };
        assert_eq!(*kb.derived(count), 1);
        assert_eq!(*kb.derived(count), 1);
        assert_eq!(builds.get(), 1);
        // Another type is another value.
        assert_eq!(*kb.derived(|kb| kb.len() as u64 * 10), 10);
        // Another KB builds its own.
        assert_eq!(*Kb::empty().derived(count), 0);
        assert_eq!(builds.get(), 2);
    }

    #[test]
    fn threads_that_ask_at_once_share_one_build_of_a_derived_value() {
        let kb = Kb::empty();
        let builds = std::sync::atomic::AtomicUsize::new(0);
        let started = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    started.wait();
                    kb.derived(|_| {
                        builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        // Long enough for the other threads to ask meanwhile.
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        7u8
                    })
                });
            }
        });
        assert_eq!(builds.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(*kb.derived(|_| 0u8), 7);
    }

    #[test]
    fn later_layer_hides_entity_with_same_id() {
        let mut builder = KbBuilder::new();
        builder.add("default", vec![person("x", "Anna Example", "old")]);
        builder.add("house.toml", vec![person("x", "Anna Example", "new")]);
        let kb = builder.build();
        assert_eq!(kb.len(), 1);
        let targets = kb.names_get("anna example");
        assert_eq!(targets.len(), 1);
        assert_eq!(kb.entity(targets[0].entity).description, "new");
        assert_eq!(kb.origin(targets[0].entity), "house.toml");
        assert_eq!(kb.acronym("AE"), vec![targets[0].entity]);
    }
    /// The compiled form of `entities` as one layer's bytes, kept for the test's life,
    /// so a test can load it as a compiled layer beside its parsed twin.
    fn compiled_bytes(entities: Vec<Entity>) -> &'static [u8] {
        let mut builder = KbBuilder::new();
        builder.add("src", entities);
        Box::leak(builder.compile().into_boxed_slice())
    }

    /// `has_token` answers as `token_postings` does, compiled or parsed, and a token
    /// whose only entity a later layer hides (under another name) has none.
    #[test]
    fn has_token_agrees_with_token_postings() {
        let mut place = person("q3", "Rostov", "city");
        place.kind = Category::Location;
        let entities = vec![
            person("q1", "Valery Gerasimov", "general"),
            person("q2", "Sergei Shoigu", "minister"),
            place,
        ];
        let bytes = compiled_bytes(entities.clone());
        let compiled = KbBuilder::new().with_compiled("c", bytes).unwrap().build();
        let mut builder = KbBuilder::new();
        builder.add("src", entities);
        let parsed = builder.build();
        let mut builder = KbBuilder::new().with_compiled("c", bytes).unwrap();
        builder.add("house", vec![person("q1", "Valery Other", "renamed")]);
        let hiding = builder.build();
        for kb in [&compiled, &parsed, &hiding] {
            for token in [
                "gerasimov",
                "valery",
                "shoigu",
                "rostov",
                "gerasimo",
                "x",
                "",
            ] {
                let listed = !kb.token_postings(token).is_empty();
                assert_eq!(kb.has_token(token), listed, "{token}");
            }
        }
        assert!(compiled.has_token("gerasimov") && parsed.has_token("gerasimov"));
        assert!(!hiding.has_token("gerasimov"));
        assert!(hiding.has_token("other"));
    }

    /// `names_split` finds what a lookup of every respacing of the word finds, in the
    /// same order, compiled or parsed, over layers, and after a prefix.
    #[test]
    fn names_split_agrees_with_a_lookup_per_cut() {
        let entities = vec![
            person("q1", "Marine Le Pen", "politician"),
            person("q2", "Abu Dhabi", "city"),
            person("q3", "Ab-udhabi", "other"),
            person("q4", "Kim Dae-jung", "president"),
        ];
        let bytes = compiled_bytes(entities.clone());
        let compiled = KbBuilder::new().with_compiled("c", bytes).unwrap().build();
        let mut builder = KbBuilder::new().with_compiled("c", bytes).unwrap();
        builder.add("house", vec![person("h1", "Abud Habi", "other")]);
        let layered = builder.build();
        let mut builder = KbBuilder::new();
        builder.add("src", entities);
        let parsed = builder.build();
        for kb in [&compiled, &parsed, &layered] {
            for (prefix, word) in [
                ("", "abudhabi"),
                ("", "lepen"),
                ("marine ", "lepen"),
                ("kim ", "daejung"),
                ("", "ab"),
                ("", "x"),
                ("", ""),
                ("", "dæjüng"),
            ] {
                let chars: Vec<char> = word.chars().collect();
                let mut expected = Vec::new();
                for cut in 2..(chars.len() + 1).saturating_sub(2) {
                    let (head, tail): (String, String) =
                        (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                    for separator in [" ", "-"] {
                        let key = format!("{head}{separator}{tail}");
                        let targets = kb.names_get(&format!("{prefix}{key}"));
                        if !targets.is_empty() {
                            expected.push((key, targets));
                        }
                    }
                }
                assert_eq!(
                    kb.names_split(prefix, word, b" -", 2),
                    expected,
                    "{prefix}{word}"
                );
            }
        }
        assert_eq!(layered.names_split("", "abudhabi", b" -", 2).len(), 3);
        assert_eq!(parsed.names_split("marine ", "lepen", b" -", 2).len(), 1);
    }

    #[test]
    fn every_word_of_every_name_is_a_name_word_compiled_or_not() {
        let mut agency = person("a", "Syrian Democratic Forces", "");
        agency.kind = Category::Organization;
        agency.entity_type = "armed-group".into();
        agency.banned = vec!["Syrian Democratique Forces".into()];
        let mut builder = KbBuilder::new();
        builder.add("src", vec![agency]);
        let parsed = builder.build();
        let bytes = compiled_bytes(vec![parsed.iter().next().unwrap().1.clone()]);
        let compiled = KbBuilder::new().with_compiled("c", bytes).unwrap().build();
        for kb in [&parsed, &compiled] {
            for word in ["syrian", "democratic", "forces", "democratique"] {
                assert!(kb.is_name_word(word), "{word}");
            }
            assert!(!kb.is_name_word("democraic"));
            // One edit from a name word, by each kind of edit; the word itself is not.
            for slip in ["democraic", "demoncratic", "democrqtic", "demcoratic"] {
                assert_eq!(*kb.name_words_one_edit_from(slip), ["democratic"], "{slip}");
            }
            assert_eq!(*kb.name_words_one_edit_from("forcs"), ["forces"]);
            assert!(kb.name_words_one_edit_from("democratic").is_empty());
            assert!(kb.name_words_one_edit_from("dmocraic").is_empty());
        }
    }

    #[test]
    fn a_later_layer_hides_its_ids_whichever_layer_is_larger() {
        let many = |prefix: &str, description: &str| -> Vec<Entity> {
            (0..50)
                .map(|i| {
                    person(
                        &format!("{prefix}{i}"),
                        &format!("Name{i} Example"),
                        description,
                    )
                })
                .collect()
        };
        for (earlier, later) in [
            (many("x", "old"), vec![person("x7", "Name7 Example", "new")]),
            (vec![person("x7", "Name7 Example", "old")], many("x", "new")),
        ] {
            let mut builder = KbBuilder::new();
            builder.add("earlier", earlier);
            builder.add("later", later);
            let kb = builder.build();
            let targets = kb.names_get("name7 example");
            assert_eq!(targets.len(), 1);
            assert_eq!(kb.entity(targets[0].entity).description, "new");
        }
    }

    /// Regression: the title checks' office index scanned the KB with `iter`, which
    /// cached every decoded entity, and a server's resident memory doubled (72 → 157 MB)
    /// after its first title check. `scan` visits every entity and keeps none.
    #[test]
    fn a_scan_visits_every_compiled_entity_and_keeps_none_decoded() {
        let bytes = compiled_bytes(vec![
            person("q1", "Valery Gerasimov", "general"),
            person("q2", "Sergei Shoigu", "minister"),
        ]);
        let kb = KbBuilder::new()
            .with_compiled("default", bytes)
            .unwrap()
            .build();
        let decoded = |kb: &Kb| -> usize {
            kb.layers
                .iter()
                .map(|layer| match &layer.store {
                    Store::Compiled { decoded, .. } => {
                        decoded.iter().filter(|e| e.get().is_some()).count()
                    }
                    Store::Owned(_) => 0,
                })
                .sum()
        };
        let mut names = Vec::new();
        kb.scan(|_, entity| names.push(entity.name.clone()));
        assert_eq!(names, ["Valery Gerasimov", "Sergei Shoigu"]);
        assert_eq!(decoded(&kb), 0);
        // An entity already decoded is visited from the cache, and stays there.
        let id = kb.find_id("q2").unwrap();
        assert_eq!(kb.entity(id).name, "Sergei Shoigu");
        let mut seen = 0;
        kb.scan(|_, _| seen += 1);
        assert_eq!((seen, decoded(&kb)), (2, 1));
    }

    /// One KB of `entities` compiled (decoded on demand) and one as loaded from files.
    fn compiled_and_owned(entities: Vec<Entity>) -> (Kb, Kb) {
        let mut builder = KbBuilder::new();
        builder.add("src", entities.clone());
        let mut owned = KbBuilder::new();
        owned.add("src", entities);
        let bytes: &'static [u8] = Box::leak(builder.compile().into_boxed_slice());
        let compiled = KbBuilder::new()
            .with_compiled("default", bytes)
            .unwrap()
            .build();
        (compiled, owned.build())
    }

    /// How many entities of a compiled KB's first layer are decoded and kept.
    fn decoded_in_first_layer(kb: &Kb) -> usize {
        match &kb.layers[0].store {
            Store::Compiled { decoded, .. } => decoded.iter().filter(|e| e.get().is_some()).count(),
            Store::Owned(_) => unreachable!("a compiled layer"),
        }
    }

    #[test]
    fn a_scan_by_country_visits_that_countrys_entities_of_the_category_and_decodes_nothing() {
        let located = |id: &str, name: &str, kind: Category, country: &str| {
            let mut entity = person(id, name, "city");
            entity.kind = kind;
            entity.country = country.into();
            entity
        };
        let entities = vec![
            located("q1", "Dayr al Balah", Category::Location, "PS"),
            located("q2", "Odesa", Category::Location, "UA"),
            located("q3", "Yahya Sinwar", Category::Person, "PS"),
            located("q4", "Khan Yunis", Category::Location, "PS"),
        ];
        let (compiled, owned) = compiled_and_owned(entities);
        for kb in [&compiled, &owned] {
            let mut names = Vec::new();
            kb.scan_countries(
                Category::Location,
                |country| country == "PS",
                |_, entity| names.push(entity.name.clone()),
            );
            assert_eq!(names, ["Dayr al Balah", "Khan Yunis"]);
        }
        assert_eq!(decoded_in_first_layer(&compiled), 0);
    }

    #[test]
    fn a_filtered_scan_visits_what_its_head_filter_keeps_and_decodes_nothing() {
        let mut minister = person("q2", "Sergei Shoigu", "minister");
        minister.roles = vec![Role {
            title: "Minister of Defence".into(),
            start: "2012-11-06".into(),
            ..Role::default()
        }];
        let mut place = person("q3", "Rostov", "city");
        place.kind = Category::Location;
        place.roles = minister.roles.clone();
        let entities = vec![person("q1", "Valery Gerasimov", "general"), minister, place];
        let (compiled, owned) = compiled_and_owned(entities);
        for kb in [&compiled, &owned] {
            let mut names = Vec::new();
            kb.scan_where(
                Category::Person,
                |head| head.roles > 0,
                |_, entity| names.push(entity.name.clone()),
            );
            assert_eq!(names, ["Sergei Shoigu"]);
        }
        assert_eq!(decoded_in_first_layer(&compiled), 0);
        // An entity already decoded is filtered by its decoded fields.
        let id = compiled.find_id("q1").unwrap();
        assert_eq!(compiled.entity(id).name, "Valery Gerasimov");
        let mut names = Vec::new();
        compiled.scan_where(
            Category::Person,
            |head| head.roles == 0,
            |_, e| names.push(e.name.clone()),
        );
        assert_eq!(names, ["Valery Gerasimov"]);
        // Dated roles are counted apart.
        let mut names = Vec::new();
        compiled.scan_where(
            Category::Person,
            |head| head.dated_roles > 0,
            |_, e| names.push(e.name.clone()),
        );
        assert_eq!(names, ["Sergei Shoigu"]);
    }

    #[test]
    fn compiled_layer_answers_like_the_parsed_one() {
        let bytes = compiled_bytes(vec![
            person("q1", "Valery Gerasimov", "general"),
            person("q2", "Sergei Shoigu", "minister"),
            person("q3", "Bashar al-Assad", "president"),
        ]);
        let kb = KbBuilder::new()
            .with_compiled("default", bytes)
            .unwrap()
            .build();
        assert_eq!(kb.len(), 3);
        // "al-Assad", a surname alone, starts with a lowercase word; "valery" never does.
        assert!(kb.name_may_start_lowercase("al-assad"));
        assert!(!kb.name_may_start_lowercase("valery"));
        let id = kb.find_id("q1").unwrap();
        assert_eq!(kb.entity(id).name, "Valery Gerasimov");
        assert!(kb
            .names_get("valery gerasimov")
            .iter()
            .any(|t| t.entity == id));
        assert!(kb
            .token_postings("gerasimov")
            .iter()
            .any(|p| p.entity == id));
        assert!(kb
            .tokens_near("gerasimovis", 2, 3)
            .iter()
            .any(|(k, _)| k == "gerasimov"));
        assert_eq!(kb.acronym("AE").len(), 3);
    }

    #[test]
    fn bad_compiled_bytes_are_an_error_not_a_panic() {
        assert!(KbBuilder::new().with_compiled("x", b"nonsense").is_err());
        assert!(KbBuilder::new()
            .with_compiled("x", b"BYLKB001\xff\xff")
            .is_err());
    }
}
