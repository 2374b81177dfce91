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
use byline_core::card::CardDate;
use byline_core::prose::Format;
use byline_core::text::document::{Document, TextEdit};
use byline_core::text::{LineIndex, PositionEncoding};
use byline_desk::config::{self, Config};
use byline_kb::{Kb, PartialDate};

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
    /// A date set for this document (`byline/setStoryDate`); wins over every other
    /// source, and is forgotten when the document closes.
    pub story_date: Option<PartialDate>,
    /// The story date `analysis` used and where it came from.
    pub date_in_force: DateInForce,
}

/// Where a document's story date comes from, first to last (docs/lsp-extensions.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `byline/setStoryDate` for this document.
    Document,
    /// The client's `byline.storyDate`.
    Settings,
    /// `story_date` in the document's `.byline.toml`.
    Config,
    /// The document's front matter.
    FrontMatter,
    /// None: cards use today's roles, `outdated-title` is not checked.
    None,
}

impl DateSource {
    /// The name in `byline/storyDate` answers.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Document => "document",
            DateSource::Settings => "settings",
            DateSource::Config => "config",
            DateSource::FrontMatter => "frontMatter",
            DateSource::None => "none",
        }
    }

    /// The words a reader sees (as the clients' status lines show them).
    pub fn label(self) -> &'static str {
        match self {
            DateSource::Document => "set for this story",
            DateSource::Settings => "settings",
            DateSource::Config => ".byline.toml",
            DateSource::FrontMatter => "front matter",
            DateSource::None => "none",
        }
    }
}

/// The story date in force for a document, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateInForce {
    pub date: Option<PartialDate>,
    pub source: DateSource,
    /// The `.byline.toml` that set it, when `source` is `Config`.
    pub config_path: Option<PathBuf>,
}

impl Default for DateInForce {
    fn default() -> DateInForce {
        DateInForce {
            date: None,
            source: DateSource::None,
            config_path: None,
        }
    }
}

impl DateInForce {
    /// The `StoryDate` object of `byline/storyDate` and `byline/setStoryDate`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut answer = serde_json::json!({
            "date": self.date.map(|d| d.to_string()),
            "source": self.source.as_str(),
        });
        if let (DateSource::Config, Some(path)) = (self.source, &self.config_path) {
            answer["configPath"] = serde_json::json!(path.display().to_string());
        }
        answer
    }

    /// The date a hover card shows roles on; `today` when there is none.
    pub fn card_date(&self, today: PartialDate) -> CardDate<'static> {
        match self.date {
            Some(date) => CardDate::Story(date, Some(self.source.label())),
            None => CardDate::Today(today),
        }
    }
}

/// The file "Add '…' to the house KB" writes for a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseKb {
    pub path: PathBuf,
    /// Not configured: `<workspace root>/.byline/house-kb.toml`, or that folder beside
    /// the story without a workspace root. Loaded once it exists.
    pub implicit: bool,
}

/// Where a house KB goes when none is configured, under the workspace root (or the
/// story's folder).
pub const IMPLICIT_HOUSE_KB: &str = ".byline/house-kb.toml";

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
    /// The workspace folder from `initialize` (the first of `workspaceFolders`, else
    /// `rootUri`): where an implicit house KB lives.
    pub workspace_root: Option<PathBuf>,
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
            workspace_root: None,
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
        // A house KB made without configuration ("Add … to a new house KB") is loaded
        // as if `houseKb` named it.
        let implicit: Vec<PathBuf> = self
            .documents
            .keys()
            .filter_map(|uri| self.house_kb_for(uri))
            .filter(|house| house.implicit && house.path.is_file())
            .map(|house| house.path)
            .collect();
        for file in implicit {
            if !wanted.contains(&file) {
                wanted.push(file);
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

    /// The story date the analysis is given, by the order of docs/lsp-extensions.md:
    /// the document's own, the client's setting, `.byline.toml`; else `None`, and the
    /// analysis reads the front matter.
    fn date_option(&self, doc: &OpenDocument) -> DateInForce {
        let config = doc.config_path.as_ref().and_then(|p| self.configs.get(p));
        let (date, source) = if let Some(date) = doc.story_date {
            (Some(date), DateSource::Document)
        } else if let Some(date) = self.client_settings.story_date {
            (Some(date), DateSource::Settings)
        } else if let Some(date) = config.and_then(|c| c.story_date) {
            (Some(date), DateSource::Config)
        } else {
            (None, DateSource::None)
        };
        DateInForce {
            date,
            source,
            config_path: (source == DateSource::Config)
                .then(|| doc.config_path.clone())
                .flatten(),
        }
    }

    fn options_for(&self, doc: &OpenDocument) -> AnalysisOptions {
        let config = doc.config_path.as_ref().and_then(|p| self.configs.get(p));
        let mut checks: CheckSettings = config.map(|c| c.checks.clone()).unwrap_or_default();
        self.client_settings.apply_to(&mut checks);
        AnalysisOptions {
            format: Some(doc.format),
            story_date: self.date_option(doc).date,
            checks,
            ..AnalysisOptions::default()
        }
    }

    /// The house KB file for a document: the client's `houseKb`, else the first KB
    /// file of the document's `.byline.toml`, else [`IMPLICIT_HOUSE_KB`] under the
    /// workspace root (or the story's folder). `None` for a document that is not open,
    /// or neither a file nor in a workspace.
    pub fn house_kb_for(&self, uri: &Uri) -> Option<HouseKb> {
        if let Some(path) = &self.client_settings.house_kb {
            return Some(HouseKb {
                path: path.clone(),
                implicit: false,
            });
        }
        let doc = self.documents.get(uri)?;
        let configured = doc
            .config_path
            .as_ref()
            .and_then(|p| self.configs.get(p))
            .and_then(|config| config.kb_files.first());
        if let Some(path) = configured {
            return Some(HouseKb {
                path: path.clone(),
                implicit: false,
            });
        }
        let folder = match &self.workspace_root {
            Some(root) => root.clone(),
            None => local_path(uri)?.parent()?.to_path_buf(),
        };
        Some(HouseKb {
            path: folder.join(IMPLICIT_HOUSE_KB),
            implicit: true,
        })
    }

    /// Sets (or with `None` clears) the story date of an open document and analyses it
    /// again; returns the date now in force, or `None` when the document is not open.
    pub fn set_story_date(
        &mut self,
        uri: &Uri,
        date: Option<PartialDate>,
        notices: &mut Vec<Notice>,
    ) -> Option<DateInForce> {
        self.documents.get_mut(uri)?.story_date = date;
        self.reanalyze(uri, notices);
        self.documents.get(uri).map(|doc| doc.date_in_force.clone())
    }

    /// The story date in force for an open document (analysing a stale one first, so
    /// the answer describes the client's text).
    pub fn story_date_of(&mut self, uri: &Uri, notices: &mut Vec<Notice>) -> Option<DateInForce> {
        self.refresh(uri, notices);
        self.documents.get(uri).map(|doc| doc.date_in_force.clone())
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
        let mut date_in_force = self.date_option(doc);
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
        if date_in_force.source == DateSource::None {
            // No option set one: the analysis read the front matter, if any.
            if let Some(date) = analysis.story_date {
                date_in_force.date = Some(date);
                date_in_force.source = DateSource::FrontMatter;
            }
        }
        doc.date_in_force = date_in_force;
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
                story_date: None,
                date_in_force: DateInForce::default(),
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

/// The local path of a `file:` URI (`Uri::to_file_path` alone also turns
/// `untitled:Untitled-1` into a relative path).
pub fn local_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
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

    fn file_uri(path: &std::path::Path) -> Uri {
        format!("file://{}", path.display()).parse().unwrap()
    }

    #[test]
    fn the_story_date_in_force_follows_document_then_settings_then_config_then_front_matter() {
        let date = |text: &str| PartialDate::parse(text).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let governed = dir.path().join("governed");
        std::fs::create_dir(&governed).unwrap();
        std::fs::write(
            governed.join(".byline.toml"),
            "story_date = \"2020-01-02\"\n",
        )
        .unwrap();
        let mut state = ServerState::new(Arc::new(byline_default_kb::default_kb().unwrap()));
        let mut notices = Vec::new();
        let story = "---\ndate: 2021-10-21\n---\nGeneral Valery Gerasimov spoke.\n";
        let free = file_uri(&dir.path().join("story.md"));
        let ruled = file_uri(&governed.join("story.md"));
        let plain = file_uri(&dir.path().join("note.txt"));
        state.open(free.clone(), story, 1, Format::Markdown, &mut notices);
        state.open(ruled.clone(), story, 1, Format::Markdown, &mut notices);
        state.open(
            plain.clone(),
            "Gerasimov spoke.",
            1,
            Format::PlainText,
            &mut notices,
        );
        assert!(notices.is_empty());
        let in_force = |state: &mut ServerState, uri: &Uri| {
            let found = state.story_date_of(uri, &mut Vec::new()).unwrap();
            // The analysis used the date the answer names.
            assert_eq!(state.documents[uri].analysis.story_date, found.date);
            (found.date, found.source, found.config_path)
        };
        assert_eq!(
            in_force(&mut state, &free),
            (Some(date("2021-10-21")), DateSource::FrontMatter, None)
        );
        assert_eq!(
            in_force(&mut state, &ruled),
            (
                Some(date("2020-01-02")),
                DateSource::Config,
                Some(governed.join(".byline.toml"))
            )
        );
        assert_eq!(in_force(&mut state, &plain), (None, DateSource::None, None));

        state.client_settings.story_date = Some(date("2022-02-24"));
        state.reanalyze_all(&mut notices);
        for uri in [&free, &ruled, &plain] {
            assert_eq!(
                in_force(&mut state, uri),
                (Some(date("2022-02-24")), DateSource::Settings, None)
            );
        }

        let set = state
            .set_story_date(&ruled, Some(date("2019-05")), &mut notices)
            .unwrap();
        assert_eq!(
            (set.date, set.source),
            (Some(date("2019-05")), DateSource::Document)
        );
        assert_eq!(in_force(&mut state, &ruled).1, DateSource::Document);
        assert_eq!(in_force(&mut state, &free).1, DateSource::Settings);
        state.client_settings.story_date = None;
        state.reanalyze_all(&mut notices);
        assert_eq!(in_force(&mut state, &ruled).1, DateSource::Document);
        let cleared = state.set_story_date(&ruled, None, &mut notices).unwrap();
        assert_eq!(
            (cleared.date, cleared.source),
            (Some(date("2020-01-02")), DateSource::Config)
        );
        assert_eq!(
            cleared.to_json(),
            serde_json::json!({"date": "2020-01-02", "source": "config",
                "configPath": governed.join(".byline.toml").display().to_string()})
        );
        assert_eq!(
            state.documents[&plain].date_in_force.to_json(),
            serde_json::json!({"date": null, "source": "none"})
        );

        // An edit is analysed before the answer; closing forgets the document's date.
        state.set_story_date(&free, Some(date("2018")), &mut notices);
        state.change(
            &free,
            2,
            &[TextEdit {
                range: None,
                text: "Gerasimov spoke.\n".into(),
            }],
        );
        assert_eq!(in_force(&mut state, &free).0, Some(date("2018")));
        assert!(state.set_story_date(&free, None, &mut notices).is_some());
        assert_eq!(in_force(&mut state, &free), (None, DateSource::None, None));
        state.documents.remove(&plain);
        assert!(state.story_date_of(&plain, &mut notices).is_none());
        assert!(state
            .set_story_date(&plain, Some(date("2018")), &mut notices)
            .is_none());
    }

    #[test]
    fn without_a_configured_house_kb_it_goes_under_the_workspace_root_or_beside_the_story() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = ServerState::new(Arc::new(byline_default_kb::default_kb().unwrap()));
        let uri = file_uri(&dir.path().join("desk/story.md"));
        let mut notices = Vec::new();
        state.open(
            uri.clone(),
            "Xandor Quillfeather spoke.",
            1,
            Format::Markdown,
            &mut notices,
        );
        let beside = dir.path().join("desk/.byline/house-kb.toml");
        assert_eq!(
            state.house_kb_for(&uri),
            Some(HouseKb {
                path: beside.clone(),
                implicit: true
            })
        );
        state.workspace_root = Some(dir.path().to_path_buf());
        let rooted = dir.path().join(".byline/house-kb.toml");
        assert_eq!(state.house_kb_for(&uri).unwrap().path, rooted);
        state.client_settings.house_kb = Some(dir.path().join("mine.toml"));
        assert_eq!(
            state.house_kb_for(&uri),
            Some(HouseKb {
                path: dir.path().join("mine.toml"),
                implicit: false
            })
        );
        state.client_settings.house_kb = None;
        // Once the implicit file exists it is loaded like any house KB.
        assert!(!state.refresh_kb(&mut notices));
        byline_desk::house::add_entry(
            &rooted,
            &byline_desk::house::NewEntry {
                name: "Xandor Quillfeather".into(),
                category: byline_kb::Category::Person,
            },
            PartialDate::today(),
        )
        .unwrap();
        assert!(state.refresh_kb(&mut notices));
        assert_eq!(state.kb_files, [rooted]);
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        state.workspace_root = None;
        state.open(untitled.clone(), "Text.", 1, Format::Markdown, &mut notices);
        assert_eq!(state.house_kb_for(&untitled), None);
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
