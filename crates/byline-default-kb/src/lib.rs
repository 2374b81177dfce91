//! The default knowledge base, compiled at build time from `kb/generated/`,
//! `kb/script-generated/` and then `kb/curated/` (see `build.rs`) and embedded, so
//! Byline works on a fresh machine with no set-up. A crate of its own so that the
//! analysis core and its unit tests do not depend on it: they build small KBs with
//! `KbBuilder`.

use byline_kb::{Kb, KbBuilder, KbError};

/// The default KB, compiled at build time from `kb/generated/`, `kb/script-generated/`
/// and `kb/curated/`.
static DEFAULT_KB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.kb"));

/// The name the default KB goes by in messages and `kb stats`.
pub const DEFAULT_KB_ORIGIN: &str = "<embedded default KB>";

/// A builder holding the embedded default KB as its first layer.
pub fn default_builder() -> Result<KbBuilder, KbError> {
    KbBuilder::new().with_compiled(DEFAULT_KB_ORIGIN, DEFAULT_KB)
}

/// The embedded default KB alone.
pub fn default_kb() -> Result<Kb, KbError> {
    Ok(default_builder()?.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_kb_loads_and_indexes_example_people() {
        let kb = default_kb().unwrap();
        let id = kb.find_id("Q36073").unwrap();
        assert_eq!(kb.entity(id).name, "Valery Gerasimov");
        // The embedded layer answers both indexes in place, with nothing parsed at load.
        let by_name: Vec<_> = kb
            .names_get("valery gerasimov")
            .iter()
            .map(|t| t.entity)
            .collect();
        let by_token: Vec<_> = kb
            .token_postings("gerasimov")
            .iter()
            .map(|p| p.entity)
            .collect();
        assert!(by_name.contains(&id) && by_token.contains(&id));
    }
}
