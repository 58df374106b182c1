import * as l10n from '@vscode/l10n';
import { parse as parseYaml } from 'yaml';
import { rescanChunksSteps, splitChunks, type ChunkScan, type Unchanged } from './parse/chunks';
import { readControls, type Controls } from './domain/controls';
import { buildRoleSet, isLegendTable, readEntries, type LegendEntry, type RoleSet } from './domain/legend';
import {
  headerEntries,
  scanLegendLinesSteps,
  writtenLegend,
  type PlacedEntry,
  type ScannedChunks,
  type WrittenLegend,
} from './domain/legendLines';
import { tableIdentity, type ParsedBlocks, type RawHeading, type RawTable } from './parse/markdown';
import { moveLayoutResult, readOtherLayout, readsHeading } from './read/readLayouts';
import { countWords, resolveWords } from './read/readWords';
import { unreadFinding } from './read/unread';
import { hasHugeRow, MAX_COLUMNS, MAX_NESTING, parseDocumentSteps, skippedAsChunked, type ParseCache } from './incremental/parseDocument';
import type { ChunkEntry, LeftAlone } from './incremental/parseCache';
import { mayHoldTable, readFrontMatter, type ChunkParser } from './parse/prose';
import { drain, STEP_LINES, STEP_TABLES } from './incremental/steps';
import { readMatrixSteps, summarizePieces, type Activity, type Matrix } from './read/matrix';
import { firstFrom, LineIndex, type PositionEncoding } from './text/positions';
import { checkMatrixSteps } from './rules/check';
import { findScheme, SCHEMES, type Scheme } from './domain/schemes';
import { legendFixes, matrixCodes, tallyPieces } from './rules/undefinedRole';
import { mergeConfig, severityOf, validateConfig, type RaciConfig, type RaciSettings } from './domain/settings';
import type { Finding, Span } from './model';
import { moveFinding, moveTableResult, ofTable, rememberResult, resultOf, type TableResult } from './incremental/tableCache';
import type { RawFinding } from './rules/rule';
import { flatten, PieceSource, type Source } from './text/source';
import { Memo, slot } from './incremental/memo';
import type { Placed } from './incremental/placed';

/** Everything known about one version of a document; features answer from it without re-parsing. */
export interface DocumentModel {
  /** The text of this version; joined from its pieces when first read (see withText). */
  readonly text: string;
  lines: LineIndex;
  blocks: ParsedBlocks;
  /** Settings after the config file and the front matter were applied. */
  settings: RaciSettings;
  scheme: Scheme;
  roles: RoleSet;
  legend: LegendEntry[];
  legendTables: RawTable[];
  matrices: Matrix[];
  findings: Finding[];
  /** Problems with the document's own configuration (front matter), with where they are. */
  problems: { span: Span; message: string; code?: string }[];
  /** Set when the document was too large to analyse. */
  skipped?: string;
}

export interface AnalysisOptions {
  encoding?: PositionEncoding;
  /** What the previous version's analysis can lend this one: unchanged chunks and tables. */
  cache?: AnalysisCache;
  /** Parse the document in one piece: the reference the chunked parse is tested against. */
  wholeDocument?: boolean;
  /** The text's line starts, if the caller keeps them (RaciDocument.lineStarts). */
  lineStarts?: ArrayLike<number>;
  /** The Markdown parser (parseChunk): a seam for tests that count parses. */
  parse?: ChunkParser;
  /**
   * What did not change since the version `cache` was made from (RaciDocument.changedSince):
   * the chunks are then scanned again around the change only.
   */
  unchanged?: Unchanged;
  /**
   * `false`: no later version will be analysed from this one (raci-lint reads each file once):
   * nothing is filed by its text for it. Hashing the text of every chunk and table was a
   * tenth of linting a documentation repository. The results are the same.
   */
  keep?: boolean;
  /**
   * `false`: the findings come without fixes (`fixes: []`), for a caller that only reports
   * them (raci-lint without --fix): building a matrix's fixes, and ranking them by checking
   * the row each one leaves, is much of its check. The findings themselves are the same.
   */
  fixes?: boolean;
}

export interface AnalysisCache extends ParseCache {
  /** Keyed by the table's text; a result is good for the `context` it was reached in. */
  tables: Map<string, TableResult>;
  /** The codes in force last time: the same object while they do not change, as caches key on it. */
  roles?: { context: string; roles: RoleSet };
  /** The same for the codes of tables under a section's own legend, by their context. */
  scopedRoles?: Map<string, RoleSet>;
  /** Set when prose was scanned, not parsed: the model's headings are those that name matrices (see readAllHeadings). */
  headingsUnread?: boolean;
  /** The chunks of the last version that parsed any, for readAllHeadings when this one parsed none. */
  earlier?: ParseCache;
  /** What the pass over the tables placed, for the next version (see placeKnownTables). */
  placed?: Placed;
  /** Which tables are legends, or have legend entries in their header row (see legendIndexSteps). */
  legendIndex?: LegendIndex;
  /**
   * The chunks whose lines hold legend entries, of `count` chunks: set when the version
   * scanned its lines, and left in its entries the scan of each chunk; unset when that no
   * longer holds (see readAllHeadings, and a run dropped half-way in service.ts).
   */
  legendLines?: { count: number; chunks: number[] };
}

/** A version's tables that are legend tables, and those with legend entries in their header row, by index. */
interface LegendIndex {
  tables: readonly RawTable[];
  legend: number[];
  headers: number[];
}

/**
 * Which tables are legend tables, and which others have entries in their header row: the
 * last version's answer for the tables the edit left alone (before it, and after it, moved
 * or not: the same tables in the same order), read (once per table, see ofTable) for the
 * others. Asking every table at every keystroke was a tenth of an edit of a runbook. The
 * tables read are read a step's worth at a time (see readLegendIndex).
 */
export function* legendIndexSteps(
  tables: readonly RawTable[],
  memo: Memo,
  text: Source,
  last?: LegendIndex,
  leftAlone?: LeftAlone,
): Generator<void, LegendIndex> {
  let head = 0;
  let from = tables.length;
  let lastFrom = last ? last.tables.length : 0;
  if (last && leftAlone) {
    head = firstFrom(last.tables, leftAlone.before);
    if (head > tables.length || (head > 0 && tables[head - 1] !== last.tables[head - 1])) head = 0;
    if (leftAlone.after !== undefined) {
      const tail = firstFrom(tables, leftAlone.after);
      const lastTail = firstFrom(last.tables, leftAlone.after - leftAlone.delta);
      if (
        tail >= head &&
        tables.length - tail === last.tables.length - lastTail &&
        (tail === tables.length || tableIdentity(tables[tail]) === tableIdentity(last.tables[lastTail]))
      ) {
        from = tail;
        lastFrom = lastTail;
      }
    }
  }
  const index: LegendIndex = { tables, legend: [], headers: [] };
  if (last) {
    for (let i = 0; i < last.legend.length && last.legend[i] < head; i++) index.legend.push(last.legend[i]);
    for (let i = 0; i < last.headers.length && last.headers[i] < head; i++) index.headers.push(last.headers[i]);
  }
  for (let next = head; next < from;) {
    next = readLegendIndex(index, next, from, memo, text);
    if (next < from) yield;
  }
  if (last && from < tables.length) {
    for (const i of last.legend) if (i >= lastFrom) index.legend.push(i - lastFrom + from);
    for (const i of last.headers) if (i >= lastFrom) index.headers.push(i - lastFrom + from);
  }
  return index;
}

/**
 * Files tables `from` to `to` in `index`, until a step's worth of tables was read (those the
 * memo knew cost a lookup, and are not counted); returns where it stopped. A document's first
 * analysis reads every table here: two thousand, in a runbook of a megabyte, were one step of
 * 30 to 50 ms, which a request sent meanwhile waited for. A plain function: see summarizePieces.
 */
function readLegendIndex(index: LegendIndex, from: number, to: number, memo: Memo, text: Source): number {
  const known = memo.of(LEGEND_ENTRIES);
  let read = 0;
  for (let i = from; i < to; i++) {
    const table = index.tables[i];
    // Every table is asked whether it is a legend, first: one it was never asked is read.
    if (!known.has(tableIdentity(table))) read++;
    if (ofTable(memo, LEGEND_ENTRIES, table, text, legendEntriesOf)) index.legend.push(i);
    else if (ofTable(memo, HEADER_ENTRIES, table, text, headerEntriesAt).entries.length > 0) index.headers.push(i);
    if (read >= STEP_TABLES) return i + 1;
  }
  return to;
}

/**
 * The chunks whose lines hold legend entries: the last version's outside the chunks the scan
 * looked at (`scanned`: the others are the last version's, see scanLegendLinesSteps), found
 * among those it looked at.
 */
function chunksWithLines(
  order: readonly ChunkEntry[],
  scanned: { from: number; to: number },
  last?: { count: number; chunks: number[] },
): number[] {
  const found: number[] = [];
  if (last) for (let i = 0; i < last.chunks.length && last.chunks[i] < scanned.from; i++) found.push(last.chunks[i]);
  for (let i = scanned.from; i < scanned.to; i++) if (order[i].legend!.entries.length > 0) found.push(i);
  if (last && scanned.to < order.length) {
    const shift = order.length - last.count;
    for (const index of last.chunks) if (index + shift >= scanned.to) found.push(index + shift);
  }
  return found;
}

export type Analysis = DocumentModel & { cache: AnalysisCache };

/** Per table: whether it is one table per activity (`| Role | RACI |`), named by its heading. */
const READS_HEADING = slot<RawTable, boolean>('reads heading');
/** Per table that is not a matrix: why it is reported as unread (or not), where, and in what context. */
const UNREAD = slot<RawTable, { key: string; at: number; finding: RawFinding | undefined }>('unread finding');

/**
 * The unread-matrix finding of a table that is not a matrix, remembered per table: a
 * document of prose holds many ordinary tables, and each edit would read their cells again.
 */
function unreadOf(
  memo: Memo,
  table: RawTable,
  text: Source,
  roles: RoleSet,
  context: string,
  heading: RawHeading | undefined,
): RawFinding | undefined {
  const key = heading ? `${context}\u0000${heading.text}` : context;
  const identity = tableIdentity(table);
  let known = memo.of(UNREAD).get(identity);
  if (known?.key !== key) {
    known = { key, at: table.start, finding: unreadFinding(table, text, roles, heading) };
    memo.of(UNREAD).set(identity, known);
  }
  const delta = table.start - known.at;
  return known.finding && delta !== 0 ? moveFinding(known.finding, delta) : known.finding;
}

/** Per table: its legend entries if it is a legend table, else undefined. */
const LEGEND_ENTRIES = slot<RawTable, LegendEntry[] | undefined>('legend entries');
/** Per table: the legend entries of its header row (`| D = Driver | A = Approver |`), where it was read. */
const HEADER_ENTRIES = slot<RawTable, { at: number; entries: PlacedEntry[] }>('header legend entries');

// What is read of a table once (see ofTable): functions of the table and the text, not
// closures, as each version asks for every table of the document.
const legendEntriesOf = (table: RawTable, text: Source) => (isLegendTable(table, text) ? readEntries(table, text) : undefined);
const headerEntriesAt = (table: RawTable, text: Source) => ({ at: table.start, entries: headerEntries(table, text) });

export function analyze(text: Source, settings: RaciSettings, options: AnalysisOptions = {}): Analysis {
  return drain(analyzeSteps(text, settings, options));
}

/**
 * The analysis, one step per chunk parsed or table read, so that a server can yield
 * between steps (answering a hover while a large document opens) and drop a run that
 * a newer version made useless. Whatever the steps parsed is left in `into`, to be
 * reused even when the run is dropped.
 */
/**
 * Every heading of the document, for the outline. The analysis reads only the headings
 * that name matrices (prose is scanned, not parsed: see parseDocumentSteps), so the prose
 * chunks are parsed here, when an editor asks, once per version; their parses go into the
 * version's cache, for the next version to reuse.
 */
export function readAllHeadings(model: DocumentModel, cache: AnalysisCache): RawHeading[] {
  if (!cache.headingsUnread) return model.blocks.headings;
  const text = model.text;
  const lineStarts = model.lines.lineStarts;
  const into: ParseCache = { chunks: new Map(), runs: new Map(), memo: cache.memo };
  const blocks = drain(
    parseDocumentSteps(text, splitChunks(text, lineStarts), cache.earlier ?? cache, into, lineStarts, { parseProse: true }),
  );
  cache.chunks = into.chunks;
  cache.runs = into.runs;
  cache.order = into.order;
  cache.text = into.text;
  cache.blocks = into.blocks;
  // The prose chunks parsed here are new entries, with no scan of their legend lines: the
  // next version scans every chunk's lines again (see chunksWithLines).
  cache.legendLines = undefined;
  cache.earlier = undefined;
  cache.headingsUnread = undefined;
  model.blocks = { ...model.blocks, headings: blocks.headings };
  return blocks.headings;
}

export function* analyzeSteps(
  text: Source,
  settings: RaciSettings,
  options: AnalysisOptions = {},
  into: AnalysisCache = emptyCache(),
): Generator<void, Analysis> {
  const lines = new LineIndex(text, options.encoding, options.lineStarts);
  const cache = into;
  // What the document's earlier versions remember goes on to this one's.
  if (options.cache) cache.memo = options.cache.memo;
  const memo = cache.memo;
  if (text.length > settings.maxDocumentSize) {
    return withText(text, {
      ...emptyModel(lines, settings),
      skipped: l10n.t(
        'This document has {0} characters, more than raci.maxDocumentSize ({1}): RACI analysis is off for it.',
        text.length,
        settings.maxDocumentSize,
      ),
      cache,
    });
  }
  const parse = options.parse;
  const fixes = options.fixes !== false;
  let blocks: ParsedBlocks;
  // No line can start a table, and no row is too wide to read (whose part is reported skipped).
  const noTable = () =>
    !mayHoldTable(text, lines.lineStarts, 0, text.length) && !(morePipesThan(text, MAX_COLUMNS) && hasHugeRow(text, lines.lineStarts));
  if (!options.wholeDocument && noTable()) {
    // No line can start a table: no matrix, no legend, and nothing for headings and
    // control comments to apply to. Only the front matter's configuration can be wrong.
    const front = readFrontMatter(text);
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    blocks = { tables: [], headings: [], comments: [], frontMatter: front && { ...front, start: front.start + bom, end: front.end + bom } };
    cache.headingsUnread = true;
    // Not a chain: the last version that parsed chunks, whatever came since.
    if (options.cache) cache.earlier = options.cache.earlier ?? options.cache;
  } else {
    let chunks = [{ start: 0, end: text.length, line: 0, first: true }];
    let kept: ChunkScan['kept'];
    if (!options.wholeDocument) {
      const scan = yield* rescanChunksSteps(text, lines.lineStarts, options.cache?.scan, options.unchanged, STEP_LINES);
      cache.scan = scan;
      chunks = scan.chunks;
      // The last version's chunks are its order's only when that order is of its scan's chunks.
      if (options.cache?.order?.length === options.cache?.scan?.chunks.length) kept = scan.kept;
    }
    blocks = yield* parseDocumentSteps(text, chunks, options.cache, cache, options.wholeDocument ? undefined : lines.lineStarts, {
      parse,
      parseProse: options.wholeDocument,
      kept,
      keep: options.keep,
      wholeDocument: options.wholeDocument,
      unchanged:
        options.unchanged && options.cache?.scan
          ? { ...options.unchanged, length: text.length, delta: text.length - options.cache.scan.length }
          : undefined,
    });
    // As the chunked analysis: a document in which no table can start is not looked at for
    // parts to skip (nothing in it is read, a list nested deep included).
    if (options.wholeDocument && !noTable()) blocks = skippedAsChunked(flatten(text), splitChunks(text, lines.lineStarts), blocks);
    if (cache.order?.some((entry) => entry.unread)) cache.headingsUnread = true;
  }
  const problems: DocumentModel['problems'] = [];
  for (const span of blocks.skipped ?? []) {
    problems.push({
      // Its first line, not the whole part: a squiggle under one character went unseen.
      span: { start: span.start, end: Math.max(span.start + 1, Math.min(span.end, lines.lineEnd(lines.lineOf(span.start)))) },
      code: 'skipped-section',
      message: span.nested
        ? l10n.t('Lists or quotes here are nested more than {0} levels deep: RACI analysis skips this part of the document.', MAX_NESTING)
        : l10n.t('A table row here has more than {0} columns: RACI analysis skips this part of the document.', MAX_COLUMNS),
    });
  }
  const front = frontMatterConfig(blocks, problems);
  const effective = mergeConfig(settings, front.config);
  const scheme = findScheme(effective.scheme) ?? SCHEMES.RACI;

  const legendIndex = yield* legendIndexSteps(blocks.tables, memo, text, options.cache?.legendIndex, cache.leftAlone);
  cache.legendIndex = legendIndex;
  const legendTables: RawTable[] = [];
  const tableLegend: LegendEntry[] = [];
  for (const index of legendIndex.legend) {
    const table = blocks.tables[index];
    legendTables.push(table);
    tableLegend.push(...ofTable(memo, LEGEND_ENTRIES, table, text, legendEntriesOf)!);
  }
  const legendSet = new Set(legendTables);
  // Legends written in lines, lists, footnotes and header rows: one scan of the lines, chunk by
  // chunk, around the edit when the last version's scan of the chunks it left alone holds.
  const order = cache.order;
  let chunked: ScannedChunks | undefined;
  if (cache.scan && order && order.length === cache.scan.chunks.length && blocks.tables.length > 0) {
    const lastLines = options.cache?.legendLines;
    const leftAlone = cache.leftAlone;
    const window = lastLines && leftAlone ? { from: leftAlone.head, to: order.length - leftAlone.tail } : undefined;
    const scanned = yield* scanLegendLinesSteps(
      text,
      lines.lineStarts,
      { chunks: cache.scan.chunks, entries: order },
      blocks.frontMatter,
      window,
    );
    const withLines = chunksWithLines(order, scanned, lastLines);
    cache.legendLines = { count: order.length, chunks: withLines };
    chunked = { chunks: cache.scan.chunks, entries: order, withLines };
  }
  const written = writtenLegend(
    text,
    lines.lineStarts,
    blocks,
    legendTables,
    (table) => {
      // Kept with the offsets of the table they were read in: a moved table moves them. Copies,
      // as the legend's classification sets their kinds from the whole document's entries.
      const known = ofTable(memo, HEADER_ENTRIES, table, text, headerEntriesAt);
      const delta = table.start - known.at;
      return known.entries.length === 0
        ? known.entries
        : known.entries.map((entry) => ({ ...entry, start: entry.start + delta, end: entry.end + delta }));
    },
    chunked,
    legendIndex.headers.map((index) => blocks.tables[index]),
  );
  // The legend is read; the tables come next, each a step or more. Apart: in a document's first
  // analysis, the end of the legend's scan and the first table's reading ran as one step of
  // code V8 had not optimised yet (15 to 20 ms in a fresh server).
  if (blocks.tables.length > 0) yield;
  const legend = [...tableLegend, ...written.entries];
  const built = buildRoleSet(scheme, tableLegend, effective.locale, written.global);
  // With no legend and no scheme configured, a matrix's letters may name its scheme.
  const infer = legend.length === 0 && findScheme(effective.scheme) === SCHEMES.RACI && !frontMatterSetsScheme(blocks);
  const controls = readControls(blocks.comments, lines);
  const contextOf = (set: RoleSet) =>
    JSON.stringify([[...set.codes], set.order, set.accountable, set.responsible, effective.maxAccountable, effective.locale, infer]);
  const kept = options.cache?.roles ?? cache.roles;
  let context = '';
  let roles = built;
  if (blocks.tables.length > 0) {
    context = contextOf(built);
    if (kept?.context === context) roles = kept.roles;
    cache.roles = { context, roles };
  } else if (kept) {
    // No table reads the codes (most documents of a repository): they are not worth a
    // context, and the last ones stay for the next version that has a table.
    cache.roles = kept;
  }
  // The codes of a table under a section's own legend: the same object while they do not change, as caches key on it.
  const scoped = new Map<string, RoleSet>();
  const inForce = { roles, context };
  const rolesFor = (table: RawTable): { roles: RoleSet; context: string } => {
    const own = written.byTable.get(table);
    if (!own) return inForce;
    const set = buildRoleSet(scheme, tableLegend, effective.locale, [...own, ...written.global]);
    const key = contextOf(set);
    const known = scoped.get(key) ?? cache.scopedRoles?.get(key) ?? options.cache?.scopedRoles?.get(key) ?? set;
    scoped.set(key, known);
    return { roles: known, context: key };
  };
  const pass: TablePass = {
    text,
    blocks,
    memo,
    fixes,
    effective,
    controls,
    legendSet,
    legendTables,
    written,
    rolesFor,
    matrices: [],
    findings: [],
    nextHeading: 0,
    frontMatterParses: () => (front.parses ??= parsesAsYaml(blocks.frontMatter?.value ?? '')),
    matricesUpTo: [],
    findingsUpTo: [],
  };
  const tables = blocks.tables;
  // Placing a table depends on these besides the table itself (see Placed.key); the line count
  // stands for where the lines are, which the control comments' reach is counted in. Not
  // when a section has a legend of its own: which tables it applies to depends on the headings.
  const placementKey =
    written.byTable.size > 0
      ? undefined
      : JSON.stringify([
          context,
          effective,
          fixes,
          lines.lineStarts.length,
          blocks.comments.map((comment) => [comment.start, comment.end, comment.value]),
        ]);
  const last = placementKey !== undefined && options.cache?.placed?.key === placementKey ? options.cache.placed : undefined;
  const leftAlone = cache.leftAlone;
  const first = last && leftAlone ? takeHead(pass, last, leftAlone.before) : 0;
  if (last && leftAlone?.after !== undefined) pass.tail = tailOf(pass, last, leftAlone.after, leftAlone.delta);
  for (let index = placeKnownTables(pass, first); index < tables.length; index = placeKnownTables(pass, index + 1)) {
    // A table this version has no result for by its identity: found by its text, or read.
    const table = tables[index];
    // What placeKnownTables worked out for it before stopping there.
    const { roles: tableRoles, codesContext, heading, tableContext } = pass.stopped!;
    // By text only when not by identity (hashing every table's text at every edit costs
    // more than the edit), and only for a table read whole: one read in pieces finds its pieces' readings.
    const key = table.pieces.length > 1 || options.keep === false ? undefined : text.slice(table.start, table.end);
    let known = key === undefined ? undefined : (options.cache?.tables.get(key) ?? cache.tables.get(key));
    if (known?.context !== tableContext) known = undefined;
    const result = known
      ? moveResult(known, table)
      : yield* analyzeTable(table, text, tableRoles, effective.maxAccountable, tableContext, memo, heading, {
          infer,
          locale: effective.locale,
          scoped: tableRoles !== roles,
          fixes,
        });
    rememberResult(memo, table, result);
    if (key !== undefined) cache.tables.set(key, result);
    if (!known) yield;
    place(pass, index, result, heading, tableRoles, codesContext);
  }
  const { matrices } = pass;
  pass.matricesUpTo[tables.length] = matrices.length;
  pass.findingsUpTo[tables.length] = pass.findings.length;
  cache.placed =
    placementKey === undefined
      ? undefined
      : {
          key: placementKey,
          tables,
          matrices,
          findings: pass.findings,
          matricesUpTo: pass.matricesUpTo,
          findingsUpTo: pass.findingsUpTo,
        };
  cache.scopedRoles = scoped;
  // A copy: the next version takes the findings in the order they were placed.
  const findings = pass.findings.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  return withText(text, { lines, blocks, settings: effective, scheme, roles, legend, legendTables, matrices, findings, problems, cache });
}

/** What the pass over a version's tables reads, and what it gathers (see placeKnownTables). */
interface TablePass {
  text: Source;
  blocks: ParsedBlocks;
  memo: Memo;
  fixes: boolean;
  effective: RaciSettings;
  controls: Controls;
  legendSet: Set<RawTable>;
  legendTables: RawTable[];
  written: WrittenLegend;
  rolesFor: (table: RawTable) => { roles: RoleSet; context: string };
  matrices: Matrix[];
  findings: Finding[];
  /** Tables and headings are both in document order: one pass finds each table's heading. */
  nextHeading: number;
  /** What placeKnownTables found of the table it stopped at, for the analysis to read it with. */
  stopped?: { roles: RoleSet; codesContext: string; heading: RawHeading | undefined; tableContext: string };
  /** Whether the front matter is valid YAML: parsed once a fix needs to know, at most once per version. */
  frontMatterParses: () => boolean;
  /** How many matrices and findings were placed before each table (see Placed). */
  matricesUpTo: number[];
  findingsUpTo: number[];
  /** The tables after the edit: the last version's, `delta` further, from `from` on (see tailOf). */
  tail?: { from: number; after: number; last: Placed; lastFrom: number; delta: number };
}

/**
 * Takes what the last version placed for the tables before `before` (its own objects: the
 * edit left their chunks alone, and what placing them depends on is the same, see
 * Placed.key), and returns the index of the first table to place.
 */
function takeHead(pass: TablePass, last: Placed, before: number): number {
  const tables = pass.blocks.tables;
  const count = firstFrom(last.tables, before);
  if (count === 0 || count > tables.length || tables[count - 1] !== last.tables[count - 1]) return 0;
  if (pass.fixes && hasDocumentFixes(last.findings, 0, last.findingsUpTo[count])) return 0;
  pass.matrices = last.matrices.slice(0, last.matricesUpTo[count]);
  pass.findings = last.findings.slice(0, last.findingsUpTo[count]);
  pass.matricesUpTo = last.matricesUpTo.slice(0, count);
  pass.findingsUpTo = last.findingsUpTo.slice(0, count);
  // The headings before the last table taken (a heading never holds a table, so they end
  // before it too) are behind the next table's.
  pass.nextHeading = firstFrom(pass.blocks.headings, tables[count - 1].start);
  return count;
}

/**
 * The tables from `after` on, when they are the last version's, where they were or moved
 * `delta` further by the edit (see TablePass.tail).
 */
function tailOf(pass: TablePass, last: Placed, after: number, delta: number): TablePass['tail'] {
  const tables = pass.blocks.tables;
  const from = firstFrom(tables, after);
  const lastFrom = firstFrom(last.tables, after - delta);
  if (
    from >= tables.length ||
    tables.length - from !== last.tables.length - lastFrom ||
    tableIdentity(tables[from]) !== tableIdentity(last.tables[lastFrom]) ||
    tables[from].start - last.tables[lastFrom].start !== delta
  )
    return undefined;
  if (pass.fixes && hasDocumentFixes(last.findings, last.findingsUpTo[lastFrom], last.findings.length)) return undefined;
  return { from, after, last, lastFrom, delta };
}

/**
 * Takes what the last version placed for table `index` and every one after it: the tables
 * of the tail (see tailOf) from the first whose heading is in the tail too. Before that one,
 * a table's heading, or the table before its heading, may be in what the edit changed.
 */
function takeTail(pass: TablePass, index: number): void {
  const { last, from, lastFrom, delta } = pass.tail!;
  const at = index - from + lastFrom;
  const matrices = pass.matrices.length - last.matricesUpTo[at];
  const findings = pass.findings.length - last.findingsUpTo[at];
  for (let i = at; i < last.tables.length; i++) {
    pass.matricesUpTo.push(last.matricesUpTo[i] + matrices);
    pass.findingsUpTo.push(last.findingsUpTo[i] + findings);
  }
  if (delta === 0) {
    for (let i = last.matricesUpTo[at]; i < last.matrices.length; i++) pass.matrices.push(last.matrices[i]);
    for (let i = last.findingsUpTo[at]; i < last.findings.length; i++) pass.findings.push(last.findings[i]);
    return;
  }
  // Moved by the edit: each matrix onto its table of this version, under its heading of this
  // version (the tables and headings after the edit are the last version's, moved); each
  // finding moved as it is, fixes and severity included.
  const tables = pass.blocks.tables;
  for (let k = at; k < last.tables.length; k++) {
    for (let m = last.matricesUpTo[k]; m < last.matricesUpTo[k + 1]; m++) {
      const table = tables[k - lastFrom + from];
      const old = last.matrices[m];
      // As a result read on the table it stood on: moved from the matrix as it was read.
      const matrix = moveResult({ base: old.table.start, context: '', matrix: old, findings: [] }, table).matrix!;
      matrix.heading = headingAbove(pass, table);
      pass.matrices.push(matrix);
    }
  }
  for (let i = last.findingsUpTo[at]; i < last.findings.length; i++) {
    const finding = last.findings[i];
    pass.findings.push({ ...moveFinding(finding, delta), severity: finding.severity });
  }
}

/**
 * Places the tables from `from` on whose results this version has by their identity (every
 * table an edit left alone, moved or not), and returns the first table that needs more. A
 * plain function, not part of the analysis's generator: V8 optimises a hot loop in a
 * generator late, and this one runs over every table of the document at every edit.
 */
function placeKnownTables(pass: TablePass, from: number): number {
  const tables = pass.blocks.tables;
  for (let index = from; index < tables.length; index++) {
    const table = tables[index];
    pass.matricesUpTo[index] = pass.matrices.length;
    pass.findingsUpTo[index] = pass.findings.length;
    const heading = headingAbove(pass, table);
    if (pass.tail && index >= pass.tail.from && heading && heading.start >= pass.tail.after) {
      pass.matricesUpTo.length = index;
      pass.findingsUpTo.length = index;
      takeTail(pass, index);
      return tables.length;
    }
    if (pass.legendSet.has(table)) continue;
    const { roles, context } = pass.rolesFor(table);
    // A result found by the table's identity stays as it was read: it is moved from there at
    // each version, and remembering each version's move would be an entry written per table per edit.
    const tableContext = resultContext(pass, table, heading, context);
    const known = resultOf(pass.memo, table, tableContext);
    if (!known) {
      pass.stopped = { roles, codesContext: context, heading, tableContext };
      return index;
    }
    place(pass, index, moveResult(known, table), heading, roles, context);
  }
  return tables.length;
}

/** A table's result moved onto `table`, a move of the table it was read on: a matrix of another layout moves its cells by their place. */
function moveResult(result: TableResult, table: RawTable): TableResult {
  return result.matrix?.layout ? moveLayoutResult(result, table) : moveTableResult(result, table);
}

/** The heading a table is under: the last one that ends before it. */
function headingAbove(pass: TablePass, table: RawTable): RawHeading | undefined {
  const headings = pass.blocks.headings;
  while (pass.nextHeading < headings.length && headings[pass.nextHeading].end <= table.start) pass.nextHeading++;
  return headings[pass.nextHeading - 1];
}

/** What a table's result depends on beyond its text: the codes in force, its heading if it names it, whether fixes are wanted. */
function resultContext(pass: TablePass, table: RawTable, heading: RawHeading | undefined, codesContext: string): string {
  // A table named by its heading (one table per activity) is read again when the heading changes.
  const named =
    heading && ofTable(pass.memo, READS_HEADING, table, pass.text, readsHeading) ? `${codesContext}\u0000${heading.text}` : codesContext;
  // A result without fixes is no answer for a caller that wants them.
  return pass.fixes ? named : `${named}\u0000no fixes`;
}

/** A table's result in the model: its matrix and findings, or why it is not read. */
function place(
  pass: TablePass,
  index: number,
  result: TableResult,
  heading: RawHeading | undefined,
  roles: RoleSet,
  codesContext: string,
): void {
  const table = pass.blocks.tables[index];
  const matrix = result.matrix;
  const { effective, controls, findings } = pass;
  if (!matrix) {
    // Not kept with the table's result: the reason may depend on the heading above it,
    // and a heading speaks for the first table under it, not for a plan further down.
    const previous = pass.blocks.tables[index - 1];
    const first = heading && !(previous && previous.start > heading.end);
    const unread = unreadOf(pass.memo, table, pass.text, roles, codesContext, first ? heading : undefined);
    const severity = unread && severityOf(effective, unread.ruleId);
    if (unread && severity && severity !== 'off' && !controls.isDisabled(unread.ruleId, unread.start))
      findings.push({ ...unread, severity });
    return;
  }
  matrix.heading = heading;
  pass.matrices.push(matrix);
  for (let i = 0; i < result.findings.length; i++) {
    const raw = result.findings[i];
    const severity = severityOf(effective, raw.ruleId);
    if (severity === 'off' || controls.isDisabled(raw.ruleId, raw.start)) continue;
    const own = !pass.fixes
      ? []
      : fixesFromDocument(raw)
        ? legendFixes(raw, matrix, pass.text, pass.blocks, pass.legendTables, pass.written, effective, pass.frontMatterParses)
        : raw.fixes;
    findings.push({ ...raw, fixes: own, severity });
  }
}

/**
 * Whether a finding's fixes are built at placing, from the rest of the document: an
 * undefined code's add it to the legend or set the scheme in the front matter, wherever
 * those are. Such a finding is placed again at every version, never taken (see takeHead).
 */
function fixesFromDocument(finding: { ruleId: string }): boolean {
  return finding.ruleId === 'undefined-role';
}

/** Whether findings[from, to) hold one whose fixes were built from the rest of the document (see fixesFromDocument). */
function hasDocumentFixes(findings: readonly Finding[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (fixesFromDocument(findings[i]) && findings[i].fixes.length > 0) return true;
  return false;
}

/**
 * Whether the text holds more than `count` pipes; a row of more columns needs them, so a
 * text with fewer is not worth hasHugeRow's reading of its long lines (prose paragraphs).
 * An open document's text is a PieceSource, of one piece or more: its pieces are counted.
 */
function morePipesThan(text: Source, count: number): boolean {
  const pieces = typeof text === 'string' ? [text] : text instanceof PieceSource ? text.pieces : undefined;
  if (!pieces) return true;
  let pipes = 0;
  for (const piece of pieces) for (let at = piece.indexOf('|'); at >= 0; at = piece.indexOf('|', at + 1)) if (++pipes > count) return true;
  return false;
}

function frontMatterSetsScheme(blocks: ParsedBlocks): boolean {
  const value = blocks.frontMatter?.value;
  return value !== undefined && /(^|\n)[ \t]+scheme[ \t]*:/.test(value);
}

function* analyzeTable(
  table: RawTable,
  text: Source,
  roles: RoleSet,
  maxAccountable: number,
  cacheKey: string,
  memo: Memo,
  heading: RawHeading | undefined,
  options: { infer: boolean; locale: string; scoped: boolean; fixes: boolean },
): Generator<void, TableResult> {
  // The other layouts first: each looks at the first header cells before reading any row.
  const other = readOtherLayout(table, text, roles, heading);
  if (other) {
    const words = resolveWords(other, roles, memo);
    const codes = matrixCodes(words.matrix, roles, memo, options);
    const findings = yield* checkMatrixSteps(words.matrix, {
      source: text,
      roles: codes.roles,
      maxAccountable,
      memo,
      fixes: options.fixes,
    });
    return {
      base: table.start,
      context: cacheKey,
      matrix: words.matrix,
      findings: [...(words.finding ? [words.finding] : []), ...codes.findings, ...findings],
    };
  }
  // Reading a large table's rows is the long part of a first analysis: a step every few hundred.
  for (let next = 0; next < table.pieces.length;) {
    next = summarizePieces(table.pieces, next, text, roles, memo);
    if (next < table.pieces.length) yield;
  }
  const read = yield* readMatrixSteps(table, text, roles, memo);
  if (read && read.pieces.length > 1) yield* pieceSteps(read.pieces, memo, countWords);
  const words = read && resolveWords(read, roles, memo);
  const matrix = words?.matrix;
  if (!matrix) return { base: table.start, context: cacheKey, matrix, findings: [] };
  // The matrix's own pieces: resolving a word ("Responsable") makes new ones.
  if (matrix.pieces.length > 1) yield* pieceSteps(matrix.pieces, memo, tallyPieces);
  const codes = matrixCodes(matrix, roles, memo, options);
  const checkKey = codes.roles === roles ? cacheKey : `${cacheKey}\u0000${codes.roles.inferred ?? ''}\u0000${codes.roles.order.join(',')}`;
  const findings = yield* checkMatrixSteps(matrix, {
    source: text,
    roles: codes.roles,
    maxAccountable,
    cacheKey: checkKey,
    memo,
    fixes: options.fixes,
  });
  return {
    base: table.start,
    context: cacheKey,
    matrix,
    findings: [...(words.finding ? [words.finding] : []), ...codes.findings, ...findings],
  };
}

/**
 * Runs `count` over the pieces of a matrix a step at a time: it counts from a piece on, until
 * a step's worth of rows was counted (pieces counted already are passed), and says where it
 * stopped. What it counted is kept per piece, for resolveWords and matrixCodes to add up.
 */
function* pieceSteps(
  pieces: Activity[][],
  memo: Memo,
  count: (pieces: Activity[][], from: number, memo: Memo) => number,
): Generator<void, void> {
  for (let next = 0; next < pieces.length;) {
    next = count(pieces, next, memo);
    if (next < pieces.length) yield;
  }
}

export function emptyCache(): AnalysisCache {
  return { chunks: new Map(), runs: new Map(), tables: new Map(), memo: new Memo() };
}

function emptyModel(lines: LineIndex, settings: RaciSettings): Omit<DocumentModel, 'text'> {
  const scheme = findScheme(settings.scheme) ?? SCHEMES.RACI;
  return {
    lines,
    blocks: { tables: [], headings: [], comments: [] },
    settings,
    scheme,
    roles: buildRoleSet(scheme, [], settings.locale),
    legend: [],
    legendTables: [],
    matrices: [],
    findings: [],
    problems: [],
  };
}

/**
 * The model, with the text of its version. An open document's text comes in pieces, and
 * joining them is a copy of the document, and garbage, at every version: the analysis does without, and the text is joined when a feature first reads
 * it (a hover, a fix), once per version. A getter, so a spread of the model joins it.
 */
function withText<T extends Omit<DocumentModel, 'text'>>(source: Source, model: T): T & { readonly text: string } {
  if (typeof source === 'string') return Object.assign(model, { text: source });
  let text: string | undefined;
  return Object.defineProperty(model, 'text', { get: () => (text ??= flatten(source)), enumerable: true }) as T & { readonly text: string };
}

/**
 * `raci:` in YAML front matter configures this one document; `parses` says whether the
 * front matter is valid YAML, when it was parsed (only if it has a `raci:` key).
 */
function frontMatterConfig(blocks: ParsedBlocks, problems: DocumentModel['problems']): { config?: RaciConfig; parses?: boolean } {
  const frontMatter = blocks.frontMatter;
  if (!frontMatter || !/(^|\n)raci\s*:/.test(frontMatter.value)) return {};
  let data: unknown;
  try {
    data = parseYaml(frontMatter.value, { logLevel: 'error' });
  } catch (error) {
    problems.push({ span: frontMatter, message: l10n.t('The front matter is not valid YAML: {0}', (error as Error).message) });
    return { parses: false };
  }
  const raci = (data as Record<string, unknown> | null)?.raci;
  if (raci === undefined) return { parses: true };
  const { config, problems: found } = validateConfig(raci);
  for (const problem of found) problems.push({ span: frontMatter, message: l10n.t('raci front matter: {0}', problem) });
  return { config, parses: true };
}

/** Whether a text is valid YAML. */
function parsesAsYaml(text: string): boolean {
  try {
    parseYaml(text, { logLevel: 'error' });
    return true;
  } catch {
    return false;
  }
}
