/**
 * The Node entry of the language server (stdio, IPC, pipes: whatever the command line
 * says). The handlers live in ./lsp/startServer.ts, shared with the web worker
 * (../web/server.ts); this file adds what only Node has: `.raci.json` files read
 * from disk, files read for `raci/checkFiles`, garbage collected between keystrokes
 * (./heap.ts), and process-wide error logging.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createIdleCollector } from './heap';
import { ConfigFiles } from './configFiles';
import { describe, startServer } from '../lsp/startServer';

const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${describe(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${describe(error)}`));

startServer(connection, {
  createConfigSource: (report) => new ConfigFiles(report),
  readFile: (uri) => readFile(fileURLToPath(uri), 'utf8'),
  collectGarbage: createIdleCollector(),
});
