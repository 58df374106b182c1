/**
 * The Node entry of the language server (stdio, IPC, pipes: whatever the command line
 * says). The handlers live in ./lsp/startServer.ts, shared with the web worker
 * (../web/server.ts); this file adds what only Node has: `.raci.json` files read
 * from disk, files read for `raci/checkFiles`, garbage collected between keystrokes
 * (./heap.ts), and process-wide error logging.
 */
import { realpath } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConnection, IPCMessageReader, ProposedFeatures } from 'vscode-languageserver/node';
import { createIdleCollector } from './heap';
import { IpcMessageWriter, type IpcChannel } from './ipcWriter';
import { ConfigFiles } from './configFiles';
import { isInsideDirectory, readRegularFile } from './regularFile';
import { describe, startServer } from '../lsp/startServer';

// Over Node IPC (VS Code's client), a writer whose promise says when a message has left (see
// IpcMessageWriter); otherwise the transport the command line names.
const connection =
  process.argv.includes('--node-ipc') && typeof process.send === 'function'
    ? createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IpcMessageWriter(process as IpcChannel))
    : createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${describe(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${describe(error)}`));

startServer(connection, {
  createConfigSource: (report, folders) => new ConfigFiles(report, () => filePaths(folders())),
  readFile: async (uri, { maxBytes, folders }) => {
    // The file a link leads to must itself be a Markdown file inside a workspace folder.
    const real = await realpath(fileURLToPath(uri));
    if (!/\.(md|markdown)$/i.test(real)) throw new Error('a link to a file that is not Markdown; not read');
    const roots = await Promise.all(filePaths(folders).map((folder) => realpath(folder).catch(() => folder)));
    if (!roots.some((root) => isInsideDirectory(real, root))) throw new Error('a link to a file outside the workspace folders; not read');
    // A FIFO or a device is refused unread: it would hold one of Node's few file threads for good.
    return (await readRegularFile(real, maxBytes)).toString('utf8');
  },
  collectGarbage: createIdleCollector(),
});

function filePaths(uris: string[]): string[] {
  return uris.flatMap((uri) => {
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}
