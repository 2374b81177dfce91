//! The evaluation's inputs: news articles (JSON lines: `id`, `source`, `licence`,
//! `text`) and entity-annotated documents in the re3d layout (one folder per source,
//! each with `documents.json` and `entities.json` as `mongoexport` writes them: one
//! JSON object a line, offsets in characters). When `../shared` is absent the harness
//! falls back to a small set the project wrote itself (`tests/fixtures/eval/`,
//! compiled into the binary so `byline eval` runs anywhere).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

/// One clean news text.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub source: String,
    pub text: String,
}

/// A gold entity span, in byte offsets of its document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    /// The re3d type ("Person", "Organisation", "Location", "Nationality", …).
    pub kind: String,
}

/// One annotated document.
#[derive(Debug, Clone)]
pub struct NerDocument {
    pub id: String,
    pub source: String,
    pub text: String,
    pub spans: Vec<NerSpan>,
}

/// The project's own news paragraphs (written for Byline; MIT OR Apache-2.0).
pub const FALLBACK_NEWS: &str = include_str!("../../tests/fixtures/eval/news.jsonl");
/// The project's own hand-annotated sentences, in re3d's two-file layout.
pub const FALLBACK_NER_DOCUMENTS: &str =
    include_str!("../../tests/fixtures/eval/ner/documents.json");
pub const FALLBACK_NER_ENTITIES: &str = include_str!("../../tests/fixtures/eval/ner/entities.json");

fn json_lines<T: for<'de> Deserialize<'de>>(text: &str, origin: &str) -> Result<Vec<T>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| format!("{origin}:{}: {e}", number + 1))?);
    }
    Ok(out)
}

/// Parses articles from JSON lines, sorted by id so the order never depends on the file.
pub fn parse_articles(text: &str, origin: &str) -> Result<Vec<Article>, String> {
    let mut articles: Vec<Article> = json_lines(text, origin)?;
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(articles)
}

#[derive(Deserialize)]
struct RawDocument {
    #[serde(rename = "_id")]
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct RawEntity {
    #[serde(rename = "documentId")]
    document: String,
    begin: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// Byte offset of character `index` in `text` (clamped to the end).
fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(byte, _)| byte)
}

/// Parses one re3d source folder's two files.
pub fn parse_ner(
    documents: &str,
    entities: &str,
    source: &str,
) -> Result<Vec<NerDocument>, String> {
    let raw_docs: Vec<RawDocument> = json_lines(documents, &format!("{source}/documents.json"))?;
    let raw_entities: Vec<RawEntity> = json_lines(entities, &format!("{source}/entities.json"))?;
    let mut spans: HashMap<&str, Vec<NerSpan>> = HashMap::new();
    let texts: HashMap<&str, &str> = raw_docs
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    for e in &raw_entities {
        let Some(text) = texts.get(e.document.as_str()) else {
            continue;
        };
        let start = byte_of_char(text, e.begin);
        let end = byte_of_char(text, e.end);
        if start < end {
            spans.entry(e.document.as_str()).or_default().push(NerSpan {
                start,
                end,
                kind: e.kind.clone(),
            });
        }
    }
    let mut out: Vec<NerDocument> = raw_docs
        .iter()
        .map(|d| {
            let mut s = spans.remove(d.id.as_str()).unwrap_or_default();
            s.sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
            s.dedup();
            NerDocument {
                id: d.id.clone(),
                source: source.to_string(),
                text: d.text.clone(),
                spans: s,
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Reads every source folder under a re3d root, in name order.
pub fn read_re3d(root: &Path) -> Result<Vec<NerDocument>, String> {
    let mut folders: Vec<_> = std::fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("documents.json").is_file() && p.join("entities.json").is_file())
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(format!(
            "{}: no folder with documents.json and entities.json",
            root.display()
        ));
    }
    let mut out = Vec::new();
    for folder in folders {
        let read = |name: &str| {
            std::fs::read_to_string(folder.join(name))
                .map_err(|e| format!("{}: {e}", folder.join(name).display()))
        };
        let source = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(parse_ner(
            &read("documents.json")?,
            &read("entities.json")?,
            &source,
        )?);
    }
    Ok(out)
}

/// The project's own articles.
pub fn fallback_articles() -> Vec<Article> {
    parse_articles(FALLBACK_NEWS, "tests/fixtures/eval/news.jsonl")
        .expect("the fallback news set parses")
}

/// The project's own annotated sentences.
pub fn fallback_ner() -> Vec<NerDocument> {
    parse_ner(FALLBACK_NER_DOCUMENTS, FALLBACK_NER_ENTITIES, "byline")
        .expect("the fallback NER set parses")
}
