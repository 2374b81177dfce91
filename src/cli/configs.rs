//! The settings each file is checked with: the `.byline.toml` nearest to the file
//! (walking up from its directory, as ESLint, ruff and EditorConfig do), or `--config`
//! for every file; the KB its `kb = [...]` names, then `--kb`. So a story gets the same
//! findings wherever the command is run from.
//!
//! Everything is cached: a directory's nearest configuration, a parsed configuration,
//! and a KB by the list of files it is built from, so a run over thousands of files
//! under one configuration reads it and loads its KB once.
//!
//! A configuration (or a KB it names) that cannot be read is an error of each file under
//! it, not of the run: the other files are still checked. `--config`, `--kb` and
//! `--story-date` are the user's own words, and their errors end the run.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use byline_core::analysis::{AnalysisOptions, Severity};
use byline_desk::config::{self, Config, CONFIG_FILE_NAME};
use byline_kb::{Kb, KbBuilder, PartialDate};

use super::{AnalysisArgs, Fatal};

/// What one file is checked with.
pub struct Settings {
    pub kb: Arc<Kb>,
    /// Story date and checks; the format is set per file.
    pub options: AnalysisOptions,
    /// `fail_on` of the configuration, if it says.
    pub fail_on: Option<Severity>,
}

type Shared = Result<Arc<Settings>, String>;

pub struct Resolver<'a> {
    args: &'a AnalysisArgs,
    story_date: Option<PartialDate>,
    /// `--config`, when given: every file's settings.
    forced: Option<Arc<Settings>>,
    /// A file's directory as named (the common case: many files of one folder) → its
    /// settings.
    by_dir: HashMap<PathBuf, Shared>,
    /// Directory (absolute, normalised) → its nearest `.byline.toml`, if any.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (`None`: no file, the defaults) → settings.
    settings: HashMap<Option<PathBuf>, Shared>,
    /// KB files in order → the KB.
    kbs: HashMap<Vec<PathBuf>, Result<Arc<Kb>, String>>,
}

impl<'a> Resolver<'a> {
    pub fn new(args: &'a AnalysisArgs) -> Result<Resolver<'a>, Fatal> {
        let story_date =
            match &args.story_date {
                Some(text) if text == "today" => Some(PartialDate::today()),
                Some(text) => Some(PartialDate::parse(text).ok_or_else(|| {
                    Fatal(format!("--story-date must be YYYY-MM-DD, got `{text}`"))
                })?),
                None => None,
            };
        let mut resolver = Resolver {
            args,
            story_date,
            forced: None,
            by_dir: HashMap::new(),
            nearest: HashMap::new(),
            settings: HashMap::new(),
            kbs: HashMap::new(),
        };
        if let Some(path) = &args.config {
            let config = config::load(path)?;
            resolver.forced = Some(resolver.settings_of(&config)?.map_err(Fatal)?);
        }
        Ok(resolver)
    }

    /// The settings for a file at `path` (for standard input, a file named by
    /// `--stdin-filename`, or none: the working directory's).
    pub fn for_file(&mut self, path: Option<&Path>) -> Result<Shared, Fatal> {
        if let Some(forced) = &self.forced {
            return Ok(Ok(forced.clone()));
        }
        let named_dir = path.and_then(Path::parent).unwrap_or(Path::new(""));
        if let Some(known) = self.by_dir.get(named_dir) {
            return Ok(known.clone());
        }
        let settings = self.for_dir(named_dir)?;
        self.by_dir
            .insert(named_dir.to_path_buf(), settings.clone());
        Ok(settings)
    }

    fn for_dir(&mut self, named_dir: &Path) -> Result<Shared, Fatal> {
        let cwd = std::env::current_dir()
            .map_err(|e| Fatal(format!("cannot read the current directory: {e}")))?;
        let dir = absolute_dir(&cwd, named_dir);
        let config_path = self.nearest_config(&dir);
        if let Some(known) = self.settings.get(&config_path) {
            return Ok(known.clone());
        }
        let settings = match &config_path {
            None => self.settings_of(&Config::default())?,
            Some(file) => match config::load(file) {
                Ok(config) => self.settings_of(&config)?,
                Err(e) => Err(format!("configuration error: {e}")),
            },
        };
        self.settings.insert(config_path, settings.clone());
        Ok(settings)
    }

    /// The nearest `.byline.toml` in `dir` or above, remembering the answer for every
    /// directory on the way.
    fn nearest_config(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut walked = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = self.nearest.get(ancestor) {
                found = known.clone();
                break;
            }
            walked.push(ancestor.to_path_buf());
            let candidate = ancestor.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for dir in walked {
            self.nearest.insert(dir, found.clone());
        }
        found
    }

    /// Settings from a configuration. `Err` of the outer result ends the run (a `--kb`
    /// file is broken); of the inner one, fails the files under this configuration.
    fn settings_of(&mut self, config: &Config) -> Result<Shared, Fatal> {
        let files: Vec<PathBuf> = config
            .kb_files
            .iter()
            .map(|p| normalise(p))
            .chain(self.args.kb_files.iter().cloned())
            .collect();
        let kb = match self.kbs.get(&files) {
            Some(kb) => kb.clone(),
            None => {
                let kb = self.load_kb(&config.kb_files)?;
                self.kbs.insert(files, kb.clone());
                kb
            }
        };
        Ok(kb.map(|kb| {
            Arc::new(Settings {
                kb,
                options: AnalysisOptions {
                    format: None,
                    story_date: self.story_date.or(config.story_date),
                    checks: config.checks.clone(),
                    ..AnalysisOptions::default()
                },
                fail_on: config.fail_on,
            })
        }))
    }

    /// The default KB (unless left out), the configuration's files, then `--kb`.
    fn load_kb(&self, configured: &[PathBuf]) -> Result<Result<Arc<Kb>, String>, Fatal> {
        let mut builder = KbBuilder::new();
        if !self.args.no_default_kb {
            builder = byline_default_kb::default_builder()?;
        }
        for path in configured {
            builder = match builder.with_file(path) {
                Ok(builder) => builder,
                Err(e) => return Ok(Err(format!("KB error: {e} (named in the configuration)"))),
            };
        }
        for path in &self.args.kb_files {
            builder = builder.with_file(path)?;
        }
        Ok(Ok(Arc::new(builder.build())))
    }
}

/// `dir` as an absolute path without `.` or `..`: symbolic links resolved when the
/// directory exists, else resolved by name (a `--stdin-filename` need not exist).
fn absolute_dir(cwd: &Path, dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| normalise(&cwd.join(dir)))
}

/// Removes `.` and resolves `..` by name.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_by_name() {
        assert_eq!(normalise(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(
            absolute_dir(Path::new("/no/such/cwd"), Path::new("x/../y")),
            Path::new("/no/such/cwd/y")
        );
    }
}
