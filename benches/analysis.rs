//! Analysis speed with the embedded default KB: the example story, and stories of 1,000
//! and 10,000 words and 1 MB of distinct news paragraphs; and one
//! keystroke's re-analysis of a 5,000-word story by the incremental analysis.

use std::sync::Arc;

/// The allocator the binary ships with (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use byline_core::analysis::{analyze, AnalysisOptions, Incremental};
use byline_core::prose::Format;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const STORY: &str = include_str!("../examples/moscow-talks.md");
const PLAIN: &str = include_str!("../examples/iran-russia-plain.txt");

/// Distinct paragraphs of real news: the shared corpus when it is present (a fair
/// figure: the analysis reuses the work of a paragraph it has already seen in the
/// story, so repeating one paragraph would flatter it), else the project's own texts.
/// The corpus is `../shared` beside the checkout, or `$BYLINE_SHARED` (a worktree
/// elsewhere). Regression: a worktree under /tmp fell back to the example text unseen,
/// ran twice as fast, and its figures were compared with main's on real news.
fn paragraphs() -> Vec<String> {
    let shared = std::env::var("BYLINE_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").to_string());
    let corpus = format!("{shared}/data/news/articles.jsonl");
    let mut out = Vec::new();
    if let Ok(text) = std::fs::read_to_string(corpus) {
        for line in text.lines() {
            let article: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
            let body = article["text"].as_str().unwrap_or_default();
            out.extend(
                body.split("\n\n")
                    .filter(|p| p.split_whitespace().count() >= 5)
                    .map(str::to_string),
            );
        }
    }
    if out.is_empty() {
        eprintln!("no ../shared news corpus: stories repeat the example paragraphs");
        out.push(PLAIN.to_string());
    }
    out
}

/// The name of the story-size groups: "words" on real news, "example-words" on the
/// fallback, so figures on the two texts never share a name (nor criterion's saved
/// baseline).
fn words_group() -> &'static str {
    if paragraphs().len() > 1 {
        "words"
    } else {
        "example-words"
    }
}

/// A story of about `words` words of distinct paragraphs (repeating only when the
/// paragraphs run out).
fn story_of(words: usize) -> String {
    let mut text = String::new();
    for paragraph in paragraphs().iter().cycle() {
        if text.split_whitespace().count() >= words {
            break;
        }
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text
}

fn bench_analysis(c: &mut Criterion) {
    let kb = byline_default_kb::default_kb().expect("default KB loads");
    let markdown = AnalysisOptions {
        format: Some(Format::Markdown),
        ..AnalysisOptions::default()
    };
    c.bench_function("analyze/moscow-talks.md", |b| {
        b.iter(|| analyze(STORY, &kb, &markdown))
    });
    let mut group = c.benchmark_group(format!("analyze/{}", words_group()));
    for words in [1_000, 10_000] {
        let text = story_of(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &text, |b, text| {
            b.iter(|| analyze(text, &kb, &AnalysisOptions::default()))
        });
    }
    group.finish();
    // The KB caches fuzzy lookups across analyses; a story never seen before pays them.
    let mut group = c.benchmark_group(format!("analyze/{}-cold-cache", words_group()));
    for words in [1_000, 10_000] {
        let text = story_of(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &text, |b, text| {
            b.iter(|| {
                kb.clear_near_cache();
                analyze(text, &kb, &AnalysisOptions::default())
            })
        });
    }
    group.finish();
    // The whole news corpus as one document (0.3 MB, every paragraph distinct) ...
    let corpus = paragraphs().join("\n\n");
    let mut group = c.benchmark_group("analyze/news-corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.len() as u64));
    group.bench_function("warm-cache", |b| {
        b.iter(|| analyze(&corpus, &kb, &AnalysisOptions::default()))
    });
    group.finish();
    // ... and a megabyte, which repeats it about three times (repeats are reused, so
    // per byte this is kinder than the corpus alone).
    let mut megabyte = String::new();
    for paragraph in paragraphs().iter().cycle() {
        if megabyte.len() >= 1_000_000 {
            break;
        }
        megabyte.push_str(paragraph);
        megabyte.push_str("\n\n");
    }
    let mut group = c.benchmark_group("analyze/1MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(megabyte.len() as u64));
    group.bench_function("warm-cache", |b| {
        b.iter(|| analyze(&megabyte, &kb, &AnalysisOptions::default()))
    });
    group.finish();
}

/// One keystroke in a 5,000-word story re-analysed by the document's [`Incremental`]
/// analysis, as the language server does: a character typed somewhere, then deleted
/// at the next iteration (so the story does not decay into misspellings), then the
/// next place.
fn bench_incremental(c: &mut Criterion) {
    let kb = Arc::new(byline_default_kb::default_kb().expect("default KB loads"));
    let options = AnalysisOptions::default();
    let mut text = story_of(5_000);
    let mut incremental = Incremental::new();
    incremental.analyze(&text, &kb, &options);
    let (mut at, mut typed) = (0usize, false);
    c.bench_function("analyze/incremental-keystroke/5000", |b| {
        b.iter(|| {
            if typed {
                text.remove(at);
                at = (at + 7_919) % text.len();
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
            } else {
                text.insert(at, 'e');
            }
            typed = !typed;
            incremental.analyze(&text, &kb, &options)
        })
    });
}

fn bench_kb_load(c: &mut Criterion) {
    c.bench_function("kb/default_kb load", |b| {
        b.iter(|| byline_default_kb::default_kb().expect("loads"))
    });
}

/// One fuzzy name lookup (misspelling candidates), as `misspelled-name` asks it.
fn bench_kb_fuzzy(c: &mut Criterion) {
    let kb = byline_default_kb::default_kb().expect("default KB loads");
    let mut group = c.benchmark_group("kb/tokens_near");
    for (query, distance) in [("gerasimovis", 2), ("shoygu", 2), ("putin", 1)] {
        group.bench_function(format!("{query}/{distance}"), |b| {
            b.iter(|| {
                kb.clear_near_cache();
                kb.tokens_near(query, distance, 3)
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_analysis, bench_incremental, bench_kb_load, bench_kb_fuzzy
}
criterion_main!(benches);
