//! The language-server adapter over stdio (`tower-lsp-server`).
//!
//! Ordering: tower-lsp-server may run handlers concurrently, but it polls each
//! handler's future in the order messages arrive. Every handler therefore does all of
//! its state work synchronously, under one `std::sync::Mutex`, before its first
//! `.await`. Diagnostics go through one publisher task fed by an unbounded channel in
//! that same synchronous section, so they leave in version order and a superseded
//! version is never published after a newer one.

mod convert;
pub mod features;
mod framing;
mod isolation;
mod settings;
mod state;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use byline_core::prose::Format;
use byline_core::text::document::{TextEdit as Edit, TextRange};
use byline_core::text::{PositionEncoding, TextPosition};
use byline_kb::{Kb, PartialDate};
use convert::Positions;
use isolation::Panicked;
use settings::ClientSettings;
use state::{Notice, OpenDocument, ServerState};

/// A diagnostics publication waiting for the publisher task.
struct Publication {
    uri: Uri,
    version: i32,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<Mutex<ServerState>>,
    publications: mpsc::UnboundedSender<Publication>,
    /// Documents an edit left stale, for the analysis task (see `analyse_stale`).
    stale: mpsc::UnboundedSender<Uri>,
}

/// Which story date is in force for a document, and where it comes from
/// (docs/lsp-extensions.md).
pub const STORY_DATE_METHOD: &str = "byline/storyDate";
/// Sets or clears one document's story date (docs/lsp-extensions.md).
pub const SET_STORY_DATE_METHOD: &str = "byline/setStoryDate";

/// Set by `shutdown`: the exit code after `exit` depends on it (LSP: 0 after a
/// shutdown request, 1 without one).
static SHUTDOWN_REQUESTED: AtomicBool = AtomicBool::new(false);

/// Runs the server on stdin/stdout until the client exits or stdin closes; returns
/// the process exit code the specification gives.
pub fn run_stdio() -> std::process::ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime starts");
    runtime.block_on(async {
        let kb = match byline_default_kb::default_kb() {
            Ok(kb) => kb,
            Err(error) => {
                eprintln!("byline: the embedded KB failed to load: {error}");
                Kb::empty()
            }
        };
        let (service, socket) = LspService::build(|client| Backend::new(client, Arc::new(kb)))
            .custom_method(STORY_DATE_METHOD, Backend::story_date)
            .custom_method(SET_STORY_DATE_METHOD, Backend::set_story_date)
            .finish();
        // stdin → framing guard → server → frame merger → stdout (see framing.rs).
        let (guarded_in, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, merged_out) = tokio::io::duplex(1 << 16);
        let (errors, error_frames) = mpsc::unbounded_channel();
        tokio::spawn(framing::guard_input(tokio::io::stdin(), guarded_in, errors));
        let writer = tokio::spawn(framing::merge_output(
            merged_out,
            error_frames,
            tokio::io::stdout(),
        ));
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
        let _ = writer.await;
    });
    // The stdin reader is a blocking thread that may sit in `read` until the client
    // closes the pipe; do not wait for it (the client may keep stdin open after `exit`).
    runtime.shutdown_background();
    if SHUTDOWN_REQUESTED.load(Ordering::SeqCst) {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}

impl Backend {
    fn new(client: Client, kb: Arc<Kb>) -> Backend {
        let (sender, mut receiver) = mpsc::unbounded_channel::<Publication>();
        let publisher = client.clone();
        let state = Arc::new(Mutex::new(ServerState::new(kb)));
        let latest = Arc::clone(&state);
        tokio::spawn(async move {
            while let Some(publication) = receiver.recv().await {
                // Skip a publication a newer version of the same document supersedes.
                let current = lock(&latest)
                    .documents
                    .get(&publication.uri)
                    .map(|d| d.document.version);
                if current.is_some_and(|v| v != publication.version) {
                    continue;
                }
                publisher
                    .publish_diagnostics(
                        publication.uri,
                        publication.diagnostics,
                        Some(publication.version),
                    )
                    .await;
            }
        });
        let (stale, stale_receiver) = mpsc::unbounded_channel();
        let backend = Backend {
            client,
            state,
            publications: sender,
            stale,
        };
        tokio::spawn(analyse_stale(backend.clone(), stale_receiver));
        backend
    }

    fn state(&self) -> MutexGuard<'_, ServerState> {
        lock(&self.state)
    }

    /// Queues diagnostics of `uri`'s current analysis; call with the lock held. A
    /// stale document is skipped: its analysis is of an older version, and the
    /// analysis task publishes it once it is fresh.
    fn queue_publication(&self, state: &ServerState, uri: &Uri) {
        let Some(doc) = state.documents.get(uri).filter(|doc| !doc.stale) else {
            return;
        };
        let positions = positions(doc, state.encoding);
        let diagnostics = features::diagnostics::to_lsp(&doc.analysis, &state.kb, &positions);
        let _ = self.publications.send(Publication {
            uri: uri.clone(),
            version: doc.document.version,
            diagnostics,
        });
    }

    /// Asks the client to re-request semantic tokens (mentions may have changed kind or
    /// link after a settings or KB change). Spawned: a handler never waits on a client
    /// round trip.
    fn request_token_refresh(&self) {
        if !self.state().semantic_tokens_refresh {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = client.semantic_tokens_refresh().await;
        });
    }

    fn queue_all(&self, state: &ServerState) {
        for uri in state.documents.keys() {
            self.queue_publication(state, uri);
        }
    }

    async fn tell(&self, notices: Vec<Notice>) {
        for notice in notices {
            match notice {
                Notice::Log(message) => {
                    eprintln!("{message}");
                    self.client.log_message(MessageType::ERROR, message).await;
                }
                Notice::Show(message) => {
                    eprintln!("{message}");
                    self.client
                        .show_message(MessageType::WARNING, message)
                        .await;
                }
            }
        }
    }

    /// Runs `f` on an open document's current analysis with its position converter,
    /// under the lock and under `isolation::catch`; `Ok(None)` when the document is
    /// not open. A stale document is analysed first, so positions the client computed
    /// on its latest text always meet that text.
    async fn with_document<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&OpenDocument, &Kb, &Positions) -> Option<T>,
    ) -> std::result::Result<Option<T>, Panicked> {
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| {
            let mut state = self.state();
            if state.refresh(uri, &mut notices) {
                self.queue_publication(&state, uri);
            }
            let doc = state.documents.get(uri)?;
            let positions = positions(doc, state.encoding);
            f(doc, &state.kb, &positions)
        });
        self.tell(notices).await;
        outcome
    }

    /// Turns a caught panic into a log entry (window/logMessage and stderr) and an
    /// internal-error answer; anything else passes through.
    async fn respond<T>(
        &self,
        method: &str,
        outcome: std::result::Result<T, Panicked>,
    ) -> Result<T> {
        match outcome {
            Ok(value) => Ok(value),
            Err(Panicked(message)) => {
                let message = format!("Byline: {method} failed: {message}");
                self.tell(vec![Notice::Log(message.clone())]).await;
                Err(Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                    message: message.into(),
                    data: None,
                })
            }
        }
    }

    /// Runs a notification's synchronous work under `isolation::catch`, then says what
    /// it produced (or the panic) to the client.
    async fn notify_with(&self, method: &str, work: impl FnOnce(&mut Vec<Notice>)) {
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| work(&mut notices));
        self.tell(notices).await;
        let _ = self.respond(method, outcome).await;
    }

    /// `byline/storyDate`: the date in force for an open document and its source, or
    /// `null` when the document is not open.
    async fn story_date(&self, params: serde_json::Value) -> Result<serde_json::Value> {
        let uri = document_uri(&params)?;
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| {
            let mut state = self.state();
            let was_stale = state.documents.get(&uri).is_some_and(|doc| doc.stale);
            let answer = state.story_date_of(&uri, &mut notices);
            if was_stale {
                self.queue_publication(&state, &uri);
            }
            answer.map_or(serde_json::Value::Null, |date| date.to_json())
        });
        self.tell(notices).await;
        self.respond(STORY_DATE_METHOD, outcome).await
    }

    /// `byline/setStoryDate`: sets or clears one open document's date, analyses it
    /// again, publishes its diagnostics and asks for fresh semantic tokens.
    async fn set_story_date(&self, params: serde_json::Value) -> Result<serde_json::Value> {
        let uri = document_uri(&params)?;
        let date = match params.get("date") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => {
                Some(settings::parse_date(text).ok_or_else(|| {
                    Error::invalid_params(format!(
                        "the date must be YYYY-MM-DD, YYYY-MM, YYYY or today, got `{text}`"
                    ))
                })?)
            }
            Some(other) => {
                return Err(Error::invalid_params(format!(
                    "the date must be a string or null, got `{other}`"
                )))
            }
        };
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| {
            let mut state = self.state();
            let answer = state.set_story_date(&uri, date, &mut notices);
            if answer.is_some() {
                self.queue_publication(&state, &uri);
            }
            answer
        });
        self.tell(notices).await;
        let answer = self.respond(SET_STORY_DATE_METHOD, outcome).await?;
        let answer = answer.ok_or_else(|| not_open(&uri))?;
        self.request_token_refresh();
        Ok(answer.to_json())
    }
}

/// Analyses the documents edits left stale. It drains every queued notice before it
/// takes the lock, so a burst of didChange notifications (a fast typist, a paste
/// replayed key by key) costs one analysis, not one per change.
async fn analyse_stale(backend: Backend, mut stale: mpsc::UnboundedReceiver<Uri>) {
    while let Some(first) = stale.recv().await {
        tokio::task::yield_now().await;
        let mut uris = vec![first];
        while let Ok(uri) = stale.try_recv() {
            if !uris.contains(&uri) {
                uris.push(uri);
            }
        }
        backend
            .notify_with("analysis", |notices| {
                let mut state = backend.state();
                for uri in &uris {
                    if state.refresh(uri, notices) {
                        backend.queue_publication(&state, uri);
                    }
                }
            })
            .await;
    }
}

fn lock(state: &Mutex<ServerState>) -> MutexGuard<'_, ServerState> {
    // A panic while the lock was held must not stop the server: take the state as is.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn positions(doc: &OpenDocument, encoding: PositionEncoding) -> Positions<'_> {
    Positions {
        text: &doc.text,
        index: &doc.index,
        encoding,
    }
}

fn text_position(position: Position) -> TextPosition {
    TextPosition {
        line: position.line,
        character: position.character,
    }
}

/// The first workspace folder, else the (deprecated) `rootUri`, as a local path.
fn workspace_root(params: &InitializeParams) -> Option<std::path::PathBuf> {
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .iter()
        .flatten()
        .map(|folder| &folder.uri)
        .chain(root_uri)
        .find_map(state::local_path)
}

/// The `textDocument.uri` of a custom request's params, or `-32602`.
fn document_uri(params: &serde_json::Value) -> Result<Uri> {
    params
        .pointer("/textDocument/uri")
        .and_then(serde_json::Value::as_str)
        .and_then(|uri| uri.parse().ok())
        .ok_or_else(|| Error::invalid_params("expected {\"textDocument\": {\"uri\": ...}}"))
}

fn not_open(uri: &Uri) -> Error {
    Error::invalid_params(format!("{} is not open", uri.as_str()))
}

fn negotiate_encoding(params: &InitializeParams) -> PositionEncoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: features::semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(true),
                ..SemanticTokensOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions::default()),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![features::actions::ADD_TO_HOUSE_KB.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        // docs/lsp-extensions.md: byline/storyDate and byline/setStoryDate.
        experimental: Some(serde_json::json!({"byline": {"storyDate": true}})),
        ..ServerCapabilities::default()
    }
}

fn to_edit(change: TextDocumentContentChangeEvent) -> Edit {
    Edit {
        range: change.range.map(|r| TextRange {
            start: text_position(r.start),
            end: text_position(r.end),
        }),
        text: change.text,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| {
            let mut state = self.state();
            state.encoding = encoding;
            state.semantic_tokens_refresh = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|t| t.refresh_support)
                .unwrap_or(false);
            state.workspace_root = workspace_root(&params);
            if let Some(options) = &params.initialization_options {
                let (settings, problems) = ClientSettings::from_json(options);
                state.client_settings = settings;
                notices.extend(
                    problems
                        .into_iter()
                        .map(|p| Notice::Show(format!("Byline: {p}"))),
                );
                state.refresh_kb(&mut notices);
            }
        });
        self.tell(notices).await;
        self.respond("initialize", outcome).await?;
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "byline".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> Result<()> {
        SHUTDOWN_REQUESTED.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let format = match doc.language_id.as_str() {
            "" | "plaintext" => uri_format(&doc.uri),
            other => Format::from_language_id(other),
        };
        self.notify_with("textDocument/didOpen", |notices| {
            let mut state = self.state();
            state.open(doc.uri.clone(), &doc.text, doc.version, format, notices);
            self.queue_all(&state);
        })
        .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let edits: Vec<Edit> = params.content_changes.into_iter().map(to_edit).collect();
        self.notify_with("textDocument/didChange", |notices| {
            let mut state = self.state();
            if state.change(&uri, params.text_document.version, &edits) {
                let _ = self.stale.send(uri.clone());
            } else {
                notices.push(Notice::Log(format!(
                    "Byline: didChange for {} which is not open; ignored",
                    uri.as_str()
                )));
            }
        })
        .await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut state = self.state();
            state.documents.remove(&uri);
        }
        let _ = self.publications.send(Publication {
            uri,
            version: i32::MIN,
            diagnostics: Vec::new(),
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.notify_with("workspace/didChangeConfiguration", |notices| {
            let mut state = self.state();
            let (settings, problems) = ClientSettings::from_json(&params.settings);
            notices.extend(
                problems
                    .into_iter()
                    .map(|p| Notice::Show(format!("Byline: {p}"))),
            );
            state.client_settings = settings;
            state.refresh_kb(notices);
            state.reanalyze_all(notices);
            self.queue_all(&state);
        })
        .await;
        self.request_token_refresh();
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let outcome = self
            .with_document(&params.text_document.uri, |doc, _, positions| {
                Some(SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: features::semantic_tokens::encode(&doc.analysis, positions, None),
                }))
            })
            .await;
        self.respond("textDocument/semanticTokens/full", outcome)
            .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let outcome = self
            .with_document(&params.text_document.uri, |doc, _, positions| {
                let span = positions.span(params.range);
                Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: features::semantic_tokens::encode(&doc.analysis, positions, Some(span)),
                }))
            })
            .await;
        self.respond("textDocument/semanticTokens/range", outcome)
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let outcome = self
            .with_document(&at.text_document.uri, |doc, kb, positions| {
                let date = doc.date_in_force.card_date(PartialDate::today());
                features::hover::hover(
                    &doc.analysis,
                    kb,
                    positions,
                    positions.offset(at.position),
                    &date,
                )
            })
            .await;
        self.respond("textDocument/hover", outcome).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        use features::actions::HouseKbTarget;
        let uri = params.text_document.uri;
        let house = match self.state().house_kb_for(&uri) {
            None => HouseKbTarget::Unavailable,
            Some(house) if house.implicit && !house.path.exists() => HouseKbTarget::New,
            Some(_) => HouseKbTarget::Existing,
        };
        let outcome = self
            .with_document(&uri, |doc, kb, positions| {
                Some(features::actions::code_actions(
                    &doc.analysis,
                    kb,
                    positions,
                    &uri,
                    positions.span(params.range),
                    house,
                ))
            })
            .await;
        self.respond("textDocument/codeAction", outcome).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let outcome = self
            .with_document(&params.text_document.uri, |doc, kb, positions| {
                Some(DocumentSymbolResponse::Nested(
                    features::navigation::document_symbols(&doc.analysis, kb, positions),
                ))
            })
            .await;
        self.respond("textDocument/documentSymbol", outcome).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        let outcome = self
            .with_document(&at.text_document.uri, |doc, _, positions| {
                features::navigation::highlights(
                    &doc.analysis,
                    positions,
                    positions.offset(at.position),
                )
            })
            .await;
        self.respond("textDocument/documentHighlight", outcome)
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri;
        let outcome = self
            .with_document(&uri, |doc, _, positions| {
                features::navigation::references(
                    &doc.analysis,
                    positions,
                    &uri,
                    positions.offset(at.position),
                )
            })
            .await;
        self.respond("textDocument/references", outcome).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let outcome = self
            .with_document(&params.text_document.uri, |doc, _, positions| {
                features::navigation::prepare_rename(
                    &doc.analysis,
                    positions,
                    positions.offset(params.position),
                )
            })
            .await;
        self.respond("textDocument/prepareRename", outcome).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri;
        if params.new_name.trim().is_empty() {
            return Err(Error::invalid_params("the new name is empty"));
        }
        let outcome = self
            .with_document(&uri, |doc, _, positions| {
                features::navigation::rename(
                    &doc.analysis,
                    positions,
                    &uri,
                    positions.offset(at.position),
                    &params.new_name,
                )
            })
            .await;
        self.respond("textDocument/rename", outcome).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command == isolation::DEBUG_PANIC_COMMAND && isolation::test_hook_enabled() {
            let outcome = isolation::catch(|| -> Option<LSPAny> {
                panic!("injected test panic: {}", isolation::DEBUG_PANIC_COMMAND)
            });
            return self.respond("workspace/executeCommand", outcome).await;
        }
        if params.command != features::actions::ADD_TO_HOUSE_KB {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let argument = |i: usize| {
            params
                .arguments
                .get(i)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let (Some(uri), Some(name)) = (argument(0), argument(1)) else {
            return Err(Error::invalid_params("expected [uri, name, category]"));
        };
        let category = match argument(2).as_deref() {
            Some("person") => byline_kb::Category::Person,
            Some("organization") => byline_kb::Category::Organization,
            Some("location") => byline_kb::Category::Location,
            _ => byline_kb::Category::Other,
        };
        let uri: Uri = uri.parse().map_err(|_| Error::invalid_params("bad uri"))?;
        let mut notices = Vec::new();
        let outcome = isolation::catch(|| {
            let mut state = self.state();
            let Some(house) = state.house_kb_for(&uri) else {
                return Err(format!(
                    "cannot add '{name}': {} is not a file in a workspace, and no house KB is configured (byline.houseKb, or `kb = [...]` in .byline.toml)",
                    uri.as_str()
                ));
            };
            let entry = byline_desk::house::NewEntry {
                name: name.clone(),
                category,
            };
            let result = byline_desk::house::add_entry(&house.path, &entry, PartialDate::today());
            if let Ok(true) = result {
                // A new implicit house KB is now a KB file like `houseKb`'s: refresh_kb
                // finds it; an existing one changed on disk.
                state.invalidate_kb();
                state.refresh_kb(&mut notices);
                state.reanalyze_all(&mut notices);
                self.queue_all(&state);
            }
            result.map(|added| (added, house.path))
        });
        self.tell(notices).await;
        // One message for the outcome, success or failure: window/showMessage, and a
        // plain `null` result. An error response would be shown again by the client
        // (VS Code shows a failed executeCommand twice: vscode-languageclient's "Request
        // workspace/executeCommand failed." and the code action's own error).
        let (kind, message) = match self.respond("workspace/executeCommand", outcome).await? {
            Ok((true, path)) => {
                self.request_token_refresh();
                (
                    MessageType::INFO,
                    format!("Byline: added '{name}' to {}", path.display()),
                )
            }
            Ok((false, path)) => (
                MessageType::INFO,
                format!("Byline: '{name}' is already in {}", path.display()),
            ),
            Err(message) => {
                eprintln!("Byline: {message}");
                (MessageType::ERROR, format!("Byline: {message}"))
            }
        };
        self.client.show_message(kind, message).await;
        Ok(None)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let outcome = self
            .with_document(&at.text_document.uri, |_, kb, positions| {
                Some(CompletionResponse::Array(features::completion::complete(
                    kb,
                    positions,
                    positions.offset(at.position),
                )))
            })
            .await;
        self.respond("textDocument/completion", outcome).await
    }
}

fn uri_format(uri: &Uri) -> Format {
    Format::from_path(std::path::Path::new(uri.path().as_str()))
}
