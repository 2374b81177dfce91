// End to end: the real `byline lsp` over stdio, driven the way the VS Code extension
// drives it (VS Code's capabilities, settings built by the extension's own code).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  CodeAction,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  InitializeResult,
  MarkupContent,
  PositionEncodingKind,
  RenameRequest,
  SemanticTokensRequest,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';

import { entityCount, groupsOf, statusText } from '../src/entities';
import { serverSettings } from '../src/settings';
import {
  SET_STORY_DATE_METHOD,
  STORY_DATE_METHOD,
  StoryDate,
  resolveLocally,
  serverSupportsStoryDate,
} from '../src/storyDate';
import { TestClient, applyEdits, decodeTokens, positionOf } from './client';

const STORY_PATH = path.resolve(process.cwd(), '../../examples/moscow-talks.md');
const STORY = fs.readFileSync(STORY_PATH, 'utf8');
const URI = 'file:///tmp/byline-vscode-test/moscow-talks.md';
const PACKAGE = JSON.parse(fs.readFileSync('package.json', 'utf8'));

/** Settings as VS Code would hold them for this workspace, through the extension's mapping. */
function settingsFrom(values: Record<string, unknown>) {
  return serverSettings((key) => values[key], (p) => p);
}

describe('byline lsp with VS Code client capabilities', () => {
  let client: TestClient;
  let init: InitializeResult;
  let version = 1;

  before(async () => {
    client = new TestClient();
    init = await client.initialize(settingsFrom({ kb: [], storyDate: '', 'checks.misspelled-name': 'default' }));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'markdown', version, text: STORY },
    });
  });

  after(async () => {
    await client?.close();
  });

  test('initialize: UTF-16 positions, the features the extension uses, and the legend it contributes', () => {
    const caps = init.capabilities;
    assert.equal(init.serverInfo?.name, 'byline');
    // VS Code offers only UTF-16; an absent answer means UTF-16 too.
    assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === PositionEncodingKind.UTF16);
    const sync = caps.textDocumentSync;
    assert.ok(typeof sync === 'object' && sync.openClose && sync.change === TextDocumentSyncKind.Incremental);
    assert.ok(caps.hoverProvider, 'hover');
    assert.ok(caps.codeActionProvider, 'code actions');
    assert.ok(caps.documentSymbolProvider, 'document symbols (Show Story Entities, status bar)');
    assert.ok(caps.renameProvider, 'rename');
    const legend = caps.semanticTokensProvider?.legend;
    assert.ok(legend, 'semantic tokens');
    // package.json contributes a type, colour and scope for each legend entry: they must agree.
    assert.deepEqual(legend.tokenTypes, PACKAGE.contributes.semanticTokenTypes.map((t: { id: string }) => t.id));
    assert.deepEqual(legend.tokenModifiers, PACKAGE.contributes.semanticTokenModifiers.map((t: { id: string }) => t.id));
    // docs/lsp-extensions.md: the status bar and "Set Story Date" ask the server.
    assert.ok(serverSupportsStoryDate(caps), `experimental: ${JSON.stringify(caps.experimental)}`);
  });

  test('diagnostics: both "Gerasimovis" are misspelled-name warnings suggesting Gerasimov', async () => {
    const diagnostics = await client.diagnosticsFor(URI, version);
    assert.equal(diagnostics.length, 2, JSON.stringify(diagnostics));
    diagnostics.forEach((d, nth) => {
      assert.equal(d.code, 'misspelled-name');
      assert.equal(d.source, 'byline');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(d.range.start, positionOf(STORY, 'Gerasimovis', nth));
    });
  });

  test('hover on Bagheri shows a card naming Mohammad Bagheri', async () => {
    await client.diagnosticsFor(URI, version);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: positionOf(STORY, 'Bagheri', 1),
    });
    assert.ok(hover, 'no hover');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /Mohammad Bagheri/);
    // The country by name, and the date the roles are on with its source.
    assert.match(contents.value, /Country: Iran\n/);
    assert.match(contents.value, /Roles as of 2021-10-21 \(front matter\)/);
  });

  test('hover on a flagged name leaves the finding to VS Code\'s own problem hover', async () => {
    const diagnostics = await client.diagnosticsFor(URI, version);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: positionOf(STORY, 'Gerasimovis', 0),
    });
    const value = (hover?.contents as MarkupContent).value;
    // VS Code shows the diagnostic above the card: the card must not say it again.
    for (const d of diagnostics) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(!value.includes(message), value);
    }
    assert.ok(!value.includes('⚠'), value);
    assert.match(value, /Mentioned twice in this story\./);
  });

  test('semantic tokens: people, organisations and places get the contributed types', async () => {
    await client.diagnosticsFor(URI, version);
    const legend = init.capabilities.semanticTokensProvider!.legend;
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: URI } });
    assert.ok(tokens, 'no tokens');
    const decoded = decodeTokens(tokens.data, STORY, legend.tokenTypes, legend.tokenModifiers);
    // A mention may span words ("Interfax news agency"): key tokens by their first word.
    const typeOf = (word: string) => new Set(decoded.filter((t) => t.text.split(' ')[0] === word).map((t) => t.type));
    assert.deepEqual(typeOf('Bagheri'), new Set(['person']));
    assert.deepEqual(typeOf('Moscow'), new Set(['location']));
    assert.deepEqual(typeOf('Interfax'), new Set(['organization']));
    // VS Code cannot show a token that spans lines (multilineTokenSupport: false).
    assert.ok(decoded.every((t) => t.range.start.line === t.range.end.line));
  });

  test('document symbols feed the entity list and the status bar', async () => {
    await client.diagnosticsFor(URI, version);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
    const groups = groupsOf(symbols);
    const people = groups.find((g) => g.name === 'People');
    assert.ok(people?.entities.some((e) => e.name === 'Mohammad Bagheri'), JSON.stringify(groups));
    assert.ok(entityCount(groups) >= 5);
    assert.match(statusText(entityCount(groups), 2), /^\$\(person\) \d+ entities · \$\(warning\) 2 findings$/);
  });

  test('settings changes reach the server: misspelled-name off, then error', async () => {
    await client.diagnosticsFor(URI, version);
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: settingsFrom({ 'checks.misspelled-name': 'off' }),
    });
    assert.deepEqual(await client.diagnosticsFor(URI, version), []);
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: settingsFrom({ 'checks.misspelled-name': 'error' }),
    });
    const diagnostics = await client.diagnosticsFor(URI, version);
    assert.deepEqual(diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsFrom({}) });
    assert.equal((await client.diagnosticsFor(URI, version)).length, 2);
  });

  // docs/lsp-extensions.md: byline/storyDate and byline/setStoryDate.
  test('the story date in force: the server\'s answer is what the extension works out without it', async () => {
    await client.diagnosticsFor(URI, version);
    const own = resolveLocally({ text: STORY });
    assert.deepEqual(own, { date: '2021-10-21', source: 'frontMatter' });
    const answer = await client.connection.sendRequest<StoryDate>(STORY_DATE_METHOD, { textDocument: { uri: URI } });
    assert.deepEqual(answer, own);
  });

  test('byline/storyDate follows the storyDate setting over front matter', async () => {
    await client.diagnosticsFor(URI, version);
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: settingsFrom({ storyDate: '2022-02-24' }),
    });
    await client.diagnosticsFor(URI, version);
    const answer = await client.connection.sendRequest<StoryDate>(STORY_DATE_METHOD, { textDocument: { uri: URI } });
    assert.deepEqual(answer, { date: '2022-02-24', source: 'settings' });
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsFrom({}) });
    await client.diagnosticsFor(URI, version);
  });

  test('every storyDate value the settings editor lets through the server takes, and the extension reads alike', async () => {
    const pattern = new RegExp(PACKAGE.contributes.configuration.properties['byline.storyDate'].pattern);
    for (const value of ['today', '2022', '2022-02', '2022-02-24']) {
      assert.ok(pattern.test(value), `the settings editor refuses ${value}`);
      await client.diagnosticsFor(URI, version);
      client.forget(URI);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: settingsFrom({ storyDate: value }),
      });
      await client.diagnosticsFor(URI, version);
      const answer = await client.connection.sendRequest<StoryDate>(STORY_DATE_METHOD, { textDocument: { uri: URI } });
      assert.equal(answer.source, 'settings', `${value}: ${JSON.stringify(answer)}`);
      assert.deepEqual(resolveLocally({ settingsDate: value, text: STORY }), answer, value);
    }
    client.forget(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsFrom({}) });
    await client.diagnosticsFor(URI, version);
  });

  test('byline/setStoryDate sets one document\'s date over every other source, refuses a bad date, and clears', async () => {
    await client.diagnosticsFor(URI, version);
    const set = await client.connection.sendRequest<StoryDate>(SET_STORY_DATE_METHOD, {
      textDocument: { uri: URI },
      date: '2019-05-01',
    });
    assert.deepEqual(set, { date: '2019-05-01', source: 'document' });
    assert.deepEqual(await client.connection.sendRequest(STORY_DATE_METHOD, { textDocument: { uri: URI } }), set);
    await assert.rejects(
      client.connection.sendRequest(SET_STORY_DATE_METHOD, { textDocument: { uri: URI }, date: '21-10-2021' }),
      (error: { code?: number }) => error.code === -32602,
    );
    const cleared = await client.connection.sendRequest<StoryDate>(SET_STORY_DATE_METHOD, {
      textDocument: { uri: URI },
      date: null,
    });
    assert.deepEqual(cleared, { date: '2021-10-21', source: 'frontMatter' });
  });

  test('rename of "Bagheri" edits every mention of the person (3)', async () => {
    await client.diagnosticsFor(URI, version);
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: URI },
      position: positionOf(STORY, 'Bagheri', 1),
      newName: 'Baqeri',
    });
    const renamed = applyEdits(STORY, edit?.changes?.[URI] ?? []);
    assert.ok(!renamed.includes('Bagheri'), renamed);
    assert.equal(renamed.split('Baqeri').length - 1, 3);
  });

  // Last: it edits the document.
  test('the fix-all quick fix replaces both misspellings and the diagnostics clear', async () => {
    const diagnostics = await client.diagnosticsFor(URI, version);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: diagnostics[0].range,
      context: { diagnostics, only: undefined },
    })) as CodeAction[];
    const fixAll = actions.filter((a) => a.title === "Replace all 2 'Gerasimovis' with 'Gerasimov'");
    assert.equal(fixAll.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fixAll[0].kind, 'quickfix');
    const edits = fixAll[0].edit?.changes?.[URI] ?? [];
    const fixed = applyEdits(STORY, edits);
    assert.ok(!fixed.includes('Gerasimovis'));
    assert.equal(fixed.split('Gerasimov').length - 1, 2);

    client.forget(URI);
    version += 1;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version },
      contentChanges: [{ text: fixed }],
    });
    assert.deepEqual(await client.diagnosticsFor(URI, version), []);
  });
});

// Issue 21: "Add to house KB" with no house KB configured offered nothing that worked,
// and one failure showed as three toasts in VS Code (the server's message, the request's
// error, the client's). docs/lsp-extensions.md, byline.addToHouseKb.
describe('the house KB, as VS Code uses it', () => {
  const QUILL = 'Minister Xandor Quillfeather spoke in Moscow.\n';

  /** A server for `workspace`, with `story.md` (QUILL) open in it; closed by `run`'s end. */
  async function withStory(
    workspace: string,
    settings: Record<string, unknown>,
    run: (client: TestClient, uri: string) => Promise<void>,
  ): Promise<void> {
    const client = new TestClient();
    try {
      await client.initialize(settingsFrom(settings), workspace);
      const uri = pathToFileURL(path.join(workspace, 'story.md')).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'markdown', version: 1, text: QUILL },
      });
      await client.diagnosticsFor(uri, 1);
      await run(client, uri);
    } finally {
      await client.close();
    }
  }

  /** Chooses the code action titled `title` at "Quillfeather" and runs its command. */
  async function choose(client: TestClient, uri: string, title: string): Promise<unknown> {
    const at = positionOf(QUILL, 'Quillfeather', 0);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const chosen = actions.filter((a) => a.title === title);
    assert.equal(chosen.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const command = chosen[0].command!;
    assert.equal(command.command, 'byline.addToHouseKb');
    return client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: command.command,
      arguments: command.arguments,
    });
  }

  async function settle(client: TestClient): Promise<void> {
    for (let i = 0; i < 50 && client.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // a second, later message would arrive by now
  }

  test('with none configured, the quick fix offers a new .byline/house-kb.toml in the workspace and adds to it', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-vscode-house-'));
    await withStory(workspace, {}, async (client, uri) => {
      const result = await choose(client, uri, "Add 'Xandor Quillfeather' to a new house KB (.byline/house-kb.toml)");
      assert.equal(result, null);
      const house = path.join(workspace, '.byline', 'house-kb.toml');
      assert.match(fs.readFileSync(house, 'utf8'), /name = "Xandor Quillfeather"/);
      await settle(client);
      assert.deepEqual(
        client.messages.map((m) => m.message),
        [`Byline: added 'Xandor Quillfeather' to ${house}`],
      );
    });
  });

  test('a failed addition is one message, not an error response VS Code would show again', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-vscode-house-'));
    const blocker = path.join(workspace, 'a-file');
    fs.writeFileSync(blocker, '');
    await withStory(workspace, { houseKb: path.join(blocker, 'house-kb.toml') }, async (client, uri) => {
      client.messages.length = 0;
      // An error response would reject here (and be a second and third toast in VS Code).
      const result = await choose(client, uri, "Add 'Xandor Quillfeather' to the house KB");
      assert.equal(result, null);
      await settle(client);
      assert.equal(client.messages.length, 1, JSON.stringify(client.messages));
      assert.equal(client.messages[0].type, 1 /* MessageType.Error */);
      assert.match(client.messages[0].message, /a-file/);
    });
  });
});
