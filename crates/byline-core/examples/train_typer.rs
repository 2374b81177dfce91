//! Trains the learned typer (`src/analysis/typer/`) and writes its held-out sets.
//!
//! ```text
//! cargo run --release -p byline-core --example train_typer -- ../shared/data/ner-train \
//!     [--weights crates/byline-core/src/analysis/typer/weights.bin] [--dev-out target/typer-dev] \
//!     [--bits 16] [--clip 1] [--sweep]
//! ```
//!
//! `--bits` sets the number of hash buckets (2^bits), `--clip` the quantile of the
//! weights' magnitudes that quantising to a byte maps to 127. `--sweep` writes nothing:
//! it trains with 15 to 18 bits and prints, for each, the held-out span accuracy of the
//! unquantised weights and of bytes clipped at several quantiles (the measure behind
//! the embedded weights' size).
//!
//! Reads the five corpora of `ner-train` (see its README for formats and licences),
//! holds out a deterministic 20 % of each corpus's documents (FNV-1a of
//! `corpus/document id`, remainder 0 of 5), and trains on the rest: every gold span as
//! its mapped label, and every capitalised chunk the rules find that no gold span
//! touches as "not a name". A fixed quarter of the training documents is also
//! trained on title-cased (every word capitalised but those a headline leaves in lower
//! case), since the corpora have few headlines and subheads, where a capital says
//! nothing ("Russian Weapon Systems for Iran"). The held-out documents are written as JSON lines
//! (`id`, `source`, `text`, `spans` of `start`, `end`, `kind` in bytes) for
//! `byline eval-ner` and `scripts/typer/compare_spacy.sh`.
//!
//! Label mapping, one table for every corpus (anything else is not scored and not
//! trained on, and no negative example is taken where it is):
//!
//! | corpus | Person | Organisation | Location | Other |
//! |---|---|---|---|---|
//! | btc, uner-ewt | PER | ORG | LOC | — |
//! | wnut17 | person | group, corporation | location | product, creative-work |
//! | crossner-politics | politician, person | politicalparty, organisation | location, country | election, event, misc |
//! | redocred | PER | ORG | LOC | MISC (TIME and NUM are not names: ignored) |

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use byline_core::analysis::cues;
use byline_core::analysis::mentions::{recognize_with, type_chunk, MentionOrigin, Typing};
use byline_core::analysis::tokens::tokenize;
use byline_core::analysis::typer::train::{quantise, train, Example};
use byline_core::analysis::typer::{self, Label};
use byline_core::prose::{extract, Format};
use byline_kb::Kb;
use serde::Serialize;

/// The kind a gold span is scored and trained as.
fn map_label(corpus: &str, tag: &str) -> Option<&'static str> {
    let kind = match (corpus, tag) {
        (_, "PER" | "person" | "politician") => "Person",
        (_, "ORG" | "group" | "corporation" | "politicalparty" | "organisation") => "Organisation",
        (_, "LOC" | "location" | "country") => "Location",
        (_, "MISC" | "misc" | "product" | "creative-work" | "election" | "event") => "Other",
        ("redocred", "TIME" | "NUM") => "Ignore",
        _ => return None,
    };
    Some(kind)
}

#[derive(Debug, Clone, Serialize)]
struct Span {
    start: usize,
    end: usize,
    kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct Doc {
    id: String,
    source: String,
    text: String,
    spans: Vec<Span>,
}

/// Builds running text from tokens: no space before closing punctuation and clitics,
/// none after an opening bracket. Returns the text and each token's byte span.
struct TextBuilder {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl TextBuilder {
    fn new() -> Self {
        TextBuilder {
            text: String::new(),
            spans: Vec::new(),
        }
    }

    fn push(&mut self, token: &str) {
        let glue_left = matches!(
            token,
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "'s" | "n't" | "'" | "%" | "'re" | "'m"
        );
        let after_open = self.text.ends_with(['(', '[']);
        if !self.text.is_empty() && !glue_left && !after_open && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(token);
        self.spans.push((start, self.text.len()));
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
    }
}

/// Gold spans from BIO tags over `spans` (the tokens' byte spans).
fn bio_spans(corpus: &str, tags: &[String], spans: &[(usize, usize)]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, &str)> = None;
    let close = |open: &mut Option<(usize, usize, &str)>, out: &mut Vec<Span>| {
        if let Some((s, e, tag)) = open.take() {
            if let Some(kind) = map_label(corpus, tag) {
                out.push(Span {
                    start: spans[s].0,
                    end: spans[e].1,
                    kind,
                });
            }
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        if let Some(rest) = tag.strip_prefix("I-") {
            match open {
                Some((_, ref mut e, t)) if t == rest => {
                    *e = i;
                    continue;
                }
                _ => {
                    close(&mut open, &mut out);
                    open = Some((i, i, rest));
                    continue;
                }
            }
        }
        close(&mut open, &mut out);
        if let Some(rest) = tag.strip_prefix("B-") {
            open = Some((i, i, rest));
        }
    }
    close(&mut open, &mut out);
    out
}

/// One sentence: its tokens and their tags.
type Sentence = (Vec<String>, Vec<String>);

/// CoNLL-style sentences: (tokens, tags), token first and tag last on each line.
fn conll(text: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    let mut tags = Vec::new();
    for line in text.lines().chain([""]) {
        let line = line.trim_end();
        if line.is_empty() {
            if !tokens.is_empty() {
                out.push((std::mem::take(&mut tokens), std::mem::take(&mut tags)));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let mut fields = line.split(['\t', ' ']).filter(|f| !f.is_empty());
        let (Some(token), Some(tag)) = (fields.next(), fields.next_back()) else {
            continue;
        };
        tokens.push(token.to_string());
        tags.push(tag.to_string());
    }
    out
}

fn doc_of_sentences(corpus: &str, id: String, sentences: &[(Vec<String>, Vec<String>)]) -> Doc {
    let mut builder = TextBuilder::new();
    let mut tags = Vec::new();
    for (tokens, sentence_tags) in sentences {
        builder.separate();
        for token in tokens {
            builder.push(token);
        }
        tags.extend(sentence_tags.iter().cloned());
    }
    let spans = bio_spans(corpus, &tags, &builder.spans);
    Doc {
        id,
        source: corpus.to_string(),
        text: builder.text,
        spans,
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every document of every corpus, in a fixed order.
fn load(root: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    let conll_files: [(&str, &[&str]); 3] = [
        (
            "btc",
            &[
                "a.conll", "b.conll", "e.conll", "f.conll", "g.conll", "h.conll",
            ],
        ),
        (
            "wnut17",
            &[
                "wnut17train.conll",
                "emerging.dev.conll",
                "emerging.test.annotated",
            ],
        ),
        ("crossner-politics", &["train.txt", "dev.txt", "test.txt"]),
    ];
    for (corpus, files) in conll_files {
        for file in files {
            for (n, sentence) in conll(&read(&root.join(corpus).join(file)))
                .iter()
                .enumerate()
            {
                docs.push(doc_of_sentences(
                    corpus,
                    format!("{file}/{n}"),
                    std::slice::from_ref(sentence),
                ));
            }
        }
    }
    for file in ["en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"] {
        let mut current: Option<(String, Vec<Sentence>)> = None;
        let mut sentence: Sentence = (Vec::new(), Vec::new());
        let text = read(&root.join("uner-ewt").join(file));
        for line in text.lines().chain([""]) {
            if let Some(id) = line.strip_prefix("# newdoc id = ") {
                if let Some((id, sentences)) = current.take() {
                    docs.push(doc_of_sentences("uner-ewt", id, &sentences));
                }
                current = Some((format!("{file}/{id}"), Vec::new()));
            } else if line.starts_with('#') {
                continue;
            } else if line.trim().is_empty() {
                if !sentence.0.is_empty() {
                    if let Some((_, sentences)) = current.as_mut() {
                        sentences.push(std::mem::take(&mut sentence));
                    }
                }
            } else {
                let fields: Vec<&str> = line.split('\t').collect();
                if fields.len() >= 3 {
                    sentence.0.push(fields[1].to_string());
                    sentence.1.push(fields[2].to_string());
                }
            }
        }
        if let Some((id, sentences)) = current.take() {
            docs.push(doc_of_sentences("uner-ewt", id, &sentences));
        }
    }
    for file in ["dev_revised.json", "test_revised.json"] {
        let json: serde_json::Value =
            serde_json::from_str(&read(&root.join("redocred").join(file))).expect("redocred JSON");
        for (n, doc) in json.as_array().expect("a list").iter().enumerate() {
            let sents: Vec<Vec<String>> = doc["sents"]
                .as_array()
                .expect("sents")
                .iter()
                .map(|s| {
                    s.as_array()
                        .expect("sentence")
                        .iter()
                        .map(|t| t.as_str().unwrap_or("").to_string())
                        .collect()
                })
                .collect();
            let mut builder = TextBuilder::new();
            let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
            for sentence in &sents {
                builder.separate();
                let first = builder.spans.len();
                for token in sentence {
                    builder.push(token);
                }
                offsets.push(builder.spans[first..].to_vec());
            }
            let mut spans = Vec::new();
            for entity in doc["vertexSet"].as_array().expect("vertexSet") {
                for mention in entity.as_array().expect("mentions") {
                    let sent = mention["sent_id"].as_u64().unwrap_or(0) as usize;
                    let pos = &mention["pos"];
                    let (s, e) = (
                        pos[0].as_u64().unwrap_or(0) as usize,
                        pos[1].as_u64().unwrap_or(0) as usize,
                    );
                    let Some(kind) = map_label("redocred", mention["type"].as_str().unwrap_or(""))
                    else {
                        continue;
                    };
                    let Some(tokens) = offsets.get(sent) else {
                        continue;
                    };
                    if s < e && e <= tokens.len() {
                        spans.push(Span {
                            start: tokens[s].0,
                            end: tokens[e - 1].1,
                            kind,
                        });
                    }
                }
            }
            spans.sort_by_key(|s| (s.start, s.end));
            spans.dedup_by_key(|s| (s.start, s.end));
            docs.push(Doc {
                id: format!("{file}/{n}"),
                source: "redocred".to_string(),
                text: builder.text,
                spans,
            });
        }
    }
    docs
}

/// FNV-1a of `salt`, `corpus/id`: a document's fixed place in a split.
fn doc_hash(salt: &str, doc: &Doc) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt
        .bytes()
        .chain(doc.source.bytes())
        .chain([b'/'])
        .chain(doc.id.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Whether a document is in the held-out 20 %, fixed forever.
fn held_out(doc: &Doc) -> bool {
    doc_hash("", doc).is_multiple_of(5)
}

/// Whether a training document is also trained on title-cased: a fixed quarter.
fn title_case_copy(doc: &Doc) -> bool {
    doc_hash("title-case/", doc).is_multiple_of(4)
}

/// `doc` in headline title case: each word that starts with a lower-case ASCII letter
/// after a space or an opening bracket or quote is capitalised, except the words a
/// headline leaves in lower case. ASCII case changes keep every byte offset, so the
/// gold spans stand as they are.
fn title_cased(doc: &Doc) -> Doc {
    let mut text = String::with_capacity(doc.text.len());
    let mut previous: Option<char> = None;
    for (i, c) in doc.text.char_indices() {
        let word_start = previous.is_none_or(|p| p.is_whitespace() || "([\"'".contains(p));
        let word: String = doc.text[i..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let lower = cues::is_connector(&word) || typer::HEADLINE_LOWER.contains(&word.as_str());
        if word_start && c.is_ascii_lowercase() && !lower {
            text.push(c.to_ascii_uppercase());
        } else {
            text.push(c);
        }
        previous = Some(c);
    }
    Doc {
        id: format!("{}/title-case", doc.id),
        text,
        ..doc.clone()
    }
}

fn label_of(kind: &str) -> Option<Label> {
    match kind {
        "Person" => Some(Label::Person),
        "Organisation" => Some(Label::Organization),
        "Location" => Some(Label::Location),
        "Other" => Some(Label::Other),
        _ => None,
    }
}

/// The training examples of one document.
fn examples(doc: &Doc, kb: &Kb, out: &mut Vec<Example>) {
    let prose = extract(&doc.text, Format::PlainText);
    let tokens = tokenize(&prose);
    let text = prose.masked.as_str();
    let by_start: BTreeMap<usize, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.span.start, i))
        .collect();
    let by_end: BTreeMap<usize, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.span.end, i))
        .collect();
    for span in &doc.spans {
        let (Some(label), Some(&s), Some(&e)) = (
            label_of(span.kind),
            by_start.get(&span.start),
            by_end.get(&span.end),
        ) else {
            continue;
        };
        if s > e || tokens[s].block != tokens[e].block {
            continue;
        }
        let name = s..e + 1;
        let has_title = s.checked_sub(1).is_some_and(|p| {
            tokens[p].block == tokens[s].block && cues::is_person_title(&tokens[p].folded)
        });
        let rule = type_chunk(&tokens, text, kb, name.clone(), has_title);
        let chunk = typer::Chunk {
            tokens: &tokens,
            text,
            name,
            has_title,
            rule,
        };
        out.push(Example {
            features: typer::features(kb, &chunk),
            label,
        });
    }
    for raw in recognize_with(&tokens, text, kb, Typing::Rules) {
        if raw.origin != MentionOrigin::Unknown {
            continue;
        }
        let start = tokens[raw.tokens.start].span.start;
        let end = tokens[raw.tokens.end - 1].span.end;
        let touches = doc.spans.iter().any(|g| g.start < end && start < g.end);
        if !touches {
            let chunk = typer::Chunk {
                tokens: &tokens,
                text,
                name: raw.tokens.clone(),
                has_title: raw.title.is_some(),
                rule: raw.category,
            };
            out.push(Example {
                features: typer::features(kb, &chunk),
                label: Label::NotName,
            });
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut weights = PathBuf::from("crates/byline-core/src/analysis/typer/weights.bin");
    let mut dev_out: Option<PathBuf> = None;
    let mut epochs = 10;
    let mut bits = typer::BITS;
    let mut clip = CLIP;
    let mut sweep = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bits" => bits = args.next().expect("--bits N").parse().expect("a number"),
            "--clip" => clip = args.next().expect("--clip Q").parse().expect("a number"),
            "--sweep" => sweep = true,
            "--weights" => weights = args.next().expect("--weights PATH").into(),
            "--dev-out" => dev_out = Some(args.next().expect("--dev-out DIR").into()),
            "--epochs" => epochs = args.next().expect("--epochs N").parse().expect("a number"),
            _ => root = Some(arg.into()),
        }
    }
    let root = root.expect("usage: train_typer NER_TRAIN_DIR [--weights PATH] [--dev-out DIR]");
    let kb = byline_default_kb::default_kb().expect("default KB");
    let docs = load(&root);
    let (dev, training): (Vec<&Doc>, Vec<&Doc>) = docs.iter().partition(|d| held_out(d));
    if let Some(dir) = &dev_out {
        std::fs::create_dir_all(dir).expect("dev-out directory");
        let mut by_corpus: BTreeMap<&str, String> = BTreeMap::new();
        for doc in &dev {
            let line = by_corpus.entry(doc.source.as_str()).or_default();
            line.push_str(&serde_json::to_string(doc).expect("JSON"));
            line.push('\n');
        }
        for (corpus, lines) in by_corpus {
            std::fs::write(dir.join(format!("{corpus}.jsonl")), lines).expect("write dev set");
        }
    }
    let mut all = Vec::new();
    for doc in &training {
        examples(doc, &kb, &mut all);
        if title_case_copy(doc) {
            examples(&title_cased(doc), &kb, &mut all);
        }
    }
    let mut counts = [0usize; typer::LABELS];
    for e in &all {
        counts[e.label.index()] += 1;
    }
    eprintln!(
        "{} documents ({} held out), {} training spans {:?} (per, org, loc, other, not a name)",
        docs.len(),
        dev.len(),
        all.len(),
        counts
    );
    let mut held = Vec::new();
    for doc in &dev {
        examples(doc, &kb, &mut held);
    }
    if sweep {
        for bits in 15..=18 {
            let averaged = train(&all, epochs, SEED, bits);
            let mut line = format!(
                "bits {bits}: unquantised {:.4}",
                accuracy(&held, |f| scores_f64(&averaged, f))
            );
            for clip in [0.99, 0.995, 0.999, 0.9999, 1.0] {
                let q = quantise(&averaged, clip);
                let a = accuracy(&held, |f| typer::scores(&q, f));
                line.push_str(&format!(", i8 clip {clip}: {a:.4}"));
            }
            eprintln!("{line} (held-out spans: {})", held.len());
        }
        return;
    }
    let averaged = train(&all, epochs, SEED, bits);
    let q = quantise(&averaged, clip);
    std::fs::write(&weights, &q).expect("write weights");
    eprintln!(
        "training accuracy {:.3}, held-out {:.3} ({} spans); {} bytes of weights written to {}",
        accuracy(&all, |f| typer::scores(&q, f)),
        accuracy(&held, |f| typer::scores(&q, f)),
        held.len(),
        q.len(),
        weights.display()
    );
}

/// The shuffle's seed.
const SEED: u64 = 20;

/// The quantile of the weights' magnitudes a byte's 127 stands for (`--clip`).
const CLIP: f64 = 1.0;

/// The share of `examples` whose best label under `score` is their own.
fn accuracy<S: Into<ScoreVector>>(examples: &[Example], score: impl Fn(&[u32]) -> S) -> f64 {
    let right = examples
        .iter()
        .filter(|e| score(&e.features).into().best() == e.label)
        .count();
    right as f64 / examples.len().max(1) as f64
}

/// Label scores, whole or unquantised, compared the same way (ties to the earlier label).
struct ScoreVector([f64; typer::LABELS]);

impl ScoreVector {
    fn best(&self) -> Label {
        let mut best = 0;
        for (i, &s) in self.0.iter().enumerate() {
            if s > self.0[best] {
                best = i;
            }
        }
        Label::ALL[best]
    }
}

impl From<[i32; typer::LABELS]> for ScoreVector {
    fn from(scores: [i32; typer::LABELS]) -> Self {
        ScoreVector(scores.map(f64::from))
    }
}

impl From<[f64; typer::LABELS]> for ScoreVector {
    fn from(scores: [f64; typer::LABELS]) -> Self {
        ScoreVector(scores)
    }
}

/// Scores under the averaged weights before quantising (`2^bits × LABELS`).
fn scores_f64(weights: &[f64], features: &[u32]) -> [f64; typer::LABELS] {
    let buckets = weights.len() / typer::LABELS;
    let mut out = [0.0; typer::LABELS];
    for &f in features {
        let at = (f as usize & (buckets - 1)) * typer::LABELS;
        for (label, score) in out.iter_mut().enumerate() {
            *score += weights[at + label];
        }
    }
    out
}
