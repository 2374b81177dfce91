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

    /// The towns' aliases carry their kinds in the entities, by the cities' rules
    /// (scripts/kb/towns.py): a GeoNames alternate is unvetted unless GeoNames also
    /// gives it with romanisation marks, or it romanises a Cyrillic alternate where the
    /// country writes Cyrillic; the name without its Arabic article is official. The
    /// older classifier called "Molodizhnij" a romanisation and "Lqliaa" another
    /// language on the spelling alone.
    #[test]
    fn town_aliases_are_unvetted_unless_a_rule_shows_their_kind() {
        use byline_kb::AliasKind;
        let kb = default_kb().unwrap();
        let town = |id: &str| kb.entity(kb.find_id(id).unwrap());
        let molodizhne = town("geonames-11139621");
        assert_eq!(molodizhne.name, "Molodizhne");
        assert_eq!(
            molodizhne.alias_kind("Molodizhnij"),
            Some(AliasKind::Unvetted)
        );
        assert!(!molodizhne.is_accepted_spelling("Molodizhnij"));
        assert_eq!(
            town("geonames-10375044").alias_kind("Lqliaa"),
            Some(AliasKind::Unvetted)
        );
        assert_eq!(
            town("geonames-1121381").alias_kind("Bazar-e Yakavlang"),
            Some(AliasKind::Romanisation)
        );
        assert_eq!(
            town("geonames-147105").alias_kind("Susha"),
            Some(AliasKind::Romanisation)
        );
        let jazeera = town("geonames-12493849");
        assert_eq!(jazeera.alias_kind("Jazeera Aba"), Some(AliasKind::Official));
        assert!(jazeera.is_accepted_spelling("Jazeera Aba"));
    }

    /// OFAC's entities carry the list's own word for each alternate name
    /// (scripts/kb/ofac.py): "fka" a historic name, "aka" unvetted.
    #[test]
    fn ofac_aliases_take_their_kind_from_the_list() {
        use byline_kb::AliasKind;
        let kb = default_kb().unwrap();
        let entity = |id: &str| kb.entity(kb.find_id(id).unwrap());
        let kiriyenko = entity("person-ofac-31123");
        assert_eq!(
            kiriyenko.alias_kind("Sergey Vladilenovich Izraitel"),
            Some(AliasKind::Historic)
        );
        let zawahiri = entity("person-ofac-2676");
        assert_eq!(
            zawahiri.alias_kind("Ahmad Fuad Salim"),
            Some(AliasKind::Unvetted)
        );
        assert_eq!(
            entity("org-ofac-9346").alias_kind("Changgwang Credit Bank"),
            Some(AliasKind::Historic)
        );
    }

    /// The list writes some companies "NAME, S.A. DE C.V." or "NAME, OOO", which the
    /// "SURNAME, Given" pattern had read as persons ("S.A. DE C.V. Farmacia Jarlyne");
    /// their words then hid towns (Sayula, Bucerías) as words of a person's name.
    #[test]
    fn ofac_companies_written_with_a_comma_are_no_persons() {
        let kb = default_kb().unwrap();
        let legal = [
            "S.A.", "C.V.", "R.L.", "LTD", "LTD.", "LLC", "INC.", "OOO", "S.A.R.L.", "JSC",
        ];
        let persons: Vec<&str> = kb
            .iter()
            .filter(|(_, e)| e.id.starts_with("person-ofac-"))
            .filter(|(_, e)| e.name.split(' ').any(|w| legal.contains(&w)))
            .map(|(_, e)| e.name.as_str())
            .collect();
        assert!(persons.is_empty(), "{persons:?}");
        let pharmacy = kb.entity(kb.find_id("org-ofac-11245").unwrap());
        assert_eq!(pharmacy.name, "Farmacia Jarlyne S.A. de C.V.");
        assert!(kb.find_id("geonames-3983216").is_some(), "the town Sayula");
    }
}
