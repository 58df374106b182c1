import * as l10n from '@vscode/l10n';
import type { Range } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import type { RoleSet } from '../domain/legend';
import type { RoleKind } from '../domain/schemes';
import type { Finding, RuleId, Severity, Span } from '../model';
import { matrixName } from './matrixName';

/**
 * The matrix overview: what a grid of each matrix and the per-party totals need,
 * computed from the model alone, with LSP ranges so a click can reveal a cell.
 * Plain JSON (no class instances), as it travels in a `raci/overview` response.
 */
export interface Overview {
  /** The document's codes, in writing order, with their names there. */
  roles: { code: string; name: string; kind: RoleKind }[];
  matrices: OverviewMatrix[];
  /** Per party name, over every matrix of the document, in order of first appearance. */
  totals: { party: string; counts: Record<string, number> }[];
  /** How many findings of each severity the matrices have. */
  findingCounts: Record<Severity, number>;
}

export interface OverviewFinding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
}

export interface OverviewMatrix {
  /** The header cell over the first column. */
  title: string;
  /** What the panel calls the matrix: its heading, or where it is ("Table at line 12"). */
  name: string;
  /** The header cell that names the activities; none where they are columns or headings (transposed, per-activity). */
  activitiesHeader?: string;
  heading?: string;
  range: Range;
  parties: { name: string; range: Range; findings: OverviewFinding[] }[];
  activities: OverviewActivity[];
  /** Findings on the table that belong to no row or header cell. */
  findings: OverviewFinding[];
}

export interface OverviewActivity {
  name: string;
  range: Range;
  /** A row that titles a group of activities: no roles expected. */
  section: boolean;
  /** One per party, in party order; a short row's missing cells are `present: false` (a role-columns row has no cell per party: never). */
  cells: OverviewCell[];
  /** Findings about the row as a whole (missing A, too many A, row shape…). */
  findings: OverviewFinding[];
}

export interface OverviewCell {
  present: boolean;
  /** Valid codes of the document held by this party, once each, in the order written (look-alike letters are not). */
  codes: string[];
  /** The cell's trimmed source, for cells that hold something else or look odd. */
  text: string;
  range: Range;
  /** Findings on this cell's content (invalid or duplicate code, lower case…). */
  findings: OverviewFinding[];
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

export function getOverview(model: DocumentModel): Overview {
  const { lines, text } = model;
  const roles = allCodes(model);
  const totals = new Map<string, Record<string, number>>();
  const zero = () => Object.fromEntries(roles.order.map((code) => [code, 0])) as Record<string, number>;
  const findingCounts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const placed = new Set<Finding>();

  const matrices = model.matrices.map((matrix): OverviewMatrix => {
    const { table } = matrix;
    const inTable = model.findings.filter((f) => f.start >= table.start && f.start < table.end);
    const take = (span: Span, strict = true): OverviewFinding[] =>
      inTable
        .filter(
          (f) => !placed.has(f) && f.start >= span.start && (strict ? f.end <= span.end : f.start < Math.max(span.end, span.start + 1)),
        )
        .map((f) => {
          placed.add(f);
          return { ruleId: f.ruleId, severity: f.severity, message: f.message };
        });

    const parties = matrix.parties.map((party) => {
      if (!totals.has(party.name)) totals.set(party.name, zero());
      const header = party.header;
      return { name: party.name, range: lines.range({ start: header.contentStart, end: header.contentEnd }), findings: take(header) };
    });

    const activities = matrix.activities.map((activity): OverviewActivity => {
      const cells = matrix.parties.map((party, index): OverviewCell => {
        const assignment = activity.assignments.find((a) => a.party === index);
        if (!assignment) {
          // A role-columns row names the parties it involves; the others hold nothing there, like an empty cell.
          if (matrix.layout === 'role-columns') {
            const name = activity.nameCell;
            return {
              present: true,
              codes: [],
              text: '',
              range: lines.range({ start: name.contentStart, end: name.contentEnd }),
              findings: [],
            };
          }
          const at = activity.row.end;
          return { present: false, codes: [], text: '', range: lines.range({ start: at, end: at }), findings: [] };
        }
        const { cell, parsed } = assignment;
        const codes: string[] = [];
        if (parsed.kind === 'codes') {
          // A look-alike letter holds no role: it is in `text` and its finding, not in `codes` or the totals.
          for (const token of parsed.tokens) {
            if (token.form !== 'lookalike' && (matrix.roles ?? roles).codes.has(token.code) && !codes.includes(token.code))
              codes.push(token.code);
          }
        }
        const counts = totals.get(party.name)!;
        for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
        return {
          present: true,
          codes,
          text: text.slice(cell.contentStart, cell.contentEnd),
          range: lines.range({ start: cell.contentStart, end: cell.contentEnd }),
          findings: take(cell),
        };
      });
      return {
        name: activity.name,
        range: lines.range({ start: activity.nameCell.contentStart, end: activity.nameCell.contentEnd }),
        section: activity.section,
        cells,
        // An activity read from a column owns its header cell, not the header row it shares.
        findings: take(matrix.layout === 'transposed' || matrix.layout === 'per-activity' ? activity.nameCell : activity.row, false),
      };
    });

    const activitiesAreColumns = matrix.layout === 'transposed' || matrix.layout === 'per-activity';
    return {
      title: matrix.title,
      name: matrixName(model, matrix),
      ...(activitiesAreColumns ? {} : { activitiesHeader: matrix.title }),
      heading: matrix.heading?.text,
      range: lines.range(table),
      parties,
      activities,
      findings: take(table, false),
    };
  });

  for (const finding of placed) findingCounts[finding.severity]++;
  return {
    roles: roles.order.map((code) => {
      const role = roles.codes.get(code)!;
      return { code, name: role.undefinedHere ? l10n.t('(not defined)') : role.name, kind: role.kind };
    }),
    matrices,
    totals: [...totals.entries()].map(([party, counts]) => ({ party, counts })),
    findingCounts,
  };
}

/** The document's codes, and after them those of matrices read with codes of their own (an inferred scheme, letters used undefined). */
function allCodes(model: DocumentModel): RoleSet {
  const extra = model.matrices.filter((matrix) => matrix.roles && matrix.roles !== model.roles);
  if (extra.length === 0) return model.roles;
  const codes: RoleSet['codes'] = new Map(model.roles.codes);
  const order = [...model.roles.order];
  for (const matrix of extra) {
    for (const code of matrix.roles!.order) {
      if (codes.has(code)) continue;
      codes.set(code, matrix.roles!.codes.get(code)!);
      order.push(code);
    }
  }
  return { ...model.roles, codes, order };
}
