// Owns the language client: finds the binary, starts and restarts the server, and
// keeps it told about setting changes.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions } from 'vscode-languageclient/node';

import { INSTALL_COMMAND, expandHome, locateServer } from './locate';
import { ServerSettings, serverSettings } from './settings';
import {
  SET_STORY_DATE_METHOD,
  STORY_DATE_METHOD,
  StoryDate,
  resolveLocally,
  serverSupportsStoryDate,
} from './storyDate';

/** The documents Byline reads: stories in Markdown or plain text, saved or not. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' },
];

export function isStory(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}

export type ServerStatus = 'starting' | 'running' | 'stopped' | 'missing';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private statusValue: ServerStatus = 'stopped';
  private readonly changed = new vscode.EventEmitter<ServerStatus>();
  /** Fires when the server starts, stops or cannot be found. */
  readonly onDidChangeStatus = this.changed.event;
  readonly output = vscode.window.createOutputChannel('Byline', { log: true });
  /** Dates set for one (non-Markdown) story, by URI; sent again when the server reopens it. */
  private readonly documentDates = new Map<string, string>();
  private readonly storyDateChanged = new vscode.EventEmitter<void>();
  /** Fires when a story date was set here (the status bar shows it). */
  readonly onDidChangeStoryDate = this.storyDateChanged.event;

  get status(): ServerStatus {
    return this.statusValue;
  }

  /** The running client, or undefined while there is none. */
  get running(): LanguageClient | undefined {
    return this.statusValue === 'running' ? this.client : undefined;
  }

  async start(): Promise<void> {
    const located = locateServer({
      configured: vscode.workspace.getConfiguration('byline').get<string>('server.path'),
      envPath: process.env.PATH,
      baseDir: workspaceDir(),
    });
    if (!located.ok) {
      this.setStatus('missing');
      this.output.error(located.message);
      void showMissingServer(located.message);
      return;
    }
    this.output.info(`Starting ${located.path} lsp (found via ${located.source})`);
    const client = new LanguageClient(
      'byline',
      'Byline',
      { command: located.path, args: ['lsp'], options: { cwd: workspaceDir() } },
      this.clientOptions(),
    );
    this.client = client;
    this.setStatus('starting');
    try {
      await client.start();
      this.setStatus('running');
    } catch (error) {
      this.setStatus('stopped');
      const message = `Byline: the server at ${located.path} failed to start: ${String(error)}`;
      this.output.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.setStatus('stopped');
    if (client) {
      try {
        await client.dispose();
      } catch (error) {
        // A server that already died cannot be shut down politely; that is fine.
        this.output.warn(`Stopping the server: ${String(error)}`);
      }
    }
  }

  /** Stops and starts again, looking for the binary anew (the path may have changed). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The settings as the server wants them, from the current configuration. */
  settings(): ServerSettings {
    const config = vscode.workspace.getConfiguration('byline');
    return serverSettings((key) => config.get(key), resolveSettingPath);
  }

  async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (event.affectsConfiguration('byline.server.path')) {
      await this.restart();
    } else if (event.affectsConfiguration('byline') && this.running) {
      // The server only reads pushed settings (it does not ask workspace/configuration).
      await this.running.sendNotification(DidChangeConfigurationNotification.type, { settings: this.settings() });
    }
  }

  /** Whether the running server answers byline/storyDate and byline/setStoryDate. */
  get storyDateSupported(): boolean {
    return serverSupportsStoryDate(this.running?.initializeResult?.capabilities);
  }

  /**
   * The story date in force for `document`: the server's answer when it can say
   * (docs/lsp-extensions.md), else worked out here by the server's order.
   */
  async storyDate(document: vscode.TextDocument): Promise<StoryDate> {
    const client = this.running;
    if (client && this.storyDateSupported) {
      const answer = await client.sendRequest<StoryDate | null>(STORY_DATE_METHOD, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      });
      if (answer) return answer;
    }
    return resolveLocally({
      settingsDate: this.settings().byline.storyDate,
      file: document.uri.scheme === 'file' ? document.uri.fsPath : undefined,
      text: document.getText(),
    });
  }

  /** Sets (or, with null, clears) the date of one story on the server; returns the date now in force. */
  async setDocumentDate(document: vscode.TextDocument, date: string | null): Promise<StoryDate | undefined> {
    const key = document.uri.toString();
    if (date === null) this.documentDates.delete(key);
    else this.documentDates.set(key, date);
    const answer = await this.sendDocumentDate(document.uri, date);
    this.storyDateChanged.fire();
    return answer;
  }

  private async sendDocumentDate(uri: vscode.Uri, date: string | null): Promise<StoryDate | undefined> {
    // Not `running`: didOpen reaches a restarted server before start() has returned.
    const client = this.client;
    if (!client?.initializeResult || !serverSupportsStoryDate(client.initializeResult.capabilities)) return undefined;
    const answer = await client.sendRequest<StoryDate | null>(SET_STORY_DATE_METHOD, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(uri) },
      date,
    });
    return answer ?? undefined;
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
    this.storyDateChanged.dispose();
    this.output.dispose();
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      // A function, so every (re)start sends the settings of that moment.
      initializationOptions: () => this.settings(),
      outputChannel: this.output,
      diagnosticCollectionName: 'byline',
      middleware: {
        // The server forgets a story's own date when the story closes or the server
        // restarts; it is sent again each time the story is opened to it.
        didOpen: async (document, next) => {
          await next(document);
          const date = this.documentDates.get(document.uri.toString());
          if (date !== undefined) {
            this.sendDocumentDate(document.uri, date).catch((error: unknown) => {
              this.output.warn(`Sending the story date of ${document.uri.toString()}: ${String(error)}`);
            });
          }
        },
      },
    };
  }

  private setStatus(status: ServerStatus): void {
    this.statusValue = status;
    this.changed.fire(status);
  }
}

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** KB paths in settings may start with ~ or be relative to the workspace folder. */
function resolveSettingPath(p: string): string {
  const expanded = expandHome(p, os.homedir());
  const base = workspaceDir();
  return path.isAbsolute(expanded) || !base ? expanded : path.resolve(base, expanded);
}

async function showMissingServer(message: string): Promise<void> {
  const copy = 'Copy Install Command';
  const settings = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(message, copy, settings);
  if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'byline.server.path');
  }
}
