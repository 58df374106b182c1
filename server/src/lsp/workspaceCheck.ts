/**
 * `raci/checkFiles`: lints files that are not open, so the Problems panel can show a
 * whole workspace. Files are read through the host (Node: the file system), in small
 * batches with a turn of the event loop between them, so that the server keeps
 * answering (and hears `$/cancelRequest`) during a long check.
 *
 * A file's diagnostics from disk are replaced by the live ones when it is opened (the
 * normal validation publishes on open). When a checked file is closed, `closed()`
 * lints it from disk again instead of clearing its diagnostics.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Diagnostic } from 'vscode-languageserver';
import type { RaciService, RaciSettings } from '../engine';
import type { CheckFilesResult } from '../shared/protocol';

/**
 * Reads a file's text for `raci/checkFiles`. `maxBytes` bounds what is read; `folders`
 * (URIs) are the workspace folders, which a host that follows links checks again on the
 * file the link leads to.
 */
export type ReadFile = (uri: string, limits: { maxBytes: number; folders: string[] }) => Promise<string>;

export interface WorkspaceCheckOptions {
  /** Read on each use: the server makes a new one when it learns the position encoding. */
  readonly service: RaciService;
  /** Reads a file's text; left out where there is no file system. */
  readFile?: ReadFile;
  /** The workspace folders' URIs: only Markdown files inside them are read. */
  folders(): string[];
  isOpen(uri: string): boolean;
  settingsFor(uri: string): Promise<RaciSettings>;
  /** The findings of a file as a translation of another (its source read from the editor or disk). */
  translationDiagnostics?(uri: string, text: string, settings: RaciSettings): Promise<Diagnostic[]>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  onError(uri: string, error: unknown): void;
  /** Files read in parallel before the server takes a breath (default 16). */
  batchSize?: number;
}

export function createWorkspaceCheck(options: WorkspaceCheckOptions) {
  /** Files this server has published disk diagnostics for, so that closing them keeps them. */
  const checked = new Set<string>();

  function diagnose(uri: string, text: string, settings: RaciSettings): Diagnostic[] {
    if (!settings.enable) return [];
    const service = options.service;
    const document = { uri, version: 0, getText: () => text };
    try {
      if (service.getModel(document, settings).skipped) return [];
      return service.getDiagnostics(document, settings);
    } finally {
      service.forget(uri);
    }
  }

  /** Lints one closed file from disk and publishes; `undefined` when it is open (or opened meanwhile). */
  async function checkFile(
    uri: string,
    settingsFor: (uri: string) => Promise<RaciSettings>,
    token?: CancellationToken,
  ): Promise<Diagnostic[] | undefined> {
    if (options.isOpen(uri)) return undefined;
    // Asked by a client, which may be tricked into asking for any URI: nothing that is not
    // a Markdown file of the workspace is read (its cells would come back as diagnostics).
    const folders = options.folders();
    if (!isMarkdownUri(uri)) throw new Error('not a Markdown file (.md, .markdown); not read');
    if (!folders.some((folder) => isInsideFolder(uri, folder))) throw new Error('not inside a workspace folder; not read');
    const settings = await settingsFor(uri);
    if (token?.isCancellationRequested) throw cancelled();
    // Three UTF-8 bytes at most per UTF-16 code unit, and a BOM: a larger file is over the limit.
    const text = await options.readFile!(uri, { maxBytes: 3 * settings.maxDocumentSize + 3, folders });
    // The document may have been opened while the file was read: then its live diagnostics win.
    if (options.isOpen(uri)) return undefined;
    const diagnostics = diagnose(uri, text, settings);
    if (settings.enable && options.translationDiagnostics) {
      diagnostics.push(...(await options.translationDiagnostics(uri, text, settings)));
      if (options.isOpen(uri)) return undefined;
    }
    checked.add(uri);
    options.publish(uri, diagnostics);
    return diagnostics;
  }

  return {
    async check(uris: string[], token: CancellationToken): Promise<CheckFilesResult> {
      if (!options.readFile) throw new ResponseError(ErrorCodes.MethodNotFound, 'raci/checkFiles needs a file system');
      const result: CheckFilesResult = { checked: 0, withFindings: 0, open: 0, failed: 0 };
      // Settings can differ per workspace folder and per .raci.json, never within one directory.
      const byDirectory = new Map<string, Promise<RaciSettings>>();
      const settingsFor = (uri: string) => {
        const directory = uri.slice(0, uri.lastIndexOf('/'));
        let settings = byDirectory.get(directory);
        if (!settings) byDirectory.set(directory, (settings = options.settingsFor(uri)));
        return settings;
      };
      const size = Math.max(1, options.batchSize ?? 16);
      for (let index = 0; index < uris.length; index += size) {
        if (token.isCancellationRequested) throw cancelled();
        await Promise.all(
          uris.slice(index, index + size).map(async (uri) => {
            try {
              const diagnostics = await checkFile(uri, settingsFor, token);
              if (!diagnostics) result.open++;
              else {
                result.checked++;
                if (diagnostics.length > 0) result.withFindings++;
              }
            } catch (error) {
              if (token.isCancellationRequested) return;
              result.failed++;
              if (checked.delete(uri)) options.publish(uri, []);
              options.onError(uri, error);
            }
          }),
        );
        await breathe();
      }
      if (token.isCancellationRequested) throw cancelled();
      return result;
    },

    /** Call when a document closes: true when its diagnostics are taken care of (re-read from disk). */
    closed(uri: string): boolean {
      if (!checked.has(uri) || !options.readFile) return false;
      checkFile(uri, options.settingsFor).catch((error) => {
        checked.delete(uri);
        options.publish(uri, []);
        options.onError(uri, error);
      });
      return true;
    },
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'raci/checkFiles was cancelled');
}

/** Lets queued messages (a cancellation, a hover) through before the next batch. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether a URI names a Markdown file (`.md`, `.markdown`), by its decoded path. */
function isMarkdownUri(uri: string): boolean {
  const url = parse(uri);
  return url !== undefined && /\.(md|markdown)$/i.test(url.pathname);
}

/** Whether `uri` lies inside the folder `folder`, once both are normalised (`..`, `%2e%2e`, queries, fragments). */
export function isInsideFolder(uri: string, folder: string): boolean {
  const file = parse(uri);
  const root = parse(folder);
  if (!file || !root || file.protocol !== root.protocol || file.host !== root.host) return false;
  const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  return file.pathname.startsWith(prefix) && file.pathname.length > prefix.length;
}

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}
