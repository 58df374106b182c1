/**
 * The language server: thin glue between LSP and the engine, shared by the Node
 * entry (`server.ts`: stdio, IPC, pipes) and the web-worker entry (`browserServer.ts`:
 * vscode.dev, github.dev). Each handler finds the document, answers empty if it is not
 * open, asks the engine, and returns; an engine error is logged and answered empty,
 * never fatal. Nothing here may import `node:*` or `vscode-languageserver/node`:
 * what differs between Node and the browser comes in through `ServerHost`.
 */
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createRaciService,
  DEFAULT_SETTINGS,
  FIX_ALL_KIND,
  getOverview,
  mergeConfig,
  type PositionEncoding,
  type RaciService,
  type RaciSettings,
} from '../engine';
import { CONFIG_FILE, type ConfigProblemReporter, type ConfigSource } from './configSource';
import { compactDocuments, createDocuments } from './documents';
import { useLocale } from './l10nBundles';
import { settingsFromClient } from '../shared/settings';
import { createValidator } from './validation';
import {
  CHECK_FILES_REQUEST,
  COMPARE_REQUEST,
  OVERVIEW_REQUEST,
  STATUS_NOTIFICATION,
  type CheckFilesParams,
  type CompareParams,
  type CompareResult,
  type OverviewParams,
  type OverviewResult,
  type StatusParams,
} from '../shared/protocol';
import { compareWith } from './compare';
import { createTranslations } from './translations';
import { createWorkspaceCheck, type ReadFile } from './workspaceCheck';

/** Above this size, opening a document leaves garbage worth a collection of its own. */
const LARGE_DOCUMENT = 256 * 1024;

/** Below this size a first analysis takes a few milliseconds: a request may as well wait for it. */
const COLD_LIMIT = 64 * 1024;

/** What the platform provides. */
export interface ServerHost {
  /**
   * Reads `.raci.json` files for documents. Left out where there is no file system
   * (the web worker): settings and front matter still apply there. `folders` are the
   * workspace folders' URIs (a linked `.raci.json` must not lead out of them).
   */
  createConfigSource?(report: ConfigProblemReporter, folders: () => string[]): ConfigSource;
  /** Reads a file that is not open, for `raci/checkFiles`; left out where there is no file system. */
  readFile?: ReadFile;
  /**
   * Garbage collection, full or of the young generation, if the heap holds enough garbage
   * to be worth it (Node: see ../heap.ts). Called when no analysis is waiting or under way,
   * and at the end of opening a large document.
   */
  collectGarbage?(): void;
}

/** What a running server keeps per document: tests check that a closed document leaves nothing. */
export interface ServerState {
  /** URIs with an analysis model (or its cache) and URIs with cached settings. */
  retained(): { models: string[]; settings: string[] };
}

/** Wires every handler to `connection` and starts listening. */
export function startServer(connection: Connection, host: ServerHost = {}): ServerState {
  let encoding: PositionEncoding = 'utf-16';
  let service: RaciService = createRaciService();
  let locale = 'en';
  let capabilities: ClientCapabilities = {};
  /** The VS Code client watches `.raci.json` itself (`synchronize.fileEvents`) and says so. */
  let clientWatchesConfigFiles = false;
  /** Settings sent with `didChangeConfiguration`, for clients that cannot be asked. */
  let pushedSettings: unknown;
  /** Where translations look for their sources: the workspace folders, each ending with '/'. */
  let folders: string[] = [];

  const documents = createDocuments(() => encoding);
  const settingsCache = new Map<string, Promise<RaciSettings>>();
  /** The language status of each open document, sent with its diagnostics (../shared/protocol.ts). */
  const statuses = new Map<string, StatusParams>();
  function sendStatus(status: StatusParams): void {
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  const skipNoticeShown = new Set<string>();
  /** A notification (`window/showMessage`), not a request: nothing waits for the user. */
  function showMessage(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  const configFiles = host.createConfigSource?.(
    (file, problems, kind) => {
      const message =
        kind === 'refused'
          ? l10n.t('RACI Markdown: {0} is a link to a file outside the workspace; it is not read.', file)
          : l10n.t('RACI Markdown: {0} is not valid ({1}); its settings are ignored.', file, problems.join('; '));
      connection.console.warn(message);
      showMessage(MessageType.Warning, message);
    },
    () => folders,
  );

  connection.onInitialize((params) => {
    locale = params.locale ?? 'en';
    useLocale(locale);
    capabilities = params.capabilities;
    const roots = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = roots.map(withSlash);
    if (capabilities.general?.positionEncodings?.includes('utf-8')) encoding = 'utf-8';
    service = createRaciService({ encoding });
    clientWatchesConfigFiles = (params.initializationOptions as { watchesConfigFiles?: boolean } | undefined)?.watchesConfigFiles === true;
    return {
      capabilities: {
        positionEncoding: encoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: {},
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'raci-markdown' },
    };
  });

  connection.onInitialized(async () => {
    const workspace = capabilities.workspace;
    if (workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((folder) => withSlash(folder.uri)));
        folders = [...folders.filter((uri) => !gone.has(uri)), ...added.map((folder) => withSlash(folder.uri))];
        settingsChanged();
      });
    }
    try {
      if (workspace?.configuration && workspace.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'raci' });
      }
      if (configFiles && workspace?.didChangeWatchedFiles?.dynamicRegistration && !clientWatchesConfigFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }] });
      }
    } catch (error) {
      connection.console.error(l10n.t('Registration failed: {0}', describe(error)));
    }
  });

  // Settings: pulled per document, cached until the client says they changed.

  function settingsFor(document: TextDocument): Promise<RaciSettings> {
    let settings = settingsCache.get(document.uri);
    if (!settings) {
      settings = pullSettings(document.uri);
      // Cached for open documents only: closing one clears its entry, and an entry made
      // for a document no longer open would never be cleared.
      if (isOpen(document)) settingsCache.set(document.uri, settings);
    }
    return settings;
  }

  /** Whether this very document is (still) open: after an await, it may have been closed, or closed and reopened. */
  function isOpen(document: TextDocument): boolean {
    return documents.get(document.uri) === document;
  }

  async function pullSettings(uri: string): Promise<RaciSettings> {
    let fromClient = pushedSettings;
    if (capabilities.workspace?.configuration) {
      try {
        fromClient = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'raci' });
      } catch (error) {
        connection.console.error(l10n.t('Reading the settings of {0} failed: {1}', uri, describe(error)));
      }
    }
    return mergeConfig(settingsFromClient(fromClient, locale), configFiles?.forDocument(uri));
  }

  function settingsChanged(): void {
    settingsCache.clear();
    translations.clear();
    configFiles?.clear();
    for (const document of documents.all()) validator.schedule(document.uri);
  }

  connection.onDidChangeConfiguration((params) => {
    if (!capabilities.workspace?.configuration) pushedSettings = (params.settings as { raci?: unknown } | null)?.raci;
    settingsChanged();
  });
  connection.onDidChangeWatchedFiles(settingsChanged);

  // Diagnostics: pushed for every open Markdown document, tagged with its version.

  const translations = createTranslations({
    service: () => service,
    folders: () => folders,
    openDocument: (uri) => documents.get(uri),
    settingsFor: pullSettings,
    // A source is read as raci/checkFiles reads: a Markdown file of the workspace, of a bounded size.
    readFile: host.readFile && ((uri: string) => host.readFile!(uri, { maxBytes: 3 * DEFAULT_SETTINGS.maxDocumentSize + 3, folders })),
  });

  const validator = createValidator({
    documents,
    // A translation's source is found (and read, if it is not open) before the analysis' steps.
    async settingsFor(document) {
      const settings = await settingsFor(document);
      if (settings.enable && isMarkdown(document) && isOpen(document))
        await translations.prepare(document, settings, () => isOpen(document));
      return settings;
    },
    *diagnose(document, settings): Generator<void, Diagnostic[]> {
      if (!settings.enable || !isMarkdown(document)) return [];
      const first = !service.hasModel(document.uri);
      if (first && document.getText().length > COLD_LIMIT)
        sendStatus({ uri: document.uri, busy: true, matrices: 0, errors: 0, warnings: 0 });
      const model = yield* service.modelSteps(document, settings);
      // Opening a large document leaves the most garbage of anything the server does:
      // collecting it now, before its diagnostics go out, keeps that pause off the first
      // keystrokes typed as they appear.
      if (first && !model.skipped && model.text.length > LARGE_DOCUMENT) {
        yield;
        host.collectGarbage?.();
      }
      const counts = { uri: document.uri, busy: false, matrices: model.matrices.length, errors: 0, warnings: 0, skipped: model.skipped };
      for (const finding of model.findings) {
        if (finding.severity === 'error') counts.errors++;
        else if (finding.severity === 'warning') counts.warnings++;
      }
      statuses.set(document.uri, counts);
      if (model.skipped) {
        if (!skipNoticeShown.has(document.uri)) {
          skipNoticeShown.add(document.uri);
          showMessage(MessageType.Info, model.skipped);
        }
        return [];
      }
      return [...service.getDiagnostics(document, settings), ...translations.diagnostics(document, model)];
    },
    publish: (uri, version, diagnostics) => {
      const sent = connection.sendDiagnostics({ uri, version, diagnostics });
      const status = statuses.get(uri);
      if (status) sendStatus(status);
      return sent;
    },
    onError: (uri, error) => connection.console.error(l10n.t('Checking {0} failed: {1}', uri, describe(error))),
    // Housekeeping while nothing waits: documents' pieces joined, then garbage collected.
    idle: () => {
      compactDocuments(documents);
      host.collectGarbage?.();
    },
  });

  /** Translations follow their source: as it is typed, and when it opens or closes. */
  const scheduleTranslationsOf = (uri: string, moved: boolean) => {
    for (const translation of translations.dependents(uri, moved)) if (documents.get(translation)) validator.schedule(translation);
  };
  documents.onDidOpen(({ document }) => {
    validator.schedule(document.uri);
    scheduleTranslationsOf(document.uri, true);
  });
  documents.onDidChangeContent(({ document }) => {
    validator.schedule(document.uri);
    scheduleTranslationsOf(document.uri, false);
  });
  documents.onDidClose(({ document }) => {
    validator.cancel(document.uri);
    translations.forget(document.uri);
    scheduleTranslationsOf(document.uri, true);
    statuses.delete(document.uri);
    service.forget(document.uri);
    settingsCache.delete(document.uri);
    skipNoticeShown.delete(document.uri);
    // A file checked with raci/checkFiles keeps its diagnostics (re-read from disk).
    if (!workspaceCheck.closed(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  // Requests.

  /**
   * Wraps a request handler: a document that is not open, a disabled or non-Markdown
   * one, a position past its end or an engine error all give `empty`.
   */
  function handle<P extends { textDocument: { uri: string }; position?: Position }, R>(
    name: string,
    empty: R,
    answer: (document: TextDocument, settings: RaciSettings, params: P) => R,
  ) {
    return async (params: P): Promise<R> => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !isMarkdown(document)) return empty;
      // While a large document is first analysed (in slices), answer now rather than wait for
      // it; before its line count is asked, which makes its line table (3 to 19 ms for a
      // megabyte in a fresh server: a hover sent with the document waited for it).
      if (!service.hasModel(document.uri) && validator.pending(document.uri) && document.getText().length > COLD_LIMIT) return empty;
      if (params.position && (params.position.line < 0 || params.position.line >= document.lineCount)) return empty;
      try {
        const settings = await settingsFor(document);
        // Closed while its settings were pulled: answering would analyse it again and keep
        // a model that no close will ever forget.
        if (!settings.enable || !isOpen(document)) return empty;
        return answer(document, settings, params);
      } catch (error) {
        connection.console.error(l10n.t('{0} failed for {1}: {2}', name, params.textDocument.uri, describe(error)));
        return empty;
      }
    };
  }

  connection.onHover(handle('hover', null, (document, settings, { position }) => service.getHover(document, settings, position)));
  connection.onCompletion(
    handle('completion', [], (document, settings, { position }) => service.getCompletions(document, settings, position)),
  );
  connection.onCodeAction(
    handle('codeAction', [], (document, settings, { range, context }) => {
      const actions = service.getCodeActions(document, settings, range, context.only);
      if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return actions;
      return [...actions, ...translations.codeActions(document, range)];
    }),
  );
  connection.onDocumentFormatting(handle('formatting', [], (document, settings) => service.format(document, settings)));
  connection.onDocumentRangeFormatting(
    handle('rangeFormatting', [], (document, settings, { range }) => service.format(document, settings, range)),
  );
  connection.onDocumentSymbol(handle('documentSymbol', [], (document, settings) => service.getSymbols(document, settings)));

  // The extension's own requests (./protocol.ts): the overview panel and "Check All Documents".

  connection.onRequest(
    OVERVIEW_REQUEST,
    handle<OverviewParams, OverviewResult>('overview', null, (document, settings) => {
      const model = service.getModel(document, settings);
      return { uri: document.uri, version: document.version, skipped: model.skipped, ...getOverview(model) };
    }),
  );

  connection.onRequest(
    COMPARE_REQUEST,
    handle<CompareParams, CompareResult>('compare', null, (document, settings, { base }) => {
      if (typeof base?.text !== 'string') return null;
      const model = service.getModel(document, settings);
      return {
        uri: document.uri,
        version: document.version,
        label: String(base.label ?? ''),
        matrices: compareWith(model, base.text, settings),
      };
    }),
  );

  const workspaceCheck = createWorkspaceCheck({
    get service() {
      return service;
    },
    readFile: host.readFile,
    folders: () => folders,
    isOpen: (uri) => documents.get(uri) !== undefined,
    settingsFor: pullSettings,
    translationDiagnostics: (uri, text, settings) => translations.forFile(uri, text, settings),
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    onError: (uri, error) => connection.console.error(l10n.t('Checking {0} failed: {1}', uri, describe(error))),
  });
  connection.onRequest(CHECK_FILES_REQUEST, (params: CheckFilesParams, token) => workspaceCheck.check(params.uris ?? [], token));

  documents.listen(connection);
  connection.listen();
  return {
    retained: () => ({
      models: [...new Set([...service.retainedUris(), ...translations.retained()])],
      settings: [...settingsCache.keys()],
    }),
  };
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function isMarkdown(document: TextDocument): boolean {
  return document.languageId === 'markdown';
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
