//! Byline's analysis core: text and a [`byline_kb::Kb`] in, an [`analysis::Analysis`] out.
//!
//! The data flow reads from the module list: `prose` (which bytes are prose) →
//! `analysis` (tokens, mentions, linking, checks, suppressions), with `text` for
//! positions and edits and `card` for what a reader is told about an entity. Nothing
//! here does I/O, speaks a protocol or draws on a terminal: the language server
//! (`byline-lsp`) and the command line (`byline`) are adapters over this crate, and the
//! crate graph keeps it so (see ARCHITECTURE.md).

pub mod analysis;
pub mod card;
pub mod prose;
pub mod text;

#[cfg(any(test, feature = "testing"))]
pub mod testing;
