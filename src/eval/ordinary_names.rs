//! The ordinary-names probe: people's names from many cultures that no KB can know,
//! invented by Faker with a fixed seed (`scripts/eval/ordinary_names.py` writes
//! `tests/fixtures/eval/ordinary-names.tsv`, which is ours and compiled in), each in
//! one plain news sentence analysed as its own story. Every finding is a false alarm.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::data::OrdinaryName;
use byline_core::analysis::{analyze, AnalysisOptions};
use byline_kb::Kb;

/// A finding on one probe sentence.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeFinding {
    pub id: String,
    pub locale: String,
    pub name: String,
    pub code: &'static str,
    pub written: String,
    pub message: String,
    pub suggestions: Vec<String>,
}

/// Counts for one locale.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LocaleTally {
    pub names: usize,
    /// Names with at least one finding.
    pub flagged: usize,
    pub findings: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OrdinaryNamesReport {
    pub source: String,
    pub names: usize,
    pub flagged: usize,
    pub by_code: BTreeMap<&'static str, usize>,
    pub by_locale: BTreeMap<String, LocaleTally>,
    pub findings: Vec<ProbeFinding>,
}

impl OrdinaryNamesReport {
    pub fn per_1000_names(&self) -> f64 {
        if self.names == 0 {
            0.0
        } else {
            self.findings.len() as f64 * 1_000.0 / self.names as f64
        }
    }
}

pub fn evaluate(kb: &Kb, names: &[OrdinaryName], source: &str) -> OrdinaryNamesReport {
    let per_name: Vec<Vec<ProbeFinding>> = names
        .par_iter()
        .map(|n| {
            let analysis = analyze(&n.sentence, kb, &AnalysisOptions::default());
            analysis
                .diagnostics
                .iter()
                .map(|d| ProbeFinding {
                    id: n.id.clone(),
                    locale: n.locale.clone(),
                    name: n.name.clone(),
                    code: d.code.as_str(),
                    written: n.sentence[d.span.clone()].to_string(),
                    message: d.message.clone(),
                    suggestions: d.suggestions.clone(),
                })
                .collect()
        })
        .collect();
    let mut report = OrdinaryNamesReport {
        source: source.to_string(),
        names: names.len(),
        ..OrdinaryNamesReport::default()
    };
    for (name, findings) in names.iter().zip(per_name) {
        let tally = report.by_locale.entry(name.locale.clone()).or_default();
        tally.names += 1;
        tally.flagged += usize::from(!findings.is_empty());
        tally.findings += findings.len();
        report.flagged += usize::from(!findings.is_empty());
        for f in findings {
            *report.by_code.entry(f.code).or_default() += 1;
            report.findings.push(f);
        }
    }
    report
}
