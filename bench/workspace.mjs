#!/usr/bin/env node
/**
 * `npm run bench:workspace` — issue #15's benchmark: a whole documentation repository.
 * Generates, in a temporary folder, a tree like a company handbook (about 5,000 Markdown
 * files, 50–60 MB: headings, long prose, lists, links, code blocks with pipes, ordinary
 * tables in a third of the files, front matter, a few percent of files with RACI
 * matrices, some 200–300 KB prose files, list items with fenced code), and times on it,
 * in one run:
 *   - reading every file (the floor): a program that finds the Markdown files and reads each
 *     one, started and timed as raci-lint is, which is how the issue timed it (0.24 s for
 *     59 MB); and, for reference, the reads alone in this running process, given the list;
 *   - `raci-lint --format json` (the packaged CLI, packages/raci-lint/dist/cli.js), and
 *     the same with `--jobs 1`, whose report must be identical;
 *   - `markdownlint-cli2 "**\/*.md"` (every rule);
 *   - a whole-document remark-gfm parse of every file, in process;
 *   - peak RSS of each program (its maxRSS, worker threads included);
 *   - opening one of the 300 KB prose documents: the engine's analysis in process (a
 *     fresh service per sample), and didOpen → publishDiagnostics in the language server.
 * and prints the ratios against the targets.
 *
 * Flags: --no-build        skip `node esbuild.mjs`
 *        --files=N         number of files (default 5000)
 *        --no-markdownlint --no-remark   skip the slow comparisons (for development)
 *        --write           replace the `## Workspace benchmark` section of docs/performance.md
 *        --keep            leave the generated tree (its path is printed)
 * No timing here belongs in the test suite: this is a report, it never fails a build.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.mjs';
import { loadEngine } from './drive.mjs';
import { startServer } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'packages/raci-lint/dist/cli.js');
const SERVER = path.join(ROOT, 'dist/server.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const DOC = path.join(ROOT, 'docs/performance.md');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const found = argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const FILES = Number(option('files', '5000'));
const TARGETS = { floor: 5, markdownlint: 30, rssMb: 250, openMs: 10 };
const log = (line) => process.stderr.write(`${line}\n`);
const now = () => performance.now();

// ---------------------------------------------------------------- the tree

const WORDS = (
  'the a of to and in is for that on with as by this be are from or it at an not which can when each your you we our ' +
  'service platform customer provider request incident change release deployment configuration network storage backup ' +
  'security access account policy process team owner review approval ticket support level agreement availability ' +
  'monitoring alert escalation procedure document section guide reference overview details example note warning ' +
  'cluster node instance volume snapshot region zone endpoint gateway certificate token secret key rotation audit ' +
  'compliance report metric dashboard threshold capacity performance latency throughput quota limit usage billing ' +
  'invoice contract responsibility operation maintenance window schedule migration upgrade rollback recovery plan ' +
  'test validation acceptance criteria requirement scope objective milestone delivery handover training onboarding ' +
  'user administrator operator developer engineer manager analyst architect consultant partner vendor'
).split(' ');

function generator(seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const title = (n) => {
    const text = words(n);
    return text[0].toUpperCase() + text.slice(1);
  };
  const sentence = () => {
    let text = title(int(6, 22));
    const roll = random();
    if (roll < 0.08) text += ` (see [${words(2)}](../${pick(WORDS)}/${pick(WORDS)}.md#${pick(WORDS)}))`;
    else if (roll < 0.13) text += ` with \`${pick(WORDS)} | ${pick(WORDS)}\``;
    else if (roll < 0.18) text += `, **${words(2)}**`;
    else if (roll < 0.21) text += ` at <https://example.com/${pick(WORDS)}>`;
    return `${text}.`;
  };
  const paragraph = () => Array.from({ length: int(2, 9) }, sentence).join(' ');
  const list = () => {
    const ordered = random() < 0.3;
    return Array.from({ length: int(2, 7) }, (_, i) => {
      const item = `${ordered ? `${i + 1}.` : '-'} ${sentence()}`;
      return random() < 0.2 ? `${item}\n  - ${sentence()}\n  - ${sentence()}` : item;
    }).join('\n');
  };
  const code = () => {
    const kind = pick(['sh', 'sh', 'yaml', 'js', 'text']);
    const lines = Array.from({ length: int(2, 12) }, () => {
      if (kind === 'sh')
        return `${pick(['kubectl get pods', 'cat access.log', 'ls -la', 'journalctl -u app'])} | grep ${pick(WORDS)} | sort | uniq -c`;
      if (kind === 'yaml') return `${pick(WORDS)}: ${pick(WORDS)} # ${words(3)}`;
      if (kind === 'js') return `const ${pick(WORDS)} = items.filter((x) => x.${pick(WORDS)} || x.${pick(WORDS)});`;
      return `| ${words(2)} | ${words(2)} |`;
    });
    return `\`\`\`${kind}\n${lines.join('\n')}\n\`\`\``;
  };
  const listWithCode = () =>
    `1. ${sentence()}\n\n   \`\`\`sh\n   curl -s https://example.com/api | jq .${pick(WORDS)}\n   \`\`\`\n\n2. ${sentence()}`;
  const table = () => {
    const columns = pick([
      ['Name', 'Type', 'Default', 'Description'],
      ['Parameter', 'Description'],
      ['Version', 'Date', 'Changes'],
      ['Field', 'Required', 'Description'],
    ]);
    const rows = Array.from({ length: int(3, 15) }, () =>
      columns.map((_, i) => (i === columns.length - 1 ? title(int(4, 14)) : `\`${pick(WORDS)}\``)),
    );
    return [columns, columns.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  };
  const matrix = () => {
    const parties = ['Client', 'Provider', 'Security team', 'Service desk'].slice(0, int(2, 4));
    const codes = ['R', 'A', 'C', 'I', 'RA', 'C, I', '', 'R', 'A'];
    const rows = Array.from({ length: int(5, 40) }, () => {
      const cells = parties.map(() => pick(codes));
      if (!cells.some((c) => c.includes('A'))) cells[int(0, cells.length - 1)] = random() < 0.8 ? 'A' : cells[0];
      return `| ${title(int(3, 8))} | ${cells.join(' | ')} |`;
    });
    return [`| Activity | ${parties.join(' | ')} |`, `|---|${parties.map(() => '---').join('|')}|`, ...rows].join('\n');
  };
  const frontMatter = () =>
    `---\ntitle: ${random() < 0.1 ? `${title(2)} | ${title(2)}` : title(4)}\ndescription: ${words(12)}\ntags: [${words(3).split(' ').join(', ')}]\n---\n\n`;

  /** One document of about `size` characters. */
  return function document(size, { tables, matrices, prose }) {
    let text = random() < 0.6 ? frontMatter() : '';
    text += `# ${title(int(2, 6))}\n\n${paragraph()}\n\n`;
    let tablesLeft = tables;
    let matricesLeft = matrices;
    while (text.length < size) {
      const roll = random();
      let block;
      if (matricesLeft > 0 && roll < 0.1) {
        block = `## ${pick(['Responsibilities', 'RACI', 'Who does what', 'Roles'])}\n\n${matrix()}`;
        matricesLeft--;
      } else if (tablesLeft > 0 && roll < 0.2) {
        block = table();
        tablesLeft--;
      } else if (roll < 0.3) block = `${pick(['##', '##', '###', '####'])} ${title(int(2, 7))}`;
      else if (roll < 0.6 || prose) block = paragraph();
      else if (roll < 0.75) block = list();
      else if (roll < 0.86) block = code();
      else if (roll < 0.9) block = `> ${paragraph()}`;
      else if (roll < 0.93) block = listWithCode();
      else if (roll < 0.95) block = `<!-- ${words(5)} -->`;
      else if (roll < 0.97) block = `${title(3)}\n${'-'.repeat(12)}`;
      else block = `![${words(2)}](images/${pick(WORDS)}.png)`;
      text += `${block}\n\n`;
    }
    return text;
  };
}

function generateTree(dir, count) {
  const document = generator(15);
  const random = rng(1515);
  const sections = Array.from({ length: 40 }, (_, i) => `section-${String(i).padStart(2, '0')}-${WORDS[(i * 7) % WORDS.length]}`);
  const big = Math.max(1, Math.round(count / 100));
  let bytes = 0;
  const files = [];
  for (let i = 0; i < count; i++) {
    const isBig = i % Math.round(count / big) === 7;
    const size = isBig ? 200_000 + Math.floor(random() * 100_000) : 1_500 + Math.floor(-Math.log(1 - random()) * 7_300);
    const hasTable = !isBig && random() < 1 / 3;
    const hasMatrix = !isBig && random() < 0.03;
    const text = document(size, { tables: hasTable ? 1 + Math.floor(random() * 3) : 0, matrices: hasMatrix ? 1 : 0, prose: isBig });
    const section = sections[i % sections.length];
    const sub = random() < 0.5 ? `topic-${i % 7}` : '';
    const file = path.join(dir, section, sub, `${isBig ? 'glossary' : 'page'}-${String(i).padStart(4, '0')}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files.push({ file, big: isBig, table: hasTable, matrix: hasMatrix });
  }
  return { files, bytes };
}

// ---------------------------------------------------------------- measurements

/** Runs a program with its peak RSS written at exit (a preload: worker threads are in the same process). */
function timed(args, cwd, tmp, name) {
  const rssFile = path.join(tmp, `${name}.rss`);
  const outFile = path.join(tmp, `${name}.out`);
  const out = fs.openSync(outFile, 'w');
  const t0 = now();
  const result = spawnSync(process.execPath, ['--require', path.join(tmp, 'rss.cjs'), ...args], {
    cwd,
    stdio: ['ignore', out, out],
    env: { ...process.env, RACI_BENCH_RSS: rssFile, LANG: 'C' },
    timeout: 30 * 60_000,
  });
  const ms = now() - t0;
  fs.closeSync(out);
  const rssKb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) : NaN;
  return { ms, rssMb: rssKb / 1024, status: result.status, outFile };
}

/**
 * The floor: a program that does the least raci-lint must do, find the `.md` files under the
 * current directory (as raci-lint, without `node_modules` and `.git`) and read each as text.
 */
const READ_TREE = `
const fs = require('node:fs');
const path = require('node:path');
let files = 0;
let chars = 0;
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== 'node_modules' && entry.name !== '.git') walk(file); }
    else if (entry.isFile() && entry.name.endsWith('.md')) { files++; chars += fs.readFileSync(file, 'utf8').length; }
  }
})('.');
console.log(files, chars);
`;

/** The median run of `runs` runs of a program (wall time and peak RSS of that run). */
function timedMedian(runs, ...args) {
  const results = Array.from({ length: runs }, () => timed(...args));
  return [...results].sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)];
}

function readAll(files) {
  const t0 = now();
  let chars = 0;
  for (const { file } of files) chars += fs.readFileSync(file, 'utf8').length;
  return { ms: now() - t0, chars };
}

async function remarkAll(files) {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  const processor = unified().use(remarkParse).use(remarkGfm);
  const t0 = now();
  for (const { file } of files) processor.parse(fs.readFileSync(file, 'utf8'));
  return { ms: now() - t0 };
}

/** A 300 KB prose document opened in a warmed-up engine: a fresh service per sample. */
function openInEngine(engine, texts) {
  const settings = engine.DEFAULT_SETTINGS;
  // Warm the engine (and the JIT) on other documents first, as a server that is running.
  for (let i = 0; i < 3; i++)
    for (const text of texts.slice(1))
      engine.createRaciService().getDiagnostics({ uri: 'file:///w.md', version: 1, getText: () => text }, settings);
  const samples = [];
  for (let i = 0; i < 20; i++) {
    const text = texts[0];
    const service = engine.createRaciService();
    const t0 = now();
    service.getDiagnostics({ uri: 'file:///open.md', version: 1, getText: () => text }, settings);
    samples.push(now() - t0);
  }
  return samples;
}

async function openInServer(texts) {
  const server = await startServer(SERVER);
  try {
    // Warm the server on the other documents, then time the first one's open to its diagnostics.
    let n = 0;
    for (const text of texts.slice(1)) {
      const uri = `file:///warm-${n++}.md`;
      server.open(uri, text);
      await server.diagnostics(uri, 1);
    }
    const samples = [];
    for (let i = 0; i < 10; i++) {
      const uri = `file:///open-${i}.md`;
      const t0 = now();
      server.open(uri, texts[0]);
      await server.diagnostics(uri, 1);
      samples.push(now() - t0);
    }
    return samples;
  } finally {
    await server.shutdown();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

// ---------------------------------------------------------------- main

if (!flag('no-build')) {
  log('building (node esbuild.mjs)');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const loadAtStart = os.loadavg()[0];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'raci-workspace-'));
fs.writeFileSync(
  path.join(tmp, 'rss.cjs'),
  "const { isMainThread } = require('node:worker_threads');\n" +
    "if (isMainThread && process.env.RACI_BENCH_RSS) process.on('exit', () => require('node:fs').writeFileSync(process.env.RACI_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
);
const tree = path.join(tmp, 'handbook');
log(`generating ${FILES} files in ${tree}`);
const { files, bytes } = generateTree(tree, FILES);
const bigFiles = files.filter((f) => f.big);
log(
  `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${files.filter((f) => f.table).length} with tables, ${files.filter((f) => f.matrix).length} with matrices, ${bigFiles.length} of 200-300 KB`,
);

const results = {};
// Each program three times, the median reported: one run of a second on a shared machine
// is one sample of its load.
const RUNS = 3;
log('reading every file');
readAll(files); // the page cache, as for every program after it
results.readInProcess = readAll(files);
fs.writeFileSync(path.join(tmp, 'read-tree.cjs'), READ_TREE);
results.read = timedMedian(RUNS, [path.join(tmp, 'read-tree.cjs')], tree, tmp, 'read');
if (results.read.status !== 0) throw new Error(`the floor program failed: see ${results.read.outFile}`);
log(`  ${fmt(results.read.ms)} (the reads alone, in process: ${fmt(results.readInProcess.ms)})`);
log('raci-lint --format json');
results.raci = timedMedian(RUNS, [CLI, '--format', 'json', '.'], tree, tmp, 'raci');
log(`  ${fmt(results.raci.ms)}, ${results.raci.rssMb.toFixed(0)} MB, exit ${results.raci.status}`);
log('raci-lint --format json --jobs 1');
// Without --jobs (one file at a time only), the same run again: its report must be the same.
const hasJobs = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout.includes('--jobs');
results.raciOne = timedMedian(RUNS, [CLI, '--format', 'json', ...(hasJobs ? ['--jobs', '1'] : []), '.'], tree, tmp, 'raci-one');
log(`  ${fmt(results.raciOne.ms)}, ${results.raciOne.rssMb.toFixed(0)} MB`);
const sameReport = fs.readFileSync(results.raci.outFile, 'utf8') === fs.readFileSync(results.raciOne.outFile, 'utf8');
const report = JSON.parse(fs.readFileSync(results.raci.outFile, 'utf8'));
const findings = report.reduce((n, r) => n + r.messages.length, 0);
log(`  same report: ${sameReport}; ${report.length} files, ${findings} findings`);
if (!flag('no-markdownlint')) {
  log('markdownlint-cli2 "**/*.md"');
  // A comparator that did not run would make raci-lint look slow, or fast: say so instead.
  if (!fs.existsSync(MARKDOWNLINT)) throw new Error(`markdownlint-cli2 is not installed (${MARKDOWNLINT}): run npm ci`);
  results.markdownlint = timed([MARKDOWNLINT, '**/*.md'], tree, tmp, 'markdownlint');
  // Its exit codes: 0, nothing found; 1, findings; anything else, it failed.
  if (results.markdownlint.status !== 0 && results.markdownlint.status !== 1)
    throw new Error(`markdownlint-cli2 failed (exit ${results.markdownlint.status}): see ${results.markdownlint.outFile}`);
  log(`  ${fmt(results.markdownlint.ms)}, ${results.markdownlint.rssMb.toFixed(0)} MB`);
}
if (!flag('no-remark')) {
  log('remark-gfm, whole documents');
  results.remark = await remarkAll(files);
  log(`  ${fmt(results.remark.ms)}`);
}
log('opening a 300 KB prose document');
const bigTexts = bigFiles.slice(0, 4).map(({ file }) => fs.readFileSync(file, 'utf8'));
const engine = await loadEngine();
if (!engine) throw new Error('the engine could not be bundled');
results.openEngine = openInEngine(engine, bigTexts);
results.openServer = await openInServer(bigTexts);
log(
  `  engine ${fmt(median(results.openEngine))}, server ${fmt(median(results.openServer))} (${(bigTexts[0].length / 1000).toFixed(0)} KB)`,
);

const ratio = (a, b) => (a / b).toFixed(a / b >= 10 ? 0 : 1);
const check = (ok) => (ok ? 'met' : '**missed**');
const lines = [
  `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${files.filter((f) => f.table).length} with ordinary tables, ${files.filter((f) => f.matrix).length} with matrices, ${bigFiles.length} prose files of 200–300 KB); ${os.availableParallelism()} cores, load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end, Node ${process.versions.node}.`,
  '',
  '| what | wall time | peak RSS | ratio |',
  '|---|---|---|---|',
  `| reading every file: a program that finds the \`.md\` files and reads each (the floor) | ${fmt(results.read.ms)} | ${results.read.rssMb.toFixed(0)} MB | 1 |`,
  `| the reads alone, in a running process given the list of files | ${fmt(results.readInProcess.ms)} | | ${ratio(results.readInProcess.ms, results.read.ms)}× the floor |`,
  `| \`raci-lint --format json\` | ${fmt(results.raci.ms)} | ${results.raci.rssMb.toFixed(0)} MB | ${ratio(results.raci.ms, results.read.ms)}× the floor |`,
  `| \`raci-lint --format json --jobs 1\` | ${fmt(results.raciOne.ms)} | ${results.raciOne.rssMb.toFixed(0)} MB | ${ratio(results.raciOne.ms, results.read.ms)}× the floor |`,
  results.markdownlint &&
    `| \`markdownlint-cli2 "**/*.md"\` | ${fmt(results.markdownlint.ms)} | ${results.markdownlint.rssMb.toFixed(0)} MB | ${ratio(results.markdownlint.ms, results.raci.ms)}× raci-lint |`,
  results.remark &&
    `| remark-gfm parse of every file, in process | ${fmt(results.remark.ms)} | | ${ratio(results.remark.ms, results.raci.ms)}× raci-lint |`,
  `| opening a ${(bigTexts[0].length / 1000).toFixed(0)} KB prose document: the engine's analysis (median of 20) | ${fmt(median(results.openEngine))} | | |`,
  `| the same in the language server, didOpen → diagnostics (median of 10) | ${fmt(median(results.openServer))} | | |`,
  '',
  `Programs (the floor, raci-lint, markdownlint-cli2) are timed from their start to their exit, as a user runs them; each figure is the median of ${RUNS} runs (markdownlint-cli2: one).`,
  '',
  `The report of \`--jobs 1\` is ${sameReport ? 'identical' : '**not identical**'} (${report.length} files, ${findings} findings).`,
  '',
  '| target | result | |',
  '|---|---|---|',
  `| raci-lint within ${TARGETS.floor}× of reading the files | ${ratio(results.raci.ms, results.read.ms)}× (${ratio(results.raci.ms, results.readInProcess.ms)}× the reads alone) | ${check(results.raci.ms <= TARGETS.floor * results.read.ms)} |`,
  results.markdownlint &&
    `| at least ${TARGETS.markdownlint}× faster than markdownlint-cli2 | ${ratio(results.markdownlint.ms, results.raci.ms)}× | ${check(results.markdownlint.ms >= TARGETS.markdownlint * results.raci.ms)} |`,
  `| peak RSS under ${TARGETS.rssMb} MB | ${results.raci.rssMb.toFixed(0)} MB | ${check(results.raci.rssMb < TARGETS.rssMb)} |`,
  `| findings identical to one file at a time | ${sameReport ? 'identical' : 'different'} | ${check(sameReport)} |`,
  `| opening a 300 KB prose document under ${TARGETS.openMs} ms of analysis | ${fmt(median(results.openEngine))} | ${check(median(results.openEngine) < TARGETS.openMs)} |`,
].filter((line) => line !== undefined && line !== false);
const section = lines.join('\n');
process.stdout.write(`${section}\n`);

if (flag('write')) {
  const doc = fs.readFileSync(DOC, 'utf8');
  const heading = '## Workspace benchmark';
  const body = `${heading}\n\n\`npm run bench:workspace\` (bench/workspace.mjs), ${new Date().toISOString().slice(0, 10)}:\n\n${section}\n`;
  const start = doc.indexOf(heading);
  let next = start < 0 ? -1 : doc.indexOf('\n## ', start + heading.length);
  const updated = start < 0 ? `${doc.trimEnd()}\n\n${body}` : `${doc.slice(0, start)}${body}${next < 0 ? '' : `\n${doc.slice(next + 1)}`}`;
  fs.writeFileSync(DOC, updated);
  log(`wrote ${path.relative(ROOT, DOC)}`);
}
if (flag('keep')) log(`kept ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
