/**
 * The matrix overview's HTML, as pure functions of the server's `raci/overview`
 * answer: no vscode, so unit tests and a plain browser can render it. Everything
 * taken from the document (activity and party names, headings, messages, cell text)
 * goes through `escapeHtml`; the page has no inline script or style, and its
 * Content-Security-Policy allows only the given style source and the nonce'd script.
 */
import type { CompareResult, OverviewFinding, OverviewMatrix, OverviewResult } from '../../../server/src/shared/protocol';
import type { Range } from 'vscode-languageserver-types';

export interface OverviewStrings {
  noDocument: string;
  noMatrices: string;
  /** `{0}`: how many matrices. */
  matrices: string;
  legend: string;
  totals: string;
  party: string;
  total: string;
  errors: string;
  warnings: string;
  infos: string;
  hints: string;
  /** `{0}`: one of the four above, `{1}`: how many (French puts a space before the colon). */
  count: string;
  /** Column header above the activity names when the table has no header cell naming them. */
  activity: string;
  /** Title of a missing cell (a row shorter than the header). */
  missingCell: string;
  /** The hint under the title. */
  clickToReveal: string;
  /** `{0}`: what the document is compared with ("HEAD", a file name). */
  changesSince: string;
  /** `{0}`: the same. */
  noChangesSince: string;
}

export const ENGLISH: OverviewStrings = {
  noDocument: 'Open a Markdown document to see its matrices.',
  noMatrices: 'This document has no RACI matrix.',
  matrices: 'Matrices: {0}',
  legend: 'Roles',
  totals: 'Roles per party, whole document',
  party: 'Party',
  total: 'Total',
  errors: 'Errors',
  warnings: 'Warnings',
  infos: 'Info',
  hints: 'Hints',
  count: '{0}: {1}',
  activity: 'Activity',
  missingCell: 'No cell in this row',
  clickToReveal: 'Click a cell, an activity or a party to show it in the editor.',
  changesSince: 'Responsibility changes since {0}',
  noChangesSince: 'No responsibility changes since {0}.',
};

export interface PageOptions {
  /** The webview's `cspSource`: where style sheets may come from. */
  cspSource: string;
  /** Fresh per page: only the script carrying it runs. */
  nonce: string;
  styleUris: string[];
  scriptUri: string;
  /** What the page is about, e.g. the document's file name. */
  title: string;
  strings?: OverviewStrings;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderOverviewPage(data: OverviewResult, options: PageOptions): string {
  const strings = options.strings ?? ENGLISH;
  const csp = [
    "default-src 'none'",
    `style-src ${options.cspSource}`,
    `img-src ${options.cspSource}`,
    `font-src ${options.cspSource}`,
    `script-src 'nonce-${options.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n')}
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="overview" aria-live="polite">${renderOverviewBody(data, strings)}</main>
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * The responsibility changes since another version (RACI: Compare Responsibilities
 * with…), above the grids: each change links to where it is in the document.
 */
export function renderComparison(data: CompareResult, strings: OverviewStrings = ENGLISH): string {
  if (!data) return '';
  if (data.matrices.length === 0)
    return `<section class="changes"><p class="empty">${escapeHtml(format(strings.noChangesSince, data.label))}</p></section>`;
  const link = (range: Range | undefined, text: string) =>
    range ? `<span class="change" ${reveal(range)}>${escapeHtml(text)}</span>` : escapeHtml(text);
  const matrices = data.matrices
    .map((matrix) => {
      const items = matrix.changes
        .map((change) => `<li class="change-${escapeHtml(change.kind)}">${link(change.range, change.text)}</li>`)
        .join('');
      return `<h3>${link(matrix.range, matrix.title)}</h3><ul>${items}</ul>`;
    })
    .join('');
  return `<section class="changes"><h2>${escapeHtml(format(strings.changesSince, data.label))}</h2>${matrices}</section>`;
}

/** The part of the page that changes with the document; the panel posts it on each update. */
export function renderOverviewBody(data: OverviewResult, strings: OverviewStrings = ENGLISH): string {
  if (!data) return `<p class="empty">${escapeHtml(strings.noDocument)}</p>`;
  const name = decodeURIComponent(data.uri.slice(data.uri.lastIndexOf('/') + 1));
  const parts = [
    `<header><h1>${escapeHtml(name)}</h1>${summary(data, strings)}<p class="hint">${escapeHtml(strings.clickToReveal)}</p></header>`,
  ];
  if (data.skipped) parts.push(`<p class="empty">${escapeHtml(data.skipped)}</p>`);
  else if (data.matrices.length === 0) parts.push(`<p class="empty">${escapeHtml(strings.noMatrices)}</p>`);
  else {
    parts.push(legend(data, strings), totals(data, strings));
    data.matrices.forEach((matrix, index) => parts.push(grid(matrix, index, data, strings)));
  }
  return parts.join('\n');
}

function summary(data: NonNullable<OverviewResult>, strings: OverviewStrings): string {
  const counts = data.findingCounts;
  const items: [string, string, number][] = [
    ['error', strings.errors, counts.error],
    ['warning', strings.warnings, counts.warning],
    ['info', strings.infos, counts.info],
    ['hint', strings.hints, counts.hint],
  ];
  const matrices = format(strings.matrices, data.matrices.length);
  return `<p class="summary"><span>${escapeHtml(matrices)}</span>${items
    .map(
      ([kind, label, count]) =>
        `<span class="count count-${kind}${count ? '' : ' zero'}">${marker(kind)} ${escapeHtml(format(strings.count, label, count))}</span>`,
    )
    .join('')}</p>`;
}

function legend(data: NonNullable<OverviewResult>, strings: OverviewStrings): string {
  const items = data.roles.map((role) => `<li>${badge(role.code, role.kind)} ${escapeHtml(role.name)}</li>`).join('');
  return `<section class="legend"><h2>${escapeHtml(strings.legend)}</h2><ul>${items}</ul></section>`;
}

function totals(data: NonNullable<OverviewResult>, strings: OverviewStrings): string {
  const kinds = new Map(data.roles.map((role) => [role.code, role.kind]));
  const codes = data.roles.map((role) => role.code);
  const head = `<tr><th scope="col">${escapeHtml(strings.party)}</th>${codes.map((code) => `<th scope="col">${badge(code, kinds.get(code))}</th>`).join('')}</tr>`;
  const rows = data.totals
    .map(
      ({ party, counts }) =>
        `<tr><th scope="row">${escapeHtml(party)}</th>${codes.map((code) => `<td class="num">${counts[code] ?? 0}</td>`).join('')}</tr>`,
    )
    .join('');
  const sums = codes.map((code) => data.totals.reduce((sum, row) => sum + (row.counts[code] ?? 0), 0));
  const foot = `<tr><th scope="row">${escapeHtml(strings.total)}</th>${sums.map((sum) => `<td class="num">${sum}</td>`).join('')}</tr>`;
  return `<section class="totals"><h2>${escapeHtml(strings.totals)}</h2><table><thead>${head}</thead><tbody>${rows}</tbody><tfoot>${foot}</tfoot></table></section>`;
}

function grid(matrix: OverviewMatrix, index: number, data: NonNullable<OverviewResult>, strings: OverviewStrings): string {
  const kinds = new Map(data.roles.map((role) => [role.code, role.kind]));
  const title = matrix.name;
  const head = `<tr><th scope="col" class="corner">${escapeHtml(matrix.activitiesHeader || strings.activity)}</th>${matrix.parties
    .map(
      (party) =>
        `<th scope="col" class="${['party', severityClass(party.findings)].filter(Boolean).join(' ')}" ${reveal(party.range)}${findingAttrs(party.findings)}>${escapeHtml(party.name)}${markers(party.findings)}</th>`,
    )
    .join('')}</tr>`;
  const rows = matrix.activities
    .map((activity) => {
      if (activity.section) {
        return `<tr class="section"><th scope="rowgroup" colspan="${matrix.parties.length + 1}" ${reveal(activity.range)}>${escapeHtml(activity.name)}</th></tr>`;
      }
      const cells = activity.cells
        .map((cell) => {
          if (!cell.present) return `<td class="cell missing" title="${escapeHtml(strings.missingCell)}">∅</td>`;
          const primary = primaryCode(cell.codes, kinds);
          const classes = [
            'cell',
            primary ? `cell-${primary}` : 'cell-none',
            cell.codes.length === 0 && cell.text ? 'odd' : '',
            severityClass(cell.findings),
          ];
          const badges = cell.codes.map((code) => badge(code, kinds.get(code))).join('');
          // A cell with a finding also shows what is written there (`RX`, a look-alike letter, `A, A`…),
          // unless that is only the codes already shown, which would say them twice (`R S R, S`).
          const written = cell.text.replace(/^([*_`~]+)([\s\S]*?)\1$/, '$2'); // without the emphasis around it
          const raw =
            written && (cell.codes.length === 0 || (cell.findings.length > 0 && !onlyCodes(written, cell.codes)))
              ? `<span class="raw">${escapeHtml(written)}</span>`
              : '';
          const content = badges && raw ? `${badges} ${raw}` : badges || raw;
          return `<td class="${classes.filter(Boolean).join(' ')}" ${reveal(cell.range)}${findingAttrs(cell.findings)}>${content}${markers(cell.findings)}</td>`;
        })
        .join('');
      const rowClass = severityClass(activity.findings);
      return `<tr${rowClass ? ` class="${rowClass}"` : ''}><th scope="row" class="activity" ${reveal(activity.range)}${findingAttrs(activity.findings)}>${escapeHtml(activity.name)}${markers(activity.findings)}</th>${cells}</tr>`;
    })
    .join('\n');
  const tableFindings = matrix.findings.length
    ? `<ul class="table-findings">${matrix.findings.map((f) => `<li class="${f.severity}">${marker(f.severity)} ${escapeHtml(f.message)}</li>`).join('')}</ul>`
    : '';
  return `<section class="matrix" id="matrix-${index}"><h2 ${reveal(matrix.range)}>${escapeHtml(title)}</h2><div class="scroll"><table class="grid"><thead>${head}</thead><tbody>${rows}</tbody></table></div>${tableFindings}</section>`;
}

/** Whether `written` holds just `codes`, in that order, between separators and emphasis (`R, S`, `**R**, S`). */
function onlyCodes(written: string, codes: string[]): boolean {
  return written.replace(/[\s,;/+&*_`~]/g, '') === codes.join('');
}

/** The cell's colour: the one who approves first, then the ones who do the work, then the first code. */
function primaryCode(codes: string[], kinds: Map<string, string>): string | undefined {
  return codes.find((code) => kinds.get(code) === 'accountable') ?? codes.find((code) => kinds.get(code) === 'responsible') ?? codes[0];
}

function badge(code: string, kind: string | undefined): string {
  const safe = /^[A-Za-z]+$/.test(code) ? code : 'invalid';
  return `<span class="raci-code raci-${safe}${kind ? ` raci-kind-${escapeHtml(kind)}` : ''}">${escapeHtml(code)}</span>`;
}

function reveal(range: Range): string {
  const { start, end } = range;
  return `tabindex="0" data-range="${start.line},${start.character},${end.line},${end.character}"`;
}

const ORDER = ['error', 'warning', 'info', 'hint'] as const;

function severityClass(findings: OverviewFinding[]): string {
  const worst = ORDER.find((severity) => findings.some((f) => f.severity === severity));
  return worst ? `has-${worst}` : '';
}

function findingAttrs(findings: OverviewFinding[]): string {
  if (findings.length === 0) return '';
  const title = findings.map((f) => `${f.message} (${f.ruleId})`).join('\n');
  return ` title="${escapeHtml(title)}"`;
}

function markers(findings: OverviewFinding[]): string {
  const worst = ORDER.find((severity) => findings.some((f) => f.severity === severity));
  return worst
    ? ` <span class="marker marker-${worst}" aria-label="${escapeHtml(findings.map((f) => f.message).join(' '))}">${MARKS[worst]}</span>`
    : '';
}

const MARKS = { error: '✖', warning: '▲', info: 'ℹ', hint: '…' } as const;

function marker(kind: string): string {
  return `<span class="marker marker-${kind}" aria-hidden="true">${MARKS[kind as keyof typeof MARKS] ?? ''}</span>`;
}

function format(template: string, ...args: unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}
