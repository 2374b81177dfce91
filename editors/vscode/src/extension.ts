// Entry point: wires the server controller, the commands and the status bar.
import * as vscode from 'vscode';

import { registerCommands } from './commands';
import { ServerController } from './controller';
import { StatusBar } from './status';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  controller = new ServerController();
  const server = controller;
  context.subscriptions.push(
    server,
    registerCommands(server),
    new StatusBar(server),
    vscode.workspace.onDidChangeConfiguration((event) => server.onConfigurationChanged(event)),
  );
  await server.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
