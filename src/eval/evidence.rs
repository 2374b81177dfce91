//! `byline eval --dump-evidence PATH`: every (written word, KB candidate) pair the
//! `misspelled-name` decision weighs, with its features and a label, as TSV for
//! `scripts/fit_slip_weights.py`. Sources: names-dev (not ours), the generator's
//! trials, the clean corpora (tweets apart) and the ordinary-names probe; every pair
//! outside a misspelled word is a negative.
//!
//! Each pair carries the half of the entity split it falls in, so weights fitted on the
//! `fit` half are judged on entities they never saw: a names-dev row's half as
//! `byline eval` splits it (by the intended entity), a trial's by its target entity,
//! and a clean-text pair's by the candidate.

use std::io::Write;

use rayon::prelude::*;

use super::data::{CleanCorpus, CorpusKind, NamesDev, OrdinaryName};
use super::misspell::TrialStory;
use super::names_dev::{entity_key, half_of, is_expected, on_token, Half};
use byline_core::analysis::{slip_evidence, AnalysisOptions, SlipEvidence};
use byline_kb::normalize::fold;
use byline_kb::Kb;

/// One dumped pair before it is written.
struct Row {
    source: &'static str,
    half: Half,
    label: bool,
    written: String,
    evidence: SlipEvidence,
}

fn pairs(kb: &Kb, text: &str) -> Vec<SlipEvidence> {
    slip_evidence(text, kb, &AnalysisOptions::default())
}

/// The candidate's half, for a pair that is no slip of it.
fn candidate_half(kb: &Kb, evidence: &SlipEvidence) -> Half {
    half_of(&kb.entity(evidence.entity).id)
}

fn negatives(kb: &Kb, source: &'static str, text: &str) -> Vec<Row> {
    pairs(kb, text)
        .into_iter()
        .map(|e| Row {
            source,
            half: candidate_half(kb, &e),
            label: false,
            written: text[e.span.clone()].to_string(),
            evidence: e,
        })
        .collect()
}

/// Writes the header and every pair of every source given.
pub fn dump(
    kb: &Kb,
    names_dev: Option<&NamesDev>,
    trials: &[TrialStory],
    clean: &[CleanCorpus],
    ordinary: &[OrdinaryName],
    out: &mut impl Write,
) -> std::io::Result<usize> {
    let mut rows: Vec<Row> = Vec::new();
    if let Some(set) = names_dev {
        rows.par_extend(set.rows.par_iter().flat_map_iter(|row| {
            let text = format!("{}\n", row.text);
            let half = half_of(&entity_key(row));
            pairs(kb, &text).into_iter().map(move |e| {
                let written = text[e.span.clone()].to_string();
                let on = row.is_miss() && on_token(&row.token, &written);
                // The pair is the slip the row means when it names the expected entity,
                // whatever marks its form carries ("Naţanz" for Natanz): the fit learns
                // which candidate is meant; top-1 (the scorer's exact form) is the
                // suggestion's business.
                let label = on && is_expected(&fold(&e.suggestion), &fold(&row.expected));
                Row {
                    source: "names-dev",
                    half,
                    label,
                    written,
                    evidence: e,
                }
            })
        }));
    }
    rows.par_extend(trials.par_iter().flat_map_iter(|story| {
        let original = fold(&story.original);
        let half = half_of(&story.entity_id);
        pairs(kb, &story.text)
            .into_iter()
            .filter(|e| e.span.start < story.span.end && story.span.start < e.span.end)
            .map(move |e| Row {
                source: "generator",
                half,
                label: kb.entity(e.entity).id == story.entity_id || fold(&e.suggestion) == original,
                written: story.written.clone(),
                evidence: e,
            })
    }));
    for corpus in clean.iter().filter(|c| c.kind == CorpusKind::Edited) {
        rows.par_extend(
            corpus
                .documents
                .par_iter()
                .flat_map_iter(|d| negatives(kb, "clean-text", &d.text)),
        );
    }
    rows.par_extend(
        ordinary
            .par_iter()
            .flat_map_iter(|n| negatives(kb, "ordinary-names", &n.sentence)),
    );
    let Some(first) = rows.first() else {
        return Ok(0);
    };
    let names: Vec<&str> = first.evidence.features.iter().map(|(n, _)| *n).collect();
    writeln!(
        out,
        "source\thalf\tlabel\twritten\tsuggestion\tentity\t{}\tmargin",
        names.join("\t")
    )?;
    for row in &rows {
        let values: Vec<String> = row
            .evidence
            .features
            .iter()
            .map(|(_, v)| v.to_string())
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.source,
            row.half.as_str(),
            u8::from(row.label),
            row.written,
            row.evidence.suggestion,
            kb.entity(row.evidence.entity).id,
            values.join("\t"),
            row.evidence.margin
        )?;
    }
    Ok(rows.len())
}
