/**
 * The extension's own requests, beside LSP's: method names and shapes shared by the
 * server (which answers them) and the VS Code client (which sends them). Types and
 * strings only, so either side can import this file.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Overview, OverviewFinding, OverviewMatrix } from '../engine';

/** The overview's parts, as the client's panel draws them. */
export type { OverviewFinding, OverviewMatrix };

/** `raci/overview`: the grids and totals of one open document, for the overview panel. */
export const OVERVIEW_REQUEST = 'raci/overview';
export interface OverviewParams {
  textDocument: { uri: string };
}
/** `null` when the document is not open, not Markdown, or RACI is disabled for it. */
export type OverviewResult = (Overview & { uri: string; version: number; skipped?: string }) | null;

/**
 * `raci/checkFiles`: lint files that need not be open, reading them from disk, and
 * publish their diagnostics (open documents keep their live ones). Cancellable; a
 * cancelled request answers the error `RequestCancelled`.
 */
export const CHECK_FILES_REQUEST = 'raci/checkFiles';
export interface CheckFilesParams {
  uris: string[];
}
export interface CheckFilesResult {
  /** Files read and linted (`open` not included). */
  checked: number;
  /** Of those, how many have at least one diagnostic. */
  withFindings: number;
  /** Documents that were open: they already have their live diagnostics. */
  open: number;
  /** Files that could not be read. */
  failed: number;
}

/**
 * `raci/readFile`, from the server to the client: the text of a file. The web-worker
 * server has no file system; for `raci/checkFiles` it asks the client, which reads
 * with `vscode.workspace.fs` (vscode-vfs on github.dev, and so on).
 */
export const READ_FILE_REQUEST = 'raci/readFile';
export interface ReadFileParams {
  uri: string;
}

/**
 * `raci/compare`: what changed in the responsibilities of an open document since another
 * version of it (the client reads that version: git's HEAD, or another file), in plain
 * words, each change with where it is now (for what was removed: where its matrix is).
 */
export const COMPARE_REQUEST = 'raci/compare';
export interface CompareParams {
  textDocument: { uri: string };
  /** The other version's text, and how to name it ("HEAD", a file name). */
  base: { text: string; label: string };
}
export interface ComparedChange {
  kind: string;
  text: string;
  range?: Range;
}
export interface ComparedMatrix {
  title: string;
  range?: Range;
  changes: ComparedChange[];
}
/** `null` when the document is not open, not Markdown, or RACI is disabled for it. */
export type CompareResult = { uri: string; version: number; label: string; matrices: ComparedMatrix[] } | null;

/**
 * `raci/status`, from the server to the client: what the language status item shows for a
 * Markdown document. Sent with `busy: true` when a large document's first analysis
 * starts, and with the counts each time its diagnostics are published.
 */
export const STATUS_NOTIFICATION = 'raci/status';
export interface StatusParams {
  uri: string;
  /** Analysing (a large document's first analysis): the counts are not known yet. */
  busy: boolean;
  matrices: number;
  errors: number;
  warnings: number;
  /** Why the document is not analysed (too large), if it is not. */
  skipped?: string;
}
