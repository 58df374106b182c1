/**
 * Run by test/unit/retention.test.ts in a process of its own (node --expose-gc):
 * analyses a large document through many edits and prints how much the heap grew.
 */
import { analyze, DEFAULT_SETTINGS } from '../../server/src/engine';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

// 3,000 rows shaped like the benchmark's documents (bench/generate.mjs), with names long
// enough that V8 would keep them as views into the text: one matrix ("single"), or sixty of
// fifty rows under their headings ("tables", "tables-moving", argv[2]), where each edit
// re-reads one of them.
const codes = ['__RA__', 'C', '__C, I__', '', 'I', 'R', 'A'];
const header = ['| Activity | Customer | Provider | Integrator | Auditor |', '| --- | --- | --- | --- | --- |'];
const rowLines: number[] = [];
const lines = ['# Matrix', '', ...header];
for (let row = 0; row < 3000; row++) {
  if (process.argv[2].startsWith('tables') && row > 0 && row % 50 === 0) lines.push('', `## Part ${row / 50}`, '', ...header);
  rowLines.push(lines.length);
  lines.push(
    `| Review the incident runbook for tenant ${row} | ${[0, 1, 2, 3].map((p) => codes[(row * 3 + p * 5) % codes.length]).join(' | ')} |`,
  );
}
const doc = { text: lines.join('\n'), rowLines };
let text = doc.text;
let model = analyze(text, DEFAULT_SETTINGS);
function edit(k: number) {
  // In a different row each time, one of: a cell made longer (the pieces after it move);
  // the activity renamed (a name never seen before); a cell of 13 characters or more
  // without an A, never seen before (a finding whose fixes are written from the cell's
  // text), next to a cell of prose (a finding that quotes it).
  const line = doc.rowLines[(k * 977) % doc.rowLines.length];
  // Among many tables, keystrokes that move nothing ("tables"): the other tables are left
  // alone from version to version, and what is kept of them must not keep the text they were
  // read from; or the edits below ("tables-moving"), which move the tables after them.
  if (process.argv[2] === 'tables')
    lines[line] = lines[line].replace(/\| (I|C) \|/, (_, code: string) => `| ${code === 'I' ? 'C' : 'I'} |`);
  else if (k % 3 === 0) lines[line] = lines[line].replace(/ \|$/, ` C |`);
  else if (k % 3 === 1) lines[line] = lines[line].replace(/tenant \d+/, `tenant ${k} renamed`);
  else lines[line] = `| Review the incident runbook, step ${k} | __C__ ,${' '.repeat(k)}__I__ | to be decided at step ${k} | | |`;
  text = lines.join('\n');
  model = analyze(text, DEFAULT_SETTINGS, { cache: model.cache });
}
// Thirty edits first: what the engine and V8 keep once (optimised code, memo tables) is not a leak.
for (let k = 0; k < 30; k++) edit(k);
gc();
const before = process.memoryUsage().heapUsed;
for (let k = 30; k < 90; k++) edit(k);
text = '';
lines.length = 0;
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ grewBy: after - before, textLength: doc.text.length, findings: model.findings.length }));
