//! `byline eval` on the project's own data: runs without ../shared, gives sane,
//! non-trivial numbers, and is deterministic.

use std::sync::OnceLock;

use byline::eval::{self, data, EvalConfig, EvalReport, Sources};
use byline_kb::Kb;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| byline_default_kb::default_kb().expect("default KB loads"))
}

fn run_builtin() -> EvalReport {
    eval::run(
        kb(),
        &data::fallback_articles(),
        &data::fallback_ner(),
        Sources {
            news: "built-in".into(),
            re3d: "built-in".into(),
        },
        &EvalConfig::default(),
    )
}

#[test]
fn builtin_eval_is_deterministic_and_non_trivial() {
    let first = run_builtin();
    let second = run_builtin();
    assert!(eval::report::json(&first) == eval::report::json(&second));
    assert!(eval::report::markdown(&first, true) == eval::report::markdown(&second, true));

    let m = &first.misspellings;
    assert!(m.targets >= 15, "targets: {}", m.targets);
    assert!(m.overall.trials >= 100, "trials: {}", m.overall.trials);
    assert!(m.by_kind.contains_key("person") && m.by_kind.contains_key("organisation"));
    // Every trial's name is a KB entity and its slip differs from the original.
    for trial in &m.trials {
        assert!(kb().find_id(&trial.entity).is_some(), "{}", trial.entity);
        assert_ne!(trial.original, trial.written);
    }
    assert!(m.overall.recall() > 0.3, "recall {}", m.overall.recall());
    assert!(m.overall.top1 <= m.overall.detected);

    // The clean paragraphs, including unknown but correct names, draw no finding.
    let fa = &first.false_alarms;
    assert_eq!(fa.articles, 10);
    assert!(fa.findings.is_empty(), "{:?}", fa.findings);

    let e = &first.entities;
    assert_eq!(e.documents, 6);
    assert!(e.typed_micro.gold >= 20);
    assert!(e.typed_micro.f1() > 0.6, "typed F1 {}", e.typed_micro.f1());
    assert!(e.untyped.f1() >= e.typed_micro.f1() - 0.05);
}

#[test]
fn the_summary_table_lists_every_target() {
    let report = run_builtin();
    let table = eval::report::summary(&report);
    for metric in [
        "misspelling recall",
        "top-1 suggestion",
        "false alarms per 10,000 words",
        "re3d typed micro F1",
        "re3d untyped F1",
    ] {
        assert!(table.contains(metric), "{table}");
    }
}

/// With ../shared present, its readers accept the real files (skipped without it).
#[test]
fn shared_data_parses_when_present() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let news = root.join("news/articles.jsonl");
    if let Ok(text) = std::fs::read_to_string(&news) {
        let articles = data::parse_articles(&text, "articles.jsonl").expect("parses");
        assert!(articles.len() > 100);
    }
    let re3d = root.join("ner-dev/re3d");
    if re3d.is_dir() {
        let docs = data::read_re3d(&re3d).expect("parses");
        assert!(docs.len() > 50);
        for doc in &docs {
            for span in &doc.spans {
                assert!(
                    doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end)
                );
            }
        }
    }
}
