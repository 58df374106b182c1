/**
 * The engine's own vocabulary. Offsets are UTF-16 code-unit offsets into the
 * document text (what JavaScript strings and unist `offset`s use); conversion to
 * LSP line/character happens in exactly one place, `positions.ts`.
 */

import type { RuleId, Severity } from './rules/registry';
import type { Source } from './text/source';

export { RULE_IDS, type RuleId, type Severity } from './rules/registry';
export type SeveritySetting = Severity | 'off';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied unattended (`--fix`, fix-all on save). */
  safe: boolean;
  preferred?: boolean;
}

/** What a finding's quick fixes and hovers need to know about it (not sent to the editor). */
export interface FindingData {
  ruleId: RuleId;
  activity?: string;
  parties?: string[];
  code?: string;
}

export interface Finding extends Span {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  data: FindingData;
  fixes: Fix[];
  /**
   * Other places the finding concerns. `marked` ones are shown as diagnostics too (each
   * offending A of a row with two): a user looking at the code sees it there.
   */
  related?: { span: Span; message: string; marked?: boolean }[];
}

/** The minimal document the engine reads; `vscode-languageserver-textdocument` satisfies it. */
export interface RaciDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  /**
   * Where each line of getText() starts, if the document keeps that table already (an
   * open document updated by changes does): copied, not computed again from the text.
   */
  lineStarts?(): ArrayLike<number>;
  /**
   * The same text as getText(), left in the pieces the document keeps it in, if it does
   * (an open document updated by changes): the analysis reads it without joining it.
   */
  getSource?(): Source;
  /**
   * What is the same as in version `version` (the first `head` characters and the last
   * `tail`), if the document knows (an open document updated by changes keeps a short log of
   * them): the analysis then scans the text again around the change only.
   */
  changedSince?(version: number): { head: number; tail: number } | undefined;
}

/**
 * What the engine needs from the Markdown syntax tree, with absolute offsets.
 * Everything else in the tree is dropped right after parsing: the model is small
 * and positions can be shifted when a chunk moves.
 */
export interface RawCell {
  /** Between the pipes (or the row's edge). */
  start: number;
  end: number;
  /** The trimmed content inside. */
  contentStart: number;
  contentEnd: number;
}

export interface RawRow {
  start: number;
  end: number;
  cells: RawCell[];
}

export interface RawTable {
  start: number;
  end: number;
  align: ('left' | 'right' | 'center' | null)[];
  /** rows[0] is the header; the delimiter row is not a row in mdast. */
  rows: RawRow[];
  /**
   * The body rows (rows[1] on), in pieces. A table read by `parseTableChunk` comes in
   * pieces of a few dozen rows, and a piece the edit did not touch is the same
   * array from one version to the next: what is concluded about a piece is kept by its
   * identity, so an edit of one cell costs a piece, not the table. Other tables are one piece.
   */
  pieces: RawRow[][];
  /** Offset where the delimiter row starts. */
  delimiterStart: number;
}

export interface RawHeading {
  start: number;
  end: number;
  depth: number;
  text: string;
}

export interface RawComment {
  start: number;
  end: number;
  value: string;
}

export interface ParsedBlocks {
  tables: RawTable[];
  headings: RawHeading[];
  comments: RawComment[];
  /** Chunks left unparsed because a row in them is wider than MAX_COLUMNS, or (`nested`) a line nests deeper than MAX_NESTING. */
  skipped?: { start: number; end: number; nested?: boolean }[];
  frontMatter?: { start: number; end: number; value: string };
}
