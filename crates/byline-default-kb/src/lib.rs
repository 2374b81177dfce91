//! The default knowledge base, compiled at build time from `kb/generated/`,
//! `kb/script-generated/` and then `kb/curated/` (see `build.rs`) and embedded, so
//! Byline works on a fresh machine with no set-up. A crate of its own so that the
//! analysis core and its unit tests do not depend on it: they build small KBs with
//! `KbBuilder`.

use byline_kb::{Kb, KbBuilder, KbError};

/// The default KB, compiled at build time from `kb/generated/`, `kb/script-generated/`
/// and `kb/curated/`.
static DEFAULT_KB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.kb"));

/// Spellings of the KB persons' given names and surnames (rigour's name groups, MIT;
/// `scripts/kb/name_forms.py`), for `Kb::name_forms`.
static NAME_FORMS: &str = include_str!("../../../kb/script-generated/name-forms.txt");

/// The name the default KB goes by in messages and `kb stats`.
pub const DEFAULT_KB_ORIGIN: &str = "<embedded default KB>";

/// A builder holding the embedded default KB as its first layer.
pub fn default_builder() -> Result<KbBuilder, KbError> {
    Ok(KbBuilder::new()
        .with_compiled(DEFAULT_KB_ORIGIN, DEFAULT_KB)?
        .with_name_forms(NAME_FORMS))
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

    #[test]
    fn the_surname_of_a_kb_person_has_its_recorded_spellings() {
        let kb = default_kb().unwrap();
        assert!(kb.same_name_forms("Prigozhin", "Prigojin"));
        assert!(kb.same_name_forms("Prigozhin", "Prigoschin"));
        assert!(!kb.same_name_forms("Prigozhin", "Prigozhni"));
        let groups = kb.name_forms("Prigoschin");
        assert!(
            groups.iter().any(|g| g.contains(&"prigozhin")),
            "{groups:?}"
        );
    }

    #[test]
    fn geonames_alternate_names_are_unvetted_and_a_cited_historic_name_is_accepted() {
        use byline_kb::AliasKind;
        let kb = default_kb().unwrap();
        let beijing = kb.entity(kb.find_id("geonames-1816670").unwrap());
        assert_eq!(beijing.name, "Beijing");
        assert_eq!(beijing.alias_kind("Bejing"), Some(AliasKind::Unvetted));
        assert!(!beijing.is_accepted_spelling("Bejing"));
        assert_eq!(beijing.alias_kind("Peking"), Some(AliasKind::Historic));
        let peking: Vec<_> = beijing.alias_records("Peking").collect();
        assert!(peking.contains(&(AliasKind::Unvetted, "GeoNames alternate names")));
        assert!(peking.contains(&(
            AliasKind::Historic,
            "https://nostalgia.wikipedia.org/wiki/Beijing"
        )));
        let tbilisi = kb.entity(kb.find_id("geonames-611717").unwrap());
        assert_eq!(tbilisi.alias_kind("Tbilsi"), Some(AliasKind::Unvetted));
        assert_eq!(tbilisi.alias_kind("Tiflis"), Some(AliasKind::Historic));
    }
}
