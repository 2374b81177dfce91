//! Byline: entity analysis and name checks for news prose.
//!
//! The crate is split so that the data flow reads from the folder layout:
//! `prose` (what text is prose) → `analysis` (tokens, mentions, entities, checks)
//! over a `kb` (knowledge base), with `text` for positions and edits. `lsp` and `cli`
//! are thin adapters over the pure core; see ARCHITECTURE.md.

pub mod analysis;
pub mod atomic_file;
pub mod cli;
pub mod config;
pub mod eval;
pub mod fuzz;
pub mod kb;
pub mod lsp;
pub mod prose;
pub mod report;
pub mod text;
