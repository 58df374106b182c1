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

export interface WorkspaceCheckOptions {
  /** Read on each use: the server makes a new one when it learns the position encoding. */
  readonly service: RaciService;
  /** Reads a file's text; left out where there is no file system. */
  readFile?(uri: string): Promise<string>;
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
  async function checkFile(uri: string, settingsFor: (uri: string) => Promise<RaciSettings>): Promise<Diagnostic[] | undefined> {
    if (options.isOpen(uri)) return undefined;
    const [text, settings] = await Promise.all([options.readFile!(uri), settingsFor(uri)]);
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
              const diagnostics = await checkFile(uri, settingsFor);
              if (!diagnostics) result.open++;
              else {
                result.checked++;
                if (diagnostics.length > 0) result.withFindings++;
              }
            } catch (error) {
              result.failed++;
              if (checked.delete(uri)) options.publish(uri, []);
              options.onError(uri, error);
            }
          }),
        );
        await breathe();
      }
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
