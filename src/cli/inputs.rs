//! Which texts a command reads: files, directories walked with the `ignore` crate
//! (`.gitignore`, hidden files and `--include`/`--exclude` globs honoured, sorted for a
//! deterministic order), and standard input as `-`.

use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use super::decode::{self, Decoded};
use super::{AnalysisArgs, Fatal};
use crate::report::{ErrorKind, FileError};
use byline_core::prose::Format;

/// The files a directory walk picks up when no `--include` is given.
const DEFAULT_INCLUDES: &[&str] = &[
    "*.md",
    "*.markdown",
    "*.mdx",
    "*.txt",
    "*.text",
    "*.html",
    "*.htm",
];

/// One text to check.
pub struct Input {
    /// The name shown in reports: the path as walked, or `--stdin-filename` / `-`.
    pub name: String,
    /// The file on disk; `None` for standard input.
    pub path: Option<PathBuf>,
    pub format: Format,
}

impl Input {
    /// Reads and decodes the text (`forced`: `--encoding`).
    pub fn read(&self, forced: Option<&'static Encoding>) -> Result<Decoded, FileError> {
        let bytes = match &self.path {
            None => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| self.error(ErrorKind::Read, format!("cannot read: {e}")))?;
                bytes
            }
            Some(path) => std::fs::read(path)
                .map_err(|e| self.error(ErrorKind::Read, format!("cannot read: {e}")))?,
        };
        decode::decode(bytes, forced).map_err(|e| FileError {
            line: Some(e.line),
            byte: Some(e.byte),
            ..self.error(ErrorKind::Encoding, e.message)
        })
    }

    /// An error of this input.
    pub fn error(&self, kind: ErrorKind, message: String) -> FileError {
        FileError {
            path: self.name.clone(),
            kind,
            message,
            line: None,
            byte: None,
        }
    }
}

fn file_input(path: &Path) -> Input {
    Input {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        format: Format::from_path(path),
    }
}

/// The inputs of a run, and what went wrong finding them.
#[derive(Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    /// Directories that yielded no files (unless `--allow-empty`), entries a walk could
    /// not read.
    pub errors: Vec<FileError>,
}

/// Expands the command's paths into inputs, in argument order, each directory's files
/// sorted by path. No paths means standard input.
pub fn expand(args: &AnalysisArgs) -> Result<Expanded, Fatal> {
    let mut expanded = Expanded::default();
    let stdin = [PathBuf::from("-")];
    let paths = if args.paths.is_empty() {
        &stdin[..]
    } else {
        &args.paths[..]
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            expanded.inputs.push(Input {
                name: name.display().to_string(),
                path: None,
                format: Format::from_path(&name),
            });
        } else if path.is_dir() {
            let before = expanded.inputs.len();
            walk(path, args, &mut expanded)?;
            if expanded.inputs.len() == before && !args.allow_empty {
                expanded.errors.push(FileError {
                    path: path.display().to_string(),
                    kind: ErrorKind::NoFiles,
                    message: format!(
                        "no files to check in {} (looked for {}{})",
                        path.display(),
                        includes(args).join(", "),
                        args.exclude
                            .iter()
                            .map(|glob| format!(", not {glob}"))
                            .collect::<String>()
                    ),
                    line: None,
                    byte: None,
                });
            }
        } else {
            // A named file is read whatever its extension; a missing one fails on read.
            expanded.inputs.push(file_input(path));
        }
    }
    Ok(expanded)
}

fn includes(args: &AnalysisArgs) -> Vec<&str> {
    if args.include.is_empty() {
        DEFAULT_INCLUDES.to_vec()
    } else {
        args.include.iter().map(String::as_str).collect()
    }
}

fn walk(dir: &Path, args: &AnalysisArgs, expanded: &mut Expanded) -> Result<(), Fatal> {
    let mut overrides = OverrideBuilder::new(dir);
    for glob in includes(args) {
        overrides
            .add(glob)
            .map_err(|e| Fatal(format!("--include {glob}: {e}")))?;
    }
    for glob in &args.exclude {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| Fatal(format!("--exclude {glob}: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    let walker = WalkBuilder::new(dir)
        .overrides(overrides)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                expanded.inputs.push(file_input(entry.path()));
            }
            Ok(_) => {}
            // A folder that cannot be listed: its files are lost, so say so and go on.
            Err(e) => expanded.errors.push(FileError {
                path: walk_error_path(&e).unwrap_or(dir).display().to_string(),
                kind: ErrorKind::Read,
                message: format!("cannot read: {}", walk_error_message(&e)),
                line: None,
                byte: None,
            }),
        }
    }
    Ok(())
}

/// The path an `ignore` walk error is about.
fn walk_error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

/// An `ignore` walk error without the path (reports name it separately).
fn walk_error_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// Whether a bare command (no paths) should print its usage instead of reading
/// standard input: it would otherwise wait, silently, for a story typed at the
/// terminal. `-` still reads a terminal, as `cat -` does.
pub fn usage_instead_of_stdin(paths_given: bool, stdin_is_terminal: bool) -> bool {
    !paths_given && stdin_is_terminal
}

#[cfg(test)]
mod tests {
    use super::usage_instead_of_stdin;

    #[test]
    fn only_a_bare_command_on_a_terminal_prints_usage() {
        assert!(usage_instead_of_stdin(false, true));
        assert!(!usage_instead_of_stdin(false, false), "a pipe is read");
        assert!(
            !usage_instead_of_stdin(true, true),
            "paths, or `-`, are read"
        );
    }
}
