// The palette commands: restart, list the story's entities, add to the house KB.
import * as vscode from 'vscode';
import { DocumentSymbol, DocumentSymbolRequest, ExecuteCommandRequest } from 'vscode-languageclient/node';

import { ServerController, isStory } from './controller';
import { groupsOf } from './entities';
import { describeStoryDate, frontMatterEdit, parseDateArgument } from './storyDate';

/** The server-side command the "Add to House KB" palette entry calls. */
export const ADD_TO_HOUSE_KB = 'byline.addToHouseKb';

export function registerCommands(controller: ServerController): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('byline.restartServer', () => controller.restart()),
    vscode.commands.registerCommand('byline.showEntities', () => showEntities(controller)),
    // Not named ADD_TO_HOUSE_KB: vscode-languageclient registers a VS Code command for
    // each command the server advertises, and two registrations of one id collide.
    vscode.commands.registerCommand('byline.houseKb.add', () => addToHouseKb(controller)),
    vscode.commands.registerCommand('byline.setStoryDate', () => setStoryDate(controller)),
  );
}

/** The active story editor and the running client, or a message saying what is missing. */
function storyAndClient(controller: ServerController) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isStory(editor.document)) {
    void vscode.window.showInformationMessage('Byline: open a Markdown or plain-text story first.');
    return undefined;
  }
  const client = controller.running;
  if (!client) {
    void vscode.window.showWarningMessage('Byline: the server is not running. Run "Byline: Restart Server".');
    return undefined;
  }
  return { editor, client };
}

interface EntityItem extends vscode.QuickPickItem {
  symbol?: DocumentSymbol;
}

async function showEntities(controller: ServerController): Promise<void> {
  const context = storyAndClient(controller);
  if (!context) return;
  const { editor, client } = context;
  const result = await client.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
  });
  const groups = groupsOf(result);
  if (groups.length === 0) {
    void vscode.window.showInformationMessage('Byline: no people, organisations or places found in this story.');
    return;
  }
  const items: EntityItem[] = [];
  for (const group of groups) {
    items.push({ label: group.name, kind: vscode.QuickPickItemKind.Separator });
    for (const symbol of group.entities) {
      items.push({ label: symbol.name, description: symbol.detail, symbol });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Entities in this story',
    placeHolder: 'Go to the first mention',
    matchOnDescription: true,
  });
  if (!picked?.symbol) return;
  const range = client.protocol2CodeConverter.asRange(picked.symbol.selectionRange);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function addToHouseKb(controller: ServerController): Promise<void> {
  const context = storyAndClient(controller);
  if (!context) return;
  const { editor, client } = context;
  const offered = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!offered.includes(ADD_TO_HOUSE_KB)) {
    const version = client.initializeResult?.serverInfo?.version ?? 'unknown version';
    void vscode.window.showWarningMessage(
      `Byline: "Add to House KB" is not available yet: this byline server (${version}) does not offer ` +
        `the ${ADD_TO_HOUSE_KB} command. Until it does, add the entry by hand to a KB file listed in ` +
        'byline.kb (the format is in docs/kb-format.md of the Byline repository).',
    );
    return;
  }
  // The server's contract: arguments [uri, name, category]; it picks the house KB file
  // (byline.houseKb, else the first `kb` file of .byline.toml, else a new
  // .byline/house-kb.toml in the workspace) and writes it atomically.
  const selected = editor.document.getText(editor.selection).trim();
  const wordRange = editor.document.getWordRangeAtPosition(editor.selection.active, /[\p{L}\p{M}'’-]+/u);
  const name = await vscode.window.showInputBox({
    title: 'Byline: add to the house KB',
    prompt: 'Name as the desk writes it',
    value: selected || (wordRange ? editor.document.getText(wordRange) : ''),
  });
  if (!name) return;
  const category = await vscode.window.showQuickPick(['person', 'organization', 'location', 'other'], {
    title: `What is '${name}'?`,
  });
  if (!category) return;
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: ADD_TO_HOUSE_KB,
    arguments: [client.code2ProtocolConverter.asUri(editor.document.uri), name, category],
  });
  if (typeof result === 'string' && result) void vscode.window.showInformationMessage(`Byline: ${result}`);
}

/**
 * "Byline: Set Story Date". Markdown: writes `date:` into the front matter with a
 * WorkspaceEdit (undoable like any edit). Other stories: a date for this story on the
 * server (byline/setStoryDate, docs/lsp-extensions.md), which an older server lacks.
 */
async function setStoryDate(controller: ServerController): Promise<void> {
  const context = storyAndClient(controller);
  if (!context) return;
  const { editor, client } = context;
  const document = editor.document;
  const markdown = document.languageId === 'markdown';
  if (!markdown && !controller.storyDateSupported) {
    const version = client.initializeResult?.serverInfo?.version ?? 'unknown version';
    void vscode.window.showWarningMessage(
      `Byline: this byline server (${version}) cannot set a date for one story yet (it lacks byline/setStoryDate). ` +
        'Set story_date in .byline.toml, or the byline.storyDate setting; both apply to every story.',
    );
    return;
  }
  const current = await controller.storyDate(document);
  const value = await vscode.window.showInputBox({
    title: 'Byline: set the story date',
    prompt:
      `In force: ${describeStoryDate(current)}. YYYY-MM-DD or today` +
      (markdown ? '; written to the front matter.' : '; for this story only, empty to clear.'),
    value: typeof current.date === 'string' ? current.date : '',
    validateInput: (text) =>
      parseDateArgument(text) || (!markdown && text.trim() === '') ? undefined : 'Use YYYY-MM-DD or today.',
  });
  if (value === undefined) return;
  const date = parseDateArgument(value) ?? null;
  if (!markdown) {
    const now = await controller.setDocumentDate(document, date);
    if (now) void vscode.window.showInformationMessage(`Byline: story date ${describeStoryDate(now)}.`);
    return;
  }
  if (date === null) return;
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  const edit = frontMatterEdit(lines, date);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(
    document.uri,
    new vscode.Range(edit.startLine, 0, edit.endLine, 0),
    edit.newLines.map((line) => line + eol).join(''),
  );
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return;
  const now = await controller.storyDate(document);
  if (now.source !== 'frontMatter' && now.source !== 'document') {
    void vscode.window.showWarningMessage(
      `Byline: the front matter says ${date}, but ${describeStoryDate(now)} is in force.`,
    );
  }
}
