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

/** What a finding's quick fixes and hovers need to know about it; sent as `Diagnostic.data`. */
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
  related?: { span: Span; message: string }[];
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
}
