//! The `byline` command line: `check` and its report formats, `entities`, `kb`, `eval`
//! and `lsp`, as adapters over the workspace's crates (see ARCHITECTURE.md):
//! `byline-core` analyses, `byline-lsp` serves, `byline-desk` reads a desk's
//! configuration and house KB, `byline-kb-import` builds KB files.
//!
//! `report` renders analysed files in each `--format`; `eval` is the accuracy harness
//! behind `byline eval`, kept here, out of the core library, since only the command
//! line runs it.

pub mod cli;
pub mod eval;
pub mod report;

#[cfg(feature = "fuzzing")]
pub mod fuzz;
