//! The server's state: open documents with their latest analysis, the KB and the
//! settings. Every mutation happens synchronously, under one lock, before a handler's
//! first `.await`, so edits apply in the order the client sent them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::Uri;

use super::isolation::{self, Panicked};
use super::settings::ClientSettings;
use byline_core::analysis::{Analysis, AnalysisOptions, CheckSettings, Incremental};
use byline_core::prose::Format;
use byline_core::text::document::{Document, TextEdit};
use byline_core::text::{LineIndex, PositionEncoding};
use byline_desk::config::{self, Config};
use byline_kb::Kb;

/// Documents larger than this are kept and edited but not analysed (the server says
/// so once per document); `byline.maxDocumentBytes` changes it.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// An open document and what we know of its current version.
pub struct OpenDocument {
    pub document: Document,
    pub format: Format,
    /// The text of the version `analysis` describes.
    pub text: Arc<String>,
    pub index: Arc<LineIndex>,
    pub analysis: Arc<Analysis>,
    /// The `.byline.toml` that governs this document, if any.
    pub config_path: Option<PathBuf>,
    /// Over the size limit at the last analysis (so the warning is shown once).
    pub oversized: bool,
    /// Edited since `analysis` was made: `text`, `index` and `analysis` describe an
    /// older version than `document` until [`ServerState::refresh`] runs.
    pub stale: bool,
    /// What the next analysis may reuse from the last (unchanged blocks, searches).
    pub incremental: Incremental,
}

pub struct ServerState {
    pub encoding: PositionEncoding,
    pub documents: HashMap<Uri, OpenDocument>,
    pub kb: Arc<Kb>,
    pub client_settings: ClientSettings,
    /// Configurations by path, loaded once.
    pub configs: HashMap<PathBuf, Config>,
    /// KB files the current `kb` was built from, beyond the default.
    pub kb_files: Vec<PathBuf>,
    /// The client accepts `workspace/semanticTokens/refresh`: after a settings or KB
    /// change re-types mentions, the server asks it to re-request tokens.
    pub semantic_tokens_refresh: bool,
}

/// A message the server should show or log, produced while mutating state.
pub enum Notice {
    Log(String),
    Show(String),
}

impl ServerState {
    pub fn new(kb: Arc<Kb>) -> ServerState {
        ServerState {
            encoding: PositionEncoding::Utf16,
            documents: HashMap::new(),
            kb,
            client_settings: ClientSettings::default(),
            configs: HashMap::new(),
            kb_files: Vec::new(),
            semantic_tokens_refresh: false,
        }
    }

    fn config_for(&mut self, uri: &Uri, notices: &mut Vec<Notice>) -> Option<PathBuf> {
        let path = uri.to_file_path()?;
        let found = config::discover(path.parent()?)?;
        if !self.configs.contains_key(&found) {
            match config::load(&found) {
                Ok(config) => {
                    self.configs.insert(found.clone(), config);
                }
                Err(error) => {
                    notices.push(Notice::Show(format!("Byline: {error}")));
                    self.configs.insert(found.clone(), Config::default());
                }
            }
        }
        Some(found)
    }

    /// Rebuilds the KB when the wanted KB files changed; keeps the old one on error.
    pub fn refresh_kb(&mut self, notices: &mut Vec<Notice>) -> bool {
        let mut wanted: Vec<PathBuf> = Vec::new();
        for doc in self.documents.values() {
            if let Some(config) = doc.config_path.as_ref().and_then(|p| self.configs.get(p)) {
                for file in &config.kb_files {
                    if !wanted.contains(file) {
                        wanted.push(file.clone());
                    }
                }
            }
        }
        let house = self.client_settings.house_kb.iter().filter(|p| p.is_file());
        for file in self.client_settings.kb_files.iter().chain(house) {
            if !wanted.contains(file) {
                wanted.push(file.clone());
            }
        }
        if wanted == self.kb_files {
            return false;
        }
        let built = byline_default_kb::default_builder().and_then(|builder| {
            wanted
                .iter()
                .try_fold(builder, |builder, path| builder.with_file(path))
        });
        match built {
            Ok(builder) => {
                self.kb = Arc::new(builder.build());
                self.kb_files = wanted;
                true
            }
            Err(error) => {
                notices.push(Notice::Show(format!("Byline: {error}")));
                false
            }
        }
    }

    fn options_for(&self, doc: &OpenDocument) -> AnalysisOptions {
        let config = doc.config_path.as_ref().and_then(|p| self.configs.get(p));
        let mut checks: CheckSettings = config.map(|c| c.checks.clone()).unwrap_or_default();
        self.client_settings.apply_to(&mut checks);
        AnalysisOptions {
            format: Some(doc.format),
            story_date: self
                .client_settings
                .story_date
                .or(config.and_then(|c| c.story_date)),
            checks,
        }
    }

    /// The house KB file for a document: the client's `houseKb`, else the first KB
    /// file of the document's `.byline.toml`.
    pub fn house_kb_for(&self, uri: &Uri) -> Option<PathBuf> {
        if let Some(path) = &self.client_settings.house_kb {
            return Some(path.clone());
        }
        let doc = self.documents.get(uri)?;
        let config = self.configs.get(doc.config_path.as_ref()?)?;
        config.kb_files.first().cloned()
    }

    /// Forgets the built KB so the next refresh rebuilds it (after a KB file changed).
    pub fn invalidate_kb(&mut self) {
        self.kb_files = vec![PathBuf::from("\0invalidated")];
    }

    /// The size over which a document is not analysed.
    pub fn max_document_bytes(&self) -> usize {
        self.client_settings
            .max_document_bytes
            .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
    }

    /// Re-analyses one document. A document over the size limit gets an empty
    /// analysis; a panic inside the analysis is logged and also leaves an empty one,
    /// so one bad input never takes the server down.
    pub fn reanalyze(&mut self, uri: &Uri, notices: &mut Vec<Notice>) {
        let limit = self.max_document_bytes();
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let options = self.options_for(doc);
        let text = doc.document.text();
        let index = LineIndex::new(&text);
        let oversized = text.len() > limit;
        let kb = Arc::clone(&self.kb);
        let doc = self.documents.get_mut(uri).expect("document exists");
        let analysis = if oversized {
            if !doc.oversized {
                notices.push(Notice::Show(format!(
                    "Byline: {} is {} bytes, over the {limit}-byte limit (byline.maxDocumentBytes); it is not checked.",
                    uri.as_str(),
                    text.len(),
                )));
            }
            Ok(empty_analysis())
        } else {
            let incremental = &mut doc.incremental;
            isolation::catch(|| {
                isolation::injected_analysis_panic(&text);
                incremental.analyze(&text, &kb, &options)
            })
        };
        let analysis = analysis.unwrap_or_else(|Panicked(message)| {
            // Whatever the failed analysis left half-made is not reused.
            doc.incremental = Incremental::new();
            notices.push(Notice::Log(format!(
                "Byline: analysis of {} failed: {message}",
                uri.as_str()
            )));
            empty_analysis()
        });
        doc.analysis = Arc::new(analysis);
        doc.text = Arc::new(text);
        doc.index = Arc::new(index);
        doc.oversized = oversized;
        doc.stale = false;
    }

    /// Analyses `uri` again if it was edited since its last analysis; returns whether
    /// it did. Edits only mark a document stale, so a burst of changes costs one
    /// analysis, made when someone needs it (a request, or the analysis task).
    pub fn refresh(&mut self, uri: &Uri, notices: &mut Vec<Notice>) -> bool {
        if !self.documents.get(uri).is_some_and(|doc| doc.stale) {
            return false;
        }
        self.reanalyze(uri, notices);
        true
    }

    pub fn open(
        &mut self,
        uri: Uri,
        text: &str,
        version: i32,
        format: Format,
        notices: &mut Vec<Notice>,
    ) {
        let config_path = self.config_for(&uri, notices);
        self.documents.insert(
            uri.clone(),
            OpenDocument {
                document: Document::new(text, version),
                format,
                text: Arc::new(String::new()),
                index: Arc::new(LineIndex::new("")),
                analysis: Arc::new(empty_analysis()),
                config_path,
                oversized: false,
                stale: false,
                incremental: Incremental::new(),
            },
        );
        if self.refresh_kb(notices) {
            self.reanalyze_all(notices);
        } else {
            self.reanalyze(&uri, notices);
        }
    }

    /// Applies changes in order and marks the document stale (see [`Self::refresh`]);
    /// returns false when the document is not open.
    pub fn change(&mut self, uri: &Uri, version: i32, edits: &[TextEdit]) -> bool {
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(uri) else {
            return false;
        };
        for edit in edits {
            doc.document.apply(edit, encoding);
        }
        doc.document.version = version;
        doc.stale = true;
        true
    }

    pub fn reanalyze_all(&mut self, notices: &mut Vec<Notice>) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.reanalyze(&uri, notices);
        }
    }
}

fn empty_analysis() -> Analysis {
    Analysis {
        mentions: Vec::new(),
        clusters: Vec::new(),
        diagnostics: Vec::new(),
        story_date: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_core::analysis::analyze;
    use byline_core::testing::edit_strategy;
    use byline_core::testing::reference;
    use proptest::collection::vec;
    use proptest::prelude::*;

    const FRAGMENTS: &str =
        "(General |Valery |Gerasimovis|Gerasimov|Shoigu|Moscow|Islamic Republic News Agency |\\(IRNA\\)|\\. |é|😀|𝒜|Щ|\r\n|\n\n|\n|\r|- |# |---\n|date: 2021-10-21\n|```\n| ){0,5}";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The server's own change path (`ServerState::change`, batches of content
        /// changes as one didChange carries) leaves the text a naive string model
        /// gives, and an analysis equal to a fresh analysis of that text: the
        /// document's incremental analysis never serves a stale block.
        #[test]
        fn server_edits_equal_string_edits_and_a_fresh_analysis(
            initial in "(General Valery Gerasimovis|Shoigu|Moscow|\\. |😀|é|\r\n|\n| ){0,12}",
            batches in vec(vec(edit_strategy(FRAGMENTS), 1..4), 1..8),
            utf8 in any::<bool>(),
            markdown in any::<bool>(),
        ) {
            let kb = Arc::new(byline_default_kb::default_kb().unwrap());
            let format = if markdown { Format::Markdown } else { Format::PlainText };
            let mut state = ServerState::new(kb);
            state.encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let uri: Uri = "untitled:proptest.md".parse().unwrap();
            let mut notices = Vec::new();
            state.open(uri.clone(), &initial, 1, format, &mut notices);
            let mut model = initial.clone();
            for (version, batch) in (2..).zip(&batches) {
                prop_assert!(state.change(&uri, version, batch));
                for edit in batch {
                    model = reference::apply(&model, edit, state.encoding);
                }
                if version % 3 == 0 {
                    state.refresh(&uri, &mut notices);
                }
            }
            state.refresh(&uri, &mut notices);
            let doc = &state.documents[&uri];
            prop_assert_eq!(doc.document.text(), model.clone());
            prop_assert_eq!(doc.text.as_str(), model.as_str());
            let fresh = analyze(&model, &state.kb, &state.options_for(doc));
            prop_assert_eq!(format!("{:?}", doc.analysis), format!("{fresh:?}"));
        }
    }

    #[test]
    fn an_oversized_document_is_kept_unanalysed_and_reported_once() {
        let mut state = ServerState::new(Arc::new(byline_default_kb::default_kb().unwrap()));
        state.client_settings.max_document_bytes = Some(40);
        let uri: Uri = "untitled:big.md".parse().unwrap();
        let mut notices = Vec::new();
        let text = "General Valery Gerasimovis spoke in Moscow on Monday.";
        state.open(uri.clone(), text, 1, Format::Markdown, &mut notices);
        assert_eq!(notices.len(), 1);
        assert!(state.documents[&uri].analysis.mentions.is_empty());
        let edit = TextEdit {
            range: None,
            text: format!("{text} Again."),
        };
        state.change(&uri, 2, &[edit]);
        assert!(state.refresh(&uri, &mut notices));
        assert_eq!(notices.len(), 1, "the limit is reported once");
        assert_eq!(state.documents[&uri].text.len(), text.len() + 7);
        state.client_settings.max_document_bytes = None;
        state.reanalyze_all(&mut notices);
        assert!(!state.documents[&uri].analysis.mentions.is_empty());
    }
}
