import * as l10n from '@vscode/l10n';
import { codeOfWord } from '../domain/cellWords';
import type { RoleSet } from '../domain/legend';
import type { RawHeading, RawTable } from '../parse/markdown';
import { parsedOf, textOf } from './readCommon';
import type { RawFinding } from '../rules/rule';
import type { Source } from '../text/source';

/**
 * A table that looks like a responsibility matrix but that no reader accepted: silence
 * would read as "all clear", so it gets one finding on its header saying why. It looks
 * like one when its columns are roles, when its heading says RACI, or when most of its
 * cells are letters; a plan, a people table or a glossary has none of these.
 */
const RACI_HEADING =
  /(?:^|[^\p{L}])(?:raci|rasci|rasic|daci|cairo|rapid|pacsi|raciq|raci-vs)(?:[^\p{L}]|$)|responsibility (?:assignment )?matrix|matrice (?:des )?responsabilit|verantwortlichkeitsmatrix|zust[äa]ndigkeitsmatrix|matriz de responsabilidad|matrice di responsabilit/iu;

/** Body rows looked at: enough to tell, and a long data table costs no more than a short one. */
const SAMPLE_ROWS = 30;

/** `heading` is the heading the table is the first table under, if it is. */
export function unreadFinding(table: RawTable, source: Source, roles: RoleSet, heading?: RawHeading): RawFinding | undefined {
  const header = table.rows[0];
  if (!header || header.cells.length < 2 || table.rows.length < 2) return undefined;
  const reason = unreadReason(table, source, roles, heading);
  if (!reason) return undefined;
  return {
    ruleId: 'unread-matrix',
    start: header.start,
    end: header.end,
    message: l10n.t('This table looks like a responsibility matrix but is not read: {0}', reason),
    data: { ruleId: 'unread-matrix' },
    fixes: [],
  };
}

function unreadReason(table: RawTable, source: Source, roles: RoleSet, heading?: RawHeading): string | undefined {
  const header = table.rows[0];
  const roleColumns = header.cells
    .slice(1)
    .map((cell) => textOf(source, cell))
    .filter((text) => roleOfHeader(text, roles) !== undefined);
  const codes = new Set(roleColumns.map((text) => roleOfHeader(text, roles)));
  if (roleColumns.length >= 2 && codes.size >= 2) {
    return l10n.t(
      'its columns are roles ({0}) but its cells name no party (ticks or nothing): write who holds each role.',
      roleColumns.join(', '),
    );
  }
  let letters = 0;
  let invalid = 0;
  let filled = 0;
  const unknown = new Set<string>();
  // Letters of a matrix vary from cell to cell and some are codes here (`DRI`, `C`, `I`); a
  // status column (`PASS`, `OK`) repeats one word.
  const contents = new Set<string>();
  for (const row of table.rows.slice(1, SAMPLE_ROWS + 1)) {
    for (const cell of row.cells.slice(1)) {
      const parsed = parsedOf(source, cell);
      if (parsed.kind === 'codes') {
        letters++;
        const bad = parsed.tokens.filter((t) => !roles.codes.has(t.code));
        if (bad.length > 0) invalid++;
        for (const token of bad) unknown.add(token.raw);
        contents.add(parsed.tokens.map((t) => t.code).join(''));
      }
      if (parsed.kind === 'codes' || parsed.kind === 'text') filled++;
    }
  }
  if (letters >= 2 && letters * 2 >= filled && invalid * 2 > letters && invalid < letters && contents.size >= 2) {
    return l10n.t(
      'most of its cells are letters that are not role codes here ({0}; valid: {1}). Add a legend line such as "{2} = …" or set `scheme` in front matter.',
      [...unknown].slice(0, 6).join(', '),
      roles.order.join(', '),
      [...unknown][0] ?? '?',
    );
  }
  if (heading && RACI_HEADING.test(heading.text)) {
    return l10n.t(
      'it stands under the heading "{0}", but its cells are not role codes ({1}) and its first column does not name activities or parties.',
      heading.text,
      roles.order.join(', '),
    );
  }
  return undefined;
}

/** A header that is a code, alone or named (`A`, `(A)`, `A — Approver`), or a name with its code (`Accountable (A)`). */
const CODE_HEADER = /^\(?([A-Z])\)?(?:\s*[-–—:=]\s*\p{L}.*)?$/u;
const NAMED_CODE_HEADER = /^\p{L}[\p{L} ]*\(([A-Z])\)$/u;

/** The code a header names as a role: `Accountable`, `A`, `Accountable (A)`, `A — Approver`. */
export function roleOfHeader(text: string, roles: RoleSet): string | undefined {
  // Neither expression can match a name such as `Provider` (a letter, then a letter or a
  // digit; no closing parenthesis): most headers are tried without them.
  const afterLetter = text.charCodeAt(text.charCodeAt(0) === 40 ? 2 : 1);
  const letter =
    (isAsciiLetterOrDigit(afterLetter) ? null : CODE_HEADER.exec(text)) ?? (text.endsWith(')') ? NAMED_CODE_HEADER.exec(text) : null);
  if (letter && roles.codes.has(letter[1])) return letter[1];
  const word = codeOfWord(text.trim().split(/\s+/)[0] ?? '');
  return word === '?' ? 'R' : word;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
