//! `misspelled-name`: a name the KB does not know that is a near miss of a KB name
//! which fits the story ("Valery Gerasimovis" → Gerasimov).
//!
//! A near miss alone is not enough: the news is full of correct names the KB lacks.
//! A candidate must also fit the context — the given name next to it, a title, the
//! story's countries, the story's other mentions — before we say anything.

use std::collections::{HashMap, HashSet};

use super::{CheckContext, Code, Diagnostic, Severity};
use crate::analysis::linking::title_fits;
use crate::kb::index::{surname_of, NamePart, TokenPosting};
use crate::kb::lexicon::is_common_folded_word;
use crate::kb::normalize::{fold, transliteration_key};
use crate::kb::{Category, EntityId, Kb};
use crate::text::words::word_strs;

/// The score a candidate needs before we report it.
const REPORT_THRESHOLD: f32 = 2.5;
/// Longest suffix slip we consider ("Gerasimov" + "is").
const MAX_SUFFIX: usize = 3;

#[derive(Debug, Clone)]
struct Candidate {
    entity: EntityId,
    suggestion: String,
    score: f32,
}

/// The form of `folded` as the KB writes it, from the entity's names.
fn written_form(kb: &Kb, entity: EntityId, folded: &str) -> Option<String> {
    kb.entity(entity)
        .surface_forms()
        .flat_map(word_strs)
        .find(|w| fold(w) == folded)
        .map(str::to_string)
}

fn matches_case(suggestion: &str, written: &str) -> String {
    if crate::kb::normalize::is_all_caps(written) {
        suggestion.to_uppercase()
    } else {
        suggestion.to_string()
    }
}

fn given_names(kb: &Kb, entity: EntityId) -> HashSet<String> {
    kb.entity(entity)
        .surface_forms()
        .filter_map(|form| {
            let mut words = word_strs(form);
            let first = words.next()?;
            words.next().map(|_| fold(first))
        })
        .collect()
}

fn surnames(kb: &Kb, entity: EntityId) -> HashSet<String> {
    kb.entity(entity)
        .surface_forms()
        .filter_map(surname_of)
        .map(|s| fold(&s))
        .collect()
}

/// True when `folded` ends in a plural "s" or "es" whose stem the KB knows.
fn is_plural_of_known_word(kb: &Kb, folded: &str) -> bool {
    ["s", "es"].iter().any(|suffix| {
        folded
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.chars().count() >= 3 && !kb.token_postings(stem).is_empty())
    })
}

/// True when `written` is `kb_word` with a few letters added at the end
/// ("Gerasimovis"): a slip of the hand even without a given name next to it.
fn is_suffix_slip(written: &str, kb_word: &str) -> bool {
    written.len() > kb_word.len()
        && written.starts_with(kb_word)
        && written[kb_word.len()..].chars().count() <= MAX_SUFFIX
}

pub fn check(cx: &CheckContext) -> Vec<Diagnostic> {
    let kb = cx.kb;
    let story_entities: HashSet<EntityId> = cx.entities_in_story().collect();
    let story_countries: HashSet<&str> = story_entities
        .iter()
        .map(|&id| kb.entity(id).country.as_str())
        .filter(|c| !c.is_empty())
        .collect();

    // Best candidates per folded word, over all its occurrences.
    let mut best_for_word: HashMap<String, Vec<Candidate>> = HashMap::new();
    let mut occurrences: Vec<(usize, String)> = Vec::new();
    // The fuzzy search is the costly step; a story repeats its unknown names.
    let mut near_cache: HashMap<String, Vec<(String, Vec<TokenPosting>)>> = HashMap::new();

    for (index, mention) in cx.mentions.iter().enumerate() {
        if mention.entity.is_some()
            || !matches!(mention.category, Category::Person | Category::Other)
        {
            continue;
        }
        let token_range = cx.tokens_in(&mention.span);
        let titles: Vec<&str> = mention
            .title
            .as_ref()
            .map(|t| {
                cx.tokens[cx.tokens_in(t)]
                    .iter()
                    .map(|t| t.folded.as_str())
                    .collect()
            })
            .unwrap_or_default();
        for ti in token_range.clone() {
            let token = &cx.tokens[ti];
            let length = token.folded.chars().count();
            if length < 4 || !kb.token_postings(&token.folded).is_empty() || !token.capitalized {
                continue;
            }
            if token.all_caps && length <= 5 {
                continue; // an acronym, not a misspelled name
            }
            if is_plural_of_known_word(kb, &token.folded) {
                continue; // "Syrians", "Iraqis": a plural, not a slip
            }
            // A capitalised common word ("Strike", "Search") is a misspelling only when
            // the name around it says so ("von der Leyden").
            let common_word = is_common_folded_word(&token.folded);
            let distance = if length <= 5 { 1 } else { 2 };
            let previous = (ti > token_range.start).then(|| cx.tokens[ti - 1].folded.as_str());
            let next = (ti + 1 < token_range.end).then(|| cx.tokens[ti + 1].folded.as_str());
            let has_part = |word: Option<&str>, wanted: NamePart| {
                word.is_some_and(|w| kb.token_postings(w).iter().any(|p| p.part == wanted))
            };
            if common_word
                && !has_part(previous, NamePart::Given)
                && !has_part(next, NamePart::Surname)
            {
                continue; // no name around it could make it a slip: skip the fuzzy search
            }
            let mut candidates = Vec::new();
            let near = near_cache
                .entry(token.folded.clone())
                .or_insert_with(|| kb.tokens_near(&token.folded, distance, MAX_SUFFIX))
                .clone();
            // A romanisation the KB does not list (Shoygou for Shoigu) is accepted, not
            // a slip: same transliteration key, no finding.
            let key = transliteration_key(&token.folded);
            if near
                .iter()
                .any(|(kb_word, _)| transliteration_key(kb_word) == key)
            {
                continue;
            }
            for (kb_word, postings) in near {
                let edits = strsim::damerau_levenshtein(&token.folded, &kb_word);
                for TokenPosting { entity, part } in postings {
                    let e = kb.entity(entity);
                    if e.category() == Category::Other {
                        continue; // nationalities: "America" is not a slip of "American"
                    }
                    let mut score = 0.5 * e.prominence() - 0.5 * edits.saturating_sub(1) as f32;
                    let neighbour_fits = match part {
                        NamePart::Surname => {
                            previous.is_some_and(|p| given_names(kb, entity).contains(p))
                        }
                        NamePart::Given => next.is_some_and(|n| surnames(kb, entity).contains(n)),
                        NamePart::Whole => false,
                    };
                    if neighbour_fits {
                        score += 3.0;
                    }
                    // Two edits away is far for a short word: only a given name next
                    // to it, or the same person named in the story, makes it a slip
                    // ("Boeing" is not Beijing, "Q-West" not Alan West).
                    let strong_context = neighbour_fits
                        || (story_entities.contains(&entity) && e.category() == Category::Person);
                    if (common_word && !neighbour_fits)
                        || (edits >= 2
                            && !strong_context
                            && !is_suffix_slip(&token.folded, &kb_word))
                    {
                        continue;
                    }
                    if story_entities.contains(&entity) {
                        score += 2.0;
                    }
                    if title_fits(&titles, &e.entity_type) {
                        score += 1.0;
                    }
                    if story_countries.contains(e.country.as_str()) {
                        score += 1.0;
                    }
                    if score < REPORT_THRESHOLD {
                        continue;
                    }
                    let written = &cx.text[token.span.clone()];
                    if let Some(form) = written_form(kb, entity, &kb_word) {
                        candidates.push(Candidate {
                            entity,
                            suggestion: matches_case(&form, written),
                            score,
                        });
                    }
                }
            }
            if !candidates.is_empty() {
                let entry = best_for_word.entry(token.folded.clone()).or_default();
                entry.extend(candidates);
            }
            let _ = index;
            occurrences.push((ti, token.folded.clone()));
        }
    }

    let mut diagnostics = Vec::new();
    let mut reported = HashSet::new();
    for (ti, folded) in occurrences {
        let Some(candidates) = best_for_word.get_mut(&folded) else {
            continue;
        };
        if !reported.insert(ti) {
            continue;
        }
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.suggestion.cmp(&b.suggestion))
        });
        let mut suggestions: Vec<String> = Vec::new();
        for c in candidates.iter() {
            if !suggestions.contains(&c.suggestion) && suggestions.len() < 5 {
                suggestions.push(c.suggestion.clone());
            }
        }
        let top = &candidates[0];
        let span = cx.tokens[ti].span.clone();
        let written = &cx.text[span.clone()];
        diagnostics.push(Diagnostic {
            code: Code::MisspelledName,
            severity: Severity::Warning,
            message: format!(
                "'{written}' looks like a misspelling of {}",
                kb.entity(top.entity).name
            ),
            span,
            suggestions,
            entity: Some(top.entity),
        });
    }
    diagnostics
}
