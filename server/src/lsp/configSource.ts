import type { RaciConfig } from '../engine';

export const CONFIG_FILE = '.raci.json';

/**
 * Where `.raci.json` settings come from. The Node server reads files (`ConfigFiles`);
 * the web worker has no file system and goes without, so the shared server code
 * never imports `node:*`.
 */
export interface ConfigSource {
  /** The configuration that applies to a document, if any. */
  forDocument(uri: string): RaciConfig | undefined;
  /** Forgets what was read: a watched file changed or the settings did. */
  clear(): void;
}

/**
 * Called once per file content that has problems: `unreadable` when the file could not
 * be read (defaults apply), `invalid` for the parts of it that were ignored, `refused`
 * for a linked file outside the repository (not read; defaults apply).
 */
export type ConfigProblemReporter = (file: string, problems: string[], kind: 'unreadable' | 'invalid' | 'refused') => void;
