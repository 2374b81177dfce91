//! The evaluation's inputs: news articles (JSON lines: `id`, `source`, `licence`,
//! `text`) and entity-annotated documents in the re3d layout (one folder per source,
//! each with `documents.json` and `entities.json` as `mongoexport` writes them: one
//! JSON object a line, offsets in characters). When `../shared` is absent the harness
//! falls back to a small set the project wrote itself (`tests/fixtures/eval/`,
//! compiled into the binary so `byline eval` runs anywhere).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// One clean news text.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub source: String,
    pub text: String,
}

/// A gold entity span, in byte offsets of its document's text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    /// The re3d type ("Person", "Organisation", "Location", "Nationality", …).
    pub kind: String,
}

/// One annotated document (also read from the JSON lines `train_typer` writes).
#[derive(Debug, Clone, Deserialize)]
pub struct NerDocument {
    pub id: String,
    #[serde(default)]
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

// ---------------------------------------------------------------------------------
// names-dev: misspelled and correct sentences written independently of Byline
// (../shared/data/names-dev, CC0 1.0).

/// One row of `names-dev.tsv` (`id, kind, text, token, expected`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamesDevRow {
    pub id: String,
    /// `miss` (one name misspelled) or `clean` (a correct sentence).
    pub kind: String,
    pub text: String,
    /// The misspelled form as written in `text` (empty for clean rows).
    pub token: String,
    /// The correct spellings, alternatives joined by `|` (empty for clean rows).
    pub expected: String,
}

impl NamesDevRow {
    pub fn is_miss(&self) -> bool {
        self.kind == "miss"
    }
}

/// The category and domain of one names-dev row (`categories.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamesDevCategory {
    pub category: String,
    /// `person/politics`, `org/company`, `place/city`, …
    pub domain: String,
}

/// The tab-separated rows of a file, read as `../shared/hooks/names_dev_score.py`
/// reads them: blank lines and lines starting with `#` skipped, each line cut at tabs
/// and padded with empty fields to `width`.
fn tsv_rows(text: &str, width: usize) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut fields: Vec<String> = l.split('\t').map(str::to_string).collect();
            fields.resize(width.max(fields.len()), String::new());
            fields.truncate(width);
            fields
        })
        .collect()
}

/// Parses `names-dev.tsv`, in file order.
pub fn parse_names_dev(text: &str) -> Vec<NamesDevRow> {
    tsv_rows(text, 5)
        .into_iter()
        .map(|f| {
            let [id, kind, text, token, expected]: [String; 5] = f.try_into().expect("five fields");
            NamesDevRow {
                id,
                kind,
                text,
                token,
                expected,
            }
        })
        .collect()
}

/// Parses `categories.tsv` (`id, category, domain, token`).
pub fn parse_names_dev_categories(text: &str) -> HashMap<String, NamesDevCategory> {
    tsv_rows(text, 4)
        .into_iter()
        .map(|f| {
            (
                f[0].clone(),
                NamesDevCategory {
                    category: f[1].clone(),
                    domain: f[2].clone(),
                },
            )
        })
        .collect()
}

/// The names-dev set: its rows and their categories.
#[derive(Debug, Clone, Default)]
pub struct NamesDev {
    pub rows: Vec<NamesDevRow>,
    pub categories: HashMap<String, NamesDevCategory>,
}

/// Reads `names-dev.tsv` and `categories.tsv` from a names-dev folder.
pub fn read_names_dev(dir: &Path) -> Result<NamesDev, String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let rows = parse_names_dev(&read("names-dev.tsv")?);
    if rows.is_empty() {
        return Err(format!("{}: no rows", dir.join("names-dev.tsv").display()));
    }
    Ok(NamesDev {
        rows,
        categories: parse_names_dev_categories(&read("categories.tsv")?),
    })
}

// ---------------------------------------------------------------------------------
// Clean text for false alarms: the text of the entity-annotated corpora, annotations
// dropped.

/// Tokens joined as running text: no space before closing punctuation, clitics ("'s",
/// "n't") and a possessive apostrophe, none after an opening bracket or currency sign,
/// straight double quotes alternately opening and closing, and a hyphen or slash
/// between two words or two numbers joined to both ("two - year" → "two-year").
pub fn detokenize<S: AsRef<str>>(tokens: &[S]) -> String {
    const CLOSING: &[&str] = &[
        ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "”", "’", "…", "...", "'s", "'S", "n't",
        "'re", "'ve", "'ll", "'d", "'m", "’s", "'",
    ];
    const OPENING: &[&str] = &["(", "[", "{", "$", "£", "€", "“", "‘"];
    // Letters joined to letters and digits to digits ("two-year", "1997-8"); never a
    // word to a number ("Paris - 4 November 1987" is a range of dates).
    let joins = |before: &str, after: &str| match (before.chars().last(), after.chars().next()) {
        (Some(a), Some(b)) => {
            (a.is_alphabetic() && b.is_alphabetic()) || (a.is_ascii_digit() && b.is_ascii_digit())
        }
        _ => false,
    };
    let mut out = String::new();
    let mut open_quote = false;
    let mut glue_next = true;
    let mut previous = "";
    let tokens: Vec<&str> = tokens
        .iter()
        .map(AsRef::as_ref)
        .filter(|t| !t.trim().is_empty())
        .collect();
    for (i, &token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let joiner = (token == "-" || token == "/") && joins(previous, next);
        let glue_before = if token == "\"" {
            // A closing quote sticks to what it closes.
            open_quote
        } else {
            CLOSING.contains(&token) || joiner
        };
        if !out.is_empty() && !glue_before && !glue_next {
            out.push(' ');
        }
        out.push_str(token);
        glue_next = if token == "\"" {
            open_quote = !open_quote;
            open_quote
        } else {
            OPENING.contains(&token) || joiner
        };
        previous = token;
    }
    out
}

/// CoNLL-style sentences (token first on each line, a blank line between sentences;
/// `-DOCSTART-` lines skipped), as lists of tokens.
pub fn parse_conll(text: &str) -> Vec<Vec<String>> {
    let mut sentences = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let token = line.split('\t').next().unwrap_or("");
        let token = if line.contains('\t') {
            token
        } else {
            line.split_whitespace().next().unwrap_or("")
        };
        if line.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
        } else if !token.starts_with("-DOCSTART-") {
            current.push(token.to_string());
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// Documents of a UNER file (CoNLL-U-like, `# newdoc id = …` and `# text = …`
/// comments): each document's sentences, from their `# text` lines, joined by a space.
pub fn parse_uner(text: &str) -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            docs.push((id.trim().to_string(), String::new()));
        } else if let Some(sentence) = line.strip_prefix("# text = ") {
            if docs.is_empty() {
                docs.push(("untitled".to_string(), String::new()));
            }
            let doc = &mut docs.last_mut().expect("a document").1;
            if !doc.is_empty() {
                doc.push(' ');
            }
            doc.push_str(sentence.trim());
        }
    }
    docs.retain(|(_, text)| !text.is_empty());
    docs
}

#[derive(Deserialize)]
struct RawRedocred {
    title: String,
    sents: Vec<Vec<String>>,
}

/// Documents of a Re-DocRED JSON file: title and the sentences' text (the title is not
/// part of the text).
pub fn parse_redocred(text: &str, origin: &str) -> Result<Vec<(String, String)>, String> {
    let raw: Vec<RawRedocred> = serde_json::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
    Ok(raw
        .into_iter()
        .map(|d| {
            let sentences: Vec<String> = d.sents.iter().map(|s| detokenize(s)).collect();
            (d.title, sentences.join(" "))
        })
        .collect())
}

/// Whether a corpus counts in the clean-text headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorpusKind {
    /// Edited prose (Wikipedia, web text, government releases): counted.
    Edited,
    /// Tweets: real typos, so findings may be right; reported, never counted.
    Tweets,
}

/// One corpus of clean text.
#[derive(Debug, Clone)]
pub struct CleanCorpus {
    pub name: String,
    pub kind: CorpusKind,
    /// What the text is (for the report).
    pub description: String,
    pub documents: Vec<Article>,
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The files of `dir` whose names end in one of `suffixes`, in name order.
fn files_ending(dir: &Path, suffixes: &[&str]) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| suffixes.iter().any(|s| n.ends_with(s)))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn file_stem(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Each CoNLL sentence of the files as a document of its own (`file:sentence`).
fn conll_corpus(files: &[std::path::PathBuf]) -> Result<Vec<Article>, String> {
    let mut out = Vec::new();
    for path in files {
        let name = file_stem(path);
        for (n, tokens) in parse_conll(&read_text(path)?).iter().enumerate() {
            out.push(Article {
                id: format!("{name}:{}", n + 1),
                source: name.clone(),
                text: detokenize(tokens),
            });
        }
    }
    Ok(out)
}

/// Reads the clean-text corpora present: under `ner_train` (../shared/data/ner-train)
/// Re-DocRED and CrossNER politics (Wikipedia), UNER English-EWT (web text), the
/// Broad Twitter Corpus and WNUT-17 (tweets); and re3d's documents (`re3d`, already
/// read for the entity evaluation). A folder that is absent is left out.
pub fn clean_corpora(
    ner_train: Option<&Path>,
    re3d: Option<&[NerDocument]>,
) -> Result<Vec<CleanCorpus>, String> {
    let mut corpora = Vec::new();
    let sub = |name: &str| ner_train.map(|root| root.join(name)).filter(|p| p.is_dir());
    if let Some(dir) = sub("redocred") {
        let mut documents = Vec::new();
        for path in files_ending(&dir, &[".json"])? {
            let name = file_stem(&path);
            for (n, (title, text)) in
                parse_redocred(&read_text(&path)?, &path.display().to_string())?
                    .into_iter()
                    .enumerate()
            {
                documents.push(Article {
                    id: format!("{name}:{} ({title})", n + 1),
                    source: name.clone(),
                    text,
                });
            }
        }
        corpora.push(CleanCorpus {
            name: "redocred".into(),
            kind: CorpusKind::Edited,
            description: "Re-DocRED dev+test: Wikipedia articles' opening paragraphs".into(),
            documents,
        });
    }
    if let Some(dir) = sub("crossner-politics") {
        corpora.push(CleanCorpus {
            name: "crossner-politics".into(),
            kind: CorpusKind::Edited,
            description: "CrossNER politics train+dev+test: Wikipedia sentences, one a story"
                .into(),
            documents: conll_corpus(&files_ending(&dir, &[".txt"])?)?,
        });
    }
    if let Some(dir) = sub("uner-ewt") {
        let mut documents = Vec::new();
        for path in files_ending(&dir, &[".iob2"])? {
            let name = file_stem(&path);
            for (id, text) in parse_uner(&read_text(&path)?) {
                documents.push(Article {
                    id,
                    source: name.clone(),
                    text,
                });
            }
        }
        corpora.push(CleanCorpus {
            name: "uner-ewt".into(),
            kind: CorpusKind::Edited,
            description: "UNER English Web Treebank dev+test: reviews, e-mail, blogs, answers"
                .into(),
            documents,
        });
    }
    if let Some(docs) = re3d {
        corpora.push(CleanCorpus {
            name: "re3d".into(),
            kind: CorpusKind::Edited,
            description: "re3d: defence and security press releases".into(),
            documents: docs
                .iter()
                .map(|d| Article {
                    id: format!("{}/{}", d.source, d.id),
                    source: d.source.clone(),
                    text: d.text.clone(),
                })
                .collect(),
        });
    }
    if let Some(dir) = sub("btc") {
        corpora.push(CleanCorpus {
            name: "btc".into(),
            kind: CorpusKind::Tweets,
            description: "Broad Twitter Corpus a b e f g h: tweets, one a story".into(),
            documents: conll_corpus(&files_ending(&dir, &[".conll"])?)?,
        });
    }
    if let Some(dir) = sub("wnut17") {
        corpora.push(CleanCorpus {
            name: "wnut17".into(),
            kind: CorpusKind::Tweets,
            description: "WNUT-17 train+dev+test: tweets, Reddit and YouTube comments, one a story"
                .into(),
            documents: conll_corpus(&files_ending(&dir, &[".conll", ".annotated"])?)?,
        });
    }
    Ok(corpora)
}

// ---------------------------------------------------------------------------------
// The ordinary-names probe: names invented by Faker (scripts/eval/ordinary_names.py).

/// The committed probe (`tests/fixtures/eval/ordinary-names.tsv`; ours).
pub const ORDINARY_NAMES: &str = include_str!("../../tests/fixtures/eval/ordinary-names.tsv");

/// One invented person in one plain sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdinaryName {
    pub id: String,
    pub locale: String,
    pub name: String,
    pub sentence: String,
}

/// Parses the probe's TSV (`id, locale, name, sentence`; `#` lines are comments).
pub fn parse_ordinary_names(text: &str) -> Vec<OrdinaryName> {
    tsv_rows(text, 4)
        .into_iter()
        .map(|f| {
            let [id, locale, name, sentence]: [String; 4] = f.try_into().expect("four fields");
            OrdinaryName {
                id,
                locale,
                name,
                sentence,
            }
        })
        .collect()
}

/// The `# Generated by …` line of the probe's header (faker version and seed).
pub fn ordinary_names_provenance(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# Generated by "))
        .map(|s| format!("generated by {}", s.trim_end_matches('.')))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenize_glues_punctuation_clitics_quotes_and_joined_words() {
        // (CoNLL tokens joined by spaces, the running text they were cut from)
        let cases = [
            (
                "Wilfried \" Willi \" Schneider ( born 1963 ) is n't a co - founder , he said .",
                "Wilfried \"Willi\" Schneider (born 1963) isn't a co-founder, he said.",
            ),
            ("Idriss ' death in 1997 - 8", "Idriss' death in 1997-8"),
            (
                "Obama 's DVD / Blu - ray costs $ 5 .",
                "Obama's DVD/Blu-ray costs $5.",
            ),
            ("1990 – 1995 ; war - ", "1990 – 1995; war -"),
            ("Paris - 4 November", "Paris - 4 November"),
        ];
        for (tokens, text) in cases {
            let tokens: Vec<&str> = tokens.split(' ').collect();
            assert_eq!(detokenize(&tokens), text, "{tokens:?}");
        }
    }

    #[test]
    fn conll_sentences_and_uner_documents() {
        let conll = "-DOCSTART-\tO\n\nAt\tO\nParis\tB-LOC\n.\tO\n\nHi\tO\n";
        assert_eq!(
            parse_conll(conll),
            vec![vec!["At", "Paris", "."], vec!["Hi"]]
        );
        let uner = "# newdoc id = a\n# sent_id = 1\n# text = One.\n1\tOne\tO\n\n# text = Two.\n# newdoc id = b\n# text = Three.\n";
        assert_eq!(
            parse_uner(uner),
            vec![
                ("a".to_string(), "One. Two.".to_string()),
                ("b".to_string(), "Three.".to_string())
            ]
        );
    }

    #[test]
    fn names_dev_rows_are_read_as_the_hook_script_reads_them() {
        let tsv = "# id\tkind\ttext\ttoken\texpected\nd001\tmiss\tKagama said.\tKagama\tKagame\n\n  \nk001\tclean\tAll fine.\n";
        let rows = parse_names_dev(tsv);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].expected, "Kagame");
        assert!(rows[0].is_miss());
        assert_eq!(rows[1].token, "");
        assert!(!rows[1].is_miss());
    }

    #[test]
    fn the_ordinary_names_probe_parses_and_records_its_generator() {
        let names = parse_ordinary_names(ORDINARY_NAMES);
        assert!((1_000..=2_000).contains(&names.len()), "{}", names.len());
        for n in &names {
            assert!(n.sentence.contains(&n.name), "{n:?}");
        }
        let provenance = ordinary_names_provenance(ORDINARY_NAMES);
        assert!(provenance.contains("faker 40.54.0") && provenance.contains("seed"));
    }
}
