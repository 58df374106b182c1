import * as l10n from '@vscode/l10n';
import { alignDocuments, assignmentOf, cellValue, sameValue, type CellValue, type MatrixPair, type RowPair } from './align';
import type { DocumentModel } from '../analyze';
import { readControls } from '../domain/controls';
import { cellEdit } from '../rules/fixes';
import type { Assignment, Matrix } from '../read/matrix';
import type { RawCell } from '../parse/markdown';
import type { Range } from 'vscode-languageserver-types';
import { severityOf } from '../domain/settings';
import type { Finding, Fix, RuleId, Span } from '../model';

/**
 * A translation must say what its source says: the same matrices, the same rows, the
 * same codes in each cell. A pass of its own over two finished analyses (the source's
 * and the translation's), not part of `analyze()`: one document's analysis never
 * depends on another file. Findings go on the translation.
 */
export interface TranslationSource {
  /** Where the source is, for related information (`file:` URI, or a path in the CLI). */
  uri: string;
  /** How the findings name the source: its path or its language. */
  label: string;
  model: DocumentModel;
}

/** A place in another document, with its range already computed from that document's lines. */
export interface ElsewhereLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface TranslationFinding extends Finding {
  elsewhere: ElsewhereLocation[];
}

export const TRANSLATION_RULES: readonly RuleId[] = ['translation-drift', 'translation-missing-matrix', 'translation-missing-row'];

export function checkTranslation(source: TranslationSource, translation: DocumentModel): TranslationFinding[] {
  const active = TRANSLATION_RULES.filter((rule) => severityOf(translation.settings, rule) !== 'off');
  if (active.length === 0 || translation.skipped || source.model.skipped) return [];
  const findings: TranslationFinding[] = [];
  const controls = readControls(translation.blocks.comments, translation.lines);
  const there = (span: Span, message: string): ElsewhereLocation => ({ uri: source.uri, range: source.model.lines.range(span), message });
  const report = (
    ruleId: RuleId,
    span: Span,
    message: string,
    data: Finding['data'],
    elsewhere: ElsewhereLocation[],
    fixes: Fix[] = [],
  ) => {
    const severity = severityOf(translation.settings, ruleId);
    if (severity === 'off' || controls.isDisabled(ruleId, span.start)) return;
    findings.push({ ruleId, severity, start: span.start, end: span.end, message, data, fixes, elsewhere });
  };

  const pairs = alignDocuments(source.model, translation, 'translation');
  pairs.forEach((pair, index) => {
    if (pair.base && !pair.head) {
      const title = pair.base.heading?.text ?? pair.base.title;
      report(
        'translation-missing-matrix',
        nearestMatrix(pairs, index) ?? { start: 0, end: 0 },
        l10n.t('The source ({0}) has a matrix "{1}" that this translation lacks.', source.label, title),
        { ruleId: 'translation-missing-matrix' },
        [there(headerSpan(pair.base), l10n.t('The matrix in the source'))],
      );
      return;
    }
    if (pair.head && !pair.base) {
      report(
        'translation-missing-matrix',
        headerSpan(pair.head),
        l10n.t('This matrix has no counterpart in the source ({0}).', source.label),
        { ruleId: 'translation-missing-matrix' },
        [],
      );
      return;
    }
    checkRows(pair, source, translation, report, there);
  });
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

type Report = (ruleId: RuleId, span: Span, message: string, data: Finding['data'], elsewhere: ElsewhereLocation[], fixes?: Fix[]) => void;

function checkRows(
  pair: MatrixPair,
  source: TranslationSource,
  translation: DocumentModel,
  report: Report,
  there: (span: Span, message: string) => ElsewhereLocation,
): void {
  const matrix = pair.head!;
  pair.rows.forEach((row, index) => {
    if (row.base && !row.head) {
      report(
        'translation-missing-row',
        nearestRow(pair.rows, index) ?? headerSpan(matrix),
        l10n.t('The source ({0}) has a row "{1}" here that this translation lacks.', source.label, row.base.name),
        { ruleId: 'translation-missing-row', activity: row.base.name },
        [there(contentSpan(row.base.nameCell), l10n.t('The row in the source'))],
      );
      return;
    }
    if (row.head && !row.base) {
      report(
        'translation-missing-row',
        contentSpan(row.head.nameCell),
        l10n.t('Row "{0}" has no counterpart in the source ({1}).', row.head.name, source.label),
        { ruleId: 'translation-missing-row', activity: row.head.name },
        [],
      );
      return;
    }
    for (const party of pair.parties) {
      if (!party.base || !party.head) continue;
      const sourceAssignment = assignmentOf(row.base!, party.baseIndex);
      const ownAssignment = assignmentOf(row.head!, party.headIndex);
      const expected = cellValue(source.model, sourceAssignment);
      const actual = cellValue(translation, ownAssignment);
      if (sameValue(expected, actual)) continue;
      const cell = ownAssignment?.cell ?? row.head!.nameCell;
      const expectedText = show(expected);
      const fix = driftFix(translation, matrix, ownAssignment, expected);
      report(
        'translation-drift',
        ownAssignment ? cellSpan(ownAssignment.cell) : contentSpan(cell),
        l10n.t(
          'The source ({0}) says {1} for {2} on "{3}"; this translation says {4}.',
          source.label,
          expectedText,
          party.head.name,
          row.head!.name,
          show(actual),
        ),
        { ruleId: 'translation-drift', activity: row.head!.name, parties: [party.head.name], code: expected.codes.join('') },
        [
          there(
            sourceAssignment ? cellSpan(sourceAssignment.cell) : contentSpan(row.base!.nameCell),
            l10n.t('The cell in the source: {0}', expectedText),
          ),
        ],
        fix ? [fix] : [],
      );
    }
  });
}

/** Rewrites the cell with the source's codes, in the cell's own style (or the table's). */
function driftFix(translation: DocumentModel, matrix: Matrix, assignment: Assignment | undefined, expected: CellValue): Fix | undefined {
  // In a role-column table a cell names several parties: rewriting it is no one party's fix.
  if (!assignment || expected.text !== undefined || matrix.layout === 'role-columns') return undefined;
  const style = assignment.parsed.kind === 'codes' ? assignment.parsed.style : matrix.usualStyle;
  const codes = expected.codes.join(style.separator ?? matrix.usualStyle.separator ?? '');
  const content = codes === '' ? '' : `${style.wrapper}${codes}${style.wrapper}`;
  const title = l10n.t("Use the source's codes ({0})", show(expected));
  return { title, edits: [cellEdit(translation.text, assignment.cell, content)], safe: false, preferred: true };
}

function show(value: CellValue): string {
  if (value.text !== undefined) return `“${value.text}”`;
  return value.codes.length > 0 ? value.codes.join('') : l10n.t('nothing');
}

/** Where a missing matrix would be: the next translated matrix, else the one before. */
function nearestMatrix(pairs: MatrixPair[], index: number): Span | undefined {
  for (let i = index + 1; i < pairs.length; i++) if (pairs[i].head) return headerSpan(pairs[i].head!);
  for (let i = index - 1; i >= 0; i--) if (pairs[i].head) return headerSpan(pairs[i].head!);
  return undefined;
}

/** Where a missing row would be: the next row of the translation, else the one before. */
function nearestRow(rows: RowPair[], index: number): Span | undefined {
  for (let i = index + 1; i < rows.length; i++) if (rows[i].head) return contentSpan(rows[i].head!.nameCell);
  for (let i = index - 1; i >= 0; i--) if (rows[i].head) return contentSpan(rows[i].head!.nameCell);
  return undefined;
}

function headerSpan(matrix: Matrix): Span {
  const cell = matrix.table.rows[0].cells[0];
  return { start: cell.contentStart, end: cell.contentEnd };
}

function contentSpan(cell: RawCell): Span {
  return { start: cell.contentStart, end: cell.contentEnd };
}

/** The cell's content, or the whole cell when it is empty (a squiggle needs a width). */
function cellSpan(cell: RawCell): Span {
  return cell.contentEnd > cell.contentStart ? contentSpan(cell) : { start: cell.start, end: cell.end };
}
