import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const shape of ['single', 'tables', 'tables-moving']) {
  test(`editing a large document (${shape}) does not keep old versions of its text alive`, () => retains(shape));
}

function retains(shape: string): void {
  const child = fileURLToPath(new URL('../helpers/retention-child.ts', import.meta.url));
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, shape], { encoding: 'utf8', cwd: root });
  const { grewBy, textLength, findings } = JSON.parse(output) as { grewBy: number; textLength: number; findings: number };
  assert.ok(findings > 0, 'the document was analysed');
  // Keeping old versions (a view kept in a cache keeps its whole string; a moved piece that
  // remembers every earlier move keeps every earlier version's rows) grew the heap by tens
  // of texts over sixty edits, and so did the pieces of a table handed on from version to
  // version with the text they were read from, or, for a table that moved, beside its moved rows. Without them the heap stays the size of one version.
  assert.ok(
    grewBy < 2 * textLength,
    `the heap grew by ${(grewBy / 1e6).toFixed(1)} MB over 60 edits of a ${(textLength / 1e3).toFixed(0)} KB text`,
  );
}
