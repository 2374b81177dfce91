//! The server's state: open documents with their latest analysis, the KB and the
//! settings. Every mutation happens synchronously, under one lock, before a handler's
//! first `.await`, so edits apply in the order the client sent them.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::Uri;

use super::settings::ClientSettings;
use crate::analysis::{analyze, Analysis, AnalysisOptions, CheckSettings};
use crate::config::{self, Config};
use crate::kb::Kb;
use crate::prose::Format;
use crate::text::document::{Document, TextEdit};
use crate::text::{LineIndex, PositionEncoding};

/// Documents larger than this are not analysed (the server says so once).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

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
    pub max_document_bytes: usize,
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
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
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
        let built = crate::kb::default_builder().and_then(|builder| {
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

    /// Re-analyses one document; a panic inside the analysis keeps the previous result
    /// and is reported, so one bad input never takes the server down.
    pub fn reanalyze(&mut self, uri: &Uri, notices: &mut Vec<Notice>) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let options = self.options_for(doc);
        let text = doc.document.text();
        let index = LineIndex::new(&text);
        let analysis = if text.len() > self.max_document_bytes {
            notices.push(Notice::Show(format!(
                "Byline: {} is {} bytes, over the {}-byte limit; it is not checked.",
                uri.as_str(),
                text.len(),
                self.max_document_bytes
            )));
            Ok(empty_analysis())
        } else {
            let kb = Arc::clone(&self.kb);
            catch_unwind(AssertUnwindSafe(|| analyze(&text, &kb, &options)))
        };
        let doc = self.documents.get_mut(uri).expect("document exists");
        match analysis {
            Ok(analysis) => {
                doc.analysis = Arc::new(analysis);
                doc.text = Arc::new(text);
                doc.index = Arc::new(index);
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                notices.push(Notice::Log(format!(
                    "Byline: analysis of {} failed: {message}",
                    uri.as_str()
                )));
                doc.analysis = Arc::new(empty_analysis());
                doc.text = Arc::new(text);
                doc.index = Arc::new(index);
            }
        }
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
            },
        );
        if self.refresh_kb(notices) {
            self.reanalyze_all(notices);
        } else {
            self.reanalyze(&uri, notices);
        }
    }

    /// Applies changes in order; returns false when the document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        edits: &[TextEdit],
        notices: &mut Vec<Notice>,
    ) -> bool {
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(uri) else {
            return false;
        };
        for edit in edits {
            doc.document.apply(edit, encoding);
        }
        doc.document.version = version;
        self.reanalyze(uri, notices);
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
