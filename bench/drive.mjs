/**
 * Driving: what the benchmark does to one document. It spawns `dist/server.js --stdio` and
 * talks to it as an editor would (bench/lsp.mjs), times the same document through the
 * engine alone, in process, to tell where the time goes, and times what today's linters do
 * on every change (a whole-document remark-gfm parse, a markdownlint lint) for comparison.
 * Nothing here formats or judges: bench/report.mjs does.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cellsOf, rng } from './generate.mjs';
import { startServer } from './lsp.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER = path.join(ROOT, 'dist/server.js');

const require = createRequire(import.meta.url);

/**
 * What is done to each document. Enough single edits that the p95 is not one slow keystroke
 * (with 60, it is the fourth slowest); the pause before each one is a typist who looks at
 * the squiggles, so every edit finds the server idle.
 */
export const PLAN = {
  // Enough that the p95 is the eighth-slowest edit: the first keystrokes after an open run
  // code V8 has not optimised yet, and are reported on their own (report.mjs), not hidden.
  edits: 150,
  /** The first edits after the open, reported apart: how the first keystrokes feel. */
  firstEdits: 5,
  pause: 40,
  requests: 100,
  burst: 10,
  // Enough that one slow burst does not decide the target (judged on the p95, as edits are).
  bursts: 20,
  coldSamples: 3,
  /** Hovers sent right behind the didOpen of the largest document, to ours and to the floor server, each. */
  hoversAtOpen: 5,
  /**
   * Hovers sent half-way through a fresh server's open of the largest document, judged on
   * their median as those at didOpen are: one hover, sent once, was decided by whatever
   * that one open was doing then (a young collection, a step of the chunk scan).
   */
  hoversHalfWay: 5,
  rpcSamples: 30,
};

export const log = (...a) => console.error('[bench]', ...a);
export const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1];

/** CPU seconds used so far by a process (utime + stime), from /proc/<pid>/stat. */
function processCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0; // not Linux: the report's share of other load is then n/a
  }
}

/**
 * The servers of a run: every one is stopped by the bench, or killed if the bench dies, and
 * the CPU time they used is counted, so that the report can tell the machine's other load
 * from the bench's own.
 */
export class Servers {
  #live = new Set();
  cpuSeconds = 0;

  async spawn(serverPath = SERVER) {
    const server = await startServer(serverPath);
    this.#live.add(server);
    return server;
  }

  async stop(server) {
    this.#live.delete(server);
    this.cpuSeconds += processCpuSeconds(server.pid);
    await server.shutdown();
  }

  killAll() {
    for (const server of this.#live) server.process.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------- edits and positions

/** A code letter (I or C) in a party cell of `line`, or undefined. */
function codeLetterIn(line, random) {
  const spots = [];
  for (const cell of cellsOf(line).slice(1)) {
    for (let c = cell.start; c < cell.end; c++) if (line[c] === 'I' || line[c] === 'C') spots.push(c);
  }
  return spots.length ? spots[Math.floor(random() * spots.length)] : undefined;
}

/**
 * One-cell edits spread over the document's matrix rows (one per slice of them, in random
 * order), each on a line of its own, since a second edit of a line would depend on the order.
 * A third of them type a character into an activity's name: the text after it moves, as it
 * does at every keystroke (`length` is how many characters an edit replaces).
 */
function planEdits(doc, lines, random) {
  const edits = [];
  const seen = new Set();
  const slice = doc.rowLines.length / PLAN.edits;
  for (let k = 0; k < PLAN.edits; k++) {
    for (let tries = 0; tries < 50; tries++) {
      const row = Math.min(doc.rowLines.length - 1, Math.floor((k + random()) * slice));
      const line = doc.rowLines[row];
      if (seen.has(line)) continue;
      if (k % 3 === 1) {
        const name = cellsOf(lines[line])[0];
        if (!name) continue;
        seen.add(line);
        edits.push({ line, character: letterOf(lines[line], name), length: 0, text: 'x' });
        break;
      }
      const character = codeLetterIn(lines[line], random);
      if (character === undefined) continue;
      seen.add(line);
      const old = lines[line][character];
      // Mostly I↔C; every fifth edit types a code that is not one (a new finding).
      const text = k % 5 === 4 ? 'X' : old === 'I' ? 'C' : 'I';
      edits.push({ line, character, length: 1, text });
      break;
    }
  }
  for (let i = edits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [edits[i], edits[j]] = [edits[j], edits[i]];
  }
  return edits;
}

/** A random party cell; `at` is on its first letter (a code), or its middle if it is empty. */
function randomCell(doc, lines, random) {
  const line = doc.rowLines[Math.floor(random() * doc.rowLines.length)];
  const cells = cellsOf(lines[line]).slice(1);
  const cell = cells[Math.floor(random() * cells.length)];
  return { line, cell, at: letterOf(lines[line], cell) };
}

function letterOf(line, cell) {
  for (let c = cell.start; c < cell.end; c++) if (/\p{L}/u.test(line[c])) return c;
  return cell.start;
}

const sameDiagnostics = (a, b) => {
  const key = (d) =>
    JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.severity, d.message]);
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
};

// ---------------------------------------------------------------- the server, as an editor drives it

async function coldOpen(servers, uri, text) {
  const server = await servers.spawn();
  const t0 = now();
  await server.open(uri, text);
  const published = await server.diagnostics(uri, 1);
  const elapsed = published.at - t0;
  const rss = server.peakRss();
  await servers.stop(server);
  return { elapsed, rss, diagnostics: published.diagnostics };
}

/**
 * Everything measured through the server for one document (`doc` from generate(), with its
 * `variant` and `label`). `duringCold`: also time hovers sent while a fresh server opens it
 * (done on each shape's largest document only, where a cold open lasts long enough to matter),
 * and the same hover sent to `floorServer` (see buildFloorServer), if given.
 */
export async function benchServer(servers, doc, { duringCold = false, floorServer } = {}) {
  const uri = `file:///bench/${doc.variant}-${doc.label.replace(/\s+/g, '')}.md`;
  const lines = doc.text.split('\n');
  const random = rng(doc.rows + 11);
  const result = { cold: [], edits: [], hover: [], completion: [], action: [], rpc: [], bursts: [], paced: undefined };

  // Cold opens: fresh servers, nothing else sent.
  for (let i = 1; i < PLAN.coldSamples; i++) result.cold.push((await coldOpen(servers, uri, doc.text)).elapsed);

  const server = await servers.spawn();
  const t0 = now();
  await server.open(uri, doc.text);
  let latest = await server.diagnostics(uri, 1);
  result.cold.unshift(latest.at - t0);
  result.initialDiagnostics = latest.diagnostics.length;
  let version = 1;

  // One-cell edits, each waited for, each after a pause. The first one too: sent the very
  // moment a large document's first diagnostics arrive, it runs while V8 is still optimising
  // the edit path on another thread (see docs/performance.md, Known limits).
  const edits = planEdits(doc, lines, random);
  for (const edit of edits) {
    await sleep(PLAN.pause);
    const line = lines[edit.line];
    lines[edit.line] = line.slice(0, edit.character) + edit.text + line.slice(edit.character + edit.length);
    version++;
    const range = {
      start: { line: edit.line, character: edit.character },
      end: { line: edit.line, character: edit.character + edit.length },
    };
    const t = now();
    await server.change(uri, version, [{ range, text: edit.text }]);
    latest = await server.diagnostics(uri, version);
    result.edits.push(latest.at - t);
  }
  result.editPlan = edits;

  // The JSON-RPC floor: a hover on a document that is not open does no work.
  for (let i = 0; i < PLAN.rpcSamples; i++) {
    const t = now();
    await server.hover('file:///bench/not-open.md', { line: 0, character: 0 });
    result.rpc.push(now() - t);
  }

  // Hovers, completions, code actions at random cells of the current version.
  let hoverHits = 0;
  for (let i = 0; i < PLAN.requests; i++) {
    const { line, at } = randomCell(doc, lines, random);
    const t = now();
    const hover = await server.hover(uri, { line, character: at });
    result.hover.push(now() - t);
    if (hover) hoverHits++;
  }
  let completionItems = 0;
  for (let i = 0; i < PLAN.requests; i++) {
    const { line, cell } = randomCell(doc, lines, random);
    const t = now();
    const list = await server.completion(uri, { line, character: cell.end });
    result.completion.push(now() - t);
    completionItems += (Array.isArray(list) ? list : (list?.items ?? [])).length;
  }
  let actions = 0;
  const diagnostics = latest.diagnostics;
  for (let i = 0; i < PLAN.requests; i++) {
    let range;
    let context;
    if (i % 2 === 1 && diagnostics.length) {
      // Half on a squiggle, as when the light bulb is clicked.
      const diagnostic = diagnostics[Math.floor(random() * diagnostics.length)];
      range = diagnostic.range;
      context = [diagnostic];
    } else {
      const { line, cell } = randomCell(doc, lines, random);
      range = { start: { line, character: cell.start }, end: { line, character: cell.end } };
      context = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
    }
    const t = now();
    const list = await server.codeActions(uri, range, context);
    result.action.push(now() - t);
    actions += list?.length ?? 0;
  }
  result.answers = { hoverHits, completionItems, actions };

  // Typing bursts: edits of one cell back-to-back, as fast as the pipe takes them.
  const burstEdit = async (line, character, text) => {
    lines[line] = lines[line].slice(0, character) + text + lines[line].slice(character + 1);
    version++;
    const range = { start: { line, character }, end: { line, character: character + 1 } };
    await server.change(uri, version, [{ range, text }]);
    return version;
  };
  const runBurst = async (where, gap) => {
    let line;
    let character;
    for (let row = Math.floor(where * doc.rowLines.length); character === undefined; row = (row + 1) % doc.rowLines.length) {
      line = doc.rowLines[row];
      character = codeLetterIn(lines[line], random);
    }
    const old = lines[line][character];
    const letters = ['Q', 'W', 'E', 'T', 'Y', 'U', 'O', 'P', 'K', old === 'I' ? 'C' : 'I'].slice(-PLAN.burst);
    const first = version + 1;
    const staleBefore = server.stale.length;
    let sentLast = 0;
    for (let i = 0; i < letters.length; i++) {
      if (i === letters.length - 1) sentLast = now();
      await burstEdit(line, character, letters[i]);
      if (gap && i < letters.length - 1) await sleep(gap);
    }
    const last = version;
    const published = await server.diagnostics(uri, last);
    // Long enough for anything still on its way for an older version: it would be stale.
    await sleep(200);
    const intermediate = server.published.filter((p) => p.uri === uri && p.version >= first && p.version < last);
    latest = published;
    return {
      latency: published.at - sentLast,
      intermediate: intermediate.length,
      afterLast: intermediate.filter((p) => p.at > published.at).length + (server.stale.length - staleBefore),
    };
  };
  for (let b = 0; b < PLAN.bursts; b++) result.bursts.push(await runBurst((b + 0.5) / PLAN.bursts, 0));
  result.paced = await runBurst(0.3, PLAN.pause);

  result.rss = server.peakRss();
  result.finalText = lines.join('\n');
  result.finalDiagnostics = latest.diagnostics;
  result.stale = server.stale.length;
  await servers.stop(server);

  // Identical to analysing from scratch: a fresh server, the final text.
  const scratch = await coldOpen(servers, uri, result.finalText);
  result.sameAsScratch = sameDiagnostics(result.finalDiagnostics, scratch.diagnostics);
  result.finalCount = result.finalDiagnostics.length;

  // Hover during a cold analysis: fresh servers; hovers sent right behind the didOpen, and
  // others half-way through the cold open measured above. A hover sent with the document waits,
  // in any server on our protocol library, for the whole didOpen to be read, decoded and
  // parsed: the same hover is timed against a server that does nothing (its floor), so that
  // the report can tell what ours adds.
  const target = doc.rowLines[doc.rowLines.length - 3];
  const targetLine = doc.text.split('\n', target + 1)[target];
  const targetCells = cellsOf(targetLine).slice(1);
  const position = { line: target, character: letterOf(targetLine, targetCells.find((c) => c.text) ?? targetCells[0]) };
  result.duringCold = [];
  result.hoverFloor = [];
  if (!duringCold) return result;
  // The floor's hovers alternate with ours, so that a drift in the machine's load weighs on both.
  const floorHover = async () => {
    const floor = await servers.spawn(floorServer);
    await floor.open(uri, doc.text);
    const h = now();
    await floor.hover(uri, position);
    result.hoverFloor.push(now() - h);
    await servers.stop(floor);
  };
  const delays = [...Array(PLAN.hoversAtOpen).fill(0), ...Array(PLAN.hoversHalfWay).fill(median(result.cold) / 2)];
  for (const delay of delays) {
    if (delay === 0 && floorServer) await floorHover();
    const fresh = await servers.spawn();
    const t = now();
    await fresh.open(uri, doc.text);
    if (delay) await sleep(delay);
    const h = now();
    const hover = await fresh.hover(uri, position);
    const answered = now();
    const published = await fresh.diagnostics(uri, 1);
    result.duringCold.push({
      atOpen: delay === 0,
      sentAt: h - t,
      latency: answered - h,
      beforeDiagnostics: answered < published.at,
      answered: hover !== null,
      diagnosticsAt: published.at - t,
    });
    await servers.stop(fresh);
  }
  return result;
}

/**
 * A server that reads every message and does nothing with it (bench/floorServer.mjs), bundled
 * and minified as dist/server.js is, so that the two run the protocol library's code alike.
 * Returns the bundle's path (in `dir`), or undefined if it cannot be built.
 */
export async function buildFloorServer(dir) {
  try {
    return await bundle('bench/floorServer.mjs', path.join(dir, 'floorServer.js'), { minify: true });
  } catch (error) {
    log(`floor server unavailable: ${error.message}`);
    return undefined;
  }
}

/** Bundles `entry` (relative to the repository) into one CommonJS file for Node, as esbuild.mjs bundles the server. */
async function bundle(entry, outfile, { minify = false } = {}) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

// ---------------------------------------------------------------- the engine alone (where the time goes)

/** The engine bundled from server/src/engine, loaded in process; undefined if that fails. */
export async function loadEngine() {
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-bench-'));
    const engine = require(await bundle('server/src/engine/index.ts', path.join(dir, 'engine.cjs')));
    fs.rmSync(dir, { recursive: true, force: true });
    if (typeof engine.createRaciService !== 'function' || !engine.DEFAULT_SETTINGS) throw new Error('engine API changed');
    return engine;
  } catch (error) {
    log(`engine breakdown unavailable: ${error.message}`);
    return undefined;
  }
}

/** The engine's own time on the server's cold open and edits, without the protocol around it. */
export function engineBreakdown(engine, text, edits) {
  if (!engine) return undefined;
  const settings = engine.DEFAULT_SETTINGS;
  const uri = 'file:///bench/engine.md';
  const service = engine.createRaciService();
  const t0 = now();
  service.getDiagnostics({ uri, version: 1, getText: () => text }, settings);
  const cold = [now() - t0];
  const lines = text.split('\n');
  const perEdit = [];
  let version = 1;
  for (const edit of edits) {
    const line = lines[edit.line];
    lines[edit.line] = line.slice(0, edit.character) + edit.text + line.slice(edit.character + edit.length);
    const current = lines.join('\n');
    version++;
    const t0 = now();
    service.getDiagnostics({ uri, version, getText: () => current }, settings);
    perEdit.push(now() - t0);
  }
  return { cold, perEdit };
}

// ---------------------------------------------------------------- the same work, the usual way

/** A whole-document remark-gfm parse and a markdownlint lint: what other tools redo on each change. */
export async function loadComparators() {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  const { lint } = await import('markdownlint/sync');
  const version = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const processor = unified().use(remarkParse).use(remarkGfm);
  return {
    versions: { unified: version('unified'), remarkGfm: version('remark-gfm'), markdownlint: version('markdownlint') },
    remark: (text) => processor.parse(text),
    markdownlint: (text) => lint({ strings: { document: text } }),
    split: (text) => text.split('\n').map((line) => line.split('|')),
  };
}

/**
 * `reps` timed runs after one warm-up run on `warmUp` (a smaller text of the same shape), so
 * that the comparators run with a warm JIT, as the server does.
 */
export function time(fn, text, reps, warmUp = text) {
  fn(warmUp);
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    fn(text);
    samples.push(now() - t0);
  }
  return samples;
}

/** Repetitions of a comparator: fewer on larger documents, where each run lasts longer. */
export const repsFor = (bytes) => (bytes <= 150_000 ? 10 : bytes <= 500_000 ? 5 : 3);
