// The palette commands: restart, list the story's entities, add to the house KB.
import * as vscode from 'vscode';
import { DocumentSymbol, DocumentSymbolRequest, ExecuteCommandRequest } from 'vscode-languageclient/node';

import { ServerController, isStory } from './controller';
import { groupsOf } from './entities';

/** The server-side command the "Add to House KB" palette entry calls. */
export const ADD_TO_HOUSE_KB = 'byline.addToHouseKb';

export function registerCommands(controller: ServerController): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('byline.restartServer', () => controller.restart()),
    vscode.commands.registerCommand('byline.showEntities', () => showEntities(controller)),
    // Not named ADD_TO_HOUSE_KB: vscode-languageclient registers a VS Code command for
    // each command the server advertises, and two registrations of one id collide.
    vscode.commands.registerCommand('byline.houseKb.add', () => addToHouseKb(controller)),
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
  // (byline.houseKb, else the first `kb` file) and writes it atomically.
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
