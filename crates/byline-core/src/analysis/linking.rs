//! Linking mentions to KB entities and to each other: choosing among candidates by the
//! story's context, and joining later short forms ("Bagheri", "Gerasimovis") to the
//! first full mention.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::entity_memo::per_entity;
use super::mentions::{type_lone_word, MentionOrigin, RawMention};
use super::romanisation::Script;
use super::story_countries::StoryCountries;
use super::tokens::Token;
use super::{cues, periphrases, ranking, romanised_places};
use super::{Cluster, Diagnostic, Mention};
use byline_kb::index::{name_tokens, surnames_of, NamePart};
use byline_kb::lexicon::is_common_folded_word;
use byline_kb::{Category, EntityId, Kb};

/// Mentions and clusters, with the weak flag of each mention still attached.
pub struct Linked {
    pub mentions: Vec<Mention>,
    pub clusters: Vec<Cluster>,
    pub weak: Vec<bool>,
}

/// What the story says around its names: the countries it is about and the names in
/// it.
struct StoryContext {
    /// The countries the story names, with how many entities name each: a country only
    /// the name being linked gives is no evidence for it (however often it is written).
    countries: StoryCountries,
    /// Every mention's words, folded and joined by spaces ("apple", "satya nadella").
    names: HashSet<String>,
    /// Whether one of `countries` writes its names in another script than Latin.
    has_other_script: bool,
}

impl StoryContext {
    fn of(raw: &[RawMention], tokens: &[Token], kb: &Kb) -> StoryContext {
        let mut countries = StoryCountries::default();
        let mut voted: HashSet<EntityId> = HashSet::default();
        let names = raw.iter().map(|m| folded_words(tokens, m)).collect();
        for mention in raw {
            if let [only] = mention.candidates.as_slice() {
                let entity = kb.entity(*only);
                // A town named by one word says nothing of the story's countries until
                // they say it is the town (`needs_the_storys_country`).
                let lone_town = needs_the_storys_country(kb, *only, mention, tokens);
                if !lone_town
                    && matches!(entity.category(), Category::Location | Category::Other)
                    && voted.insert(*only)
                {
                    countries.add(&entity.country); // (an empty country is not added)
                }
            }
        }
        let has_other_script = countries
            .all()
            .iter()
            .any(|country| Script::of(country) != Script::Latin);
        StoryContext {
            countries,
            names,
            has_other_script,
        }
    }
}

impl StoryContext {
    /// The story's countries apart from what `mention` itself says: a country only its
    /// own single candidate names is left out.
    fn countries_elsewhere(&self, kb: &Kb, mention: &RawMention) -> Cow<'_, HashSet<String>> {
        match mention.candidates.as_slice() {
            [only] => self.countries.without_sole(&kb.entity(*only).country),
            _ => Cow::Borrowed(self.countries.all()),
        }
    }
}

/// How well a title written before a name fits an entity's type.
pub fn title_fits(title_words: &[&str], entity_type: &str) -> bool {
    title_words
        .iter()
        .any(|word| entity_types_of_office(word).contains(&entity_type))
}

/// The entity types a title word names: none for a courtesy title ("Mr", "Dr") or a
/// word of a title that names no office alone ("foreign").
fn entity_types_of_office(word: &str) -> &'static [&'static str] {
    match word {
        "general" | "gen" | "admiral" | "adm" | "colonel" | "col" | "major" | "maj"
        | "lieutenant" | "lt" | "marshal" | "brigadier" | "brig" | "commander" | "captain"
        | "sardar" => &["military-officer"],
        "president" => &["head-of-state", "head-of-government"],
        "prime" | "premier" | "chancellor" => &["head-of-government", "head-of-state"],
        "minister" | "secretary" => &["minister", "head-of-government", "official"],
        "senator" | "sen" | "representative" | "rep" => &["legislator"],
        "ambassador" | "envoy" => &["diplomat"],
        "mayor" | "governor" => &["official", "politician"],
        _ => &[],
    }
}

/// Whether the title names an office and none that the entity's type holds: "Lt.
/// Gen. Townsend" is no politician Townsend.
fn title_names_another_office(title_words: &[&str], entity_type: &str) -> bool {
    title_words
        .iter()
        .any(|word| !entity_types_of_office(word).is_empty())
        && !title_fits(title_words, entity_type)
}

fn title_words<'a>(mention: &RawMention, tokens: &'a [Token]) -> Vec<&'a str> {
    mention
        .title
        .clone()
        .map(|t| tokens[t].iter().map(|t| t.folded.as_str()).collect())
        .unwrap_or_default()
}

/// The best of `candidates` by the story's evidence (`ranking`).
fn best(kb: &Kb, candidates: &[EntityId], context: &StoryContext, titles: &[&str]) -> EntityId {
    best_of(
        kb,
        candidates,
        &[],
        context.countries.all(),
        context,
        titles,
    )
}

/// The best of `candidates`, named as written, and `other_forms`, reached through
/// another romanisation of the written name, in a story naming `countries`.
fn best_of(
    kb: &Kb,
    candidates: &[EntityId],
    other_forms: &[EntityId],
    countries: &HashSet<String>,
    context: &StoryContext,
    titles: &[&str],
) -> EntityId {
    let evidence = ranking::Evidence {
        countries,
        names: &context.names,
        titles,
    };
    ranking::best(kb, candidates, other_forms, &evidence)
}

/// Whether a surname written alone, with no full mention in the story, may be taken
/// for `id`: a title must point to the person, or, when the word is no common English
/// word ("Close", "King", "Justice"), the story's countries or the person's
/// prominence. Otherwise any capitalised word that is somebody's surname in a KB of
/// tens of thousands of office-holders would link ("a Rewards for Justice offer" in a
/// story about the United States linked Senator Jim Justice).
fn surname_alone_fits(
    kb: &Kb,
    id: EntityId,
    context: &StoryContext,
    titles: &[&str],
    surface: &str,
) -> bool {
    let entity = kb.entity(id);
    if title_names_another_office(titles, &entity.entity_type) {
        return false;
    }
    title_fits(titles, &entity.entity_type)
        || (!is_common_folded_word(surface)
            && (context.countries.all().contains(&entity.country)
                || entity.prominence() >= PROMINENT))
}

/// Whether a KB surname written alone may be an ordinary word capitalised ("Close",
/// "Law", "Rice", "December", "The"), and so is no name without a title or a KB person it fits. Any
/// other unresolved surname ("said Russell") is still a name, one the KB cannot tell
/// apart, and is typed as an unknown word in its place would be: dropping it would
/// lose a name that an unknown word would keep. Three-letter words are not in the
/// lexicon, so every one of them counts as a possible word, unless written in
/// capitals as an acronym is ("407th AEG", not Raivo Aeg).
fn could_be_a_word(folded: &str, first: &Token) -> bool {
    (folded.chars().count() <= 3 && !first.all_caps)
        || is_common_folded_word(folded)
        || cues::is_not_name(folded)
}

/// Prominence from which a surname alone names the person (heads of state and
/// government, the curated people).
const PROMINENT: f32 = 0.9;

/// The words of a mention, folded and joined by spaces.
fn folded_words(tokens: &[Token], mention: &RawMention) -> String {
    mention
        .tokens
        .clone()
        .map(|t| tokens[t].folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prominence below which a KB city is a town (the town files give 0.2; a city of
/// 100,000 or more has a city's 0.3).
const TOWN: f32 = 0.3;

/// A town: thousands of them share a name with a town of another country, a surname or
/// a word of another name ("Barra", "Madaya" of Myanmar, "Kettering University"). A
/// province with a town's prominence counts as one: the Factbook's divisions outside
/// the countries whose states news names alone ("Durango" beside Chrysler's models).
fn is_town(entity: &byline_kb::Entity) -> bool {
    entity.category() == Category::Location
        && matches!(entity.entity_type.as_str(), "city" | "province")
        && entity.prominence() < TOWN
}

/// Whether the KB name written by `mention` may be `id` only in a story about the
/// entity's country: a political party (parties are national: "ABC" is a broadcaster
/// before it is Lesotho's All Basotho Convention, "National Coalition" in "Syrian
/// National Coalition" is not Mongolia's), and a town written as one word (the Madaya
/// of a story about Syria is not the Madaya of Myanmar; "Kettering University" in
/// Michigan is not the English town). A longer town name ("St. Thomas") is enough.
/// So is a one-word city of under a million people whose name is a KB person's surname:
/// a lone "Kennedy" in a story about Washington is a person, not the Bogotá locality.
fn needs_the_storys_country(kb: &Kb, id: EntityId, mention: &RawMention, tokens: &[Token]) -> bool {
    let entity = kb.entity(id);
    let one_word = mention.tokens.len() == 1;
    entity.entity_type == "party"
        || (one_word && is_town(entity))
        || (one_word
            && entity.entity_type == "city"
            && entity.prominence() < BIG_CITY
            && kb
                .token_postings(&tokens[mention.tokens.start].folded)
                .iter()
                .any(|p| p.part == NamePart::Surname))
}

/// Prominence of a city of a million people or more (the importer's 0.6; capitals 0.8).
const BIG_CITY: f32 = 0.6;

/// Places named after the town they are at ("Tabqa Dam"), beside the place words of
/// `cues::LOCATION_WORDS`: the town's name there is still the town's.
const TOWN_FEATURES: &[&str] = &[
    "dam", "bridge", "mountain", "hills", "crossing", "highway", "road", "pass", "plain", "plains",
    "oilfield", "refinery", "airbase",
];

/// A one-word town that is a word of a longer name: right after a capitalised word the
/// KB knows as a given name ("Darren Winder", "Mary Barra": a person), or right before
/// a capitalised word that is no place word ("Kettering University", "Greenwich Mean
/// Time", "Hinsdale Associates"; "Sinjar Mountains" and "Tabqa Dam" stay the town's),
/// with only a space between.
fn town_in_a_longer_name(
    kb: &Kb,
    tokens: &[Token],
    text: &str,
    mention: &RawMention,
    id: EntityId,
) -> bool {
    if mention.tokens.len() != 1 || !is_town(kb.entity(id)) {
        return false;
    }
    let at = mention.tokens.start;
    let joined = |a: &Token, b: &Token| {
        a.block == b.block
            && a.capitalized
            && b.capitalized
            && !b.sentence_start
            && text[a.span.end..b.span.start].chars().all(|c| c == ' ')
    };
    let after_given_name = at > 0 && {
        let previous = &tokens[at - 1];
        joined(previous, &tokens[at])
            && kb
                .token_postings(&previous.folded)
                .iter()
                .any(|p| p.part == NamePart::Given)
    };
    let before_a_name_word = tokens.get(at + 1).is_some_and(|next| {
        joined(&tokens[at], next)
            && !next.all_caps
            && !super::cues::is_location_word(&next.folded)
            && !TOWN_FEATURES.contains(&next.folded.as_str())
    });
    after_given_name || before_a_name_word
}

/// A person the KB knows only for a post at an organisation (type `person`: the key
/// people of the index companies) is no public figure: their surname alone is theirs
/// only in a story that names an organisation of theirs ("May" is not John C. May of
/// John Deere, "Gamble" in "Procter & Gamble" not Sean Gamble of Cinemark).
fn organisation_named(kb: &Kb, id: EntityId, named_in_full: &HashMap<EntityId, usize>) -> bool {
    let entity = kb.entity(id);
    entity.entity_type != "person"
        || entity.roles.iter().any(|role| {
            !role.organization.is_empty()
                && named_in_full
                    .keys()
                    .any(|&named| kb.entity(named).name == role.organization)
        })
}

/// The last word of a written name, folded: what a later short form repeats.
fn last_word(tokens: &[Token], mention: &RawMention) -> String {
    tokens[mention.tokens.end - 1].folded.clone()
}

/// The persons named in full in the story, first named first, with the script of their
/// names and the romanisation keys of their surnames (`romanisation::Script::key`):
/// what a lone unknown word is compared with. A person from a Latin-script country has
/// no keys — a lone word spelt otherwise than their surname is a slip, not them. Keys
/// are made once per story, not once per word, and the order makes the choice between
/// two persons with one surname the same on every run.
fn surname_keys(
    kb: &Kb,
    named_in_full: &HashMap<EntityId, usize>,
) -> Vec<(EntityId, Script, Vec<String>)> {
    let mut persons: Vec<(EntityId, usize)> = named_in_full
        .iter()
        .filter(|(id, _)| kb.entity(**id).category() == Category::Person)
        .map(|(id, first)| (*id, *first))
        .collect();
    persons.sort_by_key(|(_, first)| *first);
    persons
        .into_iter()
        .map(|(id, _)| {
            let entity = kb.entity(id);
            let script = Script::of(&entity.country);
            let keys = entity
                .surface_forms()
                .flat_map(surnames_of)
                .filter_map(|s| script.key(&name_tokens(&s).join(" ")))
                .collect();
            (id, script, keys)
        })
        .collect()
}

/// The keys, in the script of the person's country, of every surname of every name of
/// a person (`Script::key`), derived once per KB: a common given name in a story about
/// a country of another script asks for them for each of its many KB bearers at every
/// keystroke.
struct SurnameScriptKeys(Vec<Option<String>>);

fn surname_script_keys(kb: &Kb, id: EntityId) -> Arc<SurnameScriptKeys> {
    per_entity(kb, id, |entity| {
        let script = Script::of(&entity.country);
        SurnameScriptKeys(
            entity
                .surface_forms()
                .flat_map(surnames_of)
                .map(|surname| script.key(&name_tokens(&surname).join(" ")))
                .collect(),
        )
    })
}

/// A person named in full in a romanisation the KB does not list ("Ibrahim
/// Al-Ja'afari" for Ibrahim al-Jaafari): the given name as the KB writes it, and the
/// surname another romanisation of theirs in the script of their country. None for a
/// Latin-script name, where another spelling is a slip, and none unless the story is
/// about the person's country: a given name and a coarse key are weak evidence, and so
/// is a title ("Press Secretary Peter Cook" is not Sudan's minister Peter Niyot Kok).
fn person_by_romanised_name(
    kb: &Kb,
    tokens: &[Token],
    mention: &RawMention,
    context: &StoryContext,
) -> Option<EntityId> {
    // Only a story about a country of another script can hold such a name: most
    // stories end here, before the given name's (long) list of persons is read.
    if !context.has_other_script {
        return None;
    }
    let given = tokens[mention.tokens.start].folded.as_str();
    let surname = last_word(tokens, mention);
    let written_keys = [Script::Arabic, Script::Other].map(|script| script.key(&surname));
    let mut fitting: Vec<EntityId> = kb
        .token_postings(given)
        .iter()
        .filter(|p| p.part == NamePart::Given)
        .map(|p| p.entity)
        .filter(|&id| {
            // The country test first: a common given name has thousands of KB persons.
            let entity = kb.entity(id);
            if !context.countries.all().contains(&entity.country) {
                return false;
            }
            let script = Script::of(&entity.country);
            let written = match script {
                Script::Arabic => &written_keys[0],
                Script::Other => &written_keys[1],
                Script::Latin => return false,
            };
            surname_script_keys(kb, id).0.contains(written)
        })
        .collect();
    fitting.sort_unstable();
    fitting.dedup();
    if fitting.is_empty() {
        return None;
    }
    let titles = title_words(mention, tokens);
    Some(best(kb, &fitting, context, &titles))
}

/// A name the KB does not know that is a place of an Arabic-script country written in
/// another romanisation ("Deir al-Balah" for GeoNames' "Dayr al Balaḩ":
/// `romanised_places`) in a story about that country, the story's best fit when several
/// places share the key. Not after a title ("Sheikh", "Emir" and "General" open
/// persons' names) nor before a verb of saying ("Saad Khalid said"): a person's name
/// may share a town's consonants.
fn place_by_romanised_name(
    kb: &Kb,
    tokens: &[Token],
    text: &str,
    span: &std::ops::Range<usize>,
    mention: &RawMention,
    context: &StoryContext,
) -> Option<EntityId> {
    let countries = context.countries.all();
    let speaks = || {
        tokens
            .get(mention.tokens.end)
            .is_some_and(|next| super::cues::is_reporting_verb(&next.folded))
    };
    if mention.title.is_some()
        || !countries
            .iter()
            .any(|c| romanised_places::writes_consonants(c))
        || speaks()
    {
        return None;
    }
    let first = tokens[mention.tokens.start].folded.as_str();
    let reading = romanised_places::Reading {
        given_name: kb
            .token_postings(first)
            .iter()
            .any(|p| p.part == NamePart::Given)
            .then_some(first),
        named_as_place: place_named_at(tokens, mention.tokens.start),
    };
    let found = romanised_places::places_written(kb, &text[span.clone()], reading, |c| {
        countries.contains(c)
    });
    (!found.is_empty()).then(|| best(kb, &found, context, &[]))
}

/// Whether the words before token `start`, in its sentence, say a place is named there:
/// a place preposition ("in", "near": `cues::is_place_preposition`), a place word ("the
/// port city Hodeidah", `cues::is_location_word`), or "of" after one ("the province of
/// Idlib").
fn place_named_at(tokens: &[Token], start: usize) -> bool {
    use super::cues::{is_location_word, is_place_preposition};
    if start == 0 || tokens[start].sentence_start {
        return false;
    }
    let previous = tokens[start - 1].folded.as_str();
    is_place_preposition(previous)
        || is_location_word(previous)
        || (previous == "of" && start >= 2 && is_location_word(&tokens[start - 2].folded))
}

/// Links raw mentions into mentions and clusters.
/// The persons the story names in full, by the folded words of each surname of theirs,
/// with the first mention naming them (the earliest of several of one surname).
fn persons_by_surname(
    kb: &Kb,
    named_in_full: &HashMap<EntityId, usize>,
) -> HashMap<String, (usize, EntityId)> {
    let mut by_surname: HashMap<String, (usize, EntityId)> = HashMap::default();
    for (&id, &first) in named_in_full {
        let e = kb.entity(id);
        if e.category() != Category::Person {
            continue;
        }
        for surname in e.surface_forms().flat_map(surnames_of) {
            let key = name_tokens(&surname).join(" ");
            let slot = by_surname.entry(key).or_insert((first, id));
            if (first, id) < *slot {
                *slot = (first, id);
            }
        }
    }
    by_surname
}

pub fn link(raw: Vec<RawMention>, tokens: &[Token], text: &str, kb: &Kb) -> Linked {
    let context = StoryContext::of(&raw, tokens, kb);
    // Entities named in full anywhere in the story, for surnames that come first.
    let mut named_in_full: HashMap<EntityId, usize> = HashMap::default();
    let mut resolved: Vec<Option<EntityId>> = vec![None; raw.len()];
    for (index, mention) in raw.iter().enumerate() {
        if matches!(
            mention.origin,
            MentionOrigin::KbName | MentionOrigin::Acronym | MentionOrigin::Banned
        ) && !mention.candidates.is_empty()
        {
            let candidates: Vec<EntityId> = mention
                .candidates
                .iter()
                .copied()
                .filter(|&id| {
                    !town_in_a_longer_name(kb, tokens, text, mention, id)
                        && (!needs_the_storys_country(kb, id, mention, tokens)
                            || context.countries.all().contains(&kb.entity(id).country))
                })
                .collect();
            let titles = title_words(mention, tokens);
            let id = if mention.tokens.len() == 1
                && mention.origin == MentionOrigin::KbName
                && mention.category == Category::Location
            {
                // "Odessa" (Texas) in a story about Ukraine: the story's countries
                // apart from the one this name's own candidate gives it. Sought from
                // every candidate, also those the rules above set aside (a lone town
                // of a country the story does not name is what another romanisation
                // most often replaces).
                let elsewhere = context.countries_elsewhere(kb, mention);
                let other_forms = ranking::places_by_other_romanisation(
                    kb,
                    &tokens[mention.tokens.start].folded,
                    &mention.candidates,
                    &elsewhere,
                );
                if candidates.is_empty() && other_forms.is_empty() {
                    continue;
                }
                best_of(kb, &candidates, &other_forms, &elsewhere, &context, &titles)
            } else if candidates.is_empty() {
                continue;
            } else {
                best(kb, &candidates, &context, &titles)
            };
            resolved[index] = Some(id);
            named_in_full.entry(id).or_insert(index);
        }
    }

    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of_entity: HashMap<EntityId, usize> = HashMap::default();
    // Unknown persons by the folded last word of their name, for later surnames.
    let mut unknown_by_last_word: HashMap<String, usize> = HashMap::default();
    let mut unknown_by_text: HashMap<String, usize> = HashMap::default();
    let mut mentions = Vec::with_capacity(raw.len());
    let mut weak = Vec::with_capacity(raw.len());
    // Built on the first lone unknown word, then shared by every other.
    let mut surnames_in_full: Option<Vec<(EntityId, Script, Vec<String>)>> = None;
    // Built on the first lone word that another entity's alias links, likewise.
    let mut persons_in_full: Option<HashMap<String, (usize, EntityId)>> = None;

    for (index, mention) in raw.iter().enumerate() {
        let span = tokens[mention.tokens.start].span.start..tokens[mention.tokens.end - 1].span.end;
        let surface = folded_words(tokens, mention);
        let mut entity = resolved[index];
        let mut cluster = None;
        let mut unresolved_surname = false;
        // A KB surname no KB person fits and no title types, typed as an unknown name
        // would be.
        let mut typed_as_unknown = None;
        // A lone word that is the surname of a person the story has named in full is
        // that person, whatever else the KB calls by it: "Richard Wagner … Wagner died
        // in Venice" is the composer, not the Wagner Group; "Coach Mark Wagner …
        // Wagner added" a coach the KB does not know. Not a company's name: copy names
        // a company alone as often as a person ("Ambassador Robert Ford … Ford shares
        // rose").
        if mention.tokens.len() == 1
            && mention.origin == MentionOrigin::KbName
            && entity.is_some_and(|id| {
                let e = kb.entity(id);
                e.category() != Category::Person && e.entity_type != "company"
            })
        {
            if let Some(&c) = unknown_by_last_word.get(&surface) {
                entity = None;
                cluster = Some(c);
            } else if let Some(&(_, id)) = persons_in_full
                .get_or_insert_with(|| persons_by_surname(kb, &named_in_full))
                .get(&surface)
                .filter(|(first, _)| *first < index)
            {
                entity = Some(id);
            }
        }
        match mention.origin {
            MentionOrigin::KbSurname => {
                let titles = title_words(mention, tokens);
                let full = mention
                    .candidates
                    .iter()
                    .copied()
                    .filter(|id| named_in_full.contains_key(id))
                    .min_by_key(|id| named_in_full[id]);
                if let Some(id) = full {
                    entity = Some(id);
                } else if let Some(&c) = unknown_by_last_word.get(&surface) {
                    cluster = Some(c);
                } else {
                    let fitting: Vec<EntityId> = mention
                        .candidates
                        .iter()
                        .copied()
                        .filter(|&id| organisation_named(kb, id, &named_in_full))
                        .collect();
                    let id = (!fitting.is_empty()).then(|| best(kb, &fitting, &context, &titles));
                    if let Some(id) =
                        id.filter(|&id| surname_alone_fits(kb, id, &context, &titles, &surface))
                    {
                        entity = Some(id);
                    } else if let Some(typed) = (mention.title.is_none()
                        && !could_be_a_word(&surface, &tokens[mention.tokens.start]))
                    .then(|| type_lone_word(tokens, text, kb, mention.tokens.start))
                    .flatten()
                    {
                        typed_as_unknown = Some(typed);
                    } else {
                        unresolved_surname = true;
                    }
                }
            }
            MentionOrigin::Unknown => {
                if let Some(id) = periphrases::country_for(&surface, context.countries.all(), kb) {
                    // "The Islamic Republic" in a story about Iran.
                    entity = Some(id);
                } else if let Some(&c) = unknown_by_text.get(&surface) {
                    cluster = Some(c);
                } else if let Some(id) =
                    place_by_romanised_name(kb, tokens, text, &span, mention, &context)
                {
                    entity = Some(id);
                } else if mention.tokens.len() >= 2 && mention.category == Category::Person {
                    entity = person_by_romanised_name(kb, tokens, mention, &context);
                    if let Some(id) = entity {
                        // Named in full, as the KB would write it: later surnames join.
                        if let std::collections::hash_map::Entry::Vacant(slot) =
                            named_in_full.entry(id)
                        {
                            slot.insert(index);
                            surnames_in_full = None;
                            persons_in_full = None;
                        }
                    }
                } else if mention.tokens.len() == 1 {
                    cluster = unknown_by_last_word.get(&surface).copied().or_else(|| {
                        // A lone surname of a KB person named in full earlier, in
                        // another romanisation.
                        let arabic = Script::Arabic.key(&surface);
                        let other = Script::Other.key(&surface);
                        surnames_in_full
                            .get_or_insert_with(|| surname_keys(kb, &named_in_full))
                            .iter()
                            .find(|(_, script, keys)| {
                                let key = match script {
                                    Script::Arabic => &arabic,
                                    Script::Other => &other,
                                    Script::Latin => return false,
                                };
                                key.as_ref().is_some_and(|k| keys.contains(k))
                            })
                            .map(|(id, _, _)| {
                                entity = Some(*id);
                                usize::MAX
                            })
                    });
                    if cluster == Some(usize::MAX) {
                        cluster = None;
                    }
                }
            }
            _ => {}
        }
        let category = match (entity, cluster) {
            (Some(id), _) => kb.entity(id).category(),
            (None, Some(c)) => clusters[c].category,
            // A KB surname nobody in the story is known by: a person only if a title
            // says so.
            (None, None) if unresolved_surname && mention.title.is_none() => Category::Other,
            (None, None) => typed_as_unknown.unwrap_or(mention.category),
        };
        let cluster = match (entity, cluster) {
            (Some(id), _) => *cluster_of_entity.entry(id).or_insert_with(|| {
                clusters.push(Cluster {
                    entity: Some(id),
                    name: kb.entity(id).name.clone(),
                    category,
                    mentions: Vec::new(),
                });
                clusters.len() - 1
            }),
            (None, Some(c)) => c,
            (None, None) => {
                clusters.push(Cluster {
                    entity: None,
                    name: text[span.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    category,
                    mentions: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        if entity.is_none() {
            unknown_by_text.entry(surface.clone()).or_insert(cluster);
            // "FS Forbin … Forbin is committed": a ship, too, is named later by the
            // last word of its name.
            let first = &tokens[mention.tokens.start];
            let ship = first.all_caps && crate::analysis::cues::is_ship_prefix(&first.folded);
            if mention.tokens.len() >= 2 && (category == Category::Person || ship) {
                unknown_by_last_word
                    .entry(last_word(tokens, mention))
                    .or_insert(cluster);
            }
        }
        let first_mention = clusters[cluster].mentions.is_empty();
        clusters[cluster].mentions.push(mentions.len());
        // A weak mention joined to a cluster of real mentions is confirmed by it.
        let is_weak =
            (mention.weak || (unresolved_surname && mention.title.is_none())) && first_mention;
        mentions.push(Mention {
            span,
            category,
            entity_type: entity
                .map(|id| kb.entity(id).entity_type.clone())
                .unwrap_or_default(),
            entity,
            cluster,
            origin: mention.origin,
            first_mention,
            title: mention
                .title
                .clone()
                .map(|t| tokens[t.start].span.start..tokens[t.end - 1].span.end),
        });
        weak.push(is_weak);
    }
    Linked {
        mentions,
        clusters,
        weak,
    }
}

/// Drops weak mentions that neither a cluster nor a diagnostic confirmed, and renumbers
/// clusters to match.
pub fn drop_unconfirmed_weak(
    linked: Linked,
    diagnostics: &[Diagnostic],
) -> (Vec<Mention>, Vec<Cluster>) {
    let Linked {
        mentions,
        clusters,
        weak,
    } = linked;
    let keep: Vec<bool> = mentions
        .iter()
        .zip(&weak)
        .map(|(m, &is_weak)| {
            !is_weak
                || clusters[m.cluster].mentions.len() > 1
                || diagnostics
                    .iter()
                    .any(|d| d.span.start < m.span.end && m.span.start < d.span.end)
        })
        .collect();
    let mut new_index = vec![usize::MAX; mentions.len()];
    let mut kept = Vec::new();
    for (i, mention) in mentions.into_iter().enumerate() {
        if keep[i] {
            new_index[i] = kept.len();
            kept.push(mention);
        }
    }
    let mut cluster_index = vec![usize::MAX; clusters.len()];
    let mut kept_clusters: Vec<Cluster> = Vec::new();
    for (i, mut cluster) in clusters.into_iter().enumerate() {
        cluster.mentions = cluster
            .mentions
            .iter()
            .map(|&m| new_index[m])
            .filter(|&m| m != usize::MAX)
            .collect();
        if !cluster.mentions.is_empty() {
            cluster_index[i] = kept_clusters.len();
            kept_clusters.push(cluster);
        }
    }
    for mention in &mut kept {
        mention.cluster = cluster_index[mention.cluster];
    }
    for cluster in &mut kept_clusters {
        if let Some(&first) = cluster.mentions.first() {
            kept[first].first_mention = true;
        }
    }
    (kept, kept_clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bug: a lone unknown word was joined to whichever person named in full a hash
    /// map gave first, so two persons with one surname could make two runs on one
    /// text disagree (and an incremental analysis differ from a full one). The first
    /// named in the story now comes first.
    #[test]
    fn surname_keys_list_persons_in_the_order_the_story_names_them() {
        let kb = byline_default_kb::default_kb().unwrap();
        let persons: Vec<EntityId> = kb
            .iter()
            .filter(|(_, e)| e.category() == Category::Person)
            .map(|(id, _)| id)
            .take(40)
            .collect();
        let named_in_full: HashMap<EntityId, usize> = persons
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, persons.len() - i))
            .collect();
        let order: Vec<EntityId> = surname_keys(&kb, &named_in_full)
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        let expected: Vec<EntityId> = persons.iter().rev().copied().collect();
        assert_eq!(order, expected);
    }

    use crate::analysis::{analyze, AnalysisOptions};
    use crate::testing::entities::{person, place, Entity, BLINKEN, CINDY_MCCAIN, GERASIMOV, IRAN};
    use crate::testing::{findings, kb, mentions, mentions_typed_by_rules};

    /// Two persons who share a surname, and their country.
    const BAGHERIS: [Entity; 3] = [
        person(
            "mohammad-bagheri",
            "Mohammad Bagheri",
            "military-officer",
            "IR",
        ),
        person("ali-bagheri", "Ali Bagheri", "legislator", "IR"),
        IRAN,
    ];

    /// An Arabic-script name with many romanisations, and its country.
    const JAAFARI: [Entity; 2] = [
        person("jaafari", "Ibrahim al-Jaafari", "head-of-government", "IQ"),
        place("iraq", "Iraq", "country", "IQ"),
    ];

    /// A person whose surname is a common word.
    const GLENN_CLOSE: Entity = person("close", "Glenn Close", "legislator", "US");

    #[test]
    fn a_lone_surname_of_a_person_named_in_full_is_that_person_not_an_alias_of_another() {
        let wagner_group = crate::testing::entities::organisation(
            "wagner-group",
            "Wagner Group",
            "armed-group",
            "RU",
        )
        .aliases(&["Wagner"]);
        let richard = person("richard-wagner", "Richard Wagner", "person", "DE");
        let kb = kb(&[wagner_group, richard]);
        assert_eq!(
            mentions("Richard Wagner wrote operas. Wagner died in Venice.", &kb),
            [
                "Richard Wagner = richard-wagner",
                "Wagner = richard-wagner",
                "Venice: location"
            ]
        );
        // With no such person, the word is what the KB calls by it.
        assert_eq!(
            mentions("Wagner fighters left Bakhmut.", &kb)[0],
            "Wagner = wagner-group"
        );
    }

    #[test]
    fn title_words_fit_the_entity_types_they_name() {
        assert!(title_fits(&["general"], "military-officer"));
        assert!(title_fits(&["foreign", "minister"], "minister"));
        assert!(title_fits(&["prime", "minister"], "head-of-government"));
        assert!(title_fits(&["ambassador"], "diplomat"));
        assert!(title_fits(&["mayor"], "official"));
        assert!(title_fits(&["governor"], "politician"));
        assert!(!title_fits(&["general"], "minister"));
        assert!(!title_fits(&["spokesman"], "official"));
        assert!(!title_fits(&[], "head-of-state"));
    }

    #[test]
    fn a_surname_joins_the_person_named_in_full_even_before_the_full_name() {
        let kb = kb(&BAGHERIS);
        assert_eq!(
            mentions(
                "Bagheri spoke before Mohammad Bagheri arrived. Officials said Bagheri left.",
                &kb
            ),
            [
                "Bagheri = mohammad-bagheri",
                "Mohammad Bagheri = mohammad-bagheri",
                "Bagheri = mohammad-bagheri"
            ]
        );
    }

    #[test]
    fn of_two_persons_named_in_full_a_surname_joins_the_first_named() {
        let kb = kb(&BAGHERIS);
        assert_eq!(
            mentions(
                "Ali Bagheri and Mohammad Bagheri met. Later Bagheri left.",
                &kb
            ),
            [
                "Ali Bagheri = ali-bagheri",
                "Mohammad Bagheri = mohammad-bagheri",
                "Bagheri = ali-bagheri"
            ]
        );
    }

    #[test]
    fn a_title_or_prominence_chooses_among_the_bearers_of_a_surname() {
        let kb = kb(&BAGHERIS);
        assert_eq!(
            mentions("Officials in Iran said General Bagheri spoke.", &kb),
            ["Iran = iran", "Bagheri = mohammad-bagheri"]
        );
        assert_eq!(
            mentions(
                "Officials in Iran said lawmaker Senator Bagheri spoke.",
                &kb
            ),
            ["Iran = iran", "Bagheri = ali-bagheri"]
        );
        // With no title, the more prominent (a military officer over a legislator).
        assert_eq!(
            mentions("Officials in Iran said Bagheri spoke.", &kb),
            ["Iran = iran", "Bagheri = mohammad-bagheri"]
        );
    }

    #[test]
    fn a_city_named_like_a_kb_surname_needs_its_country_in_the_story() {
        let kb = kb(&[
            place("kennedy", "Kennedy", "city", "CO").prominence(0.3),
            place("colombia", "Colombia", "country", "CO"),
            person("john-kennedy", "John Kennedy", "legislator", "US"),
        ]);
        // Not the city (the mention keeps the place type the recogniser gave it).
        let lone = mentions("Kennedy said the bill would pass.", &kb);
        assert!(lone.iter().all(|m| !m.contains("= kennedy")), "{lone:?}");
        assert_eq!(
            mentions("In Colombia, residents of Kennedy protested.", &kb),
            ["Colombia = colombia", "Kennedy = kennedy"]
        );
    }

    #[test]
    fn the_storys_countries_choose_among_places_of_one_name() {
        let kb = kb(&[
            place("paris", "Paris", "capital", "FR"),
            place("paris-texas", "Paris", "city", "US"),
            place("united-states", "United States", "country", "US"),
        ]);
        assert_eq!(
            mentions("Flights to Paris resumed.", &kb),
            ["Paris = paris"]
        );
        assert_eq!(
            mentions("In the United States, flights to Paris resumed.", &kb),
            ["United States = united-states", "Paris = paris-texas"]
        );
    }

    #[test]
    fn a_surname_alone_needs_a_title_the_storys_country_or_a_prominent_bearer() {
        let obama = person("obama", "Barack Obama", "head-of-state", "US").prominence(0.95);
        let close = GLENN_CLOSE.prominence(0.95);
        let [mohammad_bagheri, ali_bagheri, iran] = BAGHERIS;
        let kb = kb(&[mohammad_bagheri, ali_bagheri, iran, obama, close]);
        // Nothing points to a Bagheri: a name still, linked to neither.
        assert_eq!(
            mentions("Officials said Bagheri spoke.", &kb),
            ["Bagheri: person"]
        );
        assert_eq!(
            mentions("Officials said Obama spoke.", &kb),
            ["Obama = obama"]
        );
        // Prominence is no help when the surname is a common word.
        assert!(mentions("Officials said Close spoke.", &kb).is_empty());
    }

    #[test]
    fn an_unresolved_surname_under_a_title_stays_a_person() {
        let kb = kb(&[GLENN_CLOSE]);
        assert_eq!(
            mentions("Officials said Colonel Close spoke.", &kb),
            ["Close: person"]
        );
    }

    #[test]
    fn a_ships_name_alone_joins_the_ship_named_in_full() {
        // Regression (re3d): "Forbin" alone was read as a person.
        let kb = kb(&[]);
        let text = "The frigate FS Forbin joined. \"Forbin is committed,\" the captain said.";
        let analysis = analyze(text, &kb, &AnalysisOptions::default());
        let lone = analysis
            .mentions
            .iter()
            .rev()
            .find(|m| &text[m.span.clone()] == "Forbin")
            .expect("mentioned");
        let ship = analysis
            .mentions
            .iter()
            .find(|m| &text[m.span.clone()] == "FS Forbin")
            .expect("mentioned");
        assert_eq!(lone.cluster, ship.cluster);
        assert_eq!(lone.category, Category::Other);
    }

    #[test]
    fn a_later_surname_joins_an_unknown_person_named_in_full() {
        let kb = kb(&[CINDY_MCCAIN]);
        let text =
            "Senator John McCain spoke. Later McCain and Colonel Karim Nasr left. Nasr said.";
        let analysis = analyze(text, &kb, &AnalysisOptions::default());
        let cluster_of = |written: &str| {
            let m = analysis
                .mentions
                .iter()
                .rev()
                .find(|m| &text[m.span.clone()] == written)
                .expect("mentioned");
            (m.cluster, m.entity)
        };
        assert_eq!(cluster_of("McCain"), (cluster_of("John McCain").0, None));
        assert_eq!(cluster_of("Nasr"), (cluster_of("Karim Nasr").0, None));
        let names: Vec<&str> = analysis.clusters.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["John McCain", "Karim Nasr"]);
    }

    #[test]
    fn a_full_name_in_another_romanisation_is_the_kb_person_in_a_story_about_their_country() {
        let kb = kb(&JAAFARI);
        assert_eq!(
            mentions("Ibrahim Al-Ja'afari spoke in Iraq.", &kb),
            ["Ibrahim Al-Ja'afari = jaafari", "Iraq = iraq"]
        );
        // Not in a story about another country, nor with another given name.
        assert_eq!(
            mentions("Ibrahim Al-Ja'afari spoke.", &kb),
            ["Ibrahim Al-Ja'afari: person"]
        );
        // Unlinked (": category", not "= id"); its type is the learned typer's guess.
        let other_given_name = mentions("Ebrahim Al-Ja'afari spoke in Iraq.", &kb);
        assert!(other_given_name[0].starts_with("Ebrahim Al-Ja'afari: "));
        assert_eq!(other_given_name[1], "Iraq = iraq");
    }

    #[test]
    fn a_lone_word_joins_a_person_named_in_full_as_a_romanisation_of_their_surname() {
        let kb = kb(&JAAFARI);
        assert_eq!(
            mentions(
                "Ibrahim al-Jaafari spoke in Iraq. Later Al-Ja'afari left. Officials said Jafari met Jaafary.",
                &kb
            ),
            [
                "Ibrahim al-Jaafari = jaafari",
                "Iraq = iraq",
                "Al-Ja'afari = jaafari",
                "Jafari = jaafari",
                "Jaafary = jaafari"
            ]
        );
    }

    #[test]
    fn a_latin_script_surname_spelt_otherwise_is_a_slip_not_the_person() {
        let kb = kb(&[BLINKEN]);
        let text = "Antony Blinken spoke. Later Blinkin said.";
        assert_eq!(
            mentions(text, &kb),
            ["Antony Blinken = blinken", "Blinkin: person"]
        );
        assert_eq!(findings(text, &kb), ["misspelled-name: Blinkin"]);
    }

    #[test]
    fn a_weak_mention_stays_only_when_a_finding_or_another_mention_confirms_it() {
        let kb = kb(&[GERASIMOV]);
        assert!(mentions_typed_by_rules("Gerasimovis did not comment.", &kb).is_empty());
        let text = "Gerasimovis did not comment. Valery Gerasimov spoke.";
        assert_eq!(
            mentions_typed_by_rules(text, &kb),
            ["Gerasimovis: other", "Valery Gerasimov = gerasimov"]
        );
        // Clusters are renumbered over the mentions that stay.
        let analysis = analyze(
            "Harlan did not comment. Valery Gerasimov spoke.",
            &kb,
            &AnalysisOptions {
                typing: crate::analysis::mentions::Typing::Rules,
                ..AnalysisOptions::default()
            },
        );
        assert_eq!(analysis.mentions.len(), 1);
        assert_eq!(analysis.clusters.len(), 1);
        assert_eq!(analysis.mentions[0].cluster, 0);
        assert_eq!(analysis.clusters[0].mentions, [0]);
        assert!(analysis.mentions[0].first_mention);
    }
}
