//! Reading source files: CSV and JSON with errors that name the file and line, and the
//! `MANIFEST.csv` that pins every file to a snapshot.
//!
//! The importers must be reproducible, so a source file that is not the one the
//! manifest describes (different size) is an error rather than a silent change of the
//! generated KB.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// A problem with a source file, located as precisely as its parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u64,
    pub message: String,
}

impl ImportError {
    pub fn new(file: &Path, line: u64, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.display().to_string(),
            line,
            message: message.into(),
        }
    }

    pub fn whole_file(file: &Path, message: impl Into<String>) -> ImportError {
        ImportError::new(file, 0, message)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

pub type Result<T> = std::result::Result<T, ImportError>;

/// Reads a whole text file; the error names it.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| ImportError::whole_file(path, format!("cannot read: {e}")))
}

/// Parses a JSON file into `T`; a syntax or shape error names the line.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| ImportError::new(path, e.line() as u64, e.to_string()))
}

/// Parses a YAML file into `T`; a syntax or shape error names the line.
pub fn read_yaml<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    yaml_serde::from_str(&text).map_err(|e| {
        let line = e.location().map_or(0, |l| l.line() as u64);
        ImportError::new(path, line, e.to_string())
    })
}

/// One data row of a CSV file, read by column name.
#[derive(Debug, Clone)]
pub struct CsvRow<'a> {
    columns: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
    /// 1-based line of the row in its file, for error messages.
    pub line: u64,
}

impl CsvRow<'_> {
    /// The trimmed value of `column`, or "" when the file has no such column.
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }
}

/// A CSV file with a header row, read whole (the sources are small).
pub struct CsvTable {
    pub path: PathBuf,
    columns: HashMap<String, usize>,
    records: Vec<(csv::StringRecord, u64)>,
}

impl CsvTable {
    /// Reads `path`; a malformed row is an error naming its line.
    pub fn read(path: &Path) -> Result<CsvTable> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(|e| ImportError::whole_file(path, format!("cannot read CSV: {e}")))?;
        let headers = reader
            .headers()
            .map_err(|e| csv_error(path, &e))?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_string(), i))
            .collect();
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(path, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            records.push((record, line));
        }
        Ok(CsvTable {
            path: path.to_path_buf(),
            columns: headers,
            records,
        })
    }

    /// Reads `path` when it exists; `None` when the source simply lacks the file.
    pub fn read_optional(path: &Path) -> Result<Option<CsvTable>> {
        if path.is_file() {
            CsvTable::read(path).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = CsvRow<'_>> {
        self.records.iter().map(|(record, line)| CsvRow {
            columns: &self.columns,
            record,
            line: *line,
        })
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

fn csv_error(path: &Path, error: &csv::Error) -> ImportError {
    let line = error.position().map_or(0, |p| p.line());
    ImportError::new(path, line, error.to_string())
}

/// One row of `MANIFEST.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub snapshot_date: String,
    pub licence: String,
    pub bytes: u64,
}

/// `MANIFEST.csv`: every source file with its snapshot date, licence and size.
#[derive(Debug, Default)]
pub struct Manifest {
    pub root: PathBuf,
    entries: BTreeMap<String, ManifestEntry>,
}

impl Manifest {
    pub fn read(root: &Path) -> Result<Manifest> {
        let path = root.join("MANIFEST.csv");
        let table = CsvTable::read(&path)?;
        let mut entries = BTreeMap::new();
        for row in table.rows() {
            let bytes = row.get("bytes").parse().map_err(|_| {
                ImportError::new(
                    &path,
                    row.line,
                    format!("bad byte count `{}`", row.get("bytes")),
                )
            })?;
            entries.insert(
                row.get("path").to_string(),
                ManifestEntry {
                    snapshot_date: row.get("snapshot_date").to_string(),
                    licence: row.get("licence").to_string(),
                    bytes,
                },
            );
        }
        Ok(Manifest {
            root: root.to_path_buf(),
            entries,
        })
    }

    /// The path of a source file, checked against the manifest: it must be listed and
    /// have the listed size, so that the import reproduces the committed KB.
    pub fn file(&self, relative: &str) -> Result<PathBuf> {
        let path = self.root.join(relative);
        let entry = self
            .entries
            .get(relative)
            .ok_or_else(|| ImportError::whole_file(&path, "not listed in MANIFEST.csv"))?;
        let size = std::fs::metadata(&path)
            .map_err(|e| ImportError::whole_file(&path, format!("cannot read: {e}")))?
            .len();
        if size != entry.bytes {
            return Err(ImportError::whole_file(
                &path,
                format!(
                    "is {size} bytes but MANIFEST.csv lists {}: not the pinned snapshot",
                    entry.bytes
                ),
            ));
        }
        Ok(path)
    }

    /// Whether a source file is listed (optional files of every-politician repos).
    pub fn has(&self, relative: &str) -> bool {
        self.entries.contains_key(relative)
    }

    /// The snapshot date of the files under `prefix` (a repo folder): the latest listed,
    /// since a repo's files share one commit.
    pub fn snapshot_of(&self, prefix: &str) -> Option<&str> {
        self.entries
            .range(prefix.to_string()..)
            .take_while(|(path, _)| path.starts_with(prefix))
            .map(|(_, e)| e.snapshot_date.as_str())
            .filter(|d| byline_kb::PartialDate::parse(d).is_some())
            .max()
    }

    /// Listed paths under `prefix`, sorted.
    pub fn paths_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .range(prefix.to_string()..)
            .take_while(move |(path, _)| path.starts_with(prefix))
            .map(|(path, _)| path.as_str())
    }
}
