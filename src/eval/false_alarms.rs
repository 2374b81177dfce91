//! False alarms: every finding on clean, edited news, listed so a person can judge it,
//! and their rate per 10,000 words.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::Article;
use byline_core::analysis::{analyze, AnalysisOptions};
use byline_kb::Kb;

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub article: String,
    pub code: &'static str,
    pub written: String,
    pub message: String,
    pub suggestions: Vec<String>,
    /// The text around the finding, on one line.
    pub context: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FalseAlarmReport {
    pub articles: usize,
    pub words: usize,
    pub findings: Vec<Finding>,
    pub by_code: BTreeMap<&'static str, usize>,
}

impl FalseAlarmReport {
    pub fn per_10k_words(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.findings.len() as f64 * 10_000.0 / self.words as f64
        }
    }
}

/// Words as a reader counts them: whitespace-separated runs with a letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// About 60 bytes either side of `span`, newlines folded, the finding in [brackets].
pub fn context(text: &str, span: &std::ops::Range<usize>) -> String {
    let start = floor_boundary(text, span.start.saturating_sub(60));
    let end = ceil_boundary(text, (span.end + 60).min(text.len()));
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "…{} [{}] {}…",
        one_line(&text[start..span.start]),
        one_line(&text[span.clone()]),
        one_line(&text[span.end..end])
    )
}

pub fn evaluate(kb: &Kb, articles: &[Article]) -> FalseAlarmReport {
    let per_article: Vec<Vec<Finding>> = articles
        .par_iter()
        .map(|article| {
            let analysis = analyze(&article.text, kb, &AnalysisOptions::default());
            analysis
                .diagnostics
                .iter()
                .map(|d| Finding {
                    article: article.id.clone(),
                    code: d.code.as_str(),
                    written: article.text[d.span.clone()].to_string(),
                    message: d.message.clone(),
                    suggestions: d.suggestions.clone(),
                    context: context(&article.text, &d.span),
                })
                .collect()
        })
        .collect();
    let mut report = FalseAlarmReport {
        articles: articles.len(),
        words: articles.iter().map(|a| count_words(&a.text)).sum(),
        ..FalseAlarmReport::default()
    };
    for finding in per_article.into_iter().flatten() {
        *report.by_code.entry(finding.code).or_default() += 1;
        report.findings.push(finding);
    }
    report
}
