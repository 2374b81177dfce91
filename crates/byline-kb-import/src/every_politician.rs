//! Office-holders from the every-politician scrapers (Wikidata-derived, CC0): each
//! country repo's executive positions (`html/holders21.csv`, `html/current.csv`), its
//! security and military succession lists (`sources/…`), birth and death dates
//! (`html/bio.csv`), and the cross-country lists of heads of state and government
//! (world-leaders-2021) and foreign ministers (`world/sources/foreign`).
//!
//! Legislators (`html/legislators.csv`) are left out: the executive lists alone give
//! more than 20,000 persons with dated roles, and tens of thousands of back-benchers
//! would mostly add namesakes of the people news is about (Iran's legislator Mohammad
//! Bagheri next to its chief of staff).

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use super::countries::CountryTable;
use super::people::{name_rank, NameOrigin, PersonDraft, Registry, RoleDraft};
use super::source::{read_json, CsvRow, CsvTable, ImportError, Manifest, Result};
use super::text::{
    date, date_with_precision, is_latin, is_qid, squash_spaces, strip_disambiguator,
    strip_honorifics, title_case_capitals,
};
use super::titles::{
    classify, head_of_bare_title, head_of_world_leaders_label, Class, Head,
    FOREIGN_OR_DEFENCE_MINISTER,
};
use byline_kb::normalize::fold;
use byline_kb::Role;

pub const ROOT: &str = "every-politician";
const WORLD_LEADERS: &str = "world-leaders-2021";
const WORLD: &str = "world";
/// Cross-country lists of cabinets (not persons): nothing to import.
const CABINET_LISTS: &[&str] = &["current-governments-enwiki", "eu-cabinets"];

/// Repos of unrecognised entities: their offices have no ISO country, and assigning
/// the state that claims the territory would misstate who they serve.
const UNRECOGNISED: &[(&str, &str)] = &[
    ("artsakh-ministers", "Artsakh"),
    ("luhansk-ministers", "the Luhansk People's Republic"),
    ("south-ossetia", "South Ossetia"),
];

/// Succession lists of security and military posts (chiefs of staff, service chiefs,
/// defence ministers, intelligence and police heads), by folder name under
/// `sources/` or `sources/wpoffice/`.
const SECURITY_SOURCES: &[&str] = &[
    "cogs",
    "cogs-enwiki",
    "cogs-eswiki",
    "cogs-trwiki",
    "chief-of-staff-enwiki",
    "chief-of-army",
    "army-chief",
    "navy-chief",
    "naval-chief",
    "air-chief",
    "air-force-chief",
    "air-staff-enwiki",
    "joint-ops-chief",
    "defence-chief",
    "sandf-chief",
    "joint-chiefs-chair",
    "chair-joint-chiefs",
    "armed-forces-commander",
    "air-force",
    "navy-secretary",
    "defence-deputy",
    "defence-intelligence-chief",
    "nia-director",
    "security-director",
    "security-service-uawiki",
    "fbi-director",
    "national-security-adviser",
    "police-commissioner",
    "police-enwiki",
    "defence-minister",
    "minister-defence",
    "defence-secretary",
    "defence-enwiki",
    "defence-bywiki",
    "defence-ruwiki",
    "defence-trwiki",
    "defence-frwiki",
    "defence-arwiki",
    "security-minister",
];

#[derive(Debug, Deserialize)]
struct RepoMeta {
    jurisdiction: Option<MetaJurisdiction>,
}

#[derive(Debug, Deserialize)]
struct MetaJurisdiction {
    name: String,
}

#[derive(Debug, Deserialize)]
struct SourceMeta {
    #[serde(default)]
    position: String,
}

/// The source string of a role: the repo file and its licence.
fn source_of(repo: &str, file: &str, licence: &str) -> String {
    format!("{ROOT}/{repo} {file} ({licence})")
}

const WIKIDATA_CC0: &str = "Wikidata, CC0";
const WIKIPEDIA: &str = "Wikipedia";

/// What one repo's files tell about its positions.
#[derive(Debug, Default)]
struct Positions {
    /// Title as the holder lists write it → position item, when the title is unique.
    by_title: HashMap<String, Option<String>>,
    /// Position item → title as the holder lists write it (or the position's label).
    titles: HashMap<String, String>,
}

impl Positions {
    fn read(manifest: &Manifest, repo: &str) -> Result<Positions> {
        let mut positions = Positions::default();
        for file in [
            "wikidata/wanted-positions.csv",
            "wikidata/xtra-positions.csv",
        ] {
            let Some(table) = optional_csv(manifest, repo, file)? else {
                continue;
            };
            for row in table.rows() {
                let (qid, title) = (row.get("position"), row.get("title"));
                if !is_qid(qid) || title.is_empty() {
                    continue;
                }
                positions
                    .by_title
                    .entry(title.to_string())
                    .and_modify(|q| {
                        if q.as_deref() != Some(qid) {
                            *q = None;
                        }
                    })
                    .or_insert_with(|| Some(qid.to_string()));
                positions
                    .titles
                    .entry(qid.to_string())
                    .or_insert_with(|| title.to_string());
            }
        }
        if let Some(table) = optional_csv(manifest, repo, "html/positions.csv")? {
            for row in table.rows() {
                let (qid, label) = (row.get("id"), row.get("position"));
                if is_qid(qid) && !label.is_empty() {
                    positions
                        .titles
                        .entry(qid.to_string())
                        .or_insert_with(|| label.to_string());
                }
            }
        }
        Ok(positions)
    }

    fn qid_of(&self, title: &str) -> Option<String> {
        self.by_title.get(title).cloned().flatten()
    }
}

/// A CSV file of a repo, if the snapshot has it.
fn optional_csv(manifest: &Manifest, repo: &str, file: &str) -> Result<Option<CsvTable>> {
    let relative = format!("{ROOT}/{repo}/{file}");
    if manifest.has(&relative) {
        CsvTable::read(&manifest.file(&relative)?).map(Some)
    } else {
        Ok(None)
    }
}

/// Where a repo's offices are: an ISO country, or the name of an unrecognised entity.
#[derive(Debug, Clone, Default)]
struct Jurisdiction {
    iso2: String,
    place: Option<String>,
}

/// A holders file being read, and what its rows share.
struct HolderList<'t> {
    table: &'t CsvTable,
    jurisdiction: &'t Jurisdiction,
    source: &'t str,
    as_of: &'t str,
}

/// Everything one import of every-politician needs to carry around.
pub struct Importer<'a> {
    manifest: &'a Manifest,
    countries: &'a CountryTable,
    /// Head-of-state and head-of-government positions from world-leaders-2021.
    heads: HashMap<String, Head>,
    pub warnings: Vec<String>,
}

impl<'a> Importer<'a> {
    pub fn new(manifest: &'a Manifest, countries: &'a CountryTable) -> Importer<'a> {
        Importer {
            manifest,
            countries,
            heads: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Imports every repo of the snapshot into `registry`.
    pub fn run(&mut self, registry: &mut Registry) -> Result<()> {
        self.read_heads()?;
        let prefix = format!("{ROOT}/");
        let repos: BTreeSet<String> = self
            .manifest
            .paths_under(&prefix)
            .filter_map(|p| p[prefix.len()..].split('/').next().map(str::to_string))
            .collect();
        for repo in &repos {
            match repo.as_str() {
                WORLD_LEADERS => self.world_leaders(registry)?,
                WORLD => self.world(registry)?,
                r if CABINET_LISTS.contains(&r) => {}
                _ => self.national(repo, registry)?,
            }
        }
        Ok(())
    }

    fn snapshot(&self, repo: &str) -> String {
        self.manifest
            .snapshot_of(&format!("{ROOT}/{repo}/"))
            .unwrap_or_default()
            .to_string()
    }

    /// Reads which positions are heads of state or government.
    fn read_heads(&mut self) -> Result<()> {
        let Some(table) = optional_csv(self.manifest, WORLD_LEADERS, "data/wikidata.csv")? else {
            return Ok(());
        };
        for row in table.rows() {
            let position = row.get("position");
            let head = head_of_world_leaders_label(row.get("positionLabel"));
            // A row naming a person as the position is no office.
            if let Some(head) =
                head.filter(|_| is_qid(position) && position != row.get("officeholder"))
            {
                self.heads.entry(position.to_string()).or_insert(head);
            }
        }
        Ok(())
    }

    /// A country as a cross-country list names it: its ISO code, or for entities
    /// without one (Somaliland, Transnistria, Scotland) the name, for descriptions.
    fn place(&self, label: &str) -> Jurisdiction {
        match self.countries.resolve(label) {
            Some(iso2) => Jurisdiction {
                iso2: iso2.to_string(),
                place: None,
            },
            None => Jurisdiction {
                iso2: String::new(),
                place: Some(strip_disambiguator(label)).filter(|p| !p.is_empty()),
            },
        }
    }

    fn jurisdiction(&mut self, repo: &str) -> Result<Jurisdiction> {
        let path = self.manifest.file(&format!("{ROOT}/{repo}/meta.json"))?;
        let meta: RepoMeta = read_json(&path)?;
        let name = meta.jurisdiction.map(|j| j.name).unwrap_or_default();
        if let Some((_, place)) = UNRECOGNISED.iter().find(|(r, _)| *r == repo) {
            return Ok(Jurisdiction {
                iso2: String::new(),
                place: Some(place.to_string()),
            });
        }
        match self.countries.resolve(&name) {
            Some(iso2) => Ok(Jurisdiction {
                iso2: iso2.to_string(),
                place: None,
            }),
            None => Err(ImportError::whole_file(
                &path,
                format!("jurisdiction `{name}` is no known country"),
            )),
        }
    }

    /// One country's repo.
    fn national(&mut self, repo: &str, registry: &mut Registry) -> Result<()> {
        let jurisdiction = self.jurisdiction(repo)?;
        let positions = Positions::read(self.manifest, repo)?;
        let as_of = self.snapshot(repo);
        self.bios(repo, registry)?;
        for file in ["html/holders21.csv", "html/current.csv"] {
            let Some(table) = optional_csv(self.manifest, repo, file)? else {
                continue;
            };
            let source = source_of(repo, file, WIKIDATA_CC0);
            for row in table.rows() {
                let title = row.get("position");
                let position = positions.qid_of(title);
                let head = position
                    .as_deref()
                    .and_then(|q| self.heads.get(q).copied())
                    .or_else(|| head_of_bare_title(title));
                let class = classify(title, head);
                let list = HolderList {
                    table: &table,
                    jurisdiction: &jurisdiction,
                    source: &source,
                    as_of: &as_of,
                };
                self.holder_row(&row, &list, position, class, registry);
            }
        }
        self.security_sources(repo, &jurisdiction, &positions, &as_of, registry)?;
        self.official_spellings(repo, registry)?;
        Ok(())
    }

    /// One row of a holders list: `position, person, personID, start, end[, DOB, DOD]`.
    fn holder_row(
        &mut self,
        row: &CsvRow,
        list: &HolderList,
        position: Option<String>,
        class: Class,
        registry: &mut Registry,
    ) {
        let HolderList {
            table,
            jurisdiction,
            source,
            as_of,
        } = list;
        let qid = row.get("personID");
        let title = squash_spaces(row.get("position"));
        if !is_qid(qid) || title.is_empty() {
            self.warnings.push(format!(
                "{}:{}: row without person QID or position, skipped",
                table.path.display(),
                row.line
            ));
            return;
        }
        let person = registry.person(qid, qid);
        person.offer_name(
            row.get("person"),
            name_rank::WIKIDATA_LABEL,
            NameOrigin::WikidataLabel,
        );
        offer_enwiki_title(person, row.get("enwiki"));
        person.offer_born(date(row.get("DOB")), 1);
        person.offer_died(date(row.get("DOD")), 1);
        person.add_role(RoleDraft {
            role: Role {
                title,
                country: jurisdiction.iso2.clone(),
                start: date(row.get("start")).unwrap_or_default(),
                end: date(row.get("end")).unwrap_or_default(),
                source: source.to_string(),
                as_of: as_of.to_string(),
                ..Role::default()
            },
            position,
            class,
            place: jurisdiction.place.clone(),
        });
    }

    /// Birth and death dates at the precision Wikidata states.
    fn bios(&mut self, repo: &str, registry: &mut Registry) -> Result<()> {
        let Some(table) = optional_csv(self.manifest, repo, "html/bio.csv")? else {
            return Ok(());
        };
        for row in table.rows() {
            let qid = row.get("id");
            if !is_qid(qid) {
                continue;
            }
            // Only people who hold a role end up in the KB; a bio row alone adds nothing.
            let person = registry.person(qid, qid);
            person.offer_name(
                row.get("name"),
                name_rank::OTHER_LABEL,
                NameOrigin::WikidataLabel,
            );
            offer_enwiki_title(person, row.get("enwiki"));
            person.offer_born(date_with_precision(row.get("dob"), row.get("dobp")), 0);
            person.offer_died(date_with_precision(row.get("dod"), row.get("dodp")), 0);
        }
        Ok(())
    }

    /// The security and military succession lists of a repo.
    fn security_sources(
        &mut self,
        repo: &str,
        jurisdiction: &Jurisdiction,
        positions: &Positions,
        as_of: &str,
        registry: &mut Registry,
    ) -> Result<()> {
        let prefix = format!("{ROOT}/{repo}/sources/");
        let folders: BTreeSet<String> = self
            .manifest
            .paths_under(&prefix)
            .filter_map(|p| p.strip_suffix("/meta.json"))
            .map(|p| p[prefix.len()..].to_string())
            .filter(|folder| {
                let name = folder.rsplit('/').next().unwrap_or(folder);
                SECURITY_SOURCES.contains(&name)
            })
            .collect();
        for folder in folders {
            let meta_path = self.manifest.file(&format!("{prefix}{folder}/meta.json"))?;
            let meta: SourceMeta = read_json(&meta_path)?;
            if !is_qid(&meta.position) {
                self.warnings.push(format!(
                    "{}: no position item, list skipped",
                    meta_path.display()
                ));
                continue;
            }
            let Some(title) = positions.titles.get(&meta.position).cloned() else {
                self.warnings.push(format!(
                    "{}: position {} has no title in the repo, list skipped",
                    meta_path.display(),
                    meta.position
                ));
                continue;
            };
            let class = classify(&title, self.heads.get(&meta.position).copied());
            let wikidata_file = format!("sources/{folder}/wikidata.csv");
            let scraped_file = format!("sources/{folder}/scraped.csv");
            let wikidata =
                optional_csv(self.manifest, repo, &wikidata_file)?.filter(|t| !t.is_empty());
            let scraped = optional_csv(self.manifest, repo, &scraped_file)?;
            // Wikidata's statements are the roles; the scraped list (a Wikipedia page)
            // stands in only when the repo has no Wikidata file for the post.
            let (table, source, rank, origin) = match (&wikidata, &scraped) {
                (Some(t), _) => (
                    t,
                    source_of(repo, &wikidata_file, WIKIDATA_CC0),
                    name_rank::OTHER_LABEL,
                    NameOrigin::WikidataLabel,
                ),
                (None, Some(t)) => (
                    t,
                    source_of(repo, &scraped_file, WIKIPEDIA),
                    name_rank::SCRAPED,
                    NameOrigin::WikipediaPage,
                ),
                (None, None) => continue,
            };
            for row in table.rows() {
                let qid = row.get("item");
                if !is_qid(qid) {
                    continue;
                }
                let person = registry.person(qid, qid);
                person.offer_name(row.get("itemLabel"), rank, origin);
                person.add_role(RoleDraft {
                    role: Role {
                        title: title.clone(),
                        country: jurisdiction.iso2.clone(),
                        start: date(row.get("startDate")).unwrap_or_default(),
                        end: date(row.get("endDate")).unwrap_or_default(),
                        source: source.clone(),
                        as_of: as_of.to_string(),
                        ..Role::default()
                    },
                    position: Some(meta.position.clone()),
                    class,
                    place: jurisdiction.place.clone(),
                });
            }
            // The page's own spellings of linked names are variants of the name.
            if wikidata.is_some() {
                if let Some(scraped) = &scraped {
                    for row in scraped.rows() {
                        if let Some(person) = registry.get_mut(row.get("item")) {
                            person.offer_name(
                                row.get("itemLabel"),
                                name_rank::SCRAPED,
                                NameOrigin::WikipediaPage,
                            );
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Spellings of ministers' names on the official cabinet page that differ from
    /// Wikidata's label ("Alexei Chekunkov" for "Alexey Chekunkov").
    fn official_spellings(&mut self, repo: &str, registry: &mut Registry) -> Result<()> {
        let Some(wikidata) = optional_csv(self.manifest, repo, "sources/official/wikidata.csv")?
        else {
            return Ok(());
        };
        if !wikidata.has_column("wdLabel") {
            return Ok(()); // no link from the page's spelling to the item
        }
        let Some(scraped) = optional_csv(self.manifest, repo, "sources/official/scraped.csv")?
        else {
            return Ok(());
        };
        let on_page: BTreeSet<String> = scraped.rows().map(|r| r.get("name").to_string()).collect();
        for row in wikidata.rows() {
            let (qid, written, label) = (row.get("wdid"), row.get("name"), row.get("wdLabel"));
            if !on_page.contains(written) {
                continue;
            }
            if let (Some(person), Some(spelling)) =
                (registry.get_mut(qid), official_variant(written, label))
            {
                person.offer_name(&spelling, name_rank::SCRAPED, NameOrigin::OfficialSite);
            }
        }
        Ok(())
    }

    /// world-leaders-2021: heads of state and government of 204 states in 2021–22, from
    /// the Wikidata list. The scraped `data/wikipedia.csv` is left out: it has rows
    /// whose "position" is a person or whose "officeholder" is the position, and its
    /// positions are the same offices under other items.
    fn world_leaders(&mut self, registry: &mut Registry) -> Result<()> {
        let as_of = self.snapshot(WORLD_LEADERS);
        let file = "data/wikidata.csv";
        let Some(table) = optional_csv(self.manifest, WORLD_LEADERS, file)? else {
            return Ok(());
        };
        let source = source_of(WORLD_LEADERS, file, WIKIDATA_CC0);
        let rank = name_rank::WIKIDATA_LIST;
        let holder_column = "officeholderLabel";
        for row in table.rows() {
            let (qid, position, title) = (
                row.get("officeholder"),
                row.get("position"),
                row.get("positionLabel"),
            );
            // A holder that is itself a head position is a broken row, not a person.
            let broken = qid == position || self.heads.contains_key(qid);
            if !is_qid(qid) || title.is_empty() || broken {
                self.warnings.push(format!(
                    "{}:{}: no person holding a position, row skipped",
                    table.path.display(),
                    row.line
                ));
                continue;
            }
            let place = self.place(row.get("country"));
            let head = self.heads.get(position).copied();
            let person = registry.person(qid, qid);
            person.offer_name(row.get(holder_column), rank, NameOrigin::WikidataLabel);
            person.add_role(RoleDraft {
                role: Role {
                    title: title.to_string(),
                    country: place.iso2,
                    start: date(row.get("start_year")).unwrap_or_default(),
                    end: date(row.get("end_year")).unwrap_or_default(),
                    source: source.clone(),
                    as_of: as_of.clone(),
                    ..Role::default()
                },
                position: is_qid(position).then(|| position.to_string()),
                class: classify(title, head),
                place: place.place,
            });
        }
        Ok(())
    }

    /// The `world` repo: international posts (no country) and the foreign ministers of
    /// 210 states.
    fn world(&mut self, registry: &mut Registry) -> Result<()> {
        let positions = Positions::read(self.manifest, WORLD)?;
        let as_of = self.snapshot(WORLD);
        let international = Jurisdiction::default();
        self.bios(WORLD, registry)?;
        for file in ["html/holders21.csv", "html/current.csv"] {
            let Some(table) = optional_csv(self.manifest, WORLD, file)? else {
                continue;
            };
            let source = source_of(WORLD, file, WIKIDATA_CC0);
            for row in table.rows() {
                let title = row.get("position");
                let class = classify(title, None);
                let list = HolderList {
                    table: &table,
                    jurisdiction: &international,
                    source: &source,
                    as_of: &as_of,
                };
                self.holder_row(&row, &list, positions.qid_of(title), class, registry);
            }
        }
        for (file, licence, rank, origin) in [
            (
                "sources/foreign/wikidata.csv",
                WIKIDATA_CC0,
                name_rank::WIKIDATA_LIST,
                NameOrigin::WikidataLabel,
            ),
            (
                "sources/foreign/scraped.csv",
                WIKIPEDIA,
                name_rank::SCRAPED,
                NameOrigin::WikipediaPage,
            ),
        ] {
            let Some(table) = optional_csv(self.manifest, WORLD, file)? else {
                continue;
            };
            let source = source_of(WORLD, file, licence);
            for row in table.rows() {
                let (qid, title) = (row.get("person"), row.get("positionLabel"));
                if !is_qid(qid) || title.is_empty() {
                    continue;
                }
                let place = self.place(row.get("countryLabel"));
                let person = registry.person(qid, qid);
                // The scraped list repeats the Wikidata one: only a minister it alone
                // names gets a role from it.
                if licence == WIKIPEDIA && person.has_role_in(&place.iso2, place.place.as_deref()) {
                    person.offer_name(row.get("name"), rank, origin);
                    continue;
                }
                person.offer_name(row.get("name"), rank, origin);
                let position = row.get("position");
                person.add_role(RoleDraft {
                    role: Role {
                        title: title.to_string(),
                        country: place.iso2,
                        start: date(row.get("start")).unwrap_or_default(),
                        source: source.clone(),
                        as_of: as_of.clone(),
                        ..Role::default()
                    },
                    position: is_qid(position).then(|| position.to_string()),
                    // The list is of foreign ministers, whatever each post is called.
                    class: FOREIGN_OR_DEFENCE_MINISTER,
                    place: place.place,
                });
            }
        }
        Ok(())
    }
}

/// Offers the title of a person's English Wikipedia article (a list's `enwiki` column)
/// as a spelling of the name. Left out: a title with a comma, which is a peer's style or
/// a suffix rather than a name ("Geoffrey Dear, Baron Dear"), and a title of one word,
/// a mononym or nickname ("Braga (politician)") that would take a city's name.
fn offer_enwiki_title(person: &mut PersonDraft, title: &str) {
    let name = strip_disambiguator(title);
    if !name.contains(',') && name.split_whitespace().nth(1).is_some() {
        person.offer_name(
            &name,
            name_rank::ENWIKI_TITLE,
            NameOrigin::EnglishWikipediaTitle,
        );
    }
}

/// Letters after a name on official sites.
const POST_NOMINALS: &[&str] = &[
    "QC", "KC", "SC", "MP", "MLA", "MHA", "MNA", "OBE", "CBE", "KBE", "MBE", "AO", "AC", "AM",
    "PHD", "CMG", "GCMG", "KCMG",
];

/// An official site's spelling of a name as a usable variant, or `None` when it only
/// differs in honorifics, capitals or word order ("Mr Lawrence WONG", "NODA Seiko").
pub fn official_variant(written: &str, label: &str) -> Option<String> {
    if !is_latin(written) && !written.chars().any(char::is_lowercase) {
        return None; // a non-Latin name in capitals cannot be recased reliably
    }
    let mut cleaned = squash_spaces(&strip_honorifics(&title_case_capitals(written)));
    // Post-nominals ("Mark Dreyfus QC", "Jane Doe MP") are not part of the name.
    while let Some((rest, last)) = cleaned.rsplit_once(' ') {
        if !POST_NOMINALS.contains(&last.trim_matches('.').to_uppercase().as_str()) {
            break;
        }
        cleaned = rest.trim_end_matches(',').to_string();
    }
    let words = |s: &str| {
        let mut w: Vec<String> = s
            .split_whitespace()
            .map(|w| fold(w.trim_matches('.')))
            .collect();
        w.sort();
        w
    };
    if cleaned.is_empty() || words(&cleaned) == words(label) {
        return None;
    }
    Some(cleaned)
}

/// Birth and death dates of one bio row, for tests of precision handling.
pub fn bio_dates(dob: &str, dobp: &str, dod: &str, dodp: &str) -> (Option<String>, Option<String>) {
    (
        date_with_precision(dob, dobp),
        date_with_precision(dod, dodp),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_spellings_that_only_reformat_the_label_are_dropped() {
        assert_eq!(
            official_variant("Alexei Chekunkov", "Alexey Chekunkov").as_deref(),
            Some("Alexei Chekunkov")
        );
        assert_eq!(official_variant("NODA Seiko", "Seiko Noda"), None);
        assert_eq!(official_variant("Mr Lawrence WONG", "Lawrence Wong"), None);
        assert_eq!(
            official_variant("The Hon Mark Dreyfus KC MP", "Mark Dreyfus"),
            None
        );
        assert_eq!(
            official_variant("Shri Raj Nath Singh", "Rajnath Singh").as_deref(),
            Some("Raj Nath Singh")
        );
        assert_eq!(
            official_variant("ΠΑΝΑΓΙΩΤΗΣ ΘΕΟΔΩΡΙΚΑΚΟΣ", "Τάκης Θεοδωρικάκος"),
            None
        );
    }

    /// A person whose label is `label`, offered each English Wikipedia title in turn.
    fn with_enwiki_titles(label: &str, titles: &[&str]) -> byline_kb::Entity {
        let mut person = PersonDraft::default();
        person.id = "Q16765753".into();
        person.offer_name(label, name_rank::WIKIDATA_LABEL, NameOrigin::WikidataLabel);
        for title in titles {
            offer_enwiki_title(&mut person, title);
        }
        let title = "Premier of Limpopo";
        person.add_role(RoleDraft {
            role: Role {
                title: title.into(),
                country: "ZA".into(),
                ..Role::default()
            },
            position: None,
            class: classify(title, None),
            place: None,
        });
        super::super::people::finish(person, &CountryTable::default()).unwrap()
    }

    #[test]
    fn the_english_wikipedia_title_is_an_alias_a_desk_accepts() {
        let entity = with_enwiki_titles("Ngoako Ramathlodi", &["Ngoako Ramatlhodi (politician)"]);
        assert_eq!(entity.name, "Ngoako Ramathlodi");
        assert_eq!(entity.aliases, ["Ngoako Ramatlhodi"]);
        assert!(entity.is_accepted_spelling("Ngoako Ramatlhodi"));
        assert_eq!(
            entity
                .alias_records("Ngoako Ramatlhodi")
                .collect::<Vec<_>>(),
            [(
                byline_kb::AliasKind::Unstated,
                NameOrigin::EnglishWikipediaTitle.source()
            )]
        );
    }

    #[test]
    fn a_peers_style_or_a_mononym_title_is_no_alias() {
        let entity = with_enwiki_titles(
            "Carlos Eduardo de Souza Braga",
            &["Geoffrey Dear, Baron Dear", "Braga (politician)", ""],
        );
        assert!(entity.aliases.is_empty(), "{:?}", entity.aliases);
    }

    #[test]
    fn bio_dates_keep_the_stated_precision() {
        // dobp 9 = year, 10 = month, 11 = day; the date string may carry more digits.
        assert_eq!(
            bio_dates("1960-05-02", "9", "", ""),
            (Some("1960".into()), None)
        );
        assert_eq!(
            bio_dates("1960-06", "10", "2018-12-24", "11"),
            (Some("1960-06".into()), Some("2018-12-24".into()))
        );
        assert_eq!(bio_dates("", "7", "2007", "9"), (None, Some("2007".into())));
    }
}
