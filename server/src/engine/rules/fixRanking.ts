import { parseCell } from '../domain/cells';
import type { Activity, Assignment } from '../read/matrix';
import type { RawCell } from '../parse/markdown';
import { Row } from '../parse/tableRows';
import type { Fix, FindingData, RuleId, Span, TextEdit } from '../model';
import type { Source } from '../text/source';

/** What ranking needs of a finding: the row rules' raw findings have this shape. */
export interface RankedFinding extends Span {
  ruleId: RuleId;
  message: string;
  data: FindingData;
  fixes: Fix[];
}

/** The findings of one activity read from `source` (the row rules, with no ranking of their own). */
export type RowCheck = (activity: Activity, source: Source) => RankedFinding[];

/**
 * Beyond this many candidates a finding's fixes keep the order the rule gave them: each
 * candidate costs a check of the row, and a row with dozens of parties would cost dozens.
 */
export const MAX_RANKED = 8;

/** What a change of the row leaves: its findings, and those it did not have before. */
export interface Outcome {
  findings: RankedFinding[];
  /** Findings that the row did not have before the change (a second A, a duplicate code…). */
  introduced: RankedFinding[];
}

/**
 * The activity as it reads once `edits` (all inside its row) are applied: the row's text
 * alone, with the same cells moved by what the edits inserted or removed. Offsets of the
 * result are in that text, which is returned beside it.
 */
export function editedActivity(activity: Activity, source: Source, edits: TextEdit[]): { activity: Activity; source: string } | undefined {
  const { row } = activity;
  // An activity read from a column (a transposed matrix) has its cells on the lines below its header.
  let from = row.start;
  let to = row.end;
  for (const a of activity.assignments) {
    from = Math.min(from, a.cell.start);
    to = Math.max(to, a.cell.end);
  }
  if (edits.some((e) => e.start < from || e.end > to)) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let text = '';
  let at = from;
  for (const edit of sorted) {
    if (edit.start < at) return undefined;
    text += source.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  text += source.slice(at, to);
  // A cell boundary of the old row, in the new text. Each edit stays inside one cell
  // (cellEdit), so an edit moves a boundary when it starts before it; one inserting at
  // the boundary itself belongs to the cell after a start, and before an end.
  const move = (offset: number, isEnd: boolean) => {
    let moved = offset - from;
    for (const edit of sorted)
      if (edit.start < offset || (isEnd && edit.start === offset)) moved += edit.newText.length - (edit.end - edit.start);
    return moved;
  };
  const cellOf = (cell: RawCell): RawCell => {
    const start = move(cell.start, false);
    const end = move(cell.end, true);
    let contentStart = start;
    let contentEnd = end;
    while (contentStart < contentEnd && isBlank(text.charCodeAt(contentStart))) contentStart++;
    while (contentEnd > contentStart && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
    return { start, end, contentStart, contentEnd };
  };
  const cells = row.cells.map(cellOf);
  const byCell = new Map(row.cells.map((cell, index) => [cell, cells[index]]));
  const assignments: Assignment[] = activity.assignments.map((a) => {
    const cell = byCell.get(a.cell) ?? cellOf(a.cell);
    return { party: a.party, cell, parsed: parseCell(text, cell.contentStart, cell.contentEnd) };
  });
  return {
    source: text,
    activity: {
      ...activity,
      row: new Row(0, text.length, cells),
      nameCell: byCell.get(activity.nameCell) ?? cellOf(activity.nameCell),
      assignments,
    },
  };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** What the row would say after `edits`, compared with what it says now (`before`). */
export function outcomeOf(
  activity: Activity,
  source: Source,
  edits: TextEdit[],
  before: RankedFinding[],
  check: RowCheck,
): Outcome | undefined {
  const edited = editedActivity(activity, source, edits);
  if (!edited) return undefined;
  const findings = check(edited.activity, edited.source);
  const left = new Map<string, number>();
  for (const f of before) left.set(keyOf(f), (left.get(keyOf(f)) ?? 0) + 1);
  const introduced = findings.filter((f) => {
    const count = left.get(keyOf(f)) ?? 0;
    left.set(keyOf(f), count - 1);
    return count <= 0;
  });
  return { findings, introduced };
}

/** Findings of a row are told apart by rule and code: their spans move with the edit. */
function keyOf(finding: RankedFinding): string {
  return `${finding.ruleId}\u0000${finding.data.code ?? ''}`;
}

/**
 * How much of the cells' content a fix changes: characters removed plus characters
 * inserted, padding and emphasis aside (a fix rewrites the padding to keep the column
 * aligned, and an emptied cell loses its `__` with its last code).
 */
export function editSize(edits: TextEdit[], source: Source): number {
  let size = 0;
  for (const edit of edits) {
    const removed = visible(source.slice(edit.start, edit.end));
    const inserted = visible(edit.newText);
    size += removed.length + inserted.length - 2 * common(removed, inserted);
  }
  return size;
}

function visible(text: string): string {
  return text.replace(/[\s*_`~]/g, '');
}

/** Length of the longest common prefix plus suffix of two strings (what an edit keeps). */
function common(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return prefix + suffix;
}

/**
 * Orders each finding's fixes by what they leave: each candidate is applied to the row in
 * memory and the row checked again. A fix that brings a finding the row did not have (a
 * second A, a duplicate code) goes last, and is dropped when another fix brings none;
 * then fewer findings first, then the smaller edit, then the rule's own order. The first
 * fix is preferred when it brings nothing new and the rule picks a fix at all (an invalid
 * code, or a missing role with an obvious holder); choosing who alone approves is left
 * to the team.
 *
 * Only the one row is checked, once per candidate, and only for findings with a handful
 * of candidates: the cost stays proportional to the row.
 */
export function rankFixes(activity: Activity, findings: RankedFinding[], source: Source, check: RowCheck): void {
  for (const finding of findings) {
    const fixes = finding.fixes;
    if (fixes.length < 2 || fixes.length > MAX_RANKED) continue;
    const picks = finding.ruleId === 'invalid-role' || fixes.some((f) => f.preferred);
    const others = findings.filter((f) => f !== finding);
    const ranked = fixes.map((fix, index) => {
      const outcome = outcomeOf(activity, source, fix.edits, others, check);
      return {
        fix,
        index,
        introduced: outcome ? outcome.introduced.length : Number.MAX_SAFE_INTEGER,
        left: outcome ? outcome.findings.length : Number.MAX_SAFE_INTEGER,
        size: editSize(fix.edits, source),
      };
    });
    ranked.sort((a, b) => a.introduced - b.introduced || a.left - b.left || a.size - b.size || a.index - b.index);
    const clean = ranked[0].introduced === 0;
    const kept = clean ? ranked.filter((r) => r.introduced === 0) : ranked;
    finding.fixes = kept.map((r, index) => {
      const { preferred: _, ...fix } = r.fix;
      return index === 0 && clean && picks ? { ...fix, preferred: true } : fix;
    });
  }
}
