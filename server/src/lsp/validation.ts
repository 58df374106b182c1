import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RaciSettings } from '../engine';

export interface ValidatorOptions {
  documents: TextDocuments<TextDocument>;
  settingsFor(document: TextDocument): Promise<RaciSettings>;
  diagnose(document: TextDocument, settings: RaciSettings): Diagnostic[];
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  onError(uri: string, error: unknown): void;
  /** Changes within this many milliseconds are coalesced into one run. */
  delay: number;
}

/**
 * Push diagnostics, never stale: each document has at most one pending run, each
 * run has an id, and a run publishes only if it is still the newest one for its
 * document and the document still has the version it started from.
 */
export function createValidator(options: ValidatorOptions) {
  const timers = new Map<string, NodeJS.Timeout>();
  const latest = new Map<string, number>();
  let counter = 0;

  async function run(uri: string, id: number): Promise<void> {
    const current = () => latest.get(uri) === id;
    const document = options.documents.get(uri);
    if (!document || !current()) return;
    const version = document.version;
    try {
      const settings = await options.settingsFor(document);
      if (!current() || document.version !== version) return;
      options.publish(uri, version, options.diagnose(document, settings));
    } catch (error) {
      options.onError(uri, error);
    }
  }

  return {
    schedule(uri: string): void {
      clearTimeout(timers.get(uri));
      const id = ++counter;
      latest.set(uri, id);
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          void run(uri, id);
        }, options.delay),
      );
    },
    /** A closed document: no pending or running validation may publish for it. */
    cancel(uri: string): void {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      latest.delete(uri);
    },
  };
}
