//! The report: Markdown tables (the README's) or JSON with every trial.

use std::fmt::Write;

use super::misspell::{ErrorType, Tally};
use super::ner::{f1, Score, CATEGORIES};
use super::{targets, EvalReport};

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn met(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "**no**"
    }
}

fn tally_row(out: &mut String, label: &str, t: &Tally) {
    let _ = writeln!(
        out,
        "| {label} | {} | {} | {} | {} |",
        t.trials,
        pct(t.recall()),
        pct(t.top1_rate()),
        pct(t.top3_rate())
    );
}

fn score_cells(s: &Score) -> String {
    format!("{:.2} | {:.2} | {:.2}", s.precision(), s.recall(), s.f1())
}

/// The summary table: metric | target | measured | met?
pub fn summary(report: &EvalReport) -> String {
    let m = &report.misspellings.overall;
    let fa = report.false_alarms.per_10k_words();
    let typed = report.entities.typed_micro.f1();
    let untyped = report.entities.untyped.f1();
    let mut out = String::new();
    out.push_str("| metric | target | measured | met? |\n|---|---|---|---|\n");
    let _ = writeln!(
        out,
        "| misspelling recall | ≥ 95% | {} | {} |",
        pct(m.recall()),
        met(m.recall() >= targets::RECALL)
    );
    let _ = writeln!(
        out,
        "| top-1 suggestion | ≥ 90% | {} | {} |",
        pct(m.top1_rate()),
        met(m.top1_rate() >= targets::TOP1)
    );
    let _ = writeln!(out, "| top-3 suggestion | — | {} | — |", pct(m.top3_rate()));
    let _ = writeln!(
        out,
        "| false alarms per 10,000 words | ≤ 1 | {:.2} ({} in {} words) | {} |",
        fa,
        report.false_alarms.findings.len(),
        report.false_alarms.words,
        met(fa <= targets::FALSE_ALARMS_PER_10K)
    );
    let _ = writeln!(
        out,
        "| re3d typed micro F1 | ≥ 0.70 | {typed:.2} | {} |",
        met(typed >= targets::TYPED_F1)
    );
    let _ = writeln!(
        out,
        "| re3d untyped F1 | ≥ 0.80 | {untyped:.2} | {} |",
        met(untyped >= targets::UNTYPED_F1)
    );
    out
}

/// The full Markdown report.
pub fn markdown(report: &EvalReport, details: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Byline accuracy (seed {})\n\nnews: {}  \nre3d: {}\n",
        report.seed, report.sources.news, report.sources.re3d
    );
    out.push_str(&summary(report));

    let m = &report.misspellings;
    let _ = writeln!(
        out,
        "\n## Misspellings\n\n{} trials on {} target names ({} KB entities).\n",
        m.overall.trials, m.targets, m.entities
    );
    out.push_str("| error type | example | trials | recall | top-1 | top-3 |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for kind in ErrorType::ALL {
        if let Some(t) = m.by_error.get(&kind) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                kind.as_str(),
                kind.example(),
                t.trials,
                pct(t.recall()),
                pct(t.top1_rate()),
                pct(t.top3_rate())
            );
        }
    }
    tally_row(&mut out, "**all** | ", &m.overall);
    out.push_str("\n| entity kind | trials | recall | top-1 | top-3 |\n|---|---|---|---|---|\n");
    for (kind, t) in &m.by_kind {
        tally_row(&mut out, kind, t);
    }
    if !m.not_generated.is_empty() {
        out.push_str("\nTargets with no slip of a type (every variant was another KB name word or, except real-word slips, an English word):");
        for (kind, n) in &m.not_generated {
            let _ = write!(out, " {} {n};", kind.as_str());
        }
        out.push('\n');
    }

    let fa = &report.false_alarms;
    let _ = writeln!(
        out,
        "\n## False alarms\n\n{} findings in {} clean articles ({} words): {:.2} per 10,000 words.\n",
        fa.findings.len(),
        fa.articles,
        fa.words,
        fa.per_10k_words()
    );
    for f in &fa.findings {
        let _ = writeln!(
            out,
            "- `{}` {} — {}: {}",
            f.code, f.article, f.message, f.context
        );
    }

    let e = &report.entities;
    let _ = writeln!(
        out,
        "\n## Entity highlighting (re3d named mentions, {} documents)\n",
        e.documents
    );
    out.push_str(
        "| category | gold | typed P | typed R | typed F1 | untyped P | untyped R | untyped F1 |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for c in CATEGORIES {
        let t = &e.typed[c];
        let u = &e.untyped_by_category[c];
        let _ = writeln!(
            out,
            "| {c} | {} | {} | {} |",
            t.gold,
            score_cells(t),
            score_cells(u)
        );
    }
    let _ = writeln!(
        out,
        "| **micro** | {} | {} | {} |",
        e.typed_micro.gold,
        score_cells(&e.typed_micro),
        score_cells(&e.untyped)
    );
    let typed_bound = e.ceiling.typed_recall(e.typed_micro.gold);
    let untyped_bound = e.ceiling.untyped_recall();
    let _ = writeln!(
        out,
        "\nre3d nests mentions (\"the Government of Iraq\" holds \"Iraq\") and labels some \
         spans twice; one highlight per word can match at most {} of the {} named gold \
         spans: recall ≤ {typed_bound:.2} typed, ≤ {untyped_bound:.2} untyped, so F1 ≤ {:.2} \
         and ≤ {:.2} even with every highlight right.",
        e.ceiling.flat_spans,
        e.ceiling.distinct_spans,
        f1(1.0, typed_bound),
        f1(1.0, untyped_bound),
    );

    if details {
        out.push_str("\n## Misspelling trials missed or mis-ranked\n\n");
        for t in m.trials.iter().filter(|t| t.rank != Some(1)) {
            let _ = writeln!(
                out,
                "- {} ({}, {}): {} → {} [{}] {}",
                t.name,
                t.kind,
                t.article,
                t.original,
                t.written,
                t.error.as_str(),
                if t.detected {
                    format!("suggested {:?}", t.suggestions)
                } else {
                    "not caught".to_string()
                }
            );
        }
        out.push_str("\n## Target names\n\n");
        let mut names: Vec<(&str, &str)> = m
            .trials
            .iter()
            .map(|t| (t.name.as_str(), t.entity.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        for (name, id) in names {
            let _ = writeln!(out, "- {name} ({id})");
        }
        out.push_str("\n## Entity errors\n\n");
        for miss in &e.errors {
            let _ = writeln!(
                out,
                "- {}: \"{}\" gold {} highlighted {}",
                miss.document,
                miss.text.replace('\n', " "),
                miss.gold.unwrap_or("-"),
                miss.predicted.unwrap_or("-")
            );
        }
    }
    out
}

/// JSON with every trial, finding and entity error.
pub fn json(report: &EvalReport) -> String {
    serde_json::to_string_pretty(report).expect("the report serialises")
}
