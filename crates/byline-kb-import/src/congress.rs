//! Members of the US Congress and the presidents and vice presidents, from
//! unitedstates/congress-legislators (CC0, snapshot 2026-06-15): the only recent source.
//!
//! A member's consecutive terms in one chamber for one state become one role; a term
//! whose scheduled end lies after the snapshot is open (held as of the snapshot), since
//! the future end is a schedule, not a fact.

use serde::Deserialize;

use super::people::{name_rank, NameOrigin, Registry, RoleDraft};
use super::source::{read_yaml, Manifest, Result};
use super::text::{date, date_after, is_qid, squash_spaces};
use super::titles::{Class, HEAD_OF_STATE};
use byline_kb::normalize::fold;
use byline_kb::Role;

pub const LEGISLATORS: &str = "congress-legislators/legislators-current.yaml";
pub const EXECUTIVE: &str = "congress-legislators/executive.yaml";

const SENATOR: Class = Class {
    entity_type: "legislator",
    prominence: 0.5,
};
const REPRESENTATIVE: Class = Class {
    entity_type: "legislator",
    prominence: 0.35,
};
const VICE_PRESIDENT: Class = Class {
    entity_type: "official",
    prominence: 0.9,
};

/// Terms closer than this many days are one continuous role.
const MAX_GAP_DAYS: u32 = 31;

#[derive(Debug, Deserialize)]
pub struct Member {
    pub id: Ids,
    pub name: Name,
    #[serde(default)]
    pub bio: Bio,
    #[serde(default)]
    pub terms: Vec<Term>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Ids {
    #[serde(default)]
    pub bioguide: Option<String>,
    #[serde(default)]
    pub govtrack: Option<u64>,
    #[serde(default)]
    pub wikidata: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Name {
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub middle: Option<String>,
    #[serde(default)]
    pub last: String,
    #[serde(default)]
    pub suffix: Option<String>,
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(default)]
    pub official_full: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Bio {
    #[serde(default)]
    pub birthday: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    #[serde(rename = "type")]
    pub kind: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub state: Option<String>,
}

/// US states and territories by postal code, for role titles ("United States Senator
/// from Washington").
const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "the District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("MP", "the Northern Mariana Islands"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VI", "the US Virgin Islands"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

fn state_name(code: &str) -> &str {
    STATES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, n)| n)
}

/// Title, organization and class of a term type.
fn office(term: &Term) -> Option<(String, &'static str, Class)> {
    let state = term.state.as_deref().map(state_name).unwrap_or_default();
    match term.kind.as_str() {
        "sen" => Some((
            format!("United States Senator from {state}"),
            "United States Senate",
            SENATOR,
        )),
        "rep" => Some((
            format!("United States Representative from {state}"),
            "United States House of Representatives",
            REPRESENTATIVE,
        )),
        "prez" => Some(("President of the United States".into(), "", HEAD_OF_STATE)),
        "viceprez" => Some((
            "Vice President of the United States".into(),
            "",
            VICE_PRESIDENT,
        )),
        _ => None,
    }
}

/// Days between two dates, roughly (for gaps between terms).
fn days_between(a: &str, b: &str) -> Option<u32> {
    let days = |d: &str| -> Option<i64> {
        let p = byline_kb::PartialDate::parse(d)?;
        Some(i64::from(p.year) * 372 + i64::from(p.month? - 1) * 31 + i64::from(p.day? - 1))
    };
    Some((days(b)? - days(a)?).unsigned_abs() as u32)
}

/// Joins consecutive terms of the same office into roles: (first start, last end).
pub fn merge_terms(terms: &[Term]) -> Vec<(Term, String)> {
    let mut merged: Vec<(Term, String)> = Vec::new();
    for term in terms {
        let title = office(term).map(|(t, _, _)| t).unwrap_or_default();
        if let Some((last, last_title)) = merged.last_mut() {
            if *last_title == title
                && days_between(&last.end, &term.start).is_some_and(|d| d <= MAX_GAP_DAYS)
            {
                last.end = term.end.clone();
                continue;
            }
        }
        merged.push((term.clone(), title));
    }
    merged
}

/// The person id: the member's QID, else the Bioguide or GovTrack id. Never a guessed
/// QID.
fn person_id(member: &Member) -> Option<(String, String)> {
    if let Some(qid) = member.id.wikidata.as_deref().filter(|q| is_qid(q)) {
        return Some((qid.to_string(), qid.to_string()));
    }
    if let Some(bioguide) = &member.id.bioguide {
        return Some((format!("bioguide-{bioguide}"), String::new()));
    }
    member
        .id
        .govtrack
        .map(|g| (format!("govtrack-{g}"), String::new()))
}

/// The spellings of a member's name: the official full name, and first (or nickname)
/// and last.
fn names(name: &Name) -> Vec<String> {
    spellings(name).into_iter().map(|(n, _)| n).collect()
}

/// `names`, each with its origin: the nickname is the one the `nickname` field gives.
fn spellings(name: &Name) -> Vec<(String, NameOrigin)> {
    let mut out = Vec::new();
    if let Some(full) = &name.official_full {
        out.push((squash_spaces(full), NameOrigin::CongressName));
    }
    let suffix = name
        .suffix
        .as_deref()
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    out.push((
        squash_spaces(&format!("{} {}{suffix}", name.first, name.last)),
        NameOrigin::CongressName,
    ));
    if let Some(middle) = &name.middle {
        out.push((
            squash_spaces(&format!("{} {middle} {}{suffix}", name.first, name.last)),
            NameOrigin::CongressName,
        ));
    }
    if let Some(nickname) = &name.nickname {
        out.push((
            squash_spaces(&format!("{nickname} {}{suffix}", name.last)),
            NameOrigin::CongressNickname,
        ));
    }
    out
}

/// An executive without a QID may already be in the registry from every-politician
/// (us-cabinet lists presidents since 2000 with QIDs): the same name holding a US
/// presidential office starting in the same year is the same person.
fn existing_executive(registry: &Registry, member: &Member) -> Option<String> {
    let wanted: Vec<String> = names(&member.name).iter().map(|n| fold(n)).collect();
    let start_years: Vec<&str> = member
        .terms
        .iter()
        .filter_map(|t| t.start.get(..4))
        .collect();
    let found: Vec<&String> = registry
        .persons
        .iter()
        .filter(|(_, p)| {
            p.names().iter().any(|n| wanted.contains(&fold(n)))
                && p.roles.iter().any(|r| {
                    r.role.country == "US"
                        && fold(&r.role.title).contains("president")
                        && r.role
                            .start
                            .get(..4)
                            .is_some_and(|y| start_years.contains(&y))
                })
        })
        .map(|(id, _)| id)
        .collect();
    match found.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Imports both files into `registry`.
pub fn import(manifest: &Manifest, registry: &mut Registry) -> Result<()> {
    for (file, name) in [
        (LEGISLATORS, "legislators-current.yaml"),
        (EXECUTIVE, "executive.yaml"),
    ] {
        let members: Vec<Member> = read_yaml(&manifest.file(file)?)?;
        let as_of = manifest.snapshot_of(file).unwrap_or_default().to_string();
        let source = format!("congress-legislators {name} (CC0)");
        for member in &members {
            add_member(registry, member, &source, &as_of);
        }
    }
    Ok(())
}

fn add_member(registry: &mut Registry, member: &Member, source: &str, as_of: &str) {
    let Some((mut id, wikidata)) = person_id(member) else {
        return;
    };
    if wikidata.is_empty() {
        if let Some(existing) = existing_executive(registry, member) {
            id = existing;
        }
    }
    let person = registry.person(&id, &wikidata);
    for (name, origin) in spellings(&member.name) {
        person.offer_name(&name, name_rank::CONGRESS, origin);
    }
    person.offer_born(member.bio.birthday.as_deref().and_then(date), 2);
    for (term, _) in merge_terms(&member.terms) {
        let Some((title, organization, class)) = office(&term) else {
            continue;
        };
        let end = date(&term.end)
            .filter(|e| !date_after(e, as_of))
            .unwrap_or_default();
        person.add_role(RoleDraft {
            role: Role {
                title,
                organization: organization.to_string(),
                country: "US".into(),
                start: date(&term.start).unwrap_or_default(),
                end,
                source: source.to_string(),
                as_of: as_of.to_string(),
            },
            position: None,
            class,
            place: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: &str, start: &str, end: &str, state: &str) -> Term {
        Term {
            kind: kind.into(),
            start: start.into(),
            end: end.into(),
            state: Some(state.into()),
        }
    }

    #[test]
    fn consecutive_terms_merge_and_a_change_of_chamber_does_not() {
        let terms = [
            term("rep", "1993-01-05", "1995-01-03", "WA"),
            term("sen", "2001-01-03", "2007-01-03", "WA"),
            term("sen", "2007-01-04", "2013-01-03", "WA"),
            term("sen", "2013-01-03", "2019-01-03", "WA"),
        ];
        let merged = merge_terms(&terms);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[1].1, "United States Senator from Washington");
        assert_eq!(
            (merged[1].0.start.as_str(), merged[1].0.end.as_str()),
            ("2001-01-03", "2019-01-03")
        );
    }

    #[test]
    fn future_scheduled_end_is_left_open_and_qid_is_the_id() {
        let yaml = "- id: {bioguide: C000127, wikidata: Q22250}\n  name: {first: Maria, last: Cantwell, official_full: Maria Cantwell}\n  bio: {birthday: '1958-10-13'}\n  terms:\n  - {type: sen, start: '2025-01-03', end: '2031-01-03', state: WA}\n";
        let members: Vec<Member> = yaml_serde::from_str(yaml).unwrap();
        let mut registry = Registry::default();
        add_member(
            &mut registry,
            &members[0],
            "congress-legislators legislators-current.yaml (CC0)",
            "2026-06-15",
        );
        let person = registry.get("Q22250").unwrap();
        assert_eq!(person.wikidata, "Q22250");
        assert_eq!(person.roles[0].role.end, "");
        assert_eq!(person.roles[0].class, SENATOR);
    }
}
