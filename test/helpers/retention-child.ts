/**
 * Run by test/unit/retention.test.ts in a process of its own (node --expose-gc):
 * analyses a large document through many edits and prints how much the heap grew.
 */
import { analyze, DEFAULT_SETTINGS } from '../../server/src/engine';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

// A 3,000-row matrix shaped like the benchmark's (bench/generate.mjs), with names long enough
// that V8 would keep them as views into the text.
const codes = ['__RA__', 'C', '__C, I__', '', 'I', 'R', 'A'];
const rowLines: number[] = [];
const lines = ['# Matrix', '', '| Activity | Customer | Provider | Integrator | Auditor |', '| --- | --- | --- | --- | --- |'];
for (let row = 0; row < 3000; row++) {
  rowLines.push(lines.length);
  lines.push(`| Review the incident runbook for tenant ${row} | ${[0, 1, 2, 3].map((p) => codes[(row * 3 + p * 5) % codes.length]).join(' | ')} |`);
}
const doc = { text: lines.join('\n'), rowLines };
let text = doc.text;
let model = analyze(text, DEFAULT_SETTINGS);
function edit(k: number) {
  // A cell made longer, in a different row each time: new pieces, names and findings each version.
  const line = doc.rowLines[(k * 977) % doc.rowLines.length];
  lines[line] = lines[line].replace(/ \|$/, ` C |`);
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
