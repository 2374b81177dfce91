// A stdio LSP client for the tests: spawns the real server and speaks to it with
// vscode-languageserver-protocol, the same protocol library vscode-languageclient
// uses, offering the capabilities VS Code offers for these features.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  Diagnostic,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  Range,
  ShowMessageNotification,
  ShowMessageParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** The binary under test: $BYLINE_BIN, else the release build of this checkout. */
export function serverBinary(): string {
  return process.env.BYLINE_BIN ?? path.resolve(process.cwd(), '../../target/release/byline');
}

/** What VS Code 1.9x offers for the features Byline serves (UTF-16 positions only). */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' } },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeConfiguration: { dynamicRegistration: true },
    configuration: true,
    executeCommand: { dynamicRegistration: true },
    semanticTokens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'],
        },
      },
      honorsChangeAnnotations: true,
    },
    documentSymbol: {
      dynamicRegistration: true,
      hierarchicalDocumentSymbolSupport: true,
      symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as 1) },
      tagSupport: { valueSet: [1] },
      labelSupport: true,
    },
    rename: { dynamicRegistration: true, prepareSupport: true, prepareSupportDefaultBehavior: 1, honorsChangeAnnotations: true },
    semanticTokens: {
      dynamicRegistration: true,
      tokenTypes: [
        'namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property',
        'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number',
        'regexp', 'operator', 'decorator',
      ],
      tokenModifiers: [
        'declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification',
        'documentation', 'defaultLibrary',
      ],
      formats: ['relative'],
      requests: { range: true, full: { delta: true } },
      multilineTokenSupport: false,
      overlappingTokenSupport: false,
      serverCancelSupport: true,
      augmentsSyntaxTokens: true,
    },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly diagnostics = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  private waiters: (() => void)[] = [];
  stderr = '';
  /** Every window/showMessage the server sent: each is one toast in VS Code. */
  readonly messages: ShowMessageParams[] = [];

  constructor(binary = serverBinary()) {
    this.process = spawn(binary, ['lsp'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    this.connection.listen();
  }

  /** `workspaceFolder`: a folder path, sent as VS Code sends its first workspace folder. */
  async initialize(initializationOptions: unknown, workspaceFolder?: string): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: '1.95.0' },
      rootUri: workspaceFolder ? pathToFileURL(workspaceFolder).href : null,
      capabilities: VSCODE_CAPABILITIES,
      initializationOptions,
      workspaceFolders: workspaceFolder
        ? [{ uri: pathToFileURL(workspaceFolder).href, name: path.basename(workspaceFolder) }]
        : null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Forgets what was published for `uri`, so the next wait sees only new publications. */
  forget(uri: string): void {
    this.diagnostics.delete(uri);
  }

  /** Waits for diagnostics of `uri` (of `version` when given). */
  async diagnosticsFor(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const published = this.diagnostics.get(uri);
      if (published && (version === undefined || published.version === undefined || published.version === version)) {
        return published.diagnostics;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} (version ${version}) within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone (a test that broke it); kill it below.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** The UTF-16 position of the nth occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

function offsetOf(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

/** Applies non-overlapping text edits, last first (JS strings index in UTF-16, like LSP here). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offsetOf(text, edit.range.start)) + edit.newText + text.slice(offsetOf(text, edit.range.end));
  }
  return text;
}

export interface DecodedToken {
  text: string;
  range: Range;
  type: string;
  modifiers: string[];
}

/** Decodes relative semantic tokens with the server's legend. */
export function decodeTokens(data: number[], text: string, types: string[], modifiers: string[]): DecodedToken[] {
  const lines = text.split('\n');
  const tokens: DecodedToken[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    tokens.push({
      text: lines[line].slice(start, start + length),
      range: { start: { line, character: start }, end: { line, character: start + length } },
      type: types[type],
      modifiers: modifiers.filter((_, bit) => bits & (1 << bit)),
    });
  }
  return tokens;
}
