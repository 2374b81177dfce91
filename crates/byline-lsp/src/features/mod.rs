//! LSP features as pure functions of an open document's analysis: each takes what it
//! needs and returns protocol values, so handlers stay one line long.

pub mod actions;
pub mod completion;
pub mod diagnostics;
pub mod hover;
pub mod navigation;
pub mod semantic_tokens;
