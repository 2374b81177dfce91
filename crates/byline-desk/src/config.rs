//! `.byline.toml`: a desk's settings, found by walking up from the document.
//!
//! ```toml
//! kb = ["house-kb.toml"]          # more KB files, relative to this file; ~ and $VARS expanded
//! story_date = "2021-10-21"       # overrides front matter
//! fail_on = "warning"             # byline check exit status threshold
//! ignore = ["Gerasimovis"]       # names and words never to flag
//! [checks]
//! misspelled-name = "error"       # a severity, or "off"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use byline_core::analysis::{CheckSettings, Code, Severity};
use byline_kb::load::{line_column, KbError};
use byline_kb::PartialDate;

pub const CONFIG_FILE_NAME: &str = ".byline.toml";

/// A configuration is a few lines; a bigger file is refused rather than parsed.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Settings after parsing and validation; KB paths are absolute.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub kb_files: Vec<PathBuf>,
    pub story_date: Option<PartialDate>,
    pub fail_on: Option<Severity>,
    pub checks: CheckSettings,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    kb: Vec<toml::Spanned<String>>,
    #[serde(default)]
    story_date: Option<toml::Spanned<String>>,
    #[serde(default)]
    fail_on: Option<toml::Spanned<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    checks: std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// A configuration error, located like a KB error.
pub type ConfigError = KbError;

/// What `byline init` writes: every setting, commented, with its default.
pub const STARTER: &str = r#"# Byline settings for this folder and the folders below it.
# Reference: the README's "Configuration" section.

# More knowledge-base files (TOML or JSONL), relative to this file (~ and $VARS are
# expanded). Entities here win over the embedded default KB.
# kb = ["house-kb.toml"]

# The date the stories are written on (YYYY-MM-DD or "today"); overrides front matter.
# Only `outdated-title` uses it.
# story_date = "2026-11-28"

# `byline check` exits 1 when a finding at or above this severity is found:
# error | warning | information
fail_on = "warning"

# Names and words never to flag (case-insensitive), e.g. a source who spells their
# name unusually.
ignore = []

# Each check: off | information | warning | error
[checks]
misspelled-name = "warning"
inconsistent-spelling = "warning"
title-mismatch = "warning"
outdated-title = "information"
banned-form = "warning"
"#;

/// Finds `.byline.toml` in `start` or an ancestor.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and validates a configuration file. It is data only: parsing runs no code
/// and fetches nothing (a `kb` entry is a local path, even when it looks like a URL).
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = byline_kb::load::read_text(path, MAX_CONFIG_BYTES, "configuration")?;
    parse(path, &text)
}

/// Parses configuration text; `path` names it in errors and anchors relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let file = path.display().to_string();
    let error_at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        ConfigError {
            file: file.clone(),
            line,
            column,
            message,
        }
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        error_at(offset, e.message().trim().to_string())
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    for entry in &raw.kb {
        // `~` and `$VARS` first; a path still relative is relative to this file.
        let expanded = crate::paths::expand(entry.get_ref(), "kb")
            .map_err(|message| error_at(entry.span().start, message))?;
        config.kb_files.push(base.join(expanded));
    }
    config.checks.ignore = raw.ignore;
    if let Some(date) = raw.story_date {
        let parsed = match date.get_ref().as_str() {
            "today" => Some(PartialDate::today()),
            other => PartialDate::parse(other),
        };
        config.story_date = Some(parsed.ok_or_else(|| {
            error_at(
                date.span().start,
                format!("`story_date` must be YYYY-MM-DD, got `{}`", date.get_ref()),
            )
        })?);
    }
    if let Some(level) = raw.fail_on {
        config.fail_on = Some(Severity::parse(level.get_ref()).ok_or_else(|| {
            error_at(
                level.span().start,
                format!(
                    "`fail_on` must be error, warning or information, got `{}`",
                    level.get_ref()
                ),
            )
        })?);
    }
    for (code, value) in raw.checks {
        let parsed_code = Code::parse(code.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            error_at(
                code.span().start,
                format!(
                    "unknown check `{}` in [checks]; known checks: {}",
                    code.get_ref(),
                    known.join(", ")
                ),
            )
        })?;
        let severity = match value.get_ref().as_str() {
            "off" | "false" => None,
            other => Some(Severity::parse(other).ok_or_else(|| {
                error_at(
                    value.span().start,
                    format!(
                        "check `{}` must be off, information, warning or error, got `{other}`",
                        code.get_ref()
                    ),
                )
            })?),
        };
        config.checks.overrides.insert(parsed_code, severity);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_dates_are_read() {
        let config = parse(Path::new("/desk/.byline.toml"), "kb = [\"house.toml\"]\nstory_date = \"2021-10-21\"\n[checks]\nmisspelled-name = \"error\"\ninconsistent-spelling = \"off\"\n").unwrap();
        assert_eq!(config.kb_files, [PathBuf::from("/desk/house.toml")]);
        assert_eq!(
            config.checks.severity(Code::MisspelledName),
            Some(Severity::Error)
        );
        assert_eq!(config.checks.severity(Code::InconsistentSpelling), None);
    }

    #[test]
    fn unknown_check_names_file_line_and_known_checks() {
        let err = parse(
            Path::new(".byline.toml"),
            "\n[checks]\nmisspeled-name = \"off\"\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("misspelled-name"), "{err}");
    }

    #[test]
    fn starter_file_parses_to_the_defaults() {
        let config = parse(Path::new(".byline.toml"), STARTER).unwrap();
        for code in Code::ALL {
            assert_eq!(config.checks.severity(code), Some(code.default_severity()));
        }
        assert!(config.checks.ignore.is_empty());
    }

    #[test]
    fn ignore_list_is_read_and_must_be_strings() {
        let config = parse(Path::new(".byline.toml"), "ignore = [\"Gerasimovis\"]\n").unwrap();
        assert_eq!(config.checks.ignore, ["Gerasimovis"]);
        let err = parse(Path::new("desk/.byline.toml"), "\nignore = [1]\n").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("desk/.byline.toml", 2));
    }

    #[test]
    fn an_oversized_or_non_utf8_config_is_refused_with_its_location() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&path, "# x\n".repeat(MAX_CONFIG_BYTES as usize / 4 + 1)).unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.message.contains("1048576-byte limit"), "{err}");
        std::fs::write(&path, b"fail_on = \"error\"\n# caf\xe9\n").unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!((err.line, err.column), (2, 6), "{err}");
    }

    #[test]
    fn a_url_in_kb_is_a_local_path_and_never_fetched() {
        let config = parse(
            Path::new("/desk/.byline.toml"),
            "kb = [\"https://example.com/kb.toml\"]\n",
        )
        .unwrap();
        let err = byline_kb::KbBuilder::new()
            .with_file(&config.kb_files[0])
            .err()
            .unwrap();
        assert!(err.message.starts_with("cannot read"), "{err}");
        assert!(err.file.starts_with("/desk/https:"), "{err}");
    }

    #[test]
    fn kb_paths_expand_home_and_variables_before_joining_the_config_folder() {
        // HOME is set wherever tests run; the variable is one no one else sets.
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
        let config = parse(
            Path::new("/desk/.byline.toml"),
            "kb = [\"~/house.toml\", \"$HOME/b.toml\", \"rel/c.toml\"]\n",
        )
        .unwrap();
        assert_eq!(
            config.kb_files,
            [
                home.join("house.toml"),
                home.join("b.toml"),
                PathBuf::from("/desk/rel/c.toml")
            ]
        );
        let err = parse(
            Path::new("desk/.byline.toml"),
            "fail_on = \"error\"\nkb = [\"a.toml\", \"${BYLINE_TEST_SURELY_UNSET_VAR}/kb.toml\"]\n",
        )
        .unwrap_err();
        assert_eq!(
            (err.file.as_str(), err.line, err.column),
            ("desk/.byline.toml", 2, 17),
            "{err}"
        );
        assert!(
            err.message
                .starts_with("kb: $BYLINE_TEST_SURELY_UNSET_VAR is not set"),
            "{err}"
        );
    }

    #[test]
    fn unknown_top_level_key_is_an_error() {
        let err = parse(Path::new(".byline.toml"), "kbs = []\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("kbs"), "{err}");
    }
}
