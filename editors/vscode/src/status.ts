// The status-bar items: how many entities and findings the active story has, and the
// story date in force.
import * as vscode from 'vscode';
import { DocumentSymbolRequest } from 'vscode-languageclient/node';

import { ServerController, isStory } from './controller';
import { entityCount, groupsOf, statusText, statusTooltip } from './entities';
import { storyDateText, storyDateTooltip } from './storyDate';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('byline.status', vscode.StatusBarAlignment.Right, 100);
  private readonly dateItem = vscode.window.createStatusBarItem('byline.storyDate', vscode.StatusBarAlignment.Right, 99);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Bumped on every refresh so an answer to an older request is dropped. */
  private generation = 0;

  constructor(private readonly controller: ServerController) {
    this.item.name = 'Byline';
    this.dateItem.name = 'Byline: story date';
    this.subscriptions.push(
      this.item,
      this.dateItem,
      controller.onDidChangeStatus(() => this.refresh()),
      controller.onDidChangeStoryDate(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('byline.storyDate')) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      // The server publishes diagnostics after every open and edit, so this is also
      // the moment its entity list has changed.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (event.uris.some((uri) => uri.toString() === active)) this.refresh();
      }),
    );
    this.refresh();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private refresh(): void {
    const generation = ++this.generation;
    void this.update(generation).catch((error: unknown) => {
      this.controller.output.warn(`Status bar update failed: ${String(error)}`);
    });
  }

  private async update(generation: number): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isStory(document)) {
      this.item.hide();
      this.dateItem.hide();
      return;
    }
    if (this.controller.status !== 'running') this.dateItem.hide();
    switch (this.controller.status) {
      case 'missing':
        this.show('$(error) Byline', 'The byline server was not found. Click to try again.', 'byline.restartServer');
        return;
      case 'stopped':
        this.show('$(debug-stop) Byline', 'The byline server is not running. Click to restart it.', 'byline.restartServer');
        return;
      case 'starting':
        this.show('$(sync~spin) Byline', 'Starting the byline server…', undefined);
        return;
    }
    const client = this.controller.running;
    if (!client) return;
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
    });
    if (generation !== this.generation) return;
    const groups = groupsOf(symbols);
    const findings = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'byline').length;
    this.show(statusText(entityCount(groups), findings), statusTooltip(groups, findings), 'byline.showEntities');
    const date = await this.controller.storyDate(document);
    if (generation !== this.generation) return;
    this.dateItem.text = storyDateText(date);
    this.dateItem.tooltip = storyDateTooltip(date);
    this.dateItem.command = 'byline.setStoryDate';
    this.dateItem.show();
  }

  private show(text: string, tooltip: string, command: string | undefined): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.show();
  }
}
