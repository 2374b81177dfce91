//! Entity highlighting against re3d's named mentions.
//!
//! re3d annotates every reference to an entity, pronouns and descriptions included
//! ("he", "the city", "rebels"). Byline highlights names, so the gold set is the
//! **named** mentions of Person, Organisation, Location and Nationality: after a
//! leading "the"/"a"/"an" is trimmed, a mention is named when one of its words
//! starts with a capital and is an acronym or neither a common English word nor a
//! title ("Syria", "UN", "Mr Johnson", "Iraqi Security Forces"; not "The Foreign
//! Secretary", "Coalition", "He"). Any other annotation — a description, or an entity
//! of another re3d type ("F-16", "Wednesday") — is a region no prediction is scored
//! on: a highlight with exactly its span is neither credited nor counted wrong. A
//! leading article is trimmed from gold spans and highlights alike.
//!
//! A person's title that Byline found before the name ("Lt. Gen." of "Lt. Gen. Stephen
//! J. Townsend") is part of the span in re3d's convention and not in Byline's (the
//! title is the mention's cue); re3d itself writes it both ways, so a person mention
//! matches a gold span with its title or without it.
//!
//! Byline's categories map as person → Person, organisation → Organisation,
//! location → Location, and other with KB type `nationality`, `ethnic-group` or
//! `religious-group` → Nationality (re3d's Nationality is "a nationality, ethnicity or
//! religious affiliation"). Other
//! highlights (unknown capitalised names without a cue, events) have no re3d type:
//! they count only in the untyped score.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use super::misspell::ratio;
use super::NerDocument;
use byline_core::analysis::{analyze, cues, AnalysisOptions};
use byline_core::text::words::word_strs;
use byline_kb::lexicon::is_common_folded_word;
use byline_kb::normalize::fold;
use byline_kb::{Category, Kb};

pub const CATEGORIES: [&str; 4] = ["Person", "Organisation", "Location", "Nationality"];

/// Byline's category for a mention in re3d's terms.
pub fn re3d_category(category: Category, entity_type: &str) -> Option<&'static str> {
    match category {
        Category::Person => Some("Person"),
        Category::Organization => Some("Organisation"),
        Category::Location => Some("Location"),
        // re3d's Nationality is "a nationality, ethnicity or religious affiliation".
        Category::Other
            if matches!(
                entity_type,
                "nationality" | "ethnic-group" | "religious-group"
            ) =>
        {
            Some("Nationality")
        }
        Category::Other => None,
    }
}

/// re3d's Organisation is "a group of people" as well as a body: a Nationality
/// highlight written in the plural names people ("Syrians", "Sunnis"), and re3d's
/// annotators type it Organisation (15 of the 16 plural demonyms they annotate). Any
/// system's highlights are read so before they are scored against re3d; a set with
/// no Nationality type is scored without it.
pub fn groups_of_people_as_organisations(text: &str, predicted: &mut [Predicted]) {
    for p in predicted {
        let written = &text[p.start..p.end];
        let plural = written.ends_with('s') && !written.ends_with("ss");
        if p.category == Some("Nationality") && plural {
            p.category = Some("Organisation");
        }
    }
}

/// The span with a leading article and surrounding spaces and punctuation trimmed.
fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut s = start;
    let mut e = end;
    loop {
        let piece = &text[s..e];
        let trimmed = piece.trim_start_matches(|c: char| c.is_whitespace() || c == '"');
        s += piece.len() - trimmed.len();
        let lower = text[s..e].to_lowercase();
        let mut changed = false;
        for article in ["the ", "a ", "an "] {
            if lower.starts_with(article) && e - s > article.len() {
                s += article.len();
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    let piece = &text[s..e];
    let trimmed = piece.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '"');
    e = s + trimmed.len();
    (s, e)
}

/// Whether a (trimmed) gold mention names its entity.
pub fn is_named(mention: &str) -> bool {
    word_strs(mention).any(|word| {
        let first_upper = word.chars().next().is_some_and(char::is_uppercase);
        if !first_upper {
            return false;
        }
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let folded = fold(word);
        let folded = folded.trim_end_matches('.');
        acronym
            || (!is_common_folded_word(folded)
                && !cues::is_person_title(folded)
                && !cues::is_not_name(folded)
                && letters.len() >= 2)
    })
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    /// Gold mentions found (the recall numerator).
    pub correct: usize,
    /// Predictions that match (the precision numerator; equal to `correct` except in
    /// the untyped per-category rows).
    pub hits: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// The harmonic mean of precision and recall.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// A named gold mention Byline missed or a highlight that matches none.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub document: String,
    /// Byte offsets of the span in the document's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub gold: Option<&'static str>,
    pub predicted: Option<&'static str>,
    /// Whether a highlight covers exactly this span: a gold miss with `predicted`
    /// `None` is a highlight typed `other` when true and no highlight when false.
    pub highlighted: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NerReport {
    pub documents: usize,
    /// Typed (exact span and category), per re3d category.
    pub typed: BTreeMap<&'static str, Score>,
    /// Untyped per category: gold of the category found with any category;
    /// highlights of the category that match a gold span of any category.
    pub untyped_by_category: BTreeMap<&'static str, Score>,
    pub typed_micro: Score,
    /// Every highlight (category or not) against every named gold span.
    pub untyped: Score,
    /// The most gold spans a flat highlighter could match (see [`Ceiling`]).
    pub ceiling: Ceiling,
    pub errors: Vec<Miss>,
}

/// re3d nests its mentions ("the Government of Iraq" and "Iraq" in it, "Foreign
/// Minister Julie Bishop" and "Julie Bishop") and gives some spans two categories;
/// Byline, like most highlighters, marks one span per word. The largest set of gold
/// spans that do not overlap bounds the recall any flat highlighter can reach.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ceiling {
    /// Named gold spans, counted once whatever their categories.
    pub distinct_spans: usize,
    /// The largest number of them that do not overlap, over all documents.
    pub flat_spans: usize,
}

impl Ceiling {
    /// Adds one document's named gold spans.
    fn add(&mut self, spans: &HashSet<(usize, usize)>) {
        let mut by_end: Vec<(usize, usize)> = spans.iter().copied().collect();
        by_end.sort_unstable_by_key(|&(s, e)| (e, s));
        // Earliest end first keeps the most intervals that do not overlap.
        let mut free_from = 0;
        for (s, e) in by_end {
            if s >= free_from {
                self.flat_spans += 1;
                free_from = e;
            }
        }
        self.distinct_spans += spans.len();
    }

    /// The best typed recall: each matched span earns one category of its labels.
    pub fn typed_recall(&self, gold_labels: usize) -> f64 {
        ratio(self.flat_spans, gold_labels)
    }

    /// The best untyped recall.
    pub fn untyped_recall(&self) -> f64 {
        ratio(self.flat_spans, self.distinct_spans)
    }
}

fn static_category(kind: &str) -> Option<&'static str> {
    CATEGORIES.iter().copied().find(|c| *c == kind)
}

/// One highlight to score: a byte span of the document, its re3d category (`None`
/// for a highlight with no re3d type) and where a person's title written before it
/// may start: the title itself ("Foreign Minister"), and a nationality or country
/// right before it that qualifies the office ("Iraqi President", "U.S. Secretary of
/// Defense").
#[derive(Debug, Clone)]
pub struct Predicted {
    pub start: usize,
    pub end: usize,
    pub category: Option<&'static str>,
    pub title_starts: Vec<usize>,
}

/// Byline's highlights of one document.
pub fn byline_predictions(kb: &Kb, text: &str, options: &AnalysisOptions) -> Vec<Predicted> {
    let mentions = analyze(text, kb, options).mentions;
    mentions
        .iter()
        .enumerate()
        .map(|(index, m)| {
            let category = re3d_category(m.category, &m.entity_type);
            let mut title_starts = Vec::new();
            if let Some(title) = m.title.as_ref().filter(|_| m.category == Category::Person) {
                title_starts.push(title.start);
                let qualifier = index.checked_sub(1).map(|i| &mentions[i]).filter(|q| {
                    let nationality_or_place = q.entity_type == "nationality"
                        || (q.category == Category::Location && q.entity.is_some());
                    nationality_or_place && text.get(q.span.end..title.start) == Some(" ")
                });
                title_starts.extend(qualifier.map(|q| q.span.start));
            }
            Predicted {
                start: m.span.start,
                end: m.span.end,
                category,
                title_starts,
            }
        })
        .collect()
}

pub fn evaluate(kb: &Kb, documents: &[NerDocument]) -> NerReport {
    evaluate_predictions(documents, |doc| {
        let mut predicted = byline_predictions(kb, &doc.text, &AnalysisOptions::default());
        groups_of_people_as_organisations(&doc.text, &mut predicted);
        predicted
    })
}

/// Scores any highlighter's output (`predict` gives one document's highlights) the
/// way [`evaluate`] scores Byline's, so other systems are compared on equal terms.
pub fn evaluate_predictions(
    documents: &[NerDocument],
    mut predict: impl FnMut(&NerDocument) -> Vec<Predicted>,
) -> NerReport {
    let mut report = NerReport {
        documents: documents.len(),
        ..NerReport::default()
    };
    for c in CATEGORIES {
        report.typed.insert(c, Score::default());
        report.untyped_by_category.insert(c, Score::default());
    }
    for doc in documents {
        let text = &doc.text;
        let mut gold: BTreeSet<(usize, usize, &'static str)> = BTreeSet::new();
        let mut ignored: HashSet<(usize, usize)> = HashSet::new();
        for span in &doc.spans {
            let (s, e) = trim_span(text, span.start, span.end);
            if s >= e {
                continue;
            }
            match static_category(&span.kind) {
                Some(c) if is_named(&text[s..e]) => {
                    gold.insert((s, e, c));
                }
                _ => {
                    ignored.insert((s, e));
                    ignored.insert((span.start, span.end));
                }
            }
        }
        let gold_spans: HashSet<(usize, usize)> = gold.iter().map(|&(s, e, _)| (s, e)).collect();
        report.ceiling.add(&gold_spans);
        let mut predicted: Vec<(usize, usize, Option<&'static str>)> = predict(doc)
            .iter()
            .map(|m| {
                let (s, e) = trim_span(text, m.start, m.end);
                // re3d writes a person's title into the span ("Foreign Secretary Boris
                // Johnson", "Iraqi President Fuad Masum") as often as not; Byline keeps
                // it beside the name as the mention's title. Either convention counts
                // as the same mention.
                let (s, e) = m
                    .title_starts
                    .iter()
                    .map(|&title| trim_span(text, title, m.end))
                    .find(|titled| gold_spans.contains(titled))
                    .unwrap_or((s, e));
                (s, e, m.category)
            })
            .filter(|&(s, e, _)| gold_spans.contains(&(s, e)) || !ignored.contains(&(s, e)))
            .collect();
        predicted.sort_unstable();
        predicted.dedup();
        let predicted_spans: HashSet<(usize, usize)> =
            predicted.iter().map(|&(s, e, _)| (s, e)).collect();

        // Typed.
        for &(s, e, c) in &gold {
            let score = report.typed.get_mut(c).expect("category");
            score.gold += 1;
            if predicted.contains(&(s, e, Some(c))) {
                score.correct += 1;
                score.hits += 1;
            } else {
                let got = predicted
                    .iter()
                    .find(|p| p.0 == s && p.1 == e)
                    .and_then(|p| p.2);
                report.errors.push(Miss {
                    document: doc.id.clone(),
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    gold: Some(c),
                    predicted: got,
                    highlighted: predicted_spans.contains(&(s, e)),
                });
            }
            let u = report.untyped_by_category.get_mut(c).expect("category");
            u.gold += 1;
            if predicted_spans.contains(&(s, e)) {
                u.correct += 1;
            }
        }
        for &(s, e, c) in &predicted {
            if let Some(c) = c {
                report.typed.get_mut(c).expect("category").predicted += 1;
                let u = report.untyped_by_category.get_mut(c).expect("category");
                u.predicted += 1;
                u.hits += usize::from(gold_spans.contains(&(s, e)));
            }
            if !gold_spans.contains(&(s, e)) {
                report.errors.push(Miss {
                    document: doc.id.clone(),
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    gold: None,
                    predicted: c,
                    highlighted: true,
                });
            }
        }
        report.untyped.gold += gold_spans.len();
        report.untyped.predicted += predicted_spans.len();
        let found = predicted_spans.intersection(&gold_spans).count();
        report.untyped.correct += found;
        report.untyped.hits += found;
    }
    for score in report.typed.values() {
        report.typed_micro.gold += score.gold;
        report.typed_micro.predicted += score.predicted;
        report.typed_micro.correct += score.correct;
        report.typed_micro.hits += score.hits;
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_mentions_need_a_name_word() {
        assert!(is_named("Syria"));
        assert!(is_named("UN"));
        assert!(is_named("Mr Johnson"));
        assert!(is_named("Iraqi Security Forces"));
        assert!(!is_named("He"));
        assert!(!is_named("Foreign Secretary"));
        assert!(!is_named("rebels"));
    }

    #[test]
    fn the_ceiling_counts_the_most_spans_that_do_not_overlap() {
        // "the Government of Iraq" (0..22) holds "Iraq" (18..22); "Julie Bishop"
        // (30..42) stands alone.
        let spans: HashSet<(usize, usize)> = [(0, 22), (18, 22), (30, 42)].into_iter().collect();
        let mut ceiling = Ceiling::default();
        ceiling.add(&spans);
        assert_eq!(ceiling.distinct_spans, 3);
        assert_eq!(ceiling.flat_spans, 2);
        assert!((ceiling.untyped_recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((ceiling.typed_recall(4) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_plural_nationality_is_a_group_of_people_in_re3d_terms() {
        let text = "Syrians and the Swiss met Syrian officials.";
        let highlight = |start: usize, end: usize| Predicted {
            start,
            end,
            category: Some("Nationality"),
            title_starts: Vec::new(),
        };
        let mut predicted = vec![highlight(0, 7), highlight(16, 21), highlight(26, 32)];
        groups_of_people_as_organisations(text, &mut predicted);
        let categories: Vec<_> = predicted.iter().map(|p| p.category).collect();
        assert_eq!(
            categories,
            [
                Some("Organisation"),
                Some("Nationality"),
                Some("Nationality")
            ]
        );
    }

    #[test]
    fn leading_articles_are_trimmed() {
        let text = "the Iraqi government said";
        assert_eq!(trim_span(text, 0, 20), (4, 20));
    }
}
