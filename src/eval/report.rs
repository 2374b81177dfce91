//! The report: Markdown tables (the README's) or JSON with every trial.

use std::fmt::Write;

use super::clean_text::CleanTextReport;
use super::data::CorpusKind;
use super::misspell::{ErrorType, Tally};
use super::names_dev::{Half, NamesDevReport, NamesDevTally, KINDS};
use super::ner::{f1, Score, CATEGORIES};
use super::ordinary_names::OrdinaryNamesReport;
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
    markdown_with(report, details, details)
}

/// The full Markdown report; `names_dev_details` lists names-dev's misses and false
/// flags without the other sections' details. The sections measured on text we did not
/// write follow the default report, which is unchanged.
pub fn markdown_with(report: &EvalReport, details: bool, names_dev_details: bool) -> String {
    let mut out = default_sections(report, details);
    if let Some(nd) = &report.names_dev {
        out.push_str(&names_dev(nd, names_dev_details));
    } else if let Some(why) = report.skipped.get("names-dev") {
        let _ = writeln!(out, "\n## names-dev\n\nSkipped: {why}.");
    }
    if let Some(ct) = &report.clean_text {
        out.push_str(&clean_text(ct, details));
    } else if let Some(why) = report.skipped.get("clean-text") {
        let _ = writeln!(out, "\n## False alarms on clean text\n\nSkipped: {why}.");
    }
    if let Some(on) = &report.ordinary_names {
        out.push_str(&ordinary_names(on, details));
    } else if let Some(why) = report.skipped.get("ordinary-names") {
        let _ = writeln!(out, "\n## Ordinary-names probe\n\nSkipped: {why}.");
    }
    out
}

/// The sections `byline eval` has always printed.
fn default_sections(report: &EvalReport, details: bool) -> String {
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

/// One row: `label` is its first cell or cells ("fit | 150").
fn names_dev_row(out: &mut String, label: &str, t: &NamesDevTally) {
    let _ = writeln!(
        out,
        "| {label} | {} | {} |",
        misspelled_cells(t),
        correct_cells(t)
    );
}

/// The misspelled rows' columns: rows, caught, recall, top-1.
fn misspelled_cells(t: &NamesDevTally) -> String {
    format!(
        "{} | {} | {} | {}",
        t.misspelled,
        t.caught,
        pct(t.recall()),
        pct(t.top1_rate())
    )
}

/// The correct rows' columns: rows, flagged, flagged %.
fn correct_cells(t: &NamesDevTally) -> String {
    format!("{} | {} | {}", t.correct, t.flagged, pct(t.flagged_rate()))
}

const NAMES_DEV_HEADER: &str =
    "| misspelled | caught | recall | top-1 | correct | flagged | flagged % |";

/// The names-dev section: overall, per category, per kind, the entity split.
pub fn names_dev(r: &NamesDevReport, details: bool) -> String {
    let mut out = String::new();
    let o = &r.overall;
    let _ = writeln!(
        out,
        "\n## names-dev: misspellings written independently of Byline\n\n\
         source: {} (not ours: written for a misspelling checker by an author who never saw \
         Byline; CC0 1.0). Each sentence is analysed as its own story; a misspelled row is \
         caught by a `misspelled-name` or `inconsistent-spelling` finding on its token, top-1 \
         when that finding's first suggestion is an expected form (the rule of \
         ../shared/hooks/names_dev_score.py); a correct row is flagged by any finding of the \
         two codes.\n\n\
         recall {}/{} ({}), top-1 {}/{} ({}), correct sentences flagged {}/{} ({}).\n",
        r.source,
        o.caught,
        o.misspelled,
        pct(o.recall()),
        o.top1,
        o.misspelled,
        pct(o.top1_rate()),
        o.flagged,
        o.correct,
        pct(o.flagged_rate())
    );
    // Categories in order of size, then name.
    let mut categories: Vec<(&String, &NamesDevTally)> = r.by_category.iter().collect();
    categories.sort_by(|a, b| {
        (b.1.misspelled + b.1.correct)
            .cmp(&(a.1.misspelled + a.1.correct))
            .then(a.0.cmp(b.0))
    });
    out.push_str(
        "| misspelling category | rows | caught | recall | top-1 |\n|---|---|---|---|---|\n",
    );
    for (name, t) in categories.iter().filter(|(_, t)| t.misspelled > 0) {
        let _ = writeln!(out, "| {name} | {} |", misspelled_cells(t));
    }
    let _ = writeln!(out, "| **all** | {} |", misspelled_cells(o));
    out.push_str(
        "\n| correct-sentence category | rows | flagged | flagged % |\n|---|---|---|---|\n",
    );
    for (name, t) in categories.iter().filter(|(_, t)| t.correct > 0) {
        let _ = writeln!(out, "| {name} | {} |", correct_cells(t));
    }
    let _ = writeln!(out, "| **all** | {} |", correct_cells(o));
    let _ = writeln!(
        out,
        "\n| kind {NAMES_DEV_HEADER}\n|---|---|---|---|---|---|---|---|"
    );
    for kind in KINDS
        .iter()
        .copied()
        .chain(r.by_kind.keys().copied().filter(|k| !KINDS.contains(k)))
    {
        if let Some(t) = r.by_kind.get(kind) {
            names_dev_row(&mut out, kind, t);
        }
    }
    names_dev_row(&mut out, "**all**", o);
    let _ = writeln!(
        out,
        "\nEntity split: a fixed hash of the folded first expected form puts every row of one \
         entity on one side (correct rows by their id); tune on **fit**, judge on **report**.\n\n\
         | half | entities {NAMES_DEV_HEADER}\n|---|---|---|---|---|---|---|---|---|"
    );
    for half in [Half::Fit, Half::Report] {
        if let Some(t) = r.by_half.get(&half) {
            names_dev_row(&mut out, &format!("{} | {}", half.as_str(), t.entities), t);
        }
    }
    if details {
        out.push_str("\n### names-dev misspellings missed or mis-ranked\n\n");
        for row in r.rows.iter().filter(|row| row.misspelled && !row.top1) {
            let on: Vec<_> = row.findings.iter().filter(|f| f.on_token).collect();
            let outcome = match on.first() {
                Some(f) => format!(
                    "caught, first suggestion {:?} — `{}` {}",
                    f.suggestions.first().map_or("", String::as_str),
                    f.code,
                    f.message
                ),
                None => "not caught".to_string(),
            };
            let _ = writeln!(
                out,
                "- {} ({}, {}, {}): {} → {}: {}. {}",
                row.id,
                row.category,
                row.domain,
                row.half.as_str(),
                row.token,
                row.expected,
                outcome,
                row.text
            );
            for f in row.findings.iter().filter(|f| !f.on_token) {
                let _ = writeln!(
                    out,
                    "  - elsewhere: `{}` \"{}\" — {} (suggested {:?})",
                    f.code, f.written, f.message, f.suggestions
                );
            }
        }
        out.push_str("\n### names-dev correct sentences flagged\n\n");
        for row in r.rows.iter().filter(|row| row.flagged()) {
            for f in &row.findings {
                let _ = writeln!(
                    out,
                    "- {} ({}, {}, {}): `{}` \"{}\" — {} (suggested {:?}). {}",
                    row.id,
                    row.category,
                    row.domain,
                    row.half.as_str(),
                    f.code,
                    f.written,
                    f.message,
                    f.suggestions,
                    row.text
                );
            }
        }
    }
    out
}

/// The clean-text section: findings per 10,000 words per corpus; tweets apart.
pub fn clean_text(r: &CleanTextReport, details: bool) -> String {
    let mut out = String::new();
    let h = &r.headline;
    let _ = writeln!(
        out,
        "\n## False alarms on clean text\n\n\
         source: {}. Each document analysed as its own story; every finding of every code \
         counts. Edited text: {} findings in {} documents ({} words): {:.2} per 10,000 words. \
         Tweets hold real typos and are never counted in that figure.\n",
        r.source,
        h.findings,
        h.documents,
        h.words,
        h.per_10k_words()
    );
    out.push_str("| corpus | text | documents | words | findings | per 10,000 words |\n|---|---|---|---|---|---|\n");
    for kind in [CorpusKind::Edited, CorpusKind::Tweets] {
        for c in r.corpora.iter().filter(|c| c.kind == kind) {
            let f = &c.findings;
            let _ = writeln!(
                out,
                "| {}{} | {} | {} | {} | {} | {:.2} |",
                c.name,
                if kind == CorpusKind::Tweets {
                    " (tweets: not counted)"
                } else {
                    ""
                },
                c.description,
                f.articles,
                f.words,
                f.findings.len(),
                f.per_10k_words()
            );
        }
        if kind == CorpusKind::Edited {
            let _ = writeln!(
                out,
                "| **edited text** | | {} | {} | {} | {:.2} |",
                h.documents,
                h.words,
                h.findings,
                h.per_10k_words()
            );
        }
    }
    out.push_str("\nFindings by code:");
    for c in &r.corpora {
        let codes: Vec<String> = c
            .findings
            .by_code
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let _ = write!(
            out,
            " {}: {};",
            c.name,
            if codes.is_empty() {
                "none".to_string()
            } else {
                codes.join(", ")
            }
        );
    }
    out.push('\n');
    if details {
        for c in &r.corpora {
            let _ = writeln!(out, "\n### Findings on {}\n", c.name);
            for f in &c.findings.findings {
                let _ = writeln!(
                    out,
                    "- `{}` {} — {} (suggested {:?}): {}",
                    f.code, f.article, f.message, f.suggestions, f.context
                );
            }
        }
    }
    out
}

/// The ordinary-names section: findings per 1,000 invented names.
pub fn ordinary_names(r: &OrdinaryNamesReport, details: bool) -> String {
    let mut out = String::new();
    let codes: Vec<String> = r
        .by_code
        .iter()
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    let _ = writeln!(
        out,
        "\n## Ordinary-names probe\n\n\
         source: {}. {} invented names from {} locales, each in one sentence (\"Reporter NAME \
         said the vote would go ahead.\") analysed as its own story; every finding is a false \
         alarm. {} findings on {} names: {:.1} per 1,000 names ({}).\n",
        r.source,
        r.names,
        r.by_locale.len(),
        r.findings.len(),
        r.flagged,
        r.per_1000_names(),
        if codes.is_empty() {
            "none".to_string()
        } else {
            codes.join(", ")
        }
    );
    let mut locales: Vec<_> = r.by_locale.iter().filter(|(_, t)| t.findings > 0).collect();
    locales.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
    if !locales.is_empty() {
        out.push_str("| locale | names | names flagged | findings |\n|---|---|---|---|\n");
        for (locale, t) in locales {
            let _ = writeln!(
                out,
                "| {locale} | {} | {} | {} |",
                t.names, t.flagged, t.findings
            );
        }
        let clean: Vec<&str> = r
            .by_locale
            .iter()
            .filter(|(_, t)| t.findings == 0)
            .map(|(l, _)| l.as_str())
            .collect();
        let _ = writeln!(out, "\nNo finding: {}.", clean.join(", "));
    }
    if details {
        out.push_str("\n### Ordinary-names findings\n\n");
        for f in &r.findings {
            let _ = writeln!(
                out,
                "- {} {} ({}): `{}` \"{}\" — {} (suggested {:?})",
                f.id, f.name, f.locale, f.code, f.written, f.message, f.suggestions
            );
        }
    }
    out
}

/// JSON with every trial, finding and entity error.
pub fn json(report: &EvalReport) -> String {
    serde_json::to_string_pretty(report).expect("the report serialises")
}
