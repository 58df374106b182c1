/**
 * The desktop client: starts the language server as a Node process over IPC and gives it
 * the Markdown files on disk, watching the `.raci.json` files for it. The commands, the
 * status item and the preview plugin are the web client's too (./common.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { createOutputChannel, registerCommon, sharedClientOptions, type RaciApi } from './common';
import serverFlags from '../../server/src/shared/serverFlags.json';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RaciApi<LanguageClient>> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // The flags the benchmark starts the server with too (bench/lsp.mjs): --expose-gc lets the
    // server collect garbage while it is idle (server/src/node/heap.ts); a young generation of
    // 4 MB semi-spaces instead of V8's 16 keeps a large document's peak memory about 20 MB
    // lower for the same CPU time (docs/performance.md, "Memory").
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...serverFlags] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...serverFlags, '--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = createOutputChannel();
  const watcher = vscode.workspace.createFileSystemWatcher('**/.raci.json');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { fileEvents: watcher },
    ...sharedClientOptions(outputChannel, () => client),
  };
  client = new LanguageClient('raci', 'RACI Markdown', serverOptions, clientOptions);
  const started = client;
  const api = registerCommon(context, started, outputChannel, () => started.restart());
  await started.start();
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
