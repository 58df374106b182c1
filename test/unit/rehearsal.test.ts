import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRaciService, drain, type RaciDocument } from '../../server/src/engine';
import { settings } from '../helpers/engine';

/** A 600-row matrix with repeated activities far apart, a few mistakes and codes to rehearse on. */
function largeMatrix(): string[] {
  const cells = ['__RA__', 'C', '__C, I__', '', 'I', 'R', 'A', 'X'];
  const lines = ['# Matrix', '', '| Activity | Client | Provider | Auditor |', '|---|---|---|---|'];
  for (let row = 0; row < 600; row++) {
    const name = row % 150 === 3 ? 'Same task' : `Task ${row}`;
    lines.push(`| ${name} | ${[0, 1, 2].map((p) => cells[(row * 3 + p * 5) % cells.length]).join(' | ')} |`);
  }
  return lines;
}

const uri = 'file:///large.md';
const doc = (version: number, lines: string[]): RaciDocument => {
  const text = lines.join('\n');
  return { uri, version, getText: () => text };
};

test('the edits rehearsed after opening a document change nothing that is published then or later', () => {
  const lines = largeMatrix();
  const service = createRaciService();
  const opened = service.getDiagnostics(doc(1, lines), settings());
  assert.ok(opened.some((d) => d.code === 'duplicate-activity'), 'the document has findings to compare');
  drain(service.rehearseEdits(uri));
  // What hovers, completions and fixes answer from is still the document as it is.
  assert.equal(service.getModel(doc(1, lines), settings()).text, lines.join('\n'));
  assert.deepEqual(service.getDiagnostics(doc(1, lines), settings()), opened);

  // Then real edits, on the rows the rehearsal touched and elsewhere, one making a repeated activity.
  const edits: [number, (line: string) => string][] = [
    [4 + 60, (line) => line.replace(/\| C \|/, '| I |')],
    [4 + 300, (line) => line.replace(/\| (\S*) \|$/, '| $1 C |')],
    [4 + 540, () => '| Task 12 | R | A | I |'],
  ];
  let version = 1;
  for (const [line, change] of edits) {
    lines[line] = change(lines[line]);
    version++;
    const fresh = createRaciService().getDiagnostics(doc(version, lines), settings());
    assert.deepEqual(service.getDiagnostics(doc(version, lines), settings()), fresh);
  }
});
