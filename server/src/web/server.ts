/**
 * The web-worker entry of the language server, for vscode.dev and github.dev: the
 * same handlers (./lsp/startServer.ts) and engine, over `postMessage`. There is no
 * file system: `.raci.json` files are not read (settings and front matter apply), and
 * the files that "Check All Documents" lints are read by the client (`raci/readFile`).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { READ_FILE_REQUEST, type ReadFileParams } from '../shared/protocol';
import { describe, startServer } from '../lsp/startServer';

/** The parts of the worker's `DedicatedWorkerGlobalScope` used here (the project compiles without the DOM library). */
interface WorkerScope {
  addEventListener(type: 'error', listener: (event: { error?: unknown; message: string }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown }) => void): void;
  close(): void;
}
declare const self: WorkerScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

self.addEventListener('error', (event) => connection.console.error(`Uncaught exception: ${describe(event.error ?? event.message)}`));
self.addEventListener('unhandledrejection', (event) => connection.console.error(`Unhandled rejection: ${describe(event.reason)}`));

// `exit` ends the worker, as it ends the Node server's process (a restart starts a new one).
connection.onExit(() => self.close());

startServer(connection, {
  readFile: (uri) => connection.sendRequest<string>(READ_FILE_REQUEST, { uri } satisfies ReadFileParams),
});
