// Loads the bundled extension (dist/extension.js, as packaged) against a small
// stand-in for the `vscode` module and activates it with no server installed: the
// commands package.json promises must be registered and the user must be told how to
// install the server. (VS Code itself cannot be downloaded here; the protocol side is
// covered by server.test.ts against the real server.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { INSTALL_COMMAND } from '../src/locate';

const PACKAGE = JSON.parse(fs.readFileSync('package.json', 'utf8'));

interface Recorded {
  commands: string[];
  errors: string[];
  statusTexts: string[];
  /** The status-bar text once activation finished (before deactivation). */
  statusAfterActivation?: string;
}

class Disposable {
  constructor(private readonly onDispose: () => void = () => {}) {}
  static from(...items: { dispose(): unknown }[]) {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose() {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return new Disposable();
  };
  fire(value: T) {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose() {}
}

function fakeVscode(recorded: Recorded, settings: Record<string, unknown>) {
  const noEvent = () => new Disposable();
  const story = { uri: { toString: () => 'file:///story.md', fsPath: '/story.md' }, languageId: 'markdown' };
  const known: Record<string, unknown> = {
    Disposable,
    EventEmitter,
    StatusBarAlignment: { Left: 1, Right: 2 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
      onDidChangeConfiguration: noEvent,
    },
    window: {
      activeTextEditor: { document: story },
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, dispose() {} }),
      showErrorMessage: async (message: string) => {
        recorded.errors.push(message);
        return undefined;
      },
      createStatusBarItem: () => {
        const item = {
          text: '',
          show: () => recorded.statusTexts.push(item.text),
          hide() {},
          dispose() {},
        };
        return item;
      },
      onDidChangeActiveTextEditor: noEvent,
    },
    languages: {
      match: (selector: { language: string }[], document: typeof story) =>
        selector.some((s) => s.language === document.languageId) ? 10 : 0,
      onDidChangeDiagnostics: noEvent,
      getDiagnostics: () => [],
    },
    commands: {
      registerCommand: (id: string) => {
        recorded.commands.push(id);
        return new Disposable();
      },
      executeCommand: async () => undefined,
    },
    env: { clipboard: { writeText: async () => {} } },
  };
  // vscode-languageclient subclasses VS Code classes (CodeLens, CompletionItem, …) when
  // it loads; any member not listed above is a plain class so that works.
  return new Proxy(known, { get: (target, name: string) => (name in target ? target[name] : class {}) });
}

/** Loads a fresh copy of the bundle against the stand-in and activates it. */
async function activateBundle(settings: Record<string, unknown>): Promise<Recorded> {
  const recorded: Recorded = { commands: [], errors: [], statusTexts: [] };
  const vscode = fakeVscode(recorded, settings);
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const bundle = path.resolve('dist/extension.js');
  delete require.cache[bundle];
  try {
    const extension = require(bundle);
    await extension.activate({ subscriptions: [] });
    recorded.statusAfterActivation = recorded.statusTexts.at(-1);
    await extension.deactivate();
  } finally {
    Module._load = load;
  }
  return recorded;
}

test('the packaged bundle activates without a server: commands registered, the bad path named', async () => {
  const recorded = await activateBundle({ 'server.path': '/nonexistent/byline' });
  const contributed = PACKAGE.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual([...recorded.commands].sort(), [...contributed].sort());
  assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
  assert.match(recorded.errors[0], /byline\.server\.path.*\/nonexistent\/byline/);
  assert.equal(recorded.statusAfterActivation, '$(error) Byline');
});

test('with no setting and nothing on PATH the error gives the install command', async () => {
  const saved = { PATH: process.env.PATH, HOME: process.env.HOME };
  process.env.PATH = '/nonexistent';
  process.env.HOME = '/nonexistent';
  try {
    const recorded = await activateBundle({});
    assert.equal(recorded.errors.length, 1, JSON.stringify(recorded.errors));
    assert.ok(recorded.errors[0].includes(INSTALL_COMMAND), recorded.errors[0]);
  } finally {
    Object.assign(process.env, saved);
  }
});
