//! `byline kb import-wikidata`: a KB (JSONL) from an official Wikidata JSON dump, for
//! newsrooms that need more people and organisations than the default KB holds.
//!
//! The dump is read once, one line at a time (`reader`), each line parsed leniently
//! and only as far as needed (`raw`), and kept or dropped by a few stated rules
//! (`select`). Two things cannot be known when an entity is read, because the items
//! they need may come later in a single pass: the ISO code of its country (P297 on the
//! country item) and the labels of the positions it held. Kept entities are therefore
//! buffered with country and position QIDs and patched at the end from what the dump
//! showed; what it never showed stays a QID (titles) or empty (country), never guessed.

mod raw;
mod reader;
mod select;
mod time;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub use reader::Compression;
pub use select::{Selection, CLASS_TYPES, OCCUPATION_TYPES};

use byline_kb::Entity;
use raw::RawEntity;
use select::Candidate;

/// What to import and how.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub selection: Selection,
    pub limit: Option<u64>,
    pub as_of: String,
    pub skip_bad_lines: bool,
}

/// A problem with the dump or the output, located by file and line (0: whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{}: {}", self.file, line, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Counts of an import, for the final line and for tests.
#[derive(Debug, Clone, Default)]
pub struct ImportStats {
    pub lines: usize,
    pub entities_read: u64,
    pub kept: usize,
    pub bad_lines: u64,
    /// The first malformed line, when `skip_bad_lines` let the import go on.
    pub first_bad_line: Option<ImportError>,
    /// Kept entities with a country QID but no P297 code seen for it.
    pub unresolved_countries: usize,
    /// Role titles left as a position QID because the position item was not seen.
    pub unresolved_titles: usize,
    pub compression: Option<Compression>,
    pub elapsed: Duration,
}

impl ImportStats {
    pub fn entities_per_second(&self) -> f64 {
        self.entities_read as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// How an import tells a front end how far it is, so the command line can draw a bar
/// while this crate knows nothing of terminals.
pub trait Progress {
    /// Wraps the dump file so that reading it reports the (compressed) bytes read.
    fn wrap_read(&self, file: File) -> Box<dyn Read>;
    /// Told every 10,000 entities read.
    fn entities_read(&self, count: u64);
}

/// No report, for tests and callers that draw nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn wrap_read(&self, file: File) -> Box<dyn Read> {
        Box::new(file)
    }

    fn entities_read(&self, _count: u64) {}
}

/// Reads a dump and returns the kept entities, sorted by QID number.
pub fn import(
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<(Vec<Entity>, ImportStats), ImportError> {
    let started = Instant::now();
    let file = path.display().to_string();
    let error = |line: usize, message: String| ImportError {
        file: file.clone(),
        line,
        message,
    };
    let (mut lines, compression) = reader::open(path, |f| progress.wrap_read(f))
        .map_err(|e| error(0, format!("cannot read: {e}")))?;
    let source = format!("Wikidata dump {}", file_name(path));
    let mut stats = ImportStats {
        compression: Some(compression),
        ..ImportStats::default()
    };
    let mut resolver = Resolver::default();
    let mut candidates = Vec::new();
    while options
        .limit
        .is_none_or(|limit| stats.entities_read < limit)
    {
        let (number, line) = match lines.next_entity() {
            Ok(Some(entry)) => entry,
            Ok(None) => break,
            Err((number, e)) => return Err(error(number, format!("cannot read: {e}"))),
        };
        stats.lines = number;
        let raw: RawEntity = match serde_json::from_slice(line) {
            Ok(raw) => raw,
            Err(e) => {
                let bad = error(number, malformed(&e));
                if !options.skip_bad_lines {
                    return Err(bad);
                }
                stats.bad_lines += 1;
                stats.first_bad_line.get_or_insert(bad);
                continue;
            }
        };
        stats.entities_read += 1;
        if stats.entities_read.is_multiple_of(10_000) {
            progress.entities_read(stats.entities_read);
        }
        if !raw.id.starts_with('Q') {
            continue; // properties and lexemes
        }
        resolver.observe(&raw, &options.selection);
        if let Some(candidate) = options.selection.candidate(&raw, &source, &options.as_of) {
            resolver.want_titles(&candidate.entity);
            candidates.push(candidate);
        }
    }
    let entities = resolver.finish(candidates, &mut stats);
    stats.kept = entities.len();
    stats.elapsed = started.elapsed();
    Ok((entities, stats))
}

/// serde_json's message without its "at line 1" (the dump line is what matters).
fn malformed(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |i| &text[..i]);
    format!("malformed JSON: {message} (column {})", e.column())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

/// What the dump has shown so far that kept entities may need at the end: country
/// codes, and labels of positions (items that look like offices, and items some kept
/// person held). Bounded by the number of countries and offices, not of items.
#[derive(Default)]
struct Resolver {
    country_codes: HashMap<String, String>,
    labels: HashMap<String, String>,
    wanted: HashSet<String>,
}

impl Resolver {
    fn observe(&mut self, raw: &RawEntity, selection: &Selection) {
        if let Some(code) = select::iso_code(raw) {
            self.country_codes.insert(raw.id.clone(), code);
        }
        if self.wanted.contains(&raw.id) || select::is_position(raw) {
            if let Some(label) = selection.label(raw) {
                self.labels.insert(raw.id.clone(), label.to_string());
            }
        }
    }

    /// Remembers the positions a kept person held, so their labels are kept if the
    /// position items come later.
    fn want_titles(&mut self, entity: &Entity) {
        for role in &entity.roles {
            if !self.labels.contains_key(&role.title) {
                self.wanted.insert(role.title.clone());
            }
        }
    }

    /// Patches countries and role titles, and sorts by QID number.
    fn finish(&self, candidates: Vec<Candidate>, stats: &mut ImportStats) -> Vec<Entity> {
        let mut entities: Vec<Entity> = candidates
            .into_iter()
            .map(|mut c| {
                let code = c
                    .country_items
                    .iter()
                    .find_map(|q| self.country_codes.get(q));
                match code {
                    Some(code) => c.entity.country = code.clone(),
                    None if !c.country_items.is_empty() => stats.unresolved_countries += 1,
                    None => {}
                }
                for role in &mut c.entity.roles {
                    match self.labels.get(&role.title) {
                        Some(label) => role.title = label.clone(),
                        None => stats.unresolved_titles += 1,
                    }
                }
                c.entity
            })
            .collect();
        entities.sort_by_key(|e| qid_number(&e.id));
        entities
    }
}

fn qid_number(id: &str) -> u64 {
    id.strip_prefix('Q')
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX)
}

/// Writes entities as JSONL through `byline_atomic_file`, so an interrupted import
/// never leaves a half-written KB where a config points.
pub fn write_jsonl(path: &Path, entities: &[Entity]) -> Result<(), ImportError> {
    byline_atomic_file::replace_with(path, "import", |out| {
        for entity in entities {
            serde_json::to_writer(&mut *out, entity)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
    .map_err(|e| ImportError {
        file: path.display().to_string(),
        line: 0,
        message: format!("cannot write: {e}"),
    })
}
