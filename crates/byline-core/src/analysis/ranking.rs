//! Ranking a name's KB candidates by what the story says.
//!
//! A written name often fits several KB entities: the exact name of one, an alias of
//! another, another romanisation of a third ("Odessa" is a town in Texas by name and
//! Odesa, Ukraine, by its older romanisation). The written form is one piece of evidence
//! among several — the story's countries and demonyms, a title before the name, the
//! organisations named beside it, and the entity's prominence — and the candidate with
//! the most evidence wins. Every weight is in [`weights`], with the reason for its size.

use rustc_hash::FxHashSet as HashSet;

use super::linking::title_fits;
use super::romanisation::is_romanisation;
use byline_kb::index::FormKind;
use byline_kb::{Category, EntityId, Kb};

/// The weights of the evidence for a candidate, in one place. A candidate's score is
/// the sum of the weights of the evidence it has; the highest score wins, and the KB's
/// order breaks ties.
pub mod weights {
    /// Times the KB's prominence prior (0 to 1: population for a place, office for a
    /// person, set by the importer or the curator). The unit the others are measured in:
    /// a million-people city has 0.6, a town of 100,000 0.3.
    pub const PROMINENCE: f32 = 1.0;
    /// The candidate belongs to a country the story names (a country, a place in it, a
    /// demonym: "Russian drones struck the Ukrainian port"). Outweighs any difference
    /// of prominence, since a story rarely names a country another place is in by
    /// chance.
    pub const STORY_COUNTRY: f32 = 1.0;
    /// A title written before the name fits the candidate's type ("General" and a
    /// military officer): as strong as the story's country.
    pub const TITLE_FITS: f32 = 1.0;
    /// An organisation one of the candidate's roles is held at is named in the story
    /// ("Apple … Cook"): strong, but a role can be old, so less than a title.
    pub const CO_MENTIONED: f32 = 0.5;
    /// Each dated role the KB records for the candidate: more roles, more often in the
    /// news. Small, so it only breaks near ties …
    pub const PER_ROLE: f32 = 0.02;
    /// … and capped, so a long career never outweighs the story's country or a title.
    pub const ROLES_CAP: f32 = 0.1;
    /// The candidate is named as written (its KB name or one of its aliases), not
    /// reached through another romanisation of the written form. Less than the gap
    /// between a town and a city, and far less than the story's country: the exact
    /// name is evidence, not the verdict.
    pub const WRITTEN_FORM: f32 = 0.2;
}

/// What the story says that bears on which entity a name is.
pub struct Evidence<'a> {
    /// ISO codes of the countries the story names (countries, places, demonyms).
    pub countries: &'a HashSet<String>,
    /// Folded names of the story's mentions, for organisations named beside a person.
    pub names: &'a HashSet<String>,
    /// The folded words of a title written before the name.
    pub titles: &'a [&'a str],
}

/// The score of candidate `id`; `as_written` when the written form is its name or
/// alias.
pub fn score(kb: &Kb, id: EntityId, evidence: &Evidence, as_written: bool) -> f32 {
    use weights::*;
    let entity = kb.entity(id);
    let mut score = PROMINENCE * entity.prominence();
    if evidence.countries.contains(&entity.country) {
        score += STORY_COUNTRY;
    }
    if title_fits(evidence.titles, &entity.entity_type) {
        score += TITLE_FITS;
    }
    if !evidence.names.is_empty()
        && entity.roles.iter().any(|role| {
            !role.organization.is_empty()
                && evidence
                    .names
                    .contains(&byline_kb::normalize::fold(&role.organization))
        })
    {
        score += CO_MENTIONED;
    }
    score += (PER_ROLE * entity.roles.len() as f32).min(ROLES_CAP);
    if as_written {
        score += WRITTEN_FORM;
    }
    score
}

/// The best of `candidates` (all named as written) and `other_forms` (reached through
/// another romanisation); the two together must not be empty. `candidates` may be:
/// the rules of `linking` set aside a lone town of a country the story does not name,
/// and another romanisation may still be the story's place.
pub fn best(
    kb: &Kb,
    candidates: &[EntityId],
    other_forms: &[EntityId],
    evidence: &Evidence,
) -> EntityId {
    let mut best = candidates
        .first()
        .or(other_forms.first())
        .copied()
        .expect("ranking::best needs at least one candidate or other form");
    if candidates.len() + other_forms.len() == 1 {
        return best; // nothing to weigh
    }
    let mut best_score = f32::MIN;
    let all = candidates
        .iter()
        .map(|id| (*id, true))
        .chain(other_forms.iter().map(|id| (*id, false)));
    for (id, as_written) in all {
        let s = score(kb, id, evidence, as_written);
        if s > best_score {
            best = id;
            best_score = s;
        }
    }
    best
}

/// Places in the story's countries that a one-word place name written as `folded` is
/// another romanisation of ("odessa" → Odesa, Ukraine: Russian Одесса, Ukrainian
/// Одеса), for a name none of whose candidates is in those countries. Looked up only
/// then, so most names cost nothing. Another romanisation is the script's alternations
/// (`romanisation::is_romanisation`) or a letter written once or twice; any other edit
/// ("Parys" for Paris) is another name.
pub fn places_by_other_romanisation(
    kb: &Kb,
    folded: &str,
    candidates: &[EntityId],
    countries: &HashSet<String>,
) -> Vec<EntityId> {
    let in_story = |id: &EntityId| countries.contains(&kb.entity(*id).country);
    if countries.is_empty() || candidates.iter().any(in_story) {
        return Vec::new();
    }
    let mut found: Vec<EntityId> = kb
        .name_words_one_edit_from(folded)
        .iter()
        .flat_map(|word| kb.names_get(word))
        .filter(|target| target.form == FormKind::Full)
        .map(|target| target.entity)
        .filter(|id| {
            let entity = kb.entity(*id);
            entity.category() == Category::Location && in_story(id) && {
                let name = byline_kb::normalize::fold(&entity.name);
                is_romanisation(folded, &name, &entity.country)
                    || without_doubled_letters(folded) == without_doubled_letters(&name)
            }
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// `word` with every run of one letter written once ("odessa" → "odesa").
fn without_doubled_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::place;
    use crate::testing::kb;

    #[test]
    fn a_place_in_the_storys_country_is_found_through_another_romanisation() {
        let kb = kb(&[
            place("odessa-tx", "Odessa", "city", "US"),
            place("odesa", "Odesa", "city", "UA").prominence(0.6),
        ]);
        let texas = kb.find_id("odessa-tx").unwrap();
        let ukraine: HashSet<String> = ["UA".to_string()].into_iter().collect();
        let found = places_by_other_romanisation(&kb, "odessa", &[texas], &ukraine);
        assert_eq!(found, [kb.find_id("odesa").unwrap()]);
        let names = HashSet::default();
        let evidence = Evidence {
            countries: &ukraine,
            names: &names,
            titles: &[],
        };
        assert_eq!(best(&kb, &[texas], &found, &evidence), found[0]);
        // A story naming no country of theirs looks no further.
        assert!(
            places_by_other_romanisation(&kb, "odessa", &[texas], &HashSet::default()).is_empty()
        );
    }

    #[test]
    fn another_name_one_letter_away_is_not_another_romanisation() {
        let kb = kb(&[
            place("paris", "Paris", "capital", "FR"),
            place("parys", "Parys", "city", "UA"),
        ]);
        let paris = kb.find_id("paris").unwrap();
        let ukraine: HashSet<String> = ["UA".to_string()].into_iter().collect();
        assert!(places_by_other_romanisation(&kb, "paris", &[paris], &ukraine).is_empty());
    }
}
