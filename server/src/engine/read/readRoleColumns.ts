import { parseCellContent, type CellStyle, type ParsedCell } from '../domain/cells';
import type { RoleSet } from '../domain/legend';
import type { RawCell, RawTable } from '../parse/markdown';
import { WHO_MARKS, type Activity, type Assignment, type Matrix, type Party } from './matrix';
import { activityOf, isGroupTitle, textOf } from './readCommon';
import type { Source } from '../text/source';
import { roleOfHeader } from './unread';

/**
 * Role columns: one column per role (`| Task | Responsible | Accountable | Consulted | Informed |`,
 * or `R | A | C | I`, or `Accountable (A)`), the cells naming parties (`PM, QA lead`,
 * `Finance + Legal`). Each name becomes a party holding that column's code, with the name
 * as its cell: an empty Accountable cell is a missing A, two names in it are two A's, and
 * the hover on a name says the role. Fixes write names into the role's cell (roleFixes.ts).
 */
const ID_HEADER = /^(?:#|n[o°º]\.?|nr\.?|id|ref\.?)$/iu;
/** Between two names: `,` `;` `/` `+` `&` `<br>`, or and/et/und/y/e between blanks. */
const SEPARATOR = /[,;/+&]|<br\s*\/?>|\s(?:and|et|und|y|e)\s/giu;
const NOBODY = /^(?:-+|–|—|n\/?a|n\.a\.|∅|\/|tbd)$/iu;

/**
 * Whether a cell is role codes only (`RA`, `A D`, `R, A`): codes, not a party's name. A fix
 * that adds a code to a cell writes such a cell, and counted as a name it turned a table
 * into role columns, where the fix no longer did what it said. A party's abbreviation
 * (`PO`, `QA`, `DB`) has a letter that is no code here, and stays a name.
 */
function codesOnly(text: string, roles: RoleSet): boolean {
  if (text.length > 200) return false;
  const { kind, tokens } = parseCellContent(text);
  if (kind !== 'codes' || tokens.length < 2) return false;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].form !== 'plain' || !roles.codes.has(tokens[i].code)) return false;
  return true;
}

export function readRoleColumns(table: RawTable, source: Source, roles: RoleSet): Matrix | undefined {
  const header = table.rows[0];
  if (!header || header.cells.length < 3 || table.rows.length < 2) return undefined;
  const nameColumn = ID_HEADER.test(textOf(source, header.cells[0])) ? 1 : 0;
  const columns: { column: number; code: string }[] = [];
  for (let column = nameColumn + 1; column < header.cells.length; column++) {
    const code = roleOfHeader(textOf(source, header.cells[column]), roles);
    if (code && roles.codes.has(code) && !columns.some((c) => c.code === code)) columns.push({ column, code });
  }
  if (columns.length < 2 || !columns.some((c) => roles.accountable.includes(c.code) || roles.responsible.includes(c.code)))
    return undefined;
  const body = table.rows.slice(1);
  // Names, not codes or ticks: a table of `X` under role headers says nothing about who.
  let names = 0;
  let marks = 0;
  for (const row of body) {
    for (const { column } of columns) {
      const text = textOf(source, row.cells[column]);
      if (!text || NOBODY.test(text)) continue;
      if (WHO_MARKS.test(text) || (text.length === 1 && roles.codes.has(text)) || codesOnly(text, roles)) marks++;
      else names++;
    }
  }
  if (names === 0 || marks >= names) return undefined;

  const parties: Party[] = [];
  const byKey = new Map<string, number>();
  const activities: Activity[] = body.map((row) => {
    const nameCell = row.cells[nameColumn] ?? row.cells[0];
    const assignments: Assignment[] = [];
    const roleCells: Record<string, RawCell> = {};
    for (const { column, code } of columns) {
      const cell = row.cells[column];
      if (!cell) continue;
      roleCells[code] = cell;
      for (const span of namesIn(source, cell)) {
        const name = textOf(source, span);
        const key = name.toLowerCase().replace(/\s+/g, ' ');
        let party = byKey.get(key);
        if (party === undefined) {
          byKey.set(key, (party = parties.length));
          parties.push({ name, column, header: span });
        }
        assignments.push({ party, cell: span, parsed: holding(span, code) });
      }
    }
    const section = assignments.length === 0 && isGroupTitle(source, row, nameColumn);
    const activity = activityOf(textOf(source, nameCell), row, nameCell, assignments, section);
    activity.roleCells = roleCells;
    return activity;
  });
  const style: CellStyle = { wrapper: '', separator: ', ' };
  return {
    table,
    title: textOf(source, header.cells[nameColumn]),
    parties,
    activities,
    pieces: [activities],
    usualStyle: style,
    layout: 'role-columns',
  };
}

/** The spans of the names in a cell, each trimmed; `-`, `N/A` and blanks name nobody. */
export function namesIn(source: Source, cell: RawCell): RawCell[] {
  const content = source.slice(cell.contentStart, cell.contentEnd);
  const spans: RawCell[] = [];
  let from = 0;
  const add = (start: number, end: number) => {
    while (start < end && /\s/.test(content[start])) start++;
    while (end > start && /\s/.test(content[end - 1])) end--;
    const text = content.slice(start, end);
    if (start < end && !NOBODY.test(text) && /[\p{L}\d]/u.test(text)) {
      const at = cell.contentStart;
      spans.push({ start: at + start, end: at + end, contentStart: at + start, contentEnd: at + end });
    }
  };
  // matchAll works on a copy of the expression: the module's one keeps no position.
  for (const match of content.matchAll(SEPARATOR)) {
    add(from, match.index);
    from = match.index + match[0].length;
  }
  add(from, content.length);
  return spans;
}

/** A name's reading: it holds its column's code, the whole name being the token (what a hover shows). */
function holding(span: RawCell, code: string): ParsedCell {
  const length = span.contentEnd - span.contentStart;
  return {
    kind: 'codes',
    tokens: [{ start: 0, end: length, raw: code, code, form: 'word' }],
    style: { wrapper: '', separator: undefined },
    innerStart: 0,
    innerEnd: length,
    qualifierStart: -1,
  };
}
