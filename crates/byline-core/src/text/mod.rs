//! Text plumbing that knows nothing of names: word splitting, line indexes and position
//! encodings, and the edit-applying document the language server keeps.

pub mod document;
pub mod line_index;
pub mod word_list;
pub use byline_kb::words;

pub use line_index::{LineIndex, PositionEncoding, TextPosition};
