import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import {
  analyze,
  applyEdits,
  createRaciService,
  fixAllText,
  LineIndex,
  type Finding,
  type PositionEncoding,
} from '../../server/src/engine';
import type { AnalysisCache } from '../../server/src/engine/analyze';
import { edit, markdownDocument } from '../helpers/markdown-gen';
import { settings } from '../helpers/engine';
import { PieceTextDocument } from '../../server/src/lsp/textDocument';
import { computeLineStarts } from '../../server/src/engine/text/positions';

/** Bounded by default; `npm run fuzz` raises it (FUZZ_RUNS) for a long run. */
const runs = Number(process.env.FUZZ_RUNS ?? 100);
const seed = Number(process.env.FUZZ_SEED ?? 7);
const options = { seed, numRuns: runs };

/** Cases actually run per property, printed as one summary line at the end. */
const cases = new Map<string, number>();
function counted<T extends unknown[]>(name: string, check: (...args: T) => void): (...args: T) => void {
  cases.set(name, 0);
  return (...args: T) => {
    cases.set(name, cases.get(name)! + 1);
    check(...args);
  };
}
after(() => {
  const total = [...cases.values()].reduce((a, b) => a + b, 0);
  const each = [...cases].map(([name, count]) => `${name} ${count}`).join(', ');
  console.log(`fuzz summary: seed ${seed}, ${runs} runs per property, ${total} cases run in all (${each})`);
});

const BREAK = /\r\n|\r|\n/;

test(`the engine never throws and every range lies in the document (${runs} documents)`, () => {
  fc.assert(
    fc.property(
      markdownDocument,
      counted('never-throws', (text: string) => {
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
          service.getCodeActions(doc, settings(), { start: position, end: position });
        }
        service.getSymbols(doc, settings());
        service.getFixAll(doc, settings());
      }),
    ),
    options,
  );
});

test(`every LSP range lies inside its lines, in UTF-16 and in UTF-8 (${runs} documents)`, () => {
  const utf8 = (s: string) =>
    Buffer.byteLength(s.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => (isPaired(all, i) ? c : '\uFFFD')));
  fc.assert(
    fc.property(
      markdownDocument,
      counted('lsp-ranges', (text: string) => {
        // The lines as an LSP client sees them: \n, \r\n and \r end a line, nothing else.
        const lines = text.split(BREAK);
        for (const encoding of ['utf-16', 'utf-8'] as PositionEncoding[]) {
          const service = createRaciService({ encoding });
          const doc = TextDocument.create('file:///f.md', 'markdown', 1, text);
          const length = (line: number) => (encoding === 'utf-16' ? lines[line].length : utf8(lines[line]));
          const inside = (p: { line: number; character: number }, what: string) => {
            assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
            assert.ok(
              p.character >= 0 && p.character <= length(p.line),
              `${what}: ${encoding} character ${p.character} past line ${p.line} (${length(p.line)})`,
            );
          };
          const diagnostics = service.getDiagnostics(doc, settings());
          for (const d of diagnostics) {
            inside(d.range.start, `${d.code} start`);
            inside(d.range.end, `${d.code} end`);
          }
          const all = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
          for (const action of service.getCodeActions(doc, settings(), all)) {
            for (const e of action.edit?.changes?.[doc.uri] ?? []) {
              inside(e.range.start, `${action.title} start`);
              inside(e.range.end, `${action.title} end`);
            }
          }
          for (const e of service.format(doc, settings())) {
            inside(e.range.start, 'format start');
            inside(e.range.end, 'format end');
          }
        }
      }),
    ),
    options,
  );
});

function isPaired(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code <= 0xdbff) return i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
}

test(`every fix, applied alone, changes nothing outside its row and removes its finding (${runs} documents)`, () => {
  const same = (a: Finding, b: Finding) =>
    a.ruleId === b.ruleId &&
    a.data.activity === b.data.activity &&
    a.data.code === b.data.code &&
    a.data.parties?.join() === b.data.parties?.join();
  fc.assert(
    fc.property(
      markdownDocument,
      counted('fix-alone', (text: string) => {
        const model = analyze(text, settings());
        const lines = new LineIndex(text);
        // Every fix is checked to stay in its row; re-analysis (the costly part) for at most ~40 spread over the document.
        const fixable = model.findings.filter((f) => f.fixes.length > 0);
        const stride = Math.max(1, Math.ceil(fixable.length / 40));
        for (const [index, finding] of fixable.entries()) {
          const row = lines.lineOf(finding.start);
          const rowStart = lines.lineStarts[row];
          const rowEnd = lines.lineEnd(row);
          const sameOnRow = (findings: Finding[], index: LineIndex) =>
            findings.filter((f) => same(f, finding) && index.lineOf(f.start) === row).length;
          const before = sameOnRow(model.findings, lines);
          // In a matrix whose activities are columns, a fix of an activity edits a cell of its column: another row.
          const matrix = model.matrices.find((m) => m.table.start <= finding.start && finding.start <= m.table.end);
          const byColumn = matrix?.layout === 'transposed' || matrix?.layout === 'per-activity';
          // A letter undefined in a whole matrix is defined by a line of legend or the front matter: outside any row, by design.
          if (finding.ruleId === 'undefined-role') {
            const count = (findings: Finding[]) =>
              findings.filter((f) => f.ruleId === 'undefined-role' && f.data.code === finding.data.code).length;
            for (const fix of finding.fixes) {
              const fixed = applyEdits(text, fix.edits);
              for (const e of fix.edits)
                assert.ok(e.start === e.end || e.end <= (model.blocks.frontMatter?.end ?? 0), `"${fix.title}" deletes text`);
              if (index % stride !== 0) continue;
              assert.ok(count(analyze(fixed, settings()).findings) < count(model.findings), `"${fix.title}" left its finding:\n${fixed}`);
            }
            continue;
          }
          for (const fix of finding.fixes) {
            for (const e of byColumn ? fix.edits : []) {
              const cell = matrix!.activities.flatMap((a) => a.assignments).find((a) => a.cell.start <= e.start && e.end <= a.cell.end);
              assert.ok(cell, `"${fix.title}" edits outside a cell of its matrix`);
              // An escaped pipe (`\|`) is text of the cell, which a fix may keep.
              assert.ok(!/[\r\n]|(?:^|[^\\])\|/.test(e.newText), `"${fix.title}" inserts a line break or a pipe`);
            }
            for (const e of byColumn ? [] : fix.edits) {
              assert.ok(
                rowStart <= e.start && e.end <= rowEnd,
                `"${fix.title}" edits ${e.start}-${e.end}, outside its row ${rowStart}-${rowEnd}`,
              );
              assert.ok(!/[\r\n]/.test(e.newText), `"${fix.title}" inserts a line break`);
            }
            const fixed = applyEdits(text, fix.edits);
            const delta = fixed.length - text.length;
            if (!byColumn) assert.equal(fixed.slice(0, rowStart), text.slice(0, rowStart), `"${fix.title}" changed text before its row`);
            if (!byColumn) assert.equal(fixed.slice(rowEnd + delta), text.slice(rowEnd), `"${fix.title}" changed text after its row`);
            if (finding.ruleId === 'duplicate-activity' || index % stride !== 0) continue;
            const again = analyze(fixed, settings(), { cache: model.cache as AnalysisCache });
            assert.ok(sameOnRow(again.findings, again.lines) < before, `"${fix.title}" left its ${finding.ruleId} finding:\n${fixed}`);
          }
        }
      }),
    ),
    options,
  );
});

test(`fix-all twice equals fix-all once (${runs} documents)`, () => {
  fc.assert(
    fc.property(
      markdownDocument,
      counted('fix-all-idempotent', (text: string) => {
        const once = fixAllText(analyze(text, settings()), settings());
        assert.equal(fixAllText(analyze(once, settings()), settings()), once);
      }),
    ),
    options,
  );
});

test(`formatting twice equals formatting once, and changes no cell (${runs} documents)`, () => {
  const cells = (t: string) =>
    analyze(t, settings()).matrices.map((m) => m.table.rows.map((r) => r.cells.map((c) => t.slice(c.contentStart, c.contentEnd))));
  fc.assert(
    fc.property(
      markdownDocument,
      counted('format-idempotent', (text: string) => {
        const service = createRaciService();
        const doc = TextDocument.create('file:///f.md', 'markdown', 1, text);
        const once = TextDocument.applyEdits(doc, service.format(doc, settings()));
        const doc2 = TextDocument.create('file:///f.md', 'markdown', 2, once);
        assert.deepEqual(service.format(doc2, settings()), []);
        assert.deepEqual(cells(once), cells(text));
      }),
    ),
    options,
  );
});

test(`the service after random edit sequences answers as a fresh one (${runs} documents)`, () => {
  fc.assert(
    fc.property(
      markdownDocument,
      fc.array(edit, { minLength: 1, maxLength: 6 }),
      counted('service-incremental', (text: string, edits: { from: number; length: number; text: string }[]) => {
        const service = createRaciService();
        let doc = TextDocument.create('file:///f.md', 'markdown', 1, text);
        service.getDiagnostics(doc, settings());
        for (const e of edits) {
          // Sent as an LSP ranged change, as an editor sends it (a position cannot fall inside a CRLF).
          const current = doc.getText();
          const start = Math.floor(e.from * current.length);
          const end = Math.min(current.length, start + e.length);
          doc = TextDocument.update(
            doc,
            [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.text }],
            doc.version + 1,
          );
          const fresh = TextDocument.create('file:///g.md', 'markdown', 1, doc.getText());
          const strip = <T extends { relatedInformation?: { location: { uri: string } }[] }>(list: T[]) =>
            list.map((d) => ({
              ...d,
              relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: '' } })),
            }));
          assert.deepEqual(strip(service.getDiagnostics(doc, settings())), strip(createRaciService().getDiagnostics(fresh, settings())));
        }
      }),
    ),
    options,
  );
});

test('a row with blanks after its closing pipe keeps its last cell', () => {
  const text = '| Activity | Client | Provider |\n| --- | --- | --- |\n| Build | RA | C |  \n';
  const model = analyze(text, settings());
  assert.deepEqual(
    model.findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`),
    [],
  );
  assert.deepEqual(
    model.matrices[0].table.rows[1].cells.map((c) => text.slice(c.contentStart, c.contentEnd)),
    ['Build', 'RA', 'C'],
  );
});

test('a table analysis cached under one scheme is not reused under another with the same codes', () => {
  const body =
    '| Rôle | Description |\n|---|---|\n| (K) x | __K__x |\n| (S) x | __S__x |\n| (R) x | __R__x |\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task | RA | C |\n';
  const first = analyze(`---\nraci:\n  scheme: RACI-VS\n---\n${body}`, settings());
  const text = `---\nraci:\n  scheme: RACI\n---\n${body}`;
  const messages = (model: ReturnType<typeof analyze>) => model.findings.map((f) => f.message);
  assert.deepEqual(messages(analyze(text, settings(), { cache: first.cache })), messages(analyze(text, settings())));
});

test(`edits past the end of the document apply at its end, and the analysis answers as a fresh one (${runs} documents)`, () => {
  // Lines and characters past the end, up to line 100,000,000: what a client out of sync sends.
  const far = fc.record({
    line: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(100_000_000)),
    character: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.constant(2 ** 31 - 1)),
  });
  const change = fc.record({
    start: far,
    end: far,
    text: fc.constantFrom('', '\n', 'x', '| Deploy | r | a |\n', '\r\n| Run | R | X |', '\n\n| A | B |\n|---|---|\n'),
  });
  fc.assert(
    fc.property(
      markdownDocument,
      fc.array(change, { minLength: 1, maxLength: 4 }),
      counted('edits-past-the-end', (text: string, changes: { start: Position; end: Position; text: string }[]) => {
        const service = createRaciService();
        const document = new PieceTextDocument('file:///p.md', 'markdown', 1, text);
        service.getDiagnostics(document, settings());
        changes.forEach((c, i) => {
          document.update([{ range: { start: c.start, end: c.end }, text: c.text }], i + 2);
          assert.deepEqual([...document.lineStarts()], [...computeLineStarts(document.getText())], 'the line table has no hole');
          const fresh = TextDocument.create('file:///p.md', 'markdown', 1, document.getText());
          assert.deepEqual(service.getDiagnostics(document, settings()), createRaciService().getDiagnostics(fresh, settings()));
        });
      }),
    ),
    options,
  );
});
