import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type DocumentModel } from '../../server/src/engine';
import type { AnalysisCache } from '../../server/src/engine/analysis';
import { applyRandomEdit, edit, markdownDocument } from '../helpers/markdown-gen';
import { settings } from '../helpers/engine';

/** What a user can observe of an analysis: findings, their fixes, matrices and headings. */
function observable(model: DocumentModel) {
  return {
    findings: model.findings.map((f) => [f.ruleId, f.severity, f.start, f.end, f.message, f.fixes.map((x) => [x.title, x.edits])]),
    matrices: model.matrices.map((m) => [m.table.start, m.table.end, m.heading?.text, m.activities.map((a) => a.name)]),
    headings: model.blocks.headings.map((h) => [h.start, h.end, h.text]),
    legend: model.legend,
    problems: model.problems,
  };
}

test('parsing in chunks gives what parsing the whole document gives', () => {
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const chunked = analyze(text, settings());
      const whole = analyze(text, settings(), { wholeDocument: true });
      assert.deepEqual(observable(chunked), observable(whole));
    }),
    { seed: 20261124, numRuns: 300 },
  );
});

test('after any sequence of edits, reusing cached chunks equals analysing from scratch', () => {
  fc.assert(
    fc.property(markdownDocument, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
      let cache: AnalysisCache | undefined;
      let current = text;
      for (const e of edits) {
        const incremental = analyze(current, settings(), { cache });
        cache = incremental.cache;
        assert.deepEqual(observable(incremental), observable(analyze(current, settings(), { wholeDocument: true })));
        current = applyRandomEdit(current, e);
      }
    }),
    { seed: 424242, numRuns: 150 },
  );
});
