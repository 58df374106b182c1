import { cellText } from './cells';
import type { RawRow, RawTable } from '../parse/markdown';
import { langOf, type RoleKind, type Scheme } from './schemes';
import type { Source } from '../text/source';

export interface LegendEntry {
  code: string;
  name: string;
  description: string;
  kind: RoleKind;
}

/** The codes valid in a document, with what each means there. */
export interface RoleSet {
  codes: Map<string, { kind: RoleKind; name: string; meaning: string; fromLegend: boolean; undefinedHere?: boolean }>;
  /** The scheme the codes were read with, when it was inferred from a matrix's letters (no legend, no configured scheme). */
  inferred?: string;
  /** Codes in their usual writing order (R before A before C…), for inserting a code. */
  order: string[];
  accountable: string[];
  responsible: string[];
}

const LEGEND_HEADER =
  /^(?:r[ôo]les?|rollen?|rol(?:es)?|ruol[oi]|pap[eé]is|papel|codes?|l[ée]gende?|legend|key|lettre|letter|buchstabe|k[üu]rzel|sigla|sigle|abk[üu]rzung|abr[ée]viation)$/i;
const ENTRY_PATTERNS = [/^\(\s*([A-Za-z])\s*\)\s*[-–—:=]?\s*(.*)$/, /^([A-Z])\s*[-–—:=]\s*(.+)$/, /^([A-Z])$/];

const ACCOUNTABLE_WORDS =
  /approu|approb|autorit|accountable|approv|genehmig|rechenschaft|aprob|aprov|eindverantwoordelijk|supervis|garant|decide|entscheid/;
const RESPONSIBLE_WORDS =
  /r[ée]alis|acteur|responsib|does the work|execut|ex[ée]cut|durchf[üu]hr|verantwortlich|esegu|responsabile|realiza|driver|pilote|impulsor|treiber|promotore|perform|uitvoer|verantwoordelijk/;

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const MAX_LEGEND_ROWS = 40;

export function isLegendTable(table: RawTable, source: Source): boolean {
  const header = table.rows[0];
  if (!header || header.cells.length < 2) return false;
  const first = cellText(source.slice(header.cells[0].contentStart, header.cells[0].contentEnd));
  if (LEGEND_HEADER.test(first)) return readEntries(table, source).length > 0;
  const rows = table.rows.length - 1;
  // A legend names a handful of codes; a long table is a matrix or data, never a legend.
  if (rows === 0 || rows > MAX_LEGEND_ROWS) return false;
  const needed = Math.max(2, Math.ceil(rows * 0.6));
  // Rows are read until enough are entries, or too many are not: most tables are no legend.
  let entries = 0;
  for (let r = 1; r <= rows; r++) {
    if (entryOf(table.rows[r], source)) entries++;
    if (entries >= needed) return true;
    if (r - entries > rows - needed) return false;
  }
  return false;
}

export function readEntries(table: RawTable, source: Source): LegendEntry[] {
  const entries: LegendEntry[] = [];
  for (const row of table.rows.slice(1)) {
    const entry = entryOf(row, source);
    if (entry) entries.push(entry);
  }
  classify(entries);
  return entries;
}

/** The legend entry a row of a table states, if it states one. */
function entryOf(row: RawRow, source: Source): LegendEntry | undefined {
  // The other cells are read only for a row whose first cell is a code: most tables are no legend.
  const text = (column: number) => {
    const cell = row.cells[column];
    return cell ? cellText(source.slice(cell.contentStart, cell.contentEnd)) : undefined;
  };
  const first = text(0) ?? '';
  // Every pattern starts with `(` or a capital that a letter or digit does not follow: most
  // first cells (an activity's name) are none, and are not matched against them.
  const second = first.charCodeAt(1);
  const lead = first.charCodeAt(0);
  if (lead !== 40 && !(lead >= 65 && lead <= 90 && !isAsciiLetterOrDigit(second))) return undefined;
  for (const pattern of ENTRY_PATTERNS) {
    const match = pattern.exec(first);
    if (!match) continue;
    const code = match[1].toUpperCase();
    let name = (match[2] ?? '').trim();
    let description = text(1) ?? '';
    if (!name) {
      name = text(1) ?? '';
      description = text(2) ?? '';
    }
    if (!name || /\s/.test(code)) return undefined;
    return { code, name, description, kind: 'other' };
  }
  return undefined;
}

/**
 * Which legend entry approves and which does the work, from the words the
 * document itself uses. French "Responsable" is ambiguous (some texts swap A and R),
 * so it means accountable only when another entry is clearly the doer.
 */
export function classify(entries: LegendEntry[]): void {
  for (const entry of entries) {
    const words = plain(`${entry.name} ${entry.description}`);
    const name = plain(entry.name);
    if (ACCOUNTABLE_WORDS.test(name)) entry.kind = 'accountable';
    else if (/^responsable\b/.test(name)) entry.kind = 'responsible';
    else if (RESPONSIBLE_WORDS.test(name)) entry.kind = 'responsible';
    else if (ACCOUNTABLE_WORDS.test(words)) entry.kind = 'accountable';
    else if (RESPONSIBLE_WORDS.test(words)) entry.kind = 'responsible';
  }
  const doer = entries.some((e) => /^(acteur|realis)/.test(plain(e.name)));
  for (const entry of entries) {
    if (doer && /^responsable\b/.test(plain(entry.name))) entry.kind = 'accountable';
  }
  // German V/M/I: V is "Verantwortung", the one who owns the activity.
  if (!entries.some((e) => e.kind === 'accountable')) {
    const v = entries.find((e) => e.code === 'V' && /^verantwortung\b/.test(plain(e.name)));
    if (v && entries.some((e) => e.code === 'M')) v.kind = 'accountable';
  }
  if (!entries.some((e) => e.kind === 'accountable')) {
    const a = entries.find((e) => e.code === 'A');
    if (a) a.kind = 'accountable';
  }
  if (!entries.some((e) => e.kind === 'responsible')) {
    const r = entries.find((e) => e.code === 'R');
    if (r) r.kind = 'responsible';
  }
}

/**
 * The codes in force: a legend table's entries replace the scheme's codes; entries
 * written elsewhere (`extra`: lines, lists, footnotes, header rows) add to them or rename
 * them, as authors write a line for the letters they add (`S = Supporting`) or explain
 * a few. Such entries say who approves only when one of them does (`D = Decide` beside
 * `A = Agree`): then the kinds are theirs; otherwise each code keeps the scheme's kind.
 */
export function buildRoleSet(scheme: Scheme, legend: LegendEntry[], locale: string, extra: LegendEntry[] = []): RoleSet {
  const lang = langOf(locale);
  const codes: RoleSet['codes'] = new Map();
  const schemeOrder = scheme.roles.map((role) => role.code);
  if (legend.length > 0) {
    for (const entry of legend) {
      if (codes.has(entry.code)) continue;
      codes.set(entry.code, { kind: entry.kind, name: entry.name, meaning: entry.description, fromLegend: true });
    }
  } else {
    for (const role of scheme.roles) {
      codes.set(role.code, { kind: role.kind, name: role.names[lang], meaning: role.meanings[lang], fromLegend: false });
    }
  }
  const saysWhoApproves = extra.some((entry) => entry.kind === 'accountable');
  if (saysWhoApproves) {
    // Entries that name the approver describe the document's scheme: the kinds are theirs, not the default scheme's.
    for (const [code, role] of codes) if (role.kind !== 'other' && !role.fromLegend) codes.set(code, { ...role, kind: 'other' });
  }
  for (const entry of extra) {
    const known = codes.get(entry.code);
    if (known?.fromLegend) continue;
    const kind = saysWhoApproves || !known ? entry.kind : known.kind;
    codes.set(entry.code, { kind, name: entry.name, meaning: entry.description, fromLegend: true });
  }
  const order = [...codes.keys()].sort((a, b) => rank(schemeOrder, a) - rank(schemeOrder, b));
  return {
    codes,
    order,
    accountable: order.filter((code) => codes.get(code)?.kind === 'accountable'),
    responsible: order.filter((code) => codes.get(code)?.kind === 'responsible'),
  };
}

function rank(order: string[], code: string): number {
  const index = order.indexOf(code);
  return index < 0 ? order.length + code.charCodeAt(0) : index;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
