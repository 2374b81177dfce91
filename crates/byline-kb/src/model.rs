//! The entity model shared by every loader and by the analysis.
//!
//! One `Entity` describes a person, organisation, place or other named thing, with the
//! provenance of its facts: every role and the entity itself say where the fact came
//! from and as of when it was known to be true.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// The coarse class of an entity; it picks the semantic-token colour.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Person,
    Organization,
    Location,
    #[default]
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Person => "person",
            Category::Organization => "organization",
            Category::Location => "location",
            Category::Other => "other",
        }
    }

    /// The finer types a category allows; loaders reject others so typos surface.
    pub fn allowed_types(self) -> &'static [&'static str] {
        match self {
            Category::Person => &[
                "head-of-state",
                "head-of-government",
                "minister",
                "military-officer",
                "official",
                "legislator",
                "diplomat",
                "politician",
                "journalist",
                "militant",
                "person",
            ],
            Category::Organization => &[
                "news-agency",
                "broadcaster",
                "newspaper",
                "outlet",
                "armed-forces",
                "military-unit",
                "general-staff",
                "intelligence-agency",
                "security-service",
                "police",
                "ministry",
                "government-body",
                "intergovernmental",
                "un-body",
                "armed-group",
                "party",
                "company",
                "court",
                "organization",
            ],
            Category::Location => &[
                "country",
                "city",
                "region",
                "capital",
                "continent",
                "territory",
                "province",
                "sea",
                "landmark",
                "location",
            ],
            Category::Other => &[
                "nationality",
                "ethnic-group",
                "religious-group",
                "event",
                "other",
            ],
        }
    }
}

/// What kind of spelling an alias is, as the source that gives it records it (issue 18,
/// "accepted spellings are recorded spellings"). An alias the KB file gives no kind for
/// has none (`Entity::alias_kind` answers `None`): house KBs and older files stay as
/// they are, and their aliases keep silencing the misspelling check as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum AliasKind {
    /// The official or local name, or that name in a form the source derives by a
    /// stated rule (without its Arabic article: "Raqqah"; umlauts written out).
    Official,
    /// The English exonym ("Munich", "Kyiv" for a Ukrainian source's "Київ").
    Exonym,
    /// A romanisation a source records (BGN/PCGN, a transliteration table).
    Romanisation,
    /// The name in another language ("Moscou", "Peking" in German).
    OtherLanguage,
    /// A former name or spelling ("Peking", "Bombay").
    Historic,
    /// A familiar form of the name a source records as one: Congress's `nickname` field
    /// ("Rick Crawford" for Eric A. Crawford), the name CIA World Leaders puts in quotes
    /// or brackets ("Yemi Osinbajo").
    Nickname,
    /// A name a source records for the entity without saying what kind of spelling it
    /// is: a Wikidata label in a list that names no language, a spelling a Wikipedia
    /// page writes, one of world-countries' alternative spellings. The source vouches
    /// that the entity is called so, only not how, so a desk accepts it; the kind says
    /// that nobody classified it rather than leaving the alias without a record.
    Unstated,
    /// A spelling from a list nobody vetted — GeoNames' alternate names hold
    /// misspellings ("Bejing" for Beijing, "Tbilsi" for Tbilisi). It still finds the
    /// entity in a story, but a desk does not accept it as a correct spelling.
    Unvetted,
}

impl AliasKind {
    /// Every kind, in the order `Entity::alias_kind` prefers them.
    pub const ALL: [AliasKind; 8] = [
        AliasKind::Official,
        AliasKind::Exonym,
        AliasKind::Romanisation,
        AliasKind::OtherLanguage,
        AliasKind::Historic,
        AliasKind::Nickname,
        AliasKind::Unstated,
        AliasKind::Unvetted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Official => "official",
            AliasKind::Exonym => "exonym",
            AliasKind::Romanisation => "romanisation",
            AliasKind::OtherLanguage => "other-language",
            AliasKind::Historic => "historic",
            AliasKind::Nickname => "nickname",
            AliasKind::Unstated => "unstated",
            AliasKind::Unvetted => "unvetted",
        }
    }

    /// Whether a desk accepts a spelling of this kind as correct: every kind a source
    /// vouches for, not a name that only an unvetted list gives.
    pub fn is_accepted(self) -> bool {
        self != AliasKind::Unvetted
    }
}

/// Some of an entity's names, the kind of spelling they are and the source that
/// records them so. One alias may be in several records (GeoNames lists "Peking"
/// among Beijing's unvetted alternate names; a curated record calls it historic).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRecord {
    pub kind: AliasKind,
    /// Where the spellings come from ("GeoNames alternate names", a page); empty: the
    /// entity's source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The spellings, each the entity's `name` or one of its `aliases`.
    pub aliases: Vec<String>,
}

/// A position a person held, with its dates and provenance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_of: String,
}

impl Role {
    pub fn start_date(&self) -> Option<PartialDate> {
        PartialDate::parse(&self.start)
    }

    pub fn end_date(&self) -> Option<PartialDate> {
        PartialDate::parse(&self.end)
    }

    /// Whether the role was held on `date`, as far as the dates tell. A role with no
    /// end is taken as held from its start on; one with no start as held up to its end.
    pub fn held_on(&self, date: PartialDate) -> bool {
        let started = self
            .start_date()
            .is_none_or(|start| start.earliest() <= date.latest());
        let not_ended = self
            .end_date()
            .is_none_or(|end| end.latest() >= date.earliest());
        started && not_ended
    }
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wikidata: String,
    pub kind: Category,
    #[serde(rename = "type")]
    pub entity_type: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<String>,
    /// What kind of spelling some of the names are, and who records them so (see
    /// `AliasKind`); names in no record have no kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alias_kinds: Vec<AliasRecord>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub born: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub died: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prominence: Option<f32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banned: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

impl Entity {
    pub fn category(&self) -> Category {
        self.kind
    }

    /// The matching prior: the file's value, else a default by type so that a head of
    /// state outranks a provincial legislator of the same surname.
    pub fn prominence(&self) -> f32 {
        if let Some(p) = self.prominence {
            return p.clamp(0.0, 1.0);
        }
        match self.entity_type.as_str() {
            "head-of-state" | "head-of-government" | "country" => 0.8,
            "minister" | "military-officer" | "capital" | "intergovernmental" | "un-body" => 0.6,
            "legislator" | "city" => 0.3,
            _ => 0.4,
        }
    }

    /// The roles held on `date`, newest first.
    pub fn roles_on(&self, date: PartialDate) -> Vec<&Role> {
        let mut roles: Vec<&Role> = self
            .roles
            .iter()
            .filter(|r| r.held_on(date) && !self.superseded(r))
            .collect();
        roles.sort_by_key(|r| std::cmp::Reverse(r.start_date().map(|d| d.earliest())));
        roles
    }

    /// Whether `role` is an undated listing (CIA World Leaders names office-holders "as
    /// of 2019-06" without dates) that a dated record of the same office shows ending
    /// after that snapshot: Mark Carney was listed as Governor of the Bank of England in
    /// 2019 and left in March 2020, so the listing says nothing about 2026.
    fn superseded(&self, role: &Role) -> bool {
        if !role.start.is_empty() || !role.end.is_empty() {
            return false;
        }
        let Some(listed) = PartialDate::parse(self.role_as_of(role)) else {
            return false;
        };
        self.roles.iter().any(|dated| {
            same_office(&dated.title, &role.title)
                && dated
                    .end_date()
                    .is_some_and(|end| end.latest() >= listed.earliest())
        })
    }

    /// The source of a role, falling back to the entity's.
    pub fn role_source<'a>(&'a self, role: &'a Role) -> &'a str {
        if role.source.is_empty() {
            &self.source
        } else {
            &role.source
        }
    }

    /// The as-of date of a role, falling back to the entity's.
    pub fn role_as_of<'a>(&'a self, role: &'a Role) -> &'a str {
        if role.as_of.is_empty() {
            &self.as_of
        } else {
            &role.as_of
        }
    }

    /// Folds a curated amendment into an imported entity with the same id, so that a
    /// hand-written file can add a new office (or the end of an old one) to a person the
    /// importers know without restating every imported fact. Scalar fields the amendment
    /// sets win; names are unioned (a replaced canonical name stays an alias); a role
    /// with the same start and the same office (equal titles, or one title the other
    /// spelt out, "Chief of the General Staff" / "… of the Armed Forces") replaces the
    /// imported one; any other role is added.
    pub fn amend(&mut self, amendment: Entity) {
        let names_only = amendment.description.is_empty() && amendment.roles.is_empty();
        fn set(field: &mut String, value: String) {
            if !value.is_empty() {
                *field = value;
            }
        }
        fn union(list: &mut Vec<String>, more: Vec<String>) {
            for item in more {
                if !list.contains(&item) {
                    list.push(item);
                }
            }
        }
        if !amendment.name.is_empty() && amendment.name != self.name {
            let old = std::mem::replace(&mut self.name, amendment.name);
            union(&mut self.aliases, vec![old]);
        }
        self.aliases.retain(|alias| *alias != self.name);
        union(&mut self.aliases, amendment.aliases);
        self.aliases.retain(|alias| *alias != self.name);
        union(&mut self.acronyms, amendment.acronyms);
        union(&mut self.banned, amendment.banned);
        // Imported records keep their source, as roles do (below), when the amendment
        // replaces the entity's.
        for record in &mut self.alias_kinds {
            if record.source.is_empty() {
                record.source = self.source.clone();
            }
        }
        for mut record in amendment.alias_kinds {
            if record.source.is_empty() {
                record.source = amendment.source.clone();
            }
            let same = self
                .alias_kinds
                .iter_mut()
                .find(|held| held.kind == record.kind && held.source == record.source);
            match same {
                Some(held) => union(&mut held.aliases, record.aliases),
                None => self.alias_kinds.push(record),
            }
        }
        self.kind = amendment.kind;
        set(&mut self.entity_type, amendment.entity_type);
        set(&mut self.wikidata, amendment.wikidata);
        set(&mut self.description, amendment.description);
        set(&mut self.country, amendment.country);
        set(&mut self.parent, amendment.parent);
        set(&mut self.born, amendment.born);
        set(&mut self.died, amendment.died);
        if amendment.prominence.is_some() {
            self.prominence = amendment.prominence;
        }
        // Imported roles keep the provenance they came with, even when the amendment's
        // file-level source would otherwise be inherited by the entity.
        for role in &mut self.roles {
            if role.source.is_empty() {
                role.source = self.source.clone();
            }
            if role.as_of.is_empty() {
                role.as_of = self.as_of.clone();
            }
        }
        if names_only {
            // Only names added ("UK" for the United Kingdom): the facts keep their
            // source and date, and the names' source is credited beside it.
            if !amendment.source.is_empty() && !self.source.contains(&amendment.source) {
                self.source = format!("{}; names: {}", self.source, amendment.source);
            }
        } else {
            set(&mut self.source, amendment.source.clone());
            set(&mut self.as_of, amendment.as_of.clone());
        }
        for mut role in amendment.roles {
            if role.source.is_empty() {
                role.source = amendment.source.clone();
            }
            if role.as_of.is_empty() {
                role.as_of = amendment.as_of.clone();
            }
            let same = self
                .roles
                .iter_mut()
                .find(|held| held.start == role.start && same_office(&held.title, &role.title));
            match same {
                Some(held) => *held = role,
                None => self.roles.push(role),
            }
        }
    }

    /// Every surface form the entity may be written as, canonical name first.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The recorded kinds of the name or alias `form` (compared folded: case and
    /// diacritics aside), each with the source that records it, the entity's source
    /// when the record names none. Empty when no record names it.
    pub fn alias_records<'a>(
        &'a self,
        form: &str,
    ) -> impl Iterator<Item = (AliasKind, &'a str)> + 'a {
        let key = crate::normalize::fold(form);
        self.alias_kinds
            .iter()
            .filter(move |record| {
                record
                    .aliases
                    .iter()
                    .any(|alias| crate::normalize::fold(alias) == key)
            })
            .map(|record| {
                let source = if record.source.is_empty() {
                    self.source.as_str()
                } else {
                    record.source.as_str()
                };
                (record.kind, source)
            })
    }

    /// The kind of spelling `form` is, for the misspelling check: of the kinds its
    /// records give, the first in `AliasKind::ALL` order — so an accepted kind wins
    /// over `Unvetted` when one source vouches for a spelling another list only
    /// repeats ("Peking": historic, though GeoNames lists it too). `None` when no
    /// record names `form` (a file without kinds, a house KB): the caller decides,
    /// and `is_accepted_spelling` counts such a form as accepted.
    pub fn alias_kind(&self, form: &str) -> Option<AliasKind> {
        self.alias_records(form).map(|(kind, _)| kind).min()
    }

    /// Whether `form`, a name or alias of this entity, is a spelling a desk accepts:
    /// the canonical name, an alias some record gives an accepted kind, or an alias
    /// no record classifies (kinds are recorded only where a source says; an alias a
    /// file lists without a kind has always been accepted). False for an alias only an
    /// unvetted list gives ("Bejing") and for a form that is not the entity's at all.
    pub fn is_accepted_spelling(&self, form: &str) -> bool {
        let key = crate::normalize::fold(form);
        if crate::normalize::fold(&self.name) == key {
            return true;
        }
        let is_alias = self
            .aliases
            .iter()
            .any(|alias| crate::normalize::fold(alias) == key);
        is_alias && self.alias_kind(form).is_none_or(AliasKind::is_accepted)
    }

    /// The surface forms a desk accepts as correct spellings (see
    /// `is_accepted_spelling`), canonical name first.
    ///
    /// Every check that reads an entity's spellings calls this, on every keystroke, so
    /// it folds each form once: asking `is_accepted_spelling` form by form folds every
    /// alias again for each (a country's hundred aliases made 10,000 folds a call, and
    /// most of a keystroke's time).
    pub fn accepted_spellings(&self) -> impl Iterator<Item = &str> {
        // With no kinds recorded, every alias is accepted (see `is_accepted_spelling`).
        let kinds: HashMap<String, AliasKind> = if self.alias_kinds.is_empty() {
            HashMap::new()
        } else {
            let mut kinds: HashMap<String, AliasKind> = HashMap::new();
            for record in &self.alias_kinds {
                for alias in &record.aliases {
                    let kind = kinds
                        .entry(crate::normalize::fold(alias))
                        .or_insert(record.kind);
                    *kind = (*kind).min(record.kind);
                }
            }
            kinds
        };
        let name_key = (!kinds.is_empty()).then(|| crate::normalize::fold(&self.name));
        self.surface_forms()
            .enumerate()
            .filter_map(move |(i, form)| {
                let accepted = i == 0
                    || name_key.as_ref().is_none_or(|name_key| {
                        let key = crate::normalize::fold(form);
                        key == *name_key || kinds.get(&key).is_none_or(|kind| kind.is_accepted())
                    });
                accepted.then_some(form)
            })
    }
}

/// Whether two titles name one office: equal, or one the other with more words after;
/// case, "&" for "and" and runs of spaces aside ("Minister of Foreign Affairs & Trade").
fn same_office(a: &str, b: &str) -> bool {
    let normal = |title: &str| {
        title
            .to_lowercase()
            .replace('&', " and ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (normal(a), normal(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || long.starts_with(&format!("{short} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(start: &str, end: &str) -> Role {
        Role {
            title: "Minister".into(),
            start: start.into(),
            end: end.into(),
            ..Role::default()
        }
    }

    #[test]
    fn an_undated_listing_is_not_held_after_a_dated_record_of_the_office_ends() {
        let listed = Role {
            as_of: "2019-06".into(),
            ..role("", "")
        };
        let governor = Entity {
            roles: vec![listed.clone(), role("2013-07-01", "2020-03-15")],
            ..imported_minister()
        };
        let on = |date| governor.roles_on(PartialDate::parse(date).unwrap()).len();
        assert_eq!(
            on("2026-11-28"),
            0,
            "left in 2020: the 2019 listing is stale"
        );
        assert_eq!(
            on("2018-01-01"),
            1,
            "the dated role; the listing is hidden too"
        );
        let still_listed = Entity {
            roles: vec![listed, role("2001-01-01", "2005-01-01")],
            ..imported_minister()
        };
        assert_eq!(
            still_listed
                .roles_on(PartialDate::parse("2026-11-28").unwrap())
                .len(),
            1,
            "a record that ended before the listing does not hide it"
        );
    }

    fn imported_minister() -> Entity {
        Entity {
            id: "Q1".into(),
            kind: Category::Person,
            entity_type: "minister".into(),
            name: "Ana Example".into(),
            aliases: vec!["Ana Exemplo".into()],
            source: "every-politician".into(),
            as_of: "2022-07".into(),
            roles: vec![role("2019-03-01", "")],
            ..Entity::default()
        }
    }

    /// A curated amendment of `imported_minister` (same id and kind); tests set the
    /// fields they amend with struct update syntax.
    fn amendment() -> Entity {
        Entity {
            id: "Q1".into(),
            kind: Category::Person,
            ..Entity::default()
        }
    }

    #[test]
    fn amendment_ends_an_imported_role_and_adds_a_new_one() {
        let mut entity = imported_minister();
        let mut ended = role("2019-03-01", "2023-05-02");
        ended.source = "en.wikipedia.org/wiki/Example".into();
        let mut new_post = role("2023-05-02", "");
        new_post.title = "Prime Minister".into();
        entity.amend(Entity {
            entity_type: "head-of-government".into(),
            name: "Ana Example".into(),
            aliases: vec!["Ana Ejemplo".into()],
            source: "en.wikipedia.org/wiki/Example".into(),
            as_of: "2025-06".into(),
            roles: vec![ended, new_post],
            ..amendment()
        });
        assert_eq!(entity.roles.len(), 2);
        assert_eq!(entity.roles[0].end, "2023-05-02");
        assert_eq!(entity.roles[1].title, "Prime Minister");
        assert_eq!(entity.roles[1].as_of, "2025-06");
        assert_eq!(entity.entity_type, "head-of-government");
        assert_eq!(entity.aliases, vec!["Ana Exemplo", "Ana Ejemplo"]);
        // Imported roles keep the provenance they came with.
        assert_eq!(entity.roles[0].source, "en.wikipedia.org/wiki/Example");
        assert_eq!(entity.source, "en.wikipedia.org/wiki/Example");
    }

    #[test]
    fn amendment_that_renames_keeps_the_old_name_as_an_alias() {
        let mut entity = imported_minister();
        entity.amend(Entity {
            name: "Ana María Example".into(),
            ..amendment()
        });
        assert_eq!(entity.name, "Ana María Example");
        assert!(entity.aliases.contains(&"Ana Example".to_string()));
        assert_eq!(entity.roles.len(), 1);
    }

    #[test]
    fn amendment_adding_only_names_keeps_the_facts_source_and_credits_its_own() {
        let mut entity = imported_minister();
        let before = (entity.source.clone(), entity.as_of.clone());
        entity.amend(Entity {
            acronyms: vec!["AE".into()],
            source: "byline-curated (news style)".into(),
            as_of: "2026-11".into(),
            ..amendment()
        });
        assert_eq!(
            entity.source,
            format!("{}; names: byline-curated (news style)", before.0)
        );
        assert_eq!(entity.as_of, before.1);
        assert_eq!(entity.acronyms, ["AE"]);
    }

    #[test]
    fn amendment_with_the_title_spelt_out_replaces_the_imported_role() {
        let mut entity = imported_minister();
        let mut spelt_out = role("2019-03-01", "");
        spelt_out.title = "Minister of Foreign Affairs".into();
        entity.amend(Entity {
            source: "curated".into(),
            roles: vec![spelt_out],
            ..amendment()
        });
        assert_eq!(entity.roles.len(), 1);
        assert_eq!(entity.roles[0].title, "Minister of Foreign Affairs");
        assert_eq!(entity.roles[0].source, "curated");
    }

    #[test]
    fn same_office_reads_an_ampersand_as_and() {
        assert!(same_office(
            "Minister of Foreign Affairs & Trade",
            "Minister of Foreign Affairs and Trade"
        ));
        assert!(same_office(
            "Secretary of State for Foreign & Commonwealth Affairs",
            "secretary of state for foreign and  commonwealth affairs"
        ));
        assert!(same_office("Minister", "Minister & Deputy"));
        assert!(!same_office("Minister of Defence", "Minister of Finance"));
    }

    #[test]
    fn roles_the_amendment_leaves_alone_keep_their_imported_source() {
        let mut entity = imported_minister();
        entity.amend(Entity {
            source: "curated".into(),
            as_of: "2025-01".into(),
            ..amendment()
        });
        assert_eq!(entity.roles[0].source, "every-politician");
        assert_eq!(entity.roles[0].as_of, "2022-07");
    }

    fn beijing() -> Entity {
        Entity {
            id: "geonames-1816670".into(),
            kind: Category::Location,
            entity_type: "capital".into(),
            name: "Beijing".into(),
            aliases: vec!["Peking".into(), "Bejing".into(), "Pekin".into()],
            alias_kinds: vec![AliasRecord {
                kind: AliasKind::Unvetted,
                source: "GeoNames alternate names".into(),
                aliases: vec!["Peking".into(), "Bejing".into()],
            }],
            source: "GeoNames".into(),
            ..Entity::default()
        }
    }

    #[test]
    fn an_alias_only_an_unvetted_list_gives_is_not_an_accepted_spelling() {
        let mut city = beijing();
        assert_eq!(city.alias_kind("Bejing"), Some(AliasKind::Unvetted));
        assert_eq!(city.alias_kind("BEJING"), Some(AliasKind::Unvetted));
        assert!(!city.is_accepted_spelling("Bejing"));
        // A curated record vouches for "Peking"; the GeoNames record stays beside it.
        city.amend(Entity {
            id: city.id.clone(),
            kind: Category::Location,
            aliases: vec!["Peking".into()],
            alias_kinds: vec![AliasRecord {
                kind: AliasKind::Historic,
                source: String::new(),
                aliases: vec!["Peking".into()],
            }],
            source: "britannica.com/place/Beijing".into(),
            ..Entity::default()
        });
        assert_eq!(city.alias_kind("Peking"), Some(AliasKind::Historic));
        let records: Vec<_> = city.alias_records("Peking").collect();
        assert_eq!(
            records,
            [
                (AliasKind::Unvetted, "GeoNames alternate names"),
                (AliasKind::Historic, "britannica.com/place/Beijing"),
            ]
        );
        assert!(city.is_accepted_spelling("Peking"));
        // No record: kind unknown, accepted as every alias was before kinds.
        assert_eq!(city.alias_kind("Pekin"), None);
        assert!(city.is_accepted_spelling("Pekin"));
        assert!(city.is_accepted_spelling("beijing"));
        assert!(!city.is_accepted_spelling("Bejjing"));
        assert_eq!(
            city.accepted_spellings().collect::<Vec<_>>(),
            ["Beijing", "Peking", "Pekin"]
        );
    }

    proptest::proptest! {
        /// `accepted_spellings` folds each form once; it must answer what asking
        /// `is_accepted_spelling` form by form answers, whatever the records say.
        #[test]
        fn accepted_spellings_agree_with_is_accepted_spelling(
            aliases in proptest::collection::vec("[BbEe]{1,3}", 0..6),
            records in proptest::collection::vec(
                (0..AliasKind::ALL.len(), proptest::collection::vec("[BbEe]{1,3}", 0..4)),
                0..4,
            ),
        ) {
            let entity = Entity {
                name: "Be".into(),
                aliases,
                alias_kinds: records
                    .into_iter()
                    .map(|(kind, aliases)| AliasRecord {
                        kind: AliasKind::ALL[kind],
                        source: String::new(),
                        aliases,
                    })
                    .collect(),
                ..Entity::default()
            };
            let one_by_one: Vec<&str> = entity
                .surface_forms()
                .enumerate()
                .filter(|&(i, form)| i == 0 || entity.is_accepted_spelling(form))
                .map(|(_, form)| form)
                .collect();
            proptest::prop_assert_eq!(entity.accepted_spellings().collect::<Vec<_>>(), one_by_one);
        }
    }

    #[test]
    fn an_amendment_that_replaces_the_source_keeps_the_imported_records_source() {
        let mut city = beijing();
        city.alias_kinds[0].source.clear();
        city.amend(Entity {
            id: city.id.clone(),
            kind: Category::Location,
            description: "Capital of China.".into(),
            source: "curated".into(),
            ..Entity::default()
        });
        assert_eq!(city.source, "curated");
        assert_eq!(
            city.alias_records("Bejing").collect::<Vec<_>>(),
            [(AliasKind::Unvetted, "GeoNames")]
        );
    }

    #[test]
    fn open_role_is_held_after_its_start_only() {
        let r = role("2012-11-06", "");
        assert!(r.held_on(PartialDate::parse("2021-10-21").unwrap()));
        assert!(!r.held_on(PartialDate::parse("2010-01-01").unwrap()));
    }

    #[test]
    fn ended_role_is_not_held_after_its_end() {
        let r = role("2000-05-07", "2008-05-07");
        assert!(!r.held_on(PartialDate::parse("2010").unwrap()));
        assert!(r.held_on(PartialDate::parse("2008").unwrap()));
    }
}
