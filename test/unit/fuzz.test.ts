import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, createRaciService, fixAllText, type Finding } from '../../server/src/engine';
import { markdownDocument } from '../helpers/markdown-gen';
import { settings } from '../helpers/engine';

/** Bounded by default; `npm run fuzz` raises it (FUZZ_RUNS) for a long run. */
const runs = Number(process.env.FUZZ_RUNS ?? 150);
const options = { seed: Number(process.env.FUZZ_SEED ?? 7), numRuns: runs };

const lineOf = (text: string, offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;

test(`the engine never throws and every range lies in the document (${runs} documents)`, () => {
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const model = analyze(text, settings());
      for (const finding of model.findings) {
        assert.ok(0 <= finding.start && finding.start <= finding.end && finding.end <= text.length, finding.ruleId);
        for (const fix of finding.fixes) for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
      }
      const service = createRaciService();
      const doc = TextDocument.create('file:///f.md', 'markdown', 1, text);
      for (let offset = 0; offset <= text.length; offset += Math.max(1, text.length >> 4)) {
        const position = doc.positionAt(offset);
        service.getHover(doc, settings(), position);
        service.getCompletions(doc, settings(), position);
      }
      service.getSymbols(doc, settings());
    }),
    options,
  );
});

test(`every fix, applied alone, touches only its own row and removes its finding (${runs} documents)`, () => {
  const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.data.activity === b.data.activity && a.data.code === b.data.code && a.data.parties?.join() === b.data.parties?.join();
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const model = analyze(text, settings());
      for (const finding of model.findings) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(text, fix.edits);
          const row = lineOf(text, finding.start);
          const before = text.split(/\r\n|\r|\n/);
          const after = fixed.split(/\r\n|\r|\n/);
          assert.equal(after.length, before.length, fix.title);
          for (const e of fix.edits) assert.equal(lineOf(text, e.start), lineOf(text, e.end));
          for (const [i, line] of after.entries()) {
            if (!fix.edits.some((e) => lineOf(text, e.start) === i)) assert.equal(line, before[i], `${fix.title} changed line ${i}`);
          }
          const again = analyze(fixed, settings()).findings.filter((f) => same(f, finding) && lineOf(fixed, f.start) === row && f.start <= finding.start + 8 && f.start >= finding.start - 8 && f.ruleId !== 'duplicate-activity');
          assert.deepEqual(again.map((f) => f.message), [], `"${fix.title}" left its finding:\n${fixed}`);
        }
      }
    }),
    options,
  );
});

test(`fix-all twice equals fix-all once (${runs} documents)`, () => {
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const once = fixAllText(analyze(text, settings()), settings());
      assert.equal(fixAllText(analyze(once, settings()), settings()), once);
    }),
    options,
  );
});

test(`formatting twice equals formatting once, and changes no cell (${runs} documents)`, () => {
  const cells = (t: string) =>
    analyze(t, settings()).matrices.map((m) => m.table.rows.map((r) => r.cells.map((c) => t.slice(c.contentStart, c.contentEnd))));
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const service = createRaciService();
      const doc = TextDocument.create('file:///f.md', 'markdown', 1, text);
      const once = TextDocument.applyEdits(doc, service.format(doc, settings()));
      const doc2 = TextDocument.create('file:///f.md', 'markdown', 2, once);
      assert.deepEqual(service.format(doc2, settings()), []);
      assert.deepEqual(cells(once), cells(text));
    }),
    options,
  );
});
