/**
 * The web client (vscode.dev, github.dev): starts the language server as a web
 * worker from `dist/web/server.js` and gives it the Markdown documents; the same
 * commands and Markdown preview plugin as the desktop client (./extension.ts). The
 * server is the same too, except that it reads no `.raci.json` files and asks this
 * client for the files "Check All Documents" lints (`raci/readFile`).
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { READ_FILE_REQUEST, type ReadFileParams } from '../../server/src/lsp/protocol';
import { registerCheckAll } from './checkAll';
import { registerOverview } from './overview/panel';
import { extendMarkdownIt } from './preview';

/** The project compiles without the DOM library; this is the one browser API used here. */
declare const Worker: new (url: string, options?: { name?: string }) => object;

let client: LanguageClient | undefined;

export async function activate(
  context: vscode.ExtensionContext,
): Promise<{ client: LanguageClient; extendMarkdownIt: typeof extendMarkdownIt }> {
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
  client.onRequest(READ_FILE_REQUEST, async ({ uri }: ReadFileParams) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
  );
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('raci.restartServer', async () => {
      // The browser client has no `restart()`; stopping ends the worker, starting makes a new one.
      await started.stop();
      await started.start();
    }),
    vscode.commands.registerCommand('raci.showOutput', () => outputChannel.show(true)),
    registerOverview(context, () => started), // 'raci.showOverview'
    registerCheckAll(() => started), // 'raci.checkAllDocuments'
  );
  await client.start();
  return { client, extendMarkdownIt };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
