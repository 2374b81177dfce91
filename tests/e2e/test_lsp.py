"""End-to-end: the real `byline lsp` over stdio, driven by pytest-lsp with VS Code's
and Neovim's recorded client capabilities."""

import ast
import asyncio
import contextlib
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import EXAMPLES, byline_binary  # noqa: E402
from helpers import apply_edits, decode_tokens, open_and_wait, position_of, wait_for_diagnostics  # noqa: E402

STORY = (EXAMPLES / "moscow-talks.md").read_text()
PLAIN = (EXAMPLES / "iran-russia-plain.txt").read_text()
URI = "file:///tmp/byline-e2e/moscow-talks.md"


@pytest_lsp.fixture(
    params=["visual-studio-code", "neovim"],
    config=ClientServerConfig(server_command=[byline_binary(), "lsp", "--stdio"]),
)
async def client(request, lsp_client: LanguageClient):
    capabilities = client_capabilities(request.param)
    if request.param == "neovim":
        # Neovim 0.11 offers UTF-8 first; the server must take it.
        capabilities.general = capabilities.general or types.GeneralClientCapabilities()
        capabilities.general.position_encodings = [
            types.PositionEncodingKind.Utf8,
            types.PositionEncodingKind.Utf16,
        ]
    # Both recorded clients accept workspace/semanticTokens/refresh; answer it as they do.
    lsp_client.byline_refreshes = []

    @lsp_client.feature(types.WORKSPACE_SEMANTIC_TOKENS_REFRESH)
    def on_refresh(params):
        lsp_client.byline_refreshes.append(params)

    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    lsp_client.byline_encoding = result.capabilities.position_encoding
    lsp_client.byline_experimental = result.capabilities.experimental
    yield
    await lsp_client.shutdown_session()


def encoding_of(client) -> str:
    return "utf-8" if client.byline_encoding == types.PositionEncodingKind.Utf8 else "utf-16"


async def test_encoding_is_negotiated_utf8_when_offered_else_utf16(client: LanguageClient):
    offered = client.capabilities.general and client.capabilities.general.position_encodings
    expected = types.PositionEncodingKind.Utf8 if offered and types.PositionEncodingKind.Utf8 in offered else types.PositionEncodingKind.Utf16
    assert client.byline_encoding == expected


async def test_misspelled_gerasimov_is_reported_twice_with_suggestion(client: LanguageClient):
    diagnostics = await open_and_wait(client, URI, STORY)
    assert len(diagnostics) == 2
    encoding = encoding_of(client)
    for nth, d in enumerate(diagnostics):
        assert d.code == "misspelled-name"
        assert d.source == "byline"
        assert d.data["suggestions"][0] == "Gerasimov"
        assert d.data["entity"] == "Q36073"
        assert d.range.start == position_of(STORY, "Gerasimovis", encoding, nth)


async def test_plain_story_with_accepted_transliterations_has_no_findings(client: LanguageClient):
    diagnostics = await open_and_wait(client, "file:///tmp/byline-e2e/plain.txt", PLAIN, language_id="plaintext")
    assert list(diagnostics) == []


@pytest.mark.parametrize(
    "needle, expected",
    [
        ("Bagheri", "Mohammad Bagheri"),
        ("Interfax", "Interfax"),
        ("IRNA", "Islamic Republic News Agency"),
        ("Russia-24", "Russia-24"),
        ("United", "United Nations"),
    ],
)
async def test_hover_shows_a_card_saying_who_or_what(client: LanguageClient, needle, expected):
    await open_and_wait(client, URI, STORY)
    position = position_of(STORY, needle, encoding_of(client), nth=1 if needle == "Bagheri" else 0)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position)
    )
    assert hover is not None, needle
    value = hover.contents.value
    assert expected in value
    # A card says what the thing is, not only its name.
    assert "not in the knowledge base" not in value
    assert len(value.splitlines()) >= 3


async def test_semantic_tokens_colour_people_organisations_and_places(client: LanguageClient):
    await open_and_wait(client, URI, STORY)
    tokens = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    decoded = decode_tokens(tokens.data, STORY, encoding_of(client))
    kinds = {}
    for text, kind, _ in decoded:
        # "the Interfax news agency" is one mention; key tokens by their first word.
        kinds.setdefault(text.split()[0], set()).add(kind)
    assert kinds["Bagheri"] == {"person"}
    assert kinds["Mohammad"] == {"person"}
    assert kinds["Interfax"] == {"organization"}
    assert kinds["IRNA"] == {"organization"}
    assert kinds["Moscow"] == {"location"}
    assert kinds["Tehran"] == {"location"}


async def test_fix_all_quick_fix_replaces_both_misspellings_and_diagnostics_clear(client: LanguageClient):
    diagnostics = await open_and_wait(client, URI, STORY)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=list(diagnostics)),
        )
    )
    fix_all = [a for a in actions if a.title.startswith("Replace all")]
    assert len(fix_all) == 1, [a.title for a in actions]
    edits = fix_all[0].edit.changes[URI]
    assert len(edits) == 2
    fixed = apply_edits(STORY, edits, encoding_of(client))
    assert "Gerasimovis" not in fixed and fixed.count("Gerasimov") == 2
    client.diagnostics.pop(URI, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert list(await wait_for_diagnostics(client, URI)) == []


async def test_incremental_edit_after_emoji_and_cyrillic_lands_in_place(client: LanguageClient):
    uri = "file:///tmp/byline-e2e/emoji.md"
    text = "😀 Валерий Герасимов and e\u0301 — General Valery Gerasimovis spoke in Moscow.\n"
    diagnostics = await open_and_wait(client, uri, text)
    assert [d.code for d in diagnostics] == ["misspelled-name"]
    encoding = encoding_of(client)
    assert diagnostics[0].range.start == position_of(text, "Gerasimovis", encoding)
    start = position_of(text, "Gerasimovis", encoding)
    end = types.Position(line=start.line, character=start.character + len("Gerasimovis"))
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="Gerasimov")],
        )
    )
    assert list(await wait_for_diagnostics(client, uri)) == []


async def test_references_and_rename_cover_every_mention_of_the_entity(client: LanguageClient):
    await open_and_wait(client, URI, STORY)
    encoding = encoding_of(client)
    position = position_of(STORY, "Bagheri", encoding, nth=1)
    references = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=position,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert len(references) == 3
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position, new_name="Baqeri")
    )
    renamed = apply_edits(STORY, edit.changes[URI], encoding)
    assert "Bagheri" not in renamed
    assert renamed.count("Baqeri") == 3


async def test_document_symbols_group_the_story_actors_by_kind(client: LanguageClient):
    await open_and_wait(client, URI, STORY)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    groups = {s.name: [c.name for c in s.children] for s in symbols}
    assert "Mohammad Bagheri" in groups["People"]
    assert "Interfax" in groups["Organisations"]
    assert "Moscow" in groups["Places"]


async def test_completion_offers_kb_names_after_a_capital(client: LanguageClient):
    uri = "file:///tmp/byline-e2e/complete.md"
    text = "Talks with Gera"
    await open_and_wait(client, uri, text)
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=len(text)),
        )
    )
    items = items.items if hasattr(items, "items") else items
    assert "Gerasimov" in [i.label for i in items]


async def test_malformed_house_kb_is_reported_with_file_and_line_and_server_keeps_serving(client: LanguageClient, tmp_path):
    bad = tmp_path / "house.toml"
    bad.write_text('[[entity]]\nid = "x"\nkind = "person"\ntype = "wizard"\nname = "X"\n')
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"kb": [str(bad)]}})
    )
    await open_and_wait(client, URI, STORY)
    for _ in range(100):
        if client.messages:
            break
        import asyncio

        await asyncio.sleep(0.02)
    assert any(f"{bad}:1:" in m.message and "wizard" in m.message for m in client.messages), client.messages
    assert len(client.diagnostics[URI]) == 2


async def test_add_to_house_kb_writes_atomically_and_the_name_becomes_known(client: LanguageClient, tmp_path):
    house = tmp_path / "house.toml"
    house.write_text('# our desk\n[[entity]]\nid = "a"\nkind = "person"\ntype = "person"\nname = "Anna Example"\n')
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"houseKb": str(house)}})
    )
    uri = "file:///tmp/byline-e2e/house.md"
    text = "Minister Xandor Quillfeather spoke in Moscow.\n"
    await open_and_wait(client, uri, text)
    await add_to_house_kb(client, uri, text, "Quillfeather", "Add 'Xandor Quillfeather' to the house KB")
    written = house.read_text()
    assert written.startswith("# our desk\n")
    assert 'name = "Anna Example"' in written and 'name = "Xandor Quillfeather"' in written
    start = position_of(text, "Quillfeather", encoding_of(client))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=start)
    )
    assert "not in the knowledge base" not in hover.contents.value
    assert "house KB" in hover.contents.value


async def test_settings_change_asks_the_client_to_refresh_semantic_tokens(client: LanguageClient):
    import asyncio

    workspace = client.capabilities.workspace
    supported = bool(workspace and workspace.semantic_tokens and workspace.semantic_tokens.refresh_support)
    refreshes = client.byline_refreshes
    await open_and_wait(client, URI, STORY)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"checks": {"misspelled-name": "error"}}})
    )
    for _ in range(100):
        if refreshes:
            break
        await asyncio.sleep(0.02)
    assert bool(refreshes) == supported, (supported, refreshes)


# --- The story date in force (docs/lsp-extensions.md), paths, the house KB (issue 21) ---

NATO = "NATO Secretary General Jens Stoltenberg spoke.\n"


def file_uri(path) -> str:
    return pathlib.Path(path).resolve().as_uri()


async def story_date(client, uri):
    return as_plain(await client.protocol.send_request_async("byline/storyDate", {"textDocument": {"uri": uri}}))


async def set_story_date(client, uri, date):
    answer = await client.protocol.send_request_async("byline/setStoryDate", {"textDocument": {"uri": uri}, "date": date})
    return as_plain(answer)


def as_plain(value):
    """pygls hands back an untyped result as attribute objects; compare as JSON."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return [as_plain(v) for v in value]
    if hasattr(value, "_asdict"):
        return {k: as_plain(v) for k, v in value._asdict().items()}
    return {k: as_plain(v) for k, v in vars(value).items()}


async def hover_value(client, uri, text, needle):
    position = position_of(text, needle, encoding_of(client))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    return hover.contents.value


async def eventually(condition, what, timeout=10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.02)


async def test_story_date_methods_answer_by_the_order_of_sources(client: LanguageClient, tmp_path):
    assert client.byline_experimental == {"byline": {"storyDate": True}}
    desk = tmp_path / "desk"
    desk.mkdir()
    config = desk / ".byline.toml"
    config.write_text('story_date = "2020-01-02"\n')
    free, ruled = file_uri(tmp_path / "story.md"), file_uri(desk / "story.md")
    await open_and_wait(client, free, STORY)
    await open_and_wait(client, ruled, STORY)
    assert await story_date(client, free) == {"date": "2021-10-21", "source": "frontMatter"}
    assert await story_date(client, ruled) == {"date": "2020-01-02", "source": "config", "configPath": str(config)}

    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"storyDate": "2022-02-24"}})
    )
    settings = {"date": "2022-02-24", "source": "settings"}
    assert await story_date(client, free) == settings
    assert await story_date(client, ruled) == settings

    # A document's own date wins over every other source, for that document only.
    assert await set_story_date(client, free, "2019-05") == {"date": "2019-05", "source": "document"}
    assert await story_date(client, free) == {"date": "2019-05", "source": "document"}
    assert await story_date(client, ruled) == settings
    assert await set_story_date(client, free, None) == settings
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"byline": {}}))
    assert await story_date(client, free) == {"date": "2021-10-21", "source": "frontMatter"}

    # A date it cannot read, or a document that is not open: -32602, naming what.
    for bad in ["21-10-2021", "2021-13-01"]:
        with pytest.raises(Exception) as refused:
            await set_story_date(client, free, bad)
        assert getattr(refused.value, "code", None) == -32602, refused.value
        assert bad in str(refused.value)
    closed = file_uri(tmp_path / "never-opened.md")
    with pytest.raises(Exception) as refused:
        await set_story_date(client, closed, "2021-10-21")
    assert getattr(refused.value, "code", None) == -32602 and "is not open" in str(refused.value)
    assert await story_date(client, closed) is None

    # didClose forgets the date; the document reopens with its front matter's.
    await set_story_date(client, free, "2018-01-01")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=free)))
    assert await story_date(client, free) is None
    await open_and_wait(client, free, STORY)
    assert await story_date(client, free) == {"date": "2021-10-21", "source": "frontMatter"}
    today = await set_story_date(client, free, "today")
    assert today["source"] == "document" and len(today["date"]) == 10, today


async def test_set_story_date_reanalyses_publishes_and_asks_for_fresh_tokens(client: LanguageClient, tmp_path):
    uri = file_uri(tmp_path / "nato.txt")
    assert list(await open_and_wait(client, uri, NATO, language_id="plaintext")) == []
    card = await hover_value(client, uri, NATO, "Stoltenberg")
    assert "Roles as of today, " in card and "— no story date set" in card, card

    workspace = client.capabilities.workspace
    supported = bool(workspace and workspace.semantic_tokens and workspace.semantic_tokens.refresh_support)
    client.byline_refreshes.clear()
    client.diagnostics.pop(uri, None)
    await set_story_date(client, uri, "2025-01-15")
    diagnostics = await wait_for_diagnostics(client, uri)
    assert [d.code for d in diagnostics] == ["outdated-title"], diagnostics
    if supported:
        await eventually(lambda: client.byline_refreshes, "workspace/semanticTokens/refresh")
    card = await hover_value(client, uri, NATO, "Stoltenberg")
    assert "Roles as of 2025-01-15 (set for this story)" in card, card

    client.diagnostics.pop(uri, None)
    await set_story_date(client, uri, None)
    assert list(await wait_for_diagnostics(client, uri)) == []


async def test_story_date_today_in_settings_is_accepted(client: LanguageClient, tmp_path):
    uri = file_uri(tmp_path / "nato.txt")
    await open_and_wait(client, uri, NATO, language_id="plaintext")
    client.messages.clear()
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"storyDate": "today"}})
    )
    answer = await story_date(client, uri)
    assert answer["source"] == "settings" and len(answer["date"]) == 10, answer
    assert client.messages == []


async def test_hover_card_names_the_country_counts_in_words_and_leaves_findings_to_the_client(client: LanguageClient):
    await open_and_wait(client, URI, STORY)
    encoding = encoding_of(client)
    card = await hover_value(client, URI, STORY, "Bagheri")
    assert "Country: Iran" in card and "Country: IR" not in card, card
    assert "Roles as of 2021-10-21 (front matter)" in card, card
    position = position_of(STORY, "Gerasimovis", encoding)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position)
    )
    value = hover.contents.value
    assert "Mentioned twice in this story." in value, value
    assert "⚠" not in value and "misspelling" not in value, value


@contextlib.asynccontextmanager
async def session(env=None, root=None, options=None, capabilities="visual-studio-code"):
    """A server of its own: an environment (HOME), a workspace folder, settings."""
    config = ClientServerConfig(
        server_command=[byline_binary(), "lsp"],
        server_env={**os.environ, **(env or {})},
    )
    lsp_client = await config.start()
    params = types.InitializeParams(
        capabilities=client_capabilities(capabilities),
        initialization_options=options,
        workspace_folders=[types.WorkspaceFolder(uri=file_uri(root), name=pathlib.Path(root).name)] if root else None,
    )
    await lsp_client.initialize_session(params)
    lsp_client.byline_encoding = types.PositionEncodingKind.Utf16
    try:
        yield lsp_client
    finally:
        await lsp_client.shutdown_session()
        await lsp_client.stop()


async def add_to_house_kb(client, uri, text, needle, title):
    """Chooses the "Add … to the house KB" action at `needle` as an editor would."""
    start = position_of(text, needle, encoding_of(client))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=start, end=start),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    chosen = [a for a in actions if a.title == title]
    assert len(chosen) == 1, [a.title for a in actions]
    command = chosen[0].command
    if isinstance(command, str) and command.startswith("{"):
        command = ast.literal_eval(command)
    if isinstance(command, dict):
        name, arguments = command["command"], command["arguments"]
    elif isinstance(command, str):
        name, arguments = command, chosen[0].arguments
    else:
        name, arguments = command.command, command.arguments
    assert name == "byline.addToHouseKb"
    return await client.workspace_execute_command_async(types.ExecuteCommandParams(command=name, arguments=arguments))


QUILL = "Minister Xandor Quillfeather spoke in Moscow.\n"


async def test_house_kb_with_a_tilde_is_read_and_written_in_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "house-kb.toml").write_text('[[entity]]\nid = "a"\nkind = "person"\ntype = "person"\nname = "Anna Example"\n')
    options = {"byline": {"houseKb": "~/house-kb.toml", "kb": ["$HOME/house-kb.toml"]}}
    async with session(env={"HOME": str(home)}, options=options) as client:
        uri = file_uri(tmp_path / "story.md")
        text = "Anna Example met " + QUILL
        await open_and_wait(client, uri, text)
        assert "not in the knowledge base" not in await hover_value(client, uri, text, "Anna Example")
        await add_to_house_kb(client, uri, text, "Quillfeather", "Add 'Xandor Quillfeather' to the house KB")
        assert 'name = "Xandor Quillfeather"' in (home / "house-kb.toml").read_text()
        # window/showMessage and the response may arrive in either order.
        await eventually(lambda: client.messages, "window/showMessage")
        assert client.messages[-1].message == f"Byline: added 'Xandor Quillfeather' to {home / 'house-kb.toml'}"
        assert "house KB" in await hover_value(client, uri, text, "Quillfeather")
        assert not any("not set" in m.message for m in client.messages), client.messages


async def test_a_missing_variable_in_a_path_setting_is_named(tmp_path):
    options = {"byline": {"houseKb": "$BYLINE_E2E_UNSET/house-kb.toml"}}
    env = {"HOME": str(tmp_path)}
    async with session(env=env, options=options) as client:
        await eventually(lambda: client.messages, "a message")
        assert client.messages[0].message.startswith("Byline: byline.houseKb: $BYLINE_E2E_UNSET is not set"), client.messages


@pytest.mark.parametrize("rooted", [True, False])
async def test_without_a_house_kb_the_action_creates_one_and_later_analyses_use_it(tmp_path, rooted):
    workspace = tmp_path / "workspace"
    desk = workspace / "desk"
    desk.mkdir(parents=True)
    uri = file_uri(desk / "story.md")
    async with session(root=workspace if rooted else None) as client:
        await open_and_wait(client, uri, QUILL)
        await add_to_house_kb(
            client, uri, QUILL, "Quillfeather", "Add 'Xandor Quillfeather' to a new house KB (.byline/house-kb.toml)"
        )
        house = (workspace if rooted else desk) / ".byline" / "house-kb.toml"
        assert 'name = "Xandor Quillfeather"' in house.read_text()
        await eventually(lambda: client.messages, "window/showMessage")
        assert [m.message for m in client.messages] == [f"Byline: added 'Xandor Quillfeather' to {house}"]
        assert "house KB" in await hover_value(client, uri, QUILL, "Quillfeather")
        other = file_uri(desk / "other.md")
        text = "Xandor Quillfeather and Orla Brightwater spoke.\n"
        await open_and_wait(client, other, text)
        assert "house KB" in await hover_value(client, other, text, "Quillfeather")
        # The file exists now: the action adds to it, and says so.
        await add_to_house_kb(client, other, text, "Brightwater", "Add 'Orla Brightwater' to the house KB")
        assert 'name = "Orla Brightwater"' in house.read_text()
    # A new server finds it without being told.
    async with session(root=workspace if rooted else None) as client:
        await open_and_wait(client, uri, QUILL)
        assert "house KB" in await hover_value(client, uri, QUILL, "Quillfeather")


async def test_a_failed_house_kb_addition_is_reported_once(client: LanguageClient, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"byline": {"houseKb": str(blocker / "house-kb.toml")}})
    )
    uri = file_uri(tmp_path / "story.md")
    await open_and_wait(client, uri, QUILL)
    client.messages.clear()
    errors = []
    try:
        await add_to_house_kb(client, uri, QUILL, "Quillfeather", "Add 'Xandor Quillfeather' to the house KB")
    except Exception as error:  # the response error, if the server sent one
        errors.append(error)
    if not errors:
        await eventually(lambda: client.messages, "window/showMessage")
    await asyncio.sleep(0.3)  # a second, later message would arrive by now
    shown = [m.message for m in client.messages]
    assert len(shown) + len(errors) == 1, (shown, errors)
    assert shown and "a-file: cannot create the folder" in shown[0], shown
