#!/usr/bin/env node
/**
 * `npm run bench`: how fast the language server answers on generated RACI documents of five
 * shapes and three sizes each (bench/generate.mjs), driving the built server over stdio as an
 * editor would and, in the same run, timing what today's linters do on every change: a
 * whole-document remark-gfm parse and a markdownlint lint (bench/drive.mjs). The report
 * judges every target of docs/performance.md on every shape (bench/report.mjs).
 *
 * Per document, each in a fresh server process:
 *   - cold open: didOpen → first publishDiagnostics for version 1 (fresh servers);
 *   - one-cell edits spread over the document's matrices, as incremental didChange with a
 *     range (a third of them type a character, moving the text after it), each timed to the
 *     publishDiagnostics of its version;
 *   - hovers, completions and code actions at random cells (round trips);
 *   - typing bursts: edits back-to-back, timed from the last one to its diagnostics;
 *     intermediate versions must not be published after it; and one paced burst;
 *   - hover during a cold analysis (the largest size of each shape): fresh servers, hovers
 *     sent right after didOpen and one half-way through the cold open; the hovers sent with
 *     the didOpen are also sent to a server that does nothing (bench/floorServer.mjs), which
 *     still has to read, decode and parse the message first: the protocol's floor;
 *   - peak RSS (VmHWM) of the server at the end;
 *   - the final diagnostics compared with a fresh server's analysis of the final text.
 * Where the time goes: the engine alone (bundled from server/src/engine, in process) on
 * the same cold open and edits, the JSON-RPC round trip of a request that does no work,
 * and the debounce the server's source configures, if any.
 * How many of each: PLAN in bench/drive.mjs. Flags: USAGE below (`npm run bench -- --help`).
 * No timing here belongs in the test suite: this is a report, it never fails a build.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  benchServer,
  buildFloorServer,
  engineBreakdown,
  loadComparators,
  loadEngine,
  log,
  now,
  PLAN,
  repsFor,
  ROOT,
  SERVER,
  Servers,
  time,
} from './drive.mjs';
import { generate, parseSize, SHAPES, sizeLabel } from './generate.mjs';
import { cpuBusySeconds, machine, ms, p50, p95, report, writeResults } from './report.mjs';

const USAGE = `Usage: npm run bench [-- FLAGS]   (or: node bench/run.mjs [FLAGS])

Shapes (bench/generate.mjs) and their default sizes:
  tables    a 50-row matrix of 5 parties per section       1000,4000,11000 rows
  single    one matrix of 5 parties                        1000,4000,11000 rows
  sections  many '## Area i' sections: 2 lines of prose,   100k,300k,1m bytes
            a 4-row matrix of 3 parties
  prose     prose with a few matrices and ordinary tables  100k,300k,1m bytes
  wide      one matrix of 30 parties                       100k,300k,1m bytes

Flags:
  --variants=LIST  shapes to run, comma-separated (default: all five)
  --sizes=LIST     sizes to run, comma-separated. A bare number is data rows and sizes
                   tables and single; a number with k or m is bytes (k = 1,000, m = 1,000,000;
                   kb and mb also read) and sizes sections, prose and wide. Each shape runs the
                   sizes of its unit; without --variants, only the shapes it has sizes
                   for run; a shape named in --variants with none of them is an error.
                   Example: --sizes=1000,100k runs tables and single at 1,000 rows and the
                   other shapes at about 100,000 bytes.
  --no-build       skip \`node esbuild.mjs\` (dist/server.js must exist)
  --json=FILE      write every sample to FILE, for comparing runs
  --write          replace the '## Results' section of docs/performance.md with the report
  --help           print this

The smallest run, for development: node bench/run.mjs --variants=sections --sizes=100k
Targets judged on every shape: edit→diagnostics p95, flatness (largest ÷ smallest size),
cold open ÷ remark-gfm parse, request p95, peak RSS (bench/report.mjs TARGETS).
`;

/** A mistake on the command line: reported with the usage, not a stack. */
class UsageError extends Error {}
const fail = (message) => {
  throw new UsageError(message);
};

/** The command line, checked: a mistyped flag must not run a different bench for minutes. */
function parseArguments(argv) {
  const known = new Set(['variants', 'sizes', 'no-build', 'json', 'write', 'help']);
  const flags = new Map();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !known.has(match[1])) throw new UsageError(`unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? true);
  }
  if (flags.has('help')) return { help: true };
  let sizes;
  if (flags.has('sizes')) {
    sizes = String(flags.get('sizes'))
      .split(',')
      .filter(Boolean)
      .map((written) => parseSize(written) ?? fail(`not a size: ${written}`));
  }
  // Without --variants, the shapes that --sizes has sizes for: `--sizes=1000` runs tables and
  // single, as it did before shapes were sized in bytes.
  const variants = flags.has('variants')
    ? String(flags.get('variants')).split(',').filter(Boolean)
    : Object.keys(SHAPES).filter((v) => !sizes || sizes.some((s) => s.unit === SHAPES[v].unit));
  for (const v of variants) if (!(v in SHAPES)) throw new UsageError(`unknown shape ${v}`);
  const runs = variants.map((variant) => {
    const { unit } = SHAPES[variant];
    const chosen = sizes ? sizes.filter((s) => s.unit === unit).map((s) => s.value) : SHAPES[variant].sizes;
    if (!chosen.length)
      throw new UsageError(`${variant} is sized in ${unit}: --sizes holds none (${unit === 'rows' ? 'e.g. 1000' : 'e.g. 100k'})`);
    return { variant, unit, sizes: [...new Set(chosen)].sort((a, b) => a - b) };
  });
  if (flags.get('json') === true) throw new UsageError('--json needs a file: --json=FILE');
  return { runs, build: !flags.has('no-build'), json: flags.get('json'), write: flags.has('write') };
}

async function main() {
  const started = now();
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.build) {
    log('building (node esbuild.mjs)');
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run without --no-build`);
  const info = machine(ROOT);
  const comparators = await loadComparators();
  const engine = await loadEngine();
  const servers = new Servers();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-bench-'));
  const floorServer = await buildFloorServer(scratch);
  process.on('exit', () => {
    servers.killAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const results = [];
  for (const { variant, unit, sizes } of args.runs) {
    for (const size of sizes) {
      const label = sizeLabel(size, unit);
      const doc = { ...generate(size, variant), variant, label };
      const bytes = Buffer.byteLength(doc.text);
      log(`${variant} ${label} (${doc.rows} rows, ${Math.round(bytes / 1024)} KiB): server`);
      const server = await benchServer(servers, doc, { duringCold: size === sizes.at(-1), floorServer });
      const reps = repsFor(bytes);
      log(`${variant} ${label}: engine, remark-gfm ×${reps}, markdownlint ×${reps}`);
      const engineResult = engineBreakdown(engine, doc.text, server.editPlan);
      const smallest = SHAPES[variant].sizes[0];
      const warmUp = size > smallest ? generate(smallest, variant).text : doc.text;
      const remark = time(comparators.remark, doc.text, reps, warmUp);
      // A comparator that fails (markdownlint 0.42 overflows its stack on a 1 MB table of 30
      // columns) is reported as such; the server's figures do not depend on it.
      let markdownlint = [NaN];
      try {
        markdownlint = time(comparators.markdownlint, doc.text, reps, warmUp);
      } catch (error) {
        log(`${variant} ${label}: markdownlint failed: ${error.message}`);
      }
      const split = time(comparators.split, doc.text, 20);
      results.push({
        variant,
        size,
        unit,
        label,
        rows: doc.rows,
        lines: doc.lines,
        bytes,
        server,
        engine: engineResult,
        remark,
        markdownlint,
        split,
      });
      log(
        `  cold ${ms(p50(server.cold))} ms, edit p50/p95 ${ms(p50(server.edits))}/${ms(p95(server.edits))} ms, ` +
          `remark ${ms(p50(remark))} ms, markdownlint ${ms(p50(markdownlint))} ms, RSS ${Math.round(server.rss / 2 ** 20)} MB`,
      );
    }
  }
  info.loadEnd = os.loadavg();
  info.elapsed = (now() - started) / 1000;
  const own = process.cpuUsage();
  info.ownCpu = (own.user + own.system) / 1e6 + servers.cpuSeconds;
  info.otherCpu = cpuBusySeconds() - info.cpuStart - info.ownCpu;
  const body = report(info, results, comparators.versions, PLAN);
  console.log(body);
  if (args.json) {
    // The final text and diagnostics are left out: large, and derived. The edit plan stays,
    // each edit beside its time: which edits are slow (a typed character near the top?).
    const samples = results.map((r) => {
      const server = { ...r.server };
      for (const key of ['finalText', 'finalDiagnostics']) delete server[key];
      return { ...r, server };
    });
    fs.writeFileSync(
      args.json,
      JSON.stringify({ machine: info, comparators: comparators.versions, plan: PLAN, results: samples }, null, 1),
    );
    log(`wrote ${args.json}`);
  }
  if (args.write) {
    const doc = path.join(ROOT, 'docs/performance.md');
    writeResults(doc, body);
    log(`wrote ${path.relative(ROOT, doc)}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
