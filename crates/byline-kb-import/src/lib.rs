//! Importers that build KB files from public sources; the language server never links
//! this crate. `wikidata` reads Wikidata dumps (`byline kb import-wikidata`); the rest
//! is `byline kb import`, which builds the default KB's generated files (`kb/generated/*.jsonl`)
//! from the pinned source snapshot (`shared/data/kb-sources`, see its PROVENANCE.md).
//!
//! One module per source: `every_politician` (office-holders, Wikidata, CC0), `cia`
//! (CIA World Leaders 2019), `congress` (US Congress and executive), `countries`
//! (world-countries, countrynames, GeoNames countries), `cities` (GeoNames cities of
//! 100k+), `misp` (intelligence agencies). Persons from the first three are merged by
//! id in `people` before they become entities.
//!
//! The output is deterministic — entities sorted by id, no timestamps, ids derived
//! from the sources — so re-running the import reproduces the committed files byte
//! for byte, and a change in them is a change in the data. Every entity is written
//! with the `Entity` struct the loader reads, and every file is checked with the
//! loader before it is written.

pub mod cia;
pub mod cities;
pub mod congress;
pub mod countries;
pub mod every_politician;
pub mod kinds;
pub mod misp;
pub mod people;
pub mod source;
pub mod text;
pub mod titles;
pub mod wikidata;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub use source::ImportError;
use source::{Manifest, Result};

use byline_kb::index::surname_of;
use byline_kb::load;
use byline_kb::model::Entity;
use byline_kb::normalize::fold;
use byline_kb::words::word_strs;
use countries::CountryTable;
use people::Registry;

/// Largest generated file: the embedded KB stays easy to diff and review.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// One generated file: its name in the output folder and its JSONL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub text: String,
    pub entities: usize,
}

/// What an import produced, for the command's report.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<(String, usize, usize)>,
    pub entities: usize,
    pub persons: usize,
    pub persons_with_dated_role: usize,
    pub cia_merged: usize,
    pub cia_new: usize,
    /// Minor cities left out because their name is a common word or a KB surname.
    pub cities_left_out: usize,
    pub warnings: Vec<String>,
}

/// Reads every source under `sources` and returns the generated files.
pub fn build(sources: &Path) -> Result<(Vec<OutputFile>, Summary)> {
    let manifest = Manifest::read(sources)?;
    let mut summary = Summary::default();
    let cities = cities::load(&manifest)?;
    let table = CountryTable::load(&manifest)?;

    let mut registry = Registry::default();
    let mut ep = every_politician::Importer::new(&manifest, &table);
    ep.run(&mut registry)?;
    summary.warnings.append(&mut ep.warnings);
    congress::import(&manifest, &mut registry)?;
    let cia_persons = cia::read(&manifest, &table, &mut summary.warnings)?;
    let counts = cia::merge(&mut registry, cia_persons);
    summary.cia_merged = counts.merged;
    summary.cia_new = counts.new;

    let persons: Vec<Entity> = std::mem::take(&mut registry.persons)
        .into_values()
        .filter_map(|p| people::finish(p, &table))
        .collect();
    summary.persons = persons.len();
    summary.persons_with_dated_role = persons
        .iter()
        .filter(|p| p.roles.iter().any(|r| !r.start.is_empty()))
        .count();

    let surnames: HashSet<String> = persons
        .iter()
        .flat_map(|p| p.surface_forms().filter_map(surname_of).map(|s| fold(&s)))
        .collect();
    let person_words: HashSet<String> = persons
        .iter()
        .flat_map(|p| p.surface_forms().flat_map(word_strs).map(fold))
        .collect();
    let (city_entities, skipped) = cities::city_entities(&cities, &table, &surnames, &person_words);
    summary.cities_left_out = skipped;

    let mut groups: BTreeMap<String, Vec<Entity>> = BTreeMap::new();
    groups.insert(
        "countries".into(),
        countries::country_entities(&table, &cities::name_keys(&cities)),
    );
    groups.insert("demonyms".into(), countries::demonym_entities(&table));
    groups.insert("cities".into(), city_entities);
    groups.insert(
        "intelligence-agencies".into(),
        misp::entities(&manifest, &table)?,
    );
    for person in persons {
        groups
            .entry(person_group(&person, &table))
            .or_default()
            .push(person);
    }

    let mut files = Vec::new();
    let mut ids = HashSet::new();
    for (stem, mut entities) in groups {
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        for entity in &entities {
            if !ids.insert(entity.id.clone()) {
                return Err(ImportError::whole_file(
                    sources,
                    format!("two generated entities have the id `{}`", entity.id),
                ));
            }
        }
        files.extend(split_into_files(&stem, &entities)?);
    }
    for file in &files {
        load::parse_jsonl(&file.name, &file.text).map_err(|e| {
            ImportError::whole_file(sources, format!("generated entity fails validation: {e}"))
        })?;
        summary
            .files
            .push((file.name.clone(), file.entities, file.text.len()));
        summary.entities += file.entities;
    }
    Ok((files, summary))
}

/// Which file a person goes to: by the source of their main role, and for the
/// every-politician lists by world region, so that each file stays small.
fn person_group(person: &Entity, table: &CountryTable) -> String {
    if person.source.starts_with("congress-legislators") {
        return "people-us-congress".into();
    }
    if person.source.starts_with(cia::SOURCE) {
        return "people-cia-world-leaders".into();
    }
    let region = table
        .get(&person.country)
        .map(|c| c.region.to_lowercase())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "international".into());
    format!("people-every-politician-{region}")
}

/// One JSONL line per entity; a group bigger than the file limit is cut into numbered
/// parts at entity boundaries.
fn split_into_files(stem: &str, entities: &[Entity]) -> Result<Vec<OutputFile>> {
    let mut lines = Vec::with_capacity(entities.len());
    for entity in entities {
        let line = serde_json::to_string(entity)
            .map_err(|e| ImportError::whole_file(Path::new(stem), e.to_string()))?;
        lines.push(line);
    }
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    if total <= MAX_FILE_BYTES {
        return Ok(vec![OutputFile {
            name: format!("{stem}.jsonl"),
            text: lines.iter().map(|l| format!("{l}\n")).collect(),
            entities: lines.len(),
        }]);
    }
    let parts = total.div_ceil(MAX_FILE_BYTES * 9 / 10);
    let target = total.div_ceil(parts);
    let mut files: Vec<OutputFile> = Vec::new();
    let mut current = OutputFile {
        name: String::new(),
        text: String::new(),
        entities: 0,
    };
    for line in lines {
        if !current.text.is_empty() && current.text.len() + line.len() + 1 > target {
            files.push(std::mem::replace(
                &mut current,
                OutputFile {
                    name: String::new(),
                    text: String::new(),
                    entities: 0,
                },
            ));
        }
        current.text.push_str(&line);
        current.text.push('\n');
        current.entities += 1;
    }
    files.push(current);
    for (i, file) in files.iter_mut().enumerate() {
        file.name = format!("{stem}-{}.jsonl", i + 1);
    }
    Ok(files)
}

/// Builds the files and writes them into `out`, removing generated files (`*.jsonl`)
/// that this import no longer produces.
pub fn run(sources: &Path, out: &Path) -> Result<Summary> {
    let (files, summary) = build(sources)?;
    std::fs::create_dir_all(out)
        .map_err(|e| ImportError::whole_file(out, format!("cannot create: {e}")))?;
    let written: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let existing = std::fs::read_dir(out)
        .map_err(|e| ImportError::whole_file(out, format!("cannot list: {e}")))?;
    for entry in existing.flatten() {
        let path: PathBuf = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".jsonl") && !written.contains(name.as_str()) {
            std::fs::remove_file(&path)
                .map_err(|e| ImportError::whole_file(&path, format!("cannot remove: {e}")))?;
        }
    }
    for file in &files {
        let path = out.join(&file.name);
        byline_atomic_file::replace(&path, file.text.as_bytes(), "import")
            .map_err(|e| ImportError::whole_file(&path, format!("cannot write: {e}")))?;
    }
    Ok(summary)
}
