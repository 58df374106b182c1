/**
 * The web client (vscode.dev, github.dev): starts the language server as a web
 * worker from `dist/web/server.js` and gives it the Markdown documents; the same
 * commands, status item and Markdown preview plugin as the desktop client (./common.ts).
 * The server is the same too, except that it reads no `.raci.json` files and asks this
 * client for the files "Check All Documents" lints (`raci/readFile`).
 */
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { READ_FILE_REQUEST, type ReadFileParams } from '../../server/src/shared/protocol';
import { createOutputChannel, registerCommon, sharedClientOptions, type RaciApi } from './common';

/** The project compiles without the DOM library; this is the one browser API used here. */
declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void };

let client: LanguageClient | undefined;
/** The running server's worker: ended after the client stops, should `exit` not have ended it. */
let worker: { terminate(): void } | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RaciApi<LanguageClient>> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  const outputChannel = createOutputChannel();
  const clientOptions: LanguageClientOptions = {
    // Web workspaces use many schemes (vscode-vfs, vscode-test-web, file…): go by language.
    documentSelector: [{ language: 'markdown' }],
    ...sharedClientOptions(outputChannel, () => client),
  };
  // A factory rather than a worker, so that a restart starts a fresh worker. It returns
  // the transports, not the worker: the client would test `worker instanceof Worker`, and
  // VS Code's web extension host replaces `Worker` with a function whose results are not
  // instances of it.
  const serverOptions = async (): Promise<MessageTransports> => {
    worker = await startWorker(serverMain);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  client = new LanguageClient('raci', 'RACI Markdown', serverOptions, clientOptions);
  const started = client;
  // The browser client has no `restart()`; stopping ends the worker, starting makes a new one.
  const api = registerCommon(context, started, outputChannel, async () => {
    await started.stop();
    endWorker();
    await started.start();
  });
  started.onRequest(READ_FILE_REQUEST, async ({ uri }: ReadFileParams) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
  );
  await started.start();
  return api;
}

/**
 * The server's worker. On vscode.dev the extension is served over https and the URL is
 * used as is. VS Code's web extension host refuses workers whose script is a
 * `vscode-remote:` URI (an extension installed on a remote, run in the browser): its
 * `fetch` does resolve such URIs, so the script is fetched and started from a blob.
 */
async function startWorker(serverMain: vscode.Uri): Promise<{ terminate(): void }> {
  const url = serverMain.toString(true);
  const options = { name: 'RACI Markdown server' };
  if (serverMain.scheme !== 'vscode-remote') return new Worker(url, options);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the RACI server from ${url}: HTTP ${response.status}`);
  const script = new Blob([await response.text()], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(script), options);
}

function endWorker(): void {
  worker?.terminate();
  worker = undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  endWorker();
  client = undefined;
}
