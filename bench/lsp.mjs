/**
 * A minimal LSP client for the benchmark: spawns `node <flags> dist/server.js --stdio` with the flags VS Code's client
 * starts it with (server/src/shared/serverFlags.json), as an editor
 * would, answers `workspace/configuration` with defaults, and records the arrival time
 * of every `publishDiagnostics` so the driver can match versions.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const serverFlags = require('../server/src/shared/serverFlags.json');
const protocol = require('vscode-languageserver-protocol/node');

export class Server {
  /** @type {{ uri: string, version: number | undefined, diagnostics: any[] | undefined, at: number }[]} */
  published = [];
  /** Publications that arrived after a newer version's for the same document. */
  stale = [];
  stderr = '';
  logs = [];
  #waiters = [];
  /** Per document, where its newest publication is in `published`. */
  #newest = new Map();
  #lastVersion = new Map();

  constructor(serverPath) {
    this.process = spawn(process.execPath, [...serverFlags, serverPath, '--stdio'], { stdio: 'pipe' });
    this.pid = this.process.pid;
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = protocol.createProtocolConnection(
      new protocol.StreamMessageReader(this.process.stdout),
      new protocol.StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      const last = this.#lastVersion.get(params.uri);
      if (params.version !== undefined) {
        if (last !== undefined && params.version < last) this.stale.push({ uri: params.uri, version: params.version, after: last });
        this.#lastVersion.set(params.uri, Math.max(last ?? 0, params.version));
      }
      // Only the newest publication per document keeps its diagnostics, as an editor keeps them:
      // holding every version's (150 edits of a 1 MB document, a hundred diagnostics each) grew
      // this process's heap, and its collections were timed as the server's latency.
      // A late publication of an older version (a stale one) keeps its own and leaves the newest's.
      const newest = this.#newest.get(params.uri);
      const newer = newest === undefined || (params.version ?? 0) >= (this.published[newest].version ?? 0);
      if (newest !== undefined && newer) this.published[newest] = { ...this.published[newest], diagnostics: undefined };
      if (newer) this.#newest.set(params.uri, this.published.length);
      this.published.push({ uri: params.uri, version: params.version, diagnostics: params.diagnostics, at });
      this.#notify();
    });
    this.connection.onNotification(protocol.LogMessageNotification.type, (params) => this.logs.push(params.message));
    this.connection.onNotification(protocol.ShowMessageNotification.type, (params) => this.logs.push(params.message));
    this.connection.onRequest(protocol.ConfigurationRequest.type, (params) => params.items.map(() => null));
    this.connection.onRequest(protocol.RegistrationRequest.type, () => null);
    this.connection.listen();
  }

  async initialize() {
    await this.connection.sendRequest(protocol.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            isPreferredSupport: true,
          },
        },
      },
    });
    await this.connection.sendNotification(protocol.InitializedNotification.type, {});
  }

  #notify() {
    for (const waiter of [...this.#waiters]) {
      if (waiter.test()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.resolve();
      }
    }
  }

  /** The publication for exactly this version, once it arrives. */
  diagnostics(uri, version, timeout = 120_000) {
    // The last publication of the version: one published again (settings changed) supersedes the first.
    const find = () => this.published.findLast((p) => p.uri === uri && p.version === version);
    if (find()) return Promise.resolve(find());
    return new Promise((resolve, reject) => {
      const waiter = {
        test: () => find() !== undefined,
        resolve: () => resolve(find()),
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(
            new Error(`timed out waiting for diagnostics of ${uri} v${version}\nstderr:\n${this.stderr}\nlogs:\n${this.logs.join('\n')}`),
          );
        }, timeout),
      };
      this.#waiters.push(waiter);
    });
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version, text },
    });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  hover(uri, position) {
    return this.connection.sendRequest(protocol.HoverRequest.type, { textDocument: { uri }, position });
  }

  completion(uri, position) {
    return this.connection.sendRequest(protocol.CompletionRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri, range, diagnostics) {
    return this.connection.sendRequest(protocol.CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Peak resident set size of the server process so far, in bytes (Linux: VmHWM). */
  peakRss() {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async shutdown() {
    const exited = new Promise((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', resolve);
    });
    try {
      await Promise.race([this.connection.sendRequest(protocol.ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification(protocol.ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export async function startServer(serverPath) {
  const server = new Server(serverPath);
  await server.initialize();
  return server;
}
