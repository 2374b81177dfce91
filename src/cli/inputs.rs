//! Which texts a command reads: files, directories walked with the `ignore` crate
//! (`.gitignore`, hidden files and `--include`/`--exclude` globs honoured, sorted for a
//! deterministic order), and standard input as `-`.

use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use super::{AnalysisArgs, Fatal};
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
    pub fn read(&self) -> Result<String, Fatal> {
        let Some(path) = &self.path else {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
            return Ok(text);
        };
        let bytes = std::fs::read(path)
            .map_err(|e| Fatal(format!("{}: cannot read: {e}", path.display())))?;
        String::from_utf8(bytes).map_err(|_| Fatal(format!("{}: not UTF-8 text", path.display())))
    }
}

fn file_input(path: &Path) -> Input {
    Input {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        format: Format::from_path(path),
    }
}

/// Expands the command's paths into inputs, in argument order, each directory's files
/// sorted by path.
pub fn expand(args: &AnalysisArgs) -> Result<Vec<Input>, Fatal> {
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            inputs.push(Input {
                name: name.display().to_string(),
                path: None,
                format: Format::from_path(&name),
            });
        } else if path.is_dir() {
            walk(path, args, &mut inputs)?;
        } else {
            // A named file is read whatever its extension; a missing one fails on read.
            inputs.push(file_input(path));
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, args: &AnalysisArgs, inputs: &mut Vec<Input>) -> Result<(), Fatal> {
    let mut overrides = OverrideBuilder::new(dir);
    let includes: Vec<&str> = if args.include.is_empty() {
        DEFAULT_INCLUDES.to_vec()
    } else {
        args.include.iter().map(String::as_str).collect()
    };
    for glob in includes {
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
        let entry = entry.map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
        if entry.file_type().is_some_and(|t| t.is_file()) {
            inputs.push(file_input(entry.path()));
        }
    }
    Ok(())
}
