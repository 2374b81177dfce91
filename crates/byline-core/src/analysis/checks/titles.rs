//! `title-mismatch` and `outdated-title`: a title written before a person's name,
//! checked against the KB's dated roles.
//!
//! Titles and roles are read into offices (`offices.rs`) and compared as offices, with
//! the country or body the story writes before the title ("NATO Secretary General",
//! "Iran's Foreign Minister"). Ranks such as "General", loose titles ("leader",
//! "chairman") and titles the story marks as past or provisional ("former", "acting")
//! are left alone. Both checks speak only on evidence:
//!
//! * `title-mismatch` when no role of the person fits the title and either the
//!   person's record is known to the story's date (the entity's `as_of` is on or after
//!   it, and a dated role covers the date), or another person held that single-holder
//!   office on the date by dated evidence ("…; Lloyd Austin was Secretary of Defence
//!   then") while the person was in another office on the date by dated evidence or,
//!   for a country's office, others held it all along since the person's record was
//!   taken. A missing role is otherwise no finding: the KB may not know it.
//! * `outdated-title` when a role of that office ended, by its dates, before the story's
//!   date and no role that may be it was held then. "No longer" needs a successor of the
//!   same office on the date by dated evidence, or the record known to the date;
//!   otherwise the message says what the record holds.
//!
//! Dated evidence for a date: the role began on or before it and ended on or after
//! it, or has no end and was known held on or after it (`as_of`); undated listings
//! never count.

use super::offices::{
    office_of, offices_of, same_office, same_role_office, Fit, Kind, Office, Scope,
};
use super::{CheckContext, Code, Diagnostic, Severity};
use crate::analysis::entity_memo::{per_entity, KbMemo};
use crate::analysis::Mention;
use crate::text::words::word_strs;
use byline_kb::normalize::fold;
use byline_kb::{Category, Entity, EntityId, Kb, PartialDate, Role};
use std::collections::HashMap;

#[cfg(test)]
#[path = "titles_office_tests.rs"]
mod office_tests;

/// Words right before a title that say it is not held on the story's date, or not
/// quite: "former Prime Minister", "acting President".
const NOT_NOW: &[&str] = &[
    "former",
    "ex",
    "then",
    "late",
    "onetime",
    "one-time",
    "erstwhile",
    "previous",
    "incoming",
    "future",
    "acting",
    "interim",
    "caretaker",
    "would-be",
    "designated",
    "outgoing",
];

/// Words after which a country or body is not the title's: "a visit to Ukraine
/// Defence Minister Boris Pistorius …" is Germany's minister in Ukraine.
const NOT_A_SCOPE_AFTER: &[&str] = &[
    "in", "to", "from", "at", "on", "with", "for", "by", "of", "into", "across", "visiting",
    "visited", "toward", "towards", "over", "near", "against", "between", "after", "before",
    "during", "via", "through", "than", "and", "or", "met", "meets", "meeting", "told",
];

/// The folded word that ends right before byte `at` (spaces skipped), if any.
fn word_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'))
        .last()
        .map(|(i, _)| i)?;
    Some(fold(&before[start..]))
}

/// The mention written right before a title ("NATO", "Iran" of "Iran's", "Russian")
/// that says whose office it is, if the story writes one.
fn mention_before<'m>(cx: &'m CheckContext, title_start: usize) -> Option<&'m Mention> {
    let index = cx.mentions.partition_point(|m| m.span.end <= title_start);
    let candidate = cx.mentions[..index].last()?;
    let gap = cx.text[candidate.span.end..title_start].trim();
    if !(gap.is_empty() || gap == "'s" || gap == "’s") {
        return None;
    }
    let after_breaker = word_before(cx.text, candidate.span.start)
        .is_some_and(|w| NOT_A_SCOPE_AFTER.contains(&w.as_str()));
    (!after_breaker).then_some(candidate)
}

/// A title the recogniser read as an unknown name of its own, right before the person:
/// "House Speaker", "Bank of England Governor", "Philippine President" end in a title
/// word and stand for the person's title.
fn title_chunk_before(cx: &CheckContext, index: usize) -> Option<std::ops::Range<usize>> {
    let person = &cx.mentions[index];
    let before = cx.mentions[..index].last()?;
    let adjacent = cx.text[before.span.end..person.span.start]
        .trim()
        .is_empty();
    let last_word = word_strs(&cx.text[before.span.clone()]).last().map(fold)?;
    (before.entity.is_none()
        && before.category != Category::Person
        && adjacent
        && crate::analysis::cues::is_person_title(&last_word))
    .then(|| before.span.clone())
}

/// A name's words for comparing bodies and places: folded, without articles.
fn name_words(name: &str) -> Vec<String> {
    word_strs(name)
        .flat_map(|w| {
            fold(w)
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "of" | "and" | "for"))
        .map(|w| match w.as_str() {
            "defense" => "defence".to_string(),
            "organisation" => "organization".to_string(),
            _ => w,
        })
        .collect()
}

/// The name words of every name of an entity (`entity_names`), derived once per KB: a
/// body that scopes a title is asked for at every keystroke, and a UN body has names in
/// eight languages.
struct EntityNameWords(Vec<Vec<String>>);

fn entity_names_of(kb: &Kb, id: EntityId) -> Vec<Vec<String>> {
    per_entity(kb, id, |e| EntityNameWords(entity_names(e)))
        .0
        .clone()
}

fn entity_names(entity: &Entity) -> Vec<Vec<String>> {
    entity
        .surface_forms()
        .map(name_words)
        .chain(
            entity
                .acronyms
                .iter()
                .map(|a| vec![fold(a).replace('.', "")]),
        )
        .filter(|w| !w.is_empty())
        .collect()
}

/// The scope a mention gives a title: its country, body or place. The flag says the
/// body is a KB entity's (so its names are known), not words of the story.
fn scope_of(kb: &Kb, text: &str, mention: &Mention) -> (Scope, bool) {
    let mut scope = Scope::default();
    let country = |e: &Entity| (!e.country.is_empty()).then(|| e.country.clone());
    match mention.entity {
        Some(id) => {
            let entity = kb.entity(id);
            match entity.category() {
                Category::Location if entity.entity_type == "country" => {
                    scope.country = country(entity)
                }
                Category::Location => {
                    scope.place = entity_names_of(kb, id);
                    scope.country = country(entity);
                }
                Category::Other if entity.entity_type == "nationality" => {
                    scope.country = country(entity)
                }
                Category::Organization => {
                    scope.body = entity_names_of(kb, id);
                    scope.country = country(entity);
                }
                _ => {}
            }
            (scope, true)
        }
        None => {
            let words = name_words(&text[mention.span.clone()]);
            match mention.category {
                Category::Location => scope.place = vec![words],
                Category::Organization | Category::Other => scope.body = vec![words],
                Category::Person => {}
            }
            (scope, false)
        }
    }
}

/// Whether folded words name a country in the KB ("the United Kingdom").
fn names_a_country(kb: &Kb, words: &[String]) -> bool {
    let key = words.join(" ");
    kb.names_get(&key)
        .iter()
        .any(|t| kb.entity(t.entity).entity_type == "country")
}

/// The offices a role names, with their scope filled from the role and the person: the
/// role's country (else the person's, for an office of no body), a body the role's
/// organisation names when the office is a body's, and a place that names no country
/// made a body ("President of the Sakha Republic" is not Russia's president).
fn role_offices(kb: &Kb, entity: &Entity, role: &Role) -> Vec<Office> {
    scoped(kb, entity, role, role_title_offices(kb, &role.title))
}

/// The offices each KB role title names (`offices_of`, a pure function of the title),
/// read once per KB and title: the title check reads every role of every titled person
/// at every analysis, and a keystroke in the server re-read them all (855 readings a
/// keystroke, 40 % of its instructions, on the 5,050-word story of
/// `benches/lsp_latency.py`). Only KB role titles are kept, so the map is bounded by
/// the KB.
struct RoleTitleOffices(Vec<Office>);

fn role_title_offices(kb: &Kb, title: &str) -> Vec<Office> {
    KbMemo::<String, RoleTitleOffices>::get(kb, title, || RoleTitleOffices(offices_of(title)))
        .0
        .clone()
}

/// `offices`, read from the role's title, with their scope filled as `role_offices`
/// says.
fn scoped(kb: &Kb, entity: &Entity, role: &Role, mut offices: Vec<Office>) -> Vec<Office> {
    for office in &mut offices {
        let national = office.kind.national();
        if national && !office.scope.place.is_empty() {
            for place in std::mem::take(&mut office.scope.place) {
                if !names_a_country(kb, &place) {
                    office.scope.body.push(place);
                }
            }
        }
        if !role.organization.is_empty() && (!national || role.country.is_empty()) {
            let words = name_words(&role.organization);
            if !words.is_empty() {
                office.scope.body.push(words);
            }
        }
        office.scope.country = if !role.country.is_empty() {
            Some(role.country.clone())
        } else if office.scope.body.is_empty() && !entity.country.is_empty() {
            Some(entity.country.clone())
        } else {
            None
        };
    }
    offices
}

/// How well a role fits a title, and the office of the role that fits best.
fn role_fit(kb: &Kb, entity: &Entity, role: &Role, written: &Office) -> (Fit, Option<Office>) {
    role_offices(kb, entity, role)
        .into_iter()
        .map(|office| (same_office(written, &office), office))
        .max_by_key(|(fit, _)| *fit)
        .map_or((Fit::Different, None), |(fit, office)| (fit, Some(office)))
}

/// Whether a title as written names one of `entity`'s recorded roles, office and body,
/// whatever the dates: the slip check's evidence that the title picks out a candidate
/// ("Foreign Minister Abbas Arakchi" is Iran's minister of foreign affairs misspelled).
pub(super) fn names_a_role_of(kb: &Kb, entity: &Entity, written: &Office) -> bool {
    entity
        .roles
        .iter()
        .any(|role| role_fit(kb, entity, role, written).0 == Fit::Same)
}

/// The days (as `PartialDate` keys, YYYYMMDD) over which the KB has dated evidence
/// that `role` was held: from its start (or, with no start, from a listing date
/// before a recorded end) to its end, or with no end to the date it was last known
/// held (`as_of`). Undated listings are no evidence.
fn evidence_span(entity: &Entity, role: &Role) -> Option<(u32, u32)> {
    let as_of = PartialDate::parse(entity.role_as_of(role));
    let from = match role.start_date() {
        Some(start) => start.latest(),
        None => {
            role.end_date()?;
            as_of?.latest()
        }
    };
    let to = match role.end_date() {
        Some(end) => end.earliest(),
        None => as_of?.earliest(),
    };
    (from <= to).then_some((from, to))
}

/// Whether the KB has dated evidence that `role` was held on `date`.
fn evidenced(entity: &Entity, role: &Role, date: PartialDate) -> bool {
    evidence_span(entity, role)
        .is_some_and(|(from, to)| from <= date.earliest() && to >= date.latest())
}

/// Whether `role` is an undated listing ("Premier", as of 2019-06) that a dated record
/// of the same office, read as offices ("Prime Minister"), shows ending after the
/// listing: `Entity::roles_on` compares titles as written and keeps it.
fn listing_superseded(kb: &Kb, entity: &Entity, role: &Role) -> bool {
    if !role.start.is_empty() || !role.end.is_empty() {
        return false;
    }
    let Some(listed) = PartialDate::parse(entity.role_as_of(role)) else {
        return false;
    };
    let offices = role_offices(kb, entity, role);
    entity.roles.iter().any(|dated| {
        dated
            .end_date()
            .is_some_and(|end| end.latest() >= listed.earliest())
            && role_offices(kb, entity, dated)
                .iter()
                .any(|d| offices.iter().any(|o| same_role_office(o, d)))
    })
}

/// The roles the person held on `date` by dated evidence, newest first.
fn evidenced_roles(entity: &Entity, date: PartialDate) -> Vec<&Role> {
    entity
        .roles_on(date)
        .into_iter()
        .filter(|r| evidenced(entity, r, date))
        .collect()
}

/// The day (a `PartialDate` key) to which the person's record is known: the entity's
/// `as_of`, the date of the snapshot or review it comes from.
fn known_to(entity: &Entity) -> Option<u32> {
    PartialDate::parse(&entity.as_of).map(|d| d.earliest())
}

/// The person's latest dated role, for "last recorded: …" when none is evidenced on
/// the story's date.
fn last_recorded(entity: &Entity) -> Option<&Role> {
    entity
        .roles
        .iter()
        .filter(|r| r.start_date().is_some() || r.end_date().is_some())
        .max_by_key(|r| {
            (
                r.end_date().map_or(u32::MAX, |d| d.latest()),
                r.start_date().map_or(0, |d| d.earliest()),
            )
        })
}

/// What a successor search compares a KB role's offices with.
enum Wanted<'a> {
    /// A title as written, its scope resolved.
    Written(&'a Office),
    /// The office of a role the person left.
    Role(&'a Office),
}

/// One person's dated tenure of an office.
struct Holding<'k> {
    id: EntityId,
    /// The role's index in the holder's `roles`.
    index: usize,
    role: &'k Role,
    from: u32,
    to: u32,
}

/// One dated tenure of an office in the KB: a person's role with dated evidence
/// (`evidence_span`), read as one of its offices (`role_offices`).
struct Tenure {
    id: EntityId,
    /// The role's index in the person's `roles`.
    role: usize,
    office: Office,
    from: u32,
    to: u32,
}

/// Every dated tenure in the KB of an office the title checks read, by kind of office,
/// so that who else held an office costs a lookup and a filter of one kind's tenures
/// instead of a scan of every person's roles (issue 22: a story of 200 titles paid one
/// scan per title). Built once per KB through `Kb::derived`, on the first title that
/// needs it. Only checked kinds are kept: a successor or a rival holder is looked for
/// in the office of a checked title, and an office of another kind is never the same
/// one (`same_office`, `same_role_office`; portfolios, which match by subset, are not
/// checked).
struct OfficeHolders(HashMap<Kind, Vec<Tenure>>);

impl OfficeHolders {
    fn build(kb: &Kb) -> OfficeHolders {
        let mut by_kind: HashMap<Kind, Vec<Tenure>> = HashMap::new();
        // Role titles repeat across the KB ("Minister of Defence", "Member of
        // Parliament"): each distinct one is read into offices once, and only the
        // offices of checked kinds are kept.
        // `scan_where`, not `iter`: the entities are decoded for the scan only, so a
        // server does not keep the whole KB decoded after its first title check, and
        // only the persons with a dated role are decoded at all (`evidence_span` needs
        // a start or an end; the rest of the KB is skimmed).
        let mut read: HashMap<String, Vec<Office>> = HashMap::new();
        kb.scan_where(
            Category::Person,
            |head| head.dated_roles > 0,
            |id, entity| {
                for (index, role) in entity.roles.iter().enumerate() {
                    let Some((from, to)) = evidence_span(entity, role) else {
                        continue;
                    };
                    let offices = read.entry(role.title.clone()).or_insert_with(|| {
                        offices_of(&role.title)
                            .into_iter()
                            .filter(|office| office.kind.checked())
                            .collect()
                    });
                    if offices.is_empty() {
                        continue;
                    }
                    for office in scoped(kb, entity, role, offices.clone()) {
                        by_kind
                            .entry(office.kind.clone())
                            .or_default()
                            .push(Tenure {
                                id,
                                role: index,
                                office,
                                from,
                                to,
                            });
                    }
                }
            },
        );
        OfficeHolders(by_kind)
    }
}

/// Everyone else the KB records in the office with dated evidence, from the KB's
/// `OfficeHolders` (built on the first call for a KB).
fn holdings<'k>(kb: &'k Kb, wanted: &Wanted, except: EntityId) -> Vec<Holding<'k>> {
    let office = match wanted {
        Wanted::Written(o) | Wanted::Role(o) => o,
    };
    let holders = kb.derived(OfficeHolders::build);
    let Some(tenures) = holders.0.get(&office.kind) else {
        return Vec::new();
    };
    let mut found: Vec<Holding<'k>> = Vec::new();
    for tenure in tenures {
        if tenure.id == except {
            continue;
        }
        let fits = match wanted {
            // A body's office written with no country ("ECB President") is not held in
            // a country's record that shares words with the body ("President of the
            // Central Bank" of Brazil): `same_office` lets a body's words stand for a
            // longer name, which may name the person's own office, never a rival's.
            Wanted::Written(w)
                if w.scope.country.is_none() && tenure.office.scope.country.is_some() =>
            {
                false
            }
            Wanted::Written(w) => same_office(w, &tenure.office) == Fit::Same,
            Wanted::Role(r) => same_role_office(r, &tenure.office),
        };
        // A role read as two offices of one kind (a title naming its office twice, or
        // in two bodies) is one holding.
        let repeated = found
            .last()
            .is_some_and(|h| h.id == tenure.id && h.index == tenure.role);
        if fits && !repeated {
            found.push(Holding {
                id: tenure.id,
                index: tenure.role,
                role: &kb.entity(tenure.id).roles[tenure.role],
                from: tenure.from,
                to: tenure.to,
            });
        }
    }
    found
}

/// The holder on `date`; of several, the latest to start.
fn holder_on<'h, 'k>(holdings: &'h [Holding<'k>], date: PartialDate) -> Option<&'h Holding<'k>> {
    holdings
        .iter()
        .filter(|h| h.from <= date.earliest() && h.to >= date.latest())
        .max_by_key(|h| h.from)
}

/// Days since 1970-01-01 of a YYYYMMDD key (Howard Hinnant's algorithm).
fn day_number(key: u32) -> i64 {
    let (y, m, d) = (
        i64::from(key / 10_000),
        i64::from(key / 100 % 100),
        i64::from(key % 100),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days between one holder's end and the next one's start that still count as one
/// run (a swearing-in the day after, a weekend).
const HANDOVER_DAYS: i64 = 7;

/// Whether the holdings, one after another, cover every day from `from` to `to`.
fn covered(holdings: &[Holding], from: u32, to: u32) -> bool {
    let mut spans: Vec<(i64, i64)> = holdings
        .iter()
        .map(|h| (day_number(h.from), day_number(h.to)))
        .collect();
    spans.sort_unstable();
    let (mut reached, goal) = (day_number(from), day_number(to));
    for (start, end) in spans {
        if start > reached + HANDOVER_DAYS {
            break;
        }
        reached = reached.max(end);
        if reached >= goal {
            return true;
        }
    }
    reached >= goal
}

fn dates(role: &Role) -> String {
    match (role.start.as_str(), role.end.as_str()) {
        ("", "") => String::new(),
        (s, "") => format!(" (since {s})"),
        ("", e) => format!(" (until {e})"),
        (s, e) => format!(" ({s} – {e})"),
    }
}

pub fn check(cx: &CheckContext) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (index, mention) in cx.mentions.iter().enumerate() {
        let Some(id) = mention.entity else {
            continue;
        };
        let Some(title_span) = mention
            .title
            .clone()
            .or_else(|| title_chunk_before(cx, index))
        else {
            continue;
        };
        let entity = cx.kb.entity(id);
        if entity.roles.is_empty() {
            continue;
        }
        let title = &cx.text[title_span.clone()];
        let Some(mut written) = office_of(title) else {
            continue;
        };
        if !written.kind.checked() {
            continue;
        }
        let before = mention_before(cx, title_span.start);
        let mut scope_from_entity = false;
        if let Some(scoping) = before {
            let (scope, from_entity) = scope_of(cx.kb, cx.text, scoping);
            scope_from_entity = from_entity && !scope.body.is_empty();
            written.scope.country = written.scope.country.or(scope.country);
            if written.scope.body.is_empty() {
                written.scope.body = scope.body;
            }
            if written.scope.place.is_empty() {
                written.scope.place = scope.place;
            }
        }
        let first_word_at = before.map_or(title_span.start, |m| m.span.start);
        if word_before(cx.text, first_word_at).is_some_and(|w| NOT_NOW.contains(&w.as_str())) {
            continue;
        }
        let date = cx.story_date;
        let fits: Vec<(&Role, Fit, Option<Office>)> = entity
            .roles
            .iter()
            .map(|role| {
                let (fit, office) = role_fit(cx.kb, entity, role, &written);
                (role, fit, office)
            })
            .collect();
        // A speaker is a member of the house: a membership the KB records leaves the
        // speakership open, but only while it lasts.
        let fits: Vec<(&Role, Fit, Option<Office>)> = fits
            .into_iter()
            .map(|(role, fit, office)| {
                let lapsed_membership = fit == Fit::Unknown
                    && written.kind == Kind::Speaker
                    && office.as_ref().is_some_and(|o| o.kind != Kind::Speaker)
                    && !role.held_on(date);
                (
                    role,
                    if lapsed_membership {
                        Fit::Different
                    } else {
                        fit
                    },
                    office,
                )
            })
            .collect();
        let possible: Vec<&Role> = fits
            .iter()
            .filter(|(_, fit, _)| *fit != Fit::Different)
            .map(|(role, _, _)| *role)
            .collect();
        if possible.is_empty() {
            // A bare surname under a title that its best-known bearer never held is far
            // more often another person of that name ("Foreign Minister, Ibrahim al-
            // Jaafari" is not Anwar Ibrahim), so only a fuller name earns the finding.
            if word_strs(&cx.text[mention.span.clone()]).count() < 2 {
                continue;
            }
            if let Some(d) = mismatch(
                cx,
                id,
                entity,
                title,
                title_span.clone(),
                &written,
                scope_from_entity,
            ) {
                diagnostics.push(d);
            }
            continue;
        }
        if !cx.story_date_known {
            continue;
        }
        let held_now: Vec<&Role> = entity
            .roles_on(date)
            .into_iter()
            .filter(|r| !listing_superseded(cx.kb, entity, r))
            .collect();
        if possible
            .iter()
            .any(|r| held_now.iter().any(|h| std::ptr::eq(*h, *r)))
        {
            continue;
        }
        let same: Vec<(&Role, &Office)> = fits
            .iter()
            .filter(|(_, fit, _)| *fit == Fit::Same)
            .filter_map(|(role, _, office)| office.as_ref().map(|o| (*role, o)))
            .collect();
        if same.is_empty() {
            continue;
        }
        let ended: Vec<&(&Role, &Office)> = same
            .iter()
            .filter(|(r, _)| r.end_date().is_some_and(|e| e.latest() < date.earliest()))
            .collect();
        let not_yet = same
            .iter()
            .all(|(r, _)| r.start_date().is_some_and(|s| s.earliest() > date.latest()));
        let (role, office) = if let Some(last) = ended
            .iter()
            .max_by_key(|(r, _)| r.end_date().map(|d| d.latest()))
        {
            (last.0, last.1)
        } else if not_yet {
            let first = same
                .iter()
                .min_by_key(|(r, _)| r.start_date().map(|d| d.earliest()))
                .expect("not empty");
            (first.0, first.1)
        } else {
            continue;
        };
        // "No longer" is a claim about the date: it needs someone else in the office
        // then, or the person's record known to the date. Without either, the finding
        // says what the record holds, which may miss a return to the office.
        let wanted = Wanted::Role(office);
        let others = holdings(cx.kb, &wanted, id);
        let successor = holder_on(&others, date);
        let record_to_date = known_to(entity).is_some_and(|k| k >= date.earliest());
        let mut message = if not_yet && ended.is_empty() {
            format!(
                "On {date}, {} was not yet {}{}",
                entity.name,
                role.title,
                dates(role)
            )
        } else if successor.is_some() || record_to_date {
            format!(
                "On {date}, {} was no longer {}{}",
                entity.name,
                role.title,
                dates(role)
            )
        } else {
            format!(
                "The knowledge base records {} as {}{} and not on {date}",
                entity.name,
                role.title,
                dates(role)
            )
        };
        if let Some(holder) = successor {
            message.push_str(&format!("; {} held it then", cx.kb.entity(holder.id).name));
        } else if let Some(held) = evidenced_roles(entity, date).first() {
            message.push_str(&format!("; on that date: {}", held.title));
        }
        diagnostics.push(Diagnostic {
            code: Code::OutdatedTitle,
            severity: Severity::Information,
            message,
            span: title_span,
            suggestions: Vec::new(),
            entity: Some(id),
        });
    }
    diagnostics
}

/// A `title-mismatch` finding for a title no role of the person fits, if the KB says
/// enough to be sure (see the module comment).
fn mismatch(
    cx: &CheckContext,
    id: EntityId,
    entity: &Entity,
    title: &str,
    span: std::ops::Range<usize>,
    written: &Office,
    scope_from_entity: bool,
) -> Option<Diagnostic> {
    let date = cx.story_date;
    let current = evidenced_roles(entity, date).into_iter().next();
    let complete = current.is_some() && known_to(entity).is_some_and(|k| k >= date.earliest());
    let holder = if written.kind.single_holder() && written.qualifier.is_none() {
        let mut wanted = written.clone();
        let own_country = (!entity.country.is_empty()).then(|| entity.country.clone());
        if wanted.scope.country.is_none()
            && (wanted.kind.national() && wanted.scope.body.is_empty() || !scope_from_entity)
        {
            wanted.scope.country = own_country;
        }
        let scoped = wanted.scope.country.is_some()
            || (scope_from_entity && !wanted.scope.body.is_empty())
            || !wanted.scope.place.is_empty();
        let others = if scoped {
            holdings(cx.kb, &Wanted::Written(&wanted), id)
        } else {
            Vec::new()
        };
        // Someone else held the office on the date. That the person never held it,
        // rather than held it before, needs more: the person was in another office on
        // the date by dated evidence, or (for a country's office, which the imported
        // cabinet records list in full) others held it all along since the person's
        // record was last known. A body's office ("UN Secretary-General") is missing
        // from national records, so only the first will do for it.
        let since = known_to(entity).unwrap_or(0).min(date.earliest());
        let elsewhere = current.is_some()
            || (written.kind.national() && covered(&others, since, date.latest()));
        holder_on(&others, date)
            .filter(|_| elsewhere)
            .map(|h| (h.id, h.role))
    } else {
        None
    };
    if !complete && holder.is_none() {
        return None;
    }
    let (mut message, suggestions) = match current {
        Some(role) => (
            format!(
                "'{title}' does not fit {}, who is {} on {date}",
                entity.name, role.title
            ),
            vec![role.title.clone()],
        ),
        None => {
            let mut message = format!(
                "'{title}' fits no role the knowledge base records for {}",
                entity.name
            );
            if let Some(role) = last_recorded(entity) {
                message.push_str(&format!(" (last recorded: {}", role.title));
                let span = dates(role);
                let span = span.trim().trim_start_matches('(').trim_end_matches(')');
                if !span.is_empty() {
                    message.push_str(&format!(", {span}"));
                }
                let as_of = entity.role_as_of(role);
                if !as_of.is_empty() {
                    message.push_str(&format!(", as of {as_of}"));
                }
                message.push(')');
            }
            (message, Vec::new())
        }
    };
    if let Some((other, role)) = holder {
        message.push_str(&format!(
            "; {} was {} then",
            cx.kb.entity(other).name,
            role.title
        ));
    }
    Some(Diagnostic {
        code: Code::TitleMismatch,
        severity: Severity::Warning,
        message,
        span,
        suggestions,
        entity: Some(id),
    })
}

#[cfg(test)]
mod tests {
    use super::super::offices::{office_of, same_office, Fit, Kind};

    #[test]
    fn office_words_normalise_spelling_and_premier() {
        assert_eq!(
            office_of("Defense Minister").map(|o| o.kind),
            Some(Kind::Defence)
        );
        assert_eq!(
            office_of("Premier").map(|o| o.kind),
            Some(Kind::PrimeMinister)
        );
        assert!(office_of("Major General").is_none());
    }

    #[test]
    fn a_minister_in_the_foreign_office_is_not_the_foreign_minister() {
        for title in [
            "Foreign Office Minister",
            "FCO Minister",
            "Defence Ministry spokesman",
        ] {
            assert!(
                office_of(title).is_none_or(|o| !o.kind.checked()),
                "{title}"
            );
        }
    }

    #[test]
    fn foreign_minister_fits_minister_of_foreign_affairs() {
        let role = office_of("Minister of Foreign Affairs").unwrap();
        assert_eq!(
            same_office(&office_of("Foreign Minister").unwrap(), &role),
            Fit::Same
        );
        assert_eq!(
            same_office(&office_of("Defence Minister").unwrap(), &role),
            Fit::Different
        );
    }

    use crate::analysis::analyze;
    use crate::testing::entities::{person, role, Entity, SHOIGU};
    use crate::testing::{dated, findings, findings_on, kb};
    use byline_kb::Kb;

    /// Shoigu's successor as Russia's Minister of Defence, his record known to mid-2025
    /// so that the role with no end is evidence of who held the office then.
    const BELOUSOV: Entity = person("belousov", "Andrei Belousov", "minister", "RU")
        .roles(&[role("Minister of Defence", "2024-05-14", "")])
        .as_of("2025-07-01");

    /// Shoigu with his record known to mid-2025: a title none of his roles fits, or one
    /// he left, is then a claim the KB can back.
    const SHOIGU_KNOWN: Entity = SHOIGU.as_of("2025-07-01");

    const IBRAHIM: Entity = person("anwar-ibrahim", "Anwar Ibrahim", "head-of-government", "MY")
        .roles(&[role("Prime Minister", "2022-11-24", "")])
        .as_of("2025-07-01");

    /// The title findings of `text` dated `date`, each as "code: title → suggestions".
    fn title_findings(date: &str, text: &str, kb: &Kb) -> Vec<String> {
        analyze(text, kb, &dated(date))
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}: {} → {}",
                    d.code.as_str(),
                    &text[d.span.clone()],
                    d.suggestions.join(", ")
                )
            })
            .collect()
    }

    fn messages(date: &str, text: &str, kb: &Kb) -> Vec<String> {
        analyze(text, kb, &dated(date))
            .diagnostics
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_title_no_role_of_the_person_fits_is_a_mismatch_offering_the_role_held() {
        let kb = kb(&[SHOIGU_KNOWN]);
        assert_eq!(
            title_findings("2020-01-01", "Foreign Minister Sergei Shoigu spoke.", &kb),
            ["title-mismatch: Foreign Minister → Minister of Defence"]
        );
        assert_eq!(
            messages("2020-01-01", "Foreign Minister Sergei Shoigu spoke.", &kb),
            ["'Foreign Minister' does not fit Sergei Shoigu, who is Minister of Defence on 2020-01-01"]
        );
    }

    #[test]
    fn a_title_no_role_fits_is_no_finding_when_the_record_is_not_known_to_the_date() {
        // Issue 22: the KB may lack the role; an absence is no evidence.
        let kb = kb(&[SHOIGU]);
        assert!(findings_on("2020-01-01", "Foreign Minister Sergei Shoigu spoke.", &kb).is_empty());
    }

    #[test]
    fn a_title_on_a_date_no_recorded_role_covers_is_no_mismatch() {
        // Shoigu was a minister in 2010, of an office the test KB does not hold.
        let kb = kb(&[SHOIGU_KNOWN]);
        assert!(findings_on("2010-01-01", "Foreign Minister Sergei Shoigu spoke.", &kb).is_empty());
    }

    #[test]
    fn a_title_held_on_the_story_date_is_not_a_finding() {
        let kb = kb(&[SHOIGU, BELOUSOV]);
        assert!(findings_on("2020-01-01", "Defence Minister Sergei Shoigu spoke.", &kb).is_empty());
        assert!(
            findings_on("2025-06-01", "Defence Minister Andrei Belousov spoke.", &kb).is_empty()
        );
    }

    #[test]
    fn a_title_given_up_before_the_story_date_is_outdated_and_names_who_held_it() {
        let kb = kb(&[SHOIGU, BELOUSOV]);
        let text = "Defence Minister Sergei Shoigu spoke.";
        assert_eq!(
            findings_on("2025-06-01", text, &kb),
            ["outdated-title: Defence Minister"]
        );
        assert_eq!(
            messages("2025-06-01", text, &kb),
            ["On 2025-06-01, Sergei Shoigu was no longer Minister of Defence (2012-11-06 – 2024-05-12); Andrei Belousov held it then"]
        );
    }

    #[test]
    fn an_outdated_title_with_no_known_successor_names_the_role_held_then() {
        let kb = kb(&[SHOIGU_KNOWN]);
        assert_eq!(
            messages("2025-06-01", "Defence Minister Sergei Shoigu spoke.", &kb),
            ["On 2025-06-01, Sergei Shoigu was no longer Minister of Defence (2012-11-06 – 2024-05-12); on that date: Secretary of the Security Council"]
        );
    }

    #[test]
    fn an_outdated_title_without_successor_or_record_to_the_date_says_what_is_recorded() {
        // No "no longer" on an absence of evidence (issue 22): he may have returned.
        let kb = kb(&[SHOIGU]);
        assert_eq!(
            messages("2025-06-01", "Defence Minister Sergei Shoigu spoke.", &kb),
            ["The knowledge base records Sergei Shoigu as Minister of Defence (2012-11-06 – 2024-05-12) and not on 2025-06-01"]
        );
    }

    #[test]
    fn a_successor_is_looked_for_in_the_same_country_only() {
        let kb = kb(&[
            SHOIGU,
            person("umerov", "Rustem Umerov", "minister", "UA").roles(&[role(
                "Minister of Defence",
                "2023-09-06",
                "",
            )]),
        ]);
        let found = messages("2025-06-01", "Defence Minister Sergei Shoigu spoke.", &kb);
        assert!(!found[0].contains("Umerov"), "{found:?}");
    }

    #[test]
    fn a_title_not_yet_held_is_outdated_too() {
        let kb = kb(&[SHOIGU, BELOUSOV]);
        assert_eq!(
            messages("2020-01-01", "Defence Minister Andrei Belousov spoke.", &kb),
            ["On 2020-01-01, Andrei Belousov was not yet Minister of Defence (since 2024-05-14); Sergei Shoigu held it then"]
        );
    }

    #[test]
    fn an_outdated_title_needs_a_known_story_date() {
        let kb = kb(&[SHOIGU, BELOUSOV]);
        let text = "Defence Minister Sergei Shoigu spoke.";
        assert_eq!(
            findings_on("2025-06-01", text, &kb),
            ["outdated-title: Defence Minister"]
        );
        assert!(findings(text, &kb).is_empty());
    }

    #[test]
    fn a_bare_surname_under_a_title_its_bearer_never_held_is_someone_else() {
        let kb = kb(&[IBRAHIM]);
        assert!(findings_on("2024-01-01", "Foreign Minister Ibrahim spoke.", &kb).is_empty());
        assert_eq!(
            findings_on("2024-01-01", "Foreign Minister Anwar Ibrahim spoke.", &kb),
            ["title-mismatch: Foreign Minister"]
        );
    }

    #[test]
    fn a_person_the_kb_knows_no_roles_of_is_never_flagged() {
        let kb = kb(&[person("example", "Anna Example", "politician", "RU")]);
        assert!(findings_on("2024-01-01", "President Anna Example spoke.", &kb).is_empty());
    }

    #[test]
    fn a_rank_is_not_an_office() {
        let kb = kb(&[SHOIGU]);
        assert!(findings_on("2020-01-01", "General Sergei Shoigu spoke.", &kb).is_empty());
    }

    #[test]
    fn defense_and_premier_are_read_as_defence_and_prime_minister() {
        let kb = kb(&[BELOUSOV, IBRAHIM]);
        assert!(
            findings_on("2025-06-01", "Defense Minister Andrei Belousov spoke.", &kb).is_empty()
        );
        assert!(findings_on("2025-06-01", "Premier Anwar Ibrahim spoke.", &kb).is_empty());
    }

    #[test]
    fn a_minister_in_a_department_is_not_that_departments_minister() {
        let kb = kb(&[SHOIGU]);
        assert!(findings_on(
            "2020-01-01",
            "Foreign Office Minister Sergei Shoigu spoke.",
            &kb
        )
        .is_empty());
    }

    #[test]
    fn president_does_not_fit_a_vice_president() {
        let kb = kb(&[person("harris", "Kamala Harris", "politician", "US")
            .roles(&[role(
                "Vice President of the United States",
                "2021-01-20",
                "2025-01-20",
            )])
            .as_of("2024-12-01")]);
        assert_eq!(
            findings_on("2022-06-01", "President Kamala Harris spoke.", &kb),
            ["title-mismatch: President"]
        );
    }
}
