//! False alarms on clean text far beyond the news set: the text of the entity-annotated
//! corpora in `../shared/data/ner-train` (Wikipedia in Re-DocRED and CrossNER politics,
//! web text in UNER English-EWT) and re3d's press releases, each document analysed as
//! its own story; every finding is listed. Tweets (the Broad Twitter Corpus, WNUT-17)
//! hold real typos, so a finding there may be right: they are reported beside the
//! others and never counted in the headline.

use serde::Serialize;

use super::data::{CleanCorpus, CorpusKind};
use super::false_alarms::{self, FalseAlarmReport};
use byline_kb::Kb;

/// One corpus's findings.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    pub name: String,
    pub kind: CorpusKind,
    pub description: String,
    #[serde(flatten)]
    pub findings: FalseAlarmReport,
}

/// The headline: every edited corpus together.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub documents: usize,
    pub words: usize,
    pub findings: usize,
}

impl Totals {
    pub fn per_10k_words(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.findings as f64 * 10_000.0 / self.words as f64
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CleanTextReport {
    pub source: String,
    pub corpora: Vec<CorpusReport>,
    /// Edited corpora only (tweets never count).
    pub headline: Totals,
}

impl CleanTextReport {
    pub fn corpus(&self, name: &str) -> Option<&CorpusReport> {
        self.corpora.iter().find(|c| c.name == name)
    }
}

pub fn evaluate(kb: &Kb, corpora: &[CleanCorpus], source: &str) -> CleanTextReport {
    let mut report = CleanTextReport {
        source: source.to_string(),
        ..CleanTextReport::default()
    };
    for corpus in corpora {
        // Parallel over the corpus's documents (rayon), in order.
        let findings = false_alarms::evaluate(kb, &corpus.documents);
        if corpus.kind == CorpusKind::Edited {
            report.headline.documents += findings.articles;
            report.headline.words += findings.words;
            report.headline.findings += findings.findings.len();
        }
        report.corpora.push(CorpusReport {
            name: corpus.name.clone(),
            kind: corpus.kind,
            description: corpus.description.clone(),
            findings,
        });
    }
    report
}
