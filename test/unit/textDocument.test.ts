import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from '../../server/src/lsp/textDocument';
import { computeLineStarts } from '../../server/src/engine/text/positions';
import { flatten, PieceSource } from '../../server/src/engine/text/source';
import { fraction } from '../helpers/markdown-gen';

const chunk = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n', 'é', '😀', '|', 'R', '');
const text = fc.array(chunk, { maxLength: 30 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
/** A change as editors send them: a range inside the document (as offsets, turned into positions), or the whole text. */
const change = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({ from: fraction, to: fraction, text }),
  },
  { weight: 1, arbitrary: fc.record({ text }) },
);

test('the piece document reads, positions and updates exactly as vscode-languageserver-textdocument', () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
      fc.array(position, { maxLength: 6 }),
      (initial, versions, probes) => {
        const reference = TextDocument.create('file:///a.md', 'markdown', 1, initial);
        const pieces = new PieceTextDocument('file:///a.md', 'markdown', 1, initial);
        const same = () => {
          // Read through its pieces first (getText() below joins them): what the engine reads.
          const source = pieces.getSource();
          const expected = reference.getText();
          assert.equal(source.length, expected.length);
          for (let offset = -1; offset <= expected.length; offset++) {
            assert.equal(source.charCodeAt(offset), expected.charCodeAt(offset), `charCodeAt ${offset}`);
            if (offset >= 0) assert.equal(source.slice(offset, Math.min(expected.length, offset + 7)), expected.slice(offset, offset + 7));
          }
          assert.equal(pieces.lineCount, reference.lineCount);
          for (const probe of probes) {
            assert.equal(pieces.offsetAt(probe), reference.offsetAt(probe), `offsetAt ${JSON.stringify(probe)}`);
            assert.deepEqual(pieces.getLineRange(probe.line), reference.getLineRange(probe.line));
            assert.equal(pieces.getEOLCharacters(probe.line), reference.getEOLCharacters(probe.line));
            const offset = probe.line * 3 + probe.character;
            assert.deepEqual(pieces.positionAt(offset), reference.positionAt(offset), `positionAt ${offset}`);
          }
          assert.equal(pieces.getText(), reference.getText());
          // The line table it hands the engine is the one the engine would compute from the text.
          assert.deepEqual([...pieces.lineStarts()], [...computeLineStarts(pieces.getText())]);
        };
        same();
        let version = 1;
        for (const batch of versions) {
          version++;
          // Changes in one notification apply one after the other: each range is taken on the text before it.
          for (const c of batch) {
            const changes = ['from' in c ? { range: rangeIn(reference, c.from, c.to), text: c.text } : { text: c.text }];
            TextDocument.update(reference, changes, version);
            pieces.update(changes, version);
          }
          assert.equal(pieces.version, reference.version);
          same();
        }
      },
    ),
    { seed: 20261124, numRuns: 2000 },
  );
});

test('changes with ranges past the end or reversed never throw, and the text stays a string', () => {
  const anyChange = fc.record({ range: fc.record({ start: position, end: position }), text });
  fc.assert(
    fc.property(text, fc.array(anyChange, { maxLength: 8 }), (initial, changes) => {
      const pieces = new PieceTextDocument('file:///a.md', 'markdown', 1, initial);
      changes.forEach((c, i) => pieces.update([c], i + 2));
      assert.equal(typeof pieces.getText(), 'string');
      assert.ok(pieces.lineCount >= 1);
    }),
    { seed: 20261124, numRuns: 1000 },
  );
});

test('positions past the end (line or character) clamp to the end, as LSP says: the text and the line table are those of the clamped change', () => {
  const far = fc.record({
    line: fc.oneof(fc.integer({ min: -2, max: 14 }), fc.constant(100_000_000)),
    character: fc.oneof(fc.integer({ min: -2, max: 14 }), fc.constant(2 ** 31)),
  });
  const anyChange = fc.record({ range: fc.record({ start: far, end: far }), text });
  fc.assert(
    fc.property(text, fc.array(anyChange, { minLength: 1, maxLength: 8 }), (initial, changes) => {
      const reference = TextDocument.create('file:///a.md', 'markdown', 1, initial);
      const pieces = new PieceTextDocument('file:///a.md', 'markdown', 1, initial);
      changes.forEach((c, i) => {
        // What the change means: its ends moved to where offsetAt puts them.
        const clamp = (p: { line: number; character: number }) => reference.positionAt(reference.offsetAt(p));
        const [start, end] = [clamp(c.range.start), clamp(c.range.end)];
        const ordered = reference.offsetAt(start) <= reference.offsetAt(end) ? { start, end } : { start: end, end: start };
        TextDocument.update(reference, [{ range: ordered, text: c.text }], i + 2);
        pieces.update([c], i + 2);
        assert.equal(pieces.getText(), reference.getText());
        assert.deepEqual([...pieces.lineStarts()], [...computeLineStarts(pieces.getText())], 'no hole in the line table');
        assert.equal(pieces.lineCount, reference.lineCount);
      });
    }),
    { seed: 20261128, numRuns: 2000 },
  );
});

test('an edit at line 100,000,000 appends to the last line and leaves a table of the real lines only', () => {
  const pieces = new PieceTextDocument('file:///a.md', 'markdown', 1, '| A | B |\n|---|---|\n');
  // One line added in a range one line long: the case where the table is patched in place.
  pieces.update(
    [{ range: { start: { line: 100_000_000, character: 0 }, end: { line: 100_000_001, character: 0 } }, text: '| x | R |\n' }],
    2,
  );
  assert.equal(pieces.getText(), '| A | B |\n|---|---|\n| x | R |\n');
  assert.deepEqual([...pieces.lineStarts()], [0, 10, 20, 30]);
  assert.deepEqual(pieces.positionAt(26), { line: 2, character: 6 });
});

test('compacting joins the pieces of a document edited a few times, and keeps its text', () => {
  const reference = TextDocument.create('file:///a.md', 'markdown', 1, '| Activity | Client |\n| --- | --- |\n| Ship | R |\n'.repeat(20));
  const pieces = new PieceTextDocument('file:///a.md', 'markdown', 1, reference.getText());
  for (let version = 2; version < 8; version++) {
    const change = [{ range: rangeIn(reference, version / 10, version / 10), text: 'A' }];
    TextDocument.update(reference, change, version);
    pieces.update(change, version);
  }
  const piecesOf = () => (pieces.getSource() as PieceSource).pieces.length;
  assert.ok(piecesOf() > 1, 'six edits leave the text in pieces');
  pieces.compact();
  assert.equal(piecesOf(), 1);
  assert.equal(flatten(pieces.getSource()), reference.getText());
  assert.equal(pieces.offsetAt({ line: 30, character: 3 }), reference.offsetAt({ line: 30, character: 3 }));
});

function rangeIn(document: TextDocument, from: number, to: number) {
  const length = document.getText().length;
  const [a, b] = [Math.floor(from * length), Math.floor(to * length)].sort((x, y) => x - y);
  return { start: document.positionAt(a), end: document.positionAt(b) };
}

test('changedSince tells what is the same as in an earlier version: never a changed character, back as far as its log goes', () => {
  const anyChange = fc.oneof(
    { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
    { weight: 1, arbitrary: fc.record({ text }) },
  );
  fc.assert(
    fc.property(text, fc.array(fc.array(anyChange, { minLength: 1, maxLength: 3 }), { maxLength: 40 }), (initial, updates) => {
      const document = new PieceTextDocument('file:///a.md', 'markdown', 1, initial);
      const versions = new Map([[1, initial]]);
      updates.forEach((changes, i) => {
        document.update(changes, i + 2);
        versions.set(i + 2, document.getText());
      });
      const current = document.getText();
      for (const [version, before] of versions) {
        const unchanged = document.changedSince(version);
        // The log holds the last 32 updates: older versions are unknown, never guessed.
        if (document.version - version > 32) {
          assert.equal(unchanged, undefined);
          continue;
        }
        assert.ok(unchanged, `version ${version} of ${document.version}`);
        const { head, tail } = unchanged;
        assert.ok(head >= 0 && tail >= 0 && head + tail <= current.length && head + tail <= before.length, JSON.stringify(unchanged));
        assert.equal(current.slice(0, head), before.slice(0, head));
        assert.equal(current.slice(current.length - tail), before.slice(before.length - tail));
      }
      assert.equal(document.changedSince(document.version + 1), undefined);
    }),
    { seed: 20261128, numRuns: 500 },
  );
});
