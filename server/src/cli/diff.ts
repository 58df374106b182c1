/**
 * `raci-lint diff [BASE] [HEAD]`: what changed in the responsibilities between two git
 * revisions (by default, the merge base with the default branch and the working tree),
 * or between two files or two folders. Git is run here, in the CLI, never in the engine.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, responsibilityChanges, type DocumentModel, type MatrixChanges, type ResponsibilityChange } from '../engine';
import { baseSettings, ConfigResolver } from './config';
import { discoverFiles } from './files';
import { readSource } from './io';
import { displayPath } from './report';
import { UsageError, usageErrorOf } from './args';

export type DiffFormat = 'human' | 'markdown' | 'json';
const DIFF_FORMATS: readonly DiffFormat[] = ['human', 'markdown', 'json'];

export const DIFF_USAGE = 'raci-lint diff [--format human|markdown|json] [--config FILE] [BASE [HEAD]]';

export const DIFF_HELP = `Usage: ${DIFF_USAGE}

Prints what changed in the responsibilities of the Markdown matrices: who gained or
lost which role on which activity, and which activities and parties were added,
removed or moved. Formatting alone (**RA** → R, A) is not a change.

BASE and HEAD are git revisions (default: the merge base of HEAD with the default
branch, and the working tree), or two files, or two folders.

Options:
  -f, --format FORMAT    human (default), markdown (for a pull-request comment) or json
  -c, --config FILE      use this .raci.json for every file
  -h, --help             show this help

Exit codes: 0 done (with or without changes), 2 bad usage, git or I/O problems.`;

/** Where one version of the documents comes from. */
interface Side {
  label: string;
  read(file: string): string | undefined;
}

interface DocumentPair {
  /** As shown to the user: the new path, relative to the working directory. */
  display: string;
  previous?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  basePath?: string;
  headPath?: string;
  /** A file on disk whose configuration applies. */
  configFor: string;
}

export interface DiffIo {
  cwd: string;
  locale: string;
  stdout: (text: string) => void;
  say: (line: string) => void;
}

const MARKDOWN = /\.(md|markdown)$/i;

export function runDiff(argv: string[], io: DiffIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${DIFF_HELP}\n`);
    return 0;
  }
  const format = (values.format ?? 'human') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}": expected one of ${DIFF_FORMATS.join(', ')}`);
  if (positionals.length > 2) throw new UsageError('diff takes at most two revisions, files or folders');

  let plan: { base: Side; head: Side; pairs: DocumentPair[] };
  try {
    plan =
      positionals.length === 2 && positionals.every((given) => fs.existsSync(path.resolve(io.cwd, given)))
        ? pathPlan(positionals[0], positionals[1], io)
        : gitPlan(positionals, io);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.say(error instanceof DiffProblem ? error.message : `diff: ${(error as Error).message}`);
    return 2;
  }

  const explicit = values.config === undefined ? undefined : path.resolve(io.cwd, values.config);
  const configs = new ConfigResolver(baseSettings(io.locale), (file) => displayPath(file, io.cwd), explicit);
  const documents: DocumentReport[] = [];
  for (const pair of plan.pairs) {
    const settings = configs.settingsFor(pair.configFor);
    // The changes of responsibility are read from the matrices: no fix is needed.
    const model = (side: Side, file: string | undefined): DocumentModel =>
      analyze(file === undefined ? '' : (side.read(file) ?? ''), settings, { fixes: false, keep: false });
    const before = model(plan.base, pair.basePath);
    const after = model(plan.head, pair.headPath);
    const matrices = responsibilityChanges(before, after);
    if (matrices.length > 0) documents.push({ pair, before, after, matrices });
  }
  configs.problems.forEach(io.say);

  if (format === 'json') io.stdout(formatJson(plan.base.label, plan.head.label, documents));
  else if (format === 'markdown') io.stdout(formatMarkdown(plan.base.label, plan.head.label, documents));
  else io.stdout(formatHuman(plan.base.label, plan.head.label, documents));
  return 0;
}

class DiffProblem extends Error {}

// ---- files and folders ----

function pathPlan(baseGiven: string, headGiven: string, io: DiffIo): { base: Side; head: Side; pairs: DocumentPair[] } {
  const baseAbs = path.resolve(io.cwd, baseGiven);
  const headAbs = path.resolve(io.cwd, headGiven);
  const disk: Side = { label: '', read: readText };
  const baseIsDir = fs.statSync(baseAbs).isDirectory();
  if (baseIsDir !== fs.statSync(headAbs).isDirectory()) throw new UsageError('compare a file with a file, or a folder with a folder');
  if (!baseIsDir) {
    return {
      base: { ...disk, label: baseGiven },
      head: { ...disk, label: headGiven },
      pairs: [{ display: displayPath(headAbs, io.cwd), status: 'modified', basePath: baseAbs, headPath: headAbs, configFor: headAbs }],
    };
  }
  const list = (dir: string) => discoverFiles([dir], io.cwd, (file) => file).files.map((file) => path.relative(dir, file));
  const before = new Set(list(baseAbs));
  const after = new Set(list(headAbs));
  const pairs: DocumentPair[] = [...new Set([...before, ...after])].sort().map((relative) => {
    const basePath = before.has(relative) ? path.join(baseAbs, relative) : undefined;
    const headPath = after.has(relative) ? path.join(headAbs, relative) : undefined;
    return {
      display: displayPath(headPath ?? basePath!, io.cwd),
      status: basePath && headPath ? 'modified' : headPath ? 'added' : 'removed',
      basePath,
      headPath,
      configFor: headPath ?? basePath!,
    };
  });
  return { base: { ...disk, label: baseGiven }, head: { ...disk, label: headGiven }, pairs };
}

function readText(file: string): string | undefined {
  const source = readSource(file);
  return 'problem' in source ? undefined : source.text;
}

// ---- git ----

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new DiffProblem(`git ${args[0]}: ${stderr || (error as Error).message}`);
  }
}

function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The branch pull requests go into: origin's HEAD, else main or master. */
function defaultBranch(root: string): string | undefined {
  const remote = tryGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], root);
  if (remote) return remote;
  for (const candidate of ['main', 'master', 'origin/main', 'origin/master']) {
    if (tryGit(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], root)) return candidate;
  }
  return undefined;
}

function gitPlan(positionals: string[], io: DiffIo): { base: Side; head: Side; pairs: DocumentPair[] } {
  const root = tryGit(['rev-parse', '--show-toplevel'], io.cwd);
  if (!root) throw new DiffProblem(`diff: ${io.cwd} is not inside a git repository (or give two files or folders)`);
  const verify = (revision: string) => {
    const commit = tryGit(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], root);
    if (!commit) throw new DiffProblem(`diff: "${revision}" is neither a git revision nor, with a second path, a file or folder`);
    return commit;
  };
  let baseRevision: string;
  let baseLabel: string;
  if (positionals.length > 0) {
    baseRevision = verify(positionals[0]);
    baseLabel = positionals[0];
  } else {
    const branch = defaultBranch(root);
    const mergeBase = branch && tryGit(['merge-base', branch, 'HEAD'], root);
    baseRevision = mergeBase || verify('HEAD');
    baseLabel = mergeBase ? `merge base with ${branch} (${mergeBase.slice(0, 7)})` : 'HEAD';
  }
  const headRevision = positionals.length > 1 ? verify(positionals[1]) : undefined;
  const headLabel = positionals[1] ?? 'working tree';

  const raw = git(
    ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', baseRevision, ...(headRevision ? [headRevision] : []), '--'],
    root,
  );
  const fields = raw.split('\0');
  const pairs: DocumentPair[] = [];
  const shown = (relative: string) => displayPath(path.join(root, relative), io.cwd);
  for (let i = 0; i + 1 < fields.length;) {
    const status = fields[i++];
    if (status === '') break;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i++];
      const to = fields[i++];
      if (!MARKDOWN.test(from) && !MARKDOWN.test(to)) continue;
      const renamed = status.startsWith('R');
      pairs.push({
        display: shown(to),
        previous: renamed ? shown(from) : undefined,
        status: renamed ? 'renamed' : 'added',
        basePath: from,
        headPath: to,
        configFor: path.join(root, to),
      });
      continue;
    }
    const file = fields[i++];
    if (!MARKDOWN.test(file)) continue;
    const kind = status[0];
    pairs.push({
      display: shown(file),
      status: kind === 'A' ? 'added' : kind === 'D' ? 'removed' : 'modified',
      basePath: kind === 'A' ? undefined : file,
      headPath: kind === 'D' ? undefined : file,
      configFor: path.join(root, file),
    });
  }
  if (!headRevision) {
    // New files not yet added to git are part of the working tree too.
    for (const file of git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0')) {
      if (MARKDOWN.test(file)) pairs.push({ display: shown(file), status: 'added', headPath: file, configFor: path.join(root, file) });
    }
  }
  pairs.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const atRevision = (revision: string, label: string): Side => ({
    label,
    read: (file) => {
      try {
        return execFileSync('git', ['show', `${revision}:${file}`], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        return undefined;
      }
    },
  });
  const head: Side = headRevision
    ? atRevision(headRevision, headLabel)
    : { label: headLabel, read: (file) => readText(path.join(root, file)) };
  return { base: atRevision(baseRevision, baseLabel), head, pairs };
}

// ---- output ----

interface DocumentReport {
  pair: DocumentPair;
  before: DocumentModel;
  after: DocumentModel;
  matrices: MatrixChanges[];
}

const line = (model: DocumentModel, span: { start: number } | undefined) =>
  span ? model.lines.positionAt(span.start).line + 1 : undefined;

function documentTitle(report: DocumentReport): string {
  const { pair } = report;
  if (pair.status === 'renamed') return `${pair.display} (renamed from ${pair.previous})`;
  if (pair.status === 'added') return `${pair.display} (new)`;
  if (pair.status === 'removed') return `${pair.display} (deleted)`;
  return pair.display;
}

function formatHuman(baseLabel: string, headLabel: string, documents: DocumentReport[]): string {
  if (documents.length === 0) return `No responsibility changes between ${baseLabel} and ${headLabel}.\n`;
  const out: string[] = [`Responsibility changes between ${baseLabel} and ${headLabel}:`];
  for (const report of documents) {
    out.push('', documentTitle(report));
    for (const matrix of report.matrices) {
      const at = line(report.after, matrix.head) ?? line(report.before, matrix.base);
      out.push(`  ${matrix.title}${at === undefined ? '' : ` (line ${at})`}`);
      for (const change of matrix.changes) out.push(`    ${change.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Marks the comment, so that a CI job can find and update its own comment. */
export const MARKDOWN_MARKER = '<!-- raci-lint diff -->';

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`);
}

function formatMarkdown(baseLabel: string, headLabel: string, documents: DocumentReport[]): string {
  const out: string[] = [MARKDOWN_MARKER, '### Responsibility changes', ''];
  if (documents.length === 0) {
    out.push(`No responsibility changes between ${escapeMarkdown(baseLabel)} and ${escapeMarkdown(headLabel)}.`);
    return `${out.join('\n')}\n`;
  }
  out.push(`Between ${escapeMarkdown(baseLabel)} and ${escapeMarkdown(headLabel)}:`);
  for (const report of documents) {
    out.push('', `#### ${escapeMarkdown(documentTitle(report))}`);
    for (const matrix of report.matrices) {
      const at = line(report.after, matrix.head) ?? line(report.before, matrix.base);
      out.push('', `**${escapeMarkdown(matrix.title)}**${at === undefined ? '' : ` (line ${at})`}`, '');
      for (const change of matrix.changes) out.push(`- ${escapeMarkdown(change.text)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function formatJson(baseLabel: string, headLabel: string, documents: DocumentReport[]): string {
  const change = (report: DocumentReport, item: ResponsibilityChange) => ({
    kind: item.kind,
    name: item.name,
    previousName: item.previousName,
    moved: item.moved,
    roles: item.roles,
    texts: item.texts.length > 0 ? item.texts : undefined,
    line: line(report.after, item.head),
    previousLine: line(report.before, item.base),
    text: item.text,
  });
  const json = {
    base: baseLabel,
    head: headLabel,
    documents: documents.map((report) => ({
      path: report.pair.display,
      previousPath: report.pair.previous,
      status: report.pair.status,
      matrices: report.matrices.map((matrix) => ({
        title: matrix.title,
        line: line(report.after, matrix.head),
        previousLine: line(report.before, matrix.base),
        changes: matrix.changes.map((item) => change(report, item)),
      })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
