//! Replays the fuzzers' seed corpus (`fuzz/corpus/<target>/`) through the same entry
//! functions the fuzz targets call, so every seed and every saved crash stays a test
//! on stable Rust, without `cargo fuzz`.

use std::path::Path;

fn replay(target: &str, entry: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(outcome.is_ok(), "{} fails on {}", target, file.display());
    }
}

#[test]
fn prose_corpus_replays() {
    replay("prose", byline::fuzz::prose);
}

#[test]
fn kb_corpus_replays() {
    replay("kb", byline::fuzz::kb);
}

#[test]
fn config_corpus_replays() {
    replay("config", byline::fuzz::config);
}

#[test]
fn positions_corpus_replays() {
    replay("positions", byline::fuzz::positions);
}

#[test]
fn prose_parse_corpus_replays() {
    replay("prose_parse", byline::fuzz::prose_parse);
}
