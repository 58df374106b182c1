import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEVERITY, RULE_IDS, RULES, type Severity } from '../engine';

export const RULES_DOC = 'https://github.com/raci-markdown/raci-markdown/blob/main/docs/rules.md';
/** Problems in a document's own front-matter configuration. */
export const CONFIG_RULE = 'invalid-config';
/** A part of the document not analysed (a row over 1,000 columns). */
export const SKIPPED_RULE = 'skipped-section';
/** A file not linted at all: larger than --max-document-size. */
export const SKIPPED_FILE_RULE = 'skipped-document';

export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based; columns count UTF-16 code units, as editors and ESLint do. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
}

export interface Totals {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countSeverities(results: LintResult[]): Totals {
  const totals: Totals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const result of results) for (const message of result.messages) totals[message.severity]++;
  return totals;
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return isInside(relative) ? relative : file;
}

/** Whether a path relative to the working directory names something under it. */
export function isInside(relative: string): boolean {
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

// ---- json ----

export function formatJson(results: LintResult[]): string {
  return `${JSON.stringify(
    results.map((result) => ({ filePath: result.filePath, messages: result.messages })),
    null,
    2,
  )}\n`;
}

/** One result as formatJson writes it inside its array (indented, no comma), for writing results as they come. */
export function formatJsonResult(result: LintResult): string {
  // JSON strings hold no raw line breaks: every line starts a line of the structure.
  return JSON.stringify({ filePath: result.filePath, messages: result.messages }, null, 2).replace(/^/gm, '  ');
}

// ---- stylish ----

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  underline: '\x1b[4m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
};
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue, hint: ANSI.dim };

export function formatStylish(results: LintResult[], cwd: string, colour: boolean): string {
  return (
    results.map((result) => formatStylishResult(result, cwd, colour)).join('') + formatStylishSummary(countSeverities(results), colour)
  );
}

/** One file's part of the stylish report: nothing for a file without messages. */
export function formatStylishResult(result: LintResult, cwd: string, colour: boolean): string {
  const paint = (style: string, text: string) => (colour ? `${style}${text}${ANSI.reset}` : text);
  if (result.messages.length === 0) return '';
  const out: string[] = ['', paint(ANSI.underline, displayPath(result.filePath, cwd))];
  const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity, m.message, m.ruleId]);
  const width = (i: number) => Math.max(...rows.map((row) => row[i].length));
  const [place, severity] = [width(0), width(1)];
  result.messages.forEach((message, index) => {
    const [where, level, text, rule] = rows[index];
    const painted = paint(SEVERITY_COLOUR[message.severity], level.padEnd(severity));
    out.push(`  ${paint(ANSI.dim, where.padEnd(place))}  ${painted}  ${text}  ${paint(ANSI.dim, rule)}`);
  });
  return `${out.join('\n')}\n`;
}

/** The stylish report's last lines: the totals, or nothing when there are none. */
export function formatStylishSummary(totals: Totals, colour: boolean): string {
  const paint = (style: string, text: string) => (colour ? `${style}${text}${ANSI.reset}` : text);
  const total = totals.error + totals.warning + totals.info + totals.hint;
  if (total === 0) return '';
  const parts = [plural(totals.error, 'error'), plural(totals.warning, 'warning')];
  if (totals.info > 0) parts.push(`${totals.info} info`);
  if (totals.hint > 0) parts.push(plural(totals.hint, 'hint'));
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  const style = totals.error > 0 ? ANSI.red : totals.warning > 0 ? ANSI.yellow : ANSI.blue;
  return `\n${paint(ANSI.bold + style, summary)}\n\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// ---- sarif ----

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF's descriptions: the registry's for the rules, and those of the problems that are not rules. */
const RULE_DESCRIPTIONS: Record<string, string> = {
  ...Object.fromEntries(RULES.map((rule) => [rule.id, rule.description])),
  [CONFIG_RULE]: "The document's front-matter RACI configuration is invalid.",
  [SKIPPED_RULE]: 'A table row has more than 1,000 columns: that part of the document is not analysed.',
  [SKIPPED_FILE_RULE]: 'The file is larger than --max-document-size: it is not linted.',
};

export interface SarifOptions {
  cwd: string;
  version: string;
  /** Problems that kept files from being linted (SARIF's tool execution notifications). */
  notifications: string[];
}

export function formatSarif(results: LintResult[], options: SarifOptions): string {
  const ruleIds: string[] = [...RULE_IDS, CONFIG_RULE, SKIPPED_RULE, SKIPPED_FILE_RULE];
  const rules = ruleIds.map((id) => ({
    id,
    shortDescription: { text: RULE_DESCRIPTIONS[id] ?? id },
    helpUri: `${RULES_DOC}#${id}`,
    defaultConfiguration: { level: SARIF_LEVEL[(DEFAULT_SEVERITY as Record<string, Severity>)[id] ?? 'warning'] },
  }));
  const base = pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep).href;
  const sarifResults = results.flatMap((result) =>
    result.messages.map((message) => ({
      ruleId: message.ruleId,
      ruleIndex: ruleIds.indexOf(message.ruleId),
      level: SARIF_LEVEL[message.severity],
      message: { text: message.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(result.filePath, options.cwd),
            region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'raci-lint',
            version: options.version,
            informationUri: 'https://github.com/raci-markdown/raci-markdown',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: options.notifications.length === 0,
            toolExecutionNotifications: options.notifications.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Relative to the working directory (`%SRCROOT%`) when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (!isInside(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
