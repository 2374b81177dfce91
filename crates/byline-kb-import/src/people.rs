//! Persons gathered from several sources and merged by id (a Wikidata QID where a
//! source gives one), then turned into KB entities: the type and prominence of the
//! most important role, and a short description written from the facts alone.

use std::collections::{BTreeMap, HashMap};

use super::countries::CountryTable;
use super::kinds::group_alias_records;
use super::text::{date_key, is_latin, is_qid, letter_count, squash_spaces, strip_disambiguator};
use super::titles::{type_phrase, Class};
use byline_kb::normalize::fold;
use byline_kb::{AliasKind, AliasRecord, Category, Entity, Role};

/// How much a source's spelling of a name is trusted as the display name: lower wins.
pub mod name_rank {
    /// The Wikidata label of an every-politician office-holder list.
    pub const WIKIDATA_LABEL: u8 = 0;
    /// The label in a cross-country list (world-leaders, foreign ministers).
    pub const WIKIDATA_LIST: u8 = 1;
    /// A name in Congress's own records.
    pub const CONGRESS: u8 = 2;
    /// A label in a biography table or a single-office list.
    pub const OTHER_LABEL: u8 = 3;
    /// The title of the person's English Wikipedia article: an alias after the labels,
    /// never the display name (which the lists' labels choose).
    pub const ENWIKI_TITLE: u8 = 4;
    /// A spelling from an official site or Wikipedia page.
    pub const SCRAPED: u8 = 5;
    /// CIA World Leaders (names written with capitalised surnames).
    pub const CIA: u8 = 6;
}

/// Where a spelling of a person's name comes from, and so the kind of alias it makes
/// (`alias_kinds`, issue 18): only what the source says of it. No list here names the
/// language of a name, so a label is never called an exonym or another language's
/// form because of its letters; what the source does not classify is `Unstated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameOrigin {
    /// A Wikidata label in an every-politician list (the lists name no language).
    WikidataLabel,
    /// A linked name as a Wikipedia page an every-politician scraper read writes it.
    WikipediaPage,
    /// The title of the person's English Wikipedia article, as every-politician's lists
    /// give it (`enwiki`, the Wikidata item's sitelink), disambiguator dropped: the
    /// spelling English Wikipedia settled on ("Ngoako Ramatlhodi", "Shivraj Singh
    /// Chouhan") where the label spells the name another way.
    EnglishWikipediaTitle,
    /// The spelling on a government's own cabinet page (every-politician's `official`
    /// scraper): the official name.
    OfficialSite,
    /// Congress's official full name, or its first, middle and last name fields.
    CongressName,
    /// Congress's `nickname` field with the last name ("Rick Crawford").
    CongressNickname,
    /// The name as CIA World Leaders writes it (surname capitals aside).
    CiaName,
    /// A name CIA World Leaders gives after "a.k.a." ("Kent Feng"): another name, of no
    /// stated kind.
    CiaAka,
    /// The name CIA World Leaders puts in quotes or brackets, with the surname
    /// ("Yemi Osinbajo").
    CiaNickname,
}

impl NameOrigin {
    pub fn kind(self) -> AliasKind {
        match self {
            NameOrigin::OfficialSite | NameOrigin::CongressName => AliasKind::Official,
            NameOrigin::CongressNickname | NameOrigin::CiaNickname => AliasKind::Nickname,
            NameOrigin::WikidataLabel
            | NameOrigin::WikipediaPage
            | NameOrigin::EnglishWikipediaTitle
            | NameOrigin::CiaName
            | NameOrigin::CiaAka => AliasKind::Unstated,
        }
    }

    /// The source an alias of this origin credits (`AliasRecord::source`).
    pub fn source(self) -> &'static str {
        match self {
            NameOrigin::WikidataLabel => "every-politician: a Wikidata label (no language given)",
            NameOrigin::WikipediaPage => "every-politician: a Wikipedia page's spelling",
            NameOrigin::EnglishWikipediaTitle => {
                "every-politician: the title of the English Wikipedia article"
            }
            NameOrigin::OfficialSite => "every-politician: the government's cabinet page",
            NameOrigin::CongressName => {
                "congress-legislators: the official full name, or first, middle and last name"
            }
            NameOrigin::CongressNickname => "congress-legislators: the nickname field",
            NameOrigin::CiaName => "CIA World Leaders (2019-06)",
            NameOrigin::CiaAka => "CIA World Leaders (2019-06): a.k.a.",
            NameOrigin::CiaNickname => {
                "CIA World Leaders (2019-06): the name in quotes or brackets"
            }
        }
    }
}

/// A role before it becomes part of an entity, with what is needed to merge it.
#[derive(Debug, Clone)]
pub struct RoleDraft {
    pub role: Role,
    /// The position's Wikidata item, to recognise one term reported by two lists.
    pub position: Option<String>,
    pub class: Class,
    /// The jurisdiction's name when it has no ISO code (Artsakh), for descriptions.
    pub place: Option<String>,
}

/// A person as gathered so far.
#[derive(Debug, Clone, Default)]
pub struct PersonDraft {
    pub id: String,
    pub wikidata: String,
    /// (rank, order of arrival, name, where it comes from).
    names: Vec<(u8, usize, String, NameOrigin)>,
    born: Option<(u8, String)>,
    died: Option<(u8, String)>,
    pub roles: Vec<RoleDraft>,
}

impl PersonDraft {
    /// Offers a spelling of the name; the best-ranked Latin-script one becomes the
    /// display name, the others aliases.
    pub fn offer_name(&mut self, name: &str, rank: u8, origin: NameOrigin) {
        let name = squash_spaces(&strip_disambiguator(name));
        if name.is_empty() || is_qid(&name) || !name.chars().any(char::is_alphabetic) {
            return;
        }
        let order = self.names.len();
        self.names.push((rank, order, name, origin));
    }

    /// Sets the birth date unless a better-ranked source already gave one.
    pub fn offer_born(&mut self, date: Option<String>, rank: u8) {
        offer_date(&mut self.born, date, rank);
    }

    pub fn offer_died(&mut self, date: Option<String>, rank: u8) {
        offer_date(&mut self.died, date, rank);
    }

    /// Adds a role unless the person already has it: the same position (by Wikidata
    /// item) starting in the same year, or the same title with the same dates.
    pub fn add_role(&mut self, draft: RoleDraft) {
        let year = |d: &str| d.get(..4).map(str::to_string);
        let duplicate = self.roles.iter().any(|r| {
            let same_position = r.position.is_some()
                && r.position == draft.position
                && r.role.country == draft.role.country;
            let same_year = year(&r.role.start) == year(&draft.role.start);
            let same_title = fold(&r.role.title) == fold(&draft.role.title)
                && r.role.country == draft.role.country
                && r.role.start == draft.role.start
                && r.role.end == draft.role.end;
            (same_position && same_year) || same_title
        });
        if duplicate {
            return;
        }
        // Two sources naming one term differently ("President", "President of the
        // United States") from the same day: the more recent snapshot is kept whole.
        let restated = self.roles.iter().position(|r| {
            let (a, b) = (fold(&r.role.title), fold(&draft.role.title));
            r.role.source != draft.role.source
                && r.role.country == draft.role.country
                && r.role.start.len() == 10
                && r.role.start == draft.role.start
                && (a.contains(&b) || b.contains(&a))
        });
        match restated {
            Some(i) if date_key(&draft.role.as_of) > date_key(&self.roles[i].role.as_of) => {
                self.roles[i] = draft
            }
            Some(_) => {}
            None => self.roles.push(draft),
        }
    }

    /// Every spelling of the name, display name first.
    pub fn names(&self) -> Vec<&str> {
        self.names_with_origins()
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    /// Every spelling of the name with where it comes from, display name first.
    fn names_with_origins(&self) -> Vec<(&str, NameOrigin)> {
        let mut names: Vec<&(u8, usize, String, NameOrigin)> = self.names.iter().collect();
        names.sort_by_key(|(rank, order, name, _)| (!is_latin(name), *rank, *order));
        names
            .into_iter()
            .map(|(_, _, n, origin)| (n.as_str(), *origin))
            .collect()
    }

    /// Whether the person holds a role in this country (or unrecognised place).
    pub fn has_role_in(&self, country: &str, place: Option<&str>) -> bool {
        self.roles
            .iter()
            .any(|r| r.role.country == country && r.place.as_deref() == place)
    }
}

fn offer_date(slot: &mut Option<(u8, String)>, date: Option<String>, rank: u8) {
    if let Some(date) = date {
        if slot.as_ref().is_none_or(|(r, _)| rank < *r) {
            *slot = Some((rank, date));
        }
    }
}

/// All persons by KB id, in id order so that output is stable.
#[derive(Debug, Default)]
pub struct Registry {
    pub persons: BTreeMap<String, PersonDraft>,
}

impl Registry {
    /// The person with `id`, created on first use. `wikidata` is set only from a
    /// source's QID column.
    pub fn person(&mut self, id: &str, wikidata: &str) -> &mut PersonDraft {
        let person = self
            .persons
            .entry(id.to_string())
            .or_insert_with(|| PersonDraft {
                id: id.to_string(),
                ..PersonDraft::default()
            });
        if person.wikidata.is_empty() && !wikidata.is_empty() {
            person.wikidata = wikidata.to_string();
        }
        person
    }

    pub fn get(&self, id: &str) -> Option<&PersonDraft> {
        self.persons.get(id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut PersonDraft> {
        self.persons.get_mut(id)
    }
}

/// Honorary suffixes after a comma that leave the name before it usable on its own:
/// "Mark Malloch Brown, Baron Malloch-Brown".
const NOBLE_TITLES: &[&str] = &[
    "baron", "baroness", "lord", "lady", "marquis", "marquess", "earl", "viscount", "duke",
    "count", "countess",
];

/// Aliases from the other spellings: distinct once folded, two words or more (a lone
/// word would act as a bare surname), and the part before a nobility title (of the
/// origin of the spelling it is cut from). Each alias keeps the most trusted origin
/// of the spellings that fold to it (`AliasKind` order), the first of them on a tie.
fn aliases(name: (&str, NameOrigin), others: &[(&str, NameOrigin)]) -> Vec<(String, NameOrigin)> {
    let mut candidates: Vec<(String, NameOrigin)> = Vec::new();
    for (form, origin) in std::iter::once(name).chain(others.iter().copied()) {
        if let Some((before, after)) = form.split_once(", ") {
            let first = fold(after.split_whitespace().next().unwrap_or(""));
            if NOBLE_TITLES.contains(&first.as_str()) {
                candidates.push((before.to_string(), origin));
            }
        }
        if form != name.0 {
            candidates.push((form.to_string(), origin));
        }
    }
    let name_key = fold(name.0);
    let mut out: Vec<(String, NameOrigin)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (alias, origin) in candidates {
        let usable = alias.split_whitespace().count() >= 2
            && letter_count(&alias) >= 4
            && !short_last_word(&alias);
        let key = fold(&alias);
        if !usable || key == name_key {
            continue;
        }
        match by_key.get(&key) {
            Some(&i) if origin.kind() < out[i].1.kind() => out[i].1 = origin,
            Some(_) => {}
            None => {
                by_key.insert(key, out.len());
                out.push((alias, origin));
            }
        }
    }
    out.sort_by_key(|(a, _)| (fold(a), a.clone()));
    out
}

/// The `alias_kinds` records of aliases whose origins are known.
fn alias_records(aliases: &[(String, NameOrigin)]) -> Vec<AliasRecord> {
    let mut kinded: Vec<(&str, AliasKind, &str)> = aliases
        .iter()
        .map(|(alias, origin)| (alias.as_str(), origin.kind(), origin.source()))
        .collect();
    kinded.sort_by_key(|&(_, kind, _)| kind);
    group_alias_records(kinded)
}

/// Whether the last word of a spelling has one or two letters ("Kim Jong Un"): the
/// analysis takes a name's last word as its surname, and "Un" would then match every
/// "UN". Generational suffixes and regnal numerals are fine.
fn short_last_word(alias: &str) -> bool {
    let last = alias
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_end_matches('.');
    let letters = letter_count(last);
    let numeral = letters > 0 && last.chars().all(|c| "IVX".contains(c));
    letters <= 2 && !matches!(last, "Jr" | "Sr") && !numeral
}

/// The role that says most about the person: most prominent, then dated (an undated
/// listing says less), then still held, then latest.
fn main_role(roles: &[RoleDraft]) -> Option<&RoleDraft> {
    let dated = |r: &RoleDraft| !r.role.start.is_empty();
    let open = |r: &RoleDraft| dated(r) && r.role.end.is_empty();
    let when = |r: &RoleDraft| {
        date_key(if dated(r) {
            &r.role.start
        } else {
            &r.role.as_of
        })
    };
    roles.iter().max_by(|a, b| {
        a.class
            .prominence
            .total_cmp(&b.class.prominence)
            .then_with(|| dated(a).cmp(&dated(b)))
            .then_with(|| open(a).cmp(&open(b)))
            .then_with(|| when(a).cmp(&when(b)))
            .then_with(|| b.role.title.cmp(&a.role.title))
    })
}

/// "Chief of the General Staff of Iran": the title with its country, unless the title
/// already names it.
fn title_with_place(role: &RoleDraft, countries: &CountryTable) -> String {
    let title = role.role.title.trim();
    let place = match countries.get(&role.role.country) {
        Some(info) => {
            let t = fold(title);
            let named = [&info.common, &info.official]
                .into_iter()
                .chain(info.demonym.iter())
                .any(|n| t.contains(&fold(n)));
            if named {
                None
            } else {
                Some(info.in_sentence())
            }
        }
        None => role
            .place
            .clone()
            .filter(|p| !fold(title).contains(&fold(p))),
    };
    match place {
        Some(place) => format!("{title} of {place}"),
        None => title.to_string(),
    }
}

/// "(from 2016-06-28, in office as of 2022-07-25)", "(2000-05-07 to 2008-05-07)", or the
/// listing for undated roles. An open role says when the source last saw it held: a
/// description is read years after the snapshot, and "since 2019" would claim the role
/// is still held.
fn dates_phrase(role: &Role, died: bool, source_label: &str) -> String {
    match (role.start.as_str(), role.end.as_str()) {
        ("", "") => format!("listed in {source_label}"),
        (start, "") if died || role.as_of.is_empty() => format!("from {start}"),
        (start, "") => format!("from {start}, in office as of {}", role.as_of),
        ("", end) => format!("until {end}"),
        (start, end) => format!("{start} to {end}"),
    }
}

/// The description: "Iranian military officer; Chief of the General Staff of Iran
/// (since 2016-06-28)." Only facts of the entity are used.
fn describe(
    person_country: &str,
    main: &RoleDraft,
    died: bool,
    countries: &CountryTable,
) -> String {
    let phrase = type_phrase(main.class.entity_type);
    let lead = match countries.demonym(person_country) {
        Some(demonym) => format!("{demonym} {phrase}"),
        None => {
            let mut chars = phrase.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    };
    let listing = if main.role.source.starts_with("CIA") {
        "CIA World Leaders 2019-06"
    } else {
        "the source"
    };
    format!(
        "{lead}; {} ({}).",
        title_with_place(main, countries),
        dates_phrase(&main.role, died, listing)
    )
}

/// The entity of a person, or `None` when no source gave a usable name or role.
pub fn finish(person: PersonDraft, countries: &CountryTable) -> Option<Entity> {
    let names = person.names_with_origins();
    let (name, _) = *names.first()?;
    let aliases = aliases(names[0], &names[1..]);
    let alias_kinds = alias_records(&aliases);
    let aliases = aliases.into_iter().map(|(a, _)| a).collect();
    let name = name.to_string();
    let mut roles = person.roles;
    if roles.is_empty() {
        return None;
    }
    roles.sort_by(|a, b| {
        let key = |r: &RoleDraft| {
            date_key(if r.role.start.is_empty() {
                &r.role.as_of
            } else {
                &r.role.start
            })
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.role.title.cmp(&b.role.title))
            .then_with(|| a.role.source.cmp(&b.role.source))
    });
    let main = main_role(&roles)?.clone();
    let country = if main.role.country.is_empty() {
        roles
            .iter()
            .find(|r| !r.role.country.is_empty())
            .map(|r| r.role.country.clone())
            .unwrap_or_default()
    } else {
        main.role.country.clone()
    };
    let died = person.died.map(|(_, d)| d).unwrap_or_default();
    let description = describe(&country, &main, !died.is_empty(), countries);
    let source = main.role.source.clone();
    let as_of = main.role.as_of.clone();
    let roles = roles
        .into_iter()
        .map(|mut draft| {
            // A role's source and date default to the entity's (docs/kb-format.md).
            if draft.role.source == source {
                draft.role.source.clear();
                if draft.role.as_of == as_of {
                    draft.role.as_of.clear();
                }
            }
            draft.role
        })
        .collect();
    Some(Entity {
        id: person.id,
        wikidata: person.wikidata,
        kind: Category::Person,
        entity_type: main.class.entity_type.to_string(),
        aliases,
        alias_kinds,
        name,
        description,
        country,
        born: person.born.map(|(_, d)| d).unwrap_or_default(),
        died,
        prominence: Some(main.class.prominence),
        source,
        as_of,
        roles,
        ..Entity::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::titles::{classify, MILITARY_CHIEF};

    fn role(title: &str, start: &str, end: &str, position: Option<&str>) -> RoleDraft {
        RoleDraft {
            role: Role {
                title: title.into(),
                country: "IR".into(),
                start: start.into(),
                end: end.into(),
                source: "every-politician/iran-ministers html/holders21.csv (Wikidata, CC0)".into(),
                as_of: "2022-07-25".into(),
                ..Role::default()
            },
            position: position.map(str::to_string),
            class: classify(title, None),
            place: None,
        }
    }

    #[test]
    fn one_term_reported_by_two_lists_is_one_role() {
        let mut p = PersonDraft::default();
        p.add_role(role(
            "Chief of the General Staff",
            "2016-06-28",
            "",
            Some("Q1"),
        ));
        p.add_role(role(
            "Chief of the General Staff of the Armed Forces",
            "2016",
            "",
            Some("Q1"),
        ));
        p.add_role(role("Chief of the General Staff", "2016-06-28", "", None));
        assert_eq!(p.roles.len(), 1);
        p.add_role(role("Minister of Defence", "2005", "2009", Some("Q2")));
        assert_eq!(p.roles.len(), 2);
    }

    #[test]
    fn a_term_restated_by_a_newer_source_is_replaced_by_it() {
        let mut p = PersonDraft::default();
        p.add_role(role("President", "2021-01-20", "", None));
        let mut newer = role(
            "President of the United States",
            "2021-01-20",
            "2025-01-20",
            None,
        );
        newer.role.source = "congress-legislators executive.yaml (CC0)".into();
        newer.role.as_of = "2026-06-15".into();
        p.add_role(newer);
        assert_eq!(p.roles.len(), 1);
        assert_eq!(p.roles[0].role.end, "2025-01-20");
    }

    #[test]
    fn latin_label_wins_and_other_spellings_become_aliases() {
        let mut p = PersonDraft::default();
        p.offer_name("Мохаммад Багери", 0, NameOrigin::WikidataLabel);
        p.offer_name("Mohammad Bagheri (general)", 1, NameOrigin::WikidataLabel);
        p.offer_name("Mohammad BAQERI", 6, NameOrigin::CiaName);
        p.offer_name("Q18511806", 0, NameOrigin::WikidataLabel);
        assert_eq!(
            p.names(),
            ["Mohammad Bagheri", "Mohammad BAQERI", "Мохаммад Багери"]
        );
    }

    #[test]
    fn description_comes_from_the_main_role() {
        let table = CountryTable::default();
        let mut p = PersonDraft {
            id: "Q18511806".into(),
            ..PersonDraft::default()
        };
        p.offer_name("Mohammad Bagheri", 0, NameOrigin::WikidataLabel);
        p.add_role(role(
            "Chief of the General Staff",
            "2016-06-28",
            "",
            Some("Q1"),
        ));
        p.add_role(role("Ambassador to Iraq", "2001", "2003", None));
        let e = finish(p, &table).unwrap();
        assert_eq!(e.entity_type, "military-officer");
        assert_eq!(e.prominence, Some(MILITARY_CHIEF.prominence));
        assert_eq!(
            e.description,
            "Military officer; Chief of the General Staff (from 2016-06-28, in office as of 2022-07-25)."
        );
        assert_eq!(e.roles[0].title, "Ambassador to Iraq");
        assert!(
            e.roles.iter().all(|r| r.source.is_empty()),
            "role sources default to the entity's"
        );
    }

    #[test]
    fn noble_titles_yield_the_plain_name_as_alias() {
        let label = NameOrigin::WikidataLabel;
        let plain = |name: &str, others: &[&str]| -> Vec<String> {
            let others: Vec<(&str, NameOrigin)> = others.iter().map(|o| (*o, label)).collect();
            aliases((name, label), &others)
                .into_iter()
                .map(|(a, _)| a)
                .collect()
        };
        assert_eq!(
            plain("Mark Malloch Brown, Baron Malloch-Brown", &[]),
            ["Mark Malloch Brown"]
        );
        assert!(plain("Ali Khamenei", &["Khamenei"]).is_empty());
        // A two-letter last word would act as the surname `Un` and match "UN".
        assert!(plain("Kim Jong-un", &["Kim Jong Un"]).is_empty());
        assert_eq!(
            plain("Randy Weber", &["Randy K. Weber Sr."]),
            ["Randy K. Weber Sr."]
        );
    }

    /// Issue 18: every alias of an imported person says what kind of spelling its
    /// source says it is, and a spelling several sources give takes the most trusted.
    #[test]
    fn every_alias_carries_the_kind_its_source_gives() {
        let mut p = PersonDraft {
            id: "Q1".into(),
            ..PersonDraft::default()
        };
        p.offer_name("Eric A. Crawford", 2, NameOrigin::CongressName);
        p.offer_name("Rick Crawford", 2, NameOrigin::CongressNickname);
        p.offer_name("Eric Alan Crawford", 0, NameOrigin::WikidataLabel);
        p.offer_name("Eric Crawford", 5, NameOrigin::WikipediaPage);
        p.offer_name("Eric CRAWFORD", 6, NameOrigin::CongressName);
        p.offer_name("Rick Crawford", 6, NameOrigin::CiaAka);
        p.add_role(role("Minister of Defence", "2005", "2009", Some("Q2")));
        let entity = finish(p, &CountryTable::default()).unwrap();
        assert_eq!(entity.name, "Eric Alan Crawford");
        let kind = |alias: &str| entity.alias_records(alias).collect::<Vec<_>>();
        assert_eq!(
            kind("Eric A. Crawford"),
            [(AliasKind::Official, NameOrigin::CongressName.source())]
        );
        // Wikipedia's "Eric Crawford" and Congress's "Eric CRAWFORD" fold alike: official.
        assert_eq!(
            kind("Eric Crawford"),
            [(AliasKind::Official, NameOrigin::CongressName.source())]
        );
        assert_eq!(
            kind("Rick Crawford"),
            [(AliasKind::Nickname, NameOrigin::CongressNickname.source())]
        );
        assert_eq!(entity.aliases.len(), 3);
        assert!(entity
            .aliases
            .iter()
            .all(|a| entity.alias_kind(a).is_some()));
    }
}
