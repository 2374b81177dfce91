//! `byline kb import-wikidata` on small hand-made dumps in the official format (a JSON
//! array, one entity per line), plain, gzip and bzip2. Every entity here is invented
//! for the test except the country item's ISO code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use byline_kb::load::parse_jsonl;
use byline_kb::{Category, Entity};
use serde_json::{json, Value};

fn item(id: &str) -> Value {
    let number: u64 = id[1..].parse().unwrap();
    json!({"value": {"entity-type": "item", "numeric-id": number, "id": id}, "type": "wikibase-entityid"})
}

fn time(text: &str, precision: u64) -> Value {
    json!({"value": {"time": text, "timezone": 0, "before": 0, "after": 0, "precision": precision,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"})
}

fn snak(property: &str, datavalue: Value) -> Value {
    json!({"snaktype": "value", "property": property, "datavalue": datavalue})
}

fn statement(property: &str, datavalue: Value) -> Value {
    json!({"mainsnak": snak(property, datavalue), "type": "statement", "rank": "normal"})
}

fn labels(pairs: &[(&str, &str)]) -> Value {
    pairs
        .iter()
        .map(|(l, v)| (l.to_string(), json!({"language": l, "value": v})))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn entity(id: &str, names: &[(&str, &str)], claims: Value) -> Value {
    json!({"type": "item", "id": id, "labels": labels(names), "descriptions": {},
        "aliases": {}, "claims": claims, "sitelinks": {}})
}

/// The sample dump's entity lines, in dump order.
fn sample_entities() -> Vec<Value> {
    let mut anna = entity(
        "Q1001",
        &[("en", "Anna Example"), ("fr", "Anna Exemple")],
        json!({
            "P31": [statement("P31", item("Q5"))],
            "P106": [statement("P106", item("Q82955"))],
            "P27": [statement("P27", item("Q159"))],
            "P569": [statement("P569", time("+1955-10-00T00:00:00Z", 10))],
            "P18": [statement("P18", json!({"value": "Anna.jpg", "type": "string"}))],
            "P39": [
                {"mainsnak": snak("P39", item("Q2001")), "rank": "normal", "qualifiers": {
                    "P580": [snak("P580", time("+2012-11-09T00:00:00Z", 11))],
                    "P582": [snak("P582", time("+2019-00-00T00:00:00Z", 9))]}},
                {"mainsnak": snak("P39", item("Q2002")), "rank": "normal"}
            ]
        }),
    );
    anna["descriptions"] = labels(&[("en", "Invented politician for tests")]);
    anna["aliases"] = json!({"en": [{"language": "en", "value": "A. Example"},
        {"language": "en", "value": "Anna Example"}]});
    let mut agency = entity(
        "Q999",
        &[("en", "Example News Agency")],
        json!({"P31": [statement("P31", item("Q192283"))], "P17": [statement("P17", item("Q159"))]}),
    );
    agency["aliases"] = json!({"en": [{"language": "en", "value": "ENA"}]});
    vec![
        json!({"type": "property", "id": "P31", "labels": labels(&[("en", "instance of")]), "claims": []}),
        anna,
        entity(
            "Q1002",
            &[("en", "Walter Writer")],
            json!({"P31": [statement("P31", item("Q5"))], "P106": [statement("P106", item("Q36180"))]}),
        ),
        agency,
        entity(
            "Q2001",
            &[("en", "Chief of the Example Staff")],
            json!({"P31": [statement("P31", item("Q4164871"))]}),
        ),
        entity(
            "Q159",
            &[("en", "Russia")],
            json!({"P297": [statement("P297", json!({"value": "RU", "type": "string"}))]}),
        ),
        entity(
            "Q1004",
            &[("de", "Nur Deutsch")],
            json!({"P31": [statement("P31", item("Q5"))], "P39": [statement("P39", item("Q2001"))]}),
        ),
        entity(
            "Q1005",
            &[("en", "Boris Soldier")],
            json!({
                "P31": [statement("P31", item("Q5"))],
                "P241": [statement("P241", item("Q1010"))],
                "P27": [statement("P27", item("Q99999"))],
                "P569": [statement("P569", time("+1900-00-00T00:00:00Z", 7))]
            }),
        ),
        json!({"type": "item", "id": "Q1006", "labels": [], "aliases": [], "claims": []}),
    ]
}

/// The official layout: `[`, entity lines ending with `,` (but the last), `]`.
fn dump_text(entities: &[Value]) -> String {
    let lines: Vec<String> = entities.iter().map(|e| e.to_string()).collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn bzip2(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn byline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .output()
        .expect("byline runs")
}

/// The command line of `byline kb import-wikidata DUMP --out OUT EXTRA...`.
fn import_args<'a>(dump: &'a Path, out: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "kb",
        "import-wikidata",
        dump.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args
}

/// Runs the importer on `dump` and returns its output entities, checked by the loader.
fn import(dir: &Path, dump: &Path, extra: &[&str]) -> (Vec<Entity>, String) {
    let out = dir.join("out.jsonl");
    let output = byline(&import_args(dump, &out, extra));
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "import failed: {stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    let entities = parse_jsonl("out.jsonl", &text).expect("output loads as a KB");
    (entities, stderr)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn plain_gzip_and_bzip2_dumps_give_the_same_kb() {
    let dir = tempfile::tempdir().unwrap();
    let text = dump_text(&sample_entities());
    let extra = ["--languages", "en,fr", "--as-of", "2025-01-06"];
    let plain = write(dir.path(), "dump.json", text.as_bytes());
    let (entities, stderr) = import(dir.path(), &plain, &extra);
    for (name, bytes) in [
        ("dump.json.gz", gzip(text.as_bytes())),
        ("dump.json.bz2", bzip2(text.as_bytes())),
    ] {
        let path = write(dir.path(), name, &bytes);
        let (other, _) = import(dir.path(), &path, &extra);
        let strip = |es: &[Entity]| {
            es.iter()
                .map(|e| Entity {
                    source: String::new(),
                    ..e.clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&other), strip(&entities), "{name}");
        assert_eq!(other[0].source, format!("Wikidata dump {name}"));
    }
    assert!(stderr.contains("read 9 entities"), "{stderr}");
    assert!(stderr.contains("kept 3"), "{stderr}");
    assert!(stderr.contains("entities/s"), "{stderr}");
}

#[test]
fn kept_entities_have_the_expected_fields() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write(
        dir.path(),
        "dump.json",
        dump_text(&sample_entities()).as_bytes(),
    );
    let (entities, _) = import(
        dir.path(),
        &dump,
        &["--languages", "en,fr", "--as-of", "2025-01-06"],
    );
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    // Q1002 (writer), Q1004 (no English or French label), Q159, Q2001, Q1006 and the
    // property are dropped; QIDs sort by number, so Q999 comes first.
    assert_eq!(ids, ["Q999", "Q1001", "Q1005"]);

    let agency = &entities[0];
    assert_eq!(agency.kind, Category::Organization);
    assert_eq!(agency.entity_type, "news-agency");
    assert_eq!(agency.country, "RU");
    assert_eq!(agency.aliases, ["ENA"]);

    let anna = &entities[1];
    assert_eq!(anna.wikidata, "Q1001");
    assert_eq!(
        (anna.kind, anna.entity_type.as_str()),
        (Category::Person, "politician")
    );
    assert_eq!(anna.name, "Anna Example");
    assert_eq!(anna.aliases, ["A. Example", "Anna Exemple"]);
    assert_eq!(anna.description, "Invented politician for tests");
    assert_eq!(
        anna.country, "RU",
        "patched from a country item later in the dump"
    );
    assert_eq!(anna.born, "1955-10");
    assert_eq!(anna.source, "Wikidata dump dump.json");
    assert_eq!(anna.as_of, "2025-01-06");
    assert_eq!(anna.roles.len(), 2);
    // No start sorts first; the unseen position keeps its QID.
    assert_eq!(anna.roles[0].title, "Q2002");
    assert_eq!(anna.roles[0].start, "");
    assert_eq!(anna.roles[1].title, "Chief of the Example Staff");
    assert_eq!(anna.roles[1].start, "2012-11-09");
    assert_eq!(anna.roles[1].end, "2019");

    let boris = &entities[2];
    assert_eq!(boris.entity_type, "military-officer");
    assert_eq!(boris.country, "", "no P297 seen for Q99999");
    assert_eq!(boris.born, "", "century precision is dropped");
}

#[test]
fn a_malformed_line_is_reported_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = dump_text(&sample_entities());
    text = text.replacen("{\"aliases\"", "{\"aliases\" oops", 1);
    let bad_line = text.lines().position(|l| l.contains("oops")).unwrap() + 1;
    let dump = write(dir.path(), "bad.json", text.as_bytes());
    let out = dir.path().join("out.jsonl");
    let output = byline(&[
        "kb",
        "import-wikidata",
        dump.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("bad.json:{bad_line}: malformed JSON")),
        "{stderr}"
    );
    assert!(!out.exists(), "no partial output");

    let (entities, stderr) = import(dir.path(), &dump, &["--skip-bad-lines"]);
    assert!(stderr.contains("skipped 1 malformed line(s)"), "{stderr}");
    assert!(
        stderr.contains(&format!("bad.json:{bad_line}:")),
        "{stderr}"
    );
    assert!(!entities.is_empty());
}

#[test]
fn multi_stream_gzip_is_read_to_the_end_and_limit_stops_early() {
    let dir = tempfile::tempdir().unwrap();
    let entities = sample_entities();
    let text = dump_text(&entities);
    let (head, tail) = text.split_at(text.len() / 2);
    let mut joined = gzip(head.as_bytes());
    joined.extend(gzip(tail.as_bytes()));
    let dump = write(dir.path(), "joined.json.gz", &joined);
    let (kept, stderr) = import(dir.path(), &dump, &[]);
    assert!(stderr.contains("read 9 entities"), "{stderr}");
    assert_eq!(kept.len(), 3);

    let (kept, stderr) = import(dir.path(), &dump, &["--limit", "2"]);
    assert!(stderr.contains("read 2 entities"), "{stderr}");
    assert_eq!(kept.len(), 1, "only Q1001 among the first two entities");
}

#[test]
fn bad_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let dump = write(dir.path(), "dump.json", b"[\n]\n");
    let out = dir.path().join("out.jsonl");
    for extra in [["--occupations", "politician"], ["--as-of", "last week"]] {
        let output = byline(&import_args(&dump, &out, &extra));
        assert_eq!(output.status.code(), Some(2));
    }
}

/// A synthetic entity of realistic shape: many languages, unwanted claims, site links.
fn synthetic(n: u64) -> Value {
    let id = format!("Q{}", 10_000_000 + n);
    let languages = [
        "en", "fr", "de", "es", "it", "ru", "pl", "nl", "pt", "sv", "uk", "ja",
    ];
    let names: Vec<(String, String)> = languages
        .iter()
        .map(|l| (l.to_string(), format!("Synthetic {n} {l}")))
        .collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    let class = if n.is_multiple_of(10) {
        "Q5"
    } else {
        "Q13442814"
    };
    let mut claims = json!({
        "P31": [statement("P31", item(class))],
        "P1476": [statement("P1476", json!({"value": {"text": "A title", "language": "en"}, "type": "monolingualtext"}))],
        "P577": [statement("P577", time("+2001-03-04T00:00:00Z", 11))],
        "P356": [statement("P356", json!({"value": format!("10.1000/{n}"), "type": "string"}))],
        "P2093": (0..8).map(|i| statement("P2093", json!({"value": format!("Author {i}"), "type": "string"}))).collect::<Vec<_>>()
    });
    if n.is_multiple_of(10) {
        claims["P39"] = json!([{"mainsnak": snak("P39", item("Q2001")), "rank": "normal",
            "qualifiers": {"P580": [snak("P580", time("+2010-05-01T00:00:00Z", 11))]}}]);
        claims["P569"] = json!([statement("P569", time("+1960-00-00T00:00:00Z", 9))]);
    }
    let mut e = entity(&id, &pairs, claims);
    e["descriptions"] = labels(&[("en", "synthetic entity"), ("fr", "entité synthétique")]);
    e["sitelinks"] =
        json!({"enwiki": {"site": "enwiki", "title": format!("Synthetic {n}"), "badges": []}});
    e
}

fn summary_rate(stderr: &str) -> f64 {
    let line = stderr.lines().find(|l| l.contains("entities/s")).unwrap();
    let open = line.find('(').unwrap();
    line[open + 1..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Throughput on 200,000 synthetic entities, plain and gzip. Run optimised:
/// `cargo test --release --test wikidata_import -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput_on_a_synthetic_dump() {
    let count: u64 = std::env::var("BYLINE_BENCH_ENTITIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir().unwrap();
    let plain_path = dir.path().join("synthetic.json");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&plain_path).unwrap());
        writeln!(out, "[").unwrap();
        for n in 0..count {
            let sep = if n + 1 < count { "," } else { "" };
            writeln!(out, "{}{sep}", synthetic(n)).unwrap();
        }
        writeln!(out, "]").unwrap();
    }
    let text = std::fs::read(&plain_path).unwrap();
    let gz_path = write(dir.path(), "synthetic.json.gz", &gzip(&text));
    for path in [&plain_path, &gz_path] {
        let (kept, stderr) = import(dir.path(), path, &[]);
        assert_eq!(kept.len() as u64, count.div_ceil(10));
        let size = std::fs::metadata(path).unwrap().len();
        println!(
            "{}: {count} entities, {:.1} MB on disk ({:.1} MB uncompressed): {:.0} entities/s",
            path.file_name().unwrap().to_string_lossy(),
            size as f64 / 1e6,
            text.len() as f64 / 1e6,
            summary_rate(&stderr)
        );
    }
}
