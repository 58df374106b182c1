/**
 * The web client (vscode.dev, github.dev): starts the language server as a web
 * worker from `dist/web/server.js` and gives it the Markdown documents. The server
 * is the same as on the desktop, except that it reads no `.raci.json` files.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';

/** The project compiles without the DOM library; this is the one browser API used here. */
declare const Worker: new (url: string, options?: { name?: string }) => object;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  const outputChannel = vscode.window.createOutputChannel('RACI Markdown', { log: true });
  const clientOptions: LanguageClientOptions = {
    // Web workspaces use many schemes (vscode-vfs, vscode-test-web, file…): go by language.
    documentSelector: [{ language: 'markdown' }],
    // No watcher: the web server has no `.raci.json` files to re-read.
    initializationOptions: { watchesConfigFiles: true },
    outputChannel,
  };
  // A factory rather than a worker, so that a restart starts a fresh worker.
  const serverOptions = async () => new Worker(serverMain.toString(true), { name: 'RACI Markdown server' });
  client = new LanguageClient('raci', 'RACI Markdown', serverOptions, clientOptions);
  const started = client;
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('raci.restartServer', async () => {
      // The browser client has no `restart()`; stopping ends the worker, starting makes a new one.
      await started.stop();
      await started.start();
    }),
    vscode.commands.registerCommand('raci.showOutput', () => outputChannel.show(true)),
  );
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
