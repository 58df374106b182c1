/**
 * What the desktop client (./extension.ts) and the web client (./browserExtension.ts)
 * share: the output channel, the client options that do not depend on where the server
 * runs, the commands, the language status item and what `activate` returns. Each entry
 * keeps only what its platform needs: how the server starts (a Node process over IPC, a
 * web worker), which documents it gets, and how a restart is done.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { registerCheckAll } from './checkAll';
import { registerOverview } from './overview/panel';
import { extendMarkdownIt } from './preview';
import { quietWhenStopped } from './quietStop';
import { registerStatus } from './status';

/** What `activate` returns: the tests read the client and the status item; VS Code calls `extendMarkdownIt`. */
export interface RaciApi<Client extends BaseLanguageClient> {
  client: Client;
  extendMarkdownIt: typeof extendMarkdownIt;
  status: vscode.LanguageStatusItem;
}

export function createOutputChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('RACI Markdown', { log: true });
}

/**
 * The client options of both entries, but for the documents they select. `client` is
 * read late because the middleware is made before the client it serves.
 */
export function sharedClientOptions(
  outputChannel: vscode.LogOutputChannel,
  client: () => BaseLanguageClient | undefined,
): Pick<LanguageClientOptions, 'initializationOptions' | 'outputChannel' | 'middleware'> {
  return {
    // Each client watches `.raci.json` itself (desktop) or has none to watch (web), so the
    // server does not register a watcher of its own.
    initializationOptions: { watchesConfigFiles: true },
    outputChannel,
    middleware: quietWhenStopped(() => (client()?.state ?? State.Stopped) === State.Stopped),
  };
}

/**
 * Registers the commands and the language status item, disposed with the extension, and
 * returns what `activate` returns. `restart` is the entry's own: the browser client has
 * no `restart()` and must start a fresh worker.
 */
export function registerCommon<Client extends BaseLanguageClient>(
  context: vscode.ExtensionContext,
  client: Client,
  outputChannel: vscode.LogOutputChannel,
  restart: () => Promise<void>,
): RaciApi<Client> {
  const status = registerStatus(client); // the language status item
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('raci.restartServer', restart),
    vscode.commands.registerCommand('raci.showOutput', () => outputChannel.show(true)),
    registerOverview(context, () => client), // 'raci.showOverview', 'raci.compareResponsibilities'
    registerCheckAll(
      () => client,
      (message, cancel) => status.checking(message, cancel),
    ), // 'raci.checkAllDocuments'
    status,
  );
  return { client, extendMarkdownIt, status: status.item };
}
