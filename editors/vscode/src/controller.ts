// Owns the language client: finds the binary, starts and restarts the server, and
// keeps it told about setting changes.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions } from 'vscode-languageclient/node';

import { INSTALL_COMMAND, expandHome, locateServer } from './locate';
import { ServerSettings, serverSettings } from './settings';

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

  dispose(): void {
    void this.stop();
    this.changed.dispose();
    this.output.dispose();
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      // A function, so every (re)start sends the settings of that moment.
      initializationOptions: () => this.settings(),
      outputChannel: this.output,
      diagnosticCollectionName: 'byline',
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
