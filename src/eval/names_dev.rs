//! names-dev: 300 misspelled names and 200 correct sentences written independently of
//! Byline, in the style of real copy (`../shared/data/names-dev`, CC0 1.0; not ours).
//!
//! Each sentence is analysed as its own story, exactly as
//! `../shared/hooks/names_dev_score.py` checks it (the sentence and a newline, plain
//! text, default options), and scored by the same rule:
//!
//! - a misspelled row is **caught** when a `misspelled-name` or `inconsistent-spelling`
//!   finding's text contains the row's token or lies inside it;
//! - it is **top-1** when the first suggestion of the first such finding is an expected
//!   form, or ends in a space or a hyphen and an expected form ("Paul Kagame" for
//!   "Kagame");
//! - a correct row is **flagged** when it draws any finding of those two codes.
//!
//! Rows are also split into a **fit** half and a **report** half by the expected entity:
//! a stable hash of the folded first expected form decides, so every row of one entity
//! falls on one side (correct rows, which name no expected entity, by a hash of their
//! id). A check tuned on the fit half is judged on the report half.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::data::{NamesDev, NamesDevRow};
use super::misspell::ratio;
use byline_core::analysis::{analyze, AnalysisOptions, Code};
use byline_kb::normalize::fold;
use byline_kb::Kb;

/// The codes the score counts.
pub const CODES: [Code; 2] = [Code::MisspelledName, Code::InconsistentSpelling];

/// Whether a finding's text is on the row's token (the script's rule: either contains
/// the other).
pub fn on_token(token: &str, written: &str) -> bool {
    written.contains(token) || token.contains(written)
}

/// Whether a suggestion is an expected form (`expected`: alternatives joined by `|`),
/// or ends in a space or hyphen and one.
pub fn is_expected(suggestion: &str, expected: &str) -> bool {
    expected.split('|').any(|a| {
        suggestion == a
            || suggestion.ends_with(&format!(" {a}"))
            || suggestion.ends_with(&format!("-{a}"))
    })
}

/// Which half of the entity split a row is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Half {
    /// To tune the check on.
    Fit,
    /// To report; never tuned on.
    Report,
}

impl Half {
    pub fn as_str(self) -> &'static str {
        match self {
            Half::Fit => "fit",
            Half::Report => "report",
        }
    }
}

/// The entity a row is about: its folded first expected form (its id for a correct row).
pub fn entity_key(row: &NamesDevRow) -> String {
    match row.expected.split('|').next().map(str::trim) {
        Some(first) if row.is_miss() && !first.is_empty() => fold(first),
        _ => format!("row:{}", row.id),
    }
}

/// FNV-1a 64 of the key, mixed by SplitMix64's finaliser: fixed forever.
fn stable_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// The half of the split an entity key falls in.
pub fn half_of(key: &str) -> Half {
    if stable_hash(key) & 1 == 0 {
        Half::Fit
    } else {
        Half::Report
    }
}

/// `person`, `organisation` or `place`, from the domain's first part.
pub fn entity_kind(domain: &str) -> &'static str {
    match domain.split('/').next().unwrap_or("") {
        "person" => "person",
        "org" => "organisation",
        "place" => "place",
        _ => "other",
    }
}

/// The kinds in report order.
pub const KINDS: [&str; 3] = ["person", "organisation", "place"];

/// Counts for one row of a table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NamesDevTally {
    /// Misspelled rows.
    pub misspelled: usize,
    pub caught: usize,
    pub top1: usize,
    /// Correct rows.
    pub correct: usize,
    /// Correct rows with a finding.
    pub flagged: usize,
    /// Distinct expected entities among the misspelled rows.
    pub entities: usize,
}

impl NamesDevTally {
    fn add(&mut self, row: &RowOutcome) {
        if row.misspelled {
            self.misspelled += 1;
            self.caught += usize::from(row.caught);
            self.top1 += usize::from(row.top1);
        } else {
            self.correct += 1;
            self.flagged += usize::from(row.flagged());
        }
    }

    pub fn recall(&self) -> f64 {
        ratio(self.caught, self.misspelled)
    }

    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.misspelled)
    }

    pub fn flagged_rate(&self) -> f64 {
        ratio(self.flagged, self.correct)
    }
}

/// A finding of a counted code on a names-dev sentence.
#[derive(Debug, Clone, Serialize)]
pub struct NamesDevFinding {
    pub code: &'static str,
    pub written: String,
    pub message: String,
    pub suggestions: Vec<String>,
    /// On the row's token (misspelled rows).
    pub on_token: bool,
}

/// One row's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct RowOutcome {
    pub id: String,
    pub misspelled: bool,
    pub category: String,
    pub domain: String,
    pub kind: &'static str,
    pub half: Half,
    pub text: String,
    pub token: String,
    pub expected: String,
    pub caught: bool,
    pub top1: bool,
    /// Every finding of the counted codes, in the analysis's order.
    pub findings: Vec<NamesDevFinding>,
}

impl RowOutcome {
    pub fn flagged(&self) -> bool {
        !self.misspelled && !self.findings.is_empty()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NamesDevReport {
    pub source: String,
    pub overall: NamesDevTally,
    pub by_category: BTreeMap<String, NamesDevTally>,
    pub by_kind: BTreeMap<&'static str, NamesDevTally>,
    pub by_half: BTreeMap<Half, NamesDevTally>,
    pub rows: Vec<RowOutcome>,
}

/// Scores one row from its counted findings (the script's rule).
fn score(row: &NamesDevRow, findings: &[NamesDevFinding]) -> (bool, bool) {
    if !row.is_miss() {
        return (false, false);
    }
    match findings.iter().find(|f| f.on_token) {
        None => (false, false),
        Some(hit) => {
            let first = hit.suggestions.first().map_or("", String::as_str);
            (true, is_expected(first, &row.expected))
        }
    }
}

pub fn evaluate(kb: &Kb, set: &NamesDev, source: &str) -> NamesDevReport {
    let rows: Vec<RowOutcome> = set
        .rows
        .par_iter()
        .map(|row| {
            // The script writes each sentence and a newline to a `.txt` file.
            let text = format!("{}\n", row.text);
            let analysis = analyze(&text, kb, &AnalysisOptions::default());
            let findings: Vec<NamesDevFinding> = analysis
                .diagnostics
                .iter()
                .filter(|d| CODES.contains(&d.code))
                .map(|d| {
                    let written = &text[d.span.clone()];
                    NamesDevFinding {
                        code: d.code.as_str(),
                        written: written.to_string(),
                        message: d.message.clone(),
                        suggestions: d.suggestions.clone(),
                        on_token: row.is_miss() && on_token(&row.token, written),
                    }
                })
                .collect();
            let (caught, top1) = score(row, &findings);
            let category = set.categories.get(&row.id);
            let domain = category.map(|c| c.domain.clone()).unwrap_or_default();
            RowOutcome {
                id: row.id.clone(),
                misspelled: row.is_miss(),
                category: category.map_or_else(|| "(none)".to_string(), |c| c.category.clone()),
                kind: entity_kind(&domain),
                domain,
                half: half_of(&entity_key(row)),
                text: row.text.clone(),
                token: row.token.clone(),
                expected: row.expected.clone(),
                caught,
                top1,
                findings,
            }
        })
        .collect();
    let mut report = NamesDevReport {
        source: source.to_string(),
        ..NamesDevReport::default()
    };
    let mut entities: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (row, input) in rows.iter().zip(&set.rows) {
        report.overall.add(row);
        report
            .by_category
            .entry(row.category.clone())
            .or_default()
            .add(row);
        report.by_kind.entry(row.kind).or_default().add(row);
        report.by_half.entry(row.half).or_default().add(row);
        if row.misspelled {
            let key = entity_key(input);
            for label in ["overall", row.half.as_str()] {
                entities.entry(label).or_default().insert(key.clone());
            }
        }
    }
    report.overall.entities = entities.get("overall").map_or(0, BTreeSet::len);
    for half in [Half::Fit, Half::Report] {
        let tally = report.by_half.entry(half).or_default();
        tally.entities = entities.get(half.as_str()).map_or(0, BTreeSet::len);
    }
    report.rows = rows;
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matching_rule_is_the_hook_scripts() {
        assert!(on_token("Kagama", "Kagama"));
        assert!(on_token("Kagama", "Paul Kagama"));
        assert!(on_token("Min Aung Hliang", "Hliang"));
        assert!(!on_token("Kagama", "Kigali"));
        assert!(is_expected("Kagame", "Kagame"));
        assert!(is_expected("Paul Kagame", "Kagame"));
        assert!(is_expected("al-Sisi", "el-Sisi|el-Sissi|al-Sisi"));
        assert!(is_expected("Abdel Fattah el-Sisi", "Sisi"));
        assert!(is_expected("Unicef", "UNICEF|Unicef"));
        assert!(!is_expected("Kagamer", "Kagame"));
        assert!(!is_expected("", "Kagame"));
    }

    #[test]
    fn the_split_keeps_an_entity_on_one_side_and_is_fixed() {
        let row = |id: &str, expected: &str| NamesDevRow {
            id: id.into(),
            kind: "miss".into(),
            text: String::new(),
            token: String::new(),
            expected: expected.into(),
        };
        // Folding and the alternatives after the first do not move an entity.
        assert_eq!(
            entity_key(&row("d1", "İmamoğlu|Imamoglu")),
            entity_key(&row("d2", "Imamoglu"))
        );
        assert_eq!(
            half_of(&entity_key(&row("d1", "UNICEF|Unicef"))),
            half_of(&entity_key(&row("d9", "Unicef")))
        );
        // Fixed values: changing the hash would reshuffle the halves.
        assert_eq!(half_of("kagame"), half_of("kagame"));
        let halves: Vec<Half> = ["kagame", "unicef", "belousov", "hlaing", "row:k001"]
            .iter()
            .map(|k| half_of(k))
            .collect();
        assert!(halves.contains(&Half::Fit) && halves.contains(&Half::Report));
    }

    #[test]
    fn kinds_come_from_the_domain() {
        assert_eq!(entity_kind("person/politics"), "person");
        assert_eq!(entity_kind("org/igo"), "organisation");
        assert_eq!(entity_kind("place/city"), "place");
    }
}
