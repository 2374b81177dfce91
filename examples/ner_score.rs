//! Scores entity highlights with `byline eval`'s scorer (`src/eval/ner.rs`: exact
//! span, typed and untyped micro F1) on re3d or on a held-out set `train_typer`
//! wrote, for Byline or for another system's predictions.
//!
//! ```text
//! cargo run --release --example ner_score -- (--re3d DIR | --gold FILE.jsonl) \
//!     [--predictions FILE.jsonl] [--name SET] [--rules] [--errors FILE.jsonl] \
//!     [--others FILE.jsonl]
//! ```
//!
//! `--rules` scores Byline with the unknown names typed by the cue rules alone, not the
//! learned typer: the figures before the typer. `--errors` writes every gold span
//! missed and every wrong highlight, one JSON line each, for reading what goes wrong.
//! `--others` writes the unlinked mentions counted in `unlinked_typed_other` (a gold
//! person, organisation or place's exact span typed `other`), one JSON line each, for
//! `scripts/typer/other_mentions.py`.
//!
//! Predictions are JSON lines `{"id": …, "spans": [{"start": …, "end": …, "label": …}]}`
//! in byte offsets, `label` one of Person, Organisation, Location, Nationality or null
//! (a highlight with no such type). Without `--predictions` Byline (default KB) is
//! scored. Where the gold set has no Nationality spans (every set but re3d), a
//! Nationality highlight counts untyped, for every system alike; where it has them
//! (re3d), a plural one ("Syrians") counts as re3d's Organisation, "a group of
//! people", for every system alike. Prints one JSON line.

use std::collections::HashMap;
use std::path::PathBuf;

use byline::eval::data::read_re3d;
use byline::eval::ner::{
    byline_predictions, evaluate_predictions, groups_of_people_as_organisations, NerReport,
    Predicted, Score, CATEGORIES,
};
use byline::eval::NerDocument;
use byline_core::analysis::mentions::Typing;
use byline_core::analysis::{analyze, AnalysisOptions};
use byline_kb::Category;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct PredictedSpan {
    start: usize,
    end: usize,
    label: Option<String>,
}

#[derive(Deserialize)]
struct PredictedDoc {
    id: String,
    spans: Vec<PredictedSpan>,
}

fn lines<T: for<'de> Deserialize<'de>>(path: &PathBuf) -> Vec<T> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn figures(score: &Score) -> serde_json::Value {
    json!({
        "precision": (score.precision() * 1000.0).round() / 1000.0,
        "recall": (score.recall() * 1000.0).round() / 1000.0,
        "f1": (score.f1() * 1000.0).round() / 1000.0,
        // The counts, so that a change of one span shows where three decimals do not.
        "correct": score.correct,
        "predicted": score.predicted,
        "gold": score.gold,
    })
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut re3d, mut gold, mut predictions, mut name) = (None, None, None, None);
    let mut errors: Option<PathBuf> = None;
    let mut others: Option<PathBuf> = None;
    let mut options = AnalysisOptions::default();
    while let Some(arg) = args.next() {
        if arg == "--rules" {
            options.typing = Typing::Rules;
            continue;
        }
        let value = args.next().expect("a value after each option");
        match arg.as_str() {
            "--re3d" => re3d = Some(PathBuf::from(value)),
            "--gold" => gold = Some(PathBuf::from(value)),
            "--predictions" => predictions = Some(PathBuf::from(value)),
            "--name" => name = Some(value),
            "--errors" => errors = Some(PathBuf::from(value)),
            "--others" => others = Some(PathBuf::from(value)),
            other => panic!("unknown option {other}"),
        }
    }
    let documents: Vec<NerDocument> = match (&re3d, &gold) {
        (Some(dir), _) => read_re3d(dir).expect("re3d"),
        (None, Some(file)) => lines(file),
        (None, None) => panic!("--re3d DIR or --gold FILE.jsonl"),
    };
    let has_nationality = documents
        .iter()
        .any(|d| d.spans.iter().any(|s| s.kind == "Nationality"));
    let keep = |category: Option<&'static str>| {
        category.filter(|c| has_nationality || *c != "Nationality")
    };
    let kb = byline_default_kb::default_kb().expect("default KB");
    let system;
    let report: NerReport = match &predictions {
        Some(file) => {
            system = "other";
            let mut by_id: HashMap<String, Vec<PredictedSpan>> = lines::<PredictedDoc>(file)
                .into_iter()
                .map(|d| (d.id, d.spans))
                .collect();
            evaluate_predictions(&documents, |doc| {
                let mut predicted: Vec<Predicted> = by_id
                    .remove(&doc.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| Predicted {
                        start: s.start,
                        end: s.end,
                        category: keep(
                            s.label
                                .and_then(|l| CATEGORIES.iter().copied().find(|c| *c == l)),
                        ),
                        title_starts: Vec::new(),
                    })
                    .collect();
                if has_nationality {
                    groups_of_people_as_organisations(&doc.text, &mut predicted);
                }
                predicted
            })
        }
        None => {
            system = if options.typing == Typing::Rules {
                "byline-rules"
            } else {
                "byline"
            };
            evaluate_predictions(&documents, |doc| {
                let mut predicted = byline_predictions(&kb, &doc.text, &options);
                for p in &mut predicted {
                    p.category = keep(p.category);
                }
                if has_nationality {
                    groups_of_people_as_organisations(&doc.text, &mut predicted);
                }
                predicted
            })
        }
    };
    // Byline's mentions the KB does not link that match a gold person, organisation
    // or location exactly: how many of them it calls `other`.
    let mut unlinked = 0;
    let mut unlinked_other = 0;
    let mut other_lines = String::new();
    if predictions.is_none() {
        for doc in &documents {
            let named: HashMap<(usize, usize), &str> = doc
                .spans
                .iter()
                .filter(|s| matches!(s.kind.as_str(), "Person" | "Organisation" | "Location"))
                .map(|s| ((s.start, s.end), s.kind.as_str()))
                .collect();
            for m in analyze(&doc.text, &kb, &options).mentions {
                if m.entity.is_none() && named.contains_key(&(m.span.start, m.span.end)) {
                    unlinked += 1;
                    if m.category == Category::Other {
                        unlinked_other += 1;
                        let line = json!({
                            "document": doc.id,
                            "text": &doc.text[m.span.clone()],
                            "gold": named[&(m.span.start, m.span.end)],
                            "before": doc.text[..m.span.start].split_whitespace().last(),
                            "after": doc.text[m.span.end..].split_whitespace().next(),
                        });
                        other_lines.push_str(&format!("{line}\n"));
                    }
                }
            }
        }
    }
    if let Some(path) = &others {
        std::fs::write(path, &other_lines).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    if let Some(path) = &errors {
        let lines: String = report
            .errors
            .iter()
            .map(|miss| serde_json::to_string(miss).expect("JSON") + "\n")
            .collect();
        std::fs::write(path, lines).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let set = name.unwrap_or_else(|| {
        re3d.or(gold)
            .map(|p| {
                p.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .unwrap_or_default()
    });
    let mut out = json!({
        "set": set,
        "system": system,
        "documents": report.documents,
        "typed": figures(&report.typed_micro),
        "untyped": figures(&report.untyped),
        "by_category": report.typed.iter().map(|(c, s)| (c.to_string(), figures(s))).collect::<serde_json::Map<_, _>>(),
    });
    if predictions.is_none() {
        out["unlinked_gold_names"] = json!(unlinked);
        out["unlinked_typed_other"] = json!(unlinked_other);
    }
    println!("{out}");
}
