/**
 * Run by test/unit/retention.test.ts in a process of its own (node --expose-gc):
 * analyses a large document through many edits and prints how much the heap grew.
 */
import { analyze, DEFAULT_SETTINGS } from '../../server/src/engine';
import { generate } from '../../bench/generate.mjs';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const doc = generate(3000, 'single');
const lines = doc.text.split('\n');
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
