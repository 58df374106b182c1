/**
 * A small LSP client for the protocol tests: spawns the built server (`dist/server.js
 * --stdio`), initializes it, answers its requests, and waits on notifications with a
 * timeout (never a sleep).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/shared/protocol';
export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
const TIMEOUT = 5000;

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export interface StartOptions {
  /** Whether the client answers `workspace/configuration` (default true). */
  configuration?: boolean;
  locale?: string;
  positionEncodings?: string[];
  dynamicRegistration?: boolean;
  /** The `raci` section answered for every scope; can be changed later with `session.settings`. */
  settings?: Record<string, unknown>;
  /** Options for node before the server script (e.g. `--require` a probe). */
  nodeArgs?: string[];
  /** The workspace folders' URIs (none by default). */
  workspaceFolders?: string[];
}

export class Session {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  /** `raci/status` notifications, in the order they came. */
  readonly statuses: StatusParams[] = [];
  readonly registrations: Registration[] = [];
  /** Publications that came after a newer version's for the same document. */
  readonly staleViolations: string[] = [];
  configurationRequests = 0;
  /** `workspace/configuration` is answered once this settles: lets a test hold the server mid-validation. */
  configurationGate: Promise<void> = Promise.resolve();
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  stderr = '';
  private readonly lastVersion = new Map<string, number>();
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  private readonly texts = new Map<string, TextDocument>();

  constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    process.stderr.on('data', (chunk) => (this.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const last = this.lastVersion.get(params.uri);
      if (params.version !== undefined) {
        if (last !== undefined && params.version < last) this.staleViolations.push(`${params.uri} v${params.version} after v${last}`);
        this.lastVersion.set(params.uri, Math.max(last ?? 0, params.version));
      }
      this.published.push(params);
      this.notify();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
      this.notify();
    });
    connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      this.statuses.push(params);
      this.notify();
    });
    connection.onNotification(LogMessageNotification.method, (params: LogMessageParams) => {
      this.logs.push(params.message);
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    if (options.configuration !== false) {
      connection.onRequest(ConfigurationRequest.type, async (params) => {
        this.configurationRequests++;
        this.notify();
        await this.configurationGate;
        return params.items.map((item) => (item.section === 'raci' ? this.settings : null));
      });
    }
    connection.listen();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves when `test` holds (checked now and on each notification), rejects after a timeout. */
  waitFor(what: string, test: () => boolean, timeout = TIMEOUT): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}\nlogs:\n${this.logs.join('\n')}`));
      }, timeout);
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The diagnostics published for exactly this version of the document. */
  async diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const find = () => this.published.find((p) => p.uri === uri && p.version === version);
    await this.waitFor(`diagnostics for ${uri} v${version}`, () => find() !== undefined);
    return find()!.diagnostics;
  }

  async message(what: string, test: (message: ShowMessageParams) => boolean): Promise<ShowMessageParams> {
    await this.waitFor(what, () => this.messages.some(test));
    return this.messages.find(test)!;
  }

  text(uri: string): string {
    const document = this.texts.get(uri);
    assert.ok(document, `${uri} is not open`);
    return document.getText();
  }

  version(uri: string): number {
    return this.texts.get(uri)?.version ?? 0;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends a change (whole text or ranged changes) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[] | string): Promise<number> {
    const events = typeof changes === 'string' ? [{ text: changes }] : changes;
    const before = this.texts.get(uri);
    assert.ok(before, `${uri} is not open`);
    const version = before.version + 1;
    // The mirror counts in UTF-16; under UTF-8 the caller sends whole texts or ASCII-only lines.
    this.texts.set(
      uri,
      TextDocument.update(TextDocument.create(uri, before.languageId, before.version, before.getText()), events, version),
    );
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: events,
    });
    return version;
  }

  /** Applies edits to the document as the editor would and sends the result; returns the new version. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    return this.change(uri, applyTextEdits(this.text(uri), edits));
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { raci: settings } });
  }

  async configFileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
    return (result ?? []) as CodeAction[];
  }

  async format(uri: string, range?: Range): Promise<TextEdit[]> {
    const options = { tabSize: 2, insertSpaces: true };
    const result = range
      ? await this.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options })
      : await this.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
    return result ?? [];
  }

  async symbols(uri: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
  }

  /** shutdown + exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/**
 * The server of one describe(): started before its tests, shut down after them, having
 * published nothing stale. What it returns stands for that session in the tests.
 */
export function serverForSuite(): Session {
  let current: Session | undefined;
  before(async () => {
    current = await start();
  });
  after(async () => {
    assert.deepEqual(current!.staleViolations, []);
    assert.equal(await current!.shutdown(), 0);
  });
  return new Proxy({} as Session, {
    get(_target, key) {
      const value: unknown = Reflect.get(current!, key, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

export async function start(options: StartOptions = {}): Promise<Session> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const session = new Session(child, connection, options);
  const dynamicRegistration = options.dynamicRegistration ?? false;
  const capabilities: ClientCapabilities = {
    general: options.positionEncodings ? { positionEncodings: options.positionEncodings } : undefined,
    workspace: {
      workspaceFolders: options.workspaceFolders !== undefined,
      configuration: options.configuration !== false,
      didChangeConfiguration: { dynamicRegistration },
      didChangeWatchedFiles: { dynamicRegistration },
    },
    textDocument: {
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    },
  };
  session.initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    locale: options.locale,
    workspaceFolders: options.workspaceFolders?.map((uri, index) => ({ uri, name: `folder${index}` })) ?? null,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return session;
}

/** Applies LSP edits to a text (UTF-16 positions), as an editor would. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('memory://x', 'markdown', 0, text), edits);
}

/** The position of the `occurrence`-th `needle` on `line` (0-based line, UTF-16 character). */
export function positionOf(text: string, line: number, needle: string, occurrence = 1): Position {
  const content = text.split(/\r?\n/)[line];
  assert.ok(content !== undefined, `no line ${line}`);
  let character = -1;
  for (let i = 0; i < occurrence; i++) {
    character = content.indexOf(needle, character + 1);
    assert.ok(character >= 0, `"${needle}" not found ${occurrence} time(s) on line ${line}: ${content}`);
  }
  return { line, character };
}

/** `codes` with their `line:start-end` ranges, in a stable order, for exact comparisons. */
export function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();
}
