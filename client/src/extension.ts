/**
 * The client: starts the language server over IPC and gives it the Markdown
 * documents, registers the commands, and hands the Markdown preview its plugin.
 * Everything else happens in the server and in the modules registered here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCheckAll } from './checkAll';
import { registerOverview } from './overview/panel';
import { registerStatus } from './status';
import { quietWhenStopped } from './quietStop';
import { extendMarkdownIt } from './preview';

let client: LanguageClient | undefined;

export async function activate(
  context: vscode.ExtensionContext,
): Promise<{ client: LanguageClient; extendMarkdownIt: typeof extendMarkdownIt; status: vscode.LanguageStatusItem }> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // --expose-gc lets the server collect garbage while it is idle (server/src/node/heap.ts).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc', '--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('RACI Markdown', { log: true });
  const watcher = vscode.workspace.createFileSystemWatcher('**/.raci.json');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { fileEvents: watcher },
    // The server registers its own `.raci.json` watcher unless told this client has one.
    initializationOptions: { watchesConfigFiles: true },
    outputChannel,
    middleware: quietWhenStopped(() => (client?.state ?? State.Stopped) === State.Stopped),
  };
  client = new LanguageClient('raci', 'RACI Markdown', serverOptions, clientOptions);
  const started = client;
  const status = registerStatus(started); // the language status item
  context.subscriptions.push(
    outputChannel,
    watcher,
    vscode.commands.registerCommand('raci.restartServer', () => started.restart()),
    vscode.commands.registerCommand('raci.showOutput', () => outputChannel.show(true)),
    registerOverview(context, () => started), // 'raci.showOverview', 'raci.compareResponsibilities'
    registerCheckAll(
      () => started,
      (message, cancel) => status.checking(message, cancel),
    ), // 'raci.checkAllDocuments'
    status,
  );
  await client.start();
  return { client, extendMarkdownIt, status: status.item };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
