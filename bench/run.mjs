#!/usr/bin/env node
/**
 * `npm run bench` — issue #5's benchmark. For generated RACI documents of 1,000 / 4,000 /
 * 11,000 rows (many 50-row tables, and one single table), drives the built language
 * server over stdio as an editor would and, in the same run, times what today's
 * linters do on every change: a whole-document remark-gfm parse and a markdownlint lint.
 *
 * Per document, each in a fresh server process:
 *   - cold open: didOpen → first publishDiagnostics for version 1 (3 fresh servers);
 *   - 30 one-cell edits spread over the document, as incremental didChange with a range,
 *     each timed to the publishDiagnostics of its version;
 *   - 100 hovers, 100 completions, 100 code actions at random cells (round trips);
 *   - typing bursts: 10 edits back-to-back, timed from the last one to its diagnostics;
 *     intermediate versions must not be published after it; and one paced burst (40 ms);
 *   - hover during a cold analysis: a fresh server, a hover sent right after didOpen and
 *     one half-way through the cold open;
 *   - peak RSS (VmHWM) of the server at the end;
 *   - the final diagnostics compared with a fresh server's analysis of the final text.
 * Where the time goes: the engine alone (bundled from server/src/engine, in process) on
 * the same cold open and edits, the JSON-RPC round trip of a request that does no work,
 * and the debounce the server's source configures, if any.
 *
 * Flags: --no-build  skip `node esbuild.mjs`
 *        --write     replace the `## Results` section of docs/performance.md
 *        --json=FILE every sample, for comparing runs
 *        --sizes=1000,4000  --variants=tables,single  (subsets, for development)
 * No timing here belongs in the test suite: this is a report, it never fails a build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cellsOf, generate, rng } from './generate.mjs';
import { startServer } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(ROOT, 'dist/server.js');
const DOC = path.join(ROOT, 'docs/performance.md');
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const found = argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const SIZES = option('sizes', '1000,4000,11000').split(',').map(Number);
const VARIANTS = option('variants', 'tables,single').split(',');
const EDITS = 30;
const REQUESTS = 100;
const BURST = 10;
const BURSTS = 3;
const COLD_SAMPLES = 3;

const T = {
  editP95: 20,
  flat: 2,
  requestP95: 5,
  rssMB: 150,
  hoverDuringCold: 20,
};

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const started = now();

// ---------------------------------------------------------------- statistics, formatting

function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const p50 = (v) => quantile(v, 0.5);
const p95 = (v) => quantile(v, 0.95);
function ms(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
const ratio = (value) => (Number.isFinite(value) ? `${value >= 10 ? Math.round(value) : value.toFixed(1)}×` : 'n/a');
const kRows = (rows) => (rows >= 1000 ? `${rows / 1000}k` : String(rows));
const mark = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');

// ---------------------------------------------------------------- machine

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim();
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {}
  let commit = 'unknown';
  let dirty = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--', 'server', 'esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3).split('/').slice(0, 3).join('/'));
    if (changed.length) dirty = ` + uncommitted changes in ${[...new Set(changed)].join(', ')}`;
  } catch {}
  // The validation debounce, if the server configures one (`createValidator({ … delay: N … })`).
  let debounce;
  let debounceFile;
  for (const file of ['server/src/lsp/startServer.ts', 'server/src/server.ts']) {
    try {
      const found = /createValidator\(\{[\s\S]{0,800}?\bdelay:\s*(\d+)\b/.exec(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      if (found) {
        debounce = Number(found[1]);
        debounceFile = file;
        break;
      }
    } catch {}
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc,
    cpu: mhz ? `${model} (${Math.round(Number(mhz))} MHz)` : model,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: commit + dirty,
    load: os.loadavg(),
    debounce: Number.isFinite(debounce) ? debounce : undefined,
    debounceFile,
    cpuStart: cpuBusySeconds(),
  };
}

/** Busy CPU seconds of the whole machine since boot (all cores), from /proc/stat. */
function cpuBusySeconds() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100; // USER_HZ = 100 on Linux
  } catch {
    return NaN;
  }
}

/** CPU seconds used so far by a process (utime + stime), from /proc/<pid>/stat. */
function processCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
let serverCpuSeconds = 0;

// ---------------------------------------------------------------- the same work, the usual way

async function loadComparators() {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  const { lint } = await import('markdownlint/sync');
  const markdownlintVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/markdownlint/package.json'), 'utf8')).version;
  const processor = unified().use(remarkParse).use(remarkGfm);
  return {
    markdownlintVersion,
    remark: (text) => processor.parse(text),
    markdownlint: (text) => lint({ strings: { document: text } }),
    split: (text) => text.split('\n').map((line) => line.split('|')),
  };
}

/** `reps` timed runs after one warm-up run on `warmUp` (a smaller text of the same shape). */
function time(fn, text, reps, warmUp = text) {
  fn(warmUp);
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    fn(text);
    samples.push(now() - t0);
  }
  return samples;
}

// ---------------------------------------------------------------- the engine alone (where the time goes)

async function loadEngine() {
  try {
    const esbuild = await import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-bench-'));
    const outfile = path.join(dir, 'engine.cjs');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'server/src/engine/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    });
    const engine = require(outfile);
    fs.rmSync(dir, { recursive: true, force: true });
    if (typeof engine.createRaciService !== 'function' || !engine.DEFAULT_SETTINGS) throw new Error('engine API changed');
    return engine;
  } catch (error) {
    log(`engine breakdown unavailable: ${error.message}`);
    return undefined;
  }
}

function engineBreakdown(engine, text, edits) {
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
    lines[edit.line] = line.slice(0, edit.character) + edit.text + line.slice(edit.character + 1);
    const current = lines.join('\n');
    version++;
    const t0 = now();
    service.getDiagnostics({ uri, version, getText: () => current }, settings);
    perEdit.push(now() - t0);
  }
  return { cold, perEdit };
}

// ---------------------------------------------------------------- the server, as an editor drives it

const servers = new Set();
async function spawnServer() {
  const server = await startServer(SERVER);
  servers.add(server);
  return server;
}
async function stop(server) {
  servers.delete(server);
  serverCpuSeconds += processCpuSeconds(server.pid);
  await server.shutdown();
}
process.on('exit', () => {
  for (const server of servers) server.process.kill('SIGKILL');
});

/** A code letter (I or C) in a party cell of `line`, or undefined. */
function codeLetterIn(line, random) {
  const spots = [];
  for (const cell of cellsOf(line).slice(1)) {
    for (let c = cell.start; c < cell.end; c++) if (line[c] === 'I' || line[c] === 'C') spots.push(c);
  }
  return spots.length ? spots[Math.floor(random() * spots.length)] : undefined;
}

/** Thirty one-cell edits spread over the document (one per thirtieth, random order). */
function planEdits(doc, lines, random) {
  const edits = [];
  const slice = doc.rowLines.length / EDITS;
  for (let k = 0; k < EDITS; k++) {
    for (let tries = 0; tries < 50; tries++) {
      const row = Math.min(doc.rowLines.length - 1, Math.floor((k + random()) * slice));
      const line = doc.rowLines[row];
      const character = codeLetterIn(lines[line], random);
      if (character === undefined) continue;
      const old = lines[line][character];
      // Mostly I↔C; every fifth edit types a code that is not one (a new finding).
      const text = k % 5 === 4 ? 'X' : old === 'I' ? 'C' : 'I';
      edits.push({ line, character, text });
      break;
    }
  }
  for (let i = edits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [edits[i], edits[j]] = [edits[j], edits[i]];
  }
  // Two edits of the same character would depend on order: keep the first of each.
  const seen = new Set();
  return edits.filter((e) => !seen.has(`${e.line}:${e.character}`) && seen.add(`${e.line}:${e.character}`));
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

async function coldOpen(uri, text) {
  const server = await spawnServer();
  const t0 = now();
  await server.open(uri, text);
  const published = await server.diagnostics(uri, 1);
  const elapsed = published.at - t0;
  const rss = server.peakRss();
  await stop(server);
  return { elapsed, rss, diagnostics: published.diagnostics };
}

async function benchServer(doc) {
  const uri = `file:///bench/${doc.variant}-${doc.rows}.md`;
  const lines = doc.text.split('\n');
  const random = rng(doc.rows + 11);
  const result = { cold: [], edits: [], hover: [], completion: [], action: [], rpc: [], bursts: [], paced: undefined };

  // Cold opens: fresh servers, nothing else sent.
  for (let i = 1; i < COLD_SAMPLES; i++) result.cold.push((await coldOpen(uri, doc.text)).elapsed);

  const server = await spawnServer();
  const t0 = now();
  await server.open(uri, doc.text);
  let latest = await server.diagnostics(uri, 1);
  result.cold.unshift(latest.at - t0);
  result.initialDiagnostics = latest.diagnostics.length;
  let version = 1;

  // Thirty one-cell edits, each waited for; a pause before each, as between keystrokes of
  // someone who looks at the squiggles. The first one too: sent the very moment a large
  // document's first diagnostics arrive, it ran while V8 was still optimising the edit
  // path on another thread (15 to 30 ms at 11,000 rows; see docs/performance.md).
  const edits = planEdits(doc, lines, random);
  for (const edit of edits) {
    await sleep(40);
    const line = lines[edit.line];
    lines[edit.line] = line.slice(0, edit.character) + edit.text + line.slice(edit.character + 1);
    version++;
    const range = { start: { line: edit.line, character: edit.character }, end: { line: edit.line, character: edit.character + 1 } };
    const t = now();
    await server.change(uri, version, [{ range, text: edit.text }]);
    latest = await server.diagnostics(uri, version);
    result.edits.push(latest.at - t);
  }
  result.editPlan = edits;

  // The JSON-RPC floor: a hover on a document that is not open does no work.
  for (let i = 0; i < 30; i++) {
    const t = now();
    await server.hover('file:///bench/not-open.md', { line: 0, character: 0 });
    result.rpc.push(now() - t);
  }

  // Hovers, completions, code actions at random cells of the current version.
  let hoverHits = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const { line, at } = randomCell(doc, lines, random);
    const t = now();
    const hover = await server.hover(uri, { line, character: at });
    result.hover.push(now() - t);
    if (hover) hoverHits++;
  }
  let completionItems = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const { line, cell } = randomCell(doc, lines, random);
    const t = now();
    const list = await server.completion(uri, { line, character: cell.end });
    result.completion.push(now() - t);
    completionItems += (Array.isArray(list) ? list : (list?.items ?? [])).length;
  }
  let actions = 0;
  const diagnostics = latest.diagnostics;
  for (let i = 0; i < REQUESTS; i++) {
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

  // Typing bursts: ten edits of one cell back-to-back, as fast as the pipe takes them.
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
    const letters = ['Q', 'W', 'E', 'T', 'Y', 'U', 'O', 'P', 'K', old === 'I' ? 'C' : 'I'].slice(-BURST);
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
    await sleep(200); // anything still coming for an older version would be stale
    const intermediate = server.published.filter((p) => p.uri === uri && p.version >= first && p.version < last);
    latest = published;
    return {
      latency: published.at - sentLast,
      intermediate: intermediate.length,
      afterLast: intermediate.filter((p) => p.at > published.at).length + (server.stale.length - staleBefore),
    };
  };
  for (let b = 0; b < BURSTS; b++) result.bursts.push(await runBurst((b + 0.5) / BURSTS, 0));
  result.paced = await runBurst(0.3, 40);

  result.rss = server.peakRss();
  result.finalText = lines.join('\n');
  result.finalDiagnostics = latest.diagnostics;
  result.stale = server.stale.length;
  await stop(server);

  // Identical to analysing from scratch: a fresh server, the final text.
  const scratch = await coldOpen(uri, result.finalText);
  result.sameAsScratch = sameDiagnostics(result.finalDiagnostics, scratch.diagnostics);
  result.finalCount = result.finalDiagnostics.length;

  // Hover during a cold analysis: fresh servers; one hover right after didOpen, one
  // half-way through the cold open measured above.
  const target = doc.rowLines[doc.rowLines.length - 3];
  const targetLine = doc.text.split('\n', target + 1)[target];
  const targetCells = cellsOf(targetLine).slice(1);
  const position = { line: target, character: letterOf(targetLine, targetCells.find((c) => c.text) ?? targetCells[0]) };
  const coldMedian = p50(result.cold);
  result.duringCold = [];
  for (const delay of doc.rows === Math.max(...SIZES) ? [0, coldMedian / 2] : []) {
    const fresh = await spawnServer();
    const t = now();
    await fresh.open(uri, doc.text);
    if (delay) await sleep(delay);
    const h = now();
    const hover = await fresh.hover(uri, position);
    const answered = now();
    const published = await fresh.diagnostics(uri, 1);
    result.duringCold.push({ sentAt: h - t, latency: answered - h, beforeDiagnostics: answered < published.at, answered: hover !== null, diagnosticsAt: published.at - t });
    await stop(fresh);
  }
  return result;
}

// ---------------------------------------------------------------- report

function report(info, results, comparatorsInfo) {
  const out = [];
  const byKey = new Map(results.map((r) => [`${r.variant}:${r.rows}`, r]));
  const smallest = Math.min(...SIZES);
  const largest = Math.max(...SIZES);
  out.push(
    `Machine: ${info.nproc} cores, ${info.cpu}, ${info.memory}; Node ${info.node}; ${info.os}. ` +
      `Run ${info.date} on ${info.commit}; load average at start ${info.load.map((l) => l.toFixed(2)).join(' / ')} ` +
      `(1/5/15 min), at end ${info.loadEnd.map((l) => l.toFixed(2)).join(' / ')}. Comparators: remark-parse + remark-gfm ` +
      `(unified ${comparatorsInfo.unified}, remark-gfm ${comparatorsInfo.remarkGfm}), markdownlint ${comparatorsInfo.markdownlint} (default config). ` +
      `Whole bench: ${Math.round(info.elapsed)} s. Other processes on the machine used ${Number.isFinite(info.otherCpu) ? `${Math.max(0, (100 * info.otherCpu) / (info.elapsed * Number(info.nproc))).toFixed(0)}%` : 'n/a'} ` +
      `of its ${info.nproc} cores meanwhile (busy CPU time from /proc/stat minus the bench's and its servers').`,
    '',
  );
  if (info.otherCpu / (info.elapsed * Number(info.nproc)) > 0.15) {
    out.push(
      '**This run shared the machine with other work** (see the share above): every figure, the comparators\' included, ' +
        'is slower and noisier than on a quiet machine. Ratios taken within the run (remark ÷ cold) suffer less than absolute times.',
      '',
    );
  }
  out.push(
    '| document | rows | lines | KiB | cold open ms p50 / p95 | edit→diag ms p50 / p95 | burst last→diag ms p50 / max | hover / completion / action p95 ms | peak RSS MB | remark-gfm parse ms p50 / p95 | markdownlint ms p50 / p95 | remark ÷ cold | edit p95 ÷ 1k edit p95 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of results) {
    const base = byKey.get(`${r.variant}:${smallest}`);
    const flat = r.rows !== smallest && base ? p95(r.server.edits) / p95(base.server.edits) : undefined;
    const bursts = r.server.bursts.map((b) => b.latency);
    out.push(
      `| ${r.variant} | ${r.rows.toLocaleString('en-US')} | ${r.lines.toLocaleString('en-US')} | ${Math.round(r.bytes / 1024)} | ` +
        `${ms(p50(r.server.cold))} / ${ms(p95(r.server.cold))} | ${ms(p50(r.server.edits))} / ${ms(p95(r.server.edits))} | ` +
        `${ms(p50(bursts))} / ${ms(Math.max(...bursts))} | ` +
        `${ms(p95(r.server.hover))} / ${ms(p95(r.server.completion))} / ${ms(p95(r.server.action))} | ${Math.round(r.server.rss / 2 ** 20)} | ` +
        `${ms(p50(r.remark))} / ${ms(p95(r.remark))} | ${ms(p50(r.markdownlint))} / ${ms(p95(r.markdownlint))} | ` +
        `${ratio(p50(r.remark) / p50(r.server.cold))} | ${flat === undefined ? '—' : ratio(flat)} |`,
    );
  }
  out.push('');
  out.push(
    `Cold open: didOpen → first publishDiagnostics, ${COLD_SAMPLES} fresh servers, each started and initialized before the clock starts ` +
      `(p95 of ${COLD_SAMPLES} = the slowest). ` +
      `Edit→diag: ${EDITS} one-cell incremental didChange spread over the document, each sent 40 ms after the diagnostics of the one before (the first, 40 ms after those of the open) and timed to the publishDiagnostics of its version. ` +
      `Burst: ${BURST} edits of one cell sent back-to-back, last edit → diagnostics of the last version (${BURSTS} bursts). ` +
      `Requests: ${REQUESTS} each at random cells (half of the code actions on a diagnostic), round trips. ` +
      `remark / markdownlint: whole document, 1 warm-up then ${results.map((r) => `${repsFor(r.rows)}`).filter((v, i, a) => a.indexOf(v) === i).join(' / ')} repetitions ` +
      `(${[...new Set(results.map((r) => kRows(r.rows)))].join(' / ')} rows), in the bench process, one after the other (never alongside the server).`,
    '',
  );

  // Targets.
  const pick = (variant, rows) => byKey.get(`${variant}:${rows}`);
  const variants = [...new Set(results.map((r) => r.variant))];
  const rowsOf = [...new Set(results.map((r) => r.rows))];
  const all = (test) => results.every(test);
  const per = (fn) => variants.map((v) => `${v}: ${rowsOf.map((n) => (pick(v, n) ? `${kRows(n)} ${fn(pick(v, n))}` : '')).filter(Boolean).join(', ')}`).join('; ');
  const large = variants.map((v) => pick(v, largest)).filter(Boolean);
  const targets = [];
  targets.push([
    `edit → fresh diagnostics p95 ≤ ${T.editP95} ms`,
    per((r) => `${ms(p95(r.server.edits))}`),
    mark(all((r) => p95(r.server.edits) <= T.editP95)),
  ]);
  const flats = variants.map((v) => pick(v, largest) && pick(v, smallest) && largest !== smallest ? [v, p95(pick(v, largest).server.edits) / p95(pick(v, smallest).server.edits)] : undefined).filter(Boolean);
  targets.push([
    `flat: ${kRows(largest)} edit p95 ≤ ${T.flat} × ${kRows(smallest)} edit p95`,
    flats.map(([v, f]) => `${v}: ${ratio(f)}`).join('; ') || 'n/a',
    flats.length ? mark(flats.every(([, f]) => f <= T.flat)) : 'n/a',
  ]);
  targets.push([
    'identical to analysing from scratch (final diagnostics = a fresh server\'s)',
    per((r) => (r.server.sameAsScratch ? `same (${r.server.finalCount})` : 'DIFFERENT')),
    mark(all((r) => r.server.sameAsScratch)),
  ]);
  targets.push([
    'open no slower than one whole-document remark-gfm parse (aim: 10× faster)',
    per((r) => ratio(p50(r.remark) / p50(r.server.cold))),
    `${mark(all((r) => p50(r.server.cold) <= p50(r.remark)))}${all((r) => p50(r.server.cold) * 10 <= p50(r.remark)) ? ' (aim met)' : ' (aim not met)'}`,
  ]);
  targets.push([
    `hover during a cold analysis answered ≤ ${T.hoverDuringCold} ms (sent at didOpen / half-way)`,
    large.map((r) => `${r.variant} ${kRows(r.rows)}: ${r.server.duringCold.map((h) => ms(h.latency)).join(' / ')} (cold ${ms(p50(r.server.cold))})`).join('; ') || 'n/a',
    large.length ? mark(large.every((r) => r.server.duringCold.every((h) => h.latency <= T.hoverDuringCold))) : 'n/a',
  ]);
  targets.push([
    `hover / completion / code action p95 ≤ ${T.requestP95} ms on ${kRows(largest)} rows`,
    large.map((r) => `${r.variant}: ${ms(p95(r.server.hover))} / ${ms(p95(r.server.completion))} / ${ms(p95(r.server.action))}`).join('; ') || 'n/a',
    large.length ? mark(large.every((r) => Math.max(p95(r.server.hover), p95(r.server.completion), p95(r.server.action)) <= T.requestP95)) : 'n/a',
  ]);
  targets.push([
    `peak server RSS ≤ ${T.rssMB} MB with the ${kRows(largest)}-row document open`,
    large.map((r) => `${r.variant}: ${Math.round(r.server.rss / 2 ** 20)} MB`).join('; ') || 'n/a',
    large.length ? mark(large.every((r) => r.server.rss / 2 ** 20 <= T.rssMB)) : 'n/a',
  ]);
  targets.push([
    `typing burst: last keystroke → diagnostics ≤ ${T.editP95} ms, nothing older published after it`,
    per((r) => `${ms(Math.max(...r.server.bursts.map((b) => b.latency)))} (one edit p95 ${ms(p95(r.server.edits))})${r.server.bursts.some((b) => b.afterLast) ? ' STALE' : ''}`),
    mark(all((r) => r.server.bursts.every((b) => b.latency <= T.editP95 && b.afterLast === 0) && r.server.stale === 0)),
  ]);
  out.push('| target | measured | result |', '|---|---|---|');
  for (const [what, measured, result] of targets) out.push(`| ${what} | ${measured} | ${result} |`);
  out.push('');

  // Where the time goes.
  out.push(
    'Where the time goes. Engine: `getDiagnostics` of the engine bundled from server/src/engine, in the bench process ' +
      '(warm JIT), on the same text and the same edits. RPC floor: a hover on a document that is not open (no work). ' +
      (info.debounce !== undefined ? `Debounce: the \`delay\` configured in ${info.debounceFile} (${info.debounce} ms). ` : 'Debounce: none configured in the server (counted as 0). ') +
      `Edit→diag min: the fastest of the ${EDITS} edits, a floor. Rest = edit→diag p50 − debounce − engine edit p50 − RPC floor p50 ` +
      '(document update, diagnostics to JSON, timer slack, the machine\'s other load; the engine runs in another process, so it can be negative). Burst publications: how many of the ' +
      `${BURST - 1} intermediate versions of each burst were published (0 = coalesced). Paced: ${BURST} keystrokes 40 ms apart, last → diagnostics.`,
    '',
    '| document | rows | engine cold ms | engine edit ms p50 / p95 | edit→diag min ms | RPC floor ms p50 | debounce ms | rest ms | burst intermediate publications | paced burst last→diag ms (intermediate published) | split lines+cells ms p50 | diagnostics open → end | non-null hovers |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of results) {
    const e = r.engine;
    const rest = e ? p50(r.server.edits) - (info.debounce ?? 0) - p50(e.perEdit) - p50(r.server.rpc) : NaN;
    out.push(
      `| ${r.variant} | ${r.rows.toLocaleString('en-US')} | ${e ? ms(e.cold[0]) : 'n/a'} | ${e ? `${ms(p50(e.perEdit))} / ${ms(p95(e.perEdit))}` : 'n/a'} | ` +
        `${ms(Math.min(...r.server.edits))} | ${ms(p50(r.server.rpc))} | ${info.debounce ?? 'none'} | ${ms(rest)} | ${r.server.bursts.map((b) => b.intermediate).join(', ')} | ` +
        `${ms(r.server.paced.latency)} (${r.server.paced.intermediate}/${BURST - 1}) | ${ms(p50(r.split))} | ${r.server.initialDiagnostics} → ${r.server.finalCount} | ${r.server.answers.hoverHits}/${REQUESTS} |`,
    );
  }
  out.push('');
  const during = results.filter((r) => r.rows === largest);
  if (during.length) {
    out.push('Hover during a cold analysis (fresh server each):', '');
    out.push('| document | rows | hover sent after didOpen ms | hover answered in ms | answered before first diagnostics | hover result | first diagnostics at ms |', '|---|--:|--:|--:|---|---|--:|');
    for (const r of during) {
      for (const h of r.server.duringCold) {
        out.push(`| ${r.variant} | ${r.rows.toLocaleString('en-US')} | ${ms(h.sentAt)} | ${ms(h.latency)} | ${h.beforeDiagnostics ? 'yes' : 'no'} | ${h.answered ? 'hover' : 'null'} | ${ms(h.diagnosticsAt)} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function writeResults(body) {
  const section =
    '## Results\n\n' +
    'Output of `npm run bench -- --write` (bench/run.mjs), overwritten on each such run. `npm run bench` builds, ' +
    'generates the documents (bench/generate.mjs: front matter, a legend, 5 parties; "tables" = a heading and a 50-row table per section, ' +
    '"single" = one table; about one row in a hundred carries a real mistake), drives `node dist/server.js --stdio` as an editor would ' +
    'and prints this; `-- --no-build` skips the build, `-- --json=FILE` keeps every sample, `-- --sizes=1000 --variants=single` runs a subset. ' +
    'Nothing here is timed in the test suite.\n\n' +
    `${body.trim()}\n`;
  let content = fs.existsSync(DOC)
    ? fs.readFileSync(DOC, 'utf8')
    : '# Performance\n\n## Design\n\n_Placeholder: the design (how the server stays fast on large documents) is written by the lead._\n\n';
  const start = content.search(/^## Results\b/m);
  if (start < 0) content = `${content.trimEnd()}\n\n${section}`;
  else {
    const next = content.slice(start + 1).search(/^## /m);
    const end = next < 0 ? content.length : start + 1 + next;
    content = `${content.slice(0, start)}${section}${end < content.length ? `\n${content.slice(end)}` : ''}`;
  }
  fs.writeFileSync(DOC, content);
  log(`wrote ${path.relative(ROOT, DOC)}`);
}

// ---------------------------------------------------------------- main

const repsFor = (rows) => (rows <= 1500 ? 10 : rows <= 5000 ? 5 : 3);

async function main() {
  if (!flag('no-build')) {
    log('building (node esbuild.mjs)');
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run without --no-build`);
  const info = machine();
  const comparators = await loadComparators();
  const version = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const comparatorsInfo = { unified: version('unified'), remarkGfm: version('remark-gfm'), markdownlint: comparators.markdownlintVersion };
  const engine = await loadEngine();

  const results = [];
  for (const variant of VARIANTS) {
    for (const rows of SIZES) {
      const doc = { ...generate(rows, variant), variant };
      const bytes = Buffer.byteLength(doc.text);
      log(`${variant} ${rows} rows (${Math.round(bytes / 1024)} KiB): server`);
      const server = await benchServer(doc);
      const reps = repsFor(rows);
      log(`${variant} ${rows} rows: engine, remark-gfm ×${reps}, markdownlint ×${reps}`);
      const engineResult = engineBreakdown(engine, doc.text, server.editPlan);
      const warmUp = rows > 1000 ? generate(1000, variant).text : doc.text;
      const remark = time(comparators.remark, doc.text, reps, warmUp);
      const markdownlint = time(comparators.markdownlint, doc.text, reps, warmUp);
      const split = time(comparators.split, doc.text, 20);
      results.push({ variant, rows, lines: doc.lines, bytes, server, engine: engineResult, remark, markdownlint, split });
      log(
        `  cold ${ms(p50(server.cold))} ms, edit p50/p95 ${ms(p50(server.edits))}/${ms(p95(server.edits))} ms, ` +
          `remark ${ms(p50(remark))} ms, markdownlint ${ms(p50(markdownlint))} ms, RSS ${Math.round(server.rss / 2 ** 20)} MB`,
      );
    }
  }
  info.loadEnd = os.loadavg();
  info.elapsed = (now() - started) / 1000;
  const own = process.cpuUsage();
  info.ownCpu = (own.user + own.system) / 1e6 + serverCpuSeconds;
  info.otherCpu = cpuBusySeconds() - info.cpuStart - info.ownCpu;
  const body = report(info, results, comparatorsInfo);
  console.log(body);
  const json = option('json');
  if (json) {
    const samples = results.map(({ server, ...r }) => {
      const { finalText, finalDiagnostics, editPlan, ...rest } = server;
      return { ...r, server: rest };
    });
    fs.writeFileSync(json, JSON.stringify({ machine: info, comparators: comparatorsInfo, results: samples }, null, 1));
    log(`wrote ${json}`);
  }
  if (flag('write')) writeResults(body);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
