//! Million-entity scale: a synthetic KB of `BYLINE_SCALE_ENTITIES` people (default
//! 1,000,000) whose names combine the given names and surnames of the default KB's
//! people, drawn with a skew so that common names are common (as in real name
//! distributions). Compiled to the embedded format once, then: load time (zero-copy),
//! one fuzzy name lookup, and the process's resident memory. With `BYLINE_SCALE_OUT=FILE`
//! the compiled KB is also written there (benches/scale_server.sh runs the server on it).

use std::time::Instant;

use byline_kb::index::surname_of;
use byline_kb::{Category, Entity, KbBuilder};
use criterion::{criterion_group, criterion_main, Criterion};

/// A small deterministic generator (xorshift), so every run builds the same KB.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An index below `len`, skewed towards the front (a square of a uniform draw).
    fn skewed(&mut self, len: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u) * len as f64) as usize
    }
}

fn resident_mb() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn synthetic(count: usize) -> Vec<Entity> {
    let kb = byline_default_kb::default_kb().expect("default KB loads");
    let mut given = Vec::new();
    let mut surnames = Vec::new();
    for (_, entity) in kb.iter() {
        if entity.category() == Category::Person {
            if let (Some(first), Some(last)) = (
                entity.name.split_whitespace().next(),
                surname_of(&entity.name),
            ) {
                given.push(first.to_string());
                surnames.push(last);
            }
        }
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..count)
        .map(|i| Entity {
            id: format!("S{i}"),
            kind: Category::Person,
            entity_type: "person".into(),
            name: format!(
                "{} {}",
                given[rng.skewed(given.len())],
                surnames[rng.skewed(surnames.len())]
            ),
            ..Entity::default()
        })
        .collect()
}

fn bench_scale(c: &mut Criterion) {
    let count: usize = std::env::var("BYLINE_SCALE_ENTITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let started = Instant::now();
    let mut builder = KbBuilder::new();
    builder.add("synthetic", synthetic(count));
    let bytes: &'static [u8] = Box::leak(builder.compile().into_boxed_slice());
    eprintln!(
        "scale: {count} entities compiled in {:.1} s, {:.1} MB",
        started.elapsed().as_secs_f64(),
        bytes.len() as f64 / 1e6
    );
    if let Some(out) = std::env::var_os("BYLINE_SCALE_OUT") {
        // For benches/scale_server.sh: the same KB as a file the server maps.
        std::fs::write(&out, bytes).expect("writes the compiled KB");
        eprintln!("scale: written to {}", std::path::Path::new(&out).display());
    }
    let load = || {
        KbBuilder::new()
            .with_compiled("synthetic", bytes)
            .expect("loads")
            .build()
    };
    let mut group = c.benchmark_group(format!("scale/{count}"));
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(load));
    let kb = load();
    eprintln!("scale: after load: {}", resident_mb());
    for (query, distance) in [("gerasimovis", 2), ("shoygu", 2), ("putin", 1)] {
        group.bench_function(format!("tokens_near/{query}/{distance}"), |b| {
            b.iter(|| {
                kb.clear_near_cache();
                kb.tokens_near(query, distance, 3)
            })
        });
    }
    group.finish();
    eprintln!("scale: at the end: {}", resident_mb());
}

criterion_group!(benches, bench_scale);
criterion_main!(benches);
