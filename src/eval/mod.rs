//! The accuracy harness behind `byline eval`: misspellings caught, clean prose left
//! alone, entities highlighted right. Pure: data and a KB in, an [`EvalReport`] out;
//! reading files and printing live in `cli/eval.rs`.
//!
//! Every random choice goes through [`Rng`], a fixed SplitMix64 seeded from the
//! command line, so a run is reproducible byte for byte on any machine and any
//! version of the dependencies (the `rand` crates do not promise stable streams
//! across releases, and the numbers in the README must not move when they change).

pub mod clean_text;
pub mod data;
pub mod evidence;
pub mod false_alarms;
pub mod misspell;
pub mod names_dev;
pub mod ner;
pub mod ordinary_names;
pub mod report;

use std::collections::BTreeMap;

use serde::Serialize;

use byline_kb::Kb;

pub use data::{Article, NerDocument, NerSpan};

/// The default seed; the README's numbers are for this seed.
pub const DEFAULT_SEED: u64 = 4;

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and fixed forever.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }

    /// A generator for one named sub-task, so adding trials to one part does not shift
    /// the choices of another.
    pub fn fork(&self, label: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        Rng(self.0 ^ h)
    }
}

/// Where the data came from, for the report header.
#[derive(Debug, Clone, Serialize)]
pub struct Sources {
    pub news: String,
    pub re3d: String,
}

/// What to run.
#[derive(Debug, Clone)]
pub struct EvalConfig {
    pub seed: u64,
    /// At most this many target names per article (0: all).
    pub targets_per_article: usize,
    /// At most this many target names in all (0: all).
    pub max_targets: usize,
}

impl Default for EvalConfig {
    fn default() -> EvalConfig {
        EvalConfig {
            seed: DEFAULT_SEED,
            targets_per_article: 4,
            max_targets: 400,
        }
    }
}

/// The whole result.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub seed: u64,
    pub sources: Sources,
    pub misspellings: misspell::MisspellReport,
    pub false_alarms: false_alarms::FalseAlarmReport,
    pub entities: ner::NerReport,
    /// names-dev, when requested and present (`--names-dev`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names_dev: Option<names_dev::NamesDevReport>,
    /// False alarms on the clean corpora, when requested and present (`--clean-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean_text: Option<clean_text::CleanTextReport>,
    /// The ordinary-names probe, when requested (`--ordinary-names`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinary_names: Option<ordinary_names::OrdinaryNamesReport>,
    /// Requested sections that could not run (section → why), e.g. names-dev without
    /// ../shared.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<&'static str, String>,
}

/// Runs the three evaluations of the default report; the sections measured on text we
/// did not write ([`names_dev`], [`clean_text`], [`ordinary_names`]) are added by
/// their own `evaluate` functions when requested.
pub fn run(
    kb: &Kb,
    articles: &[Article],
    ner_documents: &[NerDocument],
    sources: Sources,
    config: &EvalConfig,
) -> EvalReport {
    EvalReport {
        seed: config.seed,
        sources,
        misspellings: misspell::evaluate(kb, articles, config),
        false_alarms: false_alarms::evaluate(kb, articles),
        entities: ner::evaluate(kb, ner_documents),
        names_dev: None,
        clean_text: None,
        ordinary_names: None,
        skipped: BTreeMap::new(),
    }
}

/// Targets from issue 4.
pub mod targets {
    pub const RECALL: f64 = 0.95;
    pub const TOP1: f64 = 0.90;
    pub const FALSE_ALARMS_PER_10K: f64 = 1.0;
    pub const TYPED_F1: f64 = 0.70;
    pub const UNTYPED_F1: f64 = 0.80;
}
