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
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

pub use reader::Compression;
pub use select::{Selection, CLASS_TYPES, OCCUPATION_TYPES};

use crate::kb::{Entity, PartialDate};
use raw::RawEntity;
use select::Candidate;

/// Arguments of `byline kb import-wikidata`.
#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The dump: `.json`, `.json.gz` or `.json.bz2` (compression is detected).
    pub dump: PathBuf,
    /// Where to write the KB (JSONL, replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Languages for names, aliases and descriptions, most wanted first.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub languages: Vec<String>,
    /// Occupations (P106) that keep a person [default: politician, military officer,
    /// diplomat, journalist].
    #[arg(long, value_delimiter = ',', value_name = "QIDS")]
    pub occupations: Option<Vec<String>>,
    /// Classes (P31) that keep an organisation [default: news agency, armed forces,
    /// intelligence agency, ministry, intergovernmental organisation, party, militant group].
    #[arg(long, value_delimiter = ',', value_name = "QIDS")]
    pub classes: Option<Vec<String>>,
    /// Stop after reading this many entities (to try options on a big dump).
    #[arg(long)]
    pub limit: Option<u64>,
    /// The dump's date (YYYY-MM-DD), written as every entity's `as_of`.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Count malformed lines and go on instead of stopping at the first.
    #[arg(long)]
    pub skip_bad_lines: bool,
}

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

/// Reads a dump and returns the kept entities, sorted by QID number. `progress` is
/// advanced by compressed bytes read (pass `ProgressBar::hidden()` for none).
pub fn import(
    path: &Path,
    options: &ImportOptions,
    progress: &ProgressBar,
) -> Result<(Vec<Entity>, ImportStats), ImportError> {
    let started = Instant::now();
    let file = path.display().to_string();
    let error = |line: usize, message: String| ImportError {
        file: file.clone(),
        line,
        message,
    };
    let bar = progress.clone();
    let (mut lines, compression) =
        reader::open(path, move |f| Box::new(bar.wrap_read(f)) as Box<dyn Read>)
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
            progress.set_message(format!("{} entities", stats.entities_read));
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

/// Writes entities as JSONL through a temporary file renamed into place, so an
/// interrupted import never leaves a half-written KB where a config points.
pub fn write_jsonl(path: &Path, entities: &[Entity]) -> Result<(), ImportError> {
    let error = |message: String| ImportError {
        file: path.display().to_string(),
        line: 0,
        message,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| error(format!("cannot write: {e}")))?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        for entity in entities {
            serde_json::to_writer(&mut out, entity)
                .map_err(|e| error(format!("cannot write: {e}")))?;
            out.write_all(b"\n")
                .map_err(|e| error(format!("cannot write: {e}")))?;
        }
        out.flush()
            .map_err(|e| error(format!("cannot write: {e}")))?;
    }
    temp.persist(path)
        .map_err(|e| error(format!("cannot write: {}", e.error)))?;
    Ok(())
}

impl ImportArgs {
    /// Checks the arguments and turns them into options.
    pub fn options(&self) -> Result<ImportOptions, String> {
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if languages.is_empty() {
            return Err("--languages needs at least one language code".into());
        }
        let defaults = Selection::default();
        let occupations = qid_list("--occupations", self.occupations.as_deref())?
            .map_or(defaults.occupations, |l| l.into_iter().collect());
        let classes = qid_list("--classes", self.classes.as_deref())?.unwrap_or(defaults.classes);
        let as_of = match &self.as_of {
            Some(d) if PartialDate::parse(d).is_some() => d.trim().to_string(),
            Some(d) => return Err(format!("--as-of must be YYYY-MM-DD, got `{d}`")),
            None => String::new(),
        };
        Ok(ImportOptions {
            selection: Selection {
                languages,
                occupations,
                classes,
            },
            limit: self.limit,
            as_of,
            skip_bad_lines: self.skip_bad_lines,
        })
    }
}

fn qid_list(flag: &str, list: Option<&[String]>) -> Result<Option<Vec<String>>, String> {
    let Some(list) = list else { return Ok(None) };
    let mut out = Vec::new();
    for item in list.iter().map(|q| q.trim()).filter(|q| !q.is_empty()) {
        let valid = item.len() > 1
            && item.starts_with('Q')
            && item[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid {
            return Err(format!("{flag} takes QIDs like Q82955, got `{item}`"));
        }
        out.push(item.to_string());
    }
    Ok(Some(out))
}

/// The command: import, write, and report on stderr (a progress bar when stderr is a
/// terminal, then one summary line).
pub fn run(args: &ImportArgs) -> Result<ExitCode, ImportError> {
    let options = args.options().map_err(|message| ImportError {
        file: args.dump.display().to_string(),
        line: 0,
        message,
    })?;
    let progress = progress_bar(&args.dump);
    let result = import(&args.dump, &options, &progress);
    progress.finish_and_clear();
    let (entities, stats) = result?;
    write_jsonl(&args.out, &entities)?;
    if let Some(bad) = &stats.first_bad_line {
        eprintln!(
            "byline: warning: skipped {} malformed line(s); first: {bad}",
            stats.bad_lines
        );
    }
    eprintln!("{}", summary(&stats, &args.out));
    Ok(ExitCode::SUCCESS)
}

/// The final line: read, kept and throughput.
pub fn summary(stats: &ImportStats, out: &Path) -> String {
    format!(
        "read {} entities in {:.1} s ({:.0} entities/s), kept {} -> {} \
         ({} unresolved countries, {} role titles left as QIDs)",
        stats.entities_read,
        stats.elapsed.as_secs_f64(),
        stats.entities_per_second(),
        stats.kept,
        out.display(),
        stats.unresolved_countries,
        stats.unresolved_titles,
    )
}

/// A bar over the dump's (compressed) bytes, hidden unless stderr is a terminal.
fn progress_bar(path: &Path) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}
